/*
 * vocab.c — the class/id vocabulary (see vocab.h) and the two ways of
 * reading a class value against it.
 */
#include "vocab.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "text.h"

/* Bounds: require a non-alphanumeric byte (or the edge) before (L) or after
 * (R) the match, so "ad" matches "ad-slot" but not "header"; W requires the
 * whole class name, so "hide" does not match "hide-on-mobile". */
enum { L = 1, R = 2, W = 4 };

typedef struct word {
    const char *s;
    uint8_t len, bounds, kind; /* the body's reading                         */
    const char *unless;        /* the body: not a match when the token goes   */
                               /* on with this                                */
    uint8_t meta;              /* metadata's reading, DC_VM_* (0: none)       */
    const char *meta_unless;   /* metadata: not when followed by one of these */
                               /* ('|'-separated, any case)                   */
} word;

#define P(str, b, k) {str, sizeof(str) - 1, b, k, NULL, 0, NULL}
#define P_UNLESS(str, b, k, u) {str, sizeof(str) - 1, b, k, u, 0, NULL}
#define PM(str, b, k, m) {str, sizeof(str) - 1, b, k, NULL, m, NULL}
#define PM_UNLESS(str, b, k, m, mu) {str, sizeof(str) - 1, b, k, NULL, m, mu}
#define M(str, m) {str, sizeof(str) - 1, 0, DC_VK_NONE, NULL, m, NULL}
/* Grouped by first byte, for reading; the index below does not need it. */
static const word words[] = {
    P("ad", L | R, DC_VK_HARD), P("ads", L | R, DC_VK_HARD),
    /* "adv" is an advert ("top-adv", "adv-sidelabel"), but Kadence's
     * "kt-adv-heading" is an advanced heading, the article's own */
    P_UNLESS("adv", L | R, DC_VK_HARD, "-heading"),
    P("advert", 0, DC_VK_HARD), P("adsense", 0, DC_VK_HARD), P("adslot", 0, DC_VK_HARD),
    P("ad-slot", L, DC_VK_HARD), P("ad-container", L, DC_VK_HARD), P("ad-wrapper", L, DC_VK_HARD),
    P("also-read", 0, DC_VK_RELATED), P("alsoread", 0, DC_VK_RELATED), P("anzeige", L, DC_VK_HARD),
    P("article-body", 0, DC_VK_CONTENT), P("articlebody", 0, DC_VK_CONTENT),
    P("article-content", 0, DC_VK_CONTENT), P("articlecontent", 0, DC_VK_CONTENT),
    P("article-text", 0, DC_VK_CONTENT), P("articletext", 0, DC_VK_CONTENT),
    PM("article", L, DC_VK_POS, DC_VM_ARTICLE), PM("author", L, DC_VK_BYLINE, DC_VM_BYLINE), P("aside", L | R, DC_VK_NEG),
    P("a-lire", L, DC_VK_RELATED), P("app-download", 0, DC_VK_HARD),
    P("banner", L, DC_VK_SOFT), P("breadcrumb", 0, DC_VK_HARD), PM("byline", 0, DC_VK_BYLINE, DC_VM_BYLINE),
    P("blog", L, DC_VK_POS), P("body", L | R, DC_VK_POS), P("bodytext", 0, DC_VK_CONTENT),
    P("body-text", 0, DC_VK_CONTENT), P("bio", L | R, DC_VK_BYLINE),
    P("cookie", 0, DC_VK_HARD), P("consent", 0, DC_VK_HARD), PM("comment", L, DC_VK_HARD, DC_VM_BAD),
    P("commenti", L, DC_VK_HARD), P("comentario", L, DC_VK_HARD), P("condivid", L, DC_VK_HARD),
    P("compartir", L, DC_VK_HARD), P("compartilhar", L, DC_VK_HARD), P("correlat", 0, DC_VK_RELATED),
    PM("content", L, DC_VK_POS, DC_VM_MAIN), P("community", L, DC_VK_NEG), P("complementary", 0, DC_VK_NEG),
    P("cta", L | R, DC_VK_SOFT), P("credit", 0, DC_VK_SOFT), P("caption", W, DC_VK_SOFT),
    P("wp-caption", 0, DC_VK_SOFT), P("image-caption", 0, DC_VK_SOFT), P("media-caption", 0, DC_VK_SOFT),
    P("photo-caption", 0, DC_VK_SOFT), P("img-caption", 0, DC_VK_SOFT), P("caption-text", 0, DC_VK_SOFT),
    P("figure-caption", 0, DC_VK_SOFT), P("newscaption", 0, DC_VK_SOFT),
    PM("date", L | R, DC_VK_BYLINE, DC_VM_DATE), P("dateline", L, DC_VK_BYLINE), PM("disqus", 0, DC_VK_HARD, DC_VM_BAD),
    P("disclaimer", L, DC_VK_SOFT), /* legal small print (wcxb-dev +0.0010) */
    P("delen", L | R, DC_VK_HARD), P("dela", L | R, DC_VK_HARD), P("dfp", L, DC_VK_HARD),
    P("donate", L, DC_VK_SOFT), P("d-none", W, DC_VK_HIDDEN),
    P("entry-content", 0, DC_VK_CONTENT), P("entrycontent", 0, DC_VK_CONTENT),
    P("entry-body", 0, DC_VK_CONTENT), P("entry-meta", 0, DC_VK_BYLINE), P("entry", L | R, DC_VK_POS),
    P("extra", L | R, DC_VK_NEG), P("empfehlung", 0, DC_VK_RELATED),
    PM("footer", L, DC_VK_SOFT, DC_VM_BAD), P("foot", L | R, DC_VK_NEG), P("follow", L, DC_VK_SOFT),
    /* a reply or a customer's word, not "follow us" */
    P("follow-up", L, DC_VK_POS),
    P("gdpr", 0, DC_VK_HARD), P("gerelateerd", 0, DC_VK_RELATED),
    P("header", L, DC_VK_NEG), P("hide", W, DC_VK_HIDDEN), P("is-hidden", W, DC_VK_HIDDEN),
    P("hentry", L | R, DC_VK_POS), P("hero", L | R, DC_VK_NEG),
    /* comments in other languages: Polish, Czech, Slovak "komentarze",
     * "komentare"; Russian transliterated "kommentarii", "komments"; the
     * Chinese pinyin "pinglun" (评论); Romanian, Catalan "comentarii",
     * "comentaris"; Greek transliterated "sxolia" (σχόλια); Turkish
     * "yorumlar"; Dutch "reacties"; Hungarian "hozzaszolasok"; Vietnamese
     * "binh-luan" */
    P("kommentar", L, DC_VK_HARD), P("komment", L, DC_VK_HARD), P("koment", L, DC_VK_HARD),
    P("pinglun", L, DC_VK_HARD), P("comentari", L, DC_VK_HARD), P("sxolia", L, DC_VK_HARD),
    P("yorum", L, DC_VK_HARD), P("reactie", L, DC_VK_HARD), P("hozzaszol", L, DC_VK_HARD),
    P("binh-luan", L, DC_VK_HARD), P("binhluan", L, DC_VK_HARD),
    P("latest", L, DC_VK_RELATED), P("leggi-anche", 0, DC_VK_RELATED), P("lees-ook", 0, DC_VK_RELATED),
    P("login", L, DC_VK_HARD), P("lire-aussi", 0, DC_VK_RELATED), P("links", L | R, DC_VK_NEG),
    P("main", L, DC_VK_POS), P("main-content", L, DC_VK_CONTENT), PM("menu", L, DC_VK_SOFT, DC_VM_BAD),
    P("masthead", 0, DC_VK_SOFT), P("meta", L | R, DC_VK_BYLINE), P("modal", L, DC_VK_HARD),
    P("more-stories", 0, DC_VK_RELATED), P("morestories", 0, DC_VK_RELATED),
    P("more-news", 0, DC_VK_RELATED), PM("most-read", 0, DC_VK_RELATED, DC_VM_BAD), P("mostread", 0, DC_VK_RELATED),
    P("most-popular", 0, DC_VK_RELATED), P("mostpopular", 0, DC_VK_RELATED),
    P("most-viewed", 0, DC_VK_RELATED), P("mas-leido", 0, DC_VK_RELATED),
    P("meistgelesen", 0, DC_VK_RELATED),
    P("nav", L | R, DC_VK_SOFT), P("navbar", L, DC_VK_SOFT), P("navigation", L, DC_VK_SOFT),
    PM("newsletter", 0, DC_VK_HARD, DC_VM_BAD), P("news-text", 0, DC_VK_CONTENT),
    P("outbrain", 0, DC_VK_HARD), P("overlay", L, DC_VK_SOFT),
    P("pagination", 0, DC_VK_SOFT), P("pager", L | R, DC_VK_SOFT), P("partage", 0, DC_VK_HARD),
    PM("popular", L, DC_VK_RELATED, DC_VM_BAD), P("popup", 0, DC_VK_HARD), P("post-content", 0, DC_VK_CONTENT),
    P("postcontent", 0, DC_VK_CONTENT), P("post-body", 0, DC_VK_CONTENT), P("postbody", 0, DC_VK_CONTENT),
    P("post-text", 0, DC_VK_CONTENT), P("post-meta", 0, DC_VK_BYLINE), P("postmeta", 0, DC_VK_BYLINE),
    P("post", L | R, DC_VK_POS), P("posted-on", 0, DC_VK_BYLINE), P("print", L | R, DC_VK_SOFT),
    PM("promo", L, DC_VK_SOFT, DC_VM_BAD), P("prose", L | R, DC_VK_POS), P("published", L, DC_VK_BYLINE),
    P("pubblicita", 0, DC_VK_HARD), P("publicidad", 0, DC_VK_HARD), P("publicite", 0, DC_VK_HARD),
    P("piu-letti", 0, DC_VK_RELATED), P("piuletti", 0, DC_VK_RELATED),
    P("rail", L | R, DC_VK_NEG), P("read-more", 0, DC_VK_RELATED), P("readmore", 0, DC_VK_RELATED),
    P("read-also", 0, DC_VK_RELATED), P("recent", L, DC_VK_RELATED), P("recirc", 0, DC_VK_RELATED),
    PM("recommend", 0, DC_VK_RELATED, DC_VM_BAD), PM("related", 0, DC_VK_RELATED, DC_VM_BAD), P("relacionad", 0, DC_VK_RELATED),
    P("relaterade", 0, DC_VK_RELATED), P("reacties", L, DC_VK_HARD), P("rich-text", 0, DC_VK_POS),
    P("richtext", 0, DC_VK_POS), P("rss", L | R, DC_VK_SOFT),
    P("share", L | R, DC_VK_HARD), P("sharing", 0, DC_VK_HARD), P("sharebar", 0, DC_VK_HARD),
    P("sharethis", 0, DC_VK_HARD), P("shareaholic", 0, DC_VK_HARD), P("share-", L, DC_VK_HARD),
    P("social", L, DC_VK_HARD), PM_UNLESS("sidebar", 0, DC_VK_HARD, DC_VM_BAD, "-left|-right"), P("sponsor", 0, DC_VK_HARD),
    P("signup", 0, DC_VK_HARD), P("sign-up", 0, DC_VK_HARD), P("subscri", L, DC_VK_SOFT),
    /* Skip links by their names: "skip" alone is also a section's class
     * ("skip-item") and Tailwind's "decoration-skip-ink". */
    P("skip-link", L, DC_VK_HARD), P("skiplink", L, DC_VK_HARD), P("skip-to", L, DC_VK_HARD),
    P("skip-nav", L, DC_VK_HARD), P("skipnav", L, DC_VK_HARD), P("skip-content", L, DC_VK_HARD),
    P("sr-only", 0, DC_VK_HARD), P("screen-reader", 0, DC_VK_HARD),
    /* a search box is furniture; its results are a listing's content */
    P("search", L | R, DC_VK_SOFT), P("search-result", L, DC_VK_POS), P("secondary", L, DC_VK_NEG), P("similar", L, DC_VK_RELATED),
    P("story-body", 0, DC_VK_CONTENT), P("storybody", 0, DC_VK_CONTENT),
    P("story-content", 0, DC_VK_CONTENT), P("story", L, DC_VK_POS), P("supplement", 0, DC_VK_NEG),
    P("taboola", 0, DC_VK_HARD), P("tags", L | R, DC_VK_SOFT), P("tag-list", L, DC_VK_SOFT),
    P("tagcloud", 0, DC_VK_SOFT), PM("teaser", L, DC_VK_RELATED, DC_VM_BAD), P("teilen", L, DC_VK_HARD),
    P("text", L | R, DC_VK_POS), P("timestamp", 0, DC_VK_BYLINE), P("toolbar", 0, DC_VK_SOFT),
    P("top-stories", 0, DC_VK_RELATED), P("topstories", 0, DC_VK_RELATED), PM("trending", 0, DC_VK_RELATED, DC_VM_BAD),
    P("ticker", L, DC_VK_SOFT), P("ultime", L, DC_VK_RELATED), P("ultimas", L, DC_VK_RELATED),
    P("verwandt", 0, DC_VK_RELATED), P("visually-hidden", 0, DC_VK_HARD),
    P("visuallyhidden", 0, DC_VK_HARD), PM("widget", L, DC_VK_NEG, DC_VM_BAD),
    /* Consent managers, by vendor: their preference centres hold pages of
     * legal prose, so size must not save them as it saves a mislabelled
     * wrapper ("cookie" alone would also match a recipe's tag class). */
    P("onetrust", 0, DC_VK_CONSENT), P("cookiebot", 0, DC_VK_CONSENT), P("didomi", 0, DC_VK_CONSENT),
    P("usercentrics", 0, DC_VK_CONSENT), P("qc-cmp", 0, DC_VK_CONSENT), P("truste", L | R, DC_VK_CONSENT),
    P("trustarc", 0, DC_VK_CONSENT), P("iubenda", 0, DC_VK_CONSENT), P("cmplz", 0, DC_VK_CONSENT),
    P("cky-consent", 0, DC_VK_CONSENT), P("cookie-banner", 0, DC_VK_CONSENT),
    P("cookie-notice", 0, DC_VK_CONSENT), P("osano", L, DC_VK_CONSENT), P("borlabs", 0, DC_VK_CONSENT),
    /* Read only by metadata. */
    M("autor", DC_VM_BYLINE), M("avatar", DC_VM_AVATAR), M("by-line", DC_VM_BYLINE),
    M("data", DC_VM_DATE), M("datum", DC_VM_DATE), M("firma", DC_VM_BYLINE),
    M("fecha", DC_VM_DATE), M("logo", DC_VM_LOGO), M("modif", DC_VM_MODIFIED),
    M("publish", DC_VM_DATE), M("posted", DC_VM_DATE), M("pubdate", DC_VM_DATE),
    M("redazione", DC_VM_BYLINE), M("reporter", DC_VM_BYLINE),
    /* a release date is a product's, not the page's; customers' reviews
     * carry their own names and dates ("reviews", not "review": a review is
     * often the article itself) */
    M("reply", DC_VM_BAD), M("release", DC_VM_BAD), M("reviews", DC_VM_BAD),
    M("site-title", DC_VM_LOGO), M("site-name", DC_VM_LOGO), M("site-logo", DC_VM_LOGO),
    M("time", DC_VM_DATE), M("testimonial", DC_VM_BAD), M("update", DC_VM_MODIFIED),
    /* forums: the first post's poster */
    M("username", DC_VM_BYLINE), M("writer", DC_VM_BYLINE),
};
#undef P
#undef P_UNLESS
#undef PM
#undef PM_UNLESS
#undef M

