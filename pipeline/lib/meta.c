/* Article metadata from the page header (see meta.h).
 *
 * Keeps the `line` and `dateline` rules in file order, each compiled once
 * with its {NAME}s expanded, and for each rule a table from the fields
 * (outlet, byline, ..., tz) to the numbers of the groups that carry them
 * (several, since a define like {DATE} may offer one group per shape under
 * the same name). Also a zone table (name -> UTC offset, DST rule) and an
 * outlet table (name or variant -> canonical name), both tiny and searched
 * linearly; and the rules that hit PCRE2's match limit in the last extract
 * (one entry per rule). A rule with a needs= field is tried only on the
 * lines that hold one of its words (needs.h), and is never JIT-compiled:
 * on the few header lines it runs on, PCRE2's interpreter is cheaper than
 * the compile. */
#include "whosaid/meta.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "whosaid/boilerplate.h"
#include "whosaid/buf.h"
#include "whosaid/needs.h"
#include "whosaid/regex.h"
#include "whosaid/rulefile.h"
#include "whosaid/timex.h"
#include "whosaid/utf8.h"

enum {
    F_OUTLET,
    F_BYLINE,
    F_DATELINE,
    F_YEAR,
    F_MONTH,
    F_DAY,
    F_HOUR,
    F_MINUTE,
    F_AMPM,
    F_TZ,
    F_ROLE, /* no field: the line is a byline's role, its name on the line before */
    F_COUNT
};
static const char *const FIELD[F_COUNT] = {"outlet", "byline", "dateline", "year", "month", "day",
                                           "hour",   "minute", "ampm",     "tz",   "role"};
#define MAX_DUP 16        /* groups of one name in one pattern (via (?J)) */
#define HEADER_MAX 40     /* body lines read as the page header at most */
#define DATELINE_PARAS 3  /* paragraphs tried for a dateline */
#define LATE_LINES 6      /* body lines after the header still read by line rules */
#define TRAILER_LINES 5   /* lines at the foot of the page read by trailer rules */
#define TRAILER_BYTES 200 /* longer ones are paragraphs, not trailers */
#define MACRO_DEPTH 16

enum { RULE_LINE, RULE_DATELINE, RULE_TRAILER };
enum { DST_NONE, DST_US, DST_EU };

typedef struct meta_rule {
    int kind;
    long lineno;
    char *pattern; /* as written; kept only while loading */
    char *why;     /* "meta.rules:12" */
    whosaid_regex *re;
    whosaid_needs *needs; /* words a line must hold one of, or NULL */
    unsigned char ngroups[F_COUNT];
    uint32_t groups[F_COUNT][MAX_DUP];
    size_t hit_bytes; /* in hits[] for the current extract: the first line's length */
    int hit;
} meta_rule;

typedef struct meta_define {
    char *name, *pattern;
    long lineno;
} meta_define;

typedef struct meta_zone {
    char *name;
    size_t len;
    int offset; /* minutes east of UTC */
    int dst;
} meta_zone;

typedef struct meta_outlet {
    char *name;
    size_t len;
    size_t canonical; /* index of the canonical name's entry */
} meta_outlet;

struct whosaid_meta_rules {
    const whosaid_calendar *cal;
    char *path;
    meta_rule *rules;
    size_t nrules, caprules;
    meta_define *defs;
    size_t ndefs, capdefs;
    meta_zone *zones;
    size_t nzones, capzones;
    meta_outlet *outlets;
    size_t noutlets, capoutlets;
    whosaid_buf builtin[4]; /* expansions of {MONTH} {WEEKDAY} {ZONE} {OUTLETS}, made once */
    size_t *hits;           /* rules that hit the match limit in the last extract */
    size_t nhits, caphits;
};

static const char WHY_TITLE[] = "meta:title";
static const char WHY_SECTION[] = "heuristic:section";

/* ASCII-caseless equality: zone and outlet names are compared this way. */
static int same_name(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen) return 0;
    for (size_t i = 0; i < alen; i++) {
        if (whosaid_ascii_lower((unsigned char)a[i]) != whosaid_ascii_lower((unsigned char)b[i]))
            return 0;
    }
    return 1;
}

/* ---- Loading -------------------------------------------------------------- */

static int parse_offset(const char *s, int *minutes)
{
    /* +08:00, -0500, +8 */
    if (*s != '+' && *s != '-') return -1;
    int sign = *s++ == '-' ? -1 : 1, h = 0, m = 0, nd = 0;
    while (*s >= '0' && *s <= '9' && nd < 2)
        h = h * 10 + (*s++ - '0'), nd++;
    if (!nd) return -1;
    if (*s == ':') s++;
    if (*s) {
        if (!(s[0] >= '0' && s[0] <= '5' && s[1] >= '0' && s[1] <= '9' && !s[2])) return -1;
        m = (s[0] - '0') * 10 + (s[1] - '0');
    }
    if (h > 14) return -1;
    *minutes = sign * (h * 60 + m);
    return 0;
}

static int add_zone(whosaid_meta_rules *m, whosaid_rulefile *rf, whosaid_error *err)
{
    size_t nf = whosaid_rulefile_nfields(rf);
    if (nf < 3 || nf > 4)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "zone: expected zone<TAB>name<TAB>offset[<TAB>us|eu]");
    const char *name = whosaid_rulefile_field(rf, 1), *off = whosaid_rulefile_field(rf, 2);
    meta_zone z = {NULL, strlen(name), 0, DST_NONE};
    if (strchr(name, '\\'))
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "zone name \"%s\" may not contain a backslash", name);
    if (parse_offset(off, &z.offset))
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "zone %s: bad offset \"%s\" (expected +hh:mm)", name, off);
    if (nf == 4) {
        const char *dst = whosaid_rulefile_field(rf, 3);
        if (!strcmp(dst, "us"))
            z.dst = DST_US;
        else if (!strcmp(dst, "eu"))
            z.dst = DST_EU;
        else
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                          "zone %s: unknown DST rule \"%s\" (expected us or eu)",
                                          name, dst);
    }
    if (whosaid_grow((void **)&m->zones, &m->capzones, m->nzones + 1, sizeof *m->zones) ||
        !(z.name = strdup(name)))
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    m->zones[m->nzones++] = z;
    return 0;
}

