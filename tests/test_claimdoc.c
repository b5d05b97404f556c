/* The claim finder's loader (claimdoc.c) reads a record's spans in two
 * forms: kept in the parse (jsonload.h, whosaid_jsonload_keep: what
 * whosaid-claims reads) and built as jansson values (lines the fast path
 * declines). Both must give the same claims, byte for byte. */
#include "testutil.h"

#include <dirent.h>
#include <jansson.h>

#include "whosaid/attrib.h"
#include "whosaid/buf.h"
#include "whosaid/cues.h"
#include "whosaid/jsonload.h"

#define FLAGS (JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES)
#define CORPUS_DIR WHOSAID_TEST_RULES_DIR "/../corpus"

static whosaid_cues *cues;
static whosaid_attrib *at;
static whosaid_jsonload *kept;

static int setup(void **state)
{
    (void)state;
    whosaid_error e;
    cues = whosaid_cues_new();
    if (!cues || whosaid_cues_load(cues, WHOSAID_TEST_RULES_DIR "/claims", &e)) return -1;
    at = whosaid_attrib_new(cues);
    kept = whosaid_jsonload_new();
    /* as whosaid-claims asks: left out of the spans, and the spans and
     * entities kept */
    if (!at || !kept || whosaid_jsonload_skip(kept, "spans", "id") ||
        whosaid_jsonload_skip(kept, "spans", "rule"))
        return -1;
    size_t nkeep;
    const whosaid_keep *keep = whosaid_attrib_kept(&nkeep);
    for (size_t k = 0; k < nkeep; k++)
        if (whosaid_jsonload_keep(kept, &keep[k])) return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    whosaid_jsonload_free(kept);
    whosaid_attrib_free(at);
    whosaid_cues_free(cues);
    return 0;
}

/* The claim lines of rec. */
static char *claims_of(const json_t *rec, size_t *n)
{
    whosaid_buf lines = WHOSAID_BUF_INIT;
    whosaid_error e;
    memset(&e, 0, sizeof e);
    assert_int_equal(whosaid_attrib_write(at, rec, &lines, n, &e), 0);
    assert_int_equal(whosaid_buf_append_char(&lines, '\0'), 0);
    return lines.data;
}

/* line gives the same claims with its spans kept as built; returns how
 * many. */
static size_t assert_same_claims(const char *line, size_t len)
{
    json_t *built = json_loadb(line, len, FLAGS, NULL);
    assert_non_null(built);
    size_t nb, nk;
    char *want = claims_of(built, &nb);
    json_t *rec = whosaid_jsonload_object(kept, line, len);
    assert_non_null(rec);
    /* the kept form was read */
    assert_non_null(whosaid_jsonload_view_of(rec, "spans"));
    if (json_is_array(json_object_get(built, "entities")))
        assert_non_null(whosaid_jsonload_view_of(rec, "entities"));
    char *got = claims_of(rec, &nk);
    assert_int_equal(nk, nb);
    assert_string_equal(got, want);
    free(got);
    free(want);
    json_decref(rec);
    json_decref(built);
    return nb;
}

/* Spans of every shape the loader meets or must survive: a statistic with
 * members only it writes (and a "rule" that is not a string, kept in the
 * built form), a date, a date whose value is no string (written, never
 * the claim's date), a country with its code, an item that is no
 * object, a start that is a real, a type that is no string, an
 * "ambiguous" that is null, a place past the text. */
