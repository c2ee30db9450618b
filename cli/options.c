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
    OPT_LINKS,
    OPT_IMAGES,
    OPT_NO_REPAIR,
    OPT_URLS,
    OPT_FEED,
    OPT_SITEMAP,
    OPT_WARC_OUT,
    OPT_USER_AGENT,
    OPT_DELAY,
    OPT_HOST_CONNECTIONS,
    OPT_CONNECTIONS,
    OPT_FETCH_TIMEOUT,
    OPT_CONNECT_TIMEOUT,
    OPT_RETRIES,
    OPT_RETRY_DELAY,
    OPT_MAX_REDIRECTS,
    OPT_MAX_PAGES,
    OPT_IGNORE_ROBOTS,
    OPT_ALLOW_HOST,
    OPT_LEARN_SITES,
    OPT_SITE_MODEL
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"jobs", required_argument, NULL, 'j'},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"body", required_argument, NULL, OPT_BODY},
    {"with-metadata", no_argument, NULL, OPT_WITH_METADATA},
    {"links", no_argument, NULL, OPT_LINKS},
    {"images", no_argument, NULL, OPT_IMAGES},
    {"url", required_argument, NULL, OPT_URL},
    {"content-type", required_argument, NULL, OPT_CONTENT_TYPE},
    {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"all-records", no_argument, NULL, OPT_ALL_RECORDS},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"stats", required_argument, NULL, OPT_STATS},
    {"no-mojibake-repair", no_argument, NULL, OPT_NO_REPAIR},
    {"urls", required_argument, NULL, OPT_URLS},
    {"feed", required_argument, NULL, OPT_FEED},
    {"sitemap", required_argument, NULL, OPT_SITEMAP},
    {"warc-out", required_argument, NULL, OPT_WARC_OUT},
    {"user-agent", required_argument, NULL, OPT_USER_AGENT},
    {"delay", required_argument, NULL, OPT_DELAY},
    {"host-connections", required_argument, NULL, OPT_HOST_CONNECTIONS},
    {"connections", required_argument, NULL, OPT_CONNECTIONS},
    {"fetch-timeout", required_argument, NULL, OPT_FETCH_TIMEOUT},
    {"connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT},
    {"retries", required_argument, NULL, OPT_RETRIES},
    {"retry-delay", required_argument, NULL, OPT_RETRY_DELAY},
    {"max-redirects", required_argument, NULL, OPT_MAX_REDIRECTS},
    {"max-pages", required_argument, NULL, OPT_MAX_PAGES},
    {"ignore-robots", no_argument, NULL, OPT_IGNORE_ROBOTS},
    {"allow-host", required_argument, NULL, OPT_ALLOW_HOST},
    {"learn-sites", no_argument, NULL, OPT_LEARN_SITES},
    {"site-model", required_argument, NULL, OPT_SITE_MODEL},
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
           "archive (.warc, .warc.gz, .warc.zst, .arc, .arc.gz, or any file that holds\n"
           "one), a folder\n"
           "(every such file under it, recursively, in path order), - for standard\n"
           "input, or an http:// or https:// URL, fetched.  One record per page is\n"
           "printed, in input order; in an archive, the pages are its HTTP 200 HTML\n"
           "responses.\n"
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
           "      --links              markdown keeps the body's links as [text](url)\n"
           "      --images             markdown keeps the body's images as ![alt](src)\n"
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
           "\n"
           "Fetching (URL inputs, --urls, --feed, --sitemap):\n"
           "      --urls FILE          fetch the URLs in FILE, one a line (- for\n"
           "                           standard input)\n"
           "      --feed URL           fetch every item of an RSS, RDF or Atom feed\n"
           "      --sitemap URL        fetch every page of a sitemap or sitemap index\n"
           "                           (also Google News sitemaps and .xml.gz)\n"
           "      --warc-out FILE      write every request and response to FILE, a\n"
           "                           gzip-compressed WARC/1.1, as they are fetched\n"
           "      --user-agent UA      the User-Agent header (default: decant/%s)\n"
           "      --delay TIME         between two requests to one host (default: 1s)\n"
           "      --host-connections N\n"
           "                           at once to one host (default: 1)\n"
           "      --connections N      at once in all (default: 16)\n"
           "      --fetch-timeout TIME\n"
           "                           for a whole transfer (default: 30s)\n"
           "      --connect-timeout TIME\n"
           "                           for a connection (default: 10s)\n"
           "      --retries N          after 429, 5xx, time-outs and connection\n"
           "                           failures (default: 3)\n"
           "      --retry-delay TIME   before the first retry, doubled each time\n"
           "                           (default: 1s)\n"
           "      --max-redirects N    per URL (default: 10)\n"
           "      --max-pages N        links taken from one feed or sitemap\n"
           "                           (default: 10000)\n"
           "      --ignore-robots      fetch what robots.txt disallows\n"
           "      --allow-host HOST    also fetch feed and sitemap items on HOST (or\n"
           "                           HOST:PORT); only the hosts named on the command\n"
           "                           line, and where they redirect, are contacted\n"
           "  TIME is seconds (1.5) or ends in ms, s, m or h (500ms, 2m).  --max-bytes\n"
           "  also caps each download.\n"
           "\n"
           "      --learn-sites        learn each site's template (the blocks its pages\n"
           "                           repeat) from the input's pages and drop it\n"
           "      --site-model FILE    use the site templates saved in FILE, and save\n"
           "                           what --learn-sites learned back to it\n"
           "  -q, --quiet              no per-file messages, progress or summary on\n"
           "                           standard error\n"
           "  -h, --help               print this help and exit\n"
           "  -V, --version            print the version and exit\n"
           "\n"
           "Exit status:\n"
           "  0  every input was read (a page with bad content is a record, not a failure)\n"
           "  1  an input could not be opened, read or fetched (it still gets a record\n"
           "     saying why), no page was found at all, or the output could not be\n"
           "     written\n"
           "  2  usage error (unknown option, bad value, no input)\n",
           cfg->opts.max_input_bytes, decant_version());
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

