/* Gates (`gate PATTERN LOOKBACK` lines, rules/README.md "Gates"): where the
 * rules after a gate line may be tried in a text.
 *
 * Keeps per distinct gate pattern its trigger condition: the cells (after
 * a letter?, first symbol, second symbol) where it may start, ~4 KB, and
 * for characters 2-3, 3-4, 4-5 the pattern's top-level branches as the
 * prefilter splits them (whosaid_prefilter_accepts_short/_long): a
 * trigger try passes level k where a branch that may end within k
 * characters starts, or where the pair is one of the longer branches'
 * (~18 KB), which turns most common words away as triggers ("the" shares
 * its first two letters with some trigger, rarely its next ones). A gate
 * whose pattern is "\d|..." takes a run of ASCII digits as one trigger
 * unmatched (the window of its one-digit triggers), and is checked on its
 * other branches only where that \d cannot match. The same levels are
 * kept per top-level branch as 8-bit branch masks (~184 KB), so a try
 * needs one branch that passes them all ("in the" mixes "in excess of"
 * with "up to" and is turned away).
 *
 * Per text: the triggers of every distinct pattern are found in one pass
 * (an anchored JIT match where a condition accepts; a pattern without one
 * is searched; bytes no gate may start at are stepped over with a byte
 * table, an ASCII byte no trigger starts with together with the next byte
 * with a pair bitmap, and a non-ASCII character is looked up as a letter
 * or not only where a trigger may follow it), and each opens a window from
 * LOOKBACK words before it to its end: a sorted list of disjoint byte ranges per gate, memory
 * O(triggers), each byte walked back over at most once. A gate line
 * repeating an earlier pattern and lookback adds no windows of its own;
 * one with the same pattern and another lookback shares its triggers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/hashmap.h"
#include "whosaid/ruleset_impl.h"

void whosaid_rulegate_free(gate *g)
{
    whosaid_regex_free(g->re);
    whosaid_regex_free(g->anch);
    free(g->cells);
    free(g->deep);
    free(g->short_cells);
    free(g->bmask);
    free(g->bdeep);
    free(g->pattern);
    free(g->mask);
    free(g->win);
}

/* A start condition as bit sets: gate's cells, deep and short_cells. */
typedef struct cond {
    uint64_t *cells, *deep, *short_cells;
} cond;

static void cond_free(cond *c)
{
    free(c->cells);
    free(c->deep);
    free(c->short_cells);
}

/* c->deep and c->short_cells from pf (NULL: none, so left unchecked).
 * 0 or WHOSAID_ENOMEM. */
static int cond_deep(cond *c, const whosaid_prefilter *pf)
{
    if (!pf) return 0;
    c->deep = calloc(((size_t)WHOSAID_PREFILTER_DEEP * DCELLS + 63) / 64, sizeof *c->deep);
    c->short_cells =
        calloc(((size_t)WHOSAID_PREFILTER_DEEP * NCELLS + 63) / 64, sizeof *c->short_cells);
    if (!c->deep || !c->short_cells) return WHOSAID_ENOMEM;
    uint64_t row[WHOSAID_PREFILTER_ROW_WORDS];
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++) {
        for (unsigned al = 0; al < 2; al++)
            for (unsigned c1 = 0; c1 < 129; c1++) {
                whosaid_prefilter_short_row(pf, k + 1, (int)al, c1, row);
                whosaid_ruletable_or_row(c->short_cells, (size_t)k * NCELLS + cell(al, c1, 0), row);
            }
        for (unsigned c1 = 0; c1 < 129; c1++) {
            whosaid_prefilter_long_row(pf, k + 1, c1, row);
            whosaid_ruletable_or_row(c->deep, (size_t)k * DCELLS + c1 * 130, row);
        }
    }
    return 0;
}

