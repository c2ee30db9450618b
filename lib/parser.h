/*
 * parser.h — the one door to the HTML parser.
 *
 * Only parser_myhtml.c includes the parser's headers.  A different parser
 * (lexbor, a hand-written tokenizer...) replaces that one file: it must fill a
 * dc_dom from UTF-8 bytes and honour the depth and node limits.
 */
#ifndef DC_PARSER_H
#define DC_PARSER_H

#include "decant.h"
#include "dom.h"

typedef struct dc_parser dc_parser;

dc_parser *dc_parser_new(const decant_allocator *alloc);
void dc_parser_free(dc_parser *p);

/*
 * Parses `html` (valid UTF-8) into `dom` (allocated from `ar`).  Elements
 * deeper than max_depth are not created: their children hang on the deepest
 * allowed ancestor, so text is kept.  Returns DECANT_OK, DECANT_ERR_NOMEM,
 * DECANT_ERR_PARSE or DECANT_ERR_LIMIT (more than max_nodes nodes).
 * The dom's strings stay valid until the next call or dc_parser_free.
 */
decant_status dc_parse(dc_parser *p, const char *html, size_t len, dc_arena *ar,
                       unsigned max_depth, size_t max_nodes, dc_dom *dom);

#endif
