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
 * An object in the raw form (below) is written as its kept text plus the
 * members added to it since, a value in the text form as its text. */
#ifndef WHOSAID_OUT_H
#define WHOSAID_OUT_H

#include <jansson.h>

typedef struct whosaid_out whosaid_out;

/* Writes to fd (not closed by whosaid_out_free), widened when it is a
 * pipe (whosaid_pipe_widen). NULL on ENOMEM. */
whosaid_out *whosaid_out_new(int fd);

/* Asks the kernel for a pipe buffer of WHOSAID_PIPE_BYTES when fd is a pipe
 * that holds less (Linux's F_SETPIPE_SZ; elsewhere, or where refused, the
 * pipe stays as it is). With the default 64 KiB, the stages of a chain
 * block and wake each other every 64 KiB, and those switches cost about a
 * tenth of the chain's CPU. The stages widen their output and their
 * standard input, so a pipe from or to a program that is not ours is
 * widened too. 1 MiB is Linux's default most (/proc/sys/fs/pipe-max-size). */
#define WHOSAID_PIPE_BYTES (1 << 20)
void whosaid_pipe_widen(int fd);
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

/* The raw form: the one way to put JSON text into an object of a record,
 * for objects a stage makes but does not read member by member after (the
 * spans whosaid-tag adds; the entities whosaid-resolve makes). Such an
 * object is
 *     {KEY: "<the object as the writer writes it, without its closing
 *            brace>",
 *      then any members the stage adds}
 * where KEY is WHOSAID_OUT_RAW_KEY. No record read from a line can hold
 * that key (jansson and the reader refuse a NUL in a key), so the writer
 * knows it: it writes the text, writes the added members after it and
 * closes the brace. A stage may only add members whose names are not in
 * the text. The text holds one member at least. In memory such an
 * object is not the object it writes: json_object_get finds only the
 * added members, json_equal and jansson's own dumper see the keys.
 *
 * Made in two steps: whosaid_out_raw_begin at b->len = mark, then the
 * members appended with the pieces above ("key":value, comma-separated,
 * the closing brace left out), then whosaid_out_raw_new. */
#define WHOSAID_OUT_RAW_KEY "\0r"
#define WHOSAID_OUT_RAW_KEY_LEN 2
/* Appends the kept text's first byte, '{'. */
int whosaid_out_raw_begin(struct whosaid_buf *b);
/* A new object in the raw form whose text is b->data[mark..b->len) (begun
 * by whosaid_out_raw_begin at mark). NULL on ENOMEM or when the text past
 * mark is empty. */
json_t *whosaid_out_raw_new(struct whosaid_buf *b, size_t mark);
/* The text form: a whole value the stage wrote as JSON text itself, with
 * the pieces above and whosaid_jsonload_view_write (resolve: its spans,
 * the members of each written from the parse, whosaid/jsonload.h), for a
 * value no one reads after. Such a value is {KEY: "<the text>"}, where KEY
 * is WHOSAID_OUT_TEXT_KEY (no record read from a line can hold it), and
 * the writer writes the text as it is. As with the raw form, json_equal
 * and jansson's own dumper see the key. */
#define WHOSAID_OUT_TEXT_KEY "\0t"
#define WHOSAID_OUT_TEXT_KEY_LEN 2
/* A value in the text form for s[0..len) (copied; one JSON value, as the
 * serializer writes it: it is not checked). NULL on ENOMEM. */
json_t *whosaid_out_text_new(const char *s, size_t len);

/* Whether v is an object in the raw form. */
int whosaid_out_is_raw(const json_t *v);

#endif
