/*
 * record.c — the rules for records that are not about one article: the id
 * of a record about a whole file, and why an archive record is skipped.
 * The CLI and the Python module both print such records; keeping their
 * rules here keeps the two in step.
 */
#include <stdio.h>
#include <string.h>

#include "decant.h"
#include "text.h"

/* Length of s[0..n) without `suffix` (any case), or n when it lacks it. */
static size_t strip_suffix(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    if (n > k && dc_eq_ci(s + n - k, k, suffix, k))
        return n - k;
    return n;
}

/* Without .gz or .zst and then .warc; n when it is not an archive's name. */
static size_t warc_stem(const char *s, size_t n)
{
    size_t m = strip_suffix(s, n, ".gz");
    if (m == n)
        m = strip_suffix(s, n, ".zst");
    size_t k = strip_suffix(s, m, ".warc");
    return k != m ? k : n;
}

/* Without .gz and then .html or .htm. */
static size_t page_stem(const char *s, size_t n)
{
    n = strip_suffix(s, n, ".gz");
    size_t m = strip_suffix(s, n, ".html");
    return m != n ? m : strip_suffix(s, n, ".htm");
}

size_t decant_record_id(const char *path, char *out, size_t size)
{
    if (!path)
        path = "";
    const char *slash = strrchr(path, '/');
    const char *base = slash && slash[1] ? slash + 1 : path;
    size_t len = strlen(base);
    size_t n = warc_stem(base, len);
    if (n == len)
        n = page_stem(base, len);
    if (size) {
        size_t k = n < size - 1 ? n : size - 1;
        memcpy(out, base, k);
        out[k] = '\0';
    }
    return n;
}

static decant_status skipped(decant_error *err, decant_status code, const char *fmt, const char *arg)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = code;
        snprintf(err->detail, sizeof err->detail, fmt, arg);
        err->message = err->detail;
    }
    return code;
}

decant_status decant_warc_skip_error(const decant_warc_record *rec, decant_error *err)
{
    char num[16];
    if (!rec)
        return skipped(err, DECANT_ERR_INVALID, "%s", "no record");
    switch (rec->skip) {
    case DECANT_WARC_HTML:
        if (err)
            memset(err, 0, sizeof *err);
        return DECANT_OK;
    case DECANT_WARC_SKIP_NOT_RESPONSE:
        return skipped(err, DECANT_ERR_NOT_HTML, "skipped: a %s record",
                       rec->type ? rec->type : "untyped");
    case DECANT_WARC_SKIP_NOT_HTTP:
        return skipped(err, DECANT_ERR_NOT_HTML, "skipped: %s", "no HTTP response in the record");
    case DECANT_WARC_SKIP_STATUS:
        snprintf(num, sizeof num, "%d", rec->http_status);
        return skipped(err, DECANT_ERR_NOT_HTML, "skipped: HTTP status %s", num);
    case DECANT_WARC_SKIP_NOT_HTML:
        return skipped(err, DECANT_ERR_NOT_HTML, "skipped: Content-Type %s",
                       rec->content_type ? rec->content_type : "(none), and not HTML by its bytes");
    case DECANT_WARC_SKIP_TOO_LARGE:
        return skipped(err, DECANT_ERR_TOO_LARGE, "skipped: %s", "payload larger than --max-bytes");
    case DECANT_WARC_SKIP_ENCODING:
        return skipped(err, DECANT_ERR_DECODE, "skipped: %s",
                       "unsupported or corrupt Transfer-Encoding or Content-Encoding");
    default:
        return skipped(err, DECANT_ERR_EMPTY, "skipped: %s", "empty payload");
    }
}
