/* The shared record loop (stage.h): reader -> checks -> stage function ->
 * whole-record output, with the counts behind --stats.
 *
 * Keeps one record at a time (whosaid_stage_run_batch: a bounded batch of
 * records already read) and, for the duplicate-id check, a fixed
 * open-addressing table of 64-bit id fingerprints (allocated on the first
 * record, 8 MiB, pages touched as used). It checks the first
 * ID_TABLE_SLOTS / 2 distinct ids exactly (a false alarm needs a 64-bit
 * collision) and then stops checking, with a note, so that memory stays
 * flat on a stream of any length. Costs per record: one hash of the id, a
 * code point count of the text when it has offsets to check, and a pass
 * over those offsets. */
#include "whosaid/stage.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "whosaid/cli.h"
#include "whosaid/hashmap.h"
#include "whosaid/jsonmem.h"
#include "whosaid/record.h"
#include "whosaid/utf8.h"

#define ID_TABLE_SLOTS (1u << 20)

typedef struct id_table {
    uint64_t *slot; /* 0 = empty */
    size_t n;
    int full;
} id_table;

/* 1 if id was seen before, 0 if not (now remembered), -1 when the table
 * is full or cannot be made (the id is then not checked). A fixed table,
 * not one that doubles as ids come: a growing table made peak RSS grow
 * with the stream (tag 24.9 MiB at 50 MB of text, 38.3 at 500 MB, while
 * the old and new tables were both alive), and RSS must stay flat. */
static int id_seen(id_table *t, const char *id)
{
    if (t->full) return -1;
    if (!t->slot && !(t->slot = calloc(ID_TABLE_SLOTS, sizeof *t->slot))) {
        t->full = 1;
        return -1;
    }
    uint64_t h = whosaid_hash_bytes(id, strlen(id), 0x9e3779b97f4a7c15u);
    if (h == 0) h = 1;
    for (size_t i = h & (ID_TABLE_SLOTS - 1);; i = (i + 1) & (ID_TABLE_SLOTS - 1)) {
        if (t->slot[i] == h) return 1;
        if (t->slot[i] == 0) {
            if (t->n == ID_TABLE_SLOTS / 2) {
                t->full = 1;
                return -1;
            }
            t->slot[i] = h;
            t->n++;
            return 0;
        }
    }
}

int whosaid_record_error(json_t *rec, const char *stage, const char *msg)
{
    json_t *errors = json_object_get(rec, "errors");
    if (!json_is_array(errors)) {
        errors = json_array();
        if (!errors || json_object_set_new(rec, "errors", errors)) return WHOSAID_ENOMEM;
    }
    json_t *e = json_pack("{s:s, s:s}", "stage", stage, "message", msg);
    if (!e || json_array_append_new(errors, e)) return WHOSAID_ENOMEM;
    return 0;
}

/* Where a span's "start" and "end" are found: in the values of a kept
 * "spans" (whosaid_jsonload_view_get) at kstart and kend when keep is set;
 * in spans built as jansson values, by name. */
typedef struct span_reader {
    const whosaid_keep *keep;
    size_t kstart, kend;
} span_reader;

/* Sets *start and *end to the places of "start" and "end" in
 * names[0..n): 1, or 0 when either is missing. */
static int find_offsets(const whosaid_field *names, size_t n, size_t *start, size_t *end)
{
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(names[i].name, "start")) {
            *start = i;
            found |= 1;
        } else if (!strcmp(names[i].name, "end")) {
            *end = i;
            found |= 2;
        }
    }
    return found == 3;
}

/* Whether the stage loop can check spans kept with keep: through the view
 * when it reads both offsets. */
static int keep_checkable(const whosaid_keep *keep)
{
    size_t s, e;
    if (!strcmp(keep->field, "sentences")) return 0; /* checked by name only */
    return strcmp(keep->field, "spans") || find_offsets(keep->read, keep->nread, &s, &e);
}

/* The span_reader for spans kept with keep (may be NULL). */
static span_reader span_reader_for(const whosaid_keep *keep)
{
    span_reader sr = {NULL, 0, 0};
    if (keep && !strcmp(keep->field, "spans") &&
        find_offsets(keep->read, keep->nread, &sr.kstart, &sr.kend))
        sr.keep = keep;
    return sr;
}

/* What is wrong with a span, after "\"spans\"[i] ": the same words
 * however the span was read. */
static const char SPAN_NOT_OBJECT[] = "is not an object";
static const char SPAN_NOT_INTEGER[] = "has a \"start\" or \"end\" that is not an integer";

/* 1 with the offsets of item (a sentence pair or a span; sr NULL for a
 * pair), or 0 with *why set. */
static int offsets(const json_t *item, const span_reader *sr, json_int_t *s, json_int_t *e,
                   const char **why)
{
    int is_span = sr != NULL;
    json_t *a, *b;
    if (is_span && !json_is_object(item)) {
        *why = SPAN_NOT_OBJECT;
        return 0;
    }
    if (!is_span && (!json_is_array(item) || json_array_size(item) != 2)) {
        *why = "is not a [start, end] pair";
        return 0;
    }
    if (is_span) {
        /* one pass over the span's members costs less than two hashed gets */
        static const whosaid_field names[2] = {WHOSAID_FIELD("start"), WHOSAID_FIELD("end")};
        json_t *v[2];
        whosaid_record_fields(item, names, 2, v);
        a = v[0];
        b = v[1];
    } else {
        a = json_array_get(item, 0);
        b = json_array_get(item, 1);
    }
    if (!json_is_integer(a) || !json_is_integer(b)) {
        *why = is_span ? SPAN_NOT_INTEGER : "has an offset that is not an integer";
        return 0;
    }
    *s = json_integer_value(a);
    *e = json_integer_value(b);
    return 1;
}

/* The text's length in code points, counted when first needed. */
static size_t text_cplen(const json_t *rec, size_t *cplen)
{
    if (*cplen == SIZE_MAX) {
        size_t len;
        const char *text = whosaid_record_text(rec, &len);
        *cplen = whosaid_utf8_count(text, len);
    }
    return *cplen;
}

/* Item i of field with offsets [s, e] (sentences: after one ending at
 * *prev_end): 0, or WHOSAID_EINPUT with err saying what is wrong. */
static int check_range(const char *field, size_t i, int is_span, json_int_t s, json_int_t e,
                       size_t cplen, json_int_t *prev_end, whosaid_error *err)
{
    if (s < 0 || e < s || (uint64_t)e > (uint64_t)cplen)
        return whosaid_error_set(err, WHOSAID_EINPUT, NULL, 0,
                                 "\"%s\"[%zu] offsets [%lld, %lld] are out of range "
                                 "(the text has %zu code points)",
                                 field, i, (long long)s, (long long)e, cplen);
    if (!is_span && s < *prev_end)
        return whosaid_error_set(err, WHOSAID_EINPUT, NULL, 0,
                                 "\"sentences\"[%zu] overlaps or precedes the one before", i);
    *prev_end = e;
    return 0;
}

/* Kept spans (whosaid_jsonload_keep), read through their view: the checks
 * and messages of check_offsets. */
static int check_kept_spans(const json_t *rec, whosaid_jsonload_view *v, const span_reader *sr,
                            size_t *cplen, whosaid_error *err)
{
    size_t n = whosaid_jsonload_view_size(v);
    if (n == 0) return 0;
    text_cplen(rec, cplen);
    json_int_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const whosaid_jsonload_value *val;
        const char *why = NULL;
        const whosaid_jsonload_value *a = NULL, *b = NULL;
        if (whosaid_jsonload_view_get(v, i, &val) != 1) {
            why = SPAN_NOT_OBJECT;
        } else {
            a = &val[sr->kstart];
            b = &val[sr->kend];
            if (a->type != JSON_INTEGER || b->type != JSON_INTEGER) why = SPAN_NOT_INTEGER;
        }
        if (why)
            return whosaid_error_set(err, WHOSAID_EINPUT, NULL, 0, "\"spans\"[%zu] %s", i, why);
        int rc = check_range("spans", i, 1, a->num, b->num, *cplen, &prev_end, err);
        if (rc) return rc;
    }
    return 0;
}

