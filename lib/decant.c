/*
 * decant.c — the public API: extractors, the one driver of the pipeline,
 * article accessors.
 *
 * The pipeline per page (run()): decode -> prune -> guard -> parse ->
 * metadata -> site templates -> clean -> score -> select -> render
 * (find_body(): each body phase handed a result of its own) -> related ->
 * language -> page type.  The article keeps the body's blocks and renders
 * Markdown and HTML from them on request.  Scratch memory is one arena per
 * extractor, reset per page; the article has an arena of its own so it
 * outlives the next page.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode.h"
#include "extract.h"
#include "guard.h"
#include "internal.h"
#include "lang.h"
#include "pagetype.h"
#include "site.h"
#include "parser.h"
#include "prune.h"

struct decant_extractor {
    decant_options opts;
    const decant_allocator *alloc;
    dc_parser *parser;
    dc_arena scratch;
};

const char *decant_version(void)
{
    return DECANT_VERSION_STRING;
}

static const struct {
    const char *name, *message;
} status_text[] = {
    [DECANT_OK] = {"ok", "success"},
    [DECANT_ERR_NOMEM] = {"nomem", "out of memory"},
    [DECANT_ERR_INVALID] = {"invalid", "invalid argument"},
    [DECANT_ERR_EMPTY] = {"empty", "empty input"},
    [DECANT_ERR_TOO_LARGE] = {"too_large", "input larger than max_input_bytes"},
    [DECANT_ERR_GZIP] = {"gzip", "corrupt gzip stream"},
    [DECANT_ERR_BINARY] = {"binary", "binary input, not a text page"},
    [DECANT_ERR_NOT_HTML] = {"not_html", "no HTML markup in the input"},
    [DECANT_ERR_DECODE] = {"decode", "character set could not be decoded"},
    [DECANT_ERR_PARSE] = {"parse", "HTML parser failed"},
    [DECANT_ERR_LIMIT] = {"limit", "page exceeds a depth, node or time limit"},
    [DECANT_ERR_NO_CONTENT] = {"no_content", "no article body found"},
    [DECANT_ERR_TRUNCATED] = {"truncated", "the input ends early; text up to the cut"},
    [DECANT_ERR_COMPRESSION] = {"compression", "unsupported compression"},
};

const char *decant_strerror(decant_status code)
{
    if ((unsigned)code < sizeof status_text / sizeof status_text[0])
        return status_text[code].message;
    return "unknown error";
}

const char *decant_status_name(decant_status code)
{
    if ((unsigned)code < sizeof status_text / sizeof status_text[0])
        return status_text[code].name;
    return "unknown";
}

decant_status dc_fail(decant_error *err, decant_status code, const char *detail)
{
    if (err) {
        err->code = code;
        err->position = 0;
        if (detail) {
            snprintf(err->detail, sizeof err->detail, "%s: %s", decant_strerror(code), detail);
            err->message = err->detail;
        } else {
            err->detail[0] = '\0';
            err->message = decant_strerror(code);
        }
    }
    return code;
}

void decant_options_init(decant_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->version = DECANT_OPTIONS_VERSION;
    o->max_input_bytes = (size_t)64 << 20;
    o->max_depth = 512;
    o->max_nodes = 1000000;
    o->time_limit_ms = 0;
    o->want_markdown = 0;
    o->allocator = NULL;
    o->want_html = 0;
    o->repair_mojibake = 1;
    o->markdown_links = 0;
    o->markdown_images = 0;
}

int dc_options_copy(const decant_options *in, decant_options *out)
{
    decant_options_init(out);
    if (!in)
        return 1;
    /* A caller built against an older version has a shorter struct: read
     * only what it has, and keep the defaults for the rest. */
    size_t n;
    if (in->version == 1)
        n = offsetof(decant_options, want_html);
    else if (in->version == 2)
        n = offsetof(decant_options, repair_mojibake);
    else if (in->version == 3)
        n = offsetof(decant_options, markdown_links);
    else if (in->version == DECANT_OPTIONS_VERSION)
        n = sizeof *in;
    else
        return 0;
    memcpy(out, in, n);
    out->version = DECANT_OPTIONS_VERSION;
    return 1;
}

