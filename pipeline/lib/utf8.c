#include "whosaid/utf8.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "whosaid/error.h"

/* Valid range of the second byte for each lead byte (Unicode Table 3-7);
 * later bytes are always 80..BF. Gives overlong, surrogate and >U+10FFFF
 * rejection without decoding. */
static int utf8_seq_len(unsigned char c, unsigned char *lo, unsigned char *hi)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;
    if (c < 0xE0) return 2;
    if (c < 0xF0) {
        if (c == 0xE0) *lo = 0xA0;
        if (c == 0xED) *hi = 0x9F;
        return 3;
    }
    if (c < 0xF5) {
        if (c == 0xF0) *lo = 0x90;
        if (c == 0xF4) *hi = 0x8F;
        return 4;
    }
    return 0;
}

/* Length of the well-formed sequence at s[i], or -(bytes in the maximal
 * ill-formed subpart) when it is ill-formed. */
static long utf8_check_at(const unsigned char *s, size_t len, size_t i)
{
    unsigned char lo, hi;
    int n = utf8_seq_len(s[i], &lo, &hi);
    if (n == 0) return -1;
    if (n == 1) return 1;
    long k = 1;
    for (; k < n; k++) {
        if (i + (size_t)k >= len) return -k;
        unsigned char c = s[i + (size_t)k];
        if (k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) return -k;
    }
    return n;
}

int whosaid_utf8_repair(const char *src, size_t len, whosaid_buf *out, size_t *n_bad,
                        size_t *first_bad)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t bad = 0, first = SIZE_MAX, i = 0, run = 0;
    if (whosaid_buf_reserve(out, len)) return WHOSAID_ENOMEM;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        long n = utf8_check_at(s, len, i);
        if (n > 0) {
            i += (size_t)n;
            continue;
        }
        if (whosaid_buf_append(out, src + run, i - run) ||
            whosaid_buf_append(out, "\xEF\xBF\xBD", 3))
            return WHOSAID_ENOMEM;
        if (first == SIZE_MAX) first = i;
        bad++;
        i += (size_t)(-n);
        run = i;
    }
    if (whosaid_buf_append(out, src + run, len - run)) return WHOSAID_ENOMEM;
    if (n_bad) *n_bad = bad;
    if (first_bad) *first_bad = first;
    return 0;
}

int whosaid_utf8_valid(const char *src, size_t len)
{
    const unsigned char *s = (const unsigned char *)src;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        long n = utf8_check_at(s, len, i);
        if (n < 0) return 0;
        i += (size_t)n;
    }
    return 1;
}

int32_t whosaid_utf8_next(const char *str, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    if (p >= len) return -1;
    unsigned char c = s[p];
    int32_t cp;
    int n;
    if (c < 0x80) {
        *i = p + 1;
        return c;
    } else if (c < 0xE0) {
        cp = c & 0x1F;
        n = 2;
    } else if (c < 0xF0) {
        cp = c & 0x0F;
        n = 3;
    } else {
        cp = c & 0x07;
        n = 4;
    }
    if (p + (size_t)n > len) {
        *i = len;
        return 0xFFFD;
    }
    for (int k = 1; k < n; k++) cp = (cp << 6) | (s[p + (size_t)k] & 0x3F);
    *i = p + (size_t)n;
    return cp;
}

int32_t whosaid_utf8_prev(const char *str, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    if (p == 0) return -1;
    size_t start = p - 1;
    while (start > 0 && (s[start] & 0xC0) == 0x80 && p - start < 4) start--;
    size_t j = start;
    int32_t cp = whosaid_utf8_next(str, p, &j);
    *i = start;
    return cp;
}

int whosaid_utf8_encode(int32_t cp, char out[4])
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t whosaid_utf8_count(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += (s[i] & 0xC0) != 0x80;
    return n;
}

/* Maps s[0..len) code point by code point into out[0..cap), leaving room
 * for the NUL it writes after. Returns the bytes written, or SIZE_MAX when
 * they do not fit. */
