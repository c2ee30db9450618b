/*
 * site_model.h — the site model's tables, shared by site.c (fingerprints
 * and verdicts) and site_model.c (learning, bounds, the file format).  Not
 * installed: decant.h has the model as an opaque handle.
 */
#ifndef DC_SITE_MODEL_H
#define DC_SITE_MODEL_H

#include <pthread.h>
#include <stdint.h>

#include "site.h"
#include "decant.h"

/* Per site: distinct lines and shapes kept, identities remembered. */
#define SITE_LINES_MAX 16384
#define SITE_SHAPES_MAX 4096
#define SITE_IDENTS 1024

typedef struct dc_site_entry {
    uint32_t key;
    uint32_t pages;
    uint32_t link; /* shapes: the sum over pages of its link share, in % */
} dc_site_entry;

typedef struct dc_site_table {
    dc_site_entry *e;
    uint32_t cap, count; /* cap a power of two, 0 when unallocated */
} dc_site_table;

typedef struct dc_site_rec {
    char key[DC_SITE_KEY_MAX];
    uint32_t pages;
    uint64_t used;            /* the model's clock when last taught */
    uint32_t idents[SITE_IDENTS];
    uint32_t nidents, ident_at;
    dc_site_table lines, shapes;
} dc_site_rec;

struct decant_site_model {
    const decant_allocator *alloc;
    pthread_rwlock_t lock;
    dc_site_rec **sites;
    uint32_t nsites, cap;
    uint32_t *index;          /* open addressing over sites by key hash */
    uint32_t index_cap;
    uint64_t clock;
    size_t slots;             /* over all sites' tables */
};

/* The entry for key in t, or NULL. */
static inline dc_site_entry *dc_site_table_find(const dc_site_table *t, uint32_t key)
{
    if (!t->cap)
        return NULL;
    for (uint32_t i = key & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        if (t->e[i].key == key)
            return &t->e[i];
        if (!t->e[i].key)
            return NULL;
    }
}

/* Was a page of this identity (or its twin) learned? */
static inline int dc_site_has_identity(const dc_site_rec *s, uint32_t id)
{
    for (uint32_t i = 0; i < s->nidents; i++)
        if (s->idents[i] == id)
            return 1;
    return 0;
}

/* 0 means "no line" in a print and an empty slot in the tables. */
static inline uint32_t dc_site_nonzero(uint32_t h)
{
    return h ? h : 1;
}

/* The site of this key, or NULL (site_model.c). */
dc_site_rec *dc_site_find(const decant_site_model *m, const char *key);

#endif
