/* Cut points for oversized documents; see chunker.h. Scans backwards from
 * the cap: memrchr for line breaks, then one byte loop for sentence ends
 * and white space. */
#define _GNU_SOURCE
#include "whosaid/chunker.h"

#include <string.h>

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* 1 when the line ending with the '\n' at p is blank (only spaces, tabs,
 * CR) and is not the first line. */
static int blank_line_ends_at(const char *s, size_t p)
{
    while (p > 0) {
        unsigned char c = (unsigned char)s[--p];
        if (c == '\n') return 1;
        if (c != ' ' && c != '\t' && c != '\r') return 0;
    }
    return 0;
}

/* 1 when the white space at s[w] follows a sentence end: . ! ? or an
 * ellipsis, then up to three closing quotation marks or brackets. */
static int ends_sentence(const char *s, size_t w)
{
    size_t j = w;
    for (int k = 0; k < 4 && j > 0; k++) {
        unsigned char c = (unsigned char)s[j - 1];
        if (c == '.' || c == '!' || c == '?') return 1;
        if (c == '"' || c == '\'' || c == ')' || c == ']') {
            j--;
            continue;
        }
        /* ” ’ (E2 80 9D/99), … (E2 80 A6), » (C2 BB) */
        if (j >= 3 && (unsigned char)s[j - 3] == 0xE2 && (unsigned char)s[j - 2] == 0x80) {
            if (c == 0xA6) return 1;
            if (c == 0x9D || c == 0x99) {
                j -= 3;
                continue;
            }
        }
        if (j >= 2 && (unsigned char)s[j - 2] == 0xC2 && c == 0xBB) {
            j -= 2;
            continue;
        }
        return 0;
    }
    return 0;
}

size_t whosaid_chunker_cut(const char *s, size_t len, size_t cap, int *kind)
{
    int dummy;
    if (!kind) kind = &dummy;
    if (len <= cap || cap == 0) {
        *kind = WHOSAID_CUT_NONE;
        return len;
    }
    size_t lo = cap / 2 ? cap / 2 : 1;
    /* A cut c means s[c - 1] is the part's last byte: look at c in [lo, cap]. */
    size_t line = 0;
    const char *end = s + cap;
    while (end > s + lo - 1) {
        const char *nl = memrchr(s + lo - 1, '\n', (size_t)(end - (s + lo - 1)));
        if (!nl) break;
        size_t p = (size_t)(nl - s);
        if (blank_line_ends_at(s, p)) {
            *kind = WHOSAID_CUT_PARAGRAPH;
            return p + 1;
        }
        if (!line) line = p + 1;
        end = nl;
    }
    if (line) {
        *kind = WHOSAID_CUT_LINE;
        return line;
    }
    size_t space = 0;
    for (size_t c = cap; c >= lo; c--) {
        unsigned char b = (unsigned char)s[c - 1];
        if (!is_space(b) || (b == '\r' && s[c] == '\n')) continue;
        if (ends_sentence(s, c - 1)) {
            *kind = WHOSAID_CUT_SENTENCE;
            return c;
        }
        if (!space) space = c;
    }
    if (space) {
        *kind = WHOSAID_CUT_SPACE;
        return space;
    }
    *kind = WHOSAID_CUT_CHAR;
    for (size_t c = cap; c > 0 && c + 4 > cap; c--)
        if (((unsigned char)s[c] & 0xC0) != 0x80) return c;
    return cap;
}
