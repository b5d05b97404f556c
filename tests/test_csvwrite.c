/* CSV and TSV cells: RFC 4180 quoting, TSV escapes, the formula-injection
 * guard and its exemptions, row ends, the byte order mark. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/csvwrite.h"

/* One row of the given cells (NULL-terminated; a leading '#' marks a
 * numeric cell) written with flags, as a string (static buffer). */
static const char *row(int flags, const char *const *cells)
{
    static whosaid_buf out = WHOSAID_BUF_INIT;
    whosaid_buf_clear(&out);
    whosaid_csvwrite *w = whosaid_csvwrite_new(flags);
    assert_non_null(w);
    for (size_t i = 0; cells[i]; i++) {
        int num = cells[i][0] == '#';
        const char *s = cells[i] + num;
        assert_int_equal(whosaid_csvwrite_cell(w, &out, s, strlen(s), num), 0);
    }
    assert_int_equal(whosaid_csvwrite_end_row(w, &out), 0);
    whosaid_csvwrite_free(w);
    return out.data;
}

#define ROW(flags, ...) row(flags, (const char *const[]){__VA_ARGS__, NULL})

static void test_csv_quoting(void **state)
{
    (void)state;
    assert_string_equal(ROW(0, "plain", "two words", ""), "plain,two words,\n");
    assert_string_equal(ROW(0, "a,b"), "\"a,b\"\n");
    assert_string_equal(ROW(0, "say \"hi\""), "\"say \"\"hi\"\"\"\n");
    assert_string_equal(ROW(0, "line\nbreak", "cr\rx"), "\"line\nbreak\",\"cr\rx\"\n");
    /* Spaces, apostrophes and non-ASCII text need no quotes. */
    assert_string_equal(ROW(0, " it's ", "שלום", "👍"), " it's ,שלום,👍\n");
    assert_string_equal(ROW(WHOSAID_CSV_CRLF, "a", "b"), "a,b\r\n");
    /* One empty cell is written "" so that the row is not a blank line. */
    assert_string_equal(ROW(0, ""), "\"\"\n");
    assert_string_equal(ROW(0, "", ""), ",\n");
}

static void test_guard(void **state)
{
    (void)state;
    assert_string_equal(ROW(0, "=1+1", "+1", "-1", "@SUM(A1)"), "'=1+1,'+1,'-1,'@SUM(A1)\n");
    assert_string_equal(ROW(0, "\tx", "\rx"), "'\tx,\"'\rx\"\n");
    /* A quoted cell gets the apostrophe inside the quotes. */
    assert_string_equal(ROW(0, "=HYPERLINK(\"u\",\"x\")"),
                        "\"'=HYPERLINK(\"\"u\"\",\"\"x\"\")\"\n");
    /* Apostrophes already there: one more, so stripping one undoes it. */
    assert_string_equal(ROW(0, "'=x", "''-y", "'plain"), "''=x,'''-y,'plain\n");
    /* Only the first character counts; numbers are exempt. */
    assert_string_equal(ROW(0, "a=b", " =c", "#-5", "#-0.25"), "a=b, =c,-5,-0.25\n");
    assert_string_equal(ROW(WHOSAID_CSV_RAW, "=1+1", "-x"), "=1+1,-x\n");
    assert_int_equal(whosaid_csvwrite_risky("=", 1), 1);
    assert_int_equal(whosaid_csvwrite_risky("''@", 3), 1);
    assert_int_equal(whosaid_csvwrite_risky("''", 2), 0);
    assert_int_equal(whosaid_csvwrite_risky("", 0), 0);
    assert_int_equal(whosaid_csvwrite_risky("x-", 2), 0);
}

static void test_tsv(void **state)
{
    (void)state;
    assert_string_equal(ROW(WHOSAID_CSV_TSV, "a,b", "say \"hi\""), "a,b\tsay \"hi\"\n");
    assert_string_equal(ROW(WHOSAID_CSV_TSV, "t\tn\nr\rb\\"), "t\\tn\\nr\\rb\\\\\n");
    assert_string_equal(ROW(WHOSAID_CSV_TSV, "\tlead", "=f", "#-5"), "'\\tlead\t'=f\t-5\n");
    assert_string_equal(ROW(WHOSAID_CSV_TSV | WHOSAID_CSV_CRLF, "a", ""), "a\t\r\n");
}

static void test_nul_and_bom(void **state)
{
    (void)state;
    whosaid_buf out = WHOSAID_BUF_INIT;
    whosaid_csvwrite *w = whosaid_csvwrite_new(0);
    assert_int_equal(whosaid_csvwrite_bom(&out), 0);
    assert_int_equal(whosaid_csvwrite_cell(w, &out, "a\0b\"", 4, 0), 0);
    assert_int_equal(whosaid_csvwrite_cell(w, &out, "c\0", 2, 0), 0);
    assert_int_equal(whosaid_csvwrite_end_row(w, &out), 0);
    /* A second row starts without a separator. */
    assert_int_equal(whosaid_csvwrite_cell(w, &out, "d", 1, 0), 0);
    assert_int_equal(whosaid_csvwrite_end_row(w, &out), 0);
    assert_string_equal(out.data, "\xEF\xBB\xBF\"ab\"\"\",c\nd\n");
    whosaid_csvwrite_free(w);
    whosaid_csvwrite_free(NULL);
    whosaid_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_guard),
        cmocka_unit_test(test_tsv),
        cmocka_unit_test(test_nul_and_bom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
