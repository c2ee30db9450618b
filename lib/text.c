/*
 * text.c — the text toolkit (see text.h).
 */
#include "text.h"

#include <limits.h>
#include <string.h>
#include <zlib.h>

#include "arena.h"

/* ------------------------------------------------------------- ASCII */

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
        while (j < k && (char)dc_lower((unsigned char)p[j]) == needle[j])
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

int dc_starts_ci(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (dc_lower((unsigned char)s[i]) != (unsigned char)lit[i])
            return 0;
    return 1;
}

int dc_same_words(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ' || *a == '\n' || *a == '\t')
            a++;
        while (*b == ' ' || *b == '\n' || *b == '\t')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (dc_lower((unsigned char)*a) != dc_lower((unsigned char)*b))
            return 0;
        a++, b++;
    }
}

/* ------------------------------------------------------------- UTF-8 */

size_t dc_utf8_encode(uint32_t cp, char *d)
{
    if (cp < 0x80) {
        if (d)
            d[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        if (d) {
            d[0] = (char)(0xC0 | cp >> 6);
            d[1] = (char)(0x80 | (cp & 0x3F));
        }
        return 2;
    }
    if (cp < 0x10000) {
        if (d) {
            d[0] = (char)(0xE0 | cp >> 12);
            d[1] = (char)(0x80 | (cp >> 6 & 0x3F));
            d[2] = (char)(0x80 | (cp & 0x3F));
        }
        return 3;
    }
    if (d) {
        d[0] = (char)(0xF0 | cp >> 18);
        d[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        d[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        d[3] = (char)(0x80 | (cp & 0x3F));
    }
    return 4;
}

size_t dc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t k = n ? dc_utf8_seq(s, n) : 0;
    if (k == 1)
        *cp = s[0];
    else if (k == 2)
        *cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
    else if (k == 3)
        *cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    else if (k == 4)
        *cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
              (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
    return k;
}

int dc_utf8_valid(const unsigned char *s, size_t n)
{
    if (!s)
        return n == 0;
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            /* Markup is mostly ASCII: test a word at a time. */
            while (i + 16 <= n) {
                uint64_t a, b;
                memcpy(&a, s + i, 8);
                memcpy(&b, s + i + 8, 8);
                if ((a | b) & 0x8080808080808080ull)
                    break;
                i += 16;
            }
            while (i < n && s[i] < 0x80)
                i++;
            continue;
        }
        size_t k = dc_utf8_seq(s + i, n - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

const uint16_t dc_windows1252_c1[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* ----------------------------------------------------------- buffers */

int dc_grow(const decant_allocator *a, void **buf, size_t *cap, size_t need, size_t first)
{
    if (*cap >= need)
        return 1;
    size_t want = *cap ? *cap : first ? first : 1;
    while (want < need)
        want = want > SIZE_MAX / 2 ? need : want * 2;
    void *p = dc_realloc(a, *buf, *cap, want);
    if (!p)
        return 0;
    *buf = p;
    *cap = want;
    return 1;
}

int dc_grow_array(const decant_allocator *a, void **arr, size_t *cap, size_t count, size_t elem,
                  size_t first)
{
    if (count < *cap)
        return 1;
    size_t n = dc_next_cap(*cap, elem, first);
    if (!n)
        return 0;
    void *p = dc_realloc(a, *arr, *cap * elem, n * elem);
    if (!p)
        return 0;
    *arr = p;
    *cap = n;
    return 1;
}

/* ----------------------------------------------------------- inflate */

/* zlib's state through the allocator hook. */
void *dc_zalloc(void *opaque, unsigned items, unsigned size)
{
    if (size && items > SIZE_MAX / size)
        return Z_NULL;
    return dc_malloc_sized(opaque, (size_t)items * size);
}

void dc_zfree(void *opaque, void *p)
{
    dc_free_sized(opaque, p);
}

/*
 * Free bytes at the end of the output, up to the limit; 0 when the limit is
 * reached, SIZE_MAX when the buffer could not grow.  Growth doubles, but
 * never past the limit, so that a bomb costs at most `limit` bytes.
 */
static size_t room(dc_inflate_job *j)
{
    size_t top = j->cap < j->limit ? j->cap : j->limit;
    if (j->len < top)
        return top - j->len;
    if (j->cap >= j->limit)
        return 0;
    size_t cap = !j->cap ? (j->first < j->limit ? j->first : j->limit)
                 : j->cap > j->limit / 2 ? j->limit : j->cap * 2;
    if (cap == 0)
        cap = 1;
    unsigned char *p = dc_realloc(j->alloc, j->buf, j->cap, cap);
    if (!p)
        return SIZE_MAX;
    j->buf = p;
    j->cap = cap;
    return cap - j->len;
}

dc_inflate_result dc_inflate(dc_inflate_job *j, const unsigned char *in, size_t n)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    zs.zalloc = dc_zalloc;
    zs.zfree = dc_zfree;
    zs.opaque = (voidpf)(uintptr_t)j->alloc;
    j->len = 0;
    j->why = NULL;
    int zr = inflateInit2(&zs, j->wbits);
    if (zr != Z_OK)
        return zr == Z_MEM_ERROR ? DC_INFLATE_NOMEM_START : DC_INFLATE_NO_START;
    dc_inflate_result res = DC_INFLATE_OK;
    zs.next_in = (Bytef *)(uintptr_t)in;
    for (;;) {
        size_t consumed = (size_t)((const unsigned char *)zs.next_in - in);
        if (zs.avail_in == 0 && consumed < n)
            zs.avail_in = (uInt)(n - consumed < UINT_MAX ? n - consumed : UINT_MAX);
        unsigned char probe;
        size_t free_bytes = room(j);
        if (free_bytes == SIZE_MAX) {
            res = DC_INFLATE_NOMEM_BUFFER;
            break;
        }
        int probing = free_bytes == 0;
        if (probing) {
            zs.next_out = &probe;
            zs.avail_out = 1;
        } else {
            zs.next_out = j->buf + j->len;
            zs.avail_out = (uInt)(free_bytes < UINT_MAX ? free_bytes : UINT_MAX);
        }
        zr = inflate(&zs, Z_NO_FLUSH);
        if (probing) {
            if (zs.avail_out == 0) {
                res = DC_INFLATE_TOO_LARGE;
                break;
            }
        } else {
            j->len = (size_t)(zs.next_out - j->buf);
        }
        if (zr == Z_STREAM_END) {
            consumed = (size_t)((const unsigned char *)zs.next_in - in);
            /* Another member follows (concatenated gzip)?  Anything else
             * after the end is padding or junk, which browsers ignore too. */
            if (j->members && n - consumed >= 2 && in[consumed] == 0x1f && in[consumed + 1] == 0x8b) {
                inflateReset(&zs);
                continue;
            }
            break;
        }
        if (zr == Z_OK)
            continue;
        /* No progress with room to write means the input ran out. */
        if (zr == Z_BUF_ERROR && zs.avail_out == 0)
            continue;
        if (zr == Z_MEM_ERROR) {
            res = DC_INFLATE_NOMEM;
        } else if (zr == Z_BUF_ERROR) {
            res = DC_INFLATE_TRUNCATED;
        } else {
            res = DC_INFLATE_CORRUPT;
            j->why = zs.msg;
        }
        break;
    }
    inflateEnd(&zs);
    return res;
}
