/*
 * fetch.c — the inputs that are URLs (operands, --urls, --feed, --sitemap):
 * fetched by the library's fetcher ahead of their turn, so that many hosts
 * are fetched at once while the records still come out in input order.
 * With --warc-out, each result's requests and responses are written to the
 * archive as it is handed on, before it is extracted.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

struct cli_fetching {
    decant_fetcher *f;
    decant_error err;          /* why there is no fetcher                  */
    size_t next_add;           /* the next input to give the fetcher       */
    int warc_failed;           /* reported once                            */
};

cli_fetching *cli_fetch_begin(cli_runner *r)
{
    size_t i = 0;
    while (i < r->list->count && !r->list->jobs[i].fetch)
        i++;
    if (i == r->list->count)
        return NULL;
    cli_fetching *fx = calloc(1, sizeof *fx);
    if (!fx)
        return NULL;
    fx->next_add = i;
    if (decant_fetcher_new(&r->cfg->fetch, &fx->f, &fx->err) != DECANT_OK)
        fx->f = NULL;
    return fx;
}

void cli_fetch_end(cli_fetching *fx)
{
    if (!fx)
        return;
    decant_fetcher_free(fx->f);
    free(fx);
}

static decant_fetch_kind kind_of(int fetch)
{
    return fetch == CLI_FETCH_FEED ? DECANT_FETCH_FEED
           : fetch == CLI_FETCH_SITEMAP ? DECANT_FETCH_SITEMAP
                                        : DECANT_FETCH_PAGE;
}

/* Gives the fetcher every URL input up to `upto`, and more after it while
 * it holds fewer than a window's worth. */
static int top_up(cli_runner *r, cli_fetching *fx, size_t upto)
{
    while (fx->next_add < r->list->count) {
        if (fx->next_add > upto && decant_fetcher_pending(fx->f) >= r->cfg->fetch.window)
            break;
        cli_job *j = &r->list->jobs[fx->next_add];
        if (j->fetch && decant_fetcher_add(fx->f, j->path, kind_of(j->fetch), j, &fx->err) != DECANT_OK)
            return 0;
        fx->next_add++;
    }
    return 1;
}

/* Failures of the fetch itself, which make the exit status 1; the others
 * (not HTML, too large, ...) are about the content, as for files. */
static int fetch_failure(const char *code)
{
    static const char *const content[] = {"not_html", "too_large", "encoding", "empty", "nomem"};
    if (!code)
        return 0;
    for (size_t i = 0; i < sizeof content / sizeof content[0]; i++)
        if (strcmp(code, content[i]) == 0)
            return 0;
    return 1;
}

static void write_warc(cli_runner *r, cli_fetching *fx, cli_task *t)
{
    decant_warc_writer *w = r->cfg->warc_writer;
    if (!w)
        return;
    uint64_t at = UINT64_MAX;
    decant_error err = {0};
    if (decant_warc_write_result(w, t->fetch, &at, &err) != DECANT_OK) {
        if (!fx->warc_failed && !r->cfg->quiet)
            cli_error("%s: %s", r->cfg->warc_out, err.message ? err.message : decant_strerror(err.code));
        fx->warc_failed = 1;
        return;
    }
    if (at == UINT64_MAX)
        return;
    /* The record points into the archive, exactly as reading it back would. */
    t->in_warc_out = 1;
    t->warc.record_id = t->fetch->id;
    t->warc.target_uri = t->fetch->url;
    t->warc.date = t->fetch->date;
    t->warc.file = r->cfg->warc_out;
    t->warc.offset = at;
    t->warc.skip = NULL;
}

static int emit_result(cli_runner *r, cli_fetching *fx, cli_job *in, decant_fetch_result *res, uint64_t base)
{
    cli_task t = {.kind = TASK_FETCH, .input = in, .fetch = res, .id = res->id, .weight = res->body_size};
    write_warc(r, fx, &t);
    if (fetch_failure(res->error))
        r->fed.fetch_errors++;
    else
        r->fed.fetched++;
    /* A feed or sitemap that was read is its items, not a record. */
    if (res->kind != DECANT_FETCH_PAGE && !res->error) {
        if (res->items_dropped && !r->cfg->quiet)
            cli_error("%s: %zu links beyond --max-pages %zu left out", res->url, res->items_dropped,
                      r->cfg->fetch.max_pages);
        decant_fetch_result_free(res);
        return 1;
    }
    t.failed = res->error != NULL;
    return cli_emit(r, &t, base);
}

/* A record for an input the fetcher never took (it could not be made). */
static int emit_failure(cli_runner *r, cli_job *in, const decant_error *err, uint64_t base)
{
    cli_task t = {.kind = TASK_FETCH, .input = in, .id = in->id};
    cli_task_fail(&t, err);
    r->fed.fetch_errors++;
    return cli_emit(r, &t, base);
}

