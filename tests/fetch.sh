#!/bin/sh
# tests/fetch.sh — fetching: URL inputs, --urls, --feed, --sitemap, politeness,
# robots.txt, retries, redirects, --warc-out, and the hosts decant may contact.
#
#   sh tests/fetch.sh path/to/decant
#
# Starts its own web servers (tests/fetch/server.py) on loopback addresses
# only: the test site on 127.0.0.1, a second site on 127.0.0.1 (another
# port, so another host for politeness), and two traps, on 127.0.0.2 and on
# 127.0.0.1 at a third port, that pages and feeds link to but that decant
# must never contact: their logs must stay empty.  Stops them at the end.
# warcio.js (npm) reads the archive decant writes; it is installed into
# build-npm/ on first use, and the suite fails if it cannot be.
set -u

suite=fetch
. "$(dirname "$0")/lib.sh"
here=$root/tests/fetch
python=/usr/bin/python3

tmp=$(mktemp -d) || exit 1
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    for p in $pids; do wait "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$tmp" || exit 1

# Nothing here may go through a proxy: every address is a loopback one.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

# start NAME ARGS...: starts a server, waits for its port, sets port_NAME.
start() {
    name=$1
    shift
    "$python" "$here/server.py" --name "$name" --port-file "port.$name" --log "log.$name" "$@" \
        2>"err.$name" &
    pids="$pids $!"
    i=0
    while [ ! -s "port.$name" ] && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    eval "port_$name=\$(cat port.$name 2>/dev/null)"
}
start trapa --bind 127.0.0.2 --trap
start trapb --bind 127.0.0.1 --trap
start main --bind 127.0.0.1 --peer "http://127.0.0.2:$port_trapa" --peer2 "http://127.0.0.1:$port_trapb"
start second --bind 127.0.0.1
check "four test servers listen on loopback addresses" \
    sh -c '[ -n "$1" ] && [ -n "$2" ] && [ -n "$3" ] && [ -n "$4" ]' sh \
    "$port_trapa" "$port_trapb" "$port_main" "$port_second"
site=http://127.0.0.1:$port_main
second=http://127.0.0.1:$port_second
version=$("$bin" --version | cut -d' ' -f2)

# Polite but quick: the delays are short so that the suite is.
fast="--delay 200ms --retry-delay 200ms --fetch-timeout 20s -q"

# run NAME ARGS...: decant ARGS > NAME.jsonl, exit status in NAME.rc; the
# main server's log lines of this run alone go to NAME.log.
run() {
    name=$1
    shift
    before=$(wc -l <log.main)
    # shellcheck disable=SC2086
    "$bin" "$@" >"$name.jsonl" 2>"$name.err"
    echo $? >"$name.rc"
    tail -n +$((before + 1)) log.main >"$name.log"
}
rc() { cat "$1.rc"; }

# q NAME EXPR: a Python expression over the records R (a list of dicts) and
# the server log L (a list of dicts) of run NAME; passes when true.
q() {
    "$python" -c '
import json, sys
R = [json.loads(l) for l in open(sys.argv[1] + ".jsonl", encoding="utf-8")]
L = [json.loads(l) for l in open(sys.argv[1] + ".log", encoding="utf-8")]
S = [e for e in L if e["event"] == "start"]
paths = [e["path"] for e in S]
ok = eval("(" + sys.argv[2] + ")")
if not ok:
    print("     records:", [(r.get("url"), (r.get("error") or {}).get("code")) for r in R], file=sys.stderr)
    print("     requests:", paths, file=sys.stderr)
    try:
        print("     stderr:", open(sys.argv[1] + ".err").read()[-1500:], file=sys.stderr)
        print("     exit status:", open(sys.argv[1] + ".rc").read().strip(), file=sys.stderr)
    except OSError:
        pass
sys.exit(0 if ok else 1)
' "$1" "$2"
}

