/*
 * decant.h — turn news web pages into clean, structured articles.
 *
 * This header is the whole public API and its manual.  Everything here is
 * prefixed `decant_`; every handle is opaque.
 *
 * Three tiers:
 *   1. one-shot:   decant_extract_once(bytes) -> article (creates and frees a
 *                  parser for you; convenient, slower for many pages);
 *   2. reusable:   decant_extractor_new() once per thread, then
 *                  decant_extract() per page; free each article with
 *                  decant_article_free();
 *   3. rendering:  an article keeps its body as blocks (paragraphs, headings,
 *                  list items, quotes, code, table rows, captions);
 *                  decant_article_body() gives it as plain text, Markdown
 *                  or HTML, rendered on request; decant_record_json()
 *                  writes the JSON record the CLI prints.
 * Web archives:    decant_warc_open() and decant_warc_next() stream the pages
 *                  out of a WARC file (plain, gzip or zstd) for tier 2.
 * Fetching:        decant_fetcher_add() and decant_fetcher_next() fetch pages,
 *                  feeds and sitemaps politely (libcurl), results in order;
 *                  decant_warc_write_result() archives them as WARC/1.1.
 *
 * Threads: an extractor is not thread-safe; use one per thread.  Articles are
 * independent of the extractor that made them and may be passed between
 * threads, but not used by two at once: decant_article_body() renders
 * Markdown and HTML into the article the first time they are asked for.  The library has no mutable global state: its only globals are
 * lookup tables (tag names, the class/id vocabulary's index, byte classes)
 * built once, on first use under pthread_once, and only read after that.
 *
 * Errors: every call that can fail returns a decant_status and, if the caller
 * passes one, fills a decant_error.  The library never aborts or exits, on bad
 * input or on out-of-memory.
 *
 * Copyright 2026 the decant authors.  Licensed under the Apache License 2.0.
 */
#ifndef DECANT_H
#define DECANT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DECANT_VERSION_MAJOR 0
#define DECANT_VERSION_MINOR 1
#define DECANT_VERSION_PATCH 0
#define DECANT_VERSION_STRING "0.1.0"

/* Returns DECANT_VERSION_STRING of the library actually linked. */
const char *decant_version(void);

/* ---------------------------------------------------------------- status */

typedef enum decant_status {
    DECANT_OK = 0,
    DECANT_ERR_NOMEM,       /* an allocation failed                        */
    DECANT_ERR_INVALID,     /* a NULL handle or bad argument               */
    DECANT_ERR_EMPTY,       /* the input has no bytes                      */
    DECANT_ERR_TOO_LARGE,   /* the input (or its decompression) exceeds     */
                            /* options.max_input_bytes                     */
    DECANT_ERR_GZIP,        /* gzip magic, but the stream is corrupt       */
    DECANT_ERR_BINARY,      /* the input is not text (an image, PDF, ...)  */
    DECANT_ERR_NOT_HTML,    /* text, but no HTML markup at all             */
    DECANT_ERR_DECODE,      /* the charset could not be converted          */
    DECANT_ERR_PARSE,       /* the HTML parser failed                      */
    DECANT_ERR_LIMIT,       /* depth, node or time limit reached           */
    DECANT_ERR_NO_CONTENT,  /* parsed, but no article body was found       */
    DECANT_ERR_TRUNCATED,   /* the input ends early (a gzip stream cut     */
                            /* short): the article holds what came         */
    DECANT_ERR_COMPRESSION  /* compressed in a format decant does not read */
                            /* (lz4, bzip2, xz, ...): the message names it */
} decant_status;

/*
 * Details of a failure.  `message` is a static string or points into
 * `detail`; it is never NULL after a failing call that was given an error.
 */
typedef struct decant_error {
    decant_status code;
    const char *message;
    size_t position;      /* byte offset in the input where known, else 0  */
    char detail[160];     /* room for a formatted message                  */
} decant_error;

/* A static English description of a status code ("out of memory", ...). */
const char *decant_strerror(decant_status code);

/* A short stable token for a status ("nomem", "binary", ...), for records. */
const char *decant_status_name(decant_status code);

/* ------------------------------------------------------------ allocator */

/*
 * Optional allocator.  Each function gets `ctx` back.  `realloc` may be NULL,
 * in which case malloc+copy+free is used.  Any function may return NULL: the
 * library then unwinds and reports DECANT_ERR_NOMEM.
 *
 * The hook governs every allocation decant's own code makes: extractors,
 * arenas (and through them every DOM, scratch and article string), the WARC
 * reader and its buffers, zlib's and zstd's state, a decant_buffer whose
 * `allocator` is set, site models, the fetcher and every result it hands
 * out (decant_fetch_options.allocator), the WARC writer
 * (decant_warc_writer_open_with) and decant_warc_detect_with.  Where no
 * allocator is given, the C library's is used.  The libraries that allocate
 * for themselves are the HTML parser (myhtml), the charset detector
 * (uchardet), iconv, cJSON (for JSON-LD), CLD2 (language), libdeflate
 * (about 32 KiB per WARC reader of a gzip archive), libcurl (the fetcher's
 * connections and URL parsing) and libxml2 (feeds and sitemaps); decant
 * does not reroute them, since their hooks are process-wide.
 */
typedef struct decant_allocator {
    void *(*malloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t old_size, size_t new_size);
    void (*free)(void *ctx, void *ptr, size_t size);
    void *ctx;
} decant_allocator;

