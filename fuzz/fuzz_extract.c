/*
 * fuzz_extract.c — whole pages through the public API, as the CLI runs them.
 *
 * The first two bytes pick the options and the HTTP context, so that one
 * corpus explores the depth and node limits, Markdown rendering and the
 * charset paths; the rest is the page.  Most inputs go through a reused
 * extractor (the production path: arenas reset between pages), a few
 * through decant_extract_once (creation and teardown).
 *
 * Beyond "no crash, no leak", each page must give exactly one record that
 * is valid JSON in valid UTF-8, and a failure must carry a message.
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decant.h"
#include "decode.h"

static const unsigned depths[4] = {512, 3, 40, 1};
static const char *const content_types[8] = {
    NULL,
    "text/html; charset=utf-8",
    "text/html; charset=windows-1251",
    "text/html; charset=shift_jis",
    "application/xhtml+xml; charset=utf-16le",
    "text/html; charset=\"iso-2022-jp\"",
    "text/plain",
    "text/html; charset=bogus-label",
};
static const char *const urls[4] = {
    NULL,
    "https://news.example.com/politics/2024/06/19/council-vote.html",
    "http://example.org/",
    "not a url",
};

/* One extractor per option combination, made on first use. */
static decant_extractor *extractors[16];

static void options_for(unsigned sel, decant_options *o)
{
    decant_options_init(o);
    o->want_markdown = sel & 1;
    o->want_html = sel & 1;
    o->max_depth = depths[(sel >> 1) & 3];
    o->max_nodes = sel & 8 ? 300 : 2000000;
    o->max_input_bytes = (size_t)4 << 20;
}

static size_t count(const char *s, const char *w)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, w)); p += strlen(w))
        n++;
    return n;
}

/* Text is escaped, so every tag in the HTML body is the writer's: each one
 * opened must be closed. */
static void check_html(const char *h)
{
    static const char *const tags[][2] = {{"<ul>", "</ul>"}, {"<ol>", "</ol>"}, {"<li>", "</li>"},
                                          {"<table>", "</table>"}, {"<tr>", "</tr>"},
                                          {"<blockquote>", "</blockquote>"}, {"<pre>", "</pre>"},
                                          {"<p>", "</p>"}};
    for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
        if (count(h, tags[k][0]) != count(h, tags[k][1]))
            abort();
}

static void check_record(const decant_buffer *b)
{
    if (!b->len || b->data[b->len - 1] != '\n' || memchr(b->data, '\n', b->len) != b->data + b->len - 1)
        abort();
    if (!dc_utf8_valid((const unsigned char *)b->data, b->len))
        abort();
    cJSON *j = cJSON_ParseWithLength(b->data, b->len);
    if (!j || !cJSON_IsObject(j))
        abort();
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(j, "text");
    const cJSON *error = cJSON_GetObjectItemCaseSensitive(j, "error");
    if (!text || !error || (cJSON_IsNull(text) && cJSON_IsNull(error)))
        abort();
    cJSON_Delete(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned sel = data[0] & 15, ctx = data[1];
    int once = (data[0] & 0xF0) == 0xF0;
    decant_input in = {data + 2, size - 2, urls[(ctx >> 3) & 3], content_types[ctx & 7]};
    decant_options o;
    options_for(sel, &o);

    decant_article *a = NULL;
    decant_error err;
    memset(&err, 0, sizeof err);
    decant_status st;
    if (once) {
        st = decant_extract_once(&o, &in, &a, &err);
    } else {
        if (!extractors[sel] && decant_extractor_new(&o, &extractors[sel], NULL) != DECANT_OK)
            abort();
        st = decant_extract(extractors[sel], &in, &a, &err);
    }
    if (st != DECANT_OK && (!err.message || err.code != st))
        abort();
    /* decant.h: an empty body and a page cut short come with an article */
    if (st != DECANT_OK && st != DECANT_ERR_NO_CONTENT && st != DECANT_ERR_TRUNCATED && a)
        abort();
    if (a) {
        size_t len = 0;
        const char *body = decant_article_body(a, DECANT_BODY_TEXT, &len);
        if (!body || strlen(body) != len)
            abort();
        /* Every body renders on request, whatever the options asked for. */
        body = decant_article_body(a, DECANT_BODY_MARKDOWN, &len);
        if (!body || strlen(body) != len)
            abort();
        body = decant_article_body(a, DECANT_BODY_HTML, &len);
        if (!body || strlen(body) != len)
            abort();
        check_html(body);
        for (int f = 0; f < DECANT_FIELD_COUNT; f++) {
            const char *v = decant_article_get(a, (decant_field)f);
            if (v && !dc_utf8_valid((const unsigned char *)v, strlen(v)))
                abort();
        }
    }
    decant_buffer b = {0};
    decant_record_info info = {0};
    info.id = "fuzz";
    info.source = "fuzz.html";
    info.url = in.url;
    if (decant_record_json(a, st == DECANT_OK ? NULL : &err, &info,
                           !o.want_markdown ? DECANT_BODY_TEXT
                           : ctx & 0x20     ? DECANT_BODY_HTML
                                            : DECANT_BODY_MARKDOWN,
                           &b) != DECANT_OK)
        abort();
    check_record(&b);
    decant_buffer_free(&b);
    decant_article_free(a);
    return 0;
}
