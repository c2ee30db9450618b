/*
 * mojibake.h — undoing UTF-8 that was decoded as Latin-1 or windows-1252
 * and encoded again ("â€™" for "’", "Ã©" for "é").
 *
 * Pages saved through a misconfigured pipeline carry it in their bytes, so
 * no charset choice fixes them: every such sequence has to be mapped back
 * to the bytes it came from, which are the UTF-8 of the intended character.
 *
 * The repair has to prove itself, because correct text can look the same:
 * "é", a no-break space and "»" in French are the bytes of a double-encoded
 * "頻", and "ß“" in German those of "ߓ".  So the text is judged stretch by
 * stretch (a run of adjacent candidate sequences), with one character of
 * context on each side, and a stretch is repaired only when the repaired
 * text reads better than the damaged one: fewer C1 controls, rare-script
 * characters, letters of two scripts inside one word, symbols wedged in a
 * word, capitals in the middle of a lower-case word, and none of the pairs
 * only a Latin-1 misreading makes ("Â" or "Ã" before a symbol).  A page is
 * repaired only when at least DC_MOJIBAKE_MIN_BETTER stretches prove
 * themselves (a single one may be a page about mojibake), and a short
 * stretch whose repaired form the text shows close by ('"Ã¤" instead of
 * "ä"') is an example, not damage.  Text that is valid UTF-8 and reads well
 * is never changed.
 *
 * A C1 control (U+0080..U+009F) outside such a sequence is text that was
 * windows-1252, read as Latin-1 once ("we\u0092re"): it is always replaced
 * by the windows-1252 character, as no text means a C1 control.
 *
 * Written here because Debian packages nothing that does it for C (ftfy is
 * a Python library).
 */
#ifndef DC_MOJIBAKE_H
#define DC_MOJIBAKE_H

#include <stddef.h>

/* Stretches that must read better repaired before a page is touched. */
#define DC_MOJIBAKE_MIN_BETTER 2

typedef struct dc_mojibake_plan {
    size_t better; /* stretches that read better repaired                 */
    size_t kept;   /* stretches that would not: left alone                */
    size_t c1;     /* lone C1 controls that windows-1252 gives a meaning  */
    size_t grow;   /* bytes the repaired text has more than the original  */
} dc_mojibake_plan;

/*
 * Judges every candidate stretch of valid UTF-8 s[0..n) into *plan.
 * Returns how many stretches dc_mojibake_repair would change: 0 means the
 * text is to be left as it is.
 */
size_t dc_mojibake_plan_text(const char *s, size_t n, dc_mojibake_plan *plan);

/*
 * Writes s[0..n) to out with the stretches the plan allows repaired;
 * returns the length written (at most n + plan->grow).  The result is valid UTF-8 when
 * s is.  out may not overlap s.  `plan` must come from
 * dc_mojibake_plan_text on the same text.
 */
size_t dc_mojibake_repair(const char *s, size_t n, const dc_mojibake_plan *plan, char *out);

/*
 * How implausible text decoded with some charset reads: the oddities the
 * repair judges by (C1 controls, rare scripts, two scripts in a word,
 * symbols wedged in words, capitals inside small letters), plus U+FFFD,
 * box-drawing characters touching letters, and capitals outnumbering small
 * letters.  *letters gets the number of letters, to make a rate of it.
 * Text in the charset it was written in scores near 0; the same bytes read
 * with another charset score high.
 */
size_t dc_text_oddness(const char *s, size_t n, size_t *letters);

#endif
