/* A small direct-mapped cache of lexicon answers for short words.
 *
 * Every word of every text is looked up in the lexicons (cue words,
 * determiners, role nouns), and a few hundred words make most of those
 * lookups; a lexicon's hash map holds thousands of keys and a lookup costs
 * a key normalization, a hash and a cache miss. The cache keeps the answer
 * (any pointer, NULL too) for (tag, key), key at most
 * WHOSAID_WORDCACHE_KEY bytes, in 2^bits slots of 32 bytes; a new key
 * replaces whatever shared its slot. The lexicon that owns it clears it
 * whenever its answers change: cues.c and roles.c keep one behind their
 * lookups and clear it on every load, so their callers just look up. */
#ifndef WHOSAID_WORDCACHE_H
#define WHOSAID_WORDCACHE_H

#include <stddef.h>

/* Longest key kept; longer ones are always looked up. */
#define WHOSAID_WORDCACHE_KEY 16

typedef struct whosaid_wordcache whosaid_wordcache;

/* The answer for key[0..len) from the lexicon (the cache's miss path). */
typedef const void *(*whosaid_wordcache_fn)(const void *ctx, unsigned tag, const char *key,
                                            size_t len);

/* 2^bits slots (bits 4..16). NULL on ENOMEM or bad bits. */
whosaid_wordcache *whosaid_wordcache_new(unsigned bits);
void whosaid_wordcache_free(whosaid_wordcache *c);
/* Forgets every answer. */
void whosaid_wordcache_clear(whosaid_wordcache *c);

/* fn(ctx, tag, key, len), from the cache when (tag, key) is in it, else
 * asked and kept. tag < 2^24 tells lexicons (or kinds) apart. c NULL, an
 * empty key or one longer than WHOSAID_WORDCACHE_KEY: fn is asked. */
const void *whosaid_wordcache_get(whosaid_wordcache *c, unsigned tag, const char *key, size_t len,
                                  whosaid_wordcache_fn fn, const void *ctx);

#endif
