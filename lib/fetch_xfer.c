/*
 * fetch_xfer.c — one transfer of the fetcher: setting libcurl up so that the
 * bytes come as they went over the wire (the request head from its debug
 * callback, the response undecoded), and what a finished transfer means for
 * its slot: robots.txt rules, a redirect to schedule, a retry to wait for,
 * a page's payload, or a feed's links inserted after it.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "fetch.h"
#include "fetch_state.h"
#include "internal.h"
#include "text.h"
#include "warc_http.h"


static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *ud)
{
    (void)h;
    xfer *x = ud;
    if (type == CURLINFO_HEADER_OUT && !dc_fetch_xbuf_put(x->alloc, &x->req, data, size))
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
    if (!dc_fetch_xbuf_put(x->alloc, &x->resp, p, len)) {
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
        if (x->cap > have && !dc_fetch_xbuf_put(x->alloc, &x->resp, p, x->cap - have))
            x->nomem = 1;
        x->cut = 1;
        return 0;
    }
    if (!dc_fetch_xbuf_put(x->alloc, &x->resp, p, len)) {
        x->nomem = 1;
        return 0;
    }
    return len;
}

void dc_fetch_xfer_free(xfer *x)
{
    if (!x)
        return;
    if (x->easy)
        dc_curl()->easy_cleanup(x->easy);
    dc_curl()->slist_free_all(x->headers);
    const decant_allocator *a = x->alloc;
    dc_free_str(a, x->url);
    dc_free(a, x->req.data, x->req.cap);
    dc_free(a, x->resp.data, x->resp.cap);
    dc_free(a, x, sizeof *x);
}

int dc_fetch_start_xfer(decant_fetcher *f, origin *o, slot *s, const char *url, int64_t now)
{
    const dc_curl_api *curl = dc_curl();
    xfer *x = dc_calloc(&f->alloc, sizeof *x);
    if (!x)
        return 0;
    x->alloc = &f->alloc;
    x->s = s;
    x->org = o;
    x->url = dc_strdup(&f->alloc, url);
    x->cap = s ? f->o.max_bytes : DC_ROBOTS_MAX_BYTES;
    x->easy = curl->easy_init();
    struct curl_slist *h = NULL;
    const char *accept = s && s->kind != DECANT_FETCH_PAGE
                             ? "Accept: application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8"
                             : "Accept: text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8";
    h = curl->slist_append(h, accept);
    /* Asked for by hand: libcurl would decode what the archive must keep. */
    struct curl_slist *h2 = h ? curl->slist_append(h, "Accept-Encoding: gzip, deflate") : NULL;
    x->headers = h2 ? h2 : h;
    if (!x->url || !x->easy || !h2) {
        dc_fetch_xfer_free(x);
        return 0;
    }
    CURL *e = x->easy;
    curl->easy_setopt(e, CURLOPT_URL, url);
    curl->easy_setopt(e, CURLOPT_PRIVATE, x);
    curl->easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl->easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl->easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
    curl->easy_setopt(e, CURLOPT_HTTP_TRANSFER_DECODING, 0L);
    curl->easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl->easy_setopt(e, CURLOPT_USERAGENT, f->user_agent);
    curl->easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
    curl->easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)f->o.timeout_ms);
    curl->easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)f->o.connect_timeout_ms);
    curl->easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)(x->cap > (size_t)INT64_MAX ? INT64_MAX : x->cap));
    curl->easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl->easy_setopt(e, CURLOPT_HEADERDATA, x);
    curl->easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl->easy_setopt(e, CURLOPT_WRITEDATA, x);
    /* The request head exactly as sent, for the archive's request record. */
    curl->easy_setopt(e, CURLOPT_DEBUGFUNCTION, on_debug);
    curl->easy_setopt(e, CURLOPT_DEBUGDATA, x);
    curl->easy_setopt(e, CURLOPT_VERBOSE, 1L);
    curl->easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
    if (curl->multi_add_handle(f->multi, e) != CURLM_OK) {
        dc_fetch_xfer_free(x);
        return 0;
    }
    dc_fetch_utc_date(x->date, sizeof x->date);
    x->next = f->xfers;
    f->xfers = x;
    o->active++;
    f->active++;
    o->last_start = now;
    if (s)
        s->state = S_ACTIVE;
    return 1;
}

