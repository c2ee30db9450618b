/*
 * site_model.c — the site model (see site.h, site_model.h): its tables and
 * their bounds, learning a page, and the file format.
 *
 * Each site has two open-addressing tables, lines and shapes, of distinct
 * pages' counts; a table that reaches its bound first forgets the keys seen
 * on one page only.  Sites live in an array with an index by key; past the
 * model's bound on slots, the sites taught longest ago go.  A read-write
 * lock lets extraction read the model from any number of threads while
 * learning and loading take it alone.
 */
#include "site_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "text.h"

/* Local names for the shared types. */
typedef dc_site_entry entry;
typedef dc_site_table table;
typedef dc_site_rec site;

/* The whole model: sites, and the slots of all sites' line and shape
 * tables (12 bytes each, tables at most 3/4 full: 24 MiB in all); past it,
 * the sites taught longest ago go. */
#define MODEL_SITES_MAX 65536
#define MODEL_SLOTS_MAX ((size_t)1 << 21)

#define MODEL_MAGIC "DCSITES\n"
#define MODEL_VERSION 1

#define table_find dc_site_table_find
#define has_identity dc_site_has_identity
#define nonzero dc_site_nonzero
#define site_find dc_site_find

static void table_put_slot(table *t, entry e)
{
    uint32_t i = e.key & (t->cap - 1);
    while (t->e[i].key)
        i = (i + 1) & (t->cap - 1);
    t->e[i] = e;
    t->count++;
}

/* Rehashes into `cap` slots, keeping entries with at least `min_pages`;
 * *slots counts the model's slots. */
static int table_rebuild(const decant_allocator *al, table *t, uint32_t cap, uint32_t min_pages,
                         size_t *slots)
{
    entry *e = dc_malloc(al, sizeof(entry) * cap);
    if (!e)
        return 0;
    memset(e, 0, sizeof(entry) * cap);
    table old = *t;
    t->e = e;
    t->cap = cap;
    t->count = 0;
    for (uint32_t i = 0; i < old.cap; i++)
        if (old.e[i].key && old.e[i].pages >= min_pages)
            table_put_slot(t, old.e[i]);
    *slots -= old.cap;
    *slots += cap;
    dc_free(al, old.e, sizeof(entry) * old.cap);
    return 1;
}

/* The entry for key, made if need be; NULL when the table is full of
 * evidence (or memory ran out): the key is then not counted. */
static entry *table_add(const decant_allocator *al, table *t, uint32_t key, uint32_t max,
                        size_t *slots)
{
    entry *e = table_find(t, key);
    if (e)
        return e;
    if (t->count + 1 > t->cap / 4 * 3) {
        if (t->cap < 2 * max) {
            if (!table_rebuild(al, t, t->cap ? t->cap * 2 : 64, 0, slots))
                return NULL;
        } else if (!table_rebuild(al, t, t->cap, 2, slots) || t->count + 1 > t->cap / 4 * 3) {
            /* full: singletons went, and still no room */
            return NULL;
        }
    }
    entry ne = {key, 0, 0};
    table_put_slot(t, ne);
    return table_find(t, key);
}

static void table_free(const decant_allocator *al, table *t)
{
    dc_free(al, t->e, sizeof(entry) * t->cap);
    t->e = NULL;
    t->cap = t->count = 0;
}

/* ------------------------------------------------------------- sites */

static uint32_t key_hash(const char *k)
{
    return nonzero(dc_fnv1a(k, strlen(k)));
}

dc_site_rec *dc_site_find(const decant_site_model *m, const char *key)
{
    if (!m->index_cap)
        return NULL;
    uint32_t h = key_hash(key);
    for (uint32_t i = h & (m->index_cap - 1);; i = (i + 1) & (m->index_cap - 1)) {
        uint32_t s = m->index[i];
        if (!s)
            return NULL;
        if (strcmp(m->sites[s - 1]->key, key) == 0)
            return m->sites[s - 1];
    }
}

