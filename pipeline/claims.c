/* whosaid-claims: document records in, one who-said-what record per claim
 * out (JSON Lines; the claim record is in pipeline/README.md). */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "whosaid/attrib.h"
#include "whosaid/cli.h"
#include "whosaid/cues.h"
#include "whosaid/out.h"
#include "whosaid/paths.h"
#include "whosaid/record.h"

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: whosaid-claims [OPTIONS] [FILE|-]...\n"
            "Reads document records (the output of whosaid-resolve or whosaid-tag) and\n"
            "writes one JSON line per claim: who said what, when, about whom.\n\n"
            "  -r, --rules=PATH       add a claims rule file or directory on top of the\n"
            "                         defaults (repeatable; also $WHOSAID_CLAIMS_RULES,\n"
            "                         ':'-separated)\n"
            "      --no-default-rules use only the rules given with -r\n"
            "      --check            load and validate the rule files, then exit\n"
            "  -s, --stats            print counts to standard error at the end: documents\n"
            "                         in, documents with errors, claims out, claims per\n"
            "                         document\n"
            "  -u, --unbuffered       write each document's claims as soon as they are made\n"
            "  -h, --help             show this help\n"
            "  -V, --version          show the version\n\n"
            "Rule files: rules/claims/*.rules and rules/names/first-names.txt (see\n"
            "rules/README.md). Exit status: 0 ok, 1 a bad line or a document that arrived\n"
            "with errors or could not be read (reported), 2 usage or rule-file error.\n");
}

typedef struct stats {
    long in, errors, claims, bad_lines;
    int print;
} stats;

static int add_rules(whosaid_cues *c, const char *path)
{
    whosaid_error e;
    if (whosaid_cues_load(c, path, &e)) {
        whosaid_cli_report(&e);
        return WHOSAID_EXIT_USAGE;
    }
    return 0;
}

/* One record: its claims go out as lines. Returns 1 to go on, 0 at the end
 * of input, -1 when the output is gone or broken. */
static int one(whosaid_reader *rd, const char *name, whosaid_attrib *at, whosaid_out *out,
               stats *st, int *status)
{
    whosaid_error e;
    json_t *rec = NULL;
    int rc = whosaid_reader_next(rd, &rec, &e);
    if (rc == 0) return 0;
    if (rc < 0) {
        if (whosaid_cli_stop_signal()) return 0;
        whosaid_cli_report(&e);
        *status = WHOSAID_EXIT_DATA;
        st->bad_lines++;
        return rc == WHOSAID_EIO || rc == WHOSAID_ENOMEM ? -1 : 1;
    }
    st->in++;
    const char *id = whosaid_record_id(rec);
    const json_t *errs = json_object_get(rec, "errors");
    if (json_is_array(errs) && json_array_size(errs)) {
        const json_t *first = json_array_get(errs, 0);
        const char *msg = json_string_value(json_object_get(first, "message"));
        const char *stage = json_string_value(json_object_get(first, "stage"));
        whosaid_cli_warn("%s:%ld: document %s arrived with errors (%s: %s); its claims may be "
                         "incomplete",
                         name, whosaid_reader_line(rd), id, stage ? stage : "?", msg ? msg : "?");
        st->errors++;
        *status = WHOSAID_EXIT_DATA;
    }
    json_t *claims = NULL;
    memset(&e, 0, sizeof e);
    rc = whosaid_attrib_run(at, rec, &claims, &e);
    if (rc) {
        whosaid_cli_warn("%s:%ld: document %s: %s", name, whosaid_reader_line(rd), id,
                         e.msg[0] ? e.msg : whosaid_errmsg(rc));
        if (!(json_is_array(errs) && json_array_size(errs))) st->errors++;
        *status = WHOSAID_EXIT_DATA;
    }
    size_t n = claims ? json_array_size(claims) : 0;
    for (size_t i = 0; i < n && !rc; i++) rc = whosaid_out_record(out, json_array_get(claims, i));
    if (st->print) fprintf(stderr, "%s: %s: %zu claims\n", whosaid_cli_prog(), id, n);
    st->claims += (long)n;
    json_decref(claims);
    json_decref(rec);
    if (rc && n) {
        if (!whosaid_cli_output_gone(rc)) *status = WHOSAID_EXIT_DATA;
        return -1;
    }
    return 1;
}

