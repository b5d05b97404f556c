/* Gazetteer: longest match on token boundaries, case rules per entry,
 * user-over-default precedence, file errors. */
#include "testutil.h"

#include "whosaid/gazetteer.h"

static const char *DEFAULTS =
    "# surface\tcanonical\ttype\tattributes\n"
    "Korea\tKorea\tLOCATION\tcountry=KR\n"
    "Republic of Korea\tSouth Korea\tCOUNTRY\tcountry=KR\n"
    "ROK\tSouth Korea\tCOUNTRY\tcountry=KR\n"
    "Korea Communications Commission\tKorea Communications Commission\tORG\tcountry=KR\n"
    "South Korean\tSouth Korea\tCOUNTRY\tcountry=KR;demonym=true\n"
    "U.S.\tUnited States\tCOUNTRY\tcountry=US;case=exact\n"
    "iPhone\tiPhone\tPRODUCT\tcase=fold\n"
    "Seoul\tSeoul\tLOCATION\tcountry=KR;kind=city\n";

/* Matches at each token of text; returns "canonical@token:len" joined by ' '. */
static void check_matches(whosaid_gazetteer *g, const char *text, const char *want)
{
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    whosaid_buf scratch = WHOSAID_BUF_INIT, got = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_tokenize(text, strlen(text), NULL, 0, &t), 0);
    for (size_t i = 0; i < t.n;) {
        whosaid_gaz_entry e;
        size_t k = whosaid_gazetteer_match(g, text, &t, i, &e, &scratch);
        if (k) {
            whosaid_buf_printf(&got, "%s%s@%zu:%zu", got.len ? " " : "", e.canonical, i, k);
            i += k;
        } else {
            i++;
        }
    }
    assert_string_equal(got.data ? got.data : "", want);
    whosaid_tokens_free(&t);
    whosaid_buf_free(&scratch);
    whosaid_buf_free(&got);
}

static void assert_same_entry(const whosaid_gaz_entry *a, const whosaid_gaz_entry *b)
{
    assert_ptr_equal(a->surface, b->surface);
    assert_ptr_equal(a->canonical, b->canonical);
    assert_ptr_equal(a->type, b->type);
    assert_ptr_equal(a->attrs, b->attrs);
    assert_int_equal(a->line, b->line);
    assert_int_equal(a->user, b->user);
}

/* The memo answers as whosaid_gazetteer_match does at every token of text,
 * whether _next or _match asked first, and asking again changes nothing. */
static void check_memo_agrees(const whosaid_gazetteer *g, whosaid_gaz_memo *m, const char *text)
{
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    whosaid_buf scratch = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_tokenize(text, strlen(text), NULL, 0, &t), 0);
    assert_int_equal(whosaid_gaz_memo_reset(m, g, text, &t), 0);
    assert_ptr_equal(whosaid_gaz_memo_gazetteer(m), g);
    /* the tagger's walk: the next match from i on, skipping what it covers */
    size_t i = 0, stop = 0, k;
    whosaid_gaz_entry got, want;
    for (; (k = whosaid_gaz_memo_next(m, &i, &got)) != 0; stop = i += k) {
        for (size_t j = stop; j < i; j++)
            assert_int_equal(whosaid_gazetteer_match(g, text, &t, j, &want, &scratch), 0);
        assert_int_equal(whosaid_gazetteer_match(g, text, &t, i, &want, &scratch), k);
        assert_same_entry(&got, &want);
    }
    assert_int_equal(i, t.n);
    for (size_t j = stop; j < t.n; j++)
        assert_int_equal(whosaid_gazetteer_match(g, text, &t, j, &want, &scratch), 0);
    /* then any token, covered or not, in any order (t.n is past the end) */
    for (int pass = 0; pass < 2; pass++)
        for (size_t j = t.n + 1; j-- > 0;) {
            size_t direct = whosaid_gazetteer_match(g, text, &t, j, &want, &scratch);
            assert_int_equal(whosaid_gaz_memo_match(m, j, &got), direct);
            if (direct) assert_same_entry(&got, &want);
        }
    whosaid_tokens_free(&t);
    whosaid_buf_free(&scratch);
}

