/*
 * local_http.h — a small HTTP/1.1 server on 127.0.0.1 for the unit tests
 * that run the fetcher (test_alloc.c, test_oom.c), and the fetch-and-archive
 * run they share.
 *
 * The server answers each connection's first request from a fixed table and
 * closes it; it runs on a thread of its own and allocates nothing, so that
 * the allocator tests see only decant's allocations.
 */
#ifndef DC_LOCAL_HTTP_H
#define DC_LOCAL_HTTP_H

#include <pthread.h>
#include <stddef.h>

#include "decant.h"

typedef struct local_route {
    const char *path;    /* the request path, exactly                        */
    const char *head;    /* status and headers after "HTTP/1.1 ", each line  */
                         /* ending "\r\n" (Content-Length is added)          */
    const void *body;
    size_t body_len;
} local_route;

typedef struct local_http {
    int fd;              /* listening socket                                 */
    int stop[2];         /* a pipe: a byte in it ends the thread             */
    unsigned short port;
    const local_route *routes;
    size_t nroutes;
    pthread_t thread;
} local_http;

/* Listens on 127.0.0.1 at a free port; 0, or -1 when it cannot. */
int local_http_start(local_http *s, const local_route *routes, size_t n);
void local_http_stop(local_http *s);

/*
 * What one fetch-and-archive run gave: the fetcher fetches a page, a
 * redirect, an RSS feed (whose items include one robots.txt forbids and one
 * offsite), a gzip sitemap, a 404 and a URL of another scheme from `srv`,
 * and writes every result to a gzip WARC, all with allocator `al`.
 */
typedef struct fetch_outcome {
    decant_status status;  /* the first failing status of any call, or OK    */
    size_t results;        /* results handed out                             */
    size_t nomem;          /* ... with error "nomem"                          */
    size_t ok_pages;       /* ... pages with a body                          */
    char errors[512];      /* every result's error token (or "-"), in order  */
} fetch_outcome;

void fetch_and_archive(const local_http *srv, const decant_allocator *al, const char *warc_path,
                       fetch_outcome *out);

/* The routes fetch_and_archive expects (built once, on first use). */
const local_route *fetch_routes(size_t *n);

#endif
