/*
 * Unit tests for the body extractor: one tiny page per heuristic, run
 * through the public API, checking what the body keeps and what it drops.
 */
#include <stdlib.h>
#include <zlib.h>

#include "decant.h"
#include "extract.h"
#include "test.h"

#define PARA(x)                                                                             \
    "<p>" x " The council met on Tuesday evening and agreed, after a long debate, to fund " \
    "the repairs of the old bridge, which has been closed to lorries since the spring.</p>"

/* Extracts html, also as Markdown (bodies & 1) or HTML (bodies & 2);
 * returns the article (caller frees) or NULL. */
static decant_article *extract(const char *html, const char *url, int bodies)
{
    decant_options o;
    decant_options_init(&o);
    o.want_markdown = bodies & 1;
    o.want_html = (bodies & 2) != 0;
    decant_input in = {html, strlen(html), url, NULL};
    decant_article *a = NULL;
    decant_extract_once(&o, &in, &a, NULL);
    return a;
}

static const char *body(decant_article *a)
{
    return a ? decant_article_body(a, DECANT_BODY_TEXT, NULL) : NULL;
}

TEST(extract_vocabulary_classes)
{
    uint16_t f = 0;
    CHECK(dc_vocab_classify("article-body", 12, &f) > 0 && (f & DC_F_CONTENT));
    CHECK(dc_vocab_classify("entry_content", 13, &f) > 0 && (f & DC_F_CONTENT));
    dc_vocab_classify("share-bar", 9, &f);
    CHECK(f & DC_F_CAND_DROP);
    dc_vocab_classify("cookie-consent", 14, &f);
    CHECK(f & DC_F_CAND_DROP);
    /* Skip links go; a section named "skip-item" and a Tailwind utility stay. */
    dc_vocab_classify("skip-link", 9, &f);
    CHECK(f & DC_F_CAND_DROP);
    dc_vocab_classify("skip-to-content", 15, &f);
    CHECK(f & DC_F_CAND_DROP);
    dc_vocab_classify("skip-item", 9, &f);
    CHECK(!(f & DC_F_CAND_DROP));
    dc_vocab_classify("underline decoration-skip-ink-none", 34, &f);
    CHECK(!(f & DC_F_CAND_DROP));
    /* "Follow us" goes; a follow-up (a reply, a customer's word) stays. */
    dc_vocab_classify("follow-us", 9, &f);
    CHECK(f & DC_F_CAND_DROP);
    dc_vocab_classify("follow-up__item", 15, &f);
    CHECK(!(f & DC_F_CAND_DROP));
    /* A search box goes; a shop's search results are its listing. */
    dc_vocab_classify("search-form", 11, &f);
    CHECK(f & DC_F_CAND_DROP);
    dc_vocab_classify("search-result-items", 19, &f);
    CHECK(!(f & DC_F_CAND_DROP));
    dc_vocab_classify("related-posts", 13, &f);
    CHECK((f & DC_F_RELATED) && (f & DC_F_CAND_DROP));
    dc_vocab_classify("header", 6, &f); /* a malus, never dropped on its own */
    CHECK(!(f & DC_F_CAND_DROP));
    dc_vocab_classify("shared-content", 14, &f); /* "shared" is not "share" */
    CHECK(!(f & DC_F_CAND_DROP));
    dc_vocab_classify("hide-on-mobile", 14, &f); /* visible on desktop */
    CHECK(!(f & DC_F_CAND_DROP));
    dc_vocab_classify("col hide", 8, &f);
    CHECK(f & DC_F_CAND_DROP);
    /* Tailwind's arbitrary values name a length, not a banner. */
    const char *tw = "stack lg:first:pt-[calc(var(--banner-min-height))]";
    CHECK(dc_vocab_classify(tw, strlen(tw), &f) == 0 && !(f & DC_F_CAND_DROP));
    dc_vocab_classify("stack banner", 12, &f);
    CHECK(f & DC_F_CAND_DROP);
    dc_vocab_classify("legal-disclaimer", 16, &f); /* small print, unless named content too */
    CHECK(f & DC_F_CAND_DROP);
    dc_vocab_classify("cmp-richtext--disclaimer", 24, &f);
    CHECK(!(f & DC_F_CAND_DROP));
    /* "adv" is an advert, except Kadence's advanced heading. */
    dc_vocab_classify("top-adv", 7, &f);
    CHECK(f & DC_F_CAND_DROP);
    CHECK(dc_vocab_classify("kt-adv-heading356_3fb368-c9", 27, &f) == 0 && !(f & DC_F_CAND_DROP));
}

