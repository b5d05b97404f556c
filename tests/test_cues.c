/* The claims lexicon: the default rules load, lookups, and located errors. */
#include "testutil.h"

#include "whosaid/buf.h"
#include "whosaid/cues.h"

static void defaults(void **state)
{
    (void)state;
    whosaid_cues *c = whosaid_cues_new();
    whosaid_error e;
    assert_int_equal(whosaid_cues_load(c, WHOSAID_TEST_RULES_DIR "/claims", &e), 0);
    const whosaid_cue *cue = whosaid_cues_verb(c, "denied", 6);
    assert_non_null(cue);
    assert_string_equal(cue->cls, "denial");
    assert_string_equal(whosaid_cues_verb(c, "told", 4)->lemma, "tell");
    assert_true(whosaid_cues_verb(c, "told", 4)->object);
    assert_string_equal(whosaid_cues_verb(c, "called", 6)->particle, "on");
    /* "promised" needs a clause; "said" does not */
    assert_true(whosaid_cues_verb(c, "promised", 8)->clause);
    assert_true(whosaid_cues_verb(c, "promised", 8)->object);
    assert_false(whosaid_cues_verb(c, "said", 4)->clause);
    /* "declined to comment" says nothing; "said" does */
    assert_true(whosaid_cues_verb(c, "declined", 8)->silent);
    assert_string_equal(whosaid_cues_verb(c, "declined", 8)->particle, "to");
    assert_false(whosaid_cues_verb(c, "said", 4)->silent);
    /* "agreed" reports only a that-clause; "adding" is a participle of "add" */
    assert_true(whosaid_cues_verb(c, "agreed", 6)->that);
    assert_false(whosaid_cues_verb(c, "said", 4)->that);
    assert_true(whosaid_cues_verb(c, "adding", 6)->participle);
    assert_string_equal(whosaid_cues_verb(c, "adding", 6)->lemma, "add");
    assert_false(whosaid_cues_verb(c, "added", 5)->participle);
    assert_true(whosaid_cues_word(c, "prefecture", 10, NULL) & WHOSAID_WORD_ORGHEAD);
    assert_true(whosaid_cues_word(c, "central bank", 12, NULL) & WHOSAID_WORD_ORGHEAD);
    assert_true(whosaid_cues_word(c, "but", 3, NULL) & WHOSAID_WORD_COORD);
    /* a word may be in several classes: "police" is a group and an organization */
    assert_true(whosaid_cues_word(c, "police", 6, NULL) & WHOSAID_WORD_GENERIC);
    assert_true(whosaid_cues_word(c, "police", 6, NULL) & WHOSAID_WORD_ORGHEAD);
    assert_null(whosaid_cues_verb(c, "table", 5));
    assert_string_equal(whosaid_cues_frame(c, "according to", 12), "source");
    int g = -1;
    assert_true(whosaid_cues_word(c, "analysts", 8, &g) & WHOSAID_WORD_GENERIC);
    assert_true(whosaid_cues_word(c, "spokeswoman", 11, &g) & WHOSAID_WORD_ROLE);
    assert_int_equal(g, WHOSAID_GENDER_FEMALE);
    /* "people familiar with the matter": a group, a link, what it links to */
    assert_true(whosaid_cues_word(c, "people", 6, NULL) & WHOSAID_WORD_GENERIC);
    assert_true(whosaid_cues_word(c, "familiar with", 13, NULL) & WHOSAID_WORD_LINK);
    assert_true(whosaid_cues_word(c, "with direct knowledge of", 24, NULL) & WHOSAID_WORD_LINK);
    assert_true(whosaid_cues_word(c, "those people", 12, NULL) & WHOSAID_WORD_ANAPHOR);
    assert_false(whosaid_cues_word(c, "people", 6, NULL) & WHOSAID_WORD_ANAPHOR);
    assert_true(whosaid_cues_max_words(c) >= 4);
    const whosaid_pronoun *p = whosaid_cues_pronoun(c, "it", 2);
    assert_non_null(p);
    assert_true(p->types & WHOSAID_SPK_ORG);
    assert_false(p->types & WHOSAID_SPK_PERSON);
    assert_true(whosaid_cues_pronoun(c, "which", 5)->relative);
    whosaid_cues_free(c);
    whosaid_cues_free(NULL);
}

/* whosaid_cues_longer: the word prefixes of phrases of several words, of
 * any kind, and nothing else (the phrase readers stop on a 0). */
