/* Fast loading of record lines: simdjson parses, jansson holds the value.
 *
 * Parsing each record with jansson's lexer was the largest single cost of
 * resolve and claims (about 50 MB/s of JSON, a byte at a time). simdjson
 * (Debian libsimdjson-dev) parses the line at about a GB/s and the value is
 * then built as the same jansson tree json_loadb would give, so every stage
 * keeps working on json_t. The fast path only takes what it can give
 * exactly as json_loadb(JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES) would: an
 * object, nothing wrong in it, integers that fit in 64 bits, no duplicate
 * keys, no NUL in a key, at most WHOSAID_JSONLOAD_MAX bytes. For anything
 * else it declines (returns NULL) and the caller parses with jansson, which
 * then makes the value or the error message; so messages stay jansson's.
 * A stage may ask for less than the whole tree: members it never reads
 * left out (whosaid_jsonload_skip), or a few arrays not built at all but
 * read in the parse (whosaid_jsonload_keep); lines the fast path declines
 * then come whole from jansson, so a stage must work on both.
 *
 * Memory: simdjson's buffers grow to the longest line taken (so at most
 * about 10 times WHOSAID_JSONLOAD_MAX) and are kept for the next line, as
 * are the kept arrays' (what is read of each item of the longest). */
#ifndef WHOSAID_JSONLOAD_H
#define WHOSAID_JSONLOAD_H
#include <jansson.h>
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif

/* Longer lines are left to jansson (they are rare: parts of split
 * documents), so that the fast path's buffers stay small. */
#define WHOSAID_JSONLOAD_MAX ((size_t)1 << 20)

typedef struct whosaid_jsonload whosaid_jsonload;

/* Most (field, member) pairs whosaid_jsonload_skip takes. */
#define WHOSAID_JSONLOAD_SKIP_MAX 8

/* NULL on ENOMEM. */
whosaid_jsonload *whosaid_jsonload_new(void);
/* Leaves member out of the objects in the record's top-level array field
 * (field and member are borrowed, not copied): for a caller that never
 * reads it (claims: a span's "rule"), as building values is most of the
 * cost of loading. A member "parent.child" is child of those objects'
 * object member parent (claims: an entity's "attrs.aliases"). Only members whose value is a string
 * or an array of strings are left out (anything else could make json_loadb fail, and the result
 * must stay what it would say); a record the fast path declines comes whole from jansson, so
 * readers must not rely on the member being absent. 0, or -1 when WHOSAID_JSONLOAD_SKIP_MAX pairs
 * are set already. */
int whosaid_jsonload_skip(whosaid_jsonload *l, const char *field, const char *member);

/* A member name with its length (names are compared by length first). */
typedef struct whosaid_field {
    const char *name;
    size_t len;
} whosaid_field;
#define WHOSAID_FIELD(lit)                                                                         \
    {                                                                                              \
        lit, sizeof lit - 1                                                                        \
    }

/* Kept arrays, for a stage that only reads a few members of the objects
 * of big arrays (claims: spans and entities; resolve: spans): the
 * record's top-level array member field is left in the parse instead of
 * built, and the members named in read[0..nread) (at most
 * WHOSAID_JSONLOAD_KEEP_READ) of its objects are read through a view,
 * valid until the loader parses another line or is freed (the record
 * must not be kept longer). A name
 * "parent.child" reads member child of the objects' object member parent
 * (claims: an entity's "attrs.role"; one level). The array is still checked
 * all the way down for what would make jansson fail (a NUL in a key, a
 * duplicate key, an integer past INT64_MAX, a real it refuses), in the
 * same walk that reads the members, and the line declined then, so errors
 * stay jansson's. A record from a declined line holds the array built, as
 * any other: a stage must read both (whosaid_jsonload_view_of tells them
 * apart). Everything is borrowed. */
typedef struct whosaid_keep {
    const char *field;
    const whosaid_field *read;
    size_t nread;
} whosaid_keep;
/* Most fields kept, the longest name of one, and most names in its read
 * list. */
#define WHOSAID_JSONLOAD_KEEP_MAX 4
#define WHOSAID_JSONLOAD_KEEP_NAME 63
#define WHOSAID_JSONLOAD_KEEP_READ 16
/* Keeps keep->field of l's records (keep is copied, the names it points to
 * borrowed); once per field. 0, or -1 when that field is kept already,
 * past the limits (a name read twice, nested deeper than one level) or on
 * ENOMEM. */
