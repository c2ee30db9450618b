/*
 * meta_title.c — the article's title, and the headline on the page.
 *
 * The title's candidates (JSON-LD, microdata, og:title, twitter:title, the
 * <title> element, the page's <h1>s) vote: the site's name is cut off the
 * sources that carry it ("Story | Site"), and a candidate the others agree
 * with wins over a lone better-ranked one.  The headline element found
 * here is where the dates (meta_dates.c) and bylines (meta_authors.c) are
 * looked for: the helpers at the end say where a node stands from it.
 */
#include <string.h>

#include "meta_priv.h"

typedef dc_meta_pass pass;

/* Each starts with a space, which the scans below test first. */
static const char *const title_seps[] = {" | ", " - ", " — ", " – ", " :: ", " · ", " » ", " • ", " / ", " || ", NULL};

/* Length of the UTF-8 punctuation or symbol at s (¶, «, –, ’, →, ...), else 0. */
static size_t utf8_punct(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 && u[0] == 0xC2 && u[1] >= 0xA0 && u[1] <= 0xBF)
        return 2;
    if (n >= 3 && u[0] == 0xE2 && (u[1] == 0x80 || u[1] == 0x81 || (u[1] >= 0x86 && u[1] <= 0xAF)))
        return 3; /* U+2000-U+207F, U+2180-U+2BFF */
    if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80)
        return 3; /* CJK punctuation */
    return 0;
}

/* Letters and digits only, lower-cased: "Corriere.it" ~ "corriere it";
 * "&" reads "and", as site names are written both ways. */
static size_t squash(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        char c = s[i];
        if (c == '&' && o + 4 < cap) {
            memcpy(out + o, "and", 3);
            o += 3;
            continue;
        }
        size_t pl = (unsigned char)c >= 0xC2 ? utf8_punct(s + i, n - i) : 0;
        if (pl) {
            i += pl - 1;
            continue;
        }
        c = (char)dc_lower((unsigned char)c);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80)
            out[o++] = c;
    }
    out[o] = '\0';
    return o;
}

/* Does the suffix name the site: its site_name, or its host name? */
static int names_site(const char *s, size_t n, const char *site, const char *url)
{
    char a[256], b[256];
    size_t an = squash(s, n, a, sizeof a);
    if (an == 0)
        return 0;
    if (site) {
        size_t bn = squash(site, strlen(site), b, sizeof b);
        if (bn && (strstr(a, b) || strstr(b, a)))
            return 1;
    }
    if (url) {
        const char *h = strstr(url, "://");
        h = h ? h + 3 : url;
        size_t hn = strcspn(h, "/?#:");
        size_t bn = squash(h, hn, b, sizeof b);
        if (bn && an >= 4 && strstr(b, a))
            return 1;
    }
    return 0;
}

/*
 * A headline that ends with the site's declared name ("Best Exhibitions
 * 2025 – Artlyst"): templates that append it to <title> append it to the
 * h1 too.  Only the declared name counts here, not the host name: an
 * h1's last words are too often a product or place called like the site.
 */
static size_t cut_site_suffix(const char *s, size_t n, const char *site)
{
    if (!site)
        return n;
    size_t sl = strlen(site);
    for (int k = 0; title_seps[k]; k++) {
        size_t m = strlen(title_seps[k]);
        if (n > m + sl && dc_eq_ci(s + n - sl, sl, site, sl) && !memcmp(s + n - sl - m, title_seps[k], m))
            return n - sl - m;
    }
    return n;
}

/* "| Site": a template that filled no headline before its separator. */
static void drop_empty_part(const char **s, size_t *n)
{
    for (int k = 0; title_seps[k]; k++) {
        size_t m = strlen(title_seps[k]) - 1; /* the separator without its leading space */
        if (*n > m && !memcmp(*s, title_seps[k] + 1, m)) {
            *s += m, *n -= m;
            dc_trim(s, n);
            return;
        }
    }
}

