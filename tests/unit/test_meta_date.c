/* test_meta_date.c — the date parser on its own (lib/meta_date.c). */
#include "meta_date.h"
#include "test.h"

/* Parses s and formats it, or returns "none". */
static const char *iso(const char *s, int month_first)
{
    static char buf[40];
    dc_date d;
    if (!dc_date_parse(s, strlen(s), month_first, 2030, &d))
        return "none";
    dc_date_format(&d, buf, sizeof buf);
    return buf;
}

TEST(meta_date_iso)
{
    CHECK_STR(iso("2024-06-19T17:05:00+02:00", 0), "2024-06-19T17:05:00+02:00");
    CHECK_STR(iso("2024-06-19 17:05", 0), "2024-06-19T17:05:00");
    CHECK_STR(iso("2024-06-19T15:05:00Z", 0), "2024-06-19T15:05:00+00:00");
    CHECK_STR(iso("2024-06-19T17:05:00.000+0200", 0), "2024-06-19T17:05:00+02:00");
    CHECK_STR(iso("2024-06-19", 0), "2024-06-19");
    CHECK_STR(iso("20240619", 0), "2024-06-19");
}

TEST(meta_date_rfc2822)
{
    CHECK_STR(iso("Wed, 19 Jun 2024 17:05:00 +0200", 0), "2024-06-19T17:05:00+02:00");
    CHECK_STR(iso("Wed, 19 Jun 2024 17:05:00 GMT", 0), "2024-06-19T17:05:00+00:00");
}

TEST(meta_date_english)
{
    CHECK_STR(iso("June 19, 2024 5:05 PM EDT", 1), "2024-06-19T17:05:00-04:00");
    CHECK_STR(iso("Posted on June 19th, 2024", 1), "2024-06-19");
    CHECK_STR(iso("1st March 2023", 0), "2023-03-01");
    CHECK_STR(iso("Sept. 5, 2023 at 9:30 a.m. PST", 1), "2023-09-05T09:30:00-08:00");
    CHECK_STR(iso("Dec 12, 2025", 1), "2025-12-12");
}

TEST(meta_date_italian)
{
    CHECK_STR(iso("19 Giugno 2024 17:05", 0), "2024-06-19T17:05:00");
    CHECK_STR(iso("mercoledì 19 giugno 2024", 0), "2024-06-19");
}

TEST(meta_date_french)
{
    CHECK_STR(iso("19 juin 2024 à 17h05", 0), "2024-06-19T17:05:00");
    CHECK_STR(iso("Publié le 3 février 2023", 0), "2023-02-03");
    CHECK_STR(iso("1er août 2022", 0), "2022-08-01");
}

TEST(meta_date_german)
{
    CHECK_STR(iso("19. Juni 2024, 17:05 Uhr", 0), "2024-06-19T17:05:00");
    CHECK_STR(iso("Mittwoch, 6. März 2024", 0), "2024-03-06");
}

TEST(meta_date_spanish_portuguese)
{
    CHECK_STR(iso("19 de junio de 2024", 0), "2024-06-19");
    CHECK_STR(iso("19 de março de 2024", 0), "2024-03-19");
}

TEST(meta_date_dutch_swedish)
{
    CHECK_STR(iso("19 mei 2024", 0), "2024-05-19");
    CHECK_STR(iso("19 maj 2024", 0), "2024-05-19");
    CHECK_STR(iso("3 oktober 2021", 0), "2021-10-03");
}

TEST(meta_date_russian_polish)
{
    CHECK_STR(iso("19 июня 2024", 0), "2024-06-19");
    CHECK_STR(iso("19 Июня 2024 г.", 0), "2024-06-19");
    CHECK_STR(iso("19 czerwca 2024", 0), "2024-06-19");
}

TEST(meta_date_numeric)
{
    CHECK_STR(iso("19.06.2024", 0), "2024-06-19");
    CHECK_STR(iso("19/06/2024", 1), "2024-06-19"); /* 19 cannot be a month */
    CHECK_STR(iso("06/19/2024", 0), "2024-06-19");
    CHECK_STR(iso("05/06/2024", 1), "2024-05-06");
    CHECK_STR(iso("05/06/2024", 0), "2024-06-05");
    CHECK_STR(iso("19.06.24", 0), "2024-06-19");
}

TEST(meta_date_rejects)
{
    CHECK_STR(iso("2024-13-01", 0), "none");
    CHECK_STR(iso("32 June 2024", 0), "none");
    CHECK_STR(iso("1985-06-19", 0), "none");
    CHECK_STR(iso("2099-06-19", 0), "none");
    CHECK_STR(iso("3 days ago", 0), "none");
    CHECK_STR(iso("2023-02-29", 0), "none");
    CHECK_STR(iso("", 0), "none");
    CHECK_STR(iso("juillet", 0), "none");
    /* A run of 256 zeros and "2024" is one long number, not the year 2024
     * (the digit count once wrapped round, and the value overflowed). */
    char run[300];
    memset(run, '0', 256);
    strcpy(run + 256, "2024-06-19");
    CHECK_STR(iso(run, 0), "none");
}

TEST(meta_date_url)
{
    dc_date d;
    CHECK(dc_date_from_url("https://x.com/2024/06/19/story", 2030, &d) && d.day == 19 && d.month == 6);
    CHECK(dc_date_from_url("https://x.com/news/2024-06-19-story", 2030, &d) && d.year == 2024);
    CHECK(dc_date_from_url("https://x.com/a/20240619/story", 2030, &d) && d.day == 19);
    CHECK(!dc_date_from_url("https://x.com/a/story-12345", 2030, &d));
}
