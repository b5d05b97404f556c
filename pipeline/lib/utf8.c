#include "whosaid/utf8.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "whosaid/error.h"

/* Word-at-a-time helpers: most news text is ASCII, so the scans below
 * look at 8 bytes per step and decode only around non-ASCII bytes. */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static uint64_t load8(const unsigned char *s)
{
    uint64_t x;
    memcpy(&x, s, sizeof x);
    return x;
}

/* Bytes of s[i..len) from i up to the first non-ASCII byte (or len). */
static size_t skip_ascii(const unsigned char *s, size_t len, size_t i)
{
    while (i + 8 <= len && !(load8(s + i) & HIGHS))
        i += 8;
    while (i < len && s[i] < 0x80)
        i++;
    return i;
}

/* The words class of whosaid_utf8_skip_words: graphic ASCII minus up to 4
 * exceptions for the wide steps (more: bytes one at a time). */
typedef struct word_class {
    uint64_t bits[2]; /* the exceptions as a bit set */
    unsigned char ex[4];
    size_t nex;
    int wide;
} word_class;

static int in_class(const word_class *wc, unsigned c)
{
    return c - 0x21u < 0x5Eu && !(wc->bits[c / 64] >> (c % 64) & 1);
}

/* How many bytes from s[i] are known to be in the run: a byte of the
 * class, or a space whose next byte is of the class. WIDE when all of a
 * block are; fewer stops at the first that is not (0 when none is, or near
 * the end, where the caller goes byte by byte). */
#ifdef __SSE2__
enum { WIDE = 16 };

static size_t wide_step(const word_class *wc, const unsigned char *s, size_t len, size_t i)
{
    if (!wc->wide || len < WIDE + 1 || i > len - (WIDE + 1)) return 0;
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1)); /* next bytes */
    __m128i lo = _mm_set1_epi8(0x20), hi = _mm_set1_epi8(0x7F);
    /* Signed compares: bytes of 0x80 and above are negative, so not graphic. */
    __m128i gv = _mm_and_si128(_mm_cmpgt_epi8(v, lo), _mm_cmplt_epi8(v, hi));
    __m128i gw = _mm_and_si128(_mm_cmpgt_epi8(w, lo), _mm_cmplt_epi8(w, hi));
    for (size_t k = 0; k < wc->nex; k++) {
        __m128i e = _mm_set1_epi8((char)wc->ex[k]);
        gv = _mm_andnot_si128(_mm_cmpeq_epi8(v, e), gv);
        gw = _mm_andnot_si128(_mm_cmpeq_epi8(w, e), gw);
    }
    __m128i ok = _mm_or_si128(gv, _mm_and_si128(_mm_cmpeq_epi8(v, lo), gw));
    unsigned bad = ~(unsigned)_mm_movemask_epi8(ok) & 0xFFFFu;
    size_t n = 0;
    while (n < WIDE && !(bad >> n & 1))
        n++;
    return n;
}
#else
enum { WIDE = 8 };

/* The same 8 bytes with the first one lowest whatever the machine's byte
 * order, for scans that care which byte comes first (compilers make this
 * one load on little-endian machines). */
static uint64_t load8_le(const unsigned char *s)
{
    return (uint64_t)s[0] | (uint64_t)s[1] << 8 | (uint64_t)s[2] << 16 | (uint64_t)s[3] << 24 |
           (uint64_t)s[4] << 32 | (uint64_t)s[5] << 40 | (uint64_t)s[6] << 48 |
           (uint64_t)s[7] << 56;
}