TEST(extract_drops_page_furniture)
{
    const char *html =
        "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav>"
        "<div class=cookie-banner>We use cookies to improve your experience.</div>"
        "<article><h1>Bridge repairs approved</h1>" PARA("One.") PARA("Two.") PARA("Three.")
        "<div class=share-buttons>Share on Facebook Share on X</div></article>"
        "<aside><h3>Most read</h3><ul><li><a href=/a>Another story about the town hall</a></li></ul></aside>"
        "<footer><p>Copyright 2024 The Town Paper. All rights reserved.</p></footer></body></html>";
    decant_article *a = extract(html, "https://paper.example/news/bridge", 0);
    CHECK_HAS(body(a), "One. The council met");
    CHECK_HAS(body(a), "Three.");
    CHECK_NOT_HAS(body(a), "cookies");
    CHECK_NOT_HAS(body(a), "Share on");
    CHECK_NOT_HAS(body(a), "Most read");
    CHECK_NOT_HAS(body(a), "Copyright");
    CHECK_NOT_HAS(body(a), "Home");
    decant_article_free(a);
}

TEST(extract_headline_and_kicker_not_in_body)
{
    const char *html = "<html><head><title>Bridge repairs approved | Town Paper</title>"
                       "<meta property=og:title content='Bridge repairs approved'></head><body>"
                       "<article><p class=kicker>Local</p><h1>Bridge repairs approved</h1>"
                       PARA("One.") PARA("Two.") "</article></body></html>";
    decant_article *a = extract(html, NULL, 0);
    CHECK(a != NULL);
    CHECK(body(a) && strncmp(body(a), "One.", 4) == 0);
    decant_article_free(a);
}

TEST(extract_closed_disclosures_kept)
{
    /* A closed accordion's answers and a hidden tab are the page's text; a
     * hidden block without such a name is not.  Bootstrap puts role=tablist
     * on the whole accordion, answers included. */
    const char *html = "<html><body><main><h1>Solar panels, explained</h1>" PARA("One.") PARA("Two.")
                       "<div class=faq role=tablist><button>How long does it take?</button>"
                       "<div class='accordion-content' style='display:none'><p>Installation takes one or "
                       "two days once the permits are in hand.</p></div>"
                       "<div role=tabpanel hidden><p>Most roofs need no reinforcement at all, the "
                       "surveyor checks it.</p></div><div class=item-content hidden><p>Panels last "
                       "twenty-five years or more.</p></div><div class=modal-content hidden><p>Get "
                       "your free quote today</p></div></div>"
                       "<div style='display:none'><p>Please wait while we load your quote.</p></div>"
                       "</main></body></html>";
    decant_article *a = extract(html, NULL, 0);
    CHECK_HAS(body(a), "Installation takes one or two days");
    CHECK_HAS(body(a), "Most roofs need no reinforcement");
    CHECK_HAS(body(a), "Panels last twenty-five years");
    CHECK_NOT_HAS(body(a), "Please wait");
    CHECK_NOT_HAS(body(a), "free quote");
    decant_article_free(a);
}

