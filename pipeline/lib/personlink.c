/* Full names and their parts, for one document; see personlink.h.
 *
 * fulls maps "lower-cased full name" to its group; parts maps a part to a
 * slot, whose candidate groups are a linked list in one array (a part
 * usually has one). */
#include "whosaid/personlink.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "whosaid/buf.h"
#include "whosaid/error.h"
#include "whosaid/hashmap.h"
#include "whosaid/utf8.h"

typedef struct cand {
    int group;
    int next; /* index of the next candidate of the same part, or -1 */
} cand;

typedef struct slot {
    int head, tail, n;
} slot;

struct whosaid_personlink {
    whosaid_hashmap *fulls, *parts;
    slot *slots;
    size_t nslots, capslots;
    cand *cands;
    size_t ncands, capcands;
    whosaid_buf key;
};

whosaid_personlink *whosaid_personlink_new(void)
{
    whosaid_personlink *pl = calloc(1, sizeof *pl);
    if (!pl) return NULL;
    pl->fulls = whosaid_hashmap_new();
    pl->parts = whosaid_hashmap_new();
    if (!pl->fulls || !pl->parts) {
        whosaid_personlink_free(pl);
        return NULL;
    }
    return pl;
}

void whosaid_personlink_free(whosaid_personlink *pl)
{
    if (!pl) return;
    whosaid_hashmap_free(pl->fulls);
    whosaid_hashmap_free(pl->parts);
    free(pl->slots);
    free(pl->cands);
    whosaid_buf_free(&pl->key);
    free(pl);
}

int whosaid_personlink_clear(whosaid_personlink *pl)
{
    if (whosaid_hashmap_clear(pl->fulls) || whosaid_hashmap_clear(pl->parts)) return WHOSAID_ENOMEM;
    pl->nslots = pl->ncands = 0;
    return 0;
}

typedef struct word {
    size_t start, end;
} word;

static size_t split(const char *s, size_t len, word *w, size_t max)
{
    size_t n = 0, i = 0;
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
            i++;
        if (i == len) break;
        size_t st = i;
        while (i < len && s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
            i++;
        if (n < max) w[n] = (word){st, i};
        n++;
    }
    return n;
}

size_t whosaid_personlink_words(const char *name, size_t len)
{
    return split(name, len, NULL, 0);
}

/* Lower-cased words [from, to) joined by one space, into b (cleared). */
static int make_key(whosaid_buf *b, const char *s, const word *w, size_t from, size_t to)
{
    whosaid_buf_clear(b);
    for (size_t k = from; k < to; k++) {
        if (k > from && whosaid_buf_append_char(b, ' ')) return WHOSAID_ENOMEM;
        if (whosaid_utf8_lower(s + w[k].start, w[k].end - w[k].start, b)) return WHOSAID_ENOMEM;
    }
    return whosaid_buf_append(b, "", 0);
}

/* Where the capitalized name starts in a word that opens with a
 * lower-case particle joined by a hyphen or an apostrophe ("al-Tamimi",
 * "d'Estaing": "Tamimi", "Estaing"), or 0 when it does not. */
static size_t particle_tail(const char *s, const word *w)
{
    size_t i = w->start;
    int32_t prev = 0;
    while (i < w->end && i - w->start <= 6) {
        size_t at = i;
        int32_t cp = whosaid_utf8_next(s, w->end, &i);
        utf8proc_category_t k = utf8proc_category(cp);
        if ((prev == '-' || prev == '\'' || prev == 0x2019) &&
            (k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT))
            return at;
        if (k != UTF8PROC_CATEGORY_LL && cp != '-' && cp != '\'' && cp != 0x2019) return 0;
        prev = cp;
    }
    return 0;
}

/* An initial ("T.", "J.-P.") or a particle that starts lower-case ("van"):
 * never a name on its own; a particle joined to a name ("al-Tamimi") is. */
static int weak_word(const char *s, const word *w)
{
    size_t i = w->start;
    int32_t cp = whosaid_utf8_next(s, w->end, &i);
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LL) return !particle_tail(s, w);
    return s[w->end - 1] == '.' && whosaid_utf8_count(s + w->start, w->end - w->start) <= 4;
}