/* -------------------------------------------------------------- options */

typedef enum decant_body_format {
    DECANT_BODY_TEXT = 0,     /* paragraphs separated by a blank line       */
    DECANT_BODY_MARKDOWN = 1, /* headings, lists, quotes, tables, code      */
    DECANT_BODY_HTML = 2      /* the same structure as an HTML fragment     */
} decant_body_format;

#define DECANT_OPTIONS_VERSION 4

typedef struct decant_options {
    /* Set by decant_options_init(); lets the struct grow without ABI breaks. */
    unsigned version;
    /* Largest input accepted, after gzip decompression.  Default 64 MiB.     */
    size_t max_input_bytes;
    /* Deeper elements are flattened into their ancestor.  Default 512.      */
    unsigned max_depth;
    /* Pages with more DOM nodes than this are refused.  Default 1,000,000
     * (news pages have 2,000-20,000; myhtml needs ~1.5 s and 350 MB per
     * million nodes). */
    size_t max_nodes;
    /* Wall-clock budget per page in milliseconds, checked between phases;
     * 0 means none.  Default 0.                                              */
    unsigned time_limit_ms;
    /* Ignored: every body format is rendered on request.  It was "also
     * render Markdown" (the field keeps its place in the struct).          */
    int want_markdown;
    /* Optional allocator; NULL means the C library's.                       */
    const decant_allocator *allocator;
    /* Ignored, as want_markdown (since version 2; options of version 1 are
     * still accepted).                                                      */
    int want_html;
    /* Undo UTF-8 that was once read as Latin-1 or windows-1252 and encoded
     * again ("cafÃ©" for "café", "â€™" for "’"), stretch by stretch, where
     * the repaired text reads better than the damaged one; text that is
     * already right is never changed.  Default 1; 0 keeps the bytes' text
     * as decoded.  Since version 3 (older options get the default).        */
    int repair_mojibake;
    /* The Markdown body keeps the body's links as
     * [text](url) and its images as ![alt](src), resolved against the
     * page's URL; by default both are left out, their text kept.  The text
     * and HTML bodies do not change.  Since version 4.                       */
    int markdown_links;
    int markdown_images;
} decant_options;

/* Fills `opts` with the defaults above.  Always call it first. */
void decant_options_init(decant_options *opts);

/* ---------------------------------------------------------------- input */

typedef struct decant_input {
    const void *data;          /* the page's bytes, maybe gzip-compressed  */
    size_t size;
    const char *url;           /* optional: where the page came from       */
    const char *content_type;  /* optional: the HTTP Content-Type header   */
} decant_input;

/* ------------------------------------------------------------ extractor */

typedef struct decant_extractor decant_extractor;
typedef struct decant_article decant_article;

/*
 * Creates an extractor (an HTML parser plus scratch memory), to be reused for
 * many pages by one thread.  `opts` may be NULL for the defaults; it is
 * copied.  On success *out is set and DECANT_OK returned.
 */
decant_status decant_extractor_new(const decant_options *opts,
                                   decant_extractor **out, decant_error *err);

/* Frees an extractor.  NULL is allowed. */
void decant_extractor_free(decant_extractor *ex);

/*
 * Extracts one page.  On DECANT_OK *out is a new article, owned by the caller
 * (free it with decant_article_free).  On failure *out is NULL and `err`, if
 * given, says why.  The input need not outlive the call.
 *
 * Two failures come with a result, which the JSON record then carries
 * beside its "error" (a record may have both text and an error):
 *   DECANT_ERR_NO_CONTENT  *out is an article with metadata but an empty
 *                          body;
 *   DECANT_ERR_TRUNCATED   the input was cut short (a gzip stream that ends
 *                          early, as a stopped download leaves it): *out is
 *                          the article of the page up to the cut.
 */
decant_status decant_extract(decant_extractor *ex, const decant_input *in,
                             decant_article **out, decant_error *err);

/* One-shot convenience: a temporary extractor around decant_extract. */
decant_status decant_extract_once(const decant_options *opts,
                                  const decant_input *in,
                                  decant_article **out, decant_error *err);

/* Frees an article.  NULL is allowed. */
void decant_article_free(decant_article *a);

/* ------------------------------------------------------------- articles */

typedef enum decant_field {
    DECANT_FIELD_TITLE = 0,
    DECANT_FIELD_DATE_PUBLISHED,  /* ISO 8601                               */
    DECANT_FIELD_DATE_MODIFIED,   /* ISO 8601                               */
    DECANT_FIELD_SITE_NAME,
    DECANT_FIELD_LANGUAGE,        /* BCP 47, normalised: "en", "zh-Hant",   */
                                  /* "sr-Latn", "pt-BR" (see below)          */
    DECANT_FIELD_URL,             /* canonical URL                          */
    DECANT_FIELD_DESCRIPTION,
    DECANT_FIELD_SECTION,
    DECANT_FIELD_IMAGE,
    DECANT_FIELD_AUTHORS,         /* only for decant_article_source()       */
    DECANT_FIELD_COUNT
} decant_field;

