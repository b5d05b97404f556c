#include "whosaid/record.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/utf8.h"

/* Duplicate keys are refused: which one a later stage saw would be a guess. */
#define LOAD_FLAGS (JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES)

struct whosaid_reader {
    FILE *fp;
    char *name;
    int require;
    char *line;
    size_t cap;
    long lineno;
    size_t repaired;
    whosaid_buf fixed; /* the line after UTF-8 repair, when it needed one */
};

whosaid_reader *whosaid_reader_new(FILE *fp, const char *name, int require)
{
    whosaid_reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->fp = fp;
    r->require = require;
    r->name = strdup(name ? name : "-");
    if (!r->name) {
        free(r);
        return NULL;
    }
    return r;
}

void whosaid_reader_free(whosaid_reader *r)
{
    if (!r) return;
    free(r->name);
    free(r->line);
    whosaid_buf_free(&r->fixed);
    free(r);
}

long whosaid_reader_line(const whosaid_reader *r)
{
    return r->lineno;
}

size_t whosaid_reader_repaired(const whosaid_reader *r)
{
    return r->repaired;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') return 0;
    return 1;
}

static int check_record(whosaid_reader *r, json_t *rec, whosaid_error *err)
{
    if (!json_is_object(rec))
        return whosaid_error_set(err, WHOSAID_ESYNTAX, r->name, r->lineno,
                                 "expected a JSON object");
    if (r->require & WHOSAID_READ_ID) {
        const char *id = whosaid_record_id(rec);
        if (!id || !*id)
            return whosaid_error_set(err, WHOSAID_EINPUT, r->name, r->lineno,
                                     "record has no \"id\" string");
    }
    if ((r->require & WHOSAID_READ_TEXT) && !json_is_string(json_object_get(rec, "text")))
        return whosaid_error_set(err, WHOSAID_EINPUT, r->name, r->lineno,
                                 "record %s has no \"text\" string",
                                 whosaid_record_id(rec) ? whosaid_record_id(rec) : "");
    return 0;
}

int whosaid_reader_next(whosaid_reader *r, json_t **rec, whosaid_error *err)
{
    *rec = NULL;
    for (;;) {
        errno = 0;
        ssize_t got = getline(&r->line, &r->cap, r->fp);
        if (got < 0) {
            if (ferror(r->fp))
                return whosaid_error_set(err, WHOSAID_EIO, r->name, r->lineno, "%s",
                                         strerror(errno ? errno : EIO));
            return 0;
        }
        r->lineno++;
        size_t n = (size_t)got;
        if (is_blank(r->line, n)) continue;
        /* jansson checks UTF-8 as it parses, so the line is only scanned
         * and repaired when parsing it as it is fails. */
        r->repaired = 0;
        json_error_t jerr;
        json_t *j = json_loadb(r->line, n, LOAD_FLAGS, &jerr);
        if (!j && !whosaid_utf8_valid(r->line, n)) {
            whosaid_buf_clear(&r->fixed);
            if (whosaid_utf8_repair(r->line, n, &r->fixed, &r->repaired, NULL))
                return whosaid_error_set(err, WHOSAID_ENOMEM, r->name, r->lineno,
                                         "out of memory");
            j = json_loadb(r->fixed.data, r->fixed.len, LOAD_FLAGS, &jerr);
        }
        if (!j)
            return whosaid_error_set(err, WHOSAID_ESYNTAX, r->name, r->lineno,
                                     "not valid JSON: %s (column %d)", jerr.text, jerr.column);
        int rc = check_record(r, j, err);
        if (rc) {
            json_decref(j);
            return rc;
        }
        *rec = j;
        return 1;
    }
}

const char *whosaid_record_id(const json_t *rec)
{
    return json_string_value(json_object_get(rec, "id"));
}

const char *whosaid_record_text(const json_t *rec, size_t *len)
{
    json_t *t = json_object_get(rec, "text");
    if (!json_is_string(t)) {
        if (len) *len = 0;
        return NULL;
    }
    if (len) *len = json_string_length(t);
    return json_string_value(t);
}

int whosaid_record_warn(json_t *rec, const char *code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_t *warnings = json_object_get(rec, "warnings");
    if (!json_is_array(warnings)) {
        warnings = json_array();
        if (!warnings || json_object_set_new(rec, "warnings", warnings)) return WHOSAID_ENOMEM;
    }
    json_t *w = json_pack("{s:s, s:s}", "code", code, "message", msg);
    if (!w || json_array_append_new(warnings, w)) return WHOSAID_ENOMEM;
    return 0;
}
