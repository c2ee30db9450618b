/*
 * meta_resolve.c — from the candidates meta.c collected to the article's
 * fields: the most trusted source that yields a valid value wins.
 */
#include <string.h>

#include "meta_date.h"
#include "meta_priv.h"

typedef dc_meta_pass pass;

/* ------------------------------------------------------------ output */

static int put(decant_article *a, decant_field f, const char *s, size_t n, const char *src)
{
    char *c = dc_arena_strndup(&a->arena, s, n);
    if (!c)
        return 0;
    a->field[f] = c;
    a->source[f] = src;
    return 1;
}

static void put_utf8(char *o, size_t *k, unsigned long cp)
{
    if (cp < 0x80) {
        o[(*k)++] = (char)cp;
    } else if (cp < 0x800) {
        o[(*k)++] = (char)(0xC0 | (cp >> 6));
        o[(*k)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        o[(*k)++] = (char)(0xE0 | (cp >> 12));
        o[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[(*k)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        o[(*k)++] = (char)(0xF0 | (cp >> 18));
        o[(*k)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[(*k)++] = (char)(0x80 | (cp & 0x3F));
    }
}

static const struct {
    const char *name;
    unsigned long cp;
} entities[] = {
    {"amp", '&'}, {"quot", '"'}, {"apos", '\''}, {"lt", '<'}, {"gt", '>'}, {"nbsp", ' '},
    {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"bull", 0x2022}, {"middot", 0xB7}, {"laquo", 0xAB}, {"raquo", 0xBB},
};

/* One entity at s (after '&'); returns its length through ';' or 0. */
static size_t entity_at(const char *s, size_t n, unsigned long *cp)
{
    size_t i = 0;
    if (n > 2 && s[0] == '#') {
        int hex = s[1] == 'x' || s[1] == 'X';
        unsigned long v = 0;
        for (i = hex ? 2 : 1; i < n && i < 10 && s[i] != ';'; i++) {
            char c = s[i];
            int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0)
                return 0;
            v = v * (hex ? 16 : 10) + (unsigned long)d;
        }
        if (i >= n || s[i] != ';' || v == 0 || v > 0x10FFFF)
            return 0;
        *cp = v;
        return i + 1;
    }
    for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++) {
        size_t m = strlen(entities[k].name);
        if (m < n && !memcmp(s, entities[k].name, m) && s[m] == ';') {
            *cp = entities[k].cp;
            return m + 1;
        }
    }
    return 0;
}

/*
 * Puts a text field, decoding the character references that JSON-LD and
 * double-escaped attributes leave behind, and collapsing whitespace.
 */
static int put_text(pass *p, decant_article *a, decant_field f, const char *s, size_t n, const char *src)
{
    char *o = dc_arena_alloc(p->m.tmp, n * 2 + 1);
    if (!o)
        return 0;
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned long cp = (unsigned char)s[i];
        size_t used = s[i] == '&' ? entity_at(s + i + 1, n - i - 1, &cp) : 0;
        i += used;
        int nbsp = (used && cp == 0xA0) || (!used && cp == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0);
        if (nbsp && !used)
            i++;
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || nbsp) {
            sp = 1;
            continue;
        }
        if (sp && k)
            o[k++] = ' ';
        sp = 0;
        if (used)
            put_utf8(o, &k, cp);
        else
            o[k++] = s[i];
    }
    return k ? put(a, f, o, k, src) : 1;
}

