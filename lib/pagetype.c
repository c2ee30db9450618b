/*
 * pagetype.c — see pagetype.h.
 *
 * Every feature is read off what the earlier phases left behind: the node
 * statistics of score.c (subtree characters and link characters), the
 * chosen roots and blocks, the resolved metadata.  The page costs one
 * bottom-up and one top-down pass over its nodes here, plus a scan of the
 * JSON-LD text, so the model adds little to a page's time.
 */
#include "pagetype.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#include "text.h"

_Static_assert(DC_PT_NFEAT <= DC_PT_MAX_FEAT, "raise DC_PT_MAX_FEAT");

const char *const dc_pt_feature_names[DC_PT_NFEAT] = {
#define DC_PT_NAME(n) #n,
    DC_PT_FEATURES(DC_PT_NAME)
#undef DC_PT_NAME
};

static float lg(double n)
{
    return (float)log1p(n > 0 ? n : 0);
}

/* ------------------------------------------------------------ the URL */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
    return dc_is_alpha((unsigned char)c);
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return n > 0;
}

static int year_like(const char *s)
{
    return (s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0');
}

static int month_like(const char *s)
{
    int m = (s[0] - '0') * 10 + (s[1] - '0');
    return m >= 1 && m <= 12;
}

/* A date inside one segment: 2024-06-19, 2024_06_19 or 20240619. */
static int segment_date(const char *s, size_t n)
{
    for (size_t i = 0; i + 8 <= n; i++) {
        const char *p = s + i;
        if (i > 0 && is_digit(p[-1]))
            continue;
        if (!is_digit(p[0]) || !year_like(p))
            continue;
        if (digits(p, 8) && (i + 8 == n || !is_digit(p[8])) && month_like(p + 4))
            return 1;
        if (i + 10 <= n && digits(p, 4) && (p[4] == '-' || p[4] == '_') && digits(p + 5, 2) &&
            p[7] == p[4] && digits(p + 8, 2) && month_like(p + 5))
            return 1;
    }
    return 0;
}

/* Words of a slug: letter runs of two or more, in "big-news-today_2". */
static int slug_words(const char *s, size_t n)
{
    int words = 0;
    size_t run = 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)s[i] : '-';
        if (is_alpha((char)c) || c >= 0x80 || c == '%') {
            run++;
            continue;
        }
        if (run >= 2)
            words++;
        run = 0;
    }
    return words;
}

static void url_features(const char *url, float *f)
{
    if (!url || !*url)
        return;
    const char *s = url;
    const char *colon = strstr(s, "://");
    if (colon && colon - s < 12)
        s = colon + 3;
    else if (s[0] == '/' && s[1] == '/')
        s += 2;
    else if (s[0] != '/')
        return; /* not a URL decant can read */
    f[DC_PT_F_url_known] = 1;
    /* The host's first label: "docs.", "forum.", "shop." */
    const char *host = s;
    while (*s && *s != '/' && *s != '?' && *s != '#')
        s++;
    const char *dot = memchr(host, '.', (size_t)(s - host));
    if (dot && dot > host) {
        const char *at = memchr(host, '@', (size_t)(s - host));
        const char *label = at ? at + 1 : host;
        if (dot > label) {
            unsigned g = dc_pt_url_word(label, (size_t)(dot - label));
            /* A host label is weaker evidence than a path: "news." hosts
             * serve section fronts too, so only the specific groups. */
            g &= G_DOC | G_FORUM | G_SHOP;
            if (g & G_DOC)
                f[DC_PT_F_url_doc] = 1;
            if (g & G_FORUM)
                f[DC_PT_F_url_forum] = 1;
            if (g & G_SHOP)
                f[DC_PT_F_url_shop] = 1;
        }
    }
    int depth = 0, slug = 0, date = 0;
    const char *seg[3] = {NULL, NULL, NULL}; /* the last three, for /yyyy/mm/ */
    size_t segn[3] = {0, 0, 0};
    while (*s == '/') {
        const char *b = ++s;
        while (*s && *s != '/' && *s != '?' && *s != '#')
            s++;
        size_t n = (size_t)(s - b);
        if (n == 0)
            continue;
        depth++;
        seg[0] = seg[1], segn[0] = segn[1];
        seg[1] = seg[2], segn[1] = segn[2];
        seg[2] = b, segn[2] = n;
        if (segment_date(b, n))
            date = 1;
        if (seg[1] && segn[1] == 4 && digits(seg[1], 4) && year_like(seg[1]) &&
            (n == 2 || (n == 1 && is_digit(b[0]))) && digits(b, n))
            date = 1;
        int w = slug_words(b, n);
        if (w > slug)
            slug = w;
        unsigned g = dc_pt_url_word(b, n);
        if (g & G_LIST)
            f[DC_PT_F_url_list] = 1;
        if (g & G_PRODUCT)
            f[DC_PT_F_url_product] = 1;
        if (g & G_SHOP)
            f[DC_PT_F_url_shop] = 1;
        if (g & G_DOC)
            f[DC_PT_F_url_doc] = 1;
        if (g & G_FORUM)
            f[DC_PT_F_url_forum] = 1;
        if (g & G_SERVICE)
            f[DC_PT_F_url_service] = 1;
        if (g & G_ARTICLE)
            f[DC_PT_F_url_article] = 1;
    }
    f[DC_PT_F_url_depth] = lg(depth);
    f[DC_PT_F_url_root] = depth == 0;
    f[DC_PT_F_url_date] = (float)date;
    f[DC_PT_F_url_slug_words] = lg(slug);
    f[DC_PT_F_url_slash] = depth > 0 && s > url && s[-1] == '/';
}