decant_status decant_extractor_new(const decant_options *opts, decant_extractor **out,
                                   decant_error *err)
{
    if (!out)
        return dc_fail(err, DECANT_ERR_INVALID, "out is NULL");
    *out = NULL;
    decant_options o;
    if (!dc_options_copy(opts, &o))
        return dc_fail(err, DECANT_ERR_INVALID, "options not set up by decant_options_init");
    const decant_allocator *alloc = dc_allocator_or_default(o.allocator);
    decant_extractor *ex = dc_calloc(alloc, sizeof *ex);
    if (!ex)
        return dc_fail(err, DECANT_ERR_NOMEM, NULL);
    ex->opts = o;
    ex->alloc = alloc;
    dc_arena_init(&ex->scratch, alloc, (size_t)1 << 20);
    ex->parser = dc_parser_new(alloc);
    if (!ex->parser) {
        dc_free(alloc, ex, sizeof *ex);
        return dc_fail(err, DECANT_ERR_NOMEM, "creating the HTML parser");
    }
    *out = ex;
    return DECANT_OK;
}

void decant_extractor_free(decant_extractor *ex)
{
    if (!ex)
        return;
    dc_parser_free(ex->parser);
    dc_arena_release(&ex->scratch);
    dc_free(ex->alloc, ex, sizeof *ex);
}

static decant_article *article_new(const decant_allocator *alloc)
{
    decant_article *a = dc_calloc(alloc, sizeof *a);
    if (!a)
        return NULL;
    dc_arena_init(&a->arena, alloc, 16384);
    return a;
}

void decant_article_free(decant_article *a)
{
    if (!a)
        return;
    const decant_allocator *alloc = a->arena.alloc;
    dc_arena_release(&a->arena);
    dc_free(alloc, a, sizeof *a);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Does the text contain anything that looks like a tag? */
static int looks_like_html(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '<')
            continue;
        char c = s[i + 1];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '!' || c == '/')
            return 1;
    }
    return 0;
}

/*
 * Site evidence (decant_extract_site): the page's prints, the model's
 * verdict on them as a per-node array for the clean phase, and a copy of
 * the prints kept in the article for decant_site_model_learn.  Returns 0 on
 * OOM.  The verdict array stays NULL unless the model nominates something,
 * so that a page of a site the model does not know is extracted exactly as
 * without a model.
 */
static int site_evidence(decant_extractor *ex, const decant_site_model *m, const dc_dom *dom,
                         const char *url, decant_article *a, const uint8_t **verdicts)
{
    dc_site_page pg;
    if (!dc_site_prints(dom, a->field[DECANT_FIELD_TITLE], a->field[DECANT_FIELD_DESCRIPTION],
                        &ex->scratch, &pg))
        return 0;
    const char *where = url ? url : a->field[DECANT_FIELD_URL];
    if (!dc_site_key(where, pg.site) && where != a->field[DECANT_FIELD_URL])
        dc_site_key(a->field[DECANT_FIELD_URL], pg.site);
    uint8_t *v = NULL;
    /* Only a page that states when it was published gets verdicts: an
     * undated page is more often a listing, a shop's page or a manual,
     * whose repeated blocks (product cards, standard notes) are its
     * content, and where dropping them turns the choice of container. */
    if (m && pg.site[0] && pg.count && a->field[DECANT_FIELD_DATE_PUBLISHED]) {
        v = dc_arena_alloc(&ex->scratch, dom->count);
        if (!v)
            return 0;
        memset(v, 0, dom->count);
        dc_site_verdicts(m, &pg, v);
    }
    *verdicts = pg.nominated ? v : NULL;
#ifdef DC_DEBUG
    if (getenv("DC_DUMP_SITES") && *verdicts) {
        for (uint32_t k = 0; k < pg.count; k++) {
            uint32_t i = pg.p[k].node;
            if (!v[i])
                continue;
            dc_sbuf b;
            dc_sbuf_init(&b, &ex->scratch, 128);
            const char *t = dc_text_content(dom, i, &b);
            const char *cls = dc_attr_get(dom, i, "class", NULL);
            fprintf(stderr, "SITE\t%u\t%s\t%s\t%u/%u\t%.80s\n", v[i], dc_tag_name(dom, i),
                    cls ? cls : "", pg.p[k].link, pg.p[k].chars, t ? t : "");
        }
    }
#endif
    dc_site_page *keep = dc_arena_alloc(&a->arena, sizeof *keep);
    dc_site_print *p = pg.count ? dc_arena_alloc(&a->arena, sizeof(dc_site_print) * pg.count) : NULL;
    if (!keep || (pg.count && !p))
        return 0;
    if (pg.count)
        memcpy(p, pg.p, sizeof(dc_site_print) * pg.count);
    *keep = pg;
    keep->p = p;
    a->site_page = keep;
    return 1;
}

