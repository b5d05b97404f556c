/* The byte buffer and the array-growing helper: appends keep the NUL,
 * printf appends, capacity doubles, overflow is refused; integers are
 * written as printf would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the four above first */
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/error.h"

static void test_append_and_printf(void **state)
{
    (void)state;
    whosaid_buf b = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_buf_append_str(&b, "Hong"), 0);
    assert_int_equal(whosaid_buf_append_char(&b, ' '), 0);
    assert_int_equal(whosaid_buf_printf(&b, "Lei %d", 2013), 0);
    assert_string_equal(b.data, "Hong Lei 2013");
    assert_int_equal(b.len, 13);
    whosaid_buf_clear(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    whosaid_buf_free(&b);
    assert_null(b.data);
}

static void test_grow_doubles_and_keeps(void **state)
{
    (void)state;
    int *v = NULL;
    size_t cap = 0;
    assert_int_equal(whosaid_grow((void **)&v, &cap, 1, sizeof *v), 0);
    assert_int_equal(cap, 16);
    for (int i = 0; i < 16; i++)
        v[i] = i;
    assert_int_equal(whosaid_grow((void **)&v, &cap, 16, sizeof *v), 0);
    assert_int_equal(cap, 16); /* enough already: unchanged */
    assert_int_equal(whosaid_grow((void **)&v, &cap, 100, sizeof *v), 0);
    assert_int_equal(cap, 128);
    for (int i = 0; i < 16; i++)
        assert_int_equal(v[i], i);
    free(v);
}

static void test_grow_refuses_overflow(void **state)
{
    (void)state;
    char *v = NULL;
    size_t cap = 0;
    assert_int_equal(whosaid_grow((void **)&v, &cap, SIZE_MAX, 1), WHOSAID_ENOMEM);
    assert_int_equal(whosaid_grow((void **)&v, &cap, SIZE_MAX / 4, 8), WHOSAID_ENOMEM);
    assert_null(v);
    assert_int_equal(cap, 0);
}

/* The same text as printf's "%lld", across digit-pair boundaries and at
 * the extremes. */
static void test_format_int_as_printf(void **state)
{
    (void)state;
    char got[WHOSAID_INT_CHARS], want[32];
    long long edge[] = {LLONG_MIN, LLONG_MIN + 1, LLONG_MAX,   -100, -99, -10, -9, 0, 9, 10,
                        99,        100,           1000000007LL};
    for (size_t i = 0; i < sizeof edge / sizeof *edge; i++) {
        size_t n = whosaid_format_int(got, edge[i]);
        snprintf(want, sizeof want, "%lld", edge[i]);
        assert_string_equal(got, want);
        assert_int_equal(n, strlen(want));
    }
    /* each digit count's first and last value */
    for (long long p = 10; p <= LLONG_MAX / 10; p *= 10) {
        long long around[] = {p - 1, p, p + 1, -(p - 1), -p, -(p + 1)};
        for (size_t i = 0; i < sizeof around / sizeof *around; i++) {
            size_t n = whosaid_format_int(got, around[i]);
            snprintf(want, sizeof want, "%lld", around[i]);
            assert_string_equal(got, want);
            assert_int_equal(n, strlen(want));
        }
    }
    for (long long v = -20000; v <= 200000; v += 7) {
        whosaid_format_int(got, v);
        snprintf(want, sizeof want, "%lld", v);
        assert_string_equal(got, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_printf),
        cmocka_unit_test(test_grow_doubles_and_keeps),
        cmocka_unit_test(test_grow_refuses_overflow),
        cmocka_unit_test(test_format_int_as_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
