/*
 * Unit tests for the body rules that hold in any language and era: the
 * story's wrapper, old table layouts, tickers, repeated teasers, the edges
 * of the story.  One small page per rule, through the public API.
 */
#include <stdlib.h>

#include "decant.h"
#include "extract.h"
#include "test.h"

#define P_EN(x)                                                                             \
    "<p>" x " The council met on Tuesday evening and agreed, after a long debate, to fund " \
    "the repairs of the old bridge, which has been closed to lorries since the spring.</p>"

static decant_article *run_page(const char *html)
{
    decant_options o;
    decant_options_init(&o);
    decant_input in = {html, strlen(html), NULL, NULL};
    decant_article *a = NULL;
    decant_extract_once(&o, &in, &a, NULL);
    return a;
}

static const char *text_of(decant_article *a)
{
    return a ? decant_article_body(a, DECANT_BODY_TEXT, NULL) : NULL;
}

TEST(body_story_wrapper_with_a_list_is_kept)
{
    /* The story's own wrapper holds a list of key points longer than its
     * paragraphs, each point led by a link: by its statistics alone
     * (more items than paragraphs, a fifth of it links) a link list. */
    const char *html =
        "<html><head><meta property=article:published_time content=2024-06-19></head><body>"
        "<div id=main_content class=article-body><div id=content>"
        "<ul><li><a href=/a>House prices</a> rose by half since 2020</li>"
        "<li><a href=/b>Wages, incomes</a> rose by a third, no more</li>"
        "<li><a href=/c>Mortgage rates</a> stay high all year long</li>"
        "<li><a href=/d>Housing supply</a> stays short in the cities</li>"
        "<li><a href=/e>Rents in towns</a> follow the house prices</li></ul>"
        "<p>Two forecasts for the year ahead, from the bank's economists.</p>"
        "<p>Buyers should wait, they said, for the rates to come down.</p>"
        "</div></div></body></html>";
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "Buyers should wait");
    CHECK_HAS(text_of(a), "rose by half");
    decant_article_free(a);
}

TEST(body_short_story_on_a_dated_page)
{
    /* A dated news page: a story of three paragraphs scores under the
     * weak-container bar, yet holds most of the page's prose beside a menu
     * and other stories' teasers. */
    const char *html =
        "<html><head><meta name=date content=2012-01-17></head><body>"
        "<div id=left><a href=/n>News</a><br><a href=/s>Sport</a><br><a href=/w>Weather</a></div>"
        "<div id=center><h1>Bridge to reopen</h1><div class=txt>" P_EN("One.") P_EN("Two.") P_EN("Three.")
        "</div></div><div id=right>"
        "<div><a href=/t1>Teaser one</a><p>A market stall sold its last apples on Friday.</p></div>"
        "<div><a href=/t2>Teaser two</a><p>The choir sang in the old church for the mayor.</p></div>"
        "</div></body></html>";
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "Three. The council");
    CHECK_NOT_HAS(text_of(a), "last apples");
    CHECK_NOT_HAS(text_of(a), "Weather");
    decant_article_free(a);
}

TEST(body_standfirst_between_headline_and_story)
{
    /* The lead the template sets between the headline and the body is the
     * story's; the kicker above the headline and the byline are not. */
    const char *html =
        "<html><head><title>Bridge to reopen in May</title><meta name=date content=2012-01-17></head>"
        "<body><div class=col>"
        "<div>Transport</div><h1>Bridge to reopen in May</h1>"
        "<h2>The council found the money for the repairs after a year of closures and detours.</h2>"
        "<div class=byline>By Jane Roe</div><div class=txt>" P_EN("One.") P_EN("Two.") P_EN("Three.")
        P_EN("Four.") P_EN("Five.") "</div></div></body></html>";
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "found the money");
    CHECK_HAS(text_of(a), "Five. The council");
    CHECK_NOT_HAS(text_of(a), "Transport");
    CHECK_NOT_HAS(text_of(a), "Jane Roe");
    decant_article_free(a);
}