/*
 * DECANT_FIELD_LANGUAGE is detected from the body (CLD2) when the body holds
 * 200 bytes or more and the detector is sure, else taken as the page
 * declares it (html lang, og:locale, Content-Language, JSON-LD), and always
 * reported the same way: the primary subtag in lower case ("en" for en,
 * en-US, en_GB); a script only for languages written in two ("zh-Hans" /
 * "zh-Hant", "sr-Cyrl" / "sr-Latn", and bs, uz, az), from the text's letters
 * where it can be told, a Chinese region standing for its script (TW, HK,
 * MO: Hant; CN, SG, MY: Hans); a region only for Portuguese ("pt-BR",
 * "pt-PT") as the page states it, whose spellings differ.
 */

/* The JSON key of a field ("title", "date_published", ...). */
const char *decant_field_name(decant_field f);

/* A metadata value as NUL-terminated UTF-8, or NULL when absent. */
const char *decant_article_get(const decant_article *a, decant_field f);

/*
 * Where a field's value came from: "json-ld", "microdata", "opengraph",
 * "meta", "time-element", "byline", "dateline", "url", "title-element",
 * "html-lang", "detected", ... or NULL when the field is absent.
 */
const char *decant_article_source(const decant_article *a, decant_field f);

/*
 * The character set the page was decoded with, by its WHATWG name in lower
 * case ("utf-8", "windows-1251", "gbk", "shift_jis", ...), and in *source
 * (when not NULL) the evidence that chose it, in this order of precedence:
 *   "bom"                 a byte-order mark;
 *   "content-type"        the transport's Content-Type charset (the HTTP
 *                         header of an archive record, decant_input's
 *                         content_type, the CLI's --content-type);
 *   "meta"                <meta charset> or <meta http-equiv> in the page;
 *   "utf8-over-declared"  a legacy charset was declared, but the bytes are
 *                         valid UTF-8 with non-ASCII in them, which no legacy
 *                         charset produces: UTF-8 wins;
 *   "detector-over-declared"  read with the declared charset the text is in
 *                         no language the detector knows, or full of
 *                         oddities (letters of two scripts in a word,
 *                         capitals everywhere, U+FFFD), while read with
 *                         uchardet's guess it is plain prose: the guess wins
 *                         (windows-1251 under an iso-8859-1 or utf-8 label);
 *   "utf8-valid"          nothing declared, the bytes are valid UTF-8;
 *   "detector"            uchardet's guess, the least odd reading among
 *                         near-identical siblings (windows-1252 and
 *                         ISO-8859-15, KOI8-R and KOI8-U, ...), or UTF-16
 *                         told by its NULs;
 *   "default"             nothing else: windows-1252.
 * The JSON record carries both as provenance "charset": "NAME (SOURCE)".
 * Returns NULL (and *source NULL) when `a` is NULL.
 */
const char *decant_article_charset(const decant_article *a, const char **source);

/* Authors, in page order. */
size_t decant_article_author_count(const decant_article *a);
const char *decant_article_author(const decant_article *a, size_t i);

/*
 * Tags (keywords), in the page's order, without duplicates: article:tag,
 * JSON-LD keywords, news_keywords, parsely-tags.
 */
size_t decant_article_tag_count(const decant_article *a);
const char *decant_article_tag(const decant_article *a, size_t i);

/*
 * The body as NUL-terminated UTF-8, in any format: the text is made at
 * extraction, Markdown and HTML from the article's blocks the first time
 * they are asked for, and kept (NULL only when that runs out of memory).
 * The HTML is a fragment of block elements (h1-h6, p, ul/ol/li, blockquote,
 * pre, table, figure), without attributes.  `len` may be NULL.
 */
const char *decant_article_body(const decant_article *a,
                                decant_body_format fmt, size_t *len);

/*
 * What kind of page this is, with the categories of the WCXB benchmark's
 * gold.  A small model (lib/pagetype_model.c, trained by
 * scripts/train_pagetype.py on the dev sets) reads the page's structure
 * (headline, dateline, byline, prose share, repeated teaser cards, prices,
 * posts), the URL's shape and the declared JSON-LD / OpenGraph types.
 *   ARTICLE        a news story, blog post, essay, guide: one text
 *   LISTING        a section front, tag page, search result: teasers
 *   COLLECTION     a shop's category page: products to choose from
 *   FORUM          a thread, question and answers, comments
 *   PRODUCT        one product or offer, with its price
 *   DOCUMENTATION  reference and manuals
 *   SERVICE        a company's or service's own page: landing, pricing
 *   OTHER          no page could be read (failed records)
 */
typedef enum decant_page_type {
    DECANT_PAGE_OTHER = 0,
    DECANT_PAGE_ARTICLE,
    DECANT_PAGE_LISTING,
    DECANT_PAGE_COLLECTION,
    DECANT_PAGE_FORUM,
    DECANT_PAGE_PRODUCT,
    DECANT_PAGE_DOCUMENTATION,
    DECANT_PAGE_SERVICE,
    DECANT_PAGE_TYPE_COUNT
} decant_page_type;

/* The record's token for a page type ("article", "listing", ...); NULL
 * for a value out of range. */
const char *decant_page_type_name(decant_page_type t);

/* The page's type; DECANT_PAGE_OTHER for NULL. */
decant_page_type decant_article_page_type(const decant_article *a);

/*
 * 1 when the page is an article, else 0 (and for NULL): the filter for a
 * corpus of articles.  It is set only where the model is confident (tuned
 * for precision), and then the type is DECANT_PAGE_ARTICLE; a page the
 * model finds more article than anything else, but not surely, gets the
 * best of the other types.
 */
int decant_article_is_article(const decant_article *a);

