/* The last stages' record loop; holds one reader (one line) at a time, and
 * parses each record into the jansson arena (jsonmem.h), reset once the
 * stage's function has handled it and the record is released. */
#include "whosaid/sink.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "whosaid/cli.h"
#include "whosaid/jsonmem.h"
#include "whosaid/record.h"

/* Reads one input to its end. Returns 1 to go on to the next input, 0 to
 * stop the run (fn asked, or a signal). */
static int run_input(FILE *fp, const char *name, const whosaid_skip *skip, size_t nskip,
                     const whosaid_keep *keep, size_t nkeep, whosaid_sink_fn fn, void *ctx,
                     whosaid_jsonmem *jm, whosaid_sink_counts *c, int *status, int *asked)
{
    whosaid_reader *rd = whosaid_reader_new(fp, name, WHOSAID_READ_ANY);
    /* too many pairs, or no memory for the view: harmless (all is read
     * and built) */
    if (rd) (void)whosaid_reader_skip(rd, skip, nskip);
    for (size_t k = 0; rd && k < nkeep; k++)
        (void)whosaid_reader_keep(rd, &keep[k]);
    if (!rd) {
        whosaid_cli_warn("out of memory");
        *status = 1;
        return 0;
    }
    int go = 1;
    while (go && !whosaid_cli_stop_signal()) {
        whosaid_error e;
        json_t *rec = NULL;
        whosaid_jsonmem_begin(jm);
        int rc = whosaid_reader_next(rd, &rec, &e);
        if (rc <= 0) whosaid_jsonmem_end(jm); /* no record: nothing alive */
        if (rc == 0) break;
        if (rc < 0) {
            if (whosaid_cli_stop_signal()) break;
            whosaid_cli_report(&e);
            *status = 1;
            c->bad_lines++;
            /* A read error ends this input; the next one is still read. */
            if (rc == WHOSAID_EIO || rc == WHOSAID_ENOMEM) break;
            continue;
        }
        c->records++;
        rc = fn(ctx, rec, name, whosaid_reader_line(rd));
        whosaid_jsonmem_release(jm, rec);
        whosaid_jsonmem_end(jm);
        if (rc > 0) {
            *status = 1;
            c->bad_records++;
        } else if (rc < 0) {
            *asked = 1;
            go = 0;
        }
    }
    whosaid_reader_free(rd);
    return go && !whosaid_cli_stop_signal();
}

int whosaid_sink_run(char **inputs, int n, whosaid_sink_fn fn, void *ctx, int *stopped,
                     whosaid_sink_counts *counts)
{
    return whosaid_sink_run_skip(inputs, n, NULL, 0, NULL, 0, fn, ctx, stopped, counts);
}

int whosaid_sink_run_skip(char **inputs, int n, const whosaid_skip *skip, size_t nskip,
                          const whosaid_keep *keep, size_t nkeep, whosaid_sink_fn fn, void *ctx,
                          int *stopped, whosaid_sink_counts *counts)
{
    static char *stdin_only[] = {"-"};
    whosaid_sink_counts c = {0, 0, 0};
    int status = 0, stop = 0, asked = 0;
    whosaid_jsonmem *jm = whosaid_jsonmem_for_records();
    if (n == 0) {
        inputs = stdin_only;
        n = 1;
    }
    for (int i = 0; i < n && !stop && !whosaid_cli_stop_signal(); i++) {
        whosaid_input in;
        if (whosaid_cli_open_input(inputs[i], &in)) {
            whosaid_cli_warn("%s: %s", inputs[i], strerror(errno));
            status = 1;
            continue;
        }
        if (!run_input(in.fp, inputs[i], skip, nskip, keep, nkeep, fn, ctx, jm, &c, &status,
                       &asked))
            stop = 1;
        whosaid_cli_close_input(&in);
    }
    whosaid_jsonmem_free(jm);
    if (stopped) *stopped = asked;
    if (counts) *counts = c;
    return status;
}