/* c->cells from pf: where a match may start. 0 or WHOSAID_ENOMEM. */
static int cond_cells(cond *c, const whosaid_prefilter *pf)
{
    if (!(c->cells = calloc((NCELLS + 63) / 64, sizeof *c->cells))) return WHOSAID_ENOMEM;
    uint64_t row[WHOSAID_PREFILTER_ROW_WORDS];
    for (unsigned al = 0; al < 2; al++)
        for (unsigned c1 = 0; c1 < 129; c1++) {
            whosaid_prefilter_row(pf, (int)al, c1, row);
            whosaid_ruletable_or_row(c->cells, cell(al, c1, 0), row);
        }
    return 0;
}

/* The top-level branches of p: their offsets and lengths in off[] and
 * n[] (at most max). 0 when p holds something that makes them more than
 * its parts: a top-level option setting ("(?i)" reaches into the branches
 * after it), verbs, comments, extended syntax, \Q, or more than max. */
static size_t top_branches(const char *p, size_t *off, size_t *n, size_t max)
{
    if (strstr(p, "(*") || strstr(p, "(?#") || strstr(p, "\\Q")) return 0;
    size_t nb = 0, start = 0, depth = 0;
    int cls = 0;
    for (size_t i = 0;; i++) {
        char ch = p[i];
        if (ch == '\0' || (ch == '|' && !cls && depth == 0)) {
            if (nb == max) return 0;
            off[nb] = start;
            n[nb++] = i - start;
            if (ch == '\0') return cls || depth ? 0 : nb;
            start = i + 1;
        } else if (ch == '\\') {
            if (p[i + 1] == '\0') return 0;
            i++;
        } else if (cls) {
            if (ch == '[' && p[i + 1] == ':') {
                const char *e = strstr(p + i + 2, ":]");
                if (!e) return 0;
                i = (size_t)(e - p) + 1;
            } else if (ch == ']') {
                cls = 0;
            }
        } else if (ch == '[') {
            cls = 1;
            if (p[i + 1] == '^') i++;
            if (p[i + 1] == ']') i++;
        } else if (ch == '(') {
            if (p[i + 1] == '?' && depth == 0) {
                /* "(?flags)" or "(?flags:": an option setting or a group */
                size_t j = i + 2;
                while ((p[j] >= 'a' && p[j] <= 'z') || (p[j] >= 'A' && p[j] <= 'Z') ||
                       p[j] == '-' || p[j] == '^')
                    j++;
                if (p[j] == ')' && j > i + 2) return 0;
                if (j > i + 2 && p[j] != ':') return 0; /* named ...: not followed */
            }
            if (p[i + 1] == '?') /* (?x) anywhere: its comments may hold anything */
                for (size_t j = i + 2; (p[j] >= 'a' && p[j] <= 'z') || p[j] == '-' || p[j] == '^';
                     j++)
                    if (p[j] == 'x') return 0;
            depth++;
        } else if (ch == ')') {
            if (depth == 0) return 0;
            depth--;
        }
    }
}

#define MAX_GATE_BRANCHES 64

/* Folds branch b's condition c into g->bmask and g->bdeep (bit b % 8). */
static void fold_branch(gate *g, const cond *c, size_t b)
{
    uint8_t bit = (uint8_t)(1u << (b % 8));
    for (size_t x = 0; x < NCELLS; x++) {
        if (whosaid_bit_test(c->cells, x)) g->bmask[4 * x] |= bit;
        for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
            if (whosaid_bit_test(c->short_cells, (size_t)k * NCELLS + x))
                g->bmask[4 * x + 1 + (size_t)k] |= bit;
    }
    for (size_t x = 0; x < (size_t)WHOSAID_PREFILTER_DEEP * DCELLS; x++)
        if (whosaid_bit_test(c->deep, x)) g->bdeep[x] |= bit;
}

/* g->bmask and g->bdeep from the top-level branches of p (the pattern,
 * or the branches after "\d|"), when there are several and each has a
 * condition; else they stay NULL. Branches beyond 8 share bits, which
 * only lets more through. 0 or WHOSAID_ENOMEM. */
