/*
 * prune.h — cutting what no phase reads before the parser sees it.
 *
 * On news pages more than half of the bytes are inline scripts, styles,
 * inline SVG and comments, and a fifth of the rest is navigation menus.
 * Tokenising them is a large share of the parser's time, and every later
 * phase drops them anyway (<nav> is never body, byline or related box), so
 * they go first.  The parser's cost is per node more than per byte, so
 * whole elements go where nothing reads even their tags (scripts, styles,
 * SVG, inputs, most <link>s), and so do whitespace-only text nodes that
 * cannot reach the text (between two block tags, inside <head>): those were
 * a third of all nodes.  Elements that phases look at as markers (<nav>,
 * <select>, <template>) keep their tags, and JSON-LD scripts are kept
 * whole: metadata reads them.
 */
#ifndef DC_PRUNE_H
#define DC_PRUNE_H

#include <stddef.h>

/*
 * What the pass saw of the tags it kept: enough for guard.c to tell that a
 * page cannot trip any of its bounds (see dc_guard_needed), so that the
 * ordinary page is not tokenised a second time.  Counts are upper bounds of
 * what guard.c's own scan of the output would count.
 */
typedef struct dc_prune_stats {
    size_t tags;         /* start and end tags kept                          */
    size_t start_tags;   /* start tags kept, unterminated ones included      */
    size_t max_fmt_open; /* formatting elements open at once (b, i, font...) */
    size_t max_attrs;    /* most attributes kept on one start tag            */
    int unsure;          /* SVG, MathML or <plaintext> kept                  */
} dc_prune_stats;

/*
 * Copies in[0..n) to out without:
 *   - the bodies of <nav>, <select> and <template> elements;
 *   - <script> (except JSON-LD), <style>, <svg>, <input> and <link> (except
 *     canonical and microdata ones) elements, tags and all;
 *   - comments;
 *   - attributes no phase reads;
 *   - whitespace-only text between two block-level tags, just inside a
 *     block, or inside <head> (never inside <pre> or <listing>).
 * The bodies of <title>, <textarea>, <iframe> and the like are copied as
 * they are: the parser reads them as text.  Anything unterminated (a
 * comment without "-->", a script without "</script>") is copied as is for
 * the parser to handle.  `out` must hold n + 1 bytes; the result is
 * NUL-terminated and its length returned.  `stats` may be NULL.
 */
size_t dc_prune(const char *in, size_t n, char *out, dc_prune_stats *stats);

/* dc_prune, and with DC_PRUNE_KEEP_IMAGES <img> elements stay, with their
 * src, data-src and alt (for Markdown that keeps images). */
#define DC_PRUNE_KEEP_IMAGES 1u
size_t dc_prune_ex(const char *in, size_t n, char *out, dc_prune_stats *stats, unsigned flags);

#endif
