/* libFuzzer target: the fast record parser (jsonload.cc) against jansson's
 * own, on any bytes as one line. Whatever the fast path gives must be
 * exactly what json_loadb gives with the reader's flags - the same
 * serialization, key order included - and where jansson fails the fast
 * path must decline. The same for the raw form of "spans"
 * (whosaid_jsonload_raw), which must write the same and take whatever the
 * plain fast path takes, and whose spans must read (whosaid_record_raw_fields)
 * as jansson's do. Aborts on any difference. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/jsonload.h"
#include "whosaid/out.h"
#include "whosaid/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether every span of raw (loaded with spec) reads as that of slow. */
static int spans_read_same(const json_t *raw, const json_t *slow, const whosaid_raw *spec)
{
    const json_t *a = json_object_get(raw, "spans"), *b = json_object_get(slow, "spans");
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *va[8], *vb[8];
        whosaid_record_raw_fields(json_array_get(a, i), spec, va);
        whosaid_record_raw_fields(json_array_get(b, i), spec, vb);
        for (size_t k = 0; k < spec->nread + spec->nwhole; k++)
            if (!va[k] != !vb[k] || (va[k] && !json_equal(va[k], vb[k]))) return 0;
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
    static const whosaid_field read[] = {WHOSAID_FIELD("id"), WHOSAID_FIELD("start"),
                                         WHOSAID_FIELD("end"), WHOSAID_FIELD("type")};
    static const whosaid_field whole[] = {WHOSAID_FIELD("entity"), WHOSAID_FIELD("ambiguous")};
    static const whosaid_raw spec = {"spans", read, 4, whole, 2};
    static whosaid_jsonload *raw;
    if (!raw && (!(raw = whosaid_jsonload_new()) || whosaid_jsonload_raw(raw, &spec))) abort();
    json_t *got_raw = whosaid_jsonload_object(raw, (const char *)data, size);
    if (got && !got_raw) {
        fprintf(stderr, "the raw form declined what the plain fast path took\n");
        abort();
    }
    if (got_raw) {
        char *a = whosaid_json_dump(got_raw), *b = slow ? whosaid_json_dump(slow) : NULL;
        if (!a || !b || strcmp(a, b)) {
            fprintf(stderr, "raw form: %s\njansson:  %s\n", a ? a : "?", b ? b : jerr.text);
            abort();
        }
        if (!spans_read_same(got_raw, slow, &spec)) {
            fprintf(stderr, "raw form's spans read differently: %s\n", b);
            abort();
        }
        free(a);
        free(b);
    }
    json_decref(got_raw);
    json_decref(got);
    json_decref(slow);
    return 0;
}