/*
 * A duration in milliseconds: seconds, maybe with a fraction ("1.5"), or a
 * number with a unit: ms, s, m, h ("500ms", "2m").
 */
static int parse_duration(const char *s, unsigned *out)
{
    if (*s < '0' || *s > '9')
        return 0;
    unsigned long long whole = 0, frac = 0, scale = 1;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++) {
        whole = whole * 10 + (unsigned long long)(*p - '0');
        if (whole > UINT_MAX)
            return 0;
    }
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return 0;
        for (; *p >= '0' && *p <= '9'; p++)
            if (scale < 1000000) {
                frac = frac * 10 + (unsigned long long)(*p - '0');
                scale *= 10;
            }
    }
    unsigned long long unit;
    if (*p == '\0' || strcmp(p, "s") == 0)
        unit = 1000;
    else if (strcmp(p, "ms") == 0)
        unit = 1;
    else if (strcmp(p, "m") == 0)
        unit = 60000;
    else if (strcmp(p, "h") == 0)
        unit = 3600000;
    else
        return 0;
    unsigned long long ms = whole * unit + frac * unit / scale;
    if (ms > UINT_MAX)
        return 0;
    *out = (unsigned)ms;
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
    case OPT_LINKS:
        cfg->opts.markdown_links = 1;
        return 1;
    case OPT_IMAGES:
        cfg->opts.markdown_images = 1;
        return 1;
    case OPT_LEARN_SITES:
        cfg->learn_sites = 1;
        return 1;
    case OPT_SITE_MODEL:
        cfg->site_model = arg;
        return 1;
    case OPT_NO_REPAIR:
        cfg->opts.repair_mojibake = 0;
        return 1;
    case OPT_WARC_OUT:
        cfg->warc_out = arg;
        return 1;
    case OPT_USER_AGENT:
        cfg->fetch.user_agent = arg;
        return 1;
    case OPT_DELAY:
        return parse_duration(arg, &cfg->fetch.host_delay_ms) || bad_value("--delay", arg);
    case OPT_FETCH_TIMEOUT:
        return (parse_duration(arg, &cfg->fetch.timeout_ms) && cfg->fetch.timeout_ms) ||
               bad_value("--fetch-timeout", arg);
    case OPT_CONNECT_TIMEOUT:
        return (parse_duration(arg, &cfg->fetch.connect_timeout_ms) && cfg->fetch.connect_timeout_ms) ||
               bad_value("--connect-timeout", arg);
    case OPT_RETRY_DELAY:
        return parse_duration(arg, &cfg->fetch.retry_delay_ms) || bad_value("--retry-delay", arg);
    case OPT_HOST_CONNECTIONS:
        if (!parse_count(arg, 64, &v) || v == 0)
            return bad_value("--host-connections", arg);
        cfg->fetch.host_connections = (unsigned)v;
        return 1;
    case OPT_CONNECTIONS:
        if (!parse_count(arg, 1024, &v) || v == 0)
            return bad_value("--connections", arg);
        cfg->fetch.connections = (unsigned)v;
        return 1;
    case OPT_RETRIES:
        if (!parse_count(arg, 100, &v))
            return bad_value("--retries", arg);
        cfg->fetch.retries = (unsigned)v;
        return 1;
    case OPT_MAX_REDIRECTS:
        if (!parse_count(arg, 100, &v))
            return bad_value("--max-redirects", arg);
        cfg->fetch.max_redirects = (unsigned)v;
        return 1;
    case OPT_MAX_PAGES:
        if (!parse_count(arg, SIZE_MAX, &v) || v == 0)
            return bad_value("--max-pages", arg);
        cfg->fetch.max_pages = (size_t)v;
        return 1;
    case OPT_IGNORE_ROBOTS:
        cfg->fetch.ignore_robots = 1;
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

