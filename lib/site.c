/*
 * site.c — site templates (see site.h): fingerprinting a page and the
 * model's verdicts on it (the model itself: site_model.c).
 *
 * Why two fingerprints per block.  A footer, a menu or a press-registration
 * line repeat word for word: their text hash (the "line") is seen on other
 * pages of the site.  A "most read" box repeats its place in the template
 * but not its headlines: its shape (the path of tags and first class names
 * from <body>) is seen on other pages, and there it is a link list, or made
 * of lines seen elsewhere.  The article's own container repeats its shape
 * too, but its lines are its own and it is prose, so neither rule takes it.
 *
 * Evidence is counted per distinct page: a page's identity is the hash of
 * its three longest lines, so the same story fetched twice, or under two
 * URLs, does not make its own paragraphs look like a template.
 */
#include "site.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "site_model.h"
#include "text.h"

typedef dc_site_entry entry;
typedef dc_site_rec site;
#define table_find dc_site_table_find
#define has_identity dc_site_has_identity
#define nonzero dc_site_nonzero
#define site_find dc_site_find

/* ------------------------------------------------------------ limits */

/* A line this long (in bytes of UTF-8: 80 Latin letters, 40 Cyrillic or
 * Greek, 27 Chinese characters) is prose, and needs more evidence: to be
 * seen on LONG_SHARE % of the site's other pages, and on two at least.
 * (daniel-dev, the 498 pages of sites with three pages or more, two
 * passes: 50% P 0.9280 R 0.9304, 35% P 0.9316 R 0.9304.) */
#define LONG_LINE 80
#define LONG_SHARE 35
/* Other pages of its site a page needs before the model says anything. */
#define MIN_OTHERS 2
/* Characters of a page's own prose that make it a story, so that the
 * teaser cards beside it go; a listing's cards are its content. */
#define STORY_PROSE 500


/* ------------------------------------------------------ fingerprints */

/* Elements that make a print: the blocks a template is built of. */
static int print_block(dc_tag t)
{
    /* dom.c's block tags, but for the document's frame, breaks and rules,
     * and the form controls and dialogs that templates do not repeat as
     * blocks. */
    switch (t) {
    case DC_TAG_HR: case DC_TAG_DIALOG: case DC_TAG_LEGEND: case DC_TAG_BODY: case DC_TAG_HTML:
    case DC_TAG_DOCUMENT: case DC_TAG_BR: case DC_TAG_LABEL: case DC_TAG_OPTION:
    case DC_TAG_SELECT: case DC_TAG_TEXTAREA: case DC_TAG_BUTTON:
        return 0;
    default:
        return dc_tag_is_block(t);
    }
}

/* The text of a line, as hashed: ASCII lower case, whitespace runs as one
 * space, no leading or trailing space.  Digits stay: a dateline is the
 * story's, though its words are on every page. */
typedef struct norm {
    uint32_t h;
    uint32_t chars, bytes;
    uint8_t started, space, wordy; /* wordy: a letter or digit was seen */
} norm;

static void norm_init(norm *z)
{
    z->h = DC_FNV_SEED;
    z->chars = z->bytes = 0;
    z->started = z->space = z->wordy = 0;
}

/* Per byte: the lower-case byte to hash, and its class. */
enum { B_SPACE = 1, B_START = 2, B_WORD = 4 };
static uint8_t byte_lower[256], byte_class[256];
static pthread_once_t bytes_once = PTHREAD_ONCE_INIT;

static void build_bytes(void)
{
    for (int c = 0; c < 256; c++) {
        byte_lower[c] = dc_lower((unsigned char)c);
        uint8_t k = 0;
        if (dc_is_space((unsigned char)c))
            k = B_SPACE;
        else if ((c & 0xC0) != 0x80)
            k = B_START; /* a character starts here */
        if (c >= 0x80 || dc_is_alpha((unsigned char)c) || (c >= '0' && c <= '9'))
            k |= B_WORD;
        byte_class[c] = k;
    }
}

