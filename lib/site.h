/*
 * site.h — site templates: what a site repeats on its pages is furniture.
 *
 * A page's evidence (site.c, dc_site_prints) is one print per block element
 * of its <body>: the hash of a leaf block's normalised text (its "line"),
 * the hash of the block's shape (the tag and first class name of it and of
 * every ancestor), and its visible and linked characters.  A model
 * (struct decant_site_model) keeps, per site (registered domain, site_key.c),
 * on how many distinct pages each line and each shape was seen.  Applied to
 * a page, the model nominates the blocks its site repeats: lines seen on
 * other pages, boxes made of such lines, and boxes that are link lists in
 * the same place on other pages.  A nomination only puts the block up for
 * dropping (DC_F_CAND_DROP): score.c still keeps a block that holds the
 * headline, the declared body or most of the page's prose.
 *
 * The pipeline sees one call (dc_site_verdicts) that returns a per-node
 * verdict; everything else is this module's.
 */
#ifndef DC_SITE_H
#define DC_SITE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "dom.h"

/* Longest site key kept (a registered domain); longer hosts are cut. */
#define DC_SITE_KEY_MAX 64
/* Prints kept per page: a page with more blocks is read this far. */
#define DC_SITE_MAX_PRINTS 8192
#define DC_SITE_NONE UINT32_MAX

typedef struct dc_site_print {
    uint32_t node;   /* the element (valid while the page's DOM lives)     */
    uint32_t up;     /* the nearest enclosing print, or DC_SITE_NONE       */
    uint32_t line;   /* a leaf block's text hash; 0 for other blocks       */
    uint32_t shape;  /* the block's place in the template                  */
    uint32_t chars;  /* visible characters of its subtree                  */
    uint32_t link;   /* of which inside links                              */
    uint32_t bytes;  /* a leaf: its normalised text's length in bytes      */
    uint16_t anchors;/* links in its subtree, with text or not (capped)    */
    uint8_t tag;     /* dc_tag                                             */
    uint8_t wordy;   /* its own text has a letter or digit ("___" has none) */
    uint8_t inpage;  /* its own text holds an anchor into the page ("#top") */
} dc_site_print;

/* A page's evidence, kept in its article (arena) until it is learned. */
typedef struct dc_site_page {
    char site[DC_SITE_KEY_MAX]; /* "" when the page's site is unknown       */
    uint32_t identity;          /* its three longest lines: a page seen twice */
                                /* (or under two URLs) counts once          */
    uint32_t title;             /* the headline's line hash, 0 if none      */
    uint32_t lead;              /* the description's (the standfirst)       */
    uint32_t count;
    dc_site_print *p;
    uint32_t verdicts;          /* digest of the verdicts it was given      */
    uint32_t nominated;         /* how many blocks were nominated           */
} dc_site_page;

/*
 * The site of a URL: its registered domain ("news.example.co.uk" ->
 * "example.co.uk") from a compact built-in list of public suffixes
 * (site_key.c), lower-cased, without "www.".  Writes a NUL-terminated key
 * into out[DC_SITE_KEY_MAX]; returns its length, 0 when the URL has no host.
 */
size_t dc_site_key(const char *url, char *out);

/*
 * Fingerprints the parsed page into *pg (arrays from `ar`).  `title` and
 * `lead` are the resolved headline and description, or NULL: the lines
 * that equal them are never nominated (a story's standfirst is a teaser on
 * the site's other pages).  Returns 0 on OOM.
 */
int dc_site_prints(const dc_dom *d, const char *title, const char *lead, dc_arena *ar,
                   dc_site_page *pg);

struct decant_site_model;
/*
 * The model's verdict on the page: sets out[node] to the rule that
 * nominated each block (1 a line of other pages, 2 a box of such lines, 3 a
 * link list where other pages have one, 4 a teaser card beside the story)
 * (out has d->count bytes, zeroed by the caller) and records the
 * digest in pg->verdicts.  `out` may be NULL (digest only).  Takes the
 * model's read lock.
 */
void dc_site_verdicts(const struct decant_site_model *m, dc_site_page *pg, uint8_t *out);

#endif
