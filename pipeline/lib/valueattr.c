/* Reading a DATE, DURATION, TIME or STAT candidate's attributes for the
 * normalizers (values_impl.h): the named groups and static attributes a
 * rule wrote, found and dropped in one pass over the candidate's pooled
 * attributes (a handful), and the small parsers of their text (digits, a
 * signed integer, a unit of time, a count). Keeps nothing; each call is
 * O(attributes) or O(length of the text). */
#include "whosaid/values_impl.h"

/* Whether s[0, n) is the word lit: is() without its two calls, for the
 * gathering loop (most keys differ early). */
static inline int key_is(const char *lit, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!lit[i] || lit[i] != s[i]) return 0;
    return !lit[n];
}

/* Fills got[i] with attribute keys[i] (NULL-terminated list; NULL when
 * absent) in one pass over the attributes, a handful, rather than a lookup
 * per key (a normalizer reads up to seventeen, most absent). The values
 * are copied to store[i]: they stay while attributes are set. where[i] is
 * the attribute's place in the candidate's list, for
 * whosaid_valueattr_drop_gathered (setting an attribute keeps the places:
 * a moved list keeps its order, a new attribute goes at the end). */
void whosaid_valueattr_gather(const attrs_of *x, const char *const *keys, const whosaid_cattr **got,
                              whosaid_cattr *store, uint32_t *where)
{
    size_t nk = 0;
    while (keys[nk])
        got[nk++] = NULL;
    for (size_t j = 0; j < x->c->npool; j++) {
        const whosaid_cattr *a = nth(x, j);
        if (a->kind == WHOSAID_CATTR_GONE) continue;
        for (size_t k = 0; k < nk; k++)
            if (keys[k][0] == a->key[0] && key_is(keys[k], a->key, a->klen)) {
                /* the first one is what a lookup of the key finds */
                if (!got[k]) where[k] = (uint32_t)j;
                store[k] = *a;
                got[k] = &store[k];
                break;
            }
    }
}

/* A small signed integer written in a static attribute ("-1", "+2", "4"). */
int whosaid_valueattr_int_of(const whosaid_cattr *j, long *out)
{
    size_t n;
    const char *s = sval(j, &n);
    if (!s || n == 0 || n > 6) return 0;
    size_t i = (s[0] == '-' || s[0] == '+');
    if (i == n) return 0;
    long x = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        x = x * 10 + (s[i] - '0');
    }
    *out = s[0] == '-' ? -x : x;
    return 1;
}

/* Leading digits of s (at most 9), skipping leading apostrophes; *ndig the
 * digits read, *rest what follows them. -1 when there are none. */
long whosaid_valueattr_lead_digits(const char *s, size_t n, int *ndig, const char **rest)
{
    size_t i = 0;
    for (;;) {
        if (i < n && s[i] == '\'') {
            i++;
        } else if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
            i += 3; /* ’ or ‘ */
        } else {
            break;
        }
    }
    long x = 0;
    int d = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && d < 9) {
        x = x * 10 + (s[i++] - '0');
        d++;
    }
    if (ndig) *ndig = d;
    if (rest) *rest = s + i;
    return d ? x : -1;
}

/* One pass over the attributes (a handful) rather than a lookup of each
 * of the keys (up to seventeen, most absent). */
void whosaid_valueattr_drop_keys(const attrs_of *x, const char *const *keys)
{
    for (size_t j = 0; j < x->c->npool; j++) {
        whosaid_cattr *a = nth(x, j);
        if (a->kind == WHOSAID_CATTR_GONE) continue;
        for (const char *const *k = keys; *k; k++)
            if ((*k)[0] == a->key[0] && is(a->key, a->klen, *k)) {
                a->kind = WHOSAID_CATTR_GONE;
                break;
            }
    }
}

/* Deletes the first nk gathered attributes that were there (gather's got
 * and where) in place: a lookup of each key by name cost as much again as
 * gathering them. The same as deleting them by name while none of those
 * attributes was deleted since. */
void whosaid_valueattr_drop_gathered(const attrs_of *x, size_t nk, const whosaid_cattr *const *got,
                                     const uint32_t *where)
{
    for (size_t k = 0; k < nk; k++)
        if (got[k]) nth(x, where[k])->kind = WHOSAID_CATTR_GONE;
}

/* The unit names a rule writes in gran=: a whosaid_timex_gran, or 0. */
int whosaid_valueattr_gran_of(const char *s, size_t n)
{
    static const struct {
        const char *name;
        int gran;
    } t[] = {{"second", WHOSAID_TIMEX_SECOND}, {"minute", WHOSAID_TIMEX_MINUTE},
             {"hour", WHOSAID_TIMEX_HOUR},     {"day", WHOSAID_TIMEX_DAY},
             {"week", WHOSAID_TIMEX_WEEK},     {"month", WHOSAID_TIMEX_MONTH},
             {"quarter", GRAN_QUARTER},        {"year", WHOSAID_TIMEX_YEAR},
             {"decade", WHOSAID_TIMEX_DECADE}, {"century", WHOSAID_TIMEX_CENTURY}};
    for (size_t i = 0; s && i < sizeof t / sizeof *t; i++)
        if (is(s, n, t[i].name)) return t[i].gran;
    return 0;
}

/* A count: digits, number words, an article alone ("a year ago") = 1.
 * 1 with *out, 0 for a vague count ("several"), -1 when not a number. */
int whosaid_valueattr_count_of(const whosaid_values *v, const char *s, size_t n, double *out)
{
    whosaid_number_value nv;
    if (whosaid_number_parse(v->lex, s, n, WHOSAID_NUMBER_AUTO, &nv) == 0) {
        *out = nv.value;
        return nv.vague ? 0 : 1;
    }
    if (whosaid_number_lookup(v->lex, WHOSAID_NUMBER_ARTICLE, s, n, NULL, NULL)) {
        *out = 1;
        return 1;
    }
    return -1;
}

/* approx, min and max groups (hedges) become "approx": true or "bound". */
int whosaid_valueattr_hedge_flags(const attrs_of *x)
{
    /* One pass over the keys (a handful) for the three names, instead of
     * five lookups of names that are mostly absent. */
    enum { APPROX = 1, MIN = 2, MAX = 4 };
    unsigned seen = 0;
    for (size_t j = 0; j < x->c->npool; j++) {
        const whosaid_cattr *a = nth(x, j);
        if (a->kind == WHOSAID_CATTR_GONE) continue;
        const char *k = a->key;
        size_t n = a->klen;
        if (n == 6 && !memcmp(k, "approx", 6))
            seen |= APPROX;
        else if (n == 3 && !memcmp(k, "min", 3))
            seen |= MIN;
        else if (n == 3 && !memcmp(k, "max", 3))
            seen |= MAX;
    }
    if (!seen) return 0;
    int rc = 0;
    if (seen & APPROX) rc = set_true(x, "approx");
    if (!rc && (seen & MIN))
        rc = set_string(x, "bound", "min");
    else if (!rc && (seen & MAX))
        rc = set_string(x, "bound", "max");
    if (seen & MIN) del(x, "min");
    if (seen & MAX) del(x, "max");
    return rc;
}
