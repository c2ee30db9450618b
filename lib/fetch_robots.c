/*
 * fetch_robots.c — robots.txt (RFC 9309): which paths decant may fetch.
 *
 * Only the rules of the group that applies to decant are kept: every group
 * whose user-agent line names decant's product token, or, when none does,
 * every "*" group.  Matching is the RFC's: the longest pattern that matches
 * decides, allow winning a tie.
 */
#include <string.h>

#include "arena.h"
#include "fetch.h"
#include "text.h"

/* Bounds the work a hostile file can cause: rules kept, pattern length. */
#define MAX_RULES 4096
#define MAX_PATTERN 2048

typedef struct rule {
    char *pattern;
    size_t len;
    int allow;
} rule;

struct dc_robots {
    const decant_allocator *alloc;
    rule *rules;
    size_t count, cap;
    unsigned delay_ms;
    int disallow_all;
};

typedef struct group_state {
    int in_agents;    /* the last lines were user-agent lines           */
    int ours, star;   /* the current group names decant / "*"           */
    int seen_ours;    /* some group named decant                        */
} group_state;

static int blank(int c)
{
    return c == ' ' || c == '\t';
}

static int key_is(const char *k, size_t n, const char *want)
{
    return dc_eq_ci(k, n, want, strlen(want));
}

/* Does the user-agent value name `agent`?  Its product token is compared,
 * case-insensitively: "decant", "Decant/1.0" and "decant (bot)" do. */
static int names_agent(const char *v, size_t n, const char *agent)
{
    size_t a = strlen(agent), i = 0;
    while (i < n && i < a && dc_lower((unsigned char)v[i]) == dc_lower((unsigned char)agent[i]))
        i++;
    return i == a && (i == n || v[i] == '/' || blank((unsigned char)v[i]));
}

static int add_rule(dc_robots *r, const char *v, size_t n, int allow)
{
    if (r->count == MAX_RULES || n > MAX_PATTERN)
        return 1; /* beyond the bounds: ignored, not an error */
    if (!dc_grow_array(r->alloc, (void **)&r->rules, &r->cap, r->count, sizeof *r->rules, 16))
        return 0;
    char *s = dc_malloc(r->alloc, n + 1);
    if (!s)
        return 0;
    memcpy(s, v, n);
    s[n] = '\0';
    r->rules[r->count++] = (rule){s, n, allow};
    return 1;
}

static unsigned parse_delay(const char *v, size_t n)
{
    /* Seconds, maybe with a fraction ("0.5"); capped at an hour. */
    unsigned long ms = 0;
    size_t i = 0;
    for (; i < n && v[i] >= '0' && v[i] <= '9'; i++)
        if (ms < 3600000)
            ms = ms * 10 + (unsigned long)(v[i] - '0') * 1000;
    if (i < n && v[i] == '.') {
        unsigned long scale = 100;
        for (i++; i < n && v[i] >= '0' && v[i] <= '9' && scale; i++, scale /= 10)
            ms += (unsigned long)(v[i] - '0') * scale;
    }
    return ms > 3600000 ? 3600000 : (unsigned)ms;
}

/* Two passes over the text: the first learns whether any group names
 * decant (then "*" groups do not apply), the second keeps the rules. */
