/*
 * meta_name_shape.c — whether a piece of a byline reads as a person's name:
 * the word lists of bylines' chrome, job titles and sentences, and the
 * tests of a name's shape (letters, length, capitals, a user name where the
 * page declares one, Chinese, Japanese and Korean names).  Cleaning the
 * byline and splitting it into names is meta_names.c's.
 */
#include <string.h>

#include "meta_date.h"
#include "meta_priv.h"

/* ------------------------------------------------------------ word lists */

int dc_in_word_list(const char *w, size_t n, const char *const *list)
{
    if (n == 0)
        return 0;
    /* Called for every word of every byline candidate: the first byte
     * (lists are lower-case) rules out nearly every entry cheaply. */
    char first = (char)dc_lower((unsigned char)w[0]);
    for (int k = 0; list[k]; k++)
        if (list[k][0] == first && dc_eq_ci(w, n, list[k], strlen(list[k])))
            return 1;
    return 0;
}

/* Words that never appear in a person's name but do in bylines' chrome. */
static const char *const chrome_words[] = {
    "email", "e-mail", "mail", "follow", "share", "subscribe", "view", "posts", "articles",
    "comments", "comment", "login", "sign", "click", "newsletter", "updated", "published",
    "posted", "read", "min", "mins", "minute", "minutes", "photo", "photos", "image", "contact",
    "profile", "bio", "twitter", "facebook", "instagram", "linkedin", "copyright", "privacy",
    "cookies", "menu", "search", "home", "about", "here", "reply", "leave", "print", "save",
    "more", "all", "see", "show", "hide", "toggle", "close", "open", "loading", "advertisement",
    "sponsored", "like", "likes", "views", "tags", "category", "categories", "filed", "under",
    "ago", "hours", "days", "yesterday", "today", "whatsapp", "telegram", "rss",
    "podcast", "video", "audio", "listen", "watch", "download", "subscribers", "followers",
    "permalink", "link", "written", "modified", "update", "de:", "buyer", "seller", "verified",
    "yes", "visit", "testimonial", "testimonials", "review", "reviews", "trustpilot", "from", NULL};

/* A name made of these alone is a job title or a placeholder, not a name. */
static const char *const title_words[] = {
    "staff", "writer", "writers", "editor", "editors", "senior", "chief", "contributor",
    "contributors", "contributing", "reporter", "reporters", "correspondent", "columnist",
    "freelance", "guest", "associate", "managing", "editorial", "assistant", "deputy",
    "news", "sports", "producer", "journalist", "redattore", "redattrice", "giornalista",
    "autor", "autorin", "author", "authors", "autore", "auteur", "redakteur", "redakteurin",
    "journaliste", "periodista", "in", "at", "of", "and", "for", "the", "digital", "special",
    "intern", "opinion", "admin", "administrator", "anonymous", "unknown", "null", "none",
    "undefined", "user", "by", "team", "member", "moderator", "founder", "owner", "ceo",
    "director", "manager", "host", "webmaster", "publisher", "website", "blog", "blogger",
    "posted", "post", "posts", "n/a", "topic", "thread", "starter", "poster", "original", NULL};

/* Words of a sentence, never of a name: an author box's bio ("I've
 * consulted with hundreds...", "Chris Toy is the CEO"). */
static const char *const sentence_words[] = {
    "i", "i've", "i'm", "i’ve", "i’m", "we", "we're", "is", "was", "are", "has", "have", "had",
    "who", "which", "that", "this", "been", NULL};

/* ------------------------------------------------------------ a name's shape */

int dc_each_word(const char *s, size_t n, dc_word_fn fn, void *ctx)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t st = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i > st && !fn(s + st, i - st, ctx))
            return 0;
    }
    return 1;
}

/* The word's length without its trailing punctuation: a comma or colon
 * after a word in a byline is not part of it. */
static size_t bare_len(const char *w, size_t n)
{
    while (n && strchr(",:;.", w[n - 1]))
        n--;
    return n;
}

static int word_ok(const char *w, size_t n, void *ctx)
{
    int *count = ctx;
    (*count)++;
    n = bare_len(w, n);
    return !dc_in_word_list(w, n, chrome_words);
}

/* A weekday in any language of the date tables (Tuesday, Dienstag, вторник). */
int dc_weekday_word(const char *w, size_t n)
{
    char f[48];
    n = bare_len(w, n);
    size_t fn = n ? dc_date_fold(w, n, f, sizeof f) : 0;
    return fn && dc_lang_weekday(f, fn);
}

static int word_is_title(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    n = bare_len(w, n);
    /* a dateline's weekday read as a byline ("Sat, 12 Dec") */
    return dc_in_word_list(w, n, title_words) || dc_weekday_word(w, n);
}

static int word_not_sentence(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    n = bare_len(w, n);
    return !dc_in_word_list(w, n, sentence_words);
}

