/*
 * warc.c — the streaming WARC reader (see decant.h): the record layer.
 *
 * Three layers, each pulling from the one below:
 *   stream  the decompressed archive (plain, gzip members or zstd frames),
 *           with the file offset each member began at (warc_stream.c);
 *   record  here: a WARC header, then the block: copied (up to the size
 *           limit) for responses, skipped for everything else;
 *   HTTP    the response in a kept block undone and judged (warc_http.c).
 * A failure in the stream is reported only after the records decoded before
 * it have been handed out; a corrupt member or frame (a "break") is reported
 * where the data stops, after which reading goes on at the next one.  Bad
 * framing is reported too, and the reader then looks for the next "WARC/"
 * line, so that one bad record does not cost the rest of the file.
 */
#include "warc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "internal.h"
#include "text.h"
#include "warc_http.h"
#include "warc_stream.h"

struct decant_warc_reader {
    const decant_allocator *alloc;
    size_t max_bytes;
    int fd, own_fd;
    dc_stream s;

    int fail_reported; /* the stream's failure has been handed out */
    int resync;   /* bad framing: look for the next record's start first */
    int finished; /* nothing more to read */
    int format;   /* FORMAT_*: known from the first record on */
    char arc_date[24]; /* an ARC record's date, as WARC-Date writes it */

    char *hdr;
    size_t hdr_cap;
    char *blk;
    size_t blk_cap;
    dc_http_body body;
};

enum { FORMAT_UNKNOWN, FORMAT_WARC, FORMAT_ARC };

/* An ARC header line longer than this is garbage. */
#define ARC_MAX_LINE ((size_t)8 << 10)

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

/* ------------------------------------------------------------ header */

/* "<x>" -> "x": WARC/1.0's grammar put brackets around URIs by mistake, and
 * writers followed it. */
static const char *unbracket(char *s)
{
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '<' && s[n - 1] == '>') {
        s[n - 1] = '\0';
        return s + 1;
    }
    return s;
}

/* Parses a decimal number that fills all of s; -1 if it does not. */
static int parse_u64(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    if (*s)
        return -1;
    *out = v;
    return 0;
}

static void warc_field(void *ctx, const char *name, size_t n, char *value)
{
    dc_warc_header *h = ctx;
    if (dc_field_is(name, n, "Content-Length")) {
        h->has_length = parse_u64(value, &h->content_length) == 0;
        return;
    }
    dc_field_sanitize(value);
    if (dc_field_is(name, n, "WARC-Type"))
        h->type = value;
    else if (dc_field_is(name, n, "WARC-Record-ID"))
        h->record_id = unbracket(value);
    else if (dc_field_is(name, n, "WARC-Target-URI"))
        h->target_uri = unbracket(value);
    else if (dc_field_is(name, n, "WARC-Date"))
        h->date = value;
    else if (dc_field_is(name, n, "Content-Type"))
        h->content_type = value;
}

int dc_warc_parse_header(char *h, size_t n, dc_warc_header *out)
{
    memset(out, 0, sizeof *out);
    if (n < 8 || memcmp(h, "WARC/", 5) != 0)
        return -1;
    const char *nl = memchr(h, '\n', n);
    size_t line = nl ? (size_t)(nl - h) + 1 : n;
    const char *dot = memchr(h, '.', line);
    out->minor = dot && dot[1] >= '0' && dot[1] <= '9' ? dot[1] - '0' : 0;
    /* The caller guarantees h[n] is ours, so the last value can end there. */
    h[n] = '\0';
    dc_each_field(h + line, n - line, warc_field, out);
    return 0;
}


/* ------------------------------------------------------------- open */

