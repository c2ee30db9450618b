/*
 * pagetype_prose.c — how much a text says, in any script (see pagetype.h).
 *
 * Code points are no measure of prose across scripts: a Chinese story of
 * 1,000 characters says about what an English one of 4,000 does, so a
 * model that reads lengths in characters learns that Chinese pages are
 * short and unlike articles.  Words are counted instead: runs of letters
 * where words are spaced, and for the scripts written without spaces a
 * share of a word per character (Chinese and Japanese words run to about
 * one and a half characters; Thai, Lao, Khmer and Burmese ones to about
 * four).  Sentences end at the full stops, question and exclamation marks
 * of Latin, Greek, Cyrillic, Arabic, Indic and CJK writing.
 */
#include "pagetype.h"

#include "text.h"

typedef enum { CP_OTHER, CP_LETTER, CP_CJK, CP_SEA, CP_END, CP_SPACE } cp_kind;

/* Greek letters: Greek asks its questions with ';'. */
static int greek(uint32_t c)
{
    return (c >= 0x0370 && c <= 0x03FF) || (c >= 0x1F00 && c <= 0x1FFF);
}

/* What code point c is to the counts: a letter of a spaced script, a
 * character of an unspaced one, a sentence end, a space or anything else. */
static cp_kind kind_of(uint32_t c)
{
    if (c < 0x80) {
        if (c == '.' || c == '!' || c == '?')
            return CP_END;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
            return CP_SPACE;
        return dc_is_alpha((unsigned char)c) || (c >= '0' && c <= '9') ? CP_LETTER : CP_OTHER;
    }
    if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E || /* 。！？． */
        c == 0x037E || c == 0x061F || c == 0x06D4 ||                /* Greek ; Arabic ؟ ۔ */
        c == 0x0964 || c == 0x0965 || c == 0x2026)                  /* danda, … */
        return CP_END;
    if (c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B))
        return CP_SPACE;
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF))
        return CP_CJK;
    if ((c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF))
        return CP_SEA;
    /* Punctuation and symbols: general punctuation, CJK punctuation and
     * brackets, full-width ASCII punctuation, Latin-1's signs. */
    if ((c >= 0x2010 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
        (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
        (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7)
        return CP_OTHER;
    return CP_LETTER;
}

/* Quotes and brackets that may stand between a sentence's mark and the
 * space after it. */
static int closing(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == 0xBB || c == 0x2019 || c == 0x201D ||
           c == 0x300D || c == 0x300F || c == 0xFF09;
}

void dc_pt_prose_scan(const char *s, size_t n, dc_pt_prose *out)
{
    const unsigned char *u = (const unsigned char *)s;
    float units = 0, since_end = 0;
    uint32_t sentences = 0;
    int in_word = 0, greek_word = 0;
    cp_kind pending = CP_OTHER; /* a sentence mark waiting for what follows */
    for (size_t i = 0; i < n;) {
        uint32_t c = u[i];
        size_t len = 1;
        if (c >= 0x80 && (len = dc_utf8_decode(u + i, n - i, &c)) == 0) {
            len = 1;
            c = 0xFFFD;
        }
        i += len;
        cp_kind k = kind_of(c);
        if (c == ';' && greek_word)
            k = CP_END;
        /* A mark ends a sentence when space, the end, or an unspaced
         * script's character follows: "3.5" and "e.g.x" do not. */
        if (pending == CP_END) {
            if (k == CP_OTHER && closing(c))
                continue; /* 'he said "no." Then' */
            if ((k == CP_SPACE || k == CP_CJK || k == CP_SEA) && since_end >= 2) {
                sentences++;
                since_end = 0;
            }
            pending = CP_OTHER;
        }
        switch (k) {
        case CP_LETTER:
            greek_word = greek(c);
            if (!in_word) {
                units += 1;
                since_end += 1;
            }
            in_word = 1;
            continue;
        case CP_CJK:
            units += 2.0f / 3.0f;
            since_end += 2.0f / 3.0f;
            break;
        case CP_SEA:
            units += 0.25f;
            since_end += 0.25f;
            break;
        case CP_END:
            /* CJK marks need no space after them */
            if (c >= 0x3000 && since_end >= 2) {
                sentences++;
                since_end = 0;
            } else if (c < 0x3000) {
                pending = CP_END;
            }
            /* "3.5" and "e.g." stay one word */
            continue;
        default:
            break;
        }
        in_word = 0;
    }
    if (pending == CP_END && since_end >= 2) {
        sentences++;
        since_end = 0;
    }
    out->units = units;
    out->sentences = sentences;
    out->tail = since_end;
}
