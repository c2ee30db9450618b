/*
 * prune.c — see prune.h.  Hand-written because it must be a single
 * memchr-driven pass, far cheaper than the tokenizer it saves work for; no
 * packaged library offers "drop what nobody reads" as a step before an HTML
 * parser.  The pass is a rough tokenizer: it only has to agree with the
 * parser on where tags start and end (quotes honoured), and anything it
 * cannot read (an unterminated tag, comment or raw-text element) is copied
 * as is for the parser to decide.
 */
#include "prune.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "text.h"
#include "dom.h"
#include "html_scan.h"

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

/* Byte classes for the scanning loops, one load per byte instead of a
 * chain of compares: tag names and attribute names are the bulk of it. */
enum { C_NAME_END = 1, C_ATTR_END = 2 };
static const uint8_t cclass[256] = {
    [' '] = C_NAME_END | C_ATTR_END, ['\t'] = C_NAME_END | C_ATTR_END,
    ['\n'] = C_NAME_END | C_ATTR_END, ['\r'] = C_NAME_END | C_ATTR_END,
    ['\f'] = C_NAME_END | C_ATTR_END, ['/'] = C_NAME_END | C_ATTR_END,
    ['>'] = C_NAME_END | C_ATTR_END, ['='] = C_ATTR_END,
};

/* Does c end a tag name (whitespace, '/', '>')? */
static int ends_name(char c)
{
    return cclass[(unsigned char)c] & C_NAME_END;
}

/* Does c end an attribute name (the same, or '=')? */
static int ends_attr(char c)
{
    return cclass[(unsigned char)c] & C_ATTR_END;
}

/* Is an attribute of this (raw, any-case) name read by some phase?  The
 * interned names of dom.h, and the few read by name only. */
static int attr_wanted(const char *s, size_t n, int images)
{
    char low[16];
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)dc_lower((unsigned char)s[i]);
    if (dc_attr_key_of(low, n) != DC_A_OTHER)
        return 1;
    if (images && ((n == 3 && (memcmp(low, "src", 3) == 0 || memcmp(low, "alt", 3) == 0)) ||
                   (n == 8 && memcmp(low, "data-src", 8) == 0)))
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
static size_t copy_tag(const char *s, size_t n, char *out, size_t *o, size_t *kept, int images)
{
    *kept = 0;
    size_t i = 1;
    while (i < n && !ends_name(s[i]))
        i++;
    size_t w = *o;
    memcpy(out + w, s, i);
    w += i;
    while (i < n) {
        size_t start = i;
        while (i < n && (dc_is_space((unsigned char)s[i]) || s[i] == '/'))
            i++;
        if (i >= n)
            return 0;
        if (s[i] == '>') {
            memcpy(out + w, s + start, i + 1 - start);
            *o = w + i + 1 - start;
            return i + 1;
        }
        size_t name = i;
        while (i < n && !ends_attr(s[i]))
            i++;
        size_t name_len = i - name;
        i = dc_attr_value_end(s, n, i);
        if (!i)
            return 0;
        if (name_len == 0) {
            /* Only a '=' ends an empty name, and its value was just read: a
             * further step here ran past the input when the value did. */
            if (i == name)
                i++; /* a stray byte: keep it, the parser decides */
            memcpy(out + w, s + start, i - start);
            w += i - start;
            ++*kept;
        } else if (attr_wanted(s + name, name_len, images)) {
            memcpy(out + w, s + start, i - start);
            w += i - start;
            ++*kept;
        } else if (start < name) {
            out[w++] = ' '; /* keep attributes apart */
        }
    }
    return 0;
}

/* What the pass needs to know about a tag, from its name alone. */
enum {
    T_RAW = 15,        /* mask: 1 + index into raw_names, for start tags     */
    T_TAG = 1 << 4,    /* a start or end tag (a letter follows '<' or '</')  */
    T_END = 1 << 5,
    T_BLOCK = 1 << 6,  /* whitespace beside it never reaches the text        */
    T_PRE = 1 << 7,    /* keeps its whitespace (pre, listing)                */
    T_HEAD = 1 << 8,   /* may stand in <head>                                 */
    T_PLAIN = 1 << 9,  /* <plaintext>: the rest of the page is text           */
    T_GONE = 1 << 10,  /* removed with its body when nothing reads it        */
    T_BR = 1 << 11,
    T_TEXT = 1 << 12,  /* raw text or RCDATA kept: its body is copied as is  */
    T_FMT = 1 << 13,   /* a formatting element, as guard.c counts them       */
    T_FOREIGN = 1 << 14, /* SVG or MathML: guard.c's model differs there      */
    T_EMPTY = 1 << 15, /* inline: goes when it holds nothing (icon fonts)    */
    T_ID = 16,         /* shift: 1 + index into tag_kinds above this bit    */
};

