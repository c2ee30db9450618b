/*
 * select.c — choosing the article's container and what to keep inside it.
 *
 * The best-scored container is adjusted the way Readability learned to:
 * climb when its ancestors gather several strong candidates (articles split
 * into many blocks) or score better themselves, then add siblings that score
 * well or read as paragraphs.  Inside, containers that look like furniture
 * by their statistics (link lists, tiny fragments) are skipped at render.
 */
#include "extract.h"
#include "text.h"
#include "vocab.h"

static float final_score(const dc_stats *s)
{
    if (!s->scored)
        return 0;
    float ld = s->chars ? (float)s->link / (float)s->chars : 0;
    return s->score * (1.0f - ld);
}

static int is_ancestor(const dc_dom *d, uint32_t anc, uint32_t i)
{
    while (i && d->nodes[i].depth > d->nodes[anc].depth)
        i = d->nodes[i].parent;
    return i == anc;
}

static int element_children(const dc_extract_ctx *cx, uint32_t i)
{
    const dc_dom *d = cx->dom;
    int k = 0;
    for (uint32_t c = d->nodes[i].first_child; c; c = d->nodes[c].next) {
        const dc_node *n = &d->nodes[c];
        if (dc_is_element(n) && !cx->st[c].dropped)
            k++;
        else if (n->tag == DC_TAG_TEXT && n->text_len > 0) {
            for (uint32_t t = 0; t < n->text_len; t++)
                if ((unsigned char)n->text[t] > ' ')
                    return 99; /* loose text: not a mere wrapper */
        }
    }
    return k;
}

static uint32_t best_candidate(const dc_extract_ctx *cx, uint32_t top5[5])
{
    const dc_dom *d = cx->dom;
    float best[5] = {0};
    for (int k = 0; k < 5; k++)
        top5[k] = 0;
    for (uint32_t i = 1; i < d->count; i++) {
        float f = final_score(&cx->st[i]);
        if (f <= 0)
            continue;
        for (int k = 0; k < 5; k++) {
            if (f > best[k]) {
                for (int m = 4; m > k; m--) {
                    best[m] = best[m - 1];
                    top5[m] = top5[m - 1];
                }
                best[k] = f;
                top5[k] = i;
                break;
            }
        }
    }
    return top5[0];
}

/*
 * Is candidate c another part of the article that `top` is one part of?
 * Parts of one split article are of comparable size (a column of short
 * teasers scores high only through its class names), are not named as
 * furniture, and are not top's own wrappers.  Their scores vary more than
 * their sizes: a review's "top pick" section outscores its "competition"
 * one.  (Score ratio 0.75 -> 0.4: wcxb-dev F1 +0.0027 with less boilerplate
 * kept, scrapinghub +0.0008; anywhere from 0.5 down to 0 is within 0.0006.)
 */
static int split_part(const dc_extract_ctx *cx, uint32_t top, uint32_t c)
{
    const dc_dom *d = cx->dom;
    return c && final_score(&cx->st[c]) >= final_score(&cx->st[top]) * 0.4f &&
           cx->st[c].chars * 4 >= cx->st[top].chars && !(cx->mark[c].flags & DC_F_CAND_DROP) &&
           !is_ancestor(d, c, top);
}

/* Several strong candidates under one ancestor: the article is split. */
static uint32_t climb_shared(const dc_extract_ctx *cx, uint32_t top, const uint32_t top5[5])
{
    const dc_dom *d = cx->dom;
    for (uint32_t a = d->nodes[top].parent; a && a != d->body; a = d->nodes[a].parent) {
        int n = 0;
        for (int k = 1; k < 5; k++)
            if (split_part(cx, top, top5[k]) && is_ancestor(d, a, top5[k]))
                n++;
        if (n >= 2)
            return a;
    }
    return top;
}

