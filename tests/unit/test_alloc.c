/*
 * test_alloc.c — the allocator hook sees every allocation decant's own code
 * makes.
 *
 * The unit binary is linked with --wrap for malloc, calloc, realloc, free,
 * strdup, strndup, posix_memalign and aligned_alloc (see the Makefile), so
 * every call to them from decant's objects (and the tests') comes here
 * first, while the libraries decant links (myhtml, uchardet, cJSON, zlib,
 * zstd, libdeflate, CLD2, the C library itself) keep calling the real ones.
 * With a counting hook in the options and in the record buffer, a run
 * through every entry point — extraction of plain, gzip and JSON-LD pages
 * (Markdown with links and images too),
 * the JSON record, front matter, and reading plain, gzip and zstd web
 * archives — must not call them even once.  zlib's and zstd's state goes
 * through the hook too (z_stream.zalloc, ZSTD_customMem); that the hook
 * is balanced at the end shows they give it all back.
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

/* ------------------------------------------------- the wrapped C library */

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
int __real_posix_memalign(void **p, size_t a, size_t n);
void *__real_aligned_alloc(size_t a, size_t n);

static volatile int watching;     /* inside the window under test            */
static volatile size_t direct_calls; /* C library allocations made meanwhile */

static void seen(void)
{
    if (watching)
        direct_calls++;
}

void *__wrap_malloc(size_t n) { seen(); return __real_malloc(n); }
void *__wrap_calloc(size_t k, size_t n) { seen(); return __real_calloc(k, n); }
void *__wrap_realloc(void *p, size_t n) { seen(); return __real_realloc(p, n); }
void __wrap_free(void *p) { if (p) seen(); __real_free(p); }
char *__wrap_strdup(const char *s) { seen(); return __real_strdup(s); }
char *__wrap_strndup(const char *s, size_t n) { seen(); return __real_strndup(s, n); }
int __wrap_posix_memalign(void **p, size_t a, size_t n) { seen(); return __real_posix_memalign(p, a, n); }
void *__wrap_aligned_alloc(size_t a, size_t n) { seen(); return __real_aligned_alloc(a, n); }

/* ------------------------------------------------------ a counting hook */

typedef struct tally {
    size_t calls, allocated, freed, live;
} tally;

static void *h_malloc(void *ctx, size_t n)
{
    tally *t = ctx;
    void *p = __real_malloc(n);
    t->calls++;
    if (p) {
        t->allocated += n;
        t->live++;
    }
    return p;
}

static void *h_realloc(void *ctx, void *p, size_t old_n, size_t new_n)
{
    tally *t = ctx;
    void *q = __real_realloc(p, new_n);
    t->calls++;
    if (q) {
        t->allocated += new_n;
        t->freed += p ? old_n : 0;
        t->live += p ? 0 : 1;
    }
    return q;
}

static void h_free(void *ctx, void *p, size_t n)
{
    tally *t = ctx;
    if (!p)
        return;
    t->freed += n;
    t->live--;
    __real_free(p);
}

/* ------------------------------------------------------------ the inputs */

static const char page[] =
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bridge | Gazette</title>"
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Bridge\","
    "\"author\":{\"@type\":\"Person\",\"name\":\"Jane Roe\"},\"datePublished\":\"2024-06-19\"}</script>"
    "</head><body><nav><a href=/>Home</a></nav><article><h1>Bridge</h1>"
    "<p>The <a href=\"/council?x=1#m\">council</a> met on Tuesday evening and agreed, after a long "
    "debate, to fund the repairs of the old bridge, which has been closed to lorries since the "
    "spring.<img src=\"bridge.jpg\" alt=\"The bridge\"></p>"
    "<p>Work starts in May and should end before the winter, the engineer said, adding that the "
    "footpath will stay open throughout.</p><ul><li>One</li><li>Two</li></ul></article>"
    "<aside><h2>Most read</h2><a href=\"/a/b\">A story about the harbour seals today</a></aside>"
    "</body></html>";

/* s compressed with zlib's deflate in gzip framing, into a malloc'd buffer. */
static unsigned char *gzip_of(const void *s, size_t n, size_t *len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&z, (uLong)n);
    unsigned char *out = malloc(cap);
    z.next_in = (unsigned char *)(uintptr_t)s;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    *len = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

