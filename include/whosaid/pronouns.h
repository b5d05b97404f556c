/* Choosing what a pronoun speaker ("he said", "it warned") refers to.
 *
 * The caller lists the candidates: the distinct names of the window before
 * the pronoun (the current and the previous paragraph), most recent first,
 * each with its type, its gender when known, whether it is the speaker of
 * the latest claim and whether it is the subject of the sentence before. The choice favours
 * precision: a wrong speaker is worse than none. O(n) in the candidates; no allocation. */
#ifndef WHOSAID_PRONOUNS_H
#define WHOSAID_PRONOUNS_H

#include <stddef.h>

#include "whosaid/cues.h"

typedef struct whosaid_antecedent {
    int type;         /* one WHOSAID_SPK_* bit */
    int gender;       /* WHOSAID_GENDER_* */
    int last_speaker; /* 1 for the speaker of the latest claim before the pronoun */
    int subject;      /* 1 for the name that opens the sentence before the pronoun's
                         as its subject ("Prosecutor Ana Ruiz had asked ...") */
} whosaid_antecedent;

/* Returns the index in cands[0..n) the pronoun p refers to, or -1 with
 * *reason (a static string) saying why none was chosen. Rules: keep the
 * candidates whose type p accepts and whose gender does not contradict p's;
 * one left wins; of several, a personal pronoun's subject of the sentence
 * before who is also the latest claim's speaker wins; else the only one
 * whose gender is known to match wins; else the subject of the sentence
 * before, then the latest claim's speaker among them wins when p is
 * personal (he, she, they); else the pronoun is ambiguous. */
long whosaid_pronouns_choose(const whosaid_pronoun *p, const whosaid_antecedent *cands, size_t n,
                             const char **reason);

#endif
