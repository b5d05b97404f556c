/* The three-sheet workbook. Keeps, per sheet, its table (the rows of the
 * current record) and the next row number; libxlsxwriter in constant-memory
 * mode keeps one row per sheet in memory and the rest in temporary files.
 * A record costs O(its cells). */
#include "whosaid/workbook.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "whosaid/buf.h"
#include "whosaid/table.h"
#include "whosaid/utf8.h"

/* Excel's limit on the characters of one cell. */
#define WB_CELL_MAX 32767

enum { SHEET_CLAIMS, SHEET_ENTITIES, SHEET_STATS, NSHEETS };

typedef struct sheet {
    lxw_worksheet *ws;
    whosaid_table *table;
    const char *name;
    unsigned char *wrap; /* per column: the column wraps its text */
    lxw_row_t next;      /* next row to write (0 is the header) */
    int full;            /* Excel's row limit was reached */
} sheet;

struct whosaid_workbook {
    lxw_workbook *wb;
    char *path;    /* the file libxlsxwriter writes */
    int to_stdout; /* path is a temporary file to copy to stdout */
    lxw_format *bold, *wrap, *date, *wrap_date;
    sheet sheets[NSHEETS];
    whosaid_buf scratch;
};

/* Column widths in characters by field name; others get the default. */
static double column_width(const char *name, int *wrap)
{
    static const struct {
        const char *name;
        double width;
        int wrap;
    } widths[] = {
        {"content", 80, 1},   {"text", 40, 1},     {"doc", 24, 0},          {"date", 12, 0},
        {"published", 12, 0}, {"speaker", 24, 0},  {"speaker_role", 22, 0}, {"speaker_org", 26, 0},
        {"canonical", 28, 0}, {"entities", 36, 1}, {"stats", 36, 1},        {"aliases", 30, 1},
        {"countries", 12, 0}, {"kind", 12, 0},     {"claim", 7, 0},         {"n", 5, 0},
        {"value", 16, 0},     {"value_max", 16, 0}};
    for (size_t k = 0; k < sizeof widths / sizeof *widths; k++)
        if (strcmp(name, widths[k].name) == 0) {
            *wrap = widths[k].wrap;
            return widths[k].width;
        }
    *wrap = 0;
    return 14;
}

void whosaid_workbook_free(whosaid_workbook *wb)
{
    if (!wb) return;
    if (wb->wb) lxw_workbook_free(wb->wb);
    for (int k = 0; k < NSHEETS; k++) {
        whosaid_table_free(wb->sheets[k].table);
        free(wb->sheets[k].wrap);
    }
    if (wb->to_stdout && wb->path) unlink(wb->path);
    free(wb->path);
    whosaid_buf_free(&wb->scratch);
    free(wb);
}

static int lxw_fail(whosaid_error *err, const char *path, lxw_error rc)
{
    return whosaid_error_set(err, WHOSAID_EIO, path, 0, "%s", lxw_strerror(rc));
}

/* Creates the sheet with its header row, widths, frozen pane. */
static int start_sheet(whosaid_workbook *wb, int k, const char *name, int kind, const char *columns,
                       whosaid_error *err)
{
    sheet *s = &wb->sheets[k];
    s->name = name;
    if (!(s->table = whosaid_table_new(kind, columns, err))) return err->code;
    size_t ncols = whosaid_table_ncols(s->table);
    if (ncols > LXW_COL_MAX)
        return whosaid_error_set(err, WHOSAID_EINPUT, "", 0, "more than %d columns", LXW_COL_MAX);
    if (!(s->wrap = calloc(ncols, 1)) || !(s->ws = workbook_add_worksheet(wb->wb, name)))
        return whosaid_error_set(err, WHOSAID_ENOMEM, "", 0, "out of memory");
    for (size_t c = 0; c < ncols; c++) {
        const char *col = whosaid_table_column(s->table, c);
        int wrap;
        double width = column_width(col, &wrap);
        s->wrap[c] = (unsigned char)wrap;
        worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, width, wrap ? wb->wrap : NULL);
        lxw_error rc = worksheet_write_string(s->ws, 0, (lxw_col_t)c, col, wb->bold);
        if (rc) return lxw_fail(err, wb->path, rc);
    }
    worksheet_freeze_panes(s->ws, 1, 0);
    s->next = 1;
    return 0;
}

