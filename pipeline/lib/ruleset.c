#include "whosaid/ruleset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "whosaid/buf.h"
#include "whosaid/hashmap.h"
#include "whosaid/prefilter.h"
#include "whosaid/regex.h"
#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"
#include "whosaid/wordtrie.h"

#define ORDER_SHIFT 20
#define NO_DEFINE SIZE_MAX
#define NO_GATE SIZE_MAX

/* A piece of an expanded pattern and where it came from, so a PCRE2 error
 * offset can be reported in the pattern as the user wrote it. */
typedef struct seg {
    size_t exp, len;     /* bytes [exp, exp + len) of the expanded pattern */
    size_t src, src_len; /* the bytes as written: copied text or "{NAME}" */
    size_t def;          /* NO_DEFINE for copied text, else the define put here */
} seg;

typedef struct define {
    char *name;
    char *written;  /* as written; NULL for word lists (offsets are then into expanded) */
    char *expanded; /* substituted as (?:expanded) */
    size_t exp_len;
    seg *segs;
    size_t nsegs;
} define;

typedef struct group_attr {
    const char *name; /* in the regex's name table */
    uint32_t number;
} group_attr;

/* How a rule is applied: searched over the whole text (no start
 * condition), tried anchored at each position its condition accepts, or
 * searched from there on ((*SKIP) rules). */
enum { APPLY_SCAN, APPLY_ANCHORED, APPLY_SEARCH };

typedef struct rule {
    whosaid_regex *re; /* compiled anchored for APPLY_ANCHORED */
    int mode;
    size_t filt;       /* index among the filtered rules (not APPLY_SCAN) */
    size_t gate;       /* the gate it is tried under, or NO_GATE */
    whosaid_regex **skips; /* APPLY_ANCHORED: the A of leading "A(*SKIP)(*FAIL)|" branches */
    whosaid_prefilter **skip_pfs; /* their own start conditions (NULL: none) */
    size_t *skip_memo;            /* their entries in the set's memo of A results */
    whosaid_prefilter *rest_pf;   /* the other branches' start condition (NULL: none) */
    int not_after_digit; /* APPLY_ANCHORED: the other branches (all of it without
                          * skips) start with a look-behind that fails after a digit */
    size_t nskips;
    char *type;
    int priority;
    int user;
    long order;
    const char *file; /* one of rs->files */
    long line;
    json_t *attrs; /* static attributes, or NULL */
    uint32_t span; /* group giving the span (0: the whole match) */
    group_attr *groups;
    size_t ngroups;
} rule;

/* A gate line: its pattern finds the triggers, and the rules after it in
 * the file are tried only in the windows before them (one scan of the
 * pattern per text instead of trying every rule at every word). */
#define NCELLS (2 * 129 * 130) /* (after a letter?, first symbol, second symbol) */
#define DCELLS (129 * 130)     /* (symbol k + 1, symbol k + 2) of a deep condition */
#define ACELLS (130 * 130)     /* (symbol k + 1, k + 2) after a run, END too */
#define ANONE 0x7FFFu          /* in a packed after-run position: not checked */

typedef struct gate {
    whosaid_regex *re;     /* searched, when the pattern has no start condition */
    whosaid_regex *anch;   /* else tried anchored where cells says it may start */
    uint64_t *cells;       /* NCELLS bits */
    /* Characters 2-3, 3-4, 4-5 (NULL: not checked), from the pattern's
     * top-level branches (without the "\d|" of a digit_first gate, so
     * checked only where that \d cannot match): level k passes where a
     * branch that may end within k characters starts (short: DEEP x
     * NCELLS bits) or the pair is one of the longer branches' (deep:
     * DEEP x DCELLS bits), so one short branch ("$") does not let every
     * pair through. */
    uint64_t *deep, *short_cells;
    char *pattern;         /* expanded */
    size_t same;           /* an earlier gate with the same pattern (whose triggers
                            * this one shares), or NO_GATE */
    size_t lookback; /* words before a trigger where a match may start */
    uint64_t *mask;  /* nw words: the filtered rules under this gate */
    size_t *win;     /* during apply: windows [win[2k], win[2k+1]), sorted, disjoint */
    size_t nwin, wcap, cur;
    int full;        /* during apply: the gate hit its match limit, the text is open */
    int digit_first; /* the pattern is "\d|...": an ASCII digit is a one-character trigger */
} gate;

/* The results of one A of "A(*SKIP)(*FAIL)|B" at the positions of the
 * current batch (see run_filtered): rules that share an A (NAMED_NUMBER
 * opens two stat rules) try it at the same positions, and match it once. */
enum { MEMO_UNKNOWN = 2 };
typedef struct skip_memo {
    char *pattern;     /* expanded */
    signed char *rc;   /* per batch position: 1, 0, a limit hit (< 0), MEMO_UNKNOWN */
    size_t *end;       /* where the match ended, when rc is 1 */
} skip_memo;

/* The positions of a batch a filtered rule is to be tried at. */
typedef struct try_list {
    uint32_t *v; /* indices into the batch's positions, ascending */
    size_t n, cap;
} try_list;

struct whosaid_ruleset {
    rule *rules;
    size_t n, cap;
    define *defs; /* every define ever made: old ones stay for error offsets */
    size_t ndefs, defs_cap;
    whosaid_hashmap *names; /* define name -> index of its latest define */
    char **files;
    size_t nfiles;
    size_t *hits; /* rules that hit the match limit in the last apply */
    size_t nhits, hits_cap;
    whosaid_buf pat; /* scratch: the pattern being expanded, and its pieces */
    seg *segs;
    size_t nsegs, segs_cap;
    /* The start conditions of the filtered rules, inverted: for each
     * (previous character a letter?, first symbol, second symbol) a bit set
     * of the rules that may match there. Built on first use after a load. */
    size_t *filt;        /* filtered rule -> rule index */
    whosaid_prefilter **pfs; /* filtered rule -> its condition, until the table is built */
    size_t nfilt, filt_cap;
    uint64_t *table;
    /* The same for characters k + 1 and k + 2 of a match (k = 1 .. DEEP,
     * whosaid_prefilter_accepts_deep): per (symbol, symbol) cell, a bit set. */
    uint64_t *deep[WHOSAID_PREFILTER_DEEP];
    /* The same for symbols 1-2 and 2-3 after the text's run at a position
     * (whosaid_prefilter_accepts_after): per (run class, k, cell) a bit set. */
    uint64_t *after;
    size_t nw;           /* 64-bit words per bit set */
    int stale;
    size_t *next_pos;    /* per filtered rule, during apply: where it may match next */
    unsigned char *done; /* per filtered rule, during apply: no more matches */
    gate *gates;
    size_t ngates;
    skip_memo *memo;
    size_t nmemo;
    /* During apply, a batch of tries: the positions (and their cells) some
     * rule is to be tried at, and per filtered rule the ones it is. */
    size_t *bpos;
    uint32_t *bcell;
    uint32_t *bafter;    /* the positions' after-run cells, packed (pack_after) */
    size_t nb, bcap, ntries;
    try_list *tries;     /* ntl of them (nfilt once the table is built) */
    size_t ntl;
    size_t cur_gate;     /* while loading a file: the gate of the rules that follow */
    int no_gates;        /* whosaid_ruleset_set_gates(rs, 0): every rule everywhere */
    uint64_t *base;      /* nw words: the filtered rules under no gate */
    uint64_t *allow;     /* nw words, during apply: the rules allowed at a position */
    /* NCELLS bits each: some filtered rule, some gate with cells, may start
     * there. 4 KB apiece, so the pass over the text tests a bit that stays
     * in cache before it reads the (large) table. */
    uint64_t *rule_any, *gate_any;
    /* For each ASCII letter: some rule, some gate, may start at it after a
     * letter. Where none may, the passes step over the word at once. */
    unsigned char rule_in_word[128], gate_in_word[128];
    unsigned char run_of[256]; /* byte -> its run class + 1 (0: in none) */
};

whosaid_ruleset *whosaid_ruleset_new(void)
{
    whosaid_ruleset *rs = calloc(1, sizeof *rs);
    if (!rs) return NULL;
    rs->cur_gate = NO_GATE;
    rs->names = whosaid_hashmap_new();
    if (!rs->names) {
        free(rs);
        return NULL;
    }
    return rs;
}

static void define_free(define *d)
{
    free(d->name);
    free(d->written);
    free(d->expanded);
    free(d->segs);
}

static void rule_free(rule *r)
{
    whosaid_regex_free(r->re);
    for (size_t i = 0; i < r->nskips; i++) {
        whosaid_regex_free(r->skips[i]);
        whosaid_prefilter_free(r->skip_pfs[i]);
    }
    free(r->skips);
    free(r->skip_pfs);
    free(r->skip_memo);
    whosaid_prefilter_free(r->rest_pf);
    free(r->type);
    json_decref(r->attrs);
    free(r->groups);
}

void whosaid_ruleset_free(whosaid_ruleset *rs)
{
    if (!rs) return;
    for (size_t i = 0; i < rs->n; i++)
        rule_free(&rs->rules[i]);
    free(rs->rules);
    for (size_t i = 0; i < rs->ndefs; i++)
        define_free(&rs->defs[i]);
    free(rs->defs);
    whosaid_hashmap_free(rs->names);
    for (size_t i = 0; i < rs->nfiles; i++)
        free(rs->files[i]);
    free(rs->files);
    free(rs->hits);
    whosaid_buf_free(&rs->pat);
    free(rs->segs);
    for (size_t i = 0; i < rs->nfilt; i++)
        whosaid_prefilter_free(rs->pfs[i]);
    free(rs->pfs);
    free(rs->filt);
    free(rs->table);
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
        free(rs->deep[k]);
    free(rs->after);
    free(rs->next_pos);
    free(rs->done);
    for (size_t i = 0; i < rs->ngates; i++) {
        whosaid_regex_free(rs->gates[i].re);
        whosaid_regex_free(rs->gates[i].anch);
        free(rs->gates[i].cells);
        free(rs->gates[i].deep);
        free(rs->gates[i].short_cells);
        free(rs->gates[i].pattern);
        free(rs->gates[i].mask);
        free(rs->gates[i].win);
    }
    free(rs->gates);
    for (size_t i = 0; i < rs->nmemo; i++) {
        free(rs->memo[i].pattern);
        free(rs->memo[i].rc);
        free(rs->memo[i].end);
    }
    free(rs->memo);
    free(rs->bpos);
    free(rs->bcell);
    free(rs->bafter);
    for (size_t f = 0; f < rs->ntl; f++)
        free(rs->tries[f].v);
    free(rs->tries);
    free(rs->base);
    free(rs->allow);
    free(rs->rule_any);
    free(rs->gate_any);
    free(rs);
}

size_t whosaid_ruleset_count(const whosaid_ruleset *rs)
{
    return rs->n;
}

