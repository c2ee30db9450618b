/*
 * meta_names.c — from byline text to a list of author names.
 *
 * Bylines mix names with labels ("By", "di", "Autor:"), dates, job titles
 * and calls to action ("Email the author").  Precision matters more than
 * recall here: a wrong author is worse than none, so anything that does not
 * look like a name is dropped and the caller falls through to the next
 * source.  What looks like a name is meta_name_shape.c's to say.
 */
#include <stdint.h>
#include <string.h>

#include "meta_date.h"
#include "meta_priv.h"

/* ------------------------------------------------------------ word lists */

/* Words of a job title or a role: after a name ("Jane Roe, Head of
 * Marketing", "Will Judd Former Deputy Tech Editor") they end the names. */
static const char *const role_words[] = {
    "expert", "experts", "specialist", "head", "lead", "director", "manager", "founder",
    "co-founder", "cofounder", "ceo", "cto", "cfo", "coo", "cmo", "president", "vp", "officer",
    "attorney", "lawyer", "professor", "educator", "educators", "consultant", "analyst",
    "engineer", "developer", "designer", "strategist", "marketer", "coach",
    "trainer", "nutritionist", "dietitian", "physician", "scientist", "researcher", "former",
    "senior", "sr.", "junior", "associate", "assistant", "chief", "deputy", "editor", "reporter",
    "writer", "correspondent", "columnist", "contributor", "photographer", "journalist",
    "producer", "intern", "advisor", "adviser", "instructor", "teacher", "therapist",
    "redattore", "redattrice", "giornalista", "corrispondente", "inviato", "redakteur",
    "redakteurin", "korrespondent", "journaliste", "rédacteur", "rédactrice", "periodista",
    "redactor", "redactora", "corresponsal", NULL};

/* Degrees and credentials written after a name ("Jane Roe, MD, PhD").
 * Not "Ma" or "Do", which are also surnames: in capitals the all-capitals
 * rule of post_nominal() takes them. */
static const char *const credentials[] = {
    "phd", "ph.d.", "ph.d", "md", "m.d.", "dvm", "rn", "rd", "rdn", "ms", "m.s.", "m.a.",
    "mba", "msc", "bsc", "cpa", "fand", "jd", "esq", "esq.", "dds", "lcsw", "np", "cfa",
    "cfp", "mph", "mfa", "pharmd", "psyd", "lpc", "cscs", "ryt", "e-ryt", NULL};

/* An office or a publisher, not a person: weak as an author (meta_resolve.c). */
static const char *const editorial_words[] = {
    "redazione", "redaktion", "redacción", "rédaction", "redação", "redactie", "staff",
    "team", "desk", "newsroom", "editorial", "editors", "redakcja", "редакция", "équipe",
    "press", "agency", "agencia",
    /* publishers' and companies' names: "Ediciones EL PAÍS", "Axel Springer SE" */
    "ediciones", "edizioni", "editions", "éditions", "editora", "verlag", "wydawnictwo",
    "издательство", "yayıncılık", "gmbh", "ltd", "ltd.", "inc", "inc.", "llc", "plc", "s.a.",
    "s.l.", "s.l.u.", "s.p.a.", "srl", NULL};

/* Labels in front of names, longest first so "Written by" beats "by";
 * lower case and without accents (dc_date_fold), as folded_prefix compares. */
static const char *const labels[] = {
    "written by", "authored by", "posted by", "reported by", "words by", "story by", "text by",
    "article by",
    "published by", "created by", "edited by", "reviewed by", "compiled by", "author:",
    "authors:", "autor:", "autore:", "auteur:", "autorin:", "автор:", "av:", "von:", "by:",
    "text:", "testo:", "texto:", "tekst:", "di:", "autorzy:", "авторы:", "yazar:", "yazan:",
    "συντακτησ:", "author", "autor", "autore", "auteur", "автор", "yazan", "γραφει", "بقلم",
    "przez", "by", "di", "da", "von", "par", "por", "door", "av", "de",
    /* Greek names take their article: "Γράφει ο Γιώργος ... και η Μαρία ..." */
    "ο", "η",
    /* zh, ja: the name follows with no space ("记者张三", "作者：张三", "文／山田太郎") */
    "作者：", "作者:", "作者", "记者：", "记者", "記者：", "記者", "撰文：", "撰文", "執筆：", "文／", "文/", "文：",
    NULL};

