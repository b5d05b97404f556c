#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "whosaid/out.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "whosaid/buf.h"
#include "whosaid/error.h"
#include "whosaid/jsonesc.h"

#define OUT_FLUSH_AT (64 * 1024)
#define DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER)

struct whosaid_out {
    int fd;
    int flush_each;
    whosaid_buf buf;
};

whosaid_out *whosaid_out_new(int fd)
{
    whosaid_out *o = calloc(1, sizeof *o);
    if (o) o->fd = fd;
    whosaid_pipe_widen(fd);
    return o;
}

void whosaid_pipe_widen(int fd)
{
#ifdef F_SETPIPE_SZ
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) && fcntl(fd, F_GETPIPE_SZ) < WHOSAID_PIPE_BYTES)
        (void)fcntl(fd, F_SETPIPE_SZ, WHOSAID_PIPE_BYTES);
#else
    (void)fd;
#endif
}

void whosaid_out_free(whosaid_out *o)
{
    if (!o) return;
    whosaid_buf_free(&o->buf);
    free(o);
}

void whosaid_out_set_flush_each(whosaid_out *o, int on)
{
    o->flush_each = on;
}

int whosaid_out_flush(whosaid_out *o)
{
    size_t done = 0;
    while (done < o->buf.len) {
        ssize_t n = write(o->fd, o->buf.data + done, o->buf.len - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            int saved = errno;
            /* Drop what could not be written so a later flush does not retry it. */
            whosaid_buf_clear(&o->buf);
            errno = saved;
            return WHOSAID_EIO;
        }
        done += (size_t)n;
    }
    whosaid_buf_clear(&o->buf);
    return 0;
}

static int maybe_flush(whosaid_out *o)
{
    if (o->flush_each || o->buf.len >= OUT_FLUSH_AT) return whosaid_out_flush(o);
    return 0;
}

/* Appends v compactly with jansson, straight into the buffer's free tail. */
static int dump_value(whosaid_buf *b, const json_t *v)
{
    size_t room = b->cap > b->len ? b->cap - b->len - 1 : 0;
    size_t n = json_dumpb(v, room ? b->data + b->len : NULL, room, DUMP_FLAGS | JSON_ENCODE_ANY);
    if (n == 0) return WHOSAID_ENOMEM;
    if (n > room) {
        /* Too big for the free space: grow and dump again (rare once warm). */
        if (whosaid_buf_reserve(b, n + OUT_FLUSH_AT) ||
            json_dumpb(v, b->data + b->len, n, DUMP_FLAGS | JSON_ENCODE_ANY) != n)
            return WHOSAID_ENOMEM;
    }
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

/* Bytes a JSON string may hold as they are: not '"', '\\' or a control. */
static const unsigned char PLAIN[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
    R16(0), R16(0), 1,      1,      0,      1,      1,      1,      1,      1,     1,
    1,      1,      1,      1,      1,      1,      1, /* 0x20-0x2F: '"' */
    R16(1), R16(1), 1,      1,      1,      1,      1,      1,      1,      1,     1,
    1,      1,      1,      0,      1,      1,      1, /* 0x50-0x5F: '\\' */
    R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1)
#undef R16
};

/* Room for n more bytes and the final NUL; the inline check keeps the
 * common case (the buffer is warm) free of calls. The serializer below
 * writes without NUL-terminating as it goes: its callers end the text. */
static inline int make_room(whosaid_buf *b, size_t n)
{
    return b->cap - b->len > n ? 0 : whosaid_buf_reserve(b, n);
}

static inline int put(whosaid_buf *b, const char *s, size_t n)
{
    if (make_room(b, n)) return WHOSAID_ENOMEM;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}

static inline int put_char(whosaid_buf *b, char c)
{
    if (make_room(b, 1)) return WHOSAID_ENOMEM;
    b->data[b->len++] = c;
    return 0;
}

static int escape8(const char *s)
{
    uint64_t x;
    memcpy(&x, s, sizeof x);
    return whosaid_json_escape8(x);
}

/* Index of the first byte of s[i..len) that needs an escape ('"', '\\' or
 * a control), or len. Texts are long runs of plain bytes: 16 are tested at
 * once with SSE2 (8 without), the tail and a block with a hit byte by byte. */
