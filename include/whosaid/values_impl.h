/* PRIVATE to the value normalizers (pipeline/lib/values.c, valueattr.c,
 * valuedate.c, valuestat.c): the layout of whosaid_values, the candidate
 * being normalized and the calls between those files. Not a public
 * interface: nothing else includes it; the public one is values.h. Short
 * unprefixed names (attrs_of, sval, set_copy ...) are kept because only
 * these files see them; functions one file calls in another are named
 * after the file that holds them (whosaid_valueattr_*, whosaid_valuedate_*,
 * whosaid_valuestat_*; whosaid_values_fold_phrase for values.c).
 *
 * The jobs: values.c loads the language data (calendar, number lexicon,
 * currency table, tense cues), defines the patterns the rules use, and
 * holds the public API (dispatch on norm=); valueattr.c reads and drops
 * the rule's named groups and static attributes; valuedate.c makes TIMEX3
 * values of DATE, DURATION and TIME; valuestat.c the numbers, ranges,
 * currencies and units of STAT. */
#ifndef WHOSAID_VALUES_IMPL_H
#define WHOSAID_VALUES_IMPL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "whosaid/calendar.h"
#include "whosaid/cands.h"
#include "whosaid/hashmap.h"
#include "whosaid/number.h"
#include "whosaid/tense.h"
#include "whosaid/values.h"

/* Longest currency phrase, folded, that a lookup considers. */
#define PHRASE_MAX 128

struct whosaid_values {
    whosaid_calendar *cal;
    whosaid_number_lexicon *lex;
    whosaid_hashmap *currency; /* folded phrase -> index into codes */
    char (*codes)[4];          /* ISO codes, NUL-terminated */
    size_t ncodes;
    whosaid_tense *tense; /* cues for the direction of relative dates, or NULL */
};

/* The candidate being normalized: its attributes are pooled in its list
 * (cands.h), pointers to the rule's values and the text's slices. */
typedef struct attrs_of {
    whosaid_cands *cs;
    whosaid_cand *c;
} attrs_of;

/* Attribute k (0 <= k < c->npool, gone or not): the pool may move when an
 * attribute is set, so it is looked up again each time. */
static inline whosaid_cattr *nth(const attrs_of *x, size_t k)
{
    return &x->cs->pool[x->c->a0 + k];
}

/* The text of an attribute, or NULL when absent (or not a string). */
static inline const char *sval(const whosaid_cattr *a, size_t *len)
{
    if (!a) return NULL;
    if (a->kind == WHOSAID_CATTR_TEXT) {
        if (len) *len = a->v.text.n;
        return a->v.text.s;
    }
    if (a->kind != WHOSAID_CATTR_JSON || !json_is_string(a->v.json)) return NULL;
    if (len) *len = json_string_length(a->v.json);
    return json_string_value(a->v.json);
}

/* The text of attribute key, or NULL when absent (or not a string). */
static inline const char *attr(const attrs_of *x, const char *key, size_t *len)
{
    return sval(whosaid_cands_attr_get(x->cs, x->c, key, strlen(key)), len);
}

static inline int has(const attrs_of *x, const char *key)
{
    return whosaid_cands_attr_get(x->cs, x->c, key, strlen(key)) != NULL;
}

/* Whether s[0, n) is the word lit. */
static inline int is(const char *s, size_t n, const char *lit)
{
    return s && n == strlen(lit) && !memcmp(s, lit, n);
}

/* The set_ helpers take keys written in the normalizers (literals: they outlive
 * the list). */
static inline int set(const attrs_of *x, const char *key, whosaid_cattr a)
{
    a.key = key;
    a.klen = (uint32_t)strlen(key);
    return whosaid_cands_attr_set(x->cs, x->c, a);
}

/* Sets key to s, which outlives the list (a literal, the text, a table). */
static inline int set_string(const attrs_of *x, const char *key, const char *s)
{
    whosaid_cattr a = {NULL, 0, WHOSAID_CATTR_TEXT, {.text = {s, strlen(s)}}};
    return set(x, key, a);
}

/* Sets key to a copy of s[0, n) (a buffer of the caller's). */
static inline int set_copy(const attrs_of *x, const char *key, const char *s, size_t n)
{
    const char *kept = whosaid_cands_str(x->cs, s, n);
    whosaid_cattr a = {NULL, 0, WHOSAID_CATTR_TEXT, {.text = {kept, n}}};
    return kept ? set(x, key, a) : WHOSAID_ENOMEM;
}

static inline int set_true(const attrs_of *x, const char *key)
{
    whosaid_cattr a = {NULL, 0, WHOSAID_CATTR_JSON, {.json = json_true()}};
    return set(x, key, a);
}

static inline void del(const attrs_of *x, const char *key)
{
    whosaid_cands_attr_del(x->cs, x->c, key, strlen(key));
}

/* whosaid_valueattr_gran_of's value for "quarter", which whosaid_timex_gran lacks. */
enum { GRAN_QUARTER = 100 };

/* ---- values.c ---- */

/* A phrase as the currency table keys it (lower-cased, one space between
 * words). Its length, or -1 when it does not fit out[cap]. */
long whosaid_values_fold_phrase(const char *s, size_t len, char *out, size_t cap);

/* ---- valueattr.c: reading a rule's attributes ---- */

void whosaid_valueattr_gather(const attrs_of *x, const char *const *keys, const whosaid_cattr **got,
                              whosaid_cattr *store, uint32_t *where);
void whosaid_valueattr_drop_keys(const attrs_of *x, const char *const *keys);
void whosaid_valueattr_drop_gathered(const attrs_of *x, size_t nk, const whosaid_cattr *const *got,
                                     const uint32_t *where);
int whosaid_valueattr_int_of(const whosaid_cattr *j, long *out);
long whosaid_valueattr_lead_digits(const char *s, size_t n, int *ndig, const char **rest);
int whosaid_valueattr_gran_of(const char *s, size_t n);
int whosaid_valueattr_count_of(const whosaid_values *v, const char *s, size_t n, double *out);
int whosaid_valueattr_hedge_flags(const attrs_of *x);

/* ---- the normalizers: 1 keep, 0 drop the candidate, or WHOSAID_ENOMEM ---- */

int whosaid_valuedate_norm_date(const whosaid_values *v, const char *text, size_t len,
                                const attrs_of *x, const whosaid_anchor *a);
int whosaid_valuedate_norm_duration(const whosaid_values *v, const attrs_of *x);
int whosaid_valuedate_norm_time(const whosaid_values *v, const attrs_of *x);
int whosaid_valuestat_norm_stat(const whosaid_values *v, const attrs_of *x);

#endif
