#include "whosaid/normalizer.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/boilerplate.h"
#include "whosaid/buf.h"
#include "whosaid/calendar.h"
#include "whosaid/clean.h"
#include "whosaid/lines.h"
#include "whosaid/meta.h"
#include "whosaid/record.h"
#include "whosaid/sentences.h"
#include "whosaid/utf8.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

struct whosaid_normalizer {
    whosaid_calendar *calendar;
    whosaid_boiler *boiler;
    whosaid_meta_rules *meta;
    whosaid_splitter *splitter;
    /* Per-document scratch, reused so the steady state allocates little. */
    whosaid_buf repaired, cleaned, body;
    whosaid_lines lines;
    whosaid_ranges sentences;
};

static int rules_file(const char *dir, const char *name, char *out, whosaid_error *err)
{
    if (snprintf(out, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX)
        return whosaid_error_set(err, WHOSAID_ELIMIT, dir, 0, "path too long");
    return 0;
}

whosaid_normalizer *whosaid_normalizer_new(const char *rules_dir, whosaid_error *err)
{
    char path[PATH_MAX];
    whosaid_normalizer *n = calloc(1, sizeof *n);
    if (!n) {
        whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
        return NULL;
    }
    if (rules_file(rules_dir, "calendar.rules", path, err) ||
        !(n->calendar = whosaid_calendar_load(path, err)) ||
        rules_file(rules_dir, "boilerplate.rules", path, err) ||
        !(n->boiler = whosaid_boiler_load(path, err)) ||
        rules_file(rules_dir, "meta.rules", path, err) ||
        !(n->meta = whosaid_meta_load(path, n->calendar, err)) ||
        rules_file(rules_dir, "abbreviations.rules", path, err) ||
        !(n->splitter = whosaid_splitter_load(path, err))) {
        whosaid_normalizer_free(n);
        return NULL;
    }
    return n;
}

void whosaid_normalizer_free(whosaid_normalizer *n)
{
    if (!n) return;
    whosaid_splitter_free(n->splitter);
    whosaid_meta_free(n->meta);
    whosaid_boiler_free(n->boiler);
    whosaid_calendar_free(n->calendar);
    whosaid_buf_free(&n->repaired);
    whosaid_buf_free(&n->cleaned);
    whosaid_buf_free(&n->body);
    whosaid_lines_free(&n->lines);
    whosaid_ranges_free(&n->sentences);
    free(n);
}

/* One warning naming the distinct reasons lines were removed (first few). */
static int warn_boilerplate(json_t *rec, const whosaid_lines *lines)
{
    size_t removed = 0;
    const char *why[3] = {NULL, NULL, NULL};
    size_t nwhy = 0;
    for (size_t k = 0; k < lines->n; k++) {
        const whosaid_line *l = &lines->v[k];
        if (l->fate != WHOSAID_LINE_BOILER) continue;
        removed++;
        const char *w = l->why ? l->why : "?";
        int seen = 0;
        for (size_t j = 0; j < nwhy; j++)
            seen |= strcmp(why[j], w) == 0;
        if (!seen && nwhy < 3) why[nwhy++] = w;
    }
    if (!removed) return 0;
    return whosaid_record_warn(
        rec, "boilerplate", "%zu lines of page boilerplate removed (%s%s%s%s%s)", removed, why[0],
        nwhy > 1 ? ", " : "", nwhy > 1 ? why[1] : "", nwhy > 2 ? ", " : "", nwhy > 2 ? why[2] : "");
}

/* A hostile or unlucky rule pattern hit PCRE2's match limit: it did not
 * match those lines and the document went on without it. One warning per
 * rule, in tag's form ("FILE:LINE: match limit hit; ..."), so main() and
 * users read both stages' warnings alike. */
static int warn_limit(json_t *rec, const char *file, long line, size_t bytes)
{
    return whosaid_record_warn(rec, "match_limit",
                               "%s:%ld: match limit hit; the rule was skipped for a line of "
                               "%zu bytes",
                               file, line, bytes);
}

static int warn_limit_hits(json_t *rec, const whosaid_boiler *b, const whosaid_meta_rules *m)
{
    const char *file;
    long line;
    size_t bytes;
    for (size_t i = 0; whosaid_boiler_limit_hit(b, i, &file, &line, &bytes); i++)
        if (warn_limit(rec, file, line, bytes)) return WHOSAID_ENOMEM;
    for (size_t i = 0; m && whosaid_meta_limit_hit(m, i, &file, &line, &bytes); i++)
        if (warn_limit(rec, file, line, bytes)) return WHOSAID_ENOMEM;
    return 0;
}

/* Puts meta's known fields first, in the documented order; others follow. */
static int order_meta(json_t *meta)
{
    static const char *const order[] = {"title",
                                        "outlet",
                                        "byline",
                                        "dateline",
                                        "published",
                                        "published_time",
                                        "published_datetime",
                                        NULL};
    json_t *copy = json_copy(meta);
    if (!copy) return WHOSAID_ENOMEM;
    json_object_clear(meta);
    for (const char *const *k = order; *k; k++) {
        json_t *v = json_object_get(copy, *k);
        if (v && json_object_set(meta, *k, v)) goto fail;
    }
    if (json_object_update_missing(meta, copy)) goto fail;
    json_decref(copy);
    return 0;
fail:
    json_decref(copy);
    return WHOSAID_ENOMEM;
}

/* Runs the line-level steps on cleaned text and leaves the body in n->body. */
static int extract_body(whosaid_normalizer *n, const char *text, size_t len, json_t *meta,
                        int continued, json_t *rec, whosaid_error *err)
{
    n->lines.n = 0;
    whosaid_buf_clear(&n->body);
    if (whosaid_lines_split(text, len, &n->lines))
        return whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
    long rc = whosaid_boiler_apply_rules(n->boiler, &n->lines, err);
    if (rc < 0) return (int)rc;
    int mrc = continued ? 0 : whosaid_meta_extract(n->meta, &n->lines, meta, err);
    if (mrc < 0) return mrc;
    if (warn_limit_hits(rec, n->boiler, continued ? NULL : n->meta))
        return whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
    if (order_meta(meta)) return whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
    whosaid_boiler_apply_heuristics(&n->lines);
    if (warn_boilerplate(rec, &n->lines) || whosaid_lines_join_body(&n->lines, &n->body))
        return whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
    return 0;
}

/* Code point offset of byte b, counting on from the last call (*pos bytes,
 * *cp code points): sentences come in text order, so the whole array costs
 * one pass over the text. */
static json_int_t cp_at(const char *text, size_t len, size_t b, size_t *pos, size_t *cp)
{
    if (b > len) b = len;
    if (b < *pos) *pos = *cp = 0;
    *cp += whosaid_utf8_count(text + *pos, b - *pos);
    *pos = b;
    return (json_int_t)*cp;
}

static json_t *sentence_array(const whosaid_ranges *r, const char *text, size_t len)
{
    json_t *arr = json_array();
    size_t pos = 0, cp = 0;
    if (!arr) return NULL;
    for (size_t k = 0; k < r->n; k++) {
        /* Built directly: json_pack would parse its format once per sentence. */
        json_int_t a = cp_at(text, len, r->v[k].start, &pos, &cp);
        json_int_t b = cp_at(text, len, r->v[k].end, &pos, &cp);
        json_t *pair = json_array();
        if (!pair || json_array_append_new(arr, pair) ||
            json_array_append_new(pair, json_integer(a)) ||
            json_array_append_new(pair, json_integer(b)))
            goto fail;
    }
    return arr;
fail:
    json_decref(arr);
    return NULL;
}

static int warn_repairs(json_t *rec, size_t bad, size_t first_bad, const whosaid_clean_stats *st)
{
    if (bad && whosaid_record_warn(rec, "invalid_utf8",
                                   "%zu ill-formed UTF-8 sequences replaced by U+FFFD (first at "
                                   "byte %zu)",
                                   bad, first_bad))
        return WHOSAID_ENOMEM;
    if (st->controls &&
        whosaid_record_warn(rec, "control_chars", "%zu control characters dropped (%zu NUL bytes)",
                            st->controls, st->nuls))
        return WHOSAID_ENOMEM;
    return 0;
}

json_t *whosaid_normalizer_run(whosaid_normalizer *n, const char *id, const char *source,
                               const json_t *given_meta, const char *raw, size_t len, int flags,
                               whosaid_error *err)
{
    size_t bad = 0, first_bad = 0;
    whosaid_clean_stats st = {0, 0, 0};
    json_t *meta = json_is_object(given_meta) ? json_deep_copy(given_meta) : json_object();
    json_t *rec = json_object();
    json_t *warnings = json_array();
    const char *text;
    size_t text_len;
    if (!meta || !rec || !warnings || json_object_set_new(rec, "id", json_string(id)) ||
        json_object_set_new(rec, "source", json_string(source)) ||
        json_object_set(rec, "meta", meta) || json_object_set_new(rec, "warnings", warnings))
        goto nomem;

    whosaid_buf_clear(&n->repaired);
    if (whosaid_utf8_repair(raw, len, &n->repaired, &bad, &first_bad)) goto nomem;
    if (flags & WHOSAID_NORMALIZE_VERBATIM) {
        text = n->repaired.data;
        text_len = n->repaired.len;
    } else {
        whosaid_buf_clear(&n->cleaned);
        int rc = whosaid_clean_text(n->repaired.data, n->repaired.len, &n->cleaned, &st);
        if (rc == WHOSAID_ENOMEM) goto nomem;
        if (rc) {
            whosaid_error_set(err, rc, NULL, 0, "Unicode normalization failed");
            goto fail;
        }
        if (extract_body(n, n->cleaned.data, n->cleaned.len, meta,
                         (flags & WHOSAID_NORMALIZE_CONTINUED) != 0, rec, err))
            goto fail;
        text = n->body.data ? n->body.data : "";
        text_len = n->body.len;
    }
    if (warn_repairs(rec, bad, first_bad, &st)) goto nomem;
    n->sentences.n = 0;
    if (whosaid_splitter_split(n->splitter, text, text_len, &n->sentences)) goto nomem;
    json_t *sentences = sentence_array(&n->sentences, text, text_len);
    if (!sentences || json_object_set_new(rec, "text", json_stringn_nocheck(text, text_len)) ||
        json_object_set_new(rec, "sentences", sentences) ||
        json_object_set_new(rec, "spans", json_array()))
        goto nomem;
    if (text_len == 0 && whosaid_record_warn(rec, "empty_text", "no body text")) goto nomem;
    /* Keep the documented field order: warnings last. */
    json_incref(warnings);
    json_object_del(rec, "warnings");
    if (json_object_set_new(rec, "warnings", warnings)) goto nomem;
    json_decref(meta);
    return rec;
nomem:
    whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
fail:
    json_decref(meta);
    json_decref(rec);
    return NULL;
}