#define NWORDS (sizeof words / sizeof words[0])

/* Words indexed by their first two bytes (27 x 27 buckets: a-z and
 * "other"), so each position of a class value is tried against the few
 * words that can start there, not the whole table.  Each bucket's words are
 * listed twice, the body's and metadata's, each a slice of one array: no
 * bucket can overflow, however many words share two letters. */
#define BUCKETS (27 * 27)
static uint16_t body_at[BUCKETS + 1], meta_at[BUCKETS + 1];
static uint16_t body_words[NWORDS], meta_words[NWORDS];
/* The body's words again, in the same order, as what its inner loop tests
 * first: the left bound and the third byte ('\0' for a two-byte word) turn
 * away most candidates without reading the words[] entry. */
typedef struct body_cand {
    uint8_t bounds, len, third;
} body_cand;
static body_cand body_cands[NWORDS];
/* Which buckets hold a word, as bits: bit b of body_pairs[a] for bucket
 * a * 27 + b.  Most positions of a class value start no word, and two
 * table reads and a shift tell so. */
static uint32_t body_pairs[27], meta_pairs[27];
/* slot() of each byte, and of its lower-case form. */
static uint8_t slot_of[256], slot_ci[256];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static int slot(unsigned char c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}

static int bucket(const char *s)
{
    return slot((unsigned char)s[0]) * 27 + slot((unsigned char)s[1]);
}

