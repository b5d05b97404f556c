#include "whosaid/cands.h"

#include <stdlib.h>
#include <string.h>

#include "whosaid/error.h"

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
}

void whosaid_cands_free(whosaid_cands *cs)
{
    whosaid_cands_clear(cs);
    free(cs->v);
    cs->v = NULL;
    cs->cap = 0;
}

/* Best first: longer, higher priority, user, loaded first, earlier. */
static int by_precedence(const void *pa, const void *pb)
{
    const whosaid_cand *a = pa, *b = pb;
    size_t la = a->end - a->start, lb = b->end - b->start;
    if (la != lb) return la > lb ? -1 : 1;
    if (a->priority != b->priority) return a->priority > b->priority ? -1 : 1;
    if (a->user != b->user) return a->user ? -1 : 1;
    if (a->order != b->order) return a->order < b->order ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return 0;
}

static int by_start(const void *pa, const void *pb)
{
    const whosaid_cand *a = pa, *b = pb;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return 0;
}

/* Whether [s, e) overlaps a kept span; kept is sorted by start. */
static int overlaps(const whosaid_cand *kept, size_t n, size_t s, size_t e)
{
    size_t lo = 0, hi = n; /* first kept with start >= e */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (kept[mid].start < e)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && kept[lo - 1].end > s;
}

int whosaid_cands_resolve(whosaid_cands *cs)
{
    if (cs->n == 0) return 0;
    if (cs->n > 1) qsort(cs->v, cs->n, sizeof *cs->v, by_precedence);
    whosaid_cand *kept = malloc(cs->n * sizeof *kept);
    if (!kept) return WHOSAID_ENOMEM;
    size_t nk = 0;
    /* Insertion into the start-sorted kept array: n log n lookups, moves
     * bounded by the (small) number of spans per document. */
    for (size_t i = 0; i < cs->n; i++) {
        whosaid_cand *c = &cs->v[i];
        if (c->end <= c->start || overlaps(kept, nk, c->start, c->end)) {
            json_decref(c->attrs);
            continue;
        }
        size_t pos = nk;
        while (pos > 0 && kept[pos - 1].start > c->start)
            pos--;
        memmove(kept + pos + 1, kept + pos, (nk - pos) * sizeof *kept);
        kept[pos] = *c;
        nk++;
    }
    /* NONE blocked its overlaps; now it goes too. */
    size_t out = 0;
    for (size_t i = 0; i < nk; i++) {
        if (strcmp(kept[i].type, "NONE") == 0) {
            json_decref(kept[i].attrs);
            continue;
        }
        cs->v[out++] = kept[i];
    }
    cs->n = out;
    free(kept);
    if (cs->n > 1) qsort(cs->v, cs->n, sizeof *cs->v, by_start);
    return 0;
}
