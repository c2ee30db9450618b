/*
 * warc_stream.h — the container under a web archive: the file's bytes,
 * decompressed (plain, gzip members or zstd frames, with or without a
 * dictionary) into a window that the record layer (warc.c) reads.
 *
 * Two buffers, each pulling from the one below:
 *   raw     bytes from the file descriptor;
 *   window  the decompressed archive, with the file offset at which each
 *           member or frame began, so that records can say where they start.
 * A failure (a read error, a truncated member) is remembered and reported
 * only after the records decoded before it have been handed out.  A corrupt
 * gzip member or zstd frame is a "break": the window stops there until the
 * record layer has reported it (clearing `brk`), then decoding resumes at the
 * next member or frame, so one bad record does not cost the rest of the file.
 */
#ifndef DC_WARC_STREAM_H
#define DC_WARC_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#include "decant.h"

/* Member starts still in the window; far more than 1 MiB of real records
 * can produce, and overflowing it only blurs offsets. */
#define DC_STREAM_MAX_BOUNDS 8192

typedef enum dc_stream_kind { DC_STREAM_PLAIN, DC_STREAM_GZIP, DC_STREAM_ZSTD } dc_stream_kind;

typedef struct dc_stream_bound {
    uint64_t uoff; /* offset in the decompressed archive */
    uint64_t roff; /* offset in the file                 */
} dc_stream_bound;

typedef struct dc_stream {
    const decant_allocator *alloc;
    int fd;
    dc_stream_kind kind;

    unsigned char *raw;
    size_t raw_cap, raw_pos, raw_len;
    uint64_t raw_base; /* file offset of raw[0] */
    int raw_eof;

    /* The window the record layer reads: out[out_pos..out_len) is unread. */
    unsigned char *out;
    size_t out_pos, out_len;
    uint64_t out_base; /* archive offset of out[0] */
    int in_unit;       /* inside a gzip member or zstd frame */
    int src_done;      /* no more decompressed bytes will come */
    z_stream z;
    int z_ready;
    struct libdeflate_decompressor *fast; /* whole members, when they fit */
    struct ZSTD_DCtx_s *zd;

    dc_stream_bound bounds[DC_STREAM_MAX_BOUNDS];
    size_t nbounds;

    int brk;           /* a corrupt unit ends the decompressed data for now */
    char brk_msg[128];
    uint64_t brk_pos;
    int scan;          /* after a break: look for the next unit's magic */

    decant_status fail_code; /* the stream's failure, pending until reached */
    char fail_msg[128];
    uint64_t fail_pos;
} dc_stream;

/*
 * Sets up `s` over `fd`, whose first `prefix_len` bytes were already read
 * into `prefix` (copied), and recognises the compression from the content.
 * On failure the caller still calls dc_stream_close.
 */
decant_status dc_stream_open(dc_stream *s, const decant_allocator *alloc, int fd,
                             const void *prefix, size_t prefix_len, decant_error *err);

/* Frees the buffers and decompressors (not the descriptor). */
void dc_stream_close(dc_stream *s);

/* Appends decompressed bytes to the window; returns how many (0: no more,
 * for now or for good: see src_done and brk). */
size_t dc_stream_fill(dc_stream *s);

/* Unread window bytes, after filling until there are `want` or no more. */
size_t dc_stream_avail(dc_stream *s, size_t want);

/* The archive offset of the window's first unread byte. */
uint64_t dc_stream_here(const dc_stream *s);

/*
 * Moves `n` bytes of the archive past, copying the first `keep` to `dst`.
 * Returns how many were moved: fewer than `n` when the archive ended.
 */
uint64_t dc_stream_take(dc_stream *s, uint64_t n, char *dst, size_t keep);

/* The file offset of archive offset `u`: the member or frame it lies in. */
uint64_t dc_stream_file_offset(const dc_stream *s, uint64_t u);

/* Bytes of the file consumed so far. */
uint64_t dc_stream_tell(const dc_stream *s);

/*
 * Fills `err` (if given) with a formatted message, `code` and the position
 * `pos`; returns `code`.  Shared by the reader's layers.
 */
decant_status dc_warc_fail(decant_error *err, decant_status code, uint64_t pos,
                           const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif
