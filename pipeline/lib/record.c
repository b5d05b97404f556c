#include "whosaid/record.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/bytesize.h"
#include "whosaid/jsonload.h"
#include "whosaid/utf8.h"

/* Duplicate keys are refused: which one a later stage saw would be a guess. */
#define LOAD_FLAGS (JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES)

/* Bytes of an over-long line kept to find its id for the message. */
#define HEAD_KEEP 4096

struct whosaid_reader {
    FILE *fp;
    char *name;
    int require;
    char *line;
    size_t cap;
    size_t max; /* longest line read into memory; longer ones are skipped */
    long lineno;
    size_t repaired;
    whosaid_buf fixed;      /* the line after UTF-8 repair, when it needed one */
    whosaid_jsonload *fast; /* NULL: every line through jansson's parser */
};

int whosaid_reader_max_from_env(size_t *max)
{
    const char *v = getenv("WHOSAID_MAX_RECORD");
    *max = WHOSAID_MAX_RECORD_DEFAULT;
    if (!v) return 0;
    return whosaid_bytesize_parse(v, max);
}

whosaid_reader *whosaid_reader_new(FILE *fp, const char *name, int require)
{
    whosaid_reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->fp = fp;
    r->require = require;
    whosaid_reader_max_from_env(&r->max);
    r->name = strdup(name ? name : "-");
    r->fast = whosaid_jsonload_new();
    if (!r->name || !r->fast) {
        whosaid_reader_free(r);
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
    whosaid_jsonload_free(r->fast);
    free(r);
}

void whosaid_reader_set_max(whosaid_reader *r, size_t max)
{
    r->max = max ? max : 1;
}

long whosaid_reader_line(const whosaid_reader *r)
{
    return r->lineno;
}

size_t whosaid_reader_repaired(const whosaid_reader *r)
{
    return r->repaired;
}

int whosaid_reader_skip(whosaid_reader *r, const whosaid_skip *skip, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (whosaid_jsonload_skip(r->fast, skip[i].field, skip[i].member)) return WHOSAID_ELIMIT;
    return 0;
}

int whosaid_reader_keep(whosaid_reader *r, const whosaid_keep *keep)
{
    return whosaid_jsonload_keep(r->fast, keep) ? WHOSAID_ELIMIT : 0;
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

/* The first block a line is read in; each next one is twice as big, up to
 * READ_STEP_MAX, so the room reserved (and the '\n' fill below, without
 * glibc) costs at most about twice the line. */
#define READ_STEP_FIRST 4096u
#define READ_STEP_MAX (1u << 20)

/* Reads into buf[0..size) (size >= 2) at most size - 1 bytes, up to and
 * with the line's '\n', NUL-terminated, and tells how many, NUL bytes in
 * them included (strlen would stop at those). Returns the count, 0 at the
 * end of input or on an error; it may return before the '\n' or the limit
 * (then call again). */
static size_t get_block(FILE *fp, char *buf, size_t size)
{
#ifdef __GLIBC__
    /* Straight out of stdio's buffer (as gnulib's freadptr and freadseek
     * do): a memchr and a copy, as fgets does, without the '\n' fill that
     * finds where fgets stopped (3% of resolve's instructions). It waits
     * for input only when the buffer is empty, so a pipe's line is still
     * handled as soon as it arrives. */
    size_t n = 0;
    if (fp->_IO_read_ptr >= fp->_IO_read_end) {
        int c = getc(fp); /* refills the buffer */
        if (c == EOF) return 0;
        buf[n++] = (char)c;
        if (c == '\n' || n == size - 1) {
            buf[n] = '\0';
            return n;
        }
    }
    const char *p = fp->_IO_read_ptr;
    size_t k = (size_t)(fp->_IO_read_end - p);
    if (k > size - 1 - n) k = size - 1 - n;
    const char *nl = memchr(p, '\n', k);
    if (nl) k = (size_t)(nl - p) + 1;
    memcpy(buf + n, p, k);
    fp->_IO_read_ptr += k;
    buf[n + k] = '\0';
    return n + k;
#else
    /* fgets, with the space filled with '\n' first: the first '\n' is
     * either the line's own (the terminator follows it) or the fill just
     * after the terminator. */
    memset(buf, '\n', size);
    if (!fgets(buf, (int)size, fp)) return 0;
    const char *nl = memchr(buf, '\n', size);
    if (!nl) return size - 1; /* full, no line end yet */
    if ((size_t)(nl - buf) + 1 < size && nl[1] == '\0') return (size_t)(nl - buf) + 1;
    return (size_t)(nl - buf) - 1;
#endif
}

/* Reads the next line (with its '\n', if any) into r->line[0..*n). A line
 * longer than r->max is read to its end but not kept: only its first
 * HEAD_KEEP bytes stay, *over is set and *n is what was kept, so memory
 * stays within the cap however long the line. A memchr and a copy out of
 * stdio's buffer (get_block) rather than a block read: it returns as soon
 * as the line's '\n' arrives, so a pipe's line is handled at once (-u).
 * Returns 0, WHOSAID_EOF at the end of input, or WHOSAID_EIO /
 * WHOSAID_ENOMEM. */
static int read_line(whosaid_reader *r, size_t *n, int *over)
{
    size_t len = 0, step = READ_STEP_FIRST, got = 0;
    *over = 0;
    errno = 0;
    /* Up to max + 1 bytes are kept: one past the cap that is not the '\n'
     * tells an over-long line. */
    while (len <= r->max) {
        size_t k = r->max + 1 - len;
        if (k > step) k = step;
        /* room for the parser's padding after the line (whosaid_reader_next) */
        if (len + k + 1 + WHOSAID_JSONLOAD_PADDING > r->cap) {
            size_t want = r->cap ? r->cap * 2 : 256;
            if (want < len + k + 1 + WHOSAID_JSONLOAD_PADDING)
                want = len + k + 1 + WHOSAID_JSONLOAD_PADDING;
            if (want > r->max + 2 + WHOSAID_JSONLOAD_PADDING)
                want = r->max + 2 + WHOSAID_JSONLOAD_PADDING;
            char *p = realloc(r->line, want);
            if (!p) return WHOSAID_ENOMEM;
            r->line = p;
            r->cap = want;
        }
        got = get_block(r->fp, r->line + len, k + 1);
        len += got;
        if (got == 0 || r->line[len - 1] == '\n') break;
        /* only a full block: a pipe's line comes in pieces */
        if (got == k && step < READ_STEP_MAX) step *= 2;
    }
    if (len > r->max && r->line[len - 1] != '\n') {
        *over = 1;
        if (len > HEAD_KEEP) len = HEAD_KEEP;
        char skip[READ_STEP_FIRST];
        while ((got = get_block(r->fp, skip, sizeof skip)) && skip[got - 1] != '\n') {
        }
    }
    if (got == 0 && ferror(r->fp)) return WHOSAID_EIO;
    if (len == 0) return WHOSAID_EOF;
    *n = len;
    return 0;
}

/* The value of the first "id": "..." in head[0..n), for the message about a
 * line too long to parse: up to 200 printable bytes, else empty. */
static void sniff_id(const char *head, size_t n, char out[256])
{
    out[0] = '\0';
    const char *end = head + n;
    const char *p = head;
    while ((p = memchr(p, '"', (size_t)(end - p))) && (end - p < 4 || memcmp(p, "\"id\"", 4)))
        p++;
    if (!p) return;
    p += 4;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p++ != ':') return;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p++ != '"') return;
    size_t k = 0;
    for (; p < end && k < 200; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            out[k] = '\0';
            return;
        }
        if (c < 0x20 || c == '\\') break;
        out[k++] = (char)c;
    }
    out[0] = '\0'; /* unterminated, escaped or too long: not named */
}

