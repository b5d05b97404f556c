/* bench_floor: what a middle stage pays before doing any work of its own,
 * for the benchmark (tests/bench/bench.py), not a test.
 *
 *     bench_floor FILE|-         read every record with the last stages'
 *                                loop (sink.h: claims reads so) and print
 *                                how many on stdout
 *     bench_floor --write FILE   read, check and write every record
 *                                unchanged (stage.h: the middle stages'
 *                                loop with a step that does nothing),
 *                                output to stdout
 *
 * The CPU time of these over a stage's input bounds that stage's speed: the
 * stage cannot be faster than reading (claims) or passing on (tag, resolve)
 * its records. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "whosaid/cli.h"
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

int main(int argc, char **argv)
{
    whosaid_cli_init(argv);
    if (argc == 3 && strcmp(argv[1], "--write") == 0) {
        whosaid_out *out = whosaid_out_new(STDOUT_FILENO);
        if (!out) return 2;
        int status = whosaid_stage_run(argv + 2, 1, change_nothing, NULL, out, NULL);
        whosaid_out_free(out);
        return status;
    }
    if (argc == 2 && strncmp(argv[1], "--", 2) != 0) {
        whosaid_sink_counts c;
        int status = whosaid_sink_run(argv + 1, 1, take_nothing, NULL, NULL, &c);
        printf("bench_floor: %ld records read, %ld bad lines\n", c.records, c.bad_lines);
        return status;
    }
    fprintf(stderr, "usage: bench_floor [--write] FILE\n");
    return 2;
}
