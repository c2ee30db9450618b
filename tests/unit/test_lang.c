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

TEST(lang_detect_most_of_the_text)
{
    /* Chinese under product names and figures: CLD2 finds two thirds of it
     * Chinese and calls that unreliable; most of the text is enough. */
    char s[1024];
    snprintf(s, sizeof s, "2012 CES Las Vegas Samsung LG Sony Panasonic Sharp Toshiba Philips\n%s%s",
             "北京市政府周二宣布，将在今年年底前新建二十座公共图书馆，并延长现有图书馆的开放时间。"
             "市民可以在晚上十点前借书和还书，周末也不再闭馆。",
             "\nSamsung Smart TV ES8000 LED 3D 55 inch 240Hz\nSamsung Smart TV ES8000 LED 3D 55 inch "
             "240Hz\nSamsung Smart TV ES8000 LED 3D 55 inch 240Hz");
    char out[16];
    CHECK(dc_lang_detect(s, strlen(s), out) == 1);
    CHECK_STR(out, "zh-Hans");
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

TEST(lang_detected_drops_declared_region)
{
    /* "en" whether the page said en, en-US or en_GB: a corpus is filtered
     * by language without a lookup table */
    decant_article *a = run(page_of(" lang=\"en-US\"", english));
    CHECK_STR(decant_article_get(a, DECANT_FIELD_LANGUAGE), "en");
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

TEST(lang_report_tags)
{
    static const char *const cases[][2] = {
        {"en", "en"},           {"EN_us", "en"},        {"en-GB", "en"},
        {"de-CH", "de"},        {"fr_FR", "fr"},        {"es-419", "es"},
        {"pt-br", "pt-BR"},     {"pt_PT", "pt-PT"},     {"pt-AO", "pt"},
        {"zh", "zh"},           {"zh-CN", "zh-Hans"},   {"zh-SG", "zh-Hans"},
        {"zh-TW", "zh-Hant"},   {"zh-hk", "zh-Hant"},   {"zh-Hans-CN", "zh-Hans"},
        {"zh-Hant-TW", "zh-Hant"}, {"sr-Latn-RS", "sr-Latn"}, {"sr-cyrl", "sr-Cyrl"},
        {"sr-RS", "sr"},        {"en-Latn-US", "en"},   {"iw", "he"},
        {"in-ID", "id"},        {"ja-JP", "ja"},        {"x-default", ""},
        {"english", ""},        {"e", ""},              {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[16];
        size_t n = dc_lang_report(cases[i][0], strlen(cases[i][0]), out);
        CHECK_STR(out, cases[i][1]);
        CHECK(n == strlen(cases[i][1]));
    }
}

static const char serbian_cyrl[] =
    "Градско веће се у уторак састало да размотри нови буџет за наредну годину, а расправа је "
    "трајала до касно увече док су одборници расправљали о школама, путевима и парковима. На "
    "крају је предлог усвојен малом већином гласова.";
static const char serbian_latn[] =
    "Gradsko veće se u utorak sastalo da razmotri novi budžet za narednu godinu, a rasprava je "
    "trajala do kasno uveče dok su odbornici raspravljali o školama, putevima i parkovima. Na "
    "kraju je predlog usvojen malom većinom glasova.";
static const char chinese_hans[] =
    "北京市政府周二宣布，将在今年年底前新建二十座公共图书馆，并延长现有图书馆的开放时间。"
    "市民可以在晚上十点前借书和还书，周末也不再闭馆。负责这项计划的官员表示，新图书馆将优先"
    "建在人口密集、文化设施较少的街道，每座图书馆都会设有儿童阅读区和自习室。";
static const char chinese_hant[] =
    "台北市政府週二宣佈，將在今年年底前新建二十座公共圖書館，並延長現有圖書館的開放時間。"
    "市民可以在晚上十點前借書和還書，週末也不再閉館。負責這項計畫的官員表示，新圖書館將優先"
    "建在人口密集、文化設施較少的街道，每座圖書館都會設有兒童閱讀區和自習室。";
static const char portuguese[] =
    "A biblioteca comunitária da praça central voltou a receber leitores nesta segunda-feira, "
    "depois de oito meses fechada para reforma. A principal novidade é uma sala de estudos que "
    "fica aberta até as 23 horas, pensada para estudantes que trabalham durante o dia.";

/* A script only where a language is written in two; a region only for
 * Portuguese, and only as the page states it. */
TEST(lang_detected_script_and_region)
{
    static const struct {
        const char *attr, *text, *want;
    } cases[] = {
        {"", serbian_cyrl, "sr-Cyrl"},
        {" lang=\"sr-Cyrl\"", serbian_latn, "sr-Latn"}, /* the letters, not the label */
        {"", chinese_hans, "zh-Hans"},
        {" lang=\"zh-CN\"", chinese_hant, "zh-Hant"},
        {" lang=\"zh-TW\"", chinese_hant, "zh-Hant"},
        {" lang=\"pt-BR\"", portuguese, "pt-BR"},
        {" lang=\"pt_PT\"", portuguese, "pt-PT"},
        {"", portuguese, "pt"},
        {" lang=\"en-US\"", portuguese, "pt"},
        {" lang=\"it-IT\"", italian, "it"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        decant_article *a = run(page_of(cases[i].attr, cases[i].text));
        CHECK_STR(decant_article_get(a, DECANT_FIELD_LANGUAGE), cases[i].want);
        CHECK_STR(decant_article_source(a, DECANT_FIELD_LANGUAGE), "detected");
        decant_article_free(a);
    }
}

/* A long body whose first kilobyte is a table of names and figures: the
 * detector reads its prose lines instead, and says Spanish. */
TEST(lang_detected_from_prose_past_a_table)
{
    static char html[16384];
    size_t o = (size_t)snprintf(html, sizeof html, "<html><body><article><h1>Clasificación</h1>"
                                "<p>viernes, 22 de octubre de 2010 a las 20:13</p><table>");
    static const char *const names[] = {"Kyle Larson", "Denny Hamlin", "Chase Elliott", "William Byron",
                                        "Martin Truex Jr.", "Tyler Reddick", "Ryan Blaney", "Christopher Bell",
                                        "Joey Logano", "Ross Chastain", "Brad Keselowski", "Kyle Busch",
                                        "Chris Buescher", "Bubba Wallace", "Ty Gibbs", "Alex Bowman",
                                        "Austin Cindric", "Daniel Suárez", "Michael McDowell", "Erik Jones"};
    for (int i = 0; i < 40; i++)
        o += (size_t)snprintf(html + o, sizeof html - o, "<tr><td>%d.</td><td>%s</td><td>%d</td></tr>",
                              i + 1, names[i % 20], 5040 - i * 37);
    snprintf(html + o, sizeof html - o,
             "</table><p>El ayuntamiento aprobó el martes un plan para renovar el mercado central, que "
             "lleva más de diez años esperando una reforma completa.</p><p>Los comerciantes, que llevan "
             "meses reclamando mejoras en la cubierta y en las instalaciones eléctricas, recibieron la "
             "noticia con alivio, aunque algunos temen perder clientes durante las obras.</p><p>Durante "
             "la reforma, los puestos se trasladarán a una carpa provisional en la plaza de enfrente.</p>"
             "</article></body></html>");
    decant_article *a = run(html);
    CHECK_STR(decant_article_get(a, DECANT_FIELD_LANGUAGE), "es");
    CHECK_STR(decant_article_source(a, DECANT_FIELD_LANGUAGE), "detected");
    decant_article_free(a);
}
