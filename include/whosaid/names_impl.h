/* PRIVATE to the name heuristics (pipeline/lib/names.c, nametok.c,
 * namerun.c, nametype.c, namedoc.c): the layout of whosaid_names, the
 * runs and the document being read, the token tests every file asks, and
 * the calls between those files. Not a public interface: nothing else
 * includes it; the public one is names.h. Short unprefixed names (run,
 * doc, tok_is, in_exact ...) are kept because only these files see them;
 * functions one file calls in another are named after the file that holds
 * them (whosaid_nametok_*, whosaid_namerun_*, ...).
 *
 * The jobs, in the order a document meets them: names.c loads the word
 * lists and holds the public API (the pass over a document, writing the
 * candidates); nametok.c answers questions about a token or a short span
 * (in a list, a title, a connector, a call sign, a gazetteer entry, a
 * person's name by its words); namerun.c finds the runs of capitalized
 * words and splits them at titles, legal forms and "of"; nametype.c types
 * one run from its shape and context; namedoc.c reads the whole document
 * (names remembered from one run for another, companies' short names,
 * lists after organization nouns in the plural). */
#ifndef WHOSAID_NAMES_IMPL_H
#define WHOSAID_NAMES_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/calendar.h"
#include "whosaid/cands.h"
#include "whosaid/gazetteer.h"
#include "whosaid/hashmap.h"
#include "whosaid/names.h"
#include "whosaid/tokens.h"
#include "whosaid/utf8.h"
#include "whosaid/wordcache.h"

/* Bits of a title filter's signature (whosaid_key_sig): 4,096 of them. */
#define TITLE_SIG_BITS 12

/* A maximal run of capitalized words, before typing. */
typedef struct run {
    size_t a, b;             /* tokens [a, b) */
    size_t title_a, title_b; /* the title right before it, if any */
    int type;
    int stripped;    /* lost a sentence-initial common word */
    int weak;        /* typed by weak evidence only: a type seen elsewhere wins */
    int over_places; /* beats the gazetteer: a place's name for its team, a person's surname */
    int short_org;   /* a gazetteer organization whose canonical name is its first word */
    int cue;         /* a person only because a speech verb follows ("Halvorsen said") */
    int after_legal; /* follows a company's legal form in the same run */
    int context;     /* an organization only by the words around it ("spokeswoman for X") */
    int product;     /* a maker and its model ("a Chevrolet Tahoe"): blocks the maker's name */
    size_t party;    /* a party before a role: 1 + its full name's offset in party_names */
} run;

typedef struct runs {
    run *v;
    size_t n, cap;
} runs;

