/*
 * meta.c — the collecting pass of article metadata (title, authors, dates,
 * site, language, URL...).
 *
 * One pass over the node array collects candidates from every source
 * (JSON-LD, microdata, OpenGraph and <meta>, <time>, visible bylines and
 * datelines), each with a rank saying how far it is trusted; resolution
 * (meta_resolve.c) then keeps, per field, the best candidate that survives
 * validation.  Candidate strings point into the DOM's scratch arena; only
 * winners are copied into the article.
 */
#include <string.h>
#include <time.h>

#include "meta_date.h"
#include "meta_priv.h"
#include "vocab.h"

typedef dc_meta_pass pass;

/* What an element's class/id says about it (vocab.h), and what the pass
 * adds: links to author pages and rel=author name the author too. */
enum {
    CL_BYLINE = DC_VM_BYLINE,
    CL_DATE = DC_VM_DATE,
    CL_MODIFIED = DC_VM_MODIFIED,
    CL_BAD = DC_VM_BAD,
    CL_ARTICLE = DC_VM_ARTICLE,
    CL_AVATAR = DC_VM_AVATAR,
    CL_LOGO = DC_VM_LOGO,
    CL_MAIN = DC_VM_MAIN,
};

/* ------------------------------------------------------------ offers */

void dc_meta_offer(dc_meta *m, decant_field f, const char *s, size_t n, int rank, int sub,
                   const char *src)
{
    if (!s)
        return;
    dc_trim(&s, &n);
    if (n == 0)
        return;
    /* Titles vote among their sources (meta_resolve.c), so each source keeps its own. */
    if (f == DECANT_FIELD_TITLE && rank <= DC_RANK_OG) {
        int slot = rank == DC_RANK_OG ? 2 + (sub > 0) : rank;
        dc_mval *t = &m->title_cands[slot];
        if (!t->s || sub < t->sub)
            *t = (dc_mval){s, n, rank, sub, src};
    }
    dc_mval *v = &m->field[f];
    if (v->s && (v->rank < rank || (v->rank == rank && v->sub <= sub)))
        return;
    *v = (dc_mval){s, n, rank, sub, src};
}

void dc_meta_offer_date(dc_meta *m, dc_date_kind which, const char *s, size_t n, int rank, int sub,
                        const char *src)
{
    if (!s || m->ndates[which] >= DC_MAX_DATES)
        return;
    dc_trim(&s, &n);
    if (n == 0)
        return;
    m->dates[which][m->ndates[which]++] = (dc_mval){s, n, rank, sub, src};
}

void dc_meta_offer_tags(dc_meta *m, int kind, const char *s, size_t n, int how)
{
    if (!s || m->ntags >= DC_MAX_TAG_CANDS)
        return;
    dc_trim(&s, &n);
    if (n)
        m->tags[m->ntags++] = (dc_mval){s, n, kind, how == DC_TAGS_SPLIT, NULL};
}

void dc_author_add(dc_author_cands *l, const char *s, size_t n, int rank, int sub, const char *src,
                   unsigned flags)
{
    if (!s || l->n >= DC_MAX_AUTHOR_CANDS)
        return;
    dc_trim(&s, &n);
    if (n == 0)
        return;
    l->at[l->n++] = (dc_author_cand){s, n, rank, sub, src, (flags & DC_AUTHOR_ORG) != 0,
                                     (flags & DC_AUTHOR_SPLIT) != 0};
}

/* ------------------------------------------------------------ node text */

/*
 * An element its page hides inline: a headline's "<span
 * style=display:none>. </span>" is not shown, and the body drops it too
 * (clean.c).  The root itself is read: a date given as hidden text on
 * purpose is still the page's statement.
 */
static int hidden_inline(const dc_dom *d, uint32_t i)
{
    const char *st = dc_attr_get(d, i, "style", NULL);
    return dc_is_element(&d->nodes[i]) && ((st && dc_style_hides(st)) || dc_attr_get(d, i, "hidden", NULL));
}

/*
 * The subtree's text, whitespace collapsed, into buf; -1 when it holds more
 * than cap bytes, because a big container is never a byline or a date.
 * Block boundaries become `sep`: a space, or a newline to keep lines apart.
 */
