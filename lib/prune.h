/*
 * prune.h — cutting what no phase reads before the parser sees it.
 *
 * On news pages more than half of the bytes are inline scripts, styles,
 * inline SVG and comments, and a fifth of the rest is navigation menus.
 * Tokenising them is a large share of the parser's time, and every later
 * phase drops them anyway (<nav> is never body, byline or related box), so
 * their bodies are removed first (tags are kept, so the tree's shape does
 * not change).  JSON-LD scripts are kept whole: metadata reads them.
 */
#ifndef DC_PRUNE_H
#define DC_PRUNE_H

#include <stddef.h>

/*
 * Copies in[0..n) to out without the bodies of <script> (except JSON-LD),
 * <style>, <svg>, <nav>, <select> and <template> elements and without
 * comments.  `out` must hold n + 1
 * bytes; the result is NUL-terminated and its length returned.  Anything
 * unterminated (a comment without "-->", a script without "</script") is
 * copied as is for the parser to handle.
 */
size_t dc_prune(const char *in, size_t n, char *out);

#endif