/* ------------------------------------------------- declared types */

static void schema_type(const char *s, size_t n, float *f)
{
    unsigned g = dc_pt_schema_word(s, n);
    /* TechArticle is documentation, not also an article. */
    if (g & G_DOC)
        f[DC_PT_F_ld_doc] = 1;
    else if (g & G_ARTICLE)
        f[DC_PT_F_ld_article] = 1;
    if (g & G_PRODUCT)
        f[DC_PT_F_ld_product] = 1;
    if (g & G_FORUM)
        f[DC_PT_F_ld_forum] = 1;
    if (g & G_LIST)
        f[DC_PT_F_ld_list] = 1;
    if (g & G_SERVICE)
        f[DC_PT_F_ld_service] = 1;
}

/* Every "@type": "X" and "@type": ["X", "Y"] of a JSON-LD block; a plain
 * scan, as the metadata phase has parsed the block already and the
 * nesting does not matter here. */
static void jsonld_types(const char *t, size_t n, float *f)
{
    const char *end = t + n;
    const char *p = t;
    while (p < end && (p = memchr(p, '@', (size_t)(end - p))) != NULL) {
        p++;
        if (end - p < 5 || memcmp(p, "type\"", 5) != 0)
            continue;
        p += 5;
        while (p < end && (*p == ' ' || *p == ':' || *p == '\n' || *p == '\t' || *p == '\r'))
            p++;
        int list = p < end && *p == '[';
        do {
            while (p < end && (*p == ' ' || *p == '[' || *p == ',' || *p == '\n' || *p == '\t'))
                p++;
            if (p >= end || *p != '"')
                break;
            const char *v = ++p;
            while (p < end && *p != '"')
                p++;
            const char *slash = v;
            for (const char *q = v; q < p; q++)
                if (*q == '/' || *q == ':')
                    slash = q + 1;
            schema_type(slash, (size_t)(p - slash), f);
            if (p < end)
                p++;
        } while (list && p < end && *p != ']');
    }
}

static void og_type(const char *c, float *f)
{
    if (!c)
        return;
    size_t n = strlen(c);
    if (dc_eq_ci(c, n, "article", 7) || (n > 8 && dc_eq_ci(c, 8, "article.", 8)))
        f[DC_PT_F_og_article] = 1;
    else if (dc_contains_ci(c, n, "product"))
        f[DC_PT_F_og_product] = 1;
    else if (dc_eq_ci(c, n, "website", 7))
        f[DC_PT_F_og_website] = 1;
}

/* Node i's declared type: <meta property="og:type">, a JSON-LD block, a
 * microdata itemtype. */
