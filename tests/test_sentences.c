/* Unit tests for the sentence splitter (pipeline/lib/sentences.c). Every
 * split is also checked against the output contract: ranges ordered,
 * trimmed, non-overlapping and covering every non-blank byte. */
#include <time.h>

#include <utf8proc.h>

#include "testutil.h"

#include "whosaid/sentences.h"
#include "whosaid/utf8.h"

#define RULES WHOSAID_TEST_RULES_DIR "/abbreviations.rules"

static whosaid_splitter *splitter;

static int setup(void **state)
{
    whosaid_error err = {0};
    splitter = whosaid_splitter_load(RULES, &err);
    if (!splitter) fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
    return splitter ? 0 : -1;
}

static int teardown(void **state)
{
    whosaid_splitter_free(splitter);
    return 0;
}

/* Defined here, independently of the library: ASCII white space and the
 * Unicode separators. */
static int blank(int32_t c)
{
    if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP;
}

static void check_contract(const char *t, size_t len, const whosaid_ranges *r)
{
    for (size_t k = 0; k < r->n; k++) {
        assert_true(r->v[k].start < r->v[k].end);
        assert_true(r->v[k].end <= len);
        if (k > 0) assert_true(r->v[k - 1].end <= r->v[k].start);
        size_t i = r->v[k].start, e = r->v[k].end;
        assert_false(blank(whosaid_utf8_next(t, len, &i)));
        assert_false(blank(whosaid_utf8_prev(t, &e)));
    }
    /* Every code point outside the ranges is blank. */
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        while (k < r->n && r->v[k].end <= i)
            k++;
        size_t at = i;
        int32_t c = whosaid_utf8_next(t, len, &i);
        int inside = k < r->n && r->v[k].start <= at;
        if (!inside) assert_true(blank(c));
    }
}

static void split(const char *t, size_t len, whosaid_ranges *r)
{
    assert_int_equal(whosaid_splitter_split(splitter, t, len, r), 0);
    check_contract(t, len, r);
}

/* Splits text and compares with the NULL-terminated list of sentences. */
static void expect(const char *text, const char *const *want)
{
    whosaid_ranges r = WHOSAID_RANGES_INIT;
    split(text, strlen(text), &r);
    size_t n = 0;
    while (want[n])
        n++;
    for (size_t k = 0; k < r.n; k++)
        print_message("  got [%.*s]\n", (int)(r.v[k].end - r.v[k].start), text + r.v[k].start);
    assert_int_equal(r.n, n);
    for (size_t k = 0; k < n; k++) {
        size_t got = r.v[k].end - r.v[k].start;
        assert_int_equal(got, strlen(want[k]));
        assert_memory_equal(text + r.v[k].start, want[k], got);
    }
    whosaid_ranges_free(&r);
}

#define SPLIT_CASE(name, text, ...)                                                                \
    static void name(void **state)                                                                 \
    {                                                                                              \
        const char *const want[] = {__VA_ARGS__, NULL};                                            \
        expect(text, want);                                                                        \
    }

/* ---- the sample articles ---- */

SPLIT_CASE(seed_quote_then_quote,
           "\"We have pointed out many times that hacking attacks are a global issue,\" Hong said "
           "at a daily news briefing. \"It is in everyone's interests to maintain cybersecurity.\"",
           "\"We have pointed out many times that hacking attacks are a global issue,\" Hong said "
           "at a daily news briefing.",
           "\"It is in everyone's interests to maintain cybersecurity.\"")

SPLIT_CASE(
    seed_scare_quotes,
    "Cyberattacks are \"anonymous and transnational\", he said. \"By using other countries' "
    "IP addresses, hackers attack some countries' networks, and this is a common practice.\"",
    "Cyberattacks are \"anonymous and transnational\", he said.",
    "\"By using other countries' IP addresses, hackers attack some countries' networks, and "
    "this is a common practice.\"")

SPLIT_CASE(
    seed_decimal,
    "Nearly 14.2 million mainframes in China were hijacked by 73,286 overseas IPs via Trojan "
    "or Botnet in 2012, according to a recent report.",
    "Nearly 14.2 million mainframes in China were hijacked by 73,286 overseas IPs via Trojan "
    "or Botnet in 2012, according to a recent report.")

