/* Candidate spans and the precedence that picks among overlapping ones.
 *
 * Every tagging engine (gazetteers, regex rules, name heuristics) proposes
 * candidates; whosaid_cands_resolve keeps a non-overlapping set by the
 * documented precedence (rules/README.md, "Precedence"):
 *   1. the longer span wins;
 *   2. then the higher priority;
 *   3. then a user rule over a default rule;
 *   4. then the rule loaded first (file order, then line).
 * A kept candidate of type NONE blocks what it overlaps and is then dropped,
 * so a user rule can switch a default off. Sorting costs O(n log n). */
#ifndef WHOSAID_CANDS_H
#define WHOSAID_CANDS_H

#include <jansson.h>
#include <stddef.h>

typedef struct whosaid_cand {
    size_t start, end; /* byte offsets into the text, end exclusive */
    const char *type;  /* owned by the rule set that made it */
    int priority;
    int user;         /* 1 if from a user rule file */
    long order;       /* load order of the rule (file index * 2^20 + line) */
    const char *file; /* rule file, owned by the rule set */
    long line;
    json_t *attrs; /* owned: canonical, country, value ... (may be NULL) */
} whosaid_cand;

typedef struct whosaid_cands {
    whosaid_cand *v;
    size_t n, cap;
} whosaid_cands;

#define WHOSAID_CANDS_INIT                                                                         \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Appends c, taking ownership of c.attrs (released on failure too).
 * 0 or WHOSAID_ENOMEM. */
int whosaid_cands_push(whosaid_cands *cs, whosaid_cand c);
/* Releases every candidate's attrs and empties the list (keeps capacity). */
void whosaid_cands_clear(whosaid_cands *cs);
void whosaid_cands_free(whosaid_cands *cs);

/* Keeps the winners by the precedence above, sorted by start. 0 or ENOMEM. */
int whosaid_cands_resolve(whosaid_cands *cs);

#endif
