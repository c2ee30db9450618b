/* test_meta.c — metadata through the public API: values and provenance. */
#include <stdlib.h>

#include "page.h"


/* Bodies in the page's declared language: the detected language must agree with it. */
#define BODY_IT "<p>" \
    "Il consiglio comunale si è riunito martedì per discutere il nuovo bilancio per il prossimo " \
    "anno, e il dibattito è durato fino a tarda sera mentre i consiglieri discutevano di scuole, " \
    "strade e parchi. Alla fine la proposta è stata approvata con un margine ristretto.</p>"
#define BODY_DE "<p>" \
    "Der Stadtrat traf sich am Dienstag, um über den neuen Haushalt für das kommende Jahr zu " \
    "beraten, und die Debatte dauerte bis in den späten Abend, als die Mitglieder über Schulen, " \
    "Straßen und Parks stritten. Am Ende wurde der Vorschlag knapp angenommen.</p>"

static decant_article *run(const char *html, const char *url)
{
    return page_article(html, url);
}

TEST(meta_jsonld_graph)
{
    decant_article *a = run(
        "<html lang=en><head><title>Budget passes | Daily</title>"
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
        "{\"@type\":\"WebSite\",\"name\":\"The Daily\"},"
        "{\"@type\":[\"NewsArticle\"],\"headline\":\"Budget passes after long debate\","
        "\"datePublished\":\"2024-06-19T17:05:00+02:00\",\"dateModified\":\"2024-06-20T08:00:00+02:00\","
        "\"author\":{\"@id\":\"#p1\"},\"publisher\":{\"@type\":\"Organization\",\"name\":\"The Daily\"},"
        "\"articleSection\":\"Politics\"},"
        "{\"@type\":\"Person\",\"@id\":\"#p1\",\"name\":\"Jane Doe\"}]}</script>"
        "</head><body><article>" BODY "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Budget passes after long debate");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_TITLE), "json-ld");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-06-19T17:05:00+02:00");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_DATE_PUBLISHED), "json-ld");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_MODIFIED), "2024-06-20T08:00:00+02:00");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Jane Doe");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_AUTHORS), "json-ld");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_SECTION), "Politics");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_SITE_NAME), "The Daily");
    decant_article_free(a);
}

TEST(meta_jsonld_nested_author_array)
{
    decant_article *a = run(
        "<html><head><script type=\"application/ld+json\">[{\"@type\":\"BreadcrumbList\"},"
        "{\"@type\":\"BlogPosting\",\"headline\":\"Two writers\",\"author\":[{\"@type\":\"Person\","
        "\"name\":\"Ann Lee\"},\"Bob Ray\",{\"name\":\"ann lee\"}]}]</script></head><body>"
        BODY "</body></html>", NULL);
    CHECK(decant_article_author_count(a) == 2);
    CHECK_STR(decant_article_author(a, 0), "Ann Lee");
    CHECK_STR(decant_article_author(a, 1), "Bob Ray");
    decant_article_free(a);
}

TEST(meta_jsonld_broken_ignored)
{
    decant_article *a = run(
        "<html><head><title>Plain title</title><script type=\"application/ld+json\">"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Broken \"</script>"
        "<meta property=\"og:title\" content=\"OG headline\"></head><body>" BODY "</body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "OG headline");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_TITLE), "opengraph");
    CHECK(decant_article_author_count(a) == 0);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), NULL);
    CHECK_STR(decant_article_source(a, DECANT_FIELD_DATE_PUBLISHED), NULL);
    decant_article_free(a);
}

TEST(meta_jsonld_trailing_comma_repaired)
{
    decant_article *a = run(
        "<html><head><script type=\"application/ld+json\"><!-- {\"@type\":\"Article\","
        "\"headline\":\"Repaired\",\"datePublished\":\"2023-01-02\",} --></script></head><body>"
        BODY "</body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Repaired");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2023-01-02");
    decant_article_free(a);
}

