#!/usr/bin/env python3
"""Checks decant's output for one hostile case: check.py EXPECT OUTPUT.

Exactly one line (one or more for "warc"), each strict UTF-8 JSON object
with "text" and "error" keys, and either a text or an error.  EXPECT:
"any", "text" (a non-empty text), "warc", or error tokens separated by "|"
("text|too_large").  Prints a short summary; exit status 1 on failure.
"""
import json
import sys


def main():
    expect, path = sys.argv[1], sys.argv[2]
    data = open(path, 'rb').read()
    try:
        s = data.decode('utf-8')
    except UnicodeDecodeError as e:
        print('output is not valid UTF-8: %s' % e)
        return 1
    lines = s.split('\n')
    if not s.endswith('\n'):
        print('output does not end with a newline')
        return 1
    lines = lines[:-1]
    if expect != 'warc' and len(lines) != 1:
        print('%d records, want exactly 1' % len(lines))
        return 1
    if not lines:
        print('no record')
        return 1
    summary = []
    for line in lines:
        try:
            r = json.loads(line)
        except ValueError as e:
            print('record is not JSON: %s' % e)
            return 1
        if not isinstance(r, dict) or 'text' not in r or 'error' not in r:
            print('record lacks "text" or "error"')
            return 1
        text, err = r['text'], r['error']
        code = None
        if err is not None:
            code = err.get('code') if isinstance(err, dict) else err
        if not text and err is None:
            print('record has neither a text nor an error')
            return 1
        summary.append('error %s' % code if code else 'text %d chars' % len(text))
        if expect in ('any', 'warc'):
            continue
        allowed = expect.split('|')
        if code is not None and code in allowed:
            continue
        if code is None and text and 'text' in allowed:
            continue
        print('got %s, want %s' % (summary[-1], expect))
        return 1
    print(', '.join(summary[:4]) + (' ...' if len(summary) > 4 else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
