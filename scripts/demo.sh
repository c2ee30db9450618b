#!/bin/sh
# Extracts the bundled sample pages and shows the result.
#
# usage: sh scripts/demo.sh DECANT
set -eu
[ $# -ge 1 ] || { echo "usage: $0 DECANT" >&2; exit 2; }
decant=$1
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

echo "== $decant -j 2 samples/*.html   (one JSON record a line; shown pretty-printed)"
echo
"$decant" -j 2 samples/*.html | python3 -c '
import json, sys
for line in sys.stdin:
    if line.strip():
        print(json.dumps(json.loads(line), indent=2, ensure_ascii=False))
        print()
'
set -- samples/*.html
first=$1
echo "== $decant --format text $first"
echo
"$decant" --quiet --format text "$first"
echo
echo "demo: extracted $# sample pages. Try: $decant --format markdown samples/"
