/* Normalized values of DATE, DURATION, TIME and STAT candidates.
 *
 * Keeps the language data the normalizers read: the calendar (month and
 * weekday names), the number lexicon, and a currency table mapping each
 * folded phrase ("us$", "yuan") to an ISO 4217 code through a hash map.
 * Loading builds the {MONTH}, {NUMBER_WORDS}, {CURRENCY_BEFORE} ... defines
 * once; normalizing a candidate costs a few lookups and one parse of its
 * number text, O(length of the span), and allocates only the JSON values it
 * sets. Which groups and static attributes each normalizer reads, and what
 * it writes, is documented in rules/README.md ("dates.rules and
 * stats.rules"). */
#include "whosaid/values.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/calendar.h"
#include "whosaid/hashmap.h"
#include "whosaid/number.h"
#include "whosaid/rulefile.h"
#include "whosaid/tense.h"
#include "whosaid/utf8.h"
#include "whosaid/wordtrie.h"

/* Longest currency phrase, folded, that a lookup considers. */
#define PHRASE_MAX 128
/* Most phrases one currency file may list (a pattern must stay small). */
#define CURRENCY_MAX 4096

struct whosaid_values {
    whosaid_calendar *cal;
    whosaid_number_lexicon *lex;
    whosaid_hashmap *currency; /* folded phrase -> index into codes */
    char (*codes)[4];          /* ISO codes, NUL-terminated */
    size_t ncodes;
    whosaid_tense *tense; /* cues for the direction of relative dates, or NULL */
};

/* ---- Loading ------------------------------------------------------------ */

/* A phrase and where it goes, for building an alternation. */
typedef struct phrase {
    const char *s;
    size_t len;
} phrase;

static int longer_first(const void *a, const void *b)
{
    const phrase *x = a, *y = b;
    if (x->len != y->len) return x->len < y->len ? 1 : -1;
    return strcmp(x->s, y->s);
}

/* Appends s as a literal: ASCII punctuation escaped, a space as sep (so a
 * lexicon phrase "a few" also matches "a-few" where sep allows it). */
static int append_literal(whosaid_buf *b, const char *s, size_t len, const char *sep)
{
    int rc = 0;
    for (size_t i = 0; i < len && !rc; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == ' ')
            rc = whosaid_buf_append_str(b, sep);
        else if (ch < 0x80 && !(ch >= '0' && ch <= '9') && !(ch >= 'a' && ch <= 'z') &&
                 !(ch >= 'A' && ch <= 'Z'))
            rc = whosaid_buf_printf(b, "\\%c", ch);
        else
            rc = whosaid_buf_append_char(b, (char)ch);
    }
    return rc;
}

/* "(?i:pre(?:longest|...|shortest)post)", or a never-matching group. A
 * look-behind pre is led by a look-ahead of the first letters,
 * "(?i:(?=[fst])(?<!\p{L})(?:...)...)": PCRE2 tests assertions in order,
 * and the look-behind (a Unicode property of the character before) cost
 * more than the whole failed try at most positions a rule tries a list
 * at (-10% of tag's JIT matching). */
static int alternation(whosaid_buf *b, phrase *v, size_t n, const char *pre, const char *post,
                       const char *sep)
{
    if (n == 0) return whosaid_buf_append_str(b, "(*FAIL)");
    if (n > 1) qsort(v, n, sizeof *v, longer_first);
    /* Factored by a prefix tree (same preferences as the sorted list):
     * PCRE2 then reads each character once, not once per phrase. */
    whosaid_wordtrie *t = whosaid_wordtrie_new();
    int rc = t ? 0 : WHOSAID_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++)
        rc = whosaid_wordtrie_add(t, v[i].s, v[i].len);
    if (!rc) rc = whosaid_buf_append_str(b, "(?i:");
    if (!rc && *pre) {
        rc = whosaid_buf_append_str(b, "(?=");
        if (!rc) rc = whosaid_wordtrie_first_class(t, b);
        if (!rc) rc = whosaid_buf_append_str(b, ")");
    }
    if (!rc) rc = whosaid_buf_printf(b, "%s(?:", pre);
    if (!rc) rc = whosaid_wordtrie_pattern(t, sep, b);
    if (!rc) rc = whosaid_buf_printf(b, ")%s)", post);
    whosaid_wordtrie_free(t);
    return rc;
}

/* Lower-cases s and collapses runs of white space to one space, trimmed.
 * Returns the length, or -1 when it does not fit out[cap]. */
static long fold_phrase(const char *s, size_t len, char *out, size_t cap)
{
    char tmp[PHRASE_MAX];
    long n = whosaid_utf8_lower_into(s, len, tmp, sizeof tmp);
    if (n < 0) return -1;
    size_t o = 0;
    int gap = 0;
    for (long i = 0; i < n; i++) {
        char ch = tmp[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            gap = o > 0;
            continue;
        }
        if (gap) {
            if (o + 1 >= cap) return -1;
            out[o++] = ' ';
            gap = 0;
        }
        if (o + 1 >= cap) return -1;
        out[o++] = ch;
    }
    if (cap) out[o] = '\0';
    return (long)o;
}

/* Characters in the literal append_literal makes of s (a space: one \s). */
static size_t literal_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* A letter at the start of a phrase must not continue a word. */
static int needs_boundary(const phrase *p)
{
    unsigned char first = (unsigned char)p->s[0];
    return first >= 0x80 || ((first | 0x20) >= 'a' && (first | 0x20) <= 'z');
}

/* "(?<!(?i)p1\s|p2\s|...)": not right after one of the phrases and a blank.
 * Each branch of a lookbehind must have a fixed length, so a phrase that may
 * take a period ("Jan.") gets a variant with and one without it. Variants
 * of one length share a branch, and the \b of a phrase that starts with a
 * letter is tested last, "(?:jan|feb)\s(?<=\b(?s:.){4})": PCRE2 steps back
 * once per length rather than once per phrase and looks up Unicode
 * properties for \b only where a phrase matched (the same assertion, at a
 * fifth of the cost before every number a stat rule tries). */
