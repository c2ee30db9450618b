/*
 * fuzz_jsonld.c — the JSON-LD reader (dc_jsonld_scan): cJSON parsing, the
 * repair pass for broken blocks, and the walk over @graph, arrays, @id
 * references and authors.  The text is NUL-terminated, as the DOM's script
 * text always is.  Every candidate offered must point into the scratch
 * arena's copy and be NUL-terminated there.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "meta_priv.h"

static void check_val(const char *s, size_t n)
{
    if (s && (strlen(s) < n))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static dc_arena ar;
    static int ready;
    if (!ready) {
        dc_arena_init(&ar, NULL, 1 << 16);
        ready = 1;
    }
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    dc_meta *m = calloc(1, sizeof *m);
    if (!m) {
        free(text);
        return 0;
    }
    m->tmp = &ar;
    dc_jsonld_scan(m, text, size);
    for (int f = 0; f < DECANT_FIELD_COUNT; f++)
        check_val(m->field[f].s, m->field[f].n);
    for (int k = 0; k < 2; k++) {
        if (m->ndates[k] < 0 || m->ndates[k] > DC_MAX_DATES)
            abort();
        for (int i = 0; i < m->ndates[k]; i++)
            check_val(m->dates[k][i].s, m->dates[k][i].n);
    }
    if (m->authors.n < 0 || m->authors.n > DC_MAX_AUTHOR_CANDS)
        abort();
    for (int i = 0; i < m->authors.n; i++)
        check_val(m->authors.at[i].s, m->authors.at[i].n);
    free(m);
    free(text);
    dc_arena_reset(&ar);
    return 0;
}
