/*
 * meta_text.c — the text helpers metadata shares: trimming (NBSP too),
 * telling a URL, character references decoded and whitespace collapsed,
 * counting words.
 */
#include <string.h>

#include "meta_priv.h"

/* Names are trimmed of C's whitespace, vertical tab included. */
static int is_ws(unsigned char c)
{
    return dc_is_space(c) || c == '\v';
}

void dc_trim(const char **s, size_t *n)
{
    const unsigned char *p = (const unsigned char *)*s;
    size_t len = *n;
    for (;;) {
        if (len && is_ws(p[0]))
            p++, len--;
        else if (len >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
            p += 2, len -= 2;
        else
            break;
    }
    for (;;) {
        if (len && is_ws(p[len - 1]))
            len--;
        else if (len >= 2 && p[len - 2] == 0xC2 && p[len - 1] == 0xA0)
            len -= 2;
        else
            break;
    }
    *s = (const char *)p;
    *n = len;
}

int dc_looks_like_url(const char *s, size_t n)
{
    return dc_contains_ci(s, n, "http:") || dc_contains_ci(s, n, "https:") ||
           dc_contains_ci(s, n, "www.") || (n && s[0] == '/') || dc_contains_ci(s, n, ".com/") ||
           dc_contains_ci(s, n, ".html");
}

/* ------------------------------------------------------------ entities */

static const struct {
    const char *name;
    unsigned long cp;
} entities[] = {
    {"amp", '&'}, {"quot", '"'}, {"apos", '\''}, {"lt", '<'}, {"gt", '>'}, {"nbsp", ' '},
    {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"bull", 0x2022}, {"middot", 0xB7}, {"laquo", 0xAB}, {"raquo", 0xBB},
};

size_t dc_entity_at(const char *s, size_t n, unsigned long *cp)
{
    size_t i = 0;
    if (n > 2 && s[0] == '#') {
        int hex = s[1] == 'x' || s[1] == 'X';
        unsigned long v = 0;
        for (i = hex ? 2 : 1; i < n && i < 10 && s[i] != ';'; i++) {
            char c = s[i];
            int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0)
                return 0;
            v = v * (hex ? 16 : 10) + (unsigned long)d;
        }
        if (i >= n || s[i] != ';' || v == 0 || v > 0x10FFFF)
            return 0;
        *cp = v;
        return i + 1;
    }
    for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++) {
        size_t m = strlen(entities[k].name);
        if (m < n && !memcmp(s, entities[k].name, m) && s[m] == ';') {
            *cp = entities[k].cp;
            return m + 1;
        }
    }
    return 0;
}

char *dc_unescape(dc_arena *tmp, const char *s, size_t n, size_t *out_n)
{
    /* A reference is never shorter than its character, nor a run of blanks
     * than the one space it becomes. */
    char *o = dc_arena_alloc(tmp, n + 1);
    if (!o)
        return NULL;
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned long cp = (unsigned char)s[i];
        size_t used = s[i] == '&' ? dc_entity_at(s + i + 1, n - i - 1, &cp) : 0;
        i += used;
        int nbsp = (used && cp == 0xA0) || (!used && cp == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0);
        if (nbsp && !used)
            i++;
        if (nbsp || (cp < 0x80 && is_ws((unsigned char)cp))) {
            sp = 1;
            continue;
        }
        if (sp && k)
            o[k++] = ' ';
        sp = 0;
        if (used)
            k += dc_utf8_encode((uint32_t)cp, o + k);
        else
            o[k++] = s[i];
    }
    o[k] = '\0';
    *out_n = k;
    return o;
}


int dc_word_count(const char *s, size_t n)
{
    int words = 0;
    for (size_t i = 0; i < n; i++)
        words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return words;
}
