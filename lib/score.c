/*
 * score.c — text statistics and paragraph scores.
 *
 * The node array is in document order, so one reverse loop sees every child
 * before its parent: subtree totals cost one pass and no recursion, even on
 * hostile depths.  Scores follow the idea that made Readability robust:
 * each paragraph votes for its parent, less for its grandparent and further
 * ancestors; the container with most well-written, link-poor text wins.
 */
#include <pthread.h>
#include <string.h>

#include "extract.h"

/* Byte classes for text_stats: 1 = starts a visible character, 2 = ASCII
 * comma, 4 = may start a CJK comma ('、' E3 80 81, '，' EF BC 8C). */
static unsigned char byte_class[256];
static pthread_once_t byte_class_once = PTHREAD_ONCE_INIT;

static void build_byte_class(void)
{
    for (int c = 0; c < 256; c++) {
        unsigned char v = 0;
        if ((c > ' ' && c < 0x80) || c >= 0xC0)
            v = 1;
        if (c == ',')
            v |= 2;
        if (c == 0xE3 || c == 0xEF)
            v |= 4;
        byte_class[c] = v;
    }
}

/* Counts visible code points and commas of one text node: the hottest loop
 * after the parser, hence the table. */
static void text_stats(const dc_node *n, dc_stats *st)
{
    pthread_once(&byte_class_once, build_byte_class);
    const unsigned char *s = (const unsigned char *)n->text;
    uint32_t chars = 0, commas = 0, len = n->text_len;
    for (uint32_t k = 0; k < len; k++) {
        unsigned char v = byte_class[s[k]];
        chars += v & 1;
        commas += (v >> 1) & 1;
        if ((v & 4) && k + 2 < len &&
            ((s[k] == 0xE3 && s[k + 1] == 0x80 && s[k + 2] == 0x81) ||
             (s[k] == 0xEF && s[k + 1] == 0xBC && s[k + 2] == 0x8C)))
            commas++;
    }
    st->chars = chars;
    st->commas = (uint16_t)(commas > 65535 ? 65535 : commas);
}

static uint16_t add16(uint16_t a, uint32_t b)
{
    uint32_t s = a + b;
    return (uint16_t)(s > 65535 ? 65535 : s);
}

/* Folds child c's totals into parent p. */
static void fold(dc_stats *p, const dc_stats *c)
{
    p->chars += c->chars;
    p->link += c->link;
    p->commas = add16(p->commas, c->commas);
    p->p = add16(p->p, c->p);
    p->li = add16(p->li, c->li);
    p->links = add16(p->links, c->links);
    p->has_h1 |= c->has_h1;
    p->has_content |= c->has_content;
}

/* Own contribution of element i to its counters, after its children. */
static void own_counts(const dc_node *n, unsigned marks, dc_stats *st)
{
    switch (n->tag) {
    case DC_TAG_P:
        if (st->chars)
            st->p = add16(st->p, 1);
        break;
    case DC_TAG_LI:
        st->li = add16(st->li, 1);
        break;
    case DC_TAG_H1:
        st->has_h1 = 1;
        break;
    case DC_TAG_A:
        st->link = st->chars;
        st->links = add16(st->links, 1);
        break;
    default:
        break;
    }
    if (marks & DC_F_CONTENT)
        st->has_content = 1;
}

/*
 * The page's prose (text outside links) in <body> before any nominated drop
 * happens: a light bottom-up pass that counts text and folds only the two
 * counters the drop veto needs.  Text nodes keep their counts for the full
 * pass.
 */
static uint32_t prose_before_drops(const dc_extract_ctx *cx, dc_stats *st)
{
    const dc_dom *d = cx->dom;
    const dc_mark *m = cx->mark;
    for (uint32_t i = d->count; i-- > 1;) {
        const dc_node *n = &d->nodes[i];
        dc_stats *s = &st[i];
        if (m[i].flags & DC_F_HARD)
            continue;
        if (n->tag == DC_TAG_TEXT) {
            if (m[n->parent].flags & DC_F_HARD)
                continue; /* script and style bodies: often most bytes */
            text_stats(n, s);
        } else if (n->tag == DC_TAG_A) {
            s->link = s->chars;
        }
        if (m[i].flags & DC_F_DROP)
            continue;
        st[n->parent].chars += s->chars;
        st[n->parent].link += s->link;
    }
    const dc_stats *b = &st[d->body];
    uint32_t prose = b->chars - b->link;
    for (uint32_t i = 0; i < d->count; i++) {
        if (d->nodes[i].tag == DC_TAG_TEXT)
            continue;
        st[i].chars = st[i].link = 0;
    }
    return prose;
}

/*
 * The full bottom-up pass.  A vocabulary or tag nomination becomes a drop
 * unless the node holds the headline, the declared body, or most of the
 * page's prose: wrappers called "layout-with-sidebar" must survive.
 */
