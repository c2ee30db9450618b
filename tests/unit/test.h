/*
 * test.h — a tiny self-registering unit-test framework.
 *
 *   TEST(name) { CHECK(x == 1); CHECK_STR(a, "b"); }
 *
 * Each TEST registers itself before main() runs, so adding a test file needs
 * no list to edit.  The runner prints failures and ends with the line
 * "N passed, N failed" that CI reads.
 */
#ifndef DC_TEST_H
#define DC_TEST_H

#include <stdio.h>
#include <string.h>

typedef void (*dc_test_fn)(void);
void dc_test_register(const char *name, const char *file, dc_test_fn fn);
void dc_test_fail(const char *file, int line, const char *expr, const char *got, const char *want);

#define TEST(name)                                                   \
    static void test_##name(void);                                   \
    __attribute__((constructor)) static void reg_##name(void)        \
    {                                                                \
        dc_test_register(#name, __FILE__, test_##name);              \
    }                                                                \
    static void test_##name(void)

#define CHECK(e)                                                     \
    do {                                                             \
        if (!(e))                                                    \
            dc_test_fail(__FILE__, __LINE__, #e, NULL, NULL);        \
    } while (0)

/* Compares two C strings; NULL equals only NULL. */
#define CHECK_STR(got, want)                                         \
    do {                                                             \
        const char *g_ = (got), *w_ = (want);                        \
        if ((g_ == NULL) != (w_ == NULL) || (g_ && strcmp(g_, w_)))  \
            dc_test_fail(__FILE__, __LINE__, #got, g_, w_);          \
    } while (0)

/* got contains needle. */
#define CHECK_HAS(got, needle)                                       \
    do {                                                             \
        const char *g_ = (got), *n_ = (needle);                      \
        if (!g_ || !strstr(g_, n_))                                  \
            dc_test_fail(__FILE__, __LINE__, "contains " #needle, g_, n_); \
    } while (0)

#define CHECK_NOT_HAS(got, needle)                                   \
    do {                                                             \
        const char *g_ = (got), *n_ = (needle);                      \
        if (g_ && strstr(g_, n_))                                    \
            dc_test_fail(__FILE__, __LINE__, "lacks " #needle, g_, n_); \
    } while (0)

#endif
