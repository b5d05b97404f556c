/* Start conditions of regex patterns (see prefilter.h).
 *
 * A recursive-descent walk over the PCRE2 pattern computes, for each part,
 * the set of its matches' first two symbols (FIRST_2 of LL(2) parsing):
 * whether it can match the empty string, the one-symbol strings it can
 * match, and the two-symbol prefixes of longer matches. Each set comes twice:
 * strings that need nothing before them, and strings whose match must follow
 * a non-letter (they start with a negative look-behind ruling letters out).
 * Look-arounds and verbs count as empty, except that a positive look-ahead
 * narrows the rest of its branch to what its body allows at each level
 * (see lang_restrict); anything not followed gives up. */
#include "whosaid/prefilter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "whosaid/error.h"
#include "whosaid/hashmap.h"
#include "whosaid/utf8.h"

#define NSYM 129 /* ASCII + OTHER */
#define NW 3     /* 64-bit words per symbol set (130 bits with END) */
#define MAX_DEPTH 200
#define UNBOUNDED (-1L)

typedef struct symset {
    uint64_t w[NW];
} symset;

/* FIRST_2 of a pattern part: matches of length 0, 1, and >= 2 (by prefix).
 * rows lists the two[i] in use, and only those hold anything: the others
 * are never read and need not be zero (a sparse set). Most sets have a few
 * first symbols, so copying, joining and clearing walk those rows only,
 * and a new or cleared set costs its header alone (zeroing each scratch
 * set's 129 rows was ~1 G instructions per process at load). */
typedef struct f2 {
    int eps;
    symset one;
    symset rows;
    symset two[NSYM];
} f2;

/* a: needs nothing before; w: must follow a non-letter. d[k - 1]: the
 * strings without their first k symbols (what may stand at symbols k + 1
 * and k + 2 of a match; d[k - 1].eps: some string is k symbols long). */
typedef struct lang {
    f2 a, w;
    f2 d[WHOSAID_PREFILTER_DEEP];
    /* g[r][0]: the strings with their leading run of class r (RUN_*) dropped,
     * look-behinds ignored (g[r][0].eps: some string is all run); g[r][1]:
     * those without their first symbol as well (.eps: one symbol long). */
    f2 g[WHOSAID_PREFILTER_RUNS][2];
} lang;

#define MAX_SKIP_BRANCHES 16

/* The deep conditions with the top-level branches kept apart, for patterns
 * where some branch may end within k symbols (which makes deep[k - 1]
 * accept everything): short[k - 1] holds the first pairs of those
 * branches, long[k - 1] the deep pairs of the others (~28 KB). */
typedef struct branch_split {
    symset short_ok[WHOSAID_PREFILTER_DEEP][2][NSYM]; /* like ok */
    symset long_deep[WHOSAID_PREFILTER_DEEP][NSYM];   /* like deep */
} branch_split;

struct whosaid_prefilter {
    symset ok[2][NSYM];                        /* [after a letter][c1] -> acceptable c2 */
    symset deep[WHOSAID_PREFILTER_DEEP][NSYM]; /* [k - 1][symbol k + 1] -> symbol k + 2 */
    /* [run class][symbol 1 after the run, END too] -> symbol 2, and
     * [run class][symbol 2] -> symbol 3 (a text ending after symbol 1 is
     * not checked further: no END row). */
    symset after0[WHOSAID_PREFILTER_RUNS][NSYM + 1];
    symset after1[WHOSAID_PREFILTER_RUNS][NSYM];
    branch_split *split; /* NULL: no top-level branch may end early */
    int search;
    size_t nskip; /* leading "A(*SKIP)(*FAIL)|" branches, when that is all the (*SKIP)s */
    size_t skip_off[MAX_SKIP_BRANCHES], skip_len[MAX_SKIP_BRANCHES];
};

enum { VERB_NONE, VERB_SKIP, VERB_FAIL };

typedef struct parser {
    const char *p;
    int fail; /* a construct this analysis does not follow */
    int nomem;
    int search; /* (*SKIP) seen */
    /* Top-level branches "A(*SKIP)(*FAIL)" before all others (see ruleset.c). */
    const char *pattern;
    int verb;        /* VERB_* of the item just parsed */
    size_t nskips;   /* (*SKIP)s anywhere */
    size_t nskip_br; /* leading skip branches found */
    size_t skip_off[MAX_SKIP_BRANCHES], skip_len[MAX_SKIP_BRANCHES];
    int plain_seen; /* a top-level branch that is not a skip branch */
    int split_bad;  /* a skip branch after a plain one, a top-level option ... */
    int depth;
    int item_letters;    /* the item just parsed is one character of a set holding every letter */
    int quote;           /* inside \Q...\E */
    branch_split *split; /* the top-level branches apart, as they are parsed */
    int any_short;       /* some top-level branch may end early */
    int peak;            /* the deepest nesting reached */
    whosaid_prefilter_memo *memo; /* NULL: none */
    /* The body of the positive look-ahead just parsed (when analyzed and it
     * cannot match the empty string), for the sequence around it to take
     * (parse_seq): it narrows the next item. */
    lang *ahead;
} parser;

/* ---- Symbol sets ------------------------------------------------------- */

static void ss_add(symset *s, unsigned i)
{
    s->w[i / 64] |= (uint64_t)1 << (i % 64);
}

static void ss_del(symset *s, unsigned i)
{
    s->w[i / 64] &= ~((uint64_t)1 << (i % 64));
}

static int ss_has(const symset *s, unsigned i)
{
    return (int)((s->w[i / 64] >> (i % 64)) & 1);
}

static void ss_or(symset *d, const symset *s)
{
    for (int i = 0; i < NW; i++)
        d->w[i] |= s->w[i];
}

static int ss_any(const symset *s)
{
    return (s->w[0] | s->w[1] | s->w[2]) != 0;
}

static void ss_fill(symset *s)
{
    memset(s, 0, sizeof *s);
    for (unsigned i = 0; i < NSYM; i++)
        ss_add(s, i);
}

/* Every symbol and END: a row that says nothing. */
static void ss_all(symset *s)
{
    ss_fill(s);
    ss_add(s, WHOSAID_PREFILTER_END);
}

