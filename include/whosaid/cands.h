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
 * so a user rule can switch a default off. Sorting costs O(n log n).
 *
 * A candidate's attributes are a jansson object (attrs: gazetteer and name
 * candidates), or a run of whosaid_cattr in the list's attribute pool (a
 * regex rule's: its static attributes and named groups as pointers, no
 * values built). Most regex candidates lose the overlap resolution or are
 * dropped by values normalizing, so their attributes are made into JSON
 * text only when a span is written; the pool and its string store are
 * emptied with the list, so a document costs no allocation once they have
 * grown to its size. An attribute set on a pooled candidate replaces the
 * value of a key it has (the key keeps its place) or goes last; a deleted
 * one is marked gone: the order is the one a jansson object would keep. */
#ifndef WHOSAID_CANDS_H
#define WHOSAID_CANDS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* What a pooled attribute holds. */
enum {
    WHOSAID_CATTR_GONE, /* deleted: skipped */
    WHOSAID_CATTR_JSON, /* a borrowed jansson value (a rule's static attribute) */
    WHOSAID_CATTR_TEXT, /* a string: a slice of the document, or of the string store */
    WHOSAID_CATTR_INT,
    WHOSAID_CATTR_REAL
};

typedef struct whosaid_cattr {
    const char *key; /* key[0, klen) (not NUL-terminated): lives as long as the
                      * list's contents */
    uint32_t klen;
    int kind;
    union {
        const json_t *json;
        struct {
            const char *s; /* valid UTF-8, not NUL-terminated */
            size_t n;
        } text;
        json_int_t i;
        double r;
    } v;
} whosaid_cattr;

typedef struct whosaid_cand {
    size_t start, end; /* byte offsets into the text, end exclusive */
    const char *type;  /* owned by the rule set that made it */
    int priority;
    int user;         /* 1 if from a user rule file */
    long order;       /* load order of the rule (file index * 2^20 + line) */
    const char *file; /* rule file, owned by the rule set */
    long line;
    json_t *attrs; /* owned: canonical, country, value ... (may be NULL); the
                    * pooled attributes may borrow its values */
    size_t a0;     /* npool > 0: the attributes are the list's pool[a0, a0 + npool) */
    size_t npool;  /* 0: the attributes are attrs */
} whosaid_cand;

struct whosaid_cands_strs; /* string store chunks */

typedef struct whosaid_cands {
    whosaid_cand *v;
    size_t n, cap;
    whosaid_cattr *pool; /* pooled attributes of the candidates */
    size_t npool, pool_cap;
    struct whosaid_cands_strs *strs;
} whosaid_cands;

#define WHOSAID_CANDS_INIT                                                                         \
    {                                                                                              \
        NULL, 0, 0, NULL, 0, 0, NULL                                                               \
    }

/* Appends c, taking ownership of c.attrs (released on failure too).
 * 0 or WHOSAID_ENOMEM. */
int whosaid_cands_push(whosaid_cands *cs, whosaid_cand c);
/* Releases every candidate's attrs and empties the list, its attribute
 * pool and string store (keeps capacity). */
void whosaid_cands_clear(whosaid_cands *cs);
void whosaid_cands_free(whosaid_cands *cs);

/* Keeps the winners by the precedence above, sorted by start. 0 or ENOMEM. */
int whosaid_cands_resolve(whosaid_cands *cs);

/* Whether candidate c of cs stays: 1 yes, 0 no (as if it had never been
 * proposed), < 0 an error code. May set c's attributes. */
typedef int (*whosaid_cands_keep_fn)(void *ctx, whosaid_cands *cs, whosaid_cand *c);
/* whosaid_cands_resolve, with keep asked about each candidate that overlaps
 * no span kept so far, in precedence order: the same spans as dropping
 * every candidate keep refuses first and resolving after, but asking only
 * about those that can still win (values normalizing is costly, and a
 * loser's value was computed for nothing). keep may be NULL. 0, or keep's
 * error (the list is then empty). */
int whosaid_cands_resolve_filtered(whosaid_cands *cs, whosaid_cands_keep_fn keep, void *ctx);

/* ---- Pooled attributes ----------------------------------------------- */

/* Appends attribute a to c, which is being made (its run ends the pool:
 * c->a0 = cs->npool and c->npool = 0 before the first), replacing the value
 * of a key c already has. 0 or WHOSAID_ENOMEM. */
int whosaid_cands_attr_add(whosaid_cands *cs, whosaid_cand *c, whosaid_cattr a);
/* Appends v[0, n) to c, which is being made (as whosaid_cands_attr_add),
 * in one copy: their keys must be distinct and none of c's yet (not
 * checked), as those of a run whosaid_cands_attr_add made in another list.
 * v must not be in cs's pool. 0 or WHOSAID_ENOMEM. */
int whosaid_cands_attr_append(whosaid_cands *cs, whosaid_cand *c, const whosaid_cattr *v, size_t n);
/* Sets key of pooled candidate c (moving its run to the end of the pool
 * when another follows it). 0 or WHOSAID_ENOMEM. */
int whosaid_cands_attr_set(whosaid_cands *cs, whosaid_cand *c, whosaid_cattr a);
/* The attribute key of pooled candidate c, or NULL. Valid until the next
 * set on the list. */
whosaid_cattr *whosaid_cands_attr_get(const whosaid_cands *cs, const whosaid_cand *c,
                                      const char *key, size_t klen);
/* Deletes key from pooled candidate c, if it has it. */
void whosaid_cands_attr_del(whosaid_cands *cs, whosaid_cand *c, const char *key, size_t klen);
/* Pools c's jansson attributes (borrowed; c keeps attrs), so the calls above
 * apply; nothing when c is pooled or has no attributes. 0 or ENOMEM. */
int whosaid_cands_pool_json(whosaid_cands *cs, whosaid_cand *c);
/* A copy of s[0, n) in the list's string store, NUL-terminated, valid until
 * the list is cleared (the caller may rewrite it in place, not past n);
 * NULL on ENOMEM. */
char *whosaid_cands_str(whosaid_cands *cs, const char *s, size_t n);
/* A reference to c's attributes as a jansson object, made for a pooled
 * candidate (NULL when it has none, or on ENOMEM), for callers that want
 * one (tests); the caller json_decref's it. */
json_t *whosaid_cands_attrs_json(const whosaid_cands *cs, const whosaid_cand *c);

#endif
