/*
 * test_oom.c — out of memory at every allocation of a real page.
 *
 * A counting decant_allocator fails the Nth allocation, for every N up to
 * the number a golden page needs, once with only that allocation failing and
 * once with every allocation from the Nth on failing (a heap that stays
 * full).  Each run must end in DECANT_OK or an error, never a crash, and
 * give back every byte it took: the allocator's tally of bytes allocated and
 * freed must match after every run.
 *
 * The hook covers what decant allocates itself (extractors, arenas, and
 * through them every DOM, scratch and article string, zlib's state, the
 * record's buffer; test_alloc.c checks that nothing escapes it).  myhtml,
 * uchardet, iconv, cJSON and CLD2 allocate through their own allocators, so
 * their failures are not injected here; leaks in them are what the valgrind
 * and ASan passes are for.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

#include "decant.h"
#include "local_http.h"
#include "test.h"

typedef struct counting {
    size_t calls;      /* allocations attempted (malloc and realloc)        */
    size_t fail_at;    /* 1-based; 0 = never                               */
    int fail_after;    /* also fail every allocation after fail_at          */
    size_t failed;     /* allocations refused                              */
    size_t allocated, freed;
    size_t live_blocks;
} counting;

static int refuse(counting *c)
{
    c->calls++;
    if (c->fail_at && (c->calls == c->fail_at || (c->fail_after && c->calls > c->fail_at))) {
        c->failed++;
        return 1;
    }
    return 0;
}

static void *c_malloc(void *ctx, size_t n)
{
    counting *c = ctx;
    if (refuse(c))
        return NULL;
    void *p = malloc(n);
    if (p) {
        c->allocated += n;
        c->live_blocks++;
    }
    return p;
}

static void *c_realloc(void *ctx, void *p, size_t old_n, size_t new_n)
{
    counting *c = ctx;
    if (refuse(c))
        return NULL;
    void *q = realloc(p, new_n);
    if (q) {
        c->allocated += new_n;
        c->freed += p ? old_n : 0;
        if (!p)
            c->live_blocks++;
    }
    return q;
}

