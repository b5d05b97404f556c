/* whosaid-tag's work on one document: run every engine (gazetteers, regex
 * rules, name heuristics) over the text, resolve overlaps by the documented
 * precedence, and append the winning spans to the record.
 *
 * Holds the loaded rules (read once at start-up), the "rule" text of each
 * rule file that has made a span (so bounded by the rule files), and
 * per-document scratch (tokens, candidates, a span's text) reused from
 * record to record, so memory tracks the largest document, not the
 * corpus. */
#ifndef WHOSAID_TAGGER_H
#define WHOSAID_TAGGER_H

#include <jansson.h>

#include "whosaid/error.h"

typedef struct whosaid_tagger whosaid_tagger;

/* Loads the language data every rule uses (calendar.rules, numbers.rules)
 * from lang_dir. NULL with err on failure. */
whosaid_tagger *whosaid_tagger_new(const char *lang_dir, whosaid_error *err);
void whosaid_tagger_free(whosaid_tagger *t);

/* Adds a rule file or a directory of them (recursively, sorted): *.tsv are
 * gazetteers, *.rules regex rules; other files in a directory are ignored.
 * user marks rules given by the user (they win ties with defaults).
 * display_root, if not NULL, is the directory shown as "rules" in span
 * "rule" fields. Returns 0 or an error with err naming file and line. */
int whosaid_tagger_add(whosaid_tagger *t, const char *path, int user, const char *display_root,
                       whosaid_error *err);

/* The reference date for relative dates in records without
 * meta.published (ISO 8601). 0, or WHOSAID_EINPUT if iso is not a date. */
int whosaid_tagger_set_anchor(whosaid_tagger *t, const char *iso);

/* Regex rule gates on (the default) or off, for checking that they lose
 * nothing (see whosaid_ruleset_set_gates). */
void whosaid_tagger_set_gates(whosaid_tagger *t, int on);

/* Loaded counts, for --check. */
size_t whosaid_tagger_gazetteer_entries(const whosaid_tagger *t);
size_t whosaid_tagger_regex_rules(const whosaid_tagger *t);
size_t whosaid_tagger_files(const whosaid_tagger *t);

/* Tags rec (an object with a string "text"): appends spans to rec's "spans"
 * (created if absent); spans already there are kept and new ones may not
 * overlap them. Where spans were added, "spans" is then JSON text, in the
 * text form (out.h): whosaid_out_record and whosaid_json_dump write it as
 * the array of span objects of pipeline/README.md, but in memory it is not
 * an array (parse the written text to read it). Returns 0,
 * WHOSAID_ENOMEM, or WHOSAID_EINPUT with err when the record is unusable
 * (offsets out of range ...). */
int whosaid_tagger_run(whosaid_tagger *t, json_t *rec, whosaid_error *err);

/* whosaid_tagger_run over a batch of records, in three steps, so that the
 * regex rules are tried across the batch's texts at once (see
 * whosaid_ruleset_apply_many: a rule's code is then warm for most of its
 * tries). Same results, record by record, as whosaid_tagger_run.
 *   whosaid_tagger_start: the first steps of rec, which joins the batch as
 *     number whosaid_tagger_started() - 1; or an error as whosaid_tagger_run
 *     gives it, and rec does not join. rec must live until it is finished.
 *   whosaid_tagger_apply_rules: the regex rules over the batch's texts.
 *   whosaid_tagger_finish: the rest of record k (0 or an error as above).
 *   whosaid_tagger_end_batch: lets go of the batch (records not finished
 *     get nothing more); call it before the records are released.
 * Memory per started record: its candidates until the batch ends. */
int whosaid_tagger_start(whosaid_tagger *t, json_t *rec, whosaid_error *err);
size_t whosaid_tagger_started(const whosaid_tagger *t);
void whosaid_tagger_apply_rules(whosaid_tagger *t);
int whosaid_tagger_finish(whosaid_tagger *t, size_t k, whosaid_error *err);
void whosaid_tagger_end_batch(whosaid_tagger *t);

#endif
