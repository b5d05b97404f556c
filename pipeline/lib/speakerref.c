/* Who a pronoun or a referring phrase speaks for (attrib_impl.h, the
 * speaker.c part): "he", "she", "they" resolved against the names of a
 * window back to the previous paragraph, the subject of the sentence before
 * first; "they" right after several names gives those names; "the people",
 * "the statement" take the latest generic speaker or statement of that
 * kind; a study, report or survey is a source itself ("the study" the
 * one cited before); "they" may be the generic group that opened the
 * sentence before. Keeps nothing of its own: the claims' as_max prefix (latest_claim)
 * lives in the finder. Every read is bounded by MAX_WINDOW spans or claims,
 * so a pronoun costs O(1) apart from binary searches. */
#include "whosaid/attrib_impl.h"

#include <string.h>
#include <strings.h>

#include "whosaid/pronouns.h"

/* ---- the subject of the sentence before a pronoun ---- */

/* Token at opens its sentence s: the first word outside quotations ("They
 * added", '"...," she said') or right after a comma. */
static int opens_clause(const whosaid_attrib *a, long at, long s)
{
    long s0 = whosaid_claimdoc_first_tok_at(a, a->sent_s[s]);
    while (s0 < at && (!tword(a, s0) || in_quote(a, s0)))
        s0++;
    return at == s0 || tis(a, at - 1, ",");
}

/* "Rovers manager Sean Doherty was ...": an organization or country
 * opening a subject before role words and a person names that person's
 * owner; the person is the subject. The first token of the subject. */
static long owner_role_holder(const whosaid_attrib *a, long k, long s1)
{
    long q = a->spans[k].tok0;
    if (a->spans[k].spk == WHOSAID_SPK_PERSON) return q;
    int role = 0;
    for (long i = a->spans[k].tok1 + 1; i < s1 && i - a->spans[k].tok1 <= 3; i++) {
        long p = a->tok_span[i];
        if (p >= 0)
            return role && a->spans[p].tok0 == i && a->spans[p].spk == WHOSAID_SPK_PERSON ? i : q;
        const whosaid_cue_entry *ce = tword(a, i) ? a->tok_cue[i] : NULL;
        if (!ce || !(ce->word & WHOSAID_WORD_ROLE)) return q;
        role = 1;
    }
    return q;
}

/* Where the names of sentence s's subject start: past the dateline, an
 * opening phrase closed by a comma in its first five tokens with no name
 * in it ("On Monday,", "Two players,") and up to three plain words
 * ("Prosecutor"), the first token of a PERSON, ORG or COUNTRY span that is
 * not a news outlet; -1 when the sentence does not open so. */
static long subject_start(const whosaid_attrib *a, long s)
{
    if (s < 0) return -1;
    long s1 = whosaid_claimdoc_first_tok_at(a, a->sent_e[s]);
    size_t b = a->sent_s[s];
    if (b < a->dateline_end && a->sent_e[s] > a->dateline_end) b = a->dateline_end;
    long q = whosaid_claimdoc_first_tok_at(a, b);
    if (q >= s1 || !tword(a, q) || in_quote(a, q)) return -1;
    for (long i = q; i < s1 && i - q < 5; i++) {
        if (tis(a, i, ",")) {
            q = i + 1;
            break;
        }
        long k = a->tok_span[i];
        if (!tword(a, i) || (k >= 0 && a->spans[k].spk)) break;
    }
    for (int n = 0; q < s1 && n <= 3; n++, q++) {
        long k = a->tok_span[q];
        if (in_quote(a, q)) return -1;
        /* the period of an abbreviated title ("Sen. Catherine Ingram") */
        if (n > 0 && k < 0 && tis(a, q, ".") && !(a->toks.v[q].flags & WHOSAID_TOK_SPACE)) {
            n--;
            continue;
        }
        if (k >= 0 && a->spans[k].tok0 == q && !a->spans[k].outlet &&
            (a->spans[k].spk & (WHOSAID_SPK_PERSON | WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY)))
            return owner_role_holder(a, k, s1);
        const whosaid_cue_entry *ce = tword(a, q) ? a->tok_cue[q] : NULL;
        if (!tword(a, q) || k >= 0 ||
            (ce && (ce->verb || (ce->word & (WHOSAID_WORD_BOUNDARY | WHOSAID_WORD_COORD)))))
            return -1;
    }
    return -1;
}

