/* test_warc.c — WARC and HTTP head parsing, dechunking, sniffing, and the
 * reader on small archives held in temporary files. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "arena.h"
#include "decant.h"
#include "test.h"
#include "warc.h"
#include "warc_http.h"

/* A writable copy with one spare byte, as the parsers need. */
static char *dup_buf(const char *s, size_t *n)
{
    *n = strlen(s);
    char *b = malloc(*n + 1);
    memcpy(b, s, *n + 1);
    return b;
}

TEST(warc_header_fields)
{
    size_t n;
    char *h = dup_buf("WARC/1.1\r\n"
                      "WARC-Type: response\r\n"
                      "warc-record-id: <urn:uuid:1234>\r\n"
                      "WARC-Target-URI: <http://example.com/a>\r\n"
                      "WARC-Date:   2024-01-02T03:04:05Z  \r\n"
                      "Content-Type: application/http;msgtype=response\r\n"
                      "Content-Length: 1234\r\n"
                      "\r\n",
                      &n);
    dc_warc_header w;
    CHECK(dc_warc_parse_header(h, n, &w) == 0);
    CHECK(w.minor == 1);
    CHECK_STR(w.type, "response");
    CHECK_STR(w.record_id, "urn:uuid:1234");
    CHECK_STR(w.target_uri, "http://example.com/a");
    CHECK_STR(w.date, "2024-01-02T03:04:05Z");
    CHECK(w.has_length && w.content_length == 1234);
    free(h);
}

TEST(warc_header_lenient_and_strict)
{
    size_t n;
    /* Bare LF line ends, a folded value, a line without a colon. */
    char *h = dup_buf("WARC/1.0\nWARC-Type: metadata\nWARC-Target-URI: http://x/\n  y\n"
                      "garbage line\nContent-Length: 0\n\n",
                      &n);
    dc_warc_header w;
    CHECK(dc_warc_parse_header(h, n, &w) == 0);
    CHECK(w.minor == 0);
    CHECK_STR(w.type, "metadata");
    /* RFC 9112: each fold becomes one or more spaces. */
    CHECK_STR(w.target_uri, "http://x/   y");
    CHECK(w.has_length && w.content_length == 0);
    free(h);

    h = dup_buf("WARC/1.0\r\nContent-Length: 12x\r\n\r\n", &n);
    CHECK(dc_warc_parse_header(h, n, &w) == 0);
    CHECK(!w.has_length);
    free(h);

    h = dup_buf("WARC/1.0\r\nContent-Length: 99999999999999999999999\r\n\r\n", &n);
    CHECK(dc_warc_parse_header(h, n, &w) == 0);
    CHECK(!w.has_length);
    free(h);

    h = dup_buf("HTTP/1.1 200 OK\r\n\r\n", &n);
    CHECK(dc_warc_parse_header(h, n, &w) == -1);
    free(h);
}

TEST(warc_header_values_are_made_printable)
{
    size_t n;
    char *h = dup_buf("WARC/1.0\r\nWARC-Target-URI: http://x/\xff\x01z\r\nContent-Length: 1\r\n\r\n",
                      &n);
    dc_warc_header w;
    CHECK(dc_warc_parse_header(h, n, &w) == 0);
    CHECK_STR(w.target_uri, "http://x/??z");
    free(h);
}

TEST(warc_header_end)
{
    const char *a = "WARC/1.0\r\nA: b\r\n\r\nbody";
    CHECK(dc_header_end(a, strlen(a), 0) == strlen(a) - 4);
    const char *b = "WARC/1.0\nA: b\n\nbody";
    CHECK(dc_header_end(b, strlen(b), 0) == strlen(b) - 4);
    const char *c = "WARC/1.0\r\nA: b\r\n";
    CHECK(dc_header_end(c, strlen(c), 0) == 0);
    /* Resuming a search must still see an end split across the two calls. */
    const char *d = "WARC/1.0\r\nA: b\r\n\r\n";
    CHECK(dc_header_end(d, strlen(d), strlen(d) - 1) == strlen(d));
}

