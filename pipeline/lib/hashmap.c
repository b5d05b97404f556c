#include "whosaid/hashmap.h"

#include <stdlib.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/error.h"

typedef struct slot {
    uint64_t hash; /* 0 marks an empty slot */
    size_t key;    /* offset of the key in the arena */
    size_t len;
    uint64_t value;
} slot;

struct whosaid_hashmap {
    slot *slots;
    size_t cap; /* power of two */
    size_t count;
    whosaid_buf keys;
    /* Eight bits per slot, one set per key at its hash's top bits (the
     * slot index takes the low ones): a lookup of an absent key, the usual
     * case in a big word list, passes about one time in sixteen, and the
     * filter is 1/32 of the slots' size, so it stays in cache where a
     * probe of the slots would miss it. */
    uint64_t *filter;
    unsigned filter_bits;
    /* Each key's whosaid_key_sig(): a caller that knows only a key's length
     * and ends (a phrase not joined yet) asks here before building it. */
    uint64_t sigs[(1u << WHOSAID_HASHMAP_SIG_BITS) / 64];
};

static size_t filter_bit(const whosaid_hashmap *m, uint64_t h)
{
    return (size_t)(h >> (64 - m->filter_bits));
}

/* The filter for cap slots, set for every key in slots. */
static uint64_t *filter_build(const slot *slots, size_t cap, unsigned *bits)
{
    unsigned b = 3;
    while (((size_t)1 << b) < cap * 8)
        b++;
    uint64_t *f = calloc(((size_t)1 << b) / 64 ? ((size_t)1 << b) / 64 : 1, sizeof *f);
    if (!f) return NULL;
    for (size_t i = 0; i < cap; i++)
        if (slots[i].hash) whosaid_bit_set(f, (size_t)(slots[i].hash >> (64 - b)));
    *bits = b;
    return f;
}

uint64_t whosaid_hash_bytes(const void *data, size_t len, uint64_t seed)
{
    /* FNV-1a over 8-byte words, then a murmur-style finalizer for avalanche. */
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL ^ seed ^ (len * 0x9E3779B97F4A7C15ULL);
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
        p += 8;
        len -= 8;
    }
    while (len--)
        h = (h ^ *p++) * 0x100000001b3ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h ? h : 1;
}

whosaid_hashmap *whosaid_hashmap_new(void)
{
    whosaid_hashmap *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->cap = 16;
    m->slots = calloc(m->cap, sizeof *m->slots);
    if (!m->slots || !(m->filter = filter_build(m->slots, m->cap, &m->filter_bits))) {
        free(m->slots);
        free(m);
        return NULL;
    }
    return m;
}

void whosaid_hashmap_free(whosaid_hashmap *m)
{
    if (!m) return;
    free(m->slots);
    free(m->filter);
    whosaid_buf_free(&m->keys);
    free(m);
}

/* Makes slots (cap of them, filled) the map's table, with a filter built
 * for it; on failure frees slots and leaves the map as it was. */
static int set_table(whosaid_hashmap *m, slot *slots, size_t cap)
{
    unsigned bits;
    uint64_t *filter = filter_build(slots, cap, &bits);
    if (!filter) {
        free(slots);
        return WHOSAID_ENOMEM;
    }
    free(m->slots);
    free(m->filter);
    m->slots = slots;
    m->cap = cap;
    m->filter = filter;
    m->filter_bits = bits;
    return 0;
}

/* Slots a cleared map keeps; a bigger table (a document of thousands of
 * names) is given back, so what one document grew does not stay. */
#define CLEAR_KEEP 1024

