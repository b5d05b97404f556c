/* Where a regex rule can start matching, worked out from its pattern at load
 * time, so whosaid_ruleset_apply tries a rule only at the few text positions
 * it could match at instead of scanning the whole text once per rule.
 *
 * A start condition is a conservative over-approximation: the set of the
 * first two characters a match can begin with (each character reduced to a
 * symbol: itself if ASCII, WHOSAID_PREFILTER_OTHER for anything else) and,
 * for patterns whose every way of matching begins with a negative
 * look-behind that rules out a letter, whether the character before the
 * match may be a letter. A positive look-ahead narrows the rest of its
 * branch, at each level below, to what its body allows, so
 * "(?=\p{Lu})(?i:may)" starts with a capital only. Never excluding a position where PCRE2
 * could match keeps tagging exactly as it was. Patterns the analysis does not follow
 * (back-references, recursion, conditionals, (?x), \G, (*COMMIT),
 * (*ACCEPT), patterns that can match the empty string) get no condition:
 * the rule is searched as before.
 *
 * The same sets are kept for the pattern's strings with their first 1, 2,
 * 3 symbols dropped, so a rule is also checked against the pairs of
 * characters 2-3, 3-4 and 4-5 at a position ("the " is no "three"), and
 * for the strings with their leading run of digits ([0-9,.]) or of ASCII
 * letters dropped: the first three characters after the text's run at a
 * position must suit them ("5 people" is no "5%").
 *
 * The deep sets are also kept per top-level branch where one may end
 * early (whosaid_prefilter_accepts_short and _long).
 *
 * Each query also comes as a row (whosaid_prefilter_row ...): for a first
 * symbol, every second symbol at once as a bit set, so a table of all the
 * cells is built with a copy per row rather than a call per cell.
 *
 * Costs: one pass over the pattern, ~30 KB of bit sets per nesting level
 * while analyzing (a quantifier concatenates up to 5 copies), of which
 * only the rows in use are ever written; a group met again through a
 * whosaid_prefilter_memo is not analyzed again. A condition holds
 * 9 x 130 x 130 bits (~20 KB), and ~28 KB more with short branches. */
#ifndef WHOSAID_PREFILTER_H
#define WHOSAID_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

#define WHOSAID_PREFILTER_OTHER 128 /* any non-ASCII character */
#define WHOSAID_PREFILTER_END 129   /* no character (end of text), as a second symbol */
/* Deep conditions: symbols k + 1 and k + 2 of a match, for k = 1 .. DEEP. */
#define WHOSAID_PREFILTER_DEEP 3
/* Run classes for the conditions after a run (whosaid_prefilter_accepts_after). */
#define WHOSAID_PREFILTER_RUN_DIGITS 0  /* [0-9,.] */
#define WHOSAID_PREFILTER_RUN_LETTERS 1 /* [A-Za-z] */
#define WHOSAID_PREFILTER_RUNS 2

typedef struct whosaid_prefilter whosaid_prefilter;

/* Analyzes pattern (compiled as whosaid_regex_new does: UTF + UCP; caseless
 * when the rule is). Returns 0 with *out the condition, or with *out NULL
 * when there is none to give; WHOSAID_ENOMEM. */
int whosaid_prefilter_new(const char *pattern, int caseless, whosaid_prefilter **out);
void whosaid_prefilter_free(whosaid_prefilter *p);

/* A memo of the groups analyzed (up to ~16 MB), shared by the patterns
 * analyzed with it: the same define substituted into many rules is
 * analyzed once. The conditions are the same with or without one. */
typedef struct whosaid_prefilter_memo whosaid_prefilter_memo;
whosaid_prefilter_memo *whosaid_prefilter_memo_new(void); /* NULL: out of memory */
void whosaid_prefilter_memo_free(whosaid_prefilter_memo *m);
/* whosaid_prefilter_new through memo (NULL: none). */
int whosaid_prefilter_new_memo(const char *pattern, int caseless, whosaid_prefilter_memo *memo,
                               whosaid_prefilter **out);

/* 1 if a match may start where the character before is a letter
 * (after_letter) or not (or none), followed by symbols c1 and c2
 * (c2 == WHOSAID_PREFILTER_END when c1 is the last character). */
int whosaid_prefilter_accepts(const whosaid_prefilter *p, int after_letter, unsigned c1,
                              unsigned c2);

