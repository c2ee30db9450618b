/*
 * dom.h — decant's own compact, read-only document tree.
 *
 * The HTML parser (see parser.h) fills this structure once per page; every
 * later phase (cleaning, scoring, metadata, rendering) reads only this.  That
 * keeps the parser swappable and the hot loops on a dense array of small
 * nodes instead of a parser's pointer-heavy tree.
 *
 * Nodes live in one array; index 0 is the document root and DC_NONE (0) also
 * means "no node" in link fields, which is unambiguous because the root is
 * never anybody's child or sibling.
 */
#ifndef DC_DOM_H
#define DC_DOM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"

#define DC_NONE 0u

/* The elements decant tells apart; all others are DC_TAG_OTHER. */
#define DC_TAG_LIST(X) \
    X(DOCUMENT) X(TEXT) X(COMMENT) X(OTHER) \
    X(HTML) X(HEAD) X(BODY) X(TITLE) X(META) X(LINK) X(BASE) X(SCRIPT) X(STYLE) \
    X(NOSCRIPT) X(TEMPLATE) X(IFRAME) X(OBJECT) X(EMBED) X(SVG) X(MATH) X(CANVAS) \
    X(VIDEO) X(AUDIO) X(SOURCE) X(PICTURE) X(IMG) X(MAP) X(AREA) \
    X(FORM) X(INPUT) X(BUTTON) X(SELECT) X(OPTION) X(TEXTAREA) X(LABEL) X(FIELDSET) X(LEGEND) \
    X(ARTICLE) X(MAIN) X(SECTION) X(NAV) X(ASIDE) X(HEADER) X(FOOTER) X(ADDRESS) \
    X(DIV) X(SPAN) X(P) X(BR) X(HR) X(WBR) \
    X(H1) X(H2) X(H3) X(H4) X(H5) X(H6) X(HGROUP) \
    X(UL) X(OL) X(LI) X(DL) X(DT) X(DD) X(MENU) \
    X(BLOCKQUOTE) X(Q) X(PRE) X(CODE) X(KBD) X(SAMP) X(TT) \
    X(TABLE) X(CAPTION) X(THEAD) X(TBODY) X(TFOOT) X(TR) X(TD) X(TH) X(COLGROUP) X(COL) \
    X(FIGURE) X(FIGCAPTION) X(DETAILS) X(SUMMARY) X(DIALOG) \
    X(A) X(B) X(STRONG) X(I) X(EM) X(U) X(S) X(SMALL) X(SUB) X(SUP) X(MARK) X(ABBR) \
    X(CITE) X(TIME) X(FONT) X(CENTER) X(DEL) X(INS) X(DFN) X(VAR) X(BIG) X(NOBR)

typedef enum dc_tag {
#define DC_TAG_ENUM(n) DC_TAG_##n,
    DC_TAG_LIST(DC_TAG_ENUM)
#undef DC_TAG_ENUM
    DC_TAG__COUNT
} dc_tag;

/* Attribute names the phases ask for, interned when the tree is built so
 * that lookups compare a byte instead of strings. */
#define DC_ATTR_LIST(X) \
    X(CLASS, "class") X(ID, "id") X(STYLE, "style") X(ROLE, "role") X(HIDDEN, "hidden") \
    X(ARIA_HIDDEN, "aria-hidden") X(ITEMPROP, "itemprop") X(ITEMTYPE, "itemtype") \
    X(HREF, "href") X(CONTENT, "content") X(NAME, "name") X(PROPERTY, "property") \
    X(REL, "rel") X(DATETIME, "datetime") X(LANG, "lang") X(TYPE, "type") \
    X(HTTP_EQUIV, "http-equiv") X(PUBDATE, "pubdate")

typedef enum dc_attr_key {
    DC_A_OTHER = 0,
#define DC_ATTR_ENUM(k, s) DC_A_##k,
    DC_ATTR_LIST(DC_ATTR_ENUM)
#undef DC_ATTR_ENUM
    DC_A__COUNT
} dc_attr_key;

typedef struct dc_attr {
    const char *name;  /* lower-case, NUL-terminated */
    const char *value; /* NUL-terminated, maybe ""   */
    uint32_t name_len, value_len;
    uint8_t key;       /* dc_attr_key */
} dc_attr;

/* The key of an attribute name, DC_A_OTHER when it is not interned.  Runs
 * once per attribute of the page, hence the switch on length. */
