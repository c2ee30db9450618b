/*
 * test_regress.c — inputs the fuzzers found, kept as tests so that the
 * ASan+UBSan pass of the unit tests catches a regression at once.  Each also
 * sits in fuzz/corpus/ as a seed.
 */
#include <stdlib.h>

#include "decant.h"
#include "prune.h"
#include "test.h"

static void extract_ok(const char *html, const char *want)
{
    decant_options o;
    decant_options_init(&o);
    o.want_markdown = 1;
    o.want_html = 1;
    decant_input in = {html, strlen(html), NULL, NULL};
    decant_article *a = NULL;
    decant_status st = decant_extract_once(&o, &in, &a, NULL);
    CHECK(st == DECANT_OK || st == DECANT_ERR_NO_CONTENT);
    if (want)
        CHECK_HAS(decant_article_body(a, DECANT_BODY_TEXT, NULL), want);
    decant_article_free(a);
}

/* A table row inside a list inside another row ended the outer row early,
 * and the list's frames were popped twice (render.c: stack[-2]). */
TEST(regress_nested_table_rows)
{
    extract_ok("<html><body><article><table><tr><td><ul><li><table><tr><td>x</td></tr></table>"
               "y</li></ul></td></tr></table><h2>Heading</h2><p>After the table comes a "
               "paragraph.</p></article></body></html>",
               "After the table");
}

/* An attribute with an empty name and an unquoted value running to the end
 * of the input made dc_prune copy one byte past it. */
TEST(regress_prune_empty_attribute_name_at_end)
{
    static const char page[] = "<ng\x02<form<t 19 42sFi-<tdolputf-r<f =hea\"16e";
    size_t n = sizeof page - 1;
    char *in = malloc(n), *out = malloc(n + 1); /* exact sizes, for ASan */
    CHECK(in && out);
    if (in && out) {
        memcpy(in, page, n);
        size_t o = dc_prune(in, n, out, NULL);
        CHECK(o <= n);
        CHECK(out[o] == '\0');
    }
    free(in);
    free(out);
}
