/* test_site.c — site keys, site templates through the API, the model file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decant.h"
#include "site.h"
#include "test.h"

static const char *key_of(const char *url)
{
    static char k[DC_SITE_KEY_MAX];
    dc_site_key(url, k);
    return k;
}

TEST(site_key_registered_domain)
{
    CHECK_STR(key_of("https://news.example.co.uk/a/b"), "example.co.uk");
    CHECK_STR(key_of("http://www.bbc.com"), "bbc.com");
    CHECK_STR(key_of("http://user@Host.EXAMPLE.org:8080/x?y#z"), "example.org");
    CHECK_STR(key_of("https://someone.blogspot.com/2011/01/x.html"), "someone.blogspot.com");
    CHECK_STR(key_of("http://finance.ce.cn/a"), "ce.cn");
    CHECK_STR(key_of("http://news.163.com/11/1215/a.html"), "163.com");
    CHECK_STR(key_of("http://wiadomosci.wp.pl/kat,1.html"), "wp.pl");
    CHECK_STR(key_of("http://www.kyiv.com.ua/"), "kyiv.com.ua");
    CHECK_STR(key_of("https://www.gov.uk/browse"), "www.gov.uk");
    CHECK_STR(key_of("http://192.168.1.10/x"), "192.168.1.10");
    CHECK_STR(key_of("http://localhost/"), "localhost");
    CHECK_STR(key_of("https://example.org./"), "example.org");
    CHECK(dc_site_key("not a url", (char[DC_SITE_KEY_MAX]){0}) == 0);
    CHECK(dc_site_key("https:///path", (char[DC_SITE_KEY_MAX]){0}) == 0);
    CHECK(dc_site_key("http://[::1]/", (char[DC_SITE_KEY_MAX]){0}) == 0);
    CHECK(dc_site_key(NULL, (char[DC_SITE_KEY_MAX]){0}) == 0);
}

/* ------------------------------------------------ a site of six pages */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 16);
    *len = buf ? fread(buf, 1, (1 << 16) - 1, f) : 0;
    if (buf)
        buf[*len] = '\0';
    fclose(f);
    return buf;
}

static char *courier(int i, size_t *len)
{
    char path[64];
    snprintf(path, sizeof path, "tests/golden/en-courier.site/p%d.html", i);
    return slurp(path, len);
}

/* The body of page i extracted with model m (NULL: plain decant_extract). */
static char *body_of(decant_extractor *ex, decant_site_model *m, const char *html, size_t len,
                     int learn)
{
    decant_input in = {html, len, NULL, NULL};
    decant_article *a = NULL;
    decant_status st = m || learn ? decant_extract_site(ex, m, &in, &a, NULL)
                                  : decant_extract(ex, &in, &a, NULL);
    CHECK(st == DECANT_OK);
    char *text = a ? strdup(decant_article_body(a, DECANT_BODY_TEXT, NULL)) : NULL;
    if (learn && a)
        CHECK(decant_site_model_learn(m, a) == DECANT_OK);
    decant_article_free(a);
    return text;
}

static const char *press = "registered with the regional press office";
static const char *teaser = "Readers also opened";

