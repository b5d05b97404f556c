/* Page boilerplate removal: rules from boilerplate.rules, then heuristics.
 *
 * Keeps the rules in file order, each compiled once as ^(?:pattern)$, plus
 * one alternation of all of them (the prefilter) so a line costs one match
 * unless some rule matches it, and the rules that hit PCRE2's match limit
 * in the last apply (one entry per rule, however many lines it hit).
 * A rule with a "needs=" word list is not in the prefilter: it is tried on
 * its own, only on the lines that hold one of its words (one pass over the
 * line's bytes), so a costly pattern no longer runs on every paragraph.
 * See boilerplate.h. */
#include "whosaid/boilerplate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "whosaid/buf.h"
#include "whosaid/needs.h"
#include "whosaid/regex.h"
#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"

enum { ACT_DROP, ACT_LIST, ACT_END };

typedef struct boiler_rule {
    int action;
    whosaid_regex *re; /* ^(?:pattern)$, caseless */
    char *why;         /* "boilerplate.rules:12" */
    char *pattern;     /* as written; kept only while loading */
    long lineno;
    whosaid_needs *needs; /* the needs= words, or NULL */
    int in_any;           /* also a branch of the prefilter */
    int hit;              /* in hits[] for the current apply */
} boiler_rule;

typedef struct limit_hit {
    size_t rule;
    size_t bytes; /* the first line it hit */
} limit_hit;

struct whosaid_boiler {
    boiler_rule *v;
    size_t n, cap;
    whosaid_regex *any; /* alternation of the in_any rules, or NULL */
    size_t *outside;    /* the rules that are not in the prefilter, in order */
    size_t n_outside;
    char *path;
    limit_hit *hits; /* rules that hit the match limit in the last apply */
    size_t nhits, hits_cap;
};

static const char WHY_NAVBAR[] = "heuristic:navbar";
static const char WHY_CRUMB[] = "heuristic:breadcrumb";
static const char WHY_LIST[] = "heuristic:link-list";

/* ---- Line shapes ---------------------------------------------------------- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* ---- 16 bytes at a time ----
 * Every line goes through the shape tests below, so they look at blocks
 * of 16 bytes: a bit mask of the blanks (and of the separators' first
 * bytes) per block, bit k for byte k. SSE2 where there is SSE2. */
enum { BLOCK = 16 };

#ifdef __SSE2__

static unsigned match_mask(const unsigned char *p, char a, char b, char c)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i m =
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(a)), _mm_cmpeq_epi8(v, _mm_set1_epi8(b)));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
    return (unsigned)_mm_movemask_epi8(m);
}
#else
static unsigned match_mask(const unsigned char *p, char a, char b, char c)
{
    unsigned m = 0;
    for (unsigned k = 0; k < BLOCK; k++)
        if (p[k] == (unsigned char)a || p[k] == (unsigned char)b || p[k] == (unsigned char)c)
            m |= 1u << k;
    return m;
}
#endif

static unsigned blank_mask(const unsigned char *p)
{
    return match_mask(p, ' ', '\t', ' ');
}

static size_t bits_set(unsigned m)
{
    size_t n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

/* Word starts in a block: a byte that is not blank after one that is;
 * *prev_blank carries whether the byte before the block was. */
static size_t block_words(unsigned blank, unsigned *prev_blank)
{
    unsigned starts = ~blank & ((blank << 1) | *prev_blank) & 0xFFFFu;
    *prev_blank = blank >> (BLOCK - 1) & 1;
    return bits_set(starts);
}

/* Words in a line, counting no further than cap (long lines stop early).
 * A word starts at a byte that is not blank after one that is (or the
 * start). */
static size_t words_upto(const whosaid_line *ln, size_t cap)
{
    const unsigned char *s = (const unsigned char *)ln->s;
    size_t words = 0, i = 0, len = ln->len;
    unsigned prev_blank = 1;
    for (; i + BLOCK <= len; i += BLOCK) {
        words += block_words(blank_mask(s + i), &prev_blank);
        if (words >= cap) return cap;
    }
    int in_word = !prev_blank;
    for (; i < len; i++) {
        int blank = is_blank((char)s[i]);
        if (!blank && !in_word && ++words >= cap) return words;
        in_word = !blank;
    }
    return words;
}

static int is_closer(int32_t cp)
{
    switch (cp) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case 0x2019:
    case 0x201D:
    case 0x00BB:
    case 0x203A: /* ’ ” » › */
    case 0x300D:
    case 0x300F:
    case 0xFF09: /* 」 』 ） */ return 1;
    default: return 0;
    }
}

