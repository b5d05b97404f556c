/* Unit tests for include/whosaid/number.h: digit strings, the numbers.rules
 * lexicon, number-word phrases and vague quantities. */
#include "testutil.h"

#include "whosaid/number.h"

#define RULES WHOSAID_TEST_RULES_DIR "/numbers.rules"

/* Exact comparison: every expected value below is the double nearest to
 * the decimal written. */
#define assert_exact(got, want)                                                                    \
    do {                                                                                           \
        double g_ = (got), w_ = (want);                                                            \
        if (g_ != w_) fail_msg("got %.17g, want %.17g", g_, w_);                                   \
    } while (0)

static void expect_digits(const char *s, int style, double want)
{
    double v = -12345.0;
    int rc = whosaid_number_parse_digits(s, strlen(s), style, &v);
    if (rc) fail_msg("\"%s\": error %d", s, rc);
    assert_exact(v, want);
}

static void expect_digits_error(const char *s, int style, int code)
{
    double v = -12345.0;
    int rc = whosaid_number_parse_digits(s, strlen(s), style, &v);
    if (rc != code) fail_msg("\"%s\": got %d (value %.17g), want %d", s, rc, v, code);
    assert_exact(v, -12345.0); /* untouched on error */
}

static void test_digits(void **state)
{
    (void)state;
    const int A = WHOSAID_NUMBER_AUTO;
    expect_digits("73,286", A, 73286);
    expect_digits("14.2", A, 14.2);
    expect_digits("1,000,000", A, 1000000);
    expect_digits("1,234,567.89", A, 1234567.89);
    expect_digits("1.234.567,89", A, 1234567.89);
    expect_digits("1.234.567", A, 1234567);
    expect_digits("1 000", A, 1000);
    expect_digits("1\xE2\x80\x89"
                  "000",
                  A, 1000); /* thin space */
    expect_digits("1\xC2\xA0"
                  "000\xC2\xA0"
                  "000",
                  A, 1000000); /* no-break space */
    expect_digits("1\xE2\x80\xAF"
                  "000,5",
                  A, 1000.5); /* narrow nbsp, comma */
    expect_digits("1 000.25", A, 1000.25);
    expect_digits("1'000'000", A, 1000000);
    expect_digits("0.05", A, 0.05);
    expect_digits("0", A, 0);
    expect_digits("007", A, 7);
    expect_digits("-3.5", A, -3.5);
    expect_digits("\xE2\x88\x92"
                  "40",
                  A, -40);            /* U+2212 minus */
    expect_digits("1.234", A, 1.234); /* a lone point is a decimal point */
    expect_digits("1e6", A, 1e6);
    expect_digits("2.5E-3", A, 0.0025);
    expect_digits("1e18", A, 1e18);
    expect_digits("1,000,000,000,000,000,000", A, 1e18);
    expect_digits("123456789012345678", A, 123456789012345678.0);
    expect_digits("0.1000000000000000055511151231257827", A, 0.1);
    expect_digits("12,34", WHOSAID_NUMBER_COMMA_DECIMAL, 12.34);
    expect_digits("1.234", WHOSAID_NUMBER_COMMA_DECIMAL, 1234);
    expect_digits("1,234", WHOSAID_NUMBER_POINT_DECIMAL, 1234);
    /* Only len bytes count. */
    double v;
    assert_int_equal(whosaid_number_parse_digits("73,2869", 6, A, &v), 0);
    assert_exact(v, 73286);
}