static size_t plain_end(const char *s, size_t len, size_t i)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    const __m128i ctl = _mm_set1_epi8(0x1F);
    while (len - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* v <= 0x1F unsigned iff v saturating-minus 0x1F is 0 */
        __m128i hit =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
                         _mm_cmpeq_epi8(_mm_subs_epu8(v, ctl), _mm_setzero_si128()));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        if (m) return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
    /* The last 8 to 15 bytes: two overlapping 8-byte tests, both clean
     * (keys and short values are the most common strings). */
    if (len - i >= 8 && !escape8(s + i) && !escape8(s + len - 8)) return len;
#else
    while (len - i >= 8) {
        if (escape8(s + i)) break;
        i += 8;
    }
#endif
    while (i < len && PLAIN[(unsigned char)s[i]])
        i++;
    return i;
}

/* Appends s[0..len) (valid UTF-8) as a JSON string, escaped byte for byte
 * as jansson's dumper does with our flags: \" \\ \b \f \n \r \t, other
 * controls as \u00XX, everything else (UTF-8 included) as is. Large texts
 * are the bulk of every record, and this copies plain runs with memcpy
 * where jansson decodes each code point; test_record checks the two agree.
 * Room for the plain bytes is made once; an escape makes room for its
 * extra bytes. */
static int append_string(whosaid_buf *b, const char *s, size_t len)
{
    /* At most 6 output bytes per input byte, plus the quotes. */
    if (len > (SIZE_MAX - 3) / 6 || make_room(b, len + 2)) return WHOSAID_ENOMEM;
    char *w = b->data + b->len;
    size_t i = 0;
    *w++ = '"';
    /* Keys, types, ids (most strings): no scan loop, no call; a short
     * string with an escape goes the long way from its start. */
    if (len < 16 && whosaid_json_copy_plain(w, s, len)) {
        w[len] = '"';
        b->len += len + 2;
        return 0;
    }
    for (;;) {
        size_t j = plain_end(s, len, i);
        memcpy(w, s + i, j - i);
        w += j - i;
        if (j == len) break;
        /* The escape's 6 bytes, the rest of s and the closing quote. */
        b->len = (size_t)(w - b->data);
        if (make_room(b, 6 + (len - j - 1) + 1)) return WHOSAID_ENOMEM;
        w = b->data + b->len;
        unsigned char c = (unsigned char)s[j];
        const char *short_esc = c == '"'    ? "\\\""
                                : c == '\\' ? "\\\\"
                                : c == '\b' ? "\\b"
                                : c == '\f' ? "\\f"
                                : c == '\n' ? "\\n"
                                : c == '\r' ? "\\r"
                                : c == '\t' ? "\\t"
                                            : NULL;
        if (short_esc) {
            memcpy(w, short_esc, 2);
            w += 2;
        } else {
            static const char hex[] = "0123456789ABCDEF";
            memcpy(w, "\\u00", 4);
            w[4] = hex[c >> 4];
            w[5] = hex[c & 15];
            w += 6;
        }
        i = j + 1;
    }
    *w++ = '"';
    b->len = (size_t)(w - b->data);
    return 0;
}

/* Formatted in place: through a scratch array, each integer cost a copy
 * call of its few bytes (offsets are most of the integers written). */
static int append_int(whosaid_buf *b, json_int_t v)
{
    if (make_room(b, WHOSAID_INT_CHARS)) return WHOSAID_ENOMEM;
    b->len += whosaid_format_int(b->data + b->len, v);
    return 0;
}

/* Whether the member at it is the raw form's text (out.h). */
static inline int is_raw_key(void *it)
{
    return it && json_object_iter_key_len(it) == WHOSAID_OUT_RAW_KEY_LEN &&
           !memcmp(json_object_iter_key(it), WHOSAID_OUT_RAW_KEY, WHOSAID_OUT_RAW_KEY_LEN);
}

/* Whether the member at it is the text form's (out.h). */
static inline int is_text_key(void *it)
{
    return it && json_object_iter_key_len(it) == WHOSAID_OUT_TEXT_KEY_LEN &&
           !memcmp(json_object_iter_key(it), WHOSAID_OUT_TEXT_KEY, WHOSAID_OUT_TEXT_KEY_LEN);
}

/* Serializes v as json_dumpb(v, JSON_COMPACT | JSON_PRESERVE_ORDER) would:
 * objects in insertion order (which is how jansson iterates them), keys
 * with their stored length, no blanks. Strings and integers, the bulk of
 * every record (texts, offsets), are written here; reals go to jansson for
 * its exact number format. */
