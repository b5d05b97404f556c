/* Tense cues around a relative date (rules/tense.rules, format in
 * rules/README.md "tense.rules").
 *
 * Keeps one array of cues, each up to WHOSAID_TENSE_MAX_WORDS folded words
 * in fixed-size slots, in file order. A lookup folds at most BACK_WORDS words
 * before the date and FWD_WORDS after it into a stack buffer and tries every
 * cue at each word, nearest word first: O((BACK_WORDS + FWD_WORDS) * cues)
 * word comparisons, no allocation. */
#include "whosaid/tense.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"

/* How far a cue may be from the date, in words. Before it the clause's
 * verb group is usually close ("will meet on Friday"); after it a
 * sentence-opening date has its verb within a few words ("On Friday, the
 * leaders will meet"). */
#define BACK_WORDS 12
#define FWD_WORDS 8

enum { KIND_HIDE = 3 }; /* "none" in the file: covers words, is no cue */

typedef struct cue {
    int kind, nw;
    /* Worked out at load for the lookups: each word's length and form
     * (MATCH_*), and whether the cue is all literal words. */
    unsigned char len[WHOSAID_TENSE_MAX_WORDS], form[WHOSAID_TENSE_MAX_WORDS];
    int literal;
    char w[WHOSAID_TENSE_MAX_WORDS][WHOSAID_TENSE_MAX_WORD];
} cue;

struct whosaid_tense {
    cue *v;
    size_t n, cap;
    /* For reading backward (0) and forward (1), by the first byte of the
     * word a cue must match first: the cues that may match there, in file
     * order (those whose word there is a wildcard are in every list). */
    size_t *by_first[2][256];
    size_t n_by_first[2][256];
};

typedef char word[WHOSAID_TENSE_MAX_WORD];

/* Folds s[0..n) into out: lower-cased, the typographic apostrophe as "'".
 * Returns 0, or -1 when it does not fit (such a word matches no cue). */
static int fold_word(const char *s, size_t n, char *out)
{
    char tmp[WHOSAID_TENSE_MAX_WORD];
    long k = whosaid_utf8_lower_into(s, n, tmp, sizeof tmp);
    if (k < 0) return -1;
    size_t o = 0;
    for (long i = 0; i < k; i++) {
        if ((unsigned char)tmp[i] == 0xE2 && i + 2 < k && (unsigned char)tmp[i + 1] == 0x80 &&
            (unsigned char)tmp[i + 2] == 0x99) {
            out[o++] = '\'';
            i += 2;
        } else {
            out[o++] = tmp[i];
        }
    }
    out[o] = '\0';
    return 0;
}

