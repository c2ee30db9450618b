/*
 * output.c — one task from its input to its output: reading the page (or
 * taking the archive record's payload), extracting it, rendering the JSON
 * record or the body, and writing it with the per-file message and the
 * counts for the summary.
 */
#include <stdlib.h>
#include <string.h>

#include "run.h"

void cli_task_free(cli_task *t)
{
    free(t->data);
    free(t->strings);
    decant_fetch_result_free(t->fetch);
    decant_buffer_free(&t->record);
    decant_article_free(t->article);
    memset(t, 0, sizeof *t);
}

void cli_task_fail(cli_task *t, const decant_error *err)
{
    t->failed = 1;
    t->err = *err;
    if (!t->err.message)
        t->err.message = decant_strerror(t->err.code);
    else if (err->message == err->detail)
        t->err.message = t->err.detail;
}

void cli_set_read_error(decant_error *err, int errnum)
{
    char text[128];
    cli_errno_text(errnum, text, sizeof text);
    memset(err, 0, sizeof *err);
    err->code = DECANT_ERR_INVALID;
    snprintf(err->detail, sizeof err->detail, "cannot read: %s", text);
    err->message = err->detail;
}

/* Reads a page's bytes; returns 0 or an errno value. */
static int load(const cli_runner *r, cli_job *job, char **data, size_t *len)
{
    if (job->preset_errno)
        return job->preset_errno;
    if (job->is_stdin) {
        *data = job->preread;
        *len = job->preread_len;
        job->preread = NULL;
        return 0;
    }
    return cli_read_path(job->path, cli_read_cap(&r->cfg->opts), data, len);
}

/* The library's body format for --format or --body (text for jsonl). */
static decant_body_format body_format(cli_format f)
{
    if (f == CLI_FORMAT_MARKDOWN)
        return DECANT_BODY_MARKDOWN;
    return f == CLI_FORMAT_HTML ? DECANT_BODY_HTML : DECANT_BODY_TEXT;
}

/* What the record says besides the article: where the page came from. */
static decant_record_info record_info(const cli_runner *r, const cli_task *t)
{
    if (t->kind == TASK_FETCH) {
        decant_record_info info = {t->id, t->input->path, t->fetch ? t->fetch->url : t->input->path,
                                   t->in_warc_out ? &t->warc : NULL};
        return info;
    }
    int warc = t->kind != TASK_PAGE;
    decant_record_info info = {t->id, t->input->path, warc ? NULL : r->cfg->url,
                               warc ? &t->warc : NULL};
    return info;
}

/* A record must never be lost: if the full one cannot be built, fall back to
 * one without the article, which needs far less memory. */
static void render_record(const cli_runner *r, cli_task *t)
{
    decant_record_info info = record_info(r, t);
    const decant_error *err = t->failed ? &t->err : NULL;
    if (decant_record_json_fetched(t->article, err, &info, t->fetch, body_format(r->cfg->body), &t->record) ==
        DECANT_OK)
        return;
    decant_buffer_free(&t->record);
    memset(&t->record, 0, sizeof t->record);
    if (!t->failed) {
        memset(&t->err, 0, sizeof t->err);
        t->err.code = DECANT_ERR_NOMEM;
        t->err.message = decant_strerror(DECANT_ERR_NOMEM);
        t->failed = 1;
    }
    if (decant_record_json_fetched(NULL, &t->err, &info, t->fetch, DECANT_BODY_TEXT, &t->record) != DECANT_OK) {
        decant_buffer_free(&t->record);
        memset(&t->record, 0, sizeof t->record);
    }
}

static void extract(const cli_runner *r, decant_extractor *ex, cli_task *t, const decant_input *in)
{
    /* With site templates, the page is extracted with the model and keeps
     * its evidence for learning. */
    decant_status st = r->sites ? decant_extract_site(ex, r->sites, in, &t->article, &t->err)
                                : decant_extract(ex, in, &t->article, &t->err);
    t->failed = st != DECANT_OK;
    /* The record's "error" is keyed off err.code, so it must agree with st. */
    if (t->failed && (t->err.code != st || !t->err.message)) {
        t->err.code = st;
        t->err.message = decant_strerror(st);
    }
}

/* Reads a page file's bytes into t->data (once: a second extraction of the
 * same task reuses them); returns 0 when the file could not be read. */
static int page_bytes(const cli_runner *r, cli_task *t)
{
    if (t->data || t->read_ok)
        return 1;
    int e = load(r, t->input, &t->data, &t->len);
    if (e) {
        cli_set_read_error(&t->err, e);
        t->failed = 1;
        return 0;
    }
    t->read_ok = 1;
    return 1;
}

