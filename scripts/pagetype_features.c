/*
 * pagetype_features.c — prints the page-type features of pages, one JSON
 * line each, for scripts/train_pagetype.py.  Built against the library's
 * internal headers (like the unit tests), since the features are not API.
 *
 *   pagetype-features [--urls FILE] PAGE...
 *
 * FILE: lines "id<TAB>url"; a page whose id (file name without .html/.gz)
 * is listed is extracted with that URL, as a crawl would give it.
 * Output: a first line {"features": [names]}, then {"id": ..., "f": [...]}
 * per page (pages that give no article are left out).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decant.h"
#include "internal.h"
#include "pagetype.h"

typedef struct url_map {
    char **id, **url;
    size_t n;
} url_map;

static void load_urls(const char *path, url_map *m)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = 0;
        char *u = tab + 1;
        u[strcspn(u, "\r\n")] = 0;
        m->id = realloc(m->id, (m->n + 1) * sizeof *m->id);
        m->url = realloc(m->url, (m->n + 1) * sizeof *m->url);
        if (!m->id || !m->url)
            exit(2);
        m->id[m->n] = strdup(line);
        m->url[m->n] = strdup(u);
        m->n++;
    }
    fclose(f);
}

static char *stem(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    char *s = strdup(b);
    char *dot = strstr(s, ".htm");
    if (dot)
        *dot = 0;
    return s;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    url_map urls = {0};
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "--urls") == 0) {
        load_urls(argv[i + 1], &urls);
        i += 2;
    }
    decant_extractor *ex;
    if (decant_extractor_new(NULL, &ex, NULL) != DECANT_OK)
        return 2;
    printf("{\"features\": [");
    for (int k = 0; k < DC_PT_NFEAT; k++)
        printf("%s\"%s\"", k ? ", " : "", dc_pt_feature_names[k]);
    printf("]}\n");
    for (; i < argc; i++) {
        size_t len = 0;
        char *data = slurp(argv[i], &len);
        char *id = stem(argv[i]);
        const char *url = NULL;
        for (size_t k = 0; k < urls.n; k++)
            if (strcmp(urls.id[k], id) == 0)
                url = urls.url[k];
        decant_input in = {data, len, url, NULL};
        decant_article *a = NULL;
        decant_extract(ex, &in, &a, NULL);
        if (a) {
            printf("{\"id\": \"%s\", \"f\": [", id);
            for (int k = 0; k < DC_PT_NFEAT; k++)
                printf("%s%.6g", k ? ", " : "", a->pt_feat[k]);
            printf("]}\n");
        }
        decant_article_free(a);
        free(data);
        free(id);
    }
    decant_extractor_free(ex);
    return 0;
}
