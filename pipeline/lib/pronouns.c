/* Pronoun antecedent choice (see pronouns.h): two passes over the
 * candidate list, no memory. */
#include "whosaid/pronouns.h"

static int compatible(const whosaid_pronoun *p, const whosaid_antecedent *a)
{
    if (!(p->types & a->type)) return 0;
    return !(p->gender && a->gender && p->gender != a->gender);
}

long whosaid_pronouns_choose(const whosaid_pronoun *p, const whosaid_antecedent *cands, size_t n,
                             const char **reason)
{
    long only = -1, known = -1, speaker = -1, subject = -1;
    size_t ncompat = 0, nknown = 0;
    for (size_t i = 0; i < n; i++) {
        if (!compatible(p, &cands[i])) continue;
        ncompat++;
        if (only < 0) only = (long)i;
        if (p->gender && cands[i].gender == p->gender) {
            nknown++;
            if (known < 0) known = (long)i;
        }
        if (cands[i].last_speaker && speaker < 0) speaker = (long)i;
        if (cands[i].subject && subject < 0) subject = (long)i;
    }
    if (ncompat == 0) {
        *reason = "no earlier name the pronoun can refer to";
        return -1;
    }
    if (ncompat == 1) return only;
    /* "A senior official said ... . He added": the subject of the sentence
     * before, who also spoke last, outranks a name further back whose
     * gender is known */
    if (subject >= 0 && subject == speaker && (p->types & WHOSAID_SPK_PERSON)) return subject;
    if (nknown == 1) return known;
    /* "it" among several organizations and countries is left ambiguous: it
     * refers to the topic at least as often as to the last speaker. */
    int personal = (p->types & (WHOSAID_SPK_PERSON | WHOSAID_SPK_GENERIC)) != 0;
    /* "Prosecutor Ana Ruiz had asked for six years. She told the court ...":
     * the subject just before outranks an earlier speaker */
    if (subject >= 0 && personal) return subject;
    if (speaker >= 0 && personal) return speaker;
    *reason = "ambiguous pronoun: several earlier names fit";
    return -1;
}
