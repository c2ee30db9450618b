/*
 * decode.c — raw page bytes to valid, NUL-free UTF-8.  See decode.h for the
 * order of evidence: here the sniffing (binary, UTF-16, compressions), gzip,
 * and the choice of a charset and whether it fits the bytes; charset.c
 * knows the charsets' names and finds a page's own, transcode.c converts.
 * Nothing is cached between calls, so the decoder is safe to run on many
 * threads at once.
 */
#include "decode.h"

#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <uchardet/uchardet.h>
#include <zlib.h>

#include "charset.h"
#include "internal.h"
#include "lang.h"
#include "mojibake.h"
#include "text.h"

#define SNIFF_WINDOW 1024      /* binary / UTF-16 heuristics look this far   */
#define DETECT_WINDOW 65536    /* uchardet sees at most this much             */

/* ------------------------------------------------------------- sniffing */

/*
 * The compression s[0..n) starts with, by its magic bytes, when it is one
 * decant does not read (gzip is read, and zstd only as a web archive); NULL
 * otherwise.  Naming it says what to do ("decompress it first") where
 * "binary" would leave the reader guessing.
 */
static const char *foreign_compression(const unsigned char *s, size_t n)
{
    static const struct {
        unsigned char len;
        const char *sig, *name;
    } magic[] = {
        {4, "\x04\x22\x4d\x18", "lz4"},          /* frame format          */
        {4, "\x02\x21\x4c\x18", "lz4"},          /* legacy format         */
        {6, "\xfd" "7zXZ\0", "xz"},
        {4, "LZIP", "lzip"},
        {4, "\x28\xb5\x2f\xfd", "zstd"},
        {4, "\x37\xa4\x30\xec", "zstd"},          /* a zstd dictionary     */
        {2, "\x1f\x9d", "compress (.Z)"},
    };
    for (size_t i = 0; i < sizeof magic / sizeof magic[0]; i++)
        if (n >= magic[i].len && !memcmp(s, magic[i].sig, magic[i].len))
            return magic[i].name;
    if (n >= 10 && !memcmp(s, "BZh", 3) && s[3] >= '1' && s[3] <= '9' &&
        (!memcmp(s + 4, "1AY&SY", 6) || !memcmp(s + 4, "\x17\x72\x45\x38\x50\x90", 6)))
        return "bzip2";
    return NULL;
}

static int binary_magic(const unsigned char *s, size_t n)
{
    static const struct {
        unsigned char off, len;
        const char *sig;
    } magic[] = {
        {0, 8, "\x89PNG\r\n\x1a\n"},
        {0, 3, "\xff\xd8\xff"},             /* JPEG */
        {0, 6, "GIF87a"},
        {0, 6, "GIF89a"},
        {0, 5, "%PDF-"},
        {0, 4, "PK\x03\x04"},               /* zip, docx, epub, jar */
        {0, 4, "PK\x05\x06"},               /* empty zip */
        {0, 2, "\x1f\x8b"},                 /* gzip inside gzip */
        {0, 4, "\x7f" "ELF"},
        {0, 6, "7z\xbc\xaf\x27\x1c"},
        {0, 4, "Rar!"},
        {0, 4, "OggS"},
        {0, 4, "fLaC"},
        {0, 4, "ID3\x03"},                  /* MP3 */
        {0, 4, "ID3\x04"},
        {0, 4, "II*\0"},                    /* TIFF */
        {0, 4, "MM\0*"},
        {0, 4, "wOFF"},                     /* web fonts */
        {0, 4, "wOF2"},
        {0, 4, "\x1a\x45\xdf\xa3"},         /* Matroska, WebM */
        {0, 4, "\xca\xfe\xba\xbe"},         /* Java class, Mach-O fat */
        {4, 4, "ftyp"},                     /* MP4, MOV, AVIF, HEIC */
    };
    for (size_t i = 0; i < sizeof magic / sizeof magic[0]; i++)
        if (n >= (size_t)magic[i].off + magic[i].len &&
            !memcmp(s + magic[i].off, magic[i].sig, magic[i].len))
            return 1;
    /* RIFF alone could begin a text; the form type makes it certain. */
    if (n >= 12 && !memcmp(s, "RIFF", 4) &&
        (!memcmp(s + 8, "WEBP", 4) || !memcmp(s + 8, "WAVE", 4) || !memcmp(s + 8, "AVI ", 4)))
        return 1;
    return 0;
}

