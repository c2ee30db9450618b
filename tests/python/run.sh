#!/bin/sh
# The Python module's suite: builds it in place (make python), then runs
# tests/python/test_module.py against the CLI in BUILD.
#
# usage: sh tests/python/run.sh BUILD
# last line: "python: N passed, N failed"
set -u
[ $# -ge 1 ] || { echo "usage: $0 BUILD" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
build=${1%/}
python=${PYTHON:-/usr/bin/python3}
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT HUP INT TERM
if ! ${MAKE:-make} --no-print-directory PYTHON="$python" python >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "python: make python failed"
    echo "python: 0 passed, 1 failed"
    exit 1
fi
exec "$python" tests/python/test_module.py "$build/decant"
