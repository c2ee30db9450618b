#!/bin/sh
# Accuracy of decant on the benchmark sets, scored by the benchmark's scorer.
#
# usage: sh bench/eval.sh DECANT
#
#   EVAL    benchmark folders to run (default: the scrapinghub, wcxb-dev and
#           daniel-dev folders in ../shared/bench, next to the repository)
#   WORST   how many of the worst pages score.py lists (default 10)
#   JOBS    threads for decant (default 2)
#   SITES   0 skips the site-template runs at the end (default 1)
#
# For each folder SET: runs `DECANT -j JOBS --quiet SET/html` into
# bench/out/<set>.jsonl, scores it with SET/../score.py, and prints the
# figures published for other extractors beside it.  For scrapinghub it also
# scores the other extractors' outputs in SET/anchors/ in the same run; for
# daniel-dev, which has no date gold, it prints how many pages got a date and
# how many of those are 0..7 days before the crawl date (bench/datecov.py).
# bench/metadiff.py compares two runs' title, author and date page by page.
. "$(dirname "$0")/common.sh"
EVAL=${EVAL:-"$shared/bench/scrapinghub $shared/bench/wcxb-dev $shared/bench/daniel-dev"}
WORST=${WORST:-10}
JOBS=${JOBS:-2}
out=$root/bench/out
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

# now: seconds since the epoch, with fractions
now() { python3 -c 'import time; print(f"{time.time():.3f}")'; }

for set in $EVAL; do
    set=${set%/}
    name=$(basename "$set")
    score=$set/score.py
    [ -f "$score" ] || score=$(dirname "$set")/score.py
    if [ ! -d "$set/html" ] || [ ! -f "$score" ]; then
        echo "eval: $set has no html/ folder or no score.py next to it; skipped" >&2
        continue
    fi
    pages=$(find "$set/html" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.html.gz' \) | wc -l | tr -d ' ')
    echo "=================================================================="
    echo "$name: $pages pages -> bench/out/$name.jsonl"
    t0=$(now)
    status=0
    "$decant" -j "$JOBS" --quiet "$set/html" >"$out/$name.jsonl" || status=$?
    t1=$(now)
    python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'  extracted in {t:.1f} s ({n/t if t else 0:.0f} pages/s, -j $JOBS)')" "$t0" "$t1" "$pages"
    [ "$status" -eq 0 ] || echo "  (decant exited with status $status)"
    # Check the records: count errors, and catch output that is not valid
    # UTF-8 or not JSON (a decant bug, reported here; the scored copy then
    # has U+FFFD in place of the bad bytes, or lacks the broken line).
    python3 - "$out/$name.jsonl" "$tmp/scored.jsonl" <<'PY'
import json, sys
from collections import Counter
records, bad_utf8, bad_json, errors = 0, [], [], Counter()
with open(sys.argv[1], "rb") as f, open(sys.argv[2], "w", encoding="utf-8") as g:
    for raw in f:
        if not raw.strip():
            continue
        records += 1
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("utf-8", "replace")
            bad_utf8.append(line)
        try:
            rec = json.loads(line)
        except ValueError:
            bad_json.append(line[:80])
            continue
        if bad_utf8 and bad_utf8[-1] is line:
            bad_utf8[-1] = rec.get("id")
        e = rec.get("error")
        if e:
            errors[e.get("code", "?") if isinstance(e, dict) else str(e)] += 1
        g.write(json.dumps(rec, ensure_ascii=False) + "\n")
print(f"  records: {records}, with an error: {sum(errors.values())}"
      + (" (" + ", ".join(f"{k} {v}" for k, v in errors.most_common()) + ")" if errors else ""))
if bad_utf8:
    print(f"  BUG: {len(bad_utf8)} records are not valid UTF-8, e.g. " + ", ".join(map(str, bad_utf8[:3])))
if bad_json:
    print(f"  BUG: {len(bad_json)} lines are not JSON, e.g. {bad_json[0]!r}")
PY
    echo
    if ! python3 "$score" "$set" "$tmp/scored.jsonl" --worst "$WORST" --json "$out/$name.score.json"; then
        echo "  score.py failed on bench/out/$name.jsonl"
        continue
    fi
    echo

    # Published figures (../shared/bench/README.md), same metric.
    case $name in
        scrapinghub*) published="trafilatura 0.958|rs-trafilatura 0.970|Readability.js 0.947" ;;
        wcxb*)        published="trafilatura 0.791|rs-trafilatura 0.859" ;;
        daniel*)      published="trafilatura-2.0.0 0.814" ;;
        *)            published="" ;;
    esac
    if [ -n "$published" ]; then
        python3 - "$out/$name.score.json" "$published" <<'PY'
