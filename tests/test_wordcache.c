/* The word cache: answers come from the lexicon once per (tag, key) while
 * the key stays in its slot; keys that differ anywhere (length, tag, any
 * byte, the middle of a long one) are told apart; long or empty keys and a
 * NULL cache always ask; clear forgets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "whosaid/wordcache.h"

static int asked;

/* A "lexicon" whose answer names the key: a pointer into a table by a hash
 * of tag and bytes, so a wrong cached answer shows. */
static char answers[4096];
static const void *answer(const void *ctx, unsigned tag, const char *key, size_t len)
{
    (void)ctx;
    asked++;
    uint32_t h = 2166136261u ^ tag;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    h ^= (uint32_t)len * 2654435761u;
    return &answers[h % sizeof answers];
}

static const void *get(whosaid_wordcache *c, unsigned tag, const char *key)
{
    return whosaid_wordcache_get(c, tag, key, strlen(key), answer, NULL);
}

static void test_hits_and_misses(void **state)
{
    (void)state;
    whosaid_wordcache *c = whosaid_wordcache_new(8);
    assert_non_null(c);
    asked = 0;
    const void *said = get(c, 0, "said");
    assert_int_equal(asked, 1);
    assert_ptr_equal(get(c, 0, "said"), said);
    assert_int_equal(asked, 1); /* from the cache */
    assert_ptr_equal(get(c, 0, "said"), answer(NULL, 0, "said", 4));
    whosaid_wordcache_clear(c);
    asked = 0;
    get(c, 0, "said");
    assert_int_equal(asked, 1); /* forgotten */
    whosaid_wordcache_free(c);
    whosaid_wordcache_free(NULL);
    assert_null(whosaid_wordcache_new(3));
    assert_null(whosaid_wordcache_new(17));
}

/* Keys that share what a slot stores of them but for one detail: each gets
 * its own answer, whatever else was cached before. */
static void test_keys_told_apart(void **state)
{
    (void)state;
    static const char *const keys[] = {
        "a",
        "b",
        "ab",
        "ba",
        "abc",
        "acc",
        "abd",
        "abcd",
        "abce",
        "abcdefg",
        "abcxefg",
        "abcdefgh",
        "abcdefgi",
        "abcdefghijklmnop",
        "abcdefghXjklmnop",
        "abcdefghijklmnoq",
        "abcdefghi",
        "abcdefghij",
        "spokesman",
        "spokeswoman",
        "the",
        "The",
        "a\0b",
    };
    size_t n = sizeof keys / sizeof keys[0];
    whosaid_wordcache *c = whosaid_wordcache_new(4); /* 16 slots: many collisions */
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < n; i++)
            for (unsigned tag = 0; tag < 3; tag++) {
                size_t len = strlen(keys[i]) +
                             (keys[i][0] == 'a' && keys[i][1] == '\0' && keys[i][2] == 'b');
                const void *want = answer(NULL, tag, keys[i], len);
                assert_ptr_equal(whosaid_wordcache_get(c, tag, keys[i], len, answer, NULL), want);
            }
    whosaid_wordcache_free(c);
}

/* Many keys that differ in one place only (first, middle or last byte,
 * or the tag) share the 16 slots: every answer must still be the key's. */
static void test_one_difference(void **state)
{
    (void)state;
    static const struct {
        const char *base;
        size_t at; /* the byte that varies; SIZE_MAX: the tag */
    } cases[] = {{"abcdefghijklmnop", 15},
                 {"abcdefghijklmnop", 0},
                 {"abcdefghi", 8},
                 {"abcdefghi", 4},
                 {"abcde", 4},
                 {"abcde", 0},
                 {"abc", 1},
                 {"abc", 2},
                 {"abcdefgh", SIZE_MAX}};
    whosaid_wordcache *c = whosaid_wordcache_new(4);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char key[32];
        size_t len = strlen(cases[k].base);
        for (int round = 0; round < 2; round++)
            for (unsigned v = 1; v < 200; v++) {
                memcpy(key, cases[k].base, len + 1);
                unsigned tag = 0;
                if (cases[k].at == SIZE_MAX)
                    tag = v;
                else
                    key[cases[k].at] = (char)v;
                const void *want = answer(NULL, tag, key, len);
                assert_ptr_equal(whosaid_wordcache_get(c, tag, key, len, answer, NULL), want);
            }
    }
    whosaid_wordcache_free(c);
}

/* Keys the cache does not hold are looked up each time. */
static void test_uncached(void **state)
{
    (void)state;
    whosaid_wordcache *c = whosaid_wordcache_new(6);
    char key[WHOSAID_WORDCACHE_KEY + 2];
    memset(key, 'x', sizeof key);
    key[sizeof key - 1] = '\0';
    asked = 0;
    get(c, 0, key);
    get(c, 0, key);
    assert_int_equal(asked, 2); /* longer than WHOSAID_WORDCACHE_KEY */
    asked = 0;
    get(c, 0, "");
    get(c, 0, "");
    assert_int_equal(asked, 2);
    asked = 0;
    get(c, 1u << 24, "said");
    get(c, 1u << 24, "said");
    assert_int_equal(asked, 2); /* a tag too wide to store */
    asked = 0;
    get(NULL, 0, "said");
    get(NULL, 0, "said");
    assert_int_equal(asked, 2);
    key[WHOSAID_WORDCACHE_KEY] = '\0';
    asked = 0;
    get(c, 0, key);
    get(c, 0, key);
    assert_int_equal(asked, 1); /* the longest kept */
    whosaid_wordcache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hits_and_misses),
        cmocka_unit_test(test_keys_told_apart),
        cmocka_unit_test(test_one_difference),
        cmocka_unit_test(test_uncached),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