static int is_ascii_letter(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The only non-ASCII characters PCRE2 (UTF + UCP, caseless) matches an
 * ASCII letter with: KELVIN SIGN with k and K, LATIN SMALL LETTER LONG S
 * with s and S (its caseless sets; full folding such as "ß" = "ss" is not
 * done). */
#define KELVIN_SIGN 0x212A
#define LONG_S 0x017F

/* Adds the code points lo .. hi; caseless adds what PCRE2 may fold them
 * to or from. Any other non-ASCII character folds to non-ASCII ones only:
 * a caseless "€" is no "s" (it was taken for one, which let every word
 * starting with s or k through the triggers of a currency list). */
static void ss_add_cps(symset *s, int32_t lo, int32_t hi, int caseless)
{
    if (lo < 0) lo = 0;
    for (int32_t c = lo; c <= hi && c < 0x80; c++) {
        ss_add(s, (unsigned)c);
        if (caseless && is_ascii_letter(c)) {
            ss_add(s, (unsigned)(c ^ 0x20));
            if (c == 'k' || c == 'K' || c == 's' || c == 'S') ss_add(s, WHOSAID_PREFILTER_OTHER);
        }
    }
    if (hi < 0x80) return;
    ss_add(s, WHOSAID_PREFILTER_OTHER);
    if (caseless && lo <= KELVIN_SIGN && hi >= KELVIN_SIGN) ss_add(s, 'k'), ss_add(s, 'K');
    if (caseless && lo <= LONG_S && hi >= LONG_S) ss_add(s, 's'), ss_add(s, 'S');
}

/* Adds code point c (nothing if negative), as ss_add_cps. */
static void ss_add_cp(symset *s, int32_t c, int caseless)
{
    if (c >= 0) ss_add_cps(s, c, c, caseless);
}

/* The symbols of each run class (as whosaid_prefilter_run_class): digits
 * with their separators ',' (44) '.' (46) '0'-'9' (48-57), and the ASCII
 * letters 'A'-'Z' (65-90), 'a'-'z' (97-122). */
static const symset run_sets[WHOSAID_PREFILTER_RUNS] = {
    [WHOSAID_PREFILTER_RUN_DIGITS] = {{(uint64_t)1 << 44 | (uint64_t)1 << 46 |
                                           (uint64_t)0x3FF << 48,
                                       0, 0}},
    [WHOSAID_PREFILTER_RUN_LETTERS] = {{0, (uint64_t)0x3FFFFFF << 1 | (uint64_t)0x3FFFFFF << 33,
                                        0}},
};

/* ---- FIRST_2 sets ----------------------------------------------------- */

/* Calls body with i bound to each member of symset s, ascending. */
#define SS_EACH(s, i, body)                                                                        \
    for (unsigned ss_w_ = 0; ss_w_ < NW; ss_w_++)                                                  \
        for (uint64_t ss_b_ = (s).w[ss_w_]; ss_b_; ss_b_ &= ss_b_ - 1) {                           \
            unsigned i = ss_w_ * 64 + (unsigned)__builtin_ctzll(ss_b_);                            \
            body;                                                                                  \
        }

/* d->two[i] |= *s, taking row i into use (its old contents are garbage
 * when it was not). */
static void f2_or_row(f2 *d, unsigned i, const symset *s)
{
    if (ss_has(&d->rows, i)) {
        ss_or(&d->two[i], s);
    } else {
        d->two[i] = *s;
        ss_add(&d->rows, i);
    }
}

static void f2_union(f2 *d, const f2 *s)
{
    d->eps |= s->eps;
    ss_or(&d->one, &s->one);
    SS_EACH(s->rows, i, f2_or_row(d, i, &s->two[i]));
}

/* Empties f: the rows leave use, their contents stay as garbage. */
static void f2_clear(f2 *f)
{
    f->eps = 0;
    memset(&f->one, 0, sizeof f->one);
    memset(&f->rows, 0, sizeof f->rows);
}

/* Symbols a non-empty match of y can start with. */
static void f2_first(const f2 *y, symset *out)
{
    ss_or(out, &y->one);
    ss_or(out, &y->rows);
}

/* d |= (non-empty strings of x) followed by y (first symbols fy, yeps). */
static void f2_cat_nonempty(f2 *d, const f2 *x, const symset *fy, int yeps)
{
    SS_EACH(x->rows, i, f2_or_row(d, i, &x->two[i]));
    int fany = ss_any(fy);
    SS_EACH(x->one, i, {
        if (fany) f2_or_row(d, i, fy);
        if (yeps) ss_add(&d->one, i);
    });
}

/* Narrows f to the non-empty strings that can stand at a text position
 * where a string of b (and of b2, unless NULL) stands too, both read from
 * their first symbol: that symbol one b's strings start with and, where no
 * string of b is that symbol alone, their first pair one of b's. The empty
 * string is left as it is. */
static void f2_restrict(f2 *f, const f2 *b, const f2 *b2)
{
    symset first = {{0}}, single = b->one;
    f2_first(b, &first);
    if (b2) f2_first(b2, &first), ss_or(&single, &b2->one);
    for (int i = 0; i < NW; i++)
        f->one.w[i] &= first.w[i];
    SS_EACH(f->rows, c, {
        symset pairs = {{0}};
        if (ss_has(&first, c) && !ss_has(&single, c)) {
            if (ss_has(&b->rows, c)) ss_or(&pairs, &b->two[c]);
            if (b2 && ss_has(&b2->rows, c)) ss_or(&pairs, &b2->two[c]);
            for (int i = 0; i < NW; i++)
                f->two[c].w[i] &= pairs.w[i];
        }
        if (!ss_has(&first, c) || !ss_any(&f->two[c])) ss_del(&f->rows, c);
    });
}

/* Narrows l, the strings that follow a positive look-ahead with body b
 * (which cannot match the empty string), to those the same text can hold:
 * a text matching both begins with a string of each, so wherever b's
 * strings are all long enough to reach them, symbols k + 1 and k + 2
 * (deep) and the symbols after the leading run are b's too. Each level is
 * narrowed by b's set of the same level alone, so "(?=\p{L}+\s\d)\w+"
 * also says what follows the run of letters. */
static void lang_restrict(lang *l, const lang *b)
{
    f2_restrict(&l->a, &b->a, &b->w);
    f2_restrict(&l->w, &b->a, &b->w);
    int b_ended = 0; /* some string of b is at most k symbols long */
    for (int k = 1; k <= WHOSAID_PREFILTER_DEEP; k++) {
        b_ended |= b->d[k - 1].eps;
        if (!b_ended) f2_restrict(&l->d[k - 1], &b->d[k - 1], NULL);
    }
    /* A string of b that is all run, or one symbol past it, says nothing
     * of what follows. */
    for (int r = 0; r < WHOSAID_PREFILTER_RUNS; r++) {
        if (b->g[r][0].eps) continue;
        f2_restrict(&l->g[r][0], &b->g[r][0], NULL);
        if (!b->g[r][1].eps) f2_restrict(&l->g[r][1], &b->g[r][1], NULL);
    }
}

static void lang_union(lang *d, const lang *s);

static void lang_clear(lang *l)
{
    f2_clear(&l->a);
    f2_clear(&l->w);
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
        f2_clear(&l->d[k]);
    for (int r = 0; r < WHOSAID_PREFILTER_RUNS; r++)
        f2_clear(&l->g[r][0]), f2_clear(&l->g[r][1]);
}

/* l matches the empty string (which is all run, whatever the class). */
static void lang_set_eps(lang *l)
{
    l->a.eps = 1;
    for (int r = 0; r < WHOSAID_PREFILTER_RUNS; r++)
        l->g[r][0].eps = 1;
}

/* d = s (d's rows cleared, s's copied). */
static void lang_copy(lang *d, const lang *s)
{
    lang_clear(d);
    lang_union(d, s);
}

static void lang_union(lang *d, const lang *s)
{
    f2_union(&d->a, &s->a);
    f2_union(&d->w, &s->w);
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
        f2_union(&d->d[k], &s->d[k]);
    for (int r = 0; r < WHOSAID_PREFILTER_RUNS; r++)
        f2_union(&d->g[r][0], &s->g[r][0]), f2_union(&d->g[r][1], &s->g[r][1]);
}

/* No string shorter than DEEP + 2 symbols: appending anything changes
 * nothing. */
static int lang_saturated(const lang *l)
{
    int short_ = l->a.eps || l->w.eps || ss_any(&l->a.one) || ss_any(&l->w.one);
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP && !short_; k++)
        short_ = l->d[k].eps || ss_any(&l->d[k].one);
    /* A string still all run, or short once its run is dropped. */
    for (int r = 0; r < WHOSAID_PREFILTER_RUNS && !short_; r++)
        for (int k = 0; k < 2 && !short_; k++)
            short_ = l->g[r][k].eps || ss_any(&l->g[r][k].one);
    return !short_;
}

