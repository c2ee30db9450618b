/*
 * fetch.c — the fetcher: many URLs over libcurl's multi interface, each
 * origin politely, results handed out in the order the URLs were added.
 *
 * The work is a list of slots in output order; a feed or sitemap, once
 * read, inserts its items right after itself.  Slots enter the schedule
 * ("admitted") only within a window from the head, so memory holds at most
 * `window` results waiting for an earlier, slower one.  Whenever a transfer
 * may start, the list is scanned from the head for the first admitted slot
 * whose origin allows one now (connections, delay, robots.txt): earlier
 * inputs go first, and no origin is asked more often than it should be.
 * Redirects are not left to libcurl: each hop goes back to the schedule as
 * a request of its own, so every hop is polite, obeys its origin's robots,
 * and goes into the result's exchanges (and so into the WARC).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "fetch.h"
#include "fetch_state.h"
#include "internal.h"
#include "text.h"

/* ------------------------------------------------------------ buffers */

int dc_fetch_xbuf_put(const decant_allocator *a, xbuf *b, const void *p, size_t n)
{
    if (!dc_grow(a, (void **)&b->data, &b->cap, b->len + n + 1, 4096))
        return 0;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 1;
}

/* ------------------------------------------------------------ results */

int dc_fetch_own(result *r, void *p, size_t size)
{
    if (!p)
        return 0;
    if (!dc_grow_array(&r->alloc, (void **)&r->owned, &r->capowned, r->nowned, sizeof *r->owned, 16)) {
        dc_free(&r->alloc, p, size);
        r->nomem = 1;
        return 0;
    }
    r->owned[r->nowned++] = (owned_block){p, size};
    return 1;
}

const char *dc_fetch_own_str(result *r, const char *s)
{
    if (!s)
        return NULL;
    char *d = dc_strdup(&r->alloc, s);
    if (!d)
        r->nomem = 1;
    return d && dc_fetch_own(r, d, strlen(d) + 1) ? d : NULL;
}

void dc_fetch_result_release(result *r)
{
    for (size_t i = 0; i < r->nowned; i++)
        dc_free(&r->alloc, r->owned[i].p, r->owned[i].size);
    dc_free(&r->alloc, r->owned, r->capowned * sizeof *r->owned);
    dc_free(&r->alloc, r->xs, r->capx * sizeof *r->xs);
    r->owned = NULL;
    r->xs = NULL;
    r->nowned = r->capowned = r->nx = r->capx = 0;
}

void decant_fetch_result_free(decant_fetch_result *pub)
{
    if (!pub)
        return;
    result *r = (result *)pub;
    decant_allocator a = r->alloc;
    dc_fetch_result_release(r);
    dc_free(&a, r, sizeof *r);
}

/* Moves the exchanges of `from` to the front of `to` (robots.txt's, which
 * came first), with the memory they point into. */
static int prepend_exchanges(result *to, result *from)
{
    if (!from)
        return 1;
    to->nomem |= from->nomem;
    from->nomem = 0;
    if (from->nx == 0)
        return 1;
    /* Room first for all that moves, so that running out of memory leaves
     * both as they were. */
    while (to->capowned < to->nowned + from->nowned)
        if (!dc_grow_array(&to->alloc, (void **)&to->owned, &to->capowned, to->capowned, sizeof *to->owned,
                           16))
            return 0;
    size_t n = to->nx + from->nx;
    decant_http_exchange *xs = dc_malloc(&to->alloc, n * sizeof *xs);
    if (!xs)
        return 0;
    memcpy(xs, from->xs, from->nx * sizeof *xs);
    if (to->nx)
        memcpy(xs + from->nx, to->xs, to->nx * sizeof *xs);
    dc_free(&to->alloc, to->xs, to->capx * sizeof *to->xs);
    to->xs = xs;
    to->nx = to->capx = n;
    memcpy(to->owned + to->nowned, from->owned, from->nowned * sizeof *from->owned);
    to->nowned += from->nowned;
    from->nowned = 0;
    from->nx = 0;
    return 1;
}

