/* Regex rules: the rule files in rules/tag/ (*.rules) that propose typed spans (DATE,
 * STAT, PERSON with a title before it, ...) as candidates for
 * whosaid_cands_resolve. Format in rules/README.md, "Regex rules".
 *
 * Keeps an array of rules, each one PCRE2 pattern (whosaid/regex.h: UTF +
 * UCP, JIT-compiled once at load, matched under match and depth limits) with
 * its type, priority, static attributes (a JSON object) and the numbers of
 * its named groups, plus a table of named fragments ({NAME} defines and word
 * lists) that are substituted into later patterns as text before compiling.
 * Each rule also gets a start condition (whosaid/prefilter.h) where its
 * pattern allows one; applying a set then costs one pass over the text with
 * a table lookup per character, an anchored JIT match only where some
 * rule's condition accepts (its first two characters, then characters
 * 2-3, 3-4 and 4-5 in three more tables, then the 1st-3rd characters after
 * the text's run of digits or letters there in 4 x 130 x 130 more bit
 * sets; an "A(*SKIP)(*FAIL)|B" rule's A and B are each checked on all of
 * these before they are tried), plus one scan per rule without
 * a condition, and one JSON object per match that has attributes
 * (bit sets of the filtered rules over 2 x 129 x 130 + 3 x 129 x 130 +
 * 4 x 130 x 130 cells, in 64-bit words: ~2.4 MB for 65-128 rules).
 * Results are those of a
 * rule-by-rule scan. Rules that open with the same "A(*SKIP)(*FAIL)|"
 * match A once per position between them, and the whole pattern is tried
 * with its A branches switched off (they already failed there). Patterns
 * are JIT-compiled once, in the form that is matched (a define or the
 * unanchored form of an anchored rule is only checked, without JIT code).
 * The pass lists the tries rather than making them: batches of up to 16 K
 * tries (positions, and per rule the ones it is tried at: ~100 KB) are
 * then made rule by rule, so one rule's JIT code stays in cache for all
 * its tries of a batch instead of megabytes of code being cycled through
 * at every position (that halved the cost of a try).
 * A rule set owns match data: one thread per set.
 *
 * Gates (`gate PATTERN LOOKBACK` lines, rules/README.md "Gates"): the
 * triggers of every distinct gate pattern are found first, in one pass
 * over the text with an anchored JIT match where the pattern's start
 * condition accepts; each trigger opens a window from LOOKBACK words before
 * it to its end (a sorted list of disjoint byte ranges per gate, memory
 * O(triggers), each byte walked back over at most once). The rule pass
 * then visits only the windows when every filtered rule is gated (else the
 * whole text) and tries a gated rule only inside its gate's windows: the
 * matching work follows the text near triggers, not the whole text.
 * A trigger try also needs characters 2-3, 3-4, 4-5 to suit one of the
 * pattern's top-level branches (a branch that may end sooner lets its first
 * pair through whatever follows; a "\d|" gate checks this only where \d
 * cannot match), which turns most common words away as triggers.
 * ~4 KB of start cells, ~18 KB of deeper cells per gate pattern; a gate line repeating an earlier
 * pattern and lookback adds no windows of its own. A gate whose pattern
 * is "\d|..." takes an ASCII digit as a one-character trigger unmatched.
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

/* Gates on (1, the default) or off (0: every rule is tried wherever its
 * start condition allows, as if no file had a gate line). Output is the
 * same either way as long as every match of a gated rule starts within
 * its gate's lookback of a trigger; turning them off checks that. */
void whosaid_ruleset_set_gates(whosaid_ruleset *rs, int on);

/* Rules that hit their match limit during the last apply, in rule order,
 * so the caller can warn "rules/x.rules:12: match limit hit". */
size_t whosaid_ruleset_limit_hits(const whosaid_ruleset *rs);
/* 1 with the file (owned by the set) and line of the i-th such rule, or 0
 * past the last. */
int whosaid_ruleset_limit_hit(const whosaid_ruleset *rs, size_t i, const char **file, long *line);

#endif
