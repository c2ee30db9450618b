/* test_pagetype.c — the page-type features, the model file and the verdict. */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "page.h"
#include "pagetype.h"

#define F(a, name) ((a)->pt_feat[DC_PT_F_##name])

/* The generated model was trained on these features, in this order. */
TEST(pagetype_model_matches_features)
{
    const dc_pt_model *m = &dc_pt_model_default;
    CHECK(m->nfeat == DC_PT_NFEAT);
    for (unsigned k = 0; k < DC_PT_NFEAT; k++)
        CHECK_STR(m->names[k], dc_pt_feature_names[k]);
    int seen[DECANT_PAGE_TYPE_COUNT] = {0};
    for (int c = 0; c < DC_PT_NCLASS; c++) {
        CHECK(m->classes[c] > DECANT_PAGE_OTHER && m->classes[c] < DECANT_PAGE_TYPE_COUNT);
        seen[m->classes[c]]++;
        CHECK(seen[m->classes[c]] == 1);
    }
    for (unsigned k = 0; k < DC_PT_NFEAT; k++)
        CHECK(m->scale[k] > 0);
    CHECK(m->article_min > 0 && m->article_min < 1);
}

TEST(pagetype_names)
{
    CHECK_STR(decant_page_type_name(DECANT_PAGE_ARTICLE), "article");
    CHECK_STR(decant_page_type_name(DECANT_PAGE_DOCUMENTATION), "documentation");
    CHECK_STR(decant_page_type_name(DECANT_PAGE_OTHER), "other");
    CHECK(decant_page_type_name(DECANT_PAGE_TYPE_COUNT) == NULL);
    CHECK(decant_article_page_type(NULL) == DECANT_PAGE_OTHER);
    CHECK(decant_article_is_article(NULL) == 0);
}

TEST(pagetype_url_shape)
{
    const char *html = "<html><body><h1>A headline of several words</h1>" BODY "</body></html>";
    decant_article *a = page_article(html, "https://example.org/2024/06/19/council-passes-the-budget/");
    CHECK(F(a, url_known) == 1);
    CHECK(F(a, url_date) == 1);
    CHECK(F(a, url_slash) == 1);
    CHECK(F(a, url_slug_words) > 1.5f); /* four words: log(5) */
    CHECK(F(a, url_root) == 0);
    decant_article_free(a);

    a = page_article(html, "https://shop.example.org/product/123456789.html?utm_source=x");
    CHECK(F(a, url_product) == 1);
    CHECK(F(a, url_shop) == 1); /* the host's first label */
    CHECK(F(a, url_date) == 0);
    decant_article_free(a);

    a = page_article(html, "https://forum.example.org/viewtopic.php?t=361697");
    CHECK(F(a, url_forum) == 1);
    decant_article_free(a);

    a = page_article(html, "https://example.org/");
    CHECK(F(a, url_root) == 1);
    decant_article_free(a);

    /* No URL: nothing is read into the URL's features. */
    a = page_article(html, NULL);
    CHECK(F(a, url_known) == 0);
    CHECK(F(a, url_depth) == 0);
    decant_article_free(a);
}

TEST(pagetype_declared_types)
{
    const char *html =
        "<html><head><meta property=\"og:type\" content=\"product\">"
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":"
        "[{\"@type\": [\"WebPage\", \"FAQPage\"]},{\"@type\":\"Product\",\"name\":\"x\"}]}</script>"
        "</head><body><div itemscope itemtype=\"https://schema.org/DiscussionForumPosting\">"
        BODY "</div></body></html>";
    decant_article *a = page_article(html, NULL);
    CHECK(F(a, og_product) == 1);
    CHECK(F(a, og_article) == 0);
    CHECK(F(a, ld_product) == 1);
    CHECK(F(a, ld_service) == 1); /* FAQPage, the second of a list */
    CHECK(F(a, ld_forum) == 1);   /* microdata */
    CHECK(F(a, ld_article) == 0);
    decant_article_free(a);
}

TEST(pagetype_prices_phones_and_cards)
{
    char html[8192];
    size_t n = (size_t)snprintf(html, sizeof html, "<html><body><h1>Shop</h1><ul>");
    for (int i = 0; i < 6; i++)
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<li class=\"product-card\"><a href=\"/p/%d\">Kettle model %d</a>"
                              "<span>$%d.99</span></li>", i, i, 10 + i);
    snprintf(html + n, sizeof html - n,
             "</ul><p>Call <span>+1 (555) 123-4567</span></p><p>Ordered 2 items for 12 EUR "
             "in a long sentence that mentions money, $5 million, but is prose.</p></body></html>");
    decant_article *a = page_article(html, NULL);
    CHECK(F(a, prices) > 1.9f && F(a, prices) < 2.0f); /* six: log(7) = 1.95 */
    CHECK(F(a, phones) > 0.6f && F(a, phones) < 0.7f); /* one: log(2) */
    CHECK(F(a, cards) > 1.6f);    /* five repeats of the first card */
    CHECK(F(a, card_run) > 1.9f); /* a run of six */
    CHECK(F(a, cls_product) > 1.9f);
    decant_article_free(a);
}

