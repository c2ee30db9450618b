#!/usr/bin/env python3
"""Page by page: where two runs of decant differ on the metadata gold.

    bench/metadiff.py DATASET_DIR BEFORE.jsonl AFTER.jsonl [--field F] [--all]

For each of title, author and date (or only --field), scores both runs with
the benchmark's own scorer (score.py next to DATASET_DIR: normalised title,
set of author names, YYYY-MM-DD) and prints the accuracy of each run, then
every page whose value changed: fixed (+), broken (-), or changed and still
wrong (~), with the gold and both values.  --all also lists changes on pages
without gold for the field (printed as ?).
"""
import argparse
import importlib.util
import sys
from pathlib import Path


def load_scorer(dataset):
    path = dataset / "score.py"
    if not path.exists():
        path = dataset.parent / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def value(sc, rec, field):
    if field == "title":
        return sc.as_text(rec.get("title")) or None
    if field == "author":
        return sc.as_text(sc.first(rec, "author", "authors", "byline")) or None
    return sc.as_text(sc.first(rec, "date", "date_published", "published", "publish_date")) or None


def norm(sc, field, v):
    if v is None:
        return None
    if field == "title":
        return sc.norm_title(v) or None
    if field == "author":
        return sc.author_set(v) or None
    return sc.norm_date(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", type=Path)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--field", choices=["title", "author", "date"])
    ap.add_argument("--all", action="store_true")
    a = ap.parse_args()
    sc = load_scorer(a.dataset)
    gold = sc.load_jsonl(a.dataset / "gt.jsonl.gz")
    runs = [{str(r.get("id")): r for r in sc.load_jsonl(p)} for p in (a.before, a.after)]
    for field in [a.field] if a.field else ["title", "author", "date"]:
        right = [0, 0]
        n = 0
        lines = []
        for g in gold:
            gid = str(g["id"])
            gv = norm(sc, field, sc.as_text(g.get(field)) or None)
            vals = [value(sc, r.get(gid, {}), field) for r in runs]
            ok = [gv is not None and norm(sc, field, v) == gv for v in vals]
            if gv is not None:
                n += 1
                right[0] += ok[0]
                right[1] += ok[1]
            if vals[0] == vals[1] or (gv is None and not a.all):
                continue
            mark = "?" if gv is None else "+" if ok[1] and not ok[0] else "-" if ok[0] and not ok[1] else "~"
            lines.append(f"  {mark} {gid} [{g.get('page_type', '-')}] gold={sc.as_text(g.get(field))!r}"
                         f" before={vals[0]!r} after={vals[1]!r}")
        if n:
            print(f"{field}: {right[0] / n:.4f} -> {right[1] / n:.4f} ({n} gold; "
                  f"{sum(l.startswith('  +') for l in lines)} fixed, {sum(l.startswith('  -') for l in lines)} broken)")
        print("\n".join(sorted(lines, key=lambda l: l[2])))


if __name__ == "__main__":
    sys.exit(main())