static const struct {
    const char *name;
    size_t len;
} raw_names[] = {{"script", 6},   {"style", 5},    {"svg", 3},     {"nav", 3},
                 {"select", 6},   {"template", 8}, {"title", 5},   {"textarea", 8},
                 {"iframe", 6},   {"xmp", 3},      {"noembed", 7}, {"noframes", 8}};

static const struct {
    const char *name;
    unsigned kind;
} tag_kinds[] = {
    {"script", 1 | T_HEAD | T_GONE}, {"style", 2 | T_HEAD | T_GONE},
    {"svg", 3 | T_GONE | T_FOREIGN}, {"nav", 4 | T_BLOCK}, {"input", T_GONE},
    {"select", 5}, {"template", 6 | T_HEAD}, {"title", 7 | T_HEAD | T_TEXT},
    {"textarea", 8 | T_TEXT}, {"iframe", 9 | T_TEXT}, {"xmp", 10 | T_TEXT | T_BLOCK},
    {"noembed", 11 | T_TEXT}, {"noframes", 12 | T_TEXT | T_HEAD}, {"math", T_FOREIGN},
    {"html", T_BLOCK}, {"head", T_BLOCK | T_HEAD}, {"body", T_BLOCK},
    {"meta", T_HEAD}, {"link", T_HEAD | T_GONE}, {"base", T_HEAD}, {"noscript", T_HEAD},
    {"div", T_BLOCK}, {"p", T_BLOCK}, {"ul", T_BLOCK}, {"ol", T_BLOCK}, {"li", T_BLOCK},
    {"dl", T_BLOCK}, {"dt", T_BLOCK}, {"dd", T_BLOCK}, {"menu", T_BLOCK},
    {"section", T_BLOCK}, {"article", T_BLOCK}, {"main", T_BLOCK}, {"aside", T_BLOCK},
    {"header", T_BLOCK}, {"footer", T_BLOCK}, {"address", T_BLOCK}, {"hgroup", T_BLOCK},
    {"h1", T_BLOCK}, {"h2", T_BLOCK}, {"h3", T_BLOCK}, {"h4", T_BLOCK}, {"h5", T_BLOCK},
    {"h6", T_BLOCK}, {"table", T_BLOCK}, {"thead", T_BLOCK}, {"tbody", T_BLOCK},
    {"tfoot", T_BLOCK}, {"tr", T_BLOCK}, {"td", T_BLOCK}, {"th", T_BLOCK},
    {"caption", T_BLOCK}, {"colgroup", T_BLOCK}, {"col", T_BLOCK}, {"figure", T_BLOCK},
    {"figcaption", T_BLOCK}, {"blockquote", T_BLOCK}, {"form", T_BLOCK},
    {"fieldset", T_BLOCK}, {"hr", T_BLOCK}, {"br", T_BLOCK | T_BR}, {"center", T_BLOCK},
    {"details", T_BLOCK}, {"summary", T_BLOCK}, {"dialog", T_BLOCK},
    {"pre", T_BLOCK | T_PRE}, {"listing", T_BLOCK | T_PRE},
    {"plaintext", T_PLAIN},
    {"b", T_FMT | T_EMPTY}, {"big", T_FMT}, {"code", T_FMT}, {"em", T_FMT | T_EMPTY},
    {"font", T_FMT | T_EMPTY}, {"i", T_FMT | T_EMPTY}, {"s", T_FMT}, {"small", T_FMT | T_EMPTY},
    {"strike", T_FMT}, {"strong", T_FMT | T_EMPTY}, {"tt", T_FMT}, {"u", T_FMT | T_EMPTY},
    {"span", T_EMPTY}, {"a", T_EMPTY}, {"label", T_EMPTY}, {"button", T_EMPTY},
    {"img", T_GONE}, {"source", T_GONE},
};

/* Open addressing over tag_kinds, built once: every '<' of a page is looked
 * up, and a linear scan of the table was a third of the pass. */
#define KIND_SLOTS 256
static int16_t kind_slot[KIND_SLOTS];
static uint8_t kind_len[sizeof tag_kinds / sizeof tag_kinds[0]];
static pthread_once_t kinds_once = PTHREAD_ONCE_INIT;

