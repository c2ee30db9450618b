#!/bin/sh
# The encoding corpus: tests/encodings/gen.py writes one short article per
# language in 24 charsets (windows-1250..1258, ISO-8859-1/2/5/7/15, KOI8-R/U,
# GB18030, GBK, Big5, Shift_JIS, EUC-JP, EUC-KR, UTF-16LE/BE with and without
# a BOM), each declared right, declared wrong and not declared, into a
# temporary folder; tests/encodings/check.py checks that every page gives
# the title and text of its UTF-8 original.
#
# usage: sh tests/encodings/run.sh DECANT
# last line: "encodings: N passed, N failed"
set -u
[ $# -ge 1 ] || { echo "usage: $0 DECANT" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
python3 "$here/gen.py" "$tmp" || { echo "encodings: 0 passed, 1 failed"; exit 1; }
python3 "$here/check.py" "$1" "$tmp"