/* phpBB's "Board • View topic - Subject": the subject is the page's title. */
static void drop_forum_prefix(const char **s, size_t *n)
{
    static const char *const marks[] = {"View topic - ", "View forum - ", NULL};
    for (int k = 0; marks[k]; k++) {
        size_t m = strlen(marks[k]);
        for (size_t i = 0; i + m < *n; i++)
            if ((i == 0 || (*s)[i - 1] == ' ') && !memcmp(*s + i, marks[k], m)) {
                *s += i + m, *n -= i + m;
                return;
            }
    }
}

/* "Headline | Site" -> "Headline"; also "Site | Headline". */
static void strip_site(const char **s, size_t *n, const char *site, const char *url)
{
    drop_empty_part(s, n);
    drop_forum_prefix(s, n);
    for (int round = 0; round < 2; round++) {
        size_t best = 0, best_len = 0;
        for (int k = 0; title_seps[k]; k++) {
            size_t m = strlen(title_seps[k]);
            for (size_t i = *n; i-- > 1;)
                if ((*s)[i] == ' ' && i + m <= *n && !memcmp(*s + i, title_seps[k], m)) {
                    if (i > best)
                        best = i, best_len = m;
                    break;
                }
        }
        if (!best)
            break;
        const char *suf = *s + best + best_len;
        size_t sn = *n - best - best_len;
        int short_suffix = dc_word_count(suf, sn) <= 5 && sn <= best;
        if (names_site(suf, sn, site, url) || (round == 0 && short_suffix)) {
            *n = best;
            continue;
        }
        break;
    }
    for (int k = 0; title_seps[k]; k++) {
        const char *hit = NULL;
        size_t m = strlen(title_seps[k]);
        for (size_t i = 1; i + m <= *n; i++)
            if ((*s)[i] == ' ' && !memcmp(*s + i, title_seps[k], m)) {
                hit = *s + i;
                break;
            }
        if (hit && names_site(*s, (size_t)(hit - *s), site, url) && (size_t)(hit - *s) * 2 < *n) {
            *n -= (size_t)(hit - *s) + m;
            *s = hit + m;
            return;
        }
    }
}

static int prefix_ci(const char *s, size_t n, const char *pre, size_t pn)
{
    return pn <= n && dc_eq_ci(s, pn, pre, pn);
}

uint32_t dc_meta_main_h1(const pass *p)
{
    if (p->headline)
        return p->headline; /* the title's element, where no h1 shows it (dc_meta_find_headline) */
    for (int k = 0; k < p->h1.n; k++)
        if (p->cx[p->h1.at[k]] & DC_CX_ARTICLE)
            return p->h1.at[k];
    return p->h1.n ? p->h1.at[0] : 0;
}

/*
 * The headline.  Pages state it several times (h1, JSON-LD headline, og:title,
 * twitter:title, <title>) and each copy has its own failure: an h1 that is a
 * section label or a logo, an og:title written for social feeds, a <title>
 * with the site's name.  The copy the most sources agree on wins; ties keep
 * the old order of trust: the article's h1, then the structured sources,
 * then <title>.
 */
#define TITLE_CANDS 9
#define TITLE_KEY 384

typedef struct title_cand {
    const char *s;
    size_t n;
    const char *src;
    int h1;
    char key[TITLE_KEY];
    size_t kn;
} title_cand;

static int sep_at(const char *s, size_t n)
{
    if (!n || s[0] != ' ')
        return 0; /* every separator starts with a space; this runs per byte */
    for (int k = 0; title_seps[k]; k++) {
        size_t m = strlen(title_seps[k]);
        if (m <= n && !memcmp(s, title_seps[k], m))
            return (int)m;
    }
    return 0;
}

/* "Headline - Anything" where an h1 reads "Headline": the h1 shows where to cut. */
static int cut_at_h1(const char **s, size_t *n, const title_cand *h1, int nh1)
{
    for (int k = 0; k < nh1; k++) {
        size_t hn = h1[k].n;
        if (hn >= 4 && hn < *n && prefix_ci(*s, *n, h1[k].s, hn) && sep_at(*s + hn, *n - hn)) {
            *n = hn;
            return 1;
        }
    }
    return 0;
}

