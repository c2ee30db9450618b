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
    CHECK_STR(iso("mar 17 gen 2012", 0), "2012-01-17"); /* "mar" is Tuesday here */
    CHECK_STR(iso("1º gennaio 2012, ore 9:05", 0), "2012-01-01T09:05:00");
    CHECK_STR(iso("17 set 2012", 0), "2012-09-17");
}

TEST(meta_date_french)
{
    CHECK_STR(iso("19 juin 2024 à 17h05", 0), "2024-06-19T17:05:00");
    CHECK_STR(iso("Publié le 3 février 2023", 0), "2023-02-03");
    CHECK_STR(iso("1er août 2022", 0), "2022-08-01");
    CHECK_STR(iso("mardi 17 janv. 2012", 0), "2012-01-17");
    CHECK_STR(iso("17 fevrier 2012", 0), "2012-02-17"); /* accents dropped */
    CHECK_STR(iso("17 DÉCEMBRE 2012", 0), "2012-12-17");
    CHECK_STR(iso("Le 1er mai 2012 à 9h05", 0), "2012-05-01T09:05:00");
    CHECK_STR(iso("17 jui 2012", 0), "none"); /* juin or juillet */
}

TEST(meta_date_german)
{
    CHECK_STR(iso("19. Juni 2024, 17:05 Uhr", 0), "2024-06-19T17:05:00");
    CHECK_STR(iso("Mittwoch, 6. März 2024", 0), "2024-03-06");
    CHECK_STR(iso("Dienstag, 17. Jänner 2012", 0), "2012-01-17");
    CHECK_STR(iso("7. Nov. 2022", 0), "2022-11-07");
    CHECK_STR(iso("17. Dez. 2012 um 17:21 Uhr", 0), "2012-12-17T17:21:00");
    CHECK_STR(iso("17.01.2012, 17:21 Uhr MEZ", 0), "2012-01-17T17:21:00+01:00");
    CHECK_STR(iso("17. MAERZ 2012", 0), "none");
    CHECK_STR(iso("17. MÄRZ 2012", 0), "2012-03-17");
}

TEST(meta_date_spanish)
{
    CHECK_STR(iso("19 de junio de 2024", 0), "2024-06-19");
    CHECK_STR(iso("martes, 17 de enero de 2012, 17:21", 0), "2012-01-17T17:21:00");
    CHECK_STR(iso("17 ene 2012", 0), "2012-01-17");
    CHECK_STR(iso("1º de enero de 2012", 0), "2012-01-01"); /* ordinal sign */
    CHECK_STR(iso("1ª de abril del 2012", 0), "2012-04-01");
    CHECK_STR(iso("17 de setiembre de 2012", 0), "2012-09-17");
    CHECK_STR(iso("MIÉRCOLES 17 DE DICIEMBRE DE 2014", 0), "2014-12-17");
}

TEST(meta_date_portuguese)
{
    CHECK_STR(iso("19 de março de 2024", 0), "2024-03-19");
    CHECK_STR(iso("terça-feira, 17 de janeiro de 2012", 0), "2012-01-17");
    CHECK_STR(iso("17 de Março de 2012 às 17h21", 0), "2012-03-17T17:21:00");
    CHECK_STR(iso("17 out 2012", 0), "2012-10-17");
    CHECK_STR(iso("17 marco 2012", 0), "2012-03-17");
}

TEST(meta_date_dutch_swedish)
{
    CHECK_STR(iso("19 mei 2024", 0), "2024-05-19");
    CHECK_STR(iso("19 maj 2024", 0), "2024-05-19");
    CHECK_STR(iso("3 oktober 2021", 0), "2021-10-03");
}

TEST(meta_date_russian)
{
    CHECK_STR(iso("19 июня 2024", 0), "2024-06-19");
    CHECK_STR(iso("19 Июня 2024 г.", 0), "2024-06-19");
    CHECK_STR(iso("17 января 2012, 17:21", 0), "2012-01-17T17:21:00");
    CHECK_STR(iso("Вторник, 17 ЯНВАРЯ 2012 г. 17:21", 0), "2012-01-17T17:21:00");
    CHECK_STR(iso("17 янв. 2012", 0), "2012-01-17");
    CHECK_STR(iso("17 сентября 2012 года, 09:05 мск", 0), "2012-09-17T09:05:00+03:00");
    CHECK_STR(iso("Январь 17, 2012", 0), "2012-01-17");
    CHECK_STR(iso("26\xC2\xA0" "ноября\xC2\xA0" "2011,\xC2\xA0" "15:28", 0), "2011-11-26T15:28:00");
}

TEST(meta_date_ukrainian)
{
    CHECK_STR(iso("17 січня 2012", 0), "2012-01-17");
    CHECK_STR(iso("П'ятниця, 17 лютого 2012 р., 17:21", 0), "2012-02-17T17:21:00");
    CHECK_STR(iso("17 листопада 2012", 0), "2012-11-17");
}