/* A news article and a product page end up on their sides of the model. */
TEST(pagetype_verdicts)
{
    const char *story =
        "<html lang=\"en\"><head><title>Council passes the budget after a long debate</title>"
        "<meta property=\"og:type\" content=\"article\">"
        "<meta property=\"article:published_time\" content=\"2024-06-19T10:00:00Z\"></head>"
        "<body><article><h1>Council passes the budget after a long debate</h1>"
        "<p class=\"byline\">By Jane Roe</p>" BODY BODY "</article></body></html>";
    decant_article *a = page_article(story, "https://news.example.org/2024/06/19/council-passes-the-budget");
    CHECK(decant_article_is_article(a));
    CHECK(decant_article_page_type(a) == DECANT_PAGE_ARTICLE);
    decant_article_free(a);

    char html[16384];
    size_t n = (size_t)snprintf(html, sizeof html,
        "<html><head><title>Electric kettle 1.7 l</title><meta property=\"og:type\" content=\"product\">"
        "<script type=\"application/ld+json\">{\"@type\":\"Product\",\"offers\":{\"@type\":\"Offer\"}}"
        "</script></head><body><div class=\"product-main\"><h1>Electric kettle 1.7 l</h1>"
        "<span class=\"price\">$39.99</span><button class=\"add-to-cart\">Add to cart</button>"
        "<div class=\"product-description\"><p>A quiet kettle with a steel body.</p></div></div><ul>");
    for (int i = 0; i < 8; i++)
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<li class=\"product-card\"><a href=\"/product/k%d\">Kettle %d</a>"
                              "<span class=\"price\">$%d.99</span></li>", i, i, 20 + i);
    snprintf(html + n, sizeof html - n, "</ul></body></html>");
    a = page_article(html, "https://shop.example.org/product/electric-kettle-17");
    CHECK(!decant_article_is_article(a));
    CHECK(decant_article_page_type(a) == DECANT_PAGE_PRODUCT);
    decant_article_free(a);
}

/* The JSON record carries both, also when there is no article. */
TEST(pagetype_in_record)
{
    decant_buffer out = {0};
    decant_error err = {.code = DECANT_ERR_BINARY, .message = "binary"};
    CHECK(decant_record_json(NULL, &err, NULL, DECANT_BODY_TEXT, &out) == DECANT_OK);
    CHECK_HAS(out.data, "\"page_type\":\"other\",\"is_article\":false");
    decant_buffer_free(&out);
}

/* Words in any script: spaced scripts by their words, Chinese and Japanese
 * at two thirds of a word per character, so that a story's length does
 * not depend on its language; sentences end at the marks of each script. */
TEST(pagetype_prose_counts_words_in_any_script)
{
    dc_pt_prose en, zh, el, th;
    const char *e = "The council met on Tuesday. It passed the budget, 3.5 million, at last!";
    dc_pt_prose_scan(e, strlen(e), &en);
    CHECK(en.units == 13);     /* "3.5" is one word and no sentence end */
    CHECK(en.sentences == 2);
    CHECK(en.tail == 0);
    /* 24 characters and two full stops, a quote closing after one */
    const char *z = "市议会周二开会讨论预算。「预算获得通过。」议员们表示满意";
    dc_pt_prose_scan(z, strlen(z), &zh);
    CHECK(zh.units > 15.9f && zh.units < 16.1f);
    CHECK(zh.sentences == 2);
    CHECK(zh.tail > 4.6f && zh.tail < 4.7f); /* 议员们表示满意 is not ended */
    const char *g = "Τι έγινε στη Βουλή; Ψηφίστηκε ο προϋπολογισμός.";
    dc_pt_prose_scan(g, strlen(g), &el);
    CHECK(el.units == 7);
    CHECK(el.sentences == 2); /* ';' asks a question in Greek */
    const char *semi = "It rained; the match went on.";
    dc_pt_prose_scan(semi, strlen(semi), &el);
    CHECK(el.sentences == 1); /* and joins clauses elsewhere */
    const char *t = "สภาผ่านงบประมาณ"; /* 15 characters of Thai */
    dc_pt_prose_scan(t, strlen(t), &th);
    CHECK(th.units > 3.7f && th.units < 3.8f);
    dc_pt_prose_scan("", 0, &en);
    CHECK(en.units == 0 && en.sentences == 0);
}

/* The same story in Chinese and in English reads as about as long, and a
 * story kept in one cell of an old table layout reads as prose. */