TEST(extract_consent_manager_never_the_article)
{
    /* A consent manager's preference centre can outweigh a short post; its
     * vendor name drops it whatever its size.  "trusted-by" is no vendor. */
    uint16_t f = 0;
    dc_vocab_classify("onetrust-consent-sdk", 20, &f);
    CHECK((f & DC_F_DROP) && (f & DC_F_HARD));
    dc_vocab_classify("trusted-by", 10, &f);
    CHECK(!(f & DC_F_DROP));
    const char *html = "<html><body><div class=thread>" PARA("Post one.") PARA("Post two.") "</div>"
                       "<div id=onetrust-consent-sdk><div id=onetrust-pc-sdk>" PARA("Cookies one.")
                       PARA("Cookies two.") PARA("Cookies three.") PARA("Cookies four.") PARA("Cookies five.")
                       "</div></div></body></html>";
    decant_article *a = extract(html, NULL, 0);
    CHECK_HAS(body(a), "Post two.");
    CHECK_NOT_HAS(body(a), "Cookies");
    decant_article_free(a);
}

TEST(extract_hidden_elements)
{
    /* A hidden menu goes; a hidden wrapper that holds the whole article
     * (revealed by a script) stays. */
    const char *html = "<html><body><div style='display:none'><p>Secret menu entry with words</p></div>"
                       "<div style='display: none'><article>" PARA("One.") PARA("Two.") PARA("Three.")
                       "</article></div></body></html>";
    decant_article *a = extract(html, NULL, 0);
    CHECK_HAS(body(a), "Two. The council");
    CHECK_NOT_HAS(body(a), "Secret menu");
    decant_article_free(a);
}

TEST(extract_link_lists_inside_article)
{
    const char *html = "<html><body><article>" PARA("One.") PARA("Two.")
                       "<div class=more><a href=/1>First other story here</a> <a href=/2>Second other story"
                       "</a> <a href=/3>Third other story</a></div>" PARA("Three.") "</article></body></html>";
    decant_article *a = extract(html, NULL, 0);
    CHECK_HAS(body(a), "Three.");
    CHECK_NOT_HAS(body(a), "other story");
    decant_article_free(a);
}

TEST(extract_boilerplate_lines)
{
    const char *html = "<html><body><article>" PARA("One.") "<p>Read more</p><p>Published June 3, 2024</p>"
                       PARA("Two.") "<p>© 2024 Town Paper Ltd</p><p>Registrazione Tribunale di Roma n. 12/2010</p>"
                       "<p>Tags Alexandria Ocasio-Cortez Ilhan Omar death threat</p>"
                       "<p>Tags are how readers find stories on one subject.</p>"
                       "<h3>Like this:</h3><p>Join our mailing list</p><p>Read full article</p></article></body></html>";
    decant_article *a = extract(html, NULL, 0);
    CHECK_HAS(body(a), "Two.");
    CHECK_NOT_HAS(body(a), "Like this");
    CHECK_NOT_HAS(body(a), "mailing list");
    CHECK_NOT_HAS(body(a), "full article");
    CHECK_NOT_HAS(body(a), "Ocasio-Cortez");
    CHECK_HAS(body(a), "Tags are how readers find stories");
    CHECK_NOT_HAS(body(a), "Read more");
    CHECK_NOT_HAS(body(a), "Published");
    CHECK_NOT_HAS(body(a), "Town Paper Ltd");
    CHECK_NOT_HAS(body(a), "Tribunale");
    decant_article_free(a);
}

TEST(extract_invisible_paragraphs)
{
    /* Page builders keep empty paragraphs open with "&zwj;": nothing to read. */
    const char *html = "<html><body><article>" PARA("One.") "<p>&zwj;</p><p> &#8203;&shy; </p>"
                       PARA("Two.") "<p>&zwj;Three&zwj;</p></article></body></html>";
    decant_article *a = extract(html, NULL, 0);
    CHECK_HAS(body(a), "spring.\n\nTwo.");
    CHECK_HAS(body(a), "Three");
    decant_article_free(a);
}

