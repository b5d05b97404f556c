#include "whosaid/gazetteer.h"

#include <stdlib.h>
#include <string.h>

#include "whosaid/hashmap.h"
#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"

enum { CASE_NAME, CASE_EXACT, CASE_FOLD };

/* An entry's strings are offsets into the arena so it can grow. */
typedef struct gaz_rec {
    size_t surface, canonical, type, attrs, file;
    long line;
    int user;
} gaz_rec;

struct whosaid_gazetteer {
    whosaid_buf arena;
    gaz_rec *v;
    size_t n, cap;
    whosaid_hashmap *exact, *fold;          /* key -> entry index */
    whosaid_hashmap *first_exact, *first_fold; /* first token -> longest entry in tokens */
    whosaid_tokens toks;                    /* scratch for tokenizing surfaces */
    whosaid_buf key, key2;
};

whosaid_gazetteer *whosaid_gazetteer_new(void)
{
    whosaid_gazetteer *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->exact = whosaid_hashmap_new();
    g->fold = whosaid_hashmap_new();
    g->first_exact = whosaid_hashmap_new();
    g->first_fold = whosaid_hashmap_new();
    if (!g->exact || !g->fold || !g->first_exact || !g->first_fold) {
        whosaid_gazetteer_free(g);
        return NULL;
    }
    return g;
}

void whosaid_gazetteer_free(whosaid_gazetteer *g)
{
    if (!g) return;
    whosaid_buf_free(&g->arena);
    free(g->v);
    whosaid_hashmap_free(g->exact);
    whosaid_hashmap_free(g->fold);
    whosaid_hashmap_free(g->first_exact);
    whosaid_hashmap_free(g->first_fold);
    whosaid_tokens_free(&g->toks);
    whosaid_buf_free(&g->key);
    whosaid_buf_free(&g->key2);
    free(g);
}

size_t whosaid_gazetteer_count(const whosaid_gazetteer *g)
{
    return g->n;
}

static size_t arena_add(whosaid_gazetteer *g, const char *s, size_t len)
{
    size_t off = g->arena.len;
    if (whosaid_buf_append(&g->arena, s, len) || whosaid_buf_append_char(&g->arena, '\0'))
        return SIZE_MAX;
    return off;
}

/* Files are read one entry a line: surface, canonical, TYPE, attributes. */
static int parse_attrs(whosaid_rulefile *rf, const char *attrs, int *case_rule,
                       whosaid_buf *kept, whosaid_error *err)
{
    *case_rule = CASE_NAME;
    whosaid_buf_clear(kept);
    if (strcmp(attrs, "-") == 0) return 0;
    for (const char *p = attrs; *p;) {
        size_t n = strcspn(p, ";");
        const char *eq = memchr(p, '=', n);
        if (!eq || eq == p)
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                          "attribute '%.*s' is not key=value", (int)n, p);
        for (const char *k = p; k < eq; k++)
            if (!((*k >= 'a' && *k <= 'z') || *k == '_' || (*k >= '0' && *k <= '9')))
                return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                              "attribute name '%.*s' must be lower-case letters, digits or _",
                                              (int)(eq - p), p);
        if ((size_t)(eq - p) == 4 && strncmp(p, "case", 4) == 0) {
            size_t vn = n - 5;
            if (vn == 4 && strncmp(eq + 1, "name", 4) == 0) *case_rule = CASE_NAME;
            else if (vn == 5 && strncmp(eq + 1, "exact", 5) == 0) *case_rule = CASE_EXACT;
            else if (vn == 4 && strncmp(eq + 1, "fold", 4) == 0) *case_rule = CASE_FOLD;
            else
                return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                              "case must be name, exact or fold, not '%.*s'",
                                              (int)vn, eq + 1);
        } else {
            if (kept->len && whosaid_buf_append_char(kept, ';')) return WHOSAID_ENOMEM;
            if (whosaid_buf_append(kept, p, n)) return WHOSAID_ENOMEM;
        }
        p += n + (p[n] == ';');
    }
    return 0;
}

static int valid_type(const char *t)
{
    if (!*t) return 0;
    for (; *t; t++)
        if (!((*t >= 'A' && *t <= 'Z') || *t == '_')) return 0;
    return 1;
}

/* Registers key -> idx in map, honouring user-over-default precedence, and
 * records the entry's token length under its first token. */
static int index_key(whosaid_gazetteer *g, whosaid_hashmap *map, whosaid_hashmap *firsts,
                     const char *key, size_t len, size_t first_len, size_t ntok, size_t idx)
{
    uint64_t old;
    if (whosaid_hashmap_get(map, key, len, &old)) {
        if (!(g->v[idx].user && !g->v[old].user)) return 0;
    }
    if (whosaid_hashmap_put(map, key, len, idx) < 0) return WHOSAID_ENOMEM;
    uint64_t longest = 0;
    whosaid_hashmap_get(firsts, key, first_len, &longest);
    if (ntok > longest && whosaid_hashmap_put(firsts, key, first_len, ntok) < 0)
        return WHOSAID_ENOMEM;
    return 0;
}

static int add_entry(whosaid_gazetteer *g, whosaid_rulefile *rf, const char *path, int user,
                     int case_rule, const whosaid_buf *attrs, whosaid_error *err)
{
    const char *surface = whosaid_rulefile_field(rf, 0);
    if (whosaid_tokenize(surface, strlen(surface), NULL, 0, &g->toks))
        return WHOSAID_ENOMEM;
    if (g->toks.n == 0)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "empty surface form");
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 1024;
        gaz_rec *v = realloc(g->v, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        g->v = v;
        g->cap = cap;
    }
    gaz_rec e = {arena_add(g, surface, strlen(surface)),
               arena_add(g, whosaid_rulefile_field(rf, 1), strlen(whosaid_rulefile_field(rf, 1))),
               arena_add(g, whosaid_rulefile_field(rf, 2), strlen(whosaid_rulefile_field(rf, 2))),
               arena_add(g, attrs->data ? attrs->data : "", attrs->len),
               arena_add(g, path, strlen(path)), whosaid_rulefile_lineno(rf), user};
    if (e.surface == SIZE_MAX || e.canonical == SIZE_MAX || e.type == SIZE_MAX ||
        e.attrs == SIZE_MAX || e.file == SIZE_MAX)
        return WHOSAID_ENOMEM;
    size_t idx = g->n++;
    g->v[idx] = e;
    whosaid_buf_clear(&g->key);
    if (whosaid_tokens_key(surface, &g->toks, 0, g->toks.n, &g->key)) return WHOSAID_ENOMEM;
    size_t first_len = g->toks.v[0].end - g->toks.v[0].start;
    size_t ntok = g->toks.n;
    if (case_rule == CASE_FOLD) {
        whosaid_buf_clear(&g->key2);
        if (whosaid_utf8_lower(g->key.data, g->key.len, &g->key2)) return WHOSAID_ENOMEM;
        /* The folded first token's length can differ: find its end. */
        whosaid_buf first = WHOSAID_BUF_INIT;
        int rc = whosaid_utf8_lower(surface + g->toks.v[0].start, first_len, &first);
        size_t flen = first.len;
        whosaid_buf_free(&first);
        if (rc) return rc;
        return index_key(g, g->fold, g->first_fold, g->key2.data, g->key2.len, flen, ntok, idx);
    }
    int rc = index_key(g, g->exact, g->first_exact, g->key.data, g->key.len, first_len, ntok, idx);
    if (rc || case_rule == CASE_EXACT) return rc;
    whosaid_buf_clear(&g->key2);
    if (whosaid_utf8_upper(g->key.data, g->key.len, &g->key2)) return WHOSAID_ENOMEM;
    if (g->key2.len == g->key.len && memcmp(g->key2.data, g->key.data, g->key.len) == 0) return 0;
    whosaid_buf first = WHOSAID_BUF_INIT;
    rc = whosaid_utf8_upper(surface + g->toks.v[0].start, first_len, &first);
    size_t ulen = first.len;
    whosaid_buf_free(&first);
    if (rc) return rc;
    return index_key(g, g->exact, g->first_exact, g->key2.data, g->key2.len, ulen, ntok, idx);
}

