#!/bin/sh
# Do two builds of decant print the same bytes?  The check behind every
# restructuring commit: run both over the same inputs in every output format
# and compare the outputs byte for byte.
#
# usage: sh bench/samediff.sh OLD_DECANT NEW_DECANT
#
#   SETS   input groups (default: the scrapinghub, wcxb-dev and daniel-dev
#          html/ folders in ../shared/bench, samples/, tests/golden/*.html,
#          and web archives built here from the golden pages, the samples,
#          the scrapinghub pages and tests/warc/make_edges.py)
#   JOBS   threads for decant (default 2)
#   KEEP   a folder to keep the outputs in (default: a temporary one)
#
# Formats: the JSONL record (default), --body markdown, --body html,
# --format text, markdown and html; archives also with --all-records.  Standard
# error is compared too, with the run's seconds masked, and the exit status.
# Prints one line per group and format, the first differing records of each
# difference, and "samediff: N same, N differ"; exits 1 when anything differs.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 OLD_DECANT NEW_DECANT" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(dirname "$root")/shared
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
old=$(abs "$1")
new=$(abs "$2")
for b in "$old" "$new"; do
    [ -x "$b" ] || { echo "samediff: $b is not executable" >&2; exit 2; }
done
JOBS=${JOBS:-2}
if [ -n "${KEEP:-}" ]; then
    tmp=$(abs "$KEEP")
    mkdir -p "$tmp"
else
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT HUP INT TERM
fi
cd "$root"

# ------------------------------------------------------------ the inputs
# Archives: gzip (one member per record, as Common Crawl writes them), one
# gzip member for the whole file, zstd, and plain; with non-200, non-HTML and
# request records among the pages, so that --all-records has work to do.
mkdir -p "$tmp/warc"
python3 - "$tmp/warc" "$shared/bench/scrapinghub/html" samples tests/golden <<'PY'
import gzip, shutil, subprocess, sys, uuid, zlib
from pathlib import Path

out, sh, samples, golden = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])

def record(n, kind, uri, block, ctype):
    head = [b"WARC/1.0", b"WARC-Type: " + kind,
            b"WARC-Record-ID: <urn:uuid:%s>" % str(uuid.UUID(int=n)).encode(),
            b"WARC-Date: 2026-01-01T00:00:00Z"]
    if uri:
        head.append(b"WARC-Target-URI: " + uri)
    head += [b"Content-Type: " + ctype, b"Content-Length: %d" % len(block)]
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"

def pages():
    for p in sorted(golden.glob("*.html")) + sorted(samples.glob("*.html")):
        yield p.name, p.read_bytes()
    if sh.is_dir():
        for p in sorted(sh.iterdir())[:60]:
            data = p.read_bytes()
            yield p.name, gzip.decompress(data) if p.name.endswith(".gz") else data

recs = [record(0, b"warcinfo", None, b"software: samediff\r\n", b"application/warc-fields")]
n = 1
for i, (name, html) in enumerate(pages()):
    uri = b"https://samediff.example/" + name.encode()
    if i % 7 == 3:
        recs.append(record(n, b"request", uri, b"GET / HTTP/1.1\r\n\r\n", b"application/http; msgtype=request"))
        n += 1
    status, ctype = b"200 OK", b"text/html; charset=utf-8"
    if i % 11 == 5:
        status = b"404 Not Found"
    if i % 13 == 6:
        ctype = b"image/png"
    body = html
    te = b""
    if i % 5 == 2:
        body = gzip.compress(html, mtime=0)
        te = b"Content-Encoding: gzip\r\n"
    http = (b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype + b"\r\n" + te +
            b"Content-Length: %d\r\n\r\n" % len(body)) + body
    recs.append(record(n, b"response", uri, http, b"application/http; msgtype=response"))
    n += 1

