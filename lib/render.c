/*
 * render.c — the chosen containers as blocks (render_text.c and
 * render_html.c write them out as text, Markdown or HTML).
 *
 * One iterative walk with enter/leave events (no recursion: depth is
 * attacker-controlled).  Block elements end the current block; inline text is
 * gathered with whitespace collapsed, except inside <pre>.  Table cells are
 * joined into one row block; list items remember their nesting depth.
 */
#include <string.h>

#include "extract.h"
#include "fetch.h"
#include "text.h"

typedef struct ctx_frame {
    uint8_t kind, level, ordered;
} ctx_frame;

#define SEEN_SLOTS 1024
/* Links and images kept per block; more are left as plain text. */
#define SPAN_SLOTS 64

typedef struct render {
    const dc_extract_ctx *cx;
    dc_rendered *res;     /* what the walk gives: blocks, related boxes */
    dc_blocks *out;       /* &res->blocks */
    dc_sbuf buf;          /* the block being gathered */
    int pending_space;
    int pre;              /* inside <pre> */
    uint32_t row;         /* the <tr> being joined into one row, or 0 */
    int cells;            /* cells seen in the row */
    int list_depth;
    int seen_paragraph;
    size_t root_first;       /* first block of the current root */
    uint32_t *seen;          /* hashes of emitted blocks (seen_before) */
    uint32_t related_parent; /* after a "Related" heading: its parent */
    int related_strict;      /* ... a label paragraph: only link-dense blocks go */
    int in_link;          /* inside an <a> */
    uint32_t link_bytes;  /* the block's visible bytes inside links */
    int links;            /* links with text in the block */
    ctx_frame stack[32];
    int depth;            /* frames used (capped; deeper frames are ignored) */
    int oom;
    /* Links and images of the block being gathered (cx->links / images). */
    dc_span spans[SPAN_SLOTS];
    uint32_t nspans;
    uint32_t md_link;     /* the <a> whose span is open, or 0 */
    uint32_t md_link_start; /* where its text starts in buf */
    const char *md_link_url;
} render;

static int push_block(render *r, const dc_block *b)
{
    dc_blocks *o = r->out;
    if (!dc_arena_grow_array(r->cx->ar, (void **)&o->items, &o->cap, o->count, sizeof *o->items, 64))
        return 0;
    o->items[o->count++] = *b;
    return 1;
}

static const ctx_frame *top(const render *r)
{
    static const ctx_frame para = {DC_BLOCK_PARAGRAPH, 0, 0};
    int d = r->depth < 32 ? r->depth : 32;
    return d ? &r->stack[d - 1] : &para;
}

/* Has a block with exactly this text been emitted already?  Hashes of
 * emitted blocks sit in a small open-addressing table. */
static int seen_before(render *r, const char *s, size_t n)
{
    uint32_t h = dc_fnv1a(s, n) | 1; /* 0 marks an empty slot */
    for (uint32_t k = 0; k < SEEN_SLOTS; k++) {
        uint32_t *slot = &r->seen[(h + k) & (SEEN_SLOTS - 1)];
        if (*slot == h)
            return 1;
        if (*slot == 0) {
            *slot = h;
            return 0;
        }
    }
    return 0; /* table full: say nothing */
}

/* A short line naming an author of the page: its byline ("Lucía Herrera
 * Gallardo · 2 de julio de 2024"), which metadata already carries. */
static int byline_line(const render *r, const char *s, size_t n)
{
    if (n > 120 || !r->cx->author_count)
        return 0;
    for (size_t k = 0; k < r->cx->author_count; k++) {
        const char *a = r->cx->authors[k];
        size_t al = strlen(a);
        if (al < 4 || al > n)
            continue;
        for (size_t i = 0; i + al <= n; i++)
            if (s[i] == a[0] && memcmp(s + i, a, al) == 0)
                return n - al < 70;
    }
    return 0;
}

/*
 * Is the line only format characters: zero-width spaces and joiners
 * (U+200B-U+200F), the word joiner (U+2060), BOMs (U+FEFF) and soft
 * hyphens?  Page builders fill empty paragraphs with "&zwj;" to keep them
 * open; they carry nothing.
 */
static int invisible(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] == ' ' || u[i] == '\n') {
            i++;
        } else if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] >= 0x8B && u[i + 2] <= 0x8F) {
            i += 3;
        } else if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x81 && u[i + 2] == 0xA0) {
            i += 3;
        } else if (i + 2 < n && u[i] == 0xEF && u[i + 1] == 0xBB && u[i + 2] == 0xBF) {
            i += 3;
        } else if (i + 1 < n && u[i] == 0xC2 && u[i + 1] == 0xAD) {
            i += 2;
        } else {
            return 0;
        }
    }
    return 1;
}

/*
 * Is the block a line of links and nothing else ("Print | Send to a friend
 * | Comments (12)", "Tags: a, b, c" as links, a pager "1 2 3 Next")?  Two
 * links or more, and all its letters inside them: the bar at a story's
 * edge, whatever its language.  One link alone may be the story's own
 * ("Source: the council's report").
 */
static int link_line(const render *r, const char *s, size_t n)
{
    /* On a page kept whole (a listing, a landing page) such lines are
     * often its content: its categories, its tags. */
    if (r->links < 2 || r->cx->sel->lenient)
        return 0;
    uint32_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        letters += c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    }
    return r->link_bytes * 10 >= letters * 9;
}

/* Ends the current block, if it has any text. */
static void add_span(render *r, uint32_t start, uint32_t end, const char *url, const char *alt)
{
    if (r->nspans < SPAN_SLOTS && url)
        r->spans[r->nspans++] = (dc_span){start, end, url, alt};
}

/* The spans of the block being flushed: a link still open is cut at the
 * block's end (and goes on in the next); those that fall outside `len`
 * (trailing blanks) are clamped; images, whose position is what counts,
 * sort before a link starting at the same place. */
static const dc_span *take_spans(render *r, size_t len, uint32_t *count)
{
    if (r->md_link && r->md_link_start < len)
        add_span(r, r->md_link_start, (uint32_t)len, r->md_link_url, NULL);
    r->md_link_start = 0;
    *count = 0;
    if (!r->nspans)
        return NULL;
    dc_span *out = dc_arena_alloc(r->cx->ar, r->nspans * sizeof *out);
    if (!out) {
        r->oom = 1;
        return NULL;
    }
    uint32_t n = 0;
    for (uint32_t i = 0; i < r->nspans; i++) {
        dc_span sp = r->spans[i];
        if (sp.start > len && !sp.alt)
            continue;
        if (sp.start > len)
            sp.start = (uint32_t)len;
        if (sp.end < sp.start || sp.end > len)
            sp.end = sp.alt ? sp.start : (uint32_t)len;
        uint32_t k = n++;
        while (k > 0 && (out[k - 1].start > sp.start || (out[k - 1].start == sp.start && !out[k - 1].alt && sp.alt))) {
            out[k] = out[k - 1];
            k--;
        }
        out[k] = sp;
    }
    r->nspans = 0;
    *count = n;
    return out;
}

/* A block with no text drops its links; its images go on to the next
 * block, at its start (an image, then its caption). */
static void keep_images_only(render *r)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < r->nspans; i++)
        if (r->spans[i].alt) {
            r->spans[n] = r->spans[i];
            r->spans[n].start = r->spans[n].end = 0;
            n++;
        }
    r->nspans = n;
    r->md_link_start = 0;
}