TEST(site_templates_drop_what_the_site_repeats)
{
    decant_extractor *ex = NULL;
    decant_site_model *m = NULL;
    CHECK(decant_extractor_new(NULL, &ex, NULL) == DECANT_OK);
    CHECK(decant_site_model_new(NULL, &m, NULL) == DECANT_OK);
    size_t len[7];
    char *html[7];
    for (int i = 1; i <= 6; i++) {
        html[i] = courier(i, &len[i]);
        CHECK(html[i] != NULL);
    }
    if (!html[1] || !html[6])
        return;
    /* without a model: the press line and the teaser box are there */
    char *plain = body_of(ex, NULL, html[1], len[1], 0);
    CHECK_HAS(plain, press);
    CHECK_HAS(plain, teaser);

    /* two pages learned: one other page is no template yet */
    for (int i = 1; i <= 2; i++)
        free(body_of(ex, m, html[i], len[i], 1));
    CHECK(decant_site_model_site_count(m) == 1);
    char *two = body_of(ex, m, html[1], len[1], 0);
    CHECK_STR(two, plain);
    /* the same page learned again does not count twice */
    free(body_of(ex, m, html[2], len[2], 1));
    char *again = body_of(ex, m, html[1], len[1], 0);
    CHECK_STR(again, plain);

    /* all six: the template goes, the story stays */
    for (int i = 3; i <= 6; i++)
        free(body_of(ex, m, html[i], len[i], 1));
    char *learned = body_of(ex, m, html[1], len[1], 0);
    CHECK_NOT_HAS(learned, press);
    CHECK_NOT_HAS(learned, teaser);
    CHECK_HAS(learned, "The harbour authority confirmed on Monday");
    CHECK_HAS(learned, "busiest weekends.");

    /* a page that states no date is not judged */
    char *undated = strdup(html[1]);
    char *meta = strstr(undated, "published_time");
    if (meta)
        memcpy(meta, "unsaid", 6);
    char *dateline = strstr(undated, ", 10 June 2024");
    if (dateline)
        memset(dateline, ' ', 14);
    char *urldate = strstr(undated, "/news/2024/06/10/");
    if (urldate)
        memcpy(urldate, "/news/yyyy/mm/dd/", 17);
    char *u = body_of(ex, m, undated, strlen(undated), 0);
    CHECK_HAS(u, press);

    /* a page of a site the model does not know comes out as without one */
    char *other = strdup(html[1]);
    char *host = strstr(other, "harbourcourier.example");
    if (host)
        memcpy(host, "elsewhere", 9);
    char *o1 = body_of(ex, NULL, other, strlen(other), 0);
    char *o2 = body_of(ex, m, other, strlen(other), 0);
    CHECK_STR(o2, o1);

    free(o1), free(o2), free(other), free(u), free(undated);
    free(learned), free(again), free(two), free(plain);
    for (int i = 1; i <= 6; i++)
        free(html[i]);
    decant_site_model_free(m);
    decant_extractor_free(ex);
}

/* ------------------------------------------- a reference site's pages */

/* Page i of a reference site: each object's page has the same sections,
 * headed "Properties", "Methods" and "Events" (anchors into the page), each
 * a list of linked names with a sentence of their own. */
static char *reference_page(int i)
{
    static const char *const parts[] = {"Properties", "Methods", "Events"};
    static const char *const words[] = {"harbour", "ferry", "tide", "quay", "beacon", "pilot"};
    size_t cap = 16384, n = 0;
    char *h = malloc(cap);
    if (!h)
        return NULL;
    n += (size_t)snprintf(h + n, cap - n,
        "<html lang=\"en\"><head><title>Widget%d | Reference</title>"
        "<link rel=\"canonical\" href=\"https://docs.widgets.example/api/Widget%d\">"
        "<meta property=\"article:published_time\" content=\"2024-06-1%dT08:00:00Z\"></head>"
        "<body><nav><a href=\"/\">Home</a> <a href=\"/api\">API</a> <a href=\"/guides\">Guides</a>"
        "</nav><main><h1>Widget%d</h1><section class=\"intro\">", i, i, i, i);
    for (int k = 0; k < 3; k++)
        n += (size_t)snprintf(h + n, cap - n,
            "<p>The Widget%d interface, number %d of its kind, describes how a %s %s keeps its "
            "state while the %s is out, and which of its parts a program may read or change "
            "between two turns of the %s without waiting for the next one.</p>",
            i, k, words[(i + k) % 6], words[(i + k + 1) % 6], words[(i + k + 2) % 6],
            words[(i + k + 3) % 6]);
    n += (size_t)snprintf(h + n, cap - n, "</section>");
    for (int s = 0; s < 3; s++) {
        n += (size_t)snprintf(h + n, cap - n,
            "<section class=\"content-section\"><h2 id=\"s%d\"><a href=\"#s%d\">%s</a></h2><dl>",
            s, s, parts[s]);
        for (int k = 0; k < 3; k++)
            n += (size_t)snprintf(h + n, cap - n,
                "<dt><a href=\"/api/Widget%d/%c%d\">Widget%d.%c%d</a></dt>"
                "<dd><p>How the %s of widget %d turns at %s.</p></dd>",
                i, 'a' + s, k, i, 'a' + s, k, words[(i + s + k) % 6], i * 10 + s * 3 + k,
                words[(i + 2 * s + k) % 6]);
        n += (size_t)snprintf(h + n, cap - n, "</dl></section>");
    }
    snprintf(h + n, cap - n, "</main><footer><p>Widgets reference, all rights reserved.</p>"
             "</footer></body></html>");
    return h;
}

