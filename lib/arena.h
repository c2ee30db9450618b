/*
 * arena.h — one bump allocator per document.
 *
 * Everything a page needs (its DOM, scratch text, the article's strings) is
 * carved from an arena and released in one call, so no per-node malloc sits
 * in the hot path and no page can leak.  Blocks come from the caller's
 * decant_allocator; a failed allocation returns NULL and the arena stays
 * usable (callers turn NULL into DECANT_ERR_NOMEM).
 */
#ifndef DC_ARENA_H
#define DC_ARENA_H

#include <stddef.h>
#include <stdint.h>

#include "decant.h"

typedef struct dc_arena_block dc_arena_block;

typedef struct dc_arena {
    const decant_allocator *alloc; /* never NULL after dc_arena_init */
    dc_arena_block *head;          /* newest block first             */
    char *ptr, *end;               /* free space in the head block   */
    size_t block_size;             /* next block's size              */
    size_t first_block;            /* block_size after a reset       */
    size_t total;                  /* bytes obtained from alloc      */
} dc_arena;

/* The C library's allocator, for when the caller gave none. */
extern const decant_allocator dc_default_allocator;

/* Allocator helpers that honour a NULL realloc. */
void *dc_malloc(const decant_allocator *a, size_t n);
/* dc_malloc, the block zeroed: a new handle or node. */
void *dc_calloc(const decant_allocator *a, size_t n);
void *dc_realloc(const decant_allocator *a, void *p, size_t old_n, size_t new_n);
void dc_free(const decant_allocator *a, void *p, size_t n);

/* `a`, or the C library's allocator when it is NULL. */
static inline const decant_allocator *dc_allocator_or_default(const decant_allocator *a)
{
    return a ? a : &dc_default_allocator;
}

/* A copy of s (strlen(s) + 1 bytes from `a`), NULL for NULL or on OOM; and
 * its release, which takes the size from the string. */
char *dc_strdup(const decant_allocator *a, const char *s);
void dc_free_str(const decant_allocator *a, char *s);

/* For libraries that free without saying the size (zlib, zstd): the block
 * carries its size in front of it. */
void *dc_malloc_sized(const decant_allocator *a, size_t n);
void dc_free_sized(const decant_allocator *a, void *p);

void dc_arena_init(dc_arena *ar, const decant_allocator *alloc, size_t first_block);
/* Frees every block. The arena may be reused after dc_arena_init. */
void dc_arena_release(dc_arena *ar);
/* Keeps the first (largest) block, frees the rest: cheap reuse per page. */
void dc_arena_reset(dc_arena *ar);

void *dc_arena_alloc_slow(dc_arena *ar, size_t n);

/* 8-byte aligned allocation; NULL on failure. */
static inline void *dc_arena_alloc(dc_arena *ar, size_t n)
{
    n = (n + 7u) & ~(size_t)7u;
    if ((size_t)(ar->end - ar->ptr) >= n) {
        void *p = ar->ptr;
        ar->ptr += n;
        return p;
    }
    return dc_arena_alloc_slow(ar, n);
}

/*
 * Room for one more element in an array of *cap elements of `elem` bytes
 * holding `count`: when full, a copy twice as large (`first` elements the
 * first time) in the arena; the old one is abandoned.  0 on OOM.
 */
int dc_arena_grow_array(dc_arena *ar, void **arr, size_t *cap, size_t count, size_t elem,
                        size_t first);

/* Copies s[0..n) and NUL-terminates it. */
char *dc_arena_strndup(dc_arena *ar, const char *s, size_t n);

/*
 * A growable byte string in an arena.  Growth copies into a new arena chunk;
 * the old chunk is simply abandoned (it dies with the arena).
 */
typedef struct dc_sbuf {
    dc_arena *ar;
    char *data;
    size_t len, cap;
    int failed; /* set once an allocation failed; later appends are no-ops */
} dc_sbuf;

void dc_sbuf_init(dc_sbuf *b, dc_arena *ar, size_t cap);
void dc_sbuf_grow(dc_sbuf *b, size_t need);
static inline void dc_sbuf_put(dc_sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        dc_sbuf_grow(b, n + 1);
        if (b->failed)
            return;
    }
    for (size_t i = 0; i < n; i++)
        b->data[b->len + i] = s[i];
    b->len += n;
}
static inline void dc_sbuf_putc(dc_sbuf *b, char c)
{
    if (b->len + 2 > b->cap) {
        dc_sbuf_grow(b, 2);
        if (b->failed)
            return;
    }
    b->data[b->len++] = c;
}
void dc_sbuf_puts(dc_sbuf *b, const char *s);
/* NUL-terminates and returns the data (NULL if any append failed). */
char *dc_sbuf_finish(dc_sbuf *b);

#endif
