/*
 * decode.h — from raw page bytes to valid UTF-8.
 *
 * Order of evidence (WHATWG's encoding sniffing, simplified), and the
 * charset_source each gives:
 *   gzip magic -> inflate first (bounded by max_bytes);
 *   BOM (UTF-8, UTF-16LE/BE)                                     "bom";
 *   UTF-16 without a BOM, by its NUL bytes                       "detector";
 *   charset= in the transport's Content-Type (HTTP, an archive's HTTP
 *   header, the caller's content_type)                           "content-type";
 *   <meta charset> / <meta http-equiv content="...charset="> prescan of the
 *   first 1024 bytes (and a little more: real pages put it late) "meta";
 *   but a declared legacy charset over bytes that are valid UTF-8 with
 *   non-ASCII in them gives way to UTF-8                         "utf8-over-declared";
 *   and a declaration whose text reads as no language, or full of
 *   oddities, gives way to uchardet's guess when that reads as
 *   plain prose                                      "detector-over-declared";
 *   nothing declared, bytes that are valid UTF-8 -> UTF-8        "utf8-valid";
 *   uchardet's guess, the least odd of its near-identical
 *   siblings (windows-1252/ISO-8859-15, KOI8-R/KOI8-U, ...)      "detector";
 *   windows-1252                                                 "default".
 * Labels are normalised as WHATWG does (latin1/iso-8859-1/ascii all mean
 * windows-1252; utf-16 from a meta means UTF-8).  The output is always valid
 * UTF-8: undecodable bytes become U+FFFD.  NUL bytes become U+FFFD too.
 * Text that carries double-encoded UTF-8 ("â€™") is repaired (mojibake.h).
 */
#ifndef DC_DECODE_H
#define DC_DECODE_H

#include "arena.h"
#include "decant.h"
#include "text.h"

typedef struct dc_decoded {
    const char *text;     /* valid UTF-8, no NUL bytes; when it aliases the
                             input it is not NUL-terminated: use len    */
    size_t len;
    char charset[32];     /* the charset used, lower-case ("utf-8", ...)  */
    const char *charset_source; /* where it came from: see above          */
    int was_gzip;
    int truncated;        /* the gzip stream ended early: text up to the cut */
} dc_decoded;

/* dc_decode flags: leave double-encoded UTF-8 as it is (tests compare). */
#define DC_DECODE_NO_REPAIR 1u

/*
 * Decodes `in[0..len)`.  Memory for any converted copy comes from `ar`.
 * Errors: DECANT_ERR_EMPTY, DECANT_ERR_TOO_LARGE, DECANT_ERR_GZIP,
 * DECANT_ERR_BINARY (NULs/control bytes typical of images, PDFs, archives),
 * DECANT_ERR_NOMEM.  `err` may be NULL.
 */
decant_status dc_decode(const unsigned char *in, size_t len, const char *content_type,
                        size_t max_bytes, unsigned flags, dc_arena *ar, dc_decoded *out,
                        decant_error *err);

#endif
