/* Sentence boundaries in body text.
 *
 * Body text is paragraphs separated by a blank line ("\n\n"); a single '\n'
 * is a line break inside a paragraph. A sentence ends:
 *  - after a run of '.', '!', '?' or '…' and any closing quotes or brackets
 *    right after it (" ” ’ ' ) ] } » ›), when white space follows and then
 *    something that can start a sentence: an upper-case letter, a digit, an
 *    opening quote or bracket, a letter without case (CJK) or a currency
 *    sign. Never before a lower-case letter ("Is it?" he asked.);
 *  - but not after a bare '.' that ends an abbreviation of class title
 *    ("Mr. Smith"), an upper-case initial ("John F. Kennedy"), or an
 *    abbreviation of class month or other, or an acronym ("U.S.", "F.B.I."),
 *    unless an opening double quote or a word of class start follows
 *    ("the U.S. Senate" but "in the U.S. The next day");
 *  - at every paragraph break;
 *  - at a single line break, unless the line ends in punctuation that the
 *    rules above did not let end a sentence ("Dr.\nJones") or the line ends
 *    without sentence punctuation and the next starts lower-case (a
 *    hard-wrapped sentence going on).
 * The lists live in rules/abbreviations.rules (see rules/README.md). One pass,
 * linear in the text length. */
#ifndef WHOSAID_SENTENCES_H
#define WHOSAID_SENTENCES_H

#include <stddef.h>

#include "whosaid/error.h"

typedef struct whosaid_range {
    size_t start, end; /* byte offsets, end exclusive */
} whosaid_range;

typedef struct whosaid_ranges {
    whosaid_range *v;
    size_t n, cap;
} whosaid_ranges;

/* A growable array of ranges, owned by the caller; whosaid_ranges_free
 * releases it and leaves it empty (and accepts NULL). */
#define WHOSAID_RANGES_INIT                                                                        \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }
/* 0 or WHOSAID_ENOMEM (r is then unchanged). */
int whosaid_ranges_push(whosaid_ranges *r, size_t start, size_t end);
void whosaid_ranges_free(whosaid_ranges *r);

typedef struct whosaid_splitter whosaid_splitter;

/* Loads the abbreviation list; NULL with err on failure ("path:line:
 * unknown abbreviation class 'x'"). The splitter is read-only once loaded,
 * so threads may share it. whosaid_splitter_free(NULL) is a no-op. */
whosaid_splitter *whosaid_splitter_load(const char *path, whosaid_error *err);
void whosaid_splitter_free(whosaid_splitter *s);

/* Appends the sentences of text[0..len) (valid UTF-8) to out as byte ranges
 * trimmed of white space (ASCII and Unicode Zs/Zl/Zp), in order,
 * non-overlapping; every non-blank byte lies in exactly one sentence. Blank
 * text gives none. 0 or WHOSAID_ENOMEM (out is then as it was). */
int whosaid_splitter_split(const whosaid_splitter *s, const char *text, size_t len,
                           whosaid_ranges *out);

#endif