/* A literal and its length: the separator tables are scanned at every
 * position of every byline candidate. */
typedef struct lit {
    const char *s;
    size_t n;
} lit;
#define LIT(x) {x, sizeof x - 1}
#define NLITS(a) (sizeof a / sizeof a[0])

/* Between two names. */
static const lit joiners[] = {LIT(" and "), LIT(" & "), LIT(" e "), LIT(" und "), LIT(" et "),
                              LIT(" y "), LIT(" och "), LIT(" en "), LIT(" i "), LIT(" и "),
                              LIT(" oraz "), LIT(" ve "), LIT(" και "), LIT(" та "), LIT(" و ")};

/* ------------------------------------------------------------ cleaning */

/*
 * The first i in [from, to - m] where s[i..i+m) is w[0..m) (in any ASCII
 * case when ci), or SIZE_MAX.  Candidates come from memchr on w's first
 * byte when it has no case, as every separator here starts with a space, a
 * sign or a CJK character.
 */
static size_t find_at(const char *s, size_t from, size_t to, const char *w, size_t m, int ci)
{
    if (m == 0 || to < m || from > to - m)
        return SIZE_MAX;
    const char *p = s + from, *last = s + (to - m);
    if (ci && dc_is_alpha((unsigned char)w[0])) {
        for (; p <= last; p++)
            if (dc_eq_ci(p, m, w, m))
                return (size_t)(p - s);
        return SIZE_MAX;
    }
    for (; (p = memchr(p, w[0], (size_t)(last + 1 - p))) != NULL; p++)
        if (ci ? dc_eq_ci(p, m, w, m) : !memcmp(p, w, m))
            return (size_t)(p - s);
    return SIZE_MAX;
}

/* Strips punctuation, quotes and dashes from both ends of a name. */
static void trim_punct(const char **s, size_t *n)
{
    /* all but "|" (taken above) start and end with a byte past ASCII */
    static const lit multi[] = {LIT("“"), LIT("”"), LIT("«"), LIT("»"), LIT("–"), LIT("—"),
                                LIT("·"), LIT("•"), LIT("‘"), LIT("’"), LIT("|"), LIT("【"),
                                LIT("】"), LIT("「"), LIT("」"), LIT("（"), LIT("）")};
    int changed = 1;
    while (changed && *n) {
        changed = 0;
        dc_trim(s, n);
        if (!*n)
            break;
        unsigned char c = (unsigned char)(*s)[0], e = (unsigned char)(*s)[*n - 1];
        if (strchr(",.;:-|/()[]\"'*~+=_>", c) && c) {
            (*s)++, (*n)--, changed = 1;
            continue;
        }
        if (strchr(",;:-|/()[]\"'*~+=_<", e) && e) {
            (*n)--, changed = 1;
            continue;
        }
        if (c < 0x80 && e < 0x80)
            break; /* no sign of the list at either end */
        for (size_t k = 0; k < NLITS(multi); k++) {
            size_t m = multi[k].n;
            if (*n >= m && memcmp(*s, multi[k].s, m) == 0) {
                *s += m, *n -= m, changed = 1;
                break;
            }
            if (*n >= m && memcmp(*s + *n - m, multi[k].s, m) == 0) {
                *n -= m, changed = 1;
                break;
            }
        }
    }
}

/*
 * How many bytes of s spell the folded word w (case and accents aside, as
 * dc_date_fold compares them: "Автор:" for "автор:", "Γράφει" for
 * "γραφει"), or 0.
 */
static size_t folded_prefix(const char *s, size_t n, const char *w, size_t wn)
{
    size_t i = 0, o = 0;
    while (o < wn) {
        if (i >= n)
            return 0;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII, the common case */
            if ((char)dc_lower(c) != w[o])
                return 0;
            i++, o++;
            continue;
        }
        size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (len > n - i)
            return 0;
        char f[16];
        size_t fl = dc_date_fold(s + i, len, f, sizeof f); /* 0: a mark, nothing to match */
        if (o + fl > wn || memcmp(w + o, f, fl))
            return 0;
        i += len, o += fl;
    }
    return i;
}

size_t dc_folded_prefix(const char *s, size_t n, const char *w)
{
    return folded_prefix(s, n, w, strlen(w));
}