/* Related-article links the body dropped ("related", "latest", "most read"). */
typedef struct decant_link {
    const char *title;
    const char *url;    /* absolute when the page's URL is known             */
    const char *date;   /* ISO 8601 or NULL                                  */
} decant_link;
size_t decant_article_related_count(const decant_article *a);
const decant_link *decant_article_related(const decant_article *a, size_t i);

/* ----------------------------------------------------------------- JSON */

/*
 * A growable byte buffer the library writes into; zero-initialise it.  Its
 * memory comes from `allocator` (set it before the first write, or leave it
 * NULL for the C library's) and goes back to it in decant_buffer_free.
 */
typedef struct decant_buffer {
    char *data;
    size_t len;
    size_t cap;
    const decant_allocator *allocator;
} decant_buffer;

/* Frees the buffer's data and empties it; its allocator stays.  NULL is allowed. */
void decant_buffer_free(decant_buffer *b);

/* What the caller knows of a record besides the article. */
/* Where a record came from in a web archive (see decant_warc_next). */
typedef struct decant_warc_info {
    const char *record_id;   /* WARC-Record-ID                               */
    const char *target_uri;  /* WARC-Target-URI                              */
    const char *date;        /* WARC-Date                                    */
    const char *file;        /* the archive's path                           */
    uint64_t offset;         /* decant_warc_record.offset                    */
    const char *skip;        /* decant_warc_skip_name() of a skipped record,  */
                             /* NULL for one that was extracted              */
} decant_warc_info;

typedef struct decant_record_info {
    const char *id;       /* e.g. decant_record_id() of the path            */
    const char *source;   /* e.g. the path                                  */
    const char *url;      /* used when the article has none (or no article) */
    /* Optional: adds a "warc" object to the record, and makes its "url" the
     * target URI.  Last, so that the layout before it is unchanged.         */
    const decant_warc_info *warc;
} decant_record_info;

/*
 * The id of a record about a whole file, as the CLI gives it: the file's
 * name without its folders and without ".html" or ".htm" (after ".gz"), or,
 * for a web archive, without ".warc" (after ".gz" or ".zst"); case does not
 * matter.  "news/2024/story.html.gz" gives "story", "CC-00001.warc.zst"
 * "CC-00001".  Like snprintf: writes at most `size` bytes, NUL included, to
 * `out` (which may be NULL when size is 0) and returns the id's length, so
 * a result >= size means it was cut; strlen(path) + 1 bytes always suffice.
 */
size_t decant_record_id(const char *path, char *out, size_t size);

/*
 * Appends one JSON object and a newline to `out`: the record the CLI prints.
 * `a` may be NULL (a page that gave no article); `err` may be NULL (no
 * error).  The object always has every field, null when unknown, so that
 * records of good and bad pages have the same shape; "warc" is the one
 * exception, present only when info->warc is set.  `body` picks what goes
 * into "text".
 */
decant_status decant_record_json(const decant_article *a,
                                 const decant_error *err,
                                 const decant_record_info *info,
                                 decant_body_format body,
                                 decant_buffer *out);

/*
 * Appends a metadata header for the article's body in `fmt` to `out` (the
 * CLI's --with-metadata), holding whichever of title, authors,
 * date_published, url, site_name, language and page_type are known:
 *
 *   DECANT_BODY_MARKDOWN: YAML front matter, every value a double-quoted
 *       scalar escaped so that any title parses back unchanged; authors as a
 *       block sequence; then a blank line:
 *         ---
 *         title: "Storm \"Ciarán\" hits the coast"
 *         authors:
 *           - "Jane Roe"
 *         url: "https://example.org/a"
 *         ---
 *   DECANT_BODY_TEXT: one "Label: value" line each (Title, Authors joined
 *       by "; ", Date published, URL, Site name, Language, Page type), line
 *       breaks and controls in values turned into spaces; then a blank line.
 *
 * "url" is the record's (see decant_record_json); `a` and `info` may be
 * NULL.  When no field is known nothing is appended.  DECANT_BODY_HTML
 * gives DECANT_ERR_INVALID; out of memory gives DECANT_ERR_NOMEM with `out`
 * as it was.
 */
decant_status decant_article_front_matter(const decant_article *a,
                                          const decant_record_info *info,
                                          decant_body_format fmt,
                                          decant_buffer *out);

/* ------------------------------------------------------- site templates */

/*
 * What a site repeats on its pages is its template: menus, "most read"
 * boxes, footers, the press-registration line.  A site model learns, per
 * site (the URL's registered domain: "news.example.co.uk" and
 * "www.example.co.uk" are "example.co.uk"), which blocks come back on other
 * pages: the same text (a line seen on another page; a long line on two),
 * or the same place in the template holding a link list or repeated lines
 * (a "most read" box whose headlines change).  Extracting with a model puts
 * those blocks up for dropping, like furniture found by its class names:
 * the page's headline, its standfirst (description), its longest paragraph
 * of its own, its declared body and a block holding most of its prose stay
 * whatever the model says.  Only a page that states its publication date
 * is judged, and only once the model has seen two other pages of its site.
 * A page the model says nothing about comes out exactly as decant_extract
 * gives it.
 *
 * Evidence is counted once per distinct page (a page is known by its three
 * longest lines), so a story fetched twice does not teach its own text.
 *
 *   decant_site_model *m;
 *   decant_site_model_new(NULL, &m, &err);
 *   for each page:  decant_extract_site(ex, m, &in, &a, &err);   (learns
 *                   decant_site_model_learn(m, a);                nothing yet)
 *   then again:     decant_extract_site(ex, m, &in, &a, &err);   (applies)
 *
 * Two passes as above give every page the whole crawl's evidence; one pass
 * that learns as it goes gives each page what came before it (the decant
 * command line learns a window of pages, then re-extracts the pages whose
 * verdicts changed; see decant_site_model_would_change).
 *
 * Threads: extraction with a model only reads it, from any number of
 * threads at once; decant_site_model_learn and _load take it exclusively
 * (an internal read-write lock), so they may run at any time, but for
 * output that does not depend on timing, learn in a fixed order.
 * Memory is bounded: per site, 16,384 lines and 4,096 shapes (entries seen
 * on one page only make room when full); over the model, 2 million table
 * slots (24 MiB), beyond which the least recently taught sites go.
 */
