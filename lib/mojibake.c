/*
 * mojibake.c — see mojibake.h.
 *
 * In the damaged text each byte of a UTF-8 sequence became a character of
 * its own: the lead byte (0xC2-0xF4) the letter "Â".."ô", encoded as
 * C3 82..C3 B4, and each continuation byte (0x80-0xBF) either U+0080..
 * U+00BF (Latin-1, encoded C2 80..C2 BF) or, for 0x80-0x9F, the
 * windows-1252 character at that position ("€", "’", "—"...).  Reading the
 * characters back as bytes gives the original sequence, which is kept only
 * if it is valid UTF-8.  A repaired sequence is never longer than the
 * damaged one: at least 4 bytes give at most 3 (a C1 control mapped
 * through windows-1252) or the original's own length.
 */
#include "mojibake.h"

#include <stdint.h>
#include <string.h>

#include "text.h"

/* windows-1252's character for byte 0x80 + b, or 0 where it has none:
 * those bytes come through as U+0081... and are read by the Latin-1 rule. */
static unsigned cp1252(int b)
{
    unsigned cp = dc_windows1252_c1[b];
    return cp == 0x80u + (unsigned)b ? 0 : cp;
}

/* The byte that the character at s (n bytes left) stood for, if it is one
 * a continuation byte turns into; its length in *len.  -1 if none. */
static int continuation_at(const unsigned char *s, size_t n, size_t *len)
{
    if (n >= 2 && s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0xBF) {
        *len = 2;
        return s[1];
    }
    uint32_t cp;
    size_t k = dc_utf8_decode(s, n, &cp);
    for (int b = 0; k >= 2 && b < 32; b++) {
        if (cp1252(b) == cp) {
            *len = k;
            return 0x80 + b;
        }
    }
    return -1;
}

/*
 * Is there a double-encoded sequence at s (s[0] == 0xC3)?  Its length in
 * the damaged text goes to *used, the original bytes to orig (up to 4),
 * their count is returned; 0 if there is none.
 */
static size_t sequence_at(const unsigned char *s, size_t n, size_t *used, unsigned char orig[4])
{
    if (n < 4 || s[1] < 0x82 || s[1] > 0xB4)
        return 0;
    unsigned lead = s[1] + 0x40u; /* U+00C2..U+00F4 -> 0xC2..0xF4 */
    size_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
    orig[0] = (unsigned char)lead;
    size_t at = 2;
    for (size_t k = 1; k <= need; k++) {
        size_t len;
        int b = continuation_at(s + at, n - at, &len);
        if (b < 0)
            return 0;
        orig[k] = (unsigned char)b;
        at += len;
    }
    /* the shortest form only, no surrogates, nothing past U+10FFFF */
    if ((lead == 0xE0 && orig[1] < 0xA0) || (lead == 0xED && orig[1] > 0x9F) ||
        (lead == 0xF0 && orig[1] < 0x90) || (lead == 0xF4 && orig[1] > 0x8F))
        return 0;
    *used = at;
    /* A C1 control (U+0080..U+009F) is itself windows-1252 read as Latin-1
     * on the way in: "Â•" came from a bullet, not from U+0095. */
    if (lead == 0xC2 && orig[1] <= 0x9F && cp1252(orig[1] - 0x80))
        return dc_utf8_encode(cp1252(orig[1] - 0x80), (char *)orig);
    return need + 1;
}


/* ------------------------------------------------------ plausibility */

/* What a character is, for judging text that holds it. */
enum {
    F_LETTER = 1,  /* a letter or a combining mark                          */
    F_UPPER = 2,   /* a Latin-1 capital (À..Þ) or windows-1252's Š Œ Ž Ÿ:   */
                   /* what a lead byte or a continuation byte turns into    */
    F_LOWER = 4,   /* a lower-case Latin letter                             */
    F_SYMBOL = 8,  /* not ASCII, not a letter, not a space                  */
    F_ODD = 16,    /* a symbol misreading makes, odd right after a letter   */
    F_WEDGE = 32,  /* a Latin-1 symbol, odd between two letters             */
    F_BAD = 64     /* a C1 control, or a character of a script or block     */
                   /* that text almost never uses                           */
};