/* A control byte no text contains.  ESC is allowed: ISO-2022-JP uses it. */
static int is_binary_byte(unsigned c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b;
}

/*
 * UTF-16 without a BOM: ASCII markup puts a NUL in every other byte.  Returns
 * 1 for little-endian, 2 for big-endian, 0 otherwise.  The ASCII halves must
 * look like text too, or 16-bit binary data (audio, say) would qualify.
 */
static int sniff_utf16(const unsigned char *s, size_t n)
{
    size_t w = (n < SNIFF_WINDOW ? n : SNIFF_WINDOW) & ~(size_t)1;
    size_t units = w / 2;
    if (units < 2)
        return 0;
    size_t zero_even = 0, zero_odd = 0, bad_le = 0, bad_be = 0, tag_le = 0, tag_be = 0;
    for (size_t i = 0; i < w; i += 2) {
        if (!s[i]) {
            zero_even++;
            bad_be += is_binary_byte(s[i + 1]) || !s[i + 1];
            tag_be += s[i + 1] == '<';
        }
        if (!s[i + 1]) {
            zero_odd++;
            bad_le += is_binary_byte(s[i]) || !s[i];
            tag_le += s[i] == '<';
        }
    }
    /* Most characters ASCII, the other column (almost) never NUL: a few
     * U+xx00 characters are allowed. */
    if (zero_odd * 2 >= units && zero_even * 16 <= zero_odd && bad_le * 32 <= zero_odd)
        return 1;
    if (zero_even * 2 >= units && zero_odd * 16 <= zero_even && bad_be * 32 <= zero_even)
        return 2;
    /* A page in another script has fewer ASCII characters, but its markup
     * still shows: at least a quarter ASCII, and tags among them. */
    if (zero_odd * 4 >= units && tag_le >= 2 && zero_even * 16 <= zero_odd && bad_le * 32 <= zero_odd)
        return 1;
    if (zero_even * 4 >= units && tag_be >= 2 && zero_odd * 16 <= zero_even && bad_be * 32 <= zero_even)
        return 2;
    return 0;
}

/*
 * Text has no NULs and hardly any other C0 controls.  A single stray byte is
 * forgiven (real pages have them; it becomes U+FFFD); two NULs or more than
 * ~3% control bytes are what images, archives and executables look like.
 */
static int looks_binary(const unsigned char *s, size_t n)
{
    size_t w = n < SNIFF_WINDOW ? n : SNIFF_WINDOW, nul = 0, ctl = 0;
    for (size_t i = 0; i < w; i++) {
        if (!s[i])
            nul++;
        else if (is_binary_byte(s[i]))
            ctl++;
    }
    if (nul < 2 && nul + ctl <= 1 + w / 32)
        return 0;
    /* A page that says it is one ("<!DOCTYPE html", "<head") with a few
     * stray NULs (a crawler's padding, a CMS bug) is still a page: its NULs
     * become U+FFFD, as the HTML standard has parsers do. */
    static const char *const marks[] = {"<!doctype html", "<html", "<head", "<body", "<meta"};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (dc_contains_ci((const char *)s, w, marks[k]))
            return nul + ctl > w / 8;
    return 1;
}

/* ------------------------------------------------------------------ gzip */

/*
 * Inflates every gzip member of in[0..len) into a buffer from ar->alloc that
 * the caller frees (*cap bytes), never past `limit` bytes.
 */
