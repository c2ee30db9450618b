/*
 * meta_authors.c — the article's authors: the names the most trusted
 * source yields (meta_names.c reads names out of each candidate's text).
 *
 * Besides what the collecting pass found (JSON-LD, microdata, <meta>),
 * bylines are looked for where they stand, around the headline: an
 * element named as a byline, a line opening with a label ("By", "di",
 * "Автор:"), a forum thread's starter.  Names in teasers, comments and
 * rows of story cards are other stories' and are passed over.  A source
 * that names only the publisher is a weak answer.
 */
#include <string.h>

#include "meta_date.h"
#include "meta_priv.h"

typedef dc_meta_pass pass;

typedef struct name_set {
    dc_name names[DC_MAX_AUTHORS];
    int count;
    int weak; /* only offices or organisations */
    const char *src;
} name_set;

static void add_names(name_set *set, const dc_name *names, int n)
{
    for (int k = 0; k < n && set->count < DC_MAX_AUTHORS; k++) {
        int dup = 0;
        for (int j = 0; j < set->count && !dup; j++)
            dup = dc_eq_ci(set->names[j].s, set->names[j].n, names[k].s, names[k].n);
        if (!dup)
            set->names[set->count++] = names[k];
    }
}

/* All names the candidates of one rank yield. Returns 0 on OOM. */
static int names_of_rank(pass *p, const dc_author_cands *all, int rank, const char *site,
                         const char *url, name_set *set)
{
    memset(set, 0, sizeof *set);
    int weak = 1;
    for (int sub = 0; sub < 16 && !set->count; sub++)
        for (int k = 0; k < all->n; k++) {
            const dc_author_cand *c = &all->at[k];
            if (c->rank != rank || c->sub != sub)
                continue;
            dc_name names[DC_MAX_AUTHORS];
            /* JSON-LD, microdata and a thread's starter name user names */
            int declared = c->rank <= DC_RANK_MICRODATA;
            int mode = (c->split ? DC_NAMES_SPLIT : 0) | (declared ? DC_NAMES_HANDLES : 0);
            int n = dc_names_from_text(p->m.tmp, c->s, c->n, mode, names, DC_MAX_AUTHORS);
            if (n < 0)
                return 0;
            /*
             * The publisher named as the author ("Moz", "CDC") is a weak
             * answer: a person named by a lesser source is preferred.
             */
            for (int j = 0; j < n; j++)
                if (!names[j].editorial && !c->org && !dc_meta_is_the_site(names[j].s, names[j].n, site, url))
                    weak = 0;
            if (n > 0 && !set->src)
                set->src = c->src;
            add_names(set, names, n);
        }
    set->weak = weak;
    return 1;
}

/* The nearest ancestor of i that opens an item (itemscope), or 0. */
static uint32_t item_scope(const dc_dom *d, uint32_t i)
{
    for (uint32_t k = d->nodes[i].parent; k; k = d->nodes[k].parent)
        if (dc_attr_get(d, k, "itemscope", NULL))
            return k;
    return 0;
}

/* The microdata author's name: a nested itemprop=name, content, or text. */
static void find_microdata_author(pass *p, uint32_t i, dc_author_cands *out)
{
    const dc_dom *d = p->dom;
    uint32_t target = i;
    int steps = 0;
    for (uint32_t j = dc_next_in(d, i, i); j && steps < 64; j = dc_next_in(d, j, i), steps++) {
        const char *ip = dc_attr_get(d, j, "itemprop", NULL);
        if (ip && !strcmp(ip, "name")) {
            target = j;
            break;
        }
    }
    size_t n;
    const char *v = dc_attr_get(d, target, "content", &n);
    if (v) {
        dc_author_add(out, v, n, DC_RANK_MICRODATA, 1, "microdata", DC_AUTHOR_SPLIT);
        return;
    }
    char buf[TEXT_CAP];
    long len = dc_bounded_text(d, target, buf, sizeof buf);
    char *c = len > 0 ? dc_arena_strndup(p->m.tmp, buf, (size_t)len) : NULL;
    if (c)
        dc_author_add(out, c, (size_t)len, DC_RANK_MICRODATA, 1, "microdata", DC_AUTHOR_SPLIT);
}

