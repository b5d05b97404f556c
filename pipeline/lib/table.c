/* Records as table rows. Keeps the column names, one row object per row of
 * the last record (references into the record or small copies), the cells
 * of those rows and one text arena they point into; all are reused from
 * record to record. A record costs O(rows x columns + its field bytes);
 * grouping spans into entities is one hash lookup per span. */
#include "whosaid/table.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/hashmap.h"

/* Deeper values show as JSON text rather than being walked further. */
#define TABLE_MAX_DEPTH 32
/* Integers beyond 2^53 lose digits as doubles; they stay text. */
#define TABLE_MAX_EXACT 9007199254740992.0

typedef struct cellx {
    whosaid_cell c;
    size_t off; /* of c.s in the arena, fixed up when the record is done */
} cellx;

struct whosaid_table {
    int kind;
    char **cols;
    size_t ncols;
    unsigned char *filled;
    json_t *rows; /* array of row objects, only while a record is added */
    size_t nrows; /* rows of the last record */
    cellx *cells; /* rows x ncols */
    size_t cells_cap;
    whosaid_buf arena;
};

static const char *const kind_names[] = {"claims", "entities", "stats"};
static const char *const kind_columns[] = {
    WHOSAID_TABLE_CLAIMS_COLUMNS, WHOSAID_TABLE_ENTITIES_COLUMNS, WHOSAID_TABLE_STATS_COLUMNS};

int whosaid_table_kind(const char *name)
{
    for (int k = 0; k < 3; k++)
        if (name && strcmp(name, kind_names[k]) == 0) return k;
    return -1;
}

const char *whosaid_table_kind_name(int kind)
{
    return kind >= 0 && kind < 3 ? kind_names[kind] : "?";
}

const char *whosaid_table_default_columns(int kind)
{
    return kind >= 0 && kind < 3 ? kind_columns[kind] : "";
}

int whosaid_table_record_kind(const json_t *rec)
{
    if (json_object_get(rec, "doc") && json_object_get(rec, "n")) return WHOSAID_REC_CLAIM;
    if (json_is_string(json_object_get(rec, "id")) && json_is_string(json_object_get(rec, "text")))
        return WHOSAID_REC_DOCUMENT;
    return WHOSAID_REC_OTHER;
}

void whosaid_table_free(whosaid_table *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->ncols; i++)
        free(t->cols[i]);
    free(t->cols);
    free(t->filled);
    json_decref(t->rows);
    free(t->cells);
    whosaid_buf_free(&t->arena);
    free(t);
}

static int add_column(whosaid_table *t, const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (!len) return WHOSAID_EINPUT;
    char **cols = realloc(t->cols, (t->ncols + 1) * sizeof *cols);
    if (!cols) return WHOSAID_ENOMEM;
    t->cols = cols;
    if (!(cols[t->ncols] = strndup(s, len))) return WHOSAID_ENOMEM;
    t->ncols++;
    return 0;
}

whosaid_table *whosaid_table_new(int kind, const char *columns, whosaid_error *err)
{
    if (kind < 0 || kind > 2) {
        whosaid_error_set(err, WHOSAID_EINPUT, "", 0, "unknown table kind");
        return NULL;
    }
    whosaid_table *t = calloc(1, sizeof *t);
    if (!t || !(t->rows = json_array())) {
        free(t);
        whosaid_error_set(err, WHOSAID_ENOMEM, "", 0, "out of memory");
        return NULL;
    }
    t->kind = kind;
    const char *s = columns ? columns : kind_columns[kind];
    for (;;) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        int rc = add_column(t, s, len);
        if (rc) {
            if (rc == WHOSAID_ENOMEM)
                whosaid_error_set(err, rc, "", 0, "out of memory");
            else
                whosaid_error_set(err, rc, "", 0, "empty column name in '%s'", columns);
            whosaid_table_free(t);
            return NULL;
        }
        if (!comma) break;
        s = comma + 1;
    }
    if (!(t->filled = calloc(t->ncols, 1))) {
        whosaid_error_set(err, WHOSAID_ENOMEM, "", 0, "out of memory");
        whosaid_table_free(t);
        return NULL;
    }
    return t;
}

size_t whosaid_table_ncols(const whosaid_table *t)
{
    return t->ncols;
}

const char *whosaid_table_column(const whosaid_table *t, size_t col)
{
    return col < t->ncols ? t->cols[col] : NULL;
}

