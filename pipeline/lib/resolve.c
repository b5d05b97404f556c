/* Entities of one document: spans are grouped with a union-find over the
 * name spans, keyed through one hash map per document (type-prefixed keys:
 * country codes, ORG names, acronyms, initials) and a personlink for person
 * names. Tokens (tokens.h) give the words around a span for roles,
 * apposition and role-noun mentions; every pass is linear in tokens plus
 * spans. Entities are written straight as text in the raw form (out.h),
 * not built as objects; spans kept in the parse (whosaid_resolver_kept)
 * are read through their view and written again as text (the text form),
 * spans that came built are changed in place. See resolve.h. */
#include "whosaid/resolve.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "whosaid/acronym.h"
#include "whosaid/buf.h"
#include "whosaid/hashmap.h"
#include "whosaid/out.h"
#include "whosaid/personlink.h"
#include "whosaid/record.h"
#include "whosaid/roles.h"
#include "whosaid/rulefile.h"
#include "whosaid/tokens.h"
#include "whosaid/utf8.h"

/* Candidates kept for a name part shared by several people. */
#define MAX_AMBIGUOUS 8
/* Words of a role phrase after a comma ("KCC's director of network policy"). */
#define APPOSITION_MAX_TOKENS 16
/* Modifiers before a role noun ("top nuclear envoy"). */
#define MAX_MODIFIERS 3
/* Modifiers in a role-noun mention ("the managing director"). */
#define MENTION_MODIFIERS 2
/* "the company" refers to an organization of no known kind at most this
 * many tokens back (and in its sentence or the one before) */
#define MAX_KINDLESS_TOKENS 120

struct whosaid_resolver {
    whosaid_roles *roles;
    whosaid_hashmap *given;  /* lower-cased given name -> WHOSAID_GENDER_* */
    whosaid_hashmap *family; /* lower-cased family name written first -> 1 */
    size_t files;
    char *root;
    /* Per-record arrays kept between records (cleared, not freed): one
     * record is resolved at a time. */
    struct span *s;
    size_t cap_s;
    int *tok_span;
    size_t cap_tok_span;
    size_t *starts;
    size_t cap_starts;
    struct mention *m;
    size_t capm;
    struct entity *e;
    size_t cap_e;
    whosaid_hashmap *keys;      /* doc's keys, cleared per record */
    whosaid_personlink *people; /* group_people's, cleared per record */
    whosaid_tokens toks;
    whosaid_buf key;
    whosaid_buf entity_text; /* the entity being written (entity_json) */
    whosaid_buf spans_text;  /* kept spans written (write_kept_spans) */
};

enum { T_OTHER, T_PERSON, T_ORG, T_COUNTRY, T_LOCATION };
static const char *const type_names[] = {NULL, "PERSON", "ORG", "COUNTRY", "LOCATION"};

/* Gender evidence: a bit per gender seen, so a conflict is both bits. */
enum { G_MALE = 1, G_FEMALE = 2 };

/* Members of a span object, found once in read_spans (a json_object_get
 * hashes the key every time, and these are read for many spans). Only
 * "entity" and "ambiguous" are changed afterwards, and never read again:
 * they come last (span_keep below reads the members before them). */
enum {
    SF_ID,
    SF_KIND,
    SF_COUNTRY,
    SF_CANONICAL,
    SF_ROLE,
    SF_KEPT, /* kept in the span */
    SF_TYPE = SF_KEPT,
    SF_START,
    SF_END,
    SF_ENTITY,
    SF_AMBIGUOUS,
    SF_N
};

typedef struct span {
    json_t *obj; /* the span, or NULL when it is kept in the parse */
    size_t item; /* then its place in the kept "spans" */
    /* obj holds "entity" / "ambiguous" from an earlier run, removed only
     * when the record is written (a record refused is passed on as it
     * came, as kept spans are) */
    unsigned char old_entity, old_ambiguous;
    /* string members by SF_* (NULL, 0 when absent or not a string): the
     * record's strings, or the parse's, valid as the record */
    const char *str[SF_KEPT];
    size_t str_len[SF_KEPT];
    size_t cs, ce, bs, be; /* code points, bytes */
    int type;
    size_t t0, t1; /* tokens [t0, t1) */
    int parent;    /* union-find */
    int entity;    /* entity index, -1 */
    int ncand;     /* > 1: an ambiguous part; cand[] holds span indices */
    int cand[MAX_AMBIGUOUS];
    /* what the text says around a PERSON span */
    int gender_bits;
    size_t words; /* PERSON: words of the name, counted once by group_people */
    const char *role;
    size_t role_len;
    int role_lower; /* role starts a sentence: lower-case its first letter */
    const whosaid_role_entry *role_entry;
    int org;             /* ORG span index, -1 */
    const char *country; /* ISO code from a COUNTRY span, or NULL */
    int acronym_tok;     /* ORG: token of "(ACR)" right after, or -1 */
    int caps;            /* ORG: an acronym in an all-capitals stretch */
    /* ORG: the name's letters as an acronym (whosaid_acronym_key, made once
     * in group_orgs for its three passes and write_attrs), acr_n 0 if none;
     * a letter takes up to 4 bytes of UTF-8 */
    int acr_n;
    char acr[4 * WHOSAID_ACRONYM_MAX + 1];
} span;

typedef struct entity {
    int type, first;
    const char *canon;
    size_t canon_len;
    int canon_score[3];
    int role_span, org_span, gender_bits;
    const char *country;
    const char *acronym;
    size_t acronym_len;
    const char *cue_kind; /* ORG without a gazetteer kind: the kind its kind cues tell
                             ("company" for "Acme Inc", "shares of Acme"), or NULL */
    int acr_span;         /* ORG: its first span written as an acronym, or -1 */
    json_t *mentions, *aliases;
} entity;

typedef struct mention {
    size_t cs, ce, bs, be;
    int entity;
    const char *rule;
    size_t role_bs, role_be; /* an unnamed holder's role as first written, bytes; 0, 0 if none */
} mention;

typedef struct doc {
    whosaid_resolver *r;
    const char *text;
    size_t len;
    span *s;
    size_t ns;
    whosaid_tokens toks;
    int *tok_span;
    whosaid_hashmap *keys;
    whosaid_buf key;
    entity *e;
    size_t ne;
    mention *m;
    size_t nm;
    whosaid_offmap *om;
} doc;

/* ---- rules ---- */

whosaid_resolver *whosaid_resolver_new(void)
{
    whosaid_resolver *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->roles = whosaid_roles_new();
    r->given = whosaid_hashmap_new();
    r->family = whosaid_hashmap_new();
    r->keys = whosaid_hashmap_new();
    r->people = whosaid_personlink_new();
    if (!r->roles || !r->given || !r->family || !r->keys || !r->people) {
        whosaid_resolver_free(r);
        return NULL;
    }
    return r;
}

void whosaid_resolver_free(whosaid_resolver *r)
{
    if (!r) return;
    whosaid_roles_free(r->roles);
    whosaid_hashmap_free(r->given);
    whosaid_hashmap_free(r->family);
    free(r->root);
    free(r->s);
    free(r->tok_span);
    free(r->starts);
    free(r->m);
    free(r->e);
    whosaid_hashmap_free(r->keys);
    whosaid_personlink_free(r->people);
    whosaid_tokens_free(&r->toks);
    whosaid_buf_free(&r->key);
    whosaid_buf_free(&r->entity_text);
    whosaid_buf_free(&r->spans_text);
    free(r);
}

size_t whosaid_resolver_files(const whosaid_resolver *r)
{
    return r->files;
}

size_t whosaid_resolver_entries(const whosaid_resolver *r)
{
    return whosaid_roles_count(r->roles) + whosaid_hashmap_count(r->given) +
           whosaid_hashmap_count(r->family);
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* path shown with the rules directory written as "rules". */
static void display_path(const whosaid_resolver *r, const char *path, char *out, size_t cap)
{
    size_t n = r->root ? strlen(r->root) : 0;
    if (n && !strncmp(path, r->root, n) && path[n] == '/')
        snprintf(out, cap, "rules%s", path + n);
    else
        snprintf(out, cap, "%s", path);
}

int whosaid_resolver_add(whosaid_resolver *r, const char *path, const char *root,
                         whosaid_error *err)
{
    struct stat st;
    if (root && !r->root && !(r->root = strdup(root)))
        return whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
    if (stat(path, &st) != 0)
        return whosaid_error_set(err, WHOSAID_EIO, path, 0, "No such file or directory");
    if (!S_ISDIR(st.st_mode)) {
        if (!has_suffix(path, ".rules"))
            return whosaid_error_set(err, WHOSAID_ESYNTAX, path, 0,
                                     "not a rule file (expected .rules)");
        char shown[4096];
        display_path(r, path, shown, sizeof shown);
        r->files++;
        int rc = whosaid_roles_load(r->roles, path, shown, err);
        /* messages name the file as rule locations do */
        if (rc && err && strlen(shown) < sizeof err->file)
            memcpy(err->file, shown, strlen(shown) + 1);
        return rc;
    }
    struct dirent **list;
    int n = scandir(path, &list, NULL, alphasort);
    if (n < 0) return whosaid_error_set(err, WHOSAID_EIO, path, 0, "cannot read directory");
    int rc = 0;
    whosaid_buf child = WHOSAID_BUF_INIT;
    for (int i = 0; i < n; i++) {
        if (rc == 0 && list[i]->d_name[0] != '.' && has_suffix(list[i]->d_name, ".rules")) {
            whosaid_buf_clear(&child);
            if (whosaid_buf_printf(&child, "%s/%s", path, list[i]->d_name))
                rc = whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
            else
                rc = whosaid_resolver_add(r, child.data, root, err);
        }
        free(list[i]);
    }
    free(list);
    whosaid_buf_free(&child);
    return rc;
}

/* One name per line, an optional gender field (m, f, u) after a TAB. */
static int load_names(whosaid_resolver *r, const char *path, whosaid_hashmap *map, int genders,
                      whosaid_error *err)
{
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return err ? err->code : WHOSAID_EIO;
    r->files++;
    whosaid_buf b = WHOSAID_BUF_INIT;
    int rc;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1) {
        const char *name = whosaid_rulefile_field(rf, 0);
        const char *g = whosaid_rulefile_field(rf, 1);
        uint64_t v = 1;
        if (genders)
            v = !g                ? 0
                : !strcmp(g, "m") ? WHOSAID_GENDER_MALE
                : !strcmp(g, "f") ? WHOSAID_GENDER_FEMALE
                                  : 0;
        whosaid_buf_clear(&b);
        if (whosaid_utf8_lower(name, strlen(name), &b) ||
            whosaid_hashmap_put(map, b.data ? b.data : "", b.len, v) < 0) {
            rc = whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
            break;
        }
    }
    whosaid_buf_free(&b);
    whosaid_rulefile_close(rf);
    return rc;
}

int whosaid_resolver_add_names(whosaid_resolver *r, const char *first_names, const char *surnames,
                               whosaid_error *err)
{
    int rc = 0;
    if (first_names) rc = load_names(r, first_names, r->given, 1, err);
    if (!rc && surnames) rc = load_names(r, surnames, r->family, 0, err);
    return rc;
}

/* ---- small helpers ---- */

static int find(span *s, int i)
{
    while (s[i].parent != i) {
        s[i].parent = s[s[i].parent].parent;
        i = s[i].parent;
    }
    return i;
}

/* Unites the groups of a and b; the earlier span becomes the root, so a
 * root is always its group's first mention. */
static void unite(span *s, int a, int b)
{
    a = find(s, a);
    b = find(s, b);
    if (a == b) return;
    if (a < b)
        s[b].parent = a;
    else
        s[a].parent = b;
}

