/* Speaker phrases of the claim finder (attrib_impl.h): reads who speaks
 * around a cue verb or a source frame: a name with the role words and owner
 * before it or an apposition after it, a generic group, an unnamed role
 * holder or organization ("the company's chief executive", "the federal
 * transport ministry", matched to the one person of the article holding
 * that role), or a pronoun or a phrase referring back to an earlier
 * speaker, which speakerref.c resolves. Keeps nothing of its own but the
 * document's map of role heads to people (built on the first role phrase,
 * emptied per document); the names of a coordinated subject go to the
 * finder's reused conj array. Every read is bounded:
 * MAX_NP tokens for a phrase, MAX_APPOS for an apposition, MAX_WINDOW spans
 * or claims for a pronoun or a referring phrase, so a cue costs O(1) apart
 * from binary searches and a list of names, linear in its length. */
#include "whosaid/attrib_impl.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "whosaid/pronouns.h"

void whosaid_speaker_from_span(const whosaid_attrib *a, long k, speaker *spk)
{
    const span *sp = &a->spans[k];
    spk->type = sp->spk;
    spk->name = sp->canon;
    spk->entity = sp->entity;
    spk->span = k;
    char key[64];
    long kl = sp->role ? whosaid_utf8_lower_into(sp->role, strlen(sp->role), key, sizeof key) : -1;
    int honorific =
        kl > 0 && (whosaid_cues_word(a->cues, key, (size_t)kl, NULL) & WHOSAID_WORD_HONORIFIC);
    if (sp->role && !spk->role[0] && !honorific)
        whosaid_claimdoc_set_text(spk->role, sizeof spk->role, sp->role, strlen(sp->role));
    if (sp->org && !spk->org[0])
        whosaid_claimdoc_set_text(spk->org, sizeof spk->org, sp->org, strlen(sp->org));
}

long whosaid_speaker_span_ending_at(const whosaid_attrib *a, long i)
{
    if (i < 0) return -1;
    long k = a->tok_span[i];
    return k >= 0 && a->spans[k].tok1 == i ? k : -1;
}

/* The organization an owner-less role at token at speaks for: the latest
 * name of one of the types that was a subject, i.e. opens its sentence or
 * clause (after a comma, a determiner allowed), is followed by a verb of the
 * lexicon or by a relative clause (", which represents ..."), from byte
 * from on; news outlets (a dateline's "(Reuters)") are skipped. A span
 * index or -1. At most 4 * MAX_WINDOW spans are looked at. */
static long subject_owner(const whosaid_attrib *a, int types, long at, size_t from)
{
    size_t b = a->toks.v[at].start;
    long k = whosaid_claimdoc_first_span_from(a, b) - 1;
    for (long scanned = 0; k >= 0 && a->spans[k].s >= from && scanned < 4 * MAX_WINDOW;
         k--, scanned++) {
        const span *sp = &a->spans[k];
        if (!(sp->spk & types) || sp->outlet || sp->tok0 < 0 || in_quote(a, sp->tok0)) continue;
        /* back over the noun phrase the name heads ("Chile's state copper
         * company Codelco") to the start of its clause */
        long j = sp->tok0 - 1,
             s0 = whosaid_claimdoc_first_tok_at(a, a->sent_s[a->tok_sent[sp->tok0]]);
        for (int n = 0; j >= s0 && n < MAX_NP; n++) {
            long q = a->tok_span[j];
            const whosaid_cue_entry *ce = tword(a, j) ? a->tok_cue[j] : NULL;
            if (q >= 0 && a->spans[q].tok0 >= 0 && !in_quote(a, j))
                j = a->spans[q].tok0 - 1;
            else if (possessive(a, j) ||
                     (tword(a, j) && !in_quote(a, j) && !(ce && ce->verb) &&
                      !(word_kind(a, j, NULL) &
                        (WHOSAID_WORD_BOUNDARY | WHOSAID_WORD_COORD | WHOSAID_WORD_ADJUNCT))))
                j--;
            else
                break;
        }
        int opens =
            j < s0 || tis(a, j, ",") || tis(a, j, ";") ||
            (word_kind(a, j, NULL) & WHOSAID_WORD_COORD) ||
            (a->toks.v[j].end <= a->dateline_end && a->toks.v[j + 1].start >= a->dateline_end);
        long v = sp->tok1 + 1;
        while (word_kind(a, v, NULL) & WHOSAID_WORD_AUX)
            v++;
        int verb = (size_t)v < a->toks.n && a->tok_cue[v] && a->tok_cue[v]->verb;
        const whosaid_pronoun *rel = tis(a, sp->tok1 + 1, ",") ? tpronoun(a, sp->tok1 + 2) : NULL;
        if (opens || verb || (rel && rel->relative)) return k;
    }
    return -1;
}

/* "Its spokesman said": the owner "its" at token at refers to, from the
 * start of the previous paragraph on. */
static long possessive_owner(const whosaid_attrib *a, const whosaid_pronoun *p, long at)
{
    long para = whosaid_claimdoc_para_of_byte(a, a->toks.v[at].start);
    return subject_owner(a, p->types, at, a->para[para > 0 ? para - 1 : 0]);
}

/* "His lawyer said", "her widow said": the person the possessive at token
 * at refers to, chosen as for "he" and "she" (gender, the subject before,
 * the last speaker), not only a subject as for "its": a person is as often
 * named as an object ("police arrested Carter ... His lawyer said"). A
 * span index or -1. */
static long possessive_person(whosaid_attrib *a, const whosaid_pronoun *p, long at)
{
    speaker ref;
    memset(&ref, 0, sizeof ref);
    ref.span = -1;
    ref.ts = a->toks.v[at].start;
    ref.te = a->toks.v[at].end;
    whosaid_speaker_resolve_pronoun(a, p, at, &ref);
    return ref.type == WHOSAID_SPK_PERSON ? ref.span : -1;
}

/* "A spokesperson said", "a spokesman for the group": the organization a
 * voice role without an owner speaks for, named as a subject in its
 * sentence or the one before (a narrower window than "its": nothing in the
 * phrase points back). */
static long voice_owner(const whosaid_attrib *a, long at)
{
    long s = a->tok_sent[at];
    if (s < 0) return -1;
    return subject_owner(a, WHOSAID_SPK_ORG, at, a->sent_s[s > 0 ? s - 1 : 0]);
}

/* The organization an owner-less role's organization noun at token h
 * ("Union leader Katrin Mahler") refers to: the latest organization named
 * before token at, outside quotations, whose name holds the noun ("the
 * Transport Workers Union") or is followed by it in its noun phrase ("The
 * GDL train drivers' union"); news outlets are skipped. A span index or
 * -1. At most 4 * MAX_WINDOW spans are looked at. */
static long org_of_head(const whosaid_attrib *a, long h, long at)
{
    const char *w = a->low.data + a->low_at[h];
    size_t wl = a->low_at[h + 1] - a->low_at[h];
    long k = whosaid_claimdoc_first_span_from(a, a->toks.v[at].start) - 1;
    for (long scanned = 0; k >= 0 && scanned < 4 * MAX_WINDOW; k--, scanned++) {
        const span *sp = &a->spans[k];
        if (!(sp->spk & WHOSAID_SPK_ORG) || sp->outlet || sp->tok0 < 0 || in_quote(a, sp->tok0) ||
            !sp->canon)
            continue;
        if (whosaid_speaker_name_has_word(sp->canon, w, wl)) return k;
        for (long t = sp->tok1 + 1; t <= sp->tok1 + 4 && (size_t)t < a->toks.n; t++) {
            if (possessive(a, t)) continue;
            const whosaid_cue_entry *ce = tword(a, t) ? a->tok_cue[t] : NULL;
            if (!tword(a, t) || in_quote(a, t) || a->tok_span[t] >= 0 || (ce && ce->verb) ||
                (word_kind(a, t, NULL) &
                 ~(WHOSAID_WORD_ORGHEAD | WHOSAID_WORD_ROLE | WHOSAID_WORD_GENERIC)))
                break;
            if (a->low_at[t + 1] - a->low_at[t] == wl && !memcmp(a->low.data + a->low_at[t], w, wl))
                return k;
        }
    }
    return -1;
}

/* The bare apostrophe of a plural possessive at token i ("the employers'
 * association"): glued to a word ending in s, a blank after it. Not a
 * stop of a noun phrase as other punctuation is. */
static int plural_apostrophe(const whosaid_attrib *a, long i)
{
    if (i < 1 || (size_t)i + 1 >= a->toks.n || (a->toks.v[i].flags & WHOSAID_TOK_WORD) ||
        !possessive(a, i) || in_quote(a, i))
        return 0;
    size_t b = a->toks.v[i].start;
    return a->toks.v[i - 1].end == b && b > 0 && (a->text[b - 1] == 's' || a->text[b - 1] == 'S') &&
           (a->toks.v[i + 1].flags & WHOSAID_TOK_SPACE);
}

/* An owner no name tags, before the possessive at token poss: "the
 * bank's", "the central bank's", "the employers'": up to three lower-case
 * words that are no verb, boundary or name, after a determiner. Its
 * determiner's token, or -1. */
static long plain_owner_start(const whosaid_attrib *a, long lo, long poss)
{
    for (long i = poss - 1; i >= lo && poss - i <= 4; i--) {
        int wk = word_kind(a, i, NULL);
        if (wk & WHOSAID_WORD_DETERMINER) return i < poss - 1 ? i : -1;
        const whosaid_cue_entry *ce = a->tok_cue[i];
        if (!tword(a, i) || !(a->toks.v[i].flags & WHOSAID_TOK_LOWER) || a->tok_span[i] >= 0 ||
            possessive(a, i) || in_quote(a, i) || (ce && ce->verb) ||
            (wk & (WHOSAID_WORD_BOUNDARY | WHOSAID_WORD_COORD | WHOSAID_WORD_AUX)))
            return -1;
    }
    return -1;
}

/* The role words and owner before a person's name ("Foreign Ministry
 * spokesman Hong Lei", "Finland's transport minister"): fills role and org
 * from tokens [lo, hi] and returns the first token used. */