TEST(http_head)
{
    size_t n;
    char *b = dup_buf("HTTP/1.1 200 OK\r\n"
                      "Server: x\r\n"
                      "content-type: text/html; charset=ISO-8859-1\r\n"
                      "Content-Type: text/plain\r\n"
                      "Transfer-Encoding: chunked\r\n"
                      "Content-Encoding:  gzip \r\n"
                      "\r\n"
                      "<html>",
                      &n);
    dc_http_head h;
    CHECK(dc_http_parse(b, n, &h) == 0);
    CHECK(h.status == 200);
    CHECK_STR(h.content_type, "text/html; charset=ISO-8859-1");
    CHECK_STR(h.transfer_encoding, "chunked");
    CHECK_STR(h.content_encoding, "gzip");
    CHECK(h.body == n - 6);
    CHECK(memcmp(b + h.body, "<html>", 6) == 0);
    free(b);
}

TEST(http_status_lines)
{
    size_t n;
    dc_http_head h;
    char *b = dup_buf("HTTP/2 404\r\n\r\n", &n);
    CHECK(dc_http_parse(b, n, &h) == 0 && h.status == 404 && h.body == n);
    free(b);
    b = dup_buf("HTTP/1.0 301 Moved\nLocation: /x\n\nbody", &n);
    CHECK(dc_http_parse(b, n, &h) == 0 && h.status == 301);
    CHECK(memcmp(b + h.body, "body", 4) == 0);
    free(b);
    /* A head cut short has no body, but its status still counts. */
    b = dup_buf("HTTP/1.1 200 OK\r\nContent-Type: text/ht", &n);
    CHECK(dc_http_parse(b, n, &h) == 0 && h.status == 200 && h.body == n);
    CHECK_STR(h.content_type, "text/ht");
    free(b);
    b = dup_buf("GET / HTTP/1.1\r\n\r\n", &n);
    CHECK(dc_http_parse(b, n, &h) == -1);
    free(b);
    b = dup_buf("HTTP/1.1 20 OK\r\n\r\n", &n);
    CHECK(dc_http_parse(b, n, &h) == -1);
    free(b);
    b = dup_buf("", &n);
    CHECK(dc_http_parse(b, n, &h) == -1);
    free(b);
}

TEST(http_dechunk)
{
    char b1[] = "5;name=v\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\n";
    size_t n = dc_http_dechunk(b1, strlen(b1));
    CHECK(n == 12 && memcmp(b1, "hello, world", 12) == 0);
    /* Bare LFs, upper-case hex, and a body cut in the middle of a chunk. */
    char b2[] = "A\nabcdefghij\n10\nshort";
    n = dc_http_dechunk(b2, strlen(b2));
    CHECK(n == 15 && memcmp(b2, "abcdefghijshort", 15) == 0);
    char b3[] = "zz\r\nxx";
    CHECK(dc_http_dechunk(b3, strlen(b3)) == SIZE_MAX);
    char b4[] = "ffffffffffffffffffff\r\n";
    CHECK(dc_http_dechunk(b4, strlen(b4)) == SIZE_MAX);
    char b5[] = "";
    CHECK(dc_http_dechunk(b5, 0) == 0);
}

TEST(mime_and_tokens)
{
    CHECK(dc_mime_is_html("text/html"));
    CHECK(dc_mime_is_html(" Text/HTML ; charset=utf-8"));
    CHECK(dc_mime_is_html("application/xhtml+xml"));
    CHECK(!dc_mime_is_html("text/plain"));
    CHECK(!dc_mime_is_html("text/htmlx"));
    CHECK(!dc_mime_is_html(NULL));
    CHECK(dc_mime_is_blank(NULL));
    CHECK(dc_mime_is_blank("  "));
    CHECK(dc_mime_is_blank("; charset=utf-8"));
    CHECK(!dc_mime_is_blank("text/html"));
    CHECK(dc_has_token("gzip", "gzip"));
    CHECK(dc_has_token("identity, GZIP", "gzip"));
    CHECK(dc_has_token("chunked", "chunked"));
    CHECK(!dc_has_token("x-gzipped", "gzip"));
    CHECK(!dc_has_token(NULL, "gzip"));
}

TEST(sniff_html)
{
    const char *yes[] = {"<!DOCTYPE html><p>", "\xEF\xBB\xBF  <html>", "\n<HEAD>", "<!-- c -->",
                         "<p>x", "<title>t</title>", "<b>bold"};
    const char *no[] = {"plain text", "<?xml version=\"1.0\"?>", "<html", "<bx>", "%PDF-1.4",
                        "{\"json\": 1}", ""};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        CHECK(dc_sniff_html((const unsigned char *)yes[i], strlen(yes[i])));
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        CHECK(!dc_sniff_html((const unsigned char *)no[i], strlen(no[i])));
}

