/* Precedence across the tagging engines, through the public tagger API:
 * gazetteer entries, regex rules and the name heuristics all propose
 * candidates, and whosaid_tagger_run keeps the longer span, then the
 * higher priority, then a user rule over a default one, then the rule
 * loaded first; a winning NONE blocks what it overlaps. Rule files are
 * temporary files; the name heuristics use the default word lists. */
#include <jansson.h>

#include "testutil.h"
#include "whosaid/buf.h"
#include "whosaid/out.h"
#include "whosaid/tagger.h"

/* A tagger with the language data only (no default rule files). */
static whosaid_tagger *new_tagger(void)
{
    whosaid_error e;
    whosaid_tagger *t = whosaid_tagger_new(WHOSAID_TEST_RULES_DIR, &e);
    if (!t) fail_msg("%s:%ld: %s", e.file ? e.file : "", e.line, e.msg);
    return t;
}

/* Adds content as a rule file called name (.tsv gazetteer or .rules regex
 * rules); user marks it as given with -r. */
static void add(whosaid_tagger *t, const char *name, const char *content, int user)
{
    char *path = write_temp(content, name);
    whosaid_error e;
    if (whosaid_tagger_add(t, path, user, NULL, &e) != 0)
        fail_msg("%s:%ld: %s", e.file ? e.file : "", e.line, e.msg);
    remove_temp(path);
}

/* Runs t over rec and gives the record as whosaid-tag writes it, parsed
 * again (the spans are text in memory, out.h's text form); rec is
 * released. */
static json_t *tag_written(whosaid_tagger *t, json_t *rec)
{
    whosaid_error e;
    assert_non_null(rec);
    assert_int_equal(whosaid_tagger_run(t, rec, &e), 0);
    char *line = whosaid_json_dump(rec);
    assert_non_null(line);
    json_t *back = json_loads(line, JSON_REJECT_DUPLICATES, NULL);
    if (!back) fail_msg("not JSON: %s", line);
    /* and written again from jansson's parse: the same bytes */
    char *again = whosaid_json_dump(back);
    assert_string_equal(again, line);
    free(again);
    free(line);
    json_decref(rec);
    return back;
}

/* Tags text and checks its entity spans as "TYPE:text" joined by " ; "
 * (DATE, STAT ... are left out: other rules' business). */
static void check(whosaid_tagger *t, const char *text, const char *want)
{
    json_t *rec = tag_written(t, json_pack("{s:s}", "text", text));
    whosaid_buf got = WHOSAID_BUF_INIT;
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(rec, "spans"), i, s)
    {
        const char *type = json_string_value(json_object_get(s, "type"));
        if (strcmp(type, "DATE") == 0 || strcmp(type, "STAT") == 0 ||
            strcmp(type, "DURATION") == 0 || strcmp(type, "TIME") == 0)
            continue;
        whosaid_buf_printf(&got, "%s%s:%s", got.len ? " ; " : "", type,
                           json_string_value(json_object_get(s, "text")));
    }
    assert_string_equal(got.data ? got.data : "", want);
    whosaid_buf_free(&got);
    json_decref(rec);
}

/* The rule field of the span whose text is text. */
static const char *rule_of(whosaid_tagger *t, const char *doc, const char *text, json_t **keep)
{
    json_t *rec = tag_written(t, json_pack("{s:s}", "text", doc));
    *keep = rec;
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(rec, "spans"), i,
                       s) if (strcmp(json_string_value(json_object_get(s, "text")), text) ==
                              0) return json_string_value(json_object_get(s, "rule"));
    fail_msg("no span \"%s\"", text);
    return NULL;
}

