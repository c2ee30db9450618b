/*
 * render_text.c — the body's blocks as plain text (paragraphs apart by a
 * blank line, list items and table rows by a newline) and as Markdown, and
 * the article's own copy of them, from which both are rendered on request.
 */
#include <string.h>

#include "extract.h"

static int joins_tight(const dc_block *a, const dc_block *b)
{
    return (a->kind == DC_BLOCK_LIST_ITEM && b->kind == DC_BLOCK_LIST_ITEM) ||
           (a->kind == DC_BLOCK_TABLE_ROW && b->kind == DC_BLOCK_TABLE_ROW);
}

char *dc_blocks_text(const dc_blocks *bl, dc_arena *ar, size_t *len)
{
    dc_sbuf b;
    size_t total = 16;
    for (size_t i = 0; i < bl->count; i++)
        total += bl->items[i].len + 2;
    dc_sbuf_init(&b, ar, total);
    for (size_t i = 0; i < bl->count; i++) {
        if (i)
            dc_sbuf_put(&b, "\n\n", joins_tight(&bl->items[i - 1], &bl->items[i]) ? 1 : 2);
        dc_sbuf_put(&b, bl->items[i].text, bl->items[i].len);
    }
    char *s = dc_sbuf_finish(&b);
    *len = s ? b.len : 0;
    return s;
}

/* A copy of span list s[0..n) in `ar`, its strings too; NULL on OOM. */
static const dc_span *adopt_spans(const dc_span *s, uint32_t n, dc_arena *ar)
{
    dc_span *out = dc_arena_alloc(ar, n * sizeof *out);
    for (uint32_t k = 0; out && k < n; k++) {
        out[k] = s[k];
        out[k].url = s[k].url ? dc_arena_strndup(ar, s[k].url, strlen(s[k].url)) : NULL;
        out[k].alt = s[k].alt ? dc_arena_strndup(ar, s[k].alt, strlen(s[k].alt)) : NULL;
        if ((s[k].url && !out[k].url) || (s[k].alt && !out[k].alt))
            return NULL;
    }
    return out;
}

int dc_blocks_adopt(const dc_blocks *src, const char *text, dc_arena *ar, dc_blocks *out)
{
    memset(out, 0, sizeof *out);
    if (!src->count)
        return 1;
    out->items = dc_arena_alloc(ar, src->count * sizeof *out->items);
    if (!out->items)
        return 0;
    size_t at = 0;
    for (size_t i = 0; i < src->count; i++) {
        const dc_block *b = &src->items[i];
        if (i)
            at += joins_tight(&src->items[i - 1], b) ? 1 : 2;
        dc_block *k = &out->items[i];
        *k = *b;
        k->node = DC_NONE; /* the page's tree is gone with the scratch arena */
        k->text = text + at;
        k->spans = b->nspans ? adopt_spans(b->spans, b->nspans, ar) : NULL;
        if (b->nspans && !k->spans)
            return 0;
        at += b->len;
    }
    out->count = out->cap = src->count;
    return 1;
}

/* Writes text, prefixing every line after a newline with `prefix`. */
static void put_lines(dc_sbuf *b, const char *s, size_t n, const char *prefix)
{
    size_t pl = strlen(prefix);
    for (size_t k = 0; k < n; k++) {
        dc_sbuf_putc(b, s[k]);
        if (s[k] == '\n')
            dc_sbuf_put(b, prefix, pl);
    }
}

/* A URL inside (...): the characters that would end it or break it
 * percent-encoded. */
static void put_url(dc_sbuf *b, const char *u)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)u; *p; p++) {
        if (*p <= ' ' || *p == '(' || *p == ')' || *p == '<' || *p == '>' || *p == 0x7F) {
            dc_sbuf_putc(b, '%');
            dc_sbuf_putc(b, hex[*p >> 4]);
            dc_sbuf_putc(b, hex[*p & 15]);
        } else {
            dc_sbuf_putc(b, (char)*p);
        }
    }
}

/* Text inside [...]: brackets and backslashes escaped, lines prefixed. */
static void put_label(dc_sbuf *b, const char *s, size_t n, const char *prefix)
{
    for (size_t k = 0; k < n; k++) {
        if (s[k] == '[' || s[k] == ']' || s[k] == '\\')
            dc_sbuf_putc(b, '\\');
        dc_sbuf_putc(b, s[k]);
        if (s[k] == '\n')
            dc_sbuf_puts(b, prefix);
    }
}

static void put_image(dc_sbuf *b, const dc_span *sp)
{
    dc_sbuf_puts(b, "![");
    const char *alt = sp->alt;
    size_t n = strlen(alt);
    for (size_t k = 0; k < n; k++)
        if (alt[k] == '\n' || alt[k] == '\r' || alt[k] == '\t')
            dc_sbuf_putc(b, ' ');
        else
            put_label(b, alt + k, 1, "");
    dc_sbuf_puts(b, "](");
    put_url(b, sp->url);
    dc_sbuf_putc(b, ')');
}

/* The images a paragraph or caption starts with stand as paragraphs of
 * their own before it; returns how many spans that took. */