def member(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()

(out / "plain.warc").write_bytes(b"".join(recs))
(out / "members.warc.gz").write_bytes(b"".join(member(r) for r in recs))
(out / "whole.warc.gz").write_bytes(member(b"".join(recs)))
if shutil.which("zstd"):
    subprocess.run(["zstd", "-q", "-f", str(out / "plain.warc"), "-o", str(out / "frames.warc.zst")], check=True)
PY
if [ -f tests/warc/make_edges.py ]; then
    mkdir -p "$tmp/warc/edges"
    python3 tests/warc/make_edges.py "$tmp/warc/edges" >/dev/null 2>&1 ||
        echo "samediff: tests/warc/make_edges.py failed; its archives are left out" >&2
fi

# group NAME KIND INPUT...: KIND is pages or warc.
groups=$tmp/groups
: >"$groups"
group() {
    name=$1 kind=$2
    shift 2
    printf '%s\t%s' "$name" "$kind" >>"$groups"
    for a in "$@"; do printf '\t%s' "$a" >>"$groups"; done
    printf '\n' >>"$groups"
}
if [ -n "${SETS:-}" ]; then
    for s in $SETS; do
        case $s in
            *.warc*) group "$(basename "$s")" warc "$(abs "$s")" ;;
            */html | */html/) group "$(basename "$(dirname "$s")")" pages "$(abs "$s")" ;;
            *) group "$(basename "$s")" pages "$(abs "$s")" ;;
        esac
    done
else
    for s in scrapinghub wcxb-dev daniel-dev; do
        d=$shared/bench/$s/html
        if [ -d "$d" ]; then group "$s" pages "$d"; else echo "samediff: no $d; skipped" >&2; fi
    done
    group samples pages "$root/samples"
    # shellcheck disable=SC2046
    group golden pages $(ls "$root"/tests/golden/*.html)
    group warc warc "$tmp/warc"
fi

# ------------------------------------------------------------ the runs
same=0 differ=0
# run BIN OUTBASE ARGS...: stdout, stderr (seconds masked) and exit status.
run() {
    bin=$1 base=$2
    shift 2
    rc=0
    "$bin" -j "$JOBS" "$@" >"$base.out" 2>"$base.err" </dev/null || rc=$?
    echo "$rc" >"$base.rc"
    sed -E 's/ in [0-9]+\.[0-9] s$/ in * s/' "$base.err" >"$base.err.m"
}

# first_diff OLD NEW: the first few records (lines) that differ, by their id.
first_diff() {
    python3 - "$1" "$2" <<'PY'
import json, sys
a = open(sys.argv[1], "rb").read().split(b"\n")
b = open(sys.argv[2], "rb").read().split(b"\n")
if len(a) != len(b):
    print(f"    {len(a) - 1} lines before, {len(b) - 1} after")
shown = 0
for i, (x, y) in enumerate(zip(a, b)):
    if x == y:
        continue
    try:
        rid = json.loads(x).get("id")
        ka, kb = json.loads(x), json.loads(y)
        keys = sorted(k for k in set(ka) | set(kb) if ka.get(k) != kb.get(k))
        print(f"    line {i + 1}: id {rid}: fields {', '.join(keys)}")
    except Exception:
        print(f"    line {i + 1}: {x[:100]!r}")
        print(f"         now: {y[:100]!r}")
    shown += 1
    if shown == 5:
        print("    ...")
        break
PY
}

compare() {
    label=$1 a=$2 b=$3
    bad=""
    cmp -s "$a.out" "$b.out" || bad="$bad stdout"
    cmp -s "$a.err.m" "$b.err.m" || bad="$bad stderr"
    cmp -s "$a.rc" "$b.rc" || bad="$bad exit-status"
    if [ -z "$bad" ]; then
        same=$((same + 1))
        printf '  same    %-34s %8s bytes\n' "$label" "$(wc -c <"$a.out" | tr -d ' ')"
    else
        differ=$((differ + 1))
        printf '  DIFFER  %-34s in%s\n' "$label" "$bad"
        case $bad in *stdout*) first_diff "$a.out" "$b.out" ;; esac
        case $bad in *stderr*) diff "$a.err.m" "$b.err.m" | head -n 6 | sed 's/^/    /' ;; esac
    fi
}

echo "samediff: $old"
echo "      vs. $new"
mkdir -p "$tmp/old" "$tmp/new"
while IFS='	' read -r name kind inputs; do
    # shellcheck disable=SC2086
    set -- $inputs
    for fmt in jsonl body-markdown body-html text markdown html all-records; do
        case $fmt in
            jsonl) args="" ;;
            body-*) args="--body ${fmt#body-}" ;;
            all-records) [ "$kind" = warc ] || continue; args="--all-records" ;;
            *) args="--format $fmt" ;;
        esac
        # shellcheck disable=SC2086
        run "$old" "$tmp/old/$name.$fmt" $args "$@"
        # shellcheck disable=SC2086
        run "$new" "$tmp/new/$name.$fmt" $args "$@"
        compare "$name $fmt" "$tmp/old/$name.$fmt" "$tmp/new/$name.$fmt"
    done
done <"$groups"
echo "samediff: $same same, $differ differ"
[ "$differ" -eq 0 ]
