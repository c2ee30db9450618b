/*
 * warc.c — the streaming WARC reader (see decant.h).
 *
 * Three layers, each pulling from the one below:
 *   raw     bytes from the file descriptor, in a fixed buffer;
 *   stream  the decompressed archive (plain, gzip members or zstd frames) in
 *           a second fixed buffer, with the file offset at which each
 *           member/frame began, so that records can say where they start;
 *   record  WARC header, then the block: copied (up to the size limit) for
 *           responses, skipped for everything else, then HTTP undone.
 * A failure in the lower layers is remembered and reported only after the
 * records decoded before it have been handed out.  A corrupt gzip member or
 * zstd frame is a "break": the stream stops there until the record layer has
 * reported it, then resumes at the next member or frame, so one bad record
 * does not cost the rest of the file.
 */
#include "warc.h"

#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "internal.h"

/* Both buffers are sized so that whole gzip members of all but the largest
 * pages fit, for the one-shot path (gzip_whole_member). */
#define RAW_CAP ((size_t)1 << 20)
#define OUT_CAP ((size_t)4 << 20)
/* Member starts still in the window; far more than 1 MiB of real records
 * can produce, and overflowing it only blurs offsets. */
#define MAX_BOUNDS 8192
/* Common Crawl's dictionaries are ~100 KiB; anything this big is not one. */
#define MAX_DICT ((size_t)32 << 20)

#define ZSTD_FRAME_MAGIC 0xFD2FB528u
/* The skippable frame that carries a WARC's dictionary (warc-zstd spec). */
#define ZSTD_DICT_MAGIC 0x184D2A5Du

typedef enum src_kind { SRC_PLAIN, SRC_GZIP, SRC_ZSTD } src_kind;

typedef struct bound {
    uint64_t uoff; /* offset in the decompressed archive */
    uint64_t roff; /* offset in the file                 */
} bound;

struct decant_warc_reader {
    const decant_allocator *alloc;
    size_t max_bytes;
    int fd, own_fd;
    src_kind kind;

    unsigned char *raw;
    size_t raw_cap, raw_pos, raw_len;
    uint64_t raw_base; /* file offset of raw[0] */
    int raw_eof;

    unsigned char *out;
    size_t out_pos, out_len;
    uint64_t out_base; /* archive offset of out[0] */
    int in_unit;       /* inside a gzip member or zstd frame */
    int src_done;      /* no more decompressed bytes will come */
    z_stream z;
    int z_ready;
    struct libdeflate_decompressor *fast; /* whole members, when they fit */
    ZSTD_DCtx *zd;

    bound bounds[MAX_BOUNDS];
    size_t nbounds;

    int brk;           /* a corrupt unit ends the decompressed data for now */
    char brk_msg[128];
    uint64_t brk_pos;
    int scan;          /* after a break: look for the next unit's magic */

    decant_status fail_code; /* the stream's failure, pending until reached */
    char fail_msg[128];
    uint64_t fail_pos;
    int fail_reported;

    int resync;   /* bad framing: look for the next "WARC/" line first */
    int finished; /* nothing more to read */

    char *hdr;
    size_t hdr_cap;
    char *blk;
    size_t blk_cap;
    unsigned char *body;
    size_t body_cap;
};

static const char *const skip_names[DECANT_WARC_SKIP_COUNT] = {
    [DECANT_WARC_HTML] = "html",
    [DECANT_WARC_SKIP_NOT_RESPONSE] = "not_response",
    [DECANT_WARC_SKIP_NOT_HTTP] = "not_http",
    [DECANT_WARC_SKIP_STATUS] = "status",
    [DECANT_WARC_SKIP_NOT_HTML] = "not_html",
    [DECANT_WARC_SKIP_TOO_LARGE] = "too_large",
    [DECANT_WARC_SKIP_ENCODING] = "encoding",
    [DECANT_WARC_SKIP_EMPTY] = "empty",
};

const char *decant_warc_skip_name(decant_warc_skip s)
{
    return (unsigned)s < DECANT_WARC_SKIP_COUNT ? skip_names[s] : "unknown";
}

/* ------------------------------------------------------------ errors */

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static decant_status warc_fail(decant_error *err, decant_status code, uint64_t pos,
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
static void stream_fail(decant_warc_reader *r, decant_status code, uint64_t pos,
                        const char *fmt, ...)
{
    r->src_done = 1;
    if (r->fail_code)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->fail_msg, sizeof r->fail_msg, fmt, ap);
    va_end(ap);
    r->fail_code = code;
    r->fail_pos = pos;
}

/* --------------------------------------------------------------- raw */

static uint64_t raw_offset(const decant_warc_reader *r)
{
    return r->raw_base + r->raw_pos;
}