int whosaid_jsonload_keep(whosaid_jsonload *l, const whosaid_keep *keep);
typedef struct whosaid_jsonload_view whosaid_jsonload_view;
/* rec's kept array field, or NULL when rec holds none (it then holds the
 * array as a jansson value, if at all). */
whosaid_jsonload_view *whosaid_jsonload_view_of(const json_t *rec, const char *field);
/* How many items the array holds. */
size_t whosaid_jsonload_view_size(const whosaid_jsonload_view *v);
/* A member of an item as the view reads it: type is the json_type the
 * built value would have (JSON_TRUE, JSON_FALSE for a boolean), or -1 when
 * the object lacks the member; str[0..len) the string's bytes,
 * NUL-terminated, in the parser's buffer (valid as the view), for
 * JSON_STRING; num the integer for JSON_INTEGER. */
typedef struct whosaid_jsonload_value {
    int type;
    const char *str;
    size_t len;
    json_int_t num;
} whosaid_jsonload_value;
/* Steps to the array's next item: -1 past the last one; 0 when it is not
 * an object; else 1, with *values pointing at its members named in the
 * read list, in that order (only type is set for a member it lacks or of
 * another type; valid as the view). */
int whosaid_jsonload_view_next(whosaid_jsonload_view *v, const whosaid_jsonload_value **values);
/* whosaid_jsonload_view_next for item item (0-based), without stepping:
 * for a reader that walks the array twice (the stage loop's offset check,
 * then resolve). */
int whosaid_jsonload_view_get(const whosaid_jsonload_view *v, size_t item,
                              const whosaid_jsonload_value **values);
/* Puts value (taken, even on failure) in rec's place of the kept array v,
 * under its field's name, the record's other members kept in their order;
 * value NULL: the array as it came, built (for a record written without
 * the stage's change, as on an error). For a stage that writes its record
 * (resolve: its new "spans" as text, whosaid_out_text_new in out.h): a
 * record holding a kept array cannot be written. The view ends (view_of
 * gives NULL, view_write fails; values read stay valid). 0, or -1 on
 * ENOMEM (rec then lacks the array, and may have lost other members) or
 * when rec holds no v. */
int whosaid_jsonload_view_replace(json_t *rec, whosaid_jsonload_view *v, json_t *value);
/* Appends to b the members of item item (0-based, in any order, stepped
 * to or not; an object) that the object whosaid_jsonload_object would have
 * built holds (what whosaid_jsonload_skip leaves out left out), as
 * "key":value pairs joined by commas, in its order and in the bytes
 * whosaid_out_value (out.h) would write them: of those, with
 * WHOSAID_JSONLOAD_ONLY in how, only the ones named in names[0..n), else
 * all but those; with WHOSAID_JSONLOAD_COMMA, a comma before the first
 * pair too. For a reader that writes a few items out as they are
 * (claims: the statistics it cites): building each as a jansson object to
 * write it cost more than writing it. How many pairs it wrote; -1 on
 * ENOMEM (b then holds part of them) or when the item is not an object or
 * past the last. */
enum { WHOSAID_JSONLOAD_ONLY = 1, WHOSAID_JSONLOAD_COMMA = 2 };
struct whosaid_buf;
long whosaid_jsonload_view_write(whosaid_jsonload_view *v, size_t item, const whosaid_field *names,
                                 size_t n, unsigned how, struct whosaid_buf *b);

void whosaid_jsonload_free(whosaid_jsonload *l);
/* The JSON object in buf[0..len) as a new jansson value the caller owns,
 * equal to what json_loadb with the flags above gives; or NULL when the
 * fast path declines (anything it cannot give exactly, an error, ENOMEM):
 * then parse with jansson. l may be NULL (always declines). */
json_t *whosaid_jsonload_object(whosaid_jsonload *l, const char *buf, size_t len);

/* Bytes after a line that whosaid_jsonload_object_padded may write. */
#define WHOSAID_JSONLOAD_PADDING 64
/* whosaid_jsonload_object for a caller whose buffer has room after the
 * line: buf[len..len + WHOSAID_JSONLOAD_PADDING) is the caller's memory,
 * overwritten here (the parser reads past the end of its input), and the
 * line is parsed where it is instead of copied first (the record reader:
 * a copy of every line showed in profiles). */
json_t *whosaid_jsonload_object_padded(whosaid_jsonload *l, char *buf, size_t len);

#ifdef __cplusplus
}
#endif
#endif
