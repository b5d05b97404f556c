/* Month and weekday names: lookups (case, periods, abbreviations, lengths),
 * the %{MONTH} pattern, and rule-file errors. */
#include "testutil.h"

#include "whosaid/buf.h"
#include "whosaid/calendar.h"
#include "whosaid/regex.h"

static whosaid_calendar *load_default(void)
{
    whosaid_error e;
    whosaid_calendar *c = whosaid_calendar_load(WHOSAID_TEST_RULES_DIR "/calendar.rules", &e);
    if (!c) fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    return c;
}

static int month(const whosaid_calendar *c, const char *s)
{
    return whosaid_calendar_month(c, s, strlen(s));
}

static int weekday(const whosaid_calendar *c, const char *s)
{
    return whosaid_calendar_weekday(c, s, strlen(s));
}

static void test_months(void **state)
{
    (void)state;
    whosaid_calendar *c = load_default();
    assert_int_equal(month(c, "January"), 1);
    assert_int_equal(month(c, "january"), 1);
    assert_int_equal(month(c, "JANUARY"), 1);
    assert_int_equal(month(c, "Jan"), 1);
    assert_int_equal(month(c, "Jan."), 1);
    assert_int_equal(month(c, "JAN."), 1);
    assert_int_equal(month(c, "June"), 6);
    assert_int_equal(month(c, "May"), 5);
    assert_int_equal(month(c, "Sept"), 9);
    assert_int_equal(month(c, "Sept."), 9);
    assert_int_equal(month(c, "sep"), 9);
    assert_int_equal(month(c, "September"), 9);
    assert_int_equal(month(c, "Dec."), 12);
    /* Not months. */
    assert_int_equal(month(c, "Ju"), 0);
    assert_int_equal(month(c, "Junes"), 0);
    assert_int_equal(month(c, "Mayo"), 0);
    assert_int_equal(month(c, ""), 0);
    assert_int_equal(month(c, "."), 0);
    assert_int_equal(month(c, "Jan.."), 0);
    assert_int_equal(month(c, "Monday"), 0);
    /* Only len bytes are read: "June 27" cut after four bytes is June. */
    assert_int_equal(whosaid_calendar_month(c, "June 27", 4), 6);
    assert_int_equal(whosaid_calendar_month(c, "June 27", 3), 6); /* "Jun" */
    assert_int_equal(whosaid_calendar_month(c, "June 27", 2), 0);
    whosaid_calendar_free(c);
}

static void test_weekdays(void **state)
{
    (void)state;
    whosaid_calendar *c = load_default();
    assert_int_equal(weekday(c, "Monday"), 1);
    assert_int_equal(weekday(c, "tue"), 2);
    assert_int_equal(weekday(c, "Tues."), 2);
    assert_int_equal(weekday(c, "Thursday"), 4);
    assert_int_equal(weekday(c, "THU"), 4);
    assert_int_equal(weekday(c, "Thurs."), 4);
    assert_int_equal(weekday(c, "Sun"), 7);
    assert_int_equal(weekday(c, "Sunday"), 7);
    assert_int_equal(weekday(c, "June"), 0); /* months are another kind */
    assert_int_equal(month(c, "Sunday"), 0);
    assert_int_equal(weekday(c, "Thursdays"), 0);
    whosaid_calendar_free(c);
}

static void test_non_ascii_names_fold_case(void **state)
{
    (void)state;
    char *path = write_temp("# German\nmonth\t3\tMärz\nmonth\t12\tDezember\tDez.\n"
                            "weekday\t4\tDonnerstag\tDo.\n",
                            NULL);
    whosaid_error e;
    whosaid_calendar *c = whosaid_calendar_load(path, &e);
    remove_temp(path);
    assert_non_null(c);
    assert_int_equal(month(c, "März"), 3);
    assert_int_equal(month(c, "MÄRZ"), 3);
    assert_int_equal(month(c, "märz."), 3);
    assert_int_equal(month(c, "Dez"), 12);
    assert_int_equal(month(c, "March"), 0);
    assert_int_equal(weekday(c, "do"), 4);
    whosaid_calendar_free(c);
}

/* Lookups are turned away by the folded first byte of the names: every
 * spelling of a name must get through, whatever its case or first byte. */
static void test_first_byte_filter_passes_every_name(void **state)
{
    (void)state;
    char *path = write_temp("month\t1\tOcak\nmonth\t2\t\xC5\x9Eubat\n"
                            "weekday\t1\t\xC3\x9C"
                            "berday\tzondag\n",
                            NULL);
    whosaid_error e;
    whosaid_calendar *c = whosaid_calendar_load(path, &e);
    remove_temp(path);
    assert_non_null(c);
    assert_int_equal(month(c, "Ocak"), 1);
    assert_int_equal(month(c, "ocak"), 1);
    assert_int_equal(month(c, "OCAK."), 1);
    assert_int_equal(month(c, "\xC5\x9EUBAT"), 2);
    assert_int_equal(month(c, "\xC5\x9F"
                              "ubat"),
                     2);
    assert_int_equal(weekday(c, "\xC3\xBC"
                                "berday"),
                     1);
    assert_int_equal(weekday(c, "ZONDAG"), 1);
    assert_int_equal(weekday(c, "Zondag."), 1);
    assert_int_equal(month(c, "Ocean"), 0);
    assert_int_equal(month(c, "zondag"), 0); /* a weekday, not a month */
    assert_int_equal(weekday(c, "."), 0);
    assert_int_equal(weekday(c, ""), 0);
    whosaid_calendar_free(c);
}