TEST(extract_related_heading_drops_its_list)
{
    const char *html = "<html><body><article>" PARA("One.") PARA("Two.")
                       "<h2>You might also like</h2><ul><li><a href=/x>A story about the river</a></li>"
                       "<li><a href=/y>A story about the mill</a></li></ul></article></body></html>";
    decant_article *a = extract(html, "https://paper.example/a/b.html", 0);
    CHECK_HAS(body(a), "Two.");
    CHECK_NOT_HAS(body(a), "You might");
    CHECK_NOT_HAS(body(a), "the river");
    CHECK(decant_article_related_count(a) == 2);
    const decant_link *l = decant_article_related(a, 0);
    CHECK(l != NULL);
    if (l) {
        CHECK_STR(l->url, "https://paper.example/x");
        CHECK_STR(l->title, "A story about the river");
    }
    decant_article_free(a);
}

TEST(extract_related_label_paragraph_drops_its_links)
{
    /* "You may also like..." as a paragraph, then one link a paragraph. */
    const char *html = "<html><body><article>" PARA("One.") PARA("Two.")
                       "<p>You may also like...</p><p><a href=/x>A story about the river</a></p>"
                       "<p><a href=/y>A story about the mill</a></p></article></body></html>";
    decant_article *a = extract(html, "https://paper.example/a/b.html", 0);
    CHECK_HAS(body(a), "Two.");
    CHECK_NOT_HAS(body(a), "You may also");
    CHECK_NOT_HAS(body(a), "the river");
    CHECK(decant_article_related_count(a) == 2);
    decant_article_free(a);
    /* Only the link-dense blocks go with the label: a list of plain items
     * after the teasers stays. */
    html = "<html><body><article>" PARA("One.") PARA("Two.")
           "<p>Read more</p><p><a href=/x>A story about the river</a></p>"
           "<ul><li>pin a version</li><li>keep the old one</li></ul></article></body></html>";
    a = extract(html, "https://paper.example/a/b.html", 0);
    CHECK_NOT_HAS(body(a), "the river");
    CHECK_HAS(body(a), "pin a version");
    decant_article_free(a);
    /* A label before prose announces nothing: a link paragraph later in the
     * story is the story's. */
    html = "<html><body><article>" PARA("One.") "<p>You might want to</p>" PARA("Two.")
           "<p><a href=/r.pdf>Download the full report</a></p>" PARA("Three.") "</article></body></html>";
    a = extract(html, "https://paper.example/a/b.html", 0);
    CHECK_HAS(body(a), "Two.");
    CHECK_HAS(body(a), "Download the full report");
    decant_article_free(a);
}

TEST(extract_repeated_blocks_and_captions)
{
    const char *html = "<html><body><article><figure><img src=a.jpg><figcaption>The old bridge at dawn, "
                       "seen from the river</figcaption></figure>" PARA("One.")
                       "<p class=image-caption>Photo: Town Paper archive, 1990s</p>" PARA("One.") PARA("Two.")
                       "</article></body></html>";
    decant_article *a = extract(html, NULL, 0);
    const char *t = body(a);
    CHECK_HAS(t, "Two.");
    CHECK_NOT_HAS(t, "at dawn");
    CHECK_NOT_HAS(t, "archive");
    /* a paragraph the article gives twice is the author's: both stay */
    CHECK(t && strstr(t, "One.") && strstr(t, "One.") != strrchr(t, 'O'));
    decant_article_free(a);
}

/* The repeats an article makes are kept: a refrain, a quotation given twice. */
TEST(extract_repeats_inside_the_article_kept)
{
    const char *html = "<html><body><article>" PARA("Refrain.") PARA("Refrain.") PARA("Verse one.")
                       PARA("Refrain.") PARA("Verse two.") PARA("Refrain.") "</article></body></html>";
    decant_article *a = extract(html, NULL, 0);
    const char *t = body(a);
    int refrains = 0;
    for (const char *p = t; p && (p = strstr(p, "Refrain.")) != NULL; p++)
        refrains++;
    CHECK(refrains == 4);
    CHECK_HAS(t, "Verse two.");
    decant_article_free(a);
}

/* A section printed twice (a hidden mobile copy): three blocks or more, not
 * all alike, repeated in order.  The second copy goes. */