/* The sections of a page stay, though every page of the site has the same
 * ones in the same place, holding links: a section that opens with its own
 * heading over its own sentences is the page's text, not a teaser card,
 * and the heading the site repeats over it stays with it. */
TEST(site_templates_keep_the_pages_own_sections)
{
    decant_extractor *ex = NULL;
    decant_site_model *m = NULL;
    CHECK(decant_extractor_new(NULL, &ex, NULL) == DECANT_OK);
    CHECK(decant_site_model_new(NULL, &m, NULL) == DECANT_OK);
    char *html[6] = {0};
    for (int i = 0; i < 6; i++) {
        html[i] = reference_page(i + 1);
        CHECK(html[i] != NULL);
        if (!html[i])
            return;
    }
    for (int i = 0; i < 6; i++)
        free(body_of(ex, m, html[i], strlen(html[i]), 1));
    char *plain = body_of(ex, NULL, html[0], strlen(html[0]), 0);
    char *learned = body_of(ex, m, html[0], strlen(html[0]), 0);
    CHECK_HAS(plain, "Widget1.b2");
    CHECK_HAS(learned, "Properties");
    CHECK_HAS(learned, "Widget1.a0");
    CHECK_HAS(learned, "Widget1.c2");
    CHECK_HAS(learned, "How the ferry of widget 10 turns at ferry.");
    CHECK_HAS(learned, "Events");
    free(plain), free(learned);
    for (int i = 0; i < 6; i++)
        free(html[i]);
    decant_site_model_free(m);
    decant_extractor_free(ex);
}

/* ------------------------------------------------------------ the file */

TEST(site_model_file_round_trip_and_refusals)
{
    decant_extractor *ex = NULL;
    decant_site_model *m = NULL, *m2 = NULL;
    CHECK(decant_extractor_new(NULL, &ex, NULL) == DECANT_OK);
    CHECK(decant_site_model_new(NULL, &m, NULL) == DECANT_OK);
    CHECK(decant_site_model_new(NULL, &m2, NULL) == DECANT_OK);
    for (int i = 1; i <= 6; i++) {
        size_t n;
        char *h = courier(i, &n);
        if (h)
            free(body_of(ex, m, h, n, 1));
        free(h);
    }
    decant_buffer a = {0}, b = {0};
    CHECK(decant_site_model_save(m, &a) == DECANT_OK);
    CHECK(a.len > 20 && memcmp(a.data, "DCSITES\n", 8) == 0);
    decant_error err;
    CHECK(decant_site_model_load(m2, a.data, a.len, &err) == DECANT_OK);
    CHECK(decant_site_model_save(m2, &b) == DECANT_OK);
    CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    CHECK(decant_site_model_site_count(m2) == 1);

    /* damaged: every refusal says why and leaves the model empty */
    char *bad = malloc(a.len);
    memcpy(bad, a.data, a.len);
    bad[a.len / 2] ^= 0x40;
    CHECK(decant_site_model_load(m2, bad, a.len, &err) == DECANT_ERR_PARSE);
    CHECK_HAS(err.message, "checksum");
    CHECK(decant_site_model_site_count(m2) == 0);
    CHECK(decant_site_model_load(m2, a.data, a.len - 1, &err) == DECANT_ERR_PARSE);
    CHECK(decant_site_model_load(m2, "DCSITES\n", 8, &err) == DECANT_ERR_PARSE);
    CHECK(decant_site_model_load(m2, "GIF89a....................", 26, &err) == DECANT_ERR_PARSE);
    CHECK_HAS(err.message, "not a decant site model");
    memcpy(bad, a.data, a.len);
    bad[8] = 9; /* version 9 */
    CHECK(decant_site_model_load(m2, bad, a.len, &err) == DECANT_ERR_PARSE);
    CHECK_HAS(err.message, "version");
    CHECK(decant_site_model_load(m2, NULL, 0, &err) == DECANT_ERR_PARSE);
    CHECK(decant_site_model_site_count(m2) == 0);
    /* an empty model saves and loads too */
    decant_buffer e = {0};
    CHECK(decant_site_model_save(m2, &e) == DECANT_OK);
    CHECK(decant_site_model_load(m2, e.data, e.len, &err) == DECANT_OK);

    free(bad);
    decant_buffer_free(&a);
    decant_buffer_free(&b);
    decant_buffer_free(&e);
    decant_site_model_free(m2);
    decant_site_model_free(m);
    decant_extractor_free(ex);
}

