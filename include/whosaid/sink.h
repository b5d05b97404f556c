/* The record loop of the last stages (csv, xlsx), which turn records into
 * something other than records: read each input's JSON Lines one record
 * at a time and hand every record to the stage.
 *
 * A line that is not a JSON object is reported ("prog: file:line: what")
 * and skipped; an input that cannot be opened is reported and the others
 * are still read; in both cases the run's status becomes 1. Stops between
 * records on a signal (SIGINT, SIGTERM, SIGHUP). Prints through cli.h, so
 * it is for main() only. Memory: one line at a time. */
#ifndef WHOSAID_SINK_H
#define WHOSAID_SINK_H

#include <jansson.h>
#include <stddef.h>

#include "whosaid/record.h"

/* Handles one record (borrowed) read from file at line. Returns 0 to go
 * on, 1 after reporting a problem with this record (the loop goes on and
 * the run's status becomes 1), or -1 to stop reading (output gone). */
typedef int (*whosaid_sink_fn)(void *ctx, json_t *rec, const char *file, long line);

typedef struct whosaid_sink_counts {
    long records, bad_lines, bad_records;
} whosaid_sink_counts;

/* Runs fn over the records of inputs[0..n) ("-" is stdin; none means
 * stdin). Returns 0 when everything was read and handled, 1 when some line,
 * record or input failed; *stopped (if not NULL) is set to 1 when fn asked
 * to stop. Counts go to counts if not NULL. */
int whosaid_sink_run(char **inputs, int n, whosaid_sink_fn fn, void *ctx, int *stopped,
                     whosaid_sink_counts *counts);
/* The same, with members fn never reads that the reader may leave out of
 * each record (record.h, whosaid_reader_skip; skip[0..nskip) borrowed),
 * and the top-level arrays keep[0..nkeep).field left in the parse
 * (whosaid_reader_keep): fn reads each through whosaid_jsonload_view_of
 * or, from a line the fast path declined, built in rec. */
int whosaid_sink_run_skip(char **inputs, int n, const whosaid_skip *skip, size_t nskip,
                          const whosaid_keep *keep, size_t nkeep, whosaid_sink_fn fn, void *ctx,
                          int *stopped, whosaid_sink_counts *counts);

#endif
