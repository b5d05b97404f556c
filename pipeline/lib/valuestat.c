/* Values of STAT candidates (values_impl.h): the number (a range's low
 * end borrowing the high end's multiplier), the currency's ISO code from
 * values.c's table, percent, unit, hedges; a bare year or a score is no
 * statistic. Keeps nothing; a candidate costs one parse of each number and
 * one currency lookup. Also the document-level pass that makes a model's
 * number named after its maker ("the Boeing 787") no count where it recurs
 * bare ("the 787 will seat"): a scan of the candidates, twice only in a
 * document that names such a model. */
#include "whosaid/names.h"
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

/* ---- Model numbers named in the document ---------------------------------- */

/* At most this many model numbers per document are remembered (an article
 * names a few models; more go unnoticed, not wrong). */
#define MODEL_KEYS 8

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static int is_ascii_letter(char ch)
{
    return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
}

/* The leading digits of the model a product block ends with ("the Boeing
 * 787" 787, "a Boeing 737-800" 737), or n = 0 when its last word does not
 * start with two digits or more ("a Chevrolet Tahoe", "an Airbus A380"). */
static const char *block_model_number(const char *text, const whosaid_cand *c, size_t *n)
{
    size_t b = c->end;
    while (b > c->start &&
           (is_digit(text[b - 1]) || text[b - 1] == '-' || is_ascii_letter(text[b - 1])))
        b--;
    size_t e = b;
    while (e < c->end && is_digit(text[e]))
        e++;
    *n = e - b >= 2 ? e - b : 0;
    return text + b;
}

/* Whether STAT candidate c is its first n digits and nothing but a model's
 * variant after a hyphen: no hedge, currency, percent or multiplier ("the
 * 787 will seat", "787 jets", "737-800", which the range rule reads as 737
 * to 800; not "about 787 jobs", "787 million", "$787"). */
static int bare_number(whosaid_cands *cs, whosaid_cand *c, const char *text, size_t n)
{
    attrs_of x = {cs, c};
    size_t nnum = 0, nmax = 0;
    const char *num = attr(&x, "num", &nnum);
    if (num != text + c->start || nnum != n || has(&x, "pct") || has(&x, "cur") ||
        has(&x, "cur_after"))
        return 0;
    const char *num_max = attr(&x, "num_max", &nmax);
    return !num_max || num_max == num + n + 1;
}

static int is_upper(char ch)
{
    return ch >= 'A' && ch <= 'Z';
}

/* Three or four digits that are no year ("the 1990s") and no round hundred
 * ("in the 300s"): what written_as_model looks for. */
static int model_shape(const char *num, size_t n)
{
    return n >= 3 && n <= 4 && !looks_like_year(num, n) &&
           !(num[n - 1] == '0' && num[n - 2] == '0');
}

/* Whether text writes num[0, n) (model_shape) as a model somewhere: in the
 * plural ("5,700 737s", "orders for 787s") or with a variant ("the
 * 777-200LR", "the 787-8"). */
static int written_as_model(const char *text, size_t len, const char *num, size_t n)
{
    const char *end = text + len;
    /* memchr, not memmem: glibc's memmem sets up a table per call, which
     * costs more than the search in a news article */
    for (const char *p = text; (p = memchr(p, num[0], (size_t)(end - p))) != NULL; p++) {
        const char *q = p + n;
        if ((size_t)(end - p) < n || memcmp(p, num, n) != 0 ||
            (p > text && (is_digit(p[-1]) || is_ascii_letter(p[-1]))))
            continue;
        if (q < end && q[0] == 's' && (q + 1 == end || !is_ascii_letter(q[1]))) return 1;
        if (q + 1 < end && q[0] == '-' && is_digit(q[1])) {
            const char *v = q + 1;
            while (v < end && is_digit(*v))
                v++;
            /* "787-8": a variant smaller than a range's end could be */
            if (v - q == 2 && (v == end || (!is_upper(*v) && !is_digit(*v)))) return 1;
            if (v < end && is_upper(*v)) return 1; /* "777-200LR", "737-900ER" */
        }
    }
    return 0;
}

void whosaid_values_model_numbers(whosaid_cands *cs, const char *text, size_t len)
{
    const char *keys[MODEL_KEYS];
    size_t nkeys[MODEL_KEYS], nk = 0;
    for (size_t i = 0; i < cs->n && nk < MODEL_KEYS; i++) {
        const whosaid_cand *c = &cs->v[i];
        /* the name heuristics' blocks over a maker and its model (names.c) */
        if (c->type[0] != 'N' || strcmp(c->type, "NONE") != 0 || !c->file ||
            strcmp(c->file, WHOSAID_NAMES_FILE) != 0)
            continue;
        keys[nk] = block_model_number(text, c, &nkeys[nk]);
        if (nkeys[nk]) nk++;
    }
    /* Rules propose several candidates at a number: the text is searched
     * once per start. */
    size_t seen_at = SIZE_MAX;
    int seen_model = 0;
    for (size_t i = 0; i < cs->n; i++) {
        whosaid_cand *c = &cs->v[i];
        if (c->type[0] != 'S' || !is_digit(text[c->start]) || !c->npool ||
            strcmp(c->type, "STAT") != 0)
            continue;
        const char *num = text + c->start;
        size_t n = 1;
        while (is_digit(num[n]))
            n++;
        if (n < 2 || ((num[n] == ',' || num[n] == '.') && is_digit(num[n + 1]))) continue;
        size_t k = 0;
        while (k < nk && !(nkeys[k] == n && memcmp(keys[k], num, n) == 0))
            k++;
        if ((k == nk && !model_shape(num, n)) || !bare_number(cs, c, text, n)) continue;
        if (k == nk && seen_at != c->start) {
            seen_at = c->start;
            seen_model = written_as_model(text, len, num, n);
        }
        if (k == nk && !seen_model) continue;
        /* A block, so no shorter reading of the number is tagged either;
         * without norm no normalizer judges it. */
        c->type = "NONE";
        whosaid_cands_attr_del(cs, c, "norm", 4);
    }
}