struct whosaid_names {
    whosaid_hashmap *titles;     /* lower-cased phrase key -> 1 */
    whosaid_hashmap *org_words;  /* as written */
    whosaid_hashmap *org_first;  /* as written: "FC Basel", "Hotel Essex" */
    whosaid_hashmap *org_legal;  /* as written: "Inc", "LLC" (in org_words too) */
    whosaid_hashmap *org_corp;   /* as written: "Partners", "Holdings" (in org_words too) */
    whosaid_hashmap *org_desig;  /* as written: "Flight" before a number */
    whosaid_hashmap *org_before; /* lower-cased context: "the band X", "signed with X" */
    whosaid_hashmap *org_place;  /* lower-cased context that makes a place a team: "played for X" */
    whosaid_hashmap *org_after;  /* lower-cased: "X striker", "X fans" (a place's team too) */
    whosaid_hashmap *org_role;   /* lower-cased: "X spokesman Y", "X CEO Y" (not places) */
    whosaid_hashmap *org_head;   /* lower-cased nouns of a definition: "X is a rock band" */
    whosaid_hashmap *loc_head;   /* "X is a village in ..." */
    whosaid_hashmap *misc_head;  /* "X is an album by ..." */
    whosaid_hashmap *loc_first;  /* as written, phrase key */
    whosaid_hashmap *loc_last;
    whosaid_hashmap *loc_before;  /* lower-cased: "town" in "the town of X" */
    whosaid_hashmap *loc_plural;  /* as written: "Keys", "Rockies" (location-words.txt "plural") */
    whosaid_hashmap *misc_first;  /* as written, phrase key: "Battle of" */
    whosaid_hashmap *misc_last;   /* as written: "Cup", "Awards", "Jews" */
    whosaid_hashmap *first_names; /* lower-cased */
    whosaid_hashmap *surnames;    /* as written */
    /* as written (word-names.txt): given names that are also a place, a
     * month or a word ("Jordan", "May", "Eve"), family names that are also
     * words ("Smith", "Baker") */
    whosaid_hashmap *given_words;
    whosaid_hashmap *word_surnames;
    whosaid_hashmap *common; /* lower-case words */
    whosaid_hashmap *cue_verbs;
    whosaid_hashmap *not_names;  /* as written */
    whosaid_hashmap *starters;   /* as written: "However", "The", "After" */
    whosaid_calendar *calendar;  /* months and weekdays are no first names */
    const whosaid_calendar *cal; /* calendar, or the caller's (borrowed) */
    /* cal's answers by word as written, kept across documents: a calendar
     * lookup folds and binary-searches the word, and the same few hundred
     * capitalized words are asked in every document. cal never changes,
     * so nothing clears it. */
    whosaid_wordcache *cal_cache;
    /* per-document scratch */
    whosaid_tokens phrase;
    whosaid_buf key;
    whosaid_buf raw;             /* span_in's key as written */
    runs rs;                     /* this document's runs */
    whosaid_hashmap *doc_people; /* words of people named in this document */
    whosaid_hashmap *doc_names;  /* organizations and places typed here -> type */
    whosaid_hashmap *doc_lower;  /* words written in lower case here (made on first use) */
    uint32_t lower_gen;          /* lower_asked is this document's when it matches gen */
    unsigned lower_asked;        /* used_in_lower_case() questions (doc_lower made at 5) */
    whosaid_hashmap *org_region; /* as written: "UK" in "Water UK" (org-words.txt "region") */
    whosaid_hashmap *org_party;  /* as written: "Labor" in "Labor MP" (org-words.txt "party") */
    whosaid_hashmap *party_role; /* lower-cased: "MP", "caucus" (org-words.txt "party-role") */
    whosaid_hashmap *org_outlet; /* as written: "Journal" ends a news outlet's name ("outlet") */
    whosaid_hashmap *org_cause;  /* as written: "Americans" in "Americans for X" ("cause") */
    whosaid_hashmap *org_possessive; /* lower-cased: "X's chief executive" ("possessive") */
    whosaid_hashmap
        *org_possessor;         /* as written: "Children" in "Children's Hospital" ("possessor") */
    whosaid_hashmap *org_club;  /* as written: "City" in "Harlow City" ("club") */
    whosaid_hashmap *org_sport; /* as written: "Soccer" in "Major League Soccer" ("sport") */
    whosaid_hashmap *org_link;  /* as written: "and" in "Kering and its brands" ("link") */
    whosaid_hashmap *peers;     /* as written: "Lord", "Baroness" (titles.txt "peer") */
    whosaid_hashmap *office_ranks; /* as written: "Chief", "Deputy" (titles.txt "rank") */
    whosaid_buf party_names;       /* parties' full names, each NUL-terminated */
    /* Each token's keys, made on first use and kept for the document: a
     * word is looked up in several lists, and lower-casing and hashing it
     * were the top of the profile. Entries are current when gen matches. */
    struct tokkey {
        uint64_t hx, hl;  /* hash as written, lower-cased */
        size_t lo, lolen; /* lower-cased key in low (LOWER_IS_TEXT: the token itself) */
        uint32_t gen;
        unsigned char have;  /* HAVE_EXACT | HAVE_LOWER | HAVE_CAL | HAVE_TITLE | LOWER_IS_TEXT */
        unsigned char cal;   /* whosaid_nametok_is_calendar_word() */
        unsigned char title; /* nametok.c's may_be_title_end(): TITLE_* bits */
    } * tk;
    size_t tk_cap;
    uint32_t gen;
    whosaid_buf low;
    /* The gazetteer's answers when the caller keeps none
     * (whosaid_names_propose rather than whosaid_names_propose_memo). */
    whosaid_gaz_memo *gm;
    /* Titles' tokens, lower-cased, by whosaid_key_sig(): the TITLE_FIRST,
     * TITLE_LAST and TITLE_ANY bits of the tokens with that signature
     * (a first, a last, any token of a title). Most capitalized words
     * neither start nor end a title, and this turns them away before a
     * phrase key is lower-cased and probed; a phrase is keyed only over
     * tokens that all may be a title's. One byte per signature, so a token
     * costs one load. */
    unsigned char title_sig[1u << TITLE_SIG_BITS];
};