/* Unread raw bytes, after reading until there are `want` or the file ends. */
static size_t raw_avail(decant_warc_reader *r, size_t want)
{
    while (r->raw_len - r->raw_pos < want && !r->raw_eof) {
        if (r->raw_pos > 0) {
            memmove(r->raw, r->raw + r->raw_pos, r->raw_len - r->raw_pos);
            r->raw_base += r->raw_pos;
            r->raw_len -= r->raw_pos;
            r->raw_pos = 0;
        }
        if (r->raw_len == r->raw_cap)
            break;
        ssize_t got = read(r->fd, r->raw + r->raw_len, r->raw_cap - r->raw_len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            char why[96] = "";
            if (strerror_r(errno, why, sizeof why) != 0)
                snprintf(why, sizeof why, "errno %d", errno);
            stream_fail(r, DECANT_ERR_INVALID, raw_offset(r) + (r->raw_len - r->raw_pos),
                        "read error: %s", why);
            r->raw_eof = 1;
            break;
        }
        if (got == 0)
            r->raw_eof = 1;
        r->raw_len += (size_t)got;
    }
    return r->raw_len - r->raw_pos;
}

/* ------------------------------------------------------------ stream */

static void add_bound(decant_warc_reader *r)
{
    if (r->nbounds == MAX_BOUNDS) {
        memmove(r->bounds, r->bounds + 1, (MAX_BOUNDS - 1) * sizeof r->bounds[0]);
        r->nbounds--;
    }
    r->bounds[r->nbounds++] = (bound){r->out_base + r->out_len, raw_offset(r)};
}

/* Forgets members that end before the unread data: no record starts there. */
static void prune_bounds(decant_warc_reader *r)
{
    size_t drop = 0;
    while (drop + 1 < r->nbounds && r->bounds[drop + 1].uoff <= r->out_base + r->out_pos)
        drop++;
    if (drop) {
        memmove(r->bounds, r->bounds + drop, (r->nbounds - drop) * sizeof r->bounds[0]);
        r->nbounds -= drop;
    }
}

/* The file offset of archive offset `u`: the member or frame it lies in. */
static uint64_t file_offset(const decant_warc_reader *r, uint64_t u)
{
    if (r->kind == SRC_PLAIN)
        return u;
    uint64_t off = r->nbounds ? r->bounds[0].roff : 0;
    for (size_t i = 0; i < r->nbounds && r->bounds[i].uoff <= u; i++)
        off = r->bounds[i].roff;
    return off;
}

static size_t fill_plain(decant_warc_reader *r)
{
    size_t have = raw_avail(r, 1);
    size_t room = OUT_CAP - r->out_len;
    size_t k = have < room ? have : room;
    memcpy(r->out + r->out_len, r->raw + r->raw_pos, k);
    r->raw_pos += k;
    r->out_len += k;
    if (have == 0)
        r->src_done = 1;
    return k;
}

/* Drops raw bytes up to the next occurrence of `magic`; 0 if the file ends. */
static int scan_to(decant_warc_reader *r, const unsigned char *magic, size_t n)
{
    for (;;) {
        size_t have = raw_avail(r, n);
        if (have < n) {
            r->raw_pos = r->raw_len;
            return 0;
        }
        const unsigned char *p = r->raw + r->raw_pos;
        const unsigned char *hit = memchr(p, magic[0], have - n + 1);
        if (hit && memcmp(hit, magic, n) == 0) {
            r->raw_pos += (size_t)(hit - p);
            return 1;
        }
        r->raw_pos += hit ? (size_t)(hit - p) + 1 : have - n + 1;
    }
}

/* Records a corrupt unit: the data stops here until the records before it
 * are out and the error is reported; then decoding resumes at the next unit. */
static void stream_break(decant_warc_reader *r, uint64_t unit, const char *what,
                         const char *why)
{
    r->brk = 1;
    r->brk_pos = unit;
    snprintf(r->brk_msg, sizeof r->brk_msg, "corrupt %s at offset %llu: %s", what,
             (unsigned long long)unit, why);
    r->in_unit = 0;
    r->scan = 1;
    /* The bad unit's first byte must not be taken for the next unit. */
    if (raw_offset(r) == unit)
        r->raw_pos++;
}

static const unsigned char GZIP_MAGIC[3] = {0x1f, 0x8b, 0x08};
static const unsigned char ZSTD_MAGIC[4] = {0x28, 0xb5, 0x2f, 0xfd};

/* Starts the next gzip member; 0 at a clean end or on garbage. */
static int gzip_member_start(decant_warc_reader *r)
{
    if (r->scan) {
        r->scan = 0;
        if (!scan_to(r, GZIP_MAGIC, sizeof GZIP_MAGIC)) {
            r->src_done = 1;
            return 0;
        }
    }
    size_t have = raw_avail(r, 2);
    if (have == 0) {
        r->src_done = 1;
        return 0;
    }
    const unsigned char *p = r->raw + r->raw_pos;
    if (have < 2 || p[0] != 0x1f || p[1] != 0x8b) {
        stream_fail(r, DECANT_ERR_GZIP, raw_offset(r),
                    "not a gzip member at offset %llu", (unsigned long long)raw_offset(r));
        return 0;
    }
    add_bound(r);
    inflateReset(&r->z);
    r->in_unit = 1;
    return 1;
}

