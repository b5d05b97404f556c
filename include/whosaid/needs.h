/* A rule's "needs=" field: words a line must hold one of for the rule to be
 * tried at all, so a costly pattern (one that reads a whole paragraph before
 * it can fail) is not run on the lines that cannot match it.
 *
 * The field is "needs=word|word|..." (1 to 16 words of 3 bytes or more; no
 * TAB, no '|'); a line holds a word when the word's bytes occur in it with
 * ASCII letters compared without case ("Photo" holds "photo"; non-ASCII
 * bytes must be equal). It is a promise of the rule's author: a line
 * without any of the words is treated as not matching, whatever the
 * pattern would say. Used by boilerplate.rules and meta.rules.
 *
 * Cost: whosaid_needs_found reads the line once, 16 positions at a time
 * (SSE2) against each word's first two bytes, and compares a word in full
 * only where they fit. */
#ifndef WHOSAID_NEEDS_H
#define WHOSAID_NEEDS_H

#include <stddef.h>

#include "whosaid/error.h"

typedef struct whosaid_needs whosaid_needs;

/* The words of a field "needs=..." (or NULL when field does not start with
 * "needs="): 0 with *out set (owned by the caller, whosaid_needs_free), or
 * WHOSAID_ESYNTAX / WHOSAID_ENOMEM with err->msg saying what is wrong (no
 * file or line: the caller locates it). */
int whosaid_needs_new(const char *field, whosaid_needs **out, whosaid_error *err);
void whosaid_needs_free(whosaid_needs *n);

/* 1 if field starts with "needs=". */
int whosaid_needs_is_field(const char *field);

/* 1 if s[0..len) holds one of the words. */
int whosaid_needs_found(const whosaid_needs *n, const char *s, size_t len);

#endif
