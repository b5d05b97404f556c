/* Claim finder (see attrib.h), the driver: per document it loads the
 * document model (claimdoc.c), makes each broadcast transcript turn that a
 * named source speaks a claim whole, walks the words outside quotations and
 * those turns once and tries a frame at each cue verb, source phrase and
 * manner word before a colon and a quotation ("was blunt: '...'"),
 * reading speakers with speaker.c, then gives a person back the claims the
 * tagger's reading of a shared surname gave an organization ("Bloomberg
 * said he ..."), folds outlets' reports and "according to" frames into the
 * claims they carry, cuts contents where a clause with its own speaker and
 * cue verb joins (noted while the cues are read), adds the quotations that
 * continue a quoted claim, and writes the claims (claimwrite.c). It keeps
 * the claims found (about 1 KB each), those joints, the turns' ranges and
 * the names of the subject being read, in arrays reused across documents.
 * Frames look at most MAX_THAT tokens past the verb and the folding walks
 * only the claims of one sentence, so a document costs O(n) in its length
 * (plus sorting its claims and joints). */
#include "whosaid/attrib_impl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "whosaid/record.h"

whosaid_attrib *whosaid_attrib_new(const whosaid_cues *cues)
{
    whosaid_attrib *a = calloc(1, sizeof *a);
    if (a) a->cues = cues;
    return a;
}

void whosaid_attrib_free(whosaid_attrib *a)
{
    if (!a) return;
    whosaid_tokens_free(&a->toks);
    whosaid_buf_free(&a->low);
    whosaid_buf_free(&a->docjson);
    free(a->low_at);
    free(a->tok_cue);
    free(a->tok_quoted);
    free(a->tok_span);
    free(a->tok_sent);
    free(a->spans);
    free(a->sent_s);
    free(a->sent_e);
    free(a->para);
    whosaid_quotes_free(&a->quotes);
    free(a->quote_used);
    free(a->claims);
    free(a->conj);
    free(a->joints);
    free(a->turns);
    free(a->as_max);
    free(a->roles);
    free(a->einfo);
    whosaid_hashmap_free(a->ents);
    whosaid_hashmap_free(a->names);
    whosaid_hashmap_free(a->gender);
    whosaid_hashmap_free(a->learned);
    whosaid_hashmap_free(a->holders);
    free(a);
}

/* A new claim, a copy of from, numbered in the order made; NULL on ENOMEM. */
static claim *add_claim(whosaid_attrib *a, const claim *from)
{
    if (whosaid_grow((void **)&a->claims, &a->cap_claims, a->nclaims + 1, sizeof *a->claims))
        return NULL;
    claim *c = &a->claims[a->nclaims++];
    *c = *from;
    c->seq = a->nmade++;
    return c;
}

/* A clause with its own speaker and cue verb joined to the one before it
 * at byte b: later contents stop there. 0 or WHOSAID_ENOMEM. */
static int note_joint(whosaid_attrib *a, long b)
{
    if (b < 0) return 0;
    if (whosaid_grow((void **)&a->joints, &a->cap_joints, a->njoints + 1, sizeof *a->joints))
        return WHOSAID_ENOMEM;
    a->joints[a->njoints++] = a->toks.v[b].start;
    return 0;
}

/* The joint before a clause whose subject starts at token np0: ";" or a
 * comma and a coordinator (", but", ", while"), with the subject's
 * modifiers between ("..., while Australian miner Sandfire said"); -1 when
 * none. At most MAX_NP tokens back. */
static long joint_before(const whosaid_attrib *a, long np0, long s0)
{
    long k = np0 - 1;
    while (k > s0 && np0 - k <= MAX_NP && !in_quote(a, k) && (tword(a, k) || possessive(a, k))) {
        const whosaid_cue_entry *ce = a->tok_cue[k];
        if ((ce && ce->verb) ||
            (word_kind(a, k, NULL) & (WHOSAID_WORD_BOUNDARY | WHOSAID_WORD_COORD)))
            break;
        k--;
    }
    if (k <= s0 || in_quote(a, k)) return -1;
    if (tis(a, k, ";")) return k;
    if ((word_kind(a, k, NULL) & WHOSAID_WORD_COORD) && tis(a, k - 1, ",")) return k - 1;
    return -1;
}

/* The colon of a capitalized label opening the line at byte b, before e,
 * followed by a blank, a newline or the text's end; 0 when none: a
 * broadcast transcript's speaker turn ("BELL: ...", "MARCUS BELL, BYLINE:
 * ...", "Q: ...") or an Indian paper's dateline ("NEW DELHI: ..."). */
static size_t turn_label_colon(const whosaid_attrib *a, size_t b, size_t e)
{
    if (b > 0 && a->text[b - 1] != '\n') return 0;
    int letters = 0;
    for (size_t i = b; i < e && i - b < 48; i++) {
        char ch = a->text[i];
        if (ch >= 'A' && ch <= 'Z')
            letters++;
        else if (ch == ':' && letters)
            return i + 1 == a->len || a->text[i + 1] == ' ' || a->text[i + 1] == '\n' ? i : 0;
        else if (ch != ' ' && ch != '.' && ch != ',' && ch != '\'' && ch != '-')
            return 0;
    }
    return 0;
}

/* The end of a turn label opening a paragraph at byte b, blanks after its
 * colon included, else b: the label is not part of what was said. */
static size_t past_turn_label(const whosaid_attrib *a, size_t b, size_t e)
{
    size_t i = turn_label_colon(a, b, e);
    if (!i || i + 1 >= e || a->text[i + 1] != ' ') return b;
    for (i++; i < e && a->text[i] == ' '; i++)
        ;
    return i;
}

/* Where sentence s's own text starts: after a dateline ("BEIJING, June 27
 * (Xinhuanet) – ") when the sentence holds one, or after a speaker's turn
 * label. */
static size_t sent_text_start(const whosaid_attrib *a, long s)
{
    size_t b = a->sent_s[s];
    if (b < a->dateline_end && a->sent_e[s] > a->dateline_end) return a->dateline_end;
    return past_turn_label(a, b, a->sent_e[s]);
}

/* End of sentence s without its final period and blanks. */
static size_t sent_text_end(const whosaid_attrib *a, long s)
{
    size_t e = a->sent_e[s];
    while (e > a->sent_s[s] && (a->text[e - 1] == ' ' || a->text[e - 1] == '\n'))
        e--;
    if (e > a->sent_s[s] &&
        (a->text[e - 1] == '.' || a->text[e - 1] == ';' || a->text[e - 1] == ':'))
        e--;
    return e;
}

static void trim(const whosaid_attrib *a, size_t *s, size_t *e)
{
    while (*s < *e && (a->text[*s] == ' ' || a->text[*s] == '\n'))
        (*s)++;
    while (*e > *s && (a->text[*e - 1] == ' ' || a->text[*e - 1] == '\n' || a->text[*e - 1] == ','))
        (*e)--;
}

/* The quotation closing right before byte b (blanks and one comma between). */
static long quote_before(const whosaid_attrib *a, size_t b)
{
    while (b > 0 && a->text[b - 1] == ' ')
        b--;
    if (b > 0 && a->text[b - 1] == ',') b--;
    while (b > 0 && a->text[b - 1] == ' ')
        b--;
    return whosaid_quotes_closing_at(&a->quotes, b);
}

/* The quotation opening at token i or after a ',' or ':' there. */
static long quote_after(const whosaid_attrib *a, long i, long s1)
{
    if (i < s1 && (tis(a, i, ",") || tis(a, i, ":"))) i++;
    if ((size_t)i >= a->toks.n) return -1;
    return whosaid_quotes_opening_at(&a->quotes, a->toks.v[i].start);
}

static void set_cue(claim *cl, const whosaid_attrib *a, long c0, long c1)
{
    size_t s = a->toks.v[c0].start, e = a->toks.v[c1].end;
    whosaid_utf8_lower_into(a->text + s, e - s, cl->cue, sizeof cl->cue);
}

static void content_quote(whosaid_attrib *a, claim *cl, long q)
{
    const whosaid_quote *qu = &a->quotes.v[q];
    cl->cs = qu->start;
    cl->ce = qu->end;
    trim(a, &cl->cs, &cl->ce);
    cl->kind = K_DIRECT;
    cl->quoted = 1;
    a->quote_used[q] = 1;
}

/* Whether bytes [s, e) hold a letter or a digit. */
static int has_word_char(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e;) {
        unsigned char b = (unsigned char)t[i];
        if (b < 0x80) {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9'))
                return 1;
            i++;
            continue;
        }
        utf8proc_category_t k = utf8proc_category(whosaid_utf8_next(t, e, &i));
        if ((k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
            (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO))
            return 1;
    }
    return 0;
}

/* Reported content [s, e) is the speaker's own words when nothing but
 * punctuation stands outside its quotations: 'said "we will win"' is
 * direct, 'said the figures were "a national embarrassment"' is indirect
 * speech quoting a phrase. One pass over the content. */
static int content_is_quote(const whosaid_attrib *a, size_t s, size_t e)
{
    size_t i = whosaid_quotes_first_from(&a->quotes, s), at = s;
    int any = 0;
    for (; i < a->quotes.n && a->quotes.v[i].open < e; i++) {
        const whosaid_quote *qu = &a->quotes.v[i];
        if (qu->open > at && has_word_char(a->text, at, qu->open)) return 0;
        if (qu->close > at) at = qu->close;
        any = 1;
    }
    return any && (at >= e || !has_word_char(a->text, at, e));
}

/* Marks the quotations inside [s, e) as used; returns 1 if there was one. */
static int mark_quotes(whosaid_attrib *a, size_t s, size_t e)
{
    int any = 0;
    for (size_t i = whosaid_quotes_first_from(&a->quotes, s);
         i < a->quotes.n && a->quotes.v[i].open < e; i++) {
        a->quote_used[i] = 1;
        any = 1;
    }
    return any;
}

