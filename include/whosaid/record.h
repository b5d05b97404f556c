/* Document records: JSON Lines in, JSON Lines out (see pipeline/README.md).
 *
 * A record is a jansson object. Stages change the fields they own and keep
 * every other field as it came, in its order, so users can put their own
 * steps and fields between stages. The reader holds one line at a time, and
 * never more than its cap (64 MiB, or $WHOSAID_MAX_RECORD) of it. */
#ifndef WHOSAID_RECORD_H
#define WHOSAID_RECORD_H

#include <jansson.h>
#include <stdio.h>

#include "whosaid/error.h"
#include "whosaid/jsonload.h" /* whosaid_field, whosaid_keep */

typedef struct whosaid_reader whosaid_reader;

/* What the reader requires of each record beyond being a JSON object. */
enum {
    WHOSAID_READ_ANY = 0,
    WHOSAID_READ_ID = 1,  /* a non-empty string "id" */
    WHOSAID_READ_TEXT = 2 /* a string "text" */
};

/* The longest line a reader takes into memory unless told otherwise. */
#define WHOSAID_MAX_RECORD_DEFAULT ((size_t)64 << 20)

/* Reads records from fp (borrowed, not closed), called name ("-" for stdin)
 * in messages. Its cap is $WHOSAID_MAX_RECORD (bytes; K, M, G suffixes)
 * when that is a valid size, else WHOSAID_MAX_RECORD_DEFAULT. NULL on
 * ENOMEM. */
whosaid_reader *whosaid_reader_new(FILE *fp, const char *name, int require);
void whosaid_reader_free(whosaid_reader *r);

/* The cap from $WHOSAID_MAX_RECORD: 0 with *max set (the default when the
 * variable is unset), or WHOSAID_EINPUT when it is set but not a size
 * (*max is then the default) - for main() to warn about. */
int whosaid_reader_max_from_env(size_t *max);
/* Sets the longest line r reads into memory (bytes, without its '\n'). */
void whosaid_reader_set_max(whosaid_reader *r, size_t max);

/* A member of the objects in a record's top-level array that the stage
 * never reads (whosaid_jsonload_skip; "parent.child" for a member of
 * their object member parent): the reader may leave it out. */
typedef struct whosaid_skip {
    const char *field, *member;
} whosaid_skip;
/* Lets r leave out skip[0..n) (borrowed: they must outlive r). The records
 * are otherwise the same; a reader must not rely on the members being
 * absent (lines the fast path declines keep them). 0, or WHOSAID_ELIMIT
 * past WHOSAID_JSONLOAD_SKIP_MAX pairs. */
int whosaid_reader_skip(whosaid_reader *r, const whosaid_skip *skip, size_t n);
/* Lets r leave the record's top-level array keep->field in the parse,
 * read through whosaid_jsonload_view_of(rec, keep->field) until the next
 * record is read (whosaid_jsonload_keep, once per field; keep is copied,
 * its names borrowed); records from lines the fast path declines hold it
 * built. 0, or WHOSAID_ELIMIT when that field is kept already, past the
 * limits or on ENOMEM. */
int whosaid_reader_keep(whosaid_reader *r, const whosaid_keep *keep);

/* Reads the next non-blank line. Returns 1 with *rec set (a new reference
 * the caller owns), 0 at the end of input, WHOSAID_ESYNTAX or
 * WHOSAID_EINPUT with err naming file and line for a line that is not a
 * usable record (the reader stays usable: call again for the next line), or
 * WHOSAID_EIO when reading fails. A line longer than the cap is read
 * through without being kept and gives WHOSAID_ELIMIT ("record is longer
 * than 64 MiB (id \"X\")", the id when its first bytes hold one; the reader
 * stays usable). Invalid UTF-8 in a line is replaced by U+FFFD before
 * parsing; whosaid_reader_repaired() tells how many. */
int whosaid_reader_next(whosaid_reader *r, json_t **rec, whosaid_error *err);

/* Line number of the last line read (1-based). */
long whosaid_reader_line(const whosaid_reader *r);
/* Ill-formed UTF-8 sequences replaced in the last line read. */
size_t whosaid_reader_repaired(const whosaid_reader *r);

/* Field accessors; they return NULL (and *len 0) when absent or not a string. */
const char *whosaid_record_id(const json_t *rec);
const char *whosaid_record_text(const json_t *rec, size_t *len);

/* whosaid_field (a member name with its length, WHOSAID_FIELD("lit")) is
 * defined in jsonload.h, for the kept arrays' read lists too. */
/* The members of object o named by fields[0..n), found in one pass over o
 * (a json_object_get per member costs a hash; spans are read by the
 * thousand): values[i] is o's member fields[i].name, or NULL. Names are
 * compared by length first. o not an object: all NULL. */
void whosaid_record_fields(const json_t *o, const whosaid_field *fields, size_t n, json_t **values);

/* Appends {"code": code, "message": ...} to rec's "warnings" array, creating
 * it if needed. Returns 0 or WHOSAID_ENOMEM. */
int whosaid_record_warn(json_t *rec, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
