/* test_guard.c — the prescan that defuses hostile markup (lib/guard.c). */
#include <glob.h>
#include <stdlib.h>

#include "guard.h"
#include "test.h"

/* n copies of s followed by tail, in malloc'd memory. */
static char *repeat(const char *head, const char *s, size_t n, const char *tail, size_t *len)
{
    size_t hl = strlen(head), sl = strlen(s), tl = strlen(tail);
    char *b = malloc(hl + sl * n + tl + 1);
    if (!b)
        return NULL;
    memcpy(b, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(b + hl + i * sl, s, sl);
    memcpy(b + hl + sl * n, tail, tl + 1);
    *len = hl + sl * n + tl;
    return b;
}

static size_t count(const char *s, size_t n, const char *needle)
{
    size_t k = 0, nl = strlen(needle);
    for (size_t i = 0; i + nl <= n; i++)
        if (!memcmp(s + i, needle, nl))
            k++;
    return k;
}

/* Calls fn on each golden page (NUL-terminated); there must be some. */
static void each_golden_page(void (*fn)(const char *page, size_t n))
{
    static char buf[1 << 20];
    glob_t gl;
    CHECK(glob("tests/golden/*.html", 0, NULL, &gl) == 0 && gl.gl_pathc > 0);
    for (size_t i = 0; i < gl.gl_pathc; i++) {
        FILE *f = fopen(gl.gl_pathv[i], "rb");
        CHECK(f != NULL);
        if (!f)
            continue;
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        fn(buf, n);
    }
    globfree(&gl);
}

/* Runs the guard with decant's defaults; returns whether it made a copy. */
static int guard(const char **s, size_t *n, dc_arena *ar, dc_guard_stats *st, decant_status *rc)
{
    const char *before = *s;
    *rc = dc_guard(s, n, 512, 2000000, ar, st);
    return *s != before;
}

TEST(guard_leaves_ordinary_pages_alone)
{
    static const char *const pages[] = {
        "<html><head><title>a <b> c</title><script>if (a<b && c<i) x = '<div><div>';</script>"
        "<style>p<i {}</style></head><body><p>One<p>Two<ul><li>a<li>b</ul>"
        "<!-- <div><div><div> --><svg><path d=''/><g/><g/></svg><table><tr><td>x<td>y</table>"
        "<a href=1>one<a href=2>two</a><br><img src=x></body></html>",
        "<div><div><div><span><b><i>text</i></b></span></div></div></div>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        dc_arena ar;
        dc_arena_init(&ar, NULL, 4096);
        const char *s = pages[i];
        size_t n = strlen(s);
        dc_guard_stats st;
        decant_status rc;
        CHECK(!guard(&s, &n, &ar, &st, &rc));
        CHECK(rc == DECANT_OK);
        CHECK(st.dropped_tags == 0 && st.dropped_attrs == 0);
        dc_arena_release(&ar);
    }
}

static void golden_untouched(const char *page, size_t n)
{
    dc_arena ar;
    dc_arena_init(&ar, NULL, 4096);
    const char *s = page;
    dc_guard_stats st;
    decant_status rc;
    CHECK(!guard(&s, &n, &ar, &st, &rc));
    CHECK(rc == DECANT_OK);
    CHECK(st.max_depth < 64);
    dc_arena_release(&ar);
}

TEST(guard_golden_pages_untouched)
{
    each_golden_page(golden_untouched);
}

TEST(guard_flattens_deep_nesting_keeping_text)
{
    size_t n;
    char *page = repeat("<body>", "<div>x", 100000, "</body>", &n);
    dc_arena ar;
    dc_arena_init(&ar, NULL, 4096);
    const char *s = page;
    dc_guard_stats st;
    decant_status rc;
    CHECK(guard(&s, &n, &ar, &st, &rc));
    CHECK(rc == DECANT_OK);
    CHECK(st.max_depth == dc_guard_depth_bound(512));
    CHECK(count(s, n, "<div>") == dc_guard_depth_bound(512));
    CHECK(count(s, n, "x") == 100000);
    dc_arena_release(&ar);
    free(page);
}

TEST(guard_drops_matching_end_tags)
{
    size_t n1, n2;
    char *open = repeat("<body>", "<div>", 5000, "deep", &n1);
    char *page = repeat(open, "</div>", 5000, "<p>after</p>", &n2);
    dc_arena ar;
    dc_arena_init(&ar, NULL, 4096);
    const char *s = page;
    dc_guard_stats st;
    decant_status rc;
    CHECK(guard(&s, &n2, &ar, &st, &rc));
    CHECK(count(s, n2, "<div>") == count(s, n2, "</div>"));
    CHECK_HAS(s, "deep");
    CHECK_HAS(s, "<p>after</p>");
    dc_arena_release(&ar);
    free(open);
    free(page);
}

TEST(guard_bounds_formatting_pileup)
{
    size_t n;
    char *page = repeat("<body>", "<b><i>x ", 40000, "", &n);
    dc_arena ar;
    dc_arena_init(&ar, NULL, 4096);
    const char *s = page;
    dc_guard_stats st;
    decant_status rc;
    CHECK(guard(&s, &n, &ar, &st, &rc));
    CHECK(count(s, n, "<b>") + count(s, n, "<i>") == DC_GUARD_MAX_FORMATTING);
    CHECK(count(s, n, "x ") == 40000);
    dc_arena_release(&ar);
    free(page);
}

TEST(guard_self_closing_counts_only_in_foreign_content)
{
    size_t n;
    char *page = repeat("<body>", "<x/>", 20000, "", &n);
    dc_arena ar;
    dc_arena_init(&ar, NULL, 4096);
    const char *s = page;
    dc_guard_stats st;
    decant_status rc;
    CHECK(guard(&s, &n, &ar, &st, &rc)); /* <x/> opens an element in HTML */
    free(page);
    page = repeat("<body><svg>", "<x/>", 20000, "</svg>", &n);
    s = page;
    CHECK(!guard(&s, &n, &ar, &st, &rc));
    free(page);
    /* In an integration point, children are HTML again. */
    page = repeat("<body><svg><foreignObject>", "<x/>", 20000, "", &n);
    s = page;
    CHECK(guard(&s, &n, &ar, &st, &rc));
    free(page);
    /* A comment ending in "--!>" does not hide what follows. */
    page = repeat("<body><!-- --!>", "<div>", 20000, "", &n);
    s = page;
    CHECK(guard(&s, &n, &ar, &st, &rc));
    free(page);
    dc_arena_release(&ar);
}

TEST(guard_cuts_excess_attributes)
{
    size_t n;
    char *page = repeat("<body><p ", "a=1 ", 5000, "id=last>text</p>", &n);
    dc_arena ar;
    dc_arena_init(&ar, NULL, 4096);
    const char *s = page;
    dc_guard_stats st;
    decant_status rc;
    CHECK(guard(&s, &n, &ar, &st, &rc));
    CHECK(st.dropped_attrs == 5001 - DC_GUARD_MAX_ATTRS);
    CHECK_HAS(s, ">text</p>");
    CHECK(count(s, n, "a=1") == DC_GUARD_MAX_ATTRS);
    dc_arena_release(&ar);
    free(page);
}

TEST(guard_refuses_too_many_elements)
{
    size_t n;
    char *page = repeat("<body>", "<br>", 1000, "", &n);
    dc_arena ar;
    dc_arena_init(&ar, NULL, 4096);
    const char *s = page;
    CHECK(dc_guard(&s, &n, 512, 500, &ar, NULL) == DECANT_ERR_LIMIT);
    CHECK(s == page);
    dc_arena_release(&ar);
    free(page);
}

TEST(guard_bounds_scope_work)
{
    /* 2,048 lists deep, then list items: each would make the parser walk
     * thousands of open elements. */
    size_t n;
    char *page = repeat("<body>", "<ul><li>", 50000, "end", &n);
    dc_arena ar;
    dc_arena_init(&ar, NULL, 4096);
    const char *s = page;
    dc_guard_stats st;
    decant_status rc;
    CHECK(guard(&s, &n, &ar, &st, &rc));
    CHECK(st.work < ((size_t)17 << 20));
    CHECK(count(s, n, "<li>") < 10000);
    CHECK_HAS(s, "end");
    dc_arena_release(&ar);
    free(page);
}

/* Prunes `page` as decant does and says whether the guard would run, and
 * whether the guard, run anyway, changes or refuses the pruned page. */
static int needed(const char *page, size_t n, size_t max_nodes, int *acts)
{
    char *out = malloc(n + 1);
    if (!out)
        return -1;
    dc_prune_stats ps;
    size_t m = dc_prune(page, n, out, &ps);
    dc_arena ar;
    dc_arena_init(&ar, NULL, 4096);
    const char *s = out;
    size_t len = m;
    dc_guard_stats st;
    decant_status rc = dc_guard(&s, &len, 512, max_nodes, &ar, &st);
    *acts = rc != DECANT_OK || s != out;
    dc_arena_release(&ar);
    free(out);
    return dc_guard_needed(&ps, 512, max_nodes);
}


/* A golden page: prune's counts prove the guard has nothing to do. */
static void golden_not_needed(const char *page, size_t n)
{
    int acts = 1;
    CHECK(needed(page, n, 1000000, &acts) == 0);
    CHECK(!acts);
}
TEST(guard_needed_whenever_it_would_act)
{
    static const struct {
        const char *head, *unit, *tail;
        size_t times, max_nodes;
    } cases[] = {
        {"<body>", "<div>", "x", 2500, 1000000},                 /* depth      */
        {"<body>", "<b><i>", "x", 3000, 1000000},                /* pile-up    */
        {"<body><b><i><u><s>", "<em class=a>", "x", 5, 1000000}, /* fmt attrs  */
        {"<body><div", " class=a", ">x</div>", 2000, 1000000},   /* attributes */
        {"<body>", "<br>", "", 1000, 500},                       /* max_nodes  */
        {"<body>", "<ul><li>", "end", 50000, 1000000},           /* work       */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n;
        char *page = repeat(cases[i].head, cases[i].unit, cases[i].times, cases[i].tail, &n);
        CHECK(page != NULL);
        if (!page)
            continue;
        int acts = 0, need = needed(page, n, cases[i].max_nodes, &acts);
        CHECK(acts);
        CHECK(need == 1);
        free(page);
    }
    /* Few start tags but many stray end tags, each paid at the full depth. */
    size_t n1, n2;
    char *open = repeat("<body>", "<div>", 1500, "", &n1);
    char *strays = repeat("", "</span>", 20000, "", &n2);
    char *page = open && strays ? malloc(n1 + n2 + 1) : NULL;
    CHECK(page != NULL);
    if (page) {
        memcpy(page, open, n1);
        memcpy(page + n1, strays, n2 + 1);
        int acts = 0;
        CHECK(needed(page, n1 + n2, 1000000, &acts) == 1);
        CHECK(acts);
    }
    free(open);
    free(strays);
    free(page);
    /* Where the guard's model of the tags may differ from prune's count, it
     * runs whatever the counts say. */
    static const char *const unsure[] = {"<body><math><mi>x</mi></math>", "<body><plaintext><b>"};
    for (size_t i = 0; i < sizeof unsure / sizeof unsure[0]; i++) {
        int acts;
        CHECK(needed(unsure[i], strlen(unsure[i]), 1000000, &acts) == 1);
    }
    /* The golden pages are ordinary: no second scan for them.  (That the
     * guard leaves them alone is guard_golden_pages_untouched.) */
    each_golden_page(golden_not_needed);
}
