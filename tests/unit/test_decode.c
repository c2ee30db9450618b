/* test_decode.c — lib/decode.c: gzip, binary sniffing, charsets, UTF-8. */
#include <iconv.h>
#include <stdlib.h>
#include <zlib.h>

#include "decode.h"
#include "test.h"

#define MB ((size_t)1 << 20)

typedef struct {
    dc_arena ar;
    dc_decoded d;
    decant_error err;
    decant_status st;
} run;

static void dec(run *r, const void *s, size_t n, const char *ct, size_t max)
{
    memset(r, 0, sizeof *r);
    dc_arena_init(&r->ar, NULL, 4096);
    r->st = dc_decode(s, n, ct, max ? max : 64 * MB, 0, &r->ar, &r->d, &r->err);
}

/* Decodes a C string literal (no embedded NULs). */
static void decs(run *r, const char *s, const char *ct)
{
    dec(r, s, strlen(s), ct, 0);
}

static void done(run *r)
{
    dc_arena_release(&r->ar);
}

/* gzip-compresses n bytes of `s` (repeated `times` times) into a malloc'd buffer. */
static unsigned char *gz(const void *s, size_t n, size_t times, size_t *outn)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    size_t cap = 1024 + n / 2, len = 0;
    unsigned char *buf = malloc(cap);
    for (size_t t = 0; t < times; t++) {
        zs.next_in = (Bytef *)s;
        zs.avail_in = (uInt)n;
        int flush = t + 1 == times ? Z_FINISH : Z_NO_FLUSH;
        int zr;
        do {
            if (cap - len < 4096) {
                cap *= 2;
                buf = realloc(buf, cap);
            }
            zs.next_out = buf + len;
            zs.avail_out = (uInt)(cap - len);
            zr = deflate(&zs, flush);
            len = (size_t)(zs.next_out - buf);
        } while (zs.avail_in > 0 || (flush == Z_FINISH && zr != Z_STREAM_END));
    }
    deflateEnd(&zs);
    *outn = len;
    return buf;
}

/* Converts UTF-8 text to `charset` with iconv, into a malloc'd buffer. */
static char *to_charset(const char *utf8, const char *charset, size_t *outn)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t n = strlen(utf8), cap = 4 * n + 4, left = cap; /* UTF-16 doubles ASCII */
    char *buf = malloc(cap), *op = buf, *ip = (char *)utf8;
    size_t r = iconv(cd, &ip, &n, &op, &left);
    iconv_close(cd);
    if (r == (size_t)-1) {
        free(buf);
        return NULL;
    }
    *outn = (size_t)(op - buf);
    return buf;
}

static const char RUSSIAN[] =
    "<html><head><title>Новости</title></head><body><p>"
    "Правительство Российской Федерации утвердило новую программу развития "
    "транспортной инфраструктуры на ближайшие десять лет. По словам министра, "
    "в первую очередь средства будут направлены на строительство дорог и "
    "мостов в регионах, где жители давно ждут перемен. Эксперты считают, что "
    "реализация программы потребует значительных усилий со стороны местных "
    "властей и частных инвесторов, однако результаты будут заметны уже через "
    "несколько лет. Жители небольших городов надеются, что новые дороги "
    "помогут развитию местного бизнеса и туризма.</p></body></html>";

/* ------------------------------------------------------------------ BOMs */

TEST(decode_bom_utf8)
{
    run r;
    decs(&r, "\xEF\xBB\xBF<p>caf\xC3\xA9</p>", NULL);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, "<p>caf\xC3\xA9</p>");
    CHECK(r.d.len == strlen("<p>caf\xC3\xA9</p>"));
    CHECK_STR(r.d.charset, "utf-8");
    CHECK_STR(r.d.charset_source, "bom");
    CHECK(!r.d.was_gzip);
    done(&r);
}

TEST(decode_bom_utf16le)
{
    /* <p>é😀, then a high surrogate without its low half before 'A' */
    static const char in[] = "\xFF\xFE<\0p\0>\0\xE9\0\x3D\xD8\x00\xDE\x3D\xD8" "A\0";
    run r;
    dec(&r, in, sizeof in - 1, NULL, 0);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, "<p>\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD" "A");
    CHECK_STR(r.d.charset, "utf-16le");
    CHECK_STR(r.d.charset_source, "bom");
    done(&r);
}

TEST(decode_bom_utf16be)
{
    static const char in[] = "\xFE\xFF\0<\0p\0>\x04\x1F\xD8\x00"; /* <p>П + lone surrogate */
    run r;
    dec(&r, in, sizeof in - 1, NULL, 0);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, "<p>\xD0\x9F\xEF\xBF\xBD");
    CHECK_STR(r.d.charset, "utf-16be");
    done(&r);
}

