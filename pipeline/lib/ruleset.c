/* Regex rule sets: loading rule files and the public API (ruleset.h).
 *
 * Keeps the rules (each a PCRE2 pattern with its type, priority, static
 * attributes and named groups), the {NAME} defines and word lists
 * substituted into later patterns as text (every define made stays, with
 * the pieces of its expansion, so a PCRE2 error offset is mapped back to
 * the pattern as written), and the gate lines' patterns. Loading a rule
 * works out how it is applied: its start condition (prefilter.h) decides
 * between a scan over the text, anchored tries and searches from the
 * accepted positions; "A(*SKIP)(*FAIL)|B" rules get their A branches
 * compiled apart (matched once per position, shared between rules) and
 * the whole pattern with them switched off. Patterns are JIT-compiled once,
 * in the form that is matched (a define, or the unanchored form of an
 * anchored rule, is only checked, without JIT code: compiling twice was
 * most of the start-up time). Cost: the rules' regexes and conditions
 * (~28 KB each, prefilter.h); expansion is linear in the expanded size,
 * capped at WHOSAID_RULESET_MAX_PATTERN.
 *
 * The other jobs live in rulegate.c (gates), ruletable.c (the inverted
 * start-condition tables) and ruleapply.c (the pass over a text); their
 * shared layout is whosaid/ruleset_impl.h. */
#include "whosaid/ruleset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/hashmap.h"
#include "whosaid/prefilter.h"
#include "whosaid/regex.h"
#include "whosaid/rulefile.h"
#include "whosaid/ruleset_impl.h"
#include "whosaid/utf8.h"
#include "whosaid/wordtrie.h"

#define ORDER_SHIFT 20

whosaid_ruleset *whosaid_ruleset_new(void)
{
    whosaid_ruleset *rs = calloc(1, sizeof *rs);
    if (!rs) return NULL;
    rs->cur_gate = NO_GATE;
    rs->names = whosaid_hashmap_new();
    if (!rs->names) {
        free(rs);
        return NULL;
    }
    return rs;
}

static void define_free(define *d)
{
    free(d->name);
    free(d->written);
    free(d->expanded);
    free(d->segs);
}

static void rule_free(rule *r)
{
    whosaid_regex_free(r->re);
    for (size_t i = 0; i < r->nskips; i++) {
        whosaid_regex_free(r->skips[i]);
        whosaid_prefilter_free(r->skip_pfs[i]);
    }
    free(r->skips);
    free(r->skip_pfs);
    free(r->skip_memo);
    whosaid_prefilter_free(r->rest_pf);
    free(r->type);
    json_decref(r->attrs);
    free(r->groups);
}

void whosaid_ruleset_free(whosaid_ruleset *rs)
{
    if (!rs) return;
    for (size_t i = 0; i < rs->n; i++)
        rule_free(&rs->rules[i]);
    free(rs->rules);
    for (size_t i = 0; i < rs->ndefs; i++)
        define_free(&rs->defs[i]);
    free(rs->defs);
    whosaid_hashmap_free(rs->names);
    for (size_t i = 0; i < rs->nfiles; i++)
        free(rs->files[i]);
    free(rs->files);
    free(rs->hits);
    whosaid_buf_free(&rs->pat);
    free(rs->segs);
    for (size_t i = 0; i < rs->nfilt; i++)
        whosaid_prefilter_free(rs->pfs[i]);
    free(rs->pfs);
    free(rs->filt);
    whosaid_ruletable_free(rs);
    whosaid_prefilter_memo_free(rs->pf_memo);
    for (size_t i = 0; i < rs->ngates; i++)
        whosaid_rulegate_free(&rs->gates[i]);
    free(rs->gates);
    for (size_t i = 0; i < rs->nmemo; i++) {
        free(rs->memo[i].pattern);
        free(rs->memo[i].rc);
        free(rs->memo[i].end);
    }
    free(rs->memo);
    free(rs->bpos);
    free(rs->bcell);
    free(rs->bafter);
    free(rs->btext);
    free(rs);
}

size_t whosaid_ruleset_count(const whosaid_ruleset *rs)
{
    return rs->n;
}

static int nomem(whosaid_error *err)
{
    return whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "%s", whosaid_errmsg(WHOSAID_ENOMEM));
}

