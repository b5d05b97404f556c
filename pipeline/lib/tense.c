/* Tense cues around a relative date (rules/tense.rules, format in
 * rules/README.md "tense.rules").
 *
 * Keeps one array of cues, each up to WHOSAID_TENSE_MAX_WORDS folded words
 * in fixed-size slots, in file order, and a hash map from each literal word
 * to the cues it anchors: a cue's anchor, for each reading direction, is its
 * first literal word in that order. A lookup folds at most BACK_WORDS words
 * before the date (COND_WORDS to find a condition's main clause) and
 * FWD_WORDS after it into a stack buffer, looks each word
 * up once, and at each word tries only the cues anchored there plus the few
 * with no literal word at all ("-ed"): O(words) lookups, no allocation. */
#include "whosaid/tense.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "whosaid/hashmap.h"
#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"

/* How far a cue may be from the date, in words. Before it the clause's
 * verb group is usually close ("will meet on Friday"); after it a
 * sentence-opening date has its verb within a few words ("On Friday, the
 * leaders will meet"). */
#define BACK_WORDS 12
#define FWD_WORDS 8
/* Past a condition word ("if") the main clause's verb group may lie further
 * back: "could spread to Onne and Calabar if the NPA did not act by Friday". */
#define COND_WORDS 20

/* "none" in the file: covers words, is no cue; "open": a cue that leaves
 * the tense open ("would resume": the clause's own verb group, which
 * points neither way, so a "said" further back does not decide);
 * "condition": no cue itself, but a past cue after it is a backshifted
 * present when the main clause before it is open or future. */
enum { KIND_HIDE = 3, KIND_OPEN = 4, KIND_CONDITION = 5 };

typedef struct cue {
    int kind, nw;
    /* Worked out at load for the lookups: each word's length and form
     * (MATCH_*), and the rank among cues matching at one word (longer wins;
     * at equal length one of literal words only over one with a wildcard). */
    unsigned char len[WHOSAID_TENSE_MAX_WORDS], form[WHOSAID_TENSE_MAX_WORDS];
    int score;
    char w[WHOSAID_TENSE_MAX_WORDS][WHOSAID_TENSE_MAX_WORD];
} cue;

/* A cue whose anchor is a word: it starts `off` words before that word in
 * reading order. */
typedef struct anchor {
    size_t cue, off;
} anchor;

/* The cues one literal word anchors, reading backward (0) and forward (1). */
typedef struct anchored {
    anchor *v[2];
    size_t n[2];
    int condition; /* some condition cue is among them ("if") */
} anchored;

struct whosaid_tense {
    cue *v;
    size_t n, cap;
    whosaid_hashmap *by_word; /* literal word -> index in anchors */
    anchored *anchors;
    size_t n_anchors;
    size_t max_off[2]; /* the largest anchor offset per direction */
    /* Cues of wildcards only ("-ed", "* -'ll"): tried at every word. */
    size_t *loose;
    size_t n_loose;
};

typedef char word[WHOSAID_TENSE_MAX_WORD];

/* Folds s[0..n) into out: lower-cased, the typographic apostrophe as "'".
 * Returns 0, or -1 when it does not fit (such a word matches no cue). */
