/*
 * cli.h — private glue between the parts of the decant command-line tool.
 *
 * The CLI sees the library only through include/decant.h; nothing here is
 * public.
 */
#ifndef DECANT_CLI_H
#define DECANT_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "decant.h"

typedef enum cli_format {
    CLI_FORMAT_JSONL = 0,
    CLI_FORMAT_TEXT,
    CLI_FORMAT_MARKDOWN,
    CLI_FORMAT_HTML
} cli_format;

/* What an input on the command line is. */
typedef enum cli_input_kind {
    CLI_IN_OPERAND = 0,        /* a path, -, or an http(s) URL              */
    CLI_IN_URLS,               /* --urls FILE: one URL a line               */
    CLI_IN_FEED,               /* --feed URL                                */
    CLI_IN_SITEMAP             /* --sitemap URL                             */
} cli_input_kind;

typedef struct cli_config {
    decant_options opts;
    cli_format format;
    cli_format body;           /* what a JSONL record's "text" holds       */
    const char *output;        /* NULL: standard output                     */
    const char *url;
    const char *content_type;
    const char *stats;         /* --stats FILE, or NULL                     */
    unsigned jobs;             /* 0 until parse_args settles it             */
    int quiet;
    int progress;              /* 1: forced by --progress                   */
    int all_records;           /* also emit skipped WARC records            */
    int learn_sites;           /* --learn-sites: learn site templates       */
    const char *site_model;    /* --site-model FILE, or NULL                */
    int with_metadata;         /* front matter / header block on bodies     */
    char **inputs;             /* the inputs, in command-line order         */
    cli_input_kind *input_kinds;
    size_t input_count;
    /* Fetching (cli/fetch.c). */
    decant_fetch_options fetch;
    const char **allow_hosts;  /* --allow-host, in order                    */
    const char *warc_out;      /* --warc-out FILE, or NULL                  */
    decant_warc_writer *warc_writer; /* open while running, with warc_out   */
    int argc;                  /* the command line, for the WARC's warcinfo */
    char **argv;
} cli_config;

/* What a fetch job is: a page, a feed or a sitemap (0: not fetched). */
enum { CLI_FETCH_NONE = 0, CLI_FETCH_PAGE, CLI_FETCH_FEED, CLI_FETCH_SITEMAP };

/* One input: a page, or a WARC file that expands to many records. */
typedef struct cli_job {
    char *path;                /* as given or as found by the folder walk    */
    char *id;
    int preset_errno;          /* nonzero: the walk already failed here      */
    char *preread;             /* standard input, read up front (a page) or  */
    size_t preread_len;        /* its first bytes (a WARC)                   */
    int is_stdin;
    int is_warc;
    int fetch;                 /* CLI_FETCH_*: a URL, fetched               */
    uint64_t size;             /* bytes on disk, 0 if unknown (for the ETA)  */
} cli_job;

typedef struct cli_joblist {
    cli_job *jobs;
    size_t count;
    size_t cap;
} cli_joblist;

/* What a run did, for the summary and --stats. */
typedef struct cli_stats {
    uint64_t inputs, warc_files, pages;      /* pages: non-WARC inputs read  */
    uint64_t records;                        /* WARC records read            */
    uint64_t extracted;
    uint64_t skipped[DECANT_WARC_SKIP_COUNT];
    uint64_t errors[DECANT_ERR_COMPRESSION + 1];
    uint64_t errors_other;                   /* codes beyond the table       */
    uint64_t bytes_total;                    /* sum of the input sizes       */
    uint64_t bytes_read;
    uint64_t written;                        /* records output               */
    uint64_t readable;                       /* inputs that could be opened  */
    uint64_t fetched;                        /* pages and feeds fetched      */
    uint64_t fetch_errors;                   /* ... that could not be        */
    double seconds;
} cli_stats;

/* options.c: cli_parse_args returns CLI_PARSE_RUN or the exit status. */
enum { CLI_PARSE_RUN = -1 };
int cli_parse_args(int argc, char **argv, cli_config *cfg);
void cli_config_free(cli_config *cfg);
int cli_usage_error(void); /* prints a short usage on stderr, returns 2 */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* inputs.c: returns 0, or ENOMEM when the list could not be built. */
int cli_collect_inputs(const cli_config *cfg, cli_joblist *list);
void cli_joblist_free(cli_joblist *list);
/* The id of a record about a whole file: its name without extensions. */
char *cli_make_id(const char *path);

/* readfile.c: the readers return 0 or an errno value. */
size_t cli_read_cap(const decant_options *opts);
int cli_read_fd(int fd, size_t cap, size_t size_hint, char **data, size_t *len);
int cli_read_path(const char *path, size_t cap, char **data, size_t *len);
void cli_errno_text(int errnum, char *buf, size_t size);

/* fetch.c: --warc-out's file, opened (with its warcinfo record) before the
 * run and closed after it; each returns 0 after reporting a failure. */
int cli_warc_open(cli_config *cfg);
int cli_warc_close(cli_config *cfg);

/* pool.c: returns 0, or 1 when no extractor could be made or output failed. */
int cli_run(const cli_config *cfg, cli_joblist *list, FILE *out, cli_stats *stats);

/* report.c: the progress line, the summary and the --stats file. */
typedef struct cli_progress cli_progress;
cli_progress *cli_progress_new(const cli_config *cfg, uint64_t bytes_total);
/* Redraws at most ten times a second; cheap to call for every record. */
void cli_progress_update(cli_progress *p, uint64_t records, uint64_t bytes_read);
/* Erases the line, so that a message can be printed in its place. */
void cli_progress_clear(cli_progress *p);
void cli_progress_free(cli_progress *p);
void cli_print_summary(const cli_stats *s);
int cli_write_stats(const char *path, const cli_stats *s);
double cli_now(void);

#endif /* DECANT_CLI_H */