TEST(meta_opengraph_and_meta)
{
    decant_article *a = run(
        "<html><head><meta property=\"og:site_name\" content=\"Gazette\">"
        "<meta property=\"article:published_time\" content=\"2024-06-19T15:05:00Z\">"
        "<meta property=\"article:author\" content=\"https://facebook.com/someone\">"
        "<meta name=\"byl\" content=\"By Carla Bruni and Dan Brown\">"
        "<meta property=\"og:image\" content=\"/img/a.jpg\">"
        "<meta name=\"description\" content=\"About the budget.\"></head><body>"
        BODY "</body></html>", "https://news.example.com/a/b.html");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-06-19T15:05:00+00:00");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_DATE_PUBLISHED), "opengraph");
    CHECK(decant_article_author_count(a) == 2);
    CHECK_STR(decant_article_author(a, 0), "Carla Bruni");
    CHECK_STR(decant_article_author(a, 1), "Dan Brown");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_AUTHORS), "meta");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_IMAGE), "https://news.example.com/img/a.jpg");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DESCRIPTION), "About the budget.");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_SITE_NAME), "Gazette");
    decant_article_free(a);
}

TEST(meta_microdata)
{
    decant_article *a = run(
        "<html><body><div itemscope itemtype=\"https://schema.org/Article\">"
        "<h1 itemprop=\"headline\">Microdata headline</h1>"
        "<span itemprop=\"author\" itemscope><span itemprop=\"name\">Luca Bianchi</span></span>"
        "<meta itemprop=\"datePublished\" content=\"2022-03-04\">" BODY "</div></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Microdata headline");
    CHECK_STR(decant_article_author(a, 0), "Luca Bianchi");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_AUTHORS), "microdata");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2022-03-04");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_DATE_PUBLISHED), "microdata");
    decant_article_free(a);
}

/* A page whose one <meta name=...> says content. */
static decant_article *run_meta(const char *name, const char *content)
{
    char html[2048];
    snprintf(html, sizeof html,
             "<html><head><meta name=\"%s\" content=\"%s\"></head><body><article><h1>Headline</h1>%s"
             "</article></body></html>", name, content, BODY);
    return run(html, NULL);
}

TEST(meta_date_publisher_meta_names)
{
    /* the <meta> names publishers use for the publication date, each alone on a page */
    static const char *const names[] = {"published", "pub_date", "date-pub", "pdate", "og:pubdate", "ms.date"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        decant_article *a = run_meta(names[k], "2025-03-06");
        CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2025-03-06");
        CHECK_STR(decant_article_source(a, DECANT_FIELD_DATE_PUBLISHED), "meta");
        decant_article_free(a);
    }
}

TEST(meta_author_publisher_meta_names)
{
    static const char *const names[] = {"citation_authors", "article_author", "article-author", "og:author",
                                        "cxenseparse:author", "ms.author", "creator"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        decant_article *a = run_meta(names[k], "Harry Rabinowitz");
        CHECK(decant_article_author_count(a) == 1);
        CHECK_STR(decant_article_author(a, 0), "Harry Rabinowitz");
        CHECK_STR(decant_article_source(a, DECANT_FIELD_AUTHORS), "meta");
        decant_article_free(a);
    }
}

TEST(meta_author_template_key_and_citation_order)
{
    /* An unfilled template key is no name. */
    decant_article *a = run_meta("author", "page.head.extra.author");
    CHECK(decant_article_author_count(a) == 0);
    decant_article_free(a);
    /* A login with dots is one ("sara.r.peter"), where JSON-LD declares it. */
    a = run("<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":"
            "{\"@type\":\"Person\",\"name\":\"sara.r.peter\"}}</script></head><body><article><h1>H</h1>"
            BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "sara.r.peter");
    decant_article_free(a);
    /* citation_author: one author per tag, surname first. */
    a = run("<html><head><meta name=\"citation_author\" content=\"Berger, Emery D.\">"
            "<meta name=\"citation_author\" content=\"Roy, Aniruddha\"></head><body><article><h1>H</h1>"
            BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 2);
    CHECK_STR(decant_article_author(a, 0), "Emery D. Berger");
    CHECK_STR(decant_article_author(a, 1), "Aniruddha Roy");
    decant_article_free(a);
}

