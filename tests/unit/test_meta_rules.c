/* test_meta_rules.c — one tiny page per metadata rule, through the public API. */
#include <stdio.h>
#include <stdlib.h>

#include "page.h"


static decant_article *run(const char *html)
{
    return page_article(html, NULL);
}

/* ------------------------------------------------------------ title */

TEST(rule_title_section_label_h1_loses)
{
    decant_article *a = run(
        "<html><head><title>Packing tips for a smooth move | Atlas</title>"
        "<meta property=\"og:title\" content=\"Packing tips for a smooth move\"></head>"
        "<body><h1>Blog</h1><article>" BODY "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Packing tips for a smooth move");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_TITLE), "opengraph");
    decant_article_free(a);
}

TEST(rule_title_h1_naming_the_site_loses)
{
    decant_article *a = run(
        "<html><head><title>Investment strategy review - Bogleheads.org</title></head>"
        "<body><h1>Bogleheads.org</h1>" BODY "</body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Investment strategy review");
    decant_article_free(a);
}

TEST(rule_title_h1_with_date_around_loses)
{
    decant_article *a = run(
        "<html><head><meta property=\"og:title\" content=\"Preparing a transition in Debusine\"></head>"
        "<body><article><h1>Dec 18 2025 Preparing a transition in Debusine</h1>" BODY
        "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Preparing a transition in Debusine");
    decant_article_free(a);
}

TEST(rule_title_h1_agreeing_with_nbsp_og_title)
{
    decant_article *a = run(
        "<html><head><meta property=\"og:title\" content=\"Build your first app\xC2\xA0|\xC2\xA0Get started"
        "\xC2\xA0|\xC2\xA0" "Android Developers\"></head>"
        "<body><article><h1>Build your first app</h1>" BODY "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Build your first app");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_TITLE), "title-element");
    decant_article_free(a);
}

TEST(rule_title_rephrased_h1_kept)
{
    /* An h1 that shares the declared title's words is the visible headline. */
    decant_article *a = run(
        "<html><head><meta property=\"og:title\" content=\"Council budget passes: what it means\"></head>"
        "<body><article><h1>Council passes the budget after a long debate</h1>" BODY
        "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Council passes the budget after a long debate");
    decant_article_free(a);
}

TEST(rule_title_logo_h1_skipped)
{
    decant_article *a = run(
        "<html><head><title>The Daily</title><meta property=\"og:site_name\" content=\"The Daily\">"
        "</head><body><h1 class=\"site-title\">The Daily</h1>"
        "<article><h1>Budget passes after long debate</h1>" BODY "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Budget passes after long debate");
    decant_article_free(a);
}

/* ------------------------------------------------------------ authors */

TEST(rule_author_entities_decoded_before_splitting)
{
    decant_article *a = run(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\"headline\":\"T\","
        "\"author\":{\"@type\":\"Person\",\"name\":\"Maria &amp; Katerina\"}}</script></head>"
        "<body>" BODY "</body></html>");
    CHECK(decant_article_author_count(a) == 2);
    CHECK_STR(decant_article_author(a, 0), "Maria");
    CHECK_STR(decant_article_author(a, 1), "Katerina");
    decant_article_free(a);
}

TEST(rule_author_twitter_label_pair)
{
    decant_article *a = run(
        "<html><head><meta name=\"twitter:label1\" content=\"Written by\">"
        "<meta name=\"twitter:data1\" content=\"Tyler Brown\">"
        "<meta name=\"twitter:label2\" content=\"Est. reading time\">"
        "<meta name=\"twitter:data2\" content=\"4 minutes\"></head><body>" BODY "</body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Tyler Brown");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_AUTHORS), "meta");
    decant_article_free(a);
}

TEST(rule_author_label_byline_without_class)
{
    decant_article *a = run(
        "<html><body><article><h1>Tips for selecting motors</h1><p>By <a href=\"/c/ajn\">A. J. Neal</a></p>"
        BODY "</article></body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "A. J. Neal");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_AUTHORS), "byline");
    decant_article_free(a);
    a = run("<html><body><article><h1>Guide</h1><div><p>Written by</p><p>Edzel Tabing</p></div>"
            BODY "</article></body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Edzel Tabing");
    decant_article_free(a);
}

TEST(rule_customer_reviews_and_testimonials_are_not_the_page)
{
    /* A shop's reviews and a service's testimonials name customers and date
     * their words; neither is the page's author or date. */
    decant_article *a = run(
        "<html><body><main><h1>Chess sets</h1>" BODY
        "<div class=\"reviews\"><div class=\"item\"><span class=\"author\">Christina Burek</span>"
        "<span class=\"date\">Reviewed 06/08/2024</span></div></div>"
        "<div class=\"testimonial\"><p class=\"author\">Rachel M.</p></div></main></body></html>");
    CHECK(decant_article_author_count(a) == 0);
    CHECK(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED) == NULL);
    decant_article_free(a);
    /* A review is often the article itself: its byline and date stand. */
    a = run("<html><body><div class=\"review-header\"><h1>The best laptops</h1>"
            "<span class=\"author\">Emma Ryan</span><span class=\"date\">November 8, 2018</span></div>"
            "<div class=\"review-body\">" BODY "</div></body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2018-11-08");
    decant_article_free(a);
}

