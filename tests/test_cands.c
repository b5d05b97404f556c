/* Precedence among overlapping candidates: longer, priority, user, load
 * order; NONE blocks and disappears; output sorted by start. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/cands.h"

static whosaid_cand cand(size_t s, size_t e, const char *type, int prio, int user, long order)
{
    whosaid_cand c = {s, e, type, prio, user, order, "test", order, json_object(), 0, 0};
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

/* Kept spans come out in start order whatever order precedence took them in. */
static void test_kept_in_start_order(void **state)
{
    (void)state;
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    /* Longest first is last in the text; the shortest is in the middle. */
    whosaid_cands_push(&cs, cand(50, 60, "A", 0, 0, 1));
    whosaid_cands_push(&cs, cand(0, 4, "B", 0, 0, 2));
    whosaid_cands_push(&cs, cand(20, 22, "C", 0, 0, 3));
    whosaid_cands_push(&cs, cand(30, 36, "NONE", 0, 0, 4));
    whosaid_cands_push(&cs, cand(10, 15, "D", 0, 0, 5));
    assert_int_equal(whosaid_cands_resolve(&cs), 0);
    assert_int_equal(cs.n, 4);
    const char *want = "BDCA";
    for (size_t i = 0; i < cs.n; i++)
        assert_int_equal(cs.v[i].type[0], want[i]);
    whosaid_cands_free(&cs);
}

/* Candidates equal in every precedence key (same extent, rule, place: a
 * rule proposing one span twice) keep their list order: the first pushed
 * wins. Many ties and overlaps in a shuffled order, so the sort's merges of
 * long runs decide it too. */
static void test_equal_candidates_keep_list_order(void **state)
{
    (void)state;
    static const char *names[] = {"T0", "T1", "T2", "T3", "T4", "T5", "T6"};
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    for (size_t i = 0; i < 70; i++) {
        size_t g = (i * 37) % 10; /* spans [10g, 10g + 5) in a shuffled order */
        whosaid_cands_push(&cs, cand(10 * g, 10 * g + 5, names[i / 10], 0, 0, 1));
        /* a longer rival over two groups, pushed in between, loses by order */
        if (i % 9 == 0) whosaid_cands_push(&cs, cand(10 * g, 10 * g + 15, "LONG", 0, 0, 2));
    }
    assert_int_equal(whosaid_cands_resolve(&cs), 0);
    /* The longer rivals win their groups by length; each other group keeps
     * the first of its pushes: T0 for every group in the first ten. */
    size_t seen = 0;
    for (size_t i = 0; i < cs.n; i++)
        if (strcmp(cs.v[i].type, "LONG") != 0) {
            assert_string_equal(cs.v[i].type, "T0");
            seen++;
        }
    assert_true(seen > 0);
    whosaid_cands_free(&cs);
}

/* keep for the filtered resolution: refuses candidates whose order is a
 * multiple of 3 (a value that turns out not to be one), counts the asks. */
static int refuse_thirds(void *ctx, whosaid_cands *cs, whosaid_cand *c)
{
    (void)cs;
    ++*(size_t *)ctx;
    return c->order % 3 != 0;
}

/* Overlapping candidates in a scrambled order, as a document's engines
 * propose them. */
static void push_scrambled(whosaid_cands *cs, size_t n)
{
    static const char *types[] = {"A", "B", "C", "NONE"};
    uint32_t r = 12345;
    for (size_t i = 0; i < n; i++) {
        r = r * 1103515245u + 12345u;
        size_t s = (r >> 8) % 400, len = 1 + (r >> 20) % 12;
        whosaid_cands_push(
            cs, cand(s, s + len, types[(r >> 4) % 4], (int)(r >> 28) % 3, 0, (long)i + 1));
    }
}

/* Asking keep only of candidates that can still win keeps what dropping
 * every refused candidate first and resolving after keeps: a refused
 * winner leaves its place to the rivals it would have beaten. */
static void test_filtered_as_dropped_first(void **state)
{
    (void)state;
    whosaid_cands got = WHOSAID_CANDS_INIT, want = WHOSAID_CANDS_INIT;
    push_scrambled(&got, 600);
    for (size_t i = 0; i < got.n; i++)
        if (got.v[i].order % 3 != 0) {
            whosaid_cand c = got.v[i];
            c.attrs = json_object();
            whosaid_cands_push(&want, c);
        }
    size_t asked = 0;
    assert_int_equal(whosaid_cands_resolve_filtered(&got, refuse_thirds, &asked), 0);
    assert_int_equal(whosaid_cands_resolve(&want), 0);
    assert_true(want.n > 10);
    assert_int_equal(got.n, want.n);
    for (size_t i = 0; i < got.n; i++) {
        assert_int_equal(got.v[i].start, want.v[i].start);
        assert_int_equal(got.v[i].end, want.v[i].end);
        assert_int_equal(got.v[i].order, want.v[i].order);
    }
    /* the losers were not asked about */
    assert_true(asked < 600 / 2);
    whosaid_cands_free(&got);
    whosaid_cands_free(&want);
}

