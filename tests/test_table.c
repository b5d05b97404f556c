/* Records as table rows: column lists, field lookup (user fields, dotted
 * paths, derived countries), cell types and joins, entity rows from
 * resolve's entities, from spans and from claims, statistic rows, dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "whosaid/table.h"

static json_t *parse(const char *s)
{
    json_error_t e;
    json_t *j = json_loads(s, 0, &e);
    if (!j) fail_msg("bad test JSON: %s: %s", e.text, s);
    return j;
}

/* Adds rec (JSON text) to t and checks the number of rows. */
static void add(whosaid_table *t, const char *rec, long rows)
{
    json_t *j = parse(rec);
    whosaid_error e;
    memset(&e, 0, sizeof e);
    long got = whosaid_table_add(t, j, &e);
    json_decref(j);
    if (got != rows) fail_msg("%ld rows (%s), expected %ld: %s", got, e.msg, rows, rec);
}

static void assert_cell(const whosaid_table *t, size_t row, size_t col, int type, const char *text)
{
    const whosaid_cell *c = whosaid_table_cell(t, row, col);
    assert_non_null(c);
    if (c->type != type || strcmp(c->s, text) != 0)
        fail_msg("cell %zu,%zu (%s): type %d \"%s\", expected type %d \"%s\"", row, col,
                 whosaid_table_column(t, col), c->type, c->s, type, text);
    assert_int_equal(c->len, strlen(text));
}

#define TEXT WHOSAID_CELL_TEXT
#define NUM WHOSAID_CELL_NUMBER
#define EMPTY WHOSAID_CELL_EMPTY
#define BOOL WHOSAID_CELL_BOOL

static void test_columns(void **state)
{
    (void)state;
    assert_int_equal(whosaid_table_kind("claims"), WHOSAID_TABLE_CLAIMS);
    assert_int_equal(whosaid_table_kind("stats"), WHOSAID_TABLE_STATS);
    assert_int_equal(whosaid_table_kind("Claims"), -1);
    assert_string_equal(whosaid_table_kind_name(WHOSAID_TABLE_ENTITIES), "entities");
    whosaid_error e;
    whosaid_table *t = whosaid_table_new(WHOSAID_TABLE_CLAIMS, NULL, &e);
    assert_int_equal(whosaid_table_ncols(t), 15);
    assert_string_equal(whosaid_table_column(t, 0), "doc");
    assert_string_equal(whosaid_table_column(t, 14), "stats");
    assert_null(whosaid_table_column(t, 15));
    whosaid_table_free(t);
    t = whosaid_table_new(WHOSAID_TABLE_CLAIMS, " speaker ,my_field,meta.outlet", &e);
    assert_int_equal(whosaid_table_ncols(t), 3);
    assert_string_equal(whosaid_table_column(t, 0), "speaker");
    assert_string_equal(whosaid_table_column(t, 1), "my_field");
    whosaid_table_free(t);
    assert_null(whosaid_table_new(WHOSAID_TABLE_CLAIMS, "a,,b", &e));
    assert_int_equal(e.code, WHOSAID_EINPUT);
    assert_string_equal(e.msg, "empty column name in 'a,,b'");
    assert_null(whosaid_table_new(WHOSAID_TABLE_STATS, "", &e));
    whosaid_table_free(NULL);
}

