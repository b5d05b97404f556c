/* Page boilerplate: navigation bars, breadcrumbs, "Related Reading" and the
 * link lists under such headings, comment prompts, page markers.
 *
 * Driven by rules/boilerplate.rules (format in rules/README.md): each rule
 * is an action and a PCRE2 pattern matched against one whole line. Actions:
 *   drop  - the matching line is boilerplate;
 *   list  - the matching line is a heading, and the link list that follows
 *           it (short lines without sentence punctuation, numbered items,
 *           across blank lines) goes with it;
 *   end   - the matching line and everything after it are boilerplate.
 * After the rules, general heuristics catch other outlets' lists: a line of
 * three or more short segments split by '|' (a navigation bar), breadcrumbs
 * ("A >> B"), and runs of three or more link-like lines. Costs O(lines x
 * rules) regex matches per article. */
#ifndef WHOSAID_BOILERPLATE_H
#define WHOSAID_BOILERPLATE_H

#include "whosaid/error.h"
#include "whosaid/lines.h"

typedef struct whosaid_boiler whosaid_boiler;

/* Loads a rule file; NULL with err ("path:line: ...") on failure. */
whosaid_boiler *whosaid_boiler_load(const char *path, whosaid_error *err);
void whosaid_boiler_free(whosaid_boiler *b);

/* Marks the lines the rules match as WHOSAID_LINE_BOILER (only lines still
 * in the body are looked at). Returns the number of lines marked, or
 * WHOSAID_ELIMIT if a pattern hit its match limit (err names the rule). */
long whosaid_boiler_apply_rules(whosaid_boiler *b, whosaid_lines *lines, whosaid_error *err);

/* The rule-free heuristics, run after metadata has claimed its lines so a
 * short title/byline/date block is not taken for a link list. Returns the
 * number of lines marked. */
long whosaid_boiler_apply_heuristics(whosaid_lines *lines);

/* 1 if a line looks like a link or list item: short, no sentence-final
 * punctuation, or a numbered item. */
int whosaid_boiler_link_like(const whosaid_line *line);

#endif