static int add_part(whosaid_personlink *pl, const char *k, size_t klen, int group)
{
    uint64_t idx;
    if (!whosaid_hashmap_get(pl->parts, k, klen, &idx)) {
        if (pl->nslots == pl->capslots) {
            size_t cap = pl->capslots ? pl->capslots * 2 : 16;
            slot *v = realloc(pl->slots, cap * sizeof *v);
            if (!v) return WHOSAID_ENOMEM;
            pl->slots = v;
            pl->capslots = cap;
        }
        idx = pl->nslots;
        if (whosaid_hashmap_put(pl->parts, k, klen, idx) < 0) return WHOSAID_ENOMEM;
        pl->slots[pl->nslots++] = (slot){-1, -1, 0};
    }
    slot *sl = &pl->slots[idx];
    for (int c = sl->head; c >= 0; c = pl->cands[c].next)
        if (pl->cands[c].group == group) return 0;
    if (pl->ncands == pl->capcands) {
        size_t cap = pl->capcands ? pl->capcands * 2 : 16;
        cand *v = realloc(pl->cands, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        pl->cands = v;
        pl->capcands = cap;
    }
    int c = (int)pl->ncands++;
    pl->cands[c] = (cand){group, -1};
    if (sl->tail >= 0)
        pl->cands[sl->tail].next = c;
    else
        sl->head = c;
    sl->tail = c;
    sl->n++;
    return 0;
}

int whosaid_personlink_add(whosaid_personlink *pl, const char *name, size_t len, int group)
{
    word w[WHOSAID_PERSONLINK_MAX_WORDS];
    size_t n = split(name, len, w, WHOSAID_PERSONLINK_MAX_WORDS);
    if (n < 2) return 0;
    if (n > WHOSAID_PERSONLINK_MAX_WORDS) n = WHOSAID_PERSONLINK_MAX_WORDS;
    if (make_key(&pl->key, name, w, 0, n)) return WHOSAID_ENOMEM;
    uint64_t old;
    if (whosaid_hashmap_get(pl->fulls, pl->key.data, pl->key.len, &old)) return 0;
    if (whosaid_hashmap_put(pl->fulls, pl->key.data, pl->key.len, (uint64_t)group) < 0)
        return WHOSAID_ENOMEM;
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b <= n; b++) {
            if (a == 0 && b == n) continue;
            int strong = 0;
            for (size_t k = a; k < b; k++)
                strong |= !weak_word(name, &w[k]);
            if (!strong) continue;
            if (make_key(&pl->key, name, w, a, b) || add_part(pl, pl->key.data, pl->key.len, group))
                return WHOSAID_ENOMEM;
        }
    /* "Tamimi" of "Ahmed al-Tamimi": the last name without its particle */
    size_t t = particle_tail(name, &w[n - 1]);
    if (t) {
        word tail = {t, w[n - 1].end};
        if (make_key(&pl->key, name, &tail, 0, 1) || add_part(pl, pl->key.data, pl->key.len, group))
            return WHOSAID_ENOMEM;
    }
    return 0;
}

static size_t lookup(whosaid_personlink *pl, const char *name, size_t len, int *group, int *cands,
                     size_t max, int fulls_too)
{
    word w[WHOSAID_PERSONLINK_MAX_WORDS];
    size_t n = split(name, len, w, WHOSAID_PERSONLINK_MAX_WORDS);
    if (n == 0 || n > WHOSAID_PERSONLINK_MAX_WORDS) return 0;
    whosaid_buf *b = &pl->key;
    if (make_key(b, name, w, 0, n)) return 0;
    uint64_t v;
    if (fulls_too && whosaid_hashmap_get(pl->fulls, b->data, b->len, &v)) {
        *group = (int)v;
        return 1;
    }
    if (!whosaid_hashmap_get(pl->parts, b->data, b->len, &v)) return 0;
    const slot *sl = &pl->slots[v];
    size_t k = 0;
    for (int c = sl->head; c >= 0; c = pl->cands[c].next, k++)
        if (cands && k < max) cands[k] = pl->cands[c].group;
    if (sl->n == 1) *group = pl->cands[sl->head].group;
    return (size_t)sl->n;
}

size_t whosaid_personlink_find(whosaid_personlink *pl, const char *name, size_t len, int *group,
                               int *cands, size_t max)
{
    return lookup(pl, name, len, group, cands, max, 1);
}

size_t whosaid_personlink_find_part(whosaid_personlink *pl, const char *name, size_t len,
                                    int *group, int *cands, size_t max)
{
    return lookup(pl, name, len, group, cands, max, 0);
}