static void test_claim_cells(void **state)
{
    (void)state;
    whosaid_error e;
    whosaid_table *t = whosaid_table_new(
        WHOSAID_TABLE_CLAIMS,
        "doc,n,speaker,missing,ok,meta.outlet,entities,entities.type,countries,stats,cue,weird,"
        "a.b,big,real,obj,deep.x",
        &e);
    assert_non_null(t);
    add(t,
        "{\"doc\": \"d1\", \"n\": 3, \"speaker\": null, \"ok\": true, \"meta\": {\"outlet\": "
        "\"AFP\"}, \"entities\": [{\"canonical\": \"China\", \"type\": \"COUNTRY\", \"country\": "
        "\"CN\"}, {\"canonical\": \"Xinhua\", \"type\": \"ORG\", \"country\": \"CN\"}, "
        "{\"canonical\": \"Seoul\", \"type\": \"LOCATION\", \"country\": \"KR\"}], \"stats\": "
        "[{\"text\": \"three banks\", \"value\": 3}], \"cue\": [\"said\", [\"told\", []], \"\", "
        "null], \"weird\": [], \"a.b\": \"literal\", \"a\": {\"b\": \"path\"}, \"big\": "
        "12345678901234567, \"real\": -0.1, \"obj\": {\"x\": [1, 2]}, \"deep\": [{\"x\": 1}, "
        "{\"y\": 2}, {\"x\": 2.5}]}",
        1);
    assert_cell(t, 0, 0, TEXT, "d1");
    assert_cell(t, 0, 1, NUM, "3");
    assert_float_equal(whosaid_table_cell(t, 0, 1)->num, 3.0, 0);
    assert_cell(t, 0, 2, EMPTY, "");
    assert_cell(t, 0, 3, EMPTY, "");
    assert_cell(t, 0, 4, BOOL, "true");
    assert_cell(t, 0, 5, TEXT, "AFP");
    assert_cell(t, 0, 6, TEXT, "China; Xinhua; Seoul");
    assert_int_equal(whosaid_table_cell(t, 0, 6)->joined, 1);
    assert_cell(t, 0, 7, TEXT, "COUNTRY; ORG; LOCATION");
    /* Derived: the distinct countries of the claim's entities. */
    assert_cell(t, 0, 8, TEXT, "CN; KR");
    /* One value of an array is a cell of that value's type. */
    assert_cell(t, 0, 9, TEXT, "three banks");
    assert_int_equal(whosaid_table_cell(t, 0, 9)->joined, 0);
    assert_cell(t, 0, 10, TEXT, "said; told");
    assert_cell(t, 0, 11, EMPTY, "");
    assert_cell(t, 0, 12, TEXT, "literal");
    /* Past 2^53 a double loses digits: the integer stays text. */
    assert_cell(t, 0, 13, TEXT, "12345678901234567");
    assert_cell(t, 0, 14, NUM, "-0.1");
    assert_cell(t, 0, 15, TEXT, "{\"x\":[1,2]}");
    assert_cell(t, 0, 16, TEXT, "1; 2.5");
    for (size_t c = 0; c < 17; c++)
        assert_int_equal(whosaid_table_filled(t, c), c != 2 && c != 3 && c != 11);

    /* Missing fields: every column still there, empty. A record's own
     * "countries" wins over the derived one, even when null. */
    add(t,
        "{\"doc\": \"d2\", \"n\": 1, \"countries\": null, \"entities\": [{\"country\": "
        "\"FR\"}]}",
        1);
    assert_cell(t, 0, 0, TEXT, "d2");
    assert_cell(t, 0, 5, EMPTY, "");
    assert_cell(t, 0, 8, EMPTY, "");
    add(t, "{\"countries\": [\"Wakanda\"]}", 1);
    assert_cell(t, 0, 0, EMPTY, "");
    assert_cell(t, 0, 8, TEXT, "Wakanda");

    /* A document record is not a claim. */
    json_t *doc = parse("{\"id\": \"a1\", \"text\": \"Hello.\", \"spans\": []}");
    assert_int_equal(whosaid_table_add(t, doc, &e), WHOSAID_EINPUT);
    assert_non_null(strstr(e.msg, "document a1 is not a claim record"));
    json_decref(doc);
    whosaid_table_free(t);
}

static void test_entities_resolved(void **state)
{
    (void)state;
    whosaid_error e;
    whosaid_table *t = whosaid_table_new(WHOSAID_TABLE_ENTITIES, NULL, &e);
    assert_non_null(t);
    /* doc,claim,entity,type,canonical,country,role,org,mentions,aliases */
    add(t,
        "{\"id\": \"d1\", \"text\": \"...\", \"spans\": [{\"type\": \"PERSON\", \"canonical\": "
        "\"ignored\"}], \"entities\": [{\"id\": \"e1\", \"type\": \"PERSON\", \"canonical\": "
        "\"Hong Lei\", \"mentions\": [\"s3\", \"s5\", \"s12\"], \"attrs\": {\"role\": "
        "\"spokesman\", \"org\": \"Foreign Ministry\", \"aliases\": [\"Hong\", \"Hong Lei\"], "
        "\"type\": \"not over type\"}}, {\"id\": \"e2\", \"type\": \"COUNTRY\", \"canonical\": "
        "\"China\", \"attrs\": {\"country\": \"CN\"}}, 7]}",
        2);
    assert_cell(t, 0, 0, TEXT, "d1");
    assert_cell(t, 0, 1, EMPTY, "");
    assert_cell(t, 0, 2, TEXT, "e1");
    assert_cell(t, 0, 3, TEXT, "PERSON");
    assert_cell(t, 0, 4, TEXT, "Hong Lei");
    assert_cell(t, 0, 6, TEXT, "spokesman");
    assert_cell(t, 0, 7, TEXT, "Foreign Ministry");
    assert_cell(t, 0, 8, NUM, "3");
    assert_cell(t, 0, 9, TEXT, "Hong; Hong Lei");
    assert_cell(t, 1, 5, TEXT, "CN");
    assert_cell(t, 1, 8, EMPTY, "");
    whosaid_table_free(t);
}