/* "cautioned, however, that", "said, in fact, that": a parenthetical of up
 * to three lower-case words between commas, right before "that", stands
 * outside the content. The token of that "that", or i when not so. */
static long parenthetical_before_that(const whosaid_attrib *a, long i, long s1)
{
    if (!tis(a, i, ",")) return i;
    for (long k = i + 1; k < s1 && k - i <= 4; k++) {
        if (in_quote(a, k)) return i;
        if (tis(a, k, ",")) return k > i + 1 && tis(a, k + 1, "that") ? k + 1 : i;
        if (!tword(a, k) || !(a->toks.v[k].flags & WHOSAID_TOK_LOWER)) return i;
    }
    return i;
}

/* "said privately that", "argued repeatedly that": a lower-case "-ly"
 * adverb right before "that" tells how it was said, not what. */
static int manner_adverb_before_that(const whosaid_attrib *a, long i)
{
    if (!tword(a, i) || !(a->toks.v[i].flags & WHOSAID_TOK_LOWER) || in_quote(a, i) ||
        !tis(a, i + 1, "that"))
        return 0;
    size_t s = a->toks.v[i].start, e = a->toks.v[i].end;
    return e - s > 4 && a->text[e - 2] == 'l' && a->text[e - 1] == 'y';
}

/* Skips what may stand between a verb and its content: a date ("on
 * Thursday"), adverbs, a hearer ("told reporters"), a particle. Sets
 * *via for a news outlet told. */
static long skip_after_verb(whosaid_attrib *a, long i, long s1, const whosaid_cue *cue, char *via,
                            size_t via_cap)
{
    int heard = 0; /* one hearer at most: "told reporters the council had ..." */
    for (int guard = 0; i < s1 && guard < 4; guard++) {
        long k = a->tok_span[i];
        if (tis(a, i, "on") && i + 1 < s1 && a->tok_span[i + 1] >= 0 &&
            a->spans[a->tok_span[i + 1]].type == T_DATE &&
            a->spans[a->tok_span[i + 1]].tok0 == i + 1) {
            i = a->spans[a->tok_span[i + 1]].tok1 + 1;
            continue;
        }
        if (k >= 0 && a->spans[k].type == T_DATE && a->spans[k].tok0 == i) {
            i = a->spans[k].tok1 + 1;
            continue;
        }
        /* "told The Associated Press": an outlet may follow its article
         * (other names after "the" stay in the content: "asked the WHO
         * for guidance") */
        long at = i;
        if (cue->object && !heard && k < 0 && (tis(a, i, "the") || tis(a, i, "The")) &&
            i + 1 < s1 && a->tok_span[i + 1] >= 0 && a->spans[a->tok_span[i + 1]].outlet) {
            at = i + 1;
            k = a->tok_span[at];
        }
        if (cue->object && !heard && k >= 0 && a->spans[k].tok0 == at && a->spans[k].spk) {
            if (a->spans[k].outlet && via && !via[0])
                whosaid_claimdoc_set_text(via, via_cap, a->text + a->spans[k].s,
                                          a->spans[k].e - a->spans[k].s);
            i = a->spans[k].tok1 + 1;
            heard = 1;
            continue;
        }
        long n = cue->object && !heard ? word_phrase_at(a, i, WHOSAID_WORD_HEARER) : 0;
        if (n) {
            i += n;
            heard = 1;
            continue;
        }
        if ((word_kind(a, i, NULL) & WHOSAID_WORD_AUX) && !tis(a, i, "that")) {
            i++;
            continue;
        }
        if (manner_adverb_before_that(a, i)) {
            i++;
            continue;
        }
        long p = parenthetical_before_that(a, i, s1);
        if (p > i) {
            i = p;
            continue;
        }
        break;
    }
    return i;
}

/* Whether a verb follows token i in its clause (up to a comma, a
 * quotation or the sentence's end): after "..., said workers at the plant
 * would be ..." the phrase is the subject of what was said, not an
 * inverted speaker. */
static int clause_goes_on(const whosaid_attrib *a, long i, long s1)
{
    for (long i0 = i; i < s1 && i - i0 < MAX_APPOS; i++) {
        const whosaid_pronoun *rel = tpronoun(a, i);
        /* "said a person who was briefed": the verb is the relative's */
        if (tis(a, i, ",") || tis(a, i, ";") || in_quote(a, i) || (rel && rel->relative)) return 0;
        if (is_verb_word(a, i)) return 1;
    }
    return 0;
}

/* "who asked not to be named because ...": a source's condition for
 * speaking, not something said. */
static int anonymity_request(const whosaid_attrib *a, long i)
{
    static const char *const done[] = {"named", "identified", "quoted", "cited"};
    if (!tis(a, i, "not") || !tis(a, i + 1, "to") || !tis(a, i + 2, "be")) return 0;
    for (size_t k = 0; k < sizeof done / sizeof *done; k++)
        if (tis(a, i + 3, done[k])) return 1;
    return 0;
}

/* Whether the phrase at token i after a verb is an adjunct ("at the
 * conference", "this week"), not content: an adjunct word followed by a
 * verb is the content's subject ("said there were no injuries", "said this
 * was a risk"). */
static int is_adjunct_at(const whosaid_attrib *a, long i, long s1)
{
    if (!(word_kind(a, i, NULL) & WHOSAID_WORD_ADJUNCT)) return 0;
    return !(i + 1 < s1 && tword(a, i + 1) && is_verb_word(a, i + 1));
}

/* '"... within months." He added that about $110 billion ...': the
 * quotation closed the sentence before the speaker's, and the verb has a
 * content of its own after it, so the quotation is not what the verb
 * reports. np0 is the speaker's first token (-1: none before the verb). */
static int quote_ends_sentence_before(const whosaid_attrib *a, long np0, long after, long s1)
{
    if (np0 < 0 || !(a->toks.v[np0].flags & WHOSAID_TOK_SENT_START) || after >= s1) return 0;
    return tis(a, after, "that") || (tword(a, after) && !is_adjunct_at(a, after, s1));
}

/* '"We are ready," she said, "but not at any price."': a quotation split
 * around its attribution, the verb at `after` - 1 followed by a comma (a
 * colon announces the quotation after it alone) and a quotation closing
 * right before the speaker at att_s. Both halves are the claim, so the
 * one before is read first and the one after is read as its sequel. */
static int split_quote_before(const whosaid_attrib *a, long after, size_t att_s)
{
    return tis(a, after, ",") && quote_before(a, att_s) >= 0;
}

/* The speaker of the latest claim of sentence sent whose verb stands
 * before byte b (not an "according to"), into spk, with the other names of
 * its subject into a->conj ("A and B said ..., adding"): 1 when so, 0 when
 * there is none (*found 0) or its speaker is not plain (*found 1), or
 * WHOSAID_ENOMEM. */
static int earlier_claim_subject(whosaid_attrib *a, long sent, size_t b, speaker *spk, int *found)
{
    *found = 0;
    for (size_t i = a->nclaims; i-- > 0 && a->claims[i].sent == sent;) {
        const claim *p = &a->claims[i];
        if (p->dropped || p->cue_b >= b || p->kind == K_ACCORDING) continue;
        *found = 1;
        if (!p->spk.type && !p->spk.reason) return 0;
        *spk = p->spk; /* namebuf travels with the copy */
        /* "A and B said ... and added": all speak again, in order */
        size_t k = i;
        while (k > 0 && a->claims[k - 1].cue_b == p->cue_b && a->claims[k - 1].cs == p->cs &&
               !a->claims[k - 1].dropped)
            k--;
        if (whosaid_speaker_conj_room(a, i - k)) return WHOSAID_ENOMEM;
        for (; k < i; k++)
            a->conj[a->nconj++] = a->claims[k].spk;
        return 1;
    }
    return 0;
}

/* The subject a cue verb right after "and"/"but" shares with an earlier
 * verb of its sentence: the speaker of an earlier claim there ("X said ...
 * and added that"), else a speaker phrase that opens the sentence and is
 * followed by its verb ("X welcomed the deal but warned that"). 1 with spk
 * filled, 0 when the subject is not plain. */
static int shared_subject(whosaid_attrib *a, long c, long s0, speaker *spk)
{
    a->nconj = 0;
    long j = c - 1;
    while (j > s0 && (word_kind(a, j, NULL) & WHOSAID_WORD_AUX) && !in_quote(a, j))
        j--;
    if (j <= s0 || !(word_kind(a, j, NULL) & WHOSAID_WORD_COORD) || in_quote(a, j)) return 0;
    int found;
    int rc = earlier_claim_subject(a, a->tok_sent[c], a->toks.v[j].start, spk, &found);
    if (rc || found) return rc;
    /* the sentence's first verb: the first plain lower-case word after its
     * opening phrase */
    long v = s0;
    while (v < j && (!(a->toks.v[v].flags & WHOSAID_TOK_LOWER) || a->tok_span[v] >= 0 ||
                     (word_kind(a, v, NULL) &
                      (WHOSAID_WORD_DETERMINER | WHOSAID_WORD_ROLE | WHOSAID_WORD_GENERIC |
                       WHOSAID_WORD_AUX | WHOSAID_WORD_ORGHEAD)) ||
                     possessive(a, v)))
        v++;
    if (v >= j || v == s0 || tis(a, v - 1, ",")) return 0;
    speaker tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.span = -1;
    long f = whosaid_speaker_before(a, v, s0, &tmp);
    if (f != s0 || !tmp.type) return 0;
    /* a clause of its own between the two verbs makes the subject unclear */
    for (long i = v + 1; i < j; i++)
        if (tis(a, i, ";") || (word_kind(a, i, NULL) & WHOSAID_WORD_COORD)) return 0;
    *spk = tmp;
    return 1;
}

