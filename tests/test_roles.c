/* The role lexicon (roles.h): loading, errors, lookups. */
#include "testutil.h"

#include <ctype.h>
#include <stdio.h>

#include "whosaid/roles.h"

static int load(const char *path, whosaid_error *e)
{
    whosaid_roles *r = whosaid_roles_new();
    int rc = whosaid_roles_load(r, path, NULL, e);
    whosaid_roles_free(r);
    return rc;
}

static void test_defaults(void **state)
{
    (void)state;
    whosaid_roles *r = whosaid_roles_new();
    whosaid_error e;
    assert_int_equal(whosaid_roles_load(r, WHOSAID_TEST_RULES_DIR "/resolve/roles.rules",
                                        "rules/resolve/roles.rules", &e),
                     0);
    const whosaid_role_entry *x = whosaid_roles_find(r, WHOSAID_ROLE_HONORIFIC, "MR", 2);
    assert_non_null(x);
    assert_int_equal(x->gender, WHOSAID_GENDER_MALE);
    x = whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "Spokeswoman", 11);
    assert_non_null(x);
    assert_int_equal(x->gender, WHOSAID_GENDER_FEMALE);
    assert_string_equal(x->group, "spokesperson");
    assert_true(!strncmp(x->where, "rules/resolve/roles.rules:", 26));
    /* blanks inside a phrase compare as one space */
    x = whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "chief \n executive", 17);
    assert_non_null(x);
    assert_string_equal(x->group, "chief executive");
    x = whosaid_roles_find(r, WHOSAID_ROLE_ORGNOUN, "ministry", 8);
    assert_non_null(x);
    assert_string_equal(x->group, "head");
    x = whosaid_roles_find(r, WHOSAID_ROLE_DETERMINER, "The", 3);
    assert_non_null(x);
    assert_string_equal(x->group, "definite");
    /* stop words end a role phrase read back from its noun */
    assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_STOP, "Said", 4));
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_STOP, "senior", 6));
    /* kinds are separate: "the" is no role noun */
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "the", 3));
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "", 0));
    whosaid_roles_free(r);
    whosaid_roles_free(NULL);
}

/* Keys longer than every entry of a kind are misses found early; the cut is
 * on code points, so a non-ASCII phrase whose lower case is shorter in bytes
 * (KELVIN SIGN, 3 bytes, lower-cases to "k") still matches. */
static void test_length_cut(void **state)
{
    (void)state;
    char *path =
        write_temp("determiner\tthe\t-\tdefinite\nrole\tkk\t-\nrole\t\xc3\xa9lu\t-\n", "cut.rules");
    whosaid_roles *r = whosaid_roles_new();
    whosaid_error e;
    assert_int_equal(whosaid_roles_load(r, path, NULL, &e), 0);
    assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_DETERMINER, "THE", 3));
    assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_DETERMINER, "the.", 4));
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_DETERMINER, "them", 4));
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_DETERMINER, "government", 10));
    assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "\xe2\x84\xaa\xe2\x84\xaa", 6));
    assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "\xc3\x89LU", 4));
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "\xc3\x89LUS", 5));
    /* no entries of a kind: every lookup misses */
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_HONORIFIC, "Mr", 2));
    whosaid_roles_free(r);
    remove_temp(path);
}

/* The early-miss filters (first bytes, first two bytes, length with first
 * and last byte) never turn a hit into a miss: every default entry is found
 * as written, upper-cased, with a trailing period and with its blanks
 * doubled; and phrases whose second byte is a blank or not ASCII. */
