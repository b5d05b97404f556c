/* Tense cues (include/whosaid/tense.h): the nearest cue before a date, then
 * after it; longest phrase and literal words first; "none" phrases hiding
 * participles; "open" cues deciding no tense; clause boundaries;
 * wildcards; rule-file errors. */
#include "testutil.h"

#include "whosaid/tense.h"

static whosaid_tense *load_default(void)
{
    whosaid_error e;
    whosaid_tense *t = whosaid_tense_load(WHOSAID_TEST_RULES_DIR "/tense.rules", &e);
    if (!t) fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    return t;
}

/* The tense around the first occurrence of date in text. */
static int tense_of(const whosaid_tense *t, const char *text, const char *date)
{
    const char *p = strstr(text, date);
    assert_non_null(p);
    size_t start = (size_t)(p - text);
    return whosaid_tense_at(t, text, strlen(text), start, start + strlen(date));
}

#define PAST WHOSAID_TENSE_PAST
#define FUTURE WHOSAID_TENSE_FUTURE
#define NONE WHOSAID_TENSE_NONE
#define OPEN WHOSAID_TENSE_OPEN

static void test_default_cues(void **state)
{
    (void)state;
    whosaid_tense *t = load_default();
    assert_true(whosaid_tense_count(t) > 50);
    assert_int_equal(tense_of(t, "Leaders will meet on Friday.", "Friday"), FUTURE);
    assert_int_equal(tense_of(t, "Hong Lei said on Thursday.", "Thursday"), PAST);
    assert_int_equal(tense_of(t, "The trial is due to begin on Monday.", "Monday"), FUTURE);
    assert_int_equal(tense_of(t, "Sales fell in October.", "October"), PAST);
    assert_int_equal(tense_of(t, "Talks resume on Monday.", "Monday"), NONE);
    /* Nearest first: "said" is nearer than "will". */
    assert_int_equal(tense_of(t, "It will, he said on Friday, be fine.", "Friday"), PAST);
    assert_int_equal(tense_of(t, "He said talks will resume on Friday.", "Friday"), FUTURE);
    /* After the date when nothing comes before it in the clause. */
    assert_int_equal(tense_of(t, "On Friday, the leaders will meet.", "Friday"), FUTURE);
    assert_int_equal(tense_of(t, "On Friday, the leaders met.", "Friday"), PAST);
    /* Typographic apostrophe and a suffix cue: "we’ll". */
    assert_int_equal(tense_of(t, "We\xe2\x80\x99ll know on Tuesday.", "Tuesday"), FUTURE);
    assert_int_equal(tense_of(t, "WE WILL KNOW ON TUESDAY.", "TUESDAY"), FUTURE);
    /* A relative clause between commas is read past. */
    assert_int_equal(tense_of(t,
                              "He said the club would assess defender Marcus Finch, who was taken "
                              "off with a knock, on Monday.",
                              "Monday"),
                     OPEN);
    assert_int_equal(
        tense_of(t, "The firm, which was founded in 1990, will list on Friday.", "Friday"), FUTURE);
    assert_int_equal(tense_of(t, "Police will question Smith, who fled, on Friday.", "Friday"),
                     FUTURE);
    /* not a relative clause: the past stays */
    assert_int_equal(tense_of(t, "It will rain, they said on Friday.", "Friday"), PAST);
    /* A date something was moved to lies ahead. */
    assert_int_equal(tense_of(t, "The vote has slipped to June.", "June"), FUTURE);
    assert_int_equal(tense_of(t, "The trial was pushed back to March.", "March"), FUTURE);
    assert_int_equal(tense_of(t, "The vote slipped in June.", "June"), PAST);
    /* Scheduled present tense of rules and laws. */
    assert_int_equal(tense_of(t, "The law takes effect on Jan. 1.", "Jan"), FUTURE);
    assert_int_equal(tense_of(t, "Rules come into force in March.", "March"), FUTURE);
    assert_int_equal(tense_of(t, "The ban goes into effect on Friday.", "Friday"), FUTURE);
    assert_int_equal(tense_of(t, "The treaty enters into force in May.", "May"), FUTURE);
    whosaid_tense_free(t);
}