/* A verb may come at token i: a lower-case word, not a coordinator. */
static int verb_may_follow(const whosaid_attrib *a, long i)
{
    return tword(a, i) && (a->toks.v[i].flags & WHOSAID_TOK_LOWER) && !in_quote(a, i) &&
           !possessive(a, i) && !(word_kind(a, i, NULL) & WHOSAID_WORD_COORD);
}

/* Past an appositive between commas at token t, before sentence end s1
 * ("Carvalho, a former economics professor, has made"): the token after
 * its closing comma, or t when none stands there. One opening with a name
 * ("A, B and C met") is a list, not an appositive. */
static long past_appositive(const whosaid_attrib *a, long t, long s1)
{
    if (!tis(a, t, ",") || t + 1 >= s1 || !tword(a, t + 1) || a->tok_span[t + 1] >= 0) return t;
    for (long j = t + 2; j < s1 && j - t <= MAX_APPOS; j++) {
        if (in_quote(a, j) || tis(a, j, ";")) return t;
        if (tis(a, j, ",")) return j + 1;
    }
    return t;
}

/* The one name that opens sentence s as its subject, a verb after it
 * ("Prosecutor Ana Ruiz had asked", "Carvalho, a former professor, has
 * made"): its span, or -1. */
static long sentence_subject(const whosaid_attrib *a, long s)
{
    long q = subject_start(a, s);
    if (q < 0) return -1;
    long k = a->tok_span[q];
    long s1 = whosaid_claimdoc_first_tok_at(a, a->sent_e[s]);
    return verb_may_follow(a, past_appositive(a, a->spans[k].tok1 + 1, s1)) ? k : -1;
}

/* The names that open sentence s as a coordinated subject ("Two players,
 * A and B, testified", "A, B and C met"), any number, into a->conj: their
 * number (0 when not so), or WHOSAID_ENOMEM. */
static int sentence_subject_list(whosaid_attrib *a, long s)
{
    long q = subject_start(a, s);
    size_t m = 0;
    int last = 0;
    while (q >= 0) {
        long k = a->tok_span[q];
        if (k < 0 || a->spans[k].tok0 != q || a->spans[k].outlet ||
            !(a->spans[k].spk & (WHOSAID_SPK_PERSON | WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY)))
            return 0;
        if (whosaid_speaker_conj_room(a, m + 1)) return WHOSAID_ENOMEM;
        speaker *d = &a->conj[m++];
        memset(d, 0, sizeof *d);
        d->span = -1;
        whosaid_speaker_from_span(a, k, d);
        long t = a->spans[k].tok1 + 1;
        if (last) return tis(a, t, ",") || verb_may_follow(a, t) ? (int)m : 0;
        if (tis(a, t, ",")) t++;
        if (tis(a, t, "and")) {
            last = 1;
            t++;
        } else if (!tis(a, t - 1, ","))
            return 0;
        q = (size_t)t < a->toks.n ? t : -1;
    }
    return 0;
}

/* The generic group that opens sentence s as its subject ("Researchers
 * from the University of Nairobi ... followed"): determiners and up to
 * MAX_PUB_MODS modifiers, a generic group of speakers.rules and, after
 * "at", "from" or "of", the organization or country it belongs to. 1 with
 * spk that group (named as a claim would name it), 0 when the sentence
 * does not open so. */
static int sentence_generic_subject(const whosaid_attrib *a, long s, speaker *spk)
{
    if (s < 0) return 0;
    size_t b = a->sent_s[s];
    if (b < a->dateline_end && a->sent_e[s] > a->dateline_end) b = a->dateline_end;
    long q = whosaid_claimdoc_first_tok_at(a, b),
         s1 = whosaid_claimdoc_first_tok_at(a, a->sent_e[s]);
    long m = past_determiners(a, q, s1);
    for (long g = m; g < s1 && g - m <= MAX_PUB_MODS; g++) {
        if (!tword(a, g) || in_quote(a, g) || a->tok_span[g] >= 0) return 0;
        long n = word_phrase_at(a, g, WHOSAID_WORD_GENERIC);
        if (!n) continue;
        long e = g + n - 1;
        /* "Researchers' findings": not the subject */
        if (possessive(a, e + 1)) return 0;
        whosaid_speaker_generic_name(a, m, whosaid_speaker_link_tail(a, e, s1), spk);
        long t = e + 2;
        if (word_kind(a, t, NULL) & WHOSAID_WORD_DETERMINER) t++;
        long k = t < s1 ? a->tok_span[t] : -1;
        if ((tis(a, e + 1, "at") || tis(a, e + 1, "from") || tis(a, e + 1, "of")) && k >= 0 &&
            a->spans[k].tok0 == t && (a->spans[k].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY)))
            whosaid_claimdoc_set_text(spk->org, sizeof spk->org, a->spans[k].canon,
                                      strlen(a->spans[k].canon));
        return 1;
    }
    return 0;
}

/* ---- pronouns ---- */

/* The claim with a speaker of one of the WHOSAID_SPK_* types (0: any
 * speaker, an unknown one too) whose attribution starts latest in [from,
 * b), the later one in the array on a tie; NULL if none. ("She said"
 * after "Ingram said the ministry had warned ...": the ministry is no
 * latest speaker "she" could mean.) Scans back from the newest claim and
 * stops where no earlier one starts later than the best so far (as_max), so
 * a document's pronouns cost no pass over all its claims each. Claims only
 * grow while they are found, and their "as" is set once;
 * continuations() reorders them and so empties as_max. */
static const claim *latest_claim(whosaid_attrib *a, size_t from, size_t b, int types)
{
    int bounded = !whosaid_grow((void **)&a->as_max, &a->cap_as_max, a->nclaims, sizeof *a->as_max);
    for (size_t i = a->n_as_max; bounded && i < a->nclaims; i++)
        a->as_max[i] = i && a->as_max[i - 1] > a->claims[i].as ? a->as_max[i - 1] : a->claims[i].as;
    if (bounded) a->n_as_max = a->nclaims;
    const claim *best = NULL;
    for (size_t i = a->nclaims; i-- > 0;) {
        if (bounded && (a->as_max[i] < from || (best && a->as_max[i] <= best->as))) break;
        const claim *c = &a->claims[i];
        if (c->dropped || (types && !(c->spk.type & types)) || c->as >= b || c->as < from) continue;
        if (!best || c->as > best->as) best = c;
    }
    return best;
}

static int same_subject(const claim *x, const claim *y);

/* The claim latest in [from, b), of any speaker, when its speaker is a
 * person the article does not name but for a role ("a senior official",
 * "a spokeswoman", "his lawyer") and pronoun p may mean a person: NULL
 * otherwise. */
static const claim *unnamed_holder(whosaid_attrib *a, const whosaid_pronoun *p, size_t from,
                                   size_t b)
{
    if (p->plural || !(p->types & WHOSAID_SPK_PERSON)) return NULL;
    const claim *c = latest_claim(a, from, b, 0);
    return c && !c->spk.type && c->spk.role[0] && !c->spk.publication ? c : NULL;
}