static void declared_type(const dc_dom *d, uint32_t i, float *f)
{
    const dc_node *n = &d->nodes[i];
    if (!n->attr_count)
        return;
    if (n->tag == DC_TAG_META) {
        const char *prop = dc_attr_get(d, i, "property", NULL);
        if (prop && dc_eq_ci(prop, strlen(prop), "og:type", 7))
            og_type(dc_attr_get(d, i, "content", NULL), f);
    } else if (n->tag == DC_TAG_SCRIPT) {
        const char *type = dc_attr_get(d, i, "type", NULL);
        uint32_t c = n->first_child;
        if (type && c && d->nodes[c].tag == DC_TAG_TEXT &&
            dc_contains_ci(type, strlen(type), "ld+json"))
            jsonld_types(d->nodes[c].text, d->nodes[c].text_len, f);
    } else {
        size_t len;
        const char *it = dc_attr_get(d, i, "itemtype", &len);
        if (!it || !dc_contains_ci(it, len, "schema.org/"))
            return;
        /* "http://schema.org/Product": the last path segment. */
        const char *e = it + len, *b = e;
        while (b > it && b[-1] != '/')
            b--;
        schema_type(b, (size_t)(e - b), f);
    }
}

/* ---------------------------------------------------- the structure */

/* Subtree bits, folded bottom-up. */
enum { B_TIME = 1, B_HEADING = 2, B_LINK = 4, B_PARA = 8 };

/* Does a short text hold a price: a currency sign or code beside a digit? */
static int has_price(const char *s, size_t n)
{
    /* Every short text node comes here, and most hold no digit at all. */
    if (!dc_has_digit(s, n))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t w = 0;
        if (c == '$')
            w = 1;
        else if (c == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] == 0xA3 ||
                                             (unsigned char)s[i + 1] == 0xA5))
            w = 2; /* £ ¥ */
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x82 &&
                 ((unsigned char)s[i + 2] == 0xAC || (unsigned char)s[i + 2] == 0xB9 ||
                  (unsigned char)s[i + 2] == 0xBD))
            w = 3; /* € ₹ ₽ */
        else if ((c == 'U' || c == 'E' || c == 'G') && i + 3 <= n &&
                 (memcmp(s + i, "USD", 3) == 0 || memcmp(s + i, "EUR", 3) == 0 ||
                  memcmp(s + i, "GBP", 3) == 0))
            w = 3;
        if (!w)
            continue;
        /* a digit right after (skipping one space), or right before */
        size_t j = i + w;
        if (j < n && s[j] == ' ')
            j++;
        if ((j < n && is_digit(s[j])) || (i > 0 && is_digit(s[i - 1])) ||
            (i > 1 && s[i - 1] == ' ' && is_digit(s[i - 2])))
            return 1;
        i += w - 1;
    }
    return 0;
}

/* Does a short text read as a telephone number: 9 to 15 digits, with only
 * spaces, dots, dashes, slashes, brackets and a leading plus between? */
static int is_phone(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    while (i < n && (s[i] == ' ' || s[i] == ':'))
        i++;
    while (n > i && s[n - 1] == ' ')
        n--;
    if (i < n && s[i] == '+')
        i++;
    if (i >= n || !(is_digit(s[i]) || s[i] == '('))
        return 0;
    for (; i < n; i++) {
        char c = s[i];
        if (is_digit(c))
            d++;
        else if (c != ' ' && c != '.' && c != '-' && c != '/' && c != '(' && c != ')')
            return 0;
    }
    return d >= 9 && d <= 15;
}

/* The signature siblings are compared by: tag and first class token. */
static uint32_t signature(const dc_dom *d, uint32_t i)
{
    uint32_t h = DC_FNV_SEED ^ d->nodes[i].tag;
    size_t n;
    const char *c = dc_attr_get(d, i, "class", &n);
    if (c) {
        size_t k = 0;
        while (k < n && c[k] == ' ')
            k++;
        for (; k < n && c[k] != ' '; k++)
            h = dc_fnv1a_step(h, (unsigned char)c[k]);
    }
    return h;
}

typedef struct page_counts {
    uint32_t chars, h1, h2, h3, linked_h, articles, times, forms, buttons, code, prices, phones,
        cards, card_run, posts, body_cards, body_posts;
    uint32_t prose, body_prose; /* characters of prose, and of it in the body */
    uint32_t cls[7];
} page_counts;

