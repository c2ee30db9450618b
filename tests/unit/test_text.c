/* test_text.c — lib/text.c: the toolkit's ASCII, UTF-8, hashing, buffer and
 * bounded-inflate helpers. */
#include <stdlib.h>
#include <zlib.h>

#include "arena.h"
#include "test.h"
#include "text.h"

TEST(text_ascii)
{
    CHECK(dc_lower('A') == 'a' && dc_lower('Z') == 'z' && dc_lower('a') == 'a');
    CHECK(dc_lower('@') == '@' && dc_lower('[') == '[' && dc_lower(0xC3) == 0xC3);
    CHECK(dc_is_alpha('q') && dc_is_alpha('Q') && !dc_is_alpha('@') && !dc_is_alpha('[') &&
          !dc_is_alpha('`') && !dc_is_alpha('{') && !dc_is_alpha(0xE1) && !dc_is_alpha('1'));
    CHECK(dc_is_space(' ') && dc_is_space('\f') && dc_is_space('\r') && !dc_is_space('\v') &&
          !dc_is_space(0xA0) && !dc_is_space('x'));
    CHECK(dc_starts_ci("Published on", 12, "published") && !dc_starts_ci("Pub", 3, "published"));
    CHECK(dc_contains_ci("a Most-Read box", 15, "most-read") && !dc_contains_ci("most", 4, "most-read"));
    CHECK(dc_eq_ci("Canonical", 9, "canonical", 9) && !dc_eq_ci("canonica-", 9, "canonical", 9));
    CHECK(dc_has_digit("May 3", 5) && !dc_has_digit("May", 3));
}

TEST(text_fnv1a)
{
    /* The published FNV-1a test vectors. */
    CHECK(dc_fnv1a("", 0) == 0x811c9dc5u);
    CHECK(dc_fnv1a("a", 1) == 0xe40c292cu);
    CHECK(dc_fnv1a("foobar", 6) == 0xbf9cf968u);
    uint32_t h = DC_FNV_SEED;
    for (const char *p = "foobar"; *p; p++)
        h = dc_fnv1a_step(h, (unsigned char)*p);
    CHECK(h == dc_fnv1a("foobar", 6));
}

TEST(text_utf8_round_trip)
{
    static const uint32_t cps[] = {0x24, 0x7F, 0x80, 0xA9, 0x7FF, 0x800, 0x20AC, 0xFFFD, 0xFFFF,
                                   0x10000, 0x1F600, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        size_t k = dc_utf8_encode(cps[i], buf);
        CHECK(k == dc_utf8_encode(cps[i], NULL));
        CHECK(dc_utf8_valid((const unsigned char *)buf, k));
        uint32_t cp = 0;
        CHECK(dc_utf8_decode((const unsigned char *)buf, k, &cp) == k && cp == cps[i]);
        /* one byte short is no character */
        CHECK(dc_utf8_decode((const unsigned char *)buf, k - 1, &cp) == 0);
    }
    uint32_t cp = 7;
    /* overlong, surrogate, past U+10FFFF, stray continuation */
    CHECK(dc_utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp) == 0 && cp == 7);
    CHECK(dc_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp) == 0);
    CHECK(dc_utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &cp) == 0);
    CHECK(dc_utf8_decode((const unsigned char *)"\x80", 1, &cp) == 0);
    CHECK(dc_windows1252_c1[0] == 0x20AC && dc_windows1252_c1[0x19] == 0x2122 &&
          dc_windows1252_c1[1] == 0x81);
}

TEST(text_grow)
{
    void *p = NULL;
    size_t cap = 0;
    CHECK(dc_grow(&dc_default_allocator, &p, &cap, 10, 64) && cap == 64 && p);
    CHECK(dc_grow(&dc_default_allocator, &p, &cap, 64, 64) && cap == 64);
    CHECK(dc_grow(&dc_default_allocator, &p, &cap, 65, 64) && cap == 128);
    CHECK(dc_grow(&dc_default_allocator, &p, &cap, 1000, 64) && cap == 1024);
    dc_free(&dc_default_allocator, p, cap);
}

/* n bytes of a repeated sentence, compressed with zlib's deflateInit2 wbits. */
static unsigned char *deflated(size_t n, int wbits, size_t *len)
{
    unsigned char *src = malloc(n ? n : 1);
    for (size_t i = 0; i < n; i++)
        src[i] = (unsigned char)"The zeppelin drifted over the harbour. "[i % 39];
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&z, (uLong)n);
    unsigned char *out = malloc(cap);
    z.next_in = src;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    *len = cap - z.avail_out;
    deflateEnd(&z);
    free(src);
    return out;
}

static dc_inflate_result inflate_into(const unsigned char *in, size_t n, int wbits, int members,
                                      size_t limit, size_t *len)
{
    dc_inflate_job j = {.alloc = &dc_default_allocator, .wbits = wbits, .members = members,
                        .limit = limit, .first = 100};
    dc_inflate_result r = dc_inflate(&j, in, n);
    *len = j.len;
    if (r == DC_INFLATE_OK || r == DC_INFLATE_TRUNCATED)
        CHECK(j.len == 0 || memcmp(j.buf, "The zeppelin", j.len < 12 ? j.len : 12) == 0);
    CHECK(j.cap <= (limit > 100 ? limit : 100));
    dc_free(&dc_default_allocator, j.buf, j.cap);
    return r;
}

TEST(text_inflate_bounded)
{
    size_t n, len;
    unsigned char *gz = deflated(100000, 31, &n);
    CHECK(inflate_into(gz, n, 31, 0, 100000, &len) == DC_INFLATE_OK && len == 100000);
    CHECK(inflate_into(gz, n, 31, 0, 99999, &len) == DC_INFLATE_TOO_LARGE && len == 99999);
    CHECK(inflate_into(gz, n / 2, 31, 0, 1 << 20, &len) == DC_INFLATE_TRUNCATED && len > 0);
    /* zlib and raw deflate */
    unsigned char *zl = deflated(5000, 15, &n);
    CHECK(inflate_into(zl, n, 15, 0, 5000, &len) == DC_INFLATE_OK && len == 5000);
    free(zl);
    unsigned char *raw = deflated(5000, -15, &n);
    CHECK(inflate_into(raw, n, -15, 0, 5000, &len) == DC_INFLATE_OK && len == 5000);
    CHECK(inflate_into(raw, n, 15, 0, 5000, &len) == DC_INFLATE_CORRUPT);
    free(raw);
    free(gz);
}

TEST(text_inflate_members)
{
    size_t n;
    unsigned char *one = deflated(3000, 31, &n);
    unsigned char *two = malloc(2 * n + 3);
    memcpy(two, one, n);
    memcpy(two + n, one, n);
    memcpy(two + 2 * n, "xyz", 3); /* junk after the last member is ignored */
    size_t len;
    CHECK(inflate_into(two, 2 * n + 3, 31, 1, 1 << 20, &len) == DC_INFLATE_OK && len == 6000);
    CHECK(inflate_into(two, 2 * n + 3, 31, 0, 1 << 20, &len) == DC_INFLATE_OK && len == 3000);
    CHECK(inflate_into(two, 2 * n + 3, 31, 1, 5999, &len) == DC_INFLATE_TOO_LARGE);
    free(two);
    free(one);
}