int64_t dc_fetch_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void dc_fetch_utc_date(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void decant_fetch_options_init(decant_fetch_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->version = DECANT_FETCH_OPTIONS_VERSION;
    o->timeout_ms = 30000;
    o->connect_timeout_ms = 10000;
    o->retries = 3;
    o->retry_delay_ms = 1000;
    o->host_delay_ms = 1000;
    o->host_connections = 1;
    o->connections = 16;
    o->max_redirects = 10;
    o->max_bytes = (size_t)64 << 20;
    o->max_pages = 10000;
    o->max_sitemap_depth = 3;
    o->window = 256;
}

/* ------------------------------------------------------------ hosts */

/* "host:port" of an origin key "scheme://host:port". */
const char *dc_fetch_hostport(const char *key)
{
    const char *p = strstr(key, "://");
    return p ? p + 3 : key;
}

int dc_fetch_allow_host(decant_fetcher *f, const char *hp)
{
    for (size_t i = 0; i < f->nallowed; i++)
        if (strcmp(f->allowed[i], hp) == 0)
            return 1;
    if (!dc_grow_array(&f->alloc, (void **)&f->allowed, &f->capallowed, f->nallowed, sizeof *f->allowed, 8))
        return 0;
    char *d = dc_strdup(&f->alloc, hp);
    if (!d)
        return 0;
    for (char *c = d; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c + 32);
    f->allowed[f->nallowed++] = d;
    return 1;
}

/* Is the origin's host allowed: "host:port" listed, or "host" alone? */
static int host_allowed(const decant_fetcher *f, const char *key)
{
    const char *hp = dc_fetch_hostport(key);
    const char *colon = strrchr(hp, ':');
    size_t hl = colon ? (size_t)(colon - hp) : strlen(hp);
    for (size_t i = 0; i < f->nallowed; i++) {
        const char *a = f->allowed[i];
        if (strcmp(a, hp) == 0 || (strlen(a) == hl && strncmp(a, hp, hl) == 0))
            return 1;
    }
    return 0;
}

origin *dc_fetch_origin(decant_fetcher *f, const char *key)
{
    for (origin *o = f->origins; o; o = o->next)
        if (strcmp(o->key, key) == 0)
            return o;
    origin *o = dc_calloc(&f->alloc, sizeof *o);
    if (!o)
        return NULL;
    snprintf(o->key, sizeof o->key, "%s", key);
    o->last_start = -1;
    o->delay = f->o.host_delay_ms;
    if (f->o.ignore_robots)
        o->robots = 2;
    o->next = f->origins;
    f->origins = o;
    return o;
}

/* ------------------------------------------------------------ setup */

decant_status decant_fetcher_new(const decant_fetch_options *opts, decant_fetcher **out, decant_error *err)
{
    if (!out)
        return dc_fail(err, DECANT_ERR_INVALID, "no output pointer");
    *out = NULL;
    decant_fetch_options o;
    decant_fetch_options_init(&o);
    /* A caller built against an older version has a shorter struct: read
     * only what it has, and keep the defaults for the rest.  Version 0 (a
     * struct never set up) has always meant the defaults. */
    if (opts && opts->version == 1)
        memcpy(&o, opts, offsetof(decant_fetch_options, allocator));
    else if (opts && opts->version == DECANT_FETCH_OPTIONS_VERSION)
        o = *opts;
    else if (opts && opts->version != 0)
        return dc_fail(err, DECANT_ERR_INVALID, "options not set up by decant_fetch_options_init");
    o.version = DECANT_FETCH_OPTIONS_VERSION;
    const decant_allocator *alloc = dc_allocator_or_default(o.allocator);
    decant_fetcher *f = dc_calloc(alloc, sizeof *f);
    if (!f)
        return dc_fail(err, DECANT_ERR_NOMEM, NULL);
    f->o = o;
    f->alloc = *alloc;
    f->o.allocator = NULL; /* f->alloc is the one used */
    /* Zero would stall or refuse everything: the defaults' floor. */
    if (!f->o.host_connections)
        f->o.host_connections = 1;
    if (!f->o.connections)
        f->o.connections = 1;
    if (!f->o.window)
        f->o.window = 1;
    if (!f->o.max_bytes)
        f->o.max_bytes = (size_t)64 << 20;
    char ua[64];
    snprintf(ua, sizeof ua, "decant/%s", decant_version());
    f->user_agent = dc_strdup(&f->alloc, f->o.user_agent && *f->o.user_agent ? f->o.user_agent : ua);
    f->o.user_agent = NULL;
    f->o.allow_hosts = NULL;
    int ok = f->user_agent != NULL;
    for (size_t i = 0; ok && opts && opts->allow_hosts && i < opts->allow_host_count; i++)
        ok = !opts->allow_hosts[i] || dc_fetch_allow_host(f, opts->allow_hosts[i]);
    const dc_curl_api *curl = dc_curl();
    if (!curl) {
        decant_fetcher_free(f);
        return dc_fail(err, DECANT_ERR_NOMEM, "cannot load libcurl (libcurl.so.4)");
    }
    /* Thread-safe from libcurl 7.84 on, and reference-counted. */
    if (ok && curl->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        ok = 0;
    f->multi = ok ? curl->multi_init() : NULL;
    if (!f->multi) {
        decant_fetcher_free(f);
        return dc_fail(err, DECANT_ERR_NOMEM, "cannot start libcurl");
    }
    curl->multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)f->o.host_connections);
    curl->multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)f->o.connections);
    *out = f;
    return DECANT_OK;
}

