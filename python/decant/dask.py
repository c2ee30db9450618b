"""Extracts many web archives on a Dask cluster: one task per WARC file.

    python3 -m decant.dask --scheduler tcp://host:8786 --out OUT a.warc.gz b.warc.gz ...
    python3 -m decant.dask --local 2 --out OUT --list warcs.txt

Each task runs decant.iter_warc over one archive and writes its records, in
archive order, to OUT/<name>.jsonl, where <name> is the file name without
.warc[.gz|.zst] (made unique when two inputs share one).  The shard is
written under a temporary name and renamed when complete, so a task that dies
half-way, and is retried, never leaves half a shard behind.  A failed task is
retried (--retries); files that still fail are listed in the summary, which
goes to OUT/_summary.json and standard output, and make the exit status 1.

Every worker must see the input paths and OUT under the same names (a shared
filesystem, or object storage mounted on each machine) and must have the
decant module installed.  See README.md, "Python".
"""
import argparse
import hashlib
import json
import os
import sys
import time
import uuid

import decant

SUMMARY_NAME = "_summary.json"


def shard_stem(path):
    """The file name of an archive without .warc, .warc.gz or .warc.zst."""
    base = os.path.basename(path.rstrip("/")) or "archive"
    lower = base.lower()
    for suffix in (".warc.gz", ".warc.zst", ".warc", ".gz", ".zst"):
        if lower.endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    return base


def shard_names(paths):
    """One distinct shard name (without directory) per input path.

    Inputs from different folders may share a file name; those get a short
    hash of their full path, so no shard overwrites another.
    """
    stems = [shard_stem(p) for p in paths]
    seen = {}
    for s in stems:
        seen[s] = seen.get(s, 0) + 1
    names = []
    for p, s in zip(paths, stems):
        if seen[s] > 1:
            s += "-" + hashlib.sha1(p.encode("utf-8", "surrogateescape")).hexdigest()[:10]
        names.append(s + ".jsonl")
    return names


def process_warc(path, out_path, options=None):
    """Extracts one archive into the JSONL shard out_path; the Dask task.

    Returns {"file", "shard", "records", "errors", "skipped", "seconds"}:
    records written, how many of them have "error" set, and WARC records
    passed over by reason.  Raises (so that Dask retries it) when the archive
    cannot be opened or the shard cannot be written; a corrupt stretch inside
    an archive is not a failure but an error record, as in the CLI.
    """
    options = dict(options or {})
    start = time.monotonic()
    directory = os.path.dirname(out_path) or "."
    os.makedirs(directory, exist_ok=True)
    # Unique per attempt: a retry, or a duplicate run of a task the scheduler
    # thought lost, must not write into another attempt's file.
    tmp = os.path.join(directory, ".%s.%s.tmp" % (os.path.basename(out_path), uuid.uuid4().hex))
    records = errors = 0
    try:
        with decant.iter_warc(path, **options) as reader, \
                open(tmp, "w", encoding="utf-8", newline="\n") as out:
            for rec in reader:
                out.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
                out.write("\n")
                records += 1
                if rec.get("error") is not None:
                    errors += 1
            stats = reader.stats()
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, out_path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return {
        "file": path,
        "shard": out_path,
        "records": records,
        "errors": errors,
        "skipped": sum(stats["skipped"].values()),
        "seconds": round(time.monotonic() - start, 3),
    }


