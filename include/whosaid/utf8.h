/* UTF-8 repair, decoding and code point offsets.
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
