/* Word lists as prefix trees: the factored pattern's shape, and that it
 * matches exactly what the flat longest-first alternation matches, in
 * every context (the same span at every position of sample texts, with
 * and without case, with continuations that force backtracking into
 * shorter phrases). */
#include "testutil.h"

#include "whosaid/buf.h"
#include "whosaid/regex.h"
#include "whosaid/wordtrie.h"

/* The flat alternation the tree replaces: longest first, ties in the
 * order given, duplicates kept. */
static void flat(const char *const *w, size_t n, const char *sep, whosaid_buf *out)
{
    size_t maxlen = 0;
    for (size_t i = 0; i < n; i++)
        if (strlen(w[i]) > maxlen) maxlen = strlen(w[i]);
    int first = 1;
    whosaid_buf_append_str(out, "(?:");
    for (size_t len = maxlen; len > 0; len--)
        for (size_t i = 0; i < n; i++) {
            if (strlen(w[i]) != len) continue;
            if (!first) whosaid_buf_append_char(out, '|');
            first = 0;
            for (const char *p = w[i]; *p; p++) {
                unsigned char c = (unsigned char)*p;
                int alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
                if (c == ' ' && sep)
                    whosaid_buf_append_str(out, sep);
                else if (c < 0x80 && !alnum)
                    whosaid_buf_printf(out, "\\%c", c);
                else
                    whosaid_buf_append_char(out, (char)c);
            }
        }
    whosaid_buf_append_char(out, ')');
}

static void trie_pattern(const char *const *w, size_t n, const char *sep, whosaid_buf *out)
{
    whosaid_wordtrie *t = whosaid_wordtrie_new();
    assert_non_null(t);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(whosaid_wordtrie_add(t, w[i], strlen(w[i])), 0);
    whosaid_buf_append_str(out, "(?:");
    assert_int_equal(whosaid_wordtrie_pattern(t, sep, out), 0);
    whosaid_buf_append_char(out, ')');
    whosaid_wordtrie_free(t);
}

static whosaid_regex *compile(const char *pattern)
{
    whosaid_error e;
    whosaid_regex *re = whosaid_regex_new(pattern, 0, &e);
    if (!re) fail_msg("%s (in '%.60s...')", e.msg, pattern);
    return re;
}

/* Both lists in each context give the same result at every position. */
static void check_same(const char *const *w, size_t n, const char *sep, const char *text)
{
    static const char *const contexts[][2] = {
        {"", ""},
        {"(?i:", ")"},
        {"", "(?!\\p{L})"},
        {"(?i:", ")(?![\\p{L}\\-])"},
        {"(?i:", ")\\s\\d"},
        {"(?i:", ")[sy]\\b"},
        {"(?<!\\p{L})", "(?=\\s|$)"},
    };
    whosaid_buf f = WHOSAID_BUF_INIT, t = WHOSAID_BUF_INIT, pf = WHOSAID_BUF_INIT,
                pt = WHOSAID_BUF_INIT;
    flat(w, n, sep, &f);
    trie_pattern(w, n, sep, &t);
    size_t len = strlen(text), matches = 0;
    for (size_t c = 0; c < sizeof contexts / sizeof *contexts; c++) {
        whosaid_buf_clear(&pf);
        whosaid_buf_clear(&pt);
        whosaid_buf_printf(&pf, "%s%s%s", contexts[c][0], f.data, contexts[c][1]);
        whosaid_buf_printf(&pt, "%s%s%s", contexts[c][0], t.data, contexts[c][1]);
        whosaid_regex *rf = compile(pf.data), *rt = compile(pt.data);
        for (size_t i = 0; i <= len; i++) {
            if (i < len && ((unsigned char)text[i] & 0xC0) == 0x80) continue;
            int a = whosaid_regex_search(rf, text, len, i),
                b = whosaid_regex_search(rt, text, len, i);
            if (a != b) fail_msg("%s vs %s at %zu: %d vs %d", pf.data, pt.data, i, a, b);
            if (a != 1) continue;
            size_t s1, e1, s2, e2;
            whosaid_regex_group(rf, 0, &s1, &e1);
            whosaid_regex_group(rt, 0, &s2, &e2);
            if (s1 != s2 || e1 != e2)
                fail_msg("%s vs %s from %zu: [%zu,%zu) vs [%zu,%zu)", pf.data, pt.data, i, s1, e1,
                         s2, e2);
            matches++;
        }
        whosaid_regex_free(rf);
        whosaid_regex_free(rt);
    }
    if (!matches) fail_msg("'%s' matches nowhere: the check proves nothing", t.data);
    whosaid_buf_free(&f);
    whosaid_buf_free(&t);
    whosaid_buf_free(&pf);
    whosaid_buf_free(&pt);
}

