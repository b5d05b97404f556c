/* Splitting an article into lines and rebuilding the body from the kept ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "whosaid/lines.h"

static void test_split_marks_paragraphs(void **state)
{
    (void)state;
    const char *t = "Title\n\n  First para line one\nline two  \n\n\nSecond\n   \n";
    whosaid_lines l = WHOSAID_LINES_INIT;
    assert_int_equal(whosaid_lines_split(t, strlen(t), &l), 0);
    assert_int_equal(l.n, 4);
    assert_int_equal(l.v[0].len, 5);
    assert_int_equal(l.v[0].para_break, 0);
    assert_int_equal(l.v[1].para_break, 1);
    assert_memory_equal(l.v[1].s, "First para line one", l.v[1].len);
    assert_int_equal(l.v[1].offset, 9);
    assert_int_equal(l.v[2].para_break, 0);
    assert_int_equal(l.v[2].len, 8);
    assert_int_equal(l.v[3].para_break, 1);
    whosaid_lines_free(&l);
}

static void test_join_body_skips_removed(void **state)
{
    (void)state;
    const char *t = "Nav | bar | here\nTitle\n\n"
                    "Para one is a paragraph hard-wrapped at sixty columns, as\n"
                    "wire copy is, over two lines.\nJunk\nPara two\n\nEnd";
    whosaid_lines l = WHOSAID_LINES_INIT;
    whosaid_buf out = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_lines_split(t, strlen(t), &l), 0);
    assert_int_equal(l.n, 7);
    l.v[0].fate = WHOSAID_LINE_BOILER;
    l.v[1].fate = WHOSAID_LINE_META;
    l.v[4].fate = WHOSAID_LINE_BOILER; /* "Junk": what surrounds it becomes two paragraphs */
    assert_int_equal(whosaid_lines_join_body(&l, &out), 0);
    assert_string_equal(out.data, "Para one is a paragraph hard-wrapped at sixty columns, as\n"
                                  "wire copy is, over two lines.\n\nPara two\n\nEnd");
    whosaid_buf_free(&out);
    whosaid_lines_free(&l);
}

/* A page saved one element per line (a single newline after each block):
 * the menu, headline, byline and each paragraph are paragraphs of their
 * own, while a paragraph hard-wrapped in the same block stays one. */
static void test_split_one_element_per_line(void **state)
{
    (void)state;
    const char *t = "Home\nNews\nSport\n"
                    "Cardiff council to close three libraries\n"
                    "Hywel Griffith\n"
                    "Cardiff Council plans to close three of its branch libraries and cut "
                    "opening hours at five others.\n"
                    "The proposals would save about \xc2\xa3"
                    "2.4m a year, the council said.\n";
    whosaid_lines l = WHOSAID_LINES_INIT;
    assert_int_equal(whosaid_lines_split(t, strlen(t), &l), 0);
    assert_int_equal(l.n, 7);
    for (size_t k = 1; k < l.n; k++)
        assert_int_equal(l.v[k].para_break, 1);
    whosaid_lines_free(&l);

    /* Wire copy wrapped at 60 columns, a short last line, then a new
     * paragraph with no blank line before it. */
    t = "BEIJING, June 27 (Xinhua) -- Cyber security, as a global\n"
        "challenge, is being dealt with by the United Nations, said\n"
        "an official here on Thursday.\n"
        "The official said talks would resume in Geneva next month\n"
        "with 25 countries taking part.\n";
    assert_int_equal(whosaid_lines_split(t, strlen(t), &l), 0);
    assert_int_equal(l.n, 5);
    assert_int_equal(l.v[1].para_break, 0);
    assert_int_equal(l.v[2].para_break, 0);
    assert_int_equal(l.v[3].para_break, 1);
    assert_int_equal(l.v[4].para_break, 0);
    whosaid_lines_free(&l);
}

static void test_words(void **state)
{
    (void)state;
    whosaid_line line = {"  two  words ", 13, 0, 0, 0, NULL};
    assert_int_equal(whosaid_line_words(&line), 2);
    line.len = 0;
    assert_int_equal(whosaid_line_words(&line), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_marks_paragraphs),
        cmocka_unit_test(test_join_body_skips_removed),
        cmocka_unit_test(test_split_one_element_per_line),
        cmocka_unit_test(test_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
