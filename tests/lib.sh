# lib.sh — what the shell test suites (tests/cli.sh, tests/warc.sh) share:
# their argument, and the tally.  Set `suite` and source it at the top of the
# suite (it reads the suite's own arguments); end with `summary NAME`.  Sets
# bin (the decant binary, absolute) and root (the repository).
if [ $# -ne 1 ]; then
    echo "usage: sh tests/$suite.sh path/to/decant" >&2
    exit 2
fi
bin=$1
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
# check NAME COMMAND...: the check passes when COMMAND succeeds.
check() {
    name=$1
    shift
    if "$@"; then pass "$name"; else fail "$name"; fi
}
# summary NAME: the line tests/run.sh reads; the status says whether all passed.
summary() {
    echo "$1: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