/* A cue form right after an article, a possessive or a preposition is a
 * noun ("in remarks carried by", "his remarks", "the minister's claims",
 * "with analysts saying"): no verb of saying stands there (speakers.rules
 * kind before-noun). An "'s" inside a name is no possessive: "Macy's
 * said". */
static int noun_reading(const whosaid_attrib *a, long c)
{
    if (c < 1 || in_quote(a, c - 1)) return 0;
    if ((a->toks.v[c - 1].flags & WHOSAID_TOK_POSSESSIVE) && a->tok_span[c - 1] < 0) return 1;
    return (word_kind(a, c - 1, NULL) & WHOSAID_WORD_BEFORE_NOUN) != 0;
}

/* "smaller states warning it would ...", "amid reports saying": a form in
 * -s right before the -ing form of a cue is a plural noun, the subject of
 * that participle; no verb of saying takes an -ing form as its content. */
static int plural_before_participle(const whosaid_attrib *a, long c)
{
    const whosaid_token *t = &a->toks.v[c];
    if (t->end - t->start < 2 || a->text[t->end - 1] != 's' || c + 1 >= (long)a->toks.n ||
        in_quote(a, c + 1))
        return 0;
    const whosaid_cue_entry *next = tword(a, c + 1) ? a->tok_cue[c + 1] : NULL;
    return next && next->verb && next->verb->participle;
}

/* Token c lies in the indirect content of an earlier claim of its
 * sentence (not an "according to" or an outlet's report). */
static int inside_reported_clause(const whosaid_attrib *a, long c)
{
    long sent = a->tok_sent[c];
    size_t b = a->toks.v[c].start;
    for (size_t i = a->nclaims; i-- > 0 && a->claims[i].sent == sent;) {
        const claim *p = &a->claims[i];
        if (!p->dropped && p->kind == K_INDIRECT && !p->report && p->cs <= b && b < p->ce) return 1;
    }
    return 0;
}

/* A noun phrase of plain words from token i, then "to" and a lower-case
 * word ("demand from American shoppers to offset", "the bank to cut"):
 * up to MAX_NP words, no comma, quotation or finite verb between. */
static int infinitive_after_object(const whosaid_attrib *a, long i, long s1)
{
    if (tis(a, i, "that") || tis(a, i, "to")) return 0;
    for (long k = i; k < s1 && k - i <= MAX_NP; k++) {
        if (in_quote(a, k) || !tword(a, k) || is_verb_word(a, k)) return 0;
        const whosaid_cue_entry *ce = a->tok_cue[k];
        if (ce && ce->verb) return 0;
        if (k > i && tis(a, k, "to") && k + 1 < s1 && tword(a, k + 1) &&
            (a->toks.v[k + 1].flags & WHOSAID_TOK_LOWER) && a->tok_span[k + 1] < 0)
            return 1;
    }
    return 0;
}

/* Whether the words from token i to the sentence's end s1 read as a noun
 * phrase, with no finite verb: no form of be/have or modal, no cue verb, no
 * lower-case -ed word, no -s word after a plain word ("the club remains",
 * "the railway still carries"; "in the incidents" is a plural). In doubt a
 * clause, which keeps the claim. */
static int noun_phrase_object(const whosaid_attrib *a, long i, long s1)
{
    for (long k = i; k < s1; k++) {
        if (!tword(a, k) || !(a->toks.v[k].flags & WHOSAID_TOK_LOWER) || in_quote(a, k)) continue;
        const whosaid_cue_entry *ce = a->tok_cue[k];
        if (is_verb_word(a, k) || (ce && ce->verb)) return 0;
        size_t n;
        const char *w = ttext(a, k, &n);
        if (n > 3 && !memcmp(w + n - 2, "ed", 2)) return 0;
        if (k > i && n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
            tword(a, k - 1) && !noun_reading(a, k) &&
            !(word_kind(a, k - 1, NULL) & WHOSAID_WORD_DETERMINER) && !tis(a, k - 1, "and"))
            return 0;
    }
    return 1;
}

/* An utterance noun of speakers.rules among the first MAX_NP words from
 * token i, before "to", "that" or a comma: "the accusation", "claims by
 * the union", not "a defence request to exclude the claims". */
static int names_utterance(const whosaid_attrib *a, long i, long s1)
{
    for (long k = i; k < s1 && k - i < MAX_NP; k++) {
        if (!tword(a, k) || tis(a, k, "to") || tis(a, k, "that")) break;
        if (word_kind(a, k, NULL) & WHOSAID_WORD_UTTERANCE) return 1;
    }
    return 0;
}

/* Token i is a finite verb that can carry a negation: a form of be, have,
 * a modal, or of "do" ("did not comment"), or one written with the
 * negation inside ("cannot", "won't", "couldn't"; *neg set then). */
static int finite_verb(const whosaid_attrib *a, long i, int *neg)
{
    size_t n;
    const char *w = tword(a, i) ? ttext(a, i, &n) : NULL;
    if (!w || !(a->toks.v[i].flags & WHOSAID_TOK_LOWER)) return 0;
    *neg = tis(a, i, "cannot") || (n > 3 && !memcmp(w + n - 3, "n't", 3));
    return *neg || is_verb_word(a, i) || tis(a, i, "did") || tis(a, i, "does") || tis(a, i, "do");
}

/* Reported content from byte cs whose pronoun subject says nothing: "said
 * it would not comment on ...", "said he could not immediately say", "said
 * they had no comment", "said it declined to comment". It is no claim, as
 * "declined to comment" is none. After the pronoun: a silent cue verb, or
 * a finite verb, a negation (none for a refusal phrase opening with "no"
 * or "nothing", which negates itself), one -ly adverb at most, and a
 * refusal phrase of speakers.rules, with no "that" after it. */
static int refusal_content(const whosaid_attrib *a, size_t cs, size_t ce)
{
    long i = whosaid_claimdoc_first_tok_at(a, cs);
    const whosaid_pronoun *p = tpronoun(a, i);
    if (!p || p->relative || p->possessive || in_quote(a, i)) return 0;
    long v = i + 1;
    const whosaid_cue_entry *e = tcue(a, v);
    if (e && e->verb && e->verb->silent)
        return !e->verb->particle || tis(a, v + 1, e->verb->particle);
    int neg = 0;
    if (!finite_verb(a, v, &neg)) return 0;
    long k = v + 1;
    if (!neg && (tis(a, k, "not") || tis(a, k, "never"))) {
        neg = 1;
        k++;
    }
    size_t n;
    const char *w = tword(a, k) ? ttext(a, k, &n) : NULL;
    if (w && n > 3 && !memcmp(w + n - 2, "ly", 2) && (a->toks.v[k].flags & WHOSAID_TOK_LOWER))
        k++; /* "could not immediately comment" */
    long r = (size_t)k < a->toks.n && a->toks.v[k].start < ce
                 ? word_phrase_at(a, k, WHOSAID_WORD_REFUSAL)
                 : 0;
    /* "said it never said that": a denial of what it said, not silence */
    if (!r || tis(a, k + r, "that")) return 0;
    return neg || tis(a, k, "no") || tis(a, k, "nothing");
}

/* "by the official Xinhua news agency" at token i: after "by", up to three
 * lower-case words, an organization, whose text goes into via (unless set).
 * Returns the token after the phrase (past lower-case words such as "news
 * agency" that stand before a "that"), or i when not so. */
static long carrier_by(const whosaid_attrib *a, long i, long s1, char *via, size_t cap)
{
    if (!tis(a, i, "by")) return i;
    long j = i + 1;
    while (j < s1 && j - i <= 3 && a->tok_span[j] < 0 && tword(a, j) &&
           (a->toks.v[j].flags & WHOSAID_TOK_LOWER) && !in_quote(a, j))
        j++;
    long k = j < s1 ? a->tok_span[j] : -1;
    if (k < 0 || a->spans[k].tok0 != j || a->spans[k].spk != WHOSAID_SPK_ORG) return i;
    if (!via[0])
        whosaid_claimdoc_set_text(via, cap, a->text + a->spans[k].s, a->spans[k].e - a->spans[k].s);
    j = a->spans[k].tok1 + 1;
    for (long t = j; t < s1 && t - j < 3 && tword(a, t) && (a->toks.v[t].flags & WHOSAID_TOK_LOWER);
         t++)
        if (tis(a, t, "that")) return t;
    return j;
}

/* "in remarks carried by the official Philippine News Agency", "in a
 * statement published by Xinhua": an outlet that carried what the speaker
 * said, in tokens [lo, hi) (an opening phrase, or the words between the
 * verb and its "that"), becomes the claim's via. */
static void via_carried(const whosaid_attrib *a, long lo, long hi, char *via, size_t cap)
{
    static const char *const carried[] = {"carried", "published", "broadcast", "aired", NULL};
    for (long i = lo; i + 1 < hi && !via[0]; i++) {
        if (in_quote(a, i) || tis(a, i, "that")) return;
        if (!tis(a, i + 1, "by")) continue;
        for (size_t k = 0; carried[k]; k++)
            if (tis(a, i, carried[k])) {
                carrier_by(a, i + 1, hi, via, cap);
                break;
            }
    }
}

/* "X was quoted as saying", "X was quoted by Y as saying", at the
 * participle c: the speaker is read back from the form of "be" before
 * "quoted" (into spk, its first token returned), the "quoted" token into
 * *q0 and Y into via. -1 when not so. */