TEST(meta_date_polish)
{
    CHECK_STR(iso("19 czerwca 2024", 0), "2024-06-19");
    CHECK_STR(iso("17 stycznia 2012", 0), "2012-01-17");
    CHECK_STR(iso("wtorek, 17 STYCZNIA 2012 r., 17:21", 0), "2012-01-17T17:21:00");
    CHECK_STR(iso("17 października 2012", 0), "2012-10-17");
    CHECK_STR(iso("17 pazdziernika 2012", 0), "2012-10-17"); /* without its accents */
    CHECK_STR(iso("17 wrz 2012", 0), "2012-09-17");
    CHECK_STR(iso("17 lip 2012", 0), "2012-07-17");
}

TEST(meta_date_turkish)
{
    CHECK_STR(iso("17 Ocak 2012 Salı, 17:21", 0), "2012-01-17T17:21:00");
    CHECK_STR(iso("17 ŞUBAT 2012", 0), "2012-02-17");
    CHECK_STR(iso("17 Ağustos 2012", 0), "2012-08-17");
    CHECK_STR(iso("17 Agustos 2012", 0), "2012-08-17");
    CHECK_STR(iso("17 MAYIS 2012", 0), "2012-05-17"); /* dotless I */
    CHECK_STR(iso("17 Eyl 2012", 0), "2012-09-17");
}

TEST(meta_date_greek)
{
    CHECK_STR(iso("17 Ιανουαρίου 2012", 0), "2012-01-17");
    CHECK_STR(iso("ΤΡΙΤΗ 17 ΙΑΝΟΥΑΡΙΟΥ 2012", 0), "2012-01-17");
    CHECK_STR(iso("Ημερομηνία δημοσίευσης: 9 Νοεμβρίου 2011", 0), "2011-11-09");
    CHECK_STR(iso("17 Μαΐου 2012, 5:21 μ.μ.", 0), "2012-05-17T17:21:00");
    CHECK_STR(iso("17 Μαΐου 2012, 5:21 π.μ.", 0), "2012-05-17T05:21:00");
    CHECK_STR(iso("17 Νοε 2012", 0), "2012-11-17");
    CHECK_STR(iso("Τρίτη, 17 Ιανουάριος 2012", 0), "2012-01-17");
    CHECK_STR(iso("17 Δεκέμβρη 2012", 0), "2012-12-17");
    CHECK_STR(iso("17 Ιου 2012", 0), "none"); /* Ιούνιος or Ιούλιος */
}

TEST(meta_date_arabic)
{
    CHECK_STR(iso("١٧ يناير ٢٠١٢", 0), "2012-01-17");
    CHECK_STR(iso("١٧/٠١/٢٠١٢", 0), "2012-01-17");
    CHECK_STR(iso("۱۷ ژانویه ۲۰۱۲ ۱۷/۰۱/۲۰۱۲", 0), "2012-01-17"); /* Persian digits */
    CHECK_STR(iso("الثلاثاء 17 كانون الثاني 2012 - 17:21", 0), "2012-01-17T17:21:00");
    CHECK_STR(iso("17 كانون الأول 2012", 0), "2012-12-17");
    CHECK_STR(iso("17 تشرين الأول 2012", 0), "2012-10-17");
    CHECK_STR(iso("17 تشرين الثاني 2012", 0), "2012-11-17");
    CHECK_STR(iso("17 كانون الثاني (يناير) 2012", 0), "2012-01-17");
    CHECK_STR(iso("17 يناير 2012، 05:21 م", 0), "2012-01-17T17:21:00");
    CHECK_STR(iso("17 أبريل 2012", 0), "2012-04-17");
    CHECK_STR(iso("17 إبريل 2012", 0), "2012-04-17");
    CHECK_STR(iso("17 جانفي 2012", 0), "2012-01-17");
    CHECK_STR(iso("17 آب 2012", 0), "2012-08-17");
    CHECK_STR(iso("17 كانون 2012", 0), "none"); /* which kanun? */
}

TEST(meta_date_chinese)
{
    CHECK_STR(iso("2012年01月17日 17:21", 0), "2012-01-17T17:21:00");
    CHECK_STR(iso("2012年1月17日 下午3:21", 0), "2012-01-17T15:21:00");
    CHECK_STR(iso("２０１２年１月１７日　１７：２１", 0), "2012-01-17T17:21:00"); /* full width */
    CHECK_STR(iso("2012年1月17日17时21分", 0), "2012-01-17T17:21:00");
    CHECK_STR(iso("2012年1月17日 星期二 17點05分", 0), "2012-01-17T17:05:00");
    CHECK_STR(iso("發佈時間：2012-01-17 17:21", 0), "2012-01-17T17:21:00");
    CHECK_STR(iso("2012年01月11日 10:22:11 來源：今日風採雜志", 0), "2012-01-11T10:22:11");
    CHECK_STR(iso("12年1月17日", 0), "2012-01-17");
    CHECK_STR(iso("2012年1月", 0), "none");
    CHECK_STR(iso("2012年13月1日", 0), "none");
    CHECK_STR(iso("5 日本人", 0), "none");
}

