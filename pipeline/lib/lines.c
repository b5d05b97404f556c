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

int whosaid_lines_split(const char *text, size_t len, whosaid_lines *out)
{
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