/* ------------------------------------------------------------- reader */

static const char PAGE[] = "<html><head><title>T</title></head><body><p>Hello</p></body></html>";

/* A response record around an HTTP message with the given head lines. */
static size_t response(char *out, size_t cap, const char *id, const char *http_head,
                       const char *body, size_t body_len)
{
    char block[4096];
    size_t h = (size_t)snprintf(block, sizeof block, "%s\r\n\r\n", http_head);
    memcpy(block + h, body, body_len);
    size_t n = (size_t)snprintf(out, cap,
                                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <%s>\r\n"
                                "WARC-Target-URI: http://e.com/%s\r\nContent-Length: %zu\r\n\r\n",
                                id, id, h + body_len);
    memcpy(out + n, block, h + body_len);
    memcpy(out + n + h + body_len, "\r\n\r\n", 4);
    return n + h + body_len + 4;
}

static int open_mem(const void *data, size_t n, decant_warc_reader **r)
{
    FILE *f = tmpfile();
    if (!f)
        return -1;
    fwrite(data, 1, n, f);
    fflush(f);
    int fd = dup(fileno(f));
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    decant_error err;
    if (decant_warc_open_fd(fd, NULL, 0, NULL, r, &err) != DECANT_OK) {
        close(fd);
        return -1;
    }
    return fd;
}

TEST(reader_plain_records)
{
    static char warc[16384];
    size_t n = 0;
    n += response(warc + n, sizeof warc - n, "a", "HTTP/1.1 200 OK\r\nContent-Type: text/html",
                  PAGE, strlen(PAGE));
    n += response(warc + n, sizeof warc - n, "b", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html",
                  PAGE, strlen(PAGE));
    n += response(warc + n, sizeof warc - n, "c", "HTTP/1.1 200 OK\r\nContent-Type: image/png",
                  "\x89PNG", 4);
    n += response(warc + n, sizeof warc - n, "d", "HTTP/1.1 200 OK", PAGE, strlen(PAGE));
    decant_warc_reader *r;
    int fd = open_mem(warc, n, &r);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    decant_warc_record rec;
    decant_error err;
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK);
    CHECK_STR(rec.record_id, "a");
    CHECK_STR(rec.target_uri, "http://e.com/a");
    CHECK(rec.offset == 0 && rec.http_status == 200 && rec.skip == DECANT_WARC_HTML);
    CHECK(rec.payload_size == strlen(PAGE) && memcmp(rec.payload, PAGE, strlen(PAGE)) == 0);
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK);
    CHECK(rec.skip == DECANT_WARC_SKIP_STATUS && rec.http_status == 404 && !rec.payload);
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK);
    CHECK(rec.skip == DECANT_WARC_SKIP_NOT_HTML);
    CHECK_STR(rec.content_type, "image/png");
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK);
    CHECK(rec.skip == DECANT_WARC_HTML && rec.content_type == NULL);
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_ERR_EMPTY);
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_ERR_EMPTY);
    CHECK(decant_warc_tell(r) == n);
    decant_warc_close(r);
    close(fd);
}

static size_t gzip_member(const char *in, size_t n, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (unsigned char *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    size_t got = cap - z.avail_out;
    deflateEnd(&z);
    return got;
}

TEST(reader_gzip_offsets_and_truncation)
{
    static char rec1[8192], rec2[8192];
    static unsigned char gz[16384];
    size_t n1 = response(rec1, sizeof rec1, "one", "HTTP/1.1 200 OK\r\nContent-Type: text/html",
                         PAGE, strlen(PAGE));
    size_t n2 = response(rec2, sizeof rec2, "two", "HTTP/1.1 200 OK\r\nContent-Type: text/html",
                         PAGE, strlen(PAGE));
    size_t g1 = gzip_member(rec1, n1, gz, sizeof gz);
    size_t g2 = gzip_member(rec2, n2, gz + g1, sizeof gz - g1);
    CHECK(decant_warc_detect(gz, g1 + g2));
    CHECK(!decant_warc_detect(gz + 1, g1 - 1));
    CHECK(decant_warc_detect("WARC/1.0", 8));
    CHECK(!decant_warc_detect("<html>", 6));

    /* Whole: two records at the members' offsets. */
    decant_warc_reader *r;
    int fd = open_mem(gz, g1 + g2, &r);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    decant_warc_record rec;
    decant_error err;
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK && rec.offset == 0);
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK && rec.offset == g1);
    CHECK_STR(rec.record_id, "two");
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_ERR_EMPTY);
    decant_warc_close(r);
    close(fd);

    /* Cut inside the second member: the first record, then the error. */
    fd = open_mem(gz, g1 + g2 / 2, &r);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK);
    CHECK_STR(rec.record_id, "one");
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_ERR_GZIP);
    CHECK(err.position == g1);
    CHECK_HAS(err.message, "truncated");
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_ERR_EMPTY);
    decant_warc_close(r);
    close(fd);
}