TEST(decode_utf16le_without_bom)
{
    static const char in[] = "<\0h\0t\0m\0l\0>\0<\0p\0>\0\xE9\0<\0/\0p\0>\0";
    run r;
    dec(&r, in, sizeof in - 1, NULL, 0);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, "<html><p>\xC3\xA9</p>");
    CHECK_STR(r.d.charset, "utf-16le");
    CHECK_STR(r.d.charset_source, "detector");
    done(&r);
}

/* ------------------------------------------------------ declared labels */

TEST(decode_content_type_beats_meta)
{
    run r;
    decs(&r, "<meta charset=utf-8><p>\xE9</p>", "text/html; charset=windows-1251");
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, "<meta charset=utf-8><p>\xD0\xB9</p>"); /* 0xE9 = й */
    CHECK_STR(r.d.charset, "windows-1251");
    CHECK_STR(r.d.charset_source, "content-type");
    done(&r);
}

TEST(decode_utf8_over_a_declared_legacy_charset)
{
    run r;
    /* UTF-8 bytes under <meta charset=gb2312>: no GBK text is valid UTF-8 */
    decs(&r, "<meta charset=\"gb2312\"><p>\xE4\xB8\xAD\xE6\x96\x87</p>", NULL);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, "<meta charset=\"gb2312\"><p>\xE4\xB8\xAD\xE6\x96\x87</p>");
    CHECK_STR(r.d.charset, "utf-8");
    CHECK_STR(r.d.charset_source, "utf8-over-declared");
    done(&r);
    /* the same under the transport's charset */
    decs(&r, "<p>\xD0\x9F\xD1\x80\xD0\xB8</p>", "text/html; charset=windows-1251");
    CHECK_STR(r.d.text, "<p>\xD0\x9F\xD1\x80\xD0\xB8</p>");
    CHECK_STR(r.d.charset_source, "utf8-over-declared");
    done(&r);
    /* all ASCII reads the same either way: the declaration stands */
    decs(&r, "<meta charset=windows-1251><p>plain</p>", NULL);
    CHECK_STR(r.d.charset, "windows-1251");
    CHECK_STR(r.d.charset_source, "meta");
    done(&r);
    /* real windows-1251 is not valid UTF-8: the declaration stands */
    decs(&r, "<meta charset=windows-1251><p>\xCF\xF0\xE8\xE2\xE5\xF2</p>", NULL);
    CHECK_STR(r.d.charset, "windows-1251");
    CHECK_HAS(r.d.text, "<p>Привет</p>");
    done(&r);
    /* nor is UTF-16, which only a BOM or NULs declare */
    decs(&r, "\xFF\xFE<\0p\0>\0", "text/html; charset=gb2312");
    CHECK_STR(r.d.charset, "utf-16le");
    done(&r);
}

TEST(decode_content_type_quoted_upper_case)
{
    run r;
    decs(&r, "<p>\xC1</p>", "Text/HTML;CHARSET=\"KOI8-R\"");
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, "<p>\xD0\xB0</p>"); /* KOI8-R 0xC1 = а */
    CHECK_STR(r.d.charset, "koi8-r");
    done(&r);
}

TEST(decode_content_type_unknown_label_falls_through)
{
    run r;
    decs(&r, "<meta charset=\"windows-1251\"><p>\xCF</p>", "text/html; charset=x-bogus");
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.charset_source, "meta");
    CHECK_HAS(r.d.text, "<p>\xD0\x9F</p>");
    done(&r);
}

TEST(decode_meta_charset)
{
    run r;
    decs(&r, "<html><head><meta charset=\"Windows-1251\"></head><p>\xCF\xF0\xE8\xE2\xE5\xF2</p>",
         "text/html");
    CHECK(r.st == DECANT_OK);
    CHECK_HAS(r.d.text, "<p>Привет</p>");
    CHECK_STR(r.d.charset, "windows-1251");
    CHECK_STR(r.d.charset_source, "meta");
    done(&r);
}

TEST(decode_meta_http_equiv)
{
    run r;
    decs(&r,
         "<html><head><title>x</title><META HTTP-EQUIV='content-type' "
         "CONTENT='text/html; charset=koi8-r'></head><p>\xF0\xD2\xC9\xD7\xC5\xD4</p>",
         NULL);
    CHECK(r.st == DECANT_OK);
    CHECK_HAS(r.d.text, "<p>Привет</p>");
    CHECK_STR(r.d.charset, "koi8-r");
    CHECK_STR(r.d.charset_source, "meta");
    done(&r);
}