static void test_phrases_and_hiding(void **state)
{
    (void)state;
    whosaid_tense *t = load_default();
    /* "be *" hides "held", so "will" decides; "to be *" is future itself. */
    assert_int_equal(tense_of(t, "It will be held on Monday.", "Monday"), FUTURE);
    assert_int_equal(tense_of(t, "An event to be held on October 12.", "October"), FUTURE);
    assert_int_equal(tense_of(t, "It was held on Monday.", "Monday"), PAST);
    /* "is officially reported": present passive, no cue; "before" is none. */
    assert_int_equal(tense_of(t, "before it is officially reported in March.", "March"), NONE);
    /* A literal word beats "-ed" at the same word: "expected" is future. */
    assert_int_equal(tense_of(t, "Results are expected in March.", "March"), FUTURE);
    assert_int_equal(tense_of(t, "Results improved in March.", "March"), PAST);
    whosaid_tense_free(t);
}

static void test_clause_boundaries(void **state)
{
    (void)state;
    whosaid_tense *t = load_default();
    /* A sentence end stops the search; "14.2" and "U.S.-led" do not. */
    assert_int_equal(tense_of(t, "He will go. Talks on Friday", "Friday"), NONE);
    assert_int_equal(tense_of(t, "It will cost 14.2 million on Friday", "Friday"), FUTURE);
    assert_int_equal(tense_of(t, "Talks resume on Friday; they will meet", "Friday"), NONE);
    assert_int_equal(tense_of(t, "He will go\non Friday", "Friday"), NONE);
    /* A period before a lower-case word ends no sentence: "p.m.", "U.S." */
    assert_int_equal(tense_of(t, "The strike is set to end at 5 p.m. on Thursday.", "Thursday"),
                     FUTURE);
    assert_int_equal(tense_of(t, "Talks were held in the U.S. on Friday.", "Friday"), PAST);
    assert_int_equal(tense_of(t, "On Friday the talks ended at 5 p.m. and they left.", "Friday"),
                     PAST);
    assert_int_equal(tense_of(t, "On Friday. They will go.", "Friday"), NONE);
    assert_int_equal(tense_of(t, "He will go. Then Friday", "Friday"), NONE);
    /* Too far back: more than a dozen words. */
    assert_int_equal(tense_of(t, "He will a b c d e f g h i j k l m n o p on Friday", "Friday"),
                     NONE);
    /* NULL set, empty text, offsets out of range. */
    assert_int_equal(whosaid_tense_at(NULL, "will Friday", 11, 5, 11), NONE);
    assert_int_equal(whosaid_tense_at(t, "", 0, 0, 0), NONE);
    assert_int_equal(whosaid_tense_at(t, "will Friday", 11, 5, 12), NONE);
    whosaid_tense_free(t);
}

static void test_own_file(void **state)
{
    (void)state;
    char *path = write_temp("# German\nfuture\twird\nfuture\t-t\npast\tsagte\nnone\tist *\n", NULL);
    whosaid_error e;
    whosaid_tense *t = whosaid_tense_load(path, &e);
    remove_temp(path);
    assert_non_null(t);
    assert_int_equal(whosaid_tense_count(t), 4);
    assert_int_equal(tense_of(t, "Er wird am Freitag kommen.", "Freitag"), FUTURE);
    assert_int_equal(tense_of(t, "Er sagte am Freitag", "Freitag"), PAST);
    /* "ist *" hides "ist gut" (whose "gut" would match "-t"); "-t" needs two
     * letters before the suffix. */
    assert_int_equal(tense_of(t, "Es ist gut Freitag", "Freitag"), NONE);
    assert_int_equal(tense_of(t, "Er at Freitag", "Freitag"), NONE);
    assert_int_equal(tense_of(t, "Es kommt Freitag", "Freitag"), FUTURE);
    whosaid_tense_free(t);
    whosaid_tense_free(NULL);
}

/* At equal length a literal word beats a wildcard wherever either is
 * listed. */
