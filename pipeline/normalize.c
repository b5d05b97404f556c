/* whosaid-normalize: raw articles (text files, directories, JSON Lines) in,
 * one document record per article out (or one per part of an article
 * bigger than --max-doc, so memory follows the cap, not the input). Finds
 * and reads the inputs; the work is in normalizer.c, where to cut in
 * chunker.c. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "whosaid/buf.h"
#include "whosaid/bytesize.h"
#include "whosaid/chunker.h"
#include "whosaid/cli.h"
#include "whosaid/hashmap.h"
#include "whosaid/limitlog.h"
#include "whosaid/normalizer.h"
#include "whosaid/out.h"
#include "whosaid/paths.h"
#include "whosaid/record.h"
#include "whosaid/stage.h"

enum { FORMAT_AUTO, FORMAT_TEXT, FORMAT_JSONL };

/* Default --max-doc: long news articles and Wikipedia pages are well under
 * 1 MB, War and Peace is 3.2 MB. */
#define MAX_DOC_DEFAULT ((size_t)4 << 20)
/* Bytes read from a text input at a time. */
#define READ_CHUNK 65536

typedef struct run {
    whosaid_normalizer *norm;
    whosaid_out *out;
    whosaid_hashmap *ids;     /* ids given to text files, to keep them unique */
    whosaid_limitlog *limits; /* rules that hit PCRE2's match limit, on stderr */
    int format;
    int verbatim;
    size_t max_doc;   /* bytes of one document held at once (--max-doc) */
    const char *exts; /* comma-separated extensions taken from directories */
    int status;
    int stop; /* output gone or a signal: read no more */
    long docs_in, docs_out, docs_split;
    whosaid_stage_counts counts; /* errors and bad_lines, for --stats */
} run;

/* One document on its way out, whole or in parts. */
typedef struct doc {
    const char *source; /* the input's name, for the record and messages */
    long line;          /* its line in a JSON Lines input, else 0 */
    const char *id;
    json_t *in;               /* the JSON Lines input record (borrowed), or NULL */
    const json_t *given_meta; /* meta given with it (borrowed), or NULL */
    size_t repaired;          /* invalid UTF-8 sequences the reader replaced */
    int renamed;              /* id made unique: warn on every part */
    int split;                /* written as parts: each carries "part" */
    int parts;                /* records written so far */
    size_t byte_start;        /* input offset of the next part */
    json_t *meta;             /* part 1's meta, given to the later parts */
    whosaid_buf part_id;
} doc;

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: whosaid-normalize [OPTIONS] [FILE|DIR|-]...\n"
            "Turns articles into document records (JSON Lines) on standard output.\n"
            "A FILE holds one article, or JSON Lines records with \"id\" and \"text\";\n"
            "a DIR is read recursively in sorted order; - or no argument reads stdin.\n\n"
            "  -f, --format=FMT   auto (default: JSON Lines when the input starts with '{'),\n"
            "                     text, or jsonl\n"
            "      --verbatim     keep each text exactly as given (only invalid UTF-8 is\n"
            "                     replaced), so offsets match the caller's\n"
            "      --max-doc=SIZE split a document bigger than SIZE bytes (K, M, G\n"
            "                     suffixes; default 4M) into parts of at most SIZE,\n"
            "                     one record each: ID, ID#2, ID#3 ... with \"part\"\n"
            "  -e, --ext=LIST     extensions read from directories (default: txt)\n"
            "  -u, --unbuffered   write each record as soon as it is made\n"
            "  -s, --stats        print documents in, out and with errors on stderr,\n"
            "                     split documents, and match_limits: rule hits of\n"
            "                     PCRE2's limits\n"
            "  -h, --help         show this help\n"
            "  -V, --version      show the version\n\n"
            "Rules come from $WHOSAID_RULES_DIR or the default rules directory.\n"
            "A boilerplate or meta rule that hits PCRE2's match limit on a line does not\n"
            "match that line: the document is made without it, with a \"match_limit\"\n"
            "warning and a message naming the rule's file:line (the first %d documents\n"
            "per rule; later hits are counted and totalled at the end); the status\n"
            "stays 0 for it.\n"
            "Exit status: 0 ok, 1 an input could not be read or processed, 2 usage or\n"
            "rule-file error.\n",
            WHOSAID_LIMITLOG_SHOWN);
}

static int emit(run *r, json_t *rec)
{
    int rc = whosaid_out_record(r->out, rec);
    json_decref(rec);
    if (rc) {
        if (!whosaid_cli_output_gone(rc)) r->status = WHOSAID_EXIT_DATA;
        r->stop = 1;
        return rc;
    }
    r->docs_out++;
    return 0;
}

/* "dir/name.txt" -> "name", made unique in this run with "-2", "-3" ... */
static int text_id(run *r, const char *path, whosaid_buf *id, int *renamed)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(path, "-") == 0) base = "stdin";
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    whosaid_buf_clear(id);
    if (whosaid_buf_append(id, base, n)) return WHOSAID_ENOMEM;
    *renamed = 0;
    for (int k = 2;; k++) {
        int rc = whosaid_hashmap_put(r->ids, id->data, id->len, 1);
        if (rc < 0) return rc;
        if (rc == 1) return 0;
        *renamed = 1;
        id->len = n;
        if (whosaid_buf_printf(id, "-%d", k)) return WHOSAID_ENOMEM;
    }
}

/* Fields a JSON Lines input record keeps besides those normalize makes. */
static int keep_field(const char *key)
{
    static const char *const made[] = {"id",        "source", "meta",     "text",
                                       "sentences", "spans",  "warnings", NULL};
    for (const char *const *m = made; *m; m++)
        if (strcmp(*m, key) == 0) return 0;
    return 1;
}

static json_t *merge_input(run *r, json_t *in, json_t *rec, int split)
{
    const char *key;
    json_t *value;
    json_t *given = json_object_get(in, "source");
    if (json_is_string(given)) json_object_set(rec, "source", given);
    json_t *spans = json_object_get(in, "spans");
    if (json_array_size(spans) > 0) {
        if (split)
            whosaid_record_warn(rec, "spans_dropped",
                                "%zu input spans dropped: the text was split (--max-doc)",
                                json_array_size(spans));
        else if (r->verbatim)
            json_object_set(rec, "spans", spans);
        else
            whosaid_record_warn(rec, "spans_dropped",
                                "%zu input spans dropped: the text was normalized",
                                json_array_size(spans));
    }
    json_t *old = json_object_get(in, "warnings");
    json_t *warnings = json_object_get(rec, "warnings");
    if (json_is_array(old) && json_is_array(warnings)) {
        json_t *all = json_deep_copy(old);
        if (all && json_array_extend(all, warnings) == 0)
            json_object_set_new(rec, "warnings", all);
        else
            json_decref(all);
    }
    json_object_foreach(in, key, value)
    {
        if (keep_field(key)) json_object_set(rec, key, value);
    }
    return rec;
}

/* Sets rec's "part" right after "source", keeping the other fields' order. */
static int set_part(json_t *rec, int n, size_t byte_start)
{
    const char *key;
    json_t *value;
    json_t *part = json_pack("{s:i, s:I}", "n", n, "byte_start", (json_int_t)byte_start);
    json_t *copy = json_copy(rec);
    int rc = part && copy ? 0 : WHOSAID_ENOMEM;
    if (!rc) {
        json_object_clear(rec);
        json_object_foreach(copy, key, value)
        {
            if (json_object_set(rec, key, value) ||
                (strcmp(key, "source") == 0 && json_object_set(rec, "part", part)))
                rc = WHOSAID_ENOMEM;
        }
    }
    json_decref(copy);
    json_decref(part);
    return rc;
}

/* The record of a document (or part) the normalizer failed on (out of
 * memory: a rule's match-limit hit is only a warning): passed on
 * with empty text and an "errors" entry, so no document goes missing. The
 * raw text is not kept: it may be invalid UTF-8 and boilerplate, and later
 * stages would read it as clean body text; "source" (and "part") locate it. */
static json_t *failed_record(const char *id, const char *source, const json_t *meta,
                             const char *why)
{
    json_t *m = json_is_object(meta) ? json_deep_copy(meta) : json_object();
    json_t *rec = json_pack("{s:s, s:s, s:o, s:s, s:[], s:[], s:[]}", "id", id, "source", source,
                            "meta", m, "text", "", "sentences", "spans", "warnings");
    if (rec && whosaid_record_error(rec, whosaid_cli_prog(), why)) {
        json_decref(rec);
        rec = NULL;
    }
    return rec;
}