static int add_outlet(whosaid_meta_rules *m, whosaid_rulefile *rf, whosaid_error *err)
{
    size_t nf = whosaid_rulefile_nfields(rf);
    if (nf < 2)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "outlet: expected outlet<TAB>name[<TAB>variant...]");
    size_t canonical = m->noutlets;
    for (size_t i = 1; i < nf; i++) {
        const char *name = whosaid_rulefile_field(rf, i);
        if (strchr(name, '\\'))
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                          "outlet name \"%s\" may not contain a backslash", name);
        meta_outlet o = {NULL, strlen(name), canonical};
        if (whosaid_grow((void **)&m->outlets, &m->capoutlets, m->noutlets + 1,
                         sizeof *m->outlets) ||
            !(o.name = strdup(name)))
            return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
        m->outlets[m->noutlets++] = o;
    }
    return 0;
}

static int is_macro_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static int builtin_macro(const char *name, size_t len)
{
    static const char *const names[] = {"MONTH", "WEEKDAY", "ZONE", "OUTLETS"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == len && !memcmp(names[i], name, len)) return (int)i + 1;
    return 0;
}

static int add_define(whosaid_meta_rules *m, whosaid_rulefile *rf, whosaid_error *err)
{
    if (whosaid_rulefile_nfields(rf) != 3)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "define: expected define<TAB>NAME<TAB>pattern");
    const char *name = whosaid_rulefile_field(rf, 1);
    size_t len = strlen(name);
    for (size_t i = 0; i < len; i++)
        if (!is_macro_char(name[i]) || (i == 0 && !(name[0] >= 'A' && name[0] <= 'Z')))
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                          "define: bad name \"%s\" (expected an upper-case "
                                          "letter, then upper-case letters, digits and _)",
                                          name);
    if (builtin_macro(name, len))
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "define: %s is built in and cannot be redefined", name);
    for (size_t i = 0; i < m->ndefs; i++)
        if (!strcmp(m->defs[i].name, name))
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "define: %s defined twice",
                                          name);
    meta_define d = {strdup(name), strdup(whosaid_rulefile_field(rf, 2)),
                     whosaid_rulefile_lineno(rf)};
    if (!d.name || !d.pattern ||
        whosaid_grow((void **)&m->defs, &m->capdefs, m->ndefs + 1, sizeof *m->defs)) {
        free(d.name);
        free(d.pattern);
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    }
    m->defs[m->ndefs++] = d;
    return 0;
}

static int add_rule(whosaid_meta_rules *m, whosaid_rulefile *rf, int kind, whosaid_error *err)
{
    size_t nf = whosaid_rulefile_nfields(rf);
    if (nf < 2 || nf > 3 || (nf == 3 && !whosaid_needs_is_field(whosaid_rulefile_field(rf, 2))))
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "%s: expected one pattern and at most a needs=word|word "
                                      "field (write a TAB in a pattern as \\t)",
                                      whosaid_rulefile_field(rf, 0));
    if (whosaid_grow((void **)&m->rules, &m->caprules, m->nrules + 1, sizeof *m->rules))
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    meta_rule *r = &m->rules[m->nrules];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->lineno = whosaid_rulefile_lineno(rf);
    whosaid_error e;
    int rc = nf == 3 ? whosaid_needs_new(whosaid_rulefile_field(rf, 2), &r->needs, &e) : 0;
    if (rc) return whosaid_rulefile_error(rf, err, rc, "%s", e.msg);
    if (!(r->pattern = strdup(whosaid_rulefile_field(rf, 1)))) {
        whosaid_needs_free(r->needs);
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    }
    m->nrules++;
    return 0;
}

static int parse_line(whosaid_meta_rules *m, whosaid_rulefile *rf, whosaid_error *err)
{
    const char *kw = whosaid_rulefile_field(rf, 0);
    if (!strcmp(kw, "line")) return add_rule(m, rf, RULE_LINE, err);
    if (!strcmp(kw, "dateline")) return add_rule(m, rf, RULE_DATELINE, err);
    if (!strcmp(kw, "trailer")) return add_rule(m, rf, RULE_TRAILER, err);
    if (!strcmp(kw, "define")) return add_define(m, rf, err);
    if (!strcmp(kw, "zone")) return add_zone(m, rf, err);
    if (!strcmp(kw, "outlet")) return add_outlet(m, rf, err);
    return whosaid_rulefile_error(
        rf, err, WHOSAID_ESYNTAX,
        "unknown keyword \"%s\" (expected line, dateline, trailer, define, "
        "zone or outlet)",
        kw);
}

/* ---- Macros --------------------------------------------------------------- */

/* An alternation of literal names, longest first so that "EDT" is tried
 * before "ET", not followed by a letter or digit. */
static int names_pattern(char *const *names, const size_t *lens, size_t n, whosaid_buf *out)
{
    int rc = whosaid_buf_append_str(out, "(?i:(?:");
    if (!n && !rc) rc = whosaid_buf_append_str(out, "(*FAIL)");
    size_t done = 0, last = SIZE_MAX;
    /* n is small (tens): repeated passes by falling length are simplest. */
    while (done < n && !rc) {
        size_t best = 0;
        for (size_t i = 0; i < n; i++)
            if (lens[i] < last && lens[i] > best) best = lens[i];
        for (size_t i = 0; i < n && !rc; i++) {
            if (lens[i] != best) continue;
            rc = whosaid_buf_printf(out, "%s\\Q%s\\E", done ? "|" : "", names[i]);
            done++;
        }
        last = best;
        if (!best) break;
    }
    if (!rc) rc = whosaid_buf_append_str(out, ")(?![\\p{L}\\p{N}]))");
    return rc ? WHOSAID_ENOMEM : 0;
}

