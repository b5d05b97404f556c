/* whosaid-tag: adds PERSON, ORG, COUNTRY, LOCATION (and DATE, STAT) spans
 * to document records, from gazetteer and regex rule files. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "whosaid/cli.h"
#include "whosaid/limitlog.h"
#include "whosaid/paths.h"
#include "whosaid/ruleopts.h"
#include "whosaid/stage.h"
#include "whosaid/tagger.h"

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: whosaid-tag [OPTIONS] [FILE|-]...\n"
            "Adds tagged spans to document records (JSON Lines in, JSON Lines out).\n\n"
            "  -r, --rules=PATH       add a rule file or directory on top of the defaults\n"
            "                         (repeatable; also $WHOSAID_RULES, ':'-separated)\n"
            "      --no-default-rules use only the rules given with -r / $WHOSAID_RULES\n"
            "      --check            load and validate the rule files, then exit\n"
            "      --anchor=DATE      reference date (ISO 8601) for relative dates in\n"
            "                         records without meta.published\n"
            "  -u, --unbuffered       write each record as soon as it is made\n"
            "  -s, --stats            print records in, out and with errors on stderr,\n"
            "                         and match_limits: regex rule hits of PCRE2's limits\n"
            "      --no-gates         try regex rules everywhere, ignoring gate lines\n"
            "                         (slower; a debugging aid: the output must not change)\n"
            "  -h, --help             show this help\n"
            "  -V, --version          show the version\n\n"
            "Rule files: *.tsv gazetteers, *.rules regex rules (see rules/README.md).\n"
            "A regex rule that hits PCRE2's match limit in a document is skipped for\n"
            "that document, with a \"match_limit\" warning in the record and a message\n"
            "naming the rule's file:line (the first %d documents per rule; later hits\n"
            "are counted and totalled at the end); the status stays 0 for it.\n"
            "Exit status: 0 ok, 1 a bad record (reported, passed on with \"errors\"),\n"
            "2 usage or rule-file error (before any output).\n",
            WHOSAID_LIMITLOG_SHOWN);
}

/* Match-limit hits are found by the tagger, which reports them only in the
 * records' "match_limit" warnings; the log reads them back from there to
 * tell the user on stderr, rate-limited per rule (limitlog.h). */
typedef struct tag_ctx {
    whosaid_tagger *t;
    whosaid_limitlog *limits;
} tag_ctx;

/* Records tagged at once: the regex rules are tried across a batch's
 * texts, each rule's JIT code warm for most of its tries
 * (whosaid_ruleset_apply_many). 64 news texts: 4% faster than 32; 2 MB
 * more peak RSS. */
#define TAG_BATCH_RECORDS 64
#define TAG_BATCH_BYTES ((size_t)128 << 10)

static int tag_start(void *vctx, json_t *rec, whosaid_error *err)
{
    tag_ctx *c = vctx;
    return whosaid_tagger_start(c->t, rec, err);
}

static void tag_rules(void *vctx)
{
    tag_ctx *c = vctx;
    whosaid_tagger_apply_rules(c->t);
}

static int tag_finish(void *vctx, size_t k, json_t *rec, whosaid_error *err)
{
    tag_ctx *c = vctx;
    const json_t *ws = json_object_get(rec, "warnings");
    size_t before = json_is_array(ws) ? json_array_size(ws) : 0;
    int rc = whosaid_tagger_finish(c->t, k, err);
    whosaid_limitlog_note(c->limits, rec, before);
    return rc;
}

static void tag_end(void *vctx)
{
    tag_ctx *c = vctx;
    whosaid_tagger_end_batch(c->t);
}

static int add_rules(whosaid_tagger *t, const char *path, int user)
{
    whosaid_error e;
    char root[4096];
    snprintf(root, sizeof root, "%s", whosaid_rules_dir());
    if (whosaid_tagger_add(t, path, user, root, &e)) {
        whosaid_cli_report(&e);
        return WHOSAID_EXIT_USAGE;
    }
    return 0;
}