/* z = x followed by y. A condition on what precedes y holds at the start
 * of the match only when x matched nothing. */
static void lang_concat(lang *z, const lang *x, const lang *y)
{
    lang_clear(z);
    symset fy = {{0}};
    f2_first(&y->a, &fy);
    f2_first(&y->w, &fy);
    int yeps = y->a.eps || y->w.eps;
    f2_cat_nonempty(&z->a, &x->a, &fy, yeps);
    f2_cat_nonempty(&z->w, &x->w, &fy, yeps);
    if (x->a.eps) {
        f2_union(&z->a, &y->a);
        f2_union(&z->w, &y->w);
    }
    if (x->w.eps) {
        f2_union(&z->w, &y->a);
        f2_union(&z->w, &y->w);
    }
    /* Dropping k symbols of x y: k of x's (then all of y follows), or j < k
     * of x's being all of it and k - j of y's. */
    int xeps = x->a.eps || x->w.eps;
    for (int k = 1; k <= WHOSAID_PREFILTER_DEEP; k++) {
        f2 *d = &z->d[k - 1];
        f2_cat_nonempty(d, &x->d[k - 1], &fy, yeps);
        if (x->d[k - 1].eps) {
            f2_union(d, &y->a);
            f2_union(d, &y->w);
        }
        if (xeps) f2_union(d, &y->d[k - 1]);
        for (int j = 1; j < k; j++)
            if (x->d[j - 1].eps) f2_union(d, &y->d[k - j - 1]);
    }
    /* A run of x that is all of x goes on into y: y's run is dropped too.
     * Otherwise x's string without its run, then y as it is. */
    for (int r = 0; r < WHOSAID_PREFILTER_RUNS; r++) {
        const f2 *g0 = &x->g[r][0], *g1 = &x->g[r][1];
        f2_cat_nonempty(&z->g[r][0], g0, &fy, yeps);
        f2_cat_nonempty(&z->g[r][1], g1, &fy, yeps);
        if (g1->eps) {
            f2_union(&z->g[r][1], &y->a);
            f2_union(&z->g[r][1], &y->w);
        }
        if (g0->eps) {
            f2_union(&z->g[r][0], &y->g[r][0]);
            f2_union(&z->g[r][1], &y->g[r][1]);
        }
    }
}

/* x{min,max} into out (pw, tmp: scratch). The first DEEP + 2 symbols of
 * a string of n > DEEP + 2 copies are those of DEEP + 2 copies (with
 * empty copies dropped, of fewer), so the powers from min to max, both
 * capped at DEEP + 2, cover every count. */
static void lang_repeat(lang *out, const lang *x, long min, long max, lang *pw, lang *tmp)
{
    const long cap = WHOSAID_PREFILTER_DEEP + 2;
    long lo = min < cap ? min : cap, hi = max == UNBOUNDED || max > cap ? cap : max;
    lang_clear(out);
    lang_clear(pw);
    lang_set_eps(pw);
    if (lo == 0) lang_set_eps(out);
    for (long n = 1; n <= hi; n++) {
        lang_concat(tmp, pw, x);
        lang *swap = pw; /* both scratch: pw takes the new power */
        pw = tmp;
        tmp = swap;
        if (n >= lo) lang_union(out, pw);
    }
}

/* ---- Conditions from FIRST_2 sets ------------------------------------- */

/* The second symbols a string of f starting with c may have: any (or none)
 * when c alone is one of f's strings. */
static symset f2_row(const f2 *f, unsigned c, const symset *all)
{
    static const symset none;
    return ss_has(&f->one, c) ? *all : ss_has(&f->rows, c) ? f->two[c] : none;
}

/* ok |= the first pairs of l (w's only after a non-letter). */
static void add_ok(symset ok[2][NSYM], const lang *l, const symset *all)
{
    for (unsigned c = 0; c < NSYM; c++) {
        symset a = f2_row(&l->a, c, all), w = f2_row(&l->w, c, all);
        ss_or(&ok[0][c], &a);
        ss_or(&ok[0][c], &w);
        ss_or(&ok[1][c], &a);
    }
}

/* The deep rows of l at level k (0-based): a match of k + 1 symbols or
 * fewer says nothing about symbols k + 2 on. *ended: some string of l is
 * at most k + 1 symbols long (carried from level to level). */
static void deep_rows(const lang *l, int k, int *ended, symset *rows, const symset *all)
{
    *ended |= l->d[k].eps;
    for (unsigned c = 0; c < NSYM; c++)
        rows[c] = *ended ? *all : f2_row(&l->d[k], c, all);
}

/* Records top-level branch b: at each level where it may end early, its
 * first pairs go to short_ok, else its deep rows to long_deep. */
static void note_branch(parser *ps, const lang *b)
{
    if (!ps->split && !(ps->split = calloc(1, sizeof *ps->split))) {
        ps->nomem = ps->fail = 1;
        return;
    }
    symset all, rows[NSYM];
    ss_all(&all);
    int ended = 0;
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++) {
        deep_rows(b, k, &ended, rows, &all);
        int every = 1;
        for (unsigned c = 0; c < NSYM && every; c++)
            every = memcmp(&rows[c], &all, sizeof all) == 0;
        if (every) {
            ps->any_short = 1;
            add_ok(ps->split->short_ok[k], b, &all);
        } else {
            for (unsigned c = 0; c < NSYM; c++)
                ss_or(&ps->split->long_deep[k][c], &rows[c]);
        }
    }
}

/* ---- Characters and classes ------------------------------------------ */

typedef struct cset {
    symset s;
    int letters; /* holds every letter (\p{L}, \w ...) */
    int unknown; /* membership not worked out: anything */
} cset;

/* ASCII members of a Unicode general category given as "L", "Lu" ... */
static void add_category(cset *c, const char *cat)
{
    for (int32_t i = 0; i < 0x80; i++) {
        const char *s = utf8proc_category_string(i);
        if (s[0] == cat[0] && (!cat[1] || s[1] == cat[1])) ss_add(&c->s, (unsigned)i);
    }
    ss_add(&c->s, WHOSAID_PREFILTER_OTHER);
}

static void add_range(cset *c, int32_t lo, int32_t hi)
{
    for (int32_t i = lo; i <= hi && i < 0x80; i++)
        ss_add(&c->s, (unsigned)i);
    if (hi >= 0x80) ss_add(&c->s, WHOSAID_PREFILTER_OTHER);
}

static void add_word(cset *c)
{
    add_range(c, '0', '9');
    add_range(c, 'A', 'Z');
    add_range(c, 'a', 'z');
    ss_add(&c->s, '_');
    ss_add(&c->s, WHOSAID_PREFILTER_OTHER);
    c->letters = 1;
}

static void add_space(cset *c)
{
    add_range(c, 9, 13);
    ss_add(&c->s, ' ');
    ss_add(&c->s, WHOSAID_PREFILTER_OTHER);
}