TEST(decode_meta_in_comment_or_attribute_ignored)
{
    run r;
    decs(&r, "<!-- a > b <meta charset=koi8-r> --><div title='<meta charset=koi8-r>'>caf\xC3\xA9</div>",
         NULL);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.charset_source, "utf8-valid");
    CHECK_HAS(r.d.text, "caf\xC3\xA9");
    done(&r);
}

TEST(decode_meta_utf16_means_utf8)
{
    run r;
    decs(&r, "<meta charset=utf-16><p>\xE9</p>", NULL);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.charset, "utf-8");
    CHECK_STR(r.d.charset_source, "meta");
    CHECK_STR(r.d.text, "<meta charset=utf-16><p>\xEF\xBF\xBD</p>");
    done(&r);
}

TEST(decode_windows1252_smart_quotes)
{
    run r;
    decs(&r, "<p>\x93Hi\x94 \x80 \x81</p>", "text/html; charset=windows-1252");
    CHECK(r.st == DECANT_OK);
    /* “Hi” € and the undefined 0x81 as U+0081, as browsers do */
    CHECK_STR(r.d.text, "<p>\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x82\xAC \xC2\x81</p>");
    CHECK_STR(r.d.charset, "windows-1252");
    done(&r);
}

TEST(decode_latin1_label_means_windows1252)
{
    const char *labels[] = {"iso-8859-1", "ISO_8859-1:1987", "latin1", "us-ascii", "iso8859-1"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        char ct[64];
        snprintf(ct, sizeof ct, "text/html; charset=%s", labels[i]);
        run r;
        decs(&r, "<p>\x93x\xE9</p>", ct);
        CHECK(r.st == DECANT_OK);
        CHECK_STR(r.d.text, "<p>\xE2\x80\x9Cx\xC3\xA9</p>");
        CHECK_STR(r.d.charset, "windows-1252");
        CHECK_STR(r.d.charset_source, "content-type");
        done(&r);
    }
}

TEST(decode_label_aliases)
{
    run r;
    decs(&r, "<p>\x82\xA0</p>", "text/html; charset=x-sjis");
    CHECK_STR(r.d.charset, "shift_jis");
    CHECK_STR(r.d.text, "<p>\xE3\x81\x82</p>"); /* あ */
    done(&r);
    decs(&r, "<meta charset=gb2312><p>\xC4\xE3\xBA\xC3</p>", NULL);
    CHECK_STR(r.d.charset, "gbk");
    CHECK_HAS(r.d.text, "<p>你好</p>");
    done(&r);
    decs(&r, "<meta charset=cp1251><p>\xCF</p>", NULL);
    CHECK_STR(r.d.charset, "windows-1251");
    done(&r);
    decs(&r, "<meta charset=' X-CP1250 '><p>\xCF</p>", NULL);
    CHECK_STR(r.d.charset, "windows-1250");
    CHECK_STR(r.d.charset_source, "meta");
    done(&r);
    decs(&r, "<meta charset=utf8><p>\xE9</p>", NULL);
    CHECK_STR(r.d.charset, "utf-8");
    CHECK_STR(r.d.charset_source, "meta");
    done(&r);
}

TEST(decode_iconv_bad_bytes_become_fffd)
{
    run r;
    /* 0x98 is unassigned in windows-1251; a truncated Shift_JIS lead at the end */
    decs(&r, "<p>\xCF\x98\xCF</p>", "text/html; charset=windows-1251");
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, "<p>\xD0\x9F\xEF\xBF\xBD\xD0\x9F</p>");
    done(&r);
    decs(&r, "<p>a\x82", "text/html; charset=shift_jis");
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, "<p>a\xEF\xBF\xBD");
    done(&r);
}

/* ------------------------------------------------------------- UTF-8 */

TEST(decode_utf8_undeclared_fast_path)
{
    static const char in[] = "<p>na\xC3\xAFve \xE2\x82\xAC \xF0\x9F\x98\x80</p>";
    run r;
    decs(&r, in, NULL);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, in);
    CHECK(r.d.len == sizeof in - 1);
    CHECK_STR(r.d.charset, "utf-8");
    CHECK_STR(r.d.charset_source, "utf8-valid");
    done(&r);
}

TEST(decode_invalid_utf8_declared_utf8)
{
    run r;
    /* a lone 0xFF; a truncated € (E2 82) before 'c'; an overlong C0 AF */
    decs(&r, "a\xFF" "b\xE2\x82" "c\xC0\xAF" "d", "text/html; charset=UTF-8");
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD" "d");
    CHECK(dc_utf8_valid((const unsigned char *)r.d.text, r.d.len));
    CHECK_STR(r.d.charset_source, "content-type");
    done(&r);
}