/* sr NULL: "sentences" pairs; else spans read through it. */
static int check_offsets(const json_t *rec, const char *field, const span_reader *sr, size_t *cplen,
                         whosaid_error *err)
{
    int is_span = sr != NULL;
    whosaid_jsonload_view *kept;
    if (is_span && sr->keep && (kept = whosaid_jsonload_view_of(rec, field)))
        return check_kept_spans(rec, kept, sr, cplen, err);
    const json_t *v = json_object_get(rec, field);
    if (!v) return 0;
    if (!json_is_array(v))
        return whosaid_error_set(err, WHOSAID_EINPUT, NULL, 0, "\"%s\" is not an array", field);
    if (json_array_size(v) == 0) return 0;
    text_cplen(rec, cplen);
    json_int_t prev_end = 0;
    for (size_t i = 0; i < json_array_size(v); i++) {
        json_int_t s, e;
        const char *why;
        if (!offsets(json_array_get(v, i), sr, &s, &e, &why))
            return whosaid_error_set(err, WHOSAID_EINPUT, NULL, 0, "\"%s\"[%zu] %s", field, i, why);
        int rc = check_range(field, i, is_span, s, e, *cplen, &prev_end, err);
        if (rc) return rc;
    }
    return 0;
}

static int check_record(const json_t *rec, const whosaid_keep *keep, whosaid_error *err)
{
    if (!json_is_string(json_object_get(rec, "text")))
        return whosaid_error_set(err, WHOSAID_EINPUT, NULL, 0,
                                 json_object_get(rec, "text") ? "\"text\" is not a string"
                                                              : "record has no \"text\"");
    size_t cplen = SIZE_MAX; /* counted when first needed */
    span_reader sr = span_reader_for(keep);
    int rc = check_offsets(rec, "sentences", NULL, &cplen, err);
    return rc ? rc : check_offsets(rec, "spans", &sr, &cplen, err);
}

int whosaid_stage_check(const json_t *rec, whosaid_error *err)
{
    return check_record(rec, NULL, err);
}

int whosaid_stage_check_kept(const json_t *rec, const whosaid_keep *keep, whosaid_error *err)
{
    return check_record(rec, keep, err);
}

static int has_warning(const json_t *rec, const char *code)
{
    size_t i;
    json_t *w;
    json_array_foreach(json_object_get(rec, "warnings"), i, w)
    {
        const char *c = json_string_value(json_object_get(w, "code"));
        if (c && strcmp(c, code) == 0) return 1;
    }
    return 0;
}

/* A duplicate id is not an error: the record is processed. The first
 * stage to see it says so; later ones find its warning and only count. */
static void check_duplicate(id_table *ids, json_t *rec, const char *name, long line,
                            whosaid_stage_counts *c)
{
    const char *id = whosaid_record_id(rec);
    int seen = id_seen(ids, id);
    if (seen < 0 && ids->full == 1) {
        ids->full = 2;
        whosaid_cli_warn("%s:%ld: %zu distinct ids seen: later records are not checked for "
                         "duplicate ids",
                         name, line, ids->n);
    }
    if (seen != 1) return;
    c->duplicate_ids++;
    if (has_warning(rec, "duplicate_id")) return;
    whosaid_cli_warn("%s:%ld: duplicate id \"%s\": passed on with a \"duplicate_id\" warning", name,
                     line, id);
    whosaid_record_warn(rec, "duplicate_id", "id already used by an earlier record of this run");
}

/* Passes rec on with an "errors" entry and says so on stderr, unless an
 * earlier stage already gave it one (it said so then: a record without
 * text should not be reported once per stage). */
static void fail_record(json_t *rec, const char *name, long line, const char *msg,
                        whosaid_stage_counts *c, int *status)
{
    if (json_array_size(json_object_get(rec, "errors")) == 0)
        whosaid_cli_warn("%s:%ld: document %s: %s", name, line, whosaid_record_id(rec), msg);
    whosaid_record_error(rec, whosaid_cli_prog(), msg);
    *status = WHOSAID_EXIT_DATA;
    c->errors++;
}