enum { S_NONE, S_INHERIT, S_LATIN, S_GREEK, S_CYRILLIC, S_ARMENIAN, S_HEBREW, S_ARABIC,
       S_INDIC, S_THAI, S_GEORGIAN, S_CJK, S_OTHER };

typedef struct {
    uint32_t cp;
    unsigned char f, script;
} cinfo;

/* Blocks beyond Latin-1, by their first code point; each runs to the next. */
static const struct {
    uint32_t from;
    unsigned char f, script;
} blocks[] = {
    {0x0100, F_LETTER, S_LATIN},          /* Latin Extended-A and -B          */
    {0x0250, F_LETTER | F_BAD, S_LATIN},  /* IPA                              */
    {0x02B0, F_SYMBOL, S_NONE},           /* spacing modifiers                */
    {0x0300, F_LETTER, S_INHERIT},        /* combining marks                  */
    {0x0370, F_LETTER, S_GREEK},
    {0x0400, F_LETTER, S_CYRILLIC},
    {0x0530, F_LETTER, S_ARMENIAN},
    {0x0590, F_LETTER, S_HEBREW},
    {0x0600, F_LETTER, S_ARABIC},
    {0x0700, F_LETTER | F_BAD, S_OTHER},  /* Syriac, Thaana, NKo, Samaritan...*/
    {0x0900, F_LETTER, S_INDIC},
    {0x0E00, F_LETTER, S_THAI},           /* and Lao                          */
    {0x0F00, F_LETTER, S_OTHER},          /* Tibetan, Myanmar                 */
    {0x10A0, F_LETTER, S_GEORGIAN},
    {0x1100, F_LETTER, S_CJK},            /* Hangul Jamo                      */
    {0x1200, F_LETTER, S_OTHER},          /* Ethiopic ... Mongolian ...       */
    {0x1D00, F_LETTER | F_BAD, S_LATIN},  /* phonetic extensions              */
    {0x1E00, F_LETTER, S_LATIN},          /* Latin Extended Additional        */
    {0x1F00, F_LETTER, S_GREEK},
    {0x2000, F_SYMBOL, S_NONE},           /* punctuation, symbols, arrows ... */
    {0x2C00, F_LETTER | F_BAD, S_OTHER},  /* Glagolitic, Coptic, Tifinagh ... */
    {0x2E00, F_SYMBOL, S_NONE},
    {0x2E80, F_LETTER, S_CJK},            /* radicals                         */
    {0x3000, F_SYMBOL, S_NONE},           /* CJK punctuation                  */
    {0x3040, F_LETTER, S_CJK},            /* kana, bopomofo, Hangul           */
    {0x3200, F_SYMBOL, S_NONE},           /* enclosed and squared CJK         */
    {0x3400, F_LETTER, S_CJK},
    {0x4DC0, F_SYMBOL, S_NONE},
    {0x4E00, F_LETTER, S_CJK},
    {0xA000, F_LETTER | F_BAD, S_OTHER},  /* Yi, Vai, Bamum, Latin ext-D/E ...*/
    {0xAC00, F_LETTER, S_CJK},            /* Hangul syllables                 */
    {0xD800, F_BAD, S_NONE},              /* surrogates, private use          */
    {0xF900, F_LETTER, S_CJK},
    {0xFB00, F_LETTER, S_OTHER},          /* presentation forms               */
    {0xFE00, F_LETTER, S_INHERIT},        /* variation selectors              */
    {0xFE10, F_SYMBOL, S_NONE},
    {0xFE70, F_LETTER, S_ARABIC},
    {0xFF00, F_SYMBOL, S_NONE},           /* fullwidth forms                  */
    {0xFF21, F_LETTER, S_CJK},
    {0xFFF0, F_SYMBOL, S_NONE},
    {0x10000, F_LETTER | F_BAD, S_OTHER}, /* historic scripts                 */
    {0x1F000, F_SYMBOL, S_NONE},          /* emoji                            */
    {0x20000, F_LETTER, S_CJK},
    {0x40000, F_BAD, S_NONE},
};