static void flush(render *r, uint32_t node, int kind_override)
{
    size_t len = r->buf.len;
    while (len && (r->buf.data[len - 1] == ' ' || r->buf.data[len - 1] == '\n'))
        len--;
    r->pending_space = 0;
    int links_only = link_line(r, r->buf.data, len);
    r->link_bytes = 0;
    r->links = 0;
    if (len == 0 || r->buf.failed || invisible(r->buf.data, len)) {
        r->buf.len = 0;
        r->oom |= r->buf.failed;
        keep_images_only(r);
        return;
    }
    const ctx_frame *f = top(r);
    dc_block b = {0};
    b.kind = (uint8_t)(kind_override >= 0 ? kind_override : f->kind);
    if (b.kind != DC_BLOCK_PRE && b.kind != DC_BLOCK_TABLE_ROW &&
        (b.kind == DC_BLOCK_PARAGRAPH
             ? links_only || dc_is_boilerplate_line(r->buf.data, len) || byline_line(r, r->buf.data, len) ||
                   (len <= 60 && dc_is_related_heading(r->buf.data, len))
             : dc_is_cta_line(r->buf.data, len))) {
        r->buf.len = 0;
        r->nspans = r->md_link_start = 0;
        return;
    }
    if (len >= 20 && r->cx->sel->lenient && seen_before(r, r->buf.data, len)) {
        /* With no article chosen the page is teasers and boxes, and a block
         * seen before is one of them shown again (galleries and sliders
         * repeat captions and teasers verbatim).  Inside an article a
         * repeat is the author's: see drop_cloned_runs. */
        r->buf.len = 0;
        r->nspans = r->md_link_start = 0;
        return;
    }
    b.level = f->level;
    b.ordered = f->ordered;
    b.node = node;
    b.text = dc_arena_strndup(r->cx->ar, r->buf.data, len);
    b.len = (uint32_t)len;
    if (b.kind != DC_BLOCK_PRE)
        b.spans = take_spans(r, len, &b.nspans);
    r->nspans = r->md_link_start = 0;
    r->buf.len = 0;
    if (!b.text || !push_block(r, &b)) {
        r->oom = 1;
        return;
    }
    if (b.kind == DC_BLOCK_PARAGRAPH)
        r->seen_paragraph = 1;
}

static void push_frame(render *r, uint8_t kind, uint8_t level, uint8_t ordered)
{
    if (r->depth < 32)
        r->stack[r->depth] = (ctx_frame){kind, level, ordered};
    r->depth++;
}

/* The bytes that may start what append_text() reads as a space: ASCII
 * white space, and the leads of NBSP and of the ideographic space. */
static const uint8_t may_start_space[256] = {
    [' '] = 1, ['\n'] = 1, ['\t'] = 1, ['\r'] = 1, ['\f'] = 1, [0xC2] = 1, [0xE3] = 1,
};

static void append_text(render *r, const dc_node *n)
{
    const unsigned char *s = (const unsigned char *)n->text;
    if (r->pre) {
        dc_sbuf_put(&r->buf, n->text, n->text_len);
        return;
    }
    for (uint32_t k = 0; k < n->text_len; k++) {
        /* A run of bytes that cannot start a space goes in one copy: the
         * body's every byte comes through here. */
        uint32_t e = k;
        while (e < n->text_len && !may_start_space[s[e]])
            e++;
        if (e > k) {
            if (r->pending_space && r->buf.len && r->buf.data[r->buf.len - 1] != '\n')
                dc_sbuf_putc(&r->buf, ' ');
            r->pending_space = 0;
            dc_sbuf_put(&r->buf, (const char *)s + k, e - k);
            if (r->in_link > 0)
                r->link_bytes += e - k;
            k = e - 1;
            continue;
        }
        unsigned char c = s[k];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            r->pending_space = 1;
            continue;
        }
        if (c == 0xC2 && k + 1 < n->text_len && s[k + 1] == 0xA0) {
            r->pending_space = 1;
            k++;
            continue;
        }
        /* The ideographic space: CJK pages indent paragraphs with two. */
        if (c == 0xE3 && k + 2 < n->text_len && s[k + 1] == 0x80 && s[k + 2] == 0x80) {
            r->pending_space = 1;
            k += 2;
            continue;
        }
        if (r->pending_space && r->buf.len && r->buf.data[r->buf.len - 1] != '\n')
            dc_sbuf_putc(&r->buf, ' ');
        r->pending_space = 0;
        dc_sbuf_putc(&r->buf, (char)c);
        r->link_bytes += r->in_link > 0;
    }
}