static void test_memo_answers_as_match(void **state)
{
    (void)state;
    char *path = write_temp(DEFAULTS, NULL);
    whosaid_error e;
    whosaid_gazetteer *g = whosaid_gazetteer_new();
    whosaid_gaz_memo *m = whosaid_gaz_memo_new();
    assert_non_null(m);
    assert_int_equal(whosaid_gazetteer_load(g, path, 0, &e), 0);
    /* one memo for several documents: a reset forgets the last one's answers */
    check_memo_agrees(g, m, "the Republic of Korea and the ROK's Korea Communications Commission");
    check_memo_agrees(g, m, "Seoul");
    check_memo_agrees(g, m, "");
    check_memo_agrees(g, m,
                      "rok Rok ROK SEOUL seoul Seoul IPHONE iphone U.S. u.s. US Koreas "
                      "Seoulite South Korean in Seoul, Korea");
    whosaid_gaz_memo_free(m);
    whosaid_gaz_memo_free(NULL);
    whosaid_gazetteer_free(g);
    remove(path);
    free(path);
}

static void test_longest_match_and_case(void **state)
{
    (void)state;
    char *path = write_temp(DEFAULTS, NULL);
    whosaid_error e;
    whosaid_gazetteer *g = whosaid_gazetteer_new();
    assert_int_equal(whosaid_gazetteer_load(g, path, 0, &e), 0);
    assert_int_equal(whosaid_gazetteer_count(g), 8);
    check_matches(g, "the Republic of Korea and the ROK's Korea Communications Commission",
                  "South Korea@1:3 South Korea@6:1 Korea Communications Commission@8:3");
    /* Acronyms only in capitals; names as written or ALL-CAPS; fold in any case. */
    check_matches(g, "rok Rok ROK SEOUL seoul Seoul", "South Korea@2:1 Seoul@3:1 Seoul@5:1");
    check_matches(g, "IPHONE iphone", "iPhone@0:1 iPhone@1:1");
    /* case=exact: "U.S." but not "u.s." nor "US" (a different token). */
    check_matches(g, "U.S. u.s. US", "United States@0:1");
    /* Token boundaries: no match inside a longer word. */
    check_matches(g, "Koreas Seoulite South Korean", "South Korea@2:2");
    whosaid_gaz_entry ent;
    assert_int_equal(whosaid_gazetteer_lookup(g, "South Korean", &ent), 1);
    assert_string_equal(ent.type, "COUNTRY");
    assert_string_equal(ent.attrs, "country=KR;demonym=true");
    assert_int_equal(ent.line, 6);
    assert_string_equal(ent.file, path);
    assert_int_equal(whosaid_gazetteer_lookup(g, "U.S.", &ent), 1);
    assert_string_equal(ent.attrs, "country=US"); /* case= is a matching rule, not an attribute */
    whosaid_gazetteer_free(g);
    remove_temp(path);
}

static void test_user_entries_override_defaults(void **state)
{
    (void)state;
    char *defaults = write_temp(DEFAULTS, NULL);
    char *more_defaults = write_temp("Seoul\tSeoul Special City\tLOCATION\t-\n", NULL);
    char *user = write_temp("Korea\tKorea Peninsula\tLOCATION\tkind=region\n", NULL);
    whosaid_error e;
    whosaid_gazetteer *g = whosaid_gazetteer_new();
    assert_int_equal(whosaid_gazetteer_load(g, defaults, 0, &e), 0);
    assert_int_equal(whosaid_gazetteer_load(g, more_defaults, 0, &e), 0);
    assert_int_equal(whosaid_gazetteer_load(g, user, 1, &e), 0);
    whosaid_gaz_entry ent;
    assert_int_equal(whosaid_gazetteer_lookup(g, "Seoul", &ent), 1);
    assert_string_equal(ent.canonical, "Seoul"); /* first default wins over a later default */
    assert_int_equal(whosaid_gazetteer_lookup(g, "Korea", &ent), 1);
    assert_string_equal(ent.canonical, "Korea Peninsula"); /* user wins */
    assert_int_equal(ent.user, 1);
    whosaid_gazetteer_free(g);
    remove_temp(defaults);
    remove_temp(more_defaults);
    remove_temp(user);
}

/* Loads content as one default file; the caller frees the gazetteer. */
static whosaid_gazetteer *load_string(const char *content)
{
    char *path = write_temp(content, NULL);
    whosaid_error e;
    whosaid_gazetteer *g = whosaid_gazetteer_new();
    assert_int_equal(whosaid_gazetteer_load(g, path, 0, &e), 0);
    remove_temp(path);
    return g;
}

