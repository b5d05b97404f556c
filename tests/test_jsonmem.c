/* The per-record jansson arena: values made in it are right, frees of
 * values made outside it still reach free() (ASan checks that in its
 * build: this test switches the arena on there too), the latest allocation
 * is rolled back, large blocks bypass it, memory after a huge record goes
 * back to the high-water mark, a record released without a walk, and the
 * switches. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/jsonmem.h"
#include "whosaid/out.h"

static const char *const REC =
    "{\"id\":\"d1\",\"text\":\"Ms Tan said \\\"no\\\".\",\"spans\":[{\"start\":0,\"end\":6,"
    "\"type\":\"PERSON\"},{\"start\":12,\"end\":16,\"type\":\"QUOTE\"}],\"n\":-7}";

/* Parses REC, adds a field, serializes; the record is gone on return. */
static void one_record(void)
{
    json_error_t jerr;
    json_t *rec = json_loads(REC, 0, &jerr);
    assert_non_null(rec);
    assert_int_equal(json_object_set_new(rec, "x", json_string("y")), 0);
    char *got = whosaid_json_dump(rec);
    assert_non_null(got);
    assert_int_equal(strncmp(got, REC, strlen(REC) - 1), 0);
    assert_string_equal(got + strlen(REC) - 1, ",\"x\":\"y\"}");
    free(got);
    json_decref(rec);
}

static void test_records_in_arena(void **state)
{
    (void)state;
    whosaid_jsonmem *m = whosaid_jsonmem_new();
    assert_non_null(m);
    /* Made before: malloc'd, kept across records, freed while one is on. */
    json_t *kept = json_pack("{s:s}", "role", "minister");
    json_t *gone = json_string("made outside");
    for (int i = 0; i < 3; i++) {
        whosaid_jsonmem_begin(m);
        one_record();
        json_t *rec = json_object();
        assert_int_equal(json_object_set(rec, "attrs", kept), 0); /* a reference into it */
        json_decref(rec);
        if (i == 1) json_decref(gone);
        whosaid_jsonmem_end(m);
        assert_true(whosaid_jsonmem_held(m) > 0);
    }
    assert_int_equal(kept->refcount, 1);
    assert_string_equal(json_string_value(json_object_get(kept, "role")), "minister");
    json_decref(kept);
    whosaid_jsonmem_free(m);
}

static void test_latest_rolled_back(void **state)
{
    (void)state;
    whosaid_jsonmem *m = whosaid_jsonmem_new();
    whosaid_jsonmem_begin(m);
    json_t *a = json_integer(1);
    uintptr_t where = (uintptr_t)a;
    json_decref(a);
    json_t *b = json_integer(2);
    assert_true((uintptr_t)b == where); /* the same bytes again */
    json_t *c = json_integer(3);
    json_decref(b); /* not the latest: stays */
    json_t *d = json_integer(4);
    assert_true((uintptr_t)d != where);
    assert_int_equal(json_integer_value(c), 3);
    json_decref(c);
    json_decref(d);
    whosaid_jsonmem_end(m);
    whosaid_jsonmem_free(m);
}

static void test_big_and_high_water(void **state)
{
    (void)state;
    whosaid_jsonmem *m = whosaid_jsonmem_new();
    whosaid_jsonmem_begin(m);
    /* A long string goes to malloc: the arena does not grow for it. */
    size_t big = 4 * WHOSAID_JSONMEM_KEEP;
    char *text = malloc(big);
    assert_non_null(text);
    memset(text, 'a', big);
    json_t *s = json_stringn(text, big);
    assert_non_null(s);
    assert_true(whosaid_jsonmem_held(m) < WHOSAID_JSONMEM_KEEP);
    json_decref(s);
    free(text);
    /* Many small values: the arena grows past the mark... */
    json_t *arr = json_array();
    for (int i = 0; i < 400000; i++)
        assert_int_equal(json_array_append_new(arr, json_integer(i)), 0);
    assert_true(whosaid_jsonmem_held(m) > WHOSAID_JSONMEM_KEEP);
    assert_int_equal(json_integer_value(json_array_get(arr, 399999)), 399999);
    json_decref(arr);
    whosaid_jsonmem_end(m);
    /* ...and gives the excess back after the record. */
    size_t held = whosaid_jsonmem_held(m);
    assert_true(held > 0 && held <= WHOSAID_JSONMEM_KEEP);
    whosaid_jsonmem_begin(m);
    one_record();
    whosaid_jsonmem_end(m);
    assert_int_equal(whosaid_jsonmem_held(m), held);
    whosaid_jsonmem_free(m);
}

/* A record let go with whosaid_jsonmem_release is not walked: the reset
 * frees all of it, the malloc'd long text too (LeakSanitizer sees that in
 * the Asan build), and a value from outside keeps the record's reference.
 * Without an arena, release is json_decref. */
static void test_release_at_reset(void **state)
{
    (void)state;
    whosaid_jsonmem *m = whosaid_jsonmem_new();
    assert_non_null(m);
    json_t *kept = json_pack("{s:s}", "role", "minister");
    size_t big = 2 * WHOSAID_JSONMEM_BIG;
    char *text = malloc(big);
    assert_non_null(text);
    memset(text, 'b', big);
    for (int i = 0; i < 3; i++) {
        whosaid_jsonmem_begin(m);
        json_t *rec = json_object();
        assert_int_equal(json_object_set_new(rec, "text", json_stringn(text, big)), 0);
        assert_int_equal(json_object_set_new(rec, "early", json_stringn(text, big)), 0);
        assert_int_equal(json_object_set(rec, "attrs", kept), 0);
        assert_int_equal(json_object_set_new(rec, "n", json_integer(i)), 0);
        assert_int_equal(json_object_del(rec, "early"), 0); /* freed now, not again */
        whosaid_jsonmem_release(m, rec);
        whosaid_jsonmem_end(m);
        assert_true(whosaid_jsonmem_held(m) < WHOSAID_JSONMEM_KEEP);
    }
    assert_int_equal(kept->refcount, 4);
    json_t *v = json_incref(kept);
    whosaid_jsonmem_release(NULL, v);
    assert_int_equal(kept->refcount, 4);
    free(text);
    while (kept->refcount > 1)
        json_decref(kept);
    json_decref(kept);
    whosaid_jsonmem_free(m);
}

static void test_switches(void **state)
{
    (void)state;
    whosaid_jsonmem_begin(NULL);
    whosaid_jsonmem_end(NULL);
    whosaid_jsonmem_free(NULL);
    assert_int_equal(whosaid_jsonmem_held(NULL), 0);
    setenv("WHOSAID_JSON_ARENA", "0", 1);
    assert_int_equal(whosaid_jsonmem_wanted(), 0);
    assert_null(whosaid_jsonmem_for_records());
    unsetenv("WHOSAID_JSON_ARENA");
    whosaid_jsonmem *m = whosaid_jsonmem_for_records();
    assert_int_equal(m != NULL, whosaid_jsonmem_wanted());
    /* Off (no begin): plain malloc, nothing held. */
    one_record();
    assert_int_equal(whosaid_jsonmem_held(m), 0);
    whosaid_jsonmem_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_in_arena),   cmocka_unit_test(test_latest_rolled_back),
        cmocka_unit_test(test_big_and_high_water), cmocka_unit_test(test_release_at_reset),
        cmocka_unit_test(test_switches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