/*
 * The body phases, in order, each handed a result of its own and reading
 * the ones before it through cx: clean (marks) -> score (statistics, the
 * settled drops) -> select (the containers) -> render (blocks).  0 on OOM.
 */
static int find_body(dc_extract_ctx *cx, dc_selection *sel, dc_rendered *body)
{
    size_t n = cx->dom->count;
    dc_mark *mark = dc_arena_alloc(cx->ar, sizeof *mark * n);
    dc_stats *st = dc_arena_alloc(cx->ar, sizeof *st * n);
    if (!mark || !st)
        return 0;
    memset(mark, 0, sizeof *mark * n);
    memset(st, 0, sizeof *st * n);
    if (!dc_clean(cx, mark))
        return 0;
    /* Blocks the site repeats on its other pages are furniture by the same
     * standard as a vocabulary match: nominated, so that the statistics can
     * still keep one that holds the headline or most of the prose. */
    if (cx->template_drop)
        for (size_t i = 0; i < n; i++)
            if (cx->template_drop[i])
                mark[i].flags |= DC_F_CAND_DROP;
    cx->mark = mark;
    cx->st = st;
    cx->body_chars = dc_stats_compute(cx, st);
    dc_score(cx, st);
    memset(sel, 0, sizeof *sel);
    if (!dc_select(cx, sel))
        return 0;
    cx->sel = sel;
    memset(body, 0, sizeof *body);
    if (!dc_render(cx, body))
        return 0;
    cx->body = body;
    return 1;
}