/* Latin-1 symbols a misreading makes from a continuation byte, and that
 * text puts right after a letter only by accident: ¡¢£¤¥¦§¨©¬¯±´¶¸¹¼½¾¿
 * (not «», °, ², ³, ª, º, ·, µ, ®, which follow letters in real text). */
static int latin1_odd(uint32_t cp)
{
    static const char odd[] = "\xA1\xA2\xA3\xA4\xA5\xA6\xA7\xA8\xA9\xAC\xAF\xB1\xB4\xB6\xB8\xB9"
                              "\xBC\xBD\xBE\xBF";
    return memchr(odd, (int)cp, sizeof odd - 1) != NULL;
}

/* Latin Extended-A pairs each capital with its small letter; which one is
 * the small one flips twice. */
static int ext_a_lower(uint32_t cp)
{
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F)
        return 1;
    int odd = cp & 1;
    return (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E) ? !odd : odd;
}

static cinfo classify(uint32_t cp)
{
    cinfo c = {cp, 0, S_NONE};
    if (cp < 0x80) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
            c.f = F_LETTER | (cp >= 'a' ? F_LOWER : 0), c.script = S_LATIN;
        return c;
    }
    if (cp < 0xA0) {
        c.f = F_SYMBOL | F_BAD;
        return c;
    }
    if (cp < 0xC0) {
        if (cp != 0xA0) /* a no-break space is a space */
            c.f = F_SYMBOL | (latin1_odd(cp) ? F_ODD : 0) | (cp != 0xAD && cp != 0xB7 ? F_WEDGE : 0);
        return c;
    }
    if (cp < 0x100) {
        if (cp == 0xD7 || cp == 0xF7)
            c.f = F_SYMBOL;
        else
            c.f = F_LETTER | (cp <= 0xDE ? F_UPPER : F_LOWER), c.script = S_LATIN;
        return c;
    }
    size_t lo = 0, hi = sizeof blocks / sizeof blocks[0];
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (blocks[mid].from <= cp)
            lo = mid;
        else
            hi = mid;
    }
    c.f = blocks[lo].f;
    c.script = blocks[lo].script;
    if (cp < 0x180 && ext_a_lower(cp))
        c.f |= F_LOWER;
    if (cp == 0x160 || cp == 0x152 || cp == 0x17D || cp == 0x178)
        c.f |= F_UPPER;
    if ((cp >= 0x2000 && cp <= 0x200A) || cp == 0x3000)
        c.f = 0; /* spaces */
    /* windows-1252's own symbols, which only a misreading puts after a
     * letter: € ƒ † ‡ ˆ ‰ ‹ › ˜ ‚ */
    if (cp == 0x20AC || cp == 0x0192 || cp == 0x2020 || cp == 0x2021 || cp == 0x02C6 ||
        cp == 0x2030 || cp == 0x2039 || cp == 0x203A || cp == 0x02DC || cp == 0x201A)
        c.f = F_SYMBOL | F_ODD;
    return c;
}

