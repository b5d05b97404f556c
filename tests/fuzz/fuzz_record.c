/* libFuzzer target: the record reader and the record checks of the stage
 * loop (record.c, stage.c), on any bytes as a JSON Lines stream. Each
 * record read is checked, serialized again and freed, as a stage would. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "whosaid/out.h"
#include "whosaid/record.h"
#include "whosaid/stage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (!fp) return 0;
    whosaid_reader *rd = whosaid_reader_new(fp, "-", WHOSAID_READ_ID);
    if (rd) {
        for (;;) {
            json_t *rec = NULL;
            whosaid_error e;
            int rc = whosaid_reader_next(rd, &rec, &e);
            if (rc == 0 || rc == WHOSAID_EIO || rc == WHOSAID_ENOMEM) break;
            if (rc < 0) continue;
            if (whosaid_stage_check(rec, &e)) whosaid_record_error(rec, "fuzz", e.msg);
            free(whosaid_json_dump(rec));
            json_decref(rec);
        }
    }
    whosaid_reader_free(rd);
    fclose(fp);
    return 0;
}