int whosaid_table_filled(const whosaid_table *t, size_t col)
{
    return col < t->ncols && t->filled[col];
}

const whosaid_cell *whosaid_table_cell(const whosaid_table *t, size_t row, size_t col)
{
    if (col >= t->ncols || row >= t->nrows) return NULL;
    return &t->cells[row * t->ncols + col].c;
}

/* ---- field lookup ---- */

/* Appends the values path names in v to out (a JSON array), mapping over
 * arrays on the way. Path "" is v itself. */
static int lookup(const json_t *v, const char *path, json_t *out, int depth)
{
    if (depth > TABLE_MAX_DEPTH) return 0;
    if (!*path) return json_array_append(out, (json_t *)v) ? WHOSAID_ENOMEM : 0;
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) {
            int rc = lookup(json_array_get(v, i), path, out, depth + 1);
            if (rc) return rc;
        }
        return 0;
    }
    if (!json_is_object(v)) return 0;
    /* A key that itself holds dots wins over the path through it. */
    json_t *direct = json_object_get(v, path);
    if (direct) return json_array_append(out, direct) ? WHOSAID_ENOMEM : 0;
    const char *dot = strchr(path, '.');
    if (!dot) return 0;
    json_t *child = json_object_getn(v, path, (size_t)(dot - path));
    return child ? lookup(child, dot + 1, out, depth + 1) : 0;
}

/* Claims' derived columns, used when the record has no such field. */
static int derived(const json_t *row, const char *col, json_t *out)
{
    if (strcmp(col, "countries") != 0) return 0;
    json_t *all = json_array();
    if (!all) return WHOSAID_ENOMEM;
    int rc = lookup(json_object_get(row, "entities"), "country", all, 0);
    /* A claim names a handful of entities: a linear check for repeats. */
    for (size_t i = 0; !rc && i < json_array_size(all); i++) {
        json_t *c = json_array_get(all, i);
        int seen = !json_is_string(c);
        for (size_t k = 0; !seen && k < json_array_size(out); k++)
            seen = json_equal(c, json_array_get(out, k));
        if (!seen && json_array_append(out, c)) rc = WHOSAID_ENOMEM;
    }
    json_decref(all);
    return rc;
}

/* ---- values as text ---- */

static int put_number(whosaid_buf *b, double d)
{
    char tmp[40];
    /* The shortest %g precision that reads back as the same double. */
    for (int p = 15; p <= 17; p++) {
        snprintf(tmp, sizeof tmp, "%.*g", p, d);
        if (strtod(tmp, NULL) == d) break;
    }
    return whosaid_buf_append_str(b, tmp);
}

static int put_text(whosaid_buf *b, const json_t *v, int depth, int *type, double *num,
                    size_t *count);

/* Starts the next value of a cell: "; " after the first. */
static int next_value(whosaid_buf *b, size_t *count)
{
    return (*count)++ ? whosaid_buf_append(b, "; ", 2) : 0;
}

static int put_json(whosaid_buf *b, const json_t *v, int *type, size_t *count)
{
    char *dump = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    if (!dump) return WHOSAID_ENOMEM;
    int rc = next_value(b, count) || whosaid_buf_append_str(b, dump) ? WHOSAID_ENOMEM : 0;
    json_free_t jfree; /* jansson's allocator, which may be the record arena (jsonmem.h) */
    json_get_alloc_funcs(NULL, &jfree);
    jfree(dump);
    *type = WHOSAID_CELL_TEXT;
    return rc;
}

static int put_object(whosaid_buf *b, const json_t *v, int depth, int *type, double *num,
                      size_t *count)
{
    static const char *const shown[] = {"canonical", "text", "value", "name"};
    for (size_t k = 0; k < 4; k++) {
        json_t *m = json_object_get(v, shown[k]);
        if (m && !json_is_null(m) && !json_is_object(m))
            return put_text(b, m, depth + 1, type, num, count);
    }
    return put_json(b, v, type, count);
}

/* Appends v's text to b, each value after the first behind "; " (arrays
 * are flattened, empty strings and nulls skipped). *type becomes the cell
 * type of the last value put, *num its number; *count counts the values. */