static void test_longer_wins_across_engines(void **state)
{
    (void)state;
    whosaid_tagger *t = new_tagger();
    add(t, "places.tsv", "Korea\tSouth Korea\tCOUNTRY\tcountry=KR\n", 0);
    /* A regex rule of low priority still wins by length over the gazetteer. */
    add(t, "orgs.rules", "ORG\t-50\tKorea Communications Commission\n", 0);
    check(t, "The Korea Communications Commission met.", "ORG:Korea Communications Commission");
    /* ... and the gazetteer wins by length over a high-priority rule. */
    add(t, "short.rules", "PERSON\t500\tKore(?=a\\.)\n", 0);
    check(t, "Korea Communications Commission and Korea.",
          "ORG:Korea Communications Commission ; COUNTRY:Korea");
    whosaid_tagger_free(t);

    /* Name heuristics (priority -10) win with the longer span: a team after
     * a place beats the place. */
    t = new_tagger();
    add(t, "places.tsv", "Bowling Green\tBowling Green\tLOCATION\tcountry=US\n", 0);
    check(t, "He played for the Bowling Green Falcons last year.", "ORG:Bowling Green Falcons");
    whosaid_tagger_free(t);
}

static void test_priority_then_user_then_order(void **state)
{
    (void)state;
    /* Same extent: the higher priority wins, whichever engine. */
    whosaid_tagger *t = new_tagger();
    add(t, "places.tsv", "Jordan\tJordan\tCOUNTRY\tcountry=JO\n", 0);
    add(t, "high.rules", "PERSON\t5\t\\bJordan(?= said)\n", 0);
    check(t, "Officials in Jordan agreed, Jordan said.", "COUNTRY:Jordan ; PERSON:Jordan");
    whosaid_tagger_free(t);

    t = new_tagger();
    add(t, "places.tsv", "Jordan\tJordan\tCOUNTRY\tcountry=JO\n", 0);
    add(t, "low.rules", "PERSON\t-5\t\\bJordan\\b\n", 0);
    check(t, "Jordan said so.", "COUNTRY:Jordan");
    whosaid_tagger_free(t);

    /* A regex rule at priority 0 beats the heuristics (-10) on the same span. */
    t = new_tagger();
    add(t, "bands.rules", "ORG\t0\tAngela Merkel(?= plays)\n", 0);
    check(t, "Angela Merkel said that Angela Merkel plays tonight.",
          "PERSON:Angela Merkel ; ORG:Angela Merkel");
    whosaid_tagger_free(t);

    /* Same extent and priority: a user rule beats a default one, across
     * engines, whichever was loaded first. */
    t = new_tagger();
    add(t, "default.tsv", "Apple\tApple Inc.\tORG\tkind=company\n", 0);
    add(t, "user.rules", "PERSON\t0\t\\bApple\\b\n", 1);
    check(t, "Apple said.", "PERSON:Apple");
    whosaid_tagger_free(t);

    t = new_tagger();
    add(t, "user.tsv", "Apple\tApple\tLOCATION\t-\n", 1);
    add(t, "default.rules", "PERSON\t0\t\\bApple\\b\n", 0);
    check(t, "Apple said.", "LOCATION:Apple");
    whosaid_tagger_free(t);

    /* Two defaults with the same extent and priority: the one loaded first. */
    t = new_tagger();
    add(t, "a.rules", "ORG\t3\t\\bMercury\\b\n", 0);
    add(t, "b.rules", "PERSON\t3\t\\bMercury\\b\n", 0);
    check(t, "Mercury rose.", "ORG:Mercury");
    whosaid_tagger_free(t);

    /* A user gazetteer entry replaces the default one of the same surface. */
    t = new_tagger();
    add(t, "default.tsv", "Mercury\tMercury\tORG\t-\n", 0);
    add(t, "user.tsv", "Mercury\tFreddie Mercury\tPERSON\t-\n", 1);
    json_t *rec;
    check(t, "Mercury sang.", "PERSON:Mercury");
    const char *rule = rule_of(t, "Mercury sang.", "Mercury", &rec);
    assert_true(strlen(rule) > 10);
    assert_string_equal(rule + strlen(rule) - 10, "user.tsv:1");
    json_decref(rec);
    whosaid_tagger_free(t);
}