TEST(decode_nul_replaced)
{
    static const char in[] = "<p>a\0b</p>";
    run r;
    dec(&r, in, sizeof in - 1, NULL, 0);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, "<p>a\xEF\xBF\xBD" "b</p>");
    CHECK(r.d.len == strlen("<p>a\xEF\xBF\xBD" "b</p>"));
    done(&r);
    /* also through iconv and the built-in windows-1252 */
    dec(&r, in, sizeof in - 1, "text/html; charset=koi8-r", 0);
    CHECK_STR(r.d.text, "<p>a\xEF\xBF\xBD" "b</p>");
    done(&r);
    dec(&r, in, sizeof in - 1, "text/html; charset=latin1", 0);
    CHECK_STR(r.d.text, "<p>a\xEF\xBF\xBD" "b</p>");
    done(&r);
}

TEST(decode_utf8_valid_edges)
{
#define V(lit) dc_utf8_valid((const unsigned char *)(lit), sizeof(lit) - 1)
    CHECK(V(""));
    CHECK(V("plain ascii, long enough to take the word-at-a-time path"));
    CHECK(V("\xC2\x80"));
    CHECK(V("\xE0\xA0\x80"));
    CHECK(V("\xED\x9F\xBF"));             /* U+D7FF, just below the surrogates */
    CHECK(V("\xEF\xBF\xBF"));
    CHECK(V("\xF0\x90\x80\x80"));
    CHECK(V("\xF4\x8F\xBF\xBF"));         /* U+10FFFF */
    CHECK(!V("\xC0\x80"));                /* overlong NUL */
    CHECK(!V("\xC1\xBF"));
    CHECK(!V("\xE0\x9F\xBF"));            /* overlong 3-byte */
    CHECK(!V("\xF0\x8F\xBF\xBF"));        /* overlong 4-byte */
    CHECK(!V("\xED\xA0\x80"));            /* surrogate U+D800 */
    CHECK(!V("\xF4\x90\x80\x80"));        /* U+110000 */
    CHECK(!V("\xF5\x80\x80\x80"));
    CHECK(!V("\xE2\x82"));                /* truncated */
    CHECK(!V("\xC3"));
    CHECK(!V("\xC3\x28"));                /* lead byte without continuation */
    CHECK(!V("0123456789abcdef\xE2\x82")); /* truncated after a fast run */
    CHECK(!V("\x80"));                    /* stray continuation */
    CHECK(!V("\xE2\x28\xA1"));
    CHECK(!V("\xFF"));
#undef V
}

/* ------------------------------------------------------------- detector */

TEST(decode_detector_cyrillic)
{
    const char *charsets[] = {"WINDOWS-1251", "KOI8-R"};
    const char *want[] = {"windows-1251", "koi8-r"};
    for (int i = 0; i < 2; i++) {
        size_t n;
        char *in = to_charset(RUSSIAN, charsets[i], &n);
        CHECK(in != NULL);
        if (!in)
            continue;
        run r;
        dec(&r, in, n, NULL, 0);
        CHECK(r.st == DECANT_OK);
        CHECK_STR(r.d.charset_source, "detector");
        CHECK_STR(r.d.charset, want[i]);
        CHECK_STR(r.d.text, RUSSIAN);
        done(&r);
        free(in);
    }
}

TEST(decode_default_is_windows1252)
{
    run r;
    decs(&r, "<p>\xE9</p>", NULL);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.charset, "windows-1252");
    CHECK_STR(r.d.text, "<p>\xC3\xA9</p>");
    done(&r);
}

/* ------------------------------------------------------------------ gzip */

TEST(decode_gzip_roundtrip)
{
    static const char page[] = "<html><body><p>caf\xC3\xA9 \xE2\x80\x94 gzip</p></body></html>";
    size_t n;
    unsigned char *z = gz(page, sizeof page - 1, 1, &n);
    run r;
    dec(&r, z, n, NULL, 0);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, page);
    CHECK(r.d.was_gzip);
    CHECK_STR(r.d.charset_source, "utf8-valid");
    done(&r);
    free(z);
}

TEST(decode_gzip_concatenated_members)
{
    size_t n1, n2;
    unsigned char *a = gz("<p>one</p>", 10, 1, &n1);
    unsigned char *b = gz("<p>two</p>", 10, 1, &n2);
    unsigned char *both = malloc(n1 + n2);
    memcpy(both, a, n1);
    memcpy(both + n1, b, n2);
    run r;
    dec(&r, both, n1 + n2, NULL, 0);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.text, "<p>one</p><p>two</p>");
    done(&r);
    free(a);
    free(b);
    free(both);
}

