/*
 * clean.c — telling furniture from content before any scoring.
 *
 * Evidence, cheapest first: the tag (script, nav, form...), hidden
 * elements, ARIA roles, and the class/id vocabulary that site templates use
 * in many languages.  Vocabulary matches only nominate a node
 * (DC_F_CAND_DROP): select.c's statistics veto the drop when the node holds
 * the headline or the declared body, because template wrappers are often
 * called "page-with-sidebar" or "comments-open".
 */
#include <string.h>

#include "extract.h"
#include "text.h"
#include "vocab.h"

/* Utility-class frameworks give most elements a class string of their own
 * but reuse a few hundred tokens ("flex", "items-center"): the tokens' kinds
 * are cached per page, in a direct-mapped table keyed by a hash. */
typedef struct token_entry {
    const char *s;
    uint32_t len, hash;
    unsigned seen;
} token_entry;

#define TOKEN_CACHE 1024

static unsigned string_seen(token_entry *cache, const char *s, size_t n)
{
    unsigned seen = 0;
    /* Only the first 256 bytes are read: what a utility-class string says
     * past them is layout ("hidden" at one breakpoint), not what it is. */
    if (n > 256)
        n = 256;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t st = i;
        uint32_t h = DC_FNV_SEED;
        while (i < n && s[i] != ' ')
            h = dc_fnv1a_step(h, (unsigned char)s[i++]);
        size_t tn = i - st;
        if (!tn)
            break;
        if (!cache) {
            seen |= dc_vocab_token(s + st, tn);
            continue;
        }
        token_entry *e = &cache[h & (TOKEN_CACHE - 1)];
        if (!(e->s && e->hash == h && e->len == tn && memcmp(e->s, s + st, tn) == 0))
            *e = (token_entry){s + st, (uint32_t)tn, h, dc_vocab_token(s + st, tn)};
        seen |= e->seen;
    }
    return seen;
}

/* A class or id value's weight and flags from the kinds found in it. */
static int verdict(unsigned seen, uint16_t *flags)
{
    int weight = 0;
    uint16_t f = 0;
    if (seen & (1u << DC_VK_CONSENT)) {
        *flags = DC_F_DROP | DC_F_HARD;
        return -25;
    }
    if (seen & (1u << DC_VK_CONTENT)) {
        *flags = DC_F_CONTENT;
        return 50;
    }
    if (seen & (1u << DC_VK_POS))
        weight += 25;
    if (seen & ((1u << DC_VK_NEG) | (1u << DC_VK_SOFT) | (1u << DC_VK_HARD) | (1u << DC_VK_RELATED) | (1u << DC_VK_BYLINE)))
        weight -= 25;
    if (seen & (1u << DC_VK_HARD))
        f |= DC_F_CAND_DROP;
    if ((seen & (1u << DC_VK_SOFT)) && !(seen & (1u << DC_VK_POS)))
        f |= DC_F_CAND_DROP;
    if (seen & (1u << DC_VK_RELATED))
        f |= DC_F_CAND_DROP | DC_F_RELATED;
    if ((seen & (1u << DC_VK_BYLINE)) && !(seen & (1u << DC_VK_POS)))
        f |= DC_F_CAND_DROP | DC_F_BYLINE;
    /* Only nominated: whole pages hide under class="root hide" until a
     * script runs, and the prose veto must be able to save them. */
    if (seen & (1u << DC_VK_HIDDEN))
        f |= DC_F_CAND_DROP;
    *flags = f;
    return weight;
}

int dc_vocab_classify(const char *s, size_t n, uint16_t *flags)
{
    return verdict(string_seen(NULL, s, n), flags);
}

/* Not "tablist": Bootstrap gives that role to a whole accordion, answers
 * and all, and a real tab list is a few words. */
static int role_is_furniture(const char *r)
{
    static const char *const roles[] = {"navigation", "banner", "contentinfo", "complementary",
                                        "menu", "menubar", "search", "dialog", "alertdialog",
                                        "toolbar"};
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (strcmp(r, roles[i]) == 0)
            return 1;
    return 0;
}

/* Tag-level decisions: 2 = never content, 1 = furniture unless it holds the
 * body, 0 = no opinion. */
static int tag_verdict(dc_tag t)
{
    switch (t) {
    case DC_TAG_SCRIPT: case DC_TAG_STYLE: case DC_TAG_TEMPLATE:
    case DC_TAG_IFRAME: case DC_TAG_OBJECT: case DC_TAG_EMBED: case DC_TAG_SVG:
    case DC_TAG_MATH: case DC_TAG_CANVAS: case DC_TAG_VIDEO: case DC_TAG_AUDIO:
    case DC_TAG_SELECT: case DC_TAG_TEXTAREA: case DC_TAG_BUTTON: case DC_TAG_INPUT:
    case DC_TAG_MAP: case DC_TAG_HEAD: case DC_TAG_TITLE: case DC_TAG_META: case DC_TAG_LINK:
    case DC_TAG_BASE: case DC_TAG_DIALOG: case DC_TAG_COMMENT: case DC_TAG_NAV:
    case DC_TAG_OPTION: case DC_TAG_LABEL:
        return 2;
    case DC_TAG_ASIDE: case DC_TAG_FOOTER: case DC_TAG_FORM: case DC_TAG_NOSCRIPT:
    case DC_TAG_FIGCAPTION:
        return 1;
    default:
        return 0;
    }
}

/* Templates repeat the same class strings hundreds of times per page
 * ("menu-item menu-item-type-post_type"), so verdicts are cached per page
 * in a small direct-mapped table keyed by a hash of the string. */
