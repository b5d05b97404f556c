/* Cut points for oversized documents: each kind of break is preferred to
 * the next, the cut stays in the cap's second half, never splits a UTF-8
 * character, and cutting a whole text covers it exactly. */
#include "testutil.h"

#include "whosaid/chunker.h"

static size_t cut(const char *s, size_t cap, int *kind)
{
    return whosaid_chunker_cut(s, strlen(s), cap, kind);
}

static void test_fits(void **state)
{
    (void)state;
    int kind;
    assert_int_equal(cut("short text", 10, &kind), 10);
    assert_int_equal(kind, WHOSAID_CUT_NONE);
    assert_int_equal(whosaid_chunker_cut("", 0, 4, &kind), 0);
    assert_int_equal(kind, WHOSAID_CUT_NONE);
}

static void test_prefers_paragraph_then_line(void **state)
{
    (void)state;
    int kind;
    /* A blank line (with a CR and spaces in it) beats a later line break
     * and later sentence ends. */
    const char *s = "aaaa aaaa aaaa aaaa.\n \r\nbb. bb\ncc. cccc cccccccccccc";
    size_t c = cut(s, 40, &kind);
    assert_int_equal(kind, WHOSAID_CUT_PARAGRAPH);
    assert_int_equal(c, strlen("aaaa aaaa aaaa aaaa.\n \r\n"));
    /* No blank line: the last line break. */
    s = "aaaa. aaaa\nbbbb. bbbb\ncc. cccc cccccccccccc";
    c = cut(s, 30, &kind);
    assert_int_equal(kind, WHOSAID_CUT_LINE);
    assert_int_equal(c, strlen("aaaa. aaaa\nbbbb. bbbb\n"));
}

static void test_sentence_then_space(void **state)
{
    (void)state;
    int kind;
    /* The last sentence end, past closing quotation marks (curly too). */
    const char *s = "He said \"no.\" Then \xE2\x80\x9Cyes!\xE2\x80\x9D and more words here";
    size_t c = cut(s, 30, &kind);
    assert_int_equal(kind, WHOSAID_CUT_SENTENCE);
    assert_int_equal(c, strlen("He said \"no.\" Then \xE2\x80\x9Cyes!\xE2\x80\x9D "));
    /* No sentence end: the last white space. */
    s = "one two three four five six seven eight";
    c = cut(s, 20, &kind);
    assert_int_equal(kind, WHOSAID_CUT_SPACE);
    assert_int_equal(c, strlen("one two three four "));
    /* A sentence end before cap / 2 does not count. */
    s = "Aaaa bbbb. Cccc dddd eeee ffff";
    c = cut(s, 28, &kind);
    assert_int_equal(kind, WHOSAID_CUT_SPACE);
    assert_int_equal(c, strlen("Aaaa bbbb. Cccc dddd eeee "));
}

static void test_breaks_in_first_half_are_ignored(void **state)
{
    (void)state;
    int kind;
    /* The only paragraph break is at byte 3, before cap / 2: taking it
     * would make a tiny part, so the later space wins. */
    const char *s = "ab\n\nccccccccccc ddddddddddd";
    size_t c = cut(s, 20, &kind);
    assert_int_equal(kind, WHOSAID_CUT_SPACE);
    assert_int_equal(c, strlen("ab\n\nccccccccccc "));
}

static void test_utf8_boundary(void **state)
{
    (void)state;
    int kind;
    /* "é" is C3 A9, "€" E2 82 AC: a cut at the cap would split them. */
    char s[64];
    memset(s, 0, sizeof s);
    strcpy(s, "xxxxxxxx\xC3\xA9\xC3\xA9\xE2\x82\xACxxxx");
    for (size_t cap = 8; cap <= 15; cap++) {
        size_t c = cut(s, cap, &kind);
        assert_int_equal(kind, WHOSAID_CUT_CHAR);
        assert_true(c <= cap && c >= cap / 2);
        assert_int_not_equal((unsigned char)s[c] & 0xC0, 0x80);
    }
    assert_int_equal(cut(s, 11, &kind), 10); /* before the second é */
    assert_int_equal(cut(s, 14, &kind), 12); /* before the € */
    /* Only continuation bytes: cut at the cap all the same. */
    memset(s, 0x80, 20);
    s[20] = '\0';
    assert_int_equal(cut(s, 10, &kind), 10);
}

/* Cutting a long text again and again covers it exactly, with parts of
 * cap / 2 to cap bytes, each starting at a character boundary. */
static void test_whole_text_covered(void **state)
{
    (void)state;
    static const char *const pieces[] = {"Mr. Smith said \xE2\x80\x9Cyes.\xE2\x80\x9D ",
                                         "word ",
                                         "\xC3\xA9t\xC3\xA9 ",
                                         "\n",
                                         "\n\n",
                                         "x",
                                         "longwordwithoutanybreak"};
    size_t len = 0, cap = 97;
    char *s = malloc(200000);
    assert_non_null(s);
    unsigned seed = 7;
    while (len < 199000) {
        seed = seed * 1103515245 + 12345;
        const char *p = pieces[(seed >> 16) % 7];
        memcpy(s + len, p, strlen(p));
        len += strlen(p);
    }
    size_t off = 0, parts = 0;
    while (off < len) {
        int kind;
        size_t c = whosaid_chunker_cut(s + off, len - off, cap, &kind);
        assert_true(c > 0 && c <= cap);
        if (off + c < len) {
            assert_true(c >= cap / 2);
            assert_int_not_equal((unsigned char)s[off + c] & 0xC0, 0x80);
        }
        off += c;
        parts++;
    }
    assert_int_equal(off, len);
    assert_true(parts <= 2 * len / cap + 1);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fits),
        cmocka_unit_test(test_prefers_paragraph_then_line),
        cmocka_unit_test(test_sentence_then_space),
        cmocka_unit_test(test_breaks_in_first_half_are_ignored),
        cmocka_unit_test(test_utf8_boundary),
        cmocka_unit_test(test_whole_text_covered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
