/* PRIVATE to the ruleset modules (pipeline/lib/ruleset.c, rulegate.c,
 * ruletable.c, ruleapply.c): the layout of whosaid_ruleset and the calls
 * between those files. Not a public interface: nothing else includes it
 * (tests/test_ruleset.c checks whosaid_ruletable_run_of against prefilter.h).
 * Short unprefixed names (rule, gate, NCELLS) are kept because only these
 * files see them.
 *
 * The jobs: ruleset.c loads rule files (defines, word lists, {NAME}
 * expansion, compiling, each rule's apply mode) and holds the public API;
 * rulegate.c keeps the gates (their trigger conditions, and per text the
 * windows their triggers open); ruletable.c builds the inverted start
 * conditions (rule bit sets per cell) and maps text positions to cells;
 * ruleapply.c makes the one pass over a text and the tries it lists. */
#ifndef WHOSAID_RULESET_IMPL_H
#define WHOSAID_RULESET_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "whosaid/buf.h"
#include "whosaid/cands.h"
#include "whosaid/hashmap.h"
#include "whosaid/prefilter.h"
#include "whosaid/regex.h"
#include "whosaid/ruleset.h"

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
    size_t filt;                  /* index among the filtered rules (not APPLY_SCAN) */
    size_t gate;                  /* the gate it is tried under, or NO_GATE */
    whosaid_regex **skips;        /* APPLY_ANCHORED: the A of leading "A(*SKIP)(*FAIL)|" branches */
    whosaid_prefilter **skip_pfs; /* their own start conditions (NULL: none) */
    size_t *skip_memo;            /* their entries in the set's memo of A results */
    whosaid_prefilter *rest_pf;   /* the other branches' start condition (NULL: none) */
    int not_after_digit;          /* APPLY_ANCHORED: the other branches (all of it without
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

#define NCELLS (2 * 129 * 130) /* (after a letter?, first symbol, second symbol) */
#define DCELLS (129 * 130)     /* (symbol k + 1, symbol k + 2) of a deep condition */
#define ACELLS (130 * 130)     /* (symbol k + 1, k + 2) after a run, END too */
#define ANONE 0x7FFFu          /* in a packed after-run position: not checked */

/* A gate line: its pattern finds the triggers, and the rules after it in
 * the file are tried only in the windows before them (rulegate.c). */
typedef struct gate {
    whosaid_regex *re;   /* searched, when the pattern has no start condition */
    whosaid_regex *anch; /* else tried anchored where cells says it may start */
    uint64_t *cells;     /* NCELLS bits */
    /* Characters 2-3, 3-4, 4-5 (NULL: not checked): level k passes where a
     * branch that may end within k characters starts (short: DEEP x
     * NCELLS bits) or the pair is one of the longer branches' (deep:
     * DEEP x DCELLS bits). */
    uint64_t *deep, *short_cells;
    /* Per top-level branch (of those after "\d|" for a digit_first gate),
     * branch b as bit b % 8 (NULL: not split): bmask[4 c], the branches
     * whose first pair cell c may be, bmask[4 c + k], those a short branch
     * passes at level k there; bdeep[(k - 1) DCELLS + pair], those whose
     * pair at level k it may be. A try needs one branch that passes every
     * level: the pattern's own levels, a union over its branches, let
     * words through that mix branches ("in the": "in excess of", "up to",
     * "an thousand"). NCELLS x 4 + DEEP x DCELLS bytes (~184 KB). */
    uint8_t *bmask, *bdeep;
    char *pattern;   /* expanded */
    size_t same;     /* an earlier gate with the same pattern (whose triggers
                      * this one shares), or NO_GATE */
    size_t lookback; /* words before a trigger where a match may start */
    uint64_t *mask;  /* nw words: the filtered rules under this gate */
    size_t *win;     /* during apply: windows [win[2k], win[2k+1]), sorted, disjoint */
    size_t nwin, wcap, cur;
    size_t digit_end; /* during apply, digit_first: the end of the run of ASCII
                       * digits last taken as one trigger */
    int full;         /* during apply: the gate hit its match limit, the text is open */
    int digit_first;  /* the pattern is "\d|...": an ASCII digit is a one-character trigger */
} gate;