static void test_none_blocks(void **state)
{
    (void)state;
    /* A user NONE entry switches a default gazetteer entry off, and the
     * name heuristics do not fill the gap. */
    whosaid_tagger *t = new_tagger();
    add(t, "default.tsv", "Seoul\tSeoul\tLOCATION\tcountry=KR\n", 0);
    check(t, "Officials in Seoul agreed.", "LOCATION:Seoul");
    add(t, "off.tsv", "Seoul\t-\tNONE\t-\n", 1);
    check(t, "Officials in Seoul agreed.", "");
    whosaid_tagger_free(t);

    /* A longer NONE rule blocks every shorter candidate it overlaps, from
     * any engine; what it does not overlap stays. */
    t = new_tagger();
    add(t, "default.tsv", "Seoul\tSeoul\tLOCATION\tcountry=KR\n", 0);
    add(t, "off.rules", "NONE\t0\tSeoul Grand Park Zoo\n", 1);
    check(t, "Park Jae-moon said the Seoul Grand Park Zoo in Seoul reopened.",
          "PERSON:Park Jae-moon ; LOCATION:Seoul");
    whosaid_tagger_free(t);

    /* A shorter NONE loses to a longer real span. */
    t = new_tagger();
    add(t, "default.tsv", "Korea Communications Commission\tKCC\tORG\t-\n", 0);
    add(t, "off.rules", "NONE\t1000\t\\bKorea\\b\n", 1);
    check(t, "The Korea Communications Commission met in Korea.",
          "ORG:Korea Communications Commission");
    whosaid_tagger_free(t);
}

static void test_spans_in_input_are_kept(void **state)
{
    (void)state;
    whosaid_tagger *t = new_tagger();
    add(t, "default.tsv", "Seoul\tSeoul\tLOCATION\tcountry=KR\n", 0);
    json_t *rec = tag_written(t, json_pack("{s:s, s:[{s:s, s:i, s:i, s:s, s:s}]}", "text",
                                           "Seoul and Seoul.", "spans", "id", "s1", "start", 0,
                                           "end", 5, "type", "ORG", "text", "Seoul"));
    json_t *spans = json_object_get(rec, "spans");
    assert_int_equal(json_array_size(spans), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(spans, 0), "type")),
                        "ORG");
    json_t *added = json_array_get(spans, 1);
    assert_string_equal(json_string_value(json_object_get(added, "type")), "LOCATION");
    assert_int_equal(json_integer_value(json_object_get(added, "start")), 10);
    assert_string_equal(json_string_value(json_object_get(added, "id")), "s2");
    json_decref(rec);
    whosaid_tagger_free(t);
}

/* Whether v is a value in out.h's text form: one member, named by its key. */
static int is_text_form(const json_t *v)
{
    void *it = json_object_iter((json_t *)v);
    return json_object_size(v) == 1 && json_object_iter_key_len(it) == WHOSAID_OUT_TEXT_KEY_LEN &&
           !memcmp(json_object_iter_key(it), WHOSAID_OUT_TEXT_KEY, WHOSAID_OUT_TEXT_KEY_LEN);
}

/* A record that gets no new span keeps its "spans" array as it came; one
 * that gets some has the whole array as text, the spans already there
 * first, written as the writer writes them. */
