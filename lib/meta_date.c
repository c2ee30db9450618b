/*
 * meta_date.c — the date parser behind every date field.
 *
 * The string is cut into tokens (numbers, words, punctuation) first, so that
 * each format is a short pattern over tokens rather than a character-level
 * state machine per language.  Words we do not know (weekdays, "de", "Uhr",
 * "à") are ignored, which is what makes one parser serve many languages.
 * Working with the dates it finds (zones, URL paths, the ISO form) is
 * meta_date_calendar.c's; the languages' words are meta_date_lang.c's.
 */
#include "meta_date.h"

#include <limits.h>
#include <string.h>

#include "text.h"

enum { TK_NUM, TK_WORD, TK_PUNCT };

/* CJK dates put a sign after each number: 2012年1月17日 17時21分. */
enum { CJ_YEAR = 'Y', CJ_MONTH = 'M', CJ_DAY = 'D', CJ_HOUR = 'H', CJ_MIN = 'N', CJ_SEC = 'S' };

typedef struct tok {
    unsigned char type;
    char punct;     /* TK_PUNCT: the ASCII character, or a CJ_ sign     */
    unsigned char digits; /* TK_NUM: how many digits               */
    unsigned char filler; /* TK_WORD: the second word of a month's name */
    int month;      /* TK_WORD: 1..12 when a month name             */
    int zone;       /* TK_WORD: zone offset + 10000 when a zone, else 0 */
    int ampm;       /* TK_WORD: 1 am, 2 pm                           */
    long val;       /* TK_NUM                                        */
    size_t at, end; /* byte range in the input                       */
    char word[40];  /* TK_WORD: folded (dc_date_fold), "" when longer */
} tok;

#define MAX_TOKS 48

static const struct {
    const char *name;
    int minutes;
} zones[] = {
    {"z", 0},      {"utc", 0},      {"gmt", 0},      {"ut", 0},      {"wet", 0},
    {"west", 60},  {"bst", 60},     {"cet", 60},     {"cest", 120},  {"mez", 60},
    {"mesz", 120}, {"eet", 120},    {"eest", 180},   {"msk", 180},   {"est", -300},
    {"edt", -240}, {"cst", -360},   {"cdt", -300},   {"mst", -420},  {"mdt", -360},
    {"pst", -480}, {"pdt", -420},   {"akst", -540},  {"akdt", -480}, {"hst", -600},
    {"jst", 540},  {"kst", 540},    {"aest", 600},   {"aedt", 660},  {"nzst", 720},
    {"nzdt", 780}, {"et", -300},    {"pt", -480},   {"мск", 180},
};

static int zone_lookup(const char *w)
{
    for (size_t k = 0; k < sizeof zones / sizeof zones[0]; k++)
        if (zones[k].name[0] == w[0] && strcmp(zones[k].name, w) == 0)
            return zones[k].minutes + 10000;
    return 0;
}

/* ------------------------------------------------------------ characters */

/*
 * The code point at s[0..n) and its length.  A byte that starts no valid
 * sequence is one U+FFFD (a letter, kept as the byte it is), so that any
 * input tokenizes and nothing is skipped that a word could hold.
 */
static unsigned next_cp(const unsigned char *s, size_t n, size_t *len)
{
    uint32_t cp;
    *len = dc_utf8_decode(s, n, &cp);
    if (*len)
        return cp;
    *len = 1;
    return 0xFFFD;
}

static size_t put_cp(char *o, unsigned cp)
{
    return dc_utf8_encode(cp, o);
}

/* Spaces: ASCII, NBSP, the typographic spaces, en and em dashes, the ideographic space. */
static int is_break(unsigned cp)
{
    return cp <= ' ' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200F) || cp == 0x2013 || cp == 0x2014 ||
           cp == 0x202F || cp == 0x3000 || cp == 0xFEFF;
}

/* ASCII, full-width (２０１２), Arabic-Indic (٢٠١٢) and Persian (۲۰۱۲) digits; -1 else. */
static int digit_value(unsigned cp)
{
    if (cp >= '0' && cp <= '9')
        return (int)(cp - '0');
    if (cp >= 0xFF10 && cp <= 0xFF19)
        return (int)(cp - 0xFF10);
    if (cp >= 0x660 && cp <= 0x669)
        return (int)(cp - 0x660);
    if (cp >= 0x6F0 && cp <= 0x6F9)
        return (int)(cp - 0x6F0);
    return -1;
}

