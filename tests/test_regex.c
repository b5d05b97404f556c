/* Regex matching limits: the JIT stack each regex owns is the size of
 * PCRE2's machine-stack default, so a match too deep for it fails (as
 * WHOSAID_ELIMIT) exactly where it did without one. */
#include "testutil.h"

#include "whosaid/regex.h"

/* The result of searching "(a|c)*b" in n 'a's and a 'b': each repetition of
 * the group keeps a backtracking frame on the JIT stack. */
static int search_run(whosaid_regex *re, size_t n)
{
    char *s = malloc(n + 2);
    assert_non_null(s);
    memset(s, 'a', n);
    s[n] = 'b';
    s[n + 1] = '\0';
    int rc = whosaid_regex_search(re, s, n + 1, 0);
    free(s);
    return rc;
}

static void test_jit_stack_is_pcre2s_default(void **state)
{
    (void)state;
    if (getenv("WHOSAID_NO_JIT")) skip(); /* the interpreter has no JIT stack */
    whosaid_error e;
    whosaid_regex *re = whosaid_regex_new("(a|c)*b", 0, &e);
    assert_non_null(re);
    /* 1023 repetitions fit in 32 KiB (PCRE2 10.42 on x86-64), 1024 do not. */
    assert_int_equal(search_run(re, 1023), 1);
    assert_int_equal(search_run(re, 1024), WHOSAID_ELIMIT);
    /* The stack is reused: a short match after the failure still works. */
    assert_int_equal(search_run(re, 3), 1);
    whosaid_regex_free(re);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jit_stack_is_pcre2s_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