SPLIT_CASE(seed_three_quotes,
           "The ROK's Korea Communications Commission claimed earlier that the attacks had used a "
           "Chinese IP address, AFP reported. \"The Chinese IP may trigger various assumptions,\" "
           "said Park Jae-moon, KCC's director of network policy. \"At this stage, we're still "
           "doing our best to trace the origin of the attacks,\" Park said.",
           "The ROK's Korea Communications Commission claimed earlier that the attacks had used a "
           "Chinese IP address, AFP reported.",
           "\"The Chinese IP may trigger various assumptions,\" said Park Jae-moon, KCC's director "
           "of network policy.",
           "\"At this stage, we're still doing our best to trace the origin of the attacks,\" Park "
           "said.")

SPLIT_CASE(seed_paragraphs,
           "In an exclusive interview with Xinhuanet, Peter Launsky-Tieffenthal said, \"Cyber "
           "security is one of those challenges that can only be faced jointly.\"\n\n\"And since "
           "the UN offers a platform to deal with global challenges, cyber security is also being "
           "dealt with by the UN,\" he added.",
           "In an exclusive interview with Xinhuanet, Peter Launsky-Tieffenthal said, \"Cyber "
           "security is one of those challenges that can only be faced jointly.\"",
           "\"And since the UN offers a platform to deal with global challenges, cyber security is "
           "also being dealt with by the UN,\" he added.")

SPLIT_CASE(seed_dash_and_dateline,
           "BEIJING, June 27 (Xinhuanet) \xe2\x80\x93 Cyber security is being dealt with by the "
           "United Nations, said an official here on Thursday.",
           "BEIJING, June 27 (Xinhuanet) \xe2\x80\x93 Cyber security is being dealt with by the "
           "United Nations, said an official here on Thursday.")

/* ---- abbreviations ---- */

SPLIT_CASE(titles_and_month, "Mr. Smith met Dr. Jones at 10 a.m. on Jan. 5. They talked.",
           "Mr. Smith met Dr. Jones at 10 a.m. on Jan. 5.", "They talked.")

SPLIT_CASE(military_titles, "Lt. Col. Ann Roe and Sgt. Maj. Bo Lin spoke with Gov. Reed.",
           "Lt. Col. Ann Roe and Sgt. Maj. Bo Lin spoke with Gov. Reed.")

SPLIT_CASE(us_before_name, "The U.S. Senate voted.", "The U.S. Senate voted.")

SPLIT_CASE(us_before_paragraph, "He lives in the U.S.\n\nShe does not.", "He lives in the U.S.",
           "She does not.")

SPLIT_CASE(us_before_start_word, "He lives in the U.S. The rest of the family stayed home.",
           "He lives in the U.S.", "The rest of the family stayed home.")

SPLIT_CASE(us_before_quote, "He moved to the U.S. \"It was hard,\" he said.",
           "He moved to the U.S.", "\"It was hard,\" he said.")

SPLIT_CASE(company_suffix,
           "He works at Acme Inc. The firm grew. Acme Inc. Chief Executive Jane Doe spoke.",
           "He works at Acme Inc.", "The firm grew.", "Acme Inc. Chief Executive Jane Doe spoke.")

SPLIT_CASE(acronym_unlisted, "The F.B.I. Director spoke. The U.N. Security Council met.",
           "The F.B.I. Director spoke.", "The U.N. Security Council met.")

SPLIT_CASE(initials, "John F. Kennedy met J. R. R. Tolkien. They talked.",
           "John F. Kennedy met J. R. R. Tolkien.", "They talked.")

SPLIT_CASE(am_pm, "We met at 10 a.m. The talks ended at 2 p.m. on Friday.", "We met at 10 a.m.",
           "The talks ended at 2 p.m. on Friday.")

SPLIT_CASE(legal_case, "The court upheld Roe v. Wade in 1992. It was close. See No. 5 below.",
           "The court upheld Roe v. Wade in 1992.", "It was close.", "See No. 5 below.")

SPLIT_CASE(case_sensitive, "He said no. The end.", "He said no.", "The end.")

/* ---- punctuation and quotes ---- */

SPLIT_CASE(question_then_lower, "\"Is it?\" he asked. \"Yes!\" she said.", "\"Is it?\" he asked.",
           "\"Yes!\" she said.")

