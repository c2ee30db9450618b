/* report.c — the progress line, the closing summary and the --stats file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Redraws more often than this only cost terminal bandwidth. */
#define REDRAW_SECONDS 0.1

struct cli_progress {
    uint64_t bytes_total;
    double start, last;
    int shown; /* a line is on screen */
};

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* NULL when no progress is wanted: --quiet, or stderr is not a terminal. */
cli_progress *cli_progress_new(const cli_config *cfg, uint64_t bytes_total)
{
    if (cfg->quiet || (!cfg->progress && !isatty(STDERR_FILENO)))
        return NULL;
    cli_progress *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->bytes_total = bytes_total;
    p->start = cli_now();
    /* The first record is drawn at once, so that short runs show a line too. */
    p->last = p->start - REDRAW_SECONDS;
    return p;
}

static void format_eta(char *buf, size_t size, double seconds)
{
    if (seconds < 0 || seconds > 359999) {
        snprintf(buf, size, "?");
        return;
    }
    unsigned long s = (unsigned long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(buf, size, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%lu:%02lu", s / 60, s % 60);
}

void cli_progress_update(cli_progress *p, uint64_t records, uint64_t bytes_read)
{
    if (!p)
        return;
    double now = cli_now();
    if (now - p->last < REDRAW_SECONDS)
        return;
    p->last = now;
    double elapsed = now - p->start;
    double mb = (double)bytes_read / 1e6;
    double rate = elapsed > 0 ? mb / elapsed : 0;
    char eta[32] = "?";
    if (p->bytes_total && rate > 0 && bytes_read <= p->bytes_total)
        format_eta(eta, sizeof eta, ((double)(p->bytes_total - bytes_read) / 1e6) / rate);
    fprintf(stderr, "\rdecant: %llu records, %.1f", (unsigned long long)records, mb);
    if (p->bytes_total)
        fprintf(stderr, "/%.1f", (double)p->bytes_total / 1e6);
    fprintf(stderr, " MB, %.1f MB/s, %.0f records/s, ETA %s\033[K",
            rate, elapsed > 0 ? (double)records / elapsed : 0.0, eta);
    fflush(stderr);
    p->shown = 1;
}

void cli_progress_clear(cli_progress *p)
{
    if (p && p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->shown = 0;
    }
}

void cli_progress_free(cli_progress *p)
{
    cli_progress_clear(p);
    free(p);
}

static uint64_t sum(const uint64_t *v, size_t n)
{
    uint64_t t = 0;
    for (size_t i = 0; i < n; i++)
        t += v[i];
    return t;
}

static uint64_t error_total(const cli_stats *s)
{
    return sum(s->errors, sizeof s->errors / sizeof s->errors[0]) + s->errors_other;
}

/* " (name n, name n)" for the nonzero counts. */
static void print_breakdown(const uint64_t *v, size_t n, const char *(*name)(int))
{
    const char *sep = " (";
    for (size_t i = 0; i < n; i++) {
        if (!v[i])
            continue;
        fprintf(stderr, "%s%s %llu", sep, name((int)i), (unsigned long long)v[i]);
        sep = ", ";
    }
    if (sep[0] == ',')
        fputc(')', stderr);
}

static const char *skip_name(int i)
{
    return decant_warc_skip_name((decant_warc_skip)i);
}

static const char *error_name(int i)
{
    return decant_status_name((decant_status)i);
}

void cli_print_summary(const cli_stats *s)
{
    fprintf(stderr, "decant: read %llu pages", (unsigned long long)s->pages);
    if (s->warc_files)
        fprintf(stderr, " and %llu records from %llu archives", (unsigned long long)s->records,
                (unsigned long long)s->warc_files);
    fprintf(stderr, " (%.1f MB) in %.1f s\n", (double)s->bytes_read / 1e6, s->seconds);
    if (s->fetched || s->fetch_errors)
        fprintf(stderr, "decant: fetched %llu URLs, %llu could not be\n", (unsigned long long)s->fetched,
                (unsigned long long)s->fetch_errors);
    fprintf(stderr, "decant: %llu extracted, %llu skipped",
            (unsigned long long)s->extracted,
            (unsigned long long)sum(s->skipped + 1, DECANT_WARC_SKIP_COUNT - 1));
    print_breakdown(s->skipped, DECANT_WARC_SKIP_COUNT, skip_name);
    fprintf(stderr, ", %llu errors", (unsigned long long)error_total(s));
    print_breakdown(s->errors, sizeof s->errors / sizeof s->errors[0], error_name);
    fputc('\n', stderr);
}

static void json_counts(FILE *f, const uint64_t *v, size_t n, const char *(*name)(int))
{
    fputc('{', f);
    const char *sep = "";
    for (size_t i = 0; i < n; i++) {
        if (!v[i])
            continue;
        fprintf(f, "%s\"%s\":%llu", sep, name((int)i), (unsigned long long)v[i]);
        sep = ",";
    }
    fputc('}', f);
}

int cli_write_stats(const char *path, const cli_stats *s)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        return 0;
    }
    fprintf(f, "{\"inputs\":%llu,\"warc_files\":%llu,\"pages\":%llu,\"records\":%llu,"
               "\"bytes_read\":%llu,\"seconds\":%.3f,\"written\":%llu,\"extracted\":%llu,"
               "\"skipped\":%llu,\"skipped_by_reason\":",
            (unsigned long long)s->inputs, (unsigned long long)s->warc_files,
            (unsigned long long)s->pages, (unsigned long long)s->records,
            (unsigned long long)s->bytes_read, s->seconds, (unsigned long long)s->written,
            (unsigned long long)s->extracted,
            (unsigned long long)sum(s->skipped + 1, DECANT_WARC_SKIP_COUNT - 1));
    uint64_t skipped[DECANT_WARC_SKIP_COUNT];
    memcpy(skipped, s->skipped, sizeof skipped);
    skipped[DECANT_WARC_HTML] = 0;
    json_counts(f, skipped, DECANT_WARC_SKIP_COUNT, skip_name);
    fprintf(f, ",\"errors\":%llu,\"errors_by_code\":", (unsigned long long)error_total(s));
    json_counts(f, s->errors, sizeof s->errors / sizeof s->errors[0], error_name);
    fprintf(f, ",\"fetched\":%llu,\"fetch_errors\":%llu}\n", (unsigned long long)s->fetched,
            (unsigned long long)s->fetch_errors);
    int ok = !ferror(f);
    if (fclose(f) != 0)
        ok = 0;
    if (!ok)
        cli_error("%s: write error", path);
    return ok;
}
