/* Byte sizes as people write them on a command line or in the
 * environment: "4194304", "4M", "64M", "1G" (K, M, G: powers of 1024), and
 * back to text for messages ("64 MiB"). No state, no allocation. */
#ifndef WHOSAID_BYTESIZE_H
#define WHOSAID_BYTESIZE_H

#include <stddef.h>

/* Parses s: decimal digits, optionally followed by one of K, M, G (either
 * case), nothing else. Returns 0 with *out set, or WHOSAID_EINPUT (*out
 * unchanged) for an empty string, other characters, zero, or a size that
 * does not fit in size_t. */
int whosaid_bytesize_parse(const char *s, size_t *out);

/* Writes n into out[0..cap) as "N GiB", "N MiB" or "N KiB" when n is an
 * exact multiple, else "N bytes"; always NUL-terminated (cut to fit).
 * Returns out. */
const char *whosaid_bytesize_format(size_t n, char *out, size_t cap);

#endif