static void test_spans_array_becomes_text(void **state)
{
    (void)state;
    whosaid_tagger *t = new_tagger();
    add(t, "default.tsv", "Seoul\tSeoul\tLOCATION\tcountry=KR\n", 0);
    whosaid_error e;
    json_t *rec = json_pack("{s:s, s:[{s:s, s:i, s:i, s:s}]}", "text", "Nothing here.", "spans",
                            "id", "s1", "start", 0, "end", 7, "type", "ORG");
    assert_int_equal(whosaid_tagger_run(t, rec, &e), 0);
    assert_true(json_is_array(json_object_get(rec, "spans")));
    assert_int_equal(json_array_size(json_object_get(rec, "spans")), 1);
    json_decref(rec);
    rec = json_pack("{s:s, s:[{s:s, s:i, s:i, s:s, s:[i, b]}]}", "text", "Met in Seoul.", "spans",
                    "id", "s1", "start", 0, "end", 3, "type", "ORG", "x", 1, 0);
    assert_int_equal(whosaid_tagger_run(t, rec, &e), 0);
    assert_true(is_text_form(json_object_get(rec, "spans")));
    char *got = whosaid_json_dump(rec);
    assert_non_null(strstr(got, "\"spans\":[{\"id\":\"s1\",\"start\":0,\"end\":3,\"type\":\"ORG\","
                                "\"x\":[1,false]},{\"id\":\"s2\",\"start\":7,\"end\":12,"
                                "\"type\":\"LOCATION\",\"text\":\"Seoul\""));
    free(got);
    json_decref(rec);
    whosaid_tagger_free(t);
}

/* The spans are written as text (out.h's text form), byte for byte what
 * the span objects wrote: gazetteer attributes of every kind (string,
 * true, false, number, escapes) after the fixed members; regex rule
 * attributes named like a fixed member take its place ("id", "start",
 * "end", "type", "text") or, for "rule", its position with the rule's own
 * value; span
 * text with non-ASCII, a TAB, quotes and a backslash escaped as jansson
 * does; offsets in code points. */
static void test_spans_written_as_text(void **state)
{
    (void)state;
    whosaid_tagger *t = new_tagger();
    char *gaz = write_temp("S\xc3\xa9oul\tSeoul\tLOCATION\t"
                           "country=KR;capital=true;dry=false;population=9776000;note=a\"b\\c\n",
                           "places.tsv");
    char *rx =
        write_temp("ORG\t5\tAcme\\t\"Q\\\\\"\tkind=firm;type=BRAND;text=other;rule=mine;id=x\n"
                   "ORG\t5\tZeta Corp\tstart=zero;end=one\n",
                   "orgs.rules");
    whosaid_error e;
    assert_int_equal(whosaid_tagger_add(t, gaz, 0, NULL, &e), 0);
    assert_int_equal(whosaid_tagger_add(t, rx, 1, NULL, &e), 0);
    const char *text = "S\xc3\xa9oul and Acme\t\"Q\\\" met Zeta Corp.";
    json_t *rec = json_pack("{s:s}", "text", text);
    assert_int_equal(whosaid_tagger_run(t, rec, &e), 0);
    assert_true(is_text_form(json_object_get(rec, "spans")));
    char *got = whosaid_json_dump(rec);
    whosaid_buf want = WHOSAID_BUF_INIT;
    whosaid_buf_printf(&want,
                       "{\"text\":\"S\xc3\xa9oul and Acme\\t\\\"Q\\\\\\\" met Zeta Corp.\","
                       "\"spans\":[{\"id\":\"s1\",\"start\":0,\"end\":5,\"type\":\"LOCATION\","
                       "\"text\":\"S\xc3\xa9oul\",\"canonical\":\"Seoul\",\"country\":\"KR\","
                       "\"capital\":true,\"dry\":false,\"population\":9776000,"
                       "\"note\":\"a\\\"b\\\\c\",\"rule\":\"%s:1\"},"
                       "{\"id\":\"x\",\"start\":10,\"end\":19,\"type\":\"BRAND\","
                       "\"text\":\"other\",\"kind\":\"firm\",\"rule\":\"%s:1\"},"
                       "{\"id\":\"s3\",\"start\":\"zero\",\"end\":\"one\",\"type\":\"ORG\","
                       "\"text\":\"Zeta Corp\",\"rule\":\"%s:2\"}]}",
                       gaz, rx, rx);
    assert_string_equal(got, want.data);
    free(got);
    whosaid_buf_free(&want);
    json_decref(rec);
    remove_temp(gaz);
    remove_temp(rx);
    whosaid_tagger_free(t);
}

