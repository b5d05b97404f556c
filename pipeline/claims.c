/* whosaid-claims: document records in, one who-said-what record per claim
 * out (JSON Lines; the claim record is in pipeline/README.md). */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "whosaid/attrib.h"
#include "whosaid/buf.h"
#include "whosaid/cli.h"
#include "whosaid/cues.h"
#include "whosaid/out.h"
#include "whosaid/paths.h"
#include "whosaid/record.h"
#include "whosaid/ruleopts.h"
#include "whosaid/sink.h"
#include "whosaid/stage.h"

static void usage(FILE *fp)
{
    fprintf(fp, "usage: whosaid-claims [OPTIONS] [FILE|-]...\n"
                "Reads document records (the output of whosaid-resolve or whosaid-tag) and\n"
                "writes one JSON line per claim: who said what, when, about whom.\n\n"
                "  -r, --rules=PATH       add a claims rule file or directory on top of the\n"
                "                         defaults (repeatable; also $WHOSAID_CLAIMS_RULES,\n"
                "                         ':'-separated)\n"
                "      --no-default-rules use only the rules given with -r\n"
                "      --check            load and validate the rule files, then exit\n"
                "  -s, --stats            print each document's claim count to standard error,\n"
                "                         and at the end the stages' counts line (in, out,\n"
                "                         errors, bad_lines, duplicate_ids) with claims N\n"
                "  -u, --unbuffered       write each document's claims as soon as they are made\n"
                "  -h, --help             show this help\n"
                "  -V, --version          show the version\n\n"
                "Rule files: rules/claims/*.rules and rules/names/first-names.txt (see\n"
                "rules/README.md). Exit status: 0 ok, 1 a bad line or a document that arrived\n"
                "with errors or could not be read (reported), 2 usage or rule-file error.\n");
}

typedef struct ctx {
    whosaid_attrib *at;
    whosaid_out *out;
    whosaid_buf lines;       /* the document's claim lines */
    whosaid_stage_counts st; /* in, out and bad_lines are settled after the run */
    long claims, no_id;
    int print, status, gone;
} ctx;

static int add_rules(void *c, const char *path)
{
    whosaid_error e;
    if (whosaid_cues_load(c, path, &e)) {
        whosaid_cli_report(&e);
        return WHOSAID_EXIT_USAGE;
    }
    return 0;
}

static int has_warning(const json_t *rec, const char *code)
{
    const json_t *w = json_object_get(rec, "warnings"), *v;
    size_t i;
    json_array_foreach(w, i, v)
    {
        const char *c = json_string_value(json_object_get(v, "code"));
        if (c && !strcmp(c, code)) return 1;
    }
    return 0;
}

/* Members of the kept spans (claimdoc.c) that a statistic written from the
 * parse leaves out, as attrib.c does: a span's id and provenance. (The
 * kept arrays are never built, so nothing else need be skipped.) */
static const whosaid_skip unread[] = {{"spans", "id"}, {"spans", "rule"}};
#define UNREAD_N (sizeof unread / sizeof unread[0])

