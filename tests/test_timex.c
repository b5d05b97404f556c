/* Unit tests for include/whosaid/timex.h: civil arithmetic, ISO weeks,
 * TIMEX3 parsing and formatting, and resolving relative dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "whosaid/timex.h"

static whosaid_date D(int y, int m, int d)
{
    whosaid_date x = {y, m, d};
    return x;
}

/* Formats t and compares with want. */
static void check_value(const whosaid_timex *t, const char *want)
{
    char buf[WHOSAID_TIMEX_VALUE_MAX];
    int n = whosaid_timex_format(t, buf, sizeof buf);
    if (n < 0) fail_msg("format failed (%d), want %s", n, want);
    assert_string_equal(buf, want);
    assert_int_equal(n, (int)strlen(want));
}

static void check_date(whosaid_date got, int y, int m, int d)
{
    if (got.year != y || got.month != m || got.day != d)
        fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.year, got.month, got.day, y, m, d);
}

/* ---- Calendar ---------------------------------------------------------- */

static void test_leap_years(void **state)
{
    (void)state;
    assert_false(whosaid_timex_is_leap(1900));
    assert_true(whosaid_timex_is_leap(2000));
    assert_true(whosaid_timex_is_leap(2012));
    assert_false(whosaid_timex_is_leap(2100));
    assert_false(whosaid_timex_is_leap(2013));
    assert_true(whosaid_timex_is_leap(1600));
    assert_true(whosaid_timex_is_leap(0));
    assert_true(whosaid_timex_is_leap(-4));
    assert_int_equal(whosaid_timex_month_days(1900, 2), 28);
    assert_int_equal(whosaid_timex_month_days(2000, 2), 29);
    assert_int_equal(whosaid_timex_month_days(2012, 2), 29);
    assert_int_equal(whosaid_timex_month_days(2100, 2), 28);
    assert_int_equal(whosaid_timex_month_days(2013, 4), 30);
    assert_int_equal(whosaid_timex_month_days(2013, 12), 31);
    assert_int_equal(whosaid_timex_month_days(2013, 0), 0);
    assert_int_equal(whosaid_timex_month_days(2013, 13), 0);
    whosaid_date feb29 = D(1900, 2, 29), ok = D(2000, 2, 29), apr31 = D(2013, 4, 31);
    assert_false(whosaid_timex_valid(&feb29));
    assert_true(whosaid_timex_valid(&ok));
    assert_false(whosaid_timex_valid(&apr31));
}

static void test_day_numbers(void **state)
{
    (void)state;
    whosaid_date d = D(1970, 1, 1);
    assert_int_equal(whosaid_timex_days_from_civil(&d), 0);
    d = D(1969, 12, 31);
    assert_int_equal(whosaid_timex_days_from_civil(&d), -1);
    d = D(2013, 6, 27);
    assert_int_equal(whosaid_timex_days_from_civil(&d), 15883);
    d = D(2000, 3, 1);
    assert_int_equal(whosaid_timex_days_from_civil(&d), 11017);
    d = D(1, 1, 1);
    assert_int_equal(whosaid_timex_days_from_civil(&d), -719162);
    whosaid_date back;
    assert_int_equal(whosaid_timex_civil_from_days(15883, &back), 0);
    check_date(back, 2013, 6, 27);
    assert_int_equal(whosaid_timex_civil_from_days(-719162, &back), 0);
    check_date(back, 1, 1, 1);
    assert_int_equal(whosaid_timex_civil_from_days(INT64_MAX / 2, &back), WHOSAID_ELIMIT);
    check_date(back, 1, 1, 1);
}

/* Every day from 1599 to 2401: the day number goes up by one, the date
 * round-trips, the weekday cycles, and ISO weeks change only on Mondays. */
