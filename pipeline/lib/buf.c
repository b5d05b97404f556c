#include "whosaid/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/error.h"

int whosaid_buf_reserve(whosaid_buf *b, size_t extra)
{
    if (extra >= SIZE_MAX - b->len - 1) return WHOSAID_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) return WHOSAID_ENOMEM;
    b->data = p;
    b->cap = cap;
    return 0;
}

int whosaid_buf_append(whosaid_buf *b, const void *data, size_t n)
{
    if (whosaid_buf_reserve(b, n)) return WHOSAID_ENOMEM;
    if (n) memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int whosaid_buf_append_str(whosaid_buf *b, const char *s)
{
    return whosaid_buf_append(b, s, strlen(s));
}

int whosaid_buf_append_char(whosaid_buf *b, char c)
{
    return whosaid_buf_append(b, &c, 1);
}

int whosaid_buf_printf(whosaid_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || whosaid_buf_reserve(b, (size_t)n)) return WHOSAID_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void whosaid_buf_clear(whosaid_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void whosaid_buf_free(whosaid_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int whosaid_grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2) return WHOSAID_ENOMEM;
        n *= 2;
    }
    if (size && n > SIZE_MAX / size) return WHOSAID_ENOMEM;
    void *p = realloc(*v, n * size);
    if (!p) return WHOSAID_ENOMEM;
    *v = p;
    *cap = n;
    return 0;
}

/* Decimal digits of u, from its bit length (times log10 2, 1233 / 4096)
 * and one compare, so the text is written in place, last digit first. */
static unsigned digits_of(unsigned long long u)
{
    /* clang-format off */
    static const unsigned long long pow10[20] = {
        1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
        100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
        10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
        100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL};
    /* clang-format on */
    unsigned bits = 64 - (unsigned)__builtin_clzll(u | 1);
    unsigned t = (bits * 1233) >> 12; /* floor(log10 u) is t or t - 1 */
    return t + 1 - (u < pow10[t]) + (u == 0);
}

size_t whosaid_format_int(char *out, long long v)
{
    /* two digits per division */
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930"
                                "31323334353637383940414243444546474849505152535455565758596061"
                                "62636465666768697071727374757677787980818283848586878889909192"
                                "93949596979899";
    /* unsigned arithmetic, so the most negative value needs no special case */
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    char *w = out;
    if (v < 0) *w++ = '-';
    size_t len = (size_t)(w - out) + digits_of(u);
    out[len] = '\0';
    w = out + len;
    while (u >= 100) {
        unsigned r = (unsigned)(u % 100);
        u /= 100;
        w -= 2;
        memcpy(w, pairs + 2 * r, 2);
    }
    if (u >= 10)
        memcpy(w - 2, pairs + 2 * u, 2);
    else
        w[-1] = (char)('0' + u);
    return len;
}
