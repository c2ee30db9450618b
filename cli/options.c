/* options.c — the command line: parsing, usage, diagnostics. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Beyond this, more threads only cost memory (each holds an extractor). */
#define CLI_MAX_JOBS 256

enum {
    OPT_FORMAT = 256,
    OPT_URL,
    OPT_CONTENT_TYPE,
    OPT_MAX_BYTES,
    OPT_TIMEOUT,
    OPT_ALL_RECORDS,
    OPT_PROGRESS,
    OPT_STATS,
    OPT_BODY,
    OPT_WITH_METADATA,
    OPT_NO_REPAIR
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"jobs", required_argument, NULL, 'j'},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"body", required_argument, NULL, OPT_BODY},
    {"with-metadata", no_argument, NULL, OPT_WITH_METADATA},
    {"url", required_argument, NULL, OPT_URL},
    {"content-type", required_argument, NULL, OPT_CONTENT_TYPE},
    {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"all-records", no_argument, NULL, OPT_ALL_RECORDS},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"stats", required_argument, NULL, OPT_STATS},
    {"no-mojibake-repair", no_argument, NULL, OPT_NO_REPAIR},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("decant: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* tests/manpage.py checks that docs/decant.1's OPTIONS and EXIT STATUS say
 * the same as this, option by option. */
static void print_help(const cli_config *cfg)
{
    printf("Usage: decant [options] INPUT...\n"
           "Extract clean articles from news HTML pages and web archives.\n"
           "\n"
           "INPUT is a page (.html or .htm, optionally gzip-compressed as .gz), a web\n"
           "archive (.warc, .warc.gz, .warc.zst, or any file that holds one), a folder\n"
           "(every such file under it, recursively, in path order), or - for standard\n"
           "input.  One record per page is printed, in input order; in an archive, the\n"
           "pages are its HTTP 200 HTML responses.\n"
           "\n"
           "Options:\n"
           "  -o, --output FILE        write to FILE instead of standard output\n"
           "  -j, --jobs N             use N worker threads (default: online cores)\n"
           "      --format FORMAT      jsonl (default), text, markdown or html\n"
           "      --body FORMAT        what the records' \"text\" holds: text (default),\n"
           "                           markdown or html\n"
           "      --with-metadata      put the title, authors, date, url, site name,\n"
           "                           language and page type before each body: YAML\n"
           "                           front matter for markdown, a header for text\n"
           "      --url URL            the page's address (only with a single input)\n"
           "      --content-type CT    the page's HTTP Content-Type header\n"
           "      --max-bytes N        refuse pages larger than N bytes after gzip\n"
           "                           decompression (default: %zu)\n"
           "                           Sizes take a suffix: K, M, G (1024, 1024^2, ...;\n"
           "                           also k, KiB) or kB, MB, GB (1000, 1000^2, ...)\n"
           "      --timeout MS         time budget per page in milliseconds\n"
           "                           (default: 0, none)\n"
           "      --all-records        also print a record, with an error, for every\n"
           "                           archive record that is not an HTML page\n"
           "      --progress           show progress even when standard error is not\n"
           "                           a terminal\n"
           "      --stats FILE         write the summary as JSON to FILE\n"
           "      --no-mojibake-repair\n"
           "                           keep double-encoded UTF-8 (\"cafÃ©\") as it is\n"
           "  -q, --quiet              no per-file messages, progress or summary on\n"
           "                           standard error\n"
           "  -h, --help               print this help and exit\n"
           "  -V, --version            print the version and exit\n"
           "\n"
           "Exit status:\n"
           "  0  every input was read (a page with bad content is a record, not a failure)\n"
           "  1  an input could not be opened or read (it still gets a record saying\n"
           "     why), no page was found at all, or the output could not be written\n"
           "  2  usage error (unknown option, bad value, no input)\n",
           cfg->opts.max_input_bytes);
}

/* The decimal number s starts with, and where it ends; 0 when there is
 * none.  strtoull alone would accept "-1" (wrapping it) and leading blanks. */
static int leading_number(const char *s, unsigned long long *v, char **end)
{
    if (*s < '0' || *s > '9')
        return 0;
    errno = 0;
    *v = strtoull(s, end, 10);
    return errno == 0;
}

static int parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
    unsigned long long v;
    char *end;
    if (!leading_number(s, &v, &end) || *end || v > max)
        return 0;
    *out = v;
    return 1;
}

/*
 * A byte count with an optional suffix, as GNU coreutils read them (head -c,
 * sort -S): K, M, G, T are powers of 1024 (the letter in either case, or
 * KiB, MiB, ...); kB, MB, GB, TB are powers of 1000.  "10k" is 10240,
 * "64M" 67108864, "1MB" 1000000.  No fractions, no blanks.
 */
