/*
 * meta_priv.h — what the metadata files share.
 *
 *   meta_resolve.c  the order of it all (dc_meta_extract), and the fields
 *                   every source gives as they are (site, URL, language, tags)
 *   meta.c          the collecting pass over the tree (and meta_jsonld.c,
 *                   the JSON-LD blocks it finds)
 *   meta_title.c    the title, and the headline showing it
 *   meta_dates.c    the dates (meta_date.c parses each candidate,
 *                   meta_date_calendar.c works with what it finds)
 *   meta_authors.c  the authors (meta_names.c reads names out of bylines,
 *                   meta_name_shape.c says whether each reads as a name)
 *
 * Every source offers candidates with a rank; resolution keeps the best rank
 * per field.  Candidate strings point into the DOM's arena (or the scratch
 * arena for JSON-LD) and are copied into the article only at the end.
 */
#ifndef DC_META_PRIV_H
#define DC_META_PRIV_H

#include <stddef.h>

#include "text.h"
#include "internal.h"

/* Lower is more trusted. */
typedef enum dc_rank {
    DC_RANK_JSONLD = 0,
    DC_RANK_MICRODATA,
    DC_RANK_OG,
    DC_RANK_META,
    DC_RANK_TIME,
    DC_RANK_BYLINE,
    DC_RANK_LAST,
    DC_RANK_NONE
} dc_rank;

typedef struct dc_mval {
    const char *s;
    size_t n;
    int rank, sub; /* sub orders candidates of one rank (lower wins) */
    const char *src;
} dc_mval;

#define DC_MAX_DATES 48
#define DC_MAX_TAG_CANDS 64

/* Where tags come from, most trusted first: one source is used, not a mix. */
enum { DC_KW_ARTICLE_TAG = 0, DC_KW_JSONLD, DC_KW_NEWS_KEYWORDS, DC_KW_PARSELY, DC_KW_COUNT };
#define DC_MAX_AUTHOR_CANDS 64

typedef struct dc_author_cand {
    const char *s;
    size_t n;
    int rank, sub;
    const char *src;
    int org;  /* declared an organisation (JSON-LD @type)            */
    int split; /* free text that may hold several names ("A and B") */
} dc_author_cand;

/* Author candidates in the order they were found. */
typedef struct dc_author_cands {
    dc_author_cand at[DC_MAX_AUTHOR_CANDS];
    int n;
} dc_author_cands;

/* How an author candidate reads (dc_author_add's flags). */
enum {
    DC_AUTHOR_ORG = 1,   /* declared an organisation, not a person          */
    DC_AUTHOR_SPLIT = 2  /* free text that may hold several names           */
};

/* Which date a candidate is. */
typedef enum dc_date_kind { DC_DATE_PUBLISHED = 0, DC_DATE_MODIFIED = 1 } dc_date_kind;

/* How a tags value reads (dc_meta_offer_tags). */
enum { DC_TAGS_ONE = 0, DC_TAGS_SPLIT = 1 /* comma-separated */ };

typedef struct dc_meta {
    dc_arena *tmp;                       /* scratch, dies with the page */
    dc_mval field[DECANT_FIELD_COUNT];   /* best candidate per field    */
    dc_mval title_cands[4];              /* json-ld, microdata, og:title, twitter:title */
    dc_mval dates[2][DC_MAX_DATES];      /* [0] published, [1] modified */
    int ndates[2];
    dc_author_cands authors;
    dc_mval tags[DC_MAX_TAG_CANDS];      /* rank = DC_KW_*; sub = split at commas */
    int ntags;
    int product; /* og:type product: its dates and bylines are releases and reviews */
    int ld_authors; /* bit `sub`: a JSON-LD block already named that kind of node's authors */
    dc_mval twitter_label[4], twitter_data[4]; /* twitter:labelN / twitter:dataN pairs */
    int nomem;
} dc_meta;