static uint64_t unit_start(const decant_warc_reader *r)
{
    return r->nbounds ? r->bounds[r->nbounds - 1].roff : 0;
}

/*
 * A member whose compressed bytes are all in the raw buffer and whose output
 * fits the window is inflated in one go by libdeflate, about twice as fast
 * as zlib.  Anything else (a member larger than the buffers, cut short or
 * corrupt) is left to zlib, which streams and diagnoses.  Returns the bytes
 * made, 0 when zlib must take the member.
 */
static size_t gzip_whole_member(decant_warc_reader *r)
{
    if (!r->fast)
        return 0;
    /* Refill only below half full, so that compaction copies each byte once. */
    size_t have = raw_avail(r, r->raw_cap / 2);
    size_t used = 0, made = 0;
    enum libdeflate_result res = libdeflate_gzip_decompress_ex(
        r->fast, r->raw + r->raw_pos, have, r->out + r->out_len, OUT_CAP - r->out_len, &used,
        &made);
    if (res != LIBDEFLATE_SUCCESS || made == 0)
        return 0;
    r->raw_pos += used;
    r->out_len += made;
    r->in_unit = 0;
    return made;
}

static size_t fill_gzip(decant_warc_reader *r)
{
    for (;;) {
        if (!r->in_unit) {
            if (!gzip_member_start(r))
                return 0;
            size_t made = gzip_whole_member(r);
            if (made)
                return made;
        }
        size_t have = raw_avail(r, 1);
        size_t room = OUT_CAP - r->out_len;
        r->z.next_in = r->raw + r->raw_pos;
        r->z.avail_in = (uInt)(have < UINT32_MAX ? have : UINT32_MAX);
        r->z.next_out = r->out + r->out_len;
        r->z.avail_out = (uInt)room;
        int zr = inflate(&r->z, Z_NO_FLUSH);
        size_t used = have - r->z.avail_in, made = room - r->z.avail_out;
        r->raw_pos += used;
        r->out_len += made;
        if (zr == Z_STREAM_END) {
            r->in_unit = 0;
        } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            stream_break(r, unit_start(r), "gzip member", r->z.msg ? r->z.msg : "bad data");
            return made;
        } else if (used == 0 && made == 0 && have == 0) {
            stream_fail(r, DECANT_ERR_GZIP, unit_start(r), "truncated gzip member at offset %llu",
                        (unsigned long long)unit_start(r));
            return 0;
        }
        if (made)
            return made;
    }
}

static size_t fill_zstd(decant_warc_reader *r)
{
    for (;;) {
        if (r->scan && !r->in_unit) {
            r->scan = 0;
            ZSTD_DCtx_reset(r->zd, ZSTD_reset_session_only);
            if (!scan_to(r, ZSTD_MAGIC, sizeof ZSTD_MAGIC)) {
                r->src_done = 1;
                return 0;
            }
        }
        size_t have = raw_avail(r, 1);
        if (!r->in_unit) {
            if (have == 0) {
                r->src_done = 1;
                return 0;
            }
            add_bound(r);
            r->in_unit = 1;
        }
        ZSTD_inBuffer in = {r->raw + r->raw_pos, have, 0};
        ZSTD_outBuffer o = {r->out + r->out_len, OUT_CAP - r->out_len, 0};
        size_t ret = ZSTD_decompressStream(r->zd, &o, &in);
        r->raw_pos += in.pos;
        r->out_len += o.pos;
        if (ZSTD_isError(ret)) {
            stream_break(r, unit_start(r), "zstd frame", ZSTD_getErrorName(ret));
            return o.pos;
        }
        if (ret == 0)
            r->in_unit = 0;
        else if (in.pos == 0 && o.pos == 0 && have == 0) {
            stream_fail(r, DECANT_ERR_GZIP, unit_start(r), "truncated zstd frame at offset %llu",
                        (unsigned long long)unit_start(r));
            return 0;
        }
        if (o.pos)
            return o.pos;
    }
}

/* Appends decompressed bytes to the window; returns how many (0: no more). */
static size_t fill(decant_warc_reader *r)
{
    if (r->src_done || r->brk)
        return 0;
    if (r->out_pos > 0) {
        prune_bounds(r);
        memmove(r->out, r->out + r->out_pos, r->out_len - r->out_pos);
        r->out_base += r->out_pos;
        r->out_len -= r->out_pos;
        r->out_pos = 0;
    }
    if (r->out_len == OUT_CAP)
        return 0;
    switch (r->kind) {
    case SRC_GZIP:
        return fill_gzip(r);
    case SRC_ZSTD:
        return fill_zstd(r);
    default:
        return fill_plain(r);
    }
}

