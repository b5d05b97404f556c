/* bench_floor: what a middle stage pays before doing any work of its own,
 * for the benchmark (tests/bench/bench.py), not a test.
 *
 *     bench_floor FILE|-         read every record as the stages do
 *                                (jansson with the per-record arena) and
 *                                print how many on stdout
 *     bench_floor --write FILE   read, check and write every record
 *                                unchanged (the stages' record loop with
 *                                a step that does nothing), output to stdout
 *
 * The CPU time of these over a stage's input bounds that stage's speed: the
 * stage cannot be faster than reading (claims) or passing on (tag, resolve)
 * its records. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "whosaid/cli.h"
#include "whosaid/jsonmem.h"
#include "whosaid/record.h"
#include "whosaid/stage.h"

static int nothing(void *ctx, json_t *rec, whosaid_error *err)
{
    (void)ctx, (void)rec, (void)err;
    return 0;
}

static int read_only(const char *path)
{
    FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!fp) {
        perror(path);
        return 2;
    }
    whosaid_reader *r = whosaid_reader_new(fp, path, WHOSAID_READ_ID);
    whosaid_jsonmem *mem = whosaid_jsonmem_for_records();
    long records = 0, bad = 0;
    int rc;
    for (;;) {
        json_t *rec = NULL;
        whosaid_error err;
        whosaid_jsonmem_begin(mem);
        rc = whosaid_reader_next(r, &rec, &err);
        if (rc == 1) records++;
        else if (rc < 0 && rc != WHOSAID_EIO) bad++;
        json_decref(rec);
        whosaid_jsonmem_end(mem);
        if (rc == 0 || rc == WHOSAID_EIO) break;
    }
    printf("bench_floor: %ld records read, %ld bad lines\n", records, bad);
    whosaid_jsonmem_free(mem);
    whosaid_reader_free(r);
    if (fp != stdin) fclose(fp);
    return rc == 0 && bad == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    whosaid_cli_init(argv);
    if (argc == 3 && strcmp(argv[1], "--write") == 0) {
        whosaid_out *out = whosaid_out_new(STDOUT_FILENO);
        if (!out) return 2;
        int status = whosaid_stage_run(argv + 2, 1, nothing, NULL, out, NULL);
        whosaid_out_free(out);
        return status;
    }
    if (argc == 2 && strncmp(argv[1], "--", 2) != 0) return read_only(argv[1]);
    fprintf(stderr, "usage: bench_floor [--write] FILE\n");
    return 2;
}