import json, sys
me = json.load(open(sys.argv[1]))
rows = [r.rsplit(" ", 1) for r in sys.argv[2].split("|")]
print("  F1, decant beside the published figures:")
print(f"    {'decant (this run)':<28} {me.get('f1', float('nan')):.3f}")
for tool, f1 in rows:
    print(f"    {tool + ' (published)':<28} {float(f1):.3f}")
# daniel-dev: trafilatura 2.0.0 by language, measured with the same scorer
# (../shared/bench/README.md); the target is to be at or above it in each.
if "daniel" in sys.argv[1]:
    ref = {"Chinese": 0.788, "English": 0.868, "Greek": 0.865, "Polish": 0.776, "Russian": 0.803}
    got = me.get("f1_by_type") or {}
    print("  by language, decant / trafilatura 2.0.0:")
    for lang, r in ref.items():
        g = got.get(lang, float("nan"))
        print(f"    {lang:<10} {g:.3f} / {r:.3f}{'' if g >= r else '   BELOW'}")
print()
PY
    fi

    # daniel-dev has no date gold: how many pages got a date, and how many
    # of those fall 0..7 days before the crawl date in the page's id.
    case $name in
        daniel*) python3 "$root/bench/datecov.py" "$set" "$tmp/scored.jsonl" | sed "s|($tmp/scored.jsonl)|(bench/out/$name.jsonl)|"; echo ;;
    esac

    # Page types: the confusion matrix where the gold has WCXB's types, and
    # is_article's recall on sets that are all articles.
    python3 - "$set/gt.jsonl.gz" "$tmp/scored.jsonl" <<'PY'
import gzip, json, sys
types = ["article", "collection", "documentation", "forum", "listing", "product", "service"]
gold = {}
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f:
    for line in f:
        if line.strip():
            g = json.loads(line)
            gold[g["id"]] = g.get("page_type")
pred = {}
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        pred[r.get("id")] = (r.get("page_type"), r.get("is_article"))
typed = {i: t for i, t in gold.items() if t in types}
if typed:
    n = len(typed)
    got = {i: pred.get(i, ("other", False)) for i in typed}
    acc = sum(1 for i, t in typed.items() if got[i][0] == t) / n
    tp = sum(1 for i, t in typed.items() if got[i][1] and t == "article")
    fp = sum(1 for i, t in typed.items() if got[i][1] and t != "article")
    fn = sum(1 for i, t in typed.items() if not got[i][1] and t == "article")
    print(f"  page_type: 7-way accuracy {acc:.3f}; is_article precision "
          f"{tp / max(tp + fp, 1):.3f}, recall {tp / max(tp + fn, 1):.3f} ({n} pages)")
    cols = types + ["other"]
    print("    gold \\ decant " + " ".join(f"{c[:5]:>5}" for c in cols))
    for t in types:
        row = [sum(1 for i, g in typed.items() if g == t and got[i][0] == c) for c in cols]
        print(f"    {t:<13} " + " ".join(f"{v:>5}" for v in row))
else:
    n = len(gold)
    hits = sum(1 for i in gold if pred.get(i, (None, False))[1])
    print(f"  page_type: is_article recall {hits / max(n, 1):.3f} ({hits}/{n}; every page here is an article)")
