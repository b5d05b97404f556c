/* From raw article text to the fields of a document record: the work of
 * whosaid-normalize, apart from finding and reading its inputs.
 *
 * Steps: UTF-8 repair -> character clean-up and NFC (clean.h) -> lines
 * (lines.h) -> boilerplate rules -> metadata -> boilerplate heuristics ->
 * body text -> sentences. With verbatim set, only the UTF-8 repair touches
 * the text, so offsets stay those of the caller. Holds the loaded rule
 * files; per document it keeps a few copies of that document only. */
#ifndef WHOSAID_NORMALIZER_H
#define WHOSAID_NORMALIZER_H

#include <jansson.h>
#include <stddef.h>

#include "whosaid/error.h"

typedef struct whosaid_normalizer whosaid_normalizer;

/* Loads boilerplate.rules, meta.rules, calendar.rules and
 * abbreviations.rules from rules_dir. NULL with err on failure. */
whosaid_normalizer *whosaid_normalizer_new(const char *rules_dir, whosaid_error *err);
void whosaid_normalizer_free(whosaid_normalizer *n);

/* Flags of whosaid_normalizer_run, or-ed. */
enum {
    /* Only the UTF-8 repair touches the text (offsets stay the caller's). */
    WHOSAID_NORMALIZE_VERBATIM = 1,
    /* raw is a later part of a document split by size (normalize's
     * --max-doc): it has no page header, so no metadata is looked for and
     * no line is taken for a title; given_meta (part 1's) is the meta. */
    WHOSAID_NORMALIZE_CONTINUED = 2
};

/* Builds the record for one article: id and source are copied; given_meta
 * (borrowed, may be NULL) supplies fields extraction must not overwrite;
 * raw[0..len) is the article as read (any bytes). Returns a new record
 * {"id","source","meta","text","sentences","spans","warnings"} or NULL with
 * err (ENOMEM). A boilerplate or meta rule that hits PCRE2's match limit
 * does not match the lines it hit; the record gets one "match_limit"
 * warning per such rule ("FILE:LINE: match limit hit; the rule was skipped
 * for a line of N bytes", N of the first line it hit). */
json_t *whosaid_normalizer_run(whosaid_normalizer *n, const char *id, const char *source,
                               const json_t *given_meta, const char *raw, size_t len, int flags,
                               whosaid_error *err);

#endif
