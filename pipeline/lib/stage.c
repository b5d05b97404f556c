#include "whosaid/stage.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "whosaid/cli.h"
#include "whosaid/record.h"

int whosaid_record_error(json_t *rec, const char *stage, const char *msg)
{
    json_t *errors = json_object_get(rec, "errors");
    if (!json_is_array(errors)) {
        errors = json_array();
        if (!errors || json_object_set_new(rec, "errors", errors)) return WHOSAID_ENOMEM;
    }
    json_t *e = json_pack("{s:s, s:s}", "stage", stage, "message", msg);
    if (!e || json_array_append_new(errors, e)) return WHOSAID_ENOMEM;
    return 0;
}

/* Returns 1 to go on, 0 to stop reading (output gone, I/O error, signal). */
static int run_one(whosaid_reader *rd, const char *name, whosaid_stage_fn fn, void *ctx,
                   whosaid_out *out, whosaid_stage_counts *c, int *status)
{
    whosaid_error e;
    json_t *rec = NULL;
    int rc = whosaid_reader_next(rd, &rec, &e);
    if (rc == 0) return 0;
    if (rc < 0) {
        if (whosaid_cli_stop_signal()) return 0;
        whosaid_cli_report(&e);
        *status = WHOSAID_EXIT_DATA;
        c->bad_lines++;
        return rc != WHOSAID_EIO && rc != WHOSAID_ENOMEM;
    }
    c->in++;
    memset(&e, 0, sizeof e);
    rc = fn(ctx, rec, &e);
    if (rc) {
        whosaid_cli_warn("%s:%ld: document %s: %s", name, whosaid_reader_line(rd),
                         whosaid_record_id(rec), e.msg[0] ? e.msg : whosaid_errmsg(rc));
        whosaid_record_error(rec, whosaid_cli_prog(), e.msg[0] ? e.msg : whosaid_errmsg(rc));
        *status = WHOSAID_EXIT_DATA;
        c->errors++;
    }
    rc = whosaid_out_record(out, rec);
    json_decref(rec);
    if (rc) {
        if (!whosaid_cli_output_gone(rc)) *status = WHOSAID_EXIT_DATA;
        return -1;
    }
    c->out++;
    return 1;
}

int whosaid_stage_run(char **inputs, int n, whosaid_stage_fn fn, void *ctx, whosaid_out *out,
                      whosaid_stage_counts *counts)
{
    static char *stdin_only[] = {"-"};
    whosaid_stage_counts c = {0, 0, 0, 0};
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
        while (rd && more > 0 && !whosaid_cli_stop_signal())
            more = run_one(rd, inputs[i], fn, ctx, out, &c, &status);
        if (more < 0) gone = 1;
        whosaid_reader_free(rd);
        if (!is_stdin) fclose(fp);
    }
    if (counts) *counts = c;
    return whosaid_cli_finish(gone ? NULL : out, status);
}