void cli_task_extract(const cli_runner *r, decant_extractor *ex, cli_task *t, int keep)
{
    int fetched = t->kind == TASK_FETCH && t->fetch && !t->fetch->error;
    if (t->kind != TASK_PAGE && t->kind != TASK_WARC_PAGE && !fetched)
        return;
    decant_article_free(t->article);
    t->article = NULL;
    memset(&t->err, 0, sizeof t->err);
    t->failed = 0;
    if (t->kind == TASK_PAGE && !page_bytes(r, t))
        return;
    decant_input in = {t->data, t->len, r->cfg->url, r->cfg->content_type};
    if (t->kind == TASK_WARC_PAGE) {
        in.url = t->warc.target_uri;
        in.content_type = t->content_type;
    } else if (fetched) {
        in = (decant_input){t->fetch->body, t->fetch->body_size, t->fetch->url, t->fetch->content_type};
    }
    extract(r, ex, t, &in);
    if (!keep) {
        free(t->data);
        t->data = NULL;
    }
}

void cli_task_render(const cli_runner *r, cli_task *t)
{
    free(t->data);
    t->data = NULL;
    if (r->cfg->format == CLI_FORMAT_JSONL) {
        render_record(r, t);
        decant_article_free(t->article);
        t->article = NULL;
    }
}

void cli_task_process(const cli_runner *r, decant_extractor *ex, cli_task *t)
{
    cli_task_extract(r, ex, t, 0);
    cli_task_render(r, t);
}

static void write_body(const cli_runner *r, const cli_task *t)
{
    int html = r->cfg->format == CLI_FORMAT_HTML;
    if (r->headers)
        fprintf(r->out, html ? "%s<!-- ==> %s <== -->\n" : "%s==> %s <==\n", r->stats->written ? "\n" : "",
                t->fetch ? t->fetch->url : t->id ? t->id : "-");
    if (!t->article)
        return;
    if (r->cfg->with_metadata) {
        /* The front matter or header block; on failure the body goes alone. */
        decant_record_info info = record_info(r, t);
        decant_buffer head = {0};
        if (decant_article_front_matter(t->article, &info, body_format(r->cfg->format), &head) == DECANT_OK)
            fwrite(head.data ? head.data : "", 1, head.len, r->out);
        decant_buffer_free(&head);
    }
    size_t len = 0;
    const char *body = decant_article_body(t->article, body_format(r->cfg->format), &len);
    if (!body)
        body = decant_article_body(t->article, DECANT_BODY_TEXT, &len);
    if (!body || len == 0)
        return;
    fwrite(body, 1, len, r->out);
    if (body[len - 1] != '\n')
        fputc('\n', r->out);
}

static void count(cli_stats *s, const cli_task *t)
{
    if (t->kind == TASK_PAGE) {
        s->pages += t->read_ok;
        s->readable += t->read_ok;
    }
    if (t->kind == TASK_WARC_SKIP)
        return;
    if (t->kind == TASK_FETCH && t->fetch && t->fetch->error)
        s->errors_other++;
    else if (!t->failed)
        s->extracted++;
    else if ((unsigned)t->err.code < sizeof s->errors / sizeof s->errors[0])
        s->errors[t->err.code]++;
    else
        s->errors_other++;
}

/* Archive records fail by the thousand; only whole files are worth a line. */
static void report(const cli_runner *r, const cli_task *t)
{
    if (r->cfg->quiet || !t->failed || (t->kind != TASK_PAGE && t->kind != TASK_WARC_ERROR && t->kind != TASK_FETCH))
        return;
    cli_progress_clear(r->progress);
    if (t->kind == TASK_FETCH && t->fetch && t->fetch->error)
        fprintf(stderr, "decant: %s: %s (%s)\n", t->fetch->requested_url, t->fetch->error_message, t->fetch->error);
    else
        fprintf(stderr, "decant: %s: %s\n", t->fetch ? t->fetch->url : t->input->path, t->err.message);
}

/* Returns 0 once the output has failed, which makes further work pointless. */
int cli_task_write(cli_runner *r, cli_task *t)
{
    report(r, t);
    if (r->cfg->format == CLI_FORMAT_JSONL)
        fwrite(t->record.data ? t->record.data : "", 1, t->record.len, r->out);
    else
        write_body(r, t);
    count(r->stats, t);
    r->stats->written++;
    cli_task_free(t);
    return !ferror(r->out);
}
