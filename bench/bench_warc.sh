#!/bin/sh
# Speed and memory of decant on a web archive built from the wcxb-dev pages.
#
# usage: sh bench/bench_warc.sh DECANT
#
#   WARC_SET  folder of *.html.gz pages (default ../shared/bench/wcxb-dev/html)
#   RUNS      runs per configuration; the median is shown (default 3)
#   REPEAT    how many times the pages go into the archive (default 1); 3
#             gives about 1.25 GB of WARC, for the memory target
#
# The archive is written like Common Crawl's: gzip, one member per record, a
# warcinfo record first and then one `response` per page with an HTTP 200
# head, under the page's URL from the benchmark's gold (a repeat fetches it
# again).  MB/s counts the uncompressed WARC.  The "reader only" row runs with
# --max-bytes 1, so that every page is skipped as too large: what is left is
# reading, decompressing and parsing the archive.  The --learn-sites rows
# learn the sites' templates (see decant(1)); their throughput is given as a
# share of the same -j without it.
. "$(dirname "$0")/common.sh"
WARC_SET=${WARC_SET:-$shared/bench/wcxb-dev/html}
RUNS=${RUNS:-3}
REPEAT=${REPEAT:-1}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

python3 - "$WARC_SET" "$tmp/bench.warc.gz" "$REPEAT" <<'PY'
import gzip, sys, uuid, zlib
from pathlib import Path

src, dst, repeat = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])

def member(data):
    # one gzip member per record, as Common Crawl writes them
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()

def record(kind, uri, block, ctype):
    head = [b"WARC/1.0", b"WARC-Type: " + kind,
            b"WARC-Record-ID: <urn:uuid:" + str(uuid.uuid4()).encode() + b">",
            b"WARC-Date: 2026-01-01T00:00:00Z"]
    if uri:
        head.append(b"WARC-Target-URI: " + uri)
    head += [b"Content-Type: " + ctype, b"Content-Length: %d" % len(block)]
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"

pages = sorted(p for p in src.iterdir() if p.name.endswith(".html.gz"))
# Each page under its own URL (the benchmark's gold one), as in a crawl, so
# that --learn-sites groups the pages by their real sites; a repeat is the
# same URL fetched again.
urls = {}
gt = src.parent / "gt.jsonl.gz"
if gt.exists():
    import json
    with gzip.open(gt, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                if g.get("url"):
                    urls[g["id"]] = g["url"].encode()
raw = 0
n = 0
with open(dst, "wb") as out:
    info = record(b"warcinfo", None, b"software: decant bench\r\n", b"application/warc-fields")
    out.write(member(info))
    raw += len(info)
    for r in range(repeat):
        for p in pages:
            html = gzip.decompress(p.read_bytes())
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    b"Content-Length: %d\r\n\r\n" % len(html)) + html
            pid = p.name[:-len(".html.gz")]
            uri = urls.get(pid) or b"https://bench.example/%s" % pid.encode()
            rec = record(b"response", uri, http, b"application/http; msgtype=response")
            out.write(member(rec))
            raw += len(rec)
            n += 1
open(dst + ".size", "w").write("%d %d\n" % (raw, n))
PY

python3 - "$decant" "$tmp/bench.warc.gz" "$RUNS" <<'PY'
import json, os, statistics, subprocess, sys, time

decant, warc, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
raw, pages = map(int, open(warc + ".size").read().split())
gz = os.path.getsize(warc)
print(f"bench-warc: {pages} pages, {raw / 1e6:.1f} MB of WARC ({gz / 1e6:.1f} MB gzip, "
      f"one member per record), {runs} runs each, median shown")
print(f"bench-warc: {os.cpu_count()} CPUs, {os.uname().sysname} {os.uname().release}")
print()


stats_file = warc + ".stats.json"


def run(cmd):
    """Runs cmd; returns (wall s, peak RSS MiB, exit status, records, CPU s).

    The records go to /dev/null and are counted from --stats: a reader on a
    pipe would take its share of the two cores from decant -j 2."""
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(cmd[:1] + ["--stats", stats_file] + cmd[1:], stdout=null,
                             stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    try:
        records = json.load(open(stats_file))["written"]
    except (OSError, ValueError, KeyError):
        records = -1
    return (wall, ru.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), records,
            ru.ru_utime + ru.ru_stime)


load_before = os.getloadavg()[0]
rows = []
configs = [("decant -j 1 (reader only)", ["-j", "1", "--max-bytes", "1"], 0),
           ("decant -j 1", ["-j", "1"], pages),
           ("decant -j 2", ["-j", "2"], pages),
           ("decant -j 1 --learn-sites", ["-j", "1", "--learn-sites"], pages),
           ("decant -j 2 --learn-sites", ["-j", "2", "--learn-sites"], pages)]
for name, args, want in configs:
    walls, rss, cpus = [], [], []
    for _ in range(runs):
        w, r, code, records, cpu = run([decant, "--quiet", *args, warc])
        if code != 0:
            print(f"warning: {name} exited with status {code}")
        if records != want:
            print(f"warning: {name} printed {records} records, expected {want}")
        walls.append(w)
        rss.append(r)
        cpus.append(cpu)
    w = statistics.median(walls)
    rows.append((name, pages / w, raw / 1e6 / w, statistics.median(rss), w,
                 statistics.median(cpus)))

print(f"| {'configuration':<28} | {'pages/s':>8} | {'WARC MB/s':>9} | {'peak RSS MiB':>12} | {'wall s':>7} | {'CPU s':>6} |")
print(f"| {'-' * 28} | {'-' * 8} | {'-' * 9} | {'-' * 12} | {'-' * 7} | {'-' * 6} |")
for name, ps, mbs, rss, w, cpu in rows:
    print(f"| {name:<28} | {ps:>8.1f} | {mbs:>9.1f} | {rss:>12.1f} | {w:>7.2f} | {cpu:>6.2f} |")
j1, j2 = rows[1][4], rows[2][4]
print()
print(f"-j 2 speed-up over -j 1: {j1 / j2:.2f}x")
print(f"--learn-sites throughput, of the same run without it: -j 1 {j1 / rows[3][4]:.0%}, "
      f"-j 2 {j2 / rows[4][4]:.0%}")
# Other work on the machine steals cores from -j 2: CPU s well below twice
# the wall time, with a high load before the runs, means the figure is low.
print(f"load average before the runs: {load_before:.1f} on {os.cpu_count()} CPUs")
PY
