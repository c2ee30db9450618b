/*
 * warc_stream.c — the container under a web archive (see warc_stream.h):
 * reading the file, inflating gzip members and zstd frames into the window
 * the record layer reads, remembering where each member began, and
 * recognising an archive by its first bytes.
 */
#include "warc_stream.h"

#include <errno.h>
#include <libdeflate.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
/* ZSTD_createDCtx_advanced: in the shared library, but behind this macro. */
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include "arena.h"
#include "text.h"

/* Both buffers are sized so that whole gzip members of all but the largest
 * pages fit, for the one-shot path (gzip_whole_member). */
#define RAW_CAP ((size_t)1 << 20)
#define OUT_CAP ((size_t)4 << 20)
/* Common Crawl's dictionaries are ~100 KiB; anything this big is not one. */
#define MAX_DICT ((size_t)32 << 20)

#define ZSTD_FRAME_MAGIC 0xFD2FB528u
/* The skippable frame that carries a WARC's dictionary (warc-zstd spec). */
#define ZSTD_DICT_MAGIC 0x184D2A5Du

/* ------------------------------------------------------------ errors */

decant_status dc_warc_fail(decant_error *err, decant_status code, uint64_t pos,
                               const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->detail, sizeof err->detail, fmt, ap);
        va_end(ap);
        err->code = code;
        err->message = err->detail;
        err->position = (size_t)pos;
    }
    return code;
}

/* Remembers the first failure of the stream; the bytes before it still count. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void stream_fail(dc_stream *s, decant_status code, uint64_t pos,
                        const char *fmt, ...)
{
    s->src_done = 1;
    if (s->fail_code)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->fail_msg, sizeof s->fail_msg, fmt, ap);
    va_end(ap);
    s->fail_code = code;
    s->fail_pos = pos;
}

/* --------------------------------------------------------------- raw */

static uint64_t raw_offset(const dc_stream *s)
{
    return s->raw_base + s->raw_pos;
}

/* Unread raw bytes, after reading until there are `want` or the file ends. */
static size_t raw_avail(dc_stream *s, size_t want)
{
    while (s->raw_len - s->raw_pos < want && !s->raw_eof) {
        if (s->raw_pos > 0) {
            memmove(s->raw, s->raw + s->raw_pos, s->raw_len - s->raw_pos);
            s->raw_base += s->raw_pos;
            s->raw_len -= s->raw_pos;
            s->raw_pos = 0;
        }
        if (s->raw_len == s->raw_cap)
            break;
        ssize_t got = read(s->fd, s->raw + s->raw_len, s->raw_cap - s->raw_len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            char why[96] = "";
            if (strerror_r(errno, why, sizeof why) != 0)
                snprintf(why, sizeof why, "errno %d", errno);
            stream_fail(s, DECANT_ERR_INVALID, raw_offset(s) + (s->raw_len - s->raw_pos),
                        "read error: %s", why);
            s->raw_eof = 1;
            break;
        }
        if (got == 0)
            s->raw_eof = 1;
        s->raw_len += (size_t)got;
    }
    return s->raw_len - s->raw_pos;
}

/* ------------------------------------------------------------ stream */

static void add_bound(dc_stream *s)
{
    if (s->nbounds == DC_STREAM_MAX_BOUNDS) {
        memmove(s->bounds, s->bounds + 1, (DC_STREAM_MAX_BOUNDS - 1) * sizeof s->bounds[0]);
        s->nbounds--;
    }
    s->bounds[s->nbounds++] = (dc_stream_bound){s->out_base + s->out_len, raw_offset(s)};
}

/* Forgets members that end before the unread data: no record starts there. */
static void prune_bounds(dc_stream *s)
{
    size_t drop = 0;
    while (drop + 1 < s->nbounds && s->bounds[drop + 1].uoff <= s->out_base + s->out_pos)
        drop++;
    if (drop) {
        memmove(s->bounds, s->bounds + drop, (s->nbounds - drop) * sizeof s->bounds[0]);
        s->nbounds -= drop;
    }
}

/* The file offset of archive offset `u`: the member or frame it lies in. */
uint64_t dc_stream_file_offset(const dc_stream *s, uint64_t u)
{
    if (s->kind == DC_STREAM_PLAIN)
        return u;
    uint64_t off = s->nbounds ? s->bounds[0].roff : 0;
    for (size_t i = 0; i < s->nbounds && s->bounds[i].uoff <= u; i++)
        off = s->bounds[i].roff;
    return off;
}

