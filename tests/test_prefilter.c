/* Start conditions of regex rules: what they accept and reject, and that
 * they never reject a position where PCRE2 matches (checked position by
 * position on sample text, for the constructs the rule files use). */
#include "testutil.h"

#include "whosaid/prefilter.h"
#include "whosaid/regex.h"
#include "whosaid/utf8.h"

static whosaid_prefilter *analyze(const char *pattern)
{
    whosaid_prefilter *p = NULL;
    assert_int_equal(whosaid_prefilter_new(pattern, 0, &p), 0);
    return p;
}

static unsigned sym(const char *s, size_t i, size_t len)
{
    if (i >= len) return WHOSAID_PREFILTER_END;
    unsigned char b = (unsigned char)s[i];
    return b < 0x80 ? b : WHOSAID_PREFILTER_OTHER;
}

static void test_literals_and_classes(void **state)
{
    (void)state;
    whosaid_prefilter *p = analyze("ab|c\\d");
    assert_true(whosaid_prefilter_accepts(p, 0, 'a', 'b'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'a', 'c'));
    assert_true(whosaid_prefilter_accepts(p, 1, 'c', '7'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'c', 'x'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'b', 'a'));
    whosaid_prefilter_free(p);
    /* Caseless groups bring both cases; an optional part its follower. */
    p = analyze("(?i:mo)?[0-9]");
    assert_true(whosaid_prefilter_accepts(p, 0, 'M', 'O'));
    assert_true(whosaid_prefilter_accepts(p, 0, '5', WHOSAID_PREFILTER_END));
    assert_false(whosaid_prefilter_accepts(p, 0, 'x', '5'));
    whosaid_prefilter_free(p);
    /* \p{Lu} holds non-ASCII capitals too. */
    p = analyze("\\p{Lu}x");
    assert_true(whosaid_prefilter_accepts(p, 0, WHOSAID_PREFILTER_OTHER, 'x'));
    assert_true(whosaid_prefilter_accepts(p, 0, 'Q', 'x'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'q', 'x'));
    whosaid_prefilter_free(p);
    /* \Q...\E is literal. */
    p = analyze("\\Qa.\\E|z");
    assert_true(whosaid_prefilter_accepts(p, 0, 'a', '.'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'a', 'b'));
    whosaid_prefilter_free(p);
}

static void test_lookbehind_letters(void **state)
{
    (void)state;
    whosaid_prefilter *p = analyze("(?<![\\p{L}\\p{N}])in\\s");
    assert_true(whosaid_prefilter_accepts(p, 0, 'i', 'n'));
    assert_false(whosaid_prefilter_accepts(p, 1, 'i', 'n')); /* "within" */
    whosaid_prefilter_free(p);
    /* A look-behind that does not rule out letters says nothing. */
    p = analyze("(?<!\\d)in");
    assert_true(whosaid_prefilter_accepts(p, 1, 'i', 'n'));
    whosaid_prefilter_free(p);
}

/* A positive look-ahead narrows the item after it to the first symbols
 * (and pairs) its body allows: "(?=\p{Lu})(?i:may)" is not "may" the verb. */
static void test_lookahead_narrows_next_item(void **state)
{
    (void)state;
    whosaid_prefilter *p = analyze("(?=\\p{Lu})(?i:may|june)\\s\\d");
    assert_true(whosaid_prefilter_accepts(p, 0, 'M', 'a'));
    assert_true(whosaid_prefilter_accepts(p, 1, 'J', 'U')); /* one symbol: no pair condition */
    assert_false(whosaid_prefilter_accepts(p, 0, 'm', 'a'));
    assert_false(whosaid_prefilter_accepts(p, 1, 'j', 'u'));
    whosaid_prefilter_free(p);
    /* Other classes; zero-width items in between keep the narrowing. */
    p = analyze("(?=[A-Z])\\b(?<!\\d)(?i:may)");
    assert_true(whosaid_prefilter_accepts(p, 0, 'M', 'A'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'm', 'a'));
    whosaid_prefilter_free(p);
    p = analyze("(?=\\d)\\w+");
    assert_true(whosaid_prefilter_accepts(p, 0, '7', 'x'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'x', '7'));
    assert_false(whosaid_prefilter_accepts(p, 0, '_', '7'));
    whosaid_prefilter_free(p);
    /* A body of two symbols narrows the pair. */
    p = analyze("(?=\\p{Lu}\\p{Ll})(?i:may)");
    assert_true(whosaid_prefilter_accepts(p, 0, 'M', 'a'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'M', 'A'));
    whosaid_prefilter_free(p);
    /* Nothing narrowed: an optional or negative look-ahead, a body that
     * may be empty. */
    static const char *const wide[] = {"(?=\\p{Lu})?(?i:may)", "(?!\\p{Lu})(?i:may)",
                                       "(?=\\p{Lu}?)(?i:may)"};
    for (size_t i = 0; i < sizeof wide / sizeof *wide; i++) {
        p = analyze(wide[i]);
        if (!whosaid_prefilter_accepts(p, 0, 'm', 'a'))
            fail_msg("'%s' should accept \"ma\"", wide[i]);
        whosaid_prefilter_free(p);
    }
    /* The items after a look-ahead are narrowed together, at every level:
     * after the run of letters ("said three" is no "Boeing 737") and
     * symbols 2-5, though the rest spreads them over several items. */
    p = analyze("(?<!\\p{L})(?=\\p{L}+\\s[\\d\\p{Lu}])(?:\\p{Lu}\\p{L}*|\\p{Ll}+)\\s"
                "(?:\\d+|(?i:ten|three))");
    assert_true(whosaid_prefilter_accepts_after(p, WHOSAID_PREFILTER_RUN_LETTERS, 0, ' ', '7'));
    assert_true(whosaid_prefilter_accepts_after(p, WHOSAID_PREFILTER_RUN_LETTERS, 0, ' ', 'T'));
    assert_false(whosaid_prefilter_accepts_after(p, WHOSAID_PREFILTER_RUN_LETTERS, 0, ' ', 't'));
    whosaid_prefilter_free(p);
    p = analyze("(?=\\w\\w\\d)\\w{3,}");
    assert_true(whosaid_prefilter_accepts_deep(p, 1, 'b', '7'));
    assert_false(whosaid_prefilter_accepts_deep(p, 1, 'b', 'x'));
    assert_true(whosaid_prefilter_accepts_deep(p, 2, '7', 'x')); /* the body ends: open */
    whosaid_prefilter_free(p);
    /* A second look-ahead narrows the items after it; the first, all. */
    p = analyze("(?=\\p{Lu})\\w(?=\\d)\\w+");
    assert_false(whosaid_prefilter_accepts(p, 0, 'a', '1'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'A', 'b'));
    assert_true(whosaid_prefilter_accepts(p, 0, 'A', '1'));
    whosaid_prefilter_free(p);
    /* An optional item is narrowed, and so is what follows it when it is
     * left out. */
    p = analyze("(?=\\p{Lu})(?:mr\\s)?(?i:may)");
    assert_false(whosaid_prefilter_accepts(p, 0, 'm', 'r'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'm', 'a'));
    assert_true(whosaid_prefilter_accepts(p, 0, 'M', 'a'));
    whosaid_prefilter_free(p);
}

static void test_no_condition(void **state)
{
    (void)state;
    static const char *const none[] = {"a?", "(a)\\1", "(?x) a b", "(?(1)a|b)", "\\Gx",
                                       "x(*COMMIT)y", "(?R)?x", "(?=a)",
                                       /* may match more than one character */
                                       "\\Rx", "a\\Xb"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        whosaid_prefilter *p = (whosaid_prefilter *)1;
        assert_int_equal(whosaid_prefilter_new(none[i], 0, &p), 0);
        if (p) fail_msg("'%s' should have no condition", none[i]);
    }
}

static void test_skip_branches(void **state)
{
    (void)state;
    const char *pat = "No\\.\\s\\d+(*SKIP)(*FAIL)|\\d+";
    whosaid_prefilter *p = analyze(pat);
    assert_false(whosaid_prefilter_needs_search(p));
    assert_int_equal(whosaid_prefilter_skip_branches(p), 1);
    size_t off, len;
    whosaid_prefilter_skip_branch(p, 0, &off, &len);
    assert_int_equal(off, 0);
    assert_int_equal(len, strlen("No\\.\\s\\d+"));
    whosaid_prefilter_free(p);
    /* A (*SKIP) elsewhere: searched from the first acceptable position. */
    p = analyze("\\d+(*SKIP)x|y");
    assert_true(whosaid_prefilter_needs_search(p));
    whosaid_prefilter_free(p);
    p = analyze("y|\\d+(*SKIP)(*FAIL)");
    assert_true(whosaid_prefilter_needs_search(p));
    whosaid_prefilter_free(p);
}

