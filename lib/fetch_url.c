/*
 * fetch_url.c — URLs for the fetcher, through libcurl's URL API (the same
 * parser that makes the requests, so what is checked is what is fetched).
 */
#include <stdio.h>
#include <string.h>

#include <sys/random.h>
#include <time.h>

#include "fetch.h"
#include "fetch_libs.h"

static int is_http(CURLU *u)
{
    char *scheme = NULL;
    int ok = dc_curl()->url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK && scheme &&
             (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0);
    dc_curl()->free(scheme);
    return ok;
}

/* ref resolved against base by libcurl, its fragment cut: libcurl's memory
 * (curl_free), or NULL. */
static char *curl_resolve(const char *base, const char *ref)
{
    const dc_curl_api *curl = dc_curl();
    if (!ref || !curl)
        return NULL;
    CURLU *u = curl->url();
    if (!u)
        return NULL;
    char *out = NULL;
    int ok = 1;
    if (base)
        ok = curl->url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK;
    /* A relative reference against the base; an absolute one replaces it.
     * Blanks and non-ASCII in a feed's links are escaped, as browsers do. */
    ok = ok && curl->url_set(u, CURLUPART_URL, ref, CURLU_URLENCODE | CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK;
    ok = ok && is_http(u);
    if (ok && curl->url_get(u, CURLUPART_URL, &out, 0) == CURLUE_OK && out) {
        /* The fragment is the browser's business, not the server's. */
        char *hash = strchr(out, '#');
        if (hash)
            *hash = '\0';
    }
    curl->url_cleanup(u);
    return out;
}

char *dc_url_resolve(const decant_allocator *alloc, const char *base, const char *ref, int *nomem)
{
    char *s = curl_resolve(base, ref);
    char *out = dc_strdup(dc_allocator_or_default(alloc), s);
    if (s && !out && nomem)
        *nomem = 1;
    if (s)
        dc_curl()->free(s);
    return out;
}

char *dc_url_resolve_in(dc_arena *ar, const char *base, const char *ref)
{
    char *s = curl_resolve(base, ref);
    if (!s)
        return NULL;
    char *out = dc_arena_strndup(ar, s, strlen(s));
    dc_curl()->free(s);
    return out;
}

int dc_url_split(const char *url, char *origin, size_t origin_size, char *path, size_t path_size)
{
    const dc_curl_api *curl = dc_curl();
    CURLU *u = curl ? curl->url() : NULL;
    if (!u)
        return -1;
    char *scheme = NULL, *host = NULL, *port = NULL, *p = NULL, *query = NULL;
    int rc = -1;
    if (curl->url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK && is_http(u) &&
        curl->url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl->url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        curl->url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK &&
        curl->url_get(u, CURLUPART_PATH, &p, 0) == CURLUE_OK) {
        if (curl->url_get(u, CURLUPART_QUERY, &query, 0) != CURLUE_OK)
            query = NULL;
        for (char *c = host; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c + 32);
        int a = snprintf(origin, origin_size, "%s://%s:%s", scheme, host, port);
        int b = snprintf(path, path_size, "%s%s%s", p, query ? "?" : "", query ? query : "");
        if (a > 0 && (size_t)a < origin_size && b > 0 && (size_t)b < path_size)
            rc = 0;
    }
    curl->free(scheme);
    curl->free(host);
    curl->free(port);
    curl->free(p);
    curl->free(query);
    curl->url_cleanup(u);
    return rc;
}

void dc_new_uuid(char out[48])
{
    unsigned char b[16];
    ssize_t got = getrandom(b, sizeof b, GRND_NONBLOCK);
    if (got != (ssize_t)sizeof b) {
        /* No entropy yet (early boot): unique enough from the clock and a
         * counter, which is all a record id needs. */
        static unsigned long counter;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long long v = (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
        unsigned long c = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
        for (int i = 0; i < 8; i++)
            b[i] = (unsigned char)(v >> (8 * i));
        for (int i = 0; i < 8; i++)
            b[8 + i] = (unsigned char)((c * 0x9E3779B97F4A7C15ull) >> (8 * i));
    }
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
    static const char hex[] = "0123456789abcdef";
    char *p = out + sprintf(out, "urn:uuid:");
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = hex[b[i] >> 4];
        *p++ = hex[b[i] & 15];
    }
    *p = '\0';
}
