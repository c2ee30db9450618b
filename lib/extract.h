/*
 * extract.h — finding the article body and laying it out as blocks.
 *
 * Phases, one file each, all over the read-only node array (pre-order, so
 * a reverse loop is a bottom-up walk and needs no recursion), each handing
 * its result on to the next (decant.c drives them):
 *   clean.c   class/id/role vocabulary, hidden elements, furniture tags
 *             -> a dc_mark per node
 *   score.c   per-node text statistics, settled drops, paragraph scores
 *             -> a dc_stats per node
 *   select.c  the main container, its siblings, conditional cleaning
 *             -> dc_selection
 *   render.c  the chosen subtrees as blocks (and the related boxes met)
 *             -> dc_rendered; then the blocks as text, Markdown or HTML
 *             (render_html.c) on request
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
    DC_BLOCK_TABLE_ROW, /* cells separated by " | " */
    DC_BLOCK_CAPTION
} dc_block_kind;

/* A link or an image inside a block's text, for Markdown that keeps them
 * (decant_options.markdown_links / markdown_images). */
typedef struct dc_span {
    uint32_t start, end; /* the link's text in the block's; an image: end == start */
    const char *url;     /* absolute when the page's address is known        */
    const char *alt;     /* an image's alt text ("" for none); NULL: a link  */
} dc_span;

typedef struct dc_block {
    uint8_t kind, level, ordered;
    uint32_t node;      /* the element the block came from */
    const char *text;   /* NUL-terminated, whitespace collapsed */
    uint32_t len;
    const dc_span *spans; /* in order of start; only when asked for   */
    uint32_t nspans;
} dc_block;

typedef struct dc_blocks {
    dc_block *items;
    size_t count, cap;
} dc_blocks;

/* Per-node statistics, parallel to dom->nodes; subtree totals. */
typedef struct dc_stats {
    uint32_t chars;     /* non-space characters of text, links included */
    uint32_t link;      /* of which inside <a>                          */
    uint16_t commas;
    uint16_t p, li;       /* descendant <p> with text, and <li>       */
    uint16_t links;       /* descendant <a>                            */
    uint8_t has_h1, has_content, has_block_child, scored;
    uint8_t dropped;    /* skipped with its subtree: clean.c's drop, or a  */
                        /* nomination the statistics did not veto          */
    float score;
} dc_stats;

/* clean.c's verdict on each node: dc_mark.flags. */
enum {
    DC_F_DROP = 1u << 0,      /* furniture: skipped with its subtree         */
    DC_F_HARD = 1u << 1,      /* never content (script, nav, hidden...)      */
    DC_F_CAND_DROP = 1u << 2, /* furniture vocabulary, unless it holds the body */
    DC_F_CONTENT = 1u << 3,   /* declared as the article body                */
    DC_F_RELATED = 1u << 4,   /* a related/latest/most-read box              */
    DC_F_BYLINE = 1u << 5     /* byline/dateline/meta strip                  */
};

typedef struct dc_mark {
    uint16_t flags;     /* DC_F_*                                         */
    int16_t weight;     /* class/id vocabulary: < 0 furniture, > 0 content */
} dc_mark;

/* select.c's result: where the article is. */
typedef struct dc_selection {
    uint32_t roots[64];   /* chosen containers, in document order         */
    uint32_t nroots;
    uint32_t top;         /* the best candidate, or 0                     */
    uint8_t *protect;     /* per node: the best candidate or an ancestor
                           * of it, in an article kept as one             */
    int lenient;          /* no article found: keep the main region whole */
} dc_selection;

/* render.c's result: the body as blocks, and the related boxes the walk
 * met inside it (their links are related.c's). */
typedef struct dc_rendered {
    dc_blocks blocks;
    uint32_t *boxes;
    size_t nboxes, boxes_cap;
} dc_rendered;

/*
 * What the body phases know: the tree, what metadata found, and each
 * phase's result so far.  The driver (decant.c) fills it in phase by phase;
 * a phase reads it const and writes only the result it is handed.
 */
typedef struct dc_extract_ctx {
    const dc_dom *dom;
    dc_arena *ar;         /* scratch, reset after the page               */
    /* from metadata */
    const char *title;    /* headline, dropped from the body's top        */
    const char *const *authors; /* bylines naming them are dropped too     */
    size_t author_count;
    int dated;            /* the page states when it was published        */
    /* render.c's options: links and images kept as spans, for Markdown,
     * resolved against `base` when known */
    int links, images;
    const char *base;
    /* the phases' results, in the order they come */
    const dc_mark *mark;        /* clean.c, per node                     */
    const dc_stats *st;         /* score.c, per node                     */
    uint32_t body_chars;        /* score.c: chars in <body> after cleaning */
    const dc_selection *sel;    /* select.c                              */
    const dc_rendered *body;    /* render.c                              */
    const uint8_t *template_drop; /* site.c: per node, 1 = a block the site
                                  * repeats, nominated after clean; or NULL */
} dc_extract_ctx;

/* The first node at or after i in document order that is not inside a
 * dropped subtree (once score.c has settled the drops), or DC_NONE.  Loops
 * over the kept tree read:
 *     for (i = dc_kept_from(cx, 1); i; i = dc_kept_from(cx, i + 1)) */
static inline uint32_t dc_kept_from(const dc_extract_ctx *cx, uint32_t i)
{
    const dc_dom *d = cx->dom;
    while (i && i < d->count && cx->st[i].dropped)
        i = dc_skip_in(d, i, 0);
    return i < d->count ? i : DC_NONE;
}

/*
 * Vocabulary (clean.c): classifies a class/id string.  Returns a weight
 * (< 0 furniture, > 0 content) and sets *flags to DC_F_CAND_DROP,
 * DC_F_RELATED, DC_F_CONTENT, DC_F_BYLINE as matched.
 */
int dc_vocab_classify(const char *s, size_t n, uint16_t *flags);

/* Phrases (phrases.c): is this heading the title of a related, latest or
 * most-read box?  Is this short line a call to action ("Share")? */
int dc_is_related_heading(const char *s, size_t n);
int dc_is_cta_line(const char *s, size_t n);
/* A call to action, a copyright or press-registration line, or a dateline:
 * furniture when it stands alone as a paragraph. */
int dc_is_boilerplate_line(const char *s, size_t n);

/*
 * The body phases, in order.  Each reads what the ones before it found
 * through cx and writes only the result it is handed (zeroed, one entry
 * per node where it is an array); the driver then points cx at it.
 */
/* clean.c: marks furniture; 0 on OOM. */
int dc_clean(const dc_extract_ctx *cx, dc_mark *out);
/* score.c: subtree statistics and the settled drops (cx->st must already
 * point at `out`: the pass reads what it wrote); returns the characters
 * of <body> left after cleaning.  Then paragraph scores, propagated to
 * ancestors. */
uint32_t dc_stats_compute(const dc_extract_ctx *cx, dc_stats *out);
void dc_score(const dc_extract_ctx *cx, dc_stats *out);
/* select.c: the main container and its siblings; 0 on OOM. */
int dc_select(const dc_extract_ctx *cx, dc_selection *out);
/* Is node i (inside the chosen body) furniture to skip? (select.c) */
int dc_skip_conditional(const dc_extract_ctx *cx, uint32_t i);
/* render.c: the selected containers' kept subtrees as blocks; 0 on OOM. */
int dc_render(const dc_extract_ctx *cx, dc_rendered *out);
/* The blocks of `src` for an article: their texts views into `text`, which
 * dc_blocks_text() made of them, their spans copied into `ar`; 0 on OOM. */
int dc_blocks_adopt(const dc_blocks *src, const char *text, dc_arena *ar, dc_blocks *out);
/* Joins blocks as text / Markdown into the arena; NULL on OOM. */
char *dc_blocks_text(const dc_blocks *b, dc_arena *ar, size_t *len);
char *dc_blocks_markdown(const dc_blocks *b, dc_arena *ar, size_t *len);
/* ... as an HTML fragment (render_html.c); NULL on OOM. */
char *dc_blocks_html(const dc_blocks *b, dc_arena *ar, size_t *len);

/* Collects related/latest/most-read links into a->related (related.c), from
 * what select.c and render.c found.  Returns 0 on OOM. */
struct decant_article;
int dc_related_collect(const dc_extract_ctx *cx, const char *base_url, struct decant_article *a);
/* href resolved against base in `ar` (related.c); NULL for links that lead
 * nowhere (fragments, javascript:, mailto:) or when out of memory. */
char *dc_link_resolve(dc_arena *ar, const char *base, const char *href);

#endif
