/* Word lists as factored regular expressions: "january|june|july" becomes
 * "j(?:anuary|u(?:ne|ly))", so PCRE2 reads each character of the text once
 * instead of trying every phrase in turn.
 *
 * Keeps a prefix tree of the phrases (one node per character, children in
 * a sibling list): adding costs O(length x siblings), building the pattern
 * O(total length) plus a sort of the phrases below each node where the
 * tree cannot be factored (below). The pattern prefers the same match as
 * the flat alternation of the phrases longest first (equal lengths in the
 * order added): a node's children are merged only when no character of the
 * text can match two of them in either case, so the phrases that match at
 * a position lie on one path, tried deepest first; elsewhere the phrases
 * below the node are written out flat, longest first. */
#ifndef WHOSAID_WORDTRIE_H
#define WHOSAID_WORDTRIE_H

#include <stddef.h>

#include "whosaid/buf.h"

typedef struct whosaid_wordtrie whosaid_wordtrie;

/* An empty tree, or NULL when out of memory. */
whosaid_wordtrie *whosaid_wordtrie_new(void);
void whosaid_wordtrie_free(whosaid_wordtrie *t);

/* Adds phrase s[0..len) (non-empty, valid UTF-8; the tree keeps a copy).
 * A phrase added twice counts once. 0 or WHOSAID_ENOMEM. */
int whosaid_wordtrie_add(whosaid_wordtrie *t, const char *s, size_t len);

/* Number of distinct phrases added. */
size_t whosaid_wordtrie_count(const whosaid_wordtrie *t);

/* Appends to out a pattern matching exactly the phrases: ASCII characters
 * other than letters and digits backslash-escaped, each space written as
 * sep (NULL: an escaped space). The pattern may have top-level '|': the
 * caller puts it in a group. No phrases: "(*FAIL)". 0 or WHOSAID_ENOMEM
 * (out then holds part of the pattern). */
/* Appends to out a character class of the phrases' first characters
 * ("[jJ]" is written "[j]": the caller's (?i) covers case), for a cheap
 * look-ahead before a costlier assertion the list needs. Appends nothing
 * when there are no phrases or a phrase starts with a space. 0 or
 * WHOSAID_ENOMEM. */
int whosaid_wordtrie_first_class(const whosaid_wordtrie *t, whosaid_buf *out);

int whosaid_wordtrie_pattern(const whosaid_wordtrie *t, const char *sep, whosaid_buf *out);

#endif
