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

static void british_single(void **state)
{
    (void)state;
    /* no double marks in the text: single marks are the quotation marks */
    const char *t = find("'We don't know,' she said. ‘It was the 1990s' boom,’ he said.\n\n"
                         "They play rock 'n' roll in the '90s style. The workers' union said "
                         "‘no’ and 'not ever, not once'.");
    assert_int_equal(q.n, 3);
    assert_quote(t, 0, "We don't know,");
    assert_quote(t, 1, "It was the 1990s' boom,");
    assert_quote(t, 2, "not ever, not once"); /* ‘no’: too short to tell from an elision */
    /* one word of three letters or more is a quotation ("termed it 'cruel'") */
    t = find("She termed the plan 'cruel' and called it 'anti-people'. Rock 'n' roll.");
    assert_int_equal(q.n, 2);
    assert_quote(t, 0, "cruel");
    assert_quote(t, 1, "anti-people");
    /* an apostrophe that opens nothing does not swallow a later quotation */
    t = find("Fans call 'em heroes. 'We ride at dawn,' he said.");
    assert_int_equal(q.n, 1);
    assert_quote(t, 0, "We ride at dawn,");
    /* a multi-paragraph quotation in single marks */
    t = find("'One more thing.\n\n'And another,' she said.");
    assert_int_equal(q.n, 1);
    assert_int_equal(q.v[0].paragraphs, 2);
    /* a quotation that ends in "s' " before a lower-case word, left open
     * at its paragraph's end, closed there: the next paragraph's
     * quotation is its own */
    t = find("He would 'not duck hard decisions' to fix it. He spoke at Prime Minister's "
             "Questions.\n\n'We inherited a mess,' he said.");
    assert_int_equal(q.n, 2);
    assert_quote(t, 0, "not duck hard decisions");
    assert_quote(t, 1, "We inherited a mess,");
    assert_int_equal(q.v[1].paragraphs, 1);
    /* one quoted word ending in s before a lower-case word: the mark
     * closes it, so a later quotation in the paragraph is its own */
    t = find("She called it 'reckless' and said it was 'bonkers' and wrong. "
             "'It is a mistake,' she said.");
    assert_int_equal(q.n, 3);
    assert_quote(t, 0, "reckless");
    assert_quote(t, 1, "bonkers");
    assert_quote(t, 2, "It is a mistake,");
    t = find("They backed 'the workers' right to strike' in May.");
    assert_int_equal(q.n, 1);
    assert_quote(t, 0, "the workers' right to strike");
    /* with double marks in the text, single marks stay apostrophes or nested */
    t = find("\"Yes,\" he said. 'Maybe,' she said.");
    assert_int_equal(q.n, 1);
    assert_quote(t, 0, "Yes,");
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
    /* the quotation containing b, else the next one, else q.n */
    assert_int_equal(whosaid_quotes_first_from(&q, 0), 0);
    assert_int_equal(whosaid_quotes_first_from(&q, 4), 0);
    assert_int_equal(whosaid_quotes_first_from(&q, 7), 1);
    assert_int_equal(whosaid_quotes_first_from(&q, 13), 2);
    find("");
    assert_int_equal(q.n, 0);
    assert_int_equal(whosaid_quotes_containing(&q, 0), -1);
    whosaid_quotes_free(&q);
    whosaid_quotes_free(NULL);
}

/* Long runs without marks are skipped in blocks: an unclosed quotation
 * still ends after its last non-blank byte, whatever its place in a block
 * and however many blanks (tabs are no blanks here) follow it. */
static void unclosed_ends_in_long_runs(void **state)
{
    (void)state;
    char t[256], want[128];
    for (size_t words = 1; words <= 40; words++) {
        for (size_t blanks = 0; blanks <= 20; blanks += 5) {
            size_t n = (size_t)snprintf(t, sizeof t, "He said: \"");
            size_t w = 0;
            for (size_t k = 0; k < words; k++)
                want[w++] = (char)(k % 7 == 6 ? ' ' : 'a' + k % 26);
            want[w - 1] = words % 3 ? 'z' : '\t';
            want[w] = '\0';
            memcpy(t + n, want, w + 1);
            n += w;
            for (size_t k = 0; k < blanks; k++)
                t[n++] = ' ';
            snprintf(t + n, sizeof t - n, "\n\nNext paragraph, long enough to fill a block.");
            find(t);
            assert_int_equal(q.n, 1);
            assert_false(q.v[0].closed);
            assert_quote(t, 0, want);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(styles),     cmocka_unit_test(partial_and_nested),
        cmocka_unit_test(paragraphs), cmocka_unit_test(british_single),
        cmocka_unit_test(lookups),    cmocka_unit_test(unclosed_ends_in_long_runs)};
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    whosaid_quotes_free(&q);
    return rc;
}