static int make_builtin(const whosaid_meta_rules *m, int which, whosaid_buf *out)
{
    if (which == 1) return whosaid_calendar_pattern(m->cal, WHOSAID_CALENDAR_MONTH, out);
    if (which == 2) return whosaid_calendar_pattern(m->cal, WHOSAID_CALENDAR_WEEKDAY, out);
    size_t n = which == 3 ? m->nzones : m->noutlets;
    char **names = malloc((n ? n : 1) * sizeof *names);
    size_t *lens = malloc((n ? n : 1) * sizeof *lens);
    int rc = names && lens ? 0 : WHOSAID_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++) {
        names[i] = which == 3 ? m->zones[i].name : m->outlets[i].name;
        lens[i] = which == 3 ? m->zones[i].len : m->outlets[i].len;
    }
    if (!rc) rc = names_pattern(names, lens, n, out);
    free(names);
    free(lens);
    return rc;
}

/* Appends the expansion of builtin macro which (1..4), built on first use:
 * rules use them many times over. */
static int builtin_pattern(whosaid_meta_rules *m, int which, whosaid_buf *out)
{
    whosaid_buf *b = &m->builtin[which - 1];
    if (!b->len && make_builtin(m, which, b)) {
        whosaid_buf_clear(b);
        return WHOSAID_ENOMEM;
    }
    return whosaid_buf_append(out, b->data, b->len);
}

/* Length of the escape sequence at p (a backslash), so the arguments of
 * \p{Lu} or \x{2019} are not read as {NAME}s and \Q...\E is copied as it is. */
static size_t escape_len(const char *p)
{
    if (!p[1]) return 1;
    if (p[1] == 'Q') {
        const char *e = strstr(p + 2, "\\E");
        return e ? (size_t)(e - p) + 2 : strlen(p);
    }
    if (strchr("pPxoNkg", p[1]) && p[2] == '{') {
        const char *e = strchr(p + 3, '}');
        return e ? (size_t)(e - p) + 1 : strlen(p);
    }
    return 2;
}

/* Appends pattern p to out with every {NAME} replaced by its expansion in a
 * non-capturing group (the syntax of the tag rules: a NAME is an upper-case
 * letter, then upper-case letters, digits and _; "{2,4}" stays a
 * quantifier). On an error writes why into msg. */
static int expand(whosaid_meta_rules *m, const char *p, whosaid_buf *out, int depth, char *msg,
                  size_t msgcap)
{
    while (*p) {
        if (*p == '\\') {
            size_t n = escape_len(p);
            if (whosaid_buf_append(out, p, n)) return WHOSAID_ENOMEM;
            p += n;
            continue;
        }
        const char *q = p + 1;
        if (*p == '{' && *q >= 'A' && *q <= 'Z')
            while (is_macro_char(*q))
                q++;
        if (*p != '{' || *q != '}' || q == p + 1) {
            if (whosaid_buf_append_char(out, *p++)) return WHOSAID_ENOMEM;
            continue;
        }
        const char *name = p + 1;
        int nlen = (int)(q - name);
        int which = builtin_macro(name, (size_t)nlen);
        int rc;
        if (which) {
            rc = builtin_pattern(m, which, out);
        } else {
            const meta_define *d = NULL;
            for (size_t i = 0; i < m->ndefs && !d; i++)
                if (strlen(m->defs[i].name) == (size_t)nlen && !memcmp(m->defs[i].name, name, nlen))
                    d = &m->defs[i];
            if (!d) {
                snprintf(msg, msgcap, "undefined {%.*s}", nlen, name);
                return WHOSAID_ESYNTAX;
            }
            if (depth >= MACRO_DEPTH) {
                snprintf(msg, msgcap, "{%.*s} nests too deeply (does it use itself?)", nlen, name);
                return WHOSAID_ESYNTAX;
            }
            rc = whosaid_buf_append_str(out, "(?:");
            if (!rc) rc = expand(m, d->pattern, out, depth + 1, msg, msgcap);
            if (!rc) rc = whosaid_buf_append_str(out, "\\E)");
        }
        if (rc) {
            if (rc == WHOSAID_ENOMEM) snprintf(msg, msgcap, "out of memory");
            return rc;
        }
        p = q + 1;
    }
    return 0;
}

/* Maps the pattern's named groups to fields; an unknown name is an error
 * (a typo would otherwise silently extract nothing). */
static int map_groups(meta_rule *r, char *msg, size_t msgcap)
{
    const char *name;
    uint32_t num;
    for (uint32_t i = 0; whosaid_regex_named_group(r->re, i, &name, &num); i++) {
        int f = 0;
        while (f < F_COUNT && strcmp(FIELD[f], name))
            f++;
        if (f == F_COUNT) {
            snprintf(msg, msgcap,
                     "unknown group name \"%s\" (known: outlet, byline, dateline, year, month, "
                     "day, hour, minute, ampm, tz, role)",
                     name);
            return WHOSAID_ESYNTAX;
        }
        if (r->ngroups[f] == MAX_DUP) {
            snprintf(msg, msgcap, "more than %d groups named \"%s\"", MAX_DUP, name);
            return WHOSAID_ESYNTAX;
        }
        r->groups[f][r->ngroups[f]++] = num;
    }
    return 0;
}

/* Compiles pattern p with its macros expanded: (?J) lets alternatives (and
 * macros) reuse group names; tail closes the group ("\\E)$" for a whole
 * line). On a PCRE2 error, the message is for the pattern as written when
 * that alone fails, so the offset points into the user's text. */
