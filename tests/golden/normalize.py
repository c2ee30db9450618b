#!/usr/bin/env python3
"""Normalises decant's JSONL output for the golden tests.

Reads JSON Lines on stdin, drops the "source" field (it holds the path, which
depends on where the test runs), and prints each record pretty-printed with
sorted keys, so that expected files are readable and diff line by line.
Output that is not JSON is passed through unchanged, so that it shows in the
diff instead of hiding behind a Python traceback.
"""
import json
import sys


def main():
    out = []
    for line in sys.stdin.read().splitlines():
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            out.append("NOT JSON: " + line)
            continue
        if isinstance(rec, dict):
            rec.pop("source", None)
        out.append(json.dumps(rec, indent=2, sort_keys=True, ensure_ascii=False))
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
