/* Byte sizes with K/M/G suffixes; see bytesize.h. */
#include "whosaid/bytesize.h"

#include <stdint.h>
#include <stdio.h>

#include "whosaid/error.h"

int whosaid_bytesize_parse(const char *s, size_t *out)
{
    size_t n = 0;
    const char *p = s;
    if (!s || *p < '0' || *p > '9') return WHOSAID_EINPUT;
    for (; *p >= '0' && *p <= '9'; p++) {
        size_t d = (size_t)(*p - '0');
        if (n > (SIZE_MAX - d) / 10) return WHOSAID_EINPUT;
        n = n * 10 + d;
    }
    unsigned shift = 0;
    if (*p == 'k' || *p == 'K')
        shift = 10;
    else if (*p == 'm' || *p == 'M')
        shift = 20;
    else if (*p == 'g' || *p == 'G')
        shift = 30;
    if (shift) p++;
    if (*p || n == 0 || n > (SIZE_MAX >> shift)) return WHOSAID_EINPUT;
    *out = n << shift;
    return 0;
}

const char *whosaid_bytesize_format(size_t n, char *out, size_t cap)
{
    static const char *const unit[] = {"GiB", "MiB", "KiB"};
    static const unsigned shift[] = {30, 20, 10};
    if (!cap) return out;
    for (int i = 0; i < 3; i++) {
        size_t m = ((size_t)1 << shift[i]) - 1;
        if (n && (n & m) == 0) {
            snprintf(out, cap, "%zu %s", n >> shift[i], unit[i]);
            return out;
        }
    }
    snprintf(out, cap, "%zu bytes", n);
    return out;
}
