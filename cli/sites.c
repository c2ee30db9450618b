/*
 * sites.c — --learn-sites and --site-model: learning each site's template
 * from the pages of the run, with the library's site model.
 *
 * Why batches.  A page is best extracted with the evidence of all its
 * site's pages, but the output must come in input order, in bounded memory,
 * in one pass over the input (an archive may be a pipe), and the same
 * whatever -j says.  So the run goes in batches of up to BATCH_PAGES pages
 * and BATCH_BYTES of input:
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
 * the batch (its pages' bytes, records and evidence) plus the model, whose
 * size the library bounds; batch boundaries depend only on the input, so
 * the output does not depend on the number of threads.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run.h"

/* A batch: enough pages that a site's pages meet (a news crawl's sites
 * have dozens in a few hundred pages), few enough bytes to stay small. */
#define BATCH_PAGES 512
#define BATCH_BYTES ((size_t)24 << 20)
/* A model file larger than this is not one decant wrote. */
#define MODEL_FILE_MAX ((size_t)256 << 20)

typedef struct cli_batch {
    cli_task *tasks;
    size_t count, cap;
    size_t bytes;
    decant_extractor **ex;
    unsigned nex;
} cli_batch;

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

/* ------------------------------------------------------- in parallel */

typedef struct by_size {
    size_t weight, i;
} by_size;

typedef struct phase {
    cli_runner *r;
    cli_batch *b;
    int again;                 /* 0: first extraction; 1: re-extraction  */
    const by_size *order;      /* task indices, largest first, or NULL   */
    pthread_mutex_t lock;
    size_t next;
} phase;

typedef struct phase_worker {
    phase *ph;
    decant_extractor *ex;
    pthread_t thread;
} phase_worker;

static void phase_one(phase *ph, decant_extractor *ex, cli_task *t)
{
    if (!ph->again) {
        cli_task_extract(ph->r, ex, t, 1);
        return;
    }
    /* the new evidence would change the page's verdicts: extract it again */
    if (t->article && decant_site_model_would_change(ph->r->sites, t->article))
        cli_task_extract(ph->r, ex, t, 1);
    /* the record, here rather than on the writing thread */
    cli_task_render(ph->r, t);
}

static void *phase_main(void *arg)
{
    phase_worker *w = arg;
    phase *ph = w->ph;
    for (;;) {
        pthread_mutex_lock(&ph->lock);
        size_t i = ph->next++;
        pthread_mutex_unlock(&ph->lock);
        if (i >= ph->b->count)
            break;
        phase_one(ph, w->ex, &ph->b->tasks[ph->order ? ph->order[i].i : i]);
    }
    return NULL;
}

static int larger_first(const void *a, const void *b)
{
    const by_size *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return x->i < y->i ? -1 : 1;
}

/* Runs one phase over the batch on all extractors, this thread being one
 * of the workers.  The largest pages go first, so that no thread is left
 * with a big page while the others wait at the end of the batch (the
 * order of the work does not change its results). */
static void run_phase(cli_runner *r, cli_batch *b, int again, const by_size *order)
{
    phase ph = {.r = r, .b = b, .again = again, .order = order};
    phase_worker w[64];
    unsigned n = b->nex < 64 ? b->nex : 64;
    if (n > b->count)
        n = (unsigned)b->count;
    pthread_mutex_init(&ph.lock, NULL);
    unsigned started = 1;
    for (; started < n; started++) {
        w[started].ph = &ph;
        w[started].ex = b->ex[started];
        if (pthread_create(&w[started].thread, NULL, phase_main, &w[started]) != 0)
            break;
    }
    w[0].ph = &ph;
    w[0].ex = b->ex[0];
    phase_main(&w[0]);
    for (unsigned i = 1; i < started; i++)
        pthread_join(w[i].thread, NULL);
    pthread_mutex_destroy(&ph.lock);
}

/* ------------------------------------------------------------ batches */

static int flush(cli_runner *r)
{
    cli_batch *b = r->batch;
    int ok = 1;
    by_size *order = b->count && b->nex > 1 ? malloc(b->count * sizeof *order) : NULL;
    if (order) {
        for (size_t i = 0; i < b->count; i++)
            order[i] = (by_size){b->tasks[i].weight, i};
        qsort(order, b->count, sizeof *order, larger_first);
    }
    if (b->count) {
        run_phase(r, b, 0, order);
        /* In input order, so that the model, and so the output, does not
         * depend on which thread finished first. */
        for (size_t i = 0; i < b->count; i++)
            if (b->tasks[i].article && decant_site_model_learn(r->sites, b->tasks[i].article) != DECANT_OK &&
                !r->cfg->quiet)
                cli_error("out of memory learning a site template (the page is counted in part)");
        run_phase(r, b, 1, order);
    }
    free(order);
    for (size_t i = 0; i < b->count; i++) {
        cli_task *t = &b->tasks[i];
        if (ok) {
            ok = cli_task_write(r, t);
            cli_progress_update(r->progress, r->stats->written, r->bytes_read);
        } else {
            cli_task_free(t);
        }
    }
    b->count = 0;
    b->bytes = 0;
    return ok;
}

int cli_batch_add(cli_runner *r, cli_task *t, uint64_t bytes_read)
{
    cli_batch *b = r->batch;
    r->bytes_read = bytes_read;
    if (b->count == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        cli_task *nt = realloc(b->tasks, cap * sizeof *nt);
        if (!nt) {
            /* no room to hold it: this page goes through on its own */
            cli_task_process(r, b->ex[0], t);
            return cli_task_write(r, t);
        }
        b->tasks = nt;
        b->cap = cap;
    }
    cli_task *slot = &b->tasks[b->count++];
    *slot = *t;
    /* The message may point into the copy's own detail buffer. */
    if (t->err.message == t->err.detail)
        slot->err.message = slot->err.detail;
    b->bytes += t->weight;
    if (b->count >= BATCH_PAGES || b->bytes >= BATCH_BYTES)
        return flush(r);
    return 1;
}

int cli_batch_finish(cli_runner *r)
{
    return flush(r);
}

int cli_run_batches(cli_runner *r, decant_extractor **ex, unsigned n)
{
    cli_batch b = {.ex = ex, .nex = n};
    r->batch = &b;
    cli_feed(r);
    int ok = cli_batch_finish(r);
    for (size_t i = 0; i < b.count; i++)
        cli_task_free(&b.tasks[i]);
    free(b.tasks);
    r->batch = NULL;
    return ok && !ferror(r->out);
}