typedef struct decant_site_model decant_site_model;

/* An empty model; `alloc` may be NULL for the C library's allocator. */
decant_status decant_site_model_new(const decant_allocator *alloc, decant_site_model **out,
                                    decant_error *err);

/* Frees a model.  NULL is allowed. */
void decant_site_model_free(decant_site_model *m);

/*
 * decant_extract with a site model: applies `m` (which may be NULL: apply
 * nothing) and keeps the page's evidence in the article for
 * decant_site_model_learn.  The site is taken from in->url, else from the
 * page's canonical URL; a page with neither is extracted as decant_extract
 * would.  Costs a few per cent more than decant_extract.
 */
decant_status decant_extract_site(decant_extractor *ex, const decant_site_model *m,
                                  const decant_input *in, decant_article **out,
                                  decant_error *err);

/*
 * Adds an article's evidence (from decant_extract_site) to the model.  An
 * article without evidence or without a site teaches nothing (DECANT_OK).
 * DECANT_ERR_NOMEM leaves the model usable, with part of the page counted.
 */
decant_status decant_site_model_learn(decant_site_model *m, const decant_article *a);

/*
 * 1 when the model, as it is now, would give the article's page other
 * verdicts than it got when it was extracted (so extracting it again would
 * change it), else 0.
 */
int decant_site_model_would_change(const decant_site_model *m, const decant_article *a);

/* The site an article was grouped under (decant_extract_site), or NULL. */
const char *decant_article_site(const decant_article *a);

/* How many sites the model holds. */
size_t decant_site_model_site_count(const decant_site_model *m);

/*
 * Appends the model to `out` in decant's site-model format (versioned,
 * checksummed, the same bytes for the same model).
 */
decant_status decant_site_model_save(const decant_site_model *m, decant_buffer *out);

/*
 * Replaces the model's content with a saved one.  The bytes are untrusted
 * input: every count is bounded and checked, and a file that is damaged,
 * truncated, of another version or beyond the model's bounds is refused
 * with DECANT_ERR_PARSE (err says why), leaving the model empty.
 */
decant_status decant_site_model_load(decant_site_model *m, const void *data, size_t len,
                                     decant_error *err);

/* ----------------------------------------------------------------- WARC */

/*
 * A streaming reader of web archives: WARC/1.0 and 1.1 (ISO 28500, and the
 * WARC/0.18 of ClueWeb09), and ARC (versions 1 and 2, the Internet
 * Archive's format and Common Crawl's before 2013), plain, gzip-compressed
 * (one member per record as Common Crawl writes them, several records per
 * member, or any mix) or zstd-compressed (.warc.zst, also with the
 * dictionary frame Common Crawl's zstd files start with).  Records come
 * one at a time; memory does not grow with the file: 5 MiB of buffers plus
 * up to twice options.max_input_bytes for the largest page.
 *
 * Inside `response` records (an ARC's records of http and https URLs) the
 * HTTP message is parsed: status line, Content-Type, Transfer-Encoding
 * chunked and Content-Encoding gzip/deflate are undone.  The encoding is
 * believed only as far as the bytes agree, since converted archives keep
 * "Content-Encoding: gzip" over bodies stored plain: gzip's magic bytes
 * mean gzip whatever the header, and a body that starts as plain markup
 * under a compressing header is taken as it is.  A record is meant for extraction (skip == DECANT_WARC_HTML)
 * when it is a 200 response whose type is HTML: declared text/html or
 * application/xhtml+xml, or, with no Content-Type, sniffed as HTML.
 *
 *   decant_warc_reader *r;
 *   if (decant_warc_open("crawl.warc.gz", NULL, &r, &err) != DECANT_OK) ...
 *   decant_warc_record rec;
 *   decant_status st;
 *   while ((st = decant_warc_next(r, &rec, &err)) != DECANT_ERR_EMPTY) {
 *       if (st != DECANT_OK)
 *           ...;          report err: a corrupt stretch, already passed over
 *       else if (rec.skip == DECANT_WARC_HTML)
 *           ...;          extract rec.payload with rec.target_uri as its url
 *   }
 *   decant_warc_close(r);
 *
 * A reader is used by one thread at a time; to extract on several threads,
 * copy each payload out and hand the copies to extractors (as the CLI does).
 * The library's allocator hook covers the reader's buffers and zlib's and
 * zstd's state; libdeflate allocates its (small, fixed) state itself.
 */

typedef struct decant_warc_reader decant_warc_reader;

