/* UTF-8 repair, decoding, case mapping and code point offsets.
 *
 * Records carry Unicode code point offsets (Python's text[start:end]) while
 * the code works on UTF-8 bytes. whosaid_offmap converts between the two in
 * O(1) amortized for ascending queries and O(log n) otherwise, keeping one
 * checkpoint per 64 bytes (n/16 bytes of memory for n bytes of text). */
#ifndef WHOSAID_UTF8_H
#define WHOSAID_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "whosaid/buf.h"

/* Replaces every ill-formed sequence of src by U+FFFD, one per maximal
 * subpart as the Unicode standard recommends (and Python's errors="replace"
 * does), appending the result to out. Overlong forms, surrogates and code
 * points above U+10FFFF are ill-formed. *n_bad (if not NULL) receives the
 * number of replacements and *first_bad the byte offset of the first one
 * (or SIZE_MAX). Returns 0 or WHOSAID_ENOMEM. */
int whosaid_utf8_repair(const char *src, size_t len, whosaid_buf *out, size_t *n_bad,
                        size_t *first_bad);

/* 1 if src[0..len) is well-formed UTF-8, else 0. */
int whosaid_utf8_valid(const char *src, size_t len);

/* End of the run from s[i] of graphic ASCII bytes (0x21..0x7E) other than
 * those in except, and of single spaces each followed by such a byte: the
 * plain words and spaces the text scanners copy or skip without a look.
 * Reads 16 bytes a step with SSE2 (else 8). Returns i itself when s[i]
 * starts no such run. */
size_t whosaid_utf8_skip_words(const char *s, size_t len, size_t i, const char *except);

/* Decodes the code point at s[*i] (which must be well-formed UTF-8, as after
 * whosaid_utf8_repair) and advances *i past it. Returns -1 at the end. */
int32_t whosaid_utf8_next(const char *s, size_t len, size_t *i);

/* Decodes the code point ending just before s[*i] and moves *i back to its
 * first byte. Returns -1 at the start. */
int32_t whosaid_utf8_prev(const char *s, size_t *i);

/* Encodes cp into out (up to 4 bytes); returns the byte count. */
int whosaid_utf8_encode(int32_t cp, char out[4]);

/* Number of code points in s[0..len). */
size_t whosaid_utf8_count(const char *s, size_t len);

/* Case mapping, one code point at a time: each code point of s[0..len)
 * becomes its Unicode simple lower-case (whosaid_utf8_lower) or upper-case
 * (whosaid_utf8_upper) form as utf8proc_tolower / utf8proc_toupper give
 * it, with no context and no expansion: "ΣΑΣ" -> "σασ" (no final sigma),
 * "ẞ" -> "ß", and the byte length may change. ASCII takes a fast path.
 * s should be well-formed UTF-8 (as after whosaid_utf8_repair): nothing
 * past len is read, but ill-formed bytes map to unspecified (well-formed)
 * output. The result is appended to out; returns 0 or WHOSAID_ENOMEM. */
int whosaid_utf8_lower(const char *s, size_t len, whosaid_buf *out);
int whosaid_utf8_upper(const char *s, size_t len, whosaid_buf *out);

/* The 8 bytes of x, all below 0x80, with 'A'..'Z' lower-cased: a byte's
 * high bit is set by adding what takes 'A' to 0x80 and not by adding what
 * takes 'Z' + 1 there, and no sum carries into the next byte (all stay
 * below 0x100). */
/* c with 'A'..'Z' lower-cased, any other byte as it is: the one-byte
 * case of whosaid_utf8_ascii_lower, for hashes and comparisons that fold
 * ASCII case byte by byte. */
static inline unsigned char whosaid_ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

static inline uint64_t whosaid_utf8_lower8(uint64_t x)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = ones << 7;
    uint64_t ge_a = x + ones * (0x80 - 'A'), gt_z = x + ones * (0x80 - 'Z' - 1);
    return x | ((ge_a & ~gt_z & highs) >> 2);
}

/* Lower-cases the ASCII start of s[0..len) ('A'..'Z' to 'a'..'z', other
 * bytes below 0x80 as they are) into out[0..] (room for len bytes), up to
 * the first byte at or above 0x80; returns how many bytes it wrote. For the
 * words of a text, most of them ASCII, 8 bytes at a time. */
size_t whosaid_utf8_ascii_lower(const char *s, size_t len, char *out);

/* whosaid_utf8_lower into out[0..cap) without allocating, for callers
 * whose contract is "no allocation" (calendar and number lookups). Writes
 * a NUL after the result. Returns its length, or -1 (out unspecified) when
 * the result and its NUL need more than cap bytes. */
long whosaid_utf8_lower_into(const char *s, size_t len, char *out, size_t cap);

/* Whether byte offset i of s[0..len) is at a code point boundary: the end
 * (or past it), or any byte that is not a continuation byte. */
static inline int whosaid_utf8_on_boundary(const char *s, size_t len, size_t i)
{
    return i >= len || ((unsigned char)s[i] & 0xC0) != 0x80;
}

typedef struct whosaid_offmap whosaid_offmap;

/* Builds a map over text (borrowed: it must outlive the map). NULL on ENOMEM. */
whosaid_offmap *whosaid_offmap_new(const char *text, size_t len);
void whosaid_offmap_free(whosaid_offmap *m);
/* Code point offset of byte offset b (b <= len, at a code point boundary). */
size_t whosaid_offmap_cp(const whosaid_offmap *m, size_t b);
/* Byte offset of code point offset c; len when c is past the end. */
size_t whosaid_offmap_byte(const whosaid_offmap *m, size_t c);
/* Code points in the whole text. */
size_t whosaid_offmap_cp_len(const whosaid_offmap *m);

#endif
