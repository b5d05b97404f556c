#include "whosaid/cands.h"

#include <stdlib.h>
#include <string.h>

#include "whosaid/error.h"

/* The string store: chunks that never move, so the strings stay put while
 * more are added; all but the newest go at clear. */
struct whosaid_cands_strs {
    struct whosaid_cands_strs *next;
    size_t used, cap;
    char data[];
};
#define STRS_CHUNK 4096

int whosaid_cands_push(whosaid_cands *cs, whosaid_cand c)
{
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 64;
        whosaid_cand *v = realloc(cs->v, cap * sizeof *v);
        if (!v) {
            json_decref(c.attrs);
            return WHOSAID_ENOMEM;
        }
        cs->v = v;
        cs->cap = cap;
    }
    cs->v[cs->n++] = c;
    return 0;
}

void whosaid_cands_clear(whosaid_cands *cs)
{
    for (size_t i = 0; i < cs->n; i++)
        json_decref(cs->v[i].attrs);
    cs->n = 0;
    cs->npool = 0;
    if (cs->strs) {
        struct whosaid_cands_strs *k = cs->strs->next;
        while (k) {
            struct whosaid_cands_strs *next = k->next;
            free(k);
            k = next;
        }
        cs->strs->next = NULL;
        cs->strs->used = 0;
    }
}

void whosaid_cands_free(whosaid_cands *cs)
{
    whosaid_cands_clear(cs);
    free(cs->v);
    free(cs->pool);
    free(cs->strs);
    cs->v = NULL;
    cs->pool = NULL;
    cs->strs = NULL;
    cs->cap = cs->pool_cap = 0;
}

/* ---- Pooled attributes ---------------------------------------------------- */

static int pool_reserve(whosaid_cands *cs, size_t more)
{
    if (cs->pool_cap - cs->npool >= more) return 0;
    size_t cap = cs->pool_cap ? cs->pool_cap : 256;
    while (cap - cs->npool < more)
        cap *= 2;
    whosaid_cattr *p = realloc(cs->pool, cap * sizeof *p);
    if (!p) return WHOSAID_ENOMEM;
    cs->pool = p;
    cs->pool_cap = cap;
    return 0;
}

whosaid_cattr *whosaid_cands_attr_get(const whosaid_cands *cs, const whosaid_cand *c,
                                      const char *key, size_t klen)
{
    if (!c->npool) return NULL; /* and the pool may not exist yet */
    whosaid_cattr *a = cs->pool + c->a0;
    for (size_t k = 0; k < c->npool; k++)
        if (a[k].kind != WHOSAID_CATTR_GONE && a[k].klen == klen && a[k].key[0] == key[0] &&
            !memcmp(a[k].key, key, klen))
            return &a[k];
    return NULL;
}

int whosaid_cands_attr_add(whosaid_cands *cs, whosaid_cand *c, whosaid_cattr a)
{
    whosaid_cattr *old = whosaid_cands_attr_get(cs, c, a.key, a.klen);
    if (old) {
        *old = a;
        return 0;
    }
    if (pool_reserve(cs, 1)) return WHOSAID_ENOMEM;
    cs->pool[cs->npool++] = a;
    c->npool++;
    return 0;
}

int whosaid_cands_attr_append(whosaid_cands *cs, whosaid_cand *c, const whosaid_cattr *v, size_t n)
{
    if (!n) return 0;
    if (pool_reserve(cs, n)) return WHOSAID_ENOMEM;
    memcpy(cs->pool + cs->npool, v, n * sizeof *v);
    cs->npool += n;
    c->npool += n;
    return 0;
}

int whosaid_cands_attr_set(whosaid_cands *cs, whosaid_cand *c, whosaid_cattr a)
{
    whosaid_cattr *old = whosaid_cands_attr_get(cs, c, a.key, a.klen);
    if (old) {
        *old = a;
        return 0;
    }
    if (c->a0 + c->npool != cs->npool) {
        /* Another candidate's run follows: c's moves to the end (once; the
         * old run is left unused until the list is cleared). */
        if (pool_reserve(cs, c->npool + 1)) return WHOSAID_ENOMEM;
        memcpy(cs->pool + cs->npool, cs->pool + c->a0, c->npool * sizeof *cs->pool);
        c->a0 = cs->npool;
        cs->npool += c->npool;
    }
    if (pool_reserve(cs, 1)) return WHOSAID_ENOMEM;
    cs->pool[cs->npool++] = a;
    c->npool++;
    return 0;
}

