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

/* Every key's signature is kept (the empty key's and a binary one's too),
 * so whosaid_hashmap_may_have_sig and the signature test in front of
 * whosaid_hashmap_get never turn a present key away; a signature no key
 * has is answered 0, and clearing forgets the signatures with the keys. */
static void test_key_signatures(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t n;
    } keys[] = {
        {"", 0}, {"a", 1}, {"rock band", 9}, {"\xc3\xa9quipe \xc3\xa9lue", 13}, {"x\0y", 3}};
    enum { NKEYS = sizeof keys / sizeof *keys };
    whosaid_hashmap *m = whosaid_hashmap_new();
    unsigned sig[NKEYS];
    for (size_t i = 0; i < NKEYS; i++) {
        sig[i] = whosaid_key_sig(keys[i].s, keys[i].n, WHOSAID_HASHMAP_SIG_BITS);
        assert_int_equal(whosaid_hashmap_may_have_sig(m, sig[i]), 0);
        assert_int_equal(whosaid_hashmap_put(m, keys[i].s, keys[i].n, i), 1);
    }
    for (size_t i = 0; i < NKEYS; i++) {
        uint64_t v;
        assert_int_equal(whosaid_hashmap_may_have_sig(m, sig[i]), 1);
        assert_int_equal(whosaid_hashmap_get(m, keys[i].s, keys[i].n, &v), 1);
        assert_int_equal(v, i);
    }
    /* five keys set at most five of 4,096 signatures */
    size_t set = 0;
    for (unsigned b = 0; b < 1u << WHOSAID_HASHMAP_SIG_BITS; b++)
        set += (size_t)whosaid_hashmap_may_have_sig(m, b);
    assert_true(set >= 1 && set <= NKEYS);
    assert_int_equal(whosaid_hashmap_clear(m), 0);
    for (size_t i = 0; i < NKEYS; i++) {
        assert_int_equal(whosaid_hashmap_may_have_sig(m, sig[i]), 0);
        assert_int_equal(whosaid_hashmap_get(m, keys[i].s, keys[i].n, NULL), 0);
    }
    whosaid_hashmap_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_get_replace),
        cmocka_unit_test(test_growth_keeps_everything),
        cmocka_unit_test(test_filter_passes_every_key),
        cmocka_unit_test(test_clear_forgets_and_reuses),
        cmocka_unit_test(test_key_signatures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