/* Unread window bytes, after filling until there are `want` or no more. */
static size_t avail(decant_warc_reader *r, size_t want)
{
    while (r->out_len - r->out_pos < want && fill(r))
        ;
    return r->out_len - r->out_pos;
}

static uint64_t here(const decant_warc_reader *r)
{
    return r->out_base + r->out_pos;
}

/*
 * Moves `n` bytes of the archive past, copying the first `keep` to `dst`.
 * Returns how many were moved: fewer than `n` when the archive ended.
 */
static uint64_t take(decant_warc_reader *r, uint64_t n, char *dst, size_t keep)
{
    uint64_t done = 0;
    while (done < n) {
        size_t have = avail(r, 1);
        if (have == 0)
            break;
        size_t k = n - done < have ? (size_t)(n - done) : have;
        if (dst && done < keep) {
            size_t c = keep - (size_t)done < k ? keep - (size_t)done : k;
            memcpy(dst + done, r->out + r->out_pos, c);
        }
        r->out_pos += k;
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
static unsigned char *unpack_dict(decant_warc_reader *r, const unsigned char *z, size_t n,
                                  size_t *out_len)
{
    unsigned long long size = ZSTD_getFrameContentSize(z, n);
    /* zstd(1) leaves the size out when it compresses a pipe. */
    if (size == ZSTD_CONTENTSIZE_UNKNOWN)
        size = MAX_DICT;
    if (size == ZSTD_CONTENTSIZE_ERROR || size == 0 || size > MAX_DICT)
        return NULL;
    unsigned char *d = dc_malloc(r->alloc, (size_t)size);
    if (!d)
        return NULL;
    size_t got = ZSTD_decompress(d, (size_t)size, z, n);
    if (ZSTD_isError(got)) {
        dc_free(r->alloc, d, (size_t)size);
        return NULL;
    }
    /* The allocator hook needs the size given at allocation to free it. */
    unsigned char *exact = dc_realloc(r->alloc, d, (size_t)size, got ? got : 1);
    if (!exact) {
        dc_free(r->alloc, d, (size_t)size);
        return NULL;
    }
    *out_len = got;
    return exact;
}

/* Reads the dictionary frame that opens the file and hands it to zstd. */
static decant_status load_dict(decant_warc_reader *r, decant_error *err)
{
    raw_avail(r, 8);
    size_t n = le32(r->raw + r->raw_pos + 4);
    if (n > MAX_DICT)
        return warc_fail(err, DECANT_ERR_GZIP, 0, "zstd dictionary frame too large (%zu bytes)", n);
    r->raw_pos += 8;
    unsigned char *frame = dc_malloc(r->alloc, n);
    if (!frame)
        return warc_fail(err, DECANT_ERR_NOMEM, 0, "out of memory for the zstd dictionary");
    size_t got = 0;
    while (got < n) {
        size_t have = raw_avail(r, 1);
        if (have == 0)
            break;
        size_t k = n - got < have ? n - got : have;
        memcpy(frame + got, r->raw + r->raw_pos, k);
        r->raw_pos += k;
        got += k;
    }
    decant_status st = DECANT_OK;
    const unsigned char *dict = frame;
    size_t dict_len = n;
    unsigned char *unpacked = NULL;
    if (got < n) {
        st = warc_fail(err, DECANT_ERR_GZIP, 0, "truncated zstd dictionary frame");
    } else if (n >= 4 && le32(frame) == ZSTD_FRAME_MAGIC) {
        unpacked = unpack_dict(r, frame, n, &dict_len);
        dict = unpacked;
        if (!unpacked)
            st = warc_fail(err, DECANT_ERR_GZIP, 0, "corrupt zstd dictionary");
    }
    if (st == DECANT_OK && ZSTD_isError(ZSTD_DCtx_loadDictionary(r->zd, dict, dict_len)))
        st = warc_fail(err, DECANT_ERR_GZIP, 0, "zstd rejected the dictionary");
    if (unpacked)
        dc_free(r->alloc, unpacked, dict_len ? dict_len : 1);
    dc_free(r->alloc, frame, n);
    return st;
}

/* ------------------------------------------------------------- open */

static decant_status set_up_source(decant_warc_reader *r, decant_error *err)
{
    size_t have = raw_avail(r, 4);
    const unsigned char *p = r->raw + r->raw_pos;
    if (have >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        r->kind = SRC_GZIP;
        if (inflateInit2(&r->z, 16 + MAX_WBITS) != Z_OK)
            return warc_fail(err, DECANT_ERR_NOMEM, 0, "cannot set up zlib");
        r->z_ready = 1;
        /* Optional: without it every member simply goes through zlib. */
        r->fast = libdeflate_alloc_decompressor();
        return DECANT_OK;
    }
    if (have >= 4 && (le32(p) == ZSTD_FRAME_MAGIC || le32(p) == ZSTD_DICT_MAGIC)) {
        r->kind = SRC_ZSTD;
        r->zd = ZSTD_createDCtx();
        if (!r->zd)
            return warc_fail(err, DECANT_ERR_NOMEM, 0, "cannot set up zstd");
        return le32(p) == ZSTD_DICT_MAGIC ? load_dict(r, err) : DECANT_OK;
    }
    r->kind = SRC_PLAIN;
    return DECANT_OK;
}

decant_status decant_warc_open_fd(int fd, const void *prefix, size_t prefix_len,
                                  const decant_options *opts, decant_warc_reader **out,
                                  decant_error *err)
{
    if (!out)
        return warc_fail(err, DECANT_ERR_INVALID, 0, "out is NULL");
    *out = NULL;
    if (fd < 0 || (prefix_len && !prefix))
        return warc_fail(err, DECANT_ERR_INVALID, 0, "bad descriptor or prefix");
    decant_options o;
    decant_options_init(&o);
    if (opts) {
        if (opts->version != DECANT_OPTIONS_VERSION)
            return warc_fail(err, DECANT_ERR_INVALID, 0,
                             "options not set up by decant_options_init");
        o = *opts;
    }
    const decant_allocator *alloc = o.allocator ? o.allocator : &dc_default_allocator;
    decant_warc_reader *r = dc_malloc(alloc, sizeof *r);
    if (!r)
        return warc_fail(err, DECANT_ERR_NOMEM, 0, "out of memory");
    memset(r, 0, sizeof *r);
    r->alloc = alloc;
    r->max_bytes = o.max_input_bytes;
    r->fd = fd;
    r->raw_cap = prefix_len > RAW_CAP ? prefix_len : RAW_CAP;
    r->raw = dc_malloc(alloc, r->raw_cap);
    r->out = dc_malloc(alloc, OUT_CAP);
    if (!r->raw || !r->out) {
        decant_warc_close(r);
        return warc_fail(err, DECANT_ERR_NOMEM, 0, "out of memory");
    }
    if (prefix_len)
        memcpy(r->raw, prefix, prefix_len);
    r->raw_len = prefix_len;
    decant_status st = set_up_source(r, err);
    if (st != DECANT_OK) {
        decant_warc_close(r);
        return st;
    }
    *out = r;
    return DECANT_OK;
}

decant_status decant_warc_open(const char *path, const decant_options *opts,
                               decant_warc_reader **out, decant_error *err)
{
    if (out)
        *out = NULL;
    if (!path || !out)
        return warc_fail(err, DECANT_ERR_INVALID, 0, "path or out is NULL");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    int e = fd < 0 ? errno : fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
    if (e) {
        if (fd >= 0)
            close(fd);
        char why[96] = "";
        if (strerror_r(e, why, sizeof why) != 0)
            snprintf(why, sizeof why, "errno %d", e);
        return warc_fail(err, DECANT_ERR_INVALID, 0, "cannot read: %s", why);
    }
    decant_status s = decant_warc_open_fd(fd, NULL, 0, opts, out, err);
    if (s != DECANT_OK)
        close(fd);
    else
        (*out)->own_fd = 1;
    return s;
}

void decant_warc_close(decant_warc_reader *r)
{
    if (!r)
        return;
    if (r->z_ready)
        inflateEnd(&r->z);
    libdeflate_free_decompressor(r->fast);
    ZSTD_freeDCtx(r->zd);
    if (r->own_fd)
        close(r->fd);
    const decant_allocator *a = r->alloc;
    dc_free(a, r->raw, r->raw_cap);
    dc_free(a, r->out, OUT_CAP);
    dc_free(a, r->hdr, r->hdr_cap);
    dc_free(a, r->blk, r->blk_cap);
    dc_free(a, r->body, r->body_cap);
    dc_free(a, r, sizeof *r);
}

uint64_t decant_warc_tell(const decant_warc_reader *r)
{
    return r ? raw_offset(r) : 0;
}

/* ------------------------------------------------------------- HTTP */

/* Grows *buf to at least `need` bytes; 0 on failure. */
static int reserve(const decant_allocator *a, void **buf, size_t *cap, size_t need)
{
    if (*cap >= need)
        return 1;
    size_t want = *cap ? *cap : 65536;
    while (want < need)
        want = want > SIZE_MAX / 2 ? need : want * 2;
    void *p = dc_realloc(a, *buf, *cap, want);
    if (!p)
        return 0;
    *buf = p;
    *cap = want;
    return 1;
}

/* Big buffers kept after one huge page would hold its memory for the rest of
 * the archive: let go of them when the next record is much smaller. */
static void shrink(decant_warc_reader *r, size_t need)
{
    const size_t big = (size_t)4 << 20;
    if (r->blk_cap > big && need < r->blk_cap / 4) {
        dc_free(r->alloc, r->blk, r->blk_cap);
        r->blk = NULL;
        r->blk_cap = 0;
    }
    if (r->body_cap > big) {
        dc_free(r->alloc, r->body, r->body_cap);
        r->body = NULL;
        r->body_cap = 0;
    }
}

typedef enum { INFL_OK, INFL_TOO_LARGE, INFL_CORRUPT, INFL_NOMEM } infl_result;

/* Inflates a Content-Encoding'd body into r->body, at most max_bytes. */
static infl_result inflate_body(decant_warc_reader *r, const unsigned char *in, size_t n,
                                int wbits, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, wbits) != Z_OK)
        return INFL_NOMEM;
    z.next_in = (unsigned char *)(uintptr_t)in;
    z.avail_in = (uInt)(n < UINT32_MAX ? n : UINT32_MAX);
    size_t len = 0, cap = r->max_bytes < SIZE_MAX ? r->max_bytes + 1 : SIZE_MAX;
    infl_result res = INFL_OK;
    for (;;) {
        size_t need = cap - len > 65536 ? len + 65536 : cap;
        if (len == need) {
            res = INFL_TOO_LARGE;
            break;
        }
        if (!reserve(r->alloc, (void **)&r->body, &r->body_cap, need)) {
            res = INFL_NOMEM;
            break;
        }
        z.next_out = r->body + len;
        z.avail_out = (uInt)(need - len);
        int zr = inflate(&z, Z_NO_FLUSH);
        len = need - z.avail_out;
        if (zr == Z_STREAM_END)
            break;
        if (zr == Z_BUF_ERROR && z.avail_in == 0) {
            /* Cut short: keep what came, as a browser would show it. */
            res = len ? INFL_OK : INFL_CORRUPT;
            break;
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            res = INFL_CORRUPT;
            break;
        }
    }
    inflateEnd(&z);
    if (res == INFL_OK && len > r->max_bytes)
        res = INFL_TOO_LARGE;
    *out_len = len;
    return res;
}