static decant_status gunzip(const unsigned char *in, size_t len, size_t limit, dc_arena *ar,
                            unsigned char **outp, size_t *outn, size_t *outcap, int *truncated,
                            decant_error *err)
{
    /* The trailer's ISIZE (length mod 2^32 of the last member) is usually
     * the exact size; +1 lets the end of the stream be seen without a grow.
     * It is only a hint: a lying trailer is capped like everything else. */
    size_t first = 16384;
    if (len >= 18) {
        const unsigned char *t = in + len - 4;
        size_t isize = (size_t)t[0] | (size_t)t[1] << 8 | (size_t)t[2] << 16 | (size_t)t[3] << 24;
        if (isize < SIZE_MAX && isize + 1 > first && isize / 1032 <= len)
            first = isize + 1;
    }
    dc_inflate_job j = {.alloc = ar->alloc, .wbits = 16 + MAX_WBITS, .members = 1,
                        .limit = limit, .first = first};
    decant_status st = DECANT_ERR_GZIP;
    const char *why = NULL;
    dc_inflate_result res = dc_inflate(&j, in, len);
    /* A file cut short (a download stopped, a disk filled) still holds the
     * page up to the cut, which is worth more than nothing. */
    *truncated = res == DC_INFLATE_TRUNCATED && j.len > 0;
    switch (*truncated ? DC_INFLATE_OK : res) {
    case DC_INFLATE_OK:
        *outp = j.buf;
        *outn = j.len;
        *outcap = j.cap;
        return DECANT_OK;
    case DC_INFLATE_NOMEM_START:
        st = DECANT_ERR_NOMEM;
        /* fall through */
    case DC_INFLATE_NO_START:
        why = "cannot start inflating";
        break;
    case DC_INFLATE_NOMEM_BUFFER:
        st = DECANT_ERR_NOMEM, why = "gzip output buffer";
        break;
    case DC_INFLATE_NOMEM:
        st = DECANT_ERR_NOMEM, why = "inflating";
        break;
    case DC_INFLATE_TOO_LARGE:
        st = DECANT_ERR_TOO_LARGE, why = "gzip decompresses beyond the size limit";
        break;
    case DC_INFLATE_TRUNCATED:
        why = "truncated gzip stream";
        break;
    case DC_INFLATE_CORRUPT:
        why = j.why ? j.why : "corrupt gzip stream";
        break;
    }
    dc_free(ar->alloc, j.buf, j.cap);
    return dc_fail(err, st, why);
}

/* -------------------------------------------------------------- decoding */

/* uchardet's guess (its own name, e.g. "WINDOWS-1251") or NULL. */
static const char *detect(const unsigned char *s, size_t n, char *name, size_t size)
{
    uchardet_t ud = uchardet_new();
    if (!ud)
        return NULL;
    const char *r = NULL;
    if (uchardet_handle_data(ud, (const char *)s, n < DETECT_WINDOW ? n : DETECT_WINDOW) == 0) {
        uchardet_data_end(ud);
        const char *cs = uchardet_get_charset(ud);
        if (cs && *cs && strlen(cs) < size) {
            strcpy(name, cs);
            r = name;
        }
    }
    uchardet_delete(ud);
    return r;
}

/* Can `e` be used here?  For iconv encodings, opens *cd. */
static int usable(const dc_encoding *e, iconv_t *cd)
{
    if (!e)
        return 0;
    if (e->kind != DC_K_ICONV)
        return 1;
    *cd = iconv_open("UTF-8", e->iconv);
    return *cd != (iconv_t)-1;
}

static int is_utf16(const dc_encoding *e)
{
    return e && (e->kind == DC_K_UTF16LE || e->kind == DC_K_UTF16BE);
}

/* Runs one converter; kind-specific arguments ride along in the job. */
typedef struct {
    const unsigned char *s;
    size_t n;
    const dc_encoding *e;
    iconv_t cd;
} job;

static size_t convert(const job *j, char *d, size_t cap)
{
    switch (j->e->kind) {
    case DC_K_UTF8:
        return dc_utf8_clean(j->s, j->n, d);
    case DC_K_UTF16LE:
    case DC_K_UTF16BE:
        return dc_utf16_conv(j->s, j->n, j->e->kind == DC_K_UTF16BE, d);
    case DC_K_1252:
        return dc_w1252_conv(j->s, j->n, d);
    case DC_K_ICONV:
        return dc_iconv_conv(j->cd, j->s, j->n, d, cap);
    }
    return (size_t)-1;
}