static int open_output(whosaid_workbook *wb, const char *path, whosaid_error *err)
{
    if (strcmp(path, "-") != 0) {
        /* An existing terminal device is refused like standard output. */
        int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK);
        int tty = fd >= 0 && isatty(fd);
        if (fd >= 0) close(fd);
        if (tty)
            return whosaid_error_set(err, WHOSAID_EINPUT, path, 0,
                                     "refusing to write a workbook to a terminal");
        /* libxlsxwriter opens the file only when the workbook is done:
         * find an impossible path before reading all the input. */
        struct stat st;
        char *dir = strdup(path);
        if (!dir) return WHOSAID_ENOMEM;
        int bad = (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) ? EISDIR
                  : access(dirname(dir), W_OK | X_OK)           ? errno
                                                                : 0;
        free(dir);
        if (bad) return whosaid_error_set(err, WHOSAID_EIO, path, 0, "%s", strerror(bad));
        return (wb->path = strdup(path)) ? 0 : WHOSAID_ENOMEM;
    }
    if (isatty(STDOUT_FILENO))
        return whosaid_error_set(err, WHOSAID_EINPUT, "", 0,
                                 "refusing to write a workbook to a terminal "
                                 "(give -o FILE, or redirect standard output)");
    /* libxlsxwriter writes files by name: a temporary one, copied at the end. */
    const char *tmp = getenv("TMPDIR");
    whosaid_buf p = WHOSAID_BUF_INIT;
    if (whosaid_buf_printf(&p, "%s/whosaid-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp"))
        return WHOSAID_ENOMEM;
    int fd = mkstemp(p.data);
    if (fd < 0) {
        whosaid_error_set(err, WHOSAID_EIO, p.data, 0, "%s", strerror(errno));
        whosaid_buf_free(&p);
        return WHOSAID_EIO;
    }
    close(fd);
    wb->path = p.data;
    wb->to_stdout = 1;
    return 0;
}

whosaid_workbook *whosaid_workbook_new(const char *path, const char *claim_columns,
                                       whosaid_error *err)
{
    whosaid_workbook *wb = calloc(1, sizeof *wb);
    if (!wb) {
        whosaid_error_set(err, WHOSAID_ENOMEM, "", 0, "out of memory");
        return NULL;
    }
    int rc = open_output(wb, path, err);
    if (rc == WHOSAID_ENOMEM) whosaid_error_set(err, rc, "", 0, "out of memory");
    if (rc) {
        whosaid_workbook_free(wb);
        return NULL;
    }
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = 0};
    if (!(wb->wb = workbook_new_opt(wb->path, &opt))) {
        whosaid_error_set(err, WHOSAID_EIO, path, 0, "libxlsxwriter could not start a workbook");
        whosaid_workbook_free(wb);
        return NULL;
    }
    wb->bold = workbook_add_format(wb->wb);
    wb->wrap = workbook_add_format(wb->wb);
    wb->date = workbook_add_format(wb->wb);
    wb->wrap_date = workbook_add_format(wb->wb);
    if (!wb->bold || !wb->wrap || !wb->date || !wb->wrap_date) {
        whosaid_error_set(err, WHOSAID_ENOMEM, "", 0, "out of memory");
        whosaid_workbook_free(wb);
        return NULL;
    }
    format_set_bold(wb->bold);
    format_set_text_wrap(wb->wrap);
    format_set_align(wb->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(wb->date, "yyyy-mm-dd");
    format_set_num_format(wb->wrap_date, "yyyy-mm-dd");
    format_set_text_wrap(wb->wrap_date);
    if (start_sheet(wb, SHEET_CLAIMS, "Claims", WHOSAID_TABLE_CLAIMS, claim_columns, err) ||
        start_sheet(wb, SHEET_ENTITIES, "Entities", WHOSAID_TABLE_ENTITIES, NULL, err) ||
        start_sheet(wb, SHEET_STATS, "Statistics", WHOSAID_TABLE_STATS, NULL, err)) {
        whosaid_workbook_free(wb);
        return NULL;
    }
    return wb;
}

/* s[0..len) as libxlsxwriter takes it: no NUL bytes (it takes C strings),
 * CR LF and lone CR as LF (a cell's line break; libxlsxwriter would write
 * CR as _x000D_), at most WB_CELL_MAX code points. Sets *cut when text was
 * cut. NULL on ENOMEM. */
static const char *cell_text(whosaid_workbook *wb, const char *s, size_t len, int *cut)
{
    size_t keep = len;
    *cut = 0;
    if (len > WB_CELL_MAX && whosaid_utf8_count(s, len) > WB_CELL_MAX) {
        size_t i = 0;
        for (size_t n = 0; n < WB_CELL_MAX && i < len; n++)
            whosaid_utf8_next(s, len, &i);
        keep = i;
        *cut = 1;
    }
    if (keep == len && !memchr(s, '\0', len) && !memchr(s, '\r', len)) return s;
    whosaid_buf_clear(&wb->scratch);
    if (whosaid_buf_reserve(&wb->scratch, keep)) return NULL;
    for (size_t i = 0; i < keep; i++) {
        if (!s[i] || (s[i] == '\r' && i + 1 < keep && s[i + 1] == '\n')) continue;
        whosaid_buf_append_char(&wb->scratch, s[i] == '\r' ? '\n' : s[i]);
    }
    return wb->scratch.data ? wb->scratch.data : "";
}

