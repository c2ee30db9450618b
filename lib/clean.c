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
#include <pthread.h>
#include <string.h>

#include "text.h"
#include "extract.h"

/* Pattern flags: require a non-alphanumeric byte (or the edge) before (L)
 * or after (R) the match, so "ad" matches "ad-slot" but not "header"; W
 * requires the whole class name, so "hide" does not match "hide-on-mobile". */
enum { L = 1, R = 2, W = 4 };

/* What a pattern says about the element. */
enum {
    V_CONTENT, /* declared article body: strong bonus, never dropped       */
    V_POS,     /* content-ish wrapper: bonus                                */
    V_NEG,     /* furniture-ish: malus only                                 */
    V_SOFT,    /* furniture unless a content word is also present           */
    V_HARD,    /* furniture whatever else the class says                    */
    V_RELATED, /* related/latest/most-read box: furniture, kept as links    */
    V_BYLINE,  /* byline, dateline, post meta: furniture for the body       */
    V_HIDDEN,  /* a utility class that hides the element                    */
    V_CONSENT  /* a consent manager's banner or preference centre           */
};

typedef struct {
    const char *s;
    uint8_t len, bounds, kind;
    const char *unless; /* not a match when the token goes on with this */
} pattern;

#define P(str, b, k) {str, sizeof(str) - 1, b, k, NULL}
#define P_UNLESS(str, b, k, u) {str, sizeof(str) - 1, b, k, u}
/* Grouped by first byte; matching switches on it (see match_at). */
static const pattern patterns[] = {
    P("ad", L | R, V_HARD), P("ads", L | R, V_HARD),
    /* "adv" is an advert ("top-adv", "adv-sidelabel"), but Kadence's
     * "kt-adv-heading" is an advanced heading, the article's own */
    P_UNLESS("adv", L | R, V_HARD, "-heading"),
    P("advert", 0, V_HARD), P("adsense", 0, V_HARD), P("adslot", 0, V_HARD),
    P("ad-slot", L, V_HARD), P("ad-container", L, V_HARD), P("ad-wrapper", L, V_HARD),
    P("also-read", 0, V_RELATED), P("alsoread", 0, V_RELATED), P("anzeige", L, V_HARD),
    P("article-body", 0, V_CONTENT), P("articlebody", 0, V_CONTENT),
    P("article-content", 0, V_CONTENT), P("articlecontent", 0, V_CONTENT),
    P("article-text", 0, V_CONTENT), P("articletext", 0, V_CONTENT),
    P("article", L, V_POS), P("author", L, V_BYLINE), P("aside", L | R, V_NEG),
    P("a-lire", L, V_RELATED), P("app-download", 0, V_HARD),
    P("banner", L, V_SOFT), P("breadcrumb", 0, V_HARD), P("byline", 0, V_BYLINE),
    P("blog", L, V_POS), P("body", L | R, V_POS), P("bodytext", 0, V_CONTENT),
    P("body-text", 0, V_CONTENT), P("bio", L | R, V_BYLINE),
    P("cookie", 0, V_HARD), P("consent", 0, V_HARD), P("comment", L, V_HARD),
    P("commenti", L, V_HARD), P("comentario", L, V_HARD), P("condivid", L, V_HARD),
    P("compartir", L, V_HARD), P("compartilhar", L, V_HARD), P("correlat", 0, V_RELATED),
    P("content", L, V_POS), P("community", L, V_NEG), P("complementary", 0, V_NEG),
    P("cta", L | R, V_SOFT), P("credit", 0, V_SOFT), P("caption", W, V_SOFT),
    P("wp-caption", 0, V_SOFT), P("image-caption", 0, V_SOFT), P("media-caption", 0, V_SOFT),
    P("photo-caption", 0, V_SOFT), P("img-caption", 0, V_SOFT), P("caption-text", 0, V_SOFT),
    P("figure-caption", 0, V_SOFT), P("newscaption", 0, V_SOFT),
    P("date", L | R, V_BYLINE), P("dateline", L, V_BYLINE), P("disqus", 0, V_HARD),
    P("disclaimer", L, V_SOFT), /* legal small print (wcxb-dev +0.0010) */
    P("delen", L | R, V_HARD), P("dela", L | R, V_HARD), P("dfp", L, V_HARD),
    P("donate", L, V_SOFT), P("d-none", W, V_HIDDEN),
    P("entry-content", 0, V_CONTENT), P("entrycontent", 0, V_CONTENT),
    P("entry-body", 0, V_CONTENT), P("entry-meta", 0, V_BYLINE), P("entry", L | R, V_POS),
    P("extra", L | R, V_NEG), P("empfehlung", 0, V_RELATED),
    P("footer", L, V_SOFT), P("foot", L | R, V_NEG), P("follow", L, V_SOFT),
    /* a reply or a customer's word, not "follow us" */
    P("follow-up", L, V_POS),
    P("gdpr", 0, V_HARD), P("gerelateerd", 0, V_RELATED),
    P("header", L, V_NEG), P("hide", W, V_HIDDEN), P("is-hidden", W, V_HIDDEN),
    P("hentry", L | R, V_POS), P("hero", L | R, V_NEG),
    P("kommentar", L, V_HARD),
    P("latest", L, V_RELATED), P("leggi-anche", 0, V_RELATED), P("lees-ook", 0, V_RELATED),
    P("login", L, V_HARD), P("lire-aussi", 0, V_RELATED), P("links", L | R, V_NEG),
    P("main", L, V_POS), P("main-content", L, V_CONTENT), P("menu", L, V_SOFT),
    P("masthead", 0, V_SOFT), P("meta", L | R, V_BYLINE), P("modal", L, V_HARD),
    P("more-stories", 0, V_RELATED), P("morestories", 0, V_RELATED),
    P("more-news", 0, V_RELATED), P("most-read", 0, V_RELATED), P("mostread", 0, V_RELATED),
    P("most-popular", 0, V_RELATED), P("mostpopular", 0, V_RELATED),
    P("most-viewed", 0, V_RELATED), P("mas-leido", 0, V_RELATED),
    P("meistgelesen", 0, V_RELATED),
    P("nav", L | R, V_SOFT), P("navbar", L, V_SOFT), P("navigation", L, V_SOFT),
    P("newsletter", 0, V_HARD), P("news-text", 0, V_CONTENT),
    P("outbrain", 0, V_HARD), P("overlay", L, V_SOFT),
    P("pagination", 0, V_SOFT), P("pager", L | R, V_SOFT), P("partage", 0, V_HARD),
    P("popular", L, V_RELATED), P("popup", 0, V_HARD), P("post-content", 0, V_CONTENT),
    P("postcontent", 0, V_CONTENT), P("post-body", 0, V_CONTENT), P("postbody", 0, V_CONTENT),
    P("post-text", 0, V_CONTENT), P("post-meta", 0, V_BYLINE), P("postmeta", 0, V_BYLINE),
    P("post", L | R, V_POS), P("posted-on", 0, V_BYLINE), P("print", L | R, V_SOFT),
    P("promo", L, V_SOFT), P("prose", L | R, V_POS), P("published", L, V_BYLINE),
    P("pubblicita", 0, V_HARD), P("publicidad", 0, V_HARD), P("publicite", 0, V_HARD),
    P("piu-letti", 0, V_RELATED), P("piuletti", 0, V_RELATED),
    P("rail", L | R, V_NEG), P("read-more", 0, V_RELATED), P("readmore", 0, V_RELATED),
    P("read-also", 0, V_RELATED), P("recent", L, V_RELATED), P("recirc", 0, V_RELATED),
    P("recommend", 0, V_RELATED), P("related", 0, V_RELATED), P("relacionad", 0, V_RELATED),
    P("relaterade", 0, V_RELATED), P("reacties", L, V_HARD), P("rich-text", 0, V_POS),
    P("richtext", 0, V_POS), P("rss", L | R, V_SOFT),
    P("share", L | R, V_HARD), P("sharing", 0, V_HARD), P("sharebar", 0, V_HARD),
    P("sharethis", 0, V_HARD), P("shareaholic", 0, V_HARD), P("share-", L, V_HARD),
    P("social", L, V_HARD), P("sidebar", 0, V_HARD), P("sponsor", 0, V_HARD),
    P("signup", 0, V_HARD), P("sign-up", 0, V_HARD), P("subscri", L, V_SOFT),
    /* Skip links by their names: "skip" alone is also a section's class
     * ("skip-item") and Tailwind's "decoration-skip-ink". */
    P("skip-link", L, V_HARD), P("skiplink", L, V_HARD), P("skip-to", L, V_HARD),
    P("skip-nav", L, V_HARD), P("skipnav", L, V_HARD), P("skip-content", L, V_HARD),
    P("sr-only", 0, V_HARD), P("screen-reader", 0, V_HARD),
    /* a search box is furniture; its results are a listing's content */
    P("search", L | R, V_SOFT), P("search-result", L, V_POS), P("secondary", L, V_NEG), P("similar", L, V_RELATED),
    P("story-body", 0, V_CONTENT), P("storybody", 0, V_CONTENT),
    P("story-content", 0, V_CONTENT), P("story", L, V_POS), P("supplement", 0, V_NEG),
    P("taboola", 0, V_HARD), P("tags", L | R, V_SOFT), P("tag-list", L, V_SOFT),
    P("tagcloud", 0, V_SOFT), P("teaser", L, V_RELATED), P("teilen", L, V_HARD),
    P("text", L | R, V_POS), P("timestamp", 0, V_BYLINE), P("toolbar", 0, V_SOFT),
    P("top-stories", 0, V_RELATED), P("topstories", 0, V_RELATED), P("trending", 0, V_RELATED),
    P("ticker", L, V_SOFT), P("ultime", L, V_RELATED), P("ultimas", L, V_RELATED),
    P("verwandt", 0, V_RELATED), P("visually-hidden", 0, V_HARD),
    P("visuallyhidden", 0, V_HARD), P("widget", L, V_NEG),
    /* Consent managers, by vendor: their preference centres hold pages of
     * legal prose, so size must not save them as it saves a mislabelled
     * wrapper ("cookie" alone would also match a recipe's tag class). */
    P("onetrust", 0, V_CONSENT), P("cookiebot", 0, V_CONSENT), P("didomi", 0, V_CONSENT),
    P("usercentrics", 0, V_CONSENT), P("qc-cmp", 0, V_CONSENT), P("truste", L | R, V_CONSENT),
    P("trustarc", 0, V_CONSENT), P("iubenda", 0, V_CONSENT), P("cmplz", 0, V_CONSENT),
    P("cky-consent", 0, V_CONSENT), P("cookie-banner", 0, V_CONSENT),
    P("cookie-notice", 0, V_CONSENT), P("osano", L, V_CONSENT), P("borlabs", 0, V_CONSENT),
};
#undef P