enum { END_NONE, END_PERIOD, END_MARK, END_CLAUSE };

/* How a line ends, looking through closing quotes and brackets: a period
 * or ellipsis, ! or ?, a clause mark (, ;) or none of these. */
static int line_end(const whosaid_line *ln)
{
    size_t i = ln->len;
    int32_t cp;
    do {
        cp = whosaid_utf8_prev(ln->s, &i);
    } while (cp >= 0 && is_closer(cp));
    switch (cp) {
    case '.':
    case 0x2026:
    case 0x3002: /* . … 。 */ return END_PERIOD;
    case '!':
    case '?':
    case 0xFF01:
    case 0xFF1F: return END_MARK;
    case ',':
    case ';':
    case 0xFF0C:
    case 0xFF1B: return END_CLAUSE;
    default: return END_NONE;
    }
}

/* "12. Foo" or "3) Foo": a numbered list item. */
static int numbered(const whosaid_line *ln)
{
    size_t i = 0;
    while (i < ln->len && i < 3 && ln->s[i] >= '0' && ln->s[i] <= '9')
        i++;
    return i > 0 && i + 1 < ln->len && (ln->s[i] == '.' || ln->s[i] == ')') &&
           is_blank(ln->s[i + 1]);
}

static int starts_lower(const whosaid_line *ln)
{
    size_t i = 0;
    int32_t cp = whosaid_utf8_next(ln->s, ln->len, &i);
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int whosaid_boiler_link_like(const whosaid_line *line)
{
    if (numbered(line)) return words_upto(line, 21) <= 20;
    if (words_upto(line, 13) > 12) return 0;
    return line_end(line) == END_NONE;
}

int whosaid_boiler_prose(const whosaid_line *line)
{
    size_t words = words_upto(line, 16);
    if (words >= 16) return 1;
    int end = line_end(line);
    return (end == END_PERIOD && words >= 3) || (end == END_MARK && words >= 10);
}

/* Byte length of a separator at s[i], 0 if none. Navigation bars use '|',
 * U+FF5C and U+2022; breadcrumbs ">>", '>', U+00BB and U+203A (*single is
 * set for a lone '>', which needs more segments to count). */
static size_t sep_at(const char *s, size_t i, size_t len, int crumb, int *single)
{
    unsigned char c = (unsigned char)s[i];
    size_t left = len - i;
    if (!crumb) {
        if (c == '|') return 1;
        if (left >= 3 && !memcmp(s + i, "\xEF\xBD\x9C", 3)) return 3;
        if (left >= 3 && !memcmp(s + i, "\xE2\x80\xA2", 3)) return 3;
        return 0;
    }
    if (c == '>') {
        if (left >= 2 && s[i + 1] == '>') return 2;
        *single = 1;
        return 1;
    }
    if (left >= 2 && !memcmp(s + i, "\xC2\xBB", 2)) return 2;
    if (left >= 3 && !memcmp(s + i, "\xE2\x80\xBA", 3)) return 3;
    return 0;
}

/* Bytes segments() must stop at: blanks, and the first bytes of the
 * separators sep_at() knows (bit 1: navigation bars, bit 2: breadcrumbs). */
enum { SB_BLANK = 4 };
static const unsigned char seg_stop[256] = {
    [' '] = SB_BLANK, ['\t'] = SB_BLANK, ['|'] = 1, ['>'] = 2, [0xC2] = 2, [0xE2] = 3, [0xEF] = 1,
};

/* Number of non-empty segments between separators, or 0 as soon as one has
 * more than max_words words (so a long line costs only its first words). */
static size_t segments(const whosaid_line *ln, int crumb, size_t max_words, int *single)
{
    size_t nseg = 0, words = 0, i = 0;
    const unsigned char *u = (const unsigned char *)ln->s;
    unsigned stop = SB_BLANK | (crumb ? 2u : 1u);
    *single = 0;
    /* Up to the first block with a separator's first byte, only words
     * count: a block at a time. */
    unsigned prev_blank = 1;
    for (; i + BLOCK <= ln->len; i += BLOCK) {
        if (crumb ? match_mask(u + i, '>', '\xC2', '\xE2') : match_mask(u + i, '|', '\xE2', '\xEF'))
            break;
        words += block_words(blank_mask(u + i), &prev_blank);
        if (words > max_words) return 0;
    }
    int in_word = !prev_blank;
    while (i < ln->len) {
        if (in_word) { /* the rest of a word, up to a blank or a separator */
            while (i < ln->len && !(seg_stop[u[i]] & stop))
                i++;
            if (i == ln->len) break;
        }
        size_t k = seg_stop[u[i]] & stop & ~SB_BLANK ? sep_at(ln->s, i, ln->len, crumb, single) : 0;
        if (k) {
            nseg += words > 0;
            words = 0;
            in_word = 0;
            i += k;
            continue;
        }
        int blank = is_blank(ln->s[i]);
        if (!blank && !in_word && ++words > max_words) return 0;
        in_word = !blank;
        i++;
    }
    return nseg + (words > 0);
}

int whosaid_boiler_navbar(const whosaid_line *line)
{
    int single;
    return segments(line, 0, 5, &single) >= 3;
}

/* ---- Section names ----
 * Outlets label a page with its section ("World", "Markets | Commodities",
 * "News / Politics"): words that all start with a capital or a digit, which
 * a headline or a sentence almost never has. */

/* Byte length of a section-path separator at s[i]: any of the navigation
 * bar and breadcrumb separators, or '/'. 0 if none. */
static size_t path_sep_at(const char *s, size_t i, size_t len)
{
    int single;
    if (s[i] == '/') return 1;
    size_t k = sep_at(s, i, len, 0, &single);
    return k ? k : sep_at(s, i, len, 1, &single);
}

/* Whether a word (not blank, no separator) reads as part of a section name:
 * it starts with an upper-case or title-case letter or a digit, or with no
 * letter at all ("&", "-"). */
static int section_word(int32_t first)
{
    utf8proc_category_t c = utf8proc_category(first);
    if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_ND)
        return 1;
    return !(c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO);
}

