/* Acronym shapes and initials; see acronym.h. */
#include "whosaid/acronym.h"

#include <utf8proc.h>

#include "whosaid/error.h"
#include "whosaid/utf8.h"

static int is_upper(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static int is_letter(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int whosaid_acronym_key(const char *s, size_t len, whosaid_buf *key)
{
    size_t i = 0, mark = key->len;
    int letters = 0;
    int32_t prev = 0;
    while (i < len) {
        size_t at = i;
        int32_t cp = whosaid_utf8_next(s, len, &i);
        if (is_upper(cp)) {
            if (++letters > WHOSAID_ACRONYM_MAX) goto not_one;
            if (whosaid_buf_append(key, s + at, i - at)) return WHOSAID_ENOMEM;
        } else if (cp == '.' && is_upper(prev)) {
            /* "U.N.": a period only right after a letter */
        } else if (cp == '&' && is_upper(prev) && i < len) {
            /* "AT&T": only between letters */
        } else {
            goto not_one;
        }
        prev = cp;
    }
    if (letters >= 2 && prev != '&') return letters;
not_one:
    key->len = mark;
    if (key->data) key->data[mark] = '\0';
    return 0;
}

int whosaid_acronym_initials(const char *name, size_t len, whosaid_buf *out)
{
    size_t i = 0, mark = out->len;
    int n = 0, word_start = 1;
    while (i < len) {
        size_t at = i;
        int32_t cp = whosaid_utf8_next(name, len, &i);
        if (cp == ' ' || cp == '-' || cp == '\n' || cp == 0x2010 || cp == 0x2011) {
            word_start = 1;
            continue;
        }
        if (word_start && is_letter(cp)) {
            if (is_upper(cp) || utf8proc_category(cp) == UTF8PROC_CATEGORY_LT) {
                if (whosaid_utf8_upper(name + at, i - at, out)) return WHOSAID_ENOMEM;
                n++;
            }
        }
        word_start = 0;
    }
    if (n < 2) {
        out->len = mark;
        if (out->data) out->data[mark] = '\0';
        return 0;
    }
    return n;
}