/* s with runs of whitespace and NBSP as one space, into out; 0 if it does not fit. */
static size_t collapse_ws(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int nbsp = c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || nbsp) {
            i += (size_t)nbsp;
            sp = 1;
            continue;
        }
        if (o + 3 >= cap)
            return 0;
        if (sp && o)
            out[o++] = ' ';
        sp = 0;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return o;
}

static int same_key(const title_cand *x, const title_cand *y)
{
    return x->kn && x->kn == y->kn && !memcmp(x->key, y->key, x->kn);
}

/* Lower-cases ASCII and turns punctuation into spaces, for word matching. */
static size_t word_form(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    out[o++] = ' ';
    for (size_t i = 0; i < n && o + 2 < cap; i++) {
        char c = s[i];
        size_t pl = (unsigned char)c >= 0xC2 ? utf8_punct(s + i, n - i) : 0;
        if (pl) {
            out[o++] = ' ';
            i += pl - 1;
            continue;
        }
        c = (char)dc_lower((unsigned char)c);
        int word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
        out[o++] = word ? c : ' ';
    }
    out[o++] = ' ';
    out[o] = '\0';
    return o;
}

/* How many of the words of `a` (a word_form) occur in one of b[0..nb); *words gets their count. */
static int words_found(char *a, char (*b)[1024], int nb, int *words)
{
    int found = 0;
    *words = 0;
    for (char *q = a; *q;) {
        while (*q == ' ')
            q++;
        char *e = q;
        while (*e && *e != ' ')
            e++;
        if (e == q)
            break;
        /* " word " with its spaces, so "art" does not match "article". */
        char save = e[1];
        e[1] = '\0';
        (*words)++;
        for (int i = 0; i < nb; i++)
            if (strstr(b[i], q - 1)) {
                found++;
                break;
            }
        e[1] = save;
        q = e;
    }
    return found;
}

/* Is the h1 about what the declared titles say: half its words, or half of the winner's, shared? */
static int shares_words(const title_cand *h, const title_cand *w, const title_cand *c, int nc)
{
    char hw[1][1024], ww[1024], dw[TITLE_CANDS][1024];
    word_form(h->s, h->n, hw[0], sizeof hw[0]);
    word_form(w->s, w->n, ww, sizeof ww);
    int nd = 0, words;
    for (int i = 0; i < nc; i++)
        if (!c[i].h1)
            word_form(c[i].s, c[i].n, dw[nd++], sizeof dw[0]);
    int found = words_found(hw[0], dw, nd, &words);
    if (words && found * 2 >= words)
        return 1;
    found = words_found(ww, hw, 1, &words);
    return words && found * 2 >= words;
}

static void add_title(title_cand *c, int *nc, const char *s, size_t n, const char *src, int h1)
{
    dc_trim(&s, &n);
    if (!n || *nc >= TITLE_CANDS)
        return;
    title_cand *t = &c[(*nc)++];
    t->s = s, t->n = n, t->src = src, t->h1 = h1;
    t->kn = squash(s, n, t->key, sizeof t->key);
}

/* Is part key p the name `key` and a word saying what kind of site it is
 * ("Arch Linux" + "Forums")? */
static int site_kind_of(const char *p, size_t pn, const char *key, size_t kn)
{
    static const char *const kinds[] = {"forums", "forum", "community", "blog", "docs", "wiki", NULL};
    if (pn <= kn || memcmp(p, key, kn) != 0)
        return 0;
    for (int k = 0; kinds[k]; k++)
        if (pn - kn == strlen(kinds[k]) && !memcmp(p + kn, kinds[k], pn - kn))
            return 1;
    return 0;
}

/* Does key equal one of the separator-delimited parts of s[0..n), or name
 * the site such a part is ("Arch Linux" of "Arch Linux Forums")? */
