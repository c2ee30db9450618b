/* Unit tests for prune.c: raw-text bodies and comments go, the rest stays. */
#include <stdlib.h>

#include "prune.h"
#include "test.h"

static char *pruned(const char *in)
{
    static char out[1024];
    dc_prune(in, strlen(in), out);
    return out;
}

TEST(prune_script_body_removed)
{
    CHECK_STR(pruned("<p>a</p><script>var x = '<p>no</p>';</script><p>b</p>"),
              "<p>a</p><script></script><p>b</p>");
}

TEST(prune_keeps_json_ld)
{
    const char *in = "<script type=\"application/ld+json\">{\"a\":\"<b>\"}</script>";
    CHECK_STR(pruned(in), in);
}

TEST(prune_style_svg_comment)
{
    CHECK_STR(pruned("<STYLE media=x>p{}</style><svg viewBox='0 0 1 1'><path d='M0'/></SVG>x<!-- c -->y"),
              "<STYLE media=x></style><svg viewBox='0 0 1 1'></SVG>xy");
}

TEST(prune_quoted_gt_in_tag)
{
    CHECK_STR(pruned("<script data-x=\"a>b\">code</script>t"), "<script data-x=\"a>b\"></script>t");
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
              "<div  class=\"a b\"  id=m><img  >t</div>");
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