static void test_filters_keep_every_entry(void **state)
{
    (void)state;
    static const char *const kinds[WHOSAID_ROLE_KINDS] = {
        "", "honorific", "role", "orgnoun", "determiner", "preposition", "kindcue", "rank", "stop"};
    whosaid_roles *r = whosaid_roles_new();
    whosaid_error e;
    assert_int_equal(whosaid_roles_load(r, WHOSAID_TEST_RULES_DIR "/resolve/roles.rules", NULL, &e),
                     0);
    FILE *fp = fopen(WHOSAID_TEST_RULES_DIR "/resolve/roles.rules", "r");
    assert_non_null(fp);
    char line[512], v[1100];
    size_t tried = 0;
    while (fgets(line, sizeof line, fp)) {
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab) continue;
        *tab = '\0';
        char *phrase = tab + 1, *end = strchr(phrase, '\t');
        if (!end) continue;
        *end = '\0';
        int kind = 0;
        for (int k = 1; k < WHOSAID_ROLE_KINDS; k++)
            if (!strcmp(line, kinds[k])) kind = k;
        assert_true(kind > 0);
        size_t n = strlen(phrase);
        const whosaid_role_entry *x = whosaid_roles_find(r, kind, phrase, n);
        assert_non_null(x);
        assert_string_equal(x->phrase, phrase);
        for (size_t i = 0; i <= n; i++)
            v[i] = (char)toupper((unsigned char)phrase[i]);
        assert_ptr_equal(whosaid_roles_find(r, kind, v, n), x);
        snprintf(v, sizeof v, "%s.", phrase);
        if (phrase[n - 1] != '.') assert_ptr_equal(whosaid_roles_find(r, kind, v, n + 1), x);
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            v[m++] = phrase[i];
            if (phrase[i] == ' ') v[m++] = '\t';
        }
        assert_ptr_equal(whosaid_roles_find(r, kind, v, m), x);
        /* its first word, as written and upper-cased, may start it */
        size_t w = strcspn(phrase, " ");
        assert_int_equal(whosaid_roles_may_start(r, kind, phrase, w), 1);
        for (size_t i = 0; i < w; i++)
            v[i] = (char)toupper((unsigned char)phrase[i]);
        assert_int_equal(whosaid_roles_may_start(r, kind, v, w), 1);
        tried++;
    }
    fclose(fp);
    assert_true(tried > 50);
    whosaid_roles_free(r);
    char *path = write_temp("role\tx ray\t-\nrole\tz\xc3\xa9ro\t-\nrole\tkk\t-\n", "f.rules");
    r = whosaid_roles_new();
    assert_int_equal(whosaid_roles_load(r, path, NULL, &e), 0);
    assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "X  RAY", 6));
    assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "x\tray", 5));
    assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "Z\xc3\x89RO", 5));
    assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "kK", 2));
    assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, " kk ", 4));
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "x rays", 6));
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "xr", 2));
    /* no role starts with "qw"; a one-letter word may start "x ray" */
    assert_int_equal(whosaid_roles_may_start(r, WHOSAID_ROLE_NOUN, "Qwerty", 6), 0);
    assert_int_equal(whosaid_roles_may_start(r, WHOSAID_ROLE_NOUN, "X", 1), 1);
    assert_int_equal(whosaid_roles_may_start(r, WHOSAID_ROLE_NOUN, "X.", 2), 1);
    whosaid_roles_free(r);
    remove_temp(path);
}

static void test_user_entry_replaces(void **state)
{
    (void)state;
    char *path = write_temp("role\tspokesman\t-\tvoice\nrole\tCllr\t-\n", "mine.rules");
    whosaid_roles *r = whosaid_roles_new();
    whosaid_error e;
    assert_int_equal(whosaid_roles_load(r, WHOSAID_TEST_RULES_DIR "/resolve/roles.rules", NULL, &e),
                     0);
    size_t n = whosaid_roles_count(r);
    assert_int_equal(whosaid_roles_load(r, path, "mine.rules", &e), 0);
    assert_int_equal(whosaid_roles_count(r), n + 1);
    const whosaid_role_entry *x = whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "spokesman", 9);
    assert_string_equal(x->group, "voice");
    assert_string_equal(x->where, "mine.rules:1");
    assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "cllr.", 5));
    whosaid_roles_free(r);
    remove_temp(path);
}

/* Answers are cached inside the lexicon (roles.c): a miss asked before a
 * load is found after it, kinds stay apart, and a phrase longer than the
 * cache keeps is still found. */
static void test_cache_follows_loads(void **state)
{
    (void)state;
    whosaid_roles *r = whosaid_roles_new();
    whosaid_error e;
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "zorbmaster", 10));
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_HONORIFIC, "Zorb.", 5));
    char *path = write_temp("role\tzorbmaster\tfemale\nhonorific\tZorb.\tmale\n"
                            "role\tdeputy zorbmaster general\t-\n",
                            "z.rules");
    assert_int_equal(whosaid_roles_load(r, path, NULL, &e), 0);
    remove_temp(path);
    const whosaid_role_entry *x = whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "zorbmaster", 10);
    assert_non_null(x);
    assert_int_equal(x->gender, WHOSAID_GENDER_FEMALE);
    assert_ptr_equal(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "zorbmaster", 10), x);
    assert_ptr_equal(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "Zorbmaster", 10), x);
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_HONORIFIC, "zorbmaster", 10));
    const whosaid_role_entry *h = whosaid_roles_find(r, WHOSAID_ROLE_HONORIFIC, "Zorb.", 5);
    assert_non_null(h);
    assert_int_equal(h->gender, WHOSAID_GENDER_MALE);
    assert_ptr_equal(whosaid_roles_find(r, WHOSAID_ROLE_HONORIFIC, "Zorb", 4), h);
    assert_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "Zorb.", 5));
    assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, "deputy zorbmaster general", 25));
    whosaid_roles_free(r);
}

