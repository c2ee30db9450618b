/*
 * charset.h — charsets for decode.c: their names (WHATWG's labels), where a
 * page declares its own (charset.c), and turning bytes of one into valid
 * UTF-8 (transcode.c).
 */
#ifndef DC_CHARSET_H
#define DC_CHARSET_H

#include <iconv.h>
#include <stddef.h>

typedef enum { DC_K_UTF8, DC_K_UTF16LE, DC_K_UTF16BE, DC_K_1252, DC_K_ICONV } dc_enc_kind;

typedef struct {
    const char *name;  /* WHATWG's name, reported in dc_decoded.charset */
    const char *iconv; /* what glibc calls the same thing (a superset)  */
    dc_enc_kind kind;
} dc_encoding;

/* The charsets decant names; the first four are fixed. */
extern const dc_encoding dc_encodings[];
#define DC_ENC_UTF8 (&dc_encodings[0])
#define DC_ENC_UTF16LE (&dc_encodings[1])
#define DC_ENC_UTF16BE (&dc_encodings[2])
#define DC_ENC_1252 (&dc_encodings[3])

/* ---- charset.c ---- */

/* The charset of WHATWG name `name` (lower-case), or NULL. */
const dc_encoding *dc_charset_find(const char *name);
/* The charset a label names (any case, blanks around), or NULL; `lc`
 * receives the lower-cased label. */
const dc_encoding *dc_charset_lookup(const unsigned char *s, size_t n, char *lc, size_t lc_size);
/* WHATWG's "extract a character encoding from a meta element" (lenient
 * enough for an HTTP Content-Type): the value of charset= in *v, *vn. */
int dc_charset_param(const unsigned char *s, size_t n, const unsigned char **v, size_t *vn);
/* WHATWG's prescan of the page's start for a <meta> naming its charset. */
const dc_encoding *dc_charset_prescan(const unsigned char *s, size_t n);

/* ---- transcode.c ----
 * Each writes to d when it is not NULL and returns the output's length, so
 * that a first pass can count and a second write into an exact buffer. */

/* UTF-8 with every ill-formed subpart and every NUL made U+FFFD. */
size_t dc_utf8_clean(const unsigned char *s, size_t n, char *d);
/* UTF-16 (be: big-endian) to UTF-8. */
size_t dc_utf16_conv(const unsigned char *s, size_t n, int be, char *d);
/* windows-1252 to UTF-8. */
size_t dc_w1252_conv(const unsigned char *s, size_t n, char *d);
/* s through iconv descriptor cd (to UTF-8), writing at most cap bytes to
 * d; (size_t)-1 when iconv misbehaved. */
size_t dc_iconv_conv(iconv_t cd, const unsigned char *s, size_t n, char *d, size_t cap);

#endif