TEST(body_story_column_does_not_climb_into_its_row)
{
    /* A layout table: menu, story and teasers are the columns of one row,
     * which gathers all their votes and outscores the story's own cell. */
    const char *html =
        "<html><head><meta name=date content=2012-01-17></head><body><table><tr>"
        "<td><a href=/n>News</a><br><a href=/s>Sport</a><br><a href=/w>Weather</a></td>"
        "<td><h1>Bridge to reopen</h1><div class=txt>" P_EN("One.") P_EN("Two.") P_EN("Three.") "</div></td>"
        "<td><div><a href=/t1>Teaser one</a><p>A market stall sold its last apples on Friday.</p></div>"
        "<div><a href=/t2>Teaser two</a><p>The choir sang in the old church for the mayor.</p></div></td>"
        "</tr></table></body></html>";
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "Three. The council");
    CHECK_NOT_HAS(text_of(a), "last apples");
    CHECK_NOT_HAS(text_of(a), "Weather");
    decant_article_free(a);
}

/* A portal's page: a short story under its headline, then boxes of
 * services in short lines, more text than the story.  `rival` adds a second
 * story as strong as the first, as a thread's second post would be. */
static void portal_page(char *out, size_t cap, int rival, const char *standfirst)
{
    size_t n = (size_t)snprintf(out, cap,
        "<html><head><title>Bridge to reopen</title><meta name=date content=2012-01-17></head><body>"
        "<div id=a><h1>Bridge to reopen</h1><div>17 January 2012</div></div>%s<div class=txt>"
        P_EN("One.") P_EN("Two.") P_EN("Three.") "</div>%s<div id=b>", standfirst,
        rival ? "<div id=r><div class=txt>" P_EN("Rival one.") P_EN("Rival two.") P_EN("Rival three.")
                "</div></div>" : "");
    for (int k = 0; k < 80 && n < cap; k++)
        n += (size_t)snprintf(out + n, cap - n, "<div><b>Service %d</b><div>Open today near you.</div></div>", k);
    snprintf(out + n, cap - n, "</div></body></html>");
}

TEST(body_story_anchored_at_its_headline)
{
    /* The story scores low and holds a fifth of the page's text, yet it
     * holds the headline of a dated page: it is the article. */
    static char html[16384];
    portal_page(html, sizeof html, 0, "");
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "Three. The council");
    CHECK_NOT_HAS(text_of(a), "Open today near you");
    decant_article_free(a);
    /* A standfirst of three sentences between the headline and the story
     * (400 characters) leaves the story anchored. */
    portal_page(html, sizeof html, 0,
                "<h2>The bridge over the river, closed to lorries since the spring, reopens in May after a year of "
                "repairs that cost the town more than it had planned. The council found the money in its reserves "
                "after a long debate on Tuesday evening, and the work will start next week with the new deck. "
                "Drivers will still have to use the ferry or the long road through the hills until then.</h2>");
    a = run_page(html);
    CHECK_HAS(text_of(a), "Three. The council");
    CHECK_NOT_HAS(text_of(a), "Open today near you");
    decant_article_free(a);
    /* With a rival as strong elsewhere on the page, the page is kept. */
    portal_page(html, sizeof html, 1, "");
    a = run_page(html);
    CHECK_HAS(text_of(a), "Three. The council");
    CHECK_HAS(text_of(a), "Open today near you");
    decant_article_free(a);
}

TEST(body_headline_found_through_hidden_text_and_nbsp)
{
    /* The headline is read as shown: a hidden "." inside it, or no-break
     * spaces between its words, leave it the title's element, and the
     * story under it anchored. */
    static const char *const h1s[] = {"Bridge to reopen<span style=\"display:none\">. </span>",
                                      "Bridge&nbsp;to&nbsp;reopen"};
    static char html[16384];
    for (int h = 0; h < 2; h++) {
        size_t n = (size_t)snprintf(html, sizeof html,
            "<html><head><title>Bridge to reopen</title><meta name=date content=2012-01-17></head><body>"
            "<div id=a><h1>%s</h1><div>17 January 2012</div></div><div class=txt>"
            P_EN("One.") P_EN("Two.") P_EN("Three.") "</div><div id=b>", h1s[h]);
        for (int k = 0; k < 80 && n < sizeof html; k++)
            n += (size_t)snprintf(html + n, sizeof html - n,
                                  "<div><b>Service %d</b><div>Open today near you.</div></div>", k);
        snprintf(html + n, sizeof html - n, "</div></body></html>");
        decant_article *a = run_page(html);
        CHECK_HAS(text_of(a), "Three. The council");
        CHECK_NOT_HAS(text_of(a), "Open today near you");
        decant_article_free(a);
    }
}

