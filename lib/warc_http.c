/*
 * warc_http.c — the HTTP message in a response record (see warc_http.h):
 * header fields (WARC heads use the same syntax), the status line,
 * dechunking, Content-Encoding, type sniffing, and the verdict on the
 * payload.  All of it works in place on a buffer the reader owns.
 *
 * Archives hold whatever servers sent, so the parsers are lenient in what
 * they accept (bare LF line ends, stray blanks, odd header case) but strict
 * about bounds: every scan stops at the buffer's end.
 */
#include "warc_http.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "text.h"

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

size_t dc_header_end(const char *s, size_t n, size_t from)
{
    /* Start one byte early so a CRLF CRLF split across two calls is found. */
    size_t i = from > 3 ? from - 3 : 0;
    for (; i + 1 < n; i++) {
        const char *p = memchr(s + i, '\n', n - i - 1);
        if (!p)
            return 0;
        i = (size_t)(p - s);
        if (i + 1 < n && s[i + 1] == '\n')
            return i + 2;
        if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

/* Trims blanks and a trailing CR around s[0..n) in place; returns s. */
static char *trim(char *s, size_t n)
{
    while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '\r'))
        n--;
    size_t i = 0;
    while (i < n && is_blank(s[i]))
        i++;
    s[n] = '\0';
    return s + i;
}

/* JSON output needs valid UTF-8 without control bytes; headers promise neither. */
void dc_field_sanitize(char *s)
{
    unsigned char *p = (unsigned char *)s;
    size_t n = strlen(s);
    if (dc_utf8_valid(p, n)) {
        for (size_t i = 0; i < n; i++)
            if (p[i] < 0x20 || p[i] == 0x7F)
                p[i] = '?';
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (p[i] < 0x20 || p[i] >= 0x7F)
            p[i] = '?';
}

/* Obsolete line folding: a line starting with a blank continues the value
 * before it, joined with a space. */
void dc_each_field(char *h, size_t n, dc_field_fn fn, void *ctx)
{
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        const char *nl = memchr(h + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - h) : n;
        /* Fold continuation lines into this one. */
        while (end + 1 < n && is_blank(h[end + 1])) {
            h[end] = ' ';
            if (end > start && h[end - 1] == '\r')
                h[end - 1] = ' ';
            nl = memchr(h + end + 1, '\n', n - end - 1);
            end = nl ? (size_t)(nl - h) : n;
        }
        i = end + 1;
        char *colon = memchr(h + start, ':', end - start);
        if (!colon || colon == h + start)
            continue;
        size_t name_len = (size_t)(colon - (h + start));
        while (name_len > 0 && is_blank(h[start + name_len - 1]))
            name_len--;
        char *value = trim(colon + 1, (size_t)(h + end - (colon + 1)));
        fn(ctx, h + start, name_len, value);
    }
}

int dc_field_is(const char *name, size_t n, const char *want)
{
    return strlen(want) == n && strncasecmp(name, want, n) == 0;
}

static void http_field(void *ctx, const char *name, size_t n, char *value)
{
    dc_http_head *h = ctx;
    const char **slot = NULL;
    if (dc_field_is(name, n, "Content-Type"))
        slot = &h->content_type;
    else if (dc_field_is(name, n, "Content-Encoding"))
        slot = &h->content_encoding;
    else if (dc_field_is(name, n, "Transfer-Encoding"))
        slot = &h->transfer_encoding;
    /* The first of duplicated headers wins, as in most browsers. */
    if (slot && !*slot) {
        dc_field_sanitize(value);
        *slot = value;
    }
}

/* "HTTP/1.1 200 OK", "HTTP/2 404": the status, or 0. */
static int status_of(const char *s, size_t n)
{
    if (n < 12 || memcmp(s, "HTTP/", 5) != 0)
        return 0;
    size_t i = 5;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
        i++;
    if (i == 5 || i >= n || !is_blank(s[i]))
        return 0;
    while (i < n && is_blank(s[i]))
        i++;
    if (i + 3 > n)
        return 0;
    int v = 0;
    for (size_t k = 0; k < 3; k++) {
        char c = s[i + k];
        if (c < '0' || c > '9')
            return 0;
        v = v * 10 + (c - '0');
    }
    if (i + 3 < n && s[i + 3] != ' ' && s[i + 3] != '\r' && s[i + 3] != '\n')
        return 0;
    return v >= 100 ? v : 0;
}

int dc_http_parse(char *b, size_t n, dc_http_head *out)
{
    memset(out, 0, sizeof *out);
    const char *nl = memchr(b, '\n', n);
    size_t line = nl ? (size_t)(nl - b) + 1 : n;
    out->status = status_of(b, line);
    if (!out->status)
        return -1;
    size_t limit = n < DC_HTTP_MAX_HEADER ? n : DC_HTTP_MAX_HEADER;
    size_t end = dc_header_end(b, limit, line > 0 ? line - 1 : 0);
    size_t head = end ? end : n;
    out->body = head;
    if (head > line)
        dc_each_field(b + line, head - line, http_field, out);
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)dc_lower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

