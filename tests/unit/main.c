/* main.c — runs every registered unit test; see test.h. */
#include <stdlib.h>

#include "test.h"

typedef struct {
    const char *name, *file;
    dc_test_fn fn;
} entry;

static entry tests[1024];
static int ntests;
static int current_failed;

void dc_test_register(const char *name, const char *file, dc_test_fn fn)
{
    if (ntests < (int)(sizeof tests / sizeof tests[0]))
        tests[ntests++] = (entry){name, file, fn};
}

void dc_test_fail(const char *file, int line, const char *expr, const char *got, const char *want)
{
    current_failed = 1;
    fprintf(stderr, "  %s:%d: CHECK(%s) failed", file, line, expr);
    if (got || want)
        fprintf(stderr, "\n    got:  %.400s\n    want: %.400s", got ? got : "(null)", want ? want : "(null)");
    fputc('\n', stderr);
}

static int cmp(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    return c ? c : strcmp(x->name, y->name);
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    qsort(tests, (size_t)ntests, sizeof tests[0], cmp);
    for (int i = 0; i < ntests; i++) {
        if (argc > 1 && !strstr(tests[i].name, argv[1]))
            continue;
        current_failed = 0;
        tests[i].fn();
        if (current_failed) {
            fprintf(stderr, "FAIL %s (%s)\n", tests[i].name, tests[i].file);
            failed++;
        } else {
            passed++;
        }
    }
    printf("unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