static const char *tok_text(const doc *d, size_t t)
{
    return d->text + d->toks.v[t].start;
}

static size_t tok_len(const doc *d, size_t t)
{
    return d->toks.v[t].end - d->toks.v[t].start;
}

static int tok_flags(const doc *d, size_t t)
{
    return (int)d->toks.v[t].flags;
}

/* A word token that no name span covers. */
static int free_word(const doc *d, size_t t)
{
    return t < d->toks.n && (tok_flags(d, t) & WHOSAID_TOK_WORD) && d->tok_span[t] < 0;
}

static int tok_punct(const doc *d, size_t t, char c)
{
    return t < d->toks.n && (tok_flags(d, t) & WHOSAID_TOK_PUNCT) && tok_len(d, t) == 1 &&
           tok_text(d, t)[0] == c;
}

static const whosaid_role_entry *lex(const doc *d, int kind, size_t a, size_t b)
{
    return whosaid_roles_find(d->r->roles, kind, d->text + d->toks.v[a].start,
                              d->toks.v[b - 1].end - d->toks.v[a].start);
}

static const whosaid_role_entry *lex_tok(const doc *d, int kind, size_t t)
{
    if (t >= d->toks.n || d->tok_span[t] >= 0) return NULL;
    return lex(d, kind, t, t + 1);
}

/* Longest lexicon phrase of kind made of free words [a, b) with b fixed
 * (ending == 1) or a fixed; sets the other end. */
static const whosaid_role_entry *lex_phrase(const doc *d, int kind, size_t fixed, int ending,
                                            size_t limit, size_t *other)
{
    /* From a fixed first word, most words start no phrase at all. */
    if (!ending && fixed < d->toks.n &&
        !whosaid_roles_may_start(d->r->roles, kind, tok_text(d, fixed), tok_len(d, fixed)))
        return NULL;
    for (size_t w = WHOSAID_ROLES_MAX_WORDS; w >= 1; w--) {
        size_t a, b;
        if (ending) {
            if (fixed + 1 < w) continue;
            b = fixed + 1;
            a = b - w;
        } else {
            a = fixed;
            b = fixed + w;
            if (b > limit) continue;
        }
        size_t k = a;
        while (k < b && free_word(d, k))
            k++;
        if (k < b) continue;
        const whosaid_role_entry *e = lex(d, kind, a, b);
        if (e) {
            *other = ending ? a : b;
            return e;
        }
    }
    return NULL;
}

static int has_lower(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len)
        if (utf8proc_category(whosaid_utf8_next(s, len, &i)) == UTF8PROC_CATEGORY_LL) return 1;
    return 0;
}

/* The span's member which (SF_*) as a string, or NULL (*len 0) when it is
 * absent or not a string. */
static const char *sstr(const span *s, int which, size_t *len)
{
    if (len) *len = s->str_len[which];
    return s->str[which];
}

/* d->key = prefix + lower-cased s[0..n). */
static int make_key(doc *d, const char *prefix, const char *s, size_t n)
{
    whosaid_buf_clear(&d->key);
    if (whosaid_buf_append_str(&d->key, prefix) || whosaid_utf8_lower(s, n, &d->key))
        return WHOSAID_ENOMEM;
    return whosaid_buf_append(&d->key, "", 0);
}

/* Appends prefix and s (up to its first NUL, as "%s" would) to k, without
 * printf's format parsing: keys are made for every span. */
static int key_cat(whosaid_buf *k, const char *prefix, const char *s)
{
    return whosaid_buf_append_str(k, prefix) || whosaid_buf_append_str(k, s) ? WHOSAID_ENOMEM : 0;
}

/* Looks the key up; when absent, maps it to span i. Returns the span the
 * key stands for (i when new) or -1 on ENOMEM. */
static int key_span(doc *d, int i)
{
    uint64_t v;
    if (whosaid_hashmap_get(d->keys, d->key.data, d->key.len, &v)) return (int)v;
    return whosaid_hashmap_put(d->keys, d->key.data, d->key.len, (uint64_t)i) < 0 ? -1 : i;
}

/* ---- reading the record ---- */

/* The first byte picks the one name to compare: a span's type is read for
 * every span, and most are none of these (a compare call each showed in
 * profiles). */
static int span_type(const char *t)
{
    if (!t) return -1;
    switch (t[0]) {
    case 'P': return strcmp(t, "PERSON") ? T_OTHER : T_PERSON;
    case 'O': return strcmp(t, "ORG") ? T_OTHER : T_ORG;
    case 'C': return strcmp(t, "COUNTRY") ? T_OTHER : T_COUNTRY;
    case 'L': return strcmp(t, "LOCATION") ? T_OTHER : T_LOCATION;
    default: return T_OTHER;
    }
}

/* The members of a span object read_spans looks at (whosaid_record_fields). */
static const whosaid_field span_fields[SF_N] = {
    [SF_ID] = WHOSAID_FIELD("id"),           [SF_KIND] = WHOSAID_FIELD("kind"),
    [SF_COUNTRY] = WHOSAID_FIELD("country"), [SF_CANONICAL] = WHOSAID_FIELD("canonical"),
    [SF_ROLE] = WHOSAID_FIELD("role"),       [SF_TYPE] = WHOSAID_FIELD("type"),
    [SF_START] = WHOSAID_FIELD("start"),     [SF_END] = WHOSAID_FIELD("end"),
    [SF_ENTITY] = WHOSAID_FIELD("entity"),   [SF_AMBIGUOUS] = WHOSAID_FIELD("ambiguous"),
};

/* "spans" kept in the parse (whosaid_jsonload_keep): the members before
 * SF_ENTITY are read through the view (start and end by the stage loop's
 * check too); the rest are left out when the spans are written again
 * (write_kept_spans). */
static const whosaid_keep span_keep = {"spans", span_fields, SF_ENTITY};

const whosaid_keep *whosaid_resolver_kept(void)
{
    return &span_keep;
}

/* A span's members as read_spans takes them from either form: the
 * strings by SF_* up to SF_TYPE (NULL, 0: absent or not a string), and
 * the offsets when both are integers. */
typedef struct span_members {
    const char *str[SF_START];
    size_t len[SF_START];
    int offsets;
    json_int_t start, end;
} span_members;

static int is_old_mention(const span_members *m)
{
    const char *t = m->str[SF_TYPE], *k = m->str[SF_KIND];
    return t && k && t[0] == 'M' && !strcmp(t, "MENTION") && !strcmp(k, "role");
}

static int cmp_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->cs != y->cs) return x->cs < y->cs ? -1 : 1;
    return (x->ce > y->ce) - (x->ce < y->ce);
}

/* Spans already in cmp_span's order. */
static int spans_sorted(const span *s, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (cmp_span(&s[i - 1], &s[i]) > 0) return 0;
    return 1;
}

/* The number in a span id after its 's', as strtol reads the whole of it,
 * or -1 when strtol would not (trailing bytes). Plain digits, what the
 * tagger writes, are read here: strtol showed in profiles. */
static long span_number(const char *p)
{
    long v = 0;
    size_t i = 0;
    /* up to 18 digits cannot overflow a long */
    while (i < 18 && p[i] >= '0' && p[i] <= '9')
        v = v * 10 + (p[i++] - '0');
    if (i > 0 && p[i] == '\0') return v;
    char *end;
    v = strtol(p, &end, 10);
    return *end ? -1 : v;
}

/* Adds span i (0-based) of the record, read as m (obj: the span object,
 * or NULL when kept in the parse), to d->s after checking it; *max_id
 * keeps the largest "s<N>". */
static int take_span(doc *d, size_t i, const span_members *m, json_t *obj, long *max_id,
                     whosaid_error *err)
{
    size_t cp_len = whosaid_offmap_cp_len(d->om);
    const char *id = m->str[SF_ID];
    int type = span_type(m->str[SF_TYPE]);
    if (!m->offsets || type < 0)
        return whosaid_error_set(err, WHOSAID_EINPUT, "", 0,
                                 "span %zu (%s): needs integer start and end and a type", i + 1,
                                 id ? id : "no id");
    json_int_t st = m->start, en = m->end;
    if (st < 0 || en < st || (size_t)en > cp_len)
        return whosaid_error_set(
            err, WHOSAID_EINPUT, "", 0,
            "span %zu (%s): offsets %lld-%lld outside the text (%zu code points)", i + 1,
            id ? id : "no id", (long long)st, (long long)en, cp_len);
    if (id && id[0] == 's') {
        long v = span_number(id + 1);
        /* numbers we could never reach would overflow the count */
        if (v > *max_id && v < LONG_MAX / 2) *max_id = v;
    }
    span *s = &d->s[d->ns++];
    *s = (span){0};
    s->obj = obj;
    s->item = i;
    memcpy(s->str, m->str, sizeof s->str);
    memcpy(s->str_len, m->len, sizeof s->str_len);
    s->cs = (size_t)st;
    s->ce = (size_t)en;
    s->type = type;
    s->org = -1;
    s->entity = -1;
    s->acronym_tok = -1;
    return 0;
}

/* The spans of a record whose "spans" came built (a line the fast path
 * declined, or a record made in memory). */
static int read_built_spans(doc *d, json_t *spans, long *max_id, whosaid_error *err)
{
    for (size_t i = 0, n = json_array_size(spans); i < n; i++) {
        json_t *o = json_array_get(spans, i);
        if (!json_is_object(o))
            return whosaid_error_set(err, WHOSAID_EINPUT, "", 0, "span %zu is not an object",
                                     i + 1);
        json_t *f[SF_N];
        whosaid_record_fields(o, span_fields, SF_N, f);
        span_members m;
        for (int k = 0; k < SF_START; k++) {
            m.str[k] = json_string_value(f[k]);
            m.len[k] = m.str[k] ? json_string_length(f[k]) : 0;
        }
        if (is_old_mention(&m)) continue;
        m.offsets = json_is_integer(f[SF_START]) && json_is_integer(f[SF_END]);
        m.start = json_integer_value(f[SF_START]);
        m.end = json_integer_value(f[SF_END]);
        int rc = take_span(d, i, &m, o, max_id, err);
        if (rc) return rc;
        d->s[d->ns - 1].old_entity = f[SF_ENTITY] != NULL;
        d->s[d->ns - 1].old_ambiguous = f[SF_AMBIGUOUS] != NULL;
    }
    return 0;
}

/* The spans of a record whose "spans" is kept in the parse (v): their
 * members read through the view, nothing built. */
static int read_kept_spans(doc *d, whosaid_jsonload_view *v, long *max_id, whosaid_error *err)
{
    for (size_t i = 0, n = whosaid_jsonload_view_size(v); i < n; i++) {
        const whosaid_jsonload_value *val;
        if (whosaid_jsonload_view_get(v, i, &val) != 1)
            return whosaid_error_set(err, WHOSAID_EINPUT, "", 0, "span %zu is not an object",
                                     i + 1);
        span_members m;
        for (int k = 0; k < SF_START; k++) {
            int is_str = val[k].type == JSON_STRING;
            m.str[k] = is_str ? val[k].str : NULL;
            m.len[k] = is_str ? val[k].len : 0;
        }
        if (is_old_mention(&m)) continue;
        m.offsets = val[SF_START].type == JSON_INTEGER && val[SF_END].type == JSON_INTEGER;
        m.start = m.offsets ? val[SF_START].num : 0;
        m.end = m.offsets ? val[SF_END].num : 0;
        int rc = take_span(d, i, &m, NULL, max_id, err);
        if (rc) return rc;
    }
    return 0;
}

/* Fills d->s from the record's spans (built, or kept in the parse when v
 * is not NULL), dropping this stage's earlier output, sorted by start.
 * *max_id receives the largest "s<N>". */