static int nomem(whosaid_error *err)
{
    return whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "%s", whosaid_errmsg(WHOSAID_ENOMEM));
}

static int copy_error(whosaid_error *err, const whosaid_error *e)
{
    if (err) *err = *e;
    return e->code;
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_name_char(char c)
{
    return is_upper(c) || is_digit(c) || c == '_';
}

/* A define name: an upper-case letter, then upper-case letters, digits, _. */
static int valid_name(const char *s)
{
    if (!is_upper(*s)) return 0;
    while (is_name_char(*s))
        s++;
    return *s == '\0';
}

/* ---- Expanding {NAME}s ------------------------------------------------ */

static int add_seg(whosaid_ruleset *rs, seg s)
{
    if (s.len == 0 && s.def == NO_DEFINE) return 0;
    if (rs->nsegs == rs->segs_cap) {
        size_t cap = rs->segs_cap ? rs->segs_cap * 2 : 16;
        seg *v = realloc(rs->segs, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        rs->segs = v;
        rs->segs_cap = cap;
    }
    rs->segs[rs->nsegs++] = s;
    return 0;
}

static int append_text(whosaid_ruleset *rs, const char *pattern, size_t from, size_t to)
{
    seg s = {rs->pat.len, to - from, from, to - from, NO_DEFINE};
    if (whosaid_buf_append(&rs->pat, pattern + from, to - from)) return WHOSAID_ENOMEM;
    return add_seg(rs, s);
}

static int too_long(whosaid_error *err)
{
    return whosaid_error_set(err, WHOSAID_ELIMIT, NULL, 0,
                             "pattern longer than %d bytes after expanding {NAME}s",
                             WHOSAID_RULESET_MAX_PATTERN);
}

/* Substitutes define number di for pattern[at .. at + n) ("{NAME}"). */
static int append_define(whosaid_ruleset *rs, size_t di, size_t at, size_t n, whosaid_error *err)
{
    const define *d = &rs->defs[di];
    if (rs->pat.len + d->exp_len + 4 > WHOSAID_RULESET_MAX_PATTERN) return too_long(err);
    seg s = {rs->pat.len, d->exp_len + 4, at, n, di};
    if (whosaid_buf_append(&rs->pat, "(?:", 3) ||
        whosaid_buf_append(&rs->pat, d->expanded, d->exp_len) ||
        whosaid_buf_append(&rs->pat, ")", 1) || add_seg(rs, s))
        return nomem(err);
    return 0;
}

/* Index just past a \Q...\E quote starting at pattern[i] (the backslash). */
static size_t skip_quote(const char *pattern, size_t i)
{
    const char *e = strstr(pattern + i + 2, "\\E");
    return e ? (size_t)(e - pattern) + 2 : strlen(pattern);
}

/* Index just past the escape at pattern[i] (the backslash), including the
 * braced argument of \p{Lu}, \x{2019}, \k{name} and the like. */
static size_t skip_escape(const char *pattern, size_t i)
{
    char c = pattern[i + 1];
    if (c == 'Q') return skip_quote(pattern, i);
    if (c == '\0') return i + 1;
    if (pattern[i + 2] == '{' && strchr("pPxogk", c)) {
        const char *close = strchr(pattern + i + 3, '}');
        return close ? (size_t)(close - pattern) + 1 : i + 2;
    }
    return i + 2;
}

/* Expands pattern into rs->pat with its pieces in rs->segs. {NAME} is
 * substituted everywhere but in escapes (\{, \p{Lu}) and inside \Q...\E;
 * a '{' that does not start {NAME} (as in \d{2,4}) is left alone. */
static int expand(whosaid_ruleset *rs, const char *pattern, whosaid_error *err)
{
    whosaid_buf_clear(&rs->pat);
    rs->nsegs = 0;
    if (whosaid_buf_append(&rs->pat, "", 0)) return nomem(err);
    size_t i = 0, text = 0;
    while (pattern[i]) {
        if (pattern[i] == '\\') {
            i = skip_escape(pattern, i);
            continue;
        }
        if (pattern[i] != '{' || !is_upper(pattern[i + 1])) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (is_name_char(pattern[j]))
            j++;
        if (pattern[j] != '}') {
            i = j;
            continue;
        }
        uint64_t di;
        if (!whosaid_hashmap_get(rs->names, pattern + i + 1, j - i - 1, &di))
            return whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0, "undefined {%.*s}",
                                     (int)(j - i - 1), pattern + i + 1);
        if (append_text(rs, pattern, text, i)) return nomem(err);
        int rc = append_define(rs, (size_t)di, i, j + 1 - i, err);
        if (rc) return rc;
        i = text = j + 1;
    }
    if (rs->pat.len + (i - text) > WHOSAID_RULESET_MAX_PATTERN) return too_long(err);
    if (append_text(rs, pattern, text, i)) return nomem(err);
    return 0;
}

/* Maps offset off of an expanded pattern back to the innermost define it
 * fell in (*in, NULL for none) and the offset in that pattern as written. */
static void map_offset(const whosaid_ruleset *rs, const seg *segs, size_t nsegs, size_t written_len,
                       size_t off, const char **in, size_t *out)
{
    *in = NULL;
    for (;;) {
        const seg *s = NULL;
        for (size_t k = 0; k < nsegs && !s; k++)
            if (off >= segs[k].exp && off < segs[k].exp + segs[k].len) s = &segs[k];
        if (!s) {
            *out = written_len;
            return;
        }
        size_t inner = off - s->exp;
        if (s->def == NO_DEFINE) {
            *out = s->src + inner;
            return;
        }
        const define *d = &rs->defs[s->def];
        if (inner < 3 || inner - 3 >= d->exp_len) {
            /* On the (?: ) wrapper: point at the '{' or the '}'. */
            *out = inner < 3 ? s->src : s->src + s->src_len - 1;
            return;
        }
        *in = d->name;
        off = inner - 3;
        if (!d->written) {
            *out = off;
            return;
        }
        segs = d->segs;
        nsegs = d->nsegs;
        written_len = strlen(d->written);
    }
}

/* Compiles rs->pat, expanded from written. A PCRE2 error keeps its text
 * ("offset N: ...") with N moved back to the pattern as written, prefixed by
 * "in {NAME}: " when it lies inside a substituted define. */
static whosaid_regex *compile(whosaid_ruleset *rs, const char *written, int flags,
                              whosaid_error *err)
{
    whosaid_error e;
    whosaid_regex *re = whosaid_regex_new(rs->pat.data, flags, &e);
    if (re) return re;
    const char *msg = e.msg;
    char *rest = NULL;
    unsigned long long off = 0;
    if (e.code == WHOSAID_ESYNTAX && strncmp(msg, "offset ", 7) == 0 && is_digit(msg[7]))
        off = strtoull(msg + 7, &rest, 10);
    if (!rest || strncmp(rest, ": ", 2) != 0) {
        whosaid_error_set(err, e.code, NULL, 0, "%s", msg);
        return NULL;
    }
    const char *in;
    size_t woff;
    map_offset(rs, rs->segs, rs->nsegs, strlen(written), (size_t)off, &in, &woff);
    if (in)
        whosaid_error_set(err, e.code, NULL, 0, "in {%s}: offset %zu: %s", in, woff, rest + 2);
    else
        whosaid_error_set(err, e.code, NULL, 0, "offset %zu: %s", woff, rest + 2);
    return NULL;
}

/* ---- Defines ---------------------------------------------------------- */

/* Records d (taking its allocations, freed on failure) as the define of its name. */
static int add_define(whosaid_ruleset *rs, define d, whosaid_error *err)
{
    if (rs->ndefs == rs->defs_cap) {
        size_t cap = rs->defs_cap ? rs->defs_cap * 2 : 16;
        define *v = realloc(rs->defs, cap * sizeof *v);
        if (!v) {
            define_free(&d);
            return nomem(err);
        }
        rs->defs = v;
        rs->defs_cap = cap;
    }
    if (whosaid_hashmap_put(rs->names, d.name, strlen(d.name), rs->ndefs) < 0) {
        define_free(&d);
        return nomem(err);
    }
    rs->defs[rs->ndefs++] = d;
    return 0;
}

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static int bad_name(const char *name, whosaid_error *err)
{
    return whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0,
                             "bad name '%s': expected an upper-case letter, then upper-case "
                             "letters, digits and _",
                             name);
}

int whosaid_ruleset_define(whosaid_ruleset *rs, const char *name, const char *pattern,
                           whosaid_error *err)
{
    if (!valid_name(name)) return bad_name(name, err);
    whosaid_error e;
    if (expand(rs, pattern, &e)) return copy_error(err, &e);
    /* Checked alone so a broken define is reported where it is written. */
    whosaid_regex *re = compile(rs, pattern, WHOSAID_REGEX_NO_JIT, &e);
    if (!re) return copy_error(err, &e);
    whosaid_regex_free(re);
    define d = {0};
    d.name = strdup(name);
    d.written = strdup(pattern);
    d.expanded = dup_n(rs->pat.data, rs->pat.len);
    d.exp_len = rs->pat.len;
    d.nsegs = rs->nsegs;
    d.segs = malloc((rs->nsegs ? rs->nsegs : 1) * sizeof *d.segs);
    if (!d.name || !d.written || !d.expanded || !d.segs) {
        define_free(&d);
        return nomem(err);
    }
    memcpy(d.segs, rs->segs, rs->nsegs * sizeof *d.segs);
    return add_define(rs, d, err);
}

int whosaid_ruleset_define_words(whosaid_ruleset *rs, const char *name, const char *const *phrases,
                                 size_t n, whosaid_error *err)
{
    if (!valid_name(name)) return bad_name(name, err);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(phrases[i]);
        if (len == 0 || !whosaid_utf8_valid(phrases[i], len))
            return whosaid_error_set(
                err, WHOSAID_ESYNTAX, NULL, 0,
                len == 0 ? "phrase %zu is empty" : "phrase %zu is not valid UTF-8", i + 1);
    }
    /* A prefix tree written as a regex: each character of the text is read
     * once instead of once per phrase, with the flat list's preferences. */
    whosaid_wordtrie *trie = whosaid_wordtrie_new();
    int rc = trie ? 0 : WHOSAID_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++)
        rc = whosaid_wordtrie_add(trie, phrases[i], strlen(phrases[i]));
    whosaid_buf_clear(&rs->pat);
    if (!rc) rc = whosaid_buf_append(&rs->pat, "", 0);
    /* An empty list never matches, so emptying a word file switches it off. */
    if (!rc) rc = n ? whosaid_wordtrie_pattern(trie, NULL, &rs->pat)
                    : whosaid_buf_append_str(&rs->pat, "(?!)");
    whosaid_wordtrie_free(trie);
    if (rc) return nomem(err);
    if (rs->pat.len > WHOSAID_RULESET_MAX_PATTERN) return too_long(err);
    define d = {0};
    d.name = strdup(name);
    d.expanded = dup_n(rs->pat.data, rs->pat.len);
    d.exp_len = rs->pat.len;
    if (!d.name || !d.expanded) {
        define_free(&d);
        return nomem(err);
    }
    return add_define(rs, d, err);
}

