/*
 * decode.c — raw page bytes to valid, NUL-free UTF-8.  See decode.h for the
 * order of evidence.
 *
 * Every converter runs twice, once to count and once to write, so the output
 * is one exact arena allocation: pages can be tens of megabytes and a 3x
 * worst-case buffer would be mostly waste.  Nothing is cached between calls,
 * so the decoder is safe to run on many threads at once.
 */
#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <uchardet/uchardet.h>
#include <zlib.h>

#include "internal.h"
#include "lang.h"
#include "mojibake.h"
#include "text.h"

#define SNIFF_WINDOW 1024      /* binary / UTF-16 heuristics look this far   */
#define PRESCAN_WINDOW 4096    /* <meta charset> is sought this far           */
#define DETECT_WINDOW 65536    /* uchardet sees at most this much             */

static const char REPLACEMENT[3] = {'\xEF', '\xBF', '\xBD'}; /* U+FFFD */

/* ------------------------------------------------------------- UTF-8 */

/*
 * Bytes covered by one U+FFFD at an ill-formed s[0..n): the "maximal
 * subpart" (Unicode ch. 3, also WHATWG), so that a truncated character costs
 * one replacement and the byte after it is not swallowed.
 */
static size_t utf8_bad_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0], lo = 0x80, hi = 0xBF;
    size_t need;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 1;
    }
    size_t i = 1;
    if (i < n && s[1] >= lo && s[1] <= hi)
        for (i = 2; i < need && i < n && (s[i] & 0xC0) == 0x80; i++)
            ;
    return i;
}

/* UTF-8 with every ill-formed subpart and every NUL made U+FFFD. */
static size_t utf8_clean(const unsigned char *s, size_t n, char *d)
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
static size_t utf16_conv(const unsigned char *s, size_t n, int be, char *d)
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
static size_t w1252_conv(const unsigned char *s, size_t n, char *d)
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
static size_t iconv_conv(iconv_t cd, const unsigned char *s, size_t n, char *d, size_t cap)
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

/* --------------------------------------------------------------- labels */

typedef enum { K_UTF8, K_UTF16LE, K_UTF16BE, K_1252, K_ICONV } enc_kind;

typedef struct {
    const char *name;  /* WHATWG's name, reported in dc_decoded.charset */
    const char *iconv; /* what glibc calls the same thing (a superset)  */
    enc_kind kind;
} encoding;

/* The first four are fixed: the code below refers to them by index. */
static const encoding encodings[] = {
    {"utf-8", "UTF-8", K_UTF8},
    {"utf-16le", "UTF-16LE", K_UTF16LE},
    {"utf-16be", "UTF-16BE", K_UTF16BE},
    {"windows-1252", "CP1252", K_1252},
    {"iso-8859-2", "ISO-8859-2", K_ICONV},
    {"iso-8859-3", "ISO-8859-3", K_ICONV},
    {"iso-8859-4", "ISO-8859-4", K_ICONV},
    {"iso-8859-5", "ISO-8859-5", K_ICONV},
    {"iso-8859-6", "ISO-8859-6", K_ICONV},
    {"iso-8859-7", "ISO-8859-7", K_ICONV},
    {"iso-8859-8", "ISO-8859-8", K_ICONV},
    {"iso-8859-10", "ISO-8859-10", K_ICONV},
    {"iso-8859-13", "ISO-8859-13", K_ICONV},
    {"iso-8859-14", "ISO-8859-14", K_ICONV},
    {"iso-8859-15", "ISO-8859-15", K_ICONV},
    {"iso-8859-16", "ISO-8859-16", K_ICONV},
    {"windows-1250", "CP1250", K_ICONV},
    {"windows-1251", "CP1251", K_ICONV},
    {"windows-1253", "CP1253", K_ICONV},
    {"windows-1254", "CP1254", K_ICONV},
    {"windows-1255", "CP1255", K_ICONV},
    {"windows-1256", "CP1256", K_ICONV},
    {"windows-1257", "CP1257", K_ICONV},
    {"windows-1258", "CP1258", K_ICONV},
    {"windows-874", "CP874", K_ICONV},
    {"koi8-r", "KOI8-R", K_ICONV},
    {"koi8-u", "KOI8-U", K_ICONV},
    {"ibm866", "CP866", K_ICONV},
    {"x-mac-cyrillic", "MAC-CYRILLIC", K_ICONV},
    {"macintosh", "MACINTOSH", K_ICONV},
    /* WHATWG's CJK decoders are the vendor supersets; so are these. */
    {"shift_jis", "CP932", K_ICONV},
    {"euc-jp", "EUC-JP", K_ICONV},
    {"iso-2022-jp", "ISO-2022-JP", K_ICONV},
    {"gbk", "GB18030", K_ICONV},
    {"gb18030", "GB18030", K_ICONV},
    {"big5", "BIG5-HKSCS", K_ICONV},
    {"euc-kr", "CP949", K_ICONV},
};
#define ENC_UTF8 (&encodings[0])
#define ENC_UTF16LE (&encodings[1])
#define ENC_UTF16BE (&encodings[2])
#define ENC_1252 (&encodings[3])

