/* The role lexicon of whosaid-resolve (the .rules files of rules/resolve/): honorifics
 * ("Mr.", "Ms."), role nouns ("spokesman", "director", "chief executive")
 * with gender and a group that says which nouns name the same role, and
 * organization nouns ("the ministry", "the company") with what they match,
 * and the determiners and prepositions around them ("the", "of").
 *
 * One hash map keyed by kind and lower-cased phrase (a trailing period
 * dropped, so "Mr" and "Mr." are one key); lookups are O(1) and allocate
 * nothing; they keep recent answers in a cache inside the lexicon (emptied
 * by a load), so one lexicon is not for two threads at once. Entries and their strings live in one
 * growing array owned by the lexicon. */
#ifndef WHOSAID_ROLES_H
#define WHOSAID_ROLES_H

#include <stddef.h>

#include "whosaid/error.h"

typedef struct whosaid_roles whosaid_roles;

enum {
    WHOSAID_ROLE_HONORIFIC = 1, /* "Mr.": gender only */
    WHOSAID_ROLE_NOUN = 2,      /* "spokesman" */
    WHOSAID_ROLE_ORGNOUN = 3,   /* "ministry" in "the ministry" */
    WHOSAID_ROLE_DETERMINER =
        4, /* "the", "a", "its": before a role; group "definite" refers back */
    WHOSAID_ROLE_PREPOSITION = 5, /* "of", "for", "at": ties a role or person to an organization */
    WHOSAID_ROLE_KINDCUE = 6,     /* "Inc", "shares of": evidence of an organization's kind when
                                     the gazetteer gives none; group "suffix=company" ... */
    WHOSAID_ROLE_RANK = 7,        /* "shadow", "prime": before a role noun, another office
                                     ("the chancellor" is not the shadow chancellor) */
    WHOSAID_ROLE_STOP = 8         /* "said", "that", "would": no modifier of a role noun; a
                                     role phrase read back from its noun ends before it */
};
/* Kinds are 1 .. WHOSAID_ROLE_KINDS - 1. */
#define WHOSAID_ROLE_KINDS 9
enum { WHOSAID_GENDER_NONE = 0, WHOSAID_GENDER_MALE = 1, WHOSAID_GENDER_FEMALE = 2 };

/* Longest phrase, in words, that a role noun or organization noun may have. */
#define WHOSAID_ROLES_MAX_WORDS 4

typedef struct whosaid_role_entry {
    int kind;
    int gender;         /* WHOSAID_GENDER_* */
    const char *phrase; /* as written in the file */
    const char *group;  /* role nouns: the group ("spokesperson"), the phrase itself by default;
                           organization nouns: "head", the attribute test "kind=company",
                           or "head|kind=company" (the head first, then the kind);
                           kind cues: "suffix=VALUE" (the last word of the name),
                           "before=VALUE" / "after=VALUE" (words right before / after a
                           mention), "not=VALUE" (a word of the name that rules VALUE out) */
    const char *where;  /* "rules/resolve/roles.rules:12", for the "rule" of a mention */
} whosaid_role_entry;

/* An empty lexicon; NULL on ENOMEM. */
whosaid_roles *whosaid_roles_new(void);
void whosaid_roles_free(whosaid_roles *r);

/* Adds the entries of the rule file at path, shown in messages and "where"
 * as display (path when NULL). A later entry of the same kind and phrase
 * replaces an earlier one (so user files override defaults). Returns 0, or a
 * WHOSAID_E* code with err naming the file and line. */
int whosaid_roles_load(whosaid_roles *r, const char *path, const char *display, whosaid_error *err);

/* The entry of kind for phrase[0..len) (any case; a trailing '.' ignored;
 * blanks inside compared as one space), or NULL. The entry is owned by r. */
const whosaid_role_entry *whosaid_roles_find(const whosaid_roles *r, int kind, const char *phrase,
                                             size_t len);

/* 0 when no phrase of kind that starts with the word word[0..len) (a token:
 * no blanks in it) can be in r, so a caller trying several lengths of
 * phrase from one word can stop at once; 1 when one may be. */
int whosaid_roles_may_start(const whosaid_roles *r, int kind, const char *word, size_t len);

/* Number of entries loaded. */
size_t whosaid_roles_count(const whosaid_roles *r);

/* "male", "female" or NULL. */
const char *whosaid_gender_name(int gender);

#endif
