/*
 * run.c — extracts the pages, in parallel when asked, and writes the results
 * strictly in input order.
 *
 * Workers claim jobs through a shared index and leave each result in its
 * job; the main thread is the only writer.  So the output does not depend on
 * the number of threads or on scheduling, and stdio is never shared.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* How far workers may run ahead of the writer, per worker: enough to hide
 * one slow page, small enough to bound the memory held by results. */
#define CLI_AHEAD_PER_WORKER 4

typedef struct runner {
    const cli_config *cfg;
    cli_joblist *list;
    FILE *out;
    int headers;               /* text/markdown: name each page              */
    pthread_mutex_t lock;
    pthread_cond_t finished;   /* a job is done; the writer waits on it      */
    pthread_cond_t room;       /* the writer moved on; workers wait on it    */
    size_t next;               /* next job to claim                          */
    size_t written;            /* jobs before this one are written and freed */
    size_t window;
    int stop;                  /* output failed: claim nothing more          */
} runner;

typedef struct worker {
    runner *r;
    decant_extractor *ex;
    pthread_t thread;
} worker;

/* ------------------------------------------------------------ one page */

static void set_read_error(decant_error *err, int errnum)
{
    char text[128];
    cli_errno_text(errnum, text, sizeof text);
    memset(err, 0, sizeof *err);
    err->code = DECANT_ERR_INVALID;
    snprintf(err->detail, sizeof err->detail, "cannot read: %s", text);
    err->message = err->detail;
}

/* Reads the page's bytes; returns 0 or an errno value. */
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

/* A record must never be lost: if the full one cannot be built, fall back to
 * one without the article, which needs far less memory. */
static void render_record(const runner *r, cli_job *job)
{
    decant_record_info info = {job->id, job->path, r->cfg->url};
    const decant_error *err = job->failed ? &job->err : NULL;
    if (decant_record_json(job->article, err, &info, DECANT_BODY_TEXT, &job->record) ==
        DECANT_OK)
        return;
    decant_buffer_free(&job->record);
    memset(&job->record, 0, sizeof job->record);
    if (!job->failed) {
        memset(&job->err, 0, sizeof job->err);
        job->err.code = DECANT_ERR_NOMEM;
        job->err.message = decant_strerror(DECANT_ERR_NOMEM);
        job->failed = 1;
    }
    if (decant_record_json(NULL, &job->err, &info, DECANT_BODY_TEXT, &job->record) !=
        DECANT_OK) {
        decant_buffer_free(&job->record);
        memset(&job->record, 0, sizeof job->record);
    }
}

static void extract(const runner *r, decant_extractor *ex, cli_job *job, char *data,
                    size_t len)
{
    decant_input in = {data, len, r->cfg->url, r->cfg->content_type};
    decant_status st = decant_extract(ex, &in, &job->article, &job->err);
    job->failed = st != DECANT_OK;
    /* The record's "error" is keyed off err.code, so it must agree with st. */
    if (job->failed && (job->err.code != st || !job->err.message)) {
        job->err.code = st;
        job->err.message = decant_strerror(st);
    }
}

static void process(const runner *r, decant_extractor *ex, cli_job *job)
{
    char *data = NULL;
    size_t len = 0;
    memset(&job->err, 0, sizeof job->err);
    int e = load(r, job, &data, &len);
    if (e) {
        set_read_error(&job->err, e);
        job->failed = 1;
    } else {
        job->read_ok = 1;
        extract(r, ex, job, data, len);
    }
    free(data);
    if (r->cfg->format == CLI_FORMAT_JSONL) {
        render_record(r, job);
        decant_article_free(job->article);
        job->article = NULL;
    }
}

/* ------------------------------------------------------------- writing */

static void write_body(const runner *r, size_t index, const cli_job *job)
{
    if (r->headers)
        fprintf(r->out, "%s==> %s <==\n", index ? "\n" : "", job->id);
    if (!job->article)
        return;
    decant_body_format fmt =
        r->cfg->format == CLI_FORMAT_MARKDOWN ? DECANT_BODY_MARKDOWN : DECANT_BODY_TEXT;
    size_t len = 0;
    const char *body = decant_article_body(job->article, fmt, &len);
    if (!body)
        body = decant_article_body(job->article, DECANT_BODY_TEXT, &len);
    if (!body || len == 0)
        return;
    fwrite(body, 1, len, r->out);
    if (body[len - 1] != '\n')
        fputc('\n', r->out);
}