/* Counting sort of the words into their buckets, in table order. */
static void build_list(uint16_t *at, uint16_t *list, int meta)
{
    uint16_t count[BUCKETS] = {0};
    for (size_t i = 0; i < NWORDS; i++)
        if (meta ? words[i].meta != 0 : words[i].kind != DC_VK_NONE)
            count[bucket(words[i].s)]++;
    at[0] = 0;
    for (int b = 0; b < BUCKETS; b++)
        at[b + 1] = (uint16_t)(at[b] + count[b]);
    uint16_t fill[BUCKETS];
    memcpy(fill, at, sizeof fill);
    for (size_t i = 0; i < NWORDS; i++)
        if (meta ? words[i].meta != 0 : words[i].kind != DC_VK_NONE)
            list[fill[bucket(words[i].s)]++] = (uint16_t)i;
}

static void build_index(void)
{
    build_list(body_at, body_words, 0);
    build_list(meta_at, meta_words, 1);
    for (int k = 0; k < body_at[BUCKETS]; k++) {
        const word *p = &words[body_words[k]];
        body_cands[k] = (body_cand){p->bounds, p->len, p->len > 2 ? (uint8_t)p->s[2] : 0};
    }
    for (int c = 0; c < 256; c++) {
        slot_of[c] = (uint8_t)slot((unsigned char)c);
        slot_ci[c] = (uint8_t)slot(dc_lower((unsigned char)c));
    }
    /* The body reads words from a letter on; metadata, from two letters. */
    for (int b = 0; b < BUCKETS; b++) {
        if (body_at[b] != body_at[b + 1] && b / 27 < 26)
            body_pairs[b / 27] |= 1u << (b % 27);
        if (meta_at[b] != meta_at[b + 1] && b / 27 < 26 && b % 27 < 26)
            meta_pairs[b / 27] |= 1u << (b % 27);
    }
}

