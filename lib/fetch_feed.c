/*
 * fetch_feed.c — the links of a feed (RSS 2.0, RSS 1.0/RDF, Atom) or a sitemap
 * (urlset, sitemapindex, Google News sitemaps), read with libxml2.
 *
 * libxml2's streaming reader walks the document once, so memory stays at
 * the document plus a little, whatever its size (sitemaps reach 50 MB).
 * Elements are recognised by local name, whatever their namespace prefix:
 * feeds in the wild get their namespaces wrong more often than right.
 * Network access and external entities are off.
 */
#include <stdint.h>
#include <string.h>

#include <libxml/parser.h>
#include <zlib.h>

#include "arena.h"
#include "fetch.h"
#include "fetch_libs.h"
#include "text.h"

static int push(dc_feed_links *l, char *url, size_t max)
{
    if (l->count >= max) {
        dc_free_str(l->alloc, url);
        l->dropped++;
        return 1;
    }
    if (!dc_grow_array(l->alloc, (void **)&l->urls, &l->cap, l->count, sizeof *l->urls, 32)) {
        dc_free_str(l->alloc, url);
        return 0;
    }
    l->urls[l->count++] = url;
    return 1;
}

void dc_feed_links_free(dc_feed_links *l)
{
    if (!l || !l->alloc)
        return;
    for (size_t i = 0; i < l->count; i++)
        dc_free_str(l->alloc, l->urls[i]);
    dc_free(l->alloc, l->urls, l->cap * sizeof *l->urls);
    const decant_allocator *a = l->alloc;
    memset(l, 0, sizeof *l);
    l->alloc = a;
}

const char *dc_feed_kind_name(dc_feed_kind k)
{
    static const char *const names[] = {"none", "rss", "rdf", "atom", "urlset", "sitemapindex"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "none";
}

static int name_is(xmlTextReaderPtr rd, const char *want)
{
    const xmlChar *n = dc_xml()->const_local_name(rd);
    return n && strcmp((const char *)n, want) == 0;
}

static dc_feed_kind kind_of_root(xmlTextReaderPtr rd)
{
    static const struct {
        const char *root;
        dc_feed_kind kind;
    } roots[] = {
        {"rss", DC_FEED_RSS},       {"RDF", DC_FEED_RDF},       {"feed", DC_FEED_ATOM},
        {"urlset", DC_FEED_URLSET}, {"sitemapindex", DC_FEED_SITEMAPINDEX},
    };
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++)
        if (name_is(rd, roots[i].root))
            return roots[i].kind;
    return DC_FEED_NONE;
}

/* The element the links live in, and the child that holds one. */
static void item_names(dc_feed_kind k, const char **item, const char **link)
{
    *item = k == DC_FEED_ATOM ? "entry" : k == DC_FEED_URLSET ? "url" : k == DC_FEED_SITEMAPINDEX ? "sitemap" : "item";
    *link = k == DC_FEED_URLSET || k == DC_FEED_SITEMAPINDEX ? "loc" : "link";
}

typedef struct item_state {
    const decant_allocator *alloc;
    char *best;      /* the link chosen so far for the current item */
    int best_rank;
    int depth;       /* of the item element, -1 outside one         */
    int nomem;       /* a copy failed: the links are incomplete     */
} item_state;

/* Whitespace around a link's text is the feed's layout, not the URL's. */
static char *trimmed(item_state *it, const xmlChar *s)
{
    if (!s)
        return NULL;
    const char *b = (const char *)s;
    while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
        b++;
    size_t n = strlen(b);
    while (n && (b[n - 1] == ' ' || b[n - 1] == '\t' || b[n - 1] == '\n' || b[n - 1] == '\r'))
        n--;
    char *out = dc_malloc(it->alloc, n + 1);
    if (!out) {
        it->nomem = 1;
        return NULL;
    }
    memcpy(out, b, n);
    out[n] = '\0';
    return out;
}

static char *attr(item_state *it, xmlTextReaderPtr rd, const char *name)
{
    xmlChar *v = dc_xml()->get_attribute(rd, (const xmlChar *)name);
    char *out = trimmed(it, v);
    dc_xml_free(v);
    return out;
}

/* An Atom <link>: the entry's page is rel="alternate" (the default);
 * among several, an HTML one. */
static int atom_rank(item_state *it, xmlTextReaderPtr rd)
{
    char *rel = attr(it, rd, "rel");
    char *type = attr(it, rd, "type");
    int rank = 0;
    if (!rel || !*rel || strcmp(rel, "alternate") == 0)
        rank = type && (strstr(type, "html") != NULL) ? 3 : !type || !*type ? 2 : 1;
    dc_free_str(it->alloc, rel);
    dc_free_str(it->alloc, type);
    return rank;
}

static void take(item_state *it, char *url, int rank)
{
    if (url && *url && rank > it->best_rank) {
        dc_free_str(it->alloc, it->best);
        it->best = url;
        it->best_rank = rank;
    } else {
        dc_free_str(it->alloc, url);
    }
}

/* The item is over: no link chosen. */
static void item_reset(item_state *it)
{
    dc_free_str(it->alloc, it->best);
    it->best = NULL;
    it->best_rank = 0;
    it->depth = -1;
}