static void test_wildcards_and_literals(void **state)
{
    (void)state;
    const char *files[] = {"past\t-ed\nfuture\tplanned\n", "future\tplanned\npast\t-ed\n"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *path = write_temp(files[i], NULL);
        whosaid_error e;
        whosaid_tense *t = whosaid_tense_load(path, &e);
        remove_temp(path);
        assert_non_null(t);
        assert_int_equal(tense_of(t, "It was planned for Friday", "Friday"), FUTURE);
        assert_int_equal(tense_of(t, "It was Planned for Friday", "Friday"), FUTURE);
        assert_int_equal(tense_of(t, "It was moved to Friday", "Friday"), PAST);
        assert_int_equal(tense_of(t, "It is planning for Friday", "Friday"), NONE);
        assert_int_equal(tense_of(t, "It was started on Friday", "Friday"), PAST);
        whosaid_tense_free(t);
    }
}

/* A suffix cue needs two more letters than its suffix ("-ed": "bred", not
 * "red"); "*" takes any word; words with non-ASCII letters or a typographic
 * apostrophe are read back whole; cues of several words match word by word. */
static void test_word_forms(void **state)
{
    (void)state;
    char *path = write_temp(
        "past\t-ed\nfuture\tsera *\npast\ta d\303\251clar\303\251\nfuture\twe\342\200\231ll\n",
        NULL);
    whosaid_error e;
    whosaid_tense *t = whosaid_tense_load(path, &e);
    remove_temp(path);
    assert_non_null(t);
    assert_int_equal(tense_of(t, "It bred on Friday", "Friday"), PAST);
    assert_int_equal(tense_of(t, "It red on Friday", "Friday"), NONE);
    assert_int_equal(tense_of(t, "Il sera l\xc3\xa0 Friday", "Friday"), FUTURE);
    assert_int_equal(tense_of(t, "Il a D\303\251clar\303\251 Friday", "Friday"), PAST);
    assert_int_equal(tense_of(t, "Il a d\303\251clar\303\251s Friday", "Friday"), NONE);
    assert_int_equal(tense_of(t, "We\xe2\x80\x99ll meet Friday", "Friday"), FUTURE);
    assert_int_equal(tense_of(t, "We'll meet Friday", "Friday"), FUTURE);
    whosaid_tense_free(t);
}

/* A cue is found through its first literal word in reading order, which
 * need not be the word it starts at: "be -ly *" read back from the date
 * meets "*" and "-ly" before "be", "* ended" read forward meets "*" first.
 * Two cues of one length matching at one word through different literal
 * words: the first in the file wins, whichever way the file lists them. */
static void test_anchors(void **state)
{
    (void)state;
    whosaid_tense *t = load_default();
    /* Without "be -ly *", "-ed" would make "opened" past. */
    assert_int_equal(tense_of(t, "It will be formally opened on Friday.", "Friday"), FUTURE);
    assert_int_equal(tense_of(t, "It was formally opened on Friday.", "Friday"), PAST);
    whosaid_tense_free(t);

    char *path = write_temp("past\t* ended\n", NULL);
    whosaid_error e;
    t = whosaid_tense_load(path, &e);
    remove_temp(path);
    assert_non_null(t);
    assert_int_equal(tense_of(t, "On Friday, talks ended.", "Friday"), PAST);
    assert_int_equal(tense_of(t, "On Friday, ended.", "Friday"), NONE);
    assert_int_equal(tense_of(t, "Talks ended on Friday.", "Friday"), PAST);
    whosaid_tense_free(t);

    const char *files[] = {"future\tis *\npast\t* held\n", "past\t* held\nfuture\tis *\n"};
    const int first[] = {FUTURE, PAST};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        path = write_temp(files[i], NULL);
        t = whosaid_tense_load(path, &e);
        remove_temp(path);
        assert_non_null(t);
        assert_int_equal(tense_of(t, "It is held on Friday", "Friday"), first[i]);
        whosaid_tense_free(t);
    }
}

static int load(const char *path, whosaid_error *e)
{
    whosaid_tense *t = whosaid_tense_load(path, e);
    if (!t) return e->code;
    whosaid_tense_free(t);
    return 0;
}

/* "would", "could": the clause's own verb group points neither way, so a
 * "said" further back does not decide, nor does a cue after the date. */
