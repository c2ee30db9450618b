/*
 * guard.c — see guard.h.
 *
 * The model of the parser is deliberately rough, but its errors are steered
 * one way: when unsure, the guard assumes an element stays open (a deeper
 * estimate only ever flattens a pathological page), and it never skips
 * markup the parser would see as tags (a skipped <div> is one the bound
 * cannot catch).  That is why raw-text skipping and honouring "/>" in SVG
 * and MathML stop for the rest of the page once the guard loses track of
 * foreign content.
 */
#include "guard.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "html_scan.h"
#include "text.h"

/* Name classes. */
enum {
    K_VOID = 1 << 0,      /* never has an end tag                            */
    K_OPTEND = 1 << 1,    /* implied ends (p, li, td, ...): not counted     */
    K_RAW = 1 << 2,       /* raw text or RCDATA in HTML                      */
    K_PLAINTEXT = 1 << 3,
    K_FMT = 1 << 4,       /* formatting: reconstructed by the parser         */
    K_BREAKOUT = 1 << 5,  /* leaves SVG/MathML when met inside it            */
    K_SVG_IP = 1 << 6,    /* children are HTML again (inside SVG)            */
    K_MATH_IP = 1 << 7,   /* children are HTML again (inside MathML)         */
    K_SVG = 1 << 8,
    K_MATH = 1 << 9,
    K_ONE = 1 << 10,      /* a, nobr: a new one closes the open one          */
};

typedef struct name_kind {
    const char *name;
    unsigned kind;
} name_kind;

/* Sorted for bsearch. */
static const name_kind names[] = {
    {"a", K_ONE},
    {"annotation-xml", K_MATH_IP},
    {"area", K_VOID},
    {"b", K_FMT | K_BREAKOUT},
    {"base", K_VOID},
    {"basefont", K_VOID},
    {"bgsound", K_VOID},
    {"big", K_FMT | K_BREAKOUT},
    {"blockquote", K_BREAKOUT},
    {"body", K_OPTEND | K_BREAKOUT},
    {"br", K_VOID | K_BREAKOUT},
    {"caption", K_OPTEND},
    {"center", K_BREAKOUT},
    {"code", K_FMT | K_BREAKOUT},
    {"col", K_VOID},
    {"colgroup", K_OPTEND},
    {"dd", K_OPTEND | K_BREAKOUT},
    {"desc", K_SVG_IP},
    {"div", K_BREAKOUT},
    {"dl", K_BREAKOUT},
    {"dt", K_OPTEND | K_BREAKOUT},
    {"em", K_FMT | K_BREAKOUT},
    {"embed", K_VOID | K_BREAKOUT},
    {"font", K_FMT | K_BREAKOUT},
    {"foreignobject", K_SVG_IP},
    {"frame", K_VOID},
    {"h1", K_BREAKOUT},
    {"h2", K_BREAKOUT},
    {"h3", K_BREAKOUT},
    {"h4", K_BREAKOUT},
    {"h5", K_BREAKOUT},
    {"h6", K_BREAKOUT},
    {"head", K_OPTEND | K_BREAKOUT},
    {"hr", K_VOID | K_BREAKOUT},
    {"html", K_OPTEND},
    {"i", K_FMT | K_BREAKOUT},
    {"iframe", K_RAW},
    {"image", K_VOID},
    {"img", K_VOID | K_BREAKOUT},
    {"input", K_VOID},
    {"keygen", K_VOID},
    {"li", K_OPTEND | K_BREAKOUT},
    {"link", K_VOID},
    {"listing", K_BREAKOUT},
    {"math", K_MATH},
    {"menu", K_BREAKOUT},
    {"meta", K_VOID | K_BREAKOUT},
    {"mi", K_MATH_IP},
    {"mn", K_MATH_IP},
    {"mo", K_MATH_IP},
    {"ms", K_MATH_IP},
    {"mtext", K_MATH_IP},
    {"nobr", K_ONE | K_BREAKOUT},
    {"noembed", K_RAW},
    {"noframes", K_RAW},
    {"ol", K_BREAKOUT},
    {"optgroup", K_OPTEND},
    {"option", K_OPTEND},
    {"p", K_OPTEND | K_BREAKOUT},
    {"param", K_VOID},
    {"plaintext", K_PLAINTEXT},
    {"pre", K_BREAKOUT},
    {"rb", K_OPTEND},
    {"rp", K_OPTEND},
    {"rt", K_OPTEND},
    {"rtc", K_OPTEND},
    {"ruby", K_BREAKOUT},
    {"s", K_FMT | K_BREAKOUT},
    {"script", K_RAW},
    {"small", K_FMT | K_BREAKOUT},
    {"source", K_VOID},
    {"span", K_BREAKOUT},
    {"strike", K_FMT | K_BREAKOUT},
    {"strong", K_FMT | K_BREAKOUT},
    {"style", K_RAW},
    {"sub", K_BREAKOUT},
    {"sup", K_BREAKOUT},
    {"svg", K_SVG},
    {"table", K_BREAKOUT},
    {"tbody", K_OPTEND},
    {"td", K_OPTEND},
    {"textarea", K_RAW},
    {"tfoot", K_OPTEND},
    {"th", K_OPTEND},
    {"thead", K_OPTEND},
    {"title", K_RAW | K_SVG_IP},
    {"tr", K_OPTEND},
    {"track", K_VOID},
    {"tt", K_FMT | K_BREAKOUT},
    {"u", K_FMT | K_BREAKOUT},
    {"ul", K_BREAKOUT},
    {"var", K_BREAKOUT},
    {"wbr", K_VOID},
    {"xmp", K_RAW},
};