/* ---- Loading rule files ----------------------------------------------- */

/* Re-reports inner (no location) at the current line of rf. */
static int at_line(const whosaid_rulefile *rf, whosaid_error *err, const whosaid_error *inner)
{
    return whosaid_rulefile_error(rf, err, inner->code, "%s", inner->msg);
}

static int field_count(const whosaid_rulefile *rf, whosaid_error *err, const char *what)
{
    return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "expected %s, got %zu field%s", what,
                                  whosaid_rulefile_nfields(rf),
                                  whosaid_rulefile_nfields(rf) == 1 ? "" : "s");
}

/* `words NAME a|b|c`: phrases separated by '|', blanks around them ignored. */
static int load_words(whosaid_ruleset *rs, const whosaid_rulefile *rf, whosaid_error *err)
{
    const char *name = whosaid_rulefile_field(rf, 1);
    char *list = strdup(whosaid_rulefile_field(rf, 2));
    size_t n = 1;
    for (const char *p = list ? list : ""; *p; p++)
        n += *p == '|';
    const char **v = malloc(n * sizeof *v);
    if (!list || !v) {
        free(list);
        free(v);
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    }
    n = 0;
    for (char *p = list;;) {
        char *bar = strchr(p, '|');
        if (bar) *bar = '\0';
        while (*p == ' ')
            p++;
        size_t len = strlen(p);
        while (len > 0 && p[len - 1] == ' ')
            p[--len] = '\0';
        if (len == 0) {
            free(list);
            free(v);
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "empty phrase %zu in word list",
                                          n + 1);
        }
        v[n++] = p;
        if (!bar) break;
        p = bar + 1;
    }
    whosaid_error e;
    int rc = whosaid_ruleset_define_words(rs, name, v, n, &e);
    free(list);
    free(v);
    return rc ? at_line(rf, err, &e) : 0;
}

/* The word file's path: absolute, or relative to the rule file's directory. */
static int word_file_path(const char *rule_path, const char *rel, whosaid_buf *out)
{
    const char *slash = strrchr(rule_path, '/');
    if (rel[0] != '/' && slash &&
        whosaid_buf_append(out, rule_path, (size_t)(slash - rule_path) + 1))
        return WHOSAID_ENOMEM;
    return whosaid_buf_append_str(out, rel);
}

static void free_phrases(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Reads the phrases of a word file, one per line; errors in it name it. */
static int read_word_file(whosaid_rulefile *wf, char ***out, size_t *nout, whosaid_error *err)
{
    char **v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = whosaid_rulefile_next(wf, err)) == 1) {
        if (whosaid_rulefile_nfields(wf) != 1) {
            rc = whosaid_rulefile_error(wf, err, WHOSAID_ESYNTAX,
                                        "expected one phrase per line (no TAB)");
            break;
        }
        const char *p = whosaid_rulefile_field(wf, 0);
        while (*p == ' ')
            p++;
        char **nv = n == cap ? realloc(v, (cap = cap ? cap * 2 : 64) * sizeof *v) : v;
        char *s = nv ? strdup(p) : NULL;
        if (nv) v = nv;
        if (!s) {
            rc = whosaid_rulefile_error(wf, err, WHOSAID_ENOMEM, "out of memory");
            break;
        }
        v[n++] = s;
    }
    if (rc < 0) {
        free_phrases(v, n);
        return rc;
    }
    *out = v;
    *nout = n;
    return 0;
}

static int load_word_file(whosaid_ruleset *rs, const whosaid_rulefile *rf, whosaid_error *err)
{
    whosaid_buf path = WHOSAID_BUF_INIT;
    if (word_file_path(whosaid_rulefile_path(rf), whosaid_rulefile_field(rf, 2), &path)) {
        whosaid_buf_free(&path);
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    }
    whosaid_error e;
    whosaid_rulefile *wf = whosaid_rulefile_open(path.data, &e);
    if (!wf) {
        int rc = whosaid_rulefile_error(rf, err, e.code, "cannot open word file %s: %s", path.data,
                                        e.msg);
        whosaid_buf_free(&path);
        return rc;
    }
    whosaid_buf_free(&path);
    char **v = NULL;
    size_t n = 0;
    int rc = read_word_file(wf, &v, &n, err);
    whosaid_rulefile_close(wf);
    if (rc < 0) return rc;
    rc = whosaid_ruleset_define_words(rs, whosaid_rulefile_field(rf, 1), (const char *const *)v, n,
                                      &e);
    free_phrases(v, n);
    return rc ? at_line(rf, err, &e) : 0;
}

/* A type: an upper-case letter, then upper-case letters and _. */
static int valid_type(const char *s)
{
    if (!is_upper(*s)) return 0;
    while (is_upper(*s) || *s == '_')
        s++;
    return *s == '\0';
}

static int parse_priority(const char *s, int *out)
{
    const char *p = s + (*s == '-' || *s == '+');
    if (!is_digit(*p)) return 0;
    long v = 0;
    for (; is_digit(*p); p++) {
        v = v * 10 + (*p - '0');
        if (v > WHOSAID_RULESET_MAX_PRIORITY) return 0;
    }
    if (*p) return 0;
    *out = (int)(*s == '-' ? -v : v);
    return 1;
}

/* key=value;key=value (keys: a lower-case letter, then lower-case letters,
 * digits, _; values non-empty), or "-" for none. */
static int parse_attrs(const char *s, json_t **out, whosaid_error *err)
{
    *out = NULL;
    if (strcmp(s, "-") == 0) return 0;
    json_t *obj = json_object();
    if (!obj) return nomem(err);
    for (const char *p = s;;) {
        const char *end = strchr(p, ';');
        if (!end) end = p + strlen(p);
        const char *eq = memchr(p, '=', (size_t)(end - p));
        if (!eq || eq == p || eq + 1 == end) {
            json_decref(obj);
            return whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0,
                                     "bad attribute '%.*s': expected key=value", (int)(end - p), p);
        }
        int ok = is_lower(*p);
        for (const char *k = p; k < eq; k++)
            ok = ok && (is_lower(*k) || is_digit(*k) || *k == '_');
        char key[128];
        if (!ok || (size_t)(eq - p) >= sizeof key) {
            json_decref(obj);
            return whosaid_error_set(
                err, WHOSAID_ESYNTAX, NULL, 0,
                "bad attribute key '%.*s': expected lower-case letters, digits and _",
                (int)(eq - p), p);
        }
        memcpy(key, p, (size_t)(eq - p));
        key[eq - p] = '\0';
        if (json_object_get(obj, key)) {
            json_decref(obj);
            return whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0, "duplicate attribute '%s'",
                                     key);
        }
        if (json_object_set_new(obj, key, json_stringn(eq + 1, (size_t)(end - eq - 1)))) {
            json_decref(obj);
            return nomem(err);
        }
        if (!*end) break;
        p = end + 1;
    }
    *out = obj;
    return 0;
}

/* Finds the span group and the named groups that become attributes. */
static int index_groups(rule *r, whosaid_error *err)
{
    const char *name;
    uint32_t num;
    size_t n = 0, nspan = 0;
    while (whosaid_regex_named_group(r->re, (uint32_t)n, &name, &num))
        n++;
    r->groups = malloc((n ? n : 1) * sizeof *r->groups);
    if (!r->groups) return nomem(err);
    for (uint32_t i = 0; i < n; i++) {
        whosaid_regex_named_group(r->re, i, &name, &num);
        if (strcmp(name, "span") == 0) {
            r->span = num;
            nspan++;
        } else {
            r->groups[r->ngroups++] = (group_attr){name, num};
        }
    }
    if (nspan > 1)
        return whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0, "more than one group named 'span'");
    return 0;
}

static int add_rule(whosaid_ruleset *rs, rule *r, whosaid_error *err)
{
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 32;
        rule *v = realloc(rs->rules, cap * sizeof *v);
        if (!v) return nomem(err);
        rs->rules = v;
        rs->cap = cap;
    }
    rs->rules[rs->n++] = *r;
    return 0;
}

/* The memo entry of skip branch pattern A, which it takes (freed if not
 * needed); 0 or WHOSAID_ENOMEM. */
static int memo_slot(whosaid_ruleset *rs, char *a, size_t *slot)
{
    for (size_t k = 0; k < rs->nmemo; k++)
        if (strcmp(rs->memo[k].pattern, a) == 0) {
            free(a);
            *slot = k;
            return 0;
        }
    skip_memo *v = realloc(rs->memo, (rs->nmemo + 1) * sizeof *v);
    if (!v) {
        free(a);
        return WHOSAID_ENOMEM;
    }
    rs->memo = v;
    v[rs->nmemo] = (skip_memo){a, NULL, NULL};
    *slot = rs->nmemo++;
    return 0;
}

/* The whole pattern is tried only where every A of "A(*SKIP)(*FAIL)|B"
 * failed on its own, so r->re gets each A behind a "(?!)": no A is matched
 * twice per try (NAMED_NUMBER costs as much as the rest of a stat rule),
 * and the group numbers stay those of the pattern as written. */
static int dead_skips(whosaid_ruleset *rs, rule *r, const whosaid_prefilter *pf, whosaid_error *err)
{
    whosaid_buf b = WHOSAID_BUF_INIT;
    size_t from = 0, off, len;
    int rc = 0;
    for (size_t i = 0; i < r->nskips && !rc; i++) {
        whosaid_prefilter_skip_branch(pf, i, &off, &len);
        rc = whosaid_buf_append(&b, rs->pat.data + from, off - from) ||
             whosaid_buf_append_str(&b, "(?!)");
        from = off;
    }
    if (!rc) rc = whosaid_buf_append(&b, rs->pat.data + from, rs->pat.len - from);
    whosaid_error e;
    whosaid_regex *re = rc ? NULL : whosaid_regex_new(b.data, WHOSAID_REGEX_ANCHORED, &e);
    whosaid_buf_free(&b);
    if (!re) return nomem(err); /* the pattern compiled already: only memory */
    whosaid_regex_free(r->re);
    r->re = re;
    return 0;
}

/* The end of the group or class opened at p[i] ('(' or '['), or n. */
static size_t group_end(const char *p, size_t n, size_t i)
{
    int depth = 0, cls = 0;
    for (; i < n; i++) {
        if (p[i] == '\\') {
            if (i + 1 < n && p[i + 1] == 'Q') {
                const char *e = strstr(p + i + 2, "\\E");
                if (!e || (size_t)(e - p) >= n) return n;
                i = (size_t)(e - p) + 1;
            } else {
                i++;
            }
        } else if (cls) {
            if (p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
                const char *e = strstr(p + i + 2, ":]");
                if (!e || (size_t)(e - p) >= n) return n;
                i = (size_t)(e - p) + 1;
            } else if (p[i] == ']') {
                cls = 0;
                if (depth == 0) return i;
            }
        } else if (p[i] == '[') {
            cls = 1;
            if (i + 1 < n && p[i + 1] == '^') i++;
            if (i + 1 < n && p[i + 1] == ']') i++;
        } else if (p[i] == '(') {
            depth++;
        } else if (p[i] == ')' && --depth == 0) {
            return i;
        }
    }
    return n;
}

