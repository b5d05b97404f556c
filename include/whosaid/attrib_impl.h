/* PRIVATE to the claim finder's modules (pipeline/lib/attrib.c, claimdoc.c,
 * speaker.c, speakerref.c, claimwrite.c): the layout of whosaid_attrib and the calls
 * between those files. Not a public interface: nothing else includes it;
 * the public one is attrib.h. Short unprefixed names (span, claim, tis,
 * word_kind ...) are kept because only these files see them; functions one
 * file calls in another are named after the file that holds them
 * (whosaid_claimdoc_*, whosaid_speaker_* for both speaker files,
 * whosaid_claimwrite_*).
 *
 * The jobs: claimdoc.c reads a record into the document model below
 * (tokens, their lower-cased text and lexicon entries, spans with what each
 * refers to, sentences, paragraphs, quotations, per-entity table) and
 * answers questions about positions in it; speaker.c reads speaker phrases
 * around a cue (names, roles, role holders, generic groups, lists of
 * names); speakerref.c resolves pronouns and referring phrases ("the
 * people", "the statement", "they" after a list) to earlier speakers;
 * attrib.c finds the claims (frames around cue verbs and source phrases,
 * then folding, cutting and continuing them) and holds the public API;
 * claimwrite.c writes each claim as a JSON line. */
#ifndef WHOSAID_ATTRIB_IMPL_H
#define WHOSAID_ATTRIB_IMPL_H

#include <jansson.h>
#include <stddef.h>
#include <string.h>

#include "whosaid/attrib.h"
#include "whosaid/buf.h"
#include "whosaid/cues.h"
#include "whosaid/hashmap.h"
#include "whosaid/jsonload.h"
#include "whosaid/quotes.h"
#include "whosaid/tokens.h"
#include "whosaid/utf8.h"

/* Bounds that keep the work per cue constant: tokens of a speaker phrase, of
 * an apposition, between a verb and its "that"; spans a pronoun weighs;
 * words of a role read from an apposition; modifiers before a publication
 * noun ("a new study"). */
enum {
    MAX_NP = 8,
    MAX_APPOS = 25,
    MAX_THAT = 12,
    MAX_WINDOW = 48,
    MAX_ROLE_WORDS = 12,
    MAX_PUB_MODS = 2
};
enum { T_OTHER, T_PERSON, T_ORG, T_COUNTRY, T_LOCATION, T_DATE, T_STAT, T_MENTION };
enum { K_DIRECT, K_INDIRECT, K_ACCORDING };

typedef struct span {
    size_t s, e;            /* bytes */
    int type;               /* T_* as tagged */
    int spk;                /* WHOSAID_SPK_* of the name it refers to, 0 if none */
    const char *canon;      /* canonical name of what it refers to */
    const char *entity;     /* entity id, or NULL */
    const char *role, *org; /* from the entity (resolve) or the span (tag) */
    int outlet;             /* a news organization */
    int ambiguous;          /* resolve: a name part two people share */
    long tok0, tok1;        /* first and last token */
    /* its "value" (a DATE's day) and "country" when strings, else NULL:
     * read for every DATE near a claim and every owner of a role */
    const char *value, *country;
    /* where its members are, for those written as they are (a DATE's
     * "value" of any type, a STAT's members; whosaid_claimdoc_span_write):
     * its object, or for a span read in the parse (claimdoc.c) its item in
     * the kept array (else -1): no object is built for those, as building
     * one per span cost more than anything else in loading. */
    const json_t *obj;
    long item;
} span;

typedef struct speaker {
    int type;         /* WHOSAID_SPK_*, 0 when unknown */
    const char *name; /* canonical (borrowed), or NULL to use namebuf */
    char namebuf[256];
    const char *entity;
    char role[256], org[256];
    size_t ts, te; /* speaker_text bytes */
    long span;     /* the named span, or -1 */
    const char *reason;
    int pronoun;     /* written as a pronoun */
    int gender;      /* WHOSAID_GENDER_* an unnamed holder's role noun tells ("spokeswoman") */
    int publication; /* a document that is a source itself ("a study published in ...") */
} speaker;

