/*
 * json.c — the JSON record (decant_record_json) and the public buffer.
 *
 * Hand-written because it is a write-only path in the hot loop: a record is
 * appended straight into one growing buffer, with no intermediate tree.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "text.h"

static const decant_allocator *buffer_allocator(const decant_buffer *b)
{
    return dc_allocator_or_default(b->allocator);
}

void decant_buffer_free(decant_buffer *b)
{
    if (!b)
        return;
    dc_free(buffer_allocator(b), b->data, b->cap);
    b->data = NULL;
    b->len = b->cap = 0;
}

static int reserve(decant_buffer *b, size_t extra)
{
    if (extra >= SIZE_MAX - b->len)
        return 0;
    return dc_grow(buffer_allocator(b), (void **)&b->data, &b->cap, b->len + extra + 1, 1024);
}

static int put(decant_buffer *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return 0;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 1;
}

int dc_buffer_put(decant_buffer *b, const char *s, size_t n)
{
    return put(b, s, n);
}

static int puts_(decant_buffer *b, const char *s)
{
    return put(b, s, strlen(s));
}

/* Bytes that need escaping in a JSON string: controls, '"', '\\', and
 * 0xE2 (which may start U+2028/U+2029). */
static const unsigned char needs_escape[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
    [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1,
    [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1,
    ['"'] = 1, ['\\'] = 1, [0xE2] = 1,
};

/* Appends s as a JSON string.  Invalid UTF-8 cannot occur (decode.c
 * guarantees it); control characters and the two line separators that
 * break JavaScript readers of JSON Lines are escaped.  Runs of plain bytes
 * are copied whole: bodies are most of a record's bytes. */
static int put_str(decant_buffer *b, const char *s)
{
    if (!s)
        return puts_(b, "null");
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    if (!reserve(b, n + n / 8 + 2))
        return 0;
    b->data[b->len++] = '"';
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && !needs_escape[p[run]])
            run++;
        if (run > i && !put(b, s + i, run - i))
            return 0;
        i = run;
        if (i >= n)
            break;
        unsigned char c = p[i];
        char tmp[8];
        const char *esc = tmp;
        size_t adv = 1;
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\r')
            esc = "\\r";
        else if (c == 0xE2) {
            if (i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
                esc = p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
                adv = 3;
            } else {
                tmp[0] = (char)c, tmp[1] = 0; /* an ordinary lead byte */
            }
        } else {
            static const char hex[] = "0123456789abcdef";
            tmp[0] = '\\', tmp[1] = 'u', tmp[2] = '0', tmp[3] = '0';
            tmp[4] = hex[c >> 4], tmp[5] = hex[c & 15], tmp[6] = 0;
        }
        if (!puts_(b, esc))
            return 0;
        i += adv;
    }
    return put(b, "\"", 1);
}

static int key(decant_buffer *b, const char *k, int first)
{
    if (!first && !put(b, ",", 1))
        return 0;
    return put_str(b, k) && put(b, ":", 1);
}

const char *dc_record_url(const decant_article *a, const decant_record_info *info)
{
    /* An archive says where the page was actually fetched from: that, not the
     * page's own claim, is what joins the record back to the crawl. */
    if (info && info->warc && info->warc->target_uri)
        return info->warc->target_uri;
    if (a && a->field[DECANT_FIELD_URL])
        return a->field[DECANT_FIELD_URL];
    return info ? info->url : NULL;
}