/* The results of one A of "A(*SKIP)(*FAIL)|B" at the positions of the
 * current batch (ruleapply.c): rules that share an A (NAMED_NUMBER opens
 * two stat rules) try it at the same positions, and match it once. */
enum { MEMO_UNKNOWN = 2 };
typedef struct skip_memo {
    char *pattern;   /* expanded */
    signed char *rc; /* per batch position: 1, 0, a limit hit (< 0), MEMO_UNKNOWN */
    size_t *end;     /* where the match ended, when rc is 1 */
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
    /* Rules that hit the match limit in the last apply: text k's rule i is
     * k * n + i, sorted (by text, then rule). */
    size_t *hits;
    size_t nhits, hits_cap;
    whosaid_buf pat; /* scratch: the pattern being expanded, and its pieces */
    seg *segs;
    size_t nsegs, segs_cap;
    /* The start conditions of the filtered rules, inverted: for each
     * (previous character a letter?, first symbol, second symbol) a bit set
     * of the rules that may match there. Built on first use after a load. */
    size_t *filt;            /* filtered rule -> rule index */
    whosaid_prefilter **pfs; /* filtered rule -> its condition */
    size_t nfilt, filt_cap;
    uint64_t *table;
    /* The same for characters k + 1 and k + 2 of a match (k = 1 .. DEEP,
     * whosaid_prefilter_accepts_deep): per (symbol, symbol) cell, a bit set. */
    uint64_t *deep[WHOSAID_PREFILTER_DEEP];
    /* The same for symbols 1-2 and 2-3 after the text's run at a position
     * (whosaid_prefilter_accepts_after): per (run class, k, cell) a bit set. */
    uint64_t *after;
    size_t nw; /* 64-bit words per bit set */
    int stale;
    /* During apply, per text of the batch (text k at [k * nfilt]) and
     * filtered rule: where it may match next, and no more matches. Room
     * for state_texts texts. */
    size_t *next_pos;
    unsigned char *done;
    size_t state_texts;
    /* During apply: the texts, and where each one's candidates go. */
    const char *const *atext;
    const size_t *alen;
    whosaid_cands *const *acands;
    gate *gates;
    size_t ngates;
    skip_memo *memo;
    size_t nmemo;
    /* While loading: the groups analyzed for start conditions (freed once
     * the tables are built; NULL: none yet). */
    whosaid_prefilter_memo *pf_memo;
    /* During apply, a batch of tries: the positions (and their cells) some
     * rule is to be tried at, and per filtered rule the ones it is. */
    size_t *bpos;
    uint32_t *bcell;
    uint32_t *bafter; /* the positions' after-run cells, packed */
    uint32_t *btext;  /* the positions' texts */
    size_t nb, bcap, ntries;
    try_list *tries; /* ntl of them (nfilt once the table is built) */
    size_t ntl;
    size_t cur_gate; /* while loading a file: the gate of the rules that follow */
    int no_gates;    /* whosaid_ruleset_set_gates(rs, 0): every rule everywhere */
    uint64_t *base;  /* nw words: the filtered rules under no gate */
    int base_any;    /* some filtered rule is under no gate */
    uint64_t *allow; /* nw words, during apply: the rules allowed at a position */
    /* NCELLS bits each: some filtered rule, some gate with cells, may start
     * there. 4 KB apiece, so the pass over the text tests a bit that stays
     * in cache before it reads the (large) table. */
    uint64_t *rule_any, *gate_any;
    /* For each ASCII letter: some rule, some gate, may start at it after a
     * letter. Where none may, the passes step over the word at once. */
    unsigned char rule_in_word[128], gate_in_word[128];
    /* Per byte: some gate may start at a character beginning with it, the
     * character before not a letter (row 0), a letter (row 1), either
     * (row 2: not yet known, after a non-ASCII character). The trigger
     * pass steps over the bytes where none may with a table lookup. */
    unsigned char gate_first[3][256];
    /* Per ASCII byte and the byte after it (bit b1 << 8 | b2; a byte from
     * 0x80 up stands for the non-ASCII character it starts), the character
     * before not a letter (row 0) or a letter (row 1): some gate may start
     * there. Where gate_first passes an ASCII byte, this turns about half of
     * those positions away before their cells are worked out (16 KB). */
    uint64_t gate_pair[2][128 * 256 / 64];
    /* The gates whose triggers are tried anchored (with cells, no earlier
     * gate of the same pattern), in order: the trigger pass looks at no other. */
    size_t *gate_anch, ngate_anch;
};