/* The headline repeats the title field: keep it out of the body. */
static int is_headline(render *r, uint32_t i)
{
    const dc_node *n = &r->cx->dom->nodes[i];
    const char *title = r->cx->title;
    if (!title)
        return !r->seen_paragraph && n->tag == DC_TAG_H1;
    if (r->cx->st[i].chars > 400)
        return 0;
    dc_sbuf b;
    dc_sbuf_init(&b, r->cx->ar, 256);
    const char *t = dc_text_content(r->cx->dom, i, &b);
    if (t && dc_same_words(t, title)) {
        /* What came before the headline in the article is its kicker or
         * breadcrumb ("Transport", "News > Local"): header, not body. */
        size_t before = r->buf.len; /* inline text not yet a block */
        for (size_t k = r->root_first; k < r->out->count; k++)
            before += r->out->items[k].len;
        if (before < 200) {
            r->out->count = r->root_first;
            r->buf.len = 0;
            r->pending_space = 0;
        }
        return 1;
    }
    return !r->seen_paragraph && n->tag == DC_TAG_H1;
}
/* A "Related articles" heading: drop it, and the link lists after it. */
static int related_heading(render *r, uint32_t i)
{
    const dc_stats *s = &r->cx->st[i];
    if (s->chars > 80)
        return 0;
    dc_sbuf b;
    dc_sbuf_init(&b, r->cx->ar, 128);
    const char *t = dc_text_content(r->cx->dom, i, &b);
    return t && dc_is_related_heading(t, b.len);
}

static int link_dense(const dc_stats *s)
{
    return s->chars && (float)s->link > 0.8f * (float)s->chars;
}

/*
 * "You may also like..." as a paragraph of its own, after the story,
 * followed by paragraphs that are each one link: a teaser run set in the
 * body's own markup.  Only the link-dense blocks after it go with it
 * (related_strict); the prose or plain list after a label that happens to
 * start like one ("You might want to:", "Popular dishes:") is not touched.
 * (scrapinghub F1 +0.0006, wcxb-dev unchanged page by page.)
 */
static int related_label(render *r, uint32_t i)
{
    const dc_dom *d = r->cx->dom;
    const dc_stats *s = &r->cx->st[i];
    if (!r->seen_paragraph || s->chars > 40 || s->link)
        return 0;
    uint32_t next = d->nodes[i].next;
    while (next && !dc_is_element(&d->nodes[next]))
        next = d->nodes[next].next;
    return next && link_dense(&r->cx->st[next]) && related_heading(r, i);
}

/* Inside a box announced by a related heading, lists of links are the box. */
static int in_related_box(const render *r, uint32_t i)
{
    const dc_node *n = &r->cx->dom->nodes[i];
    if (!r->related_parent || n->parent != r->related_parent)
        return 0;
    const dc_stats *s = &r->cx->st[i];
    if (r->related_strict)
        return link_dense(s);
    return n->tag == DC_TAG_UL || n->tag == DC_TAG_OL ||
           (s->chars && (float)s->link > 0.3f * (float)s->chars);
}

/* Notes a related box found inside the body, for related.c; 0 on OOM. */
static int note_box(render *r, uint32_t i)
{
    dc_rendered *res = r->res;
    if (!dc_arena_grow_array(r->cx->ar, (void **)&res->boxes, &res->boxes_cap, res->nboxes,
                             sizeof *res->boxes, 16))
        return 0;
    res->boxes[res->nboxes++] = i;
    return 1;
}

/* href as an absolute URL in the scratch arena: resolved as browsers do
 * (libcurl's resolver: dot segments, escapes) against the page's address,
 * its fragment kept; NULL for a link to nowhere (a fragment of this page,
 * javascript:, mailto:).  Without an http(s) address, relative stays
 * relative. */
