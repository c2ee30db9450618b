/* dom.c — building and walking the compact tree (see dom.h). */
#include "dom.h"

#include <pthread.h>

#include "text.h"

static const char *const tag_names[DC_TAG__COUNT] = {
#define DC_TAG_NAME(n) #n,
    DC_TAG_LIST(DC_TAG_NAME)
#undef DC_TAG_NAME
};

/* Lower-case names, made once from the X-macro so the two never disagree. */
static char lower_names[DC_TAG__COUNT][16];
static pthread_once_t lower_once = PTHREAD_ONCE_INIT;

static void make_lower(void)
{
    for (int t = 0; t < DC_TAG__COUNT; t++) {
        const char *s = tag_names[t];
        size_t k = 0;
        for (; s[k] && k < 15; k++)
            lower_names[t][k] = (char)dc_lower((unsigned char)s[k]);
        lower_names[t][k] = '\0';
    }
}

const char *dc_tag_name(const dc_dom *d, uint32_t i)
{
    const dc_node *n = &d->nodes[i];
    if (n->tag == DC_TAG_TEXT)
        return "#text";
    if (n->tag == DC_TAG_COMMENT)
        return "#comment";
    if (n->tag == DC_TAG_OTHER && n->text)
        return n->text;
    pthread_once(&lower_once, make_lower);
    return lower_names[n->tag];
}

int dc_tag_is_block(dc_tag t)
{
    switch (t) {
    case DC_TAG_ARTICLE: case DC_TAG_MAIN: case DC_TAG_SECTION: case DC_TAG_NAV:
    case DC_TAG_ASIDE: case DC_TAG_HEADER: case DC_TAG_FOOTER: case DC_TAG_ADDRESS:
    case DC_TAG_DIV: case DC_TAG_P: case DC_TAG_HR: case DC_TAG_H1: case DC_TAG_H2:
    case DC_TAG_H3: case DC_TAG_H4: case DC_TAG_H5: case DC_TAG_H6: case DC_TAG_HGROUP:
    case DC_TAG_UL: case DC_TAG_OL: case DC_TAG_LI: case DC_TAG_DL: case DC_TAG_DT:
    case DC_TAG_DD: case DC_TAG_MENU: case DC_TAG_BLOCKQUOTE: case DC_TAG_PRE:
    case DC_TAG_TABLE: case DC_TAG_CAPTION: case DC_TAG_THEAD: case DC_TAG_TBODY:
    case DC_TAG_TFOOT: case DC_TAG_TR: case DC_TAG_TD: case DC_TAG_TH:
    case DC_TAG_FIGURE: case DC_TAG_FIGCAPTION: case DC_TAG_DETAILS: case DC_TAG_SUMMARY:
    case DC_TAG_DIALOG: case DC_TAG_FORM: case DC_TAG_FIELDSET: case DC_TAG_LEGEND:
    case DC_TAG_CENTER: case DC_TAG_BODY: case DC_TAG_HTML: case DC_TAG_DOCUMENT:
    case DC_TAG_BR: case DC_TAG_LABEL: case DC_TAG_OPTION: case DC_TAG_SELECT:
    case DC_TAG_TEXTAREA: case DC_TAG_BUTTON:
        return 1;
    default:
        return 0;
    }
}

char *dc_text_content(const dc_dom *d, uint32_t root, dc_sbuf *out)
{
    int pending_space = 0;
    size_t start = out->len;
    uint32_t i = root;
    while (i) {
        const dc_node *n = &d->nodes[i];
        if (n->tag == DC_TAG_SCRIPT || n->tag == DC_TAG_STYLE || n->tag == DC_TAG_TEMPLATE ||
            n->tag == DC_TAG_COMMENT || n->tag == DC_TAG_NOSCRIPT) {
            i = dc_skip_in(d, i, root);
            continue;
        }
        if (n->tag == DC_TAG_TEXT) {
            const unsigned char *s = (const unsigned char *)n->text;
            for (uint32_t k = 0; k < n->text_len; k++) {
                if (dc_is_space(s[k])) {
                    pending_space = 1;
                } else if (s[k] == 0xC2 && k + 1 < n->text_len && s[k + 1] == 0xA0) {
                    pending_space = 1; /* NBSP counts as space */
                    k++;
                } else {
                    if (pending_space && out->len > start)
                        dc_sbuf_putc(out, ' ');
                    pending_space = 0;
                    dc_sbuf_putc(out, (char)s[k]);
                }
            }
        } else if (dc_tag_is_block((dc_tag)n->tag)) {
            pending_space = 1;
        }
        i = dc_next_in(d, i, root);
    }
    return dc_sbuf_finish(out);
}