static void test_entities_from_spans(void **state)
{
    (void)state;
    whosaid_error e;
    whosaid_table *t = whosaid_table_new(WHOSAID_TABLE_ENTITIES, NULL, &e);
    add(t,
        "{\"id\": \"d2\", \"text\": \"...\", \"spans\": ["
        "{\"type\": \"COUNTRY\", \"text\": \"U.S.\", \"canonical\": \"United States\", "
        "\"country\": \"US\"},"
        "{\"type\": \"DATE\", \"text\": \"Monday\", \"value\": \"2024-01-01\"},"
        "{\"type\": \"PERSON\", \"text\": \"Obama\"},"
        "{\"type\": \"COUNTRY\", \"text\": \"America\", \"canonical\": \"United States\"},"
        "{\"type\": \"STAT\", \"text\": \"5%\", \"value\": 5},"
        "{\"type\": \"ORG\", \"text\": \"United States\", \"canonical\": \"United States\"},"
        "{\"type\": \"COUNTRY\", \"text\": \"U.S.\", \"canonical\": \"United States\"},"
        "{\"text\": \"no type\"}, 42, {\"type\": \"PERSON\"}]}",
        3);
    assert_cell(t, 0, 3, TEXT, "COUNTRY");
    assert_cell(t, 0, 4, TEXT, "United States");
    assert_cell(t, 0, 5, TEXT, "US");
    assert_cell(t, 0, 8, NUM, "3");
    assert_cell(t, 0, 9, TEXT, "U.S.; America");
    assert_cell(t, 1, 4, TEXT, "Obama");
    assert_cell(t, 1, 8, NUM, "1");
    /* Same name, another type: another entity. */
    assert_cell(t, 2, 3, TEXT, "ORG");
    add(t, "{\"id\": \"d3\", \"text\": \"\"}", 0);
    whosaid_table_free(t);
}

static void test_claim_entities_and_stats(void **state)
{
    (void)state;
    whosaid_error e;
    whosaid_table *t = whosaid_table_new(WHOSAID_TABLE_ENTITIES, NULL, &e);
    const char *claim =
        "{\"doc\": \"d1\", \"n\": 2, \"entities\": [{\"canonical\": \"China\", \"type\": "
        "\"COUNTRY\", \"entity\": \"e1\", \"country\": \"CN\"}, null, \"Bare\"], \"stats\": "
        "[{\"text\": \"three banks\", \"value\": 3, \"unit\": \"banks\"}, {\"text\": \"-5%\", "
        "\"value\": -5, \"percent\": true}]}";
    add(t, claim, 2);
    assert_cell(t, 0, 0, TEXT, "d1");
    assert_cell(t, 0, 1, NUM, "2");
    assert_cell(t, 0, 2, TEXT, "e1");
    assert_cell(t, 0, 4, TEXT, "China");
    assert_cell(t, 1, 4, TEXT, "Bare");
    add(t, "{\"doc\": \"d1\", \"n\": 3}", 0);
    whosaid_table_free(t);

    t = whosaid_table_new(WHOSAID_TABLE_STATS, NULL, &e);
    /* doc,claim,text,value,value_max,unit,currency,percent,approx,bound,vague */
    add(t, claim, 2);
    assert_cell(t, 0, 2, TEXT, "three banks");
    assert_cell(t, 0, 3, NUM, "3");
    assert_cell(t, 0, 5, TEXT, "banks");
    assert_cell(t, 1, 3, NUM, "-5");
    assert_cell(t, 1, 7, BOOL, "true");
    add(t,
        "{\"id\": \"d9\", \"text\": \"...\", \"spans\": [{\"type\": \"STAT\", \"text\": \"$1.1 "
        "billion to $1.3 billion\", \"value\": 1100000000, \"value_max\": 1300000000, "
        "\"currency\": \"USD\"}, {\"type\": \"DATE\", \"text\": \"May\"}]}",
        1);
    assert_cell(t, 0, 0, TEXT, "d9");
    assert_cell(t, 0, 1, EMPTY, "");
    assert_cell(t, 0, 4, NUM, "1300000000");
    assert_cell(t, 0, 6, TEXT, "USD");
    whosaid_table_free(t);
}

static void test_dates(void **state)
{
    (void)state;
    int y, m, d;
    whosaid_cell c = {WHOSAID_CELL_TEXT, "2013-06-27", 10, 0, 0};
    assert_int_equal(whosaid_cell_date(&c, &y, &m, &d), 1);
    assert_int_equal(y * 10000 + m * 100 + d, 20130627);
    static const char *const not_dates[] = {"2013-06",    "2013-W26",         "2013-02-29",
                                            "2013-13-01", "2013-06-27T10:00", "20130627",
                                            "2013-6-27",  "2013-06-00",       "PRESENT_RE"};
    for (size_t i = 0; i < sizeof not_dates / sizeof *not_dates; i++) {
        c.s = not_dates[i];
        c.len = strlen(c.s);
        assert_int_equal(whosaid_cell_date(&c, &y, &m, &d), 0);
    }
    c.s = "2024-02-29";
    assert_int_equal(whosaid_cell_date(&c, &y, &m, &d), 1);
    c.s = "1900-02-29";
    assert_int_equal(whosaid_cell_date(&c, &y, &m, &d), 0);
    c.s = "2000-02-29";
    assert_int_equal(whosaid_cell_date(&c, &y, &m, &d), 1);
    c.type = WHOSAID_CELL_NUMBER;
    assert_int_equal(whosaid_cell_date(&c, &y, &m, &d), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_claim_cells),
        cmocka_unit_test(test_entities_resolved),
        cmocka_unit_test(test_entities_from_spans),
        cmocka_unit_test(test_claim_entities_and_stats),
        cmocka_unit_test(test_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