static uint32_t climb_scores(const dc_extract_ctx *cx, uint32_t top)
{
    const dc_dom *d = cx->dom;
    float last = cx->st[top].score, threshold = last / 3;
    for (uint32_t p = d->nodes[top].parent; p && p != d->body; p = d->nodes[p].parent) {
        /* A layout table's row gathers the votes of all its columns (the
         * menu, the story, the teasers beside it): the story's column does
         * not climb into it; columns that belong join as siblings. */
        if (d->nodes[p].tag == DC_TAG_TR)
            break;
        const dc_stats *s = &cx->st[p];
        if (!s->scored)
            continue;
        if (s->score < threshold)
            break;
        if (s->score > last)
            return p;
        last = s->score;
    }
    return top;
}

static int same_class(const dc_dom *d, uint32_t a, uint32_t b)
{
    size_t la = 0, lb = 0;
    const char *ca = dc_attr_get(d, a, "class", &la), *cb = dc_attr_get(d, b, "class", &lb);
    return ca && cb && la && la == lb && memcmp(ca, cb, la) == 0;
}

static int sibling_belongs(const dc_extract_ctx *cx, uint32_t top, uint32_t s)
{
    const dc_dom *d = cx->dom;
    const dc_node *n = &d->nodes[s];
    const dc_stats *st = &cx->st[s];
    if (!dc_is_element(n) || st->dropped || st->chars == 0)
        return 0;
    float ts = final_score(&cx->st[top]);
    float threshold = ts * 0.2f > 10 ? ts * 0.2f : 10;
    float bonus = same_class(d, top, s) ? ts * 0.2f : 0;
    if (st->scored && final_score(st) + bonus >= threshold)
        return 1;
    if (n->tag == DC_TAG_P) {
        float ld = (float)st->link / (float)st->chars;
        if (st->chars > 70 && ld < 0.25f)
            return 1;
        if (st->chars > 0 && ld == 0 && st->commas > 0)
            return 1;
    }
    return 0;
}

/* The text element i shows: dc_text_content() without what the page hides
 * inline (a "<span style=display:none>. </span>" inside a headline), as
 * the title reads it (meta.c). */
static const char *shown_text(const dc_extract_ctx *cx, uint32_t i, dc_sbuf *b)
{
    const dc_dom *d = cx->dom;
    for (uint32_t k = i; k;) {
        const dc_node *n = &d->nodes[k];
        const char *style = dc_is_element(n) ? dc_attr_get(d, k, "style", NULL) : NULL;
        if (n->tag == DC_TAG_SCRIPT || n->tag == DC_TAG_STYLE || n->tag == DC_TAG_TEMPLATE ||
            n->tag == DC_TAG_COMMENT || n->tag == DC_TAG_NOSCRIPT ||
            (k != i && ((style && dc_style_hides(style)) || (dc_is_element(n) && dc_attr_get(d, k, "hidden", NULL))))) {
            k = dc_skip_in(d, k, i);
            continue;
        }
        if (n->tag == DC_TAG_TEXT) {
            for (uint32_t c = 0; c < n->text_len; c++) {
                if ((unsigned char)n->text[c] == 0xC2 && c + 1 < n->text_len && (unsigned char)n->text[c + 1] == 0xA0)
                    c++, dc_sbuf_putc(b, ' '); /* NBSP: a space, as in dc_text_content() */
                else
                    dc_sbuf_putc(b, n->text[c]);
            }
            dc_sbuf_putc(b, ' ');
        }
        k = dc_next_in(d, k, i);
    }
    return dc_sbuf_finish(b);
}

/* Is element i the headline: a short element whose text is the title? */
static int headline_at(const dc_extract_ctx *cx, uint32_t i)
{
    const dc_node *n = &cx->dom->nodes[i];
    if (!cx->title || !dc_is_element(n) || cx->st[i].chars == 0 || cx->st[i].chars > 400)
        return 0;
    dc_sbuf b;
    dc_sbuf_init(&b, cx->ar, 256);
    const char *t = shown_text(cx, i, &b);
    return t && dc_same_words(t, cx->title);
}

/*
 * A block between the headline and the story's container: the standfirst
 * or lead ("<h2 class=entradilla>"), set apart from the body's paragraphs
 * by the template.  Prose, not a link list, a byline or a kicker.
 */
