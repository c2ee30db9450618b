/*
 * mojibake.c — see mojibake.h.
 *
 * In the damaged text each byte of a UTF-8 sequence became a character of
 * its own: the lead byte (0xC2-0xF4) the letter "Â".."ô", encoded as
 * C3 82..C3 B4, and each continuation byte (0x80-0xBF) either U+0080..
 * U+00BF (Latin-1, encoded C2 80..C2 BF) or, for 0x80-0x9F, the
 * windows-1252 character at that position ("€", "’", "—"...).  Reading the
 * characters back as bytes gives the original sequence, which is kept only
 * if it is valid UTF-8.  A repaired sequence is never longer than the
 * damaged one: at least 4 bytes give at most 3 (a C1 control mapped
 * through windows-1252) or the original's own length.
 */
#include "mojibake.h"

#include <stdint.h>
#include <string.h>

#include "text.h"

/* windows-1252's character for byte 0x80 + b, or 0 where it has none:
 * those bytes come through as U+0081... and are read by the Latin-1 rule. */
static unsigned cp1252(int b)
{
    unsigned cp = dc_windows1252_c1[b];
    return cp == 0x80u + (unsigned)b ? 0 : cp;
}

/* The byte that the character at s (n bytes left) stood for, if it is one
 * a continuation byte turns into; its length in *len.  -1 if none. */
static int continuation_at(const unsigned char *s, size_t n, size_t *len)
{
    if (n >= 2 && s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0xBF) {
        *len = 2;
        return s[1];
    }
    uint32_t cp;
    size_t k = dc_utf8_decode(s, n, &cp);
    for (int b = 0; k >= 2 && b < 32; b++) {
        if (cp1252(b) == cp) {
            *len = k;
            return 0x80 + b;
        }
    }
    return -1;
}

/*
 * Is there a double-encoded sequence at s (s[0] == 0xC3)?  Its length in
 * the damaged text goes to *used, the original bytes to orig (up to 4),
 * their count is returned; 0 if there is none.
 */
static size_t sequence_at(const unsigned char *s, size_t n, size_t *used, unsigned char orig[4])
{
    if (n < 4 || s[1] < 0x82 || s[1] > 0xB4)
        return 0;
    unsigned lead = s[1] + 0x40u; /* U+00C2..U+00F4 -> 0xC2..0xF4 */
    size_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
    orig[0] = (unsigned char)lead;
    size_t at = 2;
    for (size_t k = 1; k <= need; k++) {
        size_t len;
        int b = continuation_at(s + at, n - at, &len);
        if (b < 0)
            return 0;
        orig[k] = (unsigned char)b;
        at += len;
    }
    /* the shortest form only, no surrogates, nothing past U+10FFFF */
    if ((lead == 0xE0 && orig[1] < 0xA0) || (lead == 0xED && orig[1] > 0x9F) ||
        (lead == 0xF0 && orig[1] < 0x90) || (lead == 0xF4 && orig[1] > 0x8F))
        return 0;
    *used = at;
    /* A C1 control (U+0080..U+009F) is itself windows-1252 read as Latin-1
     * on the way in: "Â•" came from a bullet, not from U+0095. */
    if (lead == 0xC2 && orig[1] <= 0x9F && cp1252(orig[1] - 0x80))
        return dc_utf8_encode(cp1252(orig[1] - 0x80), (char *)orig);
    return need + 1;
}

size_t dc_mojibake_count(const char *s, size_t n, size_t enough)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t found = 0;
    for (size_t i = 0; i < n && found < enough;) {
        const unsigned char *p = memchr(u + i, 0xC3, n - i);
        if (!p)
            break;
        i = (size_t)(p - u);
        size_t used;
        unsigned char orig[4];
        if (sequence_at(u + i, n - i, &used, orig)) {
            found++;
            i += used;
        } else {
            i++;
        }
    }
    return found;
}

size_t dc_mojibake_repair(const char *s, size_t n, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < n) {
        const unsigned char *p = memchr(u + i, 0xC3, n - i);
        size_t at = p ? (size_t)(p - u) : n;
        memcpy(out + o, s + i, at - i);
        o += at - i;
        i = at;
        if (i >= n)
            break;
        size_t used, k;
        unsigned char orig[4];
        if ((k = sequence_at(u + i, n - i, &used, orig)) != 0) {
            memcpy(out + o, orig, k);
            o += k;
            i += used;
        } else {
            out[o++] = s[i++];
        }
    }
    return o;
}