static void test_shape(void **state)
{
    (void)state;
    static const char *const months[] = {"january", "june", "july", "jan"};
    whosaid_wordtrie *t = whosaid_wordtrie_new();
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(whosaid_wordtrie_add(t, months[i], strlen(months[i])), 0);
    assert_int_equal(whosaid_wordtrie_add(t, "june", 4), 0); /* counts once */
    assert_int_equal(whosaid_wordtrie_count(t), 4);
    whosaid_buf b = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_wordtrie_pattern(t, NULL, &b), 0);
    assert_string_equal(b.data, "j(?:an(?:uary)?|u(?:ne|ly))");
    whosaid_wordtrie_free(t);
    /* Punctuation escaped, a space as sep. */
    t = whosaid_wordtrie_new();
    assert_int_equal(whosaid_wordtrie_add(t, "per cent", 8), 0);
    assert_int_equal(whosaid_wordtrie_add(t, "u.s.", 4), 0);
    whosaid_buf_clear(&b);
    assert_int_equal(whosaid_wordtrie_pattern(t, "\\s", &b), 0);
    assert_string_equal(b.data, "(?:per\\scent|u\\.s\\.)");
    whosaid_wordtrie_free(t);
    /* Nothing added: never matches. */
    t = whosaid_wordtrie_new();
    whosaid_buf_clear(&b);
    assert_int_equal(whosaid_wordtrie_pattern(t, NULL, &b), 0);
    assert_string_equal(b.data, "(*FAIL)");
    whosaid_wordtrie_free(t);
    whosaid_wordtrie_free(NULL);
    whosaid_buf_free(&b);
}

static void test_same_as_flat(void **state)
{
    (void)state;
    static const char *const hedges[] = {"about",      "around",    "approximately",
                                         "almost",     "nearly",    "roughly",
                                         "some",       "more than", "more or less",
                                         "at least",   "at most",   "up to",
                                         "upwards of", "a",         "an",
                                         "ab"};
    check_same(hedges, sizeof hedges / sizeof *hedges, NULL,
               "About 40, more than 5, more or less 3, at least 2 at most, Up to 9, an ab abc "
               "aboutx around-about approximately4 some 10s roughly  nearly");
    /* Separators that overlap a literal hyphen; number words. */
    static const char *const numbers[] = {"twenty", "twenty one", "twenty-two", "two",
                                          "twelve", "a few",      "a-few",      "a",
                                          "few",    "fifty",      "five",       "fifth"};
    check_same(numbers, 12, "[ \\-]",
               "twenty-one twenty one twenty-two twenty two a few a-few fewer five-fifty fifths "
               "twelve 2 twentyone");
}

static void test_case_and_unicode(void **state)
{
    (void)state;
    /* Children that one character can match in either case are written
     * flat: "US" and "us", the long s and s, the Kelvin sign and k. */
    static const char *const words[] = {"US",
                                        "us",
                                        "usa",
                                        "\xC5\xBFun",
                                        "sun",
                                        "sunday",
                                        "\xE2\x84\xAAm",
                                        "km",
                                        "kms",
                                        "\xC3\xA9t\xC3\xA9",
                                        "\xC3\xA9tat",
                                        "\xC3\x89l",
                                        "straße",
                                        "strasse"};
    check_same(
        words, sizeof words / sizeof *words, NULL,
        "US us USA usa \xC5\xBFun SUN Sunday sundays KM km \xE2\x84\xAAm kms \xC3\xA9t\xC3\xA9 "
        "\xC3\x89TAT \xC3\xA9l STRASSE Straße");
}

/* The first characters, once each, escaped as in the pattern; nothing for
 * an empty list. Under (?i) the class matches where the list may start. */
static void test_first_class(void **state)
{
    (void)state;
    static const char *const w[] = {"june", "July", "$5", "\u00e9t\u00e9", "jan"};
    whosaid_wordtrie *t = whosaid_wordtrie_new();
    whosaid_buf b = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_wordtrie_first_class(t, &b), 0);
    assert_int_equal(b.len, 0);
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
        assert_int_equal(whosaid_wordtrie_add(t, w[i], strlen(w[i])), 0);
    assert_int_equal(whosaid_wordtrie_first_class(t, &b), 0);
    assert_non_null(strchr(b.data, 'j'));
    assert_non_null(strchr(b.data, 'J'));
    assert_non_null(strstr(b.data, "\\$"));
    assert_non_null(strstr(b.data, "\u00e9"));
    assert_int_equal(b.data[0], '[');
    assert_int_equal(b.data[b.len - 1], ']');
    assert_int_equal(b.len, strlen("[jJ\\$\u00e9]"));
    whosaid_buf pat = WHOSAID_BUF_INIT;
    whosaid_buf_printf(&pat, "(?i:%s)", b.data);
    whosaid_error err;
    whosaid_regex *re = whosaid_regex_new(pat.data, WHOSAID_REGEX_ANCHORED, &err);
    assert_non_null(re);
    assert_int_equal(whosaid_regex_search(re, "\u00c9", strlen("\u00c9"), 0), 1);
    assert_int_equal(whosaid_regex_search(re, "x", 1, 0), 0);
    whosaid_regex_free(re);
    whosaid_buf_free(&pat);
    whosaid_buf_free(&b);
    whosaid_wordtrie_free(t);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    /* "a", "aa", ... 300 deep: PCRE2 allows 250 nested groups, the tree
     * writes the deep part flat. */
    static char store[300][301];
    const char *w[300];
    for (size_t i = 0; i < 300; i++) {
        memset(store[i], 'a', i + 1);
        store[i][i + 1] = '\0';
        w[i] = store[i];
    }
    whosaid_buf b = WHOSAID_BUF_INIT;
    trie_pattern(w, 300, NULL, &b);
    whosaid_regex_free(compile(b.data));
    whosaid_buf_free(&b);
    /* Against the flat list where that one still compiles. */
    char text[200];
    memset(text, 'a', 130);
    memcpy(text + 130, " aaa b", 7);
    check_same(w, 120, NULL, text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shape),
        cmocka_unit_test(test_same_as_flat),
        cmocka_unit_test(test_case_and_unicode),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_first_class),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