/* A story, then, in its container, the agency's earlier stories on the
 * subject: each card a linked headline, the time it was published and an
 * announce line.  `dated` 0 leaves the times out: a list of linked
 * headings with a line each (a guide's "see also" sections) is text. */
static void teaser_page(char *out, size_t cap, int dated)
{
    size_t n = (size_t)snprintf(out, cap,
        "<html><head><title>Bridge to reopen</title></head><body><div class=main><h1>Bridge to reopen</h1>"
        P_EN("One.") P_EN("Two.") P_EN("Three.") "<div class=list>");
    for (int k = 0; k < 4 && n < cap; k++)
        n += (size_t)snprintf(out + n, cap - n,
                              "<div class=item><h3><a href=/s%d>Ferry line %d gets a new boat</a></h3>"
                              "<div>%s</div><div>The ferry company bought a second boat for the crossing.</div></div>",
                              k, k, dated ? "03:11 06.12.2011" : "From the harbour");
    snprintf(out + n, cap - n, "</div></div></body></html>");
}

TEST(body_teaser_cards_skipped)
{
    static char html[8192];
    teaser_page(html, sizeof html, 1);
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "Three. The council");
    CHECK_NOT_HAS(text_of(a), "second boat");
    decant_article_free(a);
    teaser_page(html, sizeof html, 0);
    a = run_page(html);
    CHECK_HAS(text_of(a), "Three. The council");
    CHECK_HAS(text_of(a), "second boat");
    decant_article_free(a);
}

TEST(body_story_cell_votes_once)
{
    /* The story's paragraphs sit in the cell itself: they vote for the
     * cell, and the cell must not vote their text again, as one more
     * paragraph, for the row that joins it to the menu and the teasers. */
    const char *html =
        "<html><head><meta name=date content=2012-01-17></head><body><table><tr>"
        "<td><a href=/n>News</a><br><a href=/s>Sport</a><br><a href=/w>Weather</a></td>"
        "<td><h1>Bridge to reopen</h1>" P_EN("One.") P_EN("Two.") P_EN("Three.") "</td>"
        "<td><a href=/t1>Ferry fares rise</a><br>The ferry company raised its fares by a tenth.<br>"
        "<a href=/t2>School roof fixed</a><br>Builders fixed the roof of the school at last.</td>"
        "</tr></table></body></html>";
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "Three. The council");
    CHECK_NOT_HAS(text_of(a), "ferry company");
    CHECK_NOT_HAS(text_of(a), "Weather");
    decant_article_free(a);
}

TEST(body_table_row_is_no_rival)
{
    /* A story under its headline in a portal's layout table, and a footer
     * row of contact lines scoring near it: a row only joins its cells'
     * votes, it is not another story. */
    static char html[16384];
    size_t n = (size_t)snprintf(html, sizeof html,
        "<html><head><title>Bridge to reopen</title><meta name=date content=2012-01-17></head><body>"
        "<table><tr><td><h1>Bridge to reopen</h1><div class=txt>" P_EN("One.") P_EN("Two.") P_EN("Three.")
        "</div></td></tr><tr><td><div id=b>");
    for (int k = 0; k < 80 && n < sizeof html; k++)
        n += (size_t)snprintf(html + n, sizeof html - n, "<div><b>Service %d</b><div>Open today near you.</div></div>", k);
    snprintf(html + n, sizeof html - n,
             "</div></td></tr><tr><td>News desk: call 0533-6123456, fax 0533-9600155, from nine, to five.</td>"
             "<td>Letters: 12 Harbour Street, Northport, to the editor, or call 0533-6123457.</td>"
             "<td>Adverts: 14 Harbour Street, Northport, call 0533-6123458, Monday to Friday.</td>"
             "<td>Printing: Coast Press, 3 Mill Lane, Northport, since 1921, for the owners.</td></tr>"
             "</table></body></html>");
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "Three. The council");
    CHECK_NOT_HAS(text_of(a), "Open today near you");
    CHECK_NOT_HAS(text_of(a), "Harbour Street");
    decant_article_free(a);
}

