/* CSV and TSV cells: quoting, escaping and the formula-injection guard.
 * Keeps two ints per writer; every cell is one pass over its bytes. */
#include "whosaid/csvwrite.h"

#include <stdlib.h>
#include <string.h>

#include "whosaid/error.h"

struct whosaid_csvwrite {
    int flags;
    int in_row; /* a cell of the current row was written */
    int blank;  /* the row so far is one empty cell */
};

whosaid_csvwrite *whosaid_csvwrite_new(int flags)
{
    whosaid_csvwrite *w = calloc(1, sizeof *w);
    if (w) w->flags = flags;
    return w;
}

void whosaid_csvwrite_free(whosaid_csvwrite *w)
{
    free(w);
}

static int trigger(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

int whosaid_csvwrite_risky(const char *s, size_t len)
{
    /* Leading apostrophes count too, so that "'=x" becomes "''=x" and
     * stripping one apostrophe always gives the original back. */
    size_t i = 0;
    while (i < len && s[i] == '\'')
        i++;
    return i < len && trigger(s[i]);
}

static int needs_quotes(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') return 1;
    return 0;
}

static int put_csv(whosaid_buf *out, const char *s, size_t len, int guard)
{
    int quote = needs_quotes(s, len);
    if (whosaid_buf_reserve(out, len + 3 + (size_t)guard)) return WHOSAID_ENOMEM;
    if (quote && whosaid_buf_append_char(out, '"')) return WHOSAID_ENOMEM;
    if (guard && whosaid_buf_append_char(out, '\'')) return WHOSAID_ENOMEM;
    size_t run = 0; /* start of the bytes not yet copied */
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '"' && s[i] != '\0') continue;
        if (whosaid_buf_append(out, s + run, i - run)) return WHOSAID_ENOMEM;
        if (i < len && s[i] == '"' && whosaid_buf_append(out, "\"\"", 2)) return WHOSAID_ENOMEM;
        run = i + 1;
    }
    if (quote && whosaid_buf_append_char(out, '"')) return WHOSAID_ENOMEM;
    return 0;
}

static int put_tsv(whosaid_buf *out, const char *s, size_t len, int guard)
{
    if (whosaid_buf_reserve(out, len + 1)) return WHOSAID_ENOMEM;
    if (guard && whosaid_buf_append_char(out, '\'')) return WHOSAID_ENOMEM;
    size_t run = 0;
    for (size_t i = 0; i <= len; i++) {
        const char *esc = NULL;
        if (i < len) {
            switch (s[i]) {
            case '\t': esc = "\\t"; break;
            case '\n': esc = "\\n"; break;
            case '\r': esc = "\\r"; break;
            case '\\': esc = "\\\\"; break;
            case '\0': esc = ""; break;
            default: continue;
            }
        }
        if (whosaid_buf_append(out, s + run, i - run)) return WHOSAID_ENOMEM;
        if (esc && whosaid_buf_append_str(out, esc)) return WHOSAID_ENOMEM;
        run = i + 1;
    }
    return 0;
}

int whosaid_csvwrite_cell(whosaid_csvwrite *w, whosaid_buf *out, const char *s, size_t len,
                          int numeric)
{
    char sep = (w->flags & WHOSAID_CSV_TSV) ? '\t' : ',';
    if (w->in_row && whosaid_buf_append_char(out, sep)) return WHOSAID_ENOMEM;
    int guard = !numeric && !(w->flags & WHOSAID_CSV_RAW) && whosaid_csvwrite_risky(s, len);
    size_t mark = out->len;
    int rc =
        (w->flags & WHOSAID_CSV_TSV) ? put_tsv(out, s, len, guard) : put_csv(out, s, len, guard);
    w->blank = !w->in_row && out->len == mark;
    w->in_row = 1;
    return rc;
}

int whosaid_csvwrite_end_row(whosaid_csvwrite *w, whosaid_buf *out)
{
    /* A row of one empty cell would be a blank line, which CSV readers
     * skip: "" keeps the row. */
    int keep = w->in_row && w->blank && !(w->flags & WHOSAID_CSV_TSV);
    w->in_row = w->blank = 0;
    if (keep && whosaid_buf_append(out, "\"\"", 2)) return WHOSAID_ENOMEM;
    return whosaid_buf_append_str(out, (w->flags & WHOSAID_CSV_CRLF) ? "\r\n" : "\n");
}

int whosaid_csvwrite_bom(whosaid_buf *out)
{
    return whosaid_buf_append(out, "\xEF\xBB\xBF", 3);
}
