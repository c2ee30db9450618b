#!/usr/bin/env python3
"""Writes the hand-made WARC files that tests/warc.sh feeds to decant.

usage: python3 tests/warc/make_edges.py OUTDIR

Standard library only, plus the zstd command for the zstd archives.  Every
page is page(n): an article the extractor cannot miss, whose text holds the
word "zeppelin" and its number, so that tests can tell records apart.  Each
file's expectations are in tests/warc.sh, next to its name.
"""
import gzip
import os
import subprocess
import sys
import zlib

OUT = sys.argv[1]


def page(n):
    return ("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Story %d</title></head>
<body><nav><a href="/">Home</a></nav>
<article><h1>Story %d</h1>
<p>The zeppelin number%d drifted over the harbour early on Tuesday morning, and
hundreds of residents stopped on the quay to watch it pass.  Officials said
the flight had been planned for months and posed no danger to anyone below.
The crew waved from the gondola as the airship turned slowly towards the
hills, where it was expected to land before noon.</p>
<p>Local shops reported a busy morning as visitors arrived to see the
zeppelin number%d.  The organisers plan a second flight next week if the
weather holds, and tickets for a short ride are already sold out.</p>
</article><footer>Copyright</footer></body></html>
""" % (n, n, n, n)).encode()


def record(kind, block, uri=None, rid=None, version=b"1.0", length=None,
           ctype=b"application/http; msgtype=response"):
    rid = rid or ("%s-%d" % (kind.decode(), len(block))).encode()
    head = [b"WARC/" + version, b"WARC-Type: " + kind,
            b"WARC-Record-ID: <urn:test:" + rid + b">",
            b"WARC-Date: 2026-01-02T03:04:05Z"]
    if uri:
        head.append(b"WARC-Target-URI: " + uri)
    head.append(b"Content-Type: " + ctype)
    head.append(b"Content-Length: %d" % (len(block) if length is None else length))
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"


def http(body, status=b"200 OK", headers=(b"Content-Type: text/html; charset=utf-8",),
         length=True):
    head = [b"HTTP/1.1 " + status] + list(headers)
    if length:
        head.append(b"Content-Length: %d" % len(body))
    return b"\r\n".join(head) + b"\r\n\r\n" + body


def response(n, version=b"1.0", **kw):
    return record(b"response", http(page(n), **kw), uri=b"http://test.example/%d.html" % n,
                  rid=b"page-%d" % n, version=version)


def warcinfo():
    return record(b"warcinfo", b"software: make_edges.py\r\nformat: WARC File Format 1.0\r\n",
                  rid=b"info", ctype=b"application/warc-fields")


def request(n):
    block = b"GET /%d.html HTTP/1.1\r\nHost: test.example\r\n\r\n" % n
    return record(b"request", block, uri=b"http://test.example/%d.html" % n,
                  rid=b"request-%d" % n, ctype=b"application/http; msgtype=request")


def metadata(n):
    return record(b"metadata", b"fetchTimeMs: 12\r\n", uri=b"http://test.example/%d.html" % n,
                  rid=b"metadata-%d" % n, ctype=b"application/warc-fields")


def gz(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def chunked(body, size):
    out = b""
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += b"%x;ext=1\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def zstd_frame(data, dictionary=None):
    cmd = ["zstd", "-q", "-c", "-3"]
    if dictionary:
        cmd += ["-D", dictionary]
    return subprocess.run(cmd, input=data, stdout=subprocess.PIPE, check=True).stdout


def make_dict_archive():
    """A .warc.zst as Common Crawl writes them: a skippable frame (magic
    0x184D2A5D) holding a zstd-compressed dictionary, then one frame per
    record compressed with that dictionary."""
    samples = os.path.join(OUT, "samples")
    os.makedirs(samples, exist_ok=True)
    for i in range(200):
        with open(os.path.join(samples, "s%03d" % i), "wb") as f:
            f.write(request(i) + response(i) + metadata(i))
    dict_path = os.path.join(OUT, "dict")
    subprocess.run(["zstd", "-q", "--train", "--maxdict=16384", "-o", dict_path]
                   + [os.path.join(samples, s) for s in sorted(os.listdir(samples))],
                   check=True)
    raw_dict = open(dict_path, "rb").read()
    packed = zstd_frame(raw_dict)
    frame = (0x184D2A5D).to_bytes(4, "little") + len(packed).to_bytes(4, "little") + packed
    body = b"".join(zstd_frame(r, dict_path)
                    for r in [warcinfo(), request(1), response(1), metadata(1),
                              request(2), response(2)])
    write("dict.warc.zst", frame + body)
    # The same with the dictionary stored uncompressed, which the spec allows.
    frame = (0x184D2A5D).to_bytes(4, "little") + len(raw_dict).to_bytes(4, "little") + raw_dict
    write("rawdict.warc.zst", frame + body)
    for s in os.listdir(samples):
        os.remove(os.path.join(samples, s))
    os.rmdir(samples)
    os.remove(dict_path)


def main():
    os.makedirs(OUT, exist_ok=True)
    # WARC/1.1 with the record types a crawler writes around a response.
    write("v11.warc", b"".join([
        record(b"warcinfo", b"software: t\r\n", rid=b"info", version=b"1.1",
               ctype=b"application/warc-fields"),
        record(b"request", b"GET / HTTP/1.1\r\n\r\n", uri=b"http://test.example/1.html",
               rid=b"request-1", version=b"1.1", ctype=b"application/http; msgtype=request"),
        response(1, version=b"1.1"),
        record(b"metadata", b"x: y\r\n", uri=b"http://test.example/1.html", rid=b"metadata-1",
               version=b"1.1", ctype=b"application/warc-fields")]))
    # Several records per gzip member, then one per member, then several again.
    write("multi.warc.gz", gz(warcinfo() + response(1) + response(2)) + gz(response(3))
          + gz(request(4) + response(4) + metadata(4)))
    # The last member cut in half: two records, then an error.
    members = [gz(warcinfo()), gz(response(1)), gz(response(2)), gz(response(3))]
    members[-1] = members[-1][:len(members[-1]) // 2]
    write("truncated.warc.gz", b"".join(members))
    # A member with corrupt deflate data in the middle of the file.
    bad = bytearray(gz(response(2)))
    for i in range(40, 60):
        bad[i] ^= 0x55
    write("corrupt.warc.gz", gz(response(1)) + bytes(bad) + gz(response(3)))
    # Content-Length shorter than the block: the next record must still be found.
    r2 = response(2)
    cl = r2.index(b"Content-Length: ")
    end = r2.index(b"\r\n", cl)
    short = r2[:cl] + b"Content-Length: 300" + r2[end:]
    write("shortlen.warc", response(1) + short + response(3))
    # Content-Length longer than what is left of the file.
    r3 = response(3)
    cl = r3.index(b"Content-Length: ")
    end = r3.index(b"\r\n", cl)
    write("longlen.warc", response(1) + response(2)
          + r3[:cl] + b"Content-Length: 999999" + r3[end:])
    # A header that never ends, and a record with no Content-Length.
    write("badheader.warc", response(1) + b"WARC/1.0\r\nWARC-Type: response\r\n\r\n"
          + b"junk\r\n\r\n" + response(2))
    # Zero-length payloads: an HTML 200 with an empty body, and an empty block.
    write("empty.warc", record(b"response", http(b""), uri=b"http://test.example/e.html",
                               rid=b"empty-body")
          + record(b"response", b"", uri=b"http://test.example/z.html", rid=b"empty-block")
          + response(1))
    # Chunked and compressed HTTP bodies.
    write("encodings.warc.gz", b"".join(gz(r) for r in [
        record(b"response", http(chunked(page(1), 100), length=False,
                                 headers=(b"Content-Type: text/html",
                                          b"Transfer-Encoding: chunked")),
               uri=b"http://test.example/1.html", rid=b"chunked"),
        record(b"response", http(gzip.compress(page(2)),
                                 headers=(b"Content-Type: text/html", b"Content-Encoding: gzip")),
               uri=b"http://test.example/2.html", rid=b"gzip"),
        record(b"response", http(zlib.compress(page(3))[2:-4],
                                 headers=(b"Content-Type: text/html",
                                          b"Content-Encoding: deflate")),
               uri=b"http://test.example/3.html", rid=b"raw-deflate"),
        record(b"response", http(chunked(gzip.compress(page(4)), 64), length=False,
                                 headers=(b"Content-Type: text/html",
                                          b"Transfer-Encoding: chunked",
                                          b"Content-Encoding: gzip")),
               uri=b"http://test.example/4.html", rid=b"chunked-gzip"),
        # brotli has no magic: bytes that are no markup under "br" are skipped
        # (a plain page under a lying header would be read as it is)
        record(b"response", http(bytes(range(0x8b, 0x100)) * 3,
                                 headers=(b"Content-Type: text/html",
                                          b"Content-Encoding: br")),
               uri=b"http://test.example/5.html", rid=b"brotli"),
    ]))
    # Types and statuses that are not pages, and a page whose type is sniffed.
    write("types.warc", b"".join([
        record(b"response", http(b"\x89PNG\r\n\x1a\n", headers=(b"Content-Type: image/png",)),
               uri=b"http://test.example/a.png", rid=b"png"),
        record(b"response", http(b"", status=b"301 Moved Permanently",
                                 headers=(b"Location: /1.html",)),
               uri=b"http://test.example/old", rid=b"redirect"),
        record(b"response", http(page(6), headers=()), uri=b"http://test.example/6.html",
               rid=b"sniffed"),
        record(b"response", http(b"just text, no markup\n", headers=()),
               uri=b"http://test.example/t", rid=b"plain-text"),
        record(b"response", b"text/dns 1.2.3.4\r\n", uri=b"dns:test.example", rid=b"dns",
               ctype=b"text/dns"),
    ]))
    # gzip members followed by bytes that are not gzip.
    write("trailing.warc.gz", gz(response(1)) + b"this is not gzip")
    # A WARC whose name says nothing, plain and compressed.
    write("archive.dat", response(7))
    write("archive-gz.bin", gz(response(8)))
    make_dict_archive()


main()