static int lead_between(const dc_extract_ctx *cx, uint32_t s)
{
    const dc_node *n = &cx->dom->nodes[s];
    const dc_stats *st = &cx->st[s];
    if (!dc_is_element(n) || st->dropped || (cx->mark[s].flags & (DC_F_CAND_DROP | DC_F_BYLINE)) ||
        cx->mark[s].weight < 0)
        return 0;
    switch (n->tag) {
    case DC_TAG_P: case DC_TAG_DIV: case DC_TAG_H2: case DC_TAG_H3: case DC_TAG_H4: case DC_TAG_H5:
    case DC_TAG_H6: case DC_TAG_SPAN: case DC_TAG_STRONG: case DC_TAG_B: case DC_TAG_BLOCKQUOTE:
        break;
    default:
        return 0;
    }
    return st->chars >= 60 && (float)st->link < 0.25f * (float)st->chars;
}

#ifdef DC_DEBUG
#include <stdio.h>
static void debug_node(const dc_extract_ctx *cx, const char *what, uint32_t i)
{
    const dc_dom *d = cx->dom;
    const dc_stats *s = &cx->st[i];
    const char *c = dc_attr_get(d, i, "class", NULL), *id = dc_attr_get(d, i, "id", NULL);
    fprintf(stderr, "%s: %u <%s class=%.60s id=%.30s> chars=%u link=%u p=%u score=%.1f final=%.1f w=%d fl=%x\n",
            what, i, dc_tag_name(d, i), c ? c : "", id ? id : "", s->chars, s->link, s->p, s->score,
            final_score(s), cx->mark[i].weight, cx->mark[i].flags | (s->dropped ? DC_F_DROP : 0));
}
#define DEBUG_NODE(w, i) debug_node(cx, w, i)
#include <stdlib.h>
#include <string.h>
/* DC_DUMP_DROPS=1: one tab-separated line per dropped subtree (DROP, its
 * flags in hex) or block skipped at render (SKIP, the rule's number): tag,
 * code, class, id, inline-hidden, text.  For measuring which rule drops what. */
static void dump_line(const dc_extract_ctx *cx, const char *what, uint32_t i, unsigned code, int hex)
{
    const dc_dom *d = cx->dom;
    dc_sbuf b;
    dc_sbuf_init(&b, cx->ar, 256);
    const char *t = dc_text_content(d, i, &b);
    if (!t || !b.len)
        return;
    const char *c = dc_attr_get(d, i, "class", NULL), *id = dc_attr_get(d, i, "id", NULL);
    int hidden = dc_attr_get(d, i, "style", NULL) || dc_attr_get(d, i, "hidden", NULL);
    fprintf(stderr, hex ? "%s\t%s\t%x\t%s\t%s\t%d\t" : "%s\t%s\t%u\t%s\t%s\t%d\t", what, dc_tag_name(d, i),
            code, c ? c : "", id ? id : "", hidden);
    for (size_t k = 0; k < b.len; k++)
        fputc(t[k] == '\n' || t[k] == '\t' ? ' ' : t[k], stderr);
    fputc('\n', stderr);
}

static void debug_drops(const dc_extract_ctx *cx)
{
    if (!getenv("DC_DUMP_DROPS"))
        return;
    const dc_dom *d = cx->dom;
    for (uint32_t i = 1; i < d->count; i++) {
        const dc_node *n = &d->nodes[i];
        if (!dc_is_element(n) || !cx->st[i].dropped || cx->st[n->parent].dropped)
            continue;
        if (n->tag == DC_TAG_SCRIPT || n->tag == DC_TAG_STYLE || n->tag == DC_TAG_HEAD || n->tag == DC_TAG_TEMPLATE)
            continue;
        dump_line(cx, "DROP", i, cx->mark[i].flags | DC_F_DROP, 1);
    }
}