static void test_open_cues(void **state)
{
    (void)state;
    whosaid_tense *t = load_default();
    assert_int_equal(tense_of(t, "He said the talks would resume on March 20.", "March"), OPEN);
    assert_int_equal(tense_of(t, "He said the talks resumed on March 20.", "March"), PAST);
    assert_int_equal(tense_of(t, "Officials said prices could rise by June.", "June"), OPEN);
    assert_int_equal(tense_of(t, "By June, prices could rise, he said.", "June"), OPEN);
    /* with "have" they look back */
    assert_int_equal(tense_of(t, "The vote would have been held on March 20.", "March"), PAST);
    assert_int_equal(tense_of(t, "It could\xe2\x80\x99ve come on Friday.", "Friday"), PAST);
    /* the nearer cue still wins: "will" after "would" */
    assert_int_equal(tense_of(t, "It would say talks will resume on Friday.", "Friday"), FUTURE);
    whosaid_tense_free(t);
}

/* A past verb in a condition under an open or future main clause is a
 * backshifted present: the coming date. Elsewhere the past stays. */
static void test_condition_backshift(void **state)
{
    (void)state;
    whosaid_tense *t = load_default();
    assert_int_equal(tense_of(t,
                              "The strike could spread to Onne and Calabar if the NPA did not act "
                              "by Friday.",
                              "Friday"),
                     FUTURE);
    assert_int_equal(
        tense_of(t, "Members would walk out if the authority failed to pay them by December 1.",
                 "December"),
        FUTURE);
    assert_int_equal(tense_of(t, "They will strike unless the firm paid them by May 2.", "May"),
                     FUTURE);
    /* the main clause is past, or there is none: an indirect question or a
     * plain past */
    assert_int_equal(tense_of(t, "He asked if the firm paid on Friday.", "Friday"), PAST);
    assert_int_equal(tense_of(t, "If the firm paid on Friday, nobody knew.", "Friday"), PAST);
    /* a comma between the condition and the verb: not one clause */
    assert_int_equal(tense_of(t, "It would help if, as he said, it failed on Friday.", "Friday"),
                     PAST);
    /* the condition word must open the verb's clause, a few words back */
    assert_int_equal(
        tense_of(t, "It would be odd if the long list of all the old firms closed on Friday.",
                 "Friday"),
        PAST);
    /* no condition words in a file: the past stays */
    char *path = write_temp("past\t-ed\nopen\twould\n", NULL);
    whosaid_error e;
    whosaid_tense *own = whosaid_tense_load(path, &e);
    remove_temp(path);
    assert_non_null(own);
    assert_int_equal(tense_of(own, "It would end if he failed by May 2.", "May"), PAST);
    whosaid_tense_free(own);
    whosaid_tense_free(t);
}

static void test_errors(void **state)
{
    (void)state;
    assert_load_error(load, "futur\twill\n", WHOSAID_ESYNTAX, 1,
                      "unknown kind 'futur' (expected past, future, open, none or condition)");
    assert_load_error(load, "# c\nfuture\n", WHOSAID_ESYNTAX, 2, "expected a kind and a phrase");
    assert_load_error(load, "future\twill\tbe\n", WHOSAID_ESYNTAX, 1,
                      "expected a kind and a phrase");
    assert_load_error(load, "future\twill\npast\tWILL\n", WHOSAID_ESYNTAX, 2,
                      "phrase 'WILL' listed twice");
    assert_load_error(load, "future\ta b c d e f g\n", WHOSAID_ELIMIT, 1,
                      "phrase 'a b c d e f g' has more than 6 words or a word longer than 47 "
                      "bytes");
    whosaid_error e;
    assert_null(whosaid_tense_load("/nonexistent/tense.rules", &e));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_cues),
        cmocka_unit_test(test_phrases_and_hiding),
        cmocka_unit_test(test_clause_boundaries),
        cmocka_unit_test(test_own_file),
        cmocka_unit_test(test_wildcards_and_literals),
        cmocka_unit_test(test_word_forms),
        cmocka_unit_test(test_anchors),
        cmocka_unit_test(test_open_cues),
        cmocka_unit_test(test_condition_backshift),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