# ------------------------------------------------------------ one page
# shellcheck disable=SC2086
run one $fast "$site/news/1.html"
check "a URL input exits 0" [ "$(rc one)" -eq 0 ]
check "... gives one record, extracted" \
    q one 'len(R) == 1 and R[0]["error"] is None and R[0]["title"] == "Story number 1 about the council"'
check "... with url and requested_url" \
    q one 'R[0]["url"] == R[0]["requested_url"] == "'"$site"'/news/1.html"'
check "... asks robots.txt first, then the page" q one 'paths == ["/robots.txt", "/news/1.html"]'
check "... with User-Agent decant/VERSION" q one 'all(e["ua"] == "decant/'"$version"'" for e in S)'
check "... asking for compressed transfer" q one 'all("gzip" in (e["ae"] or "") for e in S)'

# shellcheck disable=SC2086
run ua $fast --user-agent "TestBot/2.0 (+mailto:x@example.org)" "$site/news/2.html"
check "--user-agent sets the User-Agent" q ua 'S and all(e["ua"] == "TestBot/2.0 (+mailto:x@example.org)" for e in S)'

# ------------------------------------------------------------ encodings
# 1 gzip, 3 chunked, 9 gzip and chunked, 4 neither
# shellcheck disable=SC2086
run enc $fast "$site/news/1.html" "$site/news/3.html" "$site/news/9.html" "$site/news/4.html"
check "gzip, chunked, and gzip+chunked responses are decoded" \
    q enc '[r["title"] for r in R] == ["Story number %d about the %s" % (n, w) for n, w in
          ((1, "council"), (3, "festival"), (9, "council"), (4, "railway"))]'
check "records come out in input order" \
    q enc '[r["url"].rsplit("/", 1)[1] for r in R] == ["1.html", "3.html", "9.html", "4.html"]'

# ------------------------------------------------------------ redirects
# shellcheck disable=SC2086
run redir $fast "$site/redirect/5" "$site/old/story"
check "a redirect: url is the final URL, requested_url the one asked for" \
    q redir 'R[0]["url"] == "'"$site"'/news/5.html" and R[0]["requested_url"] == "'"$site"'/redirect/5"
             and R[0]["error"] is None'
check "two hops, the second relative: followed to the end" \
    q redir 'R[1]["url"] == "'"$site"'/moved/deep/er/story.html" and R[1]["error"] is None'
check "relative links resolve against the final URL" \
    q redir 'R[1]["image"] == "'"$site"'/moved/deep/er/img/lead.jpg"'
check "each hop is a request of its own" \
    q redir 'paths == ["/robots.txt", "/redirect/5", "/news/5.html", "/old/story", "/moved/away",
                       "/moved/deep/er/story.html"]'

# shellcheck disable=SC2086
run loop $fast "$site/loop" "$site/news/6.html"
check "a redirect loop gives error 'redirects', and exit status 1" \
    q loop 'R[0]["error"]["code"] == "redirects" and R[1]["error"] is None and len(R) == 2'
check "... exit status 1" [ "$(rc loop)" -eq 1 ]
check "... after max-redirects + 1 requests" q loop 'paths.count("/loop") == 11'
# shellcheck disable=SC2086
run maxr $fast --max-redirects 1 "$site/old/story"
check "--max-redirects 1 stops a two-hop chain" q maxr 'R[0]["error"]["code"] == "redirects"'

# ------------------------------------------------------------ failures
# shellcheck disable=SC2086
run e404 $fast "$site/status/404" "$site/news/7.html"
check "a 404 is a record with error http_404" \
    q e404 'R[0]["error"]["code"] == "http_404" and R[0]["url"].endswith("/status/404") and R[0]["title"] is None'
check "... the next input is still extracted" q e404 'len(R) == 2 and R[1]["error"] is None'
check "... exit status 1" [ "$(rc e404)" -eq 1 ]
check "... a 404 is not retried" q e404 'paths.count("/status/404") == 1'

