/* Tokenizer: words with hyphens and apostrophes, possessives, dotted
 * abbreviations, numbers with separators, case and position flags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/tokens.h"

/* Tokens of s joined by '|'. */
static void check(const char *s, const char *want)
{
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    whosaid_buf b = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_tokenize(s, strlen(s), NULL, 0, &t), 0);
    for (size_t k = 0; k < t.n; k++) {
        if (k) whosaid_buf_append_char(&b, '|');
        whosaid_buf_append(&b, s + t.v[k].start, t.v[k].end - t.v[k].start);
    }
    assert_string_equal(b.data ? b.data : "", want);
    whosaid_buf_free(&b);
    whosaid_tokens_free(&t);
}

static void test_words_and_punctuation(void **state)
{
    (void)state;
    check("Park Jae-moon, KCC's director.", "Park|Jae-moon|,|KCC|'s|director|.");
    check("Peter Launsky-Tieffenthal said", "Peter|Launsky-Tieffenthal|said");
    check("O'Brien didn't go", "O'Brien|didn't|go");
    check("the ROK\xE2\x80\x99s drills", "the|ROK|\xE2\x80\x99s|drills");
    check("\"We\" (AFP) \xE2\x80\x94 ok", "\"|We|\"|(|AFP|)|\xE2\x80\x94|ok");
    check("S\xC3\xA3o Paulo", "S\xC3\xA3o|Paulo");
    check("", "");
}

static void test_abbreviations_and_numbers(void **state)
{
    (void)state;
    check("the U.S. and U.N. e.g. here", "the|U.S.|and|U.N.|e.g.|here");
    check("73,286 IPs and 14.2 million in 2012.", "73,286|IPs|and|14.2|million|in|2012|.");
    check("Mr. Smith", "Mr|.|Smith");
    check("10%, $5", "10|%|,|$|5");
}

static void test_flags(void **state)
{
    (void)state;
    const char *s = "The ROK said.\n\"Hong agreed,\" he said.";
    size_t starts[] = {0, 14};
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    assert_int_equal(whosaid_tokenize(s, strlen(s), starts, 2, &t), 0);
    assert_int_equal(t.n, 12);
    assert_true(t.v[0].flags & WHOSAID_TOK_SENT_START);
    assert_true(t.v[0].flags & WHOSAID_TOK_CAP);
    assert_false(t.v[0].flags & WHOSAID_TOK_ALLCAPS);
    assert_true(t.v[1].flags & WHOSAID_TOK_ALLCAPS);
    assert_true(t.v[1].flags & WHOSAID_TOK_SPACE);
    assert_true(t.v[2].flags & WHOSAID_TOK_LOWER);
    assert_false(t.v[3].flags & WHOSAID_TOK_SPACE);      /* "." */
    assert_true(t.v[4].flags & WHOSAID_TOK_NEWLINE);     /* opening quote */
    assert_true(t.v[5].flags & WHOSAID_TOK_SENT_START);  /* Hong, after the quote */
    assert_false(t.v[9].flags & WHOSAID_TOK_SENT_START); /* he */
    whosaid_tokens_free(&t);
}

static void test_key_joins_like_the_text(void **state)
{
    (void)state;
    const char *s = "the Republic  of\nKorea's U.S. ties";
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    whosaid_buf key = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_tokenize(s, strlen(s), NULL, 0, &t), 0);
    assert_int_equal(whosaid_tokens_key(s, &t, 1, 4, &key), 0);
    assert_string_equal(key.data, "Republic of Korea");
    whosaid_buf_clear(&key);
    assert_int_equal(whosaid_tokens_key(s, &t, 4, 6, &key), 0);
    assert_string_equal(key.data, "'s U.S.");
    whosaid_buf_free(&key);
    whosaid_tokens_free(&t);
}

/* Words and numbers of ASCII read 16 bytes at a time (ends inside and
 * past a block, a lower-case letter or a stop in the second block) agree
 * with the general path: the same ends and case flags. */
static void test_long_ascii_words(void **state)
{
    (void)state;
    const char *pad = " and some more words to fill sixteen bytes";
    const struct {
        const char *s;
        uint32_t all;
    } w[] = {{"INTERNATIONALIZATION", WHOSAID_TOK_ALLCAPS},
             {"INTERNATIONALIZATIOn", 0},
             {"ABCDEFGHIJKLMNOPQRSTUVWXYZa", 0},
             {"A1B2C3D4E5F6G7H8I9", WHOSAID_TOK_ALLCAPS},
             {"X1234567890123456789", 0},
             {"Xy", 0},
             {"XY", WHOSAID_TOK_ALLCAPS},
             {"Supercalifragilisticexpialidocious", 0}};
    for (size_t k = 0; k < sizeof w / sizeof *w; k++) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s%s", w[k].s, pad);
        whosaid_tokens t = WHOSAID_TOKENS_INIT;
        assert_int_equal(whosaid_tokenize(buf, strlen(buf), NULL, 0, &t), 0);
        assert_int_equal(t.v[0].end, strlen(w[k].s));
        assert_int_equal(t.v[0].flags & WHOSAID_TOK_ALLCAPS, w[k].all);
        assert_true(t.v[0].flags & WHOSAID_TOK_CAP);
        whosaid_tokens_free(&t);
    }
    /* what only the general path may decide, past the first block */
    check("Wissenschaftskolleg-Direktorin sagte ok ok ok ok ok",
          "Wissenschaftskolleg-Direktorin|sagte|ok|ok|ok|ok|ok");
    check("Wissenschaftskollegs\xC3\xBC"
          "ber sagte ok ok ok ok ok",
          "Wissenschaftskollegs\xC3\xBC"
          "ber|sagte|ok|ok|ok|ok|ok");
    check("12345678901234567,890.5 units ok ok ok ok", "12345678901234567,890.5|units|ok|ok|ok|ok");
    check("abcdefghijklmnopqrstuvwxyz's hat ok ok ok ok",
          "abcdefghijklmnopqrstuvwxyz|'s|hat|ok|ok|ok|ok");
    check("a.b.c. and then some more words here", "a.b.c.|and|then|some|more|words|here");
}

