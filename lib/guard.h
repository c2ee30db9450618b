/*
 * guard.h — a linear prescan that defuses hostile markup before the parser.
 *
 * HTML5 tree construction is quadratic in nesting depth (scope checks walk
 * the stack of open elements) and can multiply nodes by reconstructing
 * piled-up formatting elements after every block.  100,000 nested <div>
 * cost myhtml 26 s, 350 KB of never-closed <b><i> 5 s, and 2,000 distinct
 * open <b> followed by <div>x</div> blocks 4 GB before it crashed.  The
 * parser cannot be interrupted, so the input is fixed up first.
 *
 * The guard tokenizes roughly (comments, raw-text elements and foreign
 * content are recognised; nothing is built), tracks an estimate of the stack
 * of open elements, and removes:
 *   - start tags that would open an element deeper than the depth bound, with
 *     as many end tags after them (their text stays where it was);
 *   - formatting start tags (b, i, font, ...) once DC_GUARD_MAX_FORMATTING of
 *     them are open, and their attributes once DC_GUARD_FMT_ATTRS are: they
 *     only change type style, never the text;
 *   - attributes past DC_GUARD_MAX_ATTRS on one element.
 * It also counts start tags, so that a page with more elements than
 * max_nodes is refused before myhtml spends memory on it.
 *
 * The estimate errs on the deep side (unknown and never-closed elements are
 * counted as open), so an ordinary page is never changed: then the input is
 * passed through untouched, without a copy.
 */
#ifndef DC_GUARD_H
#define DC_GUARD_H

#include <stddef.h>

#include "arena.h"
#include "decant.h"
#include "prune.h"

/* Formatting elements (b, i, em, font, ...) allowed open at once, and how
 * many of those may keep their attributes. */
#define DC_GUARD_MAX_FORMATTING 8
#define DC_GUARD_FMT_ATTRS 4
/* Attributes kept on one element. */
#define DC_GUARD_MAX_ATTRS 1024

/* The depth bound for a given options.max_depth: elements past max_depth are
 * flattened by the parser adapter anyway, so the guard only needs headroom
 * for its own estimate's error. */
unsigned dc_guard_depth_bound(unsigned max_depth);

typedef struct dc_guard_stats {
    size_t start_tags;      /* start tags seen (kept or not)                */
    size_t max_depth;       /* deepest estimated nesting reached            */
    size_t dropped_tags;    /* start and end tags removed                   */
    size_t dropped_attrs;   /* attributes removed                           */
    size_t work;            /* sum of the depths tags were kept at          */
} dc_guard_stats;

/*
 * Checks html[0..*len) (valid UTF-8).  When something must go, *html and
 * *len are replaced by a NUL-terminated copy in `ar`; otherwise they are left
 * alone.  Returns DECANT_OK, DECANT_ERR_NOMEM, or DECANT_ERR_LIMIT when the
 * page has more than max_nodes start tags.  `stats` may be NULL.
 */
decant_status dc_guard(const char **html, size_t *len, unsigned max_depth, size_t max_nodes,
                       dc_arena *ar, dc_guard_stats *stats);

/*
 * Must the guard run on a page prune.c produced with these stats?  0 when
 * the counts prove that no bound can be reached: fewer start tags than the
 * depth bound (depth cannot exceed them), fewer than DC_GUARD_FMT_ATTRS
 * formatting elements ever open at once, no start tag with more than
 * DC_GUARD_MAX_ATTRS attributes, too few tags for max_nodes or the work
 * budget, and no foreign content or <plaintext>, where the guard's model
 * could see other tags than prune did.  Most pages pass, and skip a second
 * tokenisation.
 */
int dc_guard_needed(const dc_prune_stats *ps, unsigned max_depth, size_t max_nodes);

#endif
