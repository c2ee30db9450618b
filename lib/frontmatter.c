/*
 * frontmatter.c — the metadata header put before a body (--with-metadata):
 * YAML front matter for Markdown, "Label: value" lines for plain text.
 *
 * Corpus tools (static site generators, RAG loaders, LLM data pipelines)
 * read front matter with a YAML parser, so every value is a double-quoted
 * scalar with everything escaped that could end it, fold it, or be refused
 * by a strict reader: a title may hold any character.
 */
#include <string.h>

#include "internal.h"
#include "text.h"

/* The fields of the header, in order, by their JSON names. */
static const struct {
    const char *key;
    const char *label;
} header_fields[] = {
    {"title", "Title"},
    {"authors", "Authors"},
    {"date_published", "Date published"},
    {"url", "URL"},
    {"site_name", "Site name"},
    {"language", "Language"},
    {"page_type", "Page type"},
};

static const char *field_value(const decant_article *a, const decant_record_info *info, const char *key)
{
    if (strcmp(key, "url") == 0)
        return dc_record_url(a, info);
    if (strcmp(key, "page_type") == 0)
        return a ? decant_page_type_name(decant_article_page_type(a)) : NULL;
    for (int f = 0; a && f < DECANT_FIELD_COUNT; f++) {
        const char *name = decant_field_name((decant_field)f);
        if (name && strcmp(name, key) == 0)
            return decant_article_get(a, (decant_field)f);
    }
    return NULL;
}

/* YAML's printable set (1.2, section 5.1) minus U+0085, which YAML 1.1
 * readers fold as a line break: everything else is escaped. */
static int yaml_printable(uint32_t cp)
{
    return (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xD7FF && cp != 0x2028 && cp != 0x2029) ||
           (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF) || cp >= 0x10000;
}

static int put_str(decant_buffer *b, const char *s)
{
    return dc_buffer_put(b, s, strlen(s));
}

/* s as a YAML double-quoted scalar. */
static int put_yaml(decant_buffer *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    if (!dc_buffer_put(b, "\"", 1))
        return 0;
    while (i < n) {
        size_t run = i;
        uint32_t cp = 0;
        size_t len = 0;
        while (run < n && (len = dc_utf8_decode(p + run, n - run, &cp)) != 0 && yaml_printable(cp) && cp != '"' &&
               cp != '\\')
            run += len;
        if (run > i && !dc_buffer_put(b, s + i, run - i))
            return 0;
        i = run;
        if (i >= n)
            break;
        char esc[12];
        static const char hex[] = "0123456789ABCDEF";
        if (len == 0) { /* not UTF-8: the replacement character */
            memcpy(esc, "\\uFFFD", 7);
            len = 1;
        } else if (cp == '"' || cp == '\\') {
            esc[0] = '\\', esc[1] = (char)cp, esc[2] = 0;
        } else if (cp == '\n' || cp == '\t') {
            esc[0] = '\\', esc[1] = cp == '\n' ? 'n' : 't', esc[2] = 0;
        } else if (cp < 0x100) {
            esc[0] = '\\', esc[1] = 'x', esc[2] = hex[cp >> 4], esc[3] = hex[cp & 15], esc[4] = 0;
        } else {
            esc[0] = '\\', esc[1] = 'u';
            for (int k = 0; k < 4; k++)
                esc[2 + k] = hex[(cp >> (12 - 4 * k)) & 15];
            esc[6] = 0;
        }
        if (!put_str(b, esc))
            return 0;
        i += len;
    }
    return dc_buffer_put(b, "\"", 1);
}

/* s on one line: line breaks, tabs and other controls become spaces. */
static int put_line(decant_buffer *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp = 0;
        size_t len = dc_utf8_decode(p + i, n - i, &cp);
        int blank = len == 0 || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
                    cp == 0x2029;
        if (len == 0)
            len = 1;
        if (!(blank ? dc_buffer_put(b, " ", 1) : dc_buffer_put(b, s + i, len)))
            return 0;
        i += len;
    }
    return 1;
}

static int put_field(decant_buffer *b, decant_body_format fmt, int k, const char *value)
{
    if (fmt == DECANT_BODY_MARKDOWN)
        return put_str(b, header_fields[k].key) && put_str(b, ": ") && put_yaml(b, value) &&
               dc_buffer_put(b, "\n", 1);
    return put_str(b, header_fields[k].label) && put_str(b, ": ") && put_line(b, value) &&
           dc_buffer_put(b, "\n", 1);
}

static int put_authors(decant_buffer *b, decant_body_format fmt, int k, const decant_article *a)
{
    size_t count = decant_article_author_count(a);
    if (count == 0)
        return 1;
    int ok = put_str(b, fmt == DECANT_BODY_MARKDOWN ? header_fields[k].key : header_fields[k].label) &&
             dc_buffer_put(b, ":", 1);
    for (size_t i = 0; ok && i < count; i++) {
        const char *name = decant_article_author(a, i);
        if (fmt == DECANT_BODY_MARKDOWN)
            ok = put_str(b, "\n  - ") && put_yaml(b, name);
        else
            ok = put_str(b, i ? "; " : " ") && put_line(b, name);
    }
    return ok && dc_buffer_put(b, "\n", 1);
}

decant_status decant_article_front_matter(const decant_article *a, const decant_record_info *info,
                                          decant_body_format fmt, decant_buffer *out)
{
    if (!out || (fmt != DECANT_BODY_MARKDOWN && fmt != DECANT_BODY_TEXT))
        return DECANT_ERR_INVALID;
    size_t start = out->len;
    int any = 0, ok = 1;
    if (fmt == DECANT_BODY_MARKDOWN)
        ok = put_str(out, "---\n");
    for (int k = 0; ok && k < (int)(sizeof header_fields / sizeof header_fields[0]); k++) {
        if (strcmp(header_fields[k].key, "authors") == 0) {
            any |= a && decant_article_author_count(a) > 0;
            ok = !a || put_authors(out, fmt, k, a);
            continue;
        }
        const char *v = field_value(a, info, header_fields[k].key);
        if (!v || !*v)
            continue;
        any = 1;
        ok = put_field(out, fmt, k, v);
    }
    ok = ok && (fmt != DECANT_BODY_MARKDOWN || put_str(out, "---\n")) && dc_buffer_put(out, "\n", 1);
    if (!ok || !any) {
        /* Nothing known, or out of memory: leave the buffer as it was. */
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
        return ok ? DECANT_OK : DECANT_ERR_NOMEM;
    }
    return DECANT_OK;
}