/* MISC: an event, award, work or group of people (misc-words.txt); never
 * output, and unlike NONE it keeps the run whole (no split at "of"). */
enum { NONE = 0, PERSON, ORG, LOCATION, MISC };

/* The document being read: the names' lists and scratch, the text, its
 * tokens, the gazetteer and its answers for this text (borrowed for one
 * whosaid_names_propose call). */
typedef struct doc {
    whosaid_names *nm;
    const char *text;
    const whosaid_tokens *t;
    const whosaid_gazetteer *gaz;
    whosaid_gaz_memo *gm;
} doc;

static inline int lower_key(whosaid_buf *out, const char *s, size_t len)
{
    whosaid_buf_clear(out);
    return whosaid_utf8_lower(s, len, out);
}

static inline const char *tok_s(const doc *d, size_t i)
{
    return d->text + d->t->v[i].start;
}

static inline size_t tok_len(const doc *d, size_t i)
{
    return d->t->v[i].end - d->t->v[i].start;
}

/* Token i is word. Most tokens differ from it in the first byte; inline,
 * so a literal word's length is a constant (this runs for most tokens
 * against "the", "of", ","). */
static inline int tok_is(const doc *d, size_t i, const char *word)
{
    if (i >= d->t->n) return 0;
    size_t n = tok_len(d, i);
    const char *s = tok_s(d, i);
    return n && s[0] == word[0] && strlen(word) == n && memcmp(s, word, n) == 0;
}

/* LOWER_IS_TEXT: the token lower-cased is the token (ASCII without a
 * capital), so its key is read in the text and hl is hx. */
enum { HAVE_EXACT = 1, HAVE_LOWER = 2, HAVE_CAL = 4, HAVE_TITLE = 8, LOWER_IS_TEXT = 16 };
enum { TITLE_FIRST = 1, TITLE_LAST = 2, TITLE_ANY = 4 };

/* Token i's cache entry (d->nm->tk is sized for the document). */
static inline struct tokkey *tokkey_of(const doc *d, size_t i)
{
    struct tokkey *k = &d->nm->tk[i];
    if (k->gen != d->nm->gen) {
        k->gen = d->nm->gen;
        k->have = 0;
    }
    return k;
}

/* Token i as written in map (its value in *value if not NULL). */
static inline int get_exact(const doc *d, const whosaid_hashmap *map, size_t i, uint64_t *value)
{
    struct tokkey *k = tokkey_of(d, i);
    if (!(k->have & HAVE_EXACT)) {
        k->hx = whosaid_hashmap_hash(tok_s(d, i), tok_len(d, i));
        k->have |= HAVE_EXACT;
    }
    return whosaid_hashmap_get_hashed(map, tok_s(d, i), tok_len(d, i), k->hx, value);
}

static inline int in_exact(const doc *d, whosaid_hashmap *map, size_t i)
{
    return get_exact(d, map, i, NULL);
}

/* Fills token i's lower-cased key in its cache entry k (nametok.c). 0 or
 * WHOSAID_ENOMEM. */
int whosaid_nametok_lower(const doc *d, size_t i, struct tokkey *k);

/* Token i lower-cased (in nm->low, valid until the next token is
 * lowered: low may move; or in the text), its length in *len; NULL on
 * ENOMEM. */
static inline const char *tok_lower(const doc *d, size_t i, size_t *len)
{
    struct tokkey *k = tokkey_of(d, i);
    if (!(k->have & HAVE_LOWER) && whosaid_nametok_lower(d, i, k)) return NULL;
    *len = k->lolen;
    if (k->have & LOWER_IS_TEXT) return tok_s(d, i);
    return d->nm->low.data ? d->nm->low.data + k->lo : "";
}

static inline int in_lower(const doc *d, whosaid_hashmap *map, size_t i)
{
    size_t len;
    const char *s = tok_lower(d, i, &len);
    return s && whosaid_hashmap_get_hashed(map, s, len, d->nm->tk[i].hl, NULL);
}

static inline int is_cap(const doc *d, size_t i)
{
    uint32_t f = d->t->v[i].flags;
    return (f & WHOSAID_TOK_WORD) && (f & (WHOSAID_TOK_CAP | WHOSAID_TOK_ALLCAPS)) &&
           !(f & WHOSAID_TOK_POSSESSIVE);
}

/* ---- nametok.c: tests of a token or a span ---- */

