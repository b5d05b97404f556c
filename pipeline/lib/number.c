#include "whosaid/number.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "whosaid/hashmap.h"
#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"

/* Longest normalized phrase: a lexicon key, or a whole phrase to parse. */
#define KEY_MAX 256
#define PHRASE_MAX 1024
#define TOKENS_MAX 128
/* Most words in one lexicon phrase ("tens of millions of" is four). */
#define WORDS_MAX 8
/* Exponents beyond this are out of range whatever the digits. */
#define EXP_CLAMP 100000

/* Powers of ten a double holds exactly. */
static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* ---- Digit strings -------------------------------------------------- */

/* A decimal number: mant * 10^exp, mant holding the first (at most 19)
 * significant digits, so conversion can round once. */
typedef struct decimal {
    uint64_t mant;
    int64_t exp;
    int ndig;    /* digits in mant */
    int dropped; /* a non-zero digit did not fit in mant */
    int neg;
} decimal;

static void decimal_digit(decimal *d, int c, int frac)
{
    if (d->mant == 0 && c == 0) {
        if (frac) d->exp--;
    } else if (d->ndig < 19) {
        d->mant = d->mant * 10 + (uint64_t)c;
        d->ndig++;
        if (frac) d->exp--;
    } else {
        if (!frac) d->exp++; /* a dropped integer digit still counts as a place */
        if (c) d->dropped = 1;
    }
}

static int decimal_value(const decimal *d, double *out)
{
    if (d->mant == 0) {
        *out = 0.0;
        return 0;
    }
    /* The value lies in [10^(mag-1), 10^mag). */
    int64_t mag = d->ndig + d->exp;
    if (mag > 19 || mag < -320) return WHOSAID_ELIMIT;
    if (mag == 19) {
        /* At least 10^18: only 10^18 itself is allowed, and rounding to
         * double would hide 10^18 + 1. */
        uint64_t one = 1;
        for (int k = 1; k < d->ndig; k++)
            one *= 10;
        if (d->mant != one || d->dropped) return WHOSAID_ELIMIT;
    }
    double v;
    if (d->mant <= ((uint64_t)1 << 53) && d->exp >= -22 && d->exp <= 22) {
        /* Both operands exact: one correctly rounded operation. */
        v = d->exp >= 0 ? (double)d->mant * pow10_exact[d->exp]
                        : (double)d->mant / pow10_exact[-d->exp];
    } else {
        long double p = 1.0L, b = 10.0L;
        for (int64_t e = d->exp < 0 ? -d->exp : d->exp; e; e >>= 1, b *= b)
            if (e & 1) p *= b;
        long double x = (long double)d->mant;
        v = (double)(d->exp < 0 ? x / p : x * p);
    }
    if (v > WHOSAID_NUMBER_MAX) return WHOSAID_ELIMIT;
    if (v == 0.0) return WHOSAID_ELIMIT; /* underflow */
    *out = d->neg ? -v : v;
    return 0;
}

enum { SEP_NONE, SEP_COMMA, SEP_POINT, SEP_SPACE, SEP_APOS, SEP_KINDS };

/* The separator at s[i]: its kind, with its byte length in *n. */
static int separator(const char *s, size_t len, size_t i, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s + i;
    size_t left = len - i;
    *n = 1;
    if (left == 0) return SEP_NONE;
    switch (u[0]) {
    case ',': return SEP_COMMA;
    case '.': return SEP_POINT;
    case ' ': return SEP_SPACE;
    case '\'': return SEP_APOS;
    }
    *n = 2;
    if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0) return SEP_SPACE; /* U+00A0 */
    *n = 3;
    if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x89) return SEP_SPACE; /* U+2009 */
    if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF) return SEP_SPACE; /* U+202F */
    if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x99) return SEP_APOS;  /* U+2019 */
    return SEP_NONE;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Byte length of a sign at s[i] ('+', '-', U+2212), *neg set; 0 if none. */
static size_t sign_len(const char *s, size_t len, size_t i, int *neg)
{
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        *neg = s[i] == '-';
        return 1;
    }
    if (len - i >= 3 && memcmp(s + i, "\xE2\x88\x92", 3) == 0) {
        *neg = 1;
        return 3;
    }
    return 0;
}

