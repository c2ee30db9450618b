/*
 * meta_date.c — the date parser behind every date field.
 *
 * The string is cut into tokens (numbers, words, punctuation) first, so that
 * each format is a short pattern over tokens rather than a character-level
 * state machine per language.  Words we do not know (weekdays, "de", "Uhr",
 * "à") are ignored, which is what makes one parser serve many languages.
 */
#include "meta_date.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

enum { TK_NUM, TK_WORD, TK_PUNCT };

typedef struct tok {
    unsigned char type;
    char punct;     /* TK_PUNCT: the character                       */
    unsigned char digits; /* TK_NUM: how many digits               */
    int month;      /* TK_WORD: 1..12 when a month name             */
    int zone;       /* TK_WORD: zone offset + 10000 when a zone, else 0 */
    int ampm;       /* TK_WORD: 1 am, 2 pm                           */
    long val;       /* TK_NUM                                        */
    size_t at, end; /* byte range in the input                       */
    char word[24];  /* TK_WORD: folded to lower case, maybe cut      */
} tok;

#define MAX_TOKS 48

/* ------------------------------------------------------------ month names */

static const struct {
    const char *name;
    int month;
} months[] = {
    /* en */
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12},
    /* it */
    {"gennaio", 1}, {"febbraio", 2}, {"marzo", 3}, {"aprile", 4}, {"maggio", 5},
    {"giugno", 6}, {"luglio", 7}, {"agosto", 8}, {"settembre", 9}, {"ottobre", 10},
    {"novembre", 11}, {"dicembre", 12},
    /* de */
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"mai", 5}, {"juni", 6},
    {"juli", 7}, {"oktober", 10}, {"dezember", 12},
    /* fr */
    {"janvier", 1}, {"février", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6},
    {"juillet", 7}, {"août", 8}, {"septembre", 9}, {"octobre", 10}, {"décembre", 12},
    /* es */
    {"enero", 1}, {"febrero", 2}, {"abril", 4}, {"mayo", 5}, {"junio", 6}, {"julio", 7},
    {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11},
    {"diciembre", 12},
    /* pt */
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5}, {"junho", 6},
    {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12},
    /* nl */
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
    /* sv */
    {"maj", 5}, {"augusti", 8},
    /* ru: nominative and genitive */
    {"январь", 1}, {"февраль", 2}, {"март", 3}, {"апрель", 4}, {"май", 5},
    {"июнь", 6}, {"июль", 7}, {"август", 8}, {"сентябрь", 9}, {"октябрь", 10},
    {"ноябрь", 11}, {"декабрь", 12},
    {"января", 1}, {"февраля", 2}, {"марта", 3}, {"апреля", 4}, {"мая", 5},
    {"июня", 6}, {"июля", 7}, {"августа", 8}, {"сентября", 9}, {"октября", 10},
    {"ноября", 11}, {"декабря", 12},
    /* pl: nominative and genitive */
    {"styczeń", 1}, {"luty", 2}, {"marzec", 3}, {"kwiecień", 4}, {"czerwiec", 6},
    {"lipiec", 7}, {"sierpień", 8}, {"wrzesień", 9}, {"październik", 10},
    {"listopad", 11}, {"grudzień", 12},
    {"stycznia", 1}, {"lutego", 2}, {"marca", 3}, {"kwietnia", 4}, {"maja", 5},
    {"czerwca", 6}, {"lipca", 7}, {"sierpnia", 8}, {"września", 9},
    {"października", 10}, {"listopada", 11}, {"grudnia", 12},
};

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/*
 * A full name matches exactly; an abbreviation ("Sept", "févr", "июн") of at
 * least three characters matches when every name it starts agrees on the
 * month, so "jui" (juin/juillet) is refused rather than guessed.
 */