/* 1 if a match may have symbols c1 and c2 as its characters k + 1 and
 * k + 2 (1 <= k <= WHOSAID_PREFILTER_DEEP; c2 == WHOSAID_PREFILTER_END when
 * the text ends after c1), whatever its first k characters: with
 * whosaid_prefilter_accepts, a condition on a match's first DEEP + 2
 * characters, pair by pair (strings of the pattern without their first k
 * symbols, FIRST_2 of each). */
int whosaid_prefilter_accepts_deep(const whosaid_prefilter *p, int k, unsigned c1, unsigned c2);

/* The same with the pattern's top-level branches kept apart, so one short
 * branch ("$|...") does not switch a level off for all: a match may have
 * symbols d1 and d2 as its characters k + 1 and k + 2 only if
 * whosaid_prefilter_accepts_short(p, k, after_letter, c1, c2) (it may be
 * of a branch that can end within k + 1 symbols, and such a branch can
 * start with c1 c2 there) or whosaid_prefilter_accepts_long(p, k, d1, d2)
 * (the other branches' deep condition). Without a short branch, _short is
 * 0 and _long is whosaid_prefilter_accepts_deep. */
int whosaid_prefilter_accepts_short(const whosaid_prefilter *p, int k, int after_letter,
                                    unsigned c1, unsigned c2);
int whosaid_prefilter_accepts_long(const whosaid_prefilter *p, int k, unsigned c1, unsigned c2);

/* The run class of a first symbol c (WHOSAID_PREFILTER_RUN_*), or -1. */
int whosaid_prefilter_run_class(unsigned c);

/* After a run: where a match starts with a symbol of run class run, the
 * text's run there (its longest string of that class) is also the match's,
 * unless the match is all run. 1 if a match may have symbols c1 and c2 as
 * symbols k + 1 and k + 2 after its run (k = 0 or 1; c1 or c2 END where the
 * text ends; k = 1 with c1 END is not checked: 1), i.e. "5 people" is no
 * percentage and "about the" no hedged number. Worked out from the pattern
 * with its leading run dropped (look-arounds ignored). */
int whosaid_prefilter_accepts_after(const whosaid_prefilter *p, int run, int k, unsigned c1,
                                    unsigned c2);

/* 1 if the pattern uses (*SKIP), which moves where the next attempt
 * starts, in a way whosaid_prefilter_skip_branches does not cover: such a
 * rule must be searched (unanchored) from its first acceptable position
 * rather than tried anchored at each. */
int whosaid_prefilter_needs_search(const whosaid_prefilter *p);

/* The common idiom "A(*SKIP)(*FAIL)|B" ("not inside an A"): when every
 * (*SKIP) ends one of the leading top-level branches this way, their
 * number (else 0). Tried anchored at a position in order, the first A_i
 * that matches there moves the next try to the end of its match and the
 * pattern does not match there; if none does, the whole pattern is tried. */
size_t whosaid_prefilter_skip_branches(const whosaid_prefilter *p);
/* Byte offset and length in the pattern of the i-th A (without the
 * "(*SKIP)(*FAIL)"). */
void whosaid_prefilter_skip_branch(const whosaid_prefilter *p, size_t i, size_t *off, size_t *len);

/* Rows: the second symbols c2 (0 .. WHOSAID_PREFILTER_END) a query accepts
 * for the other arguments given, as bit c2 % 64 of row[c2 / 64]; the bits
 * above END are 0. Bit c2 is set exactly when the query of the same name
 * (whosaid_prefilter_accepts for _row) returns 1 for c2. */
#define WHOSAID_PREFILTER_ROW_WORDS 3
void whosaid_prefilter_row(const whosaid_prefilter *p, int after_letter, unsigned c1,
                           uint64_t row[WHOSAID_PREFILTER_ROW_WORDS]);
void whosaid_prefilter_deep_row(const whosaid_prefilter *p, int k, unsigned c1,
                                uint64_t row[WHOSAID_PREFILTER_ROW_WORDS]);
void whosaid_prefilter_short_row(const whosaid_prefilter *p, int k, int after_letter, unsigned c1,
                                 uint64_t row[WHOSAID_PREFILTER_ROW_WORDS]);
void whosaid_prefilter_long_row(const whosaid_prefilter *p, int k, unsigned c1,
                                uint64_t row[WHOSAID_PREFILTER_ROW_WORDS]);
void whosaid_prefilter_after_row(const whosaid_prefilter *p, int run, int k, unsigned c1,
                                 uint64_t row[WHOSAID_PREFILTER_ROW_WORDS]);

#endif
