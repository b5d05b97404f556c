/* CSV (RFC 4180) and TSV cells and rows for spreadsheets.
 *
 * A writer keeps only its options and whether a row has begun; each call
 * appends to the caller's buffer, so a row costs O(its bytes) and nothing
 * is kept between rows.
 *
 * Formula-injection guard (on unless WHOSAID_CSV_RAW): a text cell that
 * begins with = + - @ TAB or CR, possibly after leading apostrophes, gets
 * one more leading apostrophe, so spreadsheets show it as text instead of
 * evaluating it. Cells given as numbers (JSON numbers, "-5") are exempt: a
 * number cannot be a formula and stays a number. The guard can be undone
 * exactly: strip one ' from a text cell matching ^'+[=+\-@\t\r].
 *
 * CSV: a cell is quoted when it holds a comma, a double quote, CR or LF,
 * quotes inside doubled. TSV: tab, LF, CR and backslash become the two
 * characters \t \n \r \\ (the text/tab-separated-values convention), so a
 * row is always one line. NUL characters are dropped from cells. */
#ifndef WHOSAID_CSVWRITE_H
#define WHOSAID_CSVWRITE_H

#include <stddef.h>

#include "whosaid/buf.h"

enum {
    WHOSAID_CSV_TSV = 1,  /* tab-separated values instead of CSV */
    WHOSAID_CSV_CRLF = 2, /* rows end in CR LF instead of LF */
    WHOSAID_CSV_RAW = 4   /* no formula-injection guard */
};

typedef struct whosaid_csvwrite whosaid_csvwrite;

/* flags: WHOSAID_CSV_* or'ed. NULL on ENOMEM. */
whosaid_csvwrite *whosaid_csvwrite_new(int flags);
void whosaid_csvwrite_free(whosaid_csvwrite *w);

/* Appends one cell s[0..len) (UTF-8, may hold NUL) to out, after a
 * separator unless it is the row's first. numeric: the cell is a number
 * (exempt from the guard). Returns 0 or WHOSAID_ENOMEM (out may then hold
 * part of the row; the caller drops the row). */
int whosaid_csvwrite_cell(whosaid_csvwrite *w, whosaid_buf *out, const char *s, size_t len,
                          int numeric);

/* Ends the row begun by the cells appended since the last call. */
int whosaid_csvwrite_end_row(whosaid_csvwrite *w, whosaid_buf *out);

/* Appends the UTF-8 byte order mark that tells Excel the file's encoding. */
int whosaid_csvwrite_bom(whosaid_buf *out);

/* 1 if a spreadsheet could evaluate text s[0..len) as a formula, i.e. the
 * guard would prefix it; else 0. */
int whosaid_csvwrite_risky(const char *s, size_t len);

#endif