static int put_text(whosaid_buf *b, const json_t *v, int depth, int *type, double *num,
                    size_t *count)
{
    if (depth > TABLE_MAX_DEPTH) return put_json(b, v, type, count);
    switch (json_typeof(v)) {
    case JSON_STRING:
        if (!json_string_length(v)) return 0;
        *type = WHOSAID_CELL_TEXT;
        if (next_value(b, count)) return WHOSAID_ENOMEM;
        return whosaid_buf_append(b, json_string_value(v), json_string_length(v));
    case JSON_INTEGER: {
        json_int_t i = json_integer_value(v);
        *type = fabs((double)i) <= TABLE_MAX_EXACT ? WHOSAID_CELL_NUMBER : WHOSAID_CELL_TEXT;
        *num = (double)i;
        if (next_value(b, count)) return WHOSAID_ENOMEM;
        return whosaid_buf_printf(b, "%" JSON_INTEGER_FORMAT, i);
    }
    case JSON_REAL:
        *type = WHOSAID_CELL_NUMBER;
        *num = json_real_value(v);
        if (next_value(b, count)) return WHOSAID_ENOMEM;
        return put_number(b, *num);
    case JSON_TRUE:
    case JSON_FALSE:
        *type = WHOSAID_CELL_BOOL;
        *num = json_is_true(v);
        if (next_value(b, count)) return WHOSAID_ENOMEM;
        return whosaid_buf_append_str(b, json_is_true(v) ? "true" : "false");
    case JSON_OBJECT: return put_object(b, v, depth, type, num, count);
    case JSON_ARRAY:
        for (size_t i = 0; i < json_array_size(v); i++) {
            int rc = put_text(b, json_array_get(v, i), depth + 1, type, num, count);
            if (rc) return rc;
        }
        return 0;
    case JSON_NULL: return 0;
    }
    return 0;
}

static int make_cell(whosaid_table *t, const json_t *row, size_t col, cellx *out)
{
    json_t *vals = json_array();
    if (!vals) return WHOSAID_ENOMEM;
    int rc = lookup(row, t->cols[col], vals, 0);
    if (!rc && !json_array_size(vals) && t->kind == WHOSAID_TABLE_CLAIMS)
        rc = derived(row, t->cols[col], vals);
    memset(out, 0, sizeof *out);
    out->off = t->arena.len;
    int type = WHOSAID_CELL_EMPTY;
    double num = 0;
    size_t count = 0;
    if (!rc) rc = put_text(&t->arena, vals, 0, &type, &num, &count);
    json_decref(vals);
    if (rc) return rc;
    /* One NUL after each cell's text, so s can be used as a C string. */
    if (whosaid_buf_append_char(&t->arena, '\0')) return WHOSAID_ENOMEM;
    out->c.len = t->arena.len - 1 - out->off;
    out->c.type = count == 0 ? WHOSAID_CELL_EMPTY : count > 1 ? WHOSAID_CELL_TEXT : type;
    out->c.joined = count > 1;
    out->c.num = out->c.type == WHOSAID_CELL_NUMBER || out->c.type == WHOSAID_CELL_BOOL ? num : 0;
    if (count) t->filled[col] = 1;
    return 0;
}

/* ---- rows of a record ---- */

/* A row object: a shallow copy of item (when an object) with the extra
 * fields set (doc, claim); NULL members are skipped. */
static int push_row(whosaid_table *t, const json_t *item, const json_t *doc, const json_t *claim)
{
    if (!item || json_is_null(item)) return 0;
    json_t *row = json_is_object(item) ? json_copy((json_t *)item) : json_object();
    if (!row) return WHOSAID_ENOMEM;
    int bad = 0;
    /* A bare value in a claim's list: an entity's name or a statistic's text. */
    if (!json_is_object(item) && item)
        bad |= json_object_set(row, t->kind == WHOSAID_TABLE_STATS ? "text" : "canonical",
                               (json_t *)item);
    if (doc) bad |= json_object_set(row, "doc", (json_t *)doc);
    if (claim) bad |= json_object_set(row, "claim", (json_t *)claim);
    if (bad) {
        json_decref(row);
        return WHOSAID_ENOMEM;
    }
    if (json_array_append_new(t->rows, row)) return WHOSAID_ENOMEM;
    return 0;
}

/* Resolve's entities: attrs as columns (without overriding), mentions
 * counted, "id" as "entity". */
