/*
 * fuzz_fetch.c — what the fetcher reads from servers it does not control:
 * robots.txt (rules, then a path matched against them) and feeds and
 * sitemaps (libxml2's reader, gzip, link resolution).  The first byte picks
 * the mode; a robots.txt's first line, after it, is the path to match.
 * Every link a feed gives must be an absolute http(s) URL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"

static void robots(const char *s, size_t n)
{
    const char *nl = memchr(s, '\n', n);
    size_t plen = nl ? (size_t)(nl - s) : n;
    char path[512] = "/";
    if (plen && plen < sizeof path - 1) {
        memcpy(path + 1, s, plen);
        path[plen + 1] = '\0';
    }
    dc_robots *r = dc_robots_parse(NULL, s, n, "decant");
    if (!r)
        return;
    (void)dc_robots_allowed(r, path);
    (void)dc_robots_allowed(r, "/robots.txt");
    (void)dc_robots_crawl_delay_ms(r);
    dc_robots_free(r);
}

static void feed(const uint8_t *d, size_t n, size_t max)
{
    dc_feed_links l;
    if (dc_feed_parse(NULL, d, n, "http://example.org/feed/", max, 1 << 20, &l) != DECANT_OK)
        return;
    if (l.count > max)
        abort();
    for (size_t i = 0; i < l.count; i++)
        if (strncmp(l.urls[i], "http://", 7) != 0 && strncmp(l.urls[i], "https://", 8) != 0)
            abort();
    dc_feed_links_free(&l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] & 1)
        robots((const char *)data + 1, size - 1);
    else
        feed(data + 1, size - 1, 1 + (data[0] >> 1));
    return 0;
}