static int fail_third_ask(void *ctx, whosaid_cands *cs, whosaid_cand *c)
{
    (void)cs;
    (void)c;
    return ++*(size_t *)ctx == 3 ? -42 : 1;
}

/* keep's error ends the resolution with the list empty (and every
 * candidate's attributes released: the sanitizer builds check that). */
static void test_filtered_error_empties(void **state)
{
    (void)state;
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    push_scrambled(&cs, 50);
    size_t asked = 0;
    assert_int_equal(whosaid_cands_resolve_filtered(&cs, fail_third_ask, &asked), -42);
    assert_int_equal(asked, 3);
    assert_int_equal(cs.n, 0);
    whosaid_cands_free(&cs);
}

static whosaid_cattr text_attr(const char *key, const char *s)
{
    whosaid_cattr a = {key, (uint32_t)strlen(key), WHOSAID_CATTR_TEXT, {.text = {s, strlen(s)}}};
    return a;
}

/* c's attributes as compact JSON, in their order. */
static char *dump(const whosaid_cands *cs, const whosaid_cand *c)
{
    json_t *o = whosaid_cands_attrs_json(cs, c);
    char *s = o ? json_dumps(o, JSON_COMPACT) : strdup("null");
    json_decref(o);
    return s;
}

#define assert_attrs(cs, c, want)                                                                  \
    do {                                                                                           \
        char *got_ = dump(cs, c);                                                                  \
        assert_string_equal(got_, want);                                                           \
        free(got_);                                                                                \
    } while (0)

/* Pooled attributes keep the order a jansson object would: a key set
 * again keeps its place, a deleted one set again goes last; a candidate
 * whose run another follows is moved, the other left as it was. */
static void test_pooled_attrs(void **state)
{
    (void)state;
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    whosaid_cand a = {0, 4, "DATE", 0, 0, 1, "t", 1, NULL, cs.npool, 0};
    assert_int_equal(whosaid_cands_attr_add(&cs, &a, text_attr("norm", "date")), 0);
    assert_int_equal(whosaid_cands_attr_add(&cs, &a, text_attr("year", "2013")), 0);
    /* a group named as a static attribute replaces its value in place */
    assert_int_equal(whosaid_cands_attr_add(&cs, &a, text_attr("norm", "stat")), 0);
    assert_int_equal(whosaid_cands_push(&cs, a), 0);
    whosaid_cand b = {5, 9, "ORG", 0, 0, 2, "t", 2, NULL, cs.npool, 0};
    assert_int_equal(whosaid_cands_attr_add(&cs, &b, text_attr("kind", "x")), 0);
    assert_int_equal(whosaid_cands_push(&cs, b), 0);
    whosaid_cand *ca = &cs.v[0];
    assert_attrs(&cs, ca, "{\"norm\":\"stat\",\"year\":\"2013\"}");
    size_t before = ca->a0;
    whosaid_cands_attr_del(&cs, ca, "norm", 4);
    assert_null(whosaid_cands_attr_get(&cs, ca, "norm", 4));
    whosaid_cattr v = {"value", 5, WHOSAID_CATTR_INT, {.i = 42}};
    assert_int_equal(whosaid_cands_attr_set(&cs, ca, v), 0);
    assert_true(ca->a0 != before); /* b's run followed a's */
    whosaid_cattr r = {"norm", 4, WHOSAID_CATTR_REAL, {.r = 1.5}};
    assert_int_equal(whosaid_cands_attr_set(&cs, ca, r), 0);
    assert_int_equal(whosaid_cands_attr_set(&cs, ca, text_attr("year", "1999")), 0);
    whosaid_cattr t = {"approx", 6, WHOSAID_CATTR_JSON, {.json = json_true()}};
    assert_int_equal(whosaid_cands_attr_set(&cs, ca, t), 0);
    assert_attrs(&cs, ca, "{\"year\":\"1999\",\"value\":42,\"norm\":1.5,\"approx\":true}");
    assert_attrs(&cs, &cs.v[1], "{\"kind\":\"x\"}");
    /* all gone: no object */
    const char *keys[] = {"year", "value", "norm", "approx"};
    for (size_t i = 0; i < 4; i++)
        whosaid_cands_attr_del(&cs, ca, keys[i], strlen(keys[i]));
    assert_null(whosaid_cands_attrs_json(&cs, ca));
    whosaid_cands_clear(&cs);
    assert_int_equal(cs.n, 0);
    assert_int_equal(cs.npool, 0);
    whosaid_cands_free(&cs);
}

