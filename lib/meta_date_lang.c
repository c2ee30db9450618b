/*
 * meta_date_lang.c — the words dates are written with, per language.
 *
 * Language data, not rules: month names (nominative and genitive, the
 * forms a day number takes: "17 января", "17 stycznia", "17 Ιανουαρίου"),
 * weekday names (for bylines that run into a dateline), the words that say
 * morning or afternoon, and the Levantine Arabic months named in two words.
 * Every name is stored as dc_date_fold() leaves it: lower case, Latin and
 * Greek without accents, Cyrillic ё as е, Arabic alef forms as bare alef,
 * ta marbuta as ha, final sigma as sigma.  tests/unit/test_meta_date.c
 * checks that each entry is its own fold.  Chinese, Japanese and Korean
 * dates need no words: 年月日 and 년월일 follow the numbers (meta_date.c).
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "meta_date.h"
#include "text.h"

typedef struct lang_word {
    const char *name;
    int value;
} lang_word;

/* Levantine Arabic names October/November and December/January as the
 * first or second tishrin or kanun; the ordinal follows (dc_lang_month_pair). */
enum { KANUN = 101, TISHRIN = 102 };

static const lang_word months[] = {
    /* en */
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12},
    /* it */
    {"gennaio", 1}, {"febbraio", 2}, {"marzo", 3}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6},
    {"luglio", 7}, {"agosto", 8}, {"settembre", 9}, {"ottobre", 10}, {"novembre", 11},
    {"dicembre", 12},
    /* de */
    {"januar", 1}, {"janner", 1}, {"februar", 2}, {"feber", 2}, {"marz", 3}, {"mai", 5},
    {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"dezember", 12},
    /* fr */
    {"janvier", 1}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6}, {"juillet", 7},
    {"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"decembre", 12},
    /* es */
    {"enero", 1}, {"febrero", 2}, {"abril", 4}, {"mayo", 5}, {"junio", 6}, {"julio", 7},
    {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
    /* pt */
    {"janeiro", 1}, {"fevereiro", 2}, {"marco", 3}, {"maio", 5}, {"junho", 6}, {"julho", 7},
    {"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12},
    /* nl */
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
    /* sv */
    {"maj", 5}, {"augusti", 8},
    /* ru */
    {"январь", 1}, {"января", 1}, {"февраль", 2}, {"февраля", 2}, {"март", 3}, {"марта", 3},
    {"апрель", 4}, {"апреля", 4}, {"май", 5}, {"мая", 5}, {"июнь", 6}, {"июня", 6}, {"июль", 7},
    {"июля", 7}, {"август", 8}, {"августа", 8}, {"сентябрь", 9}, {"сентября", 9}, {"октябрь", 10},
    {"октября", 10}, {"ноябрь", 11}, {"ноября", 11}, {"декабрь", 12}, {"декабря", 12},
    /* uk */
    {"січень", 1}, {"січня", 1}, {"лютий", 2}, {"лютого", 2}, {"березень", 3}, {"березня", 3},
    {"квітень", 4}, {"квітня", 4}, {"травень", 5}, {"травня", 5}, {"червень", 6}, {"червня", 6},
    {"липень", 7}, {"липня", 7}, {"серпень", 8}, {"серпня", 8}, {"вересень", 9}, {"вересня", 9},
    {"жовтень", 10}, {"жовтня", 10}, {"листопад", 11}, {"листопада", 11}, {"грудень", 12},
    {"грудня", 12},
    /* pl */
    {"styczen", 1}, {"stycznia", 1}, {"luty", 2}, {"lutego", 2}, {"marzec", 3}, {"marca", 3},
    {"kwiecien", 4}, {"kwietnia", 4}, {"maja", 5}, {"czerwiec", 6}, {"czerwca", 6}, {"lipiec", 7},
    {"lipca", 7}, {"sierpien", 8}, {"sierpnia", 8}, {"wrzesien", 9}, {"wrzesnia", 9},
    {"pazdziernik", 10}, {"pazdziernika", 10}, {"listopad", 11}, {"listopada", 11},
    {"grudzien", 12}, {"grudnia", 12},
    /* tr */
    {"ocak", 1}, {"subat", 2}, {"mart", 3}, {"nisan", 4}, {"mayis", 5}, {"haziran", 6},
    {"temmuz", 7}, {"agustos", 8}, {"eylul", 9}, {"ekim", 10}, {"kasim", 11}, {"aralik", 12},
    /* el */
    {"ιανουαριοσ", 1}, {"ιανουαριου", 1}, {"ιανουαρη", 1}, {"φεβρουαριοσ", 2}, {"φεβρουαριου", 2},
    {"φεβρουαρη", 2}, {"φλεβαρη", 2}, {"μαρτιοσ", 3}, {"μαρτιου", 3}, {"μαρτη", 3}, {"απριλιοσ", 4},
    {"απριλιου", 4}, {"απριλη", 4}, {"μαιοσ", 5}, {"μαιου", 5}, {"μαη", 5}, {"ιουνιοσ", 6},
    {"ιουνιου", 6}, {"ιουνη", 6}, {"ιουλιοσ", 7}, {"ιουλιου", 7}, {"ιουλη", 7}, {"αυγουστοσ", 8},
    {"αυγουστου", 8}, {"σεπτεμβριοσ", 9}, {"σεπτεμβριου", 9}, {"σεπτεμβρη", 9}, {"οκτωβριοσ", 10},
    {"οκτωβριου", 10}, {"οκτωβρη", 10}, {"νοεμβριοσ", 11}, {"νοεμβριου", 11}, {"νοεμβρη", 11},
    {"δεκεμβριοσ", 12}, {"δεκεμβριου", 12}, {"δεκεμβρη", 12},
    /* ar */
    {"يناير", 1}, {"جانفي", 1}, {"فبراير", 2}, {"فيفري", 2}, {"مارس", 3}, {"اذار", 3}, {"ابريل", 4},
    {"افريل", 4}, {"نيسان", 4}, {"مايو", 5}, {"ماي", 5}, {"ايار", 5}, {"يونيو", 6}, {"يونيه", 6},
    {"جوان", 6}, {"حزيران", 6}, {"يوليو", 7}, {"يوليه", 7}, {"جويليه", 7}, {"يوليوز", 7},
    {"تموز", 7}, {"اغسطس", 8}, {"اوت", 8}, {"غشت", 8}, {"اب", 8}, {"سبتمبر", 9}, {"شتنبر", 9},
    {"ايلول", 9}, {"اكتوبر", 10}, {"نوفمبر", 11}, {"نونبر", 11}, {"ديسمبر", 12}, {"دجنبر", 12},
    /* ar, Levantine: two words, see dc_lang_month_pair */
    {"كانون", KANUN}, {"تشرين", TISHRIN},
};

static const char *const weekdays[] = {
    /* en */
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    /* de */
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    /* fr */
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    /* es */
    "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
    /* it */
    "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica",
    /* pt */
    "segunda-feira", "terca-feira", "quarta-feira", "quinta-feira", "sexta-feira",
    /* nl */
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    /* sv */
    "mandag", "tisdag", "onsdag", "torsdag", "fredag", "lordag", "sondag",
    /* ru */
    "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
    /* uk */
    "понеділок", "вівторок", "середа", "четвер", "пятниця", "субота", "неділя",
    /* pl */
    "poniedzialek", "wtorek", "sroda", "czwartek", "piatek", "sobota", "niedziela",
    /* tr */
    "pazartesi", "sali", "carsamba", "persembe", "cuma", "cumartesi", "pazar",
    /* el */
    "δευτερα", "τριτη", "τεταρτη", "πεμπτη", "παρασκευη", "σαββατο", "κυριακη",
    /* ar */
    "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد",
};

/* Said before or after the time: 1 morning (a.m.), 2 afternoon (p.m.). */
static const lang_word ampm_words[] = {
    {"am", 1}, {"pm", 2},
    /* el: "π.μ." and "μ.μ." also come as one word */
    {"πμ", 1}, {"μμ", 2},
    /* ar: after the time ("5:21 م") */
    {"ص", 1}, {"صباحا", 1}, {"م", 2}, {"مساء", 2},
    /* zh, ja, ko: before the time ("下午3:21", "午後5時", "오후 3:21") */
    {"上午", 1}, {"早上", 1}, {"凌晨", 1}, {"午前", 1}, {"오전", 1},
    {"下午", 2}, {"中午", 2}, {"晚上", 2}, {"傍晚", 2}, {"午后", 2}, {"午後", 2}, {"오후", 2},
};

static int same(const char *entry, const char *w, size_t n)
{
    return entry[0] == w[0] && strlen(entry) == n && memcmp(entry, w, n) == 0;
}

static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/*
 * Every word of every date candidate is looked up here, and nearly none is
 * a month.  The names and all their prefixes (the abbreviations) are hashed
 * once into one open-addressed table, so a lookup costs one hash of the word
 * and a probe or two however many languages the table holds.  Each key
 * keeps what the two rules below need: the first name it equals, and the
 * month shared by every longer name it starts (-1 when they disagree).
 */
#define MONTH_SLOTS 4096 /* a power of two, over twice the keys */
typedef struct month_key {
    uint16_t name; /* months[] index of a name the key starts; MONTH_EMPTY: free */
    uint8_t len;   /* the key's length in bytes */
    uint8_t exact; /* the value of the first name equal to the key, else 0 */
    int8_t abbrev; /* 1..12: the month of every longer name the key starts; 0 none, -1 several */
} month_key;
#define MONTH_EMPTY 0xFFFF

static month_key month_keys[MONTH_SLOTS];
static pthread_once_t month_once = PTHREAD_ONCE_INIT;

/* The slot of key w[0..n), or the free slot where it goes. */
static month_key *month_slot(const char *w, size_t n)
{
    for (uint32_t h = dc_fnv1a(w, n);; h++) {
        month_key *k = &month_keys[h & (MONTH_SLOTS - 1)];
        if (k->name == MONTH_EMPTY || (k->len == n && memcmp(months[k->name].name, w, n) == 0))
            return k;
    }
}

static void build_months(void)
{
    for (size_t i = 0; i < MONTH_SLOTS; i++)
        month_keys[i].name = MONTH_EMPTY;
    for (size_t m = 0; m < sizeof months / sizeof months[0]; m++) {
        const char *name = months[m].name;
        size_t len = strlen(name);
        for (size_t n = 2; n <= len; n++) {
            month_key *k = month_slot(name, n);
            if (k->name == MONTH_EMPTY) {
                k->name = (uint16_t)m;
                k->len = (uint8_t)n;
            }
            if (n == len && !k->exact)
                k->exact = (uint8_t)months[m].value;
            if (n < len && months[m].value <= 12 && k->abbrev != months[m].value)
                k->abbrev = (int8_t)(k->abbrev ? -1 : months[m].value);
        }
    }
}

int dc_lang_month(const char *w, size_t n)
{
    if (n < 2 || n > UINT8_MAX) /* no name is as long */
        return 0;
    pthread_once(&month_once, build_months);
    const month_key *k = month_slot(w, n);
    if (k->name == MONTH_EMPTY)
        return 0;
    if (k->exact)
        return k->exact;
    /*
     * An abbreviation ("Sept", "févr", "июн", "Ιαν") of three characters or
     * more matches when every name it starts agrees on the month, so "jui"
     * (juin/juillet) is refused rather than guessed.  Arabic names are not
     * abbreviated, and its short words would match too much.
     */
    if ((unsigned char)w[0] >= 0xD8 || chars(w, n) < 3)
        return 0;
    return k->abbrev > 0 ? k->abbrev : 0;
}

int dc_lang_month_pair(int first, const char *w, size_t n)
{
    if (first != KANUN && first != TISHRIN)
        return 0;
    static const lang_word ordinal[] = {{"الاول", 1}, {"اول", 1}, {"الثاني", 2}, {"ثاني", 2}};
    for (size_t k = 0; k < sizeof ordinal / sizeof ordinal[0]; k++)
        if (same(ordinal[k].name, w, n)) {
            if (first == KANUN)
                return ordinal[k].value == 1 ? 12 : 1;
            return ordinal[k].value == 1 ? 10 : 11;
        }
    return 0;
}

int dc_lang_weekday(const char *w, size_t n)
{
    if (n < 2)
        return 0;
    for (size_t k = 0; k < sizeof weekdays / sizeof weekdays[0]; k++)
        if (same(weekdays[k], w, n))
            return 1;
    return 0;
}

int dc_lang_ampm(const char *w, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t k = 0; k < sizeof ampm_words / sizeof ampm_words[0]; k++)
        if (same(ampm_words[k].name, w, n))
            return ampm_words[k].value;
    return 0;
}

const char *dc_lang_unfolded(void)
{
    char buf[64];
    for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
        size_t n = strlen(months[k].name);
        if (dc_date_fold(months[k].name, n, buf, sizeof buf) != n || memcmp(buf, months[k].name, n))
            return months[k].name;
    }
    for (size_t k = 0; k < sizeof weekdays / sizeof weekdays[0]; k++) {
        size_t n = strlen(weekdays[k]);
        if (dc_date_fold(weekdays[k], n, buf, sizeof buf) != n || memcmp(buf, weekdays[k], n))
            return weekdays[k];
    }
    for (size_t k = 0; k < sizeof ampm_words / sizeof ampm_words[0]; k++) {
        size_t n = strlen(ampm_words[k].name);
        if (dc_date_fold(ampm_words[k].name, n, buf, sizeof buf) != n || memcmp(buf, ampm_words[k].name, n))
            return ampm_words[k].name;
    }
    return NULL;
}