/* Offers a field value; kept if better than what is there. */
void dc_meta_offer(dc_meta *m, decant_field f, const char *s, size_t n, int rank, int sub,
                   const char *src);
/* Offers a raw date string. */
void dc_meta_offer_date(dc_meta *m, dc_date_kind which, const char *s, size_t n, int rank, int sub,
                        const char *src);
/* Offers tags from source `kind` (DC_KW_*): DC_TAGS_SPLIT for a
 * comma-separated list, DC_TAGS_ONE for a single tag. */
void dc_meta_offer_tags(dc_meta *m, int kind, const char *s, size_t n, int how);
/* Adds an author candidate (trimmed; dropped when empty or when the list is
 * full); `flags` are DC_AUTHOR_*. */
void dc_author_add(dc_author_cands *l, const char *s, size_t n, int rank, int sub, const char *src,
                   unsigned flags);

/* Parses one ld+json block and offers what its article node holds. */
void dc_jsonld_scan(dc_meta *m, const char *text, size_t len);

/* ---- text helpers (meta_text.c) ---- */

/* The character reference at s (just after '&'): its length through ';' and *cp, or 0. */
size_t dc_entity_at(const char *s, size_t n, unsigned long *cp);
/*
 * s with the character references that JSON-LD and double-escaped
 * attributes leave behind decoded, and whitespace collapsed to single
 * spaces however it is written (raw, NBSP, or referenced: "&#10;",
 * "&nbsp;"), in `tmp`; NULL on OOM.
 */
char *dc_unescape(dc_arena *tmp, const char *s, size_t n, size_t *out_n);

/* Trims ASCII whitespace and NBSP from both ends. */
void dc_trim(const char **s, size_t *n);
/* Space-separated words in s[0..n). */
int dc_word_count(const char *s, size_t n);
int dc_looks_like_url(const char *s, size_t n);

/* meta_names.c: how many bytes of s spell w, a word as dc_date_fold leaves
 * it (case and accents aside: "Автор:" for "автор:"), or 0. */
size_t dc_folded_prefix(const char *s, size_t n, const char *w);

/* ---- meta_name_shape.c: whether a piece of a byline reads as a name ---- */

/* 1 when w[0..n) is, case aside, one of list's lower-case words (NULL-ended). */
int dc_in_word_list(const char *w, size_t n, const char *const *list);
/* Calls fn on each space-separated word of s[0..n); 0 as soon as fn says 0. */
typedef int (*dc_word_fn)(const char *w, size_t n, void *ctx);
int dc_each_word(const char *s, size_t n, dc_word_fn fn, void *ctx);
/* A weekday's name in any language of the date tables ("Tuesday,", "вторник"). */
int dc_weekday_word(const char *w, size_t n);
/* The final test of one name, cleaned; mode as dc_names_from_text's. */
int dc_name_acceptable(const char *s, size_t n, int mode);

/*
 * Cleans a byline or author value into names: strips "By", "di", "Autor:",
 * dates and job titles; splits "A, B and C" (DC_NAMES_SPLIT); rejects
 * non-names.  Where the page declares its author (DC_NAMES_HANDLES) a user
 * name with digits ("Alphabyte1") and a lower-case phrase ("crazy lennys")
 * pass; in text read off the page they do not.  Writes up to
 * `max` names into out[] (pointers into the scratch arena); returns how many.
 */
enum { DC_NAMES_SPLIT = 1, DC_NAMES_HANDLES = 2 };
typedef struct dc_name {
    const char *s;
    size_t n;
    int editorial; /* "La Redazione", "Staff": an office, not a person */
} dc_name;
int dc_names_from_text(dc_arena *tmp, const char *s, size_t n, int mode, dc_name *out, int max);

/* ---- the collecting pass (meta.c) and resolution (meta_resolve.c) ---- */

