#!/bin/sh
# tests/warc.sh — decant on web archives: a real crawl and hand-made edges.
#
#   sh tests/warc.sh path/to/decant
#
# The crawl: a folder of linked pages is served by python3 -m http.server on
# 127.0.0.1 and crawled by wget --warc-file; decant must give one record per
# HTML page, with the same title, text and error as on the files themselves.
# The edges come from tests/warc/make_edges.py.  Prints one line per check
# and then "warc: N passed, N failed"; exits non-zero when any check failed.
set -u

suite=warc
. "$(dirname "$0")/lib.sh"
if [ ! -x "$bin" ]; then
    echo "warc: $bin is not executable"
    echo "warc: 0 passed, 1 failed"
    exit 1
fi

tmp=$(mktemp -d) || exit 1
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ids FILE: the "id" of every record, one per line.
ids() {
    python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.loads(line)["id"])
' "$1"
}

# codes FILE: "id code skip" per record (code and skip "-" when null).
codes() {
    python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    w = r.get("warc") or {}
    print(r["id"], (r["error"] or {}).get("code", "-"), w.get("skip") or "-")
' "$1"
}

cd "$tmp" || exit 1

# ------------------------------------------------------------ the crawl
# A page the extractor cannot miss, with links to the others.
page() {
    cat <<EOF
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>$1</title>
<link rel="stylesheet" href="style.css"></head>
<body><nav><a href="index.html">Home</a> <a href="a.html">A</a> <a href="b.html">B</a>
<a href="c.html">C</a> <a href="missing.html">Gone</a></nav>
EOF
    article "$1" "$2"
}

mkdir site
page "Front page" home >site/index.html
page "Story A" alpha >site/a.html
page "Story B" bravo >site/b.html
page "Story C" charlie >site/c.html
printf 'body { color: black; }\n' >site/style.css

# A free port: bind to 0 and let the kernel choose.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 "$port" --directory site >server.log 2>&1 &
server=$!
up=0
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    if python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$port" 2>/dev/null; then
        up=1
        break
    fi
    sleep 0.25
done
check "local HTTP server is up" [ $up -eq 1 ]

mkdir crawl
(cd crawl && wget --recursive --level=2 --no-verbose --no-proxy --tries=3 --waitretry=1 --timeout=10 \
    --warc-file=../crawl "http://127.0.0.1:$port/" >../wget.log 2>&1)
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
server=""
check "wget wrote crawl.warc.gz" [ -s crawl.warc.gz ]

"$bin" -j 1 crawl.warc.gz >warc.jsonl 2>warc.err
check "crawl: exit status 0" [ $? -eq 0 ]
"$bin" -j 1 site/index.html site/a.html site/b.html site/c.html >files.jsonl 2>/dev/null
check "crawl: one record per HTML page, same title, text and error as the files" python3 -c '
import json, sys
port = sys.argv[1]
files = {}
for line in open("files.jsonl", encoding="utf-8"):
    r = json.loads(line)
    files[r["source"].split("/")[-1]] = r
# wget fetches both "/" and "/index.html": two URLs, two records, one file.
got, urls = {}, set()
for line in open("warc.jsonl", encoding="utf-8"):
    r = json.loads(line)
    if r["url"] in urls:
        sys.exit("two records for " + r["url"])
    urls.add(r["url"])
    path = r["url"].split(port + "/", 1)[1] or "index.html"
    got.setdefault(path, []).append(r)
if sorted(got) != sorted(files):
    sys.exit("pages %s, expected %s" % (sorted(got), sorted(files)))
for name, f in files.items():
    for w in got[name]:
        for k in ("title", "text", "error"):
            if w[k] != f[k]:
                sys.exit("%s: %s differs" % (name, k))
        if not w["text"] or "zeppelin" not in w["text"]:
            sys.exit(name + ": no text")
' "$port"
check "crawl: records carry warc {record_id, target_uri, date, file, offset}" python3 -c '
import json, sys
for line in open("warc.jsonl", encoding="utf-8"):
    r = json.loads(line)
    w = r["warc"]
    if set(w) < {"record_id", "target_uri", "date", "file", "offset"}:
        sys.exit("keys %s" % sorted(w))
    if r["id"] != w["record_id"] or r["url"] != w["target_uri"] or w["file"] != "crawl.warc.gz":
        sys.exit("id/url/file")
    if not w["record_id"].startswith("urn:uuid:") or not w["date"].startswith("20"):
        sys.exit("record_id/date")
