/* The claims lexicon: everything language-specific whosaid-claims knows,
 * loaded from rule files users extend without recompiling (formats in
 * rules/README.md, "rules/claims/"):
 *
 *   cues.rules       cue verbs, every inflection, with a class
 *   frames.rules     source frames ("according to")
 *   speakers.rules   word classes: generic speakers, role nouns, words that
 *                    may stand between a speaker and its verb, hearers ...
 *   pronouns.rules   pronouns with gender, number and the types they refer to
 *   first-names.txt  given names with gender (rules/names/, shared with tag)
 *
 * One hash map from the lower-cased phrase to an entry with every class
 * the phrase has (given names in a map of their own): a lookup is O(1)
 * expected and answers for all classes at once; memory is about 100 bytes
 * per phrase plus the strings, and one entry more per word prefix of each
 * phrase of several words. Phrases of several words are keyed with single
 * spaces between words. A cache of recent answers (32 KiB) makes lookups
 * of the common words cheaper still. */
#ifndef WHOSAID_CUES_H
#define WHOSAID_CUES_H

#include <stddef.h>

#include "whosaid/error.h"

/* Speaker types, as bits so a pronoun can accept several. */
enum {
    WHOSAID_SPK_PERSON = 1,
    WHOSAID_SPK_ORG = 2,
    WHOSAID_SPK_COUNTRY = 4,
    WHOSAID_SPK_GENERIC = 8
};

enum { WHOSAID_GENDER_UNKNOWN = 0, WHOSAID_GENDER_MALE = 1, WHOSAID_GENDER_FEMALE = 2 };

/* Word classes of speakers.rules (a word may have several). */
enum {
    WHOSAID_WORD_GENERIC = 1 << 0,  /* an unnamed group that speaks: analysts, officials */
    WHOSAID_WORD_ROLE = 1 << 1,     /* a role noun: official, spokesman, envoy */
    WHOSAID_WORD_AUX = 1 << 2,      /* may stand between speaker and verb: has, also */
    WHOSAID_WORD_HEARER = 1 << 3,   /* a told-object that is not a name: reporters */
    WHOSAID_WORD_ADJUNCT = 1 << 4,  /* starts a phrase after the verb that is not content: at, in */
    WHOSAID_WORD_BOUNDARY = 1 << 5, /* ends a speaker phrase looking back: and, but, after */
    WHOSAID_WORD_HONORIFIC = 1 << 6,  /* Mr., Ms.: gives a person's gender */
    WHOSAID_WORD_DETERMINER = 1 << 7, /* a, an, the: dropped from a generic speaker */
    WHOSAID_WORD_ORGHEAD = 1 << 8,    /* heads an unnamed organization: ministry, company */
    WHOSAID_WORD_COORD = 1 << 9,      /* joins two clauses: and, but */
    WHOSAID_WORD_LINK = 1 << 10,      /* ties a generic group to what it knows: familiar with */
    WHOSAID_WORD_ANAPHOR = 1 << 11,  /* refers back to a generic speaker: the people, the sources */
    WHOSAID_WORD_DOCUMENT = 1 << 12, /* the document an earlier speaker spoke in: the statement */
    WHOSAID_WORD_VOICE =
        1 << 13, /* a role that speaks for the organization just named: spokesman */
    WHOSAID_WORD_PARTY = 1 << 14, /* names a party or body (its org): Labour, Democrats, Tory */
    WHOSAID_WORD_PUBLICATION = 1 << 15, /* a document that is a source itself: study, survey */
    WHOSAID_WORD_RANK = 1 << 16,        /* makes another office of a role: prime, deputy, shadow */
    WHOSAID_WORD_OFFICE = 1 << 17,      /* a role's portfolio: foreign, finance, defence */
    WHOSAID_WORD_UTTERANCE = 1 << 18,   /* names something said: accusation, claims, report */
    WHOSAID_WORD_REFUSAL = 1 << 19,     /* says nothing after a negation: (would not) comment */
    WHOSAID_WORD_BEFORE_NOUN = 1 << 20, /* a cue form after it is a noun: his (remarks), in */
    WHOSAID_WORD_PORTFOLIO = 1 << 21,   /* "for X" after it is its portfolio: minister, envoy */
    WHOSAID_WORD_NEWSROOM = 1 << 22,    /* a broadcaster's own role in a turn label: host, byline */
    WHOSAID_WORD_MANNER = 1 << 23 /* how a speaker spoke, before a colon and a quotation: blunt */
};

