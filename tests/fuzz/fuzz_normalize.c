/* libFuzzer target: the normalizer (normalizer.c and everything it calls:
 * UTF-8 repair, clean-up, lines, boilerplate and meta rules, sentences) on
 * raw article bytes, with the default rules, and the chunker that cuts an
 * oversized article into parts. The first byte chooses the flags (verbatim,
 * a later part) and the chunker's cap, so every path is explored. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "whosaid/chunker.h"
#include "whosaid/normalizer.h"
#include "whosaid/out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static whosaid_normalizer *norm;

static void done(void)
{
    whosaid_normalizer_free(norm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!norm) {
        whosaid_error e;
        norm = whosaid_normalizer_new(fuzz_rules_dir(), &e);
        if (!norm) {
            fprintf(stderr, "fuzz_normalize: %s:%ld: %s\n", e.file, e.line, e.msg);
            abort();
        }
        atexit(done);
    }
    if (size == 0) return 0;
    int flags = data[0] & (WHOSAID_NORMALIZE_VERBATIM | WHOSAID_NORMALIZE_CONTINUED);
    const char *raw = (const char *)data + 1;
    size_t len = size - 1;
    /* Every cut is within [cap/2, cap] and the parts cover the text. */
    size_t cap = 1 + (data[0] >> 2) * 8u, at = 0;
    while (at < len) {
        int kind;
        size_t c = whosaid_chunker_cut(raw + at, len - at, cap, &kind);
        if (c > cap && kind != WHOSAID_CUT_NONE) abort();
        if (kind == WHOSAID_CUT_NONE ? c != len - at : (c < cap / 2 || c == 0)) abort();
        at += c;
    }
    whosaid_error e;
    json_t *rec = whosaid_normalizer_run(norm, "fuzz", "-", NULL, raw, len, flags, &e);
    if (rec) free(whosaid_json_dump(rec));
    json_decref(rec);
    return 0;
}