/* A run made once by attr_add in another list (a parsed gazetteer entry)
 * appended whole: the candidate has it as if added one by one, and the
 * runs of candidates made after it start after it. */
static void test_attr_append(void **state)
{
    (void)state;
    whosaid_cands made = WHOSAID_CANDS_INIT, cs = WHOSAID_CANDS_INIT;
    whosaid_cand run = {0, 0, "X", 0, 0, 0, "t", 1, NULL, made.npool, 0};
    assert_int_equal(whosaid_cands_attr_add(&made, &run, text_attr("canonical", "Seoul")), 0);
    assert_int_equal(whosaid_cands_attr_add(&made, &run, text_attr("country", "KR")), 0);
    assert_int_equal(whosaid_cands_attr_add(&made, &run, text_attr("canonical", "Soul")), 0);
    assert_int_equal(run.npool, 2);
    for (size_t i = 0; i < 2; i++) {
        whosaid_cand c = {i * 10, i * 10 + 5, "LOCATION", 0, 0, 1, "t", 1, NULL, cs.npool, 0};
        assert_int_equal(whosaid_cands_attr_append(&cs, &c, made.pool + run.a0, run.npool), 0);
        /* the candidate is still being made: attr_add goes on after the run */
        if (i) assert_int_equal(whosaid_cands_attr_add(&cs, &c, text_attr("seen", "2")), 0);
        assert_int_equal(whosaid_cands_push(&cs, c), 0);
    }
    /* nothing to append: nothing pooled */
    whosaid_cand none = {30, 35, "ORG", 0, 0, 1, "t", 1, NULL, cs.npool, 0};
    assert_int_equal(whosaid_cands_attr_append(&cs, &none, made.pool, 0), 0);
    assert_int_equal(none.npool, 0);
    assert_attrs(&cs, &cs.v[0], "{\"canonical\":\"Soul\",\"country\":\"KR\"}");
    assert_attrs(&cs, &cs.v[1], "{\"canonical\":\"Soul\",\"country\":\"KR\",\"seen\":\"2\"}");
    assert_int_equal(cs.v[1].a0, 2);
    whosaid_cands_free(&cs);
    whosaid_cands_free(&made);
}

/* Jansson attributes pooled borrow the object's values, in its order. */
static void test_pool_json(void **state)
{
    (void)state;
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    whosaid_cand c = cand(0, 3, "COUNTRY", 0, 0, 1);
    json_object_set_new(c.attrs, "canonical", json_string("China"));
    json_object_set_new(c.attrs, "population", json_integer(9));
    assert_int_equal(whosaid_cands_push(&cs, c), 0);
    whosaid_cand empty = cand(4, 5, "X", 0, 0, 2);
    assert_int_equal(whosaid_cands_push(&cs, empty), 0);
    assert_int_equal(whosaid_cands_pool_json(&cs, &cs.v[0]), 0);
    assert_int_equal(whosaid_cands_pool_json(&cs, &cs.v[1]), 0);
    assert_int_equal(cs.v[0].npool, 2);
    assert_int_equal(cs.v[1].npool, 0);                          /* nothing to pool */
    assert_int_equal(whosaid_cands_pool_json(&cs, &cs.v[0]), 0); /* once only */
    assert_int_equal(cs.npool, 2);
    assert_attrs(&cs, &cs.v[0], "{\"canonical\":\"China\",\"population\":9}");
    assert_attrs(&cs, &cs.v[1], "{}");
    whosaid_cands_free(&cs);
}

/* Strings of the store stay where they are while more are added, past
 * a chunk, and the store starts over at clear. */
static void test_string_store(void **state)
{
    (void)state;
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    const char *kept[600];
    char big[9000];
    memset(big, 'b', sizeof big);
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < 600; i++) {
            char s[32];
            int n = snprintf(s, sizeof s, "value-%zu", i);
            kept[i] = whosaid_cands_str(&cs, s, (size_t)n);
            assert_non_null(kept[i]);
            if (i == 300) assert_non_null(whosaid_cands_str(&cs, big, sizeof big));
        }
        for (size_t i = 0; i < 600; i++) {
            char s[32];
            snprintf(s, sizeof s, "value-%zu", i);
            assert_string_equal(kept[i], s);
        }
        whosaid_cands_clear(&cs);
    }
    whosaid_cands_free(&cs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_none_blocks_then_goes),
        cmocka_unit_test(test_many_nested_spans),
        cmocka_unit_test(test_kept_in_start_order),
        cmocka_unit_test(test_pooled_attrs),
        cmocka_unit_test(test_pool_json),
        cmocka_unit_test(test_attr_append),
        cmocka_unit_test(test_string_store),
        cmocka_unit_test(test_equal_candidates_keep_list_order),
        cmocka_unit_test(test_filtered_as_dropped_first),
        cmocka_unit_test(test_filtered_error_empties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
