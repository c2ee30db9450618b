/*
 * related.c — the page's related / latest / most-read links, as data.
 *
 * The body drops these boxes; readers of the press still want them (what a
 * site pushes next to a story is itself news).  A link counts when it reads
 * like an article title (several words) and sits in a box that announces
 * itself: furniture vocabulary of the "related" kind, a heading such as
 * "Leggi anche" / "Most read", or a sidebar (<aside>).  Menus, footers and
 * the body itself are never searched.
 */
#include <string.h>

#include "extract.h"
#include "internal.h"
#include "meta_date.h"

#define DC_MAX_RELATED 64

enum { IN_BOX = 1, OUT_OF_BOX = 2 };

static int is_root(const dc_extract_ctx *cx, uint32_t i)
{
    for (uint32_t k = 0; k < cx->sel->nroots; k++)
        if (cx->sel->roots[k] == i)
            return 1;
    return 0;
}

/* Marks in box[] the containers announced by a related heading. */
static void mark_headed_boxes(const dc_extract_ctx *cx, uint8_t *box_of)
{
    const dc_dom *d = cx->dom;
    for (uint32_t i = 1; i < d->count; i++) {
        const dc_node *n = &d->nodes[i];
        if (n->tag < DC_TAG_H2 || n->tag > DC_TAG_H6 || cx->st[i].chars > 80)
            continue;
        dc_sbuf b;
        dc_sbuf_init(&b, cx->ar, 128);
        const char *t = dc_text_content(d, i, &b);
        if (!t || !dc_is_related_heading(t, b.len))
            continue;
        uint32_t box = n->parent;
        /* A heading wrapped alone in a div: the box is one level up. */
        if (box && cx->st[box].chars <= cx->st[i].chars + 2 && d->nodes[box].parent)
            box = d->nodes[box].parent;
        if (!cx->sel->protect[box] && !is_root(cx, box)) {
            box_of[box] = 1;
            continue;
        }
        /* The heading sits in the article itself: its box is what follows
         * it, up to the next heading. */
        for (uint32_t s = n->next; s; s = d->nodes[s].next) {
            if (d->nodes[s].tag >= DC_TAG_H1 && d->nodes[s].tag <= DC_TAG_H6)
                break;
            box_of[s] = 1;
        }
    }
}

/* Is link i inside a related box (named so, found in the body by render.c,
 * announced by a heading: box_of[]) and outside menus and the body? */
static int in_related_context(const dc_extract_ctx *cx, const uint8_t *box_of, uint32_t i)
{
    const dc_dom *d = cx->dom;
    int boxed = 0;
    for (uint32_t a = d->nodes[i].parent; a; a = d->nodes[a].parent) {
        const dc_node *n = &d->nodes[a];
        if (n->tag == DC_TAG_NAV || n->tag == DC_TAG_FOOTER || n->tag == DC_TAG_HEADER ||
            n->tag == DC_TAG_FORM)
            return 0;
        if (cx->mark[a].flags & DC_F_HARD)
            return 0;
        if (n->tag == DC_TAG_ASIDE || (cx->mark[a].flags & DC_F_RELATED) || box_of[a])
            boxed = 1;
        if (!boxed && !cx->sel->lenient && is_root(cx, a))
            return 0;
    }
    return boxed;
}

static int scheme_len(const char *u)
{
    int k = 0;
    while ((u[k] >= 'a' && u[k] <= 'z') || (u[k] >= 'A' && u[k] <= 'Z') ||
           (k && ((u[k] >= '0' && u[k] <= '9') || u[k] == '+' || u[k] == '-' || u[k] == '.')))
        k++;
    return k && u[k] == ':' ? k : 0;
}

/* Resolves href against base (RFC 3986, without dot-segment removal);
 * NULL for links that lead nowhere (fragments, javascript:, mailto:). */