/* What the first pass learns about the separators. */
typedef struct shape {
    size_t count[SEP_KINDS];
    int last;         /* kind of the last separator */
    int last_cp;      /* kind of the last ',' or '.' */
    size_t first_len; /* digits before the first separator */
    size_t last_len;  /* digits after the last separator */
    int first_zero;   /* the number starts with the digit 0 */
    size_t end;       /* where the mantissa ends (exponent or end) */
} shape;

static int scan_shape(const char *s, size_t len, size_t i, shape *sh)
{
    memset(sh, 0, sizeof *sh);
    size_t run = 0, n;
    sh->first_zero = i < len && s[i] == '0';
    while (i < len) {
        if (is_digit(s[i])) {
            run++;
            i++;
            continue;
        }
        if (s[i] == 'e' || s[i] == 'E') break;
        int k = separator(s, len, i, &n);
        /* A separator sits between two digits. */
        if (k == SEP_NONE || run == 0 || i + n >= len || !is_digit(s[i + n]))
            return WHOSAID_ESYNTAX;
        if (sh->last == SEP_NONE) sh->first_len = run; /* the first separator */
        sh->count[k]++;
        sh->last = k;
        if (k == SEP_COMMA || k == SEP_POINT) sh->last_cp = k;
        run = 0;
        i += n;
    }
    if (run == 0) return WHOSAID_ESYNTAX;
    if (sh->last == SEP_NONE) sh->first_len = run;
    sh->last_len = run;
    sh->end = i;
    return 0;
}

/* Which separator kind marks the decimals (SEP_NONE for none). */
static int decimal_mark(const shape *sh, int style, int *mark)
{
    size_t commas = sh->count[SEP_COMMA], points = sh->count[SEP_POINT];
    size_t spaces = sh->count[SEP_SPACE] + sh->count[SEP_APOS];
    *mark = SEP_NONE;
    if (style == WHOSAID_NUMBER_POINT_DECIMAL) {
        if (points) *mark = SEP_POINT;
    } else if (style == WHOSAID_NUMBER_COMMA_DECIMAL) {
        if (commas) *mark = SEP_COMMA;
    } else if (commas && points) {
        *mark = sh->last_cp;
    } else if (points) {
        if (points == 1) *mark = SEP_POINT;
    } else if (commas == 1) {
        if (spaces)
            *mark = SEP_COMMA; /* "1 000,5": spaces already group */
        else if (sh->last != SEP_COMMA || sh->last_len != 3 || sh->first_len > 3 || sh->first_zero)
            return WHOSAID_EINPUT; /* "12,34", "1,5", "0,500" */
    }
    if (*mark != SEP_NONE && (sh->count[*mark] != 1 || sh->last != *mark))
        return WHOSAID_ESYNTAX; /* a decimal mark comes once, after every group */
    return 0;
}

/* The whole string s[0..len) as a decimal. */
static int parse_decimal(const char *s, size_t len, int style, decimal *d)
{
    memset(d, 0, sizeof *d);
    size_t i = sign_len(s, len, 0, &d->neg);
    if (i >= len || !is_digit(s[i])) return WHOSAID_ESYNTAX;
    shape sh;
    int mark, rc = scan_shape(s, len, i, &sh);
    if (rc || (rc = decimal_mark(&sh, style, &mark))) return rc;
    int group = SEP_NONE;
    for (int k = SEP_COMMA; k < SEP_KINDS; k++) {
        if (k == mark || !sh.count[k]) continue;
        if (group != SEP_NONE) return WHOSAID_ESYNTAX; /* "1,000 000" */
        group = k;
    }
    if (group != SEP_NONE && (sh.first_len > 3 || sh.first_zero)) return WHOSAID_ESYNTAX;
    /* Second pass: digits into d; every group after the first has three
     * digits ("1,2,3" and "1,0000" are not numbers). */
    int frac = 0;
    size_t run = 0, groups = 0, n;
    for (; i < sh.end; i++) {
        if (is_digit(s[i])) {
            decimal_digit(d, s[i] - '0', frac);
            run++;
            continue;
        }
        int k = separator(s, len, i, &n);
        if (!frac && groups++ > 0 && run != 3) return WHOSAID_ESYNTAX;
        if (k == mark) frac = 1;
        run = 0;
        i += n - 1;
    }
    if (!frac && groups > 0 && run != 3) return WHOSAID_ESYNTAX;
    if (sh.end < len) {
        /* Exponent: e or E, an optional sign, digits. */
        size_t j = sh.end + 1;
        int eneg = 0;
        j += sign_len(s, len, j, &eneg);
        if (j >= len) return WHOSAID_ESYNTAX;
        int64_t e = 0;
        for (; j < len; j++) {
            if (!is_digit(s[j])) return WHOSAID_ESYNTAX;
            if (e < EXP_CLAMP) e = e * 10 + (s[j] - '0');
        }
        d->exp += eneg ? -e : e;
    }
    return 0;
}