/* ------------------------------------------------- does a charset fit? */

#define JUDGE_WINDOW 16384 /* bytes of the page a charset is judged on   */
#define SAMPLE_MAX 2048    /* text of them the judges read                */
/* Oddities (dc_text_oddness) per 100 letters that text read with its own
 * charset stays under; read with another it scores 10 and more. */
#define FIT_RATE 3

/* Decodes s[0..n) with e into the arena, as UTF-8; NULL when it cannot. */
static char *decode_with(const unsigned char *s, size_t n, const dc_encoding *e, dc_arena *ar,
                         size_t *len)
{
    iconv_t cd = (iconv_t)-1;
    if (!usable(e, &cd))
        return NULL;
    job j = {s, n, e, cd};
    size_t k = convert(&j, NULL, 0);
    char *d = k != (size_t)-1 ? dc_arena_alloc(ar, k + 1) : NULL;
    if (d && convert(&j, d, k) != k)
        d = NULL;
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    if (d) {
        d[k] = '\0';
        *len = k;
    }
    return d;
}

/* Where the page's text begins to need a charset: from a little before its
 * first non-ASCII byte (every byte before it is ASCII, so any cut there is
 * a character boundary), JUDGE_WINDOW bytes. */
static void judge_window(const unsigned char *s, size_t n, size_t *from, size_t *to)
{
    size_t p = 0;
    while (p < n && s[p] < 0x80)
        p++;
    *from = p > 512 ? p - 512 : 0;
    *to = n - *from > JUDGE_WINDOW ? *from + JUDGE_WINDOW : n;
}

/* The text of decoded markup d[0..len) that has non-ASCII in it, outside
 * tags, scripts and styles, into buf (cap bytes, cut at a character). */
static size_t text_sample(const char *d, size_t len, char *buf, size_t cap)
{
    const unsigned char *u = (const unsigned char *)d;
    size_t o = 0, i = 0;
    while (i < len && o < cap) {
        if (u[i] == '<') {
            const char *close = dc_starts_ci((const char *)u + i, len - i, "<script") ? "</script"
                                : dc_starts_ci((const char *)u + i, len - i, "<style") ? "</style"
                                                                     : NULL;
            if (close)
                while (i < len && !dc_starts_ci((const char *)u + i, len - i, close))
                    i++;
            const char *gt = memchr(d + i, '>', len - i);
            i = gt ? (size_t)(gt - d) + 1 : len;
            continue;
        }
        size_t st = i;
        int high = 0;
        while (i < len && u[i] != '<')
            high |= u[i++] >= 0x80;
        if (!high)
            continue;
        size_t k = i - st;
        if (k > cap - o - 1) {
            k = cap - o - 1;
            while (k && (u[st + k] & 0xC0) == 0x80)
                k--;
        }
        memcpy(buf + o, d + st, k);
        o += k;
        buf[o++] = ' ';
    }
    return o;
}

typedef struct {
    size_t odd, letters;
    int sure; /* the language detector knows the text's language */
} fit;

static int judge(const unsigned char *s, size_t n, const dc_encoding *e, dc_arena *ar, fit *f)
{
    size_t len;
    char *d = decode_with(s, n, e, ar, &len);
    if (!d)
        return 0;
    /* CLD2's script scanner looks a few bytes past what it is given: the
     * sample ends in NULs, as a decoded page does. */
    char buf[SAMPLE_MAX + 8], code[16];
    size_t k = text_sample(d, len, buf, SAMPLE_MAX);
    memset(buf + k, 0, 8);
    f->odd = dc_text_oddness(buf, k, &f->letters);
    f->sure = k >= DC_LANG_MIN_BYTES && dc_lang_detect(buf, k, code);
    return 1;
}

static int fits(const fit *f)
{
    return f->sure && f->odd * 100 <= f->letters * FIT_RATE;
}

