/* Short strings written as JSON strings without a scan loop or a call:
 * the word tests out.c's writer, jsonload.cc's raw-form writer and tagger.c's
 * span writer share (keys, types and ids are most of the strings of a
 * record). Escaped are
 * '"', '\\' and the controls below 0x20, as jansson's dumper does with our
 * flags. Inline, and usable from C++. */
#ifndef WHOSAID_JSONESC_H
#define WHOSAID_JSONESC_H

#include <stdint.h>
#include <string.h>

/* Whether one of the 8 bytes of x needs an escape: has-less-than and
 * has-zero tests, exact as a yes/no for the 8 (not for which byte). */
static inline int whosaid_json_escape8(uint64_t x)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = ones * 0x80;
    uint64_t q = x ^ (ones * '"'), k = x ^ (ones * '\\');
    return ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((k - ones) & ~k)) & highs) != 0;
}

/* Copies a plain s[0..len), 4 <= len <= 16, to w with two overlapping
 * loads and stores; 0 (w untouched) when a byte needs an escape. */
static inline int whosaid_json_copy_short(char *w, const char *s, size_t len)
{
    if (len >= 8) {
        uint64_t x, y;
        memcpy(&x, s, 8);
        memcpy(&y, s + len - 8, 8);
        if (whosaid_json_escape8(x) || whosaid_json_escape8(y)) return 0;
        memcpy(w, &x, 8);
        memcpy(w + len - 8, &y, 8);
        return 1;
    }
    uint32_t x, y;
    memcpy(&x, s, 4);
    memcpy(&y, s + len - 4, 4);
    if (whosaid_json_escape8((uint64_t)x | (uint64_t)y << 32))
        return 0; /* the 8 bytes as one word */
    memcpy(w, &x, 4);
    memcpy(w + len - 4, &y, 4);
    return 1;
}

/* whosaid_json_copy_short for 1 <= len <= 16: shorter strings byte by
 * byte. 1, or 0 (w partly written) when a byte needs an escape. */
static inline int whosaid_json_copy_plain(char *w, const char *s, size_t len)
{
    if (len >= 4) return whosaid_json_copy_short(w, s, len);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\') return 0;
        w[i] = (char)c;
    }
    return len > 0;
}

#endif