typedef struct whosaid_cue {
    const char *lemma;    /* "say" */
    const char *cls;      /* "statement", "denial", ... ("report" for outlets' verbs) */
    const char *particle; /* a word that must follow ("on" in "called on"), or NULL */
    int object;           /* 1: may take a hearer before its content ("told Reuters that") */
    int clause;           /* 1: reports speech only with a clause or a quotation
                             ("promised to", "promised that"), not with a noun
                             phrase ("promised 500 million euros") */
    int silent;           /* 1: tells that the subject said nothing ("declined to
                             comment"): never a claim, but a clause of its own
                             that ends the content of a claim before it */
    int that;             /* 1: reports speech only before a that-clause or a
                             quotation ("agreed that ..."): "agreed to hold
                             talks" is an act */
    int participle;       /* 1: an -ing form, a cue only right after a comma
                             that follows a claim of its sentence ("..., adding
                             that ...") or in "was quoted as saying" */
    int utterance;        /* 1: with a noun phrase for object, reports speech
                             only when the phrase names something said
                             ("rejected the accusation"), not an act
                             ("rejected a defence request", "added a late
                             third") */
    int naming;           /* 1: characterizes its object with a quotation
                             ("called the move 'a betrayal'", "described it
                             as 'reckless'"), the quotation the content; kept
                             beside the form's plain verb entry, if any */
} whosaid_cue;

typedef struct whosaid_pronoun {
    int gender;     /* WHOSAID_GENDER_* */
    int plural;     /* 1 for they */
    int types;      /* WHOSAID_SPK_* bits it may refer to */
    int relative;   /* 1 for who/which: refers to the name right before it */
    int possessive; /* 1 for its: owns a role ("its spokesman"), never a speaker itself */
} whosaid_pronoun;

/* Everything the lexicon knows of one word or phrase. */
typedef struct whosaid_cue_entry {
    const whosaid_cue *verb;        /* cues.rules, or NULL */
    const whosaid_cue *naming;      /* cues.rules' naming line for the form, or NULL */
    const char *frame;              /* frames.rules class, or NULL */
    const whosaid_pronoun *pronoun; /* pronouns.rules, or NULL */
    int word;                       /* WHOSAID_WORD_* bits (speakers.rules), 0 if none */
    int gender;                     /* the gender a role noun or honorific implies */
    const char *org;                /* the organization a party word names, or NULL */
    int longer;       /* 1: some phrase of several words starts with these words and a space */
    int longer_frame; /* 1: some frames.rules phrase does: a word with no frame and no
                         longer_frame starts no source frame */
    int longer_word;  /* WHOSAID_WORD_* bits of the speakers.rules phrases that do */
} whosaid_cue_entry;

typedef struct whosaid_cues whosaid_cues;

/* An empty lexicon; NULL on ENOMEM. */
whosaid_cues *whosaid_cues_new(void);
void whosaid_cues_free(whosaid_cues *c);

/* Loads a rule file (kind from its name: cues.rules, frames.rules,
 * speakers.rules, pronouns.rules, first-names.txt; a name may carry a prefix,
 * "my-cues.rules") or every such file of a directory, in name order. Later
 * entries replace earlier ones. 0, or a WHOSAID_E* code with err naming file
 * and line. */
int whosaid_cues_load(whosaid_cues *c, const char *path, whosaid_error *err);

/* Lookups take a lower-cased word or phrase (words joined by one space).
 * Returned pointers are owned by c and hold until the next load. Lookups
 * keep recent answers in a cache inside c (a load empties it), so one
 * lexicon is not for two threads at once. */
/* The entry of a word or phrase, NULL when the lexicon has none: one hash
 * for every class (the functions below each make one). */
const whosaid_cue_entry *whosaid_cues_lookup(const whosaid_cues *c, const char *key, size_t len);
const whosaid_cue *whosaid_cues_verb(const whosaid_cues *c, const char *key, size_t len);
/* The class of a source frame ("source" for "according to"), or NULL. */
const char *whosaid_cues_frame(const whosaid_cues *c, const char *key, size_t len);
/* WHOSAID_WORD_* bits of a word or phrase (0 when unknown); *gender (may be
 * NULL) receives the gender a role noun or honorific implies. */
int whosaid_cues_word(const whosaid_cues *c, const char *key, size_t len, int *gender);
const whosaid_pronoun *whosaid_cues_pronoun(const whosaid_cues *c, const char *key, size_t len);
/* Gender of a given name (case as written in the name list is ignored). */
int whosaid_cues_first_name(const whosaid_cues *c, const char *key, size_t len);

/* 1 if some phrase of several words loaded (any kind) starts with the
 * words of key followed by a space: a phrase reader may stop growing key
 * when this is 0. */
int whosaid_cues_longer(const whosaid_cues *c, const char *key, size_t len);
/* The most words in any multi-word phrase loaded (frames, speakers). */
size_t whosaid_cues_max_words(const whosaid_cues *c);
/* Entries loaded, for --check. */
size_t whosaid_cues_count(const whosaid_cues *c);

#endif
