/* temporary: replaced by clean.c/score.c/select.c/render.c */
#include "extract.h"
void dc_clean(dc_dom *dom) { (void)dom; }
int dc_score(dc_extract_ctx *cx) { (void)cx; return 1; }
uint32_t dc_select(dc_extract_ctx *cx) { return cx->dom->body; }
int dc_render_blocks(dc_extract_ctx *cx, uint32_t root, dc_blocks *out)
{
    dc_sbuf b; dc_sbuf_init(&b, cx->ar, 1024);
    const char *t = dc_text_content(cx->dom, root, &b);
    if (!t) return 0;
    out->items = dc_arena_alloc(cx->ar, sizeof(dc_block));
    if (!out->items) return 0;
    out->items[0] = (dc_block){.kind = DC_BLOCK_PARAGRAPH, .text = t, .len = (uint32_t)b.len};
    out->count = 1;
    return 1;
}
char *dc_blocks_text(const dc_blocks *b, dc_arena *ar, size_t *len)
{
    *len = b->count ? b->items[0].len : 0;
    return dc_arena_strndup(ar, b->count ? b->items[0].text : "", *len);
}
char *dc_blocks_markdown(const dc_blocks *b, dc_arena *ar, size_t *len) { return dc_blocks_text(b, ar, len); }
