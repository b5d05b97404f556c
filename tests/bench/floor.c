/* bench_floor: what a middle stage pays before doing any work of its own,
 * for the benchmark (tests/bench/bench.py), not a test.
 *
 *     bench_floor [--as STAGE] FILE|-          read every record with the
 *                                              last stages' loop (sink.h:
 *                                              claims reads so) and print
 *                                              how many on stdout
 *     bench_floor --write [--as STAGE] FILE|-  read, check and write every
 *                                              record unchanged (stage.h:
 *                                              the middle stages' loop with
 *                                              a step that does nothing),
 *                                              output to stdout
 *
 * --as resolve or --as claims reads as that stage does: its big arrays
 * ("spans", "entities") left in simdjson's parse and read through views
 * (resolve.h whosaid_resolver_kept, attrib.h whosaid_attrib_kept) rather
 * than built as jansson values. The CPU time of these over a stage's input
 * bounds that stage's speed: the stage cannot be faster than reading
 * (claims) or passing on (tag, resolve) its records. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "whosaid/attrib.h"
#include "whosaid/cli.h"
#include "whosaid/resolve.h"
#include "whosaid/sink.h"
#include "whosaid/stage.h"

static int change_nothing(void *ctx, json_t *rec, whosaid_error *err)
{
    (void)ctx, (void)rec, (void)err;
    return 0;
}

static int take_nothing(void *ctx, json_t *rec, const char *file, long line)
{
    (void)ctx, (void)rec, (void)file, (void)line;
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: bench_floor [--write] [--as tag|resolve|claims] FILE\n");
    return 2;
}

int main(int argc, char **argv)
{
    whosaid_cli_init(argv);
    int write = 0, i = 1;
    const char *as = "tag";
    for (; i < argc - 1 && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--write") == 0)
            write = 1;
        else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc - 1)
            as = argv[++i];
        else
            return usage();
    }
    if (i != argc - 1 || (strcmp(as, "tag") && strcmp(as, "resolve") && strcmp(as, "claims")))
        return usage();
    if (write) {
        whosaid_out *out = whosaid_out_new(STDOUT_FILENO);
        if (!out) return 2;
        int status = strcmp(as, "resolve") == 0
                         ? whosaid_stage_run_kept(argv + i, 1, whosaid_resolver_kept(),
                                                  change_nothing, NULL, out, NULL)
                         : whosaid_stage_run(argv + i, 1, change_nothing, NULL, out, NULL);
        whosaid_out_free(out);
        return status;
    }
    whosaid_sink_counts c;
    size_t nkeep = 0;
    const whosaid_keep *keep = strcmp(as, "claims") == 0 ? whosaid_attrib_kept(&nkeep) : NULL;
    int status =
        whosaid_sink_run_skip(argv + i, 1, NULL, 0, keep, nkeep, take_nothing, NULL, NULL, &c);
    printf("bench_floor: %ld records read, %ld bad lines\n", c.records, c.bad_lines);
    return status;
}