void whosaid_speaker_resolve_pronoun(whosaid_attrib *a, const whosaid_pronoun *p, long at,
                                     speaker *spk)
{
    const char *reason = NULL;
    if (p->relative) {
        /* "Cardinal Microsystems, which said": the name right before */
        long k = tis(a, at - 1, ",") ? whosaid_speaker_span_ending_at(a, at - 2) : -1;
        if (k >= 0 && (a->spans[k].spk & p->types)) {
            whosaid_speaker_from_span(a, k, spk);
            return;
        }
        spk->type = 0;
        spk->reason = "a relative pronoun with no name right before it";
        return;
    }
    /* the window: back to the start of the previous paragraph */
    size_t b = a->toks.v[at].start;
    long para = whosaid_claimdoc_para_of_byte(a, b);
    size_t from = a->para[para > 0 ? para - 1 : 0];
    whosaid_antecedent cands[MAX_WINDOW];
    long idx[MAX_WINDOW];
    size_t n = 0;
    /* the speaker of the latest claim before the pronoun */
    const char *last = NULL;
    int last_type = 0;
    const claim *latest = latest_claim(a, from, b, p->types);
    /* "they" is people, not the study the article cited */
    if (latest && p->plural && latest->spk.publication) latest = NULL;
    if (latest) {
        last = latest->spk.name ? latest->spk.name : latest->spk.namebuf;
        last_type = latest->spk.type;
    }
    /* "A and B said he had ...": a singular pronoun in the content of a
     * claim of several names is none of them (claims [g_lo, g_hi)) */
    size_t g_lo = 0, g_hi = 0;
    if (latest && !p->plural && b >= latest->cs && b < latest->ce) {
        g_lo = (size_t)(latest - a->claims);
        g_hi = g_lo + 1;
        while (g_lo > 0 && same_subject(&a->claims[g_lo - 1], latest))
            g_lo--;
        while (g_hi < a->nclaims && same_subject(&a->claims[g_hi], latest))
            g_hi++;
        if (g_hi - g_lo < 2)
            g_lo = g_hi = 0;
        else
            last = NULL;
    }
    int have_generic = 0;
    /* the subject of the sentence before, for a pronoun opening its own */
    long sent = a->tok_sent[at];
    long subj = opens_clause(a, at, sent) ? sentence_subject(a, sent - 1) : -1;
    const char *subj_canon = subj >= 0 ? a->spans[subj].canon : NULL;
    long k = a->tok_span[at];
    if (k < 0) /* the last span before the pronoun */
        k = whosaid_claimdoc_first_span_from(a, b) - 1;
    else
        k--;
    for (long scanned = 0;
         k >= 0 && a->spans[k].s >= from && scanned < 4 * MAX_WINDOW && n < MAX_WINDOW;
         k--, scanned++) {
        const span *sp = &a->spans[k];
        /* a dateline's place and outlet ("FRANKFURT (Reuters) -") are no
         * one's antecedent */
        if (!sp->spk || !sp->canon || sp->s < a->dateline_end) continue;
        /* a name said inside a quotation is the quoted speaker's topic,
         * not the narrative's ("'The chancellor will decide,' he said.
         * She told ...") */
        if (in_quote(a, sp->tok0)) continue;
        size_t j;
        for (j = 0; j < n; j++)
            if (!strcmp(a->spans[idx[j]].canon, sp->canon)) break;
        if (j < n) continue;
        for (j = g_lo; j < g_hi; j++)
            if (a->claims[j].spk.name && !strcmp(a->claims[j].spk.name, sp->canon)) break;
        if (j < g_hi) continue;
        idx[n] = k;
        cands[n].type = sp->spk;
        cands[n].gender =
            sp->spk == WHOSAID_SPK_PERSON ? whosaid_claimdoc_gender_of(a, sp->canon) : 0;
        cands[n].last_speaker = last && !strcmp(last, sp->canon);
        cands[n].subject = subj_canon && !strcmp(subj_canon, sp->canon);
        n++;
    }
    /* "they" refers to the latest generic speaker */
    if (last && last_type == WHOSAID_SPK_GENERIC && (p->types & WHOSAID_SPK_GENERIC) &&
        n < MAX_WINDOW) {
        idx[n] = -1;
        cands[n].type = WHOSAID_SPK_GENERIC;
        cands[n].gender = 0;
        cands[n].last_speaker = 1;
        cands[n].subject = 0;
        have_generic = 1;
        n++;
    }
    /* "Researchers from X followed ... . They found": the group that
     * opens the sentence before as its subject */
    speaker group;
    memset(&group, 0, sizeof group);
    group.span = -1;
    if (p->plural && (p->types & WHOSAID_SPK_GENERIC) && n < MAX_WINDOW &&
        opens_clause(a, at, sent) && sentence_generic_subject(a, sent - 1, &group)) {
        idx[n] = -2;
        cands[n].type = WHOSAID_SPK_GENERIC;
        cands[n].gender = 0;
        cands[n].last_speaker = 0;
        cands[n].subject = 1;
        n++;
    }
    /* "A senior official, who asked not to be named, said ... . He added":
     * the unnamed holder of the latest claim, when no one spoke since */
    const claim *holder = unnamed_holder(a, p, from, b);
    if (holder && n < MAX_WINDOW) {
        for (size_t j = 0; j < n; j++)
            cands[j].last_speaker = 0;
        idx[n] = -3;
        cands[n].type = WHOSAID_SPK_PERSON;
        cands[n].gender = holder->spk.gender;
        cands[n].last_speaker = 1;
        cands[n].subject = holder->sent >= sent - 1 && opens_clause(a, at, sent);
        n++;
    }
    long pick = whosaid_pronouns_choose(p, cands, n, &reason);
    if (pick >= 0 && idx[pick] == -3) {
        size_t ts = spk->ts, te = spk->te;
        *spk = holder->spk;
        spk->ts = ts;
        spk->te = te;
        spk->pronoun = 1;
        if (p->gender) spk->gender = p->gender; /* "he" tells the official's gender */
        return;
    }
    if (pick >= 0 && idx[pick] == -2) {
        size_t ts = spk->ts, te = spk->te;
        *spk = group;
        spk->ts = ts;
        spk->te = te;
        spk->pronoun = 1;
        return;
    }
    if (pick < 0) {
        spk->type = 0;
        spk->reason = reason;
        return;
    }
    if (idx[pick] < 0 && have_generic) {
        whosaid_claimdoc_set_text(spk->namebuf, sizeof spk->namebuf, last, strlen(last));
        spk->name = NULL;
        spk->type = WHOSAID_SPK_GENERIC;
        return;
    }
    whosaid_speaker_from_span(a, idx[pick], spk);
    spk->span = idx[pick];
    if (p->gender && spk->type == WHOSAID_SPK_PERSON)
        whosaid_claimdoc_gender_note(a, spk->name, p->gender); /* "she" tells Vidal's gender */
}