TEST(meta_date_japanese_korean)
{
    CHECK_STR(iso("2012年1月17日(火)17時21分", 0), "2012-01-17T17:21:00");
    CHECK_STR(iso("2012年1月17日（火） 午後5時5分", 0), "2012-01-17T17:05:00");
    CHECK_STR(iso("2012年1月17日 17時21分05秒", 0), "2012-01-17T17:21:05");
    CHECK_STR(iso("2012년 1월 17일 오후 3:21", 0), "2012-01-17T15:21:00");
}

TEST(meta_date_english_forms)
{
    CHECK_STR(iso("Tuesday, Jan. 17, 2012", 1), "2012-01-17");
    CHECK_STR(iso("17-Jan-2012", 0), "2012-01-17");
    CHECK_STR(iso("Jan 17th 2012", 1), "2012-01-17");
    CHECK_STR(iso("17th of January, 2012", 0), "2012-01-17");
}

TEST(meta_date_fold)
{
    char buf[64];
    CHECK(dc_date_fold("ΤΡΊΤΗ", strlen("ΤΡΊΤΗ"), buf, sizeof buf) && !strcmp(buf, "τριτη"));
    CHECK(dc_date_fold("Ağustos", strlen("Ağustos"), buf, sizeof buf) && !strcmp(buf, "agustos"));
    CHECK(dc_date_fold("ЁЛКА", strlen("ЁЛКА"), buf, sizeof buf) && !strcmp(buf, "елка"));
    CHECK(dc_date_fold("إبريلُ", strlen("إبريلُ"), buf, sizeof buf) && !strcmp(buf, "ابريل"));
    CHECK(dc_date_fold("Łódź", strlen("Łódź"), buf, sizeof buf) && !strcmp(buf, "lodz"));
    CHECK(dc_date_fold("Δευτέρας", strlen("Δευτέρας"), buf, sizeof buf) && !strcmp(buf, "δευτερασ"));
    CHECK(dc_date_fold("abc", 3, buf, 3) == 0); /* does not fit with its NUL */
    /* a byte that starts no character is kept, not dropped */
    CHECK(dc_date_fold("a\xFF" "b", 3, buf, sizeof buf) == 3 && !memcmp(buf, "a\xFF" "b", 3));
    /* every table word is stored folded, or it could never match */
    CHECK_STR(dc_lang_unfolded(), NULL);
}

TEST(meta_date_weekdays)
{
    static const char *const days[] = {"tuesday", "dienstag", "mardi", "martes", "martedi", "terca-feira",
                                       "вторник", "wtorek", "sali", "τριτη", "الثلاثاء", NULL};
    for (int k = 0; days[k]; k++)
        CHECK(dc_lang_weekday(days[k], strlen(days[k])));
    CHECK(!dc_lang_weekday("walsh", 5));
    CHECK(!dc_lang_weekday("january", 7));
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
    /* a canonical URL percent-encoded whole */
    CHECK(dc_date_from_url("https://blog.x.fr%2Farticles%2F2025-12-15%2BRust%2BGCC", 2030, &d) && d.day == 15 &&
          d.month == 12);
    CHECK(!dc_date_from_url("https://x.com/a%2", 2030, &d));
}

TEST(meta_date_to_zone)
{
    dc_date d, o;
    char buf[40];
    CHECK(dc_date_parse("2022-11-06T23:00:00Z", 20, 0, 2030, &d));
    CHECK(dc_date_to_zone(&d, 60, &o));
    dc_date_format(&o, buf, sizeof buf);
    CHECK_STR(buf, "2022-11-07T00:00:00+01:00");
    CHECK(dc_date_to_zone(&d, -8 * 60, &o));
    dc_date_format(&o, buf, sizeof buf);
    CHECK_STR(buf, "2022-11-06T15:00:00-08:00");
    /* across a year and a leap day */
    CHECK(dc_date_parse("2024-02-29T22:30:15+00:00", 25, 0, 2030, &d) && dc_date_to_zone(&d, 150, &o));
    dc_date_format(&o, buf, sizeof buf);
    CHECK_STR(buf, "2024-03-01T01:00:15+02:30");
    CHECK(dc_date_parse("2024-01-01T01:00:00+01:00", 25, 0, 2030, &d) && dc_date_to_zone(&d, -300, &o));
    dc_date_format(&o, buf, sizeof buf);
    CHECK_STR(buf, "2023-12-31T19:00:00-05:00");
    CHECK(dc_date_minutes(&d) == dc_date_minutes(&o));
    /* no time or no zone: no instant */
    CHECK(dc_date_parse("2024-01-01", 10, 0, 2030, &d) && !dc_date_to_zone(&d, 60, &o));
}
