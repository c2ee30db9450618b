#!/usr/bin/env python3
"""Page by page: where two runs of decant differ on a benchmark set.

    bench/pagediff.py DATASET_DIR BEFORE.jsonl AFTER.jsonl [--top N] [--min D]

Scores every page of both runs with the benchmark's own scorer (score.py next
to DATASET_DIR, same per-page metric) and prints the mean F1 of each run, the
mean by page type (language on daniel-dev), how many pages went up and down by
more than --min (default 0.005), and the --top (default 15) largest moves each
way.  A rule is judged by this list, not by the mean alone: one that lifts one
page and sinks ten is not progress.
"""
import argparse
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path


def load_scorer(dataset):
    path = dataset / "score.py"
    if not path.exists():
        path = dataset.parent / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def per_page(sc, gold, pred_path, metric):
    preds = {str(r.get("id")): r for r in sc.load_jsonl(pred_path)}
    out = {}
    for g in gold:
        p = preds.get(str(g["id"]), {})
        text = sc.as_text(sc.first(p, "text", "articleBody", "main_content", "body"))
        if metric == "shingle":
            t, _ = sc.shingle_page(g.get("text", ""), text)
            P = sc.prec(*t) if t[0] + t[1] > 0 else 0.0
            R = sc.rec_(*t) if t[0] + t[2] > 0 else 0.0
            F = 2 * P * R / (P + R) if P and R else 0.0
        else:
            _, _, F = sc.words_page(g.get("text", ""), text)
        out[str(g["id"])] = F
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--min", type=float, default=0.005)
    a = ap.parse_args()
    sc = load_scorer(a.dataset)
    gold = sc.load_jsonl(a.dataset / "gt.jsonl.gz")
    metric = "shingle" if "scrapinghub" in a.dataset.name else "words"
    b = per_page(sc, gold, a.before, metric)
    f = per_page(sc, gold, a.after, metric)
    kind = {str(g["id"]): g.get("page_type", "-") for g in gold}
    n = len(gold) or 1
    print(f"{a.dataset.name}: {len(gold)} pages, per-page {metric} F1 "
          f"(mean, not the published aggregate for scrapinghub)")
    print(f"  before {sum(b.values()) / n:.4f}  after {sum(f.values()) / n:.4f}")
    groups = defaultdict(list)
    for i, t in kind.items():
        groups[t].append(i)
    if len(groups) > 1:
        for t in sorted(groups):
            ids = groups[t]
            mb = sum(b[i] for i in ids) / len(ids)
            ma = sum(f[i] for i in ids) / len(ids)
            print(f"  {t:<14} {len(ids):5d} pages  {mb:.4f} -> {ma:.4f}  ({ma - mb:+.4f})")
    moves = sorted(((f[i] - b[i], i) for i in b), key=lambda x: x[0])
    up = [m for m in moves if m[0] > a.min]
    down = [m for m in moves if m[0] < -a.min]
    print(f"  {len(up)} pages up, {len(down)} down (by more than {a.min})")
    for label, rows in (("down", down[: a.top]), ("up", list(reversed(up))[: a.top])):
        for d, i in rows:
            print(f"    {label:<4} {d:+.3f}  {b[i]:.3f} -> {f[i]:.3f}  {kind[i]:<12} {i}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
