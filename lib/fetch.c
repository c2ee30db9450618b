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
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "arena.h"
#include "fetch.h"
#include "internal.h"
#include "text.h"
#include "warc_http.h"

#define ORIGIN_MAX 512
#define PATH_MAX_ 8192
/* A response head beyond this is garbage, not HTTP. */
#define HEAD_MAX ((size_t)256 << 10)
/* Longest wait honoured: Retry-After, backoff, Crawl-delay. */
#define WAIT_MAX_MS 60000

/* ------------------------------------------------------------ buffers */

typedef struct xbuf {
    char *data;
    size_t len, cap;
} xbuf;

/* Its memory is the C library's (the default allocator), as results are. */
static int xbuf_put(xbuf *b, const void *p, size_t n)
{
    if (!dc_grow(&dc_default_allocator, (void **)&b->data, &b->cap, b->len + n + 1, 4096))
        return 0;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 1;
}

/* ------------------------------------------------------------ results */

/* The public result, with what it owns. */
typedef struct result {
    decant_fetch_result pub;
    decant_http_exchange *xs;
    size_t nx, capx;
    char **owned;
    size_t nowned, capowned;
} result;

static int own(result *r, void *p)
{
    if (!p)
        return 0;
    if (r->nowned == r->capowned) {
        size_t cap = r->capowned ? r->capowned * 2 : 16;
        char **q = realloc(r->owned, cap * sizeof *q);
        if (!q) {
            free(p);
            return 0;
        }
        r->owned = q;
        r->capowned = cap;
    }
    r->owned[r->nowned++] = p;
    return 1;
}

static const char *own_str(result *r, const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    return own(r, d) ? d : NULL;
}

void decant_fetch_result_free(decant_fetch_result *pub)
{
    if (!pub)
        return;
    result *r = (result *)pub;
    for (size_t i = 0; i < r->nowned; i++)
        free(r->owned[i]);
    free(r->owned);
    free(r->xs);
    free(r);
}

/* Moves the exchanges of `from` to the front of `to` (robots.txt's, which
 * came first), with the memory they point into. */
static int prepend_exchanges(result *to, result *from)
{
    if (!from || from->nx == 0)
        return 1;
    size_t n = to->nx + from->nx;
    decant_http_exchange *xs = malloc(n * sizeof *xs);
    if (!xs)
        return 0;
    memcpy(xs, from->xs, from->nx * sizeof *xs);
    if (to->nx)
        memcpy(xs + from->nx, to->xs, to->nx * sizeof *xs);
    free(to->xs);
    to->xs = xs;
    to->nx = to->capx = n;
    for (size_t i = 0; i < from->nowned; i++) {
        if (!own(to, from->owned[i]))
            return 0;
        from->owned[i] = NULL;
    }
    from->nowned = 0;
    from->nx = 0;
    return 1;
}

/* ------------------------------------------------------------ the state */

typedef struct origin {
    struct origin *next;
    char key[ORIGIN_MAX];        /* "scheme://host:port"                    */
    int robots;                  /* 0 unknown, 1 being fetched, 2 known     */
    unsigned robots_tries;
    int64_t robots_not_before;
    dc_robots *rules;
    char *robots_error;          /* why nothing may be fetched, or NULL     */
    const char *robots_code;     /* ... as an error code                    */
    result *carry;               /* robots.txt's exchanges, for the next    */
                                 /* result of this origin                   */
    unsigned active;
    int64_t last_start;          /* ms, -1 never                            */
    unsigned delay;
} origin;

typedef struct expansion {
    size_t budget;               /* links it may still take                 */
    unsigned refs;
} expansion;

enum { S_WAIT, S_ACTIVE, S_DONE };

typedef struct slot {
    struct slot *next;
    decant_fetch_kind kind;
    void *user;
    unsigned entry;
    int state, admitted;
    int discovered;              /* listed by a feed or sitemap             */
    int seed;                    /* its redirects allow their hosts         */
    unsigned depth;              /* sitemap indexes above it                */
    expansion *exp;
    char *cur;                   /* the URL to request next                 */
    origin *org;
    unsigned hops, tries;
    int64_t not_before;
    result *res;
} slot;