# shellcheck disable=SC2086
run flaky $fast "$site/flaky/a"
check "a 500 that recovers: extracted after a retry" q flaky 'R[0]["error"] is None and paths.count("/flaky/a") == 2'
check "... exit status 0" [ "$(rc flaky)" -eq 0 ]
check "... the retry waits --retry-delay (200 ms) at least" \
    q flaky '(lambda t: t[1] - t[0] >= 0.2 - 0.02)([e["t"] for e in S if e["path"] == "/flaky/a"])'

# shellcheck disable=SC2086
run busy $fast "$site/busy"
check "a 429 with Retry-After: 1 is retried a second later at least" \
    q busy 'R[0]["error"] is None and (lambda t: len(t) == 2 and t[1] - t[0] >= 1.0 - 0.02)(
            [e["t"] for e in S if e["path"] == "/busy"])'

# shellcheck disable=SC2086
run slow $fast --fetch-timeout 1s --retries 1 "$site/slow" "$site/news/8.html"
check "a slow response times out: error timeout" q slow 'R[0]["error"]["code"] == "timeout" and R[1]["error"] is None'
check "... after one retry (--retries 1)" q slow 'paths.count("/slow") == 2'
check "... exit status 1" [ "$(rc slow)" -eq 1 ]

# shellcheck disable=SC2086
run refused $fast --retries 0 "http://127.0.0.1:1/x.html"
check "a refused connection: error connect" q refused 'R[0]["error"]["code"] == "connect"'

# shellcheck disable=SC2086
run bad $fast "https://" "$site/news/10.html"
check "a malformed URL: error bad_url, and the rest fetched" \
    q bad 'R[0]["error"]["code"] == "bad_url" and R[1]["error"] is None'
check "... exit status 1" [ "$(rc bad)" -eq 1 ]

# shellcheck disable=SC2086
run png $fast "$site/image.png"
check "an image URL: error not_html" q png 'R[0]["error"]["code"] == "not_html"'
check "... exit status 0 (the content is wrong, not the fetch)" [ "$(rc png)" -eq 0 ]

# shellcheck disable=SC2086
run big $fast --max-bytes 8k "$site/big.html"
check "--max-bytes caps a download: error too_large" q big 'R[0]["error"]["code"] == "too_large"'

# ------------------------------------------------------------ robots.txt
# shellcheck disable=SC2086
run robots $fast "$site/private/secret.html" "$site/news/11.html"
check "a path robots.txt disallows: error robots, never requested" \
    q robots 'R[0]["error"]["code"] == "robots" and "/private/secret.html" not in paths and R[1]["error"] is None'
check "... robots.txt read once for the host" q robots 'paths.count("/robots.txt") == 1'
check "... the '*' group applies, not another bot's" q robots 'R[1]["error"] is None'
# shellcheck disable=SC2086
run norobots $fast --ignore-robots "$site/private/secret.html"
check "--ignore-robots fetches it, without asking robots.txt" \
    q norobots 'R[0]["error"] is None and paths == ["/private/secret.html"]'

# ------------------------------------------------------------ feeds
# shellcheck disable=SC2086
run rss $fast --feed "$site/feed.xml"
check "an RSS 2.0 feed: one record per item, in feed order" \
    q rss '[r["url"] for r in R] == ["'"$site"'/news/%d.html" % n for n in (1, 2, 3, 4, 5)]
           and all(r["error"] is None for r in R)'
check "... a relative item link resolved against the feed" q rss 'R[1]["requested_url"] == "'"$site"'/news/2.html"'
check "... source is the feed given" q rss 'all(r["source"] == "'"$site"'/feed.xml" for r in R)'

# shellcheck disable=SC2086
run atom $fast --feed "$site/atom.xml"
check "an Atom feed: each entry's alternate link, in order" \
    q atom '[r["url"].rsplit("/", 1)[1] for r in R] == ["12.html", "10.html", "11.html"]
            and not any(p.startswith(("/img/", "/api/")) for p in paths)'