static int is_word_cp(int32_t cp)
{
    /* ASCII without the Unicode table: letters, digits and the apostrophe. */
    if (cp >= 0 && cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' ? 1
                                                        : (cp >= '0' && cp <= '9') || cp == '\'';
    if (cp == 0x2019) return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* Ends a clause: the words beyond it belong to another verb. A period
 * counts only before white space, so "14.2" and "U.S.-led" do not end one. */
static int is_boundary(int32_t cp, int32_t after)
{
    if (cp == '.') return after < 0 || after == ' ' || after == '\n' || after == '\t';
    return cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == '\n';
}

static int is_wild(const char *pat)
{
    return (pat[0] == '-' && pat[1]) || !strcmp(pat, "*");
}

enum { MATCH_LITERAL, MATCH_SUFFIX, MATCH_ANY };

/* word_matches for word k of c and a folded word w of wl bytes, with the
 * lengths known: no strlen or strcmp per try. */
static int cue_word_matches(const cue *c, int k, const char *w, size_t wl)
{
    const char *pat = c->w[k];
    size_t pl = c->len[k];
    switch (c->form[k]) {
    case MATCH_ANY: return wl > 0;
    case MATCH_SUFFIX: return wl >= pl + 1 && !memcmp(w + wl - (pl - 1), pat + 1, pl - 1);
    default: return pl == wl && pat[0] == w[0] && !memcmp(pat, w, wl);
    }
}

/* Fills t->by_first: a lookup then tries the few cues whose first word can
 * match instead of all of them. 0 or WHOSAID_ENOMEM. */
static int index_cues(whosaid_tense *t)
{
    for (size_t i = 0; i < t->n; i++) {
        cue *c = &t->v[i];
        c->literal = 1;
        for (int k = 0; k < c->nw; k++) {
            c->len[k] = (unsigned char)strlen(c->w[k]);
            c->form[k] = !is_wild(c->w[k])   ? MATCH_LITERAL
                         : c->w[k][0] == '-' ? MATCH_SUFFIX
                                             : MATCH_ANY;
            if (c->form[k] != MATCH_LITERAL) c->literal = 0;
        }
    }
    for (int d = 0; d < 2; d++)
        for (size_t i = 0; i < t->n; i++) {
            const cue *c = &t->v[i];
            const char *pat = c->nw == 0 ? "*" : d == 0 ? c->w[c->nw - 1] : c->w[0];
            int wild = is_wild(pat);
            for (int b = 0; b < 256; b++) {
                if (!wild && (unsigned char)pat[0] != b) continue;
                size_t *v = realloc(t->by_first[d][b], (t->n_by_first[d][b] + 1) * sizeof *v);
                if (!v) return WHOSAID_ENOMEM;
                v[t->n_by_first[d][b]++] = i;
                t->by_first[d][b] = v;
            }
        }
    return 0;
}

whosaid_tense *whosaid_tense_load(const char *path, whosaid_error *err)
{
    whosaid_tense *t = calloc(1, sizeof *t);
    if (!t) {
        whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
        return NULL;
    }
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) {
        free(t);
        return NULL;
    }
    int rc;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1) {
        const char *kind = whosaid_rulefile_field(rf, 0);
        const char *phrase = whosaid_rulefile_field(rf, 1);
        if (whosaid_rulefile_nfields(rf) != 2) {
            rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "expected a kind and a phrase");
            break;
        }
        cue c;
        memset(&c, 0, sizeof c);
        c.kind = !strcmp(kind, "past")     ? WHOSAID_TENSE_PAST
                 : !strcmp(kind, "future") ? WHOSAID_TENSE_FUTURE
                 : !strcmp(kind, "none")   ? KIND_HIDE
                                           : 0;
        if (!c.kind) {
            rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                        "unknown kind '%s' (expected past, future or none)", kind);
            break;
        }
        for (const char *p = phrase; *p && rc == 1;) {
            while (*p == ' ')
                p++;
            const char *e = p;
            while (*e && *e != ' ')
                e++;
            if (e == p) break;
            if (c.nw == WHOSAID_TENSE_MAX_WORDS || fold_word(p, (size_t)(e - p), c.w[c.nw]))
                rc = whosaid_rulefile_error(rf, err, WHOSAID_ELIMIT,
                                            "phrase '%s' has more than %d words or a word longer "
                                            "than %d bytes",
                                            phrase, WHOSAID_TENSE_MAX_WORDS,
                                            WHOSAID_TENSE_MAX_WORD - 1);
            c.nw++;
            p = e;
        }
        if (rc != 1) break;
        for (size_t i = 0; i < t->n && rc == 1; i++) {
            if (t->v[i].nw != c.nw) continue;
            int same = 1;
            for (int k = 0; k < c.nw && same; k++)
                same = !strcmp(t->v[i].w[k], c.w[k]);
            if (same)
                rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "phrase '%s' listed twice",
                                            phrase);
        }
        if (rc != 1) break;
        if (t->n == t->cap) {
            size_t nc = t->cap ? t->cap * 2 : 64;
            cue *grown = realloc(t->v, nc * sizeof *grown);
            if (!grown) {
                rc = whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
                break;
            }
            t->v = grown;
            t->cap = nc;
        }
        t->v[t->n++] = c;
    }
    whosaid_rulefile_close(rf);
    if (rc >= 0 && index_cues(t))
        rc = whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
    if (rc < 0) {
        whosaid_tense_free(t);
        return NULL;
    }
    return t;
}

void whosaid_tense_free(whosaid_tense *t)
{
    if (!t) return;
    for (int d = 0; d < 2; d++)
        for (int b = 0; b < 256; b++)
            free(t->by_first[d][b]);
    free(t->v);
    free(t);
}

size_t whosaid_tense_count(const whosaid_tense *t)
{
    return t ? t->n : 0;
}

