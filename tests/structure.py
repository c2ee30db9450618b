#!/usr/bin/env python3
"""The library's shape, checked: no include circle in lib/, no file in lib/
over MAX_LINES lines.

usage: python3 tests/structure.py [ROOT]

An include circle (a.h includes b.h, which includes a.h, directly or through
others) makes the order of declarations depend on which header a file
happens to include first, and hides a layering nobody chose.  The line cap
keeps every file about one job.  Prints one line per check and
"structure: N passed, N failed"; exits 1 when a check failed.
"""
import re
import sys
from pathlib import Path

MAX_LINES = 800

root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
lib = root / "lib"
include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

files = sorted(p for p in lib.iterdir() if p.suffix in (".c", ".h", ".cc"))
headers = {p.name for p in files if p.suffix == ".h"}
edges = {}
for p in files:
    edges[p.name] = [h for h in include.findall(p.read_text(errors="replace")) if h in headers]

passed = failed = 0


def report(ok, what):
    global passed, failed
    print(("ok   " if ok else "FAIL ") + what)
    if ok:
        passed += 1
    else:
        failed += 1


# Depth-first search over the include graph; a back edge is a circle.
WHITE, GREY, BLACK = 0, 1, 2
colour = {name: WHITE for name in edges}
circles = []


def visit(name, path):
    colour[name] = GREY
    path.append(name)
    for h in edges.get(name, []):
        if colour.get(h) == GREY:
            circles.append(path[path.index(h):] + [h])
        elif colour.get(h) == WHITE:
            visit(h, path)
    path.pop()
    colour[name] = BLACK


for name in sorted(edges):
    if colour[name] == WHITE:
        visit(name, [])
for c in circles:
    report(False, "include circle: " + " -> ".join(c))
report(not circles, f"no include circle among the {len(files)} files of lib/")

too_long = []
for p in files:
    n = p.read_text(errors="replace").count("\n")
    if n > MAX_LINES:
        too_long.append((p.name, n))
for name, n in too_long:
    report(False, f"lib/{name} has {n} lines (at most {MAX_LINES})")
report(not too_long, f"no file in lib/ over {MAX_LINES} lines")

print(f"structure: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