static void slot_free(decant_fetcher *f, slot *s)
{
    if (!s)
        return;
    if (s->exp && --s->exp->refs == 0)
        dc_free(&f->alloc, s->exp, sizeof *s->exp);
    dc_free_str(&f->alloc, s->cur);
    if (s->res)
        decant_fetch_result_free(&s->res->pub);
    dc_free(&f->alloc, s, sizeof *s);
}

result *dc_fetch_result_new(const decant_fetcher *f)
{
    result *r = dc_calloc(&f->alloc, sizeof *r);
    if (r)
        r->alloc = f->alloc;
    return r;
}

slot *dc_fetch_slot_new(decant_fetcher *f, const char *url, decant_fetch_kind kind, void *user)
{
    slot *s = dc_calloc(&f->alloc, sizeof *s);
    if (!s)
        return NULL;
    s->kind = kind;
    s->user = user;
    s->res = dc_fetch_result_new(f);
    s->cur = dc_strdup(&f->alloc, url);
    if (!s->res || (url && !s->cur)) {
        slot_free(f, s);
        return NULL;
    }
    s->res->pub.kind = kind;
    s->res->pub.user = user;
    s->res->pub.requested_url = dc_fetch_own_str(s->res, url);
    return s;
}

void dc_fetch_set_error(slot *s, const char *code, const char *fmt, const char *arg)
{
    result *r = s->res;
    char msg[256];
    snprintf(msg, sizeof msg, fmt, arg ? arg : "");
    r->pub.error = dc_fetch_own_str(r, code);
    r->pub.error_message = dc_fetch_own_str(r, msg);
    if (!r->pub.error)
        r->pub.error = "nomem";
    if (!r->pub.error_message)
        r->pub.error_message = "out of memory";
}

/* The slot is finished: its result is complete. */
void dc_fetch_finish(decant_fetcher *f, slot *s)
{
    result *r = s->res;
    if (!r->pub.url)
        r->pub.url = dc_fetch_own_str(r, s->cur ? s->cur : r->pub.requested_url);
    if (!r->pub.id) {
        char id[48];
        dc_new_uuid(id);
        r->pub.id = dc_fetch_own_str(r, id);
    }
    if (r->nomem) {
        r->pub.error = "nomem";
        r->pub.error_message = "out of memory";
    }
    r->pub.exchanges = r->xs;
    r->pub.exchange_count = r->nx;
    s->state = S_DONE;
    (void)f;
}