static long quoted_as_saying(whosaid_attrib *a, long c, long s0, speaker *spk, long *q0, char *via,
                             size_t cap)
{
    if (!tis(a, c - 1, "as")) return -1;
    long q = c - 2;
    while (q > s0 && c - q <= MAX_NP && !tis(a, q, "quoted") && !tis(a, q, ",") && !in_quote(a, q))
        q--;
    if (q <= s0 || !tis(a, q, "quoted")) return -1;
    long j = q - 1;
    while (j > s0 && (word_kind(a, j, NULL) & WHOSAID_WORD_BOUNDARY) &&
           tis(a, j, "be") + tis(a, j, "been") + tis(a, j, "was") + tis(a, j, "were") +
               tis(a, j, "is") + tis(a, j, "are"))
        j--;
    if (j == q - 1) return -1; /* "quoted as saying" with no passive: not this */
    if (q + 1 < c - 1) carrier_by(a, q + 1, c - 1, via, cap);
    *q0 = q;
    return whosaid_speaker_before(a, j + 1, s0, spk);
}

/* "called the move 'a betrayal'", "described the plan as 'reckless'",
 * "a move she called 'deeply disappointing'": the quotation after a
 * naming verb at token c and its object (up to MAX_NP plain words, no verb
 * or comma; "as" may end it) or right after the verb; -1 when none.
 * *bare is set when no object stands between. */
static long naming_quote(const whosaid_attrib *a, long c, long s1, int *bare)
{
    for (long k = c + 1; k < s1 && k - c <= MAX_NP + 1; k++) {
        long q = whosaid_quotes_opening_at(&a->quotes, a->toks.v[k].start);
        if (q >= 0) {
            *bare = k == c + 1;
            return q;
        }
        const whosaid_cue_entry *ce = tcue(a, k);
        if (!tword(a, k) || in_quote(a, k) || is_verb_word(a, k) ||
            (ce && (ce->verb || ce->naming)))
            return -1;
    }
    return -1;
}

/* Whether token i is a subject pronoun of English (a closed class: I, we,
 * he, she, you, they), read from its lower-cased text by length, as this
 * is asked at many cue verbs. */
static int subject_pronoun(const whosaid_attrib *a, long i)
{
    if (i < 0 || (size_t)i >= a->toks.n) return 0;
    const char *w = a->low.data + a->low_at[i];
    switch (a->low_at[i + 1] - a->low_at[i]) {
    case 1: return w[0] == 'i';
    case 2: return (w[0] == 'w' || w[0] == 'h') && w[1] == 'e';
    case 3: return !memcmp(w, "she", 3) || !memcmp(w, "you", 3);
    case 4: return !memcmp(w, "they", 4);
    default: return 0;
    }
}

/* "a Coast Guard officer I spoke to said", "the people we interviewed
 * told": a relative clause without "who"/"that" (a subject pronoun, a
 * verb, perhaps "to"/"with") between the speaker's noun and the cue verb
 * at c. The pronoun's token, where the speaker phrase ends looking back,
 * else c. */
static long before_contact_clause(const whosaid_attrib *a, long c, long s0)
{
    long v = c - 1;
    if (tis(a, v, "to") || tis(a, v, "with")) v--;
    if (v - 2 < s0 || !tword(a, v) || in_quote(a, v) || !(a->toks.v[v].flags & WHOSAID_TOK_LOWER) ||
        a->tok_span[v] >= 0 || subject_pronoun(a, v) ||
        (word_kind(a, v, NULL) & (WHOSAID_WORD_BOUNDARY | WHOSAID_WORD_COORD)))
        return c;
    if (word_kind(a, v - 1, NULL) & WHOSAID_WORD_AUX) v--; /* "I have spoken to" */
    long p = v - 1, n = p - 1;
    if (n < s0 || !subject_pronoun(a, p) || !tword(a, n) || in_quote(a, n) || is_verb_word(a, n) ||
        (a->tok_cue[n] && a->tok_cue[n]->verb) ||
        (word_kind(a, n, NULL) & (WHOSAID_WORD_BOUNDARY | WHOSAID_WORD_COORD |
                                  WHOSAID_WORD_ADJUNCT | WHOSAID_WORD_BEFORE_NOUN)))
        return c;
    return p;
}

