/* decant.c — PLACEHOLDER CLI: extracts each file argument, prints JSONL. */
#include <stdio.h>
#include <stdlib.h>

#include "decant.h"

int main(int argc, char **argv)
{
    decant_extractor *ex;
    decant_error err;
    if (decant_extractor_new(NULL, &ex, &err) != DECANT_OK)
        return 2;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f)
            continue;
        static char buf[1 << 24];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        decant_input in = {buf, n, NULL, NULL};
        decant_article *a = NULL;
        decant_status st = decant_extract(ex, &in, &a, &err);
        decant_buffer out = {0};
        decant_record_info info = {argv[i], argv[i], NULL};
        decant_record_json(a, st == DECANT_OK ? NULL : &err, &info, DECANT_BODY_TEXT, &out);
        fwrite(out.data, 1, out.len, stdout);
        decant_buffer_free(&out);
        decant_article_free(a);
    }
    decant_extractor_free(ex);
    return 0;
}