int whosaid_number_parse_digits(const char *s, size_t len, int style, double *out)
{
    decimal d;
    int rc = parse_decimal(s, len, style, &d);
    if (rc) return rc;
    return decimal_value(&d, out);
}

int whosaid_number_scale(double value, double multiplier, double *out)
{
    double r = value * multiplier;
    if (r != r || r > WHOSAID_NUMBER_MAX || r < -WHOSAID_NUMBER_MAX) return WHOSAID_ELIMIT;
    *out = r;
    return 0;
}

/* ---- Lexicon -------------------------------------------------------- */

typedef struct entry {
    char *phrase; /* normalized: lower case, single spaces */
    size_t len;
    int kind;
    int flags;
    double value;
    int pow10; /* k when value is exactly 10^k, else -1 */
    long line;
} entry;

struct whosaid_number_lexicon {
    entry *e;
    size_t n, cap;
    whosaid_hashmap *index; /* kind byte + phrase -> index into e */
    int max_words;
};

static const char *const kind_names[] = {"?",        "word",    "multiplier", "vague",
                                         "fraction", "article", "joiner",     "partitive"};

const char *whosaid_number_kind_name(int kind)
{
    return kind >= WHOSAID_NUMBER_WORD && kind <= WHOSAID_NUMBER_PARTITIVE ? kind_names[kind]
                                                                           : kind_names[0];
}

/* Separators between words: blanks and hyphens ("twenty-one"). */
static int is_gap(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '-' || cp == 0xA0 ||
           cp == 0x2009 || cp == 0x202F || cp == 0x2010 || cp == 0x2011;
}

/* Writes s[0..len) lower-cased with every run of gaps as one space and none
 * at either end into out[cap]. Returns the length, or -1 for invalid UTF-8
 * or no room. *words (if not NULL) gets the number of words. */
static long normalize(const char *s, size_t len, char *out, size_t cap, int *words)
{
    size_t o = 0, i = 0;
    int nw = 0, gap = 0;
    while (i < len) {
        size_t at = i;
        utf8proc_int32_t cp;
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            /* ASCII, most number text: no decoding, no case table */
            cp = b;
            i++;
        } else {
            utf8proc_ssize_t k =
                utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
            if (k <= 0) return -1;
            i += (size_t)k;
        }
        if (is_gap(cp)) {
            gap = 1;
            continue;
        }
        if (gap && o > 0) {
            if (o + 1 >= cap) return -1;
            out[o++] = ' ';
        }
        if (gap || o == 0) nw++;
        gap = 0;
        if (o + 4 >= cap) return -1; /* room for any code point and the NUL */
        if (b < 0x80)
            out[o++] = (char)whosaid_ascii_lower(b);
        else
            o += (size_t)whosaid_utf8_lower_into(s + at, i - at, out + o, cap - o);
    }
    if (cap) out[o] = '\0';
    if (words) *words = nw;
    return (long)o;
}

/* The index key: the kind as one byte, then the normalized phrase. */
static size_t index_key(int kind, const char *s, size_t len, char key[KEY_MAX + 1])
{
    if (len >= KEY_MAX) return 0;
    key[0] = (char)kind;
    memcpy(key + 1, s, len);
    return len + 1;
}

static const entry *find(const whosaid_number_lexicon *lex, int kind, const char *s, size_t len)
{
    char key[KEY_MAX + 1];
    size_t klen = index_key(kind, s, len, key);
    uint64_t i;
    if (!lex || !klen || !whosaid_hashmap_get(lex->index, key, klen, &i)) return NULL;
    return &lex->e[i];
}

