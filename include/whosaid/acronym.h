/* Acronyms and the names they abbreviate: "KCC" for "Korea Communications
 * Commission", "UN" and "U.N." for "United Nations", "OECD" for
 * "Organisation for Economic Co-operation and Development".
 *
 * Pure functions over UTF-8 strings: no state, no allocation beyond the
 * caller's buffer, O(length). */
#ifndef WHOSAID_ACRONYM_H
#define WHOSAID_ACRONYM_H

#include <stddef.h>

#include "whosaid/buf.h"

/* Longest acronym, in letters, these functions accept. */
#define WHOSAID_ACRONYM_MAX 10

/* If s[0..len) has the shape of an acronym (2 to WHOSAID_ACRONYM_MAX
 * upper-case letters, each optionally followed by a period, as in "KCC",
 * "U.N.", with '&' allowed between letters as in "AT&T"), appends its
 * letters, upper-case and without periods or '&', to key ("U.N." -> "UN")
 * and returns their count; else returns 0 and leaves key as it was.
 * Returns WHOSAID_ENOMEM on failure. */
int whosaid_acronym_key(const char *s, size_t len, whosaid_buf *key);

/* Appends to out the initials of the capitalized words of name[0..len),
 * upper-cased: words are split at blanks and hyphens, and words that start
 * with a lower-case letter (the function words of a name: "of", "for",
 * "and", "the", "de") give none. "Korea Communications Commission" -> "KCC",
 * "Organisation for Economic Co-operation and Development" -> "OECD"
 * (the lower-case "operation" gives none). Returns the number of initials
 * (0 when there are fewer than two), or WHOSAID_ENOMEM. */
int whosaid_acronym_initials(const char *name, size_t len, whosaid_buf *out);

#endif