static int same_charset(const dc_encoding *a, const dc_encoding *b)
{
    return a == b || !strcmp(a->iconv, b->iconv);
}

/* Charsets uchardet tells apart poorly: they differ in a few letters only
 * (the euro sign and œ; Ukrainian і ї є ґ; Czech š ž ť). */
static const char *const siblings[][3] = {
    {"windows-1252", "iso-8859-15", NULL},
    {"koi8-r", "koi8-u", NULL},
    {"windows-1250", "iso-8859-2", NULL},
    {"windows-1253", "iso-8859-7", NULL},
};

/* Of e and its siblings, the one whose reading of s[0..n) is least odd
 * (e on a tie). */
static const dc_encoding *pick_sibling(const unsigned char *s, size_t n, const dc_encoding *e,
                                    dc_arena *ar)
{
    for (size_t g = 0; g < sizeof siblings / sizeof siblings[0]; g++) {
        int member = 0;
        for (size_t k = 0; siblings[g][k]; k++)
            member |= !strcmp(siblings[g][k], e->name);
        if (!member)
            continue;
        const dc_encoding *best = e;
        size_t best_odd = SIZE_MAX;
        for (size_t k = 0; k < 3; k++) {
            const dc_encoding *c = k == 0 ? e : siblings[g][k - 1] ? dc_charset_find(siblings[g][k - 1]) : NULL;
            size_t len, letters;
            char *d = c && (k == 0 || c != e) ? decode_with(s, n, c, ar, &len) : NULL;
            if (!d)
                continue;
            char buf[SAMPLE_MAX];
            size_t odd = dc_text_oddness(buf, text_sample(d, len, buf, sizeof buf), &letters);
            if (odd < best_odd)
                best = c, best_odd = odd;
        }
        return best;
    }
    return e;
}

/* uchardet's guess for the page, refined among siblings; NULL if none.
 * `guessed` holds a charset missing from the tables, `lc` its name. */
static const dc_encoding *guess(const unsigned char *s, size_t n, dc_arena *ar, dc_encoding *guessed,
                             char *lc, size_t lc_size)
{
    char raw[48];
    const char *name = detect(s, n, raw, sizeof raw);
    if (!name)
        return NULL;
    const dc_encoding *c = dc_charset_lookup((const unsigned char *)name, strlen(name), lc, lc_size);
    if (!c) {
        /* uchardet's names are iconv's (which takes them in any case), so
         * rarer charsets still work. */
        *guessed = (dc_encoding){lc, lc, DC_K_ICONV};
        c = guessed;
    }
    if (is_utf16(c))
        return NULL;
    size_t a, b;
    judge_window(s, n, &a, &b);
    return pick_sibling(s + a, b - a, c, ar);
}

/*
 * A declared charset that does not fit the page: read with it, the text is
 * not in any language the detector knows, or is full of oddities (letters
 * of two scripts in a word, capitals everywhere, U+FFFD), while read with
 * uchardet's guess it is plain prose.  Old pages are full of such labels
 * (windows-1251 text under iso-8859-1, GBK under big5).  Returns the
 * better charset, or NULL to keep the declared one.
 */
static const dc_encoding *better_than_declared(const unsigned char *s, size_t n, const dc_encoding *e,
                                            dc_arena *ar, dc_encoding *guessed, char *lc,
                                            size_t lc_size)
{
    size_t a, b;
    judge_window(s, n, &a, &b);
    fit fd, fg;
    if (!judge(s + a, b - a, e, ar, &fd) || fits(&fd))
        return NULL;
    const dc_encoding *g = guess(s, n, ar, guessed, lc, lc_size);
    if (!g || same_charset(g, e) || !judge(s + a, b - a, g, ar, &fg) || !fits(&fg))
        return NULL;
    /* Both read as a language: the guess must be clearly less odd. */
    if (fd.sure && fg.odd * 2 >= fd.odd)
        return NULL;
    return g;
}

