/*
 * pagetype_words.c — the few words the page-type features look up: URL
 * segments and host labels, class and id tokens, schema.org types, each
 * mapped to the kinds of page it speaks for.  Tables are open-addressed and
 * built once; a token is turned away by its length and first letter before
 * it is hashed, since most class tokens ("mt-4", "flex") are nobody's word.
 */
#include <pthread.h>
#include <string.h>

#include "pagetype.h"
#include "text.h"


typedef struct word {
    const char *s;
    unsigned groups;
} word;

/*
 * Path segments and host labels.  CMSs name their URL spaces in English in
 * every language ("/tag/", "/category/", "/product/"), so English words
 * dominate; the common local forms are added.  A segment must equal the
 * word, so "/p/" is not "/podcasts/".
 */
static const word url_words[] = {
    {"tag", G_LIST}, {"tags", G_LIST}, {"category", G_LIST | G_SHOP}, {"categories", G_LIST},
    {"cat", G_LIST}, {"topic", G_LIST | G_FORUM}, {"topics", G_LIST}, {"section", G_LIST},
    {"sections", G_LIST}, {"archive", G_LIST}, {"archives", G_LIST}, {"author", G_LIST},
    {"authors", G_LIST}, {"page", G_LIST}, {"search", G_LIST}, {"label", G_LIST},
    {"labels", G_LIST}, {"kategorie", G_LIST}, {"kategoria", G_LIST}, {"categoria", G_LIST},
    {"categorie", G_LIST}, {"rubrique", G_LIST}, {"rubrik", G_LIST}, {"thema", G_LIST},
    {"themen", G_LIST}, {"temat", G_LIST}, {"tema", G_LIST}, {"temas", G_LIST},
    {"etiqueta", G_LIST}, {"schlagwort", G_LIST}, {"stichwort", G_LIST}, {"tagged", G_LIST},
    {"product", G_PRODUCT}, {"products", G_PRODUCT}, {"p", G_PRODUCT}, {"dp", G_PRODUCT},
    {"gp", G_PRODUCT}, {"item", G_PRODUCT}, {"itm", G_PRODUCT}, {"produkt", G_PRODUCT},
    {"produkte", G_PRODUCT}, {"produit", G_PRODUCT}, {"produits", G_PRODUCT},
    {"producto", G_PRODUCT}, {"productos", G_PRODUCT}, {"prodotto", G_PRODUCT},
    {"prodotti", G_PRODUCT}, {"sku", G_PRODUCT}, {"pd", G_PRODUCT}, {"pdp", G_PRODUCT},
    {"app", G_PRODUCT}, {"buy", G_PRODUCT},
    {"c", G_SHOP}, {"collection", G_SHOP}, {"collections", G_SHOP}, {"shop", G_SHOP},
    {"store", G_SHOP}, {"catalog", G_SHOP}, {"catalogue", G_SHOP}, {"department", G_SHOP},
    {"departments", G_SHOP}, {"browse", G_SHOP}, {"product-category", G_SHOP},
    {"sklep", G_SHOP}, {"tienda", G_SHOP}, {"boutique", G_SHOP}, {"negozio", G_SHOP},
    {"docs", G_DOC}, {"doc", G_DOC}, {"documentation", G_DOC}, {"api", G_DOC},
    {"reference", G_DOC}, {"ref", G_DOC}, {"manual", G_DOC}, {"manuals", G_DOC},
    {"guide", G_DOC}, {"guides", G_DOC}, {"tutorial", G_DOC}, {"tutorials", G_DOC},
    {"wiki", G_DOC}, {"kb", G_DOC}, {"knowledge-base", G_DOC}, {"knowledgebase", G_DOC},
    {"handbook", G_DOC}, {"book", G_DOC}, {"man", G_DOC}, {"spec", G_DOC},
    {"library", G_DOC}, {"learn", G_DOC}, {"support", G_DOC}, {"help", G_DOC},
    {"developer", G_DOC}, {"developers", G_DOC}, {"sdk", G_DOC}, {"stable", G_DOC},
    {"dokumentation", G_DOC}, {"documentacion", G_DOC}, {"dev", G_DOC},
    {"forum", G_FORUM}, {"forums", G_FORUM}, {"thread", G_FORUM}, {"threads", G_FORUM},
    {"t", G_FORUM}, {"questions", G_FORUM}, {"question", G_FORUM}, {"q", G_FORUM},
    {"community", G_FORUM}, {"discussion", G_FORUM}, {"discussions", G_FORUM},
    {"discuss", G_FORUM}, {"viewtopic.php", G_FORUM}, {"showthread.php", G_FORUM},
    {"board", G_FORUM}, {"boards", G_FORUM}, {"r", G_FORUM}, {"comments", G_FORUM},
    {"answers", G_FORUM}, {"foro", G_FORUM}, {"foren", G_FORUM}, {"forum.php", G_FORUM},
    {"index.php", 0}, {"discourse", G_FORUM},
    {"services", G_SERVICE}, {"service", G_SERVICE}, {"solutions", G_SERVICE},
    {"solution", G_SERVICE}, {"pricing", G_SERVICE}, {"plans", G_SERVICE},
    {"features", G_SERVICE}, {"platform", G_SERVICE}, {"industries", G_SERVICE},
    {"enterprise", G_SERVICE}, {"business", G_SERVICE}, {"about", G_SERVICE},
    {"about-us", G_SERVICE}, {"contact", G_SERVICE}, {"leistungen", G_SERVICE},
    {"servicios", G_SERVICE}, {"servizi", G_SERVICE}, {"uslugi", G_SERVICE},
    {"news", G_ARTICLE}, {"blog", G_ARTICLE}, {"blogs", G_ARTICLE}, {"article", G_ARTICLE},
    {"articles", G_ARTICLE}, {"story", G_ARTICLE}, {"stories", G_ARTICLE},
    {"post", G_ARTICLE}, {"posts", G_ARTICLE}, {"insights", G_ARTICLE},
    {"nachrichten", G_ARTICLE}, {"noticias", G_ARTICLE}, {"notizie", G_ARTICLE},
    {"actualites", G_ARTICLE}, {"wiadomosci", G_ARTICLE}, {"novosti", G_ARTICLE},
    {"artykul", G_ARTICLE}, {"artikel", G_ARTICLE}, {"opinion", G_ARTICLE},
};