static whosaid_regex *compile_expanded(whosaid_meta_rules *m, const char *p, const char *tail,
                                       long lineno, int flags, whosaid_buf *tmp, whosaid_error *err)
{
    char msg[sizeof err->msg];
    whosaid_buf_clear(tmp);
    int rc = whosaid_buf_append_str(tmp, "(?J)^(?:");
    if (!rc) rc = expand(m, p, tmp, 0, msg, sizeof msg);
    if (!rc) rc = whosaid_buf_append_str(tmp, tail);
    if (rc) {
        if (rc == WHOSAID_ENOMEM) snprintf(msg, sizeof msg, "out of memory");
        whosaid_error_set(err, rc, m->path, lineno, "%s", msg);
        return NULL;
    }
    whosaid_error e;
    whosaid_regex *re = whosaid_regex_new(tmp->data, flags, &e);
    if (re) return re;
    if (e.code == WHOSAID_ESYNTAX) {
        whosaid_error raw_e;
        whosaid_regex *raw = whosaid_regex_new(p, WHOSAID_REGEX_NO_JIT, &raw_e);
        if (!raw)
            e = raw_e;
        else
            snprintf(e.msg + strlen(e.msg), sizeof e.msg - strlen(e.msg),
                     " (in the pattern with its macros expanded)");
        whosaid_regex_free(raw);
    }
    whosaid_error_set(err, e.code, m->path, lineno, "%s", e.msg);
    return NULL;
}

static int compile_rule(whosaid_meta_rules *m, meta_rule *r, whosaid_buf *tmp, whosaid_error *err)
{
    /* A rule with needs= words runs on a few header lines: matching them in
     * PCRE2's interpreter costs less than JIT-compiling the rule. */
    r->re = compile_expanded(m, r->pattern, r->kind != RULE_DATELINE ? "\\E)$" : "\\E)", r->lineno,
                             r->needs ? WHOSAID_REGEX_NO_JIT : 0, tmp, err);
    if (!r->re) return err ? err->code : WHOSAID_ESYNTAX;
    char msg[sizeof err->msg];
    int rc = map_groups(r, msg, sizeof msg);
    if (rc) return whosaid_error_set(err, rc, m->path, r->lineno, "%s", msg);
    const char *base = strrchr(m->path, '/');
    base = base ? base + 1 : m->path;
    size_t n = strlen(base) + 24;
    if (!(r->why = malloc(n)))
        return whosaid_error_set(err, WHOSAID_ENOMEM, m->path, 0, "out of memory");
    snprintf(r->why, n, "%s:%ld", base, r->lineno);
    free(r->pattern);
    r->pattern = NULL;
    return 0;
}

/* A define must be a pattern on its own, so a mistake in one is reported
 * at its line rather than at every rule that uses it. */
static int check_define(whosaid_meta_rules *m, const meta_define *d, whosaid_buf *tmp,
                        whosaid_error *err)
{
    whosaid_regex *re =
        compile_expanded(m, d->pattern, "\\E)", d->lineno, WHOSAID_REGEX_NO_JIT, tmp, err);
    if (!re) return err ? err->code : WHOSAID_ESYNTAX;
    whosaid_regex_free(re);
    return 0;
}

whosaid_meta_rules *whosaid_meta_load(const char *path, const whosaid_calendar *cal,
                                      whosaid_error *err)
{
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return NULL;
    whosaid_meta_rules *m = calloc(1, sizeof *m);
    if (!m || !(m->path = strdup(path))) {
        whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
        whosaid_rulefile_close(rf);
        whosaid_meta_free(m);
        return NULL;
    }
    m->cal = cal;
    int rc;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1)
        if ((rc = parse_line(m, rf, err)) != 0) break;
    whosaid_rulefile_close(rf);
    /* Patterns are compiled once the whole file is read, so defines, zones
     * and outlets may come in any order. */
    whosaid_buf tmp = WHOSAID_BUF_INIT;
    for (size_t i = 0; i < m->ndefs && rc == 0; i++)
        rc = check_define(m, &m->defs[i], &tmp, err);
    for (size_t i = 0; i < m->nrules && rc == 0; i++)
        rc = compile_rule(m, &m->rules[i], &tmp, err);
    whosaid_buf_free(&tmp);
    if (rc != 0) {
        whosaid_meta_free(m);
        return NULL;
    }
    return m;
}

void whosaid_meta_free(whosaid_meta_rules *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->nrules; i++) {
        free(m->rules[i].pattern);
        free(m->rules[i].why);
        whosaid_regex_free(m->rules[i].re);
        whosaid_needs_free(m->rules[i].needs);
    }
    for (size_t i = 0; i < m->ndefs; i++) {
        free(m->defs[i].name);
        free(m->defs[i].pattern);
    }
    for (size_t i = 0; i < m->nzones; i++)
        free(m->zones[i].name);
    for (size_t i = 0; i < m->noutlets; i++)
        free(m->outlets[i].name);
    free(m->rules);
    free(m->defs);
    free(m->zones);
    free(m->outlets);
    for (size_t i = 0; i < sizeof m->builtin / sizeof *m->builtin; i++)
        whosaid_buf_free(&m->builtin[i]);
    free(m->path);
    free(m->hits);
    free(m);
}

/* ---- Extraction ----------------------------------------------------------- */

/* What the header told us about the publication date, written at the end so
 * a time may come from a line before or after the date. */
typedef struct pub_state {
    int have_date, have_time, have_tz;
    whosaid_date date;
    int hour, minute;
    const char *tz;
    size_t tz_len;
    int weak_outlet; /* the outlet came from a line alone (a masthead) */
} pub_state;

static int group_text(const meta_rule *r, int f, const char *s, const char **t, size_t *len)
{
    for (unsigned i = 0; i < r->ngroups[f]; i++) {
        size_t a, b;
        if (whosaid_regex_group(r->re, r->groups[f][i], &a, &b) && b > a) {
            *t = s + a;
            *len = b - a;
            return 1;
        }
    }
    return 0;
}

