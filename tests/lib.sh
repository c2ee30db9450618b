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

# same_lines FILE EXPECTED...: FILE's lines are exactly EXPECTED.
same_lines() {
    f=$1
    shift
    printf '%s\n' "$@" | cmp -s - "$f"
}

# article TITLE WORD: the end of a page whose body no extractor can miss,
# WORD in its text; each suite writes the head it needs before it.
article() {
    cat <<EOF
<article><h1>$1</h1>
<p>The zeppelin $2 drifted over the harbour early on Tuesday morning, and
hundreds of residents stopped on the quay to watch it pass.  Officials said
the flight had been planned for months and posed no danger to anyone below.
The crew waved from the gondola as the airship turned slowly towards the
hills, where it was expected to land before noon.</p>
<p>Local shops reported a busy morning as visitors arrived to see the
zeppelin $2.  The organisers plan a second flight next week if the weather
holds, and tickets for a short ride are already sold out.</p>
</article><footer>Copyright</footer></body></html>
EOF
}