/*
 * Class and id tokens (split at anything not a letter or digit, lower-cased).
 * Templates name their parts in English whatever the page's language.
 */
static const word class_words[] = {
    {"product", G_PRODUCT}, {"products", G_PRODUCT}, {"price", G_PRODUCT},
    {"prices", G_PRODUCT}, {"cart", G_PRODUCT}, {"sku", G_PRODUCT}, {"basket", G_PRODUCT},
    {"stock", G_PRODUCT}, {"variant", G_PRODUCT}, {"variants", G_PRODUCT},
    {"checkout", G_PRODUCT}, {"pdp", G_PRODUCT}, {"wishlist", G_PRODUCT}, {"qty", G_PRODUCT},
    {"quantity", G_PRODUCT}, {"addtocart", G_PRODUCT}, {"shipping", G_PRODUCT},
    {"swatch", G_PRODUCT}, {"swatches", G_PRODUCT}, {"rating", G_PRODUCT},
    {"woocommerce", G_PRODUCT}, {"shopify", G_PRODUCT},
    {"reply", G_FORUM}, {"replies", G_FORUM}, {"thread", G_FORUM}, {"threads", G_FORUM},
    {"topic", G_FORUM}, {"topics", G_FORUM}, {"forum", G_FORUM}, {"forums", G_FORUM},
    {"postbody", G_FORUM}, {"message", G_FORUM}, {"messages", G_FORUM}, {"answer", G_FORUM},
    {"answers", G_FORUM}, {"question", G_FORUM}, {"questions", G_FORUM}, {"vote", G_FORUM},
    {"votes", G_FORUM}, {"upvote", G_FORUM}, {"username", G_FORUM}, {"avatar", G_FORUM},
    {"signature", G_FORUM}, {"userinfo", G_FORUM}, {"postprofile", G_FORUM},
    {"bbcode", G_FORUM}, {"bbp", G_FORUM}, {"xenforo", G_FORUM}, {"discourse", G_FORUM},
    {"comment", G_COMMENT}, {"comments", G_COMMENT},
    {"doc", G_DOC}, {"docs", G_DOC}, {"toc", G_DOC}, {"api", G_DOC}, {"highlight", G_DOC},
    {"hljs", G_DOC}, {"sphinx", G_DOC}, {"syntax", G_DOC}, {"admonition", G_DOC},
    {"codehilite", G_DOC}, {"prettyprint", G_DOC}, {"sourcecode", G_DOC},
    {"docutils", G_DOC}, {"headerlink", G_DOC}, {"literal", G_DOC}, {"rst", G_DOC},
    {"docsearch", G_DOC}, {"method", G_DOC}, {"param", G_DOC}, {"params", G_DOC},
    {"parameters", G_DOC}, {"mdx", G_DOC}, {"docusaurus", G_DOC}, {"mkdocs", G_DOC},
    {"card", G_CARD}, {"cards", G_CARD}, {"teaser", G_CARD}, {"tile", G_CARD},
    {"tiles", G_CARD}, {"grid", G_CARD}, {"listing", G_CARD}, {"feed", G_CARD},
    {"river", G_CARD}, {"excerpt", G_CARD}, {"thumb", G_CARD}, {"thumbnail", G_CARD},
    {"preview", G_CARD}, {"loop", G_CARD}, {"archive", G_CARD}, {"pagination", G_CARD},
    {"pager", G_CARD},
    {"article", G_ARTICLE}, {"entry", G_ARTICLE}, {"story", G_ARTICLE},
    {"byline", G_ARTICLE}, {"author", G_ARTICLE}, {"dateline", G_ARTICLE},
    {"headline", G_ARTICLE}, {"single", G_ARTICLE}, {"hentry", G_ARTICLE},
    {"blogpost", G_ARTICLE}, {"published", G_ARTICLE}, {"timestamp", G_ARTICLE},
    {"hero", G_SERVICE}, {"cta", G_SERVICE}, {"pricing", G_SERVICE}, {"plan", G_SERVICE},
    {"plans", G_SERVICE}, {"testimonial", G_SERVICE}, {"testimonials", G_SERVICE},
    {"feature", G_SERVICE}, {"features", G_SERVICE}, {"benefit", G_SERVICE},
    {"benefits", G_SERVICE}, {"logo", G_SERVICE}, {"logos", G_SERVICE},
    {"client", G_SERVICE}, {"clients", G_SERVICE}, {"partner", G_SERVICE},
    {"partners", G_SERVICE}, {"service", G_SERVICE}, {"services", G_SERVICE},
    {"solution", G_SERVICE}, {"solutions", G_SERVICE},
};

