/* Required words of a rule (see needs.h).
 * Keeps the words, lower-cased, and for each an anchor: two bytes of the
 * word, at offset off, chosen to be rare in text ("reserved" by "rv", not
 * "re"). A pair of bytes of the line fits an anchor when both are equal to
 * it with their 0x20 bit set (either case of a letter fits, and a few other
 * bytes too: the filter may only let too much through); only there is the
 * word compared in full. One allocation per rule; a search is one pass over
 * the line's pairs, 16 at a time with SSE2, with no allocation. */
#include "whosaid/needs.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "whosaid/utf8.h"

enum { NEEDS_MAX = 16, NEEDS_MIN_LEN = 3, BLOCK = 16 };
static const char PREFIX[] = "needs=";

struct whosaid_needs {
#ifdef __SSE2__
    __m128i want_v[2][NEEDS_MAX]; /* want, 16 times over */
#endif
    size_t n;
    const char *w[NEEDS_MAX];
    size_t len[NEEDS_MAX], off[NEEDS_MAX];
    unsigned char want[2][NEEDS_MAX]; /* the anchor's bytes | 0x20 */
    char text[];                      /* the words, each NUL-ended */
};

/* How rare a byte is in running text: ASCII letters by their English
 * frequency, blanks and vowels being the most common; anything else is
 * rare. */
static int rarity(unsigned char c)
{
    static const char by_freq[] = " etaoinsrhldcumfpgwybvkxjqz";
    const char *p = c ? strchr(by_freq, c) : NULL;
    return p ? (int)(p - by_freq) : (int)sizeof by_freq;
}

/* The offset of the rarest pair of bytes of a lower-cased word. */
static size_t anchor(const char *w, size_t len)
{
    size_t best = 0;
    int score = -1;
    for (size_t k = 0; k + 1 < len; k++) {
        int sc = rarity((unsigned char)w[k]) + rarity((unsigned char)w[k + 1]);
        if (sc > score) {
            score = sc;
            best = k;
        }
    }
    return best;
}

int whosaid_needs_is_field(const char *field)
{
    return field && !strncmp(field, PREFIX, sizeof PREFIX - 1);
}

int whosaid_needs_new(const char *field, whosaid_needs **out, whosaid_error *err)
{
    *out = NULL;
    if (!whosaid_needs_is_field(field))
        return whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0, "\"%s\": expected needs=word|word",
                                 field ? field : "");
    const char *list = field + sizeof PREFIX - 1;
    size_t n = strlen(list);
    whosaid_needs *nd = calloc(1, sizeof *nd + n + 1);
    if (!nd) return whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
    memcpy(nd->text, list, n + 1);
    for (char *w = nd->text;;) {
        char *bar = strchr(w, '|');
        size_t len = bar ? (size_t)(bar - w) : strlen(w);
        if (len < NEEDS_MIN_LEN || nd->n == NEEDS_MAX) {
            /* The message quotes w, which lives in nd: free nd after it. */
            int rc = len < NEEDS_MIN_LEN
                         ? whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0,
                                             "needs=: a word of under %d bytes (\"%.*s\"): a "
                                             "shorter one is in nearly every line",
                                             NEEDS_MIN_LEN, (int)len, w)
                         : whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0,
                                             "needs=: more than %d words", NEEDS_MAX);
            whosaid_needs_free(nd);
            return rc;
        }
        for (size_t k = 0; k < len; k++)
            w[k] = (char)whosaid_ascii_lower((unsigned char)w[k]);
        size_t off = anchor(w, len);
        nd->off[nd->n] = off;
        for (int b = 0; b < 2; b++) {
            unsigned char c = (unsigned char)w[off + b] | 0x20;
            nd->want[b][nd->n] = c;
#ifdef __SSE2__
            nd->want_v[b][nd->n] = _mm_set1_epi8((char)c);
#endif
        }
        nd->w[nd->n] = w;
        nd->len[nd->n++] = len;
        if (!bar) break;
        *bar = '\0';
        w = bar + 1;
    }
    *out = nd;
    return 0;
}

void whosaid_needs_free(whosaid_needs *n)
{
    free(n);
}

/* Whether word j starts at s[i]. */
static int word_at(const whosaid_needs *nd, size_t j, const unsigned char *s, size_t len, size_t i)
{
    size_t wl = nd->len[j];
    if (wl > len - i) return 0;
    const char *w = nd->w[j];
    for (size_t k = 0; k < wl; k++)
        if (whosaid_ascii_lower(s[i + k]) != (unsigned char)w[k]) return 0;
    return 1;
}

/* Whether some word's anchor fits the pair s[p], s[p + 1] and the word is
 * there around it. */
static int found_at_pair(const whosaid_needs *nd, const unsigned char *s, size_t len, size_t p)
{
    unsigned char c0 = s[p] | 0x20, c1 = s[p + 1] | 0x20;
    for (size_t j = 0; j < nd->n; j++)
        if (c0 == nd->want[0][j] && c1 == nd->want[1][j] && p >= nd->off[j] &&
            word_at(nd, j, s, len, p - nd->off[j]))
            return 1;
    return 0;
}

int whosaid_needs_found(const whosaid_needs *nd, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = 0;
#ifdef __SSE2__
    /* The pairs s[p], s[p + 1] for 16 values of p at a time, against every
     * word's anchor, both sides with their 0x20 bit set; the last block
     * overlaps the one before. */
    if (len >= BLOCK + 1) {
        const __m128i low = _mm_set1_epi8(0x20);
        for (;; p += BLOCK) {
            if (p + BLOCK + 1 > len) p = len - BLOCK - 1;
            __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
            __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(s + p + 1));
            __m128i f0 = _mm_or_si128(v0, low), f1 = _mm_or_si128(v1, low);
            __m128i m = _mm_setzero_si128();
            for (size_t j = 0; j < nd->n; j++)
                m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(f0, nd->want_v[0][j]),
                                                  _mm_cmpeq_epi8(f1, nd->want_v[1][j])));
            for (unsigned bits = (unsigned)_mm_movemask_epi8(m); bits; bits &= bits - 1)
                if (found_at_pair(nd, s, len, p + (size_t)__builtin_ctz(bits))) return 1;
            if (p + BLOCK + 1 == len) return 0;
        }
    }
#endif
    for (; p + 1 < len; p++)
        if (found_at_pair(nd, s, len, p)) return 1;
    return 0;
}
