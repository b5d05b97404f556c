/* A string-keyed hash map with 64-bit values, the lookup structure behind
 * id sets and lexicons.
 *
 * Open addressing with linear probing, kept at most half full; keys are
 * copied into one growing arena, so a map of n keys costs about
 * 33 bytes x 2n slots (a slot and a byte of filter, see hashmap.c) plus
 * the key bytes and 512 bytes of key signatures, and lookups are O(1) expected.
 * Keys are byte strings (pointer + length) and may contain any byte. */
#ifndef WHOSAID_HASHMAP_H
#define WHOSAID_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct whosaid_hashmap whosaid_hashmap;

whosaid_hashmap *whosaid_hashmap_new(void);
void whosaid_hashmap_free(whosaid_hashmap *m);

/* Inserts or replaces. Returns 1 if the key was new, 0 if it was replaced,
 * WHOSAID_ENOMEM on failure. */
int whosaid_hashmap_put(whosaid_hashmap *m, const char *key, size_t len, uint64_t value);
/* 1 and *value if present, else 0. */
int whosaid_hashmap_get(const whosaid_hashmap *m, const char *key, size_t len, uint64_t *value);
size_t whosaid_hashmap_count(const whosaid_hashmap *m);
/* Empties the map for reuse, keeping its table unless it grew past a
 * thousand slots. 0, or WHOSAID_ENOMEM (the map is then unchanged). */
int whosaid_hashmap_clear(whosaid_hashmap *m);
/* whosaid_hashmap_get with the key's hash already known (hash =
 * whosaid_hashmap_hash(key, len)), for callers that look one word up in
 * several maps. */
int whosaid_hashmap_get_hashed(const whosaid_hashmap *m, const char *key, size_t len, uint64_t hash,
                               uint64_t *value);
/* The hash every map uses for key[0..len). */
uint64_t whosaid_hashmap_hash(const char *key, size_t len);

/* The hash the map uses (64-bit, seeded, good avalanche), for callers that
 * hash token sequences the same way. */
uint64_t whosaid_hash_bytes(const void *data, size_t len, uint64_t seed);

/* Filters in front of a map: most words of a text are in no lexicon, and a
 * bit set over a cheap signature of each key turns most of them away
 * without hashing the word or probing the map. A signature mixes a key's
 * length and its first and last byte (whosaid_sig: given apart, for a
 * caller that case-maps them) into a bit number below 1 << bits
 * (bits <= 32). */
static inline unsigned whosaid_sig(size_t len, unsigned char first, unsigned char last,
                                   unsigned bits)
{
    uint32_t x = (uint32_t)(len & 0xFF) | (uint32_t)first << 8 | (uint32_t)last << 16;
    return (unsigned)((x * 2654435761u) >> (32 - bits));
}

static inline unsigned whosaid_key_sig(const char *key, size_t len, unsigned bits)
{
    if (!len) return whosaid_sig(0, 0, 0, bits);
    return whosaid_sig(len, (unsigned char)key[0], (unsigned char)key[len - 1], bits);
}

/* Bits of the signature a map keeps of each key. */
#define WHOSAID_HASHMAP_SIG_BITS 12

/* 0 if no key of m has signature sig (whosaid_sig(len, first, last,
 * WHOSAID_HASHMAP_SIG_BITS) of the key's length and first and last byte),
 * so a key known by those alone is absent without being built and hashed;
 * 1 if one may have it. 512 bytes per map. */
int whosaid_hashmap_may_have_sig(const whosaid_hashmap *m, unsigned sig);

static inline void whosaid_bit_set(uint64_t *set, size_t bit)
{
    set[bit / 64] |= UINT64_C(1) << (bit % 64);
}

static inline int whosaid_bit_test(const uint64_t *set, size_t bit)
{
    return (int)(set[bit / 64] >> (bit % 64) & 1);
}

#endif
