/* Claim and document records as the rows of a table (the CSV and XLSX
 * outputs): which records give which rows, the column set, and a cell per
 * column found by field name.
 *
 * Tables (the default columns are WHOSAID_TABLE_*_COLUMNS):
 *   claims    one row per claim record; a document record is refused.
 *   entities  a document record gives one row per entity: resolve's
 *             "entities" (with their "attrs" as columns and "mentions"
 *             counted) when present, else its name spans grouped by type
 *             and canonical name, counted; a claim record gives one row
 *             per element of its "entities", with "claim" = its "n".
 *   stats     a document record gives one row per STAT span, a claim
 *             record one row per element of its "stats".
 *
 * A column is a field name: a key of the row's object, else a dotted path
 * ("meta.outlet", "entities.type") that maps over arrays on the way. For
 * claims, "countries" (when the record has no such field) is the distinct
 * "country" codes of the claim's entities. Strings, numbers and booleans
 * are cells as they are; an object shows as its "canonical", "text",
 * "value" or "name", else compact JSON; an array's values are joined with
 * "; " (nested arrays flattened); an absent field or null is an empty cell.
 *
 * The table keeps the rows of the last record added: their cells point into
 * one text arena reused from record to record, so memory follows the
 * largest record, not the input. */
#ifndef WHOSAID_TABLE_H
#define WHOSAID_TABLE_H

#include <jansson.h>
#include <stddef.h>

#include "whosaid/error.h"

enum { WHOSAID_TABLE_CLAIMS, WHOSAID_TABLE_ENTITIES, WHOSAID_TABLE_STATS };

#define WHOSAID_TABLE_CLAIMS_COLUMNS                                                               \
    "doc,date,published,speaker,speaker_type,speaker_role,speaker_org,cue,cue_class,kind,"         \
    "content,via,entities,countries,stats"
#define WHOSAID_TABLE_ENTITIES_COLUMNS                                                             \
    "doc,claim,entity,type,canonical,country,role,org,mentions,aliases"
#define WHOSAID_TABLE_STATS_COLUMNS                                                                \
    "doc,claim,text,value,value_max,unit,currency,percent,approx,bound,vague"

/* What a record is: a claim has "doc" and "n", a document "id" and "text". */
enum { WHOSAID_REC_OTHER, WHOSAID_REC_CLAIM, WHOSAID_REC_DOCUMENT };
int whosaid_table_record_kind(const json_t *rec);

enum { WHOSAID_CELL_EMPTY, WHOSAID_CELL_TEXT, WHOSAID_CELL_NUMBER, WHOSAID_CELL_BOOL };

typedef struct whosaid_cell {
    int type;      /* WHOSAID_CELL_* */
    const char *s; /* text form, NUL-terminated ("" when empty); a NUMBER's
                    * shortest exact decimal, a BOOL's "true" / "false" */
    size_t len;    /* bytes of s (s may hold NUL bytes from the JSON) */
    double num;    /* NUMBER: the value; BOOL: 0 or 1 */
    int joined;    /* 1 when s joins several values with "; " */
} whosaid_cell;

typedef struct whosaid_table whosaid_table;

/* "claims", "entities", "stats" -> WHOSAID_TABLE_*, else -1. */
int whosaid_table_kind(const char *name);
const char *whosaid_table_kind_name(int kind);
/* The default column list of a kind, comma-separated. */
const char *whosaid_table_default_columns(int kind);

/* A table of kind with columns, a comma-separated list of field names
 * (spaces around names ignored), or the default set when NULL. NULL with
 * err set (WHOSAID_EINPUT for an empty name, WHOSAID_ENOMEM). */
whosaid_table *whosaid_table_new(int kind, const char *columns, whosaid_error *err);
void whosaid_table_free(whosaid_table *t);

size_t whosaid_table_ncols(const whosaid_table *t);
const char *whosaid_table_column(const whosaid_table *t, size_t col);

/* Replaces the table's rows by those of rec (borrowed). Returns the number
 * of rows (0 is fine: a document without statistics), or WHOSAID_EINPUT
 * with err's message saying why rec gives no rows (a document record in a
 * claims table), or WHOSAID_ENOMEM. err's file and line are left empty
 * for the caller, who knows where rec came from. */
long whosaid_table_add(whosaid_table *t, const json_t *rec, whosaid_error *err);

/* The cell at row, col of the last add; valid until the next add or free. */
const whosaid_cell *whosaid_table_cell(const whosaid_table *t, size_t row, size_t col);

/* 1 if some row added so far had a non-empty cell in col (so a column no
 * record ever filled, perhaps a misspelt -c name, can be pointed out). */
int whosaid_table_filled(const whosaid_table *t, size_t col);

/* 1 with the date if c is a text cell that is exactly a valid ISO 8601
 * calendar date YYYY-MM-DD (not a partial TIMEX such as 2013-06 or
 * 2013-W26, nor a date-time), else 0. */
int whosaid_cell_date(const whosaid_cell *c, int *year, int *month, int *day);

#endif
