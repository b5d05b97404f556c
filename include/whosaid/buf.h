/* A growable byte buffer (always NUL-terminated after a successful append).
 *
 * Capacity doubles, so n appends cost O(n) amortized. The buffer owns its
 * data; whosaid_buf_free releases it and leaves an empty buffer. */
#ifndef WHOSAID_BUF_H
#define WHOSAID_BUF_H

#include <stddef.h>

typedef struct whosaid_buf {
    char *data;
    size_t len;
    size_t cap;
} whosaid_buf;

#define WHOSAID_BUF_INIT                                                                           \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Each returns 0 or WHOSAID_ENOMEM (the buffer is then unchanged). */
int whosaid_buf_reserve(whosaid_buf *b, size_t extra);
int whosaid_buf_append(whosaid_buf *b, const void *data, size_t n);
int whosaid_buf_append_str(whosaid_buf *b, const char *s);
int whosaid_buf_append_char(whosaid_buf *b, char c);
int whosaid_buf_printf(whosaid_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void whosaid_buf_clear(whosaid_buf *b);
void whosaid_buf_free(whosaid_buf *b);

/* v in decimal ("%lld", without printf's format parsing: numbers are on
 * the output path of every stage) into out, which has room for
 * WHOSAID_INT_CHARS bytes; NUL-terminated. Returns its length. */
#define WHOSAID_INT_CHARS 21
size_t whosaid_format_int(char *out, long long v);

/* Makes room for need elements of size bytes in the array *v, whose
 * capacity (in elements) is *cap: the capacity doubles from 16 until it is
 * enough. 0, or WHOSAID_ENOMEM with *v and *cap unchanged. */
int whosaid_grow(void **v, size_t *cap, size_t need, size_t size);

#endif
