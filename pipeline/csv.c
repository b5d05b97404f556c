/* whosaid-csv: claim records (or, with --table, the entities and statistics
 * of document or claim records) as CSV or TSV for spreadsheets. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "whosaid/buf.h"
#include "whosaid/cli.h"
#include "whosaid/csvwrite.h"
#include "whosaid/out.h"
#include "whosaid/sink.h"
#include "whosaid/stage.h"
#include "whosaid/table.h"

static void usage(FILE *fp)
{
    fprintf(fp, "usage: whosaid-csv [OPTIONS] [FILE|-]...\n"
                "Writes claim records (JSON Lines from whosaid-claims) as CSV (RFC 4180).\n\n"
                "  -t, --table=TABLE    claims (default): one row per claim;\n"
                "                       entities: one row per entity of each document\n"
                "                       record (or of each claim's \"entities\");\n"
                "                       stats: one row per statistic (STAT span or\n"
                "                       element of a claim's \"stats\")\n"
                "  -c, --columns=A,B,.. the columns, by field name, in order (dotted paths\n"
                "                       such as meta.outlet and your own fields work)\n"
                "      --tsv            tab-separated values (\\t \\n \\r \\\\ escaped)\n"
                "      --excel          UTF-8 byte order mark and CR LF line ends\n"
                "      --crlf           CR LF line ends only\n"
                "      --no-guard       keep cells starting with = + - @ TAB CR as they are\n"
                "                       (by default they get a leading ' against formula\n"
                "                       injection; numbers are never changed)\n"
                "      --no-header      no header row\n"
                "  -u, --unbuffered     write each record's rows as soon as they are made\n"
                "  -s, --stats          print the counts line on stderr: records in, out\n"
                "                       (their rows written), errors (refused), bad_lines,\n"
                "                       duplicate_ids (not checked: 0), and rows written\n"
                "  -h, --help           show this help\n"
                "  -V, --version        show the version\n\n"
                "Default columns:\n"
                "  claims:   " WHOSAID_TABLE_CLAIMS_COLUMNS "\n"
                "  entities: " WHOSAID_TABLE_ENTITIES_COLUMNS "\n"
                "  stats:    " WHOSAID_TABLE_STATS_COLUMNS "\n"
                "Several values in one cell are joined with \"; \"; a missing field is an\n"
                "empty cell.\n"
                "Exit status: 0 ok, 1 a bad line or record (reported as file:line, the rest\n"
                "still written) or an I/O error, 2 usage error.\n");
}

typedef struct csv_ctx {
    whosaid_table *table;
    whosaid_csvwrite *w;
    whosaid_out *out;
    whosaid_buf rows;
    int status_io;       /* 1 when writing failed (not EPIPE) */
    long written, nrows; /* records whose rows were written, and those rows */
} csv_ctx;

/* Appends the cells of one row to c->rows. */
static int put_row(csv_ctx *c, size_t row)
{
    size_t n = whosaid_table_ncols(c->table);
    for (size_t col = 0; col < n; col++) {
        const whosaid_cell *cell = whosaid_table_cell(c->table, row, col);
        if (whosaid_csvwrite_cell(c->w, &c->rows, cell->s, cell->len,
                                  cell->type == WHOSAID_CELL_NUMBER))
            return WHOSAID_ENOMEM;
    }
    return whosaid_csvwrite_end_row(c->w, &c->rows);
}

/* Hands the queued rows to the output. 0, or -1 when the output is gone. */
static int emit(csv_ctx *c)
{
    int rc = whosaid_out_raw(c->out, c->rows.data ? c->rows.data : "", c->rows.len);
    whosaid_buf_clear(&c->rows);
    if (!rc) return 0;
    if (!whosaid_cli_output_gone(rc)) c->status_io = 1;
    return -1;
}

static int on_record(void *ctx, json_t *rec, const char *file, long line)
{
    csv_ctx *c = ctx;
    whosaid_error e;
    long nrows = whosaid_table_add(c->table, rec, &e);
    if (nrows == WHOSAID_EINPUT) {
        whosaid_cli_warn("%s:%ld: %s", file, line, e.msg);
        return 1;
    }
    for (long r = 0; nrows > 0 && r < nrows; r++) {
        if (put_row(c, (size_t)r)) nrows = WHOSAID_ENOMEM;
    }
    if (nrows < 0) {
        whosaid_cli_warn("%s:%ld: out of memory", file, line);
        whosaid_buf_clear(&c->rows);
        c->status_io = 1;
        return -1;
    }
    if (emit(c)) return -1;
    c->written++;
    c->nrows += nrows;
    return 0;
}