static int not_after(whosaid_buf *b, phrase *v, size_t n, int with_period)
{
    if (n == 0) return whosaid_buf_append_str(b, "(?!(*FAIL))");
    int rc = whosaid_buf_append_str(b, "(?<!(?i)");
    size_t nvar = n * (size_t)(with_period + 1);
    size_t *len = malloc(nvar * sizeof *len); /* chars of each variant, 0 once written */
    if (!len) return WHOSAID_ENOMEM;
    for (size_t k = 0; k < nvar; k++)
        len[k] = literal_chars(v[k / (size_t)(with_period + 1)].s,
                               v[k / (size_t)(with_period + 1)].len) +
                 (size_t)(k % (size_t)(with_period + 1)) + 1;
    int first_branch = 1;
    for (size_t k = 0; k < nvar && !rc; k++) {
        if (!len[k]) continue;
        size_t chars = len[k];
        int bnd = needs_boundary(&v[k / (size_t)(with_period + 1)]);
        if (!first_branch) rc = whosaid_buf_append_char(b, '|');
        first_branch = 0;
        if (!rc) rc = whosaid_buf_append_str(b, "(?:");
        int first_alt = 1;
        for (size_t j = k; j < nvar && !rc; j++) {
            const phrase *p = &v[j / (size_t)(with_period + 1)];
            if (len[j] != chars || needs_boundary(p) != bnd) continue;
            if (!first_alt) rc = whosaid_buf_append_char(b, '|');
            first_alt = 0;
            if (!rc) rc = append_literal(b, p->s, p->len, "\\s");
            if (!rc && j % (size_t)(with_period + 1)) rc = whosaid_buf_append_str(b, "\\.");
            if (!rc) rc = whosaid_buf_append_str(b, "\\s");
            len[j] = 0;
        }
        if (!rc) rc = whosaid_buf_append_char(b, ')');
        if (!rc && bnd) rc = whosaid_buf_printf(b, "(?<=\\b(?s:.){%zu})", chars);
    }
    free(len);
    if (!rc) rc = whosaid_buf_append_char(b, ')');
    return rc;
}

static int define(whosaid_ruleset *rs, const char *name, const char *pattern, whosaid_error *err)
{
    whosaid_error e;
    int rc = whosaid_ruleset_define(rs, name, pattern, &e);
    if (rc) whosaid_error_set(err, rc, NULL, 0, "defining {%s}: %s", name, e.msg);
    return rc;
}

/* The month names of calendar.rules (already validated by
 * whosaid_calendar_load), folded and without a trailing period, appended
 * to *v; the strings are the caller's to free. */
static int month_names(const char *path, phrase **v, size_t *n, whosaid_error *err)
{
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return WHOSAID_EIO;
    size_t cap = 0;
    int rc;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1) {
        if (strcmp(whosaid_rulefile_field(rf, 0), "month")) continue;
        for (size_t f = 2; f < whosaid_rulefile_nfields(rf) && rc == 1; f++) {
            const char *name = whosaid_rulefile_field(rf, f);
            char key[PHRASE_MAX];
            long k = fold_phrase(name, strlen(name), key, sizeof key);
            if (k > 0 && key[k - 1] == '.') key[--k] = '\0';
            if (k <= 0) continue;
            int dup = 0;
            for (size_t i = 0; i < *n && !dup; i++)
                dup = (*v)[i].len == (size_t)k && !memcmp((*v)[i].s, key, (size_t)k);
            if (dup) continue;
            if (*n == cap) {
                size_t nc = cap ? cap * 2 : 64;
                phrase *grown = realloc(*v, nc * sizeof *grown);
                if (!grown)
                    rc = WHOSAID_ENOMEM;
                else
                    *v = grown, cap = nc;
            }
            char *copy = rc == 1 ? strdup(key) : NULL;
            if (!copy)
                rc = WHOSAID_ENOMEM;
            else
                (*v)[(*n)++] = (phrase){copy, (size_t)k};
        }
        if (rc != 1) break;
    }
    whosaid_rulefile_close(rf);
    if (rc == WHOSAID_ENOMEM) whosaid_error_set(err, rc, path, 0, "out of memory");
    return rc < 0 ? rc : 0;
}

/* {MONTH} and {WEEKDAY} from the calendar, and {NOT_AFTER_MONTH}. */
static int define_calendar(whosaid_values *v, const char *path, whosaid_ruleset *rs,
                           whosaid_error *err)
{
    whosaid_buf b = WHOSAID_BUF_INIT;
    int rc = whosaid_calendar_pattern(v->cal, WHOSAID_CALENDAR_MONTH, &b);
    if (!rc) rc = define(rs, "MONTH", b.data, err);
    whosaid_buf_clear(&b);
    if (!rc) rc = whosaid_calendar_pattern(v->cal, WHOSAID_CALENDAR_WEEKDAY, &b);
    if (!rc) rc = define(rs, "WEEKDAY", b.data, err);
    phrase *names = NULL;
    size_t n = 0;
    if (!rc) rc = month_names(path, &names, &n, err);
    whosaid_buf_clear(&b);
    if (!rc) rc = not_after(&b, names, n, 1);
    if (!rc) rc = define(rs, "NOT_AFTER_MONTH", b.data, err);
    for (size_t i = 0; i < n; i++)
        free((char *)names[i].s);
    free(names);
    whosaid_buf_free(&b);
    if (rc == WHOSAID_ENOMEM) whosaid_error_set(err, rc, NULL, 0, "out of memory");
    return rc;
}

/* One define per lexicon kind (multipliers split by the abbrev flag), then
 * the composites the rules build numbers from. */
static int define_numbers(whosaid_values *v, whosaid_ruleset *rs, whosaid_error *err)
{
    static const struct {
        const char *name;
        int kind;
        int abbrev; /* -1 any, 0 without the flag, 1 with it */
    } classes[] = {
        {"NUMBER_WORD", WHOSAID_NUMBER_WORD, -1},
        {"MULTIPLIER", WHOSAID_NUMBER_MULTIPLIER, 0},
        {"MULTIPLIER_ABBREV", WHOSAID_NUMBER_MULTIPLIER, 1},
        {"VAGUE", WHOSAID_NUMBER_VAGUE, -1},
        {"FRACTION", WHOSAID_NUMBER_FRACTION, -1},
        {"ARTICLE", WHOSAID_NUMBER_ARTICLE, -1},
        {"JOINER", WHOSAID_NUMBER_JOINER, -1},
        {"PARTITIVE", WHOSAID_NUMBER_PARTITIVE, -1},
    };
    size_t total = whosaid_number_count(v->lex);
    phrase *list = malloc((total ? total : 1) * sizeof *list);
    whosaid_buf b = WHOSAID_BUF_INIT;
    int rc = list ? 0 : WHOSAID_ENOMEM;
    for (size_t c = 0; c < sizeof classes / sizeof *classes && !rc; c++) {
        size_t n = 0;
        for (size_t i = 0; i < total; i++) {
            int kind, flags = 0;
            const char *p;
            whosaid_number_entry(v->lex, i, &kind, &p, NULL);
            if (kind != classes[c].kind) continue;
            if (classes[c].abbrev >= 0) {
                whosaid_number_lookup(v->lex, kind, p, strlen(p), NULL, &flags);
                if (!!(flags & WHOSAID_NUMBER_ABBREV) != classes[c].abbrev) continue;
            }
            list[n++] = (phrase){p, strlen(p)};
        }
        whosaid_buf_clear(&b);
        /* Abbreviations follow digits ("5bn"); words stand alone. */
        if (classes[c].abbrev == 1)
            rc = alternation(&b, list, n, "", "(?![\\p{L}\\p{N}])", " ");
        else
            rc = alternation(&b, list, n, "(?<!\\p{L})", "(?!\\p{L})", "[ \\-]");
        if (!rc) rc = define(rs, classes[c].name, b.data, err);
    }
    free(list);
    whosaid_buf_free(&b);
    /* A multiplier may take "and" before a word: "one hundred and five". */
    if (!rc)
        rc = define(rs, "NUMBER_MULT_AND", "{MULTIPLIER}(?:[ \\-]{JOINER}(?=[ \\-]{NUMBER_WORD}))?",
                    err);
    if (!rc)
        rc = define(rs, "NUMBER_WORDS",
                    "(?:{ARTICLE}[ \\-](?:{NUMBER_MULT_AND}|{FRACTION})|{NUMBER_WORD}"
                    "|{FRACTION}(?=[ \\-]{ARTICLE}[ \\-]{MULTIPLIER}))"
                    "(?:[ \\-](?:{ARTICLE}[ \\-])?{NUMBER_MULT_AND}|[ \\-]{NUMBER_WORD}"
                    "|[ \\-]{JOINER}[ \\-]{ARTICLE}[ \\-]{FRACTION})*",
                    err);
    if (!rc)
        rc =
            define(rs, "VAGUE_NUMBER", "{VAGUE}(?:[ \\-](?:{PARTITIVE}[ \\-])?{MULTIPLIER})*", err);
    if (rc == WHOSAID_ENOMEM) whosaid_error_set(err, rc, NULL, 0, "out of memory");
    return rc;
}

