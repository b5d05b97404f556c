/* libFuzzer target: whosaid-resolve's work with the default rules, on any
 * bytes as a JSON Lines stream read as the stage reads it: each record
 * that passes the stage's checks (so its own "spans", "entities" and
 * "sentences", of any shape, reach the resolver) is resolved, resolved a
 * second time (a rerun must replace its own output) and serialized; then
 * read again with its spans kept in the parse (whosaid_resolver_kept, as
 * the stage reads them), checked, resolved and serialized as the stage's
 * loop does. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "whosaid/out.h"
#include "whosaid/record.h"
#include "whosaid/resolve.h"
#include "whosaid/stage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static whosaid_resolver *resolver;

static void done(void)
{
    whosaid_resolver_free(resolver);
}

static void load(void)
{
    whosaid_error e;
    char dir[4096], first[4096], family[4096];
    resolver = whosaid_resolver_new();
    if (!resolver) abort();
    snprintf(dir, sizeof dir, "%s/resolve", fuzz_rules_dir());
    snprintf(first, sizeof first, "%s/names/first-names.txt", fuzz_rules_dir());
    snprintf(family, sizeof family, "%s/names/surnames.txt", fuzz_rules_dir());
    if (whosaid_resolver_add(resolver, dir, fuzz_rules_dir(), &e) ||
        whosaid_resolver_add_names(resolver, first, family, &e)) {
        fprintf(stderr, "fuzz_resolve: %s:%ld: %s\n", e.file, e.line, e.msg);
        abort();
    }
    atexit(done);
}

static void resolve_twice(json_t *rec, void *ctx)
{
    (void)ctx;
    whosaid_error e;
    if (whosaid_stage_check(rec, &e) == 0 && whosaid_resolver_run(resolver, rec, &e) == 0)
        whosaid_resolver_run(resolver, rec, &e);
    free(whosaid_json_dump(rec));
}

/* As whosaid_stage_run_kept does with a record: spans the resolver left
 * kept (it or the check failed) are put back built before writing. */
static void resolve_kept(json_t *rec, void *ctx)
{
    (void)ctx;
    whosaid_error e;
    if (whosaid_stage_check_kept(rec, whosaid_resolver_kept(), &e) == 0)
        whosaid_resolver_run(resolver, rec, &e);
    whosaid_jsonload_view *v = whosaid_jsonload_view_of(rec, "spans");
    if (v) whosaid_jsonload_view_replace(rec, v, NULL);
    free(whosaid_json_dump(rec));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!resolver) load();
    fuzz_each_record(data, size, WHOSAID_READ_ID, resolve_twice, NULL);
    fuzz_each_kept_record(data, size, WHOSAID_READ_ID, whosaid_resolver_kept(), resolve_kept, NULL);
    return 0;
}