/* What the record loops share over a run: the counts, the exit status,
 * the duplicate-id table, the record arena and the output. */
typedef struct stage_run {
    const char *name; /* the input being read */
    whosaid_out *out;
    whosaid_jsonmem *jm;
    id_table ids;
    whosaid_stage_counts c;
    int status;
} stage_run;

/* A line the reader refused (rc < 0, e): said on stderr and counted.
 * Returns as run_record: 0 to stop reading, 1 to go on. */
static int bad_line(stage_run *r, int rc, const whosaid_error *e)
{
    if (whosaid_cli_stop_signal()) return 0;
    whosaid_cli_report(e);
    r->status = WHOSAID_EXIT_DATA;
    r->c.bad_lines++;
    return rc != WHOSAID_EIO && rc != WHOSAID_ENOMEM;
}

/* Writes rec: 1, or -1 when the output is gone or failed. */
static int write_record(stage_run *r, json_t *rec)
{
    int rc = whosaid_out_record(r->out, rec);
    if (rc) {
        if (!whosaid_cli_output_gone(rc)) r->status = WHOSAID_EXIT_DATA;
        return -1;
    }
    r->c.out++;
    return 1;
}

/* What a loop does with one input: reads records from rd until it returns
 * 0 (the input is done: end, I/O error, signal) or -1 (the output is gone
 * or failed). fp is rd's stream; regular, whether it is a file. */
typedef int (*input_fn)(stage_run *r, whosaid_reader *rd, FILE *fp, int regular, void *arg);

/* The loop over the inputs (stdin when none) every stage runs. */
static int run_inputs(char **inputs, int n, const whosaid_keep *keep, input_fn fn, void *arg,
                      whosaid_out *out, whosaid_stage_counts *counts)
{
    static char *stdin_only[] = {"-"};
    stage_run r = {NULL, out, whosaid_jsonmem_for_records(), {NULL, 0, 0}, {0, 0, 0, 0, 0}, 0};
    int gone = 0;
    if (n == 0) {
        inputs = stdin_only;
        n = 1;
    }
    for (int i = 0; i < n && !gone && !whosaid_cli_stop_signal(); i++) {
        whosaid_input in;
        if (whosaid_cli_open_input(inputs[i], &in)) {
            whosaid_cli_warn("%s: %s", inputs[i], strerror(errno));
            r.status = WHOSAID_EXIT_DATA;
            continue;
        }
        FILE *fp = in.fp;
        struct stat st;
        int regular = fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode);
        /* The id is checked here, text and offsets by whosaid_stage_check,
         * so a record without a usable text is still passed on. */
        whosaid_reader *rd = whosaid_reader_new(fp, inputs[i], WHOSAID_READ_ID);
        /* past the limits: the stage's own mistake, and harmless (all is built) */
        if (rd && keep) (void)whosaid_reader_keep(rd, keep);
        if (!rd) {
            whosaid_cli_warn("out of memory");
            r.status = WHOSAID_EXIT_DATA;
            gone = 1;
        }
        r.name = inputs[i];
        if (rd && fn(&r, rd, fp, regular, arg) < 0) gone = 1;
        whosaid_reader_free(rd);
        whosaid_cli_close_input(&in);
    }
    free(r.ids.slot);
    whosaid_jsonmem_free(r.jm);
    if (counts) *counts = r.c;
    return whosaid_cli_finish(gone ? NULL : out, r.status);
}

/* ---- one record at a time (whosaid_stage_run) ---- */

typedef struct record_fn {
    const whosaid_keep *keep;
    whosaid_stage_fn fn;
    void *ctx;
} record_fn;

/* A kept array the stage left in rec (it failed, or the check did) is put
 * back built, so that the record writes as it came. */