/* Whether every match of p[0, n) starts with a look-behind "(?<![...])"
 * whose class holds the digits, so it cannot start right after one: the
 * pass then skips the try there (a number's inner positions are most of
 * the tries of the stat rules). Conservative: a top-level "|", a comment
 * or extended syntax, or anything else not understood, gives 0. */
static int starts_not_after_digit(const char *p, size_t n)
{
    /* p may run on past n: these only make the answer more cautious */
    if (strstr(p, "(?#") || strstr(p, "(?x") || strstr(p, "(*") || strstr(p, "\\Q")) return 0;
    for (size_t i = 0; i < n;) { /* no top-level alternative */
        if (p[i] == '|') return 0;
        if (p[i] == '\\') i += 2;
        else if (p[i] == '(' || p[i] == '[') i = group_end(p, n, i) + 1;
        else i++;
    }
    if (n > 3 && !strncmp(p, "(?:", 3)) {
        size_t e = group_end(p, n, 0);
        return e < n && starts_not_after_digit(p + 3, e - 3);
    }
    if (n < 7 || strncmp(p, "(?<![", 5) || p[5] == '^') return 0;
    size_t e = group_end(p, n, 4); /* the class */
    if (e >= n || e + 1 >= n || p[e + 1] != ')') return 0;
    for (size_t i = 5; i + 1 < e; i++) {
        if (p[i] != '\\') continue;
        if (p[i + 1] == 'd' || (i + 4 < e && !strncmp(p + i + 1, "p{N}", 4))) return 1;
        i++;
    }
    return 0;
}

/* Replaces *re by rs->pat compiled with JIT code, to be matched as it is.
 * 0 or WHOSAID_ENOMEM (the pattern compiled already). */
static int jit_compile(whosaid_ruleset *rs, whosaid_regex **re, whosaid_error *err)
{
    whosaid_error e;
    whosaid_regex *jit = whosaid_regex_new(rs->pat.data, 0, &e);
    if (!jit) return nomem(err);
    whosaid_regex_free(*re);
    *re = jit;
    return 0;
}

/* Works out the rule's start condition from its expanded pattern (in
 * rs->pat) and, for a rule tried anchored, recompiles it so. *pf is NULL
 * for a rule searched as before. */
static int choose_mode(whosaid_ruleset *rs, rule *r, whosaid_prefilter **pf, whosaid_error *err)
{
    r->mode = APPLY_SCAN;
    if (whosaid_prefilter_new(rs->pat.data, 0, pf)) return nomem(err);
    if (!*pf) return 0;
    if (whosaid_prefilter_needs_search(*pf)) {
        r->mode = APPLY_SEARCH;
        return 0;
    }
    whosaid_error e;
    whosaid_regex *anchored = whosaid_regex_new(rs->pat.data, WHOSAID_REGEX_ANCHORED, &e);
    if (!anchored) {
        /* Compiled once already: only memory can run out here. */
        whosaid_prefilter_free(*pf);
        *pf = NULL;
        return e.code == WHOSAID_ENOMEM ? nomem(err) : 0;
    }
    whosaid_regex_free(r->re);
    r->re = anchored;
    r->mode = APPLY_ANCHORED;
    size_t n = whosaid_prefilter_skip_branches(*pf), off = 0, len = 0;
    if (!n) {
        r->not_after_digit = starts_not_after_digit(rs->pat.data, rs->pat.len);
        return 0;
    }
    r->skips = calloc(n, sizeof *r->skips);
    r->skip_pfs = calloc(n, sizeof *r->skip_pfs);
    r->skip_memo = calloc(n, sizeof *r->skip_memo);
    if (!r->skips || !r->skip_pfs || !r->skip_memo) return nomem(err);
    for (size_t i = 0; i < n; i++) {
        whosaid_prefilter_skip_branch(*pf, i, &off, &len);
        char *branch = dup_n(rs->pat.data + off, len);
        if (!branch) return nomem(err);
        r->skips[i] = whosaid_regex_new(branch, WHOSAID_REGEX_ANCHORED, &e);
        int rc = r->skips[i] ? whosaid_prefilter_new(branch, 0, &r->skip_pfs[i]) : e.code;
        if (!rc)
            rc = memo_slot(rs, branch, &r->skip_memo[i]);
        else
            free(branch);
        r->nskips += r->skips[i] != NULL;
        if (rc) return rc == WHOSAID_ENOMEM ? nomem(err) : whosaid_error_set(err, rc, NULL, 0, "%s", e.msg);
    }
    /* The branches after the last A, with its "(*SKIP)(*FAIL)|". */
    const char *rest = strchr(rs->pat.data + off + len, '|');
    if (rest && whosaid_prefilter_new(rest + 1, 0, &r->rest_pf)) return nomem(err);
    if (rest)
        r->not_after_digit = starts_not_after_digit(
            rest + 1, rs->pat.len - (size_t)(rest + 1 - rs->pat.data));
    return dead_skips(rs, r, *pf, err);
}

/* Registers rule number idx as filtered by pf, which the set takes. */
static int add_filtered(whosaid_ruleset *rs, size_t idx, whosaid_prefilter *pf,
                        whosaid_error *err)
{
    if (rs->nfilt == rs->filt_cap) {
        size_t cap = rs->filt_cap ? rs->filt_cap * 2 : 32;
        size_t *f = realloc(rs->filt, cap * sizeof *f);
        if (f) rs->filt = f;
        whosaid_prefilter **p = f ? realloc(rs->pfs, cap * sizeof *p) : NULL;
        if (!p) {
            whosaid_prefilter_free(pf);
            return nomem(err);
        }
        rs->pfs = p;
        rs->filt_cap = cap;
    }
    rs->rules[idx].filt = rs->nfilt;
    rs->filt[rs->nfilt] = idx;
    rs->pfs[rs->nfilt++] = pf;
    rs->stale = 1;
    return 0;
}

/* TYPE PRIORITY PATTERN [ATTRIBUTES]; fields already counted. */
static int load_rule(whosaid_ruleset *rs, const whosaid_rulefile *rf, size_t file, int user,
                     whosaid_error *err)
{
    const char *type = whosaid_rulefile_field(rf, 0);
    const char *prio = whosaid_rulefile_field(rf, 1);
    const char *pattern = whosaid_rulefile_field(rf, 2);
    const char *attrs = whosaid_rulefile_nfields(rf) > 3 ? whosaid_rulefile_field(rf, 3) : "-";
    long line = whosaid_rulefile_lineno(rf);
    rule r = {0};
    if (!valid_type(type))
        return whosaid_rulefile_error(
            rf, err, WHOSAID_ESYNTAX,
            "bad type '%s': expected upper-case letters and _ (or define, words, wordfile, gate)",
            type);
    if (!parse_priority(prio, &r.priority))
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "bad priority '%s': expected an integer from %d to %d", prio,
                                      -WHOSAID_RULESET_MAX_PRIORITY, WHOSAID_RULESET_MAX_PRIORITY);
    if (line > WHOSAID_RULESET_MAX_LINE)
        return whosaid_rulefile_error(rf, err, WHOSAID_ELIMIT, "more than %ld lines",
                                      WHOSAID_RULESET_MAX_LINE);
    whosaid_error e;
    int rc = parse_attrs(attrs, &r.attrs, &e);
    if (!rc) rc = expand(rs, pattern, &e);
    /* Checked first without JIT code: most rules are then compiled again,
     * anchored, and JIT-compiling twice was most of the start-up time. */
    if (!rc && !(r.re = compile(rs, pattern, WHOSAID_REGEX_NO_JIT, &e))) rc = e.code;
    whosaid_prefilter *pf = NULL;
    if (!rc) rc = choose_mode(rs, &r, &pf, &e);
    r.gate = rs->cur_gate;
    /* A gated rule without a start condition is searched from the first
     * position of each window instead of over the whole text. */
    int accept_all = !rc && !pf && r.gate != NO_GATE;
    if (accept_all) r.mode = APPLY_SEARCH;
    if (!rc && r.mode != APPLY_ANCHORED) rc = jit_compile(rs, &r.re, &e);
    if (!rc) rc = index_groups(&r, &e);
    if (!rc && !(r.type = strdup(type))) rc = nomem(&e);
    if (!rc) {
        r.user = user ? 1 : 0;
        r.order = ((long)file << ORDER_SHIFT) + line;
        r.file = rs->files[file];
        r.line = line;
        rc = add_rule(rs, &r, &e);
        if (!rc && (pf || accept_all)) {
            rc = add_filtered(rs, rs->n - 1, pf, &e);
            pf = NULL;
            if (rc) r = rs->rules[--rs->n]; /* freed below */
        }
    }
    if (rc) {
        whosaid_prefilter_free(pf);
        rule_free(&r);
        return at_line(rf, err, &e);
    }
    return 0;
}

static size_t cell(unsigned after_letter, unsigned c1, unsigned c2)
{
    return ((size_t)after_letter * 129 + c1) * 130 + c2;
}

/* When the pattern in rs->pat is "\d|..." or a {NAME} standing for one,
 * its other branches (the text after that "\d|"), else NULL: PCRE2 takes
 * the first branch that matches, so at an ASCII digit the match is that
 * digit alone, known without running the pattern, and where \d cannot
 * match, a match is one of the other branches'. */
static const char *digit_rest(const whosaid_ruleset *rs)
{
    const char *p = rs->pat.data;
    const seg *segs = rs->segs;
    size_t nsegs = rs->nsegs;
    for (;;) {
        if (strncmp(p, "\\d|", 3) == 0) return p + 3;
        if (nsegs != 1 || segs[0].def == NO_DEFINE) return NULL;
        const define *d = &rs->defs[segs[0].def];
        p = d->expanded;
        segs = d->segs;
        nsegs = d->nsegs;
    }
}

static int digit_first(const whosaid_ruleset *rs)
{
    return digit_rest(rs) != NULL;
}

/* The end of the top-level branch of p that starts at i: the next
 * top-level "|" or the end; SIZE_MAX when p is not split safely there (an
 * option setting such as "(?i)" or a verb at the top level reaches into
 * the branches after it). */
