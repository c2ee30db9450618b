/*
 * warc_http.c — parsing WARC and HTTP heads, dechunking, type sniffing.  All
 * of it works in place on a buffer the reader owns.
 *
 * Archives hold whatever servers sent, so the parsers are lenient in what
 * they accept (bare LF line ends, stray blanks, odd header case) but strict
 * about bounds: every scan stops at the buffer's end.
 */
#include "warc.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "decode.h"

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
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
static void sanitize(char *s)
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

/* "<x>" -> "x": WARC/1.0's grammar put brackets around URIs by mistake, and
 * writers followed it. */
static const char *unbracket(char *s)
{
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '<' && s[n - 1] == '>') {
        s[n - 1] = '\0';
        return s + 1;
    }
    return s;
}

typedef void (*field_fn)(void *ctx, const char *name, size_t name_len, char *value);

/*
 * Calls `fn` for each "Name: value" line of h[0..n).  A line starting with a
 * blank continues the previous value (obsolete folding): it is joined with a
 * space before the value is handed over.  Lines without a colon are ignored.
 */
static void each_field(char *h, size_t n, field_fn fn, void *ctx)
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

static int name_is(const char *name, size_t n, const char *want)
{
    return strlen(want) == n && strncasecmp(name, want, n) == 0;
}

/* Parses a decimal number that fills all of s; -1 if it does not. */
static int parse_u64(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    if (*s)
        return -1;
    *out = v;
    return 0;
}

static void warc_field(void *ctx, const char *name, size_t n, char *value)
{
    dc_warc_header *h = ctx;
    if (name_is(name, n, "Content-Length")) {
        h->has_length = parse_u64(value, &h->content_length) == 0;
        return;
    }
    sanitize(value);
    if (name_is(name, n, "WARC-Type"))
        h->type = value;
    else if (name_is(name, n, "WARC-Record-ID"))
        h->record_id = unbracket(value);
    else if (name_is(name, n, "WARC-Target-URI"))
        h->target_uri = unbracket(value);
    else if (name_is(name, n, "WARC-Date"))
        h->date = value;
    else if (name_is(name, n, "Content-Type"))
        h->content_type = value;
}

int dc_warc_parse_header(char *h, size_t n, dc_warc_header *out)
{
    memset(out, 0, sizeof *out);
    if (n < 8 || memcmp(h, "WARC/", 5) != 0)
        return -1;
    const char *nl = memchr(h, '\n', n);
    size_t line = nl ? (size_t)(nl - h) + 1 : n;
    const char *dot = memchr(h, '.', line);
    out->minor = dot && dot[1] >= '0' && dot[1] <= '9' ? dot[1] - '0' : 0;
    /* The caller guarantees h[n] is ours, so the last value can end there. */
    h[n] = '\0';
    each_field(h + line, n - line, warc_field, out);
    return 0;
}

static void http_field(void *ctx, const char *name, size_t n, char *value)
{
    dc_http_head *h = ctx;
    const char **slot = NULL;
    if (name_is(name, n, "Content-Type"))
        slot = &h->content_type;
    else if (name_is(name, n, "Content-Encoding"))
        slot = &h->content_encoding;
    else if (name_is(name, n, "Transfer-Encoding"))
        slot = &h->transfer_encoding;
    /* The first of duplicated headers wins, as in most browsers. */
    if (slot && !*slot) {
        sanitize(value);
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
        each_field(b + line, head - line, http_field, out);
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = lower(c);
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

/* Copies the lower-cased essence ("text/html") of a Content-Type. */
static size_t essence(const char *ct, char *buf, size_t size)
{
    size_t n = 0;
    if (!ct)
        return 0;
    while (is_blank(*ct))
        ct++;
    for (; *ct && *ct != ';' && !is_blank(*ct) && n + 1 < size; ct++)
        buf[n++] = lower(*ct);
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