/* ---- ruleset.c ---------------------------------------------------------- */

/* whosaid_prefilter_new for a pattern of rs (through rs->pf_memo). */
int whosaid_ruleset_prefilter(whosaid_ruleset *rs, const char *pattern, whosaid_prefilter **out);

/* ---- rulegate.c --------------------------------------------------------- */

/* Adds a gate with pattern rs->pat (expanded; re is it compiled without
 * JIT code, which the set takes) and lookback, or joins an earlier one of
 * the same pattern and lookback; makes it the gate of the rules that
 * follow (rs->cur_gate). digit_rest: the pattern's branches after a
 * leading "\d|", or NULL. 0 or WHOSAID_ENOMEM (re freed then). */
int whosaid_rulegate_add(whosaid_ruleset *rs, whosaid_regex *re, size_t lookback,
                         const char *digit_rest);
void whosaid_rulegate_free(gate *g);
/* The windows of every gate over text[0, len). 0 or WHOSAID_ENOMEM. */
int whosaid_rulegate_find_windows(whosaid_ruleset *rs, const char *text, size_t len);
/* Fills rs->allow with the rules that may be tried at i (gate cursors move
 * on); *until: where that set next changes. 0 when no rule may be tried
 * (*until then being where one may). */
int whosaid_rulegate_allowed_at(whosaid_ruleset *rs, size_t i, size_t len, size_t *until);

/* ---- ruletable.c -------------------------------------------------------- */

/* Builds the inverted start conditions and the per-apply buffers sized by
 * the filtered rules; clears rs->stale. 0 or WHOSAID_ENOMEM (set unchanged). */
int whosaid_ruletable_build(whosaid_ruleset *rs);
/* Transposes a 64 x 64 bit matrix in place: bit j of a[i] becomes bit i
 * of a[j]. */
void whosaid_ruletable_transpose64(uint64_t a[64]);
/* set |= row (WHOSAID_PREFILTER_ROW_WORDS words, its bits above END 0)
 * shifted to bit at, i.e. bit c2 of the row is bit at + c2 of set. */
void whosaid_ruletable_or_row(uint64_t *set, size_t at,
                              const uint64_t row[WHOSAID_PREFILTER_ROW_WORDS]);
/* Frees what whosaid_ruletable_build made. */
void whosaid_ruletable_free(whosaid_ruleset *rs);

/* Byte -> its run class (WHOSAID_PREFILTER_RUN_*) + 1, 0 for none. */
extern const unsigned char whosaid_ruletable_run_of[256];

/* The text's run of digits or letters last measured: every position in
 * [from, end) has the same run end, hence the same after-run cells, so a
 * run is scanned once, not once per position in it (which was quadratic
 * in a long run). */
typedef struct run_memo {
    size_t from, end;
    int run, n;
    size_t ac[2];
} run_memo;
#define RUN_MEMO_INIT                                                                              \
    {                                                                                              \
        0, 0, -1, 0,                                                                               \
        {                                                                                          \
            0, 0                                                                                   \
        }                                                                                          \
    }

/* The after-run cells of position p (first symbol c1): the run class, or -1
 * when c1 starts none; ac[0] the cell of symbols 1-2 after the text's run,
 * ac[1] of 2-3 (*n = 2, or 1 when the text ends first). Positions come in
 * increasing order for one memo. */
int whosaid_ruletable_after_cells(const char *text, size_t len, size_t p, unsigned c1,
                                  run_memo *memo, size_t *ac, int *n);