static void test_odd_spans(void **state)
{
    (void)state;
    const char *line =
        "{\"id\":\"d1\",\"text\":\"Prices in France rose 5 percent on Friday, Jane Smith said. "
        "Smith said the rise \\\"will not last\\\".\",\"meta\":{\"published\":\"2024-01-05\"},"
        "\"sentences\":[[0,59],[60,96]],\"spans\":["
        "{\"start\":10,\"end\":16,\"type\":\"COUNTRY\",\"text\":\"France\",\"country\":\"FR\","
        "\"kind\":\"country\"},"
        "{\"id\":\"s1\",\"start\":22,\"end\":31,\"type\":\"STAT\",\"text\":\"5 percent\","
        "\"value\":5,\"percent\":true,\"unit\":{\"u\":[1,\"x\"]},\"rule\":{\"r\":1}},"
        "{\"start\":35,\"end\":41,\"type\":\"DATE\",\"text\":\"Friday\",\"value\":\"2024-01-04\"},"
        "{\"start\":0,\"end\":6,\"type\":\"DATE\",\"text\":\"Prices\",\"value\":{\"from\":[2024]}},"
        "7,"
        "{\"start\":43,\"end\":53,\"type\":\"PERSON\",\"text\":\"Jane Smith\","
        "\"canonical\":\"Jane Smith\",\"role\":\"economist\"},"
        "{\"start\":60.0,\"end\":65,\"type\":\"PERSON\",\"text\":\"Smith\",\"ambiguous\":null},"
        "{\"start\":60,\"end\":65,\"type\":7,\"text\":\"Smith\"},"
        "{\"start\":90,\"end\":900,\"type\":\"PERSON\",\"text\":\"past\"}]}";
    assert_true(assert_same_claims(line, strlen(line)) > 0);
}

/* Entities of every shape the loader meets or must survive, read kept as
 * built: attributes the claims cite (a role, an organization, a gender
 * that makes "she" hers), an item that is no object, attrs that are no
 * object, an id that is no string, members claims never reads. */
static void test_odd_entities(void **state)
{
    (void)state;
    const char *line =
        "{\"id\":\"d2\",\"text\":\"Jane Smith said prices rose. She said the rise \\\"will "
        "last\\\". Acme said nothing.\",\"sentences\":[[0,28],[29,58],[59,79]],\"spans\":["
        "{\"start\":0,\"end\":10,\"type\":\"PERSON\",\"text\":\"Jane Smith\",\"entity\":\"e1\"},"
        "{\"start\":59,\"end\":63,\"type\":\"ORG\",\"text\":\"Acme\",\"entity\":\"e3\"}],"
        "\"entities\":["
        "{\"id\":\"e1\",\"type\":\"PERSON\",\"canonical\":\"Jane A. Smith\",\"mentions\":[\"s1\"],"
        "\"attrs\":{\"role\":\"economist\",\"org\":\"Acme\",\"gender\":\"female\","
        "\"aliases\":[\"Smith\"],\"country\":\"US\",\"org_entity\":\"e3\"}},"
        "7,"
        "{\"id\":\"e3\",\"type\":\"ORG\",\"canonical\":\"Acme Corp\",\"attrs\":\"none\"},"
        "{\"id\":9,\"type\":\"PERSON\",\"attrs\":{\"role\":5}}]}";
    assert_true(assert_same_claims(line, strlen(line)) > 0);
}

/* Every record of the corpus, as resolve and as tag wrote it (with and
 * without entities). */
static void test_corpus(void **state)
{
    (void)state;
    DIR *d = opendir(CORPUS_DIR);
    assert_non_null(d);
    struct dirent *de;
    size_t files = 0, claims = 0;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (!(n > 14 && !strcmp(de->d_name + n - 14, ".resolve.jsonl")) &&
            !(n > 10 && !strcmp(de->d_name + n - 10, ".tag.jsonl")))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", CORPUS_DIR, de->d_name);
        FILE *fp = fopen(path, "r");
        assert_non_null(fp);
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        while ((len = getline(&line, &cap, fp)) > 0)
            claims += assert_same_claims(line, (size_t)len);
        free(line);
        fclose(fp);
        files++;
    }
    closedir(d);
    assert_true(files >= 2);
    assert_true(claims > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_odd_spans),
        cmocka_unit_test(test_odd_entities),
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
