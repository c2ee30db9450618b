/*
 * warc_write.c — WARC/1.1 files out of fetches (decant --warc-out).
 *
 * Each record is one gzip member, as Common Crawl and wget write them, so a
 * CDX index can point at any record and a truncated file loses only its
 * last record.  Blocks are the bytes of the wire: the request head as sent,
 * the response as received (still chunked or compressed if it was), which
 * is what replay tools and WARC readers (decant's own included) expect.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "arena.h"
#include "fetch.h"
#include "internal.h"
#include "text.h"

/* The file is written through a descriptor and a buffer of the writer's
 * own rather than stdio, whose buffer would escape the allocator hook. */
struct decant_warc_writer {
    const decant_allocator *alloc; /* the writer and zlib's state         */
    int fd;
    size_t pending;          /* bytes of `buf` not yet written         */
    int gzip;
    uint64_t offset;         /* bytes written so far                   */
    int failed;              /* a write failed: errno in `err_no`      */
    int err_no;
    char warcinfo_id[48];    /* "" until a warcinfo record is written  */
    z_stream z;
    int z_ready;
    unsigned char out[1 << 16];
    unsigned char buf[1 << 16];
};

static decant_status fail_errno(decant_error *err, decant_status code, const char *what, int e)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = code;
        snprintf(err->detail, sizeof err->detail, "%s: %s", what, strerror(e));
        err->message = err->detail;
    }
    return code;
}

decant_status decant_warc_writer_open(const char *path, int gzip, decant_warc_writer **out, decant_error *err)
{
    return decant_warc_writer_open_with(path, gzip, NULL, out, err);
}

