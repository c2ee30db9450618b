/*
 * sites.c — --learn-sites and --site-model: learning each site's template
 * from the pages of the run, with the library's site model.
 *
 * Why batches.  A page is best extracted with the evidence of all its
 * site's pages, but the output must come in input order, in bounded memory,
 * in one pass over the input (an archive may be a pipe), and the same
 * whatever -j says.  So the run goes in batches of up to BATCH_PAGES pages
 * and BATCH_BYTES of input, two in flight (one read while the other is
 * extracted):
 *
 *   1. every page of the batch is extracted (in parallel) with the model as
 *      it stands, keeping its bytes and its evidence;
 *   2. the model learns the batch's pages, in input order;
 *   3. the pages whose verdicts the new evidence changes are extracted
 *      again (in parallel) — in a long crawl, the pages of sites the model
 *      did not know yet; later batches are right the first time — and
 *      every page's record is rendered;
 *   4. the batch is written in order.
 *
 * A page whose site has no other page in the input is never given a
 * verdict, so it comes out exactly as without --learn-sites.  Memory is
 * two batches (their pages' bytes, records and evidence) plus the model,
 * whose size the library bounds.  Batch boundaries depend only on the
 * input, and a batch's first extraction always reads the model as learned
 * from the batches before it, so the output does not depend on the number
 * of threads.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run.h"

/* A batch: enough pages that a site's pages meet (a news crawl's sites
 * have dozens in a few hundred pages), few enough bytes to stay small
 * with two in flight. */
#define BATCH_PAGES 512
#define BATCH_BYTES ((size_t)12 << 20)
/* A model file larger than this is not one decant wrote. */
#define MODEL_FILE_MAX ((size_t)256 << 20)

typedef struct by_size {
    size_t weight, i;
} by_size;

/* A batch of tasks, and the phase queued for it. */
typedef struct cli_batch {
    cli_task *tasks;           /* BATCH_PAGES slots                       */
    by_size *order;            /* the tasks, largest first                */
    size_t count, bytes;
    int again;                 /* 0: first extraction; 1: the second look */
    size_t next, done;         /* claimed and finished in that phase      */
} cli_batch;

#define MAX_WORKERS 64

struct cli_pipeline;
typedef struct worker_arg {
    struct cli_pipeline *p;
    decant_extractor *ex;
} worker_arg;

/* Two batches in flight: one being read while the other is extracted, so
 * that reading, learning and writing overlap with the workers' extraction
 * (a batch at a time would leave the workers idle between batches). */
struct cli_pipeline {
    cli_runner *r;
    cli_batch b[2];
    cli_batch *feeding;        /* being read                              */
    cli_batch *running;        /* its first extraction queued, or NULL    */
    cli_batch *queue[2];       /* the phases the workers take, in order   */
    int nqueue;
    int quit, ok;
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    decant_extractor *ex[MAX_WORKERS];
    pthread_t threads[MAX_WORKERS];
    worker_arg args[MAX_WORKERS];
    unsigned nthreads;
};

/* ------------------------------------------------------------ the file */

decant_site_model *cli_sites_open(const cli_config *cfg)
{
    decant_site_model *m = NULL;
    decant_error err = {0};
    if (decant_site_model_new(NULL, &m, &err) != DECANT_OK) {
        cli_error("cannot create a site model: %s", err.message);
        return NULL;
    }
    if (!cfg->site_model)
        return m;
    char *data = NULL;
    size_t len = 0;
    int e = cli_read_path(cfg->site_model, MODEL_FILE_MAX, &data, &len);
    if (e == ENOENT && cfg->learn_sites)
        return m; /* the first run of a series: learned now, saved at the end */
    if (e) {
        char text[128];
        cli_errno_text(e, text, sizeof text);
        cli_error("%s: %s", cfg->site_model, text);
        decant_site_model_free(m);
        return NULL;
    }
    decant_status st = decant_site_model_load(m, data, len, &err);
    free(data);
    if (st != DECANT_OK) {
        cli_error("%s: %s", cfg->site_model, err.message ? err.message : decant_strerror(st));
        decant_site_model_free(m);
        return NULL;
    }
    return m;
}