static long bounded(const dc_dom *d, uint32_t root, char *buf, size_t cap, char sep)
{
    size_t o = 0;
    char pend = 0;
    for (uint32_t i = root; i; ) {
        const dc_node *n = &d->nodes[i];
        if (n->tag == DC_TAG_SCRIPT || n->tag == DC_TAG_STYLE || n->tag == DC_TAG_TEMPLATE ||
            n->tag == DC_TAG_NOSCRIPT || n->tag == DC_TAG_COMMENT || n->tag == DC_TAG_SVG ||
            n->tag == DC_TAG_BUTTON) {
            i = dc_skip_in(d, i, root);
            continue;
        }
        if (i != root && hidden_inline(d, i)) {
            i = dc_skip_in(d, i, root);
            continue;
        }
        if (n->tag == DC_TAG_TEXT) {
            for (uint32_t k = 0; k < n->text_len; k++) {
                unsigned char c = (unsigned char)n->text[k];
                if (dc_is_space(c)) {
                    if (!pend)
                        pend = ' ';
                    continue;
                }
                if (o + 2 >= cap)
                    return -1;
                if (pend && o)
                    buf[o++] = pend;
                pend = 0;
                buf[o++] = (char)c;
            }
        } else if (dc_tag_is_block((dc_tag)n->tag) || n->tag == DC_TAG_BR) {
            pend = sep;
        }
        i = dc_next_in(d, i, root);
    }
    buf[o] = '\0';
    return (long)o;
}

long dc_bounded_text(const dc_dom *d, uint32_t root, char *buf, size_t cap)
{
    return bounded(d, root, buf, cap, ' ');
}

long dc_bounded_lines(const dc_dom *d, uint32_t root, char *buf, size_t cap)
{
    return bounded(d, root, buf, cap, '\n');
}

/* ------------------------------------------------------------ classes */

static void push(idx_list *l, uint32_t i)
{
    if (l->n < MAX_NODES_OF_KIND)
        l->at[l->n++] = i;
}

