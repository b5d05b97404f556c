/* Where to cut a document that is too big to hold whole (normalize's
 * --max-doc): a part must end at a natural break so that no paragraph,
 * line, sentence, word or UTF-8 character is split if it can be helped.
 *
 * No state and no allocation; one cut looks at most at the cap's second
 * half once per kind of break, so cutting a text of n bytes into parts
 * costs O(n) in all. */
#ifndef WHOSAID_CHUNKER_H
#define WHOSAID_CHUNKER_H

#include <stddef.h>

/* The kind of break a cut was made at, best first. */
enum {
    WHOSAID_CUT_PARAGRAPH, /* after a blank line */
    WHOSAID_CUT_LINE,      /* after a line break */
    WHOSAID_CUT_SENTENCE,  /* after . ! ? (closing quotes or brackets) and white space */
    WHOSAID_CUT_SPACE,     /* after white space */
    WHOSAID_CUT_CHAR,      /* before a byte that starts a UTF-8 character */
    WHOSAID_CUT_NONE       /* the text fits: no cut */
};

/* Returns the length of the first part of s[0..len) when at most cap bytes
 * (cap >= 1) may be held: len when len <= cap (*kind WHOSAID_CUT_NONE), else
 * a cut c with cap / 2 <= c <= cap at the best kind of break found in that
 * window (the last one of that kind), so every part but the last is at
 * least half the cap. Invalid UTF-8 with no character boundary near the
 * cap is cut at the cap. kind may be NULL. */
size_t whosaid_chunker_cut(const char *s, size_t len, size_t cap, int *kind);

#endif