/*
 * The first byte of s's first character as folded_prefix() compares it,
 * which a label must start with to match there; -1 when any may (the
 * character folds to nothing, a combining mark), -2 when none can.
 */
static int folded_first(const char *s, size_t n)
{
    if (n == 0)
        return -2;
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80)
        return dc_lower(c);
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    char f[16];
    if (len > n)
        return -2;
    return dc_date_fold(s, len, f, sizeof f) ? (unsigned char)f[0] : -1;
}

/* Removes a leading label ("By", "di", "Autor:"), repeatedly. */
static void strip_labels(const char **s, size_t *n)
{
    for (int again = 1; again;) {
        again = 0;
        trim_punct(s, n);
        /* Every byline candidate comes here, and most start with no
         * label: the first character rules out nearly all of them. */
        int first = folded_first(*s, *n);
        for (int k = 0; labels[k] && first != -2; k++) {
            if (first >= 0 && (unsigned char)labels[k][0] != first)
                continue;
            size_t lm = strlen(labels[k]);
            size_t m = folded_prefix(*s, *n, labels[k], lm);
            if (m == 0 || *n <= m)
                continue;
            char next = (*s)[m];
            /* CJK runs a name on without a space: any next character */
            int cjk = (unsigned char)labels[k][0] >= 0xE3;
            if (!cjk && labels[k][lm - 1] != ':' && next != ' ' && next != ':' && next != '\t' &&
                (unsigned char)next != 0xC2)
                continue;
            *s += m, *n -= m, again = 1;
            break;
        }
    }
}

static int word_not_editorial(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    return !dc_in_word_list(w, n, editorial_words);
}

/* Index of the first word of s[0..n) from list, or n. */
static size_t word_from(const char *s, size_t n, const char *const *list)
{
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t st = i;
        while (i < n && s[i] != ' ')
            i++;
        size_t e = i;
        while (e > st && strchr(",:;", s[e - 1]))
            e--;
        if (e > st && dc_in_word_list(s + st, e - st, list))
            return st;
    }
    return n;
}

/* Is this part of a list, after a name, the name's post-nominals: a
 * credential ("MD", "Ph.D.") or a short all-capitals word ("CPP")? */
static int post_nominal(const char *s, size_t n)
{
    trim_punct(&s, &n);
    if (dc_in_word_list(s, n, credentials))
        return 1;
    if (n < 2 || n > 5)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] >= 'A' && s[i] <= 'Z') && s[i] != '.' && s[i] != '-')
            return 0;
    return 1;
}

/* Is this part of a list, after a name, a job title ("Head of Marketing",
 * "Extension educators")?  Then what follows describes the names too. */
static int job_title(const char *s, size_t n)
{
    trim_punct(&s, &n);
    return word_from(s, n, role_words) < n;
}

/* ------------------------------------------------------------ splitting */

/* Where the first joiner or comma is in s[0..n), or n. */
static size_t next_split(const char *s, size_t n, size_t *skip)
{
    size_t best = n;
    *skip = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ',' || s[i] == ';') {
            best = i, *skip = 1;
            break;
        }
        /* CJK lists: "、" and the full-width comma "，" */
        if (i + 3 <= n && (!memcmp(s + i, "\xE3\x80\x81", 3) || !memcmp(s + i, "\xEF\xBC\x8C", 3))) {
            best = i, *skip = 3;
            break;
        }
    }
    for (size_t k = 0; k < NLITS(joiners) && best > 0; k++) {
        size_t m = joiners[k].n;
        /* positions i < best with i + m <= n */
        size_t i = find_at(s, 0, best - 1 + m < n ? best - 1 + m : n, joiners[k].s, m, 1);
        if (i != SIZE_MAX)
            best = i, *skip = m;
    }
    return best;
}

/* Hard separators end the name part of a byline ("John Smith | June 19"). */
static const lit part_seps[] = {LIT("|"), LIT("•"), LIT("·"), LIT("—"), LIT(" – "), LIT(" - "),
                                LIT("\n"), LIT(" updated"), LIT(" published"), LIT(" posted"),
                                LIT("("), LIT("（"), LIT("\xE3\x80\x80"), /* ideographic space */
                                LIT("来源"), LIT("來源"), LIT("出处"), LIT("出處"), LIT("编辑"),
                                LIT("編輯"), LIT("）")};