/* Segments of 1..3 section words split by path separators (at least one
 * separator when need_sep): their number, or 0 when a segment is empty of
 * words or too long or a word is not a section word. Only called on short
 * lines. */
static size_t section_segments(const whosaid_line *ln, int need_sep)
{
    size_t nseg = 0, words = 0, i = 0, seps = 0;
    int in_word = 0;
    while (i < ln->len) {
        size_t k = path_sep_at(ln->s, i, ln->len);
        if (k) {
            if (words) nseg++;
            words = 0;
            in_word = 0;
            seps++;
            i += k;
            continue;
        }
        size_t j = i;
        int32_t cp = whosaid_utf8_next(ln->s, ln->len, &j);
        if (is_blank(ln->s[i])) {
            in_word = 0;
        } else if (!in_word) {
            if (++words > 3 || !section_word(cp)) return 0;
            in_word = 1;
        }
        i = j;
    }
    if (words) nseg++;
    return need_sep && !seps ? 0 : nseg;
}

/* Whether a line has a byte a path separator starts with: most lines have
 * none, and need not be read code point by code point. */
static int has_path_sep_byte(const whosaid_line *ln)
{
    static const unsigned char first[256] = {
        ['/'] = 1, ['|'] = 1, ['>'] = 1, [0xC2] = 1, [0xE2] = 1, [0xEF] = 1,
    };
    const unsigned char *u = (const unsigned char *)ln->s;
    for (size_t i = 0; i < ln->len; i++)
        if (first[u[i]]) return 1;
    return 0;
}

/* Longer lines are never section names (3 words) or paths (12): a length
 * test keeps paragraphs from being read again. */
enum { LABEL_MAX_BYTES = 100, PATH_MAX_BYTES = 200 };