static void build_kinds(void)
{
    for (size_t i = 0; i < KIND_SLOTS; i++)
        kind_slot[i] = -1;
    for (size_t k = 0; k < sizeof tag_kinds / sizeof tag_kinds[0]; k++) {
        uint32_t h = dc_fnv1a(tag_kinds[k].name, strlen(tag_kinds[k].name));
        kind_len[k] = (uint8_t)strlen(tag_kinds[k].name);
        while (kind_slot[h & (KIND_SLOTS - 1)] >= 0)
            h++;
        kind_slot[h & (KIND_SLOTS - 1)] = (int16_t)k;
    }
}

/* Classifies what follows a '<' (s[0] == '<', n bytes left): 0 unless it is
 * a start or end tag.  The name is matched case-insensitively, and must end
 * where HTML ends a tag name. */
static unsigned tag_class(const char *s, size_t n)
{
    size_t i = 1;
    unsigned end = 0;
    if (i < n && s[i] == '/') {
        end = T_END;
        i++;
    }
    if (i >= n || !dc_is_alpha((unsigned char)s[i]))
        return 0;
    char low[12];
    size_t l = 0;
    uint32_t h = DC_FNV_SEED;
    while (i < n && !ends_name(s[i])) {
        if (l == sizeof low)
            return T_TAG | end; /* longer than any name we know */
        low[l] = (char)dc_lower((unsigned char)s[i++]);
        h = dc_fnv1a_step(h, (unsigned char)low[l++]);
    }
    if (i >= n)
        return T_TAG | end;
    pthread_once(&kinds_once, build_kinds);
    for (int k; (k = kind_slot[h & (KIND_SLOTS - 1)]) >= 0; h++) {
        if (kind_len[k] == l && memcmp(tag_kinds[k].name, low, l) == 0) {
            unsigned kind = tag_kinds[k].kind;
            return T_TAG | end | (end ? kind & ~(unsigned)T_RAW : kind) | (unsigned)(k + 1) << T_ID;
        }
    }
    return T_TAG | end;
}

static int all_ws(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!dc_is_space((unsigned char)s[i]))
            return 0;
    return 1;
}

/*
 * Is the start tag just copied (t, attributes already filtered) one of an
 * element that goes whole?  Scripts other than JSON-LD, styles, inline SVG,
 * form inputs, images (no phase reads them; og:image is metadata), and
 * <link>s other than canonical and microdata ones: a fifth
 * of a pruned page's elements, and one the parser never sees costs it
 * nothing.  The filtered copy is checked, not the source tag, because its
 * srcset and data-* attributes can be kilobytes long.
 */
static int goes_whole(const char *t, size_t n, unsigned cls)
{
    switch (cls & T_RAW) {
    case 0: /* void: input, link */
        return !(cls & T_HEAD) || !(dc_contains_ci(t, n, "canonical") || dc_contains_ci(t, n, "itemprop"));
    case 1: /* script */
        return !dc_contains_ci(t, n, "ld+json");
    default:
        return 1;
    }
}

/* Length of the body of the raw-text element whose start tag ended just
 * before s, or `left` when it is unterminated. */
static size_t raw_body(const char *s, size_t left, unsigned cls)
{
    size_t r = (cls & T_RAW) - 1;
    return dc_raw_text_end(s, left, raw_names[r].name, raw_names[r].len);
}

/* Whitespace just inside a block, after its start tag or before its end
 * tag, starts or ends a line and renders as nothing. */
static int opens_or_closes(unsigned prev, unsigned cls)
{
    return ((prev & (T_BLOCK | T_END)) == T_BLOCK && !(prev & T_BR)) ||
           (cls & (T_BLOCK | T_END)) == (T_BLOCK | T_END);
}

/*
 * One pass over the page.  Whitespace-only text is held back (`pend`) until
 * the next tag shows whether it matters: between two block tags, or in
 * <head> before a tag the head can hold, the parser would make it a text
 * node that renders as nothing; elsewhere ("</b> <i>") it separates words
 * and is kept, as one byte.  Comments and removed elements are transparent
 * to this.
 */
size_t dc_prune(const char *in, size_t n, char *out, dc_prune_stats *stats)
{
    return dc_prune_ex(in, n, out, stats, 0);
}

/* Is the tag of class `cls` an <img>? */
static int is_img(unsigned cls)
{
    unsigned id = cls >> T_ID;
    return id && strcmp(tag_kinds[id - 1].name, "img") == 0;
}