size_t dc_http_dechunk(char *b, size_t n)
{
    size_t in = 0, out = 0;
    while (in < n) {
        /* chunk-size [; extensions] CRLF */
        size_t size = 0, digits = 0;
        int h;
        while (in < n && is_blank(b[in]))
            in++;
        while (in < n && (h = hexval(b[in])) >= 0) {
            if (size > (SIZE_MAX >> 4))
                return SIZE_MAX;
            size = size << 4 | (size_t)h;
            in++;
            digits++;
        }
        if (digits == 0)
            return in >= n ? out : SIZE_MAX;
        const char *nl = memchr(b + in, '\n', n - in);
        if (!nl)
            break;
        in = (size_t)(nl - b) + 1;
        if (size == 0)
            break;
        size_t take = size < n - in ? size : n - in;
        memmove(b + out, b + in, take);
        out += take;
        in += take;
        /* The CRLF after the data; tolerate a bare LF or none at the end. */
        if (in < n && b[in] == '\r')
            in++;
        if (in < n && b[in] == '\n')
            in++;
    }
    return out;
}

size_t dc_http_body_of(char *b, size_t n, const dc_http_head *h, const unsigned char **body)
{
    *body = (unsigned char *)b + h->body;
    size_t len = n - h->body;
    return dc_has_token(h->transfer_encoding, "chunked") ? dc_http_dechunk(b + h->body, len) : len;
}

/* Copies the lower-cased essence ("text/html") of a Content-Type. */
static size_t essence(const char *ct, char *buf, size_t size)
{
    size_t n = 0;
    if (!ct)
        return 0;
    while (is_blank(*ct))
        ct++;
    for (; *ct && *ct != ';' && !is_blank(*ct) && n + 1 < size; ct++)
        buf[n++] = (char)dc_lower((unsigned char)*ct);
    buf[n] = '\0';
    return n;
}

int dc_mime_is_html(const char *ct)
{
    char e[64];
    essence(ct, e, sizeof e);
    return strcmp(e, "text/html") == 0 || strcmp(e, "application/xhtml+xml") == 0;
}

int dc_mime_is_blank(const char *ct)
{
    char e[8];
    return essence(ct, e, sizeof e) == 0;
}

int dc_sniff_html(const unsigned char *s, size_t n)
{
    /* WHATWG MIME sniffing, "identifying a resource with an unknown MIME
     * type": each tag must be followed by a space or '>'. */
    static const char *const tags[] = {
        "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div",
        "<font", "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p",
    };
    size_t i = 0;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f'))
        i++;
    if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
        return 1;
    for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
        size_t k = strlen(tags[t]);
        if (n - i <= k || strncasecmp((const char *)s + i, tags[t], k) != 0)
            continue;
        unsigned char after = s[i + k];
        if (after == ' ' || after == '>' || after == '\t' || after == '\n' || after == '\r' ||
            after == '\f')
            return 1;
    }
    return 0;
}

int dc_has_token(const char *list, const char *token)
{
    size_t k = strlen(token);
    if (!list)
        return 0;
    const char *p = list;
    while (*p) {
        while (*p == ',' || is_blank(*p))
            p++;
        const char *start = p;
        while (*p && *p != ',' && *p != ';' && !is_blank(*p))
            p++;
        if ((size_t)(p - start) == k && strncasecmp(start, token, k) == 0)
            return 1;
        while (*p && *p != ',')
            p++;
    }
    return 0;
}

/* ------------------------------------------------------------ payload */

typedef enum { INFL_OK, INFL_TOO_LARGE, INFL_CORRUPT, INFL_NOMEM } infl_result;

/* Inflates a Content-Encoding'd body into r->buf, at most r->max_bytes.  A
 * body cut short keeps what came, as a browser would show it. */
static infl_result inflate_body(dc_http_body *r, const unsigned char *in, size_t n,
                                int wbits, size_t *out_len)
{
    dc_inflate_job j = {.alloc = r->alloc, .wbits = wbits, .limit = r->max_bytes,
                        .first = 65536, .buf = r->buf, .cap = r->cap};
    dc_inflate_result res = dc_inflate(&j, in, n);
    r->buf = j.buf;
    r->cap = j.cap;
    *out_len = j.len;
    switch (res) {
    case DC_INFLATE_OK:
        return INFL_OK;
    case DC_INFLATE_TRUNCATED:
        return j.len ? INFL_OK : INFL_CORRUPT;
    case DC_INFLATE_TOO_LARGE:
        return INFL_TOO_LARGE;
    case DC_INFLATE_NO_START:
    case DC_INFLATE_NOMEM_START:
    case DC_INFLATE_NOMEM_BUFFER:
        return INFL_NOMEM;
    default:
        return INFL_CORRUPT;
    }
}