/* High bit of each byte of x that is zero (exact: no carry between bytes). */
static uint64_t zero_bytes(uint64_t x)
{
    return ~(((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
}

/* High bit of each byte of x in 0x21..0x7E. Exact for bytes below 0x80;
 * a byte at or above it (never marked itself) may spoil the mark of the
 * byte after it, so a caller only trusts the marks when all 8 are set. */
static uint64_t graphic_bytes(uint64_t x)
{
    return (x + ONES * 0x5F) & ~(x + ONES) & ~x & HIGHS;
}

/* Index of the first byte (in memory order) whose high bit is set in m,
 * which is not 0. */
static unsigned first_marked(uint64_t m)
{
    unsigned k = 0;
    while (!(m & 0x80))
        m >>= 8, k++;
    return k;
}

static size_t wide_step(const word_class *wc, const unsigned char *s, size_t len, size_t i)
{
    if (!wc->wide || len < WIDE + 1 || i > len - (WIDE + 1)) return 0;
    /* y holds the same bytes one on: the byte after each byte of x. */
    uint64_t x = load8_le(s + i), y = load8_le(s + i + 1);
    uint64_t gx = graphic_bytes(x), sx = zero_bytes(x ^ (ONES * ' '));
    uint64_t gy = graphic_bytes(y);
    for (size_t k = 0; k < wc->nex; k++) {
        gx &= ~zero_bytes(x ^ (ONES * wc->ex[k]));
        gy &= ~zero_bytes(y ^ (ONES * wc->ex[k]));
    }
    /* A byte of 0x80 or above may spoil the marks of the bytes after it,
     * never of those before: up to the first byte that fails, the marks
     * are exact. */
    uint64_t bad = (~(gx | sx) | (sx & ~gy)) & HIGHS;
    return bad ? first_marked(bad) : WIDE;
}
#endif

size_t whosaid_utf8_skip_words(const char *str, size_t len, size_t i, const char *except)
{
    const unsigned char *s = (const unsigned char *)str;
    word_class wc = {{0, 0}, {0}, 0, 1};
    for (const char *e = except; *e; e++) {
        unsigned char c = (unsigned char)*e;
        if (c - 0x21u >= 0x5Eu) continue; /* not in the class anyway */
        wc.bits[c / 64] |= UINT64_C(1) << (c % 64);
        if (wc.nex == sizeof wc.ex)
            wc.wide = 0;
        else
            wc.ex[wc.nex++] = c;
    }
    for (;;) {
        size_t n = wide_step(&wc, s, len, i);
        i += n;
        if (n == WIDE) continue;
        if (i < len && in_class(&wc, s[i])) {
            i++;
            continue;
        }
        if (i + 1 < len && s[i] == ' ' && in_class(&wc, s[i + 1])) {
            i += 2;
            continue;
        }
        return i;
    }
}

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
    while ((i = skip_ascii(s, len, i)) < len) {
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
    for (size_t i = 0; (i = skip_ascii(s, len, i)) < len;) {
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
    for (int k = 1; k < n; k++)
        cp = (cp << 6) | (s[p + (size_t)k] & 0x3F);
    *i = p + (size_t)n;
    return cp;
}

int32_t whosaid_utf8_prev(const char *str, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    if (p == 0) return -1;
    size_t start = p - 1;
    while (start > 0 && (s[start] & 0xC0) == 0x80 && p - start < 4)
        start--;
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
    size_t n = 0, i = 0;
    for (; i + 8 <= len; i += 8) {
        /* Continuation bytes are 10xxxxxx: bit 7 set, bit 6 clear. */
        uint64_t x = load8(s + i);
        uint64_t cont = (x & ~(x << 1) & HIGHS) >> 7;
        n += 8 - (size_t)((cont * ONES) >> 56);
    }
    for (; i < len; i++)
        n += (s[i] & 0xC0) != 0x80;
    return n;
}

size_t whosaid_utf8_ascii_lower(const char *s, size_t len, char *out)
{
    size_t i = 0;
    uint64_t x;
    /* words are short: 8 bytes, then 4 (as the low half of a word), then
     * bytes; a non-ASCII byte ends each step */
    for (; len - i >= 8; i += 8) {
        x = load8((const unsigned char *)s + i);
        if (x & HIGHS) break;
        x = whosaid_utf8_lower8(x);
        memcpy(out + i, &x, 8);
    }
    if (len - i >= 4) {
        uint32_t h;
        memcpy(&h, s + i, 4);
        if (!(h & (uint32_t)HIGHS)) {
            h = (uint32_t)whosaid_utf8_lower8(h);
            memcpy(out + i, &h, 4);
            i += 4;
        }
    }
    for (; i < len && !((unsigned char)s[i] & 0x80); i++)
        out[i] = (char)whosaid_ascii_lower((unsigned char)s[i]);
    return i;
}

/* Maps s[0..len) code point by code point into out[0..cap), leaving room
 * for the NUL it writes after. Returns the bytes written, or SIZE_MAX when
 * they do not fit. */
static size_t map_case(const char *s, size_t len, char *out, size_t cap, int upper)
{
    size_t o = 0, i = 0;
    if (cap == 0) return SIZE_MAX;
    /* lower-casing keeps ASCII bytes one for one: its ASCII start at once */
    if (!upper && cap > len) o = i = whosaid_utf8_ascii_lower(s, len, out);
    while (i < len) {
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
    /* A block with as many code points as bytes is ASCII: no count. */
    if (k + 1 < m->nblocks && m->cps[k + 1] - m->cps[k] == OFFMAP_BLOCK)
        return m->cps[k] + (b - k * OFFMAP_BLOCK);
    return m->cps[k] + whosaid_utf8_count(m->text + k * OFFMAP_BLOCK, b - k * OFFMAP_BLOCK);
}

size_t whosaid_offmap_byte(const whosaid_offmap *m, size_t c)
{
    if (c >= m->cp_len) return m->len;
    /* The last block with cps <= c: a block holds at most OFFMAP_BLOCK
     * code points, so it is block c / OFFMAP_BLOCK or a later one; in
     * mostly ASCII text one of the next few (a binary search after). */
    size_t lo = c / OFFMAP_BLOCK, hi = m->nblocks;
    for (int step = 0; step < 4 && lo + 1 < hi && m->cps[lo + 1] <= c; step++)
        lo++;
    if (lo + 1 < hi && m->cps[lo + 1] > c) hi = lo + 1;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->cps[mid] <= c)
            lo = mid;
        else
            hi = mid;
    }
    const unsigned char *s = (const unsigned char *)m->text;
    size_t n = m->cps[lo];
    /* A block with as many code points as bytes is ASCII: no scan. */
    size_t bytes =
        m->len - lo * OFFMAP_BLOCK < OFFMAP_BLOCK ? m->len - lo * OFFMAP_BLOCK : OFFMAP_BLOCK;
    if ((lo + 1 < m->nblocks ? m->cps[lo + 1] : m->cp_len) - n == bytes)
        return lo * OFFMAP_BLOCK + (c - n);
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