int whosaid_boiler_section_label(const whosaid_line *line)
{
    if (line->len > LABEL_MAX_BYTES) return 0;
    if (words_upto(line, 4) > 3 || line_end(line) != END_NONE) return 0;
    if (memchr(line->s, ':', line->len)) return 0; /* "Photo: Reuters", "Updated: ..." */
    size_t i = 0;
    utf8proc_category_t c = utf8proc_category(whosaid_utf8_next(line->s, line->len, &i));
    /* A quote or a bracket opens a headline, never a section name. */
    if (c != UTF8PROC_CATEGORY_LU && c != UTF8PROC_CATEGORY_LT && c != UTF8PROC_CATEGORY_ND)
        return 0;
    return section_segments(line, 0) == 1;
}

int whosaid_boiler_breadcrumb(const whosaid_line *line)
{
    int single;
    if (line->len == 0 || line->s[0] == '>') return 0; /* "> quoted mail" */
    size_t n = segments(line, 1, 5, &single);
    int crumb = n >= 3 || (n == 2 && !single);
    if (!crumb && line->len > PATH_MAX_BYTES) return 0;
    if (words_upto(line, 13) > 12 || line_end(line) != END_NONE) return 0;
    return crumb || (has_path_sep_byte(line) && section_segments(line, 1) >= 2);
}

/* ---- Paragraph context ---------------------------------------------------- */

/* Walks the paragraphs of a line list forwards (queries must not go back),
 * so asking about every line costs O(lines) in all. */
typedef struct para_cursor {
    size_t start, end; /* the paragraph: lines [start, end) */
    int ends_sentence; /* its last line ends with . ! ? */
} para_cursor;

static void para_seek(para_cursor *pc, const whosaid_lines *l, size_t k)
{
    while (k >= pc->end) {
        pc->start = pc->end;
        pc->end = pc->start + 1;
        while (pc->end < l->n && !l->v[pc->end].para_break)
            pc->end++;
        int e = line_end(&l->v[pc->end - 1]);
        pc->ends_sentence = e == END_PERIOD || e == END_MARK;
    }
}

/* A link-like line that is not part of a hard-wrapped paragraph: wire copy
 * broken at 70 columns gives short lines too, but its paragraph ends a
 * sentence and its later lines often start in lower case. */
static int listish(para_cursor *pc, const whosaid_lines *l, size_t k)
{
    const whosaid_line *ln = &l->v[k];
    if (!whosaid_boiler_link_like(ln)) return 0;
    if (numbered(ln)) return 1;
    para_seek(pc, l, k);
    if (pc->end - pc->start < 2) return 1;
    if (pc->ends_sentence) return 0;
    return !(k > pc->start && starts_lower(ln));
}

/* ---- Rules ---------------------------------------------------------------- */

/* 1 when a pattern must not become a branch of the prefilter: numbered
 * back-references and subroutine calls would point at other rules' groups,
 * backtracking verbs and (?x) comments would reach outside their branch. */