/* Whether the character at byte i (not ASCII) is a letter. */
int whosaid_ruletable_letter_cp(const char *text, size_t len, size_t i);

/* Positions of a text as the start conditions see them. Inline: the
 * passes of rulegate.c and ruleapply.c call them at every character. */

static inline size_t cell(unsigned after_letter, unsigned c1, unsigned c2)
{
    return ((size_t)after_letter * 129 + c1) * 130 + c2;
}

static inline unsigned symbol(unsigned char b)
{
    return b < 0x80 ? b : WHOSAID_PREFILTER_OTHER;
}

/* Byte length of the character that starts with byte b. */
static inline size_t char_len(unsigned char b)
{
    return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

static inline int is_ascii_letter(unsigned c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static inline int is_letter_at(const char *text, size_t len, size_t i)
{
    unsigned char b = (unsigned char)text[i];
    if (b < 0x80) return is_ascii_letter(b);
    return whosaid_ruletable_letter_cp(text, len, i);
}

/* After a letter: steps *i over the ASCII letters that nothing may start
 * at after a letter (in_word[c] is 0 for them). 1 if it moved (the
 * character before *i is still a letter), 0 if none was there. */
static inline int skip_in_word(const char *text, size_t len, size_t *i,
                               const unsigned char *in_word)
{
    size_t e = *i;
    while (e < len && (unsigned char)text[e] < 0x80 && !in_word[(unsigned char)text[e]])
        e++;
    if (e == *i) return 0;
    *i = e;
    return 1;
}

/* A position: byte i, its character's length n (cut at the text's end),
 * its first two symbols, and its deep cells (symbols k + 1, k + 2 as
 * c1 * 130 + c2, whosaid_prefilter_accepts_deep), worked out on first need
 * by pos_deep: the passes check them only where a first pair passed. */
typedef struct pos_view {
    size_t i, n;
    unsigned c1, c2;
    int after_letter;
    int ndeep; /* -1 until dc is worked out */
    size_t dc[WHOSAID_PREFILTER_DEEP];
} pos_view;

static inline pos_view pos_at(const char *text, size_t len, size_t i, int after_letter)
{
    pos_view v;
    unsigned char b = (unsigned char)text[i];
    v.i = i;
    v.n = char_len(b);
    if (v.n > len - i) v.n = len - i;
    v.c1 = symbol(b);
    v.c2 = i + v.n < len ? symbol((unsigned char)text[i + v.n]) : WHOSAID_PREFILTER_END;
    v.after_letter = after_letter;
    v.ndeep = -1;
    return v;
}

/* The number of v's deep cells: DEEP, or fewer when the text ends first
 * (unchecked then). */
static inline int pos_deep(const char *text, size_t len, pos_view *v)
{
    if (v->ndeep >= 0) return v->ndeep;
    size_t p = v->i + v->n;
    unsigned s = v->c2;
    int k = 0;
    for (; k < WHOSAID_PREFILTER_DEEP && s != WHOSAID_PREFILTER_END; k++) {
        p += char_len((unsigned char)text[p]);
        unsigned next = p < len ? symbol((unsigned char)text[p]) : WHOSAID_PREFILTER_END;
        v->dc[k] = (size_t)s * 130 + next;
        s = next;
    }
    return v->ndeep = k;
}

/* ---- ruleapply.c -------------------------------------------------------- */

/* Runs every rule over the n texts texts[k][0, lens[k]) (rs's table built),
 * appending text k's candidates to cands[k] (rule order is restored by the
 * caller). 0 or WHOSAID_ENOMEM. */
int whosaid_ruleapply_run(whosaid_ruleset *rs, const char *const *texts, const size_t *lens,
                          whosaid_cands *const *cands, size_t n);
/* Where to search after a match [ms, me) that began at or after pos (past
 * an empty match by one character); len + 1 when the text is done. */
size_t whosaid_ruleapply_next_start(const char *text, size_t len, size_t pos, size_t ms, size_t me);

#endif
