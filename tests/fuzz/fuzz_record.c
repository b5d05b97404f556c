/* libFuzzer target: the record reader and the record checks of the stage
 * loop (record.c, stage.c), on any bytes as a JSON Lines stream. Each
 * record read is checked, serialized again and freed, as a stage would. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "whosaid/out.h"
#include "whosaid/record.h"
#include "whosaid/stage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_and_dump(json_t *rec, void *ctx)
{
    (void)ctx;
    whosaid_error e;
    if (whosaid_stage_check(rec, &e)) whosaid_record_error(rec, "fuzz", e.msg);
    free(whosaid_json_dump(rec));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_each_record(data, size, WHOSAID_READ_ID, check_and_dump, NULL);
    return 0;
}
