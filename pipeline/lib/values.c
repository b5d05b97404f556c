/* Normalized values of DATE, DURATION, TIME and STAT candidates
 * (values_impl.h): the language data and the public API.
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
#include "whosaid/values_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"
#include "whosaid/wordtrie.h"

/* Most phrases one currency file may list (a pattern must stay small). */
#define CURRENCY_MAX 4096

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
long whosaid_values_fold_phrase(const char *s, size_t len, char *out, size_t cap)
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

/* Appends "[...]" of the phrases' last characters (a period too with
 * with_period; a space, which append_literal writes \s, as \s). */
static int last_class(whosaid_buf *b, const phrase *v, size_t n, int with_period)
{
    unsigned char seen[128] = {0}; /* ASCII characters written */
    int rc = whosaid_buf_append_char(b, '[');
    if (!rc && with_period) rc = whosaid_buf_append_str(b, "\\.");
    seen['.'] = (unsigned char)with_period;
    for (size_t k = 0; k < n && !rc; k++) {
        size_t at = v[k].len - 1; /* phrases are not empty */
        while (at > 0 && ((unsigned char)v[k].s[at] & 0xC0) == 0x80)
            at--;
        unsigned char c = (unsigned char)v[k].s[at];
        if (c < 0x80 && seen[c]) continue;
        if (c < 0x80) seen[c] = 1;
        rc = c == ' ' ? whosaid_buf_append_str(b, "\\s")
                      : append_literal(b, v[k].s + at, v[k].len - at, "\\s");
    }
    return rc || whosaid_buf_append_char(b, ']') ? WHOSAID_ENOMEM : 0;
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
    /* Every branch ends with a phrase's last character and a blank, so
     * where the two characters before are not such a pair no branch can
     * match: "(?>(?<!pair)|(?<!branches))" tests that pair first and the
     * branches only where it holds (half the cost of the assertion before
     * the numbers stat rules try). Not a conditional group: the start
     * conditions (prefilter.h) do not follow those. */
    int rc = whosaid_buf_append_str(b, "(?>(?<!(?i)");
    if (!rc) rc = last_class(b, v, n, with_period);
    if (!rc) rc = whosaid_buf_append_str(b, "\\s)|(?<!(?i)");
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
    if (!rc) rc = whosaid_buf_append_str(b, "))");
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
            long k = whosaid_values_fold_phrase(name, strlen(name), key, sizeof key);
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
            long klen = whosaid_values_fold_phrase(p, strlen(p), key, sizeof key);
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
    if (is(norm, n, "date")) return whosaid_valuedate_norm_date(v, text, len, &x, anchor);
    if (is(norm, n, "stat")) return whosaid_valuestat_norm_stat(v, &x);
    if (is(norm, n, "duration")) return whosaid_valuedate_norm_duration(v, &x);
    if (is(norm, n, "time")) return whosaid_valuedate_norm_time(v, &x);
    return 1; /* a normalizer this version does not know: left as the rule wrote it */
}
