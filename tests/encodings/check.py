#!/usr/bin/env python3
"""Runs decant on the encoding corpus (gen.py) and compares each page's
title and text with those of its UTF-8 reference.

usage: python3 tests/encodings/check.py DECANT DIR
Prints one line per case and "encodings: N passed, N failed".
"""
import json
import os
import subprocess
import sys

decant, folder = os.path.abspath(sys.argv[1]), sys.argv[2]


def record(name, ct):
    args = [decant, "--quiet", "-j", "1"]
    if ct != "-":
        args += ["--content-type", ct]
    p = subprocess.run(args + [os.path.join(folder, name)], stdout=subprocess.PIPE, timeout=60)
    r = json.loads(p.stdout.decode("utf-8", "replace") or "{}")
    return r


passed = failed = 0
refs = {}
with open(os.path.join(folder, "cases.tsv"), encoding="utf-8") as f:
    for line in f:
        name, ct, ref = line.rstrip("\n").split("\t")
        if ref not in refs:
            refs[ref] = record(ref, "-")
        want, got = refs[ref], record(name, ct)
        same = (got.get("title"), got.get("text")) == (want.get("title"), want.get("text"))
        ok = same and bool(want.get("text"))
        cs = (got.get("provenance") or {}).get("charset")
        if ok:
            passed += 1
            print("ok   %s (%s)" % (name, cs))
        else:
            failed += 1
            t = (got.get("text") or "")[:70]
            print("FAIL %s (%s): %r" % (name, cs, t))
print("encodings: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