static int is_code(const char *s)
{
    if (strlen(s) != 3) return 0;
    for (int i = 0; i < 3; i++)
        if (s[i] < 'A' || s[i] > 'Z') return 0;
    return 1;
}

/* Reads the currency table; fills before/after with phrases the caller
 * frees (the strings are owned by the array entries). */
static int load_currencies(whosaid_values *v, const char *path, phrase **before, size_t *nb,
                           phrase **after, size_t *na, whosaid_error *err)
{
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return err->code ? err->code : WHOSAID_EIO;
    int rc;
    size_t cap_b = 0, cap_a = 0;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1) {
        size_t nf = whosaid_rulefile_nfields(rf);
        const char *code = whosaid_rulefile_field(rf, 0);
        const char *where = whosaid_rulefile_field(rf, 1);
        if (nf < 3) {
            rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                        "expected a code, before or after, and phrases");
            break;
        }
        if (!is_code(code)) {
            rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                        "bad currency code '%s': expected three capital letters",
                                        code);
            break;
        }
        int is_before = !strcmp(where, "before");
        if (!is_before && strcmp(where, "after")) {
            rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                        "unknown position '%s' (expected before or after)", where);
            break;
        }
        size_t ci = v->ncodes;
        for (size_t k = 0; k < v->ncodes; k++)
            if (!strcmp(v->codes[k], code)) ci = k;
        if (ci == v->ncodes) {
            char(*codes)[4] = realloc(v->codes, (v->ncodes + 1) * sizeof *codes);
            if (!codes) {
                rc = whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
                break;
            }
            v->codes = codes;
            memcpy(v->codes[v->ncodes++], code, 4);
        }
        for (size_t f = 2; f < nf && rc == 1; f++) {
            const char *p = whosaid_rulefile_field(rf, f);
            char key[PHRASE_MAX];
            long klen = fold_phrase(p, strlen(p), key, sizeof key);
            if (klen <= 0) {
                rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                            "phrase '%s' is empty or longer than %d bytes", p,
                                            PHRASE_MAX - 1);
                break;
            }
            uint64_t old;
            if (whosaid_hashmap_get(v->currency, key, (size_t)klen, &old) && old != ci) {
                rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                            "phrase '%s' already stands for %s", p, v->codes[old]);
                break;
            }
            if (whosaid_hashmap_put(v->currency, key, (size_t)klen, ci) < 0) {
                rc = whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
                break;
            }
            phrase **list = is_before ? before : after;
            size_t *n = is_before ? nb : na, *cap = is_before ? &cap_b : &cap_a;
            if (*n + 1 > CURRENCY_MAX) {
                rc = whosaid_rulefile_error(rf, err, WHOSAID_ELIMIT, "more than %d phrases",
                                            CURRENCY_MAX);
                break;
            }
            if (*n == *cap) {
                size_t nc = *cap ? *cap * 2 : 32;
                phrase *grown = realloc(*list, nc * sizeof *grown);
                if (!grown) {
                    rc = whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
                    break;
                }
                *list = grown;
                *cap = nc;
            }
            char *copy = strdup(p);
            if (!copy) {
                rc = whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
                break;
            }
            (*list)[(*n)++] = (phrase){copy, strlen(copy)};
        }
        if (rc != 1) break;
    }
    whosaid_rulefile_close(rf);
    return rc < 0 ? rc : 0;
}

static void free_phrases(phrase *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free((char *)v[i].s);
    free(v);
}

/* path = lang_dir/name; *exists says whether a file is there (rule files
 * of a language are optional). 0 or WHOSAID_ENOMEM (err set). */
static int optional_file(whosaid_buf *path, const char *lang_dir, const char *name, int *exists,
                         whosaid_error *err)
{
    *exists = 0;
    if (whosaid_buf_printf(path, "%s/%s", lang_dir, name))
        return whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
    FILE *probe = fopen(path->data, "rb");
    if (probe) {
        fclose(probe);
        *exists = 1;
    }
    return 0;
}

/* {CURRENCY_BEFORE} and {CURRENCY_AFTER} from tag/currencies.txt; a
 * missing file defines both as never matching. */
static int define_currencies(whosaid_values *v, const char *lang_dir, whosaid_ruleset *rs,
                             whosaid_error *err)
{
    whosaid_buf path = WHOSAID_BUF_INIT;
    phrase *before = NULL, *after = NULL;
    size_t nb = 0, na = 0;
    int exists, rc = optional_file(&path, lang_dir, "tag/currencies.txt", &exists, err);
    if (!rc && exists) rc = load_currencies(v, path.data, &before, &nb, &after, &na, err);
    whosaid_buf b = WHOSAID_BUF_INIT;
    /* Symbols touch the number ("$5"); a letter may not touch a phrase. */
    if (!rc) rc = alternation(&b, before, nb, "(?<!\\p{L})", "(?!\\p{L})", "\\s");
    if (!rc) rc = define(rs, "CURRENCY_BEFORE", b.data, err);
    whosaid_buf_clear(&b);
    if (!rc) rc = alternation(&b, after, na, "(?<!\\p{L})", "(?!\\p{L})", "\\s");
    if (!rc) rc = define(rs, "CURRENCY_AFTER", b.data, err);
    whosaid_buf_clear(&b);
    if (!rc) rc = not_after(&b, before, nb, 0);
    if (!rc) rc = define(rs, "NOT_AFTER_CURRENCY", b.data, err);
    if (rc == WHOSAID_ENOMEM) whosaid_error_set(err, rc, NULL, 0, "out of memory");
    whosaid_buf_free(&b);
    whosaid_buf_free(&path);
    free_phrases(before, nb);
    free_phrases(after, na);
    return rc;
}

