/* Regex rules: span groups and context, attributes, defines and word
 * lists, matching on UTF-8, located errors, match limits, and NONE rules
 * through whosaid_cands_resolve. */
#include <sys/stat.h>
#include <time.h>

#include "testutil.h"

#include "whosaid/buf.h"
#include "whosaid/ruleset.h"
#include "whosaid/ruleset_impl.h" /* whosaid_ruletable_run_of, the tables */

/* A temporary directory holding the files a test writes; removed by cleanup. */
typedef struct tmpdir {
    char path[64];
    char *files[16];
    size_t n;
} tmpdir;

static void tmp_open(tmpdir *d)
{
    memset(d, 0, sizeof *d);
    strcpy(d->path, "/tmp/whosaid-rules-XXXXXX");
    assert_non_null(mkdtemp(d->path));
}

/* Writes name (may be "sub/file": sub is created) in d; returns its path (owned by d). */
static const char *tmp_write(tmpdir *d, const char *name, const char *content)
{
    char path[256];
    const char *slash = strchr(name, '/');
    if (slash) {
        snprintf(path, sizeof path, "%s/%.*s", d->path, (int)(slash - name), name);
        mkdir(path, 0700);
    }
    snprintf(path, sizeof path, "%s/%s", d->path, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(content, 1, strlen(content), fp), strlen(content));
    assert_int_equal(fclose(fp), 0);
    assert_true(d->n < 16);
    d->files[d->n] = strdup(path);
    return d->files[d->n++];
}

static void tmp_close(tmpdir *d)
{
    char sub[256];
    for (size_t i = d->n; i-- > 0;) {
        unlink(d->files[i]);
        /* Remove a created subdirectory once empty (rmdir fails otherwise). */
        snprintf(sub, sizeof sub, "%s", d->files[i]);
        char *slash = strrchr(sub, '/');
        if (slash && (size_t)(slash - sub) > strlen(d->path)) {
            *slash = '\0';
            rmdir(sub);
        }
        free(d->files[i]);
    }
    rmdir(d->path);
}

/* Loads one rule file from content into a new set (default rules). */
static whosaid_ruleset *load_one(tmpdir *d, const char *content)
{
    const char *path = tmp_write(d, "x.rules", content);
    whosaid_ruleset *rs = whosaid_ruleset_new();
    assert_non_null(rs);
    whosaid_error e;
    int rc = whosaid_ruleset_load(rs, path, 0, &e);
    if (rc) fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    return rs;
}

/* Candidates as "TYPE'text'" plus attrs as sorted compact JSON, joined by " | ". */
static char *render(const char *text, const whosaid_cands *cs)
{
    whosaid_buf b = WHOSAID_BUF_INIT;
    whosaid_buf_append(&b, "", 0);
    for (size_t i = 0; i < cs->n; i++) {
        const whosaid_cand *c = &cs->v[i];
        whosaid_buf_printf(&b, "%s%s'%.*s'", i ? " | " : "", c->type, (int)(c->end - c->start),
                           text + c->start);
        json_t *attrs = whosaid_cands_attrs_json(cs, c);
        if (attrs) {
            char *j = json_dumps(attrs, JSON_SORT_KEYS | JSON_COMPACT);
            whosaid_buf_append_str(&b, j);
            free(j);
        }
        json_decref(attrs);
    }
    return b.data;
}

static void check_apply(whosaid_ruleset *rs, const char *text, const char *want)
{
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    whosaid_error e;
    assert_int_equal(whosaid_ruleset_apply(rs, text, strlen(text), &cs, &e), 0);
    char *got = render(text, &cs);
    assert_string_equal(got, want);
    free(got);
    whosaid_cands_free(&cs);
}

static int load_user_rules(const char *path, whosaid_error *e)
{
    whosaid_ruleset *rs = whosaid_ruleset_new();
    int rc = whosaid_ruleset_load(rs, path, 1, e);
    whosaid_ruleset_free(rs);
    return rc ? e->code : 0;
}

/* Expects loading content to fail at line with exactly msg. */
#define check_error(content, line, msg)                                                            \
    assert_load_error(load_user_rules, content, (line) ? WHOSAID_ESYNTAX : WHOSAID_EIO, line, msg)

