/*
 * lang.h — the language of a text, from its letters (CLD2, behind a C shim).
 *
 * Pages declare a lang attribute that templates copy from site to site, so
 * the body's own language is the one reported when the detector is sure.
 */
#ifndef DC_LANG_H
#define DC_LANG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Detects the language of UTF-8 plain text s[0..len).  Only the first
 * DC_LANG_MAX_BYTES are looked at, cut at a character boundary: CLD2 costs
 * about 250 instructions a byte, and a kilobyte of prose is enough for a
 * reliable answer in the languages it knows.  Writes the language's BCP 47
 * primary subtag ("en", "it", "he"), for Chinese with its script
 * ("zh-Hans", "zh-Hant"), to out and returns 1 when CLD2 calls its answer
 * reliable or its top language covers most of the text; returns 0
 * (out = "") otherwise.
 */
#define DC_LANG_MAX_BYTES 1024
int dc_lang_detect(const char *utf8, size_t len, char out[16]);

/* Shorter bodies are too little for a reliable guess: the declared lang stays. */
#define DC_LANG_MIN_BYTES 200

/*
 * The tag decant reports for a language (see decant.h, "language"): the
 * primary subtag in lower case; a script only for a language written in two
 * ("zh-Hans"/"zh-Hant", "sr-Cyrl"/"sr-Latn"); a region only for Portuguese
 * ("pt-BR", "pt-PT"), whose two spellings differ.  `tag` is any BCP 47-ish
 * tag ("EN_us", "zh-TW", "sr-Latn-RS"); a Chinese region gives its script
 * (TW, HK, MO: Hant; CN, SG, MY: Hans).  Returns the length written to out,
 * or 0 when tag is no language tag.
 */
size_t dc_lang_report(const char *tag, size_t n, char out[16]);

#ifndef __cplusplus
#include "internal.h"
/*
 * Sets a's language (meta_lang.c): from its body text when that is
 * DC_LANG_MIN_BYTES or more and the detector is sure (source "detected"),
 * else the declared one (its source stays); either way as dc_lang_report
 * has it.  The script of a language written in two comes from the text's
 * letters when there are enough of them; Portuguese keeps the declared
 * region when the detected language agrees.  Returns DECANT_OK or
 * DECANT_ERR_NOMEM.
 */
decant_status dc_meta_language(decant_article *a, const char *text, size_t len);
#endif

#ifdef __cplusplus
}
#endif
#endif