/* So do the words before a date ("John Smith on June 19", "Juan Pérez el
 * 17 de enero"), written in lower case: "Ediciones EL PAÍS" is a name. */
static const lit date_words[] = {LIT(" on "), LIT(" am "), LIT(" le "), LIT(" il "), LIT(" el "),
                                 LIT(" em "), LIT(" op "), LIT(" den "), LIT(" le:")};

/* Where the first part of a byline line ends ("Jane Roe | Staff"); *sep
 * gets the separator's length (0 at the end). */
static size_t part_end(const char *s, size_t n, size_t *sep)
{
    size_t end = n;
    *sep = 0;
    /* In table order, each separator searched before the end found so far. */
    for (size_t k = 0; k < NLITS(part_seps); k++) {
        size_t i = find_at(s, 1, end, part_seps[k].s, part_seps[k].n, 1);
        if (i != SIZE_MAX)
            end = i, *sep = part_seps[k].n;
    }
    for (size_t k = 0; k < NLITS(date_words); k++) {
        size_t i = find_at(s, 1, end, date_words[k].s, date_words[k].n, 0);
        if (i != SIZE_MAX)
            end = i, *sep = date_words[k].n;
    }
    return end;
}

/* "Dec. 19, 2025 · Niko Matsakis": a date before the name is the dateline
 * sharing its line; the name follows it. */
static void skip_dated_parts(const char **s, size_t *n)
{
    for (int k = 0; k < 3; k++) {
        size_t sep, e = part_end(*s, *n, &sep);
        dc_date d;
        if (!sep || !dc_has_digit(*s, e) || !dc_date_parse(*s, e, 0, 9999, &d))
            return;
        *s += e + sep, *n -= e + sep;
        dc_trim(s, n);
    }
}

/*
 * "Posted on June 19 by John Smith": the names follow the last " by ".
 * In other languages the word is also a particle of names ("Ursula von
 * der Leyen"), so there it must follow a date or a time: "07.11.2022,
 * 18:00 Uhr von Anna Schmidt".
 */
static void after_last_by(const char **s, size_t *n)
{
    static const char *const after_date[] = {" von ", " par ", " por ", " door ", " przez ", " di ", " da ", NULL};
    for (size_t i = *n; i-- > 0;) {
        if (i + 4 <= *n && dc_eq_ci(*s + i, 4, " by ", 4)) {
            *s += i + 4, *n -= i + 4;
            return;
        }
    }
    for (size_t i = *n; i-- > 0;) {
        if ((*s)[i] != ' ')
            continue;
        for (int k = 0; after_date[k]; k++) {
            size_t m = strlen(after_date[k]);
            dc_date d;
            if (i + m <= *n && dc_eq_ci(*s + i, m, after_date[k], m) && dc_has_digit(*s, i) &&
                dc_date_parse(*s, i, 0, 9999, &d)) {
                *s += i + m, *n -= i + m;
                return;
            }
        }
    }
}

/*
 * "elmundo.es", "Paperium.net": a site's host name given as the author, a
 * publisher and not a person.  One word whose last dot-part is a top-level
 * domain; logins such as "sara.r.peter" end otherwise.
 */
