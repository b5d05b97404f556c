/* Normalized values for DATE and STAT spans: what makes a date sortable and
 * a number addable.
 *
 * Regex rules in rules/tag/dates.rules and stats.rules name a normalizer
 * in their attributes (norm=...) and capture the parts in named groups
 * (year, month, day, weekday, rel, num, mult, unit ...; documented in
 * rules/README.md). whosaid_values_normalize turns those into "value",
 * "anchor", "unit", "currency", "approx", "vague" ... on the candidate, or
 * rejects the candidate (a year that is really a count, a phone number).
 * Language lives in rule files: month and weekday names come from
 * calendar.rules, number words from numbers.rules; at load time they are
 * also defined as {MONTH}, {WEEKDAY}, {NUMBER_WORD} ... for the rules. */
#ifndef WHOSAID_VALUES_H
#define WHOSAID_VALUES_H

#include <stddef.h>

#include "whosaid/calendar.h"
#include "whosaid/cands.h"
#include "whosaid/error.h"
#include "whosaid/ruleset.h"
#include "whosaid/timex.h"

typedef struct whosaid_values whosaid_values;

/* Where a document's reference date for relative expressions comes from. */
typedef struct whosaid_anchor {
    int have; /* 0: none; relative values stay unresolved (XXXX-...) */
    whosaid_date date;
    const char *source; /* "published", "dateline", "option" */
} whosaid_anchor;

/* Loads calendar.rules and numbers.rules from lang_dir and defines in rs
 * the patterns the DATE and STAT rules use. NULL with err on failure. */
whosaid_values *whosaid_values_load(const char *lang_dir, whosaid_ruleset *rs, whosaid_error *err);
void whosaid_values_free(whosaid_values *v);
/* The calendar it loaded (owned by v), for other engines to share. */
const whosaid_calendar *whosaid_values_calendar(const whosaid_values *v);

/* For candidate c of cs whose attributes have "norm": computes its value
 * attributes from the named groups (replacing the group attributes it
 * consumed), as pooled attributes of cs (cands.h; a candidate with jansson
 * attrs is pooled first). Returns 1 to keep the candidate, 0 when it is not
 * a date or statistic after all (drop it), WHOSAID_ENOMEM on failure.
 * Candidates without "norm" are kept untouched. */
int whosaid_values_normalize(whosaid_values *v, const char *text, size_t len, whosaid_cands *cs,
                             whosaid_cand *c, const whosaid_anchor *anchor);

/* A model's number the document names after its maker (a product block of
 * the name heuristics over "the Boeing 787" or "a Boeing 737-800"), or
 * writes in the plural ("737s") or with a variant ("777-200LR", "787-8"),
 * is a name where it recurs bare: "the 787 will seat", "787 jets", "the
 * 737-800" are no counts. Turns such STAT candidates of cs (regex ones, not yet
 * normalized) into NONE blocks, so nothing is tagged there; a count of the
 * model ("five new 737 aircraft": five) stays. Run before the overlap
 * resolution. */
void whosaid_values_model_numbers(whosaid_cands *cs, const char *text, size_t len);

#endif