/* The hottest loop of the module: every byte of the page's text. */
static void norm_feed(norm *z, const char *s, size_t n)
{
    uint32_t h = z->h, chars = z->chars, bytes = z->bytes;
    uint8_t started = z->started, space = z->space, wordy = z->wordy;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        uint8_t k = byte_class[c];
        if (k & B_SPACE) {
            space = started;
            continue;
        }
        if (space) {
            h = dc_fnv1a_step(h, ' ');
            space = 0;
            bytes++;
        }
        started = 1;
        bytes++;
        h = dc_fnv1a_step(h, byte_lower[c]);
        chars += (k & B_START) != 0;
        wordy |= k & B_WORD;
    }
    z->h = h;
    z->chars = chars;
    z->bytes = bytes;
    z->started = started;
    z->space = space;
    z->wordy = wordy != 0;
}

/* The first class name (or, without one, the id), digits folded: what a
 * template calls the block ("teaser", "post-#"). */
static uint32_t class_key(const dc_dom *d, uint32_t i, uint32_t h)
{
    size_t n = 0;
    const char *v = dc_attr_get(d, i, "class", &n);
    if (!v || !n)
        v = dc_attr_get(d, i, "id", &n);
    if (!v)
        return h;
    size_t k = 0;
    while (k < n && dc_is_space((unsigned char)v[k]))
        k++;
    h = dc_fnv1a_step(h, '.');
    int digit = 0;
    for (size_t e = 0; k < n && !dc_is_space((unsigned char)v[k]) && e < 48; k++, e++) {
        unsigned char c = (unsigned char)v[k];
        if (c >= '0' && c <= '9') {
            if (!digit)
                h = dc_fnv1a_step(h, '#');
            digit = 1;
            continue;
        }
        digit = 0;
        h = dc_fnv1a_step(h, dc_lower(c));
    }
    return h;
}

/* A layout table's cells are told apart by their place among their
 * siblings (up to the 16th): the same place holds the same box. */
static uint32_t place(const dc_dom *d, uint32_t i)
{
    dc_tag t = (dc_tag)d->nodes[i].tag;
    if (t != DC_TAG_TD && t != DC_TAG_TH && t != DC_TAG_TR && t != DC_TAG_TABLE)
        return 0;
    uint32_t k = 0;
    for (uint32_t s = d->nodes[i].prev; s && k < 16; s = d->nodes[s].prev)
        k += d->nodes[s].tag == t;
    return k + 1;
}

static uint32_t title_hash(const char *title)
{
    pthread_once(&bytes_once, build_bytes);
    if (!title || !*title)
        return 0;
    norm z;
    norm_init(&z);
    norm_feed(&z, title, strlen(title));
    return z.chars ? nonzero(z.h) : 0;
}

/*
 * Whether link i leads away from the page.  A teaser card or a link list
 * sends the reader to other pages; a heading's anchor ("#constructor"), a
 * table of contents or a footnote mark points into the page itself, and
 * the section it sits in is the page's own text, whatever its shape.  A
 * bare "#" or no address at all is a script's button, the template's.
 */
static int into_page(const dc_dom *d, uint32_t i)
{
    size_t n = 0;
    const char *href = dc_attr_get(d, i, "href", &n);
    while (href && n && dc_is_space((unsigned char)*href))
        href++, n--;
    return href && n >= 2 && *href == '#';
}

/* The page's identity: its three longest lines, order-free. */
static uint32_t identity(const dc_site_page *pg)
{
    uint32_t best[3] = {0, 0, 0}, len[3] = {0, 0, 0};
    for (uint32_t k = 0; k < pg->count; k++) {
        const dc_site_print *p = &pg->p[k];
        if (!p->line)
            continue;
        uint32_t c = p->chars, h = p->line;
        for (int j = 0; j < 3; j++) {
            if (c > len[j] || (c == len[j] && c && h > best[j])) {
                for (int m = 2; m > j; m--)
                    len[m] = len[m - 1], best[m] = best[m - 1];
                len[j] = c, best[j] = h;
                break;
            }
        }
    }
    /* sorted, so that the order the lines come in does not matter */
    for (int a = 0; a < 3; a++)
        for (int b = a + 1; b < 3; b++)
            if (best[b] < best[a]) {
                uint32_t t = best[a];
                best[a] = best[b];
                best[b] = t;
            }
    uint32_t h = DC_FNV_SEED;
    for (int j = 0; j < 3; j++)
        for (int s = 0; s < 32; s += 8)
            h = dc_fnv1a_step(h, (unsigned char)(best[j] >> s));
    return nonzero(h);
}