typedef struct claim {
    speaker spk;
    char cue[64];
    const char *cls;
    int kind;
    int quoted;    /* the content holds a quotation (direct, or quoting a phrase) */
    size_t cs, ce; /* content bytes */
    size_t as, ae; /* attribution bytes (speaker and verb, for the date) */
    size_t cue_b;
    long sent;  /* sentence of the verb */
    int report; /* 1: an outlet's reporting verb after the clause it reports;
                   2: a trailing "according to" */
    int dropped;
    int shared; /* the verb shares the subject of an earlier verb ("... and added") */
    char via[128];
    long date_span; /* inherited date, or -1 */
    size_t seq;     /* order made: the names of one subject share a place */
} claim;

/* What the record says of one entity (resolve's "entities"), read once per
 * entity: spans of one entity are many, and each read is a hash per member. */
typedef struct ent_info {
    const char *id, *canon, *role, *org, *gender, *org_entity, *country;
    int spk; /* WHOSAID_SPK_* of its type */
} ent_info;

struct whosaid_attrib {
    const whosaid_cues *cues;
    const char *text;
    size_t len;
    whosaid_tokens toks;
    whosaid_buf low; /* every token lower-cased once, back to back */
    size_t *low_at;  /* token i's: low.data + low_at[i] up to low_at[i + 1] */
    size_t cap_low_at;
    const whosaid_cue_entry **tok_cue; /* word token i's lexicon entry, or NULL */
    size_t cap_tok_cue;
    unsigned char *tok_quoted; /* 1 when token i starts inside a quotation */
    size_t cap_tok_quoted;
    long *tok_span;
    long *tok_sent;
    size_t cap_tok;
    span *spans;
    size_t nspans, cap_spans;
    size_t *sent_s, *sent_e;
    size_t nsent, cap_sent_s, cap_sent_e;
    size_t *para; /* paragraph starts */
    size_t npara, cap_para;
    whosaid_quotes quotes;
    char *quote_used;
    size_t cap_qu;
    claim *claims;
    size_t nclaims, cap_claims;
    size_t nmade; /* claims made in the document (claim.seq) */
    /* The other names of the subject being read ("A, B and C said": A and
     * B), any number: a list is bounded by its sentence only. */
    speaker *conj;
    size_t nconj, cap_conj;
    /* Bytes where a clause with its own speaker and cue verb is joined to
     * the one before it (", but X said", "; X added", "... and added"):
     * contents stop there. Sorted after the claims are found. */
    size_t *joints;
    size_t njoints, cap_joints;
    /* Byte ranges [turns[2i], turns[2i + 1]) of transcript turns a named
     * source speaks ("TERESA ALVAREZ: ..."): claims of their own, like
     * quotations, so no cue inside them makes another. */
    size_t *turns;
    size_t nturns, cap_turns;
    size_t *as_max; /* as_max[i]: the latest "as" of claims[0..i], for the first n_as_max */
    size_t n_as_max, cap_as_max;
    /* The record's entities (has_entities: it has an "entities" array) */
    int has_entities;
    ent_info *einfo;
    size_t nents, cap_einfo;
    /* Per-document maps, made on first use and emptied for each document
     * (whosaid_hashmap_clear keeps their tables). */
    whosaid_hashmap *ents;    /* entity id -> index in einfo */
    whosaid_hashmap *names;   /* without entities: a name word -> its full-name span */
    whosaid_hashmap *gender;  /* canonical -> gender bits */
    whosaid_hashmap *learned; /* canonical -> index in learned roles */
    whosaid_hashmap
        *holders;      /* head noun of a person's role -> einfo index (UINT64_MAX: several) */
    int holders_built; /* holders is filled (on the first role phrase) */
    struct learned {
        char role[256], org[256];
    } * roles;
    size_t nroles, cap_roles;
    const whosaid_offmap *om; /* the document's, while its claims are written */
    whosaid_buf docjson;      /* what its claim lines repeat (claim_doc) */
    /* the record's spans kept in the parse (jsonload.h), or NULL */
    whosaid_jsonload_view *kept;
    size_t dateline_end; /* content never starts before this byte */
};

/* ---- token questions, asked many times per token (inline) ---- */

static inline const char *ttext(const whosaid_attrib *a, long i, size_t *n)
{
    const whosaid_token *t = &a->toks.v[i];
    *n = t->end - t->start;
    return a->text + t->start;
}

/* Token i is exactly s (0 out of range). */
static inline int tis(const whosaid_attrib *a, long i, const char *s)
{
    if (i < 0 || (size_t)i >= a->toks.n) return 0;
    size_t n;
    const char *p = ttext(a, i, &n);
    return n == strlen(s) && !memcmp(p, s, n);
}

static inline int tword(const whosaid_attrib *a, long i)
{
    return i >= 0 && (size_t)i < a->toks.n &&
           (a->toks.v[i].flags & (WHOSAID_TOK_WORD | WHOSAID_TOK_NUM));
}

/* Token i lies inside a quotation; a span over no token has tok0 -1. */
static inline int in_quote(const whosaid_attrib *a, long i)
{
    return i >= 0 && (size_t)i < a->toks.n && a->tok_quoted[i];
}

/* The lexicon entry of token i, NULL when none: words' made once by
 * whosaid_claimdoc_load, other tokens' (rarely asked) looked up here. */
static inline const whosaid_cue_entry *tcue(const whosaid_attrib *a, long i)
{
    if (i < 0 || (size_t)i >= a->toks.n) return NULL;
    if (tword(a, i)) return a->tok_cue[i];
    return whosaid_cues_lookup(a->cues, a->low.data + a->low_at[i],
                               a->low_at[i + 1] - a->low_at[i]);
}

static inline const whosaid_pronoun *tpronoun(const whosaid_attrib *a, long i)
{
    const whosaid_cue_entry *e = tcue(a, i);
    return e ? e->pronoun : NULL;
}

/* WHOSAID_WORD_* bits of word token i (0 for other tokens); *gender (may be
 * NULL) gets the gender it implies. */
static inline int word_kind(const whosaid_attrib *a, long i, int *gender)
{
    const whosaid_cue_entry *e = tword(a, i) ? a->tok_cue[i] : NULL;
    if (gender) *gender = e ? e->gender : 0;
    return e ? e->word : 0;
}

/* The first token from i on, before end, that is no determiner: "the",
 * "a", "two" are dropped from the front of a phrase. */
static inline long past_determiners(const whosaid_attrib *a, long i, long end)
{
    while (i < end && (word_kind(a, i, NULL) & WHOSAID_WORD_DETERMINER))
        i++;
    return i;
}

/* Token i is a possessive 's (or a bare apostrophe after a plural). */
static inline int possessive(const whosaid_attrib *a, long i)
{
    return i >= 0 && (size_t)i < a->toks.n &&
           ((a->toks.v[i].flags & WHOSAID_TOK_POSSESSIVE) || tis(a, i, "'") || tis(a, i, "’"));
}

/* Whether token i is a finite form of "be", "have" or a modal verb (a
 * closed class of English, so a list here rather than in a rule file):
 * where one stands, a clause has its verb. */
static inline int is_verb_word(const whosaid_attrib *a, long i)
{
    static const char *const verbs[] = {"is",    "are",   "was",    "were", "has",   "have",
                                        "had",   "will",  "would",  "can",  "could", "may",
                                        "might", "shall", "should", "must", NULL};
    if (!tword(a, i) || !(a->toks.v[i].flags & WHOSAID_TOK_LOWER)) return 0;
    for (size_t k = 0; verbs[k]; k++)
        if (tis(a, i, verbs[k])) return 1;
    return 0;
}