static void test_calendar_sweep(void **state)
{
    (void)state;
    whosaid_date d = D(1599, 1, 1);
    int64_t n = whosaid_timex_days_from_civil(&d);
    int wd = whosaid_timex_weekday(&d), wy0, wk0 = whosaid_timex_iso_week(&d, &wy0);
    while (d.year < 2402) {
        whosaid_date next = d, back;
        /* The next date by hand. */
        if (++next.day > whosaid_timex_month_days(next.year, next.month)) {
            next.day = 1;
            if (++next.month > 12) {
                next.month = 1;
                next.year++;
            }
        }
        assert_int_equal(whosaid_timex_days_from_civil(&next), n + 1);
        assert_int_equal(whosaid_timex_civil_from_days(n + 1, &back), 0);
        check_date(back, next.year, next.month, next.day);
        int nwd = whosaid_timex_weekday(&next), wy, wk = whosaid_timex_iso_week(&next, &wy);
        assert_int_equal(nwd, wd % 7 + 1);
        if (nwd == 1) {
            if (wk == 1) {
                assert_int_equal(wy, wy0 + 1);
                assert_int_equal(wk0, whosaid_timex_iso_weeks_in_year(wy0));
            } else {
                assert_int_equal(wy, wy0);
                assert_int_equal(wk, wk0 + 1);
            }
        } else {
            assert_int_equal(wy, wy0);
            assert_int_equal(wk, wk0);
        }
        d = next;
        n++;
        wd = nwd;
        wy0 = wy;
        wk0 = wk;
    }
}

static void test_weekdays(void **state)
{
    (void)state;
    whosaid_date d = D(2013, 6, 27);
    assert_int_equal(whosaid_timex_weekday(&d), 4);
    d = D(2013, 3, 22);
    assert_int_equal(whosaid_timex_weekday(&d), 5);
    d = D(2000, 1, 1);
    assert_int_equal(whosaid_timex_weekday(&d), 6);
    d = D(1970, 1, 1);
    assert_int_equal(whosaid_timex_weekday(&d), 4);
    d = D(1969, 12, 28);
    assert_int_equal(whosaid_timex_weekday(&d), 7);
}

static void expect_week(int y, int m, int d, int want_year, int want_week)
{
    whosaid_date x = D(y, m, d);
    int wy = 0, wk = whosaid_timex_iso_week(&x, &wy);
    if (wy != want_year || wk != want_week)
        fail_msg("%04d-%02d-%02d: got %d-W%02d, want %d-W%02d", y, m, d, wy, wk, want_year,
                 want_week);
}

static void test_iso_weeks(void **state)
{
    (void)state;
    expect_week(2009, 12, 31, 2009, 53);
    expect_week(2010, 1, 3, 2009, 53);
    expect_week(2010, 1, 4, 2010, 1);
    expect_week(2008, 12, 29, 2009, 1);
    expect_week(2008, 12, 28, 2008, 52);
    expect_week(2013, 12, 31, 2014, 1);
    expect_week(2000, 1, 1, 1999, 52);
    expect_week(2013, 6, 27, 2013, 26);
    expect_week(2013, 3, 22, 2013, 12);
    assert_int_equal(whosaid_timex_iso_weeks_in_year(2009), 53);
    assert_int_equal(whosaid_timex_iso_weeks_in_year(2010), 52);
    assert_int_equal(whosaid_timex_iso_weeks_in_year(2015), 53);
    assert_int_equal(whosaid_timex_iso_weeks_in_year(2020), 53); /* leap, starts Wednesday */
    assert_int_equal(whosaid_timex_iso_weeks_in_year(2021), 52);
    assert_int_equal(whosaid_timex_iso_weeks_in_year(2026), 53);
    whosaid_date d;
    assert_int_equal(whosaid_timex_from_iso_week(2009, 53, 7, &d), 0);
    check_date(d, 2010, 1, 3);
    assert_int_equal(whosaid_timex_from_iso_week(2009, 1, 1, &d), 0);
    check_date(d, 2008, 12, 29);
    assert_int_equal(whosaid_timex_from_iso_week(2013, 25, 4, &d), 0);
    check_date(d, 2013, 6, 20);
    assert_int_equal(whosaid_timex_from_iso_week(2010, 53, 1, &d), WHOSAID_EINPUT);
    assert_int_equal(whosaid_timex_from_iso_week(2010, 0, 1, &d), WHOSAID_EINPUT);
    assert_int_equal(whosaid_timex_from_iso_week(2010, 1, 8, &d), WHOSAID_EINPUT);
}

static void test_add(void **state)
{
    (void)state;
    whosaid_date d = D(2012, 2, 29);
    assert_int_equal(whosaid_timex_add_years(&d, 1), 0);
    check_date(d, 2013, 2, 28);
    d = D(2012, 2, 29);
    assert_int_equal(whosaid_timex_add_years(&d, 4), 0);
    check_date(d, 2016, 2, 29);
    d = D(2012, 2, 29);
    assert_int_equal(whosaid_timex_add_years(&d, -12), 0);
    check_date(d, 2000, 2, 29);
    d = D(2012, 2, 29);
    assert_int_equal(whosaid_timex_add_years(&d, 88), 0);
    check_date(d, 2100, 2, 28);
    d = D(2013, 1, 31);
    assert_int_equal(whosaid_timex_add_months(&d, 1), 0);
    check_date(d, 2013, 2, 28);
    d = D(2012, 1, 31);
    assert_int_equal(whosaid_timex_add_months(&d, 1), 0);
    check_date(d, 2012, 2, 29);
    d = D(2013, 3, 31);
    assert_int_equal(whosaid_timex_add_months(&d, -1), 0);
    check_date(d, 2013, 2, 28);
    d = D(2013, 1, 15);
    assert_int_equal(whosaid_timex_add_months(&d, -13), 0);
    check_date(d, 2011, 12, 15);
    d = D(2013, 11, 30);
    assert_int_equal(whosaid_timex_add_months(&d, 3), 0);
    check_date(d, 2014, 2, 28);
    d = D(2012, 12, 31);
    assert_int_equal(whosaid_timex_add_days(&d, 1), 0);
    check_date(d, 2013, 1, 1);
    d = D(2013, 3, 1);
    assert_int_equal(whosaid_timex_add_days(&d, -1), 0);
    check_date(d, 2013, 2, 28);
    d = D(2000, 1, 1);
    assert_int_equal(whosaid_timex_add_days(&d, 366), 0);
    check_date(d, 2001, 1, 1);
    /* Errors leave the date alone. */
    d = D(2013, 2, 30);
    assert_int_equal(whosaid_timex_add_days(&d, 1), WHOSAID_EINPUT);
    d = D(2013, 6, 27);
    assert_int_equal(whosaid_timex_add_years(&d, INT64_MAX), WHOSAID_ELIMIT);
    assert_int_equal(whosaid_timex_add_months(&d, INT64_MIN), WHOSAID_ELIMIT);
    assert_int_equal(whosaid_timex_add_days(&d, INT64_MAX), WHOSAID_ELIMIT);
    assert_int_equal(whosaid_timex_add_years(&d, WHOSAID_TIMEX_YEAR_LIMIT), WHOSAID_ELIMIT);
    check_date(d, 2013, 6, 27);
}

/* ---- Values -------------------------------------------------------------- */

static void expect_parse(const char *in, const char *want)
{
    whosaid_timex t;
    int rc = whosaid_timex_parse(in, strlen(in), &t);
    if (rc) fail_msg("parse \"%s\": %d", in, rc);
    check_value(&t, want);
}

static void expect_parse_error(const char *in, int code)
{
    whosaid_timex t;
    int rc = whosaid_timex_parse(in, strlen(in), &t);
    if (rc != code) fail_msg("parse \"%s\": got %d, want %d", in, rc, code);
}

static void test_parse_format(void **state)
{
    (void)state;
    const char *same[] = {"2013-06-27",
                          "2013-06",
                          "2013",
                          "2013-W25",
                          "2009-W53",
                          "199X",
                          "19XX",
                          "XXXX",
                          "XXXX-03",
                          "XXXX-03-22",
                          "XXXX-XX-XX",
                          "XXXX-WXX",
                          "XXXX-WXX-4",
                          "2013-06-27T21",
                          "2013-06-27T21:22",
                          "2013-06-27T21:22:05",
                          "0000-01-01",
                          "9999-12-31"};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        expect_parse(same[i], same[i]);
    expect_parse("2013-06-27 21:22", "2013-06-27T21:22");
    expect_parse("2013-06-27T21:22:05.123+01:00", "2013-06-27T21:22:05");
    expect_parse("2013-06-27T21:22Z", "2013-06-27T21:22");
    expect_parse("2013-06-27T21:22-0500", "2013-06-27T21:22");
    expect_parse("2013-W25-4", "2013-06-20");
    expect_parse("2009-W53-7", "2010-01-03");

    whosaid_timex t;
    assert_int_equal(whosaid_timex_parse("199X", 4, &t), 0);
    assert_int_equal(t.gran, WHOSAID_TIMEX_DECADE);
    assert_int_equal(t.year, 1990);
    assert_int_equal(whosaid_timex_parse("XXXX-03-22", 10, &t), 0);
    assert_int_equal(t.year, WHOSAID_TIMEX_X);
    assert_int_equal(t.month, 3);
    assert_int_equal(t.day, 22);
    /* Not NUL-terminated: only len bytes count. */
    assert_int_equal(whosaid_timex_parse("2013-06-27T21:22", 10, &t), 0);
    assert_int_equal(t.gran, WHOSAID_TIMEX_DAY);
    assert_int_equal(t.weekday, 4);

    expect_parse_error("", WHOSAID_ESYNTAX);
    expect_parse_error("13", WHOSAID_ESYNTAX);
    expect_parse_error("20130", WHOSAID_ESYNTAX);
    expect_parse_error("2013-6-27", WHOSAID_ESYNTAX);
    expect_parse_error("2013-06-27x", WHOSAID_ESYNTAX);
    expect_parse_error("2013-06-27T", WHOSAID_ESYNTAX);
    expect_parse_error("1X9X", WHOSAID_ESYNTAX);
    expect_parse_error("2X13", WHOSAID_ESYNTAX);
    expect_parse_error("199X-03", WHOSAID_ESYNTAX);
    expect_parse_error("2013-W25-8", WHOSAID_ESYNTAX);
    expect_parse_error("2013-02-29", WHOSAID_EINPUT);
    expect_parse_error("2013-13", WHOSAID_EINPUT);
    expect_parse_error("2013-00-10", WHOSAID_ESYNTAX); /* 00 is neither a month nor XX */
    expect_parse_error("2010-W53", WHOSAID_EINPUT);
    expect_parse_error("2013-06-27T25:00", WHOSAID_EINPUT);
    expect_parse_error("XXXX-02-30", WHOSAID_EINPUT);
}

/* Every field is written zero-padded to its width, whatever the granularity. */
static void test_format_padding(void **state)
{
    (void)state;
    whosaid_timex t;
    memset(&t, 0, sizeof t);
    t.gran = WHOSAID_TIMEX_YEAR;
    t.year = 42;
    check_value(&t, "0042");
    t.gran = WHOSAID_TIMEX_DECADE;
    t.year = 7;
    check_value(&t, "000X");
    t.gran = WHOSAID_TIMEX_CENTURY;
    t.year = 950;
    check_value(&t, "09XX");
    t.gran = WHOSAID_TIMEX_MONTH;
    t.year = 5;
    t.month = 3;
    check_value(&t, "0005-03");
    t.gran = WHOSAID_TIMEX_WEEK;
    t.week = 1;
    check_value(&t, "0005-W01");
    t.gran = WHOSAID_TIMEX_DAY;
    t.year = WHOSAID_TIMEX_X;
    t.month = 0;
    t.weekday = 3;
    check_value(&t, "XXXX-W01-3");
    t.year = 2013;
    t.month = 1;
    t.day = 2;
    t.week = 0;
    t.weekday = 0;
    t.gran = WHOSAID_TIMEX_HOUR;
    check_value(&t, "2013-01-02T00");
    t.gran = WHOSAID_TIMEX_MINUTE;
    t.hour = 9;
    t.minute = 5;
    check_value(&t, "2013-01-02T09:05");
    t.gran = WHOSAID_TIMEX_SECOND;
    t.second = 60;
    check_value(&t, "2013-01-02T09:05:60");
    t.second = 61;
    char buf[WHOSAID_TIMEX_VALUE_MAX];
    assert_int_equal(whosaid_timex_format(&t, buf, sizeof buf), WHOSAID_EINPUT);
}

static void test_get_date_and_format_errors(void **state)
{
    (void)state;
    whosaid_timex t;
    whosaid_date d;
    assert_int_equal(whosaid_timex_parse("2013-06-27T21:22", 16, &t), 0);
    assert_int_equal(whosaid_timex_get_date(&t, &d), 1);
    check_date(d, 2013, 6, 27);
    assert_int_equal(whosaid_timex_parse("2013-06", 7, &t), 0);
    assert_int_equal(whosaid_timex_get_date(&t, &d), 0);
    assert_int_equal(whosaid_timex_parse("XXXX-06-27", 10, &t), 0);
    assert_int_equal(whosaid_timex_get_date(&t, &d), 0);

    whosaid_date big = D(10000, 1, 1);
    char buf[WHOSAID_TIMEX_VALUE_MAX];
    whosaid_timex_from_date(&big, &t);
    assert_int_equal(whosaid_timex_format(&t, buf, sizeof buf), WHOSAID_EINPUT);
    whosaid_date ok = D(2013, 6, 27);
    whosaid_timex_from_date(&ok, &t);
    assert_int_equal(whosaid_timex_format(&t, buf, 10), WHOSAID_ELIMIT);
    assert_int_equal(whosaid_timex_format(&t, buf, 11), 10);
    assert_string_equal(buf, "2013-06-27");
    t.day = 31;
    t.month = 6;
    assert_int_equal(whosaid_timex_format(&t, buf, sizeof buf), WHOSAID_EINPUT);
    t.day = 1;
    t.gran = 0;
    assert_int_equal(whosaid_timex_format(&t, buf, sizeof buf), WHOSAID_EINPUT);
}

static void expect_duration(double n, int unit, const char *want)
{
    char buf[32];
    int rc = whosaid_timex_format_duration(n, unit, buf, sizeof buf);
    if (rc < 0) fail_msg("duration %g: %d", n, rc);
    assert_string_equal(buf, want);
}

static void test_durations(void **state)
{
    (void)state;
    expect_duration(5, WHOSAID_TIMEX_HOUR, "PT5H");
    expect_duration(30, WHOSAID_TIMEX_YEAR, "P30Y");
    expect_duration(30, WHOSAID_TIMEX_MINUTE, "PT30M");
    expect_duration(3, WHOSAID_TIMEX_MONTH, "P3M");
    expect_duration(10, WHOSAID_TIMEX_SECOND, "PT10S");
    expect_duration(2, WHOSAID_TIMEX_WEEK, "P2W");
    expect_duration(5, WHOSAID_TIMEX_DAY, "P5D");
    expect_duration(2, WHOSAID_TIMEX_DECADE, "P2DE");
    expect_duration(1, WHOSAID_TIMEX_CENTURY, "P1CE");
    expect_duration(2.5, WHOSAID_TIMEX_YEAR, "P2.5Y");
    expect_duration(0.25, WHOSAID_TIMEX_HOUR, "PT0.25H");
    expect_duration(-1, WHOSAID_TIMEX_YEAR, "PXY");
    /* the millionths keep their leading zeros, lose their trailing ones,
     * and round up into the whole part */
    expect_duration(1.05, WHOSAID_TIMEX_HOUR, "PT1.05H");
    expect_duration(3.000001, WHOSAID_TIMEX_DAY, "P3.000001D");
    expect_duration(0.5, WHOSAID_TIMEX_CENTURY, "P0.5CE");
    expect_duration(9.9999999, WHOSAID_TIMEX_WEEK, "P10W");
    expect_duration(123456789012345, WHOSAID_TIMEX_DAY, "P123456789012345D");
    char buf[8];
    assert_int_equal(whosaid_timex_format_duration(1, 0, buf, sizeof buf), WHOSAID_EINPUT);
    assert_int_equal(whosaid_timex_format_duration(1e15, WHOSAID_TIMEX_DAY, buf, sizeof buf),
                     WHOSAID_ELIMIT);
    assert_int_equal(whosaid_timex_format_duration(123456, WHOSAID_TIMEX_DAY, buf, 8),
                     WHOSAID_ELIMIT);
    /* exactly filled: "P12345D" and its NUL */
    assert_int_equal(whosaid_timex_format_duration(12345, WHOSAID_TIMEX_DAY, buf, 8), 7);
    assert_string_equal(buf, "P12345D");
}

/* ---- Resolving ------------------------------------------------------------ */

static void expect_weekday(whosaid_date anchor, int weekday, int dir, const char *want)
{
    whosaid_timex t;
    int rc = whosaid_timex_resolve_weekday(&anchor, weekday, dir, &t);
    if (rc != 1)
        fail_msg("weekday %d from %04d-%02d-%02d: %d", weekday, anchor.year, anchor.month,
                 anchor.day, rc);
    check_value(&t, want);
}

static void test_weekday_news_examples(void **state)
{
    (void)state;
    /* "said on Thursday" in an article of Thursday June 27, 2013. */
    expect_weekday(D(2013, 6, 27), 4, WHOSAID_TIMEX_DEFAULT, "2013-06-27");
    expect_weekday(D(2013, 6, 27), 4, WHOSAID_TIMEX_PAST, "2013-06-27");
    /* "on Wednesday" in an article of Friday March 22, 2013. */
    expect_weekday(D(2013, 3, 22), 3, WHOSAID_TIMEX_DEFAULT, "2013-03-20");
    expect_weekday(D(2013, 3, 22), 3, WHOSAID_TIMEX_PAST, "2013-03-20");
}

