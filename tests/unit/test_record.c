/* test_record.c — lib/record.c: record ids and skip messages, the rules the
 * CLI and the Python module share. */
#include "decant.h"
#include "test.h"

static const char *id_of(const char *path)
{
    static char buf[64];
    decant_record_id(path, buf, sizeof buf);
    return buf;
}

TEST(record_id_rules)
{
    CHECK_STR(id_of("news/2024/story.html.gz"), "story");
    CHECK_STR(id_of("a.HTM"), "a");
    CHECK_STR(id_of("/x/CC-00001.warc.zst"), "CC-00001");
    CHECK_STR(id_of("crawl.WARC.GZ"), "crawl");
    CHECK_STR(id_of("crawl.warc"), "crawl");
    CHECK_STR(id_of("page.gz"), "page");       /* .gz goes even without .html */
    CHECK_STR(id_of("notes.txt"), "notes.txt");
    CHECK_STR(id_of("x.zst"), "x.zst");        /* .zst only for archives */
    CHECK_STR(id_of(".html"), ".html");        /* a suffix alone is the name */
    CHECK_STR(id_of("dir/"), "dir/");
    CHECK_STR(id_of("-"), "-");
    /* snprintf's contract: the length, whatever fits */
    char small[4];
    CHECK(decant_record_id("abcdef.html", small, sizeof small) == 6);
    CHECK_STR(small, "abc");
    CHECK(decant_record_id("abcdef.html", NULL, 0) == 6);
}

TEST(record_skip_errors)
{
    decant_warc_record rec = {0};
    decant_error err;
    rec.skip = DECANT_WARC_SKIP_STATUS;
    rec.http_status = 404;
    CHECK(decant_warc_skip_error(&rec, &err) == DECANT_ERR_NOT_HTML);
    CHECK(err.code == DECANT_ERR_NOT_HTML);
    CHECK_STR(err.message, "skipped: HTTP status 404");
    rec.skip = DECANT_WARC_SKIP_NOT_RESPONSE;
    rec.type = "request";
    decant_warc_skip_error(&rec, &err);
    CHECK_STR(err.message, "skipped: a request record");
    rec.skip = DECANT_WARC_SKIP_NOT_HTML;
    rec.content_type = "image/png";
    decant_warc_skip_error(&rec, &err);
    CHECK_STR(err.message, "skipped: Content-Type image/png");
    rec.skip = DECANT_WARC_SKIP_TOO_LARGE;
    CHECK(decant_warc_skip_error(&rec, NULL) == DECANT_ERR_TOO_LARGE);
    rec.skip = DECANT_WARC_SKIP_ENCODING;
    CHECK(decant_warc_skip_error(&rec, &err) == DECANT_ERR_DECODE);
    rec.skip = DECANT_WARC_SKIP_EMPTY;
    CHECK(decant_warc_skip_error(&rec, &err) == DECANT_ERR_EMPTY);
    rec.skip = DECANT_WARC_HTML;
    CHECK(decant_warc_skip_error(&rec, &err) == DECANT_OK && err.code == DECANT_OK);
}