TEST(rule_author_authored_by_label)
{
    decant_article *a = run("<html><body><article><h1>Headline</h1><div class=\"author\">Authored by: "
                            "Dr. Ehsan Jazini</div>" BODY "</article></body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Dr. Ehsan Jazini");
    decant_article_free(a);
}

TEST(rule_author_after_the_date_on_its_line)
{
    /* "Dec. 19, 2025 · Niko Matsakis": the dateline and the byline share a line. */
    decant_article *a = run("<html><body><article><h1>What do people love about Rust?</h1>"
                            "<div class=\"publish-date-author\">Dec. 19, 2025 &middot; Niko Matsakis on "
                            "behalf of <a href=\"/t\">the team</a></div>" BODY "</article></body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Niko Matsakis");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2025-12-19");
    decant_article_free(a);
    /* A part with digits that is no date is not skipped: the next part,
     * "caches", is a link's label, not the author. */
    a = run("<html><body><article><h1>Project goals</h1><div class=\"byline\">via scvalex 1 year ago | "
            "caches</div>" BODY "</article></body></html>");
    CHECK(decant_article_author_count(a) == 0);
    decant_article_free(a);
}

TEST(rule_author_prose_by_is_no_byline)
{
    decant_article *a = run(
        "<html><body><article><h1>Stay safe</h1><p>You can avoid most injuries</p><p>by following "
        "the tips below and remaining vigilant.</p>" BODY "</article></body></html>");
    CHECK(decant_article_author_count(a) == 0);
    decant_article_free(a);
}