/* Patterns indexed by their first two bytes (27 x 27 slots: a-z and
 * "other"), so each position of a class string is tried against the one or
 * two patterns that can match there instead of the whole table. */
static uint8_t bucket_of[27 * 27][16];
static uint8_t count_of[27 * 27];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static int slot(unsigned char c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}

static void build_index(void)
{
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
        int b = slot((unsigned char)patterns[i].s[0]) * 27 + slot((unsigned char)patterns[i].s[1]);
        if (count_of[b] < 16)
            bucket_of[b][count_of[b]++] = (uint8_t)i;
    }
}

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/*
 * The kinds of pattern in one class token (no spaces), as a bit per kind.
 * Every pattern and bound is decided inside a token (a space is a word
 * boundary to all of them), so a class string's kinds are its tokens'.
 */
static unsigned token_seen(const char *s, size_t n)
{
    /* Tailwind's arbitrary values say how, not what:
     * "lg:first:pt-[calc(var(--banner-min-height))]" is padding, not a banner. */
    if (memchr(s, '[', n))
        return 0;
    char buf[256];
    size_t len = 0;
    /* Lower-case, '_' -> '-', runs of '-' collapsed: template authors write
     * article__body, article_body and articleBody for the same thing. */
    for (size_t i = 0; i < n && len < sizeof buf; i++) {
        unsigned char c = dc_lower((unsigned char)s[i]);
        if (c == '_')
            c = '-';
        if (c == '-' && len && buf[len - 1] == '-')
            continue;
        buf[len++] = (char)c;
    }
    pthread_once(&index_once, build_index);
    unsigned seen = 0; /* bit per kind */
    for (size_t i = 0; i + 1 < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c < 'a' || c > 'z')
            continue;
        int b = slot(c) * 27 + slot((unsigned char)buf[i + 1]);
        if (!count_of[b])
            continue;
        int left_ok = i == 0 || !is_alnum((unsigned char)buf[i - 1]);
        for (int k = 0; k < count_of[b]; k++) {
            const pattern *p = &patterns[bucket_of[b][k]];
            if ((p->bounds & L) && !left_ok)
                continue;
            if (i + p->len > len || memcmp(buf + i, p->s, p->len) != 0)
                continue;
            if ((p->bounds & R) && i + p->len < len && is_alnum((unsigned char)buf[i + p->len]))
                continue;
            if ((p->bounds & W) && (i > 0 || i + p->len < len))
                continue;
            size_t un = p->unless ? strlen(p->unless) : 0;
            if (un && i + p->len + un <= len && memcmp(buf + i + p->len, p->unless, un) == 0)
                continue;
            seen |= 1u << p->kind;
        }
    }
    return seen;
}

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
            seen |= token_seen(s + st, tn);
            continue;
        }
        token_entry *e = &cache[h & (TOKEN_CACHE - 1)];
        if (!(e->s && e->hash == h && e->len == tn && memcmp(e->s, s + st, tn) == 0))
            *e = (token_entry){s + st, (uint32_t)tn, h, token_seen(s + st, tn)};
        seen |= e->seen;
    }
    return seen;
}