static void test_case_rules_compete(void **state)
{
    (void)state;
    /* A name's ALL-CAPS form and an exact entry of the same letters are one
     * key: the first loaded owns it. */
    whosaid_gazetteer *g = load_string("Seoul\tSeoul\tLOCATION\t-\n"
                                       "SEOUL\tSeoul Club\tORG\tcase=exact\n"
                                       "Apple\tApple Inc.\tORG\t-\n"
                                       "apple\tapple\tFOOD\tcase=fold\n"
                                       "apple pie\tapple pie\tFOOD\tcase=fold\n");
    check_matches(g, "SEOUL Seoul seoul", "Seoul@0:1 Seoul@1:1");
    /* Equal length: the case-sensitive entry; longer: the folded one. */
    check_matches(g, "Apple\nAPPLE aPPle apple",
                  "Apple Inc.@0:1 Apple Inc.@1:1 apple@2:1 apple@3:1");
    check_matches(g, "Apple Pie", "apple pie@0:2");
    whosaid_gazetteer_free(g);
    g = load_string("SEOUL\tSeoul Club\tORG\tcase=exact\nSeoul\tSeoul\tLOCATION\t-\n");
    check_matches(g, "SEOUL Seoul", "Seoul Club@0:1 Seoul@1:1");
    whosaid_gazetteer_free(g);
}

/* One word in capitals inside mixed-case text is an acronym, not the
 * name it spells ("the GAO" is no city of Gao); at a line's start (a
 * dateline) or among other capitals (a headline) it is the name. Exact
 * entries ("ROK") and names of several words match as ever. */
static void test_allcaps_word_alone_is_an_acronym(void **state)
{
    (void)state;
    whosaid_gazetteer *g = load_string("Gao\tGao\tLOCATION\tcountry=ML\n"
                                       "Seoul\tSeoul\tLOCATION\t-\n"
                                       "ROK\tSouth Korea\tCOUNTRY\t-\n"
                                       "New York\tNew York\tLOCATION\t-\n");
    check_matches(g, "said the GAO on Monday", "");
    check_matches(g, "the GAO (Mali) and Gao", "Gao@6:1");
    check_matches(g, "GAO, March 3 (Reuters) - Gao", "Gao@0:1 Gao@8:1");
    check_matches(g, "Talks.\nSEOUL, March 3 (Yonhap) - talks", "Seoul@2:1");
    check_matches(g, "TALKS IN SEOUL END", "Seoul@2:1");
    check_matches(g, "in SEOUL and the ROK and NEW YORK", "South Korea@4:1 New York@6:2");
    whosaid_gazetteer_free(g);
}

/* The lead filter (first two code points of a first token, case-mapped)
 * must pass every token that can match: a non-ASCII lead, a lead that only
 * case mapping makes ASCII (KELVIN SIGN lower-cases to 'k'), one-letter
 * tokens, ALL-CAPS keys of names, and folded keys met in capitals. */
static void test_lead_filter_passes_every_match(void **state)
{
    (void)state;
    whosaid_gazetteer *g = load_string("\xC3\x89lys\xC3\xA9"
                                       "e Palace\tElysee\tORG\t-\n"
                                       "kelvin\tkelvin\tUNIT\tcase=fold\n"
                                       "X Corp\tX Corp\tORG\t-\n"
                                       "Q\tQ\tORG\tcase=exact\n"
                                       "\xC3\xB6lfeld\t\xC3\xB6lfeld\tPLACE\tcase=fold\n"
                                       "Zu\xC3\xA9\tZue\tPLACE\t-\n");
    check_matches(g,
                  "\xC3\x89lys\xC3\xA9"
                  "e Palace \xC3\x89LYS\xC3\x89"
                  "E PALACE",
                  "Elysee@0:2 Elysee@2:2");
    check_matches(g,
                  "KELVIN Kelvin \xE2\x84\xAA"
                  "elvin kelvim",
                  "kelvin@0:1 kelvin@1:1 kelvin@2:1");
    check_matches(g, "X Corp X CORP x corp Q q", "X Corp@0:2 X Corp@2:2 Q@6:1");
    check_matches(g, "\xC3\x96LFELD Zu\xC3\xA9\nZU\xC3\x89 Zu",
                  "\xC3\xB6lfeld@0:1 Zue@1:1 Zue@2:1");
    whosaid_gazetteer_free(g);
}

/* Both tables' lead filters are one look-up per token: an exact entry's
 * lead passes only as written, a folded entry's in any case, and a file
 * loaded later (a user's) adds its leads to those of the first. */
static void test_lead_filters_of_both_tables_and_later_files(void **state)
{
    (void)state;
    whosaid_gazetteer *g = load_string("eBay\teBay\tORG\tcase=exact\n");
    check_matches(g, "eBay EBay ebay Qantas QANTAS qantas", "eBay@0:1");
    char *path = write_temp("qantas\tQantas\tORG\tcase=fold\n", NULL);
    whosaid_error e;
    assert_int_equal(whosaid_gazetteer_load(g, path, 1, &e), 0);
    remove_temp(path);
    check_matches(g, "eBay EBay ebay Qantas QANTAS qantas",
                  "eBay@0:1 Qantas@3:1 Qantas@4:1 Qantas@5:1");
    whosaid_gazetteer_free(g);
}

