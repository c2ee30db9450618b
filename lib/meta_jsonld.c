/*
 * meta_jsonld.c — schema.org metadata from <script type="application/ld+json">.
 *
 * Publishers put the article's node at the top, in an @graph, in an array,
 * or next to WebPage/Organization/BreadcrumbList nodes; authors are strings,
 * objects, arrays of either, or @id references into the graph.  Blocks are
 * often hand-written and broken, so a block that does not parse is retried
 * once after the usual repairs and otherwise ignored.
 */
#include <cjson/cJSON.h>
#include <string.h>

#include "meta_priv.h"

#define MAX_NODES 96

typedef struct ld_nodes {
    const cJSON *item[MAX_NODES];
    int count;
} ld_nodes;

static void collect(ld_nodes *nodes, const cJSON *v, int depth)
{
    if (!v || depth > 4)
        return;
    if (cJSON_IsArray(v)) {
        const cJSON *e;
        cJSON_ArrayForEach(e, v) collect(nodes, e, depth + 1);
        return;
    }
    if (!cJSON_IsObject(v) || nodes->count >= MAX_NODES)
        return;
    nodes->item[nodes->count++] = v;
    collect(nodes, cJSON_GetObjectItemCaseSensitive(v, "@graph"), depth + 1);
    const cJSON *main = cJSON_GetObjectItemCaseSensitive(v, "mainEntity");
    if (!main)
        main = cJSON_GetObjectItemCaseSensitive(v, "mainEntityOfPage");
    if (cJSON_IsObject(main) && cJSON_GetObjectItemCaseSensitive(main, "@type"))
        collect(nodes, main, depth + 1);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* 3 for news and blog articles, 2 for other creative works, 1 for web pages. */
static int type_score_one(const char *t)
{
    if (!t)
        return 0;
    const char *colon = strrchr(t, ':'); /* "schema:NewsArticle" */
    const char *slash = strrchr(t, '/');
    if (slash && (!colon || slash > colon))
        colon = slash;
    if (colon)
        t = colon + 1;
    if (ends_with(t, "NewsArticle") || !strcmp(t, "Article") || !strcmp(t, "BlogPosting") ||
        !strcmp(t, "ReportageNews") || !strcmp(t, "OpinionNewsArticle") || !strcmp(t, "LiveBlogPosting"))
        return 3;
    if (ends_with(t, "Article") || ends_with(t, "Posting") || !strcmp(t, "Report") ||
        !strcmp(t, "Recipe") || !strcmp(t, "Review") || !strcmp(t, "HowTo") ||
        !strcmp(t, "CreativeWork") || !strcmp(t, "VideoObject") || !strcmp(t, "PodcastEpisode") ||
        !strcmp(t, "Question") || !strcmp(t, "QAPage"))
        return 2;
    if (ends_with(t, "WebPage") || !strcmp(t, "ItemPage") || !strcmp(t, "AboutPage") ||
        !strcmp(t, "CollectionPage") || !strcmp(t, "ProfilePage") || !strcmp(t, "FAQPage"))
        return 1;
    return 0;
}

static int type_score(const cJSON *node)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(node, "@type");
    int best = 0;
    if (cJSON_IsString(t))
        return type_score_one(t->valuestring);
    const cJSON *e;
    if (cJSON_IsArray(t))
        cJSON_ArrayForEach(e, t) if (cJSON_IsString(e))
        {
            int s = type_score_one(e->valuestring);
            best = s > best ? s : best;
        }
    return best;
}

static int has_type(const cJSON *node, const char *name)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(node, "@type");
    if (cJSON_IsString(t))
        return strcmp(t->valuestring, name) == 0;
    const cJSON *e;
    if (cJSON_IsArray(t))
        cJSON_ArrayForEach(e, t) if (cJSON_IsString(e) && !strcmp(e->valuestring, name)) return 1;
    return 0;
}

static const char *str_of(const cJSON *node, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, key);
    if (cJSON_IsArray(v))
        v = cJSON_GetArrayItem(v, 0);
    if (cJSON_IsString(v) && v->valuestring[0])
        return v->valuestring;
    return NULL;
}

/* The scratch arena outlives the cJSON tree; offers must point there. */
static const char *keep(dc_meta *m, const char *s, size_t *n)
{
    *n = strlen(s);
    char *c = dc_arena_strndup(m->tmp, s, *n);
    if (!c)
        m->nomem = 1;
    return c;
}