static void test_title_lookbehind(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    whosaid_ruleset *rs =
        load_one(&d, "# a title before the name and a speech verb after it, outside the span\n"
                     "PERSON\t10\t(?<=\\b(?<role>spokesman) )\\p{Lu}\\p{L}+(?: \\p{Lu}\\p{L}+)*"
                     "(?= said)\tkind=title-name\n");
    assert_int_equal(whosaid_ruleset_count(rs), 1);
    const char *text = "Foreign Ministry spokesman Hong Lei said on Monday.";
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    assert_int_equal(whosaid_ruleset_apply(rs, text, strlen(text), &cs, NULL), 0);
    assert_int_equal(cs.n, 1);
    assert_int_equal(cs.v[0].start, 27);
    assert_int_equal(cs.v[0].end, 35);
    assert_string_equal(cs.v[0].type, "PERSON");
    /* Pooled (cands.h): the static attribute, then the group's text. */
    assert_null(cs.v[0].attrs);
    assert_int_equal(cs.v[0].npool, 2);
    json_t *attrs = whosaid_cands_attrs_json(&cs, &cs.v[0]);
    assert_string_equal(json_string_value(json_object_get(attrs, "role")), "spokesman");
    assert_string_equal(json_string_value(json_object_get(attrs, "kind")), "title-name");
    assert_int_equal(json_object_size(attrs), 2);
    json_decref(attrs);
    whosaid_cands_free(&cs);
    /* No speech verb after it, or no title before it: no match. */
    check_apply(rs, "spokesman Hong Lei declined. Hong Lei said.", "");
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

static void test_span_group_and_attrs(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    whosaid_ruleset *rs =
        load_one(&d, "STAT\t0\t(?<span>(?<value>\\d+(?:\\.\\d+)?) per ?cent)(?: of (?<of>\\w+))?"
                     "\tnorm=percent;unit=%\n"
                     "STAT\t0\t\\d+ (?:people|workers)\t-\n"
                     "TITLE\t0\t(?<span>Dr)\\. (?=\\p{Lu})\n");
    assert_int_equal(whosaid_ruleset_count(rs), 3);
    /* Unnamed groups add nothing; a named group that did not take part adds
     * nothing; every match of a rule, left to right, rule by rule. */
    check_apply(rs,
                "Up 4.5 per cent of voters and 12 percent, said 300 workers and 7 people. "
                "Dr. Who and Dr. no.",
                "STAT'4.5 per cent'{\"norm\":\"percent\",\"of\":\"voters\",\"unit\":\"%\","
                "\"value\":\"4.5\"} | "
                "STAT'12 percent'{\"norm\":\"percent\",\"unit\":\"%\",\"value\":\"12\"} | "
                "STAT'300 workers' | STAT'7 people' | TITLE'Dr'");
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

static void test_priority_user_order(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    const char *a = tmp_write(&d, "a.rules", "# defaults\n\nORG\t-20\tAcme\n");
    const char *b = tmp_write(&d, "b.rules", "define\tX\tAcme\n\nORG\t+7\t{X}\tsource=user\n");
    whosaid_ruleset *rs = whosaid_ruleset_new();
    whosaid_error e;
    assert_int_equal(whosaid_ruleset_load(rs, a, 0, &e), 0);
    assert_int_equal(whosaid_ruleset_load(rs, b, 1, &e), 0);
    assert_int_equal(whosaid_ruleset_count(rs), 2);
    const char *text = "at Acme";
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    assert_int_equal(whosaid_ruleset_apply(rs, text, strlen(text), &cs, &e), 0);
    assert_int_equal(cs.n, 2);
    assert_int_equal(cs.v[0].priority, -20);
    assert_int_equal(cs.v[0].user, 0);
    assert_int_equal(cs.v[0].order, 3);
    assert_string_equal(cs.v[0].file, a);
    assert_int_equal(cs.v[0].line, 3);
    assert_null(cs.v[0].attrs);
    assert_int_equal(cs.v[1].priority, 7);
    assert_int_equal(cs.v[1].user, 1);
    assert_int_equal(cs.v[1].order, (1L << 20) + 3);
    assert_string_equal(cs.v[1].file, b);
    assert_int_equal(cs.v[1].line, 3);
    assert_int_equal(cs.v[1].start, 3);
    assert_int_equal(cs.v[1].end, 7);
    /* apply appends to what the list holds. */
    assert_int_equal(whosaid_ruleset_apply(rs, text, strlen(text), &cs, &e), 0);
    assert_int_equal(cs.n, 4);
    whosaid_cands_free(&cs);
    whosaid_ruleset_free(rs);
    whosaid_ruleset_free(NULL);
    tmp_close(&d);
}

static void test_defines(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    whosaid_ruleset *rs = whosaid_ruleset_new();
    whosaid_error e;
    assert_int_equal(whosaid_ruleset_define(rs, "MONTH", "January|February|May", &e), 0);
    const char *a = tmp_write(&d, "a.rules",
                              "define\tDAY\t\\d{1,2}\n"
                              "define\tDMY\t(?<day>{DAY}) (?<month>{MONTH}) (?<year>\\d{4})\n"
                              "DATE\t0\t\\b{DMY}\\b\tnorm=date\n"
                              "# escaped and quoted braces are not references\n"
                              "LIT\t0\t\\{MONTH\\}|\\Q{DAY}\\E\n");
    const char *b = tmp_write(&d, "b.rules",
                              "# a later file sees the defines; a redefinition may extend\n"
                              "define\tMONTH\t{MONTH}|June\n"
                              "DATE\t1\t(?i)\\b{MONTH}\\s{DAY}\\b\n");
    assert_int_equal(whosaid_ruleset_load(rs, a, 0, &e), 0);
    assert_int_equal(whosaid_ruleset_load(rs, b, 0, &e), 0);
    assert_int_equal(whosaid_ruleset_count(rs), 3);
    check_apply(rs, "On 5 January 2024, 12 May 1999 and june 7 ({MONTH} {DAY}), not 123 May 2020.",
                "DATE'5 January 2024'{\"day\":\"5\",\"month\":\"January\",\"norm\":\"date\","
                "\"year\":\"2024\"} | "
                "DATE'12 May 1999'{\"day\":\"12\",\"month\":\"May\",\"norm\":\"date\","
                "\"year\":\"1999\"} | "
                "LIT'{MONTH}' | LIT'{DAY}' | DATE'june 7'");
    /* Code defines are checked too, and names must be upper-case. */
    assert_int_equal(whosaid_ruleset_define(rs, "BAD", "a(b", &e), WHOSAID_ESYNTAX);
    assert_string_equal(e.msg, "offset 3: missing closing parenthesis");
    assert_int_equal(e.line, 0);
    assert_int_equal(whosaid_ruleset_define(rs, "month", "a", &e), WHOSAID_ESYNTAX);
    assert_string_equal(e.msg, "bad name 'month': expected an upper-case letter, then "
                               "upper-case letters, digits and _");
    assert_int_equal(whosaid_ruleset_define(rs, "ALSO", "{NOPE}", &e), WHOSAID_ESYNTAX);
    assert_string_equal(e.msg, "undefined {NOPE}");
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

static void test_words_and_wordfile(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    tmp_write(&d, "lists/verbs.txt",
              "# speech verbs\n"
              "said\n"
              "  told reporters\n"
              "\n"
              "told\n"
              "says\n");
    const char *path =
        tmp_write(&d, "x.rules",
                  "words\tTITLE\tMinister | Prime Minister|Minister of State|Dr.\n"
                  "wordfile\tVERB\tlists/verbs.txt\n"
                  "TITLED\t0\t(?<title>{TITLE}) (?<span>\\p{Lu}\\p{L}+)\n"
                  "SAYS\t0\t\\b{VERB}\n"
                  "# phrases are literal: '.' matches only a period, even under (?x)\n"
                  "DOT\t0\t(?x) {TITLE} \\d\n");
    whosaid_ruleset *rs = whosaid_ruleset_new();
    whosaid_error e;
    int rc = whosaid_ruleset_load(rs, path, 0, &e);
    if (rc) fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    /* Longest first: "Prime Minister" over "Minister", "Minister of State"
     * over "Minister", "told reporters" over "told". */
    check_apply(
        rs,
        "Prime Minister Abe told reporters. Minister of State Kono says no. "
        "Minister Aso told us. Drx5, Dr.5 and Prime Minister7",
        "TITLED'Abe'{\"title\":\"Prime Minister\"} | "
        "TITLED'Kono'{\"title\":\"Minister of State\"} | "
        "TITLED'Aso'{\"title\":\"Minister\"} | "
        "SAYS'told reporters' | SAYS'says' | SAYS'told' | DOT'Dr.5' | DOT'Prime Minister7'");
    whosaid_ruleset_free(rs);

    /* From code: escaped, longest first, and an empty list never matches. */
    rs = whosaid_ruleset_new();
    const char *nums[] = {"one", "one hundred", "a (few)", "1+1"};
    assert_int_equal(whosaid_ruleset_define_words(rs, "NUM", nums, 4, &e), 0);
    assert_int_equal(whosaid_ruleset_define_words(rs, "NOTHING", nums, 0, &e), 0);
    const char *empty[] = {"x", ""};
    assert_int_equal(whosaid_ruleset_define_words(rs, "E", empty, 2, &e), WHOSAID_ESYNTAX);
    assert_string_equal(e.msg, "phrase 2 is empty");
    path = tmp_write(&d, "y.rules", "NUM\t0\t{NUM}\nNO\t0\t{NOTHING}|zzz\n");
    assert_int_equal(whosaid_ruleset_load(rs, path, 0, &e), 0);
    check_apply(rs, "one hundred and one, a (few), 1+1 or 11 a few",
                "NUM'one hundred' | NUM'one' | NUM'a (few)' | NUM'1+1'");
    whosaid_ruleset_free(rs);

    /* A list is led by a look-ahead of its first characters: characters
     * special in a class ("]", "^", "-", "\\") stay literal there, a
     * non-ASCII one is whole, and under (?i) it folds case as the phrases
     * do; where none starts, nothing matches. */
    rs = whosaid_ruleset_new();
    const char *odd[] = {"]x", "^y", "-z", "\\w", "\xc3\xa9t\xc3\xa9", "kelvin"};
    assert_int_equal(whosaid_ruleset_define_words(rs, "ODD", odd, 6, &e), 0);
    path = tmp_write(&d, "z.rules", "ODD\t0\t(?i:{ODD})\n");
    assert_int_equal(whosaid_ruleset_load(rs, path, 0, &e), 0);
    check_apply(rs,
                "]x ^y -z \\w \xc3\x89T\xc3\x89 KELVIN \xe2\x84\xaa"
                "elvin [x y z w",
                "ODD']x' | ODD'^y' | ODD'-z' | ODD'\\w' | ODD'\xc3\x89T\xc3\x89' | "
                "ODD'KELVIN' | ODD'\xe2\x84\xaa"
                "elvin'");
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

static void test_caseless_and_utf8(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    whosaid_ruleset *rs = load_one(&d, "ORG\t0\t(?i)\\bacme corp\\b\n"
                                       "PERSON\t0\t(?<=Président )\\p{Lu}\\p{L}+ \\p{Lu}\\p{L}+\n");
    const char *text = "ACME CORP, Acme Corp; acmecorp. Le Président Émile Zoé a dit.";
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    assert_int_equal(whosaid_ruleset_apply(rs, text, strlen(text), &cs, NULL), 0);
    char *got = render(text, &cs);
    assert_string_equal(got, "ORG'ACME CORP' | ORG'Acme Corp' | PERSON'Émile Zoé'");
    free(got);
    /* Byte offsets, on character boundaries: "Président " is 11 bytes. */
    size_t at = (size_t)(strstr(text, "Président") - text);
    assert_int_equal(cs.v[2].start, at + 11);
    assert_int_equal(cs.v[2].end, at + 11 + strlen("Émile Zoé"));
    whosaid_cands_free(&cs);
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

static void test_empty_matches(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    /* Empty matches add nothing and advance one character (not one byte):
     * a span group inside a lookahead gives non-empty spans from empty
     * matches, one per character. */
    whosaid_ruleset *rs = load_one(&d, "A\t0\ta*\n"
                                       "E\t0\t(?<span>)\n"
                                       "LETTER\t0\t(?=(?<span>[éa]))\n"
                                       "END\t0\t$\n");
    check_apply(rs, "baaéé", "A'aa' | LETTER'a' | LETTER'a' | LETTER'é' | LETTER'é'");
    check_apply(rs, "", "");
    check_apply(rs, "日本", "");
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

static void test_errors(void **state)
{
    (void)state;
    check_error("\n# comment\nPERSON\t1\n", 3,
                "expected 3 or 4 fields (TYPE, PRIORITY, PATTERN[, ATTRIBUTES]), got 2 fields");
    check_error("PERSON\t1\tx\t-\textra\n", 1,
                "expected 3 or 4 fields (TYPE, PRIORITY, PATTERN[, ATTRIBUTES]), got 5 fields");
    check_error("define\tX\n", 1, "expected 3 fields (define, NAME, PATTERN), got 2 fields");
    check_error("Person\t1\tx\n", 1,
                "bad type 'Person': expected upper-case letters and _ (or define, words, "
                "wordfile, gate)");
    check_error("defnie\tX\tx\n", 1,
                "bad type 'defnie': expected upper-case letters and _ (or define, words, "
                "wordfile, gate)");
    check_error("gate\t\\d\n", 1, "expected 3 fields (gate, PATTERN, LOOKBACK), got 2 fields");
    check_error("gate\t\\d\t-1\n", 1, "bad lookback '-1': expected a number of words from 0 to 64");
    check_error("gate\t\\d\t65\n", 1, "bad lookback '65': expected a number of words from 0 to 64");
    check_error("gate\t\\d\t\n", 1, "expected 3 fields (gate, PATTERN, LOOKBACK), got 2 fields");
    check_error("\ngate\t{NUM}\t1\n", 2, "undefined {NUM}");
    check_error("gate\t(\\d\t1\n", 1, "offset 3: missing closing parenthesis");
    check_error("PERSON\t1001\tx\n", 1,
                "bad priority '1001': expected an integer from -1000 to 1000");
    check_error("PERSON\t1e3\tx\n", 1,
                "bad priority '1e3': expected an integer from -1000 to 1000");
    check_error("PERSON\t1\tx\tkind\n", 1, "bad attribute 'kind': expected key=value");
    check_error("PERSON\t1\tx\tkind=a;;b=c\n", 1, "bad attribute '': expected key=value");
    check_error("PERSON\t1\tx\tKind=a\n", 1,
                "bad attribute key 'Kind': expected lower-case letters, digits and _");
    check_error("PERSON\t1\tx\tkind=a;kind=b\n", 1, "duplicate attribute 'kind'");
    check_error("define\tTITLE\tMr\nPERSON\t1\t{TITEL} x\n", 2, "undefined {TITEL}");
    check_error("define\ttitle\tMr\n", 1,
                "bad name 'title': expected an upper-case letter, then upper-case letters, "
                "digits and _");
    check_error("PERSON\t1\t^(Related\n", 1, "offset 9: missing closing parenthesis");
    /* Offsets are in the pattern as written, not as expanded... */
    check_error("define\tX\tabc\nPERSON\t1\t{X} [b-a]\n", 2,
                "offset 7: range out of order in character class");
    check_error("define\tX\tabc\nPERSON\t1\t({X}\n", 2, "offset 4: missing closing parenthesis");
    /* ...or in the define where the error lies. */
    check_error("define\tG\t(?<n>x)\ndefine\tH\ty{G}\nPERSON\t1\t{G}{H}\n", 3,
                "in {G}: offset 5: two named subpatterns have the same name "
                "(PCRE2_DUPNAMES not set)");
    /* A broken define is reported at its own line. */
    check_error("\ndefine\tX\t(abc\n", 2, "offset 4: missing closing parenthesis");
    check_error("words\tT\tMr|| Mrs\n", 1, "empty phrase 2 in word list");
    check_error("PERSON\t1\t(?<span>a)|(?<span>b)\n", 1,
                "offset 19: two named subpatterns have the same name (PCRE2_DUPNAMES not set)");
    check_error("PERSON\t1\t(?J)(?<span>a)|(?<span>b)\n", 1, "more than one group named 'span'");

    /* A missing word file names the rule line and the path it tried. */
    tmpdir d;
    tmp_open(&d);
    const char *path = tmp_write(&d, "w.rules", "# titles\nwordfile\tT\tnope.txt\n");
    whosaid_ruleset *rs = whosaid_ruleset_new();
    whosaid_error e;
    assert_int_equal(whosaid_ruleset_load(rs, path, 0, &e), WHOSAID_EIO);
    char want[512];
    snprintf(want, sizeof want, "cannot open word file %s/nope.txt: No such file or directory",
             d.path);
    assert_error(&e, path, 2, want);
    /* An error inside a word file names the word file. */
    const char *words = tmp_write(&d, "t.txt", "Mr\nMrs\tMs\n");
    path = tmp_write(&d, "w2.rules", "wordfile\tT\tt.txt\n");
    assert_int_equal(whosaid_ruleset_load(rs, path, 0, &e), WHOSAID_ESYNTAX);
    assert_error(&e, words, 2, "expected one phrase per line (no TAB)");
    /* A missing rule file. */
    snprintf(want, sizeof want, "%s/none.rules", d.path);
    assert_int_equal(whosaid_ruleset_load(rs, want, 0, &e), WHOSAID_EIO);
    assert_error(&e, want, 0, "No such file or directory");
    assert_int_equal(whosaid_ruleset_count(rs), 0);
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

/* Gates: rules after a gate line are tried only from LOOKBACK words before
 * a trigger up to its end; --no-gates (set_gates 0) tries them everywhere. */
static void test_gates(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    const char *text = "They sold about 40 cars, then about\xc2\xa0"
                       "50 more and roughly  60.";
    /* Lookback 0: "about 40" starts a word before its trigger and is lost;
     * NBSP is no word break, so "about 50" is one word with its digits. */
    whosaid_ruleset *rs = load_one(&d, "gate\t\\d\t0\nSTAT\t0\t(?i:about|roughly)\\s+\\d+\n");
    check_apply(rs, text,
                "STAT'about\xc2\xa0"
                "50'");
    whosaid_ruleset_set_gates(rs, 0);
    check_apply(rs, text,
                "STAT'about 40' | STAT'about\xc2\xa0"
                "50' | STAT'roughly  60'");
    whosaid_ruleset_set_gates(rs, 1);
    check_apply(rs, text,
                "STAT'about\xc2\xa0"
                "50'");
    whosaid_ruleset_free(rs);
    /* Lookback 1 reaches them (a run of blanks is one break). */
    rs = load_one(&d, "gate\t\\d\t1\nSTAT\t0\t(?i:about|roughly)\\s+\\d+\n");
    check_apply(rs, text,
                "STAT'about 40' | STAT'about\xc2\xa0"
                "50' | STAT'roughly  60'");
    whosaid_ruleset_free(rs);
    /* Rules before a gate line are not under it; a later gate line with the
     * same pattern (one trigger search) and its own lookback takes over. */
    rs = load_one(&d, "NONE\t0\tthey\ngate\t[0-9]\t0\nA\t0\tsold\nB\t0\t\\d+\n"
                      "gate\t[0-9]\t2\nC\t0\t(?i:then)\n");
    /* "sold" is never in a window; of the two "then" only the one two words
     * before "5" is. */
    check_apply(rs, "They sold 4, then they sold, then 5", "NONE'they' | B'4' | B'5' | C'then'");
    whosaid_ruleset_free(rs);
    /* A rule without a start condition ((?x) is not analyzed) is searched
     * from each window on. */
    rs = load_one(&d, "gate\t\\d\t1\nSTAT\t0\t(?x) about \\s \\d+\n");
    check_apply(rs, "about 1, about x, and about 2", "STAT'about 1' | STAT'about 2'");
    whosaid_ruleset_free(rs);
    /* A gate covers its own file only. */
    const char *gated = tmp_write(&d, "g.rules", "gate\tzzz\t1\nA\t0\tabc\n");
    const char *plain = tmp_write(&d, "p.rules", "B\t0\tabc\n");
    rs = whosaid_ruleset_new();
    whosaid_error e;
    assert_int_equal(whosaid_ruleset_load(rs, gated, 0, &e), 0);
    assert_int_equal(whosaid_ruleset_load(rs, plain, 0, &e), 0);
    check_apply(rs, "abc abc zzz abc", "A'abc' | B'abc' | B'abc' | B'abc'");
    whosaid_ruleset_free(rs);
    /* The trigger pass looks at a byte and the next (gate_pair): a trigger
     * whose second character is not ASCII ("n\u00e9"), one whose first is
     * ("\u00e9t"), a one-character trigger at the text's last byte, and
     * pairs no trigger starts with ("na", "\u00e9x") turned away. */
    rs = load_one(&d, "gate\t(?i:n\u00e9|\u00e9t|q)\t0\nA\t0\t(?i:n\u00e9|\u00e9t|q)\\w*\n");
    check_apply(rs, "na n\u00e9e \u00e9x \u00c9t\u00e9 Q", "A'n\u00e9e' | A'\u00c9t\u00e9' | A'Q'");
    whosaid_ruleset_set_gates(rs, 0);
    check_apply(rs, "na n\u00e9e \u00e9x \u00c9t\u00e9 Q", "A'n\u00e9e' | A'\u00c9t\u00e9' | A'Q'");
    whosaid_ruleset_free(rs);
    /* Triggers are tried only where one top-level branch passes all its
     * levels: "in the" mixes "in excess" with "up to" and is none; a class
     * or an escape holding '|' splits nothing; a top-level "(?i)" reaches
     * the branches after it ("EF" is a trigger), so such a pattern is not
     * split. Each as without gates. */
    const char *split_cases[][3] = {
        {"gate\t\\d|in\\sexcess|up\\sto|an\\sthousand\t1\n"
         "A\t0\tcut\\s(?:in\\sexcess|up\\sto)\n",
         "cut in the bud, cut up to here, cut in excess", "A'cut up to' | A'cut in excess'"},
        {"gate\tq[|]r|s\\|t\t1\nA\t0\tcut\\s(?:q[|]r|s\\|t)\n", "cut q|r cut s|t cut sr cut q",
         "A'cut q|r' | A'cut s|t'"},
        {"gate\txy|(?i)cd|ef\t1\nA\t0\tcut\\s(?:xy|(?i)cd|ef)\n", "cut EF cut CD cut XY cut ef",
         "A'cut EF' | A'cut CD' | A'cut ef'"},
    };
    for (size_t k = 0; k < sizeof split_cases / sizeof *split_cases; k++) {
        rs = load_one(&d, split_cases[k][0]);
        check_apply(rs, split_cases[k][1], split_cases[k][2]);
        whosaid_ruleset_set_gates(rs, 0);
        check_apply(rs, split_cases[k][1], split_cases[k][2]);
        whosaid_ruleset_free(rs);
    }
    /* A long run without blanks is walked back once, not per trigger
     * (linear), and every position in it stays open. */
    size_t n = 200000;
    char *big = malloc(n + 3);
    assert_non_null(big);
    memset(big, '7', n);
    memcpy(big, "x", 1);
    memcpy(big + n, "y.", 3);
    rs = load_one(&d, "gate\t\\d\t3\nSTAT\t0\tx7\n");
    clock_t t0 = clock();
    check_apply(rs, big, "STAT'x7'");
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
    whosaid_ruleset_free(rs);
    free(big);
    tmp_close(&d);
}

static void test_match_limit(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    whosaid_ruleset *rs = load_one(&d, "X\t0\ta\\b\n"
                                       "# catastrophic backtracking\n"
                                       "SLOW\t0\t(a+)+$\n"
                                       "B\t0\tb\n");
    const char *text = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab b";
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    check_apply(rs, text, "B'b' | B'b'");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true(t1.tv_sec - t0.tv_sec < 5);
    assert_int_equal(whosaid_ruleset_limit_hits(rs), 1);
    const char *file;
    long line;
    assert_int_equal(whosaid_ruleset_limit_hit(rs, 0, &file, &line), 1);
    assert_string_equal(file, d.files[0]);
    assert_int_equal(line, 3);
    assert_int_equal(whosaid_ruleset_limit_hit(rs, 1, &file, &line), 0);
    /* The list is per apply; on a harmless text the rule matches again. */
    check_apply(rs, "xa aa", "X'a' | X'a' | SLOW'aa'");
    assert_int_equal(whosaid_ruleset_limit_hits(rs), 0);
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

/* Text k's match-limit hits after an apply, as "file:line" joined by ' '
 * (k SIZE_MAX: of whosaid_ruleset_apply, else of whosaid_ruleset_apply_many). */
static char *render_hits(const whosaid_ruleset *rs, size_t k)
{
    whosaid_buf b = WHOSAID_BUF_INIT;
    whosaid_buf_append(&b, "", 0);
    const char *file;
    long line;
    for (size_t i = 0; k == SIZE_MAX ? whosaid_ruleset_limit_hit(rs, i, &file, &line)
                                     : whosaid_ruleset_limit_hit_in(rs, k, i, &file, &line);
         i++)
        whosaid_buf_printf(&b, "%s:%ld ", file, line);
    return b.data;
}

/* Applying a set to texts in one batch gives each text what applying it to
 * that text alone gives: candidates, match-limit hits (a rule that hits it
 * in one text still matches in the next), empty texts and texts without a
 * trigger, and a text whose tries fill more than one batch of tries. */
static void test_apply_many_equals_alone(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    whosaid_ruleset *rs = load_one(&d, "X\t0\ta\\b\n"
                                       "SLOW\t0\t(a+)+$\n"
                                       "B\t0\tb\n"
                                       "PCT\t0\t\\d+\\.\\d+(*SKIP)(*FAIL)|\\d+%\n"
                                       "gate\tsaid\t3\n"
                                       "SAID\t0\t[A-Z][a-z]+\n");
    size_t nlong = 6000;
    char *longtext = malloc(nlong * 8 + 1);
    assert_non_null(longtext);
    for (size_t i = 0; i < nlong; i++)
        memcpy(longtext + i * 8, i % 7 ? "a b 7% " : "Al said", 8);
    longtext[nlong * 8 - 1] = '\0';
    const char *texts[] = {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab b",
                           "",
                           "xyz",
                           "xa aa",
                           "Bob said 12.5 is 40% of a b",
                           longtext,
                           "",
                           "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab b",
                           "12.5% Ann said so"};
    enum { N = sizeof texts / sizeof *texts };
    char *alone[N], *alone_hits[N];
    size_t lens[N];
    whosaid_error e;
    for (size_t k = 0; k < N; k++) {
        whosaid_cands cs = WHOSAID_CANDS_INIT;
        lens[k] = strlen(texts[k]);
        assert_int_equal(whosaid_ruleset_apply(rs, texts[k], lens[k], &cs, &e), 0);
        alone[k] = render(texts[k], &cs);
        alone_hits[k] = render_hits(rs, SIZE_MAX);
        whosaid_cands_free(&cs);
    }
    assert_string_not_equal(alone_hits[0], "");
    assert_string_equal(alone[3], "X'a' | X'a' | SLOW'aa'");
    whosaid_cands lists[N], *cands[N];
    for (size_t k = 0; k < N; k++) {
        lists[k] = (whosaid_cands)WHOSAID_CANDS_INIT;
        cands[k] = &lists[k];
    }
    assert_int_equal(whosaid_ruleset_apply_many(rs, texts, lens, cands, N, &e), 0);
    for (size_t k = 0; k < N; k++) {
        char *got = render(texts[k], &lists[k]), *hits = render_hits(rs, k);
        assert_string_equal(got, alone[k]);
        assert_string_equal(hits, alone_hits[k]);
        free(got);
        free(hits);
        free(alone[k]);
        free(alone_hits[k]);
        whosaid_cands_free(&lists[k]);
    }
    free(longtext);
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

static void test_none_blocks_default(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    const char *defaults = tmp_write(&d, "names.rules",
                                     "PERSON\t0\t\\p{Lu}\\p{L}+ \\p{Lu}\\p{L}+\n"
                                     "CITY\t0\tKong\n");
    const char *user = tmp_write(&d, "user.rules", "# not a person\nNONE\t0\tHong Kong\n");
    whosaid_ruleset *rs = whosaid_ruleset_new();
    whosaid_error e;
    assert_int_equal(whosaid_ruleset_load(rs, defaults, 0, &e), 0);
    assert_int_equal(whosaid_ruleset_load(rs, user, 1, &e), 0);
    const char *text = "Hong Kong leader John Lee said";
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    assert_int_equal(whosaid_ruleset_apply(rs, text, strlen(text), &cs, &e), 0);
    assert_int_equal(cs.n, 4);
    assert_int_equal(whosaid_cands_resolve(&cs), 0);
    char *got = render(text, &cs);
    /* The user NONE wins the tie with the default PERSON (same length and
     * priority), blocks the shorter CITY it overlaps, then goes. */
    assert_string_equal(got, "PERSON'John Lee'");
    free(got);
    whosaid_cands_free(&cs);
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

/* Work shared between rules is done once and changes nothing: rules that
 * open with the same "A(*SKIP)(*FAIL)|" try A once per position (its group
 * numbers stay those of the whole pattern), and gate lines repeating an
 * earlier pattern and lookback share its windows. */
static void test_shared_work(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    whosaid_ruleset *rs = load_one(&d, "define\tNN\t(?<model>\\p{Lu}\\p{Ll}+)\\s\\d+\n"
                                       "A\t0\t{NN}(*SKIP)(*FAIL)|(?<num>\\d+)\n"
                                       "B\t0\t{NN}(*SKIP)(*FAIL)|(?<num>\\d+)\\s?(?<pct>%)\n");
    const char *text = "Boeing 737 and 40 % of 12";
    const char *want = "A'40'{\"num\":\"40\"} | A'12'{\"num\":\"12\"} | "
                       "B'40 %'{\"num\":\"40\",\"pct\":\"%\"}";
    check_apply(rs, text, want);
    check_apply(rs, text, want); /* nothing of the last text is remembered */
    whosaid_ruleset_free(rs);
    /* The first and third gate lines are one gate (lookback 0): "about 5"
     * starts a word before its digit, so only B, under lookback 1, has it. */
    rs = load_one(&d, "gate\t\\d\t0\nA\t0\tabout\\s\\d\ngate\t\\d\t1\nB\t0\tabout\\s\\d\n"
                      "gate\t\\d\t0\nC\t0\tabout\\s\\d\nD\t0\t\\d\n");
    check_apply(rs, "about 5", "B'about 5' | D'5'");
    whosaid_ruleset_free(rs);
    /* A gate "\d|..." (here through a define) takes a digit as a trigger
     * without running its pattern; the windows are the same. */
    rs = load_one(&d, "define\tT\t\\d|foo\ngate\t{T}\t0\nX\t0\tfoo\\s?\\d+|\\d+\n");
    const char *t2 = "foo 12, 7 and bar 3x4";
    const char *w2 = "X'foo 12' | X'7' | X'3' | X'4'";
    check_apply(rs, t2, w2);
    whosaid_ruleset_set_gates(rs, 0);
    check_apply(rs, t2, w2);
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

/* A gate's trigger tries are checked on characters 2-5 too, branch by
 * branch: a short branch ("$", a one-character trigger) lets its first
 * characters through whatever follows, a digit_first gate's deep check
 * leaves out positions where \d may match (a non-ASCII digit), and an
 * option set at the top level ("(?i)") holds in the branches after it. */
static void test_gate_deep(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    whosaid_ruleset *rs = load_one(&d, "define\tT\t\\d|\\$|thousand|(?i:on)e\n"
                                       "gate\t{T}\t0\n"
                                       "X\t0\t\\$\\d+|(?i:thousands?|one)|\\d+\n");
    const char *text = "the $5 and thousands, ONe or \xd9\xa3 then 7";
    const char *want = "X'$5' | X'thousands' | X'ONe' | X'\xd9\xa3' | X'7'";
    check_apply(rs, text, want);
    whosaid_ruleset_set_gates(rs, 0);
    check_apply(rs, text, want);
    whosaid_ruleset_free(rs);
    rs = load_one(&d, "gate\t(?i)abc|def\t0\nY\t0\t(?i)abc|def\n");
    check_apply(rs, "DEF abc", "Y'DEF' | Y'abc'");
    whosaid_ruleset_free(rs);
    rs = load_one(&d, "gate\t(?i)x|def\t0\nY\t0\t(?i)x\\w|def\n");
    check_apply(rs, "Xy dEf dex", "Y'Xy' | Y'dEf'");
    whosaid_ruleset_free(rs);
    /* A "\d|..." gate takes a run of ASCII digits as one trigger: every
     * digit of it stays in the window, a run right after another trigger
     * and the next run are triggers too, and a new text starts afresh. */
    rs = load_one(&d, "gate\t\\d|zz\t0\nX\t0\t45|zz1|9\n");
    check_apply(rs, "1234567 zz12 x 99", "X'45' | X'zz1' | X'9' | X'9'");
    check_apply(rs, "9", "X'9'");
    whosaid_ruleset_set_gates(rs, 0);
    check_apply(rs, "1234567 zz12 x 99", "X'45' | X'zz1' | X'9' | X'9'");
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

/* The trigger pass steps over bytes no gate may start at, and works out
 * whether the character before a position is a letter only where one may
 * start: after a non-ASCII letter ("é", "日") a trigger that must not follow
 * a letter is not one, after a non-ASCII non-letter ("«", NBSP) it is,
 * and a trigger that may follow a letter is found inside a word. */
static void test_gate_first_bytes(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    whosaid_ruleset *rs = load_one(&d, "gate\t(?<!\\p{L})foo|Bar\t0\nX\t0\t(?:foo|Bar)\\d\n");
    const char *text = "\xc3\xa9"
                       "foo1 \xc2\xab"
                       "foo2 \xe6\x97\xa5"
                       "foo3 foo4\xc2\xa0"
                       "foo5 xfoo6 xBar7 \xc3\xa9"
                       "Bar8";
    check_apply(rs, text, "X'foo2' | X'foo4' | X'foo5' | X'Bar7' | X'Bar8'");
    whosaid_ruleset_set_gates(rs, 0);
    check_apply(rs, text,
                "X'foo1' | X'foo2' | X'foo3' | X'foo4' | X'foo5' | X'foo6' | X'Bar7' | X'Bar8'");
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

/* A rule starting "(?<![...\p{N}...])" is not tried right after a digit;
 * one whose other alternatives, a negated class, or a class without digits
 * may match there still is. */
static void test_not_after_digit(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    whosaid_ruleset *rs = load_one(&d, "A\t0\t(?<![\\p{L}\\p{N}])\\d+x\n"
                                       "B\t0\t(?<![\\d])y|z\n"
                                       "C\t0\t(?:(?<![\\p{N}])q|w)\n"
                                       "D\t0\t(?<![^\\p{N}])v\n"
                                       "E\t0\t(?<![\\p{L}])u\n"
                                       "define\tN\t\\(\\d\\)\n"
                                       "F\t0\t{N}(*SKIP)(*FAIL)|(?<![\\p{N}])t\n"
                                       "G\t0\t{N}(*SKIP)(*FAIL)|(?<![\\p{N}])s\n");
    check_apply(rs, "12x 3y 4z 5q 6w 7v 8u 9t 1s -2x 3(4)s",
                "A'12x' | A'2x' | B'z' | C'w' | D'v' | E'u' | G's'");
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

/* "TYPE'text'@start" of each candidate, start moved by off, appended to
 * out[type - 'A'] (types are single letters from A). */
static void render_at(const char *text, const whosaid_cands *cs, size_t off, whosaid_buf *out)
{
    for (size_t i = 0; i < cs->n; i++) {
        const whosaid_cand *c = &cs->v[i];
        whosaid_buf_printf(&out[c->type[0] - 'A'], "%s'%.*s'@%zu ", c->type,
                           (int)(c->end - c->start), text + c->start, c->start + off);
    }
}

/* Tries are made in batches, rule by rule: a text with many batches of
 * tries gives what its pieces give alone, with the "A(*SKIP)(*FAIL)|"
 * results of one batch never taken for another's and a rule's next
 * position carried across batches. */
static void test_batches(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    whosaid_ruleset *rs = load_one(&d, "define\tNN\t\\p{Lu}\\p{Ll}\\s\\d+\n"
                                       "A\t0\t{NN}(*SKIP)(*FAIL)|\\d+\n"
                                       "B\t0\t{NN}(*SKIP)(*FAIL)|\\(\\d\\)\n"
                                       "C\t0\t\\d+\\s\\(?\\d\n");
    static const char *const units[] = {"Ab 12 34 (5) x ", "ab 12 34 (5) x ", "Cd 7 (8) 9 "};
    whosaid_buf text = WHOSAID_BUF_INIT,
                want[3] = {WHOSAID_BUF_INIT, WHOSAID_BUF_INIT, WHOSAID_BUF_INIT};
    whosaid_buf got[3] = {WHOSAID_BUF_INIT, WHOSAID_BUF_INIT, WHOSAID_BUF_INIT};
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    whosaid_error e;
    /* Far more tries than a batch holds, in an irregular order of pieces. */
    for (size_t i = 0; i < 8000; i++) {
        const char *u = units[(i * i + i / 7) % 3];
        size_t off = text.len;
        whosaid_buf_append_str(&text, u);
        whosaid_cands_clear(&cs);
        assert_int_equal(whosaid_ruleset_apply(rs, u, strlen(u), &cs, &e), 0);
        render_at(u, &cs, off, want);
    }
    whosaid_cands_clear(&cs);
    assert_int_equal(whosaid_ruleset_apply(rs, text.data, text.len, &cs, &e), 0);
    render_at(text.data, &cs, 0, got);
    for (size_t k = 0; k < 3; k++) {
        assert_non_null(want[k].data);
        assert_string_equal(got[k].data, want[k].data);
        whosaid_buf_free(&want[k]);
        whosaid_buf_free(&got[k]);
    }
    whosaid_cands_free(&cs);
    whosaid_buf_free(&text);
    whosaid_ruleset_free(rs);
    tmp_close(&d);
}

/* The pass's byte -> run class table agrees with the prefilter's. */
static void test_run_of_table(void **state)
{
    (void)state;
    for (unsigned b = 0; b < 256; b++)
        assert_int_equal(whosaid_ruletable_run_of[b],
                         b < 128 ? whosaid_prefilter_run_class(b) + 1 : 0);
}

/* The 64 x 64 transpose against the definition, on a pseudo-random matrix. */
static void test_transpose64(void **state)
{
    (void)state;
    uint64_t a[64], m[64], x = 0x9E3779B97F4A7C15u;
    for (int i = 0; i < 64; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        a[i] = m[i] = i == 5 ? 0 : i == 9 ? ~(uint64_t)0 : x;
    }
    whosaid_ruletable_transpose64(a);
    for (int i = 0; i < 64; i++)
        for (int j = 0; j < 64; j++)
            assert_int_equal(a[j] >> i & 1, m[i] >> j & 1);
}

/* A row ORed in at any bit offset lands bit for bit, touching nothing else. */
static void test_or_row(void **state)
{
    (void)state;
    const uint64_t row[WHOSAID_PREFILTER_ROW_WORDS] = {0x8000000000000001u, 0xF0F0F0F0F0F0F0F0u,
                                                       0x3};
    for (size_t at = 0; at < 130; at += 7) {
        uint64_t set[6] = {0, 0, 0, 0, 0, 0};
        whosaid_ruletable_or_row(set, at, row);
        for (size_t b = 0; b < 6 * 64; b++) {
            int want = b >= at && b - at <= WHOSAID_PREFILTER_END &&
                       (row[(b - at) / 64] >> ((b - at) % 64) & 1);
            assert_int_equal(whosaid_bit_test(set, b), want);
        }
    }
}

/* The inverted tables hold, cell by cell, what each rule's prefilter says
 * (a rule without a condition and a searched rule's deeper levels: all). */
static void test_table_matches_queries(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    whosaid_buf b = WHOSAID_BUF_INIT;
    whosaid_buf_append(&b, "", 0);
    /* More than 64 rules, so a cell's rules span two words. */
    for (int i = 0; i < 70; i++)
        whosaid_buf_printf(&b, "R\t%d\t(?<![\\p{L}])%c%c+\\d{1,2}%%\n", i, 'a' + i % 26,
                           'a' + i / 3 % 26);
    whosaid_buf_append_str(&b, "S\t0\t\\d+(*SKIP)x|q\\w\n"
                               "K\t0\tno(*SKIP)(*FAIL)|n\\w+\n"
                               "gate\t\\$|(?i)usd\t1\n"
                               "G\t0\t\\d+\n");
    whosaid_ruleset *rs = load_one(&d, b.data);
    check_apply(rs, "aa5% 7 $", "R'aa5%' | G'7'");
    assert_true(rs->nfilt > 64 && rs->nw == 2);
    for (size_t f = 0; f < rs->nfilt; f++) {
        const whosaid_prefilter *pf = rs->pfs[f];
        const whosaid_prefilter *dpf = rs->rules[rs->filt[f]].mode == APPLY_SEARCH ? NULL : pf;
        size_t w = f / 64, bit = f % 64;
#define HAS(words, i) ((int)((words)[(i)*rs->nw + w] >> bit & 1))
        for (unsigned c1 = 0; c1 < 130; c1++)
            for (unsigned c2 = 0; c2 < 130; c2++) {
                for (unsigned al = 0; c1 < 129 && al < 2; al++)
                    assert_int_equal(HAS(rs->table, cell(al, c1, c2)),
                                     !pf || whosaid_prefilter_accepts(pf, (int)al, c1, c2));
                for (int k = 0; c1 < 129 && k < WHOSAID_PREFILTER_DEEP; k++)
                    assert_int_equal(HAS(rs->deep[k], c1 * 130 + c2),
                                     !dpf || whosaid_prefilter_accepts_deep(dpf, k + 1, c1, c2));
                for (int r = 0; r < WHOSAID_PREFILTER_RUNS; r++)
                    for (int k = 0; k < 2; k++)
                        assert_int_equal(
                            HAS(rs->after, (size_t)(r * 2 + k) * ACELLS + c1 * 130 + c2),
                            !dpf || whosaid_prefilter_accepts_after(dpf, r, k, c1, c2));
            }
#undef HAS
    }
    whosaid_ruleset_free(rs);
    whosaid_buf_free(&b);
    tmp_close(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_lookbehind),
        cmocka_unit_test(test_span_group_and_attrs),
        cmocka_unit_test(test_priority_user_order),
        cmocka_unit_test(test_defines),
        cmocka_unit_test(test_words_and_wordfile),
        cmocka_unit_test(test_caseless_and_utf8),
        cmocka_unit_test(test_empty_matches),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_match_limit),
        cmocka_unit_test(test_apply_many_equals_alone),
        cmocka_unit_test(test_none_blocks_default),
        cmocka_unit_test(test_gates),
        cmocka_unit_test(test_shared_work),
        cmocka_unit_test(test_gate_deep),
        cmocka_unit_test(test_gate_first_bytes),
        cmocka_unit_test(test_not_after_digit),
        cmocka_unit_test(test_batches),
        cmocka_unit_test(test_run_of_table),
        cmocka_unit_test(test_transpose64),
        cmocka_unit_test(test_or_row),
        cmocka_unit_test(test_table_matches_queries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