int dc_site_prints(const dc_dom *d, const char *title, const char *lead, dc_arena *ar,
                   dc_site_page *pg)
{
    pthread_once(&bytes_once, build_bytes);
    pg->count = 0;
    pg->p = NULL;
    pg->identity = 0;
    pg->verdicts = 0;
    pg->nominated = 0;
    pg->title = title_hash(title);
    pg->lead = title_hash(lead);
    if (!d->body)
        return 1;
    uint32_t n = d->count;
    /* per node: the print it is in, the shape of that print, "in a link" */
    uint32_t *in_print = dc_arena_alloc(ar, sizeof(uint32_t) * n);
    uint32_t *shape = dc_arena_alloc(ar, sizeof(uint32_t) * n);
    uint8_t *in_link = dc_arena_alloc(ar, n);
    /* a print is a node: no page has more prints than nodes */
    uint32_t cap = n < DC_SITE_MAX_PRINTS ? n : DC_SITE_MAX_PRINTS;
    dc_site_print *p = dc_arena_alloc(ar, sizeof(dc_site_print) * cap);
    norm *z = dc_arena_alloc(ar, sizeof(norm) * cap);
    uint8_t *inner = dc_arena_alloc(ar, cap);
    if (!in_print || !shape || !in_link || !p || !z || !inner)
        return 0;
    uint32_t body = d->body;
    uint32_t end = dc_skip_in(d, body, 0);
    if (!end)
        end = n;
    in_print[body] = DC_SITE_NONE;
    shape[body] = DC_FNV_SEED;
    in_link[body] = 0;
    uint32_t count = 0;
    for (uint32_t i = body + 1; i < end; i++) {
        const dc_node *nd = &d->nodes[i];
        uint32_t up = nd->parent;
        in_print[i] = in_print[up];
        shape[i] = shape[up];
        in_link[i] = in_link[up];
        if (nd->tag == DC_TAG_TEXT) {
            uint32_t k = in_print[i];
            if (k == DC_SITE_NONE || !nd->text_len)
                continue;
            uint32_t before = z[k].chars;
            norm_feed(&z[k], nd->text, nd->text_len);
            p[k].chars += z[k].chars - before;
            if (in_link[i])
                p[k].link += z[k].chars - before;
            continue;
        }
        if (!dc_is_element(nd))
            continue;
        if (nd->tag == DC_TAG_A && into_page(d, i)) {
            if (in_print[i] != DC_SITE_NONE)
                p[in_print[i]].inpage = 1;
        } else if (nd->tag == DC_TAG_A) {
            in_link[i] = 1;
            uint32_t k = in_print[i];
            if (k != DC_SITE_NONE && p[k].anchors < 0xFFFF)
                p[k].anchors++; /* folded upwards below, like the characters */
        }
        if (nd->tag == DC_TAG_SCRIPT || nd->tag == DC_TAG_STYLE || nd->tag == DC_TAG_TEMPLATE) {
            i = dc_skip_in(d, i, 0) - 1; /* their text is not the page's */
            if (i + 1 == 0 || i >= end)
                break;
            continue;
        }
        if (!print_block((dc_tag)nd->tag) || count == cap)
            continue;
        uint32_t h = dc_fnv1a_step(shape[up], nd->tag);
        h = class_key(d, i, h);
        uint32_t at = place(d, i);
        if (at)
            h = dc_fnv1a_step(h, (unsigned char)at);
        dc_site_print *q = &p[count];
        q->node = i;
        q->up = in_print[up];
        q->line = 0;
        q->shape = nonzero(h);
        q->chars = q->link = 0;
        q->anchors = 0;
        q->tag = nd->tag;
        q->wordy = 0;
        q->inpage = 0;
        norm_init(&z[count]);
        inner[count] = 0;
        if (q->up != DC_SITE_NONE)
            inner[q->up] = 1;
        in_print[i] = count;
        shape[i] = h;
        count++;
    }
    /* Leaves carry lines; subtree totals fold upwards (a print's parent
     * print always comes before it). */
    for (uint32_t k = 0; k < count; k++) {
        p[k].bytes = z[k].bytes;
        p[k].wordy = z[k].wordy;
        if (!inner[k] && z[k].chars)
            p[k].line = nonzero(z[k].h);
    }
    for (uint32_t k = count; k-- > 0;) {
        if (p[k].up != DC_SITE_NONE) {
            dc_site_print *u = &p[p[k].up];
            u->chars += p[k].chars;
            u->link += p[k].link;
            u->anchors = (uint16_t)(u->anchors + p[k].anchors < 0xFFFF ? u->anchors + p[k].anchors : 0xFFFF);
        }
    }
    pg->p = p;
    pg->count = count;
    pg->identity = identity(pg);
    return 1;
}