static void test_pattern_matches_names(void **state)
{
    (void)state;
    whosaid_calendar *c = load_default();
    whosaid_buf b = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_buf_append_str(&b, "^(?<m>"), 0);
    assert_int_equal(whosaid_calendar_pattern(c, WHOSAID_CALENDAR_MONTH, &b), 0);
    assert_int_equal(whosaid_buf_append_str(&b, ") \\d+$"), 0);
    whosaid_error e;
    whosaid_regex *re = whosaid_regex_new(b.data, 0, &e);
    if (!re) fail_msg("%s in %s", e.msg, b.data);
    size_t s, t;
    const char *x = "SEPT. 5";
    assert_int_equal(whosaid_regex_search(re, x, strlen(x), 0), 1);
    assert_true(whosaid_regex_group(re, 1, &s, &t));
    assert_int_equal(t - s, 5); /* the longest name wins, with its period */
    assert_int_equal(whosaid_calendar_month(c, x + s, t - s), 9);
    x = "september 30";
    assert_int_equal(whosaid_regex_search(re, x, strlen(x), 0), 1);
    x = "Marching 5"; /* a name followed by letters is no name */
    assert_int_equal(whosaid_regex_search(re, x, strlen(x), 0), 0);
    x = "Monday 5";
    assert_int_equal(whosaid_regex_search(re, x, strlen(x), 0), 0);
    whosaid_regex_free(re);

    whosaid_buf_clear(&b);
    assert_int_equal(whosaid_calendar_pattern(c, WHOSAID_CALENDAR_WEEKDAY, &b), 0);
    re = whosaid_regex_new(b.data, WHOSAID_REGEX_ANCHORED, &e);
    assert_non_null(re);
    x = "Thurs, June 27";
    assert_int_equal(whosaid_regex_search(re, x, strlen(x), 0), 1);
    assert_true(whosaid_regex_group(re, 0, &s, &t));
    assert_int_equal(t - s, 5);
    whosaid_regex_free(re);
    whosaid_buf_free(&b);
    whosaid_calendar_free(c);
}

static int load_calendar(const char *path, whosaid_error *e)
{
    whosaid_calendar *c = whosaid_calendar_load(path, e);
    whosaid_calendar_free(c);
    return c ? 0 : e->code;
}

#define expect_error(content, line, msg)                                                           \
    assert_load_error(load_calendar, content, WHOSAID_ESYNTAX, line, msg)

static void test_errors(void **state)
{
    (void)state;
    expect_error("month\t1\tJanuary\nmonht\t2\tFebruary\n", 2,
                 "unknown keyword \"monht\" (expected month or weekday)");
    expect_error("# c\n\nmonth\t13\tUndecimber\n", 3, "month number \"13\" out of range 1-12");
    expect_error("month\t0\tNone\n", 1, "month number \"0\" out of range 1-12");
    expect_error("weekday\t8\tFunday\n", 1, "weekday number \"8\" out of range 1-7");
    expect_error("weekday\tx\tFunday\n", 1, "weekday number \"x\" out of range 1-7");
    expect_error("month\t1\n", 1, "month 1: no names");
    expect_error("month\n", 1, "month: missing number");
    expect_error("month\t1\tJan\nmonth\t6\tJAN.\n", 2, "name \"JAN.\" already stands for 1");
    expect_error("month\t1\tJa\\n\n", 1, "name \"Ja\\n\" may not contain a backslash");

    whosaid_error e;
    assert_null(whosaid_calendar_load("/nonexistent/calendar.rules", &e));
    assert_int_equal(e.code, WHOSAID_EIO);
    whosaid_calendar_free(NULL);
}

static void test_same_name_twice_is_fine(void **state)
{
    (void)state;
    char *path = write_temp("month\t1\tJan\tJan.\tjan\n", NULL);
    whosaid_error e;
    whosaid_calendar *c = whosaid_calendar_load(path, &e);
    remove_temp(path);
    assert_non_null(c);
    assert_int_equal(month(c, "JAN"), 1);
    assert_int_equal(weekday(c, "Jan"), 0);
    whosaid_calendar_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_weekdays),
        cmocka_unit_test(test_non_ascii_names_fold_case),
        cmocka_unit_test(test_first_byte_filter_passes_every_name),
        cmocka_unit_test(test_pattern_matches_names),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_same_name_twice_is_fine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
