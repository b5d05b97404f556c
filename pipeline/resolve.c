/* whosaid-resolve: groups the name spans of each document record into
 * entities (aliases, acronyms, name parts, role nouns) with their roles,
 * organizations and gender evidence. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "whosaid/cli.h"
#include "whosaid/paths.h"
#include "whosaid/resolve.h"
#include "whosaid/ruleopts.h"
#include "whosaid/stage.h"

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: whosaid-resolve [OPTIONS] [FILE|-]...\n"
            "Groups tagged spans into entities (JSON Lines in, JSON Lines out).\n\n"
            "  -r, --rules=PATH       add a role lexicon file (*.rules) or directory on top\n"
            "                         of the defaults (repeatable; also $WHOSAID_RESOLVE_RULES,\n"
            "                         ':'-separated)\n"
            "      --no-default-rules use only the rules given with -r / $WHOSAID_RESOLVE_RULES\n"
            "      --check            load and validate the rule files, then exit\n"
            "  -u, --unbuffered       write each record as soon as it is made\n"
            "  -s, --stats            print records in, out and with errors on stderr\n"
            "  -h, --help             show this help\n"
            "  -V, --version          show the version\n\n"
            "Default rules: rules/resolve/*.rules (role lexicon), rules/names/first-names.txt\n"
            "and surnames.txt (gender evidence); see rules/README.md.\n"
            "Exit status: 0 ok, 1 a bad record (reported, passed on with \"errors\"),\n"
            "2 usage or rule-file error (before any output).\n");
}

static int resolve_one(void *ctx, json_t *rec, whosaid_error *err)
{
    return whosaid_resolver_run(ctx, rec, err);
}

static int add_rules(void *r, const char *path)
{
    whosaid_error e;
    if (whosaid_resolver_add(r, path, whosaid_rules_dir(), &e)) {
        whosaid_cli_report(&e);
        return WHOSAID_EXIT_USAGE;
    }
    return 0;
}

static int add_defaults(whosaid_resolver *r)
{
    char dir[4096], first[4096], family[4096];
    whosaid_error e;
    if (whosaid_rules_path("resolve", dir, sizeof dir) ||
        whosaid_rules_path("names/first-names.txt", first, sizeof first) ||
        whosaid_rules_path("names/surnames.txt", family, sizeof family)) {
        whosaid_cli_warn("rules directory path too long");
        return WHOSAID_EXIT_USAGE;
    }
    if (add_rules(r, dir)) return WHOSAID_EXIT_USAGE;
    if (whosaid_resolver_add_names(r, access(first, F_OK) == 0 ? first : NULL,
                                   access(family, F_OK) == 0 ? family : NULL, &e)) {
        whosaid_cli_report(&e);
        return WHOSAID_EXIT_USAGE;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        WHOSAID_RULEOPTS_LONG, WHOSAID_CLI_LONGOPTS, {NULL, 0, NULL, 0}};
    whosaid_ruleopts ro;
    int c, taken;
    whosaid_ruleopts_init(&ro);
    whosaid_cli_init(argv);
    while ((c = getopt_long(argc, argv, WHOSAID_RULEOPTS_SHORT "hV", longopts, NULL)) != -1) {
        if ((taken = whosaid_ruleopts_take(&ro, c, optarg)) < 0) return WHOSAID_EXIT_USAGE;
        if (taken) continue;
        switch (c) {
        default: return whosaid_cli_common_option(c, usage); /* -h, -V or a bad option */
        }
    }
    whosaid_resolver *r = whosaid_resolver_new();
    whosaid_out *out = whosaid_out_new(STDOUT_FILENO);
    if (!r || !out) {
        whosaid_cli_warn("out of memory");
        whosaid_resolver_free(r);
        whosaid_out_free(out);
        return WHOSAID_EXIT_DATA;
    }
    int status = ro.defaults ? add_defaults(r) : 0;
    if (!status) status = whosaid_ruleopts_each(&ro, "WHOSAID_RESOLVE_RULES", add_rules, r);
    if (!status && ro.check) {
        printf("%s: %zu rule files, %zu entries: OK\n", whosaid_cli_prog(),
               whosaid_resolver_files(r), whosaid_resolver_entries(r));
        status = fclose(stdout) ? WHOSAID_EXIT_DATA : 0;
    } else if (!status) {
        whosaid_out_set_flush_each(out, ro.unbuffered);
        whosaid_stage_counts counts;
        /* spans are mostly passed on: read them in the parse, build none */
        status = whosaid_stage_run_kept(argv + optind, argc - optind, whosaid_resolver_kept(),
                                        resolve_one, r, out, &counts);
        if (ro.stats) whosaid_stage_stats(&counts, NULL);
    }
    whosaid_out_free(out);
    whosaid_resolver_free(r);
    return status;
}
