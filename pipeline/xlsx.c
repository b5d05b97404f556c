/* whosaid-xlsx: claim and document records as an .xlsx workbook with the
 * sheets Claims, Entities and Statistics (see include/whosaid/workbook.h). */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "whosaid/cli.h"
#include "whosaid/sink.h"
#include "whosaid/stage.h"
#include "whosaid/table.h"
#include "whosaid/workbook.h"

static void usage(FILE *fp)
{
    fprintf(fp, "usage: whosaid-xlsx -o FILE [OPTIONS] [FILE|-]...\n"
                "Writes claim records (from whosaid-claims) and document records (from\n"
                "whosaid-tag or whosaid-resolve), in any mix, as an .xlsx workbook:\n"
                "  Claims      one row per claim record\n"
                "  Entities    one row per entity of each document record (mentions\n"
                "              counted) and per entity named in each claim\n"
                "  Statistics  one row per STAT span and per statistic of each claim\n\n"
                "  -o, --output=FILE     the workbook to write (required; - for standard\n"
                "                        output, which must not be a terminal)\n"
                "  -c, --columns=A,B,..  the Claims sheet's columns, by field name, in order\n"
                "  -s, --stats           print the counts line on stderr: records in, out\n"
                "                        (written whole), errors (reported), bad_lines,\n"
                "                        duplicate_ids (not checked: 0), then claims (records\n"
                "                        for the Claims sheet) and documents\n"
                "  -h, --help            show this help\n"
                "  -V, --version         show the version\n\n"
                "Claims columns by default: " WHOSAID_TABLE_CLAIMS_COLUMNS "\n"
                "Exit status: 0 ok, 1 a bad line or record (reported as file:line, the\n"
                "workbook still written) or the workbook could not be written, 2 usage\n"
                "error (no -o, a terminal, a bad column list).\n");
}

typedef struct xlsx_ctx {
    whosaid_workbook *wb;
    long written, claims, documents; /* records written whole; records by kind */
} xlsx_ctx;

static int on_record(void *ctx, json_t *rec, const char *file, long line)
{
    xlsx_ctx *c = ctx;
    whosaid_error e;
    if (whosaid_table_record_kind(rec) == WHOSAID_REC_DOCUMENT)
        c->documents++;
    else
        c->claims++;
    int rc = whosaid_workbook_add(c->wb, rec, &e);
    if (!rc) {
        c->written++;
        return 0;
    }
    whosaid_cli_warn("%s:%ld: %s", file, line, e.msg);
    return rc == WHOSAID_ENOMEM ? -1 : 1;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"columns", required_argument, NULL, 'c'},
                                             {"stats", no_argument, NULL, 's'},
                                             WHOSAID_CLI_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    const char *output = NULL, *columns = NULL;
    int opt, stats = 0;
    whosaid_cli_init(argv);
    while ((opt = getopt_long(argc, argv, "o:c:shV", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o': output = optarg; break;
        case 'c': columns = optarg; break;
        case 's': stats = 1; break;
        default: return whosaid_cli_common_option(opt, usage); /* -h, -V or a bad option */
        }
    }
    if (!output) {
        whosaid_cli_warn("no output file: give -o FILE");
        usage(stderr);
        return WHOSAID_EXIT_USAGE;
    }
    whosaid_error e;
    whosaid_workbook *wb = whosaid_workbook_new(output, columns, &e);
    if (!wb) {
        whosaid_cli_report(&e);
        return e.code == WHOSAID_EINPUT ? WHOSAID_EXIT_USAGE : WHOSAID_EXIT_DATA;
    }
    int stopped = 0;
    xlsx_ctx c = {wb, 0, 0, 0};
    whosaid_sink_counts sc = {0, 0, 0};
    int status = whosaid_sink_run(argv + optind, argc - optind, on_record, &c, &stopped, &sc);
    if (stopped) status = WHOSAID_EXIT_DATA; /* out of memory: write what was read */
    /* Even after a signal the rows read so far make a valid workbook. */
    if (whosaid_workbook_close(wb, &e)) {
        whosaid_cli_report(&e);
        status = WHOSAID_EXIT_DATA;
        c.written = 0; /* no workbook: nothing went out */
    }
    status = whosaid_cli_finish(NULL, status);
    if (stats) {
        /* in == out + errors unless stopped or the workbook failed;
         * claims + documents == in. */
        whosaid_stage_counts st = {sc.records, c.written, sc.bad_records, sc.bad_lines, 0};
        char more[64];
        snprintf(more, sizeof more, "claims %ld documents %ld", c.claims, c.documents);
        whosaid_stage_stats(&st, more);
    }
    return status;
}