/* A sentence start that falls on white space (a splitter's offset right
 * after the period, or inside a run of blanks and line breaks) marks the
 * next token; two starts before one word mark it once; a number takes
 * the mark without being marked (nor is the word after it). */
static void test_sentence_start_on_blanks(void **state)
{
    (void)state;
    const char *s = "Yes.  \n No.   12 rose. Ok";
    size_t starts[] = {4, 5, 12, 22};
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    assert_int_equal(whosaid_tokenize(s, strlen(s), starts, 4, &t), 0);
    assert_int_equal(t.n, 8);
    const int marked[] = {1, 0, 1, 0, 0, 0, 0, 1}; /* Yes . No . 12 rose . Ok */
    for (size_t i = 0; i < t.n; i++)
        assert_int_equal(!!(t.v[i].flags & WHOSAID_TOK_SENT_START), marked[i]);
    assert_true(t.v[2].flags & WHOSAID_TOK_NEWLINE);
    assert_true(t.v[4].flags & WHOSAID_TOK_SPACE);
    whosaid_tokens_free(&t);
}

/* Tokens past the first array's 256 (the array grows while the text is
 * read) keep their offsets and spacing: one blank, two, a line break or
 * none before each; a second text in the same array replaces the first. */
static void test_many_tokens_and_blanks(void **state)
{
    (void)state;
    static const char *const gaps[] = {" ", "  ", "\n", ""};
    char s[8192];
    size_t len = 0, starts[700];
    for (size_t k = 0; k < 700; k++) {
        const char *gap = k ? gaps[k % 4] : "";
        /* "w" words, and a "," where no blank separates two tokens */
        len += (size_t)snprintf(s + len, sizeof s - len, "%s%s", gap, *gap || !k ? "Ab" : ",");
        starts[k] = len - 2;
    }
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    assert_int_equal(whosaid_tokenize(s, len, NULL, 0, &t), 0);
    assert_int_equal(t.n, 700);
    for (size_t k = 0; k < t.n; k++) {
        const char *gap = k ? gaps[k % 4] : "";
        uint32_t f = t.v[k].flags;
        assert_int_equal(!!(f & WHOSAID_TOK_SPACE), *gap != 0);
        assert_int_equal(!!(f & WHOSAID_TOK_NEWLINE), *gap == '\n');
        if (*gap || !k) {
            assert_int_equal(t.v[k].start, starts[k]);
            assert_int_equal(t.v[k].end, starts[k] + 2);
            assert_true(f & WHOSAID_TOK_CAP);
        } else {
            assert_int_equal(t.v[k].end - t.v[k].start, 1);
            assert_true(f & WHOSAID_TOK_PUNCT);
        }
    }
    assert_true(t.cap >= t.n);
    assert_int_equal(whosaid_tokenize("one  two", 8, NULL, 0, &t), 0);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.v[1].start, 5);
    assert_true(t.v[1].flags & WHOSAID_TOK_SPACE);
    whosaid_tokens_free(&t);
}

/* ASCII white space of every kind, control characters and punctuation
 * next to words, and the apostrophe (a possessive or a quote) read as
 * the general path reads them: the spacing flags, one-byte punctuation. */
static void test_ascii_blanks_and_punctuation(void **state)
{
    (void)state;
    check("a\tb\rc\n\nd", "a|b|c|d");
    check("x\x01y;z'w' ok", "x|\x01|y|;|z'w|'|ok");
    check("Bob's 'hat' (it)", "Bob|'s|'|hat|'|(|it|)");
    const char *s = "a\tb\r\nc  ,d";
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    assert_int_equal(whosaid_tokenize(s, strlen(s), NULL, 0, &t), 0);
    assert_int_equal(t.n, 5);
    const uint32_t want[] = {WHOSAID_TOK_LOWER | WHOSAID_TOK_SENT_START,
                             WHOSAID_TOK_LOWER | WHOSAID_TOK_SPACE,
                             WHOSAID_TOK_LOWER | WHOSAID_TOK_SPACE | WHOSAID_TOK_NEWLINE,
                             WHOSAID_TOK_PUNCT | WHOSAID_TOK_SPACE, WHOSAID_TOK_LOWER};
    const uint32_t mask = WHOSAID_TOK_LOWER | WHOSAID_TOK_SPACE | WHOSAID_TOK_NEWLINE |
                          WHOSAID_TOK_PUNCT | WHOSAID_TOK_SENT_START;
    for (size_t k = 0; k < t.n; k++)
        assert_int_equal(t.v[k].flags & mask, want[k]);
    whosaid_tokens_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_and_punctuation),
        cmocka_unit_test(test_abbreviations_and_numbers),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_sentence_start_on_blanks),
        cmocka_unit_test(test_key_joins_like_the_text),
        cmocka_unit_test(test_long_ascii_words),
        cmocka_unit_test(test_many_tokens_and_blanks),
        cmocka_unit_test(test_ascii_blanks_and_punctuation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
