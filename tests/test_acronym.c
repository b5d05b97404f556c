/* Acronym shapes and initials (acronym.h). */
#include "testutil.h"

#include "whosaid/acronym.h"

static int key_of(const char *s, char *out, size_t cap)
{
    whosaid_buf b = WHOSAID_BUF_INIT;
    int n = whosaid_acronym_key(s, strlen(s), &b);
    snprintf(out, cap, "%s", b.data ? b.data : "");
    whosaid_buf_free(&b);
    return n;
}

static void test_key_shapes(void **state)
{
    (void)state;
    char k[32];
    assert_int_equal(key_of("KCC", k, sizeof k), 3);
    assert_string_equal(k, "KCC");
    assert_int_equal(key_of("U.N.", k, sizeof k), 2);
    assert_string_equal(k, "UN");
    assert_int_equal(key_of("AT&T", k, sizeof k), 3);
    assert_string_equal(k, "ATT");
    /* not acronyms: mixed case, one letter, digits, too long, a trailing '&' */
    assert_int_equal(key_of("Kcc", k, sizeof k), 0);
    assert_string_equal(k, "");
    assert_int_equal(key_of("A", k, sizeof k), 0);
    assert_int_equal(key_of("G7", k, sizeof k), 0);
    assert_int_equal(key_of("ABCDEFGHIJK", k, sizeof k), 0);
    assert_int_equal(key_of("AT&", k, sizeof k), 0);
    assert_int_equal(key_of(".UN", k, sizeof k), 0);
    /* non-ASCII capitals count */
    assert_int_equal(key_of("ÖVP", k, sizeof k), 3);
    assert_string_equal(k, "ÖVP");
}

static const char *initials(const char *name, char *out, size_t cap)
{
    whosaid_buf b = WHOSAID_BUF_INIT;
    int n = whosaid_acronym_initials(name, strlen(name), &b);
    snprintf(out, cap, "%s", n > 0 ? b.data : "");
    whosaid_buf_free(&b);
    return out;
}

static void test_initials(void **state)
{
    (void)state;
    char k[32];
    assert_string_equal(initials("Korea Communications Commission", k, sizeof k), "KCC");
    assert_string_equal(initials("United Nations", k, sizeof k), "UN");
    /* function words are lower-case and give no initial */
    assert_string_equal(initials("Maritime Workers Union of Nigeria", k, sizeof k), "MWUN");
    assert_string_equal(
        initials("Organisation for Economic Co-operation and Development", k, sizeof k), "OECD");
    assert_string_equal(initials("Korea Disease Control and Prevention Agency", k, sizeof k),
                        "KDCPA");
    /* one capitalized word is no basis for an acronym */
    assert_string_equal(initials("Reuters", k, sizeof k), "");
    assert_string_equal(initials("the ministry", k, sizeof k), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_shapes),
        cmocka_unit_test(test_initials),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
