/*
 * transcode.c — bytes in one charset to valid, NUL-free UTF-8: UTF-8 itself
 * cleaned, UTF-16 and windows-1252 by hand, everything else through iconv.
 *
 * Every converter runs twice, once to count and once to write, so the output
 * is one exact arena allocation: pages can be tens of megabytes and a 3x
 * worst-case buffer would be mostly waste.
 */
#include "charset.h"

#include <errno.h>
#include <string.h>

#include "text.h"

static const char REPLACEMENT[3] = {'\xEF', '\xBF', '\xBD'}; /* U+FFFD */

/* ------------------------------------------------------------- UTF-8 */

/*
 * Bytes covered by one U+FFFD at an ill-formed s[0..n): the "maximal
 * subpart" (Unicode ch. 3, also WHATWG), so that a truncated character costs
 * one replacement and the byte after it is not swallowed.
 */
static size_t utf8_bad_len(const unsigned char *s, size_t n)
{
    unsigned lo, hi;
    size_t need = dc_utf8_lead(s[0], &lo, &hi);
    if (!need)
        return 1;
    size_t i = 1;
    if (i < n && s[1] >= lo && s[1] <= hi)
        for (i = 2; i < need && i < n && (s[i] & 0xC0) == 0x80; i++)
            ;
    return i;
}

/* UTF-8 with every ill-formed subpart and every NUL made U+FFFD. */
size_t dc_utf8_clean(const unsigned char *s, size_t n, char *d)
{
    size_t i = 0, o = 0;
    while (i < n) {
        size_t start = i;
        while (i < n) {
            if (s[i] >= 0x80) {
                size_t k = dc_utf8_seq(s + i, n - i);
                if (!k)
                    break;
                i += k;
            } else if (s[i]) {
                i++;
            } else {
                break;
            }
        }
        if (d)
            memcpy(d + o, s + start, i - start);
        o += i - start;
        if (i < n) {
            i += s[i] ? utf8_bad_len(s + i, n - i) : 1;
            if (d)
                memcpy(d + o, REPLACEMENT, 3);
            o += 3;
        }
    }
    return o;
}

/* ------------------------------------------------- UTF-16, windows-1252 */

/* Done by hand: trivial, and UTF-16 is not ASCII-compatible, so the NUL
 * handling of the iconv path would not apply. */
size_t dc_utf16_conv(const unsigned char *s, size_t n, int be, char *d)
{
    size_t i = 0, o = 0;
    while (i + 1 < n) {
        uint32_t u = be ? (uint32_t)s[i] << 8 | s[i + 1] : (uint32_t)s[i + 1] << 8 | s[i];
        i += 2;
        uint32_t cp = u;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
            uint32_t u2 = be ? (uint32_t)s[i] << 8 | s[i + 1] : (uint32_t)s[i + 1] << 8 | s[i];
            if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
                cp = 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00);
                i += 2;
            } else {
                cp = 0xFFFD; /* lone high surrogate; u2 is decoded next round */
            }
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            cp = 0xFFFD;
        }
        if (cp == 0)
            cp = 0xFFFD;
        o += dc_utf8_encode(cp, d ? d + o : NULL);
    }
    if (i < n) /* odd trailing byte */
        o += dc_utf8_encode(0xFFFD, d ? d + o : NULL);
    return o;
}

/* The last resort must not depend on iconv having its gconv modules (static
 * builds often lack them), so windows-1252 is built in. */
size_t dc_w1252_conv(const unsigned char *s, size_t n, char *d)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (c && c < 0x80) {
            if (d)
                d[o] = (char)c;
            o++;
            continue;
        }
        uint32_t cp = c == 0 ? 0xFFFD : c < 0xA0 ? dc_windows1252_c1[c - 0x80] : c;
        o += dc_utf8_encode(cp, d ? d + o : NULL);
    }
    return o;
}

/* ----------------------------------------------------------------- iconv */

/*
 * Output of one iconv pass.  Counting writes into a small scratch buffer that
 * is recycled; writing goes straight to the exact-size destination.
 */
typedef struct {
    char *base, *op;
    size_t left, flushed;
    int counting;
} ostream;

static int os_room(ostream *os, size_t need, size_t scratch_size)
{
    if (os->left >= need)
        return 1;
    if (!os->counting)
        return 0;
    os->flushed += (size_t)(os->op - os->base);
    os->op = os->base;
    os->left = scratch_size;
    return 1;
}

static int os_fffd(ostream *os, size_t scratch_size)
{
    if (!os_room(os, 3, scratch_size))
        return 0;
    memcpy(os->op, REPLACEMENT, 3);
    os->op += 3;
    os->left -= 3;
    return 1;
}

/*
 * Converts s[0..n) with cd.  With d NULL only counts.  Returns the output
 * length, or (size_t)-1 if iconv misbehaved.  Invalid or truncated
 * sequences cost one U+FFFD per byte: a browser would do about as well, and
 * a page must never fail to decode.  Every encoding that reaches iconv is
 * ASCII-compatible, so a 0x00 byte is a NUL and becomes U+FFFD here.
 */
size_t dc_iconv_conv(iconv_t cd, const unsigned char *s, size_t n, char *d, size_t cap)
{
    char scratch[8192];
    ostream os = {d ? d : scratch, d ? d : scratch, d ? cap : sizeof scratch, 0, !d};
    const size_t ss = sizeof scratch;
    iconv(cd, NULL, NULL, NULL, NULL); /* fresh shift state for each pass */
    const unsigned char *p = s, *end = s + n;
    /* Cached so that a page with many bad bytes stays linear. */
    const unsigned char *nul = memchr(p, 0, n);
    if (!nul)
        nul = end;
    while (p < end) {
        if (p == nul) {
            if (!os_fffd(&os, ss))
                return (size_t)-1;
            p++;
            nul = memchr(p, 0, (size_t)(end - p));
            if (!nul)
                nul = end;
            continue;
        }
        char *ip = (char *)p;
        size_t ileft = (size_t)(nul - p);
        char *before = os.op;
        size_t r = iconv(cd, &ip, &ileft, &os.op, &os.left);
        p = (const unsigned char *)ip;
        if (r != (size_t)-1)
            continue;
        if (errno == E2BIG) {
            /* Nothing produced into an empty buffer: iconv is stuck. */
            if (os.op == before && os.op == os.base)
                return (size_t)-1;
            if (!os_room(&os, os.left + 1, ss))
                return (size_t)-1;
        } else if (errno == EILSEQ || errno == EINVAL) {
            if (!os_fffd(&os, ss))
                return (size_t)-1;
            p++;
        } else {
            return (size_t)-1;
        }
    }
    /* Stateful encodings (ISO-2022-JP) may owe a final shift sequence. */
    if (os.counting && !os_room(&os, ss, ss))
        return (size_t)-1;
    if (iconv(cd, NULL, NULL, &os.op, &os.left) == (size_t)-1)
        return (size_t)-1;
    return os.flushed + (size_t)(os.op - os.base);
}
