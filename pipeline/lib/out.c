#include "whosaid/out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "whosaid/buf.h"
#include "whosaid/error.h"

#define OUT_FLUSH_AT (64 * 1024)

struct whosaid_out {
    int fd;
    int flush_each;
    whosaid_buf buf;
};

whosaid_out *whosaid_out_new(int fd)
{
    whosaid_out *o = calloc(1, sizeof *o);
    if (o) o->fd = fd;
    return o;
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

static int dump_cb(const char *data, size_t size, void *ctx)
{
    return whosaid_buf_append(ctx, data, size) ? -1 : 0;
}

static int maybe_flush(whosaid_out *o)
{
    if (o->flush_each || o->buf.len >= OUT_FLUSH_AT) return whosaid_out_flush(o);
    return 0;
}

int whosaid_out_record(whosaid_out *o, const json_t *rec)
{
    size_t mark = o->buf.len;
    if (json_dump_callback(rec, dump_cb, &o->buf, JSON_COMPACT | JSON_PRESERVE_ORDER) ||
        whosaid_buf_append_char(&o->buf, '\n')) {
        o->buf.len = mark;
        return WHOSAID_ENOMEM;
    }
    return maybe_flush(o);
}

int whosaid_out_raw(whosaid_out *o, const char *data, size_t len)
{
    if (whosaid_buf_append(&o->buf, data, len)) return WHOSAID_ENOMEM;
    return maybe_flush(o);
}

char *whosaid_json_dump(const json_t *rec)
{
    return json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
}