void cli_config_free(cli_config *cfg)
{
    free(cfg->inputs);
    free(cfg->input_kinds);
    free((void *)cfg->allow_hosts);
    cfg->inputs = NULL;
    cfg->input_kinds = NULL;
    cfg->allow_hosts = NULL;
    cfg->input_count = 0;
}

static void add_input(cli_config *cfg, char *arg, cli_input_kind kind)
{
    cfg->inputs[cfg->input_count] = arg;
    cfg->input_kinds[cfg->input_count++] = kind;
}

/* Reads the options; the inputs, operands and --urls/--feed/--sitemap
 * alike, in command-line order.  Returns CLI_PARSE_RUN or an exit status. */
static int parse_loop(int argc, char **argv, cli_config *cfg)
{
    size_t n = argc > 0 ? (size_t)argc : 1;
    cfg->inputs = calloc(n, sizeof *cfg->inputs);
    cfg->input_kinds = calloc(n, sizeof *cfg->input_kinds);
    cfg->allow_hosts = calloc(n, sizeof *cfg->allow_hosts);
    if (!cfg->inputs || !cfg->input_kinds || !cfg->allow_hosts) {
        cli_error("out of memory");
        return 1;
    }
    int c;
    /* The leading '-' hands operands over in place, as option 1. */
    while ((c = getopt_long(argc, argv, "-o:j:qhV", long_options, NULL)) != -1) {
        switch (c) {
        case 'h':
            print_help(cfg);
            return 0;
        case 'V':
            printf("decant %s\n", decant_version());
            return 0;
        case 1:
            add_input(cfg, optarg, CLI_IN_OPERAND);
            continue;
        case OPT_URLS:
            add_input(cfg, optarg, CLI_IN_URLS);
            continue;
        case OPT_FEED:
            add_input(cfg, optarg, CLI_IN_FEED);
            continue;
        case OPT_SITEMAP:
            add_input(cfg, optarg, CLI_IN_SITEMAP);
            continue;
        case OPT_ALLOW_HOST:
            if (!*optarg || strchr(optarg, '/')) {
                bad_value("--allow-host", optarg);
                return cli_usage_error();
            }
            cfg->allow_hosts[cfg->fetch.allow_host_count++] = optarg;
            continue;
        default:
            if (!apply_option(c, optarg, cfg))
                return cli_usage_error();
        }
    }
    /* After "--", the rest are operands. */
    for (; optind < argc; optind++)
        add_input(cfg, argv[optind], CLI_IN_OPERAND);
    return CLI_PARSE_RUN;
}

/*
 * Fills `cfg` from the command line.  Returns CLI_PARSE_RUN when there is
 * work to do (free it with cli_config_free), otherwise the exit status (0
 * after --help/--version, 2 after a usage error, which has been reported).
 */
int cli_parse_args(int argc, char **argv, cli_config *cfg)
{
    /* getopt prefixes its messages with argv[0], which may be a long path. */
    static char progname[] = "decant";
    if (argc > 0)
        argv[0] = progname;

    memset(cfg, 0, sizeof *cfg);
    decant_options_init(&cfg->opts);
    decant_fetch_options_init(&cfg->fetch);
    cfg->argc = argc;
    cfg->argv = argv;
    int status = parse_loop(argc, argv, cfg);
    if (status == CLI_PARSE_RUN && cfg->input_count == 0) {
        cli_error("no input given");
        status = cli_usage_error();
    }
    if (status == CLI_PARSE_RUN && cfg->url && cfg->input_count > 1) {
        cli_error("--url needs a single input");
        status = cli_usage_error();
    }
    if (status == CLI_PARSE_RUN && cfg->with_metadata && cfg->format != CLI_FORMAT_TEXT &&
        cfg->format != CLI_FORMAT_MARKDOWN) {
        cli_error("--with-metadata needs --format text or markdown (JSON records hold the metadata)");
        status = cli_usage_error();
    }
    if (status == CLI_PARSE_RUN && (cfg->opts.markdown_links || cfg->opts.markdown_images) &&
        cfg->format != CLI_FORMAT_MARKDOWN && cfg->body != CLI_FORMAT_MARKDOWN) {
        cli_error("--links and --images need --format markdown or --body markdown");
        status = cli_usage_error();
    }
    if (status != CLI_PARSE_RUN) {
        cli_config_free(cfg);
        return status;
    }
    if (cfg->jobs == 0)
        cfg->jobs = online_cores();
    cfg->fetch.max_bytes = cfg->opts.max_input_bytes;
    cfg->fetch.allow_hosts = cfg->allow_hosts;
    return CLI_PARSE_RUN;
}