SPLIT_CASE(comma_in_quote, "\"We will fight on...,\" he added. Nobody clapped.",
           "\"We will fight on...,\" he added.", "Nobody clapped.")

SPLIT_CASE(curly_quotes,
           "\xe2\x80\x9cWe will win.\xe2\x80\x9d She smiled. \xe2\x80\x98Maybe,\xe2\x80\x99 he "
           "said. He left.",
           "\xe2\x80\x9cWe will win.\xe2\x80\x9d", "She smiled.",
           "\xe2\x80\x98Maybe,\xe2\x80\x99 he said.", "He left.")

SPLIT_CASE(decimals_percent, "Prices rose 3.5% in 2012. Output hit 14.2 million. It was $1.5 bn.",
           "Prices rose 3.5% in 2012.", "Output hit 14.2 million.", "It was $1.5 bn.")

SPLIT_CASE(currency_start, "Costs rose. $5 billion was spent.", "Costs rose.",
           "$5 billion was spent.")

SPLIT_CASE(ellipsis, "He paused... and went on. Then\xe2\x80\xa6 Nothing happened.",
           "He paused... and went on.", "Then\xe2\x80\xa6", "Nothing happened.")

SPLIT_CASE(mark_runs, "Really?! Yes!!! Fine.", "Really?!", "Yes!!!", "Fine.")

SPLIT_CASE(brackets, "(He left early.) Then we ate. [Note: see below.] Done.", "(He left early.)",
           "Then we ate.", "[Note: see below.]", "Done.")

SPLIT_CASE(digit_start, "It fell. 2012 was bad.", "It fell.", "2012 was bad.")

SPLIT_CASE(no_space_after, "See example.com.He said.", "See example.com.He said.")

/* ---- non-ASCII ---- */

SPLIT_CASE(accented, "\xc3\x89mile Zola wrote. \xc3\x89lodie read. The caf\xc3\xa9 closed.",
           "\xc3\x89mile Zola wrote.", "\xc3\x89lodie read.", "The caf\xc3\xa9 closed.")

SPLIT_CASE(
    cjk_and_guillemets,
    "He wrote \xe4\xbd\xa0\xe5\xa5\xbd. \xe4\xb8\xad\xe5\x9b\xbd is big. \xc2\xabOui\xc2\xbb, "
    "dit-il.",
    "He wrote \xe4\xbd\xa0\xe5\xa5\xbd.", "\xe4\xb8\xad\xe5\x9b\xbd is big.",
    "\xc2\xabOui\xc2\xbb, dit-il.")

SPLIT_CASE(unicode_spaces, "\xc2\xa0Hi.\xc2\xa0There.\xe2\x80\x83", "Hi.", "There.")

/* ---- odd shapes ---- */

SPLIT_CASE(no_final_punctuation, "First one. Second one has no end", "First one.",
           "Second one has no end")

SPLIT_CASE(only_punctuation, "?!... . . .", "?!... . . .")

SPLIT_CASE(trimmed, "  Hello.\t World.  \n", "Hello.", "World.")

SPLIT_CASE(crlf_paragraphs, "One\r\n\r\nTwo.", "One", "Two.")

static void blank_text(void **state)
{
    whosaid_ranges r = WHOSAID_RANGES_INIT;
    split("", 0, &r);
    split(" \n\n\t \xc2\xa0", 7, &r);
    assert_int_equal(r.n, 0);
    whosaid_ranges_free(&r);
}

/* ---- lines and paragraphs ---- */

SPLIT_CASE(wrapped_lines,
           "The minister said the plan\nwould be ready soon.\nThe vote is next week.",
           "The minister said the plan\nwould be ready soon.", "The vote is next week.")

SPLIT_CASE(line_without_punctuation, "BEIJING, June 27\nCyber security is a challenge.",
           "BEIJING, June 27", "Cyber security is a challenge.")

SPLIT_CASE(line_after_title, "He met Dr.\nJones at noon.", "He met Dr.\nJones at noon.")

SPLIT_CASE(line_after_question, "\"Is it over?\"\nhe asked.", "\"Is it over?\"\nhe asked.")

SPLIT_CASE(paragraph_without_punctuation, "Related Reading\n\nLeave your comment",
           "Related Reading", "Leave your comment")

