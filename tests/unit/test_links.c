/*
 * Unit tests for Markdown that keeps links and images
 * (decant_options.markdown_links / markdown_images).
 */
#include <stdlib.h>

#include "decant.h"
#include "page.h"
#include "test.h"

#define PROSE " The council met on Tuesday evening and agreed, after a long debate, to fund the " \
              "repairs of the old bridge, which has been closed to lorries since the spring."

static decant_article *md(const char *html, const char *url, int links, int images)
{
    decant_options o;
    decant_options_init(&o);
    o.want_markdown = 1;
    o.markdown_links = links;
    o.markdown_images = images;
    decant_input in = {html, strlen(html), url, NULL};
    decant_article *a = NULL;
    decant_extract_once(&o, &in, &a, NULL);
    return a;
}

static const char *body(decant_article *a, decant_body_format f)
{
    return a ? decant_article_body(a, f, NULL) : NULL;
}

static const char PAGE[] =
    "<html><body><article><h1>Bridge</h1>"
    "<p>The <a href='../council/#vote'>city [council]</a> voted" PROSE
    " Engineers from <a href='https://eng.example/a b(c)'>the firm</a> agreed.</p>"
    "<p>Residents said <img data-src='/i/smile.png' src='data:image/gif;base64,AA' alt='a [smile]'> the"
    " detour was long. <a href='#top'>Top</a>, <a href='javascript:go()'>share</a> and"
    " <a href='mailto:x@example.org'>mail</a> lead nowhere." PROSE "</p>"
    "<p><img src='/i/lead.jpg' alt='Lead'>The second paragraph starts with its picture." PROSE "</p>"
    "<pre>code <a href='/x'>link</a></pre>"
    "</article></body></html>";

TEST(markdown_links_resolved_escaped)
{
    decant_article *a = md(PAGE, "https://news.example/world/story.html", 1, 0);
    const char *m = body(a, DECANT_BODY_MARKDOWN);
    CHECK_HAS(m, "The [city \\[council\\]](https://news.example/council/#vote) voted");
    CHECK_HAS(m, "[the firm](https://eng.example/a%20b%28c%29)");
    CHECK_HAS(m, " Top, share and mail lead nowhere");
    CHECK_HAS(m, "```\ncode link\n```");
    CHECK_NOT_HAS(m, "![");
    decant_article_free(a);
}

TEST(markdown_images_in_place)
{
    decant_article *a = md(PAGE, "https://news.example/world/story.html", 0, 1);
    const char *m = body(a, DECANT_BODY_MARKDOWN);
    CHECK_HAS(m, "Residents said ![a \\[smile\\]](https://news.example/i/smile.png) the detour");
    CHECK_HAS(m, "![Lead](https://news.example/i/lead.jpg)\n\nThe second paragraph starts");
    CHECK_NOT_HAS(m, "data:image");
    CHECK_NOT_HAS(m, "](https://news.example/council");
    decant_article_free(a);
}

TEST(markdown_links_images_leave_other_bodies_alone)
{
    decant_article *plain = md(PAGE, "https://news.example/world/story.html", 0, 0);
    decant_article *both = md(PAGE, "https://news.example/world/story.html", 1, 1);
    CHECK(plain && both);
    if (plain && both) {
        CHECK_STR(body(both, DECANT_BODY_TEXT), body(plain, DECANT_BODY_TEXT));
        CHECK_NOT_HAS(body(plain, DECANT_BODY_MARKDOWN), "](");
        CHECK_HAS(body(both, DECANT_BODY_MARKDOWN), "](");
    }
    decant_article_free(plain);
    decant_article_free(both);
    /* Without a page URL, relative links stay relative. */
    decant_article *rel = md(PAGE, NULL, 1, 1);
    CHECK_HAS(body(rel, DECANT_BODY_MARKDOWN), "[city \\[council\\]](../council/#vote)");
    CHECK_HAS(body(rel, DECANT_BODY_MARKDOWN), "![Lead](/i/lead.jpg)");
    decant_article_free(rel);
}

TEST(markdown_links_options_of_version_3)
{
    /* A caller built before the fields existed gets neither. */
    decant_options o;
    decant_options_init(&o);
    o.version = 3;
    o.want_markdown = 1;
    o.markdown_links = 1; /* beyond a version-3 struct: must be ignored */
    decant_input in = {PAGE, strlen(PAGE), "https://news.example/", NULL};
    decant_article *a = NULL;
    CHECK(decant_extract_once(&o, &in, &a, NULL) == DECANT_OK);
    CHECK_NOT_HAS(body(a, DECANT_BODY_MARKDOWN), "](");
    decant_article_free(a);
}