/* ------------------------------------------------------------ verdicts */

/* On how many other pages of the site (not this page, nor its twin) a
 * key was seen. */
static uint32_t others(const entry *e, int self)
{
    if (!e)
        return 0;
    return e->pages > (uint32_t)self ? e->pages - (uint32_t)self : 0;
}

/* tot[k]: characters of the leaf lines in print k's subtree; hit[k]: of
 * which seen on other pages (rule 1).  Folded upwards, children first. */
static void fold_leaves(const dc_site_print *p, uint32_t n, const uint8_t *nom, uint32_t *tot,
                        uint32_t *hit)
{
    for (uint32_t k = 0; k < n; k++) {
        tot[k] = p[k].line ? p[k].chars : 0;
        hit[k] = p[k].line && nom[k] == 1 ? p[k].chars : 0;
    }
    for (uint32_t k = n; k-- > 0;) {
        if (p[k].up != DC_SITE_NONE) {
            tot[p[k].up] += tot[k];
            hit[p[k].up] += hit[k];
        }
    }
}


typedef struct sibling {
    uint64_t key; /* parent print << 32 | shape */
    uint32_t k;
} sibling;

static int cmp_sibling(const void *a, const void *b)
{
    const sibling *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}

static int heading(uint8_t tag)
{
    return tag >= DC_TAG_H1 && tag <= DC_TAG_H6;
}

/* The first print with a line after print k (prints are in document
 * order), looked for among the next few only (a block's first line sits
 * under a wrapper or two), or n. */
static uint32_t next_line(const dc_site_print *p, uint32_t n, uint32_t k)
{
    for (uint32_t j = k + 1; j < n && j <= k + 16; j++)
        if (p[j].line)
            return j;
    return n;
}

/*
 * Does block k open with a heading that is an anchor into the page (a
 * table of contents points at it), over more text of its own than of
 * links?  That is a section of the page's own text: a reference page's
 * "Properties", a heading over a list of linked names, each with its
 * sentence.  A template's box has a heading for the reader, not an
 * anchor; a teaser's heading is its link.
 */
static int own_section(const dc_site_print *p, uint32_t n, uint32_t k)
{
    if (p[k].link * 2 >= p[k].chars)
        return 0;
    uint32_t j = next_line(p, n, k);
    if (j >= n || !heading(p[j].tag) || !p[j].inpage || p[j].link)
        return 0;
    for (uint32_t u = p[j].up; u != DC_SITE_NONE; u = p[u].up)
        if (u == k)
            return 1;
    return 0;
}

/* A teaser card: short, and linked (by its text, or by a picture whose
 * link has none); a paragraph or heading is text, not a card, nor is a
 * section of the page's own or what it holds. */