static int copy_error(whosaid_error *err, const whosaid_error *e)
{
    if (err) *err = *e;
    return e->code;
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_name_char(char c)
{
    return is_upper(c) || is_digit(c) || c == '_';
}

/* A define name: an upper-case letter, then upper-case letters, digits, _. */
static int valid_name(const char *s)
{
    if (!is_upper(*s)) return 0;
    while (is_name_char(*s))
        s++;
    return *s == '\0';
}

/* ---- Expanding {NAME}s ------------------------------------------------ */

static int add_seg(whosaid_ruleset *rs, seg s)
{
    if (s.len == 0 && s.def == NO_DEFINE) return 0;
    if (rs->nsegs == rs->segs_cap) {
        size_t cap = rs->segs_cap ? rs->segs_cap * 2 : 16;
        seg *v = realloc(rs->segs, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        rs->segs = v;
        rs->segs_cap = cap;
    }
    rs->segs[rs->nsegs++] = s;
    return 0;
}

static int append_text(whosaid_ruleset *rs, const char *pattern, size_t from, size_t to)
{
    seg s = {rs->pat.len, to - from, from, to - from, NO_DEFINE};
    if (whosaid_buf_append(&rs->pat, pattern + from, to - from)) return WHOSAID_ENOMEM;
    return add_seg(rs, s);
}

static int too_long(whosaid_error *err)
{
    return whosaid_error_set(err, WHOSAID_ELIMIT, NULL, 0,
                             "pattern longer than %d bytes after expanding {NAME}s",
                             WHOSAID_RULESET_MAX_PATTERN);
}

/* Substitutes define number di for pattern[at .. at + n) ("{NAME}"). */
static int append_define(whosaid_ruleset *rs, size_t di, size_t at, size_t n, whosaid_error *err)
{
    const define *d = &rs->defs[di];
    if (rs->pat.len + d->exp_len + 4 > WHOSAID_RULESET_MAX_PATTERN) return too_long(err);
    seg s = {rs->pat.len, d->exp_len + 4, at, n, di};
    if (whosaid_buf_append(&rs->pat, "(?:", 3) ||
        whosaid_buf_append(&rs->pat, d->expanded, d->exp_len) ||
        whosaid_buf_append(&rs->pat, ")", 1) || add_seg(rs, s))
        return nomem(err);
    return 0;
}

/* Index just past a \Q...\E quote starting at pattern[i] (the backslash). */
static size_t skip_quote(const char *pattern, size_t i)
{
    const char *e = strstr(pattern + i + 2, "\\E");
    return e ? (size_t)(e - pattern) + 2 : strlen(pattern);
}

/* Index just past the escape at pattern[i] (the backslash), including the
 * braced argument of \p{Lu}, \x{2019}, \k{name} and the like. */
static size_t skip_escape(const char *pattern, size_t i)
{
    char c = pattern[i + 1];
    if (c == 'Q') return skip_quote(pattern, i);
    if (c == '\0') return i + 1;
    if (pattern[i + 2] == '{' && strchr("pPxogk", c)) {
        const char *close = strchr(pattern + i + 3, '}');
        return close ? (size_t)(close - pattern) + 1 : i + 2;
    }
    return i + 2;
}

/* Expands pattern into rs->pat with its pieces in rs->segs. {NAME} is
 * substituted everywhere but in escapes (\{, \p{Lu}) and inside \Q...\E;
 * a '{' that does not start {NAME} (as in \d{2,4}) is left alone. */
static int expand(whosaid_ruleset *rs, const char *pattern, whosaid_error *err)
{
    whosaid_buf_clear(&rs->pat);
    rs->nsegs = 0;
    if (whosaid_buf_append(&rs->pat, "", 0)) return nomem(err);
    size_t i = 0, text = 0;
    while (pattern[i]) {
        if (pattern[i] == '\\') {
            i = skip_escape(pattern, i);
            continue;
        }
        if (pattern[i] != '{' || !is_upper(pattern[i + 1])) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (is_name_char(pattern[j]))
            j++;
        if (pattern[j] != '}') {
            i = j;
            continue;
        }
        uint64_t di;
        if (!whosaid_hashmap_get(rs->names, pattern + i + 1, j - i - 1, &di))
            return whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0, "undefined {%.*s}",
                                     (int)(j - i - 1), pattern + i + 1);
        if (append_text(rs, pattern, text, i)) return nomem(err);
        int rc = append_define(rs, (size_t)di, i, j + 1 - i, err);
        if (rc) return rc;
        i = text = j + 1;
    }
    if (rs->pat.len + (i - text) > WHOSAID_RULESET_MAX_PATTERN) return too_long(err);
    if (append_text(rs, pattern, text, i)) return nomem(err);
    return 0;
}

/* Maps offset off of an expanded pattern back to the innermost define it
 * fell in (*in, NULL for none) and the offset in that pattern as written. */
static void map_offset(const whosaid_ruleset *rs, const seg *segs, size_t nsegs, size_t written_len,
                       size_t off, const char **in, size_t *out)
{
    *in = NULL;
    for (;;) {
        const seg *s = NULL;
        for (size_t k = 0; k < nsegs && !s; k++)
            if (off >= segs[k].exp && off < segs[k].exp + segs[k].len) s = &segs[k];
        if (!s) {
            *out = written_len;
            return;
        }
        size_t inner = off - s->exp;
        if (s->def == NO_DEFINE) {
            *out = s->src + inner;
            return;
        }
        const define *d = &rs->defs[s->def];
        if (inner < 3 || inner - 3 >= d->exp_len) {
            /* On the (?: ) wrapper: point at the '{' or the '}'. */
            *out = inner < 3 ? s->src : s->src + s->src_len - 1;
            return;
        }
        *in = d->name;
        off = inner - 3;
        if (!d->written) {
            *out = off;
            return;
        }
        segs = d->segs;
        nsegs = d->nsegs;
        written_len = strlen(d->written);
    }
}

/* Compiles rs->pat, expanded from written. A PCRE2 error keeps its text
 * ("offset N: ...") with N moved back to the pattern as written, prefixed by
 * "in {NAME}: " when it lies inside a substituted define. */
static whosaid_regex *compile(whosaid_ruleset *rs, const char *written, int flags,
                              whosaid_error *err)
{
    whosaid_error e;
    whosaid_regex *re = whosaid_regex_new(rs->pat.data, flags, &e);
    if (re) return re;
    const char *msg = e.msg;
    char *rest = NULL;
    unsigned long long off = 0;
    if (e.code == WHOSAID_ESYNTAX && strncmp(msg, "offset ", 7) == 0 && is_digit(msg[7]))
        off = strtoull(msg + 7, &rest, 10);
    if (!rest || strncmp(rest, ": ", 2) != 0) {
        whosaid_error_set(err, e.code, NULL, 0, "%s", msg);
        return NULL;
    }
    const char *in;
    size_t woff;
    map_offset(rs, rs->segs, rs->nsegs, strlen(written), (size_t)off, &in, &woff);
    if (in)
        whosaid_error_set(err, e.code, NULL, 0, "in {%s}: offset %zu: %s", in, woff, rest + 2);
    else
        whosaid_error_set(err, e.code, NULL, 0, "offset %zu: %s", woff, rest + 2);
    return NULL;
}

/* ---- Defines ---------------------------------------------------------- */

/* Records d (taking its allocations, freed on failure) as the define of its name. */
static int add_define(whosaid_ruleset *rs, define d, whosaid_error *err)
{
    if (rs->ndefs == rs->defs_cap) {
        size_t cap = rs->defs_cap ? rs->defs_cap * 2 : 16;
        define *v = realloc(rs->defs, cap * sizeof *v);
        if (!v) {
            define_free(&d);
            return nomem(err);
        }
        rs->defs = v;
        rs->defs_cap = cap;
    }
    if (whosaid_hashmap_put(rs->names, d.name, strlen(d.name), rs->ndefs) < 0) {
        define_free(&d);
        return nomem(err);
    }
    rs->defs[rs->ndefs++] = d;
    return 0;
}

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static int bad_name(const char *name, whosaid_error *err)
{
    return whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0,
                             "bad name '%s': expected an upper-case letter, then upper-case "
                             "letters, digits and _",
                             name);
}