/* Undoes Content-Encoding; returns a skip reason or DECANT_WARC_HTML. */
static decant_warc_skip decode_body(decant_warc_reader *r, const char *ce,
                                    const unsigned char **body, size_t *len,
                                    decant_status *nomem)
{
    int wbits;
    if (dc_has_token(ce, "gzip") || dc_has_token(ce, "x-gzip"))
        wbits = 16 + MAX_WBITS;
    else if (dc_has_token(ce, "deflate"))
        wbits = MAX_WBITS;
    else if (dc_mime_is_blank(ce) || dc_has_token(ce, "identity"))
        return DECANT_WARC_HTML;
    else
        return DECANT_WARC_SKIP_ENCODING;
    size_t out = 0;
    infl_result res = inflate_body(r, *body, *len, wbits, &out);
    /* "deflate" is meant to be zlib-wrapped, but many servers send it raw. */
    if (res == INFL_CORRUPT && wbits == MAX_WBITS)
        res = inflate_body(r, *body, *len, -MAX_WBITS, &out);
    if (res == INFL_NOMEM)
        *nomem = DECANT_ERR_NOMEM;
    if (res != INFL_OK)
        return res == INFL_TOO_LARGE ? DECANT_WARC_SKIP_TOO_LARGE : DECANT_WARC_SKIP_ENCODING;
    *body = r->body;
    *len = out;
    return DECANT_WARC_HTML;
}

