/* The byte buffer and the array-growing helper: appends keep the NUL,
 * printf appends, capacity doubles, overflow is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the four above first */
#include <cmocka.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_printf),
        cmocka_unit_test(test_grow_doubles_and_keeps),
        cmocka_unit_test(test_grow_refuses_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
