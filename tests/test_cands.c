/* Precedence among overlapping candidates: longer, priority, user, load
 * order; NONE blocks and disappears; output sorted by start. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "whosaid/cands.h"

static whosaid_cand cand(size_t s, size_t e, const char *type, int prio, int user, long order)
{
    whosaid_cand c = {s, e, type, prio, user, order, "test", order, json_object()};
    return c;
}

static void test_precedence(void **state)
{
    (void)state;
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    /* "Republic of Korea" [10,27) beats "Korea" [22,27) by length. */
    whosaid_cands_push(&cs, cand(22, 27, "LOCATION", 90, 1, 1));
    whosaid_cands_push(&cs, cand(10, 27, "COUNTRY", 0, 0, 2));
    /* Same extent [40,45): priority decides. */
    whosaid_cands_push(&cs, cand(40, 45, "PERSON", 10, 0, 3));
    whosaid_cands_push(&cs, cand(40, 45, "ORG", 20, 0, 4));
    /* Same extent and priority [50,55): the user rule wins. */
    whosaid_cands_push(&cs, cand(50, 55, "ORG", 5, 0, 5));
    whosaid_cands_push(&cs, cand(50, 55, "LOCATION", 5, 1, 6));
    /* All equal [60,65): loaded first wins. */
    whosaid_cands_push(&cs, cand(60, 65, "B", 5, 0, 8));
    whosaid_cands_push(&cs, cand(60, 65, "A", 5, 0, 7));
    /* Empty candidates are dropped. */
    whosaid_cands_push(&cs, cand(70, 70, "ORG", 99, 1, 9));
    assert_int_equal(whosaid_cands_resolve(&cs), 0);
    assert_int_equal(cs.n, 4);
    const char *want[] = {"COUNTRY", "ORG", "LOCATION", "A"};
    size_t starts[] = {10, 40, 50, 60};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(cs.v[i].type, want[i]);
        assert_int_equal(cs.v[i].start, starts[i]);
    }
    whosaid_cands_free(&cs);
}

static void test_none_blocks_then_goes(void **state)
{
    (void)state;
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    whosaid_cands_push(&cs, cand(0, 8, "PERSON", 0, 0, 1));
    whosaid_cands_push(&cs, cand(0, 8, "NONE", 0, 1, 2));
    whosaid_cands_push(&cs, cand(9, 12, "ORG", 0, 0, 3));
    assert_int_equal(whosaid_cands_resolve(&cs), 0);
    assert_int_equal(cs.n, 1);
    assert_string_equal(cs.v[0].type, "ORG");
    whosaid_cands_free(&cs);
    whosaid_cands_free(&cs); /* twice is harmless */
}

static void test_many_nested_spans(void **state)
{
    (void)state;
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    /* Spans [i, i+3) for i in 0..999: greedy by length then order keeps every third. */
    for (size_t i = 0; i < 1000; i++)
        whosaid_cands_push(&cs, cand(i, i + 3, "X", 0, 0, (long)i));
    assert_int_equal(whosaid_cands_resolve(&cs), 0);
    assert_int_equal(cs.n, 334);
    for (size_t i = 0; i < cs.n; i++)
        assert_int_equal(cs.v[i].start, i * 3);
    whosaid_cands_free(&cs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_none_blocks_then_goes),
        cmocka_unit_test(test_many_nested_spans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