int cli_feed_url(cli_runner *r, cli_fetching *fx, size_t i, uint64_t base)
{
    cli_job *in = &r->list->jobs[i];
    r->fed.readable++;
    static const decant_error nomem = {DECANT_ERR_NOMEM, "out of memory", 0, ""};
    if (!fx || !fx->f)
        return emit_failure(r, in, fx ? &fx->err : &nomem, base);
    if (!top_up(r, fx, i))
        return emit_failure(r, in, &fx->err, base);
    for (;;) {
        decant_fetch_result *res = NULL;
        decant_error err = {0};
        decant_status st = decant_fetcher_next(fx->f, &res, &err);
        if (st == DECANT_ERR_EMPTY)
            return 1;
        if (st != DECANT_OK)
            return emit_failure(r, in, &err, base);
        int end = res->entry_end;
        if (!emit_result(r, fx, in, res, base))
            return 0;
        if (!top_up(r, fx, i))
            return emit_failure(r, in, &fx->err, base);
        if (end)
            return 1;
    }
}

/* ------------------------------------------------------------ --warc-out */

static int put(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap * 2 : 1024;
        while (c < *len + n + 1)
            c *= 2;
        char *p = realloc(*buf, c);
        if (!p)
            return 0;
        *buf = p;
        *cap = c;
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
    return 1;
}

/* The warcinfo block: what made the archive and how it fetched, so that a
 * crawl can be judged (and repeated) from the archive alone. */
static char *warcinfo_fields(const cli_config *cfg)
{
    const decant_fetch_options *o = &cfg->fetch;
    char line[512];
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int ok = 1;
#define FIELD(...)                                      \
    do {                                                \
        snprintf(line, sizeof line, __VA_ARGS__);       \
        ok = ok && put(&buf, &len, &cap, line);         \
    } while (0)
    FIELD("software: decant %s\r\n", decant_version());
    FIELD("format: WARC File Format 1.1\r\n");
    FIELD("conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n");
    if (o->user_agent)
        FIELD("http-header-user-agent: %s\r\n", o->user_agent);
    else
        FIELD("http-header-user-agent: decant/%s\r\n", decant_version());
    FIELD("robots: %s\r\n", o->ignore_robots ? "ignore" : "obey");
    FIELD("decant-delay-ms: %u\r\n", o->host_delay_ms);
    FIELD("decant-host-connections: %u\r\n", o->host_connections);
    FIELD("decant-connections: %u\r\n", o->connections);
    FIELD("decant-fetch-timeout-ms: %u\r\n", o->timeout_ms);
    FIELD("decant-connect-timeout-ms: %u\r\n", o->connect_timeout_ms);
    FIELD("decant-retries: %u\r\n", o->retries);
    FIELD("decant-retry-delay-ms: %u\r\n", o->retry_delay_ms);
    FIELD("decant-max-redirects: %u\r\n", o->max_redirects);
    FIELD("decant-max-bytes: %zu\r\n", o->max_bytes);
    FIELD("decant-max-pages: %zu\r\n", o->max_pages);
    for (size_t i = 0; i < o->allow_host_count; i++)
        FIELD("decant-allow-host: %s\r\n", o->allow_hosts[i]);
    ok = ok && put(&buf, &len, &cap, "decant-command-line: decant");
    for (int i = 1; ok && i < cfg->argc; i++) {
        /* One line: a line break in an argument would end the field. */
        char *arg = strdup(cfg->argv[i]);
        ok = arg != NULL;
        for (char *p = arg; ok && *p; p++)
            if (*p == '\r' || *p == '\n')
                *p = ' ';
        ok = ok && put(&buf, &len, &cap, " ") && put(&buf, &len, &cap, arg);
        free(arg);
    }
    ok = ok && put(&buf, &len, &cap, "\r\n");
#undef FIELD
    if (!ok) {
        free(buf);
        return NULL;
    }
    return buf;
}

int cli_warc_open(cli_config *cfg)
{
    decant_error err = {0};
    if (decant_warc_writer_open(cfg->warc_out, 1, &cfg->warc_writer, &err) != DECANT_OK) {
        cli_error("%s", err.message ? err.message : decant_strerror(err.code));
        return 0;
    }
    char *fields = warcinfo_fields(cfg);
    const char *slash = strrchr(cfg->warc_out, '/');
    const char *name = slash ? slash + 1 : cfg->warc_out;
    if (!fields || decant_warc_write_info(cfg->warc_writer, name, fields, &err) != DECANT_OK) {
        cli_error("%s: %s", cfg->warc_out, fields ? err.message : "out of memory");
        free(fields);
        decant_warc_writer_close(cfg->warc_writer, NULL);
        cfg->warc_writer = NULL;
        return 0;
    }
    free(fields);
    return 1;
}

int cli_warc_close(cli_config *cfg)
{
    if (!cfg->warc_writer)
        return 1;
    decant_error err = {0};
    decant_status st = decant_warc_writer_close(cfg->warc_writer, &err);
    cfg->warc_writer = NULL;
    if (st != DECANT_OK) {
        cli_error("%s", err.message ? err.message : decant_strerror(err.code));
        return 0;
    }
    return 1;
}