/* Flags of an entry on the modelled stack. */
enum {
    E_SVG = 1,  /* in the SVG namespace     */
    E_MATH = 2, /* in the MathML namespace  */
    E_IP = 4,   /* an integration point     */
    E_FMT = 8,  /* a formatting element     */
};

typedef struct entry {
    uint32_t hash;
    uint8_t flags;
} entry;

#define BUCKETS 4096u
/*
 * Most tags make the parser walk its stack (is a <p> open in button scope?),
 * so a page's parse costs about the sum of the depths its tags are met at.
 * Once that sum passes WORK_MAX (60 times the most any of 1,678 benchmark
 * pages reached), tags deeper than LOCK_DEPTH are removed: 2,000 nested
 * elements with 50,000 <li> inside them would otherwise cost seconds.
 */
#define WORK_MAX ((size_t)16 << 20)
#define LOCK_DEPTH 32u
/* Entries an end tag may search once the search budget is spent. */
#define WINDOW 64u

typedef struct guard {
    const char *s;
    size_t len;
    entry *stack;
    size_t depth, bound;
    size_t excess;       /* dropped opens still awaiting their end tag     */
    size_t fmt_open;
    size_t nodes;        /* start tags plus reconstructed formatting      */
    size_t search_budget;
    size_t work;         /* sum of depths tags were kept at               */
    int locked;          /* work exceeded WORK_MAX                        */
    int uncertain;       /* lost track of foreign content                  */
    int foreign_seen;    /* an <svg> or <math> was opened                  */
    uint32_t *bucket;    /* hash % BUCKETS -> entries on the stack         */
    /* the rewritten copy, made at the first removal */
    dc_arena *ar;
    char *out;
    size_t out_len, emitted;
    dc_guard_stats st;
} guard;

unsigned dc_guard_depth_bound(unsigned max_depth)
{
    unsigned long b = (unsigned long)max_depth * 4u;
    if (b < 256)
        b = 256;
    if (b > 65536)
        b = 65536;
    return (unsigned)b;
}

/* Every start and end tag of the page is classified, so the names sit in an
 * open-addressing hash table (built once) rather than a binary search. */
#define NAME_SLOTS 512u
static int16_t name_slot[NAME_SLOTS];
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static uint32_t name_hash(const char *s)
{
    return dc_fnv1a(s, strlen(s));
}

static void build_names(void)
{
    for (size_t i = 0; i < NAME_SLOTS; i++)
        name_slot[i] = -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        uint32_t h = name_hash(names[i].name);
        while (name_slot[h & (NAME_SLOTS - 1)] >= 0)
            h++;
        name_slot[h & (NAME_SLOTS - 1)] = (int16_t)i;
    }
}

static unsigned kind_of_name(const char *lower)
{
    pthread_once(&names_once, build_names);
    for (uint32_t h = name_hash(lower);; h++) {
        int k = name_slot[h & (NAME_SLOTS - 1)];
        if (k < 0)
            return 0;
        if (strcmp(names[k].name, lower) == 0)
            return names[k].kind;
    }
}

/* Removes s[a..b) from the output, optionally leaving one space. */
static int drop(guard *g, size_t a, size_t b, int space)
{
    if (!g->out) {
        g->out = dc_arena_alloc(g->ar, g->len + 1);
        if (!g->out)
            return 0;
    }
    memcpy(g->out + g->out_len, g->s + g->emitted, a - g->emitted);
    g->out_len += a - g->emitted;
    if (space)
        g->out[g->out_len++] = ' ';
    g->emitted = b;
    return 1;
}