static int standalone_only(const char *p)
{
    for (; *p; p++) {
        if (p[0] == '\\') {
            char c = p[1];
            if ((c >= '1' && c <= '9') || c == 'g' || c == 'k') return 1;
            if (c) p++;
            continue;
        }
        if (p[0] != '(') continue;
        if (p[1] == '*') return 1;
        if (p[1] != '?') continue;
        const char *q = p + 2;
        if (strchr("P&R(+-0123456789", *q) && *q) return 1;
        for (; (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '^'; q++)
            if (*q == 'x') return 1;
    }
    return 0;
}

/* Appends "(?:pattern\E)": the \E closes a \Q the pattern left open, so the
 * text we add after it stays syntax (an \E with no \Q is ignored). */
static int append_group(whosaid_buf *b, const char *pattern)
{
    if (whosaid_buf_append_str(b, "(?:") || whosaid_buf_append_str(b, pattern) ||
        whosaid_buf_append_str(b, "\\E)"))
        return WHOSAID_ENOMEM;
    return 0;
}

/* Compiles ^(?:pattern)$; on failure reports PCRE2's message for the pattern
 * as the user wrote it, so the offset points into their text. */
static int compile_rule(whosaid_rulefile *rf, const char *pattern, whosaid_buf *tmp,
                        whosaid_regex **out, whosaid_error *err)
{
    whosaid_buf_clear(tmp);
    if (whosaid_buf_append_str(tmp, "^") || append_group(tmp, pattern) ||
        whosaid_buf_append_str(tmp, "$"))
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    whosaid_error e;
    *out = whosaid_regex_new(tmp->data, WHOSAID_REGEX_CASELESS, &e);
    if (*out) return 0;
    if (e.code == WHOSAID_ESYNTAX) {
        whosaid_regex *raw = whosaid_regex_new(pattern, WHOSAID_REGEX_CASELESS, &e);
        whosaid_regex_free(raw);
    }
    return whosaid_rulefile_error(rf, err, e.code, "%s", e.msg);
}

static int parse_action(const char *s)
{
    if (!strcmp(s, "drop")) return ACT_DROP;
    if (!strcmp(s, "list")) return ACT_LIST;
    if (!strcmp(s, "end")) return ACT_END;
    return -1;
}

static int add_rule(whosaid_boiler *b, whosaid_rulefile *rf, const char *base, whosaid_buf *tmp,
                    whosaid_error *err)
{
    const char *act = whosaid_rulefile_field(rf, 0);
    int action = parse_action(act);
    if (action < 0)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "unknown action \"%s\" (expected drop, list or end)", act);
    size_t nf = whosaid_rulefile_nfields(rf);
    if (nf < 2) return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "%s: missing pattern", act);
    if (nf > 3 || (nf == 3 && !whosaid_needs_is_field(whosaid_rulefile_field(rf, 2))))
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "%s: expected a pattern and at most a needs=word|word "
                                      "field after the action (write a TAB in a pattern as \\t)",
                                      act);
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        boiler_rule *v = realloc(b->v, cap * sizeof *v);
        if (!v) return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
        b->v = v;
        b->cap = cap;
    }
    const char *pattern = whosaid_rulefile_field(rf, 1);
    boiler_rule r = {.action = action, .lineno = whosaid_rulefile_lineno(rf)};
    r.in_any = !standalone_only(pattern);
    int rc = 0;
    if (nf == 3) {
        whosaid_error e;
        /* Tried on its own, and only on the lines that hold a word. */
        r.in_any = 0;
        if ((rc = whosaid_needs_new(whosaid_rulefile_field(rf, 2), &r.needs, &e)) != 0)
            return whosaid_rulefile_error(rf, err, rc, "%s", e.msg);
    }
    if ((rc = compile_rule(rf, pattern, tmp, &r.re, err)) != 0) {
        whosaid_needs_free(r.needs);
        return rc;
    }
    size_t n = strlen(base) + 24;
    r.why = malloc(n);
    r.pattern = strdup(pattern);
    if (!r.why || !r.pattern) {
        whosaid_regex_free(r.re);
        whosaid_needs_free(r.needs);
        free(r.why);
        free(r.pattern);
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    }
    snprintf(r.why, n, "%s:%ld", base, r.lineno);
    b->v[b->n++] = r;
    return 0;
}

/* Builds the prefilter from the rule patterns and then forgets them. If
 * PCRE2 refuses the union (say, two rules use the same group name) every
 * rule is simply tried on its own. */
static int build_prefilter(whosaid_boiler *b)
{
    whosaid_buf pat = WHOSAID_BUF_INIT;
    int rc = whosaid_buf_append_str(&pat, "^(?:");
    size_t branches = 0;
    for (size_t i = 0; i < b->n && !rc; i++) {
        if (!b->v[i].in_any) continue;
        if (branches++) rc = whosaid_buf_append_char(&pat, '|');
        if (!rc) rc = append_group(&pat, b->v[i].pattern);
    }
    if (!rc) rc = whosaid_buf_append_str(&pat, ")$");
    if (!rc && branches) b->any = whosaid_regex_new(pat.data, WHOSAID_REGEX_CASELESS, NULL);
    whosaid_buf_free(&pat);
    b->n_outside = 0;
    if (!rc && !(b->outside = malloc((b->n ? b->n : 1) * sizeof *b->outside))) rc = WHOSAID_ENOMEM;
    for (size_t i = 0; i < b->n; i++) {
        if (!b->any) b->v[i].in_any = 0;
        if (!b->v[i].in_any && b->outside) b->outside[b->n_outside++] = i;
        free(b->v[i].pattern);
        b->v[i].pattern = NULL;
    }
    return rc;
}