static uint32_t put_leading_images(dc_sbuf *b, const dc_block *k)
{
    if (k->kind != DC_BLOCK_PARAGRAPH && k->kind != DC_BLOCK_CAPTION)
        return 0;
    uint32_t i = 0;
    for (; i < k->nspans && k->spans[i].alt && k->spans[i].start == 0; i++) {
        put_image(b, &k->spans[i]);
        dc_sbuf_puts(b, "\n\n");
    }
    return i;
}

/* A block's text with its links as [text](url) and its images as
 * ![alt](src), from span `first` on; without spans, put_lines. */
static void put_text(dc_sbuf *b, const dc_block *k, uint32_t first, const char *prefix)
{
    size_t pos = 0;
    for (uint32_t i = first; i < k->nspans; i++) {
        const dc_span *sp = &k->spans[i];
        if (sp->alt) {
            size_t at = sp->start > pos ? sp->start : pos;
            put_lines(b, k->text + pos, at - pos, prefix);
            pos = at;
            put_image(b, sp);
            /* Between two words it stands apart from the next one. */
            if (at > 0 && at < k->len && k->text[at - 1] == ' ' && k->text[at] != ' ')
                dc_sbuf_putc(b, ' ');
            continue;
        }
        size_t s0 = sp->start, e = sp->end;
        if (s0 < pos)
            continue; /* inside a link already written */
        while (s0 < e && (k->text[s0] == ' ' || k->text[s0] == '\n'))
            s0++;
        while (e > s0 && (k->text[e - 1] == ' ' || k->text[e - 1] == '\n'))
            e--;
        if (e == s0)
            continue;
        put_lines(b, k->text + pos, s0 - pos, prefix);
        dc_sbuf_putc(b, '[');
        put_label(b, k->text + s0, e - s0, prefix);
        dc_sbuf_puts(b, "](");
        put_url(b, sp->url);
        dc_sbuf_putc(b, ')');
        pos = e;
    }
    put_lines(b, k->text + pos, k->len - pos, prefix);
}

char *dc_blocks_markdown(const dc_blocks *bl, dc_arena *ar, size_t *len)
{
    dc_sbuf b;
    dc_sbuf_init(&b, ar, 4096);
    int ordinal = 0;
    for (size_t i = 0; i < bl->count; i++) {
        const dc_block *k = &bl->items[i];
        const dc_block *prev = i ? &bl->items[i - 1] : NULL;
        if (prev)
            dc_sbuf_put(&b, "\n\n", joins_tight(prev, k) ? 1 : 2);
        if (k->kind != DC_BLOCK_LIST_ITEM)
            ordinal = 0;
        uint32_t first = put_leading_images(&b, k);
        switch (k->kind) {
        case DC_BLOCK_HEADING:
            dc_sbuf_put(&b, "######", k->level ? k->level : 2);
            dc_sbuf_putc(&b, ' ');
            put_text(&b, k, first, "");
            break;
        case DC_BLOCK_LIST_ITEM: {
            for (int d = 1; d < k->level; d++)
                dc_sbuf_put(&b, "  ", 2);
            if (k->ordered) {
                char num[16];
                int m = 0, v = ++ordinal;
                char tmp[12];
                while (v && m < 10) {
                    tmp[m++] = (char)('0' + v % 10);
                    v /= 10;
                }
                for (int q = 0; q < m; q++)
                    num[q] = tmp[m - 1 - q];
                dc_sbuf_put(&b, num, (size_t)m);
                dc_sbuf_put(&b, ". ", 2);
            } else {
                dc_sbuf_put(&b, "- ", 2);
            }
            put_text(&b, k, first, "  ");
            break;
        }
        case DC_BLOCK_QUOTE:
            dc_sbuf_put(&b, "> ", 2);
            put_text(&b, k, first, "> ");
            break;
        case DC_BLOCK_PRE:
            dc_sbuf_puts(&b, "```\n");
            dc_sbuf_put(&b, k->text, k->len);
            dc_sbuf_puts(&b, "\n```");
            break;
        case DC_BLOCK_TABLE_ROW:
            dc_sbuf_put(&b, "| ", 2);
            put_text(&b, k, first, "");
            dc_sbuf_put(&b, " |", 2);
            if (!prev || prev->kind != DC_BLOCK_TABLE_ROW) {
                /* Markdown tables need a delimiter row after the first. */
                dc_sbuf_puts(&b, "\n|");
                size_t cells = 1;
                for (uint32_t c = 0; c + 2 < k->len; c++)
                    if (memcmp(k->text + c, " | ", 3) == 0)
                        cells++;
                for (size_t c = 0; c < cells; c++)
                    dc_sbuf_puts(&b, " --- |");
            }
            break;
        case DC_BLOCK_CAPTION:
            dc_sbuf_putc(&b, '*');
            put_text(&b, k, first, "");
            dc_sbuf_putc(&b, '*');
            break;
        default:
            put_text(&b, k, first, "");
            break;
        }
    }
    char *s = dc_sbuf_finish(&b);
    *len = s ? b.len : 0;
    return s;
}