/* Soundness: wherever the anchored pattern matches, the condition accepts. */
/* Characters 2-5 are checked too: "the " is no "three", "than" no "the". */
static void test_deep(void **state)
{
    (void)state;
    whosaid_prefilter *p = analyze("(?:(?i:the)\\s)?(?:three|four)\\s\\d");
    assert_true(whosaid_prefilter_accepts_deep(p, 1, 'h', 'r'));
    assert_true(whosaid_prefilter_accepts_deep(p, 1, 'h', 'e'));
    assert_false(whosaid_prefilter_accepts_deep(p, 1, 'h', 'a'));
    assert_true(whosaid_prefilter_accepts_deep(p, 2, 'e', ' '));
    assert_false(whosaid_prefilter_accepts_deep(p, 2, 'a', 'n'));
    assert_true(whosaid_prefilter_accepts_deep(p, 3, ' ', 't'));
    assert_true(whosaid_prefilter_accepts_deep(p, 3, 'r', ' ')); /* "four 5" */
    assert_false(whosaid_prefilter_accepts_deep(p, 3, 'e', ' '));
    assert_false(whosaid_prefilter_accepts_deep(p, 3, ' ', 'x'));
    whosaid_prefilter_free(p);
    /* A match may end before: one of two characters leaves 2-3 open, a
     * repeat is followed past two copies. */
    p = analyze("\\d(?:xy)?");
    assert_true(whosaid_prefilter_accepts_deep(p, 1, 'q', 'q'));
    assert_true(whosaid_prefilter_accepts_deep(p, 3, 'q', 'q'));
    whosaid_prefilter_free(p);
    p = analyze("(?:ab){3,}c");
    assert_true(whosaid_prefilter_accepts_deep(p, 3, 'b', 'a'));
    assert_false(whosaid_prefilter_accepts_deep(p, 3, 'b', 'c'));
    assert_false(whosaid_prefilter_accepts_deep(p, 2, 'a', 'a'));
    whosaid_prefilter_free(p);
}

/* After the run: the characters that follow a match's leading run of
 * digits or ASCII letters. */
static void test_after_run(void **state)
{
    (void)state;
    const int D = WHOSAID_PREFILTER_RUN_DIGITS, L = WHOSAID_PREFILTER_RUN_LETTERS;
    whosaid_prefilter *p = analyze("(?<!\\p{L})(?:(?i:about)\\s)?\\d[\\d,.]*\\s?(?:%|percent)");
    assert_true(whosaid_prefilter_accepts_after(p, D, 0, '%', WHOSAID_PREFILTER_END));
    assert_true(whosaid_prefilter_accepts_after(p, D, 0, ' ', 'p'));
    assert_false(whosaid_prefilter_accepts_after(p, D, 0, ' ', 'f')); /* "5 people" */
    /* "5%" ends one symbol after the run: symbols 2-3 are open. */
    assert_true(whosaid_prefilter_accepts_after(p, D, 1, 'p', 'x'));
    assert_true(whosaid_prefilter_accepts_after(p, L, 0, ' ', '7'));  /* "about 7" */
    assert_false(whosaid_prefilter_accepts_after(p, L, 0, ' ', 't')); /* "about the" */
    assert_false(
        whosaid_prefilter_accepts_after(p, D, 0, WHOSAID_PREFILTER_END, WHOSAID_PREFILTER_END));
    whosaid_prefilter_free(p);
    p = analyze("\\d+\\s(?:people|per\\scent)");
    assert_true(whosaid_prefilter_accepts_after(p, D, 1, 'p', 'e'));
    assert_false(whosaid_prefilter_accepts_after(p, D, 1, 'p', 'x'));
    whosaid_prefilter_free(p);
    /* A match that may be all run says nothing of what follows. */
    p = analyze("\\d+(?:\\s?%)?");
    assert_true(whosaid_prefilter_accepts_after(p, D, 0, ' ', 'x'));
    assert_true(
        whosaid_prefilter_accepts_after(p, D, 0, WHOSAID_PREFILTER_END, WHOSAID_PREFILTER_END));
    whosaid_prefilter_free(p);
    /* A run of the other class stops at once; one symbol after the run
     * leaves the next open. */
    p = analyze("[a-z]+\\d|-");
    assert_true(whosaid_prefilter_accepts_after(p, L, 0, '5', 'q'));
    assert_true(whosaid_prefilter_accepts_after(p, L, 1, 'q', 'q'));
    assert_false(whosaid_prefilter_accepts_after(p, L, 0, ' ', '5'));
    assert_int_equal(whosaid_prefilter_run_class('.'), D);
    assert_int_equal(whosaid_prefilter_run_class('Q'), L);
    assert_int_equal(whosaid_prefilter_run_class(' '), -1);
    whosaid_prefilter_free(p);
}

/* The analysis reuses its scratch sets from item to item and clears only
 * the rows it used: a row left over from an earlier item ("ab") must not
 * leak into a later one that starts with the same symbol ("ac"), nor a
 * repeated group's earlier copy into the next. */