static void count_node(const dc_extract_ctx *cx, uint32_t i, page_counts *pc)
{
    const dc_dom *d = cx->dom;
    const dc_node *n = &d->nodes[i];
    const dc_stats *s = &cx->st[i];
    switch (n->tag) {
    case DC_TAG_TEXT:
        pc->chars += s->chars;
        if (n->text_len <= 40 && has_price(n->text, n->text_len))
            pc->prices++;
        if (n->text_len <= 24 && n->text_len >= 9 && is_phone(n->text, n->text_len))
            pc->phones++;
        return;
    case DC_TAG_H1: pc->h1++; break;
    case DC_TAG_H2: pc->h2++; break;
    case DC_TAG_H3: case DC_TAG_H4: case DC_TAG_H5: case DC_TAG_H6: pc->h3++; break;
    case DC_TAG_ARTICLE: pc->articles++; break;
    case DC_TAG_TIME: pc->times++; break;
    case DC_TAG_FORM: pc->forms++; break;
    case DC_TAG_BUTTON: pc->buttons++; break;
    case DC_TAG_PRE: case DC_TAG_CODE: pc->code++; break;
    default: break;
    }
    if (n->tag >= DC_TAG_H1 && n->tag <= DC_TAG_H6 && s->link > 0)
        pc->linked_h++;
    /* Class names and ids: an id names a single part ("comments",
     * "product-detail") as tellingly (wcxb-dev cross-validated 7-way
     * accuracy 0.838 without them, 0.846 with). */
    for (uint32_t k = 0; k < n->attr_count; k++) {
        const dc_attr *a = &d->attrs[n->attr_first + k];
        if (a->key != DC_A_CLASS && a->key != DC_A_ID)
            continue;
        unsigned g = dc_pt_class_words(a->value, a->value_len);
        static const unsigned order[7] = {G_PRODUCT, G_FORUM, G_COMMENT, G_DOC,
                                          G_CARD, G_ARTICLE, G_SERVICE};
        for (int c = 0; g && c < 7; c++)
            if (g & order[c])
                pc->cls[c]++;
    }
}

/* Repeated children of element p: teaser cards (short, linked) and posts
 * (dated prose). */
static void count_runs(const dc_extract_ctx *cx, const uint8_t *bits, const uint8_t *in_body,
                       uint32_t p, page_counts *pc)
{
    const dc_dom *d = cx->dom;
    const dc_node *pn = &d->nodes[p];
    if (!dc_is_element(pn) || !pn->first_child || pn->first_child == pn->last_child)
        return;
    uint32_t prev_sig = 0, run = 0;
    for (uint32_t c = pn->first_child; c; c = d->nodes[c].next) {
        const dc_node *n = &d->nodes[c];
        if (!dc_is_element(n))
            continue;
        const dc_stats *s = &cx->st[c];
        int card = (bits[c] & B_LINK) && s->chars >= 10 && s->chars < 400;
        uint32_t sig = card || (bits[c] & B_TIME) ? signature(d, c) : 0;
        if (!sig) {
            prev_sig = 0, run = 0;
            continue;
        }
        run = sig == prev_sig ? run + 1 : 1;
        prev_sig = sig;
        if (run < 2)
            continue;
        if (card) {
            pc->cards++;
            pc->body_cards += in_body[c];
            if (run > pc->card_run)
                pc->card_run = run;
        }
        if ((bits[c] & B_TIME) && s->chars >= 150 && s->link * 3 < s->chars &&
            n->tag != DC_TAG_P && n->tag != DC_TAG_LI) {
            pc->posts++;
            pc->body_posts += in_body[c];
        }
    }
}

/* Marks the nodes inside the chosen containers. */
static void mark_body(const dc_extract_ctx *cx, uint8_t *in_body)
{
    const dc_dom *d = cx->dom;
    for (uint32_t k = 0; k < cx->sel->nroots; k++) {
        uint32_t r = cx->sel->roots[k];
        uint32_t end = dc_skip_in(d, r, 0);
        memset(in_body + r, 1, (end ? end : d->count) - r);
    }
}

