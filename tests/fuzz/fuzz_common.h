/* Shared by the libFuzzer targets (header-only so the fuzz_*.c glob never
 * sees it): where the default rules are, a scratch file for the loaders
 * that read from a path, and the record loop of the targets that take a
 * JSON Lines stream. */
#ifndef WHOSAID_FUZZ_COMMON_H
#define WHOSAID_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "whosaid/record.h"

#ifndef WHOSAID_FUZZ_RULES_DIR
#error "WHOSAID_FUZZ_RULES_DIR must name the source tree's rules/"
#endif

/* The rules directory: $WHOSAID_RULES_DIR, else the source tree's. */
static inline const char *fuzz_rules_dir(void)
{
    const char *env = getenv("WHOSAID_RULES_DIR");
    return env && *env ? env : WHOSAID_FUZZ_RULES_DIR;
}

static char fuzz_dir[64];
static char fuzz_path[128];

static inline void fuzz_scratch_remove(void)
{
    unlink(fuzz_path);
    rmdir(fuzz_dir);
}

/* A file named name in a private directory made once per process and
 * removed at exit (one name per process). Returns the path or aborts. */
static inline const char *fuzz_scratch(const char *name)
{
    if (!fuzz_dir[0]) {
        snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/whosaid-fuzz-XXXXXX");
        if (!mkdtemp(fuzz_dir)) abort();
        atexit(fuzz_scratch_remove);
    }
    snprintf(fuzz_path, sizeof fuzz_path, "%s/%s", fuzz_dir, name);
    return fuzz_path;
}

/* Writes data[0..size) to path (replacing it); aborts on failure. */
static inline void fuzz_write(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) abort();
}

/* Reads data[0..size) as JSON Lines through the stages' record reader,
 * keeping keep (may be NULL; whosaid_reader_keep) in the parse as a stage
 * that asks for it does, and hands each record (borrowed) to fn, as a
 * stage's loop would; lines the reader refuses are skipped, as a stage
 * skips them after its message. */
static inline void fuzz_each_kept_record(const uint8_t *data, size_t size, int require,
                                         const whosaid_keep *keep,
                                         void (*fn)(json_t *rec, void *ctx), void *ctx)
{
    if (size == 0) return;
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (!fp) return;
    whosaid_reader *rd = whosaid_reader_new(fp, "-", require);
    if (rd && keep && whosaid_reader_keep(rd, keep)) abort();
    for (; rd;) {
        json_t *rec = NULL;
        whosaid_error e;
        int rc = whosaid_reader_next(rd, &rec, &e);
        if (rc == 0 || rc == WHOSAID_EIO || rc == WHOSAID_ENOMEM) break;
        if (rc < 0) continue;
        fn(rec, ctx);
        json_decref(rec);
    }
    whosaid_reader_free(rd);
    fclose(fp);
}

/* fuzz_each_kept_record with nothing kept: every record built. */
static inline void fuzz_each_record(const uint8_t *data, size_t size, int require,
                                    void (*fn)(json_t *rec, void *ctx), void *ctx)
{
    fuzz_each_kept_record(data, size, require, NULL, fn, ctx);
}

#endif