whosaid_boiler *whosaid_boiler_load(const char *path, whosaid_error *err)
{
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return NULL;
    whosaid_boiler *b = calloc(1, sizeof *b);
    if (!b || !(b->path = strdup(path))) {
        whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
        whosaid_rulefile_close(rf);
        whosaid_boiler_free(b);
        return NULL;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    whosaid_buf tmp = WHOSAID_BUF_INIT;
    int rc;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1)
        if ((rc = add_rule(b, rf, base, &tmp, err)) != 0) break;
    whosaid_rulefile_close(rf);
    whosaid_buf_free(&tmp);
    if (rc == 0 && (rc = build_prefilter(b)) != 0)
        whosaid_error_set(err, rc, path, 0, "out of memory");
    if (rc != 0) {
        whosaid_boiler_free(b);
        return NULL;
    }
    return b;
}

void whosaid_boiler_free(whosaid_boiler *b)
{
    if (!b) return;
    for (size_t i = 0; i < b->n; i++) {
        whosaid_regex_free(b->v[i].re);
        whosaid_needs_free(b->v[i].needs);
        free(b->v[i].why);
        free(b->v[i].pattern);
    }
    free(b->v);
    whosaid_regex_free(b->any);
    free(b->outside);
    free(b->path);
    free(b->hits);
    free(b);
}

/* Remembers that rule i hit the match limit on a line of `bytes` bytes
 * (once per apply); 0 or WHOSAID_ENOMEM. */
