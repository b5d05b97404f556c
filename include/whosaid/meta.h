/* Article metadata from the lines of a scraped page: title, outlet, byline,
 * dateline, publication date (and time).
 *
 * Driven by rules/meta.rules (format in rules/README.md): PCRE2 patterns
 * whose named groups (outlet, byline, year, month, day, hour, minute,
 * dateline, ...) fill the fields; month names come from the calendar. Lines
 * in the page header that become metadata are marked WHOSAID_LINE_META and
 * leave the body; the dateline is read from the first body paragraph and
 * stays in the text. Fields already present in meta (given by the caller)
 * are never overwritten. */
#ifndef WHOSAID_META_H
#define WHOSAID_META_H

#include <jansson.h>

#include "whosaid/calendar.h"
#include "whosaid/error.h"
#include "whosaid/lines.h"

typedef struct whosaid_meta_rules whosaid_meta_rules;

/* Loads the rule file; the calendar is borrowed and must outlive the rules. */
whosaid_meta_rules *whosaid_meta_load(const char *path, const whosaid_calendar *cal,
                                      whosaid_error *err);
void whosaid_meta_free(whosaid_meta_rules *m);

/* Fills missing fields of meta (a JSON object) from lines and marks the
 * lines it consumed. Returns 0, WHOSAID_ENOMEM or WHOSAID_ELIMIT. */
int whosaid_meta_extract(whosaid_meta_rules *m, whosaid_lines *lines, json_t *meta,
                         whosaid_error *err);

#endif