static void test_digits_malformed(void **state)
{
    (void)state;
    const int A = WHOSAID_NUMBER_AUTO;
    expect_digits_error("1,2,3", A, WHOSAID_ESYNTAX);
    expect_digits_error("1,,000", A, WHOSAID_ESYNTAX);
    expect_digits_error("1,000,", A, WHOSAID_ESYNTAX);
    expect_digits_error(",5", A, WHOSAID_ESYNTAX);
    expect_digits_error("1,0000,000", A, WHOSAID_ESYNTAX);
    expect_digits_error("1234,567,890", A, WHOSAID_ESYNTAX);
    expect_digits_error("1,000 000", A, WHOSAID_ESYNTAX); /* mixed grouping */
    expect_digits_error("1.234,5.6", A, WHOSAID_ESYNTAX);
    expect_digits_error("1,234.5.6", A, WHOSAID_ESYNTAX);
    expect_digits_error("1.5,000", WHOSAID_NUMBER_POINT_DECIMAL, WHOSAID_ESYNTAX);
    expect_digits_error("12,34", WHOSAID_NUMBER_POINT_DECIMAL, WHOSAID_ESYNTAX);
    expect_digits_error("1.2.3", WHOSAID_NUMBER_POINT_DECIMAL, WHOSAID_ESYNTAX);
    expect_digits_error("1  000", A, WHOSAID_ESYNTAX);
    expect_digits_error("12a", A, WHOSAID_ESYNTAX);
    expect_digits_error("abc", A, WHOSAID_ESYNTAX);
    expect_digits_error("", A, WHOSAID_ESYNTAX);
    expect_digits_error("-", A, WHOSAID_ESYNTAX);
    expect_digits_error("1e", A, WHOSAID_ESYNTAX);
    expect_digits_error("1e+", A, WHOSAID_ESYNTAX);
    /* Ambiguous: a European decimal, a list or a typo. */
    expect_digits_error("12,34", A, WHOSAID_EINPUT);
    expect_digits_error("1,5", A, WHOSAID_EINPUT);
    expect_digits_error("1,2345", A, WHOSAID_EINPUT);
    expect_digits_error("0,500", A, WHOSAID_EINPUT);
    expect_digits_error("1234,567", A, WHOSAID_EINPUT);
}

static void test_digits_overflow(void **state)
{
    (void)state;
    const int A = WHOSAID_NUMBER_AUTO;
    expect_digits_error("1e400", A, WHOSAID_ELIMIT);
    expect_digits_error("1e99999999999999999999", A, WHOSAID_ELIMIT);
    expect_digits_error("1e-400", A, WHOSAID_ELIMIT);
    expect_digits_error("1000000000000000001", A, WHOSAID_ELIMIT);
    expect_digits_error("-2e18", A, WHOSAID_ELIMIT);
    expect_digits_error("10,000,000,000,000,000,000", A, WHOSAID_ELIMIT);
    char big[402];
    memset(big, '9', 400);
    big[400] = '\0';
    expect_digits_error(big, A, WHOSAID_ELIMIT);
    double v = 0;
    assert_int_equal(whosaid_number_parse_digits("0e400", 5, A, &v), 0);
    assert_exact(v, 0);
}

static void test_scale(void **state)
{
    (void)state;
    double v = 7;
    assert_int_equal(whosaid_number_scale(2, 1000, &v), 0);
    assert_exact(v, 2000);
    assert_int_equal(whosaid_number_scale(14.2, 1e6, &v), 0);
    assert_exact(v, 14200000);
    assert_int_equal(whosaid_number_scale(1e12, 1e12, &v), WHOSAID_ELIMIT);
    assert_exact(v, 14200000);
    assert_int_equal(whosaid_number_scale(-1e12, 1e12, &v), WHOSAID_ELIMIT);
    assert_int_equal(whosaid_number_scale(1e300, 1e300, &v), WHOSAID_ELIMIT);
    assert_int_equal(whosaid_number_scale(1, 1e18, &v), 0);
    assert_exact(v, 1e18);
}

/* ---- Lexicon ---------------------------------------------------------------- */

static int setup(void **state)
{
    whosaid_error err = {0};
    whosaid_number_lexicon *lex = whosaid_number_load(RULES, &err);
    if (!lex) {
        fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
        return -1;
    }
    *state = lex;
    return 0;
}

static int teardown(void **state)
{
    whosaid_number_free(*state);
    return 0;
}