int whosaid_ruleset_define(whosaid_ruleset *rs, const char *name, const char *pattern,
                           whosaid_error *err)
{
    if (!valid_name(name)) return bad_name(name, err);
    whosaid_error e;
    if (expand(rs, pattern, &e)) return copy_error(err, &e);
    /* Checked alone so a broken define is reported where it is written. */
    whosaid_regex *re = compile(rs, pattern, WHOSAID_REGEX_NO_JIT, &e);
    if (!re) return copy_error(err, &e);
    whosaid_regex_free(re);
    define d = {0};
    d.name = strdup(name);
    d.written = strdup(pattern);
    d.expanded = dup_n(rs->pat.data, rs->pat.len);
    d.exp_len = rs->pat.len;
    d.nsegs = rs->nsegs;
    d.segs = malloc((rs->nsegs ? rs->nsegs : 1) * sizeof *d.segs);
    if (!d.name || !d.written || !d.expanded || !d.segs) {
        define_free(&d);
        return nomem(err);
    }
    memcpy(d.segs, rs->segs, rs->nsegs * sizeof *d.segs);
    return add_define(rs, d, err);
}

/* Appends "(?=[...])" of the phrases' first characters, or nothing when
 * the tree has none to give (a phrase starting with a space). */
static int first_class_ahead(const whosaid_wordtrie *t, whosaid_buf *out)
{
    whosaid_buf cls = WHOSAID_BUF_INIT;
    int rc = whosaid_wordtrie_first_class(t, &cls);
    if (!rc && cls.len)
        rc = whosaid_buf_append_str(out, "(?=") || whosaid_buf_append(out, cls.data, cls.len) ||
             whosaid_buf_append_char(out, ')');
    whosaid_buf_free(&cls);
    return rc ? WHOSAID_ENOMEM : 0;
}

int whosaid_ruleset_define_words(whosaid_ruleset *rs, const char *name, const char *const *phrases,
                                 size_t n, whosaid_error *err)
{
    if (!valid_name(name)) return bad_name(name, err);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(phrases[i]);
        if (len == 0 || !whosaid_utf8_valid(phrases[i], len))
            return whosaid_error_set(
                err, WHOSAID_ESYNTAX, NULL, 0,
                len == 0 ? "phrase %zu is empty" : "phrase %zu is not valid UTF-8", i + 1);
    }
    /* A prefix tree written as a regex: each character of the text is read
     * once instead of once per phrase, with the flat list's preferences. */
    whosaid_wordtrie *trie = whosaid_wordtrie_new();
    int rc = trie ? 0 : WHOSAID_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++)
        rc = whosaid_wordtrie_add(trie, phrases[i], strlen(phrases[i]));
    whosaid_buf_clear(&rs->pat);
    if (!rc) rc = whosaid_buf_append(&rs->pat, "", 0);
    /* A look-ahead of the first characters: PCRE2 tries the tree's
     * top-level branches one by one, so where no phrase can start (most
     * places a list is tried: HEDGE before every number) one class test
     * replaces a dozen failed branches. It tests what the first character
     * of every branch tests, in the same case mode, so it changes no match. */
    if (!rc && n) rc = first_class_ahead(trie, &rs->pat);
    /* An empty list never matches, so emptying a word file switches it off;
     * the tree may have top-level '|', hence its group. */
    if (!rc)
        rc = n ? whosaid_buf_append_str(&rs->pat, "(?:") ||
                     whosaid_wordtrie_pattern(trie, NULL, &rs->pat) ||
                     whosaid_buf_append_char(&rs->pat, ')')
               : whosaid_buf_append_str(&rs->pat, "(?!)");
    whosaid_wordtrie_free(trie);
    if (rc) return nomem(err);
    if (rs->pat.len > WHOSAID_RULESET_MAX_PATTERN) return too_long(err);
    define d = {0};
    d.name = strdup(name);
    d.expanded = dup_n(rs->pat.data, rs->pat.len);
    d.exp_len = rs->pat.len;
    if (!d.name || !d.expanded) {
        define_free(&d);
        return nomem(err);
    }
    return add_define(rs, d, err);
}

/* ---- Loading rule files ----------------------------------------------- */

