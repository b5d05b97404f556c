/* The pass of a rule set over a batch of texts (whosaid_ruleset_apply,
 * whosaid_ruleset_apply_many).
 *
 * Rules without a start condition are searched over the whole text. The
 * others share one pass over the text, or over the gates' windows when
 * every filtered rule is gated: a table lookup per character
 * (ruletable.c: its first pair, then its deeper pairs and the characters
 * after its run where some rule's first pair passed), an anchored JIT
 * match only where some rule's condition accepts. The pass lists the tries
 * rather than making them: batches of up to 16 K tries (positions, and per
 * rule the ones it is tried at: ~100 KB) are then made rule by rule, so
 * one rule's JIT code stays in cache for all its tries of a batch instead
 * of megabytes of code being cycled through at every position (that
 * halved the cost of a try). A batch spans texts: a news text gives a
 * rule ~5-25 tries, so the passes over several texts are made first and
 * their tries then rule by rule across them (a try of a rule whose code is
 * still in cache costs a fifth of a cold one); each text keeps its own
 * state (where a rule may match next, whether it is done) and candidate
 * list. Rules that open with the same
 * "A(*SKIP)(*FAIL)|" match A once per position between them (the skip
 * memo: a byte and an offset per batch position and A), and the whole
 * pattern is tried with its A branches switched off. A match's attributes
 * are pointers in the candidate list's pool (cands.h). Results are those
 * of a rule-by-rule scan. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/hashmap.h"
#include "whosaid/ruleset_impl.h"
#include "whosaid/utf8.h"

size_t whosaid_ruleapply_next_start(const char *text, size_t len, size_t pos, size_t ms, size_t me)
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
 * or (with \C) not on character boundaries. Its attributes go to the
 * list's pool as pointers: the rule's static values, the groups' slices of
 * the text (JSON is made only for the spans written, a third of them). */
static int make_cand(const rule *r, const char *text, size_t len, whosaid_cands *cs,
                     whosaid_cand *c, int *skip)
{
    size_t s, e;
    *skip = !whosaid_regex_group(r->re, r->span, &s, &e) || e <= s ||
            !whosaid_utf8_on_boundary(text, len, s) || !whosaid_utf8_on_boundary(text, len, e);
    if (*skip) return 0;
    *c = (whosaid_cand){s,       e,       r->type, r->priority, r->user, r->order,
                        r->file, r->line, NULL,    cs->npool,   0};
    for (void *it = r->attrs ? json_object_iter(r->attrs) : NULL; it;
         it = json_object_iter_next(r->attrs, it)) {
        whosaid_cattr a = {json_object_iter_key(it),
                           (uint32_t)json_object_iter_key_len(it),
                           WHOSAID_CATTR_JSON,
                           {.json = json_object_iter_value(it)}};
        if (whosaid_cands_attr_add(cs, c, a)) return WHOSAID_ENOMEM;
    }
    for (size_t i = 0; i < r->ngroups; i++) {
        size_t gs, ge;
        if (!whosaid_regex_group(r->re, r->groups[i].number, &gs, &ge) || ge < gs ||
            !whosaid_utf8_on_boundary(text, len, gs) || !whosaid_utf8_on_boundary(text, len, ge))
            continue;
        /* A group name is ASCII ([A-Za-z0-9_], PCRE2's rule). */
        whosaid_cattr a = {r->groups[i].name,
                           (uint32_t)strlen(r->groups[i].name),
                           WHOSAID_CATTR_TEXT,
                           {.text = {text + gs, ge - gs}}};
        if (whosaid_cands_attr_add(cs, c, a)) return WHOSAID_ENOMEM;
    }
    return 0;
}