static void test_weekday_directions(void **state)
{
    (void)state;
    expect_weekday(D(2013, 6, 27), 4, WHOSAID_TIMEX_FUTURE, "2013-06-27");
    expect_weekday(D(2013, 6, 27), 4, WHOSAID_TIMEX_NEAREST, "2013-06-27");
    expect_weekday(D(2013, 3, 22), 3, WHOSAID_TIMEX_FUTURE, "2013-03-27");
    expect_weekday(D(2013, 3, 22), 3, WHOSAID_TIMEX_NEAREST, "2013-03-20");
    expect_weekday(D(2013, 3, 22), 1, WHOSAID_TIMEX_NEAREST, "2013-03-25");
    /* Across a month end: Tuesday October 1, 2013. */
    expect_weekday(D(2013, 10, 1), 5, WHOSAID_TIMEX_PAST, "2013-09-27");
    expect_weekday(D(2013, 10, 1), 5, WHOSAID_TIMEX_FUTURE, "2013-10-04");
    expect_weekday(D(2013, 10, 1), 5, WHOSAID_TIMEX_NEAREST, "2013-10-04");
    expect_weekday(D(2013, 10, 1), 7, WHOSAID_TIMEX_NEAREST, "2013-09-29");
    /* Across a year end: Wednesday January 1, 2014 and Tuesday December 31, 2013. */
    expect_weekday(D(2014, 1, 1), 1, WHOSAID_TIMEX_PAST, "2013-12-30");
    expect_weekday(D(2013, 12, 31), 4, WHOSAID_TIMEX_FUTURE, "2014-01-02");
    expect_weekday(D(2013, 12, 31), 4, WHOSAID_TIMEX_PAST, "2013-12-26");
    /* Across February 29. */
    expect_weekday(D(2012, 3, 1), 3, WHOSAID_TIMEX_PAST, "2012-02-29");
}

static void test_weekday_errors_and_no_anchor(void **state)
{
    (void)state;
    whosaid_timex t;
    whosaid_date a = D(2013, 6, 27), bad = D(2013, 2, 30);
    assert_int_equal(whosaid_timex_resolve_weekday(NULL, 4, WHOSAID_TIMEX_PAST, &t), 0);
    check_value(&t, "XXXX-WXX-4");
    assert_int_equal(whosaid_timex_resolve_weekday_shift(NULL, 5, -1, &t), 0);
    check_value(&t, "XXXX-WXX-5");
    assert_int_equal(whosaid_timex_resolve_weekday(&a, 0, 0, &t), WHOSAID_EINPUT);
    assert_int_equal(whosaid_timex_resolve_weekday(&a, 8, 0, &t), WHOSAID_EINPUT);
    assert_int_equal(whosaid_timex_resolve_weekday(&a, 1, 9, &t), WHOSAID_EINPUT);
    assert_int_equal(whosaid_timex_resolve_weekday(&bad, 1, 0, &t), WHOSAID_EINPUT);
    whosaid_date early = D(0, 1, 1); /* a Saturday: the Friday before is in year -1 */
    assert_int_equal(whosaid_timex_resolve_weekday(&early, 5, WHOSAID_TIMEX_PAST, &t),
                     WHOSAID_ELIMIT);
}

static void expect_shift(whosaid_date anchor, int weekday, int n, const char *want)
{
    whosaid_timex t;
    assert_int_equal(whosaid_timex_resolve_weekday_shift(&anchor, weekday, n, &t), 1);
    check_value(&t, want);
}

static void test_weekday_shift(void **state)
{
    (void)state;
    whosaid_date fri = D(2013, 3, 22);
    expect_shift(fri, 5, -1, "2013-03-15"); /* last Friday, said on a Friday */
    expect_shift(fri, 3, -1, "2013-03-20"); /* last Wednesday */
    expect_shift(fri, 1, 1, "2013-03-25");  /* next Monday */
    expect_shift(fri, 5, 1, "2013-03-29");  /* next Friday */
    expect_shift(fri, 5, -2, "2013-03-08"); /* Friday before last */
    expect_shift(fri, 1, 0, "2013-03-18");  /* this Monday */
    expect_shift(fri, 7, 0, "2013-03-24");  /* this Sunday */
    expect_shift(D(2014, 1, 1), 5, -1, "2013-12-27");
    expect_shift(D(2013, 12, 30), 3, 1, "2014-01-01");
}

static void expect_offset(whosaid_date anchor, int unit, int64_t n, const char *want)
{
    whosaid_timex t;
    int rc = whosaid_timex_resolve_offset(&anchor, unit, n, &t);
    if (rc != 1) fail_msg("offset %lld: %d", (long long)n, rc);
    check_value(&t, want);
}