static int host_name(const char *s, size_t n)
{
    static const char *const generic[] = {"com", "org", "net", "info", "biz", "edu", "gov", "news", "io",
                                          "co", "tv", "online", "media", "blog", NULL};
    if (memchr(s, ' ', n))
        return 0;
    size_t dot = n;
    while (dot > 0 && s[dot - 1] != '.')
        dot--;
    if (dot < 2 || dot == n)
        return 0;
    size_t tl = n - dot;
    for (size_t i = dot; i < n; i++)
        if (!((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
            return 0;
    return tl == 2 || dc_in_word_list(s + dot, tl, generic);
}

static int add_name(dc_arena *tmp, const char *s, size_t n, int mode, dc_name *out, int count, int max)
{
    trim_punct(&s, &n);
    strip_labels(&s, &n);
    trim_punct(&s, &n);
    /* A job title of two words or more run on after two or three words of
     * name, as author boxes print them: "Keith Barry Senior Autos
     * Reporter" ("Luxury Travel Expert" is a brand). */
    size_t role = word_from(s, n, role_words);
    if (role < n && memchr(s + role, ' ', n - role)) {
        int before = dc_word_count(s, role);
        if (before >= 2 && before <= 3) {
            n = role;
            trim_punct(&s, &n);
        }
    }
    /* "Bryan Walsh Tuesday": the dateline's weekday run on after the name */
    for (;;) {
        size_t last = n;
        while (last > 0 && s[last - 1] != ' ')
            last--;
        if (last == 0 || !dc_weekday_word(s + last, n - last) || dc_word_count(s, last) < 2)
            break;
        n = last;
        trim_punct(&s, &n);
    }
    if (count >= max || dc_in_word_list(s, n, credentials) || !dc_name_acceptable(s, n, mode))
        return count;
    char *copy = dc_arena_strndup(tmp, s, n);
    if (!copy)
        return -1;
    out[count].s = copy;
    out[count].n = n;
    out[count].editorial = !dc_each_word(s, n, word_not_editorial, NULL) || dc_contains_ci(s, n, "redaz") ||
                           dc_contains_ci(s, n, "redak") || dc_contains_ci(s, n, "redac") || host_name(s, n) ||
                           dc_contains_ci(s, n, "《");
    return count + 1;
}

/* Makes name s[0..n) (its list part and what follows) the name in *out;
 * 0 on OOM. */
static int extend_name(dc_arena *tmp, dc_name *out, const char *s, size_t n)
{
    trim_punct(&s, &n);
    strip_labels(&s, &n);
    char *copy = dc_arena_strndup(tmp, s, n);
    if (!copy)
        return 0;
    out->s = copy;
    out->n = n;
    return 1;
}

int dc_names_from_text(dc_arena *tmp, const char *s, size_t n, int mode, dc_name *out, int max)
{
    size_t len;
    const char *t = dc_unescape(tmp, s, n, &len);
    if (!t)
        return -1;
    after_last_by(&t, &len);
    strip_labels(&t, &len);
    skip_dated_parts(&t, &len);
    strip_labels(&t, &len);
    size_t sep;
    len = part_end(t, len, &sep);
    /* "Nov 25, 2025Julian K. Arni": a dateline run into the name;
     * "Bryan Walsh Tuesday, Jan. 17, 2012": the names end where a date starts */
    dc_date d;
    size_t at, end;
    if (dc_has_digit(t, len) && dc_date_find(t, len, 0, 9999, &d, &at, &end)) {
        if (at > 0) {
            len = at;
        } else {
            t += end, len -= end;
            strip_labels(&t, &len);
            len = part_end(t, len, &sep);
        }
    }
    int count = 0;
    if (!(mode & DC_NAMES_SPLIT))
        return add_name(tmp, t, len, mode, out, 0, max);
    const char *last = NULL; /* where the last name taken starts in t */
    int comma = 0, last_comma = 0; /* the part follows a comma; the last name taken did */
    int cjk_list = 0, refused = 0; /* split at "、" or "，"; a part was no name */
    while (len > 0 && count >= 0) {
        size_t skip, cut = next_split(t, len, &skip);
        if (count > 0 && job_title(t, cut))
            break; /* the rest of the list says who the names are */
        if (count > 0 && post_nominal(t, cut)) {
            /* "Jane Roe, MD, PhD": one name, as written; never across a
             * part that was not taken */
            if (last && !extend_name(tmp, &out[count - 1], last, (size_t)(t + cut - last)))
                return -1;
        } else {
            int before = count;
            count = add_name(tmp, t, cut, mode, out, count, max);
            last = count > before ? t : NULL;
            if (last)
                last_comma = comma;
            refused |= count == before;
        }
        if (cut >= len)
            break;
        comma = skip == 1;
        cjk_list |= skip == 3 && (unsigned char)t[cut] >= 0xE3; /* "、", "，" */
        t += cut + skip;
        len -= cut + skip;
    }
    /* "财讯网、基金、…": a CJK list with a part that is no name is a phrase */
    if (cjk_list && refused && count > 0)
        return 0;
    /* "Von A B, C D und E F, Berlin", "Jane Roe, Reuters": one word after
     * full names and a comma is the place or the agency, not a name */
    if (count >= 2 && last_comma && !(mode & DC_NAMES_HANDLES) && !memchr(out[count - 1].s, ' ', out[count - 1].n)) {
        int full = 1;
        for (int k = 0; k < count - 1; k++)
            full &= memchr(out[k].s, ' ', out[k].n) != NULL;
        count -= full;
    }
    return count;
}
