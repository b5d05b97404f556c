/* Person names and their parts (personlink.h). */
#include "testutil.h"

#include "whosaid/personlink.h"

static size_t look(whosaid_personlink *pl, const char *name, int *g, int *cands, size_t max)
{
    return whosaid_personlink_find(pl, name, strlen(name), g, cands, max);
}

static void add(whosaid_personlink *pl, const char *name, int group)
{
    assert_int_equal(whosaid_personlink_add(pl, name, strlen(name), group), 0);
}

static void test_parts(void **state)
{
    (void)state;
    whosaid_personlink *pl = whosaid_personlink_new();
    assert_non_null(pl);
    add(pl, "Hong Lei", 1);
    add(pl, "Park Jae-moon", 2);
    add(pl, "Peter Launsky-Tieffenthal", 3);
    add(pl, "Ursula von der Leyen", 4);
    int g = -1;
    /* family name first or last, given name, hyphenated surname */
    assert_int_equal(look(pl, "Hong", &g, NULL, 0), 1);
    assert_int_equal(g, 1);
    assert_int_equal(look(pl, "Lei", &g, NULL, 0), 1);
    assert_int_equal(g, 1);
    assert_int_equal(look(pl, "Park", &g, NULL, 0), 1);
    assert_int_equal(g, 2);
    assert_int_equal(look(pl, "Launsky-Tieffenthal", &g, NULL, 0), 1);
    assert_int_equal(g, 3);
    /* a part with particles, any case */
    assert_int_equal(look(pl, "von der Leyen", &g, NULL, 0), 1);
    assert_int_equal(g, 4);
    assert_int_equal(look(pl, "HONG LEI", &g, NULL, 0), 1);
    assert_int_equal(g, 1);
    /* particles alone are not names; unknown names are unknown */
    assert_int_equal(look(pl, "von der", &g, NULL, 0), 0);
    assert_int_equal(look(pl, "Launsky", &g, NULL, 0), 0);
    assert_int_equal(look(pl, "Smith", &g, NULL, 0), 0);
    whosaid_personlink_free(pl);
    whosaid_personlink_free(NULL);
}

static void test_shared_part_is_ambiguous(void **state)
{
    (void)state;
    whosaid_personlink *pl = whosaid_personlink_new();
    add(pl, "Kim Min-ji", 1);
    add(pl, "Kim Tae-hoon", 2);
    add(pl, "Kim Min-ji", 7); /* the same name again keeps its first group */
    int g = -1, c[4] = {0};
    assert_int_equal(look(pl, "Kim", &g, c, 4), 2);
    assert_int_equal(c[0], 1);
    assert_int_equal(c[1], 2);
    assert_int_equal(look(pl, "Kim Min-ji", &g, NULL, 0), 1);
    assert_int_equal(g, 1);
    assert_int_equal(look(pl, "Tae-hoon", &g, NULL, 0), 1);
    assert_int_equal(g, 2);
    whosaid_personlink_free(pl);
}

static void test_full_name_inside_longer(void **state)
{
    (void)state;
    whosaid_personlink *pl = whosaid_personlink_new();
    add(pl, "Martin Luther King", 1);
    add(pl, "Luther King", 2);
    int g = -1;
    /* as a full name it is its own; as a part it belongs to the longer one */
    assert_int_equal(look(pl, "Luther King", &g, NULL, 0), 1);
    assert_int_equal(g, 2);
    assert_int_equal(whosaid_personlink_find_part(pl, "Luther King", 11, &g, NULL, 0), 1);
    assert_int_equal(g, 1);
    assert_int_equal(whosaid_personlink_words("  Martin  Luther ", 17), 2);
    whosaid_personlink_free(pl);
}

/* "al-Tamimi", "el-Sisi": a particle joined to a surname is a name part,
 * and so is the surname without it ("Tamimi"); the particle alone is not. */
static void test_joined_particles(void **state)
{
    (void)state;
    whosaid_personlink *pl = whosaid_personlink_new();
    assert_non_null(pl);
    add(pl, "Ahmed al-Tamimi", 1);
    add(pl, "Valéry Giscard d'Estaing", 2);
    int g = -1;
    assert_int_equal(look(pl, "al-Tamimi", &g, NULL, 0), 1);
    assert_int_equal(g, 1);
    assert_int_equal(look(pl, "Al-Tamimi", &g, NULL, 0), 1); /* opening a sentence */
    assert_int_equal(look(pl, "Tamimi", &g, NULL, 0), 1);
    assert_int_equal(g, 1);
    assert_int_equal(look(pl, "d'Estaing", &g, NULL, 0), 1);
    assert_int_equal(g, 2);
    assert_int_equal(look(pl, "al", &g, NULL, 0), 0);
    /* a lower-case word without a capital after its hyphen stays weak */
    add(pl, "Maria well-known", 3);
    assert_int_equal(look(pl, "well-known", &g, NULL, 0), 0);
    whosaid_personlink_free(pl);
}

/* A cleared link forgets the last document's names and takes new ones. */
static void test_clear(void **state)
{
    (void)state;
    whosaid_personlink *pl = whosaid_personlink_new();
    int g = -1, cands[4];
    add(pl, "Kim Min-ji", 1);
    add(pl, "Kim Tae-hoon", 2);
    assert_int_equal(whosaid_personlink_clear(pl), 0);
    assert_int_equal(look(pl, "Kim Min-ji", &g, NULL, 0), 0);
    assert_int_equal(look(pl, "Kim", &g, NULL, 0), 0);
    add(pl, "Kim Tae-hoon", 7);
    assert_int_equal(look(pl, "Kim", &g, cands, 4), 1);
    assert_int_equal(g, 7);
    assert_int_equal(cands[0], 7);
    assert_int_equal(look(pl, "Tae-hoon", &g, NULL, 0), 1);
    assert_int_equal(g, 7);
    assert_int_equal(whosaid_personlink_clear(pl), 0);
    assert_int_equal(whosaid_personlink_clear(pl), 0);
    whosaid_personlink_free(pl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts),
        cmocka_unit_test(test_shared_part_is_ambiguous),
        cmocka_unit_test(test_full_name_inside_longer),
        cmocka_unit_test(test_joined_particles),
        cmocka_unit_test(test_clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