size_t dc_prune_ex(const char *in, size_t n, char *out, dc_prune_stats *stats, unsigned flags)
{
    int images = (flags & DC_PRUNE_KEEP_IMAGES) != 0;
    size_t i = 0, o = 0;
    unsigned prev = 0;   /* class of the last tag copied, if no text since */
    unsigned pre = 0;    /* open pre-like elements                          */
    int head = 0, plain = 0;
    char pend = 0;
    dc_prune_stats st = {0};
    size_t fmt = 0;      /* formatting elements open, counted as guard.c does */
    /* The last start tag written, while nothing has been written after it:
     * an inline element closed right away is taken out again. */
    unsigned empty_id = 0, empty_prev = 0;
    size_t empty_at = 0, empty_end = 0;
    while (i < n) {
        const char *p = memchr(in + i, '<', n - i);
        size_t at = p ? (size_t)(p - in) : n;
        if (at > i) {
            if (pre || plain || !all_ws(in + i, at - i)) {
                if (pend)
                    out[o++] = pend;
                pend = 0;
                memcpy(out + o, in + i, at - i);
                o += at - i;
                prev = 0;
            } else {
                pend = pend == '\n' || memchr(in + i, '\n', at - i) ? '\n' : ' ';
            }
        }
        i = at;
        if (i >= n)
            break;
        const char *s = in + i;
        size_t left = n - i;
        if (left >= 4 && s[1] == '!' && s[2] == '-' && s[3] == '-') {
            /* Where the parser ends it: "<!-->" is a whole comment, and
             * the text after it is the page's. */
            size_t e = dc_comment_end(s, left);
            if (e) {
                i += e;
                continue;
            }
        }
        unsigned cls = plain ? 0 : tag_class(s, left);
        /* Undone if the element turns out to go whole. */
        size_t mark = o;
        char held = pend;
        unsigned before = prev;
        if (pend) {
            if (!((head && (cls & T_HEAD)) || (prev & cls & T_BLOCK) || opens_or_closes(prev, cls)))
                out[o++] = pend;
            pend = 0;
        }
        prev = cls;
        if (!(cls & T_TAG)) {
            out[o++] = '<';
            i++;
            continue;
        }
        st.tags++;
        if (cls & T_END) {
            if ((cls & T_PRE) && pre)
                pre--;
            if ((cls & T_HEAD) && (cls & T_BLOCK))
                head = 0; /* </head> */
            if ((cls & T_FMT) && fmt)
                fmt--;
            /* Copied whole, so that its name is not read again as text. */
            size_t te = tag_end(s, left);
            if (te && empty_id && o == empty_end && cls >> T_ID == empty_id) {
                o = empty_at; /* "<i class=icon></i>": nothing to read */
                prev = empty_prev;
                empty_id = 0;
                i += te;
                continue;
            }
            if (te) {
                memcpy(out + o, s, te);
                o += te;
                i += te;
                continue;
            }
            out[o++] = '<';
            i++;
            continue;
        }
        size_t tag_at = o, attrs;
        size_t used = copy_tag(s, left, out, &o, &attrs, images);
        if (!used) { /* unterminated: the parser decides */
            st.start_tags++;
            out[o++] = '<';
            i++;
            continue;
        }
        size_t body = cls & T_RAW ? raw_body(s + used, left - used, cls) : 0;
        int whole = (cls & T_GONE) && !(images && is_img(cls)) && goes_whole(out + tag_at, o - tag_at, cls);
        if (whole && body < left - used) {
            size_t close = cls & T_RAW ? tag_end(s + used + body, left - used - body) : 0;
            if (close || !(cls & T_RAW)) {
                o = mark;
                pend = held;
                prev = before;
                st.tags--;
                i += used + body + close;
                continue;
            }
        }
        empty_id = cls & T_EMPTY ? cls >> T_ID : 0;
        empty_at = tag_at, empty_end = o, empty_prev = before;
        st.start_tags++;
        if (attrs > st.max_attrs)
            st.max_attrs = attrs;
        if (cls & T_FMT) {
            if (fmt > st.max_fmt_open)
                st.max_fmt_open = fmt;
            fmt++;
        }
        if (cls & (T_FOREIGN | T_PLAIN))
            st.unsure = 1;
        if (cls & T_PRE)
            pre++;
        if (cls & T_PLAIN)
            plain = 1;
        /* <head> opens the head; anything that cannot stand in it (<body>,
         * a <div>) means the body has begun. */
        head = (cls & T_HEAD) && (head || (cls & T_BLOCK));
        i += used;
        if ((cls & T_RAW) && body < left - used) {
            /* JSON-LD (metadata reads it) and what the parser takes as
             * text (a <title>'s "<b>" is not a tag) go as they are. */
            if ((cls & T_TEXT) || (!whole && (cls & T_RAW) == 1)) {
                memcpy(out + o, s + used, body);
                o += body;
                prev = 0;
            }
            i += body;
        }
    }
    if (pend)
        out[o++] = pend;
    out[o] = '\0';
    if (stats)
        *stats = st;
    return o;
}