static int foreign_ctx(const guard *g)
{
    if (!g->depth)
        return 0;
    uint8_t f = g->stack[g->depth - 1].flags;
    return (f & (E_SVG | E_MATH)) && !(f & E_IP);
}

static void push(guard *g, uint32_t hash, uint8_t flags)
{
    g->stack[g->depth].hash = hash;
    g->stack[g->depth].flags = flags;
    g->depth++;
    g->bucket[hash % BUCKETS]++;
    if (g->depth > g->st.max_depth)
        g->st.max_depth = g->depth;
}

static void pop_to(guard *g, size_t k)
{
    while (g->depth > k) {
        g->depth--;
        g->bucket[g->stack[g->depth].hash % BUCKETS]--;
        /* Popped by another element's end, a formatting element stays in
         * the parser's list of active ones and is built again at the next
         * text: the node count must see those copies. */
        if ((g->stack[g->depth].flags & E_FMT) && g->depth > k)
            g->nodes++;
    }
}

/*
 * The index of the nearest open entry with this hash, or SIZE_MAX.  The
 * bucket count answers most misses at once; the rest walk the stack, fully
 * while the budget (proportional to the input) lasts, then only its top.
 * *sure is cleared when a truncated walk missed.
 */
static size_t find(guard *g, uint32_t hash, int *sure)
{
    *sure = 1;
    if (!g->bucket[hash % BUCKETS])
        return SIZE_MAX;
    size_t stop = 0;
    if (g->search_budget < g->depth) {
        stop = g->depth > WINDOW ? g->depth - WINDOW : 0;
    } else {
        g->search_budget -= g->depth;
    }
    for (size_t k = g->depth; k > stop; k--)
        if (g->stack[k - 1].hash == hash)
            return k - 1;
    if (stop)
        *sure = 0;
    return SIZE_MAX;
}

/* Just past the next '>' from p, or the end. */
static size_t to_gt(const guard *g, size_t p)
{
    const char *gt = p < g->len ? memchr(g->s + p, '>', g->len - p) : NULL;
    return gt ? (size_t)(gt - g->s) + 1 : g->len;
}

/* Where the raw text of element `lower` ends: the '<' of its end tag. */
static size_t raw_end(const guard *g, size_t p, const char *lower, size_t nl)
{
    return p + dc_raw_text_end(g->s + p, g->len - p, lower, nl);
}

typedef struct tag {
    size_t start, end;      /* the whole tag, '<' to past '>'             */
    char lower[16];         /* lower-case name, "" when longer            */
    size_t name_len;
    uint32_t hash;
    int end_tag, self_closing;
    size_t attrs;
    size_t attr_from, attr_to; /* all the attributes                      */
    size_t cut_from, cut_to; /* attributes to remove, when cut_to > cut_from */
    size_t cut_count;
    int drop;               /* set by on_start/on_end: remove the tag     */
    unsigned kind;
} tag;

/*
 * Reads a tag from s[i] ('<' followed by a letter, or "</" and a letter).
 * Returns 0 at the end of input inside the tag (the tokenizer drops it).
 */
static int read_tag(const guard *g, size_t i, tag *t)
{
    const char *s = g->s;
    size_t n = g->len, p = i + 1;
    memset(t, 0, sizeof *t);
    t->start = i;
    if (s[p] == '/') {
        t->end_tag = 1;
        p++;
    }
    uint32_t h = DC_FNV_SEED;
    size_t nl = 0;
    while (p < n && !dc_is_space((unsigned char)s[p]) && s[p] != '/' && s[p] != '>') {
        unsigned char c = dc_lower((unsigned char)s[p]);
        h = dc_fnv1a_step(h, c);
        if (nl < sizeof t->lower - 1)
            t->lower[nl] = (char)c;
        nl++;
        p++;
    }
    t->name_len = nl;
    if (nl >= sizeof t->lower)
        t->lower[0] = '\0';
    t->hash = h;
    for (;;) {
        while (p < n && dc_is_space((unsigned char)s[p]))
            p++;
        if (p >= n)
            return 0;
        if (s[p] == '>') {
            t->end = p + 1;
            return 1;
        }
        if (s[p] == '/') {
            if (p + 1 < n && s[p + 1] == '>') {
                t->self_closing = 1;
                t->end = p + 2;
                return 1;
            }
            p++;
            continue;
        }
        size_t a = p++; /* the first character may be anything, even '=' */
        while (p < n && !dc_is_space((unsigned char)s[p]) && s[p] != '/' && s[p] != '>' && s[p] != '=')
            p++;
        p = dc_attr_value_end(s, n, p);
        if (!p)
            return 0;
        t->attrs++;
        if (t->attrs == 1)
            t->attr_from = a;
        t->attr_to = p;
        if (t->attrs == DC_GUARD_MAX_ATTRS + 1)
            t->cut_from = a;
        if (t->attrs > DC_GUARD_MAX_ATTRS) {
            t->cut_to = p;
            t->cut_count++;
        }
    }
}

