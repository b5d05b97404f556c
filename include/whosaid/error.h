/* Error codes and located diagnostics shared by every module.
 *
 * Library code never prints and never exits: it returns a negative
 * WHOSAID_E* code, and where a place in a file matters (rule files, input
 * records) it fills a whosaid_error that only a stage's main() prints, as
 * "program: file:line: message". */
#ifndef WHOSAID_ERROR_H
#define WHOSAID_ERROR_H

#include <stddef.h>

enum {
    WHOSAID_OK = 0,
    WHOSAID_ENOMEM = -1,  /* out of memory */
    WHOSAID_EIO = -2,     /* read or write failed; errno says why */
    WHOSAID_ESYNTAX = -3, /* malformed rule file or record */
    WHOSAID_EINPUT = -4,  /* input that is well-formed but unusable */
    WHOSAID_ELIMIT = -5,  /* a size, depth or match limit was hit */
    WHOSAID_EOF = -6      /* no more input (not an error for callers that loop) */
};

/* Text for a WHOSAID_E* code; never NULL. */
const char *whosaid_errmsg(int code);

/* Where and what: a file (or "-"), a 1-based line (0 when none) and a message. */
typedef struct whosaid_error {
    int code;
    char file[512];
    long line;
    char msg[512];
} whosaid_error;

/* Fills err (if not NULL) and returns code, so callers can write
 * `return whosaid_error_set(err, WHOSAID_ESYNTAX, path, n, "bad %s", x);` */
int whosaid_error_set(whosaid_error *err, int code, const char *file, long line, const char *fmt,
                      ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif
