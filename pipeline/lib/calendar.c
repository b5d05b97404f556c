/* Month and weekday names: one sorted array of (kind, lower-cased name,
 * number), searched with bsearch. See calendar.h. */
#include "whosaid/calendar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"
#include "whosaid/wordtrie.h"

/* Longest name we fold for a lookup; longer input is not a calendar name. */
#define CAL_NAME_MAX 64

typedef struct cal_name {
    int kind;
    int value;
    char *fold; /* lower-cased, without a trailing period */
    size_t len;
} cal_name;

struct whosaid_calendar {
    cal_name *v;
    size_t n, cap;
    /* Per kind, the first bytes of the folded names: most words looked up
     * are no calendar name, and a word whose first byte is ASCII is turned
     * away here before it is folded and searched for. */
    uint64_t first[3][4];
};

/* Lower-cases s[0..len) into out[cap] (dropping one trailing period) so
 * "JAN.", "Jan" and "jan" meet. Returns the length, or -1 when the input is
 * not UTF-8 or does not fit. */
static long fold_name(const char *s, size_t len, char *out, size_t cap)
{
    if (len > 0 && s[len - 1] == '.') len--;
    if (!whosaid_utf8_valid(s, len)) return -1;
    return whosaid_utf8_lower_into(s, len, out, cap);
}

static int cmp_name(const void *a, const void *b)
{
    const cal_name *x = a, *y = b;
    if (x->kind != y->kind) return x->kind - y->kind;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->fold, y->fold, n);
    if (c) return c;
    return (x->len > y->len) - (x->len < y->len);
}

/* Adds one name read from rf; same name and number twice ("Jan" and
 * "Jan.") is fine, the same name for two numbers is a mistake. */
static int add_name(whosaid_calendar *c, whosaid_rulefile *rf, int kind, int value,
                    const char *name, whosaid_error *err)
{
    char tmp[CAL_NAME_MAX];
    if (strchr(name, '\\'))
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "name \"%s\" may not contain a backslash", name);
    long len = fold_name(name, strlen(name), tmp, sizeof tmp);
    if (len <= 0)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "name \"%s\" is empty or longer than %d bytes", name,
                                      CAL_NAME_MAX - 1);
    for (size_t i = 0; i < c->n; i++) {
        cal_name *e = &c->v[i];
        if (e->kind != kind || e->len != (size_t)len || memcmp(e->fold, tmp, e->len)) continue;
        if (e->value == value) return 0;
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "name \"%s\" already stands for %d",
                                      name, e->value);
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        cal_name *v = realloc(c->v, cap * sizeof *v);
        if (!v) return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
        c->v = v;
        c->cap = cap;
    }
    char *fold = malloc((size_t)len + 1);
    if (!fold) return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    memcpy(fold, tmp, (size_t)len + 1);
    c->v[c->n++] = (cal_name){kind, value, fold, (size_t)len};
    c->first[kind][(unsigned char)fold[0] / 64] |= UINT64_C(1) << ((unsigned char)fold[0] % 64);
    return 0;
}

/* Reads "month N names..." or "weekday N names..." from the current line. */
static int parse_line(whosaid_calendar *c, whosaid_rulefile *rf, whosaid_error *err)
{
    const char *kw = whosaid_rulefile_field(rf, 0);
    int kind, max;
    if (!strcmp(kw, "month")) {
        kind = WHOSAID_CALENDAR_MONTH;
        max = 12;
    } else if (!strcmp(kw, "weekday")) {
        kind = WHOSAID_CALENDAR_WEEKDAY;
        max = 7;
    } else {
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "unknown keyword \"%s\" (expected month or weekday)", kw);
    }
    const char *num = whosaid_rulefile_field(rf, 1);
    if (!num) return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "%s: missing number", kw);
    char *end;
    long value = strtol(num, &end, 10);
    if (*end || end == num || value < 1 || value > max)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "%s number \"%s\" out of range 1-%d", kw, num, max);
    if (whosaid_rulefile_nfields(rf) < 3)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "%s %ld: no names", kw, value);
    for (size_t i = 2; i < whosaid_rulefile_nfields(rf); i++) {
        int rc = add_name(c, rf, kind, (int)value, whosaid_rulefile_field(rf, i), err);
        if (rc) return rc;
    }
    return 0;
}

