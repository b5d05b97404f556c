/* Writes whole records, one JSON object per line.
 *
 * Records are serialized into a buffer and written with write(2) only at
 * record boundaries, so an interrupted stage never leaves half a record on
 * its output; the buffer is flushed past 64 KiB, or after every record when
 * asked (for interactive use). The serializer writes exactly what jansson's
 * json_dumpb(JSON_COMPACT | JSON_PRESERVE_ORDER) would, in one pass into the
 * reused buffer (strings by plain runs found 16 bytes at a time, short ones
 * by two overlapping word loads, object keys by their stored length,
 * integers without printf): output is on the hot path of every stage.
 * An object in the reader's raw form (whosaid/jsonload.h) is written as its
 * kept text plus the members added to it since. */
#ifndef WHOSAID_OUT_H
#define WHOSAID_OUT_H

#include <jansson.h>

typedef struct whosaid_out whosaid_out;

/* Writes to fd (not closed by whosaid_out_free). NULL on ENOMEM. */
whosaid_out *whosaid_out_new(int fd);
void whosaid_out_free(whosaid_out *o);
void whosaid_out_set_flush_each(whosaid_out *o, int on);

/* Queues rec as one compact line. 0, WHOSAID_ENOMEM, or WHOSAID_EIO with
 * errno set (EPIPE when the reader has gone away). */
int whosaid_out_record(whosaid_out *o, const json_t *rec);
/* Queues raw bytes that already form whole lines. */
int whosaid_out_raw(whosaid_out *o, const char *data, size_t len);
/* Writes what is queued. 0 or WHOSAID_EIO with errno set. */
int whosaid_out_flush(whosaid_out *o);

/* Serializes rec compactly (key order kept, non-ASCII as UTF-8), as
 * whosaid_out_record does, into a new NUL-terminated string the caller
 * frees; NULL on failure. */
char *whosaid_json_dump(const json_t *rec);

/* The serializer's pieces, for a stage that writes its records straight
 * into a buffer instead of building jansson objects first (claims: a claim
 * object cost more to build than to write). Each appends to b what
 * whosaid_out_record writes for the value, without a NUL (the caller ends
 * the text; whosaid_out_raw takes a length); 0 or WHOSAID_ENOMEM. */
struct whosaid_buf;
/* s[0..len), valid UTF-8, as a JSON string. */
int whosaid_out_string(struct whosaid_buf *b, const char *s, size_t len);
int whosaid_out_int(struct whosaid_buf *b, json_int_t v);
/* Any value, compactly, keys in order. */
int whosaid_out_value(struct whosaid_buf *b, const json_t *v);

#endif