static void debug_needle(const dc_extract_ctx *cx)
{
    const char *needle = getenv("DC_NEEDLE");
    if (!needle)
        return;
    const dc_dom *d = cx->dom;
    for (uint32_t i = 1; i < d->count; i++) {
        if (d->nodes[i].tag == DC_TAG_TEXT && strstr(d->nodes[i].text, needle)) {
            for (uint32_t a = i; a; a = d->nodes[a].parent)
                debug_node(cx, "anc", a);
            return;
        }
    }
    fprintf(stderr, "needle not found in %u nodes\n", d->count);
}
#else
#define DEBUG_NODE(w, i) ((void)0)
#endif

/*
 * The least share of the main region's prose the chosen container must
 * hold to be the article; below it the page is a landing or service page of
 * many sections, kept whole.  A page that states when it was published, or
 * a container declared or named as the article body, is an article more
 * often than not, and its comments or teasers can outweigh it; otherwise
 * the container is a fragment of the page at under half.
 * (wcxb-dev, undated at 0.25 / 0.5 / 0.9: F1 0.8415 / 0.8442 / 0.8461, but
 * boilerplate kept 0.053 / 0.055 / 0.061; dated pages above 0.25 lose news
 * articles to their comments on scrapinghub.)
 */
#ifndef DC_SHARE
#define DC_SHARE 0.25f
#endif
#ifndef DC_SHARE_UNDATED
#define DC_SHARE_UNDATED 0.5f
#endif
/*
 * The least final score of an article container; below it the page is kept
 * whole.  A page that states when it was published, or a container that is
 * an <article> or declared as the body, is an article more often than not;
 * other pages need a clearer container before the rest of their main region
 * is cut away.  (Undated at 40 / 45 / 50: wcxb-dev F1
 * 0.8583 / 0.8594 / 0.8597, boilerplate kept 0.0546 / 0.0555 / 0.0586;
 * scrapinghub unchanged.  Dated above 40 costs scrapinghub: 0.9679 at 42.)
 */
#ifndef DC_WEAK
#define DC_WEAK 40
#endif
#ifndef DC_WEAK_UNDATED
#define DC_WEAK_UNDATED 45
#endif

/*
 * A short story on a dated page: a container of three or four paragraphs
 * scores under DC_WEAK however clearly it is the page's text, since its
 * score is a sum over paragraphs.  On a page that states its date, a
 * container holding a good share of the page's prose (the rest being menus,
 * teasers and link lists) is that story.  (daniel-dev F1 +0.039: news pages
 * of 2011 whose short stories came out with the whole page; wcxb-dev and
 * scrapinghub unchanged or up.)
 */
#ifndef DC_SHORT_SCORE
#define DC_SHORT_SCORE 15
#endif
#ifndef DC_SHORT_PROSE
#define DC_SHORT_PROSE 150
#endif
#ifndef DC_SHORT_SHARE
#define DC_SHORT_SHARE 0.3f
#endif
static uint32_t prose(const dc_stats *s);

static int short_story(const dc_extract_ctx *cx, uint32_t top, uint32_t region)
{
    const dc_stats *s = &cx->st[top];
    return cx->dated && final_score(s) >= DC_SHORT_SCORE && prose(s) >= DC_SHORT_PROSE &&
           (float)prose(s) >= DC_SHORT_SHARE * (float)prose(&cx->st[region]);
}

/*
 * A story anchored at its headline: on a dated page, a container that holds
 * the headline (the element whose text is the title), or that starts right
 * after it (room for a byline, a date and a standfirst), is the story even
 * when it scores low or holds little of the page's prose: the rest is a
 * portal's services, teasers and boxes of other stories.  Unless another
 * candidate, elsewhere on the page, scores two thirds of it or more: then
 * the page is a thread of posts or a shop's product with its sections.  A
 * table's row is no such rival: it only gathers its cells' votes (a
 * footer's lines of addresses and phone numbers).
 * (daniel-dev F1 0.8587 -> 0.8752, Greek 0.813 -> 0.934, Russian 0.784 ->
 * 0.803, Polish 0.837 -> 0.850: pages that came out whole; wcxb-dev and
 * scrapinghub unchanged.  A rival at 3/4 instead of 2/3 cost a product page
 * on wcxb-dev, at 3/5 two news pages.  The room after the headline, 500
 * characters, holds a standfirst of three sentences: at 300, three pages
 * whose standfirst ran to 340-410 came out whole, daniel-dev -0.0024;
 * nothing else moves between the two.)
 */
