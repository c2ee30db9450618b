#!/bin/sh
# Speed and memory of decant on the scrapinghub pages, beside readability-lxml
# measured in the same run on the same machine.
#
# usage: sh bench/bench.sh DECANT
#
#   BENCH_SET  the benchmark folder (default ../shared/bench/scrapinghub)
#   RUNS       runs per configuration; the median is shown (default 5)
#
# The pages are decompressed once into a temporary folder; decant then reads
# that folder with -j 1 and -j 2.  Wall time and peak RSS are those of the
# decant process (os.wait4).  readability-lxml (Debian python3-readability,
# installed here on demand) runs in one Python process over the same files,
# already read into memory, timing only Document(html).summary().
. "$(dirname "$0")/common.sh"
BENCH_SET=${BENCH_SET:-$shared/bench/scrapinghub}
RUNS=${RUNS:-5}

# readability-lxml for the comparison; a failure only drops that row.
DECANT_EXTRA_PACKAGES="python3-readability" sh "$root/scripts/setup.sh" ||
    echo "bench: could not install python3-readability; its row is skipped" >&2
# Debian's python3 has the readability module; a python3 earlier on PATH
# (pyenv, venv) may not.
syspy=python3
[ -x /usr/bin/python3 ] && syspy=/usr/bin/python3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
mkdir "$tmp/pages"

python3 - "$BENCH_SET/html" "$tmp/pages" <<'PY'
import gzip, sys
from pathlib import Path
src, dst = Path(sys.argv[1]), Path(sys.argv[2])
n = 0
for p in sorted(src.iterdir()):
    name = p.name
    if name.endswith(".gz"):
        data, name = gzip.decompress(p.read_bytes()), name[:-3]
    else:
        data = p.read_bytes()
    if name.endswith((".html", ".htm")):
        (dst / name).write_bytes(data)
        n += 1
print(f"bench: {n} pages from {src} decompressed into a temporary folder")
PY

python3 - "$decant" "$tmp/pages" "$RUNS" "$syspy" <<'PY'
import os, statistics, subprocess, sys, time
from pathlib import Path

decant, pages, runs, syspy = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
files = sorted(pages.iterdir())
n = len(files)
mb = sum(f.stat().st_size for f in files) / 1e6
print(f"bench: {n} pages, {mb:.1f} MB of HTML, {runs} runs each, median shown")
print(f"bench: {os.cpu_count()} CPUs, {os.uname().sysname} {os.uname().release}")
print()


def run(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd; returns (wall seconds, peak RSS in MiB, exit status)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    return wall, ru.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


rows = []
# A warm-up run, whose output is checked: one record per page.
out = subprocess.run([decant, "-j", "1", "--quiet", str(pages)],
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
records = out.stdout.count(b"\n")
if records != n:
    print(f"warning: decant printed {records} records for {n} pages")
for j in (1, 2):
    walls, rss = [], []
    for _ in range(runs):
        w, r, code = run([decant, "-j", str(j), "--quiet", str(pages)])
        if code != 0:
            print(f"warning: decant -j {j} exited with status {code}")
        walls.append(w)
        rss.append(r)
    w = statistics.median(walls)
    rows.append((f"decant -j {j}", n / w, mb / w, statistics.median(rss), w))

# readability-lxml, one process, timed inside Python around summary() only.
code = r'''
import os, resource, sys, time
from pathlib import Path
from readability import Document
files = sorted(Path(sys.argv[1]).iterdir())
docs = [f.read_bytes() for f in files]
if sys.argv[3] == "str":
    docs = [d.decode("utf-8", "replace") for d in docs]
best = []
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter()
    for html in docs:
        try:
            Document(html).summary()
        except Exception:
            pass
    best.append(time.perf_counter() - t0)
best.sort()
print(best[len(best) // 2], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
'''
rruns = max(1, min(runs, 3))
# bytes: readability detects the charset itself, as decant does;
# str: the pages handed over already decoded (as UTF-8), which is faster.
for kind in ("bytes", "str"):
    try:
        r = subprocess.run([syspy, "-c", code, str(pages), str(rruns), kind],
                           capture_output=True, text=True, timeout=1800)
        if r.returncode == 0:
            w, rss = map(float, r.stdout.split())
            rows.append((f"readability-lxml ({kind} input)", n / w, mb / w, rss, w))
        else:
            print("readability-lxml: skipped (" + (r.stderr.strip().splitlines() or ["failed"])[-1] + ")")
            break
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"readability-lxml: skipped ({e})")
        break

print(f"| {'extractor':<30} | {'pages/s':>8} | {'MB/s':>7} | {'peak RSS MiB':>12} | {'wall s':>7} |")
print(f"| {'-' * 30} | {'-' * 8} | {'-' * 7} | {'-' * 12} | {'-' * 7} |")
for name, ps, mbs, rss, w in rows:
    print(f"| {name:<30} | {ps:>8.1f} | {mbs:>7.2f} | {rss:>12.1f} | {w:>7.2f} |")
print()
print(f"readability-lxml: one process, median of {rruns} passes over the pages held in memory, timing")
print("Document(html).summary() only; 'bytes' leaves charset detection to it (as decant does),")
print("'str' gets pages already decoded as UTF-8.  Its RSS includes the interpreter and all pages.")
PY