static inline const char *jstr(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* ---- claimdoc.c: the document model ---- */

/* Empties the per-document state and reads rec (text, entities,
 * sentences, paragraphs, dateline, spans, tokens, quotations) with om, the
 * record's offset map. 0 or WHOSAID_ENOMEM. */
int whosaid_claimdoc_load(whosaid_attrib *a, const json_t *rec, const whosaid_offmap *om);
/* Lower-cased key of tokens [i, i+n) joined by single spaces into buf,
 * NUL-terminated; its length, 0 if it does not fit in cap. */
size_t whosaid_claimdoc_tkey(const whosaid_attrib *a, long i, long n, char *buf, size_t cap);
/* Longest phrase of word class bits (speakers.rules), or with frame set
 * the longest source frame (its class into *frame), starting at token i:
 * its token count, 0 if none. */
long whosaid_claimdoc_phrase_at(const whosaid_attrib *a, long i, int bits, const char **frame);
/* whosaid_claimdoc_phrase_at(a, i, bits, NULL): the longest phrase of word
 * classes bits at token i, its token count. Asked of most words before a
 * verb; word i's entry turns away at once those that are no such phrase
 * and start none (most: "the" starts phrases, but of other classes). */
static inline long word_phrase_at(const whosaid_attrib *a, long i, int bits)
{
    const whosaid_cue_entry *e = tword(a, i) ? a->tok_cue[i] : NULL;
    if (!e || !((e->word | e->longer_word) & bits)) return 0;
    return whosaid_claimdoc_phrase_at(a, i, bits, NULL);
}
/* The sentence / paragraph holding byte b; the first token / span starting
 * at or after b (binary searches: all are sorted). */
long whosaid_claimdoc_sent_of_byte(const whosaid_attrib *a, size_t b);
long whosaid_claimdoc_para_of_byte(const whosaid_attrib *a, size_t b);
long whosaid_claimdoc_first_tok_at(const whosaid_attrib *a, size_t b);
long whosaid_claimdoc_first_span_from(const whosaid_attrib *a, size_t b);
/* Appends span k's members to b as whosaid_jsonload_view_write does (how:
 * WHOSAID_JSONLOAD_ONLY, WHOSAID_JSONLOAD_COMMA; its object dumped by
 * out.h would hold the same bytes), from whichever form the span was read
 * in. How many pairs it wrote, or -1 on ENOMEM. */
long whosaid_claimdoc_span_write(const whosaid_attrib *a, long k, const whosaid_field *names,
                                 size_t n, unsigned how, whosaid_buf *b);
/* Adds gender bits g to what is known of canon; 0 or WHOSAID_ENOMEM. */
int whosaid_claimdoc_gender_note(whosaid_attrib *a, const char *canon, int g);
/* The one gender known of canon, 0 when none or both. */
int whosaid_claimdoc_gender_of(const whosaid_attrib *a, const char *canon);
/* s[0..n) into dst, cut to cap without splitting a character, newlines as
 * spaces. */
void whosaid_claimdoc_set_text(char *dst, size_t cap, const char *s, size_t n);

/* ---- speaker.c and speakerref.c: speaker phrases ---- */

/* The speaker written before the verb at token c, not before token s0
 * (skipping "has", "also" and an apposition): the phrase's first token, or
 * -1 when there is none. */
long whosaid_speaker_before(whosaid_attrib *a, long c, long s0, speaker *spk);
/* Coordinated names before the speaker phrase starting at token np0 ("Air
 * Canada and LATAM said", "A, B and C said"), each read as a speaker phrase
 * and named (PERSON, ORG or COUNTRY), the list opening its clause: all of
 * them into a->conj in document order (a->nconj, 0 when there is no list),
 * the first token of the whole subject into *first (np0 when no list).
 * 0 or WHOSAID_ENOMEM. */
int whosaid_speaker_conjuncts(whosaid_attrib *a, long np0, long s0, long *first);
/* Room for n speakers in a->conj; 0 or WHOSAID_ENOMEM. */
int whosaid_speaker_conj_room(whosaid_attrib *a, size_t n);
/* "They said" right after a claim of a coordinated subject ("Air Canada
 * and LATAM said ... . They added ..."): the same names. spk is the
 * pronoun's speaker (spk->pronoun set); when the pronoun is plural, opens
 * its sentence or clause and the latest claim before it, in its sentence
 * or the one before, is one of a subject's several names, spk becomes the
 * last name and a->conj the others (written as the pronoun). Returns 1
 * when so, 0 when not, or WHOSAID_ENOMEM (negative). */
int whosaid_speaker_they_group(whosaid_attrib *a, long sent, speaker *spk);
/* A phrase of speakers.rules' anaphor class ("the people", "those
 * sources") at tokens [g, e] refers to the latest generic speaker of a
 * claim, from the previous paragraph on, whose name holds the phrase's
 * last word ("people familiar with the matter"): 1 with spk that speaker
 * (its text the phrase), else 0. */
int whosaid_speaker_anaphor(whosaid_attrib *a, long g, long e, speaker *spk);
/* The last token of a link phrase and the noun phrase after token e
 * ("sources [close to the company]", "people [familiar with the
 * matter]"), not at or past s1 and bounded; e when none follows. */
long whosaid_speaker_link_tail(const whosaid_attrib *a, long e, long s1);
/* The speaker written after the verb at token c, before token s1 ("said
 * Park Jae-moon, KCC's director"): the last token used, or -1. */
long whosaid_speaker_after(whosaid_attrib *a, long c, long s1, speaker *spk);
/* "according to a spokeswoman for Hale Valley Water": the source phrase of
 * tokens [src0, src1) read whole as a voice role holder of an organization.
 * Its last token (spk filled) or -1. */
long whosaid_speaker_voice_source(whosaid_attrib *a, long src0, long src1, speaker *spk);
/* "according to a committee aide", "according to two officials at the
 * Interior Ministry": the source phrase of tokens [src0, src1) read as the
 * same phrase before a verb is (roles, owners, groups, organizations), when
 * that reading takes the whole phrase and finds a speaker or a role (or a
 * role noun heads it). Its first token (spk filled) or -1. */
long whosaid_speaker_source_phrase(whosaid_attrib *a, long src0, long src1, speaker *spk);
/* spk names what span k refers to, with its role and organization. */
void whosaid_speaker_from_span(const whosaid_attrib *a, long k, speaker *spk);
/* Role and owner of a person from an apposition, tokens [lo, hi]. */
void whosaid_speaker_role_from_appos(const whosaid_attrib *a, long lo, long hi, speaker *spk);
/* spk is the generic group written in tokens [from, to]. */
void whosaid_speaker_generic_name(const whosaid_attrib *a, long from, long to, speaker *spk);
/* The first token of the noun phrase headed by token e, read back not
 * before lo (s0 the clause start); *poss the possessive in it or -1; -1
 * when the phrase does not start cleanly. */
long whosaid_speaker_noun_phrase_start(const whosaid_attrib *a, long lo, long e, long s0,
                                       long *poss);

/* A document that is a source itself (speakers.rules' publication class):
 * tokens [lo, hi] are determiners, up to MAX_PUB_MODS modifiers, a
 * publication phrase and what follows it ("a study published in The Lancet
 * on Wednesday", "the new survey"): spk becomes the document, GENERIC,
 * named with the phrase without its article and a trailing date ("study
 * published in The Lancet"), or for a definite one ("the study") the
 * document of an earlier claim with the same head word. Returns the
 * publication noun's last token, -1 when not so. */
long whosaid_speaker_publication(whosaid_attrib *a, long lo, long hi, speaker *spk);

/* The span ending at token i, or -1. */
long whosaid_speaker_span_ending_at(const whosaid_attrib *a, long i);

/* ---- speakerref.c: pronouns and referring phrases ---- */

/* spk (a pronoun p at token at, spk->pronoun set) becomes the name it
 * refers to, or stays UNKNOWN with a speaker_reason ("ambiguous pronoun"). */
void whosaid_speaker_resolve_pronoun(whosaid_attrib *a, const whosaid_pronoun *p, long at,
                                     speaker *spk);

/* 1 when the lower-cased word w[0..n) is one of the words of name. */
int whosaid_speaker_name_has_word(const char *name, const char *w, size_t n);

/* ---- claimwrite.c: the output ---- */

/* What every claim line of a document repeats, read from its record once
 * and written once as JSON into a->docjson (claim lines copy it). */
typedef struct claim_doc {
    size_t head_len; /* docjson[0, head_len): {"doc":ID,"n": */
    size_t pub_len;  /* docjson[head_len, +pub_len): meta.published as a JSON
                        string; 0 when it has none */
    int bad;         /* id or published is not UTF-8: every claim line fails */
} claim_doc;
/* 0 or WHOSAID_ENOMEM. */
int whosaid_claimwrite_doc(whosaid_attrib *a, const json_t *rec, claim_doc *d);

/* Claim c, number n, of document d as one JSON line appended to b. 0 or
 * WHOSAID_ENOMEM (also for text that is not UTF-8). */
int whosaid_claimwrite_claim(whosaid_attrib *a, whosaid_buf *b, claim *c, const claim_doc *d,
                             long n);

#endif