decant_status decant_warc_writer_open_with(const char *path, int gzip, const decant_allocator *alloc,
                                           decant_warc_writer **out, decant_error *err)
{
    if (!out || !path)
        return dc_fail(err, DECANT_ERR_INVALID, "no path");
    *out = NULL;
    alloc = dc_allocator_or_default(alloc);
    decant_warc_writer *w = dc_calloc(alloc, sizeof *w);
    if (!w)
        return dc_fail(err, DECANT_ERR_NOMEM, NULL);
    w->alloc = alloc;
    w->gzip = gzip;
    if (gzip) {
        w->z.zalloc = dc_zalloc;
        w->z.zfree = dc_zfree;
        w->z.opaque = (voidpf)(uintptr_t)alloc;
        if (deflateInit2(&w->z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
            dc_free(alloc, w, sizeof *w);
            return dc_fail(err, DECANT_ERR_NOMEM, NULL);
        }
        w->z_ready = 1;
    }
    w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (w->fd < 0) {
        int e = errno;
        if (w->z_ready)
            deflateEnd(&w->z);
        dc_free(alloc, w, sizeof *w);
        return fail_errno(err, DECANT_ERR_INVALID, path, e);
    }
    *out = w;
    return DECANT_OK;
}

/* Writes out what the buffer holds; a failure is kept in w->failed. */
static void flush_buffer(decant_warc_writer *w)
{
    size_t done = 0;
    while (!w->failed && done < w->pending) {
        ssize_t k = write(w->fd, w->buf + done, w->pending - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            w->failed = 1;
            w->err_no = k < 0 ? errno : EIO;
        } else {
            done += (size_t)k;
        }
    }
    w->pending = 0;
}

static void raw_write(decant_warc_writer *w, const void *p, size_t n)
{
    const unsigned char *b = p;
    w->offset += n;
    while (n && !w->failed) {
        if (w->pending == sizeof w->buf)
            flush_buffer(w);
        size_t k = sizeof w->buf - w->pending;
        if (k > n)
            k = n;
        memcpy(w->buf + w->pending, b, k);
        w->pending += k;
        b += k;
        n -= k;
    }
}

/* Feeds n bytes into the current record (its gzip member, if any). */
static void put(decant_warc_writer *w, const void *p, size_t n, int finish)
{
    if (!w->gzip) {
        raw_write(w, p, n);
        return;
    }
    w->z.next_in = (unsigned char *)p;
    w->z.avail_in = (unsigned)n;
    int flush = finish ? Z_FINISH : Z_NO_FLUSH;
    for (;;) {
        w->z.next_out = w->out;
        w->z.avail_out = sizeof w->out;
        int zr = deflate(&w->z, flush);
        raw_write(w, w->out, sizeof w->out - w->z.avail_out);
        if (zr == Z_STREAM_END) {
            deflateReset(&w->z);
            return;
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            w->failed = 1;
            w->err_no = EIO;
            return;
        }
        if (!finish && w->z.avail_in == 0 && w->z.avail_out != 0)
            return;
    }
}

static void puts_(decant_warc_writer *w, const char *s)
{
    put(w, s, strlen(s), 0);
}

/* Large blocks go through in slices: zlib counts in unsigned int. */
static void put_block(decant_warc_writer *w, const char *p, size_t n)
{
    while (n) {
        size_t k = n > (1u << 30) ? (1u << 30) : n;
        put(w, p, k, 0);
        p += k;
        n -= k;
    }
}

static void field(decant_warc_writer *w, const char *name, const char *value)
{
    if (!value)
        return;
    puts_(w, name);
    puts_(w, ": ");
    /* A header value cannot hold a line break; no URL or id here has one,
     * but a caller's string might. */
    for (const char *p = value; *p; p++) {
        char c = (*p == '\r' || *p == '\n') ? ' ' : *p;
        put(w, &c, 1, 0);
    }
    puts_(w, "\r\n");
}

static void now_date(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

typedef struct record {
    const char *type, *id, *date, *target, *content_type, *ip, *concurrent, *truncated, *filename;
    const char *block;
    size_t block_size;
} record;

static decant_status write_record(decant_warc_writer *w, const record *r, uint64_t *offset, decant_error *err)
{
    if (offset)
        *offset = w->offset;
    char len[32];
    snprintf(len, sizeof len, "%zu", r->block_size);
    puts_(w, "WARC/1.1\r\n");
    field(w, "WARC-Type", r->type);
    puts_(w, "WARC-Record-ID: <");
    puts_(w, r->id);
    puts_(w, ">\r\n");
    field(w, "WARC-Date", r->date);
    field(w, "WARC-Filename", r->filename);
    field(w, "WARC-Target-URI", r->target);
    field(w, "WARC-IP-Address", r->ip);
    if (r->concurrent) {
        puts_(w, "WARC-Concurrent-To: <");
        puts_(w, r->concurrent);
        puts_(w, ">\r\n");
    }
    if (w->warcinfo_id[0] && strcmp(r->type, "warcinfo") != 0) {
        puts_(w, "WARC-Warcinfo-ID: <");
        puts_(w, w->warcinfo_id);
        puts_(w, ">\r\n");
    }
    field(w, "WARC-Truncated", r->truncated);
    field(w, "Content-Type", r->content_type);
    field(w, "Content-Length", len);
    puts_(w, "\r\n");
    put_block(w, r->block, r->block_size);
    put(w, "\r\n\r\n", 4, 1);
    if (w->failed)
        return fail_errno(err, DECANT_ERR_INVALID, "cannot write the WARC file", w->err_no);
    return DECANT_OK;
}

/* A record of warc-fields (warcinfo, metadata), its new id in id[]. */
static decant_status write_fields(decant_warc_writer *w, const char *type, const char *filename,
                                  const char *target, const char *fields, char id[48],
                                  decant_error *err)
{
    if (!w)
        return dc_fail(err, DECANT_ERR_INVALID, "no writer");
    char date[32];
    dc_new_uuid(id);
    now_date(date, sizeof date);
    record r = {.type = type, .id = id, .date = date, .filename = filename, .target = target,
                .content_type = "application/warc-fields", .block = fields ? fields : "",
                .block_size = fields ? strlen(fields) : 0};
    return write_record(w, &r, NULL, err);
}

decant_status decant_warc_write_info(decant_warc_writer *w, const char *filename, const char *fields,
                                     decant_error *err)
{
    char id[48];
    decant_status st = write_fields(w, "warcinfo", filename, NULL, fields, id, err);
    if (st == DECANT_OK)
        memcpy(w->warcinfo_id, id, sizeof id);
    return st;
}

decant_status decant_warc_write_metadata(decant_warc_writer *w, const char *target_uri, const char *fields,
                                         decant_error *err)
{
    char id[48];
    return write_fields(w, "metadata", NULL, target_uri, fields, id, err);
}

decant_status decant_warc_write_result(decant_warc_writer *w, const decant_fetch_result *res,
                                       uint64_t *response_offset, decant_error *err)
{
    if (response_offset)
        *response_offset = UINT64_MAX;
    if (!w || !res)
        return dc_fail(err, DECANT_ERR_INVALID, "no writer or result");
    for (size_t i = 0; i < res->exchange_count; i++) {
        const decant_http_exchange *x = &res->exchanges[i];
        if (!x->request_id || !x->url || (x->response && !x->response_id))
            return dc_fail(err, DECANT_ERR_INVALID, "an exchange without its URL or record ids");
        int answered = x->response != NULL;
        record rq = {.type = "request", .id = x->request_id, .date = x->date, .target = x->url,
                     .content_type = "application/http;msgtype=request", .ip = x->ip,
                     .concurrent = answered ? x->response_id : NULL, .block = x->request,
                     .block_size = x->request_size};
        decant_status st = write_record(w, &rq, NULL, err);
        if (st != DECANT_OK)
            return st;
        if (!answered)
            continue;
        record rs = {.type = "response", .id = x->response_id, .date = x->date, .target = x->url,
                     .content_type = "application/http;msgtype=response", .ip = x->ip,
                     .concurrent = x->request_id, .truncated = x->truncated,
                     .block = x->response, .block_size = x->response_size};
        uint64_t at;
        st = write_record(w, &rs, &at, err);
        if (st != DECANT_OK)
            return st;
        if (response_offset && res->id && strcmp(res->id, x->response_id) == 0)
            *response_offset = at;
    }
    if (w->failed)
        return fail_errno(err, DECANT_ERR_INVALID, "cannot write the WARC file", w->err_no);
    return DECANT_OK;
}

decant_status decant_warc_writer_close(decant_warc_writer *w, decant_error *err)
{
    if (!w)
        return DECANT_OK;
    flush_buffer(w);
    int failed = w->failed, e = w->err_no;
    if (close(w->fd) != 0 && !failed)
        failed = 1, e = errno;
    if (w->z_ready)
        deflateEnd(&w->z);
    dc_free(w->alloc, w, sizeof *w);
    return failed ? fail_errno(err, DECANT_ERR_INVALID, "cannot write the WARC file", e) : DECANT_OK;
}