TEST(meta_microdata_question_created)
{
    /* a Q&A page: the question's dateCreated, then comments' hidden
     * datePublished text; the question's date is the page's */
    decant_article *a = run(
        "<html><body><div itemscope itemtype=\"https://schema.org/QAPage\"><h1>Question</h1>"
        "<time itemprop=\"dateCreated\" datetime=\"2014-02-04 13:27:40Z\">Feb 4, 2014</time>"
        "<p>Why is this so?</p><span class=\"comment\">Because.<time itemprop=\"datePublished\">"
        "2019-01-21T21:40:59Z</time></span>" BODY "</div></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2014-02-04T13:27:40+00:00");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_DATE_PUBLISHED), "microdata");
    decant_article_free(a);
}

TEST(meta_time_element)
{
    decant_article *a = run(
        "<html><body><nav><time datetime=\"2020-01-01\">old</time></nav><article><h1>Headline</h1>"
        "<time datetime=\"2024-06-19T17:05\" class=\"published\">19 June</time>" BODY
        "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-06-19T17:05:00");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_DATE_PUBLISHED), "time-element");
    decant_article_free(a);
}

TEST(meta_dateline_italian)
{
    decant_article *a = run(
        "<html lang=\"it\"><body><article><h1>Titolo</h1><div class=\"data-articolo\">"
        "Mercoledì 19 Giugno 2024 17:05</div><div class=\"firma\">di Mario Rossi</div>" BODY_IT
        "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-06-19T17:05:00");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_DATE_PUBLISHED), "dateline");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Mario Rossi");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_AUTHORS), "byline");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_LANGUAGE), "it");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_LANGUAGE), "detected");
    decant_article_free(a);
}

TEST(meta_dateline_german_french)
{
    decant_article *a = run(
        "<html lang=\"de-de\"><body><article><h1>Titel</h1><p class=\"datum\">19. Juni 2024, 17:05 Uhr"
        "</p>" BODY_DE "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-06-19T17:05:00");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_LANGUAGE), "de"); /* no region: lang.h */
    decant_article_free(a);
    a = run("<html lang=\"fr\"><body><article><h1>Titre</h1><span class=\"date\">Publié le 19 juin "
            "2024 à 17h05</span><span class=\"auteur author\">par Jean Dupont</span>" BODY
            "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-06-19T17:05:00");
    CHECK_STR(decant_article_author(a, 0), "Jean Dupont");
    decant_article_free(a);
}

TEST(meta_numeric_date_follows_language)
{
    decant_article *a = run("<html lang=\"en-US\"><body><article><h1>T</h1><span class=\"date\">"
                            "05/06/2024</span>" BODY "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-05-06");
    decant_article_free(a);
    a = run("<html lang=\"en-GB\"><body><article><h1>T</h1><span class=\"date\">"
            "05/06/2024</span>" BODY "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-06-05");
    decant_article_free(a);
}

TEST(meta_byline_english)
{
    decant_article *a = run(
        "<html><body><article><h1>Headline here</h1><div class=\"byline\">By John Smith, Staff Writer"
        " | June 19, 2024</div>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "John Smith");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-06-19");
    decant_article_free(a);
}