static int index_rebuild(decant_site_model *m, uint32_t cap)
{
    uint32_t *ix = dc_malloc(m->alloc, sizeof(uint32_t) * cap);
    if (!ix)
        return 0;
    memset(ix, 0, sizeof(uint32_t) * cap);
    for (uint32_t s = 0; s < m->nsites; s++) {
        uint32_t i = key_hash(m->sites[s]->key) & (cap - 1);
        while (ix[i])
            i = (i + 1) & (cap - 1);
        ix[i] = s + 1;
    }
    dc_free(m->alloc, m->index, sizeof(uint32_t) * m->index_cap);
    m->index = ix;
    m->index_cap = cap;
    return 1;
}

static void site_free(decant_site_model *m, site *s)
{
    m->slots -= s->lines.cap + s->shapes.cap;
    table_free(m->alloc, &s->lines);
    table_free(m->alloc, &s->shapes);
    dc_free(m->alloc, s, sizeof *s);
}

static site *site_add(decant_site_model *m, const char *key)
{
    if (m->nsites >= MODEL_SITES_MAX)
        return NULL;
    if (m->nsites == m->cap) {
        uint32_t cap = m->cap ? m->cap * 2 : 64;
        site **ns = dc_realloc(m->alloc, m->sites, sizeof(site *) * m->cap, sizeof(site *) * cap);
        if (!ns)
            return NULL;
        m->sites = ns;
        m->cap = cap;
    }
    if ((m->nsites + 1) * 2 > m->index_cap &&
        !index_rebuild(m, m->index_cap ? m->index_cap * 2 : 128))
        return NULL;
    site *s = dc_malloc(m->alloc, sizeof *s);
    if (!s)
        return NULL;
    memset(s, 0, sizeof *s);
    snprintf(s->key, sizeof s->key, "%s", key);
    m->sites[m->nsites++] = s;
    uint32_t i = key_hash(key) & (m->index_cap - 1);
    while (m->index[i])
        i = (i + 1) & (m->index_cap - 1);
    m->index[i] = m->nsites;
    return s;
}

/* Drops the least recently taught sites (never `keep`) until the model's
 * tables are within bounds. */
static void evict(decant_site_model *m, const site *keep)
{
    while (m->slots > MODEL_SLOTS_MAX && m->nsites > 1) {
        uint32_t old = UINT32_MAX;
        for (uint32_t s = 0; s < m->nsites; s++)
            if (m->sites[s] != keep && (old == UINT32_MAX || m->sites[s]->used < m->sites[old]->used))
                old = s;
        if (old == UINT32_MAX)
            return;
        site_free(m, m->sites[old]);
        memmove(&m->sites[old], &m->sites[old + 1], sizeof(site *) * (m->nsites - old - 1));
        m->nsites--;
        index_rebuild(m, m->index_cap); /* same size: cannot fail to fit */
    }
}


/* ------------------------------------------------------------ the API */

decant_status decant_site_model_new(const decant_allocator *alloc, decant_site_model **out,
                                    decant_error *err)
{
    if (!out)
        return dc_fail(err, DECANT_ERR_INVALID, "out is NULL");
    *out = NULL;
    const decant_allocator *al = dc_allocator_or_default(alloc);
    decant_site_model *m = dc_malloc(al, sizeof *m);
    if (!m)
        return dc_fail(err, DECANT_ERR_NOMEM, NULL);
    memset(m, 0, sizeof *m);
    m->alloc = al;
    if (pthread_rwlock_init(&m->lock, NULL) != 0) {
        dc_free(al, m, sizeof *m);
        return dc_fail(err, DECANT_ERR_NOMEM, "creating the model's lock");
    }
    *out = m;
    return DECANT_OK;
}

static void model_clear(decant_site_model *m)
{
    for (uint32_t s = 0; s < m->nsites; s++)
        site_free(m, m->sites[s]);
    dc_free(m->alloc, m->sites, sizeof(site *) * m->cap);
    dc_free(m->alloc, m->index, sizeof(uint32_t) * m->index_cap);
    m->sites = NULL;
    m->index = NULL;
    m->nsites = m->cap = m->index_cap = 0;
    m->slots = 0;
    m->clock = 0;
}

