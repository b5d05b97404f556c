/* Values of STAT candidates (values_impl.h): the number (a range's low
 * end borrowing the high end's multiplier), the currency's ISO code from
 * values.c's table, percent, unit, hedges; a bare year or a score is no
 * statistic. Keeps nothing; a candidate costs one parse of each number and
 * one currency lookup. */
#include "whosaid/values_impl.h"

#include <math.h>
#include <string.h>

/* Sets key to a number: an integer when whole, else a real. */
static int set_number(const attrs_of *x, const char *key, double v)
{
    double r = nearbyint(v);
    whosaid_cattr a = {NULL, 0, WHOSAID_CATTR_REAL, {.r = v}};
    /* Every value is at most WHOSAID_NUMBER_MAX (10^18), so a whole one fits
     * a JSON integer; "14.2 million" may come out a hair off 14200000. */
    if (fabs(r) <= WHOSAID_NUMBER_MAX && fabs(v - r) <= 1e-9 * (fabs(v) > 1 ? fabs(v) : 1)) {
        a.kind = WHOSAID_CATTR_INT;
        a.v.i = (json_int_t)r;
    }
    return set(x, key, a);
}

/* The multiplier a number text ends with ("20 million", "10bn"), or 0. */
static double trailing_multiplier(const whosaid_values *v, const char *s, size_t n)
{
    size_t e = n;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '-'))
        e--;
    size_t b = e;
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '-' && !(s[b - 1] >= '0' && s[b - 1] <= '9'))
        b--;
    double m;
    if (b < e && whosaid_number_lookup(v->lex, WHOSAID_NUMBER_MULTIPLIER, s + b, e - b, &m, NULL))
        return m;
    return 0;
}

/* A bare four-digit number from 1000 to 2199 is a year ("in 2012"), not a
 * count, and so is a range of two ("between 2014 and 2016"): the DATE rules
 * tag them. */
static int looks_like_year(const char *s, size_t n)
{
    if (n != 4) return 0;
    for (size_t i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return s[0] == '1' || (s[0] == '2' && s[1] <= '1');
}

/* The unit phrase with its blanks collapsed and trailing punctuation cut,
 * made in place in the list's string store (never longer than the
 * group): no buffer of its own per STAT. */
static int set_unit(const attrs_of *x, const char *s, size_t n)
{
    char *u = whosaid_cands_str(x->cs, s, n);
    if (!u) return WHOSAID_ENOMEM;
    size_t o = 0;
    int gap = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = u[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            gap = o > 0;
            continue;
        }
        if (gap) u[o++] = ' ';
        gap = 0;
        u[o++] = ch;
    }
    while (o > 0 && strchr(".,;:!?'\"-", u[o - 1]))
        o--;
    u[o] = '\0';
    if (!o) {
        del(x, "unit");
        return 0;
    }
    whosaid_cattr a = {NULL, 0, WHOSAID_CATTR_TEXT, {.text = {u, o}}};
    return set(x, "unit", a);
}

/* The attributes a STAT normalizer reads; those before S_UNIT it drops. */
enum {
    S_NORM,
    S_NUM,
    S_NUM_MAX,
    S_CUR,
    S_CUR_AFTER,
    S_CUR_MAX,
    S_PCT,
    S_UNIT,
    S_APPROX,
    S_MIN,
    S_MAX,
    S_NKEYS
};

static const char *const stat_keys[] = {"norm", "num",  "num_max", "cur", "cur_after", "cur_max",
                                        "pct",  "unit", "approx",  "min", "max",       NULL};

int whosaid_valuestat_norm_stat(const whosaid_values *v, const attrs_of *x)
{
    const whosaid_cattr *g[S_NKEYS];
    whosaid_cattr store[S_NKEYS];
    uint32_t where[S_NKEYS];
    whosaid_valueattr_gather(x, stat_keys, g, store, where);
    size_t n = 0, nmax = 0, nu = 0;
    const char *num = sval(g[S_NUM], &n);
    const char *num_max = sval(g[S_NUM_MAX], &nmax);
    const char *unit = sval(g[S_UNIT], &nu);
    whosaid_number_value lo, hi;
    if (!num || whosaid_number_parse(v->lex, num, n, WHOSAID_NUMBER_AUTO, &lo)) return 0;
    size_t ncur = 0;
    const char *cur = sval(g[S_CUR], &ncur);
    if (!cur) cur = sval(g[S_CUR_AFTER], &ncur);
    if (!cur) cur = sval(g[S_CUR_MAX], &ncur);
    int pct = g[S_PCT] != NULL;
    int hedged = g[S_APPROX] || g[S_MIN] || g[S_MAX];
    int has_unit = unit && nu > 0;
    if (!cur && !pct && !has_unit && looks_like_year(num, n) &&
        (num_max ? looks_like_year(num_max, nmax) : !hedged))
        return 0;
    if (num_max) {
        if (whosaid_number_parse(v->lex, num_max, nmax, WHOSAID_NUMBER_AUTO, &hi)) return 0;
        /* "10 to 20 million": the low end borrows the high end's multiplier. */
        double m = trailing_multiplier(v, num_max, nmax);
        if (m > 1 && !trailing_multiplier(v, num, n) && lo.value * m <= hi.value) lo.value *= m;
        /* "52-35" is a score, not a range. */
        if (lo.value > hi.value) return 0;
    }
    int rc = 0;
    const char *code = NULL;
    if (cur) {
        char key[PHRASE_MAX];
        long k = whosaid_values_fold_phrase(cur, ncur, key, sizeof key);
        uint64_t idx;
        if (k > 0 && whosaid_hashmap_get(v->currency, key, (size_t)k, &idx) && idx < v->ncodes)
            code = v->codes[idx]; /* lives as long as v */
    }
    if (has_unit && (rc = set_unit(x, unit, nu))) return rc;
    if (!has_unit && g[S_UNIT]) del(x, "unit");
    if (set_number(x, "value", lo.value)) return WHOSAID_ENOMEM;
    if (num_max && set_number(x, "value_max", hi.value)) return WHOSAID_ENOMEM;
    if (code && code[0] && set_string(x, "currency", code)) return WHOSAID_ENOMEM;
    if (pct && set_true(x, "percent")) return WHOSAID_ENOMEM;
    if (whosaid_valueattr_hedge_flags(x)) return WHOSAID_ENOMEM;
    if ((lo.vague || (num_max && hi.vague)) && set_true(x, "vague")) return WHOSAID_ENOMEM;
    /* The keys gathered are still there, in their places: only "unit",
     * "min" and "max" were replaced or deleted above. */
    whosaid_valueattr_drop_gathered(x, S_UNIT, g, where);
    return 1;
}