/* Re-reports inner (no location) at the current line of rf. */
static int at_line(const whosaid_rulefile *rf, whosaid_error *err, const whosaid_error *inner)
{
    return whosaid_rulefile_error(rf, err, inner->code, "%s", inner->msg);
}

static int field_count(const whosaid_rulefile *rf, whosaid_error *err, const char *what)
{
    return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "expected %s, got %zu field%s", what,
                                  whosaid_rulefile_nfields(rf),
                                  whosaid_rulefile_nfields(rf) == 1 ? "" : "s");
}

/* `words NAME a|b|c`: phrases separated by '|', blanks around them ignored. */
static int load_words(whosaid_ruleset *rs, const whosaid_rulefile *rf, whosaid_error *err)
{
    const char *name = whosaid_rulefile_field(rf, 1);
    char *list = strdup(whosaid_rulefile_field(rf, 2));
    size_t n = 1;
    for (const char *p = list ? list : ""; *p; p++)
        n += *p == '|';
    const char **v = malloc(n * sizeof *v);
    if (!list || !v) {
        free(list);
        free(v);
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    }
    n = 0;
    for (char *p = list;;) {
        char *bar = strchr(p, '|');
        if (bar) *bar = '\0';
        while (*p == ' ')
            p++;
        size_t len = strlen(p);
        while (len > 0 && p[len - 1] == ' ')
            p[--len] = '\0';
        if (len == 0) {
            free(list);
            free(v);
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "empty phrase %zu in word list",
                                          n + 1);
        }
        v[n++] = p;
        if (!bar) break;
        p = bar + 1;
    }
    whosaid_error e;
    int rc = whosaid_ruleset_define_words(rs, name, v, n, &e);
    free(list);
    free(v);
    return rc ? at_line(rf, err, &e) : 0;
}

/* The word file's path: absolute, or relative to the rule file's directory. */
static int word_file_path(const char *rule_path, const char *rel, whosaid_buf *out)
{
    const char *slash = strrchr(rule_path, '/');
    if (rel[0] != '/' && slash &&
        whosaid_buf_append(out, rule_path, (size_t)(slash - rule_path) + 1))
        return WHOSAID_ENOMEM;
    return whosaid_buf_append_str(out, rel);
}

static void free_phrases(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Reads the phrases of a word file, one per line; errors in it name it. */
static int read_word_file(whosaid_rulefile *wf, char ***out, size_t *nout, whosaid_error *err)
{
    char **v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = whosaid_rulefile_next(wf, err)) == 1) {
        if (whosaid_rulefile_nfields(wf) != 1) {
            rc = whosaid_rulefile_error(wf, err, WHOSAID_ESYNTAX,
                                        "expected one phrase per line (no TAB)");
            break;
        }
        const char *p = whosaid_rulefile_field(wf, 0);
        while (*p == ' ')
            p++;
        char **nv = n == cap ? realloc(v, (cap = cap ? cap * 2 : 64) * sizeof *v) : v;
        char *s = nv ? strdup(p) : NULL;
        if (nv) v = nv;
        if (!s) {
            rc = whosaid_rulefile_error(wf, err, WHOSAID_ENOMEM, "out of memory");
            break;
        }
        v[n++] = s;
    }
    if (rc < 0) {
        free_phrases(v, n);
        return rc;
    }
    *out = v;
    *nout = n;
    return 0;
}

static int load_word_file(whosaid_ruleset *rs, const whosaid_rulefile *rf, whosaid_error *err)
{
    whosaid_buf path = WHOSAID_BUF_INIT;
    if (word_file_path(whosaid_rulefile_path(rf), whosaid_rulefile_field(rf, 2), &path)) {
        whosaid_buf_free(&path);
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    }
    whosaid_error e;
    whosaid_rulefile *wf = whosaid_rulefile_open(path.data, &e);
    if (!wf) {
        int rc = whosaid_rulefile_error(rf, err, e.code, "cannot open word file %s: %s", path.data,
                                        e.msg);
        whosaid_buf_free(&path);
        return rc;
    }
    whosaid_buf_free(&path);
    char **v = NULL;
    size_t n = 0;
    int rc = read_word_file(wf, &v, &n, err);
    whosaid_rulefile_close(wf);
    if (rc < 0) return rc;
    rc = whosaid_ruleset_define_words(rs, whosaid_rulefile_field(rf, 1), (const char *const *)v, n,
                                      &e);
    free_phrases(v, n);
    return rc ? at_line(rf, err, &e) : 0;
}

/* A type: an upper-case letter, then upper-case letters and _. */
static int valid_type(const char *s)
{
    if (!is_upper(*s)) return 0;
    while (is_upper(*s) || *s == '_')
        s++;
    return *s == '\0';
}

static int parse_priority(const char *s, int *out)
{
    const char *p = s + (*s == '-' || *s == '+');
    if (!is_digit(*p)) return 0;
    long v = 0;
    for (; is_digit(*p); p++) {
        v = v * 10 + (*p - '0');
        if (v > WHOSAID_RULESET_MAX_PRIORITY) return 0;
    }
    if (*p) return 0;
    *out = (int)(*s == '-' ? -v : v);
    return 1;
}

/* key=value;key=value (keys: a lower-case letter, then lower-case letters,
 * digits, _; values non-empty), or "-" for none. */