'
check "crawl: each offset is the gzip member that holds the record" python3 -c '
import json, sys, zlib
data = open("crawl.warc.gz", "rb").read()
for line in open("warc.jsonl", encoding="utf-8"):
    w = json.loads(line)["warc"]
    d = zlib.decompressobj(31)
    head = d.decompress(data[w["offset"]:], 4096)
    if not head.startswith(b"WARC/") or w["record_id"].encode() not in head:
        sys.exit("offset %d" % w["offset"])
'
check "crawl: summary on stderr counts the skipped records" \
    sh -c 'grep -q "extracted" warc.err && grep -q "skipped (.*not_response" warc.err && grep -q "status [0-9]" warc.err'

"$bin" -j 2 crawl.warc.gz >warc2.jsonl 2>/dev/null
check "crawl: -j 2 output is identical to -j 1" cmp -s warc.jsonl warc2.jsonl

"$bin" -q --all-records crawl.warc.gz >all.jsonl 2>/dev/null
check "crawl: --all-records adds an error record for every other record" python3 -c '
import json, sys, zlib
n = ok = 0
for line in open("all.jsonl", encoding="utf-8"):
    r = json.loads(line)
    n += 1
    if r["error"] is None or r["warc"]["skip"] is None:
        ok += 1
    elif not r["error"]["message"].startswith("skipped"):
        sys.exit("message")
data = open("crawl.warc.gz", "rb").read()
# Count the records: one gzip member each, as wget writes them.
d, count = data, 0
while d:
    z = zlib.decompressobj(31)
    if z.decompress(d).startswith(b"WARC/"):
        count += 1
    d = z.unused_data
if n != count or ok != 5:
    sys.exit("%d records for %d, %d pages" % (n, count, ok))
'

# ------------------------------------------------------------ edges
python3 "$root/tests/warc/make_edges.py" edges >make.log 2>&1
check "make_edges.py wrote the edge archives" [ -s edges/dict.warc.zst ]
cd edges || exit 1

# edge NAME EXPECTED...: the ids decant prints for NAME, exit status 0.
edge() {
    name=$1
    shift
    "$bin" -q -j 1 "$name" >out 2>err
    rc=$?
    ids out >got 2>/dev/null
    if [ $rc -eq 0 ] && same_lines got "$@"; then
        pass "$name: $*"
    else
        fail "$name: expected $* (status $rc, got: $(tr '\n' ' ' <got))"
    fi
}

# edge_all NAME "ID CODE SKIP"...: the same with --all-records.
edge_all() {
    name=$1
    shift
    "$bin" -q -j 1 --all-records "$name" >out 2>err
    rc=$?
    codes out >got 2>/dev/null
    if [ $rc -eq 0 ] && same_lines got "$@"; then
        pass "$name --all-records"
    else
        fail "$name --all-records (status $rc, got: $(tr '\n' ';' <got))"
    fi
}

edge v11.warc urn:test:page-1
edge_all v11.warc "urn:test:info not_html not_response" "urn:test:request-1 not_html not_response" \
    "urn:test:page-1 - -" "urn:test:metadata-1 not_html not_response"
edge multi.warc.gz urn:test:page-1 urn:test:page-2 urn:test:page-3 urn:test:page-4
check "multi.warc.gz: records of one member share its offset" python3 -c '
import json, subprocess, sys
out = subprocess.run([sys.argv[1], "-q", "multi.warc.gz"], capture_output=True).stdout
offs = [json.loads(l)["warc"]["offset"] for l in out.splitlines()]
if offs[0] != 0 or offs[1] != 0 or not (0 < offs[2] < offs[3]):
    sys.exit(str(offs))
' "$bin"
edge truncated.warc.gz urn:test:page-1 urn:test:page-2 truncated
edge corrupt.warc.gz urn:test:page-1 corrupt urn:test:page-3
edge trailing.warc.gz urn:test:page-1 trailing
edge shortlen.warc urn:test:page-1 urn:test:page-2 shortlen urn:test:page-3
edge longlen.warc urn:test:page-1 urn:test:page-2 longlen
edge badheader.warc urn:test:page-1 badheader urn:test:page-2
edge empty.warc urn:test:page-1
edge_all empty.warc "urn:test:empty-body empty empty" "urn:test:empty-block not_html not_http" \
    "urn:test:page-1 - -"