/*
 * Decides whether a response block b[0..n) holds a page to extract, and
 * where its payload is.  `cut` says the block was longer than what was kept.
 */
static decant_status classify(decant_warc_reader *r, char *b, size_t n, int cut,
                              decant_warc_record *rec)
{
    dc_http_head h;
    if (dc_http_parse(b, n, &h) != 0) {
        rec->skip = DECANT_WARC_SKIP_NOT_HTTP;
        return DECANT_OK;
    }
    rec->http_status = h.status;
    rec->content_type = h.content_type;
    int declared = !dc_mime_is_blank(h.content_type);
    if (h.status != 200)
        rec->skip = DECANT_WARC_SKIP_STATUS;
    else if (declared && !dc_mime_is_html(h.content_type))
        rec->skip = DECANT_WARC_SKIP_NOT_HTML;
    else if (cut)
        rec->skip = DECANT_WARC_SKIP_TOO_LARGE;
    if (rec->skip != DECANT_WARC_HTML)
        return DECANT_OK;
    const unsigned char *body = (unsigned char *)b + h.body;
    size_t len = n - h.body;
    if (dc_has_token(h.transfer_encoding, "chunked")) {
        len = dc_http_dechunk(b + h.body, len);
        if (len == SIZE_MAX) {
            rec->skip = DECANT_WARC_SKIP_ENCODING;
            return DECANT_OK;
        }
    }
    decant_status st = DECANT_OK;
    rec->skip = decode_body(r, h.content_encoding, &body, &len, &st);
    if (rec->skip == DECANT_WARC_HTML) {
        if (len > r->max_bytes)
            rec->skip = DECANT_WARC_SKIP_TOO_LARGE;
        else if (len == 0)
            rec->skip = DECANT_WARC_SKIP_EMPTY;
        else if (!declared && !dc_sniff_html(body, len))
            rec->skip = DECANT_WARC_SKIP_NOT_HTML;
    }
    if (rec->skip == DECANT_WARC_HTML) {
        rec->payload = body;
        rec->payload_size = len;
    }
    return st;
}

