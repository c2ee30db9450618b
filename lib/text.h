/*
 * text.h — the library's text toolkit: the small byte-level helpers every
 * phase needs, written once.
 *
 *   ASCII      case folding and comparisons for markup and vocabulary, which
 *              are ASCII whatever the page's language (bytes >= 0x80 compare
 *              as themselves);
 *   spaces     HTML's ASCII whitespace;
 *   hashing    32-bit FNV-1a, for the per-page caches and name tables;
 *   UTF-8      encoding, decoding one well-formed sequence, validation, and
 *              windows-1252's C1 range (for decoding and for mojibake);
 *   buffers    growing a buffer through the caller's decant_allocator;
 *   inflate    zlib/gzip/raw deflate into a growing buffer, bounded.
 */
#ifndef DC_TEXT_H
#define DC_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "decant.h"

/* ------------------------------------------------------------- ASCII */

/* 'A'..'Z' -> 'a'..'z'; every other byte as it is. */
static inline unsigned char dc_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static inline int dc_is_alpha(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

/* HTML's ASCII whitespace: space, tab, LF, CR and form feed. */
static inline int dc_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Does s[0..n) contain needle (lower-case, NUL-terminated), in any case? */
int dc_contains_ci(const char *s, size_t n, const char *needle);

/* Are a[0..an) and b[0..bn) equal but for case?  Inline: metadata asks it
 * of every attribute name against its lists, and most calls end at once. */
static inline int dc_eq_ci(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return 0;
    for (size_t i = 0; i < an; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x == y)
            continue;
        x |= 0x20;
        if (x != (y | 0x20) || x < 'a' || x > 'z')
            return 0;
    }
    return 1;
}

/* Does s[0..n) start with `lit` (lower-case, NUL-terminated), in any case? */
int dc_starts_ci(const char *s, size_t n, const char *lit);

/* Are a and b (NUL-terminated) the same words: equal but for ASCII case
 * and for spaces, tabs and newlines, wherever they stand? */
int dc_same_words(const char *a, const char *b);

/* Does s[0..n) hold an ASCII digit? */
static inline int dc_has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

/* ----------------------------------------------------------- hashing */

/* 32-bit FNV-1a: fast, and good enough for tables of a few thousand keys. */
#define DC_FNV_SEED 2166136261u

static inline uint32_t dc_fnv1a_step(uint32_t h, unsigned char c)
{
    return (h ^ c) * 16777619u;
}

static inline uint32_t dc_fnv1a(const char *s, size_t n)
{
    uint32_t h = DC_FNV_SEED;
    for (size_t i = 0; i < n; i++)
        h = dc_fnv1a_step(h, (unsigned char)s[i]);
    return h;
}

/*
 * A hash of s[0..n) eight bytes at a time, for tables that compare their
 * keys in full on a match: byte-at-a-time FNV waits on a multiply per byte,
 * which a paragraph-long key makes the table's whole cost.  Not stable
 * across versions; never store it.
 */
static inline uint64_t dc_hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 29;
    }
    uint64_t t = 0;
    for (size_t k = 0; i + k < n; k++)
        t |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
    h = (h ^ t) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 32);
}

/* ------------------------------------------------------------- UTF-8 */

/* Writes code point cp (up to U+10FFFF) as UTF-8 to out when out is not
 * NULL; returns its length, 1 to 4. */
size_t dc_utf8_encode(uint32_t cp, char *out);

/*
 * What lead byte c >= 0x80 asks of the bytes after it: the length of the
 * sequence it starts, 2 to 4, and the range [*lo, *hi] its second byte must
 * fall in, narrower after E0, ED, F0 and F4 (which is what rules out
 * overlongs, surrogates and code points above U+10FFFF); 0 when c starts no
 * sequence (a continuation byte, C0, C1, F5..FF).
 */
static inline size_t dc_utf8_lead(unsigned c, unsigned *lo, unsigned *hi)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0)
            *lo = 0xA0;
        else if (c == 0xED)
            *hi = 0x9F;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0)
            *lo = 0x90;
        else if (c == 0xF4)
            *hi = 0x8F;
        return 4;
    }
    return 0;
}

