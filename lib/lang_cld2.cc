/*
 * lang_cld2.cc — dc_lang_detect() over CLD2, whose API is C++ only.
 *
 * CLD2 keeps no state between calls and allocates nothing per call for
 * plain text, so one call per page is cheap and thread-safe.
 */
#include <cstdio> /* compact_lang_det.h uses FILE without including it */
#include <cstring>

#include <cld2/public/compact_lang_det.h>

#include "lang.h"

/* CLD2's codes as decant reports them: ISO 639 codes that BCP 47 has since
 * replaced, and Chinese with its script (CLD2's "zh" is Simplified). */
static const char *bcp47(const char *code)
{
    static const char *const renamed[][2] = {{"iw", "he"},      {"jw", "jv"},
                                             {"in", "id"},      {"ji", "yi"},
                                             {"zh", "zh-Hans"}, {"sr-ME", "sr"}};
    for (const auto &r : renamed)
        if (!std::strcmp(code, r[0]))
            return r[1];
    return code;
}

/* Share of the text (in percent) its top language must cover when CLD2
 * does not call the answer reliable: menus, figures and names in another
 * language lower CLD2's confidence in a long body that is plainly one
 * language (a Russian story under a line of site sections came out 71%
 * Russian and "unreliable"). */
#define DC_LANG_MIN_PERCENT 60

extern "C" int dc_lang_detect(const char *utf8, size_t len, char out[16])
{
    out[0] = '\0';
    if (!utf8 || len == 0)
        return 0;
    if (len > DC_LANG_MAX_BYTES) {
        len = DC_LANG_MAX_BYTES;
        /* Never hand CLD2 half a character: it assumes valid UTF-8. */
        while (len > 0 && (static_cast<unsigned char>(utf8[len]) & 0xC0) == 0x80)
            len--;
    }
    bool reliable = false;
    CLD2::Language top3[3];
    int percent3[3];
    int text_bytes = 0;
    CLD2::Language lang = CLD2::ExtDetectLanguageSummary(utf8, static_cast<int>(len), true, top3,
                                                         percent3, &text_bytes, &reliable);
    if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE)
        return 0;
    if (!reliable && !(top3[0] == lang && percent3[0] >= DC_LANG_MIN_PERCENT))
        return 0;
    const char *code = CLD2::LanguageCode(lang);
    /* "xx-Qaai" and the like: a script CLD2 saw but no language */
    if (!code || !code[0] || !std::strcmp(code, "un") || !std::strncmp(code, "xx", 2))
        return 0;
    code = bcp47(code);
    if (std::strlen(code) >= 16)
        return 0;
    std::snprintf(out, 16, "%s", code);
    return 1;
}