typedef struct xfer {
    struct xfer *next;           /* the fetcher's transfers in flight       */
    CURL *easy;
    struct curl_slist *headers;
    slot *s;                     /* NULL: robots.txt of `org`               */
    origin *org;
    char *url;
    xbuf req, resp;
    size_t head_len;             /* bytes of resp that are the head         */
    size_t cap;                  /* most body bytes kept                    */
    int in_body;
    int cut;                     /* the body reached `cap`                  */
    int nomem;
    char date[32];
    char errbuf[CURL_ERROR_SIZE];
} xfer;

struct decant_fetcher {
    decant_fetch_options o;
    char *user_agent;
    CURLM *multi;
    slot *head, *tail;
    size_t count;                /* slots not yet handed out                */
    unsigned entries;
    origin *origins;
    char **allowed;              /* "host:port" or "host"                   */
    size_t nallowed, capallowed;
    unsigned active;
    xfer *xfers;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void utc_date(char *buf, size_t size)
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
static const char *hostport(const char *key)
{
    const char *p = strstr(key, "://");
    return p ? p + 3 : key;
}

static int allow_host(decant_fetcher *f, const char *hp)
{
    for (size_t i = 0; i < f->nallowed; i++)
        if (strcmp(f->allowed[i], hp) == 0)
            return 1;
    if (f->nallowed == f->capallowed) {
        size_t cap = f->capallowed ? f->capallowed * 2 : 8;
        char **p = realloc(f->allowed, cap * sizeof *p);
        if (!p)
            return 0;
        f->allowed = p;
        f->capallowed = cap;
    }
    char *d = strdup(hp);
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
    const char *hp = hostport(key);
    const char *colon = strrchr(hp, ':');
    size_t hl = colon ? (size_t)(colon - hp) : strlen(hp);
    for (size_t i = 0; i < f->nallowed; i++) {
        const char *a = f->allowed[i];
        if (strcmp(a, hp) == 0 || (strlen(a) == hl && strncmp(a, hp, hl) == 0))
            return 1;
    }
    return 0;
}

static origin *find_origin(decant_fetcher *f, const char *key)
{
    for (origin *o = f->origins; o; o = o->next)
        if (strcmp(o->key, key) == 0)
            return o;
    origin *o = calloc(1, sizeof *o);
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
    decant_fetcher *f = calloc(1, sizeof *f);
    if (!f)
        return dc_fail(err, DECANT_ERR_NOMEM, NULL);
    decant_fetch_options_init(&f->o);
    if (opts && opts->version >= 1) {
        f->o = *opts;
        f->o.version = DECANT_FETCH_OPTIONS_VERSION;
    }
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
    f->user_agent = strdup(f->o.user_agent && *f->o.user_agent ? f->o.user_agent : ua);
    f->o.user_agent = NULL;
    f->o.allow_hosts = NULL;
    int ok = f->user_agent != NULL;
    for (size_t i = 0; ok && opts && opts->allow_hosts && i < opts->allow_host_count; i++)
        ok = !opts->allow_hosts[i] || allow_host(f, opts->allow_hosts[i]);
    /* Thread-safe from libcurl 7.84 on, and reference-counted. */
    if (ok && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        ok = 0;
    f->multi = ok ? curl_multi_init() : NULL;
    if (!f->multi) {
        decant_fetcher_free(f);
        return dc_fail(err, DECANT_ERR_NOMEM, "cannot start libcurl");
    }
    curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)f->o.host_connections);
    curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)f->o.connections);
    *out = f;
    return DECANT_OK;
}

static void slot_free(slot *s)
{
    if (!s)
        return;
    if (s->exp && --s->exp->refs == 0)
        free(s->exp);
    free(s->cur);
    if (s->res)
        decant_fetch_result_free(&s->res->pub);
    free(s);
}

static result *result_new(void)
{
    return calloc(1, sizeof(result));
}