static void stats_pass(const dc_extract_ctx *cx, dc_stats *st, uint32_t prose_total)
{
    const dc_dom *d = cx->dom;
    const dc_mark *m = cx->mark;
    for (uint32_t i = d->count; i-- > 1;) {
        const dc_node *n = &d->nodes[i];
        dc_stats *s = &st[i];
        s->dropped = (m[i].flags & DC_F_DROP) != 0;
        if (m[i].flags & DC_F_HARD)
            continue;
        if (n->tag == DC_TAG_TEXT) {
            if (m[n->parent].flags & DC_F_HARD)
                continue;
        } else {
            own_counts(n, m[i].flags, s);
            if ((m[i].flags & DC_F_CAND_DROP) && !s->has_h1 && !s->has_content &&
                (s->chars - s->link) * 2 < prose_total)
                s->dropped = 1;
        }
        if (s->dropped)
            continue;
        dc_stats *p = &st[n->parent];
        fold(p, s);
        if (dc_is_element(n) && dc_tag_is_block((dc_tag)n->tag) && n->tag != DC_TAG_BR)
            p->has_block_child = 1;
    }
}

uint32_t dc_stats_compute(const dc_extract_ctx *cx, dc_stats *out)
{
    stats_pass(cx, out, prose_before_drops(cx, out));
    return out[cx->dom->body].chars;
}

static float base_score(const dc_node *n, const dc_mark *m)
{
    float b = 0;
    switch (n->tag) {
    case DC_TAG_DIV: case DC_TAG_ARTICLE: case DC_TAG_SECTION: case DC_TAG_MAIN:
        b = 5;
        break;
    case DC_TAG_PRE: case DC_TAG_TD: case DC_TAG_BLOCKQUOTE:
        b = 3;
        break;
    case DC_TAG_ADDRESS: case DC_TAG_OL: case DC_TAG_UL: case DC_TAG_DL: case DC_TAG_DD:
    case DC_TAG_DT: case DC_TAG_LI: case DC_TAG_FORM:
        b = -3;
        break;
    case DC_TAG_H1: case DC_TAG_H2: case DC_TAG_H3: case DC_TAG_H4: case DC_TAG_H5:
    case DC_TAG_H6: case DC_TAG_TH:
        b = -5;
        break;
    default:
        break;
    }
    return b + (float)m->weight;
}

/* Does element i read as one paragraph? */
static int paragraph_like(const dc_node *n, const dc_stats *s)
{
    switch (n->tag) {
    case DC_TAG_P: case DC_TAG_PRE: case DC_TAG_DD:
        return 1;
    /* A layout cell whose paragraphs vote already is their container: as
     * one more paragraph it would vote their text twice, for the row that
     * joins it to the menu and the teasers beside it. */
    case DC_TAG_TD:
        return !s->p;
    case DC_TAG_DIV: case DC_TAG_SECTION: case DC_TAG_ARTICLE: case DC_TAG_BLOCKQUOTE:
    case DC_TAG_LI: case DC_TAG_SPAN: case DC_TAG_FONT: case DC_TAG_CENTER:
        return !s->has_block_child;
    default:
        return 0;
    }
}

/*
 * Is paragraph i a teaser: text right after the one link that heads it,
 * maybe after a time ("10:17 <a>Headline</a>" then its first lines), as in
 * tickers, lists of other stories and "what people are reading" boxes?  A
 * story's paragraphs follow each other, subheadings and pictures.
 */
static int link_led(const dc_dom *d, const dc_stats *st, uint32_t i)
{
    uint32_t e = d->nodes[i].prev;
    while (e && !dc_is_element(&d->nodes[e])) {
        if (d->nodes[e].tag == DC_TAG_TEXT && st[e].chars)
            return 0;
        e = d->nodes[e].prev;
    }
    if (!e)
        return 0;
    const dc_stats *s = &st[e];
    return s->links == 1 && s->chars <= 200 && !s->has_block_child && s->chars - s->link <= 20 &&
           s->link >= s->chars - s->link;
}

void dc_score(const dc_extract_ctx *cx, dc_stats *st)
{
    const dc_dom *d = cx->dom;
    for (uint32_t i = dc_kept_from(cx, 1); i; i = dc_kept_from(cx, i + 1)) {
        const dc_node *n = &d->nodes[i];
        dc_stats *s = &st[i];
        if (n->tag == DC_TAG_TEXT) {
            /* Loose text beside blocks (<div>text<div>..</div>text</div>)
             * reads as a paragraph of its parent, as Readability wraps it. */
            if (s->chars < 25 || !st[n->parent].has_block_child)
                continue;
        } else if (!dc_is_element(n) || s->chars < 25 || !paragraph_like(n, s)) {
            continue;
        }
        /* A paragraph inside a paragraph-like span must not vote twice. */
        if (n->tag == DC_TAG_SPAN || n->tag == DC_TAG_FONT) {
            const dc_node *p = &d->nodes[n->parent];
            if (paragraph_like(p, &st[n->parent]) && st[n->parent].chars >= 25)
                continue;
        }
        float c = 1.0f + (float)s->commas + (float)(s->chars / 85 < 3 ? s->chars / 85 : 3);
        /* Link-heavy "paragraphs" (teaser lists) vote little. */
        c *= 1.0f - (float)s->link / (float)s->chars;
        if (n->tag != DC_TAG_TEXT && link_led(d, st, i))
            c = 0;
        uint32_t a = n->parent;
        for (int level = 0; level < 5 && a; level++, a = d->nodes[a].parent) {
            const dc_node *an = &d->nodes[a];
            if (an->tag == DC_TAG_BODY || an->tag == DC_TAG_HTML)
                break;
            dc_stats *as = &st[a];
            if (!as->scored) {
                as->scored = 1;
                as->score = base_score(an, &cx->mark[a]);
            }
            as->score += level == 0 ? c : level == 1 ? c / 2 : c / (float)(level * 3);
        }
    }
}
