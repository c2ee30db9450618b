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
 * about 250 instructions a byte, and a kilobyte of body text is enough for
 * a reliable answer in the languages it knows.  Writes a
 * BCP 47 base tag ("en", "it", "zh-Hant") to out and returns 1 when the
 * detector calls its answer reliable; returns 0 (out = "") otherwise.
 */
#define DC_LANG_MAX_BYTES 1024
int dc_lang_detect(const char *utf8, size_t len, char out[16]);

/* Shorter bodies are too little for a reliable guess: the declared lang stays. */
#define DC_LANG_MIN_BYTES 200

#ifndef __cplusplus
#include "internal.h"
/*
 * Sets a's language from its body text (meta_lang.c), source "detected",
 * keeping the declared tag's region and script when the base language
 * agrees ("en-US" declared, "en" detected: "en-US").  Otherwise the declared
 * value and its source stay.  Returns DECANT_OK or DECANT_ERR_NOMEM.
 */
decant_status dc_meta_language(decant_article *a, const char *text, size_t len);
#endif

#ifdef __cplusplus
}
#endif
#endif
