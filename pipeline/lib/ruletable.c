/* The inverted start conditions of a rule set, and text positions mapped
 * onto them.
 *
 * Keeps, for the filtered rules (those with a start condition, or under a
 * gate), bit sets indexed by a cell of the text: the first pair (after a
 * letter?, first symbol, second symbol: 2 x 129 x 130 cells), the pairs of
 * characters 2-3, 3-4 and 4-5 (3 x 129 x 130) and the 1st-3rd characters
 * after the text's run of digits or letters (2 run classes x 2 x 130 x
 * 130), in 64-bit words: ~2.4 MB for 65-128 rules. An "A(*SKIP)(*FAIL)|B"
 * rule's A and B are each checked on all of these before a try
 * (ruleapply.c). Built on the first apply after a load, a row at a time:
 * the rules' rows of a first symbol (bit sets over the second) are
 * transposed 64 x 64 into the cells' rule words, ~1,200 rows of ~4 K
 * instructions per 64 rules (a query per cell and rule was ~400 M). Also the masks of
 * the rules under each gate and under none, and per ASCII letter whether
 * anything may start at it after a letter (the passes step over words
 * where nothing may). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "whosaid/hashmap.h"
#include "whosaid/ruleset_impl.h"
#include "whosaid/utf8.h"

#define D (WHOSAID_PREFILTER_RUN_DIGITS + 1)
#define L (WHOSAID_PREFILTER_RUN_LETTERS + 1)
/* Digits with their separators [0-9,.], ASCII letters: whosaid_prefilter_run_class
 * + 1 as a table, since the pass reads it at every character of a run
 * (tests/test_ruleset.c checks the two agree). */
const unsigned char whosaid_ruletable_run_of[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D, 0, D, 0, /* 0x20 */
    D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, 0, /* 0x30 */
    0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* 0x40 */
    L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0, /* 0x50 */
    0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* 0x60 */
    L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0, /* 0x70 */
};
#undef D
#undef L

