/* The claim finder on small hand-built records (text, sentences, spans):
 * each frame, pronouns, via, according to, continuation, unknown speakers. */
#include "testutil.h"

#include <jansson.h>

#include "whosaid/attrib.h"
#include "whosaid/cues.h"

static whosaid_cues *cues;
static whosaid_attrib *at;

static int setup(void **state)
{
    (void)state;
    whosaid_error e;
    cues = whosaid_cues_new();
    if (!cues || whosaid_cues_load(cues, WHOSAID_TEST_RULES_DIR "/claims", &e)) return -1;
    at = whosaid_attrib_new(cues);
    return at ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    whosaid_attrib_free(at);
    whosaid_cues_free(cues);
    whosaid_attrib_free(NULL);
    return 0;
}

/* A record of ASCII text; names: "Type:Text" spans found at their first
 * occurrence at or after the previous span; sentences split after ". ". */
static json_t *record(const char *text, const char *const *names)
{
    json_t *spans = json_array(), *sents = json_array();
    size_t from = 0;
    for (int i = 0; names && names[i]; i++) {
        const char *colon = strchr(names[i], ':');
        const char *hit = strstr(text + from, colon + 1);
        assert_non_null(hit);
        size_t s = (size_t)(hit - text), e = s + strlen(colon + 1);
        json_t *sp = json_pack("{s:s, s:I, s:I, s:s#, s:s}", "id", "s", "start", (json_int_t)s, "end",
                               (json_int_t)e, "type", names[i], (int)(colon - names[i]), "text", colon + 1);
        if (!strncmp(names[i], "DATE", 4)) json_object_set_new(sp, "value", json_string("2024-01-04"));
        else if (!strncmp(names[i], "STAT", 4)) json_object_set_new(sp, "value", json_integer(3));
        else json_object_set_new(sp, "canonical", json_string(colon + 1));
        if (!strcmp(colon + 1, "Reuters") || !strcmp(colon + 1, "AFP"))
            json_object_set_new(sp, "kind", json_string("news_agency"));
        json_array_append_new(spans, sp);
        from = e;
    }
    size_t n = strlen(text), s = 0;
    for (size_t i = 0; i < n; i++)
        if ((text[i] == '.' || text[i] == '?') && (i + 1 == n || (text[i + 1] == ' ' && text[i + 2] != 'a') ||
                                                   text[i + 1] == '\n' || text[i + 1] == '"')) {
            size_t e = i + 1 < n && text[i + 1] == '"' ? i + 2 : i + 1;
            json_array_append_new(sents, json_pack("[I,I]", (json_int_t)s, (json_int_t)e));
            s = e;
            while (s < n && (text[s] == ' ' || text[s] == '\n')) s++;
            i = s - 1;
        }
    return json_pack("{s:s, s:s, s:{s:s}, s:o, s:o}", "id", "t", "text", text, "meta", "published",
                     "2024-01-05", "sentences", sents, "spans", spans);
}

static json_t *run(const char *text, const char *const *names)
{
    json_t *rec = record(text, names), *claims = NULL;
    whosaid_error e;
    assert_int_equal(whosaid_attrib_run(at, rec, &claims, &e), 0);
    json_decref(rec);
    return claims;
}

static const char *field(json_t *claims, size_t i, const char *k)
{
    json_t *v = json_object_get(json_array_get(claims, i), k);
    return json_is_string(v) ? json_string_value(v) : json_is_null(v) ? "null" : "(absent)";
}

#define assert_field(c, i, k, want) assert_string_equal(field(c, i, k), want)

static void direct_frames(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Anna Berg", "ORG:Acme", "PERSON:Berg", "PERSON:Berg", NULL};
    json_t *c = run("\"We will win,\" said Anna Berg, head of sales at Acme. "
                    "Berg said: \"Nothing changes.\" \"Really,\" Berg added. \"It is true.\"",
                    names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 0, "content", "We will win");
    assert_field(c, 0, "speaker", "Anna Berg");
    assert_field(c, 0, "speaker_role", "head of sales");
    assert_field(c, 0, "speaker_org", "Acme");
    assert_field(c, 0, "kind", "direct");
    assert_field(c, 1, "content", "Nothing changes.");
    assert_field(c, 1, "speaker", "Anna Berg"); /* the lone surname */
    assert_field(c, 2, "cue", "added");
    assert_field(c, 2, "speaker_role", "head of sales"); /* learned from the first claim */
    assert_field(c, 3, "content", "It is true.");        /* continues the previous quote */
    assert_field(c, 3, "speaker", "Anna Berg");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(c, 3), "n")), 4);
    json_decref(c);
}

static void indirect_frames(void **state)
{
    (void)state;
    const char *names[] = {"COUNTRY:Norway", "DATE:Thursday", "STAT:three banks", "PERSON:Ola Dahl",
                           "ORG:Reuters", NULL};
    json_t *c = run("Norway said on Thursday that three banks had failed. "
                    "Prices will rise, analysts said. Ola Dahl told Reuters the plan was late.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker_type", "COUNTRY");
    assert_field(c, 0, "content", "three banks had failed");
    assert_field(c, 0, "date", "2024-01-04"); /* "on Thursday", not the publication date */
    json_t *stats = json_object_get(json_array_get(c, 0), "stats");
    assert_int_equal(json_array_size(stats), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(stats, 0), "value")), 3);
    assert_field(c, 1, "speaker", "analysts");
    assert_field(c, 1, "speaker_type", "GENERIC");
    assert_field(c, 1, "content", "Prices will rise");
    assert_field(c, 1, "date", "2024-01-05");
    assert_field(c, 2, "via", "Reuters");
    assert_field(c, 2, "content", "the plan was late");
    json_decref(c);
}

static void sources_and_via(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Statistics Norway", "ORG:Acme", "ORG:AFP", NULL};
    json_t *c = run("Exports fell, according to Statistics Norway. "
                    "Acme claimed that costs rose, AFP reported.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "kind", "according_to");
    assert_field(c, 0, "speaker", "Statistics Norway");
    assert_field(c, 0, "content", "Exports fell");
    assert_field(c, 1, "speaker", "Acme");
    assert_field(c, 1, "via", "AFP");
    assert_field(c, 1, "content", "costs rose"); /* ", AFP reported" is not content */
    json_decref(c);
}

static void pronouns_and_unknown(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Lund", "PERSON:Eva Holm", "PERSON:Holm", NULL};
    json_t *c = run("Mr. Lund met Eva Holm. She said the deal was fair. Ms. Holm left.\n\n"
                    "The old report said costs were high.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "Eva Holm"); /* "she": Mr. Lund is a man */
    assert_field(c, 0, "speaker_text", "She");
    assert_field(c, 1, "speaker", "null");
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    assert_non_null(field(c, 1, "speaker_reason"));
    json_decref(c);
    /* two men: "he" is ambiguous, so no speaker rather than a guess */
    const char *two[] = {"PERSON:Lund", "PERSON:Berg", NULL};
    c = run("Mr. Lund met Mr. Berg. He said the deal was fair.", two);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    json_decref(c);
    /* no text: an input error, not a crash */
    json_t *rec = json_pack("{s:s}", "id", "x"), *claims = NULL;
    whosaid_error e;
    assert_int_equal(whosaid_attrib_run(at, rec, &claims, &e), WHOSAID_EINPUT);
    assert_null(claims);
    json_decref(rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(direct_frames), cmocka_unit_test(indirect_frames),
                                       cmocka_unit_test(sources_and_via),
                                       cmocka_unit_test(pronouns_and_unknown)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