# shellcheck disable=SC2086
run rdf $fast --feed "$site/rdf.xml"
check "an RSS 1.0 (RDF) feed" q rdf '[r["url"].rsplit("/", 1)[1] for r in R] == ["13.html", "14.html"]'
# shellcheck disable=SC2086
run notfeed $fast --feed "$site/not-a-feed.xml"
check "a feed that is not one: error not_feed" q notfeed 'len(R) == 1 and R[0]["error"]["code"] == "not_feed"'
check "... exit status 1" [ "$(rc notfeed)" -eq 1 ]
# shellcheck disable=SC2086
run mixed $fast --feed "$site/feed-mixed.xml"
check "a feed's failing items are records too, in place" \
    q mixed '[(r["error"] or {}).get("code") for r in R] == [None, "http_404", "robots", None]'
# shellcheck disable=SC2086
run maxp --delay 200ms --max-pages 2 --feed "$site/feed.xml"
check "--max-pages 2 takes the first two items" \
    q maxp '[r["url"].rsplit("/", 1)[1] for r in R] == ["1.html", "2.html"]'
check "... and says what it left out" grep -q "3 links beyond --max-pages 2" maxp.err

# ------------------------------------------------------------ sitemaps
# shellcheck disable=SC2086
run smap $fast --sitemap "$site/sitemap_index.xml"
check "a sitemap index: its sitemaps' pages in order (gzipped news sitemap, then urlset)" \
    q smap '[r["url"].rsplit("/", 1)[-1] for r in R if not r["error"]] == ["15.html", "16.html", "17.html", "18.html"]'
check "... the child sitemap on another host is not fetched: error offsite, in place" \
    q smap '[(r["error"] or {}).get("code") for r in R] == [None, None, "offsite", None, None]'
check "... exit status 1 (a sitemap was left out)" [ "$(rc smap)" -eq 1 ]

# ------------------------------------------------------------ other hosts
# shellcheck disable=SC2086
run offsite $fast --feed "$site/feed-offsite.xml" "$site/links.html"
check "a feed's items on hosts not named: error offsite, without a request" \
    q offsite '[(r["error"] or {}).get("code") for r in R] == [None, "offsite", "offsite", None, None]'
check "a page linking to other hosts is extracted" q offsite 'R[4]["error"] is None'
check "no request reached 127.0.0.2 or another port of 127.0.0.1 (trap logs empty)" \
    sh -c '[ ! -s log.trapa ] && [ ! -s log.trapb ]'

# ------------------------------------------------------------ --urls
printf '# a comment\n\n  %s  \n%s\r\nftp://example.invalid/x\n%s\n' \
    "$site/news/12.html" "$site/redirect/13" "$site/news/14.html" >list.txt
# shellcheck disable=SC2086
run urls $fast --urls list.txt
check "--urls FILE: one record per URL line, in order" \
    q urls '[(r["requested_url"].rsplit("/", 1)[-1], (r["error"] or {}).get("code")) for r in R] ==
            [("12.html", None), ("13", None), ("x", "bad_url"), ("14.html", None)]'
before=$(wc -l <log.main)
printf '%s\n' "$site/news/15.html" | "$bin" $fast --urls - >stdin.jsonl 2>/dev/null
tail -n +$((before + 1)) log.main >stdin.log
check "--urls - reads standard input" q stdin 'len(R) == 1 and R[0]["url"].endswith("/news/15.html")'
# shellcheck disable=SC2086
run order $fast "$site/news/16.html" --feed "$site/rdf.xml" "$site/news/17.html"
check "URL, --feed and URL inputs keep command-line order" \
    q order '[r["url"].rsplit("/", 1)[1] for r in R] == ["16.html", "13.html", "14.html", "17.html"]'

# ------------------------------------------------------------ politeness
# Ten requests to one host with a 500 ms delay: starts are 500 ms apart at
# least, as the server saw them, less 100 ms for the server's own lag in
# noticing a request on a loaded machine (the gaps are printed when not);
# and never two at once (one connection per host by default).
# shellcheck disable=SC2086
run polite -q --delay 500ms --feed "$site/feed.xml" "$site/news/18.html" "$site/redirect/19" "$site/news/20.html"
check "politeness: no two requests to the host closer than --delay (500 ms)" \
    q polite 'len(S) >= 10 and min(b["t"] - a["t"] for a, b in zip(S, S[1:])) >= 0.5 - 0.1
              or print("     gaps:", [round(b["t"] - a["t"], 3) for a, b in zip(S, S[1:])])'
