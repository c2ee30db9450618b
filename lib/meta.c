/* meta.c — PLACEHOLDER until the real metadata extractor lands: <title> only. */
#include "internal.h"

decant_status dc_meta_extract(const dc_dom *dom, const char *url, decant_article *a)
{
    (void)url;
    for (uint32_t i = 1; i < dom->count; i++) {
        if (dom->nodes[i].tag == DC_TAG_TITLE) {
            dc_sbuf b;
            dc_sbuf_init(&b, &a->arena, 128);
            const char *t = dc_text_content(dom, i, &b);
            if (!t)
                return DECANT_ERR_NOMEM;
            if (*t) {
                a->field[DECANT_FIELD_TITLE] = t;
                a->source[DECANT_FIELD_TITLE] = "title-element";
            }
            break;
        }
    }
    return DECANT_OK;
}