static int month_lookup(const char *w, size_t n)
{
    int found = 0;
    /* Every word of every date candidate comes here: the first byte
     * rules out most of the table before any length or memcmp. */
    for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
        if (months[k].name[0] != w[0])
            continue;
        size_t ln = strlen(months[k].name);
        if (ln == n && memcmp(months[k].name, w, n) == 0)
            return months[k].month;
    }
    if (utf8_chars(w, n) < 3)
        return 0;
    for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
        if (months[k].name[0] != w[0])
            continue;
        size_t ln = strlen(months[k].name);
        if (ln > n && memcmp(months[k].name, w, n) == 0) {
            if (found && found != months[k].month)
                return 0;
            found = months[k].month;
        }
    }
    return found;
}

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
    {"nzdt", 780}, {"et", -300},    {"pt", -480},
};

static int zone_lookup(const char *w)
{
    for (size_t k = 0; k < sizeof zones / sizeof zones[0]; k++)
        if (zones[k].name[0] == w[0] && strcmp(zones[k].name, w) == 0)
            return zones[k].minutes + 10000;
    return 0;
}

/* ------------------------------------------------------------- tokenizer */

/*
 * Lower-cases one UTF-8 character into out: ASCII, Latin-1 capitals and the
 * basic Cyrillic block, which covers every month name in the table.
 */
static size_t fold_char(const unsigned char *s, size_t n, char *out)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        out[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return 1;
    }
    if (n < 2) {
        out[0] = (char)c;
        return 1;
    }
    unsigned char d = s[1];
    if (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97) {
        out[0] = (char)c, out[1] = (char)(d + 0x20);
    } else if (c == 0xD0 && d >= 0x90 && d <= 0x9F) {
        out[0] = (char)0xD0, out[1] = (char)(d + 0x20);
    } else if (c == 0xD0 && d >= 0xA0 && d <= 0xAF) {
        out[0] = (char)0xD1, out[1] = (char)(d - 0x20);
    } else if (c == 0xD0 && d >= 0x80 && d <= 0x8F) {
        out[0] = (char)0xD1, out[1] = (char)(d + 0x10);
    } else {
        out[0] = (char)c, out[1] = (char)d;
    }
    return 2;
}

static int is_alpha_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Non-breaking space, and the typographic spaces and dashes, end words. */
static size_t unicode_break(const unsigned char *s, size_t n)
{
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8F || s[2] == 0x93 || s[2] == 0x94 || s[2] == 0xAF))
        return 3;
    return 0;
}

static void finish_word(tok *t, const char *s)
{
    size_t n = t->end - t->at, o = 0;
    const unsigned char *p = (const unsigned char *)s + t->at;
    for (size_t i = 0; i < n && o + 2 < sizeof t->word;) {
        size_t k = fold_char(p + i, n - i, t->word + o);
        i += k;
        o += k;
    }
    t->word[o] = '\0';
    t->month = month_lookup(t->word, o);
    t->zone = t->month ? 0 : zone_lookup(t->word);
    t->ampm = !strcmp(t->word, "am") ? 1 : !strcmp(t->word, "pm") ? 2 : 0;
}

static int tokenize(const char *s, size_t n, tok *t)
{
    const unsigned char *u = (const unsigned char *)s;
    int nt = 0;
    size_t i = 0;
    while (i < n && nt < MAX_TOKS) {
        size_t brk = unicode_break(u + i, n - i);
        if (brk || u[i] <= ' ') {
            i += brk ? brk : 1;
            continue;
        }
        tok *k = &t[nt++];
        memset(k, 0, sizeof *k);
        k->at = i;
        if (u[i] >= '0' && u[i] <= '9') {
            k->type = TK_NUM;
            while (i < n && u[i] >= '0' && u[i] <= '9') {
                if (k->digits < 9)
                    k->val = k->val * 10 + (u[i] - '0');
                /* saturates: a 256-digit run must not read as a short number */
                k->digits += k->digits < UCHAR_MAX;
                i++;
            }
        } else if (is_alpha_byte(u[i])) {
            k->type = TK_WORD;
            while (i < n && is_alpha_byte(u[i]) && !unicode_break(u + i, n - i))
                i++;
        } else {
            k->type = TK_PUNCT;
            k->punct = (char)u[i++];
        }
        k->end = i;
        if (k->type == TK_WORD)
            finish_word(k, s);
    }
    return nt;
}

