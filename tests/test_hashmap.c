/* The string-keyed hash map: insert, replace, lookup, growth, binary keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "whosaid/hashmap.h"

static void test_put_get_replace(void **state)
{
    (void)state;
    whosaid_hashmap *m = whosaid_hashmap_new();
    uint64_t v = 0;
    assert_int_equal(whosaid_hashmap_put(m, "Seoul", 5, 7), 1);
    assert_int_equal(whosaid_hashmap_put(m, "Seoul", 5, 8), 0);
    assert_int_equal(whosaid_hashmap_get(m, "Seoul", 5, &v), 1);
    assert_int_equal(v, 8);
    assert_int_equal(whosaid_hashmap_get(m, "Seou", 4, &v), 0);
    assert_int_equal(whosaid_hashmap_put(m, "a\0b", 3, 1), 1);
    assert_int_equal(whosaid_hashmap_get(m, "a\0c", 3, &v), 0);
    assert_int_equal(whosaid_hashmap_put(m, "", 0, 2), 1);
    assert_int_equal(whosaid_hashmap_get(m, "", 0, &v), 1);
    assert_int_equal(v, 2);
    assert_int_equal(whosaid_hashmap_count(m), 3);
    whosaid_hashmap_free(m);
    whosaid_hashmap_free(NULL);
}

static void test_growth_keeps_everything(void **state)
{
    (void)state;
    whosaid_hashmap *m = whosaid_hashmap_new();
    char key[32];
    for (uint64_t i = 0; i < 100000; i++) {
        int n = snprintf(key, sizeof key, "k%llu", (unsigned long long)i);
        assert_int_equal(whosaid_hashmap_put(m, key, (size_t)n, i * 3), 1);
    }
    for (uint64_t i = 0; i < 100000; i += 7) {
        uint64_t v;
        int n = snprintf(key, sizeof key, "k%llu", (unsigned long long)i);
        assert_int_equal(whosaid_hashmap_get(m, key, (size_t)n, &v), 1);
        assert_int_equal(v, i * 3);
    }
    assert_int_equal(whosaid_hashmap_count(m), 100000);
    whosaid_hashmap_free(m);
}

/* The filter in front of the slots must let every key through, hashed or
 * not, at every size the map passes through, and keep absent keys out. */
static void test_filter_passes_every_key(void **state)
{
    (void)state;
    whosaid_hashmap *m = whosaid_hashmap_new();
    char key[32];
    for (uint64_t i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "w%llu", (unsigned long long)i);
        assert_int_equal(whosaid_hashmap_put(m, key, (size_t)n, i), 1);
        for (uint64_t j = 0; j <= i; j += 1 + i / 50) {
            uint64_t v;
            n = snprintf(key, sizeof key, "w%llu", (unsigned long long)j);
            assert_int_equal(whosaid_hashmap_get(m, key, (size_t)n, &v), 1);
            assert_int_equal(v, j);
            assert_int_equal(whosaid_hashmap_get_hashed(m, key, (size_t)n,
                                                        whosaid_hashmap_hash(key, (size_t)n), NULL),
                             1);
        }
    }
    int absent = 0;
    for (uint64_t i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "x%llu", (unsigned long long)i);
        absent += !whosaid_hashmap_get(m, key, (size_t)n, NULL);
    }
    assert_int_equal(absent, 5000);
    whosaid_hashmap_free(m);
}

/* A cleared map forgets every key (slots, filter and key arena alike) and
 * takes new ones, both when it keeps its table and when it gives a big one
 * back; a value put after clearing is not mixed up with one before. */
static void clear_round(size_t n)
{
    whosaid_hashmap *m = whosaid_hashmap_new();
    char key[32];
    uint64_t v;
    assert_int_equal(whosaid_hashmap_clear(m), 0); /* empty: no-op */
    for (int round = 0; round < 3; round++) {
        for (size_t i = 0; i < n; i++) {
            int k = snprintf(key, sizeof key, "w%zu", i);
            assert_int_equal(whosaid_hashmap_put(m, key, (size_t)k, i * 10 + (size_t)round), 1);
        }
        assert_int_equal(whosaid_hashmap_count(m), n);
        for (size_t i = 0; i < n; i++) {
            int k = snprintf(key, sizeof key, "w%zu", i);
            assert_int_equal(whosaid_hashmap_get(m, key, (size_t)k, &v), 1);
            assert_int_equal(v, i * 10 + (size_t)round);
        }
        assert_int_equal(whosaid_hashmap_clear(m), 0);
        assert_int_equal(whosaid_hashmap_count(m), 0);
        for (size_t i = 0; i < n; i++) {
            int k = snprintf(key, sizeof key, "w%zu", i);
            assert_int_equal(whosaid_hashmap_get(m, key, (size_t)k, NULL), 0);
        }
    }
    whosaid_hashmap_free(m);
}

static void test_clear_forgets_and_reuses(void **state)
{
    (void)state;
    clear_round(5);    /* table kept */
    clear_round(300);  /* grown, still kept */
    clear_round(5000); /* grown past the limit: given back */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_get_replace),
        cmocka_unit_test(test_growth_keeps_everything),
        cmocka_unit_test(test_filter_passes_every_key),
        cmocka_unit_test(test_clear_forgets_and_reuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