/* A class or id value's weight and flags from the kinds found in it. */
static int verdict(unsigned seen, uint16_t *flags)
{
    int weight = 0;
    uint16_t f = 0;
    if (seen & (1u << V_CONSENT)) {
        *flags = DC_F_DROP | DC_F_HARD;
        return -25;
    }
    if (seen & (1u << V_CONTENT)) {
        *flags = DC_F_CONTENT;
        return 50;
    }
    if (seen & (1u << V_POS))
        weight += 25;
    if (seen & ((1u << V_NEG) | (1u << V_SOFT) | (1u << V_HARD) | (1u << V_RELATED) | (1u << V_BYLINE)))
        weight -= 25;
    if (seen & (1u << V_HARD))
        f |= DC_F_CAND_DROP;
    if ((seen & (1u << V_SOFT)) && !(seen & (1u << V_POS)))
        f |= DC_F_CAND_DROP;
    if (seen & (1u << V_RELATED))
        f |= DC_F_CAND_DROP | DC_F_RELATED;
    if ((seen & (1u << V_BYLINE)) && !(seen & (1u << V_POS)))
        f |= DC_F_CAND_DROP | DC_F_BYLINE;
    /* Only nominated: whole pages hide under class="root hide" until a
     * script runs, and the prose veto must be able to save them. */
    if (seen & (1u << V_HIDDEN))
        f |= DC_F_CAND_DROP;
    *flags = f;
    return weight;
}