int whosaid_ruletable_letter_cp(const char *text, size_t len, size_t i)
{
    int32_t c = whosaid_utf8_next(text, len, &i);
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

void whosaid_ruletable_free(whosaid_ruleset *rs)
{
    free(rs->table);
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
        free(rs->deep[k]);
    free(rs->after);
    free(rs->next_pos);
    free(rs->done);
    for (size_t f = 0; f < rs->ntl; f++)
        free(rs->tries[f].v);
    free(rs->tries);
    free(rs->base);
    free(rs->allow);
    free(rs->rule_any);
    free(rs->gate_any);
    free(rs->gate_anch);
    rs->gate_anch = NULL;
    rs->ngate_anch = 0;
}

/* One step of the transpose: the high j bits of words k .. k + j - 1
 * swapped with the low j bits of words k + j .. k + 2j - 1, for each k. */
static inline void swap_blocks(uint64_t a[64], unsigned j, uint64_t m)
{
    for (unsigned k = 0; k < 64; k += 2 * j)
        for (unsigned i = k; i < k + j; i++) {
            uint64_t x = ((a[i] >> j) ^ a[i + j]) & m;
            a[i] ^= x << j;
            a[i + j] ^= x;
        }
}

void whosaid_ruletable_transpose64(uint64_t a[64])
{
    swap_blocks(a, 32, 0x00000000FFFFFFFFu);
    swap_blocks(a, 16, 0x0000FFFF0000FFFFu);
    swap_blocks(a, 8, 0x00FF00FF00FF00FFu);
    swap_blocks(a, 4, 0x0F0F0F0F0F0F0F0Fu);
    swap_blocks(a, 2, 0x3333333333333333u);
    swap_blocks(a, 1, 0x5555555555555555u);
}

void whosaid_ruletable_or_row(uint64_t *set, size_t at,
                              const uint64_t row[WHOSAID_PREFILTER_ROW_WORDS])
{
    for (unsigned j = 0; j < WHOSAID_PREFILTER_ROW_WORDS; j++) {
        size_t b = at + (size_t)j * 64;
        if (!row[j]) continue;
        set[b / 64] |= row[j] << (b % 64);
        /* The bits above END are 0: the spill past the last word is 0 too. */
        if (b % 64) {
            uint64_t spill = row[j] >> (64 - b % 64);
            if (spill) set[b / 64 + 1] |= spill;
        }
    }
}

/* Which of a filtered rule's conditions fill_cells reads. */
enum { Q_FIRST, Q_DEEP, Q_AFTER };

/* Filtered rule f's row of condition q (a: after a letter for Q_FIRST, the
 * run class for Q_AFTER; k its level). A rule without a condition accepts
 * everything, and a searched rule starts its search at the first position
 * listed: only its first two characters are checked, as before. */
static void rule_row(const whosaid_ruleset *rs, size_t f, int q, int a, int k, unsigned c1,
                     uint64_t row[WHOSAID_PREFILTER_ROW_WORDS])
{
    const whosaid_prefilter *pf = rs->pfs[f];
    if (q != Q_FIRST && rs->rules[rs->filt[f]].mode == APPLY_SEARCH) pf = NULL;
    if (!pf) {
        row[0] = row[1] = ~(uint64_t)0;
        row[2] = ((uint64_t)1 << (WHOSAID_PREFILTER_END - 127)) - 1;
    } else if (q == Q_FIRST) {
        whosaid_prefilter_row(pf, a, c1, row);
    } else if (q == Q_DEEP) {
        whosaid_prefilter_deep_row(pf, k, c1, row);
    } else {
        whosaid_prefilter_after_row(pf, a, k, c1, row);
    }
}

/* The 130 cells (c1, c2 = 0 .. END) of one row of a table: out[c2 * nw + w]
 * gets the rules of word w that accept c2. The rules' rows are bit sets
 * over c2; 64 of them transposed give 64 cells' rule words at once. */
static void fill_cells(const whosaid_ruleset *rs, size_t nw, int q, int a, int k, unsigned c1,
                       uint64_t *out)
{
    uint64_t m[WHOSAID_PREFILTER_ROW_WORDS][64];
    for (size_t w = 0; w < nw; w++) {
        size_t n = rs->nfilt - w * 64 < 64 ? rs->nfilt - w * 64 : 64;
        for (size_t i = 0; i < 64; i++) {
            uint64_t row[WHOSAID_PREFILTER_ROW_WORDS] = {0, 0, 0};
            if (i < n) rule_row(rs, w * 64 + i, q, a, k, c1, row);
            for (unsigned j = 0; j < WHOSAID_PREFILTER_ROW_WORDS; j++)
                m[j][i] = row[j];
        }
        whosaid_ruletable_transpose64(m[0]);
        whosaid_ruletable_transpose64(m[1]);
        for (unsigned c2 = 0; c2 < 128; c2++)
            out[c2 * nw + w] = m[c2 / 64][c2 % 64];
        /* Symbols 128 (OTHER) and 129 (END): the third words' two bits. */
        for (unsigned c2 = 128; c2 <= WHOSAID_PREFILTER_END; c2++) {
            uint64_t bits = 0;
            for (size_t i = 0; i < n; i++)
                bits |= (m[2][i] >> (c2 - 128) & 1) << i;
            out[c2 * nw + w] = bits;
        }
    }
}

/* The inverted start conditions of the filtered rules (a rule without
 * one, under a gate, accepts every position) and the masks of the rules
 * under each gate and under none. */
/* pair[al] from the cells of any: which ASCII byte and next byte a cell
 * of any holds (a byte from 0x80 up as the non-ASCII symbol). */
static void pair_bits(const uint64_t *any, uint64_t pair[2][128 * 256 / 64])
{
    memset(pair, 0, 2 * sizeof *pair);
    for (unsigned al = 0; al < 2; al++)
        for (unsigned b1 = 0; b1 < 128; b1++)
            for (unsigned b2 = 0; b2 < 256; b2++)
                if (whosaid_bit_test(any, cell(al, b1, symbol((unsigned char)b2))))
                    whosaid_bit_set(pair[al], b1 << 8 | b2);
}

int whosaid_ruletable_build(whosaid_ruleset *rs)
{
    size_t nw = (rs->nfilt + 63) / 64, w1 = nw ? nw : 1;
    uint64_t *t = calloc(NCELLS * w1, sizeof *t);
    size_t *next = malloc((rs->nfilt ? rs->nfilt : 1) * sizeof *next);
    unsigned char *done = malloc(rs->nfilt ? rs->nfilt : 1);
    uint64_t *base = calloc(w1, sizeof *base), *allow = calloc(w1, sizeof *allow);
    uint64_t *rule_any = calloc((NCELLS + 63) / 64, sizeof *rule_any);
    uint64_t *gate_any = calloc((NCELLS + 63) / 64, sizeof *gate_any);
    try_list *tries = calloc(rs->nfilt ? rs->nfilt : 1, sizeof *tries);
    size_t *gate_anch = malloc((rs->ngates ? rs->ngates : 1) * sizeof *gate_anch), ngate_anch = 0;
    uint64_t *deep[WHOSAID_PREFILTER_DEEP];
    int deep_ok = 1;
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
        deep_ok &= (deep[k] = calloc(129 * 130 * w1, sizeof *deep[k])) != NULL;
    uint64_t *after = calloc((size_t)WHOSAID_PREFILTER_RUNS * 2 * ACELLS * w1, sizeof *after);
    int rc = t && next && done && base && allow && rule_any && gate_any && tries && deep_ok &&
                     after && gate_anch
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
        free(gate_anch);
        for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
            free(deep[k]);
        free(after);
        return rc;
    }
    for (size_t f = 0; f < rs->nfilt; f++) {
        size_t g = rs->rules[rs->filt[f]].gate;
        (g == NO_GATE ? base : rs->gates[g].mask)[f / 64] |= (uint64_t)1 << (f % 64);
    }
    for (unsigned al = 0; al < 2; al++)
        for (unsigned c1 = 0; c1 < 129; c1++)
            fill_cells(rs, nw, Q_FIRST, (int)al, 0, c1, t + cell(al, c1, 0) * nw);
    for (int k = 0; k < WHOSAID_PREFILTER_DEEP; k++)
        for (unsigned c1 = 0; c1 < 129; c1++)
            fill_cells(rs, nw, Q_DEEP, 0, k + 1, c1, deep[k] + (size_t)c1 * 130 * nw);
    for (int r = 0; r < WHOSAID_PREFILTER_RUNS; r++)
        for (int k = 0; k < 2; k++)
            for (unsigned c1 = 0; c1 < 130; c1++)
                fill_cells(rs, nw, Q_AFTER, r, k, c1,
                           after + ((size_t)(r * 2 + k) * ACELLS + c1 * 130) * nw);
    for (size_t c = 0; c < NCELLS; c++)
        for (size_t w = 0; w < nw; w++)
            if (t[c * nw + w]) {
                whosaid_bit_set(rule_any, c);
                break;
            }
    for (size_t g = 0; g < rs->ngates; g++)
        for (size_t w = 0; rs->gates[g].cells && w < (NCELLS + 63) / 64; w++)
            gate_any[w] |= rs->gates[g].cells[w];
    for (unsigned c1 = 0; c1 < 128; c1++) {
        rs->rule_in_word[c1] = rs->gate_in_word[c1] = !is_ascii_letter(c1);
        for (unsigned c2 = 0; is_ascii_letter(c1) && c2 < 130; c2++) {
            size_t c = cell(1, c1, c2);
            rs->rule_in_word[c1] |= (unsigned char)whosaid_bit_test(rule_any, c);
            rs->gate_in_word[c1] |= (unsigned char)whosaid_bit_test(gate_any, c);
        }
    }
    for (unsigned b = 0; b < 256; b++) {
        for (unsigned al = 0; al < 2; al++) {
            unsigned char any = 0;
            for (unsigned c2 = 0; c2 < 130 && !any; c2++)
                any = (unsigned char)whosaid_bit_test(gate_any,
                                                      cell(al, symbol((unsigned char)b), c2));
            rs->gate_first[al][b] = any;
        }
        rs->gate_first[2][b] = rs->gate_first[0][b] | rs->gate_first[1][b];
    }
    pair_bits(gate_any, rs->gate_pair);
    for (size_t g = 0; g < rs->ngates; g++)
        if (rs->gates[g].same == NO_GATE && rs->gates[g].anch) gate_anch[ngate_anch++] = g;
    whosaid_ruletable_free(rs);
    rs->gate_anch = gate_anch;
    rs->ngate_anch = ngate_anch;
    rs->after = after;
    rs->rule_any = rule_any;
    rs->gate_any = gate_any;
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
        rs->deep[k] = deep[k];
    rs->next_pos = next;
    rs->done = done;
    rs->state_texts = 1;
    rs->base = base;
    rs->base_any = 0;
    for (size_t w = 0; w < nw; w++)
        rs->base_any |= base[w] != 0;
    rs->allow = allow;
    rs->nw = nw;
    rs->stale = 0;
    whosaid_prefilter_memo_free(rs->pf_memo); /* loading is done, most likely */
    rs->pf_memo = NULL;
    return 0;
}

int whosaid_ruletable_after_cells(const char *text, size_t len, size_t p, unsigned c1,
                                  run_memo *memo, size_t *ac, int *n)
{
    const unsigned char *run_of = whosaid_ruletable_run_of;
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
