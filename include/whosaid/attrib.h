/* Who said what: finds the claims of a document record (the output of
 * whosaid-resolve, or of whosaid-tag: without "entities", each span's own
 * canonical is used and a lone surname is matched to the one full name of
 * the document it ends or starts) and builds one claim object per claim
 * (the record format is in pipeline/README.md, how each field is decided in
 * README.md).
 *
 * Frames, for a cue verb outside quotation marks with a speaker beside it:
 * a quotation right after the verb ('X said: "..."'), a quotation right
 * before the speaker ('"...," X said', partial quotes included), a 'that'
 * clause after the verb, a clause before ', X said', a clause after the
 * verb; source frames ('according to X, ...', '..., according to X');
 * quotations that open a sentence right after a quoted claim continue it.
 *
 * The state keeps the document's tokens, quotations and span tables and is
 * reused from one document to the next, so memory is linear in the largest
 * document; the work is linear in the text (speaker phrases and pronoun
 * windows are bounded). */
#ifndef WHOSAID_ATTRIB_H
#define WHOSAID_ATTRIB_H

#include <jansson.h>

#include "whosaid/cues.h"
#include "whosaid/error.h"

typedef struct whosaid_attrib whosaid_attrib;

/* A finder using the lexicon cues (borrowed: it must outlive the finder).
 * NULL on ENOMEM. */
whosaid_attrib *whosaid_attrib_new(const whosaid_cues *cues);
void whosaid_attrib_free(whosaid_attrib *a);

/* Finds the claims of rec (borrowed). On success returns 0 and sets *claims
 * to a new JSON array (owned by the caller) of claim objects in document
 * order, numbered from 1. Returns WHOSAID_EINPUT (err says what) for a
 * record without a usable text, or WHOSAID_ENOMEM. */
int whosaid_attrib_run(whosaid_attrib *a, const json_t *rec, json_t **claims, whosaid_error *err);

/* The same claims written as lines: each claim object as whosaid_out_record
 * would write it (compact, keys in order, a newline after it), appended to
 * lines; *count is set to their number. whosaid-claims writes these and
 * never builds the objects. On an error lines is left as it was. */
struct whosaid_buf;
int whosaid_attrib_write(whosaid_attrib *a, const json_t *rec, struct whosaid_buf *lines,
                         size_t *count, whosaid_error *err);

/* The spans and the entities as a reader may keep them in the parse for
 * the two above (jsonload.h, whosaid_jsonload_keep; *n of them):
 * whosaid-claims asks its reader for them; records holding them built are
 * read the same. */
struct whosaid_keep;
const struct whosaid_keep *whosaid_attrib_kept(size_t *n);

#endif