/* The ASCII punctuation a character stands for (full-width "：", "、", Arabic "،"), or 0. */
static char punct_of(unsigned cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ? 0 : (char)cp;
    if ((cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
        (cp >= 0xFF5B && cp <= 0xFF5E))
        return (char)(cp - 0xFEE0);
    if (cp == 0x3001 || cp == 0x060C)
        return ',';
    if (cp == 0x3002)
        return '.';
    if (cp == 0x061B)
        return ';';
    return 0;
}

/* The sign a CJK or Korean date or time puts after a number, or 0. */
static char cjk_sign(unsigned cp)
{
    switch (cp) {
    case 0x5E74: case 0xB144:                             return CJ_YEAR;  /* 年 년 */
    case 0x6708: case 0xC6D4:                             return CJ_MONTH; /* 月 월 */
    case 0x65E5: case 0x53F7: case 0x865F: case 0xC77C:   return CJ_DAY;   /* 日 号 號 일 */
    case 0x65F6: case 0x6642: case 0x70B9: case 0x9EDE:
    case 0xC2DC:                                          return CJ_HOUR;  /* 时 時 点 點 시 */
    case 0x5206: case 0xBD84:                             return CJ_MIN;   /* 分 분 */
    case 0x79D2: case 0xCD08:                             return CJ_SEC;   /* 秒 초 */
    default:                                              return 0;
    }
}

/* Latin Extended-A (U+0100..U+017F) without its marks: Ą ą Ć ... Ž ž ſ. */
static const char latin_ext_a[129] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
    "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
/* Latin-1 letters U+00C0..U+00FF; '*' keeps the letter (Æ, Ð, Þ, ß, ×, ÷). */
static const char latin_1[65] = "aaaaaa*ceeeeiiii*nooooo*ouuuuy**aaaaaa*ceeeeiiii*nooooo*ouuuuy*y";

#define KEEP ((size_t)-1)

/*
 * One character folded for matching, into o: 0 bytes for a mark, else its
 * lower-case form without accents.  Latin, Greek, Cyrillic and Arabic are
 * folded; anything else is KEEP, to be copied as it is.
 */
static size_t fold_cp(unsigned cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        return 1;
    }
    if (cp >= 0xC0 && cp <= 0xFF && latin_1[cp - 0xC0] != '*') {
        o[0] = latin_1[cp - 0xC0];
        return 1;
    }
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7 && cp != 0xDF)
        return put_cp(o, cp + 0x20); /* Æ Ð Þ */
    if (cp >= 0x100 && cp <= 0x17F) {
        o[0] = latin_ext_a[cp - 0x100];
        return 1;
    }
    if (cp >= 0x218 && cp <= 0x21B) { /* Romanian Ș ș Ț ț */
        o[0] = cp < 0x21A ? 's' : 't';
        return 1;
    }
    if ((cp >= 0x300 && cp <= 0x36F) || cp == 0x640 || (cp >= 0x64B && cp <= 0x652) || cp == 0x670)
        return 0; /* combining accents; Arabic tatweel and vowel signs */
    if (cp >= 0x386 && cp <= 0x3CE) {
        static const unsigned short tonos[][2] = {
            {0x386, 0x3B1}, {0x388, 0x3B5}, {0x389, 0x3B7}, {0x38A, 0x3B9}, {0x38C, 0x3BF},
            {0x38E, 0x3C5}, {0x38F, 0x3C9}, {0x390, 0x3B9}, {0x3AA, 0x3B9}, {0x3AB, 0x3C5},
            {0x3AC, 0x3B1}, {0x3AD, 0x3B5}, {0x3AE, 0x3B7}, {0x3AF, 0x3B9}, {0x3B0, 0x3C5},
            {0x3C2, 0x3C3}, {0x3CA, 0x3B9}, {0x3CB, 0x3C5}, {0x3CC, 0x3BF}, {0x3CD, 0x3C5},
            {0x3CE, 0x3C9}};
        for (size_t k = 0; k < sizeof tonos / sizeof tonos[0]; k++)
            if (tonos[k][0] == cp)
                return put_cp(o, tonos[k][1]);
        return put_cp(o, cp >= 0x391 && cp <= 0x3A9 ? cp + 0x20 : cp);
    }
    if (cp >= 0x400 && cp <= 0x45F) {
        if (cp < 0x410)
            cp += 0x50;
        else if (cp < 0x430)
            cp += 0x20;
        return put_cp(o, cp == 0x450 || cp == 0x451 ? 0x435 : cp); /* ѐ ё: е */
    }
    if (cp == 0x622 || cp == 0x623 || cp == 0x625 || cp == 0x671)
        return put_cp(o, 0x627); /* آ أ إ ٱ: ا */
    if (cp == 0x629)
        return put_cp(o, 0x647); /* ة: ه */
    if (cp == 0x649)
        return put_cp(o, 0x64A); /* ى: ي */
    return KEEP;
}

size_t dc_date_fold(const char *s, size_t n, char *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t len;
        unsigned cp = next_cp(u + i, n - i, &len);
        char buf[4];
        size_t k = fold_cp(cp, buf);
        const char *src = buf;
        if (k == KEEP)
            src = s + i, k = len;
        if (o + k >= cap)
            return 0;
        memcpy(out + o, src, k);
        o += k;
        i += len;
    }
    out[o] = '\0';
    return o;
}

/* ------------------------------------------------------------- tokenizer */

static void finish_word(tok *t, const char *s)
{
    size_t o = dc_date_fold(s + t->at, t->end - t->at, t->word, sizeof t->word);
    if (o == 0) {
        t->word[0] = '\0';
        return;
    }
    t->month = dc_lang_month(t->word, o);
    t->zone = t->month ? 0 : zone_lookup(t->word);
    t->ampm = dc_lang_ampm(t->word, o);
}

static int tokenize(const char *s, size_t n, tok *t)
{
    const unsigned char *u = (const unsigned char *)s;
    int nt = 0;
    size_t i = 0;
    while (i < n && nt < MAX_TOKS) {
        size_t len;
        unsigned cp = next_cp(u + i, n - i, &len);
        if (is_break(cp)) {
            i += len;
            continue;
        }
        tok *k = &t[nt];
        memset(k, 0, sizeof *k);
        k->at = i;
        int dv = digit_value(cp);
        char sign = nt > 0 && t[nt - 1].type == TK_NUM ? cjk_sign(cp) : 0;
        if (dv >= 0) {
            k->type = TK_NUM;
            while (i < n && (dv = digit_value(next_cp(u + i, n - i, &len))) >= 0) {
                if (k->digits < 9)
                    k->val = k->val * 10 + dv;
                /* saturates: a 256-digit run must not read as a short number */
                k->digits += k->digits < UCHAR_MAX;
                i += len;
            }
        } else if (sign || punct_of(cp)) {
            k->type = TK_PUNCT;
            k->punct = sign ? sign : punct_of(cp);
            i += len;
        } else {
            k->type = TK_WORD;
            for (i += len; i < n; i += len) {
                cp = next_cp(u + i, n - i, &len);
                if (is_break(cp) || digit_value(cp) >= 0 || punct_of(cp))
                    break;
            }
        }
        k->end = i;
        if (k->type == TK_WORD) {
            finish_word(k, s);
            /* "كانون الثاني": the month is the pair's */
            if (nt > 0 && t[nt - 1].type == TK_WORD && t[nt - 1].month > 12) {
                int m = dc_lang_month_pair(t[nt - 1].month, k->word, strlen(k->word));
                t[nt - 1].month = m;
                k->filler = m != 0;
            }
        }
        nt++;
    }
    /* a first word of a pair without its second is no month */
    for (int j = 0; j < nt; j++)
        if (t[j].month > 12)
            t[j].month = 0;
    return nt;
}

/* ------------------------------------------------------------ validation */

/* Two-digit years only ever mean this century on news pages. */
static int full_year(const tok *t)
{
    if (t->digits == 4)
        return (int)t->val;
    if (t->digits == 2)
        return 2000 + (int)t->val;
    return -1;
}

static int adjacent(const tok *a, const tok *b)
{
    return a->end == b->at;
}

static int is_punct(const tok *t, char c)
{
    return t->type == TK_PUNCT && t->punct == c;
}

/* ------------------------------------------------------------ date forms */

/* 2024-06-19, 19.06.2024, 06/19/2024, 19/06/24; returns the end token or -1. */
static int numeric_date(const tok *t, int nt, int i, int month_first, int max_year, dc_date *d)
{
    if (i + 4 >= nt || t[i].type != TK_NUM || t[i + 2].type != TK_NUM || t[i + 4].type != TK_NUM)
        return -1;
    char sep = t[i + 1].punct;
    if (t[i + 1].type != TK_PUNCT || !is_punct(&t[i + 3], sep) || (sep != '-' && sep != '.' && sep != '/'))
        return -1;
    for (int k = i; k < i + 4; k++)
        if (!adjacent(&t[k], &t[k + 1]))
            return -1;
    const tok *a = &t[i], *b = &t[i + 2], *c = &t[i + 4];
    int y, m, day;
    if (a->digits == 4) {
        y = (int)a->val, m = (int)b->val, day = (int)c->val;
    } else if (a->digits <= 2 && b->digits <= 2 && (c->digits == 4 || (c->digits == 2 && sep != '-'))) {
        y = full_year(c);
        int p = (int)a->val, q = (int)b->val;
        int mf = p > 12 ? 0 : q > 12 ? 1 : month_first;
        m = mf ? p : q;
        day = mf ? q : p;
    } else {
        return -1;
    }
    if (!dc_date_valid_ymd(y, m, day, max_year))
        return -1;
    d->year = y, d->month = m, d->day = day;
    return i + 4;
}

/* Words and signs between a day, its month and its year: "19 de junio de
 * 2024", "1er août", "1º de enero", "17-Jan-2012", "Jan. 17th, 2012". */
static int is_filler(const tok *t)
{
    if (t->type == TK_PUNCT)
        return t->punct == '.' || t->punct == ',' || t->punct == '-' || t->punct == '/';
    if (t->type != TK_WORD)
        return 0;
    if (t->filler)
        return 1;
    static const char *const w[] = {"de", "del", "of", "the", "th", "st", "nd", "rd", "er", "e", "im", "o",
                                    "den", "r", "go", "º", "ª", NULL};
    for (int k = 0; w[k]; k++)
        if (!strcmp(t->word, w[k]))
            return 1;
    return 0;
}

static int is_day(const tok *t)
{
    return t->type == TK_NUM && t->digits <= 2 && t->val >= 1 && t->val <= 31;
}

/*
 * The next non-filler token after i within a few steps, or -1.  The month
 * named again in another calendar's words ("17 كانون الثاني (يناير) 2012")
 * is passed over too.
 */
static int skip_fillers(const tok *t, int nt, int i, int dir, int month)
{
    for (int k = 0, j = i + dir; k < 6 && j >= 0 && j < nt; k++, j += dir) {
        int same_month = t[j].type == TK_WORD && t[j].month == month;
        int paren = is_punct(&t[j], '(') || is_punct(&t[j], ')');
        if (!is_filler(&t[j]) && !same_month && !paren)
            return j;
    }
    return -1;
}

/* "19 June 2024", "19. Juni 2024", "June 19th, 2024", "19 de junio de 2024". */
static int month_name_date(const tok *t, int nt, int k, int max_year, dc_date *d, int *start)
{
    int m = t[k].month;
    int before = skip_fillers(t, nt, k, -1, m);
    int after = skip_fillers(t, nt, k, 1, m);
    if (before >= 0 && is_day(&t[before]) && after >= 0 && t[after].type == TK_NUM && t[after].digits == 4) {
        if (dc_date_valid_ymd((int)t[after].val, m, (int)t[before].val, max_year)) {
            d->year = (int)t[after].val, d->month = m, d->day = (int)t[before].val;
            *start = before;
            return after;
        }
    }
    if (after >= 0 && is_day(&t[after])) {
        int y = skip_fillers(t, nt, after, 1, m);
        if (y >= 0 && t[y].type == TK_NUM && t[y].digits == 4 &&
            dc_date_valid_ymd((int)t[y].val, m, (int)t[after].val, max_year)) {
            d->year = (int)t[y].val, d->month = m, d->day = (int)t[after].val;
            *start = k;
            return y;
        }
    }
    /* "2024 June 19" and "2024. június 19." */
    if (before >= 0 && t[before].type == TK_NUM && t[before].digits == 4 && after >= 0 && is_day(&t[after]) &&
        dc_date_valid_ymd((int)t[before].val, m, (int)t[after].val, max_year)) {
        d->year = (int)t[before].val, d->month = m, d->day = (int)t[after].val;
        *start = before;
        return after;
    }
    return -1;
}

/* 2012年1月17日, 2012년 1월 17일 (two-digit years too: 12年1月17日). */
static int cjk_date(const tok *t, int nt, int i, int max_year, dc_date *d)
{
    if (i + 5 >= nt || !is_punct(&t[i + 1], CJ_YEAR) || t[i + 2].type != TK_NUM || t[i + 2].digits > 2 ||
        !is_punct(&t[i + 3], CJ_MONTH) || t[i + 4].type != TK_NUM || t[i + 4].digits > 2 ||
        !is_punct(&t[i + 5], CJ_DAY))
        return -1;
    int y = full_year(&t[i]);
    if (!dc_date_valid_ymd(y, (int)t[i + 2].val, (int)t[i + 4].val, max_year))
        return -1;
    d->year = y, d->month = (int)t[i + 2].val, d->day = (int)t[i + 4].val;
    return i + 5;
}