TEST(body_kicker_before_headline_in_inline_text)
{
    /* A breadcrumb in inline markup right before the headline is the
     * header, like a kicker block: it goes with the headline. */
    const char *html =
        "<html><head><title>Bridge to reopen</title><meta name=date content=2012-01-17></head><body>"
        "<div><font size=1><a href=/>Home</a> &raquo; <a href=/r>Region</a> &raquo; Bridge</font>"
        "<h1>Bridge to reopen</h1>" P_EN("One.") P_EN("Two.") P_EN("Three.") P_EN("Four.") P_EN("Five.")
        P_EN("Six.") P_EN("Seven.") P_EN("Eight.") "</div></body></html>";
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "Eight. The council");
    CHECK_NOT_HAS(text_of(a), "Region");
    decant_article_free(a);
}

TEST(body_line_of_links_at_the_story_edge)
{
    /* "Print | Send | Comments (12)" after the story, in any language: two
     * links or more and no word outside them.  One link in a sentence, or
     * a line of links that has words of its own, stays. */
    const char *html =
        "<html><head><meta name=date content=2012-01-17></head><body><div class=txt>"
        P_EN("One.") P_EN("Two.") P_EN("Three.") P_EN("Four.") P_EN("Five.") P_EN("Six.") P_EN("Seven.")
        P_EN("Eight.") "<p>The full report is on <a href=/r>the council's site</a>.</p>"
        "<p>Read the <a href=/a>minutes</a> and the <a href=/b>budget</a> of the meeting.</p>"
        "<p><a href=/p>Drukuj</a> | <a href=/s>Wyślij znajomemu</a> | <a href=/c>Komentarze (12)</a></p>"
        "</div></body></html>";
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "the council's site");
    CHECK_HAS(text_of(a), "Read the minutes and the budget");
    CHECK_NOT_HAS(text_of(a), "Drukuj");
    decant_article_free(a);
}

TEST(body_ideographic_indent_is_space)
{
    /* CJK pages indent each paragraph with two ideographic spaces (U+3000):
     * whitespace, collapsed and trimmed like any other. */
    const char *html =
        "<html><head><meta name=date content=2012-01-17></head><body><div>"
        "<p>\xe3\x80\x80\xe3\x80\x80记者昨日从市城建部门获悉，已经停用多年的江城老码头将于春节后正式开工改造，"
        "预计明年五一前对市民开放。</p><p>\xe3\x80\x80\xe3\x80\x80</p>"
        "<p>\xe3\x80\x80\xe3\x80\x80老码头始建于清朝光绪年间，曾是江城最繁忙的货运码头，近年来不少市民建议保护性开发。</p>"
        "</div></body></html>";
    decant_article *a = run_page(html);
    CHECK_STR(text_of(a), "记者昨日从市城建部门获悉，已经停用多年的江城老码头将于春节后正式开工改造，预计明年五一前对市民开放。"
                          "\n\n老码头始建于清朝光绪年间，曾是江城最繁忙的货运码头，近年来不少市民建议保护性开发。");
    decant_article_free(a);
}

TEST(body_document_in_sections)
{
    /* A manual page: sections of one class, each a heading and its text;
     * the longest outscores the others, which belong to the page all the
     * same.  A sidebar's teasers, links and a line each, do not. */
    const char *html =
        "<html><body><div id=side><div class=tease><a href=/a>Another page about bridges</a> a line</div>"
        "<div class=tease><a href=/b>Another page about ferries</a> a line</div>"
        "<div class=tease><a href=/c>Another page about roads</a> a line</div></div><div id=wrap>"
        "<div class=sect><h2>Name</h2><div class=txt>" P_EN("Name one.") P_EN("Name two.") "</div></div>"
        "<div class=sect><h2>Description</h2><div class=txt>" P_EN("Desc one.") P_EN("Desc two.")
        P_EN("Desc three.") P_EN("Desc four.") P_EN("Desc five.") P_EN("Desc six.") P_EN("Desc seven.")
        P_EN("Desc eight.") "</div></div>"
        "<div class=sect><h2>Examples</h2><div class=txt>" P_EN("Example one.") P_EN("Example two.")
        "</div></div>"
        "</div></body></html>";
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "Name one. The council");
    CHECK_HAS(text_of(a), "Desc eight. The council");
    CHECK_HAS(text_of(a), "Example two. The council");
    CHECK_NOT_HAS(text_of(a), "about ferries");
    decant_article_free(a);
}