void whosaid_cands_attr_del(whosaid_cands *cs, whosaid_cand *c, const char *key, size_t klen)
{
    whosaid_cattr *a = whosaid_cands_attr_get(cs, c, key, klen);
    if (a) a->kind = WHOSAID_CATTR_GONE;
}

int whosaid_cands_pool_json(whosaid_cands *cs, whosaid_cand *c)
{
    if (c->npool || !json_object_size(c->attrs)) return 0;
    if (pool_reserve(cs, json_object_size(c->attrs))) return WHOSAID_ENOMEM;
    c->a0 = cs->npool;
    for (void *it = json_object_iter(c->attrs); it; it = json_object_iter_next(c->attrs, it)) {
        whosaid_cattr a = {json_object_iter_key(it),
                           (uint32_t)json_object_iter_key_len(it),
                           WHOSAID_CATTR_JSON,
                           {.json = json_object_iter_value(it)}};
        cs->pool[cs->npool++] = a;
        c->npool++;
    }
    return 0;
}

char *whosaid_cands_str(whosaid_cands *cs, const char *s, size_t n)
{
    struct whosaid_cands_strs *k = cs->strs;
    if (!k || k->cap - k->used < n + 1) {
        size_t cap = n + 1 > STRS_CHUNK ? n + 1 : STRS_CHUNK;
        struct whosaid_cands_strs *fresh = malloc(sizeof *fresh + cap);
        if (!fresh) return NULL;
        fresh->used = 0;
        fresh->cap = cap;
        /* The newest chunk goes first: the one strings go into, and the one
         * clear keeps. */
        fresh->next = k;
        cs->strs = k = fresh;
    }
    char *p = k->data + k->used;
    memcpy(p, s, n);
    p[n] = '\0';
    k->used += n + 1;
    return p;
}

json_t *whosaid_cands_attrs_json(const whosaid_cands *cs, const whosaid_cand *c)
{
    if (!c->npool) return json_incref(c->attrs);
    json_t *o = json_object();
    for (size_t k = 0; o && k < c->npool; k++) {
        const whosaid_cattr *a = &cs->pool[c->a0 + k];
        json_t *v = NULL;
        switch (a->kind) {
        case WHOSAID_CATTR_GONE: continue;
        case WHOSAID_CATTR_JSON: v = json_incref((json_t *)a->v.json); break;
        case WHOSAID_CATTR_TEXT: v = json_stringn(a->v.text.s, a->v.text.n); break;
        case WHOSAID_CATTR_INT: v = json_integer(a->v.i); break;
        default: v = json_real(a->v.r); break;
        }
        if (!v || json_object_setn_new(o, a->key, a->klen, v)) {
            json_decref(o);
            o = NULL;
        }
    }
    if (o && !json_object_size(o)) {
        json_decref(o);
        o = NULL;
    }
    return o;
}

/* Best first: longer, higher priority, user, loaded first, earlier. */
static inline int by_precedence(const whosaid_cand *a, const whosaid_cand *b)
{
    size_t la = a->end - a->start, lb = b->end - b->start;
    if (la != lb) return la > lb ? -1 : 1;
    if (a->priority != b->priority) return a->priority > b->priority ? -1 : 1;
    if (a->user != b->user) return a->user ? -1 : 1;
    if (a->order != b->order) return a->order < b->order ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return 0;
}

/* Sorts the indices idx[0..n) of v by precedence, stable (equal candidates
 * keep their list order, as glibc's merge-sorting qsort kept them), with
 * tmp of n. A bottom-up merge sort with the comparison inlined: qsort moved
 * the 80-byte candidates through pointer tables and called back per
 * comparison, a percent of whosaid-tag. */
