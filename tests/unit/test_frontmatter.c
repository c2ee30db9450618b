/*
 * Unit tests for decant_article_front_matter: which fields, in which form.
 * tests/cli.sh parses the CLI's front matter with a YAML reader for titles
 * holding every awkward character; here, the exact bytes.
 */
#include <stdlib.h>

#include "decant.h"
#include "page.h"
#include "test.h"

static const char *front(const decant_article *a, const decant_record_info *info, decant_body_format fmt,
                         decant_buffer *b)
{
    decant_buffer_free(b);
    CHECK(decant_article_front_matter(a, info, fmt, b) == DECANT_OK);
    return b->data ? b->data : "";
}

TEST(front_matter_yaml_fields_in_order)
{
    decant_article *a = page_article(
        "<html lang=en><head><title>x</title>"
        "<meta property=og:title content='Storm \"Ciar\xc3\xa1n\" \\ hits: the coast'>"
        "<meta property=og:site_name content='The Daily'>"
        "<meta name=author content='Jane Roe'>"
        "<meta property=article:published_time content='2024-06-19T17:05:00+02:00'></head>"
        "<body><article>" BODY "</article></body></html>",
        "https://example.org/a");
    decant_buffer b = {0};
    CHECK_STR(front(a, NULL, DECANT_BODY_MARKDOWN, &b),
              "---\n"
              "title: \"Storm \\\"Ciar\xc3\xa1n\\\" \\\\ hits: the coast\"\n"
              "authors:\n  - \"Jane Roe\"\n"
              "date_published: \"2024-06-19T17:05:00+02:00\"\n"
              "url: \"https://example.org/a\"\n"
              "site_name: \"The Daily\"\n"
              "language: \"en\"\n"
              "page_type: \"article\"\n"
              "---\n\n");
    CHECK_STR(front(a, NULL, DECANT_BODY_TEXT, &b),
              "Title: Storm \"Ciar\xc3\xa1n\" \\ hits: the coast\n"
              "Authors: Jane Roe\n"
              "Date published: 2024-06-19T17:05:00+02:00\n"
              "URL: https://example.org/a\n"
              "Site name: The Daily\n"
              "Language: en\n"
              "Page type: article\n\n");
    /* Appends: what the buffer held stays. */
    decant_buffer_free(&b);
    CHECK(decant_article_front_matter(a, NULL, DECANT_BODY_TEXT, &b) == DECANT_OK);
    size_t once = b.len;
    CHECK(decant_article_front_matter(a, NULL, DECANT_BODY_TEXT, &b) == DECANT_OK);
    CHECK(b.len == 2 * once);
    CHECK(decant_article_front_matter(a, NULL, DECANT_BODY_HTML, &b) == DECANT_ERR_INVALID);
    CHECK(b.len == 2 * once);
    decant_buffer_free(&b);
    decant_article_free(a);
}

TEST(front_matter_escapes_what_yaml_cannot_hold_raw)
{
    decant_article *a = page_article(
        "<html><head><meta property=og:title content='a&#9;b&#x85;c&#x2028;d&#xFEFF;e&#x7F;f'>"
        "</head><body><article>" BODY "</article></body></html>",
        NULL);
    decant_buffer b = {0};
    const char *title = decant_article_get(a, DECANT_FIELD_TITLE);
    CHECK(title != NULL);
    const char *y = front(a, NULL, DECANT_BODY_MARKDOWN, &b);
    /* Whatever the extractor kept of the controls, none reaches the YAML raw. */
    for (const unsigned char *p = (const unsigned char *)y; *p; p++)
        CHECK(*p == '\n' || (*p >= 0x20 && *p != 0x7F));
    CHECK_NOT_HAS(y, "\xc2\x85");
    CHECK_NOT_HAS(y, "\xe2\x80\xa8");
    CHECK_NOT_HAS(y, "\xef\xbb\xbf");
    const char *t = front(a, NULL, DECANT_BODY_TEXT, &b);
    CHECK_HAS(t, "Title: a");
    CHECK_NOT_HAS(t, "\t");
    CHECK_NOT_HAS(t, "\xe2\x80\xa8");
    decant_buffer_free(&b);
    decant_article_free(a);
}

TEST(front_matter_without_article)
{
    decant_buffer b = {0};
    decant_record_info info = {"id", "src", "https://example.org/u", NULL};
    CHECK_STR(front(NULL, &info, DECANT_BODY_MARKDOWN, &b), "---\nurl: \"https://example.org/u\"\n---\n\n");
    decant_warc_info w = {.target_uri = "https://example.org/w"};
    info.warc = &w;
    CHECK_STR(front(NULL, &info, DECANT_BODY_TEXT, &b), "URL: https://example.org/w\n\n");
    /* Nothing known: nothing at all, not an empty header. */
    CHECK_STR(front(NULL, NULL, DECANT_BODY_MARKDOWN, &b), "");
    CHECK(decant_article_front_matter(NULL, NULL, DECANT_BODY_MARKDOWN, NULL) == DECANT_ERR_INVALID);
    decant_buffer_free(&b);
}