/* The claim of the cue verb at token c, if a frame fits. */
static int cue_claim(whosaid_attrib *a, long c, const whosaid_cue *cue)
{
    long sent = a->tok_sent[c];
    size_t sb = a->sent_s[sent];
    long s0 = whosaid_claimdoc_first_tok_at(a, sb),
         s1 = whosaid_claimdoc_first_tok_at(a, a->sent_e[sent]);
    long c1 = c;
    if (cue->particle) {
        if (!tis(a, c + 1, cue->particle)) return 0;
        c1 = c + 1;
    }
    if (noun_reading(a, c) || plural_before_participle(a, c)) return 0;
    /* a naming verb reports words only with its quotation: "termed the
     * proposal 'anti-people'" */
    int bare = 0;
    long nq = cue->naming ? naming_quote(a, c, s1, &bare) : -1;
    if (cue->naming && nq < 0) return 0;
    /* "..., but the report did not say whether ...": a negated verb says
     * nothing, but its clause ends the content of a claim before it */
    if ((tis(a, c - 1, "not") || tis(a, c - 1, "never")) && c - 2 > s0 && tword(a, c - 2)) {
        speaker neg;
        memset(&neg, 0, sizeof neg);
        neg.span = -1;
        long np = whosaid_speaker_before(a, c - 2, s0, &neg);
        return np >= 0 ? note_joint(a, joint_before(a, np, s0)) : 0;
    }
    claim tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.spk.span = -1;
    tmp.date_span = -1;
    a->nconj = 0;
    char via[128] = "";
    long c0 = c, np0 = -1, np1 = -1;
    long after;
    int rc = 0;
    if (cue->participle) {
        long q = -1;
        np0 = quoted_as_saying(a, c, s0, &tmp.spk, &q, via, sizeof via);
        if (np0 >= 0) {
            c0 = q; /* the cue reads "quoted as saying" */
        } else {
            /* "..., adding that ...": the subject of the sentence's claim
             * before the comma speaks again, and that claim ends there */
            int found;
            if (!tis(a, c - 1, ",")) return 0;
            rc = earlier_claim_subject(a, sent, a->toks.v[c].start, &tmp.spk, &found);
            if (rc <= 0) return rc;
            np0 = c;
            tmp.shared = 1;
            if ((rc = note_joint(a, c - 1))) return rc;
        }
    } else {
        np0 = whosaid_speaker_before(a, before_contact_clause(a, c, s0), s0, &tmp.spk);
        /* "the ship, which it said had entered ...": an attribution inside
         * a relative clause of another claim's content, with no whole
         * clause to report */
        if (np0 > s0 &&
            (tis(a, np0 - 1, "which") || tis(a, np0 - 1, "who") || tis(a, np0 - 1, "whom")))
            return 0;
        /* "Air Canada and LATAM said": one claim per name, the same content */
        if (np0 >= 0 && tmp.spk.span >= 0 && !tmp.spk.pronoun &&
            (rc = whosaid_speaker_conjuncts(a, np0, s0, &np0)))
            return rc;
        if (np0 < 0 && (rc = shared_subject(a, c, s0, &tmp.spk)) != 0) {
            if (rc < 0) return rc;
            /* "X welcomed the deal but warned that ...": X speaks again */
            np0 = c;
            tmp.shared = 1;
            long j = c - 1;
            while (word_kind(a, j, NULL) & WHOSAID_WORD_AUX)
                j--;
            rc = note_joint(a, tis(a, j - 1, ",") ? j - 1 : j);
        } else if (np0 >= 0)
            rc = note_joint(a, joint_before(a, np0, s0));
    }
    /* "Verma said the numbers showed that ...": a clause verb whose
     * subject names no one, inside what an earlier speaker of the sentence
     * said, is part of that, not a claim of its own */
    if (!rc && cue->clause && !tmp.shared && tmp.spk.span < 0 && np0 >= 0 &&
        strcmp(cue->cls, "report") && inside_reported_clause(a, c))
        return 0;
    /* "confirmed that ... but declined to comment on how many": the clause
     * ends what was said before it, and says nothing itself */
    if (rc || cue->silent) return rc;
    /* "a company called 'Acme'", "a bottle labelled 'poison'": with no
     * object between, a participle names its noun; only a name or a
     * pronoun before it characterizes ("a move she called '...'") */
    if (cue->naming && (np0 < 0 || (bare && tmp.spk.span < 0 && !tmp.spk.pronoun && !tmp.shared)))
        return 0;
    /* "They added" right after "A and B said": A and B again */
    if (tmp.spk.pronoun && !a->nconj && (rc = whosaid_speaker_they_group(a, sent, &tmp.spk)) < 0)
        return rc;
    if (np0 < 0) {
        /* inverted: '"...," said X' or '..., said X' only */
        if (!(tis(a, c - 1, ",") || quote_before(a, a->toks.v[c].start) >= 0)) return 0;
        memset(&tmp.spk, 0, sizeof tmp.spk);
        tmp.spk.span = -1;
        np1 = whosaid_speaker_after(a, c1, s1, &tmp.spk);
        if (np1 < 0 || clause_goes_on(a, np1 + 1, s1)) return 0;
        if (tmp.spk.pronoun && (rc = whosaid_speaker_they_group(a, sent, &tmp.spk)) < 0) return rc;
        after = np1 + 1;
    } else
        after = c1 + 1;
    /* "quoted as saying by the Philippine News Agency that" */
    if (c0 != c) after = carrier_by(a, after, s1, via, sizeof via);
    after = skip_after_verb(a, after, s1, cue, via, sizeof via);
    if (anonymity_request(a, after)) return 0;
    /* "In remarks carried by the official X news agency, Y said", "Y said
     * in a statement carried by X that" */
    if (np0 > s0 + 1 && tis(a, np0 - 1, ",") && np0 - s0 <= MAX_APPOS)
        via_carried(a, s0, np0 - 1, via, sizeof via);
    if (np1 < 0 && after < s1)
        via_carried(a, after, s1 - after > MAX_THAT ? after + MAX_THAT : s1, via, sizeof via);
    size_t att_s = np0 >= 0 ? a->toks.v[np0].start : a->toks.v[c].start;
    size_t att_e = a->toks.v[np1 >= 0 ? np1 : c1].end;
    tmp.as = att_s;
    tmp.ae = att_e;
    tmp.cue_b = a->toks.v[c].start;
    tmp.sent = sent;
    tmp.cls = cue->cls;
    /* as snprintf "%s" would, without its format parsing (a verb's cost) */
    size_t vn = strnlen(via, sizeof tmp.via - 1);
    memcpy(tmp.via, via, vn);
    tmp.via[vn] = '\0';
    set_cue(&tmp, a, c0, c1);
    long q;
    int ok = 0;
    if (cue->naming) { /* X called it "a disgrace" */
        content_quote(a, &tmp, nq);
        ok = 1;
    } else if (np1 < 0 && !split_quote_before(a, after, att_s) &&
               (q = quote_after(a, after, s1 + 1)) >= 0) { /* A: X said: "..." */
        content_quote(a, &tmp, q);
        ok = 1;
    } else if (!cue->participle && (q = quote_before(a, att_s)) >= 0 &&
               !quote_ends_sentence_before(a, np0, after, s1)) {
        /* B: "...," X said */
        const whosaid_quote *qu = &a->quotes.v[q];
        long qs = whosaid_claimdoc_sent_of_byte(a, qu->open);
        size_t ts = sent_text_start(a, qs);
        int partial = qu->open > ts && a->text[ts] != '"';
        /* 'A statement said Banks was "a devoted husband." The family
         * asked ...': a partial quote closing an earlier sentence belongs
         * to that sentence's clause */
        if (partial && qs < sent) return 0;
        if (partial) {
            /* a partial quote: the clause around it is the content */
            tmp.cs = ts;
            tmp.ce = qu->close;
            trim(a, &tmp.cs, &tmp.ce);
            tmp.kind = K_DIRECT;
            tmp.quoted = 1;
            mark_quotes(a, tmp.cs, tmp.ce);
        } else
            content_quote(a, &tmp, q);
        ok = 1;
    } else {
        /* C: "that" close after the verb: at once or past adjunct phrases
         * ("said in a statement on Friday that"). Past any other word the
         * content has begun, and a "that" in it is a relative or a
         * determiner ("said the shortage was a problem that no hospital
         * could fix", "said Washington wanted that figure raised"). */
        long t = -1;
        int adjunct = is_adjunct_at(a, after, s1);
        /* a hearer no list knows may stand first: "told the Guardian that" */
        int scan = adjunct || tis(a, after, "that") || cue->object;
        for (long i = after; scan && i < s1 && i - after < MAX_THAT; i++) {
            /* "said the plan was sound and added that": not this verb's "that" */
            if (tis(a, i, ",") || in_quote(a, i) || (word_kind(a, i, NULL) & WHOSAID_WORD_COORD))
                break;
            if (tis(a, i, "that")) {
                t = i;
                break;
            }
            /* "said this was a mistake that": a verb ends the adjuncts */
            if (i > after && is_verb_word(a, i)) break;
        }
        /* "promised to pay": for a clause verb "to" opens the content, and
         * so it does after an object verb's hearer ("urged senators to") */
        int to_clause =
            (cue->clause || (cue->object && np1 < 0 && after > c1 + 1)) && tis(a, after, "to");
        /* "testified that Velasco had ordered her to ...": a directive to a
         * hearer inside what another speaker said is that speaker's account
         * of an act, not words the article heard from Velasco */
        if (to_clause && cue->object && !tmp.shared && after > c1 + 1 &&
            inside_reported_clause(a, c))
            return 0;
        /* "expects demand from American shoppers to offset ...": a clause
         * verb's object and its infinitive are a clause too, for a verb of
         * belief (class claim: "ordered the navy to ..." is an act), not
         * inside what another speaker of the sentence said */
        int object_to = cue->clause && np1 < 0 && !to_clause && !strcmp(cue->cls, "claim") &&
                        infinitive_after_object(a, after, s1) && !inside_reported_clause(a, c);
        /* "..., said a person who was briefed on the talks": the relative
         * clause tells of the speaker */
        const whosaid_pronoun *rel = np1 >= 0 ? tpronoun(a, after) : NULL;
        int tail_adjunct = after >= s1 || !tword(a, after) || (adjunct && !to_clause) ||
                           (rel && rel->relative) || tis(a, after, ",");
        long before = np0 >= 0 ? np0 - 1 : c - 1;
        if (t >= 0 && t + 1 < s1 && np1 < 0) {
            tmp.cs = a->toks.v[t + 1].start;
            tmp.ce = sent_text_end(a, sent);
            ok = 1;
        } else if (tis(a, before, ",") && tail_adjunct && before > s0 && !cue->participle &&
                   !(cue->that && after < s1 && tword(a, after))) { /* D: ..., X said */
            tmp.cs = sent_text_start(a, sent);
            tmp.ce = a->toks.v[before].start;
            tmp.report = strcmp(cue->cls, "report") == 0;
            ok = tmp.ce > tmp.cs;
            /* "Acme expects sales to rise, its chief executive said": the
             * attribution closing the sentence ends a claim inside it */
            if (ok && (rc = note_joint(a, before))) return rc;
        } else if (np1 < 0 && !tail_adjunct && after < s1 && !is_verb_word(a, after) &&
                   (!cue->clause || tis(a, after, "to") || object_to) && !cue->that &&
                   !(cue->utterance && !in_quote(a, after) && noun_phrase_object(a, after, s1) &&
                     !names_utterance(a, after, s1))) { /* E: X said ... */
            tmp.cs = a->toks.v[after].start;
            tmp.ce = sent_text_end(a, sent);
            ok = 1;
        }
        if (ok) {
            trim(a, &tmp.cs, &tmp.ce);
            /* one word ("he explained why") is not a claim */
            ok = tmp.ce > tmp.cs && memchr(a->text + tmp.cs, ' ', tmp.ce - tmp.cs) != NULL;
            tmp.quoted = ok && mark_quotes(a, tmp.cs, tmp.ce);
            tmp.kind = tmp.quoted && content_is_quote(a, tmp.cs, tmp.ce) ? K_DIRECT : K_INDIRECT;
            if (ok && tmp.kind == K_INDIRECT && refusal_content(a, tmp.cs, tmp.ce)) ok = 0;
        }
    }
    if (!ok) return 0;
    /* '"...," X said at a briefing, "because ..."': the quotation goes on
     * after the attribution, in the same sentence */
    long q2 = -1;
    if (tmp.quoted && tmp.ce <= tmp.as) {
        for (long i = after; i < s1 && i - after < MAX_APPOS && !in_quote(a, i); i++) {
            if (tis(a, i, ",")) {
                q2 = quote_after(a, i, s1 + 1);
                break;
            }
            const whosaid_cue_entry *ce = tword(a, i) ? a->tok_cue[i] : NULL;
            if (!tword(a, i) || (ce && ce->verb) || a->toks.v[i].start >= a->sent_e[sent]) break;
        }
        if (q2 >= 0 && a->quote_used[q2]) q2 = -1;
    }
    size_t nconj = a->nconj;
    for (size_t i = 0; i < nconj; i++) {
        claim *cl = add_claim(a, &tmp);
        if (!cl) return WHOSAID_ENOMEM;
        cl->spk = a->conj[i];
    }
    if (!add_claim(a, &tmp)) return WHOSAID_ENOMEM;
    for (size_t i = 0; q2 >= 0 && i <= nconj; i++) {
        claim *more = add_claim(a, &tmp);
        if (!more) return WHOSAID_ENOMEM;
        if (i < nconj) more->spk = a->conj[i];
        content_quote(a, more, q2);
    }
    return 0;
}

/* The colon after a manner word at token m, before the sentence's end s1:
 * within MAX_APPOS tokens (adjuncts and a clause of circumstance may stand
 * between: "was blunt on Tuesday as her partners pressed for ...: '...'"),
 * outside quotations, with no cue verb or ";" between; -1 when none. */
static long colon_after_manner(const whosaid_attrib *a, long m, long s1)
{
    for (long i = m + 1; i < s1 && i - m <= MAX_APPOS; i++) {
        if (in_quote(a, i) || tis(a, i, ";")) return -1;
        if (tis(a, i, ":")) return i;
        const whosaid_cue_entry *ce = tword(a, i) ? a->tok_cue[i] : NULL;
        if (ce && ce->verb) return -1;
    }
    return -1;
}

/* "The minister was blunt: '...'", "Reis's answer was clear: '...'": a
 * quotation after a colon that closes "SPEAKER was MANNER" (or "SPEAKER's
 * UTTERANCE was MANNER") is the speaker's, direct, with ":" for cue as a
 * transcript turn has. Without a quotation the colon opens a paraphrase, a
 * list or a heading, never a claim. Token m is the manner word. */