int whosaid_nametok_span_in(const doc *d, whosaid_hashmap *map, size_t a, size_t b, int lower);
int whosaid_nametok_is_callsign(const doc *d, size_t i);
int whosaid_nametok_is_callsign_run(const doc *d, size_t a, size_t b);
int whosaid_nametok_is_connector(const doc *d, size_t i);
int whosaid_nametok_has_connector(const doc *d, size_t a, size_t b);
size_t whosaid_nametok_title_ending_at(const doc *d, size_t e);
size_t whosaid_nametok_title_starting_at(const doc *d, size_t a, size_t b);
int whosaid_nametok_is_calendar_word(const doc *d, size_t i);
int whosaid_nametok_all_common(const doc *d, size_t a, size_t b);
int whosaid_nametok_all_not_names(const doc *d, size_t a, size_t b);
int whosaid_nametok_has_digit(const doc *d, size_t i);
int whosaid_nametok_name_like(const doc *d, size_t i);
int whosaid_nametok_all_name_like(const doc *d, size_t a, size_t b);
int whosaid_nametok_surname_like(const doc *d, size_t i);
int whosaid_nametok_is_direction(const doc *d, size_t i);
int whosaid_nametok_is_plural_name(const doc *d, size_t i);
int whosaid_nametok_is_camel_case(const doc *d, size_t i);
int whosaid_nametok_is_outlet_word(const doc *d, size_t i);
int whosaid_nametok_looks_like_person(const doc *d, size_t a, size_t b);
/* The gazetteer entry at token i (its length in tokens, 0 if none). */
size_t whosaid_nametok_gaz_match(const doc *d, size_t i, whosaid_gaz_entry *e);
int whosaid_nametok_is_gazetteer_entry(const doc *d, size_t a, size_t b);

/* ---- namerun.c: runs of capitalized words ---- */

/* Appends this document's runs (untyped) to rs. 0 or WHOSAID_ENOMEM. */
int whosaid_namerun_find(const doc *d, runs *rs);
int whosaid_namerun_push(runs *rs, run r);
int whosaid_namerun_org_connector(const doc *d, size_t i);
/* "for" in "Americans for Prosperity": its length in tokens before b, or 0. */
size_t whosaid_namerun_cause_connector(const doc *d, size_t i, size_t b);

/* ---- nametype.c: the type of one run ---- */

/* NONE, PERSON, ORG, LOCATION or MISC; may move r->a (a stripped word or
 * article, a place before a person) and r->b (a party or a company before
 * a role). */
int whosaid_nametype_run(const doc *d, run *r);
size_t whosaid_nametype_first_split(const doc *d, size_t a, size_t b);
/* [a, b) is a one-token place or a given name that is also a word or a
 * month, and a surname: a person whose given name is a place's ("Arno
 * Antlitz", "Jordan Smith", "Eve Carter") when evidence says so. */
int whosaid_nametype_place_given_name(const doc *d, size_t a, size_t b);
/* "in", "at", "from" ... right before token a (a place's context). */
int whosaid_nametype_place_preposition(const doc *d, size_t a);
/* Token b is an "'s" that owns nothing ("Macy's said", "at Macy's."). */
int whosaid_nametype_bare_possessive(const doc *d, size_t b);
/* An organization's context around [a, b): "analysts at X", "X fans". */
int whosaid_nametype_org_context(const doc *d, size_t a, size_t b);

/* ---- namedoc.c: what the whole document says ---- */

/* Sorts rs; list members after or before an organization noun become ORG. */
void whosaid_namedoc_type_lists(const doc *d, runs *rs);
/* Note the typed runs in nm->doc_people and nm->doc_names. 0 or WHOSAID_ENOMEM. */
int whosaid_namedoc_remember_people(const doc *d, const runs *rs);
/* Lone words typed ORG only by their context that name a person of the
 * document become that person ("a spokeswoman for Haskell"). */
void whosaid_namedoc_people_over_context(const doc *d, runs *rs);
int whosaid_namedoc_remember_names(const doc *d, const runs *rs);
int whosaid_namedoc_remember_companies(const doc *d, const runs *rs);
int whosaid_namedoc_remembered(const doc *d, size_t a, size_t b, int strong_only);
int whosaid_namedoc_refers_to_org(const doc *d, const run *r);
int whosaid_namedoc_is_company_name(const doc *d, size_t a, size_t b, int any_place);
const run *whosaid_namedoc_company_of(const doc *d, size_t a, size_t b);

#endif
