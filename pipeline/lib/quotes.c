/* Quotation finder (see quotes.h): one pass to see whether the text uses
 * double marks at all, then one left-to-right pass with a two-state machine
 * (outside / inside a quotation), which skips the bytes that can be no mark
 * and no paragraph break 16 at a time; lookups are binary searches over
 * the sorted result. O(n), no memory beyond the result. */
#include "whosaid/quotes.h"

#include <stdint.h>
#include <stdlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
        if (d == 0x9D) return MARK_CLOSE;             /* ” */
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

static int is_alnum_at(const char *text, size_t len, size_t i)
{
    if (i >= len) return 0;
    unsigned char c = (unsigned char)text[i];
    /* non-ASCII bytes count as letters: "café's", "Zürich's" */
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* The mark at i (ending at after) may end a plural possessive: "s' " and
 * a lower-case word (the workers' union), or close a quotation the same
 * way ('not duck difficult decisions' to repair). */
static int plural_possessive(const char *text, size_t len, size_t i, size_t after)
{
    return i > 0 && text[i - 1] == 's' && after + 1 < len && text[after] == ' ' &&
           text[after + 1] >= 'a' && text[after + 1] <= 'z';
}

/* Single marks as top-level quotation marks (British style: 'Yes,' she
 * said), used only in a text without double marks. ‘ opens; ’ and ' close
 * unless they sit inside a word (don't, rock 'n' roll's n), stand for
 * missing digits ('90s) or end a plural possessive before a lower-case
 * word (the workers' union, the 1990s' boom). */
static int single_at(const char *text, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)text[i];
    int curly_open = 0;
    if (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
        ((unsigned char)text[i + 2] == 0x98 || (unsigned char)text[i + 2] == 0x99)) {
        *n = 3;
        curly_open = (unsigned char)text[i + 2] == 0x98;
    } else if (c == '\'') {
        *n = 1;
    } else
        return MARK_NONE;
    size_t after = i + *n;
    int prev_word = i > 0 && is_alnum_at(text, len, i - 1) && (unsigned char)text[i - 1] < 0x80;
    if (i > 0 && (unsigned char)text[i - 1] >= 0x80) { /* a letter, or a dash or blank? */
        size_t j = i;
        int32_t cp = whosaid_utf8_prev(text, &j);
        prev_word = cp > 0x7F && cp != 0x2013 && cp != 0x2014 && cp != 0xA0 && cp != 0x201C;
    }
    if (prev_word && is_alnum_at(text, len, after)) return MARK_NONE; /* don't */
    if (after < len && text[after] >= '0' && text[after] <= '9' && !prev_word) return MARK_NONE;
    if (curly_open || (c == '\'' && straight_opens(text, i)))
        return after < len && text[after] != ' ' && text[after] != '\n' ? MARK_OPEN : MARK_NONE;
    if (plural_possessive(text, len, i, after)) return MARK_NONE; /* the workers' union */
    return i > 0 && text[i - 1] != ' ' && text[i - 1] != '\n' ? MARK_CLOSE : MARK_NONE;
}

/* 1 when the text has a double quotation mark of any style. */
static int has_double(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c != '"' && c != '`' && c != '\'' && c != 0xE2 && c != 0xC2) continue;
        size_t n;
        if (mark_at(text, len, i, &n) != MARK_NONE) return 1;
    }
    return 0;
}

/* Whether the pass must look at byte c: a newline, or a byte that may
 * start a mark (the ASCII marks, or a lead byte of U+0080 and up). */
static int may_stop(unsigned char c)
{
    return c == '\n' || c == '"' || c == '`' || c == '\'' || c >= 0xC2;
}

/* The first i' >= i with may_stop(text[i']), or len. */
static size_t skip_plain(const char *text, size_t len, size_t i)
{
#ifdef __SSE2__
    const __m128i nl = _mm_set1_epi8('\n'), dq = _mm_set1_epi8('"'), bq = _mm_set1_epi8('`');
    const __m128i sq = _mm_set1_epi8('\''), lead = _mm_set1_epi8((char)0xC2);
    while (len - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, dq)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, bq), _mm_cmpeq_epi8(v, sq)));
        /* v >= 0xC2 unsigned iff max(v, 0xC2) == v */
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_max_epu8(v, lead), v));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        if (m) return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
    while (i < len && !may_stop((unsigned char)text[i]))
        i++;
    return i;
}

/* The mark at text[i] in the document's style, resolved for the state. */
static int classify(const char *text, size_t len, size_t i, size_t *n, int single, int inside)
{
    *n = 0;
    if (single) return single_at(text, len, i, n);
    int m = mark_at(text, len, i, n);
    if (m == MARK_EITHER) m = !inside && straight_opens(text, i) ? MARK_OPEN : MARK_CLOSE;
    return m;
}

/* A quotation in single marks holds two words, or one of three letters
 * or more ("termed the plan 'cruel'"): "'n'" and "'em'" are elisions. */
