/* Quotations in a document text: where each quoted passage opens and ends.
 *
 * Double quotation marks of three styles are recognized: curly (“ ” „ and
 * « »), straight (" — opening when it follows a blank, the start of the text
 * or an opening bracket or dash, closing otherwise) and PTB (`` ... '').
 * Single quotes inside a quotation are nested quotes and stay part of it;
 * single quotes outside are apostrophes. A quotation normally ends in the
 * paragraph it starts in; when a paragraph ends inside one, it goes on into
 * the next paragraph if that one starts with an opening mark (the news
 * convention for quotes of several paragraphs), else it ends with its
 * paragraph (a missing closing mark). One pass over the text, O(n); the
 * result is sorted and quotations never overlap. */
#ifndef WHOSAID_QUOTES_H
#define WHOSAID_QUOTES_H

#include <stddef.h>

typedef struct whosaid_quote {
    size_t open;       /* byte offset of the opening mark */
    size_t start, end; /* the quoted text, byte offsets, end exclusive */
    size_t close;      /* byte offset just past the closing mark (== end when none) */
    int paragraphs;    /* paragraphs the quotation runs over (1 or more) */
    int closed;        /* 1 when a closing mark ends it */
} whosaid_quote;

typedef struct whosaid_quotes {
    whosaid_quote *v;
    size_t n, cap;
} whosaid_quotes;

#define WHOSAID_QUOTES_INIT                                                                        \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Finds the quotations of text[0..len) (valid UTF-8) into out (cleared
 * first). 0 or WHOSAID_ENOMEM. */
int whosaid_quotes_find(const char *text, size_t len, whosaid_quotes *out);
/* Releases out's memory and leaves it empty; NULL is a no-op. */
void whosaid_quotes_free(whosaid_quotes *out);

/* Index of the quotation whose closing mark ends at byte close, or -1. */
long whosaid_quotes_closing_at(const whosaid_quotes *q, size_t close);
/* Index of the quotation whose opening mark is at byte open, or -1. */
long whosaid_quotes_opening_at(const whosaid_quotes *q, size_t open);
/* Index of the quotation containing byte b in [open, close), or -1. */
long whosaid_quotes_containing(const whosaid_quotes *q, size_t b);
/* Index of the first quotation that contains byte b or opens after it
 * (q->n if none): where a walk over the quotations of [b, ...) starts. */
size_t whosaid_quotes_first_from(const whosaid_quotes *q, size_t b);

#endif