decant_status decant_fetcher_add(decant_fetcher *f, const char *url, decant_fetch_kind kind, void *user,
                                 decant_error *err)
{
    if (!f || !url)
        return dc_fail(err, DECANT_ERR_INVALID, "no fetcher or URL");
    slot *s = dc_fetch_slot_new(f, url, kind, user);
    if (!s)
        return dc_fail(err, DECANT_ERR_NOMEM, NULL);
    s->entry = ++f->entries;
    s->seed = 1;
    if (kind != DECANT_FETCH_PAGE) {
        s->exp = dc_calloc(&f->alloc, sizeof *s->exp);
        if (!s->exp) {
            slot_free(f, s);
            return dc_fail(err, DECANT_ERR_NOMEM, NULL);
        }
        s->exp->budget = f->o.max_pages;
        s->exp->refs = 1;
    }
    char key[ORIGIN_MAX], path[PATH_MAX_];
    if (dc_url_split(url, key, sizeof key, path, sizeof path) != 0) {
        dc_fetch_set_error(s, "bad_url", "not an http or https URL: %s", url);
        dc_fetch_finish(f, s);
    } else if (!(s->org = dc_fetch_origin(f, key)) || !dc_fetch_allow_host(f, dc_fetch_hostport(key))) {
        slot_free(f, s);
        return dc_fail(err, DECANT_ERR_NOMEM, NULL);
    }
    if (f->tail)
        f->tail->next = s;
    else
        f->head = s;
    f->tail = s;
    f->count++;
    return DECANT_OK;
}

size_t decant_fetcher_pending(const decant_fetcher *f)
{
    return f ? f->count : 0;
}

/* ------------------------------------------------------------ schedule */

static int origin_ready(const decant_fetcher *f, const origin *o, int64_t now, int64_t *wake)
{
    if (f->active >= f->o.connections || o->active >= f->o.host_connections)
        return 0;
    if (o->last_start >= 0 && now < o->last_start + (int64_t)o->delay) {
        if (o->last_start + (int64_t)o->delay < *wake)
            *wake = o->last_start + (int64_t)o->delay;
        return 0;
    }
    return 1;
}

/* robots.txt's exchanges go with the first result that needed them. */
static void take_carry(slot *s)
{
    origin *o = s->org;
    if (o && o->carry && (o->carry->nx || o->carry->nomem) && !prepend_exchanges(s->res, o->carry))
        s->res->nomem = 1;
}

static void refuse(decant_fetcher *f, slot *s, const char *code, const char *msg)
{
    take_carry(s);
    dc_fetch_set_error(s, code, "%s", msg);
    dc_fetch_finish(f, s);
}