/* Common labels that are not names above (after lower-casing). */
static const struct {
    const char *label, *name;
} aliases[] = {
    {"utf8", "utf-8"}, {"unicode-1-1-utf-8", "utf-8"}, {"unicode11utf8", "utf-8"},
    {"unicode20utf8", "utf-8"}, {"x-unicode20utf8", "utf-8"},
    {"utf-16", "utf-16le"}, {"ucs-2", "utf-16le"}, {"unicode", "utf-16le"},
    {"csunicode", "utf-16le"}, {"iso-10646-ucs-2", "utf-16le"}, {"unicodefeff", "utf-16le"},
    {"unicodefffe", "utf-16be"},
    /* Browsers decode all of these as windows-1252, and pages rely on it. */
    {"ascii", "windows-1252"}, {"us-ascii", "windows-1252"}, {"ansi_x3.4-1968", "windows-1252"},
    {"latin1", "windows-1252"}, {"l1", "windows-1252"}, {"cp819", "windows-1252"},
    {"ibm819", "windows-1252"}, {"csisolatin1", "windows-1252"}, {"iso-ir-100", "windows-1252"},
    {"iso88591", "windows-1252"}, {"x-user-defined", "windows-1252"},
    {"latin2", "iso-8859-2"}, {"l2", "iso-8859-2"}, {"csisolatin2", "iso-8859-2"},
    {"latin3", "iso-8859-3"}, {"l3", "iso-8859-3"}, {"latin4", "iso-8859-4"}, {"l4", "iso-8859-4"},
    {"cyrillic", "iso-8859-5"}, {"csisolatincyrillic", "iso-8859-5"},
    {"arabic", "iso-8859-6"}, {"asmo-708", "iso-8859-6"}, {"ecma-114", "iso-8859-6"},
    {"iso-8859-6-i", "iso-8859-6"}, {"iso-8859-6-e", "iso-8859-6"},
    {"greek", "iso-8859-7"}, {"greek8", "iso-8859-7"}, {"elot_928", "iso-8859-7"},
    {"ecma-118", "iso-8859-7"}, {"sun_eu_greek", "iso-8859-7"},
    {"hebrew", "iso-8859-8"}, {"visual", "iso-8859-8"}, {"logical", "iso-8859-8"},
    {"iso-8859-8-i", "iso-8859-8"}, {"iso-8859-8-e", "iso-8859-8"},
    {"latin6", "iso-8859-10"}, {"l6", "iso-8859-10"}, {"latin9", "iso-8859-15"},
    {"l9", "iso-8859-15"}, {"csisolatin9", "iso-8859-15"},
    {"latin5", "windows-1254"}, {"l5", "windows-1254"},
    {"tis-620", "windows-874"}, {"dos-874", "windows-874"},
    {"koi", "koi8-r"}, {"koi8", "koi8-r"}, {"koi8_r", "koi8-r"}, {"cskoi8r", "koi8-r"},
    {"koi8-ru", "koi8-u"},
    {"866", "ibm866"}, {"cp866", "ibm866"}, {"csibm866", "ibm866"},
    {"x-mac-ukrainian", "x-mac-cyrillic"}, {"mac-cyrillic", "x-mac-cyrillic"},
    {"mac", "macintosh"}, {"x-mac-roman", "macintosh"}, {"csmacintosh", "macintosh"},
    {"shift-jis", "shift_jis"}, {"sjis", "shift_jis"}, {"x-sjis", "shift_jis"},
    {"ms_kanji", "shift_jis"}, {"ms932", "shift_jis"}, {"cp932", "shift_jis"},
    {"windows-31j", "shift_jis"}, {"csshiftjis", "shift_jis"},
    {"x-euc-jp", "euc-jp"}, {"cseucpkdfmtjapanese", "euc-jp"}, {"csiso2022jp", "iso-2022-jp"},
    {"gb2312", "gbk"}, {"gb_2312", "gbk"}, {"gb_2312-80", "gbk"}, {"chinese", "gbk"},
    {"csgb2312", "gbk"}, {"csiso58gb231280", "gbk"}, {"iso-ir-58", "gbk"}, {"x-gbk", "gbk"},
    {"cp936", "gbk"}, {"ms936", "gbk"}, {"windows-936", "gbk"},
    {"big5-hkscs", "big5"}, {"cn-big5", "big5"}, {"csbig5", "big5"}, {"x-x-big5", "big5"},
    {"cseuckr", "euc-kr"}, {"csksc56011987", "euc-kr"}, {"iso-ir-149", "euc-kr"},
    {"korean", "euc-kr"}, {"ks_c_5601-1987", "euc-kr"}, {"ks_c_5601-1989", "euc-kr"},
    {"ksc5601", "euc-kr"}, {"ksc_5601", "euc-kr"}, {"windows-949", "euc-kr"},
    {"cp949", "euc-kr"}, {"uhc", "euc-kr"},
};

static const encoding *find_encoding(const char *name)
{
    for (size_t i = 0; i < sizeof encodings / sizeof encodings[0]; i++)
        if (!strcmp(encodings[i].name, name))
            return &encodings[i];
    return NULL;
}