static const char *absolute(render *r, const char *href)
{
    while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r')
        href++;
    if (!*href || *href == '#')
        return NULL;
    const char *base = r->cx->base;
    if (!base || (strncmp(base, "http://", 7) != 0 && strncmp(base, "https://", 8) != 0))
        return dc_link_resolve(r->cx->ar, base, href);
    const char *hash = strchr(href, '#');
    size_t hl = hash ? (size_t)(hash - href) : strlen(href);
    char *part = dc_arena_strndup(r->cx->ar, href, hl);
    char *u = part ? dc_url_resolve_in(r->cx->ar, base, part) : NULL;
    if (!u)
        return NULL;
    size_t ul = strlen(u), fl = hash ? strlen(hash) : 0;
    char *out = dc_arena_alloc(r->cx->ar, ul + fl + 1);
    if (out) {
        memcpy(out, u, ul);
        memcpy(out + ul, hash ? hash : "", fl + 1);
    }
    return out;
}

static void open_link(render *r, uint32_t i)
{
    const char *href = dc_attr_get(r->cx->dom, i, "href", NULL);
    const char *url = href ? absolute(r, href) : NULL;
    if (!url)
        return;
    r->md_link = i;
    r->md_link_start = (uint32_t)r->buf.len;
    r->md_link_url = url;
}

static void close_link(render *r)
{
    if (r->buf.len > r->md_link_start)
        add_span(r, r->md_link_start, (uint32_t)r->buf.len, r->md_link_url, NULL);
    r->md_link = 0;
}

/* An image where it stands in the text; lazy-loading pages keep the real
 * address in data-src. */
static void keep_image(render *r, uint32_t i)
{
    const dc_dom *d = r->cx->dom;
    const char *src = dc_attr_get(d, i, "data-src", NULL);
    if (!src || !*src)
        src = dc_attr_get(d, i, "src", NULL);
    if (!src || !*src || strncmp(src, "data:", 5) == 0)
        return;
    const char *url = absolute(r, src);
    const char *alt = dc_attr_get(d, i, "alt", NULL);
    /* After the blank still pending, if it comes: the text is not touched,
     * so the text and HTML bodies stay what they are without images. */
    uint32_t at = (uint32_t)r->buf.len + (r->pending_space && r->buf.len ? 1u : 0u);
    add_span(r, at, at, url, alt ? alt : "");
}

/* Returns 1 if i's children should be visited. */
static int enter(render *r, uint32_t i, uint32_t root)
{
    const dc_node *n = &r->cx->dom->nodes[i];
    if (n->tag == DC_TAG_TEXT) {
        append_text(r, n);
        return 0;
    }
    if (!dc_is_element(n) || r->cx->st[i].dropped)
        return 0;
    if (i != root && dc_skip_conditional(r->cx, i))
        return 0;
    if (i != root && in_related_box(r, i)) {
        r->oom |= !note_box(r, i); /* its links are the page's related links (related.c) */
        return 0;
    }
    dc_tag t = (dc_tag)n->tag;
    if (r->row) {
        if (t == DC_TAG_TD || t == DC_TAG_TH) {
            if (r->cells++)
                dc_sbuf_put(&r->buf, " | ", 3);
            r->pending_space = 0;
        } else if (dc_tag_is_block(t)) {
            r->pending_space = 1;
        }
        return 1;
    }
    switch (t) {
    case DC_TAG_H1: case DC_TAG_H2: case DC_TAG_H3: case DC_TAG_H4: case DC_TAG_H5: case DC_TAG_H6:
        if (is_headline(r, i))
            return 0;
        if (t != DC_TAG_H1 && related_heading(r, i)) {
            r->related_parent = n->parent;
            r->related_strict = 0;
            return 0;
        }
        if (r->related_parent == n->parent)
            r->related_parent = 0;
        flush(r, i, -1);
        push_frame(r, DC_BLOCK_HEADING, (uint8_t)(t - DC_TAG_H1 + 1), 0);
        break;
    case DC_TAG_UL: case DC_TAG_OL: case DC_TAG_MENU:
        flush(r, i, -1);
        r->list_depth++;
        push_frame(r, top(r)->kind, top(r)->level, t == DC_TAG_OL);
        break;
    case DC_TAG_LI:
        flush(r, i, -1);
        push_frame(r, DC_BLOCK_LIST_ITEM, (uint8_t)(r->list_depth ? r->list_depth : 1),
                   top(r)->ordered);
        break;
    case DC_TAG_BLOCKQUOTE:
        flush(r, i, -1);
        push_frame(r, DC_BLOCK_QUOTE, 0, 0);
        break;
    case DC_TAG_PRE:
        flush(r, i, -1);
        push_frame(r, DC_BLOCK_PRE, 0, 0);
        r->pre++;
        break;
    case DC_TAG_FIGCAPTION: case DC_TAG_CAPTION:
        flush(r, i, -1);
        push_frame(r, DC_BLOCK_CAPTION, 0, 0);
        break;
    case DC_TAG_TR:
        flush(r, i, -1);
        r->row = i;
        r->cells = 0;
        break;
    case DC_TAG_BR:
        if (r->pre)
            dc_sbuf_putc(&r->buf, '\n');
        else if (r->buf.len && r->buf.data[r->buf.len - 1] != '\n')
            dc_sbuf_putc(&r->buf, '\n');
        r->pending_space = 0;
        return 0;
    default:
        if (t == DC_TAG_P && related_label(r, i)) {
            r->related_parent = n->parent;
            r->related_strict = 1;
            return 0;
        }
        if (dc_tag_is_block(t))
            flush(r, i, -1);
        else if (t == DC_TAG_IMG) {
            if (r->cx->images && !r->pre)
                keep_image(r, i);
            return 0;
        }
        if (t == DC_TAG_A) {
            r->in_link++;
            r->links += r->cx->st[i].chars > 0;
            if (r->cx->links && !r->md_link && !r->pre)
                open_link(r, i);
        }
        return 1;
    }
    return 1;
}