static int resolved_entities(whosaid_table *t, const json_t *rec, const json_t *ents)
{
    json_t *doc = json_object_get(rec, "id");
    for (size_t i = 0; i < json_array_size(ents); i++) {
        json_t *e = json_array_get(ents, i);
        if (!json_is_object(e)) continue;
        int rc = push_row(t, e, doc, NULL);
        if (rc) return rc;
        json_t *row = json_array_get(t->rows, json_array_size(t->rows) - 1);
        json_t *attrs = json_object_get(e, "attrs");
        const char *key;
        json_t *val;
        json_object_foreach(attrs, key, val)
        {
            if (!json_object_get(row, key) && json_object_set(row, key, val)) return WHOSAID_ENOMEM;
        }
        /* Resolve names an entity by "id"; rows name it by "entity" as
         * claims and spans do. */
        json_t *id = json_object_get(e, "id");
        if (id && !json_object_get(row, "entity") && json_object_set(row, "entity", id))
            return WHOSAID_ENOMEM;
        json_t *m = json_object_get(e, "mentions");
        if (json_is_array(m) &&
            json_object_set_new(row, "mentions", json_integer((json_int_t)json_array_size(m))))
            return WHOSAID_ENOMEM;
    }
    return 0;
}

static int is_value_type(const char *type)
{
    static const char *const values[] = {"DATE", "TIME", "DURATION", "SET", "STAT", "MENTION"};
    for (size_t k = 0; k < sizeof values / sizeof *values; k++)
        if (strcmp(type, values[k]) == 0) return 1;
    return 0;
}

/* Adds s to the row's "aliases" unless present (an entity is written a few
 * ways, so the check is short). */
static int add_alias(json_t *row, json_t *text)
{
    json_t *aliases = json_object_get(row, "aliases");
    for (size_t k = 0; k < json_array_size(aliases); k++)
        if (json_equal(json_array_get(aliases, k), text)) return 0;
    return json_array_append(aliases, text) ? WHOSAID_ENOMEM : 0;
}

/* No resolve yet: name spans grouped by type and canonical, in order of
 * first mention. */
static int span_entities(whosaid_table *t, const json_t *rec, whosaid_hashmap *seen)
{
    json_t *doc = json_object_get(rec, "id");
    json_t *spans = json_object_get(rec, "spans");
    whosaid_buf key = WHOSAID_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; !rc && i < json_array_size(spans); i++) {
        json_t *s = json_array_get(spans, i);
        const char *type = json_string_value(json_object_get(s, "type"));
        json_t *name = json_object_get(s, "canonical");
        if (!json_is_string(name)) name = json_object_get(s, "text");
        json_t *text = json_object_get(s, "text");
        if (!type || is_value_type(type) || !json_is_string(name)) continue;
        whosaid_buf_clear(&key);
        uint64_t at;
        if (whosaid_buf_append_str(&key, type) || whosaid_buf_append(&key, "", 1) ||
            whosaid_buf_append(&key, json_string_value(name), json_string_length(name))) {
            rc = WHOSAID_ENOMEM;
            break;
        }
        if (whosaid_hashmap_get(seen, key.data, key.len, &at)) {
            json_t *row = json_array_get(t->rows, (size_t)at);
            json_t *count = json_object_get(row, "mentions");
            json_integer_set(count, json_integer_value(count) + 1);
            if (json_is_string(text)) rc = add_alias(row, text);
            continue;
        }
        json_t *row = json_pack("{s:O, s:s, s:O, s:i, s:[]}", "doc", doc ? doc : json_null(),
                                "type", type, "canonical", name, "mentions", 1, "aliases");
        if (!row) {
            rc = WHOSAID_ENOMEM;
            break;
        }
        static const char *const copied[] = {"entity", "country", "role", "org", "kind"};
        for (size_t k = 0; !rc && k < sizeof copied / sizeof *copied; k++) {
            json_t *v = json_object_get(s, copied[k]);
            if (v && json_object_set(row, copied[k], v)) rc = WHOSAID_ENOMEM;
        }
        if (!rc && json_is_string(text)) rc = add_alias(row, text);
        if (!rc && whosaid_hashmap_put(seen, key.data, key.len, json_array_size(t->rows)) < 0)
            rc = WHOSAID_ENOMEM;
        if (rc) {
            json_decref(row);
            break;
        }
        if (json_array_append_new(t->rows, row)) rc = WHOSAID_ENOMEM;
    }
    whosaid_buf_free(&key);
    return rc;
}