static int card_like(const dc_site_print *p, uint32_t n, uint32_t k)
{
    const dc_site_print *c = &p[k];
    if (c->tag == DC_TAG_P || heading(c->tag) || c->tag == DC_TAG_BLOCKQUOTE ||
        c->tag == DC_TAG_PRE)
        return 0;
    if (c->chars < 10 || c->chars > 600 || !(c->link * 4 >= c->chars || (c->anchors && !c->link)))
        return 0;
    for (uint32_t u = k; u != DC_SITE_NONE; u = p[u].up)
        if (own_section(p, n, u))
            return 0;
    return 1;
}

/*
 * The verdicts of site `s` on page pg into nom[k] (1 = nominated), by the
 * rules of site.h.  Returns how many were nominated.
 */
static uint32_t judge(const site *s, const dc_site_page *pg, uint8_t *nom, uint32_t *tot,
                      uint32_t *hit, sibling *sib)
{
    int self = has_identity(s, pg->identity);
    /* Two pages may share a box by chance (two posts on one event); a
     * template shows on three. */
    if (s->pages < (uint32_t)self + MIN_OTHERS)
        return 0;
    uint32_t n = pg->count;
    const dc_site_print *p = pg->p;
    /* Lines seen on other pages; the headline (and what holds it) never. */
    for (uint32_t k = 0; k < n; k++) {
        nom[k] = 0;
        if (!p[k].line)
            continue;
        uint32_t c = others(table_find(&s->lines, p[k].line), self);
        /* A long line is prose: a site's boilerplate prose (a disclaimer,
         * an "about us") is on most of its pages, a paragraph that two
         * stories share is on few. */
        uint32_t need = 1;
        if (p[k].bytes >= LONG_LINE) {
            uint32_t o = s->pages - (uint32_t)self;
            need = (o * LONG_SHARE + 99) / 100 > 2 ? (o * LONG_SHARE + 99) / 100 : 2;
        }
        if (c >= need && p[k].line != pg->title && p[k].line != pg->lead && p[k].wordy)
            nom[k] = 1; /* rule 1: a line of other pages */
    }
    /* Teaser cards: three or more siblings of one shape, each short and
     * holding a link, in a place other pages have them too.  Siblings are
     * found by sorting the card-like prints by (parent, shape). */
    uint32_t nc = 0;
    for (uint32_t k = 0; k < n; k++) {
        tot[k] = 0;
        if (card_like(p, n, k))
            sib[nc++] = (sibling){(uint64_t)p[k].up << 32 | p[k].shape, k};
    }
    qsort(sib, nc, sizeof *sib, cmp_sibling);
    for (uint32_t a = 0; a < nc;) {
        uint32_t b = a;
        while (b < nc && sib[b].key == sib[a].key)
            b++;
        if (b - a >= 3 && others(table_find(&s->shapes, (uint32_t)sib[a].key), self) >= 1)
            for (uint32_t j = a; j < b; j++)
                tot[sib[j].k] = 1;
        a = b;
    }
    /* A listing's cards are its content: they go only when the page's
     * longest prose line is outside them (the story beside the teasers). */
    uint32_t longest = DC_SITE_NONE;
    for (uint32_t k = 0; k < n; k++)
        if (p[k].line && !nom[k] && p[k].link * 2 < p[k].chars &&
            (longest == DC_SITE_NONE || p[k].chars > p[longest].chars))
            longest = k;
    int in_card = 0;
    for (uint32_t u = longest; u != DC_SITE_NONE && !in_card; u = p[u].up)
        in_card = tot[u] != 0;
    /* ... and when the page has a story's worth of its own prose outside
     * cards: long lines, not links, not seen elsewhere. */
    uint32_t own = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (!p[k].line || nom[k] || p[k].bytes < LONG_LINE || p[k].link * 2 >= p[k].chars)
            continue;
        int carded = 0;
        for (uint32_t u = k; u != DC_SITE_NONE && !carded; u = p[u].up)
            carded = tot[u] != 0;
        if (!carded)
            own += p[k].chars;
    }
    for (uint32_t k = 0; k < n && longest != DC_SITE_NONE && !in_card && own >= STORY_PROSE; k++)
        if (tot[k] && !nom[k])
            nom[k] = 4; /* a teaser card */
    /* Boxes: mostly made of repeated lines, or a link list where other
     * pages have one. */
    fold_leaves(p, n, nom, tot, hit);
    for (uint32_t k = 0; k < n; k++) {
        if (p[k].line || !p[k].chars)
            continue;
        const entry *e = table_find(&s->shapes, p[k].shape);
        uint32_t c = others(e, self);
        if (c >= 1 && hit[k] * 10 >= p[k].chars * 6)
            nom[k] = 2; /* a box of such lines */
        else if (c >= 2 && e && e->link >= 60 * e->pages && p[k].chars >= 20 &&
                 p[k].link * 10 >= p[k].chars * 4)
            nom[k] = 3; /* a link list where other pages have one */
    }
    /* A heading the site repeats over text of the page's own
     * ("Constructor", "Pros") is that text's title: it stays when the
     * text after it does. */
    for (uint32_t k = 0; k < n; k++) {
        if (nom[k] != 1 || !heading(p[k].tag))
            continue;
        uint32_t j = next_line(p, n, k);
        int dropped = j >= n;
        for (uint32_t u = j; !dropped && u != DC_SITE_NONE; u = p[u].up)
            dropped = nom[u] != 0;
        if (!dropped)
            nom[k] = 0;
    }
    /* The headline's and standfirst's lines, the page's longest line of
     * its own prose, and every block around them stay. */
    for (uint32_t k = 0; k < n; k++) {
        if (!p[k].line || (k != longest && p[k].line != pg->title && p[k].line != pg->lead))
            continue;
        for (uint32_t u = k; u != DC_SITE_NONE; u = p[u].up)
            nom[u] = 0;
    }
    uint32_t count = 0;
    for (uint32_t k = 0; k < n; k++)
        count += nom[k] != 0;
    return count;
}