/* Why a record is not meant for extraction. */
typedef enum decant_warc_skip {
    DECANT_WARC_HTML = 0,        /* not skipped: a 200 HTML response          */
    DECANT_WARC_SKIP_NOT_RESPONSE, /* warcinfo, request, metadata, revisit...*/
    DECANT_WARC_SKIP_NOT_HTTP,   /* a response without an HTTP message (dns:) */
    DECANT_WARC_SKIP_STATUS,     /* an HTTP status other than 200             */
    DECANT_WARC_SKIP_NOT_HTML,   /* declared or sniffed as another type       */
    DECANT_WARC_SKIP_TOO_LARGE,  /* the payload exceeds max_input_bytes       */
    DECANT_WARC_SKIP_ENCODING,   /* bad chunking, or a Content-Encoding that  */
                                 /* is unknown or corrupt                     */
    DECANT_WARC_SKIP_EMPTY,      /* a 200 HTML response with no payload       */
    DECANT_WARC_SKIP_COUNT
} decant_warc_skip;

/* A short stable token for a skip reason ("not_response", "status", ...). */
const char *decant_warc_skip_name(decant_warc_skip s);

/*
 * One record.  Every pointer is owned by the reader and valid until the next
 * decant_warc_next or decant_warc_close; strings are NUL-terminated, NULL
 * when the header is absent.
 */
typedef struct decant_warc_record {
    const char *type;          /* WARC-Type: "response", "request", ...      */
    const char *record_id;     /* WARC-Record-ID without its <>; NULL in an  */
                               /* ARC, whose records have none (the CLI then */
                               /* names a record FILE-ID@OFFSET)             */
    const char *target_uri;    /* WARC-Target-URI (without <> if it had any) */
    const char *date;          /* WARC-Date (an ARC's date, written alike)   */
    uint64_t offset;           /* where the record starts in the file; in a  */
                               /* compressed file, the offset of the gzip    */
                               /* member or zstd frame it starts in (as in a */
                               /* CDX index)                                 */
    uint64_t length;           /* its uncompressed size: header and block    */
    int http_status;           /* 0 when the block is not an HTTP response   */
    const char *content_type;  /* the HTTP Content-Type, with any charset    */
    const void *payload;       /* the HTTP body, dechunked and decoded; set  */
    size_t payload_size;       /* only when skip == DECANT_WARC_HTML         */
    decant_warc_skip skip;
} decant_warc_record;

/*
 * Why `rec` is not a page to extract, as an error for its record (what the
 * CLI prints for it with --all-records): fills `err` (which may be NULL)
 * with a status and a message such as "skipped: HTTP status 404" or
 * "skipped: a request record", and returns the status: DECANT_ERR_NOT_HTML
 * (not a response, no HTTP, a status other than 200, another type),
 * DECANT_ERR_TOO_LARGE, DECANT_ERR_DECODE (transfer or content encoding) or
 * DECANT_ERR_EMPTY.  A record meant for extraction gives DECANT_OK.
 */
decant_status decant_warc_skip_error(const decant_warc_record *rec, decant_error *err);

/*
 * Opens the archive at `path`.  The compression is recognised from the
 * content, not the name.  `opts` may be NULL for the defaults; only
 * max_input_bytes and allocator are used.  On failure *out is NULL.
 */
decant_status decant_warc_open(const char *path, const decant_options *opts,
                               decant_warc_reader **out, decant_error *err);

/*
 * Reads an archive from an open descriptor (standard input, a pipe, a
 * socket).  `prefix` holds `prefix_len` bytes already read from it (to
 * recognise the format, say) that come first; they are copied.  The
 * descriptor is not closed by decant_warc_close.
 */
decant_status decant_warc_open_fd(int fd, const void *prefix, size_t prefix_len,
                                  const decant_options *opts,
                                  decant_warc_reader **out, decant_error *err);

/*
 * Reads the next record into *rec.
 *   DECANT_OK         *rec is the next record;
 *   DECANT_ERR_EMPTY  the archive has no more records;
 *   anything else     the archive is corrupt or truncated at err->position
 *                     (a file offset); the reader has passed over the bad
 *                     stretch (or reached the end), so keep calling until
 *                     DECANT_ERR_EMPTY.  DECANT_ERR_GZIP covers broken gzip
 *                     and zstd data, DECANT_ERR_PARSE broken WARC framing,
 *                     DECANT_ERR_INVALID a read error.
 * Each call either returns a record or makes progress through the file, so
 * the loop always ends.
 */
decant_status decant_warc_next(decant_warc_reader *r, decant_warc_record *rec,
                               decant_error *err);

/* Bytes of the file consumed so far (compressed bytes for a compressed file). */
uint64_t decant_warc_tell(const decant_warc_reader *r);

/* Closes the reader (and the file decant_warc_open opened).  NULL is allowed. */
void decant_warc_close(decant_warc_reader *r);

/*
 * Does `head`, the first `len` bytes of a file, start a web archive?  True
 * for "WARC/" and an ARC's "filedesc://", for a gzip or zstd stream whose
 * first bytes decompress to either, and for a zstd stream starting with a
 * WARC dictionary frame.
 * 64 KiB of head is plenty; less may miss a compressed archive.
 */
int decant_warc_detect(const void *head, size_t len);

/* The same, with the decompressors' memory from `alloc` (NULL: the C
 * library's).  Out of memory may read as "not an archive". */