TEST(body_furniture_phrases_in_other_languages)
{
    /* Headings of related and most-read boxes, and the bars' lines, in the
     * languages of old news portals, in any case. */
    static const char *const heads[] = {"САМЫЕ ПОПУЛЯРНЫЕ НОВОСТИ НАШИХ ПАРТНЕРОВ", "Новости по теме:",
                                        "Najczęściej czytane", "NAJCZĘŚCIEJ CZYTANE", "ΔΙΑΒΆΣΤΕ ΕΠΊΣΗΣ",
                                        "相关新闻", "関連記事", "الأكثر قراءة", "İlgili haberler"};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        CHECK(dc_is_related_heading(heads[i], strlen(heads[i])));
    static const char *const bars[] = {"Версия для печати", "Drukuj", "WYŚLIJ ZNAJOMEMU", "分享到：",
                                       "打印本页", "Εκτύπωση"};
    for (size_t i = 0; i < sizeof bars / sizeof bars[0]; i++)
        CHECK(dc_is_cta_line(bars[i], strlen(bars[i])));
    /* Prose that starts like one stays. */
    const char *prose = "Новости по теме выборов в Думу обсуждали весь день на заседании комиссии";
    CHECK(!dc_is_cta_line(prose, strlen(prose)));
    /* In a page: the box after the heading goes, the story stays. */
    const char *html =
        "<html><head><meta name=date content=2012-01-17></head><body><div class=txt>"
        P_EN("One.") P_EN("Two.") P_EN("Three.") P_EN("Four.") P_EN("Five.") P_EN("Six.")
        "<h3>САМЫЕ ПОПУЛЯРНЫЕ НОВОСТИ</h3><ul><li><a href=/a>Жест ведущей</a></li>"
        "<li><a href=/b>Салат для зрения</a></li></ul></div></body></html>";
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "Six. The council");
    CHECK_NOT_HAS(text_of(a), "Салат");
    decant_article_free(a);
}

TEST(body_copyright_lines_in_other_languages)
{
    static const char *const lines[] = {"© 2012 ИА REGNUM. Все права защищены.",
                                        "Copyright 2000-2012 Kurier Sp. z o.o. Wszelkie prawa zastrzeżone.",
                                        "Πνευματικά δικαιώματα με την επιφύλαξη παντός δικαιώματος 2012",
                                        "版权所有 © 2012 江城新闻网 未经授权禁止转载", "Tüm hakları saklıdır. 2012"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        CHECK(dc_is_boilerplate_line(lines[i], strlen(lines[i])));
    const char *prose = "Суд признал, что права защищены не были, и назначил новое слушание на март 2012 года, "
                        "когда стороны представят документы.";
    CHECK(!dc_is_boilerplate_line(prose, strlen(prose)));
}

TEST(body_ticker_beside_the_story)
{
    /* A ticker in the story's column: each item a time and a headline link,
     * then the story's first lines, longer in all than the story itself.
     * Its lines neither outvote the story nor count as the page's prose. */
    const char *html =
        "<html><head><meta name=date content=2012-01-17></head><body><div id=col>"
        "<h1>Bridge to reopen</h1><div class=txt>" P_EN("One.") P_EN("Two.") "</div>"
        "<dl>"
#define ITEM(t, h, x) "<dt>" t " <a href=/x>" h "</a></dt><dd>" x "</dd>"
        ITEM("10:17", "Ferry fares rise", "The ferry company raised its fares by a tenth, from March, for cars and vans.")
        ITEM("10:15", "School roof fixed", "Builders fixed the roof of the primary school, which leaked all winter long.")
        ITEM("10:10", "Market moves", "The weekly market moves to the harbour, where there is room, from Saturday.")
        ITEM("10:08", "New buses", "Six new buses, quieter and cleaner, run on the town routes from next week.")
        ITEM("10:06", "Library hours", "The library opens late on Thursdays, until nine, for readers who work.")
        ITEM("09:50", "Road works", "Road works close the coast road at night, for a week, between the two bays.")
#undef ITEM
        "</dl></div></body></html>";
    decant_article *a = run_page(html);
    CHECK_HAS(text_of(a), "Two. The council");
    CHECK_NOT_HAS(text_of(a), "ferry company");
    CHECK_NOT_HAS(text_of(a), "Road works");
    decant_article_free(a);
}