/* The encoding a label names, or NULL.  `lc` receives the lower-cased label. */
static const encoding *lookup(const unsigned char *s, size_t n, char *lc, size_t lc_size)
{
    while (n && dc_is_space(s[0]))
        s++, n--;
    while (n && dc_is_space(s[n - 1]))
        n--;
    if (n == 0 || n >= lc_size)
        return NULL;
    for (size_t i = 0; i < n; i++)
        lc[i] = (char)dc_lower(s[i]);
    lc[n] = '\0';
    const encoding *e = find_encoding(lc);
    if (e)
        return e;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (!strcmp(aliases[i].label, lc))
            return find_encoding(aliases[i].name);

    /* Families spelt many ways: windows-125x / cp125x / x-cp125x, and
     * iso-8859-N / iso8859-N / iso_8859-N[:1987] / iso8859N. */
    const char *p = lc;
    char name[24];
    if (!strncmp(p, "x-", 2))
        p += 2;
    if ((!strncmp(p, "cp125", 5) && p[5] >= '0' && p[5] <= '8' && !p[6]) ||
        (p == lc && !strncmp(p, "windows-125", 11) && p[11] >= '0' && p[11] <= '8' && !p[12])) {
        snprintf(name, sizeof name, "windows-125%c", p[p[1] == 'p' ? 5 : 11]);
        return find_encoding(name);
    }
    p = lc;
    if (strncmp(p, "iso", 3))
        return NULL;
    p += 3;
    if (*p == '-' || *p == '_')
        p++;
    if (strncmp(p, "8859", 4))
        return NULL;
    p += 4;
    if (*p == '-' || *p == '_')
        p++;
    unsigned num = 0;
    int digits = 0;
    for (; *p >= '0' && *p <= '9' && digits < 3; p++, digits++)
        num = num * 10 + (unsigned)(*p - '0');
    if (!digits || (*p && *p != ':'))
        return NULL;
    if (num == 1)
        return ENC_1252;
    if (num == 9)
        return find_encoding("windows-1254");
    if (num == 11)
        return find_encoding("windows-874");
    snprintf(name, sizeof name, "iso-8859-%u", num);
    return find_encoding(name);
}

/* Case-insensitive, against a lower-case literal. */
static int ci_prefix(const unsigned char *s, size_t n, const char *lit)
{
    return dc_starts_ci((const char *)s, n, lit);
}

static int ci_equal(const unsigned char *s, size_t n, const char *lit)
{
    return dc_eq_ci((const char *)s, n, lit, strlen(lit));
}

/*
 * WHATWG's "extract a character encoding from a meta element", which is also
 * lenient enough for an HTTP Content-Type: finds charset=value, the value
 * quoted or ended by whitespace or ';'.
 */
static int charset_param(const unsigned char *s, size_t n, const unsigned char **v, size_t *vn)
{
    size_t i = 0;
    for (;;) {
        while (i + 7 <= n && !ci_prefix(s + i, n - i, "charset"))
            i++;
        if (i + 7 > n)
            return 0;
        i += 7;
        while (i < n && dc_is_space(s[i]))
            i++;
        if (i < n && s[i] == '=')
            break;
    }
    i++;
    while (i < n && dc_is_space(s[i]))
        i++;
    if (i >= n)
        return 0;
    size_t start;
    if (s[i] == '"' || s[i] == '\'') {
        unsigned char q = s[i++];
        start = i;
        while (i < n && s[i] != q)
            i++;
        if (i >= n)
            return 0;
    } else {
        start = i;
        while (i < n && !dc_is_space(s[i]) && s[i] != ';' && s[i] != '"' && s[i] != '\'')
            i++;
    }
    *v = s + start;
    *vn = i - start;
    return *vn > 0;
}

/* ------------------------------------------------------- meta prescan */

typedef struct {
    const unsigned char *name, *value;
    size_t name_len, value_len;
} attr;

/* WHATWG's "get an attribute"; 0 at '>' or at the end of the window. */
static int get_attr(const unsigned char *s, size_t n, size_t *pos, attr *a)
{
    size_t i = *pos;
    while (i < n && (dc_is_space(s[i]) || s[i] == '/'))
        i++;
    if (i >= n || s[i] == '>') {
        *pos = i;
        return 0;
    }
    size_t start = i;
    if (s[i] == '=') /* an attribute may begin with '='; also ensures progress */
        i++;
    while (i < n && s[i] != '=' && s[i] != '>' && s[i] != '/' && !dc_is_space(s[i]))
        i++;
    a->name = s + start;
    a->name_len = i - start;
    a->value = s + i;
    a->value_len = 0;
    while (i < n && dc_is_space(s[i]))
        i++;
    if (i >= n || s[i] != '=') {
        *pos = i;
        return 1;
    }
    i++;
    while (i < n && dc_is_space(s[i]))
        i++;
    if (i < n && (s[i] == '"' || s[i] == '\'')) {
        unsigned char q = s[i++];
        size_t vs = i;
        while (i < n && s[i] != q)
            i++;
        if (i >= n) { /* unterminated: the window ends inside the value */
            *pos = n;
            return 0;
        }
        a->value = s + vs;
        a->value_len = i - vs;
        i++;
    } else {
        size_t vs = i;
        while (i < n && !dc_is_space(s[i]) && s[i] != '>')
            i++;
        a->value = s + vs;
        a->value_len = i - vs;
    }
    *pos = i;
    return 1;
}

/*
 * WHATWG's prescan, simplified: the first <meta> naming a known encoding
 * wins; comments and other tags' attribute values (which may hold "<meta")
 * are skipped.  A meta can only name an ASCII-compatible encoding, so
 * UTF-16 there means UTF-8.
 */