/* schema.org types, from JSON-LD @type and microdata itemtype. */
static const word schema_words[] = {
    {"article", G_ARTICLE}, {"newsarticle", G_ARTICLE}, {"blogposting", G_ARTICLE},
    {"report", G_ARTICLE}, {"reportagenewsarticle", G_ARTICLE},
    {"analysisnewsarticle", G_ARTICLE}, {"opinionnewsarticle", G_ARTICLE},
    {"backgroundnewsarticle", G_ARTICLE}, {"reviewnewsarticle", G_ARTICLE},
    {"livebloggosting", G_ARTICLE}, {"liveblogposting", G_ARTICLE},
    {"scholarlyarticle", G_ARTICLE}, {"satiricalarticle", G_ARTICLE}, {"recipe", G_ARTICLE},
    {"product", G_PRODUCT}, {"productgroup", G_PRODUCT}, {"individualproduct", G_PRODUCT},
    {"productmodel", G_PRODUCT}, {"offer", G_PRODUCT}, {"aggregateoffer", G_PRODUCT},
    {"vehicle", G_PRODUCT}, {"car", G_PRODUCT},
    {"discussionforumposting", G_FORUM}, {"qapage", G_FORUM}, {"question", G_FORUM},
    {"answer", G_FORUM}, {"socialmediaposting", G_FORUM},
    {"itemlist", G_LIST}, {"collectionpage", G_LIST}, {"searchresultspage", G_LIST},
    {"offercatalog", G_LIST},
    {"techarticle", G_DOC}, {"apireference", G_DOC}, {"softwaresourcecode", G_DOC},
    {"service", G_SERVICE}, {"localbusiness", G_SERVICE}, {"professionalservice", G_SERVICE},
    {"financialservice", G_SERVICE}, {"faqpage", G_SERVICE}, {"softwareapplication", G_SERVICE},
    {"webapplication", G_SERVICE}, {"course", G_SERVICE}, {"aboutpage", G_SERVICE},
    {"contactpage", G_SERVICE},
};

/* One open-addressed table per list, built once.  `lens` has a bit per
 * length of the words starting with each pair of bytes (by letter_slot(),
 * the second 26 also for a one-byte word): most tokens of a class attribute
 * ("mt-4", "flex", "col") are turned away by it before any hashing. */