static size_t fill_plain(dc_stream *s)
{
    size_t have = raw_avail(s, 1);
    size_t room = OUT_CAP - s->out_len;
    size_t k = have < room ? have : room;
    memcpy(s->out + s->out_len, s->raw + s->raw_pos, k);
    s->raw_pos += k;
    s->out_len += k;
    if (have == 0)
        s->src_done = 1;
    return k;
}

/* Drops raw bytes up to the next occurrence of `magic`; 0 if the file ends. */
static int scan_to(dc_stream *s, const unsigned char *magic, size_t n)
{
    for (;;) {
        size_t have = raw_avail(s, n);
        if (have < n) {
            s->raw_pos = s->raw_len;
            return 0;
        }
        const unsigned char *p = s->raw + s->raw_pos;
        const unsigned char *hit = memchr(p, magic[0], have - n + 1);
        if (hit && memcmp(hit, magic, n) == 0) {
            s->raw_pos += (size_t)(hit - p);
            return 1;
        }
        s->raw_pos += hit ? (size_t)(hit - p) + 1 : have - n + 1;
    }
}

/* Records a corrupt unit: the data stops here until the records before it
 * are out and the error is reported; then decoding resumes at the next unit. */
static void stream_break(dc_stream *s, uint64_t unit, const char *what,
                         const char *why)
{
    s->brk = 1;
    s->brk_pos = unit;
    snprintf(s->brk_msg, sizeof s->brk_msg, "corrupt %s at offset %llu: %s", what,
             (unsigned long long)unit, why);
    s->in_unit = 0;
    s->scan = 1;
    /* The bad unit's first byte must not be taken for the next unit. */
    if (raw_offset(s) == unit)
        s->raw_pos++;
}

static const unsigned char GZIP_MAGIC[3] = {0x1f, 0x8b, 0x08};
static const unsigned char ZSTD_MAGIC[4] = {0x28, 0xb5, 0x2f, 0xfd};

/* Starts the next gzip member; 0 at a clean end or on garbage. */
static int gzip_member_start(dc_stream *s)
{
    if (s->scan) {
        s->scan = 0;
        if (!scan_to(s, GZIP_MAGIC, sizeof GZIP_MAGIC)) {
            s->src_done = 1;
            return 0;
        }
    }
    size_t have = raw_avail(s, 2);
    if (have == 0) {
        s->src_done = 1;
        return 0;
    }
    const unsigned char *p = s->raw + s->raw_pos;
    if (have < 2 || p[0] != 0x1f || p[1] != 0x8b) {
        stream_fail(s, DECANT_ERR_GZIP, raw_offset(s),
                    "not a gzip member at offset %llu", (unsigned long long)raw_offset(s));
        return 0;
    }
    add_bound(s);
    inflateReset(&s->z);
    s->in_unit = 1;
    return 1;
}

static uint64_t unit_start(const dc_stream *s)
{
    return s->nbounds ? s->bounds[s->nbounds - 1].roff : 0;
}

/*
 * A member whose compressed bytes are all in the raw buffer and whose output
 * fits the window is inflated in one go by libdeflate, about twice as fast
 * as zlib.  Anything else (a member larger than the buffers, cut short or
 * corrupt) is left to zlib, which streams and diagnoses.  Returns the bytes
 * made, 0 when zlib must take the member.
 */
static size_t gzip_whole_member(dc_stream *s)
{
    if (!s->fast)
        return 0;
    /* Refill only below half full, so that compaction copies each byte once. */
    size_t have = raw_avail(s, s->raw_cap / 2);
    size_t used = 0, made = 0;
    enum libdeflate_result res = libdeflate_gzip_decompress_ex(
        s->fast, s->raw + s->raw_pos, have, s->out + s->out_len, OUT_CAP - s->out_len, &used,
        &made);
    if (res != LIBDEFLATE_SUCCESS || made == 0)
        return 0;
    s->raw_pos += used;
    s->out_len += made;
    s->in_unit = 0;
    return made;
}

