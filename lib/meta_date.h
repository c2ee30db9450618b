/*
 * meta_date.h — dates as pages write them, turned into ISO 8601.
 *
 * Kept apart from meta.c because it is the part with the most cases and it
 * is tested on its own (tests/unit/test_meta_date.c).
 */
#ifndef DC_META_DATE_H
#define DC_META_DATE_H

#include <stddef.h>

typedef struct dc_date {
    int year, month, day;
    int hour, minute, second; /* meaningful only when has_time */
    int has_time, has_zone;
    int zone_min;             /* offset east of UTC, minutes  */
} dc_date;

/*
 * Finds the first date in s[0..n): ISO 8601, RFC 2822, numeric (19.06.2024,
 * 06/19/2024, with ASCII, full-width or Arabic-Indic digits), CJK
 * (2012年1月17日 17時21分, 2012년 1월 17일) or with a month name in it, in
 * en, de, fr, es, it, pt, nl, sv, ru, uk, pl, tr, el or ar (nominative,
 * genitive and abbreviated forms; meta_date_lang.c), with the time and
 * zone that follow or precede it.  `month_first` settles 05/06/2024 (1 for
 * en-US pages).  Years outside 1990..max_year are refused.  Returns 1 and
 * fills *out, or 0.
 */
int dc_date_parse(const char *s, size_t n, int month_first, int max_year, dc_date *out);

/* The same; *at and *end_at (when not NULL) get the byte offsets where the
 * date starts and where it ends, with the time that follows it. */
int dc_date_find(const char *s, size_t n, int month_first, int max_year, dc_date *out, size_t *at,
                 size_t *end_at);

/*
 * A word as the language tables store it, into out (cap bytes with the
 * NUL): lower case; Latin and Greek without accents; Cyrillic ё as е;
 * Arabic alef forms as bare alef, ta marbuta as ha, no vowel signs; final
 * sigma as sigma.  Returns the length, or 0 when it does not fit.
 */
size_t dc_date_fold(const char *s, size_t n, char *out, size_t cap);

/* ---- the language tables (meta_date_lang.c); words as dc_date_fold leaves them ---- */

/* 1..12 for a month's name or abbreviation; 0 else (101, 102: see meta_date_lang.c). */
int dc_lang_month(const char *folded, size_t n);
/* The month a two-word Arabic name makes with its second word, or 0. */
int dc_lang_month_pair(int first, const char *folded, size_t n);
/* 1 for a weekday's name in any of the languages (Tuesday, Dienstag, вторник...). */
int dc_lang_weekday(const char *folded, size_t n);
/* 1 for a word saying morning (am, 上午, π.μ. as "πμ"), 2 afternoon; 0 else. */
int dc_lang_ampm(const char *folded, size_t n);
/* For the tests: the first table entry that is not in folded form, or NULL. */
const char *dc_lang_unfolded(void);

/* Days in month m (1..12) of year y, Gregorian. */
static inline int dc_date_days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

/* 1 when y-m-d is a real day in 1990..max_year: the parser's and the URL
 * reader's test. */
static inline int dc_date_valid_ymd(int y, int m, int d, int max_year)
{
    return y >= 1990 && y <= max_year && m >= 1 && m <= 12 && d >= 1 &&
           d <= dc_date_days_in_month(y, m);
}

/* Minutes since 1970-01-01T00:00 UTC: the instant when d has a time and a
 * zone, else its wall-clock reading (midnight when it has no time). */
long dc_date_minutes(const dc_date *d);

/* The instant d (which must have a time and a zone) as read in the zone
 * zone_min minutes east of UTC, seconds kept.  1, or 0 when d has no instant. */
int dc_date_to_zone(const dc_date *d, int zone_min, dc_date *out);

/* A date in a URL path: /2024/06/19/, /2024-06-19, /20240619.  1 or 0. */
int dc_date_from_url(const char *url, int max_year, dc_date *out);

/* Writes "2024-06-19", "2024-06-19T17:05:00" or "...+02:00"; buf >= 32. */
size_t dc_date_format(const dc_date *d, char *buf, size_t cap);

#endif