TEST(extract_cloned_section_dropped)
{
    const char *html = "<html><body><article>" PARA("Alpha.") PARA("Beta.") PARA("Gamma.")
                       PARA("Delta.") PARA("Alpha.") PARA("Beta.") PARA("Gamma.")
                       "</article></body></html>";
    decant_article *a = extract(html, NULL, 0);
    const char *t = body(a);
    CHECK_HAS(t, "Delta.");
    CHECK(t && strstr(t, "Gamma.") && !strstr(strstr(t, "Gamma.") + 1, "Gamma."));
    /* ... but two blocks repeated are no section */
    const char *two = "<html><body><article>" PARA("Alpha.") PARA("Beta.") PARA("Delta.")
                      PARA("Alpha.") PARA("Beta.") "</article></body></html>";
    decant_article_free(a);
    a = extract(two, NULL, 0);
    t = body(a);
    CHECK(t && strstr(t, "Beta.") && strstr(strstr(t, "Beta.") + 1, "Beta."));
    decant_article_free(a);
}

/* A quotation of a paragraph the article already gave (a reply quoting a
 * post), and a repeated line of links, are not the author's repeats. */
TEST(extract_quoted_repeat_and_link_line_dropped)
{
    const char *html = "<html><body><article>" PARA("Original post.") PARA("Reply one.")
                       "<blockquote>" PARA("Original post.") "</blockquote>" PARA("Reply two.")
                       "<p><a href=/deals>Compare the best car deals with our partner site</a></p>"
                       PARA("Review.")
                       "<p><a href=/deals>Compare the best car deals with our partner site</a></p>"
                       "</article></body></html>";
    decant_article *a = extract(html, NULL, 0);
    const char *t = body(a);
    CHECK_HAS(t, "Reply two.");
    CHECK(t && strstr(t, "Original post.") && !strstr(strstr(t, "Original post.") + 1, "Original post."));
    CHECK(t && strstr(t, "Compare the best") && !strstr(strstr(t, "Compare the best") + 1, "Compare the best"));
    decant_article_free(a);
}

TEST(extract_markdown_structure)
{
    const char *html = "<html><body><article>" PARA("One.")
                       "<h2>Costs</h2><ul><li>Steel</li><li>Labour</li></ul><ol><li>First</li><li>Second</li></ol>"
                       "<blockquote>We will reopen it by June.</blockquote>"
                       "<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Steel</td><td>10</td></tr></table>"
                       "<pre><code>x = 1\n  y = 2</code></pre>" PARA("Two.") "</article></body></html>";
    decant_article *a = extract(html, NULL, 1);
    const char *md = a ? decant_article_body(a, DECANT_BODY_MARKDOWN, NULL) : NULL;
    CHECK_HAS(md, "## Costs\n\n- Steel\n- Labour");
    CHECK_HAS(md, "1. First\n2. Second");
    CHECK_HAS(md, "> We will reopen it by June.");
    CHECK_HAS(md, "| Item | Cost |\n| --- | --- |\n| Steel | 10 |");
    CHECK_HAS(md, "```\nx = 1\n  y = 2\n```");
    CHECK_HAS(body(a), "Costs\n\nSteel\nLabour");
    decant_article_free(a);
}