static int header(csv_ctx *c, int bom, int names)
{
    if (bom && whosaid_csvwrite_bom(&c->rows)) return WHOSAID_ENOMEM;
    if (!names) return 0;
    for (size_t col = 0; col < whosaid_table_ncols(c->table); col++) {
        const char *name = whosaid_table_column(c->table, col);
        if (whosaid_csvwrite_cell(c->w, &c->rows, name, strlen(name), 0)) return WHOSAID_ENOMEM;
    }
    return whosaid_csvwrite_end_row(c->w, &c->rows);
}

int main(int argc, char **argv)
{
    enum { OPT_TSV = 256, OPT_EXCEL, OPT_CRLF, OPT_NO_GUARD, OPT_NO_HEADER };
    static const struct option longopts[] = {{"table", required_argument, NULL, 't'},
                                             {"columns", required_argument, NULL, 'c'},
                                             {"tsv", no_argument, NULL, OPT_TSV},
                                             {"excel", no_argument, NULL, OPT_EXCEL},
                                             {"crlf", no_argument, NULL, OPT_CRLF},
                                             {"no-guard", no_argument, NULL, OPT_NO_GUARD},
                                             {"no-header", no_argument, NULL, OPT_NO_HEADER},
                                             {"unbuffered", no_argument, NULL, 'u'},
                                             {"stats", no_argument, NULL, 's'},
                                             WHOSAID_CLI_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    int kind = WHOSAID_TABLE_CLAIMS, flags = 0, bom = 0, names = 1, unbuffered = 0, stats = 0;
    int opt;
    const char *columns = NULL;
    whosaid_cli_init(argv);
    while ((opt = getopt_long(argc, argv, "t:c:ushV", longopts, NULL)) != -1) {
        switch (opt) {
        case 't':
            if ((kind = whosaid_table_kind(optarg)) < 0) {
                whosaid_cli_warn("--table: '%s' is not claims, entities or stats", optarg);
                return WHOSAID_EXIT_USAGE;
            }
            break;
        case 'c': columns = optarg; break;
        case OPT_TSV: flags |= WHOSAID_CSV_TSV; break;
        case OPT_EXCEL: flags |= WHOSAID_CSV_CRLF, bom = 1; break;
        case OPT_CRLF: flags |= WHOSAID_CSV_CRLF; break;
        case OPT_NO_GUARD: flags |= WHOSAID_CSV_RAW; break;
        case OPT_NO_HEADER: names = 0; break;
        case 'u': unbuffered = 1; break;
        case 's': stats = 1; break;
        default: return whosaid_cli_common_option(opt, usage); /* -h, -V or a bad option */
        }
    }
    whosaid_error e;
    csv_ctx c = {NULL, NULL, NULL, WHOSAID_BUF_INIT, 0, 0, 0};
    whosaid_sink_counts sc = {0, 0, 0};
    if (!(c.table = whosaid_table_new(kind, columns, &e))) {
        whosaid_cli_warn("-c: %s", e.msg);
        return e.code == WHOSAID_ENOMEM ? WHOSAID_EXIT_DATA : WHOSAID_EXIT_USAGE;
    }
    c.w = whosaid_csvwrite_new(flags);
    c.out = whosaid_out_new(STDOUT_FILENO);
    int status = WHOSAID_EXIT_DATA, stopped = 0;
    if (c.out) whosaid_out_set_flush_each(c.out, unbuffered);
    if (!c.w || !c.out || header(&c, bom, names)) {
        whosaid_cli_warn("out of memory");
    } else if (emit(&c) == 0) {
        status = whosaid_sink_run(argv + optind, argc - optind, on_record, &c, &stopped, &sc);
        if (c.status_io) status = WHOSAID_EXIT_DATA;
        /* A -c name that no row ever filled is most likely misspelt. */
        for (size_t col = 0; columns && !stopped && col < whosaid_table_ncols(c.table); col++)
            if (!whosaid_table_filled(c.table, col))
                whosaid_cli_warn("column '%s' is empty in every row",
                                 whosaid_table_column(c.table, col));
        status = whosaid_cli_finish(stopped ? NULL : c.out, status);
    } else {
        status = whosaid_cli_finish(NULL, c.status_io);
    }
    if (stats) {
        /* Reconciles as the other stages: in == out + errors unless the
         * run stopped; claims table: rows == out (one row per claim). */
        whosaid_stage_counts st = {sc.records, c.written, sc.bad_records, sc.bad_lines, 0};
        char more[48];
        snprintf(more, sizeof more, "rows %ld", c.nrows);
        whosaid_stage_stats(&st, more);
    }
    whosaid_buf_free(&c.rows);
    whosaid_out_free(c.out);
    whosaid_csvwrite_free(c.w);
    whosaid_table_free(c.table);
    return status;
}