/* How odd the pair x y is in text. */
static unsigned pair_cost(const cinfo *x, const cinfo *y)
{
    unsigned bad = 0;
    /* two scripts inside one word: "libert頻" */
    if ((x->f & y->f & F_LETTER) && x->script != y->script && x->script != S_INHERIT &&
        y->script != S_INHERIT)
        bad += 2;
    /* a capital inside a lower-case word: "trÃ¨s" */
    if ((x->f & F_LOWER) && (y->f & F_UPPER))
        bad++;
    /* "Ã©", "â€", "Ä‡"; but "¡Hola", "¿Qué", "‚Wort‘" open a word */
    if ((x->f & F_LETTER) && (y->f & F_ODD))
        bad++;
    if ((x->f & F_ODD) && (y->f & F_LETTER) && x->cp != 0xA1 && x->cp != 0xBF && x->cp != 0x201A)
        bad++;
    /* Â and Ã lead the UTF-8 of every Latin-1 character: a symbol or a
     * no-break space after them is what a Latin-1 misreading makes. */
    if ((x->cp == 0xC2 || x->cp == 0xC3) && y->cp >= 0x80 && !(y->f & F_LETTER))
        bad++;
    /* "€“", "€™": two symbols in a row, one of them a misreading's */
    if (((x->f & F_ODD) && (y->f & F_SYMBOL)) || ((x->f & F_SYMBOL) && (y->f & F_ODD)))
        bad++;
    return bad;
}

/* Sums the oddness of a run of characters fed one by one. */
typedef struct {
    cinfo a, b; /* the two characters before the next one */
    size_t seen;
    size_t bad;
} scorer;

static void feed(scorer *sc, uint32_t cp)
{
    cinfo c = classify(cp);
    if (c.f & F_BAD)
        sc->bad += 3;
    if (sc->seen >= 1)
        sc->bad += pair_cost(&sc->b, &c);
    /* a Latin-1 symbol wedged in a word: "informaciÃ³n" */
    if (sc->seen >= 2 && (sc->a.f & c.f & F_LETTER) && (sc->b.f & F_WEDGE))
        sc->bad++;
    sc->a = sc->b;
    sc->b = c;
    sc->seen++;
}

/* The code point of valid UTF-8 at s (n bytes left); its length in *len. */
static uint32_t cp_at(const unsigned char *s, size_t n, size_t *len)
{
    uint32_t cp = s[0];
    *len = dc_utf8_decode(s, n, &cp);
    if (!*len) /* not reached on valid input; a byte then stands for itself */
        *len = 1;
    return cp;
}

/* A run of adjacent double-encoded sequences, u[start..end), or a lone C1
 * control there. */
typedef struct {
    size_t start, end;
    int lone;
} stretch;

/* Walks the text from one possible change to the next: a byte C3 (which
 * begins the damage of every sequence) or C2 (a lone C1 control). */
typedef struct {
    const unsigned char *u;
    size_t n, pos;
    size_t c2, c3; /* the next C2 and C3 at or after pos; n when none */
} scan;

static size_t find(const scan *sc, unsigned char b)
{
    const unsigned char *p = memchr(sc->u + sc->pos, b, sc->n - sc->pos);
    return p ? (size_t)(p - sc->u) : sc->n;
}

static void scan_init(scan *sc, const unsigned char *u, size_t n)
{
    sc->u = u;
    sc->n = n;
    sc->pos = 0;
    sc->c2 = find(sc, 0xC2);
    sc->c3 = find(sc, 0xC3);
}

/* The windows-1252 character a lone C1 control at s stands for, as UTF-8
 * in out; its length, or 0 when s holds none or the byte has no character. */
static size_t lone_c1(const unsigned char *s, size_t n, unsigned char out[3])
{
    if (n < 2 || s[0] != 0xC2 || s[1] < 0x80 || s[1] > 0x9F || !cp1252(s[1] - 0x80))
        return 0;
    return dc_utf8_encode(cp1252(s[1] - 0x80), (char *)out);
}