TEST(extract_html_structure)
{
    const char *html = "<html><body><article>" PARA("One &amp; &lt;two&gt;.")
                       "<h2>Costs</h2><ul><li>Steel<ul><li>Bars</li><li>Plates</li></ul></li><li>Labour</li></ul>"
                       "<ol><li>First</li></ol><blockquote><p>We will</p><p>reopen it.</p></blockquote>"
                       "<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Steel</td><td>10</td></tr></table>"
                       "<pre><code>if (a < b)\n  c();</code></pre><pre>up\x0b -d</pre>" PARA("Two.<br>Three.")
                       "</article></body></html>";
    decant_article *a = extract(html, NULL, 2);
    const char *h = a ? decant_article_body(a, DECANT_BODY_HTML, NULL) : NULL;
    CHECK_HAS(h, "<p>One &amp; &lt;two&gt;. The council");
    CHECK_HAS(h, "<h2>Costs</h2>\n<ul>\n<li>Steel<ul>\n<li>Bars</li>\n<li>Plates</li>\n</ul>\n</li>\n"
                 "<li>Labour</li>\n</ul>\n<ol>\n<li>First</li>\n</ol>\n");
    CHECK_HAS(h, "<blockquote>\n<p>We will</p>\n<p>reopen it.</p>\n</blockquote>\n");
    CHECK_HAS(h, "<table>\n<tr><td>Item</td><td>Cost</td></tr>\n<tr><td>Steel</td><td>10</td></tr>\n</table>\n");
    CHECK_HAS(h, "<pre><code>if (a &lt; b)\n  c();</code></pre>");
    CHECK_HAS(h, "<pre><code>up -d</code></pre>"); /* a vertical tab is no XHTML character */
    CHECK_HAS(h, "<p>Two.<br />\nThree. The council");
    /* Markdown was not asked for when extracting: it is rendered now, from
     * the same blocks, and kept (asked again, the same string). */
    const char *md = a ? decant_article_body(a, DECANT_BODY_MARKDOWN, NULL) : NULL;
    CHECK_HAS(md, "| Item | Cost |\n| --- | --- |\n| Steel | 10 |");
    CHECK(md && decant_article_body(a, DECANT_BODY_MARKDOWN, NULL) == md);
    CHECK_HAS(body(a), "Costs\n\nSteel");
    decant_article_free(a);
}

/* A gzip page cut short: the text up to the cut, and the error says so. */
TEST(extract_truncated_gzip_keeps_its_text)
{
    const char *html = "<html><head><title>Cut</title></head><body><article>" PARA("First.")
                       PARA("Second.") PARA("Third.") PARA("Fourth.") "</article></body></html>";
    unsigned char z[4096];
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = (unsigned char *)(uintptr_t)html;
    zs.avail_in = (uInt)strlen(html);
    zs.next_out = z;
    zs.avail_out = sizeof z;
    deflate(&zs, Z_FINISH);
    size_t n = sizeof z - zs.avail_out;
    deflateEnd(&zs);
    decant_input in = {z, n * 3 / 4, NULL, NULL};
    decant_article *a = NULL;
    decant_error err;
    CHECK(decant_extract_once(NULL, &in, &a, &err) == DECANT_ERR_TRUNCATED);
    CHECK(err.code == DECANT_ERR_TRUNCATED);
    CHECK_STR(decant_status_name(err.code), "truncated");
    CHECK(a != NULL);
    CHECK_HAS(body(a), "First.");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Cut");
    decant_article_free(a);
    in.size = n;
    CHECK(decant_extract_once(NULL, &in, &a, &err) == DECANT_OK);
    CHECK_HAS(body(a), "Fourth.");
    decant_article_free(a);
}

TEST(extract_options_of_version_1)
{
    /* A caller built against version 1 has no want_html (nor markdown_*):
     * its options are still accepted, and every body renders on request. */
    decant_options o;
    decant_options_init(&o);
    o.version = 1;
    o.want_html = 1; /* past the end of a version-1 struct: never read */
    const char *html = "<html><body><article>" PARA("One.") PARA("Two.") "</article></body></html>";
    decant_input in = {html, strlen(html), NULL, NULL};
    decant_article *a = NULL;
    CHECK(decant_extract_once(&o, &in, &a, NULL) == DECANT_OK);
    CHECK_HAS(body(a), "Two.");
    CHECK_HAS(a ? decant_article_body(a, DECANT_BODY_HTML, NULL) : NULL, "<p>Two.");
    decant_article_free(a);
    o.version = 7;
    CHECK(decant_extract_once(&o, &in, &a, NULL) == DECANT_ERR_INVALID);
}