static void c_free(void *ctx, void *p, size_t n)
{
    counting *c = ctx;
    if (!p)
        return;
    c->freed += n;
    c->live_blocks--;
    free(p);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

/* One extraction and its record under allocator `c`; the status. */
static decant_status one_run(counting *c, const decant_allocator *al, const char *page, size_t len,
                             int markdown)
{
    decant_options o;
    decant_options_init(&o);
    o.allocator = al;
    o.want_markdown = markdown;
    o.want_html = markdown;
    decant_input in = {page, len, "https://example.com/news/2024/06/19/story.html", NULL};
    decant_article *a = NULL;
    decant_error err;
    memset(&err, 0, sizeof err);
    decant_status st = decant_extract_once(&o, &in, &a, &err);
    if (st != DECANT_OK)
        CHECK(err.message != NULL);
    if (st != DECANT_OK && st != DECANT_ERR_NO_CONTENT)
        CHECK(a == NULL);
    decant_buffer buf = {0};
    buf.allocator = al;
    decant_record_info info = {0};
    info.id = "oom";
    size_t before = c->failed;
    decant_status js = decant_record_json(a, st == DECANT_OK ? NULL : &err, &info,
                                          markdown ? DECANT_BODY_HTML : DECANT_BODY_TEXT, &buf);
    if (js == DECANT_OK)
        CHECK(buf.len > 0 && buf.data && buf.data[buf.len - 1] == '\n');
    else
        CHECK(js == DECANT_ERR_NOMEM && c->failed > before);
    decant_buffer_free(&buf);
    decant_article_free(a);
    return st;
}

/*
 * The page at `path`, with `copies` more paragraphs before </body>: arenas
 * hand out memory in large blocks, so a small page needs only a handful of
 * allocations; a long one makes every arena grow several times, in the
 * middle of each phase.
 */
static char *load(const char *path, size_t copies, size_t *len)
{
    char *page = read_file(path, len);
    if (!page || !copies)
        return page;
    static const char para[] =
        "<p>The council met again on Tuesday to discuss the <a href=\"/budget\">budget</a>, "
        "and members said the vote would be <em>close</em>.</p>\n";
    const char *body = NULL;
    for (size_t i = 0; i + 7 <= *len; i++)
        if (!memcmp(page + i, "</body>", 7))
            body = page + i;
    size_t at = body ? (size_t)(body - page) : *len, pl = sizeof para - 1;
    char *big = malloc(*len + copies * pl + 1);
    if (big) {
        memcpy(big, page, at);
        for (size_t k = 0; k < copies; k++)
            memcpy(big + at + k * pl, para, pl);
        memcpy(big + at + copies * pl, page + at, *len - at);
        *len += copies * pl;
        big[*len] = '\0';
    }
    free(page);
    return big;
}

static void sweep(const char *path, size_t copies, int markdown)
{
    size_t len = 0;
    char *page = load(path, copies, &len);
    CHECK(page != NULL);
    if (!page)
        return;
    counting c;
    memset(&c, 0, sizeof c);
    decant_allocator al = {c_malloc, c_realloc, c_free, &c};
    CHECK(one_run(&c, &al, page, len, markdown) == DECANT_OK);
    CHECK(c.allocated == c.freed && c.live_blocks == 0);
    size_t needed = c.calls;
    CHECK(needed > 3);
    if (getenv("DC_OOM_VERBOSE"))
        fprintf(stderr, "  %s: %zu allocations\n", path, needed);
    for (int after = 0; after <= 1; after++) {
        for (size_t n = 1; n <= needed; n++) {
            memset(&c, 0, sizeof c);
            c.fail_at = n;
            c.fail_after = after;
            decant_status st = one_run(&c, &al, page, len, markdown);
            if (c.failed)
                CHECK(st == DECANT_OK || st == DECANT_ERR_NOMEM || st == DECANT_ERR_NO_CONTENT);
            else
                CHECK(st == DECANT_OK);
            if (c.allocated != c.freed || c.live_blocks) {
                fprintf(stderr, "  %s: failing allocation %zu%s leaked %zu bytes in %zu blocks\n", path,
                        n, after ? " and later" : "", c.allocated - c.freed, c.live_blocks);
                CHECK(c.allocated == c.freed);
            }
        }
    }
    free(page);
}

TEST(oom_every_allocation_golden_jsonld)
{
    sweep("tests/golden/en-jsonld-two-authors.html", 0, 0);
}

TEST(oom_every_allocation_long_page)
{
    sweep("tests/golden/en-jsonld-two-authors.html", 6000, 1);
}

TEST(oom_every_allocation_golden_markdown)
{
    sweep("tests/golden/structure-lists-table-code.html", 0, 1);
}

TEST(oom_every_allocation_golden_charset)
{
    sweep("tests/golden/ru-windows-1251.html", 0, 0);
}

/*
 * The fetcher and the WARC writer (local_http.c's run: a page, a redirect,
 * a feed, a gzip sitemap, robots.txt, from a server on 127.0.0.1, written to
 * a gzip WARC), failing at every allocation in turn.  Each call must answer
 * DECANT_OK or DECANT_ERR_NOMEM, and a failure must show: as a call's
 * DECANT_ERR_NOMEM or as a result's error "nomem".  What did not fail must
 * come out as without any failure, and every byte must be given back.
 */
TEST(oom_every_allocation_fetch_and_archive)
{
    size_t nroutes;
    const local_route *routes = fetch_routes(&nroutes);
    local_http srv;
    CHECK(local_http_start(&srv, routes, nroutes) == 0);
    char path[] = "/tmp/decant-oom-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    counting c;
    memset(&c, 0, sizeof c);
    decant_allocator al = {c_malloc, c_realloc, c_free, &c};
    fetch_outcome base, out;
    fetch_and_archive(&srv, &al, path, &base);
    CHECK(base.status == DECANT_OK && base.results == 11 && base.nomem == 0);
    CHECK(c.allocated == c.freed && c.live_blocks == 0);
    size_t needed = c.calls;
    CHECK(needed > 100);
    if (getenv("DC_OOM_VERBOSE"))
        fprintf(stderr, "  fetch and archive: %zu allocations\n", needed);
    for (int after = 0; after <= 1; after++) {
        for (size_t n = 1; n <= needed; n++) {
            memset(&c, 0, sizeof c);
            c.fail_at = n;
            c.fail_after = after;
            fetch_and_archive(&srv, &al, path, &out);
            CHECK(out.status == DECANT_OK || out.status == DECANT_ERR_NOMEM);
            if (c.failed && out.status != DECANT_ERR_NOMEM && out.nomem == 0) {
                fprintf(stderr, "  failing allocation %zu%s went unreported: %s\n", n, after ? " and later" : "",
                        out.errors);
                CHECK(!"a failed allocation is reported");
            }
            if (!c.failed) {
                CHECK(out.status == DECANT_OK);
                CHECK_STR(out.errors, base.errors);
            }
            if (c.allocated != c.freed || c.live_blocks) {
                fprintf(stderr, "  fetch: failing allocation %zu%s leaked %zu bytes in %zu blocks\n", n,
                        after ? " and later" : "", c.allocated - c.freed, c.live_blocks);
                CHECK(c.allocated == c.freed);
            }
        }
    }
    local_http_stop(&srv);
    unlink(path);
}

/* decant_warc_detect_with: out of memory may read as "not an archive" (or
 * not, when zlib has written the first bytes before it fails), and gives
 * back all it took. */
TEST(oom_every_allocation_warc_detect)
{
    static const char warc[] = "WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
    unsigned char gz[256];
    uLongf gn = sizeof gz;
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (unsigned char *)(uintptr_t)warc;
    z.avail_in = sizeof warc - 1;
    z.next_out = gz;
    z.avail_out = (uInt)gn;
    deflate(&z, Z_FINISH);
    gn = sizeof gz - z.avail_out;
    deflateEnd(&z);
    unsigned char zs[256];
    size_t zn = ZSTD_compress(zs, sizeof zs, warc, sizeof warc - 1, 3);
    const unsigned char *heads[2] = {gz, zs};
    size_t lens[2] = {gn, zn};
    for (int k = 0; k < 2; k++) {
        counting c;
        memset(&c, 0, sizeof c);
        decant_allocator al = {c_malloc, c_realloc, c_free, &c};
        CHECK(decant_warc_detect_with(heads[k], lens[k], &al) == 1);
        size_t needed = c.calls;
        CHECK(needed >= 1);
        for (size_t n = 1; n <= needed; n++) {
            memset(&c, 0, sizeof c);
            c.fail_at = n;
            int got = decant_warc_detect_with(heads[k], lens[k], &al);
            CHECK(c.failed == 1 && (got == 0 || got == 1));
            CHECK(c.allocated == c.freed && c.live_blocks == 0);
        }
    }
}