void whosaid_number_free(whosaid_number_lexicon *lex)
{
    if (!lex) return;
    for (size_t i = 0; i < lex->n; i++)
        free(lex->e[i].phrase);
    free(lex->e);
    whosaid_hashmap_free(lex->index);
    free(lex);
}

static int kind_of(const char *name)
{
    for (int k = WHOSAID_NUMBER_WORD; k <= WHOSAID_NUMBER_PARTITIVE; k++)
        if (strcmp(name, kind_names[k]) == 0) return k;
    return 0;
}

static int has_value(int kind)
{
    return kind <= WHOSAID_NUMBER_FRACTION;
}

/* Checks a value against what its kind allows; NULL when fine, else why. */
static const char *value_problem(int kind, double v)
{
    switch (kind) {
    case WHOSAID_NUMBER_WORD:
        return v >= 0 && v < 1000 && v == (double)(long)v ? NULL : "a whole number 0-999";
    case WHOSAID_NUMBER_MULTIPLIER: return v > 1 ? NULL : "greater than 1";
    case WHOSAID_NUMBER_VAGUE: return v > 0 ? NULL : "greater than 0";
    default: return v > 0 && v < 1 ? NULL : "between 0 and 1";
    }
}

/* One rule line into lex: 0, or an error code with err filled. */
static int add_line(whosaid_number_lexicon *lex, whosaid_rulefile *rf, whosaid_error *err)
{
    size_t nf = whosaid_rulefile_nfields(rf);
    const char *kname = whosaid_rulefile_field(rf, 0);
    int kind = kind_of(kname);
    if (!kind) return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "unknown kind '%s'", kname);
    if (nf < 2)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "%s without a phrase", kname);
    const char *raw = whosaid_rulefile_field(rf, 1);
    size_t maxf = kind == WHOSAID_NUMBER_MULTIPLIER ? 4 : has_value(kind) ? 3 : 2;
    if (has_value(kind) && nf < 3)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "%s '%s' without a value", kname,
                                      raw);
    if (nf > maxf)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "%s '%s': unexpected field '%s'",
                                      kname, raw, whosaid_rulefile_field(rf, maxf));
    char key[KEY_MAX];
    int words;
    long klen = normalize(raw, strlen(raw), key, sizeof key, &words);
    if (klen <= 0 || words > WORDS_MAX)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "phrase '%s' is empty or longer than %d words or %d bytes",
                                      raw, WORDS_MAX, KEY_MAX - 1);
    entry e = {NULL, (size_t)klen, kind, 0, 0.0, -1, whosaid_rulefile_lineno(rf)};
    if (has_value(kind)) {
        const char *vs = whosaid_rulefile_field(rf, 2);
        const char *why;
        if (whosaid_number_parse_digits(vs, strlen(vs), WHOSAID_NUMBER_POINT_DECIMAL, &e.value))
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "%s '%s': bad value '%s'",
                                          kname, raw, vs);
        if ((why = value_problem(kind, e.value)))
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "%s '%s': value %s must be %s",
                                          kname, raw, vs, why);
    }
    if (nf == 4) {
        const char *flag = whosaid_rulefile_field(rf, 3);
        if (strcmp(flag, "abbrev") != 0)
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "%s '%s': unknown flag '%s'",
                                          kname, raw, flag);
        e.flags = WHOSAID_NUMBER_ABBREV;
    }
    for (int k = 0; k < 23; k++)
        if (e.value == pow10_exact[k]) e.pow10 = k;
    const entry *dup = find(lex, kind, key, e.len);
    if (dup)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "duplicate %s '%s' (first on line %ld)", kname, key,
                                      dup->line);
    if (lex->n == lex->cap) {
        size_t cap = lex->cap ? lex->cap * 2 : 64;
        entry *p = realloc(lex->e, cap * sizeof *p);
        if (!p) return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
        lex->e = p;
        lex->cap = cap;
    }
    if (!(e.phrase = malloc(e.len + 1)))
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    memcpy(e.phrase, key, e.len + 1);
    char ikey[KEY_MAX + 1];
    size_t iklen = index_key(kind, key, e.len, ikey);
    if (whosaid_hashmap_put(lex->index, ikey, iklen, lex->n) < 0) {
        free(e.phrase);
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    }
    lex->e[lex->n++] = e;
    if (words > lex->max_words) lex->max_words = words;
    return 0;
}

