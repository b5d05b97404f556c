/* Match-limit hits on standard error, for a stage's main(): the stages put
 * a "match_limit" warning in the record for each rule that hit PCRE2's
 * limits ("FILE:LINE: match limit hit; ..."); main() hands each record to
 * whosaid_limitlog_note, which tells the user. One hostile rule over a
 * million documents must not print a million lines, so each rule's first
 * WHOSAID_LIMITLOG_SHOWN hits are shown,
 *     prog: FILE:LINE: match limit hit in document ID; <skipped>
 * then once
 *     prog: FILE:LINE: match limit hit in 10 documents; further hits of this rule are only counted
 * and whosaid_limitlog_totals ends with, for each such rule,
 *     prog: FILE:LINE: match limit hit in N documents in all
 * Like cli.h, stage.h and sink.h this module prints (through cli.h),
 * because it exists for main(). Memory: one entry per rule that ever hit,
 * bounded by the rules, not the documents. */
#ifndef WHOSAID_LIMITLOG_H
#define WHOSAID_LIMITLOG_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

enum { WHOSAID_LIMITLOG_SHOWN = 10 }; /* hits shown per rule */

typedef struct whosaid_limitlog whosaid_limitlog;

/* skipped says what the stage did about a hit, e.g. "the rule was skipped
 * for this document" (borrowed: must outlive the log). NULL when out of
 * memory. */
whosaid_limitlog *whosaid_limitlog_new(const char *skipped);
/* Frees the log; prints nothing (see whosaid_limitlog_totals). */
void whosaid_limitlog_free(whosaid_limitlog *l);

/* Notes the "match_limit" warnings of rec from index `from` of its
 * "warnings" on (those this stage added) and prints them as above. */
void whosaid_limitlog_note(whosaid_limitlog *l, const json_t *rec, size_t from);

/* Prints the total of each rule whose later hits were only counted, in the
 * order they passed the limit. Call once, at the end of the run. */
void whosaid_limitlog_totals(whosaid_limitlog *l);

/* Every hit so far (the --stats "match_limits" figure), and the hits of one
 * rule, "FILE:LINE". */
long whosaid_limitlog_total(const whosaid_limitlog *l);
uint64_t whosaid_limitlog_rule_hits(const whosaid_limitlog *l, const char *rule);

#endif