/* Hands a message's buffer over to the result, with a new record id for it;
 * 0 on OOM (the buffer is then the result's or freed). */
static int take_message(result *r, xbuf *b, const char **id_out, const char **data, size_t *size)
{
    char id[48];
    dc_new_uuid(id);
    *id_out = dc_fetch_own_str(r, id);
    int ok = dc_fetch_own(r, b->data, b->cap) && *id_out;
    if (ok) {
        *data = b->data;
        *size = b->len;
    }
    b->data = NULL;
    return ok;
}

/* The exchange of a finished transfer, added to `r`: its request if one
 * was sent, and its response if one came.  Takes over x's buffers. */
static decant_http_exchange *add_exchange(result *r, xfer *x, const char *ip, const char *truncated)
{
    if (x->req.len == 0)
        return NULL; /* nothing went out: no DNS, no connection */
    if (!dc_grow_array(&r->alloc, (void **)&r->xs, &r->capx, r->nx, sizeof *r->xs, 4)) {
        r->nomem = 1;
        return NULL;
    }
    decant_http_exchange e = {0};
    e.url = dc_fetch_own_str(r, x->url);
    e.date = dc_fetch_own_str(r, x->date);
    e.ip = ip && *ip ? dc_fetch_own_str(r, ip) : NULL;
    /* An exchange goes in whole or not at all (the result then says
     * "nomem"): a WARC record needs each of these. */
    if (!e.url || !e.date || !take_message(r, &x->req, &e.request_id, &e.request, &e.request_size))
        return NULL;
    if (x->resp.len && x->head_len) {
        if (!take_message(r, &x->resp, &e.response_id, &e.response, &e.response_size))
            return NULL;
        e.truncated = truncated;
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
    s->not_before = dc_fetch_now_ms() + backoff_ms(f, s->tries, after_ms);
    s->state = S_WAIT;
}

/* The decoded body of a response (dechunked, Content-Encoding undone), in
 * memory owned by `r`; NULL with *why set when it cannot be had. */
static const unsigned char *decoded_body(const decant_fetcher *f, result *r, const char *resp, size_t n,
                                         size_t *len, const char **why)
{
    char *copy = dc_malloc(&r->alloc, n + 1);
    if (!copy || !dc_fetch_own(r, copy, n + 1)) {
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
    const unsigned char *body;
    size_t blen = dc_http_body_of(copy, n, &h, &body);
    if (blen == SIZE_MAX) {
        *why = "encoding";
        return NULL;
    }
    dc_http_body b = {&r->alloc, f->o.max_bytes, NULL, 0};
    decant_status nomem = DECANT_OK;
    decant_warc_skip skip = dc_http_decode(&b, h.content_encoding, &body, &blen, &nomem);
    if (b.buf && !dc_fetch_own(r, b.buf, b.cap)) {
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
        o->carry = dc_fetch_result_new(f);
    if (o->carry)
        add_exchange(o->carry, x, ip, x->cut ? "length" : NULL);
    if (!o->carry || x->nomem) {
        /* Rules half read are no rules: without any, the origin's pages
         * fail "nomem" (fetch.c's schedule). */
        o->robots = 2;
        return;
    }
    int retry = 0;
    char why[CURL_ERROR_SIZE + 48] = "";
    const char *code = "robots";
    if (rc != CURLE_OK && !x->cut) {
        /* The host cannot be reached: its pages fail as the fetch did. */
        code = curl_token(rc, &retry);
        snprintf(why, sizeof why, "robots.txt could not be fetched: %s",
                 x->errbuf[0] ? x->errbuf : dc_curl()->easy_strerror(rc));
    } else if (status >= 500 || status == 429) {
        retry = 1;
        snprintf(why, sizeof why, "robots.txt could not be fetched: HTTP %ld", status);
    }
    if (why[0] && retry && o->robots_tries < f->o.retries) {
        o->robots_tries++;
        o->robots_not_before = dc_fetch_now_ms() + backoff_ms(f, o->robots_tries, 0);
        o->robots = 0;
        return;
    }
    dc_robots *rules = NULL;
    if (why[0]) {
        /* RFC 9309 2.3.1.4: an unreachable robots.txt disallows everything. */
        rules = dc_robots_all(&f->alloc, 1);
        o->robots_error = dc_strdup(&f->alloc, why);
        o->robots_code = code;
    } else if (status >= 200 && status < 300) {
        size_t len = 0;
        const char *whynot = NULL;
        result tmp = {.alloc = f->alloc};
        const unsigned char *body =
            x->resp.data ? decoded_body(f, &tmp, x->resp.data, x->resp.len, &len, &whynot) : NULL;
        if (!body && o->carry && o->carry->nx) {
            const decant_http_exchange *e = &o->carry->xs[o->carry->nx - 1];
            body = e->response ? decoded_body(f, &tmp, e->response, e->response_size, &len, &whynot) : NULL;
        }
        if (body)
            rules = dc_robots_parse(&f->alloc, (const char *)body, len, "decant");
        else if (!whynot || strcmp(whynot, "nomem") != 0)
            rules = dc_robots_all(&f->alloc, 0); /* undecodable: as no file */
        dc_fetch_result_release(&tmp);
    } else {
        /* 3xx (to wherever) and 4xx: no rules apply here. */
        rules = dc_robots_all(&f->alloc, 0);
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
    dc_curl()->easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc);
    char key[ORIGIN_MAX], path[PATH_MAX_];
    int nomem = 0;
    char *to = loc ? dc_url_resolve(&f->alloc, x->url, loc, &nomem) : NULL;
    if (nomem) {
        dc_fetch_set_error(s, "nomem", "out of memory", NULL);
    } else if (s->hops >= f->o.max_redirects) {
        char n[16];
        snprintf(n, sizeof n, "%u", f->o.max_redirects);
        dc_fetch_set_error(s, "redirects", "more than %s redirects", n);
    } else if (!to || dc_url_split(to, key, sizeof key, path, sizeof path) != 0) {
        dc_fetch_set_error(s, "bad_url", "redirect to a URL that cannot be fetched: %s", loc ? loc : "(none)");
    } else {
        origin *o = dc_fetch_origin(f, key);
        if (!o || (s->seed && !dc_fetch_allow_host(f, dc_fetch_hostport(key)))) {
            dc_fetch_set_error(s, "nomem", "out of memory", NULL);
        } else {
            dc_free_str(&f->alloc, s->cur);
            s->cur = to;
            s->org = o;
            s->hops++;
            s->tries = 0;
            s->not_before = 0;
            s->state = S_WAIT;
            return;
        }
    }
    dc_free_str(&f->alloc, to);
    dc_fetch_finish(f, s);
}

/* A feed or sitemap was read: its links become slots right after it. */
static void expand(decant_fetcher *f, slot *s, const unsigned char *body, size_t len, const char *base)
{
    dc_feed_links links;
    size_t budget = s->exp ? s->exp->budget : f->o.max_pages;
    decant_status st = dc_feed_parse(&f->alloc, body, len, base, budget, f->o.max_bytes, &links);
    if (st != DECANT_OK) {
        dc_fetch_set_error(s, st == DECANT_ERR_NOMEM ? "nomem" : "not_feed", "%s",
                  st == DECANT_ERR_PARSE ? "not well-formed XML" : decant_strerror(st));
        return;
    }
    if (links.kind == DC_FEED_NONE) {
        dc_fetch_set_error(s, "not_feed", "%s", "neither a feed (RSS, Atom) nor a sitemap");
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
        slot *c = dc_fetch_slot_new(f, links.urls[i], index ? DECANT_FETCH_SITEMAP : DECANT_FETCH_PAGE, s->user);
        if (!c) {
            dc_fetch_set_error(s, "nomem", "out of memory", NULL);
            break;
        }
        c->entry = s->entry;
        c->discovered = 1;
        c->depth = s->depth + 1;
        c->exp = s->exp;
        if (c->exp)
            c->exp->refs++;
        c->res->pub.via = dc_fetch_own_str(c->res, base);
        char key[ORIGIN_MAX], path[PATH_MAX_];
        if (dc_url_split(links.urls[i], key, sizeof key, path, sizeof path) != 0) {
            dc_fetch_set_error(c, "bad_url", "not an http or https URL: %s", links.urls[i]);
            dc_fetch_finish(f, c);
        } else if (!(c->org = dc_fetch_origin(f, key))) {
            dc_fetch_set_error(c, "nomem", "out of memory", NULL);
            dc_fetch_finish(f, c);
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
    char *copy = dc_malloc(&r->alloc, e->response_size + 1);
    if (!copy || !dc_fetch_own(r, copy, e->response_size + 1)) {
        dc_fetch_set_error(s, "nomem", "out of memory", NULL);
        return;
    }
    memcpy(copy, e->response, e->response_size);
    copy[e->response_size] = '\0';
    dc_http_body b = {&r->alloc, f->o.max_bytes, NULL, 0};
    decant_warc_record rec;
    memset(&rec, 0, sizeof rec);
    decant_status st = dc_http_payload(&b, copy, e->response_size, e->truncated != NULL, &rec);
    if (b.buf && !dc_fetch_own(r, b.buf, b.cap))
        st = DECANT_ERR_NOMEM;
    r->pub.content_type = rec.content_type ? dc_fetch_own_str(r, rec.content_type) : NULL;
    if (st != DECANT_OK) {
        dc_fetch_set_error(s, "nomem", "out of memory", NULL);
        return;
    }
    switch (rec.skip) {
    case DECANT_WARC_HTML:
        r->pub.body = rec.payload;
        r->pub.body_size = rec.payload_size;
        return;
    case DECANT_WARC_SKIP_NOT_HTML:
        dc_fetch_set_error(s, "not_html", "not an HTML page: Content-Type %s",
                  rec.content_type ? rec.content_type : "(none)");
        return;
    case DECANT_WARC_SKIP_TOO_LARGE:
        dc_fetch_set_error(s, "too_large", "%s", "larger than max_bytes");
        return;
    case DECANT_WARC_SKIP_EMPTY:
        dc_fetch_set_error(s, "empty", "%s", "empty response");
        return;
    default:
        dc_fetch_set_error(s, "encoding", "%s", "unsupported or corrupt Transfer-Encoding or Content-Encoding");
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
        dc_fetch_set_error(s, "nomem", "out of memory", NULL);
    } else if (x->cut || rc == CURLE_FILESIZE_EXCEEDED) {
        dc_fetch_set_error(s, "too_large", "%s", "larger than max_bytes");
    } else if (rc != CURLE_OK) {
        const char *tok = curl_token(rc, &retry);
        if (retry && s->tries < f->o.retries) {
            retry_later(f, s, 0);
            return;
        }
        dc_fetch_set_error(s, tok, "%s", x->errbuf[0] ? x->errbuf : dc_curl()->easy_strerror(rc));
    } else if (is_redirect(status) && e && e->response) {
        follow(f, s, x);
        return;
    } else if (retryable_status(status) && s->tries < f->o.retries) {
        retry_later(f, s, retry_after(x->head_len && e && e->response ? e->response : "", e && e->response ? e->response_size : 0));
        return;
    }
    r->pub.url = dc_fetch_own_str(r, x->url);
    r->pub.status = (int)status;
    r->pub.date = dc_fetch_own_str(r, x->date);
    if (e && e->response_id)
        r->pub.id = e->response_id;
    if (!r->pub.error && status != 200) {
        char code[16], msg[32];
        snprintf(code, sizeof code, "http_%ld", status);
        snprintf(msg, sizeof msg, "HTTP status %ld", status);
        dc_fetch_set_error(s, code, "%s", msg);
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
                dc_fetch_set_error(s, why, "%s", "the feed could not be decoded");
        }
    }
    dc_fetch_finish(f, s);
}

void dc_fetch_xfer_done(decant_fetcher *f, CURL *easy, CURLcode rc)
{
    xfer *x = NULL;
    dc_curl()->easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&x);
    if (!x)
        return;
    long status = 0;
    char *ip = NULL;
    dc_curl()->easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    dc_curl()->easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip);
    char ipbuf[64] = "";
    if (ip)
        snprintf(ipbuf, sizeof ipbuf, "%s", ip);
    dc_curl()->multi_remove_handle(f->multi, easy);
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
    dc_fetch_xfer_free(x);
}