SPLIT_CASE(paragraph_after_title, "He met Mr.\n\nsmith and left", "He met Mr.", "smith and left")

/* ---- the contract on generated text ---- */

static const char *const pieces[] = {
    "Mr.",
    "Smith",
    "U.S.",
    "said",
    "the",
    "\xc3\xa9t\xc3\xa9",
    "\xe4\xb8\xad\xe5\x9b\xbd",
    "14.2",
    "?!",
    "...",
    "\xe2\x80\xa6",
    "\xe2\x80\x9c",
    "\xe2\x80\x9d",
    "\"",
    "(",
    ")",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "\xc2\xa0",
    "a.m.",
    "J.",
    ".",
    "!",
    "?",
    "The",
    "x",
    "'",
    "\r\n",
    "Inc.",
    "e.g.",
    "$",
    "5",
};

static void generated_text(void **state)
{
    uint32_t seed = 12345;
    char text[2048];
    whosaid_ranges r = WHOSAID_RANGES_INIT;
    for (int round = 0; round < 5000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int n = (int)(seed >> 16) % 60;
        for (int k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
            size_t m = strlen(p);
            memcpy(text + len, p, m);
            len += m;
        }
        r.n = 0;
        split(text, len, &r);
    }
    whosaid_ranges_free(&r);
}

/* ---- speed: a quadratic loop would take minutes on these ---- */

static char *repeat(const char *unit, size_t total, size_t *len)
{
    size_t m = strlen(unit);
    char *t = malloc(total + 1);
    assert_non_null(t);
    *len = total / m * m;
    for (size_t i = 0; i < *len; i += m)
        memcpy(t + i, unit, m);
    t[*len] = '\0';
    return t;
}

static void linear_time(void **state)
{
    static const char *const units[] = {
        "word ", "A. ", "U.S. ", ". ", "?", "a\n", "Mr.", "x ", "...", "\xe4\xb8\xad",
    };
    const size_t mb = 1 << 20;
    clock_t t0 = clock();
    whosaid_ranges r = WHOSAID_RANGES_INIT;
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        size_t len;
        char *t = repeat(units[u], mb, &len);
        r.n = 0;
        assert_int_equal(whosaid_splitter_split(splitter, t, len, &r), 0);
        if (u == 0) { /* a 1 MB paragraph without punctuation is one sentence */
            assert_int_equal(r.n, 1);
            assert_int_equal(r.v[0].start, 0);
            assert_int_equal(r.v[0].end, len - 1);
        }
        free(t);
    }
    double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
    print_message("  10 MB of pathological input in %.3f s\n", s);
    assert_true(s < 20.0);
    whosaid_ranges_free(&r);
}

/* ---- API ---- */

static void appends_to_out(void **state)
{
    whosaid_ranges r = WHOSAID_RANGES_INIT;
    assert_int_equal(whosaid_ranges_push(&r, 7, 9), 0);
    assert_int_equal(whosaid_splitter_split(splitter, "A. B.", 5, &r), 0);
    assert_int_equal(r.n, 2); /* "A. B." is one sentence: A. is an initial */
    assert_int_equal(r.v[0].start, 7);
    assert_int_equal(r.v[1].start, 0);
    assert_int_equal(r.v[1].end, 5);
    for (size_t i = 0; i < 1000; i++)
        assert_int_equal(whosaid_ranges_push(&r, i, i + 1), 0);
    assert_int_equal(r.n, 1002);
    whosaid_ranges_free(&r);
    assert_null(r.v);
    assert_int_equal(r.n, 0);
    whosaid_ranges_free(NULL);
    whosaid_splitter_free(NULL);
}

/* Loads a splitter from a rule file holding body; *path (removed by the
 * caller) is the file's name. */
static whosaid_splitter *load_text(const char *body, whosaid_error *err, char **path)
{
    *path = write_temp(body, NULL);
    return whosaid_splitter_load(*path, err);
}