/* At an element inside an item: is it the item's link? */
static void link_candidate(xmlTextReaderPtr rd, dc_feed_kind kind, const char *link, item_state *it)
{
    if (kind == DC_FEED_ATOM) {
        if (name_is(rd, "link")) {
            int rank = atom_rank(it, rd);
            if (rank)
                take(it, attr(it, rd, "href"), rank);
        }
        return;
    }
    if (name_is(rd, link)) {
        xmlChar *text = dc_xml()->read_string(rd);
        take(it, trimmed(it, text), 3);
        dc_xml_free(text);
    } else if (kind == DC_FEED_RSS && name_is(rd, "guid")) {
        /* A guid is the permalink unless it says otherwise; <link> wins. */
        char *perma = attr(it, rd, "isPermaLink");
        if (!perma || strcmp(perma, "false") != 0) {
            xmlChar *text = dc_xml()->read_string(rd);
            take(it, trimmed(it, text), 1);
            dc_xml_free(text);
        }
        dc_free_str(it->alloc, perma);
    }
}

static decant_status walk(xmlTextReaderPtr rd, const char *base, size_t max, dc_feed_links *out)
{
    const char *item = NULL, *link = NULL;
    item_state it = {out->alloc, NULL, 0, -1, 0};
    decant_status st = DECANT_OK;
    int r;
    const dc_xml_api *xml = dc_xml();
    while ((r = xml->read(rd)) == 1) {
        int type = xml->node_type(rd);
        int depth = xml->depth(rd);
        if (type == XML_READER_TYPE_ELEMENT && out->kind == DC_FEED_NONE && depth == 0) {
            out->kind = kind_of_root(rd);
            if (out->kind == DC_FEED_NONE)
                break;
            item_names(out->kind, &item, &link);
            continue;
        }
        if (!item)
            continue;
        if (type == XML_READER_TYPE_ELEMENT && it.depth < 0 && name_is(rd, item)) {
            it.depth = depth;
            if (out->kind == DC_FEED_RDF) /* rdf:about names the item's page */
                take(&it, attr(&it, rd, "about"), 1);
            if (!xml->is_empty_element(rd))
                continue;
        } else if (type == XML_READER_TYPE_ELEMENT && it.depth >= 0 && depth == it.depth + 1) {
            link_candidate(rd, out->kind, link, &it);
            continue;
        } else if (!(type == XML_READER_TYPE_END_ELEMENT && it.depth == depth)) {
            continue;
        }
        /* The item ends: its link, resolved, if it has one. */
        if (it.best) {
            xmlChar *b = xml->base_uri(rd);
            char *abs = dc_url_resolve(out->alloc, b ? (const char *)b : base, it.best, &it.nomem);
            dc_xml_free(b);
            if (abs && !push(out, abs, max)) {
                st = DECANT_ERR_NOMEM;
                break;
            }
        }
        item_reset(&it);
    }
    item_reset(&it);
    if (st == DECANT_OK && it.nomem)
        st = DECANT_ERR_NOMEM;
    if (st == DECANT_OK && r < 0 && out->count == 0)
        st = DECANT_ERR_PARSE;
    return st;
}

/* A sitemap.xml.gz: inflated to at most max_bytes (freed by the caller
 * with dc_free from `a`, *cap bytes). */
static decant_status gunzip(const decant_allocator *a, const unsigned char *in, size_t n, size_t max_bytes,
                            unsigned char **out, size_t *len, size_t *cap)
{
    dc_inflate_job job = {.alloc = a, .wbits = 16 + MAX_WBITS, .members = 1,
                          .limit = max_bytes, .first = n < max_bytes / 4 ? n * 4 + 4096 : max_bytes};
    dc_inflate_result res = dc_inflate(&job, in, n);
    decant_status st = DECANT_OK;
    if (res == DC_INFLATE_TOO_LARGE)
        st = DECANT_ERR_TOO_LARGE;
    else if (res >= DC_INFLATE_NOMEM_START)
        st = DECANT_ERR_NOMEM;
    else if (res != DC_INFLATE_OK && !(res == DC_INFLATE_TRUNCATED && job.len))
        st = DECANT_ERR_GZIP;
    if (st != DECANT_OK) {
        dc_free(a, job.buf, job.cap);
        return st;
    }
    *out = job.buf;
    *len = job.len;
    *cap = job.cap;
    return DECANT_OK;
}

decant_status dc_feed_parse(const decant_allocator *alloc, const void *data, size_t n, const char *base,
                            size_t max, size_t max_bytes, dc_feed_links *out)
{
    memset(out, 0, sizeof *out);
    const decant_allocator *a = out->alloc = dc_allocator_or_default(alloc);
    const unsigned char *p = data;
    unsigned char *inflated = NULL;
    size_t inflated_cap = 0;
    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        decant_status st = gunzip(a, p, n, max_bytes, &inflated, &n, &inflated_cap);
        if (st != DECANT_OK)
            return st;
        p = inflated;
    }
    if (n > INT32_MAX) {
        dc_free(a, inflated, inflated_cap);
        return DECANT_ERR_TOO_LARGE;
    }
    const dc_xml_api *xml = dc_xml();
    if (!xml) { /* libxml2.so.2 cannot be loaded: the feed cannot be read */
        dc_free(a, inflated, inflated_cap);
        return DECANT_ERR_PARSE;
    }
    /* Once per process; libxml2 makes repeated calls cheap no-ops. */
    xml->init_parser();
    xmlTextReaderPtr rd = xml->reader_for_memory((const char *)p, (int)n, base, NULL,
                                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                                     XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
    decant_status st = DECANT_ERR_NOMEM;
    if (rd) {
        st = walk(rd, base, max, out);
        xml->free_text_reader(rd);
    }
    dc_free(a, inflated, inflated_cap);
    if (st != DECANT_OK)
        dc_feed_links_free(out);
    return st;
}
