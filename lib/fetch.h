/*
 * fetch.h — what the fetcher's parts share: robots.txt rules (fetch_robots.c),
 * feed and sitemap links (fetch_feed.c), URLs (fetch_url.c).  Not installed.
 */
#ifndef DC_FETCH_H
#define DC_FETCH_H

#include <stddef.h>

#include "arena.h"
#include "decant.h"

/* ---------------------------------------------------------------- robots */

/* Only this much of a robots.txt is read (RFC 9309 asks for at least 500 KiB). */
#define DC_ROBOTS_MAX_BYTES ((size_t)512 << 10)

typedef struct dc_robots dc_robots;

/*
 * The rules of robots.txt text[0..n) for the crawler whose product token is
 * `agent` ("decant"): the groups naming it (case-insensitively), or failing
 * that the "*" groups, merged (RFC 9309, 2.2).  Returns NULL when out of
 * memory.  An empty or rule-less text allows everything.  Memory comes from
 * `alloc` (NULL: the C library's), which must outlive the rules.
 */
dc_robots *dc_robots_parse(const decant_allocator *alloc, const char *text, size_t n, const char *agent);

/* A robots.txt that allows everything (RFC 9309: a 4xx answer), or, with
 * disallow_all, nothing (an unreachable server, a 5xx answer). */
dc_robots *dc_robots_all(const decant_allocator *alloc, int disallow_all);

/*
 * May `path` (the URL's path and query, starting with '/') be fetched?  The
 * longest matching pattern decides, "allow" on a tie; "*" matches any run
 * of characters and a final "$" the end.  /robots.txt is always allowed.
 */
int dc_robots_allowed(const dc_robots *r, const char *path);

/* The group's Crawl-delay in milliseconds, 0 when none. */
unsigned dc_robots_crawl_delay_ms(const dc_robots *r);

void dc_robots_free(dc_robots *r);

/* ---------------------------------------------------------------- feeds */

typedef enum dc_feed_kind {
    DC_FEED_NONE = 0,     /* not a feed or sitemap                         */
    DC_FEED_RSS,          /* RSS 0.9x / 2.0                                */
    DC_FEED_RDF,          /* RSS 1.0 (RDF)                                 */
    DC_FEED_ATOM,
    DC_FEED_URLSET,       /* a sitemap (also a Google News sitemap)        */
    DC_FEED_SITEMAPINDEX  /* a sitemap of sitemaps                         */
} dc_feed_kind;

typedef struct dc_feed_links {
    const decant_allocator *alloc; /* of urls and their strings            */
    dc_feed_kind kind;
    char **urls;          /* absolute, in document order                   */
    size_t count, cap;
    size_t dropped;       /* links beyond `max`                            */
} dc_feed_links;

/*
 * The item links of an RSS, RDF or Atom feed, or the <loc>s of a sitemap or
 * sitemap index, in document order, resolved against `base` (the feed's
 * final URL).  A gzip-compressed document (.xml.gz) is inflated first, to at
 * most max_bytes.  At most `max` links are kept.  libxml2 reads it without
 * network access and without expanding external entities.  Returns
 * DECANT_OK (out->kind DC_FEED_NONE when the root is none of these),
 * DECANT_ERR_PARSE for XML that cannot be read, DECANT_ERR_TOO_LARGE,
 * DECANT_ERR_GZIP or DECANT_ERR_NOMEM.  Memory comes from `alloc` (NULL: the
 * C library's), but for libxml2's own.
 */
decant_status dc_feed_parse(const decant_allocator *alloc, const void *data, size_t n, const char *base,
                            size_t max, size_t max_bytes, dc_feed_links *out);
void dc_feed_links_free(dc_feed_links *l);
const char *dc_feed_kind_name(dc_feed_kind k);

/* ---------------------------------------------------------------- URLs */

/*
 * `ref` resolved against `base` (RFC 3986), normalised by libcurl; a string
 * from `alloc` (NULL: the C library's; free it with dc_free_str), or NULL
 * when it is not an http(s) URL or when out of memory (then *nomem, if
 * given, is set to 1).  `base` may be NULL for an absolute `ref`.
 */
char *dc_url_resolve(const decant_allocator *alloc, const char *base, const char *ref, int *nomem);
/* The same, in the arena `ar` (the extraction's memory, through the
 * allocator hook). */
char *dc_url_resolve_in(dc_arena *ar, const char *base, const char *ref);

/*
 * The parts of an http(s) URL the fetcher schedules by: "scheme://host:port"
 * (lower-case, with the default port made explicit) into origin, and the
 * path with its query ("/a?b") into path.  Returns 0, or -1 when `url` is
 * not an absolute http(s) URL or a part does not fit.
 */
int dc_url_split(const char *url, char *origin, size_t origin_size, char *path, size_t path_size);

/* A new random (version 4) UUID as "urn:uuid:...": 46 bytes with the NUL. */
void dc_new_uuid(char out[48]);

#endif