static void test_lookup(void **state)
{
    const whosaid_number_lexicon *lex = *state;
    double v = 0;
    int flags = -1;
    assert_true(whosaid_number_count(lex) > 50);
    assert_int_equal(whosaid_number_lookup(lex, WHOSAID_NUMBER_WORD, "Twenty", 6, &v, &flags), 1);
    assert_exact(v, 20);
    assert_int_equal(flags, 0);
    assert_int_equal(whosaid_number_lookup(lex, WHOSAID_NUMBER_MULTIPLIER, "BN", 2, &v, &flags), 1);
    assert_exact(v, 1e9);
    assert_int_equal(flags, WHOSAID_NUMBER_ABBREV);
    assert_int_equal(
        whosaid_number_lookup(lex, WHOSAID_NUMBER_MULTIPLIER, "million", 7, &v, &flags), 1);
    assert_exact(v, 1e6);
    assert_int_equal(flags, 0);
    assert_int_equal(whosaid_number_lookup(lex, WHOSAID_NUMBER_VAGUE, "dozens", 6, &v, NULL), 1);
    assert_exact(v, 24);
    assert_int_equal(whosaid_number_lookup(lex, WHOSAID_NUMBER_VAGUE, "A  few", 6, &v, NULL), 1);
    assert_exact(v, 2);
    assert_int_equal(whosaid_number_lookup(lex, WHOSAID_NUMBER_WORD, "dozens", 6, &v, NULL), 0);
    assert_int_equal(whosaid_number_lookup(lex, WHOSAID_NUMBER_WORD, "twentyone", 9, &v, NULL), 0);
    assert_int_equal(whosaid_number_lookup(lex, WHOSAID_NUMBER_JOINER, "and", 3, NULL, NULL), 1);
    assert_int_equal(whosaid_number_lookup(lex, WHOSAID_NUMBER_WORD, "\xff", 1, &v, NULL), 0);
    int kind = 0;
    const char *phrase = NULL;
    assert_int_equal(whosaid_number_entry(lex, 0, &kind, &phrase, &v), 1);
    assert_int_equal(kind, WHOSAID_NUMBER_WORD);
    assert_string_equal(phrase, "zero");
    assert_int_equal(whosaid_number_entry(lex, whosaid_number_count(lex), &kind, &phrase, &v), 0);
    assert_string_equal(whosaid_number_kind_name(WHOSAID_NUMBER_PARTITIVE), "partitive");
    assert_string_equal(whosaid_number_kind_name(99), "?");
}

static int load_lexicon(const char *path, whosaid_error *e)
{
    whosaid_number_lexicon *lex = whosaid_number_load(path, e);
    whosaid_number_free(lex);
    return lex ? 0 : e->code;
}

#define expect_load_error(text, line, msg)                                                         \
    assert_load_error(load_lexicon, text, WHOSAID_ESYNTAX, line, msg)

static void test_load_errors(void **state)
{
    (void)state;
    expect_load_error("# numbers\nword\tone\t1\nwrd\tthree\t3\n", 3, "unknown kind 'wrd'");
    expect_load_error("word\tone\t1\n\nword\tOne\t1\n", 3,
                      "duplicate word 'one' (first on line 1)");
    expect_load_error("word\tthree\tx\n", 1, "word 'three': bad value 'x'");
    expect_load_error("word\tthree\n", 1, "word 'three' without a value");
    expect_load_error("word\n", 1, "word without a phrase");
    expect_load_error("word\tthousand\t1000\n", 1,
                      "word 'thousand': value 1000 must be a whole number 0-999");
    expect_load_error("word\tpi\t3.14\n", 1, "word 'pi': value 3.14 must be a whole number 0-999");
    expect_load_error("multiplier\tone\t1\n", 1,
                      "multiplier 'one': value 1 must be greater than 1");
    expect_load_error("fraction\twhole\t1\n", 1,
                      "fraction 'whole': value 1 must be between 0 and 1");
    expect_load_error("multiplier\tbn\t1e9\tshort\n", 1, "multiplier 'bn': unknown flag 'short'");
    expect_load_error("joiner\tand\t1\n", 1, "joiner 'and': unexpected field '1'");
    expect_load_error("vague\t- -\t3\n", 1,
                      "phrase '- -' is empty or longer than 8 words or 255 bytes");

    whosaid_error err = {0};
    assert_null(whosaid_number_load("/nonexistent/numbers.rules", &err));
    assert_int_equal(err.code, WHOSAID_EIO);
    whosaid_number_free(NULL);
}