/* Does every word of a name start with a capital (or a non-ASCII letter), bar particles? */
/*
 * Does s start with a lower-case letter of Latin-1, Latin Extended, Greek or
 * Cyrillic (two-byte UTF-8)?  Folding leaves it as it is, and upper-casing
 * it is what folding undoes: é, ł, α, и are lower case; É, Ł, Α, И are not.
 */
static int lower_case_letter(const char *s, size_t n)
{
    char f[8];
    if (n < 2 || dc_date_fold(s, 2, f, sizeof f) != 2 || memcmp(f, s, 2))
        return 0; /* folded to something else: a capital or an accented one */
    /* the same bytes after folding: lower case, or a sign without case */
    unsigned c = ((unsigned)(unsigned char)s[0] & 0x1F) << 6 | ((unsigned char)s[1] & 0x3F);
    return (c >= 0xDF && c <= 0xFF && c != 0xF7) || (c >= 0x101 && c <= 0x17F) || (c >= 0x3AC && c <= 0x3CE) ||
           (c >= 0x430 && c <= 0x45F);
}

static int capitalised(const char *s, size_t n)
{
    static const char *const particles[] = {"van", "von", "de", "der", "den", "da", "di", "del", "della",
                                            "la", "le", "du", "dos", "das", "bin", "al", "y", "e", NULL};
    for (size_t i = 0; i < n;) {
        size_t st = i;
        while (i < n && s[i] != ' ')
            i++;
        unsigned char c = (unsigned char)s[st];
        int particle = 0;
        for (int k = 0; particles[k] && !particle; k++)
            particle = dc_eq_ci(s + st, i - st, particles[k], strlen(particles[k]));
        if (!particle && c >= 'a' && c <= 'z')
            return 0;
        if (!particle && c < 0x80 && !(c >= 'A' && c <= 'Z'))
            return 0;
        if (!particle && c >= 0xC3 && c <= 0xD3 && lower_case_letter(s + st, i - st))
            return 0; /* "прфессор.", "ωραίο": a lower-case word in a cased script */
        while (i < n && s[i] == ' ')
            i++;
    }
    return 1;
}

