/*
 * pool.c — extracts the pages, in parallel when asked, and writes the results
 * strictly in input order.
 *
 * One producer (feed.c) walks the inputs in order and turns them into tasks.
 * Tasks go into a ring; workers extract them; the main thread is the only
 * writer and takes them in sequence.  So the output does not depend on the
 * number of threads or on scheduling, stdio is never shared, and memory is
 * bounded by the ring's length and by the bytes it may hold, however long
 * the archive.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

/* How far the producer may run ahead of the writer, per worker: enough for
 * the other workers to keep going while one chews on a 5 MB page, small
 * enough to bound the memory held by tasks. */
#define CLI_AHEAD_PER_WORKER 8

/* Payload bytes waiting in the ring at most (one larger task is let in
 * alone, so that nothing stalls). */
#define CLI_INFLIGHT_BYTES ((size_t)8 << 20)

typedef struct cli_worker {
    cli_runner *r;
    decant_extractor *ex;
    pthread_t thread;
} cli_worker;

/* Hands a task on: into the ring, or straight through without threads.
 * Returns 0 when the run is stopping. */
int cli_emit(cli_runner *r, cli_task *t, uint64_t bytes_read)
{
    if (r->batch)
        return cli_batch_add(r, t, bytes_read);
    if (r->serial) {
        r->bytes_read = bytes_read;
        cli_task_process(r, r->serial, t);
        int ok = cli_task_write(r, t);
        cli_progress_update(r->progress, r->stats->written, r->bytes_read);
        return ok;
    }
    pthread_mutex_lock(&r->lock);
    while (!r->stop && (r->produced - r->written >= r->cap ||
                        (r->inflight > 0 && r->inflight + t->weight > CLI_INFLIGHT_BYTES)))
        pthread_cond_wait(&r->room, &r->lock);
    int ok = !r->stop;
    if (ok) {
        cli_task *slot = &r->ring[r->produced % r->cap];
        *slot = *t;
        /* The message may point into the copy's own detail buffer. */
        if (t->err.message == t->err.detail)
            slot->err.message = slot->err.detail;
        r->produced++;
        r->inflight += t->weight;
        r->bytes_read = bytes_read;
        pthread_cond_signal(&r->work);
    } else {
        cli_task_free(t);
    }
    pthread_mutex_unlock(&r->lock);
    return ok;
}

/* The producer's thread (or, without threads, the caller's). */
static void feed_all(cli_runner *r)
{
    cli_feed(r);
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

/* Returns the claimed task, or NULL when there will be none. */
static cli_task *claim(cli_runner *r)
{
    pthread_mutex_lock(&r->lock);
    while (!r->stop && r->claimed == r->produced && !r->fed_all)
        pthread_cond_wait(&r->work, &r->lock);
    cli_task *t = NULL;
    if (!r->stop && r->claimed < r->produced)
        t = &r->ring[r->claimed++ % r->cap];
    pthread_mutex_unlock(&r->lock);
    return t;
}

static void *worker_main(void *arg)
{
    cli_worker *w = arg;
    cli_runner *r = w->r;
    cli_task *t;
    while ((t = claim(r)) != NULL) {
        cli_task_process(r, w->ex, t);
        pthread_mutex_lock(&r->lock);
        t->finished = 1;
        pthread_cond_signal(&r->done);
        pthread_mutex_unlock(&r->lock);
    }
    return NULL;
}

/* Waits for the next task in sequence; NULL when the producer is done. */
static cli_task *next_finished(cli_runner *r, uint64_t *bytes_read)
{
    pthread_mutex_lock(&r->lock);
    cli_task *t = NULL;
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

static int write_in_order(cli_runner *r)
{
    int ok = 1;
    cli_task *t;
    uint64_t bytes_read;
    while (ok && (t = next_finished(r, &bytes_read)) != NULL) {
        size_t weight = t->weight;
        ok = cli_task_write(r, t);
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

static unsigned start_workers(cli_runner *r, cli_worker *w, unsigned n)
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
static void halt(cli_runner *r)
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
static int run_threads(cli_runner *r, cli_worker *w, unsigned n)
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
        cli_task_free(&r->ring[r->written % r->cap]);
    return ok;
}

static int run_parallel(cli_runner *r, cli_worker *w, unsigned n)
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

/* Fewer extractors than asked for is fine; none at all is not. */
static unsigned make_extractors(const cli_config *cfg, cli_worker *w, unsigned n)
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

static int run_serial(cli_runner *r, decant_extractor *ex)
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
    s->fetched += fed->fetched;
    s->fetch_errors += fed->fetch_errors;
    for (size_t i = 0; i < DECANT_WARC_SKIP_COUNT; i++)
        s->skipped[i] += fed->skipped[i];
}

/* Does an input expand to many records (an archive, a feed, a sitemap)? */
static int any_warc(const cli_joblist *list)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->jobs[i].is_warc || list->jobs[i].fetch > CLI_FETCH_PAGE)
            return 1;
    return 0;
}

/* --learn-sites: the batches of sites.c on the workers' extractors. */
static int run_learning(cli_runner *r, cli_worker *w, unsigned n)
{
    decant_extractor **ex = calloc(n, sizeof *ex);
    if (!ex) {
        cli_error("out of memory");
        return 0;
    }
    for (unsigned i = 0; i < n; i++)
        ex[i] = w[i].ex;
    int ok = cli_run_batches(r, ex, n);
    free(ex);
    return ok;
}

/* Returns 0 on success, 1 when the run could not be carried out. */
int cli_run(const cli_config *cfg, cli_joblist *list, FILE *out, cli_stats *stats)
{
    unsigned n = cfg->jobs;
    /* Pages alone never need more workers than there are pages. */
    if (!any_warc(list) && n > list->count)
        n = list->count ? (unsigned)list->count : 1;
    cli_worker *w = calloc(n, sizeof *w);
    if (!w) {
        cli_error("out of memory");
        return 1;
    }
    cli_runner r = {.cfg = cfg, .list = list, .out = out, .stats = stats};
    r.headers = cfg->format != CLI_FORMAT_JSONL && (list->count > 1 || any_warc(list));
    for (size_t i = 0; i < list->count; i++)
        stats->bytes_total += list->jobs[i].size;
    stats->inputs = list->count;
    r.progress = cli_progress_new(cfg, stats->bytes_total);
    double t0 = cli_now();
    unsigned made = make_extractors(cfg, w, n);
    int ok = 0;
    /* A model that cannot be read stops the run before any output. */
    int go = made && (!(cfg->learn_sites || cfg->site_model) || (r.sites = cli_sites_open(cfg)));
    if (go && cfg->learn_sites)
        ok = run_learning(&r, w, made);
    else if (go && made > 1)
        ok = run_parallel(&r, w, made);
    if (go && !cfg->learn_sites && (made == 1 || (made > 1 && ok < 0)))
        ok = run_serial(&r, w[0].ex);
    if (go && cfg->learn_sites && cfg->site_model && !cli_sites_save(cfg, r.sites))
        ok = 0;
    decant_site_model_free(r.sites);
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