whosaid_number_lexicon *whosaid_number_load(const char *path, whosaid_error *err)
{
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return NULL;
    whosaid_number_lexicon *lex = calloc(1, sizeof *lex);
    if (lex && !(lex->index = whosaid_hashmap_new())) {
        free(lex);
        lex = NULL;
    }
    int rc = lex ? 0 : whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
    while (!rc && (rc = whosaid_rulefile_next(rf, err)) == 1)
        rc = add_line(lex, rf, err);
    whosaid_rulefile_close(rf);
    if (rc) {
        whosaid_number_free(lex);
        return NULL;
    }
    return lex;
}

int whosaid_number_lookup(const whosaid_number_lexicon *lex, int kind, const char *s, size_t len,
                          double *value, int *flags)
{
    char key[KEY_MAX];
    long klen = normalize(s, len, key, sizeof key, NULL);
    const entry *e = klen > 0 ? find(lex, kind, key, (size_t)klen) : NULL;
    if (!e) return 0;
    if (value) *value = e->value;
    if (flags) *flags = e->flags;
    return 1;
}

size_t whosaid_number_count(const whosaid_number_lexicon *lex)
{
    return lex ? lex->n : 0;
}

int whosaid_number_entry(const whosaid_number_lexicon *lex, size_t i, int *kind,
                         const char **phrase, double *value)
{
    if (!lex || i >= lex->n) return 0;
    if (kind) *kind = lex->e[i].kind;
    if (phrase) *phrase = lex->e[i].phrase;
    if (value) *value = lex->e[i].value;
    return 1;
}

/* ---- Phrases ------------------------------------------------------------ */

/* What the previous token was: it decides what may follow. */
enum {
    P_START,
    P_DIGITS,
    P_WORD,
    P_LOCAL,
    P_SCALE,
    P_VAGUE,
    P_FRACTION,
    P_ARTICLE,
    P_JOINER,
    P_PARTITIVE
};

/* The running sum, built like "two million three hundred thousand":
 * closed groups (each a count times a scale of 1000 or more) and the open
 * group the next scale will multiply. */
typedef struct acc {
    double closed;     /* groups before the last closed one */
    double last;       /* the last closed group */
    double last_scale; /* the scale that closed it (0 before any): scales fall */
    double group;      /* the open group */
    double prev_word;
    decimal dec; /* the leading digits, scaled by exponent while exact */
    int exact;   /* dec still is the whole value ("14.2 million") */
    int prev;
    int has_local; /* the open group had its "hundred" or "dozen" */
    int digits, vague;
    int joined_word;   /* the last joiner followed a word or digits: "two and a half" */
    int start_article; /* the phrase began with an article: "a half" */
} acc;

/* Scales *x by a multiplier, through the decimal while that stays exact so
 * "14.2 million" is 14200000 and not 14199999.999999998. */
static int scale_by(acc *a, double *x, const entry *e)
{
    if (a->exact && e->pow10 >= 0) {
        a->dec.exp += e->pow10;
        return decimal_value(&a->dec, x);
    }
    a->exact = 0;
    return whosaid_number_scale(*x, e->value, x);
}

/* "twenty" takes "one" after it, "five" takes nothing: a word must fit in
 * the trailing zeros of the word before. */
static int fits_after(double prev, double w)
{
    long p = (long)prev, place = 1;
    if (p <= 0) return 0;
    for (; p % 10 == 0; p /= 10)
        place *= 10;
    return w < (double)place;
}

static int take_word(acc *a, double w)
{
    if (a->digits || a->vague) return WHOSAID_ESYNTAX;
    if (a->prev == P_WORD && !fits_after(a->prev_word, w)) return WHOSAID_ESYNTAX;
    if (a->prev == P_JOINER && a->joined_word) return WHOSAID_ESYNTAX;
    if (a->prev != P_START && a->prev != P_WORD && a->prev != P_LOCAL && a->prev != P_SCALE &&
        a->prev != P_JOINER)
        return WHOSAID_ESYNTAX;
    a->group += w;
    a->prev_word = w;
    a->prev = P_WORD;
    return 0;
}