static void unkeep(stage_run *r, json_t *rec, long line, const whosaid_keep *keep)
{
    whosaid_jsonload_view *v = keep ? whosaid_jsonload_view_of(rec, keep->field) : NULL;
    if (v && whosaid_jsonload_view_replace(rec, v, NULL))
        fail_record(rec, r->name, line, whosaid_errmsg(WHOSAID_ENOMEM), &r->c, &r->status);
}

/* Returns 1 to go on, 0 to stop reading (end of input, I/O error, signal),
 * -1 when the output is gone or failed. Inside the jansson arena
 * (jsonmem.h): every value of the record is written and released when it
 * returns. */
static int run_record(stage_run *r, whosaid_reader *rd, const record_fn *f)
{
    whosaid_error e;
    json_t *rec = NULL;
    int rc = whosaid_reader_next(rd, &rec, &e);
    if (rc == 0) return 0;
    if (rc < 0) return bad_line(r, rc, &e);
    r->c.in++;
    long line = whosaid_reader_line(rd);
    check_duplicate(&r->ids, rec, r->name, line, &r->c);
    memset(&e, 0, sizeof e);
    if (check_record(rec, f->keep, &e)) {
        fail_record(rec, r->name, line, e.msg, &r->c, &r->status);
    } else if ((rc = f->fn(f->ctx, rec, &e)) != 0) {
        fail_record(rec, r->name, line, e.msg[0] ? e.msg : whosaid_errmsg(rc), &r->c, &r->status);
    }
    unkeep(r, rec, line, f->keep);
    int more = write_record(r, rec);
    whosaid_jsonmem_release(r->jm, rec);
    return more;
}

static int records_of_input(stage_run *r, whosaid_reader *rd, FILE *fp, int regular, void *arg)
{
    (void)fp;
    (void)regular;
    int more = 1;
    while (more > 0 && !whosaid_cli_stop_signal()) {
        whosaid_jsonmem_begin(r->jm);
        more = run_record(r, rd, arg);
        whosaid_jsonmem_end(r->jm);
    }
    return more;
}

int whosaid_stage_run(char **inputs, int n, whosaid_stage_fn fn, void *ctx, whosaid_out *out,
                      whosaid_stage_counts *counts)
{
    record_fn f = {NULL, fn, ctx};
    return run_inputs(inputs, n, NULL, records_of_input, &f, out, counts);
}

int whosaid_stage_run_kept(char **inputs, int n, const whosaid_keep *keep, whosaid_stage_fn fn,
                           void *ctx, whosaid_out *out, whosaid_stage_counts *counts)
{
    /* spans whose offsets the view does not read are built, and checked by name */
    if (keep && !keep_checkable(keep)) keep = NULL;
    record_fn f = {keep, fn, ctx};
    return run_inputs(inputs, n, keep, records_of_input, &f, out, counts);
}

/* ---- batches (whosaid_stage_run_batch) ---- */

/* A record read into the batch: where it came from and, when it did not
 * join the stage's batch, why (err.code 0: it joined). */
typedef struct batch_rec {
    json_t *rec;
    long line;
    whosaid_error err;
} batch_rec;

typedef struct batch_run {
    const whosaid_stage_batch *b;
    void *ctx;
    batch_rec *v;
    size_t n, joined;
} batch_run;

/* Whether the next line can be read without waiting for input that has
 * not been sent: a file's can; a pipe's or terminal's when stdio's buffer
 * already holds it whole (peeked at in glibc's buffer, as gnulib's
 * freadahead does), or when more bytes wait in the pipe, which then hold
 * or lead to the rest of the line (a writer that sends whole records is
 * never waited for; one that stops halfway through a record delays the
 * batch until it goes on). So a batch never waits for a record that has
 * not come (a user typing one record gets its output at once); at worst it
 * is cut short. Reading on while the pipe has bytes lets a batch grow past
 * one buffer (whosaid-tag through a pipe: 4% less CPU). */
static int line_ready(FILE *fp, int regular)
{
    if (regular) return 1;
#ifdef __GLIBC__
    const char *p = fp->_IO_read_ptr, *end = fp->_IO_read_end;
    if (p && end > p && memchr(p, '\n', (size_t)(end - p))) return 1;
#endif
    struct pollfd pfd = {fileno(fp), POLLIN, 0};
    return poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN);
}