int cli_sites_save(const cli_config *cfg, const decant_site_model *m)
{
    decant_buffer b = {0};
    if (decant_site_model_save(m, &b) != DECANT_OK) {
        cli_error("%s: out of memory saving the site model", cfg->site_model);
        return 0;
    }
    /* Written beside the old file and renamed over it, so that a run that
     * dies half way never leaves half a model. */
    size_t n = strlen(cfg->site_model) + 32;
    char *tmp = malloc(n);
    FILE *f = NULL;
    if (tmp) {
        snprintf(tmp, n, "%s.tmp%ld", cfg->site_model, (long)getpid());
        f = fopen(tmp, "wb");
    }
    int ok = f && fwrite(b.data ? b.data : "", 1, b.len, f) == b.len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp, cfg->site_model) != 0)
        ok = 0;
    if (!ok) {
        cli_error("%s: cannot save the site model: %s", cfg->site_model, strerror(errno));
        if (tmp)
            remove(tmp);
    }
    free(tmp);
    decant_buffer_free(&b);
    return ok;
}

/* ------------------------------------------------------- the workers */

/* One task of a queued phase. */
static void work_on(cli_runner *r, decant_extractor *ex, cli_batch *b, size_t i)
{
    cli_task *t = &b->tasks[b->order[i].i];
    if (!b->again) {
        cli_task_extract(r, ex, t, 1);
        return;
    }
    /* the new evidence would change the page's verdicts: extract it again */
    if (t->article && decant_site_model_would_change(r->sites, t->article))
        cli_task_extract(r, ex, t, 1);
    /* the record, here rather than on the writing thread */
    cli_task_render(r, t);
}

/* Claims a task of the first queued phase with work left; with the lock
 * held.  NULL when there is none. */
static cli_batch *claim(struct cli_pipeline *p, size_t *i)
{
    for (int q = 0; q < p->nqueue; q++) {
        cli_batch *b = p->queue[q];
        if (b->next < b->count) {
            *i = b->next++;
            return b;
        }
    }
    return NULL;
}

static void finished(struct cli_pipeline *p, cli_batch *b)
{
    if (++b->done == b->count)
        pthread_cond_broadcast(&p->done);
}