/* One document record (sink.h): its claims go out as lines. */
static int one(void *vctx, json_t *rec, const char *file, long line)
{
    ctx *c = vctx;
    const char *id = whosaid_record_id(rec);
    if (!id) {
        /* as the other stages' reader: a line without an id is not a record */
        whosaid_cli_warn("%s:%ld: record has no \"id\" string", file, line);
        c->no_id++;
        return 1;
    }
    if (has_warning(rec, "duplicate_id")) c->st.duplicate_ids++;
    int bad = 0;
    const json_t *errs = json_object_get(rec, "errors");
    if (json_is_array(errs) && json_array_size(errs)) {
        const json_t *first = json_array_get(errs, 0);
        const char *msg = json_string_value(json_object_get(first, "message"));
        const char *stage = json_string_value(json_object_get(first, "stage"));
        whosaid_cli_warn("%s:%ld: document %s arrived with errors (%s: %s); its claims may be "
                         "incomplete",
                         file, line, id, stage ? stage : "?", msg ? msg : "?");
        bad = 1;
    }
    whosaid_error e;
    memset(&e, 0, sizeof e);
    size_t n = 0;
    whosaid_buf_clear(&c->lines);
    int rc = whosaid_attrib_write(c->at, rec, &c->lines, &n, &e);
    if (rc) {
        whosaid_cli_warn("%s:%ld: document %s: %s", file, line, id,
                         e.msg[0] ? e.msg : whosaid_errmsg(rc));
        bad = 1;
    }
    c->st.errors += bad;
    /* the document's claims as lines, queued at once (out.h flushes at
     * record boundaries: a document's last line is one) */
    if (n) rc = whosaid_out_raw(c->out, c->lines.data, c->lines.len);
    if (c->print) fprintf(stderr, "%s: %s: %zu claims\n", whosaid_cli_prog(), id, n);
    c->claims += (long)n;
    if (rc && n) { /* the output failed */
        if (!whosaid_cli_output_gone(rc)) c->status = WHOSAID_EXIT_DATA;
        c->gone = 1;
        return -1;
    }
    c->st.out++;
    return bad;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        WHOSAID_RULEOPTS_LONG, WHOSAID_CLI_LONGOPTS, {NULL, 0, NULL, 0}};
    whosaid_ruleopts ro;
    int c, taken;
    ctx cx;
    memset(&cx, 0, sizeof cx);
    whosaid_ruleopts_init(&ro);
    whosaid_cli_init(argv);
    while ((c = getopt_long(argc, argv, WHOSAID_RULEOPTS_SHORT "hV", longopts, NULL)) != -1) {
        if ((taken = whosaid_ruleopts_take(&ro, c, optarg)) < 0) return WHOSAID_EXIT_USAGE;
        if (taken) continue;
        switch (c) {
        default: return whosaid_cli_common_option(c, usage); /* -h, -V or a bad option */
        }
    }
    cx.print = ro.stats;
    whosaid_cues *cues = whosaid_cues_new();
    whosaid_attrib *at = cues ? whosaid_attrib_new(cues) : NULL;
    whosaid_out *out = whosaid_out_new(STDOUT_FILENO);
    int status = 0;
    if (!cues || !at || !out) {
        whosaid_cli_warn("out of memory");
        status = WHOSAID_EXIT_DATA;
    }
    if (!status && ro.defaults) {
        char path[4096];
        snprintf(path, sizeof path, "%s/claims", whosaid_rules_dir());
        status = add_rules(cues, path);
        snprintf(path, sizeof path, "%s/names/first-names.txt", whosaid_rules_dir());
        if (!status && access(path, F_OK) == 0) status = add_rules(cues, path);
    }
    if (!status) status = whosaid_ruleopts_each(&ro, "WHOSAID_CLAIMS_RULES", add_rules, cues);
    if (!status && ro.check) {
        printf("%s: %zu claims rule entries: OK\n", whosaid_cli_prog(), whosaid_cues_count(cues));
        status = fclose(stdout) ? WHOSAID_EXIT_DATA : 0;
    } else if (!status) {
        whosaid_out_set_flush_each(out, ro.unbuffered);
        cx.at = at;
        cx.out = out;
        whosaid_sink_counts sc;
        int stopped = 0;
        /* spans and entities are read straight from the parse (claimdoc.c) */
        size_t nkeep;
        const whosaid_keep *keep = whosaid_attrib_kept(&nkeep);
        status = whosaid_sink_run_skip(argv + optind, argc - optind, unread, UNREAD_N, keep, nkeep,
                                       one, &cx, &stopped, &sc);
        if (cx.status) status = cx.status;
        status = whosaid_cli_finish(cx.gone ? NULL : out, status);
        if (cx.print) {
            char more[64];
            cx.st.in = sc.records - cx.no_id;
            cx.st.bad_lines = sc.bad_lines + cx.no_id;
            snprintf(more, sizeof more, "claims %ld", cx.claims);
            whosaid_stage_stats(&cx.st, more);
        }
    }
    whosaid_buf_free(&cx.lines);
    whosaid_out_free(out);
    whosaid_attrib_free(at);
    whosaid_cues_free(cues);
    return status;
}