TEST(meta_byline_rel_author_multiple)
{
    decant_article *a = run(
        "<html><body><article><h1>Headline</h1><p class=\"by-author\">Von <a rel=\"author\">Anna "
        "Schmidt</a> und <a rel=\"author\">Peter Müller</a></p>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 2);
    CHECK_STR(decant_article_author(a, 0), "Anna Schmidt");
    CHECK_STR(decant_article_author(a, 1), "Peter Müller");
    decant_article_free(a);
}

TEST(meta_byline_redazione_kept)
{
    decant_article *a = run(
        "<html lang=it><body><article><h1>Notizia</h1><div class=\"autore\">La Redazione de "
        "l'AntiDiplomatico</div>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "La Redazione de l'AntiDiplomatico");
    decant_article_free(a);
}

TEST(meta_byline_job_title_ends_names)
{
    /* "Head of Marketing" describes the name before it; so does all that
     * follows it ("Community Development") */
    decant_article *a = run(
        "<html><body><article><h1>Headline</h1><p class=\"byline\">By Danielle Padula, Head of "
        "Marketing, Community Development</p>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Danielle Padula");
    decant_article_free(a);
    a = run("<html><body><article><h1>Headline</h1><p class=\"byline\">By Julie Weisenhorn and "
            "Natalie Hoidal, Extension horticulture educators</p>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 2);
    CHECK_STR(decant_article_author(a, 0), "Julie Weisenhorn");
    CHECK_STR(decant_article_author(a, 1), "Natalie Hoidal");
    decant_article_free(a);
}

TEST(meta_byline_run_on_title_cut)
{
    /* an author box's name and title with no separator between them */
    decant_article *a = run(
        "<html><body><article><h1>Headline</h1><div class=\"author\">Will Judd Former Deputy Tech "
        "Editor</div>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Will Judd");
    decant_article_free(a);
    /* a one-word title is left alone: "Luxury Travel Expert" is a brand */
    a = run("<html><body><article><h1>Headline</h1><div class=\"author\">Luxury Travel Expert"
            "</div>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Luxury Travel Expert");
    decant_article_free(a);
}

TEST(meta_byline_credentials_stay_with_name)
{
    /* "MS" and "RD" are the name's post-nominals, not two more authors */
    decant_article *a = run(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":"
        "\"H\",\"author\":{\"@type\":\"Person\",\"name\":\"Jillian Kubala, MS, RD\"}}</script>"
        "</head><body><article><h1>H</h1>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Jillian Kubala, MS, RD");
    decant_article_free(a);
    /* "Ma" is a surname too: only in capitals is it a degree */
    a = run("<html><body><article><h1>Headline</h1><p class=\"byline\">By Li Wang, Ma and Chen</p>" BODY
            "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 3);
    CHECK_STR(decant_article_author(a, 1), "Ma");
    decant_article_free(a);
    /* a credential alone is nobody's name */
    a = run("<html><body><article><h1>Headline</h1><span class=\"author\">PhD</span>" BODY
            "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 0);
    decant_article_free(a);
}

TEST(meta_forum_user_name_declared)
{
    /* a user name with digits is the author where the page declares it */
    decant_article *a = run(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"DiscussionForumPosting\","
        "\"headline\":\"H\",\"author\":{\"@type\":\"Person\",\"name\":\"Alphabyte1\"}}</script>"
        "</head><body><article><h1>H</h1>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Alphabyte1");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_AUTHORS), "json-ld");
    decant_article_free(a);
    /* in a byline read off the page such a word is a code, not a name */
    a = run("<html><body><article><h1>Headline</h1><span class=\"author\">By Model X200</span>" BODY
            "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 0);
    decant_article_free(a);
}

TEST(meta_forum_thread_starter)
{
    /* the header names the thread's author; the first post shown is a
     * moderator's, with microdata of its own */
    decant_article *a = run(
        "<html><body><h1>Which card to buy?</h1><ul><li><span>Thread starter</span> "
        "<a class=\"username\" href=\"/members/ridwan123.1/\">ridwan123</a></li></ul>"
        "<article itemscope itemtype=\"https://schema.org/Comment\"><section itemprop=\"author\" "
        "itemscope itemtype=\"https://schema.org/Person\"><span itemprop=\"name\">Lutfij</span>"
        "</section>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "ridwan123");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_AUTHORS), "byline");
    decant_article_free(a);
    a = run("<html><body><h1>Cell biology question</h1><p>Started by Biology Forums, June 04, 2024, "
            "11:23:55 AM</p><article>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Biology Forums");
    decant_article_free(a);
}

TEST(meta_byline_accented_name)
{
    /* a name may start with any letter past ASCII */
    decant_article *a = run("<html><body><article><h1>Headline</h1><span class=\"author\">\xC3\x89mile "
                            "Zola</span>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "\xC3\x89mile Zola");
    decant_article_free(a);
}

TEST(meta_byline_rejects_non_names)
{
    decant_article *a = run(
        "<html><body><article><h1>Headline</h1><a class=\"author-email\">Email the author</a>"
        "<span class=\"author\">@newsdesk</span><span class=\"author\">admin</span>"
        "<span class=\"author\">Staff Writer</span><span class=\"author\">Topic Author</span>"
        "<span class=\"author\">Thread Starter</span><span class=\"author\">billed annually</span>"
        "<span class=\"author\">\xC2\xA7" "Authoring applications</span><span class=\"author\">Services "
        "\xC2\xBB Consulting</span><span class=\"author\">Yes</span><span class=\"author\">Visit the "
        "Apple Store</span><span class=\"author\">Sat</span><span class=\"author\">a founder of "
        "Intellectual Ventures</span>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 0);
    CHECK_STR(decant_article_source(a, DECANT_FIELD_AUTHORS), NULL);
    decant_article_free(a);
}

TEST(meta_person_byline_beats_org_author)
{
    decant_article *a = run(
        "<html><head><meta property=\"og:site_name\" content=\"Gazette\">"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\","
        "\"author\":{\"@type\":\"Organization\",\"name\":\"Gazette\"}}</script></head><body><article>"
        "<h1>H</h1><span class=\"byline\">By Rita Ora</span>" BODY "</article></body></html>", NULL);
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Rita Ora");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_AUTHORS), "byline");
    decant_article_free(a);
}

TEST(meta_title_suffix_stripped)
{
    decant_article *a = run("<html><head><title>Budget passes after debate | The Gazette</title>"
                            "</head><body>" BODY "</body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Budget passes after debate");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_TITLE), "title-element");
    decant_article_free(a);
    a = run("<html><head><title>Storm hits the coast tonight - Gazette</title><meta property="
            "\"og:site_name\" content=\"Gazette\"></head><body>" BODY "</body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Storm hits the coast tonight");
    decant_article_free(a);
}

TEST(meta_title_h1)
{
    decant_article *a = run("<html><head><title>Storm hits the coast - Gazette</title></head><body>"
                            "<article><h1>Storm hits the coast</h1>" BODY "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Storm hits the coast");
    decant_article_free(a);
}

TEST(meta_title_h1_hidden_text)
{
    /* text the page hides inline is not shown, in the headline as in the body */
    decant_article *a = run("<html><head><title>Storm hits the coast - Gazette</title></head><body>"
                            "<article><h1>Storm hits the coast<span style=\"display: none;\">. </span>"
                            "<span hidden>Read more</span></h1>" BODY "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Storm hits the coast");
    decant_article_free(a);
    /* a headline whose words are all shown keeps them */
    a = run("<html><head><title>Storm hits the coast - Gazette</title></head><body><article>"
            "<h1>Storm hits the coast<span style=\"color: red\"> tonight</span></h1>" BODY "</article></body></html>",
            NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Storm hits the coast tonight");
    decant_article_free(a);
}

TEST(meta_title_h1_site_suffix_cut)
{
    /* the template appends the site's name to the h1 as to <title> */
    decant_article *a = run("<html><head><title>Storm hits the coast \xE2\x80\x93 Gazette - Gazette</title>"
                            "<meta property=\"og:site_name\" content=\"Gazette\"></head><body><article>"
                            "<h1>Storm hits the coast \xE2\x80\x93 Gazette</h1>" BODY "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Storm hits the coast");
    decant_article_free(a);
    /* a headline that merely ends with the name keeps it */
    a = run("<html><head><meta property=\"og:site_name\" content=\"Gazette\"></head><body><article>"
            "<h1>Ten years of the Gazette</h1>" BODY "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Ten years of the Gazette");
    decant_article_free(a);
}

TEST(meta_title_h1_is_forum_logo)
{
    /* the h1 is the site's name without its kind: "Arch Linux" of "Arch Linux Forums" */
    decant_article *a = run("<html><head><title>What happened with Arch Linux ISO in 2024 - Arch Linux "
                            "Forums</title></head><body><h1>Arch Linux</h1><article>" BODY
                            "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "What happened with Arch Linux ISO in 2024");
    decant_article_free(a);
}

TEST(meta_title_cut_short_restored)
{
    /* JSON-LD's headline cut at 110 characters; og:title goes on */
    decant_article *a = run(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":"
        "\"Fix It Friday: Struggling With How To Arrange Your Living Room? We Help 4 Readers Find "
        "Solutions (Including\"}</script><meta property=\"og:title\" content=\"Fix It Friday: Struggling "
        "With How To Arrange Your Living Room? We Help 4 Readers Find Solutions (Including One Trick)\">"
        "</head><body><article>" BODY "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Fix It Friday: Struggling With How To Arrange Your "
              "Living Room? We Help 4 Readers Find Solutions (Including One Trick)");
    decant_article_free(a);
    /* continued after a separator: a section's name, not the rest */
    a = run("<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":"
            "\"Best Practices for Setting Up Automations and Scripts in Home Assistant\"}</script>"
            "<title>Best Practices for Setting Up Automations and Scripts in Home Assistant - Configuration "
            "- Home Assistant Community</title><meta property=\"og:site_name\" content=\"Home Assistant "
            "Community\"></head><body><article>" BODY "</article></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE),
              "Best Practices for Setting Up Automations and Scripts in Home Assistant");
    decant_article_free(a);
}

TEST(meta_canonical_made_absolute)
{
    decant_article *a = run("<html><head><link rel=\"canonical\" href=\"/news/2024/06/19/story\">"
                            "</head><body>" BODY "</body></html>", "https://example.com/amp/story?x=1");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_URL), "https://example.com/news/2024/06/19/story");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_URL), "link-canonical");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), "2024-06-19");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_DATE_PUBLISHED), "url");
    decant_article_free(a);
}