static int parse_attrs(const char *s, json_t **out, whosaid_error *err)
{
    *out = NULL;
    if (strcmp(s, "-") == 0) return 0;
    json_t *obj = json_object();
    if (!obj) return nomem(err);
    for (const char *p = s;;) {
        const char *end = strchr(p, ';');
        if (!end) end = p + strlen(p);
        const char *eq = memchr(p, '=', (size_t)(end - p));
        if (!eq || eq == p || eq + 1 == end) {
            json_decref(obj);
            return whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0,
                                     "bad attribute '%.*s': expected key=value", (int)(end - p), p);
        }
        int ok = is_lower(*p);
        for (const char *k = p; k < eq; k++)
            ok = ok && (is_lower(*k) || is_digit(*k) || *k == '_');
        char key[128];
        if (!ok || (size_t)(eq - p) >= sizeof key) {
            json_decref(obj);
            return whosaid_error_set(
                err, WHOSAID_ESYNTAX, NULL, 0,
                "bad attribute key '%.*s': expected lower-case letters, digits and _",
                (int)(eq - p), p);
        }
        memcpy(key, p, (size_t)(eq - p));
        key[eq - p] = '\0';
        if (json_object_get(obj, key)) {
            json_decref(obj);
            return whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0, "duplicate attribute '%s'",
                                     key);
        }
        if (json_object_set_new(obj, key, json_stringn(eq + 1, (size_t)(end - eq - 1)))) {
            json_decref(obj);
            return nomem(err);
        }
        if (!*end) break;
        p = end + 1;
    }
    *out = obj;
    return 0;
}

/* Finds the span group and the named groups that become attributes. */
static int index_groups(rule *r, whosaid_error *err)
{
    const char *name;
    uint32_t num;
    size_t n = 0, nspan = 0;
    while (whosaid_regex_named_group(r->re, (uint32_t)n, &name, &num))
        n++;
    r->groups = malloc((n ? n : 1) * sizeof *r->groups);
    if (!r->groups) return nomem(err);
    for (uint32_t i = 0; i < n; i++) {
        whosaid_regex_named_group(r->re, i, &name, &num);
        if (strcmp(name, "span") == 0) {
            r->span = num;
            nspan++;
        } else {
            r->groups[r->ngroups++] = (group_attr){name, num};
        }
    }
    if (nspan > 1)
        return whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0, "more than one group named 'span'");
    return 0;
}

static int add_rule(whosaid_ruleset *rs, rule *r, whosaid_error *err)
{
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 32;
        rule *v = realloc(rs->rules, cap * sizeof *v);
        if (!v) return nomem(err);
        rs->rules = v;
        rs->cap = cap;
    }
    rs->rules[rs->n++] = *r;
    return 0;
}

/* The memo entry of skip branch pattern A, which it takes (freed if not
 * needed); 0 or WHOSAID_ENOMEM. */
static int memo_slot(whosaid_ruleset *rs, char *a, size_t *slot)
{
    for (size_t k = 0; k < rs->nmemo; k++)
        if (strcmp(rs->memo[k].pattern, a) == 0) {
            free(a);
            *slot = k;
            return 0;
        }
    skip_memo *v = realloc(rs->memo, (rs->nmemo + 1) * sizeof *v);
    if (!v) {
        free(a);
        return WHOSAID_ENOMEM;
    }
    rs->memo = v;
    v[rs->nmemo] = (skip_memo){a, NULL, NULL};
    *slot = rs->nmemo++;
    return 0;
}

/* The whole pattern is tried only where every A of "A(*SKIP)(*FAIL)|B"
 * failed on its own, so r->re gets each A behind a "(?!)": no A is matched
 * twice per try (NAMED_NUMBER costs as much as the rest of a stat rule),
 * and the group numbers stay those of the pattern as written. */
static int dead_skips(whosaid_ruleset *rs, rule *r, const whosaid_prefilter *pf, whosaid_error *err)
{
    whosaid_buf b = WHOSAID_BUF_INIT;
    size_t from = 0, off, len;
    int rc = 0;
    for (size_t i = 0; i < r->nskips && !rc; i++) {
        whosaid_prefilter_skip_branch(pf, i, &off, &len);
        rc = whosaid_buf_append(&b, rs->pat.data + from, off - from) ||
             whosaid_buf_append_str(&b, "(?!)");
        from = off;
    }
    if (!rc) rc = whosaid_buf_append(&b, rs->pat.data + from, rs->pat.len - from);
    whosaid_error e;
    whosaid_regex *re = rc ? NULL : whosaid_regex_new(b.data, WHOSAID_REGEX_ANCHORED, &e);
    whosaid_buf_free(&b);
    if (!re) return nomem(err); /* the pattern compiled already: only memory */
    whosaid_regex_free(r->re);
    r->re = re;
    return 0;
}

/* The end of the group or class opened at p[i] ('(' or '['), or n. */
static size_t group_end(const char *p, size_t n, size_t i)
{
    int depth = 0, cls = 0;
    for (; i < n; i++) {
        if (p[i] == '\\') {
            if (i + 1 < n && p[i + 1] == 'Q') {
                const char *e = strstr(p + i + 2, "\\E");
                if (!e || (size_t)(e - p) >= n) return n;
                i = (size_t)(e - p) + 1;
            } else {
                i++;
            }
        } else if (cls) {
            if (p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
                const char *e = strstr(p + i + 2, ":]");
                if (!e || (size_t)(e - p) >= n) return n;
                i = (size_t)(e - p) + 1;
            } else if (p[i] == ']') {
                cls = 0;
                if (depth == 0) return i;
            }
        } else if (p[i] == '[') {
            cls = 1;
            if (i + 1 < n && p[i + 1] == '^') i++;
            if (i + 1 < n && p[i + 1] == ']') i++;
        } else if (p[i] == '(') {
            depth++;
        } else if (p[i] == ')' && --depth == 0) {
            return i;
        }
    }
    return n;
}

