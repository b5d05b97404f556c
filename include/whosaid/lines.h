/* An article as a list of non-blank lines, the unit that page-boilerplate
 * removal and metadata extraction work on before the body text is rebuilt.
 *
 * Lines borrow their bytes from the text they were split from (which must
 * outlive them). A line remembers whether a paragraph break came before it
 * (a blank line, or a line break that no wrap of the lines around it can
 * explain: a page saved one element per line) and, once a module claims it, why it left the body.
 */
#ifndef WHOSAID_LINES_H
#define WHOSAID_LINES_H

#include <stddef.h>

#include "whosaid/buf.h"

enum whosaid_line_fate {
    WHOSAID_LINE_BODY = 0, /* stays in the body text */
    WHOSAID_LINE_META,     /* became metadata (title, byline, date line) */
    WHOSAID_LINE_BOILER    /* page boilerplate */
};

typedef struct whosaid_line {
    const char *s;   /* first byte (leading blanks trimmed) */
    size_t len;      /* bytes, trailing blanks trimmed */
    size_t offset;   /* byte offset of s in the split text */
    int para_break;  /* 1 if blank lines or a hard line break came before it */
    int fate;        /* enum whosaid_line_fate */
    const char *why; /* who decided the fate: a rule ("boilerplate.rules:12") or a heuristic name;
                        static or owned by the rule set */
} whosaid_line;

typedef struct whosaid_lines {
    whosaid_line *v;
    size_t n, cap;
} whosaid_lines;

#define WHOSAID_LINES_INIT                                                                         \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Splits text on '\n' into non-blank lines (spaces and tabs trimmed).
 * Lines with no blank line between them stay one paragraph only when they
 * read as a hard-wrapped one: most breaks fall where the next word would
 * not have fitted at the block's width (at least 40 columns); otherwise
 * each line, and in wrapped text a line after a clearly short one, starts
 * a paragraph. Appends to out; 0 or WHOSAID_ENOMEM. */
int whosaid_lines_split(const char *text, size_t len, whosaid_lines *out);
void whosaid_lines_free(whosaid_lines *l);

/* Appends the BODY lines to out: lines of one paragraph joined by '\n',
 * paragraphs by "\n\n". 0 or WHOSAID_ENOMEM. */
int whosaid_lines_join_body(const whosaid_lines *l, whosaid_buf *out);

/* Number of words (runs of non-space bytes) in a line. */
size_t whosaid_line_words(const whosaid_line *line);

#endif