/* tense.rules; without the file relative dates follow news usage only. */
static int load_tense(whosaid_values *v, const char *lang_dir, whosaid_error *err)
{
    whosaid_buf path = WHOSAID_BUF_INIT;
    int exists, rc = optional_file(&path, lang_dir, "tense.rules", &exists, err);
    if (!rc && exists && !(v->tense = whosaid_tense_load(path.data, err)))
        rc = err->code ? err->code : WHOSAID_EIO;
    whosaid_buf_free(&path);
    return rc;
}

whosaid_values *whosaid_values_load(const char *lang_dir, whosaid_ruleset *rs, whosaid_error *err)
{
    whosaid_values *v = calloc(1, sizeof *v);
    whosaid_buf path = WHOSAID_BUF_INIT;
    if (!v || !(v->currency = whosaid_hashmap_new())) {
        whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
        whosaid_values_free(v);
        return NULL;
    }
    int rc = whosaid_buf_printf(&path, "%s/calendar.rules", lang_dir);
    if (rc) whosaid_error_set(err, rc, NULL, 0, "out of memory");
    if (!rc && !(v->cal = whosaid_calendar_load(path.data, err))) rc = WHOSAID_ESYNTAX;
    if (!rc) rc = define_calendar(v, path.data, rs, err);
    whosaid_buf_clear(&path);
    if (!rc && (rc = whosaid_buf_printf(&path, "%s/numbers.rules", lang_dir)))
        whosaid_error_set(err, rc, NULL, 0, "out of memory");
    if (!rc && !(v->lex = whosaid_number_load(path.data, err))) rc = WHOSAID_ESYNTAX;
    whosaid_buf_free(&path);
    if (!rc) rc = define_numbers(v, rs, err);
    if (!rc) rc = define_currencies(v, lang_dir, rs, err);
    if (!rc) rc = load_tense(v, lang_dir, err);
    if (rc) {
        whosaid_values_free(v);
        return NULL;
    }
    return v;
}

const whosaid_calendar *whosaid_values_calendar(const whosaid_values *v)
{
    return v->cal;
}

void whosaid_values_free(whosaid_values *v)
{
    if (!v) return;
    whosaid_calendar_free(v->cal);
    whosaid_number_free(v->lex);
    whosaid_hashmap_free(v->currency);
    whosaid_tense_free(v->tense);
    free(v->codes);
    free(v);
}

/* ---- Attribute helpers -------------------------------------------------- */

/* The candidate being normalized: its attributes are pooled in its list
 * (cands.h), pointers to the rule's values and the text's slices. */
typedef struct attrs_of {
    whosaid_cands *cs;
    whosaid_cand *c;
} attrs_of;

/* Attribute k (0 <= k < c->npool, gone or not): the pool may move when an
 * attribute is set, so it is looked up again each time. */
static whosaid_cattr *nth(const attrs_of *x, size_t k)
{
    return &x->cs->pool[x->c->a0 + k];
}

/* The text of an attribute, or NULL when absent (or not a string). */
static const char *sval(const whosaid_cattr *a, size_t *len)
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
static const char *attr(const attrs_of *x, const char *key, size_t *len)
{
    return sval(whosaid_cands_attr_get(x->cs, x->c, key, strlen(key)), len);
}

static int has(const attrs_of *x, const char *key)
{
    return whosaid_cands_attr_get(x->cs, x->c, key, strlen(key)) != NULL;
}

/* Whether s[0, n) is the word lit. */
static int is(const char *s, size_t n, const char *lit)
{
    return s && n == strlen(lit) && !memcmp(s, lit, n);
}

/* Fills got[i] with attribute keys[i] (NULL-terminated list; NULL when
 * absent) in one pass over the attributes, a handful, rather than a lookup
 * per key (a normalizer reads up to seventeen, most absent). The values
 * are copied to store[i]: they stay while attributes are set. */
static void gather(const attrs_of *x, const char *const *keys, const whosaid_cattr **got,
                   whosaid_cattr *store)
{
    size_t nk = 0;
    while (keys[nk])
        got[nk++] = NULL;
    for (size_t j = 0; j < x->c->npool; j++) {
        const whosaid_cattr *a = nth(x, j);
        if (a->kind == WHOSAID_CATTR_GONE) continue;
        for (size_t k = 0; k < nk; k++)
            if (keys[k][0] == a->key[0] && is(a->key, a->klen, keys[k])) {
                store[k] = *a;
                got[k] = &store[k];
                break;
            }
    }
}

/* A small signed integer written in a static attribute ("-1", "+2", "4"). */
static int int_of(const whosaid_cattr *j, long *out)
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
static long lead_digits(const char *s, size_t n, int *ndig, const char **rest)
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

/* The set_ helpers take keys written in this file (literals: they outlive
 * the list). */
static int set(const attrs_of *x, const char *key, whosaid_cattr a)
{
    a.key = key;
    a.klen = (uint32_t)strlen(key);
    return whosaid_cands_attr_set(x->cs, x->c, a);
}

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

/* Sets key to s, which outlives the list (a literal, the text, a table). */
static int set_string(const attrs_of *x, const char *key, const char *s)
{
    whosaid_cattr a = {NULL, 0, WHOSAID_CATTR_TEXT, {.text = {s, strlen(s)}}};
    return set(x, key, a);
}

/* Sets key to a copy of s[0, n) (a buffer of the caller's). */
static int set_copy(const attrs_of *x, const char *key, const char *s, size_t n)
{
    const char *kept = whosaid_cands_str(x->cs, s, n);
    whosaid_cattr a = {NULL, 0, WHOSAID_CATTR_TEXT, {.text = {kept, n}}};
    return kept ? set(x, key, a) : WHOSAID_ENOMEM;
}

static int set_true(const attrs_of *x, const char *key)
{
    whosaid_cattr a = {NULL, 0, WHOSAID_CATTR_JSON, {.json = json_true()}};
    return set(x, key, a);
}

static void del(const attrs_of *x, const char *key)
{
    whosaid_cands_attr_del(x->cs, x->c, key, strlen(key));
}

