#!/bin/sh
# Hostile inputs: each case is generated (tests/hostile/gen.py) into a
# temporary folder and extracted with
#     DECANT -j 1 FILE
# in a subshell bounded by ulimit: HOSTILE_CPU CPU seconds (default 10) and
# HOSTILE_MEM KiB of virtual memory (default 2 GiB).  A case passes when
# decant exits 0 within the bounds and prints exactly one record (one per
# archive record for a WARC) that is valid UTF-8 JSON with a text or an
# error, of the kind the case expects (tests/hostile/check.py).
#
# usage: sh tests/hostile/run.sh DECANT [CASE...]
# last line: "hostile: N passed, N failed"
set -u
[ $# -ge 1 ] || { echo "usage: $0 DECANT [CASE...]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
case $1 in
    /*) decant=$1 ;;
    *) decant=$(pwd)/$1 ;;
esac
shift
[ -x "$decant" ] || { echo "hostile: $decant is not executable"; echo "hostile: 0 passed, 1 failed"; exit 1; }
cpu=${HOSTILE_CPU:-10}
mem=${HOSTILE_MEM:-2097152}

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

# GNU date knows %N; elsewhere the timings are whole seconds.
now() { date +%s.%N; }

# The WARC case needs a CLI that reads archives; older ones treat the file as
# a page, which is still one record and must still not crash.
warc_cli=0
"$decant" --help 2>&1 | grep -qi warc && warc_cli=1

passed=0 failed=0
python3 "$here/gen.py" --list >"$tmp/cases" || { echo "hostile: 0 passed, 1 failed"; exit 1; }
while read -r name ext expect; do
    if [ $# -gt 0 ]; then
        want=0
        for c in "$@"; do [ "$c" = "$name" ] && want=1; done
        [ $want -eq 1 ] || continue
    fi
    [ "$expect" = warc ] && [ $warc_cli -eq 0 ] && expect=any
    file=$tmp/$name.$ext
    if ! python3 "$here/gen.py" "$name" "$file"; then
        echo "FAIL $name: could not generate the input"
        failed=$((failed + 1))
        continue
    fi
    size=$(wc -c <"$file" | tr -d ' ')
    t0=$(now)
    (
        ulimit -t "$cpu" && ulimit -v "$mem" || exit 125
        exec "$decant" -j 1 "$file" >"$tmp/out" 2>"$tmp/err"
    ) </dev/null
    rc=$?
    t1=$(now)
    secs=$(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }')
    if [ $rc -ne 0 ]; then
        case $rc in
            125) why="could not set the limits" ;;
            13[0-9] | 1[4-9][0-9]) why="killed by signal $((rc - 128)) (CPU ${cpu}s / memory ${mem} KiB)" ;;
            *) why="exit status $rc" ;;
        esac
        echo "FAIL $name ($size bytes, ${secs}s): $why"
        sed 's/^/    /' "$tmp/err" | head -n 5
        failed=$((failed + 1))
    elif res=$(python3 "$here/check.py" "$expect" "$tmp/out"); then
        echo "ok   $name ($size bytes, ${secs}s): $res"
        passed=$((passed + 1))
    else
        echo "FAIL $name ($size bytes, ${secs}s): $res"
        failed=$((failed + 1))
    fi
    rm -f "$file"
done <"$tmp/cases"
echo "hostile: $passed passed, $failed failed"
[ $failed -eq 0 ]