static int gate_branches(whosaid_ruleset *rs, gate *g, const char *p)
{
    size_t off[MAX_GATE_BRANCHES], n[MAX_GATE_BRANCHES];
    size_t nb = top_branches(p, off, n, MAX_GATE_BRANCHES);
    if (nb < 2) return 0;
    g->bmask = calloc((size_t)4 * NCELLS, 1);
    g->bdeep = calloc((size_t)WHOSAID_PREFILTER_DEEP * DCELLS, 1);
    int rc = g->bmask && g->bdeep ? 0 : WHOSAID_ENOMEM, usable = 1;
    for (size_t b = 0; b < nb && !rc && usable; b++) {
        char *text = strndup(p + off[b], n[b]);
        whosaid_prefilter *pf = NULL;
        if (!text || whosaid_ruleset_prefilter(rs, text, &pf)) rc = WHOSAID_ENOMEM;
        free(text);
        /* A branch without a condition (or one that needs a search) could
         * start anywhere: the split would turn nothing away. */
        usable = !rc && pf && !whosaid_prefilter_needs_search(pf) &&
                 !whosaid_prefilter_skip_branches(pf);
        cond c = {NULL, NULL, NULL};
        if (usable) rc = cond_cells(&c, pf);
        if (usable && !rc) rc = cond_deep(&c, pf);
        if (usable && !rc) fold_branch(g, &c, b);
        cond_free(&c);
        whosaid_prefilter_free(pf);
    }
    if (rc || !usable) {
        free(g->bmask);
        free(g->bdeep);
        g->bmask = g->bdeep = NULL;
    }
    return rc;
}

/* Gives g (its pattern expanded in rs->pat) an anchored regex and the cells
 * where it may start, so its triggers are found by the same cheap pass over
 * the text as rules are; a pattern without a start condition keeps g->re
 * alone and is searched. 0 or WHOSAID_ENOMEM. */
static int gate_start_condition(whosaid_ruleset *rs, gate *g, const char *digit_rest)
{
    whosaid_prefilter *pf;
    if (whosaid_ruleset_prefilter(rs, rs->pat.data, &pf)) return WHOSAID_ENOMEM;
    if (!pf) return 0;
    whosaid_error e;
    int rc = 0;
    if (!whosaid_prefilter_needs_search(pf) && !whosaid_prefilter_skip_branches(pf)) {
        g->anch = whosaid_regex_new(rs->pat.data, WHOSAID_REGEX_ANCHORED, &e);
        g->cells = calloc((NCELLS + 63) / 64, sizeof *g->cells);
        if (!g->anch || !g->cells) rc = WHOSAID_ENOMEM;
        uint64_t row[WHOSAID_PREFILTER_ROW_WORDS];
        for (unsigned al = 0; al < 2 && !rc; al++)
            for (unsigned c1 = 0; c1 < 129; c1++) {
                whosaid_prefilter_row(pf, (int)al, c1, row);
                whosaid_ruletable_or_row(g->cells, cell(al, c1, 0), row);
            }
        whosaid_prefilter *rest = NULL;
        if (!rc && digit_rest && whosaid_ruleset_prefilter(rs, digit_rest, &rest))
            rc = WHOSAID_ENOMEM;
        cond c = {NULL, NULL, NULL};
        if (!rc) rc = cond_deep(&c, digit_rest ? rest : pf);
        g->deep = c.deep;
        g->short_cells = c.short_cells;
        if (!rc) rc = gate_branches(rs, g, digit_rest ? digit_rest : rs->pat.data);
        whosaid_prefilter_free(rest);
    }
    whosaid_prefilter_free(pf);
    return rc;
}