/* Finishes and writes the batch's records in order, as run_record does
 * one: the same checks, messages and counts, in the same order. Returns
 * 1, or -1 when the output is gone or failed. */
static int flush_batch(stage_run *r, batch_run *br)
{
    int more = 1;
    if (br->joined) br->b->run(br->ctx);
    size_t joined = 0;
    for (size_t i = 0; i < br->n && more > 0; i++) {
        batch_rec *x = &br->v[i];
        check_duplicate(&r->ids, x->rec, r->name, x->line, &r->c);
        int rc = x->err.code;
        if (rc == 0) {
            memset(&x->err, 0, sizeof x->err);
            rc = br->b->finish(br->ctx, joined++, x->rec, &x->err);
        }
        if (rc)
            fail_record(x->rec, r->name, x->line, x->err.msg[0] ? x->err.msg : whosaid_errmsg(rc),
                        &r->c, &r->status);
        more = write_record(r, x->rec);
    }
    br->b->end(br->ctx);
    for (size_t i = 0; i < br->n; i++)
        whosaid_jsonmem_release(r->jm, br->v[i].rec);
    br->n = br->joined = 0;
    return more;
}

/* Reads up to a batch of records from rd, has the stage start each one,
 * then finishes and writes them (flush_batch). A bad line ends the batch:
 * it is reported after the records before it. Returns as run_record. */
static int read_batch(stage_run *r, whosaid_reader *rd, FILE *fp, int regular, batch_run *br)
{
    whosaid_error e;
    int rc = 1, more = 1;
    size_t bytes = 0;
    whosaid_jsonmem_begin(r->jm);
    while (br->n < br->b->max_records && bytes < br->b->max_bytes &&
           (br->n == 0 || line_ready(fp, regular)) && !whosaid_cli_stop_signal()) {
        json_t *rec = NULL;
        if ((rc = whosaid_reader_next(rd, &rec, &e)) <= 0) break;
        r->c.in++;
        batch_rec *x = &br->v[br->n++];
        x->rec = rec;
        x->line = whosaid_reader_line(rd);
        memset(&x->err, 0, sizeof x->err);
        size_t len = 0;
        if (!whosaid_stage_check(rec, &x->err) &&
            !(x->err.code = br->b->start(br->ctx, rec, &x->err)))
            br->joined++;
        else if (!x->err.code)
            x->err.code = WHOSAID_EINPUT;
        if (whosaid_record_text(rec, &len)) bytes += len;
    }
    if (br->n) more = flush_batch(r, br);
    whosaid_jsonmem_end(r->jm);
    if (more < 0) return -1;
    if (rc == 0) return 0;
    if (rc < 0) return bad_line(r, rc, &e);
    return 1;
}

static int batches_of_input(stage_run *r, whosaid_reader *rd, FILE *fp, int regular, void *arg)
{
    int more = 1;
    while (more > 0 && !whosaid_cli_stop_signal())
        more = read_batch(r, rd, fp, regular, arg);
    return more;
}

int whosaid_stage_run_batch(char **inputs, int n, const whosaid_stage_batch *b, void *ctx,
                            whosaid_out *out, whosaid_stage_counts *counts)
{
    batch_run br = {b, ctx, calloc(b->max_records ? b->max_records : 1, sizeof *br.v), 0, 0};
    if (!br.v) {
        whosaid_cli_warn("out of memory");
        return whosaid_cli_finish(NULL, WHOSAID_EXIT_DATA);
    }
    int status = run_inputs(inputs, n, NULL, batches_of_input, &br, out, counts);
    free(br.v);
    return status;
}

void whosaid_stage_stats(const whosaid_stage_counts *c, const char *more)
{
    whosaid_cli_warn("stats: in %ld out %ld errors %ld bad_lines %ld duplicate_ids %ld%s%s", c->in,
                     c->out, c->errors, c->bad_lines, c->duplicate_ids, more ? " " : "",
                     more ? more : "");
}