decant_status decant_warc_open_fd(int fd, const void *prefix, size_t prefix_len,
                                  const decant_options *opts, decant_warc_reader **out,
                                  decant_error *err)
{
    if (!out)
        return dc_warc_fail(err, DECANT_ERR_INVALID, 0, "out is NULL");
    *out = NULL;
    if (fd < 0 || (prefix_len && !prefix))
        return dc_warc_fail(err, DECANT_ERR_INVALID, 0, "bad descriptor or prefix");
    decant_options o;
    if (!dc_options_copy(opts, &o))
        return dc_warc_fail(err, DECANT_ERR_INVALID, 0, "options not set up by decant_options_init");
    const decant_allocator *alloc = dc_allocator_or_default(o.allocator);
    decant_warc_reader *r = dc_calloc(alloc, sizeof *r);
    if (!r)
        return dc_warc_fail(err, DECANT_ERR_NOMEM, 0, "out of memory");
    r->alloc = alloc;
    r->fd = fd;
    r->max_bytes = o.max_input_bytes;
    r->body.alloc = alloc;
    r->body.max_bytes = o.max_input_bytes;
    decant_status st = dc_stream_open(&r->s, alloc, fd, prefix, prefix_len, err);
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
        return dc_warc_fail(err, DECANT_ERR_INVALID, 0, "path or out is NULL");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    int e = fd < 0 ? errno : fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
    if (e) {
        if (fd >= 0)
            close(fd);
        char why[96] = "";
        if (strerror_r(e, why, sizeof why) != 0)
            snprintf(why, sizeof why, "errno %d", e);
        return dc_warc_fail(err, DECANT_ERR_INVALID, 0, "cannot read: %s", why);
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
    dc_stream_close(&r->s);
    if (r->own_fd)
        close(r->fd);
    const decant_allocator *a = r->alloc;
    dc_free(a, r->hdr, r->hdr_cap);
    dc_free(a, r->blk, r->blk_cap);
    dc_free(a, r->body.buf, r->body.cap);
    dc_free(a, r, sizeof *r);
}

uint64_t decant_warc_tell(const decant_warc_reader *r)
{
    return r ? dc_stream_tell(&r->s) : 0;
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
    if (r->body.cap > big) {
        dc_free(r->alloc, r->body.buf, r->body.cap);
        r->body.buf = NULL;
        r->body.cap = 0;
    }
}

/* ------------------------------------------------------------ framing */

/* "\nWARC/" (an ARC's "\nhttp") in s[0..n), or NULL; memmem is a GNU
 * extension. */
static const char *find_record_start(const char *s, size_t n, const char *mark)
{
    const char *end = s + n;
    for (const char *p = s; end - p >= 6; p++) {
        p = memchr(p, '\n', (size_t)(end - p) - 5);
        if (!p)
            return NULL;
        if (memcmp(p + 1, mark, 5) == 0)
            return p;
    }
    return NULL;
}

/* Passes over whatever follows bad framing, up to the next record's start. */
static void seek_next_record(decant_warc_reader *r)
{
    const char *mark = r->format == FORMAT_ARC ? "http:" : "WARC/";
    for (;;) {
        size_t have = dc_stream_avail(&r->s, 6);
        const char *s = (const char *)r->s.out + r->s.out_pos;
        const char *p = find_record_start(s, have, mark);
        if (p) {
            r->s.out_pos += (size_t)(p - s) + 1;
            return;
        }
        /* Keep a tail that may be the start of a split "\nWARC/". */
        size_t keep = have < 5 ? have : 5;
        r->s.out_pos += have - keep;
        if (!dc_stream_fill(&r->s)) {
            r->s.out_pos = r->s.out_len;
            return;
        }
    }
}

/* The record separator is CRLF CRLF; take any run of line ends. */
static void skip_line_ends(decant_warc_reader *r)
{
    while (dc_stream_avail(&r->s, 1) > 0) {
        unsigned char c = r->s.out[r->s.out_pos];
        if (c != '\r' && c != '\n')
            return;
        r->s.out_pos++;
    }
}

/* The end of the archive, with the stream's failure if one is pending. */
static decant_status at_end(decant_warc_reader *r, decant_error *err)
{
    r->finished = 1;
    if (r->s.fail_code && !r->fail_reported) {
        r->fail_reported = 1;
        return dc_warc_fail(err, r->s.fail_code, r->s.fail_pos, "%s", r->s.fail_msg);
    }
    return dc_warc_fail(err, DECANT_ERR_EMPTY, dc_stream_tell(&r->s), "end of archive");
}

/* The data stops inside a record: at a break, after which reading goes on, or
 * at the end of the archive, with the stream's reason if it has one. */
static decant_status truncated(decant_warc_reader *r, uint64_t start, const char *what,
                               decant_error *err)
{
    if (r->s.brk) {
        r->s.brk = 0;
        return dc_warc_fail(err, DECANT_ERR_GZIP, r->s.brk_pos, "%s", r->s.brk_msg);
    }
    r->finished = 1;
    if (r->s.fail_code) {
        r->fail_reported = 1;
        return dc_warc_fail(err, r->s.fail_code, r->s.fail_pos, "%s", r->s.fail_msg);
    }
    return dc_warc_fail(err, DECANT_ERR_PARSE, start, "WARC record at offset %llu is truncated (%s)",
                     (unsigned long long)start, what);
}

/* Finds and copies the record header at the window's start; 0 when bad. */
static size_t read_header(decant_warc_reader *r, dc_warc_header *h, int *short_read)
{
    size_t end = 0, searched = 0;
    *short_read = 0;
    for (;;) {
        size_t have = r->s.out_len - r->s.out_pos;
        end = dc_header_end((const char *)r->s.out + r->s.out_pos, have, searched);
        if (end)
            break;
        searched = have;
        if (have >= DC_WARC_MAX_HEADER)
            return 0;
        if (!dc_stream_fill(&r->s)) {
            *short_read = 1;
            return 0;
        }
    }
    if (!dc_grow(r->alloc, (void **)&r->hdr, &r->hdr_cap, end + 1, 65536))
        return 0;
    memcpy(r->hdr, r->s.out + r->s.out_pos, end);
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
    int room = !response || dc_grow(r->alloc, (void **)&r->blk, &r->blk_cap, keep + 1, 65536);
    uint64_t got = dc_stream_take(&r->s, n, room ? r->blk : NULL, room ? keep : 0);
    if (got < n) {
        char what[96];
        snprintf(what, sizeof what, "Content-Length %llu, %llu bytes present",
                 (unsigned long long)n, (unsigned long long)got);
        return truncated(r, rec->offset, what, err);
    }
    if (!room)
        return dc_warc_fail(err, DECANT_ERR_NOMEM, rec->offset,
                         "out of memory for the record at offset %llu",
                         (unsigned long long)rec->offset);
    if (!response)
        return DECANT_OK;
    rec->skip = DECANT_WARC_HTML;
    decant_status st = dc_http_payload(&r->body, r->blk, keep, n > keep, rec);
    if (st != DECANT_OK)
        return dc_warc_fail(err, st, rec->offset, "out of memory for the record at offset %llu",
                         (unsigned long long)rec->offset);
    return DECANT_OK;
}

/* ------------------------------------------------------------- ARC */

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

/*
 * Parses an ARC header line (version 1: "URL IP-address Archive-date
 * Content-type Archive-length"; version 2 adds Result-code, Checksum,
 * Location, Offset and Filename before the length) into h, in place
 * (NUL-terminating the URL).  The date (YYYYMMDDhhmmss) goes to `date` as
 * WARC-Date writes it.  A URL with spaces in it, which some writers let
 * through, runs up to the field before the date.  Returns 0, or -1 when the
 * line is no ARC header.
 */
static int parse_arc_line(char *line, size_t n, dc_warc_header *h, char date[24])
{
    memset(h, 0, sizeof *h);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        n--;
    line[n] = '\0';
    size_t start[16], len[16], k = 0;
    for (size_t i = 0; i < n && k < 16;) {
        while (i < n && line[i] == ' ')
            i++;
        if (i >= n)
            break;
        start[k] = i;
        while (i < n && line[i] != ' ')
            i++;
        len[k] = i - start[k];
        k++;
    }
    if (k < 5)
        return -1;
    /* The date is the first field of 12 or 14 digits after the address. */
    size_t d = 2;
    while (d + 2 < k && !((len[d] == 14 || len[d] == 12) && all_digits(line + start[d], len[d])))
        d++;
    if (d + 2 >= k || !all_digits(line + start[k - 1], len[k - 1]))
        return -1;
    const char *t = line + start[d];
    snprintf(date, 24, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", t, t + 4, t + 6, t + 8, t + 10,
             len[d] == 14 ? t + 12 : "00");
    uint64_t v = 0;
    for (size_t i = 0; i < len[k - 1]; i++) {
        if (v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(line[start[k - 1] + i] - '0');
    }
    h->content_length = v;
    h->has_length = 1;
    line[start[d - 2] + len[d - 2]] = '\0'; /* the URL ends before the address */
    dc_field_sanitize(line);
    h->target_uri = line;
    h->date = date;
    h->type = !strncmp(line, "filedesc:", 9) ? "warcinfo"
              : !strncmp(line, "http:", 5) || !strncmp(line, "https:", 6) ? "response"
                                                                          : "resource";
    return 0;
}

/* An ARC record: a header line, then Archive-length bytes (for an HTTP URL,
 * the response as received), then a line end. */
static decant_status next_arc_record(decant_warc_reader *r, decant_warc_record *rec,
                                     uint64_t start, decant_error *err)
{
    size_t end;
    for (;;) {
        size_t have = r->s.out_len - r->s.out_pos;
        const char *s = (const char *)r->s.out + r->s.out_pos;
        const char *nl = memchr(s, '\n', have < ARC_MAX_LINE ? have : ARC_MAX_LINE);
        if (nl) {
            end = (size_t)(nl - s) + 1;
            break;
        }
        if (have >= ARC_MAX_LINE) {
            r->s.out_pos++;
            r->resync = 1;
            return dc_warc_fail(err, DECANT_ERR_PARSE, start, "bad ARC header at offset %llu",
                                (unsigned long long)start);
        }
        if (!dc_stream_fill(&r->s))
            return truncated(r, start, "the archive ends in a header line", err);
    }
    dc_warc_header h;
    if (!dc_grow(r->alloc, (void **)&r->hdr, &r->hdr_cap, end + 1, 65536))
        return dc_warc_fail(err, DECANT_ERR_NOMEM, start, "out of memory");
    memcpy(r->hdr, r->s.out + r->s.out_pos, end);
    if (parse_arc_line(r->hdr, end, &h, r->arc_date) != 0) {
        r->s.out_pos += 1;
        r->resync = 1;
        return dc_warc_fail(err, DECANT_ERR_PARSE, start, "bad ARC header at offset %llu",
                            (unsigned long long)start);
    }
    r->s.out_pos += end;
    fill_record(&h, start, end, rec);
    return read_block(r, &h, rec, err);
}

/* ----------------------------------------------------------- records */

static decant_status next_record(decant_warc_reader *r, decant_warc_record *rec,
                                 decant_error *err)
{
    if (r->resync) {
        r->resync = 0;
        seek_next_record(r);
    }
    skip_line_ends(r);
    size_t have = dc_stream_avail(&r->s, 11);
    uint64_t start = dc_stream_file_offset(&r->s, dc_stream_here(&r->s));
    if (have == 0)
        return r->s.brk ? truncated(r, start, "", err) : at_end(r, err);
    /* An ARC file (the Internet Archive's format, Common Crawl's before
     * 2013) starts with its "filedesc://" record. */
    if (r->format == FORMAT_UNKNOWN)
        r->format = have >= 11 && !memcmp(r->s.out + r->s.out_pos, "filedesc://", 11) ? FORMAT_ARC
                                                                                    : FORMAT_WARC;
    if (r->format == FORMAT_ARC)
        return next_arc_record(r, rec, start, err);
    if (have < 5 || memcmp(r->s.out + r->s.out_pos, "WARC/", 5) != 0) {
        if (have < 5 && (r->s.src_done || r->s.brk))
            return truncated(r, start, "the archive ends in a header", err);
        r->resync = 1;
        return dc_warc_fail(err, DECANT_ERR_PARSE, start,
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
        r->s.out_pos += 5;
        r->resync = 1;
        return dc_warc_fail(err, DECANT_ERR_PARSE, start,
                         "bad WARC header at offset %llu%s", (unsigned long long)start,
                         hlen ? " (no valid Content-Length)" : "");
    }
    r->s.out_pos += hlen;
    fill_record(&h, start, hlen, rec);
    return read_block(r, &h, rec, err);
}

decant_status decant_warc_next(decant_warc_reader *r, decant_warc_record *rec,
                               decant_error *err)
{
    if (!r || !rec)
        return dc_warc_fail(err, DECANT_ERR_INVALID, 0, "reader or record is NULL");
    memset(rec, 0, sizeof *rec);
    if (r->finished)
        return at_end(r, err);
    return next_record(r, rec, err);
}