static long role_before(const whosaid_attrib *a, long lo, long hi, speaker *spk, int need_role)
{
    long i = hi, first = hi + 1;
    int has_role = 0;
    while (i >= lo && hi - i < MAX_NP) {
        if (a->tok_span[i] >= 0) break;
        /* "lead author Dr. Wanjiru Kamau": the period of an abbreviated title */
        if (tis(a, i, ".") && i - 1 >= lo && !(a->toks.v[i].flags & WHOSAID_TOK_SPACE) &&
            (word_kind(a, i - 1, NULL) & WHOSAID_WORD_HONORIFIC)) {
            i--;
            continue;
        }
        int wk = word_kind(a, i, NULL);
        const whosaid_pronoun *pp = tpronoun(a, i);
        if (!tword(a, i) || possessive(a, i) || (pp && pp->possessive) ||
            (wk & (WHOSAID_WORD_BOUNDARY | WHOSAID_WORD_DETERMINER | WHOSAID_WORD_AUX)))
            break;
        /* "Harlow City said goalkeeper Ryan Castle had ...", "confirmed that
         * captain Lee Barton ...": a verb or a conjunction ends the role */
        if ((a->toks.v[i].flags & WHOSAID_TOK_LOWER) &&
            ((a->tok_cue[i] && a->tok_cue[i]->verb) || tis(a, i, "that")))
            break;
        if (wk & WHOSAID_WORD_ROLE) has_role = 1;
        i--;
    }
    if (i < hi && (has_role || !need_role)) {
        first = i + 1;
        /* "lead author Dr.": the honorific is no part of the role */
        long re = hi;
        while (re > first && (tis(a, re, ".") || (word_kind(a, re, NULL) & WHOSAID_WORD_HONORIFIC)))
            re--;
        if (!spk->role[0] && has_role)
            whosaid_claimdoc_set_text(spk->role, sizeof spk->role, a->text + a->toks.v[first].start,
                                      a->toks.v[re].end - a->toks.v[first].start);
    }
    /* "its chief executive John Doe": the organization "its" refers to */
    const whosaid_pronoun *pp = first <= hi ? tpronoun(a, first - 1) : NULL;
    if (pp && pp->possessive && first - 1 >= lo) {
        /* "his deputy John Smith": a named person speaks for no person */
        long o = pp->types & WHOSAID_SPK_PERSON ? -1 : possessive_owner(a, pp, first - 1);
        if (o >= 0 && !spk->org[0])
            whosaid_claimdoc_set_text(spk->org, sizeof spk->org, a->spans[o].canon,
                                      strlen(a->spans[o].canon));
        return first - 1;
    }
    /* an owner right before: "Foreign Ministry spokesman", "Finland's minister" */
    long j = first - 1;
    if (possessive(a, j)) j--;
    long k = whosaid_speaker_span_ending_at(a, j);
    /* "Mumbai Metro Rail Corporation (MMRC) managing director": the name
     * before its acronym in parentheses */
    long ak = tis(a, j, ")") && first <= hi ? whosaid_speaker_span_ending_at(a, j - 1) : -1;
    if (ak >= 0 && tis(a, a->spans[ak].tok0 - 1, "(") && (a->spans[ak].spk & WHOSAID_SPK_ORG)) {
        long full = whosaid_speaker_span_ending_at(a, a->spans[ak].tok0 - 2);
        k = full >= 0 && (a->spans[full].spk & WHOSAID_SPK_ORG) ? full : ak;
        j = a->spans[ak].tok0 - 2;
    }
    if (k >= 0 && (a->spans[k].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY)) && j >= lo) {
        if (!spk->org[0] && (first <= hi || possessive(a, first - 1)))
            whosaid_claimdoc_set_text(spk->org, sizeof spk->org, a->spans[k].canon,
                                      strlen(a->spans[k].canon));
        if (first <= hi || possessive(a, first - 1)) first = a->spans[k].tok0;
    } else if (k < 0 && first <= hi && possessive(a, first - 1)) {
        /* "the bank's chief economist, Andrew Bailey": the owner the
         * article named ("the bank") is the org, the phrase starts at it */
        long o = plain_owner_start(a, lo, first - 1);
        if (o >= 0) {
            long h = first - 1 - (possessive(a, first - 1) ? 1 : 0);
            long named = !spk->org[0] && (word_kind(a, h, NULL) & WHOSAID_WORD_ORGHEAD)
                             ? org_of_head(a, h, o)
                             : -1;
            if (named >= 0)
                whosaid_claimdoc_set_text(spk->org, sizeof spk->org, a->spans[named].canon,
                                          strlen(a->spans[named].canon));
            return o;
        }
    }
    /* "Union leader Katrin Mahler": the union the article named */
    for (long h = first; has_role && !spk->org[0] && h <= hi; h++) {
        long o = word_kind(a, h, NULL) & WHOSAID_WORD_ORGHEAD ? org_of_head(a, h, first) : -1;
        if (o >= 0)
            whosaid_claimdoc_set_text(spk->org, sizeof spk->org, a->spans[o].canon,
                                      strlen(a->spans[o].canon));
    }
    if (first <= hi && word_kind(a, first - 1, NULL) & WHOSAID_WORD_DETERMINER) first--;
    return first;
}

/* Tokens [lo, hi] can be an organization written without its name ("the
 * Heilongjiang provincial food and strategic reserves bureau" after its
 * article): words, places and "and", no verb, no clause. */
static int unnamed_org(const whosaid_attrib *a, long lo, long hi)
{
    for (long i = lo; i <= hi; i++) {
        long k = a->tok_span[i];
        if (k >= 0 && a->spans[k].type != T_LOCATION && a->spans[k].type != T_COUNTRY) return 0;
        const whosaid_cue_entry *ce = tword(a, i) ? a->tok_cue[i] : NULL;
        if (!tword(a, i) || in_quote(a, i) || (ce && ce->verb) ||
            ((word_kind(a, i, NULL) & (WHOSAID_WORD_BOUNDARY | WHOSAID_WORD_DETERMINER)) &&
             !tis(a, i, "and")))
            return 0;
    }
    return 1;
}

/* An apposition [lo, hi] opening with an -ing form and holding no role
 * noun tells what the speaker was doing ("speaking to reporters at the
 * Secretariat", "addressing a rally in Patna"): no role, no organization
 * ("managing director of X" has its role noun). */
static int participle_clause(const whosaid_attrib *a, long lo, long hi)
{
    size_t n;
    const char *w = ttext(a, lo, &n);
    if (!(a->toks.v[lo].flags & WHOSAID_TOK_LOWER) || n < 5 || memcmp(w + n - 3, "ing", 3))
        return 0;
    for (long i = lo; i <= hi; i++)
        if (word_kind(a, i, NULL) & WHOSAID_WORD_ROLE) return 0;
    return 1;
}

/* Role and owner from an apposition [lo, hi] ("KCC's director of network
 * policy", "a strategist at Harbor Lane Securities in Tokyo"). */
void whosaid_speaker_role_from_appos(const whosaid_attrib *a, long lo, long hi, speaker *spk)
{
    /* a long apposition is read up to its organization only ("a research
     * fellow at the S. Rajaratnam School of International Studies in
     * Singapore"): the role words are what must be few */
    if (lo > hi || hi - lo >= MAX_APPOS || (spk->role[0] && spk->org[0])) return;
    if (!(a->toks.v[lo].flags & WHOSAID_TOK_WORD)) return; /* "54": an age */
    const whosaid_pronoun *p = tpronoun(a, lo);
    if (p && p->relative) return;
    if (participle_clause(a, lo, hi)) return;
    if (word_kind(a, lo, NULL) & WHOSAID_WORD_DETERMINER) lo++;
    long k = lo <= hi ? a->tok_span[lo] : -1;
    if (k >= 0 && a->spans[k].tok1 < hi && possessive(a, a->spans[k].tok1 + 1) &&
        (a->spans[k].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY))) {
        if (!spk->org[0])
            whosaid_claimdoc_set_text(spk->org, sizeof spk->org, a->spans[k].canon,
                                      strlen(a->spans[k].canon));
        lo = a->spans[k].tok1 + 2;
    }
    long end = hi;
    for (long i = lo + 1; i <= hi; i++) {
        if (tis(a, i, ",")) {
            end = i - 1;
            break;
        }
        long j = i + 1;
        if (word_kind(a, j, NULL) & WHOSAID_WORD_DETERMINER) j++;
        if ((tis(a, i, "at") || tis(a, i, "of") || tis(a, i, "with") || tis(a, i, "for")) &&
            j <= hi && a->tok_span[j] >= 0 && a->spans[a->tok_span[j]].spk == WHOSAID_SPK_ORG &&
            a->spans[a->tok_span[j]].tok0 == j) {
            if (!spk->org[0]) {
                const span *o = &a->spans[a->tok_span[j]];
                whosaid_claimdoc_set_text(spk->org, sizeof spk->org, o->canon, strlen(o->canon));
            }
            end = i - 1;
            break;
        }
        /* "deputy director of the Heilongjiang provincial food and strategic
         * reserves bureau": an organization without a name ends the
         * apposition */
        if ((tis(a, i, "at") || tis(a, i, "of") || tis(a, i, "with") || tis(a, i, "for")) &&
            (word_kind(a, i + 1, NULL) & WHOSAID_WORD_DETERMINER) && i + 2 <= hi &&
            (word_kind(a, hi, NULL) & WHOSAID_WORD_ORGHEAD) && unnamed_org(a, i + 2, hi)) {
            if (!spk->org[0])
                whosaid_claimdoc_set_text(spk->org, sizeof spk->org,
                                          a->text + a->toks.v[i + 2].start,
                                          a->toks.v[hi].end - a->toks.v[i + 2].start);
            end = i - 1;
            break;
        }
    }
    if (lo <= end && end - lo < MAX_ROLE_WORDS && tword(a, lo) && !spk->role[0])
        whosaid_claimdoc_set_text(spk->role, sizeof spk->role, a->text + a->toks.v[lo].start,
                                  a->toks.v[end].end - a->toks.v[lo].start);
}

void whosaid_speaker_generic_name(const whosaid_attrib *a, long from, long to, speaker *spk)
{
    size_t s = a->toks.v[from].start, e = a->toks.v[to].end;
    whosaid_claimdoc_set_text(spk->namebuf, sizeof spk->namebuf, a->text + s, e - s);
    /* "Analysts" opening a sentence is the common noun ("Democrats" is not) */
    if (a->tok_span[from] < 0 && !(a->toks.v[from].flags & WHOSAID_TOK_ALLCAPS) &&
        !word_phrase_at(a, from, WHOSAID_WORD_PARTY) && spk->namebuf[0] >= 'A' &&
        spk->namebuf[0] <= 'Z')
        spk->namebuf[0] = (char)(spk->namebuf[0] - 'A' + 'a');
    spk->name = NULL;
    spk->type = WHOSAID_SPK_GENERIC;
}

/* ---- unnamed speakers: role holders and organizations ---- */

/* Lower-cased last word of s into key; its length, 0 if none. */
static size_t last_word_key(const char *s, char *key, size_t cap)
{
    const char *w = strrchr(s, ' ');
    w = w ? w + 1 : s;
    long r = *w ? whosaid_utf8_lower_into(w, strlen(w), key, cap) : -1;
    return r > 0 ? (size_t)r : 0;
}

/* Maps the head noun of each person's role (resolve's attrs.role:
 * "chief executive" -> "executive") to that person, once per document;
 * a head two people share maps to no one. */
static int build_holders(whosaid_attrib *a)
{
    if (a->holders_built) return 0;
    a->holders_built = 1;
    for (size_t i = 0; i < a->nents; i++) {
        const char *role = a->einfo[i].role;
        char key[64];
        size_t kl = role && a->einfo[i].spk == WHOSAID_SPK_PERSON
                        ? last_word_key(role, key, sizeof key)
                        : 0;
        if (!kl) continue;
        uint64_t v = i, old;
        if (whosaid_hashmap_get(a->holders, key, kl, &old)) v = UINT64_MAX;
        if (whosaid_hashmap_put(a->holders, key, kl, v) < 0) return WHOSAID_ENOMEM;
    }
    return 0;
}

/* The rank and office bits (speakers.rules) of the lower-cased word w[0..n). */
static int office_bits(const whosaid_attrib *a, const char *w, size_t n)
{
    return whosaid_cues_word(a->cues, w, n, NULL) & (WHOSAID_WORD_RANK | WHOSAID_WORD_OFFICE);
}

/* 1 when the words of role (a person's role attribute) are all among
 * tokens [r0, e] or those tokens all among its words: "envoy" and "top
 * nuclear envoy" are one role, "opposition leader" and "deputy leader" two.
 * Words that make another office must agree: a rank word ("prime",
 * "shadow", "deputy") on either side only, or an office word ("foreign",
 * "finance") in the phrase only, is another role ("the prime minister" is
 * not the Treasury minister; "the minister" may be the foreign minister). */
static int same_role(const whosaid_attrib *a, long r0, long e, const char *role)
{
    char key[256], w[64];
    long r = role ? whosaid_utf8_lower_into(role, strlen(role), key, sizeof key - 1) : -1;
    if (r <= 0) return 0;
    key[r] = 0;
    int tok_in_role = 1, role_in_tok = 1;
    for (long i = r0; i <= e; i++) {
        size_t wl = whosaid_claimdoc_tkey(a, i, 1, w, sizeof w);
        int found = 0;
        for (const char *p = key; wl && *p;) {
            size_t n = strcspn(p, " ");
            if (n == wl && !memcmp(p, w, n)) found = 1;
            p += n;
            while (*p == ' ')
                p++;
        }
        if (!found) tok_in_role = 0;
        if (!found && wl && office_bits(a, w, wl)) return 0;
    }
    for (const char *p = key; *p;) {
        size_t n = strcspn(p, " ");
        int found = 0;
        for (long i = r0; i <= e && !found; i++) {
            size_t wl = whosaid_claimdoc_tkey(a, i, 1, w, sizeof w);
            found = wl == n && !memcmp(p, w, n);
        }
        if (!found) role_in_tok = 0;
        if (!found && (office_bits(a, p, n) & WHOSAID_WORD_RANK)) return 0;
        p += n;
        while (*p == ' ')
            p++;
    }
    return tok_in_role || role_in_tok;
}

/* The one person of the article who holds the role headed by token e and
 * does not belong to another organization or country than owner (a span, or
 * -1): "South Korea's top nuclear envoy" -> Lee Jun-ho (role "envoy").
 * Returns its entity or NULL. */
static const ent_info *role_holder(whosaid_attrib *a, long r0, long e, long owner)
{
    char key[64];
    uint64_t v;
    size_t kl = whosaid_claimdoc_tkey(a, e, 1, key, sizeof key);
    if (!kl || build_holders(a) || !whosaid_hashmap_get(a->holders, key, kl, &v) || v == UINT64_MAX)
        return NULL;
    const ent_info *ent = &a->einfo[v];
    if (!same_role(a, r0, e, ent->role)) return NULL;
    if (owner < 0) return ent;
    const span *o = &a->spans[owner];
    const char *oe = ent->org_entity, *org = ent->org, *cc = ent->country;
    const char *occ = o->country;
    if (o->entity && oe && strcmp(o->entity, oe)) return NULL;
    if (o->spk == WHOSAID_SPK_PERSON)
        return NULL; /* "Biden's spokeswoman" is not Biden's namesake */
    if (o->spk == WHOSAID_SPK_ORG && org && o->canon && strcmp(org, o->canon)) return NULL;
    if (o->spk == WHOSAID_SPK_COUNTRY && cc && occ && strcmp(cc, occ)) return NULL;
    return ent;
}

/* "the official said" after "A senior official of X, who did not want to
 * be named, said": a definite role phrase [r0, e] with no owner and no
 * holder the article names is the speaker of the latest claim, from the
 * previous paragraph on and before token at, whose role is the same
 * (same_role). 1 with spk that speaker (its text kept), else 0. */
static int role_antecedent(const whosaid_attrib *a, long r0, long e, long at, speaker *spk)
{
    size_t b = a->toks.v[at].start;
    long para = whosaid_claimdoc_para_of_byte(a, b);
    size_t from = a->para[para > 0 ? para - 1 : 0];
    for (size_t i = a->nclaims, seen = 0; i-- > 0 && seen < MAX_WINDOW; seen++) {
        const claim *c = &a->claims[i];
        if (c->dropped || c->as >= b || c->as < from || !c->spk.role[0] || c->spk.publication ||
            !same_role(a, r0, e, c->spk.role))
            continue;
        size_t ts = spk->ts, te = spk->te;
        *spk = c->spk;
        spk->ts = ts;
        spk->te = te;
        spk->pronoun = 0;
        return 1;
    }
    return 0;
}

/* Reads back from the head noun e over its modifiers to the start of a noun
 * phrase: a determiner, a possessive, or the start of the clause. Modifiers
 * are plain words and place, country or organization names ("the French
 * agriculture ministry", "the Hérault prefecture"). Returns the first token
 * (the determiner if any) or -1 when the phrase does not start cleanly. */
long whosaid_speaker_noun_phrase_start(const whosaid_attrib *a, long lo, long e, long s0,
                                       long *poss)
{
    long i = e - 1;
    *poss = -1;
    while (i >= lo) {
        const whosaid_pronoun *pp = tpronoun(a, i);
        if (possessive(a, i) || (pp && pp->possessive)) {
            *poss = i;
            return i + 1;
        }
        int wk = word_kind(a, i, NULL);
        if (wk & WHOSAID_WORD_DETERMINER) return i;
        long k = a->tok_span[i];
        if (k >= 0) {
            int t = a->spans[k].type;
            if (t != T_COUNTRY && t != T_LOCATION && t != T_ORG && t != T_MENTION) return -1;
            i = a->spans[k].tok0 - 1;
            continue;
        }
        if (!tword(a, i) || (wk & ~(WHOSAID_WORD_ROLE | WHOSAID_WORD_ORGHEAD | WHOSAID_WORD_RANK |
                                    WHOSAID_WORD_OFFICE)))
            return -1;
        i--;
    }
    return i + 1 == s0 || tis(a, i, ",") ? i + 1 : -1;
}

static const char *party_at(const whosaid_attrib *a, long i, long to, long *n);

/* The party a party word of tokens [i, to] names, as party_at, when the
 * word stands alone: the tagger may read it as an organization of its own
 * ("Labour", "GOP"), never as part of a longer name ("a Republican Guard
 * officer", "the Democratic Republic of Congo"). */
static const char *party_word_at(const whosaid_attrib *a, long i, long to, long *n)
{
    const char *org = party_at(a, i, to, n);
    long k = a->tok_span[i];
    if (org && k >= 0 && (a->spans[k].tok0 != i || a->spans[k].tok1 != i + *n - 1)) return NULL;
    return org;
}

/* "A Labour MP", "a Republican senator", "a GOP lawmaker": a party word
 * among the modifiers [r0, e) of a role noun at token e. Its organization
 * (the party's name from speakers.rules) or NULL; *end its last token. */
static const char *party_before_role(const whosaid_attrib *a, long r0, long e, long *end)
{
    for (long i = r0; i < e; i++) {
        long n;
        const char *org = party_word_at(a, i, e - 1, &n);
        if (!org) continue;
        *end = i + n - 1;
        return org;
    }
    return NULL;
}

/* An unnamed speaker headed by a role noun or an organization noun at token
 * e ("South Korea's top nuclear envoy", "an United Nations official", "the
 * federal transport ministry"). Returns the phrase's first token, or -1 to
 * let the caller go on. */
static long role_phrase(whosaid_attrib *a, long lo, long e, long s0, int wk, long hint,
                        speaker *spk)
{
    long poss = -1;
    long first = whosaid_speaker_noun_phrase_start(a, lo, e, s0, &poss);
    if (first < 0 && !(wk & WHOSAID_WORD_ROLE)) return -1;
    long owner = -1, own0 = -1;
    int plain_owner = 0;
    const whosaid_pronoun *pp = poss >= 0 ? tpronoun(a, poss) : NULL;
    int pron = pp && pp->possessive;
    if (pron) {
        /* "Its spokesman": the last organization that was a subject; "his
         * lawyer": the person "his" means */
        owner = pp->types & WHOSAID_SPK_PERSON ? possessive_person(a, pp, poss)
                                               : possessive_owner(a, pp, poss);
        own0 = poss;
    } else if (poss >= 0) {
        /* the owner before "'s": a name, or a phrase such as "the company" */
        long k = whosaid_speaker_span_ending_at(a, poss - 1);
        if (k >= 0 && a->spans[k].spk) { /* "Google's", "South Korea's", "Biden's" */
            owner = k;
            own0 = a->spans[k].tok0;
        } else if (k < 0) {
            long p2;
            own0 = word_kind(a, poss - 1, NULL) & WHOSAID_WORD_ORGHEAD
                       ? whosaid_speaker_noun_phrase_start(a, s0, poss - 1, s0, &p2)
                       : -1;
            /* "the employers' association": the phrase as written is all
             * there is of its owner, so no org is read from it */
            if (own0 < 0 && (own0 = plain_owner_start(a, s0, poss)) >= 0) plain_owner = 1;
        }
    }
    if (poss >= 0 && !pron) {
        if (own0 < 0) return -1;
        if (word_kind(a, own0 - 1, NULL) & WHOSAID_WORD_DETERMINER) own0--;
    }
    long r0 = poss >= 0 ? poss + 1 : first;
    if (r0 < 0) r0 = lo; /* a role phrase with words before it: "an United Nations official" */
    long party_end = -1;
    const char *party =
        poss < 0 && (wk & WHOSAID_WORD_ROLE) ? party_before_role(a, r0, e, &party_end) : NULL;
    /* an organization or country inside the phrase owns the role */
    for (long i = e - 1; poss < 0 && !party && i >= r0 && owner < 0; i--)
        if (a->tok_span[i] >= 0 &&
            (a->spans[a->tok_span[i]].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY)))
            owner = a->tok_span[i];
    long start = poss >= 0 ? own0 : first >= 0 ? first : lo;
    int definite = poss >= 0 || (start >= 0 && tis(a, start, "the")) || tis(a, start, "The");
    /* "A spokesperson said" right after an organization spoke or was
     * described: its holder, for that organization (as "its spokesman") */
    int voiced = 0;
    if (owner < 0 && poss < 0 && (wk & WHOSAID_WORD_VOICE)) {
        owner = hint >= 0 ? hint : voice_owner(a, start >= 0 ? start : lo);
        voiced = owner >= 0;
    }
    r0 = past_determiners(a, r0, e);
    if (owner >= 0 && poss < 0 && !voiced && a->spans[owner].tok1 >= r0)
        r0 = a->spans[owner].tok1 + 1;
    if (party && party_end >= r0) r0 = party_end + 1;
    spk->ts = a->toks.v[start].start;
    spk->te = a->toks.v[e].end;
    char owner_text[256] = "";
    if (owner >= 0)
        whosaid_claimdoc_set_text(owner_text, sizeof owner_text, a->spans[owner].canon,
                                  strlen(a->spans[owner].canon));
    else if (party)
        whosaid_claimdoc_set_text(owner_text, sizeof owner_text, party, strlen(party));
    else if (poss >= 0 && !pron && !plain_owner) {
        long o0 = past_determiners(a, own0, poss);
        whosaid_claimdoc_set_text(owner_text, sizeof owner_text, a->text + a->toks.v[o0].start,
                                  a->toks.v[poss - 1].end - a->toks.v[o0].start);
    }
    if (!(wk & WHOSAID_WORD_ROLE)) {
        /* an organization without a name: the phrase as written speaks */
        long n0 = pron ? poss + 1 : start;
        n0 = past_determiners(a, n0, e);
        whosaid_claimdoc_set_text(spk->namebuf, sizeof spk->namebuf, a->text + a->toks.v[n0].start,
                                  a->toks.v[e].end - a->toks.v[n0].start);
        /* "Regulator says" opening a headline: the common noun */
        int plain = (a->toks.v[n0].flags & WHOSAID_TOK_SENT_START) && a->tok_span[n0] < 0 &&
                    !(a->toks.v[n0].flags & WHOSAID_TOK_ALLCAPS);
        for (long i = n0 + 1; plain && i <= e; i++)
            plain = !(a->toks.v[i].flags & (WHOSAID_TOK_CAP | WHOSAID_TOK_ALLCAPS));
        if (plain && spk->namebuf[0] >= 'A' && spk->namebuf[0] <= 'Z')
            spk->namebuf[0] = (char)(spk->namebuf[0] - 'A' + 'a');
        spk->name = NULL;
        spk->type = WHOSAID_SPK_ORG;
        if (owner_text[0]) memcpy(spk->org, owner_text, sizeof spk->org);
        return start;
    }
    /* without an owner a capitalized "Health Service Executive" may be a
     * name: no role is read from it */
    if (r0 <= e && (owner_text[0] || !(a->toks.v[e].flags & WHOSAID_TOK_CAP)))
        whosaid_claimdoc_set_text(spk->role, sizeof spk->role, a->text + a->toks.v[r0].start,
                                  a->toks.v[e].end - a->toks.v[r0].start);
    if (owner_text[0]) memcpy(spk->org, owner_text, sizeof spk->org);
    /* a definite role ("South Korea's top nuclear envoy", "the company's
     * chief executive") is one person: the one the article names with it */
    const ent_info *ent = definite ? role_holder(a, r0, e, owner) : NULL;
    if (ent) {
        spk->type = WHOSAID_SPK_PERSON;
        spk->name = ent->canon;
        spk->entity = ent->id;
        spk->span = -1;
        if (!spk->name)
            spk->type = 0;
        else
            return start;
    }
    if (poss >= 0 || voiced || party) {
        /* the holder speaks, not the owner: a wrong country is worse than
         * none, and an MP speaks for himself, not for his party */
        spk->type = 0;
        spk->reason = "a role holder the article does not name";
        word_kind(a, e, &spk->gender);
        return start;
    }
    if (owner >= 0) {
        whosaid_speaker_from_span(a, owner, spk);
        spk->span = -1; /* the institution speaks through an unnamed person */
    } else if (definite && r0 <= e && role_antecedent(a, r0, e, start, spk)) {
        return start;
    } else {
        spk->type = 0;
        spk->reason = "an unnamed speaker (a role noun with no name or organization)";
    }
    if (!spk->type) word_kind(a, e, &spk->gender); /* "a spokeswoman": "he" is someone else */
    return start;
}

static int stop_token(const whosaid_attrib *a, long i, long s0)
{
    if (i >= s0 && plural_apostrophe(a, i)) return 0;
    if (i < s0 || !tword(a, i) || in_quote(a, i)) return 1;
    if (a->tok_span[i] >= 0) return 0;
    const whosaid_cue_entry *c = a->tok_cue[i];
    return c && (c->verb || (c->word & WHOSAID_WORD_BOUNDARY));
}

/* Token i may belong to the noun phrase after a link ("close to [the
 * company's chief]"): a name, a possessive or a plain word that is not a
 * verb, a boundary, a coordinator or an adjunct. */