/*
 * Length of the well-formed UTF-8 sequence at s[0..n) (no overlongs,
 * surrogates or code points above U+10FFFF), or 0 when there is none.
 */
static inline size_t dc_utf8_seq(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    unsigned lo, hi;
    size_t need = dc_utf8_lead(s[0], &lo, &hi);
    if (!need || n < need || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return need;
}

/* The code point of the well-formed sequence at s[0..n) and its length, or
 * 0 (and *cp untouched) when there is none. */
size_t dc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Is s[0..n) valid UTF-8 (no overlongs, surrogates or > U+10FFFF)? */
int dc_utf8_valid(const unsigned char *s, size_t n);

/* WHATWG's index-windows-1252 for bytes 0x80..0x9F (the rest is Latin-1);
 * the five bytes it leaves undefined map to the C1 control of their value. */
extern const uint16_t dc_windows1252_c1[32];

/* ----------------------------------------------------------- buffers */

/*
 * Grows *buf, of *cap bytes from allocator `a`, to hold at least `need`
 * bytes: doubling, from `first` bytes for an empty buffer.  Returns 1, or 0
 * when the allocation fails (the buffer is then untouched).
 */
int dc_grow(const decant_allocator *a, void **buf, size_t *cap, size_t need, size_t first);

/*
 * Room for one more element in an array of *cap elements of `elem` bytes
 * holding `count`, from allocator `a`: doubling, from `first` elements.
 * Returns 1, or 0 when the allocation fails (the array is then untouched).
 */
int dc_grow_array(const decant_allocator *a, void **arr, size_t *cap, size_t count, size_t elem,
                  size_t first);

/*
 * The capacity, in elements, an array of `cap` elements of `elem` bytes
 * doubles to (`first` when empty); 0 when that would overflow.  The rule
 * dc_grow_array and the arena's dc_arena_grow_array share.
 */
static inline size_t dc_next_cap(size_t cap, size_t elem, size_t first)
{
    size_t n = cap ? cap * 2 : first;
    return n < cap || n > SIZE_MAX / elem ? 0 : n;
}

/* ----------------------------------------------------------- inflate */

/* zlib's zalloc and zfree through the allocator hook: z_stream.opaque is
 * the decant_allocator. */
void *dc_zalloc(void *opaque, unsigned items, unsigned size);
void dc_zfree(void *opaque, void *p);

typedef enum dc_inflate_result {
    DC_INFLATE_OK = 0,
    DC_INFLATE_TRUNCATED,   /* the input ended inside the stream; *len bytes came  */
    DC_INFLATE_TOO_LARGE,   /* more than `limit` bytes would come                  */
    DC_INFLATE_CORRUPT,     /* bad data (*why: zlib's reason, or NULL)             */
    DC_INFLATE_NO_START,    /* zlib could not be set up (not for want of memory)   */
    DC_INFLATE_NOMEM_START, /* ... for want of memory                               */
    DC_INFLATE_NOMEM_BUFFER,/* the output buffer could not grow                    */
    DC_INFLATE_NOMEM        /* zlib ran out of memory while inflating               */
} dc_inflate_result;

typedef struct dc_inflate_job {
    const decant_allocator *alloc; /* the output buffer and zlib's state         */
    int wbits;        /* as zlib's inflateInit2: 31 gzip, 15 zlib, -15 raw deflate */
    int members;      /* gzip: a member followed by another goes on into it        */
    size_t limit;     /* the most output accepted                                  */
    size_t first;     /* the buffer's size when it starts empty                    */
    unsigned char *buf; /* the output, grown as needed; kept (and freed) by the    */
    size_t cap;         /* caller, so that it can serve call after call            */
    size_t len;       /* bytes written                                              */
    const char *why;  /* on DC_INFLATE_CORRUPT: zlib's message, or NULL             */
} dc_inflate_job;

/*
 * Inflates in[0..n) into job->buf, never past job->limit bytes: once the
 * buffer holds that many, a one-byte probe tells whether the stream has more
 * to give.  Anything after the end of the stream (or of the last gzip member)
 * is ignored, as browsers ignore it.  On any result job->len says how many
 * bytes of job->buf are good.
 */
dc_inflate_result dc_inflate(dc_inflate_job *job, const unsigned char *in, size_t n);

#endif
