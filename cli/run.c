/*
 * run.c — extracts the pages, in parallel when asked, and writes the results
 * strictly in input order.
 *
 * One producer walks the inputs in order and turns them into tasks: a page
 * file (read later by the worker that takes it) or one record of a WARC
 * archive (its payload copied out of the reader, which must stay on one
 * thread).  Tasks go into a ring; workers extract them; the main thread is
 * the only writer and takes them in sequence.  So the output does not depend
 * on the number of threads or on scheduling, stdio is never shared, and
 * memory is bounded by the ring's length and by the bytes it may hold,
 * however long the archive.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* How far the producer may run ahead of the writer, per worker: enough for
 * the other workers to keep going while one chews on a 5 MB page, small
 * enough to bound the memory held by tasks. */
#define CLI_AHEAD_PER_WORKER 8
/* Payload bytes waiting in the ring at most (one larger task is let in
 * alone, so that nothing stalls). */
#define CLI_INFLIGHT_BYTES ((size_t)8 << 20)

typedef enum task_kind {
    TASK_PAGE,       /* a page file, read by the worker                */
    TASK_WARC_PAGE,  /* an HTML response from an archive               */
    TASK_WARC_SKIP,  /* a record that is not a page (--all-records)    */
    TASK_WARC_ERROR  /* a stretch of an archive that could not be read */
} task_kind;

typedef struct task {
    task_kind kind;
    cli_job *input;
    const char *id;
    char *data;                /* TASK_WARC_PAGE: the payload           */
    size_t len;
    size_t weight;             /* bytes it holds or will read           */
    char *strings;             /* owns the strings below                */
    const char *content_type;
    decant_warc_info warc;

    decant_buffer record;      /* jsonl output                          */
    decant_article *article;   /* text/markdown/html output             */
    decant_error err;
    int failed;                /* err holds the task's error            */
    int read_ok;               /* TASK_PAGE: the file could be read     */
    int finished;              /* guarded by the runner's lock          */
} task;

typedef struct runner {
    const cli_config *cfg;
    cli_joblist *list;
    FILE *out;
    int headers;               /* text/markdown/html: name each page    */
    cli_stats *stats;          /* the writer's counts                   */
    cli_stats fed;             /* the producer's counts                 */
    cli_progress *progress;
    decant_extractor *serial;  /* set when running without threads      */

    pthread_mutex_t lock;
    pthread_cond_t work;       /* a task was queued; workers wait on it */
    pthread_cond_t done;       /* a task finished; the writer waits     */
    pthread_cond_t room;       /* the writer moved on; the producer waits */
    task *ring;
    size_t cap;
    uint64_t produced, claimed, written;
    size_t inflight;           /* weight of the tasks in the ring       */
    uint64_t bytes_read;       /* input consumed, for the progress line */
    int fed_all;               /* the producer is done                  */
    int stop;                  /* output failed: do nothing more        */
} runner;

typedef struct worker {
    runner *r;
    decant_extractor *ex;
    pthread_t thread;
} worker;

