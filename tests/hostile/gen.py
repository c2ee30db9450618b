#!/usr/bin/env python3
"""Writes one hostile input for tests/hostile/run.sh.

    gen.py --list            the case names, one a line: NAME EXTENSION EXPECT
    gen.py NAME PATH         writes case NAME to PATH

EXPECT says what a correct record looks like: "any" (a text or an error),
"text" (the page's text must survive), or an error token ("too_large",
"binary", ...) optionally preceded by "text|" when either is fine.
Large cases are streamed to disk, never built in memory whole.
"""
import gzip
import os
import random
import struct
import sys
import zlib

MB = 1 << 20
HEAD = b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Hostile</title></head><body>'
TAIL = b'</body></html>'
PARA = b'<p>The council met on Tuesday and voted on the budget for next year.</p>'


def write_repeated(path, head, unit, count, tail, chunk=4096):
    with open(path, 'wb') as f:
        f.write(head)
        block = unit * chunk
        for _ in range(count // chunk):
            f.write(block)
        f.write(unit * (count % chunk))
        f.write(tail)


def nested_divs(p):
    write_repeated(p, HEAD, b'<div>', 100000, b'deep text' + b'</div>' * 100000 + TAIL)


def unclosed_b_i(p):
    unit = b'<b><i>word '
    write_repeated(p, HEAD + PARA, unit, 350 * 1024 // len(unit), TAIL)


def attrs_1m(p):
    with open(p, 'wb') as f:
        f.write(HEAD + b'<p')
        for k in range(0, 1000000, 10000):
            f.write(b''.join(b' a%d="v"' % i for i in range(k, k + 10000)))
        f.write(b'>The paragraph with a million attributes.</p>' + TAIL)


def page_100mb(p):
    write_repeated(p, HEAD, PARA, 100 * MB // len(PARA) + 1, TAIL, chunk=1024)


def text_10mb(p):
    unit = b'word ' * 20 + b'\n'
    write_repeated(p, HEAD + b'<p>', unit, 10 * MB // len(unit), b'</p>' + TAIL)


def formatting_pileup(p):
    # distinct attributes defeat the parser's Noah's Ark clause; every block
    # rebuilds the whole list of open formatting elements
    opens = b''.join(b'<b class="c%d">' % i for i in range(2000))
    write_repeated(p, HEAD + b'<div><p>' + opens + b'</p>', b'<div>x</div>', 30000, TAIL)


def self_closing_divs(p):
    write_repeated(p, HEAD, b'<div/>', 100000, b'text' + TAIL)


def many_elements(p):
    write_repeated(p, HEAD + b'<p>', b'<br>', 3000000, b'</p>' + TAIL)


def unclosed_comment(p):
    write_repeated(p, HEAD + PARA + b'<!-- ', b'<div>', 1000000, TAIL)


def unclosed_script(p):
    write_repeated(p, HEAD + PARA + b'<script>', b'if (a<b) x++;\n', 500000, TAIL)


def deep_svg(p):
    write_repeated(p, HEAD + PARA + b'<svg>', b'<g>', 100000, b'</svg>' + TAIL)


def deep_tables(p):
    write_repeated(p, HEAD, b'<table><tr><td>', 30000, b'cell' + TAIL)


def deep_lists(p):
    # every <li> makes the parser walk the whole stack of open lists
    write_repeated(p, HEAD, b'<ul><li>', 50000, b'item' + TAIL)


def misnested_b_p(p):
    write_repeated(p, HEAD + b'<b>', b'<p>x</b>', 100000, TAIL)


def nul_bytes(p):
    body = HEAD + (b'<p>Some text\x00 with\x00\x00 NUL bytes inside.</p>' * 50) + b'\x00' * 64 + TAIL
    open(p, 'wb').write(body)


def bad_utf8(seq):
    def make(p):
        # in a title, a text run, an attribute value, a script and at the end
        body = (b'<!DOCTYPE html><html><head><title>T' + seq + b'tle</title></head><body>'
                b'<article><p title="a' + seq + b'b">Paragraph one ' + seq + b' continues here with '
                b'enough words to count as an article body, and more words.</p>'
                b'<p>' + seq + b'Second paragraph begins with the bad bytes and then goes on.</p>'
                b'<script>var s = "' + seq + b'";</script></article></body></html>' + seq)
        open(p, 'wb').write(body)
    return make


def utf16_no_bom(enc):
    def make(p):
        html = ('<html><head><title>Без BOM</title></head><body><article><p>'
                + 'Это статья в кодировке UTF-16 без метки порядка байтов. ' * 20
                + '</p></article></body></html>')
        open(p, 'wb').write(html.encode(enc))
    return make


def binary(header):
    def make(p):
        rnd = random.Random(6)
        open(p, 'wb').write(header + bytes(rnd.getrandbits(8) for _ in range(64 * 1024)))
    return make


def truncated_gzip(p):
    data = gzip.compress(HEAD + PARA * 2000 + TAIL)
    open(p, 'wb').write(data[:len(data) // 2])


def gzip_bomb(p):
    # 1 GiB of HTML-looking bytes in about 1 MB.  Each 1 MiB chunk is
    # compressed once after a full flush (which resets the dictionary), so its
    # compressed form can be repeated; only the CRC is computed over it all.
    chunk = b'<p>' + b'a' * (MB - 8) + b'</p>\n'
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = z.compress(HEAD) + z.flush(zlib.Z_FULL_FLUSH)
    piece = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    assert z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH) == piece
    tail = z.compress(TAIL) + z.flush(zlib.Z_FINISH)
    crc = zlib.crc32(HEAD)
    for _ in range(1024):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(TAIL, crc)
    size = len(HEAD) + 1024 * len(chunk) + len(TAIL)
    with open(p, 'wb') as f:
        f.write(b'\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff' + head)
        for _ in range(1024):
            f.write(piece)
        f.write(tail + struct.pack('<II', crc & 0xffffffff, size & 0xffffffff))


def warc_record(uri, block, length=None):
    n = len(block) if length is None else length
    head = ('WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\n'
            'WARC-Target-URI: %s\r\nWARC-Date: 2024-06-19T10:00:00Z\r\n'
            'Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n'
            % (uri.rsplit('/', 1)[-1], uri, n)).encode()
    return head + block + b'\r\n\r\n'


def warc_lying(p):
    page = HEAD + b'<article>' + PARA * 20 + b'</article>' + TAIL
    http = b'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' + page
    with open(p, 'wb') as f:
        f.write(warc_record('https://example.com/too-short', http, 100))   # says less
        f.write(warc_record('https://example.com/honest', http))
        f.write(warc_record('https://example.com/too-long', http, 10 ** 12))  # says more than the file


CASES = [
    # name, extension, expect, generator
    ('nested-divs-100k', 'html', 'any', nested_divs),
    ('unclosed-b-i-350k', 'html', 'text', unclosed_b_i),
    ('attributes-1m', 'html', 'any', attrs_1m),
    ('page-100mb', 'html', 'text|too_large', page_100mb),
    ('text-node-10mb', 'html', 'text', text_10mb),
    ('formatting-pileup', 'html', 'any', formatting_pileup),
    ('self-closing-divs-100k', 'html', 'any', self_closing_divs),
    ('elements-3m', 'html', 'limit', many_elements),
    ('unclosed-comment', 'html', 'any', unclosed_comment),
    ('unclosed-script', 'html', 'any', unclosed_script),
    ('svg-nested-100k', 'html', 'any', deep_svg),
    ('tables-nested-30k', 'html', 'any', deep_tables),
    ('lists-nested-50k', 'html', 'any', deep_lists),
    ('misnested-b-p-100k', 'html', 'text', misnested_b_p),
    ('nul-bytes', 'html', 'any', nul_bytes),
    ('utf8-lead-without-continuation', 'html', 'text', bad_utf8(b'\xc3(')),
    ('utf8-stray-continuation', 'html', 'text', bad_utf8(b'\x80\xbf')),
    ('utf8-overlong', 'html', 'text', bad_utf8(b'\xc0\xaf\xe0\x80\xaf')),
    ('utf8-surrogate', 'html', 'text', bad_utf8(b'\xed\xa0\x80\xed\xbf\xbf')),
    ('utf8-above-10ffff', 'html', 'text', bad_utf8(b'\xf4\x90\x80\x80\xf8\x88\x80\x80\x80')),
    ('utf8-truncated-at-end', 'html', 'text', bad_utf8(b'\xe2\x82')),
    ('utf16le-no-bom', 'html', 'any', utf16_no_bom('utf-16-le')),
    ('utf16be-no-bom', 'html', 'any', utf16_no_bom('utf-16-be')),
    ('binary-png', 'png', 'binary', binary(b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR')),
    ('binary-pdf', 'pdf', 'any', binary(b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n')),
    ('binary-zip', 'zip', 'binary', binary(b'PK\x03\x04\x14\x00\x00\x00\x08\x00')),
    ('gzip-truncated', 'html.gz', 'any', truncated_gzip),
    ('gzip-bomb-1g', 'html.gz', 'too_large', gzip_bomb),
    ('warc-lying-length', 'warc', 'warc', warc_lying),
]


def main():
    if sys.argv[1:] == ['--list']:
        for name, ext, expect, _ in CASES:
            print(name, ext, expect)
        return 0
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    for name, _, _, make in CASES:
        if name == sys.argv[1]:
            make(sys.argv[2])
            return 0
    print('unknown case ' + sys.argv[1], file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main())