/* A gazetteer entry's attributes are parsed once and shared by its matches
 * in every document; loading a file that replaces the entry (a user's over
 * a default one) gives later matches the new entry's. */
static void test_gazetteer_attrs_each_document(void **state)
{
    (void)state;
    whosaid_tagger *t = new_tagger();
    add(t, "places.tsv", "Seoul\tSeoul\tLOCATION\tcountry=KR;capital=true;pop=9\n", 0);
    const char *docs[] = {"Seoul is big.", "They flew to Seoul and back to Seoul."};
    const char *want = "{\"canonical\":\"Seoul\",\"country\":\"KR\",\"capital\":true,\"pop\":9}";
    for (size_t d = 0; d < 2; d++) {
        json_t *rec = tag_written(t, json_pack("{s:s}", "text", docs[d]));
        size_t i, n = 0;
        json_t *s;
        json_array_foreach(json_object_get(rec, "spans"), i, s)
        {
            if (strcmp(json_string_value(json_object_get(s, "type")), "LOCATION")) continue;
            json_t *a = json_pack("{s:O,s:O,s:O,s:O}", "canonical", json_object_get(s, "canonical"),
                                  "country", json_object_get(s, "country"), "capital",
                                  json_object_get(s, "capital"), "pop", json_object_get(s, "pop"));
            char *got = a ? json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
            assert_non_null(got);
            assert_string_equal(got, want);
            free(got);
            json_decref(a);
            n++;
        }
        assert_int_equal(n, d + 1);
        json_decref(rec);
    }
    add(t, "mine.tsv", "Seoul\tSeoul City\tLOCATION\tcountry=XX\n", 1);
    json_t *rec = tag_written(t, json_pack("{s:s}", "text", "Seoul is big."));
    json_t *s = json_array_get(json_object_get(rec, "spans"), 0);
    assert_string_equal(json_string_value(json_object_get(s, "canonical")), "Seoul City");
    assert_string_equal(json_string_value(json_object_get(s, "country")), "XX");
    assert_null(json_object_get(s, "capital"));
    json_decref(rec);
    whosaid_tagger_free(t);
}

/* The tagger runs the model-number pass between the rules and the
 * precedence: after the name heuristics' block over a maker and its model
 * ("Boeing 787"), the model's bare number is no STAT elsewhere in the
 * document, while a count is. */
static void test_model_number_named_by_maker(void **state)
{
    (void)state;
    whosaid_tagger *t = new_tagger();
    add(t, "orgs.tsv", "Boeing\tBoeing\tORG\tkind=company\n", 0);
    add(t, "stats.rules", "STAT\t0\t(?<num>\\d+)(?:\\s(?<unit>jets|passengers))?\tnorm=stat\n", 0);
    json_t *rec = tag_written(
        t, json_pack("{s:s}", "text", "The 787 will seat 250 passengers. Boeing 787 jets fly."));
    whosaid_buf got = WHOSAID_BUF_INIT;
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(rec, "spans"), i, s) whosaid_buf_printf(
        &got, "%s%s:%s", got.len ? " ; " : "", json_string_value(json_object_get(s, "type")),
        json_string_value(json_object_get(s, "text")));
    assert_string_equal(got.data ? got.data : "", "STAT:250 passengers");
    whosaid_buf_free(&got);
    json_decref(rec);
    whosaid_tagger_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_longer_wins_across_engines),
        cmocka_unit_test(test_priority_then_user_then_order),
        cmocka_unit_test(test_none_blocks),
        cmocka_unit_test(test_spans_in_input_are_kept),
        cmocka_unit_test(test_spans_written_as_text),
        cmocka_unit_test(test_spans_array_becomes_text),
        cmocka_unit_test(test_gazetteer_attrs_each_document),
        cmocka_unit_test(test_model_number_named_by_maker),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
