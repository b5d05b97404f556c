/* libFuzzer target: the normalizer (normalizer.c and everything it calls:
 * UTF-8 repair, clean-up, lines, boilerplate and meta rules, sentences) on
 * raw article bytes, with the default rules. The first byte chooses
 * --verbatim, so both paths are explored. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_common.h"
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
    int verbatim = data[0] & 1;
    whosaid_error e;
    json_t *rec = whosaid_normalizer_run(norm, "fuzz", "-", NULL, (const char *)data + 1, size - 1,
                                         verbatim, &e);
    if (rec) free(whosaid_json_dump(rec));
    json_decref(rec);
    return 0;
}
