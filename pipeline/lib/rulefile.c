#include "whosaid/rulefile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/utf8.h"

struct whosaid_rulefile {
    FILE *fp;
    char *path;
    char *line; /* getline's buffer */
    size_t line_cap;
    char *fields; /* copy of the line with TABs turned into NULs */
    size_t fields_cap;
    const char *field[WHOSAID_RULEFILE_MAX_FIELDS];
    size_t nfields;
    long lineno;
};

whosaid_rulefile *whosaid_rulefile_open(const char *path, whosaid_error *err)
{
    whosaid_rulefile *rf = calloc(1, sizeof *rf);
    if (!rf) {
        whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "%s", whosaid_errmsg(WHOSAID_ENOMEM));
        return NULL;
    }
    rf->fp = fopen(path, "rb");
    rf->path = strdup(path);
    if (!rf->fp || !rf->path) {
        whosaid_error_set(err, WHOSAID_EIO, path, 0, "%s", strerror(rf->fp ? ENOMEM : errno));
        whosaid_rulefile_close(rf);
        return NULL;
    }
    return rf;
}

void whosaid_rulefile_close(whosaid_rulefile *rf)
{
    if (!rf) return;
    if (rf->fp) fclose(rf->fp);
    free(rf->path);
    free(rf->line);
    free(rf->fields);
    free(rf);
}

static int split_fields(whosaid_rulefile *rf, size_t n, whosaid_error *err)
{
    if (n + 1 > rf->fields_cap) {
        char *p = realloc(rf->fields, n + 1);
        if (!p) return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
        rf->fields = p;
        rf->fields_cap = n + 1;
    }
    memcpy(rf->fields, rf->line, n + 1);
    rf->nfields = 0;
    /* The line holds no NUL: a field ends at the next TAB (memchr) or at
     * the end, n. */
    char *p = rf->fields, *end = rf->fields + n;
    while (p < end) {
        while (*p == '\t')
            *p++ = '\0';
        if (p == end) break;
        if (rf->nfields == WHOSAID_RULEFILE_MAX_FIELDS)
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "more than %d fields",
                                          WHOSAID_RULEFILE_MAX_FIELDS);
        rf->field[rf->nfields++] = p;
        char *tab = memchr(p, '\t', (size_t)(end - p));
        p = tab ? tab : end;
    }
    return 1;
}

int whosaid_rulefile_next(whosaid_rulefile *rf, whosaid_error *err)
{
    for (;;) {
        errno = 0;
        ssize_t got = getline(&rf->line, &rf->line_cap, rf->fp);
        if (got < 0) {
            if (ferror(rf->fp))
                return whosaid_error_set(err, WHOSAID_EIO, rf->path, rf->lineno, "%s",
                                         strerror(errno ? errno : EIO));
            return 0;
        }
        rf->lineno++;
        size_t n = (size_t)got;
        if (n > WHOSAID_RULEFILE_MAX_LINE)
            return whosaid_rulefile_error(rf, err, WHOSAID_ELIMIT, "line longer than %d bytes",
                                          WHOSAID_RULEFILE_MAX_LINE);
        if (memchr(rf->line, '\0', n))
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "NUL byte in line");
        if (!whosaid_utf8_valid(rf->line, n))
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "invalid UTF-8");
        while (n > 0 && (rf->line[n - 1] == '\n' || rf->line[n - 1] == '\r' ||
                         rf->line[n - 1] == ' ' || rf->line[n - 1] == '\t'))
            n--;
        rf->line[n] = '\0';
        const char *p = rf->line;
        if (rf->lineno == 1 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
            (unsigned char)p[2] == 0xBF)
            memmove(rf->line, rf->line + 3, (n -= 3) + 1);
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '#') continue;
        return split_fields(rf, n, err);
    }
}

const char *whosaid_rulefile_text(const whosaid_rulefile *rf)
{
    return rf->line ? rf->line : "";
}

size_t whosaid_rulefile_nfields(const whosaid_rulefile *rf)
{
    return rf->nfields;
}

const char *whosaid_rulefile_field(const whosaid_rulefile *rf, size_t i)
{
    return i < rf->nfields ? rf->field[i] : NULL;
}

long whosaid_rulefile_lineno(const whosaid_rulefile *rf)
{
    return rf->lineno;
}

const char *whosaid_rulefile_path(const whosaid_rulefile *rf)
{
    return rf->path;
}

int whosaid_rulefile_error(const whosaid_rulefile *rf, whosaid_error *err, int code,
                           const char *fmt, ...)
{
    if (!err) return code;
    char msg[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return whosaid_error_set(err, code, rf->path, rf->lineno, "%s", msg);
}