/* The signature filter (byte length, first and last byte of a first token
 * once case-mapped): ALL-CAPS forms whose bytes differ from the entry's,
 * and non-ASCII first or last bytes, must all get through. */
static void test_signature_filter_passes_every_match(void **state)
{
    (void)state;
    /* "Kırıkkale": upper-casing the dotless i makes the token shorter. */
    whosaid_gazetteer *g = load_string("K\xC4\xB1r\xC4\xB1kkale\tKirikkale\tLOCATION\t-\n"
                                       "Zo\xC3\xAB Hall\tZoe Hall\tORG\t-\n"
                                       "\xC3\xA9"
                                       "cole Polytechnique\tX\tORG\t-\n"
                                       "Nuuk\tNuuk\tLOCATION\t-\n");
    check_matches(g, "K\xC4\xB1r\xC4\xB1kkale\nKIRIKKALE Kirikkale", "Kirikkale@0:1 Kirikkale@1:1");
    check_matches(g, "Zo\xC3\xAB Hall ZO\xC3\x8B HALL Zoe Hall", "Zoe Hall@0:2 Zoe Hall@2:2");
    check_matches(g,
                  "\xC3\xA9"
                  "cole Polytechnique \xC3\x89"
                  "COLE POLYTECHNIQUE",
                  "X@0:2 X@2:2");
    check_matches(g, "Nuuk\nNUUK nuuk Nuu Nuuq", "Nuuk@0:1 Nuuk@1:1");
    whosaid_gazetteer_free(g);
}

static void test_keys_are_token_sequences(void **state)
{
    (void)state;
    whosaid_gazetteer *g =
        load_string("New  York\tNew York City\tLOCATION\t-\n"
                    "People's Republic of China\tChina\tCOUNTRY\tcountry=CN\n"
                    "AT&T\tAT&T\tORG\tcase=exact\n"
                    "Überlingen\tÜberlingen\tLOCATION\tcountry=DE\n"
                    "école polytechnique\tÉcole polytechnique\tORG\tcase=fold\n");
    check_matches(g, "New York NEW YORK New\nYork NewYork",
                  "New York City@0:2 New York City@2:2 New York City@4:2");
    check_matches(g, "the People's Republic of China", "China@1:5");
    check_matches(g, "AT&T AT & T", "AT&T@0:3");
    check_matches(g, "Überlingen\nÜBERLINGEN überlingen", "Überlingen@0:1 Überlingen@1:1");
    check_matches(g, "ÉCOLE POLYTECHNIQUE École Polytechnique",
                  "École polytechnique@0:2 École polytechnique@2:2");
    whosaid_gaz_entry ent;
    assert_int_equal(whosaid_gazetteer_lookup(g, "New York", &ent), 1);
    assert_string_equal(ent.surface, "New  York"); /* the surface as written */
    assert_string_equal(ent.attrs, "");
    assert_int_equal(whosaid_gazetteer_lookup(g, "New", &ent), 0);
    assert_int_equal(whosaid_gazetteer_lookup(g, "People's Republic of", &ent), 0);
    whosaid_gazetteer_free(g);
}

/* Enough entries that keys are indexed in several batches, with a duplicate
 * far from the original: precedence holds across batches and files. */