/* The value of s[0..len) if it is 1 to max_digits ASCII digits, else -1. */
static int parse_uint(const char *s, size_t len, size_t max_digits)
{
    if (len == 0 || len > max_digits) return -1;
    int v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int given(const json_t *meta, const char *key)
{
    const json_t *v = json_object_get(meta, key);
    return v && !json_is_null(v);
}

/* Trims blanks and separators a capture may drag along ("Jane Doe, "). */
static void trim(const char **s, size_t *len)
{
    while (*len && ((*s)[0] == ' ' || (*s)[0] == '\t'))
        (*s)++, (*len)--;
    for (;;) {
        size_t n = *len;
        if (!n) return;
        unsigned char c = (unsigned char)(*s)[n - 1];
        if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == ':' || c == '|' || c == '-')
            *len = n - 1;
        else if (n >= 3 && !memcmp(*s + n - 3, "\xE2\x80", 2) &&
                 ((unsigned char)(*s)[n - 1] == 0x93 || (unsigned char)(*s)[n - 1] == 0x94))
            *len = n - 3; /* en or em dash */
        else
            return;
    }
}

static int set_string(json_t *meta, const char *key, const char *s, size_t len)
{
    json_t *v = json_stringn(s, len);
    if (!v || json_object_set_new(meta, key, v)) return WHOSAID_ENOMEM;
    return 0;
}

static const char *canonical_outlet(const whosaid_meta_rules *m, const char *s, size_t len,
                                    size_t *out_len)
{
    for (size_t i = 0; i < m->noutlets; i++) {
        if (!same_name(m->outlets[i].name, m->outlets[i].len, s, len)) continue;
        const meta_outlet *c = &m->outlets[m->outlets[i].canonical];
        *out_len = c->len;
        return c->name;
    }
    *out_len = len;
    return s;
}

/* Fills the text fields and notes date parts from the last match of r. */
static int apply_match(const whosaid_meta_rules *m, const meta_rule *r, const whosaid_line *ln,
                       json_t *meta, pub_state *st)
{
    const char *t;
    size_t len;
    /* A credit line (an outlet with a byline or a date: "Xinhua | Updated:
     * ...") names the story's outlet; a masthead alone above it only the
     * site's, so the credit line's replaces it. */
    int credit = group_text(r, F_BYLINE, ln->s, &t, &len) ||
                 group_text(r, F_YEAR, ln->s, &t, &len) || group_text(r, F_HOUR, ln->s, &t, &len);
    for (int f = F_OUTLET; f <= F_DATELINE; f++) {
        int replace = f == F_OUTLET && st->weak_outlet && credit;
        if ((given(meta, FIELD[f]) && !replace) || !group_text(r, f, ln->s, &t, &len)) continue;
        trim(&t, &len);
        if (!len) continue;
        if (f == F_OUTLET) {
            t = canonical_outlet(m, t, len, &len);
            st->weak_outlet = !credit;
        }
        if (set_string(meta, FIELD[f], t, len)) return WHOSAID_ENOMEM;
    }
    int got_date = 0;
    const char *ys, *ms, *ds;
    size_t yl, ml, dl;
    if (!st->have_date && group_text(r, F_YEAR, ln->s, &ys, &yl) &&
        group_text(r, F_MONTH, ln->s, &ms, &ml) && group_text(r, F_DAY, ln->s, &ds, &dl)) {
        whosaid_date d = {parse_uint(ys, yl, 4), parse_uint(ms, ml, 2), parse_uint(ds, dl, 2)};
        if (d.month < 0) d.month = whosaid_calendar_month(m->cal, ms, ml);
        if (d.year >= 1800 && d.year < 2200 && whosaid_timex_valid(&d)) {
            st->date = d;
            st->have_date = got_date = 1;
        }
    }
    const char *hs, *mins;
    size_t hl, minl;
    if (!st->have_time && group_text(r, F_HOUR, ln->s, &hs, &hl) &&
        group_text(r, F_MINUTE, ln->s, &mins, &minl)) {
        int h = parse_uint(hs, hl, 2), mi = parse_uint(mins, minl, 2);
        const char *ap;
        size_t apl;
        if (group_text(r, F_AMPM, ln->s, &ap, &apl)) {
            if (h < 1 || h > 12)
                h = -1;
            else if (ap[0] == 'p' || ap[0] == 'P')
                h = h % 12 + 12;
            else
                h %= 12;
        }
        /* A time on a line whose date we did not take belongs to that date. */
        int other_date = !got_date && group_text(r, F_YEAR, ln->s, &ys, &yl);
        if (h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && !other_date) {
            st->hour = h;
            st->minute = mi;
            st->have_time = 1;
            st->have_tz = group_text(r, F_TZ, ln->s, &st->tz, &st->tz_len);
        }
    }
    return 0;
}

/* Day of month of the n-th (n > 0) or last (n = 0) Sunday of a month. */
static int sunday(int year, int month, int n)
{
    whosaid_date d = {year, month, 1};
    int first = 1 + (7 - whosaid_timex_weekday(&d)) % 7;
    if (n > 0) return first + 7 * (n - 1);
    int last = first;
    while (last + 7 <= whosaid_timex_month_days(year, month))
        last += 7;
    return last;
}

/* Whether daylight saving time is in force on a date under a rule (by date
 * only: the hour of the switch is not looked at). */
static int dst_on(int rule, const whosaid_date *d)
{
    int md = d->month * 100 + d->day, start, end;
    if (rule == DST_US && d->year >= 2007) {
        start = 300 + sunday(d->year, 3, 2);
        end = 1100 + sunday(d->year, 11, 1);
    } else if (rule == DST_US) {
        start = 400 + sunday(d->year, 4, 1);
        end = 1000 + sunday(d->year, 10, 0);
    } else if (rule == DST_EU) {
        start = 300 + sunday(d->year, 3, 0);
        end = 1000 + sunday(d->year, 10, 0);
    } else {
        return 0;
    }
    return md >= start && md < end;
}

/* UTC offset in minutes of a tz capture: a zone name from the table
 * ("ET", "Beijing Time"), optionally followed by "+8" or "+08:00", or a
 * bare "+0800". 0 when it is none of these. */