#define WORD_SLOTS 512
#define WORD_MAX 24 /* < 32, the bits of a lens entry */
typedef struct word_table {
    int16_t slot[WORD_SLOTS];
    uint8_t len[WORD_SLOTS];
    uint32_t lens[27 * 27];
} word_table;

static word_table url_table, class_table, schema_table;
/* ASCII letters and digits: the bytes of a class name's tokens. */
static uint8_t alnum[256];
/* Letters in either case as 0..25, any other byte as 26. */
static uint8_t letter_slot[256];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static uint32_t hash_lower(const char *s, size_t n)
{
    uint32_t h = DC_FNV_SEED;
    for (size_t i = 0; i < n; i++)
        h = dc_fnv1a_step(h, dc_lower((unsigned char)s[i]));
    return h;
}

/* The entry of word_table.lens for s[0..n), n >= 1. */
static unsigned pair_of(const char *s, size_t n)
{
    unsigned second = n > 1 ? letter_slot[(unsigned char)s[1]] : 26;
    return letter_slot[(unsigned char)s[0]] * 27u + second;
}

static void table_build(word_table *t, const word *w, size_t n)
{
    for (size_t i = 0; i < WORD_SLOTS; i++)
        t->slot[i] = -1;
    for (size_t k = 0; k < n; k++) {
        size_t len = strlen(w[k].s);
        uint32_t h = hash_lower(w[k].s, len);
        while (t->slot[h & (WORD_SLOTS - 1)] >= 0)
            h++;
        t->slot[h & (WORD_SLOTS - 1)] = (int16_t)k;
        t->len[h & (WORD_SLOTS - 1)] = (uint8_t)len;
        if (len >= 1 && len <= WORD_MAX)
            t->lens[pair_of(w[k].s, len)] |= 1u << len;
    }
}

static void build_tables(void)
{
    for (int c = 0; c < 256; c++) {
        alnum[c] = (uint8_t)(dc_is_alpha((unsigned char)c) || (c >= '0' && c <= '9'));
        letter_slot[c] = (uint8_t)(dc_is_alpha((unsigned char)c) ? dc_lower((unsigned char)c) - 'a' : 26);
    }
    table_build(&url_table, url_words, sizeof url_words / sizeof url_words[0]);
    table_build(&class_table, class_words, sizeof class_words / sizeof class_words[0]);
    table_build(&schema_table, schema_words, sizeof schema_words / sizeof schema_words[0]);
}

/* Can s[0..n) be a word of table t, by its length and first two bytes? */
static inline int may_be_word(const word_table *t, const char *s, size_t n)
{
    return n > 0 && n <= WORD_MAX && (t->lens[pair_of(s, n)] >> n & 1);
}

/* The groups of the word s[0..n) (any case) in table t, 0 if unknown. */
static unsigned lookup(const word_table *t, const word *w, const char *s, size_t n)
{
    if (!may_be_word(t, s, n))
        return 0;
    uint32_t h = hash_lower(s, n);
    for (int k; (k = t->slot[h & (WORD_SLOTS - 1)]) >= 0; h++)
        if (t->len[h & (WORD_SLOTS - 1)] == n && dc_eq_ci(w[k].s, n, s, n))
            return w[k].groups;
    return 0;
}

#define LOOKUP(table, list, s, n) lookup(&table, list, s, n)


unsigned dc_pt_url_word(const char *s, size_t n)
{
    pthread_once(&tables_once, build_tables);
    return LOOKUP(url_table, url_words, s, n);
}

unsigned dc_pt_schema_word(const char *s, size_t n)
{
    pthread_once(&tables_once, build_tables);
    return LOOKUP(schema_table, schema_words, s, n);
}

/* The groups of a class or id value's tokens, or'ed.  Runs on every such
 * attribute of the page, hence the table. */
unsigned dc_pt_class_words(const char *s, size_t n)
{
    pthread_once(&tables_once, build_tables);
    const unsigned char *u = (const unsigned char *)s;
    unsigned g = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && !alnum[u[i]])
            i++;
        size_t b = i;
        while (i < n && alnum[u[i]])
            i++;
        /* the filter inline: most tokens ("mt", "4", "flex") stop here */
        if (may_be_word(&class_table, s + b, i - b))
            g |= LOOKUP(class_table, class_words, s + b, i - b);
    }
    return g;
}

