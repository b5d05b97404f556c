/* libFuzzer target: whosaid-tag's work on one record with the default
 * rules (gazetteers, regex rules, name heuristics, values). An input that
 * is a JSON object goes through the stage's record checks first, as in
 * the stage loop (so its own "sentences" and "spans" are exercised);
 * anything else is taken as the text of a record (repaired to UTF-8).
 * The record written must be JSON that jansson's parse writes back the
 * same (the spans are written as text, out.h's raw form). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "whosaid/buf.h"
#include "whosaid/out.h"
#include "whosaid/stage.h"
#include "whosaid/tagger.h"
#include "whosaid/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static whosaid_tagger *tagger;
static whosaid_buf text = WHOSAID_BUF_INIT;

static void done(void)
{
    whosaid_tagger_free(tagger);
    whosaid_buf_free(&text);
}

static void load(void)
{
    whosaid_error e;
    char dir[4096];
    tagger = whosaid_tagger_new(fuzz_rules_dir(), &e);
    if (!tagger) goto fail;
    snprintf(dir, sizeof dir, "%s/gazetteer", fuzz_rules_dir());
    if (whosaid_tagger_add(tagger, dir, 0, fuzz_rules_dir(), &e)) goto fail;
    snprintf(dir, sizeof dir, "%s/tag", fuzz_rules_dir());
    if (whosaid_tagger_add(tagger, dir, 0, fuzz_rules_dir(), &e)) goto fail;
    if (whosaid_tagger_set_anchor(tagger, "2020-02-29")) abort();
    atexit(done);
    return;
fail:
    fprintf(stderr, "fuzz_tagger: %s:%ld: %s\n", e.file, e.line, e.msg);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!tagger) load();
    whosaid_error e;
    json_t *rec = NULL;
    if (size > 0 && data[0] == '{') {
        whosaid_buf_clear(&text);
        if (whosaid_utf8_repair((const char *)data, size, &text, NULL, NULL)) return 0;
        rec = json_loadb(text.data, text.len, JSON_REJECT_DUPLICATES, NULL);
        if (!json_is_object(rec) || whosaid_stage_check(rec, &e)) {
            json_decref(rec);
            return 0;
        }
    } else {
        whosaid_buf_clear(&text);
        if (whosaid_utf8_repair((const char *)data, size, &text, NULL, NULL)) return 0;
        rec = json_pack("{s:s, s:s%}", "id", "fuzz", "text", text.data ? text.data : "", text.len);
        if (!rec) return 0;
    }
    whosaid_tagger_run(tagger, rec, &e);
    /* The spans are written as text (out.h's text form): it must be JSON
     * that writes back the same from jansson's parse of it. */
    char *line = whosaid_json_dump(rec);
    if (!line) abort();
    json_error_t jerr;
    json_t *back = json_loads(line, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
    char *again = back ? whosaid_json_dump(back) : NULL;
    if (!again || strcmp(again, line)) {
        fprintf(stderr, "written: %s\nagain:   %s\n%s\n", line, again ? again : "?", jerr.text);
        abort();
    }
    free(again);
    free(line);
    json_decref(back);
    json_decref(rec);
    return 0;
}
