/*
 * fuzz_decode.c — the charset decoder (gzip, BOMs, Content-Type, <meta>
 * prescan, uchardet, conversion, mojibake repair).  The first byte picks the
 * Content-Type, the size cap and whether to repair; the output must be valid UTF-8 without NUL bytes (and
 * NUL-terminated unless it is a view of the input) within the cap.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"

static const char *const content_types[8] = {
    NULL,
    "text/html; charset=utf-8",
    "text/html; charset=windows-1252",
    "text/html;charset=UTF-16",
    "text/html; charset=gb18030",
    "text/html; charset=\"euc-jp\"; foo=bar",
    "text/html; charset=x-user-defined",
    "text/html; charset=",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static dc_arena ar;
    static int ready;
    if (!ready) {
        dc_arena_init(&ar, NULL, 1 << 16);
        ready = 1;
    }
    size_t cap = data[0] & 8 ? 4096 : (size_t)8 << 20;
    dc_decoded out;
    decant_error err;
    memset(&err, 0, sizeof err);
    decant_status st = dc_decode(data + 1, size - 1, content_types[data[0] & 7], cap,
                                 data[0] & 16 ? DC_DECODE_NO_REPAIR : 0, &ar, &out, &err);
    if (st == DECANT_OK) {
        /* A copy is NUL-terminated; a view of the input cannot be. */
        int aliased = out.text >= (const char *)data && out.text <= (const char *)data + size;
        if (!out.text || memchr(out.text, '\0', out.len) || (!aliased && out.text[out.len] != '\0'))
            abort();
        if (!dc_utf8_valid((const unsigned char *)out.text, out.len))
            abort();
        if (out.len > 4 * cap + 16 || !out.charset_source || !out.charset[0])
            abort();
    } else if (!err.message || err.code != st) {
        abort();
    }
    dc_arena_reset(&ar);
    return 0;
}
