/* The analyst's workbook (.xlsx, through libxlsxwriter): three sheets
 * filled from one stream of records.
 *
 *   Claims      one row per claim record (records with "doc" and "n", or
 *               any record that is not a document), columns as chosen;
 *   Entities    the entities table of table.h: one row per entity of each
 *               document record (mentions counted), and one per entity
 *               named in each claim (with the claim's n);
 *   Statistics  the stats table: STAT spans of document records and the
 *               "stats" of claims.
 *
 * Each sheet has a bold header row that stays in view (frozen) and an
 * autofilter over its rows; columns get widths by name, the content and
 * text columns wrap. JSON numbers become number cells, booleans boolean
 * cells, text that is exactly an ISO date (2013-06-27) a date cell shown
 * as yyyy-mm-dd (partial TIMEX values such as 2013-06 stay text, as do
 * dates before 1900-03-01, which Excel cannot show); everything else is a
 * text cell, written as text: a cell starting with "=" is never a formula.
 *
 * libxlsxwriter's constant-memory mode writes each row out as the next
 * begins, so memory does not grow with the number of rows. The file is
 * written by whosaid_workbook_close. Excel's limits apply: text past
 * 32,767 characters is cut (and reported), rows past 1,048,576 dropped
 * (and reported). */
#ifndef WHOSAID_WORKBOOK_H
#define WHOSAID_WORKBOOK_H

#include <jansson.h>

#include "whosaid/error.h"

typedef struct whosaid_workbook whosaid_workbook;

/* A workbook to be written to path ("-": standard output, which must not be
 * a terminal), with the Claims sheet's columns (comma-separated field names;
 * NULL for the default set). NULL with err set: WHOSAID_EINPUT for a bad
 * column list or a terminal, WHOSAID_EIO when libxlsxwriter cannot start. */
whosaid_workbook *whosaid_workbook_new(const char *path, const char *claim_columns,
                                       whosaid_error *err);

/* Adds rec's rows to the sheets it fills. 0, or a WHOSAID_E* code with
 * err's message (file and line empty, for the caller to fill) when some of
 * rec could not be written as it is; what could be written was. The
 * workbook stays usable after an error other than WHOSAID_ENOMEM. */
int whosaid_workbook_add(whosaid_workbook *wb, const json_t *rec, whosaid_error *err);

/* Finishes the sheets and writes the file; frees wb in any case. 0, or
 * WHOSAID_EIO with err = "path: libxlsxwriter's message". */
int whosaid_workbook_close(whosaid_workbook *wb, whosaid_error *err);

/* Frees wb without writing anything. NULL is a no-op. */
void whosaid_workbook_free(whosaid_workbook *wb);

#endif