static int fold_word(const char *s, size_t n, char *out)
{
    long k = whosaid_utf8_lower_into(s, n, out, WHOSAID_TENSE_MAX_WORD);
    if (k < 0) return -1;
    /* In place: the apostrophe's three bytes become one. Most words have
     * none, so they are not copied again. */
    char *q = memchr(out, 0xE2, (size_t)k);
    if (!q) return 0;
    size_t o = (size_t)(q - out);
    for (long i = (long)o; i < k; i++) {
        if ((unsigned char)out[i] == 0xE2 && i + 2 < k && (unsigned char)out[i + 1] == 0x80 &&
            (unsigned char)out[i + 2] == 0x99) {
            out[o++] = '\'';
            i += 2;
        } else {
            out[o++] = out[i];
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
 * counts only before white space, so "14.2" and "U.S.-led" do not end one;
 * the callers also pass over one before a lower-case word ("at 5 p.m. on
 * Thursday", "in the U.S. on Friday"): no sentence starts so. */
static int is_boundary(int32_t cp, int32_t after)
{
    if (cp == '.') return after < 0 || after == ' ' || after == '\n' || after == '\t';
    return cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == '\n';
}

static int is_lower_ascii(char c)
{
    return c >= 'a' && c <= 'z';
}

/* Whether the next word from text[i] on, past white space, starts with a
 * lower-case letter. */
static int lower_word_at(const char *text, size_t len, size_t i)
{
    while (i < len && (text[i] == ' ' || text[i] == '\t'))
        i++;
    return i < len && is_lower_ascii(text[i]);
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

/* Word k of c in reading order: backward reading meets the last word first. */
static int reading_word(const cue *c, int k, int backward)
{
    return backward ? c->nw - 1 - k : k;
}

/* Adds cue i to the anchors of its literal word w. 0 or WHOSAID_ENOMEM. */
static int add_anchor(whosaid_tense *t, const char *w, size_t len, int d, size_t i, size_t off)
{
    uint64_t idx;
    if (!whosaid_hashmap_get(t->by_word, w, len, &idx)) {
        anchored *grown = realloc(t->anchors, (t->n_anchors + 1) * sizeof *grown);
        if (!grown) return WHOSAID_ENOMEM;
        t->anchors = grown;
        memset(&t->anchors[t->n_anchors], 0, sizeof *t->anchors);
        idx = t->n_anchors++;
        if (whosaid_hashmap_put(t->by_word, w, len, idx) < 0) return WHOSAID_ENOMEM;
    }
    anchored *a = &t->anchors[idx];
    anchor *v = realloc(a->v[d], (a->n[d] + 1) * sizeof *v);
    if (!v) return WHOSAID_ENOMEM;
    v[a->n[d]++] = (anchor){i, off};
    a->condition |= t->v[i].kind == KIND_CONDITION;
    a->v[d] = v;
    if (off > t->max_off[d]) t->max_off[d] = off;
    return 0;
}

/* Fills the anchors and the loose list: a lookup then tries at each word
 * the few cues that can match there instead of all of them. 0 or
 * WHOSAID_ENOMEM. */
static int index_cues(whosaid_tense *t)
{
    t->by_word = whosaid_hashmap_new();
    if (!t->by_word) return WHOSAID_ENOMEM;
    for (size_t i = 0; i < t->n; i++) {
        cue *c = &t->v[i];
        int literal = 1;
        for (int k = 0; k < c->nw; k++) {
            c->len[k] = (unsigned char)strlen(c->w[k]);
            c->form[k] = !is_wild(c->w[k])   ? MATCH_LITERAL
                         : c->w[k][0] == '-' ? MATCH_SUFFIX
                                             : MATCH_ANY;
            if (c->form[k] != MATCH_LITERAL) literal = 0;
        }
        c->score = c->nw * 2 + literal;
        int anchored_somewhere = 0;
        for (int d = 0; d < 2; d++)
            for (int k = 0; k < c->nw; k++) {
                int wk = reading_word(c, k, d == 0);
                if (c->form[wk] != MATCH_LITERAL) continue;
                if (add_anchor(t, c->w[wk], c->len[wk], d, i, (size_t)k)) return WHOSAID_ENOMEM;
                anchored_somewhere = 1;
                break;
            }
        if (!anchored_somewhere) {
            size_t *v = realloc(t->loose, (t->n_loose + 1) * sizeof *v);
            if (!v) return WHOSAID_ENOMEM;
            v[t->n_loose++] = i;
            t->loose = v;
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
        c.kind = !strcmp(kind, "past")        ? WHOSAID_TENSE_PAST
                 : !strcmp(kind, "future")    ? WHOSAID_TENSE_FUTURE
                 : !strcmp(kind, "none")      ? KIND_HIDE
                 : !strcmp(kind, "open")      ? KIND_OPEN
                 : !strcmp(kind, "condition") ? KIND_CONDITION
                                              : 0;
        if (!c.kind) {
            rc = whosaid_rulefile_error(
                rf, err, WHOSAID_ESYNTAX,
                "unknown kind '%s' (expected past, future, open, none or condition)", kind);
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
    for (size_t i = 0; i < t->n_anchors; i++) {
        free(t->anchors[i].v[0]);
        free(t->anchors[i].v[1]);
    }
    free(t->anchors);
    whosaid_hashmap_free(t->by_word);
    free(t->loose);
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

/* Up to max folded words before text[pos] (nearest first) inside the
 * clause; comma[k]: a comma lies between out[k] and the word read before it. */
static size_t words_before(const char *text, size_t pos, word *out, unsigned char *comma,
                           size_t max)
{
    size_t n = 0, i = pos;
    int32_t after = -1; /* the code point right after the one being looked at */
    int saw_comma = 0;
    int lower_next = is_lower_ascii(text[pos]); /* the word after is lower-case */
    while (n < max && i > 0) {
        size_t e = i;
        int32_t cp = prev_cp(text, &i);
        if (!is_word_cp(cp)) {
            if (is_boundary(cp, after) && !(cp == '.' && lower_next)) break;
            saw_comma |= cp == ',';
            after = cp;
            continue;
        }
        comma[n] = (unsigned char)saw_comma;
        saw_comma = 0;
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
        lower_next = is_lower_ascii(text[b]);
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
            if (is_boundary(cp, next) && !(cp == '.' && lower_word_at(text, len, i))) break;
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

/* Whether c, matching at the same word as best, is the better cue: the
 * higher score, at an equal score the earlier in the file. */
static int beats(const cue *c, const cue *best)
{
    return !best || c->score > best->score || (c->score == best->score && c < best);
}

/* Whether c covers words[at ..] in reading direction. */
static int cue_matches(const cue *c, word *words, const size_t *lens, size_t n, size_t at,
                       int backward)
{
    if (at + (size_t)c->nw > n) return 0;
    for (int k = 0; k < c->nw; k++)
        if (!cue_word_matches(c, reading_word(c, k, backward), words[at + (size_t)k],
                              lens[at + (size_t)k]))
            return 0;
    return 1;
}

/* The best cue covering words[at ..] in reading direction: backward cues
 * end at words[at] (words run nearest first, so the cue's last word is
 * words[at], its first words[at + nw - 1]); forward cues start there.
 * hits[p] holds the cues words[p] anchors, NULL when none. */
static const cue *best_at(const whosaid_tense *t, word *words, const size_t *lens,
                          const anchored *const *hits, size_t n, size_t at, int backward)
{
    const cue *best = NULL;
    int d = backward ? 0 : 1;
    for (size_t p = at; p < n && p - at <= t->max_off[d]; p++) {
        if (!hits[p]) continue;
        for (size_t i = 0; i < hits[p]->n[d]; i++) {
            const anchor *a = &hits[p]->v[d][i];
            const cue *c = &t->v[a->cue];
            if (a->off == p - at && beats(c, best) && cue_matches(c, words, lens, n, at, backward))
                best = c;
        }
    }
    for (size_t i = 0; i < t->n_loose; i++) {
        const cue *c = &t->v[t->loose[i]];
        if (beats(c, best) && cue_matches(c, words, lens, n, at, backward)) best = c;
    }
    return best;
}

/* The words around a date as a scan reads them (nearest first), with
 * their lengths and the cues they anchor (NULL: none). */
typedef struct reading {
    word w[COND_WORDS];
    size_t lens[COND_WORDS];
    const anchored *hits[COND_WORDS];
    unsigned char comma[COND_WORDS];
    size_t n;
    size_t hide_lo, hide_hi; /* words of a relative clause read past (lo > hi: none) */
} reading;

static void look_up(const whosaid_tense *t, reading *r)
{
    for (size_t k = 0; k < r->n; k++) {
        r->lens[k] = strlen(r->w[k]);
        uint64_t idx;
        r->hits[k] =
            whosaid_hashmap_get(t->by_word, r->w[k], r->lens[k], &idx) ? &t->anchors[idx] : NULL;
    }
}

/* The first cue from word *at on, inside words[0, limit): hiding cues and
 * condition words are stepped over. *at is left where it was found. */
static const cue *next_cue(const whosaid_tense *t, reading *r, size_t limit, size_t *at,
                           int backward)
{
    while (*at < limit) {
        if (backward && *at >= r->hide_lo && *at <= r->hide_hi) {
            *at = r->hide_hi + 1;
            continue;
        }
        const cue *c = best_at(t, r->w, r->lens, r->hits, limit, *at, backward);
        if (!c) {
            ++*at;
            continue;
        }
        if (c->kind != KIND_HIDE && c->kind != KIND_CONDITION) return c;
        *at += (size_t)c->nw;
    }
    return NULL;
}

static int is_relative_word(const char *w)
{
    return !strcmp(w, "who") || !strcmp(w, "which") || !strcmp(w, "whose") || !strcmp(w, "whom");
}

/* A relative clause between commas behind the date (", who was taken off
 * with a knock, on Monday"): its verbs are not the date's, so the reading
 * back passes over it to "would assess". Sets r->hide_lo, r->hide_hi to its
 * words (from the comma nearest the date back to "who"), or leaves none.
 * Returns whether one was found. */
static int find_relative(reading *r)
{
    r->hide_lo = 1;
    r->hide_hi = 0;
    size_t lo = 0;
    while (lo < r->n && !r->comma[lo])
        lo++;
    for (size_t j = lo; j + 1 < r->n; j++) {
        if (j > lo && r->comma[j]) return 0; /* another comma first */
        if (is_relative_word(r->w[j]) && r->comma[j + 1]) {
            r->hide_lo = lo;
            r->hide_hi = j;
            return 1;
        }
    }
    return 0;
}

/* Words of a condition's subject: "if the Nigerian Ports Authority did". */
#define COND_SUBJECT_WORDS 6

/* Whether the past cue read back up to word from - 1 is a backshifted
 * present: a condition word opens its clause a few words further back, no
 * comma between, and the clause before that is open or future ("would walk
 * out if the firm failed to pay by June 1" is the coming June 1). "asked
 * if the firm paid on Friday" keeps the past. */
static int backshifted(const whosaid_tense *t, reading *r, size_t from, const char *text,
                       size_t start)
{
    size_t cond = from; /* most past verbs have no condition word before them */
    while (cond < r->n && cond - from <= COND_SUBJECT_WORDS && !r->comma[cond] &&
           !(r->hits[cond] && r->hits[cond]->condition))
        cond++;
    if (cond == r->n || cond - from > COND_SUBJECT_WORDS || r->comma[cond]) return 0;
    for (size_t j = from; j <= cond; j++) {
        const cue *c = best_at(t, r->w, r->lens, r->hits, r->n, j, 1);
        if (!c) continue;
        if (c->kind != KIND_CONDITION) return 0;
        if (r->n == BACK_WORDS) { /* the main clause may lie further back: read on */
            r->n = words_before(text, start, r->w, r->comma, COND_WORDS);
            look_up(t, r);
        }
        size_t at = j + (size_t)c->nw;
        const cue *main = next_cue(t, r, r->n, &at, 1);
        return main && (main->kind == KIND_OPEN || main->kind == WHOSAID_TENSE_FUTURE);
    }
    return 0;
}

int whosaid_tense_at(const whosaid_tense *t, const char *text, size_t len, size_t start, size_t end)
{
    if (!t || !t->n || start > end || end > len) return WHOSAID_TENSE_NONE;
    reading r;
    r.n = words_before(text, start, r.w, r.comma, BACK_WORDS);
    size_t limit = r.n;
    if (find_relative(&r)) {
        /* the clause's words do not count against the dozen */
        if (r.n == BACK_WORDS) r.n = words_before(text, start, r.w, r.comma, COND_WORDS);
        limit = r.n < BACK_WORDS + r.hide_hi + 1 - r.hide_lo
                    ? r.n
                    : BACK_WORDS + r.hide_hi + 1 - r.hide_lo;
    }
    look_up(t, &r);
    size_t at = 0;
    const cue *c = next_cue(t, &r, limit, &at, 1);
    if (c) {
        if (c->kind == WHOSAID_TENSE_PAST && backshifted(t, &r, at + (size_t)c->nw, text, start))
            return WHOSAID_TENSE_FUTURE;
    } else {
        r.n = words_after(text, len, end, r.w, FWD_WORDS);
        r.hide_lo = 1;
        r.hide_hi = 0;
        look_up(t, &r);
        at = 0;
        c = next_cue(t, &r, r.n, &at, 0);
    }
    return !c ? WHOSAID_TENSE_NONE : c->kind == KIND_OPEN ? WHOSAID_TENSE_OPEN : c->kind;
}
