/* Character-level clean-up of raw article text (step one of normalize).
 *
 * In one pass over valid UTF-8: drops NUL and other C0/C1 control
 * characters (keeping line breaks; TAB becomes a space), turns CR LF and lone
 * CR (and VT, FF, U+2028/U+2029) into '\n', maps Unicode space separators
 * (NBSP, thin space ...) to ' ', drops zero-width and soft-hyphen format
 * characters and a leading BOM, collapses runs of spaces, and then applies
 * Unicode NFC with utf8proc. Line structure is kept for lines.h. */
#ifndef WHOSAID_CLEAN_H
#define WHOSAID_CLEAN_H

#include <stddef.h>

#include "whosaid/buf.h"

typedef struct whosaid_clean_stats {
    size_t controls; /* control characters (NUL included) dropped */
    size_t nuls;     /* of which NUL bytes */
    size_t format;   /* zero-width / soft hyphen / BOM characters dropped */
} whosaid_clean_stats;

/* Cleans text (valid UTF-8) and appends the result to out; stats may be NULL.
 * 0 or WHOSAID_ENOMEM. */
int whosaid_clean_text(const char *text, size_t len, whosaid_buf *out, whosaid_clean_stats *stats);

/* NFC only (utf8proc), appended to out. 0, WHOSAID_ENOMEM or WHOSAID_EINPUT. */
int whosaid_clean_nfc(const char *text, size_t len, whosaid_buf *out);

#endif
