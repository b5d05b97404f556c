/* The record checks of the shared stage loop (whosaid_stage_check and,
 * for spans kept in the parse, whosaid_stage_check_kept): what passes,
 * and the message for each kind of bad text or offset. The loop
 * itself (messages, counts, exit status) is tested end to end by
 * tests/bad_input/mixed_records.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "whosaid/jsonload.h"
#include "whosaid/stage.h"

/* Spans kept in the parse (whosaid_jsonload_keep), "end" read before
 * "start", as a stage may list them. */
static const whosaid_field keep_read[] = {WHOSAID_FIELD("id"), WHOSAID_FIELD("end"),
                                          WHOSAID_FIELD("start")};
static const whosaid_keep keep_spec = {"spans", keep_read, 3};

/* rc and e from a check of rec: want NULL means it must pass. */
static void assert_checked(const char *json, int rc, const whosaid_error *e, const char *want)
{
    if (!want) {
        if (rc) fail_msg("%s: unexpected error: %s", json, e->msg);
    } else {
        assert_int_equal(rc, WHOSAID_EINPUT);
        assert_string_equal(e->msg, want);
        assert_string_equal(e->file, "");
    }
}

/* Checks the record written as JSON, as jansson parses it and with its
 * spans kept in the parse (whosaid_stage_check_kept): the same outcome
 * each time; want NULL means it must pass. */
static void check(const char *json, const char *want)
{
    json_error_t jerr;
    json_t *rec = json_loads(json, 0, &jerr);
    if (!rec) fail_msg("bad test JSON %s: %s", json, jerr.text);
    whosaid_error e;
    memset(&e, 0, sizeof e);
    assert_checked(json, whosaid_stage_check(rec, &e), &e, want);
    json_decref(rec);
    whosaid_jsonload *l = whosaid_jsonload_new();
    assert_non_null(l);
    assert_int_equal(whosaid_jsonload_keep(l, &keep_spec), 0);
    rec = whosaid_jsonload_object(l, json, strlen(json));
    assert_non_null(rec);
    memset(&e, 0, sizeof e);
    assert_checked(json, whosaid_stage_check_kept(rec, &keep_spec, &e), &e, want);
    json_decref(rec);
    whosaid_jsonload_free(l);
}

static void test_good_records(void **state)
{
    (void)state;
    check("{\"id\":\"a\",\"text\":\"\"}", NULL);
    check("{\"id\":\"a\",\"text\":\"\",\"sentences\":[],\"spans\":[]}", NULL);
    /* Code points, not bytes: "é€" is 2 code points in 5 bytes. */
    check("{\"id\":\"a\",\"text\":\"\\u00e9\\u20ac\",\"sentences\":[[0,1],[1,2]],"
          "\"spans\":[{\"start\":0,\"end\":2},{\"start\":2,\"end\":2}]}",
          NULL);
}

/* Kept spans are not in the record as "spans": whosaid_stage_check_kept
 * reads them through the view (here the bad offset only it can see), and
 * records whose spans came built are checked by name all the same. */
static void test_kept_spans_read_through_the_view(void **state)
{
    (void)state;
    const char *bad = "{\"id\":\"a\",\"text\":\"abc\",\"spans\":[{\"start\":0,\"end\":2},"
                      "{\"start\":1,\"end\":4}]}";
    whosaid_jsonload *l = whosaid_jsonload_new();
    assert_non_null(l);
    assert_int_equal(whosaid_jsonload_keep(l, &keep_spec), 0);
    json_t *rec = whosaid_jsonload_object(l, bad, strlen(bad));
    assert_non_null(rec);
    assert_non_null(whosaid_jsonload_view_of(rec, "spans"));
    whosaid_error e;
    assert_int_equal(whosaid_stage_check(rec, &e), 0); /* no "spans" to see */
    assert_int_equal(whosaid_stage_check_kept(rec, &keep_spec, &e), WHOSAID_EINPUT);
    assert_string_equal(
        e.msg, "\"spans\"[1] offsets [1, 4] are out of range (the text has 3 code points)");
    json_decref(rec);
    whosaid_jsonload_free(l);
    rec = json_loads(bad, 0, NULL);
    assert_int_equal(whosaid_stage_check_kept(rec, &keep_spec, &e), WHOSAID_EINPUT);
    assert_string_equal(
        e.msg, "\"spans\"[1] offsets [1, 4] are out of range (the text has 3 code points)");
    json_decref(rec);
}

static void test_bad_text(void **state)
{
    (void)state;
    check("{\"id\":\"a\"}", "record has no \"text\"");
    check("{\"id\":\"a\",\"text\":null}", "\"text\" is not a string");
    check("{\"id\":\"a\",\"text\":[\"x\"]}", "\"text\" is not a string");
}

static void test_bad_offsets(void **state)
{
    (void)state;
    check("{\"id\":\"a\",\"text\":\"\\u00e9\\u20ac\",\"spans\":[{\"start\":0,\"end\":3}]}",
          "\"spans\"[0] offsets [0, 3] are out of range (the text has 2 code points)");
    check("{\"id\":\"a\",\"text\":\"abc\",\"spans\":[{\"start\":2,\"end\":1}]}",
          "\"spans\"[0] offsets [2, 1] are out of range (the text has 3 code points)");
    check("{\"id\":\"a\",\"text\":\"abc\",\"spans\":[{\"start\":0}]}",
          "\"spans\"[0] has a \"start\" or \"end\" that is not an integer");
    check("{\"id\":\"a\",\"text\":\"abc\",\"spans\":[{\"start\":0.0,\"end\":1}]}",
          "\"spans\"[0] has a \"start\" or \"end\" that is not an integer");
    check("{\"id\":\"a\",\"text\":\"abc\",\"spans\":[{\"start\":0,\"end\":null}]}",
          "\"spans\"[0] has a \"start\" or \"end\" that is not an integer");
    check("{\"id\":\"a\",\"text\":\"abc\",\"spans\":[{\"start\":0,\"end\":\"1\"}]}",
          "\"spans\"[0] has a \"start\" or \"end\" that is not an integer");
    check("{\"id\":\"a\",\"text\":\"abc\",\"spans\":[{\"start\":0,\"end\":1}, 7]}",
          "\"spans\"[1] is not an object");
    check("{\"id\":\"a\",\"text\":\"abc\",\"spans\":{}}", "\"spans\" is not an array");
    check("{\"id\":\"a\",\"text\":\"abc\",\"sentences\":[[0,1,2]]}",
          "\"sentences\"[0] is not a [start, end] pair");
    check("{\"id\":\"a\",\"text\":\"abc\",\"sentences\":[[0,\"1\"]]}",
          "\"sentences\"[0] has an offset that is not an integer");
    check("{\"id\":\"a\",\"text\":\"abc\",\"sentences\":[[0,2],[1,3]]}",
          "\"sentences\"[1] overlaps or precedes the one before");
    check("{\"id\":\"a\",\"text\":\"abc\",\"sentences\":[[-5,1]]}",
          "\"sentences\"[0] offsets [-5, 1] are out of range (the text has 3 code points)");
    check("{\"id\":\"a\",\"text\":\"abc\",\"sentences\":[[0,9223372036854775807]]}",
          "\"sentences\"[0] offsets [0, 9223372036854775807] are out of range (the text has 3 "
          "code points)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_records),
        cmocka_unit_test(test_kept_spans_read_through_the_view),
        cmocka_unit_test(test_bad_text),
        cmocka_unit_test(test_bad_offsets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