whosaid_calendar *whosaid_calendar_load(const char *path, whosaid_error *err)
{
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return NULL;
    whosaid_calendar *c = calloc(1, sizeof *c);
    if (!c) {
        whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
        whosaid_rulefile_close(rf);
        return NULL;
    }
    int rc;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1)
        if ((rc = parse_line(c, rf, err)) != 0) break;
    whosaid_rulefile_close(rf);
    if (rc != 0) {
        whosaid_calendar_free(c);
        return NULL;
    }
    if (c->n) qsort(c->v, c->n, sizeof *c->v, cmp_name);
    return c;
}

void whosaid_calendar_free(whosaid_calendar *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i].fold);
    free(c->v);
    free(c);
}

static int lookup(const whosaid_calendar *c, int kind, const char *name, size_t len)
{
    char tmp[CAL_NAME_MAX];
    if (!c || !c->n || len >= sizeof tmp || len == 0) return 0;
    /* An ASCII first byte folds to its lower case, whatever follows. */
    unsigned char b = whosaid_ascii_lower((unsigned char)name[0]);
    if (b < 0x80) {
        if (!(c->first[kind][b / 64] >> (b % 64) & 1)) return 0;
    }
    long n = fold_name(name, len, tmp, sizeof tmp);
    if (n <= 0) return 0;
    cal_name key = {kind, 0, tmp, (size_t)n};
    const cal_name *hit = bsearch(&key, c->v, c->n, sizeof *c->v, cmp_name);
    return hit ? hit->value : 0;
}

int whosaid_calendar_month(const whosaid_calendar *c, const char *name, size_t len)
{
    return lookup(c, WHOSAID_CALENDAR_MONTH, name, len);
}

int whosaid_calendar_weekday(const whosaid_calendar *c, const char *name, size_t len)
{
    return lookup(c, WHOSAID_CALENDAR_WEEKDAY, name, len);
}

static int cmp_longer_first(const void *a, const void *b)
{
    const cal_name *x = *(const cal_name *const *)a, *y = *(const cal_name *const *)b;
    if (x->len != y->len) return x->len < y->len ? 1 : -1;
    return strcmp(x->fold, y->fold);
}

int whosaid_calendar_pattern(const whosaid_calendar *c, int kind, whosaid_buf *out)
{
    size_t n = 0;
    for (size_t i = 0; c && i < c->n; i++)
        n += c->v[i].kind == kind;
    const cal_name **sorted = n ? malloc(n * sizeof *sorted) : NULL;
    if (n && !sorted) return WHOSAID_ENOMEM;
    for (size_t i = 0, k = 0; c && i < c->n; i++)
        if (c->v[i].kind == kind) sorted[k++] = &c->v[i];
    if (n) qsort(sorted, n, sizeof *sorted, cmp_longer_first);
    int rc = whosaid_buf_append_str(out, "(?i:(?:");
    /* A prefix tree of the names, escaped (with no names the group can
     * never match): the text is read once, not once per name. */
    whosaid_wordtrie *t = whosaid_wordtrie_new();
    if (!t) rc = WHOSAID_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++)
        rc = whosaid_wordtrie_add(t, sorted[i]->fold, strlen(sorted[i]->fold));
    if (!rc) rc = whosaid_wordtrie_pattern(t, NULL, out);
    whosaid_wordtrie_free(t);
    if (!rc) rc = whosaid_buf_append_str(out, ")(?!\\p{L})\\.?)");
    free(sorted);
    return rc ? WHOSAID_ENOMEM : 0;
}
