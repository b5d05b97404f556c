/* libFuzzer target: the table outputs (table.c, csvwrite.c) as whosaid-csv
 * uses them, on any bytes as a JSON Lines stream read as the sink loop
 * reads it (any JSON object: claim, document or neither). Every record
 * goes into each of the three tables with their default columns and into
 * one with dotted-path columns of every shape; each row is written as CSV
 * or TSV with the writer options chosen by the input's length, so all
 * combinations are reached. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "whosaid/buf.h"
#include "whosaid/csvwrite.h"
#include "whosaid/record.h"
#include "whosaid/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Paths into claim and document records, nested arrays and objects,
 * absent fields and a field of a scalar ("n.x"). */
#define PATHS                                                                                      \
    "doc,n,meta.outlet,entities.type,entities.attrs.role,stats.value,spans.text,n.x,mentions"

static whosaid_table *tables[4];
static whosaid_csvwrite *writers[8];
static whosaid_buf rows = WHOSAID_BUF_INIT;

static void done(void)
{
    for (int i = 0; i < 4; i++)
        whosaid_table_free(tables[i]);
    for (int i = 0; i < 8; i++)
        whosaid_csvwrite_free(writers[i]);
    whosaid_buf_free(&rows);
}

static void load(void)
{
    whosaid_error e;
    tables[0] = whosaid_table_new(WHOSAID_TABLE_CLAIMS, NULL, &e);
    tables[1] = whosaid_table_new(WHOSAID_TABLE_ENTITIES, NULL, &e);
    tables[2] = whosaid_table_new(WHOSAID_TABLE_STATS, NULL, &e);
    tables[3] = whosaid_table_new(WHOSAID_TABLE_ENTITIES, PATHS, &e);
    for (int i = 0; i < 4; i++)
        if (!tables[i]) abort();
    for (int i = 0; i < 8; i++)
        if (!(writers[i] = whosaid_csvwrite_new(i))) abort();
    atexit(done);
}

static void write_rows(whosaid_table *t, whosaid_csvwrite *w, const json_t *rec)
{
    whosaid_error e;
    long n = whosaid_table_add(t, rec, &e);
    for (long r = 0; r < n; r++) {
        for (size_t col = 0; col < whosaid_table_ncols(t); col++) {
            const whosaid_cell *c = whosaid_table_cell(t, (size_t)r, col);
            if (whosaid_csvwrite_cell(w, &rows, c->s, c->len, c->type == WHOSAID_CELL_NUMBER))
                abort();
            int y, m, d;
            whosaid_cell_date(c, &y, &m, &d);
        }
        if (whosaid_csvwrite_end_row(w, &rows)) abort();
    }
    whosaid_buf_clear(&rows);
}

/* Every table's rows of one record, through one writer. */
static void all_tables(json_t *rec, void *w)
{
    for (int i = 0; i < 4; i++)
        write_rows(tables[i], w, rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!tables[0]) load();
    fuzz_each_record(data, size, WHOSAID_READ_ANY, all_tables, writers[size % 8]);
    return 0;
}