edge encodings.warc.gz urn:test:chunked urn:test:gzip urn:test:raw-deflate urn:test:chunked-gzip
"$bin" -q encodings.warc.gz >enc.jsonl 2>/dev/null
check "encodings.warc.gz: each body's text is its page's" python3 -c '
import json, sys
for n, line in enumerate(open("enc.jsonl", encoding="utf-8"), 1):
    t = json.loads(line)["text"] or ""
    if "zeppelin number%d drifted" % n not in t or "zeppelin number%d." % n not in t:
        sys.exit("record %d: %r" % (n, t[:80]))
'
edge_all types.warc "urn:test:png not_html not_html" "urn:test:redirect not_html status" \
    "urn:test:sniffed - -" "urn:test:plain-text not_html not_html" "urn:test:dns not_html not_http"
edge dict.warc.zst urn:test:page-1 urn:test:page-2
edge rawdict.warc.zst urn:test:page-1 urn:test:page-2
edge archive.dat urn:test:page-7
edge archive-gz.bin urn:test:page-8

# ------------------------------------------------------------ exit status, summary, stats
"$bin" -j 1 truncated.warc.gz >out 2>err
check "truncated archive: exit status 0" [ $? -eq 0 ]
check "truncated archive: the summary counts the error" grep -q '1 errors (gzip 1)' err
check "truncated archive: the error is named on stderr" grep -q 'truncated.warc.gz: truncated gzip member' err

"$bin" -q --stats stats.json multi.warc.gz truncated.warc.gz types.warc >out 2>err
check "--stats writes the summary as JSON" python3 -c '
import json, sys
s = json.load(open("stats.json"))
want = {"warc_files": 3, "records": 15, "extracted": 7, "skipped": 8, "errors": 1}
bad = {k: s.get(k) for k in want if s.get(k) != want[k]}
if bad:
    sys.exit(str(bad))
if s["skipped_by_reason"] != {"not_response": 4, "status": 1, "not_html": 2, "not_http": 1}:
    sys.exit(str(s["skipped_by_reason"]))
if s["errors_by_code"] != {"gzip": 1}:
    sys.exit(str(s["errors_by_code"]))
'
check "--quiet: nothing on stderr" [ ! -s err ]

"$bin" -q --progress multi.warc.gz >out 2>err
check "--quiet wins over --progress" [ ! -s err ]
"$bin" --progress -j 2 multi.warc.gz types.warc >out 2>err
check "--progress forces the progress line" grep -q "records, .* MB/s, .* records/s, ETA" err
check "the summary follows the progress line" grep -q "extracted" err

# ------------------------------------------------------------ inputs
"$bin" -q - <multi.warc.gz >stdin.jsonl 2>/dev/null
"$bin" -q multi.warc.gz >file.jsonl 2>/dev/null
ids stdin.jsonl >a
ids file.jsonl >b
check "a WARC on standard input gives the same records" cmp -s a b
gzip -dc multi.warc.gz | zstd -q -c >multi.warc.zst
"$bin" -q multi.warc.zst >zst.jsonl 2>/dev/null
ids zst.jsonl >c
check "plain zstd (no dictionary) gives the same records" cmp -s b c

mkdir folder
cp multi.warc.gz folder/
printf '%s' "$(cat "$tmp/site/a.html")" >folder/a.html
cp archive.dat folder/
"$bin" -q folder >out 2>/dev/null
ids out >got
check "a folder's .warc.gz and .html files are both read (in path order)" \
    same_lines got a urn:test:page-1 urn:test:page-2 urn:test:page-3 urn:test:page-4

"$bin" -q -j 1 multi.warc.gz truncated.warc.gz corrupt.warc.gz shortlen.warc encodings.warc.gz \
    types.warc dict.warc.zst empty.warc --all-records >one 2>/dev/null
"$bin" -q -j 3 multi.warc.gz truncated.warc.gz corrupt.warc.gz shortlen.warc encodings.warc.gz \
    types.warc dict.warc.zst empty.warc --all-records >three 2>/dev/null
check "-j 3 over many archives gives -j 1's output" cmp -s one three

"$bin" -q --all-records --max-bytes 100 multi.warc.gz >out 2>/dev/null
check "--max-bytes turns large payloads into too_large skips" python3 -c '
import json, sys
recs = [json.loads(l) for l in open("out", encoding="utf-8")]
big = [r for r in recs if r["warc"]["skip"] == "too_large"]
if len(big) != 4 or any(r["error"]["code"] != "too_large" for r in big):
    sys.exit(str([r["warc"]["skip"] for r in recs]))
'

"$bin" --format text multi.warc.gz >out 2>/dev/null
check "--format text names each archive page by its record id" \
    sh -c 'grep -q "^==> urn:test:page-1 <==" out && grep -q "^==> urn:test:page-4 <==" out'

summary warc
