/*
 * meta_date_calendar.c — what the date parser's results are worked with:
 * instants and zones (days from a civil date and back), dates in URL paths,
 * and the ISO 8601 form written out.  The parser itself is meta_date.c.
 */
#include <stdio.h>
#include <string.h>

#include "meta_date.h"
#include "text.h"

/* ------------------------------------------------------------ zones */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

long dc_date_minutes(const dc_date *d)
{
    long t = days_from_civil(d->year, d->month, d->day) * 1440;
    if (d->has_time)
        t += d->hour * 60 + d->minute;
    if (d->has_zone)
        t -= d->zone_min;
    return t;
}

int dc_date_to_zone(const dc_date *d, int zone_min, dc_date *out)
{
    if (!d->has_time || !d->has_zone || zone_min < -24 * 60 || zone_min > 24 * 60)
        return 0;
    long t = dc_date_minutes(d) + zone_min;
    long days = t >= 0 ? t / 1440 : -((-t + 1439) / 1440);
    long rest = t - days * 1440;
    *out = *d;
    civil_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (int)(rest / 60), out->minute = (int)(rest % 60);
    out->zone_min = zone_min;
    return 1;
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
    if (!dc_date_valid_ymd(y, m, d, max_year))
        return 0;
    memset(out, 0, sizeof *out);
    out->year = y, out->month = m, out->day = d;
    return 1;
}

/*
 * A canonical URL sometimes comes percent-encoded whole
 * ("https://blog.example.fr%2Farticles%2F2025-12-15%2BRust"): its path's
 * slashes and dashes are read as such, into buf.
 */
static const char *unescape_path(const char *url, char *buf, size_t cap)
{
    size_t o = 0;
    for (const char *p = url; *p && o + 1 < cap; p++) {
        char c = *p;
        if (c == '%' && p[1] && p[2]) {
            char hex[3] = {p[1], p[2], 0};
            if (dc_eq_ci(hex, 2, "2f", 2))
                c = '/', p += 2;
            else if (dc_eq_ci(hex, 2, "2d", 2))
                c = '-', p += 2;
            else if (dc_eq_ci(hex, 2, "5f", 2))
                c = '_', p += 2;
        }
        buf[o++] = c;
    }
    buf[o] = '\0';
    return buf;
}

int dc_date_from_url(const char *url, int max_year, dc_date *out)
{
    if (!url)
        return 0;
    char buf[1024];
    if (strstr(url, "%2") || strstr(url, "%5"))
        url = unescape_path(url, buf, sizeof buf);
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