/* An ARC record around an HTTP message. */
static size_t arc_record(char *out, size_t cap, const char *url, const char *date,
                         const char *http_head, const char *body)
{
    char block[4096];
    size_t h = (size_t)snprintf(block, sizeof block, "%s\r\n\r\n%s", http_head, body);
    size_t n = (size_t)snprintf(out, cap, "%s 192.0.2.1 %s text/html %zu\n", url, date, h);
    memcpy(out + n, block, h);
    out[n + h] = '\n';
    return n + h + 1;
}

TEST(reader_arc_records)
{
    static char arc[16384];
    static const char version[] = "1 0 InternetArchive\nURL IP-address Archive-date "
                                  "Content-type Archive-length\n";
    size_t n = (size_t)snprintf(arc, sizeof arc, "filedesc://x.arc 0.0.0.0 20111128093000 "
                                "text/plain %zu\n%s\n", sizeof version - 1, version);
    CHECK(decant_warc_detect(arc, n));
    size_t second = 0;
    n += arc_record(arc + n, sizeof arc - n, "http://e.com/a", "20111128093001",
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html", PAGE);
    second = n;
    /* version 2's longer line, a URL with a space, a 404 and a DNS record */
    n += (size_t)snprintf(arc + n, sizeof arc - n,
                          "http://e.com/b c 192.0.2.1 20111128093002 text/html 200 - - 0 x.arc 60\n"
                          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>two pages</p>\n");
    n += arc_record(arc + n, sizeof arc - n, "http://e.com/c", "201111280930",
                    "HTTP/1.1 404 Not Found\r\nContent-Type: text/html", PAGE);
    n += (size_t)snprintf(arc + n, sizeof arc - n, "dns:e.com 192.0.2.1 20111128093004 text/dns 10\n"
                                                   "192.0.2.1\n\n");
    decant_warc_reader *r;
    int fd = open_mem(arc, n, &r);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    decant_warc_record rec;
    decant_error err;
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK);
    CHECK(rec.skip == DECANT_WARC_SKIP_NOT_RESPONSE && rec.offset == 0);
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK);
    CHECK(rec.skip == DECANT_WARC_HTML && rec.record_id == NULL);
    CHECK_STR(rec.target_uri, "http://e.com/a");
    CHECK_STR(rec.date, "2011-11-28T09:30:01Z");
    CHECK(rec.payload_size == strlen(PAGE) && !memcmp(rec.payload, PAGE, strlen(PAGE)));
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK);
    CHECK(rec.offset == second && rec.skip == DECANT_WARC_HTML);
    CHECK_STR(rec.target_uri, "http://e.com/b c");
    CHECK(rec.payload_size == 16 && !memcmp(rec.payload, "<p>two pages</p>", 16));
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK);
    CHECK(rec.skip == DECANT_WARC_SKIP_STATUS && rec.http_status == 404);
    CHECK_STR(rec.date, "2011-11-28T09:30:00Z");
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK);
    CHECK(rec.skip == DECANT_WARC_SKIP_NOT_RESPONSE);
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_ERR_EMPTY);
    decant_warc_close(r);
    close(fd);
    /* a bad header line is reported, and reading goes on at the next record */
    static char bad[8192];
    size_t m = (size_t)snprintf(bad, sizeof bad, "filedesc://x.arc 0.0.0.0 20111128093000 "
                                "text/plain 0\n\nnot an arc line\n");
    m += arc_record(bad + m, sizeof bad - m, "http://e.com/a", "20111128093001",
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html", PAGE);
    fd = open_mem(bad, m, &r);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK);
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_ERR_PARSE);
    CHECK_HAS(err.message, "ARC");
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_OK);
    CHECK_STR(rec.target_uri, "http://e.com/a");
    CHECK(decant_warc_next(r, &rec, &err) == DECANT_ERR_EMPTY);
    decant_warc_close(r);
    close(fd);
}

