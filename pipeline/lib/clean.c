#include "whosaid/clean.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "whosaid/error.h"
#include "whosaid/utf8.h"

/* Code points that NFC leaves alone and that never combine with what comes
 * before them; text made only of these skips utf8proc (most news text is
 * ASCII, Latin-1, general punctuation or CJK). Conservative: anything else
 * sends the whole text through utf8proc. */
static int nfc_inert(int32_t c)
{
    return c < 0x300 || (c >= 0x2010 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20BF) ||
           (c >= 0x3000 && c <= 0x3029) || (c >= 0x3030 && c <= 0x303F) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xFF01 && c <= 0xFF5E) ||
           (c >= 0x1F300 && c <= 0x1FAFF);
}

static int is_newline_like(int32_t c)
{
    return c == '\n' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Zero-width and invisible formatting that only gets in the way of matching.
 * ZWJ/ZWNJ stay: they change how some scripts and emoji read. */
static int is_dropped_format(int32_t c)
{
    return c == 0x200B || c == 0xFEFF || c == 0x00AD || c == 0x2060 || c == 0x180E;
}

static int is_control(int32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

int whosaid_clean_nfc(const char *text, size_t len, whosaid_buf *out)
{
    utf8proc_uint8_t *res = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &res,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) return n == UTF8PROC_ERROR_NOMEM ? WHOSAID_ENOMEM : WHOSAID_EINPUT;
    int rc = whosaid_buf_append(out, res, (size_t)n);
    free(res);
    return rc;
}

int whosaid_clean_text(const char *text, size_t len, whosaid_buf *out, whosaid_clean_stats *stats)
{
    whosaid_clean_stats st = {0, 0, 0};
    int inert = 1;
    size_t i = 0, mark = out->len;
    /* Written in place into out: every mapping is to an equal or shorter
     * form, so the output never grows past the input length reserved here,
     * and the hot loop needs no capacity checks. */
    if (whosaid_buf_reserve(out, len)) return WHOSAID_ENOMEM;
    char *w = out->data + out->len;
    /* pending_space: a space seen but not yet written, so trailing spaces
     * before a line end and leading ones after it vanish. */
    int pending_space = 0, at_line_start = 1;
    while (i < len) {
        unsigned char b = (unsigned char)text[i];
        int32_t c;
        if (b > 0x20 && b < 0x7F) {
            /* Fast path: printable ASCII words and the single spaces between
             * them, which come out as they are, copied in one go. */
            if (pending_space) *w++ = ' ';
            size_t j = whosaid_utf8_skip_words(text, len, i, "");
            memcpy(w, text + i, j - i);
            w += j - i;
            i = j;
            pending_space = at_line_start = 0;
            continue;
        }
        if (b == ' ') {
            pending_space = !at_line_start;
            i++;
            continue;
        }
        c = whosaid_utf8_next(text, len, &i);
        if (c == '\r') {
            if (i < len && text[i] == '\n') i++;
            c = '\n';
        }
        if (is_newline_like(c)) {
            *w++ = '\n';
            pending_space = 0;
            at_line_start = 1;
        } else if (c == '\t' || utf8proc_category(c) == UTF8PROC_CATEGORY_ZS) {
            pending_space = !at_line_start;
        } else if (is_control(c)) {
            st.controls++;
            st.nuls += c == 0;
        } else if (is_dropped_format(c)) {
            st.format++;
        } else {
            if (pending_space) *w++ = ' ';
            w += whosaid_utf8_encode(c, w);
            pending_space = at_line_start = 0;
            inert = inert && nfc_inert(c);
        }
    }
    out->len = (size_t)(w - out->data);
    out->data[out->len] = '\0';
    if (stats) *stats = st;
    if (inert) return 0;
    /* Rare: text that NFC may change goes through utf8proc. */
    whosaid_buf tmp = WHOSAID_BUF_INIT;
    int rc = whosaid_buf_append(&tmp, out->data + mark, out->len - mark);
    out->len = mark;
    out->data[mark] = '\0';
    if (!rc) rc = whosaid_clean_nfc(tmp.data, tmp.len, out);
    whosaid_buf_free(&tmp);
    return rc;
}