/* Does s[0..n) hold a byte outside ASCII? */
static int has_high_byte(const unsigned char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            return 1;
    }
    for (; i < n; i++)
        if (s[i] & 0x80)
            return 1;
    return 0;
}

static decant_status decode_text(const unsigned char *s, size_t n, const char *content_type,
                                 unsigned flags, dc_arena *ar, dc_decoded *out,
                                 decant_error *err)
{
    const char *packed = foreign_compression(s, n);
    if (packed) {
        char why[128];
        snprintf(why, sizeof why, "%s; decompress it first (decant reads gzip, and zstd web "
                 "archives)", packed);
        return dc_fail(err, DECANT_ERR_COMPRESSION, why);
    }
    if (binary_magic(s, n))
        return dc_fail(err, DECANT_ERR_BINARY, "file signature of a binary format");

    const dc_encoding *e = NULL;
    const char *source = NULL;
    iconv_t cd = (iconv_t)-1;
    dc_encoding guessed; /* for a detector name missing from our tables */
    char lc[48];

    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        e = DC_ENC_UTF8, s += 3, n -= 3;
    else if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
        e = DC_ENC_UTF16LE, s += 2, n -= 2;
    else if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
        e = DC_ENC_UTF16BE, s += 2, n -= 2;
    if (e) {
        source = "bom";
    } else {
        int u = sniff_utf16(s, n);
        if (u) {
            e = u == 1 ? DC_ENC_UTF16LE : DC_ENC_UTF16BE;
            source = "detector";
        } else if (looks_binary(s, n)) {
            return dc_fail(err, DECANT_ERR_BINARY, "control bytes in the first kilobyte");
        }
    }

    /* A declared UTF-16 is ignored below: had the bytes been UTF-16 the BOM
     * or the NUL pattern would have said so, and trusting a wrong label
     * would garble every character. */
    if (!e && content_type) {
        const unsigned char *v;
        size_t vn;
        const unsigned char *ct = (const unsigned char *)content_type;
        if (dc_charset_param(ct, strlen(content_type), &v, &vn)) {
            const dc_encoding *c = dc_charset_lookup(v, vn, lc, sizeof lc);
            if (!is_utf16(c) && usable(c, &cd))
                e = c, source = "content-type";
        }
    }
    if (!e) {
        const dc_encoding *c = dc_charset_prescan(s, n);
        if (usable(c, &cd))
            e = c, source = "meta";
    }
    int high = !is_utf16(e) && has_high_byte(s, n);
    int valid = high ? dc_utf8_valid(s, n) : 1; /* all ASCII is valid UTF-8 */
    /* A legacy charset cannot have produced bytes that are valid UTF-8 with
     * multi-byte sequences in them (a "gb2312" page saved as UTF-8 by its
     * CMS): the declaration is wrong, and trusting it would garble every
     * character.  Bytes that are all ASCII read the same either way. */
    if (e && e->kind != DC_K_UTF8 && high && valid) {
        if (cd != (iconv_t)-1)
            iconv_close(cd), cd = (iconv_t)-1;
        e = DC_ENC_UTF8, source = "utf8-over-declared";
    }
    /* Any other declaration is checked against the text it gives. */
    if (e && high && !valid && (!strcmp(source, "content-type") || !strcmp(source, "meta"))) {
        const dc_encoding *g = better_than_declared(s, n, e, ar, &guessed, lc, sizeof lc);
        iconv_t gcd = (iconv_t)-1;
        if (g && usable(g, &gcd)) {
            if (cd != (iconv_t)-1)
                iconv_close(cd);
            cd = gcd;
            e = g, source = "detector-over-declared";
        }
    }
    if (!e && valid)
        e = DC_ENC_UTF8, source = "utf8-valid";
    if (!e) {
        const dc_encoding *c = guess(s, n, ar, &guessed, lc, sizeof lc);
        if (usable(c, &cd))
            e = c, source = "detector";
    }
    if (!e)
        e = DC_ENC_1252, source = "default";

    decant_status st = DECANT_OK;
    const char *why = NULL;
    char *text = NULL;
    size_t len = 0;
    if (e->kind == DC_K_UTF8 && valid && !memchr(s, 0, n)) {
        /* The input is usable as is: the next phase (prune.c) copies it
         * anyway, so a second copy here would be pure cost.  An inflated
         * buffer is freed on return, so that one is copied. */
        len = n;
        text = out->was_gzip ? dc_arena_strndup(ar, (const char *)s, n) : (char *)s;
        if (!text)
            st = DECANT_ERR_NOMEM, why = "copying the page";
    } else {
        job j = {s, n, e, cd};
        len = convert(&j, NULL, 0);
        if (len == (size_t)-1) {
            st = DECANT_ERR_DECODE, why = e->name;
        } else if (!(text = dc_arena_alloc(ar, len + 1))) {
            st = DECANT_ERR_NOMEM, why = "decoded text";
        } else if (convert(&j, text, len) != len) {
            st = DECANT_ERR_DECODE, why = e->name;
        } else {
            text[len] = '\0';
        }
        /* iconv's output is trusted no further than the contract needs. */
        if (st == DECANT_OK && e->kind == DC_K_ICONV &&
            (!dc_utf8_valid((const unsigned char *)text, len) || memchr(text, 0, len))) {
            const unsigned char *t = (const unsigned char *)text;
            size_t clean_len = dc_utf8_clean(t, len, NULL);
            char *clean = dc_arena_alloc(ar, clean_len + 1);
            if (!clean) {
                st = DECANT_ERR_NOMEM, why = "decoded text";
            } else {
                dc_utf8_clean(t, len, clean);
                clean[clean_len] = '\0';
                text = clean;
                len = clean_len;
            }
        }
    }
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    dc_mojibake_plan plan;
    if (st == DECANT_OK && !(flags & DC_DECODE_NO_REPAIR) &&
        dc_mojibake_plan_text(text, len, &plan)) {
        char *fixed = dc_arena_alloc(ar, len + plan.grow + 1);
        if (!fixed) {
            st = DECANT_ERR_NOMEM, why = "repaired text";
        } else {
            len = dc_mojibake_repair(text, len, &plan, fixed);
            fixed[len] = '\0';
            text = fixed;
        }
    }
    if (st != DECANT_OK)
        return dc_fail(err, st, why);

    out->text = text;
    out->len = len;
    size_t k = strlen(e->name);
    if (k >= sizeof out->charset)
        k = sizeof out->charset - 1;
    for (size_t i = 0; i < k; i++)
        out->charset[i] = (char)dc_lower((unsigned char)e->name[i]);
    out->charset[k] = '\0';
    out->charset_source = source;
    return DECANT_OK;
}