static void test_errors(void **state)
{
    (void)state;
    assert_load_error(load, "rol\tspokesman\t-\n", WHOSAID_ESYNTAX, 1,
                      "unknown kind \"rol\" (expected honorific, role, orgnoun, determiner, "
                      "preposition, kindcue, rank or stop)");
    assert_load_error(load, "rank\tshadow\t-\tchancellor\n", WHOSAID_ESYNTAX, 1,
                      "rank \"shadow\": no group expected");
    assert_load_error(load, "stop\tsaid\t-\tverb\n", WHOSAID_ESYNTAX, 1,
                      "stop \"said\": no group expected");
    assert_load_error(load, "kindcue\tInc\t-\n", WHOSAID_ESYNTAX, 1,
                      "kindcue \"Inc\": expected a group suffix=VALUE, before=VALUE, after=VALUE "
                      "or not=VALUE");
    assert_load_error(load, "kindcue\tInc\t-\tend=company\n", WHOSAID_ESYNTAX, 1,
                      "kindcue \"Inc\": expected a group suffix=VALUE, before=VALUE, after=VALUE "
                      "or not=VALUE");
    assert_load_error(load, "# c\nrole\tspokesman\n", WHOSAID_ESYNTAX, 2,
                      "role: expected phrase, gender and an optional group");
    assert_load_error(load, "role\tspokesman\tman\n", WHOSAID_ESYNTAX, 1,
                      "unknown gender \"man\" (expected male, female or -)");
    assert_load_error(load, "orgnoun\tministry\t-\n", WHOSAID_ESYNTAX, 1,
                      "orgnoun \"ministry\": expected a match of head, kind=VALUE or "
                      "head|kind=VALUE");
    assert_load_error(load, "orgnoun\tfirm\t-\tkind=\n", WHOSAID_ESYNTAX, 1,
                      "orgnoun \"firm\": expected a match of head, kind=VALUE or "
                      "head|kind=VALUE");
    assert_load_error(load, "orgnoun\tbank\t-\thead|\n", WHOSAID_ESYNTAX, 1,
                      "orgnoun \"bank\": expected a match of head, kind=VALUE or "
                      "head|kind=VALUE");
    assert_load_error(load, "orgnoun\tbank\t-\tkind=a|kind=b\n", WHOSAID_ESYNTAX, 1,
                      "orgnoun \"bank\": expected a match of head, kind=VALUE or "
                      "head|kind=VALUE");
    assert_load_error(load, "honorific\tMr.\tmale\tx\n", WHOSAID_ESYNTAX, 1,
                      "honorific \"Mr.\": no group expected");
    assert_load_error(load, "determiner\tthe\t-\tdefinit\n", WHOSAID_ESYNTAX, 1,
                      "determiner \"the\": the only group is definite");
    assert_load_error(load, "role\ta b c d e\t-\n", WHOSAID_ESYNTAX, 1,
                      "phrase \"a b c d e\" has more than 4 words");
    assert_load_error(load, "role\t.\t-\n", WHOSAID_ESYNTAX, 1,
                      "phrase \".\" is empty or too long");
}

/* Phrases longer than the word cache keeps are tested on the signature of
 * their plain ASCII form before a key is built: a phrase that is not plain
 * (blanks doubled, at either end, before the final period, a tab or a
 * newline, a byte past ASCII) still finds its entry, and a plain near miss
 * or one longer than every entry misses. */
static void test_long_phrases(void **state)
{
    (void)state;
    char *path =
        write_temp("role\tchief executive officer\t-\nrole\tdirector general\t-\n"
                   "role\tpr\xc3\xa9sident directeur\t-\nrole\tdirecteur g\xc3\xa9n\xc3\xa9ral\t-\n"
                   "role\tunit kk leader\t-\n",
                   "long.rules");
    whosaid_roles *r = whosaid_roles_new();
    whosaid_error e;
    assert_int_equal(whosaid_roles_load(r, path, NULL, &e), 0);
    static const char *const hits[] = {
        "Chief Executive Officer", "chief executive officer.", "CHIEF EXECUTIVE OFFICER  ",
        "chief executive officer .", " chief executive officer", "chief  executive officer",
        "chief\texecutive officer", "chief executive\nofficer", "Director General.",
        "Pr\xc3\xa9sident Directeur", "PR\xc3\x89SIDENT DIRECTEUR",
        "DIRECTEUR G\xc3\x89N\xc3\x89RAL",
        /* KELVIN SIGN, 3 bytes, lower-cases to "k": the key is shorter */
        "UNIT \xe2\x84\xaa\xe2\x84\xaa LEADER"};
    for (size_t i = 0; i < sizeof hits / sizeof *hits; i++)
        assert_non_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, hits[i], strlen(hits[i])));
    static const char *const misses[] = {"chief executive officers", "chief executive offices",
                                         "chief executive officer of the group",
                                         "director generally", "deputy director general"};
    for (size_t i = 0; i < sizeof misses / sizeof *misses; i++)
        assert_null(whosaid_roles_find(r, WHOSAID_ROLE_NOUN, misses[i], strlen(misses[i])));
    whosaid_roles_free(r);
    remove_temp(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_length_cut),
        cmocka_unit_test(test_filters_keep_every_entry),
        cmocka_unit_test(test_long_phrases),
        cmocka_unit_test(test_user_entry_replaces),
        cmocka_unit_test(test_cache_follows_loads),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