/* The next stretch or lone C1 control; 0 when there is none. */
static int next_stretch(scan *sc, stretch *st)
{
    const unsigned char *u = sc->u;
    size_t n = sc->n, used;
    unsigned char orig[4];
    for (;;) {
        if (sc->c2 < sc->pos)
            sc->c2 = find(sc, 0xC2);
        if (sc->c3 < sc->pos)
            sc->c3 = find(sc, 0xC3);
        size_t i = sc->c2 < sc->c3 ? sc->c2 : sc->c3;
        if (i >= n) {
            sc->pos = n;
            return 0;
        }
        sc->pos = i + 1;
        if (u[i] == 0xC2) {
            if (lone_c1(u + i, n - i, orig)) {
                *st = (stretch){i, i + 2, 1};
                sc->pos = i + 2;
                return 1;
            }
            continue;
        }
        if (!sequence_at(u + i, n - i, &used, orig))
            continue;
        st->start = i;
        st->lone = 0;
        i += used;
        while (i < n && u[i] == 0xC3 && sequence_at(u + i, n - i, &used, orig))
            i += used;
        st->end = sc->pos = i;
        return 1;
    }
}

/* A repaired stretch this short may be an example on a page about
 * mojibake; longer ones are runs of damaged text. */
#define EXAMPLE_MAX 16
/* How far from the stretch its repaired form would be shown beside it. */
#define EXAMPLE_NEAR 80

/* Is u[p] inside a double-encoded sequence that starts before it? */
static int in_sequence(const unsigned char *u, size_t n, size_t p)
{
    size_t used;
    unsigned char orig[4];
    for (size_t q = p > 8 ? p - 8 : 0; q < p; q++)
        if (u[q] == 0xC3 && sequence_at(u + q, n - q, &used, orig) && q + used > p)
            return 1;
    return 0;
}

/* Does u[from..to) hold the k bytes at w, other than as part of damage? */
static int holds(const unsigned char *u, size_t n, size_t from, size_t to, const unsigned char *w,
                 size_t k)
{
    for (size_t i = from; k && i + k <= to; i++) {
        const unsigned char *p = memchr(u + i, w[0], to - k + 1 - i);
        if (!p)
            return 0;
        i = (size_t)(p - u);
        if (!memcmp(p, w, k) && !in_sequence(u, n, i))
            return 1;
    }
    return 0;
}

/*
 * Does the text show the stretch's repaired form close by ('saw "Ã¤"
 * instead of "ä"')?  Then the damage is the subject, not an accident.
 */
static int shown_repaired(const unsigned char *u, size_t n, const stretch *st)
{
    unsigned char fixed[EXAMPLE_MAX + 4];
    size_t k = 0, used;
    for (size_t i = st->start; i < st->end; i += used) {
        unsigned char orig[4];
        size_t m = sequence_at(u + i, n - i, &used, orig);
        if (k + m > EXAMPLE_MAX)
            return 0;
        memcpy(fixed + k, orig, m);
        k += m;
    }
    size_t a = st->start > EXAMPLE_NEAR ? st->start - EXAMPLE_NEAR : 0;
    size_t z = n - st->end > EXAMPLE_NEAR ? st->end + EXAMPLE_NEAR : n;
    return holds(u, n, a, st->start, fixed, k) || holds(u, n, st->end, z, fixed, k);
}

/* Does the stretch read better repaired, judged with the characters on
 * either side of it? */
static int reads_better(const unsigned char *u, size_t n, const stretch *st)
{
    /* The text's edges count as spaces. */
    uint32_t prev = ' ', next = ' ';
    size_t len, used;
    if (st->start) {
        size_t b = st->start - 1;
        while (b > 0 && st->start - b < 4 && (u[b] & 0xC0) == 0x80)
            b--;
        prev = cp_at(u + b, st->start - b, &len);
    }
    if (st->end < n)
        next = cp_at(u + st->end, n - st->end, &len);
    scorer before = {0}, after = {0};
    feed(&before, prev);
    feed(&after, prev);
    for (size_t i = st->start; i < st->end; i += len)
        feed(&before, cp_at(u + i, st->end - i, &len));
    for (size_t i = st->start; i < st->end; i += used) {
        unsigned char orig[4];
        size_t k = sequence_at(u + i, n - i, &used, orig);
        feed(&after, cp_at(orig, k, &len));
    }
    feed(&before, next);
    feed(&after, next);
    return after.bad < before.bad && !shown_repaired(u, n, st);
}