static int tz_offset(const whosaid_meta_rules *m, const char *s, size_t len, const whosaid_date *d,
                     int *minutes)
{
    trim(&s, &len);
    const meta_zone *best = NULL;
    for (size_t i = 0; i < m->nzones; i++) {
        const meta_zone *z = &m->zones[i];
        if (z->len <= len && (!best || z->len > best->len) && same_name(z->name, z->len, s, z->len))
            best = z;
    }
    int base = 0;
    if (best) {
        base = best->offset + (dst_on(best->dst, d) ? 60 : 0);
        s += best->len;
        len -= best->len;
        while (len && *s == ' ')
            s++, len--;
        if (!len) {
            *minutes = base;
            return 1;
        }
    }
    char tmp[16];
    if (len >= sizeof tmp) return 0;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    int off;
    if (parse_offset(tmp, &off)) return 0;
    *minutes = base + off;
    return 1;
}

static int write_published(const whosaid_meta_rules *m, const pub_state *st, json_t *meta)
{
    if (!st->have_date) return 0;
    char buf[64];
    const whosaid_date *d = &st->date;
    int n = snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
    if (set_string(meta, "published", buf, (size_t)n)) return WHOSAID_ENOMEM;
    if (!st->have_time) return 0;
    n = snprintf(buf, sizeof buf, "%02d:%02d", st->hour, st->minute);
    if (set_string(meta, "published_time", buf, (size_t)n)) return WHOSAID_ENOMEM;
    int off;
    if (!st->have_tz || !tz_offset(m, st->tz, st->tz_len, d, &off)) return 0;
    int a = off < 0 ? -off : off;
    n = snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d%c%02d:%02d", d->year, d->month, d->day,
                 st->hour, st->minute, off < 0 ? '-' : '+', a / 60, a % 60);
    return set_string(meta, "published_datetime", buf, (size_t)n);
}

/* Remembers that rule i hit the match limit on a line of `bytes` bytes
 * (once per extract); 0 or WHOSAID_ENOMEM. */
static int note_limit(whosaid_meta_rules *m, size_t i, size_t bytes)
{
    meta_rule *r = &m->rules[i];
    if (r->hit) return 0;
    if (whosaid_grow((void **)&m->hits, &m->caphits, m->nhits + 1, sizeof *m->hits))
        return WHOSAID_ENOMEM;
    m->hits[m->nhits++] = i;
    r->hit = 1;
    r->hit_bytes = bytes;
    return 0;
}