#ifndef DC_ANCHOR_GAP
#define DC_ANCHOR_GAP 500
#endif
#ifndef DC_ANCHOR_SHARE
#define DC_ANCHOR_SHARE 0.1f
#endif

/* Visible characters of a string, counted as score.c counts a text node. */
static uint32_t visible_chars(const char *t)
{
    uint32_t n = 0;
    for (const unsigned char *u = (const unsigned char *)t; *u; u++)
        n += (*u > ' ' && *u < 0x80) || *u >= 0xC0;
    return n;
}

/* The first kept element of the region whose text is the title, or 0.  Only
 * elements of about the title's length are read: score.c counts a no-break
 * space as a character, the title has it as a space. */
static uint32_t find_headline(const dc_extract_ctx *cx, uint32_t region)
{
    const dc_dom *d = cx->dom;
    if (!cx->title)
        return 0;
    uint32_t want = visible_chars(cx->title);
    if (!want)
        return 0;
    for (uint32_t i = dc_kept_from(cx, region); i; i = dc_kept_from(cx, i + 1)) {
        if (i != region && !is_ancestor(d, region, i))
            break;
        if (dc_is_element(&d->nodes[i]) && cx->st[i].chars >= want && cx->st[i].chars <= want + want / 4 + 2 &&
            headline_at(cx, i))
            return i;
    }
    return 0;
}

/* Visible characters of kept text after element a's subtree and before
 * element b, capped just above `cap`. */
static uint32_t chars_between(const dc_extract_ctx *cx, uint32_t a, uint32_t b, uint32_t cap)
{
    const dc_dom *d = cx->dom;
    uint32_t n = 0;
    for (uint32_t i = dc_kept_from(cx, dc_skip_in(d, a, 0)); i && i < b && n <= cap;
         i = dc_kept_from(cx, i + 1))
        if (d->nodes[i].tag == DC_TAG_TEXT)
            n += cx->st[i].chars;
    return n;
}

static uint32_t prose(const dc_stats *s);

#ifndef DC_RIVAL
#define DC_RIVAL 0.67f
#endif
/* Is another candidate, neither inside nor around top, nearly as strong:
 * the posts of a thread, the sections of a landing page? */
static int rival(const dc_extract_ctx *cx, uint32_t top, const uint32_t top5[5])
{
    const dc_dom *d = cx->dom;
    for (int k = 1; k < 5; k++) {
        uint32_t c = top5[k];
        /* A table's row only joins its cells' votes (a footer's lines). */
        if (!c || d->nodes[c].tag == DC_TAG_TR || d->nodes[c].tag == DC_TAG_TBODY)
            continue;
        if (!is_ancestor(d, c, top) && !is_ancestor(d, top, c))
            return final_score(&cx->st[c]) >= DC_RIVAL * final_score(&cx->st[top]);
    }
    return 0;
}

static int anchored_story(const dc_extract_ctx *cx, uint32_t top, const uint32_t top5[5], uint32_t region)
{
    const dc_stats *s = &cx->st[top];
    if (rival(cx, top, top5))
        return 0;
    if (!cx->dated || final_score(s) < DC_SHORT_SCORE || prose(s) < DC_SHORT_PROSE ||
        (float)prose(s) < DC_ANCHOR_SHARE * (float)prose(&cx->st[region]))
        return 0;
    uint32_t h = find_headline(cx, region);
    if (!h)
        return 0;
    if (is_ancestor(cx->dom, top, h))
        return 1;
    return h < top && !is_ancestor(cx->dom, h, top) && chars_between(cx, h, top, DC_ANCHOR_GAP) <= DC_ANCHOR_GAP;
}

