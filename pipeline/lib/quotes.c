/* Quotation finder (see quotes.h): one left-to-right pass with a two-state
 * machine (outside / inside a quotation); lookups are binary searches over
 * the sorted result. */
#include "whosaid/quotes.h"

#include <stdint.h>
#include <stdlib.h>

#include "whosaid/error.h"
#include "whosaid/utf8.h"

enum { MARK_NONE, MARK_OPEN, MARK_CLOSE, MARK_EITHER };

/* Classifies the quotation mark at text[i] and sets *n to its byte length. */
static int mark_at(const char *text, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)text[i];
    if (c == '"') {
        *n = 1;
        return MARK_EITHER;
    }
    if (c == '`' && i + 1 < len && text[i + 1] == '`') {
        *n = 2;
        return MARK_OPEN;
    }
    if (c == '\'' && i + 1 < len && text[i + 1] == '\'') {
        *n = 2;
        return MARK_CLOSE;
    }
    if (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80) {
        unsigned char d = (unsigned char)text[i + 2];
        *n = 3;
        if (d == 0x9C || d == 0x9E) return MARK_OPEN; /* “ „ */
        if (d == 0x9D) return MARK_CLOSE;            /* ” */
    }
    if (c == 0xC2 && i + 1 < len) {
        *n = 2;
        if ((unsigned char)text[i + 1] == 0xAB) return MARK_OPEN;  /* « */
        if ((unsigned char)text[i + 1] == 0xBB) return MARK_CLOSE; /* » */
    }
    return MARK_NONE;
}

/* A straight quote opens after a blank, the start, an opening bracket, a
 * dash or a colon; else it closes. */
static int straight_opens(const char *text, size_t i)
{
    if (i == 0) return 1;
    unsigned char p = (unsigned char)text[i - 1];
    if (p == ' ' || p == '\n' || p == '\t' || p == '(' || p == '[' || p == ':') return 1;
    if (p >= 0x80) { /* an em or en dash before it */
        size_t j = i;
        int32_t cp = whosaid_utf8_prev(text, &j);
        return cp == 0x2013 || cp == 0x2014;
    }
    return 0;
}

static int push(whosaid_quotes *q, whosaid_quote item)
{
    if (q->n == q->cap) {
        size_t n = q->cap ? 2 * q->cap : 16;
        whosaid_quote *v = realloc(q->v, n * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        q->v = v;
        q->cap = n;
    }
    q->v[q->n++] = item;
    return 0;
}

/* Start of the next paragraph's text after a paragraph break at i, or len. */
static size_t next_para(const char *text, size_t len, size_t i)
{
    while (i < len && (text[i] == '\n' || text[i] == ' ' || text[i] == '\t')) i++;
    return i;
}

int whosaid_quotes_find(const char *text, size_t len, whosaid_quotes *out)
{
    out->n = 0;
    int inside = 0;
    whosaid_quote cur = {0, 0, 0, 0, 1, 0};
    size_t last_text = 0; /* just past the last non-blank byte inside the quotation */
    for (size_t i = 0; i < len;) {
        if (text[i] == '\n' && i + 1 < len && text[i + 1] == '\n') {
            if (inside) {
                size_t p = next_para(text, len, i);
                size_t n = 0;
                int m = p < len ? mark_at(text, len, p, &n) : MARK_NONE;
                if (m == MARK_OPEN || m == MARK_EITHER) {
                    cur.paragraphs++;
                    i = p + n;
                    continue;
                }
                cur.end = cur.close = last_text;
                cur.closed = 0;
                if (push(out, cur)) return WHOSAID_ENOMEM;
                inside = 0;
            }
            i = next_para(text, len, i);
            continue;
        }
        size_t n = 0;
        int m = mark_at(text, len, i, &n);
        if (m == MARK_EITHER) m = !inside && straight_opens(text, i) ? MARK_OPEN : MARK_CLOSE;
        if (m == MARK_OPEN && !inside) {
            inside = 1;
            cur.open = i;
            cur.start = last_text = i + n;
            cur.paragraphs = 1;
        } else if (m == MARK_CLOSE && inside) {
            cur.end = i;
            cur.close = i + n;
            cur.closed = 1;
            if (push(out, cur)) return WHOSAID_ENOMEM;
            inside = 0;
        } else if (inside && text[i] != ' ' && text[i] != '\n') {
            last_text = i + (n ? n : 1);
        }
        i += n ? n : 1;
    }
    if (inside) {
        cur.end = cur.close = last_text;
        cur.closed = 0;
        if (push(out, cur)) return WHOSAID_ENOMEM;
    }
    return 0;
}

void whosaid_quotes_free(whosaid_quotes *out)
{
    if (!out) return;
    free(out->v);
    out->v = NULL;
    out->n = out->cap = 0;
}

/* First quotation whose close is past b (the one that may contain b). */
static size_t first_closing_after(const whosaid_quotes *q, size_t b)
{
    size_t lo = 0, hi = q->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (q->v[mid].close <= b) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

long whosaid_quotes_closing_at(const whosaid_quotes *q, size_t close)
{
    size_t i = first_closing_after(q, close ? close - 1 : 0);
    return i < q->n && q->v[i].close == close && q->v[i].closed ? (long)i : -1;
}

long whosaid_quotes_opening_at(const whosaid_quotes *q, size_t open)
{
    size_t i = first_closing_after(q, open);
    return i < q->n && q->v[i].open == open ? (long)i : -1;
}

long whosaid_quotes_containing(const whosaid_quotes *q, size_t b)
{
    size_t i = first_closing_after(q, b);
    return i < q->n && q->v[i].open <= b ? (long)i : -1;
}