decant_status dc_decode(const unsigned char *in, size_t len, const char *content_type,
                        size_t max_bytes, unsigned flags, dc_arena *ar, dc_decoded *out,
                        decant_error *err)
{
    if (!out || !ar || (!in && len))
        return dc_fail(err, DECANT_ERR_INVALID, "dc_decode");
    memset(out, 0, sizeof *out);
    if (len == 0)
        return dc_fail(err, DECANT_ERR_EMPTY, NULL);
    size_t limit = max_bytes ? max_bytes : SIZE_MAX;
    if (len > limit)
        return dc_fail(err, DECANT_ERR_TOO_LARGE, NULL);
    if (len < 2 || in[0] != 0x1f || in[1] != 0x8b)
        return decode_text(in, len, content_type, flags, ar, out, err);

    unsigned char *buf = NULL;
    size_t n = 0, cap = 0;
    int truncated = 0;
    decant_status st = gunzip(in, len, limit, ar, &buf, &n, &cap, &truncated, err);
    if (st != DECANT_OK)
        return st;
    out->was_gzip = 1;
    if (n == 0)
        st = dc_fail(err, DECANT_ERR_EMPTY, "the gzip stream holds no bytes");
    else
        st = decode_text(buf, n, content_type, flags, ar, out, err);
    out->truncated = truncated;
    dc_free(ar->alloc, buf, cap);
    return st;
}