int dc_vocab_classify(const char *s, size_t n, uint16_t *flags)
{
    return verdict(string_seen(NULL, s, n), flags);
}

/* Does an inline style hide the element? */
static int style_hides(const char *s)
{
    for (const char *p = s; (p = strchr(p, ':')) != NULL; p++) {
        const char *k = p;
        while (k > s && (k[-1] == ' '))
            k--;
        const char *v = p + 1;
        while (*v == ' ')
            v++;
        if (k - s >= 7 && strncmp(k - 7, "display", 7) == 0 && strncmp(v, "none", 4) == 0)
            return 1;
        if (k - s >= 10 && strncmp(k - 10, "visibility", 10) == 0 && strncmp(v, "hidden", 6) == 0)
            return 1;
    }
    return 0;
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

static int classify_cached(vocab_entry *cache, token_entry *tokens, const char *s, size_t n,
                           uint16_t *flags)
{
    if (!cache)
        return verdict(string_seen(tokens, s, n), flags);
    uint32_t h = dc_fnv1a(s, n);
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
static void classify(dc_extract_ctx *cx, vocab_entry *cache, token_entry *tokens, uint32_t i)
{
    dc_node *n = &cx->dom->nodes[i];
    dc_stats *st = &cx->st[i];
    int v = tag_verdict((dc_tag)n->tag);
    if (v == 2) {
        n->flags |= DC_F_DROP | DC_F_HARD;
        return;
    }
    if (v == 1)
        n->flags |= DC_F_CAND_DROP;
    if (n->tag == DC_TAG_ARTICLE)
        st->weight += 25;
    else if (n->tag == DC_TAG_MAIN)
        st->weight += 15;
    int hidden = 0;
    const dc_attr *a = &cx->dom->attrs[n->attr_first];
    for (uint32_t k = 0; k < n->attr_count; k++, a++) {
        dc_attr_key key = (dc_attr_key)a->key;
        if (key == DC_A_OTHER)
            continue;
        if (key == DC_A_CLASS || key == DC_A_ID) {
            uint16_t f = 0;
            st->weight = (int16_t)(st->weight + classify_cached(cache, tokens, a->value, a->value_len, &f));
            n->flags |= f;
        } else if (key == DC_A_HIDDEN ||
                   (key == DC_A_ARIA_HIDDEN && strcmp(a->value, "true") == 0) ||
                   (key == DC_A_STYLE && style_hides(a->value))) {
            /* Only nominated: shops and paywalls hide the whole page until a
             * script reveals it, and the prose veto must be able to save it. */
            hidden = 1;
        } else if (key == DC_A_ROLE && role_is_furniture(a->value)) {
            n->flags |= DC_F_CAND_DROP;
        } else if (key == DC_A_ITEMPROP && strcmp(a->value, "articleBody") == 0) {
            n->flags |= DC_F_CONTENT;
            st->weight += 50;
        }
    }
    if (n->flags & DC_F_CONTENT)
        n->flags &= (uint16_t)~(DC_F_CAND_DROP | DC_F_RELATED | DC_F_BYLINE);
    /* Hidden and named like furniture (a closed modal holding the terms of
     * use): no amount of prose makes that the article. */
    if (hidden && (n->flags & DC_F_CAND_DROP))
        n->flags |= DC_F_DROP | DC_F_HARD;
    else if (hidden && !disclosure(cx->dom, i))
        n->flags |= DC_F_CAND_DROP;
}

int dc_clean(dc_extract_ctx *cx)
{
    dc_dom *d = cx->dom;
    /* Without memory for the cache, classification still works uncached. */
    vocab_entry *cache = dc_arena_alloc(cx->ar, sizeof(vocab_entry) * VOCAB_CACHE);
    if (cache)
        memset(cache, 0, sizeof(vocab_entry) * VOCAB_CACHE);
    token_entry *tokens = dc_arena_alloc(cx->ar, sizeof(token_entry) * TOKEN_CACHE);
    if (tokens)
        memset(tokens, 0, sizeof(token_entry) * TOKEN_CACHE);
    for (uint32_t i = 1; i < d->count; i++) {
        dc_node *n = &d->nodes[i];
        if (!dc_is_element(n)) {
            if (n->tag == DC_TAG_COMMENT)
                n->flags |= DC_F_DROP | DC_F_HARD;
            continue;
        }
        /* The root elements carry template-wide classes ("single-post
         * has-sidebar") that say nothing about themselves. */
        if (n->tag == DC_TAG_HTML || n->tag == DC_TAG_BODY)
            continue;
        if (d->nodes[n->parent].flags & DC_F_HARD) {
            n->flags |= DC_F_DROP | DC_F_HARD;
            continue;
        }
        classify(cx, cache, tokens, i);
    }
    return 1;
}
