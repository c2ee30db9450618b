/* local_http.c — see local_http.h. */
#include "local_http.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <zlib.h>

/* ------------------------------------------------------------ the server */

static int send_all(int fd, const void *p, size_t n)
{
    const char *b = p;
    while (n) {
        ssize_t k = send(fd, b, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        b += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Reads the request head (up to its blank line) into req; its length. */
static size_t read_head(int fd, char *req, size_t cap)
{
    size_t n = 0;
    while (n + 1 < cap) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 5000) <= 0)
            break;
        ssize_t k = recv(fd, req + n, cap - 1 - n, 0);
        if (k <= 0)
            break;
        n += (size_t)k;
        req[n] = '\0';
        if (strstr(req, "\r\n\r\n"))
            break;
    }
    req[n] = '\0';
    return n;
}

static void answer(const local_http *s, int fd)
{
    char req[8192];
    if (read_head(fd, req, sizeof req) < 5 || memcmp(req, "GET ", 4) != 0)
        return;
    char *path = req + 4, *sp = strchr(path, ' ');
    if (!sp)
        return;
    *sp = '\0';
    const local_route *r = NULL;
    for (size_t i = 0; i < s->nroutes && !r; i++)
        if (strcmp(s->routes[i].path, path) == 0)
            r = &s->routes[i];
    static const local_route missing = {"", "404 Not Found\r\nContent-Type: text/plain\r\n", "", 0};
    if (!r)
        r = &missing;
    char head[1024];
    int hn = snprintf(head, sizeof head, "HTTP/1.1 %sContent-Length: %zu\r\nConnection: close\r\n\r\n",
                      r->head, r->body_len);
    if (hn > 0 && (size_t)hn < sizeof head && send_all(fd, head, (size_t)hn) == 0)
        send_all(fd, r->body, r->body_len);
}

static void *serve(void *arg)
{
    local_http *s = arg;
    for (;;) {
        struct pollfd p[2] = {{s->fd, POLLIN, 0}, {s->stop[0], POLLIN, 0}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[1].revents)
            break;
        if (!(p[0].revents & POLLIN))
            continue;
        int c = accept(s->fd, NULL, NULL);
        if (c < 0)
            continue;
        /* Head and body go in two sends: without this, Nagle's algorithm
         * and the client's delayed ACK hold the body back 40 ms. */
        int one = 1;
        setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        answer(s, c);
        shutdown(c, SHUT_WR);
        close(c);
    }
    return NULL;
}

int local_http_start(local_http *s, const local_route *routes, size_t n)
{
    memset(s, 0, sizeof *s);
    s->routes = routes;
    s->nroutes = n;
    s->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s->fd < 0)
        return -1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t al = sizeof a;
    if (bind(s->fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(s->fd, 16) != 0 ||
        getsockname(s->fd, (struct sockaddr *)&a, &al) != 0 || pipe(s->stop) != 0) {
        close(s->fd);
        return -1;
    }
    s->port = ntohs(a.sin_port);
    if (pthread_create(&s->thread, NULL, serve, s) != 0) {
        close(s->fd);
        close(s->stop[0]);
        close(s->stop[1]);
        return -1;
    }
    return 0;
}

void local_http_stop(local_http *s)
{
    if (write(s->stop[1], "x", 1) != 1)
        return;
    pthread_join(s->thread, NULL);
    close(s->fd);
    close(s->stop[0]);
    close(s->stop[1]);
}

/* ------------------------------------------------------------ the run */

static const char page_a[] =
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bridge</title></head><body>"
    "<article><h1>Bridge</h1><p>The council met on Tuesday evening and agreed, after a long debate, to "
    "fund the repairs of the old bridge, closed to lorries since the spring.</p></article></body></html>";

static const char page_b[] =
    "<html><head><title>Harbour</title></head><body><p>The harbour seals came back this year, the "
    "wardens said, more of them than in any year since the count began.</p></body></html>";

static const char robots[] = "User-agent: *\nDisallow: /private\n";

