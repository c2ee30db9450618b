#!/usr/bin/env python3
"""Date coverage on a set without date gold, from the crawl date in each id.

    datecov.py DATASET_DIR PRED.jsonl [--list KIND] [--json OUT]

daniel-dev names each page <YYYYMMDD>_<site>_<hash>, the day it was crawled:
a news page's date_published is on that day or a few days before.  Per
language (the gold's page_type) this prints how many pages got a date, how
many of those fall 0..7 days before the crawl, earlier than that, or after
it (a date the page cannot have been published on).  --list none|far|after
prints those pages' ids with the date found, to look at them.
"""
import argparse
import gzip
import json
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

CRAWL = re.compile(r"^(\d{4})(\d{2})(\d{2})_")


def load(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def day(s):
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("pred")
    ap.add_argument("--list", choices=["none", "far", "after"])
    ap.add_argument("--json")
    a = ap.parse_args()
    gold = {r["id"]: r.get("page_type") or r.get("lang") or "?" for r in load(Path(a.dataset) / "gt.jsonl.gz")}
    pred = {r.get("id"): r for r in load(a.pred)}
    rows = defaultdict(lambda: {"pages": 0, "dated": 0, "week": 0, "earlier": 0, "after": 0})
    listed = []
    for pid, lang in sorted(gold.items()):
        m = CRAWL.match(pid)
        if not m:
            continue
        crawl = date(int(m[1]), int(m[2]), int(m[3]))
        r = pred.get(pid) or {}
        got = r.get("date_published")
        d = day(got)
        for key in (lang, "all"):
            row = rows[key]
            row["pages"] += 1
            if not d:
                continue
            row["dated"] += 1
            delta = (crawl - d).days
            row["week" if 0 <= delta <= 7 else "earlier" if delta > 7 else "after"] += 1
        kind = "none" if not d else "after" if d > crawl else "far" if (crawl - d).days > 7 else None
        if a.list and kind == a.list:
            listed.append((lang, pid, got, r.get("source_date_published") or ""))
    print(f"  date coverage by the crawl date in the id ({a.pred}):")
    print(f"    {'language':<10} {'pages':>5} {'dated':>6} {'0-7d':>6} {'>7d':>5} {'after':>5}")
    for key in sorted(rows, key=lambda k: (k == "all", k)):
        r = rows[key]
        print(f"    {key:<10} {r['pages']:>5} {r['dated']:>6} {r['week']:>6} {r['earlier']:>5} {r['after']:>5}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)
    for lang, pid, got, src in listed:
        print(f"{lang}\t{pid}\t{got}")


if __name__ == "__main__":
    sys.exit(main())
