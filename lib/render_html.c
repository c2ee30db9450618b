/*
 * render_html.c — the body's blocks as an HTML fragment.
 *
 * For readers that keep structure as HTML rather than Markdown (archives,
 * RAG pipelines that re-render, browsers): headings, paragraphs, nested
 * lists, quotes, code, tables and captions, with the page's furniture,
 * attributes, scripts and styles gone.  Every element is closed, all text
 * escaped and control characters dropped, so the fragment can be embedded
 * in any page or read as XHTML.  It is written from the blocks, not the
 * DOM, so it holds exactly what the text and Markdown outputs hold.
 */
#include <string.h>

#include "extract.h"

/* Text with &, <, > and " escaped; a line break inside a block is <br />,
 * except in code (`pre`), which keeps its lines as they are. */
static void put_escaped(dc_sbuf *b, const char *s, size_t n, int pre)
{
    size_t from = 0;
    for (size_t k = 0; k < n; k++) {
        const char *rep = NULL;
        switch (s[k]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\n': rep = pre ? NULL : "<br />\n"; break;
        default:
            /* C0 controls other than tab: invalid in XHTML, invisible in HTML */
            if ((unsigned char)s[k] < 0x20 && s[k] != '\t')
                rep = "";
            break;
        }
        if (!rep)
            continue;
        dc_sbuf_put(b, s + from, k - from);
        dc_sbuf_puts(b, rep);
        from = k + 1;
    }
    dc_sbuf_put(b, s + from, n - from);
}

static void put_element(dc_sbuf *b, const char *tag, const char *s, size_t n)
{
    dc_sbuf_putc(b, '<');
    dc_sbuf_puts(b, tag);
    dc_sbuf_putc(b, '>');
    put_escaped(b, s, n, 0);
    dc_sbuf_puts(b, "</");
    dc_sbuf_puts(b, tag);
    dc_sbuf_puts(b, ">\n");
}

/* A table row's cells, separated by " | " in the block. */
static void put_row(dc_sbuf *b, const dc_block *k)
{
    dc_sbuf_puts(b, "<tr>");
    size_t from = 0;
    for (size_t c = 0; c <= k->len; c++) {
        if (c < k->len && !(c + 3 <= k->len && memcmp(k->text + c, " | ", 3) == 0))
            continue;
        dc_sbuf_puts(b, "<td>");
        put_escaped(b, k->text + from, c - from, 0);
        dc_sbuf_puts(b, "</td>");
        from = c + 3;
        c += 2;
    }
    dc_sbuf_puts(b, "</tr>\n");
}

/*
 * Open lists, innermost last: list items carry their nesting depth, and a
 * deeper item opens a list inside the item before it, as HTML wants.
 */
typedef struct list_stack {
    uint8_t ordered[16];
    int depth;
} list_stack;

static void close_lists(dc_sbuf *b, list_stack *ls, int to)
{
    while (ls->depth > to) {
        ls->depth--;
        dc_sbuf_puts(b, ls->ordered[ls->depth] ? "</li>\n</ol>\n" : "</li>\n</ul>\n");
    }
}

static void put_item(dc_sbuf *b, list_stack *ls, const dc_block *k)
{
    int level = k->level < 1 ? 1 : k->level > 16 ? 16 : k->level;
    close_lists(b, ls, level);
    /* A list of another kind at the same depth is a new list. */
    if (ls->depth == level && ls->ordered[level - 1] != (k->ordered != 0))
        close_lists(b, ls, level - 1);
    if (ls->depth == level)
        dc_sbuf_puts(b, "</li>\n"); /* the previous item at this depth */
    while (ls->depth < level) {
        ls->ordered[ls->depth] = k->ordered != 0;
        dc_sbuf_puts(b, k->ordered ? "<ol>\n" : "<ul>\n");
        if (++ls->depth < level)
            dc_sbuf_puts(b, "<li>"); /* an item skipped a level: an empty one holds it */
    }
    dc_sbuf_puts(b, "<li>");
    put_escaped(b, k->text, k->len, 0);
}

char *dc_blocks_html(const dc_blocks *bl, dc_arena *ar, size_t *len)
{
    dc_sbuf b;
    dc_sbuf_init(&b, ar, 4096);
    list_stack ls = {{0}, 0};
    for (size_t i = 0; i < bl->count; i++) {
        const dc_block *k = &bl->items[i];
        /* Consecutive quoted paragraphs are one quotation, rows one table. */
        int opens = !i || bl->items[i - 1].kind != k->kind;
        int closes = i + 1 == bl->count || bl->items[i + 1].kind != k->kind;
        if (k->kind != DC_BLOCK_LIST_ITEM)
            close_lists(&b, &ls, 0);
        switch (k->kind) {
        case DC_BLOCK_HEADING: {
            char tag[3] = {'h', (char)('0' + (k->level >= 1 && k->level <= 6 ? k->level : 2)), 0};
            put_element(&b, tag, k->text, k->len);
            break;
        }
        case DC_BLOCK_LIST_ITEM:
            put_item(&b, &ls, k);
            break;
        case DC_BLOCK_QUOTE:
            dc_sbuf_puts(&b, opens ? "<blockquote>\n" : "");
            put_element(&b, "p", k->text, k->len);
            dc_sbuf_puts(&b, closes ? "</blockquote>\n" : "");
            break;
        case DC_BLOCK_PRE:
            dc_sbuf_puts(&b, "<pre><code>");
            put_escaped(&b, k->text, k->len, 1);
            dc_sbuf_puts(&b, "</code></pre>\n");
            break;
        case DC_BLOCK_TABLE_ROW:
            dc_sbuf_puts(&b, opens ? "<table>\n" : "");
            put_row(&b, k);
            dc_sbuf_puts(&b, closes ? "</table>\n" : "");
            break;
        case DC_BLOCK_CAPTION:
            dc_sbuf_puts(&b, "<figure><figcaption>");
            put_escaped(&b, k->text, k->len, 0);
            dc_sbuf_puts(&b, "</figcaption></figure>\n");
            break;
        default:
            put_element(&b, "p", k->text, k->len);
            break;
        }
    }
    close_lists(&b, &ls, 0);
    char *s = dc_sbuf_finish(&b);
    *len = s ? b.len : 0;
    return s;
}