static void task_free(task *t)
{
    free(t->data);
    free(t->strings);
    decant_buffer_free(&t->record);
    decant_article_free(t->article);
    memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------------ one task */

static void set_read_error(decant_error *err, int errnum)
{
    char text[128];
    cli_errno_text(errnum, text, sizeof text);
    memset(err, 0, sizeof *err);
    err->code = DECANT_ERR_INVALID;
    snprintf(err->detail, sizeof err->detail, "cannot read: %s", text);
    err->message = err->detail;
}

/* Reads a page's bytes; returns 0 or an errno value. */
static int load(const runner *r, cli_job *job, char **data, size_t *len)
{
    if (job->preset_errno)
        return job->preset_errno;
    if (job->is_stdin) {
        *data = job->preread;
        *len = job->preread_len;
        job->preread = NULL;
        return 0;
    }
    return cli_read_path(job->path, cli_read_cap(&r->cfg->opts), data, len);
}

/* The library's body format for --format or --body (text for jsonl). */
static decant_body_format body_format(cli_format f)
{
    if (f == CLI_FORMAT_MARKDOWN)
        return DECANT_BODY_MARKDOWN;
    return f == CLI_FORMAT_HTML ? DECANT_BODY_HTML : DECANT_BODY_TEXT;
}

/* A record must never be lost: if the full one cannot be built, fall back to
 * one without the article, which needs far less memory. */
static void render_record(const runner *r, task *t)
{
    int warc = t->kind != TASK_PAGE;
    decant_record_info info = {t->id, t->input->path, warc ? NULL : r->cfg->url,
                               warc ? &t->warc : NULL};
    const decant_error *err = t->failed ? &t->err : NULL;
    if (decant_record_json(t->article, err, &info, body_format(r->cfg->body), &t->record) == DECANT_OK)
        return;
    decant_buffer_free(&t->record);
    memset(&t->record, 0, sizeof t->record);
    if (!t->failed) {
        memset(&t->err, 0, sizeof t->err);
        t->err.code = DECANT_ERR_NOMEM;
        t->err.message = decant_strerror(DECANT_ERR_NOMEM);
        t->failed = 1;
    }
    if (decant_record_json(NULL, &t->err, &info, DECANT_BODY_TEXT, &t->record) != DECANT_OK) {
        decant_buffer_free(&t->record);
        memset(&t->record, 0, sizeof t->record);
    }
}

static void extract(decant_extractor *ex, task *t, const decant_input *in)
{
    decant_status st = decant_extract(ex, in, &t->article, &t->err);
    t->failed = st != DECANT_OK;
    /* The record's "error" is keyed off err.code, so it must agree with st. */
    if (t->failed && (t->err.code != st || !t->err.message)) {
        t->err.code = st;
        t->err.message = decant_strerror(st);
    }
}

static void process_page(const runner *r, decant_extractor *ex, task *t)
{
    char *data = NULL;
    size_t len = 0;
    memset(&t->err, 0, sizeof t->err);
    int e = load(r, t->input, &data, &len);
    if (e) {
        set_read_error(&t->err, e);
        t->failed = 1;
    } else {
        t->read_ok = 1;
        decant_input in = {data, len, r->cfg->url, r->cfg->content_type};
        extract(ex, t, &in);
    }
    free(data);
}

static void process(const runner *r, decant_extractor *ex, task *t)
{
    if (t->kind == TASK_PAGE) {
        process_page(r, ex, t);
    } else if (t->kind == TASK_WARC_PAGE) {
        memset(&t->err, 0, sizeof t->err);
        decant_input in = {t->data, t->len, t->warc.target_uri, t->content_type};
        extract(ex, t, &in);
        free(t->data);
        t->data = NULL;
    }
    if (r->cfg->format == CLI_FORMAT_JSONL) {
        render_record(r, t);
        decant_article_free(t->article);
        t->article = NULL;
    }
}

/* ------------------------------------------------------------- writing */

static void write_body(const runner *r, const task *t)
{
    int html = r->cfg->format == CLI_FORMAT_HTML;
    if (r->headers)
        fprintf(r->out, html ? "%s<!-- ==> %s <== -->\n" : "%s==> %s <==\n", r->stats->written ? "\n" : "",
                t->id ? t->id : "-");
    if (!t->article)
        return;
    size_t len = 0;
    const char *body = decant_article_body(t->article, body_format(r->cfg->format), &len);
    if (!body)
        body = decant_article_body(t->article, DECANT_BODY_TEXT, &len);
    if (!body || len == 0)
        return;
    fwrite(body, 1, len, r->out);
    if (body[len - 1] != '\n')
        fputc('\n', r->out);
}

static void count(cli_stats *s, const task *t)
{
    if (t->kind == TASK_PAGE) {
        s->pages += t->read_ok;
        s->readable += t->read_ok;
    }
    if (t->kind == TASK_WARC_SKIP)
        return;
    if (!t->failed)
        s->extracted++;
    else if ((unsigned)t->err.code < sizeof s->errors / sizeof s->errors[0])
        s->errors[t->err.code]++;
    else
        s->errors_other++;
}

/* Archive records fail by the thousand; only whole files are worth a line. */
static void report(const runner *r, const task *t)
{
    if (r->cfg->quiet || !t->failed || (t->kind != TASK_PAGE && t->kind != TASK_WARC_ERROR))
        return;
    cli_progress_clear(r->progress);
    fprintf(stderr, "decant: %s: %s\n", t->input->path, t->err.message);
}

/* Returns 0 once the output has failed, which makes further work pointless. */
static int write_task(runner *r, task *t)
{
    report(r, t);
    if (r->cfg->format == CLI_FORMAT_JSONL)
        fwrite(t->record.data ? t->record.data : "", 1, t->record.len, r->out);
    else
        write_body(r, t);
    count(r->stats, t);
    r->stats->written++;
    task_free(t);
    return !ferror(r->out);
}

/* ------------------------------------------------------------ producing */

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

static void set_error(decant_error *err, decant_status code, const char *fmt, const char *arg)
{
    memset(err, 0, sizeof *err);
    err->code = code;
    snprintf(err->detail, sizeof err->detail, fmt, arg);
    err->message = err->detail;
}

/* Hands a task on: into the ring, or straight through without threads.
 * Returns 0 when the run is stopping. */
static int emit(runner *r, task *t, uint64_t bytes_read)
{
    if (r->serial) {
        r->bytes_read = bytes_read;
        process(r, r->serial, t);
        int ok = write_task(r, t);
        cli_progress_update(r->progress, r->stats->written, r->bytes_read);
        return ok;
    }
    pthread_mutex_lock(&r->lock);
    while (!r->stop && (r->produced - r->written >= r->cap ||
                        (r->inflight > 0 && r->inflight + t->weight > CLI_INFLIGHT_BYTES)))
        pthread_cond_wait(&r->room, &r->lock);
    int ok = !r->stop;
    if (ok) {
        task *slot = &r->ring[r->produced % r->cap];
        *slot = *t;
        /* The message may point into the copy's own detail buffer. */
        if (t->err.message == t->err.detail)
            slot->err.message = slot->err.detail;
        r->produced++;
        r->inflight += t->weight;
        r->bytes_read = bytes_read;
        pthread_cond_signal(&r->work);
    } else {
        task_free(t);
    }
    pthread_mutex_unlock(&r->lock);
    return ok;
}

static int feed_page(runner *r, cli_job *in, uint64_t base)
{
    task t = {.kind = TASK_PAGE, .input = in, .id = in->id, .weight = (size_t)in->size};
    return emit(r, &t, base + in->size);
}

static int feed_warc_error(runner *r, cli_job *in, const decant_error *err, uint64_t read)
{
    task t = {.kind = TASK_WARC_ERROR, .input = in, .id = in->id, .failed = 1};
    t.err = *err;
    if (!t.err.message)
        t.err.message = decant_strerror(t.err.code);
    else if (err->message == err->detail)
        t.err.message = t.err.detail;
    t.warc.file = in->path;
    t.warc.offset = err->position;
    return emit(r, &t, read);
}

static void skip_message(const decant_warc_record *rec, decant_error *err)
{
    char num[16];
    switch (rec->skip) {
    case DECANT_WARC_SKIP_NOT_RESPONSE:
        set_error(err, DECANT_ERR_NOT_HTML, "skipped: a %s record", rec->type ? rec->type : "untyped");
        break;
    case DECANT_WARC_SKIP_NOT_HTTP:
        set_error(err, DECANT_ERR_NOT_HTML, "skipped: %s", "no HTTP response in the record");
        break;
    case DECANT_WARC_SKIP_STATUS:
        snprintf(num, sizeof num, "%d", rec->http_status);
        set_error(err, DECANT_ERR_NOT_HTML, "skipped: HTTP status %s", num);
        break;
    case DECANT_WARC_SKIP_NOT_HTML:
        set_error(err, DECANT_ERR_NOT_HTML, "skipped: Content-Type %s",
                  rec->content_type ? rec->content_type : "(none), and not HTML by its bytes");
        break;
    case DECANT_WARC_SKIP_TOO_LARGE:
        set_error(err, DECANT_ERR_TOO_LARGE, "skipped: %s", "payload larger than --max-bytes");
        break;
    case DECANT_WARC_SKIP_ENCODING:
        set_error(err, DECANT_ERR_DECODE, "skipped: %s",
                  "unsupported or corrupt Transfer-Encoding or Content-Encoding");
        break;
    default:
        set_error(err, DECANT_ERR_EMPTY, "skipped: %s", "empty payload");
        break;
    }
}

/* One task per page of the archive, and per skipped record if asked for. */
static int feed_record(runner *r, cli_job *in, const decant_warc_record *rec, uint64_t read)
{
    r->fed.records++;
    if (rec->skip != DECANT_WARC_HTML) {
        r->fed.skipped[rec->skip]++;
        if (!r->cfg->all_records)
            return 1;
    }
    task t = {.input = in};
    const char *s[4] = {rec->record_id, rec->target_uri, rec->date, rec->content_type};
    t.strings = pack(s, 4);
    if (t.strings) {
        t.id = t.warc.record_id = s[0];
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
            set_error(&t.err, DECANT_ERR_NOMEM, "%s", "out of memory copying the page");
        }
    } else {
        t.kind = TASK_WARC_SKIP;
        t.failed = 1;
        t.warc.skip = decant_warc_skip_name(rec->skip);
        skip_message(rec, &t.err);
    }
    if (!t.id)
        t.id = in->id;
    return emit(r, &t, read);
}