static void load_errors(void **state)
{
    static const struct {
        const char *body;
        long line;
        const char *msg;
    } bad[] = {
        {"# c\nMr.\ttitle\nFoo.\tshort\n", 3, "unknown abbreviation class 'short'"},
        {"Mr.\n", 1, "expected 2 TAB-separated fields (word, class), found 1"},
        {"Mr\ttitle\n", 1, "'Mr': an abbreviation must end with '.'"},
        {"Mr. X.\ttitle\n", 1, "'Mr. X.': an abbreviation may contain only letters and periods"},
        {"The.\tstart\n", 1, "'The.': a start word may contain only letters"},
        {"Mr.\ttitle\n\nMr.\tother\n", 3, "duplicate entry 'Mr.' (first on line 1)"},
        {"Abcdefghijklmnopqrstuvwxyzabcdef.\tother\n", 1,
         "'Abcdefghijklmnopqrstuvwxyzabcdef.' is longer than 31 bytes"},
    };
    char *path;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        whosaid_error err = {0};
        assert_null(load_text(bad[i].body, &err, &path));
        assert_int_not_equal(err.code, 0);
        assert_error(&err, path, bad[i].line, bad[i].msg);
        remove_temp(path);
    }
    whosaid_error err = {0};
    assert_null(whosaid_splitter_load("/nonexistent/abbreviations.rules", &err));
    assert_int_equal(err.code, WHOSAID_EIO);
}

static void custom_rules(void **state)
{
    char *path;
    whosaid_error err = {0};
    whosaid_splitter *s =
        load_text("# mine\nAbt.\ttitle\nCorp.\tother\nNext\tstart\n", &err, &path);
    remove_temp(path);
    assert_non_null(s);
    const char *t = "Abt. Meier left Corp. Headquarters. Corp. Next time.";
    whosaid_ranges r = WHOSAID_RANGES_INIT;
    assert_int_equal(whosaid_splitter_split(s, t, strlen(t), &r), 0);
    assert_int_equal(r.n, 3); /* "Corp. Headquarters" goes on, "Corp. Next" does not */
    assert_int_equal(r.v[0].end, strlen("Abt. Meier left Corp. Headquarters."));
    assert_int_equal(r.v[1].end, strlen("Abt. Meier left Corp. Headquarters. Corp."));
    whosaid_ranges_free(&r);
    whosaid_splitter_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_quote_then_quote),
        cmocka_unit_test(seed_scare_quotes),
        cmocka_unit_test(seed_decimal),
        cmocka_unit_test(seed_three_quotes),
        cmocka_unit_test(seed_paragraphs),
        cmocka_unit_test(seed_dash_and_dateline),
        cmocka_unit_test(titles_and_month),
        cmocka_unit_test(military_titles),
        cmocka_unit_test(us_before_name),
        cmocka_unit_test(us_before_paragraph),
        cmocka_unit_test(us_before_start_word),
        cmocka_unit_test(us_before_quote),
        cmocka_unit_test(company_suffix),
        cmocka_unit_test(acronym_unlisted),
        cmocka_unit_test(initials),
        cmocka_unit_test(am_pm),
        cmocka_unit_test(legal_case),
        cmocka_unit_test(case_sensitive),
        cmocka_unit_test(question_then_lower),
        cmocka_unit_test(comma_in_quote),
        cmocka_unit_test(curly_quotes),
        cmocka_unit_test(decimals_percent),
        cmocka_unit_test(currency_start),
        cmocka_unit_test(ellipsis),
        cmocka_unit_test(mark_runs),
        cmocka_unit_test(brackets),
        cmocka_unit_test(digit_start),
        cmocka_unit_test(no_space_after),
        cmocka_unit_test(accented),
        cmocka_unit_test(cjk_and_guillemets),
        cmocka_unit_test(unicode_spaces),
        cmocka_unit_test(no_final_punctuation),
        cmocka_unit_test(only_punctuation),
        cmocka_unit_test(trimmed),
        cmocka_unit_test(crlf_paragraphs),
        cmocka_unit_test(blank_text),
        cmocka_unit_test(wrapped_lines),
        cmocka_unit_test(line_without_punctuation),
        cmocka_unit_test(line_after_title),
        cmocka_unit_test(line_after_question),
        cmocka_unit_test(paragraph_without_punctuation),
        cmocka_unit_test(paragraph_after_title),
        cmocka_unit_test(generated_text),
        cmocka_unit_test(linear_time),
        cmocka_unit_test(appends_to_out),
        cmocka_unit_test(load_errors),
        cmocka_unit_test(custom_rules),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
