/* libFuzzer target: whosaid-claims' work with the default rules, on any
 * bytes as a JSON Lines stream read as the stage reads it (any JSON
 * object: the claims stage does not run the middle stages' record checks,
 * so "text", "spans", "entities" and "sentences" of any shape reach the
 * claim finder). Each claim array made is serialized. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "whosaid/attrib.h"
#include "whosaid/cues.h"
#include "whosaid/out.h"
#include "whosaid/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static whosaid_cues *cues;
static whosaid_attrib *attrib;

static void done(void)
{
    whosaid_attrib_free(attrib);
    whosaid_cues_free(cues);
}

static void load(void)
{
    whosaid_error e;
    char path[4096];
    cues = whosaid_cues_new();
    if (!cues) abort();
    snprintf(path, sizeof path, "%s/claims", fuzz_rules_dir());
    if (whosaid_cues_load(cues, path, &e)) goto fail;
    snprintf(path, sizeof path, "%s/names/first-names.txt", fuzz_rules_dir());
    if (whosaid_cues_load(cues, path, &e)) goto fail;
    if (!(attrib = whosaid_attrib_new(cues))) abort();
    atexit(done);
    return;
fail:
    fprintf(stderr, "fuzz_claims: %s:%ld: %s\n", e.file, e.line, e.msg);
    abort();
}

static void claims_of(json_t *rec, void *ctx)
{
    (void)ctx;
    json_t *claims = NULL;
    whosaid_error e;
    if (whosaid_record_id(rec) && whosaid_attrib_run(attrib, rec, &claims, &e) == 0) {
        for (size_t i = 0; i < json_array_size(claims); i++)
            free(whosaid_json_dump(json_array_get(claims, i)));
    }
    json_decref(claims);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!attrib) load();
    fuzz_each_record(data, size, WHOSAID_READ_ANY, claims_of, NULL);
    return 0;
}