/* Are a[from..n) and b[from..n) the same bytes?  Words are a few bytes
 * long, and their first bytes are known to agree by their bucket. */
static int same_from(const char *a, const char *b, size_t from, size_t n)
{
    for (size_t k = from; k < n; k++)
        if (a[k] != b[k])
            return 0;
    return 1;
}

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

unsigned dc_vocab_token(const char *s, size_t n)
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
        unsigned c = slot_of[(unsigned char)buf[i]], c1 = slot_of[(unsigned char)buf[i + 1]];
        if (!(body_pairs[c] >> c1 & 1)) /* no word starts here (body_pairs[26] is 0) */
            continue;
        int b = (int)(c * 27 + c1);
        int left_ok = i == 0 || !is_alnum((unsigned char)buf[i - 1]);
        for (int k = body_at[b]; k < body_at[b + 1]; k++) {
            const body_cand *q = &body_cands[k];
            if (((q->bounds & L) && !left_ok) || i + q->len > len || (q->len > 2 && (uint8_t)buf[i + 2] != q->third))
                continue;
            const word *p = &words[body_words[k]];
            /* the first byte is the bucket's letter; the second may be any "other" */
            if (!same_from(buf + i, p->s, 1, p->len))
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

/* Does s[i..n) start with w (lower-case, wn bytes), in any case?  The
 * metadata reading's inner loop: no strlen, no call. */
static int word_at_ci(const char *s, size_t n, size_t i, const char *w, size_t wn)
{
    if (i + wn > n)
        return 0;
    for (size_t k = 0; k < wn; k++)
        if (dc_lower((unsigned char)s[i + k]) != (unsigned char)w[k])
            return 0;
    return 1;
}

/* Is one of the '|'-separated alternatives of `list` at s[i..n)? */
static int any_at(const char *s, size_t n, size_t i, const char *list)
{
    for (const char *p = list; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t k = bar ? (size_t)(bar - p) : strlen(p);
        if (k < 32 && word_at_ci(s, n, i, p, k)) /* alternatives are short */
            return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

/*
 * Page builders put furniture words on the columns that hold the article:
 * HubSpot's "widget-span ... blog-content", "main-column widget-manage-opacity
 * h-content-column", id "content" with class "sidebar_content".  A class
 * token naming the content, other than the one holding the furniture word,
 * makes it layout (DC_VM_MAIN); "sidebar-content" and "widget-content", one
 * token, stay furniture.
 */
int dc_vocab_meta(const char *s, size_t n)
{
    pthread_once(&index_once, build_index);
    int f = 0;
    uint32_t bad_toks = 0, main_toks = 0;
    unsigned tok = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] == ' ') {
            tok += tok < 31;
            continue;
        }
        /* two letters, in any case, that start a word (bit 26, a byte that
         * is no letter, is never set) */
        unsigned c = slot_ci[(unsigned char)s[i]], c1 = slot_ci[(unsigned char)s[i + 1]];
        if (!(meta_pairs[c] >> c1 & 1))
            continue;
        int b = (int)(c * 27 + c1);
        int had_bad = f & DC_VM_BAD; /* which token holds each furniture word */
        f &= ~DC_VM_BAD;
        int start = i == 0 || s[i - 1] == ' ';
        for (int k = meta_at[b]; k < meta_at[b + 1]; k++) {
            const word *p = &words[meta_words[k]];
            if (!word_at_ci(s, n, i, p->s, p->len) || any_at(s, n, i + p->len, p->meta_unless))
                continue;
            if (p->meta == DC_VM_MAIN)
                main_toks |= 1u << tok;
            else if (p->meta == DC_VM_BAD)
                f |= start ? DC_VM_BAD : 0;
            else
                f |= p->meta;
            break; /* no word is the start of another: one can match here */
        }
        if (f & DC_VM_BAD)
            bad_toks |= 1u << tok;
        f |= had_bad;
    }
    if (main_toks & ~bad_toks)
        f |= DC_VM_MAIN;
    return f;
}

/* Does an inline style hide the element? */
int dc_style_hides(const char *s)
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