/* One pass over the attributes (a handful) rather than a lookup of each
 * of the keys (up to seventeen, most absent). */
static void drop_keys(const attrs_of *x, const char *const *keys)
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

/* Deletes the gathered attributes that were there (gather's keys and got). */
static void drop_gathered(const attrs_of *x, const char *const *keys,
                          const whosaid_cattr *const *got)
{
    for (size_t k = 0; keys[k]; k++)
        if (got[k]) del(x, keys[k]);
}

/* The unit names a rule writes in gran=: a whosaid_timex_gran, or 0. */
enum { GRAN_QUARTER = 100 };
static int gran_of(const char *s, size_t n)
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
static int count_of(const whosaid_values *v, const char *s, size_t n, double *out)
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

/* ---- DATE ---------------------------------------------------------------- */

/* Two-digit year yy ("'82") in the century that puts it nearest at or
 * before ten years after the anchor; without one, 1950-2049. */
static int full_year(int yy, const whosaid_date *anchor)
{
    if (!anchor) return yy >= 50 ? 1900 + yy : 2000 + yy;
    int y = anchor->year - anchor->year % 100 + yy;
    if (y > anchor->year + 10) y -= 100;
    return y;
}

/* A year group: "2013", "'82", "82". WHOSAID_TIMEX_X when it is not one;
 * *rel set when the century came from the anchor. */
static int year_of(const char *s, size_t n, const whosaid_date *anchor, int *rel)
{
    int nd;
    const char *rest;
    long y = lead_digits(s, n, &nd, &rest);
    if (y < 0 || rest != s + n || nd == 3 || nd > 4) return WHOSAID_TIMEX_X;
    if (nd <= 2) {
        *rel = 1;
        return full_year((int)y, anchor);
    }
    return (int)y;
}

/* A month group: a name from calendar.rules or 1-12. */
static int month_of(const whosaid_values *v, const char *s, size_t n)
{
    int nd;
    const char *rest;
    long m = lead_digits(s, n, &nd, &rest);
    if (m >= 0) return rest == s + n && m >= 1 && m <= 12 ? (int)m : 0;
    return whosaid_calendar_month(v->cal, s, n);
}

/* "27", "27th", "1st": the digits, whatever letters follow. */
static int day_of(const char *s, size_t n)
{
    int nd;
    const char *rest;
    long d = lead_digits(s, n, &nd, &rest);
    if (d < 1 || d > 31) return 0;
    for (; rest < s + n; rest++)
        if (!((*rest >= 'a' && *rest <= 'z') || (*rest >= 'A' && *rest <= 'Z') || *rest == '.'))
            return 0;
    return (int)d;
}

static int dir_of(const char *s, size_t n)
{
    if (!s) return WHOSAID_TIMEX_DEFAULT;
    if (is(s, n, "past")) return WHOSAID_TIMEX_PAST;
    if (is(s, n, "future")) return WHOSAID_TIMEX_FUTURE;
    if (is(s, n, "nearest")) return WHOSAID_TIMEX_NEAREST;
    return WHOSAID_TIMEX_DEFAULT;
}

/* News usage for a month without a year: the anchor's year, unless the
 * month lies more than eight months away from the anchor's, in which case
 * it is the nearer one across the year boundary ("December 30" in a
 * January article is last December). */
static int news_year(const whosaid_date *anchor, int month)
{
    int diff = month - anchor->month;
    if (diff > 8) return anchor->year - 1;
    if (diff < -8) return anchor->year + 1;
    return anchor->year;
}

/* Quarter q (1-4) of year; without a year, the quarter q nearest to the
 * anchor's: "the fourth quarter" is last year's in a February article and
 * this year's in an August one. */
static int quarter_value(int q, int year, const whosaid_date *anchor, char *out, size_t cap,
                         int *rel)
{
    if (q < 1 || q > 4) return WHOSAID_EINPUT;
    if (year == WHOSAID_TIMEX_X) {
        *rel = 1;
        if (anchor) {
            int diff = q - ((anchor->month - 1) / 3 + 1);
            year = anchor->year - (diff >= 3) + (diff <= -3);
        }
    }
    if (year == WHOSAID_TIMEX_X) return snprintf(out, cap, "XXXX-Q%d", q);
    if (year < 0 || year > 9999) return WHOSAID_ELIMIT;
    return snprintf(out, cap, "%04d-Q%d", year, q);
}

/* Result of resolving one DATE: its value and whether it hung on the anchor. */
typedef struct date_result {
    char value[WHOSAID_TIMEX_VALUE_MAX + 8];
    int rel;
} date_result;

static int format_into(const whosaid_timex *t, date_result *r)
{
    int n = whosaid_timex_format(t, r->value, sizeof r->value);
    return n < 0 ? n : 0;
}

/* The attributes a DATE normalizer reads (and drops), in date_keys order. */
enum {
    D_NORM,
    D_YEAR,
    D_MONTH,
    D_DAY,
    D_WEEKDAY,
    D_DECADE,
    D_COUNT,
    D_GRAN,
    D_SHIFT,
    D_SIGN,
    D_DIR,
    D_QUARTER,
    D_SEASON,
    D_PART,
    D_EARLY,
    D_MID,
    D_LATE,
    D_NKEYS
};
static const char *const date_keys[] = {"norm",   "year", "month", "day",  "weekday", "decade",
                                        "count",  "gran", "shift", "sign", "dir",     "quarter",
                                        "season", "part", "early", "mid",  "late",    NULL};

/* The year of a quarter, a season, or a weekday-less shift: the year group,
 * else gran=year with shift N (N years from the anchor's). */
static int shifted_year(const whosaid_cattr *const *at, const whosaid_date *anchor, int *rel)
{
    long shift;
    size_t n = 0;
    const char *g = sval(at[D_GRAN], &n);
    if (gran_of(g, n) == WHOSAID_TIMEX_YEAR && int_of(at[D_SHIFT], &shift)) {
        *rel = 1;
        if (!anchor) return WHOSAID_TIMEX_X;
        long y = anchor->year + shift;
        return y >= 0 && y <= 9999 ? (int)y : WHOSAID_TIMEX_X;
    }
    return WHOSAID_TIMEX_X;
}

/* The value a shift_ or sign_ selector stands for: "last" -1, "this" 0,
 * "next" 1; "ago" -1, "ahead" 1. NULL for any other name. */