int decant_warc_detect_with(const void *head, size_t len, const decant_allocator *alloc);

/* ------------------------------------------------------------- fetching */

/*
 * An HTTP(S) fetcher over libcurl: many URLs at once, each host politely.
 *
 *   decant_fetcher *f;
 *   decant_fetcher_new(NULL, &f, &err);
 *   decant_fetcher_add(f, "https://example.org/a", DECANT_FETCH_PAGE, NULL, &err);
 *   decant_fetcher_add(f, "https://example.org/feed.xml", DECANT_FETCH_FEED, NULL, &err);
 *   decant_fetch_result *r;
 *   while (decant_fetcher_next(f, &r, &err) == DECANT_OK) {
 *       if (r->kind == DECANT_FETCH_PAGE && !r->error)
 *           ...;      extract r->body, r->body_size, with r->url as its URL
 *       decant_fetch_result_free(r);
 *   }
 *   decant_fetcher_free(f);
 *
 * Results come out in the order the URLs were added; a feed or sitemap is
 * followed by the results of its items (and a sitemap index by its
 * sitemaps, each followed by theirs), in document order.  Transfers run
 * while decant_fetcher_next waits, on the calling thread: the fetcher starts
 * no thread of its own and is used by one thread at a time.
 *
 * Politeness, per origin (scheme, host and port): robots.txt is fetched
 * first and obeyed (RFC 9309; a 4xx or a redirect means no rules, a 5xx or
 * no answer means nothing may be fetched), at most `host_connections`
 * transfers at once, and request starts at least `host_delay_ms` apart (or
 * robots.txt's Crawl-delay, if longer, up to a minute).  Redirects are
 * followed one request at a time, each scheduled like any other (robots and
 * politeness of its own origin).  429, 408 and 5xx answers and connection
 * failures (refused, reset, timed out) are retried after retry_delay_ms,
 * doubled each time (or the answer's Retry-After, up to a minute).
 *
 * Hosts: only the hosts of the URLs added (and `allow_hosts`) are ever
 * contacted, and those that their redirects lead to.  An item of a feed or
 * sitemap on another host gives a result with error "offsite", without a
 * request; so does a child sitemap of a sitemap index.
 *
 * The transfers are recorded as they went over the wire (request head;
 * response head and body, still transfer- and content-encoded, as WARC
 * keeps them: decant_warc_write_result), so responses are asked for with
 * "Accept-Encoding: gzip, deflate" over HTTP/1.1 and decoded here.
 */

typedef struct decant_fetcher decant_fetcher;

#define DECANT_FETCH_OPTIONS_VERSION 2

typedef struct decant_fetch_options {
    unsigned version;            /* set by decant_fetch_options_init         */
    const char *user_agent;      /* NULL: "decant/VERSION"                   */
    unsigned timeout_ms;         /* whole transfer; default 30000            */
    unsigned connect_timeout_ms; /* default 10000                            */
    unsigned retries;            /* after the first try; default 3           */
    unsigned retry_delay_ms;     /* first wait before a retry; default 1000  */
    unsigned host_delay_ms;      /* between request starts to one origin;    */
                                 /* default 1000                             */
    unsigned host_connections;   /* transfers at once per origin; default 1  */
    unsigned connections;        /* transfers at once in all; default 16     */
    unsigned max_redirects;      /* per URL; default 10                      */
    size_t max_bytes;            /* a response body, as received and as      */
                                 /* decoded; default 64 MiB (as             */
                                 /* decant_options.max_input_bytes)          */
    size_t max_pages;            /* links taken from one feed, or from one   */
                                 /* sitemap with all its sitemaps; 10000     */
    unsigned max_sitemap_depth;  /* sitemap indexes within indexes; 3        */
    size_t window;               /* results held for in-order delivery, at   */
                                 /* most; default 256                        */
    int ignore_robots;           /* default 0: obey robots.txt               */
    const char *const *allow_hosts; /* more hosts items may come from:       */
    size_t allow_host_count;        /* "host" or "host:port"                 */
    /* Memory for the fetcher and the results it hands out; NULL means the
     * C library's.  It must stay valid until the fetcher and every result
     * are freed.  Since version 2 (options of version 1 are still accepted,
     * with the default).                                                    */
    const decant_allocator *allocator;
} decant_fetch_options;

void decant_fetch_options_init(decant_fetch_options *opts);

typedef enum decant_fetch_kind {
    DECANT_FETCH_PAGE = 0,       /* a page, to extract                       */
    DECANT_FETCH_FEED,           /* RSS 2.0, RSS 1.0 (RDF) or Atom: its items */
    DECANT_FETCH_SITEMAP         /* urlset, sitemapindex (also Google News,  */
                                 /* also .xml.gz): its pages                 */
} decant_fetch_kind;

/* One request and its response, as they went over the wire. */
typedef struct decant_http_exchange {
    const char *url;
    const char *date;            /* when it was sent: "2026-12-06T20:40:00Z" */
    const char *ip;              /* the server's address, or NULL            */
    const char *request_id;      /* "urn:uuid:...", for the WARC records      */
    const char *response_id;
    const char *request;         /* request line and headers as sent         */
    size_t request_size;
    const char *response;        /* status line, headers and body as         */
    size_t response_size;        /* received; NULL when there was no answer  */
    const char *truncated;       /* NULL, or why the body is incomplete, as  */
                                 /* WARC-Truncated says it: "length" (cut at */
                                 /* max_bytes), "time", "disconnect"         */
} decant_http_exchange;