TEST(extract_split_article_parts_of_unequal_score)
{
    /* A dated review in sections, each a heading and a panel: the top
     * pick's panel scores twice the others, which are still parts of it. */
#define PANEL(t, body) \
    "<section><h2>" t "</h2><div class=panel><div class=body>" body "</div></div></section>"
#define FOUR(x) PARA(x " 1.") PARA(x " 2.") PARA(x " 3.") PARA(x " 4.")
    const char *html = "<html><head><meta property=article:published_time content=2024-06-19></head>"
                       "<body><main><h1>Best bridges</h1><div class=wrap>"
                       PANEL("Top pick", FOUR("Top") FOUR("Top more")) PANEL("Runner up", FOUR("Runner"))
                       PANEL("Also great", FOUR("Also")) "</div></main></body></html>";
#undef PANEL
#undef FOUR
    decant_article *a = extract(html, NULL, 0);
    CHECK_HAS(body(a), "Top 1.");
    CHECK_HAS(body(a), "Runner 1.");
    CHECK_HAS(body(a), "Also 4.");
    decant_article_free(a);
}

TEST(extract_weak_container_dated_or_not)
{
    /* Seven paragraphs make a container of middling score (40).  A dated
     * page takes it as the article; an undated one, more likely a service
     * or landing page, keeps its main region whole. */
#define SEVEN PARA("1.") PARA("2.") PARA("3.") PARA("4.") PARA("5.") PARA("6.") PARA("7.")
    const char *undated = "<html><body><main><div>" SEVEN "</div>"
                          "<div><p>Opening hours: nine to five, every day but Sunday.</p></div></main></body></html>";
    const char *dated = "<html><head><meta property=article:published_time content=2024-06-19></head>"
                        "<body><main><div>" SEVEN "</div>"
                        "<div><p>Opening hours: nine to five, every day but Sunday.</p></div></main></body></html>";
#undef SEVEN
    decant_article *a = extract(undated, NULL, 0);
    CHECK_HAS(body(a), "7. The council");
    CHECK_HAS(body(a), "Opening hours");
    decant_article_free(a);
    a = extract(dated, NULL, 0);
    CHECK_HAS(body(a), "7. The council");
    CHECK_NOT_HAS(body(a), "Opening hours");
    decant_article_free(a);
}

TEST(extract_listing_page_keeps_main_region)
{
    /* No article-like container: the items of the main region are the page. */
    const char *html = "<html><body><nav><a href=/>Home</a></nav><main><h1>Coffee</h1>"
                       "<div class=grid><div class=item><a href=/p/1>Dark Roast</a> $19.99</div>"
                       "<div class=item><a href=/p/2>Light Roast</a> $17.99</div>"
                       "<div class=item><a href=/p/3>Decaf Blend</a> $18.99</div></div></main>"
                       "<footer>Imprint</footer></body></html>";
    decant_article *a = extract(html, NULL, 0);
    CHECK_HAS(body(a), "Dark Roast");
    CHECK_HAS(body(a), "Decaf Blend");
    CHECK_NOT_HAS(body(a), "Imprint");
    decant_article_free(a);
}

/* A page whose main region is an intro of 8 paragraphs and a grid of 60
 * short service cards: the intro holds under half of the region's prose. */
static char *landing_page(int dated)
{
    size_t cap = 32768, n = 0;
    char *p = malloc(cap);
    if (!p)
        return NULL;
    n += (size_t)snprintf(p + n, cap - n, "<html><body><main><div class=wrap><section class=intro>%s<div>",
                          dated ? "<time datetime='2025-01-02'>2 January 2025</time>" : "");
    for (int k = 0; k < 8; k++)
        n += (size_t)snprintf(p + n, cap - n, PARA("Intro %d."), k);
    n += (size_t)snprintf(p + n, cap - n, "</div></section></div><div class=more><ul class=grid>");
    for (int k = 0; k < 60; k++)
        n += (size_t)snprintf(p + n, cap - n, "<li><h3>Service %d</h3><span>Help for service %d needs.</span></li>",
                              k, k);
    snprintf(p + n, cap - n, "</ul></div></main><footer>Imprint</footer></body></html>");
    return p;
}

