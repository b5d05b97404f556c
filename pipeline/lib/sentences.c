/* Sentence splitter.
 *
 * The abbreviation list (and the "start" words that show a new sentence after
 * an abbreviation of class other) is an open-addressing hash table of short
 * keys: FNV-1a, linear probing, never more than half full, so a candidate
 * period costs one O(1) lookup. Splitting is one left-to-right pass: plain
 * ASCII bytes take a table look-up each, a white-space run after sentence
 * punctuation is read at most twice, and every look-behind or look-ahead at a
 * word stops after WORD_MAX bytes, so the whole pass is O(n). */
#include "whosaid/sentences.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"

/* Longest key plus its NUL; longer words are never looked up. */
enum { WORD_MAX = 32 };

/* CLS_INITIAL and CLS_NONE are never stored, only returned by word_class(). */
enum { CLS_NONE, CLS_TITLE, CLS_MONTH, CLS_OTHER, CLS_START, CLS_INITIAL };

static const char *const class_names[] = {"title", "month", "other", "start"};

typedef struct entry {
    char key[WORD_MAX];
    unsigned char len;
    unsigned char cls;
    long line; /* where it was defined, for the duplicate message */
} entry;

struct whosaid_splitter {
    entry *v;
    size_t n, cap;
    uint32_t *slot; /* 1 + index into v; 0 marks an empty slot */
    size_t nslots;  /* a power of two, at least 2 * n */
};

int whosaid_ranges_push(whosaid_ranges *r, size_t start, size_t end)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        if (cap > SIZE_MAX / sizeof *r->v) return WHOSAID_ENOMEM;
        whosaid_range *v = realloc(r->v, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n].start = start;
    r->v[r->n].end = end;
    r->n++;
    return 0;
}

void whosaid_ranges_free(whosaid_ranges *r)
{
    if (!r) return;
    free(r->v);
    r->v = NULL;
    r->n = r->cap = 0;
}

/* ---- the word table ---- */

static uint64_t hash_word(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static const entry *lookup(const whosaid_splitter *s, const char *w, size_t n)
{
    if (s->nslots == 0 || n == 0 || n >= WORD_MAX) return NULL;
    size_t mask = s->nslots - 1;
    for (size_t i = hash_word(w, n) & mask;; i = (i + 1) & mask) {
        uint32_t k = s->slot[i];
        if (!k) return NULL;
        const entry *e = &s->v[k - 1];
        if (e->len == n && memcmp(e->key, w, n) == 0) return e;
    }
}

static void place(whosaid_splitter *s, size_t idx)
{
    size_t mask = s->nslots - 1;
    size_t i = hash_word(s->v[idx].key, s->v[idx].len) & mask;
    while (s->slot[i])
        i = (i + 1) & mask;
    s->slot[i] = (uint32_t)(idx + 1);
}

/* Keeps the table at most half full so probes stay short and always end. */
static int grow_slots(whosaid_splitter *s)
{
    if (2 * (s->n + 1) <= s->nslots) return 0;
    size_t n = s->nslots ? s->nslots * 2 : 64;
    if (n > UINT32_MAX) return WHOSAID_ENOMEM;
    uint32_t *slot = calloc(n, sizeof *slot);
    if (!slot) return WHOSAID_ENOMEM;
    free(s->slot);
    s->slot = slot;
    s->nslots = n;
    for (size_t i = 0; i < s->n; i++)
        place(s, i);
    return 0;
}

static int insert(whosaid_splitter *s, const char *w, size_t n, int cls, long line)
{
    if (grow_slots(s)) return WHOSAID_ENOMEM;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        entry *v = realloc(s->v, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        s->v = v;
        s->cap = cap;
    }
    entry *e = &s->v[s->n];
    memcpy(e->key, w, n);
    e->key[n] = '\0';
    e->len = (unsigned char)n;
    e->cls = (unsigned char)cls;
    e->line = line;
    place(s, s->n++);
    return 0;
}

/* ---- character classes ---- */

static int is_letter(int32_t c)
{
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int is_space(int32_t c)
{
    if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP;
}

static int is_term(int32_t c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026; /* … */
}

static int in_set(int32_t c, const int32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == c) return 1;
    return 0;
}

/* " ' ) ] } ’ ” » › */
static const int32_t closers[] = {'"', '\'', ')', ']', '}', 0x2019, 0x201D, 0x00BB, 0x203A};
/* " ' ( [ { ‘ “ „ « ‹ ¿ ¡ */
static const int32_t openers[] = {'"',    '\'',   '(',    '[',    '{',    0x2018,
                                  0x201C, 0x201E, 0x00AB, 0x2039, 0x00BF, 0x00A1};

static int is_closer(int32_t c)
{
    return in_set(c, closers, sizeof closers / sizeof *closers);
}

static int is_opener(int32_t c)
{
    return in_set(c, openers, sizeof openers / sizeof *openers);
}

/* Upper case, a digit, an opening quote or bracket, a letter without case
 * (CJK, Arabic ...) or a currency sign ("$5 billion was ..."). */
static int can_start(int32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || is_opener(c);
    if (is_opener(c) || utf8proc_isupper(c)) return 1;
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LT || k == UTF8PROC_CATEGORY_LO || k == UTF8PROC_CATEGORY_ND ||
           k == UTF8PROC_CATEGORY_SC;
}

static int starts_lower(const char *t, size_t len, size_t i)
{
    int32_t c = whosaid_utf8_next(t, len, &i);
    if (c < 0x80) return c >= 'a' && c <= 'z';
    return utf8proc_islower(c);
}

/* Bytes that need a closer look (white space, sentence punctuation and
 * anything not ASCII); every other byte is part of a word. */
static const unsigned char ascii_special[128] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
    [' '] = 1,  ['.'] = 1,  ['!'] = 1,  ['?'] = 1,
};