/* How a body is compressed, by its first bytes: gzip's magic, or a zlib
 * header (a compression method of 8, a window of 32 KiB at most, the check
 * bits right). */
static int gzip_magic(const unsigned char *s, size_t n)
{
    return n >= 2 && s[0] == 0x1f && s[1] == 0x8b;
}

static int zlib_header(const unsigned char *s, size_t n)
{
    return n >= 2 && (s[0] & 0x0F) == 8 && (s[0] >> 4) <= 7 && ((unsigned)s[0] << 8 | s[1]) % 31 == 0;
}

/* Does the body start like text a page begins with: markup, or letters
 * after optional blanks and a byte-order mark?  Compressed data does not. */
static int plain_text_start(const unsigned char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    if (i >= n)
        return 0;
    return s[i] == '<' || dc_is_alpha(s[i]);
}

/*
 * Undoes Content-Encoding; returns a skip reason or DECANT_WARC_HTML.  The
 * header is believed only as far as the bytes agree: archives converted
 * from older crawls (ClueWeb09's) keep "Content-Encoding: gzip" over a body
 * stored plain, and some servers send gzip under "deflate" or under no
 * header at all.  So gzip's magic means gzip, a zlib header under
 * "deflate" means zlib, and a body that starts as plain markup under a
 * compressing header is taken as it is.
 */
static decant_warc_skip decode_body(dc_http_body *r, const char *ce,
                                    const unsigned char **body, size_t *len,
                                    decant_status *nomem)
{
    int wbits;
    int gz = gzip_magic(*body, *len);
    int declared_gzip = dc_has_token(ce, "gzip") || dc_has_token(ce, "x-gzip");
    int declared_deflate = dc_has_token(ce, "deflate");
    if (gz)
        wbits = 16 + MAX_WBITS;
    else if ((declared_gzip || declared_deflate) && zlib_header(*body, *len))
        wbits = MAX_WBITS;
    else if (declared_deflate && !plain_text_start(*body, *len))
        wbits = MAX_WBITS; /* raw deflate, tried below */
    else if (dc_mime_is_blank(ce) || dc_has_token(ce, "identity") || plain_text_start(*body, *len))
        return DECANT_WARC_HTML;
    else
        return DECANT_WARC_SKIP_ENCODING;
    size_t out = 0;
    infl_result res = inflate_body(r, *body, *len, wbits, &out);
    /* "deflate" is meant to be zlib-wrapped, but many servers send it raw. */
    if (res == INFL_CORRUPT && wbits == MAX_WBITS)
        res = inflate_body(r, *body, *len, -MAX_WBITS, &out);
    if (res == INFL_NOMEM)
        *nomem = DECANT_ERR_NOMEM;
    if (res != INFL_OK)
        return res == INFL_TOO_LARGE ? DECANT_WARC_SKIP_TOO_LARGE : DECANT_WARC_SKIP_ENCODING;
    *body = r->buf;
    *len = out;
    return DECANT_WARC_HTML;
}

decant_status dc_http_payload(dc_http_body *r, char *b, size_t n, int cut,
                              decant_warc_record *rec)
{
    dc_http_head h;
    if (dc_http_parse(b, n, &h) != 0) {
        rec->skip = DECANT_WARC_SKIP_NOT_HTTP;
        return DECANT_OK;
    }
    rec->http_status = h.status;
    rec->content_type = h.content_type;
    int declared = !dc_mime_is_blank(h.content_type);
    if (h.status != 200)
        rec->skip = DECANT_WARC_SKIP_STATUS;
    else if (declared && !dc_mime_is_html(h.content_type))
        rec->skip = DECANT_WARC_SKIP_NOT_HTML;
    else if (cut)
        rec->skip = DECANT_WARC_SKIP_TOO_LARGE;
    if (rec->skip != DECANT_WARC_HTML)
        return DECANT_OK;
    const unsigned char *body;
    size_t len = dc_http_body_of(b, n, &h, &body);
    if (len == SIZE_MAX) {
        rec->skip = DECANT_WARC_SKIP_ENCODING;
        return DECANT_OK;
    }
    decant_status st = DECANT_OK;
    rec->skip = decode_body(r, h.content_encoding, &body, &len, &st);
    if (rec->skip == DECANT_WARC_HTML) {
        if (len > r->max_bytes)
            rec->skip = DECANT_WARC_SKIP_TOO_LARGE;
        else if (len == 0)
            rec->skip = DECANT_WARC_SKIP_EMPTY;
        else if (!declared && !dc_sniff_html(body, len))
            rec->skip = DECANT_WARC_SKIP_NOT_HTML;
    }
    if (rec->skip == DECANT_WARC_HTML) {
        rec->payload = body;
        rec->payload_size = len;
    }
    return st;
}


decant_warc_skip dc_http_decode(dc_http_body *r, const char *content_encoding,
                                const unsigned char **body, size_t *len, decant_status *nomem)
{
    return decode_body(r, content_encoding, body, len, nomem);
}