check "politeness: one request at a time to the host (default --host-connections 1)" \
    q polite 'max(e["active"] for e in S) == 1'
# shellcheck disable=SC2086
run conn2 -q --delay 0 --host-connections 2 "$site/hold/1" "$site/hold/2" "$site/hold/3" "$site/hold/4"
check "--host-connections 2: never more than two at once to the host" \
    q conn2 'len(R) == 4 and max(e["active"] for e in S) <= 2'

# Two hosts, each one connection at a time: their requests overlap (each
# takes a second), and the records still come in input order.
before2=$(wc -l <log.second)
# shellcheck disable=SC2086
run hosts -q --delay 0 "$site/hold/a" "$second/hold/b" "$site/hold/c" "$second/hold/d"
tail -n +$((before2 + 1)) log.second >hosts.log2
check "two hosts are fetched at once, each politely" "$python" -c '
import json, sys
a = [json.loads(l) for l in open("hosts.log") if "/hold/" in l]
b = [json.loads(l) for l in open("hosts.log2") if "/hold/" in l]
def spans(log):
    st = {e["path"]: e["t"] for e in log if e["event"] == "start"}
    return [(st[e["path"]], e["t"]) for e in log if e["event"] == "end"]
overlap = any(s1 < e2 and s2 < e1 for s1, e1 in spans(a) for s2, e2 in spans(b))
one_each = max(e["active"] for e in a) == 1 and max(e["active"] for e in b) == 1
sys.exit(0 if overlap and one_each and len(spans(a)) == 2 and len(spans(b)) == 2 else 1)
'
check "... records in input order" q hosts '[r["url"].rsplit("/", 1)[1] for r in R] == ["a", "b", "c", "d"]'

# ------------------------------------------------------------ --warc-out
# shellcheck disable=SC2086
run crawl $fast --feed "$site/feed.xml" --warc-out crawl.warc.gz
check "--feed --warc-out: one record per item, in feed order" \
    q crawl '[r["url"].rsplit("/", 1)[1] for r in R] == ["%d.html" % n for n in (1, 2, 3, 4, 5)]'
check "... exit status 0" [ "$(rc crawl)" -eq 0 ]
"$bin" -q crawl.warc.gz >back.jsonl 2>back.err
check "decant crawl.warc.gz reads it back (exit status 0)" [ $? -eq 0 ]
# The fields that may differ: "source" (the feed's URL, then the archive's
# path) and "requested_url" (the URL asked for, which the archive keeps only
# as the chain of responses).  Everything else is equal, "id" (the response
# record's WARC-Record-ID) and "warc" (file, offset) included.
check "... the same records, but for source and requested_url" "$python" -c '
import json, sys
a = [json.loads(l) for l in open("crawl.jsonl")]
b = [json.loads(l) for l in open("back.jsonl")]
def strip(r):
    return {k: v for k, v in r.items() if k not in ("source", "requested_url")}
ok = len(a) == len(b) == 5 and [strip(r) for r in a] == [strip(r) for r in b]
ok = ok and all(r["source"] == "crawl.warc.gz" and "requested_url" not in r for r in b)
ok = ok and all(r["warc"]["file"] == "crawl.warc.gz" for r in a)
if not ok:
    for x, y in zip(a, b):
        for k in sorted(set(x) | set(y)):
            if x.get(k) != y.get(k):
                print("     ", k, repr(x.get(k))[:80], repr(y.get(k))[:80])
sys.exit(0 if ok else 1)
'
check "... each record's warc.offset is the gzip member of its response" "$python" -c '
import json, sys, zlib
data = open("crawl.warc.gz", "rb").read()
for line in open("crawl.jsonl"):
    r = json.loads(line)
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    rec = d.decompress(data[r["warc"]["offset"]:])
    head = rec.split(b"\r\n\r\n", 1)[0].decode()
    if not (rec.startswith(b"WARC/1.1\r\n") and "WARC-Type: response" in head
            and "WARC-Record-ID: <%s>" % r["id"] in head and d.eof):
        sys.exit(1)
