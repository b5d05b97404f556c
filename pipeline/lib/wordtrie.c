/* Word lists as factored regular expressions; see whosaid/wordtrie.h.
 *
 * Keeps the phrases (copies, in the order added) and a prefix tree over
 * their characters: 20 bytes a node, at most one node per byte of text
 * added. The pattern is written by walking the tree: chains of single
 * children iteratively, branches recursively, at most MAX_NEST groups deep
 * (PCRE2 refuses deeper nesting, and it bounds the recursion). */
#include "whosaid/wordtrie.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "whosaid/error.h"
#include "whosaid/utf8.h"

#define NONE UINT32_MAX
/* Groups opened inside one another before a node is written out flat;
 * well under PCRE2's default nesting limit of 250, which the rule around
 * the list needs too. */
#define MAX_NEST 48

typedef struct node {
    int32_t key;          /* the code point leading here (root: -1) */
    uint32_t first, next; /* first child, next sibling, or NONE */
    uint32_t phrase;      /* the phrase ending here, or NONE */
    uint32_t depth;       /* bytes from the root */
} node;

typedef struct phrase {
    char *s;
    size_t len;
} phrase;

struct whosaid_wordtrie {
    node *nodes;
    size_t n, cap;
    phrase *phrases;
    size_t nph, ph_cap;
};

whosaid_wordtrie *whosaid_wordtrie_new(void)
{
    whosaid_wordtrie *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->nodes = malloc(64 * sizeof *t->nodes);
    if (!t->nodes) {
        free(t);
        return NULL;
    }
    t->cap = 64;
    t->nodes[0] = (node){-1, NONE, NONE, NONE, 0};
    t->n = 1;
    return t;
}

void whosaid_wordtrie_free(whosaid_wordtrie *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->nph; i++)
        free(t->phrases[i].s);
    free(t->phrases);
    free(t->nodes);
    free(t);
}

size_t whosaid_wordtrie_count(const whosaid_wordtrie *t)
{
    return t->nph;
}

/* The child of p with key cp, made if missing; NONE when out of memory. */
static uint32_t child(whosaid_wordtrie *t, uint32_t p, int32_t cp, uint32_t depth)
{
    uint32_t last = NONE;
    for (uint32_t c = t->nodes[p].first; c != NONE; c = t->nodes[c].next) {
        if (t->nodes[c].key == cp) return c;
        last = c;
    }
    if (t->n == t->cap) {
        if (t->cap >= NONE / 2) return NONE;
        node *v = realloc(t->nodes, 2 * t->cap * sizeof *v);
        if (!v) return NONE;
        t->nodes = v;
        t->cap *= 2;
    }
    uint32_t c = (uint32_t)t->n++;
    t->nodes[c] = (node){cp, NONE, NONE, NONE, depth};
    /* Appended: siblings keep the order they were first seen in. */
    if (last == NONE)
        t->nodes[p].first = c;
    else
        t->nodes[last].next = c;
    return c;
}

int whosaid_wordtrie_add(whosaid_wordtrie *t, const char *s, size_t len)
{
    uint32_t p = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp = whosaid_utf8_next(s, len, &i);
        if ((p = child(t, p, cp, (uint32_t)i)) == NONE) return WHOSAID_ENOMEM;
    }
    if (p == 0 || t->nodes[p].phrase != NONE) return 0;
    if (t->nph == t->ph_cap) {
        size_t cap = t->ph_cap ? t->ph_cap * 2 : 32;
        phrase *v = realloc(t->phrases, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        t->phrases = v;
        t->ph_cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy) return WHOSAID_ENOMEM;
    memcpy(copy, s, len);
    copy[len] = '\0';
    t->phrases[t->nph] = (phrase){copy, len};
    t->nodes[p].phrase = (uint32_t)t->nph++;
    return 0;
}

/* ---- Writing the pattern ---------------------------------------------- */

static int is_alnum(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The characters PCRE2 may take for c in a caseless match. */
static void case_set(int32_t c, int32_t out[6])
{
    int32_t lo = utf8proc_tolower(c), up = utf8proc_toupper(c);
    out[0] = c;
    out[1] = lo;
    out[2] = up;
    out[3] = utf8proc_totitle(c);
    out[4] = utf8proc_tolower(up);
    out[5] = utf8proc_toupper(lo);
}

/* Whether some character of the text can match both a and b (case aside),
 * a space standing for sep, which may take any blank or punctuation. */
static int may_overlap(int32_t a, int32_t b, const char *sep)
{
    if (sep && (a == ' ' || b == ' ')) return !is_alnum(a == ' ' ? b : a);
    int32_t sa[6], sb[6];
    case_set(a, sa);
    case_set(b, sb);
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++)
            if (sa[i] == sb[j]) return 1;
    return 0;
}

static int exclusive_children(const whosaid_wordtrie *t, uint32_t p, const char *sep)
{
    for (uint32_t a = t->nodes[p].first; a != NONE; a = t->nodes[a].next)
        for (uint32_t b = t->nodes[a].next; b != NONE; b = t->nodes[b].next)
            if (may_overlap(t->nodes[a].key, t->nodes[b].key, sep)) return 0;
    return 1;
}