void dc_site_verdicts(const decant_site_model *m, dc_site_page *pg, uint8_t *out)
{
    pg->verdicts = 0;
    pg->nominated = 0;
    if (!m || !pg->site[0] || !pg->count)
        return;
    decant_site_model *mm = (decant_site_model *)m; /* the lock only */
    pthread_rwlock_rdlock(&mm->lock);
    const site *s = site_find(m, pg->site);
    uint8_t *nom = NULL;
    uint32_t *tot = NULL, *hit = NULL;
    sibling *sib = NULL;
    if (s && s->pages) {
        nom = dc_malloc(m->alloc, pg->count);
        tot = dc_malloc(m->alloc, sizeof(uint32_t) * pg->count);
        hit = dc_malloc(m->alloc, sizeof(uint32_t) * pg->count);
        sib = dc_malloc(m->alloc, sizeof(sibling) * pg->count);
    }
    if (nom && tot && hit && sib) {
        pg->nominated = judge(s, pg, nom, tot, hit, sib);
        uint32_t h = DC_FNV_SEED;
        for (uint32_t k = 0; k < pg->count && pg->nominated; k++) {
            if (!nom[k])
                continue;
            for (int b = 0; b < 32; b += 8)
                h = dc_fnv1a_step(h, (unsigned char)(k >> b));
            if (out)
                out[pg->p[k].node] = nom[k];
        }
        pg->verdicts = pg->nominated ? nonzero(h) : 0;
    }
    /* Out of memory here only means no verdicts: the page comes out as it
     * would without a model. */
    dc_free(m->alloc, sib, sizeof(sibling) * pg->count);
    dc_free(m->alloc, hit, sizeof(uint32_t) * pg->count);
    dc_free(m->alloc, tot, sizeof(uint32_t) * pg->count);
    dc_free(m->alloc, nom, pg->count);
    pthread_rwlock_unlock(&mm->lock);
}

int decant_site_model_would_change(const decant_site_model *m, const decant_article *a)
{
    if (!m || !a || !a->site_page)
        return 0;
    dc_site_page pg = *a->site_page;
    dc_site_verdicts(m, &pg, NULL);
    return pg.verdicts != a->site_page->verdicts;
}

const char *decant_article_site(const decant_article *a)
{
    return a && a->site_page && a->site_page->site[0] ? a->site_page->site : NULL;
}
