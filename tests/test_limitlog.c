/* The match-limit log of the stages' main(): which warnings it counts, what
 * it prints (stderr is captured to a file), the per-rule rate limit and the
 * totals. */
#include "testutil.h"

#include <fcntl.h>
#include <jansson.h>

#include "whosaid/cli.h"
#include "whosaid/limitlog.h"

/* stderr goes to a temporary file between capture_start and capture_end,
 * which returns what was written (malloc'd). */
static int saved_fd = -1;
static char cap_path[] = "/tmp/whosaid-limitlog-XXXXXX";

static void capture_start(void)
{
    int fd = mkstemp(cap_path);
    assert_true(fd >= 0);
    fflush(stderr);
    saved_fd = dup(2);
    assert_true(saved_fd >= 0);
    assert_true(dup2(fd, 2) >= 0);
    close(fd);
}

static char *capture_end(void)
{
    fflush(stderr);
    assert_true(dup2(saved_fd, 2) >= 0);
    close(saved_fd);
    FILE *f = fopen(cap_path, "rb");
    assert_non_null(f);
    char *s = calloc(1, 65536);
    assert_non_null(s);
    size_t n = fread(s, 1, 65535, f);
    s[n] = '\0';
    fclose(f);
    unlink(cap_path);
    memcpy(cap_path + strlen(cap_path) - 6, "XXXXXX", 6);
    return s;
}

/* A record with id and the given warnings, as (code, message) pairs. */
static json_t *record(const char *id, const char *const *w, size_t n)
{
    json_t *ws = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(ws,
                              json_pack("{s:s, s:s}", "code", w[2 * i], "message", w[2 * i + 1]));
    json_t *rec = json_pack("{s:s, s:o}", "id", id, "warnings", ws);
    assert_non_null(rec);
    return rec;
}

static void test_counts_only_new_match_limit_warnings(void **state)
{
    (void)state;
    whosaid_limitlog_free(NULL);
    whosaid_limitlog *l = whosaid_limitlog_new("the rule was skipped for this document");
    assert_non_null(l);
    static const char *const w[] = {
        "match_limit", "r/a.rules:3: match limit hit; from an earlier stage",
        "boilerplate", "2 lines of page boilerplate removed (x.rules:1)",
        "match_limit", "r/a.rules:3: match limit hit; the rule was skipped for this document",
        "match_limit", "r/b.rules:12: match limit hit; the rule was skipped for this document"};
    json_t *rec = record("doc1", w, 4);
    json_t *bare = json_pack("{s:s}", "id", "doc2");
    capture_start();
    whosaid_limitlog_note(l, rec, 1); /* the first warning is not this stage's */
    whosaid_limitlog_note(l, bare, 0);
    whosaid_limitlog_totals(l); /* no rule passed the limit: nothing */
    char *err = capture_end();
    assert_string_equal(err, "whosaid: r/a.rules:3: match limit hit in document doc1; the rule "
                             "was skipped for this document\n"
                             "whosaid: r/b.rules:12: match limit hit in document doc1; the rule "
                             "was skipped for this document\n");
    assert_int_equal(whosaid_limitlog_total(l), 2);
    assert_int_equal(whosaid_limitlog_rule_hits(l, "r/a.rules:3"), 1);
    assert_int_equal(whosaid_limitlog_rule_hits(l, "r/b.rules:12"), 1);
    assert_int_equal(whosaid_limitlog_rule_hits(l, "r/c.rules:1"), 0);
    free(err);
    json_decref(rec);
    json_decref(bare);
    whosaid_limitlog_free(l);
}

static void test_rate_limit_per_rule(void **state)
{
    (void)state;
    whosaid_limitlog *l = whosaid_limitlog_new("skipped for a line");
    assert_non_null(l);
    static const char *const hot[] = {"match_limit", "hot.rules:1: match limit hit; x"};
    static const char *const cold[] = {"match_limit", "cold.rules:2: match limit hit; x"};
    capture_start();
    for (int i = 0; i < 25; i++) {
        char id[16];
        snprintf(id, sizeof id, "d%d", i);
        json_t *rec = record(id, i == 12 ? cold : hot, 1);
        whosaid_limitlog_note(l, rec, 0);
        json_decref(rec);
    }
    whosaid_limitlog_totals(l);
    char *err = capture_end();
    /* 10 shown, the notice, the other rule's hit, the total; in order. */
    size_t lines = 0;
    for (const char *p = err; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 10 + 1 + 1 + 1);
    assert_non_null(strstr(err, "whosaid: hot.rules:1: match limit hit in document d9; skipped "
                                "for a line\n"
                                "whosaid: hot.rules:1: match limit hit in 10 documents; further "
                                "hits of this rule are only counted\n"
                                "whosaid: cold.rules:2: match limit hit in document d12; skipped "
                                "for a line\n"
                                "whosaid: hot.rules:1: match limit hit in 24 documents in all\n"));
    assert_null(strstr(err, "document d10;"));
    assert_int_equal(whosaid_limitlog_total(l), 25);
    assert_int_equal(whosaid_limitlog_rule_hits(l, "hot.rules:1"), 24);
    free(err);
    whosaid_limitlog_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_only_new_match_limit_warnings),
        cmocka_unit_test(test_rate_limit_per_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
