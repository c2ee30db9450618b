/*
 * ascii.h — case-insensitive comparisons over ASCII, for markup and
 * vocabulary that is ASCII whatever the page's language.  Used from the
 * pruning pass to metadata; bytes >= 0x80 compare as themselves.
 */
#ifndef DC_ASCII_H
#define DC_ASCII_H

#include <stddef.h>

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

#endif