def run(client, paths, out_dir, options=None, retries=2, progress=None):
    """Runs process_warc for every path on the cluster behind client.

    Returns the summary: files, files_done, records, errors, skipped,
    failed (a list of {"file", "error"}) and shards.  Shards are named by
    shard_names(paths) in out_dir.
    """
    from distributed import as_completed

    # By reference, also when this file runs as __main__ (python3 -m
    # decant.dask): workers then import the installed module rather than
    # receive a pickled copy of the function.
    from decant.dask import process_warc as task

    out_dir = os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    names = shard_names(paths)
    futures = {}
    for i, (path, name) in enumerate(zip(paths, names)):
        fut = client.submit(task, path, os.path.join(out_dir, name), options,
                            retries=retries, pure=False, key="decant-%d-%s" % (i, name))
        futures[fut] = path
    done, failed, shards = [], [], []
    totals = {"records": 0, "errors": 0, "skipped": 0}
    for fut in as_completed(list(futures)):
        path = futures[fut]
        if fut.status == "finished":
            res = fut.result()
            done.append(res)
            shards.append(res["shard"])
            for k in totals:
                totals[k] += res[k]
            if progress:
                progress("done %s: %d records, %d errors" % (path, res["records"], res["errors"]))
        else:
            try:
                exc = fut.exception()
                msg = "%s: %s" % (type(exc).__name__, exc)
            except Exception as e:  # the future was cancelled or lost
                msg = "%s: %s" % (type(e).__name__, e)
            failed.append({"file": path, "error": msg})
            if progress:
                progress("FAILED %s: %s" % (path, msg))
        fut.release()
    order = {p: i for i, p in enumerate(paths)}
    failed.sort(key=lambda f: order[f["file"]])
    return {
        "files": len(paths),
        "files_done": len(done),
        "records": totals["records"],
        "errors": totals["errors"],
        "skipped": totals["skipped"],
        "failed": failed,
        "shards": sorted(shards),
    }


def read_list(path):
    """Paths from a list file (or "-" for standard input): one per line,
    blank lines and lines starting with # ignored."""
    f = sys.stdin if path == "-" else open(path, encoding="utf-8")
    try:
        return [l.strip() for l in f if l.strip() and not l.lstrip().startswith("#")]
    finally:
        if f is not sys.stdin:
            f.close()


def main(argv=None):
    """The command line; returns the exit status."""
    ap = argparse.ArgumentParser(
        prog="python3 -m decant.dask",
        description="Extract web archives on a Dask cluster, one task and one JSONL shard "
                    "per WARC file.")
    ap.add_argument("warcs", nargs="*", help="WARC files (plain, .gz or .zst)")
    ap.add_argument("--list", action="append", default=[], metavar="FILE",
                    help="a file listing WARC paths, one per line ('-': standard input)")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="the Dask scheduler, e.g. tcp://host:8786")
    where.add_argument("--local", type=int, metavar="N",
                       help="start a local cluster of N worker processes instead")
    ap.add_argument("--out", required=True, metavar="DIR", help="where the shards go")
    ap.add_argument("--summary", metavar="FILE",
                    help="summary JSON (default: DIR/%s)" % SUMMARY_NAME)
    ap.add_argument("--retries", type=int, default=2,
                    help="times a failed task is retried (default 2)")
    ap.add_argument("--body", choices=("text", "markdown", "html"), default="text")
    ap.add_argument("--all-records", action="store_true",
                    help="also a record for every WARC record that is not an HTML page")
    ap.add_argument("--max-bytes", type=int, metavar="N", help="largest page, in bytes")
    ap.add_argument("--timeout", type=int, metavar="MS", help="time budget per page")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    args = ap.parse_args(argv)

    paths = list(args.warcs)
    for lst in args.list:
        paths.extend(read_list(lst))
    if not paths:
        ap.error("no WARC files given")
    if args.local is not None and args.local < 1:
        ap.error("--local needs at least 1 worker")
    # Absolute paths, so that every worker, whatever its working directory,
    # reads the same files.
    paths = [p if "://" in p else os.path.abspath(p) for p in paths]
    options = {"body": args.body, "all_records": args.all_records}
    if args.max_bytes is not None:
        options["max_bytes"] = args.max_bytes
    if args.timeout is not None:
        options["timeout_ms"] = args.timeout

    from distributed import Client, LocalCluster

    progress = None if args.quiet else (lambda m: print("decant.dask: " + m, file=sys.stderr))
    start = time.monotonic()
    cluster = None
    if args.local is not None:
        # One thread per process: extraction holds no GIL, but separate
        # processes also isolate a crash to one task, which is then retried.
        cluster = LocalCluster(n_workers=args.local, threads_per_worker=1,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(args.scheduler)
    try:
        summary = run(client, paths, args.out, options, retries=args.retries, progress=progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary["seconds"] = round(time.monotonic() - start, 3)
    text = json.dumps(summary, indent=2)
    summary_path = args.summary or os.path.join(args.out, SUMMARY_NAME)
    tmp = summary_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    os.replace(tmp, summary_path)
    print(text)
    return 1 if summary["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
