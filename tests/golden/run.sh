#!/bin/sh
# Golden tests: tests/golden/NAME.html is extracted with
#     DECANT -j 1 --quiet NAME.html
# and the record, normalised by normalize.py (no "source", sorted keys,
# indent 2), must equal tests/golden/NAME.json.  Where NAME.md or NAME.xhtml
# exists, `--format markdown` / `--format html` must print exactly it.  A
# mismatch prints a unified diff.  Regenerate the expected files with
# tests/golden/update.sh (or `make golden-update`) when a change in output
# is intended.
#
# usage: sh tests/golden/run.sh DECANT
# last line: "golden: N passed, N failed"
set -u
[ $# -ge 1 ] || { echo "usage: $0 DECANT" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
case $1 in
    /*) decant=$1 ;;
    *) decant=$(pwd)/$1 ;;
esac
[ -x "$decant" ] || { echo "golden: $decant is not executable" >&2; echo "golden: 0 passed, 1 failed"; exit 1; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

passed=0 failed=0
# same EXPECTED ACTUAL NAME WHAT: one check, counted, with the diff on failure.
same() {
    if diff -u "$1" "$2" >"$tmp/diff"; then
        passed=$((passed + 1))
    else
        echo "FAIL $3: $4 differs from $1"
        sed -e "s|$2|actual|" "$tmp/diff" | head -200
        failed=$((failed + 1))
    fi
}
cd "$here" || exit 2
for page in *.html; do
    [ -f "$page" ] || continue
    name=${page%.html}
    if [ ! -f "$name.json" ]; then
        echo "FAIL $name: no $name.json (run: make golden-update)"
        failed=$((failed + 1))
        continue
    fi
    "$decant" -j 1 --quiet "$page" >"$tmp/raw" 2>"$tmp/err"
    rc=$?
    python3 "$here/normalize.py" <"$tmp/raw" >"$tmp/got"
    if [ $rc -ne 0 ]; then
        echo "FAIL $name: decant exited with status $rc"
        sed 's/^/    /' "$tmp/err" | head -20
        failed=$((failed + 1))
    else
        same "$name.json" "$tmp/got" "$name" "output"
    fi
    for body in md:markdown xhtml:html; do
        ext=${body%%:*}
        [ -f "$name.$ext" ] || continue
        "$decant" -j 1 --quiet --format "${body#*:}" "$page" >"$tmp/body" 2>/dev/null
        same "$name.$ext" "$tmp/body" "$name" "--format ${body#*:}"
    done
done
# Site templates: tests/golden/NAME.site/ is a site's pages, extracted
# together with --learn-sites; the records must equal NAME.site.json.  The
# model saved by that run, loaded by a run that does not learn, must give
# the same records, and so must -j 2.
for dir in *.site; do
    [ -d "$dir" ] || continue
    if [ ! -f "$dir.json" ]; then
        echo "FAIL $dir: no $dir.json (run: make golden-update)"
        failed=$((failed + 1))
        continue
    fi
    rm -f "$tmp/model"
    "$decant" -j 1 --quiet --learn-sites --site-model "$tmp/model" "$dir" >"$tmp/raw" 2>"$tmp/err"
    rc=$?
    python3 "$here/normalize.py" <"$tmp/raw" >"$tmp/got"
    if [ $rc -ne 0 ] || [ ! -s "$tmp/model" ]; then
        echo "FAIL $dir: decant --learn-sites exited with status $rc or saved no model"
        sed 's/^/    /' "$tmp/err" | head -20
        failed=$((failed + 1))
        continue
    fi
    same "$dir.json" "$tmp/got" "$dir" "--learn-sites output"
    "$decant" -j 1 --quiet --site-model "$tmp/model" "$dir" | python3 "$here/normalize.py" >"$tmp/reloaded"
    same "$tmp/got" "$tmp/reloaded" "$dir" "output with the saved model reloaded"
    "$decant" -j 2 --quiet --learn-sites "$dir" | python3 "$here/normalize.py" >"$tmp/j2"
    same "$tmp/got" "$tmp/j2" "$dir" "--learn-sites -j 2 output"
done
echo "golden: $passed passed, $failed failed"
[ $failed -eq 0 ]