static void test_many_entries(void **state)
{
    (void)state;
    enum { N = 150000 };
    whosaid_buf b = WHOSAID_BUF_INIT;
    for (int i = 0; i < N; i++)
        whosaid_buf_printf(&b, "Firm%d Holdings\tC%d\tORG\t%s\n", i, i, i % 10 ? "-" : "case=fold");
    whosaid_buf_printf(&b, "Firm1 Holdings\tlate default\tORG\t-\n");
    char *defaults = write_temp(b.data, NULL);
    char *user =
        write_temp("Firm7 Holdings\tuser\tORG\t-\nFirm20 holdings\tuser\tORG\tcase=fold\n", NULL);
    whosaid_error e;
    whosaid_gazetteer *g = whosaid_gazetteer_new();
    assert_int_equal(whosaid_gazetteer_load(g, defaults, 0, &e), 0);
    assert_int_equal(whosaid_gazetteer_load(g, user, 1, &e), 0);
    assert_int_equal(whosaid_gazetteer_count(g), N + 3);
    whosaid_gaz_entry ent;
    char text[64], want[32];
    for (int i = 1; i < N; i += 997) {
        snprintf(text, sizeof text, i % 2 ? "Firm%d Holdings" : "FIRM%d HOLDINGS", i);
        snprintf(want, sizeof want, "C%d", i);
        assert_int_equal(whosaid_gazetteer_lookup(g, text, &ent), 1);
        assert_string_equal(ent.canonical, want);
    }
    assert_int_equal(whosaid_gazetteer_lookup(g, "Firm1 Holdings", &ent), 1);
    assert_string_equal(ent.canonical, "C1"); /* the first default, not the late one */
    assert_int_equal(whosaid_gazetteer_lookup(g, "firm30 HOLDINGS", &ent), 1); /* case=fold */
    assert_int_equal(whosaid_gazetteer_lookup(g, "firm31 holdings", &ent), 0);
    assert_int_equal(whosaid_gazetteer_lookup(g, "Firm7 Holdings", &ent), 1);
    assert_string_equal(ent.canonical, "user");
    assert_int_equal(whosaid_gazetteer_lookup(g, "FIRM20 Holdings", &ent), 1);
    assert_string_equal(ent.canonical, "user");
    assert_int_equal(whosaid_gazetteer_lookup(g, "Firm150000 Holdings", &ent), 0);
    whosaid_gazetteer_free(g);
    whosaid_buf_free(&b);
    remove_temp(defaults);
    remove_temp(user);
}

static int load_gazetteer(const char *path, whosaid_error *e)
{
    whosaid_gazetteer *g = whosaid_gazetteer_new();
    int rc = whosaid_gazetteer_load(g, path, 0, e);
    whosaid_gazetteer_free(g);
    return rc;
}

#define check_error(content, line, msg)                                                            \
    assert_load_error(load_gazetteer, content, WHOSAID_ESYNTAX, line, msg)

static void test_errors_name_file_and_line(void **state)
{
    (void)state;
    check_error(
        "ok\tok\tORG\n\nonly two\tfields\n", 3,
        "expected surface, canonical, TYPE and attributes separated by TABs, found 2 fields");
    check_error("a\tb\tcity\t-\n", 1, "type 'city' must be upper-case letters or _");
    check_error("a\tb\tORG\tcountry\n", 1, "attribute 'country' is not key=value");
    check_error("a\tb\tORG\tcase=upper\n", 1, "case must be name, exact or fold, not 'upper'");
    check_error("a\tb\tORG\tCountry=KR\n", 1,
                "attribute name 'Country' must be lower-case letters, digits or _");
    check_error("ok\tok\tORG\n  \tx\tORG\t-\n", 2, "empty surface form");
}

/* The default organizations name the brokers, luxury houses and parties
 * news cites by one word ("Jefferies predicted", "Kering, the owner of
 * Gucci", "Plaid Cymru described it"). */
static void test_default_organizations_by_one_name(void **state)
{
    (void)state;
    whosaid_error e;
    whosaid_gazetteer *g = whosaid_gazetteer_new();
    assert_int_equal(
        whosaid_gazetteer_load(g, WHOSAID_TEST_RULES_DIR "/gazetteer/organizations.tsv", 0, &e), 0);
    static const char *const want[][3] = {
        {"Jefferies", "Jefferies", "kind=company"},   {"Bernstein", "Bernstein", "kind=company"},
        {"Kering", "Kering", "kind=company"},         {"Gucci", "Gucci", "kind=company"},
        {"Hermes", "Hermès", "kind=company"},         {"Plaid Cymru", "Plaid Cymru", "kind=party"},
        {"Fianna Fail", "Fianna Fáil", "kind=party"}, {"Syriza", "Syriza", "kind=party"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        whosaid_gaz_entry ent;
        assert_int_equal(whosaid_gazetteer_lookup(g, want[i][0], &ent), 1);
        assert_string_equal(ent.type, "ORG");
        assert_string_equal(ent.canonical, want[i][1]);
        assert_non_null(strstr(ent.attrs, want[i][2]));
    }
    whosaid_gazetteer_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_longest_match_and_case),
        cmocka_unit_test(test_memo_answers_as_match),
        cmocka_unit_test(test_user_entries_override_defaults),
        cmocka_unit_test(test_case_rules_compete),
        cmocka_unit_test(test_allcaps_word_alone_is_an_acronym),
        cmocka_unit_test(test_signature_filter_passes_every_match),
        cmocka_unit_test(test_keys_are_token_sequences),
        cmocka_unit_test(test_lead_filter_passes_every_match),
        cmocka_unit_test(test_lead_filters_of_both_tables_and_later_files),
        cmocka_unit_test(test_many_entries),
        cmocka_unit_test(test_errors_name_file_and_line),
        cmocka_unit_test(test_default_organizations_by_one_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