static int link_np_token(const whosaid_attrib *a, long i)
{
    if (in_quote(a, i)) return 0;
    if (a->tok_span[i] >= 0 || possessive(a, i)) return 1;
    const whosaid_cue_entry *ce = tword(a, i) ? a->tok_cue[i] : NULL;
    return tword(a, i) && !(ce && ce->verb) &&
           !(word_kind(a, i, NULL) & (WHOSAID_WORD_BOUNDARY | WHOSAID_WORD_COORD |
                                      WHOSAID_WORD_ADJUNCT | WHOSAID_WORD_AUX));
}

long whosaid_speaker_link_tail(const whosaid_attrib *a, long e, long s1)
{
    long nl = e + 1 < s1 ? word_phrase_at(a, e + 1, WHOSAID_WORD_LINK) : 0;
    if (!nl) return e;
    long t = e + nl;
    while (t + 1 < s1 && t + 1 - e <= 2 * MAX_NP && link_np_token(a, t + 1))
        t++;
    return t > e + nl ? t : e;
}

/* "sources close to the company", "two people familiar with the plans"
 * ending at token e: a generic group of speakers.rules, a link phrase and
 * the noun phrase it links to. The group speaks, named with all of it (a
 * name after the link does not speak: "people close to Ruiz said"). The
 * first token (determiners included) or -1. At most 2 * MAX_NP tokens back,
 * a few lookups each. */
static long generic_linked(const whosaid_attrib *a, long e, long s0, speaker *spk)
{
    for (long x = e; x > s0 && e - x < 2 * MAX_NP; x--) {
        long nl = word_phrase_at(a, x, WHOSAID_WORD_LINK);
        if (nl && x + nl <= e) {
            for (long g = x - 1; g >= s0 && x - g <= MAX_NP / 2 && tword(a, g); g--) {
                char key[256];
                size_t kl = whosaid_claimdoc_tkey(a, g, x - g, key, sizeof key);
                if (!kl || !(whosaid_cues_word(a->cues, key, kl, NULL) & WHOSAID_WORD_GENERIC))
                    continue;
                long f = g;
                while (f - 1 >= s0 && (word_kind(a, f - 1, NULL) & WHOSAID_WORD_DETERMINER))
                    f--;
                whosaid_speaker_generic_name(a, g, e, spk);
                spk->ts = a->toks.v[f].start;
                spk->te = a->toks.v[e].end;
                return f;
            }
        }
        /* not past punctuation, a verb or a coordinator ("the matter and Ruiz said") */
        const whosaid_cue_entry *ce = tword(a, x) ? a->tok_cue[x] : NULL;
        if (in_quote(a, x) || (!tword(a, x) && !possessive(a, x)) || (ce && ce->verb) ||
            (word_kind(a, x, NULL) & WHOSAID_WORD_COORD))
            return -1;
    }
    return -1;
}

/* The organization a party word of tokens [i, to] names ("Labour",
 * "Democrats"), or NULL; *n its length in tokens. */
static const char *party_at(const whosaid_attrib *a, long i, long to, long *n)
{
    *n = word_phrase_at(a, i, WHOSAID_WORD_PARTY);
    /* a party is written with a capital: "conservatives" is an outlook */
    if (!*n || i + *n - 1 > to || !(a->toks.v[i].flags & (WHOSAID_TOK_CAP | WHOSAID_TOK_ALLCAPS)))
        return NULL;
    char key[256];
    size_t kl = whosaid_claimdoc_tkey(a, i, *n, key, sizeof key);
    const whosaid_cue_entry *ce = kl ? whosaid_cues_lookup(a->cues, key, kl) : NULL;
    return ce ? ce->org : NULL;
}

/* The organization of a generic group [m, g] ("Pentagon officials", "Labour
 * MPs", "Democrats"): a name of an organization or country among its
 * words, else a party word. */
static void group_org(const whosaid_attrib *a, long m, long g, speaker *spk)
{
    if (spk->org[0]) return;
    for (long i = m; i <= g; i++) {
        long k = a->tok_span[i], n;
        const char *org = party_word_at(a, i, g, &n);
        if (!org && k >= 0 && (a->spans[k].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY)))
            org = a->spans[k].canon;
        if (org) {
            whosaid_claimdoc_set_text(spk->org, sizeof spk->org, org, strlen(org));
            return;
        }
    }
}

/* Token i is the word s (lower case) in any case: tis compares the text as
 * written, and a sentence opens with "Both". */
static int low_is(const whosaid_attrib *a, long i, const char *s)
{
    if (i < 0 || (size_t)i >= a->toks.n) return 0;
    size_t n = a->low_at[i + 1] - a->low_at[i];
    return n == strlen(s) && !memcmp(a->low.data + a->low_at[i], s, n);
}

/* Whether tokens [lo, e] are a group no list knows, a common noun in the
 * plural with no name in it: "Shipping agents said", "several of her
 * patients said". Lists cannot hold every such noun, and a plural subject
 * of a verb of saying is almost always people. "-ss", "-us", "-is" end
 * singulars ("the boss", "the bus", "the analysis"). */
static int plural_group(const whosaid_attrib *a, long lo, long e)
{
    for (long i = lo; i <= e; i++)
        if (a->tok_span[i] >= 0 || !(a->toks.v[i].flags & WHOSAID_TOK_WORD) ||
            ((a->toks.v[i].flags & WHOSAID_TOK_CAP) &&
             !(a->toks.v[i].flags & WHOSAID_TOK_SENT_START)))
            return 0;
    const char *w = a->low.data + a->low_at[e];
    size_t n = a->low_at[e + 1] - a->low_at[e];
    if (n < 4 || w[n - 1] != 's' || tpronoun(a, e)) return 0;
    char c = w[n - 2];
    return c >= 'a' && c <= 'z' && c != 's' && c != 'u' && c != 'i';
}

/* "A spokesman for the group said", "a spokeswoman for the company", "a
 * spokesman for Water UK": a voice role before "for"/"of"/"at" and a noun
 * phrase headed by an organization noun, or an organization's name, at e:
 * the role holder speaks, for the organization named or resolve linked the
 * phrase to, else the one just named (voice_owner). The phrase's first
 * token or -1. */
/* Tokens [lo, e] are an owner's office, "the X's office" / "the county
 * sheriff's office": an organization noun right after a possessive. */
static int owned_office(const whosaid_attrib *a, long lo, long e)
{
    return e - 1 > lo && possessive(a, e - 1) && (word_kind(a, e, NULL) & WHOSAID_WORD_ORGHEAD);
}

static long voice_for(whosaid_attrib *a, long lo, long e, long s0, speaker *spk)
{
    for (long v = lo; v + 2 <= e; v++) {
        if (!(word_kind(a, v, NULL) & WHOSAID_WORD_VOICE)) continue;
        if (!tis(a, v + 1, "for") && !tis(a, v + 1, "of") && !tis(a, v + 1, "at")) return -1;
        long named = a->tok_span[v + 2];
        if (!(word_kind(a, v + 2, NULL) & WHOSAID_WORD_DETERMINER) &&
            !(named >= 0 && a->spans[named].tok0 == v + 2))
            return -1;
        if (owned_office(a, v + 2, e)) {
            /* "a spokeswoman for the district attorney's office": the
             * office as written is the organization, the holder unnamed */
            long o0 = past_determiners(a, v + 2, e);
            spk->type = 0;
            spk->reason = "a role holder the article does not name";
            whosaid_claimdoc_set_text(spk->role, sizeof spk->role, a->text + a->toks.v[v].start,
                                      a->toks.v[v].end - a->toks.v[v].start);
            whosaid_claimdoc_set_text(spk->org, sizeof spk->org, a->text + a->toks.v[o0].start,
                                      a->toks.v[e].end - a->toks.v[o0].start);
            spk->ts = a->toks.v[lo].start;
            spk->te = a->toks.v[e].end;
            return lo;
        }
        long hint = -1;
        for (long i = v + 2; i <= e; i++) {
            long k = a->tok_span[i];
            if (k < 0) continue;
            if (!(a->spans[k].spk & WHOSAID_SPK_ORG) || a->spans[k].tok1 != e) return -1;
            hint = k; /* "the company", linked by resolve */
        }
        long first = role_phrase(a, lo, v, s0, word_kind(a, v, NULL), hint, spk);
        if (first >= 0) spk->te = a->toks.v[e].end;
        return first;
    }
    return -1;
}

/* Tokens [lo, hi) are lower-case words in no name ("senior", "local";
 * capitalized at a sentence start, or inside a count the tagger read as a
 * figure, "Two senior officials"): modifiers of a group, not a name the
 * group belongs to. */
static int lower_modifiers(const whosaid_attrib *a, long lo, long hi)
{
    for (long i = lo; i < hi; i++) {
        long k = a->tok_span[i];
        if ((k >= 0 && a->spans[k].type != T_STAT) || !tword(a, i) ||
            !(a->toks.v[i].flags & (WHOSAID_TOK_LOWER | WHOSAID_TOK_SENT_START)))
            return 0;
    }
    return 1;
}

/* "Analysts at Stenberg Capital said", "Health officials in Kenya said": a
 * generic group at, from or in the organization, country or place of span
 * k speaks, for that organization or country (a place is only part of its
 * name). The phrase's first token or -1. */
static long generic_at(whosaid_attrib *a, long k, long s0, speaker *spk)
{
    long j = a->spans[k].tok0 - 1;
    if (word_kind(a, j, NULL) & WHOSAID_WORD_DETERMINER) j--;
    int place = a->spans[k].type == T_LOCATION;
    if (!(tis(a, j, "at") || tis(a, j, "from") || (tis(a, j, "in") && a->spans[k].type != T_ORG)) ||
        j - 1 < s0)
        return -1;
    long g0 = j - 1;
    while (g0 > s0 && j - g0 < MAX_NP && !stop_token(a, g0 - 1, s0) && !tis(a, g0 - 1, ","))
        g0--;
    for (long g = g0; g < j; g++) {
        long n = word_phrase_at(a, g, WHOSAID_WORD_GENERIC);
        if (n != j - g) continue;
        long m = past_determiners(a, g0, g);
        /* "two analysts at", "two senior officials at": determiners and
         * lower-case modifiers; "Health officials in": any plain words */
        if (m != g && !tis(a, j, "in") && !lower_modifiers(a, m, g)) break;
        whosaid_speaker_generic_name(a, m, tis(a, j, "in") ? a->spans[k].tok1 : j - 1, spk);
        if (!place)
            whosaid_claimdoc_set_text(spk->org, sizeof spk->org, a->spans[k].canon,
                                      strlen(a->spans[k].canon));
        spk->ts = a->toks.v[g0].start;
        spk->te = a->spans[k].e;
        return g0;
    }
    return -1;
}

/* "The German Chamber of Commerce (DIHK) estimated": an organization's
 * name and its acronym in parentheses ending at token e (")"). The
 * organization speaks: the name's span when it was tagged whole, else the
 * acronym's; the phrase starts at the name's first word (its article
 * included), read back over capitalized words and the lower-case words
 * inside names ("of", "and", "for"). The first token or -1. */
static long org_with_acronym(const whosaid_attrib *a, long e, long s0, speaker *spk)
{
    long ak = whosaid_speaker_span_ending_at(a, e - 1);
    if (!tis(a, e, ")") || ak < 0 || !(a->spans[ak].spk & WHOSAID_SPK_ORG) ||
        !tis(a, a->spans[ak].tok0 - 1, "(") || in_quote(a, e))
        return -1;
    long open = a->spans[ak].tok0 - 1, k = whosaid_speaker_span_ending_at(a, open - 1);
    if (k < 0 || !(a->spans[k].spk & WHOSAID_SPK_ORG)) k = ak;
    long first = open;
    for (long i = open - 1; i >= s0 && open - i <= MAX_NP && tword(a, i) && !in_quote(a, i); i--) {
        int cap = (a->toks.v[i].flags & (WHOSAID_TOK_CAP | WHOSAID_TOK_ALLCAPS)) != 0;
        int inner = tis(a, i, "of") || tis(a, i, "and") || tis(a, i, "for");
        if (!cap && !(inner && i > s0 && first < open)) break;
        if (cap || inner) first = i;
    }
    /* the name starts with a capital: not "of" or "and" */
    while (first < open && !(a->toks.v[first].flags & (WHOSAID_TOK_CAP | WHOSAID_TOK_ALLCAPS)))
        first++;
    if (first == open) return -1;
    /* "The" opening the sentence is read as a capitalized word: an article */
    if (first < open && (word_kind(a, first, NULL) & WHOSAID_WORD_DETERMINER) && first + 1 == open)
        return -1;
    if (!(word_kind(a, first, NULL) & WHOSAID_WORD_DETERMINER) &&
        (word_kind(a, first - 1, NULL) & WHOSAID_WORD_DETERMINER) && first - 1 >= s0)
        first--;
    whosaid_speaker_from_span(a, k, spk);
    spk->span = k;
    spk->ts = a->toks.v[first].start;
    spk->te = a->toks.v[e].end;
    return first;
}