/* Removes the tag, or its excess attributes; 0 on out-of-memory. */
static int apply(guard *g, const tag *t)
{
    if (t->drop) {
        g->st.dropped_tags++;
        /* A removed block leaves a space so that words do not run together;
         * formatting is inline and leaves nothing. */
        return drop(g, t->start, t->end, !(t->kind & K_FMT));
    }
    if (t->cut_to > t->cut_from) {
        g->st.dropped_attrs += t->cut_count;
        return drop(g, t->cut_from, t->cut_to, 0);
    }
    return 1;
}

static void counted_open(guard *g, tag *t, uint8_t flags)
{
    if (g->depth >= g->bound) {
        g->excess++;
        t->drop = 1;
        return;
    }
    push(g, t->hash, flags);
}

/* Updates the model for a start tag; sets *resume to where scanning goes on. */
static void on_start(guard *g, tag *t, size_t *resume)
{
    unsigned kind = t->kind;
    *resume = t->end;
    if (g->locked && g->depth > LOCK_DEPTH && !(kind & (K_RAW | K_PLAINTEXT))) {
        t->drop = 1;
        if (!(kind & (K_VOID | K_OPTEND)) && !t->self_closing)
            g->excess++;
        return;
    }
    if (foreign_ctx(g)) {
        if (!strcmp(t->lower, "font"))
            g->uncertain = 1; /* a breakout only with color/face/size */
        if (kind & K_BREAKOUT) {
            while (foreign_ctx(g))
                pop_to(g, g->depth - 1);
        } else {
            if (t->self_closing && !g->uncertain)
                return;
            uint8_t ns = g->stack[g->depth - 1].flags & (E_SVG | E_MATH);
            if (kind & K_SVG)
                ns = E_SVG;
            else if (kind & K_MATH)
                ns = E_MATH;
            uint8_t ip = (ns == E_SVG && (kind & K_SVG_IP)) || (ns == E_MATH && (kind & K_MATH_IP)) ? E_IP : 0;
            counted_open(g, t, (uint8_t)(ns | ip));
            return;
        }
    }
    if (kind & K_RAW) {
        if (!g->uncertain)
            *resume = raw_end(g, t->end, t->lower, t->name_len);
        return;
    }
    if (kind & K_PLAINTEXT) {
        if (!g->uncertain)
            *resume = g->len;
        return;
    }
    if (kind & (K_VOID | K_OPTEND))
        return;
    if (kind & (K_SVG | K_MATH)) {
        g->foreign_seen = 1;
        if (!t->self_closing)
            counted_open(g, t, kind & K_SVG ? E_SVG : E_MATH);
        return;
    }
    if (kind & K_ONE) {
        int sure;
        size_t k = find(g, t->hash, &sure);
        if (k != SIZE_MAX)
            pop_to(g, k);
    }
    if (kind & K_FMT) {
        if (g->fmt_open >= DC_GUARD_MAX_FORMATTING) {
            t->drop = 1;
            return;
        }
        /* Identical entries are capped at three by the parser (the "Noah's
         * Ark" clause); attributes that differ are how a page defeats that,
         * so past a few open ones they go. */
        if (g->fmt_open >= DC_GUARD_FMT_ATTRS && t->attrs) {
            t->cut_from = t->attr_from;
            t->cut_to = t->attr_to;
            t->cut_count = t->attrs;
        }
        if (g->depth < g->bound)
            g->fmt_open++;
        counted_open(g, t, E_FMT);
        return;
    }
    counted_open(g, t, 0);
}