static int manner_claim(whosaid_attrib *a, long m)
{
    long sent = a->tok_sent[m];
    long s0 = whosaid_claimdoc_first_tok_at(a, a->sent_s[sent]),
         s1 = whosaid_claimdoc_first_tok_at(a, a->sent_e[sent]);
    long v = m - 1;
    if (!(tis(a, v, "was") || tis(a, v, "is") || tis(a, v, "were") || tis(a, v, "are"))) return 0;
    long colon = colon_after_manner(a, m, s1);
    long q = colon >= 0 ? quote_after(a, colon, s1 + 1) : -1;
    if (q < 0 || a->quote_used[q]) return 0;
    claim tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.spk.span = -1;
    tmp.date_span = -1;
    a->nconj = 0;
    /* the owner of what was said: "Reis's answer was" */
    long end = v;
    if ((word_kind(a, v - 1, NULL) & WHOSAID_WORD_UTTERANCE) && possessive(a, v - 2)) end = v - 2;
    long np0 = whosaid_speaker_before(a, end, s0, &tmp.spk);
    /* a name, a pronoun, or a role or group noun for head ("The finance
     * minister was blunt"): "The rules are clear: '...'" quote a text */
    if (np0 < 0 || (tmp.spk.span < 0 && !tmp.spk.pronoun &&
                    !(word_kind(a, end - 1, NULL) & (WHOSAID_WORD_ROLE | WHOSAID_WORD_GENERIC))))
        return 0;
    /* "It was clear: ..." tells of a state of things, not of a speaker */
    if (np0 == end - 1 && (tis(a, np0, "It") || tis(a, np0, "it"))) return 0;
    tmp.as = a->toks.v[np0].start;
    tmp.ae = a->toks.v[colon].end;
    tmp.cue_b = a->toks.v[m].start; /* "was blunt on Tuesday": the date nearest is the saying's */
    tmp.sent = sent;
    tmp.cls = "statement";
    memcpy(tmp.cue, ":", 2);
    content_quote(a, &tmp, q);
    return add_claim(a, &tmp) ? 0 : WHOSAID_ENOMEM;
}

/* "seen by", "obtained by": the participle of a source's reader, whose
 * name after "by" did not write it (a closed class of English). */
static int seen_word(const whosaid_attrib *a, long i)
{
    static const char *const seen[] = {"seen",     "obtained", "reviewed", "viewed",
                                       "examined", "read",     "heard",    NULL};
    for (size_t k = 0; seen[k]; k++)
        if (tis(a, i, seen[k])) return 1;
    return 0;
}

/* 'according to X, ...' and '..., according to X'. */
static int source_claim(whosaid_attrib *a, long i, long n, const char *cls)
{
    long sent = a->tok_sent[i];
    long s0 = whosaid_claimdoc_first_tok_at(a, sent_text_start(a, sent)),
         s1 = whosaid_claimdoc_first_tok_at(a, a->sent_e[sent]);
    while (s0 < s1 && !tword(a, s0))
        s0++;
    long src0 = i + n, src1 = src0;
    while (src1 < s1 && !tis(a, src1, ",") && !in_quote(a, src1))
        src1++;
    if (src1 == src0) return 0;
    claim tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.spk.span = -1;
    tmp.date_span = -1;
    int trailing = i != s0;
    if (i == s0) {
        if (src1 >= s1 - 1) return 0;
        tmp.cs = a->toks.v[src1 + 1].start;
        tmp.ce = sent_text_end(a, sent);
    } else if (tis(a, i - 1, ",")) {
        tmp.cs = sent_text_start(a, sent);
        tmp.ce = a->toks.v[i - 1].start;
    } else
        return 0;
    trim(a, &tmp.cs, &tmp.ce);
    if (tmp.ce <= tmp.cs) return 0;
    /* the source: its first name, else a generic group; "according to
     * the people" refers back to a generic speaker */
    speaker *spk = &tmp.spk;
    long an = word_phrase_at(a, src0, WHOSAID_WORD_ANAPHOR | WHOSAID_WORD_DOCUMENT);
    if (an && an == src1 - src0) whosaid_speaker_anaphor(a, src0, src1 - 1, spk);
    /* "according to a study published in The Lancet": the document, unless
     * its author is named ("a Reuters survey", "a report by the IMF") */
    speaker pub;
    memset(&pub, 0, sizeof pub);
    pub.span = -1;
    long pub_head = spk->type ? -1 : whosaid_speaker_publication(a, src0, src1 - 1, &pub);
    /* "according to a spokeswoman for X": the unnamed holder speaks, as in
     * "a spokeswoman for X said", not X; any other person, role, group or
     * organization phrase reads as it does before a verb ("according to a
     * Senate aide" has the role aide, as "A Senate aide said" has) */
    int read_whole = !spk->type && pub_head < 0 &&
                     (whosaid_speaker_voice_source(a, src0, src1, spk) >= 0 ||
                      whosaid_speaker_source_phrase(a, src0, src1, spk) >= 0);
    for (long t = src0; t < src1 && !spk->type && !read_whole; t++) {
        long k = a->tok_span[t];
        long pre = word_kind(a, t - 1, NULL) & WHOSAID_WORD_DETERMINER ? t - 2 : t - 1;
        if (k >= 0 && a->spans[k].spk && pub_head >= 0 && t > pub_head && !tis(a, pre, "by") &&
            !tis(a, pre, "from"))
            continue;
        if (k >= 0 && a->spans[k].spk) {
            /* "documents seen by AFP": AFP saw the source, it is not the
             * source; "a summary circulated by Whitfield's office" is hers */
            long by = word_kind(a, t - 1, NULL) & WHOSAID_WORD_DETERMINER ? t - 2 : t - 1;
            if (by >= src0 + 1 && tis(a, by, "by") && (a->spans[k].outlet || seen_word(a, by - 1)))
                break;
            whosaid_speaker_from_span(a, k, spk);
            break;
        }
        long g = word_phrase_at(a, t, WHOSAID_WORD_GENERIC);
        if (g) {
            long end = t + g - 1 < src1 ? t + g - 1 : src1 - 1;
            /* "according to sources close to the board" */
            whosaid_speaker_generic_name(a, t, whosaid_speaker_link_tail(a, end, src1), spk);
            break;
        }
    }
    if (!spk->type && pub_head >= 0) *spk = pub;
    while (src1 > src0 && !tword(a, src1 - 1))
        src1--;
    long poss;
    if (!spk->type && !read_whole && src1 > src0 &&
        (word_kind(a, src1 - 1, NULL) & WHOSAID_WORD_ORGHEAD) &&
        whosaid_speaker_noun_phrase_start(a, src0, src1 - 1, src0, &poss) == src0 && poss < 0) {
        /* "according to the national health institute" */
        long n0 = src0;
        while (n0 < src1 - 1 && (word_kind(a, n0, NULL) & WHOSAID_WORD_DETERMINER))
            n0++;
        whosaid_claimdoc_set_text(spk->namebuf, sizeof spk->namebuf, a->text + a->toks.v[n0].start,
                                  a->toks.v[src1 - 1].end - a->toks.v[n0].start);
        spk->name = NULL;
        spk->type = WHOSAID_SPK_ORG;
    }
    spk->ts = a->toks.v[src0].start;
    spk->te = a->toks.v[src1 - 1].end;
    if (!spk->type && !read_whole) spk->reason = "the source is not a known name or group";
    if (spk->type == WHOSAID_SPK_PERSON && tis(a, src1, ",")) {
        long hi = src1 + 1;
        while (hi < s1 && !tis(a, hi, ","))
            hi++;
        while (hi - 1 > src1 + 1 && !tword(a, hi - 1))
            hi--;
        whosaid_speaker_role_from_appos(a, src1 + 1, hi - 1, spk);
    }
    tmp.as = a->toks.v[i].start;
    tmp.ae = spk->te;
    tmp.cue_b = tmp.as;
    tmp.sent = sent;
    tmp.cls = cls;
    set_cue(&tmp, a, i, i + n - 1);
    tmp.kind = K_ACCORDING;
    tmp.report = trailing ? 2 : 0;
    mark_quotes(a, tmp.cs, tmp.ce);
    return add_claim(a, &tmp) ? 0 : WHOSAID_ENOMEM;
}

/* "The KCC claimed ..., AFP reported": the outlet carries someone else's
 * claim, so it becomes that claim's "via" instead of a claim of its own. */
static void fold_reports(whosaid_attrib *a, size_t from)
{
    for (size_t r = from; r < a->nclaims; r++) {
        claim *rep = &a->claims[r];
        if (!rep->report || rep->dropped) continue;
        for (size_t i = from; i < a->nclaims; i++) {
            claim *c = &a->claims[i];
            if (i == r || c->dropped || c->sent != rep->sent || c->cue_b < rep->cs ||
                c->cue_b >= rep->ce)
                continue;
            if (c->ce > rep->ce) c->ce = rep->ce;
            trim(a, &c->cs, &c->ce);
            if (rep->report == 2) continue; /* "X said ..., according to Y": both stand */
            whosaid_claimdoc_set_text(c->via, sizeof c->via, a->text + rep->spk.ts,
                                      rep->spk.te - rep->spk.ts);
            rep->dropped = 1;
        }
    }
}

static int by_byte(const void *x, const void *y)
{
    size_t p = *(const size_t *)x, q = *(const size_t *)y;
    return p < q ? -1 : p > q;
}

/* A claim's content stops before a clause of its sentence that has its own
 * speaker and cue verb, whether or not that clause made a claim: "...
 * adapt, but Marchetti said ...", "... a new pit, while Sandfire said
 * nothing", "...; X added ...", and, for a verb sharing the subject, "...
 * and added that". Only joints after the claim's verb cut it ("A, but B
 * said C, X said" is X's). A binary search per claim. */
static void cut_at_joints(whosaid_attrib *a)
{
    size_t n = a->njoints;
    if (!n) return;
    for (size_t i = 1; i < n; i++)
        if (a->joints[i] < a->joints[i - 1]) {
            qsort(a->joints, n, sizeof *a->joints, by_byte);
            break;
        }
    for (size_t i = 0; i < a->nclaims; i++) {
        claim *c = &a->claims[i];
        if (c->dropped) continue;
        size_t from = c->cs > c->cue_b ? c->cs : c->cue_b, lo = 0, hi = n;
        while (lo < hi) { /* the first joint after from */
            size_t mid = lo + (hi - lo) / 2;
            if (a->joints[mid] <= from)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == n || a->joints[lo] >= c->ce) continue;
        c->ce = a->joints[lo];
        trim(a, &c->cs, &c->ce);
        if (c->ce <= c->cs) c->dropped = 1;
    }
}