TEST(decode_gzip_truncated_or_corrupt)
{
    char page[4000];
    for (size_t i = 0; i < sizeof page; i++)
        page[i] = "<p>abcdefghij klmnopq</p>\n"[i % 26] ^ (char)((i / 26) % 3);
    size_t n;
    unsigned char *z = gz(page, sizeof page, 1, &n);
    run r;
    /* cut short: what came before the cut is decoded, and said to be cut */
    dec(&r, z, n / 2, NULL, 0);
    CHECK(r.st == DECANT_OK);
    CHECK(r.d.truncated == 1);
    CHECK(r.d.len > 0 && r.d.len < sizeof page);
    done(&r);
    dec(&r, z, n - 3, NULL, 0); /* only the trailer is cut */
    CHECK(r.st == DECANT_OK);
    CHECK(r.d.truncated == 1 && r.d.len == sizeof page);
    done(&r);
    dec(&r, z, n, NULL, 0);
    CHECK(r.st == DECANT_OK && r.d.truncated == 0);
    done(&r);
    z[n / 2] ^= 0x55;
    z[n / 2 + 1] ^= 0xAA;
    dec(&r, z, n, NULL, 0);
    CHECK(r.st == DECANT_ERR_GZIP);
    done(&r);
    dec(&r, "\x1f\x8b", 2, NULL, 0);
    CHECK(r.st == DECANT_ERR_GZIP);
    done(&r);
    free(z);
}