static const char *selector_number(const char *sel)
{
    static const char *const t[][2] = {
        {"last", "-1"}, {"this", "0"}, {"next", "1"}, {"ago", "-1"}, {"ahead", "1"}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (!strcmp(sel, t[i][0])) return t[i][1];
    return NULL;
}

/* Selector groups: a group gran_week that took part stands for gran=week,
 * part_mo for part=MO (parts and seasons upper-cased), shift_last for
 * shift=-1 and sign_ago for sign=-1, so one rule can cover several units or
 * directions (one scan of the text instead of three). A static attribute of
 * the same name wins. */
static int promote_selectors(const attrs_of *x)
{
    static const char *const prefixes[] = {"gran_",   "part_",  "quarter_",
                                           "season_", "shift_", "sign_"};
    static const char *const names[] = {"gran", "part", "quarter", "season", "shift", "sign"};
    /* By position: a set may move the pool; what it appends has no '_'. */
    for (size_t j = 0; j < x->c->npool; j++) {
        const whosaid_cattr *a = nth(x, j);
        if (a->kind == WHOSAID_CATTR_GONE) continue;
        const char *key = a->key;
        /* Each prefix ends at its only '_': most keys ("year", "month")
         * have none and are passed over without a compare. */
        const char *us = memchr(key, '_', a->klen);
        if (!us || (size_t)(us - key) + 1 == a->klen) continue;
        size_t klen = (size_t)(us - key) + 1;
        for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
            size_t n = strlen(prefixes[i]);
            if (n != klen || memcmp(key, prefixes[i], n)) continue;
            char sel[16];
            size_t sl = a->klen - n;
            if (sl >= sizeof sel) sl = sizeof sel - 1;
            memcpy(sel, key + n, sl);
            sel[sl] = '\0';
            if (i == 1 || i == 3)
                for (char *p = sel; *p; p++)
                    if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
            const char *val_text = i >= 4 ? selector_number(sel) : sel;
            if (i >= 4 && !val_text) val_text = "?"; /* not a number: ignored */
            int rc = 0;
            if (!has(x, names[i]))
                rc = val_text == sel ? set_copy(x, names[i], sel, strlen(sel))
                                     : set_string(x, names[i], val_text);
            nth(x, j)->kind = WHOSAID_CATTR_GONE;
            if (rc) return rc;
            break;
        }
    }
    return 0;
}

/* How far news usage may put a dated event on the wrong side of the anchor
 * for the clause's tense before the tense wins: a week absorbs time zones
 * and late copy ("said on March 23" in a paper dated March 22). */
#define TENSE_SLACK_DAYS 7

/* The tense of a date's clause, worked out when a branch needs it: a scan
 * of the clause costs more than the rest of a date, and most dates are
 * settled without it (a year, or a day within a week of the anchor). */
typedef struct tense_query {
    const whosaid_tense *t; /* NULL: the date's tense does not count */
    const char *text;
    size_t len, start, end;
    int known, value;
} tense_query;

static int tense_of(tense_query *q)
{
    if (!q->known) {
        q->value =
            q->t ? whosaid_tense_at(q->t, q->text, q->len, q->start, q->end) : WHOSAID_TENSE_NONE;
        q->known = 1;
    }
    return q->value;
}