static int note_limit(whosaid_boiler *b, size_t i, size_t bytes)
{
    if (b->v[i].hit) return 0;
    if (b->nhits == b->hits_cap) {
        size_t cap = b->hits_cap ? b->hits_cap * 2 : 8;
        limit_hit *v = realloc(b->hits, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        b->hits = v;
        b->hits_cap = cap;
    }
    b->hits[b->nhits++] = (limit_hit){i, bytes};
    b->v[i].hit = 1;
    return 0;
}

static int by_rule(const void *pa, const void *pb)
{
    const limit_hit *a = pa, *c = pb;
    return a->rule < c->rule ? -1 : a->rule > c->rule;
}

size_t whosaid_boiler_limit_hits(const whosaid_boiler *b)
{
    return b->nhits;
}

int whosaid_boiler_limit_hit(const whosaid_boiler *b, size_t i, const char **file, long *line,
                             size_t *bytes)
{
    if (i >= b->nhits) return 0;
    *file = b->path;
    *line = b->v[b->hits[i].rule].lineno;
    *bytes = b->hits[i].bytes;
    return 1;
}

/* The first rule matching ln: 1 with *idx set, 0 for none, or
 * WHOSAID_ENOMEM. A rule that hits its match limit does not match the line
 * (it is noted in b->hits); the next rules are still tried. */
static int find_rule(whosaid_boiler *b, const whosaid_line *ln, size_t *idx, whosaid_error *err)
{
    int all = 1;
    if (b->any) {
        int r = whosaid_regex_search(b->any, ln->s, ln->len, 0);
        if (r == 0 && b->n_outside == 0) return 0;
        all = r != 0; /* on a match (or a limit) find the rule one by one */
    }
    size_t n = all ? b->n : b->n_outside;
    for (size_t k = 0; k < n; k++) {
        size_t i = all ? k : b->outside[k];
        if (b->v[i].needs && !whosaid_needs_found(b->v[i].needs, ln->s, ln->len)) continue;
        int r = whosaid_regex_search(b->v[i].re, ln->s, ln->len, 0);
        if (r == 1) {
            *idx = i;
            return 1;
        }
        if (r < 0 && note_limit(b, i, ln->len))
            return whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
    }
    return 0;
}

static void mark(whosaid_line *ln, const char *why)
{
    ln->fate = WHOSAID_LINE_BOILER;
    ln->why = why;
}

/* The body of whosaid_boiler_apply_rules, hits reset and sorted around it. */
static long apply_rules(whosaid_boiler *b, whosaid_lines *lines, whosaid_error *err)
{
    long marked = 0;
    int seen_prose = 0;
    para_cursor pc = {0, 0, 0};
    for (size_t k = 0; k < lines->n; k++) {
        whosaid_line *ln = &lines->v[k];
        if (ln->fate != WHOSAID_LINE_BODY) continue;
        size_t ri;
        int r = find_rule(b, ln, &ri, err);
        if (r < 0) return r;
        if (r == 0) {
            seen_prose = seen_prose || whosaid_boiler_prose(ln);
            continue;
        }
        const boiler_rule *rule = &b->v[ri];
        mark(ln, rule->why);
        marked++;
        if (!seen_prose || rule->action == ACT_DROP) continue;
        if (rule->action == ACT_END) {
            for (size_t j = k + 1; j < lines->n; j++) {
                if (lines->v[j].fate != WHOSAID_LINE_BODY) continue;
                mark(&lines->v[j], rule->why);
                marked++;
            }
            break;
        }
        /* list: take link-like lines up to one that is not, or that a rule
         * of its own matches (the main loop then handles it); a line a drop
         * rule matches ("list 1 of 3", "Advertisement") goes by that rule
         * and the list goes on. */
        size_t j;
        for (j = k + 1; j < lines->n; j++) {
            whosaid_line *item = &lines->v[j];
            if (item->fate != WHOSAID_LINE_BODY) continue;
            size_t other;
            r = find_rule(b, item, &other, err);
            if (r < 0) return r;
            if (r == 1 && b->v[other].action != ACT_DROP) break;
            if (r == 0 && !listish(&pc, lines, j)) break;
            mark(item, r == 1 ? b->v[other].why : rule->why);
            marked++;
        }
        k = j - 1;
    }
    return marked;
}

long whosaid_boiler_apply_rules(whosaid_boiler *b, whosaid_lines *lines, whosaid_error *err)
{
    for (size_t i = 0; i < b->nhits; i++)
        b->v[b->hits[i].rule].hit = 0;
    b->nhits = 0;
    long marked = apply_rules(b, lines, err);
    /* Rule order, as whosaid-tag reports its hits. */
    if (b->nhits > 1) qsort(b->hits, b->nhits, sizeof *b->hits, by_rule);
    return marked;
}

/* ---- Heuristics ----------------------------------------------------------- */

/* Marks the body lines of [from, to) as one link list if there are enough. */
static long close_run(whosaid_lines *l, size_t from, size_t to, size_t count)
{
    if (count < 3) return 0;
    long marked = 0;
    for (size_t k = from; k < to; k++) {
        if (l->v[k].fate != WHOSAID_LINE_BODY) continue;
        mark(&l->v[k], WHY_LIST);
        marked++;
    }
    return marked;
}

long whosaid_boiler_apply_heuristics(whosaid_lines *lines)
{
    long marked = 0;
    for (size_t k = 0; k < lines->n; k++) {
        whosaid_line *ln = &lines->v[k];
        if (ln->fate != WHOSAID_LINE_BODY) continue;
        if (whosaid_boiler_navbar(ln)) {
            mark(ln, WHY_NAVBAR);
            marked++;
        } else if (whosaid_boiler_breadcrumb(ln)) {
            mark(ln, WHY_CRUMB);
            marked++;
        }
    }
    /* Runs of link-like body lines; boilerplate between them does not break
     * a run, metadata (the title block) and prose do. */
    para_cursor pc = {0, 0, 0};
    size_t run_start = 0, run_count = 0;
    for (size_t k = 0; k < lines->n; k++) {
        int fate = lines->v[k].fate;
        if (fate == WHOSAID_LINE_BOILER) continue;
        if (fate == WHOSAID_LINE_BODY && listish(&pc, lines, k)) {
            if (run_count++ == 0) run_start = k;
            continue;
        }
        marked += close_run(lines, run_start, k, run_count);
        run_count = 0;
    }
    marked += close_run(lines, run_start, lines->n, run_count);
    return marked;
}