static decant_status open_warc(cli_job *in, const decant_options *opts,
                               decant_warc_reader **rd, decant_error *err)
{
    if (in->preset_errno) {
        set_read_error(err, in->preset_errno);
        return DECANT_ERR_INVALID;
    }
    if (in->is_stdin)
        return decant_warc_open_fd(0, in->preread, in->preread_len, opts, rd, err);
    return decant_warc_open(in->path, opts, rd, err);
}

static int feed_warc(runner *r, cli_job *in, uint64_t base)
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

static void feed_all(runner *r)
{
    uint64_t base = 0;
    for (size_t i = 0; i < r->list->count; i++) {
        cli_job *in = &r->list->jobs[i];
        int ok = in->is_warc ? feed_warc(r, in, base) : feed_page(r, in, base);
        if (!ok)
            break;
        base += in->size;
    }
    if (r->serial)
        return;
    pthread_mutex_lock(&r->lock);
    r->fed_all = 1;
    pthread_cond_broadcast(&r->work);
    pthread_cond_broadcast(&r->done);
    pthread_mutex_unlock(&r->lock);
}

static void *producer_main(void *arg)
{
    feed_all(arg);
    return NULL;
}

/* ------------------------------------------------------------ parallel */

/* Returns the claimed task, or NULL when there will be none. */
static task *claim(runner *r)
{
    pthread_mutex_lock(&r->lock);
    while (!r->stop && r->claimed == r->produced && !r->fed_all)
        pthread_cond_wait(&r->work, &r->lock);
    task *t = NULL;
    if (!r->stop && r->claimed < r->produced)
        t = &r->ring[r->claimed++ % r->cap];
    pthread_mutex_unlock(&r->lock);
    return t;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    runner *r = w->r;
    task *t;
    while ((t = claim(r)) != NULL) {
        process(r, w->ex, t);
        pthread_mutex_lock(&r->lock);
        t->finished = 1;
        pthread_cond_signal(&r->done);
        pthread_mutex_unlock(&r->lock);
    }
    return NULL;
}

