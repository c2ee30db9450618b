/* test_mojibake.c — lib/mojibake.c: each sign that a stretch reads better
 * repaired, and the text that must never change. */
#include <stdlib.h>

#include "mojibake.h"
#include "test.h"

static dc_mojibake_plan plan_of(const char *s)
{
    dc_mojibake_plan p;
    dc_mojibake_plan_text(s, strlen(s), &p);
    return p;
}

/* The stretch in s reads better repaired: exactly one, and no other. */
#define BETTER(s)                                  \
    do {                                           \
        dc_mojibake_plan p_ = plan_of(s);          \
        CHECK(p_.better == 1 && p_.kept == 0);     \
    } while (0)

/* The stretch in s is left as it is. */
#define KEPT(s)                                    \
    do {                                           \
        dc_mojibake_plan p_ = plan_of(s);          \
        CHECK(p_.better == 0 && p_.kept == 1);     \
    } while (0)

/* Repairs s (twice over, so that the page-wide minimum is met) and checks
 * that each half comes out as want. */
static void repaired(const char *s, const char *want)
{
    size_t n = strlen(s);
    char *in = malloc(2 * n + 2), *out = malloc(2 * n + 2);
    memcpy(in, s, n);
    in[n] = '\n';
    memcpy(in + n + 1, s, n);
    dc_mojibake_plan p;
    dc_mojibake_plan_text(in, 2 * n + 1, &p);
    size_t k = dc_mojibake_repair(in, 2 * n + 1, &p, out);
    out[k] = '\0';
    char *nl = strchr(out, '\n');
    if (nl)
        *nl = '\0';
    CHECK_STR(out, want);
    free(in);
    free(out);
}

/* One sign at a time: each input below shows only the one named. */
TEST(mojibake_sign_c1_control)
{
    /* "—" read as Latin-1: â, U+0080, U+0094 */
    BETTER(" \xC3\xA2\xC2\x80\xC2\x94 ");
}

TEST(mojibake_sign_capital_inside_a_word)
{
    /* "Straße" as "StraÃŸe": Ÿ is a letter, so only the capital Ã shows */
    BETTER("Stra\xC3\x83\xC5\xB8" "e");
    repaired("Stra\xC3\x83\xC5\xB8" "e", "Stra\xC3\x9F" "e");
}

TEST(mojibake_sign_symbol_after_a_letter)
{
    /* "ć" as "Ä‡", alone between spaces */
    BETTER(" \xC3\x84\xE2\x80\xA1 ");
}

TEST(mojibake_sign_symbol_after_a_lead)
{
    /* "°" as "Â°": a symbol right after Â */
    BETTER(" \xC3\x82\xC2\xB0 ");
    repaired("5\xC3\x82\xC2\xB0" "C", "5\xC2\xB0" "C");
}

TEST(mojibake_sign_symbol_wedged_in_a_word)
{
    /* "LĪT" as "LÄªT": ª between two capitals */
    BETTER("L\xC3\x84\xC2\xAAT");
}

TEST(mojibake_sign_two_symbols)
{
    /* "–" as "â€“" */
    BETTER(" \xC3\xA2\xE2\x82\xAC\xE2\x80\x9C ");
    repaired("a \xC3\xA2\xE2\x82\xAC\xE2\x80\x9C b", "a \xE2\x80\x93 b");
}

TEST(mojibake_whole_words_of_other_scripts)
{
    /* Russian, Greek and Chinese, each one stretch */
    repaired("\xC3\x90\xC2\xBF\xC3\x91\xE2\x82\xAC\xC3\x90\xC2\xB8\xC3\x90\xC2\xB2\xC3\x90\xC2\xB5"
             "\xC3\x91\xE2\x80\x9A",
             "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
    repaired("\xC3\x8E\xC2\xB1\xC3\x8E\xC2\xB8\xC3\x8E\xC2\xAE\xC3\x8E\xC2\xBD\xC3\x8E\xC2\xB1",
             "\xCE\xB1\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1");
    repaired("\xC3\xA4\xC2\xB8\xC2\xAD\xC3\xA6\xE2\x80\x93\xE2\x80\xA1", "\xE4\xB8\xAD\xE6\x96\x87");
}

/* Correct text whose bytes look double-encoded: the repair would read worse. */
TEST(mojibake_correct_text_kept)
{
    /* é NBSP » is the UTF-8 of 頻: a letter of another script in a word */
    KEPT("libert\xC3\xA9\xC2\xA0\xC2\xBB");
    /* ß “ is the UTF-8 of ߓ (NKo): a rare script, and another script */
    KEPT("Spa\xC3\x9F\xE2\x80\x9C");
    /* é NBSP – is 頖 */
    KEPT("Policist\xC3\xA9\xC2\xA0\xE2\x80\x93 podle");
    /* × NBSP is א: reads as well either way, so stays */
    KEPT("3 \xC3\x97\xC2\xA0" "4");
    /* É » is ɻ (IPA) */
    KEPT("\xC2\xAB" "CAF\xC3\x89\xC2\xBB");
}

TEST(mojibake_sign_two_scripts_in_a_word)
{
    /* One Han character glued to a Latin word reads no better than its
     * damage; two of them outweigh it. */
    KEPT("x\xC3\xA4\xC2\xB8\xC2\xAD");
    BETTER("x\xC3\xA4\xC2\xB8\xC2\xAD\xC3\xA6\xE2\x80\x93\xE2\x80\xA1");
}

TEST(mojibake_page_needs_two_stretches)
{
    const char *one = "caf\xC3\x83\xC2\xA9";
    dc_mojibake_plan p;
    CHECK(dc_mojibake_plan_text(one, strlen(one), &p) == 0);
    CHECK(p.better == 1);
    const char *two = "caf\xC3\x83\xC2\xA9 caf\xC3\x83\xC2\xA9";
    CHECK(dc_mojibake_plan_text(two, strlen(two), &p) == 2);
}

TEST(mojibake_example_beside_its_repair_kept)
{
    const char *s = "I saw \"\xC3\x83\xC2\xA4\" instead of \"\xC3\xA4\" and \"\xC3\x83\xC2\xA9\" "
                    "instead of \"\xC3\xA9\".";
    dc_mojibake_plan p;
    CHECK(dc_mojibake_plan_text(s, strlen(s), &p) == 0);
    CHECK(p.better == 0 && p.kept == 2);
    /* but the repaired form inside other damage is no example: "Â•" twice */
    const char *bullets = "<li>\xC3\x82\xE2\x80\xA2 one<li>\xC3\x82\xE2\x80\xA2 two";
    CHECK(dc_mojibake_plan_text(bullets, strlen(bullets), &p) == 2);
}

TEST(mojibake_mixed_page_repairs_only_damage)
{
    /* damage twice, then correct French whose bytes look like damage */
    repaired("don\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2t \xC2\xAB\xC2\xA0libert\xC3\xA9\xC2\xA0\xC2\xBB",
             "don\xE2\x80\x99t \xC2\xAB\xC2\xA0libert\xC3\xA9\xC2\xA0\xC2\xBB");
}
