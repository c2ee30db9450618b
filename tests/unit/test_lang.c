/* test_lang.c — language detection: the CLD2 shim and the article's language. */
#include <stdlib.h>

#include "decant.h"
#include "lang.h"
#include "test.h"

static const char italian[] =
    "Il consiglio comunale si è riunito martedì per discutere il nuovo bilancio per il prossimo anno, "
    "e il dibattito è durato fino a tarda sera mentre i consiglieri discutevano di scuole, strade e "
    "parchi. Alla fine la proposta è stata approvata con un margine ristretto.";

static const char english[] =
    "The council met on Tuesday to discuss the new budget for the coming year, and the debate "
    "lasted well into the evening as members argued over schools, roads and parks. In the end the "
    "proposal passed by a narrow margin.";

TEST(lang_detect_reliable)
{
    char out[16];
    CHECK(dc_lang_detect(italian, strlen(italian), out) == 1);
    CHECK_STR(out, "it");
    CHECK(dc_lang_detect(english, strlen(english), out) == 1);
    CHECK_STR(out, "en");
}

TEST(lang_detect_bcp47_codes)
{
    /* CLD2 says "iw"; BCP 47 says "he". */
    static const char hebrew[] =
        "מועצת העיר התכנסה ביום שלישי כדי לדון בתקציב החדש לשנה הבאה, והדיון נמשך עד שעות הערב "
        "המאוחרות כאשר חברי המועצה התווכחו על בתי ספר, כבישים ופארקים.";
    char out[16];
    CHECK(dc_lang_detect(hebrew, strlen(hebrew), out) == 1);
    CHECK_STR(out, "he");
}

TEST(lang_detect_unsure_or_empty)
{
    char out[16] = "x";
    CHECK(dc_lang_detect("", 0, out) == 0);
    CHECK_STR(out, "");
    CHECK(dc_lang_detect(NULL, 10, out) == 0);
    CHECK(dc_lang_detect("12345 67890 !!!", 15, out) == 0);
}

TEST(lang_detect_long_text_cut_at_a_character)
{
    /* 3-byte characters across the 4 KB cut must not reach CLD2 halved. */
    size_t n = DC_LANG_MAX_BYTES * 2;
    char *s = malloc(n + 1);
    CHECK(s != NULL);
    if (!s)
        return;
    const char *unit = "Мэрия города обсудила новый бюджет на следующий год. ";
    size_t un = strlen(unit), o = 1;
    s[0] = ' '; /* shifts the units so that the cut falls inside a character */
    while (o + un <= n) {
        memcpy(s + o, unit, un);
        o += un;
    }
    s[o] = '\0';
    char out[16];
    CHECK(dc_lang_detect(s, o, out) == 1);
    CHECK_STR(out, "ru");
    free(s);
}

static decant_article *run(const char *html)
{
    decant_input in = {html, strlen(html), NULL, NULL};
    decant_article *a = NULL;
    decant_status st = decant_extract_once(NULL, &in, &a, NULL);
    CHECK(st == DECANT_OK || st == DECANT_ERR_NO_CONTENT);
    CHECK(a != NULL);
    return a;
}

static char page[4096];

static const char *page_of(const char *lang_attr, const char *text)
{
    snprintf(page, sizeof page, "<html%s><body><article><h1>Titolo</h1><p>%s</p><p>%s</p></article>"
             "</body></html>", lang_attr, text, text);
    return page;
}

TEST(lang_detected_beats_template_lang)
{
    decant_article *a = run(page_of(" lang=\"en\"", italian));
    CHECK_STR(decant_article_get(a, DECANT_FIELD_LANGUAGE), "it");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_LANGUAGE), "detected");
    decant_article_free(a);
}

TEST(lang_detected_keeps_declared_region)
{
    decant_article *a = run(page_of(" lang=\"en-US\"", english));
    CHECK_STR(decant_article_get(a, DECANT_FIELD_LANGUAGE), "en-US");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_LANGUAGE), "detected");
    decant_article_free(a);
    a = run(page_of("", italian));
    CHECK_STR(decant_article_get(a, DECANT_FIELD_LANGUAGE), "it");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_LANGUAGE), "detected");
    decant_article_free(a);
}

TEST(lang_short_text_keeps_declared)
{
    decant_article *a = run("<html lang=\"pt-BR\"><body><p>Olá mundo.</p></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_LANGUAGE), "pt-BR");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_LANGUAGE), "html-lang");
    decant_article_free(a);
    a = run("<html><body><p>Olá mundo.</p></body></html>");
    CHECK_STR(decant_article_get(a, DECANT_FIELD_LANGUAGE), NULL);
    CHECK_STR(decant_article_source(a, DECANT_FIELD_LANGUAGE), NULL);
    decant_article_free(a);
}
