/*
 * meta_lang.c — the article's language: the body's, when it can be told,
 * as one normalised BCP 47 tag.
 *
 * Runs after the body is rendered (the declared lang comes from meta.c).
 * Templates copy lang="en" onto pages in every language, so the detected
 * language replaces the declared one.  The tag carries no more than tells
 * written text apart, so that a corpus can be filtered by it without a
 * lookup table: "en" whether the page said en, en-US or en_GB; a script only
 * for a language written in two; a region only for Portuguese.
 */
#include <string.h>

#include "lang.h"
#include "text.h"

/* Languages written in both Cyrillic and Latin letters, whose script is
 * told from the text. */
static int two_alphabets(const char *lang)
{
    static const char *const langs[] = {"sr", "bs", "uz", "az"};
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
        if (!strcmp(lang, langs[i]))
            return 1;
    return 0;
}

/* ISO 639 codes BCP 47 has replaced. */
static const char *current_code(const char *lang)
{
    static const char *const renamed[][2] = {
        {"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"mo", "ro"}};
    for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
        if (!strcmp(lang, renamed[i][0]))
            return renamed[i][1];
    return lang;
}

/* A tag's parts: primary language (lower case), script (title case, or
 * ""), region (upper case, or ""). */
typedef struct {
    char lang[4], script[5], region[4];
} tag_parts;

static int parse_tag(const char *s, size_t n, tag_parts *t)
{
    memset(t, 0, sizeof *t);
    size_t i = 0;
    for (int part = 0; i < n; part++) {
        size_t st = i;
        while (i < n && (dc_is_alpha((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9')))
            i++;
        size_t len = i - st;
        int alpha = 1;
        for (size_t k = st; k < i; k++)
            alpha &= dc_is_alpha((unsigned char)s[k]);
        if (part == 0) {
            if (len < 2 || len > 3 || !alpha)
                return 0;
            for (size_t k = 0; k < len; k++)
                t->lang[k] = (char)dc_lower((unsigned char)s[st + k]);
        } else if (len == 4 && alpha && !t->script[0] && !t->region[0]) {
            t->script[0] = (char)(dc_lower((unsigned char)s[st]) - 32);
            for (size_t k = 1; k < 4; k++)
                t->script[k] = (char)dc_lower((unsigned char)s[st + k]);
        } else if (((len == 2 && alpha) || (len == 3 && !alpha)) && !t->region[0]) {
            for (size_t k = 0; k < len; k++) {
                char c = s[st + k];
                t->region[k] = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
            }
        }
        if (i >= n || (s[i] != '-' && s[i] != '_'))
            break;
        i++;
    }
    const char *now = current_code(t->lang);
    if (now != t->lang)
        memcpy(t->lang, now, 3); /* two letters and their NUL */
    return 1;
}

/* The script a Chinese region implies, or NULL. */
static const char *chinese_script(const char *region)
{
    static const char *const hant[] = {"TW", "HK", "MO"}, *const hans[] = {"CN", "SG", "MY"};
    for (size_t i = 0; i < 3; i++) {
        if (!strcmp(region, hant[i]))
            return "Hant";
        if (!strcmp(region, hans[i]))
            return "Hans";
    }
    return NULL;
}

/* Writes lang[-script][-region] as reported (see dc_lang_report). */
static size_t report(const tag_parts *t, char out[16])
{
    const char *script = NULL, *region = NULL;
    if (!strcmp(t->lang, "zh"))
        script = t->script[0] ? t->script : chinese_script(t->region);
    else if (two_alphabets(t->lang) && (!strcmp(t->script, "Cyrl") || !strcmp(t->script, "Latn")))
        script = t->script;
    if (!strcmp(t->lang, "pt") && (!strcmp(t->region, "BR") || !strcmp(t->region, "PT")))
        region = t->region;
    size_t o = strlen(t->lang);
    memcpy(out, t->lang, o);
    if (script && strlen(script) == 4) {
        out[o++] = '-';
        memcpy(out + o, script, 4);
        o += 4;
    }
    if (region) {
        out[o++] = '-';
        memcpy(out + o, region, 2);
        o += 2;
    }
    out[o] = '\0';
    return o;
}

size_t dc_lang_report(const char *tag, size_t n, char out[16])
{
    tag_parts t;
    out[0] = '\0';
    return tag && parse_tag(tag, n, &t) ? report(&t, out) : 0;
}

/* A line worth reading for the language: long, and no row of a table or a
 * menu ("Home | News | Sport"). */
static int prose_line(const char *s, size_t n)
{
    if (n < 60)
        return 0;
    for (size_t i = 0; i + 3 <= n; i++)
        if (s[i] == ' ' && s[i + 1] == '|' && s[i + 2] == ' ')
            return 0;
    return 1;
}

/*
 * What the detector reads first: the body's prose lines, up to its budget,
 * so that a date line, a menu or a table of names at the top does not drown
 * a story in its own language.  Returns the sample's length in buf
 * (DC_LANG_MAX_BYTES bytes, then DC_LANG_PAD NULs), 0 when the body has too little prose.
 */
#define DC_LANG_PAD 8

static size_t sample(const char *text, size_t len, char *buf)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o < DC_LANG_MAX_BYTES;) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (prose_line(text + i, end - i)) {
            size_t k = end - i;
            if (k > DC_LANG_MAX_BYTES - o) {
                /* Never half a character: CLD2 trusts its input to be
                 * valid UTF-8 and reads a cut one past the sample. */
                k = DC_LANG_MAX_BYTES - o;
                while (k > 0 && ((unsigned char)text[i + k] & 0xC0) == 0x80)
                    k--;
            }
            memcpy(buf + o, text + i, k);
            o += k;
            if (o < DC_LANG_MAX_BYTES)
                buf[o++] = '\n';
        }
        i = end + 1;
    }
    /* CLD2's script scanner looks a few bytes ahead of the character it
     * reads: the sample ends in NULs, as the body it is cut from does. */
    memset(buf + o, 0, DC_LANG_PAD);
    return o >= DC_LANG_MIN_BYTES ? o : 0;
}

/* The body's language in code, from its prose, else from its start (a page
 * of short lines: a shop's list, a forum's).  Points *s, *n at what told. */
static int detect(const char *text, size_t len, char *buf, char code[16], const char **s,
                  size_t *n)
{
    if (len < DC_LANG_MIN_BYTES)
        return 0;
    *n = sample(text, len, buf);
    *s = buf;
    if (*n && dc_lang_detect(buf, *n, code))
        return 1;
    *s = text;
    *n = len;
    return dc_lang_detect(text, len, code);
}

/* "Cyrl" or "Latn", by which alphabet most of the letters are in; NULL
 * when there are too few to tell. */
static const char *alphabet_of(const char *s, size_t n)
{
    size_t cyrillic = 0, latin = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xD0 || c == 0xD1 || c == 0xD2 || c == 0xD3)
            cyrillic++;
        else if (dc_is_alpha(c) || c == 0xC4 || c == 0xC5)
            latin++;
    }
    if (cyrillic + latin < 50)
        return NULL;
    return cyrillic > latin ? "Cyrl" : "Latn";
}

decant_status dc_meta_language(decant_article *a, const char *text, size_t len)
{
    if (!a)
        return DECANT_OK;
    const char *declared = a->field[DECANT_FIELD_LANGUAGE];
    tag_parts d, t;
    int have_declared = declared && parse_tag(declared, strlen(declared), &d);

    char code[16], buf[DC_LANG_MAX_BYTES + DC_LANG_PAD];
    const char *s = text;
    size_t n = 0;
    if (detect(text, len, buf, code, &s, &n) && parse_tag(code, strlen(code), &t)) {
        a->source[DECANT_FIELD_LANGUAGE] = "detected";
        if (two_alphabets(t.lang)) {
            const char *alpha = alphabet_of(s, n < DC_LANG_MAX_BYTES ? n : DC_LANG_MAX_BYTES);
            if (alpha)
                memcpy(t.script, alpha, 5);
            else if (have_declared && !strcmp(d.lang, t.lang))
                memcpy(t.script, d.script, 5);
        }
        /* Only the page can tell Brazil's spelling from Portugal's. */
        if (have_declared && !strcmp(d.lang, t.lang))
            memcpy(t.region, d.region, 4);
    } else if (have_declared) {
        t = d;
    } else {
        a->field[DECANT_FIELD_LANGUAGE] = NULL;
        a->source[DECANT_FIELD_LANGUAGE] = NULL;
        return DECANT_OK;
    }
    size_t k = report(&t, code);
    if (declared && !strcmp(declared, code))
        return DECANT_OK;
    char *c = dc_arena_strndup(&a->arena, code, k);
    if (!c)
        return DECANT_ERR_NOMEM;
    a->field[DECANT_FIELD_LANGUAGE] = c;
    return DECANT_OK;
}