/* "Heritage Action for America said": a country or organization span
 * after "for"/"of" and a capitalized word no span holds is the tail of a
 * longer name the tagger missed, not the speaker (the country would be a
 * wrong speaker). The name's first token, or -1. */
static long name_read_in_part(const whosaid_attrib *a, long k, long s0)
{
    if (!(a->spans[k].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY))) return -1;
    long j = a->spans[k].tok0 - 1;
    if (!(tis(a, j, "for") || tis(a, j, "of"))) return -1;
    long f = j;
    while (f - 1 >= s0 && j - f < MAX_NP && tword(a, f - 1) && a->tok_span[f - 1] < 0 &&
           !in_quote(a, f - 1) && (a->toks.v[f - 1].flags & WHOSAID_TOK_CAP) &&
           !(word_kind(a, f - 1, NULL) &
             (WHOSAID_WORD_ROLE | WHOSAID_WORD_VOICE | WHOSAID_WORD_PARTY | WHOSAID_WORD_GENERIC |
              WHOSAID_WORD_DETERMINER | WHOSAID_WORD_ORGHEAD)))
        f--;
    return f < j ? f : -1;
}

static long np_before(whosaid_attrib *a, long e, long s0, speaker *spk);

/* Token i may stand inside a prepositional phrase read back from a speaker's
 * verb: a word, a name or a possessive, no verb, boundary or comma. */
static int pp_token(const whosaid_attrib *a, long i)
{
    if (in_quote(a, i)) return 0;
    if (a->tok_span[i] >= 0 || possessive(a, i)) return 1;
    const whosaid_cue_entry *ce = tword(a, i) ? a->tok_cue[i] : NULL;
    return tword(a, i) && !(ce && ce->verb) &&
           !(word_kind(a, i, NULL) & (WHOSAID_WORD_BOUNDARY | WHOSAID_WORD_COORD));
}

static int pp_word(const whosaid_attrib *a, long i)
{
    return tis(a, i, "in") || tis(a, i, "at") || tis(a, i, "from") || tis(a, i, "of") ||
           tis(a, i, "with") || tis(a, i, "on");
}

/* "One Labour MP in a marginal seat", "a senior official at the ministry",
 * "One diplomat in Brussels": a role noun phrase and a prepositional phrase
 * after it, ending at token e. The role phrase speaks as it would alone;
 * an organization the phrase names (a name, or an organization noun: "at
 * the ministry") owns the role when the role phrase has no owner, a place
 * or anything else ("in a marginal seat") only tells more of the speaker.
 * Voice roles are read elsewhere ("a spokesman for ..."). The first token
 * or -1. At most 2 * MAX_NP tokens back. */
static long role_with_pp(whosaid_attrib *a, long e, long s0, speaker *spk)
{
    long p = -1;
    for (long i = e - 1; i > s0 && e - i < 2 * MAX_NP && pp_token(a, i); i--)
        if (pp_word(a, i) && a->tok_span[i] < 0) {
            p = i;
            break;
        }
    if (p < 0 || p == e) return -1;
    int wk = word_kind(a, p - 1, NULL);
    if (!(wk & WHOSAID_WORD_ROLE) || (wk & WHOSAID_WORD_VOICE) || a->tok_span[p - 1] >= 0)
        return -1;
    speaker role;
    memset(&role, 0, sizeof role);
    role.span = -1;
    long first = np_before(a, p - 1, s0, &role);
    if (first < 0 || !role.role[0] || role.type == WHOSAID_SPK_PERSON) return -1;
    long o = p + 1;
    if (word_kind(a, o, NULL) & WHOSAID_WORD_DETERMINER) o++;
    long k = whosaid_speaker_span_ending_at(a, e);
    int owner_prep = !tis(a, p, "in") && !tis(a, p, "on");
    /* "of payments start-up Ledgerline": common nouns before the name */
    long n0 = o;
    while (k >= 0 && n0 < a->spans[k].tok0 && n0 - o < 3 && a->tok_span[n0] < 0 &&
           (a->toks.v[n0].flags & WHOSAID_TOK_LOWER))
        n0++;
    int named = k >= 0 && (a->spans[k].tok0 == n0 || a->spans[k].tok0 == p + 1) &&
                (a->spans[k].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY));
    if (!role.type && owner_prep && named) {
        /* "The former chief executive of Ledgerline", "a senior official at
         * the Finance Ministry": one person, unnamed, of that organization
         * (who speaks, not the organization: "two officials at ..." are a
         * group of it in the same way) */
        whosaid_claimdoc_set_text(role.org, sizeof role.org, a->spans[k].canon,
                                  strlen(a->spans[k].canon));
        role.reason = "a role holder the article does not name";
    } else if (!role.type && owner_prep && k < 0 && o <= e &&
               (word_kind(a, e, NULL) & WHOSAID_WORD_ORGHEAD)) {
        /* "a senior official at the ministry": its organization is the noun
         * phrase as written, as for "the company's chief executive" */
        whosaid_claimdoc_set_text(role.org, sizeof role.org, a->text + a->toks.v[o].start,
                                  a->toks.v[e].end - a->toks.v[o].start);
        role.reason = "a role holder the article does not name";
    }
    *spk = role;
    spk->ts = a->toks.v[first].start;
    spk->te = a->toks.v[e].end;
    return first;
}

/* "A senior official of the Uttar Pradesh Power Corporation Limited
 * (UPPCL)": a role noun phrase and "of", "at" or "from" before an
 * organization's phrase that starts at token first (spk that organization,
 * read whole): the holder of that role speaks, one person the article
 * does not name, with the organization in org, as for "an analyst at
 * Morgan Stanley" (role_with_pp). The role phrase's first token, or
 * first when there is none. */
static long role_before_org(whosaid_attrib *a, long first, long s0, speaker *spk)
{
    long p = first - 1;
    if (p - 1 < s0 || !(tis(a, p, "of") || tis(a, p, "at") || tis(a, p, "from"))) return first;
    int wk = word_kind(a, p - 1, NULL);
    if (!(wk & WHOSAID_WORD_ROLE) || (wk & WHOSAID_WORD_VOICE) || a->tok_span[p - 1] >= 0)
        return first;
    speaker role;
    memset(&role, 0, sizeof role);
    role.span = -1;
    long f = np_before(a, p - 1, s0, &role);
    if (f < 0 || !role.role[0] || role.type || role.org[0]) return first;
    memcpy(spk->role, role.role, sizeof spk->role);
    /* the name is a string of its own length, not an org-sized buffer */
    snprintf(spk->org, sizeof spk->org, "%s", spk->name ? spk->name : spk->namebuf);
    spk->type = 0;
    spk->reason = "a role holder the article does not name";
    spk->gender = role.gender;
    spk->span = -1;
    spk->ts = a->toks.v[f].start;
    return f;
}

/* The role word at token h, the head of a holder phrase before "for": a
 * role of speakers.rules ("lawyer"), or a plural one ("lawyers",
 * "attorneys": the role with an "s") or a generic group, *plural set. */
static int holder_role(const whosaid_attrib *a, long h, int *plural)
{
    long k = h >= 0 ? a->tok_span[h] : -1;
    /* "Two lawyers": a count the tagger read as a figure names nobody */
    if (h < 0 || !tword(a, h) || (k >= 0 && (a->spans[k].spk || a->spans[k].type != T_STAT)))
        return 0;
    int wk = word_kind(a, h, NULL);
    *plural = (wk & WHOSAID_WORD_GENERIC) != 0;
    if (wk & (WHOSAID_WORD_ROLE | WHOSAID_WORD_GENERIC)) return 1;
    const char *w = a->low.data + a->low_at[h];
    size_t n = a->low_at[h + 1] - a->low_at[h];
    *plural = 1;
    return n > 3 && w[n - 1] == 's' &&
           (whosaid_cues_word(a->cues, w, n - 1, NULL) & WHOSAID_WORD_ROLE);
}

/* "A lawyer for the company said", "an attorney for Mr. Carter", "a
 * spokesman for the prime minister", "Two lawyers for Hale Valley Water":
 * a role (or a group of its holders) "for" an owner ending at token e, the
 * phrase opening its clause with only determiners and lower-case modifiers
 * before the role. The holder speaks, not the owner: one unnamed holder
 * with the owner in org (a person as for "Carter's lawyer"), or a group
 * (GENERIC) for it. The owner is a name (an organization, a person, a
 * country; a phrase resolve linked, "the company"), or a definite role
 * noun phrase ("the prime minister", written as is) or a group or
 * organization noun ("the family", no org). "for" not naming an owner has
 * no article or name after it ("a candidate for mayor") or no role before
 * it ("a bid for the company"). A voice role for an organization is read
 * by voice_for. The first token or -1. At most MAX_NP tokens back. */
static long holder_for(whosaid_attrib *a, long e, long s0, speaker *spk)
{
    long f = e - 1;
    while (f > s0 && e - f < MAX_NP && !tis(a, f, "for") &&
           (pp_token(a, f) ||
            (tis(a, f, ".") && (word_kind(a, f - 1, NULL) & WHOSAID_WORD_HONORIFIC))))
        f--;
    if (f <= s0 || !tis(a, f, "for") || a->tok_span[f] >= 0) return -1;
    int plural = 0;
    if (!holder_role(a, f - 1, &plural)) return -1;
    long h = f - 1, o = f + 1;
    int det = (word_kind(a, o, NULL) & WHOSAID_WORD_DETERMINER) != 0;
    if (det) o++;
    /* "for Mr. Carter": the honorific stands before the name's span */
    if (!det && (word_kind(a, o, NULL) & WHOSAID_WORD_HONORIFIC)) o += tis(a, o + 1, ".") ? 2 : 1;
    if (o > e) return -1;
    long k = a->tok_span[o];
    char owner[256] = "";
    if (k >= 0 && a->spans[k].tok1 == e && (a->spans[k].tok0 == o || a->spans[k].tok0 == f + 1) &&
        (a->spans[k].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_PERSON | WHOSAID_SPK_COUNTRY))) {
        /* an organization for a voice role: voice_for reads it */
        if ((word_kind(a, h, NULL) & WHOSAID_WORD_VOICE) && a->spans[k].spk == WHOSAID_SPK_ORG)
            return -1;
        whosaid_claimdoc_set_text(owner, sizeof owner, a->spans[k].canon,
                                  strlen(a->spans[k].canon));
    } else if (det && (k < 0 || (a->spans[k].type == T_MENTION && a->spans[k].tok1 == e))) {
        /* "the prime minister": the role as written; "the family": nobody named */
        for (long i = o; i <= e; i++)
            if (!tword(a, i) || !(a->toks.v[i].flags & WHOSAID_TOK_LOWER) ||
                (a->tok_span[i] >= 0 && a->tok_span[i] != k))
                return -1;
        int wk = word_kind(a, e, NULL);
        if (wk & WHOSAID_WORD_ROLE)
            whosaid_claimdoc_set_text(owner, sizeof owner, a->text + a->toks.v[o].start,
                                      a->toks.v[e].end - a->toks.v[o].start);
        else if (!(wk & (WHOSAID_WORD_GENERIC | WHOSAID_WORD_ORGHEAD)) ||
                 (word_kind(a, h, NULL) & WHOSAID_WORD_VOICE))
            return -1;
    } else {
        return -1;
    }
    /* the phrase opens its clause: "Both lawyers", "A senior lawyer" */
    long g0 = a->tok_span[h] >= 0 ? a->spans[a->tok_span[h]].tok0 : h;
    while (g0 > s0 && h - g0 < 3 && !stop_token(a, g0 - 1, s0) && !tis(a, g0 - 1, ",") &&
           !(word_kind(a, g0 - 1, NULL) & WHOSAID_WORD_COORD))
        g0--;
    if (g0 > s0 && !tis(a, g0 - 1, ",") && !stop_token(a, g0 - 1, s0) &&
        !(word_kind(a, g0 - 1, NULL) & WHOSAID_WORD_COORD))
        return -1;
    long m = past_determiners(a, g0, h);
    if (!lower_modifiers(a, m, h)) return -1;
    for (long i = m; i < h; i++)
        if (tpronoun(a, i)) return -1; /* "he worked as a lawyer for" is a clause */
    if (plural) {
        whosaid_speaker_generic_name(a, m, h, spk);
    } else {
        spk->type = 0;
        spk->reason = "a role holder the article does not name";
        whosaid_claimdoc_set_text(spk->role, sizeof spk->role, a->text + a->toks.v[m].start,
                                  a->toks.v[h].end - a->toks.v[m].start);
        word_kind(a, h, &spk->gender);
    }
    if (owner[0]) memcpy(spk->org, owner, sizeof spk->org);
    spk->ts = a->toks.v[g0].start;
    spk->te = a->toks.v[e].end;
    return g0;
}

