/*
 * phrases.c — the words of furniture: call-to-action lines ("Share",
 * "Read more", "Iscriviti") and the headings of related/latest/most-read
 * boxes ("You might also like", "Le più recenti"), in several languages.
 *
 * Matching is on normalised text: lower-case (ASCII and Latin-1 letters),
 * whitespace collapsed, trailing punctuation and arrows removed.
 */
#include <string.h>

#include "extract.h"
#include "meta_date.h"
#include "text.h"

/* Lines that are furniture when they stand alone as a block. */
static const char *const cta[] = {
    "share", "share this", "share this article", "share this story", "share this post",
    "share on facebook", "share on twitter", "share on linkedin", "tweet", "email", "print",
    "subscribe", "subscribe now", "sign up", "sign in", "log in", "login", "register",
    "read more", "learn more", "shop now", "buy now", "see more", "view all", "show more",
    "load more", "see all", "view more", "continue reading", "click here", "advertisement",
    "sponsored", "loading", "comments", "leave a comment", "leave a reply", "follow us",
    "back to top", "skip to content", "skip to main content", "menu", "search", "close",
    "copy link", "newsletter", "accept", "accept all", "pin it", "pin for later", "related",
    "related articles", "related posts", "related stories", "you might also like",
    "you may also like", "recommended", "more stories", "most read", "most popular", "trending",
    "condividi", "leggi anche", "leggi di più", "iscriviti", "pubblicità", "articoli correlati",
    "potrebbe interessarti", "le più recenti", "più letti", "ultime notizie", "commenti",
    "seguici", "teilen", "mehr lesen", "weiterlesen", "anzeige", "werbung", "abonnieren",
    "meistgelesen", "kommentare", "partager", "lire aussi", "à lire aussi", "lire la suite",
    "publicité", "s'abonner", "abonnez-vous", "commentaires", "les plus lus", "compartir",
    "leer más", "publicidad", "suscríbete", "lo más leído", "te puede interesar",
    "comentarios", "noticias relacionadas", "compartilhe", "leia mais", "leia também",
    "publicidade", "assine", "delen", "lees meer", "lees ook", "advertentie", "dela",
    "läs mer", "annons", "поделиться", "читайте также", "реклама",
    /* the same bars in the languages of old news portals: ru, uk, pl, el, tr, ar, zh, ja
     * (Greek with σ for the final ς: normalise() folds it so) */
    "версия для печати", "распечатать", "печать", "комментарии", "комментировать",
    "добавить комментарий", "отправить другу", "все новости", "подписаться", "поділитися",
    "drukuj", "wersja do druku", "komentarze", "skomentuj", "dodaj komentarz", "udostępnij",
    "wyślij znajomemu", "poleć znajomemu", "czytaj także", "czytaj też", "zobacz także",
    "zobacz też", "reklama", "εκτύπωση", "σχόλια", "κοινοποίηση", "διαβάστε επίσησ", "yazdır",
    "paylaş", "yorumlar", "yorum yap", "طباعة", "شارك", "تعليقات", "اقرأ أيضا",
    "分享到", "分享", "打印", "打印本页", "关闭窗口", "关闭", "返回顶部", "收藏", "评论", "发表评论",
    "我要评论", "推荐给朋友", "字号", "印刷", "シェア", "ツイート", "コメント",
    /* shop, service and forum chrome */
    "add to cart", "add to bag", "add to basket", "add to wishlist", "buy it now", "view cart",
    "checkout", "wishlist", "in stock", "out of stock", "sold out", "notify me", "quantity",
    "size guide", "find a store", "free shipping", "free returns", "pick up in store",
    "write a review", "get started", "get in touch", "contact us", "contact sales", "call us",
    "live chat", "chat with us", "video chat", "book a demo", "request a demo",
    "schedule a demo", "try for free", "try it free", "start free trial", "get a quote",
    "request a quote", "register now", "sign in now", "sign up now", "join now",
    "create an account", "register a new account", "forgot password", "forgot your password",
    "remember me", "log in or register", "log in or sign up", "jump to", "jump to content",
    "reply", "reply with quote", "quote", "click to expand", "upvote", "downvote",
    "similar threads", "start new topic", "reply to this topic", "report", "permalink",
    "scroll to top", "toggle navigation", "open menu", "close menu", "show less",
    "find out more", "discover more", "watch video", "play video", "our services",
    "site index", "site map", "sitemap", "home", "previous", "next page", "previous page",
    "sponsored links", "tags", "topics", "categories", "filed under", "related topics",
    /* WordPress' "Like this:" likes bar, newsletter and follow boxes */
    "like this", "join our newsletter", "join our mailing list", "subscribe to our newsletter",
    "sign up for our newsletter", "comment via", "stay connected", "stay in touch",
    /* teaser and shop-card buttons */
    "read full article", "read the full article", "read full story", "read the full story",
    "compare", "top rated",
};

