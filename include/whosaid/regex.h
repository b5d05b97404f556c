/* PCRE2 regular expressions as every rule file uses them: UTF + UCP,
 * JIT-compiled once, at the first search, matched with bounded match and depth
 * limits so a pathological user pattern fails one match instead of hanging
 * the pipeline. Each regex owns its match data and JIT stack: one thread
 * per regex. */
#ifndef WHOSAID_REGEX_H
#define WHOSAID_REGEX_H

#include <stddef.h>
#include <stdint.h>

#include "whosaid/error.h"

typedef struct whosaid_regex whosaid_regex;

/* WHOSAID_REGEX_NO_JIT: for a pattern rarely matched: never JIT-compiled
 * (the costly part); matching still works, in the interpreter. Without it
 * the JIT compile happens at the first search, so a pattern compiled only
 * to check it costs no JIT code either. */
enum { WHOSAID_REGEX_CASELESS = 1, WHOSAID_REGEX_ANCHORED = 2, WHOSAID_REGEX_NO_JIT = 4 };

/* Compiles pattern. On failure returns NULL with err->code WHOSAID_ESYNTAX
 * and err->msg "offset N: <PCRE2's message>" (err->file and line are left
 * for the caller, who knows the rule file). */
whosaid_regex *whosaid_regex_new(const char *pattern, int flags, whosaid_error *err);
void whosaid_regex_free(whosaid_regex *re);

/* Searches subject[0..len) from byte offset from (earlier bytes still count
 * as look-behind context). Subject must be valid UTF-8. Returns 1 on a match,
 * 0 on none, WHOSAID_ELIMIT when a match limit was hit. After a match,
 * whosaid_regex_group() gives the byte range of group i (0 = whole match). */
int whosaid_regex_search(whosaid_regex *re, const char *subject, size_t len, size_t from);

/* Byte range of group i of the last match; 0 when the group did not take part. */
int whosaid_regex_group(const whosaid_regex *re, uint32_t i, size_t *start, size_t *end);
/* Number of a named group, or -1. */
int whosaid_regex_group_number(const whosaid_regex *re, const char *name);
uint32_t whosaid_regex_group_count(const whosaid_regex *re);
/* Iterates the named groups: 1 with name and number for index i, 0 past the last. */
int whosaid_regex_named_group(const whosaid_regex *re, uint32_t i, const char **name,
                              uint32_t *number);

#endif