/* The outlet an "according to" names, as "via" for the claim it carries. */
static void via_from_source(const whosaid_attrib *a, const claim *rep, claim *c)
{
    if (rep->spk.span < 0 || !a->spans[rep->spk.span].outlet || c->via[0]) return;
    const span *o = &a->spans[rep->spk.span];
    whosaid_claimdoc_set_text(c->via, sizeof c->via, a->text + o->s, o->e - o->s);
}

/* An "according to" whose content holds another claim's speaker and verb
 * never swallows it: when that claim opens the content ("Prosecutors said
 * ..., according to court documents") the frame gives way to it; when it
 * sits in a later clause (", as the DPRK has threatened to ...") the
 * frame's content stops at the comma before that clause. An outlet named
 * as the source becomes the inner claim's "via". */
static void fold_sources(whosaid_attrib *a)
{
    for (size_t r = 0; r < a->nclaims; r++) {
        claim *rep = &a->claims[r];
        if (rep->kind != K_ACCORDING || rep->dropped) continue;
        size_t lo = r, hi = r + 1;
        while (lo > 0 && a->claims[lo - 1].sent == rep->sent)
            lo--;
        while (hi < a->nclaims && a->claims[hi].sent == rep->sent)
            hi++;
        for (size_t i = lo; i < hi && !rep->dropped; i++) {
            claim *c = &a->claims[i];
            if (i == r || c->dropped || c->cue_b < rep->cs || c->cue_b >= rep->ce) continue;
            via_from_source(a, rep, c);
            size_t inner = c->as < c->cs ? c->as : c->cs;
            /* the last clause boundary before the inner claim */
            long t = whosaid_claimdoc_first_tok_at(a, inner), b = -1;
            for (long k = t - 1; k >= 0 && a->toks.v[k].start > rep->cs; k--)
                if (tis(a, k, ",") || tis(a, k, ";")) {
                    b = k;
                    break;
                }
            if (b < 0) {
                rep->dropped = 1;
                continue;
            }
            rep->ce = a->toks.v[b].start;
            trim(a, &rep->cs, &rep->ce);
            if (rep->ce <= rep->cs) rep->dropped = 1;
        }
    }
}

static int by_pos(const void *x, const void *y)
{
    const claim *p = x, *q = y;
    size_t a = p->cs < p->as ? p->cs : p->as, b = q->cs < q->as ? q->cs : q->as;
    /* the names of a coordinated subject share a place: their order */
    if (a != b) return a < b ? -1 : 1;
    if (p->spk.ts != q->spk.ts) return p->spk.ts < q->spk.ts ? -1 : 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq; /* "They said": in the order made */
}

/* Claims in text order (by_pos, a total order). They are mostly made in
 * that order already: a pass of compares finds so, where qsort of these
 * large records cost about 1% of the stage. */
static void sort_claims(whosaid_attrib *a)
{
    for (size_t i = 1; i < a->nclaims; i++)
        if (by_pos(&a->claims[i - 1], &a->claims[i]) > 0) {
            qsort(a->claims, a->nclaims, sizeof *a->claims, by_pos);
            return;
        }
}

/* A quotation that opens a sentence right after a sentence holding a quoted
 * claim, with no attribution of its own, continues that claim's speaker. */
static int continuations(whosaid_attrib *a)
{
    sort_claims(a);
    a->n_as_max = 0;
    size_t n0 = a->nclaims, ci = 0;
    long prev = -1; /* the claim the next quotation may continue */
    for (size_t q = 0; q < a->quotes.n; q++) {
        const whosaid_quote *qu = &a->quotes.v[q];
        while (ci < n0 && (a->claims[ci].as < qu->open || a->claims[ci].cs < qu->open)) {
            if (!a->claims[ci].dropped) prev = (long)ci;
            ci++;
        }
        if (a->quote_used[q] || prev < 0) continue;
        const claim *p = &a->claims[prev];
        long s = whosaid_claimdoc_sent_of_byte(a, qu->open);
        size_t ts = sent_text_start(a, s);
        while (ts < qu->open && (a->text[ts] == ' ' || a->text[ts] == '\n'))
            ts++;
        size_t p_end = p->ae > p->ce ? p->ae : p->ce;
        if (!p->quoted || ts != qu->open || whosaid_claimdoc_sent_of_byte(a, p_end) != s - 1)
            continue;
        /* the names of a coordinated subject before prev continue too */
        long first = prev;
        while (first > 0 && a->claims[first - 1].cue_b == p->cue_b &&
               a->claims[first - 1].cs == p->cs && a->claims[first - 1].ce == p->ce &&
               !a->claims[first - 1].dropped)
            first--;
        for (long k = first; k <= prev; k++) {
            claim copy = a->claims[k];
            claim *cl = add_claim(a, &copy);
            if (!cl) return WHOSAID_ENOMEM;
            p = &a->claims[k]; /* the array may have moved */
            content_quote(a, cl, (long)q);
            cl->as = cl->ae = qu->open;
            cl->cue_b = p->cue_b;
            cl->date_span = p->date_span;
            cl->sent = s;
        }
        /* the next quotation may continue this one */
        prev = (long)a->nclaims - 1;
    }
    sort_claims(a);
    a->n_as_max = 0;
    return 0;
}

/* A claim just made (after the first `before`) that an outlet reports
 * ("..., AFP reported") folds into the claims of its sentence. */
static void fold_new_report(whosaid_attrib *a, size_t before)
{
    if (a->nclaims <= before || !a->claims[a->nclaims - 1].report) return;
    size_t from = a->nclaims - 1;
    while (from > 0 && a->claims[from - 1].sent == a->claims[a->nclaims - 1].sent)
        from--;
    fold_reports(a, from);
}

/* ---- broadcast transcripts' speaker turns ---- */

/* A turn label's parts: the tokens of the name [n0, n1] (a title such as
 * "SEN." dropped), the colon's byte, and whether a newsroom word follows
 * the name after a comma ("MARCUS BELL, BYLINE:", "DANA WHITCOMB, HOST:"). */
typedef struct turn_label {
    long n0, n1;
    size_t colon;
    int newsroom;
} turn_label;

static int read_turn_label(const whosaid_attrib *a, long s, turn_label *l)
{
    size_t b = a->sent_s[s];
    /* most sentences open no line: asked first, as this runs for each */
    if ((b > 0 && a->text[b - 1] != '\n') || b + 1 >= a->len || a->text[b] < 'A' ||
        a->text[b] > 'Z' || (a->text[b + 1] >= 'a' && a->text[b + 1] <= 'z') ||
        !(l->colon = turn_label_colon(a, b, a->sent_e[s])))
        return 0;
    long t = whosaid_claimdoc_first_tok_at(a, b), end = whosaid_claimdoc_first_tok_at(a, l->colon);
    while (t < end - 1 &&
           (!tword(a, t) || (word_kind(a, t, NULL) &
                             (WHOSAID_WORD_HONORIFIC | WHOSAID_WORD_ROLE | WHOSAID_WORD_RANK))))
        t++;
    l->n0 = t;
    while (t < end && !tis(a, t, ","))
        t++;
    l->n1 = t - 1;
    while (l->n1 >= l->n0 && !tword(a, l->n1))
        l->n1--;
    l->newsroom = 0;
    for (; t < end; t++)
        if (word_kind(a, t, NULL) & WHOSAID_WORD_NEWSROOM) l->newsroom = 1;
    return l->n1 >= l->n0;
}

/* The span of the one person the document names whose name, or surname,
 * the label's name is (case aside: labels are in capitals); -1 when none
 * or two people. A span with a role is preferred, its role being read. */
static long turn_person(const whosaid_attrib *a, const turn_label *l)
{
    size_t s = a->toks.v[l->n0].start, n = a->toks.v[l->n1].end - s;
    long found = -1;
    for (size_t k = 0; k < a->nspans; k++) {
        const span *sp = &a->spans[k];
        if (sp->spk != WHOSAID_SPK_PERSON || !sp->canon) continue;
        size_t cl = strlen(sp->canon);
        if (cl < n || strncasecmp(sp->canon + cl - n, a->text + s, n) ||
            (cl > n && sp->canon[cl - n - 1] != ' '))
            continue;
        if (found >= 0 && strcmp(a->spans[found].canon, sp->canon)) return -1;
        if (found < 0 || (!a->spans[found].role && sp->role)) found = (long)k;
    }
    return found;
}

/* Whether role names a newsroom job by its last word ("congressional
 * correspondent"). */
static int newsroom_role(const whosaid_attrib *a, const char *role)
{
    if (!role) return 0;
    const char *w = strrchr(role, ' ');
    w = w ? w + 1 : role;
    char key[64];
    long n = whosaid_utf8_lower_into(w, strlen(w), key, sizeof key);
    return n > 0 && (whosaid_cues_word(a->cues, key, (size_t)n, NULL) & WHOSAID_WORD_NEWSROOM);
}

enum { MAX_PRESS = 16 };

/* Whether the person of span k is one of the broadcast's own journalists:
 * a label gave them a newsroom role (press), the document's role for them
 * is one, or they wrote it (meta.byline). */
static int journalist(const whosaid_attrib *a, long k, const char *const *press, size_t npress,
                      const char *byline)
{
    const char *canon = a->spans[k].canon;
    for (size_t i = 0; i < npress; i++)
        if (!strcmp(press[i], canon)) return 1;
    return newsroom_role(a, a->spans[k].role) || (byline && !strcasecmp(byline, canon));
}

/* A turn of a broadcast transcript that opens with a named person's label
 * ("TERESA ALVAREZ: We are not against scanning. ...") is that person's
 * direct claim, cue ":", its content the line after the label (or the
 * next line when the label stands alone), as a quotation would be. The
 * broadcast's own journalists' turns are narration, no claims; labels
 * naming no one in the document ("Q:", "NEW DELHI:") are none either. The
 * turns' ranges go to a->turns. One pass over the sentences that open a
 * line, another over the labels among them, each label reading the spans
 * once. */