TEST(rule_author_forum_first_post_only)
{
    decant_article *a = run(
        "<html><head>"
        "<script type=\"application/ld+json\">{\"@type\":\"DiscussionForumPosting\",\"headline\":\"Q\","
        "\"author\":{\"@type\":\"Person\",\"name\":\"amondale\"}}</script>"
        "<script type=\"application/ld+json\">{\"@type\":\"DiscussionForumPosting\",\"headline\":\"Re: Q\","
        "\"author\":{\"@type\":\"Person\",\"name\":\"rimelek\"}}</script></head>"
        "<body>" BODY "</body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "amondale");
    decant_article_free(a);
    a = run("<html><body><div itemscope itemtype=\"https://schema.org/Question\">"
            "<span itemprop=\"author\" itemscope itemtype=\"https://schema.org/Person\">"
            "<span itemprop=\"name\">drat</span></span>" BODY
            "<div itemprop=\"suggestedAnswer\" itemscope itemtype=\"https://schema.org/Answer\">"
            "<span itemprop=\"author\" itemscope><span itemprop=\"name\">GregD</span></span></div>"
            "</div></body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "drat");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_AUTHORS), "microdata");
    decant_article_free(a);
}

TEST(rule_author_forum_username)
{
    decant_article *a = run(
        "<html><body><h1>Best server hosts</h1><p>Discussion started by "
        "<a href=\"/members/pelex.1/\" class=\"username\">pelex</a></p>" BODY "</body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "pelex");
    decant_article_free(a);
}

TEST(rule_author_publisher_name_is_weak)
{
    decant_article *a = run(
        "<html><head><meta property=\"og:site_name\" content=\"Clemson News\">"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Healthy habits\","
        "\"author\":{\"@type\":\"Person\",\"name\":\"Clemson News\"}}</script></head>"
        "<body><article><h1>Healthy habits</h1><div class=\"byline\">By Shelia R. Cotten</div>" BODY
        "</article></body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Shelia R. Cotten");
    decant_article_free(a);
}

TEST(rule_author_job_title_words_dropped)
{
    decant_article *a = run(
        "<html><body><article><h1>Listing</h1><div class=\"author\">Written by: Jane Smith | Verified buyer"
        "</div>" BODY "</article></body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Jane Smith");
    decant_article_free(a);
}

TEST(rule_author_box_lines)
{
    /* Name and job on lines of their own run together as one line: the
     * first line that names someone is the byline. */
    decant_article *a = run(
        "<html><body><article><h1>Consulting careers</h1><div class=\"author-box\"><p>Liz Kenny</p>"
        "<p>Former McKinsey Consultant</p></div>" BODY "</article></body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Liz Kenny");
    decant_article_free(a);
    /* A one-word user name keeps the whole line ("StarredSkies"). */
    a = run("<html><body><article><h1>Thread</h1><div class=\"author\">scvalex</div>" BODY
            "</article></body></html>");
    CHECK_STR(decant_article_author(a, 0), "scvalex");
    decant_article_free(a);
}

TEST(rule_author_bio_sentences_are_no_names)
{
    decant_article *a = run(
        "<html><body><article><h1>Raised beds</h1><div class=\"author-bio\">I've helped new "
        "gardeners</div>" BODY "</article></body></html>");
    CHECK(decant_article_author_count(a) == 0);
    decant_article_free(a);
}

/* The authors of a page whose byline element is `byline`, as "A|B|C" ("" for none). */
static const char *byline_of(const char *byline)
{
    static char out[512];
    char html[4096];
    snprintf(html, sizeof html, "<html><body><article><h1>Council news</h1>%s" BODY "</article></body></html>",
             byline);
    decant_article *a = run(html);
    out[0] = '\0';
    for (size_t k = 0; k < decant_article_author_count(a); k++) {
        if (k)
            strcat(out, "|");
        strncat(out, decant_article_author(a, k), sizeof out - strlen(out) - 2);
    }
    decant_article_free(a);
    return out;
}

TEST(rule_author_labels_and_joiners_by_language)
{
    CHECK_STR(byline_of("<div class=\"byline\">Von Anna Schmidt, Bernd Meier und Carla Wolf</div>"),
              "Anna Schmidt|Bernd Meier|Carla Wolf");
    CHECK_STR(byline_of("<div class=\"byline\">By Jane Roe and John Doe</div>"), "Jane Roe|John Doe");
    CHECK_STR(byline_of("<div class=\"byline\">Por Juan Pérez y Ana López</div>"), "Juan Pérez|Ana López");
    CHECK_STR(byline_of("<div class=\"byline\">Par Jean Dupont et Marie Curie</div>"), "Jean Dupont|Marie Curie");
    CHECK_STR(byline_of("<div class=\"byline\">di Mario Rossi e Anna Bianchi</div>"), "Mario Rossi|Anna Bianchi");
    CHECK_STR(byline_of("<div class=\"byline\">door Jan de Vries en Piet Jansen</div>"), "Jan de Vries|Piet Jansen");
    CHECK_STR(byline_of("<div class=\"byline\">av Anna Svensson och Erik Berg</div>"), "Anna Svensson|Erik Berg");
    CHECK_STR(byline_of("<div class=\"byline\">przez Jan Kowalski oraz Anna Nowak</div>"), "Jan Kowalski|Anna Nowak");
    CHECK_STR(byline_of("<div class=\"byline\">Автор: Иван Петров и Анна Смирнова</div>"),
              "Иван Петров|Анна Смирнова");
    CHECK_STR(byline_of("<div class=\"byline\">Yazan: Ahmet Yılmaz ve Ayşe Kaya</div>"), "Ahmet Yılmaz|Ayşe Kaya");
    CHECK_STR(byline_of("<div class=\"byline\">Γράφει ο Γιώργος Παπαδόπουλος και η Μαρία Νικολάου</div>"),
              "Γιώργος Παπαδόπουλος|Μαρία Νικολάου");
    CHECK_STR(byline_of("<div class=\"byline\">بقلم أحمد علي و محمد حسن</div>"), "أحمد علي|محمد حسن");
}

TEST(rule_author_labels_without_a_class_by_language)
{
    /* A line opening with a label, in any case and script, names the author. */
    CHECK_STR(byline_of("<p>Автор: Иван Петров</p>"), "Иван Петров");
    CHECK_STR(byline_of("<p>przez Jan Kowalski</p>"), "Jan Kowalski");
    CHECK_STR(byline_of("<p>Yazan: Ahmet Yılmaz</p>"), "Ahmet Yılmaz");
    CHECK_STR(byline_of("<p>Γράφει ο Γιώργος Παπαδόπουλος</p>"), "Γιώργος Παπαδόπουλος");
    CHECK_STR(byline_of("<p>بقلم أحمد علي</p>"), "أحمد علي");
    CHECK_STR(byline_of("<p>作者：张三</p>"), "张三");
    CHECK_STR(byline_of("<p>文／山田太郎</p>"), "山田太郎");
    /* a lower-case word in a cased script is no name */
    CHECK_STR(byline_of("<p>Автор: прфессор.</p>"), "");
}

TEST(rule_author_cjk_bylines)
{
    /* a CJK info line: date, source, then the author */
    CHECK_STR(byline_of("<div>2012年01月17日 17:21\xE3\x80\x80来源：新华网\xE3\x80\x80作者：王小明</div>"), "王小明");
    /* the agency's bracket */
    CHECK_STR(byline_of("<p>新华社北京1月17日电（记者张三）今天下午，理事会通过了预算。</p>"), "张三");
    /* "reporter" as a word of the text, a photo credit, an editor: no authors */
    CHECK_STR(byline_of("<p><b>记者调查</b></p>"), "");
    CHECK_STR(byline_of("<p>今天 记者调查了</p>"), "");
    CHECK_STR(byline_of("<div class=\"byline\">鄭名娟攝</div>"), "");
    CHECK_STR(byline_of("<div class=\"author\">责任编辑：江波</div>"), "");
    /* a publication's own credit is the agency's, as "Reuters" is */
    CHECK_STR(byline_of("<div class=\"byline\">【作者：《财经》综合报道 】</div>"), "《财经》综合报道");
    /* a list of names, and a phrase split like one */
    CHECK_STR(byline_of("<div class=\"byline\">作者：张三、李四</div>"), "张三|李四");
    decant_article *a = run("<html><head><meta name=\"author\" content=\"财讯网_提供股票、基金、期货与外汇市场的金融资讯"
                            "，以及个人理财咨询等服务\"></head><body><article><h1>Council news</h1>" BODY
                            "</article></body></html>");
    CHECK(decant_article_author_count(a) == 0);
    decant_article_free(a);
}

TEST(rule_author_label_alone_then_the_names)
{
    /* The label in an element of its own, the names as links after it. */
    CHECK_STR(byline_of("<div><span>Von </span><a href=\"/p/1\">Anna Schmidt</a>, <a href=\"/p/2\">Bernd Meier"
                        "</a> und <a href=\"/p/3\">Carla Wolf</a></div>"),
              "Anna Schmidt|Bernd Meier|Carla Wolf");
    CHECK_STR(byline_of("<p>By <a href=\"/p/1\">Jane Roe</a> and <a href=\"/p/2\">John Doe</a></p>"),
              "Jane Roe|John Doe");
    /* the place after the names and a comma is not one of them */
    CHECK_STR(byline_of("<div>Von <a href=\"/p/1\">Anna Schmidt</a>, <a href=\"/p/2\">Bernd Meier</a> und "
                        "<a href=\"/p/3\">Carla Wolf</a>, Berlin</div>"),
              "Anna Schmidt|Bernd Meier|Carla Wolf");
    /* "<p>Written by</p><p>Jane Doe</p>" still reads the next element */
    CHECK_STR(byline_of("<p>Written by</p><p>Jane Doe</p>"), "Jane Doe");
}

TEST(rule_author_weekday_and_date_after_the_name)
{
    CHECK_STR(byline_of("<span class=\"byline\">By Bryan Walsh Tuesday, Jan. 17, 2012</span>"), "Bryan Walsh");
    CHECK_STR(byline_of("<span class=\"byline\">By Bryan Walsh Tuesday</span>"), "Bryan Walsh");
    CHECK_STR(byline_of("<span class=\"byline\">Von Anna Schmidt Dienstag, 17. Januar 2012</span>"),
              "Anna Schmidt");
    CHECK_STR(byline_of("<div class=\"byline\">07.11.2022, 18:00 Uhr von Anna Schmidt</div>"), "Anna Schmidt");
    /* after a date, "von" is the label; in a name it is a particle */
    CHECK_STR(byline_of("<div class=\"byline\">Aktualisiert am 07.11.2022 von Anna Schmidt</div>"), "Anna Schmidt");
    CHECK_STR(byline_of("<div class=\"byline\">Ursula von der Leyen</div>"), "Ursula von der Leyen");
    /* a dateline run into the name, as inline elements print it */
    CHECK_STR(byline_of("<div class=\"dateAndAuthor\"><span>Nov 25, 2025</span><span>Julian K. Arni</span></div>"),
              "Julian K. Arni");
    /* one word is a name's own: Plácido Domingo keeps his */
    CHECK_STR(byline_of("<span class=\"byline\">By Plácido Domingo</span>"), "Plácido Domingo");
}

TEST(rule_author_publisher_and_site_are_no_authors)
{
    /* "Ediciones EL PAÍS" is the publisher; " EL " in capitals does not cut it */
    decant_article *a = run(
        "<html lang=\"es\"><head><meta name=\"author\" content=\"Ediciones EL PAÍS\">"
        "<meta property=\"og:site_name\" content=\"EL PAÍS\"></head><body><article><h1>El presupuesto</h1>"
        "<div class=\"a_md_a\"><a href=\"https://elpais.com/autor/juan-perez/\">Juan Pérez</a></div>" BODY
        "</article></body></html>");
    CHECK_STR(decant_article_author(a, 0), "Juan Pérez");
    CHECK(decant_article_author_count(a) == 1);
    decant_article_free(a);
    /* a host name given as a person */
    a = run("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":"
            "{\"@type\":\"Person\",\"name\":\"elmundo.es\"}}</script></head><body><article><h1>El presupuesto</h1>"
            "<div class=\"ue-c-article__byline-name\">Pedro Gómez</div>" BODY "</article></body></html>");
    CHECK_STR(decant_article_author(a, 0), "Pedro Gómez");
    CHECK(decant_article_author_count(a) == 1);
    decant_article_free(a);
    /* alone, the publisher's name is kept whole: " EL " in capitals is no date word */
    a = run("<html lang=\"es\"><head><meta name=\"author\" content=\"Ediciones EL PAÍS\"></head><body>"
            "<article><h1>El presupuesto</h1>" BODY "</article></body></html>");
    CHECK_STR(decant_article_author(a, 0), "Ediciones EL PAÍS");
    decant_article_free(a);
    /* "Juan Pérez el 17 de enero": the lower-case word before a date still ends the name */
    CHECK_STR(byline_of("<div class=\"byline\">Por Juan Pérez el 17 de enero de 2012</div>"), "Juan Pérez");
}

TEST(rule_author_teaser_cards_are_other_stories)
{
    /* The page's byline has no class; the "You might also like" cards' do. */
    decant_article *a = run(
        "<html><body><article><h1>Budget passes</h1><p>By <a href=\"/people/mary-smith\">Mary Smith</a></p>" BODY
        "<section><h2>You might also like</h2><ul><li><a href=\"/other-story\">A very different story about the "
        "library</a><div class=\"author\">By John Other</div></li><li><a href=\"/third\">Another one about the "
        "roads</a><div class=\"author\">By Jane Roe</div></li></ul></section></article></body></html>");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Mary Smith");
    decant_article_free(a);
    /* with no byline of its own, the page has no author rather than a teaser's */
    a = run("<html><body><article><h1>Budget passes</h1>" BODY "<div class=\"grid\">"
            "<article class=\"card\"><h3><a href=\"/a\">The library reopens after a long winter</a></h3>"
            "<span rel=\"author\" class=\"meta\">Xin Ma</span></article>"
            "<article class=\"card\"><h3><a href=\"/b\">Roads to be repaired before the summer</a></h3>"
            "<span rel=\"author\" class=\"meta\">Ola Berg</span></article></div></article></body></html>");
    CHECK(decant_article_author_count(a) == 0);
    decant_article_free(a);
    /* a layout's repeated columns without bylines of their own are no cards */
    a = run("<html><body><div class=\"col\"><h3>How the council is shaping the budget this year</h3>"
            "<p class=\"post-author-name\">by <a href=\"/author/vg/\"><span class=\"author\">Victoria Gayton</span>"
            "</a></p></div><div class=\"col\">" BODY "</div></body></html>");
    CHECK_STR(decant_article_author(a, 0), "Victoria Gayton");
    decant_article_free(a);
}

/* ------------------------------------------------------------ dates */

TEST(rule_date_release_date_is_not_the_page_date)
{
    decant_article *a = run(
        "<html><body><h1>Counter-Strike 2</h1><div class=\"grid_label\">Released</div>"
        "<div class=\"grid_content grid_date\">21 Aug, 2012</div>"
        "<div><b>Release Date:</b> 21 Aug, 2012</div>" BODY "</body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), NULL);
    decant_article_free(a);
}

TEST(rule_date_availability_and_delivery_are_not_the_page_date)
{
    decant_article *a = run(
        "<html><body><h1>Mirrorless cameras</h1><div class=\"stock-time-frame\">Expected availability: "
        "Apr 01, 2026</div><div class=\"date\">Delivery by March 12, 2026</div>" BODY "</body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), NULL);
    decant_article_free(a);
    /* Control: the same dateline without the label is the page's. */
    a = run("<html><body><h1>Mirrorless cameras</h1><div class=\"date\">March 12, 2026</div>" BODY
            "</body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2026-03-12");
    decant_article_free(a);
}

TEST(rule_date_near_a_headline_that_is_no_h1)
{
    /* No h1: the element showing the title anchors the dateline search. */
    decant_article *a = run(
        "<html><head><meta property=\"og:title\" content=\"Vehicles broken into at the health unit\">"
        "</head><body><div><p class=\"titulo\">Vehicles broken into at the health unit</p>"
        "<small><b>25/10/2018</b> - Posted in Health</small>" BODY "</div></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Vehicles broken into at the health unit");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2018-10-25");
    decant_article_free(a);
}

TEST(rule_date_article_footer_counts_page_footer_not)
{
    decant_article *a = run(
        "<html><body><article><h1>Puppy training</h1>" BODY "<footer><span class=\"article-date\">"
        "<time datetime=\"2025-08-12T11:15:06Z\">August 12, 2025</time></span></footer></article>"
        "</body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2025-08-12T11:15:06+00:00");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_DATE_PUBLISHED), "time-element");
    decant_article_free(a);
    a = run("<html><body><article><h1>Puppy training</h1>" BODY "</article><footer>"
            "<time datetime=\"2025-08-12\">August 12, 2025</time></footer></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), NULL);
    decant_article_free(a);
}

TEST(rule_date_product_page_has_no_visible_date)
{
    decant_article *a = run(
        "<html><head><meta property=\"og:type\" content=\"product\"></head><body><h1>Desk</h1>"
        "<span class=\"date\">March 3, 2024</span><div class=\"byline\">By Tom Kline</div>" BODY
        "</body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), NULL);
    CHECK(decant_article_author_count(a) == 0);
    decant_article_free(a);
}

TEST(rule_date_content_containers_are_never_sidebars)
{
    /* "newsletter-post" and "menu-overlay" name the article and the page, not boxes beside them. */
    decant_article *a = run(
        "<html><body class=\"menu-overlay\"><article class=\"newsletter-post\"><h1>Writing with AI</h1>"
        "<div class=\"meta\">Nov 02, 2025</div>" BODY "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2025-11-02");
    decant_article_free(a);
}

TEST(rule_date_beside_the_byline)
{
    /* No headline to measure from: the date sits by the byline, in the next
     * paragraph or in the same author block. */
    decant_article *a = run(
        "<html><body><div><div><p>Written by <a href=\"/blog/author/jane-doe\">Jane Doe</a></p>"
        "<p>April 8, 2024</p></div></div>" BODY "</body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-04-08");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_DATE_PUBLISHED), "dateline");
    decant_article_free(a);
    a = run("<html><body><div class=\"resource-author-details\"><p>Luke Kim</p>"
            "<small>December 17, 2025</small></div>" BODY "</body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2025-12-17");
    decant_article_free(a);
}

TEST(rule_date_bare_en_on_a_country_domain_is_day_first)
{
    /* lang="en" is a template's default: on a .ru site 05.01.2012 is January 5th. */
    decant_article *a = page_article("<html lang=\"en\"><body><article><h1>Council news</h1>"
                                     "<span class=\"date\">05.01.2012, 14:45</span>" BODY
                                     "</article></body></html>", "http://www.example.ru/news/1");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2012-01-05T14:45:00");
    decant_article_free(a);
    a = page_article("<html lang=\"en\"><body><article><h1>Council news</h1>"
                     "<span class=\"date\">05.01.2012, 14:45</span>" BODY "</article></body></html>",
                     "https://www.example.com/news/1");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2012-05-01T14:45:00");
    decant_article_free(a);
}

TEST(rule_date_indented_dateline_is_still_short)
{
    /* An old template's dateline, padded with tabs and line breaks past 80 bytes. */
    decant_article *a = run(
        "<html><body><div><h1 class=\"publ_title\">Council news</h1><p class=\"info\"><span>"
        "26&nbsp;\xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F&nbsp;2011,&nbsp;15:28"
        "\t\t\t\t\t\t\t\r\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t"
        "\t\t\t\t\t\t\t\t[&nbsp;Online&nbsp;]</span></p>" BODY "</div></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2011-11-26T15:28:00");
    decant_article_free(a);
}

TEST(rule_date_cjk_dateline_without_h1)
{
    /* No h1; the title's element anchors the search; the date is 年月日. */
    decant_article *a = run(
        "<html><head><title>Council news | Example</title></head><body><div class=\"a1\">Council news</div>"
        "<div class=\"a2\"><ul>2012\xE5\xB9\xB4" "01\xE6\x9C\x88" "11\xE6\x97\xA5 10:22:11</ul></div>"
        BODY "</body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2012-01-11T10:22:11");
    decant_article_free(a);
}

TEST(rule_date_page_clock_is_not_the_story_date)
{
    /* The header's clock is named a date; the story's dateline under the headline is not. */
    decant_article *a = run(
        "<html><body><div id=\"header\"><div class=\"headerdatetime\">10 апреля 2013</div><ul><li>News</li>"
        "<li>Sport</li></ul></div><div id=\"content\"><div class=\"news\"><h1>Council news</h1>"
        "<div class=\"newsinfo\">15:19 28.11.2011</div>" BODY "</div></div></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2011-11-28T15:19:00");
    decant_article_free(a);
    /* so are the sidebar stories' dates */
    a = run("<html><body><div class=\"col\"><div class=\"left\"><div class=\"artykul\"><h1>Council news</h1>"
            "<div class=\"dt\">2012-01-04 12:42</div>" BODY "</div></div><div class=\"right\"><ul>"
            "<li><div class=\"data\">2013-04-09 05:40</div><a href=\"/x\">Other story</a></li></ul></div></div>"
            "</body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2012-01-04T12:42:00");
    decant_article_free(a);
}

TEST(rule_date_headline_that_is_no_logo_h1)
{
    /* The only h1 is the logo's; the headline is an h2 showing the title. */
    decant_article *a = run(
        "<html><head><title>Floods bring disease alarm - World</title></head><body><div id=\"header\">"
        "<div id=\"logo\"><h1><a href=\"/\">TA NEA online</a></h1><p class=\"date\">Saturday 14 January 2012</p>"
        "</div></div><div id=\"main\"><div class=\"entry-header\"><h2>Floods bring disease alarm</h2>"
        "<h6>Published: Tuesday 03 January 2012</h6></div>" BODY "</div></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2012-01-03");
    decant_article_free(a);
}

TEST(rule_date_headline_is_a_part_of_the_title)
{
    /* "SITE - Headline" where the site's name is declared nowhere: the h2
     * showing the headline part anchors the dateline. */
    decant_article *a = run(
        "<html><head><title>NEWS.EXAMPLE :: Scientists made an appetite gum</title></head><body>"
        "<div id=\"header\"><div class=\"topline\">18:59 28.11.2011</div></div><table><tr><td>"
        "<div class=\"comments_block\"><div class=\"date\">27.11.2011 14:08</div></div></td><td>"
        "<div id=\"doc_body\"><h2>Scientists made an appetite gum</h2><div><p class=\"also\">29.09.2011 12:59</p>"
        "</div>" BODY "</div></td></tr></table></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2011-09-29T12:59:00");
    decant_article_free(a);
}

TEST(rule_date_story_dateline_needs_to_be_one)
{
    /* A sentence that mentions a date is no dateline: the named date stays. */
    decant_article *a = run(
        "<html><body><div id=\"header\"><span class=\"date\">4 January 2012</span></div><div><div>"
        "<h1>Council news</h1><p>From 1 January 2012 the leave is longer.</p>" BODY "</div></div></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2012-01-04");
    decant_article_free(a);
    /* the named date shares the headline's container and stands nearer: it stays */
    a = run("<html><body><article><h1>Council news</h1><span class=\"date\">4 January 2012</span>" BODY
            "<p>3 January 2012</p></article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2012-01-04");
    decant_article_free(a);
}

TEST(rule_date_forum_member_since_is_not_the_page_date)
{
    decant_article *a = run(
        "<html><body><div id=\"brdmain\"><h1>Boot fails</h1><div class=\"post\"><dl><dd><span>Registered: "
        "2024-01-27</span></dd></dl><div class=\"postmsg\">" BODY "<p class=\"postedit\"><em>Last edited by x "
        "(2024-08-03 11:02:20)</em></p></div></div></div></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-08-03T11:02:20");
    decant_article_free(a);
}

/* ------------------------------------------------------------ UTC timestamps and the shown day */

TEST(rule_date_utc_midnight_of_the_shown_day)
{
    /* 23:00Z is midnight in +01:00: the day the reader sees is the 7th. */
    decant_article *a = run("<html lang=\"de\"><body><article><h1>Haushalt beschlossen</h1>"
                            "<time datetime=\"2022-11-06T23:00:00Z\">7. November 2022</time>" BODY
                            "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2022-11-07");
    decant_article_free(a);
    /* the same from JSON-LD, the dateline in a class'd element */
    a = run("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
            "\"datePublished\":\"2022-11-06T23:00:00+00:00\"}</script></head><body><article>"
            "<h1>Haushalt beschlossen</h1><div class=\"date\">07.11.2022</div>" BODY "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2022-11-07");
    decant_article_free(a);
}

TEST(rule_date_utc_with_the_shown_time)
{
    /* The page shows 00:30: the instant in +01:00, its offset inferred. */
    decant_article *a = run("<html><head><meta property=\"article:published_time\" "
                            "content=\"2022-11-06T23:30:00Z\"></head><body><article><h1>Haushalt</h1>"
                            "<span class=\"date\">7. November 2022, 00:30 Uhr</span>" BODY "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2022-11-07T00:30:00+01:00");
    decant_article_free(a);
}

TEST(rule_date_utc_with_the_stated_offset)
{
    /* The page states -08:00 in its <time>: the UTC instant read there. */
    decant_article *a = run("<html><head><meta property=\"article:published_time\" "
                            "content=\"2025-12-19T03:05:00+00:00\"></head><body><article><h1>On heat</h1>"
                            "<time datetime=\"2025-12-18T19:05:00-08:00\">December 18, 2025</time>" BODY
                            "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2025-12-18T19:05:00-08:00");
    decant_article_free(a);
}

TEST(rule_date_utc_kept_without_proof_of_the_zone)
{
    /* 02:17Z shown as the 9th: plausible in America, but nothing proves the zone. */
    decant_article *a = run("<html><head><meta property=\"article:published_time\" "
                            "content=\"2021-12-10T02:17:00+00:00\"></head><body><article><h1>Sourdough</h1>"
                            "<time class=\"entry-time\">December 9, 2021</time>" BODY "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2021-12-10T02:17:00+00:00");
    decant_article_free(a);
    /* a shown day no offset reaches is another date */
    a = run("<html><body><article><h1>Haushalt beschlossen</h1>"
            "<time datetime=\"2022-11-06T23:00:00Z\">8. November 2022</time>" BODY "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2022-11-06T23:00:00+00:00");
    decant_article_free(a);
}

TEST(rule_title_sole_h1_in_main_beats_bare_title)
{
    /* An app's shell <title>, the same on every page, and nothing else declared. */
    decant_article *a = run(
        "<html><head><title>Reddit - The heart of the internet</title></head>"
        "<body><main><h1>Enameled cast iron pan and metal</h1>" BODY "</main></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Enameled cast iron pan and metal");
    decant_article_free(a);
    /* Not an h1 outside the article, nor one of several. */
    a = run("<html><head><title>Packing tips for a smooth move | Atlas</title></head>"
            "<body><h1>Blog</h1><article>" BODY "</article></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Packing tips for a smooth move");
    decant_article_free(a);
    a = run("<html><head><title>Packing tips for a smooth move | Atlas</title></head>"
            "<body><main><h1>Blog</h1><h1>Latest</h1>" BODY "</main></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Packing tips for a smooth move");
    decant_article_free(a);
}

TEST(rule_title_heading_buttons_skipped)
{
    decant_article *a = run(
        "<html><head></head><body><main><h1>Crate <span>tokio</span>&nbsp;"
        "<button title=\"Copy item path to clipboard\">Copy item path</button></h1>" BODY
        "</main></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Crate tokio");
    decant_article_free(a);
}

TEST(rule_title_empty_part_and_ampersand_site)
{
    /* A template that filled no headline before its separator. */
    decant_article *a = run("<html><head><title>| Electronic Gadgets</title></head><body>" BODY
                            "</body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Electronic Gadgets");
    decant_article_free(a);
    /* "&" and "and" name the same site, whose name says nothing of the page. */
    a = run("<html><head><title>| Nuts &amp; Volts Magazine</title>"
            "<meta property=\"og:site_name\" content=\"Nuts and Volts Magazine\"></head>"
            "<body><h1>Electronic Gadgets</h1><div>" BODY "</div></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Electronic Gadgets");
    decant_article_free(a);
}

TEST(rule_title_phpbb_view_topic)
{
    decant_article *a = run(
        "<html><head><title>NationStates \xE2\x80\xA2 View topic - Football Season: MLS is Back!</title>"
        "</head><body><h2>Football Season: MLS is Back!</h2>" BODY "</body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Football Season: MLS is Back!");
    decant_article_free(a);
}

TEST(rule_root_classes_are_layout)
{
    /* mdBook's <html class="sidebar-visible"> is a layout, not a sidebar
     * holding the whole page. */
    decant_article *a = run(
        "<html class=\"light sidebar-visible\"><head><title>What is Ownership? - The Rust "
        "Programming Language</title></head><body><main>" BODY "</main></body></html>");
    CHECK(decant_article_get(a, DECANT_FIELD_TITLE) != NULL);
    CHECK_STR(decant_article_source(a, DECANT_FIELD_TITLE), "title-element");
    decant_article_free(a);
}

/* ------------------------------------------------------------ tags */

TEST(rule_tags_article_tag_metas)
{
    decant_article *a = run(
        "<html><head><meta property=\"article:section\" content=\"Politics\">"
        "<meta property=\"article:tag\" content=\"budget\"><meta property=\"article:tag\" content=\"Council, "
        "Schools\"><meta property=\"article:tag\" content=\"Budget\">"
        "<meta name=\"news_keywords\" content=\"ignored, because, article:tag wins\"></head>"
        "<body>" BODY "</body></html>");
    CHECK(decant_article_tag_count(a) == 3);
    CHECK_STR(decant_article_tag(a, 0), "budget");
    CHECK_STR(decant_article_tag(a, 1), "Council");
    CHECK_STR(decant_article_tag(a, 2), "Schools");
    CHECK_STR(decant_article_tag(a, 3), NULL);
    decant_buffer out = {0};
    CHECK(decant_record_json(a, NULL, NULL, DECANT_BODY_TEXT, &out) == DECANT_OK);
    CHECK_HAS(out.data, "\"section\":\"Politics\",\"tags\":[\"budget\",\"Council\",\"Schools\"]");
    decant_buffer_free(&out);
    decant_article_free(a);
}

TEST(rule_tags_jsonld_keywords)
{
    decant_article *a = run(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"T\","
        "\"keywords\":[\"Eli Lilly\",\"weight loss\",\"locale: US\",\"contentId: 15cd\",\"_noshow\","
        "\"shortTitle: Biggest trends, Revealed\"]}</script></head><body>" BODY "</body></html>");
    CHECK(decant_article_tag_count(a) == 2);
    CHECK_STR(decant_article_tag(a, 0), "Eli Lilly");
    CHECK_STR(decant_article_tag(a, 1), "weight loss");
    decant_article_free(a);
    a = run("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"T\","
            "\"keywords\":\"budget, council,  schools \"}</script></head><body>" BODY "</body></html>");
    CHECK(decant_article_tag_count(a) == 3);
    CHECK_STR(decant_article_tag(a, 2), "schools");
    decant_article_free(a);
}

TEST(rule_tags_news_keywords_and_parsely)
{
    decant_article *a = run(
        "<html><head><meta name=\"news_keywords\" content=\"Budget &amp; finance, Council\"></head>"
        "<body>" BODY "</body></html>");
    CHECK(decant_article_tag_count(a) == 2);
    CHECK_STR(decant_article_tag(a, 0), "Budget & finance");
    decant_article_free(a);
    a = run("<html><head><meta name=\"parsely-tags\" content=\"politics,local\"></head>"
            "<body>" BODY "</body></html>");
    CHECK(decant_article_tag_count(a) == 2);
    CHECK_STR(decant_article_tag(a, 1), "local");
    decant_article_free(a);
}

TEST(rule_tags_none)
{
    decant_article *a = run("<html><head><meta name=\"keywords\" content=\"seo, spam\"></head><body>"
                            BODY "</body></html>");
    CHECK(decant_article_tag_count(a) == 0);
    CHECK_STR(decant_article_tag(a, 0), NULL);
    decant_buffer out = {0};
    CHECK(decant_record_json(a, NULL, NULL, DECANT_BODY_TEXT, &out) == DECANT_OK);
    CHECK_HAS(out.data, "\"tags\":[]");
    decant_buffer_free(&out);
    decant_article_free(a);
    CHECK(decant_article_tag_count(NULL) == 0);
}

TEST(rule_title_permalink_sign_and_layout_sidebar)
{
    /* "sidebar-right" is a layout, not a sidebar; "Models¶" is the heading "Models". */
    decant_article *a = run(
        "<html><head><meta property=\"og:title\" content=\"Models | Django documentation\"></head>"
        "<body><div class=\"container sidebar-right\"><article><h1>Models<a class=\"headerlink\" "
        "href=\"#m\">\xC2\xB6</a></h1>" BODY "</article></div></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Models");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_TITLE), "title-element");
    decant_article_free(a);
}

TEST(rule_main_is_never_a_sidebar)
{
    decant_article *a = run(
        "<html><body><div class=\"sidebar\"><main><h1>Budget passes</h1>"
        "<time datetime=\"2024-06-19\">June 19, 2024</time>" BODY "</main></div></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Budget passes");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-06-19");
    decant_article_free(a);
}

TEST(rule_content_column_is_never_a_sidebar)
{
    /* A column whose other class or id names the content is layout, whatever
     * furniture word a page builder also put on it. */
    decant_article *a = run(
        "<html><body><div id=\"content\" class=\"sidebar_content\"><h1>Standing desks</h1>"
        "<span class=\"date\">02 Feb 2026</span>" BODY "</div></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2026-02-02");
    decant_article_free(a);
    a = run("<html><body><div class=\"main-column widget-manage h-content-column\"><h1>Catering tips</h1>"
            "<time datetime=\"2005-07-10T00:57:00\">7/9/05</time>" BODY "</div></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2005-07-10T00:57:00");
    decant_article_free(a);
    /* One token naming both is the content of a sidebar. */
    a = run("<html><body><h1>Standing desks</h1>" BODY
            "<div class=\"x sidebar-content\"><span class=\"date\">02 Feb 2026</span></div></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), NULL);
    decant_article_free(a);
}

TEST(rule_aside_inside_article_is_its_fact_box)
{
    decant_article *a = run("<html><body><aside><time datetime='2020-01-01'>1 Jan</time></aside>"
                            "<article><h1>Notes on a quiet river</h1><aside><time datetime='2021-06-06'>"
                            "June 6, 2021</time></aside><p>The river runs slowly past the old mill, and "
                            "the town has grown around it over three centuries of trade.</p></article>"
                            "</body></html>");
    CHECK(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED) && strncmp(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2021-06-06", 10) == 0);
    decant_article_free(a);
}
