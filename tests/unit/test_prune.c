/* Unit tests for prune.c: raw-text bodies and comments go, the rest stays. */
#include <stdio.h>
#include <stdlib.h>

#include "prune.h"
#include "test.h"

static char *pruned(const char *in)
{
    static char out[1024];
    dc_prune(in, strlen(in), out, NULL);
    return out;
}

TEST(prune_script_body_removed)
{
    CHECK_STR(pruned("<p>a</p><script>var x = '<p>no</p>';</script><p>b</p>"),
              "<p>a</p><p>b</p>");
    /* A script nothing reads goes whole; an unread <link> too, a canonical one stays. */
    CHECK_STR(pruned("<link rel=stylesheet href=a.css><link rel=canonical href=/c>"
                     "<script src=x.js></script><input type=hidden value=1>t"),
              "<link rel=canonical href=/c>t");
}

TEST(prune_keeps_json_ld)
{
    const char *in = "<script type=\"application/ld+json\">{\"a\":\"<b>\"}</script>";
    CHECK_STR(pruned(in), in);
}

TEST(prune_style_svg_comment)
{
    CHECK_STR(pruned("<STYLE media=x>p{}</style><svg viewBox='0 0 1 1'><path d='M0'/></SVG>x<!-- c -->y"),
              "xy");
}

/* A comment ends where HTML5's tokenizer (and so the parser and a browser)
 * ends it: "<!-->" and "<!--->" are whole comments, "--!>" closes one, and
 * the text after them is the page's. */
TEST(prune_comment_ends_as_html5)
{
    CHECK_STR(pruned("<p>a</p><!--><p>shown</p><!-- c -->d"), "<p>a</p><p>shown</p>d");
    CHECK_STR(pruned("x<!--->y<!---->z"), "xyz");
    CHECK_STR(pruned("x<!-- a --!>y<!-- b -- c --->z"), "xyz");
    CHECK_STR(pruned("x<!--<!-->y"), "xy");
}

TEST(prune_quoted_gt_in_tag)
{
    CHECK_STR(pruned("<script data-x=\"a>b\">code</script>t"), "t");
    CHECK_STR(pruned("<template data-x=\"a>b\">code</template>t"), "<template ></template>t");
}

TEST(prune_unterminated_left_alone)
{
    CHECK_STR(pruned("<p>x<script>never closed"), "<p>x<script>never closed");
    CHECK_STR(pruned("a<!-- open"), "a<!-- open");
}

TEST(prune_not_a_prefix)
{
    /* <scripts> and <svgx> are other (unknown) elements, not raw text. */
    CHECK_STR(pruned("<scripts>k</scripts><svgx>v</svgx>"), "<scripts>k</scripts><svgx>v</svgx>");
}

TEST(prune_attributes_kept_and_dropped)
{
    CHECK_STR(pruned("<div data-x=\"1\" class=\"a b\" onclick='f(\">\")' id=m><img src=x.png srcset=\"a 1x\">t</div>"),
              "<div  class=\"a b\"  id=m>t</div>");
    CHECK_STR(pruned("<A HREF=/x TITLE=y>l</A><p hidden>h</p><br/>"), "<A HREF=/x >l</A><p hidden>h</p><br/>");
    CHECK_STR(pruned("<meta property=\"og:title\" content=\"T\"><html xml:lang=it lang=it>"),
              "<meta property=\"og:title\" content=\"T\"><html xml:lang=it lang=it>");
}

TEST(prune_unterminated_tag_left_alone)
{
    CHECK_STR(pruned("<p>a<div class=\"x"), "<p>a<div class=\"x");
    CHECK_STR(pruned("<p>a<div data-a=1"), "<p>a<div data-a=1");
}

TEST(prune_navigation_and_selects)
{
    CHECK_STR(pruned("<nav class=m><ul><li><a href=/a>A</a></li></ul></nav><p>t</p>"
                     "<select name=c><option>One</option></select>"),
              "<nav class=m></nav><p>t</p><select name=c></select>");
}

TEST(prune_whitespace_between_blocks)
{
    /* Between two block tags, or inside <head>, whitespace renders as
     * nothing and goes; beside inline tags it separates words and stays. */
    CHECK_STR(pruned("<html>\n<head>\n  <title>T</title>\n  <meta charset=utf-8>\n</head>\n"
                     "<body>\n<div>\n  <p>a <b>b</b> <i>c</i></p>\n  <p>d</p>\n</div>\n</body>"),
              "<html><head><title>T</title><meta charset=utf-8></head>"
              "<body><div><p>a <b>b</b> <i>c</i></p><p>d</p></div></body>");
    /* Just inside a block it only starts or ends a line; after <br> and
     * between a block's end and inline text it stays. */
    CHECK_STR(pruned("<li>\n <a href=/a>A</a>\n</li><p>x</p>\n<a href=/b>B</a><br>\n<b>c</b>"),
              "<li><a href=/a>A</a></li><p>x</p>\n<a href=/b>B</a><br>\n<b>c</b>");
    /* A removed element or comment does not join the words around it. */
    CHECK_STR(pruned("<p>a</p> <!-- c --> <p>b</p>x <script></script> y"), "<p>a</p><p>b</p>x  y");
    /* <pre> keeps every byte of its whitespace. */
    CHECK_STR(pruned("<pre>\n<div>\n  x\n</div>\n</pre>\n<p>"), "<pre>\n<div>\n  x\n</div>\n</pre><p>");
    /* An element the head cannot hold is the body's, whitespace and all. */
    CHECK_STR(pruned("<head><noscript>Enable it <a href=/x>here</a></noscript>"),
              "<head><noscript>Enable it <a href=/x>here</a></noscript>");
}

TEST(prune_empty_inline_elements)
{
    /* Icon fonts, spacers and image links hold nothing to read. */
    CHECK_STR(pruned("<p>a <i class=\"fa fa-x\"></i>b<a href=/x><img src=x.png></a> <span> </span>c</p>"),
              "<p>a b <span> </span>c</p>");
    /* Only the innermost goes; a block, or text, keeps its element. */
    CHECK_STR(pruned("<a href=/y><b></b></a><div></div><em>e</em>"), "<a href=/y></a><div></div><em>e</em>");
}

TEST(prune_unknown_names_of_every_length)
{
    /* Unknown names share hash slots with short known ones ("p", "b"): the
     * lookup must not read a known name past its end (found by fuzzing). */
    char in[64], want[64];
    for (int len = 1; len <= 14; len++) {
        char name[16];
        for (int i = 0; i < len; i++)
            name[i] = (char)('q' + i % 8);
        name[len] = '\0';
        snprintf(in, sizeof in, "<%s>x</%s>", name, name);
        snprintf(want, sizeof want, "<%s>x</%s>", name, name);
        CHECK_STR(pruned(in), want);
    }
}