/* The last token of the portfolio after "for" that follows the portfolio
 * title at token h ("minister for Europe", "secretary for health",
 * "envoy for the Middle East"): a name read whole, or up to three plain
 * words (no verb, boundary, adjunct or coordinator), before hi; h when
 * there is none. */
static long portfolio_end(const whosaid_attrib *a, long h, long hi)
{
    if (!(word_kind(a, h, NULL) & WHOSAID_WORD_PORTFOLIO) || !tis(a, h + 1, "for") ||
        a->tok_span[h + 1] >= 0)
        return h;
    long o = h + 2;
    if (o < hi && (word_kind(a, o, NULL) & WHOSAID_WORD_DETERMINER)) o++;
    long k = o < hi ? a->tok_span[o] : -1;
    if (k >= 0) return a->spans[k].tok0 == o && a->spans[k].tok1 < hi ? a->spans[k].tok1 : h;
    long t = o;
    while (t < hi && t - o < 3 && a->tok_span[t] < 0 && link_np_token(a, t) && !possessive(a, t))
        t++;
    return t > o ? t - 1 : h;
}

/* "The minister for Europe said", "the secretary for health", "the UN
 * envoy for Syria": a portfolio title, "for" and its portfolio ending at
 * token e. The portfolio is part of the role, no owner ("a lawyer for the
 * company" has one: holder_for): the role phrase before "for" speaks as it
 * would alone, its role written with the portfolio. The first token or
 * -1. */
static long portfolio_role(whosaid_attrib *a, long e, long s0, speaker *spk)
{
    long f = e - 1;
    while (f > s0 && e - f < MAX_NP && !tis(a, f, "for") && pp_token(a, f))
        f--;
    if (f <= s0 || portfolio_end(a, f - 1, e + 1) != e) return -1;
    long h = f - 1;
    speaker role;
    memset(&role, 0, sizeof role);
    role.span = -1;
    long first = np_before(a, h, s0, &role);
    if (first < 0 || role.type == WHOSAID_SPK_GENERIC) return -1;
    long r0 = past_determiners(a, first, h);
    char text[sizeof role.role];
    const char *rs = role.role[0] ? role.role : a->text + a->toks.v[r0].start;
    size_t rl = role.role[0] ? strlen(role.role) : a->toks.v[h].end - a->toks.v[r0].start;
    int n = snprintf(text, sizeof text, "%.*s %.*s", (int)rl, rs,
                     (int)(a->toks.v[e].end - a->toks.v[f].start), a->text + a->toks.v[f].start);
    if (n < 0 || (size_t)n >= sizeof text) return -1;
    memcpy(role.role, text, sizeof role.role);
    if (!role.type && !role.reason) role.reason = "a role holder the article does not name";
    *spk = role;
    spk->te = a->toks.v[e].end;
    return first;
}

/* "A poll by Bain & Company of 2,000 high-income consumers found", "a
 * study from Stanford University showed": a publication noun, "by" or
 * "from" and a name, then what the document covers, ending at token e: the
 * name is the author and speaks. The first token (the publication
 * phrase's) or -1. At most 2 * MAX_NP tokens back. */
static long publication_by(whosaid_attrib *a, long e, long s0, speaker *spk)
{
    long by = -1;
    for (long i = e - 1; i > s0 && e - i < 2 * MAX_NP && pp_token(a, i); i--)
        if ((tis(a, i, "by") || tis(a, i, "from")) && a->tok_span[i] < 0) by = i;
    if (by < 0 || !(word_kind(a, by - 1, NULL) & WHOSAID_WORD_PUBLICATION)) return -1;
    long o = by + 1;
    if (word_kind(a, o, NULL) & WHOSAID_WORD_DETERMINER) o++;
    long k = o <= e ? a->tok_span[o] : -1;
    if (k < 0 || a->spans[k].tok0 != o || a->spans[k].tok1 > e || a->spans[k].outlet ||
        !(a->spans[k].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_PERSON)))
        return -1;
    /* the publication phrase opens the clause: "A poll", "The new survey" */
    long first = by - 1;
    while (first - 1 >= s0 && by - first <= MAX_PUB_MODS + 1 && tword(a, first - 1) &&
           a->tok_span[first - 1] < 0 && !stop_token(a, first - 1, s0) &&
           !(word_kind(a, first - 1, NULL) & WHOSAID_WORD_ADJUNCT))
        first--;
    if (first > s0 && !tis(a, first - 1, ",") && !stop_token(a, first - 1, s0)) return -1;
    whosaid_speaker_from_span(a, k, spk);
    spk->ts = a->toks.v[first].start;
    spk->te = a->toks.v[e].end;
    return first;
}

/* "Acme Corp. said", "Acme Corp., whose plant was closed, told": the tagger
 * ends a company's name before the period of its abbreviated suffix, so the
 * period written onto the name's last word belongs to the name. The name's
 * last token for such a period at e, else e. */
static long past_name_period(const whosaid_attrib *a, long e, long s0)
{
    if (e - 1 < s0 || !tis(a, e, ".") || a->toks.v[e].start != a->toks.v[e - 1].end) return e;
    return whosaid_speaker_span_ending_at(a, e - 1) >= 0 ? e - 1 : e;
}

/* np_before on a phrase whose name's abbreviation period is already
 * stepped over. */
static long np_read(whosaid_attrib *a, long e, long s0, speaker *spk)
{
    long ac = org_with_acronym(a, e, s0, spk);
    if (ac >= 0) return role_before_org(a, ac, s0, spk);
    long gl = generic_linked(a, e, s0, spk);
    if (gl >= 0) return gl;
    long pb = publication_by(a, e, s0, spk);
    if (pb >= 0) return pb;
    long rp = role_with_pp(a, e, s0, spk);
    if (rp >= 0) return rp;
    long pf = portfolio_role(a, e, s0, spk);
    if (pf >= 0) return pf;
    long hf = holder_for(a, e, s0, spk);
    if (hf >= 0) return hf;
    long k = whosaid_speaker_span_ending_at(a, e);
    if (k >= 0 && (a->spans[k].type == T_LOCATION || a->spans[k].type == T_COUNTRY)) {
        long g = generic_at(a, k, s0, spk);
        if (g >= 0) return g;
    }
    if (k >= 0 && a->spans[k].type == T_LOCATION) {
        /* "Benali of the University of Montpellier": the person speaks */
        long j = a->spans[k].tok0 - 1;
        if (word_kind(a, j, NULL) & WHOSAID_WORD_DETERMINER) j--;
        if ((tis(a, j, "of") || tis(a, j, "at") || tis(a, j, "from")) &&
            whosaid_speaker_span_ending_at(a, j - 1) >= 0 &&
            a->spans[whosaid_speaker_span_ending_at(a, j - 1)].spk == WHOSAID_SPK_PERSON)
            k = whosaid_speaker_span_ending_at(a, j - 1);
        else
            return -1; /* a place name is not a speaker */
    }
    if (k >= 0 && a->spans[k].spk == WHOSAID_SPK_ORG) {
        long j = a->spans[k].tok0 - 1;
        if (word_kind(a, j, NULL) & WHOSAID_WORD_DETERMINER) j--;
        long p = (tis(a, j, "of") || tis(a, j, "at") || tis(a, j, "from"))
                     ? whosaid_speaker_span_ending_at(a, j - 1)
                     : -1;
        /* a count the tagger read as a figure ("Two officials at", "three
         * analysts at") names nobody: the group before the organization */
        if (p >= 0 && !a->spans[p].spk && a->spans[p].type == T_STAT) p = -1;
        if (p >= 0 && a->spans[p].spk == WHOSAID_SPK_PERSON) {
            whosaid_claimdoc_set_text(spk->org, sizeof spk->org, a->spans[k].canon,
                                      strlen(a->spans[k].canon));
            k = p;
        } else if (p < 0) {
            long g = generic_at(a, k, s0, spk);
            if (g >= 0) return g;
            /* "A spokesman for Water UK said": the role holder, not the
             * organization, speaks */
            if (word_kind(a, j - 1, NULL) & WHOSAID_WORD_VOICE) {
                long lo = j - 1;
                while (lo - 1 >= s0 && j - lo < MAX_NP && !stop_token(a, lo - 1, s0) &&
                       !tis(a, lo - 1, ","))
                    lo--;
                long f = voice_for(a, lo, e, s0, spk);
                if (f >= 0) return f;
            }
        }
    }
    long part = k >= 0 ? name_read_in_part(a, k, s0) : -1;
    if (part >= 0) {
        spk->type = 0;
        spk->reason = "a name the tagger read only in part";
        spk->ts = a->toks.v[part].start;
        spk->te = a->spans[k].e;
        return part;
    }
    if (k >= 0 && a->spans[k].spk) {
        whosaid_speaker_from_span(a, k, spk);
        long first = a->spans[k].tok0;
        if (a->spans[k].spk == WHOSAID_SPK_PERSON) {
            long f = role_before(a, s0, first - 1, spk, 1);
            /* the role resolve found, written right before the name
             * ("Senator Grace Wambui"), belongs to the phrase too */
            /* (an honorific is no role, but "Dr." is written there too) */
            const char *rw = spk->role[0] ? spk->role : a->spans[k].role;
            size_t rl = rw ? strlen(rw) : 0;
            if (f == first && rl && first - 1 >= s0) {
                size_t e0 = a->toks.v[first - 1].end;
                long g = whosaid_claimdoc_first_tok_at(a, e0 >= rl ? e0 - rl : 0);
                if (e0 >= rl && g >= s0 && a->toks.v[g].start == e0 - rl &&
                    !strncasecmp(a->text + e0 - rl, rw, rl))
                    f = g;
            }
            /* the honorific and its period ("Dr.") belong to the phrase */
            first = f;
        } else {
            long j = first - 1;
            if (possessive(a, j) && whosaid_speaker_span_ending_at(a, j - 1) >= 0)
                first = a->spans[whosaid_speaker_span_ending_at(a, j - 1)].tok0;
            if (word_kind(a, first - 1, NULL) & WHOSAID_WORD_DETERMINER) first--;
        }
        if (first < s0) first = s0;
        spk->ts = a->toks.v[first].start;
        spk->te = a->spans[whosaid_speaker_span_ending_at(a, e) >= 0
                               ? whosaid_speaker_span_ending_at(a, e)
                               : k]
                      .e;
        if (spk->te < a->toks.v[e].end) spk->te = a->toks.v[e].end;
        return first;
    }
    if (k >= 0 && a->spans[k].ambiguous) {
        spk->type = 0;
        spk->reason = "a name part that two people of the article share";
        spk->ts = a->spans[k].s;
        spk->te = a->spans[k].e;
        return a->spans[k].tok0;
    }
    if (k >= 0 && a->spans[k].type == T_MENTION &&
        !(word_kind(a, e, NULL) & WHOSAID_WORD_ORGHEAD)) {
        spk->type = 0;
        spk->reason = "a role noun not linked to a name";
        spk->ts = a->spans[k].s;
        spk->te = a->spans[k].e;
        return a->spans[k].tok0;
    }
    /* "an estimated"; "Both said" is somebody, unknown */
    if ((word_kind(a, e, NULL) & WHOSAID_WORD_DETERMINER) && !low_is(a, e, "both")) return -1;
    const whosaid_pronoun *p = tpronoun(a, e);
    if (p && !p->possessive) {
        spk->ts = a->toks.v[e].start;
        spk->te = a->toks.v[e].end;
        spk->pronoun = 1;
        whosaid_speaker_resolve_pronoun(a, p, e, spk);
        return e;
    }
    /* a generic group or a role noun heads the phrase: scan back to its start */
    long lo = e;
    while (lo - 1 >= s0 && e - (lo - 1) < MAX_NP && !stop_token(a, lo - 1, s0) &&
           !tis(a, lo - 1, ","))
        lo--;
    if (stop_token(a, e, s0) && a->tok_span[e] < 0) return -1;
    /* "the people said" after "people familiar with the matter said" */
    for (long g = lo; g <= e; g++) {
        long n = word_phrase_at(a, g, WHOSAID_WORD_ANAPHOR | WHOSAID_WORD_DOCUMENT);
        if (n && g + n - 1 == e && whosaid_speaker_anaphor(a, g, e, spk)) return g;
    }
    /* "the study found", "A new survey suggests" */
    long ph = whosaid_speaker_publication(a, lo, e, spk);
    if (ph >= 0) {
        /* "A Reuters survey showed": a name before the noun wrote it */
        for (long t = lo; t < ph; t++) {
            long nk = a->tok_span[t];
            if (nk < 0 || a->spans[nk].tok1 >= ph ||
                !(a->spans[nk].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_PERSON)))
                continue;
            size_t ts = spk->ts, te = spk->te;
            memset(spk, 0, sizeof *spk);
            whosaid_speaker_from_span(a, nk, spk);
            spk->ts = ts;
            spk->te = te;
            break;
        }
        return lo;
    }
    for (long g = lo; g <= e; g++) {
        long n = word_phrase_at(a, g, WHOSAID_WORD_GENERIC);
        if (!n || g + n - 1 > e) continue;
        long m = past_determiners(a, lo, g);
        /* "A statement from the family said", "a letter signed by doctors":
         * the group wrote it and is the one that speaks */
        for (long f = g - 1; f > m; f--)
            if (tis(a, f, "from") || tis(a, f, "by")) {
                m = past_determiners(a, f + 1, g);
                break;
            }
        whosaid_speaker_generic_name(a, m, g + n - 1, spk);
        group_org(a, m, g + n - 1, spk);
        spk->ts = a->toks.v[lo].start;
        spk->te = a->toks.v[e].end;
        return lo;
    }
    int wk_e = word_kind(a, e, NULL);
    /* a head of two words whose last is no head alone: "the coast guard" */
    if (!(wk_e & WHOSAID_WORD_ORGHEAD) && e > lo &&
        word_phrase_at(a, e - 1, WHOSAID_WORD_ORGHEAD) == 2)
        wk_e |= WHOSAID_WORD_ORGHEAD;
    if ((wk_e & WHOSAID_WORD_ORGHEAD) && possessive(a, e - 1) &&
        whosaid_speaker_span_ending_at(a, e - 2) >= 0) {
        /* "A spokeswoman for the Milwaukee County District Attorney's
         * Office": the phrase reaches back past the name */
        long j = a->spans[whosaid_speaker_span_ending_at(a, e - 2)].tok0 - 1;
        if (word_kind(a, j, NULL) & WHOSAID_WORD_DETERMINER) j--;
        long v = j - 1;
        if (v >= s0 && (word_kind(a, v, NULL) & WHOSAID_WORD_VOICE)) {
            long vlo =
                v - 1 >= s0 && (word_kind(a, v - 1, NULL) & WHOSAID_WORD_DETERMINER) ? v - 1 : v;
            long first = voice_for(a, vlo, e, s0, spk);
            if (first >= 0) return first;
        }
    }
    if (wk_e & WHOSAID_WORD_ORGHEAD) {
        long first = voice_for(a, lo, e, s0, spk);
        if (first >= 0) return first;
    }
    if (wk_e & (WHOSAID_WORD_ROLE | WHOSAID_WORD_ORGHEAD)) {
        long first = role_phrase(a, lo, e, s0, wk_e, -1, spk);
        if (first >= 0) return first;
    }
    /* something else: report it only when it is a short phrase of its own */
    const whosaid_pronoun *rel = lo > s0 ? tpronoun(a, lo - 1) : NULL;
    if (rel && rel->relative) return -1; /* "Doctors who treat ... said": not this phrase */
    if (e - lo < 4 && (lo == s0 || tis(a, lo - 1, ",") || stop_token(a, lo - 1, s0)) &&
        (a->toks.v[e].flags & WHOSAID_TOK_WORD)) {
        if (plural_group(a, lo, e)) {
            long m = past_determiners(a, lo, e);
            if (tis(a, m, "of")) m = lo; /* "several of her patients" */
            whosaid_speaker_generic_name(a, m, e, spk);
            spk->ts = a->toks.v[lo].start;
            spk->te = a->toks.v[e].end;
            return lo;
        }
        spk->type = 0;
        spk->reason = "the speaker is not a known name, group or pronoun";
        spk->ts = a->toks.v[lo].start;
        spk->te = a->toks.v[e].end;
        return lo;
    }
    return -1;
}