static int special(unsigned char b)
{
    return b >= 0x80 || ascii_special[b];
}

/* ---- the splitting rules ---- */

/* End of the white-space run at i; *nl counts its line breaks. */
static size_t skip_space(const char *t, size_t len, size_t i, size_t *nl)
{
    *nl = 0;
    while (i < len) {
        size_t j = i;
        int32_t c = whosaid_utf8_next(t, len, &j);
        if (!is_space(c)) break;
        if (c == '\n') (*nl)++;
        i = j;
    }
    return i;
}

/* End of the run of sentence punctuation and closing quotes starting at i. */
static size_t skip_terminals(const char *t, size_t len, size_t i)
{
    while (i < len) {
        size_t j = i;
        int32_t c = whosaid_utf8_next(t, len, &j);
        if (!is_term(c) && !is_closer(c)) break;
        i = j;
    }
    return i;
}

/* "U.S.", "e.g.", "F.B.I.": single letters each followed by a period. */
static int is_acronym(const char *t, size_t b, size_t end)
{
    int pairs = 0;
    while (b < end) {
        if (!is_letter(whosaid_utf8_next(t, end, &b)) || b >= end || t[b] != '.') return 0;
        b++;
        pairs++;
    }
    return pairs >= 2;
}

/* Class of the word of letters and periods that ends with the period at p. */
static int word_class(const whosaid_splitter *s, const char *t, size_t p)
{
    size_t b = p, end = p + 1;
    while (b > 0) {
        size_t q = b;
        int32_t c = whosaid_utf8_prev(t, &q);
        if (c != '.' && !is_letter(c)) break;
        if (end - q >= WORD_MAX) return CLS_NONE; /* too long to be an abbreviation */
        b = q;
    }
    const entry *e = lookup(s, t + b, end - b);
    if (e && e->cls != CLS_START) return e->cls;
    size_t q = b;
    int32_t c = whosaid_utf8_next(t, end, &q);
    if (q == p && utf8proc_isupper(c)) return CLS_INITIAL;
    return is_acronym(t, b, end) ? CLS_OTHER : CLS_NONE;
}

/* After an abbreviation of class other: an opening double quote or a word
 * listed as "start" ("in the U.S. The next day" but "the U.S. Senate"). */
static int clear_start(const whosaid_splitter *s, const char *t, size_t len, size_t j)
{
    size_t q = j;
    int32_t c = whosaid_utf8_next(t, len, &q);
    if (c == '"' || c == 0x201C || c == 0x2018 || c == 0x00AB) return 1;
    q = j;
    while (q < len && q - j < WORD_MAX) {
        size_t r = q;
        if (!is_letter(whosaid_utf8_next(t, len, &r))) break;
        q = r;
    }
    const entry *e = lookup(s, t + j, q - j);
    return e && e->cls == CLS_START;
}

/* Whether the punctuation run t[p..k) ends a sentence. */
static int ends_sentence(const whosaid_splitter *s, const char *t, size_t len, size_t p, size_t k)
{
    size_t nl;
    size_t j = skip_space(t, len, k, &nl);
    if (j == k) return 0; /* "14.2", "U.S.A", "?!," */
    if (j == len || nl >= 2) return 1;
    size_t q = j;
    if (!can_start(whosaid_utf8_next(t, len, &q))) return 0;
    if (k - p != 1 || t[p] != '.') return 1; /* abbreviations end in a bare '.' */
    switch (word_class(s, t, p)) {
    case CLS_TITLE:
    case CLS_INITIAL: return 0;
    case CLS_MONTH:
    case CLS_OTHER: return clear_start(s, t, len, j);
    }
    return 1;
}