TEST(pagetype_body_in_words)
{
#define ZH_PAR "<p>市议会周二召开会议讨论明年的新预算，辩论一直持续到晚上。议员们就学校、道路和公园的" \
               "经费问题争论不休，最终提案以微弱多数获得通过。几名议员承诺在第一季度数据公布后重新审议" \
               "这一决定，并表示将继续关注预算的执行情况。</p>"
    decant_article *zh = page_article("<html lang=\"zh\"><body><h1>市议会通过预算</h1>" ZH_PAR
                                      "</body></html>", NULL);
    decant_article *en = page_article("<html><body><h1>Council passes budget</h1>" BODY
                                      "</body></html>", NULL);
    /* 96 characters against 58 words, the same story: within a third */
    float dz = F(zh, body_words), de = F(en, body_words);
    CHECK(dz > de - 0.35f && dz < de + 0.35f);
    CHECK(F(zh, sentences) > 1.3f);  /* three: log(4) */
    CHECK(F(zh, long_pars) > 0.6f);  /* it runs past 40 words */
    CHECK(F(zh, run_words) > 4.0f);
    /* the headlines too: 市议会通过预算 is seven characters, four words */
    float tz = F(zh, title_words), te = F(en, title_words);
    CHECK(tz > 1.7f && tz < 1.77f); /* log(1 + 14/3) */
    CHECK(te > 1.3f && te < 1.4f); /* three words: log(4) */
    decant_article_free(zh);
    decant_article_free(en);

    decant_article *old = page_article(
        "<html><body><table><tr><td><a href=\"/\">Home</a> | <a href=\"/news\">News</a></td></tr>"
        "<tr><td>The council met on Tuesday to discuss the new budget for the coming year, and the "
        "debate lasted well into the evening as members argued over schools, roads and parks. In "
        "the end the proposal passed by a narrow margin, with several members promising to revisit "
        "the decision once the first quarterly figures are published next spring.</td></tr>"
        "</table></body></html>", NULL);
    CHECK(F(old, run_words) > 3.5f); /* about fifty words in a row */
    CHECK(F(old, sentences) > 1.0f);
    CHECK(F(old, paragraphs) > 0.6f);
    decant_article_free(old);
#undef ZH_PAR
}

/* An article's body holds the page's prose; a listing's teasers are cards
 * inside the body. */
TEST(pagetype_prose_share_and_body_cards)
{
    decant_article *a = page_article(
        "<html><body><nav><a href=\"/\">Home</a></nav><article><h1>Council passes the budget</h1>"
        BODY BODY "</article><footer><p>Copyright the Example Gazette, all rights reserved.</p>"
        "</footer></body></html>", NULL);
    CHECK(F(a, prose_share) > 0.8f);
    CHECK(F(a, body_cards) == 0);
    decant_article_free(a);

    char html[8192];
    size_t n = (size_t)snprintf(html, sizeof html, "<html><body><h1>Politics</h1><div>");
    for (int i = 0; i < 6; i++)
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<div class=\"c\"><h2><a href=\"/story/%d\">Council story number %d</a>"
                              "</h2><p>The council met on Tuesday to discuss item %d of the budget "
                              "for the coming year.</p></div>", i, i, i);
    snprintf(html + n, sizeof html - n, "</div></body></html>");
    a = page_article(html, NULL);
    CHECK(F(a, body_cards) > 1.5f); /* five repeats in the body */
    CHECK(F(a, prose_share) > 0);
    decant_article_free(a);
}

/* Links inside sentences are a story's; whole lines that are one link are
 * a listing's teasers, however many link characters each has. */
TEST(pagetype_line_links)
{
#define LINKED_PAR "<p>The <a href=\"/council\">city council</a> met on Tuesday with " \
                   "<a href=\"/people/mayor-smith\">Mayor Anna Smith</a> to discuss the " \
                   "<a href=\"/budget-2025\">new budget for the coming year</a>, and the debate " \
                   "lasted well into the evening as members argued over " \
                   "<a href=\"/schools\">schools</a>, <a href=\"/roads\">roads and parks</a>.</p>"
    decant_article *story = page_article("<html><body><article><h1>Council passes budget</h1>"
                                         LINKED_PAR LINKED_PAR LINKED_PAR
                                         "</article></body></html>", NULL);
    CHECK(F(story, line_links) < 0.05f);
    decant_article_free(story);

#define TEASER(n) "<p><a href=\"/story-" #n "\">The council met again on Tuesday to " \
                  "argue over the budget for schools, roads and parks, part " #n "</a></p>"
    decant_article *list = page_article("<html><body><main><h1>Latest news</h1>"
                                        TEASER(1) TEASER(2) TEASER(3) TEASER(4) TEASER(5)
                                        TEASER(6) "</main></body></html>", NULL);
    CHECK(F(list, line_links) > 0.8f);
    decant_article_free(list);
#undef TEASER
#undef LINKED_PAR
}