static const char feed[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title>"
    "<item><title>B</title><link>/b.html</link></item>"
    "<item><title>P</title><link>/private/x.html</link></item>"
    "<item><title>O</title><link>http://offsite.invalid/c.html</link></item>"
    "</channel></rss>";

static const char sitemap[] =
    "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
    "<url><loc>/b.html</loc></url><url><loc>/missing.html</loc></url></urlset>";

static unsigned char gz_a[1024], gz_sitemap[1024];

static size_t gzip_into(const char *s, size_t n, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return 0;
    z.next_in = (unsigned char *)(uintptr_t)s;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    size_t len = cap - z.avail_out;
    deflateEnd(&z);
    return rc == Z_STREAM_END ? len : 0;
}

const local_route *fetch_routes(size_t *n)
{
    static local_route routes[7];
    if (!routes[0].path) {
        size_t na = gzip_into(page_a, sizeof page_a - 1, gz_a, sizeof gz_a);
        size_t ns = gzip_into(sitemap, sizeof sitemap - 1, gz_sitemap, sizeof gz_sitemap);
        local_route r[7] = {
            {"/robots.txt", "200 OK\r\nContent-Type: text/plain\r\n", robots, sizeof robots - 1},
            {"/a.html", "200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n", gz_a, na},
            {"/moved", "301 Moved Permanently\r\nLocation: /a.html\r\n", "", 0},
            {"/b.html", "200 OK\r\nContent-Type: text/html\r\n", page_b, sizeof page_b - 1},
            {"/feed.xml", "200 OK\r\nContent-Type: application/rss+xml\r\n", feed, sizeof feed - 1},
            {"/sitemap.xml.gz", "200 OK\r\nContent-Type: application/gzip\r\n", gz_sitemap, ns},
            {"/private/x.html", "200 OK\r\nContent-Type: text/html\r\n", page_b, sizeof page_b - 1},
        };
        memcpy(routes, r, sizeof r);
    }
    *n = sizeof routes / sizeof routes[0];
    return routes;
}

static void note(fetch_outcome *out, decant_status st)
{
    if (out->status == DECANT_OK)
        out->status = st;
}

static void append(fetch_outcome *out, const char *token)
{
    size_t have = strlen(out->errors);
    snprintf(out->errors + have, sizeof out->errors - have, "%s%s", have ? " " : "", token);
}

void fetch_and_archive(const local_http *srv, const decant_allocator *al, const char *warc_path,
                       fetch_outcome *out)
{
    memset(out, 0, sizeof *out);
    static const char *const hosts[] = {"example.net"};
    decant_fetch_options o;
    decant_fetch_options_init(&o);
    o.allocator = al;
    o.host_delay_ms = 0;
    o.retries = 0;
    o.timeout_ms = 10000;
    o.connect_timeout_ms = 5000;
    o.user_agent = "decant-test";
    o.allow_hosts = hosts;
    o.allow_host_count = 1;
    decant_error err;
    decant_fetcher *f = NULL;
    decant_warc_writer *w = NULL;
    note(out, decant_fetcher_new(&o, &f, &err));
    note(out, decant_warc_writer_open_with(warc_path, 1, al, &w, &err));
    static const struct {
        const char *path;
        decant_fetch_kind kind;
    } adds[] = {
        {"/a.html", DECANT_FETCH_PAGE},         {"/moved", DECANT_FETCH_PAGE},
        {"/feed.xml", DECANT_FETCH_FEED},       {"/sitemap.xml.gz", DECANT_FETCH_SITEMAP},
        {NULL, DECANT_FETCH_PAGE},              {"/missing", DECANT_FETCH_PAGE},
    };
    for (size_t i = 0; f && i < sizeof adds / sizeof adds[0]; i++) {
        char url[128];
        if (adds[i].path)
            snprintf(url, sizeof url, "http://127.0.0.1:%u%s", srv->port, adds[i].path);
        else
            snprintf(url, sizeof url, "ftp://127.0.0.1:%u/x", srv->port);
        note(out, decant_fetcher_add(f, url, adds[i].kind, NULL, &err));
    }
    if (w)
        note(out, decant_warc_write_info(w, "test.warc.gz", "software: decant unit test\r\n", &err));
    decant_fetch_result *r = NULL;
    decant_status st = DECANT_ERR_EMPTY;
    while (f && (st = decant_fetcher_next(f, &r, &err)) == DECANT_OK) {
        out->results++;
        append(out, r->error ? r->error : "-");
        if (r->error && strcmp(r->error, "nomem") == 0)
            out->nomem++;
        if (r->kind == DECANT_FETCH_PAGE && !r->error && r->body_size)
            out->ok_pages++;
        if (w)
            note(out, decant_warc_write_result(w, r, NULL, &err));
        if (w && !r->error)
            note(out, decant_warc_write_metadata(w, r->url, "via: unit test\r\n", &err));
        decant_fetch_result_free(r);
    }
    if (st != DECANT_ERR_EMPTY)
        note(out, st);
    decant_fetcher_free(f);
    note(out, decant_warc_writer_close(w, &err));
}
