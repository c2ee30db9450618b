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

/* CLD2 still speaks some ISO 639 codes that BCP 47 has since replaced. */
static const char *bcp47(const char *code)
{
    static const char *const renamed[][2] = {{"iw", "he"}, {"jw", "jv"}, {"in", "id"}, {"ji", "yi"}};
    for (const auto &r : renamed)
        if (!std::strcmp(code, r[0]))
            return r[1];
    return code;
}

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
    int valid = 0;
    CLD2::Language lang = CLD2::DetectLanguageCheckUTF8(utf8, static_cast<int>(len), true, &reliable, &valid);
    if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE)
        return 0;
    const char *code = CLD2::LanguageCode(lang);
    if (!code || !code[0] || std::strlen(code) >= 16 || !std::strcmp(code, "un") || !std::strcmp(code, "xxx"))
        return 0;
    std::snprintf(out, 16, "%s", bcp47(code));
    return 1;
}