static inline dc_attr_key dc_attr_key_of(const char *name, size_t len)
{
#define DC_IS(s) (memcmp(name, s, sizeof(s) - 1) == 0)
    switch (len) {
    case 2: return DC_IS("id") ? DC_A_ID : DC_A_OTHER;
    case 3: return DC_IS("rel") ? DC_A_REL : DC_A_OTHER;
    case 4:
        switch (name[0]) {
        case 'h': return DC_IS("href") ? DC_A_HREF : DC_A_OTHER;
        case 'n': return DC_IS("name") ? DC_A_NAME : DC_A_OTHER;
        case 't': return DC_IS("type") ? DC_A_TYPE : DC_A_OTHER;
        case 'l': return DC_IS("lang") ? DC_A_LANG : DC_A_OTHER;
        case 'r': return DC_IS("role") ? DC_A_ROLE : DC_A_OTHER;
        default: return DC_A_OTHER;
        }
    case 5:
        return DC_IS("class") ? DC_A_CLASS : DC_IS("style") ? DC_A_STYLE : DC_A_OTHER;
    case 6: return DC_IS("hidden") ? DC_A_HIDDEN : DC_A_OTHER;
    case 7:
        return DC_IS("content") ? DC_A_CONTENT : DC_IS("pubdate") ? DC_A_PUBDATE : DC_A_OTHER;
    case 8:
        switch (name[0]) {
        case 'i': return DC_IS("itemprop") ? DC_A_ITEMPROP : DC_IS("itemtype") ? DC_A_ITEMTYPE : DC_A_OTHER;
        case 'p': return DC_IS("property") ? DC_A_PROPERTY : DC_A_OTHER;
        case 'd': return DC_IS("datetime") ? DC_A_DATETIME : DC_A_OTHER;
        default: return DC_A_OTHER;
        }
    case 10: return DC_IS("http-equiv") ? DC_A_HTTP_EQUIV : DC_A_OTHER;
    case 11: return DC_IS("aria-hidden") ? DC_A_ARIA_HIDDEN : DC_A_OTHER;
    default: return DC_A_OTHER;
    }
#undef DC_IS
}

typedef struct dc_node {
    uint32_t parent, first_child, last_child, next, prev;
    uint32_t attr_first;  /* index into dc_dom.attrs */
    uint16_t attr_count;
    uint8_t tag;          /* dc_tag */
    uint8_t depth_clamped;/* 1 when the parser's depth was cut here */
    uint16_t depth;
    const char *text;     /* TEXT and COMMENT nodes: NUL-terminated UTF-8 */
    uint32_t text_len;
    uint32_t name_len;    /* OTHER elements: length of `text` = tag name  */
} dc_node;

/* Read-only once the parser has built it: every later phase sees const
 * nodes and attributes, and keeps what it finds in arrays of its own. */
typedef struct dc_dom {
    const dc_node *nodes;
    uint32_t count, cap;
    const dc_attr *attrs;
    uint32_t attr_count, attr_cap;
    uint32_t html, head, body; /* DC_NONE when absent */
    dc_arena *arena;           /* where nodes, attributes and text live */
} dc_dom;

static inline const dc_node *dc_node_at(const dc_dom *d, uint32_t i) { return &d->nodes[i]; }

/* Value of attribute `name` (lower-case) on node i, or NULL. */
static inline const char *dc_attr_get(const dc_dom *d, uint32_t i, const char *name, size_t *len)
{
    const dc_node *n = &d->nodes[i];
    if (!n->attr_count)
        return NULL;
    dc_attr_key key = dc_attr_key_of(name, strlen(name));
    for (uint32_t k = 0; k < n->attr_count; k++) {
        const dc_attr *a = &d->attrs[n->attr_first + k];
        if (key ? a->key == key : strcmp(a->name, name) == 0) {
            if (len)
                *len = a->value_len;
            return a->value;
        }
    }
    return NULL;
}

static inline int dc_is_element(const dc_node *n)
{
    return n->tag > DC_TAG_COMMENT;
}

/* Next node in document order inside the subtree of `root`, or DC_NONE. */
static inline uint32_t dc_next_in(const dc_dom *d, uint32_t i, uint32_t root)
{
    const dc_node *n = &d->nodes[i];
    if (n->first_child)
        return n->first_child;
    while (i != root) {
        n = &d->nodes[i];
        if (n->next)
            return n->next;
        i = n->parent;
    }
    return DC_NONE;
}

/* Like dc_next_in, but does not descend into i's children. */
static inline uint32_t dc_skip_in(const dc_dom *d, uint32_t i, uint32_t root)
{
    while (i != root) {
        const dc_node *n = &d->nodes[i];
        if (n->next)
            return n->next;
        i = n->parent;
    }
    return DC_NONE;
}

/* The tag's lower-case name ("div"), "#text", or the parsed name for OTHER. */
const char *dc_tag_name(const dc_dom *d, uint32_t i);

/* Is `tag` a block-level element for text layout? */
int dc_tag_is_block(dc_tag tag);

/*
 * Appends the text content of node i's subtree to `out`, whitespace
 * collapsed to single spaces and trimmed; skips script/style/template.
 * Returns out->data (NUL-terminated) or NULL on allocation failure.
 */
char *dc_text_content(const dc_dom *d, uint32_t i, dc_sbuf *out);

/* Builder API, used by the parser adapter: the only writer of the tree. */
int dc_dom_init(dc_dom *d, dc_arena *ar, uint32_t node_hint);
/* Appends a node as last child of `parent`; returns its index or DC_NONE on OOM. */
uint32_t dc_dom_append(dc_dom *d, uint32_t parent, dc_tag tag);
/* The parser's writable view of node i, for what dc_dom_append leaves to it
 * (text, the name of an unknown element, a depth clamp). */
dc_node *dc_dom_edit(dc_dom *d, uint32_t i);
/* Adds an attribute to the node appended last. Returns 0 on OOM. */
int dc_dom_add_attr(dc_dom *d, uint32_t node, const char *name, size_t name_len,
                    const char *value, size_t value_len);

#endif