/* ------------------------------------------------------------ time, zone */

static int parse_zone(const tok *t, int nt, int i, dc_date *d)
{
    if (i >= nt)
        return i;
    if (t[i].type == TK_WORD && t[i].zone) {
        d->has_zone = 1;
        d->zone_min = t[i].zone - 10000;
        i++;
        /* "GMT+2", "UTC+05:30": the offset follows the name. */
        if (d->zone_min != 0 || i >= nt || !(is_punct(&t[i], '+') || is_punct(&t[i], '-')))
            return i;
    }
    if (i + 1 < nt && (is_punct(&t[i], '+') || is_punct(&t[i], '-')) && t[i + 1].type == TK_NUM &&
        adjacent(&t[i], &t[i + 1])) {
        int sign = t[i].punct == '-' ? -1 : 1;
        long h = t[i + 1].val, m = 0;
        int next = i + 2;
        if (t[i + 1].digits == 4) {
            h = t[i + 1].val / 100, m = t[i + 1].val % 100;
        } else if (t[i + 1].digits > 2) {
            return i;
        } else if (next + 1 < nt && is_punct(&t[next], ':') && t[next + 1].type == TK_NUM) {
            m = t[next + 1].val;
            next += 2;
        }
        if (h > 14 || m > 59)
            return i;
        d->has_zone = 1;
        d->zone_min = sign * (int)(h * 60 + m);
        return next;
    }
    return i;
}

/* "a.m." arrives as a . m ., the Greek "μ.μ." as μ . μ . */
static int dotted_ampm(const char *a, const char *m)
{
    if (!strcmp(m, "m"))
        return !strcmp(a, "a") ? 1 : !strcmp(a, "p") ? 2 : 0;
    if (!strcmp(m, "μ"))
        return !strcmp(a, "π") ? 1 : !strcmp(a, "μ") ? 2 : 0;
    return 0;
}

static int parse_ampm(const tok *t, int nt, int i, int *ampm)
{
    if (i < nt && t[i].type == TK_WORD && t[i].ampm) {
        *ampm = t[i].ampm;
        return i + 1;
    }
    if (i + 2 < nt && t[i].type == TK_WORD && is_punct(&t[i + 1], '.') && t[i + 2].type == TK_WORD) {
        int v = dotted_ampm(t[i].word, t[i + 2].word);
        if (v) {
            *ampm = v;
            return i + (i + 3 < nt && is_punct(&t[i + 3], '.') ? 4 : 3);
        }
    }
    return i;
}

/*
 * HH:MM[:SS[.fff]] [am|pm] [zone], the French 17h05, or with CJK signs
 * 17時21分[05秒] and 17点21; at token i.  Returns the token after it, or 0.  Chinese, Japanese and Korean say
 * morning or afternoon before the time ("下午3:21", "오후 3:21").
 */
static int parse_time_at(const tok *t, int nt, int i, dc_date *d)
{
    if (i + 2 >= nt || t[i].type != TK_NUM || t[i].digits > 2 || t[i + 2].type != TK_NUM)
        return 0;
    int colon = is_punct(&t[i + 1], ':');
    int french = t[i + 1].type == TK_WORD && !strcmp(t[i + 1].word, "h");
    int cjk = is_punct(&t[i + 1], CJ_HOUR);
    if (!(colon || french) || t[i + 2].digits != 2) {
        /* 17時5分: one digit is enough where the minute sign follows */
        int signed_min = i + 3 < nt && is_punct(&t[i + 3], CJ_MIN);
        if (!cjk || t[i + 2].digits > 2 || (t[i + 2].digits != 2 && !signed_min))
            return 0;
    }
    long h = t[i].val, mi = t[i + 2].val, s = 0;
    int j = i + 3;
    if (colon && j + 1 < nt && is_punct(&t[j], ':') && t[j + 1].type == TK_NUM && t[j + 1].digits == 2) {
        s = t[j + 1].val;
        j += 2;
        if (j + 1 < nt && (is_punct(&t[j], '.') || is_punct(&t[j], ',')) && t[j + 1].type == TK_NUM &&
            adjacent(&t[j], &t[j + 1]))
            j += 2;
    }
    if (cjk && j < nt && is_punct(&t[j], CJ_MIN)) {
        j++;
        if (j + 1 < nt && t[j].type == TK_NUM && t[j].digits <= 2 && is_punct(&t[j + 1], CJ_SEC))
            s = t[j].val, j += 2;
    }
    int ampm = i > 0 && t[i - 1].type == TK_WORD && (unsigned char)t[i - 1].word[0] >= 0x80 ? t[i - 1].ampm : 0;
    j = parse_ampm(t, nt, j, &ampm);
    if (ampm) {
        if (h < 1 || h > 12)
            return 0;
        h = h % 12 + (ampm == 2 ? 12 : 0);
    }
    if (h > 23 || mi > 59 || s > 59)
        return 0;
    d->has_time = 1;
    d->hour = (int)h, d->minute = (int)mi, d->second = (int)s;
    /* "Uhr" and "o'clock" words sit between the time and a zone. */
    if (j < nt && t[j].type == TK_WORD && !t[j].zone && !strcmp(t[j].word, "uhr"))
        j++;
    return parse_zone(t, nt, j, d);
}

