/* Character clean-up: controls, NUL, line ends, Unicode spaces, format
 * characters, and NFC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "whosaid/clean.h"

static void check(const char *in, size_t len, const char *want, whosaid_clean_stats *st)
{
    whosaid_buf out = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_clean_text(in, len, &out, st), 0);
    assert_string_equal(out.data ? out.data : "", want);
    whosaid_buf_free(&out);
}

#define CHECK(lit, want, st) check(lit, sizeof(lit) - 1, want, st)

static void test_controls_and_nul(void **state)
{
    (void)state;
    whosaid_clean_stats st;
    CHECK("a\0b\x01"
          "c\x7F"
          "d\xC2\x85"
          "e",
          "abcd\ne", &st);
    assert_int_equal(st.controls, 3);
    assert_int_equal(st.nuls, 1);
}

static void test_line_ends_and_spaces(void **state)
{
    (void)state;
    CHECK("one\r\ntwo\rthree\n", "one\ntwo\nthree\n", NULL);
    CHECK("  a \t b  \n  c  ", "a b\nc", NULL);
    /* NBSP, ideographic space and thin space become one plain space. */
    CHECK("Xinhua)\xC2\xA0\xC2\xA0 21:22", "Xinhua) 21:22", NULL);
    CHECK("a\xE3\x80\x80"
          "b\xE2\x80\x89"
          "c",
          "a b c", NULL);
    CHECK("a\xE2\x80\xA8"
          "b",
          "a\nb", NULL);               /* LINE SEPARATOR */
    CHECK("\n\n\nx", "\n\n\nx", NULL); /* blank lines stay for paragraphs */
}

static void test_format_characters(void **state)
{
    (void)state;
    whosaid_clean_stats st;
    CHECK("\xEF\xBB\xBFhel\xC2\xADlo\xE2\x80\x8B!", "hello!", &st);
    assert_int_equal(st.format, 3);
    assert_int_equal(st.controls, 0);
    /* ZWJ stays: it is part of emoji sequences. */
    CHECK("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x92\xBB",
          "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x92\xBB", NULL);
}

static void test_nfc(void **state)
{
    (void)state;
    /* e + COMBINING ACUTE -> U+00E9; ANGSTROM SIGN -> U+00C5; Hangul jamo compose. */
    CHECK("cafe\xCC\x81", "caf\xC3\xA9", NULL);
    CHECK("\xE2\x84\xAB", "\xC3\x85", NULL);
    CHECK("\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80", NULL);
    /* Already NFC (curly quotes, CJK, Latin-1) passes through unchanged. */
    CHECK("\xE2\x80\x9C\xE4\xB8\xAD\xC3\xA9\xE2\x80\x9D",
          "\xE2\x80\x9C\xE4\xB8\xAD\xC3\xA9\xE2\x80\x9D", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_controls_and_nul),
        cmocka_unit_test(test_line_ends_and_spaces),
        cmocka_unit_test(test_format_characters),
        cmocka_unit_test(test_nfc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