/* A Unicode property by name (\p{...}); caseless widens Lu/Ll/Lt to L. */
static void add_property(cset *c, const char *name, size_t n, int caseless)
{
    char k[32];
    size_t m = 0;
    for (size_t i = 0; i < n && m < sizeof k - 1; i++) {
        char ch = name[i];
        if (ch == ' ' || ch == '_' || ch == '-') continue;
        k[m++] = (char)whosaid_ascii_lower((unsigned char)ch);
    }
    k[m] = '\0';
    if (strcmp(k, "any") == 0) {
        ss_fill(&c->s);
        c->letters = 1;
    } else if (strcmp(k, "l") == 0) {
        add_category(c, "L");
        c->letters = 1;
    } else if (strcmp(k, "l&") == 0 || strcmp(k, "lc") == 0) {
        add_category(c, "L");
    } else if (strcmp(k, "xan") == 0) {
        add_category(c, "L");
        add_category(c, "N");
        c->letters = 1;
    } else if (strcmp(k, "xwd") == 0) {
        add_word(c);
    } else if (strcmp(k, "xsp") == 0 || strcmp(k, "xps") == 0) {
        add_space(c);
    } else if (strcmp(k, "xuc") == 0) {
        ss_add(&c->s, '$'), ss_add(&c->s, '@'), ss_add(&c->s, '`');
        ss_add(&c->s, WHOSAID_PREFILTER_OTHER);
    } else if (m >= 1 && m <= 2 && strchr("lmnpszc", k[0])) {
        char cat[3] = {(char)(k[0] - 32), m == 2 ? k[1] : '\0', '\0'};
        if (caseless && cat[0] == 'L' && (cat[1] == 'u' || cat[1] == 'l' || cat[1] == 't'))
            cat[1] = '\0';
        add_category(c, cat);
    } else {
        c->unknown = 1; /* scripts and the like */
    }
}

static void cset_negate(cset *c)
{
    if (c->unknown) return;
    for (unsigned i = 0; i < 0x80; i++)
        c->s.w[i / 64] ^= (uint64_t)1 << (i % 64);
    ss_add(&c->s, WHOSAID_PREFILTER_OTHER);
    c->letters = 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes the UTF-8 character at *p (the pattern compiled, so it is valid). */
static int32_t next_cp(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    int32_t c = s[0];
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n > 1) {
        c &= 0x3F >> (n - 1);
        for (int i = 1; i < n && s[i]; i++)
            c = (c << 6) | (s[i] & 0x3F);
    }
    *p += n;
    return c;
}

/* Kinds of escape: a single character, a set, or zero-width. */
enum { ESC_CHAR, ESC_SET, ESC_EMPTY };

/* Parses the escape at ps->p (the backslash). ESC_CHAR fills *cp, ESC_SET
 * fills *set; in_class: inside [...] (where \b is a backspace). */
static int parse_escape(parser *ps, int caseless, int in_class, int32_t *cp, cset *set)
{
    const char *p = ps->p + 1;
    char e = *p++;
    int kind = ESC_CHAR;
    memset(set, 0, sizeof *set);
    switch (e) {
    case 'a': *cp = 7; break;
    case 'e': *cp = 27; break;
    case 'f': *cp = 12; break;
    case 'n': *cp = 10; break;
    case 'r': *cp = 13; break;
    case 't': *cp = 9; break;
    case 'c':
        *cp = (*p >= 'a' && *p <= 'z' ? *p - 32 : *p) ^ 0x40;
        p++;
        break;
    case 'x':
        *cp = 0;
        if (*p == '{') {
            for (p++; hexval(*p) >= 0; p++)
                *cp = *cp * 16 + hexval(*p);
            if (*p == '}') p++;
        } else {
            for (int i = 0; i < 2 && hexval(*p) >= 0; i++, p++)
                *cp = *cp * 16 + hexval(*p);
        }
        break;
    case 'o':
        *cp = 0;
        if (*p == '{')
            for (p++; *p >= '0' && *p <= '7'; p++)
                *cp = *cp * 8 + (*p - '0');
        if (*p == '}') p++;
        break;
    case '0':
        *cp = 0;
        for (int i = 0; i < 2 && *p >= '0' && *p <= '7'; i++, p++)
            *cp = *cp * 8 + (*p - '0');
        break;
    case 'b':
        if (in_class)
            *cp = 8;
        else
            kind = ESC_EMPTY;
        break;
    case 'B':
    case 'A':
    case 'Z':
    case 'z':
    case 'K':
    case 'E': kind = ESC_EMPTY; break;
    case 'G': /* true only where the search started: nothing to filter on */
        ps->fail = 1;
        kind = ESC_EMPTY;
        break;
    case 'd':
    case 'D':
        kind = ESC_SET;
        add_range(set, '0', '9');
        ss_add(&set->s, WHOSAID_PREFILTER_OTHER);
        if (e == 'D') cset_negate(set);
        break;
    case 'w':
    case 'W':
        kind = ESC_SET;
        add_word(set);
        if (e == 'W') cset_negate(set);
        break;
    case 's':
    case 'S':
        kind = ESC_SET;
        add_space(set);
        if (e == 'S') cset_negate(set);
        break;
    case 'h':
    case 'H':
        kind = ESC_SET;
        ss_add(&set->s, 9), ss_add(&set->s, ' '), ss_add(&set->s, WHOSAID_PREFILTER_OTHER);
        if (e == 'H') cset_negate(set);
        break;
    case 'R':
    case 'X': /* "\r\n", a grapheme cluster: maybe more than one character */
        ps->fail = 1;
        kind = ESC_EMPTY;
        break;
    case 'v':
    case 'V':
        kind = ESC_SET;
        add_range(set, 10, 13);
        ss_add(&set->s, WHOSAID_PREFILTER_OTHER);
        if (e == 'V') cset_negate(set);
        break;
    case 'N':
        if (*p == '{') { /* \N{U+hhhh} */
            *cp = 0;
            for (p += 3; hexval(*p) >= 0; p++)
                *cp = *cp * 16 + hexval(*p);
            if (*p == '}') p++;
        } else {
            kind = ESC_SET;
            ss_fill(&set->s);
        }
        break;
    case 'p':
    case 'P': {
        kind = ESC_SET;
        const char *name = p;
        size_t n = 1;
        int neg = e == 'P';
        if (*p == '{') {
            name = ++p;
            if (*name == '^') {
                neg = !neg;
                name = ++p;
            }
            while (*p && *p != '}')
                p++;
            n = (size_t)(p - name);
            if (*p) p++;
        } else {
            p++;
        }
        add_property(set, name, n, caseless);
        if (neg) cset_negate(set);
        break;
    }
    default:
        if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '1' && e <= '9') ||
            e == '\0') {
            ps->fail = 1; /* back-references, \Q, \C, \g, \k ... */
            kind = ESC_EMPTY;
            p = e ? p : p - 1;
        } else {
            p--;
            *cp = next_cp(&p); /* an escaped punctuation character */
        }
    }
    ps->p = p;
    return kind;
}

static void posix_class(cset *c, const char *name, size_t n)
{
#define IS(s) (n == sizeof s - 1 && strncmp(name, s, n) == 0)
    if (IS("alpha"))
        add_property(c, "L", 1, 0);
    else if (IS("alnum"))
        add_property(c, "Xan", 3, 0);
    else if (IS("word"))
        add_word(c);
    else if (IS("space"))
        add_space(c);
    else if (IS("digit"))
        add_range(c, '0', '9'), ss_add(&c->s, WHOSAID_PREFILTER_OTHER);
    else if (IS("lower") || IS("upper"))
        add_property(c, "L", 1, 0);
    else if (IS("blank"))
        ss_add(&c->s, ' '), ss_add(&c->s, '\t'), ss_add(&c->s, WHOSAID_PREFILTER_OTHER);
    else if (IS("xdigit"))
        add_range(c, '0', '9'), add_range(c, 'a', 'f'), add_range(c, 'A', 'F');
    else if (IS("cntrl"))
        add_range(c, 0, 31), ss_add(&c->s, 127), ss_add(&c->s, WHOSAID_PREFILTER_OTHER);
    else if (IS("ascii"))
        add_range(c, 0, 127);
    else
        add_range(c, 32, 0x10FFFF); /* graph, print, punct: the printable part of ASCII and more */
#undef IS
}