/* itemprop may list several properties: "author creator". */
static int has_token(const char *s, const char *w)
{
    size_t k = strlen(w);
    for (const char *p = s; (p = strstr(p, w)); p += k) {
        int start = p == s || p[-1] == ' ';
        int end = p[k] == '\0' || p[k] == ' ';
        if (start && end)
            return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ <meta> */

typedef struct meta_rule {
    const char *key;
    int kind;  /* field, or one of the M_ codes below */
    int rank, sub;
    const char *src;
} meta_rule;

enum { M_FIELD = 0, M_PUB = 100, M_MOD, M_AUTHOR, M_LOCALE, M_TITLE2, M_TAGS, M_TYPE };

static const meta_rule meta_rules[] = {
    {"og:title", DECANT_FIELD_TITLE, DC_RANK_OG, 0, "opengraph"},
    {"twitter:title", M_TITLE2, DC_RANK_OG, 1, "meta"},
    {"og:site_name", DECANT_FIELD_SITE_NAME, DC_RANK_OG, 0, "opengraph"},
    {"og:type", M_TYPE, DC_RANK_OG, 0, NULL},
    {"application-name", DECANT_FIELD_SITE_NAME, DC_RANK_META, 5, "meta"},
    {"og:description", DECANT_FIELD_DESCRIPTION, DC_RANK_OG, 1, "opengraph"},
    {"description", DECANT_FIELD_DESCRIPTION, DC_RANK_OG, 0, "meta"},
    {"twitter:description", DECANT_FIELD_DESCRIPTION, DC_RANK_OG, 2, "meta"},
    {"og:url", DECANT_FIELD_URL, DC_RANK_OG, 1, "opengraph"},
    {"og:image", DECANT_FIELD_IMAGE, DC_RANK_OG, 0, "opengraph"},
    {"og:image:url", DECANT_FIELD_IMAGE, DC_RANK_OG, 1, "opengraph"},
    {"twitter:image", DECANT_FIELD_IMAGE, DC_RANK_OG, 2, "meta"},
    {"article:section", DECANT_FIELD_SECTION, DC_RANK_OG, 0, "opengraph"},
    {"article:tag", M_TAGS, DC_KW_ARTICLE_TAG, 0, NULL},
    {"news_keywords", M_TAGS, DC_KW_NEWS_KEYWORDS, 0, NULL},
    {"parsely-tags", M_TAGS, DC_KW_PARSELY, 0, NULL},
    {"og:locale", M_LOCALE, DC_RANK_META, 1, "opengraph"},
    {"content-language", M_LOCALE, DC_RANK_META, 2, "meta"},
    {"language", M_LOCALE, DC_RANK_META, 3, "meta"},
    {"dc.language", M_LOCALE, DC_RANK_META, 3, "meta"},
    {"article:published_time", M_PUB, DC_RANK_OG, 0, "opengraph"},
    {"og:article:published_time", M_PUB, DC_RANK_OG, 1, "opengraph"},
    {"article:published", M_PUB, DC_RANK_OG, 2, "opengraph"},
    {"article:modified_time", M_MOD, DC_RANK_OG, 0, "opengraph"},
    {"og:updated_time", M_MOD, DC_RANK_OG, 1, "opengraph"},
    {"article:author", M_AUTHOR, DC_RANK_OG, 0, "opengraph"},
    {"author", M_AUTHOR, DC_RANK_META, 0, "meta"},
    {"byl", M_AUTHOR, DC_RANK_META, 1, "meta"},
    {"parsely-author", M_AUTHOR, DC_RANK_META, 2, "meta"},
    {"sailthru.author", M_AUTHOR, DC_RANK_META, 3, "meta"},
    {"dc.creator", M_AUTHOR, DC_RANK_META, 4, "meta"},
    {"dcterms.creator", M_AUTHOR, DC_RANK_META, 4, "meta"},
    {"citation_author", M_AUTHOR, DC_RANK_META, 5, "meta"},
    {"citation_authors", M_AUTHOR, DC_RANK_META, 5, "meta"},
    {"article_author", M_AUTHOR, DC_RANK_META, 6, "meta"},
    {"article-author", M_AUTHOR, DC_RANK_META, 6, "meta"},
    {"og:author", M_AUTHOR, DC_RANK_META, 6, "meta"},
    {"cxenseparse:author", M_AUTHOR, DC_RANK_META, 6, "meta"},
    {"ms.author", M_AUTHOR, DC_RANK_META, 7, "meta"},
    {"creator", M_AUTHOR, DC_RANK_META, 7, "meta"},
    {"twitter:creator", M_AUTHOR, DC_RANK_META, 9, "meta"},
    {"date", M_PUB, DC_RANK_META, 0, "meta"},
    {"pubdate", M_PUB, DC_RANK_META, 1, "meta"},
    {"published", M_PUB, DC_RANK_META, 1, "meta"},
    {"pub_date", M_PUB, DC_RANK_META, 1, "meta"},
    {"date-pub", M_PUB, DC_RANK_META, 1, "meta"},
    {"pdate", M_PUB, DC_RANK_META, 2, "meta"},
    {"og:pubdate", M_PUB, DC_RANK_META, 2, "meta"},
    {"ms.date", M_PUB, DC_RANK_META, 4, "meta"},
    {"publish-date", M_PUB, DC_RANK_META, 1, "meta"},
    {"publish_date", M_PUB, DC_RANK_META, 1, "meta"},
    {"publishdate", M_PUB, DC_RANK_META, 1, "meta"},
    {"published_time", M_PUB, DC_RANK_META, 1, "meta"},
    {"article.published", M_PUB, DC_RANK_META, 2, "meta"},
    {"article_date_original", M_PUB, DC_RANK_META, 2, "meta"},
    {"parsely-pub-date", M_PUB, DC_RANK_META, 2, "meta"},
    {"sailthru.date", M_PUB, DC_RANK_META, 3, "meta"},
    {"dc.date", M_PUB, DC_RANK_META, 3, "meta"},
    {"dc.date.issued", M_PUB, DC_RANK_META, 3, "meta"},
    {"dc.date.created", M_PUB, DC_RANK_META, 3, "meta"},
    {"dcterms.created", M_PUB, DC_RANK_META, 3, "meta"},
    {"dcterms.date", M_PUB, DC_RANK_META, 3, "meta"},
    {"dcterms.issued", M_PUB, DC_RANK_META, 3, "meta"},
    {"citation_publication_date", M_PUB, DC_RANK_META, 4, "meta"},
    {"citation_date", M_PUB, DC_RANK_META, 4, "meta"},
    {"cxenseparse:recs:publishtime", M_PUB, DC_RANK_META, 4, "meta"},
    {"og:published_time", M_PUB, DC_RANK_META, 4, "meta"},
    {"article.updated", M_MOD, DC_RANK_META, 2, "meta"},
    {"dc.date.modified", M_MOD, DC_RANK_META, 3, "meta"},
    {"dcterms.modified", M_MOD, DC_RANK_META, 3, "meta"},
    {"last-modified", M_MOD, DC_RANK_META, 4, "meta"},
};

/* Which <meta> attribute names the property (itemprop ones are microdata, see on_itemprop). */
static const char *meta_key(const dc_dom *d, uint32_t i)
{
    const char *k = dc_attr_get(d, i, "property", NULL);
    if (!k || !*k)
        k = dc_attr_get(d, i, "name", NULL);
    if (!k || !*k)
        k = dc_attr_get(d, i, "http-equiv", NULL);
    return k;
}

/*
 * Scholarly pages give one citation_author per author, surname first
 * ("Berger, Emery D."): one name, turned to "Emery D. Berger", not a list
 * of two.
 */
static void offer_citation_author(pass *p, const char *s, size_t n, const meta_rule *mr)
{
    dc_trim(&s, &n);
    const char *comma = memchr(s, ',', n);
    if (comma && !memchr(comma + 1, ',', n - (size_t)(comma + 1 - s))) {
        const char *last = s, *first = comma + 1;
        size_t ln = (size_t)(comma - s), fn = n - (size_t)(first - s);
        dc_trim(&last, &ln);
        dc_trim(&first, &fn);
        char *o = ln && fn ? dc_arena_alloc(p->m.tmp, ln + fn + 2) : NULL;
        if (o) {
            memcpy(o, first, fn);
            o[fn] = ' ';
            memcpy(o + fn + 1, last, ln);
            o[ln + fn + 1] = '\0';
            dc_author_add(&p->m.authors, o, ln + fn + 1, mr->rank, mr->sub, mr->src, 0);
            return;
        }
    }
    dc_author_add(&p->m.authors, s, n, mr->rank, mr->sub, mr->src, 0);
}

static void on_meta(pass *p, uint32_t i)
{
    const char *key = meta_key(p->dom, i);
    size_t n;
    const char *content = dc_attr_get(p->dom, i, "content", &n);
    if (!key || !content)
        return;
    size_t kn = strlen(key);
    for (size_t r = 0; r < sizeof meta_rules / sizeof meta_rules[0]; r++) {
        const meta_rule *mr = &meta_rules[r];
        if (!dc_eq_ci(key, kn, mr->key, strlen(mr->key)))
            continue;
        if (mr->kind == M_PUB || mr->kind == M_MOD)
            dc_meta_offer_date(&p->m, mr->kind == M_MOD ? DC_DATE_MODIFIED : DC_DATE_PUBLISHED, content, n,
                               mr->rank, mr->sub, mr->src);
        else if (mr->kind == M_AUTHOR && !strcmp(mr->key, "citation_author"))
            offer_citation_author(p, content, n, mr);
        else if (mr->kind == M_AUTHOR)
            dc_author_add(&p->m.authors, content, n, mr->rank, mr->sub, mr->src, DC_AUTHOR_SPLIT);
        else if (mr->kind == M_LOCALE)
            dc_meta_offer(&p->m, DECANT_FIELD_LANGUAGE, content, n, mr->rank, mr->sub, mr->src);
        else if (mr->kind == M_TYPE)
            p->m.product = dc_eq_ci(content, n, "product", 7) || dc_contains_ci(content, n, "product.");
        else if (mr->kind == M_TAGS)
            dc_meta_offer_tags(&p->m, mr->rank, content, n, DC_TAGS_SPLIT);
        else if (mr->kind == M_TITLE2)
            dc_meta_offer(&p->m, DECANT_FIELD_TITLE, content, n, mr->rank, mr->sub, mr->src);
        else
            dc_meta_offer(&p->m, (decant_field)mr->kind, content, n, mr->rank, mr->sub, mr->src);
        return;
    }
    /* Slack-style summary pairs: "twitter:label1" = "Written by", "twitter:data1" = the name. */
    int label = kn == 14 && dc_eq_ci(key, 13, "twitter:label", 13);
    if (label || (kn == 13 && dc_eq_ci(key, 12, "twitter:data", 12))) {
        char digit = key[kn - 1];
        if (digit >= '1' && digit <= '4') {
            dc_mval *v = label ? &p->m.twitter_label[digit - '1'] : &p->m.twitter_data[digit - '1'];
            *v = (dc_mval){content, n, 0, 0, NULL};
        }
        return;
    }
    /* Unlisted publishers' own names ("w-published-date", "article_publish_time"). */
    if (dc_contains_ci(key, kn, "publish") && (dc_contains_ci(key, kn, "date") || dc_contains_ci(key, kn, "time")))
        dc_meta_offer_date(&p->m, DC_DATE_PUBLISHED, content, n, DC_RANK_META, 8, "meta");
}

/* ------------------------------------------------------------ the pass */

static void on_script(pass *p, uint32_t i)
{
    const char *type = dc_attr_get(p->dom, i, "type", NULL);
    if (!type || !dc_contains_ci(type, strlen(type), "ld+json") || p->ld_count >= 32)
        return;
    p->ld_count++;
    for (uint32_t c = p->dom->nodes[i].first_child; c; c = p->dom->nodes[c].next)
        if (p->dom->nodes[c].tag == DC_TAG_TEXT)
            dc_jsonld_scan(&p->m, p->dom->nodes[c].text, p->dom->nodes[c].text_len);
}

static void on_link(pass *p, uint32_t i)
{
    size_t n;
    const char *rel = dc_attr_get(p->dom, i, "rel", NULL);
    const char *href = dc_attr_get(p->dom, i, "href", &n);
    if (rel && href && dc_eq_ci(rel, strlen(rel), "canonical", 9))
        dc_meta_offer(&p->m, DECANT_FIELD_URL, href, n, DC_RANK_OG, 0, "link-canonical");
}

static void on_itemprop(pass *p, uint32_t i, const char *prop)
{
    const dc_dom *d = p->dom;
    if (has_token(prop, "author") || has_token(prop, "creator")) {
        push(&p->md_authors, i);
        return;
    }
    /*
     * dateCreated is when a question or a post was written: Q&A sites mark
     * the question with it and each comment with a datePublished given as
     * hidden text, so a machine-readable value (datetime, content) of
     * either comes before any written-out one.
     */
    int pub = has_token(prop, "datePublished"), mod = has_token(prop, "dateModified");
    int created = !pub && !mod && has_token(prop, "dateCreated");
    dc_date_kind which = mod ? DC_DATE_MODIFIED : DC_DATE_PUBLISHED;
    if (pub || mod || created) {
        size_t n;
        const char *v = dc_attr_get(d, i, "datetime", &n);
        if (!v)
            v = dc_attr_get(d, i, "content", &n);
        if (v) {
            dc_meta_offer_date(&p->m, which, v, n, DC_RANK_MICRODATA, created, "microdata");
        } else {
            char buf[TEXT_CAP];
            long len = dc_bounded_text(d, i, buf, sizeof buf);
            char *c = len > 0 ? dc_arena_strndup(p->m.tmp, buf, (size_t)len) : NULL;
            if (c)
                dc_meta_offer_date(&p->m, which, c, (size_t)len, DC_RANK_MICRODATA, 2 + created, "microdata");
        }
        return;
    }
    if (has_token(prop, "headline")) {
        size_t n;
        const char *v = dc_attr_get(d, i, "content", &n);
        if (v) {
            dc_meta_offer(&p->m, DECANT_FIELD_TITLE, v, n, DC_RANK_MICRODATA, 0, "microdata");
            return;
        }
        char buf[1024];
        long len = dc_bounded_text(d, i, buf, sizeof buf);
        char *c = len > 0 ? dc_arena_strndup(p->m.tmp, buf, (size_t)len) : NULL;
        if (c)
            dc_meta_offer(&p->m, DECANT_FIELD_TITLE, c, (size_t)len, DC_RANK_MICRODATA, 0, "microdata");
    }
}

/* The class/id/rel flags of element i, plus the context it passes down. */
/* Templates repeat the same class strings on hundreds of elements, so the
 * verdicts are remembered per page in a small direct-mapped table. */
#define CLASS_MEMO 256
struct dc_meta_class_memo {
    const char *s;
    uint32_t n, hash;
    int flags;
};

static int class_flags(pass *p, const char *s, size_t n)
{
    if (!p->memo)
        return dc_vocab_meta(s, n);
    uint32_t h = (uint32_t)dc_hash_bytes(s, n);
    dc_meta_class_memo *e = &p->memo[h & (CLASS_MEMO - 1)];
    if (e->s && e->hash == h && e->n == n && memcmp(e->s, s, n) == 0)
        return e->flags;
    int f = dc_vocab_meta(s, n);
    *e = (dc_meta_class_memo){s, (uint32_t)n, h, f};
    return f;
}

static int element_flags(pass *p, uint32_t i, const dc_node *n, uint8_t *cx)
{
    int cl = 0;
    for (uint32_t k = 0; k < n->attr_count; k++) {
        const dc_attr *a = &p->dom->attrs[n->attr_first + k];
        if (a->key == DC_A_CLASS || a->key == DC_A_ID)
            cl |= class_flags(p, a->value, a->value_len);
        else if (a->key == DC_A_REL && has_token(a->value, "author"))
            cl |= CL_BYLINE;
        else if (a->key == DC_A_ITEMPROP)
            on_itemprop(p, i, a->value);
        else if (a->key == DC_A_ITEMTYPE &&
                 (dc_contains_ci(a->value, a->value_len, "article") || dc_contains_ci(a->value, a->value_len, "posting")))
            *cx |= DC_CX_ARTICLE;
    }
    switch (n->tag) {
    case DC_TAG_FOOTER:
        /* An article's own <footer> says who wrote it and when; the page's does not. */
        if (!(*cx & DC_CX_ARTICLE))
            *cx |= DC_CX_BAD;
        break;
    case DC_TAG_ASIDE:
        /* An <aside> inside the article is its own fact box (date, author);
         * the page's asides are sidebars. */
        if (!(*cx & DC_CX_ARTICLE))
            *cx |= DC_CX_BAD;
        break;
    case DC_TAG_NAV: case DC_TAG_FORM:
        *cx |= DC_CX_BAD;
        break;
    case DC_TAG_MAIN:
        /* <main> is the page's content by definition, whatever its wrappers' classes say. */
        *cx = (uint8_t)((*cx & ~DC_CX_BAD) | DC_CX_ARTICLE);
        break;
    case DC_TAG_ARTICLE:
        *cx |= DC_CX_ARTICLE;
        break;
    case DC_TAG_HEAD:
        *cx |= DC_CX_HEAD;
        break;
    default:
        break;
    }
    /*
     * A comment's or a teaser's own byline is not the article's.  An
     * <article>, <main>, <body> or <html> is the content whatever its class
     * says ("newsletter-post", "menu-overlap", "sidebar-visible").
     */
    if ((cl & (CL_BAD | CL_MAIN)) == CL_BAD && n->tag != DC_TAG_ARTICLE && n->tag != DC_TAG_MAIN &&
        n->tag != DC_TAG_BODY && n->tag != DC_TAG_HTML)
        *cx |= DC_CX_BAD;
    return cl;
}

/* Links to an author page name the author even without a byline class. */
static int author_link(const dc_dom *d, uint32_t i)
{
    size_t n;
    const char *href = dc_attr_get(d, i, "href", &n);
    if (!href)
        return 0;
    static const char *const paths[] = {"author/", "authors/", "autor/", "autore/", "auteur/",
                                        "autori/", "writers/", "journalist/", NULL};
    /* One pass over the path's segments instead of one search per name: every <a> comes here. */
    for (const char *p = href, *end = href + n; (p = memchr(p, '/', (size_t)(end - p))); ) {
        p++;
        size_t left = (size_t)(end - p);
        char c = left ? (char)(*p | 0x20) : 0;
        if (c != 'a' && c != 'w' && c != 'j')
            continue;
        for (int k = 0; paths[k]; k++) {
            size_t m = strlen(paths[k]);
            if (m <= left && dc_eq_ci(p, m, paths[k], m))
                return 1;
        }
    }
    return 0;
}

/* The parser may not know <time> and hand it over as an unnamed-tag element. */
static int is_time(const dc_node *n)
{
    return n->tag == DC_TAG_TIME ||
           (n->tag == DC_TAG_OTHER && n->name_len == 4 && n->text && !memcmp(n->text, "time", 4));
}

static void on_element(pass *p, uint32_t i)
{
    const dc_node *n = &p->dom->nodes[i];
    uint8_t cx = p->cx[n->parent];
    int cl = element_flags(p, i, n, &cx);
    p->cx[i] = cx;
    if (is_time(n)) {
        if (!(cx & DC_CX_BAD))
            push(&p->times, i);
        return;
    }
    switch (n->tag) {
    case DC_TAG_HTML: {
        size_t len;
        const char *lang = dc_attr_get(p->dom, i, "lang", &len);
        if (!lang)
            lang = dc_attr_get(p->dom, i, "xml:lang", &len);
        dc_meta_offer(&p->m, DECANT_FIELD_LANGUAGE, lang, lang ? len : 0, DC_RANK_META, 0, "html-lang");
        return;
    }
    case DC_TAG_TITLE:
        if (!p->title_node && !(cx & DC_CX_BAD) && n->parent && p->dom->nodes[n->parent].tag != DC_TAG_SVG)
            p->title_node = i;
        return;
    case DC_TAG_META:
        on_meta(p, i);
        return;
    case DC_TAG_LINK:
        on_link(p, i);
        return;
    case DC_TAG_SCRIPT:
        on_script(p, i);
        return;
    case DC_TAG_H1:
        /* Many themes set the site's name or logo in an h1 above the headline. */
        if (!(cx & DC_CX_BAD) && !(cl & CL_LOGO))
            push(&p->h1, i);
        return;
    case DC_TAG_STYLE: case DC_TAG_NOSCRIPT: case DC_TAG_TEMPLATE: case DC_TAG_SVG:
    case DC_TAG_IMG: case DC_TAG_HEAD: case DC_TAG_BODY:
        return;
    default:
        break;
    }
    if (cx & (DC_CX_BAD | DC_CX_HEAD))
        return;
    if (n->tag == DC_TAG_A && author_link(p->dom, i))
        cl |= CL_BYLINE;
    if ((cl & CL_BYLINE) && !(cl & CL_AVATAR))
        push(&p->bylines, i);
    if (cl & CL_DATE)
        push(&p->datelines, i);
}

static void collect(pass *p)
{
    const dc_dom *d = p->dom;
    for (uint32_t i = 1; i < d->count; i++) {
        if (dc_is_element(&d->nodes[i]))
            on_element(p, i);
        else
            p->cx[i] = p->cx[d->nodes[i].parent];
    }
}

decant_status dc_meta_collect(pass *p, const dc_dom *dom, const char *url)
{
    memset(p, 0, sizeof *p);
    p->dom = dom;
    p->url = url;
    p->m.tmp = dom->arena;
    p->cx = dc_arena_alloc(dom->arena, dom->count ? dom->count : 1);
    if (!p->cx)
        return DECANT_ERR_NOMEM;
    memset(p->cx, 0, dom->count ? dom->count : 1);
    /* Without memory for the memo, classification still works unmemoised. */
    p->memo = dc_arena_alloc(dom->arena, sizeof(dc_meta_class_memo) * CLASS_MEMO);
    if (p->memo)
        memset(p->memo, 0, sizeof(dc_meta_class_memo) * CLASS_MEMO);
    time_t now = time(NULL);
    struct tm tm;
    p->max_year = gmtime_r(&now, &tm) ? tm.tm_year + 1900 + 1 : 2100;
    collect(p);
    return p->m.nomem ? DECANT_ERR_NOMEM : DECANT_OK;
}