int whosaid_splitter_split(const whosaid_splitter *s, const char *text, size_t len,
                           whosaid_ranges *out)
{
    const size_t none = SIZE_MAX;
    size_t n0 = out->n;
    size_t i = 0, start = none, last = 0;
    int after_term = 0; /* the last thing seen was punctuation that did not split */
    while (i < len) {
        unsigned char b = (unsigned char)text[i];
        if (!special(b)) {
            /* Words and the single spaces between them: nothing to decide. */
            if (start == none) start = i;
            for (;;) {
                i = whosaid_utf8_skip_words(text, len, i, ".!?");
                if (i < len && !special((unsigned char)text[i]))
                    i++; /* a control character: part of the word */
                else if (i + 1 < len && text[i] == ' ' && !special((unsigned char)text[i + 1]))
                    i += 2;
                else
                    break;
            }
            last = i;
            after_term = 0;
            continue;
        }
        /* The common space between two words changes nothing but i. */
        if (b == ' ' && i + 1 < len && (unsigned char)text[i + 1] > ' ' &&
            (unsigned char)text[i + 1] < 0x80) {
            i++;
            continue;
        }
        size_t j = i;
        int32_t c = whosaid_utf8_next(text, len, &j);
        if (is_space(c)) {
            size_t nl;
            size_t e = skip_space(text, len, i, &nl);
            /* A single line break splits unless a hard-wrapped sentence goes
             * on; after punctuation ends_sentence() has already decided. */
            int split = nl >= 2 || (nl == 1 && !after_term && !starts_lower(text, len, e));
            if (start != none && split) {
                if (whosaid_ranges_push(out, start, last)) goto nomem;
                start = none;
            }
            i = e;
            continue;
        }
        if (start == none) start = i;
        if (is_term(c)) {
            size_t k = skip_terminals(text, len, i);
            if (ends_sentence(s, text, len, i, k)) {
                if (whosaid_ranges_push(out, start, k)) goto nomem;
                start = none;
                after_term = 0;
            } else {
                after_term = 1;
            }
            i = last = k;
            continue;
        }
        i = last = j;
        after_term = 0;
    }
    if (start != none && whosaid_ranges_push(out, start, last)) goto nomem;
    return 0;
nomem:
    out->n = n0;
    return WHOSAID_ENOMEM;
}

/* ---- loading ---- */

static int class_of(const char *name)
{
    for (size_t i = 0; i < sizeof class_names / sizeof *class_names; i++)
        if (strcmp(name, class_names[i]) == 0) return (int)i + CLS_TITLE;
    return CLS_NONE;
}

/* Only words the splitter can look up are accepted, so a typo is an error
 * instead of an entry that silently never matches. */
static const char *bad_word(const char *w, size_t n, int cls)
{
    size_t i = 0, letters = 0;
    while (i < n) {
        int32_t c = whosaid_utf8_next(w, n, &i);
        if (is_letter(c))
            letters++;
        else if (c != '.' || cls == CLS_START)
            return cls == CLS_START ? "a start word may contain only letters"
                                    : "an abbreviation may contain only letters and periods";
    }
    if (!letters) return "no letter";
    if (cls != CLS_START && w[n - 1] != '.') return "an abbreviation must end with '.'";
    return NULL;
}

static int add_line(whosaid_splitter *s, const whosaid_rulefile *rf, whosaid_error *err)
{
    size_t nf = whosaid_rulefile_nfields(rf);
    if (nf != 2)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "expected 2 TAB-separated fields (word, class), found %zu",
                                      nf);
    const char *w = whosaid_rulefile_field(rf, 0);
    const char *name = whosaid_rulefile_field(rf, 1);
    int cls = class_of(name);
    if (cls == CLS_NONE)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "unknown abbreviation class '%s'",
                                      name);
    size_t n = strlen(w);
    if (n >= WORD_MAX)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "'%s' is longer than %d bytes", w,
                                      WORD_MAX - 1);
    const char *why = bad_word(w, n, cls);
    if (why) return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "'%s': %s", w, why);
    const entry *dup = lookup(s, w, n);
    if (dup)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "duplicate entry '%s' (first on line %ld)", w, dup->line);
    if (insert(s, w, n, cls, whosaid_rulefile_lineno(rf)))
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "%s",
                                      whosaid_errmsg(WHOSAID_ENOMEM));
    return 0;
}

whosaid_splitter *whosaid_splitter_load(const char *path, whosaid_error *err)
{
    whosaid_splitter *s = calloc(1, sizeof *s);
    if (!s) {
        whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "%s", whosaid_errmsg(WHOSAID_ENOMEM));
        return NULL;
    }
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) {
        free(s);
        return NULL;
    }
    int rc;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1)
        if ((rc = add_line(s, rf, err)) < 0) break;
    whosaid_rulefile_close(rf);
    if (rc < 0) {
        whosaid_splitter_free(s);
        return NULL;
    }
    return s;
}

void whosaid_splitter_free(whosaid_splitter *s)
{
    if (!s) return;
    free(s->v);
    free(s->slot);
    free(s);
}
