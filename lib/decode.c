/* decode.c — PLACEHOLDER until the real decoder lands: assumes UTF-8. */
#include "decode.h"

#include <string.h>

int dc_utf8_valid(const unsigned char *s, size_t n)
{
    (void)s;
    (void)n;
    return 1;
}

decant_status dc_decode(const unsigned char *in, size_t len, const char *content_type,
                        size_t max_bytes, dc_arena *ar, dc_decoded *out, decant_error *err)
{
    (void)content_type;
    (void)max_bytes;
    (void)err;
    memset(out, 0, sizeof *out);
    char *t = dc_arena_strndup(ar, (const char *)in, len);
    if (!t)
        return DECANT_ERR_NOMEM;
    out->text = t;
    out->len = len;
    strcpy(out->charset, "utf-8");
    out->charset_source = "default";
    return DECANT_OK;
}