static void offer(dc_meta *m, decant_field f, const char *s, int sub)
{
    size_t n;
    if (s && (s = keep(m, s, &n)))
        dc_meta_offer(m, f, s, n, DC_RANK_JSONLD, sub, "json-ld");
}

static void offer_date(dc_meta *m, dc_date_kind which, const char *s, int sub)
{
    size_t n;
    if (s && (s = keep(m, s, &n)))
        dc_meta_offer_date(m, which, s, n, DC_RANK_JSONLD, sub, "json-ld");
}

static const cJSON *find_id(const ld_nodes *nodes, const char *id)
{
    for (int i = 0; i < nodes->count; i++) {
        const char *nid = str_of(nodes->item[i], "@id");
        if (nid && !strcmp(nid, id) && cJSON_GetObjectItemCaseSensitive(nodes->item[i], "name"))
            return nodes->item[i];
    }
    return NULL;
}

static void offer_person(dc_meta *m, const ld_nodes *nodes, const cJSON *p, int sub)
{
    size_t n;
    const char *s = NULL;
    unsigned org = 0;
    if (cJSON_IsString(p)) {
        s = p->valuestring;
    } else if (cJSON_IsObject(p)) {
        const char *id = str_of(p, "@id");
        const cJSON *target = !cJSON_GetObjectItemCaseSensitive(p, "name") && id ? find_id(nodes, id) : p;
        if (!target)
            return;
        s = str_of(target, "name");
        if (has_type(target, "Organization") || has_type(target, "NewsMediaOrganization"))
            org = DC_AUTHOR_ORG;
    }
    if (s && (s = keep(m, s, &n)))
        dc_author_add(&m->authors, s, n, DC_RANK_JSONLD, sub, "json-ld", org | DC_AUTHOR_SPLIT);
}

static void offer_authors(dc_meta *m, const ld_nodes *nodes, const cJSON *node, int sub)
{
    /*
     * Forums put one block per post on the page; the first names the
     * thread's author, the others its repliers.
     */
    if (m->ld_authors & (1 << sub))
        return;
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(node, "author");
    if (!a)
        a = cJSON_GetObjectItemCaseSensitive(node, "creator");
    if (a)
        m->ld_authors |= 1 << sub;
    if (cJSON_IsArray(a)) {
        const cJSON *e;
        cJSON_ArrayForEach(e, a) offer_person(m, nodes, e, sub);
    } else {
        offer_person(m, nodes, a, sub);
    }
}

/* keywords: "a, b, c" or ["a", "b"]. */
static void offer_keywords(dc_meta *m, const cJSON *k)
{
    size_t n;
    const char *s;
    if (cJSON_IsString(k) && (s = keep(m, k->valuestring, &n)))
        dc_meta_offer_tags(m, DC_KW_JSONLD, s, n, DC_TAGS_SPLIT);
    const cJSON *e;
    if (cJSON_IsArray(k))
        cJSON_ArrayForEach(e, k) if (cJSON_IsString(e) && (s = keep(m, e->valuestring, &n)))
            dc_meta_offer_tags(m, DC_KW_JSONLD, s, n, DC_TAGS_ONE);
}

static void offer_node(dc_meta *m, const ld_nodes *nodes, const cJSON *node, int score)
{
    int sub = 3 - score; /* articles before web pages */
    const char *headline = str_of(node, "headline");
    if (!headline && score >= 2)
        headline = str_of(node, "name");
    if (score >= 2)
        offer(m, DECANT_FIELD_TITLE, headline, sub);
    offer_date(m, DC_DATE_PUBLISHED, str_of(node, "datePublished"), sub);
    offer_date(m, DC_DATE_PUBLISHED, str_of(node, "dateCreated"), sub + 2);
    offer_date(m, DC_DATE_PUBLISHED, str_of(node, "uploadDate"), sub + 2);
    offer_date(m, DC_DATE_MODIFIED, str_of(node, "dateModified"), sub);
    offer_authors(m, nodes, node, sub);
    offer(m, DECANT_FIELD_SECTION, str_of(node, "articleSection"), sub);
    offer_keywords(m, cJSON_GetObjectItemCaseSensitive(node, "keywords"));
    offer(m, DECANT_FIELD_DESCRIPTION, str_of(node, "description"), sub);
    /* The page's own lang attribute is more reliable than a template's inLanguage. */
    size_t n;
    const char *lang = str_of(node, "inLanguage");
    if (lang && (lang = keep(m, lang, &n)))
        dc_meta_offer(m, DECANT_FIELD_LANGUAGE, lang, n, DC_RANK_TIME, sub, "json-ld");
    const cJSON *pub = cJSON_GetObjectItemCaseSensitive(node, "publisher");
    if (cJSON_IsArray(pub))
        pub = cJSON_GetArrayItem(pub, 0);
    if (cJSON_IsObject(pub)) {
        const char *id = str_of(pub, "@id");
        if (!str_of(pub, "name") && id)
            pub = find_id(nodes, id);
        offer(m, DECANT_FIELD_SITE_NAME, pub ? str_of(pub, "name") : NULL, 1 + sub);
    }
}

