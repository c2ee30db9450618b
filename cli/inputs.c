/* inputs.c — turns the inputs into the ordered list of pages, WARC files
 * and URLs to extract. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Deeper trees are almost surely a mistake (or a bind-mount loop). */
#define CLI_MAX_WALK_DEPTH 256
/* Enough of a file to see through gzip or zstd to its first "WARC/". */
#define CLI_SNIFF_BYTES ((size_t)64 << 10)

typedef struct strlist {
    char **items;
    size_t count;
    size_t cap;
} strlist;

/* Does `name` end with one of `suffixes` (any case), with a name before it? */
static int has_suffix(const char *name, const char *const *suffixes)
{
    size_t n = strlen(name);
    for (; *suffixes; suffixes++) {
        size_t k = strlen(*suffixes);
        if (n > k && strcasecmp(name + n - k, *suffixes) == 0)
            return 1;
    }
    return 0;
}

static int is_page_name(const char *name)
{
    static const char *const page[] = {".html", ".htm", ".html.gz", ".htm.gz", NULL};
    return has_suffix(name, page);
}

static int is_warc_name(const char *name)
{
    static const char *const warc[] = {".warc", ".warc.gz", ".warc.zst", ".arc", ".arc.gz", NULL};
    return has_suffix(name, warc);
}

char *cli_make_id(const char *path)
{
    size_t n = strlen(path) + 1;
    char *id = malloc(n);
    if (id)
        decant_record_id(path, id, n);
    return id;
}

/* The capacity after `cap` for elements of `elem` bytes, or 0 on overflow. */
static size_t next_cap(size_t cap, size_t elem)
{
    size_t want = cap ? cap * 2 : 16;
    return want < cap || want > SIZE_MAX / elem ? 0 : want;
}

static int reserve_job(cli_joblist *list)
{
    if (list->count < list->cap)
        return 0;
    size_t cap = next_cap(list->cap, sizeof *list->jobs);
    cli_job *p = cap ? realloc(list->jobs, cap * sizeof *p) : NULL;
    if (!p)
        return ENOMEM;
    list->jobs = p;
    list->cap = cap;
    return 0;
}

/* Takes ownership of `path`, also on failure.  Callers pass errno through a
 * variable: strdup in the same argument list could clobber it first. */
static int add_job(cli_joblist *list, char *path, int preset_errno)
{
    char *id = path ? cli_make_id(path) : NULL;
    if (!id || reserve_job(list)) {
        free(path);
        free(id);
        return ENOMEM;
    }
    cli_job *job = &list->jobs[list->count++];
    memset(job, 0, sizeof *job);
    job->path = path;
    job->id = id;
    job->preset_errno = preset_errno;
    struct stat st;
    if (!preset_errno && stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        job->size = (uint64_t)st.st_size;
    return 0;
}

static char *join_path(const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    int slash = d > 0 && dir[d - 1] != '/';
    char *p = malloc(d + (size_t)slash + n + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, d);
    if (slash)
        p[d] = '/';
    memcpy(p + d + (size_t)slash, name, n + 1);
    return p;
}

static void strlist_free(strlist *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
}

/* Takes ownership of `s`, also on failure. */
static int strlist_push(strlist *l, char *s)
{
    if (l->count == l->cap) {
        size_t cap = next_cap(l->cap, sizeof *l->items);
        char **p = cap ? realloc(l->items, cap * sizeof *p) : NULL;
        if (!p) {
            free(s);
            return ENOMEM;
        }
        l->items = p;
        l->cap = cap;
    }
    l->items[l->count++] = s;
    return 0;
}

typedef enum entry_kind { ENTRY_SKIP, ENTRY_PAGE, ENTRY_DIR } entry_kind;

/*
 * Symbolic links are followed to files only: following them to folders
 * could loop forever.  A dangling link to a page name still becomes a page,
 * so the user sees an error record for it.  FIFOs and devices are skipped
 * because reading them could block the whole run.
 */
static entry_kind entry_kind_of(const char *path, const char *name, unsigned char d_type)
{
    struct stat st;
    if (d_type == DT_UNKNOWN) {
        if (lstat(path, &st) != 0)
            return is_page_name(name) || is_warc_name(name) ? ENTRY_PAGE : ENTRY_SKIP;
        d_type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK
                                              : S_ISREG(st.st_mode) ? DT_REG : DT_FIFO;
    }
    if (d_type == DT_DIR)
        return ENTRY_DIR;
    if (!is_page_name(name) && !is_warc_name(name))
        return ENTRY_SKIP;
    if (d_type == DT_REG)
        return ENTRY_PAGE;
    if (d_type != DT_LNK)
        return ENTRY_SKIP;
    if (stat(path, &st) != 0)
        return ENTRY_PAGE;
    return S_ISREG(st.st_mode) ? ENTRY_PAGE : ENTRY_SKIP;
}

/* Collects pages and subfolders of one folder, closing it before recursion. */
static int scan_dir(DIR *d, const char *dir, cli_joblist *list, strlist *subdirs)
{
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e)
            return errno;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = join_path(dir, e->d_name);
        if (!path)
            return ENOMEM;
        entry_kind kind = entry_kind_of(path, e->d_name, e->d_type);
        int rc = 0;
        int warc = is_warc_name(e->d_name);
        if (kind == ENTRY_PAGE && (rc = add_job(list, path, 0)) == 0)
            list->jobs[list->count - 1].is_warc = warc;
        else if (kind == ENTRY_DIR)
            rc = strlist_push(subdirs, path);
        else
            free(path);
        if (rc)
            return rc;
    }
}