/* May a multiplier follow the previous token (joiners and, for a local
 * multiplier, scales may not)? */
static int counts_before(int prev)
{
    return prev == P_DIGITS || prev == P_WORD || prev == P_ARTICLE || prev == P_FRACTION ||
           prev == P_VAGUE || prev == P_PARTITIVE;
}

static int take_multiplier(acc *a, const entry *e)
{
    int rc;
    if ((e->flags & WHOSAID_NUMBER_ABBREV) && a->prev != P_DIGITS) return WHOSAID_ESYNTAX;
    if (e->value < 1000) {
        /* "hundred", "dozen": they multiply within the open group. */
        if (a->has_local || !(a->prev == P_START || counts_before(a->prev))) return WHOSAID_ESYNTAX;
        if (a->prev == P_START) a->group = 1;
        if ((rc = scale_by(a, &a->group, e))) return rc;
        a->has_local = 1;
        a->prev = P_LOCAL;
        return 0;
    }
    if (a->prev == P_SCALE) {
        /* Stacked, "thousand million": it multiplies the group just closed. */
        a->last_scale *= e->value;
        return scale_by(a, &a->last, e);
    }
    if (!(a->prev == P_START || a->prev == P_LOCAL || counts_before(a->prev)))
        return WHOSAID_ESYNTAX;
    if (a->last_scale && e->value >= a->last_scale) return WHOSAID_ESYNTAX;
    if (a->prev == P_START) a->group = 1;
    a->closed += a->last;
    a->last = a->group;
    if ((rc = scale_by(a, &a->last, e))) return rc;
    a->group = 0;
    a->has_local = 0;
    a->last_scale = e->value;
    a->prev = P_SCALE;
    return 0;
}

