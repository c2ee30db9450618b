#!/bin/sh
# Is one build of decant slower than another?  A same-run A/B: both builds
# over the same pages, interleaved (A B, then B A, ...), so that the noise of
# a shared machine falls on both alike.
#
# usage: sh bench/ab.sh A_DECANT B_DECANT
#
#   BENCH_SET  the page folder (default ../shared/bench/scrapinghub), its
#              html/ decompressed once into a temporary folder as make bench does
#   RUNS       runs of each build (default 5); medians are shown
#   JOBS       decant -j (default 1, as make bench's first row)
#   REPEAT     the folder is given this many times in one run (default 5), so
#              that a run lasts long enough to be timed (181 pages take 0.1 s)
#
# Prints each build's median wall time, pages/s and CPU seconds (user+sys,
# steadier than wall time when other work shares the cores), and B against A.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 A_DECANT B_DECANT" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(dirname "$root")/shared
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
a=$(abs "$1")
b=$(abs "$2")
BENCH_SET=${BENCH_SET:-$shared/bench/scrapinghub}
RUNS=${RUNS:-5}
JOBS=${JOBS:-1}
REPEAT=${REPEAT:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

python3 - "$BENCH_SET/html" "$tmp/pages" "$a" "$b" "$RUNS" "$JOBS" "$REPEAT" <<'PY'
import gzip, os, statistics, subprocess, sys, time
from pathlib import Path

src, dst, a, b, runs, jobs = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]
repeat = int(sys.argv[7])
dst.mkdir()
for p in sorted(src.iterdir()):
    name, data = p.name, p.read_bytes()
    if name.endswith(".gz"):
        data, name = gzip.decompress(data), name[:-3]
    if name.endswith((".html", ".htm")):
        (dst / name).write_bytes(data)
n = len(list(dst.iterdir())) * repeat


def run(binary):
    t0 = time.perf_counter()
    p = subprocess.Popen([binary, "-j", jobs, "--quiet"] + [str(dst)] * repeat,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        print(f"warning: {binary} exited with status {os.waitstatus_to_exitcode(status)}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


res = ([], [])
run(a), run(b)  # warm the page cache and both binaries
for i in range(runs):
    for k in ((0, 1) if i % 2 == 0 else (1, 0)):
        res[k].append(run((a, b)[k]))

print(f"ab: {n} pages ({repeat} x {src}), -j {jobs}, {runs} interleaved runs each, medians")
rows = []
for k, (name, binary) in enumerate((("A", a), ("B", b))):
    wall = statistics.median(r[0] for r in res[k])
    cpu = statistics.median(r[1] for r in res[k])
    rss = statistics.median(r[2] for r in res[k])
    rows.append((wall, cpu))
    print(f"  {name} {n / wall:8.1f} pages/s  wall {wall:6.3f} s  cpu {cpu:6.3f} s  "
          f"peak RSS {rss:6.1f} MiB  {binary}")
    print("    walls: " + " ".join(f"{r[0]:.3f}" for r in res[k]))
(wa, ca), (wb, cb) = rows
print(f"  B/A: wall {wb / wa:.3f}, cpu {cb / ca:.3f}  (below 1: B is faster)")
PY