static int scan(dc_robots *r, const char *text, size_t n, const char *agent, int keep, group_state *g)
{
    size_t i = 0;
    g->in_agents = 0;
    g->ours = g->star = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && text[e] != '\n' && text[e] != '\r')
            e++;
        size_t end = e;
        for (size_t k = i; k < e; k++)
            if (text[k] == '#') {
                end = k;
                break;
            }
        const char *line = text + i;
        size_t len = end - i;
        i = e + 1;
        const char *colon = memchr(line, ':', len);
        if (!colon)
            continue;
        size_t kn = (size_t)(colon - line);
        while (kn && blank((unsigned char)line[kn - 1]))
            kn--;
        size_t ks = 0;
        while (ks < kn && blank((unsigned char)line[ks]))
            ks++;
        const char *v = colon + 1;
        size_t vn = (size_t)(line + len - v);
        while (vn && blank((unsigned char)*v))
            v++, vn--;
        while (vn && blank((unsigned char)v[vn - 1]))
            vn--;
        const char *key = line + ks;
        kn -= ks;
        if (key_is(key, kn, "user-agent")) {
            if (!g->in_agents)
                g->ours = g->star = 0;
            g->in_agents = 1;
            if (vn == 1 && v[0] == '*')
                g->star = 1;
            else if (names_agent(v, vn, agent))
                g->ours = g->seen_ours = 1;
            continue;
        }
        int allow = key_is(key, kn, "allow"), disallow = key_is(key, kn, "disallow");
        int delay = key_is(key, kn, "crawl-delay");
        if (!allow && !disallow && !delay)
            continue; /* sitemap:, host:, unknown: not group rules */
        g->in_agents = 0;
        if (!keep)
            continue;
        int applies = g->seen_ours ? g->ours : g->star;
        if (!applies)
            continue;
        if (delay) {
            unsigned d = parse_delay(v, vn);
            if (d > r->delay_ms)
                r->delay_ms = d;
        } else if (vn > 0 && !add_rule(r, v, vn, allow)) {
            return 0;
        }
    }
    return 1;
}

dc_robots *dc_robots_parse(const decant_allocator *alloc, const char *text, size_t n, const char *agent)
{
    dc_robots *r = dc_robots_all(alloc, 0);
    if (!r)
        return NULL;
    if (n > DC_ROBOTS_MAX_BYTES)
        n = DC_ROBOTS_MAX_BYTES;
    group_state g = {0};
    scan(r, text, n, agent, 0, &g);
    if (!scan(r, text, n, agent, 1, &g)) {
        dc_robots_free(r);
        return NULL;
    }
    return r;
}

dc_robots *dc_robots_all(const decant_allocator *alloc, int disallow_all)
{
    alloc = dc_allocator_or_default(alloc);
    dc_robots *r = dc_calloc(alloc, sizeof *r);
    if (r) {
        r->alloc = alloc;
        r->disallow_all = disallow_all;
    }
    return r;
}

/* Does pattern p[0..pn) match s: its start, or with a final '$' all of
 * it?  '*' matches any run.  The classic two-pointer glob with one
 * backtrack point: O(len(p) * len(s)) at worst, and both are bounded. */
static int matches(const char *p, size_t pn, const char *s)
{
    int anchored = pn > 0 && p[pn - 1] == '$';
    if (anchored)
        pn--;
    size_t sn = strlen(s), i = 0, j = 0, star = (size_t)-1, mark = 0;
    for (;;) {
        if (i == pn && (!anchored || j == sn))
            return 1;
        if (i < pn && p[i] == '*') {
            star = ++i;
            mark = j;
        } else if (i < pn && j < sn && p[i] == s[j]) {
            i++, j++;
        } else if (star != (size_t)-1 && mark < sn) {
            i = star;
            j = ++mark;
        } else {
            return 0;
        }
    }
}

int dc_robots_allowed(const dc_robots *r, const char *path)
{
    if (!r)
        return 1;
    if (strcmp(path, "/robots.txt") == 0)
        return 1;
    if (r->disallow_all)
        return 0;
    size_t best = 0;
    int allowed = 1, found = 0;
    for (size_t i = 0; i < r->count; i++) {
        const rule *ru = &r->rules[i];
        if (!matches(ru->pattern, ru->len, path))
            continue;
        if (!found || ru->len > best || (ru->len == best && ru->allow)) {
            allowed = ru->allow;
            best = ru->len;
            found = 1;
        }
    }
    return allowed;
}

unsigned dc_robots_crawl_delay_ms(const dc_robots *r)
{
    return r ? r->delay_ms : 0;
}

void dc_robots_free(dc_robots *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++)
        dc_free(r->alloc, r->rules[i].pattern, r->rules[i].len + 1);
    dc_free(r->alloc, r->rules, r->cap * sizeof *r->rules);
    dc_free(r->alloc, r, sizeof *r);
}