/* A user's own entries: a multi-word phrase, written with hyphens. */
static void test_extend(void **state)
{
    (void)state;
    char *path = write_temp("word\tvingt\t20\nword\tvingt-et-un\t21\nmultiplier\tmille\t1000\n"
                            "vague\tdes dizaines\t20\npartitive\tde\n",
                            NULL);
    whosaid_error err = {0};
    whosaid_number_lexicon *lex = whosaid_number_load(path, &err);
    remove_temp(path);
    assert_non_null(lex);
    whosaid_number_value r;
    const char *s = "Vingt-et-un mille";
    assert_int_equal(whosaid_number_parse(lex, s, strlen(s), 0, &r), 0);
    assert_exact(r.value, 21000);
    s = "des dizaines de milliers";
    assert_int_equal(whosaid_number_parse(lex, s, strlen(s), 0, &r), WHOSAID_ESYNTAX);
    s = "des  dizaines de mille";
    assert_int_equal(whosaid_number_parse(lex, s, strlen(s), 0, &r), 0);
    assert_exact(r.value, 20000);
    assert_int_equal(r.vague, 1);
    whosaid_number_free(lex);
}

/* ---- Phrases ------------------------------------------------------------------ */

static void expect_phrase(const whosaid_number_lexicon *lex, const char *s, double want, int vague)
{
    whosaid_number_value r = {-1, -1};
    int rc = whosaid_number_parse(lex, s, strlen(s), WHOSAID_NUMBER_AUTO, &r);
    if (rc) fail_msg("\"%s\": error %d", s, rc);
    if (r.value != want) fail_msg("\"%s\": got %.17g, want %.17g", s, r.value, want);
    if (r.vague != vague) fail_msg("\"%s\": vague %d, want %d", s, r.vague, vague);
}

static void expect_phrase_error(const whosaid_number_lexicon *lex, const char *s, int code)
{
    whosaid_number_value r = {-1, -1};
    int rc = whosaid_number_parse(lex, s, strlen(s), WHOSAID_NUMBER_AUTO, &r);
    if (rc != code) fail_msg("\"%s\": got %d (value %.17g), want %d", s, rc, r.value, code);
}

static void test_words(void **state)
{
    const whosaid_number_lexicon *lex = *state;
    expect_phrase(lex, "three", 3, 0);
    expect_phrase(lex, "twenty", 20, 0);
    expect_phrase(lex, "zero", 0, 0);
    expect_phrase(lex, "twenty-one", 21, 0);
    expect_phrase(lex, "Twenty One", 21, 0);
    expect_phrase(lex, "  ninety-nine ", 99, 0);
    /* upper-case ASCII next to non-ASCII gaps (U+2011, U+00A0): the two
     * ways a character is folded meet in one phrase */
    expect_phrase(lex, "TWENTY\xe2\x80\x91ONE", 21, 0);
    expect_phrase(lex, "Two\xc2\xa0HUNDRED\tand Five", 205, 0);
    expect_phrase(lex, "one hundred and five", 105, 0);
    expect_phrase(lex, "a hundred", 100, 0);
    expect_phrase(lex, "hundred", 100, 0);
    expect_phrase(lex, "two hundred forty-two", 242, 0);
    expect_phrase(lex, "twenty-five hundred", 2500, 0);
    expect_phrase(lex, "two million", 2e6, 0);
    expect_phrase(lex, "a million", 1e6, 0);
    expect_phrase(lex, "thousand", 1000, 0);
    expect_phrase(lex, "two million three hundred thousand", 2300000, 0);
    expect_phrase(lex, "one million and one", 1000001, 0);
    expect_phrase(lex, "nine hundred ninety-nine thousand nine hundred and ninety-nine", 999999, 0);
    expect_phrase(lex, "three billion four hundred million five", 3400000005.0, 0);
    expect_phrase(lex, "a dozen", 12, 0);
    expect_phrase(lex, "two dozen", 24, 0);
    expect_phrase(lex, "half a dozen", 6, 0);
    expect_phrase(lex, "half a million", 500000, 0);
    expect_phrase(lex, "a quarter million", 250000, 0);
    expect_phrase(lex, "two and a half billion", 2.5e9, 0);
    expect_phrase(lex, "one and a half", 1.5, 0);
    expect_phrase(lex, "a thousand million", 1e9, 0);
}