static size_t fill_gzip(dc_stream *s)
{
    for (;;) {
        if (!s->in_unit) {
            if (!gzip_member_start(s))
                return 0;
            size_t made = gzip_whole_member(s);
            if (made)
                return made;
        }
        size_t have = raw_avail(s, 1);
        size_t room = OUT_CAP - s->out_len;
        s->z.next_in = s->raw + s->raw_pos;
        s->z.avail_in = (uInt)(have < UINT32_MAX ? have : UINT32_MAX);
        s->z.next_out = s->out + s->out_len;
        s->z.avail_out = (uInt)room;
        int zr = inflate(&s->z, Z_NO_FLUSH);
        size_t used = have - s->z.avail_in, made = room - s->z.avail_out;
        s->raw_pos += used;
        s->out_len += made;
        if (zr == Z_STREAM_END) {
            s->in_unit = 0;
        } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            stream_break(s, unit_start(s), "gzip member", s->z.msg ? s->z.msg : "bad data");
            return made;
        } else if (used == 0 && made == 0 && have == 0) {
            stream_fail(s, DECANT_ERR_GZIP, unit_start(s), "truncated gzip member at offset %llu",
                        (unsigned long long)unit_start(s));
            return 0;
        }
        if (made)
            return made;
    }
}

static size_t fill_zstd(dc_stream *s)
{
    for (;;) {
        if (s->scan && !s->in_unit) {
            s->scan = 0;
            ZSTD_DCtx_reset(s->zd, ZSTD_reset_session_only);
            if (!scan_to(s, ZSTD_MAGIC, sizeof ZSTD_MAGIC)) {
                s->src_done = 1;
                return 0;
            }
        }
        size_t have = raw_avail(s, 1);
        if (!s->in_unit) {
            if (have == 0) {
                s->src_done = 1;
                return 0;
            }
            add_bound(s);
            s->in_unit = 1;
        }
        ZSTD_inBuffer in = {s->raw + s->raw_pos, have, 0};
        ZSTD_outBuffer o = {s->out + s->out_len, OUT_CAP - s->out_len, 0};
        size_t ret = ZSTD_decompressStream(s->zd, &o, &in);
        s->raw_pos += in.pos;
        s->out_len += o.pos;
        if (ZSTD_isError(ret)) {
            stream_break(s, unit_start(s), "zstd frame", ZSTD_getErrorName(ret));
            return o.pos;
        }
        if (ret == 0)
            s->in_unit = 0;
        else if (in.pos == 0 && o.pos == 0 && have == 0) {
            stream_fail(s, DECANT_ERR_GZIP, unit_start(s), "truncated zstd frame at offset %llu",
                        (unsigned long long)unit_start(s));
            return 0;
        }
        if (o.pos)
            return o.pos;
    }
}

/* Appends decompressed bytes to the window; returns how many (0: no more). */
size_t dc_stream_fill(dc_stream *s)
{
    if (s->src_done || s->brk)
        return 0;
    if (s->out_pos > 0) {
        prune_bounds(s);
        memmove(s->out, s->out + s->out_pos, s->out_len - s->out_pos);
        s->out_base += s->out_pos;
        s->out_len -= s->out_pos;
        s->out_pos = 0;
    }
    if (s->out_len == OUT_CAP)
        return 0;
    switch (s->kind) {
    case DC_STREAM_GZIP:
        return fill_gzip(s);
    case DC_STREAM_ZSTD:
        return fill_zstd(s);
    default:
        return fill_plain(s);
    }
}

/* Unread window bytes, after filling until there are `want` or no more. */
size_t dc_stream_avail(dc_stream *s, size_t want)
{
    while (s->out_len - s->out_pos < want && dc_stream_fill(s))
        ;
    return s->out_len - s->out_pos;
}

uint64_t dc_stream_here(const dc_stream *s)
{
    return s->out_base + s->out_pos;
}

/*
 * Moves `n` bytes of the archive past, copying the first `keep` to `dst`.
 * Returns how many were moved: fewer than `n` when the archive ended.
 */
uint64_t dc_stream_take(dc_stream *s, uint64_t n, char *dst, size_t keep)
{
    uint64_t done = 0;
    while (done < n) {
        size_t have = dc_stream_avail(s, 1);
        if (have == 0)
            break;
        size_t k = n - done < have ? (size_t)(n - done) : have;
        if (dst && done < keep) {
            size_t c = keep - (size_t)done < k ? keep - (size_t)done : k;
            memcpy(dst + done, s->out + s->out_pos, c);
        }
        s->out_pos += k;
        done += k;
    }
    return done;
}