/* Parses [...] at ps->p. */
static void parse_class(parser *ps, int caseless, cset *out)
{
    const char *p = ps->p + 1;
    int neg = 0;
    memset(out, 0, sizeof *out);
    if (*p == '^') {
        neg = 1;
        p++;
    }
    for (int first = 1; *p && (*p != ']' || first); first = 0) {
        if (p[0] == '[' && p[1] == ':') {
            const char *end = strstr(p + 2, ":]");
            if (!end) {
                ps->fail = 1;
                break;
            }
            const char *name = p + 2;
            int pneg = *name == '^';
            cset pc = {{{0}}, 0, 0};
            posix_class(&pc, name + pneg, (size_t)(end - name - pneg));
            if (pneg) cset_negate(&pc);
            ss_or(&out->s, &pc.s);
            out->letters |= pc.letters;
            out->unknown |= pc.unknown;
            p = end + 2;
            continue;
        }
        int32_t lo;
        cset es;
        if (*p == '\\') {
            ps->p = p;
            int kind = parse_escape(ps, caseless, 1, &lo, &es);
            p = ps->p;
            if (ps->fail) return;
            if (kind != ESC_CHAR) {
                ss_or(&out->s, &es.s);
                out->letters |= es.letters;
                out->unknown |= es.unknown;
                continue;
            }
        } else {
            lo = next_cp(&p);
        }
        int32_t hi = lo;
        if (p[0] == '-' && p[1] && p[1] != ']') {
            const char *q = p + 1;
            int kind = ESC_CHAR;
            if (*q == '\\') {
                ps->p = q;
                kind = parse_escape(ps, caseless, 1, &hi, &es);
                q = ps->p;
                if (ps->fail) return;
            } else if (q[0] == '[' && q[1] == ':') {
                kind = ESC_SET; /* '-' is literal before a POSIX class */
            } else {
                hi = next_cp(&q);
            }
            if (kind == ESC_CHAR) {
                p = q;
            } else {
                hi = lo;
            }
        }
        if (hi < lo) hi = lo;
        /* Under caseless, a range's letters bring their other case. */
        ss_add_cps(&out->s, lo, hi, caseless && !neg);
    }
    if (*p == ']') p++;
    ps->p = p;
    if (neg) cset_negate(out);
    if (out->unknown) ss_fill(&out->s);
}

/* ---- Patterns --------------------------------------------------------- */

static void parse_alt(parser *ps, int caseless, lang *out, int *letters_lb);

static lang *lang_new(parser *ps)
{
    lang *l = malloc(sizeof *l);
    if (!l) {
        ps->nomem = ps->fail = 1;
        return NULL;
    }
    lang_clear(l); /* the headers only: rows not in use are never read */
    return l;
}

static void set_item(lang *item, const symset *s)
{
    if (!item) return;
    lang_clear(item);
    item->a.one = *s;
    item->d[0].eps = ss_any(s); /* one symbol dropped: nothing left */
    for (int r = 0; r < WHOSAID_PREFILTER_RUNS; r++) {
        symset rest = *s;
        int in_run = 0;
        for (int i = 0; i < NW; i++) {
            in_run |= (s->w[i] & run_sets[r].w[i]) != 0;
            rest.w[i] &= ~run_sets[r].w[i];
        }
        item->g[r][0].eps = in_run;
        item->g[r][0].one = rest;
        item->g[r][1].eps = ss_any(&rest);
    }
}

static void empty_item(lang *item)
{
    if (!item) return;
    lang_clear(item);
    lang_set_eps(item);
}

/* Skips to just past the ')' closing a verb or comment. */
static void skip_to_paren(parser *ps)
{
    const char *close = strchr(ps->p, ')');
    ps->p = close ? close + 1 : ps->p + strlen(ps->p);
}

/* ---- Memo of groups ---------------------------------------------------- */

/* A group's analysis depends on its text and on caselessness alone, and
 * the rule files substitute the same defines (numbers, units, word lists)
 * into many patterns: a group met again is taken from the memo instead of
 * parsed again (it was ~2/3 of the analysis of the default rules). Short
 * groups are cheaper to parse again than to look up. */
#define MEMO_MIN_LEN 48 /* bytes of group text; also the bytes hashed */
#define MEMO_BUCKETS 1024
#define MEMO_MAX_BYTES ((size_t)16 << 20)
#define LANG_F2S 9 /* the f2 sets of a lang (lang_f2) */

typedef struct packed_f2 {
    int eps;
    symset one, rows;
} packed_f2;

typedef struct memo_entry {
    struct memo_entry *next;
    char *text; /* the group as written, '(' to ')' */
    size_t len;
    int caseless, height;   /* height: the nesting levels inside */
    int item_letters, verb; /* the parser's, after the group */
    packed_f2 *f2s; /* LANG_F2S headers, then the rows in use; NULL: parsed for its end only */
} memo_entry;

struct whosaid_prefilter_memo {
    memo_entry *bucket[MEMO_BUCKETS];
    size_t bytes;
};

whosaid_prefilter_memo *whosaid_prefilter_memo_new(void)
{
    return calloc(1, sizeof(whosaid_prefilter_memo));
}

void whosaid_prefilter_memo_free(whosaid_prefilter_memo *m)
{
    if (!m) return;
    for (size_t b = 0; b < MEMO_BUCKETS; b++)
        for (memo_entry *e = m->bucket[b], *next; e; e = next) {
            next = e->next;
            free(e->text);
            free(e->f2s);
            free(e);
        }
    free(m);
}

static f2 *lang_f2(lang *l, int i)
{
    return i == 0 ? &l->a : i == 1 ? &l->w : i < 5 ? &l->d[i - 2] : &l->g[(i - 5) / 2][(i - 5) % 2];
}

/* l's sets, their rows in use only. NULL when out of memory. */
static packed_f2 *lang_pack(lang *l, size_t *bytes)
{
    size_t nrows = 0;
    for (int i = 0; i < LANG_F2S; i++) {
        const f2 *f = lang_f2(l, i);
        for (int w = 0; w < NW; w++)
            nrows += (size_t)__builtin_popcountll(f->rows.w[w]);
    }
    *bytes = LANG_F2S * sizeof(packed_f2) + nrows * sizeof(symset);
    packed_f2 *h = malloc(*bytes);
    if (!h) return NULL;
    symset *row = (symset *)(h + LANG_F2S);
    for (int i = 0; i < LANG_F2S; i++) {
        const f2 *f = lang_f2(l, i);
        h[i] = (packed_f2){f->eps, f->one, f->rows};
        SS_EACH(f->rows, c, *row++ = f->two[c]);
    }
    return h;
}

static void lang_unpack(lang *l, const packed_f2 *h)
{
    const symset *row = (const symset *)(h + LANG_F2S);
    for (int i = 0; i < LANG_F2S; i++) {
        f2 *f = lang_f2(l, i);
        f->eps = h[i].eps;
        f->one = h[i].one;
        f->rows = h[i].rows;
        SS_EACH(f->rows, c, f->two[c] = *row++);
    }
}

static memo_entry **memo_slot(whosaid_prefilter_memo *m, const char *p, int caseless)
{
    size_t n = strnlen(p, MEMO_MIN_LEN);
    uint64_t h = whosaid_hashmap_hash(p, n) ^ (uint64_t)caseless;
    return &m->bucket[h % MEMO_BUCKETS];
}

