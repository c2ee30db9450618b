/*
 * cli.h — private glue between the parts of the decant command-line tool.
 *
 * The CLI sees the library only through include/decant.h; nothing here is
 * public.
 */
#ifndef DECANT_CLI_H
#define DECANT_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "decant.h"

typedef enum cli_format {
    CLI_FORMAT_JSONL = 0,
    CLI_FORMAT_TEXT,
    CLI_FORMAT_MARKDOWN
} cli_format;

typedef struct cli_config {
    decant_options opts;
    cli_format format;
    const char *output;        /* NULL: standard output                     */
    const char *url;
    const char *content_type;
    unsigned jobs;             /* 0 until parse_args settles it             */
    int quiet;
    char **inputs;             /* the operands, in command-line order       */
    size_t input_count;
} cli_config;

/*
 * One input page and, once a worker is done with it, its result.  The job
 * array is allocated once before any thread starts and never moves, so
 * `err.message` may safely point into `err.detail`.
 */
typedef struct cli_job {
    char *path;                /* as given or as found by the folder walk    */
    char *id;
    int preset_errno;          /* nonzero: the walk already failed here      */
    char *preread;             /* standard input, read up front              */
    size_t preread_len;
    int is_stdin;

    decant_buffer record;      /* jsonl output                               */
    decant_article *article;   /* text/markdown output, rendered by writer   */
    decant_error err;
    int failed;                /* err holds the page's error                 */
    int read_ok;               /* the input's bytes could be read            */
    int finished;              /* guarded by the runner's lock               */
} cli_job;

typedef struct cli_joblist {
    cli_job *jobs;
    size_t count;
    size_t cap;
} cli_joblist;

/* options.c: cli_parse_args returns CLI_PARSE_RUN or the exit status. */
enum { CLI_PARSE_RUN = -1 };
int cli_parse_args(int argc, char **argv, cli_config *cfg);
int cli_usage_error(void); /* prints a short usage on stderr, returns 2 */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* inputs.c: returns 0, or ENOMEM when the list could not be built. */
int cli_collect_inputs(const cli_config *cfg, cli_joblist *list);
void cli_joblist_free(cli_joblist *list);

/* readfile.c: the readers return 0 or an errno value. */
size_t cli_read_cap(const decant_options *opts);
int cli_read_fd(int fd, size_t cap, size_t size_hint, char **data, size_t *len);
int cli_read_path(const char *path, size_t cap, char **data, size_t *len);
void cli_errno_text(int errnum, char *buf, size_t size);

/* run.c: returns 0, or 1 when no extractor could be made or output failed. */
int cli_run(const cli_config *cfg, cli_joblist *list, FILE *out);

#endif /* DECANT_CLI_H */