/* ----------------------------------------------------------- records */

/* "\nWARC/" in s[0..n), or NULL; memmem is a GNU extension. */
static const char *find_record_start(const char *s, size_t n)
{
    const char *end = s + n;
    for (const char *p = s; end - p >= 6; p++) {
        p = memchr(p, '\n', (size_t)(end - p) - 5);
        if (!p)
            return NULL;
        if (memcmp(p + 1, "WARC/", 5) == 0)
            return p;
    }
    return NULL;
}

/* Passes over whatever follows bad framing, up to the next "\nWARC/". */
static void seek_next_record(decant_warc_reader *r)
{
    for (;;) {
        size_t have = avail(r, 6);
        const char *s = (const char *)r->out + r->out_pos;
        const char *p = find_record_start(s, have);
        if (p) {
            r->out_pos += (size_t)(p - s) + 1;
            return;
        }
        /* Keep a tail that may be the start of a split "\nWARC/". */
        size_t keep = have < 5 ? have : 5;
        r->out_pos += have - keep;
        if (!fill(r)) {
            r->out_pos = r->out_len;
            return;
        }
    }
}

/* The record separator is CRLF CRLF; take any run of line ends. */
static void skip_line_ends(decant_warc_reader *r)
{
    while (avail(r, 1) > 0) {
        unsigned char c = r->out[r->out_pos];
        if (c != '\r' && c != '\n')
            return;
        r->out_pos++;
    }
}

/* The end of the archive, with the stream's failure if one is pending. */
static decant_status at_end(decant_warc_reader *r, decant_error *err)
{
    r->finished = 1;
    if (r->fail_code && !r->fail_reported) {
        r->fail_reported = 1;
        return warc_fail(err, r->fail_code, r->fail_pos, "%s", r->fail_msg);
    }
    return warc_fail(err, DECANT_ERR_EMPTY, raw_offset(r), "end of archive");
}

/* The data stops inside a record: at a break, after which reading goes on, or
 * at the end of the archive, with the stream's reason if it has one. */
static decant_status truncated(decant_warc_reader *r, uint64_t start, const char *what,
                               decant_error *err)
{
    if (r->brk) {
        r->brk = 0;
        return warc_fail(err, DECANT_ERR_GZIP, r->brk_pos, "%s", r->brk_msg);
    }
    r->finished = 1;
    if (r->fail_code) {
        r->fail_reported = 1;
        return warc_fail(err, r->fail_code, r->fail_pos, "%s", r->fail_msg);
    }
    return warc_fail(err, DECANT_ERR_PARSE, start, "WARC record at offset %llu is truncated (%s)",
                     (unsigned long long)start, what);
}

/* Finds and copies the record header at the window's start; 0 when bad. */
static size_t read_header(decant_warc_reader *r, dc_warc_header *h, int *short_read)
{
    size_t end = 0, searched = 0;
    *short_read = 0;
    for (;;) {
        size_t have = r->out_len - r->out_pos;
        end = dc_header_end((const char *)r->out + r->out_pos, have, searched);
        if (end)
            break;
        searched = have;
        if (have >= DC_WARC_MAX_HEADER)
            return 0;
        if (!fill(r)) {
            *short_read = 1;
            return 0;
        }
    }
    if (!reserve(r->alloc, (void **)&r->hdr, &r->hdr_cap, end + 1))
        return 0;
    memcpy(r->hdr, r->out + r->out_pos, end);
    if (dc_warc_parse_header(r->hdr, end, h) != 0)
        return 0;
    return end;
}

static void fill_record(const dc_warc_header *h, uint64_t start, uint64_t hlen,
                        decant_warc_record *rec)
{
    rec->type = h->type;
    rec->record_id = h->record_id;
    rec->target_uri = h->target_uri;
    rec->date = h->date;
    rec->offset = start;
    rec->length = hlen + h->content_length;
    rec->skip = DECANT_WARC_SKIP_NOT_RESPONSE;
}