'
zcat crawl.warc.gz >crawl.warc 2>/dev/null
check "... one gzip member per record" "$python" -c '
import sys, zlib
data = open("crawl.warc.gz", "rb").read()
members = 0
while data:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = d.decompress(data)
    if not d.eof or out.count(b"WARC/1.1\r\n") != 1 or not out.startswith(b"WARC/1.1\r\n"):
        sys.exit(1)
    members += 1
    data = d.unused_data
sys.exit(0 if members == open("crawl.warc", "rb").read().count(b"\r\nWARC-Type: ") else 1)
'
check "... a warcinfo record with decant's version and options first" \
    sh -c 'head -c 2000 crawl.warc | grep -q "^WARC-Type: warcinfo" &&
           grep -q "^software: decant '"$version"'" crawl.warc && grep -q "^decant-delay-ms: 200" crawl.warc &&
           grep -q "^robots: obey" crawl.warc'
check "... every request and response: robots.txt, the feed and five pages" \
    sh -c '[ "$(grep -c "^WARC-Type: request" crawl.warc)" -eq 7 ] &&
           [ "$(grep -c "^WARC-Type: response" crawl.warc)" -eq 7 ]'

# warcio.js, installed with npm into build-npm/ (kept between runs).
npm_dir=${DECANT_NPM_DIR:-$root/build-npm}
warcio_version=2.4.11
if [ ! -f "$npm_dir/node_modules/warcio/package.json" ] ||
    ! grep -q "\"version\": \"$warcio_version\"" "$npm_dir/node_modules/warcio/package.json"; then
    mkdir -p "$npm_dir"
    (cd "$npm_dir" && npm install --prefix "$npm_dir" --no-audit --no-fund --no-save --loglevel=error \
        "warcio@$warcio_version") >npm.log 2>&1
fi
check "warcio.js $warcio_version is installed (npm)" [ -f "$npm_dir/node_modules/warcio/package.json" ]
[ -f "$npm_dir/node_modules/warcio/package.json" ] || tail -n 20 npm.log 2>/dev/null | sed 's/^/     /'
node "$here/warcio_check.mjs" "$npm_dir/node_modules" crawl.warc.gz >warcio.json 2>warcio.err
check "warcio.js reads crawl.warc.gz without error" [ $? -eq 0 ]
[ -s warcio.err ] && head -n 5 warcio.err | sed 's/^/     /'
check "... and counts the same responses: 7, the five pages' ids among them" "$python" -c '
import json, sys
w = json.load(open("warcio.json"))
recs = [json.loads(l) for l in open("crawl.jsonl")]
responses = [x for x in w if x["type"] == "response"]
ids = {x["id"].strip("<>") for x in responses if x["status"] == 200}
ok = (len(responses) == 7 and w[0]["type"] == "warcinfo"
      and sum(x["type"] == "request" for x in w) == 7
      and all(r["id"] in ids for r in recs))
sys.exit(0 if ok else 1)
'

# A crawl with failures: the archive still holds what the servers sent.
# shellcheck disable=SC2086
run crawl2 $fast --retries 1 --warc-out crawl2.warc.gz "$site/flaky/b" "$site/status/404" "$site/redirect/21"
"$bin" -q --all-records crawl2.warc.gz >back2.jsonl 2>/dev/null
check "a crawl with a retry, a 404 and a redirect: every response archived" "$python" -c '
import json
b = [json.loads(l) for l in open("back2.jsonl")]
skips = [r["warc"]["skip"] for r in b]
# robots.txt (text/plain), the 500, the 404, the 301 are skipped; the two pages are not
import sys
sys.exit(0 if skips.count(None) == 2 and skips.count("status") == 3 else 1)
'

summary fetch