int whosaid_hashmap_clear(whosaid_hashmap *m)
{
    if (m->count == 0) return 0;
    if (m->cap > CLEAR_KEEP) {
        slot *slots = calloc(16, sizeof *slots);
        if (!slots || set_table(m, slots, 16)) return WHOSAID_ENOMEM;
        whosaid_buf_free(&m->keys);
    } else {
        memset(m->slots, 0, m->cap * sizeof *m->slots);
        size_t words = ((size_t)1 << m->filter_bits) / 64;
        memset(m->filter, 0, (words ? words : 1) * sizeof *m->filter);
    }
    memset(m->sigs, 0, sizeof m->sigs);
    m->count = 0;
    whosaid_buf_clear(&m->keys);
    return 0;
}

static slot *find_slot(slot *slots, size_t cap, const whosaid_buf *keys, uint64_t h,
                       const char *key, size_t len)
{
    for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1)) {
        slot *s = &slots[i];
        if (s->hash == 0) return s;
        if (s->hash == h && s->len == len && memcmp(keys->data + s->key, key, len) == 0) return s;
    }
}

static int grow(whosaid_hashmap *m)
{
    size_t cap = m->cap * 2;
    slot *slots = calloc(cap, sizeof *slots);
    if (!slots) return WHOSAID_ENOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        slot *s = &m->slots[i];
        if (!s->hash) continue;
        size_t j = s->hash & (cap - 1);
        while (slots[j].hash)
            j = (j + 1) & (cap - 1);
        slots[j] = *s;
    }
    return set_table(m, slots, cap);
}

int whosaid_hashmap_put(whosaid_hashmap *m, const char *key, size_t len, uint64_t value)
{
    if ((m->count + 1) * 2 > m->cap && grow(m)) return WHOSAID_ENOMEM;
    uint64_t h = whosaid_hash_bytes(key, len, 0);
    slot *s = find_slot(m->slots, m->cap, &m->keys, h, key, len);
    if (s->hash) {
        s->value = value;
        return 0;
    }
    size_t off = m->keys.len;
    if (whosaid_buf_append(&m->keys, key, len)) return WHOSAID_ENOMEM;
    s->hash = h;
    s->key = off;
    s->len = len;
    s->value = value;
    m->count++;
    whosaid_bit_set(m->filter, filter_bit(m, h));
    whosaid_bit_set(m->sigs, whosaid_key_sig(key, len, WHOSAID_HASHMAP_SIG_BITS));
    return 1;
}

uint64_t whosaid_hashmap_hash(const char *key, size_t len)
{
    return whosaid_hash_bytes(key, len, 0);
}

int whosaid_hashmap_get(const whosaid_hashmap *m, const char *key, size_t len, uint64_t *value)
{
    /* The signature before the hash: most keys asked of a small map are
     * absent, and this tells most of them so from three bytes. */
    if (!whosaid_bit_test(m->sigs, whosaid_key_sig(key, len, WHOSAID_HASHMAP_SIG_BITS))) return 0;
    return whosaid_hashmap_get_hashed(m, key, len, whosaid_hash_bytes(key, len, 0), value);
}

/* The probe of whosaid_hashmap_get_hashed past the filter. Not inline:
 * most lookups end at the filter, and apart they cost a few instructions
 * where the probe's register saves and restores cost a dozen more. */
static __attribute__((noinline)) int probe(const whosaid_hashmap *m, const char *key, size_t len,
                                           uint64_t h, uint64_t *value)
{
    const slot *s = find_slot(m->slots, m->cap, &m->keys, h, key, len);
    if (!s->hash) return 0;
    if (value) *value = s->value;
    return 1;
}

int whosaid_hashmap_get_hashed(const whosaid_hashmap *m, const char *key, size_t len, uint64_t h,
                               uint64_t *value)
{
    if (!whosaid_bit_test(m->filter, filter_bit(m, h))) return 0;
    return probe(m, key, len, h, value);
}

size_t whosaid_hashmap_count(const whosaid_hashmap *m)
{
    return m->count;
}

int whosaid_hashmap_may_have_sig(const whosaid_hashmap *m, unsigned sig)
{
    return whosaid_bit_test(m->sigs, sig);
}
