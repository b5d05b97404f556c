/* Article metadata from the lines of a scraped page: title, outlet, byline,
 * dateline, publication date (and time).
 *
 * Driven by rules/meta.rules (format in rules/README.md): PCRE2 patterns
 * whose named groups (outlet, byline, dateline, year, month, day, hour,
 * minute, ampm, tz) fill the fields; month names come from the calendar
 * ({MONTH} in a pattern, as in the tag rules), time-zone names and outlet names from the rule
 * file's own zone and outlet tables. Fields already present in meta (given
 * by the caller) are never overwritten.
 *
 * Only the page header is read: the body lines before the first prose line
 * (whosaid_boiler_prose), the first line that starts with a dateline, or a
 * hard-wrapped continuation; at most 40 of them.
 *   - A header line that a `line` rule matches whole becomes metadata
 *     (WHOSAID_LINE_META, why "meta.rules:N"); the first rule in file order
 *     that matches a line decides, and the first line to give a field wins,
 *     but for the outlet: one from a credit line (a match with a byline or
 *     a date: "Xinhua | Updated: 2025-03-03") replaces one from a line with
 *     neither (a masthead, "China Daily"). A rule with a `role` group is
 *     tried only under a name-only line, which becomes the byline ("Hywel
 *     Griffith" above "BBC Wales political correspondent").
 *   - The title is the last remaining header line (not a navigation bar or
 *     breadcrumb, with a letter in it) before the first metadata line (a
 *     masthead only when no other line is metadata), or
 *     when there is none before it, the first one after it (with no
 *     metadata lines at all: the last line of the header); it becomes
 *     metadata too (why "meta:title"). A section label
 *     (whosaid_boiler_section_label: "World", "Markets") is chosen only when
 *     no other line qualifies. A caller-given title only claims an
 *     identical line.
 *   - The other section labels of the header (section names, a masthead)
 *     become boilerplate (why "heuristic:section").
 *   - After the header, short (non-prose) lines up to the second prose line,
 *     at most 6 body lines, may still be metadata by a `line` rule: AP puts
 *     the byline and date under the first paragraph.
 *   - `dateline` rules match at the start of the first three paragraphs
 *     from the end of the header; the line stays in the body. They may give
 *     the outlet (when the header did not) and a date.
 *   - `trailer` rules match whole lines among the last 5 lines of the page
 *     that are not metadata (kept or already boilerplate; lines over 200
 *     bytes are not tried): the first match,
 *     from the foot up, fills the fields still empty ("Source: Al Jazeera
 *     and news agencies" gives the outlet); a body line it matches becomes
 *     metadata.
 * Fields written: "title", "outlet", "byline", "dateline", "published"
 * ("2013-06-27"), "published_time" ("21:22", when a time is printed) and
 * "published_datetime" ("2013-06-27T21:22+08:00", only when the page also
 * gives a time zone). The three published fields are written only when
 * "published" was not given.
 *
 * Cost: O(header lines x rules) matches, independent of article length; a
 * rule with needs= words (needs.h) is tried only on lines that hold one. */
#ifndef WHOSAID_META_H
#define WHOSAID_META_H

#include <jansson.h>

#include "whosaid/calendar.h"
#include "whosaid/error.h"
#include "whosaid/lines.h"

typedef struct whosaid_meta_rules whosaid_meta_rules;

/* Loads the rule file; the calendar is borrowed and must outlive the rules.
 * NULL with err ("path:line: ...") on failure: an unknown keyword, an
 * undefined {NAME} or unknown group name, a bad zone offset, or a pattern PCRE2
 * rejects ("offset N: <PCRE2's message>"). */
whosaid_meta_rules *whosaid_meta_load(const char *path, const whosaid_calendar *cal,
                                      whosaid_error *err);
void whosaid_meta_free(whosaid_meta_rules *m);

/* Fills missing fields of meta (a JSON object) from lines and marks the
 * lines it consumed (their why strings are owned by m, or static). A rule
 * that hits PCRE2's match limit on a line does not match that line (the
 * next rules are tried) and is listed by whosaid_meta_limit_hit. Returns 0
 * or WHOSAID_ENOMEM. */
int whosaid_meta_extract(whosaid_meta_rules *m, whosaid_lines *lines, json_t *meta,
                         whosaid_error *err);

/* The rules that hit their match limit during the last extract, each once,
 * in rule order: whosaid_meta_limit_hit gives the i-th one's file (as
 * loaded, owned by m), line, and the byte length of the first line it hit;
 * 0 when i is past the end. */
size_t whosaid_meta_limit_hits(const whosaid_meta_rules *m);
int whosaid_meta_limit_hit(const whosaid_meta_rules *m, size_t i, const char **file, long *line,
                           size_t *bytes);

#endif
