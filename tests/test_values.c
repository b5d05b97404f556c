/* Unit tests for include/whosaid/values.h: the DATE, DURATION, TIME and STAT
 * normalizers on hand-made candidates (exact attributes out), loading and
 * its errors, and the default rules in rules/tag/ run through the rule
 * engine, the normalizers and the precedence, without the tagger. */
#include <sys/stat.h>

#include "testutil.h"

#include <jansson.h>

#include "whosaid/buf.h"
#include "whosaid/cands.h"
#include "whosaid/ruleset.h"
#include "whosaid/values.h"

#define RULES WHOSAID_TEST_RULES_DIR

static whosaid_ruleset *rs;
static whosaid_values *vals;

static int setup(void **state)
{
    (void)state;
    whosaid_error e;
    rs = whosaid_ruleset_new();
    if (!rs) return -1;
    vals = whosaid_values_load(RULES, rs, &e);
    if (!vals) {
        print_error("whosaid_values_load: %s:%ld: %s\n", e.file, e.line, e.msg);
        return -1;
    }
    if (whosaid_ruleset_load(rs, RULES "/tag/dates.rules", 0, &e) ||
        whosaid_ruleset_load(rs, RULES "/tag/stats.rules", 0, &e)) {
        print_error("%s:%ld: %s\n", e.file, e.line, e.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    whosaid_values_free(vals);
    whosaid_ruleset_free(rs);
    return 0;
}

static whosaid_anchor anchor_of(const char *iso)
{
    whosaid_anchor a = {0, {0, 0, 0}, NULL};
    if (iso) {
        assert_int_equal(sscanf(iso, "%d-%d-%d", &a.date.year, &a.date.month, &a.date.day), 3);
        a.have = 1;
        a.source = "published";
    }
    return a;
}

/* Normalizes a candidate whose attributes are the JSON object attrs, with
 * the anchor date iso (NULL: none); returns what the normalizer returned
 * and leaves the attributes in *out (the caller's). */
static int run(const char *attrs, const char *iso, json_t **out)
{
    json_error_t je;
    json_t *a = json_loads(attrs, 0, &je);
    if (!a) fail_msg("bad test JSON %s: %s", attrs, je.text);
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    whosaid_cand c = {0, 1, "DATE", 0, 0, 0, "test", 1, a, 0, 0};
    assert_int_equal(whosaid_cands_push(&cs, c), 0);
    whosaid_anchor anc = anchor_of(iso);
    int rc = whosaid_values_normalize(vals, "x", 1, &cs, &cs.v[0], &anc);
    *out = whosaid_cands_attrs_json(&cs, &cs.v[0]);
    whosaid_cands_free(&cs);
    return rc;
}

/* The candidate is kept and its attributes are exactly want. */
#define expect(attrs, iso, want) expect_at(attrs, iso, want, __FILE__, __LINE__)
static void expect_at(const char *attrs, const char *iso, const char *want, const char *file,
                      int line)
{
    json_t *got;
    int rc = run(attrs, iso, &got);
    json_t *w = json_loads(want, 0, NULL);
    if (!w) fail_msg("bad expected JSON %s", want);
    int ok = rc == 1 && json_equal(got, w);
    if (!ok) {
        char *g = json_dumps(got, JSON_SORT_KEYS | JSON_COMPACT);
        print_error("ERROR: %s (anchor %s): kept=%d, got %s, want %s\n", attrs, iso ? iso : "none",
                    rc, g ? g : "null", want);
        free(g);
    }
    json_decref(got);
    json_decref(w);
    if (!ok) _fail(file, line);
}

/* The candidate is dropped: not a date or statistic after all. */
#define expect_drop(attrs, iso) expect_drop_at(attrs, iso, __FILE__, __LINE__)
static void expect_drop_at(const char *attrs, const char *iso, const char *file, int line)
{
    json_t *got;
    int rc = run(attrs, iso, &got);
    if (rc != 0) {
        char *g = json_dumps(got, JSON_SORT_KEYS | JSON_COMPACT);
        print_error("ERROR: %s: kept=%d (%s), want dropped\n", attrs, rc, g ? g : "null");
        free(g);
    }
    json_decref(got);
    if (rc != 0) _fail(file, line);
}

/* ---- DATE: absolute ------------------------------------------------------- */

static void test_absolute_dates(void **state)
{
    (void)state;
    expect("{\"norm\":\"date\",\"year\":\"2013\",\"month\":\"June\",\"day\":\"27th\"}", NULL,
           "{\"value\":\"2013-06-27\"}");
    /* The anchor plays no part; the weekday given is not needed. */
    expect("{\"norm\":\"date\",\"year\":\"2013\",\"month\":\"Jun.\",\"day\":\"27\","
           "\"weekday\":\"Thursday\"}",
           "2020-01-01", "{\"value\":\"2013-06-27\"}");
    expect("{\"norm\":\"date\",\"year\":\"2013\",\"month\":\"06\",\"day\":\"01\"}", NULL,
           "{\"value\":\"2013-06-01\"}");
    expect("{\"norm\":\"date\",\"year\":\"2013\",\"month\":\"june\"}", NULL,
           "{\"value\":\"2013-06\"}");
    expect("{\"norm\":\"date\",\"year\":\"2012\"}", NULL, "{\"value\":\"2012\"}");
    /* Month ends and leap years. */
    expect("{\"norm\":\"date\",\"year\":\"2012\",\"month\":\"February\",\"day\":\"29\"}", NULL,
           "{\"value\":\"2012-02-29\"}");
    expect("{\"norm\":\"date\",\"year\":\"2000\",\"month\":\"Feb\",\"day\":\"29\"}", NULL,
           "{\"value\":\"2000-02-29\"}");
    expect_drop("{\"norm\":\"date\",\"year\":\"2013\",\"month\":\"February\",\"day\":\"29\"}",
                NULL);
    expect_drop("{\"norm\":\"date\",\"year\":\"1900\",\"month\":\"February\",\"day\":\"29\"}",
                NULL);
    expect_drop("{\"norm\":\"date\",\"year\":\"2013\",\"month\":\"June\",\"day\":\"31\"}", NULL);
    expect("{\"norm\":\"date\",\"year\":\"2013\",\"month\":\"December\",\"day\":\"31\"}", NULL,
           "{\"value\":\"2013-12-31\"}");
    /* Not a month, not a day. */
    expect_drop("{\"norm\":\"date\",\"year\":\"2013\",\"month\":\"13\",\"day\":\"1\"}", NULL);
    expect_drop("{\"norm\":\"date\",\"year\":\"2013\",\"month\":\"Juno\"}", NULL);
    expect_drop("{\"norm\":\"date\",\"month\":\"June\",\"day\":\"0\"}", "2013-06-27");
    /* Nothing to go on. */
    expect_drop("{\"norm\":\"date\"}", "2013-06-27");
}

static void test_decades_and_short_years(void **state)
{
    (void)state;
    expect("{\"norm\":\"date\",\"decade\":\"1990\"}", NULL, "{\"value\":\"199X\"}");
    expect("{\"norm\":\"date\",\"decade\":\"2000\"}", NULL, "{\"value\":\"200X\"}");
    /* Two digits take the century from the anchor: the latest such decade
     * that has begun. */
    expect("{\"norm\":\"date\",\"decade\":\"'90\"}", "2013-06-27",
           "{\"value\":\"199X\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"decade\":\"10\"}", "2013-06-27",
           "{\"value\":\"201X\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"decade\":\"20\"}", "2013-06-27",
           "{\"value\":\"192X\",\"anchor\":\"published\"}");
    expect_drop("{\"norm\":\"date\",\"decade\":\"1995\"}", NULL);
    expect("{\"norm\":\"date\",\"year\":\"\xe2\x80\x99"
           "82\"}",
           "2008-10-27", "{\"value\":\"1982\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"year\":\"'05\"}", "2008-10-27",
           "{\"value\":\"2005\",\"anchor\":\"published\"}");
    /* Up to ten years ahead of the anchor stays in its century. */
    expect("{\"norm\":\"date\",\"year\":\"'15\"}", "2008-10-27",
           "{\"value\":\"2015\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"year\":\"'82\"}", NULL,
           "{\"value\":\"1982\",\"anchor\":\"none\"}");
    expect_drop("{\"norm\":\"date\",\"year\":\"201\"}", NULL);
}

/* ---- DATE: relative -------------------------------------------------------- */

static void test_month_day_without_year(void **state)
{
    (void)state;
    expect("{\"norm\":\"date\",\"month\":\"March\",\"day\":\"22\"}", "2013-03-22",
           "{\"value\":\"2013-03-22\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"month\":\"September\",\"day\":\"12\"}", "2007-09-08",
           "{\"value\":\"2007-09-12\",\"anchor\":\"published\"}");
    /* Across the year boundary: the nearer one. */
    expect("{\"norm\":\"date\",\"month\":\"December\",\"day\":\"30\"}", "2013-01-05",
           "{\"value\":\"2012-12-30\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"month\":\"January\",\"day\":\"3\"}", "2013-12-28",
           "{\"value\":\"2014-01-03\",\"anchor\":\"published\"}");
    /* February 29 in a common year: the nearest leap day. */
    expect("{\"norm\":\"date\",\"month\":\"February\",\"day\":\"29\"}", "2013-03-01",
           "{\"value\":\"2012-02-29\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"month\":\"February\",\"day\":\"29\"}", "2012-07-02",
           "{\"value\":\"2012-02-29\",\"anchor\":\"published\"}");
    /* A tense given by the rule. */
    expect("{\"norm\":\"date\",\"month\":\"March\",\"day\":\"1\",\"dir\":\"past\"}", "2013-02-10",
           "{\"value\":\"2012-03-01\",\"anchor\":\"published\"}");
    /* No anchor: unresolved, never guessed. */
    expect("{\"norm\":\"date\",\"month\":\"March\",\"day\":\"22\"}", NULL,
           "{\"value\":\"XXXX-03-22\",\"anchor\":\"none\"}");
}

static void test_months(void **state)
{
    (void)state;
    expect("{\"norm\":\"date\",\"month\":\"March\"}", "2013-06-27",
           "{\"value\":\"2013-03\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"month\":\"December\"}", "2013-01-10",
           "{\"value\":\"2012-12\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"month\":\"January\"}", "2013-12-10",
           "{\"value\":\"2014-01\",\"anchor\":\"published\"}");
    /* "last September", "last October" said in October, "next March". */
    expect("{\"norm\":\"date\",\"month\":\"September\",\"shift\":\"-1\"}", "2009-10-12",
           "{\"value\":\"2009-09\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"month\":\"October\",\"shift\":\"-1\"}", "2009-10-12",
           "{\"value\":\"2008-10\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"month\":\"March\",\"shift\":\"1\"}", "2013-03-05",
           "{\"value\":\"2014-03\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"month\":\"March\",\"shift\":\"0\"}", "2013-11-05",
           "{\"value\":\"2013-03\",\"anchor\":\"published\"}");
    /* "since November" in March. */
    expect("{\"norm\":\"date\",\"month\":\"November\",\"dir\":\"past\"}", "2009-03-13",
           "{\"value\":\"2008-11\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"month\":\"May\"}", NULL,
           "{\"value\":\"XXXX-05\",\"anchor\":\"none\"}");
    /* Modifiers. */
    expect("{\"norm\":\"date\",\"month\":\"June\",\"early\":\"early\"}", "2009-05-14",
           "{\"value\":\"2009-06\",\"anchor\":\"published\",\"mod\":\"START\"}");
    expect("{\"norm\":\"date\",\"year\":\"2011\",\"mid\":\"mid\"}", NULL,
           "{\"value\":\"2011\",\"mod\":\"MID\"}");
    expect("{\"norm\":\"date\",\"year\":\"2006\",\"late\":\"the end of\"}", NULL,
           "{\"value\":\"2006\",\"mod\":\"END\"}");
}

static void test_weekdays(void **state)
{
    (void)state;
    /* News usage: the latest such day on or before the anchor. */
    expect("{\"norm\":\"date\",\"weekday\":\"Thursday\"}", "2013-06-27",
           "{\"value\":\"2013-06-27\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"weekday\":\"Wednesday\"}", "2013-03-22",
           "{\"value\":\"2013-03-20\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"weekday\":\"Friday\"}", "2013-03-21",
           "{\"value\":\"2013-03-15\",\"anchor\":\"published\"}");
    /* Across a month end, a leap day and a year boundary. */
    expect("{\"norm\":\"date\",\"weekday\":\"Thursday\"}", "2013-03-01",
           "{\"value\":\"2013-02-28\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"weekday\":\"Wednesday\"}", "2012-03-01",
           "{\"value\":\"2012-02-29\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"weekday\":\"Friday\"}", "2013-01-02",
           "{\"value\":\"2012-12-28\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"weekday\":\"Sunday\"}", "2011-01-01",
           "{\"value\":\"2010-12-26\",\"anchor\":\"published\"}");
    /* last, next, this. */
    expect("{\"norm\":\"date\",\"weekday\":\"Friday\",\"shift\":\"-1\"}", "2013-03-22",
           "{\"value\":\"2013-03-15\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"weekday\":\"Monday\",\"shift\":\"1\"}", "2013-12-31",
           "{\"value\":\"2014-01-06\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"weekday\":\"Fri\",\"shift\":\"0\"}", "2013-06-24",
           "{\"value\":\"2013-06-28\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"weekday\":\"Thursday\",\"dir\":\"future\"}", "2013-06-28",
           "{\"value\":\"2013-07-04\",\"anchor\":\"published\"}");
    /* Parts of a day. */
    expect("{\"norm\":\"date\",\"weekday\":\"Thursday\",\"part\":\"NI\"}", "2013-06-28",
           "{\"value\":\"2013-06-27TNI\",\"anchor\":\"published\"}");
    /* No anchor. */
    expect("{\"norm\":\"date\",\"weekday\":\"Thursday\"}", NULL,
           "{\"value\":\"XXXX-WXX-4\",\"anchor\":\"none\"}");
    expect_drop("{\"norm\":\"date\",\"weekday\":\"Thorsday\"}", "2013-06-27");
}

static void test_offsets(void **state)
{
    (void)state;
    expect("{\"norm\":\"date\",\"gran\":\"day\",\"shift\":\"0\"}", "2013-06-27",
           "{\"value\":\"2013-06-27\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"day\",\"shift\":\"-1\"}", "2013-01-01",
           "{\"value\":\"2012-12-31\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"day\",\"shift\":\"1\"}", "2012-02-28",
           "{\"value\":\"2012-02-29\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"day\",\"shift\":\"1\"}", "2013-02-28",
           "{\"value\":\"2013-03-01\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"day\",\"shift\":\"0\",\"part\":\"MO\"}", "2008-01-09",
           "{\"value\":\"2008-01-09TMO\",\"anchor\":\"published\"}");
    /* ISO weeks, also across the year boundary. */
    expect("{\"norm\":\"date\",\"gran\":\"week\",\"shift\":\"-1\"}", "2013-06-27",
           "{\"value\":\"2013-W25\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"week\",\"shift\":\"-1\"}", "2013-01-03",
           "{\"value\":\"2012-W52\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"week\",\"shift\":\"0\"}", "2010-01-03",
           "{\"value\":\"2009-W53\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"week\",\"shift\":\"0\",\"part\":\"WE\"}", "2010-01-25",
           "{\"value\":\"2010-W04-WE\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"month\",\"shift\":\"1\"}", "2013-12-15",
           "{\"value\":\"2014-01\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"month\",\"shift\":\"-1\"}", "2013-03-31",
           "{\"value\":\"2013-02\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"year\",\"shift\":\"0\"}", "2013-06-27",
           "{\"value\":\"2013\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"decade\",\"shift\":\"-1\"}", "2013-06-27",
           "{\"value\":\"200X\",\"anchor\":\"published\"}");
    /* Counts: "two days ago" over a month end and a leap day, "a year ago". */
    expect("{\"norm\":\"date\",\"gran\":\"day\",\"count\":\"two\",\"sign\":\"-1\"}", "2013-03-01",
           "{\"value\":\"2013-02-27\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"day\",\"count\":\"2\",\"sign\":\"-1\"}", "2012-03-01",
           "{\"value\":\"2012-02-28\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"year\",\"count\":\"a\",\"sign\":\"-1\"}", "2013-06-27",
           "{\"value\":\"2012\",\"anchor\":\"published\"}");
    /* A count of weeks is a day, as TimeML has it: three weeks from then. */
    expect("{\"norm\":\"date\",\"gran\":\"week\",\"count\":\"three\",\"sign\":\"1\"}", "2013-12-20",
           "{\"value\":\"2014-01-10\",\"anchor\":\"published\"}");
    /* Quarters and seasons. */
    expect("{\"norm\":\"date\",\"quarter\":\"4\",\"year\":\"2005\"}", NULL,
           "{\"value\":\"2005-Q4\"}");
    expect("{\"norm\":\"date\",\"quarter\":\"4\"}", "2007-03-13",
           "{\"value\":\"2006-Q4\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"quarter\":\"4\"}", "2006-08-19",
           "{\"value\":\"2006-Q4\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"quarter\":\"3\"}", "2009-11-03",
           "{\"value\":\"2009-Q3\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"quarter\":\"1\",\"gran\":\"year\",\"shift\":\"-1\"}", "2009-05-07",
           "{\"value\":\"2008-Q1\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"quarter\",\"shift\":\"-1\"}", "2013-01-15",
           "{\"value\":\"2012-Q4\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"quarter\":\"2\"}", NULL,
           "{\"value\":\"XXXX-Q2\",\"anchor\":\"none\"}");
    /* Halves (TimeML 2025-H1): a yearless half is the one nearest the
     * anchor, so the second half is last year's until March. */
    expect("{\"norm\":\"date\",\"half\":\"1\",\"year\":\"2025\"}", NULL, "{\"value\":\"2025-H1\"}");
    expect("{\"norm\":\"date\",\"half_2\":\"second\"}", "2025-06-04",
           "{\"value\":\"2025-H2\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"half\":\"2\"}", "2025-03-10",
           "{\"value\":\"2024-H2\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"half\":\"2\"}", "2025-04-01",
           "{\"value\":\"2025-H2\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"half\":\"1\"}", "2025-10-20",
           "{\"value\":\"2026-H1\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"half\":\"1\",\"gran\":\"year\",\"shift\":\"-1\"}", "2025-10-20",
           "{\"value\":\"2024-H1\",\"anchor\":\"published\"}");
    expect_drop("{\"norm\":\"date\",\"half\":\"3\"}", "2025-10-20");
    expect("{\"norm\":\"date\",\"half\":\"2\"}", NULL,
           "{\"value\":\"XXXX-H2\",\"anchor\":\"none\"}");
    /* "over the weekend" (no shift): placed as a lone Saturday, given as a
     * week (a Wednesday paper: the weekend just gone; a Sunday paper: its own). */
    expect("{\"norm\":\"date\",\"gran\":\"week\",\"part\":\"WE\"}", "2025-06-04",
           "{\"value\":\"2025-W22-WE\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"week\",\"part\":\"WE\"}", "2025-06-08",
           "{\"value\":\"2025-W23-WE\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"season\":\"SP\"}", "2009-04-01",
           "{\"value\":\"2009-SP\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"season\":\"SU\",\"gran\":\"year\",\"shift\":\"-1\"}", "2009-04-01",
           "{\"value\":\"2008-SU\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"season\":\"WI\",\"year\":\"2012\"}", NULL,
           "{\"value\":\"2012-WI\"}");
}

static void test_offsets_no_anchor_and_limits(void **state)
{
    (void)state;
    expect("{\"norm\":\"date\",\"gran\":\"day\",\"shift\":\"-1\"}", NULL,
           "{\"value\":\"XXXX-XX-XX\",\"anchor\":\"none\"}");
    expect("{\"norm\":\"date\",\"gran\":\"week\",\"shift\":\"-1\"}", NULL,
           "{\"value\":\"XXXX-WXX\",\"anchor\":\"none\"}");
    expect("{\"norm\":\"date\",\"gran\":\"month\",\"shift\":\"1\"}", NULL,
           "{\"value\":\"XXXX-XX\",\"anchor\":\"none\"}");
    expect("{\"norm\":\"date\",\"gran\":\"year\",\"count\":\"3\",\"sign\":\"-1\"}", NULL,
           "{\"value\":\"XXXX\",\"anchor\":\"none\"}");
    /* The source of the anchor is passed on. */
    json_t *got;
    json_t *a = json_pack("{s:s, s:s, s:s}", "norm", "date", "gran", "day", "shift", "-1");
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    whosaid_cand c = {0, 1, "DATE", 0, 0, 0, "test", 1, a, 0, 0};
    assert_int_equal(whosaid_cands_push(&cs, c), 0);
    whosaid_anchor anc = anchor_of("2013-06-27");
    anc.source = "option";
    assert_int_equal(whosaid_values_normalize(vals, "x", 1, &cs, &cs.v[0], &anc), 1);
    got = whosaid_cands_attrs_json(&cs, &cs.v[0]);
    whosaid_cands_free(&cs);
    assert_string_equal(json_string_value(json_object_get(got, "anchor")), "option");
    assert_string_equal(json_string_value(json_object_get(got, "value")), "2013-06-26");
    json_decref(got);
    /* Past the years a TIMEX3 value can hold, or counts beyond reason. */
    expect_drop("{\"norm\":\"date\",\"gran\":\"day\",\"shift\":\"1\"}", "9999-12-31");
    expect_drop("{\"norm\":\"date\",\"gran\":\"year\",\"count\":\"999999\",\"sign\":\"-1\"}",
                "2013-06-27");
    expect_drop("{\"norm\":\"date\",\"gran\":\"day\",\"count\":\"99999999\",\"sign\":\"-1\"}",
                "2013-06-27");
    expect_drop("{\"norm\":\"date\",\"gran\":\"day\",\"count\":\"2.5\",\"sign\":\"-1\"}",
                "2013-06-27");
    expect_drop("{\"norm\":\"date\",\"gran\":\"day\",\"count\":\"several\",\"sign\":\"-1\"}",
                "2013-06-27");
    expect_drop("{\"norm\":\"date\",\"gran\":\"fortnight\",\"shift\":\"1\"}", "2013-06-27");
    expect_drop("{\"norm\":\"date\",\"year\":\"99999\"}", NULL);
}

/* ---- DURATION and TIME ------------------------------------------------------ */

static void test_durations(void **state)
{
    (void)state;
    expect("{\"norm\":\"duration\",\"count\":\"30\",\"gran\":\"year\"}", NULL,
           "{\"value\":\"P30Y\"}");
    expect("{\"norm\":\"duration\",\"count\":\"five\",\"gran\":\"hour\"}", NULL,
           "{\"value\":\"PT5H\"}");
    expect("{\"norm\":\"duration\",\"count\":\"a\",\"gran\":\"decade\"}", NULL,
           "{\"value\":\"P1DE\"}");
    expect("{\"norm\":\"duration\",\"count\":\"2.5\",\"gran\":\"year\"}", NULL,
           "{\"value\":\"P2.5Y\"}");
    expect("{\"norm\":\"duration\",\"count\":\"several\",\"gran\":\"year\"}", NULL,
           "{\"value\":\"PXY\"}");
    expect("{\"norm\":\"duration\",\"count\":\"six\",\"gran\":\"year\",\"min\":\"over\"}", NULL,
           "{\"value\":\"P6Y\",\"bound\":\"min\"}");
    expect("{\"norm\":\"duration\",\"count\":\"nine\",\"gran\":\"day\",\"approx\":\"about\"}", NULL,
           "{\"value\":\"P9D\",\"approx\":true}");
    expect_drop("{\"norm\":\"duration\",\"count\":\"five\"}", NULL);
    expect_drop("{\"norm\":\"duration\",\"count\":\"9999999999999999\",\"gran\":\"day\"}", NULL);
    expect_drop("{\"norm\":\"duration\",\"count\":\"x\",\"gran\":\"day\"}", NULL);
}

static void test_times(void **state)
{
    (void)state;
    expect("{\"norm\":\"time\",\"hour\":\"21\",\"minute\":\"22\"}", "2013-06-27",
           "{\"value\":\"XXXX-XX-XXT21:22\"}");
    expect("{\"norm\":\"time\",\"hour\":\"3\",\"pm\":\"p.m.\"}", NULL,
           "{\"value\":\"XXXX-XX-XXT15:00\"}");
    expect("{\"norm\":\"time\",\"hour\":\"12\",\"am\":\"am\"}", NULL,
           "{\"value\":\"XXXX-XX-XXT00:00\"}");
    expect("{\"norm\":\"time\",\"hour\":\"12\",\"minute\":\"05\",\"pm\":\"PM\"}", NULL,
           "{\"value\":\"XXXX-XX-XXT12:05\"}");
    expect("{\"norm\":\"time\",\"hour\":\"08\",\"minute\":\"30\",\"second\":\"15\"}", NULL,
           "{\"value\":\"XXXX-XX-XXT08:30:15\"}");
    expect_drop("{\"norm\":\"time\",\"hour\":\"25\",\"minute\":\"00\"}", NULL);
    expect_drop("{\"norm\":\"time\",\"hour\":\"13\",\"pm\":\"pm\"}", NULL);
    expect_drop("{\"norm\":\"time\",\"hour\":\"10\",\"minute\":\"61\"}", NULL);
    expect_drop("{\"norm\":\"time\",\"minute\":\"10\"}", NULL);
}

/* ---- STAT ------------------------------------------------------------------- */

static void test_stats(void **state)
{
    (void)state;
    expect("{\"norm\":\"stat\",\"num\":\"73,286\",\"unit\":\"overseas IPs\"}", NULL,
           "{\"value\":73286,\"unit\":\"overseas IPs\"}");
    expect("{\"norm\":\"stat\",\"num\":\"14.2 million\",\"unit\":\"mainframes\","
           "\"approx\":\"Nearly\"}",
           NULL, "{\"value\":14200000,\"unit\":\"mainframes\",\"approx\":true}");
    expect("{\"norm\":\"stat\",\"num\":\"tens of millions of\",\"unit\":\"IP  addresses\"}", NULL,
           "{\"value\":10000000,\"unit\":\"IP addresses\",\"vague\":true}");
    /* blanks at the ends go, trailing punctuation is cut; nothing left, no unit */
    expect("{\"norm\":\"stat\",\"num\":\"40\",\"unit\":\" \\tmetric\\n tonnes.\\\"\"}", NULL,
           "{\"value\":40,\"unit\":\"metric tonnes\"}");
    expect("{\"norm\":\"stat\",\"num\":\"40\",\"unit\":\" -- \",\"pct\":\"%\"}", NULL,
           "{\"value\":40,\"percent\":true}");
    expect("{\"norm\":\"stat\",\"num\":\"dozens of\",\"unit\":\"campaigns\"}", NULL,
           "{\"value\":24,\"unit\":\"campaigns\",\"vague\":true}");
    expect("{\"norm\":\"stat\",\"num\":\"three\",\"unit\":\"banks\"}", NULL,
           "{\"value\":3,\"unit\":\"banks\"}");
    expect("{\"norm\":\"stat\",\"num\":\"twenty-one\"}", NULL, "{\"value\":21}");
    expect("{\"norm\":\"stat\",\"num\":\"14.25\"}", NULL, "{\"value\":14.25}");
    expect("{\"norm\":\"stat\",\"num\":\"-36\",\"unit\":\"points\"}", NULL,
           "{\"value\":-36,\"unit\":\"points\"}");
    expect("{\"norm\":\"stat\",\"num\":\"5bn\"}", NULL, "{\"value\":5000000000}");
    /* Bounds. */
    expect("{\"norm\":\"stat\",\"num\":\"500\",\"unit\":\"people\",\"min\":\"more than\"}", NULL,
           "{\"value\":500,\"unit\":\"people\",\"bound\":\"min\"}");
    expect("{\"norm\":\"stat\",\"num\":\"60\",\"max\":\"up to\"}", NULL,
           "{\"value\":60,\"bound\":\"max\"}");
    /* Percentages and money. */
    expect("{\"norm\":\"stat\",\"num\":\"10\",\"pct\":\"%\"}", NULL,
           "{\"value\":10,\"percent\":true}");
    expect("{\"norm\":\"stat\",\"num\":\"5 million\",\"cur\":\"$\"}", NULL,
           "{\"value\":5000000,\"currency\":\"USD\"}");
    expect("{\"norm\":\"stat\",\"num\":\"40 billion\",\"cur\":\"US$\"}", NULL,
           "{\"value\":40000000000,\"currency\":\"USD\"}");
    expect("{\"norm\":\"stat\",\"num\":\"5 billion\",\"cur_after\":\"Yuan\"}", NULL,
           "{\"value\":5000000000,\"currency\":\"CNY\"}");
    expect("{\"norm\":\"stat\",\"num\":\"3.2m\",\"cur\":\"\xe2\x82\xac\"}", NULL,
           "{\"value\":3200000,\"currency\":\"EUR\"}");
    expect("{\"norm\":\"stat\",\"num\":\"billions of\",\"cur_after\":\"dollars\"}", NULL,
           "{\"value\":2000000000,\"currency\":\"USD\",\"vague\":true}");
    expect("{\"norm\":\"stat\",\"num\":\"5\",\"cur\":\"doubloons\"}", NULL, "{\"value\":5}");
    /* Ranges: the low end borrows the high end's multiplier. */
    expect("{\"norm\":\"stat\",\"num\":\"10\",\"num_max\":\"20\"}", NULL,
           "{\"value\":10,\"value_max\":20}");
    expect("{\"norm\":\"stat\",\"num\":\"10\",\"num_max\":\"20 million\",\"cur\":\"$\"}", NULL,
           "{\"value\":10000000,\"value_max\":20000000,\"currency\":\"USD\"}");
    expect("{\"norm\":\"stat\",\"num\":\"500\",\"num_max\":\"2 million\"}", NULL,
           "{\"value\":500,\"value_max\":2000000}");
    expect("{\"norm\":\"stat\",\"num\":\"three\",\"num_max\":\"seven\",\"pct\":\"percent\"}", NULL,
           "{\"value\":3,\"value_max\":7,\"percent\":true}");
    expect_drop("{\"norm\":\"stat\",\"num\":\"52\",\"num_max\":\"35\"}", NULL);
    /* Years are not counts, unless something is counted. */
    expect_drop("{\"norm\":\"stat\",\"num\":\"2012\"}", NULL);
    expect_drop("{\"norm\":\"stat\",\"num\":\"2014\",\"num_max\":\"2016\"}", NULL);
    expect("{\"norm\":\"stat\",\"num\":\"2012\",\"unit\":\"votes\"}", NULL,
           "{\"value\":2012,\"unit\":\"votes\"}");
    expect("{\"norm\":\"stat\",\"num\":\"2000\",\"approx\":\"about\"}", NULL,
           "{\"value\":2000,\"approx\":true}");
    expect("{\"norm\":\"stat\",\"num\":\"2500\"}", NULL, "{\"value\":2500}");
    /* Overflow, ambiguity, garbage. */
    expect_drop("{\"norm\":\"stat\",\"num\":\"999 trillion trillion\"}", NULL);
    expect_drop("{\"norm\":\"stat\",\"num\":\"12,34\"}", NULL);
    expect_drop("{\"norm\":\"stat\",\"num\":\"five three\"}", NULL);
    expect_drop("{\"norm\":\"stat\",\"unit\":\"banks\"}", NULL);
    /* The largest whole value still fits a JSON integer. */
    expect("{\"norm\":\"stat\",\"num\":\"1 trillion million\"}", NULL,
           "{\"value\":1000000000000000000}");
}

/* ---- Selectors, week counts, duration ranges, tense ----------------------- */

static void test_selectors_weeks_and_ranges(void **state)
{
    (void)state;
    /* shift_last / shift_this / shift_next and sign_ago / sign_ahead groups. */
    expect("{\"norm\":\"date\",\"weekday\":\"Friday\",\"shift_last\":\"last\"}", "2013-03-20",
           "{\"value\":\"2013-03-15\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"gran\":\"week\",\"shift_next\":\"next\"}", "2013-12-30",
           "{\"value\":\"2014-W02\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"month\":\"October\",\"gran\":\"year\",\"shift_next\":\"next\"}",
           "2009-05-15", "{\"value\":\"2010-10\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"month\":\"March\",\"gran\":\"year\",\"shift_last\":\"last\"}",
           NULL, "{\"value\":\"XXXX-03\",\"anchor\":\"none\"}");
    /* A count of weeks is a day (TimeML), across a year boundary and a leap day. */
    expect("{\"norm\":\"date\",\"count\":\"a\",\"gran_week\":\"week\",\"sign_ago\":\"ago\"}",
           "2011-03-18", "{\"value\":\"2011-03-11\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"count\":\"two\",\"gran\":\"week\",\"sign_ahead\":\"from now\"}",
           "2012-12-25", "{\"value\":\"2013-01-08\",\"anchor\":\"published\"}");
    expect("{\"norm\":\"date\",\"count\":\"1\",\"gran\":\"week\",\"sign\":\"-1\"}", "2012-03-05",
           "{\"value\":\"2012-02-27\",\"anchor\":\"published\"}");
    /* "last week" (a shift, no count) stays a week. */
    expect("{\"norm\":\"date\",\"gran\":\"week\",\"shift\":\"-1\"}", "2013-06-27",
           "{\"value\":\"2013-W25\",\"anchor\":\"published\"}");
    /* Duration ranges: value and value_max; an upside-down range is none. */
    expect("{\"norm\":\"duration\",\"count\":\"two\",\"count_max\":\"three\","
           "\"gran\":\"week\"}",
           NULL, "{\"value\":\"P2W\",\"value_max\":\"P3W\"}");
    expect("{\"norm\":\"duration\",\"count\":\"60\",\"count_max\":\"90\",\"gran\":\"day\","
           "\"approx\":\"about\"}",
           NULL, "{\"value\":\"P60D\",\"value_max\":\"P90D\",\"approx\":true}");
    expect_drop("{\"norm\":\"duration\",\"count\":\"five\",\"count_max\":\"three\","
                "\"gran\":\"year\"}",
                NULL);
    expect_drop("{\"norm\":\"duration\",\"count\":\"several\",\"count_max\":\"ten\","
                "\"gran\":\"year\"}",
                NULL);
}

/* The value of a candidate covering the first occurrence of span in text. */
static char *value_in(const char *text, const char *span, const char *attrs, const char *iso)
{
    json_t *a = json_loads(attrs, 0, NULL);
    assert_non_null(a);
    const char *p = strstr(text, span);
    assert_non_null(p);
    size_t b = (size_t)(p - text);
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    whosaid_cand c = {b, b + strlen(span), "DATE", 0, 0, 0, "test", 1, a, 0, 0};
    assert_int_equal(whosaid_cands_push(&cs, c), 0);
    whosaid_anchor anc = anchor_of(iso);
    assert_int_equal(whosaid_values_normalize(vals, text, strlen(text), &cs, &cs.v[0], &anc), 1);
    json_t *got = whosaid_cands_attrs_json(&cs, &cs.v[0]);
    char *v = strdup(json_string_value(json_object_get(got, "value")));
    json_decref(got);
    whosaid_cands_free(&cs);
    return v;
}

#define expect_in_text(text, span, attrs, iso, want)                                               \
    do {                                                                                           \
        char *v_ = value_in(text, span, attrs, iso);                                               \
        assert_string_equal(v_, want);                                                             \
        free(v_);                                                                                  \
    } while (0)

static void test_tense(void **state)
{
    (void)state;
    const char *fri = "{\"norm\":\"date\",\"weekday\":\"Friday\"}";
    expect_in_text("They will meet on Friday.", "Friday", fri, "2013-03-20", "2013-03-22");
    expect_in_text("They met on Friday.", "Friday", fri, "2013-03-20", "2013-03-15");
    expect_in_text("They meet on Friday.", "Friday", fri, "2013-03-20", "2013-03-15");
    /* "would", "could": a reported plan or a condition points ahead. */
    expect_in_text("The school would hold a vigil on Friday.", "Friday", fri, "2013-03-17",
                   "2013-03-22");
    expect_in_text("He said the talks could resume on Friday.", "Friday", fri, "2013-03-20",
                   "2013-03-22");
    /* On the anchor's own weekday a future clause means that day. */
    expect_in_text("They will meet on Friday.", "Friday", fri, "2013-03-22", "2013-03-22");
    /* An explicit direction wins over the clause: "last Friday". */
    expect_in_text("They will meet last Friday.", "Friday",
                   "{\"norm\":\"date\",\"weekday\":\"Friday\",\"shift\":\"-1\"}", "2013-03-20",
                   "2013-03-15");
    const char *oct = "{\"norm\":\"date\",\"month\":\"October\"}";
    expect_in_text("Sales fell in October.", "October", oct, "2013-03-20", "2012-10");
    expect_in_text("Sales rise in October.", "October", oct, "2013-03-20", "2013-10");
    expect_in_text("Sales will rise in October.", "October", oct, "2013-11-20", "2014-10");
    /* Month and day: a week of slack before the tense turns the year. */
    const char *m23 = "{\"norm\":\"date\",\"month\":\"March\",\"day\":\"23\"}";
    expect_in_text("He said on March 23.", "March 23", m23, "2013-03-22", "2013-03-23");
    expect_in_text("He said on March 23.", "March 23", m23, "2013-03-10", "2012-03-23");
    expect_in_text("He will speak on March 23.", "March 23", m23, "2013-04-10", "2014-03-23");
    expect_in_text("He will speak on March 23.", "March 23", m23, "2013-03-28", "2013-03-23");
    /* A year given: no tense applies. */
    expect_in_text("He will speak on March 23, 2012.", "March 23",
                   "{\"norm\":\"date\",\"month\":\"March\",\"day\":\"23\",\"year\":\"2012\"}",
                   "2013-03-28", "2012-03-23");
}

static void test_untouched(void **state)
{
    (void)state;
    expect("{\"canonical\":\"China\"}", NULL, "{\"canonical\":\"China\"}");
    expect("{\"norm\":\"frobnicate\",\"x\":\"1\"}", NULL, "{\"norm\":\"frobnicate\",\"x\":\"1\"}");
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    whosaid_cand c = {0, 1, "PERSON", 0, 0, 0, "test", 1, NULL, 0, 0};
    assert_int_equal(whosaid_cands_push(&cs, c), 0);
    whosaid_anchor none = {0, {0, 0, 0}, NULL};
    assert_int_equal(whosaid_values_normalize(vals, "x", 1, &cs, &cs.v[0], &none), 1);
    assert_null(cs.v[0].attrs);
    assert_int_equal(cs.v[0].npool, 0);
    whosaid_cands_free(&cs);
    whosaid_values_free(NULL);
}

/* ---- Loading ---------------------------------------------------------------- */

/* A language directory with the default calendar and numbers and the given
 * currencies.txt (none when NULL). */
typedef struct langdir {
    char path[64];
} langdir;

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static void lang_open(langdir *d, const char *currencies)
{
    strcpy(d->path, "/tmp/whosaid-values-XXXXXX");
    assert_non_null(mkdtemp(d->path));
    char p[256];
    snprintf(p, sizeof p, "%s/calendar.rules", d->path);
    copy_file(RULES "/calendar.rules", p);
    snprintf(p, sizeof p, "%s/numbers.rules", d->path);
    copy_file(RULES "/numbers.rules", p);
    snprintf(p, sizeof p, "%s/tag", d->path);
    assert_int_equal(mkdir(p, 0700), 0);
    if (currencies) {
        snprintf(p, sizeof p, "%s/tag/currencies.txt", d->path);
        FILE *f = fopen(p, "wb");
        assert_non_null(f);
        fputs(currencies, f);
        assert_int_equal(fclose(f), 0);
    }
}

static void lang_close(langdir *d)
{
    char p[256];
    const char *files[] = {"tag/currencies.txt", "calendar.rules", "numbers.rules"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", d->path, files[i]);
        unlink(p);
    }
    snprintf(p, sizeof p, "%s/tag", d->path);
    rmdir(p);
    rmdir(d->path);
}

static void expect_load_error(const char *currencies, long line, const char *msg)
{
    langdir d;
    lang_open(&d, currencies);
    whosaid_ruleset *r = whosaid_ruleset_new();
    whosaid_error e;
    memset(&e, 0, sizeof e);
    whosaid_values *v = whosaid_values_load(d.path, r, &e);
    assert_null(v);
    char file[300];
    snprintf(file, sizeof file, "%s/tag/currencies.txt", d.path);
    assert_error(&e, file, line, msg);
    whosaid_ruleset_free(r);
    lang_close(&d);
}

static void test_load_errors(void **state)
{
    (void)state;
    expect_load_error("USD\tbefore\t$\nEUR\tbefore\t$\n", 2, "phrase '$' already stands for USD");
    expect_load_error("# c\nusd\tbefore\t$\n", 2,
                      "bad currency code 'usd': expected three capital letters");
    expect_load_error("USD\tinside\t$\n", 1,
                      "unknown position 'inside' (expected before or after)");
    expect_load_error("USD\tbefore\n", 1, "expected a code, before or after, and phrases");
    /* A calendar that does not load names its file. */
    whosaid_ruleset *r = whosaid_ruleset_new();
    whosaid_error e;
    memset(&e, 0, sizeof e);
    assert_null(whosaid_values_load("/nonexistent-whosaid-dir", r, &e));
    assert_string_equal(e.file, "/nonexistent-whosaid-dir/calendar.rules");
    whosaid_ruleset_free(r);
}

/* Without currencies.txt the currency patterns never match and the rest works. */
static void test_load_without_currencies(void **state)
{
    (void)state;
    langdir d;
    lang_open(&d, NULL);
    whosaid_ruleset *r = whosaid_ruleset_new();
    whosaid_error e;
    whosaid_values *v = whosaid_values_load(d.path, r, &e);
    assert_non_null(v);
    assert_int_equal(whosaid_ruleset_define(r, "T", "{CURRENCY_BEFORE}5|{NOT_AFTER_CURRENCY}x", &e),
                     0);
    whosaid_values_free(v);
    whosaid_ruleset_free(r);
    lang_close(&d);
}

/* {NOT_AFTER_MONTH} and {NOT_AFTER_CURRENCY}: not right after a month or
 * currency word and a blank (any case, "Jan." too), a word boundary before
 * the word (before "€" that means a word character right before it). */
static void test_not_after(void **state)
{
    (void)state;
    whosaid_ruleset *r = whosaid_ruleset_new();
    whosaid_error e;
    whosaid_values *v = whosaid_values_load(RULES, r, &e);
    assert_non_null(v);
    char *path =
        write_temp("N\t0\t(?<![\\p{N}]){NOT_AFTER_MONTH}{NOT_AFTER_CURRENCY}\\d+\n", "n.rules");
    int rc = whosaid_ruleset_load(r, path, 0, &e);
    remove_temp(path);
    assert_int_equal(rc, 0);
    /* The look-behinds test the two characters before first (a phrase's
     * last one, in any case, or a period, then a blank): "SEPT\t14",
     * "MAY. 15" and "rs 16" are still refused, "\xe2\x82\xac\n17" (no
     * word character before) and "mays 18" not. */
    const char *text = "Jan 1, JAN. 2, Bajan 3, june 4, Sept. 5, sept 6, US$ 7, xUSD 8, "
                       "abc\xe2\x82\xac 9, \xe2\x82\xac 10, $ 11, in 12, September\n13, "
                       "SEPT\t14, MAY. 15, rs 16, \xe2\x82\xac\n17, mays 18";
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    assert_int_equal(whosaid_ruleset_apply(r, text, strlen(text), &cs, &e), 0);
    whosaid_buf b = WHOSAID_BUF_INIT;
    whosaid_buf_append(&b, "", 0);
    for (size_t i = 0; i < cs.n; i++)
        whosaid_buf_printf(&b, "%s%.*s", i ? " " : "", (int)(cs.v[i].end - cs.v[i].start),
                           text + cs.v[i].start);
    assert_string_equal(b.data, "3 8 10 12 17 18");
    whosaid_buf_free(&b);
    whosaid_cands_free(&cs);
    whosaid_values_free(v);
    whosaid_ruleset_free(r);
}

/* ---- The default rules end to end ------------------------------------------ */

/* Runs the rules, the model-number pass, the normalizers and the precedence
 * over text, as whosaid-tag does; block, if not NULL, is a part of text the
 * name heuristics would block as a maker and its model ("Boeing 787").
 * Returns the kept spans as "TEXT=TYPE value [unit]" joined by " | ". */
static char *tag_blocked(const char *text, const char *iso, const char *block)
{
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    whosaid_error e;
    size_t len = strlen(text);
    assert_int_equal(whosaid_ruleset_apply(rs, text, len, &cs, &e), 0);
    if (block) {
        const char *at = strstr(text, block);
        assert_non_null(at);
        whosaid_cand c = {(size_t)(at - text),
                          (size_t)(at - text) + strlen(block),
                          "NONE",
                          0,
                          0,
                          1L << 40,
                          "heuristic:names",
                          0,
                          NULL,
                          0,
                          0};
        assert_int_equal(whosaid_cands_push(&cs, c), 0);
    }
    whosaid_values_model_numbers(&cs, text, len);
    whosaid_anchor a = anchor_of(iso);
    size_t out = 0;
    for (size_t i = 0; i < cs.n; i++) {
        int keep = whosaid_values_normalize(vals, text, len, &cs, &cs.v[i], &a);
        assert_true(keep >= 0);
        if (keep)
            cs.v[out++] = cs.v[i];
        else
            json_decref(cs.v[i].attrs);
    }
    cs.n = out;
    assert_int_equal(whosaid_cands_resolve(&cs), 0);
    whosaid_buf b = WHOSAID_BUF_INIT;
    for (size_t i = 0; i < cs.n; i++) {
        const whosaid_cand *c = &cs.v[i];
        json_t *attrs = whosaid_cands_attrs_json(&cs, c);
        json_t *v = json_object_get(attrs, "value");
        char num[64] = "-";
        if (json_is_string(v)) snprintf(num, sizeof num, "%s", json_string_value(v));
        if (json_is_integer(v)) snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
        if (json_is_real(v)) snprintf(num, sizeof num, "%g", json_real_value(v));
        const char *unit = json_string_value(json_object_get(attrs, "unit"));
        whosaid_buf_printf(&b, "%s%.*s=%s %s%s%s", i ? " | " : "", (int)(c->end - c->start),
                           text + c->start, c->type, num, unit ? " " : "", unit ? unit : "");
        json_decref(attrs);
    }
    whosaid_cands_free(&cs);
    if (!b.data) whosaid_buf_append_str(&b, "");
    return b.data;
}

static char *tag(const char *text, const char *iso)
{
    return tag_blocked(text, iso, NULL);
}

#define expect_tags(text, iso, want)                                                               \
    do {                                                                                           \
        char *got_ = tag(text, iso);                                                               \
        assert_string_equal(got_, want);                                                           \
        free(got_);                                                                                \
    } while (0)

/* A model's number the document names after its maker, writes in the
 * plural or with a variant is no count where it recurs bare; a count of the
 * model, and amounts and hedged numbers that happen to be equal, stay. */
static void test_model_numbers(void **state)
{
    (void)state;
    const char *doc = "Boeing rolls out first 787. The Boeing 787 will seat 250 passengers; "
                      "787 jets and the 787-8 wait. It cost 787 million dollars, about 787 jobs.";
    char *got = tag_blocked(doc, NULL, "Boeing 787");
    assert_string_equal(got, "250 passengers=STAT 250 passengers | 787 million dollars=STAT "
                             "787000000 | about 787 jobs=STAT 787 jobs");
    free(got);
    /* the same text without the maker's name: counts */
    got = tag_blocked("Boeing rolls out first 787. The jet will seat 250 passengers.", NULL, NULL);
    assert_string_equal(got, "787=STAT 787 | 250 passengers=STAT 250 passengers");
    free(got);
    expect_tags("Airlines bought 5,700 737s. Five new 737 aircraft and the 737-800 range.", NULL,
                "5,700=STAT 5700 | Five=STAT 5");
    expect_tags("The 777-200LR flies 9,420 nautical miles, farther than its 777 airliner.", NULL,
                "9,420 nautical miles=STAT 9420 nautical miles");
    /* a round hundred in the plural is no model: "in the 300s" */
    expect_tags("Prices were in the 300s at 300 firms.", NULL, "300 firms=STAT 300 firms");
}

static void test_rules_end_to_end(void **state)
{
    (void)state;
    expect_tags("Nearly 14.2 million mainframes in China were hijacked by 73,286 overseas IPs "
                "via Trojan or Botnet in 2012, a report said.",
                "2013-06-27",
                "Nearly 14.2 million mainframes=STAT 14200000 mainframes | "
                "73,286 overseas IPs=STAT 73286 overseas IPs | 2012=DATE 2012");
    expect_tags("Foreign Ministry spokesman Hong Lei said on Thursday.", "2013-03-22",
                "Thursday=DATE 2013-03-21");
    expect_tags("Wednesday's attacks hit three banks.", "2013-03-22",
                "Wednesday=DATE 2013-03-20 | three banks=STAT 3 banks");
    expect_tags("The measure won 2012 votes.", NULL, "2012 votes=STAT 2012 votes");
    expect_tags("He arrived at 21:22 on June 27th, 2013.", NULL,
                "21:22=TIME XXXX-XX-XXT21:22 | June 27th, 2013=DATE 2013-06-27");
    expect_tags("Spending rose 10% to $5 million, or 5 billion yuan.", NULL,
                "10%=STAT 10 | $5 million=STAT 5000000 | 5 billion yuan=STAT 5000000000");
    expect_tags("The Boeing 737 and Flight 447 are names; No. 1 too.", NULL, "");
    expect_tags("It had a June 1 deadline.", "2009-05-28", "June 1=DATE 2009-06-01");
    expect_tags("They met two days ago and will meet again next month.", "2013-03-01",
                "two days ago=DATE 2013-02-27 | next month=DATE 2013-04");
    /* Halves, "the end of the year", "the weekend" and the scheduled present
     * ("takes effect" is a future cue) in a Wednesday, June 4 paper. */
    expect_tags("Profit in the first half of 2025 rose; H2 2024 was weak.", "2025-06-04",
                "the first half of 2025=DATE 2025-H1 | H2 2024=DATE 2024-H2");
    expect_tags("First-half sales fell; it sees growth in the second half of the year.",
                "2025-06-04", "First-half=DATE 2025-H1 | the second half of the year=DATE 2025-H2");
    expect_tags("He scored early in the second half and in the first half of the match.",
                "2025-06-04", "");
    expect_tags("The deal will close by the end of the year.", "2025-06-04",
                "the end of the year=DATE 2025");
    expect_tags("Talks ended over the weekend and resume at the weekend.", "2025-06-04",
                "the weekend=DATE 2025-W22-WE | the weekend=DATE 2025-W22-WE");
    expect_tags("They will meet over the weekend.", "2025-06-04", "the weekend=DATE 2025-W23-WE");
    expect_tags("The law takes effect on Jan. 1.", "2025-06-04", "Jan. 1=DATE 2026-01-01");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_absolute_dates),
        cmocka_unit_test(test_decades_and_short_years),
        cmocka_unit_test(test_month_day_without_year),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_weekdays),
        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_offsets_no_anchor_and_limits),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_stats),
        cmocka_unit_test(test_selectors_weeks_and_ranges),
        cmocka_unit_test(test_tense),
        cmocka_unit_test(test_untouched),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_load_without_currencies),
        cmocka_unit_test(test_not_after),
        cmocka_unit_test(test_rules_end_to_end),
        cmocka_unit_test(test_model_numbers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