int whosaid_speaker_name_has_word(const char *name, const char *w, size_t n)
{
    char low[64];
    for (const char *p = name; *p;) {
        size_t l = strcspn(p, " ");
        long r = l < sizeof low ? whosaid_utf8_lower_into(p, l, low, sizeof low) : -1;
        if (r == (long)n && !memcmp(low, w, n)) return 1;
        p += l;
        while (*p == ' ')
            p++;
    }
    return 0;
}

/* The word w[0..n) stands near claim c's verb, outside its content and
 * quotations, in its sentence ("said in a statement", "In a ruling, the
 * judge said"): at most 8 tokens either side. */
static int near_cue(const whosaid_attrib *a, const claim *c, const char *w, size_t n)
{
    long ct = whosaid_claimdoc_first_tok_at(a, c->cue_b);
    for (long i = ct - 8 > 0 ? ct - 8 : 0; i <= ct + 8 && (size_t)i < a->toks.n; i++) {
        size_t b = a->toks.v[i].start;
        if (a->tok_sent[i] != c->sent || (b >= c->cs && b < c->ce) || in_quote(a, i)) continue;
        if (a->low_at[i + 1] - a->low_at[i] == n && !memcmp(a->low.data + a->low_at[i], w, n))
            return 1;
    }
    return 0;
}

int whosaid_speaker_anaphor(whosaid_attrib *a, long g, long e, speaker *spk)
{
    /* a group ("the people") or the document a speaker spoke in ("the
     * statement") */
    int doc = word_phrase_at(a, g, WHOSAID_WORD_DOCUMENT) == e - g + 1;
    size_t b = a->toks.v[g].start;
    long para = whosaid_claimdoc_para_of_byte(a, b);
    size_t from = a->para[para > 0 ? para - 1 : 0];
    const char *head = a->low.data + a->low_at[e];
    size_t hl = a->low_at[e + 1] - a->low_at[e];
    /* the claims so far, newest first; MAX_WINDOW of them at most */
    for (size_t i = a->nclaims, seen = 0; i-- > 0 && seen < MAX_WINDOW; seen++) {
        const claim *c = &a->claims[i];
        if (c->dropped || !c->spk.type || c->as >= b || c->as < from) continue;
        if (doc ? !near_cue(a, c, head, hl)
                : c->spk.type != WHOSAID_SPK_GENERIC ||
                      !whosaid_speaker_name_has_word(c->spk.name ? c->spk.name : c->spk.namebuf,
                                                     head, hl))
            continue;
        *spk = c->spk;
        spk->ts = b;
        spk->te = a->toks.v[e].end;
        spk->pronoun = 0;
        return 1;
    }
    return 0;
}

/* Token i is part of a date or time span ("on Wednesday", "last year"). */
static int in_date(const whosaid_attrib *a, long i)
{
    long k = a->tok_span[i];
    return k >= 0 && (a->spans[k].type == T_DATE);
}

