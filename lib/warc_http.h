/*
 * warc_http.h — the HTTP message inside a WARC response record: its head
 * (and the "Name: value" field syntax that WARC headers share with it),
 * chunked transfer coding, Content-Encoding, and whether the payload is a
 * page to extract.  Everything works in place on a buffer the reader owns;
 * kept apart from the streaming so that tests can reach it.
 */
#ifndef DC_WARC_HTTP_H
#define DC_WARC_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "decant.h"

/* Only this much of a block is searched for the end of the HTTP headers. */
#define DC_HTTP_MAX_HEADER ((size_t)64 << 10)

/*
 * Offset just past the empty line that ends a header (CRLF CRLF, or bare LF
 * LF as some writers produce), searching s[from..n); 0 when not found.
 */
size_t dc_header_end(const char *s, size_t n, size_t from);

/*
 * Calls `fn` for each "Name: value" line of h[0..n) (WARC and HTTP heads
 * alike).  A line starting with a blank continues the previous value
 * (obsolete folding): it is joined with a space before the value is handed
 * over.  Lines without a colon are ignored.  Values are trimmed and
 * NUL-terminated in place, so h[n] must be writable.
 */
typedef void (*dc_field_fn)(void *ctx, const char *name, size_t name_len, char *value);
void dc_each_field(char *h, size_t n, dc_field_fn fn, void *ctx);

/* Is the field name name[0..n) `want`, ignoring ASCII case? */
int dc_field_is(const char *name, size_t n, const char *want);

/* Makes a value printable in place: invalid UTF-8 and control bytes -> '?'. */
void dc_field_sanitize(char *s);

/* The HTTP response head, values pointing into the parsed buffer. */
typedef struct dc_http_head {
    int status;                /* 0: not an HTTP response                      */
    const char *content_type;
    const char *content_encoding;
    const char *transfer_encoding;
    size_t body;               /* offset of the body in the block              */
} dc_http_head;

/*
 * Parses the start of a response block b[0..n) (the status line and
 * headers).  Values are NUL-terminated in place, so b[n] must be writable.
 * Returns 0, or -1 when the block is not an HTTP response.  A head without
 * its closing empty line (a block cut short) counts as having no body.
 */
int dc_http_parse(char *b, size_t n, dc_http_head *out);

/*
 * Undoes Transfer-Encoding: chunked in place.  A body that ends early (the
 * last chunk or the terminating zero chunk missing) keeps what it has.
 * Returns the new length, or SIZE_MAX when a chunk-size line is malformed.
 */
size_t dc_http_dechunk(char *b, size_t n);

/*
 * The body of a response b[0..n) that dc_http_parse read into *h: where it
 * starts (*body) and its length, with Transfer-Encoding: chunked undone in
 * place; SIZE_MAX when the chunking is malformed.
 */
size_t dc_http_body_of(char *b, size_t n, const dc_http_head *h, const unsigned char **body);

/* Is the MIME type (a Content-Type value) HTML or XHTML? */
int dc_mime_is_html(const char *content_type);

/* Is the essence of the Content-Type empty (absent or blank)? */
int dc_mime_is_blank(const char *content_type);

/* WHATWG's HTML signature sniffing, for bodies served without a type. */
int dc_sniff_html(const unsigned char *s, size_t n);

/* Case-insensitive: does the comma-separated list hold `token`? */
int dc_has_token(const char *list, const char *token);

/* Where a Content-Encoding'd body is inflated; the buffer is kept and
 * regrown from record to record (the reader frees it). */
typedef struct dc_http_body {
    const decant_allocator *alloc;
    size_t max_bytes;          /* a longer body is skipped as too large        */
    unsigned char *buf;
    size_t cap;
} dc_http_body;

/*
 * Decides whether a response block b[0..n) holds a page to extract, and
 * where its payload is: sets rec->http_status, content_type, skip, and for a
 * page payload / payload_size (into `b`, dechunked in place, or into
 * body->buf when it was compressed).  `cut` says the block was longer than
 * what was kept.  Returns DECANT_OK, or DECANT_ERR_NOMEM.
 */
decant_status dc_http_payload(dc_http_body *body, char *b, size_t n, int cut,
                              decant_warc_record *rec);

/*
 * Undoes a Content-Encoding (gzip, deflate, identity) of body[0..len): on
 * DECANT_WARC_HTML (success) *body and *len describe the decoded bytes, in
 * r->buf when they had to be inflated; else why not (SKIP_ENCODING,
 * SKIP_TOO_LARGE).  Sets *nomem to DECANT_ERR_NOMEM when memory ran out.
 * For the fetcher, whose feeds and robots.txt are not pages.
 */
decant_warc_skip dc_http_decode(dc_http_body *r, const char *content_encoding,
                                const unsigned char **body, size_t *len, decant_status *nomem);

#endif
