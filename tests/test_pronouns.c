/* Pronoun antecedent choice: type, gender, the latest speaker, ambiguity. */
#include "testutil.h"

#include "whosaid/pronouns.h"

static const whosaid_pronoun he = {WHOSAID_GENDER_MALE, 0, WHOSAID_SPK_PERSON, 0, 0};
static const whosaid_pronoun she = {WHOSAID_GENDER_FEMALE, 0, WHOSAID_SPK_PERSON, 0, 0};
static const whosaid_pronoun it = {0, 0, WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY, 0, 0};

static void choices(void **state)
{
    (void)state;
    const char *why = NULL;
    /* most recent first: a woman, a country, a man of unknown gender */
    whosaid_antecedent c[] = {{WHOSAID_SPK_PERSON, WHOSAID_GENDER_FEMALE, 0, 0},
                              {WHOSAID_SPK_COUNTRY, 0, 0, 0},
                              {WHOSAID_SPK_PERSON, 0, 0, 0}};
    /* two persons fit "she"; only the first is known to be a woman */
    assert_int_equal(whosaid_pronouns_choose(&she, c, 3, &why), 0);
    /* "he": the woman is out, the other person is the only one left */
    assert_int_equal(whosaid_pronouns_choose(&he, c, 3, &why), 2);
    c[2].gender = WHOSAID_GENDER_MALE;
    assert_int_equal(whosaid_pronouns_choose(&she, c, 3, &why), 0);
    assert_int_equal(whosaid_pronouns_choose(&he, c, 3, &why), 2);
    assert_int_equal(whosaid_pronouns_choose(&it, c, 3, &why), 1);
    /* two unknown-gender persons: the latest claim's speaker wins */
    c[0].gender = c[2].gender = 0;
    c[2].last_speaker = 1;
    assert_int_equal(whosaid_pronouns_choose(&he, c, 3, &why), 2);
    /* the subject of the sentence before outranks the latest speaker */
    c[0].subject = 1;
    assert_int_equal(whosaid_pronouns_choose(&he, c, 3, &why), 0);
    assert_int_equal(whosaid_pronouns_choose(&it, c, 3, &why), 1);
    c[0].subject = 0;
    /* but "it" among several organizations stays ambiguous */
    whosaid_antecedent o[] = {{WHOSAID_SPK_ORG, 0, 0, 0}, {WHOSAID_SPK_COUNTRY, 0, 1, 0}};
    why = NULL;
    assert_int_equal(whosaid_pronouns_choose(&it, o, 2, &why), -1);
    assert_non_null(why);
    assert_int_equal(whosaid_pronouns_choose(&he, o, 2, &why), -1);
    assert_int_equal(whosaid_pronouns_choose(&he, NULL, 0, &why), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(choices)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
