#!/usr/bin/python3
"""Pages/s through decant.extract in a Python loop against the CLI's -j 1.

usage: /usr/bin/python3 bench/bench_python.py DECANT   (make bench-python)

    BENCH_SET  the benchmark folder (default ../shared/bench/scrapinghub)
    RUNS       runs per configuration; the median is shown (default 5)

The pages are decompressed once: into memory for the module, into a
temporary folder for the CLI.  The module's time is the loop alone
(decant.extract(page, errors="record") per page, records built as dicts);
the CLI's is its whole process reading the folder with -j 1, JSON to
/dev/null, as bench/bench.sh measures it.  Both, with 2 threads (a thread
pool over decant.extract; the CLI's -j 2), are shown too.  The records are
checked equal first, so both sides do the same work.
"""
import concurrent.futures
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))

import decant  # noqa: E402


def load_pages(folder):
    pages = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            data = f.read()
        if name.endswith(".gz"):
            data, name = gzip.decompress(data), name[:-3]
        if name.endswith((".html", ".htm")):
            pages.append((name, data))
    return pages


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    cli = os.path.abspath(sys.argv[1])
    bench_set = os.environ.get("BENCH_SET") or os.path.join(
        os.path.dirname(ROOT), "shared", "bench", "scrapinghub")
    runs = int(os.environ.get("RUNS", "5"))
    pages = load_pages(os.path.join(bench_set, "html"))
    n = len(pages)
    mb = sum(len(d) for _, d in pages) / 1e6
    print("bench-python: %d pages, %.1f MB of HTML, %d runs each, median shown" % (n, mb, runs))
    print("bench-python: %d CPUs, Python %s, decant %s" % (os.cpu_count(), sys.version.split()[0],
                                                         decant.version()))

    tmp = tempfile.mkdtemp(prefix="decant-bench-py-")
    try:
        for name, data in pages:
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(data)

        # Same work on both sides: the module's records are the CLI's.
        out = subprocess.run([cli, "-j", "1", "--quiet", tmp], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
        want = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
        got = [decant.extract(d, errors="record") for _, d in pages]
        strip = lambda r: {k: v for k, v in r.items() if k not in ("id", "source")}  # noqa: E731
        same = len(want) == n and all(strip(a) == strip(b) for a, b in zip(want, got))
        print("bench-python: records equal to the CLI's: %s" % ("yes" if same else "NO"))

        def run_cli(jobs):
            with open(os.devnull, "wb") as null:
                subprocess.run([cli, "-j", str(jobs), "--quiet", tmp], stdout=null,
                               stderr=subprocess.DEVNULL, check=False)

        def run_module():
            for _, d in pages:
                decant.extract(d, errors="record")

        pool = concurrent.futures.ThreadPoolExecutor(2)

        def run_module_threads():
            list(pool.map(lambda p: decant.extract(p[1], errors="record"), pages))

        run_module_threads()  # warm both threads' extractors
        rows = [
            ("CLI decant -j 1", median_time(lambda: run_cli(1), runs)),
            ("decant.extract, Python loop", median_time(run_module, runs)),
            ("CLI decant -j 2", median_time(lambda: run_cli(2), runs)),
            ("decant.extract, 2 threads", median_time(run_module_threads, runs)),
        ]
        pool.shutdown()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    print("%-30s %10s %10s" % ("", "pages/s", "MB/s"))
    for label, t in rows:
        print("%-30s %10.1f %10.2f" % (label, n / t, mb / t))
    cli_rate, py_rate = n / rows[0][1], n / rows[1][1]
    ratio = py_rate / cli_rate
    print()
    print("bench-python: module / CLI -j 1 = %.3f (%+.1f%%); within 15%%: %s"
          % (ratio, (ratio - 1) * 100, "yes" if ratio >= 0.85 else "NO"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