/* The time usually follows the date ("T17:05", ", 17:05"), sometimes
 * precedes it; returns the token after the time when it follows, else
 * after the date. */
static int find_time(const tok *t, int nt, int date_start, int date_end, dc_date *d)
{
    for (int i = date_end + 1; i < nt && i <= date_end + 6; i++) {
        int e = parse_time_at(t, nt, i, d);
        if (e)
            return e;
    }
    for (int i = date_start - 1; i >= 0 && i >= date_start - 6; i--)
        if (parse_time_at(t, nt, i, d))
            break;
    return date_end + 1;
}

/*
 * Could s[0..n) hold one of digit_value()'s digits?  Every date form needs a
 * number (a day, a year), so text without one is no date.  Most strings the
 * metadata phase asks about (text nodes near the headline, byline parts)
 * have none, and tokenizing them costs a month lookup per word.  The
 * multi-byte digits are matched by their UTF-8 bytes: a lead byte never
 * stands inside another sequence, so the tokenizer would read them there.
 */
static int may_hold_digit(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (c - '0' < 10)
            return 1;
        if (c < 0xD9)
            continue;
        if (c == 0xD9 && i + 1 < n && s[i + 1] >= 0xA0 && s[i + 1] <= 0xA9)
            return 1; /* U+0660..U+0669 */
        if (c == 0xDB && i + 1 < n && s[i + 1] >= 0xB0 && s[i + 1] <= 0xB9)
            return 1; /* U+06F0..U+06F9 */
        if (c == 0xEF && i + 2 < n && s[i + 1] == 0xBC && s[i + 2] >= 0x90 && s[i + 2] <= 0x99)
            return 1; /* U+FF10..U+FF19 */
    }
    return 0;
}

int dc_date_find(const char *s, size_t n, int month_first, int max_year, dc_date *out, size_t *at,
                 size_t *end_at)
{
    if (!s || n == 0 || !may_hold_digit((const unsigned char *)s, n))
        return 0;
    tok t[MAX_TOKS];
    int nt = tokenize(s, n, t);
    for (int i = 0; i < nt; i++) {
        dc_date d;
        memset(&d, 0, sizeof d);
        int start = i, end = -1;
        if (t[i].type == TK_NUM) {
            end = numeric_date(t, nt, i, month_first, max_year, &d);
            if (end < 0)
                end = cjk_date(t, nt, i, max_year, &d);
        }
        if (end < 0 && t[i].type == TK_NUM && t[i].digits == 8 && nt <= 3) {
            int y = (int)(t[i].val / 10000), m = (int)(t[i].val / 100 % 100), dd = (int)(t[i].val % 100);
            if (dc_date_valid_ymd(y, m, dd, max_year))
                d.year = y, d.month = m, d.day = dd, end = i;
        }
        if (end < 0 && t[i].type == TK_WORD && t[i].month)
            end = month_name_date(t, nt, i, max_year, &d, &start);
        if (end < 0)
            continue;
        int after = find_time(t, nt, start, end, &d);
        *out = d;
        if (at)
            *at = t[start].at;
        if (end_at)
            *end_at = t[after - 1].end;
        return 1;
    }
    return 0;
}

int dc_date_parse(const char *s, size_t n, int month_first, int max_year, dc_date *out)
{
    return dc_date_find(s, n, month_first, max_year, out, NULL, NULL);
}
