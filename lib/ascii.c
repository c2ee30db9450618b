/*
 * ascii.c — see ascii.h.
 */
#include "ascii.h"

#include <string.h>

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/*
 * Runs on many attribute values per page, so candidates for the first byte
 * are found with memchr (vectorised) rather than byte by byte, for the
 * lower- and the upper-case letter each.
 */
int dc_contains_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (k == 0)
        return 1;
    if (k > n)
        return 0;
    char lc = needle[0], uc = lc >= 'a' && lc <= 'z' ? (char)(lc - 32) : lc;
    const char *end = s + (n - k + 1); /* candidates start before end */
    const char *pl = memchr(s, lc, (size_t)(end - s));
    const char *pu = uc != lc ? memchr(s, uc, (size_t)(end - s)) : NULL;
    while (pl || pu) {
        const char *p = !pu || (pl && pl < pu) ? pl : pu;
        size_t j = 1;
        while (j < k && lower(p[j]) == needle[j])
            j++;
        if (j == k)
            return 1;
        if (p == pl)
            pl = memchr(p + 1, lc, (size_t)(end - p - 1));
        else
            pu = memchr(p + 1, uc, (size_t)(end - p - 1));
    }
    return 0;
}