/* A WARC of a warcinfo, a 200 page, a gzip-encoded 200 page and a 404. */
static char *warc_of(size_t *len)
{
    size_t gzn;
    unsigned char *gz = gzip_of(page, sizeof page - 1, &gzn);
    size_t cap = 4 * sizeof page + gzn + 4096, n = 0;
    char *w = malloc(cap);
    const char *info = "software: test\r\n";
    n += (size_t)sprintf(w + n, "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: %zu\r\n\r\n%s\r\n\r\n",
                         strlen(info), info);
    for (int k = 0; k < 3; k++) {
        char head[256];
        int hn = sprintf(head, "HTTP/1.1 %s\r\nContent-Type: text/html\r\n%sContent-Length: %zu\r\n\r\n",
                         k == 2 ? "404 Not Found" : "200 OK", k == 1 ? "Content-Encoding: gzip\r\n" : "",
                         k == 1 ? gzn : sizeof page - 1);
        size_t body = k == 1 ? gzn : sizeof page - 1;
        n += (size_t)sprintf(w + n,
                             "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:t:%d>\r\n"
                             "WARC-Target-URI: https://example.com/%d\r\nContent-Length: %zu\r\n\r\n",
                             k, k, (size_t)hn + body);
        memcpy(w + n, head, (size_t)hn);
        n += (size_t)hn;
        memcpy(w + n, k == 1 ? (const void *)gz : (const void *)page, body);
        n += body;
        memcpy(w + n, "\r\n\r\n", 4);
        n += 4;
    }
    free(gz);
    *len = n;
    return w;
}

static char *write_temp(const void *data, size_t n)
{
    char *path = malloc(64);
    snprintf(path, 64, "/tmp/decant-alloc-XXXXXX");
    int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, data, n) == (ssize_t)n);
    close(fd);
    return path;
}

/* ------------------------------------------------------------ the runs */

static void extract_and_record(decant_extractor *ex, const decant_allocator *al, const void *data,
                               size_t n, decant_buffer *out)
{
    decant_input in = {data, n, "https://example.com/news/bridge.html", NULL};
    decant_article *a = NULL;
    decant_error err = {0};
    decant_status st = decant_extract(ex, &in, &a, &err);
    CHECK(st == DECANT_OK);
    decant_record_info info = {.id = "bridge"};
    out->allocator = al;
    CHECK(decant_record_json(a, NULL, &info, DECANT_BODY_MARKDOWN, out) == DECANT_OK);
    CHECK(decant_article_front_matter(a, &info, DECANT_BODY_MARKDOWN, out) == DECANT_OK);
    decant_error failed = {.code = DECANT_ERR_NO_CONTENT, .message = "no article body found"};
    CHECK(decant_record_json(NULL, &failed, &info, DECANT_BODY_TEXT, out) == DECANT_OK);
    decant_article_free(a);
}

static size_t read_archive(const char *path, const decant_options *o, decant_extractor *ex,
                           const decant_allocator *al, decant_buffer *out)
{
    decant_warc_reader *r = NULL;
    decant_error err;
    CHECK(decant_warc_open(path, o, &r, &err) == DECANT_OK);
    size_t pages = 0;
    decant_warc_record rec;
    decant_status st;
    while (r && (st = decant_warc_next(r, &rec, &err)) != DECANT_ERR_EMPTY) {
        CHECK(st == DECANT_OK);
        if (st == DECANT_OK && rec.skip == DECANT_WARC_HTML) {
            extract_and_record(ex, al, rec.payload, rec.payload_size, out);
            pages++;
        } else if (st == DECANT_OK) {
            decant_warc_skip_error(&rec, &err);
        }
    }
    decant_warc_close(r);
    return pages;
}

