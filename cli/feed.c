/*
 * feed.c — the producer: walks the inputs in order and turns them into
 * tasks, a page file (read later by the worker that takes it) or one record
 * of a WARC archive (its payload copied out of the reader, which must stay
 * on one thread), and counts the archives' records as they pass.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

/* Copies `n` optional strings into one block; NULLs stay NULL. */
static char *pack(const char **s, size_t n)
{
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total += s[i] ? strlen(s[i]) + 1 : 0;
    char *block = malloc(total);
    char *p = block;
    for (size_t i = 0; block && i < n; i++) {
        if (!s[i])
            continue;
        size_t k = strlen(s[i]) + 1;
        memcpy(p, s[i], k);
        s[i] = p;
        p += k;
    }
    return block;
}

static int feed_page(cli_runner *r, cli_job *in, uint64_t base)
{
    cli_task t = {.kind = TASK_PAGE, .input = in, .id = in->id, .weight = (size_t)in->size};
    return cli_emit(r, &t, base + in->size);
}

static int feed_warc_error(cli_runner *r, cli_job *in, const decant_error *err, uint64_t read)
{
    cli_task t = {.kind = TASK_WARC_ERROR, .input = in, .id = in->id};
    cli_task_fail(&t, err);
    t.warc.file = in->path;
    t.warc.offset = err->position;
    return cli_emit(r, &t, read);
}

/* One task per page of the archive, and per skipped record if asked for. */
static int feed_record(cli_runner *r, cli_job *in, const decant_warc_record *rec, uint64_t read)
{
    r->fed.records++;
    if (rec->skip != DECANT_WARC_HTML) {
        r->fed.skipped[rec->skip]++;
        if (!r->cfg->all_records)
            return 1;
    }
    cli_task t = {.input = in};
    /* An ARC record has no record id: the file and the record's offset name
     * it, as a CDX index does. */
    char where[512] = "";
    if (!rec->record_id)
        snprintf(where, sizeof where, "%.480s@%llu", in->id ? in->id : "-",
                 (unsigned long long)rec->offset);
    const char *s[5] = {rec->record_id, rec->target_uri, rec->date, rec->content_type,
                        where[0] ? where : NULL};
    t.strings = pack(s, 5);
    if (t.strings) {
        t.warc.record_id = s[0];
        t.id = s[0] ? s[0] : s[4];
        t.warc.target_uri = s[1];
        t.warc.date = s[2];
        t.content_type = s[3];
    }
    t.warc.file = in->path;
    t.warc.offset = rec->offset;
    if (rec->skip == DECANT_WARC_HTML) {
        t.kind = TASK_WARC_PAGE;
        t.data = malloc(rec->payload_size);
        if (t.data && t.strings) {
            memcpy(t.data, rec->payload, rec->payload_size);
            t.len = t.weight = rec->payload_size;
        } else {
            t.kind = TASK_WARC_ERROR;
            t.failed = 1;
            t.err.code = DECANT_ERR_NOMEM;
            t.err.message = "out of memory copying the page";
        }
    } else {
        t.kind = TASK_WARC_SKIP;
        t.failed = 1;
        t.warc.skip = decant_warc_skip_name(rec->skip);
        decant_warc_skip_error(rec, &t.err);
    }
    if (!t.id)
        t.id = in->id;
    return cli_emit(r, &t, read);
}

static decant_status open_warc(cli_job *in, const decant_options *opts,
                               decant_warc_reader **rd, decant_error *err)
{
    if (in->preset_errno) {
        cli_set_read_error(err, in->preset_errno);
        return DECANT_ERR_INVALID;
    }
    if (in->is_stdin)
        return decant_warc_open_fd(0, in->preread, in->preread_len, opts, rd, err);
    return decant_warc_open(in->path, opts, rd, err);
}

static int feed_warc(cli_runner *r, cli_job *in, uint64_t base)
{
    decant_warc_reader *rd = NULL;
    decant_error err = {0};
    if (open_warc(in, &r->cfg->opts, &rd, &err) != DECANT_OK)
        return feed_warc_error(r, in, &err, base + in->size);
    r->fed.warc_files++;
    r->fed.readable++;
    int ok = 1;
    decant_warc_record rec;
    for (;;) {
        decant_status st = decant_warc_next(rd, &rec, &err);
        uint64_t read = base + decant_warc_tell(rd);
        if (st == DECANT_ERR_EMPTY)
            break;
        ok = st == DECANT_OK ? feed_record(r, in, &rec, read) : feed_warc_error(r, in, &err, read);
        if (!ok)
            break;
    }
    decant_warc_close(rd);
    return ok;
}

void cli_feed(cli_runner *r)
{
    uint64_t base = 0;
    cli_fetching *fx = cli_fetch_begin(r);
    for (size_t i = 0; i < r->list->count; i++) {
        cli_job *in = &r->list->jobs[i];
        int ok = in->fetch    ? cli_feed_url(r, fx, i, base)
                 : in->is_warc ? feed_warc(r, in, base)
                               : feed_page(r, in, base);
        if (!ok)
            break;
        base += in->size;
    }
    cli_fetch_end(fx);
}
