/*
 * run.h — what the three parts of a run share: feed.c walks the inputs and
 * hands on one task per page or archive record, pool.c runs the tasks on
 * worker threads (or on the calling thread) and hands them back in input
 * order, and output.c does a task's work and writes its result.  Private to
 * the CLI.
 */
#ifndef DECANT_CLI_RUN_H
#define DECANT_CLI_RUN_H

#include <pthread.h>
#include <stdint.h>

#include "cli.h"

typedef enum cli_task_kind {
    TASK_PAGE,       /* a page file, read by the worker                */
    TASK_WARC_PAGE,  /* an HTML response from an archive               */
    TASK_WARC_SKIP,  /* a record that is not a page (--all-records)    */
    TASK_WARC_ERROR, /* a stretch of an archive that could not be read */
    TASK_FETCH       /* a fetched page, or a fetch that failed         */
} cli_task_kind;

typedef struct cli_task {
    cli_task_kind kind;
    cli_job *input;
    const char *id;
    char *data;                /* TASK_WARC_PAGE: the payload           */
    size_t len;
    size_t weight;             /* bytes it holds or will read           */
    char *strings;             /* owns the strings below                */
    const char *content_type;
    decant_warc_info warc;
    decant_fetch_result *fetch; /* TASK_FETCH: owned                    */
    int in_warc_out;           /* TASK_FETCH: `warc` says where --warc-out */
                               /* put its response                      */

    decant_buffer record;      /* jsonl output                          */
    decant_article *article;   /* text/markdown/html output             */
    decant_error err;
    int failed;                /* err holds the task's error            */
    int read_ok;               /* TASK_PAGE: the file could be read     */
    int finished;              /* guarded by the runner's lock          */
} cli_task;

typedef struct cli_runner {
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
    cli_task *ring;
    size_t cap;
    uint64_t produced, claimed, written;
    size_t inflight;           /* weight of the tasks in the ring       */
    uint64_t bytes_read;       /* input consumed, for the progress line */
    int fed_all;               /* the producer is done                  */
    int stop;                  /* output failed: do nothing more        */

    decant_site_model *sites;  /* --learn-sites / --site-model, or NULL */
    struct cli_pipeline *batch; /* --learn-sites: tasks held for learning */
} cli_runner;

/* feed.c: hands every input on to cli_emit, in order, until it refuses. */
void cli_feed(cli_runner *r);

/* fetch.c: the URLs among the inputs, fetched ahead of their turn. */
typedef struct cli_fetching cli_fetching;
/* NULL when no input is a URL. */
cli_fetching *cli_fetch_begin(cli_runner *r);
/* Hands on the results of input `i`, a URL (a feed: one per item); returns
 * 0 when the run is stopping. */
int cli_feed_url(cli_runner *r, cli_fetching *fx, size_t i, uint64_t base);
void cli_fetch_end(cli_fetching *fx);

/* pool.c: hands a task on, into the ring or straight through without
 * threads; the task is moved out of *t.  Returns 0 when the run is stopping. */
int cli_emit(cli_runner *r, cli_task *t, uint64_t bytes_read);

/* output.c: a task's work, on whichever thread takes it: reads and extracts
 * the page and, for JSONL, renders its record. */
void cli_task_process(const cli_runner *r, decant_extractor *ex, cli_task *t);
/* output.c: the two halves of it.  _extract reads (once) and extracts the
 * page, again if called again; with `keep` the page's bytes stay in the
 * task for that.  _render drops them and, for JSONL, renders the record. */
void cli_task_extract(const cli_runner *r, decant_extractor *ex, cli_task *t, int keep);
void cli_task_render(const cli_runner *r, cli_task *t);

/* sites.c: --learn-sites.  Tasks are held in a batch (bounded by pages and
 * bytes); a full batch is extracted with the model as it stands, learned
 * from in input order, its pages whose verdicts changed are extracted
 * again, and it is written.  cli_batch_add is cli_emit's way in;
 * cli_batch_finish runs what is left.  Both return 0 once output failed. */
int cli_batch_add(cli_runner *r, cli_task *t, uint64_t bytes_read);
int cli_batch_finish(cli_runner *r);
/* sites.c: the model of --site-model, loaded if its file exists (else
 * empty); NULL after an error, reported. */
decant_site_model *cli_sites_open(const cli_config *cfg);
/* sites.c: saves the model to --site-model's file (atomically); 0 on error. */
int cli_sites_save(const cli_config *cfg, const decant_site_model *m);
/* sites.c: runs a whole --learn-sites run on the given extractors. */
int cli_run_batches(cli_runner *r, decant_extractor **ex, unsigned n);
/* output.c: writes a processed task, counts it and frees it; returns 0 once
 * the output has failed, which makes further work pointless. */
int cli_task_write(cli_runner *r, cli_task *t);
void cli_task_free(cli_task *t);
/* output.c: marks the task failed with a copy of `err` (its message kept
 * pointing into the copy's own detail, or the status's text when absent). */
void cli_task_fail(cli_task *t, const decant_error *err);
/* output.c: a "cannot read" error for errno `errnum`. */
void cli_set_read_error(decant_error *err, int errnum);

#endif