static const encoding *prescan(const unsigned char *s, size_t n)
{
    char lc[48];
    if (n > PRESCAN_WINDOW)
        n = PRESCAN_WINDOW;
    size_t i = 0;
    while (i < n) {
        if (s[i] != '<') {
            const unsigned char *lt = memchr(s + i, '<', n - i);
            if (!lt)
                break;
            i = (size_t)(lt - s);
        }
        if (ci_prefix(s + i, n - i, "<!--")) {
            size_t j = i + 2; /* "<!-->" is a whole comment */
            while (j + 3 <= n && memcmp(s + j, "-->", 3))
                j++;
            if (j + 3 > n)
                break;
            i = j + 3;
        } else if (ci_prefix(s + i, n - i, "<meta") && i + 5 < n &&
                   (dc_is_space(s[i + 5]) || s[i + 5] == '/')) {
            i += 5;
            attr a;
            const unsigned char *cs = NULL, *content = NULL;
            size_t cs_len = 0, content_len = 0;
            int seen_equiv = 0, pragma = 0;
            while (get_attr(s, n, &i, &a)) {
                if (ci_equal(a.name, a.name_len, "http-equiv")) {
                    if (!seen_equiv)
                        pragma = ci_equal(a.value, a.value_len, "content-type");
                    seen_equiv = 1;
                } else if (ci_equal(a.name, a.name_len, "content") && !content) {
                    content = a.value;
                    content_len = a.value_len;
                } else if (ci_equal(a.name, a.name_len, "charset") && !cs) {
                    cs = a.value;
                    cs_len = a.value_len;
                }
            }
            const encoding *e = NULL;
            if (cs)
                e = lookup(cs, cs_len, lc, sizeof lc);
            else if (pragma && content && charset_param(content, content_len, &cs, &cs_len))
                e = lookup(cs, cs_len, lc, sizeof lc);
            if (e)
                return e->kind == K_UTF16LE || e->kind == K_UTF16BE ? ENC_UTF8 : e;
        } else if (i + 1 < n &&
                   (dc_is_alpha(s[i + 1]) || (s[i + 1] == '/' && i + 2 < n && dc_is_alpha(s[i + 2])))) {
            i += s[i + 1] == '/' ? 2 : 1;
            while (i < n && !dc_is_space(s[i]) && s[i] != '>')
                i++;
            attr a;
            while (get_attr(s, n, &i, &a))
                ;
        } else if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
            const unsigned char *gt = memchr(s + i, '>', n - i);
            if (!gt)
                break;
            i = (size_t)(gt - s) + 1;
        } else {
            i++;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------- sniffing */

/*
 * The compression s[0..n) starts with, by its magic bytes, when it is one
 * decant does not read (gzip is read, and zstd only as a web archive); NULL
 * otherwise.  Naming it says what to do ("decompress it first") where
 * "binary" would leave the reader guessing.
 */
static const char *foreign_compression(const unsigned char *s, size_t n)
{
    static const struct {
        unsigned char len;
        const char *sig, *name;
    } magic[] = {
        {4, "\x04\x22\x4d\x18", "lz4"},          /* frame format          */
        {4, "\x02\x21\x4c\x18", "lz4"},          /* legacy format         */
        {6, "\xfd" "7zXZ\0", "xz"},
        {4, "LZIP", "lzip"},
        {4, "\x28\xb5\x2f\xfd", "zstd"},
        {4, "\x37\xa4\x30\xec", "zstd"},          /* a zstd dictionary     */
        {2, "\x1f\x9d", "compress (.Z)"},
    };
    for (size_t i = 0; i < sizeof magic / sizeof magic[0]; i++)
        if (n >= magic[i].len && !memcmp(s, magic[i].sig, magic[i].len))
            return magic[i].name;
    if (n >= 10 && !memcmp(s, "BZh", 3) && s[3] >= '1' && s[3] <= '9' &&
        (!memcmp(s + 4, "1AY&SY", 6) || !memcmp(s + 4, "\x17\x72\x45\x38\x50\x90", 6)))
        return "bzip2";
    return NULL;
}

static int binary_magic(const unsigned char *s, size_t n)
{
    static const struct {
        unsigned char off, len;
        const char *sig;
    } magic[] = {
        {0, 8, "\x89PNG\r\n\x1a\n"},
        {0, 3, "\xff\xd8\xff"},             /* JPEG */
        {0, 6, "GIF87a"},
        {0, 6, "GIF89a"},
        {0, 5, "%PDF-"},
        {0, 4, "PK\x03\x04"},               /* zip, docx, epub, jar */
        {0, 4, "PK\x05\x06"},               /* empty zip */
        {0, 2, "\x1f\x8b"},                 /* gzip inside gzip */
        {0, 4, "\x7f" "ELF"},
        {0, 6, "7z\xbc\xaf\x27\x1c"},
        {0, 4, "Rar!"},
        {0, 4, "OggS"},
        {0, 4, "fLaC"},
        {0, 4, "ID3\x03"},                  /* MP3 */
        {0, 4, "ID3\x04"},
        {0, 4, "II*\0"},                    /* TIFF */
        {0, 4, "MM\0*"},
        {0, 4, "wOFF"},                     /* web fonts */
        {0, 4, "wOF2"},
        {0, 4, "\x1a\x45\xdf\xa3"},         /* Matroska, WebM */
        {0, 4, "\xca\xfe\xba\xbe"},         /* Java class, Mach-O fat */
        {4, 4, "ftyp"},                     /* MP4, MOV, AVIF, HEIC */
    };
    for (size_t i = 0; i < sizeof magic / sizeof magic[0]; i++)
        if (n >= (size_t)magic[i].off + magic[i].len &&
            !memcmp(s + magic[i].off, magic[i].sig, magic[i].len))
            return 1;
    /* RIFF alone could begin a text; the form type makes it certain. */
    if (n >= 12 && !memcmp(s, "RIFF", 4) &&
        (!memcmp(s + 8, "WEBP", 4) || !memcmp(s + 8, "WAVE", 4) || !memcmp(s + 8, "AVI ", 4)))
        return 1;
    return 0;
}

/* A control byte no text contains.  ESC is allowed: ISO-2022-JP uses it. */
static int is_binary_byte(unsigned c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b;
}

/*
 * UTF-16 without a BOM: ASCII markup puts a NUL in every other byte.  Returns
 * 1 for little-endian, 2 for big-endian, 0 otherwise.  The ASCII halves must
 * look like text too, or 16-bit binary data (audio, say) would qualify.
 */
static int sniff_utf16(const unsigned char *s, size_t n)
{
    size_t w = (n < SNIFF_WINDOW ? n : SNIFF_WINDOW) & ~(size_t)1;
    size_t units = w / 2;
    if (units < 2)
        return 0;
    size_t zero_even = 0, zero_odd = 0, bad_le = 0, bad_be = 0, tag_le = 0, tag_be = 0;
    for (size_t i = 0; i < w; i += 2) {
        if (!s[i]) {
            zero_even++;
            bad_be += is_binary_byte(s[i + 1]) || !s[i + 1];
            tag_be += s[i + 1] == '<';
        }
        if (!s[i + 1]) {
            zero_odd++;
            bad_le += is_binary_byte(s[i]) || !s[i];
            tag_le += s[i] == '<';
        }
    }
    /* Most characters ASCII, the other column (almost) never NUL: a few
     * U+xx00 characters are allowed. */
    if (zero_odd * 2 >= units && zero_even * 16 <= zero_odd && bad_le * 32 <= zero_odd)
        return 1;
    if (zero_even * 2 >= units && zero_odd * 16 <= zero_even && bad_be * 32 <= zero_even)
        return 2;
    /* A page in another script has fewer ASCII characters, but its markup
     * still shows: at least a quarter ASCII, and tags among them. */
    if (zero_odd * 4 >= units && tag_le >= 2 && zero_even * 16 <= zero_odd && bad_le * 32 <= zero_odd)
        return 1;
    if (zero_even * 4 >= units && tag_be >= 2 && zero_odd * 16 <= zero_even && bad_be * 32 <= zero_even)
        return 2;
    return 0;
}

/*
 * Text has no NULs and hardly any other C0 controls.  A single stray byte is
 * forgiven (real pages have them; it becomes U+FFFD); two NULs or more than
 * ~3% control bytes are what images, archives and executables look like.
 */
static int looks_binary(const unsigned char *s, size_t n)
{
    size_t w = n < SNIFF_WINDOW ? n : SNIFF_WINDOW, nul = 0, ctl = 0;
    for (size_t i = 0; i < w; i++) {
        if (!s[i])
            nul++;
        else if (is_binary_byte(s[i]))
            ctl++;
    }
    if (nul < 2 && nul + ctl <= 1 + w / 32)
        return 0;
    /* A page that says it is one ("<!DOCTYPE html", "<head") with a few
     * stray NULs (a crawler's padding, a CMS bug) is still a page: its NULs
     * become U+FFFD, as the HTML standard has parsers do. */
    static const char *const marks[] = {"<!doctype html", "<html", "<head", "<body", "<meta"};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (dc_contains_ci((const char *)s, w, marks[k]))
            return nul + ctl > w / 8;
    return 1;
}

/* ------------------------------------------------------------------ gzip */

/*
 * Inflates every gzip member of in[0..len) into a buffer from ar->alloc that
 * the caller frees (*cap bytes), never past `limit` bytes.
 */
static decant_status gunzip(const unsigned char *in, size_t len, size_t limit, dc_arena *ar,
                            unsigned char **outp, size_t *outn, size_t *outcap, int *truncated,
                            decant_error *err)
{
    /* The trailer's ISIZE (length mod 2^32 of the last member) is usually
     * the exact size; +1 lets the end of the stream be seen without a grow.
     * It is only a hint: a lying trailer is capped like everything else. */
    size_t first = 16384;
    if (len >= 18) {
        const unsigned char *t = in + len - 4;
        size_t isize = (size_t)t[0] | (size_t)t[1] << 8 | (size_t)t[2] << 16 | (size_t)t[3] << 24;
        if (isize < SIZE_MAX && isize + 1 > first && isize / 1032 <= len)
            first = isize + 1;
    }
    dc_inflate_job j = {.alloc = ar->alloc, .wbits = 16 + MAX_WBITS, .members = 1,
                        .limit = limit, .first = first};
    decant_status st = DECANT_ERR_GZIP;
    const char *why = NULL;
    dc_inflate_result res = dc_inflate(&j, in, len);
    /* A file cut short (a download stopped, a disk filled) still holds the
     * page up to the cut, which is worth more than nothing. */
    *truncated = res == DC_INFLATE_TRUNCATED && j.len > 0;
    switch (*truncated ? DC_INFLATE_OK : res) {
    case DC_INFLATE_OK:
        *outp = j.buf;
        *outn = j.len;
        *outcap = j.cap;
        return DECANT_OK;
    case DC_INFLATE_NOMEM_START:
        st = DECANT_ERR_NOMEM;
        /* fall through */
    case DC_INFLATE_NO_START:
        why = "cannot start inflating";
        break;
    case DC_INFLATE_NOMEM_BUFFER:
        st = DECANT_ERR_NOMEM, why = "gzip output buffer";
        break;
    case DC_INFLATE_NOMEM:
        st = DECANT_ERR_NOMEM, why = "inflating";
        break;
    case DC_INFLATE_TOO_LARGE:
        st = DECANT_ERR_TOO_LARGE, why = "gzip decompresses beyond the size limit";
        break;
    case DC_INFLATE_TRUNCATED:
        why = "truncated gzip stream";
        break;
    case DC_INFLATE_CORRUPT:
        why = j.why ? j.why : "corrupt gzip stream";
        break;
    }
    dc_free(ar->alloc, j.buf, j.cap);
    return dc_fail(err, st, why);
}

/* -------------------------------------------------------------- decoding */

/* uchardet's guess (its own name, e.g. "WINDOWS-1251") or NULL. */
static const char *detect(const unsigned char *s, size_t n, char *name, size_t size)
{
    uchardet_t ud = uchardet_new();
    if (!ud)
        return NULL;
    const char *r = NULL;
    if (uchardet_handle_data(ud, (const char *)s, n < DETECT_WINDOW ? n : DETECT_WINDOW) == 0) {
        uchardet_data_end(ud);
        const char *cs = uchardet_get_charset(ud);
        if (cs && *cs && strlen(cs) < size) {
            strcpy(name, cs);
            r = name;
        }
    }
    uchardet_delete(ud);
    return r;
}

/* Can `e` be used here?  For iconv encodings, opens *cd. */
static int usable(const encoding *e, iconv_t *cd)
{
    if (!e)
        return 0;
    if (e->kind != K_ICONV)
        return 1;
    *cd = iconv_open("UTF-8", e->iconv);
    return *cd != (iconv_t)-1;
}

static int is_utf16(const encoding *e)
{
    return e && (e->kind == K_UTF16LE || e->kind == K_UTF16BE);
}

/* Runs one converter; kind-specific arguments ride along in the job. */
typedef struct {
    const unsigned char *s;
    size_t n;
    const encoding *e;
    iconv_t cd;
} job;

static size_t convert(const job *j, char *d, size_t cap)
{
    switch (j->e->kind) {
    case K_UTF8:
        return utf8_clean(j->s, j->n, d);
    case K_UTF16LE:
    case K_UTF16BE:
        return utf16_conv(j->s, j->n, j->e->kind == K_UTF16BE, d);
    case K_1252:
        return w1252_conv(j->s, j->n, d);
    case K_ICONV:
        return iconv_conv(j->cd, j->s, j->n, d, cap);
    }
    return (size_t)-1;
}

/* ------------------------------------------------- does a charset fit? */

#define JUDGE_WINDOW 16384 /* bytes of the page a charset is judged on   */
#define SAMPLE_MAX 2048    /* text of them the judges read                */
/* Oddities (dc_text_oddness) per 100 letters that text read with its own
 * charset stays under; read with another it scores 10 and more. */
#define FIT_RATE 3

/* Decodes s[0..n) with e into the arena, as UTF-8; NULL when it cannot. */
static char *decode_with(const unsigned char *s, size_t n, const encoding *e, dc_arena *ar,
                         size_t *len)
{
    iconv_t cd = (iconv_t)-1;
    if (!usable(e, &cd))
        return NULL;
    job j = {s, n, e, cd};
    size_t k = convert(&j, NULL, 0);
    char *d = k != (size_t)-1 ? dc_arena_alloc(ar, k + 1) : NULL;
    if (d && convert(&j, d, k) != k)
        d = NULL;
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    if (d) {
        d[k] = '\0';
        *len = k;
    }
    return d;
}

/* Where the page's text begins to need a charset: from a little before its
 * first non-ASCII byte (every byte before it is ASCII, so any cut there is
 * a character boundary), JUDGE_WINDOW bytes. */
static void judge_window(const unsigned char *s, size_t n, size_t *from, size_t *to)
{
    size_t p = 0;
    while (p < n && s[p] < 0x80)
        p++;
    *from = p > 512 ? p - 512 : 0;
    *to = n - *from > JUDGE_WINDOW ? *from + JUDGE_WINDOW : n;
}

/* The text of decoded markup d[0..len) that has non-ASCII in it, outside
 * tags, scripts and styles, into buf (cap bytes, cut at a character). */
static size_t text_sample(const char *d, size_t len, char *buf, size_t cap)
{
    const unsigned char *u = (const unsigned char *)d;
    size_t o = 0, i = 0;
    while (i < len && o < cap) {
        if (u[i] == '<') {
            const char *close = ci_prefix(u + i, len - i, "<script") ? "</script"
                                : ci_prefix(u + i, len - i, "<style") ? "</style"
                                                                     : NULL;
            if (close)
                while (i < len && !ci_prefix(u + i, len - i, close))
                    i++;
            const char *gt = memchr(d + i, '>', len - i);
            i = gt ? (size_t)(gt - d) + 1 : len;
            continue;
        }
        size_t st = i;
        int high = 0;
        while (i < len && u[i] != '<')
            high |= u[i++] >= 0x80;
        if (!high)
            continue;
        size_t k = i - st;
        if (k > cap - o - 1) {
            k = cap - o - 1;
            while (k && (u[st + k] & 0xC0) == 0x80)
                k--;
        }
        memcpy(buf + o, d + st, k);
        o += k;
        buf[o++] = ' ';
    }
    return o;
}

typedef struct {
    size_t odd, letters;
    int sure; /* the language detector knows the text's language */
} fit;

static int judge(const unsigned char *s, size_t n, const encoding *e, dc_arena *ar, fit *f)
{
    size_t len;
    char *d = decode_with(s, n, e, ar, &len);
    if (!d)
        return 0;
    char buf[SAMPLE_MAX], code[16];
    size_t k = text_sample(d, len, buf, sizeof buf);
    f->odd = dc_text_oddness(buf, k, &f->letters);
    f->sure = k >= DC_LANG_MIN_BYTES && dc_lang_detect(buf, k, code);
    return 1;
}

static int fits(const fit *f)
{
    return f->sure && f->odd * 100 <= f->letters * FIT_RATE;
}

static int same_charset(const encoding *a, const encoding *b)
{
    return a == b || !strcmp(a->iconv, b->iconv);
}

/* Charsets uchardet tells apart poorly: they differ in a few letters only
 * (the euro sign and œ; Ukrainian і ї є ґ; Czech š ž ť). */
static const char *const siblings[][3] = {
    {"windows-1252", "iso-8859-15", NULL},
    {"koi8-r", "koi8-u", NULL},
    {"windows-1250", "iso-8859-2", NULL},
    {"windows-1253", "iso-8859-7", NULL},
};

/* Of e and its siblings, the one whose reading of s[0..n) is least odd
 * (e on a tie). */
static const encoding *pick_sibling(const unsigned char *s, size_t n, const encoding *e,
                                    dc_arena *ar)
{
    for (size_t g = 0; g < sizeof siblings / sizeof siblings[0]; g++) {
        int member = 0;
        for (size_t k = 0; siblings[g][k]; k++)
            member |= !strcmp(siblings[g][k], e->name);
        if (!member)
            continue;
        const encoding *best = e;
        size_t best_odd = SIZE_MAX;
        for (size_t k = 0; k < 3; k++) {
            const encoding *c = k == 0 ? e : siblings[g][k - 1] ? find_encoding(siblings[g][k - 1]) : NULL;
            size_t len, letters;
            char *d = c && (k == 0 || c != e) ? decode_with(s, n, c, ar, &len) : NULL;
            if (!d)
                continue;
            char buf[SAMPLE_MAX];
            size_t odd = dc_text_oddness(buf, text_sample(d, len, buf, sizeof buf), &letters);
            if (odd < best_odd)
                best = c, best_odd = odd;
        }
        return best;
    }
    return e;
}

/* uchardet's guess for the page, refined among siblings; NULL if none.
 * `guessed` holds a charset missing from the tables, `lc` its name. */
static const encoding *guess(const unsigned char *s, size_t n, dc_arena *ar, encoding *guessed,
                             char *lc, size_t lc_size)
{
    char raw[48];
    const char *name = detect(s, n, raw, sizeof raw);
    if (!name)
        return NULL;
    const encoding *c = lookup((const unsigned char *)name, strlen(name), lc, lc_size);
    if (!c) {
        /* uchardet's names are iconv's (which takes them in any case), so
         * rarer charsets still work. */
        *guessed = (encoding){lc, lc, K_ICONV};
        c = guessed;
    }
    if (is_utf16(c))
        return NULL;
    size_t a, b;
    judge_window(s, n, &a, &b);
    return pick_sibling(s + a, b - a, c, ar);
}

/*
 * A declared charset that does not fit the page: read with it, the text is
 * not in any language the detector knows, or is full of oddities (letters
 * of two scripts in a word, capitals everywhere, U+FFFD), while read with
 * uchardet's guess it is plain prose.  Old pages are full of such labels
 * (windows-1251 text under iso-8859-1, GBK under big5).  Returns the
 * better charset, or NULL to keep the declared one.
 */
static const encoding *better_than_declared(const unsigned char *s, size_t n, const encoding *e,
                                            dc_arena *ar, encoding *guessed, char *lc,
                                            size_t lc_size)
{
    size_t a, b;
    judge_window(s, n, &a, &b);
    fit fd, fg;
    if (!judge(s + a, b - a, e, ar, &fd) || fits(&fd))
        return NULL;
    const encoding *g = guess(s, n, ar, guessed, lc, lc_size);
    if (!g || same_charset(g, e) || !judge(s + a, b - a, g, ar, &fg) || !fits(&fg))
        return NULL;
    /* Both read as a language: the guess must be clearly less odd. */
    if (fd.sure && fg.odd * 2 >= fd.odd)
        return NULL;
    return g;
}

/* Does s[0..n) hold a byte outside ASCII? */
static int has_high_byte(const unsigned char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            return 1;
    }
    for (; i < n; i++)
        if (s[i] & 0x80)
            return 1;
    return 0;
}

static decant_status decode_text(const unsigned char *s, size_t n, const char *content_type,
                                 unsigned flags, dc_arena *ar, dc_decoded *out,
                                 decant_error *err)
{
    const char *packed = foreign_compression(s, n);
    if (packed) {
        char why[128];
        snprintf(why, sizeof why, "%s; decompress it first (decant reads gzip, and zstd web "
                 "archives)", packed);
        return dc_fail(err, DECANT_ERR_COMPRESSION, why);
    }
    if (binary_magic(s, n))
        return dc_fail(err, DECANT_ERR_BINARY, "file signature of a binary format");

    const encoding *e = NULL;
    const char *source = NULL;
    iconv_t cd = (iconv_t)-1;
    encoding guessed; /* for a detector name missing from our tables */
    char lc[48];

    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        e = ENC_UTF8, s += 3, n -= 3;
    else if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
        e = ENC_UTF16LE, s += 2, n -= 2;
    else if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
        e = ENC_UTF16BE, s += 2, n -= 2;
    if (e) {
        source = "bom";
    } else {
        int u = sniff_utf16(s, n);
        if (u) {
            e = u == 1 ? ENC_UTF16LE : ENC_UTF16BE;
            source = "detector";
        } else if (looks_binary(s, n)) {
            return dc_fail(err, DECANT_ERR_BINARY, "control bytes in the first kilobyte");
        }
    }

    /* A declared UTF-16 is ignored below: had the bytes been UTF-16 the BOM
     * or the NUL pattern would have said so, and trusting a wrong label
     * would garble every character. */
    if (!e && content_type) {
        const unsigned char *v;
        size_t vn;
        const unsigned char *ct = (const unsigned char *)content_type;
        if (charset_param(ct, strlen(content_type), &v, &vn)) {
            const encoding *c = lookup(v, vn, lc, sizeof lc);
            if (!is_utf16(c) && usable(c, &cd))
                e = c, source = "content-type";
        }
    }
    if (!e) {
        const encoding *c = prescan(s, n);
        if (usable(c, &cd))
            e = c, source = "meta";
    }
    int high = !is_utf16(e) && has_high_byte(s, n);
    int valid = high ? dc_utf8_valid(s, n) : 1; /* all ASCII is valid UTF-8 */
    /* A legacy charset cannot have produced bytes that are valid UTF-8 with
     * multi-byte sequences in them (a "gb2312" page saved as UTF-8 by its
     * CMS): the declaration is wrong, and trusting it would garble every
     * character.  Bytes that are all ASCII read the same either way. */
    if (e && e->kind != K_UTF8 && high && valid) {
        if (cd != (iconv_t)-1)
            iconv_close(cd), cd = (iconv_t)-1;
        e = ENC_UTF8, source = "utf8-over-declared";
    }
    /* Any other declaration is checked against the text it gives. */
    if (e && high && !valid && (!strcmp(source, "content-type") || !strcmp(source, "meta"))) {
        const encoding *g = better_than_declared(s, n, e, ar, &guessed, lc, sizeof lc);
        iconv_t gcd = (iconv_t)-1;
        if (g && usable(g, &gcd)) {
            if (cd != (iconv_t)-1)
                iconv_close(cd);
            cd = gcd;
            e = g, source = "detector-over-declared";
        }
    }
    if (!e && valid)
        e = ENC_UTF8, source = "utf8-valid";
    if (!e) {
        const encoding *c = guess(s, n, ar, &guessed, lc, sizeof lc);
        if (usable(c, &cd))
            e = c, source = "detector";
    }
    if (!e)
        e = ENC_1252, source = "default";

    decant_status st = DECANT_OK;
    const char *why = NULL;
    char *text = NULL;
    size_t len = 0;
    if (e->kind == K_UTF8 && valid && !memchr(s, 0, n)) {
        /* The input is usable as is: the next phase (prune.c) copies it
         * anyway, so a second copy here would be pure cost.  An inflated
         * buffer is freed on return, so that one is copied. */
        len = n;
        text = out->was_gzip ? dc_arena_strndup(ar, (const char *)s, n) : (char *)s;
        if (!text)
            st = DECANT_ERR_NOMEM, why = "copying the page";
    } else {
        job j = {s, n, e, cd};
        len = convert(&j, NULL, 0);
        if (len == (size_t)-1) {
            st = DECANT_ERR_DECODE, why = e->name;
        } else if (!(text = dc_arena_alloc(ar, len + 1))) {
            st = DECANT_ERR_NOMEM, why = "decoded text";
        } else if (convert(&j, text, len) != len) {
            st = DECANT_ERR_DECODE, why = e->name;
        } else {
            text[len] = '\0';
        }
        /* iconv's output is trusted no further than the contract needs. */
        if (st == DECANT_OK && e->kind == K_ICONV &&
            (!dc_utf8_valid((const unsigned char *)text, len) || memchr(text, 0, len))) {
            const unsigned char *t = (const unsigned char *)text;
            size_t clean_len = utf8_clean(t, len, NULL);
            char *clean = dc_arena_alloc(ar, clean_len + 1);
            if (!clean) {
                st = DECANT_ERR_NOMEM, why = "decoded text";
            } else {
                utf8_clean(t, len, clean);
                clean[clean_len] = '\0';
                text = clean;
                len = clean_len;
            }
        }
    }
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    dc_mojibake_plan plan;
    if (st == DECANT_OK && !(flags & DC_DECODE_NO_REPAIR) &&
        dc_mojibake_plan_text(text, len, &plan)) {
        char *fixed = dc_arena_alloc(ar, len + plan.grow + 1);
        if (!fixed) {
            st = DECANT_ERR_NOMEM, why = "repaired text";
        } else {
            len = dc_mojibake_repair(text, len, &plan, fixed);
            fixed[len] = '\0';
            text = fixed;
        }
    }
    if (st != DECANT_OK)
        return dc_fail(err, st, why);

    out->text = text;
    out->len = len;
    size_t k = strlen(e->name);
    if (k >= sizeof out->charset)
        k = sizeof out->charset - 1;
    for (size_t i = 0; i < k; i++)
        out->charset[i] = (char)dc_lower((unsigned char)e->name[i]);
    out->charset[k] = '\0';
    out->charset_source = source;
    return DECANT_OK;
}

decant_status dc_decode(const unsigned char *in, size_t len, const char *content_type,
                        size_t max_bytes, unsigned flags, dc_arena *ar, dc_decoded *out,
                        decant_error *err)
{
    if (!out || !ar || (!in && len))
        return dc_fail(err, DECANT_ERR_INVALID, "dc_decode");
    memset(out, 0, sizeof *out);
    if (len == 0)
        return dc_fail(err, DECANT_ERR_EMPTY, NULL);
    size_t limit = max_bytes ? max_bytes : SIZE_MAX;
    if (len > limit)
        return dc_fail(err, DECANT_ERR_TOO_LARGE, NULL);
    if (len < 2 || in[0] != 0x1f || in[1] != 0x8b)
        return decode_text(in, len, content_type, flags, ar, out, err);

    unsigned char *buf = NULL;
    size_t n = 0, cap = 0;
    int truncated = 0;
    decant_status st = gunzip(in, len, limit, ar, &buf, &n, &cap, &truncated, err);
    if (st != DECANT_OK)
        return st;
    out->was_gzip = 1;
    if (n == 0)
        st = dc_fail(err, DECANT_ERR_EMPTY, "the gzip stream holds no bytes");
    else
        st = decode_text(buf, n, content_type, flags, ar, out, err);
    out->truncated = truncated;
    dc_free(ar->alloc, buf, cap);
    return st;
}