/* ------------------------------------------------------------ validation */

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static int valid_ymd(int y, int m, int d, int max_year)
{
    return y >= 1990 && y <= max_year && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

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
    if (!valid_ymd(y, m, day, max_year))
        return -1;
    d->year = y, d->month = m, d->day = day;
    return i + 4;
}

static int is_filler(const tok *t)
{
    if (t->type == TK_PUNCT)
        return t->punct == '.' || t->punct == ',';
    if (t->type != TK_WORD)
        return 0;
    static const char *const w[] = {"de", "del", "of", "the", "th", "st", "nd", "rd", "er", "e", "im", "o", "den", "r", "go", NULL};
    for (int k = 0; w[k]; k++)
        if (!strcmp(t->word, w[k]))
            return 1;
    return 0;
}

static int is_day(const tok *t)
{
    return t->type == TK_NUM && t->digits <= 2 && t->val >= 1 && t->val <= 31;
}

/* The next non-filler token after i within a few steps, or -1. */
static int skip_fillers(const tok *t, int nt, int i, int dir)
{
    for (int k = 0, j = i + dir; k < 4 && j >= 0 && j < nt; k++, j += dir)
        if (!is_filler(&t[j]))
            return j;
    return -1;
}

/* "19 June 2024", "19. Juni 2024", "June 19th, 2024", "19 de junio de 2024". */
static int month_name_date(const tok *t, int nt, int k, int max_year, dc_date *d, int *start)
{
    int before = skip_fillers(t, nt, k, -1);
    int after = skip_fillers(t, nt, k, 1);
    if (before >= 0 && is_day(&t[before]) && after >= 0 && t[after].type == TK_NUM && t[after].digits == 4) {
        if (valid_ymd((int)t[after].val, t[k].month, (int)t[before].val, max_year)) {
            d->year = (int)t[after].val, d->month = t[k].month, d->day = (int)t[before].val;
            *start = before;
            return after;
        }
    }
    if (after >= 0 && is_day(&t[after])) {
        int y = skip_fillers(t, nt, after, 1);
        if (y >= 0 && t[y].type == TK_NUM && t[y].digits == 4 &&
            valid_ymd((int)t[y].val, t[k].month, (int)t[after].val, max_year)) {
            d->year = (int)t[y].val, d->month = t[k].month, d->day = (int)t[after].val;
            *start = k;
            return y;
        }
    }
    /* "2024 June 19" and "2024. június 19." */
    if (before >= 0 && t[before].type == TK_NUM && t[before].digits == 4 && after >= 0 && is_day(&t[after]) &&
        valid_ymd((int)t[before].val, t[k].month, (int)t[after].val, max_year)) {
        d->year = (int)t[before].val, d->month = t[k].month, d->day = (int)t[after].val;
        *start = before;
        return after;
    }
    return -1;
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

/* "a.m." arrives as a . m . */
static int parse_ampm(const tok *t, int nt, int i, int *ampm)
{
    if (i < nt && t[i].type == TK_WORD && t[i].ampm) {
        *ampm = t[i].ampm;
        return i + 1;
    }
    if (i + 2 < nt && t[i].type == TK_WORD && (!strcmp(t[i].word, "a") || !strcmp(t[i].word, "p")) &&
        is_punct(&t[i + 1], '.') && t[i + 2].type == TK_WORD && !strcmp(t[i + 2].word, "m")) {
        *ampm = t[i].word[0] == 'a' ? 1 : 2;
        return i + (i + 3 < nt && is_punct(&t[i + 3], '.') ? 4 : 3);
    }
    return i;
}

/* HH:MM[:SS[.fff]] [am|pm] [zone], or the French 17h05; at token i. */
static int parse_time_at(const tok *t, int nt, int i, dc_date *d)
{
    if (i + 2 >= nt || t[i].type != TK_NUM || t[i].digits > 2 || t[i + 2].type != TK_NUM || t[i + 2].digits != 2)
        return 0;
    int colon = is_punct(&t[i + 1], ':');
    int french = t[i + 1].type == TK_WORD && !strcmp(t[i + 1].word, "h");
    if (!colon && !french)
        return 0;
    long h = t[i].val, mi = t[i + 2].val, s = 0;
    int j = i + 3;
    if (colon && j + 1 < nt && is_punct(&t[j], ':') && t[j + 1].type == TK_NUM && t[j + 1].digits == 2) {
        s = t[j + 1].val;
        j += 2;
        if (j + 1 < nt && (is_punct(&t[j], '.') || is_punct(&t[j], ',')) && t[j + 1].type == TK_NUM &&
            adjacent(&t[j], &t[j + 1]))
            j += 2;
    }
    int ampm = 0;
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
    parse_zone(t, nt, j, d);
    return 1;
}

/* The time usually follows the date ("T17:05", ", 17:05"), sometimes precedes it. */
static void find_time(const tok *t, int nt, int date_start, int date_end, dc_date *d)
{
    for (int i = date_end + 1; i < nt && i <= date_end + 6; i++)
        if (parse_time_at(t, nt, i, d))
            return;
    for (int i = date_start - 1; i >= 0 && i >= date_start - 6; i--)
        if (parse_time_at(t, nt, i, d))
            return;
}

int dc_date_parse(const char *s, size_t n, int month_first, int max_year, dc_date *out)
{
    if (!s || n == 0)
        return 0;
    tok t[MAX_TOKS];
    int nt = tokenize(s, n, t);
    for (int i = 0; i < nt; i++) {
        dc_date d;
        memset(&d, 0, sizeof d);
        int start = i, end = -1;
        if (t[i].type == TK_NUM)
            end = numeric_date(t, nt, i, month_first, max_year, &d);
        if (end < 0 && t[i].type == TK_NUM && t[i].digits == 8 && nt <= 3) {
            int y = (int)(t[i].val / 10000), m = (int)(t[i].val / 100 % 100), dd = (int)(t[i].val % 100);
            if (valid_ymd(y, m, dd, max_year))
                d.year = y, d.month = m, d.day = dd, end = i;
        }
        if (end < 0 && t[i].type == TK_WORD && t[i].month)
            end = month_name_date(t, nt, i, max_year, &d, &start);
        if (end < 0)
            continue;
        find_time(t, nt, start, end, &d);
        *out = d;
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ URL dates */

static int digits_at(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int num_at(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int url_date_at(const char *p, int max_year, dc_date *out)
{
    int y = -1, m = -1, d = -1;
    if (digits_at(p, 4) && (p[4] == '/' || p[4] == '-' || p[4] == '_') && digits_at(p + 5, 2) &&
        p[7] == p[4] && digits_at(p + 8, 2) && !(p[10] >= '0' && p[10] <= '9')) {
        y = num_at(p, 4), m = num_at(p + 5, 2), d = num_at(p + 8, 2);
    } else if (digits_at(p, 8) && !(p[8] >= '0' && p[8] <= '9')) {
        y = num_at(p, 4), m = num_at(p + 4, 2), d = num_at(p + 6, 2);
    }
    if (!valid_ymd(y, m, d, max_year))
        return 0;
    memset(out, 0, sizeof *out);
    out->year = y, out->month = m, out->day = d;
    return 1;
}

int dc_date_from_url(const char *url, int max_year, dc_date *out)
{
    if (!url)
        return 0;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    for (; p && *p; p++) {
        if (*p == '?' || *p == '#')
            break;
        if ((*p == '/' || *p == '-' || *p == '_') && url_date_at(p + 1, max_year, out))
            return 1;
    }
    return 0;
}

size_t dc_date_format(const dc_date *d, char *buf, size_t cap)
{
    int n;
    if (!d->has_time) {
        n = snprintf(buf, cap, "%04d-%02d-%02d", d->year, d->month, d->day);
    } else if (!d->has_zone) {
        n = snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d", d->year, d->month, d->day, d->hour,
                     d->minute, d->second);
    } else {
        int z = d->zone_min < 0 ? -d->zone_min : d->zone_min;
        n = snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d->year, d->month, d->day,
                     d->hour, d->minute, d->second, d->zone_min < 0 ? '-' : '+', z / 60, z % 60);
    }
    return n < 0 ? 0 : (size_t)n >= cap ? cap - 1 : (size_t)n;
}
