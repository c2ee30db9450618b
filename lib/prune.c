/*
 * prune.c — see prune.h.  Hand-written because it must be a single
 * memchr-driven pass, far cheaper than the tokenizer it saves work for; no
 * packaged library offers "skip raw-text bodies" as a separate step.
 */
#include "prune.h"

#include <string.h>

#include "dom.h"

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Does s (n bytes left) start with the lower-case word w, then a byte
 * that ends a tag name? */
static int starts_tag(const char *s, size_t n, const char *w, size_t wl)
{
    if (n <= wl)
        return 0;
    for (size_t i = 0; i < wl; i++)
        if (lower((unsigned char)s[i]) != w[i])
            return 0;
    char c = s[wl];
    return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* End of the start tag beginning at s (just past its '>'), honouring
 * quoted attribute values; 0 if unterminated. */
static size_t tag_end(const char *s, size_t n)
{
    char quote = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return 0;
}

/* Offset of "</word" (case-insensitive) in s, or n if absent. */
static size_t find_close(const char *s, size_t n, const char *w, size_t wl)
{
    size_t i = 0;
    while (i + 2 + wl <= n) {
        const char *p = memchr(s + i, '<', n - i);
        if (!p)
            break;
        i = (size_t)(p - s);
        if (i + 2 + wl <= n && p[1] == '/' && starts_tag(p + 2, n - i - 2, w, wl))
            return i;
        i++;
    }
    return n;
}

static int contains_ci(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl <= n; i++) {
        size_t k = 0;
        while (k < wl && lower((unsigned char)s[i + k]) == w[k])
            k++;
        if (k == wl)
            return 1;
    }
    return 0;
}

/* Start of "-->" in s[0..n), or NULL. */
static const char *comment_end(const char *s, size_t n)
{
    for (const char *p = s; (p = memchr(p, '>', n - (size_t)(p - s))) != NULL; p++)
        if (p - s >= 2 && p[-1] == '-' && p[-2] == '-')
            return p - 2;
    return NULL;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Is an attribute of this (raw, any-case) name read by some phase?  The
 * interned names of dom.h, and the few read by name only. */
static int attr_wanted(const char *s, size_t n)
{
    char low[16];
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)lower((unsigned char)s[i]);
    if (dc_attr_key_of(low, n) != DC_A_OTHER)
        return 1;
    return (n == 8 && memcmp(low, "xml:lang", 8) == 0) ||
           (n == 9 && memcmp(low, "itemscope", 9) == 0) ||
           (n == 7 && memcmp(low, "charset", 7) == 0);
}

/*
 * Copies the start tag at s (s[0] == '<', a letter follows) keeping only
 * wanted attributes: the rest (data-*, srcset, onclick...) is two thirds of
 * a pruned page's bytes and would only be tokenised to be ignored.  Returns
 * the bytes consumed, or 0 when the tag is unterminated (left to the parser).
 */
static size_t copy_tag(const char *s, size_t n, char *out, size_t *o)
{
    size_t i = 1;
    while (i < n && !is_ws(s[i]) && s[i] != '>' && s[i] != '/')
        i++;
    size_t w = *o;
    memcpy(out + w, s, i);
    w += i;
    while (i < n) {
        size_t start = i;
        while (i < n && (is_ws(s[i]) || s[i] == '/'))
            i++;
        if (i >= n)
            return 0;
        if (s[i] == '>') {
            memcpy(out + w, s + start, i + 1 - start);
            *o = w + i + 1 - start;
            return i + 1;
        }
        size_t name = i;
        while (i < n && !is_ws(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/')
            i++;
        size_t name_len = i - name;
        size_t j = i;
        while (j < n && is_ws(s[j]))
            j++;
        if (j < n && s[j] == '=') {
            j++;
            while (j < n && is_ws(s[j]))
                j++;
            if (j < n && (s[j] == '"' || s[j] == '\'')) {
                const char *q = memchr(s + j + 1, s[j], n - j - 1);
                if (!q)
                    return 0;
                j = (size_t)(q - s) + 1;
            } else {
                while (j < n && !is_ws(s[j]) && s[j] != '>')
                    j++;
            }
            i = j;
        }
        if (name_len == 0) {
            /* Only a '=' ends an empty name, and its value was just read: a
             * further step here ran past the input when the value did. */
            if (i == name)
                i++; /* a stray byte: keep it, the parser decides */
            memcpy(out + w, s + start, i - start);
            w += i - start;
        } else if (attr_wanted(s + name, name_len)) {
            memcpy(out + w, s + start, i - start);
            w += i - start;
        } else if (start < name) {
            out[w++] = ' '; /* keep attributes apart */
        }
    }
    return 0;
}

size_t dc_prune(const char *in, size_t n, char *out)
{
    static const struct {
        const char *name;
        size_t len;
    } raw[] = {{"script", 6}, {"style", 5}, {"svg", 3}, {"nav", 3}, {"select", 6}, {"template", 8}};
    size_t i = 0, o = 0;
    while (i < n) {
        const char *p = memchr(in + i, '<', n - i);
        size_t at = p ? (size_t)(p - in) : n;
        memcpy(out + o, in + i, at - i);
        o += at - i;
        i = at;
        if (i >= n)
            break;
        const char *s = in + i;
        size_t left = n - i;
        if (left >= 4 && s[1] == '!' && s[2] == '-' && s[3] == '-') {
            const char *e = comment_end(s + 4, left - 4);
            if (e) {
                i = (size_t)(e - in) + 3;
                continue;
            }
        } else {
            for (size_t r = 0; r < sizeof raw / sizeof raw[0]; r++) {
                if (!starts_tag(s + 1, left - 1, raw[r].name, raw[r].len))
                    continue;
                size_t te = tag_end(s, left);
                if (!te)
                    break;
                size_t body = find_close(s + te, left - te, raw[r].name, raw[r].len);
                if (body == left - te)
                    break; /* unterminated: leave it to the parser */
                int keep = r == 0 && contains_ci(s, te, "ld+json");
                size_t copy = keep ? te + body : te;
                memcpy(out + o, s, copy);
                o += copy;
                i += te + body;
                goto next;
            }
        }
        if (left > 1 && ((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z'))) {
            size_t used = copy_tag(s, left, out, &o);
            if (used) {
                i += used;
                continue;
            }
        }
        out[o++] = '<';
        i++;
    next:;
    }
    out[o] = '\0';
    return o;
}
