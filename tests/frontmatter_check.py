"""Checks decant's --with-metadata output against its JSON records.

    python3 tests/frontmatter_check.py DECANT FOLDER

For every page FOLDER/*.html: the YAML front matter of --format markdown,
read back with PyYAML (a YAML 1.1 reader, the strictest common one), must
hold exactly the JSON record's title, authors, date_published, url,
site_name and language (those that are known, and no others but
page_type); the header block of --format text must hold the same values on
one line each.  Prints one line per problem; exit status 1 if any.
"""
import json
import subprocess
import sys
import glob
import os

import yaml

KEYS = ["title", "authors", "date_published", "url", "site_name", "language", "page_type"]
LABELS = {"title": "Title", "authors": "Authors", "date_published": "Date published", "url": "URL",
          "site_name": "Site name", "language": "Language", "page_type": "Page type"}


def run(decant, *args):
    return subprocess.run([decant, "-q", *args], capture_output=True, check=True).stdout.decode("utf-8")


def one_line(s):
    return "".join(" " if (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029") else c for c in s)


def main():
    decant, folder = sys.argv[1:3]
    problems = []
    pages = sorted(glob.glob(os.path.join(folder, "*.html")))
    for page in pages:
        rec = json.loads(run(decant, page))
        want = {k: rec.get(k) for k in KEYS if rec.get(k) not in (None, [], "")}
        md = run(decant, "--format", "markdown", "--with-metadata", page)
        if not md.startswith("---\n") or "\n---\n\n" not in md:
            problems.append("%s: no front matter in %r" % (page, md[:80]))
            continue
        head = md[4:md.index("\n---\n\n") + 1]
        try:
            got = yaml.safe_load(head)
        except yaml.YAMLError as e:
            problems.append("%s: front matter is not YAML: %s" % (page, e))
            continue
        if got != want:
            problems.append("%s: front matter %r, record %r" % (page, got, want))
        text = run(decant, "--format", "text", "--with-metadata", page)
        lines = text.split("\n\n", 1)[0].split("\n")
        want_lines = []
        for k in KEYS:
            if k in want:
                v = "; ".join(one_line(a) for a in want[k]) if k == "authors" else one_line(want[k])
                want_lines.append("%s: %s" % (LABELS[k], v))
        if lines != want_lines:
            problems.append("%s: text header %r, want %r" % (page, lines, want_lines))
    if not pages:
        problems.append("no pages in " + folder)
    if problems:
        print("\n".join(problems))
        sys.exit(1)


main()