static void longer(void **state)
{
    (void)state;
    whosaid_cues *c = whosaid_cues_new();
    whosaid_error e;
    char *p = write_temp("according to\tsource\nas reported by\treport\n", "frames.rules");
    assert_int_equal(whosaid_cues_load(c, p, &e), 0);
    remove_temp(p);
    p = write_temp("generic\tpeople familiar with the matter\nrole\tspokesman\n", "speakers.rules");
    assert_int_equal(whosaid_cues_load(c, p, &e), 0);
    remove_temp(p);
    assert_true(whosaid_cues_longer(c, "according", 9));
    assert_true(whosaid_cues_longer(c, "as", 2));
    assert_true(whosaid_cues_longer(c, "as reported", 11));
    assert_true(whosaid_cues_longer(c, "people familiar with", 20));
    /* a whole phrase, a one-word entry, a part of a word: nothing longer */
    assert_false(whosaid_cues_longer(c, "according to", 12));
    assert_false(whosaid_cues_longer(c, "spokesman", 9));
    assert_false(whosaid_cues_longer(c, "accord", 6));
    assert_false(whosaid_cues_longer(c, "people familiar with the matter", 31));
    /* the prefixes of frames, and only of frames, start a longer frame */
    assert_true(whosaid_cues_lookup(c, "according", 9)->longer_frame);
    assert_true(whosaid_cues_lookup(c, "as reported", 11)->longer_frame);
    assert_false(whosaid_cues_lookup(c, "according to", 12)->longer_frame);
    assert_false(whosaid_cues_lookup(c, "people familiar", 15)->longer_frame);
    assert_false(whosaid_cues_lookup(c, "people", 6)->longer_frame);
    /* and the word classes of the longer phrases */
    assert_int_equal(whosaid_cues_lookup(c, "people", 6)->longer_word, WHOSAID_WORD_GENERIC);
    assert_int_equal(whosaid_cues_lookup(c, "according", 9)->longer_word, 0);
    /* prefixes are no entries */
    assert_null(whosaid_cues_frame(c, "according", 9));
    assert_int_equal(whosaid_cues_word(c, "people", 6, NULL), 0);
    assert_int_equal(whosaid_cues_count(c), 4);
    whosaid_cues_free(c);
}

/* whosaid_cues_lookup: one entry holds every class of a phrase, from any
 * file, and stays right when a later load grows the verb and pronoun lists. */
static void one_entry(void **state)
{
    (void)state;
    whosaid_cues *c = whosaid_cues_new();
    whosaid_error e;
    char *p = write_temp("boundary\tand\ncoordinator\tand\nrole\tspokeswoman\tfemale\n"
                         "generic\twho said\n",
                         "speakers.rules");
    assert_int_equal(whosaid_cues_load(c, p, &e), 0);
    remove_temp(p);
    p = write_temp("say\tstatement\tsay|said\n", "cues.rules");
    assert_int_equal(whosaid_cues_load(c, p, &e), 0);
    remove_temp(p);
    p = write_temp("who\t-\trelative\tPERSON\n", "pronouns.rules");
    assert_int_equal(whosaid_cues_load(c, p, &e), 0);
    remove_temp(p);
    /* enough later verbs that their array moves */
    whosaid_buf many = WHOSAID_BUF_INIT;
    for (int i = 0; i < 500; i++)
        whosaid_buf_printf(&many, "v%d\tstatement\tv%dx\n", i, i);
    p = write_temp(many.data, "more-cues.rules");
    whosaid_buf_free(&many);
    assert_int_equal(whosaid_cues_load(c, p, &e), 0);
    remove_temp(p);

    const whosaid_cue_entry *and = whosaid_cues_lookup(c, "and", 3);
    assert_non_null(and);
    assert_int_equal(and->word, WHOSAID_WORD_BOUNDARY | WHOSAID_WORD_COORD);
    assert_null(and->verb);
    assert_false(and->longer);
    const whosaid_cue_entry *said = whosaid_cues_lookup(c, "said", 4);
    assert_non_null(said);
    assert_ptr_equal(said->verb, whosaid_cues_verb(c, "said", 4));
    assert_string_equal(said->verb->lemma, "say");
    assert_int_equal(said->word, 0);
    const whosaid_cue_entry *who = whosaid_cues_lookup(c, "who", 3);
    assert_non_null(who);
    assert_true(who->pronoun && who->pronoun->relative);
    assert_true(who->longer); /* "who said" */
    assert_int_equal(who->word, 0);
    assert_int_equal(whosaid_cues_lookup(c, "spokeswoman", 11)->gender, WHOSAID_GENDER_FEMALE);
    assert_string_equal(whosaid_cues_lookup(c, "v499x", 5)->verb->lemma, "v499");
    assert_null(whosaid_cues_lookup(c, "table", 5));
    whosaid_cues_free(c);
}