/* Rule i hit its match limit in text k. */
static int note_limit(whosaid_ruleset *rs, size_t k, size_t i)
{
    if (rs->nhits == rs->hits_cap) {
        size_t cap = rs->hits_cap ? rs->hits_cap * 2 : 8;
        size_t *v = realloc(rs->hits, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        rs->hits = v;
        rs->hits_cap = cap;
    }
    rs->hits[rs->nhits++] = k * rs->n + i;
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
    if (make_cand(r, text, len, cands, &c, &skip) || (!skip && whosaid_cands_push(cands, c)))
        return WHOSAID_ENOMEM;
    *next = whosaid_ruleapply_next_start(text, len, pos, ms, me);
    return 0;
}

/* The non-overlapping matches of rule ri in text k, left to right, by
 * searching. */
static int scan_rule(whosaid_ruleset *rs, size_t ri, size_t k)
{
    const char *text = rs->atext[k];
    size_t len = rs->alen[k];
    whosaid_cands *cands = rs->acands[k];
    for (size_t pos = 0; pos <= len;) {
        int rc = whosaid_regex_search(rs->rules[ri].re, text, len, pos);
        if (rc == 0) break;
        if (rc < 0) return note_limit(rs, k, ri);
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

/* A position of the batch, as the conditions of a rule's parts see it. */
typedef struct batch_view {
    pos_view v;
    uint32_t ap; /* pack_after */
} batch_view;

/* Whether a part of a rule (a skip branch, the branches after them) may
 * match at b: its first pair, its deeper pairs (the text's, worked out on
 * first need) and after the run. */
static inline int part_ok(const whosaid_prefilter *pf, const char *text, size_t len, batch_view *b)
{
    if (!pf) return 1;
    pos_view *v = &b->v;
    if (!whosaid_prefilter_accepts(pf, v->after_letter, v->c1, v->c2) || !after_ok(pf, b->ap))
        return 0;
    int ndeep = pos_deep(text, len, v);
    for (int k = 0; k < ndeep; k++)
        if (!whosaid_prefilter_accepts_deep(pf, k + 1, (unsigned)(v->dc[k] / 130),
                                            (unsigned)(v->dc[k] % 130)))
            return 0;
    return 1;
}

/* Filtered rule f at position number b of the batch, which its condition
 * accepts. */
static int try_rule(whosaid_ruleset *rs, size_t f, size_t b)
{
    size_t tx = rs->btext[b], i = rs->bpos[b];
    unsigned char *done = &rs->done[tx * rs->nfilt + f];
    size_t *next_pos = &rs->next_pos[tx * rs->nfilt + f];
    if (*done || i < *next_pos) return 0;
    const char *text = rs->atext[tx];
    size_t len = rs->alen[tx];
    size_t ri = rs->filt[f];
    int after_letter = rs->bcell[b] >= (size_t)129 * 130;
    rule *r = &rs->rules[ri];
    /* "A(*SKIP)(*FAIL)|B": where an A matches, nothing does, and the next
     * try is past it. */
    batch_view v = {pos_at(text, len, i, after_letter), rs->bafter[b]};
    for (size_t k = 0; k < r->nskips; k++) {
        skip_memo *m = &rs->memo[r->skip_memo[k]];
        /* A memo is shared by the rules opening with the same A, whose
         * conditions are the same: one that turns a position away is
         * noted as no match there, and not checked again by the others. */
        if (m->rc[b] == MEMO_UNKNOWN && !part_ok(r->skip_pfs[k], text, len, &v)) m->rc[b] = 0;
        if (m->rc[b] == MEMO_UNKNOWN) {
            size_t ms;
            int rc = whosaid_regex_search(r->skips[k], text, len, i);
            m->rc[b] = (signed char)(rc < 0 ? -1 : rc);
            if (rc == 1) whosaid_regex_group(r->skips[k], 0, &ms, &m->end[b]);
        }
        if (m->rc[b] < 0) {
            *done = 1;
            return note_limit(rs, tx, ri);
        }
        if (m->rc[b] == 1) {
            *next_pos = whosaid_ruleapply_next_start(text, len, i, i, m->end[b]);
            if (*next_pos > len) *done = 1;
            return 0;
        }
    }
    if (!part_ok(r->rest_pf, text, len, &v)) return 0;
    if (r->not_after_digit && i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9') return 0;
    int rc = whosaid_regex_search(r->re, text, len, i);
    if (rc == 0) {
        /* A search from here found nothing further on; an anchored try only here. */
        if (rs->rules[ri].mode == APPLY_SEARCH) *done = 1;
        return 0;
    }
    if (rc < 0) {
        *done = 1;
        return note_limit(rs, tx, ri);
    }
    if (take_match(rs, ri, text, len, i, rs->acands[tx], next_pos)) return WHOSAID_ENOMEM;
    if (*next_pos > len) *done = 1;
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

/* Tries per batch: the JIT code of all the rules is megabytes, more than
 * the caches hold, so a rule is tried at all its positions of a batch in a
 * row (its code stays in cache) rather than every rule at each position in
 * turn, which was about twice as slow per try. A batch holds a few pages
 * of positions and their rule lists; a rule's state (next_pos, done) in a
 * text carries over to the next batch, so the result is the same. */
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
    if (a) rs->bafter = a;
    uint32_t *t = a ? realloc(rs->btext, cap * sizeof *t) : NULL;
    if (!t) return WHOSAID_ENOMEM;
    rs->btext = t;
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
static int run_batch(whosaid_ruleset *rs)
{
    if (rs->nb == 0) return 0; /* nothing listed (and the memos may not exist yet) */
    for (size_t k = 0; k < rs->nmemo; k++)
        memset(rs->memo[k].rc, MEMO_UNKNOWN, rs->nb);
    for (size_t f = 0; f < rs->nfilt; f++) {
        try_list *l = &rs->tries[f];
        for (size_t j = 0; j < l->n; j++)
            if (try_rule(rs, f, l->v[j])) return WHOSAID_ENOMEM;
        l->n = 0;
    }
    rs->nb = rs->ntries = 0;
    return 0;
}

/* One pass over text k, or over the gates' windows when every rule is
 * under a gate: each position is looked up in the table, and the rules
 * whose condition accepts it (and whose gate is open there) are listed
 * to be tried there; full batches of such tries are run rule by rule. */
static int pass_text(whosaid_ruleset *rs, size_t tx)
{
    const char *text = rs->atext[tx];
    size_t len = rs->alen[tx];
    const unsigned char *done = rs->done + tx * rs->nfilt;
    size_t nw = rs->nw;
    int gated = !rs->no_gates && rs->ngates > 0;
    if (gated && whosaid_rulegate_find_windows(rs, text, len)) return WHOSAID_ENOMEM;
    /* Gates off: every rule is allowed everywhere. */
    for (size_t w = 0; !gated && w < nw; w++)
        rs->allow[w] = ~(uint64_t)0;
    int after_letter = 0;
    size_t open_until = gated ? 0 : len; /* the allowed set holds for [i, open_until) */
    run_memo memo = RUN_MEMO_INIT;
    for (size_t i = 0; i < len;) {
        if (i >= open_until && !whosaid_rulegate_allowed_at(rs, i, len, &open_until)) {
            /* Nothing to try before the next window: jump there. */
            if (open_until >= len) break;
            i = open_until;
            after_letter = letter_before(text, len, i);
            continue;
        }
        if (after_letter && skip_in_word(text, len, &i, rs->rule_in_word)) continue;
        pos_view v = pos_at(text, len, i, after_letter);
        size_t c = cell((unsigned)after_letter, v.c1, v.c2);
        const uint64_t *m = rs->table + c * nw;
        int listed = 0, run = -2, nac = 0;
        size_t ac[2];
        for (size_t w = 0; whosaid_bit_test(rs->rule_any, c) && w < nw; w++) {
            uint64_t bits = m[w] & rs->allow[w];
            int ndeep = bits ? pos_deep(text, len, &v) : 0;
            for (int k = 0; bits && k < ndeep; k++)
                bits &= rs->deep[k][v.dc[k] * nw + w];
            if (bits && run == -2)
                run = whosaid_ruletable_after_cells(text, len, i, v.c1, &memo, ac, &nac);
            for (int k = 0; bits && run >= 0 && k < nac; k++)
                bits &= rs->after[((size_t)(run * 2 + k) * ACELLS + ac[k]) * nw + w];
            for (; bits; bits &= bits - 1) {
                size_t f = w * 64 + (size_t)__builtin_ctzll(bits);
                if (done[f]) continue;
                if (!listed && batch_reserve(rs)) return WHOSAID_ENOMEM;
                if (list_push(&rs->tries[f], (uint32_t)rs->nb)) return WHOSAID_ENOMEM;
                rs->ntries++;
                listed = 1;
            }
        }
        if (listed) {
            rs->bpos[rs->nb] = i;
            rs->bafter[rs->nb] = pack_after(run, nac, ac);
            rs->btext[rs->nb] = (uint32_t)tx;
            rs->bcell[rs->nb++] = (uint32_t)c;
            if (rs->ntries >= BATCH_TRIES && run_batch(rs)) return WHOSAID_ENOMEM;
        }
        after_letter = is_letter_at(text, len, i);
        i += v.n;
    }
    return 0;
}

/* Room for the filtered rules' state in n texts, all of it cleared. */
static int reset_state(whosaid_ruleset *rs, size_t n)
{
    if (n > rs->state_texts) {
        size_t *np = realloc(rs->next_pos, n * rs->nfilt * sizeof *np);
        if (np) rs->next_pos = np;
        unsigned char *d = np ? realloc(rs->done, n * rs->nfilt) : NULL;
        if (!d) return WHOSAID_ENOMEM;
        rs->done = d;
        rs->state_texts = n;
    }
    memset(rs->next_pos, 0, n * rs->nfilt * sizeof *rs->next_pos);
    memset(rs->done, 0, n * rs->nfilt);
    return 0;
}

int whosaid_ruleapply_run(whosaid_ruleset *rs, const char *const *texts, const size_t *lens,
                          whosaid_cands *const *cands, size_t n)
{
    rs->atext = texts;
    rs->alen = lens;
    rs->acands = cands;
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < rs->n; i++)
            if (rs->rules[i].mode == APPLY_SCAN && scan_rule(rs, i, k)) return WHOSAID_ENOMEM;
    if (!rs->nfilt) return 0;
    if (reset_state(rs, n)) return WHOSAID_ENOMEM;
    rs->nb = rs->ntries = 0;
    for (size_t k = 0; k < n; k++)
        if (pass_text(rs, k)) return WHOSAID_ENOMEM;
    return run_batch(rs);
}