static int read_spans(doc *d, json_t *spans, whosaid_jsonload_view *v, long *max_id,
                      whosaid_error *err)
{
    size_t n = v ? whosaid_jsonload_view_size(v) : json_array_size(spans);
    if (whosaid_grow((void **)&d->r->s, &d->r->cap_s, n ? n : 1, sizeof *d->s))
        return WHOSAID_ENOMEM;
    d->s = d->r->s;
    *max_id = 0;
    int rc = v ? read_kept_spans(d, v, max_id, err) : read_built_spans(d, spans, max_id, err);
    if (rc) return rc;
    /* the tagger writes spans in order: qsort (a merge sort, stable like
     * leaving them) would still compare n log n times */
    if (!spans_sorted(d->s, d->ns)) qsort(d->s, d->ns, sizeof *d->s, cmp_span);
    for (size_t i = 0; i < d->ns; i++) {
        d->s[i].parent = (int)i;
        d->s[i].bs = whosaid_offmap_byte(d->om, d->s[i].cs);
        d->s[i].be = whosaid_offmap_byte(d->om, d->s[i].ce);
    }
    return 0;
}

/* Tokens, and which name span covers each token. */
static int tokenize(doc *d, json_t *rec)
{
    json_t *sents = json_object_get(rec, "sentences");
    size_t ns = json_array_size(sents), k = 0;
    if (whosaid_grow((void **)&d->r->starts, &d->r->cap_starts, ns ? ns : 1, sizeof *d->r->starts))
        return WHOSAID_ENOMEM;
    size_t *starts = d->r->starts;
    for (size_t i = 0; i < ns; i++) {
        json_t *p = json_array_get(json_array_get(sents, i), 0);
        if (!json_is_integer(p) || json_integer_value(p) < 0) continue;
        size_t b = whosaid_offmap_byte(d->om, (size_t)json_integer_value(p));
        if (k == 0 || b > starts[k - 1]) starts[k++] = b;
    }
    int rc = whosaid_tokenize(d->text, d->len, starts, k, &d->toks);
    if (rc) return rc;
    if (whosaid_grow((void **)&d->r->tok_span, &d->r->cap_tok_span, d->toks.n ? d->toks.n : 1,
                     sizeof *d->tok_span))
        return WHOSAID_ENOMEM;
    d->tok_span = d->r->tok_span;
    for (size_t t = 0; t < d->toks.n; t++)
        d->tok_span[t] = -1;
    size_t t = 0;
    for (size_t i = 0; i < d->ns; i++) {
        span *s = &d->s[i];
        /* Spans are sorted by start; a span nested in an earlier one may
         * start before t, so step back to its first token. */
        while (t > 0 && d->toks.v[t - 1].end > s->bs)
            t--;
        while (t < d->toks.n && d->toks.v[t].end <= s->bs)
            t++;
        s->t0 = t;
        size_t u = t;
        while (u < d->toks.n && d->toks.v[u].start < s->be)
            u++;
        s->t1 = u;
        if (s->type == T_OTHER) continue;
        for (size_t k2 = s->t0; k2 < s->t1; k2++)
            if (d->tok_span[k2] < 0) d->tok_span[k2] = (int)i;
    }
    return 0;
}

/* ---- what the text says about a person ---- */

static void add_gender(span *s, int gender)
{
    if (gender == WHOSAID_GENDER_MALE) s->gender_bits |= G_MALE;
    if (gender == WHOSAID_GENDER_FEMALE) s->gender_bits |= G_FEMALE;
}

/* The span covering token t when it is a name span that ends there, for
 * "Foreign Ministry spokesman" and "KCC's director". */
static int org_or_country_at(const doc *d, size_t t)
{
    if (t >= d->toks.n) return -1;
    if ((tok_flags(d, t) & WHOSAID_TOK_POSSESSIVE) && t > 0) t--;
    int i = d->tok_span[t];
    if (i < 0 || (d->s[i].type != T_ORG && d->s[i].type != T_COUNTRY)) return -1;
    return i;
}

static void take_org(doc *d, span *p, int i)
{
    if (i < 0) return;
    if (d->s[i].type == T_ORG && p->org < 0) p->org = i;
    if (d->s[i].type == T_COUNTRY && !p->country) p->country = sstr(&d->s[i], SF_COUNTRY, NULL);
}

static void set_role(doc *d, span *p, size_t a, size_t b, const whosaid_role_entry *head)
{
    p->role = tok_text(d, a);
    p->role_len = d->toks.v[b - 1].end - d->toks.v[a].start;
    /* "Spokesman Hong Lei" opening a sentence is the common noun; a title
     * in capitals ("Mining Minister Marcela Hernando") stays as written */
    p->role_lower = (tok_flags(d, a) & WHOSAID_TOK_SENT_START) && tok_len(d, a) > 1 &&
                    !(tok_flags(d, a) & WHOSAID_TOK_ALLCAPS);
    for (size_t t = a + 1; p->role_lower && t < b; t++)
        if (tok_flags(d, t) & WHOSAID_TOK_CAP) p->role_lower = 0;
    p->role_entry = head;
}

/* A word that cannot modify a role noun: a stop word of the lexicon
 * ("said", "that", "would") or a preposition, where a clause, not a title,
 * runs on before the noun ("Doherty confirmed that captain Lee Barton"). */
static int not_modifier(const doc *d, size_t t)
{
    return lex_tok(d, WHOSAID_ROLE_STOP, t) || lex_tok(d, WHOSAID_ROLE_PREPOSITION, t);
}

/* A lower-case word ending in "ed" (a past tense after a name). */
static int past_tense(const doc *d, size_t t)
{
    size_t n = tok_len(d, t);
    const char *w = tok_text(d, t);
    return n > 3 && (tok_flags(d, t) & WHOSAID_TOK_LOWER) && w[n - 2] == 'e' && w[n - 1] == 'd';
}

/* "[Foreign Ministry | the | a] [modifiers] ROLE [,] [Mr.] NAME". */
static void role_before(doc *d, span *p, const char *tag_role, size_t tag_len)
{
    size_t k = p->t0;
    if (k == 0) return;
    k--;
    if (tok_punct(d, k, '.') && k > 0 && lex_tok(d, WHOSAID_ROLE_HONORIFIC, k - 1)) {
        add_gender(p, lex_tok(d, WHOSAID_ROLE_HONORIFIC, k - 1)->gender);
        if (k < 2) return;
        k -= 2;
    } else if (lex_tok(d, WHOSAID_ROLE_HONORIFIC, k)) {
        add_gender(p, lex_tok(d, WHOSAID_ROLE_HONORIFIC, k)->gender);
        if (k < 1) return;
        k--;
    }
    /* "Finland's transport minister, Aino Lehtonen" */
    if (tok_punct(d, k, ',') && !tag_role) {
        if (k == 0) return;
        k--;
    }
    size_t h0;
    const whosaid_role_entry *head = lex_phrase(d, WHOSAID_ROLE_NOUN, k, 1, 0, &h0);
    if (!head && tag_role) {
        /* A title the tagger knows but the lexicon does not ("Cllr"). */
        size_t w = whosaid_personlink_words(tag_role, tag_len);
        if (w == 0 || k + 1 < w) return;
        h0 = k + 1 - w;
        size_t n = d->toks.v[k].end - d->toks.v[h0].start;
        if (n != tag_len || strncasecmp(tok_text(d, h0), tag_role, n)) return;
    } else if (!head) {
        return;
    }
    /* Modifiers count only when something clearly starts the role phrase:
     * a name ("Finland's"), a determiner, punctuation or a sentence start;
     * else the role is the lexicon phrase alone. */
    size_t start = h0, m = h0;
    int boundary = -1;
    for (int mods = 0;; mods++) {
        if (m == 0) {
            start = 0;
            break;
        }
        size_t t = m - 1;
        int oc = org_or_country_at(d, t);
        if (oc >= 0 || d->tok_span[t] >= 0 || lex_tok(d, WHOSAID_ROLE_DETERMINER, t) ||
            (tok_flags(d, t) & (WHOSAID_TOK_PUNCT | WHOSAID_TOK_POSSESSIVE))) {
            /* "Chelsea signed striker X": the name is the verb's subject */
            if (m < h0 && d->tok_span[t] >= 0 && !(tok_flags(d, t) & WHOSAID_TOK_POSSESSIVE) &&
                past_tense(d, m))
                break;
            start = m;
            boundary = oc;
            break;
        }
        if (!free_word(d, t) || mods == MAX_MODIFIERS || not_modifier(d, t)) break;
        /* a modifier is written in the case of the head: "Mining Minister",
         * "transport minister", not "Kiptoo and Senator" */
        if (!(tok_flags(d, t) & WHOSAID_TOK_SENT_START) &&
            !(tok_flags(d, h0) & WHOSAID_TOK_SENT_START) &&
            ((tok_flags(d, t) ^ tok_flags(d, h0)) & (WHOSAID_TOK_CAP | WHOSAID_TOK_LOWER)))
            break;
        m = t;
        if (tok_flags(d, t) & WHOSAID_TOK_SENT_START) {
            start = t;
            break;
        }
    }
    set_role(d, p, start, k + 1, head);
    take_org(d, p, boundary);
}

/* "chief UK economist", "senior vice president": a role word that is a role
 * alone ("chief", "senior") may modify a head further on, past words and a
 * country's name, before any preposition. The last head in reach, its end
 * in *he. */
static const whosaid_role_entry *later_head(const doc *d, const whosaid_role_entry *head,
                                            size_t *he, size_t e, size_t first)
{
    for (size_t u = *he; u < e && u <= first + MAX_MODIFIERS;) {
        size_t he2;
        const whosaid_role_entry *h2 = lex_phrase(d, WHOSAID_ROLE_NOUN, u, 0, e, &he2);
        int i = d->tok_span[u];
        if (h2) {
            head = h2;
            *he = u = he2;
        } else if (i >= 0 && d->s[i].type == T_COUNTRY && d->s[i].t0 == u) {
            u = d->s[i].t1;
        } else if (free_word(d, u) && !lex_tok(d, WHOSAID_ROLE_PREPOSITION, u)) {
            u++;
        } else {
            break;
        }
    }
    return head;
}

/* "a" or "an". */
static int indefinite(const doc *d, size_t t)
{
    return t < d->toks.n && ((tok_len(d, t) == 1 && (tok_text(d, t)[0] | 0x20) == 'a') ||
                             (tok_len(d, t) == 2 && !strncasecmp(tok_text(d, t), "an", 2)));
}

/* "NAME, a research fellow at the X Institute [in Singapore]": after an
 * indefinite article, up to three lower-case words the lexicon does not
 * hold and a preposition before the organization that ends the apposition
 * (a place after it allowed) are a role at that organization. */
static void role_before_org(doc *d, span *p, size_t first, size_t e)
{
    for (size_t u = first; u < e && u <= first + 3; u++) {
        if (!lex_tok(d, WHOSAID_ROLE_PREPOSITION, u)) {
            if (!free_word(d, u) || !(tok_flags(d, u) & WHOSAID_TOK_LOWER)) return;
            continue;
        }
        if (u == first) return;
        size_t t = u + 1;
        if (lex_tok(d, WHOSAID_ROLE_DETERMINER, t)) t++;
        int i = t < e ? d->tok_span[t] : -1;
        if (i < 0 || d->s[i].type != T_ORG || d->s[i].t0 != t) return;
        size_t after = d->s[i].t1;
        int place = after + 1 < e && d->tok_span[after + 1] >= 0 &&
                    (d->s[d->tok_span[after + 1]].type == T_LOCATION ||
                     d->s[d->tok_span[after + 1]].type == T_COUNTRY) &&
                    d->s[d->tok_span[after + 1]].t1 == e;
        if (after != e && !place) return;
        set_role(d, p, first, u, NULL);
        take_org(d, p, i);
        return;
    }
}

