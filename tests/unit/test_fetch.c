/*
 * Unit tests for the fetcher's parts that need no network: robots.txt
 * rules, feed and sitemap links, URL resolution.  tests/fetch.sh runs the
 * whole fetcher against a local server.
 */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "fetch.h"
#include "test.h"

static int allowed(const char *robots, const char *path)
{
    dc_robots *r = dc_robots_parse(NULL, robots, strlen(robots), "decant");
    CHECK(r != NULL);
    int ok = dc_robots_allowed(r, path);
    dc_robots_free(r);
    return ok;
}

TEST(robots_longest_match_wins_allow_on_tie)
{
    const char *t = "User-agent: *\nDisallow: /a/\nAllow: /a/public/\nDisallow: /a/public/secret\n"
                    "Allow: /tie\nDisallow: /tie\nDisallow: /eit\nAllow: /eit\n";
    CHECK(!allowed(t, "/a/x.html"));
    CHECK(allowed(t, "/a/public/x.html"));
    CHECK(!allowed(t, "/a/public/secret.html"));
    CHECK(allowed(t, "/tie"));
    CHECK(allowed(t, "/eit"));
    CHECK(allowed(t, "/b/"));
    CHECK(allowed(t, "/robots.txt"));
}

TEST(robots_wildcards_and_end_anchor)
{
    const char *t = "user-agent: *\ndisallow: /*.pdf$\ndisallow: /private*/data\ndisallow: /q?*sid=\n";
    CHECK(!allowed(t, "/docs/file.pdf"));
    CHECK(allowed(t, "/docs/file.pdf?x=1"));
    CHECK(!allowed(t, "/private-area/data/1"));
    CHECK(allowed(t, "/private-area/other"));
    CHECK(!allowed(t, "/q?a=1&sid=9"));
    CHECK(allowed(t, "/q?a=1"));
}

TEST(robots_group_for_decant_replaces_star)
{
    const char *t = "User-agent: *\nDisallow: /\n\nUser-agent: Decant/1.0\nUser-agent: other\n"
                    "Disallow: /no/\nCrawl-delay: 2.5\n";
    dc_robots *r = dc_robots_parse(NULL, t, strlen(t), "decant");
    CHECK(dc_robots_allowed(r, "/yes.html"));
    CHECK(!dc_robots_allowed(r, "/no/x"));
    CHECK(dc_robots_crawl_delay_ms(r) == 2500);
    dc_robots_free(r);
    /* A group for another bot does not apply; "*" does. */
    const char *u = "User-agent: otherbot\nDisallow: /\n# comment\nUser-agent: *\nDisallow: /x # trailing\n";
    CHECK(allowed(u, "/y"));
    CHECK(!allowed(u, "/x/1"));
    /* "decantbot" is another product token. */
    CHECK(allowed("User-agent: decantbot\nDisallow: /\n", "/a"));
    /* No group, empty Disallow, garbage: everything allowed. */
    CHECK(allowed("", "/a"));
    CHECK(allowed("User-agent: *\nDisallow:\n", "/a"));
    CHECK(allowed("\x89PNG garbage\n\n:::", "/a"));
    dc_robots *none = dc_robots_all(NULL, 1);
    CHECK(!dc_robots_allowed(none, "/a"));
    CHECK(dc_robots_allowed(none, "/robots.txt"));
    dc_robots_free(none);
}

static dc_feed_links feed(const char *xml, size_t max)
{
    dc_feed_links l;
    decant_status st = dc_feed_parse(NULL, xml, strlen(xml), "http://example.org/dir/feed.xml", max, 1 << 20, &l);
    CHECK(st == DECANT_OK);
    return l;
}

TEST(feed_rss_links_guid_and_relative)
{
    dc_feed_links l = feed("<?xml version='1.0'?><rss version='2.0'><channel><link>http://x/</link>"
                           "<item><link> http://example.org/a </link></item>"
                           "<item><guid>http://example.org/b</guid></item>"
                           "<item><guid isPermaLink='false'>tag:1</guid></item>"
                           "<item><link><![CDATA[c.html?x=1&y=2]]></link><guid>http://g/</guid></item>"
                           "<item><link>../up#frag</link></item>"
                           "</channel></rss>",
                           100);
    CHECK(l.kind == DC_FEED_RSS);
    CHECK(l.count == 4);
    if (l.count == 4) {
        CHECK_STR(l.urls[0], "http://example.org/a");
        CHECK_STR(l.urls[1], "http://example.org/b");
        CHECK_STR(l.urls[2], "http://example.org/dir/c.html?x=1&y=2");
        CHECK_STR(l.urls[3], "http://example.org/up");
    }
    dc_feed_links_free(&l);
}

TEST(feed_atom_alternate_html_first)
{
    dc_feed_links l = feed("<feed xmlns='http://www.w3.org/2005/Atom'>"
                           "<link rel='self' href='http://example.org/feed'/>"
                           "<entry><link rel='enclosure' href='/e.mp3'/><link rel='alternate' type='application/json' "
                           "href='/j'/><link rel='alternate' type='text/html' href='/h'/></entry>"
                           "<entry><link href='/plain'/></entry>"
                           "<entry><link rel='replies' href='/r'/></entry></feed>",
                           100);
    CHECK(l.kind == DC_FEED_ATOM);
    CHECK(l.count == 2);
    if (l.count == 2) {
        CHECK_STR(l.urls[0], "http://example.org/h");
        CHECK_STR(l.urls[1], "http://example.org/plain");
    }
    dc_feed_links_free(&l);
}