/* Reads a speaker phrase ending at token e (looking back, not before s0).
 * Returns its first token, or -1 when there is no speaker. The period of
 * "Acme Corp." ends the name and is written in speaker_text; "both" after
 * a subject ("They both said", "the two ministers both said") only counts
 * it, and the subject speaks. */
static long np_before(whosaid_attrib *a, long e, long s0, speaker *spk)
{
    if (e < s0 || in_quote(a, e)) return -1;
    long n = past_name_period(a, e, s0);
    if (n == e && low_is(a, e, "both") && e - 1 >= s0 && !stop_token(a, e - 1, s0)) {
        speaker tmp = *spk;
        long f = np_read(a, e - 1, s0, &tmp);
        if (f >= 0) {
            *spk = tmp;
            spk->te = a->toks.v[e].end;
            return f;
        }
    }
    long f = np_read(a, n, s0, spk);
    if (f >= 0 && n < e && spk->te == a->toks.v[n].end) spk->te = a->toks.v[e].end;
    return f;
}

/* "Rep. Alicia Moreno, D-Calif., chair of the caucus, said": the name
 * before two appositions, the comma of the second at token k. Only a name
 * (PERSON or ORG) is taken, and the first apposition must hold no verb of
 * its own, so a clause between commas is never read as one. Returns the
 * name's first token (spk filled) or -1. */
static long second_apposition(whosaid_attrib *a, long k, long s0, speaker *spk)
{
    long k2 = k - 1;
    while (k2 > s0 && k - k2 < MAX_APPOS && !tis(a, k2, ",") && !in_quote(a, k2) &&
           !is_verb_word(a, k2) && !(tcue(a, k2) && tcue(a, k2)->verb))
        k2--;
    if (k2 <= s0 || k2 == k - 1 || !tis(a, k2, ",")) return -1;
    speaker tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.span = -1;
    long first = np_before(a, k2 - 1, s0, &tmp);
    if (first < 0 || tmp.span < 0 || tmp.pronoun ||
        !(tmp.type & (WHOSAID_SPK_PERSON | WHOSAID_SPK_ORG)))
        return -1;
    *spk = tmp;
    return first;
}

/* "speaking on condition of anonymity because ...", "who requested
 * anonymity": an apposition in tokens [lo, hi] that tells why the source
 * is not named, so it belongs to the role phrase right before it. */
static int anonymity_apposition(const whosaid_attrib *a, long lo, long hi)
{
    for (long i = lo; i <= hi; i++)
        if (tis(a, i, "anonymity") || tis(a, i, "anonymously")) return 1;
    return 0;
}

/* Whether the phrase at token first opens its sentence, after the
 * article's dateline if the sentence holds it ("RIVERTON, Oct 14 (Reuters)
 * - A spokeswoman ..."). */
static int opens_sentence(const whosaid_attrib *a, long first, long s0)
{
    if (first == s0) return 1;
    size_t b = a->toks.v[first].start;
    return first > s0 && a->toks.v[s0].start < a->dateline_end && b >= a->dateline_end &&
           a->toks.v[first - 1].start < a->dateline_end;
}

/* Whether tokens [lo, hi] hold a cue verb: such a segment is a clause
 * of its own ("..., the company said, ..."), not an apposition. */
static int cue_verb_in(const whosaid_attrib *a, long lo, long hi)
{
    for (long i = lo; i <= hi; i++)
        if (tcue(a, i) && tcue(a, i)->verb) return 1;
    return 0;
}

/* Whether the apposition [lo, hi] after a role phrase starting at token
 * first describes that phrase: a relative clause, a reason for anonymity,
 * or any phrase without a cue verb when the role phrase opens the sentence. */
static int holders_apposition(const whosaid_attrib *a, long lo, long hi, long first, long s0)
{
    const whosaid_pronoun *rel = tpronoun(a, lo);
    return (rel && rel->relative) || anonymity_apposition(a, lo, hi) ||
           (opens_sentence(a, first, s0) && !cue_verb_in(a, lo, hi));
}

/* The speaker written before the verb at token c (skipping "has", "also"
 * and an apposition). Returns the phrase's first token or -1. */
long whosaid_speaker_before(whosaid_attrib *a, long c, long s0, speaker *spk)
{
    long j = c - 1;
    while (j >= s0 && (word_kind(a, j, NULL) & WHOSAID_WORD_AUX) && !in_quote(a, j))
        j--;
    if (j < s0) return -1;
    if (!tis(a, j, ",")) return np_before(a, j, s0, spk);
    /* "X, APPOSITION, said" */
    long k = j - 1;
    while (k > s0 && j - k < MAX_APPOS && !tis(a, k, ",") && !in_quote(a, k))
        k--;
    if (k <= s0 || !tis(a, k, ",") || k == j - 1) return -1;
    long seg = a->tok_span[k + 1];
    if (seg >= 0 && a->spans[seg].tok0 == k + 1 && a->spans[seg].tok1 == j - 1 &&
        a->spans[seg].spk) {
        /* "Finland's transport minister, Aino Lehtonen, said" */
        speaker tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.span = -1;
        long f = role_before(a, s0, k - 1, &tmp, 1);
        /* Before the first comma a role, or no name that could speak
         * ("A union leader at Escondida, Patricio Tapia, warned"). */
        long before = whosaid_speaker_span_ending_at(a, k - 1);
        /* "A spokesman for the Transport Ministry, Jonas Weidner, urged":
         * the name is the holder of the role before it, not the ministry */
        if (f > k - 1 && before >= 0 && (a->spans[before].spk & WHOSAID_SPK_ORG) &&
            a->spans[seg].spk == WHOSAID_SPK_PERSON) {
            speaker role;
            memset(&role, 0, sizeof role);
            role.span = -1;
            long held = np_before(a, k - 1, s0, &role);
            if (held >= 0 && !role.type && role.role[0] && role.org[0]) {
                whosaid_speaker_from_span(a, seg, spk);
                memcpy(spk->role, role.role, sizeof spk->role);
                memcpy(spk->org, role.org, sizeof spk->org);
                spk->ts = a->toks.v[held].start;
                spk->te = a->spans[seg].e;
                return held;
            }
        }
        if (f <= k - 1 || before < 0 || a->spans[before].type == T_LOCATION) {
            whosaid_speaker_from_span(a, seg, spk);
            if (f <= k - 1) {
                memcpy(spk->role, tmp.role, sizeof spk->role);
                if (!spk->org[0]) memcpy(spk->org, tmp.org, sizeof spk->org);
            }
            spk->ts = a->toks.v[f <= k - 1 ? f : k + 1].start;
            spk->te = a->spans[seg].e;
            return f <= k - 1 ? f : k + 1;
        }
    }
    long first = np_before(a, k - 1, s0, spk);
    if (first < 0) first = second_apposition(a, k, s0, spk);
    if (first < 0) return -1;
    /* "... center, X, said": not sure whose apposition; but a relative
     * clause belongs to the phrase right before it ("A union official, who
     * asked not to be named, said"), and so does any apposition after a
     * role phrase that opens the sentence ("A spokeswoman for X, the
     * utility that will collect the levy, said") */
    if (!spk->type && !(spk->role[0] && holders_apposition(a, k + 1, j - 1, first, s0))) return -1;
    if (spk->type == WHOSAID_SPK_PERSON) whosaid_speaker_role_from_appos(a, k + 1, j - 1, spk);
    return first;
}

int whosaid_speaker_conj_room(whosaid_attrib *a, size_t n)
{
    return whosaid_grow((void **)&a->conj, &a->cap_conj, n + 1, sizeof *a->conj) ? WHOSAID_ENOMEM
                                                                                 : 0;
}