static void test_scratch_reuse_stays_exact(void **state)
{
    (void)state;
    whosaid_prefilter *p = analyze("(?:ab)x(?:ac)y");
    assert_true(whosaid_prefilter_accepts(p, 0, 'a', 'b'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'a', 'c'));
    assert_true(whosaid_prefilter_accepts_deep(p, 3, 'a', 'c'));
    assert_false(whosaid_prefilter_accepts_deep(p, 3, 'a', 'b'));
    assert_true(whosaid_prefilter_accepts_deep(p, 2, 'x', 'a'));
    assert_false(whosaid_prefilter_accepts_deep(p, 2, 'x', 'x'));
    whosaid_prefilter_free(p);
    p = analyze("(?:pq|rs){2}t(?:pz)");
    assert_true(whosaid_prefilter_accepts(p, 0, 'r', 's'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'r', 'q'));
    assert_true(whosaid_prefilter_accepts_deep(p, 2, 'p', 'q'));
    assert_false(whosaid_prefilter_accepts_deep(p, 2, 'p', 'z'));
    assert_false(whosaid_prefilter_accepts_deep(p, 1, 'q', 'q'));
    whosaid_prefilter_free(p);
}

static void test_never_rejects_a_match(void **state)
{
    (void)state;
    static const char *const patterns[] = {
        "(?<![\\p{L}\\p{N}])(?:(?i:about|nearly|more\\sthan)\\s)?\\d{1,3}(?:,\\d{3})*(?:\\.\\d+)?",
        "(?<![\\p{L}])(?i:in|since|until)\\s(?<span>(?=\\p{Lu})(?:January|June|May))(?!\\p{L})",
        "[$€£]\\s?\\d+|\\d+\\s?(?:%|(?i:per\\scent|percent))",
        "(?i)[a-z]+ing\\b",
        "\\b(?:Mr|Mrs|Dr)\\.?\\s\\p{Lu}\\p{Ll}+",
        "[^\\s\\d]{2}x?",
        "\\x{2019}s|['’]\\d\\d",
        "(?i:k|é)+[[:alpha:]]?\\W",
        "(?<!\\p{L})(?:a|an)\\s(?:few|dozen)",
        "\\p{Lu}[\\p{L}\\-]*\\s\\d+(*SKIP)(*FAIL)|(?<![\\p{L}\\p{N}])\\d+",
        /* Deep conditions: short matches, repeats past the cap, optional words. */
        "\\d",
        "(?:\\d,?){4,}\\s",
        "(?:(?i:the)\\s)?(?i:nearly|thousand|a)\\s(?:\\d|(?i:dozen))",
        "(?<!\\p{L})(?:st|nd)?a?y?(?:\\sa|,\\s\\p{Lu}{2,})",
        /* After the run: runs that stop inside the pattern, run-only matches. */
        "(?i:about|nearly)\\s[\\d,]+\\s?(?:people|per\\scent|%)",
        "\\p{L}+(?:,\\s|\\s\\d)",
        "[\\d,.]+",
        "(?:\\d+|[a-z]+)(?:\\.\\d)?\\p{L}?\\s",
        "\\d{1,2}\\s(?:a|é)",
        /* Top-level branches that end early, beside longer ones. */
        "\\$|(?i)percent|\\d{2}\\s(?:people|a\\s)",
        "(?i)a|since\\s\\p{Lu}",
        /* Look-aheads that narrow what follows. */
        "(?=\\p{Lu})(?i:june|may|section)\\s\\d",
        "(?=\\p{Lu}\\p{Ll})\\b(?i:in|mr|ok)",
        "(?<![\\p{L}])(?=[\\-−]?\\d)[\\-−]?\\d+(?:[.,]\\d+)?",
        /* Look-aheads narrowing the rest of the branch at every level:
         * longer or shorter than it, after a run, one after another. */
        "(?<![\\p{L}\\p{N}])(?=\\p{L}[\\p{L}\\-&.]*+(?:\\s?['’]s)?\\s[\\d\\p{Lu}])"
        "(?:\\p{Lu}[\\p{L}\\-]*|\\p{Ll}+\\p{Lu}\\p{L}*|\\p{Lu}\\p{L}*\\s?['’]s|No\\.)\\s"
        "(?:\\d[\\d,.]*|(?i:one|ten|\\p{Lu}\\p{L}+))",
        "(?=\\p{L}+\\s\\d)\\w+\\s\\w",
        "(?=[a-z]{3,}\\s)\\w\\w?",
        "(?=\\d+\\s?%)\\d|(?=\\$\\d{2})\\S",
        "(?=\\p{Lu})(?=\\w+\\s\\d)\\w+|\\s(?=\\d)[\\d,]+",
        "(?:(?=\\p{Lu}\\p{Ll}+\\s)\\p{L}+|(?=\\d)\\w)\\s?\\p{L}",
    };
    static const char text[] =
        "In June, about 1,250 people (12.5%) left; nearly 3 per cent stayed since May. "
        "Mr. Smith's firm, KELVIN \xe2\x84\xaa, said \xc3\xa9t\xc3\xa9 costs $40 and \xe2\x82\xac "
        "12 "
        "a dozen times. Thinking about it \xe2\x80\x99s '98 Section 5 ok and walking.";
    size_t len = sizeof text - 1;
    for (size_t k = 0; k < sizeof patterns / sizeof *patterns; k++) {
        whosaid_prefilter *p = analyze(patterns[k]);
        if (!p) fail_msg("'%s' should have a condition", patterns[k]);
        whosaid_error e;
        whosaid_regex *re = whosaid_regex_new(patterns[k], WHOSAID_REGEX_ANCHORED, &e);
        assert_non_null(re);
        int after_letter = 0, matched = 0;
        for (size_t i = 0; i < len;) {
            size_t j = i;
            int32_t c = whosaid_utf8_next(text, len, &j);
            if (whosaid_regex_search(re, text, len, i) == 1) {
                matched++;
                if (!whosaid_prefilter_accepts(p, after_letter, sym(text, i, len),
                                               sym(text, j, len)))
                    fail_msg("'%s' matches at %zu but the condition rejects it", patterns[k], i);
                /* Characters d + 1 and d + 2, however long the match. */
                size_t a = j;
                for (int d = 1; d <= WHOSAID_PREFILTER_DEEP && a < len; d++) {
                    size_t b = a;
                    whosaid_utf8_next(text, len, &b);
                    if (!whosaid_prefilter_accepts_deep(p, d, sym(text, a, len), sym(text, b, len)))
                        fail_msg("'%s' matches at %zu but deep condition %d rejects it",
                                 patterns[k], i, d);
                    if (!whosaid_prefilter_accepts_short(p, d, after_letter, sym(text, i, len),
                                                         sym(text, j, len)) &&
                        !whosaid_prefilter_accepts_long(p, d, sym(text, a, len), sym(text, b, len)))
                        fail_msg("'%s' matches at %zu but branch condition %d rejects it",
                                 patterns[k], i, d);
                    a = b;
                }
                /* Symbols 1-3 after the text's run at i. */
                int run = whosaid_prefilter_run_class(sym(text, i, len));
                size_t re_end = j;
                while (run >= 0 && re_end < len &&
                       whosaid_prefilter_run_class(sym(text, re_end, len)) == run)
                    re_end++;
                size_t e1 = re_end, e2;
                if (e1 < len) whosaid_utf8_next(text, len, &e1);
                e2 = e1;
                if (e2 < len) whosaid_utf8_next(text, len, &e2);
                unsigned s0 = sym(text, re_end, len), s1 = sym(text, e1, len),
                         s2 = sym(text, e2, len);
                if (run >= 0 && re_end >= len) s1 = WHOSAID_PREFILTER_END;
                if (run >= 0 && (!whosaid_prefilter_accepts_after(p, run, 0, s0, s1) ||
                                 (s1 != WHOSAID_PREFILTER_END &&
                                  !whosaid_prefilter_accepts_after(p, run, 1, s1, s2))))
                    fail_msg("'%s' matches at %zu but the after-run condition rejects it",
                             patterns[k], i);
            }
            after_letter = (c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) ||
                           (c >= 0x80 && c != 0x2019 && c != 0x20AC);
            i = j;
        }
        if (!matched) fail_msg("'%s' matches nowhere: the check proves nothing", patterns[k]);
        whosaid_regex_free(re);
        whosaid_prefilter_free(p);
    }
}