static decant_status run(decant_extractor *ex, const decant_input *in, decant_article **out,
                         decant_error *err, int sites, const decant_site_model *model)
{
    const decant_options *o = &ex->opts;
    double t0 = o->time_limit_ms ? now_ms() : 0;
#define OVER_TIME() (o->time_limit_ms && now_ms() - t0 > (double)o->time_limit_ms)

    if (in->size > o->max_input_bytes)
        return dc_fail(err, DECANT_ERR_TOO_LARGE, NULL);
    dc_decoded dec;
    decant_status st = dc_decode(in->data, in->size, in->content_type, o->max_input_bytes,
                                 o->repair_mojibake ? 0 : DC_DECODE_NO_REPAIR, &ex->scratch,
                                 &dec, err);
    if (st != DECANT_OK)
        return st;
    if (!looks_like_html(dec.text, dec.len))
        return dc_fail(err, DECANT_ERR_NOT_HTML, NULL);

    char *pruned = dc_arena_alloc(&ex->scratch, dec.len + 1);
    if (!pruned)
        return dc_fail(err, DECANT_ERR_NOMEM, NULL);
    dc_prune_stats ps;
    size_t pruned_len = dc_prune_ex(dec.text, dec.len, pruned, &ps,
                                    o->markdown_images ? DC_PRUNE_KEEP_IMAGES : 0);

    const char *html = pruned;
    size_t html_len = pruned_len;
    if (dc_guard_needed(&ps, o->max_depth, o->max_nodes)) {
        st = dc_guard(&html, &html_len, o->max_depth, o->max_nodes, &ex->scratch, NULL);
        if (st != DECANT_OK)
            return dc_fail(err, st, st == DECANT_ERR_LIMIT ? "too many elements" : NULL);
    }
    /* The parser cannot be interrupted: a budget spent on decoding stops here. */
    if (OVER_TIME())
        return dc_fail(err, DECANT_ERR_LIMIT, "time limit reached before parsing");

    dc_dom dom;
    st = dc_parse(ex->parser, html, html_len, &ex->scratch, o->max_depth, o->max_nodes, &dom);
    if (st != DECANT_OK)
        return dc_fail(err, st, st == DECANT_ERR_LIMIT ? "too many nodes" : NULL);
    if (OVER_TIME())
        return dc_fail(err, DECANT_ERR_LIMIT, "time limit reached after parsing");

    decant_article *a = article_new(ex->alloc);
    if (!a)
        return dc_fail(err, DECANT_ERR_NOMEM, NULL);
    memcpy(a->charset, dec.charset, sizeof a->charset);
    a->charset_source = dec.charset_source;
    st = dc_meta_extract(&dom, in->url, a);
    if (st != DECANT_OK)
        goto fail;

    const uint8_t *template_drop = NULL;
    if (sites && !site_evidence(ex, model, &dom, in->url, a, &template_drop)) {
        st = DECANT_ERR_NOMEM;
        goto fail;
    }
    dc_extract_ctx cx = {.dom = &dom,
                         .ar = &ex->scratch,
                         .title = a->field[DECANT_FIELD_TITLE],
                         .authors = a->authors,
                         .author_count = a->author_count,
                         .dated = a->field[DECANT_FIELD_DATE_PUBLISHED] != NULL,
                         .links = o->markdown_links,
                         .images = o->markdown_images,
                         .base = a->field[DECANT_FIELD_URL] ? a->field[DECANT_FIELD_URL] : in->url,
                         .template_drop = template_drop};
    dc_selection sel;
    dc_rendered body;
    if (!find_body(&cx, &sel, &body)) {
        st = DECANT_ERR_NOMEM;
        goto fail;
    }
    const dc_blocks *blocks = &body.blocks;
    if (OVER_TIME()) {
        st = DECANT_ERR_LIMIT;
        goto fail;
    }
    const char *base = a->field[DECANT_FIELD_URL] ? a->field[DECANT_FIELD_URL] : in->url;
    if (!dc_related_collect(&cx, base, a)) {
        st = DECANT_ERR_NOMEM;
        goto fail;
    }
    a->text = dc_blocks_text(blocks, &a->arena, &a->text_len);
    if (!a->text) {
        st = DECANT_ERR_NOMEM;
        goto fail;
    }
    /* The article keeps its blocks: Markdown and HTML are made from them
     * when asked for (decant_article_body). */
    if (!dc_blocks_adopt(blocks, a->text, &a->arena, &a->body)) {
        st = DECANT_ERR_NOMEM;
        goto fail;
    }
    /* The body's own language beats the template's lang attribute. */
    st = dc_meta_language(a, a->text, a->text_len);
    if (st != DECANT_OK)
        goto fail;
    /* What kind of page: from what the phases above found, so it costs
     * little; a failure here is only ever out of memory. */
    dc_pt_page pt = {&cx, blocks, a, in->url};
    if (!dc_pagetype_features(&pt, a->pt_feat)) {
        st = DECANT_ERR_NOMEM;
        goto fail;
    }
    dc_pagetype_classify(&dc_pt_model_default, a->pt_feat, a);
    *out = a;
    /* A page cut short keeps the text that came before the cut: the record
     * carries both, and says which. */
    if (dec.truncated)
        return dc_fail(err, DECANT_ERR_TRUNCATED, "gzip stream cut short");
    if (a->text_len == 0)
        return dc_fail(err, DECANT_ERR_NO_CONTENT, NULL);
    return DECANT_OK;
fail:
    decant_article_free(a);
    return dc_fail(err, st, st == DECANT_ERR_LIMIT ? "time limit reached" : NULL);
#undef OVER_TIME
}

static decant_status extract(decant_extractor *ex, const decant_input *in, decant_article **out,
                             decant_error *err, int sites, const decant_site_model *m)
{
    if (out)
        *out = NULL;
    if (!ex || !in || !out || (!in->data && in->size))
        return dc_fail(err, DECANT_ERR_INVALID, NULL);
    if (in->size == 0)
        return dc_fail(err, DECANT_ERR_EMPTY, NULL);
    decant_status st = run(ex, in, out, err, sites, m);
    dc_arena_reset(&ex->scratch);
    return st;
}

decant_status decant_extract(decant_extractor *ex, const decant_input *in, decant_article **out,
                             decant_error *err)
{
    return extract(ex, in, out, err, 0, NULL);
}

decant_status decant_extract_site(decant_extractor *ex, const decant_site_model *m,
                                  const decant_input *in, decant_article **out, decant_error *err)
{
    return extract(ex, in, out, err, 1, m);
}

decant_status decant_extract_once(const decant_options *opts, const decant_input *in,
                                  decant_article **out, decant_error *err)
{
    decant_extractor *ex = NULL;
    if (out)
        *out = NULL;
    decant_status st = decant_extractor_new(opts, &ex, err);
    if (st != DECANT_OK)
        return st;
    st = decant_extract(ex, in, out, err);
    decant_extractor_free(ex);
    return st;
}