/* Leaves node i; `opened` says that enter() opened it (returned 1). */
static void leave(render *r, uint32_t i, int opened)
{
    const dc_node *n = &r->cx->dom->nodes[i];
    if (i == r->related_parent)
        r->related_parent = 0;
    if (!opened)
        return;
    if (i == r->md_link)
        close_link(r);
    dc_tag t = (dc_tag)n->tag;
    /* Only the row's own <tr> ends it: a nested table's rows were entered as
     * plain cells content and pushed no frames, so ending the row at them
     * would pop frames that their ancestors never pushed. */
    if (t == DC_TAG_TR && r->row == i) {
        flush(r, i, DC_BLOCK_TABLE_ROW);
        r->row = 0;
        return;
    }
    if (r->row)
        return;
    switch (t) {
    case DC_TAG_H1: case DC_TAG_H2: case DC_TAG_H3: case DC_TAG_H4: case DC_TAG_H5: case DC_TAG_H6:
    case DC_TAG_LI: case DC_TAG_BLOCKQUOTE: case DC_TAG_FIGCAPTION: case DC_TAG_CAPTION:
        flush(r, i, -1);
        r->depth--;
        break;
    case DC_TAG_PRE:
        flush(r, i, -1);
        r->depth--;
        r->pre--;
        break;
    case DC_TAG_UL: case DC_TAG_OL: case DC_TAG_MENU:
        flush(r, i, -1);
        r->depth--;
        r->list_depth--;
        break;
    default:
        if (dc_tag_is_block(t))
            flush(r, i, -1);
        else if (t == DC_TAG_A && r->in_link)
            r->in_link--;
        break;
    }
}

static void walk(render *r, uint32_t root)
{
    const dc_dom *d = r->cx->dom;
    uint32_t i = root;
    for (;;) {
        int opened = enter(r, i, root);
        if (opened && d->nodes[i].first_child) {
            i = d->nodes[i].first_child;
            continue;
        }
        for (;;) {
            leave(r, i, opened);
            if (i == root)
                return;
            if (d->nodes[i].next) {
                i = d->nodes[i].next;
                break;
            }
            i = d->nodes[i].parent;
            opened = 1; /* the walk only went down into opened elements */
        }
    }
}

