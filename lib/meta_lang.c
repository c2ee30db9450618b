/*
 * meta_lang.c — the article's language: the body's, when it can be told.
 *
 * Runs after the body is rendered (the declared lang comes from meta.c).
 * Templates copy lang="en" onto pages in every language, so the detected
 * language replaces the declared one; the declared tag only contributes its
 * region or script ("pt-BR") when it names the same language.
 */
#include <string.h>

#include "lang.h"

/* Length of the base language subtag: "en" in "en-US". */
static size_t base_len(const char *tag)
{
    size_t n = 0;
    while (tag[n] && tag[n] != '-' && tag[n] != '_')
        n++;
    return n;
}

decant_status dc_meta_language(decant_article *a, const char *text, size_t len)
{
    char code[16];
    if (!a || len < DC_LANG_MIN_BYTES || !dc_lang_detect(text, len, code))
        return DECANT_OK;
    const char *declared = a->field[DECANT_FIELD_LANGUAGE];
    size_t bn = base_len(code);
    if (declared && base_len(declared) == bn && !strncmp(declared, code, bn)) {
        a->source[DECANT_FIELD_LANGUAGE] = "detected";
        return DECANT_OK;
    }
    char *c = dc_arena_strndup(&a->arena, code, strlen(code));
    if (!c)
        return DECANT_ERR_NOMEM;
    a->field[DECANT_FIELD_LANGUAGE] = c;
    a->source[DECANT_FIELD_LANGUAGE] = "detected";
    return DECANT_OK;
}