/* The page's main region: <main> or role=main when present, else <body>. */
static uint32_t main_region(const dc_extract_ctx *cx)
{
    const dc_dom *d = cx->dom;
    uint32_t best = 0;
    for (uint32_t i = dc_kept_from(cx, 1); i; i = dc_kept_from(cx, i + 1)) {
        const dc_node *n = &d->nodes[i];
        if (n->tag != DC_TAG_MAIN) {
            const char *r = dc_attr_get(d, i, "role", NULL);
            if (!r || strcmp(r, "main") != 0)
                continue;
        }
        if (!best || cx->st[i].chars > cx->st[best].chars)
            best = i;
    }
    if (best && cx->st[best].chars * 4 >= cx->body_chars)
        return best;
    return d->body;
}

/*
 * One section of a document in sections: the container, or its parent or
 * grandparent, has siblings with its tag and class that hold prose too
 * ("<div class=sect1>" after "<div class=sect1>", each a heading and its
 * text).  The best-scored section is then one of many, and the document is
 * their parent.  A teaser list repeats its items too, but they are links
 * and a line or two; sections hold paragraphs of prose.  (wcxb-dev +0.0005:
 * a manual page in sections kept one of them, recall 0.49 -> 0.99; daniel-dev
 * and scrapinghub unchanged.)
 */
static uint32_t prose(const dc_stats *s);

static int section_like(const dc_extract_ctx *cx, uint32_t s)
{
    const dc_stats *st = &cx->st[s];
    return prose(st) >= 200 && (float)st->link < 0.25f * (float)st->chars;
}

static uint32_t climb_sections(const dc_extract_ctx *cx, uint32_t top)
{
    const dc_dom *d = cx->dom;
    uint32_t a = top;
    for (int level = 0; level < 3 && a && a != d->body; level++, a = d->nodes[a].parent) {
        uint32_t p = d->nodes[a].parent;
        if (!p || p == d->body || !section_like(cx, a))
            continue;
        int same = 0;
        for (uint32_t s = d->nodes[p].first_child; s; s = d->nodes[s].next) {
            if (s == a || d->nodes[s].tag != d->nodes[a].tag || cx->st[s].dropped)
                continue;
            if (same_class(d, a, s) && section_like(cx, s))
                same++;
        }
        if (same >= 2)
            return p;
    }
    return top;
}

/* Readability's choice: the best container, adjusted, and its siblings. */
static void choose_article(const dc_extract_ctx *cx, dc_selection *sel, uint32_t top,
                           const uint32_t top5[5])
{
    const dc_dom *d = cx->dom;
    for (int k = 0; k < 5; k++)
        if (top5[k])
            DEBUG_NODE("top5", top5[k]);
    sel->top = top;
    /* Statistics of a wrapper must not cut away the best candidate. */
    for (uint32_t a = top; a; a = d->nodes[a].parent)
        sel->protect[a] = 1;
    top = climb_shared(cx, top, top5);
    top = climb_scores(cx, top);
    while (d->nodes[top].parent && d->nodes[top].parent != d->body &&
           element_children(cx, d->nodes[top].parent) == 1)
        top = d->nodes[top].parent;
    top = climb_sections(cx, top);

    uint32_t parent = d->nodes[top].parent;
    if (!parent || top == d->body) {
        sel->roots[sel->nroots++] = top;
        return;
    }
    int after_headline = 0;
    for (uint32_t s = d->nodes[parent].first_child; s; s = d->nodes[s].next) {
        if (sel->nroots == sizeof sel->roots / sizeof sel->roots[0])
            break;
        int lead = 0;
        if (s < top && after_headline)
            lead = lead_between(cx, s);
        else if (s < top)
            after_headline = headline_at(cx, s);
        if (s == top || sibling_belongs(cx, top, s) || lead) {
            DEBUG_NODE("root", s);
            sel->roots[sel->nroots++] = s;
        }
    }
}

static uint32_t prose(const dc_stats *s)
{
    return s->chars - s->link;
}