int whosaid_speaker_conjuncts(whosaid_attrib *a, long np0, long s0, long *first_out)
{
    a->nconj = 0;
    *first_out = np0;
    long t = np0 - 1;
    if (!tis(a, t, "and") || in_quote(a, t)) return 0;
    if (tis(a, t - 1, ",")) t--; /* "A, B, and C" */
    size_t m = 0;
    long first = np0;
    /* read back, one name per step: the list is as long as it is written */
    for (t--;; m++) {
        if (whosaid_speaker_conj_room(a, m + 1)) return WHOSAID_ENOMEM;
        speaker *sp = &a->conj[m];
        memset(sp, 0, sizeof *sp);
        sp->span = -1;
        long f = np_before(a, t, s0, sp);
        int named = f >= 0 && sp->span >= 0 && !sp->pronoun &&
                    (sp->type & (WHOSAID_SPK_PERSON | WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY));
        if (!named) {
            /* "On Tuesday, A and B said": the comma opened the list */
            if (m > 0 && tis(a, first - 1, ",")) break;
            return 0;
        }
        first = f;
        if (!tis(a, f - 1, ",")) {
            m++;
            break;
        }
        t = f - 2; /* "A, B and C" */
    }
    /* the list opens its clause: not "talks between A and B said" */
    long p = first - 1;
    if (m == 0 || !(p < s0 || !tword(a, p) ||
                    ((word_kind(a, p, NULL) & WHOSAID_WORD_COORD) && !tis(a, p, "and"))))
        return 0;
    for (size_t i = 0; i < m / 2; i++) { /* into document order */
        speaker tmp = a->conj[i];
        a->conj[i] = a->conj[m - 1 - i];
        a->conj[m - 1 - i] = tmp;
    }
    a->nconj = m;
    *first_out = first;
    return 0;
}

/* The speaker written after the verb ("said Park Jae-moon, KCC's director",
 * "said an United Nations official here"). Returns the last token used or -1. */
/* '..., said the Principal Secretary (Energy), Nitin Bansal.': the person
 * named in apposition after a role phrase ending at token e (a portfolio
 * in parentheses allowed) who closes the clause. The comma before the name,
 * or -1 when not so. */
static long name_after_role(const whosaid_attrib *a, long e, long s1)
{
    long j = e + 1;
    if (tis(a, j, "(")) {
        long r = j + 1;
        while (r < s1 && r - j < 6 && !tis(a, r, ")"))
            r++;
        if (!tis(a, r, ")")) return -1;
        j = r + 1;
    }
    long k = tis(a, j, ",") && j + 1 < s1 ? a->tok_span[j + 1] : -1;
    if (k < 0 || a->spans[k].tok0 != j + 1 || a->spans[k].spk != WHOSAID_SPK_PERSON) return -1;
    long end = a->spans[k].tok1 + 1;
    return end >= s1 || tis(a, end, ",") || tis(a, end, ".") ? j : -1;
}

/* "said a spokeswoman for Hale Valley Water", "according to a spokesman
 * for the ministry": a voice role noun at e and "for" or "of" before an
 * organization's name or noun, which the phrase reaches to, as it does
 * before the verb. The organization's last token, or e when not so. */
static long voice_org_end(const whosaid_attrib *a, long e, long s1)
{
    if (!(word_kind(a, e, NULL) & WHOSAID_WORD_VOICE) ||
        !(tis(a, e + 1, "for") || tis(a, e + 1, "of")))
        return e;
    long o = e + 2;
    if (word_kind(a, o, NULL) & WHOSAID_WORD_DETERMINER) o++;
    if (o >= s1 || in_quote(a, o)) return e;
    long k = a->tok_span[o];
    if (k >= 0)
        return a->spans[k].tok0 == o && a->spans[k].tok1 < s1 &&
                       (a->spans[k].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY))
                   ? a->spans[k].tok1
                   : e;
    return o > e + 2 && (word_kind(a, o, NULL) & WHOSAID_WORD_ORGHEAD) ? o : e;
}

/* The speaker phrase "a spokeswoman for X" of tokens [i, e], e its role
 * noun, read whole when it names the organization (voice_org_end). Its
 * last token (spk filled), or -1. */
static long voice_phrase_after(whosaid_attrib *a, long i, long e, long s1, speaker *spk)
{
    long oe = voice_org_end(a, e, s1);
    if (oe == e) return -1;
    speaker tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.span = -1;
    if (np_before(a, oe, i, &tmp) != i || !tmp.role[0]) return -1;
    *spk = tmp;
    return oe;
}

/* "said two officials at the Interior Ministry", "said analysts from
 * Goldman Sachs": a generic group [i, e] (spk) and "at"/"from"/"in" an
 * organization or country named right after it, read whole as before the
 * verb (generic_at), so the group speaks for it. The name's last token
 * (spk replaced), or e. */
static long group_at_after(whosaid_attrib *a, long i, long e, long s1, speaker *spk)
{
    if (spk->type != WHOSAID_SPK_GENERIC || spk->org[0] ||
        !(tis(a, e + 1, "at") || tis(a, e + 1, "from") || tis(a, e + 1, "in")))
        return e;
    long o = e + 2;
    if (o < s1 && (word_kind(a, o, NULL) & WHOSAID_WORD_DETERMINER)) o++;
    long k = o < s1 && !in_quote(a, o) ? a->tok_span[o] : -1;
    if (k < 0 || a->spans[k].tok0 != o || a->spans[k].tok1 >= s1 ||
        !(a->spans[k].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY)))
        return e;
    speaker tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.span = -1;
    if (np_before(a, a->spans[k].tok1, i, &tmp) != i || tmp.type != WHOSAID_SPK_GENERIC ||
        !tmp.org[0])
        return e;
    *spk = tmp;
    return a->spans[k].tok1;
}

long whosaid_speaker_voice_source(whosaid_attrib *a, long src0, long src1, speaker *spk)
{
    long e = src0;
    while (e < src1 && (word_kind(a, e, NULL) & WHOSAID_WORD_DETERMINER))
        e++;
    while (e < src1 && tword(a, e) && !(word_kind(a, e, NULL) & WHOSAID_WORD_VOICE) &&
           a->tok_span[e] < 0 && e - src0 < MAX_NP)
        e++;
    if (e >= src1 || !(word_kind(a, e, NULL) & WHOSAID_WORD_VOICE)) return -1;
    long last = voice_phrase_after(a, src0, e, src1, spk);
    return last == src1 - 1 || (last >= 0 && last == src1 - 2 && tis(a, src1 - 1, ".")) ? last : -1;
}

long whosaid_speaker_source_phrase(whosaid_attrib *a, long src0, long src1, speaker *spk)
{
    long e = src1 - 1;
    while (e > src0 && !tword(a, e))
        e--;
    speaker tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.span = -1;
    /* only a reading of the whole phrase: "figures from the ONS" read back
     * from "ONS" stops at the name, and the document stays the source's;
     * a phrase headed by a role noun is the role's holder even unread */
    if (np_before(a, e, src0, &tmp) != src0 ||
        !(tmp.type || tmp.role[0] || (word_kind(a, e, NULL) & WHOSAID_WORD_ROLE)))
        return -1;
    *spk = tmp;
    return src0;
}

long whosaid_speaker_after(whosaid_attrib *a, long c, long s1, speaker *spk)
{
    long i = c + 1;
    if (i >= s1) return -1;
    long t0 = i, k = a->tok_span[i];
    /* "said Rep. Gayle Manning", "said Foreign Minister Wang Yi": a title,
     * its abbreviation's period included, before a person's name */
    if (k < 0) {
        long j = i;
        while (j < s1 && j - i < MAX_NP / 2 && a->tok_span[j] < 0 && !in_quote(a, j) &&
               ((tword(a, j) &&
                 ((a->toks.v[j].flags & WHOSAID_TOK_CAP) ||
                  (word_kind(a, j, NULL) & (WHOSAID_WORD_ROLE | WHOSAID_WORD_HONORIFIC)))) ||
                (j > i && tis(a, j, ".") && !(a->toks.v[j].flags & WHOSAID_TOK_SPACE))))
            j++;
        long kj = j > i && j < s1 ? a->tok_span[j] : -1;
        if (kj >= 0 && a->spans[kj].tok0 == j && a->spans[kj].spk == WHOSAID_SPK_PERSON) {
            k = kj;
            i = j;
        }
    }
    if (k >= 0 && a->spans[k].tok0 == i && a->spans[k].spk) {
        whosaid_speaker_from_span(a, k, spk);
        long last = a->spans[k].tok1;
        spk->ts = a->toks.v[t0].start;
        spk->te = a->spans[k].e;
        if (tis(a, last + 1, ",")) {
            long hi = last + 2;
            while (hi < s1 && !tis(a, hi, ",") && !in_quote(a, hi) && hi - last < MAX_APPOS)
                hi++;
            while (hi - 1 > last + 1 && !tword(a, hi - 1))
                hi--;
            /* 'said Carvalho, "but not ..."': a quotation right after the
             * comma is the rest of a split quotation, no appositive */
            if (hi > last + 2) {
                if (spk->type == WHOSAID_SPK_PERSON)
                    whosaid_speaker_role_from_appos(a, last + 2, hi - 1, spk);
                last = hi - 1;
            }
        }
        return last;
    }
    const whosaid_pronoun *p = tpronoun(a, i);
    if (p && !p->relative && !p->possessive) {
        spk->ts = a->toks.v[i].start;
        spk->te = a->toks.v[i].end;
        spk->pronoun = 1;
        whosaid_speaker_resolve_pronoun(a, p, i, spk);
        return i;
    }
    /* a determiner phrase ending in a role noun or a generic group, or a
     * generic phrase of several words ("said a person familiar with ...") */
    long phrase_end = i + word_phrase_at(a, i, WHOSAID_WORD_GENERIC) - 1;
    for (long e = i; e < s1 && e - i < MAX_NP; e++) {
        if (!tword(a, e) || in_quote(a, e)) break;
        int wk = word_kind(a, e, NULL);
        if ((wk & (WHOSAID_WORD_ROLE | WHOSAID_WORD_GENERIC)) || e == phrase_end) {
            if (e + 1 < s1 &&
                (word_kind(a, e + 1, NULL) & (WHOSAID_WORD_ROLE | WHOSAID_WORD_GENERIC)))
                continue;
            /* "said the minister for Europe": the portfolio ends the role */
            long pe = portfolio_end(a, e, s1);
            if (pe > e) {
                long pc = name_after_role(a, pe, s1);
                if (pc < 0) {
                    speaker tmp;
                    memset(&tmp, 0, sizeof tmp);
                    tmp.span = -1;
                    if (np_before(a, pe, i, &tmp) != i) return -1;
                    *spk = tmp;
                    return pe;
                }
                e = pe;
            }
            long comma = (wk & WHOSAID_WORD_ROLE) ? name_after_role(a, e, s1) : -1;
            if (comma >= 0) {
                long pk = a->tok_span[comma + 1], r0 = past_determiners(a, i, e);
                whosaid_claimdoc_set_text(spk->role, sizeof spk->role,
                                          a->text + a->toks.v[r0].start,
                                          a->toks.v[comma - 1].end - a->toks.v[r0].start);
                whosaid_speaker_from_span(a, pk, spk);
                spk->ts = a->toks.v[i].start;
                spk->te = a->spans[pk].e;
                return a->spans[pk].tok1;
            }
            long vl = voice_phrase_after(a, i, e, s1, spk);
            if (vl >= 0) return vl;
            speaker tmp;
            memset(&tmp, 0, sizeof tmp);
            tmp.span = -1;
            long f = np_before(a, e, i, &tmp);
            if (f != i) return -1;
            *spk = tmp;
            long ge = group_at_after(a, i, e, s1, spk);
            if (ge > e) return ge;
            /* "said people familiar with the matter" */
            long t = spk->type == WHOSAID_SPK_GENERIC ? whosaid_speaker_link_tail(a, e, s1) : e;
            if (t > e) {
                long m = i;
                /* "a person" is a phrase of the list: kept whole, as before the verb */
                if (e != phrase_end) m = past_determiners(a, m, e);
                whosaid_speaker_generic_name(a, m, t, spk);
                spk->ts = a->toks.v[i].start;
                spk->te = a->toks.v[t].end;
            }
            return t;
        }
        if (e > i && (wk & (WHOSAID_WORD_ADJUNCT | WHOSAID_WORD_BOUNDARY))) break;
    }
    return -1;
}