static int is_part(const char *s, size_t n, const char *key, size_t kn)
{
    char part[TITLE_KEY];
    size_t st = 0;
    for (size_t i = 0; i <= n; i++) {
        int m = i < n ? sep_at(s + i, n - i) : 1;
        if (!m)
            continue;
        size_t pn = i > st ? squash(s + st, i - st, part, sizeof part) : 0;
        if (pn && ((pn == kn && !memcmp(part, key, kn)) || site_kind_of(part, pn, key, kn)))
            return 1;
        i += (size_t)(m > 0 ? m - 1 : 0);
        st = i + 1;
    }
    return 0;
}

typedef struct raw_title {
    const char *s, *kept;
    size_t n, kept_n;
    const char *src;
} raw_title;

/* An h1 that is what strip_site cut off a declared title ("Headline | Site") names the site. */
static int h1_is_site_part(const title_cand *h, const raw_title *r, int nr)
{
    for (int i = 0; i < nr; i++) {
        size_t before = (size_t)(r[i].kept - r[i].s), after = r[i].n - before - r[i].kept_n;
        if (is_part(r[i].s, before, h->key, h->kn) || is_part(r[i].kept + r[i].kept_n, after, h->key, h->kn))
            return 1;
    }
    return 0;
}

/* Is the name the site's own: its site_name, or a label of its host ("health.clevelandclinic.org")? */
int dc_meta_is_the_site(const char *s, size_t n, const char *site, const char *url)
{
    char a[128], b[128];
    size_t an = squash(s, n, a, sizeof a);
    if (an < 2)
        return 0;
    if (site && squash(site, strlen(site), b, sizeof b) == an && !memcmp(a, b, an))
        return 1;
    const char *h = url ? strstr(url, "://") : NULL;
    if (!h)
        return 0;
    h += 3;
    size_t hn = strcspn(h, "/?#:");
    for (size_t st = 0, i = 0; i <= hn; i++)
        if (i == hn || h[i] == '.') {
            if (squash(h + st, i - st, b, sizeof b) == an && !memcmp(a, b, an))
                return 1;
            st = i + 1;
        }
    return 0;
}