/* Whether every match of p[0, n) starts with a look-behind "(?<![...])"
 * whose class holds the digits, so it cannot start right after one: the
 * pass then skips the try there (a number's inner positions are most of
 * the tries of the stat rules). Conservative: a top-level "|", a comment
 * or extended syntax, or anything else not understood, gives 0. */
static int starts_not_after_digit(const char *p, size_t n)
{
    /* p may run on past n: these only make the answer more cautious */
    if (strstr(p, "(?#") || strstr(p, "(?x") || strstr(p, "(*") || strstr(p, "\\Q")) return 0;
    for (size_t i = 0; i < n;) { /* no top-level alternative */
        if (p[i] == '|') return 0;
        if (p[i] == '\\')
            i += 2;
        else if (p[i] == '(' || p[i] == '[')
            i = group_end(p, n, i) + 1;
        else
            i++;
    }
    if (n > 3 && !strncmp(p, "(?:", 3)) {
        size_t e = group_end(p, n, 0);
        return e < n && starts_not_after_digit(p + 3, e - 3);
    }
    if (n < 7 || strncmp(p, "(?<![", 5) || p[5] == '^') return 0;
    size_t e = group_end(p, n, 4); /* the class */
    if (e >= n || e + 1 >= n || p[e + 1] != ')') return 0;
    for (size_t i = 5; i + 1 < e; i++) {
        if (p[i] != '\\') continue;
        if (p[i + 1] == 'd' || (i + 4 < e && !strncmp(p + i + 1, "p{N}", 4))) return 1;
        i++;
    }
    return 0;
}

int whosaid_ruleset_prefilter(whosaid_ruleset *rs, const char *pattern, whosaid_prefilter **out)
{
    if (!rs->pf_memo) rs->pf_memo = whosaid_prefilter_memo_new(); /* none: only slower */
    return whosaid_prefilter_new_memo(pattern, 0, rs->pf_memo, out);
}

/* Replaces *re (rs->pat compiled anchored) by rs->pat compiled to be
 * searched. 0 or WHOSAID_ENOMEM (the pattern compiled already). */
static int unanchor(whosaid_ruleset *rs, whosaid_regex **re, whosaid_error *err)
{
    whosaid_error e;
    whosaid_regex *searched = whosaid_regex_new(rs->pat.data, 0, &e);
    if (!searched) return nomem(err);
    whosaid_regex_free(*re);
    *re = searched;
    return 0;
}

/* Works out the rule's start condition from its expanded pattern (in
 * rs->pat, r->re compiled from it anchored). *pf is NULL for a rule
 * searched as before. */
static int choose_mode(whosaid_ruleset *rs, rule *r, whosaid_prefilter **pf, whosaid_error *err)
{
    r->mode = APPLY_SCAN;
    if (whosaid_ruleset_prefilter(rs, rs->pat.data, pf)) return nomem(err);
    if (!*pf) return 0;
    if (whosaid_prefilter_needs_search(*pf)) {
        r->mode = APPLY_SEARCH;
        return 0;
    }
    r->mode = APPLY_ANCHORED;
    size_t n = whosaid_prefilter_skip_branches(*pf), off = 0, len = 0;
    if (!n) {
        r->not_after_digit = starts_not_after_digit(rs->pat.data, rs->pat.len);
        return 0;
    }
    r->skips = calloc(n, sizeof *r->skips);
    r->skip_pfs = calloc(n, sizeof *r->skip_pfs);
    r->skip_memo = calloc(n, sizeof *r->skip_memo);
    if (!r->skips || !r->skip_pfs || !r->skip_memo) return nomem(err);
    whosaid_error e;
    for (size_t i = 0; i < n; i++) {
        whosaid_prefilter_skip_branch(*pf, i, &off, &len);
        char *branch = dup_n(rs->pat.data + off, len);
        if (!branch) return nomem(err);
        r->skips[i] = whosaid_regex_new(branch, WHOSAID_REGEX_ANCHORED, &e);
        int rc = r->skips[i] ? whosaid_ruleset_prefilter(rs, branch, &r->skip_pfs[i]) : e.code;
        if (!rc)
            rc = memo_slot(rs, branch, &r->skip_memo[i]);
        else
            free(branch);
        r->nskips += r->skips[i] != NULL;
        if (rc)
            return rc == WHOSAID_ENOMEM ? nomem(err)
                                        : whosaid_error_set(err, rc, NULL, 0, "%s", e.msg);
    }
    /* The branches after the last A, with its "(*SKIP)(*FAIL)|". */
    const char *rest = strchr(rs->pat.data + off + len, '|');
    if (rest && whosaid_ruleset_prefilter(rs, rest + 1, &r->rest_pf)) return nomem(err);
    if (rest)
        r->not_after_digit =
            starts_not_after_digit(rest + 1, rs->pat.len - (size_t)(rest + 1 - rs->pat.data));
    return dead_skips(rs, r, *pf, err);
}

/* Registers rule number idx as filtered by pf, which the set takes. */
static int add_filtered(whosaid_ruleset *rs, size_t idx, whosaid_prefilter *pf, whosaid_error *err)
{
    if (rs->nfilt == rs->filt_cap) {
        size_t cap = rs->filt_cap ? rs->filt_cap * 2 : 32;
        size_t *f = realloc(rs->filt, cap * sizeof *f);
        if (f) rs->filt = f;
        whosaid_prefilter **p = f ? realloc(rs->pfs, cap * sizeof *p) : NULL;
        if (!p) {
            whosaid_prefilter_free(pf);
            return nomem(err);
        }
        rs->pfs = p;
        rs->filt_cap = cap;
    }
    rs->rules[idx].filt = rs->nfilt;
    rs->filt[rs->nfilt] = idx;
    rs->pfs[rs->nfilt++] = pf;
    rs->stale = 1;
    return 0;
}