static memo_entry *memo_find(memo_entry *e, const char *p, int caseless)
{
    for (; e; e = e->next)
        if (e->caseless == caseless && strncmp(e->text, p, e->len) == 0) return e;
    return NULL;
}

static int parse_group_here(parser *ps, int *caseless, lang *item);

/* parse_group_here through the memo. */
static int parse_group(parser *ps, int *caseless, lang *item)
{
    const char *at = ps->p;
    /* A positive look-ahead is no item, its body is (ps->ahead): not memoized. */
    int ahead = at[1] == '?' && at[2] == '=';
    if (!ps->memo || at[1] == '*' || ahead || strnlen(at, MEMO_MIN_LEN) < MEMO_MIN_LEN)
        return parse_group_here(ps, caseless, item);
    memo_entry **slot = memo_slot(ps->memo, at, *caseless);
    memo_entry *e = memo_find(*slot, at, *caseless);
    if (e && (e->f2s || !item) && ps->depth + e->height <= MAX_DEPTH) {
        if (item) lang_unpack(item, e->f2s);
        ps->p += e->len;
        if (ps->depth + e->height > ps->peak) ps->peak = ps->depth + e->height;
        ps->item_letters = e->item_letters;
        ps->verb = e->verb;
        return 1;
    }
    int ci = *caseless, peak = ps->peak, depth = ps->depth;
    size_t nskips = ps->nskips, search = (size_t)ps->search;
    ps->peak = depth;
    int rc = parse_group_here(ps, caseless, item);
    int height = ps->peak - depth;
    if (ps->peak < peak) ps->peak = peak;
    size_t len = (size_t)(ps->p - at);
    /* Only a whole group, parsed without failing, with no (*SKIP) inside
     * (the skip bookkeeping is the whole pattern's). */
    if (rc != 1 || ps->fail || ps->nskips != nskips || (size_t)ps->search != search ||
        len < MEMO_MIN_LEN || ps->memo->bytes > MEMO_MAX_BYTES)
        return rc;
    size_t bytes = 0;
    packed_f2 *f2s = item ? lang_pack(item, &bytes) : NULL;
    if (item && !f2s) return rc; /* the memo is only a saving */
    if (e) {                     /* parsed for its end before: now with its sets */
        e->f2s = f2s;
        ps->memo->bytes += bytes;
        return rc;
    }
    e = malloc(sizeof *e);
    char *text = e ? malloc(len) : NULL;
    if (!text) {
        free(e);
        free(f2s);
        return rc;
    }
    memcpy(text, at, len);
    *e = (memo_entry){*slot, text, len, ci, height, ps->item_letters, ps->verb, f2s};
    *slot = e;
    ps->memo->bytes += sizeof *e + len + bytes;
    return rc;
}

/* Parses one group at ps->p ('('). Returns 1 for an item, 0 for an option
 * setting that changes *caseless for the rest of the enclosing group. */
static int parse_group_here(parser *ps, int *caseless, lang *item)
{
    const char *p = ps->p + 1;
    int inner_ci = *caseless, lookbehind_not = 0, zero_width = 0, ahead = 0;
    if (*p == '*') {
        /* (*VERB), (*VERB:NAME), (*UTF) ...; lower-case names are assertions. */
        if (!(p[1] >= 'A' && p[1] <= 'Z') && p[1] != ':') {
            ps->fail = 1;
            return 0;
        }
        /* (*SKIP) moves the next start: searched, not tried anchored. (*COMMIT)
         * ends the whole search and (*ACCEPT) cuts the match short. */
        if (strncmp(p + 1, "SKIP", 4) == 0) {
            ps->search = 1;
            ps->nskips++;
            ps->verb = p[5] == ')' ? VERB_SKIP : VERB_NONE;
        } else if (strncmp(p + 1, "FAIL)", 5) == 0 || strncmp(p + 1, "F)", 2) == 0) {
            ps->verb = VERB_FAIL;
        }
        if (strncmp(p + 1, "ACCEPT", 6) == 0 || strncmp(p + 1, "COMMIT", 6) == 0) ps->fail = 1;
        ps->p = p;
        skip_to_paren(ps);
        empty_item(item);
        return 1;
    }
    if (*p == '?') {
        p++;
        if (*p == '#') {
            ps->p = p;
            skip_to_paren(ps);
            return 0;
        }
        if (*p == ':' || *p == '|' || *p == '>') {
            p++;
        } else if (*p == '=' || *p == '!') {
            ahead = *p == '=';
            p++;
            zero_width = 1;
        } else if (p[0] == '<' && (p[1] == '=' || p[1] == '!')) {
            lookbehind_not = p[1] == '!';
            zero_width = 1;
            p += 2;
        } else if (*p == '<' || *p == '\'' || (p[0] == 'P' && p[1] == '<')) {
            char close = *p == '\'' ? '\'' : '>';
            const char *end = strchr(p + 1, close);
            if (!end) {
                ps->fail = 1;
                return 0;
            }
            p = end + 1;
        } else {
            /* Option letters: (?i) (?-i) (?^) (?i:...); x changes the syntax. */
            int on = 1, ci = *caseless;
            for (; *p && *p != ')' && *p != ':'; p++) {
                if (*p == '-')
                    on = 0;
                else if (*p == '^')
                    ci = 0;
                else if (*p == 'i')
                    ci = on;
                else if (!strchr("mnsUJ", *p)) {
                    ps->fail = 1; /* x, recursion, conditionals, callouts, back-references */
                    return 0;
                }
            }
            if (!*p) {
                ps->fail = 1;
                return 0;
            }
            if (*p == ')') {
                ps->p = p + 1;
                *caseless = ci;
                if (ps->depth == 0) ps->split_bad = 1; /* it would reach into later branches */
                return 0;
            }
            inner_ci = ci;
            p++;
        }
    }
    ps->p = p;
    if (++ps->depth > MAX_DEPTH) {
        ps->fail = 1;
        return 0;
    }
    if (ps->depth > ps->peak) ps->peak = ps->depth;
    int letters_lb = 0;
    lang *body = ahead && item ? lang_new(ps) : NULL; /* analyzed only to narrow what follows */
    parse_alt(ps, inner_ci, zero_width ? body : item, lookbehind_not ? &letters_lb : NULL);
    ps->depth--;
    if (*ps->p != ')') {
        free(body);
        ps->fail = 1;
        return 0;
    }
    ps->p++;
    if (zero_width && item) {
        empty_item(item);
        if (letters_lb) item->a.eps = 0, item->w.eps = 1; /* only after a non-letter */
    }
    if (body && !ps->fail && !body->a.eps && !body->w.eps) {
        free(ps->ahead);
        ps->ahead = body;
    } else {
        free(body);
    }
    return 1;
}

/* Parses one item (with no quantifier) into item (NULL: parse only).
 * Returns 0 when there was nothing to quantify. */
static int parse_item(parser *ps, int *caseless, lang *item)
{
    ps->item_letters = 0;
    ps->verb = VERB_NONE;
    char c = *ps->p;
    symset s = {{0}};
    if (ps->quote || (c == '\\' && ps->p[1] == 'Q')) {
        /* \Q...\E: one literal character per item, so a quantifier after
         * \E applies to the last one, as in PCRE2. */
        if (!ps->quote) {
            ps->p += 2;
            ps->quote = 1;
        } else {
            ss_add_cp(&s, next_cp(&ps->p), *caseless);
            set_item(item, &s);
        }
        if (ps->p[0] == '\\' && ps->p[1] == 'E') {
            ps->p += 2;
            ps->quote = 0;
        }
        return s.w[0] || s.w[1] || s.w[2];
    }
    if (c == '(') return parse_group(ps, caseless, item);
    if (c == '[') {
        cset cs;
        parse_class(ps, *caseless, &cs);
        ps->item_letters = cs.letters && !cs.unknown;
        set_item(item, &cs.s);
        return 1;
    }
    if (c == '\\') {
        int32_t cp = 0;
        cset cs;
        int kind = parse_escape(ps, *caseless, 0, &cp, &cs);
        if (kind == ESC_EMPTY) {
            empty_item(item);
        } else if (kind == ESC_SET) {
            if (cs.unknown) ss_fill(&cs.s);
            ps->item_letters = cs.letters && !cs.unknown;
            set_item(item, &cs.s);
        } else {
            ss_add_cp(&s, cp, *caseless);
            set_item(item, &s);
        }
        return 1;
    }
    if (c == '^' || c == '$') {
        ps->p++;
        empty_item(item);
        return 1;
    }
    if (c == '.') {
        ps->p++;
        ss_fill(&s);
        set_item(item, &s);
        return 1;
    }
    ss_add_cp(&s, next_cp(&ps->p), *caseless);
    set_item(item, &s);
    return 1;
}

static long read_number(const char **p)
{
    long v = 0;
    while (**p >= '0' && **p <= '9' && v < 100000)
        v = v * 10 + (*(*p)++ - '0');
    return v;
}

/* A quantifier at ps->p: 1 with min and max, or 0. */
static int parse_quantifier(parser *ps, long *min, long *max)
{
    const char *p = ps->p;
    if (ps->quote) return 0;
    if (*p == '?')
        *min = 0, *max = 1, p++;
    else if (*p == '*')
        *min = 0, *max = UNBOUNDED, p++;
    else if (*p == '+')
        *min = 1, *max = UNBOUNDED, p++;
    else if (*p == '{' && p[1] >= '0' && p[1] <= '9') {
        p++;
        *min = read_number(&p);
        *max = *min;
        if (*p == ',') {
            p++;
            *max = (*p >= '0' && *p <= '9') ? read_number(&p) : UNBOUNDED;
        }
        if (*p != '}') return 0; /* a literal '{' */
        p++;
    } else {
        return 0;
    }
    if (*p == '?' || *p == '+') p++;
    ps->p = p;
    return 1;
}

/* out = before followed by out narrowed by the look-ahead body ahead
 * (tmp: scratch). */
static void close_ahead(lang *out, const lang *before, const lang *ahead, lang *tmp)
{
    lang_restrict(out, ahead);
    lang_concat(tmp, before, out);
    lang_copy(out, tmp);
}

/* One branch into out (NULL: parse only). *single_letters: the branch is
 * exactly one character of a set holding every letter. A positive
 * look-ahead narrows all the items after it in the branch, taken
 * together (lang_restrict): "(?=\p{Lu})(?i:may|june)" starts with a
 * capital, so dates rules are not tried at "may" the verb, nor their
 * gate's cells opened inside words; "(?=\p{L}+\s\d)..." is followed
 * after its run of letters by a space and a digit, whichever items the
 * rest of the branch spreads that over. */
static void parse_seq(parser *ps, int *caseless, lang *out, int *single_letters)
{
    lang *item = out ? lang_new(ps) : NULL, *tmp = out ? lang_new(ps) : NULL;
    lang *rep = out ? lang_new(ps) : NULL, *pw = out ? lang_new(ps) : NULL;
    int nitems = 0, letters = 0, top = ps->depth == 0;
    const char *begin = ps->p, *last_at = NULL, *prev_at = NULL;
    int last_verb = VERB_NONE, prev_verb = VERB_NONE;
    /* While a look-ahead is open: its body, the branch before it, and in
     * out the items after it so far. */
    lang *ahead = NULL, *before = NULL;
    if (out) empty_item(out);
    while (!ps->fail && *ps->p && (ps->quote || (*ps->p != '|' && *ps->p != ')'))) {
        const char *at = ps->p;
        /* Once no string is short (lang_saturated), the rest cannot change the result. */
        int need = out && item && tmp && rep && pw && !lang_saturated(out) &&
                   !(ahead && lang_saturated(before));
        int got = parse_item(ps, caseless, need ? item : NULL);
        lang *new_ahead = ps->ahead;
        ps->ahead = NULL;
        if (!got) continue;
        nitems++;
        letters = ps->item_letters;
        prev_verb = last_verb, prev_at = last_at;
        last_verb = ps->verb, last_at = at;
        long min, max;
        while (parse_quantifier(ps, &min, &max)) {
            letters = 0;
            last_verb = VERB_NONE;
            free(new_ahead); /* an optional look-ahead holds nothing */
            new_ahead = NULL;
            if (need) {
                lang_repeat(rep, item, min, max, pw, tmp);
                lang *swap = item;
                item = rep;
                rep = swap;
            }
        }
        if (need) {
            lang_concat(tmp, out, item);
            lang_copy(out, tmp);
        }
        if (new_ahead && need) {
            if (ahead) close_ahead(out, before, ahead, tmp);
            free(ahead);
            ahead = new_ahead;
            new_ahead = NULL;
            if (before || (before = lang_new(ps))) lang_copy(before, out);
            empty_item(out);
        }
        free(new_ahead);
    }
    if (ahead && before && out && tmp && !ps->fail) close_ahead(out, before, ahead, tmp);
    free(ahead);
    free(before);
    if (single_letters) *single_letters = nitems == 1 && letters;
    if (top) {
        if (prev_verb == VERB_SKIP && last_verb == VERB_FAIL && !ps->plain_seen &&
            ps->nskip_br < MAX_SKIP_BRANCHES) {
            ps->skip_off[ps->nskip_br] = (size_t)(begin - ps->pattern);
            ps->skip_len[ps->nskip_br++] = (size_t)(prev_at - begin);
        } else if (prev_verb == VERB_SKIP && last_verb == VERB_FAIL) {
            ps->split_bad = 1;
        } else {
            ps->plain_seen = 1;
        }
    }
    free(item);
    free(tmp);
    free(rep);
    free(pw);
}

static void parse_alt(parser *ps, int caseless, lang *out, int *letters_lb)
{
    lang *seq = out ? lang_new(ps) : NULL;
    int ci = caseless; /* an option set in one branch holds in the next */
    if (out) lang_clear(out);
    for (;;) {
        int single = 0;
        parse_seq(ps, &ci, seq, letters_lb ? &single : NULL);
        if (letters_lb && single) *letters_lb = 1;
        if (out && seq) lang_union(out, seq);
        if (out && seq && ps->depth == 0 && !ps->fail) note_branch(ps, seq);
        if (ps->fail || *ps->p != '|') break;
        ps->p++;
    }
    free(seq);
}

int whosaid_prefilter_new(const char *pattern, int caseless, whosaid_prefilter **out)
{
    return whosaid_prefilter_new_memo(pattern, caseless, NULL, out);
}