/* Waits for the next task in sequence; NULL when the producer is done. */
static task *next_finished(runner *r, uint64_t *bytes_read)
{
    pthread_mutex_lock(&r->lock);
    task *t = NULL;
    for (;;) {
        if (r->written < r->produced && r->ring[r->written % r->cap].finished) {
            t = &r->ring[r->written % r->cap];
            break;
        }
        if (r->written == r->produced && r->fed_all)
            break;
        pthread_cond_wait(&r->done, &r->lock);
    }
    *bytes_read = r->bytes_read;
    pthread_mutex_unlock(&r->lock);
    return t;
}

static int write_in_order(runner *r)
{
    int ok = 1;
    task *t;
    uint64_t bytes_read;
    while (ok && (t = next_finished(r, &bytes_read)) != NULL) {
        size_t weight = t->weight;
        ok = write_task(r, t);
        cli_progress_update(r->progress, r->stats->written, bytes_read);
        pthread_mutex_lock(&r->lock);
        r->written++;
        r->inflight -= weight;
        if (!ok) {
            r->stop = 1;
            pthread_cond_broadcast(&r->work);
        }
        pthread_cond_broadcast(&r->room);
        pthread_mutex_unlock(&r->lock);
    }
    return ok;
}

static unsigned start_workers(runner *r, worker *w, unsigned n)
{
    unsigned started = 0;
    for (; started < n; started++) {
        w[started].r = r;
        if (pthread_create(&w[started].thread, NULL, worker_main, &w[started]) != 0)
            break;
    }
    return started;
}

/* Stops the workers (and the producer, if running) without writing more. */
static void halt(runner *r)
{
    pthread_mutex_lock(&r->lock);
    r->stop = 1;
    r->fed_all = 1;
    pthread_cond_broadcast(&r->work);
    pthread_cond_broadcast(&r->room);
    pthread_mutex_unlock(&r->lock);
}