int whosaid_rulegate_add(whosaid_ruleset *rs, whosaid_regex *re, size_t lookback,
                         const char *digit_rest)
{
    /* A gate line like an earlier one (pattern and lookback) opens the same
     * windows: its rules join that gate rather than add windows to build. */
    for (size_t k = 0; k < rs->ngates; k++)
        if (rs->gates[k].lookback == lookback && strcmp(rs->gates[k].pattern, rs->pat.data) == 0) {
            whosaid_regex_free(re);
            rs->cur_gate = k;
            return 0;
        }
    gate g = {.re = re, .lookback = lookback, .same = NO_GATE};
    g.digit_first = digit_rest != NULL;
    /* Gates of one pattern with different lookbacks share one trigger search. */
    for (size_t k = 0; k < rs->ngates && g.same == NO_GATE; k++)
        if (rs->gates[k].same == NO_GATE && strcmp(rs->gates[k].pattern, rs->pat.data) == 0)
            g.same = k;
    int rc = g.same == NO_GATE ? gate_start_condition(rs, &g, digit_rest) : 0;
    /* Only a gate searched for its triggers runs its pattern as it is (JIT). */
    if (!rc && g.same == NO_GATE && !g.anch) {
        whosaid_error e;
        whosaid_regex *jit = whosaid_regex_new(rs->pat.data, 0, &e);
        if (jit) {
            whosaid_regex_free(g.re);
            g.re = jit;
        } else {
            rc = WHOSAID_ENOMEM; /* the pattern compiled already: only memory */
        }
    }
    if (!rc && !(g.pattern = strdup(rs->pat.data))) rc = WHOSAID_ENOMEM;
    gate *v = rc ? NULL : realloc(rs->gates, (rs->ngates + 1) * sizeof *v);
    if (!v) {
        whosaid_rulegate_free(&g);
        return WHOSAID_ENOMEM;
    }
    rs->gates = v;
    v[rs->ngates] = g;
    rs->cur_gate = rs->ngates++;
    rs->stale = 1;
    return 0;
}

/* ---- Windows ---------------------------------------------------------- */

static int is_blank(unsigned char b)
{
    return b == ' ' || (b >= '\t' && b <= '\r');
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

/* Whether condition g's deeper pairs let a trigger try at v through: at each
 * level k, a short branch starting with v's first pair, or a longer
 * branch's pair at characters k + 1, k + 2. The pairs are read level by
 * level (as pos_deep would) only up to the first that fails: most tries
 * stop at the first, which is cheaper than working out every level. */
static int deep_ok(const cond *g, const char *text, size_t len, const pos_view *v, size_t c)
{
    size_t p = v->i + v->n;
    unsigned s = v->c2;
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP && s != WHOSAID_PREFILTER_END; k++) {
        p += char_len((unsigned char)text[p]);
        unsigned next = p < len ? symbol((unsigned char)text[p]) : WHOSAID_PREFILTER_END;
        if (!whosaid_bit_test(g->short_cells, (size_t)k * NCELLS + c) &&
            !whosaid_bit_test(g->deep, (size_t)k * DCELLS + (size_t)s * 130 + next))
            return 0;
        s = next;
    }
    return 1;
}

/* Whether some top-level branch of g may start at v (cell c): its first
 * pair and each deeper level of its own, all branches at once. */
static int branch_ok(const gate *g, const char *text, size_t len, const pos_view *v, size_t c)
{
    const uint8_t *cm = g->bmask + 4 * c;
    unsigned m = cm[0];
    size_t p = v->i + v->n;
    unsigned s = v->c2;
    for (int k = 0; m && k < WHOSAID_PREFILTER_DEEP && s != WHOSAID_PREFILTER_END; k++) {
        p += char_len((unsigned char)text[p]);
        unsigned next = p < len ? symbol((unsigned char)text[p]) : WHOSAID_PREFILTER_END;
        m &= cm[k + 1] | g->bdeep[(size_t)k * DCELLS + (size_t)s * 130 + next];
        s = next;
    }
    return m != 0;
}

/* Collects the windows of every gate: one pass over the text tries each
 * gate that has a start condition anchored where it accepts (so every
 * position a match starts at is a trigger); the others are searched. */
