/*
 * fuzz_warc.c — the web-archive reader over a whole (plain, gzip or zstd)
 * archive held in memory, WARC or ARC (its seeds start with "filedesc://",
 * fuzz/warc.dict has both formats' tokens): framing, lying Content-Lengths,
 * ARC header lines, HTTP heads, chunking, Content-Encoding whether it tells
 * the truth or not.  The input is handed over as the reader's "prefix" with
 * /dev/null behind it, so no file is written.  The loop must end (each call
 * returns a record or makes progress) and every record must be consistent;
 * each HTML payload also goes through extraction, as the CLI does.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decant.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int devnull = -1;
    static decant_extractor *ex;
    if (devnull < 0) {
        devnull = open("/dev/null", O_RDONLY);
        if (devnull < 0 || decant_extractor_new(NULL, &ex, NULL) != DECANT_OK)
            abort();
    }
    decant_options o;
    decant_options_init(&o);
    o.max_input_bytes = (size_t)1 << 20;
    decant_warc_reader *r = NULL;
    decant_error err;
    if (decant_warc_open_fd(devnull, data, size, &o, &r, &err) != DECANT_OK)
        return 0;
    decant_warc_record rec;
    decant_status st;
    uint64_t last = 0;
    /* Each call consumes input or ends the archive; more calls than input
     * bytes (plus slack for records decompressed from few bytes) means a
     * loop that does not progress. */
    size_t calls = 0, max_calls = 64 + 4 * size;
    while ((st = decant_warc_next(r, &rec, &err)) != DECANT_ERR_EMPTY) {
        if (++calls > max_calls)
            abort();
        uint64_t now = decant_warc_tell(r);
        if (now < last)
            abort();
        last = now;
        if (st != DECANT_OK) {
            if (!err.message)
                abort();
            continue;
        }
        if ((unsigned)rec.skip >= DECANT_WARC_SKIP_COUNT || !decant_warc_skip_name(rec.skip))
            abort();
        if (rec.skip != DECANT_WARC_HTML)
            continue;
        if (rec.payload_size > o.max_input_bytes || (rec.payload_size && !rec.payload))
            abort();
        decant_input in = {rec.payload, rec.payload_size, rec.target_uri, rec.content_type};
        decant_article *a = NULL;
        if (rec.payload_size)
            decant_extract(ex, &in, &a, NULL);
        decant_article_free(a);
    }
    decant_warc_close(r);
    return 0;
}