/* TYPE PRIORITY PATTERN [ATTRIBUTES]; fields already counted. */
static int load_rule(whosaid_ruleset *rs, const whosaid_rulefile *rf, size_t file, int user,
                     whosaid_error *err)
{
    const char *type = whosaid_rulefile_field(rf, 0);
    const char *prio = whosaid_rulefile_field(rf, 1);
    const char *pattern = whosaid_rulefile_field(rf, 2);
    const char *attrs = whosaid_rulefile_nfields(rf) > 3 ? whosaid_rulefile_field(rf, 3) : "-";
    long line = whosaid_rulefile_lineno(rf);
    rule r = {0};
    if (!valid_type(type))
        return whosaid_rulefile_error(
            rf, err, WHOSAID_ESYNTAX,
            "bad type '%s': expected upper-case letters and _ (or define, words, wordfile, gate)",
            type);
    if (!parse_priority(prio, &r.priority))
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "bad priority '%s': expected an integer from %d to %d", prio,
                                      -WHOSAID_RULESET_MAX_PRIORITY, WHOSAID_RULESET_MAX_PRIORITY);
    if (line > WHOSAID_RULESET_MAX_LINE)
        return whosaid_rulefile_error(rf, err, WHOSAID_ELIMIT, "more than %ld lines",
                                      WHOSAID_RULESET_MAX_LINE);
    whosaid_error e;
    int rc = parse_attrs(attrs, &r.attrs, &e);
    if (!rc) rc = expand(rs, pattern, &e);
    /* Compiled anchored, as most rules are tried (a syntax error is the
     * same either way); the others are compiled again to be searched. */
    if (!rc && !(r.re = compile(rs, pattern, WHOSAID_REGEX_ANCHORED, &e))) rc = e.code;
    whosaid_prefilter *pf = NULL;
    if (!rc) rc = choose_mode(rs, &r, &pf, &e);
    r.gate = rs->cur_gate;
    /* A gated rule without a start condition is searched from the first
     * position of each window instead of over the whole text. */
    int accept_all = !rc && !pf && r.gate != NO_GATE;
    if (accept_all) r.mode = APPLY_SEARCH;
    if (!rc && r.mode != APPLY_ANCHORED) rc = unanchor(rs, &r.re, &e);
    if (!rc) rc = index_groups(&r, &e);
    if (!rc && !(r.type = strdup(type))) rc = nomem(&e);
    if (!rc) {
        r.user = user ? 1 : 0;
        r.order = ((long)file << ORDER_SHIFT) + line;
        r.file = rs->files[file];
        r.line = line;
        rc = add_rule(rs, &r, &e);
        if (!rc && (pf || accept_all)) {
            rc = add_filtered(rs, rs->n - 1, pf, &e);
            pf = NULL;
            if (rc) r = rs->rules[--rs->n]; /* freed below */
        }
    }
    if (rc) {
        whosaid_prefilter_free(pf);
        rule_free(&r);
        return at_line(rf, err, &e);
    }
    return 0;
}

/* When the pattern in rs->pat is "\d|..." or a {NAME} standing for one,
 * its other branches (the text after that "\d|"), else NULL: PCRE2 takes
 * the first branch that matches, so at an ASCII digit the match is that
 * digit alone, known without running the pattern, and where \d cannot
 * match, a match is one of the other branches'. */
static const char *digit_rest(const whosaid_ruleset *rs)
{
    const char *p = rs->pat.data;
    const seg *segs = rs->segs;
    size_t nsegs = rs->nsegs;
    for (;;) {
        if (strncmp(p, "\\d|", 3) == 0) return p + 3;
        if (nsegs != 1 || segs[0].def == NO_DEFINE) return NULL;
        const define *d = &rs->defs[segs[0].def];
        p = d->expanded;
        segs = d->segs;
        nsegs = d->nsegs;
    }
}

/* `gate PATTERN LOOKBACK`: the rules after it in this file are tried only
 * from LOOKBACK words before a match of PATTERN up to its end. */
static int load_gate(whosaid_ruleset *rs, const whosaid_rulefile *rf, whosaid_error *err)
{
    const char *pattern = whosaid_rulefile_field(rf, 1);
    const char *lb = whosaid_rulefile_field(rf, 2);
    long lookback = 0;
    const char *p = lb;
    for (; is_digit(*p) && lookback <= WHOSAID_RULESET_MAX_LOOKBACK; p++)
        lookback = lookback * 10 + (*p - '0');
    if (p == lb || *p || lookback > WHOSAID_RULESET_MAX_LOOKBACK)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "bad lookback '%s': expected a number of words from 0 to %d",
                                      lb, WHOSAID_RULESET_MAX_LOOKBACK);
    whosaid_error e;
    whosaid_regex *re = NULL;
    int rc = expand(rs, pattern, &e);
    if (!rc && !(re = compile(rs, pattern, WHOSAID_REGEX_NO_JIT, &e))) rc = e.code;
    if (rc) return at_line(rf, err, &e);
    if (whosaid_rulegate_add(rs, re, (size_t)lookback, digit_rest(rs)))
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    return 0;
}