/* Returns 1, 0 when the output failed, or -1 when no thread could start
 * (before anything was consumed, so the caller can run serially instead). */
static int run_threads(runner *r, worker *w, unsigned n)
{
    unsigned started = start_workers(r, w, n);
    if (started == 0)
        return -1;
    pthread_t producer;
    int ok = -1;
    if (pthread_create(&producer, NULL, producer_main, r) != 0) {
        halt(r);
    } else {
        ok = write_in_order(r);
        if (!ok)
            halt(r);
        pthread_join(producer, NULL);
    }
    for (unsigned i = 0; i < started; i++)
        pthread_join(w[i].thread, NULL);
    /* After a failed write, tasks may remain in the ring. */
    for (; r->written < r->produced; r->written++)
        task_free(&r->ring[r->written % r->cap]);
    return ok;
}

static int run_parallel(runner *r, worker *w, unsigned n)
{
    r->cap = (size_t)n * CLI_AHEAD_PER_WORKER;
    r->ring = calloc(r->cap, sizeof *r->ring);
    if (!r->ring)
        return -1;
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->work, NULL);
    pthread_cond_init(&r->done, NULL);
    pthread_cond_init(&r->room, NULL);
    int ok = run_threads(r, w, n);
    pthread_cond_destroy(&r->room);
    pthread_cond_destroy(&r->done);
    pthread_cond_destroy(&r->work);
    pthread_mutex_destroy(&r->lock);
    free(r->ring);
    r->ring = NULL;
    return ok;
}

/* -------------------------------------------------------------- driver */

/* Fewer extractors than asked for is fine; none at all is not. */
static unsigned make_extractors(const cli_config *cfg, worker *w, unsigned n)
{
    unsigned made = 0;
    decant_error err = {0};
    for (; made < n; made++) {
        if (decant_extractor_new(&cfg->opts, &w[made].ex, &err) != DECANT_OK)
            break;
    }
    if (made == 0)
        cli_error("cannot create an extractor: %s",
                  err.message ? err.message : decant_strerror(err.code));
    return made;
}

static int run_serial(runner *r, decant_extractor *ex)
{
    r->serial = ex;
    r->stop = 0;
    feed_all(r);
    return !ferror(r->out);
}

static void merge_fed(cli_stats *s, const cli_stats *fed)
{
    s->records += fed->records;
    s->warc_files += fed->warc_files;
    s->readable += fed->readable;
    for (size_t i = 0; i < DECANT_WARC_SKIP_COUNT; i++)
        s->skipped[i] += fed->skipped[i];
}

static int any_warc(const cli_joblist *list)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->jobs[i].is_warc)
            return 1;
    return 0;
}

/* Returns 0 on success, 1 when the run could not be carried out. */
int cli_run(const cli_config *cfg, cli_joblist *list, FILE *out, cli_stats *stats)
{
    unsigned n = cfg->jobs;
    /* Pages alone never need more workers than there are pages. */
    if (!any_warc(list) && n > list->count)
        n = list->count ? (unsigned)list->count : 1;
    worker *w = calloc(n, sizeof *w);
    if (!w) {
        cli_error("out of memory");
        return 1;
    }
    runner r = {.cfg = cfg, .list = list, .out = out, .stats = stats};
    r.headers = cfg->format != CLI_FORMAT_JSONL && (list->count > 1 || any_warc(list));
    for (size_t i = 0; i < list->count; i++)
        stats->bytes_total += list->jobs[i].size;
    stats->inputs = list->count;
    r.progress = cli_progress_new(cfg, stats->bytes_total);
    double t0 = cli_now();
    unsigned made = make_extractors(cfg, w, n);
    int ok = 0;
    if (made > 1)
        ok = run_parallel(&r, w, made);
    if (made == 1 || (made > 1 && ok < 0))
        ok = run_serial(&r, w[0].ex);
    stats->seconds = cli_now() - t0;
    stats->bytes_read = r.bytes_read;
    merge_fed(stats, &r.fed);
    cli_progress_free(r.progress);
    for (unsigned i = 0; i < made; i++)
        decant_extractor_free(w[i].ex);
    free(w);
    /* A failed write is reported by the caller, which owns the stream. */
    return made && ok > 0 ? 0 : 1;
}
