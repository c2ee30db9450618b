/*
 * parser_myhtml.c — the HTML5 parser adapter, over myhtml (Debian's
 * libmodest-dev).  myhtml was chosen for speed (about 320 MB/s measured on
 * news pages, 3x libxml2, 12x gumbo) and HTML5 conformance; libxml2 is not
 * HTML5 and silently cuts trees at depth 256.
 *
 * The adapter parses with one thread (PARSE_MODE_SINGLE: no worker threads
 * per extractor) and copies the result into decant's compact dc_dom in one
 * iterative walk, mapping myhtml's tag ids to dc_tag through a table built
 * from tag names, so nothing else depends on myhtml's numbering.
 */
#include <myhtml/api.h>
#include <stdlib.h>

#include "parser.h"

struct dc_parser {
    const decant_allocator *alloc;
    myhtml_t *myhtml;
    myhtml_tree_t *tree;
    uint8_t map[MyHTML_TAG_LAST_ENTRY]; /* myhtml tag id -> dc_tag */
};

static void build_map(dc_parser *p)
{
    for (size_t id = 0; id < MyHTML_TAG_LAST_ENTRY; id++) {
        p->map[id] = DC_TAG_OTHER;
        size_t len = 0;
        const char *name = myhtml_tag_name_by_id(p->tree, (myhtml_tag_id_t)id, &len);
        if (!name)
            continue;
        for (int t = DC_TAG_HTML; t < DC_TAG__COUNT; t++) {
            dc_node probe = {0};
            dc_dom d = {0};
            probe.tag = (uint8_t)t;
            d.nodes = &probe;
            const char *mine = dc_tag_name(&d, 0);
            if (strlen(mine) == len && memcmp(mine, name, len) == 0) {
                p->map[id] = (uint8_t)t;
                break;
            }
        }
    }
    p->map[MyHTML_TAG__TEXT] = DC_TAG_TEXT;
    p->map[MyHTML_TAG__COMMENT] = DC_TAG_COMMENT;
}

dc_parser *dc_parser_new(const decant_allocator *alloc)
{
    alloc = dc_allocator_or_default(alloc);
    dc_parser *p = dc_calloc(alloc, sizeof *p);
    if (!p)
        return NULL;
    p->alloc = alloc;
    p->myhtml = myhtml_create();
    if (!p->myhtml || myhtml_init(p->myhtml, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK)
        goto fail;
    p->tree = myhtml_tree_create();
    if (!p->tree || myhtml_tree_init(p->tree, p->myhtml) != MyHTML_STATUS_OK)
        goto fail;
    build_map(p);
    return p;
fail:
    dc_parser_free(p);
    return NULL;
}

void dc_parser_free(dc_parser *p)
{
    if (!p)
        return;
    if (p->tree)
        myhtml_tree_destroy(p->tree);
    if (p->myhtml)
        myhtml_destroy(p->myhtml);
    dc_free(p->alloc, p, sizeof *p);
}

/* Copies one myhtml node (not its children) under `parent`. */
static uint32_t copy_node(dc_parser *p, dc_dom *dom, myhtml_tree_node_t *mn, uint32_t parent,
                          decant_status *st)
{
    myhtml_tag_id_t id = myhtml_node_tag_id(mn);
    dc_tag tag = id < MyHTML_TAG_LAST_ENTRY ? (dc_tag)p->map[id] : DC_TAG_OTHER;
    uint32_t i = dc_dom_append(dom, parent, tag);
    if (!i) {
        *st = DECANT_ERR_NOMEM;
        return DC_NONE;
    }
    dc_node *n = dc_dom_edit(dom, i);
    if (tag == DC_TAG_TEXT || tag == DC_TAG_COMMENT) {
        size_t len = 0;
        const char *s = myhtml_node_text(mn, &len);
        n->text = s ? s : "";
        n->text_len = s ? (uint32_t)len : 0;
        return i;
    }
    if (tag == DC_TAG_OTHER) {
        size_t len = 0;
        const char *name = myhtml_tag_name_by_id(p->tree, id, &len);
        n->text = name;
        n->name_len = (uint32_t)len;
    }
    for (myhtml_tree_attr_t *a = myhtml_node_attribute_first(mn); a; a = myhtml_attribute_next(a)) {
        size_t kl = 0, vl = 0;
        const char *k = myhtml_attribute_key(a, &kl);
        const char *v = myhtml_attribute_value(a, &vl);
        if (!k)
            continue;
        if (!dc_dom_add_attr(dom, i, k, kl, v, vl)) {
            *st = DECANT_ERR_NOMEM;
            return DC_NONE;
        }
        if (dom->nodes[i].attr_count == UINT16_MAX)
            break; /* the rest of a hostile attribute list is dropped */
    }
    return i;
}

decant_status dc_parse(dc_parser *p, const char *html, size_t len, dc_arena *ar,
                       unsigned max_depth, size_t max_nodes, dc_dom *dom)
{
    myhtml_tree_clean(p->tree);
    if (myhtml_parse(p->tree, MyENCODING_UTF_8, html, len) != MyHTML_STATUS_OK)
        return DECANT_ERR_PARSE;
    /* Roughly one node per 60 bytes of HTML on news pages. */
    if (!dc_dom_init(dom, ar, (uint32_t)(len / 60 < 1u << 24 ? len / 60 : 1u << 24)))
        return DECANT_ERR_NOMEM;

    myhtml_tree_node_t *root = myhtml_tree_get_document(p->tree);
    if (!root)
        return DECANT_ERR_PARSE;
    decant_status st = DECANT_OK;
    if (max_depth > 60000)
        max_depth = 60000;

    /* Iterative pre-order walk.  `parent` is the dc node that mn's children
     * hang on.  Elements deeper than max_depth are not copied, so their
     * children (text above all) hang on the deepest copied ancestor; since
     * depth only grows downwards, "copied" is simply depth <= max_depth. */
    myhtml_tree_node_t *mn = myhtml_node_child(root);
    uint32_t parent = 0;
    unsigned depth = 1;
    while (mn) {
        uint32_t me = DC_NONE;
        myhtml_tag_id_t id = myhtml_node_tag_id(mn);
        if (id != MyHTML_TAG__DOCTYPE) {
            if (depth <= max_depth || id == MyHTML_TAG__TEXT) {
                me = copy_node(p, dom, mn, parent, &st);
                if (st != DECANT_OK)
                    return st;
            } else {
                dc_dom_edit(dom, parent)->depth_clamped = 1;
            }
            if (dom->count > max_nodes)
                return DECANT_ERR_LIMIT;
        }
        myhtml_tree_node_t *child = id == MyHTML_TAG__DOCTYPE ? NULL : myhtml_node_child(mn);
        if (child) {
            if (me)
                parent = me;
            depth++;
            mn = child;
            continue;
        }
        while (!myhtml_node_next(mn)) {
            mn = myhtml_node_parent(mn);
            depth--;
            if (!mn || mn == root)
                goto done;
            if (depth <= max_depth)
                parent = dom->nodes[parent].parent;
        }
        mn = myhtml_node_next(mn);
    }
done:
    for (uint32_t c = dom->nodes[0].first_child; c; c = dom->nodes[c].next)
        if (dom->nodes[c].tag == DC_TAG_HTML)
            dom->html = c;
    if (dom->html)
        for (uint32_t c = dom->nodes[dom->html].first_child; c; c = dom->nodes[c].next) {
            if (dom->nodes[c].tag == DC_TAG_HEAD && !dom->head)
                dom->head = c;
            if (dom->nodes[c].tag == DC_TAG_BODY && !dom->body)
                dom->body = c;
        }
    return st;
}