void decant_site_model_free(decant_site_model *m)
{
    if (!m)
        return;
    model_clear(m);
    pthread_rwlock_destroy(&m->lock);
    dc_free(m->alloc, m, sizeof *m);
}

size_t decant_site_model_site_count(const decant_site_model *m)
{
    if (!m)
        return 0;
    decant_site_model *mm = (decant_site_model *)m;
    pthread_rwlock_rdlock(&mm->lock);
    size_t n = m->nsites;
    pthread_rwlock_unlock(&mm->lock);
    return n;
}

/* A page's keys, each once: an open-addressed set (and, for shapes, the
 * sum and count of the page's link shares), cheaper than sorting. */
typedef struct seen_key {
    uint32_t key, sum, count, done;
} seen_key;

static seen_key *seen_slot(seen_key *t, uint32_t cap, uint32_t key)
{
    uint32_t i = key & (cap - 1);
    while (t[i].key && t[i].key != key)
        i = (i + 1) & (cap - 1);
    return &t[i];
}

/* Counts the page's distinct lines and shapes into site s, in the order
 * the page has them (so that a full table keeps the same keys whatever
 * the machine). */
static int learn_page(decant_site_model *m, site *s, const dc_site_page *pg)
{
    uint32_t n = pg->count, cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    seen_key *lines = dc_malloc(m->alloc, sizeof(seen_key) * cap);
    seen_key *shapes = dc_malloc(m->alloc, sizeof(seen_key) * cap);
    if (!lines || !shapes) {
        dc_free(m->alloc, lines, sizeof(seen_key) * cap);
        dc_free(m->alloc, shapes, sizeof(seen_key) * cap);
        return 0;
    }
    memset(lines, 0, sizeof(seen_key) * cap);
    memset(shapes, 0, sizeof(seen_key) * cap);
    for (uint32_t k = 0; k < n; k++) {
        const dc_site_print *p = &pg->p[k];
        if (p->line) {
            seen_key *l = seen_slot(lines, cap, p->line);
            if (!l->key) {
                l->key = p->line;
                entry *e = table_add(m->alloc, &s->lines, p->line, SITE_LINES_MAX, &m->slots);
                if (e)
                    e->pages++;
            }
        }
        if (p->chars) {
            seen_key *h = seen_slot(shapes, cap, p->shape);
            h->key = p->shape;
            h->sum += (uint32_t)((uint64_t)p->link * 100 / p->chars);
            h->count++;
        }
    }
    for (uint32_t k = 0; k < n; k++) {
        const dc_site_print *p = &pg->p[k];
        if (!p->chars)
            continue;
        seen_key *h = seen_slot(shapes, cap, p->shape);
        if (h->done)
            continue;
        h->done = 1;
        entry *e = table_add(m->alloc, &s->shapes, p->shape, SITE_SHAPES_MAX, &m->slots);
        if (e) {
            e->pages++;
            e->link += h->sum / h->count; /* the page's mean share for the shape */
        }
    }
    dc_free(m->alloc, lines, sizeof(seen_key) * cap);
    dc_free(m->alloc, shapes, sizeof(seen_key) * cap);
    return 1;
}

decant_status decant_site_model_learn(decant_site_model *m, const decant_article *a)
{
    if (!m || !a)
        return DECANT_ERR_INVALID;
    const dc_site_page *pg = a->site_page;
    if (!pg || !pg->site[0] || !pg->count)
        return DECANT_OK; /* nothing to learn: no site, or no blocks */
    pthread_rwlock_wrlock(&m->lock);
    decant_status st = DECANT_OK;
    site *s = site_find(m, pg->site);
    if (!s)
        s = site_add(m, pg->site);
    if (!s) {
        st = DECANT_ERR_NOMEM;
    } else if (!has_identity(s, pg->identity)) {
        s->idents[s->ident_at] = pg->identity;
        s->ident_at = (s->ident_at + 1) % SITE_IDENTS;
        if (s->nidents < SITE_IDENTS)
            s->nidents++;
        s->pages++;
        s->used = ++m->clock;
        if (!learn_page(m, s, pg))
            st = DECANT_ERR_NOMEM;
        evict(m, s);
    }
    pthread_rwlock_unlock(&m->lock);
    return st;
}

