/* The record loop every middle stage shares (tag, resolve, claims): read
 * records from the inputs, check them, let the stage change each one,
 * write it, and count.
 *
 * What happens to each kind of input line (documented in README.md,
 * "Bad records"):
 *   - not JSON, not a JSON object, no non-empty string "id": reported
 *     ("prog: file:line: what") and skipped, counted in bad_lines;
 *   - "text" not a string, "sentences" or "spans" offsets that are not
 *     integers or out of range: reported, passed on unchanged with an
 *     "errors" entry naming the stage, counted in errors;
 *   - a record the stage itself fails on: the same;
 *   - an id already seen in this run: reported once (by the first stage
 *     that sees it), processed and passed on with a "duplicate_id"
 *     warning, counted in duplicate_ids.
 * Bad lines and errors make the run end with status 1; duplicates do not.
 * Stops cleanly between records on a signal or when the reader of the
 * output goes away. Memory: one record at a time, plus a fixed table of id
 * fingerprints (8 MiB) for the duplicate check: the first 524,288
 * distinct ids of a run are checked.
 * Prints (through cli.h), so it is for main() only, except
 * whosaid_stage_check, which only looks. */
#ifndef WHOSAID_STAGE_H
#define WHOSAID_STAGE_H

#include <jansson.h>

#include "whosaid/error.h"
#include "whosaid/jsonload.h" /* whosaid_keep */
#include "whosaid/out.h"

/* Processes one record in place. Returns 0, or a WHOSAID_E* code with err
 * saying why (the record is then passed on with an "errors" entry). */
typedef int (*whosaid_stage_fn)(void *ctx, json_t *rec, whosaid_error *err);

/* What a run did, for --stats. in counts records read (bad lines are not
 * records); out those written (in == out unless the run was stopped);
 * errors those passed on with an "errors" entry of this stage. */
typedef struct whosaid_stage_counts {
    long in, out, errors, bad_lines, duplicate_ids;
} whosaid_stage_counts;

/* Runs fn over the records of inputs[0..n) ("-" is stdin; none means stdin)
 * and writes them to out. Fills *counts if not NULL. Returns the exit
 * status (cli.h). */
int whosaid_stage_run(char **inputs, int n, whosaid_stage_fn fn, void *ctx, whosaid_out *out,
                      whosaid_stage_counts *counts);

/* whosaid_stage_run with the reader keeping the record's top-level array
 * keep->field in the parse (record.h, whosaid_reader_keep): fn reads it
 * through whosaid_jsonload_view_of and puts what it makes in its place
 * (whosaid_jsonload_view_replace); a record left holding it (fn or the
 * check failed) is written with the array as it came. For "spans",
 * keep->read should hold "start" and "end", which whosaid_stage_check_kept
 * reads; without them the spans are built and checked by name. Records
 * from lines the fast path declines hold the array built: fn must work on
 * both. */
int whosaid_stage_run_kept(char **inputs, int n, const whosaid_keep *keep, whosaid_stage_fn fn,
                           void *ctx, whosaid_out *out, whosaid_stage_counts *counts);

/* A stage that works on batches of records (whosaid-tag: its regex rules
 * are tried across a batch's texts at once, whosaid_ruleset_apply_many).
 * A batch is up to max_records records or max_bytes of text, cut short
 * where the next line has not fully arrived yet (so a record typed or sent
 * alone gets its output at once), at the end of an input and before a bad
 * line. start takes each record of the batch that passed the checks as it
 * is read (0: it joins the batch; else an error with err, as a
 * whosaid_stage_fn's); run then works on the joined ones; finish(k) ends
 * the k-th joined record, in order, just before it is written; end lets
 * go of the batch (also when the output went away before all were
 * finished). Records, messages and counts are those of whosaid_stage_run
 * with the steps in one function; memory: max_records records at a time. */
typedef struct whosaid_stage_batch {
    size_t max_records, max_bytes;
    int (*start)(void *ctx, json_t *rec, whosaid_error *err);
    void (*run)(void *ctx);
    int (*finish)(void *ctx, size_t k, json_t *rec, whosaid_error *err);
    void (*end)(void *ctx);
} whosaid_stage_batch;

int whosaid_stage_run_batch(char **inputs, int n, const whosaid_stage_batch *b, void *ctx,
                            whosaid_out *out, whosaid_stage_counts *counts);

/* Checks what every stage relies on beyond the reader's checks: a string
 * "text"; "sentences", if present, an array of [start, end] integer pairs
 * in order, not overlapping; "spans", if present, an array of objects with
 * integer "start" and "end"; all offsets within 0 <= start <= end <= the
 * text's length in code points. Returns 0, or WHOSAID_EINPUT with err->msg
 * saying what is wrong (no file or line). Does not print. */
int whosaid_stage_check(const json_t *rec, whosaid_error *err);

/* whosaid_stage_check for a record read with keep (whosaid_reader_keep;
 * may be NULL): kept spans are read through their view, whose read list
 * must then hold "start" and "end"; the same checks and messages. */
int whosaid_stage_check_kept(const json_t *rec, const whosaid_keep *keep, whosaid_error *err);

/* Appends {"stage": <program>, "message": msg} to rec's "errors" array. */
int whosaid_record_error(json_t *rec, const char *stage, const char *msg);

/* Prints the --stats line on stderr:
 *   prog: stats: in N out N errors N bad_lines N duplicate_ids N[ more]
 * more (may be NULL) is further "key N" pairs, space-separated, that a
 * stage adds (claims: its claim count). Format documented in README.md. */
void whosaid_stage_stats(const whosaid_stage_counts *c, const char *more);

#endif