/* tq: the WHOSAID_TENSE_* of the clause, for what the date leaves open. */
static int resolve_date(const whosaid_values *v, const whosaid_cattr *const *at,
                        const whosaid_date *anchor, tense_query *tq, date_result *r)
{
    size_t n;
    const char *s;
    whosaid_timex t;
    int year = WHOSAID_TIMEX_X, month = 0, day = 0, weekday = 0, rc;
    long shift = 0, sign = 1, q;
    int have_shift = int_of(at[D_SHIFT], &shift);
    size_t gn = 0, dn = 0;
    const char *gs = sval(at[D_GRAN], &gn), *ds = sval(at[D_DIR], &dn);
    int gran = gran_of(gs, gn);
    int dir = dir_of(ds, dn);
    int_of(at[D_SIGN], &sign);
    r->rel = 0;
    if ((s = sval(at[D_DECADE], &n))) {
        int nd;
        const char *rest;
        long d = lead_digits(s, n, &nd, &rest);
        if (d < 0 || (nd != 2 && nd != 4) || d % 10) return WHOSAID_EINPUT;
        if (nd == 2) {
            r->rel = 1;
            /* "the '90s": the latest such decade that has begun by the anchor. */
            d = full_year((int)d, anchor);
            if (anchor && d > anchor->year) d -= 100;
        }
        memset(&t, 0, sizeof t);
        t.gran = WHOSAID_TIMEX_DECADE;
        t.year = (int)d;
        return format_into(&t, r);
    }
    if ((s = sval(at[D_YEAR], &n))) {
        year = year_of(s, n, anchor, &r->rel);
        if (year == WHOSAID_TIMEX_X) return WHOSAID_EINPUT;
    }
    if ((s = sval(at[D_MONTH], &n)) && !(month = month_of(v, s, n))) return WHOSAID_EINPUT;
    if ((s = sval(at[D_DAY], &n)) && !(day = day_of(s, n))) return WHOSAID_EINPUT;
    if ((s = sval(at[D_WEEKDAY], &n)) && !(weekday = whosaid_calendar_weekday(v->cal, s, n)))
        return WHOSAID_EINPUT;
    if (int_of(at[D_QUARTER], &q) || gran == GRAN_QUARTER) {
        if (!int_of(at[D_QUARTER], &q)) {
            /* "last quarter": shift quarters from the anchor's. */
            r->rel = 1;
            if (!anchor) {
                snprintf(r->value, sizeof r->value, "XXXX-QX");
                return 0;
            }
            long idx = (long)anchor->year * 4 + (anchor->month - 1) / 3 + shift;
            if (idx < 0 || idx / 4 > 9999) return WHOSAID_ELIMIT;
            snprintf(r->value, sizeof r->value, "%04ld-Q%ld", idx / 4, idx % 4 + 1);
            return 0;
        }
        if (year == WHOSAID_TIMEX_X) year = shifted_year(at, anchor, &r->rel);
        rc = quarter_value((int)q, year, anchor, r->value, sizeof r->value, &r->rel);
        return rc < 0 ? rc : 0;
    }
    if ((s = sval(at[D_SEASON], &n))) {
        if (n != 2) return WHOSAID_EINPUT;
        if (year == WHOSAID_TIMEX_X) year = shifted_year(at, anchor, &r->rel);
        if (year == WHOSAID_TIMEX_X && !r->rel) {
            r->rel = 1;
            if (anchor) year = anchor->year;
        }
        if (year == WHOSAID_TIMEX_X)
            snprintf(r->value, sizeof r->value, "XXXX-%.2s", s);
        else
            snprintf(r->value, sizeof r->value, "%04d-%.2s", year, s);
        return 0;
    }
    if (month && day) {
        if (year != WHOSAID_TIMEX_X) {
            whosaid_date d = {year, month, day};
            if (!whosaid_timex_valid(&d) || year > 9999) return WHOSAID_EINPUT;
            whosaid_timex_from_date(&d, &t);
            return format_into(&t, r);
        }
        r->rel = 1;
        if (anchor && dir == WHOSAID_TIMEX_DEFAULT) {
            whosaid_date d = {news_year(anchor, month), month, day};
            if (whosaid_timex_valid(&d) && d.year <= 9999) {
                /* "sales fell on October 3" in a March paper: last October. */
                int64_t gap =
                    whosaid_timex_days_from_civil(&d) - whosaid_timex_days_from_civil(anchor);
                int tense = gap > TENSE_SLACK_DAYS || gap < -TENSE_SLACK_DAYS ? tense_of(tq)
                                                                              : WHOSAID_TENSE_NONE;
                if (tense == WHOSAID_TENSE_PAST && gap > TENSE_SLACK_DAYS)
                    dir = WHOSAID_TIMEX_PAST;
                else if (tense == WHOSAID_TENSE_FUTURE && gap < -TENSE_SLACK_DAYS)
                    dir = WHOSAID_TIMEX_FUTURE;
                else {
                    whosaid_timex_from_date(&d, &t);
                    return format_into(&t, r);
                }
            } else {
                dir = WHOSAID_TIMEX_NEAREST; /* February 29 of a common year */
            }
        }
        rc = whosaid_timex_resolve_month_day(anchor, month, day, dir, &t);
        return rc < 0 ? rc : format_into(&t, r);
    }
    if (month) {
        memset(&t, 0, sizeof t);
        t.gran = WHOSAID_TIMEX_MONTH;
        t.month = month;
        /* "October of next year": gran=year with a shift gives the year. */
        if (year == WHOSAID_TIMEX_X && gran == WHOSAID_TIMEX_YEAR && have_shift) {
            r->rel = 1;
            year = shifted_year(at, anchor, &r->rel);
            if (year == WHOSAID_TIMEX_X && anchor) return WHOSAID_ELIMIT;
            t.year = year;
            return format_into(&t, r);
        }
        t.year = year;
        if (year != WHOSAID_TIMEX_X) return format_into(&t, r);
        r->rel = 1;
        if (!anchor) return format_into(&t, r);
        if (have_shift && shift) {
            /* "last March": the latest March strictly before the anchor's
             * month; "next March" the earliest strictly after. */
            long y = anchor->year + shift;
            if (shift < 0 && month < anchor->month) y++;
            if (shift > 0 && month > anchor->month) y--;
            t.year = (int)y;
        } else if (dir == WHOSAID_TIMEX_DEFAULT && !have_shift) {
            t.year = news_year(anchor, month);
            /* The clause's tense decides on which side of the anchor's month
             * the month lies: "fell in October" in a March paper is last
             * October, "will open in January" in a June paper next January. */
            int gap = (t.year - anchor->year) * 12 + month - anchor->month;
            int tense = gap ? tense_of(tq) : WHOSAID_TENSE_NONE;
            if ((tense == WHOSAID_TENSE_PAST && gap > 0) ||
                (tense == WHOSAID_TENSE_FUTURE && gap < 0)) {
                rc = whosaid_timex_resolve_month(
                    anchor, month,
                    tense == WHOSAID_TENSE_PAST ? WHOSAID_TIMEX_PAST : WHOSAID_TIMEX_FUTURE, &t);
                if (rc < 0) return rc;
            }
        } else if (dir != WHOSAID_TIMEX_DEFAULT) {
            rc = whosaid_timex_resolve_month(anchor, month, dir, &t);
            if (rc < 0) return rc;
        } else {
            t.year = anchor->year; /* "this March" */
        }
        if (t.year < 0 || t.year > 9999) return WHOSAID_ELIMIT;
        return format_into(&t, r);
    }
    if (year != WHOSAID_TIMEX_X) {
        if (year > 9999) return WHOSAID_EINPUT;
        memset(&t, 0, sizeof t);
        t.gran = WHOSAID_TIMEX_YEAR;
        t.year = year;
        return format_into(&t, r);
    }
    r->rel = 1;
    if (weekday) {
        /* News usage (the latest such day) unless the clause is future:
         * "will meet on Friday" is the earliest Friday on or after the anchor. */
        if (dir == WHOSAID_TIMEX_DEFAULT && tense_of(tq) == WHOSAID_TENSE_FUTURE)
            dir = WHOSAID_TIMEX_FUTURE;
        rc = have_shift ? whosaid_timex_resolve_weekday_shift(anchor, weekday, (int)shift, &t)
                        : whosaid_timex_resolve_weekday(anchor, weekday, dir, &t);
        return rc < 0 ? rc : format_into(&t, r);
    }
    if (gran && gran >= WHOSAID_TIMEX_DAY) {
        double count = 0;
        int64_t k = have_shift ? shift : 0;
        if ((s = sval(at[D_COUNT], &n))) {
            if (count_of(v, s, n, &count) != 1 || count != floor(count) || count > 1e6)
                return WHOSAID_EINPUT;
            k = (int64_t)count * (sign < 0 ? -1 : 1);
            /* TIMEX3 (TimeML) takes "a week ago" as the day seven days back,
             * not the week: count weeks as days. "last week" stays a week. */
            if (gran == WHOSAID_TIMEX_WEEK) {
                gran = WHOSAID_TIMEX_DAY;
                k *= 7;
            }
        }
        rc = whosaid_timex_resolve_offset(anchor, gran, k, &t);
        return rc < 0 ? rc : format_into(&t, r);
    }
    return WHOSAID_EINPUT; /* nothing to go on */
}

static int norm_date(const whosaid_values *v, const char *text, size_t len, const attrs_of *x,
                     const whosaid_anchor *a)
{
    const whosaid_cand *c = x->c;
    const whosaid_date *anchor = a && a->have ? &a->date : NULL;
    date_result r;
    if (promote_selectors(x)) return WHOSAID_ENOMEM;
    const whosaid_cattr *at[D_NKEYS];
    whosaid_cattr store[D_NKEYS];
    gather(x, date_keys, at, store);
    /* Tense only matters for a month or weekday without a year, shift or dir. */
    tense_query tq = {NULL, text, len, c->start, c->end, 0, WHOSAID_TENSE_NONE};
    if (anchor && v->tense && !at[D_YEAR] && !at[D_SHIFT] && !at[D_DIR] && !at[D_DECADE] &&
        (at[D_MONTH] || at[D_WEEKDAY]))
        tq.t = v->tense;
    if (resolve_date(v, at, anchor, &tq, &r)) return 0;
    size_t n;
    const char *part = sval(at[D_PART], &n);
    if (part && n == 2 && strlen(r.value) + 4 < sizeof r.value) {
        /* "this morning": TIMEX3 parts of a day, 2013-06-27TMO; "this
         * weekend": the weekend of a week, 2013-W25-WE. */
        size_t k = strlen(r.value);
        r.value[k] = memcmp(part, "WE", 2) ? 'T' : '-';
        memcpy(r.value + k + 1, part, 2);
        r.value[k + 3] = '\0';
    }
    const char *mod = at[D_EARLY] ? "START" : at[D_MID] ? "MID" : at[D_LATE] ? "END" : NULL;
    drop_gathered(x, date_keys, at);
    if (set_copy(x, "value", r.value, strlen(r.value))) return WHOSAID_ENOMEM;
    if (mod && set_string(x, "mod", mod)) return WHOSAID_ENOMEM;
    /* the source is a literal (whosaid_anchor) */
    if (r.rel && set_string(x, "anchor", anchor ? (a->source ? a->source : "published") : "none"))
        return WHOSAID_ENOMEM;
    return 1;
}

