#!/bin/sh
# Regenerates tests/golden/NAME.json from the current output of DECANT for
# every tests/golden/NAME.html, and NAME.md / NAME.xhtml (the body as
# Markdown / HTML) where they exist.  Review the diff before committing it.
#
# usage: sh tests/golden/update.sh DECANT
set -eu
[ $# -ge 1 ] || { echo "usage: $0 DECANT" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
case $1 in
    /*) decant=$1 ;;
    *) decant=$(pwd)/$1 ;;
esac
cd "$here"
n=0
for page in *.html; do
    [ -f "$page" ] || continue
    name=${page%.html}
    "$decant" -j 1 --quiet "$page" | python3 normalize.py >"$name.json.new"
    if [ ! -s "$name.json.new" ]; then
        echo "update: $name: no output" >&2
        rm -f "$name.json.new"
        exit 1
    fi
    if [ -f "$name.json" ] && cmp -s "$name.json" "$name.json.new"; then
        rm -f "$name.json.new"
    else
        mv "$name.json.new" "$name.json"
        echo "updated $name.json"
        n=$((n + 1))
    fi
    for body in md:markdown xhtml:html; do
        ext=${body%%:*}
        [ -f "$name.$ext" ] || continue
        "$decant" -j 1 --quiet --format "${body#*:}" "$page" >"$name.$ext.new"
        if cmp -s "$name.$ext" "$name.$ext.new"; then
            rm -f "$name.$ext.new"
        else
            mv "$name.$ext.new" "$name.$ext"
            echo "updated $name.$ext"
            n=$((n + 1))
        fi
    done
done
for dir in *.site; do
    [ -d "$dir" ] || continue
    "$decant" -j 1 --quiet --learn-sites "$dir" | python3 normalize.py >"$dir.json.new"
    if [ -f "$dir.json" ] && cmp -s "$dir.json" "$dir.json.new"; then
        rm -f "$dir.json.new"
    else
        mv "$dir.json.new" "$dir.json"
        echo "updated $dir.json"
        n=$((n + 1))
    fi
done
echo "golden-update: $n file(s) changed"
