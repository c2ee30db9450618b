/*
 * page.h — helpers shared by the tests that run tiny pages through the
 * public API.
 */
#ifndef DC_TEST_PAGE_H
#define DC_TEST_PAGE_H

#include <string.h>

#include "decant.h"
#include "test.h"

/* Two paragraphs of English prose: enough body for the extractor and for
 * language detection, so metadata tests do not end in no_content. */
#define BODY "<p>" \
    "The council met on Tuesday to discuss the new budget for the coming year, and the debate " \
    "lasted well into the evening as members argued over schools, roads and parks.</p><p>" \
    "In the end the proposal passed by a narrow margin, with several members promising to " \
    "revisit the decision once the first quarterly figures are published next spring.</p>"

/* Extracts html with default options; the article must exist (a page without
 * a body still has one, with DECANT_ERR_NO_CONTENT).  Free it. */
static inline decant_article *page_article(const char *html, const char *url)
{
    decant_input in = {html, strlen(html), url, NULL};
    decant_article *a = NULL;
    decant_status st = decant_extract_once(NULL, &in, &a, NULL);
    CHECK(st == DECANT_OK || st == DECANT_ERR_NO_CONTENT);
    CHECK(a != NULL);
    return a;
}

#endif
