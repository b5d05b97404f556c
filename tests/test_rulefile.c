/* The shared rule-file reader and the PCRE2 wrapper: fields, comments,
 * line numbers, untrusted-input errors, compile errors, limits. */
#include "testutil.h"

#include "whosaid/regex.h"
#include "whosaid/rulefile.h"

static void test_fields_comments_lines(void **state)
{
    (void)state;
    const char *c =
        "\xEF\xBB\xBF# comment\n\n  # indented comment\nSeoul\t\tSeoul\tLOCATION\tcountry=KR\r\n"
        "one\n";
    char *path = write_temp(c, NULL);
    whosaid_error e;
    whosaid_rulefile *rf = whosaid_rulefile_open(path, &e);
    assert_non_null(rf);
    assert_int_equal(whosaid_rulefile_next(rf, &e), 1);
    assert_int_equal(whosaid_rulefile_lineno(rf), 4);
    assert_int_equal(whosaid_rulefile_nfields(rf), 4);
    assert_string_equal(whosaid_rulefile_field(rf, 1), "Seoul");
    assert_string_equal(whosaid_rulefile_field(rf, 3), "country=KR");
    assert_null(whosaid_rulefile_field(rf, 4));
    assert_int_equal(whosaid_rulefile_next(rf, &e), 1);
    assert_string_equal(whosaid_rulefile_text(rf), "one");
    assert_int_equal(whosaid_rulefile_next(rf, &e), 0);
    whosaid_rulefile_close(rf);
    remove_temp(path);
}

static void test_untrusted_input_errors(void **state)
{
    (void)state;
    whosaid_error e;
    char *path = write_temp_len("ok\nbad\xFF\n", 7, NULL);
    whosaid_rulefile *rf = whosaid_rulefile_open(path, &e);
    assert_int_equal(whosaid_rulefile_next(rf, &e), 1);
    assert_int_equal(whosaid_rulefile_next(rf, &e), WHOSAID_ESYNTAX);
    assert_error(&e, path, 2, "invalid UTF-8");
    whosaid_rulefile_close(rf);
    remove_temp(path);

    path = write_temp_len("a\0b\n", 4, NULL);
    rf = whosaid_rulefile_open(path, &e);
    assert_int_equal(whosaid_rulefile_next(rf, &e), WHOSAID_ESYNTAX);
    assert_string_equal(e.msg, "NUL byte in line");
    whosaid_rulefile_close(rf);
    remove_temp(path);

    assert_null(whosaid_rulefile_open("/nonexistent/x.rules", &e));
    assert_string_equal(e.msg, "No such file or directory");
}

static void test_regex_compile_error_is_pcre2s(void **state)
{
    (void)state;
    whosaid_error e;
    assert_null(whosaid_regex_new("(ab", 0, &e));
    assert_int_equal(e.code, WHOSAID_ESYNTAX);
    assert_string_equal(e.msg, "offset 3: missing closing parenthesis");
}

static void test_regex_groups_and_unicode(void **state)
{
    (void)state;
    whosaid_error e;
    whosaid_regex *re = whosaid_regex_new("(?<=spokesman )(?<name>\\p{Lu}\\w+ \\p{Lu}\\w+)", 0, &e);
    assert_non_null(re);
    const char *s = "Foreign Ministry spokesman Hong Lei said";
    assert_int_equal(whosaid_regex_search(re, s, strlen(s), 0), 1);
    size_t a, b;
    int g = whosaid_regex_group_number(re, "name");
    assert_int_equal(g, 1);
    assert_int_equal(whosaid_regex_group(re, (uint32_t)g, &a, &b), 1);
    assert_int_equal(a, 27);
    assert_int_equal(b, 35);
    const char *name;
    uint32_t num;
    assert_int_equal(whosaid_regex_named_group(re, 0, &name, &num), 1);
    assert_string_equal(name, "name");
    assert_int_equal(whosaid_regex_named_group(re, 1, &name, &num), 0);
    whosaid_regex_free(re);

    re = whosaid_regex_new("\\bS\\w+", 0, &e); /* \w knows non-ASCII letters (UCP) */
    const char *t = "in S\xC3\xA3o Paulo";
    assert_int_equal(whosaid_regex_search(re, t, strlen(t), 0), 1);
    assert_int_equal(whosaid_regex_group(re, 0, &a, &b), 1);
    assert_int_equal(b - a, 4);
    whosaid_regex_free(re);
}

static void test_regex_catastrophic_pattern_hits_limit(void **state)
{
    (void)state;
    whosaid_error e;
    whosaid_regex *re = whosaid_regex_new("^(a+)+$", 0, &e);
    char s[64];
    memset(s, 'a', 40);
    s[40] = 'b';
    assert_int_equal(whosaid_regex_search(re, s, 41, 0), WHOSAID_ELIMIT);
    whosaid_regex_free(re);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_comments_lines),
        cmocka_unit_test(test_untrusted_input_errors),
        cmocka_unit_test(test_regex_compile_error_is_pcre2s),
        cmocka_unit_test(test_regex_groups_and_unicode),
        cmocka_unit_test(test_regex_catastrophic_pattern_hits_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
