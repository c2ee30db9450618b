/*
 * meta_resolve.c — from the candidates meta.c collected to the article's
 * fields: the most trusted source that yields a valid value wins.  Here the
 * order of it all, and the fields that need no more than a choice (site,
 * description, section, image, URL, language, tags); the title, dates and
 * authors have files of their own.
 */
#include <string.h>

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

static decant_status resolve(pass *p, decant_article *a)
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
    ok = ok && dc_meta_resolve_dates(p, a, base) && dc_meta_resolve_authors(p, a) &&
         resolve_tags(p, a);
    return ok && !p->m.nomem ? DECANT_OK : DECANT_ERR_NOMEM;
}

/*
 * Metadata, in two steps: the collecting pass gathers every source's
 * candidates (meta.c), then each field is resolved in an order where each
 * step has what it needs: the title first, since the headline showing it
 * is where dates and bylines are looked for.
 */
decant_status dc_meta_extract(const dc_dom *dom, const char *url, decant_article *a)
{
    pass p;
    decant_status st = dc_meta_collect(&p, dom, url);
    return st == DECANT_OK ? resolve(&p, a) : st;
}