int dc_select(const dc_extract_ctx *cx, dc_selection *out)
{
    out->protect = dc_arena_alloc(cx->ar, cx->dom->count);
    if (!out->protect)
        return 0;
    memset(out->protect, 0, cx->dom->count);
    uint32_t top5[5];
#ifdef DC_DEBUG
    debug_needle(cx);
    debug_drops(cx);
#endif
    uint32_t top = best_candidate(cx, top5);
    out->nroots = 0;
    uint32_t region = main_region(cx);
    int sure = cx->dated || (top && (cx->st[top].has_content || cx->dom->nodes[top].tag == DC_TAG_ARTICLE));
    int anchored = top && anchored_story(cx, top, top5, region);
#ifdef DC_DEBUG
    if (getenv("DC_NEEDLE")) {
        for (int k = 0; k < 5; k++)
            if (top5[k])
                DEBUG_NODE("cand", top5[k]);
        fprintf(stderr, "dated=%d anchored=%d short=%d headline=%u region=%u\n", cx->dated, anchored,
                top ? short_story(cx, top, region) : 0, find_headline(cx, region), region);
    }
#endif
    if (top && (anchored || final_score(&cx->st[top]) >= (sure ? DC_WEAK : DC_WEAK_UNDATED) ||
                short_story(cx, top, region))) {
        choose_article(cx, out, top, top5);
        uint32_t kept = 0;
        int declared = cx->dated;
        for (uint32_t k = 0; k < out->nroots; k++) {
            kept += prose(&cx->st[out->roots[k]]);
            declared |= cx->st[out->roots[k]].has_content;
        }
        if (anchored || (float)kept >= (declared ? DC_SHARE : DC_SHARE_UNDATED) * (float)prose(&cx->st[region]))
            return 1;
        /* The "article" holds a small part of the page's prose: a landing
         * or service page made of many sections. */
        memset(out->protect, 0, cx->dom->count);
        out->nroots = 0;
    }
    /* No article-like container: listings, shops, landing pages.  Keep the
     * main region minus furniture rather than a fragment of it. */
    if (cx->st[region].chars == 0)
        return 1;
    out->lenient = 1;
    out->roots[out->nroots++] = region;
    return 1;
}


static int skip_stats(const dc_extract_ctx *cx, uint32_t i);

#ifndef DC_CARD_CHARS
#define DC_CARD_CHARS 400
#endif

/*
 * A block inside the best candidate that holds most of its prose is the
 * article's own wrapper, whatever its lists and links ("content" holding
 * the story and its list of key points): the statistics of skip_stats()
 * are for the furniture beside the story.  (daniel-dev +0.0025, two pages
 * that lost their whole body; wcxb-dev +0.0001; nothing down.)
 */
static int skip_rule(const dc_extract_ctx *cx, uint32_t i)
{
    int r = skip_stats(cx, i);
    if (r > 1 && cx->sel->top && i != cx->sel->top && prose(&cx->st[i]) * 2 > prose(&cx->st[cx->sel->top]) &&
        is_ancestor(cx->dom, cx->sel->top, i))
        return 0;
    return r;
}

/* Does the text hold a time or a date in digits ("03:11", "06.12.2011",
 * "2012-01-04", "4/1")? */
static int clock_or_date(const char *t, uint32_t n)
{
    for (uint32_t k = 1; k + 1 < n; k++) {
        char c = t[k];
        if ((c == ':' || c == '.' || c == '/' || c == '-') && t[k - 1] >= '0' && t[k - 1] <= '9' &&
            t[k + 1] >= '0' && t[k + 1] <= '9')
            return 1;
    }
    return 0;
}

/*
 * A teaser card: a small block of another story: its headline, all link,
 * with the time or date it was published and at most an announce line.
 */