/*
 * A folder that cannot be listed becomes a failed page of its own, so the
 * output shows that something was missed.  Returns nonzero only for out of
 * memory, which ends the run.
 */
static int walk(const char *dir, unsigned depth, cli_joblist *list)
{
    if (depth > CLI_MAX_WALK_DEPTH)
        return add_job(list, strdup(dir), ELOOP);
    DIR *d = opendir(dir);
    if (!d) {
        int e = errno;
        return add_job(list, strdup(dir), e);
    }
    strlist subdirs = {0};
    int rc = scan_dir(d, dir, list, &subdirs);
    closedir(d);
    if (rc && rc != ENOMEM)
        rc = add_job(list, strdup(dir), rc);
    for (size_t i = 0; !rc && i < subdirs.count; i++)
        rc = walk(subdirs.items[i], depth + 1, list);
    strlist_free(&subdirs);
    return rc;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const cli_job *)a)->path, ((const cli_job *)b)->path);
}

static int add_folder(const char *dir, int quiet, cli_joblist *list)
{
    size_t first = list->count;
    int rc = walk(dir, 0, list);
    if (rc)
        return rc;
    /* A folder adds no record of its own, so say when it contributed none. */
    if (list->count == first) {
        if (!quiet)
            cli_error("%s: no .html, .htm or .warc files found", dir);
        return 0;
    }
    qsort(list->jobs + first, list->count - first, sizeof *list->jobs, by_path);
    return 0;
}

/* Reads what remains of standard input after its first bytes. */
static int read_rest(cli_job *job, size_t cap)
{
    char *rest = NULL;
    size_t n = 0;
    int e = cli_read_fd(STDIN_FILENO, cap - job->preread_len, 0, &rest, &n);
    if (e)
        return e;
    char *all = realloc(job->preread, job->preread_len + n + 1);
    if (!all) {
        free(rest);
        return ENOMEM;
    }
    memcpy(all + job->preread_len, rest, n);
    free(rest);
    job->preread = all;
    job->preread_len += n;
    return 0;
}

/*
 * A page on standard input is read here, in order, so the result never
 * depends on which worker gets to it first.  A WARC is not: only its first
 * bytes are, to recognise it, and the reader streams the rest.
 */
static int add_stdin(const decant_options *opts, cli_joblist *list)
{
    int rc = add_job(list, strdup("-"), 0);
    if (rc)
        return rc;
    cli_job *job = &list->jobs[list->count - 1];
    job->is_stdin = 1;
    size_t cap = cli_read_cap(opts);
    size_t first = cap < CLI_SNIFF_BYTES ? cap : CLI_SNIFF_BYTES;
    job->preset_errno = cli_read_fd(STDIN_FILENO, first, 0, &job->preread, &job->preread_len);
    if (job->preset_errno)
        return 0;
    if (decant_warc_detect(job->preread, job->preread_len))
        job->is_warc = 1;
    else if (job->preread_len == first && first < cap)
        job->preset_errno = read_rest(job, cap);
    return 0;
}

