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
    CHECK(F(a, url_id) == 0);
    decant_article_free(a);

    a = page_article(html, "https://shop.example.org/product/123456789.html?utm_source=x");
    CHECK(F(a, url_product) == 1);
    CHECK(F(a, url_shop) == 1); /* the host's first label */
    CHECK(F(a, url_id) == 1);
    CHECK(F(a, url_ext) == 1);
    CHECK(F(a, url_query) == 0); /* only a tracker */
    CHECK(F(a, url_date) == 0);
    decant_article_free(a);

    a = page_article(html, "https://forum.example.org/viewtopic.php?t=361697");
    CHECK(F(a, url_forum) == 1);
    CHECK(F(a, url_query) == 1);
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
