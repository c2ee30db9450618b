#!/bin/sh
# Runs every test suite and prints the total.
#
#   sh tests/run.sh BUILD          the suites that take a build (unit, golden,
#                                  faithful, encodings, cli, warc, fetch),
#                                  then structure (tests/structure.py),
#                                  hostile, python and install, with
#                                  BUILD's binaries; the mojibake property
#                                  on the benchmark sets when they are there;
#                                  the first group again under ASan+UBSan (a
#                                  clang build in $ASAN_BUILD, default
#                                  build-asan), a libFuzzer smoke run (make
#                                  fuzz-smoke), then the golden pages under
#                                  valgrind
#   sh tests/run.sh BUILD quick    only the suites up to install, with BUILD's
#                                  binaries
#
# Each suite prints "name: N passed, N failed"; the last line of this script
# is the sum, "N passed, N failed", which CI reads.  Exit status 1 if any test
# failed or a suite could not run.
set -u
[ $# -ge 1 ] || { echo "usage: $0 BUILD [quick]" >&2; exit 2; }
build=${1%/}
mode=${2:-full}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
asan_build=${ASAN_BUILD:-build-asan}
make=${MAKE:-make}

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

total_pass=0 total_fail=0

# suite LABEL COMMAND...: runs a suite, echoes its output, adds its counts.
# A suite that exits non-zero without reporting a failure (a crash, a
# sanitizer abort) counts as one failure.
suite() {
    label=$1
    shift
    echo "== $label"
    # stream the output as it comes, keep a copy, and keep the exit status
    { "$@" 2>&1; echo $? >"$tmp/rc"; } | tee "$tmp/out"
    rc=$(cat "$tmp/rc")
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$tmp/out" | tail -n 1)
    p=0 f=0
    if [ -n "$line" ]; then
        p=$(printf '%s\n' "$line" | grep -oE '[0-9]+ passed' | tail -n 1 | cut -d' ' -f1)
        f=$(printf '%s\n' "$line" | grep -oE '[0-9]+ failed' | tail -n 1 | cut -d' ' -f1)
    fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "$label: exited with status $rc without reporting a failure; counted as 1 failed"
        f=1
    fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
}

# The three suites that take a build directory.
suites() {
    b=$1 tag=$2
    if [ -x "$b/unit" ]; then
        suite "unit$tag" "$b/unit"
    else
        echo "== unit$tag: $b/unit missing"; total_fail=$((total_fail + 1))
    fi
    suite "golden$tag" sh tests/golden/run.sh "$b/decant"
    suite "faithful$tag" python3 tests/faithful/check.py "$b/decant"
    suite "encodings$tag" sh tests/encodings/run.sh "$b/decant"
    if [ -f tests/cli.sh ]; then
        suite "cli$tag" sh tests/cli.sh "$b/decant"
    fi
    if [ -f tests/warc.sh ]; then
        suite "warc$tag" sh tests/warc.sh "$b/decant"
    fi
    suite "fetch$tag" sh tests/fetch.sh "$b/decant"
}

suites "$build" ""

# The library's shape: no include circle in lib/, no file there over 800 lines.
suite "structure" python3 tests/structure.py

# Hostile inputs under CPU and memory bounds (not under ASan, whose shadow
# memory does not fit a virtual-memory limit).
suite "hostile" sh tests/hostile/run.sh "$build/decant"

# The Python module (make python) and decant.dask, against this build's CLI.
suite "python" sh tests/python/run.sh "$build"

# make install / uninstall into a staging tree; the README's C example built
# against it with pkg-config, shared and static.
suite "install" sh tests/install.sh "$build"
# Mojibake repair changes only the benchmark pages listed as damaged; needs
# the benchmark sets beside the repository, skipped without them.
bench_sets=""
for s in scrapinghub wcxb-dev daniel-dev; do
    [ -d "$root/../shared/bench/$s/html" ] && bench_sets="$bench_sets $root/../shared/bench/$s"
done
if [ "$mode" != quick ] && [ -n "$bench_sets" ]; then
    suite "mojibake-property" python3 bench/mojibake_property.py "$build/decant" $bench_sets
fi

if [ "$mode" != quick ]; then
    echo "== building $asan_build (clang, ASan+UBSan)"
    if $make --no-print-directory BUILD="$asan_build" CC=clang OPT=-O1 \
        SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
        all >"$tmp/asan-build" 2>&1; then
        ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
        UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
        export ASAN_OPTIONS UBSAN_OPTIONS
        suites "$asan_build" " (asan)"
        unset ASAN_OPTIONS UBSAN_OPTIONS
    else
        tail -n 40 "$tmp/asan-build"
        echo "asan build: 0 passed, 1 failed"
        total_fail=$((total_fail + 1))
    fi

    # Each libFuzzer target for FUZZ_SMOKE seconds (see fuzz/run.sh).
    suite "fuzz" $make --no-print-directory fuzz-smoke

    if command -v valgrind >/dev/null 2>&1; then
        valgrind_suite() {
            # one process over every golden page, so the extractor is reused
            set -- tests/golden/*.html
            if valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
                --error-exitcode=99 --log-file="$tmp/valgrind.log" \
                "$build/decant" -j 1 --quiet "$@" >/dev/null 2>"$tmp/valgrind.err"; then
                echo "valgrind: 1 passed, 0 failed ($# pages)"
            else
                rc=$?
                echo "valgrind: decant exited with status $rc"
                head -n 80 "$tmp/valgrind.log"
                tail -n 20 "$tmp/valgrind.err"
                echo "valgrind: 0 passed, 1 failed"
                return 1
            fi
        }
        suite "valgrind" valgrind_suite
    else
        echo "== valgrind"
        echo "valgrind: not installed (run scripts/setup.sh): 0 passed, 1 failed"
        total_fail=$((total_fail + 1))
    fi
fi

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