/* One branch that may end early switches a level of the deep condition
 * off; kept apart, it lets only its own first pairs through. */
static void test_short_branches(void **state)
{
    (void)state;
    whosaid_prefilter *p = analyze("\\$|dollars?");
    assert_true(whosaid_prefilter_accepts_deep(p, 1, 'h', 'e')); /* "$" ended: all */
    assert_true(whosaid_prefilter_accepts_short(p, 1, 0, '$', ' '));
    assert_true(whosaid_prefilter_accepts_short(p, 1, 1, '$', '4'));
    assert_false(whosaid_prefilter_accepts_short(p, 1, 0, 'd', 'o'));
    assert_true(whosaid_prefilter_accepts_long(p, 1, 'o', 'l'));  /* "dollar" 2-3 */
    assert_false(whosaid_prefilter_accepts_long(p, 1, 'h', 'e')); /* "they" is no trigger */
    assert_true(whosaid_prefilter_accepts_long(p, 3, 'l', 'a'));
    assert_false(whosaid_prefilter_accepts_long(p, 3, 'l', 'l'));
    whosaid_prefilter_free(p);
    /* A branch is short at level k once it may end within k + 1 symbols:
     * "usd" from level 3 on (at level 2 its "d" still rules pairs out). */
    p = analyze("(?i)usd|dollars");
    assert_true(whosaid_prefilter_accepts_short(p, 3, 0, 'U', 'S'));
    assert_false(whosaid_prefilter_accepts_short(p, 2, 0, 'u', 's'));
    assert_false(whosaid_prefilter_accepts_short(p, 3, 0, 'd', 'o'));
    assert_true(whosaid_prefilter_accepts_long(p, 3, 'L', 'A'));
    assert_true(whosaid_prefilter_accepts_deep(p, 3, 's', 'd'));
    assert_false(whosaid_prefilter_accepts_long(p, 3, 's', 'd'));
    assert_true(whosaid_prefilter_accepts_long(p, 2, 'd', 'x'));
    assert_false(whosaid_prefilter_accepts_long(p, 2, 'x', 'd'));
    whosaid_prefilter_free(p);
    /* No short branch: _short says no, _long is the deep condition. */
    p = analyze("ab|cd");
    assert_false(whosaid_prefilter_accepts_short(p, 1, 0, 'a', 'b'));
    for (unsigned c1 = 0; c1 < 129; c1++)
        for (unsigned c2 = 0; c2 < 130; c2++)
            assert_int_equal(whosaid_prefilter_accepts_long(p, 1, c1, c2),
                             whosaid_prefilter_accepts_deep(p, 1, c1, c2));
    whosaid_prefilter_free(p);
}