static int by_index(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

size_t whosaid_meta_limit_hits(const whosaid_meta_rules *m)
{
    return m->nhits;
}

int whosaid_meta_limit_hit(const whosaid_meta_rules *m, size_t i, const char **file, long *line,
                           size_t *bytes)
{
    if (i >= m->nhits) return 0;
    const meta_rule *r = &m->rules[m->hits[i]];
    *file = m->path;
    *line = r->lineno;
    *bytes = r->hit_bytes;
    return 1;
}

/* A line that is only a person's name: 2 to 4 words, each a capital and
 * then lower-case letters (apostrophes, hyphens, periods: "O'Neill",
 * "Jean-Paul", "J."), as pages print the name above the reporter's role. */
static int name_line(const whosaid_line *ln)
{
    if (ln->len > 60) return 0; /* four long words */
    size_t i = 0, words = 0;
    int at_start = 1;
    int32_t cp;
    while ((cp = whosaid_utf8_next(ln->s, ln->len, &i)) >= 0) {
        if (cp == ' ') {
            at_start = 1;
            continue;
        }
        utf8proc_category_t c = utf8proc_category(cp);
        if (at_start) {
            if (c != UTF8PROC_CATEGORY_LU || ++words > 4) return 0;
            at_start = 0;
        } else if (c != UTF8PROC_CATEGORY_LL && c != UTF8PROC_CATEGORY_MN && cp != '\'' &&
                   cp != 0x2019 && cp != '-' && cp != '.') {
            return 0;
        }
    }
    return words >= 2;
}

/* The name line just above line k ("Share", "Save" and other boilerplate
 * between them aside), or SIZE_MAX. */
static size_t name_above(const whosaid_lines *lines, size_t k)
{
    while (k > 0 && lines->v[k - 1].fate == WHOSAID_LINE_BOILER)
        k--;
    if (k == 0 || lines->v[k - 1].fate != WHOSAID_LINE_BODY || !name_line(&lines->v[k - 1]))
        return SIZE_MAX;
    return k - 1;
}

/* The first rule of kind that matches ln: 1 with *out, 0, or ENOMEM. A rule
 * that hits its match limit does not match the line (it is noted in
 * m->hits); the next rules are still tried. Rules with a role group are
 * tried only on line k of lines (NULL: never) under a name line, whose
 * index goes to *name: a role line means nothing without one. */
static int match_rule_at(whosaid_meta_rules *m, int kind, const whosaid_lines *lines, size_t k,
                         const whosaid_line *ln, size_t *name, const meta_rule **out,
                         whosaid_error *err)
{
    int looked = 0;
    for (size_t i = 0; i < m->nrules; i++) {
        const meta_rule *r = &m->rules[i];
        if (r->kind != kind || (r->ngroups[F_ROLE] && !lines)) continue;
        if (r->ngroups[F_ROLE]) {
            if (!looked) *name = name_above(lines, k);
            looked = 1;
            if (*name == SIZE_MAX) continue;
        }
        if (r->needs && !whosaid_needs_found(r->needs, ln->s, ln->len)) continue;
        int rc = whosaid_regex_search(r->re, ln->s, ln->len, 0);
        if (rc == 1) {
            *out = r;
            return 1;
        }
        if (rc < 0 && note_limit(m, i, ln->len))
            return whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
    }
    return 0;
}

static int match_rule(whosaid_meta_rules *m, int kind, const whosaid_line *ln,
                      const meta_rule **out, whosaid_error *err)
{
    return match_rule_at(m, kind, NULL, 0, ln, NULL, out, err);
}

/* Whether the dateline r just matched at the start of line k ends in a
 * colon ("MUMBAI: ") while another body paragraph opens with a dateline
 * too: that is a transcript's speaker turns ("WHITCOMB: So what happened?",
 * "BELL: Well, ..."), which a colon dateline looks like. Clobbers the
 * rules' match data: the caller matches line k again. <0 on error. */
static int colon_turns(whosaid_meta_rules *m, const whosaid_lines *lines, size_t header_end,
                       size_t k, const meta_rule *r, whosaid_error *err)
{
    size_t ms, me;
    if (!whosaid_regex_group(r->re, 0, &ms, &me)) return 0;
    const char *s = lines->v[k].s;
    while (me > ms && (s[me - 1] == ' ' || s[me - 1] == '\t'))
        me--;
    if (me == ms || s[me - 1] != ':') return 0;
    for (size_t j = header_end; j < lines->n; j++) {
        const whosaid_line *ln = &lines->v[j];
        if (j == k || ln->fate != WHOSAID_LINE_BODY || (j > header_end && !ln->para_break))
            continue;
        const meta_rule *other;
        int rc = match_rule(m, RULE_DATELINE, ln, &other, err);
        if (rc != 0) return rc;
    }
    return 0;
}

static int starts_lower(const whosaid_line *ln)
{
    size_t i = 0;
    int32_t cp = whosaid_utf8_next(ln->s, ln->len, &i);
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int has_letter(const whosaid_line *ln)
{
    size_t i = 0;
    int32_t cp;
    while ((cp = whosaid_utf8_next(ln->s, ln->len, &i)) >= 0) {
        utf8proc_category_t c = utf8proc_category(cp);
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) return 1;
    }
    return 0;
}

static int title_candidate(const whosaid_line *ln)
{
    return ln->fate == WHOSAID_LINE_BODY && !whosaid_boiler_navbar(ln) &&
           !whosaid_boiler_breadcrumb(ln) && has_letter(ln);
}

/* A page is more than its title: a line with no body after it is the body. */
static int body_after(const whosaid_lines *lines, size_t k)
{
    for (k++; k < lines->n; k++)
        if (lines->v[k].fate == WHOSAID_LINE_BODY) return 1;
    return 0;
}

/* A section label ("World", "Markets") above or beside the headline is a
 * candidate, but never in front of a line that reads like a headline. */
static int headline_like(const whosaid_line *ln)
{
    return title_candidate(ln) && !whosaid_boiler_section_label(ln);
}

/* The title line by pred: the last candidate before the first metadata
 * line, or when there is none, the first one after it; SIZE_MAX if none. */
static size_t find_title(const whosaid_lines *lines, size_t header_end, size_t first_meta,
                         int (*pred)(const whosaid_line *))
{
    size_t best = SIZE_MAX;
    for (size_t k = 0; k < first_meta && k < header_end; k++)
        if (pred(&lines->v[k])) best = k;
    /* Date lines first: the title is the first candidate after them. */
    for (size_t k = first_meta; best == SIZE_MAX && first_meta != SIZE_MAX && k < header_end; k++)
        if (pred(&lines->v[k])) best = k;
    return best;
}

static int pick_title(whosaid_lines *lines, size_t header_end, size_t first_meta, json_t *meta)
{
    if (given(meta, "title")) {
        /* Only take the line out of the body if it is the given title. */
        const char *t = json_string_value(json_object_get(meta, "title"));
        size_t tl = t ? strlen(t) : 0;
        for (size_t k = 0; t && k < header_end; k++) {
            whosaid_line *ln = &lines->v[k];
            if (ln->fate == WHOSAID_LINE_BODY && ln->len == tl && !memcmp(ln->s, t, tl)) {
                ln->fate = WHOSAID_LINE_META;
                ln->why = WHY_TITLE;
                break;
            }
        }
        return 0;
    }
    size_t best = find_title(lines, header_end, first_meta, headline_like);
    if (best == SIZE_MAX || !body_after(lines, best))
        best = find_title(lines, header_end, first_meta, title_candidate);
    if (best == SIZE_MAX || !body_after(lines, best)) return 0;
    whosaid_line *ln = &lines->v[best];
    ln->fate = WHOSAID_LINE_META;
    ln->why = WHY_TITLE;
    return set_string(meta, "title", ln->s, ln->len);
}

/* The foot of the page: an agency trailer ("Source: Al Jazeera and news
 * agencies") names the outlet when the header did not. The last
 * TRAILER_LINES lines that are not metadata are read (those of at most
 * TRAILER_BYTES), kept or removed alike (a boilerplate rule may have taken
 * the line); the first one a
 * trailer rule matches fills the fields still empty, and a body line it
 * matches becomes metadata. */
static int read_trailer(whosaid_meta_rules *m, whosaid_lines *lines, json_t *meta, pub_state *st,
                        whosaid_error *err)
{
    const meta_rule *r;
    for (size_t k = lines->n, n = 0; k > 0 && n < TRAILER_LINES; k--) {
        whosaid_line *ln = &lines->v[k - 1];
        if (ln->fate == WHOSAID_LINE_META) continue;
        n++;
        if (ln->len > TRAILER_BYTES) continue;
        int rc = match_rule(m, RULE_TRAILER, ln, &r, err);
        if (rc < 0) return rc;
        if (rc == 0) continue;
        if (ln->fate == WHOSAID_LINE_BODY) {
            ln->fate = WHOSAID_LINE_META;
            ln->why = r->why;
        }
        return apply_match(m, r, ln, meta, st);
    }
    return 0;
}

/* A role line ("BBC Wales political correspondent", "Political editor")
 * under the name line at `name`: the name is the byline, and both lines
 * are metadata. */
static int byline_above_role(whosaid_lines *lines, size_t name, const meta_rule *r, json_t *meta)
{
    whosaid_line *ln = &lines->v[name];
    ln->fate = WHOSAID_LINE_META;
    ln->why = r->why;
    return given(meta, "byline") ? 0 : set_string(meta, "byline", ln->s, ln->len);
}

/* A masthead ("BBC News" among the menu items) is metadata, but the title
 * is read before the first line with more than the outlet in it. */
static int masthead(const meta_rule *r, const whosaid_line *ln)
{
    const char *t;
    size_t len;
    for (int f = F_OUTLET + 1; f < F_COUNT; f++)
        if (group_text(r, f, ln->s, &t, &len)) return 0;
    return group_text(r, F_OUTLET, ln->s, &t, &len);
}

/* The body of whosaid_meta_extract, hits reset and sorted around it. */
static int extract(whosaid_meta_rules *m, whosaid_lines *lines, json_t *meta, whosaid_error *err)
{
    pub_state st = {0};
    st.have_date = given(meta, "published"); /* then nothing date-like is written */
    int keep_date = st.have_date;
    const meta_rule *r;
    int rc;
    size_t header_end = lines->n, first_meta = SIZE_MAX, first_masthead = SIZE_MAX, seen = 0;
    for (size_t k = 0; k < lines->n; k++) {
        whosaid_line *ln = &lines->v[k];
        if (ln->fate != WHOSAID_LINE_BODY) continue;
        if (++seen > HEADER_MAX) {
            header_end = k;
            break;
        }
        size_t name_at = SIZE_MAX;
        if ((rc = match_rule_at(m, RULE_LINE, lines, k, ln, &name_at, &r, err)) < 0) return rc;
        if (rc == 1) {
            ln->fate = WHOSAID_LINE_META;
            ln->why = r->why;
            if (!masthead(r, ln)) {
                if (first_meta == SIZE_MAX) first_meta = k;
            } else if (first_masthead == SIZE_MAX) {
                first_masthead = k;
            }
            if ((rc = apply_match(m, r, ln, meta, &st)) != 0) return rc;
            if (r->ngroups[F_ROLE]) {
                if ((rc = byline_above_role(lines, name_at, r, meta)) != 0) return rc;
                if (name_at < first_meta) first_meta = name_at;
            }
            continue;
        }
        /* A long navigation bar is no paragraph; the heuristics take it later. */
        if (whosaid_boiler_navbar(ln) || whosaid_boiler_breadcrumb(ln)) continue;
        if (!ln->para_break && k > 0 && starts_lower(ln)) {
            /* A hard-wrapped paragraph: the body began at its first line. */
            while (k > 0 && !lines->v[k].para_break)
                k--;
            header_end = k;
            break;
        }
        if (whosaid_boiler_prose(ln)) {
            header_end = k;
            break;
        }
        if ((rc = match_rule(m, RULE_DATELINE, ln, &r, err)) < 0) return rc;
        if (rc == 1) {
            header_end = k;
            break;
        }
    }
    if (first_meta == SIZE_MAX) first_meta = first_masthead;
    if ((rc = pick_title(lines, header_end, first_meta, meta)) != 0) return rc;
    /* The section labels and the masthead left in the header are page
     * furniture, not paragraphs (the header has no prose line). */
    for (size_t k = 0; k < header_end; k++) {
        whosaid_line *ln = &lines->v[k];
        if (ln->fate == WHOSAID_LINE_BODY && whosaid_boiler_section_label(ln) &&
            body_after(lines, k)) {
            ln->fate = WHOSAID_LINE_BOILER;
            ln->why = WHY_SECTION;
        }
    }

    /* Some layouts (AP's) print the byline and date under the first
     * paragraph: short lines up to the second prose line may still be
     * metadata, by the same whole-line rules (never the title). */
    for (size_t k = header_end, prose = 0, n = 0; k < lines->n && prose < 2 && n < LATE_LINES;
         k++) {
        whosaid_line *ln = &lines->v[k];
        if (ln->fate != WHOSAID_LINE_BODY) continue;
        n++;
        if (whosaid_boiler_prose(ln)) {
            prose++;
            continue;
        }
        if ((rc = match_rule(m, RULE_LINE, ln, &r, err)) < 0) return rc;
        if (rc == 1) {
            ln->fate = WHOSAID_LINE_META;
            ln->why = r->why;
            if ((rc = apply_match(m, r, ln, meta, &st)) != 0) return rc;
        }
    }

    /* The dateline opens one of the first paragraphs of the body. */
    for (size_t k = header_end, paras = 0; k < lines->n && paras < DATELINE_PARAS; k++) {
        whosaid_line *ln = &lines->v[k];
        if (ln->fate != WHOSAID_LINE_BODY || (k > header_end && !ln->para_break)) continue;
        paras++;
        if ((rc = match_rule(m, RULE_DATELINE, ln, &r, err)) < 0) return rc;
        if (rc == 1) {
            if ((rc = colon_turns(m, lines, header_end, k, r, err)) < 0) return rc;
            rc = rc ? 0 : match_rule(m, RULE_DATELINE, ln, &r, err);
            if (rc < 0) return rc;
        }
        if (rc == 1) {
            if ((rc = apply_match(m, r, ln, meta, &st)) != 0) return rc;
            break;
        }
    }
    if ((rc = read_trailer(m, lines, meta, &st, err)) != 0) return rc;
    return keep_date ? 0 : write_published(m, &st, meta);
}

int whosaid_meta_extract(whosaid_meta_rules *m, whosaid_lines *lines, json_t *meta,
                         whosaid_error *err)
{
    for (size_t i = 0; i < m->nhits; i++)
        m->rules[m->hits[i]].hit = 0;
    m->nhits = 0;
    int rc = extract(m, lines, meta, err);
    /* Rule order, as whosaid-tag reports its hits. */
    if (m->nhits > 1) qsort(m->hits, m->nhits, sizeof *m->hits, by_index);
    return rc;
}