/* ------------------------------------------------------------ language */

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "EN_us" -> "en-US", "zh-hans-cn" -> "zh-Hans-CN"; 0 when not a language tag. */
static size_t normalise_lang(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    for (int part = 0; i < n && part < 4; part++) {
        size_t st = i;
        while (i < n && (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9')))
            i++;
        size_t len = i - st;
        if (part == 0 && (len < 2 || len > 3 || !is_alpha(s[st]) || !is_alpha(s[st + 1])))
            return 0;
        if (len == 0 || len > 8 || o + len + 2 >= cap)
            break;
        if (part)
            out[o++] = '-';
        for (size_t k = 0; k < len; k++) {
            char c = s[st + k];
            int upper = part > 0 && (len == 2 || (len == 4 && k == 0));
            if (upper && c >= 'a' && c <= 'z')
                c = (char)(c - 32);
            else if (!upper && c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            out[o++] = c;
        }
        if (i >= n || (s[i] != '-' && s[i] != '_'))
            break;
        i++;
    }
    out[o] = '\0';
    return o;
}

/* 05/06/2024 is May 6th only on US-English pages. */
static int month_first(const char *lang)
{
    if (!lang || strncmp(lang, "en", 2) != 0 || (lang[2] && lang[2] != '-'))
        return 0;
    static const char *const day_first[] = {"-GB", "-AU", "-IN", "-IE", "-NZ", "-ZA", "-UK", "-SG", NULL};
    for (int k = 0; day_first[k]; k++)
        if (strstr(lang, day_first[k]))
            return 0;
    return 1;
}

/* ------------------------------------------------------------ URLs */

static int is_absolute(const char *s, size_t n)
{
    return dc_contains_ci(s, n < 8 ? n : 8, "://") &&
           (dc_eq_ci(s, n < 5 ? n : 5, "http:", 5) || dc_eq_ci(s, n < 6 ? n : 6, "https:", 6));
}

/* Resolves a reference against base; the result lives in the scratch arena. */
static char *absolutize(pass *p, const char *ref, size_t n, const char *base, size_t *out_n)
{
    if (is_absolute(ref, n) || !base || !is_absolute(base, strlen(base)))
        return NULL;
    const char *scheme_end = strstr(base, "://");
    size_t host_end = (size_t)(scheme_end - base) + 3;
    while (base[host_end] && base[host_end] != '/' && base[host_end] != '?' && base[host_end] != '#')
        host_end++;
    size_t keep;
    if (n >= 2 && ref[0] == '/' && ref[1] == '/') {
        keep = (size_t)(scheme_end - base) + 1;
    } else if (n >= 1 && ref[0] == '/') {
        keep = host_end;
    } else {
        size_t q = strcspn(base, "?#");
        keep = q;
        if (!(n >= 1 && ref[0] == '?'))
            while (keep > host_end && base[keep - 1] != '/')
                keep--;
        if (keep == host_end) {
            char *o = dc_arena_alloc(p->m.tmp, keep + n + 2);
            if (!o)
                return NULL;
            memcpy(o, base, keep);
            o[keep] = '/';
            memcpy(o + keep + 1, ref, n);
            o[keep + 1 + n] = '\0';
            *out_n = keep + 1 + n;
            return o;
        }
    }
    char *o = dc_arena_alloc(p->m.tmp, keep + n + 1);
    if (!o)
        return NULL;
    memcpy(o, base, keep);
    memcpy(o + keep, ref, n);
    o[keep + n] = '\0';
    *out_n = keep + n;
    return o;
}

static int put_url(pass *p, decant_article *a, decant_field f, const dc_mval *v, const char *base)
{
    if (!v->s)
        return 1;
    size_t n;
    char *abs = absolutize(p, v->s, v->n, base, &n);
    if (abs)
        return put(a, f, abs, n, v->src);
    if (!is_absolute(v->s, v->n))
        return 1; /* relative and nothing to resolve it against: no value */
    return put(a, f, v->s, v->n, v->src);
}

/* ------------------------------------------------------------ title */

static const char *const title_seps[] = {" | ", " - ", " — ", " – ", " :: ", " · ", " » ", " • ", " / ", " || ", NULL};

static int word_count(const char *s, size_t n)
{
    int w = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ';
        w += !sp && !in;
        in = !sp;
    }
    return w;
}

/* Letters and digits only, lower-cased: "Corriere.it" ~ "corriere it". */
static size_t squash(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
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

/* "Headline | Site" -> "Headline"; also "Site | Headline". */
static void strip_site(const char **s, size_t *n, const char *site, const char *url)
{
    for (int round = 0; round < 2; round++) {
        size_t best = 0, best_len = 0;
        for (int k = 0; title_seps[k]; k++) {
            size_t m = strlen(title_seps[k]);
            for (size_t i = *n; i-- > 1;)
                if (i + m <= *n && !memcmp(*s + i, title_seps[k], m)) {
                    if (i > best)
                        best = i, best_len = m;
                    break;
                }
        }
        if (!best)
            break;
        const char *suf = *s + best + best_len;
        size_t sn = *n - best - best_len;
        int short_suffix = word_count(suf, sn) <= 5 && sn <= best;
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
            if (!memcmp(*s + i, title_seps[k], m)) {
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

static uint32_t main_h1(const pass *p)
{
    for (int k = 0; k < p->h1.n; k++)
        if (p->cx[p->h1.at[k]] & DC_CX_ARTICLE)
            return p->h1.at[k];
    return p->h1.n ? p->h1.at[0] : 0;
}

static int resolve_title(pass *p, decant_article *a)
{
    const char *site = a->field[DECANT_FIELD_SITE_NAME];
    const char *url = a->field[DECANT_FIELD_URL];
    const dc_mval *v = &p->m.field[DECANT_FIELD_TITLE];
    char mbuf[2048];
    uint32_t mh = main_h1(p);
    long mn = mh ? dc_bounded_text(p->dom, mh, mbuf, sizeof mbuf) : -1;
    if (mn > 3 && (!site || !dc_eq_ci(mbuf, (size_t)mn, site, strlen(site))))
        return put_text(p, a, DECANT_FIELD_TITLE, mbuf, (size_t)mn, "title-element");
    if (v->s) {
        const char *s = v->s;
        size_t n = v->n;
        strip_site(&s, &n, site, url);
        return put_text(p, a, DECANT_FIELD_TITLE, s, n, v->src);
    }
    char tbuf[2048], hbuf[2048];
    long tn = p->title_node ? dc_bounded_text(p->dom, p->title_node, tbuf, sizeof tbuf) : -1;
    for (int k = 0; k < p->h1.n && tn > 0; k++) {
        long hn = dc_bounded_text(p->dom, p->h1.at[k], hbuf, sizeof hbuf);
        if (hn > 3 && prefix_ci(tbuf, (size_t)tn, hbuf, (size_t)hn))
            return put_text(p, a, DECANT_FIELD_TITLE, hbuf, (size_t)hn, "title-element");
    }
    if (tn > 0) {
        const char *s = tbuf;
        size_t n = (size_t)tn;
        strip_site(&s, &n, site, url);
        return put_text(p, a, DECANT_FIELD_TITLE, s, n, "title-element");
    }
    uint32_t h = main_h1(p);
    long hn = h ? dc_bounded_text(p->dom, h, hbuf, sizeof hbuf) : -1;
    if (hn > 0)
        return put_text(p, a, DECANT_FIELD_TITLE, hbuf, (size_t)hn, "title-element");
    return 1;
}

/* ------------------------------------------------------------ dates */

/* How far node i is from the headline, in nodes; before it counts more. */
static long distance(const pass *p, uint32_t i, uint32_t h1)
{
    long d = h1 ? (i >= h1 ? (long)(i - h1) : 3 * (long)(h1 - i)) : (long)i;
    if (!(p->cx[i] & DC_CX_ARTICLE))
        d += 2000;
    return d;
}

static int put_date(decant_article *a, decant_field f, const dc_date *d, const char *src)
{
    char buf[40];
    size_t n = dc_date_format(d, buf, sizeof buf);
    return put(a, f, buf, n, src);
}

static int by_rank(const dc_mval *x, const dc_mval *y)
{
    return x->rank != y->rank ? x->rank - y->rank : x->sub - y->sub;
}

/* The best-ranked structured candidate that parses; 0 if none. */
static int best_structured(pass *p, int mod, int mf, dc_date *out, const char **src)
{
    dc_mval *c = p->m.dates[mod];
    int n = p->m.ndates[mod];
    int used[DC_MAX_DATES] = {0};
    for (int round = 0; round < n; round++) {
        int best = -1;
        for (int k = 0; k < n; k++)
            if (!used[k] && (best < 0 || by_rank(&c[k], &c[best]) < 0))
                best = k;
        used[best] = 1;
        if (dc_date_parse(c[best].s, c[best].n, mf, p->max_year, out)) {
            *src = c[best].src;
            return 1;
        }
    }
    return 0;
}

/* The <time> nearest the headline; mod picks "updated" ones. */
static int best_time(pass *p, int mod, int mf, uint32_t h1, dc_date *out)
{
    long best = 0;
    int found = 0;
    for (int k = 0; k < p->times.n; k++) {
        uint32_t i = p->times.at[k];
        size_t cn;
        const char *cls = dc_attr_get(p->dom, i, "class", &cn);
        int is_mod = cls && (dc_contains_ci(cls, cn, "updat") || dc_contains_ci(cls, cn, "modif"));
        if (is_mod != mod)
            continue;
        dc_date d;
        size_t n;
        const char *v = dc_attr_get(p->dom, i, "datetime", &n);
        int ok = v && dc_date_parse(v, n, mf, p->max_year, &d);
        if (!ok) {
            char buf[TEXT_CAP];
            long len = dc_bounded_text(p->dom, i, buf, sizeof buf);
            ok = len > 0 && dc_date_parse(buf, (size_t)len, mf, p->max_year, &d);
        }
        if (!ok)
            continue;
        long score = distance(p, i, h1);
        if (dc_attr_get(p->dom, i, "pubdate", NULL) || (cls && dc_contains_ci(cls, cn, "publish")))
            score -= 500;
        if (!found || score < best)
            best = score, *out = d, found = 1;
    }
    return found;
}

/* A dateline or byline element near the headline whose text holds a date. */
static int best_dateline(pass *p, int mf, uint32_t h1, dc_date *out)
{
    long best = -1;
    const idx_list *lists[2] = {&p->datelines, &p->bylines};
    for (int l = 0; l < 2; l++)
        for (int k = 0; k < lists[l]->n; k++) {
            uint32_t i = lists[l]->at[k];
            char buf[TEXT_CAP];
            dc_date d;
            size_t n;
            const char *v = dc_attr_get(p->dom, i, "datetime", &n);
            if (!v)
                v = dc_attr_get(p->dom, i, "content", &n);
            int ok = v && dc_date_parse(v, n, mf, p->max_year, &d);
            if (!ok) {
                long len = dc_bounded_text(p->dom, i, buf, sizeof buf);
                ok = len > 0 && dc_date_parse(buf, (size_t)len, mf, p->max_year, &d);
            }
            if (!ok)
                continue;
            long score = distance(p, i, h1);
            if (best < 0 || score < best)
                best = score, *out = d;
        }
    return best >= 0;
}

/* A short text node near the headline that is nothing but a date. */
static int date_near_h1(pass *p, int mf, uint32_t h1, dc_date *out)
{
    if (!h1)
        return 0;
    const dc_dom *d = p->dom;
    uint32_t from = h1 > 80 ? h1 - 80 : 1, to = h1 + 150 < d->count ? h1 + 150 : d->count;
    long best = -1;
    for (uint32_t i = from; i < to; i++) {
        const dc_node *n = &d->nodes[i];
        if (n->tag != DC_TAG_TEXT || n->text_len < 6 || n->text_len > 80 || (p->cx[i] & DC_CX_BAD))
            continue;
        uint8_t ptag = d->nodes[n->parent].tag;
        if (ptag == DC_TAG_SCRIPT || ptag == DC_TAG_STYLE || ptag == DC_TAG_A)
            continue;
        dc_date dd;
        if (!dc_date_parse(n->text, n->text_len, mf, p->max_year, &dd))
            continue;
        long score = distance(p, i, h1);
        if (best < 0 || score < best)
            best = score, *out = dd;
    }
    return best >= 0;
}

static int resolve_dates(pass *p, decant_article *a, const char *url)
{
    int mf = month_first(a->field[DECANT_FIELD_LANGUAGE]);
    uint32_t h1 = main_h1(p);
    dc_date d;
    const char *src;
    if (best_structured(p, 0, mf, &d, &src)) {
        if (!put_date(a, DECANT_FIELD_DATE_PUBLISHED, &d, src))
            return 0;
    } else if (best_time(p, 0, mf, h1, &d)) {
        if (!put_date(a, DECANT_FIELD_DATE_PUBLISHED, &d, "time-element"))
            return 0;
    } else if (best_dateline(p, mf, h1, &d)) {
        if (!put_date(a, DECANT_FIELD_DATE_PUBLISHED, &d, "dateline"))
            return 0;
    } else if (date_near_h1(p, mf, h1, &d)) {
        if (!put_date(a, DECANT_FIELD_DATE_PUBLISHED, &d, "dateline"))
            return 0;
    } else if (dc_date_from_url(url, p->max_year, &d)) {
        if (!put_date(a, DECANT_FIELD_DATE_PUBLISHED, &d, "url"))
            return 0;
    }
    if (best_structured(p, 1, mf, &d, &src))
        return put_date(a, DECANT_FIELD_DATE_MODIFIED, &d, src);
    if (best_time(p, 1, mf, h1, &d))
        return put_date(a, DECANT_FIELD_DATE_MODIFIED, &d, "time-element");
    return 1;
}

/* ------------------------------------------------------------ authors */

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
static int names_of_rank(pass *p, int rank, const char *site, name_set *set)
{
    memset(set, 0, sizeof *set);
    int weak = 1;
    for (int sub = 0; sub < 16 && !set->count; sub++)
        for (int k = 0; k < p->m.nauthors; k++) {
            const dc_author_cand *c = &p->m.authors[k];
            if (c->rank != rank || c->sub != sub)
                continue;
            dc_name names[DC_MAX_AUTHORS];
            int n = dc_names_from_text(p->m.tmp, c->s, c->n, c->split, names, DC_MAX_AUTHORS);
            if (n < 0)
                return 0;
            for (int j = 0; j < n; j++) {
                int is_site = site && dc_eq_ci(names[j].s, names[j].n, site, strlen(site));
                if (!names[j].editorial && !c->org && !is_site)
                    weak = 0;
            }
            if (n > 0 && !set->src)
                set->src = c->src;
            add_names(set, names, n);
        }
    set->weak = weak;
    return 1;
}

/* The microdata author's name: a nested itemprop=name, content, or text. */
static void offer_microdata_author(pass *p, uint32_t i)
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
        dc_meta_offer_author(&p->m, v, n, DC_RANK_MICRODATA, 0, "microdata", 0, 1);
        return;
    }
    char buf[TEXT_CAP];
    long len = dc_bounded_text(d, target, buf, sizeof buf);
    char *c = len > 0 ? dc_arena_strndup(p->m.tmp, buf, (size_t)len) : NULL;
    if (c)
        dc_meta_offer_author(&p->m, c, (size_t)len, DC_RANK_MICRODATA, 0, "microdata", 0, 1);
}

/* The visible byline nearest the headline that holds a name. */
static int offer_byline(pass *p)
{
    uint32_t h1 = main_h1(p);
    long best = -1;
    uint32_t best_i = 0;
    long best_len = 0;
    char best_buf[TEXT_CAP];
    for (int k = 0; k < p->bylines.n; k++) {
        uint32_t i = p->bylines.at[k];
        char buf[TEXT_CAP];
        long len = dc_bounded_text(p->dom, i, buf, sizeof buf);
        if (len <= 0)
            continue;
        dc_name names[4];
        int n = dc_names_from_text(p->m.tmp, buf, (size_t)len, 1, names, 4);
        if (n < 0)
            return 0;
        if (n == 0)
            continue;
        long score = distance(p, i, h1);
        if (best < 0 || score < best) {
            best = score, best_i = i, best_len = len;
            memcpy(best_buf, buf, (size_t)len + 1);
        }
    }
    if (best < 0)
        return 1;
    (void)best_i;
    char *c = dc_arena_strndup(p->m.tmp, best_buf, (size_t)best_len);
    if (!c)
        return 0;
    dc_meta_offer_author(&p->m, c, (size_t)best_len, DC_RANK_BYLINE, 0, "byline", 0, 1);
    return 1;
}

static int resolve_authors(pass *p, decant_article *a)
{
    for (int k = 0; k < p->md_authors.n; k++)
        if (!(p->cx[p->md_authors.at[k]] & DC_CX_BAD))
            offer_microdata_author(p, p->md_authors.at[k]);
    if (!offer_byline(p))
        return 0;
    const char *site = a->field[DECANT_FIELD_SITE_NAME];
    name_set chosen, set;
    memset(&chosen, 0, sizeof chosen);
    for (int rank = DC_RANK_JSONLD; rank <= DC_RANK_BYLINE; rank++) {
        if (!names_of_rank(p, rank, site, &set))
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

/* ------------------------------------------------------------ all */

static int resolve_language(pass *p, decant_article *a)
{
    const dc_mval *v = &p->m.field[DECANT_FIELD_LANGUAGE];
    char buf[40];
    size_t n = v->s ? normalise_lang(v->s, v->n, buf, sizeof buf) : 0;
    return n ? put(a, DECANT_FIELD_LANGUAGE, buf, n, v->src) : 1;
}

static int resolve_url(pass *p, decant_article *a)
{
    const dc_mval *v = &p->m.field[DECANT_FIELD_URL];
    if (v->s && !put_url(p, a, DECANT_FIELD_URL, v, p->url))
        return 0;
    if (!a->field[DECANT_FIELD_URL] && p->url && *p->url)
        return put(a, DECANT_FIELD_URL, p->url, strlen(p->url), "url");
    return 1;
}

decant_status dc_meta_resolve(pass *p, decant_article *a)
{
    const dc_mval *f = p->m.field;
    int ok = resolve_language(p, a) && resolve_url(p, a);
    const char *base = a->field[DECANT_FIELD_URL] ? a->field[DECANT_FIELD_URL] : p->url;
    static const decant_field text_fields[] = {DECANT_FIELD_SITE_NAME, DECANT_FIELD_DESCRIPTION,
                                               DECANT_FIELD_SECTION};
    for (size_t k = 0; ok && k < sizeof text_fields / sizeof text_fields[0]; k++) {
        const dc_mval *v = &f[text_fields[k]];
        if (v->s)
            ok = put_text(p, a, text_fields[k], v->s, v->n, v->src);
    }
    ok = ok && put_url(p, a, DECANT_FIELD_IMAGE, &f[DECANT_FIELD_IMAGE], base);
    ok = ok && resolve_title(p, a) && resolve_dates(p, a, base) && resolve_authors(p, a);
    return ok && !p->m.nomem ? DECANT_OK : DECANT_ERR_NOMEM;
}