static slot *slot_new(decant_fetcher *f, const char *url, decant_fetch_kind kind, void *user)
{
    slot *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->kind = kind;
    s->user = user;
    s->res = result_new();
    s->cur = url ? strdup(url) : NULL;
    if (!s->res || (url && !s->cur)) {
        free(s->cur);
        free(s->res);
        free(s);
        return NULL;
    }
    s->res->pub.kind = kind;
    s->res->pub.user = user;
    s->res->pub.requested_url = own_str(s->res, url);
    (void)f;
    return s;
}

static void set_error(slot *s, const char *code, const char *fmt, const char *arg)
{
    result *r = s->res;
    char msg[256];
    snprintf(msg, sizeof msg, fmt, arg ? arg : "");
    r->pub.error = own_str(r, code);
    r->pub.error_message = own_str(r, msg);
    if (!r->pub.error)
        r->pub.error = "nomem";
    if (!r->pub.error_message)
        r->pub.error_message = "out of memory";
}

/* The slot is finished: its result is complete. */
static void finish(decant_fetcher *f, slot *s)
{
    result *r = s->res;
    if (!r->pub.url)
        r->pub.url = own_str(r, s->cur ? s->cur : r->pub.requested_url);
    if (!r->pub.id) {
        char id[48];
        dc_new_uuid(id);
        r->pub.id = own_str(r, id);
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
    slot *s = slot_new(f, url, kind, user);
    if (!s)
        return dc_fail(err, DECANT_ERR_NOMEM, NULL);
    s->entry = ++f->entries;
    s->seed = 1;
    if (kind != DECANT_FETCH_PAGE) {
        s->exp = calloc(1, sizeof *s->exp);
        if (!s->exp) {
            slot_free(s);
            return dc_fail(err, DECANT_ERR_NOMEM, NULL);
        }
        s->exp->budget = f->o.max_pages;
        s->exp->refs = 1;
    }
    char key[ORIGIN_MAX], path[PATH_MAX_];
    if (dc_url_split(url, key, sizeof key, path, sizeof path) != 0) {
        set_error(s, "bad_url", "not an http or https URL: %s", url);
        finish(f, s);
    } else if (!(s->org = find_origin(f, key)) || !allow_host(f, hostport(key))) {
        slot_free(s);
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

/* ------------------------------------------------------------ transfers */

static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *ud)
{
    (void)h;
    xfer *x = ud;
    if (type == CURLINFO_HEADER_OUT && !xbuf_put(&x->req, data, size))
        x->nomem = 1;
    return 0;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    xfer *x = ud;
    size_t len = size * n;
    /* A final status line after a 1xx answer starts the head afresh. */
    if (len > 5 && memcmp(p, "HTTP/", 5) == 0 && x->resp.len && !x->in_body)
        x->resp.len = 0;
    if (x->resp.len + len > HEAD_MAX)
        return 0;
    if (!xbuf_put(&x->resp, p, len)) {
        x->nomem = 1;
        return 0;
    }
    x->head_len = x->resp.len;
    return len;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    xfer *x = ud;
    size_t len = size * n, have = x->resp.len - x->head_len;
    x->in_body = 1;
    if (have + len > x->cap) {
        /* Keep what fits, for the archive, and stop the transfer. */
        if (x->cap > have && !xbuf_put(&x->resp, p, x->cap - have))
            x->nomem = 1;
        x->cut = 1;
        return 0;
    }
    if (!xbuf_put(&x->resp, p, len)) {
        x->nomem = 1;
        return 0;
    }
    return len;
}

static void xfer_free(xfer *x)
{
    if (!x)
        return;
    if (x->easy)
        curl_easy_cleanup(x->easy);
    curl_slist_free_all(x->headers);
    free(x->url);
    free(x->req.data);
    free(x->resp.data);
    free(x);
}

static int start_xfer(decant_fetcher *f, origin *o, slot *s, const char *url, int64_t now)
{
    xfer *x = calloc(1, sizeof *x);
    if (!x)
        return 0;
    x->s = s;
    x->org = o;
    x->url = strdup(url);
    x->cap = s ? f->o.max_bytes : DC_ROBOTS_MAX_BYTES;
    x->easy = curl_easy_init();
    struct curl_slist *h = NULL;
    const char *accept = s && s->kind != DECANT_FETCH_PAGE
                             ? "Accept: application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8"
                             : "Accept: text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8";
    h = curl_slist_append(h, accept);
    /* Asked for by hand: libcurl would decode what the archive must keep. */
    struct curl_slist *h2 = h ? curl_slist_append(h, "Accept-Encoding: gzip, deflate") : NULL;
    x->headers = h2 ? h2 : h;
    if (!x->url || !x->easy || !h2) {
        xfer_free(x);
        return 0;
    }
    CURL *e = x->easy;
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_PRIVATE, x);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(e, CURLOPT_HTTP_TRANSFER_DECODING, 0L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, f->user_agent);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)f->o.timeout_ms);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)f->o.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)(x->cap > (size_t)INT64_MAX ? INT64_MAX : x->cap));
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
    /* The request head exactly as sent, for the archive's request record. */
    curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, on_debug);
    curl_easy_setopt(e, CURLOPT_DEBUGDATA, x);
    curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
    if (curl_multi_add_handle(f->multi, e) != CURLM_OK) {
        xfer_free(x);
        return 0;
    }
    utc_date(x->date, sizeof x->date);
    x->next = f->xfers;
    f->xfers = x;
    o->active++;
    f->active++;
    o->last_start = now;
    if (s)
        s->state = S_ACTIVE;
    return 1;
}