static void user_file(void **state)
{
    (void)state;
    whosaid_cues *c = whosaid_cues_new();
    whosaid_error e;
    /* a user's own cue file, name with a prefix, and a first-names list */
    char *p = write_temp("# mine\nquip\tstatement\tquips|quipped\n", "my-cues.rules");
    assert_int_equal(whosaid_cues_load(c, p, &e), 0);
    assert_string_equal(whosaid_cues_verb(c, "quipped", 7)->cls, "statement");
    remove_temp(p);
    p = write_temp("Aino\tf\nAlex\tu\n", "first-names.txt");
    assert_int_equal(whosaid_cues_load(c, p, &e), 0);
    assert_int_equal(whosaid_cues_first_name(c, "aino", 4), WHOSAID_GENDER_FEMALE);
    assert_int_equal(whosaid_cues_first_name(c, "alex", 4), WHOSAID_GENDER_UNKNOWN);
    remove_temp(p);
    whosaid_cues_free(c);
}

/* Answers are cached inside the lexicon (cues.c): a word that was no cue
 * when first asked is one after a load that adds it, and a phrase longer
 * than the cache keeps is still found. */
static void cache_follows_loads(void **state)
{
    (void)state;
    whosaid_cues *c = whosaid_cues_new();
    whosaid_error e;
    assert_null(whosaid_cues_lookup(c, "zorbled", 7));
    assert_null(whosaid_cues_verb(c, "zorbled", 7));
    char *p = write_temp("zorble\tstatement\tzorbles|zorbled\n", "cues.rules");
    assert_int_equal(whosaid_cues_load(c, p, &e), 0);
    remove_temp(p);
    const whosaid_cue_entry *x = whosaid_cues_lookup(c, "zorbled", 7);
    assert_non_null(x);
    assert_string_equal(x->verb->lemma, "zorble");
    assert_ptr_equal(whosaid_cues_lookup(c, "zorbled", 7), x);
    assert_null(whosaid_cues_lookup(c, "zorble", 6));
    p = write_temp("according to the zorbling office\tsource\n", "frames.rules");
    assert_int_equal(whosaid_cues_load(c, p, &e), 0);
    remove_temp(p);
    assert_ptr_equal(whosaid_cues_lookup(c, "zorbled", 7), x);
    assert_string_equal(whosaid_cues_frame(c, "according to the zorbling office", 32), "source");
    whosaid_cues_free(c);
}

static void check_error(const char *content, const char *name, long line, const char *msg)
{
    whosaid_cues *c = whosaid_cues_new();
    whosaid_error e;
    memset(&e, 0, sizeof e);
    char *p = write_temp(content, name);
    assert_int_equal(whosaid_cues_load(c, p, &e), WHOSAID_ESYNTAX);
    assert_error(&e, p, line, msg);
    remove_temp(p);
    whosaid_cues_free(c);
}

static void errors(void **state)
{
    (void)state;
    check_error("say\tstatement\n", "cues.rules", 1, "expected 3 to 4 fields, found 2");
    check_error("say\tStatement\tsaid\n", "cues.rules", 1,
                "class 'Statement': use lower-case letters and '_'");
    check_error("\nsay\tstatement\tsaid\tobjekt\n", "cues.rules", 2, "unknown flag 'objekt'");
    check_error("genric\tanalysts\n", "speakers.rules", 1, "unknown kind 'genric'");
    check_error("role\tnun\tfem\n", "speakers.rules", 1, "gender 'fem': use male, female or -");
    /* noun_reading looks at one word before a cue form */
    check_error("before-noun\tin the\n", "speakers.rules", 1,
                "before-noun 'in the': one word and no gender");
    check_error("before-noun\this\tmale\n", "speakers.rules", 1,
                "before-noun 'his': one word and no gender");
    check_error("he\tmale\tsingle\tPERSON\n", "pronouns.rules", 1,
                "number 'single': use singular, plural, relative or possessive");
    check_error("he\tmale\tsingular\tHUMAN\n", "pronouns.rules", 1,
                "types 'HUMAN': a comma-separated list of PERSON, ORG, COUNTRY, GENERIC");
    /* a file whose name says nothing about its kind */
    whosaid_cues *c = whosaid_cues_new();
    whosaid_error e;
    char *p = write_temp("x\n", "other.rules");
    assert_int_equal(whosaid_cues_load(c, p, &e), WHOSAID_EINPUT);
    remove_temp(p);
    assert_int_equal(whosaid_cues_load(c, "/nonexistent/cues.rules", &e), WHOSAID_EIO);
    whosaid_cues_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(defaults),
                                       cmocka_unit_test(longer),
                                       cmocka_unit_test(one_entry),
                                       cmocka_unit_test(user_file),
                                       cmocka_unit_test(cache_follows_loads),
                                       cmocka_unit_test(errors)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
