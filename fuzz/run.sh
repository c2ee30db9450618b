#!/bin/sh
# Runs each libFuzzer target for a fixed time and reports.
#
#   sh fuzz/run.sh FUZZ_BUILD SECONDS [TARGET...]
#
# Each target starts from its seed corpus (fuzz/corpus/NAME, read only) and
# keeps what it finds in FUZZ_BUILD/corpus/NAME, so later runs go on from
# there.  A crash, leak, sanitizer report or hang (an input slower than
# FUZZ_TIMEOUT seconds) leaves its input in FUZZ_BUILD/artifacts/ and fails
# the target (fuzz/asan.supp lists the one known report inside myhtml that is
# not ours).  Prints per target the final execs/s and coverage, then
# "fuzz: N passed, N failed".
set -u
[ $# -ge 2 ] || { echo "usage: $0 FUZZ_BUILD SECONDS [TARGET...]" >&2; exit 2; }
build=${1%/}
secs=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
[ $# -gt 0 ] || set -- extract decode date jsonld warc fetch sitemodel
timeout=${FUZZ_TIMEOUT:-10}
rss=${FUZZ_RSS_MB:-2560}

dict_for() {
    case $1 in
        jsonld) echo fuzz/json.dict ;;
        date) echo fuzz/date.dict ;;
        warc) echo fuzz/warc.dict ;;
        *) echo fuzz/html.dict ;;
    esac
}

passed=0 failed=0
mkdir -p "$build/artifacts"
for t in "$@"; do
    bin=$build/fuzz_$t
    if [ ! -x "$bin" ]; then
        echo "FAIL $t: $bin not built"
        failed=$((failed + 1))
        continue
    fi
    mkdir -p "$build/corpus/$t"
    log=$build/fuzz_$t.log
    # -fork would survive one crash; a smoke run should stop at the first.
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:suppressions=fuzz/asan.supp} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
        "$bin" -max_total_time="$secs" -timeout="$timeout" -rss_limit_mb="$rss" \
        -max_len=65536 -print_final_stats=1 -dict="$(dict_for "$t")" \
        -artifact_prefix="$build/artifacts/$t-" \
        "$build/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1
    rc=$?
    stats=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    execs=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}')
    cov=$(printf '%s\n' "$stats" | grep -oE 'cov: [0-9]+' | cut -d' ' -f2)
    ft=$(printf '%s\n' "$stats" | grep -oE 'ft: [0-9]+' | cut -d' ' -f2)
    runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    if [ "$rc" -eq 0 ]; then
        echo "ok   $t: ${secs}s, ${runs:-?} runs, ${execs:-?} exec/s, cov ${cov:-?}, ft ${ft:-?}"
        passed=$((passed + 1))
    else
        echo "FAIL $t: exit status $rc after ${runs:-?} runs (log: $log)"
        grep -E 'ERROR|SUMMARY|==[0-9]+==|Test unit written|deadly signal|timeout' "$log" | head -n 12 | sed 's/^/    /'
        failed=$((failed + 1))
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
