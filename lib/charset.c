/*
 * charset.c — charsets by name (WHATWG's labels and their aliases, the
 * families spelt many ways), and where a page names its own: the charset=
 * parameter and the <meta> prescan of the page's start.
 */
#include "charset.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

#define PRESCAN_WINDOW 4096    /* <meta charset> is sought this far           */

/* The first four are fixed: DC_ENC_* refer to them by index. */
const dc_encoding dc_encodings[] = {
    {"utf-8", "UTF-8", DC_K_UTF8},
    {"utf-16le", "UTF-16LE", DC_K_UTF16LE},
    {"utf-16be", "UTF-16BE", DC_K_UTF16BE},
    {"windows-1252", "CP1252", DC_K_1252},
    {"iso-8859-2", "ISO-8859-2", DC_K_ICONV},
    {"iso-8859-3", "ISO-8859-3", DC_K_ICONV},
    {"iso-8859-4", "ISO-8859-4", DC_K_ICONV},
    {"iso-8859-5", "ISO-8859-5", DC_K_ICONV},
    {"iso-8859-6", "ISO-8859-6", DC_K_ICONV},
    {"iso-8859-7", "ISO-8859-7", DC_K_ICONV},
    {"iso-8859-8", "ISO-8859-8", DC_K_ICONV},
    {"iso-8859-10", "ISO-8859-10", DC_K_ICONV},
    {"iso-8859-13", "ISO-8859-13", DC_K_ICONV},
    {"iso-8859-14", "ISO-8859-14", DC_K_ICONV},
    {"iso-8859-15", "ISO-8859-15", DC_K_ICONV},
    {"iso-8859-16", "ISO-8859-16", DC_K_ICONV},
    {"windows-1250", "CP1250", DC_K_ICONV},
    {"windows-1251", "CP1251", DC_K_ICONV},
    {"windows-1253", "CP1253", DC_K_ICONV},
    {"windows-1254", "CP1254", DC_K_ICONV},
    {"windows-1255", "CP1255", DC_K_ICONV},
    {"windows-1256", "CP1256", DC_K_ICONV},
    {"windows-1257", "CP1257", DC_K_ICONV},
    {"windows-1258", "CP1258", DC_K_ICONV},
    {"windows-874", "CP874", DC_K_ICONV},
    {"koi8-r", "KOI8-R", DC_K_ICONV},
    {"koi8-u", "KOI8-U", DC_K_ICONV},
    {"ibm866", "CP866", DC_K_ICONV},
    {"x-mac-cyrillic", "MAC-CYRILLIC", DC_K_ICONV},
    {"macintosh", "MACINTOSH", DC_K_ICONV},
    /* WHATWG's CJK decoders are the vendor supersets; so are these. */
    {"shift_jis", "CP932", DC_K_ICONV},
    {"euc-jp", "EUC-JP", DC_K_ICONV},
    {"iso-2022-jp", "ISO-2022-JP", DC_K_ICONV},
    {"gbk", "GB18030", DC_K_ICONV},
    {"gb18030", "GB18030", DC_K_ICONV},
    {"big5", "BIG5-HKSCS", DC_K_ICONV},
    {"euc-kr", "CP949", DC_K_ICONV},
};

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

const dc_encoding *dc_charset_find(const char *name)
{
    for (size_t i = 0; i < sizeof dc_encodings / sizeof dc_encodings[0]; i++)
        if (!strcmp(dc_encodings[i].name, name))
            return &dc_encodings[i];
    return NULL;
}

/* The encoding a label names, or NULL.  `lc` receives the lower-cased label. */
const dc_encoding *dc_charset_lookup(const unsigned char *s, size_t n, char *lc, size_t lc_size)
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
    const dc_encoding *e = dc_charset_find(lc);
    if (e)
        return e;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (!strcmp(aliases[i].label, lc))
            return dc_charset_find(aliases[i].name);

    /* Families spelt many ways: windows-125x / cp125x / x-cp125x, and
     * iso-8859-N / iso8859-N / iso_8859-N[:1987] / iso8859N. */
    const char *p = lc;
    char name[24];
    if (!strncmp(p, "x-", 2))
        p += 2;
    if ((!strncmp(p, "cp125", 5) && p[5] >= '0' && p[5] <= '8' && !p[6]) ||
        (p == lc && !strncmp(p, "windows-125", 11) && p[11] >= '0' && p[11] <= '8' && !p[12])) {
        snprintf(name, sizeof name, "windows-125%c", p[p[1] == 'p' ? 5 : 11]);
        return dc_charset_find(name);
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
        return DC_ENC_1252;
    if (num == 9)
        return dc_charset_find("windows-1254");
    if (num == 11)
        return dc_charset_find("windows-874");
    snprintf(name, sizeof name, "iso-8859-%u", num);
    return dc_charset_find(name);
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
int dc_charset_param(const unsigned char *s, size_t n, const unsigned char **v, size_t *vn)
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
const dc_encoding *dc_charset_prescan(const unsigned char *s, size_t n)
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
            const dc_encoding *e = NULL;
            if (cs)
                e = dc_charset_lookup(cs, cs_len, lc, sizeof lc);
            else if (pragma && content && dc_charset_param(content, content_len, &cs, &cs_len))
                e = dc_charset_lookup(cs, cs_len, lc, sizeof lc);
            if (e)
                return e->kind == DC_K_UTF16LE || e->kind == DC_K_UTF16BE ? DC_ENC_UTF8 : e;
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