long whosaid_speaker_publication(whosaid_attrib *a, long lo, long hi, speaker *spk)
{
    long g = lo, n = 0;
    g = past_determiners(a, g, hi + 1);
    long m0 = g;
    for (; g <= hi && g - m0 <= MAX_PUB_MODS; g++) {
        n = word_phrase_at(a, g, WHOSAID_WORD_PUBLICATION);
        if (n && g + n - 1 <= hi) break;
        /* modifiers: plain words ("new", "government") or a name ("Lancet");
         * after an article also a time word that is an adverb elsewhere
         * ("An earlier analysis", "the later survey"), never a preposition
         * opening the phrase ("In research published ...") */
        int mod_ok = WHOSAID_WORD_ORGHEAD | WHOSAID_WORD_ROLE | WHOSAID_WORD_RANK |
                     WHOSAID_WORD_OFFICE |
                     (m0 > lo && !is_verb_word(a, g) ? WHOSAID_WORD_AUX | WHOSAID_WORD_ADJUNCT : 0);
        if (!tword(a, g) || in_quote(a, g) || (word_kind(a, g, NULL) & ~mod_ok)) return -1;
        n = 0;
    }
    if (!n) return -1;
    long head = g + n - 1, e = hi;
    /* "... on Wednesday", "... last year": when it was published, not who */
    while (e > head && (in_date(a, e) || !tword(a, e)))
        e--;
    while (e > head && (word_kind(a, e, NULL) & (WHOSAID_WORD_ADJUNCT | WHOSAID_WORD_DETERMINER)))
        e--;
    size_t ts = a->toks.v[lo].start, te = a->toks.v[hi].end;
    const char *w = a->low.data + a->low_at[head];
    size_t wl = a->low_at[head + 1] - a->low_at[head];
    if (tis(a, lo, "the") || tis(a, lo, "The")) {
        /* "the study" after "a study published in ...": that document */
        for (size_t i = a->nclaims, seen = 0; i-- > 0 && seen < MAX_WINDOW; seen++) {
            const claim *c = &a->claims[i];
            if (c->dropped || c->spk.type != WHOSAID_SPK_GENERIC || c->as >= ts || c->spk.pronoun ||
                !c->spk.publication ||
                !whosaid_speaker_name_has_word(c->spk.name ? c->spk.name : c->spk.namebuf, w, wl))
                continue;
            *spk = c->spk;
            spk->ts = ts;
            spk->te = te;
            return head;
        }
    }
    whosaid_speaker_generic_name(a, m0, e, spk);
    spk->publication = 1;
    spk->ts = ts;
    spk->te = te;
    return head;
}

/* Claims x and y are one subject's names: the same verb and content. */
static int same_subject(const claim *x, const claim *y)
{
    return !x->dropped && x->spk.type && x->cue_b == y->cue_b && x->cs == y->cs && x->ce == y->ce;
}

int whosaid_speaker_they_group(whosaid_attrib *a, long sent, speaker *spk)
{
    long at = whosaid_claimdoc_first_tok_at(a, spk->ts);
    const whosaid_pronoun *p = spk->pronoun ? tpronoun(a, at) : NULL;
    if (!p || !p->plural || p->relative || p->possessive) return 0;
    /* it opens its sentence or clause ("They added", "..., they said",
     * '"...," they said') */
    if (!opens_clause(a, at, sent)) return 0;
    size_t b = a->toks.v[at].start;
    long para = whosaid_claimdoc_para_of_byte(a, b);
    const claim *last = latest_claim(a, a->para[para > 0 ? para - 1 : 0], b, ~0);
    size_t n = 0;
    if (last && last->sent >= sent - 1) {
        size_t li = (size_t)(last - a->claims), lo = li, hi = li + 1;
        while (lo > 0 && same_subject(&a->claims[lo - 1], last))
            lo--;
        while (hi < a->nclaims && same_subject(&a->claims[hi], last))
            hi++;
        if (hi - lo >= 2) {
            if (whosaid_speaker_conj_room(a, hi - lo)) return WHOSAID_ENOMEM;
            for (size_t i = lo; i < hi; i++)
                a->conj[n++] = a->claims[i].spk;
        }
    }
    /* no claim since: "Two players, A and B, testified. They said ..." */
    if (!n && sent > 0 && (!last || last->as < a->sent_s[sent - 1])) {
        int m = sentence_subject_list(a, sent - 1);
        if (m < 0) return m;
        n = (size_t)m;
    }
    if (n < 2) return 0;
    size_t ts = spk->ts, te = spk->te;
    *spk = a->conj[n - 1];
    for (size_t i = 0; i < n; i++) {
        speaker *d = i + 1 < n ? &a->conj[i] : spk;
        d->ts = ts;
        d->te = te;
        d->pronoun = 1;
        d->reason = NULL;
    }
    a->nconj = n - 1;
    return 1;
}
