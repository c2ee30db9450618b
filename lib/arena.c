/* arena.c — see arena.h. */
#include "arena.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

struct dc_arena_block {
    dc_arena_block *next;
    size_t size; /* whole block, header included */
};

static void *std_malloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n);
}
static void *std_realloc(void *ctx, void *p, size_t o, size_t n)
{
    (void)ctx;
    (void)o;
    return realloc(p, n);
}
static void std_free(void *ctx, void *p, size_t n)
{
    (void)ctx;
    (void)n;
    free(p);
}

const decant_allocator dc_default_allocator = {std_malloc, std_realloc, std_free, NULL};

void *dc_malloc(const decant_allocator *a, size_t n)
{
    return a->malloc(a->ctx, n ? n : 1);
}

void *dc_calloc(const decant_allocator *a, size_t n)
{
    void *p = dc_malloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

void *dc_realloc(const decant_allocator *a, void *p, size_t old_n, size_t new_n)
{
    if (a->realloc)
        return a->realloc(a->ctx, p, old_n, new_n);
    void *q = a->malloc(a->ctx, new_n ? new_n : 1);
    if (!q)
        return NULL;
    if (p) {
        memcpy(q, p, old_n < new_n ? old_n : new_n);
        a->free(a->ctx, p, old_n);
    }
    return q;
}

void dc_free(const decant_allocator *a, void *p, size_t n)
{
    if (p)
        a->free(a->ctx, p, n);
}

char *dc_strdup(const decant_allocator *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = dc_malloc(a, n);
    if (d)
        memcpy(d, s, n);
    return d;
}

void dc_free_str(const decant_allocator *a, char *s)
{
    if (s)
        a->free(a->ctx, s, strlen(s) + 1);
}

/* The header in front of a sized block: its whole size, and room enough to
 * keep the block aligned for anything. */
typedef union {
    size_t size;
    max_align_t align;
} sized_head;

void *dc_malloc_sized(const decant_allocator *a, size_t n)
{
    if (n > SIZE_MAX - sizeof(sized_head))
        return NULL;
    sized_head *h = dc_malloc(a, n + sizeof(sized_head));
    if (!h)
        return NULL;
    h->size = n + sizeof(sized_head);
    return h + 1;
}

void dc_free_sized(const decant_allocator *a, void *p)
{
    if (!p)
        return;
    sized_head *h = (sized_head *)p - 1;
    dc_free(a, h, h->size);
}

void dc_arena_init(dc_arena *ar, const decant_allocator *alloc, size_t first_block)
{
    ar->alloc = dc_allocator_or_default(alloc);
    ar->head = NULL;
    ar->ptr = ar->end = NULL;
    ar->block_size = first_block < 4096 ? 4096 : first_block;
    ar->first_block = ar->block_size;
    ar->total = 0;
}

void dc_arena_release(dc_arena *ar)
{
    dc_arena_block *b = ar->head;
    while (b) {
        dc_arena_block *next = b->next;
        dc_free(ar->alloc, b, b->size);
        b = next;
    }
    ar->head = NULL;
    ar->ptr = ar->end = NULL;
    ar->total = 0;
}

void dc_arena_reset(dc_arena *ar)
{
    /* Keep the largest block so that a steady stream of pages of similar
     * size settles into zero allocations per page. */
    dc_arena_block *keep = NULL;
    for (dc_arena_block *b = ar->head; b; b = b->next)
        if (!keep || b->size > keep->size)
            keep = b;
    dc_arena_block *b = ar->head;
    while (b) {
        dc_arena_block *next = b->next;
        if (b != keep)
            dc_free(ar->alloc, b, b->size);
        b = next;
    }
    ar->head = keep;
    /* Growth restarts from the kept block, so that one huge page does not
     * make every later page allocate huge blocks. */
    ar->block_size = keep && keep->size > ar->first_block ? keep->size : ar->first_block;
    if (keep) {
        keep->next = NULL;
        ar->ptr = (char *)(keep + 1);
        ar->end = (char *)keep + keep->size;
        ar->total = keep->size;
    } else {
        ar->ptr = ar->end = NULL;
        ar->total = 0;
    }
}

void *dc_arena_alloc_slow(dc_arena *ar, size_t n)
{
    size_t hdr = (sizeof(dc_arena_block) + 7u) & ~(size_t)7u;
    size_t size = ar->block_size;
    if (n > SIZE_MAX / 2 - hdr)
        return NULL;
    while (size < n + hdr)
        size *= 2;
    dc_arena_block *b = dc_malloc(ar->alloc, size);
    if (!b)
        return NULL;
    b->size = size;
    b->next = ar->head;
    ar->head = b;
    ar->total += size;
    /* Grow geometrically so that big pages need few blocks. */
    if (ar->block_size < ((size_t)1 << 26))
        ar->block_size *= 2;
    char *p = (char *)b + hdr;
    ar->ptr = p + n;
    ar->end = (char *)b + size;
    return p;
}

/* The arena as an allocator for dc_grow_array: growing copies into a new
 * chunk, and the old one stays until the arena is reset. */
static void *arena_regrow(void *ctx, void *old, size_t old_size, size_t new_size)
{
    void *p = dc_arena_alloc((dc_arena *)ctx, new_size);
    if (p && old_size)
        memcpy(p, old, old_size);
    return p;
}

int dc_arena_grow_array(dc_arena *ar, void **arr, size_t *cap, size_t count, size_t elem,
                        size_t first)
{
    const decant_allocator view = {NULL, arena_regrow, NULL, ar};
    return dc_grow_array(&view, arr, cap, count, elem, first);
}

char *dc_arena_strndup(dc_arena *ar, const char *s, size_t n)
{
    char *p = dc_arena_alloc(ar, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void dc_sbuf_init(dc_sbuf *b, dc_arena *ar, size_t cap)
{
    b->ar = ar;
    b->len = 0;
    b->failed = 0;
    b->cap = cap < 16 ? 16 : cap;
    b->data = dc_arena_alloc(ar, b->cap);
    if (!b->data) {
        b->failed = 1;
        b->cap = 0;
    }
}

void dc_sbuf_grow(dc_sbuf *b, size_t need)
{
    if (b->failed)
        return;
    size_t cap = b->cap ? b->cap : 16;
    while (cap < b->len + need)
        cap *= 2;
    char *p = dc_arena_alloc(b->ar, cap);
    if (!p) {
        b->failed = 1;
        return;
    }
    if (b->len)
        memcpy(p, b->data, b->len);
    b->data = p;
    b->cap = cap;
}

void dc_sbuf_puts(dc_sbuf *b, const char *s)
{
    dc_sbuf_put(b, s, strlen(s));
}

char *dc_sbuf_finish(dc_sbuf *b)
{
    if (b->failed)
        return NULL;
    if (b->len + 1 > b->cap) {
        dc_sbuf_grow(b, 1);
        if (b->failed)
            return NULL;
    }
    b->data[b->len] = '\0';
    return b->data;
}
