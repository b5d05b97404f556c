#include "whosaid/tagger.h"

#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "whosaid/buf.h"
#include "whosaid/cands.h"
#include "whosaid/gazetteer.h"
#include "whosaid/hashmap.h"
#include "whosaid/jsonesc.h"
#include "whosaid/names.h"
#include "whosaid/out.h"
#include "whosaid/record.h"
#include "whosaid/ruleset.h"
#include "whosaid/timex.h"
#include "whosaid/tokens.h"
#include "whosaid/utf8.h"
#include "whosaid/values.h"

#define RULE_SEEN 64 /* a power of two */

/* A started document of the batch (whosaid_tagger_start): what its first
 * steps found, kept until whosaid_tagger_finish. */
typedef struct doc_slot {
    json_t *rec, *spans;
    const char *text;
    size_t len;
    whosaid_offmap *map;
    long next;           /* the next span number */
    int rules_failed;    /* whosaid_tagger_apply_rules ran out of memory */
    whosaid_cands cands; /* its candidates; kept from batch to batch */
} doc_slot;

struct whosaid_tagger {
    whosaid_gazetteer *gaz;
    whosaid_ruleset *rules;
    whosaid_values *values;
    whosaid_names *heuristics;
    whosaid_gaz_memo *gaz_memo; /* the document's matches, for the names too */
    whosaid_anchor fallback;    /* --anchor: for records without meta.published */
    char *root;                 /* shown as "rules" in span "rule" fields */
    size_t nfiles;
    /* per-document scratch */
    whosaid_tokens toks;
    whosaid_cands cands;
    whosaid_buf span; /* a record's "spans" text (write_spans) */
    size_t *sent_starts;
    size_t sent_cap;
    /* span "rule" fields: each rule file's "\"rules/tag/x.rules:" as JSON
     * text (rule_text[off..off+len)), made when its first span is written,
     * found by the file's address (rule_index; files live as long as t) */
    struct rule_src {
        size_t off, len;
        int ok; /* valid UTF-8 (a path need not be; the cut may split a character) */
    } * rule_srcs;
    size_t nrule_srcs, rule_srcs_cap;
    /* the files seen last, by their address: spans of a few files
     * alternate, and the index is a hash-table probe */
    struct rule_seen {
        const char *file;
        size_t src;
    } rule_seen[RULE_SEEN];
    whosaid_hashmap *rule_index;
    whosaid_buf rule_text;
    /* gazetteer entries' attributes, parsed once (gaz_attrs): gaz_index maps
     * the addresses of an entry's canonical and attrs strings to its run
     * of gaz_parsed's pool, (a0 << 16) | n */
    whosaid_hashmap *gaz_index;
    whosaid_cands gaz_parsed;
    /* the batch: started documents, and their texts for the rule set */
    doc_slot *slots;
    size_t nslots, slots_cap;
    const char **btexts;
    size_t *blens;
    whosaid_cands **bcands;
};

whosaid_tagger *whosaid_tagger_new(const char *lang_dir, whosaid_error *err)
{
    whosaid_tagger *t = calloc(1, sizeof *t);
    if (!t) {
        whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
        return NULL;
    }
    t->gaz = whosaid_gazetteer_new();
    t->rules = whosaid_ruleset_new();
    t->rule_index = whosaid_hashmap_new();
    t->gaz_memo = whosaid_gaz_memo_new();
    t->gaz_index = whosaid_hashmap_new();
    if (!t->gaz || !t->rules || !t->rule_index || !t->gaz_memo || !t->gaz_index) {
        whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
        whosaid_tagger_free(t);
        return NULL;
    }
    /* Before any rule file: the rules use the {MONTH} ... it defines. */
    t->values = whosaid_values_load(lang_dir, t->rules, err);
    char names_dir[4096];
    snprintf(names_dir, sizeof names_dir, "%s/names", lang_dir);
    if (t->values)
        t->heuristics =
            whosaid_names_load_with_calendar(names_dir, whosaid_values_calendar(t->values), err);
    if (!t->values || !t->heuristics) {
        whosaid_tagger_free(t);
        return NULL;
    }
    return t;
}

int whosaid_tagger_set_anchor(whosaid_tagger *t, const char *iso)
{
    whosaid_timex tx;
    if (whosaid_timex_parse(iso, strlen(iso), &tx) != 0 ||
        !whosaid_timex_get_date(&tx, &t->fallback.date))
        return WHOSAID_EINPUT;
    t->fallback.have = 1;
    t->fallback.source = "option";
    return 0;
}

void whosaid_tagger_free(whosaid_tagger *t)
{
    if (!t) return;
    whosaid_gazetteer_free(t->gaz);
    whosaid_ruleset_free(t->rules);
    whosaid_values_free(t->values);
    whosaid_names_free(t->heuristics);
    whosaid_gaz_memo_free(t->gaz_memo);
    free(t->root);
    whosaid_tokens_free(&t->toks);
    whosaid_cands_free(&t->cands);
    whosaid_buf_free(&t->span);
    free(t->rule_srcs);
    whosaid_hashmap_free(t->rule_index);
    whosaid_buf_free(&t->rule_text);
    whosaid_hashmap_free(t->gaz_index);
    whosaid_cands_free(&t->gaz_parsed);
    free(t->sent_starts);
    for (size_t i = 0; i < t->slots_cap; i++) {
        whosaid_offmap_free(t->slots[i].map);
        whosaid_cands_free(&t->slots[i].cands);
    }
    free(t->slots);
    free(t->btexts);
    free(t->blens);
    free(t->bcands);
    free(t);
}

void whosaid_tagger_set_gates(whosaid_tagger *t, int on)
{
    whosaid_ruleset_set_gates(t->rules, on);
}

size_t whosaid_tagger_gazetteer_entries(const whosaid_tagger *t)
{
    return whosaid_gazetteer_count(t->gaz);
}

size_t whosaid_tagger_regex_rules(const whosaid_tagger *t)
{
    return whosaid_ruleset_count(t->rules);
}

size_t whosaid_tagger_files(const whosaid_tagger *t)
{
    return t->nfiles;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int add_file(whosaid_tagger *t, const char *path, int user, whosaid_error *err)
{
    t->nfiles++;
    if (has_suffix(path, ".tsv")) {
        /* loading may move or replace the entries' strings: what gaz_attrs
         * parsed is forgotten */
        if (whosaid_hashmap_clear(t->gaz_index))
            return whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
        whosaid_cands_clear(&t->gaz_parsed);
        return whosaid_gazetteer_load(t->gaz, path, user, err);
    }
    if (has_suffix(path, ".rules")) return whosaid_ruleset_load(t->rules, path, user, err);
    return whosaid_error_set(err, WHOSAID_ESYNTAX, path, 0,
                             "not a rule file (expected .tsv or .rules)");
}

int whosaid_tagger_add(whosaid_tagger *t, const char *path, int user, const char *display_root,
                       whosaid_error *err)
{
    struct stat st;
    if (display_root && !t->root && !(t->root = strdup(display_root)))
        return whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
    if (stat(path, &st) != 0) {
        whosaid_error_set(err, WHOSAID_EIO, path, 0, "No such file or directory");
        return WHOSAID_EIO;
    }
    if (!S_ISDIR(st.st_mode)) return add_file(t, path, user, err);
    struct dirent **list;
    int n = scandir(path, &list, NULL, alphasort);
    if (n < 0) return whosaid_error_set(err, WHOSAID_EIO, path, 0, "cannot read directory");
    int rc = 0;
    whosaid_buf child = WHOSAID_BUF_INIT;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (rc == 0 && name[0] != '.') {
            whosaid_buf_clear(&child);
            whosaid_buf_printf(&child, "%s/%s", path, name);
            struct stat cst;
            if (stat(child.data, &cst) == 0 &&
                (S_ISDIR(cst.st_mode) || has_suffix(name, ".tsv") || has_suffix(name, ".rules")))
                rc = whosaid_tagger_add(t, child.data, user, display_root, err);
        }
        free(list[i]);
    }
    free(list);
    whosaid_buf_free(&child);
    return rc;
}

/* A gazetteer match's attributes, pooled in the candidate list (cands.h):
 * its canonical name, then "country=KR;demonym=true;population=9" as
 * pointers into the entry (true and false as JSON, digits as integers), as
 * a jansson object of them would hold them. 0 or WHOSAID_ENOMEM. */
static int pool_gaz_attrs(whosaid_cands *cs, whosaid_cand *c, const char *canonical,
                          const char *attrs)
{
    whosaid_cattr a = {
        "canonical", 9, WHOSAID_CATTR_TEXT, {.text = {canonical, strlen(canonical)}}};
    if (whosaid_cands_attr_add(cs, c, a)) return WHOSAID_ENOMEM;
    for (const char *p = attrs; *p;) {
        size_t n = strcspn(p, ";");
        const char *eq = memchr(p, '=', n);
        if (eq) {
            /* names are [a-z0-9_] (gazetteer.c); a jansson key was cut at 63 */
            size_t kn = (size_t)(eq - p) < 63 ? (size_t)(eq - p) : 63;
            const char *v = eq + 1;
            size_t vn = n - (size_t)(eq - p) - 1;
            size_t digits = 0;
            while (digits < vn && v[digits] >= '0' && v[digits] <= '9')
                digits++;
            a = (whosaid_cattr){p, (uint32_t)kn, WHOSAID_CATTR_TEXT, {.text = {v, vn}}};
            if (vn == 4 && strncmp(v, "true", 4) == 0) {
                a.kind = WHOSAID_CATTR_JSON;
                a.v.json = json_true();
            } else if (vn == 5 && strncmp(v, "false", 5) == 0) {
                a.kind = WHOSAID_CATTR_JSON;
                a.v.json = json_false();
            } else if (digits == vn && vn > 0 && vn < 18) {
                a.kind = WHOSAID_CATTR_INT;
                a.v.i = strtoll(v, NULL, 10);
            }
            if (whosaid_cands_attr_add(cs, c, a)) return WHOSAID_ENOMEM;
        }
        p += n + (p[n] == ';');
    }
    return 0;
}

/* Gives c the attributes of gazetteer entry (canonical, attrs) as
 * pool_gaz_attrs would, parsing them only the first time the entry
 * matches: popular entries match in most documents, and parsing their
 * "key=value;..." text again was most of a gazetteer candidate's cost. */
static int gaz_attrs(whosaid_tagger *t, whosaid_cand *c, const char *canonical, const char *attrs)
{
    const char *key[2] = {canonical, attrs};
    uint64_t run;
    if (!whosaid_hashmap_get(t->gaz_index, (const char *)key, sizeof key, &run)) {
        whosaid_cand parsed = {0};
        parsed.a0 = t->gaz_parsed.npool;
        if (pool_gaz_attrs(&t->gaz_parsed, &parsed, canonical, attrs)) return WHOSAID_ENOMEM;
        if (parsed.npool > 0xFFFF) {
            t->gaz_parsed.npool = parsed.a0; /* no room in run: parsed each time */
            return pool_gaz_attrs(&t->cands, c, canonical, attrs);
        }
        run = (uint64_t)parsed.a0 << 16 | parsed.npool;
        if (whosaid_hashmap_put(t->gaz_index, (const char *)key, sizeof key, run) < 0)
            return WHOSAID_ENOMEM;
    }
    return whosaid_cands_attr_append(&t->cands, c, t->gaz_parsed.pool + (run >> 16), run & 0xFFFF);
}

/* Gazetteer candidates, longest first from left to right; the matches
 * looked up stay in the memo for the name heuristics. */
static int gazetteer_cands(whosaid_tagger *t, const char *text)
{
    if (whosaid_gaz_memo_reset(t->gaz_memo, t->gaz, text, &t->toks)) return WHOSAID_ENOMEM;
    whosaid_gaz_entry e;
    size_t k;
    for (size_t i = 0; (k = whosaid_gaz_memo_next(t->gaz_memo, &i, &e)) != 0; i += k) {
        if (!e.canonical) return WHOSAID_ENOMEM;
        whosaid_cand c = {t->toks.v[i].start,
                          t->toks.v[i + k - 1].end,
                          e.type,
                          0,
                          e.user,
                          0,
                          e.file,
                          e.line,
                          NULL,
                          t->cands.npool,
                          0};
        if (gaz_attrs(t, &c, e.canonical, e.attrs) || whosaid_cands_push(&t->cands, c))
            return WHOSAID_ENOMEM;
    }
    return 0;
}