/* A letter first: ASCII, or past U+00BF (0xC2 leads the Latin-1 signs
 * and punctuation: "§", "»", "©"). */
static int is_letter_start(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC3;
}

/* Two words or more, none capitalised ("billed annually", "experienced
 * gardeners"): running text, not a name.  One lower-case word may be a
 * user name. */
static int lower_case_words(const char *s, size_t n)
{
    int words = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || (i && s[i - 1] != ' '))
            continue;
        unsigned char c = (unsigned char)s[i];
        if (!(c >= 'a' && c <= 'z'))
            return 0;
        words++;
    }
    return words >= 2;
}

/*
 * A user name as forums and communities show them ("Alphabyte1",
 * "luizjr4"): one word of letters, digits, '_', '-' and '.', with a letter
 * first.  Taken only where the page declares it as the author's name
 * (JSON-LD, microdata): in running text such words are handles, codes and
 * model numbers.
 */
static int is_handle(const char *s, size_t n)
{
    if (n < 3 || n > 32 || !is_letter_start(s))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9') && c != '_' && c != '-' &&
            c != '.')
            return 0;
    }
    return 1;
}

/* "page.head.extra.author", "post.author.name": a template's placeholder
 * left unfilled.  (Logins such as "sara.r.peter" are names forums show.) */
static int template_key(const char *s, size_t n)
{
    if (memchr(s, ' ', n) || !memchr(s, '.', n))
        return 0;
    for (size_t st = 0, i = 0; i <= n; i++)
        if (i == n || s[i] == '.') {
            if ((i - st == 6 && dc_eq_ci(s + st, 6, "author", 6)) || (i - st == 4 && dc_eq_ci(s + st, 4, "name", 4)))
                return 1;
            st = i + 1;
        }
    return 0;
}

/* "a founder of Intellectual Ventures": a description, not a name. */
static int starts_with_article(const char *s, size_t n)
{
    return (n > 2 && s[0] == 'a' && s[1] == ' ') || (n > 3 && s[0] == 'a' && s[1] == 'n' && s[2] == ' ');
}

/*
 * A name in Chinese, Japanese or Korean script: no capitals to tell it from
 * a phrase, but short.  Two to five characters a part, at most two parts
 * ("山田 太郎"); a transliterated name joins its parts with a dot and may be
 * longer ("凱倫．伯格").  Photo credits ("…攝") and editors ("责任编辑")
 * are not authors.
 */
static int cjk_name(const char *s, size_t n)
{
    static const char *const not_authors[] = {"攝", "摄", "编辑", "編輯", "责任", "責任", NULL};
    for (int k = 0; not_authors[k]; k++)
        if (dc_contains_ci(s, n, not_authors[k]))
            return 0;
    /* a publication's credit, "《财经》综合报道": editorial, as an agency is */
    if (dc_contains_ci(s, n, "《") && dc_contains_ci(s, n, "》"))
        return n <= 48;
    int dot = dc_contains_ci(s, n, "\xEF\xBC\x8E") || dc_contains_ci(s, n, "\xC2\xB7") ||
              dc_contains_ci(s, n, "\xE3\x83\xBB");
    size_t chars = 0, parts = 1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ') {
            if (chars > 5 && !dot)
                return 0;
            parts++, chars = 0;
        } else {
            chars += ((unsigned char)s[i] & 0xC0) != 0x80;
        }
    }
    return parts <= 2 && chars >= 1 && (dot ? chars <= 12 : chars <= 5);
}

/* The final test of one name. */
int dc_name_acceptable(const char *s, size_t n, int mode)
{
    if (template_key(s, n) || starts_with_article(s, n))
        return 0;
    if (n && (unsigned char)s[0] >= 0xE3 && (unsigned char)s[0] <= 0xED && !(mode & DC_NAMES_HANDLES) &&
        !cjk_name(s, n))
        return 0;
    if (dc_has_digit(s, n) && (mode & DC_NAMES_HANDLES) && is_handle(s, n))
        return !dc_in_word_list(s, n, chrome_words);
    if (n < 2 || n > 60 || !is_letter_start(s) || dc_has_digit(s, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (strchr("@#={}<>/\\|?!", s[i]) || (s[i] == '_' && !(mode & DC_NAMES_HANDLES)))
            return 0;
    if (dc_looks_like_url(s, n) || dc_contains_ci(s, n, ".com") || dc_contains_ci(s, n, "...") ||
        dc_contains_ci(s, n, "\xC2\xBB") || dc_contains_ci(s, n, "\xE2\x80\xBA"))
        return 0; /* "»", "›": a breadcrumb */
    if (!(mode & DC_NAMES_HANDLES) && lower_case_words(s, n))
        return 0;
    int words = 0;
    if (!dc_each_word(s, n, word_ok, &words) || words > 6 || !dc_each_word(s, n, word_not_sentence, NULL))
        return 0;

    if (dc_each_word(s, n, word_is_title, NULL))
        return 0; /* job title or placeholder only */
    return 1;
}
