/* Page boilerplate: navigation bars, breadcrumbs, "Related Reading" and the
 * link lists under such headings, comment prompts, page markers.
 *
 * Driven by rules/boilerplate.rules (format in rules/README.md): each rule
 * is an action and a PCRE2 pattern that must match one whole line,
 * case-insensitively (the loader wraps it in ^(?:...)$ itself: do not
 * anchor). The first rule in file order that matches a line decides.
 * Actions:
 *   drop  - the matching line is boilerplate;
 *   list  - the matching line is a heading, and the link list that follows
 *           it (link-like lines, see whosaid_boiler_link_like, across blank
 *           lines, up to the first line that is not one or that a list or
 *           end rule matches; a line a drop rule matches goes by that rule
 *           and the list goes on) goes with it;
 *   end   - the matching line and everything after it are boilerplate.
 * Before the first prose line of the page (see whosaid_boiler_prose) list
 * and end only drop their own line: a "Latest News" ticker above the
 * headline must not take the headline, byline and article with it.
 *
 * After the rules, general heuristics catch other outlets' furniture: a line
 * of three or more short segments split by '|' or a bullet (a navigation
 * bar), breadcrumbs ("A >> B", "Home > World > Asia", "Home » News"), and
 * runs of three or more link-like lines.
 *
 * Cost: all rules are also compiled into one alternation, so a line that no
 * rule matches (nearly all of them) costs one JIT match; the heuristics are
 * one pass over each line's bytes that stops early on long lines. No
 * allocation per article (a rule's first match-limit hit grows a small list). */
#ifndef WHOSAID_BOILERPLATE_H
#define WHOSAID_BOILERPLATE_H

#include "whosaid/error.h"
#include "whosaid/lines.h"

typedef struct whosaid_boiler whosaid_boiler;

/* Loads a rule file; NULL with err ("path:line: ...") on failure: an
 * unknown action, a missing pattern, or a pattern PCRE2 rejects (err->msg
 * is then "offset N: <PCRE2's message>", offsets into the pattern as
 * written). */
whosaid_boiler *whosaid_boiler_load(const char *path, whosaid_error *err);
void whosaid_boiler_free(whosaid_boiler *b);

/* Marks the lines the rules match as WHOSAID_LINE_BOILER (only lines still
 * in the body are looked at) with why set to "<rule file name>:<line>"
 * (owned by b). A rule that hits PCRE2's match limit on a line does not
 * match that line: the next rules are tried, and the rule is listed by
 * whosaid_boiler_limit_hit. Returns the number of lines marked, or
 * WHOSAID_ENOMEM. */
long whosaid_boiler_apply_rules(whosaid_boiler *b, whosaid_lines *lines, whosaid_error *err);

/* The rules that hit their match limit during the last apply_rules, each
 * once, in rule order: whosaid_boiler_limit_hit gives the i-th one's file
 * (as loaded, owned by b), line, and the byte length of the first line it
 * hit; 0 when i is past the end. */
size_t whosaid_boiler_limit_hits(const whosaid_boiler *b);
int whosaid_boiler_limit_hit(const whosaid_boiler *b, size_t i, const char **file, long *line,
                             size_t *bytes);

/* The rule-free heuristics, run after metadata has claimed its lines so a
 * short title/byline/date block is not taken for a link list. Marks body
 * lines with why "heuristic:navbar", "heuristic:breadcrumb" or
 * "heuristic:link-list" (runs of three or more link-like body lines, blank
 * lines and boilerplate between them ignored, metadata lines ending a run;
 * lines of a hard-wrapped paragraph that ends a sentence do not count).
 * Returns the number of lines marked. */
long whosaid_boiler_apply_heuristics(whosaid_lines *lines);

/* 1 if a line looks like a link or list item: a numbered item ("3. Foo",
 * "3) Foo") of at most 20 words, or at most 12 words not ending like a
 * sentence or clause (. ! ? ... , ; possibly followed by closing quotes or
 * brackets). */
int whosaid_boiler_link_like(const whosaid_line *line);

/* 1 if a line reads like prose, a real paragraph: 16 words or more, or 3
 * or more ending in a period (or ellipsis), or 10 or more ending in ! or ?
 * (a short headline may end in a question mark). */
int whosaid_boiler_prose(const whosaid_line *line);

/* 1 for a navigation bar: three or more segments split by '|', U+FF5C or
 * U+2022, each of at most 5 words. */
int whosaid_boiler_navbar(const whosaid_line *line);

/* 1 for a breadcrumb trail of at most 12 words not ending like a sentence:
 * two or more segments of at most 5 words split by ">>", U+00BB or U+203A,
 * or three or more split by a single '>'; or a section path, two or more
 * segments of 1 to 3 words that all start with a capital or a digit, split
 * by any of those separators, '|', U+FF5C, U+2022 or '/' ("Markets |
 * Commodities", "News / Politics", "Home > World"). */
int whosaid_boiler_breadcrumb(const whosaid_line *line);

/* 1 for a section label: 1 to 3 words that all start with a capital or a
 * digit (or with no letter, as "&" inside), the first with a capital or a
 * digit, no separator, no colon, not ending like a sentence ("World",
 * "Business", "The Daily Ledger"). Such a line is a title only when the
 * page header has no other (see meta.h). */
int whosaid_boiler_section_label(const whosaid_line *line);

#endif