/* The ORG span that starts at token t, after "the" and up to two
 * lower-case words that say what it is ("the charity Dementia Research
 * UK"), or -1. */
static int org_at(const doc *d, size_t t, size_t e)
{
    if (lex_tok(d, WHOSAID_ROLE_DETERMINER, t)) {
        size_t first = ++t;
        while (t < e && t < first + 2 && free_word(d, t) && (tok_flags(d, t) & WHOSAID_TOK_LOWER) &&
               !lex_tok(d, WHOSAID_ROLE_PREPOSITION, t))
            t++;
    }
    int i = t < e ? d->tok_span[t] : -1;
    return i >= 0 && d->s[i].type == T_ORG && d->s[i].t0 == t ? i : -1;
}

/* "head of research at [the charity] ORG": after the role noun (token he),
 * a preposition, up to four words no name covers (the field, kept in the
 * role), a second preposition and the organization. Its span index, *end
 * set to the second preposition, or -1. */
static int field_then_org(const doc *d, size_t he, size_t e, size_t *end)
{
    if (!lex_tok(d, WHOSAID_ROLE_PREPOSITION, he)) return -1;
    size_t u = he + 1;
    while (u < e && u <= he + 4 && free_word(d, u) && !lex_tok(d, WHOSAID_ROLE_PREPOSITION, u))
        u++;
    if (u == he + 1 || u >= e || !lex_tok(d, WHOSAID_ROLE_PREPOSITION, u)) return -1;
    int i = org_at(d, u + 1, e);
    if (i < 0) return -1;
    *end = u;
    return i;
}

/* "NAME, [the | a] [KCC's] [modifiers] ROLE [of network policy | of the ORG]". */
static void role_after(doc *d, span *p)
{
    size_t j = p->t1;
    if (!tok_punct(d, j, ',')) return;
    j++;
    size_t e = j;
    /* punctuation inside a name goes on: "the S. Rajaratnam School" */
    while (e < d->toks.n && e - j < APPOSITION_MAX_TOKENS &&
           !((tok_flags(d, e) & WHOSAID_TOK_PUNCT) && !tok_punct(d, e, '&') &&
             !(d->tok_span[e] >= 0 && d->s[d->tok_span[e]].t0 < e)) &&
           !(e > j && (tok_flags(d, e) & WHOSAID_TOK_SENT_START)))
        e++;
    if (e == j || e - j >= APPOSITION_MAX_TOKENS) return;
    size_t q = j;
    if (lex_tok(d, WHOSAID_ROLE_DETERMINER, q)) q++;
    int org = -1;
    if (q < e && d->tok_span[q] >= 0) {
        int i = d->tok_span[q];
        if (d->s[i].type != T_ORG && d->s[i].type != T_COUNTRY) return;
        org = i;
        q = d->s[i].t1;
        if (q < e && (tok_flags(d, q) & WHOSAID_TOK_POSSESSIVE)) q++;
    }
    size_t first = q;
    for (; q < e && q <= first + MAX_MODIFIERS; q++) {
        size_t he;
        const whosaid_role_entry *head = lex_phrase(d, WHOSAID_ROLE_NOUN, q, 0, e, &he);
        if (head) {
            head = later_head(d, head, &he, e, first);
            size_t end = e;
            if (he < e) {
                /* "director of the World Health Organization": the org is
                 * not part of the role. */
                size_t t = he;
                int tail_span = -1;
                for (size_t u = he; u < e; u++)
                    if (d->tok_span[u] >= 0) tail_span = d->tok_span[u];
                if (tail_span >= 0) {
                    end = he;
                    int i = field_then_org(d, he, e, &end);
                    if (i < 0) {
                        if (lex_tok(d, WHOSAID_ROLE_PREPOSITION, t)) t++;
                        if (lex_tok(d, WHOSAID_ROLE_DETERMINER, t)) t++;
                        i = t < e ? d->tok_span[t] : -1;
                    }
                    if (i >= 0 && d->s[i].type == T_ORG && d->s[i].t1 == e && org < 0) org = i;
                }
            }
            set_role(d, p, first, end, head);
            take_org(d, p, org);
            return;
        }
        if (!free_word(d, q)) break;
        /* "the union's president-general": the role starts after the possessor */
        if (tok_flags(d, q) & WHOSAID_TOK_POSSESSIVE) first = q + 1;
    }
    if (org < 0 && first == j + 1 && indefinite(d, j)) role_before_org(d, p, first, e);
}

/* "NAME of [the] ORG", "NAME from ORG", and the same set off by commas,
 * "Professor Richard Amos, of University College London, said", where the
 * organization must close the apposition (", at Google's offices" is no
 * affiliation). */
static void org_after(doc *d, span *p)
{
    size_t t = p->t1;
    int comma = tok_punct(d, t, ',');
    if (comma) t++;
    if (!lex_tok(d, WHOSAID_ROLE_PREPOSITION, t)) return;
    t++;
    if (lex_tok(d, WHOSAID_ROLE_DETERMINER, t)) t++;
    int i = t < d->toks.n ? d->tok_span[t] : -1;
    if (i < 0 || d->s[i].type != T_ORG || d->s[i].t0 != t) return;
    size_t after = d->s[i].t1;
    if (comma && after < d->toks.n && !(tok_flags(d, after) & WHOSAID_TOK_PUNCT)) return;
    take_org(d, p, i);
}

static void person_evidence(doc *d, span *p)
{
    size_t tag_len;
    const char *tag_role = sstr(p, SF_ROLE, &tag_len);
    if (tag_role) {
        const whosaid_role_entry *h =
            whosaid_roles_find(d->r->roles, WHOSAID_ROLE_HONORIFIC, tag_role, tag_len);
        if (h) {
            add_gender(p, h->gender);
            tag_role = NULL;
        }
    }
    role_before(d, p, tag_role, tag_len);
    if (!p->role && tag_role) {
        /* The tagger's role stands apart from the name: keep it as given. */
        p->role = tag_role;
        p->role_len = tag_len;
        p->role_entry = whosaid_roles_find(d->r->roles, WHOSAID_ROLE_NOUN, tag_role, tag_len);
    }
    if (!p->role) role_after(d, p);
    if (p->org < 0) org_after(d, p);
    if (p->role_entry) add_gender(p, p->role_entry->gender);
}

/* ---- grouping ---- */

static const char *span_text(const doc *d, const span *s, size_t *n)
{
    *n = s->be - s->bs;
    return d->text + s->bs;
}

static int group_places(doc *d)
{
    for (size_t i = 0; i < d->ns; i++) {
        span *s = &d->s[i];
        if (s->type != T_COUNTRY && s->type != T_LOCATION) continue;
        size_t cn, tn;
        const char *code = sstr(s, SF_COUNTRY, NULL);
        const char *canon = sstr(s, SF_CANONICAL, &cn);
        const char *t = span_text(d, s, &tn);
        if (!canon) canon = t, cn = tn;
        int rc;
        if (s->type == T_COUNTRY && code)
            rc = make_key(d, "C|", code, strlen(code));
        else if (s->type == T_COUNTRY)
            rc = make_key(d, "C|", canon, cn);
        else {
            rc = make_key(d, "L|", canon, cn);
            if (!rc && code) rc = key_cat(&d->key, "|", code);
        }
        int j = rc ? -1 : key_span(d, (int)i);
        if (j < 0) return WHOSAID_ENOMEM;
        unite(d->s, (int)i, j);
    }
    return 0;
}

/* Neither neighbouring word has a lower-case letter: an all-capitals line,
 * where "WHO" or "IT" may be ordinary words. */
static int caps_context(const doc *d, const span *s)
{
    const int edge = WHOSAID_TOK_SENT_START | WHOSAID_TOK_NEWLINE;
    int seen = 0;
    for (size_t k = 1; k <= 3 && k <= s->t0 && !(tok_flags(d, s->t0) & edge); k++) {
        size_t t = s->t0 - k;
        if (tok_flags(d, t) & WHOSAID_TOK_WORD) {
            if (has_lower(tok_text(d, t), tok_len(d, t))) return 0;
            seen = 1;
            break;
        }
        if (tok_flags(d, t) & edge) break;
    }
    for (size_t t = s->t1; t < d->toks.n && t < s->t1 + 3; t++) {
        if (tok_flags(d, t) & edge) break;
        if ((tok_flags(d, t) & WHOSAID_TOK_WORD) && !(tok_flags(d, t) & WHOSAID_TOK_POSSESSIVE)) {
            if (has_lower(tok_text(d, t), tok_len(d, t))) return 0;
            seen = 1;
            break;
        }
    }
    return seen;
}

/* "Halvorsen Semiconductor Inc" ... "Halvorsen": an organization written
 * only as the first word(s) of exactly one other organization's name is
 * that organization. A group with several names ("Ford" that the
 * gazetteer ties to "Ford Motor Company") is no short name. Keys are
 * "P|" and each lower-cased word prefix of a name of two or more words:
 * O(total length of the names). 0 or WHOSAID_ENOMEM. */
static int link_short_names(doc *d)
{
    int *only = malloc((d->ns ? d->ns : 1) * sizeof *only);
    if (!only) return WHOSAID_ENOMEM;
    for (size_t i = 0; i < d->ns; i++)
        only[i] = -1;
    int rc = WHOSAID_ENOMEM;
    for (size_t i = 0; i < d->ns; i++) {
        span *s = &d->s[i];
        if (s->type != T_ORG || s->caps) continue;
        size_t tn, cn, on;
        const char *t = span_text(d, s, &tn), *c = sstr(s, SF_CANONICAL, &cn);
        int r = find(d->s, (int)i);
        if (only[r] == -1 && (!c || (cn == tn && memcmp(c, t, tn) == 0))) {
            only[r] = (int)i;
        } else if (only[r] >= 0) {
            const char *o = span_text(d, &d->s[only[r]], &on);
            if (on != tn || memcmp(o, t, tn) != 0 || (c && (cn != tn || memcmp(c, t, tn) != 0)))
                only[r] = -2;
        } else {
            only[r] = -2;
        }
        for (size_t k = 1; k < tn; k++) {
            if (t[k] != ' ') continue;
            uint64_t v;
            if (make_key(d, "P|", t, k)) goto out;
            if (!whosaid_hashmap_get(d->keys, d->key.data, d->key.len, &v)) {
                if (whosaid_hashmap_put(d->keys, d->key.data, d->key.len, (uint64_t)r) < 0)
                    goto out;
            } else if (v != UINT64_MAX && find(d->s, (int)v) != r &&
                       whosaid_hashmap_put(d->keys, d->key.data, d->key.len, UINT64_MAX) < 0) {
                goto out;
            }
        }
    }
    for (size_t r = 0; r < d->ns; r++) {
        if (only[r] < 0) continue;
        size_t tn;
        const char *t = span_text(d, &d->s[only[r]], &tn);
        uint64_t v;
        if (make_key(d, "P|", t, tn)) goto out;
        if (whosaid_hashmap_get(d->keys, d->key.data, d->key.len, &v) && v != UINT64_MAX)
            unite(d->s, (int)r, (int)v);
    }
    rc = 0;
out:
    free(only);
    return rc;
}