int dc_meta_resolve_title(pass *p, decant_article *a)
{
    const char *site = a->field[DECANT_FIELD_SITE_NAME];
    const char *url = a->field[DECANT_FIELD_URL];
    char hbuf[3][1024], tbuf[2048], sbuf[4][1024];

    /* The declared titles, as given and with the site's name cut off. */
    raw_title raw[5];
    int nr = 0;
    long tn = p->title_node ? dc_bounded_text(p->dom, p->title_node, tbuf, sizeof tbuf) : -1;
    for (int slot = 0; slot < 5; slot++) {
        raw_title *r = &raw[nr];
        if (slot < 4) {
            const dc_mval *v = &p->m.title_cands[slot];
            if (!v->s)
                continue;
            r->s = v->s, r->n = v->n, r->src = v->src;
            /* og:title's separators come padded with NBSPs as often as with spaces. */
            size_t k = collapse_ws(r->s, r->n, sbuf[slot], sizeof sbuf[slot]);
            if (k)
                r->s = sbuf[slot], r->n = k;
        } else {
            if (tn <= 0)
                continue;
            r->s = tbuf, r->n = (size_t)tn, r->src = "title-element";
        }
        dc_trim(&r->s, &r->n);
        if (!r->n)
            continue;
        r->kept = r->s, r->kept_n = r->n;
        strip_site(&r->kept, &r->kept_n, site, url);
        nr++;
    }

    /* The main h1 first; the others only ever win by agreement. */
    uint32_t mh = dc_meta_main_h1(p), hs[3];
    int nh = 0;
    if (mh)
        hs[nh++] = mh;
    for (int k = 0; k < p->h1.n && nh < 3; k++)
        if (p->h1.at[k] != mh)
            hs[nh++] = p->h1.at[k];
    title_cand h1[3];
    int nh1 = 0;
    for (int k = 0; k < nh; k++) {
        long hn = dc_bounded_text(p->dom, hs[k], hbuf[k], sizeof hbuf[k]);
        if (hn <= 3 || (site && dc_eq_ci(hbuf[k], (size_t)hn, site, strlen(site))))
            continue;
        /* Documentation generators end headings with a permalink sign: "Models¶", "Setup #". */
        size_t hl = (size_t)hn;
        for (;;) {
            if (hl && (hbuf[k][hl - 1] == '#' || hbuf[k][hl - 1] == ' '))
                hl--;
            else if (hl >= 2 && (unsigned char)hbuf[k][hl - 2] == 0xC2 &&
                     ((unsigned char)hbuf[k][hl - 1] == 0xB6 || (unsigned char)hbuf[k][hl - 1] == 0xA7))
                hl -= 2; /* ¶ § */
            else
                break;
        }
        hl = cut_site_suffix(hbuf[k], hl, site);
        add_title(h1, &nh1, hbuf[k], hl, "title-element", 1);
        if (nh1 && h1_is_site_part(&h1[nh1 - 1], raw, nr))
            nh1--;
    }

    title_cand c[TITLE_CANDS];
    int nc = 0;
    if (nh1)
        c[nc++] = h1[0];
    for (int i = 0; i < nr; i++) {
        const char *s = raw[i].s;
        size_t n = raw[i].n;
        if (!cut_at_h1(&s, &n, h1, nh1))
            s = raw[i].kept, n = raw[i].kept_n;
        add_title(c, &nc, s, n, raw[i].src, 0);
    }
    for (int k = 1; k < nh1; k++)
        c[nc++] = h1[k];

    /* An h1 the declared title repeats is the headline, as it is shown. */
    for (int k = 0; k < nh1; k++)
        for (int i = 0; i < nc; i++)
            if (!c[i].h1 && same_key(&c[i], &h1[k]))
                return dc_meta_put_text(p, a, DECANT_FIELD_TITLE, h1[k].s, h1[k].n, h1[k].src);
    /* The declared title: the most trusted source's (they mostly copy one another). */
    int best = -1;
    for (int i = 0; i < nc && best < 0; i++)
        if (!c[i].h1 && c[i].kn)
            best = i;
    const title_cand *w = best >= 0 ? &c[best] : nh1 ? &h1[0] : NULL;
    /* A long declared title that another source continues mid-sentence
     * was cut short (Yoast writes JSON-LD headlines of 110 characters at
     * most); one continued after a separator ("Headline - Section") was not. */
    if (best >= 0 && w->n >= 60) {
        const title_cand *cut = w;
        for (int i = 0; i < nc; i++)
            if (!c[i].h1 && c[i].n > cut->n + 1 && dc_eq_ci(c[i].s, cut->n, cut->s, cut->n) &&
                !sep_at(c[i].s + cut->n, c[i].n - cut->n))
                w = &c[i];
    }
    /*
     * The main h1 still wins over a differing declared title when it is about
     * the same thing (shared words); an h1 with nothing in common is a
     * section label, a logo or a slogan.  An h1 that wraps the declared
     * title in more text (a date, a comment count) is not taken either.
     */
    if (best >= 0 && nh1 && !strstr(h1[0].key, w->key) && shares_words(&h1[0], w, c, nc))
        w = &h1[0];
    /*
     * Unless <title> is all the page declares and its one h1 stands in the
     * article or <main>: an undeclared <title> is often an app's shell,
     * the same on every page ("Reddit - The heart of the internet"), or an
     * SEO line, and the page's sole headline is what it shows.
     */
    if (best >= 0 && w != &h1[0] && nr == 1 && !strcmp(raw[0].src, "title-element") && p->h1.n == 1 &&
        nh1 && (p->cx[mh] & DC_CX_ARTICLE))
        w = &h1[0];
    /* A declared title that is just the site's name says nothing of the page. */
    if (w != &h1[0] && nh1 && dc_meta_is_the_site(w->s, w->n, site, url))
        w = &h1[0];
    return w ? dc_meta_put_text(p, a, DECANT_FIELD_TITLE, w->s, w->n, w->src) : 1;
}