/*
 * One pass over the page, children before their parents: every node's
 * declared type; for the body and what follows it, which subtrees hold a
 * <time>, a heading, a link or a paragraph (folded into the parent), the
 * counts of the body's subtree, and each parent's runs of repeated
 * children (whose bits are complete by the time the parent comes).
 *
 * And the page's prose: text outside links, hidden parts and furniture,
 * in pieces of 20 characters or more (a line of a menu or a footer is
 * shorter, a sentence is not), summed up the tree; and how much of it
 * the chosen body holds.  An article's body holds most of its page's
 * prose; a listing's or a forum's chosen part holds one teaser or post of
 * many.
 */
static int page_structure(const dc_extract_ctx *cx, page_counts *pc, float *f)
{
    const dc_dom *d = cx->dom;
    uint32_t body = d->body ? d->body : d->count, end = body;
    uint8_t *bits = NULL, *in_body = NULL;
    uint32_t *prose = NULL;
    if (d->body) {
        bits = dc_arena_alloc(cx->ar, 2 * (size_t)d->count);
        prose = dc_arena_alloc(cx->ar, sizeof *prose * (size_t)d->count);
        if (!bits || !prose)
            return 0;
        memset(bits, 0, 2 * (size_t)d->count);
        memset(prose, 0, sizeof *prose * (size_t)d->count);
        in_body = bits + d->count;
        mark_body(cx, in_body);
        /* The body's subtree is the nodes after it up to where it ends. */
        end = dc_skip_in(d, d->body, 0);
        if (!end)
            end = d->count;
    }
    for (uint32_t i = d->count; i-- > 1;) {
        declared_type(d, i, f);
        if (i < body)
            continue;
        const dc_node *n = &d->nodes[i];
        uint8_t own = 0;
        switch (n->tag) {
        case DC_TAG_TIME: own = B_TIME; break;
        case DC_TAG_H1: case DC_TAG_H2: case DC_TAG_H3: case DC_TAG_H4: case DC_TAG_H5:
        case DC_TAG_H6: own = B_HEADING; break;
        case DC_TAG_A: own = B_LINK; break;
        case DC_TAG_P: own = B_PARA; break;
        default: break;
        }
        bits[i] |= own;
        if (n->tag == DC_TAG_TEXT && cx->st[i].chars >= 20)
            prose[i] = cx->st[i].chars;
        if (n->parent >= body) {
            bits[n->parent] |= bits[i];
            if (n->tag != DC_TAG_A && !(cx->mark[i].flags & DC_F_HARD) && !cx->st[i].dropped)
                prose[n->parent] += prose[i];
        }
        if (i < end)
            count_node(cx, i, pc);
        count_runs(cx, bits, in_body, i, pc);
    }
    if (d->body) {
        pc->prose = prose[d->body];
        for (uint32_t k = 0; k < cx->sel->nroots; k++)
            pc->body_prose += prose[cx->sel->roots[k]];
        if (pc->body_prose > pc->prose)
            pc->body_prose = pc->prose;
    }
    return 1;
}

/* ------------------------------------------------------ the features */

/* What the body's blocks say, in words whatever the script (see
 * pagetype_prose.c): a Chinese paragraph of 200 characters is as long as
 * an English one of 130 words, and its UTF-8 is three times as many bytes
 * as a Polish one of the same length. */
typedef struct body_words {
    float words, par_words, par_max, run, best;
    uint32_t pars, long_pars, sentences;
} body_words;

/*
 * One block into the counts.  Prose runs on for paragraphs in a story; a
 * forum's posts and a listing's teasers are broken up by headings, lists
 * and short lines (names, dates, "read more").  Captions and lines of a
 * few words (a photo credit) neither add to a run nor break it.  A row of
 * an old table layout may hold a whole story in its one cell: rows that
 * read as sentences count as prose too.
 */