static int group_orgs(doc *d)
{
    whosaid_buf b = WHOSAID_BUF_INIT;
    int rc = WHOSAID_ENOMEM;
    /* Same name or same gazetteer canonical. An acronym in an all-capitals
     * stretch ("WHO SHOULD GET THE SHOT FIRST?") may be a plain word: it
     * stays an entity of its own. */
    for (size_t i = 0; i < d->ns; i++) {
        span *s = &d->s[i];
        if (s->type != T_ORG) continue;
        size_t tn, cn;
        const char *t = span_text(d, s, &tn), *c = sstr(s, SF_CANONICAL, &cn);
        whosaid_buf_clear(&b);
        int n = whosaid_acronym_key(t, tn, &b);
        if (n < 0) goto out;
        if (n > 0 && b.len < sizeof s->acr) {
            s->acr_n = n;
            memcpy(s->acr, b.data, b.len + 1);
        }
        if (n > 0 && caps_context(d, s)) {
            s->caps = 1;
            continue;
        }
        int j;
        if (make_key(d, "O|", t, tn) || (j = key_span(d, (int)i)) < 0) goto out;
        unite(d->s, (int)i, j);
        if (c) {
            if (make_key(d, "O|", c, cn) || (j = key_span(d, (int)i)) < 0) goto out;
            unite(d->s, (int)i, j);
        }
    }
    if (link_short_names(d)) goto out;
    /* Definitions "Name (ACR)" and the initials of every written name. */
    for (size_t i = 0; i < d->ns; i++) {
        span *s = &d->s[i];
        size_t tn;
        const char *t = span_text(d, s, &tn);
        whosaid_buf_clear(&b);
        if (s->type != T_ORG || s->acr_n) continue;
        size_t a = s->t1;
        if (tok_punct(d, a, '(') && tok_punct(d, a + 2, ')') &&
            whosaid_acronym_key(tok_text(d, a + 1), tok_len(d, a + 1), &b) > 0) {
            s->acronym_tok = (int)(a + 1);
            whosaid_buf_clear(&d->key);
            if (key_cat(&d->key, "A|", b.data)) goto out;
            uint64_t v = (uint64_t)find(d->s, (int)i);
            if (whosaid_hashmap_put(d->keys, d->key.data, d->key.len, v) < 0) goto out;
        }
        whosaid_buf_clear(&b);
        if (whosaid_acronym_initials(t, tn, &b) <= 0) continue;
        whosaid_buf_clear(&d->key);
        if (key_cat(&d->key, "I|", b.data)) goto out;
        uint64_t v, root = (uint64_t)find(d->s, (int)i);
        if (whosaid_hashmap_get(d->keys, d->key.data, d->key.len, &v)) {
            /* Two organizations with the same initials: link neither. */
            if (v != UINT64_MAX && find(d->s, (int)v) != (int)root &&
                whosaid_hashmap_put(d->keys, d->key.data, d->key.len, UINT64_MAX) < 0)
                goto out;
        } else if (whosaid_hashmap_put(d->keys, d->key.data, d->key.len, root) < 0) {
            goto out;
        }
    }
    /* Acronyms to their expansions. */
    for (size_t i = 0; i < d->ns; i++) {
        span *s = &d->s[i];
        if (s->type != T_ORG || s->caps || !s->acr_n) continue;
        uint64_t v;
        whosaid_buf_clear(&d->key);
        if (key_cat(&d->key, "A|", s->acr)) goto out;
        if (whosaid_hashmap_get(d->keys, d->key.data, d->key.len, &v)) {
            unite(d->s, (int)i, (int)v);
            continue;
        }
        whosaid_buf_clear(&d->key);
        if (key_cat(&d->key, "I|", s->acr)) goto out;
        if (whosaid_hashmap_get(d->keys, d->key.data, d->key.len, &v) && v != UINT64_MAX)
            unite(d->s, (int)i, (int)v);
    }
    rc = 0;
out:
    whosaid_buf_free(&b);
    return rc;
}

static int group_people(doc *d)
{
    whosaid_personlink *pl = d->r->people;
    if (whosaid_personlink_clear(pl)) return WHOSAID_ENOMEM;
    int rc = WHOSAID_ENOMEM, g, cands[MAX_AMBIGUOUS];
    int *bits = calloc(d->ns ? d->ns : 1, sizeof *bits);
    if (!bits) goto out;
    /* Full names, then a full name inside a longer one. */
    for (size_t i = 0; i < d->ns; i++) {
        size_t tn;
        const char *t = span_text(d, &d->s[i], &tn);
        if (d->s[i].type != T_PERSON) continue;
        d->s[i].words = whosaid_personlink_words(t, tn);
        if (d->s[i].words < 2) continue;
        if (whosaid_personlink_add(pl, t, tn, (int)i)) goto out;
        if (whosaid_personlink_find(pl, t, tn, &g, NULL, 0) == 1) unite(d->s, (int)i, g);
    }
    for (size_t i = 0; i < d->ns; i++) {
        size_t tn;
        const char *t = span_text(d, &d->s[i], &tn);
        if (d->s[i].type != T_PERSON || d->s[i].words < 2) continue;
        if (whosaid_personlink_find_part(pl, t, tn, &g, NULL, 0) == 1) unite(d->s, (int)i, g);
    }
    for (size_t i = 0; i < d->ns; i++)
        if (d->s[i].type == T_PERSON) bits[find(d->s, (int)i)] |= d->s[i].gender_bits;
    /* Parts: one full name, or several and a gender that picks one. */
    for (size_t i = 0; i < d->ns; i++) {
        span *s = &d->s[i];
        size_t tn;
        const char *t = span_text(d, s, &tn);
        if (s->type != T_PERSON || s->words >= 2) continue;
        size_t n = whosaid_personlink_find(pl, t, tn, &g, cands, MAX_AMBIGUOUS);
        if (n == 1) {
            unite(d->s, (int)i, g);
        } else if (n == 0) {
            if (make_key(d, "P|", t, tn) || (g = key_span(d, (int)i)) < 0) goto out;
            unite(d->s, (int)i, g);
        } else {
            /* "Mr. Kim" between Kim Min-ji (a spokeswoman) and Kim
             * Tae-hoon: the one whose evidence does not contradict. */
            int pick = -1, hits = 0, same = -1, nsame = 0;
            int want = s->gender_bits;
            for (size_t k = 0; k < n && k < MAX_AMBIGUOUS; k++) {
                int b = bits[find(d->s, cands[k])];
                if ((want == G_MALE || want == G_FEMALE) && !(b & ~want)) {
                    pick = cands[k];
                    hits++;
                    if (b == want) same = cands[k], nsame++;
                }
            }
            if (nsame == 1) pick = same, hits = 1;
            if (hits == 1) {
                unite(d->s, (int)i, pick);
            } else {
                s->ncand = (int)(n < MAX_AMBIGUOUS ? n : MAX_AMBIGUOUS);
                memcpy(s->cand, cands, (size_t)s->ncand * sizeof *cands);
            }
        }
    }
    rc = 0;
out:
    free(bits);
    return rc;
}

/* ---- entities ---- */

/* How full a written form is: mixed case, words, length. */
static void form_score(const char *s, size_t n, int score[3])
{
    score[0] = has_lower(s, n);
    score[1] = (int)whosaid_personlink_words(s, n);
    score[2] = (int)n;
}

static int better(const int a[3], const int b[3])
{
    for (int k = 0; k < 3; k++)
        if (a[k] != b[k]) return a[k] > b[k];
    return 0;
}

/* The form a mention contributes to its entity's canonical name: the text
 * as written, except that an ORG's gazetteer canonical replaces a longer
 * written variant ("Xinhuanet" -> "Xinhua") but never expands a shorter
 * one ("AFP" stays "AFP"), and places always take the gazetteer's. */
static const char *mention_form(const doc *d, const span *s, size_t *n)
{
    size_t tn, cn;
    const char *t = span_text(d, s, &tn), *c = sstr(s, SF_CANONICAL, &cn);
    if (c && (s->type == T_COUNTRY || s->type == T_LOCATION ||
              (s->type == T_ORG && whosaid_utf8_count(c, cn) <= whosaid_utf8_count(t, tn)))) {
        *n = cn;
        return c;
    }
    *n = tn;
    return t;
}

static int build_entities(doc *d)
{
    /* at most one entity a span; each is zeroed when made */
    if (whosaid_grow((void **)&d->r->e, &d->r->cap_e, d->ns ? d->ns : 1, sizeof *d->e))
        return WHOSAID_ENOMEM;
    d->e = d->r->e;
    for (size_t i = 0; i < d->ns; i++) {
        span *s = &d->s[i];
        if (s->type == T_OTHER || s->ncand > 1) continue;
        span *root = &d->s[find(d->s, (int)i)];
        if (root->entity < 0) {
            /* The root is the group's first span, but it may be an
             * ambiguous part itself: the first linked member creates it. */
            entity *e = &d->e[d->ne];
            memset(e, 0, sizeof *e);
            e->type = s->type;
            e->first = (int)i;
            e->role_span = e->org_span = e->acr_span = -1;
            e->canon_score[0] = -1;
            e->mentions = json_array();
            e->aliases = json_array();
            if (!e->mentions || !e->aliases) return WHOSAID_ENOMEM;
            root->entity = (int)d->ne++;
        }
        s->entity = root->entity;
        entity *e = &d->e[s->entity];
        size_t fn, tn;
        const char *form = mention_form(d, s, &fn);
        int score[3];
        if (s->type == T_PERSON || s->type == T_ORG)
            form_score(form, fn, score);
        else
            score[0] = score[1] = score[2] = 0;
        if (e->canon_score[0] < 0 || better(score, e->canon_score)) {
            e->canon = form;
            e->canon_len = fn;
            memcpy(e->canon_score, score, sizeof score);
        }
        if (s->role && e->role_span < 0) e->role_span = (int)i;
        if (s->org >= 0 && e->org_span < 0) e->org_span = (int)i;
        if (s->country && !e->country) e->country = s->country;
        e->gender_bits |= s->gender_bits;
        const char *t = span_text(d, s, &tn);
        if (s->acr_n && e->acr_span < 0) e->acr_span = (int)i;
        if (s->acronym_tok >= 0 && !e->acronym) {
            e->acronym = tok_text(d, (size_t)s->acronym_tok);
            e->acronym_len = tok_len(d, (size_t)s->acronym_tok);
        }
        /* distinct surface forms */
        int seen = 0;
        for (size_t k = 0; k < json_array_size(e->aliases) && !seen; k++) {
            json_t *a = json_array_get(e->aliases, k);
            seen = json_string_length(a) == tn && !memcmp(json_string_value(a), t, tn);
        }
        if (!seen && json_array_append_new(e->aliases, json_stringn(t, tn))) return WHOSAID_ENOMEM;
    }
    return 0;
}

/* ---- role nouns ---- */

static int add_mention(doc *d, size_t a, size_t b, int ent, const char *rule)
{
    if (whosaid_grow((void **)&d->r->m, &d->r->capm, d->nm + 1, sizeof *d->m))
        return WHOSAID_ENOMEM;
    d->m = d->r->m;
    mention *m = &d->m[d->nm++];
    m->bs = d->toks.v[a].start;
    m->be = d->toks.v[b - 1].end;
    m->cs = whosaid_offmap_cp(d->om, m->bs);
    m->ce = whosaid_offmap_cp(d->om, m->be);
    m->entity = ent;
    m->rule = rule;
    m->role_bs = m->role_be = 0;
    return 0;
}

static int remember(doc *d, const char *prefix, const char *s, size_t n, int ent)
{
    if (make_key(d, prefix, s, n)) return WHOSAID_ENOMEM;
    return whosaid_hashmap_put(d->keys, d->key.data, d->key.len, (uint64_t)ent) < 0 ? WHOSAID_ENOMEM
                                                                                    : 0;
}

/* A key's value when it stands for no entity (a noun two organizations share). */
#define NO_ONE UINT64_MAX

static int recall(doc *d, const char *prefix, const char *s, size_t n)
{
    uint64_t v;
    if (make_key(d, prefix, s, n)) return -1;
    return whosaid_hashmap_get(d->keys, d->key.data, d->key.len, &v) && v != NO_ONE ? (int)v : -1;
}