/* -------------------------------------------------------- dictionary */

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Decompresses a zstd-compressed dictionary into a new buffer. */
static unsigned char *unpack_dict(dc_stream *s, const unsigned char *z, size_t n,
                                  size_t *out_len)
{
    unsigned long long size = ZSTD_getFrameContentSize(z, n);
    /* zstd(1) leaves the size out when it compresses a pipe. */
    if (size == ZSTD_CONTENTSIZE_UNKNOWN)
        size = MAX_DICT;
    if (size == ZSTD_CONTENTSIZE_ERROR || size == 0 || size > MAX_DICT)
        return NULL;
    unsigned char *d = dc_malloc(s->alloc, (size_t)size);
    if (!d)
        return NULL;
    size_t got = ZSTD_decompress(d, (size_t)size, z, n);
    if (ZSTD_isError(got)) {
        dc_free(s->alloc, d, (size_t)size);
        return NULL;
    }
    /* The allocator hook needs the size given at allocation to free it. */
    unsigned char *exact = dc_realloc(s->alloc, d, (size_t)size, got ? got : 1);
    if (!exact) {
        dc_free(s->alloc, d, (size_t)size);
        return NULL;
    }
    *out_len = got;
    return exact;
}

/* Reads the dictionary frame that opens the file and hands it to zstd. */
static decant_status load_dict(dc_stream *s, decant_error *err)
{
    raw_avail(s, 8);
    size_t n = le32(s->raw + s->raw_pos + 4);
    if (n > MAX_DICT)
        return dc_warc_fail(err, DECANT_ERR_GZIP, 0, "zstd dictionary frame too large (%zu bytes)", n);
    s->raw_pos += 8;
    unsigned char *frame = dc_malloc(s->alloc, n);
    if (!frame)
        return dc_warc_fail(err, DECANT_ERR_NOMEM, 0, "out of memory for the zstd dictionary");
    size_t got = 0;
    while (got < n) {
        size_t have = raw_avail(s, 1);
        if (have == 0)
            break;
        size_t k = n - got < have ? n - got : have;
        memcpy(frame + got, s->raw + s->raw_pos, k);
        s->raw_pos += k;
        got += k;
    }
    decant_status st = DECANT_OK;
    const unsigned char *dict = frame;
    size_t dict_len = n;
    unsigned char *unpacked = NULL;
    if (got < n) {
        st = dc_warc_fail(err, DECANT_ERR_GZIP, 0, "truncated zstd dictionary frame");
    } else if (n >= 4 && le32(frame) == ZSTD_FRAME_MAGIC) {
        unpacked = unpack_dict(s, frame, n, &dict_len);
        dict = unpacked;
        if (!unpacked)
            st = dc_warc_fail(err, DECANT_ERR_GZIP, 0, "corrupt zstd dictionary");
    }
    if (st == DECANT_OK && ZSTD_isError(ZSTD_DCtx_loadDictionary(s->zd, dict, dict_len)))
        st = dc_warc_fail(err, DECANT_ERR_GZIP, 0, "zstd rejected the dictionary");
    if (unpacked)
        dc_free(s->alloc, unpacked, dict_len ? dict_len : 1);
    dc_free(s->alloc, frame, n);
    return st;
}

/* zstd's state (the window, up to a few MiB) through the allocator hook. */
static void *zstd_alloc(void *opaque, size_t size)
{
    return dc_malloc_sized(opaque, size);
}

static void zstd_free(void *opaque, void *p)
{
    dc_free_sized(opaque, p);
}

static decant_status set_up_source(dc_stream *s, decant_error *err)
{
    size_t have = raw_avail(s, 4);
    const unsigned char *p = s->raw + s->raw_pos;
    if (have >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        s->kind = DC_STREAM_GZIP;
        s->z.zalloc = dc_zalloc;
        s->z.zfree = dc_zfree;
        s->z.opaque = (void *)(uintptr_t)s->alloc;
        if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK)
            return dc_warc_fail(err, DECANT_ERR_NOMEM, 0, "cannot set up zlib");
        s->z_ready = 1;
        /* Optional: without it every member simply goes through zlib.
         * libdeflate 1.14 has no allocator per decompressor, only a
         * process-wide one, so its state (~32 KiB) is its own. */
        s->fast = libdeflate_alloc_decompressor();
        return DECANT_OK;
    }
    if (have >= 4 && (le32(p) == ZSTD_FRAME_MAGIC || le32(p) == ZSTD_DICT_MAGIC)) {
        s->kind = DC_STREAM_ZSTD;
        ZSTD_customMem mem = {zstd_alloc, zstd_free, (void *)(uintptr_t)s->alloc};
        s->zd = ZSTD_createDCtx_advanced(mem);
        if (!s->zd)
            return dc_warc_fail(err, DECANT_ERR_NOMEM, 0, "cannot set up zstd");
        return le32(p) == ZSTD_DICT_MAGIC ? load_dict(s, err) : DECANT_OK;
    }
    s->kind = DC_STREAM_PLAIN;
    return DECANT_OK;
}

