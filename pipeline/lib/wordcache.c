/* The word cache (wordcache.h): 2^bits slots of {two words of key bytes,
 * length and tag, answer}. A key is its first and last 8 bytes (8 to 16
 * bytes: they overlap), first and last 4 (4 to 7), or first, middle and
 * last byte (1 to 3), the rest zero: with its length, that tells it from
 * any other key. A get costs two loads, a multiply-hash and
 * a compare; a miss adds the lexicon's own lookup. */
#include "whosaid/wordcache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct slot {
    uint64_t w[2];
    uint32_t len_tag; /* (len + 1) | tag << 8; 0: empty */
    const void *value;
} slot;

struct whosaid_wordcache {
    slot *slots;
    unsigned bits;
};

whosaid_wordcache *whosaid_wordcache_new(unsigned bits)
{
    if (bits < 4 || bits > 16) return NULL;
    whosaid_wordcache *c = malloc(sizeof *c);
    if (!c) return NULL;
    c->bits = bits;
    c->slots = calloc((size_t)1 << bits, sizeof *c->slots);
    if (!c->slots) {
        free(c);
        return NULL;
    }
    return c;
}

void whosaid_wordcache_free(whosaid_wordcache *c)
{
    if (!c) return;
    free(c->slots);
    free(c);
}

void whosaid_wordcache_clear(whosaid_wordcache *c)
{
    if (c) memset(c->slots, 0, ((size_t)1 << c->bits) * sizeof *c->slots);
}

const void *whosaid_wordcache_get(whosaid_wordcache *c, unsigned tag, const char *key, size_t len,
                                  whosaid_wordcache_fn fn, const void *ctx)
{
    if (!c || len == 0 || len > WHOSAID_WORDCACHE_KEY || tag >= (1u << 24))
        return fn(ctx, tag, key, len);
    uint64_t w0, w1 = 0;
    if (len >= 8) {
        memcpy(&w0, key, 8);
        memcpy(&w1, key + len - 8, 8);
    } else if (len >= 4) {
        uint32_t a, b;
        memcpy(&a, key, 4);
        memcpy(&b, key + len - 4, 4);
        w0 = a | (uint64_t)b << 32;
    } else {
        const unsigned char *k = (const unsigned char *)key;
        w0 = k[0] | (uint32_t)k[len / 2] << 8 | (uint32_t)k[len - 1] << 16;
    }
    uint32_t lt = (uint32_t)(len + 1) | (uint32_t)tag << 8;
    uint64_t h = (w0 * 0x9e3779b97f4a7c15u) ^ (w1 * 0xc2b2ae3d27d4eb4fu) ^ lt;
    slot *s = &c->slots[(h * 0x9e3779b97f4a7c15u) >> (64 - c->bits)];
    if (s->len_tag == lt && s->w[0] == w0 && s->w[1] == w1) return s->value;
    s->value = fn(ctx, tag, key, len);
    s->w[0] = w0;
    s->w[1] = w1;
    s->len_tag = lt;
    return s->value;
}