/* Starts what may start now; *wake is when something else could. */
static void schedule(decant_fetcher *f, int64_t now, int64_t *wake)
{
    size_t seen = 0;
    for (slot *s = f->head; s && seen < f->o.window; s = s->next, seen++) {
        if (s->state != S_WAIT)
            continue;
        origin *o = s->org;
        if (s->discovered && !host_allowed(f, o->key)) {
            refuse(f, s, "offsite", "on a host that was not named (see allow_hosts / --allow-host)");
            continue;
        }
        if (s->not_before > now) {
            if (s->not_before < *wake)
                *wake = s->not_before;
            continue;
        }
        if (o->robots == 1)
            continue;
        if (o->robots == 0) {
            if (o->robots_not_before > now) {
                if (o->robots_not_before < *wake)
                    *wake = o->robots_not_before;
            } else if (origin_ready(f, o, now, wake)) {
                char url[ORIGIN_MAX + 16];
                snprintf(url, sizeof url, "%s/robots.txt", o->key);
                /* A transfer that cannot start (out of memory) leaves
                 * no rules: the origin's pages fail "nomem" below. */
                o->robots = dc_fetch_start_xfer(f, o, NULL, url, now) ? 1 : 2;
            }
            if (o->robots != 2)
                continue;
        }
        char key[ORIGIN_MAX], path[PATH_MAX_];
        /* No rules at all means they could not be had for want of memory:
         * nothing is fetched against rules unread. */
        if (!f->o.ignore_robots && !o->rules) {
            refuse(f, s, "nomem", "out of memory");
            continue;
        }
        if (!f->o.ignore_robots &&
            (dc_url_split(s->cur, key, sizeof key, path, sizeof path) != 0 || !dc_robots_allowed(o->rules, path))) {
            refuse(f, s, o->robots_code ? o->robots_code : "robots",
                   o->robots_error ? o->robots_error : "disallowed by robots.txt");
            continue;
        }
        if (!origin_ready(f, o, now, wake))
            continue;
        take_carry(s);
        if (dc_fetch_start_xfer(f, o, s, s->cur, now))
            s->discovered = 0; /* its redirects are followed wherever they go */
        else
            refuse(f, s, "nomem", "out of memory");
    }
}

decant_status decant_fetcher_next(decant_fetcher *f, decant_fetch_result **out, decant_error *err)
{
    if (!f || !out)
        return dc_fail(err, DECANT_ERR_INVALID, "no fetcher or output pointer");
    *out = NULL;
    for (;;) {
        slot *s = f->head;
        if (!s)
            return DECANT_ERR_EMPTY;
        if (s->state == S_DONE) {
            f->head = s->next;
            if (!f->head)
                f->tail = NULL;
            f->count--;
            result *r = s->res;
            s->res = NULL;
            r->pub.entry_end = !s->next || s->next->entry != s->entry;
            slot_free(f, s);
            *out = &r->pub;
            return DECANT_OK;
        }
        int64_t now = dc_fetch_now_ms(), wake = now + 1000;
        schedule(f, now, &wake);
        if (f->head->state == S_DONE)
            continue;
        int running = 0;
        dc_curl()->multi_perform(f->multi, &running);
        int left, finished = 0;
        CURLMsg *m;
        while ((m = dc_curl()->multi_info_read(f->multi, &left)) != NULL) {
            if (m->msg != CURLMSG_DONE)
                continue;
            dc_fetch_xfer_done(f, m->easy_handle, m->data.result);
            finished = 1;
        }
        if (finished)
            continue;
        now = dc_fetch_now_ms();
        int64_t wait = wake - now;
        if (wait < 0)
            wait = 0;
        if (wait > 1000)
            wait = 1000;
        dc_curl()->multi_poll(f->multi, NULL, 0, (int)wait, NULL);
    }
}

void decant_fetcher_free(decant_fetcher *f)
{
    if (!f)
        return;
    while (f->xfers) {
        xfer *x = f->xfers;
        f->xfers = x->next;
        dc_curl()->multi_remove_handle(f->multi, x->easy);
        dc_fetch_xfer_free(x);
    }
    while (f->head) {
        slot *s = f->head;
        f->head = s->next;
        slot_free(f, s);
    }
    while (f->origins) {
        origin *o = f->origins;
        f->origins = o->next;
        dc_robots_free(o->rules);
        dc_free_str(&f->alloc, o->robots_error);
        if (o->carry)
            decant_fetch_result_free(&o->carry->pub);
        dc_free(&f->alloc, o, sizeof *o);
    }
    for (size_t i = 0; i < f->nallowed; i++)
        dc_free_str(&f->alloc, f->allowed[i]);
    dc_free(&f->alloc, f->allowed, f->capallowed * sizeof *f->allowed);
    dc_free_str(&f->alloc, f->user_agent);
    if (f->multi) {
        dc_curl()->multi_cleanup(f->multi);
        dc_curl()->global_cleanup();
    }
    decant_allocator a = f->alloc;
    dc_free(&a, f, sizeof *f);
}