static int run(char **inputs, int n, whosaid_attrib *at, whosaid_out *out, stats *st)
{
    static char *stdin_only[] = {"-"};
    int status = 0, gone = 0;
    if (n == 0) {
        inputs = stdin_only;
        n = 1;
    }
    for (int i = 0; i < n && !gone && !whosaid_cli_stop_signal(); i++) {
        int is_stdin = strcmp(inputs[i], "-") == 0;
        FILE *fp = is_stdin ? stdin : fopen(inputs[i], "rb");
        if (!fp) {
            whosaid_cli_warn("%s: %s", inputs[i], strerror(errno));
            status = WHOSAID_EXIT_DATA;
            continue;
        }
        whosaid_reader *rd = whosaid_reader_new(fp, inputs[i], WHOSAID_READ_ID | WHOSAID_READ_TEXT);
        if (!rd) {
            whosaid_cli_warn("out of memory");
            status = WHOSAID_EXIT_DATA;
            gone = 1;
        }
        int more = 1;
        while (rd && more > 0 && !whosaid_cli_stop_signal()) more = one(rd, inputs[i], at, out, st, &status);
        if (more < 0) gone = 1;
        whosaid_reader_free(rd);
        if (!is_stdin) fclose(fp);
    }
    return whosaid_cli_finish(gone ? NULL : out, status);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, 'r'}, {"no-default-rules", no_argument, NULL, 'n'},
        {"check", no_argument, NULL, 'c'},       {"stats", no_argument, NULL, 's'},
        {"unbuffered", no_argument, NULL, 'u'},  {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},     {NULL, 0, NULL, 0}};
    const char *user_rules[256];
    int nuser = 0, defaults = 1, check = 0, unbuffered = 0, c;
    stats st = {0, 0, 0, 0, 0};
    whosaid_cli_init(argv[0]);
    while ((c = getopt_long(argc, argv, "r:suhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'r':
            if (nuser == 256) {
                whosaid_cli_warn("too many -r options");
                return WHOSAID_EXIT_USAGE;
            }
            user_rules[nuser++] = optarg;
            break;
        case 'n': defaults = 0; break;
        case 'c': check = 1; break;
        case 's': st.print = 1; break;
        case 'u': unbuffered = 1; break;
        case 'h': usage(stdout); return fclose(stdout) ? WHOSAID_EXIT_DATA : 0;
        case 'V': whosaid_cli_version(); return fclose(stdout) ? WHOSAID_EXIT_DATA : 0;
        default: usage(stderr); return WHOSAID_EXIT_USAGE;
        }
    }
    whosaid_cues *cues = whosaid_cues_new();
    whosaid_attrib *at = cues ? whosaid_attrib_new(cues) : NULL;
    whosaid_out *out = whosaid_out_new(STDOUT_FILENO);
    int status = 0;
    if (!cues || !at || !out) {
        whosaid_cli_warn("out of memory");
        status = WHOSAID_EXIT_DATA;
    }
    if (!status && defaults) {
        char path[4096];
        snprintf(path, sizeof path, "%s/claims", whosaid_rules_dir());
        status = add_rules(cues, path);
        snprintf(path, sizeof path, "%s/names/first-names.txt", whosaid_rules_dir());
        if (!status && access(path, F_OK) == 0) status = add_rules(cues, path);
    }
    char *env = getenv("WHOSAID_CLAIMS_RULES") ? strdup(getenv("WHOSAID_CLAIMS_RULES")) : NULL;
    for (char *save = NULL, *p = env ? strtok_r(env, ":", &save) : NULL; p && !status;
         p = strtok_r(NULL, ":", &save))
        status = add_rules(cues, p);
    free(env);
    for (int i = 0; i < nuser && !status; i++) status = add_rules(cues, user_rules[i]);
    if (!status && check) {
        printf("%s: %zu claims rule entries: OK\n", whosaid_cli_prog(), whosaid_cues_count(cues));
        status = fclose(stdout) ? WHOSAID_EXIT_DATA : 0;
    } else if (!status) {
        whosaid_out_set_flush_each(out, unbuffered);
        status = run(argv + optind, argc - optind, at, out, &st);
        if (st.print)
            fprintf(stderr,
                    "%s: %ld documents in, %ld with errors, %ld bad lines, %ld claims out\n",
                    whosaid_cli_prog(), st.in, st.errors, st.bad_lines, st.claims);
    }
    whosaid_out_free(out);
    whosaid_attrib_free(at);
    whosaid_cues_free(cues);
    return status;
}