/* Checks every row of p against the point queries, out-of-range first
 * symbols included. */
static void check_rows(const whosaid_prefilter *p)
{
    uint64_t row[WHOSAID_PREFILTER_ROW_WORDS];
#define BIT(c2) ((int)(row[(c2) / 64] >> ((c2) % 64) & 1))
#define ROW_IS(query)                                                                              \
    do {                                                                                           \
        for (unsigned c2 = 0; c2 <= WHOSAID_PREFILTER_END; c2++)                                   \
            assert_int_equal(BIT(c2), query);                                                      \
        assert_int_equal(row[2] >> (WHOSAID_PREFILTER_END - 127), 0);                              \
    } while (0)
    for (unsigned c1 = 0; c1 <= WHOSAID_PREFILTER_END + 1; c1++) {
        for (int al = 0; al < 2; al++) {
            whosaid_prefilter_row(p, al, c1, row);
            ROW_IS(whosaid_prefilter_accepts(p, al, c1, c2));
        }
        for (int k = 0; k <= WHOSAID_PREFILTER_DEEP + 1; k++) {
            whosaid_prefilter_deep_row(p, k, c1, row);
            ROW_IS(whosaid_prefilter_accepts_deep(p, k, c1, c2));
            whosaid_prefilter_long_row(p, k, c1, row);
            ROW_IS(whosaid_prefilter_accepts_long(p, k, c1, c2));
            for (int al = 0; al < 2; al++) {
                whosaid_prefilter_short_row(p, k, al, c1, row);
                ROW_IS(whosaid_prefilter_accepts_short(p, k, al, c1, c2));
            }
        }
        for (int r = -1; r <= WHOSAID_PREFILTER_RUNS; r++)
            for (int k = -1; k <= 2; k++) {
                whosaid_prefilter_after_row(p, r, k, c1, row);
                ROW_IS(whosaid_prefilter_accepts_after(p, r, k, c1, c2));
            }
    }
#undef ROW_IS
#undef BIT
}

/* A row holds exactly the second symbols the point query accepts. */
static void test_rows(void **state)
{
    (void)state;
    const char *patterns[] = {
        "ab|c\\d",
        "(?<![\\p{L}\\p{N}])in\\s",
        "\\$|dollars?",
        "(?i)usd|dollars",
        "(?:(?i:the)\\s)?(?:three|four)\\s\\d",
        "\\d{1,3}(?:,\\d{3})*\\s?%",
        "[^a-z]x.",
        "(?i)\\x{212A}m|\\x{17F}t",
    };
    for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++) {
        whosaid_prefilter *p = analyze(patterns[i]);
        assert_non_null(p);
        check_rows(p);
        whosaid_prefilter_free(p);
    }
}

/* Caseless, an ASCII s or k matches long s (U+017F) and the Kelvin sign
 * (U+212A) and back; no other non-ASCII character matches an ASCII one,
 * so a caseless "€" lets no word through ("said" was a trigger of the
 * currency list once). PCRE2 agrees with each claim. */
