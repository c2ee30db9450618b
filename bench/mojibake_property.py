#!/usr/bin/env python3
"""Mojibake repair changes only pages that need it.

usage: python3 bench/mojibake_property.py DECANT SET...

Runs DECANT on every page of each benchmark folder SET (SET/html) twice, with
mojibake repair on (the default) and off (--no-mojibake-repair), and compares
each page's title and text.  bench/mojibake_pages.txt lists, by set and page
id, the pages that carry real double-encoded UTF-8 in their text ("Ã©",
"â€™", "Â " for a no-break space), each checked by eye.

The property: every page not listed comes out byte-identical with repair on
and off; every listed page comes out changed, and with none of the damage
left that the text shows with repair off (or, when the text chosen no longer
holds its damaged part, the same).  A page that shows damage with
repair off but is not listed is reported too (the list may be incomplete, or
the page is about mojibake).

Prints one line per failure and "mojibake-property: N passed, N failed" (one
check per page); exits 1 on a failure.  Takes about as long as two runs of
decant over the sets.
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LIST = os.path.join(HERE, "mojibake_pages.txt")

# What double encoding leaves in text: a C1 control, or a lead character
# (Â Ã Ä Å Ð Ñ Î Ï â) before a character that a continuation byte becomes.
DAMAGE = re.compile("[\u0080-\u009f]|[ÂÃÄÅÐÑÎÏ][\u00a0-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|â€")


def records(decant, folder, *args):
    p = subprocess.run([decant, "-j", "2", "--quiet", *args, os.path.join(folder, "html")],
                       stdout=subprocess.PIPE, check=False)
    out = {}
    for line in p.stdout.decode("utf-8", "replace").split("\n"):
        if not line:
            continue
        r = json.loads(line)
        out[r["id"]] = (r.get("title") or "") + "\n" + (r.get("text") or "")
    return out


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    decant = os.path.abspath(sys.argv[1])
    listed = set()
    with open(LIST, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                s, page = line.split()
                listed.add((s, page))
    passed = failed = 0
    for folder in sys.argv[2:]:
        folder = folder.rstrip("/")
        name = os.path.basename(folder)
        on = records(decant, folder)
        off = records(decant, folder, "--no-mojibake-repair")
        for page in sorted(off):
            a, b = on.get(page), off[page]
            if (name, page) in listed:
                left = [m for m in DAMAGE.findall(a or "") if m in DAMAGE.findall(b)]
                ok = a != b and not left
                why = "not repaired" if a == b else "damage left: %r" % left[:5]
                if a == b and not DAMAGE.search(b):
                    # the text chosen no longer holds the damaged part
                    ok = True
                    print("note %s %s: listed, but its text shows no damage now" % (name, page))
            else:
                ok = a == b
                why = "changed by the repair, but not listed as damaged"
                if ok and DAMAGE.search(b):
                    m = DAMAGE.search(b)
                    print("note %s %s: shows %r and is left as it is (listed? a page about "
                          "mojibake?)" % (name, page, b[max(0, m.start() - 20):m.end() + 10]))
            if ok:
                passed += 1
            else:
                failed += 1
                print("FAIL %s %s: %s" % (name, page, why))
    print("mojibake-property: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