/* Normalizes one document, or its next part, and writes the record. */
static void do_part(run *r, doc *d, const char *data, size_t len)
{
    whosaid_error e;
    int k = ++d->parts;
    const char *id = d->id;
    const json_t *meta = d->given_meta;
    int flags = r->verbatim ? WHOSAID_NORMALIZE_VERBATIM : 0;
    if (k == 1) r->docs_in++;
    if (k >= 2) {
        whosaid_buf_clear(&d->part_id);
        if (whosaid_buf_printf(&d->part_id, "%s#%d", d->id, k)) goto nomem;
        id = d->part_id.data;
        meta = d->meta;
        flags |= WHOSAID_NORMALIZE_CONTINUED;
    }
    json_t *rec = whosaid_normalizer_run(r->norm, id, d->source, meta, data, len, flags, &e);
    if (!rec) {
        /* The file's place, when the error has one. */
        char why[sizeof e.file + sizeof e.msg + 32];
        if (e.file[0] && e.line > 0)
            snprintf(why, sizeof why, "%s:%ld: %s", e.file, e.line, e.msg);
        else
            snprintf(why, sizeof why, "%s", e.msg);
        if (d->line)
            whosaid_cli_warn("%s:%ld: document %s: %s", d->source, d->line, id, why);
        else
            whosaid_cli_warn("%s: document %s: %s", d->source, id, why);
        r->status = WHOSAID_EXIT_DATA;
        r->counts.errors++;
        if (!(rec = failed_record(id, d->source, meta, why))) goto nomem;
    } else {
        /* Before merge_input puts the input's own warnings first. */
        whosaid_limitlog_note(r->limits, rec, 0);
        if (k == 1 && d->split) d->meta = json_deep_copy(json_object_get(rec, "meta"));
    }
    if (d->in) {
        if (d->repaired &&
            whosaid_record_warn(rec, "invalid_utf8",
                                "%zu ill-formed UTF-8 sequences in the input line replaced by "
                                "U+FFFD",
                                d->repaired))
            goto nomem_rec;
        merge_input(r, d->in, rec, d->split);
    }
    if (d->split) {
        char cap[32];
        if (set_part(rec, k, d->byte_start) ||
            whosaid_record_warn(rec, "split",
                                "the document is bigger than --max-doc (%s): this is its "
                                "part %d, from byte %zu",
                                whosaid_bytesize_format(r->max_doc, cap, sizeof cap), k,
                                d->byte_start))
            goto nomem_rec;
    }
    if (d->renamed && whosaid_record_warn(rec, "duplicate_id",
                                          "id already used in this run; renamed to %s", d->id))
        goto nomem_rec;
    d->byte_start += len;
    emit(r, rec);
    return;
nomem_rec:
    json_decref(rec);
nomem:
    whosaid_cli_warn("%s: document %s: out of memory", d->source, id);
    r->status = WHOSAID_EXIT_DATA;
    r->stop = 1;
}

/* After the last part: the one message about a split document. */
static void doc_done(run *r, doc *d)
{
    if (d->split && !r->stop) {
        char cap[32], where[64] = "";
        if (d->line) snprintf(where, sizeof where, ":%ld", d->line);
        whosaid_cli_warn("%s%s: document %s is %zu bytes, split into %d parts of at most %s "
                         "(--max-doc)",
                         d->source, where, d->id, d->byte_start, d->parts,
                         whosaid_bytesize_format(r->max_doc, cap, sizeof cap));
        r->docs_split++;
    }
    json_decref(d->meta);
    whosaid_buf_free(&d->part_id);
}