static decant_status record_json(const decant_article *a, const decant_error *err,
                                 const decant_record_info *info, const decant_fetch_result *fetch,
                                 decant_body_format body, decant_buffer *out)
{
    if (!out)
        return DECANT_ERR_INVALID;
    static const decant_record_info none = {0};
    if (!info)
        info = &none;
    const char *url = dc_record_url(a, info);
    int ok = put(out, "{", 1) && key(out, "id", 1) && put_str(out, info->id) &&
             key(out, "source", 0) && put_str(out, info->source) && key(out, "url", 0) &&
             put_str(out, url) &&
             (!fetch || (key(out, "requested_url", 0) && put_str(out, fetch->requested_url))) &&
             key(out, "title", 0) &&
             put_str(out, a ? a->field[DECANT_FIELD_TITLE] : NULL) && key(out, "authors", 0) &&
             put(out, "[", 1);
    for (size_t i = 0; ok && a && i < a->author_count; i++)
        ok = (i == 0 || put(out, ",", 1)) && put_str(out, a->authors[i]);
    ok = ok && put(out, "]", 1);
    static const decant_field order[] = {
        DECANT_FIELD_DATE_PUBLISHED, DECANT_FIELD_DATE_MODIFIED, DECANT_FIELD_SITE_NAME,
        DECANT_FIELD_SECTION, DECANT_FIELD_DESCRIPTION, DECANT_FIELD_IMAGE,
        DECANT_FIELD_LANGUAGE};
    for (size_t i = 0; ok && i < sizeof order / sizeof order[0]; i++) {
        ok = key(out, decant_field_name(order[i]), 0) &&
             put_str(out, a ? a->field[order[i]] : NULL);
        if (!ok || order[i] != DECANT_FIELD_SECTION)
            continue;
        ok = key(out, "tags", 0) && put(out, "[", 1);
        for (size_t t = 0; ok && a && t < a->tag_count; t++)
            ok = (t == 0 || put(out, ",", 1)) && put_str(out, a->tags[t]);
        ok = ok && put(out, "]", 1);
    }
    ok = ok && key(out, "page_type", 0) &&
         put_str(out, decant_page_type_name(decant_article_page_type(a))) &&
         key(out, "is_article", 0) && puts_(out, decant_article_is_article(a) ? "true" : "false");
    const char *text = a ? decant_article_body(a, body, NULL) : NULL;
    if (a && !text)
        text = a->text;
    ok = ok && key(out, "text", 0) && put_str(out, text);
    ok = ok && key(out, "related", 0) && put(out, "[", 1);
    for (size_t i = 0; ok && a && i < a->related_count; i++) {
        const decant_link *l = &a->related[i];
        ok = (i == 0 || put(out, ",", 1)) && put(out, "{", 1) && key(out, "title", 1) &&
             put_str(out, l->title) && key(out, "url", 0) && put_str(out, l->url) &&
             key(out, "date", 0) && put_str(out, l->date) && put(out, "}", 1);
    }
    ok = ok && put(out, "]", 1) && key(out, "provenance", 0) && put(out, "{", 1);
    int first = 1;
    for (int f = 0; ok && a && f < DECANT_FIELD_COUNT; f++) {
        if (!a->source[f])
            continue;
        ok = key(out, decant_field_name((decant_field)f), first) && put_str(out, a->source[f]);
        first = 0;
    }
    /* The charset is no field of its own: where the text came from. */
    if (ok && a && a->charset[0]) {
        char cs[sizeof a->charset + 32];
        snprintf(cs, sizeof cs, "%s (%s)", a->charset,
                 a->charset_source ? a->charset_source : "unknown");
        ok = key(out, "charset", first) && put_str(out, cs);
    }
    ok = ok && put(out, "}", 1) && key(out, "error", 0);
    const char *fetch_error = fetch ? fetch->error : NULL;
    if (ok && ((err && err->code != DECANT_OK) || fetch_error)) {
        const char *code = fetch_error ? fetch_error : decant_status_name(err->code);
        const char *msg = fetch_error ? (fetch->error_message ? fetch->error_message : fetch_error)
                          : err->message ? err->message : decant_strerror(err->code);
        ok = put(out, "{", 1) && key(out, "code", 1) && put_str(out, code) &&
             key(out, "message", 0) && put_str(out, msg) &&
             put(out, "}", 1);
    } else {
        ok = ok && puts_(out, "null");
    }
    const decant_warc_info *w = info->warc;
    if (ok && w) {
        char num[24];
        size_t at = sizeof num - 1;
        uint64_t v = w->offset;
        num[at] = '\0';
        do
            num[--at] = (char)('0' + v % 10);
        while ((v /= 10) != 0);
        ok = key(out, "warc", 0) && put(out, "{", 1) && key(out, "record_id", 1) &&
             put_str(out, w->record_id) && key(out, "target_uri", 0) &&
             put_str(out, w->target_uri) && key(out, "date", 0) && put_str(out, w->date) &&
             key(out, "file", 0) && put_str(out, w->file) && key(out, "offset", 0) &&
             puts_(out, num + at) && key(out, "skip", 0) && put_str(out, w->skip) &&
             put(out, "}", 1);
    }
    ok = ok && put(out, "}\n", 2);
    return ok ? DECANT_OK : DECANT_ERR_NOMEM;
}

decant_status decant_record_json(const decant_article *a, const decant_error *err,
                                 const decant_record_info *info, decant_body_format body,
                                 decant_buffer *out)
{
    return record_json(a, err, info, NULL, body, out);
}

decant_status decant_record_json_fetched(const decant_article *a, const decant_error *err,
                                         const decant_record_info *info, const decant_fetch_result *fetch,
                                         decant_body_format body, decant_buffer *out)
{
    return record_json(a, err, info, fetch, body, out);
}
