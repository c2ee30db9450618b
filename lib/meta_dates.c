/*
 * meta_dates.c — the article's dates: which of the candidates is the
 * page's own (meta_date.c parses each one).
 *
 * Machine-readable dates (JSON-LD, microdata, <meta>) are trusted first,
 * then <time> elements and datelines near the headline; a product's
 * release date, a comment's or a teaser's date, and a sidebar's clock are
 * not the story's.  A UTC timestamp the page shows on its local day gives
 * the day shown.
 */
#include <string.h>

#include "meta_date.h"
#include "meta_priv.h"

typedef dc_meta_pass pass;

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

int dc_meta_resolve_dates(pass *p, decant_article *a, const char *url)
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