/* -------------------------------------------------- out of memory */

typedef struct failing {
    size_t calls, fail_at, live;
    int failed;
} failing;

static void *f_malloc(void *ctx, size_t n)
{
    failing *f = ctx;
    if (++f->calls >= f->fail_at) {
        f->failed = 1;
        return NULL;
    }
    void *p = malloc(n);
    f->live += p != NULL;
    return p;
}

static void *f_realloc(void *ctx, void *p, size_t o, size_t n)
{
    (void)o;
    failing *f = ctx;
    if (++f->calls >= f->fail_at) {
        f->failed = 1;
        return NULL;
    }
    void *q = realloc(p, n);
    f->live += q && !p;
    return q;
}

static void f_free(void *ctx, void *p, size_t n)
{
    (void)n;
    failing *f = ctx;
    if (p)
        f->live--;
    free(p);
}

/* Learning, applying, saving and loading with the Nth allocation failing:
 * each call fails cleanly or works, and nothing leaks. */
TEST(site_model_out_of_memory)
{
    size_t len[4];
    char *html[4];
    for (int i = 1; i <= 3; i++)
        html[i] = courier(i, &len[i]);
    if (!html[1] || !html[3])
        return;
    for (size_t n = 1; n < 400; n++) {
        failing f = {0, n, 0, 0};
        decant_allocator al = {f_malloc, f_realloc, f_free, &f};
        decant_options o;
        decant_options_init(&o);
        o.allocator = &al;
        decant_extractor *ex = NULL;
        decant_site_model *m = NULL;
        if (decant_site_model_new(&al, &m, NULL) == DECANT_OK &&
            decant_extractor_new(&o, &ex, NULL) == DECANT_OK) {
            for (int round = 0; round < 2; round++) {
                for (int i = 1; i <= 3; i++) {
                    decant_input in = {html[i], len[i], NULL, NULL};
                    decant_article *a = NULL;
                    decant_status st = decant_extract_site(ex, m, &in, &a, NULL);
                    CHECK(st == DECANT_OK || st == DECANT_ERR_NOMEM);
                    if (a) {
                        st = decant_site_model_learn(m, a);
                        CHECK(st == DECANT_OK || st == DECANT_ERR_NOMEM);
                        decant_site_model_would_change(m, a);
                    }
                    decant_article_free(a);
                }
            }
            decant_buffer b = {0};
            b.allocator = &al;
            if (decant_site_model_save(m, &b) == DECANT_OK)
                decant_site_model_load(m, b.data, b.len, NULL);
            decant_buffer_free(&b);
        }
        decant_extractor_free(ex);
        decant_site_model_free(m);
        CHECK(f.live == 0);
        if (!f.failed) {
            CHECK(n > 50); /* the sweep went through the whole run */
            break; /* every allocation of a whole run succeeded: done */
        }
    }
    for (int i = 1; i <= 3; i++)
        free(html[i]);
}