static int dump_json(whosaid_buf *b, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_STRING: return append_string(b, json_string_value(v), json_string_length(v));
    case JSON_INTEGER: return append_int(b, json_integer_value(v));
    case JSON_TRUE: return put(b, "true", 4);
    case JSON_FALSE: return put(b, "false", 5);
    case JSON_NULL: return put(b, "null", 4);
    case JSON_ARRAY: {
        if (put_char(b, '[')) return WHOSAID_ENOMEM;
        for (size_t i = 0, n = json_array_size(v); i < n; i++)
            if ((i && put_char(b, ',')) || dump_json(b, json_array_get(v, i)))
                return WHOSAID_ENOMEM;
        return put_char(b, ']');
    }
    case JSON_OBJECT: {
        int first = 1;
        void *it = json_object_iter((json_t *)v);
        if (is_raw_key(it)) {
            /* The raw form (out.h): the object's text, then the members
             * added after it. */
            const json_t *text = json_object_iter_value(it);
            if (put(b, json_string_value(text), json_string_length(text))) return WHOSAID_ENOMEM;
            it = json_object_iter_next((json_t *)v, it);
            first = 0; /* the text holds a member at least */
        } else if (is_text_key(it)) {
            const json_t *text = json_object_iter_value(it);
            return put(b, json_string_value(text), json_string_length(text));
        } else if (put_char(b, '{')) {
            return WHOSAID_ENOMEM;
        }
        for (; it; it = json_object_iter_next((json_t *)v, it), first = 0) {
            if ((!first && put_char(b, ',')) ||
                append_string(b, json_object_iter_key(it), json_object_iter_key_len(it)) ||
                put_char(b, ':') || dump_json(b, json_object_iter_value(it)))
                return WHOSAID_ENOMEM;
        }
        return put_char(b, '}');
    }
    default: return dump_value(b, v);
    }
}

int whosaid_out_record(whosaid_out *o, const json_t *rec)
{
    size_t mark = o->buf.len;
    if (dump_json(&o->buf, rec) || whosaid_buf_append_char(&o->buf, '\n')) {
        o->buf.len = mark;
        if (o->buf.data) o->buf.data[mark] = '\0';
        return WHOSAID_ENOMEM;
    }
    return maybe_flush(o);
}

int whosaid_out_raw(whosaid_out *o, const char *data, size_t len)
{
    if (whosaid_buf_append(&o->buf, data, len)) return WHOSAID_ENOMEM;
    return maybe_flush(o);
}

int whosaid_out_string(whosaid_buf *b, const char *s, size_t len)
{
    return append_string(b, s, len);
}

int whosaid_out_int(whosaid_buf *b, json_int_t v)
{
    return append_int(b, v);
}

int whosaid_out_value(whosaid_buf *b, const json_t *v)
{
    return dump_json(b, v);
}

int whosaid_out_raw_begin(whosaid_buf *b)
{
    return put_char(b, '{');
}

/* {key: s[0..len)}, the object of the raw and the text forms; the text is
 * made by the serializer from valid UTF-8: no check. */
static json_t *keyed_text(const char *key, size_t klen, const char *s, size_t len)
{
    json_t *o = json_object(), *text = json_stringn_nocheck(s, len);
    if (!o || !text) {
        json_decref(o);
        json_decref(text);
        return NULL;
    }
    /* the _new setter takes text even when it fails */
    if (json_object_setn_new_nocheck(o, key, klen, text)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *whosaid_out_raw_new(whosaid_buf *b, size_t mark)
{
    if (mark >= b->len) return NULL;
    return keyed_text(WHOSAID_OUT_RAW_KEY, WHOSAID_OUT_RAW_KEY_LEN, b->data + mark, b->len - mark);
}

json_t *whosaid_out_text_new(const char *s, size_t len)
{
    return keyed_text(WHOSAID_OUT_TEXT_KEY, WHOSAID_OUT_TEXT_KEY_LEN, s, len);
}

int whosaid_out_is_raw(const json_t *v)
{
    return json_is_object(v) && is_raw_key(json_object_iter((json_t *)v));
}

char *whosaid_json_dump(const json_t *rec)
{
    whosaid_buf b = WHOSAID_BUF_INIT;
    if (dump_json(&b, rec) || whosaid_buf_reserve(&b, 0)) {
        whosaid_buf_free(&b);
        return NULL;
    }
    b.data[b.len] = '\0';
    return b.data;
}