/* ---- DURATION and TIME --------------------------------------------------- */

/* approx, min and max groups (hedges) become "approx": true or "bound". */
static int hedge_flags(const attrs_of *x)
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

static int norm_duration(const whosaid_values *v, const attrs_of *x)
{
    static const char *const used[] = {"norm", "count", "count_max", "gran", NULL};
    if (promote_selectors(x)) return WHOSAID_ENOMEM;
    size_t n = 0;
    const char *s = attr(x, "gran", &n);
    int gran = gran_of(s, n);
    if (!gran || gran == GRAN_QUARTER) return 0;
    double count = 1, count_max = 0;
    s = attr(x, "count", &n);
    int vague = 0;
    if (s) {
        int k = count_of(v, s, n, &count);
        if (k < 0) return 0;
        vague = k == 0;
    }
    char value[64], value_max[64] = "";
    if (whosaid_timex_format_duration(vague ? -1 : count, gran, value, sizeof value) < 0) return 0;
    /* A range, "two to three weeks": P2W with value_max P3W, as a STAT
     * range has value and value_max; a low end above the high one is no range. */
    if ((s = attr(x, "count_max", &n))) {
        if (vague || count_of(v, s, n, &count_max) != 1 || count_max <= count) return 0;
        if (whosaid_timex_format_duration(count_max, gran, value_max, sizeof value_max) < 0)
            return 0;
    }
    drop_keys(x, used);
    if (set_copy(x, "value", value, strlen(value)) || hedge_flags(x)) return WHOSAID_ENOMEM;
    if (value_max[0] && set_copy(x, "value_max", value_max, strlen(value_max)))
        return WHOSAID_ENOMEM;
    return 1;
}

static int norm_time(const whosaid_values *v, const attrs_of *x)
{
    (void)v;
    static const char *const used[] = {"norm", "hour", "minute", "second", "am", "pm", NULL};
    size_t n;
    const char *s;
    long h = -1, m = 0, sec = -1;
    if ((s = attr(x, "hour", &n))) h = lead_digits(s, n, NULL, NULL);
    if ((s = attr(x, "minute", &n))) m = lead_digits(s, n, NULL, NULL);
    if ((s = attr(x, "second", &n))) sec = lead_digits(s, n, NULL, NULL);
    int am = has(x, "am"), pm = has(x, "pm");
    if (h < 0 || m < 0 || m > 59 || sec > 59) return 0;
    if (am || pm) {
        if (h < 1 || h > 12) return 0;
        h = h % 12 + (pm ? 12 : 0);
    } else if (h > 23) {
        return 0;
    }
    whosaid_timex t;
    memset(&t, 0, sizeof t);
    t.year = WHOSAID_TIMEX_X;
    t.gran = sec >= 0 ? WHOSAID_TIMEX_SECOND : WHOSAID_TIMEX_MINUTE;
    t.hour = (int)h;
    t.minute = (int)m;
    t.second = sec >= 0 ? (int)sec : 0;
    char value[WHOSAID_TIMEX_VALUE_MAX];
    if (whosaid_timex_format(&t, value, sizeof value) < 0) return 0;
    drop_keys(x, used);
    return set_copy(x, "value", value, strlen(value)) ? WHOSAID_ENOMEM : 1;
}

/* ---- STAT ---------------------------------------------------------------- */

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

/* The unit phrase with its blanks collapsed and trailing punctuation cut. */
static int set_unit(const attrs_of *x, const char *s, size_t n)
{
    whosaid_buf b = WHOSAID_BUF_INIT;
    int gap = 0, rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        char ch = s[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            gap = b.len > 0;
            continue;
        }
        if (gap) rc = whosaid_buf_append_char(&b, ' ');
        gap = 0;
        if (!rc) rc = whosaid_buf_append_char(&b, ch);
    }
    while (!rc && b.len > 0 && strchr(".,;:!?'\"-", b.data[b.len - 1]))
        b.data[--b.len] = '\0';
    if (!rc && b.len)
        rc = set_copy(x, "unit", b.data, b.len);
    else if (!rc)
        del(x, "unit");
    whosaid_buf_free(&b);
    return rc;
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

static int norm_stat(const whosaid_values *v, const attrs_of *x)
{
    const whosaid_cattr *g[S_NKEYS];
    whosaid_cattr store[S_NKEYS];
    gather(x, stat_keys, g, store);
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
        long k = fold_phrase(cur, ncur, key, sizeof key);
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
    if (hedge_flags(x)) return WHOSAID_ENOMEM;
    if ((lo.vague || (num_max && hi.vague)) && set_true(x, "vague")) return WHOSAID_ENOMEM;
    /* The keys gathered are still there: only "unit", "min" and "max" were
     * replaced or deleted above. */
    for (size_t k = 0; k < S_UNIT; k++)
        if (g[k]) del(x, stat_keys[k]);
    return 1;
}

/* ---- Dispatch ------------------------------------------------------------ */

int whosaid_values_normalize(whosaid_values *v, const char *text, size_t len, whosaid_cands *cs,
                             whosaid_cand *c, const whosaid_anchor *anchor)
{
    if (!v) return 1;
    /* A gazetteer or name candidate (jansson attributes) with a norm= is
     * pooled first; most have none and are left alone. */
    if (!c->npool) {
        if (!json_is_string(json_object_get(c->attrs, "norm"))) return 1;
        if (whosaid_cands_pool_json(cs, c)) return WHOSAID_ENOMEM;
    }
    attrs_of x = {cs, c};
    size_t n = 0;
    const char *norm = attr(&x, "norm", &n);
    if (!norm) return 1;
    if (is(norm, n, "date")) return norm_date(v, text, len, &x, anchor);
    if (is(norm, n, "stat")) return norm_stat(v, &x);
    if (is(norm, n, "duration")) return norm_duration(v, &x);
    if (is(norm, n, "time")) return norm_time(v, &x);
    return 1; /* a normalizer this version does not know: left as the rule wrote it */
}