static int load_line(whosaid_ruleset *rs, const whosaid_rulefile *rf, size_t file, int user,
                     whosaid_error *err)
{
    const char *kw = whosaid_rulefile_field(rf, 0);
    size_t nf = whosaid_rulefile_nfields(rf);
    int is_define = strcmp(kw, "define") == 0, is_words = strcmp(kw, "words") == 0,
        is_file = strcmp(kw, "wordfile") == 0;
    if (strcmp(kw, "gate") == 0) {
        if (nf != 3) return field_count(rf, err, "3 fields (gate, PATTERN, LOOKBACK)");
        return load_gate(rs, rf, err);
    }
    if (!is_define && !is_words && !is_file) {
        if (nf < 3 || nf > 4)
            return field_count(rf, err, "3 or 4 fields (TYPE, PRIORITY, PATTERN[, ATTRIBUTES])");
        return load_rule(rs, rf, file, user, err);
    }
    if (nf != 3)
        return field_count(rf, err,
                           is_define  ? "3 fields (define, NAME, PATTERN)"
                           : is_words ? "3 fields (words, NAME, PHRASE|PHRASE...)"
                                      : "3 fields (wordfile, NAME, PATH)");
    whosaid_error e;
    if (!valid_name(whosaid_rulefile_field(rf, 1))) {
        bad_name(whosaid_rulefile_field(rf, 1), &e);
        return at_line(rf, err, &e);
    }
    if (is_words) return load_words(rs, rf, err);
    if (is_file) return load_word_file(rs, rf, err);
    if (whosaid_ruleset_define(rs, whosaid_rulefile_field(rf, 1), whosaid_rulefile_field(rf, 2),
                               &e))
        return at_line(rf, err, &e);
    return 0;
}

int whosaid_ruleset_load(whosaid_ruleset *rs, const char *path, int user, whosaid_error *err)
{
    whosaid_error e;
    char **files = realloc(rs->files, (rs->nfiles + 1) * sizeof *files);
    if (!files) return whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
    rs->files = files;
    if (!(files[rs->nfiles] = strdup(path)))
        return whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
    size_t file = rs->nfiles++;
    rs->cur_gate = NO_GATE; /* a gate covers the rest of its own file only */
    whosaid_rulefile *rf = whosaid_rulefile_open(path, &e);
    if (!rf) return copy_error(err, &e);
    int rc;
    while ((rc = whosaid_rulefile_next(rf, &e)) == 1)
        if ((rc = load_line(rs, rf, file, user, &e)) != 0) break;
    whosaid_rulefile_close(rf);
    return rc < 0 ? copy_error(err, &e) : 0;
}

/* Rule order, then text order: the order a rule-by-rule scan gives. */
static int by_rule_then_start(const void *pa, const void *pb)
{
    const whosaid_cand *a = pa, *b = pb;
    if (a->order != b->order) return a->order < b->order ? -1 : 1;
    return a->start < b->start ? -1 : a->start > b->start;
}

static int by_index(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

int whosaid_ruleset_apply(whosaid_ruleset *rs, const char *text, size_t len, whosaid_cands *cands,
                          whosaid_error *err)
{
    return whosaid_ruleset_apply_many(rs, &text, &len, &cands, 1, err);
}

int whosaid_ruleset_apply_many(whosaid_ruleset *rs, const char *const *texts, const size_t *lens,
                               whosaid_cands *const *cands, size_t n, whosaid_error *err)
{
    rs->nhits = 0;
    if (n == 0) return 0;
    if (rs->stale && whosaid_ruletable_build(rs)) return nomem(err);
    /* PCRE2 refuses a NULL subject even when empty */
    const char *one[1], **subjects = n == 1 ? one : malloc(n * sizeof *subjects);
    size_t first1[1], *first = n == 1 ? first1 : malloc(n * sizeof *first);
    int rc = subjects && first ? 0 : WHOSAID_ENOMEM;
    for (size_t k = 0; !rc && k < n; k++) {
        subjects[k] = texts[k] ? texts[k] : "";
        first[k] = cands[k]->n;
    }
    if (!rc) rc = whosaid_ruleapply_run(rs, subjects, lens, cands, n);
    for (size_t k = 0; !rc && k < n; k++) {
        whosaid_cands *cs = cands[k];
        /* qsort's pointer must not be NULL even for 0 elements (UBSan). */
        if (cs->n - first[k] > 1)
            qsort(cs->v + first[k], cs->n - first[k], sizeof *cs->v, by_rule_then_start);
    }
    if (!rc && rs->nhits > 1) qsort(rs->hits, rs->nhits, sizeof *rs->hits, by_index);
    if (subjects != one) free(subjects);
    if (first != first1) free(first);
    return rc ? nomem(err) : 0;
}

void whosaid_ruleset_set_gates(whosaid_ruleset *rs, int on)
{
    rs->no_gates = !on;
}

size_t whosaid_ruleset_limit_hits(const whosaid_ruleset *rs)
{
    return rs->nhits;
}

int whosaid_ruleset_limit_hit(const whosaid_ruleset *rs, size_t i, const char **file, long *line)
{
    return whosaid_ruleset_limit_hit_in(rs, 0, i, file, line);
}

int whosaid_ruleset_limit_hit_in(const whosaid_ruleset *rs, size_t k, size_t i, const char **file,
                                 long *line)
{
    /* hits are sorted by text: text k's start after the earlier texts' */
    size_t j = 0;
    while (j < rs->nhits && rs->hits[j] / rs->n < k)
        j++;
    if (j + i >= rs->nhits || rs->hits[j + i] / rs->n != k) return 0;
    const rule *r = &rs->rules[rs->hits[j + i] % rs->n];
    *file = r->file;
    *line = r->line;
    return 1;
}
