#include "whosaid/tokens.h"

#include <stdlib.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "whosaid/buf.h"
#include "whosaid/error.h"
#include "whosaid/utf8.h"

static int is_alnum_cp(int32_t c)
{
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME) ||
           (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

static int is_space_cp(int32_t c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static int is_apostrophe(int32_t c)
{
    return c == '\'' || c == 0x2019;
}

static int is_hyphen(int32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2011;
}

static int is_digit_cp(int32_t c)
{
    return c >= '0' && c <= '9';
}

/* whosaid_utf8_next with ASCII decoded here: nearly every byte of a text
 * goes through this, and the call cost more than the decoding. */
static inline int32_t next_cp(const char *s, size_t len, size_t *i)
{
    if (*i < len && !((unsigned char)s[*i] & 0x80)) return (unsigned char)s[(*i)++];
    return whosaid_utf8_next(s, len, i);
}

static int32_t peek(const char *s, size_t len, size_t i)
{
    return i < len ? next_cp(s, len, &i) : -1;
}

/* Case flags of a word from its letters. */
static uint32_t case_flags(const char *s, size_t start, size_t end)
{
    size_t i = start;
    int first = 1, letters = 0, upper = 0;
    uint32_t f = 0;
    while (i < end) {
        unsigned char b = (unsigned char)s[i];
        int is_up, is_letter;
        utf8proc_category_t k;
        if (b < 0x80) {
            /* ASCII without a table lookup: most text, and every gazetteer surface. */
            i++;
            is_up = b >= 'A' && b <= 'Z';
            is_letter = is_up || (b >= 'a' && b <= 'z');
            k = is_up ? UTF8PROC_CATEGORY_LU : UTF8PROC_CATEGORY_LL;
        } else {
            int32_t c = whosaid_utf8_next(s, end, &i);
            k = utf8proc_category(c);
            is_up = k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
            is_letter = k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
        }
        if (!is_letter) continue;
        if (first)
            f |= is_up ? WHOSAID_TOK_CAP : (k == UTF8PROC_CATEGORY_LL ? WHOSAID_TOK_LOWER : 0);
        first = 0;
        letters++;
        upper += is_up;
    }
    if (letters >= 2 && upper == letters) f |= WHOSAID_TOK_ALLCAPS;
    return f;
}

/* End of the word starting at i: letters/digits joined by inner hyphens and
 * apostrophes, dotted abbreviations ("U.S."), number separators. */
static size_t word_end(const char *s, size_t len, size_t i, int numeric)
{
    size_t end = i;
    while (end < len) {
        unsigned char b = (unsigned char)s[end];
        if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
            end++; /* the common case, without decoding */
            continue;
        }
        size_t j = end;
        int32_t c = next_cp(s, len, &j);
        if (is_alnum_cp(c)) {
            end = j;
            continue;
        }
        int32_t next = peek(s, len, j);
        if (numeric && (c == ',' || c == '.') && is_digit_cp(next)) {
            end = j;
            continue;
        }
        if (!numeric && (is_hyphen(c) || is_apostrophe(c)) && next >= 0 && is_alnum_cp(next)) {
            /* Possessive 's ends the word: split it off. */
            if (is_apostrophe(c) && (next == 's' || next == 'S')) {
                size_t k = j;
                whosaid_utf8_next(s, len, &k);
                if (k >= len || !is_alnum_cp(peek(s, len, k))) break;
            }
            end = j;
            continue;
        }
        break;
    }
    return end;
}

/* "U.S." / "U.N." / "e.g.": single letters each followed by a period. */
static size_t dotted_end(const char *s, size_t len, size_t i)
{
    size_t p = i, groups = 0;
    for (;;) {
        size_t j = p;
        int32_t c = next_cp(s, len, &j);
        if (c < 0 || !is_alnum_cp(c) || is_digit_cp(c)) break;
        if (peek(s, len, j) != '.') break;
        size_t after = j + 1;
        int32_t n2 = peek(s, len, after);
        groups++;
        p = after;
        if (n2 < 0 || !is_alnum_cp(n2)) break;
        /* the next letter must itself be a single letter + '.' */
        size_t k = after;
        whosaid_utf8_next(s, len, &k);
        if (peek(s, len, k) != '.') break;
    }
    return groups >= 2 ? p : i;
}

/* Class of each ASCII byte for ascii_word: 1 lower, 2 upper, 3 digit. */
static const unsigned char ascii_cls[128] = {
    ['0'] = 3, ['1'] = 3, ['2'] = 3, ['3'] = 3, ['4'] = 3, ['5'] = 3, ['6'] = 3, ['7'] = 3,
    ['8'] = 3, ['9'] = 3, ['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2,
    ['G'] = 2, ['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2, ['M'] = 2, ['N'] = 2,
    ['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2, ['S'] = 2, ['T'] = 2, ['U'] = 2, ['V'] = 2,
    ['W'] = 2, ['X'] = 2, ['Y'] = 2, ['Z'] = 2, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* The common token at once: ASCII letters and digits starting at i (first
 * byte c) ended by an ASCII byte that cannot continue it, which dotted_end,
 * word_end and case_flags would give the same end and flags for in three
 * passes. 0 when the token needs the general path: a byte at or above 0x80,
 * a hyphen or apostrophe after a word, a comma or period after a number, a
 * period after a single letter ("U.S."). */
#ifdef __SSE2__
/* Bytes of v in [lo, lo + n): unsigned v - lo < n, as a signed compare. */
static inline __m128i in_range(__m128i v, char lo, int n)
{
    __m128i t = _mm_xor_si128(_mm_sub_epi8(v, _mm_set1_epi8(lo)), _mm_set1_epi8((char)0x80));
    return _mm_cmplt_epi8(t, _mm_set1_epi8((char)(n - 128)));
}
#endif

static int ascii_word(const char *s, size_t len, size_t i, int32_t c, size_t *end, uint32_t *flags)
{
    unsigned k0 = ascii_cls[c];
    if (!k0) return 0;
    size_t e = i + 1;
    /* all capitals (ASCII letters are upper or lower) = no lower-case
     * letter and two upper-case ones */
    unsigned lower = k0 == 1, upper = k0 == 2, k;
#ifdef __SSE2__
    /* 16 bytes classified at once: a word's end is found without a branch
     * per byte (the byte loop mispredicted its exit at every word) */
    while (len - e >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + e));
        unsigned mu = (unsigned)_mm_movemask_epi8(in_range(v, 'A', 26));
        unsigned ml = (unsigned)_mm_movemask_epi8(in_range(v, 'a', 26));
        unsigned md = (unsigned)_mm_movemask_epi8(in_range(v, '0', 10));
        unsigned stop = ~(mu | ml | md) & 0xFFFFu;
        unsigned take = stop ? (stop & (0u - stop)) - 1 : 0xFFFFu;
        lower |= (ml & take) != 0;
        mu &= take;
        if (mu) upper += (mu & (mu - 1)) ? 2 : 1;
        if (stop) {
            e += (size_t)__builtin_ctz(stop);
            goto ended;
        }
        e += 16;
    }
#endif
    while (e < len && (unsigned char)s[e] < 0x80 && (k = ascii_cls[(unsigned char)s[e]])) {
        lower |= k == 1;
        upper += k == 2;
        e++;
    }
#ifdef __SSE2__
ended:
#endif
    if (e < len) {
        unsigned char b = (unsigned char)s[e];
        if (b >= 0x80) return 0;
        if (k0 == 3 ? b == ',' || b == '.' : b == '-' || b == '\'' || (b == '.' && e == i + 1))
            return 0;
    }
    *end = e;
    if (k0 == 3) {
        *flags |= WHOSAID_TOK_NUM;
    } else {
        *flags |= WHOSAID_TOK_WORD | (k0 == 2 ? WHOSAID_TOK_CAP : WHOSAID_TOK_LOWER);
        if (!lower && upper >= 2) *flags |= WHOSAID_TOK_ALLCAPS;
    }
    return 1;
}

int whosaid_tokenize(const char *text, size_t len, const size_t *sent_starts, size_t nsent,
                     whosaid_tokens *out)
{
    /* The array in locals while tokens are added: through out, every
     * token's store made the compiler reload it. */
    whosaid_token *v = out->v;
    size_t n = 0, cap = out->cap;
    int rc = 0;
    size_t i = 0, si = 0;
    uint32_t pending = 0;
    int want_sent_start = 1;
    /* The next sentence start not yet passed (SIZE_MAX: none left), so a
     * token costs one comparison, not three. */
    size_t next_start = sent_starts && nsent ? sent_starts[0] : SIZE_MAX;
    while (i < len) {
        /* a blank between words, a byte in six: no decoding */
        if (text[i] == ' ') {
            pending |= WHOSAID_TOK_SPACE;
            i++;
            continue;
        }
        size_t j = i;
        int32_t c = next_cp(text, len, &j);
        if (is_space_cp(c)) {
            pending |= WHOSAID_TOK_SPACE | (c == '\n' ? WHOSAID_TOK_NEWLINE : 0);
            i = j;
            continue;
        }
        /* only a token reads it, so white space need not step it */
        if (next_start <= i) {
            want_sent_start = 1;
            while (si < nsent && sent_starts[si] <= i)
                si++;
            next_start = si < nsent ? sent_starts[si] : SIZE_MAX;
        }
        size_t end;
        uint32_t flags = pending;
        pending = 0;
        if (c >= 0 && c < 0x80 && ascii_word(text, len, i, c, &end, &flags)) {
            /* an all-ASCII word or number read in one pass */
            if (want_sent_start && !(flags & WHOSAID_TOK_NUM)) flags |= WHOSAID_TOK_SENT_START;
            want_sent_start = 0;
        } else if (is_alnum_cp(c)) {
            int numeric = is_digit_cp(c);
            end = numeric ? word_end(text, len, i, 1) : dotted_end(text, len, i);
            if (end == i) end = word_end(text, len, i, numeric);
            flags |= numeric ? WHOSAID_TOK_NUM : WHOSAID_TOK_WORD | case_flags(text, i, end);
            if (want_sent_start && !numeric) flags |= WHOSAID_TOK_SENT_START;
            want_sent_start = 0;
        } else if (is_apostrophe(c) && (peek(text, len, j) == 's' || peek(text, len, j) == 'S') &&
                   n > 0 && v[n - 1].end == i) {
            end = j + 1;
            flags |= WHOSAID_TOK_WORD | WHOSAID_TOK_POSSESSIVE | WHOSAID_TOK_LOWER;
        } else {
            end = j;
            flags |= WHOSAID_TOK_PUNCT;
        }
        if (n == cap) {
            /* grown here: a helper taking &v and &cap kept them in memory */
            size_t grown = cap ? cap * 2 : 256;
            whosaid_token *nv = realloc(v, grown * sizeof *nv);
            if (!nv) {
                rc = WHOSAID_ENOMEM;
                break;
            }
            v = nv;
            cap = grown;
        }
        v[n++] = (whosaid_token){i, end, flags};
        i = end;
        /* the blank after a word, the usual case, without a turn of the loop */
        if (i < len && text[i] == ' ') {
            pending = WHOSAID_TOK_SPACE;
            i++;
        }
    }
    out->v = v;
    out->n = n;
    out->cap = cap;
    return rc;
}

void whosaid_tokens_free(whosaid_tokens *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

int whosaid_tokens_key(const char *text, const whosaid_tokens *t, size_t from, size_t to,
                       whosaid_buf *key)
{
    for (size_t k = from; k < to; k++) {
        /* "People 's Republic" (tokenized text) keys as "People's Republic". */
        if (k > from && (t->v[k].flags & WHOSAID_TOK_SPACE) &&
            !(t->v[k].flags & WHOSAID_TOK_POSSESSIVE) && whosaid_buf_append_char(key, ' '))
            return WHOSAID_ENOMEM;
        if (whosaid_buf_append(key, text + t->v[k].start, t->v[k].end - t->v[k].start))
            return WHOSAID_ENOMEM;
    }
    return 0;
}