static int take(acc *a, const entry *e)
{
    switch (e->kind) {
    case WHOSAID_NUMBER_WORD: return take_word(a, e->value);
    case WHOSAID_NUMBER_MULTIPLIER: return take_multiplier(a, e);
    case WHOSAID_NUMBER_VAGUE:
        if (a->prev != P_START) return WHOSAID_ESYNTAX;
        a->group = e->value;
        a->vague = 1;
        break;
    case WHOSAID_NUMBER_FRACTION:
        if (a->prev == P_START || (a->prev == P_ARTICLE && a->start_article))
            a->group = e->value;
        else if (a->prev == P_ARTICLE || (a->prev == P_JOINER && a->joined_word))
            a->group += e->value;
        else
            return WHOSAID_ESYNTAX;
        a->exact = 0;
        break;
    case WHOSAID_NUMBER_ARTICLE:
        if (a->prev == P_START) {
            a->group = 1;
            a->start_article = 1;
        } else if (a->prev != P_FRACTION && !(a->prev == P_JOINER && a->joined_word)) {
            return WHOSAID_ESYNTAX;
        }
        break;
    case WHOSAID_NUMBER_JOINER:
        if (a->prev == P_LOCAL || a->prev == P_SCALE)
            a->joined_word = 0;
        else if (a->prev == P_WORD || a->prev == P_DIGITS)
            a->joined_word = 1;
        else
            return WHOSAID_ESYNTAX;
        a->start_article = 0;
        break;
    default: /* partitive: "dozens of", "tens of millions of" */
        if (!(a->prev == P_VAGUE || (a->vague && (a->prev == P_LOCAL || a->prev == P_SCALE))))
            return WHOSAID_ESYNTAX;
        break;
    }
    static const int next_prev[] = {0, 0, 0, P_VAGUE, P_FRACTION, P_ARTICLE, P_JOINER, P_PARTITIVE};
    a->prev = next_prev[e->kind];
    return 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* End of the digit string at s[i] ("-1,234.5", "1 000", "1e6"), or i. */
static size_t digits_end(const char *s, size_t len, size_t i)
{
    int neg;
    size_t j = i + sign_len(s, len, i, &neg), n;
    if (j >= len || !is_digit(s[j])) return i;
    while (j < len) {
        if (is_digit(s[j])) {
            j++;
        } else if (separator(s, len, j, &n) != SEP_NONE && j + n < len && is_digit(s[j + n])) {
            j += n;
        } else {
            if (s[j] == 'e' || s[j] == 'E') {
                size_t x = j + 1 + sign_len(s, len, j + 1, &neg);
                if (x < len && is_digit(s[x]))
                    for (j = x; j < len && is_digit(s[j]); j++)
                        ;
            }
            break;
        }
    }
    return j;
}

/* Kinds to try, in order, after each kind of token. */
static const int *kinds_after(int prev)
{
    static const int at_start[] = {WHOSAID_NUMBER_VAGUE,      WHOSAID_NUMBER_WORD,
                                   WHOSAID_NUMBER_FRACTION,   WHOSAID_NUMBER_ARTICLE,
                                   WHOSAID_NUMBER_MULTIPLIER, 0};
    static const int after_vague[] = {WHOSAID_NUMBER_PARTITIVE, WHOSAID_NUMBER_MULTIPLIER, 0};
    static const int otherwise[] = {WHOSAID_NUMBER_WORD,
                                    WHOSAID_NUMBER_MULTIPLIER,
                                    WHOSAID_NUMBER_JOINER,
                                    WHOSAID_NUMBER_ARTICLE,
                                    WHOSAID_NUMBER_FRACTION,
                                    WHOSAID_NUMBER_PARTITIVE,
                                    0};
    if (prev == P_START) return at_start;
    if (prev == P_VAGUE || prev == P_PARTITIVE) return after_vague;
    return otherwise;
}

int whosaid_number_parse(const whosaid_number_lexicon *lex, const char *s, size_t len, int style,
                         whosaid_number_value *out)
{
    static const int only_multiplier[] = {WHOSAID_NUMBER_MULTIPLIER, 0};
    acc a;
    memset(&a, 0, sizeof a);
    a.prev = P_START;
    while (len > 0 && is_blank(s[len - 1]))
        len--;
    size_t i = 0;
    while (i < len && is_blank(s[i]))
        i++;
    size_t end = digits_end(s, len, i);
    int attached = 0, rc;
    if (end > i) {
        if ((rc = parse_decimal(s + i, end - i, style, &a.dec)) ||
            (rc = decimal_value(&a.dec, &a.group)))
            return rc;
        a.exact = a.digits = 1;
        a.prev = P_DIGITS;
        attached = end < len && !is_blank(s[end]); /* "5bn" */
        i = end;
    }
    char buf[PHRASE_MAX];
    long blen = normalize(s + i, len - i, buf, sizeof buf, NULL);
    if (blen < 0) return WHOSAID_ESYNTAX;
    size_t start[TOKENS_MAX + 1], ntok = 0;
    for (size_t j = 0; j < (size_t)blen; j++) {
        if (j > 0 && buf[j - 1] != ' ') continue;
        if (ntok == TOKENS_MAX) return WHOSAID_ESYNTAX;
        start[ntok++] = j;
    }
    start[ntok] = (size_t)blen + 1; /* as if a space followed the last word */
    for (size_t t = 0; t < ntok;) {
        const int *kinds = attached && t == 0 ? only_multiplier : kinds_after(a.prev);
        const entry *e = NULL;
        size_t maxw = lex ? (size_t)lex->max_words : 0;
        size_t k = ntok - t < maxw ? ntok - t : maxw;
        /* Longest phrase first: "tens of millions" before "tens". */
        for (; k > 0 && !e; k--)
            for (const int *kind = kinds; *kind && !e; kind++)
                e = find(lex, *kind, buf + start[t], start[t + k] - 1 - start[t]);
        if (!e) return WHOSAID_ESYNTAX;
        if ((rc = take(&a, e))) return rc;
        t += k + 1;
    }
    if (a.prev == P_START || a.prev == P_JOINER || a.prev == P_ARTICLE) return WHOSAID_ESYNTAX;
    double total = a.closed + a.last + a.group;
    if (total > WHOSAID_NUMBER_MAX || total < -WHOSAID_NUMBER_MAX) return WHOSAID_ELIMIT;
    out->value = total;
    out->vague = a.vague;
    return 0;
}
