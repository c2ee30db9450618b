/*
 * fuzz_sitemodel.c — site model files (decant_site_model_load), which come
 * from wherever the user got them.  Any bytes must be refused cleanly or
 * loaded; a loaded model must save to bytes that load again and save to
 * the same bytes (the format is canonical), and must be usable: a small
 * site's pages are extracted with it and learned into it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decant.h"

static const char *const pages[] = {
    "<html><head><link rel=canonical href='https://news.example.org/a'>"
    "<meta property='article:published_time' content='2024-06-19T10:00:00Z'></head><body>"
    "<div class=top><a href=/>Home</a> <a href=/b>World</a></div><h1>First story</h1>"
    "<p>The council met on Tuesday to discuss the budget, and the debate went on late.</p>"
    "<p class=x>Published by Example Media, registered under number 12/2020.</p></body></html>",
    "<html><head><link rel=canonical href='https://news.example.org/b'>"
    "<meta property='article:published_time' content='2024-06-20T10:00:00Z'></head><body>"
    "<div class=top><a href=/>Home</a> <a href=/b>World</a></div><h1>Second story</h1>"
    "<p>The harbour reopened after repairs, and the first ferry left at dawn on Friday.</p>"
    "<p class=x>Published by Example Media, registered under number 12/2020.</p></body></html>",
};

/* The format's checksum (FNV-1a of every byte before it), so that mutated
 * inputs get past it half of the time and reach the tables. */
static void fix_checksum(uint8_t *d, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i + 4 < n; i++)
        h = (h ^ d[i]) * 16777619u;
    for (int k = 0; k < 4; k++)
        d[n - 4 + k] = (uint8_t)(h >> (8 * k));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    if (size >= 24 && (data[size - 5] & 1))
        fix_checksum(copy, size);
    decant_site_model *m = NULL;
    if (decant_site_model_new(NULL, &m, NULL) != DECANT_OK) {
        free(copy);
        return 0;
    }
    decant_error err;
    memset(&err, 0, sizeof err);
    decant_status st = decant_site_model_load(m, copy, size, &err);
    free(copy);
    if (st != DECANT_OK) {
        if (!err.message || decant_site_model_site_count(m) != 0)
            abort(); /* a refusal says why and leaves the model empty */
        decant_site_model_free(m);
        return 0;
    }
    decant_buffer a = {0}, b = {0};
    if (decant_site_model_save(m, &a) != DECANT_OK)
        abort();
    decant_site_model *m2 = NULL;
    if (decant_site_model_new(NULL, &m2, NULL) != DECANT_OK ||
        decant_site_model_load(m2, a.data, a.len, NULL) != DECANT_OK ||
        decant_site_model_save(m2, &b) != DECANT_OK || a.len != b.len ||
        memcmp(a.data, b.data, a.len) != 0)
        abort();
    decant_extractor *ex = NULL;
    if (decant_extractor_new(NULL, &ex, NULL) == DECANT_OK) {
        for (int round = 0; round < 2; round++) {
            for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
                decant_input in = {pages[i], strlen(pages[i]), NULL, NULL};
                decant_article *art = NULL;
                decant_extract_site(ex, m, &in, &art, NULL);
                if (art) {
                    decant_site_model_would_change(m, art);
                    decant_site_model_learn(m, art);
                }
                decant_article_free(art);
            }
        }
        decant_extractor_free(ex);
    }
    decant_buffer_free(&a);
    decant_buffer_free(&b);
    decant_site_model_free(m2);
    decant_site_model_free(m);
    return 0;
}
