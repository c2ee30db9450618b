/*
 * warc.h — the pieces of the WARC reader that work on bytes in memory, kept
 * apart from the streaming in warc.c so that tests can reach them.
 */
#ifndef DC_WARC_H
#define DC_WARC_H

#include <stddef.h>
#include <stdint.h>

#include "decant.h"

/* Headers longer than this are taken for garbage, not for a record. */
#define DC_WARC_MAX_HEADER ((size_t)256 << 10)
/* Only this much of a block is searched for the end of the HTTP headers. */
#define DC_HTTP_MAX_HEADER ((size_t)64 << 10)

/* The WARC header fields decant uses; values point into the parsed buffer. */
typedef struct dc_warc_header {
    int minor;                 /* 0 for WARC/1.0, 1 for WARC/1.1, ...          */
    const char *type;
    const char *record_id;
    const char *target_uri;
    const char *date;
    const char *content_type;
    uint64_t content_length;
    int has_length;
} dc_warc_header;

/*
 * Parses a header block h[0..n): "WARC/1.x" line, fields, up to and without
 * the empty line.  Modifies h (values are NUL-terminated in place, invalid
 * UTF-8 and control bytes become '?') and needs h[n] to be writable.  Returns
 * 0, or -1 when the block is not a WARC header.
 */
int dc_warc_parse_header(char *h, size_t n, dc_warc_header *out);

/*
 * Offset just past the empty line that ends a header (CRLF CRLF, or bare LF
 * LF as some writers produce), searching s[from..n); 0 when not found.
 */
size_t dc_header_end(const char *s, size_t n, size_t from);

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
 * headers).  Values are NUL-terminated in place, so b[n] must be writable.  Returns 0, or -1 when the
 * block is not an HTTP response.  A head without its closing empty line
 * (a block cut short) counts as having no body.
 */
int dc_http_parse(char *b, size_t n, dc_http_head *out);

/*
 * Undoes Transfer-Encoding: chunked in place.  A body that ends early (the
 * last chunk or the terminating zero chunk missing) keeps what it has.
 * Returns the new length, or SIZE_MAX when a chunk-size line is malformed.
 */
size_t dc_http_dechunk(char *b, size_t n);

/* Is the MIME type (a Content-Type value) HTML or XHTML? */
int dc_mime_is_html(const char *content_type);

/* Is the essence of the Content-Type empty (absent or blank)? */
int dc_mime_is_blank(const char *content_type);

/* WHATWG's HTML signature sniffing, for bodies served without a type. */
int dc_sniff_html(const unsigned char *s, size_t n);

/* Case-insensitive: does the comma-separated list hold `token`? */
int dc_has_token(const char *list, const char *token);

#endif