static int parse_bytes(const char *s, unsigned long long max, unsigned long long *out)
{
    unsigned long long v;
    char *end;
    if (!leading_number(s, &v, &end))
        return 0;
    static const char letters[] = "kmgt";
    const char *l = *end ? strchr(letters, end[0] | 0x20) : NULL;
    if (*end && !l)
        return 0;
    if (l) {
        const char *rest = end + 1;
        unsigned base = 1024;
        if (strcmp(rest, "B") == 0)
            base = 1000;
        else if (*rest && strcmp(rest, "iB") != 0)
            return 0;
        for (const char *p = letters; p <= l; p++) {
            if (v > ULLONG_MAX / base)
                return 0;
            v *= base;
        }
    }
    if (v > max)
        return 0;
    *out = v;
    return 1;
}

static int parse_format(const char *s, cli_format *out)
{
    static const struct {
        const char *name;
        cli_format fmt;
    } names[] = {
        {"jsonl", CLI_FORMAT_JSONL},
        {"text", CLI_FORMAT_TEXT},
        {"markdown", CLI_FORMAT_MARKDOWN},
        {"html", CLI_FORMAT_HTML},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].fmt;
            return 1;
        }
    }
    return 0;
}

static unsigned online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > CLI_MAX_JOBS ? CLI_MAX_JOBS : (unsigned)n;
}

static int bad_value(const char *opt, const char *value)
{
    cli_error("invalid value for %s: '%s'", opt, value);
    return 0;
}

/* Returns 0 on a bad value, after saying so. */
static int apply_option(int c, const char *arg, cli_config *cfg)
{
    unsigned long long v;
    switch (c) {
    case 'o':
        cfg->output = arg;
        return 1;
    case 'j':
        if (!parse_count(arg, CLI_MAX_JOBS, &v) || v == 0)
            return bad_value("--jobs", arg);
        cfg->jobs = (unsigned)v;
        return 1;
    case OPT_FORMAT:
        return parse_format(arg, &cfg->format) || bad_value("--format", arg);
    case OPT_BODY:
        return (parse_format(arg, &cfg->body) && cfg->body != CLI_FORMAT_JSONL) || bad_value("--body", arg);
    case OPT_URL:
        cfg->url = arg;
        return 1;
    case OPT_CONTENT_TYPE:
        cfg->content_type = arg;
        return 1;
    case OPT_MAX_BYTES:
        if (!parse_bytes(arg, SIZE_MAX, &v) || v == 0)
            return bad_value("--max-bytes", arg);
        cfg->opts.max_input_bytes = (size_t)v;
        return 1;
    case OPT_TIMEOUT:
        if (!parse_count(arg, UINT_MAX, &v))
            return bad_value("--timeout", arg);
        cfg->opts.time_limit_ms = (unsigned)v;
        return 1;
    case 'q':
        cfg->quiet = 1;
        return 1;
    case OPT_ALL_RECORDS:
        cfg->all_records = 1;
        return 1;
    case OPT_PROGRESS:
        cfg->progress = 1;
        return 1;
    case OPT_STATS:
        cfg->stats = arg;
        return 1;
    case OPT_WITH_METADATA:
        cfg->with_metadata = 1;
        return 1;
    case OPT_NO_REPAIR:
        cfg->opts.repair_mojibake = 0;
        return 1;
    default:
        return 0;
    }
}

int cli_usage_error(void)
{
    fputs("Usage: decant [options] INPUT...\n"
          "Try 'decant --help' for more information.\n",
          stderr);
    return 2;
}

/*
 * Fills `cfg` from the command line.  Returns CLI_PARSE_RUN when there is
 * work to do, otherwise the exit status (0 after --help/--version, 2 after a
 * usage error, which has been reported).
 */
int cli_parse_args(int argc, char **argv, cli_config *cfg)
{
    /* getopt prefixes its messages with argv[0], which may be a long path. */
    static char progname[] = "decant";
    if (argc > 0)
        argv[0] = progname;

    memset(cfg, 0, sizeof *cfg);
    decant_options_init(&cfg->opts);
    int c;
    while ((c = getopt_long(argc, argv, "o:j:qhV", long_options, NULL)) != -1) {
        if (c == 'h') {
            print_help(cfg);
            return 0;
        }
        if (c == 'V') {
            printf("decant %s\n", decant_version());
            return 0;
        }
        if (!apply_option(c, optarg, cfg))
            return cli_usage_error();
    }
    /* With argc == 0 getopt still leaves optind at 1. */
    if (optind < argc) {
        cfg->inputs = argv + optind;
        cfg->input_count = (size_t)(argc - optind);
    }
    if (cfg->input_count == 0) {
        cli_error("no input given");
        return cli_usage_error();
    }
    if (cfg->url && cfg->input_count > 1) {
        cli_error("--url needs a single input");
        return cli_usage_error();
    }
    if (cfg->with_metadata && cfg->format != CLI_FORMAT_TEXT && cfg->format != CLI_FORMAT_MARKDOWN) {
        cli_error("--with-metadata needs --format text or markdown (JSON records hold the metadata)");
        return cli_usage_error();
    }
    if (cfg->jobs == 0)
        cfg->jobs = online_cores();
    cfg->opts.want_markdown = cfg->format == CLI_FORMAT_MARKDOWN || cfg->body == CLI_FORMAT_MARKDOWN;
    cfg->opts.want_html = cfg->format == CLI_FORMAT_HTML || cfg->body == CLI_FORMAT_HTML;
    return CLI_PARSE_RUN;
}
