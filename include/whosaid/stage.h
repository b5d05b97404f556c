/* The record loop every middle stage shares (tag, resolve, claims): read
 * records from the inputs, let the stage change each one, write it.
 *
 * A line that is not a usable record is reported ("prog: file:line: what")
 * and skipped; a record the stage cannot process is passed on with an
 * "errors" entry naming the stage, so no document silently disappears; in
 * both cases the run ends with status 1. Stops cleanly between records on
 * a signal or when the reader of the output goes away. Prints (through
 * cli.h), so it is for main() only. */
#ifndef WHOSAID_STAGE_H
#define WHOSAID_STAGE_H

#include <jansson.h>

#include "whosaid/error.h"
#include "whosaid/out.h"

/* Processes one record in place. Returns 0, or a WHOSAID_E* code with err
 * saying why (the record is then passed on with an "errors" entry). */
typedef int (*whosaid_stage_fn)(void *ctx, json_t *rec, whosaid_error *err);

typedef struct whosaid_stage_counts {
    long in, out, errors, bad_lines;
} whosaid_stage_counts;

/* Runs fn over the records of inputs[0..n) ("-" is stdin; none means stdin)
 * and writes them to out. Returns the exit status (cli.h). */
int whosaid_stage_run(char **inputs, int n, whosaid_stage_fn fn, void *ctx, whosaid_out *out,
                      whosaid_stage_counts *counts);

/* Appends {"stage": <program>, "message": msg} to rec's "errors" array. */
int whosaid_record_error(json_t *rec, const char *stage, const char *msg);

#endif