TEST(decode_foreign_compression_named)
{
    static const struct {
        const char *bytes;
        size_t n;
        const char *name;
    } cases[] = {
        {"\x04\x22\x4d\x18\x64\x40\xa7WARC/1.0", 15, "lz4"},
        {"\xfd" "7zXZ\0\0\x04\xe6\xd6\xb4\x46", 12, "xz"},
        {"BZh91AY&SY\x12\x34", 12, "bzip2"},
        {"\x28\xb5\x2f\xfd\x24\x05\x29\0\0<p>x</p>", 16, "zstd"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run r;
        dec(&r, cases[i].bytes, cases[i].n, NULL, 0);
        CHECK(r.st == DECANT_ERR_COMPRESSION);
        CHECK_HAS(r.err.message, cases[i].name);
        done(&r);
    }
}

/* Counts what the decoder obtains through the decant allocator. */
typedef struct {
    size_t live, peak;
} counter;

static void *cnt_malloc(void *ctx, size_t n)
{
    counter *c = ctx;
    c->live += n;
    if (c->live > c->peak)
        c->peak = c->live;
    return malloc(n);
}
static void *cnt_realloc(void *ctx, void *p, size_t o, size_t n)
{
    counter *c = ctx;
    c->live += n - o;
    if (c->live > c->peak)
        c->peak = c->live;
    return realloc(p, n);
}
static void cnt_free(void *ctx, void *p, size_t n)
{
    counter *c = ctx;
    c->live -= n;
    free(p);
}

TEST(decode_gzip_bomb_stops_at_max_bytes)
{
    size_t chunk = MB;
    char *zeros = calloc(1, chunk);
    size_t n;
    unsigned char *z = gz(zeros, chunk, 64, &n); /* 64 MB of zeros */
    free(zeros);
    CHECK(n < MB / 4);
    counter c = {0, 0};
    decant_allocator al = {cnt_malloc, cnt_realloc, cnt_free, &c};
    dc_arena ar;
    dc_arena_init(&ar, &al, 4096);
    dc_decoded d;
    decant_error err;
    decant_status st = dc_decode(z, n, NULL, MB, 0, &ar, &d, &err);
    CHECK(st == DECANT_ERR_TOO_LARGE);
    CHECK(err.code == DECANT_ERR_TOO_LARGE);
    /* the output buffer is capped at max_bytes; the rest is zlib's state */
    CHECK(c.peak <= MB + 128 * 1024);
    dc_arena_release(&ar);
    CHECK(c.live == 0);
    free(z);
}

TEST(decode_gzip_exactly_max_bytes_fits)
{
    char page[1000];
    memset(page, 'a', sizeof page);
    memcpy(page, "<p>", 3);
    size_t n;
    unsigned char *z = gz(page, sizeof page, 1, &n);
    run r;
    dec(&r, z, n, NULL, sizeof page);
    CHECK(r.st == DECANT_OK);
    CHECK(r.d.len == sizeof page);
    done(&r);
    dec(&r, z, n, NULL, sizeof page - 1);
    CHECK(r.st == DECANT_ERR_TOO_LARGE);
    done(&r);
    free(z);
}

TEST(decode_gzip_inside_gzip_is_binary)
{
    size_t n1, n2;
    unsigned char *inner = gz("<p>x</p>", 8, 1, &n1);
    unsigned char *outer = gz(inner, n1, 1, &n2);
    run r;
    dec(&r, outer, n2, NULL, 0);
    CHECK(r.st == DECANT_ERR_BINARY);
    CHECK(r.d.was_gzip);
    done(&r);
    free(inner);
    free(outer);
}

/* ------------------------------------------------------ errors, binary */

TEST(decode_png_is_binary)
{
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    run r;
    dec(&r, png, sizeof png - 1, "text/html", 0);
    CHECK(r.st == DECANT_ERR_BINARY);
    CHECK(r.err.code == DECANT_ERR_BINARY);
    CHECK(r.err.message != NULL);
    done(&r);
    decs(&r, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", NULL);
    CHECK(r.st == DECANT_ERR_BINARY);
    done(&r);
    dec(&r, "PK\x03\x04\x14\0\0\0", 8, NULL, 0);
    CHECK(r.st == DECANT_ERR_BINARY);
    done(&r);
}

TEST(decode_control_bytes_are_binary)
{
    unsigned char junk[512];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)(i * 37 + 11);
    run r;
    dec(&r, junk, sizeof junk, NULL, 0);
    CHECK(r.st == DECANT_ERR_BINARY);
    done(&r);
    /* ESC, tab, CR, LF and form feed are text */
    decs(&r, "<p>\x1b$B\t\r\n\f</p>", NULL);
    CHECK(r.st == DECANT_OK);
    done(&r);
}

TEST(decode_page_with_nul_padding_is_text)
{
    /* Several NULs near the start: binary, unless the bytes say they are a
     * page; then the NULs become U+FFFD like any other. */
    static const char page[] = "<!DOCTYPE html><html><head><title>T</title></head>\0\0\0<body>x</body>";
    run r;
    dec(&r, page, sizeof page - 1, NULL, 0);
    CHECK(r.st == DECANT_OK);
    CHECK_HAS(r.d.text, "</head>\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD<body>");
    done(&r);
    static const char junk[] = "\0\0\0\0<html>\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10";
    dec(&r, junk, sizeof junk - 1, NULL, 0);
    CHECK(r.st == DECANT_ERR_BINARY); /* mostly control bytes: markup or not */
    done(&r);
    static const char nul_text[] = "plain\0text\0with nuls";
    dec(&r, nul_text, sizeof nul_text - 1, NULL, 0);
    CHECK(r.st == DECANT_ERR_BINARY);
    done(&r);
}

TEST(decode_empty_and_too_large)
{
    run r;
    dec(&r, "", 0, NULL, 0);
    CHECK(r.st == DECANT_ERR_EMPTY);
    CHECK(r.err.code == DECANT_ERR_EMPTY);
    done(&r);
    size_t n;
    unsigned char *z = gz("", 0, 1, &n);
    dec(&r, z, n, NULL, 0);
    CHECK(r.st == DECANT_ERR_EMPTY);
    done(&r);
    free(z);
    dec(&r, "<p>hello</p>", 12, NULL, 5);
    CHECK(r.st == DECANT_ERR_TOO_LARGE);
    done(&r);
}

/* The decoded text as a C string (it may alias a NUL-less input). */
static const char *text_of(run *r, char *buf, size_t cap)
{
    size_t n = r->d.len < cap - 1 ? r->d.len : cap - 1;
    memcpy(buf, r->d.text, n);
    buf[n] = '\0';
    return buf;
}

TEST(decode_mojibake_repaired)
{
    run r;
    char buf[256];
    /* UTF-8 read as Latin-1 and encoded again: "—" came out as U+00E2 U+0080 U+0094 */
    decs(&r, "<p>a \xC3\xA2\xC2\x80\xC2\x94 b \xC3\xA2\xC2\x80\xC2\x94 caf\xC3\x83\xC2\xA9 \xC3\xA2\xC2\x80\xC2\x99</p>",
         "text/html; charset=utf-8");
    CHECK(r.st == DECANT_OK);
    CHECK_STR(text_of(&r, buf, sizeof buf), "<p>a \xE2\x80\x94 b \xE2\x80\x94 caf\xC3\xA9 \xE2\x80\x99</p>");
    done(&r);
    /* read as windows-1252: "’" came out as "â€™" */
    decs(&r, "<p>it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s, don\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2t, "
             "won\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2t</p>", NULL);
    CHECK_STR(text_of(&r, buf, sizeof buf), "<p>it\xE2\x80\x99s, don\xE2\x80\x99t, won\xE2\x80\x99t</p>");
    done(&r);
    /* a C1 control that was windows-1252 on the way in: "Â•" is a bullet */
    decs(&r, "<li>\xC3\x82\xE2\x80\xA2 one</li><li>\xC3\x82\xE2\x80\xA2 two</li><li>\xC3\x82\xE2\x80\xA2 three</li>",
         NULL);
    CHECK_STR(text_of(&r, buf, sizeof buf),
              "<li>\xE2\x80\xA2 one</li><li>\xE2\x80\xA2 two</li><li>\xE2\x80\xA2 three</li>");
    done(&r);
}

TEST(decode_lone_c1_controls)
{
    run r;
    char buf[256];
    /* windows-1252 text read once as Latin-1: the C1 controls are its
     * punctuation, and no text means a C1 control */
    decs(&r, "<p>we\xC2\x92re \xC2\x93here\xC2\x94 \xC2\x97 at \xC2\x80" "5, \xC2\x81</p>", NULL);
    CHECK_STR(text_of(&r, buf, sizeof buf), "<p>we\xE2\x80\x99re \xE2\x80\x9Chere\xE2\x80\x9D "
                                            "\xE2\x80\x94 at \xE2\x82\xAC" "5, \xC2\x81</p>");
    done(&r);
}

TEST(decode_mojibake_left_alone)
{
    run r;
    char buf[256];
    /* one sequence may be a page about mojibake */
    const char *one = "<p>Why does caf\xC3\x83\xC2\xA9 show up?</p>";
    decs(&r, one, NULL);
    CHECK_STR(text_of(&r, buf, sizeof buf), one);
    done(&r);
    /* real text: "SÃO PAULO", "âge", "à côté", "Ã" before ASCII */
    const char *real = "<p>S\xC3\x83O PAULO, \xC3\xA2ge, \xC3\xA0 c\xC3\xB4t\xC3\xA9, \xC3\x83 \xC3\x83! "
                       "\xC3\xA2 \xC3\xA2</p>";
    decs(&r, real, NULL);
    CHECK_STR(text_of(&r, buf, sizeof buf), real);
    done(&r);
    /* on a page that is repaired, sequences that would decode to overlong
     * forms or surrogates stay as they are ("à€€" would be E0 80 80) */
    decs(&r, "<p>\xC3\xA0\xE2\x82\xAC\xE2\x82\xAC \xC3\xAD\xC2\xA0\xE2\x82\xAC "
             "\xC3\xA0\xC5\xB8\xC2\xBF \xC3\x83\xC2\xA9\xC3\x83\xC2\xA9 \xC3\x83\xC2\xA9</p>", NULL);
    CHECK_STR(text_of(&r, buf, sizeof buf),
              "<p>\xC3\xA0\xE2\x82\xAC\xE2\x82\xAC \xC3\xAD\xC2\xA0\xE2\x82\xAC "
              "\xC3\xA0\xC5\xB8\xC2\xBF \xC3\xA9\xC3\xA9 \xC3\xA9</p>");
    done(&r);
}

/* ------------------------------------------- declarations that do not fit */

static const char RUSSIAN_PARAS[] =
    "<p>В субботу в центре города после долгого ремонта открылась новая библиотека. Читатели с "
    "утра выстроились в очередь у входа, чтобы первыми увидеть обновлённые залы.</p><p>Ремонт "
    "продолжался почти два года и обошёлся городу в сорок миллионов рублей. В здании появились "
    "читальный зал на сто мест, детская комната и небольшое кафе.</p>";

/* A page in `charset` that declares `label` in a meta. */
static char *page_in(const char *label, const char *text, const char *charset, size_t *n)
{
    char html[4096];
    snprintf(html, sizeof html, "<html><head><meta charset=\"%s\"><title>x</title></head><body>%s"
             "</body></html>", label, text);
    return to_charset(html, charset, n);
}

TEST(decode_declared_charset_that_does_not_fit)
{
    run r;
    size_t n;
    /* windows-1251 under a windows-1252 label, and under a UTF-8 one */
    static const char *const labels[] = {"windows-1252", "utf-8", "iso-8859-5"};
    for (size_t i = 0; i < 3; i++) {
        char *p = page_in(labels[i], RUSSIAN_PARAS, "CP1251", &n);
        dec(&r, p, n, NULL, 0);
        CHECK(r.st == DECANT_OK);
        CHECK_STR(r.d.charset, "windows-1251");
        CHECK_STR(r.d.charset_source, "detector-over-declared");
        CHECK_HAS(r.d.text, "открылась новая библиотека");
        done(&r);
        free(p);
    }
    /* the right label is kept, whatever the detector would say */
    char *p = page_in("koi8-r", RUSSIAN_PARAS, "KOI8-R", &n);
    dec(&r, p, n, NULL, 0);
    CHECK_STR(r.d.charset, "koi8-r");
    CHECK_STR(r.d.charset_source, "meta");
    done(&r);
    free(p);
    /* a legacy page with too little text to judge keeps its label */
    p = page_in("windows-1251", "<p>Caf\xC3\xA9 cr\xC3\xA8me</p>", "CP1252", &n);
    dec(&r, p, n, NULL, 0);
    CHECK_STR(r.d.charset_source, "meta");
    done(&r);
    free(p);
}

TEST(decode_detector_picks_among_siblings)
{
    /* uchardet reads ISO-8859-15 as windows-1252, and KOI8-U as KOI8-R:
     * the sibling whose text is least odd wins ("c½ur" vs "cœur"). */
    run r;
    size_t n;
    char *p = to_charset("<html><body><p>Le c\xC5\x93ur de la ville bat de nouveau, a dit une "
                         "commer\xC3\xA7" "ante install\xC3\xA9" "e ici depuis vingt ans. La r\xC3\xA9"
                         "novation a co\xC3\xBB" "t\xC3\xA9 300 000 \xE2\x82\xAC de plus que "
                         "pr\xC3\xA9vu, et la man\xC5\x93uvre a dur\xC3\xA9 deux ans.</p></body></html>",
                         "ISO-8859-15", &n);
    dec(&r, p, n, NULL, 0);
    CHECK_STR(r.d.charset, "iso-8859-15");
    CHECK_HAS(r.d.text, "c\xC5\x93ur");
    done(&r);
    free(p);
    p = to_charset("<html><body><p>\xD0\xA3 \xD1\x81\xD1\x83\xD0\xB1\xD0\xBE\xD1\x82\xD1\x83 \xD0\xB2 "
                   "\xD1\x86\xD0\xB5\xD0\xBD\xD1\x82\xD1\x80\xD1\x96 \xD0\xBC\xD1\x96\xD1\x81\xD1\x82\xD0\xB0 "
                   "\xD0\xB2\xD1\x96\xD0\xB4\xD0\xBA\xD1\x80\xD0\xB8\xD0\xBB\xD0\xB8 \xD0\xBD\xD0\xBE\xD0\xB2"
                   "\xD1\x83 \xD0\xB1\xD1\x96\xD0\xB1\xD0\xBB\xD1\x96\xD0\xBE\xD1\x82\xD0\xB5\xD0\xBA\xD1\x83, "
                   "\xD0\xB4\xD0\xB5 \xD1\x94 \xD1\x87\xD0\xB8\xD1\x82\xD0\xB0\xD0\xBB\xD1\x8C\xD0\xBD\xD0\xB0 "
                   "\xD0\xB7\xD0\xB0\xD0\xBB\xD0\xB0 \xD1\x96 \xD0\xBA\xD0\xB0\xD0\xB2'\xD1\x8F\xD1\x80\xD0\xBD"
                   "\xD1\x8F \xD0\xB7 \xD2\x91\xD1\x80\xD1\x83\xD0\xBD\xD1\x82\xD0\xBE\xD0\xB2\xD0\xBD\xD0\xB8"
                   "\xD0\xBC\xD0\xB8 \xD1\x81\xD0\xBD\xD1\x96\xD0\xB4\xD0\xB0\xD0\xBD\xD0\xBA\xD0\xB0\xD0\xBC"
                   "\xD0\xB8 \xD1\x96 \xD1\x97\xD0\xB6\xD0\xB5\xD1\x8E.</p></body></html>",
                   "KOI8-U", &n);
    dec(&r, p, n, NULL, 0);
    CHECK_STR(r.d.charset, "koi8-u");
    CHECK_HAS(r.d.text, "\xD1\x96\xD0\xB4"); /* "ід" */
    done(&r);
    free(p);
}

TEST(decode_utf16_without_bom_in_another_script)
{
    /* Mostly Cyrillic: fewer than half the characters ASCII, but the tags show */
    run r;
    size_t n;
    char html[2048];
    snprintf(html, sizeof html, "<html><body>%s</body></html>", RUSSIAN_PARAS);
    char *p = to_charset(html, "UTF-16LE", &n);
    dec(&r, p, n, NULL, 0);
    CHECK(r.st == DECANT_OK);
    CHECK_STR(r.d.charset, "utf-16le");
    CHECK_HAS(r.d.text, "библиотека");
    done(&r);
    free(p);
    p = to_charset(html, "UTF-16BE", &n);
    dec(&r, p, n, NULL, 0);
    CHECK_STR(r.d.charset, "utf-16be");
    done(&r);
    free(p);
}