int whosaid_rulegate_find_windows(whosaid_ruleset *rs, const char *text, size_t len)
{
    int any_anch = 0;
    const size_t *anch = rs->gate_anch, nanch = rs->ngate_anch;
    for (size_t k = 0; k < rs->ngates; k++) {
        rs->gates[k].nwin = rs->gates[k].cur = rs->gates[k].digit_end = 0;
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
            pos = whosaid_ruleapply_next_start(text, len, pos, ms, me);
        }
    }
    /* st: whether the character before i is a letter (0, 1), or 2 when
     * that is not yet known: the non-ASCII character at prev, looked up
     * (in Unicode) only if a gate may start at i. */
    unsigned st = 0;
    size_t prev = 0;
    for (size_t i = 0; any_anch && i < len;) {
        unsigned char b = (unsigned char)text[i];
        if (!rs->gate_first[st][b]) {
            if (b < 0x80) {
                st = (unsigned)is_ascii_letter(b);
                i++;
                /* The rest of a word, where no gate starts after a letter
                 * (month names only with a capital): one loop. */
                if (st) skip_in_word(text, len, &i, rs->gate_in_word);
            } else {
                st = 2;
                prev = i;
                i += char_len(b);
                if (i > len) i = len;
            }
            continue;
        }
        if (st == 2) {
            st = (unsigned)whosaid_ruletable_letter_cp(text, len, prev);
            continue;
        }
        if (b < 0x80 && i + 1 < len &&
            !whosaid_bit_test(rs->gate_pair[st], b << 8 | (unsigned char)text[i + 1])) {
            st = (unsigned)is_ascii_letter(b);
            i++;
            continue;
        }
        int after_letter = (int)st;
        pos_view v = pos_at(text, len, i, after_letter);
        size_t c = cell((unsigned)after_letter, v.c1, v.c2);
        int gate_any = whosaid_bit_test(rs->gate_any, c);
        for (size_t a = 0; gate_any && a < nanch; a++) {
            size_t k = anch[a];
            gate *g = &rs->gates[k];
            if (g->full || !whosaid_bit_test(g->cells, c)) continue;
            if (g->digit_first && b >= '0' && b <= '9') {
                /* A run of ASCII digits is one trigger: the window its
                 * one-digit triggers open together, for a call per run
                 * rather than per digit (\d takes any digit, whatever
                 * follows, so each digit of the run is a trigger). */
                if (i < g->digit_end) continue;
                size_t e = i + 1;
                while (e < len && text[e] >= '0' && text[e] <= '9')
                    e++;
                g->digit_end = e;
                if (triggered(rs, k, text, len, i, e)) return WHOSAID_ENOMEM;
                continue;
            }
            /* A digit_first gate's deep condition is its other branches':
             * not where \d may match (a non-ASCII character may be a digit). */
            if (!g->digit_first || b < 0x80) {
                cond whole = {g->cells, g->deep, g->short_cells};
                if (g->bmask ? !branch_ok(g, text, len, &v, c)
                             : g->deep && !deep_ok(&whole, text, len, &v, c))
                    continue;
            }
            size_t ms = 1, me = 0; /* a limit hit opens the text: ms > me */
            int rc = whosaid_regex_search(g->anch, text, len, i);
            if (rc == 1) whosaid_regex_group(g->anch, 0, &ms, &me);
            if (rc && triggered(rs, k, text, len, ms, me)) return WHOSAID_ENOMEM;
        }
        if (b < 0x80) {
            st = (unsigned)is_ascii_letter(b);
        } else {
            st = 2;
            prev = i;
        }
        i += v.n;
    }
    return 0;
}

int whosaid_rulegate_allowed_at(whosaid_ruleset *rs, size_t i, size_t len, size_t *until)
{
    size_t nw = rs->nw;
    uint64_t *restrict allow = rs->allow;
    int any = rs->base_any;
    *until = len;
    for (size_t w = 0; w < nw; w++)
        allow[w] = rs->base[w];
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
        const uint64_t *restrict mask = g->mask;
        for (size_t w = 0; w < nw; w++)
            allow[w] |= mask[w];
    }
    return any;
}
