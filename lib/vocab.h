/*
 * vocab.h — the class/id vocabulary: the words site templates use for what
 * an element is ("article-body", "share-bar", "byline", "most-read"), in
 * many languages, each with what it says to the two phases that read class
 * and id values: cleaning the body (clean.c) and finding bylines and dates
 * (meta.c).  One table, indexed once.
 */
#ifndef DC_VOCAB_H
#define DC_VOCAB_H

#include <stddef.h>

/* What a word says to the body: one bit per kind in dc_vocab_token()'s result. */
enum {
    DC_VK_CONTENT, /* declared article body: strong bonus, never dropped       */
    DC_VK_POS,     /* content-ish wrapper: bonus                                */
    DC_VK_NEG,     /* furniture-ish: malus only                                 */
    DC_VK_SOFT,    /* furniture unless a content word is also present           */
    DC_VK_HARD,    /* furniture whatever else the class says                    */
    DC_VK_RELATED, /* related/latest/most-read box: furniture, kept as links    */
    DC_VK_BYLINE,  /* byline, dateline, post meta: furniture for the body       */
    DC_VK_HIDDEN,  /* a utility class that hides the element                    */
    DC_VK_CONSENT, /* a consent manager's banner or preference centre           */
    DC_VK_NONE     /* a word only metadata reads                                */
};

/* What a word says to metadata: dc_vocab_meta()'s flags. */
enum {
    DC_VM_BYLINE = 1,
    DC_VM_DATE = 2,
    DC_VM_MODIFIED = 4,
    DC_VM_BAD = 8,      /* comments, menus, sidebars, teasers: not the article's */
    DC_VM_ARTICLE = 16,
    DC_VM_AVATAR = 32,
    DC_VM_LOGO = 64,
    DC_VM_MAIN = 128    /* a token of its own names the content: the furniture */
                        /* words in the value are layout                       */
};

/*
 * The kinds (a bit per DC_VK_*) of the words in one class token (no spaces),
 * as the body reads them: case-insensitive, '_' read as '-', runs of '-' as
 * one, and each word's bounds honoured (a non-alphanumeric byte or the
 * token's edge before and/or after it, or the whole token).
 */
unsigned dc_vocab_token(const char *s, size_t n);

/*
 * The DC_VM_* flags of a class or id value (space-separated tokens), as
 * metadata reads it: any word anywhere, case-insensitive, except that
 * DC_VM_BAD words count only at the start of a token ("sidebar-widget" is a
 * sidebar, "has-sidebar" a page layout).
 */
int dc_vocab_meta(const char *s, size_t n);

/* Does an inline style value hide its element (display:none, visibility:hidden)?
 * The body and the headline read it alike. */
int dc_style_hides(const char *style);

#endif