static int teaser_card(const dc_extract_ctx *cx, uint32_t c)
{
    const dc_dom *d = cx->dom;
    const dc_stats *s = &cx->st[c];
    if (!dc_is_element(&d->nodes[c]) || s->dropped || s->chars == 0 || s->chars > DC_CARD_CHARS || s->p > 1)
        return 0;
    uint32_t end = dc_skip_in(d, c, 0);
    int headline = 0, dated = 0;
    /* Dropped nodes are read too: the date's box goes as a dateline. */
    for (uint32_t k = c + 1; k && k < d->count && (k < end || !end);) {
        dc_tag t = (dc_tag)d->nodes[k].tag;
        if (t == DC_TAG_SCRIPT || t == DC_TAG_STYLE || t == DC_TAG_TEMPLATE) {
            k = dc_skip_in(d, k, 0);
            continue;
        }
        if (t >= DC_TAG_H2 && t <= DC_TAG_H6 && !headline) {
            if (cx->st[k].dropped || !cx->st[k].chars || cx->st[k].link * 10 < cx->st[k].chars * 9)
                return 0;
            headline = 1;
            k = dc_skip_in(d, k, 0); /* its digits are the title's */
            continue;
        }
        if (t == DC_TAG_TEXT && !dated)
            dated = clock_or_date(d->nodes[k].text, d->nodes[k].text_len);
        k++;
    }
    return headline && dated;
}

/*
 * A list of teasers inside the story's container: three or more sibling
 * cards of one tag and class, each a linked headline and a line of
 * announce, holding nearly all of the block's text ("Context": the
 * agency's earlier stories on the subject).  Their links are a share of
 * the text too small for the link-density rules, but no article is made of
 * other stories' headlines.
 */
static int teaser_list(const dc_extract_ctx *cx, uint32_t i)
{
    const dc_dom *d = cx->dom;
    uint32_t first = 0, cards = 0, chars = 0;
    for (uint32_t c = d->nodes[i].first_child; c; c = d->nodes[c].next) {
        if (!dc_is_element(&d->nodes[c]) || cx->st[c].dropped || !cx->st[c].chars)
            continue;
        if (!teaser_card(cx, c))
            continue;
        if (!first)
            first = c;
        else if (d->nodes[c].tag != d->nodes[first].tag || !same_class(d, c, first))
            continue;
        cards++;
        chars += cx->st[c].chars;
    }
    return cards >= 3 && (float)chars >= 0.8f * (float)cx->st[i].chars;
}

static int skip_stats(const dc_extract_ctx *cx, uint32_t i)
{
    const dc_node *n = &cx->dom->nodes[i];
    const dc_stats *s = &cx->st[i];
    switch (n->tag) {
    case DC_TAG_DIV: case DC_TAG_SECTION: case DC_TAG_UL: case DC_TAG_OL: case DC_TAG_TABLE:
    case DC_TAG_DL: case DC_TAG_HEADER: case DC_TAG_FIGURE: case DC_TAG_ASIDE:
        break;
    default:
        return 0;
    }
    if (cx->sel->protect[i])
        return 0;
    if (s->chars == 0)
        return 1;
    if (cx->sel->lenient)
        return 0;
    /* Furniture words on a block that still holds several paragraphs are
     * template noise ("elementor-widget-container"), not furniture. */
    if (cx->mark[i].weight < 0 && !s->has_content && s->p < 3)
        return 2;
    float ld = (float)s->link / (float)s->chars;
    /* A line that links to a guide ("see the permits guide for the
     * details") is prose with a link; a link list is mostly links.  (0.33
     * cut as much of the dev sets' text as it kept out; 0.4 is better on
     * both.) */
    if (cx->mark[i].weight < 25 && ld > 0.4f && s->p < 3)
        return 3;
    if (ld > 0.5f)
        return 4;
    if (teaser_list(cx, i))
        return 6;
    if (n->tag != DC_TAG_UL && n->tag != DC_TAG_OL && n->tag != DC_TAG_TABLE && s->li > s->p + 1 &&
        ld > 0.2f)
        return 5;
    return 0;
}

/* The rule of skip_rule() that fired, numbered for DC_DEBUG's dump; 0 for none. */
int dc_skip_conditional(const dc_extract_ctx *cx, uint32_t i)
{
    int r = skip_rule(cx, i);
#ifdef DC_DEBUG
    if (r && getenv("DC_DUMP_DROPS"))
        dump_line(cx, "SKIP", i, (unsigned)r, 0);
#endif
    return r;
}