TEST(feed_sitemaps_plain_and_gzip_and_cap)
{
    const char *xml = "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
                      "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
                      "<url><loc>http://example.org/1</loc><news:news><news:title>T</news:title></news:news></url>"
                      "<url><loc>http://example.org/2</loc></url><url><loc>http://example.org/3</loc></url></urlset>";
    dc_feed_links l = feed(xml, 2);
    CHECK(l.kind == DC_FEED_URLSET && l.count == 2 && l.dropped == 1);
    dc_feed_links_free(&l);

    unsigned char gz[1024];
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (unsigned char *)xml;
    z.avail_in = (unsigned)strlen(xml);
    z.next_out = gz;
    z.avail_out = sizeof gz;
    deflate(&z, Z_FINISH);
    size_t n = sizeof gz - z.avail_out;
    deflateEnd(&z);
    CHECK(dc_feed_parse(NULL, gz, n, "http://example.org/s.xml.gz", 100, 1 << 20, &l) == DECANT_OK);
    CHECK(l.kind == DC_FEED_URLSET && l.count == 3);
    dc_feed_links_free(&l);
    /* Inflating is capped too. */
    CHECK(dc_feed_parse(NULL, gz, n, "http://example.org/s.xml.gz", 100, 64, &l) == DECANT_ERR_TOO_LARGE);

    l = feed("<sitemapindex><sitemap><loc>/s1.xml</loc></sitemap><sitemap><loc>http://o/s2.xml.gz</loc>"
             "</sitemap></sitemapindex>",
             100);
    CHECK(l.kind == DC_FEED_SITEMAPINDEX && l.count == 2);
    if (l.count == 2)
        CHECK_STR(l.urls[0], "http://example.org/s1.xml");
    dc_feed_links_free(&l);
}

TEST(feed_hostile_xml)
{
    dc_feed_links l;
    /* An external entity is never read, the network never used. */
    const char *xxe = "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                      "<rss><channel><item><link>http://example.org/&e;</link></item></channel></rss>";
    CHECK(dc_feed_parse(NULL, xxe, strlen(xxe), "http://example.org/", 10, 1 << 20, &l) == DECANT_OK);
    for (size_t i = 0; i < l.count; i++)
        CHECK_NOT_HAS(l.urls[i], "root");
    dc_feed_links_free(&l);
    /* Entity expansion ("billion laughs") is refused or bounded. */
    const char *bomb = "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'>"
                       "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>"
                       "<!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'><!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'>"
                       "<!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'><!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'>]>"
                       "<rss><channel><item><link>http://example.org/&g;</link></item></channel></rss>";
    decant_status st = dc_feed_parse(NULL, bomb, strlen(bomb), "http://example.org/", 10, 1 << 20, &l);
    CHECK(st == DECANT_OK || st == DECANT_ERR_PARSE);
    for (size_t i = 0; st == DECANT_OK && i < l.count; i++)
        CHECK(strlen(l.urls[i]) < 100000);
    dc_feed_links_free(&l);
    /* Not XML at all; HTML; cut short after two items. */
    CHECK(dc_feed_parse(NULL, "\x89PNG", 4, "http://e/", 10, 1 << 20, &l) == DECANT_ERR_PARSE);
    l = feed("<html><body>hi</body></html>", 10);
    CHECK(l.kind == DC_FEED_NONE && l.count == 0);
    const char *cut = "<rss><channel><item><link>http://e/1</link></item><item><link>http://e/2</link></item><item><li";
    CHECK(dc_feed_parse(NULL, cut, strlen(cut), "http://e/", 10, 1 << 20, &l) == DECANT_OK);
    CHECK(l.count == 2);
    dc_feed_links_free(&l);
}

TEST(fetch_url_resolve_and_split)
{
    char *u = dc_url_resolve(NULL, "http://Example.org/a/b.html", "../c d.html#x", NULL);
    CHECK_STR(u, "http://Example.org/c%20d.html");
    free(u);
    u = dc_url_resolve(NULL, "http://example.org/", "mailto:x@example.org", NULL);
    CHECK(u == NULL);
    u = dc_url_resolve(NULL, NULL, "https://example.org", NULL);
    CHECK_STR(u, "https://example.org/");
    free(u);
    char origin[128], path[128];
    CHECK(dc_url_split("HTTPS://Example.ORG/p/q?x=1#f", origin, sizeof origin, path, sizeof path) == 0);
    CHECK_STR(origin, "https://example.org:443");
    CHECK_STR(path, "/p/q?x=1");
    CHECK(dc_url_split("http://e:8080", origin, sizeof origin, path, sizeof path) == 0);
    CHECK_STR(origin, "http://e:8080");
    CHECK_STR(path, "/");
    CHECK(dc_url_split("ftp://e/", origin, sizeof origin, path, sizeof path) != 0);
    CHECK(dc_url_split("https://", origin, sizeof origin, path, sizeof path) != 0);
    char id[48];
    dc_new_uuid(id);
    CHECK(strlen(id) == 45 && strncmp(id, "urn:uuid:", 9) == 0 && id[23] == '4');
}

/* Options of version 1 end before `allocator`: whatever lies there is not
 * read.  A version no decant_fetch_options_init ever set is refused. */
TEST(fetch_options_versions)
{
    decant_fetch_options o;
    decant_fetch_options_init(&o);
    CHECK(o.version == DECANT_FETCH_OPTIONS_VERSION && o.allocator == NULL);
    o.version = 1;
    o.allocator = (const decant_allocator *)(const void *)"not an allocator";
    decant_fetcher *f = NULL;
    CHECK(decant_fetcher_new(&o, &f, NULL) == DECANT_OK && f != NULL);
    decant_fetcher_free(f);
    o.version = DECANT_FETCH_OPTIONS_VERSION + 1;
    decant_error err;
    CHECK(decant_fetcher_new(&o, &f, &err) == DECANT_ERR_INVALID && f == NULL);
}
