/*
 * html_scan.c — see html_scan.h.
 */
#include "html_scan.h"

#include <string.h>

#include "text.h"

size_t dc_comment_end(const char *s, size_t n)
{
    size_t p = 4;
    /* "<!-->" and "<!--->": the comment start states end it at once. */
    if (p < n && s[p] == '>')
        return p + 1;
    if (p + 1 < n && s[p] == '-' && s[p + 1] == '>')
        return p + 2;
    while (p + 1 < n) {
        const char *d = memchr(s + p, '-', n - p - 1);
        if (!d)
            break;
        p = (size_t)(d - s);
        if (s[p + 1] == '-') {
            if (p + 2 < n && s[p + 2] == '>')
                return p + 3;
            if (p + 3 < n && s[p + 2] == '!' && s[p + 3] == '>')
                return p + 4;
        }
        p++;
    }
    return 0;
}

size_t dc_attr_value_end(const char *s, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && dc_is_space((unsigned char)s[j]))
        j++;
    if (j >= n || s[j] != '=')
        return i;
    j++;
    while (j < n && dc_is_space((unsigned char)s[j]))
        j++;
    if (j >= n)
        return 0;
    if (s[j] == '"' || s[j] == '\'') {
        const char *q = memchr(s + j + 1, s[j], n - j - 1);
        return q ? (size_t)(q - s) + 1 : 0;
    }
    while (j < n && !dc_is_space((unsigned char)s[j]) && s[j] != '>')
        j++;
    return j;
}

size_t dc_raw_text_end(const char *s, size_t n, const char *name, size_t len)
{
    size_t p = 0;
    while (p + 2 + len < n) {
        const char *lt = memchr(s + p, '<', n - p);
        if (!lt)
            break;
        size_t q = (size_t)(lt - s);
        if (q + 2 + len >= n)
            break;
        if (s[q + 1] == '/') {
            size_t k = 0;
            while (k < len && dc_lower((unsigned char)s[q + 2 + k]) == (unsigned char)name[k])
                k++;
            char c = s[q + 2 + len];
            if (k == len && (c == '>' || c == '/' || dc_is_space((unsigned char)c)))
                return q;
        }
        p = q + 1;
    }
    return n;
}