static void test_words_trillion_trillion(void **state)
{
    const whosaid_number_lexicon *lex = *state;
    expect_phrase_error(lex, "a trillion trillion", WHOSAID_ELIMIT);
    expect_phrase_error(lex, "nine hundred ninety-nine trillion trillion", WHOSAID_ELIMIT);
    expect_phrase_error(lex, "999 trillion trillion", WHOSAID_ELIMIT);
    expect_phrase(lex, "999 trillion thousand", 999e15, 0);
    expect_phrase(lex, "999 trillion", 999e12, 0);
    expect_phrase(lex, "1 trillion million", 1e18, 0);
}

static void test_words_malformed(void **state)
{
    const whosaid_number_lexicon *lex = *state;
    expect_phrase_error(lex, "", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "five three", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "twenty thirty", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "twenty one two", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "zero one", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "one hundred two hundred", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "million two million", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "two thousand three million", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "a", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "and", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "one hundred and", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "two and three", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "a five", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "half a", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "two bn", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "fivety", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "twenty 5", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "5 twenty", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "two dozens", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "of dozens", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "million hundred", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "5xyz", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "5 \xff", WHOSAID_ESYNTAX);
}

static void test_digits_with_multipliers(void **state)
{
    const whosaid_number_lexicon *lex = *state;
    expect_phrase(lex, "73,286", 73286, 0);
    expect_phrase(lex, "1.234.567,89", 1234567.89, 0);
    expect_phrase(lex, "1 000 000", 1e6, 0);
    expect_phrase(lex, "14.2 million", 14200000, 0);
    expect_phrase(lex, "14.2m", 14200000, 0);
    expect_phrase(lex, "5bn", 5e9, 0);
    expect_phrase(lex, "5 bn", 5e9, 0);
    expect_phrase(lex, "5BN", 5e9, 0);
    expect_phrase(lex, "3.5 trillion", 3.5e12, 0);
    expect_phrase(lex, "40 billion", 4e10, 0);
    expect_phrase(lex, "2k", 2000, 0);
    expect_phrase(lex, "0.3 million", 300000, 0);
    expect_phrase(lex, "1.1 billion", 1.1e9, 0);
    expect_phrase(lex, "1.5 thousand million", 1.5e9, 0);
    expect_phrase(lex, "5 hundred thousand", 500000, 0);
    expect_phrase(lex, "3 dozen", 36, 0);
    expect_phrase(lex, "2.5 dozen", 30, 0);
    expect_phrase(lex, "5 and a half million", 5.5e6, 0);
    expect_phrase(lex, "-2.5 million", -2.5e6, 0);
    expect_phrase_error(lex, "12,34 million", WHOSAID_EINPUT);
    expect_phrase_error(lex, "1,2,3 million", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "1e400", WHOSAID_ELIMIT);
    expect_phrase_error(lex, "5 million million million", WHOSAID_ELIMIT);
    expect_phrase_error(lex, "5 and", WHOSAID_ESYNTAX);
}

static void test_vague(void **state)
{
    const whosaid_number_lexicon *lex = *state;
    expect_phrase(lex, "dozens", 24, 1);
    expect_phrase(lex, "dozens of", 24, 1);
    expect_phrase(lex, "tens of millions of", 1e7, 1);
    expect_phrase(lex, "Tens of millions", 1e7, 1);
    expect_phrase(lex, "hundreds", 200, 1);
    expect_phrase(lex, "thousands of", 2000, 1);
    expect_phrase(lex, "scores of", 40, 1);
    expect_phrase(lex, "millions", 2e6, 1);
    expect_phrase(lex, "hundreds of thousands of", 200000, 1);
    expect_phrase(lex, "tens of thousands", 10000, 1);
    expect_phrase(lex, "several hundred", 300, 1);
    expect_phrase(lex, "a few thousand", 2000, 1);
    expect_phrase(lex, "a couple of hundred", 200, 1);
    expect_phrase(lex, "two million", 2e6, 0);
    expect_phrase_error(lex, "dozens of of", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "dozens five", WHOSAID_ESYNTAX);
    expect_phrase_error(lex, "tens of millions of billions", WHOSAID_ESYNTAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digits),
        cmocka_unit_test(test_digits_malformed),
        cmocka_unit_test(test_digits_overflow),
        cmocka_unit_test(test_scale),
        cmocka_unit_test_setup_teardown(test_lookup, setup, teardown),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_extend),
        cmocka_unit_test_setup_teardown(test_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_words_trillion_trillion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_words_malformed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_digits_with_multipliers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vague, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