static void test_offsets(void **state)
{
    (void)state;
    whosaid_date a = D(2013, 3, 22);
    expect_offset(a, WHOSAID_TIMEX_DAY, -1, "2013-03-21");             /* yesterday */
    expect_offset(a, WHOSAID_TIMEX_DAY, 0, "2013-03-22");              /* today */
    expect_offset(a, WHOSAID_TIMEX_DAY, 1, "2013-03-23");              /* tomorrow */
    expect_offset(D(2013, 3, 1), WHOSAID_TIMEX_DAY, -2, "2013-02-27"); /* two days ago */
    expect_offset(D(2012, 3, 1), WHOSAID_TIMEX_DAY, -2, "2012-02-28");
    expect_offset(D(2013, 1, 1), WHOSAID_TIMEX_DAY, -1, "2012-12-31");
    expect_offset(D(2013, 3, 29), WHOSAID_TIMEX_WEEK, -1, "2013-W12"); /* last week */
    expect_offset(a, WHOSAID_TIMEX_WEEK, 0, "2013-W12");               /* this week */
    expect_offset(D(2010, 1, 6), WHOSAID_TIMEX_WEEK, -1, "2009-W53");
    expect_offset(D(2013, 12, 25), WHOSAID_TIMEX_WEEK, 1, "2014-W01");
    expect_offset(a, WHOSAID_TIMEX_MONTH, 1, "2013-04"); /* next month */
    expect_offset(D(2013, 12, 31), WHOSAID_TIMEX_MONTH, 1, "2014-01");
    expect_offset(D(2013, 1, 31), WHOSAID_TIMEX_MONTH, -1, "2012-12");
    expect_offset(a, WHOSAID_TIMEX_YEAR, 0, "2013");  /* this year, earlier this year */
    expect_offset(a, WHOSAID_TIMEX_YEAR, -3, "2010"); /* three years ago */
    expect_offset(a, WHOSAID_TIMEX_YEAR, -1, "2012"); /* last year */
    expect_offset(a, WHOSAID_TIMEX_DECADE, 0, "201X");
    expect_offset(a, WHOSAID_TIMEX_DECADE, -2, "199X");
    expect_offset(a, WHOSAID_TIMEX_CENTURY, -1, "19XX");

    whosaid_timex t;
    assert_int_equal(whosaid_timex_resolve_offset(&a, WHOSAID_TIMEX_YEAR, -3000, &t),
                     WHOSAID_ELIMIT);
    assert_int_equal(whosaid_timex_resolve_offset(&a, WHOSAID_TIMEX_DAY, INT64_MIN, &t),
                     WHOSAID_ELIMIT);
    assert_int_equal(whosaid_timex_resolve_offset(&a, WHOSAID_TIMEX_HOUR, 1, &t), WHOSAID_EINPUT);
}

static void test_offsets_no_anchor(void **state)
{
    (void)state;
    static const struct {
        int unit;
        const char *want;
    } cases[] = {{WHOSAID_TIMEX_DAY, "XXXX-XX-XX"}, {WHOSAID_TIMEX_WEEK, "XXXX-WXX"},
                 {WHOSAID_TIMEX_MONTH, "XXXX-XX"},  {WHOSAID_TIMEX_YEAR, "XXXX"},
                 {WHOSAID_TIMEX_DECADE, "XXXX"},    {WHOSAID_TIMEX_CENTURY, "XXXX"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        whosaid_timex t;
        assert_int_equal(whosaid_timex_resolve_offset(NULL, cases[i].unit, -1, &t), 0);
        check_value(&t, cases[i].want);
    }
}

static void expect_month(whosaid_date anchor, int month, int dir, const char *want)
{
    whosaid_timex t;
    assert_int_equal(whosaid_timex_resolve_month(&anchor, month, dir, &t), 1);
    check_value(&t, want);
}

static void test_months(void **state)
{
    (void)state;
    whosaid_date a = D(2013, 6, 27);
    expect_month(a, 3, WHOSAID_TIMEX_DEFAULT, "2013-03"); /* "in March" */
    expect_month(a, 3, WHOSAID_TIMEX_PAST, "2013-03");
    expect_month(a, 3, WHOSAID_TIMEX_FUTURE, "2014-03");
    expect_month(a, 6, WHOSAID_TIMEX_PAST, "2013-06");
    expect_month(a, 6, WHOSAID_TIMEX_FUTURE, "2013-06");
    expect_month(a, 9, WHOSAID_TIMEX_DEFAULT, "2013-09");
    expect_month(a, 9, WHOSAID_TIMEX_PAST, "2012-09");
    expect_month(a, 9, WHOSAID_TIMEX_NEAREST, "2013-09");
    expect_month(a, 12, WHOSAID_TIMEX_NEAREST, "2012-12"); /* six months either way */
    expect_month(D(2013, 1, 10), 12, WHOSAID_TIMEX_NEAREST, "2012-12");
    expect_month(D(2013, 12, 10), 1, WHOSAID_TIMEX_NEAREST, "2014-01");
    whosaid_timex t;
    assert_int_equal(whosaid_timex_resolve_month(NULL, 3, 0, &t), 0);
    check_value(&t, "XXXX-03");
    assert_int_equal(whosaid_timex_resolve_month(&a, 13, 0, &t), WHOSAID_EINPUT);
}

static void expect_month_day(whosaid_date anchor, int m, int d, int dir, const char *want)
{
    whosaid_timex t;
    int rc = whosaid_timex_resolve_month_day(&anchor, m, d, dir, &t);
    if (rc != 1) fail_msg("month day %d-%d: %d", m, d, rc);
    check_value(&t, want);
}

static void test_month_days(void **state)
{
    (void)state;
    whosaid_date a = D(2013, 6, 27);
    expect_month_day(a, 3, 22, WHOSAID_TIMEX_DEFAULT, "2013-03-22"); /* "March 22" */
    expect_month_day(a, 3, 22, WHOSAID_TIMEX_PAST, "2013-03-22");
    expect_month_day(a, 3, 22, WHOSAID_TIMEX_FUTURE, "2014-03-22");
    expect_month_day(a, 7, 4, WHOSAID_TIMEX_DEFAULT, "2013-07-04");
    expect_month_day(a, 7, 4, WHOSAID_TIMEX_PAST, "2012-07-04");
    expect_month_day(a, 7, 4, WHOSAID_TIMEX_NEAREST, "2013-07-04");
    expect_month_day(a, 6, 27, WHOSAID_TIMEX_PAST, "2013-06-27");
    expect_month_day(a, 6, 27, WHOSAID_TIMEX_FUTURE, "2013-06-27");
    expect_month_day(D(2013, 1, 2), 12, 31, WHOSAID_TIMEX_NEAREST, "2012-12-31");
    /* 183 days either way across a leap day: the past wins the tie. */
    expect_month_day(D(2012, 7, 2), 1, 1, WHOSAID_TIMEX_NEAREST, "2012-01-01");
    expect_month_day(D(2012, 7, 3), 1, 1, WHOSAID_TIMEX_NEAREST, "2013-01-01");
    expect_month_day(a, 2, 29, WHOSAID_TIMEX_PAST, "2012-02-29");
    expect_month_day(a, 2, 29, WHOSAID_TIMEX_FUTURE, "2016-02-29");
    expect_month_day(D(1903, 6, 1), 2, 29, WHOSAID_TIMEX_PAST, "1896-02-29");
    whosaid_timex t;
    assert_int_equal(whosaid_timex_resolve_month_day(&a, 2, 29, WHOSAID_TIMEX_DEFAULT, &t),
                     WHOSAID_EINPUT);
    assert_int_equal(whosaid_timex_resolve_month_day(&a, 2, 30, WHOSAID_TIMEX_PAST, &t),
                     WHOSAID_EINPUT);
    assert_int_equal(whosaid_timex_resolve_month_day(&a, 4, 31, WHOSAID_TIMEX_PAST, &t),
                     WHOSAID_EINPUT);
    assert_int_equal(whosaid_timex_resolve_month_day(NULL, 3, 22, WHOSAID_TIMEX_PAST, &t), 0);
    check_value(&t, "XXXX-03-22");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_day_numbers),
        cmocka_unit_test(test_calendar_sweep),
        cmocka_unit_test(test_weekdays),
        cmocka_unit_test(test_iso_weeks),
        cmocka_unit_test(test_add),
        cmocka_unit_test(test_parse_format),
        cmocka_unit_test(test_get_date_and_format_errors),
        cmocka_unit_test(test_format_padding),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_weekday_news_examples),
        cmocka_unit_test(test_weekday_directions),
        cmocka_unit_test(test_weekday_errors_and_no_anchor),
        cmocka_unit_test(test_weekday_shift),
        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_offsets_no_anchor),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_month_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