print()
PY

    # Other extractors' outputs on the same pages, scored in this run.
    if [ -d "$set/anchors" ]; then
        for a in "$set"/anchors/*.jsonl.gz; do
            [ -f "$a" ] || continue
            tool=$(basename "$a" .jsonl.gz)
            python3 "$score" "$set" "$a" --json "$tmp/anchor-$tool.json" >/dev/null
        done
        python3 - "$out/$name.score.json" "$tmp" <<'PY'
import json, sys
from pathlib import Path
rows = []
me = json.load(open(sys.argv[1]))
rows.append(("decant (this run)", me))
for p in sorted(Path(sys.argv[2]).glob("anchor-*.json")):
    rows.append((p.stem[len("anchor-"):], json.load(open(p))))
rows.sort(key=lambda r: -r[1].get("f1", 0.0))
print("  same-run comparison with the anchors/ outputs (F1, P, R):")
for tool, s in rows:
    mark = "  <--" if tool.startswith("decant") else ""
    print(f"    {tool:<20} {s.get('f1', 0):.3f}  {s.get('precision', 0):.3f}  {s.get('recall', 0):.3f}{mark}")
print()
PY
        rm -f "$tmp"/anchor-*.json
    fi
done

# Mojibake repair may change only the pages listed as damaged, checked by eye
# (bench/mojibake_pages.txt); every other page must come out byte-identical
# with repair on and off.
echo "=================================================================="
echo "mojibake repair on and off (bench/mojibake_property.py):"
python3 "$root/bench/mojibake_property.py" "$decant" $EVAL || echo "  (the property does not hold: see above)"

# Site templates (--learn-sites).  A crawl gives each page its URL, which is
# how pages are grouped by site, so each set is written as a WARC with the
# gold URLs (bench/mkwarc.py; daniel-dev's from its file names) and
# extracted from it without and with --learn-sites.  daniel-dev is also
# scored on the pages of its sites with three pages or more (498 pages, 54
# sites), where a template can be learned.
if [ "${SITES:-1}" != 0 ]; then
    echo "=================================================================="
    echo "site templates: each set as a WARC with its pages' URLs, without and with --learn-sites"
    for set in $EVAL; do
        set=${set%/}
        name=$(basename "$set")
        score=$set/score.py
        [ -f "$score" ] || score=$(dirname "$set")/score.py
        [ -d "$set/html" ] && [ -f "$score" ] || continue
        python3 "$root/bench/mkwarc.py" "$set" "$tmp/set.warc.gz" || continue
        for mode in plain learn; do
            flag=
            [ $mode = learn ] && flag=--learn-sites
            "$decant" -j "$JOBS" --quiet $flag "$tmp/set.warc.gz" |
                python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    i = r.get("id") or ""
    if i.startswith("urn:decant-bench:"):
        r["id"] = i[len("urn:decant-bench:"):]
    print(json.dumps(r, ensure_ascii=False))
' >"$out/$name.warc-$mode.jsonl"
            python3 "$score" "$set" "$out/$name.warc-$mode.jsonl" --json "$tmp/$mode.json" >/dev/null
        done
        subset=
        case $name in
            daniel*)
                # the sites with three pages or more, by the <date>_<site>_<hash> ids
                mkdir -p "$tmp/subset"
                python3 - "$set/gt.jsonl.gz" "$tmp/subset/gt.jsonl.gz" <<'PY'
import gzip, json, sys
from collections import Counter
gold = [json.loads(l) for l in gzip.open(sys.argv[1], "rt", encoding="utf-8") if l.strip()]
site = lambda g: g["id"].split("_")[1] if g["id"].count("_") >= 2 else g["id"]
n = Counter(site(g) for g in gold)
with gzip.open(sys.argv[2], "wt", encoding="utf-8") as f:
    for g in gold:
        if n[site(g)] >= 3:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
PY
                for mode in plain learn; do
                    python3 "$score" "$tmp/subset" "$out/$name.warc-$mode.jsonl" --json "$tmp/sub-$mode.json" >/dev/null
                done
                subset=1 ;;
        esac
        python3 - "$name" "$tmp" "$subset" <<'PY'
import json, sys
name, tmp, subset = sys.argv[1], sys.argv[2], sys.argv[3]
def line(label, a, b):
    print(f"  {label:<34} F1 {a['f1']:.4f} -> {b['f1']:.4f}   P {a.get('precision', 0):.3f} -> {b.get('precision', 0):.3f}"
          f"   R {a.get('recall', 0):.3f} -> {b.get('recall', 0):.3f}")
    ta, tb = a.get("f1_by_type") or {}, b.get("f1_by_type") or {}
    if ta:
        print("    " + ", ".join(f"{k} {ta[k]:.3f} -> {tb.get(k, 0):.3f}" for k in sorted(ta)))
print(f"{name}: without -> with --learn-sites")
line("all pages", json.load(open(f"{tmp}/plain.json")), json.load(open(f"{tmp}/learn.json")))
if subset:
    line("sites with >= 3 pages", json.load(open(f"{tmp}/sub-plain.json")), json.load(open(f"{tmp}/sub-learn.json")))
print()
PY
    done
fi
