#include "whosaid/lines.h"

#include <stdlib.h>
#include <string.h>

#include "whosaid/error.h"

static int lines_push(whosaid_lines *l, whosaid_line line)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        whosaid_line *v = realloc(l->v, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = line;
    return 0;
}

/* Widths are in bytes: a wrap counts columns, but the lines of one block
 * share a script, so bytes scale alike on both sides of each comparison
 * (and the slack below absorbs a "£" or an "é"). */
static size_t first_word_bytes(const whosaid_line *ln)
{
    size_t i = 0;
    while (i < ln->len && ln->s[i] != ' ' && ln->s[i] != '\t')
        i++;
    return i;
}

/* Columns a wrapped line may fall short of the widest one and still be a
 * wrap (an editor's or a justifier's wrap is not quite greedy). */
enum { WRAP_SLACK = 10 };

/* A line that goes on in lower case continues the one before: no
 * headline, menu item or paragraph starts so (but a name like "iPlayer" or
 * "eBay" may). */
static int goes_on(const whosaid_line *next)
{
    return next->s[0] >= 'a' && next->s[0] <= 'z' &&
           !(next->len > 1 && next->s[1] >= 'A' && next->s[1] <= 'Z');
}

/* Whether a wrap at `width` columns could have broken the line before
 * `next`: next's first word (nearly) did not fit on `prev`. */
static int wrap_break(const whosaid_line *prev, const whosaid_line *next, size_t width)
{
    return goes_on(next) || prev->len + 1 + first_word_bytes(next) + WRAP_SLACK > width;
}

/* Nobody hard-wraps prose narrower than this, so a narrower block of lines
 * is a list of short items ("Home", "News", "Sport"), one per line. */
enum { MIN_WRAP = 40 };

/* Lines [from, to) with no blank line between them are either one
 * hard-wrapped paragraph (wire copy at 70 columns) or page elements one
 * per line, as scrapers that put a single newline after each block save
 * whole pages (menu items, headline, byline, each paragraph). A greedy wrap
 * breaks a line only where the next word does not fit: where most breaks
 * could not be wraps, or where one clearly is not, the next line starts a
 * paragraph of its own. */
static void mark_hard_breaks(whosaid_line *v, size_t from, size_t to)
{
    size_t width = MIN_WRAP, wraps = 0;
    for (size_t k = from; k < to; k++)
        if (v[k].len > width) width = v[k].len;
    for (size_t k = from + 1; k < to; k++)
        wraps += (size_t)wrap_break(&v[k - 1], &v[k], width);
    int wrapped = 2 * wraps >= to - from - 1;
    for (size_t k = from + 1; k < to; k++)
        if (!goes_on(&v[k]) && (!wrapped || !wrap_break(&v[k - 1], &v[k], width)))
            v[k].para_break = 1;
}

static void find_hard_breaks(whosaid_lines *l, size_t first)
{
    size_t from = first;
    for (size_t k = first + 1; k <= l->n; k++) {
        if (k < l->n && !l->v[k].para_break) continue;
        if (k - from >= 2) mark_hard_breaks(l->v, from, k);
        from = k;
    }
}

int whosaid_lines_split(const char *text, size_t len, whosaid_lines *out)
{
    size_t first = out->n;
    int blank_before = 0;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = i = nl ? (size_t)(nl - text) : len;
        if (i < len) i++; /* the '\n' */
        while (start < end && (text[start] == ' ' || text[start] == '\t'))
            start++;
        while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
            end--;
        if (start == end) {
            blank_before = 1;
            continue;
        }
        whosaid_line line = {text + start, end - start,       start,
                             blank_before, WHOSAID_LINE_BODY, NULL};
        if (lines_push(out, line)) return WHOSAID_ENOMEM;
        blank_before = 0;
    }
    find_hard_breaks(out, first);
    return 0;
}

void whosaid_lines_free(whosaid_lines *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

int whosaid_lines_join_body(const whosaid_lines *l, whosaid_buf *out)
{
    int first = 1;
    int gap = 0; /* a paragraph break since the last body line */
    for (size_t k = 0; k < l->n; k++) {
        const whosaid_line *line = &l->v[k];
        if (line->para_break) gap = 1;
        if (line->fate != WHOSAID_LINE_BODY) {
            /* A removed line still separates what came before from what follows. */
            gap = 1;
            continue;
        }
        if (!first && whosaid_buf_append(out, gap ? "\n\n" : "\n", gap ? 2 : 1))
            return WHOSAID_ENOMEM;
        if (whosaid_buf_append(out, line->s, line->len)) return WHOSAID_ENOMEM;
        first = 0;
        gap = 0;
    }
    return 0;
}

size_t whosaid_line_words(const whosaid_line *line)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = 0; i < line->len; i++) {
        int space = line->s[i] == ' ' || line->s[i] == '\t';
        if (!space && !in_word) words++;
        in_word = !space;
    }
    return words;
}
