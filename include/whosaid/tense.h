/* Tense cues (rules/tense.rules): which way a relative date points when the
 * date itself does not say. "will meet on Friday" is the coming Friday,
 * "said on Friday" the last one; "sales fell in October" in a March article
 * is last October, "will open in October" this one.
 *
 * Keeps an array of cue phrases, each a short sequence of words (a literal
 * word, lower-cased at load, "-suffix": any word ending so, or "*": any word) with its kind.
 * A lookup reads at most a dozen words around the date inside its clause
 * and at each word tries the phrases whose first literal word (in reading
 * order) is there or a few words on, plus those of wildcards only: one
 * hash lookup per word, no allocation. */
#ifndef WHOSAID_TENSE_H
#define WHOSAID_TENSE_H

#include <stddef.h>

#include "whosaid/error.h"

typedef struct whosaid_tense whosaid_tense;

enum {
    WHOSAID_TENSE_NONE = 0,   /* no cue: the caller's convention applies */
    WHOSAID_TENSE_PAST = 1,   /* "said", "fell", "since" */
    WHOSAID_TENSE_FUTURE = 2, /* "will", "is due to", "until" */
    WHOSAID_TENSE_OPEN = 3    /* "would", "could": the clause's own verb group
                               * points neither way, and no cue further back
                               * decides; a weekday so placed is still ahead
                               * ("would hold a vigil on Tuesday") */
};

/* Words of one phrase at most, and bytes of one word. */
#define WHOSAID_TENSE_MAX_WORDS 6
#define WHOSAID_TENSE_MAX_WORD 48

/* Loads a tense.rules file; NULL with err ("path:line: ...") on failure: an
 * unknown kind, a phrase of too many or too long words, a duplicate. */
whosaid_tense *whosaid_tense_load(const char *path, whosaid_error *err);
void whosaid_tense_free(whosaid_tense *t);

/* Number of phrases loaded. */
size_t whosaid_tense_count(const whosaid_tense *t);

/* The tense of the clause around text[start..end) (byte offsets, valid
 * UTF-8): the nearest cue before it (reading back to the clause's start,
 * at most 12 words), else the nearest after it (at most 8 words). A cue of
 * kind "none" ("be *": "will be held") hides the words it covers; one of
 * kind "open" ("would", "could") gives WHOSAID_TENSE_OPEN. A past
 * cue in a clause opened by a "condition" word ("if") under an open or
 * future clause is a backshifted present: FUTURE ("would strike if they did
 * not pay by Friday").
 * WHOSAID_TENSE_NONE when t is NULL or nothing matched. */
int whosaid_tense_at(const whosaid_tense *t, const char *text, size_t len, size_t start,
                     size_t end);

#endif
