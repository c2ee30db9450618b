/*
 * fetch_state.h — the fetcher's state, shared by its two halves: fetch.c
 * (slots in output order, origins, the schedule) and fetch_xfer.c (one
 * transfer and what its outcome means).  Private to the library.
 */
#ifndef DC_FETCH_STATE_H
#define DC_FETCH_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "fetch.h"
#include "fetch_libs.h"

#define ORIGIN_MAX 512
#define PATH_MAX_ 8192
/* A response head beyond this is garbage, not HTTP. */
#define HEAD_MAX ((size_t)256 << 10)
/* Longest wait honoured: Retry-After, backoff, Crawl-delay. */
#define WAIT_MAX_MS 60000

typedef struct xbuf {
    char *data;
    size_t len, cap;
} xbuf;

/* A block a result owns, with its size for the allocator. */
typedef struct owned_block {
    void *p;
    size_t size;
} owned_block;

/* The public result, with what it owns. */
typedef struct result {
    decant_fetch_result pub;
    /* The fetcher's allocator, copied: a result may outlive its fetcher. */
    decant_allocator alloc;
    decant_http_exchange *xs;
    size_t nx, capx;
    owned_block *owned;
    size_t nowned, capowned;
    /* Something of it could not be kept for want of memory: it is handed
     * out with error "nomem", whatever else it says. */
    int nomem;
} result;

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
    int state;
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
    const decant_allocator *alloc; /* the fetcher's                         */
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
    decant_allocator alloc;      /* o.allocator's, or the C library's       */
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


/* fetch.c */
int dc_fetch_xbuf_put(const decant_allocator *a, xbuf *b, const void *p, size_t n);
/* `r` takes p (`size` bytes of r's allocator); on failure p is freed. */
int dc_fetch_own(result *r, void *p, size_t size);
const char *dc_fetch_own_str(result *r, const char *s);
result *dc_fetch_result_new(const decant_fetcher *f);
/* Frees what `r` owns, but not r. */
void dc_fetch_result_release(result *r);
int64_t dc_fetch_now_ms(void);
void dc_fetch_utc_date(char *buf, size_t size);
const char *dc_fetch_hostport(const char *key);
int dc_fetch_allow_host(decant_fetcher *f, const char *hp);
origin *dc_fetch_origin(decant_fetcher *f, const char *key);
slot *dc_fetch_slot_new(decant_fetcher *f, const char *url, decant_fetch_kind kind, void *user);
void dc_fetch_set_error(slot *s, const char *code, const char *fmt, const char *arg);
/* The slot is finished: its result is complete. */
void dc_fetch_finish(decant_fetcher *f, slot *s);

/* fetch_xfer.c */
/* Starts a transfer of `url` for slot s (NULL: the origin's robots.txt). */
int dc_fetch_start_xfer(decant_fetcher *f, origin *o, slot *s, const char *url, int64_t now);
void dc_fetch_xfer_free(xfer *x);
/* A transfer libcurl reports finished. */
void dc_fetch_xfer_done(decant_fetcher *f, CURL *easy, CURLcode rc);

#endif