int whosaid_gazetteer_load(whosaid_gazetteer *g, const char *path, int user, whosaid_error *err)
{
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return err ? err->code : WHOSAID_EIO;
    whosaid_buf attrs = WHOSAID_BUF_INIT;
    int rc;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1) {
        size_t nf = whosaid_rulefile_nfields(rf);
        int case_rule;
        if (nf < 3 || nf > 4) {
            rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                        "expected surface, canonical, TYPE and attributes "
                                        "separated by TABs, found %zu fields", nf);
            break;
        }
        if (!valid_type(whosaid_rulefile_field(rf, 2))) {
            rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                        "type '%s' must be upper-case letters or _",
                                        whosaid_rulefile_field(rf, 2));
            break;
        }
        rc = parse_attrs(rf, nf == 4 ? whosaid_rulefile_field(rf, 3) : "-", &case_rule, &attrs, err);
        if (rc) break;
        rc = add_entry(g, rf, path, user, case_rule, &attrs, err);
        if (rc) {
            if (rc == WHOSAID_ENOMEM) whosaid_rulefile_error(rf, err, rc, "out of memory");
            break;
        }
    }
    whosaid_buf_free(&attrs);
    whosaid_rulefile_close(rf);
    return rc < 0 ? rc : 0;
}

static whosaid_gaz_entry view(const whosaid_gazetteer *g, size_t idx)
{
    const gaz_rec *e = &g->v[idx];
    const char *a = g->arena.data;
    return (whosaid_gaz_entry){a + e->surface, a + e->canonical, a + e->type, a + e->attrs,
                               a + e->file, e->line, e->user};
}

/* Longest match through one map pair, trying token counts from the longest
 * entry that starts with this first token down to one. */
static size_t match_in(const whosaid_gazetteer *g, const whosaid_hashmap *map,
                       const whosaid_hashmap *firsts, int folded, const char *text,
                       const whosaid_tokens *t, size_t i, size_t *idx, whosaid_buf *scratch)
{
    if (whosaid_hashmap_count(firsts) == 0) return 0;
    const whosaid_token *tok = &t->v[i];
    uint64_t longest;
    whosaid_buf_clear(scratch);
    if (folded ? whosaid_utf8_lower(text + tok->start, tok->end - tok->start, scratch)
               : whosaid_buf_append(scratch, text + tok->start, tok->end - tok->start))
        return 0;
    if (!whosaid_hashmap_get(firsts, scratch->data, scratch->len, &longest)) return 0;
    size_t max = t->n - i < longest ? t->n - i : (size_t)longest;
    for (size_t k = max; k >= 1; k--) {
        whosaid_buf_clear(scratch);
        if (folded) {
            whosaid_buf raw = WHOSAID_BUF_INIT;
            int bad = whosaid_tokens_key(text, t, i, i + k, &raw) ||
                      whosaid_utf8_lower(raw.data, raw.len, scratch);
            whosaid_buf_free(&raw);
            if (bad) return 0;
        } else if (whosaid_tokens_key(text, t, i, i + k, scratch)) {
            return 0;
        }
        uint64_t v;
        if (whosaid_hashmap_get(map, scratch->data, scratch->len, &v)) {
            *idx = (size_t)v;
            return k;
        }
    }
    return 0;
}

size_t whosaid_gazetteer_match(const whosaid_gazetteer *g, const char *text,
                               const whosaid_tokens *t, size_t i, whosaid_gaz_entry *entry,
                               whosaid_buf *scratch)
{
    size_t a_idx = 0, b_idx = 0;
    size_t a = match_in(g, g->exact, g->first_exact, 0, text, t, i, &a_idx, scratch);
    size_t b = match_in(g, g->fold, g->first_fold, 1, text, t, i, &b_idx, scratch);
    if (a == 0 && b == 0) return 0;
    /* Longer wins; on a tie the case-sensitive entry is the more specific. */
    size_t idx = a >= b ? a_idx : b_idx;
    *entry = view(g, idx);
    return a >= b ? a : b;
}

int whosaid_gazetteer_lookup(const whosaid_gazetteer *g, const char *surface,
                             whosaid_gaz_entry *entry)
{
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    whosaid_buf scratch = WHOSAID_BUF_INIT;
    int found = 0;
    if (whosaid_tokenize(surface, strlen(surface), NULL, 0, &t) == 0 && t.n > 0)
        found = whosaid_gazetteer_match(g, surface, &t, 0, entry, &scratch) == t.n;
    whosaid_tokens_free(&t);
    whosaid_buf_free(&scratch);
    return found;
}