/* Returns 0 once the output has failed, which makes further work pointless. */
static int write_job(const runner *r, size_t index, cli_job *job)
{
    if (job->failed && !r->cfg->quiet)
        fprintf(stderr, "decant: %s: %s\n", job->path, job->err.message);
    if (r->cfg->format == CLI_FORMAT_JSONL)
        fwrite(job->record.data ? job->record.data : "", 1, job->record.len, r->out);
    else
        write_body(r, index, job);
    decant_buffer_free(&job->record);
    memset(&job->record, 0, sizeof job->record);
    decant_article_free(job->article);
    job->article = NULL;
    return !ferror(r->out);
}

/* ------------------------------------------------------------- serial */

static int run_serial(runner *r, decant_extractor *ex)
{
    for (size_t i = 0; i < r->list->count; i++) {
        process(r, ex, &r->list->jobs[i]);
        if (!write_job(r, i, &r->list->jobs[i]))
            return 0;
    }
    return 1;
}

/* ------------------------------------------------------------ parallel */

/* Returns the index of the claimed job, or SIZE_MAX when there is none. */
static size_t claim(runner *r)
{
    pthread_mutex_lock(&r->lock);
    while (!r->stop && r->next < r->list->count && r->next - r->written >= r->window)
        pthread_cond_wait(&r->room, &r->lock);
    size_t i = SIZE_MAX;
    if (!r->stop && r->next < r->list->count)
        i = r->next++;
    pthread_mutex_unlock(&r->lock);
    return i;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    runner *r = w->r;
    size_t i;
    while ((i = claim(r)) != SIZE_MAX) {
        process(r, w->ex, &r->list->jobs[i]);
        pthread_mutex_lock(&r->lock);
        r->list->jobs[i].finished = 1;
        pthread_cond_signal(&r->finished);
        pthread_mutex_unlock(&r->lock);
    }
    return NULL;
}

static int write_in_order(runner *r)
{
    int ok = 1;
    for (size_t i = 0; ok && i < r->list->count; i++) {
        cli_job *job = &r->list->jobs[i];
        pthread_mutex_lock(&r->lock);
        while (!job->finished)
            pthread_cond_wait(&r->finished, &r->lock);
        pthread_mutex_unlock(&r->lock);

        ok = write_job(r, i, job);

        pthread_mutex_lock(&r->lock);
        r->written = i + 1;
        r->stop = !ok;
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

static int run_parallel(runner *r, worker *w, unsigned n)
{
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->finished, NULL);
    pthread_cond_init(&r->room, NULL);
    r->window = (size_t)n * CLI_AHEAD_PER_WORKER;
    unsigned started = start_workers(r, w, n);
    int ok;
    if (started == 0) {
        ok = run_serial(r, w[0].ex);
    } else {
        ok = write_in_order(r);
        for (unsigned i = 0; i < started; i++)
            pthread_join(w[i].thread, NULL);
    }
    pthread_cond_destroy(&r->room);
    pthread_cond_destroy(&r->finished);
    pthread_mutex_destroy(&r->lock);
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

/* Returns 0 on success, 1 when the run could not be carried out. */
int cli_run(const cli_config *cfg, cli_joblist *list, FILE *out)
{
    unsigned n = cfg->jobs;
    if (n > list->count)
        n = list->count ? (unsigned)list->count : 1;
    worker *w = calloc(n, sizeof *w);
    if (!w) {
        cli_error("out of memory");
        return 1;
    }
    runner r = {.cfg = cfg, .list = list, .out = out};
    r.headers = cfg->format != CLI_FORMAT_JSONL && list->count > 1;
    unsigned made = make_extractors(cfg, w, n);
    int ok = 0;
    if (made == 1)
        ok = run_serial(&r, w[0].ex);
    else if (made > 1)
        ok = run_parallel(&r, w, made);
    for (unsigned i = 0; i < made; i++)
        decant_extractor_free(w[i].ex);
    free(w);
    /* A failed write is reported by the caller, which owns the stream. */
    return made && ok ? 0 : 1;
}