/* Reads the block; a response's is kept (up to the size limit) and classified. */
static decant_status read_block(decant_warc_reader *r, const dc_warc_header *h,
                                decant_warc_record *rec, decant_error *err)
{
    uint64_t n = h->content_length;
    int response = h->type && strcmp(h->type, "response") == 0;
    /* Room for the HTTP head on top of the largest payload accepted. */
    uint64_t limit = (uint64_t)r->max_bytes + DC_HTTP_MAX_HEADER;
    size_t keep = response ? (size_t)(n < limit ? n : limit) : 0;
    shrink(r, keep);
    int room = !response || reserve(r->alloc, (void **)&r->blk, &r->blk_cap, keep + 1);
    uint64_t got = take(r, n, room ? r->blk : NULL, room ? keep : 0);
    if (got < n) {
        char what[96];
        snprintf(what, sizeof what, "Content-Length %llu, %llu bytes present",
                 (unsigned long long)n, (unsigned long long)got);
        return truncated(r, rec->offset, what, err);
    }
    if (!room)
        return warc_fail(err, DECANT_ERR_NOMEM, rec->offset,
                         "out of memory for the record at offset %llu",
                         (unsigned long long)rec->offset);
    if (!response)
        return DECANT_OK;
    rec->skip = DECANT_WARC_HTML;
    decant_status st = classify(r, r->blk, keep, n > keep, rec);
    if (st != DECANT_OK)
        return warc_fail(err, st, rec->offset, "out of memory for the record at offset %llu",
                         (unsigned long long)rec->offset);
    return DECANT_OK;
}

static decant_status next_record(decant_warc_reader *r, decant_warc_record *rec,
                                 decant_error *err)
{
    if (r->resync) {
        r->resync = 0;
        seek_next_record(r);
    }
    skip_line_ends(r);
    size_t have = avail(r, 5);
    uint64_t start = file_offset(r, here(r));
    if (have == 0)
        return r->brk ? truncated(r, start, "", err) : at_end(r, err);
    if (have < 5 || memcmp(r->out + r->out_pos, "WARC/", 5) != 0) {
        if (have < 5 && (r->src_done || r->brk))
            return truncated(r, start, "the archive ends in a header", err);
        r->resync = 1;
        return warc_fail(err, DECANT_ERR_PARSE, start,
                         "no WARC record where one should start, near offset %llu "
                         "(wrong Content-Length in the record before?)",
                         (unsigned long long)start);
    }
    dc_warc_header h;
    int short_read;
    size_t hlen = read_header(r, &h, &short_read);
    if (!hlen && short_read)
        return truncated(r, start, "the archive ends in its header", err);
    if (!hlen || !h.has_length) {
        /* Step over "WARC/" so that the search finds the next record. */
        r->out_pos += 5;
        r->resync = 1;
        return warc_fail(err, DECANT_ERR_PARSE, start,
                         "bad WARC header at offset %llu%s", (unsigned long long)start,
                         hlen ? " (no valid Content-Length)" : "");
    }
    r->out_pos += hlen;
    fill_record(&h, start, hlen, rec);
    return read_block(r, &h, rec, err);
}

decant_status decant_warc_next(decant_warc_reader *r, decant_warc_record *rec,
                               decant_error *err)
{
    if (!r || !rec)
        return warc_fail(err, DECANT_ERR_INVALID, 0, "reader or record is NULL");
    memset(rec, 0, sizeof *rec);
    if (r->finished)
        return at_end(r, err);
    return next_record(r, rec, err);
}

/* ------------------------------------------------------------ detect */

static int gzip_starts_warc(const unsigned char *p, size_t n)
{
    unsigned char first[5];
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return 0;
    z.next_in = (unsigned char *)(uintptr_t)p;
    z.avail_in = (uInt)(n < UINT32_MAX ? n : UINT32_MAX);
    z.next_out = first;
    z.avail_out = sizeof first;
    while (z.avail_out > 0 && inflate(&z, Z_NO_FLUSH) == Z_OK)
        ;
    int ok = z.avail_out == 0 && memcmp(first, "WARC/", 5) == 0;
    inflateEnd(&z);
    return ok;
}

static int zstd_starts_warc(const unsigned char *p, size_t n)
{
    unsigned char first[5];
    ZSTD_DCtx *d = ZSTD_createDCtx();
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
    return o.pos == sizeof first && memcmp(first, "WARC/", 5) == 0;
}

int decant_warc_detect(const void *head, size_t len)
{
    const unsigned char *p = head;
    if (!p)
        return 0;
    if (len >= 5 && memcmp(p, "WARC/", 5) == 0)
        return 1;
    if (len >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        return gzip_starts_warc(p, len);
    if (len >= 4 && le32(p) == ZSTD_DICT_MAGIC)
        return 1;
    if (len >= 4 && le32(p) == ZSTD_FRAME_MAGIC)
        return zstd_starts_warc(p, len);
    return 0;
}
