#include "whosaid/tagger.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "whosaid/buf.h"
#include "whosaid/cands.h"
#include "whosaid/gazetteer.h"
#include "whosaid/names.h"
#include "whosaid/record.h"
#include "whosaid/ruleset.h"
#include "whosaid/timex.h"
#include "whosaid/tokens.h"
#include "whosaid/utf8.h"
#include "whosaid/values.h"

struct whosaid_tagger {
    whosaid_gazetteer *gaz;
    whosaid_ruleset *rules;
    whosaid_values *values;
    whosaid_names *heuristics;
    whosaid_anchor fallback; /* --anchor: for records without meta.published */
    char *root; /* shown as "rules" in span "rule" fields */
    size_t nfiles;
    /* per-document scratch */
    whosaid_tokens toks;
    whosaid_cands cands;
    whosaid_buf scratch;
    size_t *sent_starts;
    size_t sent_cap;
    /* span "rule" fields: the "rules/tag/x.rules:" of the last file seen */
    const char *rule_file;
    char rule_prefix[1024];
    size_t rule_prefix_len;
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
    if (!t->gaz || !t->rules) {
        whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
        whosaid_tagger_free(t);
        return NULL;
    }
    /* Before any rule file: the rules use the {MONTH} ... it defines. */
    t->values = whosaid_values_load(lang_dir, t->rules, err);
    char names_dir[4096];
    snprintf(names_dir, sizeof names_dir, "%s/names", lang_dir);
    if (t->values)
        t->heuristics = whosaid_names_load_with_calendar(names_dir,
                                                         whosaid_values_calendar(t->values), err);
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
    free(t->root);
    whosaid_tokens_free(&t->toks);
    whosaid_cands_free(&t->cands);
    whosaid_buf_free(&t->scratch);
    free(t->sent_starts);
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
    if (has_suffix(path, ".tsv")) return whosaid_gazetteer_load(t->gaz, path, user, err);
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

/* "country=KR;demonym=true;population=9" -> JSON attributes on obj. */
static int set_attrs(json_t *obj, const char *attrs)
{
    for (const char *p = attrs; *p;) {
        size_t n = strcspn(p, ";");
        const char *eq = memchr(p, '=', n);
        if (eq) {
            char key[64];
            size_t kn = (size_t)(eq - p) < sizeof key - 1 ? (size_t)(eq - p) : sizeof key - 1;
            memcpy(key, p, kn);
            key[kn] = '\0';
            const char *v = eq + 1;
            size_t vn = n - (size_t)(eq - p) - 1;
            json_t *val;
            size_t digits = 0;
            while (digits < vn && v[digits] >= '0' && v[digits] <= '9') digits++;
            if (vn == 4 && strncmp(v, "true", 4) == 0) val = json_true();
            else if (vn == 5 && strncmp(v, "false", 5) == 0) val = json_false();
            else if (digits == vn && vn > 0 && vn < 18) val = json_integer(strtoll(v, NULL, 10));
            else val = json_stringn(v, vn);
            if (!val || json_object_set_new(obj, key, val)) return WHOSAID_ENOMEM;
        }
        p += n + (p[n] == ';');
    }
    return 0;
}

static int gazetteer_cands(whosaid_tagger *t, const char *text)
{
    for (size_t i = 0; i < t->toks.n;) {
        whosaid_gaz_entry e;
        size_t k = whosaid_gazetteer_match(t->gaz, text, &t->toks, i, &e, &t->scratch);
        if (!k) {
            i++;
            continue;
        }
        /* Field by field: json_pack would parse its format for every match. */
        json_t *attrs = json_object();
        if (!attrs || !e.canonical ||
            json_object_set_new_nocheck(attrs, "canonical", json_string(e.canonical)) ||
            set_attrs(attrs, e.attrs)) {
            json_decref(attrs);
            return WHOSAID_ENOMEM;
        }
        whosaid_cand c = {t->toks.v[i].start, t->toks.v[i + k - 1].end, e.type, 0, e.user,
                          0, e.file, e.line, attrs};
        if (whosaid_cands_push(&t->cands, c)) return WHOSAID_ENOMEM;
        i += k;
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
    json_array_foreach(spans, i, s) {
        const char *id = json_string_value(json_object_get(s, "id"));
        if (id && id[0] == 's') {
            long k = strtol(id + 1, NULL, 10);
            /* numbers we could never reach would overflow the count */
            if (k >= next && k < LONG_MAX / 2) next = k + 1;
        }
        json_int_t a = json_integer_value(json_object_get(s, "start"));
        json_int_t b = json_integer_value(json_object_get(s, "end"));
        if (a < 0 || b <= a || (size_t)b > whosaid_offmap_cp_len(map)) continue;
        whosaid_cand c = {whosaid_offmap_byte(map, (size_t)a), whosaid_offmap_byte(map, (size_t)b),
                          "NONE", 1000000, 1, -1, "input", 0, NULL};
        if (whosaid_cands_push(&t->cands, c)) return -1;
    }
    return next;
}

/* "%ld" of v into out (room for 21 bytes), NUL-terminated; its length. */
static size_t format_long(char *out, long v)
{
    char tmp[24];
    size_t n = 0;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t len = n + (v < 0);
    if (v < 0) *out++ = '-';
    while (n)
        *out++ = tmp[--n];
    *out = '\0';
    return len;
}

/* The text of a span. A record's text is a jansson string, so valid UTF-8;
 * a slice that starts and ends on character boundaries is valid too and
 * skips jansson's check. Any other slice is checked (and refused) as before. */
static json_t *span_text(const char *text, size_t len, size_t start, size_t end)
{
    if (start <= end && end <= len && whosaid_utf8_on_boundary(text, len, start) &&
        whosaid_utf8_on_boundary(text, len, end))
        return json_stringn_nocheck(text + start, end - start);
    return json_stringn(text + start, end - start);
}

static json_t *span_json(whosaid_tagger *t, const whosaid_cand *c, long id, const char *text,
                         size_t len, const whosaid_offmap *map)
{
    char idbuf[32];
    idbuf[0] = 's';
    size_t idlen = 1 + format_long(idbuf + 1, id);
    /* Built field by field: json_pack parses its format for every span.
     * Keys are literals of known length and the id ASCII, so they skip the
     * UTF-8 check and strlen; the type is checked (it comes from a user's
     * rule file), the text only when off character boundaries (span_text). */
    json_t *span = json_object();
    if (!span) return NULL;
#define SET(k, v) json_object_setn_new_nocheck(span, k, sizeof k - 1, v)
    if (SET("id", json_stringn_nocheck(idbuf, idlen)) ||
        SET("start", json_integer((json_int_t)whosaid_offmap_cp(map, c->start))) ||
        SET("end", json_integer((json_int_t)whosaid_offmap_cp(map, c->end))) ||
        SET("type", json_string(c->type)) ||
        SET("text", span_text(text, len, c->start, c->end)))
        goto fail;
    if (c->attrs && json_object_update(span, c->attrs)) goto fail;
    char rule[sizeof t->rule_prefix + 24];
    if (c->file != t->rule_file) {
        /* Spans come in runs from one file: its prefix is made once (a
         * path of over a thousand bytes is cut). */
        size_t n = t->root ? strlen(t->root) : 0;
        int k = n && strncmp(c->file, t->root, n) == 0 && c->file[n] == '/'
                    ? snprintf(t->rule_prefix, sizeof t->rule_prefix, "rules%s:", c->file + n)
                    : snprintf(t->rule_prefix, sizeof t->rule_prefix, "%s:", c->file);
        t->rule_prefix_len = k < 0                               ? 0
                             : (size_t)k < sizeof t->rule_prefix ? (size_t)k
                                                                 : sizeof t->rule_prefix - 1;
        t->rule_file = c->file;
    }
    memcpy(rule, t->rule_prefix, t->rule_prefix_len);
    size_t rlen = t->rule_prefix_len + format_long(rule + t->rule_prefix_len, c->line);
    if (SET("rule", json_stringn(rule, rlen))) goto fail;
#undef SET
    return span;
fail:
    json_decref(span);
    return NULL;
}

/* A hostile or unlucky pattern hit PCRE2's match limit: the rule was
 * skipped for this text; say which, so the user can fix it. */
static int warn_limit_hits(const whosaid_tagger *t, json_t *rec)
{
    const char *file;
    long line;
    for (size_t i = 0; whosaid_ruleset_limit_hit(t->rules, i, &file, &line); i++)
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

/* Computes DATE and STAT values; drops what turns out not to be one. */
static int normalize_values(whosaid_tagger *t, const char *text, size_t len,
                            const whosaid_anchor *anchor)
{
    size_t out = 0;
    for (size_t i = 0; i < t->cands.n; i++) {
        whosaid_cand *c = &t->cands.v[i];
        int keep = whosaid_values_normalize(t->values, text, len, c, anchor);
        if (keep < 0) {
            /* Leave the list consistent: what is not yet copied is released. */
            for (size_t k = i; k < t->cands.n; k++) json_decref(t->cands.v[k].attrs);
            t->cands.n = out;
            return keep;
        }
        if (keep)
            t->cands.v[out++] = *c;
        else
            json_decref(c->attrs);
    }
    t->cands.n = out;
    return 0;
}

int whosaid_tagger_run(whosaid_tagger *t, json_t *rec, whosaid_error *err)
{
    size_t len;
    const char *text = whosaid_record_text(rec, &len);
    if (!text) return whosaid_error_set(err, WHOSAID_EINPUT, NULL, 0, "no \"text\" string");
    whosaid_offmap *map = whosaid_offmap_new(text, len);
    json_t *spans = json_object_get(rec, "spans");
    int rc = WHOSAID_ENOMEM;
    size_t nsent = 0;
    if (!map) goto done;
    if (!json_is_array(spans)) {
        spans = json_array();
        if (!spans || json_object_set_new(rec, "spans", spans)) goto done;
    }
    rc = sentence_starts(t, json_object_get(rec, "sentences"), map, &nsent);
    if (rc) {
        if (rc == WHOSAID_EINPUT)
            whosaid_error_set(err, rc, NULL, 0, "\"sentences\" offsets are out of range or out of order");
        goto done;
    }
    rc = WHOSAID_ENOMEM;
    whosaid_cands_clear(&t->cands);
    long next = fixed_spans(t, spans, map);
    if (next < 0) goto done;
    if (whosaid_tokenize(text, len, t->sent_starts, nsent, &t->toks)) goto done;
    if (gazetteer_cands(t, text)) goto done;
    if (whosaid_names_propose(t->heuristics, text, &t->toks, t->gaz, &t->cands)) goto done;
    if (whosaid_ruleset_apply(t->rules, text, len, &t->cands, err)) goto done;
    if (warn_limit_hits(t, rec)) goto done;
    whosaid_anchor anchor = record_anchor(t, rec);
    if (normalize_values(t, text, len, &anchor)) goto done;
    if (whosaid_cands_resolve(&t->cands)) goto done;
    for (size_t i = 0; i < t->cands.n; i++) {
        json_t *span = span_json(t, &t->cands.v[i], next++, text, len, map);
        if (!span || json_array_append_new(spans, span)) goto done;
    }
    rc = 0;
done:
    if (rc == WHOSAID_ENOMEM) whosaid_error_set(err, rc, NULL, 0, "out of memory");
    /* Their attrs are jansson values of this record (jsonmem.h). */
    whosaid_cands_clear(&t->cands);
    whosaid_offmap_free(map);
    return rc;
}