static size_t branch_end(const char *p, size_t n, size_t i)
{
    while (i < n && p[i] != '|') {
        if (p[i] == '\\') {
            if (i + 1 < n && (p[i + 1] == 'Q' || p[i + 1] == 'E')) return SIZE_MAX;
            i += 2;
        } else if (p[i] == '(' || p[i] == '[') {
            if (p[i] == '(' && i + 1 < n && p[i + 1] == '*') return SIZE_MAX;
            if (p[i] == '(' && i + 1 < n && p[i + 1] == '?') {
                size_t j = i + 2; /* "(?i)" sets options, "(?i:...)" is a group */
                while (j < n && (is_upper(p[j]) || is_lower(p[j]) || p[j] == '^' || p[j] == '-'))
                    j++;
                if (j >= n || p[j] == ')' || p[j] == '#') return SIZE_MAX;
            }
            i = group_end(p, n, i) + 1;
        } else {
            i++;
        }
    }
    return i > n ? n : i;
}

/* Adds branch p[0, n) of a gate's pattern to g->short_cells / g->deep. */
static int gate_branch(gate *g, const char *p, size_t n)
{
    char *b = dup_n(p, n);
    whosaid_prefilter *pf = NULL;
    if (!b || whosaid_prefilter_new(b, 0, &pf)) {
        free(b);
        return WHOSAID_ENOMEM;
    }
    free(b);
    for (size_t k = 0; k < WHOSAID_PREFILTER_DEEP; k++) {
        int every = 1; /* no condition on this pair: the branch may end within k */
        for (unsigned c1 = 0; c1 < 129 && every && pf; c1++)
            for (unsigned c2 = 0; c2 < 130 && every; c2++)
                every = whosaid_prefilter_accepts_deep(pf, (int)k + 1, c1, c2);
        for (unsigned al = 0; al < 2 && every; al++)
            for (unsigned c1 = 0; c1 < 129; c1++)
                for (unsigned c2 = 0; c2 < 130; c2++)
                    if (!pf || whosaid_prefilter_accepts(pf, (int)al, c1, c2)) {
                        size_t x = k * NCELLS + cell(al, c1, c2);
                        whosaid_bit_set(g->short_cells, x);
                    }
        for (unsigned c1 = 0; c1 < 129 && !every; c1++)
            for (unsigned c2 = 0; c2 < 130; c2++)
                if (whosaid_prefilter_accepts_deep(pf, (int)k + 1, c1, c2)) {
                    size_t x = k * DCELLS + c1 * 130 + c2;
                    whosaid_bit_set(g->deep, x);
                }
    }
    whosaid_prefilter_free(pf);
    return 0;
}

/* g->deep and g->short_cells from the top-level branches of the pattern,
 * or of its branches after "\d|" for a digit_first gate: most trigger
 * tries were at common words whose first two letters some trigger shares
 * ("the", "and"). Left NULL when the pattern does not split safely.
 * 0 or WHOSAID_ENOMEM. */
static int gate_deep(const whosaid_ruleset *rs, gate *g)
{
    const char *r = g->digit_first ? digit_rest(rs) : rs->pat.data;
    size_t n = strlen(r);
    for (size_t i = 0; i <= n;) { /* splits safely? */
        size_t e = branch_end(r, n, i);
        if (e == SIZE_MAX) return 0;
        i = e + 1;
    }
    g->deep = calloc(((size_t)WHOSAID_PREFILTER_DEEP * DCELLS + 63) / 64, sizeof *g->deep);
    g->short_cells = calloc(((size_t)WHOSAID_PREFILTER_DEEP * NCELLS + 63) / 64,
                            sizeof *g->short_cells);
    if (!g->deep || !g->short_cells) return WHOSAID_ENOMEM;
    for (size_t i = 0; i <= n;) {
        size_t e = branch_end(r, n, i);
        if (gate_branch(g, r + i, e - i)) return WHOSAID_ENOMEM;
        i = e + 1;
    }
    return 0;
}

/* Gives g (its pattern expanded in rs->pat) an anchored regex and the cells
 * where it may start, so its triggers are found by the same cheap pass over
 * the text as rules are; a pattern without a start condition keeps g->re
 * alone and is searched. 0 or WHOSAID_ENOMEM. */
static int gate_start_condition(whosaid_ruleset *rs, gate *g)
{
    whosaid_prefilter *pf;
    if (whosaid_prefilter_new(rs->pat.data, 0, &pf)) return WHOSAID_ENOMEM;
    if (!pf) return 0;
    whosaid_error e;
    int rc = 0;
    if (!whosaid_prefilter_needs_search(pf) && !whosaid_prefilter_skip_branches(pf)) {
        g->anch = whosaid_regex_new(rs->pat.data, WHOSAID_REGEX_ANCHORED, &e);
        g->cells = calloc((NCELLS + 63) / 64, sizeof *g->cells);
        if (!g->anch || !g->cells) rc = WHOSAID_ENOMEM;
        for (unsigned al = 0; al < 2 && !rc; al++)
            for (unsigned c1 = 0; c1 < 129; c1++)
                for (unsigned c2 = 0; c2 < 130; c2++)
                    if (whosaid_prefilter_accepts(pf, (int)al, c1, c2))
                        g->cells[cell(al, c1, c2) / 64] |= (uint64_t)1 << (cell(al, c1, c2) % 64);
        if (!rc) rc = gate_deep(rs, g);
    }
    whosaid_prefilter_free(pf);
    return rc;
}

/* `gate PATTERN LOOKBACK`: the rules after it in this file are tried only
 * from LOOKBACK words before a match of PATTERN up to its end. */
static int load_gate(whosaid_ruleset *rs, const whosaid_rulefile *rf, whosaid_error *err)
{
    const char *pattern = whosaid_rulefile_field(rf, 1);
    const char *lb = whosaid_rulefile_field(rf, 2);
    long lookback = 0;
    const char *p = lb;
    for (; is_digit(*p) && lookback <= WHOSAID_RULESET_MAX_LOOKBACK; p++)
        lookback = lookback * 10 + (*p - '0');
    if (p == lb || *p || lookback > WHOSAID_RULESET_MAX_LOOKBACK)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "bad lookback '%s': expected a number of words from 0 to %d",
                                      lb, WHOSAID_RULESET_MAX_LOOKBACK);
    whosaid_error e;
    whosaid_regex *re = NULL;
    int rc = expand(rs, pattern, &e);
    if (!rc && !(re = compile(rs, pattern, WHOSAID_REGEX_NO_JIT, &e))) rc = e.code;
    if (rc) return at_line(rf, err, &e);
    /* A gate line like an earlier one (pattern and lookback) opens the same
     * windows: its rules join that gate rather than add windows to build. */
    for (size_t k = 0; k < rs->ngates; k++)
        if (rs->gates[k].lookback == (size_t)lookback &&
            strcmp(rs->gates[k].pattern, rs->pat.data) == 0) {
            whosaid_regex_free(re);
            rs->cur_gate = k;
            return 0;
        }
    gate g = {.re = re, .lookback = (size_t)lookback, .same = NO_GATE};
    g.digit_first = digit_first(rs);
    /* Gates of one pattern with different lookbacks share one trigger search. */
    for (size_t k = 0; k < rs->ngates && g.same == NO_GATE; k++)
        if (rs->gates[k].same == NO_GATE && strcmp(rs->gates[k].pattern, rs->pat.data) == 0)
            g.same = k;
    int rc2 = g.same == NO_GATE ? gate_start_condition(rs, &g) : 0;
    /* Only a gate searched for its triggers runs its pattern as it is. */
    if (!rc2 && g.same == NO_GATE && !g.anch && jit_compile(rs, &g.re, &e)) rc2 = WHOSAID_ENOMEM;
    if (!rc2 && !(g.pattern = strdup(rs->pat.data))) rc2 = WHOSAID_ENOMEM;
    gate *v = rc2 ? NULL : realloc(rs->gates, (rs->ngates + 1) * sizeof *v);
    if (!v) {
        whosaid_regex_free(g.re);
        whosaid_regex_free(g.anch);
        free(g.cells);
        free(g.deep);
        free(g.short_cells);
        free(g.pattern);
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    }
    rs->gates = v;
    v[rs->ngates] = g;
    rs->cur_gate = rs->ngates++;
    rs->stale = 1;
    return 0;
}

static int load_line(whosaid_ruleset *rs, const whosaid_rulefile *rf, size_t file, int user,
                     whosaid_error *err)
{
    const char *kw = whosaid_rulefile_field(rf, 0);
    size_t nf = whosaid_rulefile_nfields(rf);
    int is_define = strcmp(kw, "define") == 0, is_words = strcmp(kw, "words") == 0,
        is_file = strcmp(kw, "wordfile") == 0;
    if (strcmp(kw, "gate") == 0) {
        if (nf != 3) return field_count(rf, err, "3 fields (gate, PATTERN, LOOKBACK)");
        return load_gate(rs, rf, err);
    }
    if (!is_define && !is_words && !is_file) {
        if (nf < 3 || nf > 4)
            return field_count(rf, err, "3 or 4 fields (TYPE, PRIORITY, PATTERN[, ATTRIBUTES])");
        return load_rule(rs, rf, file, user, err);
    }
    if (nf != 3)
        return field_count(rf, err,
                           is_define  ? "3 fields (define, NAME, PATTERN)"
                           : is_words ? "3 fields (words, NAME, PHRASE|PHRASE...)"
                                      : "3 fields (wordfile, NAME, PATH)");
    whosaid_error e;
    if (!valid_name(whosaid_rulefile_field(rf, 1))) {
        bad_name(whosaid_rulefile_field(rf, 1), &e);
        return at_line(rf, err, &e);
    }
    if (is_words) return load_words(rs, rf, err);
    if (is_file) return load_word_file(rs, rf, err);
    if (whosaid_ruleset_define(rs, whosaid_rulefile_field(rf, 1), whosaid_rulefile_field(rf, 2),
                               &e))
        return at_line(rf, err, &e);
    return 0;
}

int whosaid_ruleset_load(whosaid_ruleset *rs, const char *path, int user, whosaid_error *err)
{
    whosaid_error e;
    char **files = realloc(rs->files, (rs->nfiles + 1) * sizeof *files);
    if (!files) return whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
    rs->files = files;
    if (!(files[rs->nfiles] = strdup(path)))
        return whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
    size_t file = rs->nfiles++;
    rs->cur_gate = NO_GATE; /* a gate covers the rest of its own file only */
    whosaid_rulefile *rf = whosaid_rulefile_open(path, &e);
    if (!rf) return copy_error(err, &e);
    int rc;
    while ((rc = whosaid_rulefile_next(rf, &e)) == 1)
        if ((rc = load_line(rs, rf, file, user, &e)) != 0) break;
    whosaid_rulefile_close(rf);
    return rc < 0 ? copy_error(err, &e) : 0;
}

/* ---- Matching --------------------------------------------------------- */