static int find_turns(whosaid_attrib *a, const json_t *rec)
{
    a->nturns = 0;
    const char *press[MAX_PRESS];
    size_t npress = 0;
    int labels = 0;
    turn_label l;
    for (size_t s = 0; s < a->nsent; s++) {
        if (!read_turn_label(a, (long)s, &l)) continue;
        labels = 1;
        long k = l.newsroom && npress < MAX_PRESS ? turn_person(a, &l) : -1;
        if (k >= 0) press[npress++] = a->spans[k].canon;
    }
    if (!labels) return 0;
    const char *byline = json_string_value(json_object_get(json_object_get(rec, "meta"), "byline"));
    for (size_t s = 0; s < a->nsent; s++) {
        if (!read_turn_label(a, (long)s, &l) || l.newsroom) continue;
        long k = turn_person(a, &l);
        if (k < 0 || journalist(a, k, press, npress, byline)) continue;
        size_t cs = l.colon + 1;
        while (cs < a->len && (a->text[cs] == ' ' || a->text[cs] == '\n'))
            cs++;
        const char *nl = memchr(a->text + cs, '\n', a->len - cs);
        size_t ce = nl ? (size_t)(nl - a->text) : a->len;
        claim tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.date_span = -1;
        tmp.cs = cs;
        tmp.ce = ce;
        trim(a, &tmp.cs, &tmp.ce);
        if (tmp.ce <= tmp.cs || !memchr(a->text + tmp.cs, ' ', tmp.ce - tmp.cs)) continue;
        whosaid_speaker_from_span(a, k, &tmp.spk);
        tmp.spk.ts = a->toks.v[l.n0].start;
        tmp.spk.te = a->toks.v[l.n1].end;
        tmp.as = a->sent_s[s];
        tmp.ae = l.colon + 1;
        tmp.cue_b = l.colon;
        tmp.sent = whosaid_claimdoc_sent_of_byte(a, tmp.cs);
        tmp.cls = "statement";
        tmp.kind = K_DIRECT;
        memcpy(tmp.cue, ":", 2);
        tmp.quoted = mark_quotes(a, tmp.cs, tmp.ce);
        if (!add_claim(a, &tmp) ||
            whosaid_grow((void **)&a->turns, &a->cap_turns, 2 * (a->nturns + 1), sizeof *a->turns))
            return WHOSAID_ENOMEM;
        a->turns[2 * a->nturns] = tmp.cs;
        a->turns[2 * a->nturns++ + 1] = tmp.ce;
    }
    return 0;
}

static int find_claims(whosaid_attrib *a)
{
    size_t ti = 0; /* the first turn not before token i */
    for (size_t i = 0; i < a->toks.n; i++) {
        const whosaid_token *t = &a->toks.v[i];
        /* most words are in no class of the lexicon (no entry), and most
         * of the others start no frame: their entry says so without a call */
        const whosaid_cue_entry *e = (t->flags & WHOSAID_TOK_WORD) ? a->tok_cue[i] : NULL;
        if (!e || in_quote(a, (long)i)) continue;
        /* a named source's turn is a claim whole, as a quotation is */
        while (ti < a->nturns && a->turns[2 * ti + 1] <= t->start)
            ti++;
        if (ti < a->nturns && t->start >= a->turns[2 * ti]) continue;
        const char *frame = NULL;
        long fn =
            e->frame || e->longer_frame ? whosaid_claimdoc_phrase_at(a, (long)i, 0, &frame) : 0;
        int rc = 0;
        if (fn) {
            size_t before = a->nclaims;
            rc = source_claim(a, (long)i, fn, frame);
            if (!rc) fold_new_report(a, before);
            i += (size_t)fn - 1;
        } else if ((t->flags & WHOSAID_TOK_LOWER) && (e->word & WHOSAID_WORD_MANNER)) {
            rc = manner_claim(a, (long)i);
        } else if (t->flags & WHOSAID_TOK_LOWER) {
            const whosaid_cue *cue = e->verb, *naming = e->naming;
            size_t before = a->nclaims;
            /* "described the plan as 'reckless'": the quotation, else as
             * the plain verb reads it */
            if (naming) rc = cue_claim(a, (long)i, naming);
            if (!rc && cue && a->nclaims == before) rc = cue_claim(a, (long)i, cue);
            if (!rc && a->nclaims > before) fold_new_report(a, before);
        }
        if (rc) return rc;
    }
    return 0;
}

/* The one person the article names (an entity of resolve) whose name ends
 * with the word of bytes [s, e), of a gender g allows (0: any), or NULL:
 * none, or several. */
static const ent_info *person_of_surname(const whosaid_attrib *a, size_t s, size_t e, int g)
{
    const ent_info *found = NULL;
    size_t n = e - s;
    for (size_t i = 0; i < a->nents; i++) {
        const ent_info *p = &a->einfo[i];
        size_t cl = p->canon ? strlen(p->canon) : 0;
        if (p->spk != WHOSAID_SPK_PERSON || cl <= n + 1 || p->canon[cl - n - 1] != ' ' ||
            memcmp(p->canon + cl - n, a->text + s, n))
            continue;
        int pg = whosaid_claimdoc_gender_of(a, p->canon);
        if (g && pg && pg != g) continue;
        if (found) return NULL;
        found = p;
    }
    return found;
}

/* "Bloomberg said he would not run" after "Michael Bloomberg" and
 * "Bloomberg L.P.": a one-word organization whose reported content opens
 * with "he"/"she" is the person the article names with that surname, when
 * there is one (an organization is "it"; the tagger reads a surname that a
 * company or outlet shares as the organization). In a quotation "he" is
 * someone else, so only reported speech. */
static void surnames_read_as_organizations(whosaid_attrib *a)
{
    for (size_t i = 0; i < a->nclaims; i++) {
        claim *c = &a->claims[i];
        long k = c->spk.span;
        if (c->dropped || c->kind != K_INDIRECT || c->spk.type != WHOSAID_SPK_ORG || k < 0 ||
            a->spans[k].tok0 != a->spans[k].tok1)
            continue;
        const whosaid_pronoun *p = tpronoun(a, whosaid_claimdoc_first_tok_at(a, c->cs));
        if (!p || !p->gender || p->plural || p->possessive || p->relative ||
            !(p->types & WHOSAID_SPK_PERSON))
            continue;
        const ent_info *who = person_of_surname(a, a->spans[k].s, a->spans[k].e, p->gender);
        if (!who) continue;
        c->spk.type = WHOSAID_SPK_PERSON;
        c->spk.name = who->canon;
        c->spk.entity = who->id;
        c->spk.span = -1;
        c->spk.role[0] = c->spk.org[0] = '\0';
        if (who->role)
            whosaid_claimdoc_set_text(c->spk.role, sizeof c->spk.role, who->role,
                                      strlen(who->role));
        if (who->org)
            whosaid_claimdoc_set_text(c->spk.org, sizeof c->spk.org, who->org, strlen(who->org));
    }
}

int whosaid_attrib_write(whosaid_attrib *a, const json_t *rec, whosaid_buf *lines, size_t *count,
                         whosaid_error *err)
{
    *count = 0;
    size_t len, mark = lines->len;
    const char *text = whosaid_record_text(rec, &len);
    if (!text) return whosaid_error_set(err, WHOSAID_EINPUT, "", 0, "record has no \"text\"");
    a->text = text;
    a->len = len;
    whosaid_offmap *om = whosaid_offmap_new(text, len);
    a->om = om;
    int rc = om ? whosaid_claimdoc_load(a, rec, om) : WHOSAID_ENOMEM;
    if (!rc) rc = find_turns(a, rec);
    if (!rc) rc = find_claims(a);
    if (!rc) {
        surnames_read_as_organizations(a);
        cut_at_joints(a);
        fold_sources(a);
        rc = continuations(a);
    }
    long n = 0;
    claim_doc doc;
    if (!rc) rc = whosaid_claimwrite_doc(a, rec, &doc);
    for (size_t i = 0; !rc && i < a->nclaims; i++) {
        if (a->claims[i].dropped) continue;
        rc = whosaid_claimwrite_claim(a, lines, &a->claims[i], &doc, ++n);
    }
    whosaid_offmap_free(om);
    a->om = NULL;
    if (rc) {
        lines->len = mark;
        if (lines->data) lines->data[mark] = '\0';
        return whosaid_error_set(err, rc, "", 0, "%s", whosaid_errmsg(rc));
    }
    if (lines->data) lines->data[lines->len] = '\0';
    *count = (size_t)n;
    return 0;
}

int whosaid_attrib_run(whosaid_attrib *a, const json_t *rec, json_t **claims, whosaid_error *err)
{
    *claims = NULL;
    whosaid_buf lines = WHOSAID_BUF_INIT;
    size_t n;
    int rc = whosaid_attrib_write(a, rec, &lines, &n, err);
    json_t *out = rc ? NULL : json_array();
    if (!rc && !out)
        rc = whosaid_error_set(err, WHOSAID_ENOMEM, "", 0, "%s", whosaid_errmsg(WHOSAID_ENOMEM));
    for (size_t at = 0; !rc && at < lines.len;) {
        const char *nl = memchr(lines.data + at, '\n', lines.len - at);
        size_t end = nl ? (size_t)(nl - lines.data) : lines.len;
        json_t *o = json_loadb(lines.data + at, end - at, 0, NULL);
        if (!o || json_array_append_new(out, o))
            rc =
                whosaid_error_set(err, WHOSAID_ENOMEM, "", 0, "%s", whosaid_errmsg(WHOSAID_ENOMEM));
        at = end + 1;
    }
    whosaid_buf_free(&lines);
    if (rc) {
        json_decref(out);
        return rc;
    }
    *claims = out;
    return 0;
}