TEST(extract_undated_landing_page_kept_whole)
{
    /* Undated, the intro is a fragment of a service page: the region is kept. */
    char *html = landing_page(0);
    CHECK(html != NULL);
    decant_article *a = extract(html, NULL, 0);
    CHECK_HAS(body(a), "Intro 7.");
    CHECK_HAS(body(a), "Help for service 59 needs.");
    CHECK_NOT_HAS(body(a), "Imprint");
    decant_article_free(a);
    free(html);
    /* Dated, it is an article beside a block of teasers. */
    html = landing_page(1);
    CHECK(html != NULL);
    a = extract(html, NULL, 0);
    CHECK_HAS(body(a), "Intro 7.");
    CHECK_NOT_HAS(body(a), "Service 59");
    decant_article_free(a);
    free(html);
}

TEST(extract_prose_with_a_link_kept_link_line_skipped)
{
    /* 38% of this line is its link: prose that points somewhere, kept. */
    const char *html = "<html><body><article>" PARA("One.") PARA("Two.") PARA("Three.") PARA("Four.")
                       PARA("Five.") "<div>Most towns ask for a permit before the installer starts work. "
                       "<a href=/p>See the permits guide for the details</a></div>"
                       "<div>Next: <a href=/n>Grid connection, step by step, for new owners</a></div>"
                       "</article></body></html>";
    decant_article *a = extract(html, NULL, 0);
    CHECK_HAS(body(a), "Most towns ask for a permit");
    CHECK_NOT_HAS(body(a), "Grid connection");
    decant_article_free(a);
}

TEST(extract_declared_body_wins)
{
    /* itemprop=articleBody marks the body even when a sibling is longer. */
    const char *html = "<html><body><div><div itemprop=articleBody>" PARA("Body one.") PARA("Body two.")
                       "</div><div class=comments-area>" PARA("Comment one.") PARA("Comment two.")
                       PARA("Comment three.") "</div></div></body></html>";
    decant_article *a = extract(html, NULL, 0);
    CHECK_HAS(body(a), "Body two.");
    CHECK_NOT_HAS(body(a), "Comment");
    decant_article_free(a);
}

TEST(extract_related_teaser_dates)
{
    const char *html = "<html><body><article>" PARA("One.") PARA("Two.") "</article>"
                       "<aside><h3>Le più recenti</h3><ul>"
                       "<li><a href='/n/1'>Il porto chiede un piano per le banchine</a> <span>19 Giugno 2024</span></li>"
                       "<li><a href='/n/2'>Sciopero dei treni regionali venerdì</a>"
                       "<time datetime='2024-06-18T09:30:00+02:00'>ieri</time></li></ul></aside></body></html>";
    decant_article *a = extract(html, "https://giornale.example/x/y", 0);
    CHECK(decant_article_related_count(a) == 2);
    const decant_link *l0 = decant_article_related(a, 0), *l1 = decant_article_related(a, 1);
    CHECK(l0 && l1);
    if (l0 && l1) {
        CHECK_STR(l0->url, "https://giornale.example/n/1");
        CHECK_STR(l0->date, "2024-06-19");
        CHECK_STR(l1->date, "2024-06-18T09:30:00+02:00");
    }
    decant_article_free(a);
}

/* "<!-->" is a whole (empty) comment to the parser and to browsers: the
 * paragraphs after it are read, not swallowed up to the next "-->". */
TEST(extract_text_after_empty_comment_is_kept)
{
    decant_article *a = extract("<html><body><article><h1>Harbour</h1>" PARA("First.")
                                "<!-->" PARA("Second, after an empty comment.")
                                "<!--->" PARA("Third, after another.")
                                "<!-- an ordinary comment -->" PARA("Fourth.")
                                "</article></body></html>", NULL, 0);
    CHECK_HAS(body(a), "First.");
    CHECK_HAS(body(a), "Second, after an empty comment.");
    CHECK_HAS(body(a), "Third, after another.");
    CHECK_HAS(body(a), "Fourth.");
    CHECK_NOT_HAS(body(a), "ordinary comment");
    decant_article_free(a);
}
