/* libFuzzer target: the fast record parser (jsonload.cc) against jansson's
 * own, on any bytes as one line. Whatever the fast path gives must be
 * exactly what json_loadb gives with the reader's flags - the same
 * serialization, key order included - and where jansson fails the fast
 * path must decline. The same with "spans" kept in the parse
 * (whosaid_jsonload_keep), which must take whatever the plain fast path
 * takes, whose items must read (whosaid_jsonload_view_get) and write
 * (whosaid_jsonload_view_write) as jansson's do, and whose record, the
 * array put back (whosaid_jsonload_view_replace), must write the same.
 * Aborts on any difference. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/jsonload.h"
#include "whosaid/out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the kept spans read: a member, and one of an object member. */
static const whosaid_field kept_read[] = {WHOSAID_FIELD("id"), WHOSAID_FIELD("start"),
                                          WHOSAID_FIELD("end"), WHOSAID_FIELD("attrs.role")};
enum { KEPT_N = sizeof kept_read / sizeof kept_read[0] };

/* Member name (one "parent.child" level) of jansson's object o. */
static const json_t *member_of(const json_t *o, const char *name)
{
    const char *dot = strchr(name, '.');
    if (!dot) return json_object_get(o, name);
    const json_t *parent = json_object_getn(o, name, (size_t)(dot - name));
    return json_is_object(parent) ? json_object_get(parent, dot + 1) : NULL;
}

/* Whether the view's reading of a member is jansson's value m. */
static int reads_as(const whosaid_jsonload_value *got, const json_t *m)
{
    if (!m) return got->type == -1;
    if (got->type != (int)json_typeof(m)) return 0;
    if (json_is_string(m))
        return got->len == json_string_length(m) &&
               !memcmp(got->str, json_string_value(m), got->len) && got->str[got->len] == '\0';
    return !json_is_integer(m) || got->num == json_integer_value(m);
}

/* Whether every item of kept spans v reads and writes as that of jansson's
 * spans (the same size). */
static int items_same(whosaid_jsonload_view *v, const json_t *spans)
{
    if (whosaid_jsonload_view_size(v) != json_array_size(spans)) return 0;
    for (size_t i = 0; i < json_array_size(spans); i++) {
        const json_t *item = json_array_get(spans, i);
        const whosaid_jsonload_value *vals;
        int got = whosaid_jsonload_view_get(v, i, &vals);
        if (got != (json_is_object(item) ? 1 : 0)) return 0;
        if (!got) continue;
        for (size_t k = 0; k < KEPT_N; k++)
            if (!reads_as(&vals[k], member_of(item, kept_read[k].name))) return 0;
        whosaid_buf b = WHOSAID_BUF_INIT;
        char *want = whosaid_json_dump(item);
        long n = whosaid_jsonload_view_write(v, i, NULL, 0, 0, &b);
        /* the pairs are the dump without its braces */
        int same = want && n == (long)json_object_size(item) && b.len == strlen(want) - 2 &&
                   (!b.len || !memcmp(b.data, want + 1, b.len)); /* {}: nothing written */
        free(want);
        whosaid_buf_free(&b);
        if (!same) return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static whosaid_jsonload *fast;
    if (!fast && !(fast = whosaid_jsonload_new())) abort();
    json_error_t jerr;
    json_t *slow =
        json_loadb((const char *)data, size, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &jerr);
    json_t *got = whosaid_jsonload_object(fast, (const char *)data, size);
    if (got) {
        if (!slow || !json_is_object(slow)) {
            fprintf(stderr, "fast path took what jansson refuses: %s\n",
                    slow ? "not an object" : jerr.text);
            abort();
        }
        char *a = whosaid_json_dump(got), *b = whosaid_json_dump(slow);
        if (!a || !b || strcmp(a, b) || !json_equal(got, slow)) {
            fprintf(stderr, "fast path: %s\njansson:   %s\n", a ? a : "?", b ? b : "?");
            abort();
        }
        free(a);
        free(b);
    }
    static const whosaid_keep keep = {"spans", kept_read, KEPT_N};
    static whosaid_jsonload *kept;
    if (!kept && (!(kept = whosaid_jsonload_new()) || whosaid_jsonload_keep(kept, &keep))) abort();
    json_t *got_kept = whosaid_jsonload_object(kept, (const char *)data, size);
    if (got && !got_kept) {
        fprintf(stderr, "keeping \"spans\" declined what the plain fast path took\n");
        abort();
    }
    if (got_kept) {
        whosaid_jsonload_view *v = whosaid_jsonload_view_of(got_kept, "spans");
        if (v && (!items_same(v, json_object_get(slow, "spans")) ||
                  whosaid_jsonload_view_replace(got_kept, v, NULL))) {
            fprintf(stderr, "kept spans read or write differently\n");
            abort();
        }
        char *a = whosaid_json_dump(got_kept), *b = slow ? whosaid_json_dump(slow) : NULL;
        if (!a || !b || strcmp(a, b)) {
            fprintf(stderr, "kept:    %s\njansson: %s\n", a ? a : "?", b ? b : jerr.text);
            abort();
        }
        free(a);
        free(b);
    }
    json_decref(got_kept);
    json_decref(got);
    json_decref(slow);
    return 0;
}