static void do_jsonl(run *r, FILE *fp, const char *name)
{
    whosaid_reader *rd = whosaid_reader_new(fp, name, WHOSAID_READ_ID | WHOSAID_READ_TEXT);
    whosaid_error e;
    if (!rd) {
        whosaid_cli_warn("%s: out of memory", name);
        r->status = WHOSAID_EXIT_DATA;
        return;
    }
    while (!r->stop && !whosaid_cli_stop_signal()) {
        json_t *in = NULL;
        int rc = whosaid_reader_next(rd, &in, &e);
        if (rc == 0) break;
        if (rc < 0) {
            if (whosaid_cli_stop_signal()) break;
            whosaid_cli_report(&e);
            r->status = WHOSAID_EXIT_DATA;
            r->counts.bad_lines++;
            if (rc == WHOSAID_EIO || rc == WHOSAID_ENOMEM) break;
            continue;
        }
        size_t len, off = 0;
        const char *text = whosaid_record_text(in, &len);
        doc d = {.source = name,
                 .line = whosaid_reader_line(rd),
                 .id = whosaid_record_id(in),
                 .in = in,
                 .given_meta = json_object_get(in, "meta"),
                 .repaired = whosaid_reader_repaired(rd),
                 .split = len > r->max_doc};
        do {
            size_t c = whosaid_chunker_cut(text + off, len - off, r->max_doc, NULL);
            do_part(r, &d, text + off, c);
            off += c;
        } while (off < len && !r->stop && !whosaid_cli_stop_signal());
        doc_done(r, &d);
        json_decref(in);
    }
    whosaid_reader_free(rd);
}

/* One text article, read in chunks: whenever more than --max-doc bytes are
 * buffered, a part is cut off and written, so at most the cap plus one
 * chunk is held. data holds what was read already (blanks before the
 * first character, from the format check). */
static void do_text(run *r, FILE *fp, const char *name, whosaid_buf *data)
{
    whosaid_buf id = WHOSAID_BUF_INIT;
    doc d = {.source = name};
    int rc = text_id(r, name, &id, &d.renamed);
    d.id = id.data;
    r->counts.duplicate_ids += d.renamed;
    while (!rc) {
        while (data->len > r->max_doc && !r->stop) {
            size_t c = whosaid_chunker_cut(data->data, data->len, r->max_doc, NULL);
            d.split = 1;
            do_part(r, &d, data->data, c);
            memmove(data->data, data->data + c, data->len - c);
            data->len -= c;
        }
        if (r->stop || whosaid_cli_stop_signal()) break;
        if (whosaid_buf_reserve(data, READ_CHUNK)) {
            rc = WHOSAID_ENOMEM;
            break;
        }
        size_t n = fread(data->data + data->len, 1, READ_CHUNK, fp);
        data->len += n;
        if (n == 0) {
            if (ferror(fp)) rc = WHOSAID_EIO;
            break;
        }
    }
    if (rc) {
        if (!whosaid_cli_stop_signal())
            whosaid_cli_warn("%s: %s", name,
                             rc == WHOSAID_EIO ? strerror(errno) : whosaid_errmsg(rc));
        r->status = WHOSAID_EXIT_DATA;
    } else if (!r->stop && !whosaid_cli_stop_signal()) {
        do_part(r, &d, data->data ? data->data : "", data->len);
    }
    doc_done(r, &d);
    whosaid_buf_free(&id);
}

static int has_ext(const char *name, const char *ext)
{
    const char *dot = strrchr(name, '.');
    return dot && strcmp(dot + 1, ext) == 0;
}

/* Reads one opened input: JSON Lines or a single article. */
static void do_stream(run *r, FILE *fp, const char *name)
{
    whosaid_buf data = WHOSAID_BUF_INIT;
    int format = r->format;
    if (format == FORMAT_AUTO && (has_ext(name, "jsonl") || has_ext(name, "ndjson")))
        format = FORMAT_JSONL;
    if (format == FORMAT_AUTO) {
        /* Peek past leading white space: '{' means records. The blanks are
         * kept for a text article (they matter to --verbatim offsets). */
        int c;
        while ((c = getc(fp)) != EOF && (c == ' ' || c == '\t' || c == '\n' || c == '\r'))
            whosaid_buf_append_char(&data, (char)c);
        if (c == '{') {
            ungetc(c, fp);
            format = FORMAT_JSONL;
        } else if (c != EOF) {
            whosaid_buf_append_char(&data, (char)c);
        }
    }
    if (format == FORMAT_JSONL)
        do_jsonl(r, fp, name);
    else
        do_text(r, fp, name, &data);
    whosaid_buf_free(&data);
}

static void do_path(run *r, const char *path, int from_dir);

static int wanted_in_dir(const run *r, const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || name[0] == '.') return 0;
    size_t n = strlen(dot + 1);
    for (const char *p = r->exts; *p;) {
        size_t k = strcspn(p, ",");
        if (k == n && strncmp(p, dot + 1, n) == 0) return 1;
        p += k + (p[k] == ',');
    }
    return 0;
}