/* Sentence starts in bytes, from the record's code point "sentences". */
static int sentence_starts(whosaid_tagger *t, const json_t *sentences, const whosaid_offmap *map,
                           size_t *n)
{
    size_t count = json_array_size(sentences);
    *n = 0;
    if (count > t->sent_cap) {
        size_t *v = realloc(t->sent_starts, count * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        t->sent_starts = v;
        t->sent_cap = count;
    }
    size_t last = 0;
    for (size_t i = 0; i < count; i++) {
        json_t *pair = json_array_get(sentences, i);
        json_int_t s = json_integer_value(json_array_get(pair, 0));
        if (!json_is_integer(json_array_get(pair, 0)) || s < 0 ||
            (size_t)s > whosaid_offmap_cp_len(map))
            return WHOSAID_EINPUT;
        size_t b = whosaid_offmap_byte(map, (size_t)s);
        if (b < last) return WHOSAID_EINPUT;
        t->sent_starts[(*n)++] = last = b;
    }
    return 0;
}

/* Existing spans block new candidates; returns the next free span number. */
static long fixed_spans(whosaid_tagger *t, json_t *spans, const whosaid_offmap *map)
{
    long next = 1;
    size_t i;
    json_t *s;
    json_array_foreach(spans, i, s)
    {
        const char *id = json_string_value(json_object_get(s, "id"));
        if (id && id[0] == 's') {
            long k = strtol(id + 1, NULL, 10);
            /* numbers we could never reach would overflow the count */
            if (k >= next && k < LONG_MAX / 2) next = k + 1;
        }
        json_int_t a = json_integer_value(json_object_get(s, "start"));
        json_int_t b = json_integer_value(json_object_get(s, "end"));
        if (a < 0 || b <= a || (size_t)b > whosaid_offmap_cp_len(map)) continue;
        whosaid_cand c = {whosaid_offmap_byte(map, (size_t)a),
                          whosaid_offmap_byte(map, (size_t)b),
                          "NONE",
                          1000000,
                          1,
                          -1,
                          "input",
                          0,
                          NULL,
                          0,
                          0};
        if (whosaid_cands_push(&t->cands, c)) return -1;
    }
    return next;
}

/* Whether the text of a span is valid UTF-8, as a jansson string must be.
 * A record's text is a jansson string, so valid UTF-8; a slice that starts
 * and ends on character boundaries is valid too and needs no check. */
static int span_text_ok(const char *text, size_t len, size_t start, size_t end)
{
    if (start > end || end > len) return 0;
    return (whosaid_utf8_on_boundary(text, len, start) &&
            whosaid_utf8_on_boundary(text, len, end)) ||
           whosaid_utf8_valid(text + start, end - start);
}

/* Appends s[0..n), JSON text that needs no escapes. The serializer's
 * pieces make their own room; this is for the literals between them. */
static inline int put_lit(whosaid_buf *b, const char *s, size_t n)
{
    if (b->cap - b->len <= n && whosaid_buf_reserve(b, n)) return WHOSAID_ENOMEM;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}
#define PUT_LIT(b, lit) put_lit(b, lit, sizeof lit - 1)

/* Appends s[0..len) as a JSON string. Keys, types and most attribute
 * values are short and plain: written here, in line, as the serializer
 * would write them (its call cost more than the copy). */
static inline int put_str(whosaid_buf *b, const char *s, size_t len)
{
    if (len - 1 < 16 && b->cap - b->len > len + 2) {
        char *w = b->data + b->len;
        if (whosaid_json_copy_plain(w + 1, s, len)) {
            w[0] = '"';
            w[len + 1] = '"';
            b->len += len + 2;
            return 0;
        }
    }
    return whosaid_out_string(b, s, len);
}

/* Appends ',"key":', the lead of an attribute member, in one go where the
 * key is short and plain (as put_str). */
static inline int put_member_key(whosaid_buf *b, const char *key, size_t klen)
{
    if (klen - 1 < 16 && b->cap - b->len > klen + 4) {
        char *w = b->data + b->len;
        if (whosaid_json_copy_plain(w + 2, key, klen)) {
            w[0] = ',';
            w[1] = '"';
            w[klen + 2] = '"';
            w[klen + 3] = ':';
            b->len += klen + 4;
            return 0;
        }
    }
    return put_lit(b, ",", 1) || whosaid_out_string(b, key, klen) || put_lit(b, ":", 1);
}

/* The members of a span that its attributes may also name: set after them
 * with jansson (json_object_update), an attribute took the member's place
 * (a key keeps its first position) and "rule" its value. */
enum { F_ID = 1, F_START = 2, F_END = 4, F_TYPE = 8, F_TEXT = 16, F_RULE = 32 };

static unsigned fixed_member(const char *k, size_t n)
{
    switch (n) {
    case 2: return memcmp(k, "id", 2) ? 0 : F_ID;
    case 3: return memcmp(k, "end", 3) ? 0 : F_END;
    case 4:
        return !memcmp(k, "type", 4)   ? F_TYPE
               : !memcmp(k, "text", 4) ? F_TEXT
               : !memcmp(k, "rule", 4) ? F_RULE
                                       : 0;
    case 5: return memcmp(k, "start", 5) ? 0 : F_START;
    default: return 0;
    }
}

/* The attribute that takes the place of fixed member key, if any. */
static const whosaid_cattr * override(const whosaid_cattr *a, size_t n, unsigned over, unsigned bit,
                                      const char *key)
{
    if (!(over & bit)) return NULL;
    size_t klen = strlen(key);
    for (size_t k = 0; k < n; k++)
        if (a[k].kind != WHOSAID_CATTR_GONE && a[k].klen == klen && !memcmp(a[k].key, key, klen))
            return &a[k];
    return NULL;
}

/* An attribute's value as the writer writes the jansson value it stands for. */
static int put_attr(whosaid_buf *b, const whosaid_cattr *a)
{
    switch (a->kind) {
    case WHOSAID_CATTR_JSON: return whosaid_out_value(b, a->v.json);
    case WHOSAID_CATTR_TEXT: return put_str(b, a->v.text.s, a->v.text.n);
    case WHOSAID_CATTR_INT: return whosaid_out_int(b, a->v.i);
    default: {
        /* a fraction (STAT values): jansson's formatting of reals */
        json_t *r = json_real(a->v.r);
        int rc = r ? whosaid_out_value(b, r) : WHOSAID_ENOMEM;
        json_decref(r);
        return rc;
    }
    }
}

/* The "rule" text of file's spans up to the line number: '"' and
 * "rules/tag/x.rules:" (shown under "rules" when in the rules directory;
 * a path of over a thousand bytes is cut) escaped. Made once per file:
 * spans are written in text order, which mixes files. NULL on ENOMEM. */
static const struct rule_src *rule_src(whosaid_tagger *t, const char *file)
{
    struct rule_seen *seen = &t->rule_seen[((uintptr_t)file >> 4) & (RULE_SEEN - 1)];
    if (file == seen->file) return &t->rule_srcs[seen->src];
    uint64_t i;
    if (!whosaid_hashmap_get(t->rule_index, (const char *)&file, sizeof file, &i)) {
        char prefix[1024];
        size_t n = t->root ? strlen(t->root) : 0;
        int k = n && strncmp(file, t->root, n) == 0 && file[n] == '/'
                    ? snprintf(prefix, sizeof prefix, "rules%s:", file + n)
                    : snprintf(prefix, sizeof prefix, "%s:", file);
        size_t len = k < 0 ? 0 : (size_t)k < sizeof prefix ? (size_t)k : sizeof prefix - 1;
        i = t->nrule_srcs;
        size_t off = t->rule_text.len;
        if (whosaid_grow((void **)&t->rule_srcs, &t->rule_srcs_cap, i + 1, sizeof *t->rule_srcs) ||
            whosaid_out_string(&t->rule_text, prefix, len))
            return NULL;
        t->rule_text.len--; /* the closing quote comes after the line number */
        t->rule_srcs[i] =
            (struct rule_src){off, t->rule_text.len - off, whosaid_utf8_valid(prefix, len)};
        if (whosaid_hashmap_put(t->rule_index, (const char *)&file, sizeof file, i) < 0) {
            t->rule_text.len = off;
            return NULL;
        }
        t->nrule_srcs++;
    }
    *seen = (struct rule_seen){file, (size_t)i};
    return &t->rule_srcs[i];
}

/* Appends the span's "rule" value: its file's text, the line, '"'. */
static int put_rule(whosaid_tagger *t, whosaid_buf *b, const struct rule_src *src, long line)
{
    char num[32];
    size_t n = whosaid_format_int(num, line);
    num[n++] = '"';
    return put_lit(b, t->rule_text.data + src->off, src->len) || put_lit(b, num, n);
}

/* Appends span c to b as JSON text: byte for byte what the writer would
 * write for a jansson object of "id", "start", "end", "type", "text", the
 * attributes in order, and "rule". Building such an object (a dozen values,
 * a hash table) and walking it again to write it costs a tenth of
 * whosaid-tag. The attributes are read from the list's pool (jansson attrs
 * are pooled first). WHOSAID_ENOMEM where a jansson string would refuse a
 * value (not UTF-8) or on ENOMEM (b then holds part of the span). */
static int write_span(whosaid_tagger *t, whosaid_buf *b, whosaid_cand *c, long id, const char *text,
                      size_t len, const whosaid_offmap *map)
{
    size_t tlen = c->type ? strlen(c->type) : 0;
    if (!c->type || !whosaid_utf8_valid(c->type, tlen) ||
        !span_text_ok(text, len, c->start, c->end) || (c->attrs && !json_is_object(c->attrs)))
        return WHOSAID_ENOMEM;
    const struct rule_src *src = rule_src(t, c->file);
    if (!src || !src->ok || (!c->npool && c->attrs && whosaid_cands_pool_json(&t->cands, c)))
        return WHOSAID_ENOMEM;
    const whosaid_cattr *attrs = c->npool ? t->cands.pool + c->a0 : NULL;
    size_t na = c->npool;
    unsigned over = 0;
    for (size_t k = 0; k < na; k++)
        if (attrs[k].kind != WHOSAID_CATTR_GONE) over |= fixed_member(attrs[k].key, attrs[k].klen);
    const whosaid_cattr *o;
    int bad = put_lit(b, "{", 1);
    if (!bad && !(over & (F_ID | F_START | F_END))) {
        /* the usual span: its numbers in one go */
        char head[96];
        size_t n = sizeof "\"id\":\"s" - 1;
        memcpy(head, "\"id\":\"s", n);
        n += whosaid_format_int(head + n, id);
        memcpy(head + n, "\",\"start\":", sizeof "\",\"start\":" - 1);
        n += sizeof "\",\"start\":" - 1;
        n += whosaid_format_int(head + n, (long)whosaid_offmap_cp(map, c->start));
        memcpy(head + n, ",\"end\":", sizeof ",\"end\":" - 1);
        n += sizeof ",\"end\":" - 1;
        n += whosaid_format_int(head + n, (long)whosaid_offmap_cp(map, c->end));
        bad = put_lit(b, head, n);
    } else if (!bad) {
        char idbuf[32];
        idbuf[0] = 's';
        size_t idlen = 1 + whosaid_format_int(idbuf + 1, id);
        bad = PUT_LIT(b, "\"id\":") ||
              ((o = override(attrs, na, over, F_ID, "id")) ? put_attr(b, o)
                                                           : whosaid_out_string(b, idbuf, idlen)) ||
              PUT_LIT(b, ",\"start\":") ||
              ((o = override(attrs, na, over, F_START, "start"))
                   ? put_attr(b, o)
                   : whosaid_out_int(b, (json_int_t)whosaid_offmap_cp(map, c->start))) ||
              PUT_LIT(b, ",\"end\":") ||
              ((o = override(attrs, na, over, F_END, "end"))
                   ? put_attr(b, o)
                   : whosaid_out_int(b, (json_int_t)whosaid_offmap_cp(map, c->end)));
    }
    bad = bad || PUT_LIT(b, ",\"type\":") ||
          ((o = override(attrs, na, over, F_TYPE, "type")) ? put_attr(b, o)
                                                           : put_str(b, c->type, tlen)) ||
          PUT_LIT(b, ",\"text\":") ||
          ((o = override(attrs, na, over, F_TEXT, "text"))
               ? put_attr(b, o)
               : put_str(b, text + c->start, c->end - c->start));
    int rule_done = 0;
    for (size_t j = 0; j < na && !bad; j++) {
        const whosaid_cattr *a = &attrs[j];
        if (a->kind == WHOSAID_CATTR_GONE) continue;
        unsigned f = fixed_member(a->key, a->klen);
        if (f & (F_ID | F_START | F_END | F_TYPE | F_TEXT)) continue;
        bad = put_member_key(b, a->key, a->klen) ||
              (f == F_RULE ? put_rule(t, b, src, c->line) : put_attr(b, a));
        rule_done |= f == F_RULE;
    }
    if (bad || (!rule_done && (PUT_LIT(b, ",\"rule\":") || put_rule(t, b, src, c->line))))
        return WHOSAID_ENOMEM;
    return put_lit(b, "}", 1);
}
#undef PUT_LIT

/* A hostile or unlucky pattern hit PCRE2's match limit: the rule was
 * skipped for this text; say which, so the user can fix it. */
static int warn_limit_hits(const whosaid_tagger *t, size_t k, json_t *rec)
{
    const char *file;
    long line;
    for (size_t i = 0; whosaid_ruleset_limit_hit_in(t->rules, k, i, &file, &line); i++)
        if (whosaid_record_warn(rec, "match_limit",
                                "%s:%ld: match limit hit; the rule was skipped for this document",
                                file, line))
            return WHOSAID_ENOMEM;
    return 0;
}

/* The reference date of relative expressions: meta.published, else --anchor. */
static whosaid_anchor record_anchor(const whosaid_tagger *t, const json_t *rec)
{
    whosaid_anchor a = t->fallback;
    const char *pub = json_string_value(json_object_get(json_object_get(rec, "meta"), "published"));
    whosaid_timex tx;
    if (pub && whosaid_timex_parse(pub, strlen(pub), &tx) == 0 &&
        whosaid_timex_get_date(&tx, &a.date)) {
        a.have = 1;
        a.source = "published";
    }
    return a;
}

/* The document values normalizing reads. */
struct value_ctx {
    whosaid_tagger *t;
    const char *text;
    size_t len;
    const whosaid_anchor *anchor;
};

/* Computes a DATE or STAT value; 0 drops what turns out not to be one.
 * Asked by the overlap resolution only of candidates that can still win. */
static int keep_normalized(void *ctx, whosaid_cands *cs, whosaid_cand *c)
{
    const struct value_ctx *v = ctx;
    return whosaid_values_normalize(v->t->values, v->text, v->len, cs, c, v->anchor);
}

/* The batch's slots hold their candidates, the steps work on t->cands
 * (write_span reads its pool): a slot's list is swapped in for them. */
static void swap_cands(whosaid_tagger *t, doc_slot *d)
{
    whosaid_cands c = t->cands;
    t->cands = d->cands;
    d->cands = c;
}

/* Lets go of a slot's document (its candidates' attrs are jansson values
 * of the record: jsonmem.h). */
static void slot_clear(doc_slot *d)
{
    whosaid_cands_clear(&d->cands);
    whosaid_offmap_free(d->map);
    d->map = NULL;
    d->rec = NULL;
}

static int slot_reserve(whosaid_tagger *t)
{
    if (t->nslots < t->slots_cap) return 0;
    size_t cap = t->slots_cap ? t->slots_cap * 2 : 8;
    doc_slot *v = realloc(t->slots, cap * sizeof *v);
    if (v) t->slots = v;
    const char **tx = v ? realloc(t->btexts, cap * sizeof *tx) : NULL;
    if (tx) t->btexts = tx;
    size_t *ln = tx ? realloc(t->blens, cap * sizeof *ln) : NULL;
    if (ln) t->blens = ln;
    whosaid_cands **cs = ln ? realloc(t->bcands, cap * sizeof *cs) : NULL;
    if (!cs) return WHOSAID_ENOMEM;
    t->bcands = cs;
    memset(t->slots + t->slots_cap, 0, (cap - t->slots_cap) * sizeof *t->slots);
    t->slots_cap = cap;
    return 0;
}

/* The steps before the regex rules: spans already there, tokens,
 * gazetteer matches, name heuristics. */
static int start_doc(whosaid_tagger *t, doc_slot *d, whosaid_error *err)
{
    json_t *rec = d->rec;
    if (!d->text) return whosaid_error_set(err, WHOSAID_EINPUT, NULL, 0, "no \"text\" string");
    d->map = whosaid_offmap_new(d->text, d->len);
    d->spans = json_object_get(rec, "spans");
    if (!d->map) return WHOSAID_ENOMEM;
    if (!json_is_array(d->spans)) {
        d->spans = json_array();
        if (!d->spans || json_object_set_new(rec, "spans", d->spans)) return WHOSAID_ENOMEM;
    }
    size_t nsent = 0;
    int rc = sentence_starts(t, json_object_get(rec, "sentences"), d->map, &nsent);
    if (rc == WHOSAID_EINPUT)
        whosaid_error_set(err, rc, NULL, 0,
                          "\"sentences\" offsets are out of range or out of order");
    if (rc) return rc;
    whosaid_cands_clear(&t->cands);
    if ((d->next = fixed_spans(t, d->spans, d->map)) < 0 ||
        whosaid_tokenize(d->text, d->len, t->sent_starts, nsent, &t->toks) ||
        gazetteer_cands(t, d->text) ||
        whosaid_names_propose_memo(t->heuristics, d->text, &t->toks, t->gaz_memo, &t->cands))
        return WHOSAID_ENOMEM;
    return 0;
}

int whosaid_tagger_start(whosaid_tagger *t, json_t *rec, whosaid_error *err)
{
    if (slot_reserve(t)) return whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
    doc_slot *d = &t->slots[t->nslots];
    d->rec = rec;
    d->text = whosaid_record_text(rec, &d->len);
    d->rules_failed = 0;
    swap_cands(t, d);
    int rc = start_doc(t, d, err);
    swap_cands(t, d);
    if (rc == WHOSAID_ENOMEM) whosaid_error_set(err, rc, NULL, 0, "out of memory");
    if (rc) {
        slot_clear(d);
        return rc;
    }
    t->nslots++;
    return 0;
}

size_t whosaid_tagger_started(const whosaid_tagger *t)
{
    return t->nslots;
}

void whosaid_tagger_apply_rules(whosaid_tagger *t)
{
    for (size_t k = 0; k < t->nslots; k++) {
        t->btexts[k] = t->slots[k].text;
        t->blens[k] = t->slots[k].len;
        t->bcands[k] = &t->slots[k].cands;
    }
    whosaid_error e;
    if (whosaid_ruleset_apply_many(t->rules, t->btexts, t->blens, t->bcands, t->nslots, &e))
        for (size_t k = 0; k < t->nslots; k++)
            t->slots[k].rules_failed = 1;
}

/* Replaces d's "spans" by the whole array as JSON text, in the text form
 * (out.h): the spans already there as the writer writes them, then the new
 * ones. One value per record: a raw-form object per span (a jansson object
 * and string each, and a walk of them by the writer) cost 2% of
 * whosaid-tag. On failure the array holds the spans written until then,
 * as an array appended to span by span did. */
static int write_spans(whosaid_tagger *t, doc_slot *d)
{
    whosaid_buf *b = &t->span;
    whosaid_buf_clear(b);
    int rc = put_lit(b, "[", 1);
    size_t n = json_array_size(d->spans), done = 0;
    for (size_t i = 0; i < n && !rc; i++)
        rc = (i && put_lit(b, ",", 1)) || whosaid_out_value(b, json_array_get(d->spans, i))
                 ? WHOSAID_ENOMEM
                 : 0;
    if (rc) return rc; /* the array is left as it came */
    done = b->len;
    for (size_t i = 0; i < t->cands.n && !rc; i++) {
        rc = ((n || i) && put_lit(b, ",", 1)) ||
             write_span(t, b, &t->cands.v[i], d->next++, d->text, d->len, d->map);
        if (!rc) done = b->len;
    }
    b->len = done;
    json_t *v = put_lit(b, "]", 1) ? NULL : whosaid_out_text_new(b->data, b->len);
    if (!v || json_object_set_new(d->rec, "spans", v)) return WHOSAID_ENOMEM;
    d->spans = v;
    return rc ? WHOSAID_ENOMEM : 0;
}

/* The steps after the regex rules: model numbers named in the document,
 * values, overlaps, the spans written. */
static int finish_doc(whosaid_tagger *t, size_t k, doc_slot *d)
{
    if (d->rules_failed || warn_limit_hits(t, k, d->rec)) return WHOSAID_ENOMEM;
    whosaid_anchor anchor = record_anchor(t, d->rec);
    struct value_ctx vctx = {t, d->text, d->len, &anchor};
    whosaid_values_model_numbers(&t->cands, d->text, d->len);
    if (whosaid_cands_resolve_filtered(&t->cands, keep_normalized, &vctx)) return WHOSAID_ENOMEM;
    if (!t->cands.n) return 0; /* the array stays as it came */
    return write_spans(t, d);
}

int whosaid_tagger_finish(whosaid_tagger *t, size_t k, whosaid_error *err)
{
    doc_slot *d = &t->slots[k];
    swap_cands(t, d);
    int rc = finish_doc(t, k, d);
    swap_cands(t, d);
    if (rc) whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
    slot_clear(d);
    return rc ? WHOSAID_ENOMEM : 0;
}

void whosaid_tagger_end_batch(whosaid_tagger *t)
{
    for (size_t k = 0; k < t->nslots; k++)
        if (t->slots[k].rec) slot_clear(&t->slots[k]);
    t->nslots = 0;
}

int whosaid_tagger_run(whosaid_tagger *t, json_t *rec, whosaid_error *err)
{
    int rc = whosaid_tagger_start(t, rec, err);
    if (rc) return rc;
    whosaid_tagger_apply_rules(t);
    rc = whosaid_tagger_finish(t, t->nslots - 1, err);
    whosaid_tagger_end_batch(t);
    return rc;
}
