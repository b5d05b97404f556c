/* Quotation finding: styles, partial and nested quotes, multi-paragraph
 * continuation, missing closing marks, lookups. */
#include "testutil.h"

#include "whosaid/quotes.h"

static whosaid_quotes q = WHOSAID_QUOTES_INIT;

static const char *find(const char *t)
{
    assert_int_equal(whosaid_quotes_find(t, strlen(t), &q), 0);
    return t;
}

static void assert_quote(const char *t, size_t i, const char *want)
{
    assert_true(i < q.n);
    assert_int_equal(q.v[i].end - q.v[i].start, strlen(want));
    assert_memory_equal(t + q.v[i].start, want, strlen(want));
}

static void styles(void **state)
{
    (void)state;
    const char *t = find("\"Straight,\" he said. “Curly,” she said. ``PTB,'' they said.");
    assert_int_equal(q.n, 3);
    assert_quote(t, 0, "Straight,");
    assert_quote(t, 1, "Curly,");
    assert_quote(t, 2, "PTB,");
    assert_int_equal(q.v[1].close - q.v[1].end, 3); /* ” is 3 bytes */
    assert_true(q.v[0].closed && q.v[2].closed);
}

static void partial_and_nested(void **state)
{
    (void)state;
    const char *t = find("Cyberattacks are \"anonymous and transnational\", he said. "
                         "“He told me ‘never’ twice,” she said. Investors' money isn't \"safe\".");
    assert_int_equal(q.n, 3);
    assert_quote(t, 0, "anonymous and transnational");
    assert_quote(t, 1, "He told me ‘never’ twice,");
    assert_quote(t, 2, "safe");
}

static void paragraphs(void **state)
{
    (void)state;
    /* an open quote at a paragraph end goes on when the next opens with a mark */
    const char *t = find("\"One. Two.\n\n\"Three.\"\n\nAfter.");
    assert_int_equal(q.n, 1);
    assert_quote(t, 0, "One. Two.\n\n\"Three.");
    assert_int_equal(q.v[0].paragraphs, 2);
    /* without an opening mark there, it ends with its paragraph, unclosed */
    t = find("\"Never closed.\n\nPlain text \"here\".");
    assert_int_equal(q.n, 2);
    assert_quote(t, 0, "Never closed.");
    assert_false(q.v[0].closed);
    assert_quote(t, 1, "here");
    /* an unclosed quote at the end of the text */
    t = find("He said: \"open");
    assert_int_equal(q.n, 1);
    assert_quote(t, 0, "open");
}

static void lookups(void **state)
{
    (void)state;
    const char *t = find("A \"bc\" d \"ef\"");
    (void)t;
    assert_int_equal(whosaid_quotes_opening_at(&q, 2), 0);
    assert_int_equal(whosaid_quotes_opening_at(&q, 3), -1);
    assert_int_equal(whosaid_quotes_closing_at(&q, 6), 0);
    assert_int_equal(whosaid_quotes_closing_at(&q, 13), 1);
    assert_int_equal(whosaid_quotes_closing_at(&q, 5), -1);
    assert_int_equal(whosaid_quotes_containing(&q, 4), 0);
    assert_int_equal(whosaid_quotes_containing(&q, 7), -1);
    assert_int_equal(whosaid_quotes_containing(&q, 10), 1);
    find("");
    assert_int_equal(q.n, 0);
    assert_int_equal(whosaid_quotes_containing(&q, 0), -1);
    whosaid_quotes_free(&q);
    whosaid_quotes_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(styles), cmocka_unit_test(partial_and_nested),
                                       cmocka_unit_test(paragraphs), cmocka_unit_test(lookups)};
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    whosaid_quotes_free(&q);
    return rc;
}