static void do_dir(run *r, const char *path)
{
    struct dirent **list;
    int n = scandir(path, &list, NULL, alphasort);
    if (n < 0) {
        whosaid_cli_warn("%s: %s", path, strerror(errno));
        r->status = WHOSAID_EXIT_DATA;
        return;
    }
    whosaid_buf child = WHOSAID_BUF_INIT;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (!r->stop && name[0] != '.') {
            whosaid_buf_clear(&child);
            whosaid_buf_printf(&child, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
                               name);
            do_path(r, child.data, 1);
        }
        free(list[i]);
    }
    free(list);
    whosaid_buf_free(&child);
}

static void do_path(run *r, const char *path, int from_dir)
{
    if (r->stop || whosaid_cli_stop_signal()) return;
    if (strcmp(path, "-") == 0) {
        do_stream(r, stdin, "-");
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        whosaid_cli_warn("%s: %s", path, strerror(errno));
        r->status = WHOSAID_EXIT_DATA;
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        do_dir(r, path);
        return;
    }
    if (from_dir && !wanted_in_dir(r, path)) return;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        whosaid_cli_warn("%s: %s", path, strerror(errno));
        r->status = WHOSAID_EXIT_DATA;
        return;
    }
    do_stream(r, fp, path);
    fclose(fp);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"verbatim", no_argument, NULL, 'v'},
                                             {"ext", required_argument, NULL, 'e'},
                                             {"unbuffered", no_argument, NULL, 'u'},
                                             WHOSAID_CLI_LONGOPTS,
                                             {"stats", no_argument, NULL, 's'},
                                             {"max-doc", required_argument, NULL, 'm'},
                                             {NULL, 0, NULL, 0}};
    run r = {0};
    r.exts = "txt";
    r.max_doc = MAX_DOC_DEFAULT;
    int unbuffered = 0, stats = 0, c;
    whosaid_cli_init(argv);
    while ((c = getopt_long(argc, argv, "f:e:ushV", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "auto") == 0)
                r.format = FORMAT_AUTO;
            else if (strcmp(optarg, "text") == 0)
                r.format = FORMAT_TEXT;
            else if (strcmp(optarg, "jsonl") == 0)
                r.format = FORMAT_JSONL;
            else {
                whosaid_cli_warn("unknown format '%s' (auto, text or jsonl)", optarg);
                return WHOSAID_EXIT_USAGE;
            }
            break;
        case 'v': r.verbatim = 1; break;
        case 'm':
            if (whosaid_bytesize_parse(optarg, &r.max_doc)) {
                whosaid_cli_warn("invalid --max-doc '%s' (bytes, or with a K, M or G suffix)",
                                 optarg);
                return WHOSAID_EXIT_USAGE;
            }
            break;
        case 'e': r.exts = optarg; break;
        case 'u': unbuffered = 1; break;
        case 's': stats = 1; break;
        default: return whosaid_cli_common_option(c, usage); /* -h, -V or a bad option */
        }
    }
    whosaid_error e;
    r.norm = whosaid_normalizer_new(whosaid_rules_dir(), &e);
    if (!r.norm) {
        whosaid_cli_report(&e);
        return WHOSAID_EXIT_USAGE;
    }
    r.out = whosaid_out_new(STDOUT_FILENO);
    r.ids = whosaid_hashmap_new();
    r.limits = whosaid_limitlog_new("the rule was skipped for the lines it hit");
    if (!r.out || !r.ids || !r.limits) {
        whosaid_cli_warn("out of memory");
        return WHOSAID_EXIT_DATA;
    }
    whosaid_out_set_flush_each(r.out, unbuffered);
    if (optind == argc) do_path(&r, "-", 0);
    for (int i = optind; i < argc; i++)
        do_path(&r, argv[i], 0);
    int status = whosaid_cli_finish(r.stop ? NULL : r.out, r.status);
    r.counts.in = r.docs_in;
    r.counts.out = r.docs_out;
    whosaid_limitlog_totals(r.limits);
    if (stats) {
        char more[64];
        snprintf(more, sizeof more, "split %ld match_limits %ld", r.docs_split,
                 whosaid_limitlog_total(r.limits));
        whosaid_stage_stats(&r.counts, more);
    }
    whosaid_limitlog_free(r.limits);
    whosaid_hashmap_free(r.ids);
    whosaid_out_free(r.out);
    whosaid_normalizer_free(r.norm);
    return status;
}