static int worth_keeping(const char *text, const whosaid_quote *q, int single)
{
    if (!single || q->end >= q->start + 3) return 1;
    for (size_t i = q->start; i < q->end; i++)
        if (text[i] == ' ' || text[i] == '\n') return 1;
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
    while (i < len && (text[i] == '\n' || text[i] == ' ' || text[i] == '\t'))
        i++;
    return i;
}

/* A single-mark quotation still open at its paragraph's end closes at the
 * mark poss (n bytes) first read as a plural possessive. */
static int close_at_possessive(const char *text, whosaid_quote *cur, size_t poss, size_t n,
                               whosaid_quotes *out)
{
    cur->end = poss;
    cur->close = poss + n;
    cur->closed = 1;
    return worth_keeping(text, cur, 1) ? push(out, *cur) : 0;
}

/* The single-mark quotation cur, opened after a blank, holds one word up
 * to the mark at i: "s' " after it closes the quotation ("called it
 * 'reckless' and", "'bonkers' and") rather than ending a plural
 * possessive, which no opening mark sits right before. */
static int quotes_one_word(const char *text, const whosaid_quote *cur, size_t i)
{
    if (cur->open == 0 || text[cur->open - 1] != ' ' || i <= cur->start) return 0;
    for (size_t k = cur->start; k < i; k++)
        if (text[k] == ' ' || text[k] == '\n') return 0;
    return 1;
}

int whosaid_quotes_find(const char *text, size_t len, whosaid_quotes *out)
{
    out->n = 0;
    int inside = 0, single = !has_double(text, len);
    whosaid_quote cur = {0, 0, 0, 0, 1, 0};
    size_t last_text = 0; /* just past the last non-blank byte inside the quotation */
    /* In single marks, the first "s' " inside the open quotation, read as
     * a possessive: if the quotation is still open at its paragraph's
     * end, it closed there ('not duck difficult decisions' to repair). */
    size_t poss = 0, poss_n = 0;
    for (size_t i = 0; i < len;) {
        size_t r = skip_plain(text, len, i);
        if (r > i) {
            /* None of these is a mark or a newline: inside a quotation,
             * only the last one that is no blank matters. */
            size_t k = r;
            while (inside && k > i && text[k - 1] == ' ')
                k--;
            if (inside && k > i) last_text = k;
            i = r;
            if (i == len) break;
        }
        if (inside && poss && text[i] == '\n' && i + 1 < len && text[i + 1] == '\n') {
            if (close_at_possessive(text, &cur, poss, poss_n, out)) return WHOSAID_ENOMEM;
            inside = 0;
            poss = 0;
        }
        if (text[i] == '\n' && i + 1 < len && text[i + 1] == '\n') {
            if (inside) {
                size_t p = next_para(text, len, i);
                size_t n = 0;
                int m = p < len ? classify(text, len, p, &n, single, 0) : MARK_NONE;
                if (m == MARK_OPEN) {
                    cur.paragraphs++;
                    i = p + n;
                    continue;
                }
                cur.end = cur.close = last_text;
                cur.closed = 0;
                /* in single marks an unclosed "quotation" is an apostrophe ('em) */
                if (!single && push(out, cur)) return WHOSAID_ENOMEM;
                inside = 0;
            }
            i = next_para(text, len, i);
            continue;
        }
        size_t n = 0;
        int m =
            text[i] == '"' || text[i] == '`' || text[i] == '\'' || (unsigned char)text[i] >= 0xC2
                ? classify(text, len, i, &n, single, inside)
                : MARK_NONE;
        if (single && inside && m == MARK_NONE && n && text[i] != '\n' &&
            plural_possessive(text, len, i, i + n)) {
            if (quotes_one_word(text, &cur, i))
                m = MARK_CLOSE; /* called it 'reckless' and ... */
            else if (!poss) {
                poss = i;
                poss_n = n;
            }
        }
        if (m == MARK_OPEN && (!inside || single)) {
            /* in single marks an opening mark inside a quotation means the
             * first one was an apostrophe */
            inside = 1;
            poss = 0;
            cur.open = i;
            cur.start = last_text = i + n;
            cur.paragraphs = 1;
        } else if (m == MARK_CLOSE && inside) {
            poss = 0;
            cur.end = i;
            cur.close = i + n;
            cur.closed = 1;
            if (worth_keeping(text, &cur, single) && push(out, cur)) return WHOSAID_ENOMEM;
            inside = 0;
        } else if (inside && text[i] != ' ' && text[i] != '\n') {
            last_text = i + (n ? n : 1);
        }
        i += n ? n : 1;
    }
    if (inside && poss && close_at_possessive(text, &cur, poss, poss_n, out)) return WHOSAID_ENOMEM;
    if (inside && !single) {
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
        if (q->v[mid].close <= b)
            lo = mid + 1;
        else
            hi = mid;
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

size_t whosaid_quotes_first_from(const whosaid_quotes *q, size_t b)
{
    /* Quotations do not overlap: the first closing past b contains b or
     * opens after it. */
    return first_closing_after(q, b);
}
