# lib.sh — the tally shared by the shell test suites (tests/cli.sh,
# tests/warc.sh).  Source it; end the suite with `summary NAME`.
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
