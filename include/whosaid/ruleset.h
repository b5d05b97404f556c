/* Regex rules: the rule files in rules/tag/ (*.rules) that propose typed spans (DATE,
 * STAT, PERSON with a title before it, ...) as candidates for
 * whosaid_cands_resolve. Format in rules/README.md, "Regex rules" and
 * "Gates".
 *
 * A set holds rules (PCRE2 patterns, whosaid/regex.h: UTF + UCP, JIT,
 * matched under match and depth limits) with their type, priority and
 * attributes, and the {NAME} defines and word lists substituted into later
 * patterns. Applying it finds what a rule-by-rule scan finds, in one pass
 * over the text: a table lookup per character and an anchored match only
 * where some rule's start condition (whosaid/prefilter.h) accepts, only in
 * the windows of a rule's gate. Costs: per rule its regex and condition
 * (~30 KB), ~2.4 MB of tables for 65-128 rules (built on the first apply
 * after a load), ~100 KB per apply; time per text about linear in its
 * length plus the matches tried. The mechanisms are described in
 * pipeline/lib/ruleset.c (loading), rulegate.c (gates), ruletable.c (the
 * tables) and ruleapply.c (the pass).
 * A rule set owns match data: one thread per set.
 *
 * Ownership: the set owns every string a candidate points to (type, file),
 * so candidates must not outlive it; each candidate's attrs is owned by the
 * candidate list (whosaid_cands). */
#ifndef WHOSAID_RULESET_H
#define WHOSAID_RULESET_H

#include <stddef.h>

#include "whosaid/cands.h"
#include "whosaid/error.h"

typedef struct whosaid_ruleset whosaid_ruleset;

/* Limits on rule files (errors beyond them, never silent truncation). */
#define WHOSAID_RULESET_MAX_PRIORITY 1000
#define WHOSAID_RULESET_MAX_PATTERN (4 * 1024 * 1024) /* bytes after expanding {NAME}s */
#define WHOSAID_RULESET_MAX_LINE ((1L << 20) - 1)     /* rule lines per file (order) */
#define WHOSAID_RULESET_MAX_LOOKBACK 64               /* words, in a gate line */

/* An empty set, or NULL when out of memory. */
whosaid_ruleset *whosaid_ruleset_new(void);
void whosaid_ruleset_free(whosaid_ruleset *rs);

/* Defines {name} (upper-case letter, then upper-case letters, digits, _) as
 * (?:pattern) for patterns loaded after this call; pattern may use earlier
 * defines and must compile on its own. A later define of the same name
 * replaces it (and may use the old one: "{TITLE}|Cllr\."). Returns 0 or
 * WHOSAID_ESYNTAX / WHOSAID_ENOMEM with err->msg saying why (err->file
 * empty, line 0: the caller knows where the pattern came from). */
int whosaid_ruleset_define(whosaid_ruleset *rs, const char *name, const char *pattern,
                           whosaid_error *err);

/* Defines {name} as an alternation of the n literal phrases (regex-escaped,
 * longest first, factored by common prefixes: whosaid/wordtrie.h), as a
 * `words` line does. n == 0 gives a never-matching
 * fragment. Phrases must be non-empty valid UTF-8. Same returns as above. */
int whosaid_ruleset_define_words(whosaid_ruleset *rs, const char *name, const char *const *phrases,
                                 size_t n, whosaid_error *err);

/* Loads a rule file; user is 1 for a user file, 0 for a default one (it
 * goes into every candidate, for the precedence). Rules get the order
 * file index * 2^20 + line, the file index counting the files this set has
 * loaded. Returns 0, or an error code with err "path:line: message"; the
 * rules before the bad line stay loaded (callers normally stop anyway). */
int whosaid_ruleset_load(whosaid_ruleset *rs, const char *path, int user, whosaid_error *err);

/* Number of rules loaded (define, words and wordfile lines do not count). */
size_t whosaid_ruleset_count(const whosaid_ruleset *rs);

/* Runs every rule over text[0..len) (valid UTF-8) and appends one candidate
 * per match to cands: the non-overlapping matches of each rule, left to
 * right. A candidate's attrs is NULL when the rule has no static
 * attributes and no named group took part. A rule that hits its match limit
 * is dropped for the rest of this text and listed (see below); the others go
 * on. Returns 0, or WHOSAID_ENOMEM with err filled (cands then holds what was
 * found before). */
int whosaid_ruleset_apply(whosaid_ruleset *rs, const char *text, size_t len, whosaid_cands *cands,
                          whosaid_error *err);

/* whosaid_ruleset_apply over the n texts texts[k][0..lens[k]) at once,
 * text k's candidates appended to cands[k] (distinct lists): each list gets
 * what applying the set to its text alone appends. Faster per text than
 * one at a time: each rule is tried at its positions in all the texts in a
 * row, while its JIT code is in cache (a news text alone gives a rule a
 * handful of tries, each then paying for the code's cache misses). Costs
 * ~100 KB plus per text a byte and a size_t per rule, kept. Match-limit
 * hits are told per text (whosaid_ruleset_limit_hit_in). Returns 0, or
 * WHOSAID_ENOMEM with err filled (the lists then hold what was found). */
int whosaid_ruleset_apply_many(whosaid_ruleset *rs, const char *const *texts, const size_t *lens,
                               whosaid_cands *const *cands, size_t n, whosaid_error *err);

/* Gates on (1, the default) or off (0: every rule is tried wherever its
 * start condition allows, as if no file had a gate line). Output is the
 * same either way as long as every match of a gated rule starts within
 * its gate's lookback of a trigger; turning them off checks that. */
void whosaid_ruleset_set_gates(whosaid_ruleset *rs, int on);

/* Rules that hit their match limit during the last apply, in rule order,
 * so the caller can warn "rules/x.rules:12: match limit hit" (after
 * whosaid_ruleset_apply_many: of all its texts together). */
size_t whosaid_ruleset_limit_hits(const whosaid_ruleset *rs);
/* 1 with the file (owned by the set) and line of the i-th such rule, or 0
 * past the last (after whosaid_ruleset_apply_many: in its first text). */
int whosaid_ruleset_limit_hit(const whosaid_ruleset *rs, size_t i, const char **file, long *line);
/* The same for text k of the last whosaid_ruleset_apply_many. */
int whosaid_ruleset_limit_hit_in(const whosaid_ruleset *rs, size_t k, size_t i, const char **file,
                                 long *line);

#endif