/* ------------------------------------------------------------- open */

decant_status dc_stream_open(dc_stream *s, const decant_allocator *alloc, int fd,
                             const void *prefix, size_t prefix_len, decant_error *err)
{
    s->alloc = alloc;
    s->fd = fd;
    s->raw_cap = prefix_len > RAW_CAP ? prefix_len : RAW_CAP;
    s->raw = dc_malloc(alloc, s->raw_cap);
    s->out = dc_malloc(alloc, OUT_CAP);
    if (!s->raw || !s->out)
        return dc_warc_fail(err, DECANT_ERR_NOMEM, 0, "out of memory");
    if (prefix_len)
        memcpy(s->raw, prefix, prefix_len);
    s->raw_len = prefix_len;
    return set_up_source(s, err);
}

void dc_stream_close(dc_stream *s)
{
    if (s->z_ready)
        inflateEnd(&s->z);
    libdeflate_free_decompressor(s->fast);
    ZSTD_freeDCtx(s->zd);
    dc_free(s->alloc, s->raw, s->raw_cap);
    dc_free(s->alloc, s->out, OUT_CAP);
}

uint64_t dc_stream_tell(const dc_stream *s)
{
    return raw_offset(s);
}

/* ------------------------------------------------------------ detect */

/* Do the first bytes of an archive's content start a WARC record, or an
 * ARC file's "filedesc://" record? */
static int starts_archive(const unsigned char *first, size_t n)
{
    return (n >= 5 && !memcmp(first, "WARC/", 5)) || (n >= 11 && !memcmp(first, "filedesc://", 11));
}

static int gzip_starts_warc(const decant_allocator *a, const unsigned char *p, size_t n)
{
    unsigned char first[11];
    dc_inflate_job j = {.alloc = a, .wbits = 16 + MAX_WBITS,
                        .limit = sizeof first, .buf = first, .cap = sizeof first};
    /* Whatever comes after the first bytes (more, the end of the head
     * given, corrupt data) does not matter. */
    dc_inflate(&j, p, n);
    return starts_archive(first, j.len);
}

static int zstd_starts_warc(const decant_allocator *a, const unsigned char *p, size_t n)
{
    unsigned char first[11];
    ZSTD_customMem mem = {zstd_alloc, zstd_free, (void *)(uintptr_t)a};
    ZSTD_DCtx *d = ZSTD_createDCtx_advanced(mem);
    if (!d)
        return 0;
    ZSTD_inBuffer in = {p, n, 0};
    ZSTD_outBuffer o = {first, sizeof first, 0};
    while (o.pos < o.size && in.pos < in.size) {
        size_t before = in.pos, made = o.pos;
        size_t ret = ZSTD_decompressStream(d, &o, &in);
        if (ZSTD_isError(ret) || ret == 0 || (in.pos == before && o.pos == made))
            break;
    }
    ZSTD_freeDCtx(d);
    return starts_archive(first, o.pos);
}

int decant_warc_detect(const void *head, size_t len)
{
    return decant_warc_detect_with(head, len, NULL);
}

int decant_warc_detect_with(const void *head, size_t len, const decant_allocator *alloc)
{
    const unsigned char *p = head;
    alloc = dc_allocator_or_default(alloc);
    if (!p)
        return 0;
    if (starts_archive(p, len))
        return 1;
    if (len >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        return gzip_starts_warc(alloc, p, len);
    if (len >= 4 && le32(p) == ZSTD_DICT_MAGIC)
        return 1;
    if (len >= 4 && le32(p) == ZSTD_FRAME_MAGIC)
        return zstd_starts_warc(alloc, p, len);
    return 0;
}
