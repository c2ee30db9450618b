/*
 * warc.h — the record layer of the WARC reader (warc.c): the header of a
 * WARC record, parsed in memory, kept apart from the streaming so that tests
 * can reach it.  Beneath it, warc_stream.h supplies the decompressed
 * archive; warc_http.h reads the HTTP response in a record's block.
 */
#ifndef DC_WARC_H
#define DC_WARC_H

#include <stddef.h>
#include <stdint.h>

#include "decant.h"

/* Headers longer than this are taken for garbage, not for a record. */
#define DC_WARC_MAX_HEADER ((size_t)256 << 10)

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

#endif