/* whosaid_utf8_prev with an ASCII byte before *i read at once. */
static int32_t prev_cp(const char *text, size_t *i)
{
    if (*i > 0 && (unsigned char)text[*i - 1] < 0x80) return (unsigned char)text[--*i];
    return whosaid_utf8_prev(text, i);
}

/* Up to max folded words before text[pos] (nearest first) inside the clause. */
static size_t words_before(const char *text, size_t pos, word *out, size_t max)
{
    size_t n = 0, i = pos;
    int32_t after = -1; /* the code point right after the one being looked at */
    while (n < max && i > 0) {
        size_t e = i;
        int32_t cp = prev_cp(text, &i);
        if (!is_word_cp(cp)) {
            if (is_boundary(cp, after)) break;
            after = cp;
            continue;
        }
        size_t b = i;
        while (b > 0) {
            size_t k = b;
            int32_t p = prev_cp(text, &k);
            if (!is_word_cp(p)) break;
            b = k;
        }
        if (fold_word(text + b, e - b, out[n])) out[n][0] = '\0';
        n++;
        i = b;
        after = 'a';
    }
    return n;
}

/* Up to max folded words from text[pos] on (nearest first) inside the clause. */
static size_t words_after(const char *text, size_t len, size_t pos, word *out, size_t max)
{
    size_t n = 0, i = pos;
    while (n < max && i < len) {
        size_t b = i;
        int32_t cp = whosaid_utf8_next(text, len, &i);
        if (!is_word_cp(cp)) {
            size_t k = i;
            int32_t next = k < len ? whosaid_utf8_next(text, len, &k) : -1;
            if (is_boundary(cp, next)) break;
            continue;
        }
        size_t e = i;
        while (e < len) {
            size_t k = e;
            if (!is_word_cp(whosaid_utf8_next(text, len, &k))) break;
            e = k;
        }
        if (fold_word(text + b, e - b, out[n])) out[n][0] = '\0';
        n++;
        i = e;
    }
    return n;
}

/* The longest cue covering words[at ..] in reading direction: backward
 * cues end at words[at] (words run nearest first, so the cue's last word
 * is words[at], its first words[at + nw - 1]); forward cues start there. */
static const cue *best_at(const whosaid_tense *t, word *words, const size_t *lens, size_t n,
                          size_t at, int backward)
{
    const cue *best = NULL;
    int best_score = 0;
    unsigned char first = (unsigned char)words[at][0];
    const size_t *list = t->by_first[backward ? 0 : 1][first];
    for (size_t li = 0; li < t->n_by_first[backward ? 0 : 1][first]; li++) {
        const cue *c = &t->v[list[li]];
        if (at + (size_t)c->nw > n || c->nw * 2 + 1 <= best_score) continue;
        int ok = 1;
        for (int k = 0; k < c->nw && ok; k++) {
            int wk = backward ? c->nw - 1 - k : k;
            ok = cue_word_matches(c, wk, words[at + (size_t)k], lens[at + (size_t)k]);
        }
        /* Longer wins; at equal length a literal word over a wildcard. */
        if (ok && c->nw * 2 + c->literal > best_score) {
            best = c;
            best_score = c->nw * 2 + c->literal;
        }
    }
    return best;
}

static int scan(const whosaid_tense *t, word *words, size_t n, int backward)
{
    size_t lens[BACK_WORDS > FWD_WORDS ? BACK_WORDS : FWD_WORDS];
    for (size_t k = 0; k < n; k++)
        lens[k] = strlen(words[k]);
    for (size_t at = 0; at < n;) {
        const cue *c = best_at(t, words, lens, n, at, backward);
        if (!c) {
            at++;
            continue;
        }
        if (c->kind != KIND_HIDE) return c->kind;
        at += (size_t)c->nw;
    }
    return WHOSAID_TENSE_NONE;
}

int whosaid_tense_at(const whosaid_tense *t, const char *text, size_t len, size_t start, size_t end)
{
    if (!t || !t->n || start > end || end > len) return WHOSAID_TENSE_NONE;
    word words[BACK_WORDS > FWD_WORDS ? BACK_WORDS : FWD_WORDS];
    size_t n = words_before(text, start, words, BACK_WORDS);
    int k = scan(t, words, n, 1);
    if (k) return k;
    n = words_after(text, len, end, words, FWD_WORDS);
    return scan(t, words, n, 0);
}
