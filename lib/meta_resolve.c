/*
 * meta_resolve.c — from the candidates meta.c collected to the article's
 * fields: the most trusted source that yields a valid value wins.
 */
#include <string.h>

#include "meta_date.h"
#include "meta_priv.h"

typedef dc_meta_pass pass;

/* ------------------------------------------------------------ output */

int dc_meta_put(decant_article *a, decant_field f, const char *s, size_t n, const char *src)
{
    char *c = dc_arena_strndup(&a->arena, s, n);
    if (!c)
        return 0;
    a->field[f] = c;
    a->source[f] = src;
    return 1;
}

int dc_meta_put_text(pass *p, decant_article *a, decant_field f, const char *s, size_t n, const char *src)
{
    size_t k;
    char *o = dc_unescape(p->m.tmp, s, n, &k);
    if (!o)
        return 0;
    return k ? dc_meta_put(a, f, o, k, src) : 1;
}

/* ------------------------------------------------------------ language */

/* "EN_us" -> "en-US", "zh-hans-cn" -> "zh-Hans-CN"; 0 when not a language tag. */
static size_t normalise_lang(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    for (int part = 0; i < n && part < 4; part++) {
        size_t st = i;
        while (i < n && (dc_is_alpha((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9')))
            i++;
        size_t len = i - st;
        if (part == 0 && (len < 2 || len > 3 || !dc_is_alpha((unsigned char)s[st]) || !dc_is_alpha((unsigned char)s[st + 1])))
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

/*
 * 05/06/2024 is May 6th only on US-English pages.  A bare "en" is what
 * templates declare by default: on a country's domain (.ru, .pl, .uk) the
 * page is not American.
 */
int dc_meta_month_first(const char *lang, const char *url)
{
    if (!lang || strncmp(lang, "en", 2) != 0 || (lang[2] && lang[2] != '-'))
        return 0;
    static const char *const day_first[] = {"-GB", "-AU", "-IN", "-IE", "-NZ", "-ZA", "-UK", "-SG", NULL};
    for (int k = 0; day_first[k]; k++)
        if (strstr(lang, day_first[k]))
            return 0;
    if (lang[2] || !url)
        return 1;
    const char *h = strstr(url, "://");
    h = h ? h + 3 : url;
    size_t hn = strcspn(h, "/?#:");
    size_t dot = hn;
    while (dot > 0 && h[dot - 1] != '.')
        dot--;
    /* a two-letter top-level domain, other than the US's own */
    return !(dot > 0 && hn - dot == 2 && !dc_eq_ci(h + dot, 2, "us", 2));
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
        return dc_meta_put(a, f, abs, n, v->src);
    if (!is_absolute(v->s, v->n))
        return 1; /* relative and nothing to resolve it against: no value */
    return dc_meta_put(a, f, v->s, v->n, v->src);
}

/* ------------------------------------------------------------ dates */

static int put_date(decant_article *a, decant_field f, const dc_date *d, const char *src)
{
    char buf[40];
    size_t n = dc_date_format(d, buf, sizeof buf);
    return dc_meta_put(a, f, buf, n, src);
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

/* The <time> nearest the headline; mod picks "updated" ones; shown reads
 * its text only, not its datetime. */
static int best_time(pass *p, int mod, int shown, int mf, uint32_t h1, dc_date *out)
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
        const char *v = shown ? NULL : dc_attr_get(p->dom, i, "datetime", &n);
        int ok = v && dc_date_parse(v, n, mf, p->max_year, &d);
        if (!ok) {
            char buf[TEXT_CAP];
            long len = dc_bounded_text(p->dom, i, buf, sizeof buf);
            ok = len > 0 && dc_date_parse(buf, (size_t)len, mf, p->max_year, &d);
        }
        if (!ok)
            continue;
        long score = dc_meta_distance(p, i, h1);
        if (dc_attr_get(p->dom, i, "pubdate", NULL) || (cls && dc_contains_ci(cls, cn, "publish")))
            score -= 500;
        if (!found || score < best)
            best = score, *out = d, found = 1;
    }
    return found;
}

/* A dateline or byline element near the headline whose text holds a date. */
static int blank(const char *s, size_t n)
{
    const char *t = s;
    dc_trim(&t, &n);
    return n == 0;
}

/* Does the text name a date that is not a publication's: a release, an
 * item's availability or delivery, an offer's end, when a member joined a
 * forum?  (Stems inside the word, so that capitals do not matter:
 * "Зарегистрирован", "Dołączył".) */
static int other_date_label(const char *t, size_t n)
{
    static const char *const labels[] = {
        "releas", "availab", "deliver", "expir", "shipping", "ships ",
        "registered", "joined", "member since", "registriert", "mitglied seit", "dabei seit", "inscrit",
        "membre depuis", "registrado", "miembro desde", "iscritto", "registrato", "membro desde",
        "регистр", "ołączył", "zarejestrowan", "üyelik", "γγραφ", "التسجيل", "注册", "註冊", "登録",
        NULL};
    for (int k = 0; labels[k]; k++)
        if (dc_contains_ci(t, n, labels[k]))
            return 1;
    return 0;
}

/*
 * "Release Date: 21 Aug, 2012", "Released <b>2012</b>", "Expected
 * availability: Apr 01, 2026": a game's, a film's or a product's date, not
 * the page's.  The label is in the text or just before.
 */
static int release_date(pass *p, uint32_t i, const char *text, size_t n)
{
    if (other_date_label(text, n))
        return 1;
    const dc_dom *d = p->dom;
    for (uint32_t k = i; k && d->nodes[k].parent; k = d->nodes[k].parent) {
        uint32_t prev = d->nodes[k].prev;
        while (prev && (d->nodes[prev].tag == DC_TAG_COMMENT ||
                        (d->nodes[prev].tag == DC_TAG_TEXT && blank(d->nodes[prev].text, d->nodes[prev].text_len))))
            prev = d->nodes[prev].prev;
        if (!prev)
            continue;
        char buf[TEXT_CAP];
        long len = d->nodes[prev].tag == DC_TAG_TEXT ? -1 : dc_bounded_text(d, prev, buf, sizeof buf);
        const char *t = len >= 0 ? buf : d->nodes[prev].text;
        size_t tn = len >= 0 ? (size_t)len : d->nodes[prev].text_len;
        return t && tn < 40 && other_date_label(t, tn); /* a label, not a paragraph */
    }
    return 0;
}

/* The dateline or byline element nearest the headline holding a date;
 * shown reads its text only, not its datetime or content attribute. */
static int best_dateline(pass *p, int shown, int mf, uint32_t h1, dc_date *out, uint32_t *at)
{
    long best = -1;
    const idx_list *lists[2] = {&p->datelines, &p->bylines};
    for (int l = 0; l < 2; l++)
        for (int k = 0; k < lists[l]->n; k++) {
            uint32_t i = lists[l]->at[k];
            char buf[TEXT_CAP];
            dc_date d;
            size_t n;
            const char *v = shown ? NULL : dc_attr_get(p->dom, i, "datetime", &n);
            if (!v && !shown)
                v = dc_attr_get(p->dom, i, "content", &n);
            int ok = v && dc_date_parse(v, n, mf, p->max_year, &d);
            if (!ok) {
                long len = dc_bounded_text(p->dom, i, buf, sizeof buf);
                ok = len > 0 && dc_date_parse(buf, (size_t)len, mf, p->max_year, &d);
            }
            if (!ok)
                continue;
            if (!v && release_date(p, i, buf, (size_t)strlen(buf)))
                continue;
            long score = dc_meta_distance(p, i, h1);
            if (best < 0 || score < best)
                best = score, *out = d, *at = i;
        }
    return best >= 0;
}

/* The length of s as shown: runs of white space as one, none at the ends. */
static size_t shown_len(const char *s, size_t n)
{
    size_t len = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            sp = len > 0;
            continue;
        }
        len += (size_t)sp + 1;
        sp = 0;
    }
    return len;
}

/* A text node that is nothing but a date (not a release's); 0 if not.
 * Old templates indent it with tabs and line breaks ("15:28\t\t\t\r\n"):
 * its length is the shown one. */
static int bare_date(pass *p, uint32_t i, int mf, dc_date *out)
{
    const dc_node *n = &p->dom->nodes[i];
    if (n->tag != DC_TAG_TEXT || n->text_len < 6 || (p->cx[i] & DC_CX_BAD))
        return 0;
    if (n->text_len > 80 && (n->text_len > 400 || shown_len(n->text, n->text_len) > 80))
        return 0;
    return dc_date_parse(n->text, n->text_len, mf, p->max_year, out) &&
           !release_date(p, i, n->text, n->text_len);
}

/* Is text node i a dateline, the date and at most two words ("Published:
 * 10/11/2011 13:03"), not a sentence that mentions one? */
static int all_date(const pass *p, uint32_t i, int mf)
{
    const dc_node *n = &p->dom->nodes[i];
    dc_date d;
    size_t at, end;
    if (!dc_date_find(n->text, n->text_len, mf, p->max_year, &d, &at, &end))
        return 0;
    return dc_word_count(n->text, at) + dc_word_count(n->text + end, n->text_len - end) <= 2;
}

/* A short text node near the headline that is nothing but a date; strict:
 * a dateline outside the headline and the element not_in, the date and
 * at most two words. */
static int date_near_h1(pass *p, int strict, uint32_t not_in, int mf, uint32_t h1, dc_date *out, uint32_t *at)
{
    if (!h1)
        return 0;
    const dc_dom *d = p->dom;
    uint32_t from, to;
    dc_meta_around_h1(d, h1, 80, 150, &from, &to);
    long best = -1;
    for (uint32_t i = from; i < to; i++) {
        uint8_t ptag = d->nodes[d->nodes[i].parent].tag;
        if (ptag == DC_TAG_SCRIPT || ptag == DC_TAG_STYLE || ptag == DC_TAG_A)
            continue;
        dc_date dd;
        if (!bare_date(p, i, mf, &dd) ||
            (strict && (dc_meta_contains(d, h1, i) || dc_meta_contains(d, not_in, i) || !all_date(p, i, mf))))
            continue;
        long score = dc_meta_distance(p, i, h1);
        if (best < 0 || score < best)
            best = score, *out = dd, *at = i;
    }
    return best >= 0;
}

/* The depth of the deepest element holding both a and b. */
static int common_depth(const dc_dom *d, uint32_t a, uint32_t b)
{
    while (a != b) {
        if (d->nodes[a].depth >= d->nodes[b].depth && d->nodes[a].parent != a)
            a = d->nodes[a].parent;
        else
            b = d->nodes[b].parent;
        if (!a || !b)
            return 0;
    }
    return d->nodes[a].depth;
}

/*
 * A page's clock in its header ("Wednesday 10 April 2013") and the dates
 * of the sidebar's stories are named as dates too, and may stand nearer the
 * headline in node order than the story's own dateline, which has no such
 * name.  The date that shares the deeper container with the headline is the
 * story's.
 */
static int story_dateline(pass *p, int mf, uint32_t h1, uint32_t named_at, dc_date *out)
{
    uint32_t at;
    dc_date d;
    if (!h1 || !date_near_h1(p, 1, named_at, mf, h1, &d, &at))
        return 0;
    int near = common_depth(p->dom, at, h1), named = common_depth(p->dom, named_at, h1);
    if (near < named || (near == named && dc_meta_distance(p, at, h1) >= dc_meta_distance(p, named_at, h1)))
        return 0;
    *out = d;
    return 1;
}

/*
 * A date beside a byline: "Written by <a>Jane Doe</a>" with "April 8, 2024"
 * in the next paragraph, or a byline block holding name and date.  Themes
 * set the two together, wherever the headline is; only the few nodes
 * around the byline nearest the headline are read.
 */
static int date_near_byline(pass *p, int mf, uint32_t h1, dc_date *out)
{
    const dc_dom *d = p->dom;
    long best = -1;
    for (int k = 0; k < p->bylines.n; k++) {
        uint32_t b = p->bylines.at[k];
        uint32_t around = b;
        for (int up = 0; up < 2 && d->nodes[around].parent; up++)
            around = d->nodes[around].parent;
        long score = dc_meta_distance(p, b, h1);
        if (best >= 0 && score >= best)
            continue;
        int steps = 0;
        for (uint32_t i = around; i && steps < 60; i = dc_next_in(d, i, around), steps++) {
            dc_date dd;
            if (bare_date(p, i, mf, &dd)) {
                best = score, *out = dd;
                break;
            }
        }
    }
    return best >= 0;
}

/* The date the reader sees, in the order the visible sources are trusted. */
static int shown_date(pass *p, int mf, uint32_t h1, dc_date *out, const char **src)
{
    *src = "dateline";
    if (best_time(p, 0, 1, mf, h1, out)) {
        *src = "time-element";
        return 1;
    }
    uint32_t at;
    return best_dateline(p, 1, mf, h1, out, &at) || date_near_byline(p, mf, h1, out) ||
           date_near_h1(p, 0, 0, mf, h1, out, &at);
}

/* An offset east of UTC in [lo, hi] minutes that the page states in a
 * machine-readable date (a modified time, a <time datetime>), or 0 with *o unset. */
static int stated_offset(pass *p, int mf, long lo, long hi, int *o)
{
    dc_date d;
    for (int mod = 0; mod < 2; mod++)
        for (int k = 0; k < p->m.ndates[mod]; k++) {
            const dc_mval *c = &p->m.dates[mod][k];
            if (dc_date_parse(c->s, c->n, mf, p->max_year, &d) && d.has_zone && d.zone_min &&
                d.zone_min >= lo && d.zone_min <= hi) {
                *o = d.zone_min;
                return 1;
            }
        }
    for (int k = 0; k < p->times.n; k++) {
        size_t n;
        const char *v = dc_attr_get(p->dom, p->times.at[k], "datetime", &n);
        if (v && dc_date_parse(v, n, mf, p->max_year, &d) && d.has_zone && d.zone_min && d.zone_min >= lo &&
            d.zone_min <= hi) {
            *o = d.zone_min;
            return 1;
        }
    }
    return 0;
}

/*
 * A machine-readable timestamp in UTC ("2022-11-06T23:00:00Z") is an
 * instant; the dateline the reader sees ("7. November 2022") is that
 * instant's day where the paper is, and the day users want.  The shown day
 * is reported when it is provably the same instant seen in another zone,
 * an offset between -12:00 and +14:00 that puts the UTC time on it:
 *   - the page shows the time too, and the offset is what it implies;
 *   - the page states the offset in another machine-readable date;
 *   - the UTC time is that offset's midnight exactly (23:00:00Z for a
 *     day in +01:00): a CMS that stored a bare date at local midnight.
 * With a time where the page gives the offset, else as a bare date.  A shown
 * day that no such offset reaches, or reaches only by a guess, is another
 * date or a guess (wcxb-dev gold follows the UTC day where nothing proves
 * the zone), and changes nothing.
 */
static int local_day(pass *p, int mf, uint32_t h1, const dc_date *utc, dc_date *out, const char **src)
{
    dc_date v;
    const char *vsrc;
    if (!utc->has_time || !utc->has_zone || utc->zone_min != 0 || !shown_date(p, mf, h1, &v, &vsrc))
        return 0;
    if (v.year == utc->year && v.month == utc->month && v.day == utc->day)
        return 0;
    dc_date day = v;
    day.has_time = day.has_zone = 0;
    long t = dc_date_minutes(utc), start = dc_date_minutes(&day);
    /* the offsets that put the instant on the shown day; the first, its midnight */
    long midnight = start - t, lo = midnight, hi = start + 1439 - t;
    lo = lo < -12 * 60 ? -12 * 60 : lo;
    hi = hi > 14 * 60 ? 14 * 60 : hi;
    if (lo > hi)
        return 0;
    int o;
    if (v.has_time) {
        long shown_o = start + v.hour * 60 + v.minute - t;
        if (shown_o < lo || shown_o > hi || shown_o % 15 || (v.has_zone && v.zone_min != shown_o) ||
            !dc_date_to_zone(utc, (int)shown_o, out))
            return 0;
    } else if (stated_offset(p, mf, lo, hi, &o)) {
        if (!dc_date_to_zone(utc, o, out))
            return 0;
    } else if (midnight != lo || midnight % 60 || utc->second) { /* not a whole-hour zone's midnight */
        return 0;
    } else {
        *out = day;
    }
    *src = vsrc;
    return 1;
}

static int resolve_dates(pass *p, decant_article *a, const char *url)
{
    int mf = dc_meta_month_first(a->field[DECANT_FIELD_LANGUAGE], url);
    uint32_t h1 = dc_meta_main_h1(p);
    dc_date d, mod, local;
    uint32_t at;
    const char *src, *mod_src = NULL;
    int have_mod = best_structured(p, 1, mf, &mod, &mod_src);
    if (best_structured(p, 0, mf, &d, &src)) {
        if (!p->m.product && local_day(p, mf, h1, &d, &local, &src))
            d = local;
        if (!put_date(a, DECANT_FIELD_DATE_PUBLISHED, &d, src))
            return 0;
    } else if (p->m.product) {
        /* A product page's visible dates are releases and reviews, never its own. */
    } else if (best_time(p, 0, 0, mf, h1, &d)) {
        src = "time-element";
        if (local_day(p, mf, h1, &d, &local, &src))
            d = local;
        if (!put_date(a, DECANT_FIELD_DATE_PUBLISHED, &d, src))
            return 0;
    } else if (best_dateline(p, 0, mf, h1, &d, &at)) {
        story_dateline(p, mf, h1, at, &d);
        if (!put_date(a, DECANT_FIELD_DATE_PUBLISHED, &d, "dateline"))
            return 0;
    } else if (date_near_byline(p, mf, h1, &d)) {
        if (!put_date(a, DECANT_FIELD_DATE_PUBLISHED, &d, "dateline"))
            return 0;
    } else if (date_near_h1(p, 0, 0, mf, h1, &d, &at)) {
        if (!put_date(a, DECANT_FIELD_DATE_PUBLISHED, &d, "dateline"))
            return 0;
    } else if (dc_date_from_url(url, p->max_year, &d)) {
        if (!put_date(a, DECANT_FIELD_DATE_PUBLISHED, &d, "url"))
            return 0;
    }
    if (have_mod)
        return put_date(a, DECANT_FIELD_DATE_MODIFIED, &mod, mod_src);
    if (best_time(p, 1, 0, mf, h1, &d))
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
static int names_of_rank(pass *p, int rank, const char *site, const char *url, name_set *set)
{
    memset(set, 0, sizeof *set);
    int weak = 1;
    for (int sub = 0; sub < 16 && !set->count; sub++)
        for (int k = 0; k < p->m.nauthors; k++) {
            const dc_author_cand *c = &p->m.authors[k];
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
        dc_meta_offer_author(&p->m, v, n, DC_RANK_MICRODATA, 1, "microdata", 0, 1);
        return;
    }
    char buf[TEXT_CAP];
    long len = dc_bounded_text(d, target, buf, sizeof buf);
    char *c = len > 0 ? dc_arena_strndup(p->m.tmp, buf, (size_t)len) : NULL;
    if (c)
        dc_meta_offer_author(&p->m, c, (size_t)len, DC_RANK_MICRODATA, 1, "microdata", 0, 1);
}

/* Does every word of a name start with a capital (or a non-ASCII letter), bar particles? */
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
            int own = tn && hn && (dc_contains_ci(title, tn, h) || dc_contains_ci(h, hn, title));
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

/* The visible byline nearest the headline that holds a name. */
static int offer_byline(pass *p, const char *title)
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
    if (best < 0)
        return 1;
    char *c = dc_arena_strndup(p->m.tmp, best_buf, (size_t)best_len);
    if (!c)
        return 0;
    dc_meta_offer_author(&p->m, c, (size_t)best_len, DC_RANK_BYLINE, 0, "byline", 0, 1);
    return 1;
}

/* Byline labels, lower-case, longest first; a name follows in the text or the next element. */
static const char *const byline_labels[] = {
    "written by", "posted by", "words by", "story by", "a cura di", "authors:", "author:", "autore:",
    "autor:", "auteur:", "автор:", "by:", "author", "autore", "autor", "auteur", "автор", "by", "di",
    "von", "par", "por", "door", "av", NULL};

/* Length of the label s starts with (then a space, a colon or the end), or 0. */
static size_t label_at(const char *s, size_t n)
{
    /* Every text node near the headline comes here: first letters first. */
    unsigned char c = n ? (unsigned char)s[0] : 0;
    if (c < 0x80 ? !c || !strchr("wpsabdvoWPSABDVO", c) : c != 0xD0)
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
 * Bylines without a class: "By <a>Jane Doe</a>", "<p>Written by</p><p>Jane
 * Doe</p>", "by: Jane Doe" in the lines around the headline.
 */
static int offer_label_byline(pass *p)
{
    uint32_t h1 = dc_meta_main_h1(p);
    if (!h1)
        return 1;
    const dc_dom *d = p->dom;
    uint32_t from, to;
    dc_meta_around_h1(d, h1, 40, 200, &from, &to);
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
        if (!m)
            continue;
        char buf[TEXT_CAP];
        int alone;
        long len = label_value(p, i, t, tn, m, buf, sizeof buf, &alone);
        /* Mid-sentence "by following the tips" is prose: the label must open its line. */
        if (len <= 0 || len > 120 || (!alone && !label_at(buf, (size_t)len)))
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
    if (best < 0)
        return 1;
    char *c = dc_arena_strndup(p->m.tmp, best_buf, (size_t)best_len);
    if (!c)
        return 0;
    dc_meta_offer_author(&p->m, c, (size_t)best_len, DC_RANK_BYLINE, 1, "byline", 0, 1);
    return 1;
}

/*
 * A forum thread names its author in the header: "Thread starter <a>name</a>"
 * (XenForo), "Started by name, June 4, 2024" (SMF).  Each post carries its
 * own microdata author, and the first post shown is not always the
 * starter's (a moderator's pinned answer), so the header's name is offered
 * ahead of them.  User names ("sean_g", "ridwan123") are taken as names.
 */
static const char *const starter_labels[] = {"thread starter", "topic starter", "started by", NULL};

static int offer_thread_starter(pass *p)
{
    uint32_t h1 = dc_meta_main_h1(p);
    if (!h1)
        return 1;
    const dc_dom *d = p->dom;
    uint32_t from, to;
    dc_meta_around_h1(d, h1, 40, 120, &from, &to);
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
            dc_meta_offer_author(&p->m, names[0].s, names[0].n, DC_RANK_MICRODATA, 0, "byline", 0, 0);
            return 1;
        }
    }
    return 1;
}

static int resolve_authors(pass *p, decant_article *a)
{
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
        offer_microdata_author(p, i);
    }
    if (!offer_thread_starter(p))
        return 0;
    if (!p->m.product && (!offer_byline(p, a->field[DECANT_FIELD_TITLE]) || !offer_label_byline(p)))
        return 0;
    for (int k = 0; k < 4; k++) {
        const dc_mval *l = &p->m.twitter_label[k], *v = &p->m.twitter_data[k];
        if (l->s && v->s && (dc_contains_ci(l->s, l->n, "written by") || dc_contains_ci(l->s, l->n, "author")))
            dc_meta_offer_author(&p->m, v->s, v->n, DC_RANK_META, 6, "meta", 0, 1);
    }
    const char *site = a->field[DECANT_FIELD_SITE_NAME];
    const char *url = a->field[DECANT_FIELD_URL] ? a->field[DECANT_FIELD_URL] : p->url;
    name_set chosen, set;
    memset(&chosen, 0, sizeof chosen);
    for (int rank = DC_RANK_JSONLD; rank <= DC_RANK_BYLINE; rank++) {
        if (!names_of_rank(p, rank, site, url, &set))
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

/* ------------------------------------------------------------ tags */

/*
 * "contentId: 15cd…", "locale: US" (and "_noshow" flags): a CMS's fields
 * packed into keywords, not tags.
 */
static int is_field_code(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (dc_is_alpha((unsigned char)s[i]) || s[i] == '-' || s[i] == '_' || (s[i] >= '0' && s[i] <= '9')))
        i++;
    return i > 0 && i < n && s[i] == ':';
}

static int add_tag(pass *p, decant_article *a, const char *s, size_t n)
{
    size_t k;
    char *t = dc_unescape(p->m.tmp, s, n, &k);
    if (!t)
        return 0;
    const char *c = t;
    dc_trim(&c, &k);
    /* "#climate" and "climate" are one tag; an over-long "tag" is a sentence. */
    while (k && (*c == '#' || *c == '"' || *c == '\''))
        c++, k--;
    while (k && (c[k - 1] == '"' || c[k - 1] == '\'' || c[k - 1] == '.'))
        k--;
    if (k == 0 || k > 80 || a->tag_count >= DC_MAX_TAGS || *c == '_' || is_field_code(c, k))
        return 1;
    for (size_t i = 0; i < a->tag_count; i++)
        if (dc_eq_ci(a->tags[i], strlen(a->tags[i]), c, k))
            return 1;
    char *copy = dc_arena_strndup(&a->arena, c, k);
    if (!copy)
        return 0;
    a->tags[a->tag_count++] = copy;
    return 1;
}

/* The tags of the most trusted source that has any, split at commas. */
static int resolve_tags(pass *p, decant_article *a)
{
    for (int kind = 0; kind < DC_KW_COUNT && !a->tag_count; kind++)
        for (int i = 0; i < p->m.ntags; i++) {
            const dc_mval *v = &p->m.tags[i];
            if (v->rank != kind)
                continue;
            size_t st = 0;
            for (size_t j = 0; j <= v->n; j++)
                if (j == v->n || (v->sub && v->s[j] == ',')) {
                    if (!add_tag(p, a, v->s + st, j - st))
                        return 0;
                    st = j + 1;
                }
        }
    return 1;
}

/* ------------------------------------------------------------ all */

static int resolve_language(pass *p, decant_article *a)
{
    const dc_mval *v = &p->m.field[DECANT_FIELD_LANGUAGE];
    char buf[40];
    size_t n = v->s ? normalise_lang(v->s, v->n, buf, sizeof buf) : 0;
    return n ? dc_meta_put(a, DECANT_FIELD_LANGUAGE, buf, n, v->src) : 1;
}

static int resolve_url(pass *p, decant_article *a)
{
    const dc_mval *v = &p->m.field[DECANT_FIELD_URL];
    if (v->s && !put_url(p, a, DECANT_FIELD_URL, v, p->url))
        return 0;
    if (!a->field[DECANT_FIELD_URL] && p->url && *p->url)
        return dc_meta_put(a, DECANT_FIELD_URL, p->url, strlen(p->url), "url");
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
            ok = dc_meta_put_text(p, a, text_fields[k], v->s, v->n, v->src);
    }
    ok = ok && put_url(p, a, DECANT_FIELD_IMAGE, &f[DECANT_FIELD_IMAGE], base);
    ok = ok && dc_meta_resolve_title(p, a);
    if (ok)
        dc_meta_find_headline(p, a->field[DECANT_FIELD_TITLE]);
    ok = ok && resolve_dates(p, a, base) && resolve_authors(p, a) &&
         resolve_tags(p, a);
    return ok && !p->m.nomem ? DECANT_OK : DECANT_ERR_NOMEM;
}