/* ------------------------------------------------------------ accessors */

static const char *const field_names[DECANT_FIELD_COUNT] = {
    [DECANT_FIELD_TITLE] = "title",
    [DECANT_FIELD_DATE_PUBLISHED] = "date_published",
    [DECANT_FIELD_DATE_MODIFIED] = "date_modified",
    [DECANT_FIELD_SITE_NAME] = "site_name",
    [DECANT_FIELD_LANGUAGE] = "language",
    [DECANT_FIELD_URL] = "url",
    [DECANT_FIELD_DESCRIPTION] = "description",
    [DECANT_FIELD_SECTION] = "section",
    [DECANT_FIELD_IMAGE] = "image",
    [DECANT_FIELD_AUTHORS] = "authors",
};

const char *decant_field_name(decant_field f)
{
    return (unsigned)f < DECANT_FIELD_COUNT ? field_names[f] : NULL;
}

const char *decant_article_get(const decant_article *a, decant_field f)
{
    if (!a || (unsigned)f >= DECANT_FIELD_COUNT)
        return NULL;
    return a->field[f];
}

static const char *const page_type_names[DECANT_PAGE_TYPE_COUNT] = {
    [DECANT_PAGE_OTHER] = "other",
    [DECANT_PAGE_ARTICLE] = "article",
    [DECANT_PAGE_LISTING] = "listing",
    [DECANT_PAGE_COLLECTION] = "collection",
    [DECANT_PAGE_FORUM] = "forum",
    [DECANT_PAGE_PRODUCT] = "product",
    [DECANT_PAGE_DOCUMENTATION] = "documentation",
    [DECANT_PAGE_SERVICE] = "service",
};

const char *decant_page_type_name(decant_page_type t)
{
    return (unsigned)t < DECANT_PAGE_TYPE_COUNT ? page_type_names[t] : NULL;
}

decant_page_type decant_article_page_type(const decant_article *a)
{
    return a ? a->page_type : DECANT_PAGE_OTHER;
}

int decant_article_is_article(const decant_article *a)
{
    return a ? a->is_article : 0;
}

const char *decant_article_source(const decant_article *a, decant_field f)
{
    if (!a || (unsigned)f >= DECANT_FIELD_COUNT)
        return NULL;
    return a->source[f];
}

const char *decant_article_charset(const decant_article *a, const char **source)
{
    if (source)
        *source = a && a->charset[0] ? a->charset_source : NULL;
    return a && a->charset[0] ? a->charset : NULL;
}

size_t decant_article_author_count(const decant_article *a)
{
    return a ? a->author_count : 0;
}

const char *decant_article_author(const decant_article *a, size_t i)
{
    return a && i < a->author_count ? a->authors[i] : NULL;
}

size_t decant_article_tag_count(const decant_article *a)
{
    return a ? a->tag_count : 0;
}

const char *decant_article_tag(const decant_article *a, size_t i)
{
    return a && i < a->tag_count ? a->tags[i] : NULL;
}

/*
 * Markdown and HTML are rendered from the article's blocks the first time
 * they are asked for, into the article's arena, and kept: the article is
 * logically const (the body is the same whenever it is rendered), hence
 * the cast.
 */
const char *decant_article_body(const decant_article *a, decant_body_format fmt, size_t *len)
{
    if (!a)
        return NULL;
    decant_article *m = (decant_article *)(uintptr_t)a;
    const char *s = a->text;
    size_t n = a->text_len;
    if (fmt == DECANT_BODY_MARKDOWN) {
        if (!a->markdown)
            m->markdown = dc_blocks_markdown(&a->body, &m->arena, &m->markdown_len);
        s = a->markdown, n = a->markdown_len;
    } else if (fmt == DECANT_BODY_HTML) {
        if (!a->html)
            m->html = dc_blocks_html(&a->body, &m->arena, &m->html_len);
        s = a->html, n = a->html_len;
    }
    if (len)
        *len = s ? n : 0;
    return s;
}

size_t decant_article_related_count(const decant_article *a)
{
    return a ? a->related_count : 0;
}

const decant_link *decant_article_related(const decant_article *a, size_t i)
{
    return a && i < a->related_count ? &a->related[i] : NULL;
}