/* Renders root's kept subtree into res's blocks; 0 on OOM. */
static int render_root(const dc_extract_ctx *cx, dc_rendered *res, uint32_t *seen, uint32_t root)
{
    render r;
    memset(&r, 0, sizeof r);
    r.cx = cx;
    r.res = res;
    r.out = &res->blocks;
    r.root_first = res->blocks.count;
    r.seen = seen;
    dc_sbuf_init(&r.buf, cx->ar, 4096);
    if (r.buf.failed)
        return 0;
    walk(&r, root);
    flush(&r, root, -1);
    return !r.oom;
}

/* Blocks a cloned section must span, and must hold two texts in. */
#define CLONE_MIN_RUN 3

static int same_block(const dc_block *a, const dc_block *b)
{
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* Is the block mostly the text of links ("Compare deals at ...")? */
static int mostly_links(const dc_extract_ctx *cx, const dc_block *b)
{
    const dc_stats *st = &cx->st[b->node];
    return st->chars && st->link * 2 > st->chars;
}

/*
 * Inside the chosen article, text is never dropped for being repeated: a
 * refrain, a quotation given twice, identical example lines are the
 * author's.  What is dropped is a cloned section: a run of CLONE_MIN_RUN
 * blocks or more, not all alike, that repeats an earlier run in the same
 * order (the article printed twice for a hidden mobile copy or a print
 * view, a slider's cloned slides); and a quotation of text the article
 * already gave (a reply quoting a post, a pull quote).  Each block is compared
 * with the last earlier block of the same text only, so the pass stays
 * linear in the blocks times the run's length.  Returns 0 on OOM.
 */
static int drop_cloned_runs(const dc_extract_ctx *cx, dc_blocks *out, size_t from)
{
    size_t n = out->count - from;
    if (n < 2 * CLONE_MIN_RUN)
        return 1;
    dc_block *b = out->items + from;
    /* last[j]: the latest block before j with the same text, or SIZE_MAX */
    size_t slots = 16;
    while (slots < 2 * n)
        slots *= 2;
    size_t *table = dc_arena_alloc(cx->ar, slots * sizeof *table);
    size_t *last = dc_arena_alloc(cx->ar, n * sizeof *last);
    unsigned char *drop = dc_arena_alloc(cx->ar, n);
    if (!table || !last || !drop)
        return 0;
    memset(table, 0xFF, slots * sizeof *table);
    memset(drop, 0, n);
    for (size_t j = 0; j < n; j++) {
        size_t h = (size_t)dc_hash_bytes(b[j].text, b[j].len) & (slots - 1);
        while (table[h] != SIZE_MAX && !same_block(&b[table[h]], &b[j]))
            h = (h + 1) & (slots - 1);
        last[j] = table[h];
        table[h] = j;
    }
    for (size_t j = 1; j < n;) {
        size_t i = last[j];
        if (i == SIZE_MAX) {
            j++;
            continue;
        }
        size_t d = j - i, len = 0;
        int varied = 0;
        while (len < d && j + len < n && same_block(&b[j + len], &b[i + len])) {
            varied |= len && !same_block(&b[j + len], &b[j]);
            len++;
        }
        if (len >= CLONE_MIN_RUN && varied) {
            memset(drop + j, 1, len);
            j += len;
            continue;
        }
        drop[j] = b[j].kind == DC_BLOCK_QUOTE || (b[j].len >= 20 && mostly_links(cx, &b[j]));
        j++;
    }
    size_t kept = 0;
    for (size_t j = 0; j < n; j++)
        if (!drop[j])
            b[kept++] = b[j];
    out->count = from + kept;
    return 1;
}

int dc_render(const dc_extract_ctx *cx, dc_rendered *out)
{
    uint32_t *seen = dc_arena_alloc(cx->ar, sizeof(uint32_t) * SEEN_SLOTS);
    if (!seen)
        return 0;
    memset(seen, 0, sizeof(uint32_t) * SEEN_SLOTS);
    const dc_selection *sel = cx->sel;
    for (uint32_t k = 0; k < sel->nroots; k++)
        if (!render_root(cx, out, seen, sel->roots[k]))
            return 0;
    return sel->lenient || drop_cloned_runs(cx, &out->blocks, 0);
}