/* ------------------------------------------------------- the file */

/*
 * Layout, all integers little-endian u32:
 *   "DCSITES\n" version nsites
 *   per site, sorted by key: keylen key[keylen] pages nidents idents[..]
 *     nlines (key pages)[..] nshapes (key pages link)[..], keys ascending
 *   FNV-1a of every byte before it
 * A reader trusts nothing: every count is bounded, every key distinct and
 * non-zero, the checksum and the exact length must agree.
 */

static int put32(decant_buffer *b, uint32_t v)
{
    char c[4] = {(char)(v & 255), (char)(v >> 8 & 255), (char)(v >> 16 & 255), (char)(v >> 24)};
    return dc_buffer_put(b, c, 4);
}

static int cmp_site(const void *a, const void *b)
{
    return strcmp((*(site *const *)a)->key, (*(site *const *)b)->key);
}

static int cmp_entry(const void *a, const void *b)
{
    uint32_t x = ((const entry *)a)->key, y = ((const entry *)b)->key;
    return x < y ? -1 : x > y;
}

static int put_table(const decant_allocator *al, decant_buffer *b, const table *t, int with_link)
{
    entry *e = dc_malloc(al, sizeof(entry) * (t->count ? t->count : 1));
    if (!e)
        return 0;
    uint32_t n = 0;
    for (uint32_t i = 0; i < t->cap; i++)
        if (t->e[i].key)
            e[n++] = t->e[i];
    qsort(e, n, sizeof *e, cmp_entry);
    int ok = put32(b, n);
    for (uint32_t i = 0; ok && i < n; i++)
        ok = put32(b, e[i].key) && put32(b, e[i].pages) && (!with_link || put32(b, e[i].link));
    dc_free(al, e, sizeof(entry) * (t->count ? t->count : 1));
    return ok;
}

decant_status decant_site_model_save(const decant_site_model *m, decant_buffer *out)
{
    if (!m || !out)
        return DECANT_ERR_INVALID;
    decant_site_model *mm = (decant_site_model *)m;
    pthread_rwlock_rdlock(&mm->lock);
    size_t start = out->len;
    site **order = dc_malloc(m->alloc, sizeof(site *) * (m->nsites ? m->nsites : 1));
    int ok = order != NULL;
    if (ok) {
        if (m->nsites)
            memcpy(order, m->sites, sizeof(site *) * m->nsites);
        qsort(order, m->nsites, sizeof *order, cmp_site);
        ok = dc_buffer_put(out, MODEL_MAGIC, 8) && put32(out, MODEL_VERSION) && put32(out, m->nsites);
    }
    for (uint32_t k = 0; ok && k < m->nsites; k++) {
        const site *s = order[k];
        uint32_t kl = (uint32_t)strlen(s->key);
        ok = put32(out, kl) && dc_buffer_put(out, s->key, kl) && put32(out, s->pages) &&
             put32(out, s->nidents);
        /* oldest first, so that a reload keeps the same ring order */
        for (uint32_t i = 0; ok && i < s->nidents; i++) {
            uint32_t at = s->nidents < SITE_IDENTS ? i : (s->ident_at + i) % SITE_IDENTS;
            ok = put32(out, s->idents[at]);
        }
        ok = ok && put_table(m->alloc, out, &s->lines, 0) && put_table(m->alloc, out, &s->shapes, 1);
    }
    if (ok)
        ok = put32(out, dc_fnv1a(out->data + start, out->len - start));
    dc_free(m->alloc, order, sizeof(site *) * (m->nsites ? m->nsites : 1));
    pthread_rwlock_unlock(&mm->lock);
    if (!ok) {
        out->len = start;
        return DECANT_ERR_NOMEM;
    }
    return DECANT_OK;
}

typedef struct reader {
    const unsigned char *p;
    size_t len, at;
    int bad;
} reader;