static void test_caseless_non_ascii(void **state)
{
    (void)state;
    whosaid_prefilter *p = NULL;
    assert_int_equal(whosaid_prefilter_new("\xe2\x82\xac|\xc2\xa3\\d", 1, &p), 0); /* €|£\d */
    assert_true(whosaid_prefilter_accepts(p, 0, WHOSAID_PREFILTER_OTHER, 'a'));
    assert_false(whosaid_prefilter_accepts(p, 0, 's', 'a'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'K', 'a'));
    assert_false(whosaid_prefilter_accepts_short(p, 1, 0, 's', 'a'));
    whosaid_prefilter_free(p);
    /* Long s and the Kelvin sign, written or in a class range. */
    p = analyze("(?i)\xc5\xbfx|[\\x{2100}-\\x{2200}]y|[\\x{100}-\\x{180}]z");
    assert_true(whosaid_prefilter_accepts(p, 0, 's', 'x'));
    assert_true(whosaid_prefilter_accepts(p, 0, 'S', 'x'));
    assert_true(whosaid_prefilter_accepts(p, 0, 'k', 'y'));
    assert_true(whosaid_prefilter_accepts(p, 0, 'K', 'y'));
    assert_false(whosaid_prefilter_accepts(p, 0, 's', 'y'));
    assert_true(whosaid_prefilter_accepts(p, 0, 's', 'z'));
    assert_false(whosaid_prefilter_accepts(p, 0, 'k', 'z'));
    assert_true(whosaid_prefilter_accepts(p, 0, WHOSAID_PREFILTER_OTHER, 'z'));
    whosaid_prefilter_free(p);
    p = analyze("(?i)sk");
    assert_true(whosaid_prefilter_accepts(p, 0, WHOSAID_PREFILTER_OTHER, WHOSAID_PREFILTER_OTHER));
    whosaid_prefilter_free(p);
    /* What the claims rest on, as PCRE2 matches. */
    const struct {
        const char *pattern, *text;
        int match;
    } cases[] = {
        {"(?i)\xc5\xbf", "S", 1},
        {"(?i)s", "\xc5\xbf", 1},
        {"(?i)\\x{212A}", "k", 1},
        {"(?i)k", "\xe2\x84\xaa", 1},
        {"(?i)\xe2\x82\xac", "s", 0},
        {"(?i)[\\x{100}-\\x{180}]", "s", 1},
        {"(?i)[\\x{100}-\\x{170}]", "s", 0},
        {"(?i)\xc3\xa9", "e", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        whosaid_error e;
        whosaid_regex *re = whosaid_regex_new(cases[i].pattern, 0, &e);
        assert_non_null(re);
        assert_int_equal(whosaid_regex_search(re, cases[i].text, strlen(cases[i].text), 0),
                         cases[i].match);
        whosaid_regex_free(re);
    }
}

/* 1 if p and q give the same rows for every query (both NULL too). */
static int same_conditions(const whosaid_prefilter *p, const whosaid_prefilter *q)
{
    if (!p || !q) return !p && !q;
    uint64_t a[WHOSAID_PREFILTER_ROW_WORDS], b[WHOSAID_PREFILTER_ROW_WORDS];
#define SAME(call_p, call_q)                                                                       \
    do {                                                                                           \
        call_p;                                                                                    \
        call_q;                                                                                    \
        if (memcmp(a, b, sizeof a)) return 0;                                                      \
    } while (0)
    for (unsigned c = 0; c <= WHOSAID_PREFILTER_END; c++) {
        for (int al = 0; al < 2; al++) {
            SAME(whosaid_prefilter_row(p, al, c, a), whosaid_prefilter_row(q, al, c, b));
            for (int k = 1; k <= WHOSAID_PREFILTER_DEEP; k++)
                SAME(whosaid_prefilter_short_row(p, k, al, c, a),
                     whosaid_prefilter_short_row(q, k, al, c, b));
        }
        for (int k = 1; k <= WHOSAID_PREFILTER_DEEP; k++) {
            SAME(whosaid_prefilter_deep_row(p, k, c, a), whosaid_prefilter_deep_row(q, k, c, b));
            SAME(whosaid_prefilter_long_row(p, k, c, a), whosaid_prefilter_long_row(q, k, c, b));
        }
        for (int r = 0; r < WHOSAID_PREFILTER_RUNS; r++)
            for (int k = 0; k < 2; k++)
                SAME(whosaid_prefilter_after_row(p, r, k, c, a),
                     whosaid_prefilter_after_row(q, r, k, c, b));
    }
#undef SAME
    size_t n = whosaid_prefilter_skip_branches(p);
    if (n != whosaid_prefilter_skip_branches(q) ||
        whosaid_prefilter_needs_search(p) != whosaid_prefilter_needs_search(q))
        return 0;
    for (size_t i = 0; i < n; i++) {
        size_t po, pl, qo, ql;
        whosaid_prefilter_skip_branch(p, i, &po, &pl);
        whosaid_prefilter_skip_branch(q, i, &qo, &ql);
        if (po != qo || pl != ql) return 0;
    }
    return 1;
}

/* "(?:" x outer, "(" x n, "a" x 50, ")" x (n + outer), then tail. */
static char *nested(int outer, int n, char tail)
{
    char *s = malloc(4 * (size_t)outer + 2 * (size_t)n + 52);
    assert_non_null(s);
    char *p = s;
    for (int i = 0; i < outer; i++, p += 3)
        memcpy(p, "(?:", 3);
    memset(p, '(', (size_t)n), p += n;
    memset(p, 'a', 50), p += 50;
    memset(p, ')', (size_t)(n + outer)), p += n + outer;
    *p++ = tail;
    *p = '\0';
    return s;
}

/* Through a memo shared by many patterns, each analyzed twice (the
 * second time from the memo), the conditions are those without one: with
 * a long group met again under another caselessness, inside a look-behind
 * or a look-ahead, after a letter class it ends with, with (*SKIP) and
 * (*FAIL) inside, and once too deep to be followed where it is met again. */
static void test_memo_same_conditions(void **state)
{
    (void)state;
#define G "(?:about|around|nearly|almost|roughly|some|approximately)"
#define L "(?:\\p{Nd}\\p{Nd}\\p{Nd}\\p{Nd}\\p{Nd}\\p{Nd}\\p{Nd}\\p{Nd}|x\\p{L})"
    /* 150 levels, then within 20 more, then within 51 more: too deep (200). */
    char *deep1 = nested(0, 150, 'b'), *deep2 = nested(20, 150, 'c'), *deep3 = nested(51, 150, 'd');
    const char *patterns[] = {
        G "\\s\\d+%",
        "(?<![\\p{L}])" G "\\s\\d+",
        "x|" G,
        "(?i:" G ")y",
        "(?i)" G "\\d",
        "(?i)(?:" G ")?\\$|z",
        "(?<!" L ")ab",
        "(?<!" L "|\\d)cd",
        L "q" L,
        "(?=" G "\\s)\\w+",
        "xyz(?:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa(*SKIP)(*FAIL)|b)c|d",
        "(?:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa(*FAIL))x|y",
        "(?:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb)(*SKIP)(*FAIL)|" G,
        deep1,
        deep2,
        deep3,
    };
#undef G
#undef L
    whosaid_prefilter_memo *memo = whosaid_prefilter_memo_new();
    assert_non_null(memo);
    size_t n = sizeof patterns / sizeof *patterns, with = 0;
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < n; i++)
            for (int ci = 0; ci < 2; ci++) {
                whosaid_prefilter *plain = NULL, *memoed = NULL;
                assert_int_equal(whosaid_prefilter_new(patterns[i], ci, &plain), 0);
                assert_int_equal(whosaid_prefilter_new_memo(patterns[i], ci, memo, &memoed), 0);
                if (!same_conditions(plain, memoed))
                    fail_msg("'%.60s' (caseless %d, round %d): conditions differ with the memo",
                             patterns[i], ci, round);
                with += plain != NULL;
                whosaid_prefilter_free(plain);
                whosaid_prefilter_free(memoed);
            }
    /* Not all without a condition (which would prove nothing); the one
     * nested too deep has none. */
    assert_true(with >= 2 * 2 * (n - 4));
    whosaid_prefilter *p = (whosaid_prefilter *)1;
    assert_int_equal(whosaid_prefilter_new_memo(deep3, 0, memo, &p), 0);
    assert_null(p);
    whosaid_prefilter_memo_free(memo);
    whosaid_prefilter_memo_free(NULL);
    free(deep1);
    free(deep2);
    free(deep3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literals_and_classes),
        cmocka_unit_test(test_lookbehind_letters),
        cmocka_unit_test(test_lookahead_narrows_next_item),
        cmocka_unit_test(test_no_condition),
        cmocka_unit_test(test_skip_branches),
        cmocka_unit_test(test_never_rejects_a_match),
        cmocka_unit_test(test_deep),
        cmocka_unit_test(test_scratch_reuse_stays_exact),
        cmocka_unit_test(test_after_run),
        cmocka_unit_test(test_short_branches),
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_caseless_non_ascii),
        cmocka_unit_test(test_memo_same_conditions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
