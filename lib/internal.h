/*
 * internal.h — what the library's phases share; not installed.
 */
#ifndef DC_INTERNAL_H
#define DC_INTERNAL_H

#include "arena.h"
#include "decant.h"
#include "dom.h"
#include "extract.h"

#define DC_MAX_AUTHORS 16
#define DC_MAX_TAGS 32
/* Room for the page-type features (pagetype.h checks that they fit). */
#define DC_PT_MAX_FEAT 80

struct decant_article {
    dc_arena arena; /* owns every string below */
    const char *field[DECANT_FIELD_COUNT];
    const char *source[DECANT_FIELD_COUNT];
    const char *authors[DC_MAX_AUTHORS];
    size_t author_count;
    const char *tags[DC_MAX_TAGS];
    size_t tag_count;
    dc_blocks body;             /* the body's blocks, their texts in `text` */
    const char *text;           /* rendered at extraction (language, status) */
    const char *markdown, *html; /* rendered on the first request          */
    size_t text_len, markdown_len, html_len;
    decant_link *related;
    size_t related_count;
    char charset[32];           /* decode's choice, as dc_decoded has it */
    const char *charset_source; /* a static string                       */
    decant_page_type page_type;  /* pagetype.c                          */
    int is_article;
    float pt_prob[DECANT_PAGE_TYPE_COUNT]; /* the model's probabilities  */
    float pt_feat[DC_PT_MAX_FEAT];         /* its input, for the trainer */
    struct dc_site_page *site_page; /* site.h: evidence for a site model,   */
                                    /* set by decant_extract_site only      */
};

/* Copies caller options of any accepted version into *out, defaults for
 * what an older version lacks; 0 for an unknown version. */
int dc_options_copy(const decant_options *in, decant_options *out);

/* Sets an error (code + static message) if err is non-NULL; returns code. */
decant_status dc_fail(decant_error *err, decant_status code, const char *detail);

/*
 * Metadata (meta.c): fills a->field / a->source / a->authors from the DOM.
 * `url` is the caller's URL (may be NULL).  Strings are copied into
 * a->arena.  Returns DECANT_OK or DECANT_ERR_NOMEM.
 */
decant_status dc_meta_extract(const dc_dom *dom, const char *url, decant_article *a);

/* json.c: appends n bytes (keeping a NUL after them); 0 when out of memory. */
int dc_buffer_put(decant_buffer *b, const char *s, size_t n);
/* json.c: a record's "url" — the archive's target URI, else the page's
 * canonical URL, else info->url.  `a` and `info` may be NULL. */
const char *dc_record_url(const decant_article *a, const decant_record_info *info);

#endif