static void *worker_main(void *arg)
{
    worker_arg *w = arg;
    struct cli_pipeline *p = w->p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        size_t i;
        cli_batch *b = claim(p, &i);
        if (b) {
            pthread_mutex_unlock(&p->lock);
            work_on(p->r, w->ex, b, i);
            pthread_mutex_lock(&p->lock);
            finished(p, b);
        } else if (p->quit) {
            break;
        } else {
            pthread_cond_wait(&p->work, &p->lock);
        }
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static int larger_first(const void *a, const void *b)
{
    const by_size *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return x->i < y->i ? -1 : 1;
}

/* Queues a phase of batch b.  The largest pages go first, so that no
 * worker is left with a big page while the others wait (the order of the
 * work does not change its results). */
static void submit(struct cli_pipeline *p, cli_batch *b, int again)
{
    if (!b->count)
        return;
    if (!again) {
        for (size_t i = 0; i < b->count; i++)
            b->order[i] = (by_size){b->tasks[i].weight, i};
        qsort(b->order, b->count, sizeof *b->order, larger_first);
    }
    pthread_mutex_lock(&p->lock);
    b->again = again;
    b->next = b->done = 0;
    p->queue[p->nqueue++] = b;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
}

/* Waits until b's queued phase is done (doing its work here when there is
 * no worker thread), then takes it off the queue. */
static void wait_for(struct cli_pipeline *p, cli_batch *b)
{
    if (!b->count)
        return;
    pthread_mutex_lock(&p->lock);
    while (b->done < b->count) {
        size_t i;
        cli_batch *c;
        if (p->nthreads == 0 && (c = claim(p, &i)) != NULL) {
            pthread_mutex_unlock(&p->lock);
            work_on(p->r, p->ex[0], c, i);
            pthread_mutex_lock(&p->lock);
            finished(p, c);
        } else {
            pthread_cond_wait(&p->done, &p->lock);
        }
    }
    for (int q = 0; q < p->nqueue; q++) {
        if (p->queue[q] == b) {
            memmove(&p->queue[q], &p->queue[q + 1], sizeof *p->queue * (size_t)(p->nqueue - q - 1));
            p->nqueue--;
            break;
        }
    }
    pthread_mutex_unlock(&p->lock);
}

/* ------------------------------------------------------------ batches */

/* Learns a batch, in input order, so that the model, and so the output,
 * does not depend on which thread finished first.  No worker reads the
 * model meanwhile: the phases queued before have all finished. */
static void learn(struct cli_pipeline *p, cli_batch *b)
{
    cli_runner *r = p->r;
    for (size_t i = 0; i < b->count; i++)
        if (b->tasks[i].article && decant_site_model_learn(r->sites, b->tasks[i].article) != DECANT_OK &&
            !r->cfg->quiet)
            cli_error("out of memory learning a site template (the page is counted in part)");
}

static void write_batch(struct cli_pipeline *p, cli_batch *b)
{
    cli_runner *r = p->r;
    for (size_t i = 0; i < b->count; i++) {
        cli_task *t = &b->tasks[i];
        if (p->ok) {
            p->ok = cli_task_write(r, t);
            cli_progress_update(r->progress, r->stats->written, r->bytes_read);
        } else {
            cli_task_free(t);
        }
    }
    b->count = 0;
    b->bytes = 0;
}

/*
 * The batch being read is full (or the input ended): the one before it,
 * whose first extraction is under way, is learned, its second look queued
 * together with this one's first extraction (both read the model as it is
 * now), and written once its second look is done; this one then runs
 * while the next is read.
 */
static void step(struct cli_pipeline *p)
{
    cli_batch *prev = p->running, *cur = p->feeding;
    if (prev) {
        wait_for(p, prev);
        learn(p, prev);
        submit(p, prev, 1);
    }
    submit(p, cur, 0);
    if (prev) {
        wait_for(p, prev);
        write_batch(p, prev);
    }
    p->running = cur->count ? cur : NULL;
    p->feeding = cur == &p->b[0] ? &p->b[1] : &p->b[0];
}

int cli_batch_add(cli_runner *r, cli_task *t, uint64_t bytes_read)
{
    struct cli_pipeline *p = r->batch;
    cli_batch *b = p->feeding;
    r->bytes_read = bytes_read;
    cli_task *slot = &b->tasks[b->count++];
    *slot = *t;
    /* The message may point into the copy's own detail buffer. */
    if (t->err.message == t->err.detail)
        slot->err.message = slot->err.detail;
    b->bytes += t->weight;
    if (b->count >= BATCH_PAGES || b->bytes >= BATCH_BYTES)
        step(p);
    return p->ok;
}

int cli_batch_finish(cli_runner *r)
{
    struct cli_pipeline *p = r->batch;
    while (p->feeding->count || p->running)
        step(p);
    return p->ok;
}

int cli_run_batches(cli_runner *r, decant_extractor **ex, unsigned n)
{
    struct cli_pipeline *p = calloc(1, sizeof *p);
    if (!p) {
        cli_error("out of memory");
        return 0;
    }
    p->r = r;
    p->ok = 1;
    for (int k = 0; k < 2; k++) {
        p->b[k].tasks = calloc(BATCH_PAGES, sizeof *p->b[k].tasks);
        p->b[k].order = calloc(BATCH_PAGES, sizeof *p->b[k].order);
        if (!p->b[k].tasks || !p->b[k].order)
            p->ok = 0;
    }
    if (!p->ok) {
        cli_error("out of memory");
        for (int k = 0; k < 2; k++) {
            free(p->b[k].tasks);
            free(p->b[k].order);
        }
        free(p);
        return 0;
    }
    p->feeding = &p->b[0];
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    if (n > MAX_WORKERS)
        n = MAX_WORKERS;
    for (unsigned i = 0; i < n; i++)
        p->ex[i] = ex[i];
    /* Fewer threads than extractors is fine; with none, this thread works
     * the phases itself (wait_for). */
    for (; p->nthreads < n; p->nthreads++) {
        p->args[p->nthreads] = (worker_arg){p, ex[p->nthreads]};
        if (pthread_create(&p->threads[p->nthreads], NULL, worker_main, &p->args[p->nthreads]) != 0)
            break;
    }
    r->batch = p;
    cli_feed(r);
    int ok = cli_batch_finish(r);
    pthread_mutex_lock(&p->lock);
    p->quit = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->done);
    pthread_cond_destroy(&p->work);
    pthread_mutex_destroy(&p->lock);
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < p->b[k].count; i++)
            cli_task_free(&p->b[k].tasks[i]);
        free(p->b[k].tasks);
        free(p->b[k].order);
    }
    free(p);
    r->batch = NULL;
    return ok && !ferror(r->out);
}