/* Per-node context, inherited from ancestors. */
enum {
    DC_CX_BAD = 1,     /* nav, aside, footer, comments, related, sidebars */
    DC_CX_ARTICLE = 2, /* <article>, <main>, an Article itemscope          */
    DC_CX_HEAD = 4,    /* inside <head>                                    */
};

#define MAX_NODES_OF_KIND 256
#define TEXT_CAP 240

typedef struct idx_list {
    uint32_t at[MAX_NODES_OF_KIND];
    int n;
} idx_list;

typedef struct dc_meta_class_memo dc_meta_class_memo;

typedef struct dc_meta_pass {
    dc_meta_class_memo *memo; /* meta.c: class/id verdicts of this page */
    const dc_dom *dom;
    const char *url;
    dc_meta m;
    uint8_t *cx;
    uint32_t title_node, ld_count;
    uint32_t headline; /* without an h1: the element showing the title, or 0 */
    idx_list h1, times, bylines, datelines, md_authors;
    int max_year;
} dc_meta_pass;

/* The subtree's collapsed text in buf, or -1 when longer than cap - 2. */
long dc_bounded_text(const dc_dom *d, uint32_t root, char *buf, size_t cap);
/* The same with a newline, not a space, where a block or <br> ends a line. */
long dc_bounded_lines(const dc_dom *d, uint32_t root, char *buf, size_t cap);

/* meta.c: the collecting pass, one walk over the tree gathering every
 * source's candidates into *p. */
decant_status dc_meta_collect(dc_meta_pass *p, const dc_dom *dom, const char *url);

/* ---- resolution's shared steps ---- */

/* meta_resolve.c: sets field f of the article to a copy of s[0..n) (as it
 * is, or with character references decoded and whitespace collapsed);
 * returns 0 on OOM. */
int dc_meta_put(decant_article *a, decant_field f, const char *s, size_t n, const char *src);
int dc_meta_put_text(dc_meta_pass *p, decant_article *a, decant_field f, const char *s, size_t n,
                     const char *src);
/* meta_resolve.c: do the page's numeric dates put the month first (en-US)? */
int dc_meta_month_first(const char *lang, const char *url);

/* meta_title.c: the title field (0 on OOM), and the headline element
 * showing it (p->headline) on a page without an h1 that shows the title. */
int dc_meta_resolve_title(dc_meta_pass *p, decant_article *a);
void dc_meta_find_headline(dc_meta_pass *p, const char *title);
/* meta_dates.c, meta_authors.c: the date and author fields; 0 on OOM. */
int dc_meta_resolve_dates(dc_meta_pass *p, decant_article *a, const char *url);
int dc_meta_resolve_authors(dc_meta_pass *p, decant_article *a);
/* meta_title.c: the headline element: p->headline where no h1 shows the
 * title (dc_meta_find_headline), else the main h1, or 0. */
uint32_t dc_meta_main_h1(const dc_meta_pass *p);
/* meta_title.c: does s[0..n) hold w[0..wn), in any ASCII case? */
int dc_meta_holds_ci(const char *s, size_t n, const char *w, size_t wn);
/* meta_title.c: is s[0..n) the site itself (its name, or its host)? */
int dc_meta_is_the_site(const char *s, size_t n, const char *site, const char *url);
/* meta_title.c: how far node i is from the headline h1, in nodes (before it
 * counts more, outside the article much more). */
long dc_meta_distance(const dc_meta_pass *p, uint32_t i, uint32_t h1);
/* meta_title.c: the nodes [*from, *to) from `before` nodes ahead of the
 * headline h1 to `after` nodes past it: where its dateline and byline stand. */
void dc_meta_around_h1(const dc_dom *d, uint32_t h1, uint32_t before, uint32_t after,
                       uint32_t *from, uint32_t *to);
/* meta_title.c: is node i inside node a (or a itself)? */
int dc_meta_contains(const dc_dom *d, uint32_t a, uint32_t i);

#endif