static void block_words(const dc_block *bl, body_words *bw)
{
    if (bl->kind == DC_BLOCK_CAPTION)
        return;
    dc_pt_prose pr = {0, 0, 0};
    dc_pt_prose_scan(bl->text, bl->len, &pr);
    bw->words += pr.units;
    int textual = bl->kind == DC_BLOCK_PARAGRAPH || bl->kind == DC_BLOCK_QUOTE ||
                  bl->kind == DC_BLOCK_TABLE_ROW;
    uint32_t sent = pr.sentences + (pr.tail >= 8);
    int prose = textual && sent && pr.units >= 8;
    if (bl->kind == DC_BLOCK_PARAGRAPH || prose) {
        bw->pars++;
        bw->par_words += pr.units;
        bw->long_pars += pr.units >= 40;
        if (pr.units > bw->par_max)
            bw->par_max = pr.units;
    }
    if (prose) {
        bw->sentences += sent;
        bw->run += pr.units;
        if (bw->run > bw->best)
            bw->best = bw->run;
    } else if (bl->kind != DC_BLOCK_PARAGRAPH || pr.units >= 4) {
        bw->run = 0;
    }
}

/*
 * The share of the body's text in blocks that are mostly one link: a
 * teaser's headline, a menu line, "read more".  A story that links names
 * and places inside its sentences has as many link characters as a list of
 * teasers, but prose runs on around its links in the same paragraph; a
 * listing's links are whole lines.
 */
static float line_link_share(const dc_extract_ctx *cx, const dc_blocks *b)
{
    uint64_t all = 0, lines = 0;
    for (size_t k = 0; k < b->count; k++) {
        const dc_stats *st = &cx->st[b->items[k].node];
        all += st->chars;
        if (st->chars && st->link * 10 >= st->chars * 8)
            lines += st->chars;
    }
    return all ? (float)lines / (float)all : 0;
}

static void body_features(const dc_pt_page *p, uint32_t page_chars, float *f)
{
    const dc_extract_ctx *cx = p->cx;
    const dc_blocks *b = p->blocks;
    uint32_t kept = 0;
    for (uint32_t k = 0; k < cx->sel->nroots; k++)
        kept += cx->st[cx->sel->roots[k]].chars;
    uint32_t items = 0, heads = 0, rows = 0, pre = 0;
    body_words bw = {0};
    for (size_t k = 0; k < b->count; k++) {
        const dc_block *bl = &b->items[k];
        block_words(bl, &bw);
        switch (bl->kind) {
        case DC_BLOCK_LIST_ITEM: items++; break;
        case DC_BLOCK_HEADING: heads++; break;
        case DC_BLOCK_TABLE_ROW: rows++; break;
        case DC_BLOCK_PRE: pre++; break;
        default: break;
        }
    }
    f[DC_PT_F_lenient] = (float)cx->sel->lenient;
    f[DC_PT_F_body_words] = lg(bw.words);
    f[DC_PT_F_body_share] = page_chars ? (float)kept / (float)page_chars : 0;
    if (f[DC_PT_F_body_share] > 1)
        f[DC_PT_F_body_share] = 1;
    f[DC_PT_F_line_links] = line_link_share(cx, b);
    f[DC_PT_F_paragraphs] = lg(bw.pars);
    f[DC_PT_F_par_max] = lg(bw.par_max);
    f[DC_PT_F_par_mean] = bw.pars ? lg(bw.par_words / (float)bw.pars) : 0;
    f[DC_PT_F_long_pars] = lg(bw.long_pars);
    f[DC_PT_F_list_share] = b->count ? (float)items / (float)b->count : 0;
    f[DC_PT_F_heading_blocks] = lg(heads);
    f[DC_PT_F_table_rows] = lg(rows);
    f[DC_PT_F_pre_blocks] = lg(pre);
    f[DC_PT_F_related] = lg(p->a->related_count);
    f[DC_PT_F_sentences] = lg(bw.sentences);
    f[DC_PT_F_sent_words] = bw.sentences ? lg(bw.words / (float)bw.sentences) : 0;
    f[DC_PT_F_run_words] = lg(bw.best);
}