/* The exchange of a finished transfer, added to `r`: its request if one
 * was sent, and its response if one came.  Takes over x's buffers. */
static decant_http_exchange *add_exchange(result *r, xfer *x, const char *ip, const char *truncated)
{
    if (x->req.len == 0)
        return NULL; /* nothing went out: no DNS, no connection */
    if (r->nx == r->capx) {
        size_t cap = r->capx ? r->capx * 2 : 4;
        decant_http_exchange *p = realloc(r->xs, cap * sizeof *p);
        if (!p)
            return NULL;
        r->xs = p;
        r->capx = cap;
    }
    decant_http_exchange e = {0};
    char id[48];
    e.url = own_str(r, x->url);
    e.date = own_str(r, x->date);
    e.ip = ip && *ip ? own_str(r, ip) : NULL;
    dc_new_uuid(id);
    e.request_id = own_str(r, id);
    if (!own(r, x->req.data)) {
        x->req.data = NULL;
        return NULL;
    }
    e.request = x->req.data;
    e.request_size = x->req.len;
    x->req.data = NULL;
    if (x->resp.len && x->head_len) {
        dc_new_uuid(id);
        e.response_id = own_str(r, id);
        if (!own(r, x->resp.data)) {
            x->resp.data = NULL;
            return NULL;
        }
        e.response = x->resp.data;
        e.response_size = x->resp.len;
        e.truncated = truncated;
        x->resp.data = NULL;
    }
    r->xs[r->nx] = e;
    return &r->xs[r->nx++];
}

/* ------------------------------------------------------------ outcomes */

static const char *curl_token(CURLcode rc, int *retry)
{
    *retry = 0;
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return "dns";
    case CURLE_COULDNT_CONNECT:
        *retry = 1;
        return "connect";
    case CURLE_OPERATION_TIMEDOUT:
        *retry = 1;
        return "timeout";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return "tls";
    case CURLE_FILESIZE_EXCEEDED:
        return "too_large";
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
        return "bad_url";
    case CURLE_OUT_OF_MEMORY:
        return "nomem";
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        *retry = 1;
        return "network";
    default:
        return "network";
    }
}

