/*
 * mojibake.h — undoing UTF-8 that was decoded as Latin-1 or windows-1252
 * and encoded again ("â€™" for "’", "Ã©" for "é").
 *
 * Pages saved through a misconfigured pipeline carry it in their bytes, so
 * no charset choice fixes them: every such sequence has to be mapped back
 * to the bytes it came from, which are the UTF-8 of the intended character.
 * A page is repaired only when it holds several of them: legitimate text
 * almost never puts "Ã" or "â" before a C1 control or a windows-1252
 * punctuation mark, but one occurrence may be a page about mojibake.
 * Written here because Debian packages nothing that does it for C (ftfy is
 * a Python library).
 */
#ifndef DC_MOJIBAKE_H
#define DC_MOJIBAKE_H

#include <stddef.h>

/* How many double-encoded sequences valid UTF-8 s[0..n) holds, counting
 * up to `enough` at most. */
size_t dc_mojibake_count(const char *s, size_t n, size_t enough);

/* Writes s[0..n) to out with every double-encoded sequence replaced by the
 * character it stands for; returns the length written (at most n).  The
 * result is valid UTF-8 when s is.  out may not overlap s. */
size_t dc_mojibake_repair(const char *s, size_t n, char *out);

#endif