size_t dc_mojibake_plan_text(const char *s, size_t n, dc_mojibake_plan *plan)
{
    const unsigned char *u = (const unsigned char *)s;
    memset(plan, 0, sizeof *plan);
    scan sc;
    scan_init(&sc, u, n);
    stretch st;
    while (next_stretch(&sc, &st)) {
        unsigned char c[3];
        if (st.lone) {
            plan->c1++;
            plan->grow += lone_c1(u + st.start, n - st.start, c) - 2;
        } else if (reads_better(u, n, &st)) {
            plan->better++;
        } else {
            plan->kept++;
        }
    }
    return (plan->better >= DC_MOJIBAKE_MIN_BETTER ? plan->better : 0) + plan->c1;
}

size_t dc_mojibake_repair(const char *s, size_t n, const dc_mojibake_plan *plan, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0, done = 0, used;
    scan sc;
    scan_init(&sc, u, n);
    stretch st;
    int sequences = plan->better >= DC_MOJIBAKE_MIN_BETTER;
    while ((sequences || plan->c1) && next_stretch(&sc, &st)) {
        if (!st.lone && (!sequences || !reads_better(u, n, &st)))
            continue;
        memcpy(out + o, s + done, st.start - done);
        o += st.start - done;
        if (st.lone) {
            o += lone_c1(u + st.start, n - st.start, (unsigned char *)out + o);
        } else {
            for (size_t i = st.start; i < st.end; i += used) {
                unsigned char orig[4];
                size_t k = sequence_at(u + i, n - i, &used, orig);
                memcpy(out + o, orig, k);
                o += k;
            }
        }
        done = st.end;
    }
    memcpy(out + o, s + done, n - done);
    return o + n - done;
}

/* ---------------------------------------------------- decoded text */

/* Capital and small letters of the bicameral scripts decoded text is
 * judged in (Latin, Greek, Cyrillic). */
static int capital(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp < 0x100)
        return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7;
    if (cp < 0x180)
        return !ext_a_lower(cp);
    return (cp >= 0x386 && cp <= 0x3AB && cp != 0x387) || (cp >= 0x400 && cp <= 0x42F);
}

static int small(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp < 0x100)
        return cp >= 0xDF && cp != 0xF7;
    if (cp < 0x180)
        return ext_a_lower(cp);
    return (cp >= 0x3AC && cp <= 0x3CE) || (cp >= 0x430 && cp <= 0x45F);
}

size_t dc_text_oddness(const char *s, size_t n, size_t *letters)
{
    const unsigned char *u = (const unsigned char *)s;
    scorer sc = {0};
    size_t caps = 0, smalls = 0, nletters = 0, odd = 0, len;
    int prev_letter = 0, box_pending = 0;
    for (size_t i = 0; i < n; i += len) {
        uint32_t cp = cp_at(u + i, n - i, &len);
        feed(&sc, cp);
        int letter = (sc.b.f & F_LETTER) != 0;
        nletters += letter;
        caps += capital(cp);
        smalls += small(cp);
        if (cp == 0xFFFD)
            odd += 3;
        /* box drawing and blocks touching a letter: "╕" for "і" */
        int box = cp >= 0x2500 && cp <= 0x259F;
        if ((box && prev_letter) || (letter && box_pending))
            odd++;
        box_pending = box;
        prev_letter = letter;
    }
    /* Prose has more small letters than capitals; a wrong Cyrillic table
     * (KOI8-R read as windows-1251) swaps them. */
    if (caps + smalls >= 20 && caps > smalls)
        odd += (caps - smalls) / 2;
    *letters = nletters;
    return odd + sc.bad;
}
