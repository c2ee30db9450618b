/* test_vocab.c — lib/vocab.c: the class/id words as the body and metadata read them. */
#include <string.h>

#include "test.h"
#include "vocab.h"

#define TOK(s) dc_vocab_token(s, sizeof(s) - 1)
#define META(s) dc_vocab_meta(s, sizeof(s) - 1)
#define BIT(k) (1u << (k))

TEST(vocab_body_reading)
{
    CHECK(TOK("article__body") & BIT(DC_VK_CONTENT)); /* '_' reads as '-' */
    CHECK(TOK("Share-Bar") & BIT(DC_VK_HARD));
    CHECK(!(TOK("header") & BIT(DC_VK_HARD)));          /* "ad" needs its bounds */
    CHECK(TOK("ad-slot") & BIT(DC_VK_HARD));
    CHECK(!(TOK("kt-adv-heading") & BIT(DC_VK_HARD)));  /* "adv" unless "-heading" */
    CHECK(TOK("top-adv") & BIT(DC_VK_HARD));
    CHECK(TOK("hide") & BIT(DC_VK_HIDDEN));
    CHECK(!(TOK("hide-on-mobile") & BIT(DC_VK_HIDDEN))); /* whole token only */
    CHECK(TOK("pt-[calc(var(--banner-min-height))]") == 0);
    CHECK(TOK("onetrust-banner") & BIT(DC_VK_CONSENT));
    /* every word of the fullest bucket ("co") is found */
    static const char *const co[] = {"cookie", "consent", "comment", "commenti", "comentario",
                                     "condivid", "compartir", "compartilhar", "correlat", "content",
                                     "community", "complementary", "cookiebot", "cookie-banner",
                                     "cookie-notice"};
    for (size_t i = 0; i < sizeof co / sizeof co[0]; i++)
        CHECK(dc_vocab_token(co[i], strlen(co[i])) != 0);
    /* comments named in other languages: Polish, Russian transliterated, Chinese pinyin */
    CHECK(TOK("komentarze") & BIT(DC_VK_HARD));
    CHECK(TOK("lista-komentarzy") & BIT(DC_VK_HARD));
    CHECK(TOK("kommentarii") & BIT(DC_VK_HARD));
    CHECK(TOK("pingLun") & BIT(DC_VK_HARD));
    CHECK(!(TOK("skomentuj") & BIT(DC_VK_HARD))); /* a word's left bound */
    static const char *const comments[] = {"comentarii", "sxolia", "yorumlar", "reacties", "hozzaszolasok",
                                           "binh-luan", "binhluan"};
    for (size_t i = 0; i < sizeof comments / sizeof comments[0]; i++)
        CHECK(dc_vocab_token(comments[i], strlen(comments[i])) & BIT(DC_VK_HARD));
    /* words only metadata reads say nothing to the body */
    CHECK(TOK("avatar") == 0 && TOK("fecha") == 0);
}

TEST(vocab_meta_reading)
{
    CHECK(META("post-author") & DC_VM_BYLINE);
    CHECK(META("entry-date published") & DC_VM_DATE);
    CHECK(META("Last_Updated") & DC_VM_MODIFIED);
    CHECK(META("author-avatar") & DC_VM_AVATAR);
    /* furniture words count at a token's start only */
    CHECK(META("sidebar-widget") & DC_VM_BAD);
    CHECK(!(META("has-sidebar") & DC_VM_BAD));
    CHECK(!(META("sidebar-left") & DC_VM_BAD) && !(META("Sidebar-Right") & DC_VM_BAD));
    /* a token naming the content makes the furniture words layout */
    CHECK(META("widget-span blog-content") == (DC_VM_BAD | DC_VM_MAIN));
    CHECK(META("sidebar_content") == DC_VM_BAD);
    CHECK(META("site-logo") & DC_VM_LOGO);
    CHECK(META("") == 0 && META("x") == 0);
}