static size_t map_case(const char *s, size_t len, char *out, size_t cap, int upper)
{
    size_t o = 0;
    if (cap == 0) return SIZE_MAX;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            /* ASCII maps within ASCII: no table lookup. */
            if (o + 1 >= cap) return SIZE_MAX;
            if (upper ? (b >= 'a' && b <= 'z') : (b >= 'A' && b <= 'Z')) b ^= 0x20;
            out[o++] = (char)b;
            i++;
            continue;
        }
        int32_t c = whosaid_utf8_next(s, len, &i);
        char enc[4];
        int n = whosaid_utf8_encode(upper ? utf8proc_toupper(c) : utf8proc_tolower(c), enc);
        if (o + (size_t)n >= cap) return SIZE_MAX;
        memcpy(out + o, enc, (size_t)n);
        o += (size_t)n;
    }
    out[o] = '\0';
    return o;
}

static int case_append(const char *s, size_t len, whosaid_buf *out, int upper)
{
    /* A mapping at most doubles a code point's bytes (U+023A, 2 bytes,
     * lower-cases to U+2C65, 3), and a sequence cut short at the end of
     * ill-formed input becomes U+FFFD (3 bytes): 2 * len + 4 always fits. */
    if (len > (SIZE_MAX - 4) / 2 || whosaid_buf_reserve(out, 2 * len + 4)) return WHOSAID_ENOMEM;
    size_t n = map_case(s, len, out->data + out->len, out->cap - out->len, upper);
    if (n == SIZE_MAX) return WHOSAID_ENOMEM; /* not reached: see above */
    out->len += n;
    return 0;
}

int whosaid_utf8_lower(const char *s, size_t len, whosaid_buf *out)
{
    return case_append(s, len, out, 0);
}

int whosaid_utf8_upper(const char *s, size_t len, whosaid_buf *out)
{
    return case_append(s, len, out, 1);
}

long whosaid_utf8_lower_into(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = map_case(s, len, out, cap, 0);
    return n == SIZE_MAX || n > LONG_MAX ? -1 : (long)n;
}

#define OFFMAP_BLOCK 64

struct whosaid_offmap {
    const char *text;
    size_t len;
    size_t nblocks;
    size_t cp_len;
    size_t *cps; /* code points before byte OFFMAP_BLOCK * k */
};

whosaid_offmap *whosaid_offmap_new(const char *text, size_t len)
{
    whosaid_offmap *m = malloc(sizeof *m);
    if (!m) return NULL;
    m->text = text;
    m->len = len;
    m->nblocks = len / OFFMAP_BLOCK + 1;
    m->cps = malloc(m->nblocks * sizeof *m->cps);
    if (!m->cps) {
        free(m);
        return NULL;
    }
    size_t n = 0;
    for (size_t k = 0; k < m->nblocks; k++) {
        m->cps[k] = n;
        size_t end = (k + 1) * OFFMAP_BLOCK;
        if (end > len) end = len;
        n += whosaid_utf8_count(text + k * OFFMAP_BLOCK, end - k * OFFMAP_BLOCK);
    }
    m->cp_len = n;
    return m;
}

void whosaid_offmap_free(whosaid_offmap *m)
{
    if (!m) return;
    free(m->cps);
    free(m);
}

size_t whosaid_offmap_cp(const whosaid_offmap *m, size_t b)
{
    if (b >= m->len) return m->cp_len;
    size_t k = b / OFFMAP_BLOCK;
    return m->cps[k] + whosaid_utf8_count(m->text + k * OFFMAP_BLOCK, b - k * OFFMAP_BLOCK);
}

size_t whosaid_offmap_byte(const whosaid_offmap *m, size_t c)
{
    if (c >= m->cp_len) return m->len;
    size_t lo = 0, hi = m->nblocks; /* last block with cps <= c */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->cps[mid] <= c)
            lo = mid;
        else
            hi = mid;
    }
    const unsigned char *s = (const unsigned char *)m->text;
    size_t n = m->cps[lo];
    for (size_t p = lo * OFFMAP_BLOCK; p < m->len; p++) {
        if ((s[p] & 0xC0) == 0x80) continue;
        if (n == c) return p;
        n++;
    }
    return m->len;
}

size_t whosaid_offmap_cp_len(const whosaid_offmap *m)
{
    return m->cp_len;
}