int whosaid_prefilter_new_memo(const char *pattern, int caseless, whosaid_prefilter_memo *memo,
                               whosaid_prefilter **out)
{
    *out = NULL;
    parser ps = {0};
    ps.p = ps.pattern = pattern;
    ps.memo = memo;
    lang *top = lang_new(&ps);
    if (top) parse_alt(&ps, caseless, top, NULL);
    free(ps.ahead); /* taken by the sequence around it, unless parsing stopped */
    if (ps.nomem || ps.fail || *ps.p || top->a.eps || top->w.eps) {
        free(top);
        free(ps.split);
        return ps.nomem ? WHOSAID_ENOMEM : 0;
    }
    whosaid_prefilter *pf = calloc(1, sizeof *pf);
    if (!pf) {
        free(top);
        free(ps.split);
        return WHOSAID_ENOMEM;
    }
    pf->search = ps.search;
    if (ps.search && !ps.split_bad && ps.plain_seen && ps.nskip_br == ps.nskips) {
        pf->nskip = ps.nskip_br;
        memcpy(pf->skip_off, ps.skip_off, sizeof pf->skip_off);
        memcpy(pf->skip_len, ps.skip_len, sizeof pf->skip_len);
    }
    symset all;
    ss_all(&all);
    add_ok(pf->ok, top, &all);
    int ended = 0;
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
        deep_rows(top, k, &ended, pf->deep[k], &all);
    /* After the run: a string all run says nothing about what follows it,
     * nor one that ends within k symbols after it about symbols k + 1 on. */
    for (int r = 0; r < WHOSAID_PREFILTER_RUNS; r++) {
        const f2 *g0 = &top->g[r][0], *g1 = &top->g[r][1];
        for (unsigned c = 0; c < NSYM; c++) {
            pf->after0[r][c] = g0->eps ? all : f2_row(g0, c, &all);
            pf->after1[r][c] = g0->eps || g1->eps ? all : f2_row(g1, c, &all);
        }
        if (g0->eps) pf->after0[r][NSYM] = all; /* the text ends with the run */
    }
    if (ps.any_short)
        pf->split = ps.split;
    else
        free(ps.split);
    free(top);
    *out = pf;
    return 0;
}

/* ---- Rows --------------------------------------------------------------- */

/* row = s cut to the symbols 0 .. END (all of them: s NULL). */
static void row_out(const symset *s, uint64_t row[WHOSAID_PREFILTER_ROW_WORDS])
{
    _Static_assert(NW == WHOSAID_PREFILTER_ROW_WORDS, "a row is a symset");
    row[0] = s ? s->w[0] : ~(uint64_t)0;
    row[1] = s ? s->w[1] : ~(uint64_t)0;
    row[2] = (s ? s->w[2] : ~(uint64_t)0) & (((uint64_t)1 << (WHOSAID_PREFILTER_END - 127)) - 1);
}

static const symset no_row; /* nothing accepted */

void whosaid_prefilter_row(const whosaid_prefilter *p, int after_letter, unsigned c1,
                           uint64_t row[WHOSAID_PREFILTER_ROW_WORDS])
{
    row_out(c1 >= NSYM ? NULL : &p->ok[after_letter ? 1 : 0][c1], row);
}

void whosaid_prefilter_deep_row(const whosaid_prefilter *p, int k, unsigned c1,
                                uint64_t row[WHOSAID_PREFILTER_ROW_WORDS])
{
    int out = k < 1 || k > WHOSAID_PREFILTER_DEEP || c1 >= NSYM;
    row_out(out ? NULL : &p->deep[k - 1][c1], row);
}

void whosaid_prefilter_short_row(const whosaid_prefilter *p, int k, int after_letter, unsigned c1,
                                 uint64_t row[WHOSAID_PREFILTER_ROW_WORDS])
{
    int out = k < 1 || k > WHOSAID_PREFILTER_DEEP || c1 >= NSYM;
    row_out(out        ? NULL
            : p->split ? &p->split->short_ok[k - 1][after_letter ? 1 : 0][c1]
                       : &no_row,
            row);
}

void whosaid_prefilter_long_row(const whosaid_prefilter *p, int k, unsigned c1,
                                uint64_t row[WHOSAID_PREFILTER_ROW_WORDS])
{
    if (!p->split) {
        whosaid_prefilter_deep_row(p, k, c1, row);
        return;
    }
    int out = k < 1 || k > WHOSAID_PREFILTER_DEEP || c1 >= NSYM;
    row_out(out ? NULL : &p->split->long_deep[k - 1][c1], row);
}

void whosaid_prefilter_after_row(const whosaid_prefilter *p, int run, int k, unsigned c1,
                                 uint64_t row[WHOSAID_PREFILTER_ROW_WORDS])
{
    int out = run < 0 || run >= WHOSAID_PREFILTER_RUNS || k < 0 || k > 1 ||
              c1 > WHOSAID_PREFILTER_END || (k == 1 && c1 >= NSYM);
    row_out(out ? NULL : k ? &p->after1[run][c1] : &p->after0[run][c1], row);
}

void whosaid_prefilter_free(whosaid_prefilter *p)
{
    if (p) free(p->split);
    free(p);
}

int whosaid_prefilter_accepts(const whosaid_prefilter *p, int after_letter, unsigned c1,
                              unsigned c2)
{
    if (c1 >= NSYM || c2 > WHOSAID_PREFILTER_END) return 1;
    return ss_has(&p->ok[after_letter ? 1 : 0][c1], c2);
}

int whosaid_prefilter_accepts_deep(const whosaid_prefilter *p, int k, unsigned c1, unsigned c2)
{
    if (k < 1 || k > WHOSAID_PREFILTER_DEEP || c1 >= NSYM || c2 > WHOSAID_PREFILTER_END) return 1;
    return ss_has(&p->deep[k - 1][c1], c2);
}

int whosaid_prefilter_accepts_short(const whosaid_prefilter *p, int k, int after_letter,
                                    unsigned c1, unsigned c2)
{
    if (k < 1 || k > WHOSAID_PREFILTER_DEEP || c1 >= NSYM || c2 > WHOSAID_PREFILTER_END) return 1;
    return p->split && ss_has(&p->split->short_ok[k - 1][after_letter ? 1 : 0][c1], c2);
}

int whosaid_prefilter_accepts_long(const whosaid_prefilter *p, int k, unsigned c1, unsigned c2)
{
    if (!p->split) return whosaid_prefilter_accepts_deep(p, k, c1, c2);
    if (k < 1 || k > WHOSAID_PREFILTER_DEEP || c1 >= NSYM || c2 > WHOSAID_PREFILTER_END) return 1;
    return ss_has(&p->split->long_deep[k - 1][c1], c2);
}

int whosaid_prefilter_run_class(unsigned c)
{
    if ((c >= '0' && c <= '9') || c == ',' || c == '.') return WHOSAID_PREFILTER_RUN_DIGITS;
    return c < 128 && is_ascii_letter((int)c) ? WHOSAID_PREFILTER_RUN_LETTERS : -1;
}

int whosaid_prefilter_accepts_after(const whosaid_prefilter *p, int run, int k, unsigned c1,
                                    unsigned c2)
{
    if (run < 0 || run >= WHOSAID_PREFILTER_RUNS || k < 0 || k > 1 || c1 > WHOSAID_PREFILTER_END ||
        c2 > WHOSAID_PREFILTER_END || (k == 1 && c1 >= NSYM))
        return 1;
    return ss_has(k ? &p->after1[run][c1] : &p->after0[run][c1], c2);
}

int whosaid_prefilter_needs_search(const whosaid_prefilter *p)
{
    return p->search && !p->nskip;
}

size_t whosaid_prefilter_skip_branches(const whosaid_prefilter *p)
{
    return p->nskip;
}

void whosaid_prefilter_skip_branch(const whosaid_prefilter *p, size_t i, size_t *off, size_t *len)
{
    *off = i < p->nskip ? p->skip_off[i] : 0;
    *len = i < p->nskip ? p->skip_len[i] : 0;
}