typedef struct vocab_entry {
    const char *s;
    uint32_t len, hash;
    int16_t weight;
    uint16_t flags;
} vocab_entry;

#define VOCAB_CACHE 512

static int class_verdict(vocab_entry *cache, token_entry *tokens, const char *s, size_t n,
                           uint16_t *flags)
{
    if (!cache)
        return verdict(string_seen(tokens, s, n), flags);
    uint32_t h = (uint32_t)dc_hash_bytes(s, n);
    vocab_entry *e = &cache[h & (VOCAB_CACHE - 1)];
    if (e->s && e->hash == h && e->len == n && memcmp(e->s, s, n) == 0) {
        *flags = e->flags;
        return e->weight;
    }
    int w = verdict(string_seen(tokens, s, n), flags);
    *e = (vocab_entry){s, (uint32_t)n, h, (int16_t)w, *flags};
    return w;
}

/*
 * Is hidden element i a disclosure's body: an accordion's or FAQ's answer,
 * a collapsed section, a tab's panel, an item's "content" shown on a
 * click?  Pages ship them closed and open them on a click; their text is
 * the page's, unlike a closed menu or modal ("menu-content",
 * "modal-content": those carry furniture names and go as such).
 */
static int disclosure(const dc_dom *d, uint32_t i)
{
    static const char *const words[] = {"accordion", "collaps", "tab-pane", "tabpanel", "faq", "expand",
                                        "content", NULL};
    const char *names[2] = {"class", "id"};
    for (int a = 0; a < 2; a++) {
        size_t n;
        const char *v = dc_attr_get(d, i, names[a], &n);
        for (int k = 0; v && words[k]; k++)
            if (dc_contains_ci(v, n, words[k]))
                return 1;
    }
    const char *r = dc_attr_get(d, i, "role", NULL);
    return r && (strcmp(r, "tabpanel") == 0 || strcmp(r, "region") == 0);
}

/* Classifies one element from its tag and attributes. */
static void judge_element(const dc_extract_ctx *cx, vocab_entry *cache, token_entry *tokens,
                          uint32_t i, dc_mark *m)
{
    const dc_node *n = &cx->dom->nodes[i];
    int v = tag_verdict((dc_tag)n->tag);
    if (v == 2) {
        m->flags |= DC_F_DROP | DC_F_HARD;
        return;
    }
    if (v == 1)
        m->flags |= DC_F_CAND_DROP;
    if (n->tag == DC_TAG_ARTICLE)
        m->weight += 25;
    else if (n->tag == DC_TAG_MAIN)
        m->weight += 15;
    int hidden = 0;
    const dc_attr *a = &cx->dom->attrs[n->attr_first];
    for (uint32_t k = 0; k < n->attr_count; k++, a++) {
        dc_attr_key key = (dc_attr_key)a->key;
        if (key == DC_A_OTHER)
            continue;
        if (key == DC_A_CLASS || key == DC_A_ID) {
            uint16_t f = 0;
            m->weight = (int16_t)(m->weight + class_verdict(cache, tokens, a->value, a->value_len, &f));
            m->flags |= f;
        } else if (key == DC_A_HIDDEN ||
                   (key == DC_A_ARIA_HIDDEN && strcmp(a->value, "true") == 0) ||
                   (key == DC_A_STYLE && dc_style_hides(a->value))) {
            /* Only nominated: shops and paywalls hide the whole page until a
             * script reveals it, and the prose veto must be able to save it. */
            hidden = 1;
        } else if (key == DC_A_ROLE && role_is_furniture(a->value)) {
            m->flags |= DC_F_CAND_DROP;
        } else if (key == DC_A_ITEMPROP && strcmp(a->value, "articleBody") == 0) {
            m->flags |= DC_F_CONTENT;
            m->weight += 50;
        }
    }
    if (m->flags & DC_F_CONTENT)
        m->flags &= (uint16_t)~(DC_F_CAND_DROP | DC_F_RELATED | DC_F_BYLINE);
    /* Hidden and named like furniture (a closed modal holding the terms of
     * use): no amount of prose makes that the article. */
    if (hidden && (m->flags & DC_F_CAND_DROP))
        m->flags |= DC_F_DROP | DC_F_HARD;
    else if (hidden && !disclosure(cx->dom, i))
        m->flags |= DC_F_CAND_DROP;
}

int dc_clean(const dc_extract_ctx *cx, dc_mark *out)
{
    const dc_dom *d = cx->dom;
    /* Without memory for the cache, classification still works uncached. */
    vocab_entry *cache = dc_arena_alloc(cx->ar, sizeof(vocab_entry) * VOCAB_CACHE);
    if (cache)
        memset(cache, 0, sizeof(vocab_entry) * VOCAB_CACHE);
    token_entry *tokens = dc_arena_alloc(cx->ar, sizeof(token_entry) * TOKEN_CACHE);
    if (tokens)
        memset(tokens, 0, sizeof(token_entry) * TOKEN_CACHE);
    for (uint32_t i = 1; i < d->count; i++) {
        const dc_node *n = &d->nodes[i];
        if (!dc_is_element(n)) {
            if (n->tag == DC_TAG_COMMENT)
                out[i].flags |= DC_F_DROP | DC_F_HARD;
            continue;
        }
        /* The root elements carry template-wide classes ("single-post
         * has-sidebar") that say nothing about themselves. */
        if (n->tag == DC_TAG_HTML || n->tag == DC_TAG_BODY)
            continue;
        if (out[n->parent].flags & DC_F_HARD) {
            out[i].flags |= DC_F_DROP | DC_F_HARD;
            continue;
        }
        judge_element(cx, cache, tokens, i, &out[i]);
    }
    return 1;
}