/* Where to search after a match [ms, me) that began at or after pos. */
static size_t next_start(const char *text, size_t len, size_t pos, size_t ms, size_t me)
{
    size_t next = me;
    if (me <= ms || me <= pos) {
        /* Empty match: step over one character so the scan moves on. */
        next = me > pos ? me : pos;
        if (next < len)
            next++;
        else
            return len + 1;
    }
    while (!whosaid_utf8_on_boundary(text, len, next))
        next++;
    return next;
}

/* The candidate for the current match of r; *skip when the span is empty
 * or (with \C) not on character boundaries. */
static int make_cand(const rule *r, const char *text, size_t len, whosaid_cand *c, int *skip)
{
    size_t s, e;
    *skip = !whosaid_regex_group(r->re, r->span, &s, &e) || e <= s ||
            !whosaid_utf8_on_boundary(text, len, s) || !whosaid_utf8_on_boundary(text, len, e);
    if (*skip) return 0;
    /* A shallow copy: values normalizing adds and drops keys of the
     * candidate's object but never changes a value in place. */
    json_t *attrs = r->attrs ? json_copy(r->attrs) : NULL;
    if (r->attrs && !attrs) return WHOSAID_ENOMEM;
    for (size_t i = 0; i < r->ngroups; i++) {
        size_t gs, ge;
        if (!whosaid_regex_group(r->re, r->groups[i].number, &gs, &ge) || ge < gs ||
            !whosaid_utf8_on_boundary(text, len, gs) ||
            !whosaid_utf8_on_boundary(text, len, ge))
            continue;
        if ((!attrs && !(attrs = json_object())) ||
            json_object_set_new(attrs, r->groups[i].name, json_stringn(text + gs, ge - gs))) {
            json_decref(attrs);
            return WHOSAID_ENOMEM;
        }
    }
    *c = (whosaid_cand){s, e, r->type, r->priority, r->user, r->order, r->file, r->line, attrs};
    return 0;
}

