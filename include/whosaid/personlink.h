/* Person names of one document and the parts that may stand for them:
 * "Hong" and "Lei" for "Hong Lei", "Park" for "Park Jae-moon" (East Asian
 * order needs no special case: every part is a key), "Launsky-Tieffenthal"
 * for "Peter Launsky-Tieffenthal", "von der Leyen" for "Ursula von der
 * Leyen". A part shared by two different full names ("Kim" of "Kim Min-ji"
 * and "Kim Tae-hoon") is ambiguous: the lookup reports both candidates and
 * links neither, so two people are never merged on a shared name alone.
 *
 * Two hash maps (full names, parts) keyed by the lower-cased words joined by
 * one space; a name of n words (at most WHOSAID_PERSONLINK_MAX_WORDS are
 * used) registers n(n-1)/2 parts. One per document, or one cleared between
 * documents (its tables then keep their size): memory is proportional to
 * the names in it, lookups O(name length). */
#ifndef WHOSAID_PERSONLINK_H
#define WHOSAID_PERSONLINK_H

#include <stddef.h>

#define WHOSAID_PERSONLINK_MAX_WORDS 8

typedef struct whosaid_personlink whosaid_personlink;

whosaid_personlink *whosaid_personlink_new(void);
void whosaid_personlink_free(whosaid_personlink *pl);
/* Forgets every name, for the next document. 0, or WHOSAID_ENOMEM (see
 * whosaid_hashmap_clear). */
int whosaid_personlink_clear(whosaid_personlink *pl);

/* Number of words of name[0..len) (split at blanks). */
size_t whosaid_personlink_words(const char *name, size_t len);

/* Registers name[0..len), a full name of two or more words, as belonging to
 * group (the caller's id, >= 0), and every contiguous part of it except the
 * parts made only of initials ("T.") or lower-case particles ("van",
 * "de"). A name already registered keeps its first group. Names of one word
 * are ignored. Returns 0 or WHOSAID_ENOMEM. */
int whosaid_personlink_add(whosaid_personlink *pl, const char *name, size_t len, int group);

/* Looks name[0..len) up: a registered full name gives its group; else a
 * part of exactly one registered name gives that name's group. Returns the
 * number of candidate groups: 0 (unknown), 1 (*group set), or more for an
 * ambiguous part (the first min(n, max) candidates, in order of
 * registration, go to cands when it is not NULL). */
size_t whosaid_personlink_find(whosaid_personlink *pl, const char *name, size_t len, int *group,
                               int *cands, size_t max);

/* Like whosaid_personlink_find, but only among parts: is name[0..len) a
 * proper part of some registered full name (a full name of its own may also
 * be part of a longer one: "Luther King" of "Martin Luther King")? */
size_t whosaid_personlink_find_part(whosaid_personlink *pl, const char *name, size_t len,
                                    int *group, int *cands, size_t max);

#endif
