/*
 * extract.h — finding the article body and laying it out as blocks.
 *
 * Phases (each in its own file):
 *   clean.c   marks furniture (nav, share bars, cookie banners, teasers...)
 *   score.c   scores containers by their paragraphs' text and link density
 *   select.c  picks the main container and the siblings that belong to it
 *   render.c  walks the chosen subtree into blocks, then text or Markdown
 */
#ifndef DC_EXTRACT_H
#define DC_EXTRACT_H

#include "arena.h"
#include "dom.h"

typedef enum dc_block_kind {
    DC_BLOCK_PARAGRAPH,
    DC_BLOCK_HEADING,   /* level 1..6 */
    DC_BLOCK_LIST_ITEM, /* level = nesting depth; ordered flag */
    DC_BLOCK_QUOTE,
    DC_BLOCK_PRE,
    DC_BLOCK_TABLE_ROW, /* cells separated by '\t' in text */
    DC_BLOCK_CAPTION
} dc_block_kind;

typedef struct dc_block {
    uint8_t kind, level, ordered, header_row;
    uint32_t node;      /* the element the block came from */
    const char *text;   /* NUL-terminated, whitespace collapsed */
    uint32_t len;
    const char *md;     /* Markdown inline form (links, emphasis), or NULL */
    uint32_t md_len;
} dc_block;

typedef struct dc_blocks {
    dc_block *items;
    size_t count, cap;
} dc_blocks;

/* Per-node scratch, parallel to dom->nodes. */
typedef struct dc_stats {
    uint32_t text;      /* chars of text in the subtree (not in links)   */
    uint32_t link;      /* chars of text inside <a>                       */
    uint32_t paras;     /* paragraph-like children with real text         */
    uint32_t commas;
    float score;
} dc_stats;

/* Node flags (dc_node.flags). */
enum {
    DC_F_DROP = 1u << 0,     /* furniture: skipped with its subtree          */
    DC_F_HIDDEN = 1u << 1,   /* hidden by attribute or inline style          */
    DC_F_CONTENT = 1u << 2,  /* declared as the article body                 */
    DC_F_KEEP = 1u << 3,     /* inside the chosen body                       */
    DC_F_TITLE = 1u << 4,    /* the headline element                         */
    DC_F_RELATED = 1u << 5   /* a related/latest/most-read box               */
};

typedef struct dc_extract_ctx {
    const dc_dom *dom;
    dc_arena *ar;
    dc_stats *st;
    uint32_t root;        /* chosen container */
    const char *title;    /* headline (from metadata) to drop from body top */
} dc_extract_ctx;

/* Marks furniture with DC_F_DROP / DC_F_HIDDEN / DC_F_RELATED. */
void dc_clean(dc_dom *dom);
/* Computes stats bottom-up and scores candidates; returns 0 on OOM. */
int dc_score(dc_extract_ctx *cx);
/* Picks the main container; returns its node or DC_NONE. */
uint32_t dc_select(dc_extract_ctx *cx);
/* Renders the chosen subtree into blocks; returns 0 on OOM. */
int dc_render_blocks(dc_extract_ctx *cx, uint32_t root, dc_blocks *out);
/* Joins blocks as text / Markdown into the arena; NULL on OOM. */
char *dc_blocks_text(const dc_blocks *b, dc_arena *ar, size_t *len);
char *dc_blocks_markdown(const dc_blocks *b, dc_arena *ar, size_t *len);

#endif