static int gender_of(const doc *d, const entity *e);

/* ---- kinds from cues ---- */

/* The value of a kind cue entry whose group starts with where ("suffix=")
 * or NULL. */
static const char *cue_value(const whosaid_role_entry *e, const char *where)
{
    size_t n = strlen(where);
    return e && !strncmp(e->group, where, n) ? e->group + n : NULL;
}

/* A ticker right after the name: "(NYSE: ACME)", "(ACME.N)", "(7203.T)":
 * an exchange in capitals and a colon, or a code with a market suffix. */
static int ticker_after(const doc *d, const span *s)
{
    size_t b = s->be;
    while (b < d->len && d->text[b] == ' ')
        b++;
    if (b >= d->len || d->text[b] != '(') return 0;
    size_t i = b + 1, caps = 0, colon = 0, dot = 0, code = 0;
    for (; i < d->len && i - b < 24 && d->text[i] != ')'; i++) {
        char c = d->text[i];
        int alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum && (colon || dot))
            code++;
        else if (alnum)
            caps++;
        else if (c == ':' && caps >= 2 && !colon && !dot)
            colon = 1;
        else if (c == '.' && caps >= 1 && !colon && !dot)
            dot = 1;
        else if (c != ' ' || !colon || code)
            return 0;
    }
    if (i >= d->len || d->text[i] != ')') return 0;
    return (colon && code >= 1) || (dot && code >= 1 && code <= 2);
}

/* Entities of type ORG without a gazetteer kind get the kind their
 * mentions' cues tell (kindcue entries of the role lexicon: a suffix of the
 * name, words right before or after a mention; a ticker tells "company"),
 * unless a word of one of their names rules it out ("ministry", "union").
 * A few lookups per ORG span. */
static void infer_kinds(doc *d)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < d->ns; i++) {
            span *s = &d->s[i];
            if (s->type != T_ORG || s->entity < 0 || s->t1 <= s->t0) continue;
            entity *e = &d->e[s->entity];
            if (sstr(&d->s[e->first], SF_KIND, NULL)) continue;
            if (pass == 1) {
                /* a word of the name that rules the kind out */
                for (size_t t = s->t0; e->cue_kind && t < s->t1; t++) {
                    const char *v = cue_value(lex(d, WHOSAID_ROLE_KINDCUE, t, t + 1), "not=");
                    if (v && !strcmp(v, e->cue_kind)) e->cue_kind = "";
                }
                continue;
            }
            if (e->cue_kind) continue;
            const char *v = cue_value(lex(d, WHOSAID_ROLE_KINDCUE, s->t1 - 1, s->t1), "suffix=");
            if (!v && ticker_after(d, s)) v = "company";
            size_t a = s->t1;
            if (a < d->toks.n && (tok_flags(d, a) & WHOSAID_TOK_POSSESSIVE)) a++;
            for (size_t w = 1; !v && w <= WHOSAID_ROLES_MAX_WORDS && a + w <= d->toks.n; w++)
                v = cue_value(lex(d, WHOSAID_ROLE_KINDCUE, a, a + w), "after=");
            for (size_t w = 1; !v && w <= WHOSAID_ROLES_MAX_WORDS && w <= s->t0; w++)
                v = cue_value(lex(d, WHOSAID_ROLE_KINDCUE, s->t0 - w, s->t0), "before=");
            e->cue_kind = v;
        }
}

/* A word of span s's name rules a kind out ("Transport Ministry"). */
static int kind_ruled_out(const doc *d, const span *s)
{
    for (size_t t = s->t0; t < s->t1; t++)
        if (cue_value(lex(d, WHOSAID_ROLE_KINDCUE, t, t + 1), "not=")) return 1;
    return 0;
}

/* The organization of no known kind named last before token t, when that
 * was in t's sentence or the one before ("Deutsche Bahn said ... .
 * Regional services were hit, the company said"): its entity or -1. The
 * scan back is bounded by MAX_KINDLESS_TOKENS. */
static int kindless_near(const doc *d, size_t t)
{
    uint64_t v;
    if (!whosaid_hashmap_get(d->keys, "U|", 2, &v)) return -1;
    size_t at = (size_t)(v >> 32);
    if (at >= t || t - at > MAX_KINDLESS_TOKENS) return -1;
    int starts = 0;
    for (size_t i = at + 1; i <= t; i++)
        if (tok_flags(d, i) & WHOSAID_TOK_SENT_START) starts++;
    return starts <= 1 ? (int)(v & 0xffffffffu) : -1;
}

/* Appends "|word" to buf (holding *n bytes of cap) for a rank word w[0..wn)
 * of the lexicon ("shadow", "prime"): a role group with its ranks is the
 * key of its holders, so "the chancellor" never finds the shadow
 * chancellor. 0, or -1 when it does not fit. */
static int add_rank(const doc *d, const char *w, size_t wn, char *buf, size_t *n, size_t cap)
{
    if (!wn || !whosaid_roles_find(d->r->roles, WHOSAID_ROLE_RANK, w, wn)) return 0;
    if (*n + 1 + wn >= cap) return -1;
    buf[(*n)++] = '|';
    memcpy(buf + *n, w, wn);
    *n += wn;
    return 0;
}

/* The holders' key of role group re with the rank words of the role text
 * r[0..rn) into buf; its length, 0 when it does not fit. */
static size_t rank_key(const doc *d, const whosaid_role_entry *re, const char *r, size_t rn,
                       char *buf, size_t cap)
{
    size_t n = strlen(re->group);
    if (n >= cap) return 0;
    memcpy(buf, re->group, n);
    for (size_t i = 0; i < rn;) {
        while (i < rn && r[i] == ' ')
            i++;
        size_t st = i;
        while (i < rn && r[i] != ' ')
            i++;
        if (add_rank(d, r + st, i - st, buf, &n, cap)) return 0;
    }
    return n;
}

/* "the Communications Workers of America union", "Customs and Border
 * Protection, the agency that ...": an organization noun (matched by head)
 * right after the name or in an apposition of "the" and the noun is a word
 * of that organization's name too, so that "the union said" finds it. Two
 * organizations written with one noun make it no one's ("N|" keys mark
 * the nouns taken so). 0 or WHOSAID_ENOMEM. */
static int noun_of_name(doc *d, const span *s)
{
    size_t t = s->t1;
    if (t + 2 < d->toks.n && tok_punct(d, t, ',') && lex_tok(d, WHOSAID_ROLE_DETERMINER, t + 1) &&
        !strcmp(lex_tok(d, WHOSAID_ROLE_DETERMINER, t + 1)->group, "definite"))
        t += 2;
    else if (t >= d->toks.n || (tok_flags(d, t) & WHOSAID_TOK_CAP))
        return 0;
    if (!free_word(d, t) || !(tok_flags(d, t) & WHOSAID_TOK_LOWER)) return 0;
    const whosaid_role_entry *re = lex_tok(d, WHOSAID_ROLE_ORGNOUN, t);
    if (!re || strncmp(re->group, "head", 4)) return 0;
    int had = recall(d, "N|", tok_text(d, t), tok_len(d, t));
    if (had >= 0 && had != s->entity) {
        /* ambiguous: the noun names no one (a name holding it still may) */
        if (make_key(d, "W|", tok_text(d, t), tok_len(d, t))) return WHOSAID_ENOMEM;
        return whosaid_hashmap_put(d->keys, d->key.data, d->key.len, NO_ONE) < 0 ? WHOSAID_ENOMEM
                                                                                 : 0;
    }
    if (remember(d, "N|", tok_text(d, t), tok_len(d, t), s->entity)) return WHOSAID_ENOMEM;
    return remember(d, "W|", tok_text(d, t), tok_len(d, t), s->entity);
}

/* A name span is passed: it becomes the last holder of its role, or the
 * last organization with each word of its name and with its kind. */
static int note_holder(doc *d, const span *s)
{
    if (s->entity < 0) return 0;
    const entity *e = &d->e[s->entity];
    if (s->type == T_PERSON && e->role_span >= 0) {
        const span *rs = &d->s[e->role_span];
        const whosaid_role_entry *re = rs->role_entry;
        char key[128];
        size_t kn = re ? rank_key(d, re, rs->role, rs->role_len, key, sizeof key) : 0;
        if (kn) return remember(d, "G|", key, kn, s->entity);
    }
    if (s->type != T_ORG) return 0;
    if (noun_of_name(d, s)) return WHOSAID_ENOMEM;
    for (size_t i = 0; i < e->canon_len;) {
        while (i < e->canon_len && e->canon[i] == ' ')
            i++;
        size_t st = i;
        while (i < e->canon_len && e->canon[i] != ' ')
            i++;
        if (i > st && remember(d, "W|", e->canon + st, i - st, s->entity)) return WHOSAID_ENOMEM;
    }
    size_t kn;
    const char *kind = sstr(&d->s[e->first], SF_KIND, &kn);
    if (!kind && !e->cue_kind && !kind_ruled_out(d, s)) {
        /* no kind at all: "the company" may still mean it when it was just
         * named (role_mentions checks how near) */
        uint64_t v = (uint64_t)s->entity | (uint64_t)s->t0 << 32;
        if (whosaid_hashmap_put(d->keys, "U|", 2, v) < 0) return WHOSAID_ENOMEM;
    }
    if (!kind && e->cue_kind && e->cue_kind[0]) kind = e->cue_kind;
    if (kind) {
        whosaid_buf_clear(&d->key);
        if (key_cat(&d->key, "K|kind=", kind) ||
            whosaid_hashmap_put(d->keys, d->key.data, d->key.len, (uint64_t)s->entity) < 0)
            return WHOSAID_ENOMEM;
    }
    return 0;
}

/* The role or organization noun after determiner t, up to
 * MENTION_MODIFIERS words in ("the managing director"); an organization
 * noun only right after a definite one ("the ministry"). Sets *kind, *h
 * (its first token) and *end; NULL when there is none. */
static const whosaid_role_entry *noun_after(const doc *d, size_t t, int definite, int *kind,
                                            size_t *h, size_t *end)
{
    const whosaid_role_entry *re = NULL;
    size_t u = t + 1;
    for (; !re && u <= t + 1 + MENTION_MODIFIERS && free_word(d, u); u++) {
        if (tok_flags(d, u) & (WHOSAID_TOK_POSSESSIVE | WHOSAID_TOK_SENT_START)) break;
        *kind = WHOSAID_ROLE_NOUN;
        re = lex_phrase(d, *kind, u, 0, d->toks.n, end);
        if (!re && definite && u == t + 1) {
            *kind = WHOSAID_ROLE_ORGNOUN;
            re = lex_phrase(d, *kind, u, 0, d->toks.n, end);
        }
        if (!re && !(tok_flags(d, u) & WHOSAID_TOK_LOWER)) break;
    }
    *h = u - 1;
    return re;
}

/* The holders' key of role noun re whose modifiers are tokens [a, h) into
 * key: its group and their rank words ("the shadow chancellor"). Its
 * length, 0 when it does not fit. */
static size_t holders_key(const doc *d, const whosaid_role_entry *re, size_t a, size_t h, char *key,
                          size_t cap)
{
    size_t kn = strlen(re->group);
    if (kn >= cap) return 0;
    memcpy(key, re->group, kn);
    for (size_t u = a; u < h; u++)
        if (add_rank(d, tok_text(d, u), tok_len(d, u), key, &kn, cap)) return 0;
    return kn;
}

/* An ORG span starts close enough after token t for "a ROLE of [the
 * charity] ORG": a few loads that spare most indefinite articles the
 * lexicon lookups of noun_after. */
