/* needs= word lists: parsing, errors, and the search agreeing with a plain
 * caseless scan at every position and line length (the block loop, the
 * padded tail, anchors at different offsets). */
#include "testutil.h"

#include <strings.h>

#include "whosaid/needs.h"

static whosaid_needs *make(const char *field)
{
    whosaid_needs *n = NULL;
    whosaid_error e;
    int rc = whosaid_needs_new(field, &n, &e);
    if (rc) fail_msg("%s: %s", field, e.msg);
    return n;
}

static int found(const whosaid_needs *n, const char *s)
{
    return whosaid_needs_found(n, s, strlen(s));
}

static void test_words_any_case(void **state)
{
    (void)state;
    whosaid_needs *n = make("needs=reserved|Photo|video grab");
    assert_true(found(n, "2013 The Associated Press. All rights reserved."));
    assert_true(found(n, "ALL RIGHTS RESERVED"));
    assert_true(found(n, "(AP PHOTO/Jay LaPrete)"));
    assert_true(found(n, "photographs"));
    assert_true(found(n, "a VIDEO GRAB shows"));
    assert_false(found(n, "a video of the grab"));
    assert_false(found(n, "The ministry reserves the right to reply."));
    assert_false(found(n, "pho"));
    assert_false(found(n, ""));
    whosaid_needs_free(n);
    whosaid_needs_free(NULL);
}

static void test_non_ascii_bytes_must_be_equal(void **state)
{
    (void)state;
    whosaid_needs *n = make("needs=größe|créé");
    assert_true(found(n, "Die GRößE zählt"));
    assert_true(found(n, "Fichier CRéé hier"));
    assert_false(found(n, "Die GRÖSSE zählt"));
    whosaid_needs_free(n);
}

/* The reference: a word at some position, ASCII case ignored. */
static int slow_found(const char *const *words, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        for (size_t j = 0; words[j]; j++) {
            size_t wl = strlen(words[j]);
            if (wl <= len - i && !strncasecmp(s + i, words[j], wl)) return 1;
        }
    return 0;
}

static void test_every_position_and_length(void **state)
{
    (void)state;
    static const char *const words[] = {"reserved", "photo", "illustration", "abc", NULL};
    whosaid_needs *n = make("needs=reserved|photo|illustration|abc");
    char buf[200];
    for (size_t len = 0; len < 120; len++) {
        for (size_t w = 0; words[w]; w++) {
            size_t wl = strlen(words[w]);
            for (size_t pos = 0; pos + wl <= len || pos == 0; pos++) {
                /* Filler that shares the words' letters but holds none. */
                for (size_t k = 0; k < len; k++)
                    buf[k] = "rephotillusab "[k % 14];
                if (pos + wl <= len) memcpy(buf + pos, words[w], wl);
                if (pos + wl <= len && pos % 3 == 0) buf[pos] = (char)(buf[pos] - 32);
                /* A copy of exactly len bytes, so reading past it is caught
                 * by the sanitizers. */
                char *line = malloc(len ? len : 1);
                memcpy(line, buf, len);
                int want = slow_found(words, line, len);
                if (whosaid_needs_found(n, line, len) != want)
                    fail_msg("len %zu, word %s at %zu: expected %d", len, words[w], pos, want);
                free(line);
                if (pos + wl > len) break;
            }
        }
    }
    whosaid_needs_free(n);
}

static void test_field_errors(void **state)
{
    (void)state;
    whosaid_needs *n = NULL;
    whosaid_error e;
    assert_int_equal(whosaid_needs_new("needs=ok|", &n, &e), WHOSAID_ESYNTAX);
    assert_null(n);
    assert_string_equal(e.msg,
                        "needs=: a word of under 3 bytes (\"ok\"): a shorter one is in nearly "
                        "every line");
    assert_int_equal(whosaid_needs_new("needs=", &n, &e), WHOSAID_ESYNTAX);
    assert_int_equal(whosaid_needs_new("needs=word||more", &n, &e), WHOSAID_ESYNTAX);
    assert_int_equal(whosaid_needs_new("need=word", &n, &e), WHOSAID_ESYNTAX);
    assert_string_equal(e.msg, "\"need=word\": expected needs=word|word");
    char many[200] = "needs=";
    for (int i = 0; i < 17; i++)
        strcat(many, i ? "|word" : "word");
    assert_int_equal(whosaid_needs_new(many, &n, &e), WHOSAID_ESYNTAX);
    assert_string_equal(e.msg, "needs=: more than 16 words");
    assert_true(whosaid_needs_is_field("needs=abc"));
    assert_false(whosaid_needs_is_field("-"));
    assert_false(whosaid_needs_is_field(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_any_case),
        cmocka_unit_test(test_non_ascii_bytes_must_be_equal),
        cmocka_unit_test(test_every_position_and_length),
        cmocka_unit_test(test_field_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