/* Does s[0..n) hold w[0..wn), in any ASCII case (either may have capitals)? */
int dc_meta_holds_ci(const char *s, size_t n, const char *w, size_t wn)
{
    for (size_t i = 0; wn && i + wn <= n; i++)
        if (dc_eq_ci(s + i, wn, w, wn))
            return 1;
    return 0;
}

/*
 * A page without an h1, or whose h1 is not the headline, still shows its
 * headline, in a <p class="titulo"> or an h2: the element whose text node
 * is the title stands in for the h1, so that the dateline and byline
 * readers, which look around the headline, have somewhere to look.  Text
 * nodes are compared, not subtrees' text: one pass, whatever the page's
 * shape.
 */
void dc_meta_find_headline(pass *p, const char *title)
{
    if (!title)
        return;
    size_t tl = strlen(title);
    if (tl < 8 || tl > 300)
        return;
    const dc_dom *d = p->dom;
    char buf[512];
    /* An h1 that shows the title, or part of it, is the headline; one that
     * shows something else ("TA NEA online" in the logo) is not, when the
     * title stands elsewhere. */
    if (p->h1.n) {
        long hn = dc_bounded_text(d, dc_meta_main_h1(p), buf, sizeof buf);
        if (hn <= 0 || dc_meta_holds_ci(title, tl, buf, (size_t)hn) || dc_meta_holds_ci(buf, (size_t)hn, title, tl))
            return;
    }
    /* failing the whole title, the longest text node that is its first or
     * last part ("ΤΟ ΒΗΜΑ - Headline" when the site's name is not known) */
    uint32_t part = 0;
    size_t part_len = 0, min_part = tl / 2 > 12 ? tl / 2 : 12;
    for (uint32_t i = d->body ? d->body : 1; i < d->count; i++) {
        const dc_node *n = &d->nodes[i];
        if (n->tag != DC_TAG_TEXT || n->text_len < min_part || n->text_len > tl + 64 ||
            (p->cx[i] & (DC_CX_BAD | DC_CX_HEAD)))
            continue;
        switch (d->nodes[n->parent].tag) { /* a heading's or a paragraph's, not a link's */
        case DC_TAG_H2: case DC_TAG_H3: case DC_TAG_H4: case DC_TAG_P: case DC_TAG_DIV:
        case DC_TAG_SPAN: case DC_TAG_STRONG: case DC_TAG_B: case DC_TAG_HEADER:
            break;
        default:
            continue;
        }
        size_t k = collapse_ws(n->text, n->text_len, buf, sizeof buf);
        const char *t = buf;
        dc_trim(&t, &k);
        if (k == tl && dc_eq_ci(t, tl, title, tl)) {
            p->headline = n->parent;
            return;
        }
        if (k >= min_part && k < tl && k > part_len &&
            ((title[k] == ' ' && dc_eq_ci(t, k, title, k)) ||
             (title[tl - k - 1] == ' ' && dc_eq_ci(t, k, title + tl - k, k))))
            part = n->parent, part_len = k;
    }
    p->headline = part;
}

/* ------------------------------------------------------ around the headline */

/* How far node i is from the headline, in nodes; before it counts more. */
long dc_meta_distance(const pass *p, uint32_t i, uint32_t h1)
{
    long d = h1 ? (i >= h1 ? (long)(i - h1) : 3 * (long)(h1 - i)) : (long)i;
    if (!(p->cx[i] & DC_CX_ARTICLE))
        d += 2000;
    return d;
}

/* The nodes [*from, *to) from `before` nodes ahead of the headline h1 to
 * `after` nodes past it: where its dateline and byline stand. */
void dc_meta_around_h1(const dc_dom *d, uint32_t h1, uint32_t before, uint32_t after,
                       uint32_t *from, uint32_t *to)
{
    *from = h1 > before ? h1 - before : 1;
    *to = h1 + after < d->count ? h1 + after : d->count;
}

/* Is node i inside node a (or a itself)? */
int dc_meta_contains(const dc_dom *d, uint32_t a, uint32_t i)
{
    for (; i; i = d->nodes[i].parent)
        if (i == a)
            return 1;
    return 0;
}