static int too_long(whosaid_reader *r, size_t kept, whosaid_error *err)
{
    char id[256], size[32];
    sniff_id(r->line, kept, id);
    whosaid_bytesize_format(r->max, size, sizeof size);
    /* The buffer grew to the cap: give it back rather than hold it all run. */
    free(r->line);
    r->line = NULL;
    r->cap = 0;
    if (id[0])
        return whosaid_error_set(err, WHOSAID_ELIMIT, r->name, r->lineno,
                                 "record is longer than %s (id \"%s\")", size, id);
    return whosaid_error_set(err, WHOSAID_ELIMIT, r->name, r->lineno, "record is longer than %s",
                             size);
}

int whosaid_reader_next(whosaid_reader *r, json_t **rec, whosaid_error *err)
{
    *rec = NULL;
    for (;;) {
        size_t n = 0;
        int over;
        int got = read_line(r, &n, &over);
        if (got == WHOSAID_EOF) return 0;
        if (got == WHOSAID_EIO)
            return whosaid_error_set(err, WHOSAID_EIO, r->name, r->lineno, "%s",
                                     strerror(errno ? errno : EIO));
        r->lineno++;
        if (got == WHOSAID_ENOMEM)
            return whosaid_error_set(err, WHOSAID_ENOMEM, r->name, r->lineno, "out of memory");
        if (over) return too_long(r, n, err);
        if (is_blank(r->line, n)) continue;
        /* Both parsers check UTF-8, so the line is only scanned and
         * repaired when parsing it as it is fails. What the fast path
         * declines, jansson parses or explains. */
        r->repaired = 0;
        json_error_t jerr;
        /* parsed in place: read_line leaves the padding's room after it */
        json_t *j = r->cap - n >= WHOSAID_JSONLOAD_PADDING
                        ? whosaid_jsonload_object_padded(r->fast, r->line, n)
                        : whosaid_jsonload_object(r->fast, r->line, n);
        if (!j) j = json_loadb(r->line, n, LOAD_FLAGS, &jerr);
        if (!j && !whosaid_utf8_valid(r->line, n)) {
            whosaid_buf_clear(&r->fixed);
            if (whosaid_utf8_repair(r->line, n, &r->fixed, &r->repaired, NULL))
                return whosaid_error_set(err, WHOSAID_ENOMEM, r->name, r->lineno, "out of memory");
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

void whosaid_record_fields(const json_t *o, const whosaid_field *fields, size_t n, json_t **values)
{
    memset(values, 0, n * sizeof *values);
    /* the iterator API takes a non-const object; nothing is changed */
    json_t *obj = (json_t *)o;
    /* Keys are unique, so once every name is found the rest can be left
     * (start and end of a span come first). */
    size_t found = 0;
    for (void *it = json_object_iter(obj); it && found < n; it = json_object_iter_next(obj, it)) {
        const char *k = json_object_iter_key(it);
        size_t len = json_object_iter_key_len(it);
        /* the length and first byte first: most names differ there; then
         * the rest inline, as names are short (memcmp is a call) */
        for (size_t i = 0; i < n; i++) {
            const char *name = fields[i].name;
            if (fields[i].len != len || name[0] != k[0]) continue;
            size_t j = 1;
            while (j < len && name[j] == k[j])
                j++;
            if (j >= len) {
                values[i] = json_object_iter_value(it);
                found++;
                break;
            }
        }
    }
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