/* Appends s[0..len) with ASCII other than letters and digits escaped. */
static int append_literal(whosaid_buf *out, const char *s, size_t len, const char *sep)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int rc;
        if (c == ' ' && sep)
            rc = whosaid_buf_append_str(out, sep);
        else if (c < 0x80 && !is_alnum(c))
            rc = whosaid_buf_append_char(out, '\\') || whosaid_buf_append_char(out, (char)c);
        else
            rc = whosaid_buf_append_char(out, (char)c);
        if (rc) return WHOSAID_ENOMEM;
    }
    return 0;
}

static int append_key(whosaid_buf *out, int32_t cp, const char *sep)
{
    char u[4];
    int n = whosaid_utf8_encode(cp, u);
    return append_literal(out, u, (size_t)n, sep);
}

/* Longest first, then in the order added: the flat alternation's order. */
static int by_length(const void *pa, const void *pb)
{
    const phrase *a = *(const phrase *const *)pa, *b = *(const phrase *const *)pb;
    if (a->len != b->len) return a->len > b->len ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* The phrases below p (p's own included, as the empty rest) written flat. */
static int emit_flat(const whosaid_wordtrie *t, uint32_t p, const char *sep, whosaid_buf *out)
{
    size_t n = 0, cap = 16, sp = 0, scap = 16;
    const phrase **v = malloc(cap * sizeof *v);
    uint32_t *stack = malloc(scap * sizeof *stack);
    int rc = v && stack ? 0 : WHOSAID_ENOMEM;
    if (!rc) stack[sp++] = p;
    while (!rc && sp) {
        uint32_t q = stack[--sp];
        if (t->nodes[q].phrase != NONE) {
            if (n == cap) {
                const phrase **nv = realloc(v, 2 * cap * sizeof *nv);
                if (!nv) {
                    rc = WHOSAID_ENOMEM;
                    break;
                }
                v = nv;
                cap *= 2;
            }
            v[n++] = &t->phrases[t->nodes[q].phrase];
        }
        for (uint32_t c = t->nodes[q].first; c != NONE && !rc; c = t->nodes[c].next) {
            if (sp == scap) {
                uint32_t *ns = realloc(stack, 2 * scap * sizeof *ns);
                if (!ns) {
                    rc = WHOSAID_ENOMEM;
                    break;
                }
                stack = ns;
                scap *= 2;
            }
            stack[sp++] = c;
        }
    }
    if (!rc) qsort(v, n, sizeof *v, by_length);
    size_t depth = t->nodes[p].depth;
    if (!rc) rc = whosaid_buf_append_str(out, "(?:");
    for (size_t i = 0; i < n && !rc; i++) {
        if (i) rc = whosaid_buf_append_char(out, '|');
        if (!rc) rc = append_literal(out, v[i]->s + depth, v[i]->len - depth, sep);
    }
    if (!rc) rc = whosaid_buf_append_char(out, ')');
    free(v);
    free(stack);
    return rc ? WHOSAID_ENOMEM : 0;
}

/* The phrases below p, without p's own characters: a chain of single
 * children as plain text, a branch as a group, optional when a phrase ends
 * at p. */
static int emit(const whosaid_wordtrie *t, uint32_t p, const char *sep, int nest, whosaid_buf *out)
{
    for (;;) {
        const node *n = &t->nodes[p];
        if (n->first == NONE) return 0;
        if (nest >= MAX_NEST || !exclusive_children(t, p, sep)) return emit_flat(t, p, sep, out);
        int ends = n->phrase != NONE;
        if (!ends && t->nodes[n->first].next == NONE) {
            if (append_key(out, t->nodes[n->first].key, sep)) return WHOSAID_ENOMEM;
            p = n->first;
            continue;
        }
        if (whosaid_buf_append_str(out, "(?:")) return WHOSAID_ENOMEM;
        for (uint32_t c = n->first; c != NONE; c = t->nodes[c].next) {
            if ((c != n->first && whosaid_buf_append_char(out, '|')) ||
                append_key(out, t->nodes[c].key, sep) || emit(t, c, sep, nest + 1, out))
                return WHOSAID_ENOMEM;
        }
        return whosaid_buf_append_str(out, ends ? ")?" : ")") ? WHOSAID_ENOMEM : 0;
    }
}

int whosaid_wordtrie_first_class(const whosaid_wordtrie *t, whosaid_buf *out)
{
    if (t->nph == 0) return 0;
    for (uint32_t c = t->nodes[0].first; c != NONE; c = t->nodes[c].next)
        if (t->nodes[c].key == ' ') return 0;
    if (whosaid_buf_append_char(out, '[')) return WHOSAID_ENOMEM;
    for (uint32_t c = t->nodes[0].first; c != NONE; c = t->nodes[c].next)
        if (append_key(out, t->nodes[c].key, NULL)) return WHOSAID_ENOMEM;
    return whosaid_buf_append_char(out, ']') ? WHOSAID_ENOMEM : 0;
}

int whosaid_wordtrie_pattern(const whosaid_wordtrie *t, const char *sep, whosaid_buf *out)
{
    if (t->nph == 0) return whosaid_buf_append_str(out, "(*FAIL)") ? WHOSAID_ENOMEM : 0;
    return emit(t, 0, sep, 0, out);
}
