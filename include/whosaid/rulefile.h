/* The line reader every rule-file loader shares.
 *
 * A rule file is UTF-8 text; blank lines and lines whose first non-blank
 * character is '#' are skipped; the rest are split into fields on runs of
 * TAB characters (so columns can be aligned by hand). Files are untrusted
 * input: invalid UTF-8, NUL bytes and over-long lines are errors naming the
 * file and line. One line is held at a time. */
#ifndef WHOSAID_RULEFILE_H
#define WHOSAID_RULEFILE_H

#include <stddef.h>

#include "whosaid/error.h"

#define WHOSAID_RULEFILE_MAX_FIELDS 32
#define WHOSAID_RULEFILE_MAX_LINE (64 * 1024)

typedef struct whosaid_rulefile whosaid_rulefile;

/* Opens path; NULL with err filled (file, strerror) on failure. */
whosaid_rulefile *whosaid_rulefile_open(const char *path, whosaid_error *err);
void whosaid_rulefile_close(whosaid_rulefile *rf);

/* Advances to the next meaningful line. Returns 1 when there is one, 0 at
 * the end of the file, or a WHOSAID_E* code with err filled. */
int whosaid_rulefile_next(whosaid_rulefile *rf, whosaid_error *err);

/* The current line, without its line break and trailing blanks (owned by rf,
 * valid until the next call). */
const char *whosaid_rulefile_text(const whosaid_rulefile *rf);
size_t whosaid_rulefile_nfields(const whosaid_rulefile *rf);
/* Field i (NUL-terminated, owned by rf), or NULL past the last. */
const char *whosaid_rulefile_field(const whosaid_rulefile *rf, size_t i);
long whosaid_rulefile_lineno(const whosaid_rulefile *rf);
const char *whosaid_rulefile_path(const whosaid_rulefile *rf);

/* Fills err with "path:line" of the current line and the formatted message. */
int whosaid_rulefile_error(const whosaid_rulefile *rf, whosaid_error *err, int code,
                           const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif
