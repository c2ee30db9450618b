/*
 * html_scan.h — the pieces of HTML's tokenizer that the passes before the
 * parser (prune.c, guard.c) share, so that they see comments and raw text
 * end where the parser (and a browser) will.
 */
#ifndef DC_HTML_SCAN_H
#define DC_HTML_SCAN_H

#include <stddef.h>

/*
 * The comment that starts at s[0] ("<!--", n bytes left): the length up to
 * and including its end, or 0 when it runs to the end of the input.  As in
 * HTML5's tokenizer, a comment ends at the first "-->" or "--!>" after the
 * "<!--", and "<!-->" and "<!--->" are whole (empty) comments.
 */
size_t dc_comment_end(const char *s, size_t n);

/*
 * Where the text of a raw-text or RCDATA element (script, style, title...)
 * that starts at s[0] ends: the offset of the first "</name" (`name`
 * lower-case, `len` bytes; any case in s) followed by whitespace, '/' or
 * '>', or n when there is none.
 */
size_t dc_raw_text_end(const char *s, size_t n, const char *name, size_t len);

/*
 * The attribute whose name ends at s[i] (s holding n bytes): the offset just
 * past its value ('=v', '="v"', "='v'", blanks allowed around '='), i when
 * it has none, or 0 when the input ends inside it.
 */
size_t dc_attr_value_end(const char *s, size_t n, size_t i);

#endif