typedef struct decant_fetch_result {
    decant_fetch_kind kind;
    void *user;                  /* as given to decant_fetcher_add           */
    int entry_end;               /* the last result of that added URL        */
    const char *requested_url;   /* as added, or as the feed listed it       */
    const char *url;             /* the last one requested (after redirects) */
    const char *via;             /* the feed or sitemap that listed it       */
    const char *id;              /* response_id of the final response, else  */
                                 /* a new "urn:uuid:..."                     */
    const char *date;            /* when the final request was sent          */
    int status;                  /* HTTP status of the final response, or 0  */
    const char *content_type;    /* its Content-Type, or NULL                */
    /* The final response's body, dechunked and decoded (pages: only a 200
     * HTML one, exactly what a WARC reader gives for it).                   */
    const void *body;
    size_t body_size;
    /* NULL on success, else a stable token: "http_404" (any status), "dns",
     * "connect", "timeout", "tls", "network", "robots", "offsite",
     * "redirects" (too many), "bad_url", "too_large", "not_html",
     * "encoding", "empty", "not_feed", "nomem"; and a message.              */
    const char *error;
    const char *error_message;
    size_t items;                /* a feed or sitemap: the links it gave     */
    size_t items_dropped;        /* ... and those beyond max_pages           */
    /* Every request made for this result, in order: robots.txt when it was
     * fetched for it, retries, redirects.                                   */
    const decant_http_exchange *exchanges;
    size_t exchange_count;
} decant_fetch_result;

/* `opts` may be NULL for the defaults; it is copied.  DECANT_ERR_INVALID
 * when opts->version is not one decant_fetch_options_init ever set. */
decant_status decant_fetcher_new(const decant_fetch_options *opts,
                                 decant_fetcher **out, decant_error *err);

/*
 * Queues `url` (http:// or https://).  Its host becomes one the fetcher may
 * contact.  Never blocks.  A URL that cannot be fetched at all (bad syntax,
 * another scheme) still gives a result, with error "bad_url".
 */
decant_status decant_fetcher_add(decant_fetcher *f, const char *url,
                                 decant_fetch_kind kind, void *user,
                                 decant_error *err);

/* Results added but not yet handed out (a feed counts as one until read). */
size_t decant_fetcher_pending(const decant_fetcher *f);

/*
 * Waits for the next result in order and hands it over (free it with
 * decant_fetch_result_free; it may go to another thread).  Returns DECANT_OK,
 * DECANT_ERR_EMPTY when every added URL has been handed out, or
 * DECANT_ERR_NOMEM.
 */
decant_status decant_fetcher_next(decant_fetcher *f, decant_fetch_result **out,
                                  decant_error *err);

void decant_fetch_result_free(decant_fetch_result *r);
void decant_fetcher_free(decant_fetcher *f);

/*
 * decant_record_json for a fetched page: adds "requested_url" (after "url")
 * from `fetch`, and when the fetch failed (fetch->error set), the record's
 * error is {"code": fetch->error, "message": fetch->error_message} instead
 * of err's.  info->url should be fetch->url, the page's address after
 * redirects.
 */
decant_status decant_record_json_fetched(const decant_article *a,
                                         const decant_error *err,
                                         const decant_record_info *info,
                                         const decant_fetch_result *fetch,
                                         decant_body_format body,
                                         decant_buffer *out);

/* ---------------------------------------------------------- WARC writing */

/*
 * Writes WARC/1.1 files: every record its own gzip member (a plain file
 * with gzip == 0), so that any record can be read on its own from its
 * offset.  No digests are written (they are optional in WARC/1.1).
 */
typedef struct decant_warc_writer decant_warc_writer;

/* Creates (or truncates) `path`. */
decant_status decant_warc_writer_open(const char *path, int gzip,
                                      decant_warc_writer **out, decant_error *err);

/* The same, with the writer's memory (and zlib's) from `alloc`, which must
 * stay valid until decant_warc_writer_close; NULL means the C library's. */
decant_status decant_warc_writer_open_with(const char *path, int gzip,
                                           const decant_allocator *alloc,
                                           decant_warc_writer **out, decant_error *err);

/*
 * A warcinfo record (WARC-Filename: `filename`), then every record refers
 * to it.  `fields` is its block, "name: value" lines (application/warc-
 * fields), such as "software: decant 0.1.0\r\n".
 */
decant_status decant_warc_write_info(decant_warc_writer *w, const char *filename,
                                     const char *fields, decant_error *err);

/* A metadata record about `target_uri` (application/warc-fields). */
decant_status decant_warc_write_metadata(decant_warc_writer *w, const char *target_uri,
                                         const char *fields, decant_error *err);

/*
 * A request and a response record (a request alone when nothing came back)
 * for each exchange of `r`, in order.  *response_offset, if given, is set to
 * where the record of r's final response starts (r->id's record), or
 * UINT64_MAX when it has none.
 */
decant_status decant_warc_write_result(decant_warc_writer *w, const decant_fetch_result *r,
                                       uint64_t *response_offset, decant_error *err);

/* Flushes and closes; reports a failed write.  NULL is allowed. */
decant_status decant_warc_writer_close(decant_warc_writer *w, decant_error *err);

#ifdef __cplusplus
}
#endif
#endif /* DECANT_H */