static void on_end(guard *g, tag *t)
{
    unsigned kind = t->kind;
    int counted = !(kind & (K_VOID | K_OPTEND | K_RAW | K_PLAINTEXT));
    if (g->excess && counted) {
        g->excess--;
        t->drop = 1;
        return;
    }
    /* The parser's adoption agency takes the element off its list of
     * active formatting elements whether or not it is still open. */
    if ((kind & K_FMT) && g->fmt_open)
        g->fmt_open--;
    int deep = g->locked && g->depth > LOCK_DEPTH;
    if (!counted) {
        t->drop = deep && (kind & K_OPTEND);
        return;
    }
    int sure;
    size_t k = find(g, t->hash, &sure);
    if (k != SIZE_MAX) {
        pop_to(g, k);
    } else if (deep) {
        t->drop = 1; /* closes nothing, but the parser would search for it */
    } else if (!sure && g->foreign_seen) {
        /* A missed pop can hide whether an <svg> is still open; with none
         * ever opened, nothing is foreign and raw text stays raw text. */
        g->uncertain = 1;
    }
}

int dc_guard_needed(const dc_prune_stats *ps, unsigned max_depth, size_t max_nodes)
{
    /* The guard's node count is at most a start tag plus one rebuilt
     * formatting element per start tag; its work at most every tag at the
     * deepest depth, which the start tags bound. */
    return ps->unsure || ps->start_tags >= dc_guard_depth_bound(max_depth) ||
           ps->start_tags > max_nodes / 2 || ps->max_fmt_open >= DC_GUARD_FMT_ATTRS ||
           ps->max_attrs > DC_GUARD_MAX_ATTRS ||
           (ps->start_tags && ps->tags > WORK_MAX / ps->start_tags);
}

decant_status dc_guard(const char **html, size_t *len, unsigned max_depth, size_t max_nodes,
                       dc_arena *ar, dc_guard_stats *stats)
{
    guard g;
    memset(&g, 0, sizeof g);
    g.s = *html;
    g.len = *len;
    g.ar = ar;
    g.bound = dc_guard_depth_bound(max_depth);
    /* Full stack walks cost at most a few passes over the input. */
    g.search_budget = 4 * g.len + 65536;
    g.stack = dc_arena_alloc(ar, g.bound * sizeof *g.stack);
    g.bucket = dc_arena_alloc(ar, BUCKETS * sizeof *g.bucket);
    if (!g.stack || !g.bucket)
        return DECANT_ERR_NOMEM;
    memset(g.bucket, 0, BUCKETS * sizeof *g.bucket);

    const char *s = g.s;
    size_t n = g.len, p = 0;
    while (p < n) {
        const char *lt = memchr(s + p, '<', n - p);
        if (!lt)
            break;
        size_t i = (size_t)(lt - s);
        if (i + 1 >= n)
            break;
        unsigned char c = (unsigned char)s[i + 1];
        if (c == '!') {
            if (i + 3 < n && s[i + 2] == '-' && s[i + 3] == '-') {
                size_t e = dc_comment_end(s + i, n - i);
                p = e ? i + e : n;
            } else {
                p = to_gt(&g, i + 2);
            }
            continue;
        }
        if (c == '?') {
            p = to_gt(&g, i + 2);
            continue;
        }
        if (c == '/' && !(i + 2 < n && dc_is_alpha((unsigned char)s[i + 2]))) {
            p = i + 2 < n && s[i + 2] == '>' ? i + 3 : to_gt(&g, i + 2);
            continue;
        }
        if (c != '/' && !dc_is_alpha(c)) {
            p = i + 1;
            continue;
        }
        tag t;
        if (!read_tag(&g, i, &t))
            break;
        t.kind = t.lower[0] ? kind_of_name(t.lower) : 0;
        if (t.end_tag) {
            on_end(&g, &t);
            p = t.end;
        } else {
            g.st.start_tags++;
            g.nodes++;
        }
        if (g.nodes > max_nodes) {
            if (stats) {
                g.st.work = g.work;
                *stats = g.st;
            }
            return DECANT_ERR_LIMIT;
        }
        if (!t.end_tag)
            on_start(&g, &t, &p);
        if (!t.drop && (g.work += g.depth) > WORK_MAX)
            g.locked = 1;
        if (!apply(&g, &t))
            return DECANT_ERR_NOMEM;
    }
    if (stats) {
        g.st.work = g.work;
        *stats = g.st;
    }
    if (!g.out)
        return DECANT_OK;
    memcpy(g.out + g.out_len, s + g.emitted, n - g.emitted);
    g.out_len += n - g.emitted;
    g.out[g.out_len] = '\0';
    *html = g.out;
    *len = g.out_len;
    return DECANT_OK;
}
