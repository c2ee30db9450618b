#!/usr/bin/env python3
"""Writes a benchmark folder's pages as a WARC, each page with its URL.

    mkwarc.py SET OUT.warc.gz

A crawl gives every page its URL, and site templates (decant --learn-sites)
group pages by it; the benchmark folders keep the URL in gt.jsonl.gz
(`url`), except daniel-dev, whose file names are <date>_<site>_<hash>: its
pages get http://<site>/<hash>.html.  The WARC is written like Common
Crawl's (gzip, one member per record, an HTTP 200 head per page), in the
order of the page files, and each record's WARC-Record-ID is
<urn:decant-bench:ID>, so that records map back to the gold's ids
(bench/eval.sh does this before scoring).  Standard library only.
"""
import gzip
import json
import sys
import zlib
from pathlib import Path


def member(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def record(kind, rid, uri, block, ctype):
    head = [b"WARC/1.0", b"WARC-Type: " + kind, b"WARC-Record-ID: <" + rid + b">",
            b"WARC-Date: 2026-01-01T00:00:00Z"]
    if uri:
        head.append(b"WARC-Target-URI: " + uri)
    head += [b"Content-Type: " + ctype, b"Content-Length: %d" % len(block)]
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"


def url_of(gold, pid):
    u = gold.get(pid, {}).get("url")
    if u:
        return u
    parts = pid.split("_")
    if len(parts) >= 3:
        return "http://%s/%s.html" % (parts[1], parts[2])
    return None


def main():
    src, dst = Path(sys.argv[1]), sys.argv[2]
    gold = {}
    with gzip.open(src / "gt.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                gold[g["id"]] = g
    pages = sorted(p for p in (src / "html").iterdir() if ".htm" in p.name)
    with open(dst, "wb") as out:
        out.write(member(record(b"warcinfo", b"urn:decant-bench:warcinfo", None,
                                b"software: decant bench/mkwarc.py\r\n", b"application/warc-fields")))
        for p in pages:
            pid = p.name.split(".htm")[0]
            html = p.read_bytes()
            if p.name.endswith(".gz"):
                html = gzip.decompress(html)
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    b"Content-Length: %d\r\n\r\n" % len(html)) + html
            uri = url_of(gold, pid)
            out.write(member(record(b"response", b"urn:decant-bench:" + pid.encode(),
                                    uri.encode() if uri else None, http,
                                    b"application/http; msgtype=response")))


if __name__ == "__main__":
    main()
