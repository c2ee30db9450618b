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
 * 06/19/2024) or with a month name in it, en, de, fr, es, pt, nl, ru, pl, sv.
 * `month_first` settles 05/06/2024 (1 for en-US pages).  Years outside
 * 1990..max_year are refused.  Returns 1 and fills *out, or 0.
 */
int dc_date_parse(const char *s, size_t n, int month_first, int max_year, dc_date *out);

/* A date in a URL path: /2024/06/19/, /2024-06-19, /20240619.  1 or 0. */
int dc_date_from_url(const char *url, int max_year, dc_date *out);

/* Writes "2024-06-19", "2024-06-19T17:05:00" or "...+02:00"; buf >= 32. */
size_t dc_date_format(const dc_date *d, char *buf, size_t cap);

#endif