static uint32_t get32(reader *r)
{
    if (r->bad || r->len - r->at < 4) {
        r->bad = 1;
        return 0;
    }
    const unsigned char *q = r->p + r->at;
    r->at += 4;
    return (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
}

/* Reads a table of `n` entries; 0 when malformed. */
static int get_table(decant_site_model *m, reader *r, table *t, uint32_t max, uint32_t pages,
                     int with_link)
{
    uint32_t n = get32(r);
    if (r->bad || n > max || (size_t)n * (with_link ? 12 : 8) > r->len - r->at)
        return 0;
    uint32_t last = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t key = get32(r), pg = get32(r), link = with_link ? get32(r) : 0;
        if (r->bad || !key || key <= last || !pg || pg > pages || link > (uint64_t)100 * pg)
            return 0;
        last = key;
        entry *e = table_add(m->alloc, t, key, max, &m->slots);
        if (!e || e->pages)
            return 0;
        e->pages = pg;
        e->link = link;
    }
    return 1;
}

static int key_ok(const unsigned char *k, uint32_t n)
{
    if (n == 0 || n >= DC_SITE_KEY_MAX)
        return 0;
    for (uint32_t i = 0; i < n; i++)
        if (k[i] <= ' ' || k[i] >= 0x7F)
            return 0;
    return 1;
}

static const char *load_sites(decant_site_model *m, reader *r)
{
    if (r->len < 20 || memcmp(r->p, MODEL_MAGIC, 8) != 0)
        return "not a decant site model";
    r->at = 8;
    if (get32(r) != MODEL_VERSION)
        return "unsupported site model version";
    /* the checksum first: a damaged file says so plainly */
    reader tail = {r->p, r->len, r->len - 4, 0};
    if (get32(&tail) != dc_fnv1a((const char *)r->p, r->len - 4))
        return "site model checksum mismatch (damaged or truncated)";
    r->len -= 4;
    uint32_t nsites = get32(r);
    if (nsites > MODEL_SITES_MAX)
        return "too many sites in the site model";
    char prev[DC_SITE_KEY_MAX] = "";
    for (uint32_t k = 0; k < nsites; k++) {
        uint32_t kl = get32(r);
        if (r->bad || kl > r->len - r->at || !key_ok(r->p + r->at, kl))
            return "bad site key in the site model";
        char key[DC_SITE_KEY_MAX];
        memcpy(key, r->p + r->at, kl);
        key[kl] = '\0';
        r->at += kl;
        if (k && strcmp(key, prev) <= 0)
            return "site keys out of order in the site model";
        memcpy(prev, key, kl + 1);
        site *s = site_add(m, key);
        if (!s)
            return "out of memory loading the site model";
        s->pages = get32(r);
        s->nidents = get32(r);
        if (r->bad || !s->pages || s->nidents > SITE_IDENTS || s->nidents > s->pages)
            return "bad site counts in the site model";
        for (uint32_t i = 0; i < s->nidents; i++)
            s->idents[i] = get32(r);
        s->ident_at = s->nidents % SITE_IDENTS;
        s->used = ++m->clock;
        if (r->bad || !get_table(m, r, &s->lines, SITE_LINES_MAX, s->pages, 0) ||
            !get_table(m, r, &s->shapes, SITE_SHAPES_MAX, s->pages, 1))
            return "bad table in the site model";
        if (m->slots > MODEL_SLOTS_MAX)
            return "site model larger than its bounds";
    }
    if (r->bad || r->at != r->len)
        return "trailing bytes in the site model";
    return NULL;
}

decant_status decant_site_model_load(decant_site_model *m, const void *data, size_t len,
                                     decant_error *err)
{
    if (!m || (!data && len))
        return dc_fail(err, DECANT_ERR_INVALID, NULL);
    pthread_rwlock_wrlock(&m->lock);
    model_clear(m);
    reader r = {data, len, 0, 0};
    const char *why = load_sites(m, &r);
    if (why)
        model_clear(m);
    pthread_rwlock_unlock(&m->lock);
    if (!why)
        return DECANT_OK;
    decant_status st = strstr(why, "memory") ? DECANT_ERR_NOMEM : DECANT_ERR_PARSE;
    if (err) {
        dc_fail(err, st, NULL);
        snprintf(err->detail, sizeof err->detail, "%s", why);
        err->message = err->detail;
    }
    return st;
}