static int add_user_rules(void *t, const char *path)
{
    return add_rules(t, path, 1);
}

int main(int argc, char **argv)
{
    enum { OPT_ANCHOR = 0x200, OPT_NO_GATES };
    static const struct option longopts[] = {WHOSAID_RULEOPTS_LONG,
                                             {"anchor", required_argument, NULL, OPT_ANCHOR},
                                             {"no-gates", no_argument, NULL, OPT_NO_GATES},
                                             WHOSAID_CLI_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    whosaid_ruleopts ro;
    int gates = 1, c, taken;
    const char *anchor = NULL;
    whosaid_ruleopts_init(&ro);
    whosaid_cli_init(argv);
    while ((c = getopt_long(argc, argv, WHOSAID_RULEOPTS_SHORT "hV", longopts, NULL)) != -1) {
        if ((taken = whosaid_ruleopts_take(&ro, c, optarg)) < 0) return WHOSAID_EXIT_USAGE;
        if (taken) continue;
        switch (c) {
        case OPT_ANCHOR: anchor = optarg; break;
        case OPT_NO_GATES: gates = 0; break;
        default: return whosaid_cli_common_option(c, usage); /* -h, -V or a bad option */
        }
    }
    whosaid_error e;
    whosaid_tagger *t = whosaid_tagger_new(whosaid_rules_dir(), &e);
    if (!t) {
        whosaid_cli_report(&e);
        return WHOSAID_EXIT_USAGE;
    }
    whosaid_tagger_set_gates(t, gates);
    if (anchor && whosaid_tagger_set_anchor(t, anchor)) {
        whosaid_cli_warn("--anchor: '%s' is not an ISO 8601 date", anchor);
        whosaid_tagger_free(t);
        return WHOSAID_EXIT_USAGE;
    }
    whosaid_out *out = whosaid_out_new(STDOUT_FILENO);
    if (!out) {
        whosaid_cli_warn("out of memory");
        whosaid_tagger_free(t);
        return WHOSAID_EXIT_DATA;
    }
    int status = 0;
    /* The default tag rules: gazetteers, then regex rules. */
    static const char *const default_dirs[] = {"gazetteer", "tag"};
    for (size_t i = 0; ro.defaults && i < 2 && !status; i++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", whosaid_rules_dir(), default_dirs[i]);
        if (access(dir, F_OK) == 0) status = add_rules(t, dir, 0);
    }
    if (!status) status = whosaid_ruleopts_each(&ro, "WHOSAID_RULES", add_user_rules, t);
    if (!status && ro.check) {
        printf("%s: %zu rule files, %zu gazetteer entries, %zu regex rules: OK\n",
               whosaid_cli_prog(), whosaid_tagger_files(t), whosaid_tagger_gazetteer_entries(t),
               whosaid_tagger_regex_rules(t));
        status = fclose(stdout) ? WHOSAID_EXIT_DATA : 0;
    } else if (!status) {
        whosaid_out_set_flush_each(out, ro.unbuffered);
        whosaid_stage_counts counts;
        tag_ctx cx = {t, whosaid_limitlog_new("the rule was skipped for this document")};
        if (!cx.limits) {
            whosaid_cli_warn("out of memory");
            status = WHOSAID_EXIT_DATA;
        } else {
            static const whosaid_stage_batch batch = {TAG_BATCH_RECORDS, TAG_BATCH_BYTES, tag_start,
                                                      tag_rules,         tag_finish,      tag_end};
            status =
                whosaid_stage_run_batch(argv + optind, argc - optind, &batch, &cx, out, &counts);
            whosaid_limitlog_totals(cx.limits);
            if (ro.stats) {
                char more[48];
                snprintf(more, sizeof more, "match_limits %ld", whosaid_limitlog_total(cx.limits));
                whosaid_stage_stats(&counts, more);
            }
        }
        whosaid_limitlog_free(cx.limits);
    }
    whosaid_out_free(out);
    whosaid_tagger_free(t);
    return status;
}