static void sort_by_precedence(const whosaid_cand *v, size_t *idx, size_t *tmp, size_t n)
{
    /* runs of 4 by insertion first: most lists are short */
    for (size_t lo = 0; lo < n; lo += 4) {
        size_t hi = lo + 4 < n ? lo + 4 : n;
        for (size_t i = lo + 1; i < hi; i++) {
            size_t x = idx[i], j = i;
            for (; j > lo && by_precedence(&v[x], &v[idx[j - 1]]) < 0; j--)
                idx[j] = idx[j - 1];
            idx[j] = x;
        }
    }
    size_t *src = idx, *dst = tmp;
    for (size_t w = 4; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi)
                dst[o++] = by_precedence(&v[src[b]], &v[src[a]]) < 0 ? src[b++] : src[a++];
            while (a < mid)
                dst[o++] = src[a++];
            while (b < hi)
                dst[o++] = src[b++];
        }
        size_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != idx) memcpy(idx, src, n * sizeof *idx);
}

/* Where [s, e) goes in kept (indices into v, sorted by start): the first
 * kept span that starts at or after e; or SIZE_MAX when [s, e) overlaps a
 * kept span. */
static size_t kept_place(const whosaid_cand *v, const size_t *kept, size_t n, size_t s, size_t e)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[kept[mid]].start < e)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && v[kept[lo - 1]].end > s ? SIZE_MAX : lo;
}

/* Releases the candidates that neither lost nor were kept yet, and the kept
 * ones, after keep failed: the list is left empty and consistent. */
static void resolve_abandon(whosaid_cands *cs, const size_t *kept, size_t nk, const size_t *order,
                            size_t from)
{
    for (size_t i = 0; i < nk; i++)
        json_decref(cs->v[kept[i]].attrs);
    for (size_t i = from; i < cs->n; i++)
        json_decref(cs->v[order[i]].attrs);
    cs->n = 0;
}

int whosaid_cands_resolve_filtered(whosaid_cands *cs, whosaid_cands_keep_fn keep, void *ctx)
{
    if (cs->n == 0) return 0;
    /* kept holds indices: an insertion moves 8 bytes per span after it, not
     * the 80 of a candidate (the moves were a fifth of resolving); the
     * winners are copied out to moved once at the end. */
    whosaid_cand *moved = malloc(cs->n * (sizeof *moved + 3 * sizeof(size_t)));
    if (!moved) return WHOSAID_ENOMEM;
    size_t *order = (size_t *)(void *)(moved + cs->n), *tmp = order + cs->n, *kept = tmp + cs->n;
    for (size_t i = 0; i < cs->n; i++)
        order[i] = i;
    sort_by_precedence(cs->v, order, tmp, cs->n);
    size_t nk = 0;
    /* Insertion into the start-sorted kept array: n log n lookups, moves
     * bounded by the (small) number of spans per document. */
    for (size_t i = 0; i < cs->n; i++) {
        whosaid_cand *c = &cs->v[order[i]];
        size_t pos = c->end <= c->start ? SIZE_MAX : kept_place(cs->v, kept, nk, c->start, c->end);
        /* keep is asked only here: what loses to a kept span is dropped
         * whatever keep would say, and the kept set so far does not depend
         * on the candidates after c. */
        int k = pos != SIZE_MAX;
        if (k && keep) k = keep(ctx, cs, c);
        if (k < 0) {
            resolve_abandon(cs, kept, nk, order, i);
            free(moved);
            return k;
        }
        if (!k) {
            json_decref(c->attrs);
            continue;
        }
        if (pos < nk) memmove(kept + pos + 1, kept + pos, (nk - pos) * sizeof *kept);
        kept[pos] = order[i];
        nk++;
    }
    /* NONE blocked its overlaps; now it goes too. The winners go to the
     * front in start order through moved (kept[i] may be below i). */
    size_t out = 0;
    for (size_t i = 0; i < nk; i++) {
        whosaid_cand *c = &cs->v[kept[i]];
        if (c->type[0] == 'N' && strcmp(c->type, "NONE") == 0) {
            json_decref(c->attrs);
            continue;
        }
        moved[out++] = *c;
    }
    memcpy(cs->v, moved, out * sizeof *moved);
    cs->n = out;
    free(moved);
    /* kept was in start order, and no two kept spans start together (they
     * would overlap): no sort. */
    return 0;
}

int whosaid_cands_resolve(whosaid_cands *cs)
{
    return whosaid_cands_resolve_filtered(cs, NULL, NULL);
}