TEST(alloc_hook_sees_every_allocation)
{
    size_t gzn, wn;
    unsigned char *gz = gzip_of(page, sizeof page - 1, &gzn);
    char *warc = warc_of(&wn);
    size_t gwn, zn;
    unsigned char *gwarc = gzip_of(warc, wn, &gwn);
    size_t zcap = ZSTD_compressBound(wn);
    void *zwarc = malloc(zcap);
    zn = ZSTD_compress(zwarc, zcap, warc, wn, 3);
    char *paths[3] = {write_temp(warc, wn), write_temp(gwarc, gwn), write_temp(zwarc, zn)};

    tally t = {0};
    decant_allocator al = {h_malloc, h_realloc, h_free, &t};
    decant_options o;
    decant_options_init(&o);
    o.allocator = &al;
    o.want_markdown = 1;
    o.want_html = 1;
    o.markdown_links = 1;
    o.markdown_images = 1;

    watching = 1;
    decant_extractor *ex = NULL;
    CHECK(decant_extractor_new(&o, &ex, NULL) == DECANT_OK);
    decant_buffer out = {0};
    extract_and_record(ex, &al, page, sizeof page - 1, &out);
    extract_and_record(ex, &al, gz, gzn, &out);
    size_t pages = 0;
    for (int k = 0; k < 3; k++)
        pages += read_archive(paths[k], &o, ex, &al, &out);
    decant_article *a = NULL;
    decant_input in = {page, sizeof page - 1, NULL, NULL};
    CHECK(decant_extract_once(&o, &in, &a, NULL) == DECANT_OK);
    decant_article_free(a);
    /* site templates: evidence, learning, verdicts, the model's file */
    decant_site_model *m = NULL;
    CHECK(decant_site_model_new(&al, &m, NULL) == DECANT_OK);
    for (int k = 0; k < 4; k++) {
        decant_input site_in = {page, sizeof page - 1, k & 1 ? "https://example.com/b" : "https://example.com/a", NULL};
        CHECK(decant_extract_site(ex, m, &site_in, &a, NULL) == DECANT_OK);
        CHECK(decant_site_model_learn(m, a) == DECANT_OK);
        decant_site_model_would_change(m, a);
        decant_article_free(a);
    }
    size_t at = out.len;
    CHECK(decant_site_model_save(m, &out) == DECANT_OK);
    CHECK(decant_site_model_load(m, out.data + at, out.len - at, NULL) == DECANT_OK);
    decant_site_model_free(m);
    decant_buffer_free(&out);
    decant_extractor_free(ex);
    watching = 0;

    CHECK(pages == 6);
    if (direct_calls)
        fprintf(stderr, "  %zu allocations bypassed the hook\n", direct_calls);
    CHECK(direct_calls == 0);
    CHECK(t.calls > 20);
    CHECK(t.allocated == t.freed && t.live == 0);

    for (int k = 0; k < 3; k++) {
        unlink(paths[k]);
        free(paths[k]);
    }
    free(zwarc);
    free(gwarc);
    free(warc);
    free(gz);
}

/* The wrapping itself works: a direct call in the window is seen. */
TEST(alloc_wrap_sees_direct_calls)
{
    watching = 1;
    void *volatile p = malloc(8);
    free(p);
    watching = 0;
    CHECK(direct_calls >= 2);
    direct_calls = 0;
}

/*
 * The fetcher and the WARC writer: a fetch of pages, a redirect, a feed and
 * a gzip sitemap from a server on 127.0.0.1 (local_http.c), every result
 * written to a gzip WARC, robots.txt and the feed parsed, the archive's
 * kind detected: all through the hook.  libcurl's and libxml2's own
 * allocations go to the C library from their shared objects, unwrapped.
 */
TEST(alloc_hook_sees_fetcher_and_writer)
{
    size_t nroutes;
    const local_route *routes = fetch_routes(&nroutes);
    local_http srv;
    CHECK(local_http_start(&srv, routes, nroutes) == 0);
    char *path = write_temp("", 0);
    size_t wn;
    char *warc = warc_of(&wn);
    size_t gwn;
    unsigned char *gwarc = gzip_of(warc, wn, &gwn);
    size_t zcap = ZSTD_compressBound(wn);
    void *zwarc = malloc(zcap);
    size_t zn = ZSTD_compress(zwarc, zcap, warc, wn, 3);

    tally t = {0};
    decant_allocator al = {h_malloc, h_realloc, h_free, &t};
    watching = 1;
    fetch_outcome out;
    fetch_and_archive(&srv, &al, path, &out);
    decant_warc_writer *w = NULL;
    CHECK(decant_warc_writer_open_with(path, 0, &al, &w, NULL) == DECANT_OK);
    CHECK(decant_warc_write_info(w, "plain.warc", "software: test\r\n", NULL) == DECANT_OK);
    CHECK(decant_warc_writer_close(w, NULL) == DECANT_OK);
    int detected = decant_warc_detect_with(gwarc, gwn, &al) + decant_warc_detect_with(zwarc, zn, &al);
    watching = 0;

    CHECK(out.status == DECANT_OK);
    CHECK(out.results == 11 && out.ok_pages == 4 && out.nomem == 0);
    CHECK_STR(out.errors, "- - - - robots offsite - - http_404 bad_url http_404");
    CHECK(detected == 2);
    if (direct_calls)
        fprintf(stderr, "  %zu allocations bypassed the hook\n", direct_calls);
    CHECK(direct_calls == 0);
    CHECK(t.calls > 100);
    CHECK(t.allocated == t.freed && t.live == 0);

    local_http_stop(&srv);
    unlink(path);
    free(path);
    free(zwarc);
    free(gwarc);
    free(warc);
}