static char *resolve(dc_arena *ar, const char *base, const char *href)
{
    while (*href == ' ' || *href == '\n' || *href == '\t')
        href++;
    if (!*href || *href == '#')
        return NULL;
    int sl = scheme_len(href);
    if (sl)
        return (strncmp(href, "http", 4) == 0) ? dc_arena_strndup(ar, href, strlen(href)) : NULL;
    if (!base || !scheme_len(base))
        return dc_arena_strndup(ar, href, strlen(href));
    size_t bl = strlen(base), keep;
    const char *host = strstr(base, "//");
    const char *path = host ? strchr(host + 2, '/') : NULL;
    size_t origin = path ? (size_t)(path - base) : bl;
    if (href[0] == '/' && href[1] == '/')
        keep = (size_t)scheme_len(base) + 1; /* "https:" */
    else if (href[0] == '/')
        keep = origin;
    else {
        const char *q = strpbrk(base + origin, "?#");
        size_t end = q ? (size_t)(q - base) : bl;
        keep = end;
        while (keep > origin && base[keep - 1] != '/')
            keep--;
        if (keep == origin) {
            dc_sbuf b;
            dc_sbuf_init(&b, ar, origin + strlen(href) + 2);
            dc_sbuf_put(&b, base, origin);
            dc_sbuf_putc(&b, '/');
            dc_sbuf_puts(&b, href);
            return dc_sbuf_finish(&b);
        }
    }
    dc_sbuf b;
    dc_sbuf_init(&b, ar, keep + strlen(href) + 1);
    dc_sbuf_put(&b, base, keep);
    dc_sbuf_puts(&b, href);
    return dc_sbuf_finish(&b);
}

static int words(const char *s)
{
    int w = 0, in = 0;
    for (; *s; s++) {
        int sp = *s == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* The teaser's date: a <time datetime> in the link's list item or teaser,
 * else a short text beside the link that reads as a date ("19 Giugno 2024"),
 * written as ISO 8601 into buf. */
static const char *teaser_date(const dc_dom *d, uint32_t link, char buf[32])
{
    uint32_t item = link;
    for (int up = 0; up < 4 && item; up++) {
        item = d->nodes[item].parent;
        dc_tag t = (dc_tag)d->nodes[item].tag;
        if (t == DC_TAG_LI || t == DC_TAG_ARTICLE)
            break;
    }
    if (!item || d->nodes[item].tag == DC_TAG_BODY)
        return NULL;
    int budget = 200;
    const dc_node *beside = NULL;
    for (uint32_t i = item; i && budget--; i = dc_next_in(d, i, item)) {
        const dc_node *n = &d->nodes[i];
        if (n->tag == DC_TAG_TIME) {
            size_t len = 0;
            const char *v = dc_attr_get(d, i, "datetime", &len);
            dc_date t;
            if (v && dc_date_parse(v, len, 0, 9999, &t)) {
                dc_date_format(&t, buf, 32);
                return buf;
            }
        } else if (n->tag == DC_TAG_TEXT && !beside && n->text_len >= 6 && n->text_len <= 40) {
            uint32_t a = n->parent;
            while (a != item && d->nodes[a].tag != DC_TAG_A)
                a = d->nodes[a].parent;
            if (a == item)
                beside = n; /* outside the link itself */
        }
    }
    dc_date dt;
    if (beside && dc_date_parse(beside->text, beside->text_len, 0, 9999, &dt)) {
        dc_date_format(&dt, buf, 32);
        return buf;
    }
    return NULL;
}

int dc_related_collect(const dc_extract_ctx *cx, const char *base, decant_article *a)
{
    const dc_dom *d = cx->dom;
    uint8_t *box_of = dc_arena_alloc(cx->ar, d->count);
    if (!box_of)
        return 0;
    memset(box_of, 0, d->count);
    for (uint32_t k = 0; k < cx->body->nboxes; k++)
        box_of[cx->body->boxes[k]] = 1;
    mark_headed_boxes(cx, box_of);
    decant_link *out = NULL;
    size_t n = 0;
    for (uint32_t i = 1; i < d->count && n < DC_MAX_RELATED; i++) {
        if (d->nodes[i].tag != DC_TAG_A || cx->st[i].chars < 15)
            continue;
        const char *href = dc_attr_get(d, i, "href", NULL);
        if (!href || !in_related_context(cx, box_of, i))
            continue;
        dc_sbuf tb;
        dc_sbuf_init(&tb, &a->arena, 128);
        const char *title = dc_text_content(d, i, &tb);
        if (!title)
            return 0;
        if (words(title) < 3 || tb.len > 300)
            continue;
        char *url = resolve(&a->arena, base, href);
        if (!url)
            continue;
        int dup = 0;
        for (size_t k = 0; k < n && !dup; k++)
            dup = strcmp(out[k].url, url) == 0;
        if (dup)
            continue;
        if (!out) {
            out = dc_arena_alloc(&a->arena, sizeof *out * DC_MAX_RELATED);
            if (!out)
                return 0;
        }
        char datebuf[32];
        const char *date = teaser_date(d, i, datebuf);
        out[n].title = title;
        out[n].url = url;
        out[n].date = date ? dc_arena_strndup(&a->arena, date, strlen(date)) : NULL;
        n++;
    }
    a->related = out;
    a->related_count = n;
    return 1;
}

char *dc_link_resolve(dc_arena *ar, const char *base, const char *href)
{
    return resolve(ar, base, href);
}