/* Heading beginnings that announce a box of links to other pages. */
static const char *const related_heads[] = {
    "related", "more from", "more in ", "more on ", "more stories", "more news",
    "you might", "you may", "read next", "read more", "recommended", "popular", "most read",
    "most popular", "most viewed", "latest", "trending", "also read", "other posts",
    "other articles", "further reading", "leggi anche", "le più", "più letti", "potrebbe",
    "ultime", "articoli correlati", "weitere", "mehr zum", "mehr aus", "das könnte",
    "meistgelesen", "lire aussi", "à lire", "sur le même", "les plus", "te puede",
    "noticias relacionadas", "lo más", "relacionad", "leia também", "mais lidas", "lees ook",
    "meest gelezen", "läs också", "mest lästa", "читайте также", "популярное",
    /* ru, uk, pl, el, tr, ar, zh, ja (Greek with σ for the final ς:
     * normalise() folds it so) */
    "самое читаемое", "самые читаемые", "самые популярные", "популярные новости",
    "последние новости", "новости по теме", "другие новости", "похожие новости", "по теме",
    "лента новостей", "новости партнеров", "читайте також", "найпопулярніше", "czytaj także",
    "czytaj też", "zobacz także", "zobacz też", "najczęściej czytane", "najpopularniejsze",
    "najnowsze", "polecamy", "podobne artykuły", "powiązane", "δείτε επίσησ", "διαβάστε επίσησ",
    "σχετικά άρθρα", "σχετικέσ ειδήσεισ", "τα πιο δημοφιλή", "δημοφιλή", "τελευταία νέα",
    "ilgili haberler", "en çok okunan", "benzer haberler", "son dakika", "الأكثر قراءة",
    "اقرأ أيضا", "أخبار ذات صلة", "مقالات ذات صلة", "آخر الأخبار", "الأكثر مشاهدة",
    "相关新闻", "相关阅读", "相关文章", "相关链接", "热点排行", "热门新闻", "热门文章", "推荐阅读",
    "延伸阅读", "最新新闻", "精彩推荐", "更多新闻", "相關新聞", "熱門新聞", "延伸閱讀",
    "関連記事", "関連ニュース", "アクセスランキング", "最新ニュース", "人気記事", "おすすめ記事",
    "recent posts", "recent articles", "recent news", "recent stories", "recent comments",
    "people who", "customers who", "customers also", "frequently bought", "similar items",
    "similar products", "sponsored",
};

/* The lower case of a capital in U+0100..U+042F (two-byte UTF-8 that
 * stays two-byte), else cp itself. */
static unsigned fold_cp(unsigned cp)
{
    if (cp >= 0x100 && cp <= 0x17F) { /* Latin Extended-A: pairs */
        int odd_caps = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
        if (cp == 0x130 || cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x178 || cp == 0x17F)
            return cp;
        return (cp & 1) == (unsigned)odd_caps ? cp + 1 : cp;
    }
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) /* Greek */
        return cp + 0x20;
    if (cp == 0x3C2) /* final sigma: the lists write every sigma as σ */
        return 0x3C3;
    if (cp >= 0x386 && cp <= 0x38F && cp != 0x387) /* Greek capitals with tonos */
        return cp == 0x386 ? 0x3AC : cp <= 0x38A ? cp + 0x25 : cp == 0x38C ? 0x3CC : cp + 0x3F;
    if (cp >= 0x410 && cp <= 0x42F) /* Cyrillic */
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F) /* Ѐ..Џ, Ё and the Ukrainian letters */
        return cp + 0x50;
    return cp;
}

/* Normalises s[0..n) into out (cap bytes); returns the length. */
static size_t normalise(const char *s, size_t n, char *out, size_t cap)
{
    size_t len = 0;
    int space = 0;
    for (size_t i = 0; i < n && len + 2 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = len > 0;
            continue;
        }
        if (space)
            out[len++] = ' ';
        space = 0;
        if (c >= 'A' && c <= 'Z') {
            c = dc_lower(c);
        } else if (c >= 0xC4 && c <= 0xD0 && i + 1 < n && len + 3 < cap) {
            /* Latin Extended-A (Polish, Czech, Turkish), Greek and Cyrillic
             * capitals: headings set in capitals ("САМЫЕ ПОПУЛЯРНЫЕ") */
            unsigned cp = ((unsigned)(c & 0x1F) << 6) | ((unsigned char)s[i + 1] & 0x3F);
            if (cp == 0x130) { /* Turkish İ */
                out[len++] = 'i';
                i++;
                continue;
            }
            cp = fold_cp(cp);
            out[len++] = (char)(0xC0 | (cp >> 6));
            out[len++] = (char)(0x80 | (cp & 0x3F));
            i++;
            continue;
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9E && (unsigned char)s[i + 1] != 0x97) {
            out[len++] = (char)c; /* Latin-1 capitals: À..Þ -> à..þ */
            out[len++] = (char)((unsigned char)s[++i] + 0x20);
            continue;
        }
        out[len++] = (char)c;
    }
    /* Trailing punctuation, arrows and ellipses say nothing. */
    for (;;) {
        const unsigned char *e = (const unsigned char *)out + len;
        if (len && e[-1] < 0x80 && strchr(" :.!?>|-", e[-1])) {
            len--;
        } else if (len >= 2 && e[-2] == 0xC2 && e[-1] == 0xBB) {
            len -= 2; /* » */
        } else if (len >= 3 && e[-3] == 0xE2) {
            len -= 3; /* … → ➔ and friends (E2 80 A6, E2 86 92, E2 9E 94) */
        } else if (len >= 3 && ((e[-3] == 0xEF && e[-2] == 0xBC && (e[-1] == 0x9A || e[-1] == 0x81)) ||
                                (e[-3] == 0xE3 && e[-2] == 0x80 && e[-1] == 0x82))) {
            len -= 3; /* full-width colon and exclamation mark, ideographic full stop */
        } else {
            break;
        }
    }
    out[len] = '\0';
    return len;
}

int dc_is_cta_line(const char *s, size_t n)
{
    char buf[64];
    if (n > 48)
        return 0;
    size_t len = normalise(s, n, buf, sizeof buf);
    /* Every rendered line comes here: the first byte rules out nearly all. */
    for (size_t i = 0; i < sizeof cta / sizeof cta[0]; i++)
        if (cta[i][0] == buf[0] && strlen(cta[i]) == len && memcmp(cta[i], buf, len) == 0)
            return 1;
    return 0;
}

int dc_is_related_heading(const char *s, size_t n)
{
    char buf[96];
    if (n > 80)
        return 0;
    size_t len = normalise(s, n, buf, sizeof buf);
    for (size_t i = 0; i < sizeof related_heads / sizeof related_heads[0]; i++) {
        if (related_heads[i][0] != buf[0])
            continue;
        size_t k = strlen(related_heads[i]);
        if (len >= k && memcmp(related_heads[i], buf, k) == 0)
            return 1;
    }
    return 0;
}


/* Copyright and press-registration lines, in several languages. */
static int legal_line(const char *s, size_t n)
{
    static const char *const starts[] = {"©", "copyright", "(c) ", "registrazione tribunale",
                                         "reg. trib", "registered in england", "p.iva",
                                         "partita iva", "iscrizione al registro"};
    static const char *const anywhere[] = {
        "all rights reserved", "tutti i diritti riservati", "alle rechte vorbehalten",
        "tous droits réservés", "todos los derechos reservados", "todos os direitos reservados",
        "alle rechten voorbehouden", "registrazione al tribunale", "registrazione del tribunale",
        "autorizzazione del tribunale"};
    /* ru, uk, pl, cs, el, tr, ar, zh, ja: the words after the capital, in a
     * short line (a sentence may say that someone's rights were protected) */
    static const char *const short_anywhere[] = {
        "права защищены", "права захищені", "prawa zastrzeżone", "práva vyhrazena",
        "παντός δικαιώματος", "hakları saklıdır", "الحقوق محفوظة", "版权所有", "版權所有", "無断転載"};
    char low[304];
    if (n > 300)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)dc_lower((unsigned char)s[i]);
    low[n] = '\0';
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
        if (strncmp(low, starts[i], strlen(starts[i])) == 0)
            return 1;
    for (size_t i = 0; i < sizeof anywhere / sizeof anywhere[0]; i++)
        if (strstr(low, anywhere[i]))
            return 1;
    for (size_t i = 0; n <= 120 && i < sizeof short_anywhere / sizeof short_anywhere[0]; i++)
        if (strstr(low, short_anywhere[i]))
            return 1;
    return 0;
}

/* A dateline or "Published ..." strip repeated inside the body. */
static int dateline(const char *s, size_t n)
{
    static const char *const labels[] = {"published", "posted", "updated", "last updated",
                                         "pubblicato", "aggiornato", "veröffentlicht",
                                         "aktualisiert", "publié", "mis à jour",
                                         "publicado", "actualizado", "gepubliceerd"};
    dc_date d;
    if (n > 100)
        return 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (dc_starts_ci(s, n, labels[i]) && dc_date_parse(s, n, 0, 9999, &d))
            return 1;
    return n <= 40 && dc_date_parse(s, n, 0, 9999, &d);
}

/* "Tags Alexandria Ocasio-Cortez Ilhan Omar", "Filed under: Politics": a
 * list of the story's tags, run into one line after its label. */
static int tag_line(const char *s, size_t n)
{
    static const char *const labels[] = {"tags ", "tags:", "tagged:", "tagged with", "filed under"};
    if (n > 200 || memchr(s, '.', n))
        return 0; /* a sentence about tags has a full stop */
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (dc_starts_ci(s, n, labels[i]))
            return 1;
    return 0;
}

int dc_is_boilerplate_line(const char *s, size_t n)
{
    if (dc_is_cta_line(s, n) || tag_line(s, n))
        return 1;
    /* Copyright lines carry a year and datelines a day: lines without a
     * digit skip the costlier checks. */
    if (n > 300 || !dc_has_digit(s, n))
        return 0;
    return legal_line(s, n) || dateline(s, n);
}