/* Content-Encoding is believed as far as the bytes agree. */
TEST(http_content_encoding_by_the_bytes)
{
    static unsigned char gz[4096];
    size_t g = gzip_member(PAGE, strlen(PAGE), gz, sizeof gz);
    static const struct {
        const char *ce;
        int compressed; /* the body is gzip */
        decant_warc_skip want;
    } cases[] = {
        {"gzip", 0, DECANT_WARC_HTML},     /* ClueWeb09's: plain under gzip */
        {"gzip", 1, DECANT_WARC_HTML},
        {"deflate", 1, DECANT_WARC_HTML},  /* gzip under deflate */
        {"", 1, DECANT_WARC_HTML},         /* gzip under no header */
        {"br", 0, DECANT_WARC_HTML},       /* plain under br */
        {"br", 2, DECANT_WARC_SKIP_ENCODING}, /* bytes that are no markup */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static char block[8192];
        const char *body = cases[i].compressed == 1 ? (const char *)gz
                           : cases[i].compressed == 2 ? "\x8b\x0b\x80\xfe\x01\x02\x03\x04"
                                                      : PAGE;
        size_t blen = cases[i].compressed == 1 ? g : cases[i].compressed == 2 ? 8 : strlen(PAGE);
        size_t h = (size_t)snprintf(block, sizeof block,
                                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n%s%s%s\r\n",
                                    *cases[i].ce ? "Content-Encoding: " : "", cases[i].ce,
                                    *cases[i].ce ? "\r\n" : "");
        memcpy(block + h, body, blen);
        dc_http_body hb = {&dc_default_allocator, 1 << 20, NULL, 0};
        decant_warc_record rec;
        memset(&rec, 0, sizeof rec);
        CHECK(dc_http_payload(&hb, block, h + blen, 0, &rec) == DECANT_OK);
        CHECK(rec.skip == cases[i].want);
        if (cases[i].want == DECANT_WARC_HTML)
            CHECK(rec.payload_size == strlen(PAGE) && !memcmp(rec.payload, PAGE, strlen(PAGE)));
        dc_free(hb.alloc, hb.buf, hb.cap);
    }
}

TEST(reader_garbage_never_loops)
{
    /* Noise with "WARC/" fragments: every call must return or advance. */
    static char junk[70000];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)("WARC/\r\n\nContent-Length: 9x"[i % 27]);
    decant_warc_reader *r;
    int fd = open_mem(junk, sizeof junk, &r);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    decant_warc_record rec;
    decant_error err;
    int calls = 0;
    while (decant_warc_next(r, &rec, &err) != DECANT_ERR_EMPTY && calls < 100000)
        calls++;
    CHECK(calls < 100000);
    decant_warc_close(r);
    close(fd);
}

TEST(record_json_warc_object)
{
    decant_warc_info w = {"urn:x", "http://e.com/", "2024-01-01T00:00:00Z", "a.warc.gz", 12345,
                          NULL};
    decant_record_info info = {"urn:x", "a.warc.gz", "http://other/", &w};
    decant_buffer b = {0};
    CHECK(decant_record_json(NULL, NULL, &info, DECANT_BODY_TEXT, &b) == DECANT_OK);
    CHECK_HAS(b.data, "\"url\":\"http://e.com/\"");
    CHECK_HAS(b.data, "\"warc\":{\"record_id\":\"urn:x\",\"target_uri\":\"http://e.com/\","
                      "\"date\":\"2024-01-01T00:00:00Z\",\"file\":\"a.warc.gz\",\"offset\":12345,"
                      "\"skip\":null}}");
    decant_buffer_free(&b);
    decant_record_info plain = {"p", "p.html", NULL, NULL};
    CHECK(decant_record_json(NULL, NULL, &plain, DECANT_BODY_TEXT, &b) == DECANT_OK);
    CHECK_NOT_HAS(b.data, "\"warc\"");
    decant_buffer_free(&b);
}