static int org_soon(const doc *d, size_t t)
{
    size_t last = t + 1 + MENTION_MODIFIERS + WHOSAID_ROLES_MAX_WORDS + 4;
    for (size_t u = t + 3; u <= last && u < d->toks.n; u++) {
        int i = d->tok_span[u];
        if (i >= 0 && d->s[i].type == T_ORG && d->s[i].t0 == u) return 1;
    }
    return 0;
}

/* "A senior official of the UPPCL, who did not want to be named, said":
 * a role holder the article never names, introduced by "a"/"an" (token
 * t), the role noun re at [h, end), a preposition and an organization.
 * The organization becomes the last holder of the role, so "the official
 * said" refers to it; "H|" keeps the role phrase's tokens for the
 * mention. 0 or WHOSAID_ENOMEM. */
static int unnamed_holder(doc *d, size_t t, const whosaid_role_entry *re, size_t h, size_t end)
{
    if (!lex_tok(d, WHOSAID_ROLE_PREPOSITION, end)) return 0;
    int i = org_at(d, end + 1, d->toks.n);
    if (i < 0 || d->s[i].entity < 0) return 0;
    char key[128];
    size_t kn = holders_key(d, re, t + 1, h, key, sizeof key);
    if (!kn) return 0;
    uint64_t where = (uint64_t)(t + 1) | (uint64_t)end << 32;
    if (remember(d, "G|", key, kn, d->s[i].entity) || make_key(d, "H|", key, kn) ||
        whosaid_hashmap_put(d->keys, d->key.data, d->key.len, where) < 0)
        return WHOSAID_ENOMEM;
    return 0;
}

static int role_mentions(doc *d)
{
    for (size_t t = 0; t < d->toks.n; t++) {
        int si = d->tok_span[t];
        if (si >= 0) {
            if (d->s[si].t0 == t && note_holder(d, &d->s[si])) return WHOSAID_ENOMEM;
            continue;
        }
        const whosaid_role_entry *det = lex_tok(d, WHOSAID_ROLE_DETERMINER, t);
        if (!det) continue;
        int definite = !strcmp(det->group, "definite");
        if (!definite && (!indefinite(d, t) || !org_soon(d, t))) continue;
        /* "the spokesman", "the managing director", "the ministry" */
        size_t end, h;
        int kind;
        const whosaid_role_entry *re = noun_after(d, t, definite, &kind, &h, &end);
        if (!re) continue;
        if (!definite) {
            if (unnamed_holder(d, t, re, h, end)) return WHOSAID_ENOMEM;
            continue;
        }
        /* "the spokesman Hong Lei", "the Ministry of Finance": a title or a
         * name, not a reference back. */
        if (end < d->toks.n &&
            (d->tok_span[end] >= 0 || ((tok_flags(d, end) & WHOSAID_TOK_CAP) &&
                                       !(tok_flags(d, end) & WHOSAID_TOK_SENT_START))))
            continue;
        int ent;
        size_t role_a = 0, role_b = 0;
        if (kind == WHOSAID_ROLE_NOUN) {
            char key[128];
            size_t kn = holders_key(d, re, t + 1, h, key, sizeof key);
            ent = kn ? recall(d, "G|", key, kn) : -1;
            if (ent >= 0 && re->gender) {
                int g = gender_of(d, &d->e[ent]);
                if (g && g != re->gender) ent = -1;
            }
            /* an organization holds the role for the person it did not
             * name: the mention carries the role as first written */
            uint64_t v;
            if (ent >= 0 && d->e[ent].type == T_ORG && !make_key(d, "H|", key, kn) &&
                whosaid_hashmap_get(d->keys, d->key.data, d->key.len, &v)) {
                role_a = (size_t)(v & 0xffffffffu);
                role_b = (size_t)(v >> 32);
            }
        } else {
            /* "head", "kind=VALUE" or "head|kind=VALUE" (roles.h). */
            const char *k = re->group;
            ent = -1;
            if (!strncmp(k, "head", 4)) {
                ent = recall(d, "W|", tok_text(d, h), d->toks.v[end - 1].end - d->toks.v[h].start);
                k = k[4] == '|' ? k + 5 : NULL;
            }
            if (ent < 0 && k) ent = recall(d, "K|", k, strlen(k));
            if (ent < 0 && k && !strcmp(k, "kind=company")) ent = kindless_near(d, t);
        }
        if (ent < 0) continue;
        if (add_mention(d, t, end, ent, re->where)) return WHOSAID_ENOMEM;
        if (role_b > role_a) {
            d->m[d->nm - 1].role_bs = d->toks.v[role_a].start;
            d->m[d->nm - 1].role_be = d->toks.v[role_b - 1].end;
        }
        t = end - 1;
    }
    return 0;
}

/* ---- output ---- */

/* Strong evidence (honorific, gendered role noun) when consistent, else the
 * given name of a full name whose first word is not a family name. */
static int gender_of(const doc *d, const entity *e)
{
    if (e->type != T_PERSON) return 0;
    if (e->gender_bits == G_MALE) return WHOSAID_GENDER_MALE;
    if (e->gender_bits == G_FEMALE) return WHOSAID_GENDER_FEMALE;
    if (e->gender_bits) return 0;
    size_t n = 0;
    while (n < e->canon_len && e->canon[n] != ' ')
        n++;
    if (n == e->canon_len) return 0;
    char key[128];
    long k = whosaid_utf8_lower_into(e->canon, n, key, sizeof key);
    uint64_t v;
    if (k <= 0 || whosaid_hashmap_get(d->r->family, key, (size_t)k, &v)) return 0;
    return whosaid_hashmap_get(d->r->given, key, (size_t)k, &v) ? (int)v : 0;
}

/* "e<k + 1>", written by hand: it is made for every mention (snprintf's
 * format parsing showed in profiles). */
static char *entity_id(int k, char buf[32])
{
    buf[0] = 'e';
    whosaid_format_int(buf + 1, (long long)k + 1);
    return buf;
}

/* Appends "key":"s[0..n)", after a comma unless it is the object's first
 * member (*first, then cleared). key is a plain literal; s is a slice of
 * the text at code point boundaries or a string made from such slices or
 * the record's own strings, so valid UTF-8: neither is checked again. */
static int put_member(whosaid_buf *b, int *first, const char *key, const char *s, size_t n)
{
    int bad = !*first && whosaid_buf_append_char(b, ',');
    *first = 0;
    return bad || whosaid_out_string(b, key, strlen(key)) || whosaid_buf_append_char(b, ':') ||
                   whosaid_out_string(b, s, n)
               ? WHOSAID_ENOMEM
               : 0;
}

/* A C string member, cut at its first NUL as json_string would. */
static int put_cstr(whosaid_buf *b, int *first, const char *key, const char *s)
{
    return put_member(b, first, key, s, strlen(s));
}

/* Appends the entity's "attrs" object. */
static int write_attrs(doc *d, entity *e, whosaid_buf *out)
{
    char id[32];
    int bad = whosaid_buf_append_char(out, '{'), first = 1;
    const span *first_span = &d->s[e->first];
    const char *country = e->country ? e->country : sstr(first_span, SF_COUNTRY, NULL);
    if (e->role_span >= 0) {
        const span *p = &d->s[e->role_span];
        whosaid_buf b = WHOSAID_BUF_INIT;
        size_t i = 0;
        if (p->role_lower) {
            whosaid_utf8_next(p->role, p->role_len, &i);
            bad |= whosaid_utf8_lower(p->role, i, &b);
        }
        bad |= whosaid_buf_append(&b, p->role + i, p->role_len - i);
        bad |= !b.data || put_member(out, &first, "role", b.data, b.len);
        whosaid_buf_free(&b);
    }
    if (e->org_span >= 0) {
        const span *o = &d->s[d->s[e->org_span].org];
        if (o->entity >= 0) {
            entity *oe = &d->e[o->entity];
            bad |= put_member(out, &first, "org", oe->canon, oe->canon_len);
            bad |= put_cstr(out, &first, "org_entity", entity_id(o->entity, id));
            if (!country)
                country = oe->country ? oe->country : sstr(&d->s[oe->first], SF_COUNTRY, NULL);
        }
    }
    if (country) bad |= put_cstr(out, &first, "country", country);
    const char *g = whosaid_gender_name(gender_of(d, e));
    if (g) bad |= put_cstr(out, &first, "gender", g);
    if (e->type == T_ORG) {
        const char *kind = sstr(first_span, SF_KIND, NULL);
        if (kind) bad |= put_cstr(out, &first, "kind", kind);
        /* else the first alias written as an acronym: aliases are the
         * spans' texts in span order */
        if (!e->acronym && e->acr_span >= 0)
            e->acronym = span_text(d, &d->s[e->acr_span], &e->acronym_len);
        if (e->acronym &&
            (e->acronym_len != e->canon_len || memcmp(e->acronym, e->canon, e->canon_len)))
            bad |= put_member(out, &first, "acronym", e->acronym, e->acronym_len);
        for (size_t i = (size_t)e->first; i < d->ns; i++) {
            size_t cn;
            const char *c = sstr(&d->s[i], SF_CANONICAL, &cn);
            if (d->s[i].entity != (int)(e - d->e) || !c) continue;
            if (cn != e->canon_len || memcmp(c, e->canon, cn))
                bad |= put_member(out, &first, "gazetteer", c, cn);
            break;
        }
    }
    if (!first) bad |= whosaid_buf_append_char(out, ',');
    bad |= whosaid_buf_append(out, "\"aliases\":", 10) || whosaid_out_value(out, e->aliases) ||
           whosaid_buf_append_char(out, '}');
    return bad ? WHOSAID_ENOMEM : 0;
}

/* Entity i as {"id", "type", "canonical", "mentions", "attrs"}, written
 * straight as text in the raw form (out.h): nothing reads it after, and
 * building it as jansson objects, each member hashed, cost more than
 * writing it. NULL on ENOMEM. */
static json_t *entity_json(doc *d, int i)
{
    entity *e = &d->e[i];
    whosaid_buf *b = &d->r->entity_text;
    char id[32];
    int first = 1;
    whosaid_buf_clear(b);
    if (whosaid_out_raw_begin(b) || put_cstr(b, &first, "id", entity_id(i, id)) ||
        put_cstr(b, &first, "type", type_names[e->type]) ||
        put_member(b, &first, "canonical", e->canon, e->canon_len) ||
        whosaid_buf_append(b, ",\"mentions\":", 12) || whosaid_out_value(b, e->mentions) ||
        whosaid_buf_append(b, ",\"attrs\":", 9) || write_attrs(d, e, b))
        return NULL;
    return whosaid_out_raw_new(b, 0);
}

/* key is a literal; s is a slice of the text at code point boundaries or a
 * string made from such slices, so valid UTF-8: neither is checked again. */
static int set_str(json_t *o, const char *key, const char *s, size_t n)
{
    return json_object_set_new_nocheck(o, key, json_stringn_nocheck(s, n));
}