/* The builder's own writable views of the arrays the tree exposes as const:
 * the memory is the arena's, written here and by the parser adapter only. */
static dc_node *nodes_w(dc_dom *d)
{
    return (dc_node *)(uintptr_t)d->nodes;
}

static dc_attr *attrs_w(dc_dom *d)
{
    return (dc_attr *)(uintptr_t)d->attrs;
}

dc_node *dc_dom_edit(dc_dom *d, uint32_t i)
{
    return &nodes_w(d)[i];
}

int dc_dom_init(dc_dom *d, dc_arena *ar, uint32_t node_hint)
{
    memset(d, 0, sizeof *d);
    d->arena = ar;
    d->cap = node_hint < 256 ? 256 : node_hint;
    dc_node *nodes = dc_arena_alloc(ar, sizeof(dc_node) * d->cap);
    d->attr_cap = d->cap;
    d->attrs = dc_arena_alloc(ar, sizeof(dc_attr) * d->attr_cap);
    d->nodes = nodes;
    if (!nodes || !d->attrs)
        return 0;
    memset(&nodes[0], 0, sizeof(dc_node));
    nodes[0].tag = DC_TAG_DOCUMENT;
    d->count = 1;
    return 1;
}

uint32_t dc_dom_append(dc_dom *d, uint32_t parent, dc_tag tag)
{
    if (d->count == d->cap) {
        if (d->cap >= UINT32_MAX / 2)
            return DC_NONE;
        uint32_t cap = d->cap * 2;
        dc_node *nn = dc_arena_alloc(d->arena, sizeof(dc_node) * cap);
        if (!nn)
            return DC_NONE;
        memcpy(nn, d->nodes, sizeof(dc_node) * d->count);
        d->nodes = nn;
        d->cap = cap;
    }
    dc_node *nodes = nodes_w(d);
    uint32_t i = d->count++;
    dc_node *n = &nodes[i];
    memset(n, 0, sizeof *n);
    n->tag = (uint8_t)tag;
    n->parent = parent;
    n->attr_first = d->attr_count;
    dc_node *p = &nodes[parent];
    n->depth = (uint16_t)(p->depth < UINT16_MAX ? p->depth + 1 : UINT16_MAX);
    if (p->last_child) {
        nodes[p->last_child].next = i;
        n->prev = p->last_child;
    } else {
        p->first_child = i;
    }
    p->last_child = i;
    return i;
}

int dc_dom_add_attr(dc_dom *d, uint32_t node, const char *name, size_t name_len,
                    const char *value, size_t value_len)
{
    if (d->attr_count == d->attr_cap) {
        uint32_t cap = d->attr_cap * 2;
        dc_attr *na = dc_arena_alloc(d->arena, sizeof(dc_attr) * cap);
        if (!na)
            return 0;
        memcpy(na, d->attrs, sizeof(dc_attr) * d->attr_count);
        d->attrs = na;
        d->attr_cap = cap;
    }
    dc_attr *a = &attrs_w(d)[d->attr_count++];
    a->name = name;
    a->name_len = (uint32_t)name_len;
    a->value = value ? value : "";
    a->value_len = value ? (uint32_t)value_len : 0;
    a->key = (uint8_t)dc_attr_key_of(name, name_len);
    nodes_w(d)[node].attr_count++;
    return 1;
}