/* Is the file a WARC by its content?  Unreadable files are left to fail later. */
static int sniff_warc(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char *head = NULL;
    size_t n = 0;
    int warc = cli_read_fd(fd, CLI_SNIFF_BYTES, 0, &head, &n) == 0 && decant_warc_detect(head, n);
    free(head);
    close(fd);
    return warc;
}

static int is_url(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

/* A URL to fetch: a page, a feed or a sitemap (CLI_FETCH_*). */
static int add_url(cli_joblist *list, const char *url, size_t len, int kind)
{
    /* Not strndup: `url` may be a line of a buffer with no NUL after it. */
    char *path = malloc(len + 1);
    if (path) {
        memcpy(path, url, len);
        path[len] = '\0';
    }
    int rc = add_job(list, path, 0);
    if (!rc)
        list->jobs[list->count - 1].fetch = kind;
    return rc;
}

/* --urls FILE: one URL a line; blank lines and "#" comments are skipped.
 * A line that is no http(s) URL still becomes a job, whose record says so. */
static int add_url_list(const char *file, const cli_config *cfg, cli_joblist *list)
{
    char *data = NULL;
    size_t len = 0;
    int e = strcmp(file, "-") == 0 ? cli_read_fd(STDIN_FILENO, cli_read_cap(&cfg->opts), 0, &data, &len)
                                   : cli_read_path(file, cli_read_cap(&cfg->opts), &data, &len);
    if (e)
        return add_job(list, strdup(file), e);
    int rc = 0;
    for (size_t i = 0; i < len && !rc;) {
        size_t end = i;
        while (end < len && data[end] != '\n')
            end++;
        size_t a = i, b = end;
        while (a < b && (data[a] == ' ' || data[a] == '\t' || data[a] == '\r'))
            a++;
        while (b > a && (data[b - 1] == ' ' || data[b - 1] == '\t' || data[b - 1] == '\r'))
            b--;
        if (b > a && data[a] != '#')
            rc = add_url(list, data + a, b - a, CLI_FETCH_PAGE);
        i = end + 1;
    }
    free(data);
    return rc;
}

static int add_operand(const char *arg, const cli_config *cfg, cli_joblist *list)
{
    if (strcmp(arg, "-") == 0)
        return add_stdin(&cfg->opts, list);
    if (is_url(arg))
        return add_url(list, arg, strlen(arg), CLI_FETCH_PAGE);
    struct stat st;
    if (stat(arg, &st) != 0) {
        int e = errno;
        return add_job(list, strdup(arg), e);
    }
    if (S_ISDIR(st.st_mode))
        return add_folder(arg, cfg->quiet, list);
    /* Page names are trusted without a look, which would cost an open each. */
    int warc = is_warc_name(arg) || (!is_page_name(arg) && S_ISREG(st.st_mode) && sniff_warc(arg));
    int rc = add_job(list, strdup(arg), 0);
    if (!rc)
        list->jobs[list->count - 1].is_warc = warc;
    return rc;
}

/* Returns 0, or ENOMEM when the list itself could not be built. */
int cli_collect_inputs(const cli_config *cfg, cli_joblist *list)
{
    for (size_t i = 0; i < cfg->input_count; i++) {
        const char *arg = cfg->inputs[i];
        int rc;
        switch (cfg->input_kinds[i]) {
        case CLI_IN_URLS:
            rc = add_url_list(arg, cfg, list);
            break;
        case CLI_IN_FEED:
            rc = add_url(list, arg, strlen(arg), CLI_FETCH_FEED);
            break;
        case CLI_IN_SITEMAP:
            rc = add_url(list, arg, strlen(arg), CLI_FETCH_SITEMAP);
            break;
        default:
            rc = add_operand(arg, cfg, list);
            break;
        }
        if (rc)
            return rc;
    }
    return 0;
}

void cli_joblist_free(cli_joblist *list)
{
    for (size_t i = 0; i < list->count; i++) {
        cli_job *job = &list->jobs[i];
        free(job->path);
        free(job->id);
        free(job->preread);
    }
    free(list->jobs);
    memset(list, 0, sizeof *list);
}