TEST(meta_language_locale_fallback)
{
    /* Too little text to detect a language from: the declared one stays. */
    decant_article *a = run("<html><head><meta property=\"og:locale\" content=\"it_IT\"></head>"
                            "<body><p>Il consiglio ha votato.</p></body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_LANGUAGE), "it"); /* it_IT, without region */
    CHECK_STR(decant_article_source(a, DECANT_FIELD_LANGUAGE), "opengraph");
    decant_article_free(a);
}

TEST(meta_nothing_known)
{
    decant_article *a = run("<html><body>" BODY "</body></html>", NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_DATE_PUBLISHED), NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_URL), NULL);
    CHECK_STR(decant_article_source(a, DECANT_FIELD_URL), NULL);
    CHECK(decant_article_author_count(a) == 0);
    decant_article_free(a);
}

/* Whitespace collapses to one space however the page writes it: raw (a form
 * feed too), as NBSP, or as a character reference, in titles and in names
 * alike. */
TEST(meta_whitespace_written_any_way)
{
    const char *html =
        "<html><head><meta property=\"og:title\" content=\"Bridge\freopens &#9;to&#10;lorries\">"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"author\":{\"@type\":\"Person\",\"name\":\"Jane&#9;Roe\"}}</script>"
        "</head><body><article>" BODY "</article></body></html>";
    decant_article *a = page_article(html, NULL);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_TITLE), "Bridge reopens to lorries");
    CHECK(decant_article_author_count(a) == 1);
    CHECK_STR(decant_article_author(a, 0), "Jane Roe");
    decant_article_free(a);
}
