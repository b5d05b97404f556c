/* A string-keyed hash map with 64-bit values, the lookup structure behind
 * id sets and lexicons.
 *
 * Open addressing with linear probing, kept at most half full; keys are
 * copied into one growing arena, so a map of n keys costs about
 * 24 bytes x 2n slots plus the key bytes, and lookups are O(1) expected.
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

/* The hash the map uses (64-bit, seeded, good avalanche), for callers that
 * hash token sequences the same way. */
uint64_t whosaid_hash_bytes(const void *data, size_t len, uint64_t seed);

#endif