static json_t *mention_json(doc *d, const mention *m, long id)
{
    char buf[32], sid[32];
    snprintf(sid, sizeof sid, "s%ld", id);
    /* Built member by member: json_pack parses its format on every call. */
    json_t *o = json_object();
    if (!o || json_object_set_new_nocheck(o, "id", json_string_nocheck(sid)) ||
        json_object_set_new_nocheck(o, "type", json_string_nocheck("MENTION")) ||
        json_object_set_new_nocheck(o, "kind", json_string_nocheck("role")) ||
        json_object_set_new_nocheck(o, "start", json_integer((json_int_t)m->cs)) ||
        json_object_set_new_nocheck(o, "end", json_integer((json_int_t)m->ce)) ||
        set_str(o, "text", d->text + m->bs, m->be - m->bs) ||
        json_object_set_new_nocheck(o, "entity", json_string_nocheck(entity_id(m->entity, buf))) ||
        json_object_set_new_nocheck(o, "rule", json_string(m->rule)) ||
        (m->role_be > m->role_bs &&
         set_str(o, "role", d->text + m->role_bs, m->role_be - m->role_bs))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Appends "key":v, after a comma unless first (as put_member). */
static int put_int_member(whosaid_buf *b, int *first, const char *key, json_int_t v)
{
    int bad = !*first && whosaid_buf_append_char(b, ',');
    *first = 0;
    return bad || whosaid_out_string(b, key, strlen(key)) || whosaid_buf_append_char(b, ':') ||
                   whosaid_out_int(b, v)
               ? WHOSAID_ENOMEM
               : 0;
}

/* Role mention m as the object mention_json makes, written as text, and
 * its id added to its entity's mentions. */
static int write_mention(doc *d, const mention *m, long id, whosaid_buf *b)
{
    char buf[32], sid[32];
    int first = 1;
    snprintf(sid, sizeof sid, "s%ld", id);
    /* json_string refuses a rule that is not UTF-8: so does this */
    if (!whosaid_utf8_valid(m->rule, strlen(m->rule))) return WHOSAID_ENOMEM;
    if (whosaid_buf_append_char(b, '{') || put_cstr(b, &first, "id", sid) ||
        put_cstr(b, &first, "type", "MENTION") || put_cstr(b, &first, "kind", "role") ||
        put_int_member(b, &first, "start", (json_int_t)m->cs) ||
        put_int_member(b, &first, "end", (json_int_t)m->ce) ||
        put_member(b, &first, "text", d->text + m->bs, m->be - m->bs) ||
        put_cstr(b, &first, "entity", entity_id(m->entity, buf)) ||
        put_cstr(b, &first, "rule", m->rule) ||
        (m->role_be > m->role_bs &&
         put_member(b, &first, "role", d->text + m->role_bs, m->role_be - m->role_bs)) ||
        whosaid_buf_append_char(b, '}'))
        return WHOSAID_ENOMEM;
    return json_array_append_new(d->e[m->entity].mentions, json_string_nocheck(sid))
               ? WHOSAID_ENOMEM
               : 0;
}

/* Span s, kept in the parse (v), as write_record leaves its object: its
 * members from the parse but for this stage's, then "entity" or
 * "ambiguous"; written as text (view_write), no object built. */
static int write_kept_span(doc *d, whosaid_jsonload_view *v, const span *s, whosaid_buf *b)
{
    char id[32];
    if (whosaid_buf_append_char(b, '{')) return WHOSAID_ENOMEM;
    /* span_fields ends with the two members this stage sets */
    long w =
        whosaid_jsonload_view_write(v, s->item, span_fields + SF_ENTITY, SF_N - SF_ENTITY, 0, b);
    int first = w == 0;
    if (w < 0) return WHOSAID_ENOMEM;
    if (s->entity >= 0) {
        /* ,"entity":"e<k>"} in one append: an id needs no escape, and
         * this is written for most spans */
        static const char member[] = ",\"entity\":\"";
        char tail[sizeof member + 32];
        size_t n = sizeof member - 1 - (size_t)first;
        memcpy(tail, member + first, n);
        entity_id(s->entity, tail + n);
        n += strlen(tail + n);
        memcpy(tail + n, "\"}", 2);
        if (whosaid_buf_append(b, tail, n + 2)) return WHOSAID_ENOMEM;
        const char *sid = sstr(s, SF_ID, NULL);
        /* sid is the record's own string: valid UTF-8 already */
        if (sid && json_array_append_new(d->e[s->entity].mentions, json_string_nocheck(sid)))
            return WHOSAID_ENOMEM;
        return 0;
    }
    if (s->ncand > 1) {
        int seen[MAX_AMBIGUOUS], nseen = 0;
        if ((!first && whosaid_buf_append_char(b, ',')) ||
            whosaid_buf_append(b, "\"ambiguous\":[", 13))
            return WHOSAID_ENOMEM;
        for (int j = 0; j < s->ncand; j++) {
            int e = d->s[find(d->s, s->cand[j])].entity, dup = 0;
            if (e < 0) continue;
            /* candidates are distinct people, but two may have merged */
            for (int q = 0; q < nseen; q++)
                dup |= seen[q] == e;
            if (dup) continue;
            entity_id(e, id);
            if ((nseen && whosaid_buf_append_char(b, ',')) || whosaid_out_string(b, id, strlen(id)))
                return WHOSAID_ENOMEM;
            seen[nseen++] = e;
        }
        if (whosaid_buf_append_char(b, ']')) return WHOSAID_ENOMEM;
    }
    return whosaid_buf_append_char(b, '}');
}

/* The new "spans" of a record whose spans are kept in the parse (v):
 * mentions and spans in the order write_record gives them, written
 * straight as text (the text form, out.h); max_id as write_record's. */
static json_t *write_kept_spans(doc *d, whosaid_jsonload_view *v, long max_id)
{
    whosaid_buf *b = &d->r->spans_text;
    whosaid_buf_clear(b);
    if (whosaid_buf_append_char(b, '[')) return NULL;
    size_t k = 0, written = 0;
    for (size_t i = 0; i <= d->ns; i++) {
        for (; k < d->nm && (i == d->ns || d->m[k].cs < d->s[i].cs); k++)
            if ((written++ && whosaid_buf_append_char(b, ',')) ||
                write_mention(d, &d->m[k], ++max_id, b))
                return NULL;
        if (i == d->ns) break;
        if ((written++ && whosaid_buf_append_char(b, ',')) || write_kept_span(d, v, &d->s[i], b))
            return NULL;
    }
    if (whosaid_buf_append_char(b, ']')) return NULL;
    return whosaid_out_text_new(b->data, b->len);
}

/* Entities as the "entities" array (entity_json). */
static json_t *entities_json(doc *d)
{
    json_t *ents = json_array();
    for (size_t i = 0; ents && i < d->ne; i++) {
        json_t *o = entity_json(d, (int)i);
        if (!o || json_array_append_new(ents, o)) {
            json_decref(ents);
            return NULL;
        }
    }
    return ents;
}

/* write_record for spans kept in the parse (v): the new spans as text,
 * in the kept array's place. */
static int write_kept_record(doc *d, json_t *rec, whosaid_jsonload_view *v, long max_id)
{
    json_t *spans = write_kept_spans(d, v, max_id);
    if (!spans) return WHOSAID_ENOMEM;
    /* the entities' mentions were filled in by write_kept_spans */
    json_t *ents = entities_json(d);
    if (!ents) {
        json_decref(spans);
        return WHOSAID_ENOMEM;
    }
    if (whosaid_jsonload_view_replace(rec, v, spans)) {
        json_decref(ents);
        return WHOSAID_ENOMEM;
    }
    return json_object_set_new_nocheck(rec, "entities", ents) ? WHOSAID_ENOMEM : 0;
}

static int write_record(doc *d, json_t *rec, long max_id)
{
    json_t *spans = json_array(), *ents = NULL;
    char id[32];
    if (!spans) goto fail;
    size_t k = 0;
    for (size_t i = 0; i <= d->ns; i++) {
        while (k < d->nm && (i == d->ns || d->m[k].cs < d->s[i].cs)) {
            json_t *o = mention_json(d, &d->m[k], ++max_id);
            if (!o || json_array_append_new(spans, o)) goto fail;
            const char *mid = json_string_value(json_object_get(o, "id"));
            if (json_array_append_new(d->e[d->m[k].entity].mentions, json_string_nocheck(mid)))
                goto fail;
            k++;
        }
        if (i == d->ns) break;
        span *s = &d->s[i];
        if (s->old_entity) json_object_del(s->obj, "entity");
        if (s->old_ambiguous) json_object_del(s->obj, "ambiguous");
        if (json_array_append(spans, s->obj)) goto fail;
        if (s->entity >= 0) {
            if (json_object_set_new_nocheck(s->obj, "entity",
                                            json_string_nocheck(entity_id(s->entity, id))))
                goto fail;
            const char *sid = sstr(s, SF_ID, NULL);
            /* sid is the record's own string: valid UTF-8 already */
            if (sid && json_array_append_new(d->e[s->entity].mentions, json_string_nocheck(sid)))
                goto fail;
        } else if (s->ncand > 1) {
            json_t *c = json_array();
            if (!c || json_object_set_new_nocheck(s->obj, "ambiguous", c)) goto fail;
            for (int j = 0; j < s->ncand; j++) {
                int e = d->s[find(d->s, s->cand[j])].entity;
                if (e < 0) continue;
                /* candidates are distinct people, but two may have merged */
                int dup = 0;
                for (size_t q = 0; q < json_array_size(c); q++)
                    dup |= !strcmp(json_string_value(json_array_get(c, q)), entity_id(e, id));
                if (!dup && json_array_append_new(c, json_string_nocheck(entity_id(e, id))))
                    goto fail;
            }
        }
    }
    if (!(ents = entities_json(d))) goto fail;
    if (json_object_set_new_nocheck(rec, "spans", spans)) {
        spans = NULL;
        goto fail;
    }
    spans = NULL;
    if (json_object_set_new_nocheck(rec, "entities", ents)) return WHOSAID_ENOMEM;
    return 0;
fail:
    json_decref(spans);
    json_decref(ents);
    return WHOSAID_ENOMEM;
}

static void doc_free(doc *d)
{
    for (size_t i = 0; i < d->ne; i++) {
        json_decref(d->e[i].mentions);
        json_decref(d->e[i].aliases);
    }
    /* the arrays the resolver keeps go back to it */
    d->r->toks = d->toks;
    d->r->key = d->key;
    whosaid_offmap_free(d->om);
}

int whosaid_resolver_run(whosaid_resolver *r, json_t *rec, whosaid_error *err)
{
    doc d;
    memset(&d, 0, sizeof d);
    d.r = r;
    d.toks = r->toks;
    d.key = r->key;
    whosaid_buf_clear(&d.key);
    d.text = whosaid_record_text(rec, &d.len);
    json_t *spans = json_object_get(rec, "spans");
    /* kept in the parse (whosaid_resolver_kept), or built */
    whosaid_jsonload_view *kept = spans ? NULL : whosaid_jsonload_view_of(rec, "spans");
    if (!d.text) return whosaid_error_set(err, WHOSAID_EINPUT, "", 0, "no text");
    if (!spans && !kept)
        return json_object_set_new(rec, "entities", json_array()) ? WHOSAID_ENOMEM : 0;
    if (spans && !json_is_array(spans))
        return whosaid_error_set(err, WHOSAID_EINPUT, "", 0, "\"spans\" is not an array");
    /* A built spans array is rebuilt: hold the old one while its objects move. */
    json_incref(spans);
    long max_id = 0;
    int rc = WHOSAID_ENOMEM;
    d.om = whosaid_offmap_new(d.text, d.len);
    d.keys = r->keys;
    if (!d.om || whosaid_hashmap_clear(d.keys)) goto out;
    if ((rc = read_spans(&d, spans, kept, &max_id, err)) != 0) goto out;
    if ((rc = tokenize(&d, rec)) != 0) goto out;
    for (size_t i = 0; i < d.ns; i++)
        if (d.s[i].type == T_PERSON) person_evidence(&d, &d.s[i]);
    rc = WHOSAID_ENOMEM;
    if (group_places(&d) || group_orgs(&d) || group_people(&d) || build_entities(&d)) goto out;
    infer_kinds(&d);
    if (role_mentions(&d) ||
        (kept ? write_kept_record(&d, rec, kept, max_id) : write_record(&d, rec, max_id)))
        goto out;
    rc = 0;
out:
    if (rc == WHOSAID_ENOMEM) whosaid_error_set(err, rc, "", 0, "out of memory");
    doc_free(&d);
    json_decref(spans);
    return rc;
}