static int note_limit(whosaid_ruleset *rs, size_t i)
{
    if (rs->nhits == rs->hits_cap) {
        size_t cap = rs->hits_cap ? rs->hits_cap * 2 : 8;
        size_t *v = realloc(rs->hits, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        rs->hits = v;
        rs->hits_cap = cap;
    }
    rs->hits[rs->nhits++] = i;
    return 0;
}

static int is_ascii_letter(unsigned c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* The end of the run of ASCII letters from i that nothing may start at
 * after a letter (in_word[c] is 0 for them): i itself when none. */
static size_t letters_end(const char *text, size_t len, size_t i, const unsigned char *in_word)
{
    while (i < len && (unsigned char)text[i] < 0x80 && !in_word[(unsigned char)text[i]])
        i++;
    return i;
}

/* Builds the inverted start conditions of the filtered rules (a rule
 * without one, under a gate, accepts every position) and the masks of the
 * rules under each gate and under none. */
static int build_table(whosaid_ruleset *rs)
{
    size_t nw = (rs->nfilt + 63) / 64, w1 = nw ? nw : 1;
    uint64_t *t = calloc(NCELLS * w1, sizeof *t);
    size_t *next = malloc((rs->nfilt ? rs->nfilt : 1) * sizeof *next);
    unsigned char *done = malloc(rs->nfilt ? rs->nfilt : 1);
    uint64_t *base = calloc(w1, sizeof *base), *allow = calloc(w1, sizeof *allow);
    uint64_t *rule_any = calloc((NCELLS + 63) / 64, sizeof *rule_any);
    uint64_t *gate_any = calloc((NCELLS + 63) / 64, sizeof *gate_any);
    try_list *tries = calloc(rs->nfilt ? rs->nfilt : 1, sizeof *tries);
    uint64_t *deep[WHOSAID_PREFILTER_DEEP];
    int deep_ok = 1;
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
        deep_ok &= (deep[k] = calloc(129 * 130 * w1, sizeof *deep[k])) != NULL;
    uint64_t *after = calloc((size_t)WHOSAID_PREFILTER_RUNS * 2 * ACELLS * w1, sizeof *after);
    int rc = t && next && done && base && allow && rule_any && gate_any && tries && deep_ok &&
                     after
                 ? 0
                 : WHOSAID_ENOMEM;
    for (size_t g = 0; g < rs->ngates && !rc; g++) {
        free(rs->gates[g].mask);
        if (!(rs->gates[g].mask = calloc(w1, sizeof *rs->gates[g].mask))) rc = WHOSAID_ENOMEM;
    }
    if (rc) {
        free(t);
        free(next);
        free(done);
        free(base);
        free(allow);
        free(rule_any);
        free(gate_any);
        free(tries);
        for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
            free(deep[k]);
        free(after);
        return rc;
    }
    for (size_t f = 0; f < rs->nfilt; f++) {
        uint64_t bit = (uint64_t)1 << (f % 64);
        size_t g = rs->rules[rs->filt[f]].gate;
        (g == NO_GATE ? base : rs->gates[g].mask)[f / 64] |= bit;
        for (unsigned al = 0; al < 2; al++)
            for (unsigned c1 = 0; c1 < 129; c1++)
                for (unsigned c2 = 0; c2 < 130; c2++)
                    if (!rs->pfs[f] || whosaid_prefilter_accepts(rs->pfs[f], (int)al, c1, c2)) {
                        t[cell(al, c1, c2) * nw + f / 64] |= bit;
                        rule_any[cell(al, c1, c2) / 64] |= (uint64_t)1 << (cell(al, c1, c2) % 64);
                    }
        /* A searched rule starts its search at the first position listed:
         * only its first two characters are checked, as before. */
        const whosaid_prefilter *pf =
            rs->rules[rs->filt[f]].mode == APPLY_SEARCH ? NULL : rs->pfs[f];
        for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
            for (unsigned c1 = 0; c1 < 129; c1++)
                for (unsigned c2 = 0; c2 < 130; c2++)
                    if (!pf || whosaid_prefilter_accepts_deep(pf, k + 1, c1, c2))
                        deep[k][(c1 * 130 + c2) * nw + f / 64] |= bit;
        for (int r = 0; r < WHOSAID_PREFILTER_RUNS; r++)
            for (int k = 0; k < 2; k++)
                for (unsigned c = 0; c < ACELLS; c++)
                    if (!pf || whosaid_prefilter_accepts_after(pf, r, k, c / 130, c % 130))
                        after[((size_t)(r * 2 + k) * ACELLS + c) * nw + f / 64] |= bit;
    }
    for (size_t g = 0; g < rs->ngates; g++)
        for (size_t w = 0; rs->gates[g].cells && w < (NCELLS + 63) / 64; w++)
            gate_any[w] |= rs->gates[g].cells[w];
    for (unsigned c = 0; c < 128; c++)
        rs->run_of[c] = (unsigned char)(whosaid_prefilter_run_class(c) + 1);
    for (unsigned c1 = 0; c1 < 128; c1++) {
        rs->rule_in_word[c1] = rs->gate_in_word[c1] = !is_ascii_letter(c1);
        for (unsigned c2 = 0; is_ascii_letter(c1) && c2 < 130; c2++) {
            size_t c = cell(1, c1, c2);
            rs->rule_in_word[c1] |= (unsigned char)((rule_any[c / 64] >> (c % 64)) & 1);
            rs->gate_in_word[c1] |= (unsigned char)((gate_any[c / 64] >> (c % 64)) & 1);
        }
    }
    free(rs->table);
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
        free(rs->deep[k]);
    free(rs->after);
    rs->after = after;
    free(rs->next_pos);
    free(rs->done);
    free(rs->base);
    free(rs->allow);
    free(rs->rule_any);
    free(rs->gate_any);
    rs->rule_any = rule_any;
    rs->gate_any = gate_any;
    for (size_t f = 0; f < rs->ntl; f++)
        free(rs->tries[f].v);
    free(rs->tries);
    rs->tries = tries;
    rs->ntl = rs->nfilt;
    /* Skip memos may have been added: batch_reserve sizes them all anew. */
    for (size_t k = 0; k < rs->nmemo; k++) {
        free(rs->memo[k].rc);
        free(rs->memo[k].end);
        rs->memo[k].rc = NULL;
        rs->memo[k].end = NULL;
    }
    rs->bcap = 0;
    rs->table = t;
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
        rs->deep[k] = deep[k]; /* the old ones freed with the table above */
    rs->next_pos = next;
    rs->done = done;
    rs->base = base;
    rs->allow = allow;
    rs->nw = nw;
    rs->stale = 0;
    return 0;
}

/* Appends the candidate for r's current match; where to look next. */
static int take_match(whosaid_ruleset *rs, size_t ri, const char *text, size_t len, size_t pos,
                      whosaid_cands *cands, size_t *next)
{
    rule *r = &rs->rules[ri];
    size_t ms, me;
    whosaid_regex_group(r->re, 0, &ms, &me);
    whosaid_cand c;
    int skip;
    if (make_cand(r, text, len, &c, &skip) || (!skip && whosaid_cands_push(cands, c)))
        return WHOSAID_ENOMEM;
    *next = next_start(text, len, pos, ms, me);
    return 0;
}

/* The non-overlapping matches of rule ri, left to right, by searching. */
static int scan_rule(whosaid_ruleset *rs, size_t ri, const char *text, size_t len,
                     whosaid_cands *cands)
{
    for (size_t pos = 0; pos <= len;) {
        int rc = whosaid_regex_search(rs->rules[ri].re, text, len, pos);
        if (rc == 0) break;
        if (rc < 0) return note_limit(rs, ri);
        if (take_match(rs, ri, text, len, pos, cands, &pos)) return WHOSAID_ENOMEM;
    }
    return 0;
}

/* A position's after-run cells (whosaid_prefilter_accepts_after) packed in
 * 32 bits: the run class + 1 (0: none), then two cells (ANONE: unchecked). */
static uint32_t pack_after(int run, int n, const size_t *ac)
{
    if (run < 0) return 0;
    return (uint32_t)(run + 1) << 30 | (uint32_t)ac[0] << 15 | (n > 1 ? (uint32_t)ac[1] : ANONE);
}

static int after_ok(const whosaid_prefilter *pf, uint32_t ap)
{
    if (!ap) return 1;
    int run = (int)(ap >> 30) - 1;
    unsigned a0 = ap >> 15 & 0x7FFF, a1 = ap & 0x7FFF;
    return whosaid_prefilter_accepts_after(pf, run, 0, a0 / 130, a0 % 130) &&
           (a1 == ANONE || whosaid_prefilter_accepts_after(pf, run, 1, a1 / 130, a1 % 130));
}

static size_t char_len(unsigned char b);
static int deep_cells(const char *text, size_t len, size_t p, unsigned s, size_t *dc);

/* A position of the batch, as the conditions of a rule's parts see it. */
typedef struct pos_view {
    size_t i;
    unsigned c1, c2;
    int after_letter;
    uint32_t ap;            /* pack_after */
    int ndeep;              /* -1 until dc is worked out */
    size_t dc[WHOSAID_PREFILTER_DEEP];
} pos_view;

/* Whether a part of a rule (a skip branch, the branches after them) may
 * match at v: its first pair, its deeper pairs (the text's, worked out on
 * first need) and after the run. */
static int part_ok(const whosaid_prefilter *pf, const char *text, size_t len, pos_view *v)
{
    if (!pf) return 1;
    if (!whosaid_prefilter_accepts(pf, v->after_letter, v->c1, v->c2) || !after_ok(pf, v->ap))
        return 0;
    if (v->ndeep < 0) {
        size_t n = char_len((unsigned char)text[v->i]);
        v->ndeep = n < len - v->i ? deep_cells(text, len, v->i + n, v->c2, v->dc) : 0;
    }
    for (int k = 0; k < v->ndeep; k++)
        if (!whosaid_prefilter_accepts_deep(pf, k + 1, (unsigned)(v->dc[k] / 130),
                                            (unsigned)(v->dc[k] % 130)))
            return 0;
    return 1;
}

/* Filtered rule f at position number b of the batch, which its condition
 * accepts. */
static int try_rule(whosaid_ruleset *rs, size_t f, const char *text, size_t len, size_t b,
                    whosaid_cands *cands)
{
    size_t i = rs->bpos[b];
    if (rs->done[f] || i < rs->next_pos[f]) return 0;
    size_t c = rs->bcell[b], ri = rs->filt[f];
    unsigned c2 = (unsigned)(c % 130), c1 = (unsigned)(c / 130 % 129);
    int after_letter = c >= (size_t)129 * 130;
    rule *r = &rs->rules[ri];
    /* "A(*SKIP)(*FAIL)|B": where an A matches, nothing does, and the next
     * try is past it. */
    pos_view v = {i, c1, c2, after_letter, rs->bafter[b], -1, {0}};
    for (size_t k = 0; k < r->nskips; k++) {
        if (!part_ok(r->skip_pfs[k], text, len, &v)) continue;
        skip_memo *m = &rs->memo[r->skip_memo[k]];
        if (m->rc[b] == MEMO_UNKNOWN) {
            size_t ms;
            int rc = whosaid_regex_search(r->skips[k], text, len, i);
            m->rc[b] = (signed char)(rc < 0 ? -1 : rc);
            if (rc == 1) whosaid_regex_group(r->skips[k], 0, &ms, &m->end[b]);
        }
        if (m->rc[b] < 0) {
            rs->done[f] = 1;
            return note_limit(rs, ri);
        }
        if (m->rc[b] == 1) {
            rs->next_pos[f] = next_start(text, len, i, i, m->end[b]);
            if (rs->next_pos[f] > len) rs->done[f] = 1;
            return 0;
        }
    }
    if (!part_ok(r->rest_pf, text, len, &v)) return 0;
    if (r->not_after_digit && i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9') return 0;
    int rc = whosaid_regex_search(r->re, text, len, i);
    if (rc == 0) {
        /* A search from here found nothing further on; an anchored try only here. */
        if (rs->rules[ri].mode == APPLY_SEARCH) rs->done[f] = 1;
        return 0;
    }
    if (rc < 0) {
        rs->done[f] = 1;
        return note_limit(rs, ri);
    }
    if (take_match(rs, ri, text, len, i, cands, &rs->next_pos[f])) return WHOSAID_ENOMEM;
    if (rs->next_pos[f] > len) rs->done[f] = 1;
    return 0;
}

static int is_letter_at(const char *text, size_t len, size_t i)
{
    unsigned char b = (unsigned char)text[i];
    if (b < 0x80) return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
    int32_t c = whosaid_utf8_next(text, len, &i);
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static unsigned symbol(unsigned char b)
{
    return b < 0x80 ? b : WHOSAID_PREFILTER_OTHER;
}

static int is_blank(unsigned char b)
{
    return b == ' ' || (b >= '\t' && b <= '\r');
}

/* Byte length of the character that starts with byte b. */
static size_t char_len(unsigned char b)
{
    return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* Adds the window of a trigger [ts, te): from the start of the word holding
 * ts, back g->lookback more words (runs of non-blanks; only ASCII blanks
 * separate them, so a word is never shorter than a rule's \s sees), up to
 * te. Walking back stops at the last window's end, which it then joins:
 * window starts only grow, and each byte is walked over once. */
static int add_window(gate *g, const char *text, size_t ts, size_t te)
{
    size_t floor = g->nwin ? g->win[2 * g->nwin - 1] : 0, p = ts;
    while (p > floor && !is_blank((unsigned char)text[p - 1]))
        p--;
    for (size_t k = 0; k < g->lookback && p > floor; k++) {
        while (p > floor && is_blank((unsigned char)text[p - 1]))
            p--;
        while (p > floor && !is_blank((unsigned char)text[p - 1]))
            p--;
    }
    if (g->nwin && p <= floor) {
        if (te > floor) g->win[2 * g->nwin - 1] = te;
        return 0;
    }
    if (g->nwin == g->wcap) {
        size_t cap = g->wcap ? g->wcap * 2 : 64;
        size_t *v = realloc(g->win, 2 * cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        g->win = v;
        g->wcap = cap;
    }
    g->win[2 * g->nwin] = p;
    g->win[2 * g->nwin + 1] = te;
    g->nwin++;
    return 0;
}

/* Whether the character before byte i is a letter. */
static int letter_before(const char *text, size_t len, size_t i)
{
    if (i == 0) return 0;
    size_t p = i - 1;
    while (p > 0 && ((unsigned char)text[p] & 0xC0) == 0x80)
        p--;
    return is_letter_at(text, len, p);
}

/* A trigger of g at [ms, me): its window. The trigger's own first
 * character is in it even when the pattern matched the empty string. */
static int add_trigger(gate *g, const char *text, size_t len, size_t ms, size_t me)
{
    size_t te = me > ms ? me : ms < len ? ms + char_len((unsigned char)text[ms]) : len;
    return add_window(g, text, ms, te > len ? len : te);
}

/* A gate that hit its match limit opens the whole text, as if it had none. */
static int open_all(gate *g, size_t len)
{
    g->nwin = 0;
    g->full = 1;
    return add_window(g, "", 0, len);
}

/* A trigger (or, ms > me, a match limit hit) of gate k, and of the gates
 * that share its pattern. */
static int triggered(whosaid_ruleset *rs, size_t k, const char *text, size_t len, size_t ms,
                     size_t me)
{
    for (size_t j = k; j < rs->ngates; j++) {
        gate *g = &rs->gates[j];
        if (j != k && g->same != k) continue;
        if (ms > me ? open_all(g, len) : add_trigger(g, text, len, ms, me)) return WHOSAID_ENOMEM;
    }
    return 0;
}

/* The deep cells (whosaid_prefilter_accepts_deep) of the position whose
 * second character starts at byte p with symbol s (END: none): their
 * number, fewer than DEEP when the text ends first (unchecked then). */
static int deep_cells(const char *text, size_t len, size_t p, unsigned s, size_t *dc)
{
    int k = 0;
    for (; k < WHOSAID_PREFILTER_DEEP && s != WHOSAID_PREFILTER_END; k++) {
        p += char_len((unsigned char)text[p]);
        unsigned next = p < len ? symbol((unsigned char)text[p]) : WHOSAID_PREFILTER_END;
        dc[k] = (size_t)s * 130 + next;
        s = next;
    }
    return k;
}

/* The text's run of digits or letters last measured: every position in
 * [from, end) has the same run end, hence the same after-run cells, so a
 * run is scanned once, not once per position in it (which was quadratic
 * in a long run). */
typedef struct run_memo {
    size_t from, end;
    int run, n;
    size_t ac[2];
} run_memo;

/* The after-run cells of position p (first symbol c1): the run class, or -1
 * when c1 starts none; ac[0] the cell of symbols 1-2 after the text's run,
 * ac[1] of 2-3 (*n = 2, or 1 when the text ends first). Positions come in
 * increasing order for one memo. */
static int after_cells(const whosaid_ruleset *rs, const char *text, size_t len, size_t p,
                       unsigned c1, run_memo *memo, size_t *ac, int *n)
{
    const unsigned char *run_of = rs->run_of;
    int run = c1 < 128 ? run_of[c1] - 1 : -1;
    if (run < 0) return -1;
    if (!(memo->run == run && p >= memo->from && p < memo->end)) {
        size_t e = p + 1;
        while (e < len && run_of[(unsigned char)text[e]] == run + 1)
            e++;
        memo->from = p;
        memo->end = e;
        memo->run = run;
        unsigned s[3];
        for (int k = 0; k < 3; k++) {
            s[k] = e < len ? symbol((unsigned char)text[e]) : WHOSAID_PREFILTER_END;
            if (e < len) e += char_len((unsigned char)text[e]);
        }
        if (s[0] == WHOSAID_PREFILTER_END) s[1] = WHOSAID_PREFILTER_END;
        memo->ac[0] = (size_t)s[0] * 130 + s[1];
        memo->ac[1] = (size_t)s[1] * 130 + s[2];
        memo->n = s[1] == WHOSAID_PREFILTER_END ? 1 : 2;
    }
    ac[0] = memo->ac[0];
    ac[1] = memo->ac[1];
    *n = memo->n;
    return run;
}

/* Collects the windows of every gate: one pass over the text tries each
 * gate that has a start condition anchored where it accepts (so every
 * position a match starts at is a trigger); the others are searched. */
static int find_windows(whosaid_ruleset *rs, const char *text, size_t len)
{
    int any_anch = 0;
    for (size_t k = 0; k < rs->ngates; k++) {
        rs->gates[k].nwin = rs->gates[k].cur = 0;
        rs->gates[k].full = 0;
    }
    for (size_t k = 0; k < rs->ngates; k++) {
        gate *g = &rs->gates[k];
        if (g->same != NO_GATE) continue;
        any_anch |= g->anch != NULL;
        for (size_t pos = 0; !g->anch && pos <= len;) {
            int rc = whosaid_regex_search(g->re, text, len, pos);
            if (rc == 0) break;
            if (rc < 0) {
                if (triggered(rs, k, text, len, 1, 0)) return WHOSAID_ENOMEM;
                break;
            }
            size_t ms, me;
            whosaid_regex_group(g->re, 0, &ms, &me);
            if (triggered(rs, k, text, len, ms, me)) return WHOSAID_ENOMEM;
            pos = next_start(text, len, pos, ms, me);
        }
    }
    int after_letter = 0;
    for (size_t i = 0; any_anch && i < len;) {
        if (after_letter) {
            size_t e = letters_end(text, len, i, rs->gate_in_word);
            if (e > i) {
                i = e; /* still after a letter */
                continue;
            }
        }
        unsigned char b = (unsigned char)text[i];
        size_t n = char_len(b);
        if (n > len - i) n = len - i;
        unsigned c2 = i + n < len ? symbol((unsigned char)text[i + n]) : WHOSAID_PREFILTER_END;
        size_t c = cell((unsigned)after_letter, symbol(b), c2);
        int ndeep = -1;
        size_t dc[WHOSAID_PREFILTER_DEEP];
        for (size_t k = 0; ((rs->gate_any[c / 64] >> (c % 64)) & 1) && k < rs->ngates; k++) {
            gate *g = &rs->gates[k];
            if (!g->anch || g->full || !((g->cells[c / 64] >> (c % 64)) & 1)) continue;
            int rc = 1;
            size_t ms = i, me = i + 1; /* a limit hit opens the text: ms > me */
            int digit = b >= '0' && b <= '9';
            /* A digit_first gate's deep condition is its other branches':
             * not where \d may match (an ASCII digit is handled below, a
             * non-ASCII character may be a digit). */
            if (g->deep && (!g->digit_first || (b < 0x80 && !digit))) {
                if (ndeep < 0) ndeep = deep_cells(text, len, i + n, c2, dc);
                int k2 = 0;
                while (k2 < ndeep && (whosaid_bit_test(g->short_cells, k2 * NCELLS + c) ||
                                      whosaid_bit_test(g->deep, k2 * DCELLS + dc[k2])))
                    k2++;
                if (k2 < ndeep) continue;
            }
            if (!g->digit_first || !digit) {
                rc = whosaid_regex_search(g->anch, text, len, i);
                ms = 1, me = 0;
                if (rc == 1) whosaid_regex_group(g->anch, 0, &ms, &me);
            }
            if (rc && triggered(rs, k, text, len, ms, me)) return WHOSAID_ENOMEM;
        }
        after_letter = is_letter_at(text, len, i);
        i += n;
    }
    return 0;
}

/* Moves each gate's cursor to the first window not ending by i and fills
 * rs->allow with the rules that may be tried at i; *until is where that
 * set next changes (the nearest window edge after i, or len). Returns 0
 * when no rule may be tried, *until then being where one may. */
static int allowed_at(whosaid_ruleset *rs, size_t i, size_t len, size_t *until)
{
    size_t nw = rs->nw;
    int any = 0;
    *until = len;
    memcpy(rs->allow, rs->base, nw * sizeof *rs->allow);
    for (size_t w = 0; w < nw; w++)
        any |= rs->base[w] != 0;
    for (size_t k = 0; k < rs->ngates; k++) {
        gate *g = &rs->gates[k];
        while (g->cur < g->nwin && g->win[2 * g->cur + 1] <= i)
            g->cur++;
        if (g->cur == g->nwin) continue;
        size_t ws = g->win[2 * g->cur], we = g->win[2 * g->cur + 1];
        if (ws > i) {
            if (ws < *until) *until = ws;
            continue;
        }
        if (we < *until) *until = we;
        any = 1;
        for (size_t w = 0; w < nw; w++)
            rs->allow[w] |= g->mask[w];
    }
    return any;
}

/* Tries per batch: the JIT code of all the rules is megabytes, more than
 * the caches hold, so a rule is tried at all its positions of a batch in a
 * row (its code stays in cache) rather than every rule at each position in
 * turn, which was about twice as slow per try. A batch holds a few pages
 * of positions and their rule lists; a rule's state (next_pos, done)
 * carries over to the next batch, so the result is the same. */
#define BATCH_TRIES 16384

/* Room for one more batch position. */
static int batch_reserve(whosaid_ruleset *rs)
{
    if (rs->nb < rs->bcap) return 0;
    size_t cap = rs->bcap ? rs->bcap * 2 : 1024;
    size_t *p = realloc(rs->bpos, cap * sizeof *p);
    if (p) rs->bpos = p;
    uint32_t *c = p ? realloc(rs->bcell, cap * sizeof *c) : NULL;
    if (c) rs->bcell = c;
    uint32_t *a = c ? realloc(rs->bafter, cap * sizeof *a) : NULL;
    if (!a) return WHOSAID_ENOMEM;
    rs->bafter = a;
    for (size_t k = 0; k < rs->nmemo; k++) {
        signed char *rc = realloc(rs->memo[k].rc, cap);
        if (rc) rs->memo[k].rc = rc;
        size_t *end = rc ? realloc(rs->memo[k].end, cap * sizeof *end) : NULL;
        if (!end) return WHOSAID_ENOMEM;
        rs->memo[k].end = end;
    }
    rs->bcap = cap;
    return 0;
}

static int list_push(try_list *l, uint32_t b)
{
    if (l->n == l->cap && whosaid_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return WHOSAID_ENOMEM;
    l->v[l->n++] = b;
    return 0;
}

/* Tries every filtered rule at its positions of the batch, rule by rule,
 * and empties the batch. */
static int run_batch(whosaid_ruleset *rs, const char *text, size_t len, whosaid_cands *cands)
{
    if (rs->nb == 0) return 0; /* nothing listed (and the memos may not exist yet) */
    for (size_t k = 0; k < rs->nmemo; k++)
        memset(rs->memo[k].rc, MEMO_UNKNOWN, rs->nb);
    for (size_t f = 0; f < rs->nfilt; f++) {
        try_list *l = &rs->tries[f];
        for (size_t j = 0; j < l->n && !rs->done[f]; j++)
            if (try_rule(rs, f, text, len, l->v[j], cands)) return WHOSAID_ENOMEM;
        l->n = 0;
    }
    rs->nb = rs->ntries = 0;
    return 0;
}

/* One pass over the text, or over the gates' windows when every rule is
 * under a gate: each position is looked up in the table, and the rules
 * whose condition accepts it (and whose gate is open there) are listed
 * to be tried there; batches of such tries are run rule by rule. */
static int run_filtered(whosaid_ruleset *rs, const char *text, size_t len, whosaid_cands *cands)
{
    memset(rs->next_pos, 0, rs->nfilt * sizeof *rs->next_pos);
    memset(rs->done, 0, rs->nfilt);
    rs->nb = rs->ntries = 0;
    size_t nw = rs->nw;
    int gated = !rs->no_gates && rs->ngates > 0;
    if (gated && find_windows(rs, text, len)) return WHOSAID_ENOMEM;
    /* Gates off: every rule is allowed everywhere. */
    for (size_t w = 0; !gated && w < nw; w++)
        rs->allow[w] = ~(uint64_t)0;
    int after_letter = 0;
    size_t open_until = gated ? 0 : len; /* the allowed set holds for [i, open_until) */
    run_memo memo = {0, 0, -1, 0, {0, 0}};
    for (size_t i = 0; i < len;) {
        if (i >= open_until && !allowed_at(rs, i, len, &open_until)) {
            /* Nothing to try before the next window: jump there. */
            if (open_until >= len) break;
            i = open_until;
            after_letter = letter_before(text, len, i);
            continue;
        }
        if (after_letter) {
            size_t e = letters_end(text, len, i, rs->rule_in_word);
            if (e > i) {
                i = e; /* still after a letter */
                continue;
            }
        }
        unsigned char b = (unsigned char)text[i];
        size_t n = char_len(b);
        if (n > len - i) n = len - i;
        unsigned c1 = symbol(b);
        unsigned c2 = i + n < len ? symbol((unsigned char)text[i + n]) : WHOSAID_PREFILTER_END;
        size_t c = cell((unsigned)after_letter, c1, c2);
        const uint64_t *m = rs->table + c * nw;
        int listed = 0, ndeep = -1, run = -2, nac = 0;
        size_t dc[WHOSAID_PREFILTER_DEEP], ac[2];
        for (size_t w = 0; ((rs->rule_any[c / 64] >> (c % 64)) & 1) && w < nw; w++) {
            uint64_t bits = m[w] & rs->allow[w];
            if (bits && ndeep < 0) ndeep = deep_cells(text, len, i + n, c2, dc);
            for (int k = 0; bits && k < ndeep; k++)
                bits &= rs->deep[k][dc[k] * nw + w];
            if (bits && run == -2) run = after_cells(rs, text, len, i, c1, &memo, ac, &nac);
            for (int k = 0; bits && run >= 0 && k < nac; k++)
                bits &= rs->after[((size_t)(run * 2 + k) * ACELLS + ac[k]) * nw + w];
            for (; bits; bits &= bits - 1) {
                size_t f = w * 64 + (size_t)__builtin_ctzll(bits);
                if (rs->done[f]) continue;
                if (!listed && batch_reserve(rs)) return WHOSAID_ENOMEM;
                if (list_push(&rs->tries[f], (uint32_t)rs->nb)) return WHOSAID_ENOMEM;
                rs->ntries++;
                listed = 1;
            }
        }
        if (listed) {
            rs->bpos[rs->nb] = i;
            rs->bafter[rs->nb] = pack_after(run, nac, ac);
            rs->bcell[rs->nb++] = (uint32_t)c;
            if (rs->ntries >= BATCH_TRIES && run_batch(rs, text, len, cands)) return WHOSAID_ENOMEM;
        }
        after_letter = is_letter_at(text, len, i);
        i += n;
    }
    return run_batch(rs, text, len, cands);
}

/* Rule order, then text order: the order a rule-by-rule scan gives. */
static int by_rule_then_start(const void *pa, const void *pb)
{
    const whosaid_cand *a = pa, *b = pb;
    if (a->order != b->order) return a->order < b->order ? -1 : 1;
    return a->start < b->start ? -1 : a->start > b->start;
}

static int by_index(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

int whosaid_ruleset_apply(whosaid_ruleset *rs, const char *text, size_t len, whosaid_cands *cands,
                          whosaid_error *err)
{
    rs->nhits = 0;
    if (!text) text = ""; /* PCRE2 refuses a NULL subject even when empty */
    if (rs->stale && build_table(rs)) return nomem(err);
    size_t first = cands->n;
    for (size_t i = 0; i < rs->n; i++)
        if (rs->rules[i].mode == APPLY_SCAN && scan_rule(rs, i, text, len, cands))
            return nomem(err);
    if (rs->nfilt && run_filtered(rs, text, len, cands)) return nomem(err);
    /* qsort's pointer must not be NULL even for 0 elements (UBSan). */
    if (cands->n - first > 1)
        qsort(cands->v + first, cands->n - first, sizeof *cands->v, by_rule_then_start);
    if (rs->nhits > 1) qsort(rs->hits, rs->nhits, sizeof *rs->hits, by_index);
    return 0;
}

void whosaid_ruleset_set_gates(whosaid_ruleset *rs, int on)
{
    rs->no_gates = !on;
}

size_t whosaid_ruleset_limit_hits(const whosaid_ruleset *rs)
{
    return rs->nhits;
}

int whosaid_ruleset_limit_hit(const whosaid_ruleset *rs, size_t i, const char **file, long *line)
{
    if (i >= rs->nhits) return 0;
    const rule *r = &rs->rules[rs->hits[i]];
    *file = r->file;
    *line = r->line;
    return 1;
}