int dc_pagetype_features(const dc_pt_page *p, float *f)
{
    memset(f, 0, sizeof(float) * DC_PT_NFEAT);
    const decant_article *a = p->a;
    url_features(p->url ? p->url : a->field[DECANT_FIELD_URL], f);
    f[DC_PT_F_dated] = a->field[DECANT_FIELD_DATE_PUBLISHED] != NULL;
    f[DC_PT_F_author] = a->author_count > 0;
    f[DC_PT_F_modified] = a->field[DECANT_FIELD_DATE_MODIFIED] != NULL;
    f[DC_PT_F_tags] = lg(a->tag_count);
    f[DC_PT_F_description] = a->field[DECANT_FIELD_DESCRIPTION] != NULL;
    /* A date or a byline the reader sees by the headline, however old
     * the page's markup (meta_dates.c, meta_authors.c). */
    const char *src = a->source[DECANT_FIELD_DATE_PUBLISHED];
    f[DC_PT_F_dateline] = src && (strcmp(src, "dateline") == 0 || strcmp(src, "time-element") == 0);
    src = a->source[DECANT_FIELD_AUTHORS];
    f[DC_PT_F_byline] = src && strcmp(src, "byline") == 0;
    const char *title = a->field[DECANT_FIELD_TITLE];
    if (title) {
        /* in words, not characters: a headline in Chinese is a third as
         * long in characters as the same one in English */
        dc_pt_prose tp;
        dc_pt_prose_scan(title, strlen(title), &tp);
        f[DC_PT_F_title_words] = lg(tp.units);
    }

    page_counts pc;
    memset(&pc, 0, sizeof pc);
    if (!page_structure(p->cx, &pc, f))
        return 0;
    body_features(p, pc.chars, f);
    f[DC_PT_F_page_chars] = lg(pc.chars);
    f[DC_PT_F_h1] = lg(pc.h1);
    f[DC_PT_F_h2] = lg(pc.h2);
    f[DC_PT_F_h3] = lg(pc.h3);
    f[DC_PT_F_linked_headings] = lg(pc.linked_h);
    f[DC_PT_F_articles] = lg(pc.articles);
    f[DC_PT_F_times] = lg(pc.times);
    f[DC_PT_F_forms] = lg(pc.forms);
    f[DC_PT_F_buttons] = lg(pc.buttons);
    f[DC_PT_F_code] = lg(pc.code);
    f[DC_PT_F_prices] = lg(pc.prices);
    f[DC_PT_F_phones] = lg(pc.phones);
    f[DC_PT_F_cards] = lg(pc.cards);
    f[DC_PT_F_card_run] = lg(pc.card_run);
    f[DC_PT_F_posts] = lg(pc.posts);
    f[DC_PT_F_body_cards] = lg(pc.body_cards);
    f[DC_PT_F_body_posts] = lg(pc.body_posts);
    f[DC_PT_F_prose_share] = pc.prose ? (float)pc.body_prose / (float)pc.prose : 0;
    static const int cls[7] = {DC_PT_F_cls_product, DC_PT_F_cls_post, DC_PT_F_cls_comment,
                               DC_PT_F_cls_doc, DC_PT_F_cls_card, DC_PT_F_cls_article,
                               DC_PT_F_cls_service};
    for (int c = 0; c < 7; c++)
        f[cls[c]] = lg(pc.cls[c]);
    return 1;
}

/* ------------------------------------------------------- the model */

void dc_pagetype_classify(const dc_pt_model *m, const float *f, decant_article *a)
{
    float z[DC_PT_NCLASS], top = -1e30f;
    for (int c = 0; c < DC_PT_NCLASS; c++) {
        float s = m->bias[c];
        for (unsigned k = 0; k < DC_PT_NFEAT; k++)
            s += m->w[c][k] * ((f[k] - m->mean[k]) / m->scale[k]);
        z[c] = s;
        if (s > top)
            top = s;
    }
    float sum = 0;
    for (int c = 0; c < DC_PT_NCLASS; c++) {
        z[c] = expf(z[c] - top);
        sum += z[c];
    }
    memset(a->pt_prob, 0, sizeof a->pt_prob);
    int best = -1, art = -1;
    for (int c = 0; c < DC_PT_NCLASS; c++) {
        decant_page_type t = m->classes[c];
        a->pt_prob[t] = z[c] / sum;
        if (t == DECANT_PAGE_ARTICLE)
            art = c;
        else if (best < 0 || z[c] > z[best])
            best = c;
    }
    a->is_article = art >= 0 && a->pt_prob[DECANT_PAGE_ARTICLE] >= m->article_min;
    a->page_type = a->is_article ? DECANT_PAGE_ARTICLE : m->classes[best];
}