static int retryable_status(long status)
{
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

static unsigned backoff_ms(const decant_fetcher *f, unsigned tries, unsigned retry_after_ms)
{
    unsigned long long d = f->o.retry_delay_ms;
    for (unsigned i = 1; i < tries && d < WAIT_MAX_MS; i++)
        d *= 2;
    if (retry_after_ms > d)
        d = retry_after_ms;
    return d > WAIT_MAX_MS ? WAIT_MAX_MS : (unsigned)d;
}

/* Retry-After in seconds (the HTTP-date form falls back to the backoff). */
static unsigned retry_after(const char *head, size_t n)
{
    static const char name[] = "\nretry-after:";
    for (size_t i = 0; i + sizeof name - 1 < n; i++) {
        size_t k = 0;
        while (k < sizeof name - 1 && (head[i + k] | (name[k] >= 'a' ? 0x20 : 0)) == name[k])
            k++;
        if (k < sizeof name - 1)
            continue;
        const char *v = head + i + k;
        while (*v == ' ' || *v == '\t')
            v++;
        unsigned long sec = 0;
        int digits = 0;
        for (; *v >= '0' && *v <= '9' && sec < 100000; v++, digits++)
            sec = sec * 10 + (unsigned long)(*v - '0');
        return digits ? (unsigned)(sec > WAIT_MAX_MS / 1000 ? WAIT_MAX_MS : sec * 1000) : 0;
    }
    return 0;
}

static void retry_later(decant_fetcher *f, slot *s, unsigned after_ms)
{
    s->tries++;
    s->not_before = now_ms() + backoff_ms(f, s->tries, after_ms);
    s->state = S_WAIT;
}

/* The decoded body of a response (dechunked, Content-Encoding undone), in
 * memory owned by `r`; NULL with *why set when it cannot be had. */
static const unsigned char *decoded_body(const decant_fetcher *f, result *r, const char *resp, size_t n,
                                         size_t *len, const char **why)
{
    char *copy = malloc(n + 1);
    if (!copy || !own(r, copy)) {
        *why = "nomem";
        return NULL;
    }
    memcpy(copy, resp, n);
    copy[n] = '\0';
    dc_http_head h;
    if (dc_http_parse(copy, n, &h) != 0) {
        *why = "network";
        return NULL;
    }
    const unsigned char *body = (unsigned char *)copy + h.body;
    size_t blen = n - h.body;
    if (dc_has_token(h.transfer_encoding, "chunked")) {
        blen = dc_http_dechunk(copy + h.body, blen);
        if (blen == SIZE_MAX) {
            *why = "encoding";
            return NULL;
        }
    }
    dc_http_body b = {&dc_default_allocator, f->o.max_bytes, NULL, 0};
    decant_status nomem = DECANT_OK;
    decant_warc_skip skip = dc_http_decode(&b, h.content_encoding, &body, &blen, &nomem);
    if (b.buf && !own(r, b.buf)) {
        *why = "nomem";
        return NULL;
    }
    if (nomem != DECANT_OK || skip != DECANT_WARC_HTML) {
        *why = nomem != DECANT_OK ? "nomem" : skip == DECANT_WARC_SKIP_TOO_LARGE ? "too_large" : "encoding";
        return NULL;
    }
    *len = blen;
    return body;
}

static void robots_done(decant_fetcher *f, xfer *x, CURLcode rc, long status, const char *ip)
{
    origin *o = x->org;
    if (!o->carry)
        o->carry = result_new();
    if (o->carry)
        add_exchange(o->carry, x, ip, x->cut ? "length" : NULL);
    int retry = 0;
    char why[CURL_ERROR_SIZE + 48] = "";
    const char *code = "robots";
    if (rc != CURLE_OK && !x->cut) {
        /* The host cannot be reached: its pages fail as the fetch did. */
        code = curl_token(rc, &retry);
        snprintf(why, sizeof why, "robots.txt could not be fetched: %s",
                 x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
    } else if (status >= 500 || status == 429) {
        retry = 1;
        snprintf(why, sizeof why, "robots.txt could not be fetched: HTTP %ld", status);
    }
    if (why[0] && retry && o->robots_tries < f->o.retries) {
        o->robots_tries++;
        o->robots_not_before = now_ms() + backoff_ms(f, o->robots_tries, 0);
        o->robots = 0;
        return;
    }
    dc_robots *rules = NULL;
    if (why[0]) {
        /* RFC 9309 2.3.1.4: an unreachable robots.txt disallows everything. */
        rules = dc_robots_all(1);
        o->robots_error = strdup(why);
        o->robots_code = code;
    } else if (status >= 200 && status < 300) {
        size_t len = 0;
        const char *whynot = NULL;
        result tmp = {0};
        const unsigned char *body =
            x->resp.data ? decoded_body(f, &tmp, x->resp.data, x->resp.len, &len, &whynot) : NULL;
        if (!body && o->carry && o->carry->nx) {
            const decant_http_exchange *e = &o->carry->xs[o->carry->nx - 1];
            body = e->response ? decoded_body(f, &tmp, e->response, e->response_size, &len, &whynot) : NULL;
        }
        rules = body ? dc_robots_parse((const char *)body, len, "decant") : dc_robots_all(0);
        for (size_t i = 0; i < tmp.nowned; i++)
            free(tmp.owned[i]);
        free(tmp.owned);
    } else {
        /* 3xx (to wherever) and 4xx: no rules apply here. */
        rules = dc_robots_all(0);
    }
    o->rules = rules;
    unsigned d = dc_robots_crawl_delay_ms(rules);
    if (d > o->delay)
        o->delay = d > WAIT_MAX_MS ? WAIT_MAX_MS : d;
    o->robots = 2;
}

static int is_redirect(long status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

static void follow(decant_fetcher *f, slot *s, xfer *x)
{
    char *loc = NULL;
    curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc);
    char key[ORIGIN_MAX], path[PATH_MAX_];
    char *to = loc ? dc_url_resolve(x->url, loc) : NULL;
    if (s->hops >= f->o.max_redirects) {
        char n[16];
        snprintf(n, sizeof n, "%u", f->o.max_redirects);
        set_error(s, "redirects", "more than %s redirects", n);
    } else if (!to || dc_url_split(to, key, sizeof key, path, sizeof path) != 0) {
        set_error(s, "bad_url", "redirect to a URL that cannot be fetched: %s", loc ? loc : "(none)");
    } else {
        origin *o = find_origin(f, key);
        if (!o || (s->seed && !allow_host(f, hostport(key)))) {
            set_error(s, "nomem", "out of memory", NULL);
        } else {
            free(s->cur);
            s->cur = to;
            s->org = o;
            s->hops++;
            s->tries = 0;
            s->not_before = 0;
            s->state = S_WAIT;
            return;
        }
    }
    free(to);
    finish(f, s);
}

/* A feed or sitemap was read: its links become slots right after it. */
static void expand(decant_fetcher *f, slot *s, const unsigned char *body, size_t len, const char *base)
{
    dc_feed_links links;
    size_t budget = s->exp ? s->exp->budget : f->o.max_pages;
    decant_status st = dc_feed_parse(body, len, base, budget, f->o.max_bytes, &links);
    if (st != DECANT_OK) {
        set_error(s, st == DECANT_ERR_NOMEM ? "nomem" : "not_feed", "%s",
                  st == DECANT_ERR_PARSE ? "not well-formed XML" : decant_strerror(st));
        return;
    }
    if (links.kind == DC_FEED_NONE) {
        set_error(s, "not_feed", "%s", "neither a feed (RSS, Atom) nor a sitemap");
        dc_feed_links_free(&links);
        return;
    }
    int index = links.kind == DC_FEED_SITEMAPINDEX;
    s->res->pub.items = links.count;
    s->res->pub.items_dropped = links.dropped;
    if (index && s->depth >= f->o.max_sitemap_depth) {
        s->res->pub.items_dropped += links.count;
        s->res->pub.items = 0;
        links.count = 0;
    }
    if (s->exp)
        s->exp->budget -= links.count < budget ? links.count : budget;
    slot *after = s;
    for (size_t i = 0; i < links.count; i++) {
        slot *c = slot_new(f, links.urls[i], index ? DECANT_FETCH_SITEMAP : DECANT_FETCH_PAGE, s->user);
        if (!c) {
            set_error(s, "nomem", "out of memory", NULL);
            break;
        }
        c->entry = s->entry;
        c->discovered = 1;
        c->depth = s->depth + 1;
        c->exp = s->exp;
        if (c->exp)
            c->exp->refs++;
        c->res->pub.via = own_str(c->res, base);
        char key[ORIGIN_MAX], path[PATH_MAX_];
        if (dc_url_split(links.urls[i], key, sizeof key, path, sizeof path) != 0) {
            set_error(c, "bad_url", "not an http or https URL: %s", links.urls[i]);
            finish(f, c);
        } else if (!(c->org = find_origin(f, key))) {
            set_error(c, "nomem", "out of memory", NULL);
            finish(f, c);
        }
        c->next = after->next;
        after->next = c;
        if (f->tail == after)
            f->tail = c;
        after = c;
        f->count++;
    }
    dc_feed_links_free(&links);
}

/* The final response of a page: its payload, as a WARC reader gives it. */
static void page_payload(decant_fetcher *f, slot *s, const decant_http_exchange *e)
{
    result *r = s->res;
    char *copy = malloc(e->response_size + 1);
    if (!copy || !own(r, copy)) {
        set_error(s, "nomem", "out of memory", NULL);
        return;
    }
    memcpy(copy, e->response, e->response_size);
    copy[e->response_size] = '\0';
    dc_http_body b = {&dc_default_allocator, f->o.max_bytes, NULL, 0};
    decant_warc_record rec;
    memset(&rec, 0, sizeof rec);
    decant_status st = dc_http_payload(&b, copy, e->response_size, e->truncated != NULL, &rec);
    if (b.buf && !own(r, b.buf))
        st = DECANT_ERR_NOMEM;
    r->pub.content_type = rec.content_type ? own_str(r, rec.content_type) : NULL;
    if (st != DECANT_OK) {
        set_error(s, "nomem", "out of memory", NULL);
        return;
    }
    switch (rec.skip) {
    case DECANT_WARC_HTML:
        r->pub.body = rec.payload;
        r->pub.body_size = rec.payload_size;
        return;
    case DECANT_WARC_SKIP_NOT_HTML:
        set_error(s, "not_html", "not an HTML page: Content-Type %s",
                  rec.content_type ? rec.content_type : "(none)");
        return;
    case DECANT_WARC_SKIP_TOO_LARGE:
        set_error(s, "too_large", "%s", "larger than max_bytes");
        return;
    case DECANT_WARC_SKIP_EMPTY:
        set_error(s, "empty", "%s", "empty response");
        return;
    default:
        set_error(s, "encoding", "%s", "unsupported or corrupt Transfer-Encoding or Content-Encoding");
        return;
    }
}

static void page_done(decant_fetcher *f, xfer *x, CURLcode rc, long status, const char *ip)
{
    slot *s = x->s;
    result *r = s->res;
    const char *trunc = x->cut ? "length" : rc == CURLE_OPERATION_TIMEDOUT ? "time" : rc != CURLE_OK ? "disconnect" : NULL;
    decant_http_exchange *e = add_exchange(r, x, ip, trunc);
    int retry = 0;
    if (x->nomem) {
        set_error(s, "nomem", "out of memory", NULL);
    } else if (x->cut || rc == CURLE_FILESIZE_EXCEEDED) {
        set_error(s, "too_large", "%s", "larger than max_bytes");
    } else if (rc != CURLE_OK) {
        const char *tok = curl_token(rc, &retry);
        if (retry && s->tries < f->o.retries) {
            retry_later(f, s, 0);
            return;
        }
        set_error(s, tok, "%s", x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
    } else if (is_redirect(status) && e && e->response) {
        follow(f, s, x);
        return;
    } else if (retryable_status(status) && s->tries < f->o.retries) {
        retry_later(f, s, retry_after(x->head_len && e && e->response ? e->response : "", e && e->response ? e->response_size : 0));
        return;
    }
    r->pub.url = own_str(r, x->url);
    r->pub.status = (int)status;
    r->pub.date = own_str(r, x->date);
    if (e && e->response_id)
        r->pub.id = e->response_id;
    if (!r->pub.error && status != 200) {
        char code[16], msg[32];
        snprintf(code, sizeof code, "http_%ld", status);
        snprintf(msg, sizeof msg, "HTTP status %ld", status);
        set_error(s, code, "%s", msg);
    } else if (!r->pub.error && e && e->response) {
        if (s->kind == DECANT_FETCH_PAGE) {
            page_payload(f, s, e);
        } else {
            size_t len = 0;
            const char *why = NULL;
            const unsigned char *body = decoded_body(f, r, e->response, e->response_size, &len, &why);
            if (body)
                expand(f, s, body, len, x->url);
            else
                set_error(s, why, "%s", "the feed could not be decoded");
        }
    }
    finish(f, s);
}

static void xfer_done(decant_fetcher *f, CURL *easy, CURLcode rc)
{
    xfer *x = NULL;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&x);
    if (!x)
        return;
    long status = 0;
    char *ip = NULL;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip);
    char ipbuf[64] = "";
    if (ip)
        snprintf(ipbuf, sizeof ipbuf, "%s", ip);
    curl_multi_remove_handle(f->multi, easy);
    for (xfer **p = &f->xfers; *p; p = &(*p)->next)
        if (*p == x) {
            *p = x->next;
            break;
        }
    x->org->active--;
    f->active--;
    if (x->s)
        page_done(f, x, rc, status, ipbuf);
    else
        robots_done(f, x, rc, status, ipbuf);
    xfer_free(x);
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
    if (o && o->carry && o->carry->nx && !prepend_exchanges(s->res, o->carry) && !s->res->pub.error)
        set_error(s, "nomem", "out of memory", NULL);
}

static void refuse(decant_fetcher *f, slot *s, const char *code, const char *msg)
{
    take_carry(s);
    set_error(s, code, "%s", msg);
    finish(f, s);
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
                if (start_xfer(f, o, NULL, url, now))
                    o->robots = 1;
            }
            continue;
        }
        char key[ORIGIN_MAX], path[PATH_MAX_];
        if (!f->o.ignore_robots &&
            (dc_url_split(s->cur, key, sizeof key, path, sizeof path) != 0 || !dc_robots_allowed(o->rules, path))) {
            refuse(f, s, o->robots_code ? o->robots_code : "robots",
                   o->robots_error ? o->robots_error : "disallowed by robots.txt");
            continue;
        }
        if (!origin_ready(f, o, now, wake))
            continue;
        take_carry(s);
        if (start_xfer(f, o, s, s->cur, now))
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
            slot_free(s);
            *out = &r->pub;
            return DECANT_OK;
        }
        int64_t now = now_ms(), wake = now + 1000;
        schedule(f, now, &wake);
        if (f->head->state == S_DONE)
            continue;
        int running = 0;
        curl_multi_perform(f->multi, &running);
        int left, finished = 0;
        CURLMsg *m;
        while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
            if (m->msg != CURLMSG_DONE)
                continue;
            xfer_done(f, m->easy_handle, m->data.result);
            finished = 1;
        }
        if (finished)
            continue;
        now = now_ms();
        int64_t wait = wake - now;
        if (wait < 0)
            wait = 0;
        if (wait > 1000)
            wait = 1000;
        curl_multi_poll(f->multi, NULL, 0, (int)wait, NULL);
    }
}

void decant_fetcher_free(decant_fetcher *f)
{
    if (!f)
        return;
    while (f->xfers) {
        xfer *x = f->xfers;
        f->xfers = x->next;
        curl_multi_remove_handle(f->multi, x->easy);
        xfer_free(x);
    }
    while (f->head) {
        slot *s = f->head;
        f->head = s->next;
        slot_free(s);
    }
    while (f->origins) {
        origin *o = f->origins;
        f->origins = o->next;
        dc_robots_free(o->rules);
        free(o->robots_error);
        if (o->carry)
            decant_fetch_result_free(&o->carry->pub);
        free(o);
    }
    for (size_t i = 0; i < f->nallowed; i++)
        free(f->allowed[i]);
    free(f->allowed);
    free(f->user_agent);
    if (f->multi) {
        curl_multi_cleanup(f->multi);
        curl_global_cleanup();
    }
    free(f);
}