/* Is text node i in a code sample?  "GENERATED BY DEFAULT" is SQL, not a byline. */
static int in_code(const dc_dom *d, uint32_t i)
{
    for (int up = 0; up < 3 && i; up++) {
        i = d->nodes[i].parent;
        uint8_t t = d->nodes[i].tag;
        if (t == DC_TAG_PRE || t == DC_TAG_CODE)
            return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ teasers */

/* Same tag and same class attribute (a class is needed, except on items). */
static int twins(const dc_dom *d, uint32_t a, uint32_t b)
{
    if (d->nodes[a].tag != d->nodes[b].tag || d->nodes[a].tag == DC_TAG_OTHER)
        return 0;
    size_t an = 0, bn = 0;
    const char *ac = dc_attr_get(d, a, "class", &an), *bc = dc_attr_get(d, b, "class", &bn);
    if (!ac || !bc)
        return !ac && !bc && (d->nodes[a].tag == DC_TAG_LI || d->nodes[a].tag == DC_TAG_ARTICLE);
    return an == bn && !memcmp(ac, bc, an);
}

/* Does element a stand in a row of twins (among its next few siblings)
 * that have bylines of their own, as teaser cards do?  A layout's rows and
 * columns repeat too, but not with a byline in each. */
static int repeated(const pass *p, uint32_t a)
{
    const dc_dom *d = p->dom;
    for (int dir = 0; dir < 2; dir++) {
        int seen = 0;
        for (uint32_t s = dir ? d->nodes[a].next : d->nodes[a].prev; s && seen < 3;
             s = dir ? d->nodes[s].next : d->nodes[s].prev) {
            if (!dc_is_element(&d->nodes[s]))
                continue;
            seen++;
            if (!twins(d, a, s))
                continue;
            for (int k = 0; k < p->bylines.n; k++)
                if (dc_meta_contains(d, s, p->bylines.at[k]))
                    return 1;
        }
    }
    return 0;
}

/*
 * Does a hold, outside the byline b, another story's headline: a heading or
 * a link of four words or more (a name is shorter) that is not the page's
 * own title?
 */
static int holds_headline(const pass *p, uint32_t a, uint32_t b, const char *title)
{
    const dc_dom *d = p->dom;
    int steps = 0;
    for (uint32_t i = dc_next_in(d, a, a); i && steps < 200; steps++) {
        if (i == b) {
            i = dc_skip_in(d, i, a);
            continue;
        }
        uint8_t t = d->nodes[i].tag;
        int around_b = i < b && dc_meta_contains(d, i, b); /* the byline's own link or heading */
        if (!around_b && ((t >= DC_TAG_H2 && t <= DC_TAG_H6) || (t == DC_TAG_A && dc_attr_get(d, i, "href", NULL)))) {
            char buf[TEXT_CAP];
            long len = dc_bounded_text(d, i, buf, sizeof buf);
            const char *h = buf;
            size_t hn = len > 0 ? (size_t)len : 0;
            dc_trim(&h, &hn);
            buf[(size_t)(h - buf) + hn] = '\0';
            size_t tn = title ? strlen(title) : 0;
            int own = tn && hn && (dc_meta_holds_ci(title, tn, h, hn) || dc_meta_holds_ci(h, hn, title, tn));
            if (dc_word_count(h, hn) >= 4 && !own)
                return 1;
            i = dc_skip_in(d, i, a);
            continue;
        }
        i = dc_next_in(d, i, a);
    }
    return 0;
}

/*
 * A byline in one of a row of teaser cards ("You might also like", a grid of
 * related stories): an ancestor, below whatever holds the headline, that
 * repeats as its siblings do, each with a byline, and that is short and
 * holds another story's headline.  Its
 * name is that story's author, not the page's.  Structure only: the row's
 * heading may be in any language, or absent.
 */
static int in_teaser(const pass *p, uint32_t b, uint32_t h1, const char *title)
{
    const dc_dom *d = p->dom;
    uint32_t a = b;
    for (int up = 0; up < 6 && a && d->nodes[a].parent; up++, a = d->nodes[a].parent) {
        uint8_t t = d->nodes[a].tag;
        if (t == DC_TAG_BODY || t == DC_TAG_HTML || t == DC_TAG_MAIN || (h1 && dc_meta_contains(d, a, h1)))
            return 0;
        char buf[1024];
        if (repeated(p, a) && holds_headline(p, a, b, title))
            return dc_bounded_text(d, a, buf, sizeof buf) >= 0;
    }
    return 0;
}

/* Hands on the best byline a finder kept (none if buf is NULL), copied out of
 * its stack buffer; sub orders it among bylines.  0 only when out of memory. */
static int byline_found(pass *p, dc_author_cands *out, const char *buf, long len, int sub)
{
    if (!buf)
        return 1;
    char *c = dc_arena_strndup(p->m.tmp, buf, (size_t)len);
    if (!c)
        return 0;
    dc_author_add(out, c, (size_t)len, DC_RANK_BYLINE, sub, "byline", DC_AUTHOR_SPLIT);
    return 1;
}

/* The visible byline nearest the headline that holds a name. */
static int find_byline(pass *p, const char *title, dc_author_cands *out)
{
    uint32_t h1 = dc_meta_main_h1(p);
    long best = -1;
    long best_len = 0;
    char best_buf[TEXT_CAP];
    for (int k = 0; k < p->bylines.n; k++) {
        uint32_t i = p->bylines.at[k];
        long score = dc_meta_distance(p, i, h1);
        if ((best >= 0 && score >= best) || in_teaser(p, i, h1, title))
            continue;
        char buf[TEXT_CAP], flat_buf[TEXT_CAP];
        long len = dc_bounded_lines(p->dom, i, buf, sizeof buf);
        if (len <= 0)
            continue;
        /* The block's text as one line, as bylines mostly are... */
        dc_name names[4];
        const char *line = buf;
        long line_len = 0;
        for (long j = 0; j <= len; j++) /* the lines joined by spaces */
            flat_buf[j] = buf[j] == '\n' ? ' ' : buf[j];
        int n = dc_names_from_text(p->m.tmp, flat_buf, (size_t)len, DC_NAMES_SPLIT, names, 4);
        if (n < 0)
            return 0;
        /* ...but an author box sets name, job and bio on lines of their own
         * ("Liz Kenny" / "Former McKinsey Consultant"), which run together
         * in one line: there the first line naming someone in full is the
         * byline, when that name starts the one-line reading or that found
         * none. */
        int at = 0;
        for (const char *s = buf, *end = buf + len; s < end; at++) {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            size_t ln = nl ? (size_t)(nl - s) : (size_t)(end - s);
            dc_name ln_names[4];
            int found = dc_names_from_text(p->m.tmp, s, ln, DC_NAMES_SPLIT, ln_names, 4);
            if (found < 0)
                return 0;
            if (found > 0 && memchr(ln_names[0].s, ' ', ln_names[0].n)) {
                int starts = n > 0 && ln_names[0].n < names[0].n && names[0].s[ln_names[0].n] == ' ' &&
                             !memcmp(names[0].s, ln_names[0].s, ln_names[0].n);
                /* Alone, a name must head the box and look like one. */
                int heads = n == 0 && at < 2 && capitalised(ln_names[0].s, ln_names[0].n);
                if (starts || heads)
                    line = s, line_len = (long)ln, n = found;
                break;
            }
            s += ln + 1;
        }
        if (n == 0)
            continue;
        if (!line_len)
            line = flat_buf, line_len = len;
        best = score, best_len = line_len;
        memcpy(best_buf, line, (size_t)line_len);
        best_buf[line_len] = '\0';
    }
    return byline_found(p, out, best < 0 ? NULL : best_buf, best_len, 0);
}

/* Byline labels, lower-case, longest first; a name follows in the text or the next element. */
static const char *const byline_labels[] = {
    "written by", "posted by", "words by", "story by", "a cura di", "authors:", "author:", "autore:",
    "autor:", "auteur:", "autorzy:", "yazar:", "yazan:", "by:", "author", "autore", "autor", "auteur",
    "przez", "yazan", "by", "di", "von", "par", "por", "door", "av", NULL};
/* The same beyond ASCII, as dc_date_fold leaves them (matched in any case);
 * CJK ones take the name with no space after them ("记者张三"). */
static const char *const byline_labels_intl[] = {
    "автор:", "авторы:", "автор", "συντακτησ:", "γραφει", "بقلم", "作者：", "作者:", "撰文：", "執筆：", "文／",
    NULL};

/* Length of the label s starts with (then a space, a colon or the end), or 0. */
static size_t label_at(const char *s, size_t n)
{
    /* Every text node near the headline comes here: first letters first. */
    unsigned char c = n ? (unsigned char)s[0] : 0;
    if (c >= 0x80) {
        for (int k = 0; byline_labels_intl[k]; k++) {
            const char *l = byline_labels_intl[k];
            size_t m = dc_folded_prefix(s, n, l), lm = strlen(l);
            if (m && (m == n || s[m] == ' ' || s[m] == ':' || l[lm - 1] == ':' || (unsigned char)l[0] >= 0xE3))
                return m;
        }
        return 0;
    }
    if (!c || !strchr("wpsabdvoyWPSABDVOY", c))
        return 0;
    for (int k = 0; byline_labels[k]; k++) {
        size_t m = strlen(byline_labels[k]);
        if (m <= n && dc_eq_ci(s, m, byline_labels[k], m) && (m == n || s[m] == ' ' || s[m] == ':' ||
                                                                byline_labels[k][m - 1] == ':'))
            return m;
    }
    return 0;
}

/* The next element after node i (or after its ancestors) with text, into buf. */
static long next_text(const pass *p, uint32_t i, char *buf, size_t cap)
{
    const dc_dom *d = p->dom;
    for (int up = 0; i && up < 3; up++, i = d->nodes[i].parent)
        for (uint32_t j = d->nodes[i].next; j; j = d->nodes[j].next) {
            long len = dc_bounded_text(d, j, buf, cap);
            if (len != 0)
                return len;
        }
    return -1;
}

/*
 * The text a label of m bytes opening text node i (t[0..tn), trimmed)
 * introduces: the next element's text when the label stands alone
 * ("<p>Written by</p><p>Jane Doe</p>"), else the text of the label's
 * parent, label included ("<p>By <a>Jane Doe</a></p>").  *alone says which.
 */
static long label_value(const pass *p, uint32_t i, const char *t, size_t tn, size_t m, char *buf,
                        size_t cap, int *alone)
{
    *alone = m == tn || (m + 1 == tn && t[m] == ':');
    return *alone ? next_text(p, i, buf, cap) : dc_bounded_text(p->dom, p->dom->nodes[i].parent, buf, cap);
}

/* How many names a label's text holds, all capitalised; 0 if any is not; -1 on OOM. */
static int label_names(pass *p, const char *s, long len)
{
    dc_name names[4];
    int k = dc_names_from_text(p->m.tmp, s, (size_t)len, DC_NAMES_SPLIT, names, 4);
    for (int j = 0; j < k; j++)
        if (!capitalised(names[j].s, names[j].n))
            return 0;
    return k;
}

/* The line a label standing alone in text node i opens: the text of the
 * nearest ancestor that holds more than the label and starts with it. */
static long label_line(const pass *p, uint32_t i, size_t label_len, char *buf, size_t cap)
{
    const dc_dom *d = p->dom;
    uint32_t a = d->nodes[i].parent;
    for (int up = 0; up < 3 && a && a != d->body; up++, a = d->nodes[a].parent) {
        long len = dc_bounded_text(d, a, buf, cap);
        if (len < 0 || len > 120)
            return -1;
        if ((size_t)len > label_len + 1)
            return label_at(buf, (size_t)len) ? len : -1;
    }
    return -1;
}

/*
 * Where a CJK byline label starts inside t[0..n), after a space, an
 * ideographic space or an opening bracket ("（记者张三）"), or n.  These
 * labels are words of their own, unlike the Latin ones ("by").
 */
static size_t cjk_label_in(const char *t, size_t n)
{
    /* "记者" (reporter) is also a word of running text ("记者调查"):
     * only in brackets, as news agencies write it ("（记者张三）") */
    static const char *const cjk[] = {"作者：", "作者:", "记者", "記者", "撰文：", "執筆：", "文／", NULL};
    static const char *const before[] = {"（", "(", " ", "\xE3\x80\x80", "|", NULL};
    for (size_t i = 1; i + 6 <= n; i++) {
        if ((unsigned char)t[i] < 0xE3)
            continue;
        int open = 0; /* 1: after a bracket, 2: after a space or a bar */
        for (int b = 0; before[b] && !open; b++) {
            size_t bl = strlen(before[b]);
            if (i >= bl && !memcmp(t + i - bl, before[b], bl))
                open = b < 2 ? 1 : 2;
        }
        if (!open)
            continue;
        for (int k = 0; cjk[k]; k++) {
            size_t m = strlen(cjk[k]);
            int bracketed_only = k == 2 || k == 3;
            if (i + m < n && !memcmp(t + i, cjk[k], m) && (open == 1 || !bracketed_only))
                return i;
        }
    }
    return n;
}

/* The main headline, and in [*from, *to) the nodes from 40 before it to
 * `after` past it, where a byline without a class stands; 0 without one. */
static uint32_t headline_window(const pass *p, uint32_t after, uint32_t *from, uint32_t *to)
{
    uint32_t h1 = dc_meta_main_h1(p);
    if (h1)
        dc_meta_around_h1(p->dom, h1, 40, after, from, to);
    return h1;
}

/*
 * Bylines without a class: "By <a>Jane Doe</a>", "<p>Written by</p><p>Jane
 * Doe</p>", "by: Jane Doe" in the lines around the headline.
 */
static int find_label_byline(pass *p, dc_author_cands *out)
{
    uint32_t from, to, h1 = headline_window(p, 200, &from, &to);
    if (!h1)
        return 1;
    const dc_dom *d = p->dom;
    long best = -1, best_len = 0;
    char best_buf[TEXT_CAP];
    for (uint32_t i = from; i < to; i++) {
        const dc_node *n = &d->nodes[i];
        if (n->tag != DC_TAG_TEXT || n->text_len > 200 || (p->cx[i] & DC_CX_BAD) || in_code(d, i))
            continue;
        const char *t = n->text;
        size_t tn = n->text_len;
        dc_trim(&t, &tn);
        size_t m = tn ? label_at(t, tn) : 0;
        char buf[TEXT_CAP];
        int alone = 0, inline_cjk = !m;
        long len;
        if (m) {
            len = label_value(p, i, t, tn, m, buf, sizeof buf, &alone);
        } else {
            /* CJK info lines run date, source and author together:
             * "2012年01月17日 17:21　来源：新华网　作者：王小明" */
            size_t at = cjk_label_in(t, tn);
            if (at == tn || tn - at >= sizeof buf)
                continue;
            len = (long)(tn - at);
            memcpy(buf, t + at, (size_t)len);
            buf[len] = '\0';
        }
        /* Mid-sentence "by following the tips" is prose: the label must open its line. */
        if (len <= 0 || len > 120 || (!alone && !inline_cjk && !label_at(buf, (size_t)len)))
            continue;
        int k = label_names(p, buf, len);
        if (k < 0)
            return 0;
        /* "<span>Von </span><a>A</a>, <a>B</a> und <a>C</a>": the label
         * stands alone in its element, the names follow it on its line */
        char line[TEXT_CAP];
        long ll = alone ? label_line(p, i, tn, line, sizeof line) : -1;
        int kl = ll > 0 ? label_names(p, line, ll) : 0;
        if (kl < 0)
            return 0;
        if (kl > k) {
            memcpy(buf, line, (size_t)ll + 1);
            len = ll, k = kl;
        }
        long score = dc_meta_distance(p, i, h1);
        if (k > 0 && (best < 0 || score < best)) {
            best = score, best_len = len;
            memcpy(best_buf, buf, (size_t)len + 1);
        }
    }
    return byline_found(p, out, best < 0 ? NULL : best_buf, best_len, 1);
}

/*
 * A forum thread names its author in the header: "Thread starter <a>name</a>"
 * (XenForo), "Started by name, June 4, 2024" (SMF).  Each post carries its
 * own microdata author, and the first post shown is not always the
 * starter's (a moderator's pinned answer), so the header's name is offered
 * ahead of them.  User names ("sean_g", "ridwan123") are taken as names.
 */
static const char *const starter_labels[] = {"thread starter", "topic starter", "started by", NULL};

static int find_thread_starter(pass *p, dc_author_cands *out)
{
    uint32_t from, to;
    if (!headline_window(p, 120, &from, &to))
        return 1;
    const dc_dom *d = p->dom;
    for (uint32_t i = from; i < to; i++) {
        const dc_node *n = &d->nodes[i];
        if (n->tag != DC_TAG_TEXT || n->text_len > 120 || (p->cx[i] & DC_CX_BAD))
            continue;
        const char *t = n->text;
        size_t tn = n->text_len, m = 0;
        dc_trim(&t, &tn);
        for (int k = 0; starter_labels[k] && !m; k++) {
            size_t l = strlen(starter_labels[k]);
            if (l <= tn && dc_eq_ci(t, l, starter_labels[k], l) && (l == tn || t[l] == ' ' || t[l] == ':'))
                m = l;
        }
        if (!m)
            continue;
        char buf[TEXT_CAP];
        int alone;
        long len = label_value(p, i, t, tn, m, buf, sizeof buf, &alone);
        if (len <= 0 || len > 120)
            continue;
        /* "Started by name, date": what follows the label, up to a comma */
        const char *v = buf;
        size_t vn = (size_t)len;
        if (!alone) {
            size_t at = 0;
            while (at + m <= vn && !dc_eq_ci(v + at, m, t, m))
                at++;
            if (at + m > vn)
                continue;
            v += at + m, vn -= at + m;
        }
        dc_name names[1];
        int k = dc_names_from_text(p->m.tmp, v, vn, DC_NAMES_SPLIT | DC_NAMES_HANDLES, names, 1);
        if (k < 0)
            return 0;
        /* a user name is one word; anything longer must read as a name */
        if (k == 1 && (!memchr(names[0].s, ' ', names[0].n) || capitalised(names[0].s, names[0].n))) {
            dc_author_add(out, names[0].s, names[0].n, DC_RANK_MICRODATA, 0, "byline", 0);
            return 1;
        }
    }
    return 1;
}

int dc_meta_resolve_authors(pass *p, decant_article *a)
{
    /* What the collecting pass found, and then what is found here where the
     * headline shows where to look, in that order. */
    dc_author_cands all = p->m.authors;
    /* Only the first item's authors: a thread's posts and answers are items of their own. */
    uint32_t scope = 0;
    int scoped = 0;
    for (int k = 0; k < p->md_authors.n; k++) {
        uint32_t i = p->md_authors.at[k];
        if (p->cx[i] & DC_CX_BAD)
            continue;
        uint32_t s = item_scope(p->dom, i);
        if (scoped && s != scope)
            continue;
        scope = s, scoped = 1;
        find_microdata_author(p, i, &all);
    }
    if (!find_thread_starter(p, &all))
        return 0;
    if (!p->m.product &&
        (!find_byline(p, a->field[DECANT_FIELD_TITLE], &all) || !find_label_byline(p, &all)))
        return 0;
    for (int k = 0; k < 4; k++) {
        const dc_mval *l = &p->m.twitter_label[k], *v = &p->m.twitter_data[k];
        if (l->s && v->s && (dc_contains_ci(l->s, l->n, "written by") || dc_contains_ci(l->s, l->n, "author")))
            dc_author_add(&all, v->s, v->n, DC_RANK_META, 6, "meta", DC_AUTHOR_SPLIT);
    }
    const char *site = a->field[DECANT_FIELD_SITE_NAME];
    const char *url = a->field[DECANT_FIELD_URL] ? a->field[DECANT_FIELD_URL] : p->url;
    name_set chosen, set;
    memset(&chosen, 0, sizeof chosen);
    for (int rank = DC_RANK_JSONLD; rank <= DC_RANK_BYLINE; rank++) {
        if (!names_of_rank(p, &all, rank, site, url, &set))
            return 0;
        if (!set.count)
            continue;
        if (!chosen.count)
            chosen = set;
        if (!set.weak) {
            if (chosen.weak)
                chosen = set;
            break;
        }
    }
    for (int k = 0; k < chosen.count; k++) {
        char *c = dc_arena_strndup(&a->arena, chosen.names[k].s, chosen.names[k].n);
        if (!c)
            return 0;
        a->authors[a->author_count++] = c;
    }
    if (chosen.count)
        a->source[DECANT_FIELD_AUTHORS] = chosen.src;
    return 1;
}