static int document_rows(whosaid_table *t, const json_t *rec)
{
    if (t->kind == WHOSAID_TABLE_STATS) {
        json_t *spans = json_object_get(rec, "spans"), *doc = json_object_get(rec, "id");
        for (size_t i = 0; i < json_array_size(spans); i++) {
            json_t *s = json_array_get(spans, i);
            const char *type = json_string_value(json_object_get(s, "type"));
            if (!type || strcmp(type, "STAT") != 0) continue;
            int rc = push_row(t, s, doc, NULL);
            if (rc) return rc;
        }
        return 0;
    }
    json_t *ents = json_object_get(rec, "entities");
    if (json_is_array(ents)) return resolved_entities(t, rec, ents);
    whosaid_hashmap *seen = whosaid_hashmap_new();
    if (!seen) return WHOSAID_ENOMEM;
    int rc = span_entities(t, rec, seen);
    whosaid_hashmap_free(seen);
    return rc;
}

static int claim_rows(whosaid_table *t, const json_t *rec)
{
    if (t->kind == WHOSAID_TABLE_CLAIMS)
        return json_array_append(t->rows, (json_t *)rec) ? WHOSAID_ENOMEM : 0;
    json_t *items = json_object_get(rec, t->kind == WHOSAID_TABLE_STATS ? "stats" : "entities");
    json_t *doc = json_object_get(rec, "doc"), *n = json_object_get(rec, "n");
    for (size_t i = 0; i < json_array_size(items); i++) {
        int rc = push_row(t, json_array_get(items, i), doc, n);
        if (rc) return rc;
    }
    return 0;
}

static long add_rows(whosaid_table *t, const json_t *rec, whosaid_error *err)
{
    whosaid_buf_clear(&t->arena);
    int kind = whosaid_table_record_kind(rec);
    int rc;
    if (kind == WHOSAID_REC_DOCUMENT && t->kind == WHOSAID_TABLE_CLAIMS) {
        return whosaid_error_set(err, WHOSAID_EINPUT, "", 0,
                                 "document %s is not a claim record (run whosaid-claims first, "
                                 "or use --table entities|stats)",
                                 json_string_value(json_object_get(rec, "id")));
    }
    rc = kind == WHOSAID_REC_DOCUMENT ? document_rows(t, rec) : claim_rows(t, rec);
    size_t nrows = json_array_size(t->rows);
    if (!rc && nrows && t->ncols > SIZE_MAX / sizeof *t->cells / nrows) rc = WHOSAID_ENOMEM;
    if (!rc && nrows * t->ncols > t->cells_cap) {
        cellx *c = realloc(t->cells, nrows * t->ncols * sizeof *c);
        if (c) {
            t->cells = c;
            t->cells_cap = nrows * t->ncols;
        } else {
            rc = WHOSAID_ENOMEM;
        }
    }
    for (size_t r = 0; !rc && r < nrows; r++)
        for (size_t c = 0; !rc && c < t->ncols; c++)
            rc = make_cell(t, json_array_get(t->rows, r), c, &t->cells[r * t->ncols + c]);
    if (rc) {
        json_array_clear(t->rows);
        return whosaid_error_set(err, rc, "", 0, "%s", whosaid_errmsg(rc));
    }
    /* The arena no longer moves: point the cells into it. */
    for (size_t i = 0; i < nrows * t->ncols; i++)
        t->cells[i].c.s = t->arena.data + t->cells[i].off;
    return (long)nrows;
}

long whosaid_table_add(whosaid_table *t, const json_t *rec, whosaid_error *err)
{
    /* Rows hold references into rec, which the caller releases (and with it
     * the jansson arena its values may live in, jsonmem.h): they live only
     * during this call; the cells keep what is shown. */
    json_decref(t->rows);
    t->nrows = 0;
    if (!(t->rows = json_array()))
        return whosaid_error_set(err, WHOSAID_ENOMEM, "", 0, "out of memory");
    long n = add_rows(t, rec, err);
    json_decref(t->rows);
    t->rows = NULL;
    if (n > 0) t->nrows = (size_t)n;
    return n;
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

int whosaid_cell_date(const whosaid_cell *c, int *year, int *month, int *day)
{
    if (c->type != WHOSAID_CELL_TEXT || c->len != 10) return 0;
    const char *s = c->s;
    if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
        return 0;
    int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
    if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return 0;
    *year = y;
    *month = m;
    *day = d;
    return 1;
}