static void scan_tree(dc_meta *m, const cJSON *root)
{
    ld_nodes nodes;
    nodes.count = 0;
    collect(&nodes, root, 0);
    int best = -1, best_score = 0;
    for (int i = 0; i < nodes.count; i++) {
        int s = type_score(nodes.item[i]);
        if (s > best_score)
            best = i, best_score = s;
        if (has_type(nodes.item[i], "WebSite"))
            offer(m, DECANT_FIELD_SITE_NAME, str_of(nodes.item[i], "name"), 4);
    }
    if (best >= 0)
        offer_node(m, &nodes, nodes.item[best], best_score);
    /* A WebPage next to the article still knows dates the article lacks. */
    for (int i = 0; i < nodes.count; i++)
        if (i != best && type_score(nodes.item[i]) == 1 && best_score > 1) {
            offer_date(m, DC_DATE_PUBLISHED, str_of(nodes.item[i], "datePublished"), 4);
            offer_date(m, DC_DATE_MODIFIED, str_of(nodes.item[i], "dateModified"), 4);
        }
}

/*
 * Repairs what breaks most hand-written blocks: HTML comments and CDATA
 * markers around the JSON, raw control characters inside strings, and
 * trailing commas before } or ].
 */
static char *repair(dc_meta *m, const char *s, size_t n, size_t *out_n)
{
    char *b = dc_arena_alloc(m->tmp, n + 1);
    if (!b) {
        m->nomem = 1;
        return NULL;
    }
    size_t o = 0;
    int in_str = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!in_str && (!strncmp(s + i, "<!--", 4) || !strncmp(s + i, "-->", 3))) {
            i += s[i] == '<' ? 3 : 2;
            continue;
        }
        if (!in_str && (!strncmp(s + i, "<![CDATA[", 9) || !strncmp(s + i, "]]>", 3))) {
            i += s[i] == '<' ? 8 : 2;
            continue;
        }
        if (in_str && (unsigned char)c < 0x20) {
            b[o++] = ' ';
            continue;
        }
        if (c == '"' && (o == 0 || b[o - 1] != '\\'))
            in_str = !in_str;
        if (!in_str && (c == '}' || c == ']')) {
            size_t k = o;
            while (k > 0 && (b[k - 1] == ' ' || b[k - 1] == '\n' || b[k - 1] == '\r' || b[k - 1] == '\t'))
                k--;
            if (k > 0 && b[k - 1] == ',')
                o = k - 1;
        }
        b[o++] = c;
    }
    b[o] = '\0';
    *out_n = o;
    return b;
}

/* Parses every JSON value in the text (some blocks hold several); 1 if any. */
static int parse_all(dc_meta *m, const char *s, size_t n)
{
    int any = 0;
    const char *p = s, *end = s + n;
    for (int k = 0; k < 8; k++) {
        while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == ';'))
            p++;
        if (p >= end)
            break;
        const char *stop = NULL;
        cJSON *root = cJSON_ParseWithLengthOpts(p, (size_t)(end - p), &stop, 0);
        if (!root)
            break;
        any = 1;
        scan_tree(m, root);
        cJSON_Delete(root);
        if (!stop || stop <= p)
            break;
        p = stop;
    }
    return any;
}

void dc_jsonld_scan(dc_meta *m, const char *text, size_t len)
{
    if (!text || len == 0 || parse_all(m, text, len))
        return;
    size_t n;
    char *fixed = repair(m, text, len, &n);
    if (fixed)
        parse_all(m, fixed, n);
}
