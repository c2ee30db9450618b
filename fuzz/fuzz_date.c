/*
 * fuzz_date.c — the multilingual date parser and the URL date reader.  The
 * first byte picks month-first order; any date found must be a real
 * calendar date that formats into the documented 32 bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "meta_date.h"

static void check(const dc_date *d, int max_year)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d->year < 1990 || d->year > max_year || d->month < 1 || d->month > 12 || d->day < 1 ||
        d->day > mdays[d->month - 1])
        abort();
    if (d->has_time && (d->hour < 0 || d->hour > 23 || d->minute < 0 || d->minute > 59 ||
                        d->second < 0 || d->second > 60))
        abort();
    if (d->has_zone && (d->zone_min < -24 * 60 || d->zone_min > 24 * 60))
        abort();
    char buf[32];
    memset(buf, 'x', sizeof buf);
    size_t n = dc_date_format(d, buf, sizeof buf);
    if (n >= sizeof buf || buf[n] != '\0' || strlen(buf) != n)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const int max_year = 2035;
    dc_date d;
    /* an exact-size copy, so that reads past the end are caught */
    char *s = malloc(size - 1 ? size - 1 : 1);
    if (!s)
        return 0;
    memcpy(s, data + 1, size - 1);
    if (dc_date_parse(s, size - 1, data[0] & 1, max_year, &d))
        check(&d, max_year);
    free(s);
    /* the URL reader takes a C string */
    char *url = malloc(size);
    if (!url)
        return 0;
    memcpy(url, data + 1, size - 1);
    url[size - 1] = '\0';
    if (dc_date_from_url(url, max_year, &d))
        check(&d, max_year);
    free(url);
    return 0;
}
