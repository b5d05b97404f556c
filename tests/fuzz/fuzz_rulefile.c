/* libFuzzer target: every rule-file parser on untrusted bytes. The first
 * byte picks the parser (rulefile line reader, regex rules, gazetteer,
 * boilerplate, meta, calendar, numbers, abbreviations), the rest is the
 * file, written to a scratch file because the loaders read paths. A load
 * that succeeds is freed at once; one that fails must say where. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "whosaid/boilerplate.h"
#include "whosaid/calendar.h"
#include "whosaid/gazetteer.h"
#include "whosaid/meta.h"
#include "whosaid/number.h"
#include "whosaid/rulefile.h"
#include "whosaid/ruleset.h"
#include "whosaid/sentences.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static whosaid_calendar *calendar; /* meta rules need month names */

static void done(void)
{
    whosaid_calendar_free(calendar);
}

static void read_all(const char *path)
{
    whosaid_error e;
    whosaid_rulefile *rf = whosaid_rulefile_open(path, &e);
    if (!rf) return;
    while (whosaid_rulefile_next(rf, &e) == 1)
        for (size_t i = 0; i < whosaid_rulefile_nfields(rf); i++)
            if (!whosaid_rulefile_field(rf, i)) abort();
    whosaid_rulefile_close(rf);
}

/* A failed load must name the file: the message is what the user sees. */
static void check_error(const whosaid_error *e)
{
    if (e->code != WHOSAID_ENOMEM && !e->file[0] && !e->msg[0]) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    whosaid_error e;
    if (!calendar) {
        char path[4096];
        snprintf(path, sizeof path, "%s/calendar.rules", fuzz_rules_dir());
        calendar = whosaid_calendar_load(path, &e);
        if (!calendar) abort();
        atexit(done);
    }
    if (size == 0) return 0;
    const char *path = fuzz_scratch("fuzz.rules");
    fuzz_write(path, data + 1, size - 1);
    memset(&e, 0, sizeof e);
    switch (data[0] % 8) {
    case 0: read_all(path); return 0;
    case 1: {
        whosaid_ruleset *rs = whosaid_ruleset_new();
        if (rs && whosaid_ruleset_load(rs, path, 1, &e)) check_error(&e);
        whosaid_ruleset_free(rs);
        return 0;
    }
    case 2: {
        whosaid_gazetteer *g = whosaid_gazetteer_new();
        if (g && whosaid_gazetteer_load(g, path, 1, &e)) check_error(&e);
        whosaid_gazetteer_free(g);
        return 0;
    }
    case 3: {
        whosaid_boiler *b = whosaid_boiler_load(path, &e);
        if (!b) check_error(&e);
        whosaid_boiler_free(b);
        return 0;
    }
    case 4: {
        whosaid_meta_rules *m = whosaid_meta_load(path, calendar, &e);
        if (!m) check_error(&e);
        whosaid_meta_free(m);
        return 0;
    }
    case 5: {
        whosaid_calendar *c = whosaid_calendar_load(path, &e);
        if (!c) check_error(&e);
        whosaid_calendar_free(c);
        return 0;
    }
    case 6: {
        whosaid_number_lexicon *n = whosaid_number_load(path, &e);
        if (!n) check_error(&e);
        whosaid_number_free(n);
        return 0;
    }
    default: {
        whosaid_splitter *s = whosaid_splitter_load(path, &e);
        if (!s) check_error(&e);
        whosaid_splitter_free(s);
        return 0;
    }
    }
}