/* Writes one cell; 0 or a WHOSAID_E* code with err's message. */
static int write_cell(whosaid_workbook *wb, sheet *s, lxw_row_t row, lxw_col_t col,
                      const whosaid_cell *c, whosaid_error *err)
{
    lxw_format *fmt = s->wrap[col] ? wb->wrap : NULL;
    const char *name = whosaid_table_column(s->table, col);
    lxw_error rc = LXW_NO_ERROR;
    int y, m, d, cut = 0;
    switch (c->type) {
    case WHOSAID_CELL_EMPTY: return 0;
    case WHOSAID_CELL_NUMBER: rc = worksheet_write_number(s->ws, row, col, c->num, fmt); break;
    case WHOSAID_CELL_BOOL: rc = worksheet_write_boolean(s->ws, row, col, c->num != 0, fmt); break;
    default:
        /* Excel's calendar starts 1900-01-01 and counts a 1900-02-29 that
         * never was, so only dates from March 1900 on are safe as dates. */
        if (whosaid_cell_date(c, &y, &m, &d) && (y > 1900 || (y == 1900 && m >= 3))) {
            lxw_datetime dt = {y, m, d, 0, 0, 0};
            rc = worksheet_write_datetime(s->ws, row, col, &dt,
                                          s->wrap[col] ? wb->wrap_date : wb->date);
            break;
        }
        const char *text = cell_text(wb, c->s, c->len, &cut);
        if (!text) return whosaid_error_set(err, WHOSAID_ENOMEM, "", 0, "out of memory");
        rc = worksheet_write_string(s->ws, row, col, text, fmt);
    }
    if (rc)
        return whosaid_error_set(err, WHOSAID_EIO, "", 0, "sheet %s, column %s: %s", s->name, name,
                                 lxw_strerror(rc));
    if (cut)
        return whosaid_error_set(err, WHOSAID_ELIMIT, "", 0,
                                 "sheet %s, column %s: text cut to Excel's %d characters", s->name,
                                 name, WB_CELL_MAX);
    return 0;
}

/* Adds rec's rows to sheet k; keeps the first problem in err. */
static int add_rows(whosaid_workbook *wb, int k, const json_t *rec, whosaid_error *err)
{
    sheet *s = &wb->sheets[k];
    whosaid_error e;
    int first = 0;
    long nrows = whosaid_table_add(s->table, rec, &e);
    if (nrows < 0) {
        *err = e;
        return (int)nrows;
    }
    size_t ncols = whosaid_table_ncols(s->table);
    for (long r = 0; r < nrows; r++) {
        if (s->next >= LXW_ROW_MAX) {
            /* Reported once per sheet; later rows are counted out silently. */
            if (!s->full && !first)
                first = whosaid_error_set(err, WHOSAID_ELIMIT, "", 0,
                                          "sheet %s is full (Excel's %d rows): rows dropped",
                                          s->name, LXW_ROW_MAX);
            s->full = 1;
            break;
        }
        for (size_t c = 0; c < ncols; c++) {
            int rc = write_cell(wb, s, s->next, (lxw_col_t)c,
                                whosaid_table_cell(s->table, (size_t)r, c), &e);
            if (rc && !first) {
                first = rc;
                *err = e;
            }
            if (rc == WHOSAID_ENOMEM) return rc;
        }
        s->next++;
    }
    return first;
}

int whosaid_workbook_add(whosaid_workbook *wb, const json_t *rec, whosaid_error *err)
{
    int rc = 0, kind = whosaid_table_record_kind(rec);
    for (int k = 0; k < NSHEETS && rc != WHOSAID_ENOMEM; k++) {
        if (k == SHEET_CLAIMS && kind == WHOSAID_REC_DOCUMENT) continue;
        whosaid_error e;
        int r = add_rows(wb, k, rec, &e);
        if (r && !rc) {
            rc = r;
            *err = e;
        }
    }
    return rc;
}

/* Copies the finished temporary file to standard output. */
static int copy_out(const char *path, whosaid_error *err)
{
    FILE *in = fopen(path, "rb");
    if (!in) return whosaid_error_set(err, WHOSAID_EIO, path, 0, "%s", strerror(errno));
    char buf[65536];
    size_t n;
    int rc = 0;
    while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0) {
        for (size_t done = 0; !rc && done < n;) {
            ssize_t w = write(STDOUT_FILENO, buf + done, n - done);
            if (w < 0 && errno == EINTR) continue;
            if (w < 0)
                rc = whosaid_error_set(err, WHOSAID_EIO, "-", 0, "%s", strerror(errno));
            else
                done += (size_t)w;
        }
    }
    if (!rc && ferror(in)) rc = whosaid_error_set(err, WHOSAID_EIO, path, 0, "read error");
    fclose(in);
    return rc;
}

int whosaid_workbook_close(whosaid_workbook *wb, whosaid_error *err)
{
    if (!wb) return 0;
    for (int k = 0; k < NSHEETS; k++) {
        sheet *s = &wb->sheets[k];
        size_t ncols = whosaid_table_ncols(s->table);
        worksheet_autofilter(s->ws, 0, 0, s->next - 1, (lxw_col_t)(ncols - 1));
    }
    lxw_error lrc = workbook_close(wb->wb);
    wb->wb = NULL; /* closed and freed by libxlsxwriter, whatever the outcome */
    int rc = lrc ? lxw_fail(err, wb->to_stdout ? "-" : wb->path, lrc) : 0;
    if (!rc && wb->to_stdout) rc = copy_out(wb->path, err);
    whosaid_workbook_free(wb);
    return rc;
}
