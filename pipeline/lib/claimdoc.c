/* The claim finder's document model (attrib_impl.h): reads a record into
 * arrays reused from one document to the next, so memory is linear in the
 * largest document: the tokens (24 bytes each) with their span, sentence
 * and quotation, their lower-cased text back to back (made once, read by
 * every lookup) and each word's lexicon entry (one lookup per word, read by
 * every question about it); the spans converted to byte offsets with what
 * is known of the name each refers to (read in the parse when the reader
 * kept them there, jsonload.h: no jansson object each, the few members a
 * claim writes as they are written from the parse); sentences,
 * paragraphs, quotations;
 * a table of the record's entities (read in the parse too, when kept) and
 * per-document maps (entity ids, genders, learned roles), emptied rather
 * than rebuilt. Loading is linear
 * in the text and the spans (spans, tokens and quotations are sorted and
 * walked together); questions about a byte are binary searches. */
#define _GNU_SOURCE
#include "whosaid/attrib_impl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "whosaid/jsonload.h"
#include "whosaid/out.h"
#include "whosaid/record.h"

/* Most tokens at once: one of at most 8 bytes, all ASCII, with 8 bytes of
 * text from its start, lower-cased as one word into w[0..8) (the bytes
 * past the token are written, not counted). Its length, or 0 for any other
 * token (an empty one too). */
static size_t short_ascii_lower(const whosaid_attrib *a, const whosaid_token *t, char *w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    size_t n = t->end - t->start;
    if (n > 8 || a->len - t->start < 8) return 0;
    /* the token's bytes are the word's low ones (little-endian) */
    uint64_t x, mine = n == 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * n)) - 1;
    memcpy(&x, a->text + t->start, 8);
    if (x & mine & UINT64_C(0x8080808080808080)) return 0;
    /* the bytes after it may be anything: kept below 0x80 for lower8 */
    x = whosaid_utf8_lower8(x & UINT64_C(0x7F7F7F7F7F7F7F7F));
    memcpy(w, &x, 8);
    return n;
#else
    (void)a;
    (void)t;
    (void)w;
    return 0;
#endif
}

/* Lower-cases every token once per document (lookups read tokens many
 * times: each is the first word of up to max_words phrases), and looks each
 * word up once: verb, frame, word class and pronoun come from one entry. */
static int lower_tokens(whosaid_attrib *a)
{
    if (whosaid_grow((void **)&a->low_at, &a->cap_low_at, a->toks.n + 1, sizeof *a->low_at) ||
        whosaid_grow((void **)&a->tok_cue, &a->cap_tok_cue, a->toks.n + 1, sizeof *a->tok_cue))
        return WHOSAID_ENOMEM;
    whosaid_buf_clear(&a->low);
    for (size_t i = 0; i < a->toks.n; i++) {
        a->low_at[i] = a->low.len;
        const whosaid_token *t = &a->toks.v[i];
        const char *p = a->text + t->start;
        size_t n = t->end - t->start;
        /* the room (8 bytes at least) checked inline: a call per token
         * showed in profiles */
        if (a->low.cap - a->low.len <= n + 8 && whosaid_buf_reserve(&a->low, n + 8))
            return WHOSAID_ENOMEM;
        char *w = a->low.data + a->low.len;
        size_t k = short_ascii_lower(a, t, w);
        /* else the ASCII start a word at a time; the rest goes to utf8proc */
        if (!k) k = whosaid_utf8_ascii_lower(p, n, w);
        a->low.len += k;
        if (k < n && whosaid_utf8_lower(p + k, n - k, &a->low)) return WHOSAID_ENOMEM;
    }
    a->low_at[a->toks.n] = a->low.len;
    for (size_t i = 0; i < a->toks.n; i++)
        a->tok_cue[i] = tword(a, (long)i) ? whosaid_cues_lookup(a->cues, a->low.data + a->low_at[i],
                                                                a->low_at[i + 1] - a->low_at[i])
                                          : NULL;
    return 0;
}

/* Appends the lower-cased token i to buf[0..*len), after a space if sep,
 * NUL-terminated; 0 when it does not fit in cap. */
static int tkey_add(const whosaid_attrib *a, long i, int sep, char *buf, size_t *len, size_t cap)
{
    size_t l = *len, tl = a->low_at[i + 1] - a->low_at[i];
    if (sep) {
        if (l + 1 >= cap) return 0;
        buf[l++] = ' ';
    }
    if (l + tl >= cap) return 0;
    memcpy(buf + l, a->low.data + a->low_at[i], tl);
    buf[l + tl] = '\0';
    *len = l + tl;
    return 1;
}

size_t whosaid_claimdoc_tkey(const whosaid_attrib *a, long i, long n, char *buf, size_t cap)
{
    size_t len = 0;
    for (long k = 0; k < n; k++)
        if (!tkey_add(a, i + k, k > 0, buf, &len, cap)) return 0;
    return len;
}

/* The phrase reader proper, for a first word whose entry e may start a
 * phrase: grows the key one word at a time. */
static long phrase_from(const whosaid_attrib *a, long i, int bits, const char **frame,
                        const whosaid_cue_entry *e)
{
    char k[256];
    long best = 0;
    long maxw = (long)whosaid_cues_max_words(a->cues);
    size_t kl = 0;
    for (long n = 1; n <= maxw && (size_t)(i + n) <= a->toks.n; n++) {
        if (n > 1) {
            if (!tword(a, i + n - 1)) break;
            /* the key grows by one word: the same as whosaid_claimdoc_tkey(a, i, n, ...) */
            if ((n == 2 && !tkey_add(a, i, 0, k, &kl, sizeof k)) ||
                !tkey_add(a, i + n - 1, 1, k, &kl, sizeof k))
                break;
            e = whosaid_cues_lookup(a->cues, k, kl);
        }
        if (!e) break; /* neither a phrase nor the start of one */
        if (frame) {
            if (e->frame) {
                *frame = e->frame;
                best = n;
            }
        } else if (e->word & bits)
            best = n;
        if (!e->longer) break; /* no longer phrase starts so */
    }
    return best;
}

long whosaid_claimdoc_phrase_at(const whosaid_attrib *a, long i, int bits, const char **frame)
{
    /* Most words start no phrase (the claim scan asks for every word of
     * the text): their entry, made once per document, turns them away
     * before the key buffer and the loop are set up. */
    const whosaid_cue_entry *e = tword(a, i) ? a->tok_cue[i] : NULL;
    if (!e || (!e->longer && !(frame ? e->frame != NULL : (e->word & bits) != 0))) return 0;
    return phrase_from(a, i, bits, frame, e);
}

/* How many of the sorted v[0..n) are at or before b. */
static size_t count_upto(const size_t *v, size_t n, size_t b)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

long whosaid_claimdoc_sent_of_byte(const whosaid_attrib *a, size_t b)
{
    size_t s = count_upto(a->sent_e, a->nsent, b); /* sentences ending at or before b */
    return s < a->nsent ? (long)s : (long)a->nsent - 1;
}

long whosaid_claimdoc_para_of_byte(const whosaid_attrib *a, size_t b)
{
    size_t p = count_upto(a->para, a->npara, b); /* paragraphs starting at or before b */
    return p ? (long)p - 1 : 0;
}

long whosaid_claimdoc_first_tok_at(const whosaid_attrib *a, size_t b)
{
    size_t lo = 0, hi = a->toks.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->toks.v[mid].start < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo;
}

/* tok_quoted from the quotations, in one walk: tokens and quotations are
 * both in text order (a lookup per token was a binary search each). */
static int mark_quoted(whosaid_attrib *a)
{
    if (whosaid_grow((void **)&a->tok_quoted, &a->cap_tok_quoted, a->toks.n + 1, 1))
        return WHOSAID_ENOMEM;
    const whosaid_quotes *q = &a->quotes;
    size_t k = 0;
    for (size_t i = 0; i < a->toks.n; i++) {
        size_t b = a->toks.v[i].start;
        /* as whosaid_quotes_containing: the first quotation closing past b */
        while (k < q->n && q->v[k].close <= b)
            k++;
        a->tok_quoted[i] = k < q->n && q->v[k].open <= b;
    }
    return 0;
}

/* The first byte picks the one name to compare (types are read for every
 * span and entity: a chain of compare calls showed in profiles). */
static int type_of(const char *t)
{
    if (!t) return T_OTHER;
    switch (t[0]) {
    case 'P': return strcmp(t, "PERSON") ? T_OTHER : T_PERSON;
    case 'O': return strcmp(t, "ORG") ? T_OTHER : T_ORG;
    case 'C': return strcmp(t, "COUNTRY") ? T_OTHER : T_COUNTRY;
    case 'L': return strcmp(t, "LOCATION") ? T_OTHER : T_LOCATION;
    case 'D': return strcmp(t, "DATE") ? T_OTHER : T_DATE;
    case 'S': return strcmp(t, "STAT") ? T_OTHER : T_STAT;
    case 'M': return strcmp(t, "MENTION") ? T_OTHER : T_MENTION;
    default: return T_OTHER;
    }
}

static int spk_of(int t)
{
    return t == T_PERSON    ? WHOSAID_SPK_PERSON
           : t == T_ORG     ? WHOSAID_SPK_ORG
           : t == T_COUNTRY ? WHOSAID_SPK_COUNTRY
                            : 0;
}

static int is_outlet_kind(const char *k)
{
    if (!k) return 0;
    switch (k[0]) { /* as type_of */
    case 'n': return !strcmp(k, "news_agency") || !strcmp(k, "newspaper");
    case 'o': return !strcmp(k, "outlet");
    case 'b': return !strcmp(k, "broadcaster");
    default: return 0;
    }
}

static int by_start(const void *x, const void *y)
{
    const span *p = x, *q = y;
    return p->s < q->s ? -1 : p->s > q->s ? 1 : p->e > q->e ? -1 : p->e < q->e;
}

int whosaid_claimdoc_gender_note(whosaid_attrib *a, const char *canon, int g)
{
    if (!canon || !g) return 0;
    uint64_t old = 0;
    whosaid_hashmap_get(a->gender, canon, strlen(canon), &old);
    return whosaid_hashmap_put(a->gender, canon, strlen(canon), old | (uint64_t)g) < 0
               ? WHOSAID_ENOMEM
               : 0;
}

int whosaid_claimdoc_gender_of(const whosaid_attrib *a, const char *canon)
{
    uint64_t g = 0;
    if (!canon || !whosaid_hashmap_get(a->gender, canon, strlen(canon), &g)) return 0;
    return g == 1 || g == 2 ? (int)g : 0;
}

/* The members of a span object load_spans reads (whosaid_record_fields). */
enum {
    SF_START,
    SF_END,
    SF_TYPE,
    SF_CANONICAL,
    SF_TEXT,
    SF_ROLE,
    SF_KIND,
    SF_ENTITY,
    SF_AMBIGUOUS,
    SF_VALUE,
    SF_COUNTRY,
    SF_N
};
static const whosaid_field span_fields[SF_N] = {
    WHOSAID_FIELD("start"),     WHOSAID_FIELD("end"),     WHOSAID_FIELD("type"),
    WHOSAID_FIELD("canonical"), WHOSAID_FIELD("text"),    WHOSAID_FIELD("role"),
    WHOSAID_FIELD("kind"),      WHOSAID_FIELD("entity"),  WHOSAID_FIELD("ambiguous"),
    WHOSAID_FIELD("value"),     WHOSAID_FIELD("country"),
};

/* The members of an entity, and of its attrs, that its spans take. */
enum { EF_ID, EF_CANONICAL, EF_TYPE, EF_ATTRS, EF_N };
static const whosaid_field ent_fields[EF_N] = {
    WHOSAID_FIELD("id"),
    WHOSAID_FIELD("canonical"),
    WHOSAID_FIELD("type"),
    WHOSAID_FIELD("attrs"),
};
enum { EA_ROLE, EA_ORG, EA_GENDER, EA_ORG_ENTITY, EA_COUNTRY, EA_N };
static const whosaid_field attr_fields[EA_N] = {
    WHOSAID_FIELD("role"),       WHOSAID_FIELD("org"),     WHOSAID_FIELD("gender"),
    WHOSAID_FIELD("org_entity"), WHOSAID_FIELD("country"),
};

/* The same members as a kept array reads them (jsonload.h): an entity's,
 * then its attrs' ("attrs.role", ...), in the orders above. */
enum { EV_ATTRS = EF_ATTRS, EV_N = EF_ATTRS + EA_N };
static const whosaid_field ent_view_fields[EV_N] = {
    WHOSAID_FIELD("id"),
    WHOSAID_FIELD("canonical"),
    WHOSAID_FIELD("type"),
    WHOSAID_FIELD("attrs.role"),
    WHOSAID_FIELD("attrs.org"),
    WHOSAID_FIELD("attrs.gender"),
    WHOSAID_FIELD("attrs.org_entity"),
    WHOSAID_FIELD("attrs.country"),
};

/* A string member as json_string_value would give it from the built
 * object. */
static const char *view_str(const whosaid_jsonload_value *v)
{
    return v->type == JSON_STRING ? v->str : NULL;
}

/* Room for n entities, and the id map made. */
static int entities_begin(whosaid_attrib *a, size_t n)
{
    a->has_entities = 1;
    a->nents = n;
    if ((!a->ents && !(a->ents = whosaid_hashmap_new())) ||
        whosaid_grow((void **)&a->einfo, &a->cap_einfo, n + 1, sizeof *a->einfo))
        return WHOSAID_ENOMEM;
    return 0;
}

/* Entity i, which says what s[0..EV_N) say, in the id map. */
static int entity_set(whosaid_attrib *a, size_t i, const char *const *s)
{
    ent_info *e = &a->einfo[i];
    e->id = s[EF_ID];
    e->canon = s[EF_CANONICAL];
    e->spk = spk_of(type_of(s[EF_TYPE]));
    e->role = s[EV_ATTRS + EA_ROLE];
    e->org = s[EV_ATTRS + EA_ORG];
    e->gender = s[EV_ATTRS + EA_GENDER];
    e->org_entity = s[EV_ATTRS + EA_ORG_ENTITY];
    e->country = s[EV_ATTRS + EA_COUNTRY];
    if (e->id && whosaid_hashmap_put(a->ents, e->id, strlen(e->id), i) < 0) return WHOSAID_ENOMEM;
    return 0;
}

/* The entities of a record that kept them in the parse: no jansson object
 * each (building them was about 7% of the stage). */
static int load_entities_view(whosaid_attrib *a, whosaid_jsonload_view *v)
{
    if (entities_begin(a, whosaid_jsonload_view_size(v))) return WHOSAID_ENOMEM;
    const whosaid_jsonload_value *f;
    int got;
    for (size_t i = 0; (got = whosaid_jsonload_view_next(v, &f)) >= 0; i++) {
        const char *s[EV_N] = {NULL}; /* an item that is no object says nothing */
        for (size_t k = 0; got && k < EV_N; k++)
            s[k] = view_str(&f[k]);
        if (entity_set(a, i, s)) return WHOSAID_ENOMEM;
    }
    return 0;
}

/* einfo and the id map from the record's "entities" (a->has_entities). */
static int load_entities(whosaid_attrib *a, const json_t *rec)
{
    whosaid_jsonload_view *v = whosaid_jsonload_view_of(rec, "entities");
    if (v) return load_entities_view(a, v);
    const json_t *arr = json_object_get(rec, "entities");
    a->has_entities = json_is_array(arr);
    a->nents = 0;
    if (!a->has_entities) return 0;
    if (entities_begin(a, json_array_size(arr))) return WHOSAID_ENOMEM;
    for (size_t i = 0; i < a->nents; i++) {
        json_t *f[EF_N], *g[EA_N];
        whosaid_record_fields(json_array_get(arr, i), ent_fields, EF_N, f);
        whosaid_record_fields(f[EF_ATTRS], attr_fields, EA_N, g);
        const char *s[EV_N];
        for (size_t k = 0; k < EF_ATTRS; k++)
            s[k] = json_string_value(f[k]);
        for (size_t k = 0; k < EA_N; k++)
            s[EV_ATTRS + k] = json_string_value(g[k]);
        if (entity_set(a, i, s)) return WHOSAID_ENOMEM;
    }
    return 0;
}

/* What a span object says, from either form of the record. */
typedef struct span_in {
    json_int_t s, e;
    const char *type, *canon, *text, *role, *kind, *entity, *value, *country;
    int ambiguous; /* has the member, whatever its value */
} span_in;

/* Adds the span in says (skipped when its place is not in the text),
 * with what it refers to; *added tells. */
static int add_span(whosaid_attrib *a, const whosaid_offmap *om, size_t cps, const span_in *in,
                    const json_t *o, span **added)
{
    *added = NULL;
    if (in->s < 0 || in->e <= in->s || (size_t)in->e > cps) return 0;
    span *sp = &a->spans[a->nspans++];
    *added = sp;
    memset(sp, 0, sizeof *sp);
    sp->obj = o;
    sp->item = -1;
    sp->value = in->value;
    sp->country = in->country;
    sp->s = whosaid_offmap_byte(om, (size_t)in->s);
    sp->e = whosaid_offmap_byte(om, (size_t)in->e);
    sp->type = type_of(in->type);
    sp->canon = in->canon;
    if (!sp->canon) sp->canon = in->text;
    sp->role = in->role;
    sp->spk = spk_of(sp->type);
    sp->outlet = is_outlet_kind(in->kind);
    const char *eid = in->entity;
    uint64_t ei;
    if (eid && a->has_entities && whosaid_hashmap_get(a->ents, eid, strlen(eid), &ei)) {
        const ent_info *ent = &a->einfo[ei];
        sp->entity = eid;
        if (ent->canon) sp->canon = ent->canon;
        sp->spk = ent->spk;
        if (ent->role) sp->role = ent->role;
        sp->org = ent->org;
        const char *g = ent->gender;
        if (g && whosaid_claimdoc_gender_note(a, sp->canon,
                                              !strcmp(g, "female") ? 2
                                              : !strcmp(g, "male") ? 1
                                                                   : 0))
            return WHOSAID_ENOMEM;
    } else if (sp->type == T_MENTION)
        sp->spk = 0;  /* a role noun nobody linked */
    if (!sp->canon) { /* no "canonical" or "text" string: a name nobody can cite */
        sp->canon = "";
        sp->spk = 0;
    }
    if (in->ambiguous && !sp->entity) {
        sp->spk = 0;
        sp->ambiguous = 1;
    }
    return 0;
}

const whosaid_keep *whosaid_attrib_kept(size_t *n)
{
    static const whosaid_keep keep[] = {{"spans", span_fields, SF_N},
                                        {"entities", ent_view_fields, EV_N}};
    *n = sizeof keep / sizeof keep[0];
    return keep;
}

/* The spans of a record whose spans were kept in the parse (jsonload.h):
 * read there, without a jansson object each; only a span whose obj is
 * read gets one, with just what is read of it. */
static int load_spans_view(whosaid_attrib *a, whosaid_jsonload_view *v, const whosaid_offmap *om)
{
    size_t n = whosaid_jsonload_view_size(v);
    if (whosaid_grow((void **)&a->spans, &a->cap_spans, n + 1, sizeof *a->spans))
        return WHOSAID_ENOMEM;
    size_t cps = whosaid_offmap_cp_len(om);
    const whosaid_jsonload_value *f;
    int got;
    for (size_t i = 0; (got = whosaid_jsonload_view_next(v, &f)) >= 0; i++) {
        if (!got) continue;
        span_in in = {
            .s = f[SF_START].type == JSON_INTEGER ? f[SF_START].num : 0,
            .e = f[SF_END].type == JSON_INTEGER ? f[SF_END].num : 0,
            .type = view_str(&f[SF_TYPE]),
            .canon = view_str(&f[SF_CANONICAL]),
            .text = view_str(&f[SF_TEXT]),
            .role = view_str(&f[SF_ROLE]),
            .kind = view_str(&f[SF_KIND]),
            .entity = view_str(&f[SF_ENTITY]),
            .value = view_str(&f[SF_VALUE]),
            .country = view_str(&f[SF_COUNTRY]),
            .ambiguous = f[SF_AMBIGUOUS].type >= 0,
        };
        span *sp;
        if (add_span(a, om, cps, &in, NULL, &sp)) return WHOSAID_ENOMEM;
        if (sp) sp->item = (long)i; /* its members are written from there */
    }
    return 0;
}

/* whosaid_claimdoc_span_write for a span read as a jansson object. */
static long obj_write(const json_t *o, const whosaid_field *names, size_t n, unsigned how,
                      whosaid_buf *b)
{
    const char *key;
    json_t *v;
    long written = 0;
    json_object_foreach((json_t *)o, key, v)
    {
        size_t kl = strlen(key), i = 0;
        while (i < n && !(names[i].len == kl && !memcmp(names[i].name, key, kl)))
            i++;
        if ((i < n) != !!(how & WHOSAID_JSONLOAD_ONLY)) continue;
        if (((written || (how & WHOSAID_JSONLOAD_COMMA)) && whosaid_buf_append_char(b, ',')) ||
            whosaid_out_string(b, key, kl) || whosaid_buf_append_char(b, ':') ||
            whosaid_out_value(b, v))
            return -1;
        written++;
    }
    return written;
}

long whosaid_claimdoc_span_write(const whosaid_attrib *a, long k, const whosaid_field *names,
                                 size_t n, unsigned how, whosaid_buf *b)
{
    const span *sp = &a->spans[k];
    if (sp->item >= 0)
        return whosaid_jsonload_view_write(a->kept, (size_t)sp->item, names, n, how, b);
    return obj_write(sp->obj, names, n, how, b);
}

/* Reads the spans and what each refers to: the resolve stage's entity when
 * the span has one, else the span's own canonical; without entities, a
 * one-word PERSON matching the first or last word of exactly one earlier
 * full name takes that name. */
static int load_spans(whosaid_attrib *a, const json_t *rec, const whosaid_offmap *om)
{
    a->nspans = 0;
    whosaid_jsonload_view *kept = whosaid_jsonload_view_of(rec, "spans");
    a->kept = kept;
    if (kept) {
        if (load_spans_view(a, kept, om)) return WHOSAID_ENOMEM;
    } else {
        const json_t *arr = json_object_get(rec, "spans");
        size_t n = json_is_array(arr) ? json_array_size(arr) : 0;
        if (whosaid_grow((void **)&a->spans, &a->cap_spans, n + 1, sizeof *a->spans))
            return WHOSAID_ENOMEM;
        size_t cps = whosaid_offmap_cp_len(om);
        for (size_t i = 0; i < n; i++) {
            const json_t *o = json_array_get(arr, i);
            if (!json_is_object(o)) continue;
            json_t *f[SF_N];
            whosaid_record_fields(o, span_fields, SF_N, f);
            span_in in = {
                .s = json_integer_value(f[SF_START]),
                .e = json_integer_value(f[SF_END]),
                .type = json_string_value(f[SF_TYPE]),
                .canon = json_string_value(f[SF_CANONICAL]),
                .text = json_string_value(f[SF_TEXT]),
                .role = json_string_value(f[SF_ROLE]),
                .kind = json_string_value(f[SF_KIND]),
                .entity = json_string_value(f[SF_ENTITY]),
                .value = json_string_value(f[SF_VALUE]),
                .country = json_string_value(f[SF_COUNTRY]),
                .ambiguous = f[SF_AMBIGUOUS] != NULL,
            };
            span *sp;
            if (add_span(a, om, cps, &in, o, &sp)) return WHOSAID_ENOMEM;
        }
    }
    /* Spans are sorted by the contract; sort anyway if a user's step did not. */
    for (size_t i = 1; i < a->nspans; i++)
        if (a->spans[i].s < a->spans[i - 1].s) {
            qsort(a->spans, a->nspans, sizeof *a->spans, by_start);
            break;
        }
    if (a->has_entities) return 0;
    whosaid_hashmap *names = a->names;
    int rc = 0;
    for (size_t i = 0; i < a->nspans && !rc; i++) {
        span *sp = &a->spans[i];
        if (sp->type != T_PERSON || !sp->canon) continue;
        const char *sp1 = strchr(sp->canon, ' ');
        uint64_t v;
        if (!sp1) {
            if (whosaid_hashmap_get(names, sp->canon, strlen(sp->canon), &v) && v != UINT64_MAX) {
                sp->canon = a->spans[v].canon;
                if (!sp->role) sp->role = a->spans[v].role;
            }
            continue;
        }
        const char *last = strrchr(sp->canon, ' ') + 1;
        const char *keys[2] = {sp->canon, last};
        size_t lens[2] = {(size_t)(sp1 - sp->canon), strlen(last)};
        for (int k = 0; k < 2 && !rc; k++) {
            if (whosaid_hashmap_get(names, keys[k], lens[k], &v) && v != UINT64_MAX &&
                strcmp(a->spans[v].canon, sp->canon) != 0)
                v = UINT64_MAX; /* two people share the word: leave it alone */
            else if (!whosaid_hashmap_get(names, keys[k], lens[k], &v))
                v = i;
            if (whosaid_hashmap_put(names, keys[k], lens[k], v) < 0) rc = WHOSAID_ENOMEM;
        }
    }
    return rc;
}

/* Maps tokens to spans and sentences; notes genders (role nouns,
 * honorifics, first names). */
static int index_tokens(whosaid_attrib *a)
{
    size_t n = a->toks.n;
    if (whosaid_grow((void **)&a->tok_span, &a->cap_tok, n + 1, sizeof *a->tok_span))
        return WHOSAID_ENOMEM;
    size_t cap = 0;
    if (whosaid_grow((void **)&a->tok_sent, &cap, a->cap_tok, sizeof *a->tok_sent))
        return WHOSAID_ENOMEM;
    size_t k = 0, s = 0;
    for (size_t i = 0; i < n; i++) {
        const whosaid_token *t = &a->toks.v[i];
        while (k < a->nspans && a->spans[k].e <= t->start)
            k++;
        /* The longest span holding the token: spans may nest (a MENTION in a
         * PERSON); a MENTION only when no other holds it. One walk for
         * both (most tokens are in no span: the walk ends at once). */
        long any = -1, named = -1;
        for (size_t j = k; j < a->nspans && a->spans[j].s <= t->start && j < k + 4; j++)
            if (a->spans[j].e >= t->end) {
                if (any < 0) any = (long)j;
                if (a->spans[j].type != T_MENTION) {
                    named = (long)j;
                    break;
                }
            }
        a->tok_span[i] = named >= 0 ? named : any;
        while (s + 1 < a->nsent && a->sent_e[s] <= t->start)
            s++;
        a->tok_sent[i] = (long)s;
        long sp = a->tok_span[i];
        if (sp >= 0) {
            if (a->spans[sp].tok0 == 0 && (i == 0 || a->tok_span[i - 1] != sp))
                a->spans[sp].tok0 = (long)i + 1; /* +1: 0 means unset */
            a->spans[sp].tok1 = (long)i;
        }
    }
    for (size_t j = 0; j < a->nspans; j++) {
        span *sp = &a->spans[j];
        if (sp->tok0)
            sp->tok0--;
        else
            sp->tok0 = sp->tok1 = -1;
        if (sp->spk != WHOSAID_SPK_PERSON || sp->tok0 < 0) continue;
        int g = 0, rg = 0;
        if (sp->role) {
            char key[128];
            long r = whosaid_utf8_lower_into(sp->role, strlen(sp->role), key, sizeof key);
            if (r > 0) whosaid_cues_word(a->cues, key, (size_t)r, &rg);
            g = rg;
        }
        int hg = 0;
        if (!g && (word_kind(a, sp->tok0 - 1, &hg) & (WHOSAID_WORD_HONORIFIC | WHOSAID_WORD_ROLE)))
            g = hg;
        if (!g && tis(a, sp->tok0 - 1, ".") &&
            (word_kind(a, sp->tok0 - 2, &hg) & WHOSAID_WORD_HONORIFIC))
            g = hg;
        if (!g && sp->tok1 > sp->tok0) { /* a first name: only in a full name */
            char key[128];
            size_t kl = whosaid_claimdoc_tkey(a, sp->tok0, 1, key, sizeof key);
            if (kl) g = whosaid_cues_first_name(a->cues, key, kl);
        }
        if (whosaid_claimdoc_gender_note(a, sp->canon, g)) return WHOSAID_ENOMEM;
    }
    return 0;
}

/* ---- sentences, paragraphs and the dateline ---- */

/* The byte after the separator that ends a dateline at b, whose place
 * (dn bytes) was matched: "BEIJING, June 27 (Xinhuanet) – ", "Baghdad,
 * Iraq – ", "MUMBAI: ", "COLUMBUS, Ohio (AP) — ", "Washington (CNN)The";
 * 0 when the line goes on in another way. Between the place and the
 * separator only capitalized words, numbers and a parenthesis ("Calif.",
 * "June 27", "(AP)"): a lower-case word is a sentence ("Baghdad says ...")
 * whose place only happens to be the dateline's. */
static size_t dateline_sep_end(const whosaid_attrib *a, size_t b, size_t dn)
{
    const unsigned char *t = (const unsigned char *)a->text;
    size_t lim = b + dn + 100 < a->len ? b + dn + 100 : a->len;
    int paren = 0;
    for (size_t i = b + dn; i < lim && t[i] != '\n';) {
        size_t j = i;
        while (j < lim && t[j] == ' ')
            j++;
        size_t w = 0; /* the separator's bytes at j */
        if (j + 1 < lim && t[j] == '-' && t[j + 1] == '-')
            w = 2;
        else if (j < lim && (t[j] == '-' || t[j] == ':'))
            w = 1;
        else if (j + 2 < lim && t[j] == 0xE2 && t[j + 1] == 0x80 &&
                 (t[j + 2] == 0x93 || t[j + 2] == 0x94))
            w = 3;
        if (w && !paren && j + w < lim && (t[j + w] == ' ' || t[j + w] == '\n')) {
            j += w;
            while (j < a->len && t[j] == ' ')
                j++;
            return j;
        }
        if (j >= lim) break;
        unsigned char c = t[j];
        if (c == '(') {
            paren = 1;
            i = j + 1;
        } else if (c == ')') {
            if (!paren) return 0;
            paren = 0;
            i = j + 1;
            /* "Washington (CNN)President ...": no separator */
            if (i < lim && t[i] >= 'A' && t[i] <= 'Z') return i;
        } else if (c == ',' || c == '.') {
            i = j + 1;
        } else {
            /* a word: capitalized or a number, unless in the parenthesis */
            size_t k = j;
            while (k < lim && t[k] != ' ' && t[k] != ',' && t[k] != '(' && t[k] != ')' &&
                   t[k] != '\n' && !(t[k] == ':' && (k + 1 >= lim || t[k + 1] == ' ')))
                k++;
            if (!paren && !((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0xC0))
                return 0;
            if (!paren && c >= 0xC0) { /* a non-ASCII letter: its case */
                size_t q = j;
                int32_t cp = whosaid_utf8_next(a->text, k, &q);
                utf8proc_category_t cat = utf8proc_category(cp);
                if (cat != UTF8PROC_CATEGORY_LU && cat != UTF8PROC_CATEGORY_LT) return 0;
            }
            if (k == j) return 0;
            i = k;
        }
    }
    return 0;
}

/* Where the dateline of meta.dateline dl ends in the text: the first of the
 * first three paragraphs that opens with it as a word and a dateline's
 * separator; 0 when none does. */
static size_t dateline_end(const whosaid_attrib *a, const char *dl)
{
    size_t dn = dl ? strlen(dl) : 0;
    if (!dn) return 0;
    for (size_t p = 0; p < a->npara && p < 3; p++) {
        size_t b = a->para[p];
        if (b + dn > a->len || strncasecmp(a->text + b, dl, dn) != 0) continue;
        unsigned char next = b + dn < a->len ? (unsigned char)a->text[b + dn] : 0;
        if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')) continue;
        size_t e = dateline_sep_end(a, b, dn);
        if (e) return e;
    }
    return 0;
}

static int load_structure(whosaid_attrib *a, const json_t *rec, const whosaid_offmap *om)
{
    const json_t *sents = json_object_get(rec, "sentences");
    size_t n = json_is_array(sents) ? json_array_size(sents) : 0;
    a->npara = 0;
    if (whosaid_grow((void **)&a->para, &a->cap_para, 1, sizeof *a->para)) return WHOSAID_ENOMEM;
    a->para[a->npara++] = 0;
    for (size_t i = 0; i + 1 < a->len; i++) {
        /* to the next newline at once */
        const char *nl = memchr(a->text + i, '\n', a->len - 1 - i);
        if (!nl) break;
        i = (size_t)(nl - a->text);
        if (a->text[i + 1] == '\n') {
            size_t j = i;
            while (j < a->len && (a->text[j] == '\n' || a->text[j] == ' '))
                j++;
            if (whosaid_grow((void **)&a->para, &a->cap_para, a->npara + 1, sizeof *a->para))
                return WHOSAID_ENOMEM;
            a->para[a->npara++] = j;
            i = j - 1;
        }
    }
    a->nsent = 0;
    size_t need = (n ? n : a->npara) + 1;
    if (whosaid_grow((void **)&a->sent_s, &a->cap_sent_s, need, sizeof(size_t)) ||
        whosaid_grow((void **)&a->sent_e, &a->cap_sent_e, need, sizeof(size_t)))
        return WHOSAID_ENOMEM;
    size_t cps = whosaid_offmap_cp_len(om), last = 0;
    for (size_t i = 0; i < n; i++) {
        const json_t *p = json_array_get(sents, i);
        json_int_t s = json_integer_value(json_array_get(p, 0)),
                   e = json_integer_value(json_array_get(p, 1));
        if (s < 0 || e <= s || (size_t)e > cps) continue;
        size_t bs = whosaid_offmap_byte(om, (size_t)s), be = whosaid_offmap_byte(om, (size_t)e);
        if (bs < last) continue; /* out of order: skip rather than guess */
        a->sent_s[a->nsent] = bs;
        a->sent_e[a->nsent++] = be;
        last = be;
    }
    if (!a->nsent) /* no sentences: paragraphs stand in */
        for (size_t i = 0; i < a->npara; i++) {
            a->sent_s[a->nsent] = a->para[i];
            a->sent_e[a->nsent++] = i + 1 < a->npara ? a->para[i + 1] : a->len;
        }
    a->dateline_end = dateline_end(a, jstr(json_object_get(rec, "meta"), "dateline"));
    return 0;
}

void whosaid_claimdoc_set_text(char *dst, size_t cap, const char *s, size_t n)
{
    if (n >= cap) n = cap - 1;
    /* do not cut a UTF-8 sequence */
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    memcpy(dst, s, n);
    dst[n] = 0;
    for (char *p = dst; *p; p++)
        if (*p == '\n') *p = ' ';
}

long whosaid_claimdoc_first_span_from(const whosaid_attrib *a, size_t b)
{
    size_t lo = 0, hi = a->nspans;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->spans[mid].s < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo;
}

/* An empty map, made the first time. */
static int fresh_map(whosaid_hashmap **m)
{
    if (!*m) return (*m = whosaid_hashmap_new()) ? 0 : WHOSAID_ENOMEM;
    return whosaid_hashmap_clear(*m);
}

int whosaid_claimdoc_load(whosaid_attrib *a, const json_t *rec, const whosaid_offmap *om)
{
    a->nclaims = a->nroles = a->nmade = a->njoints = a->nconj = 0;
    a->n_as_max = 0;
    a->holders_built = 0;
    if (fresh_map(&a->ents) || fresh_map(&a->names) || fresh_map(&a->gender) ||
        fresh_map(&a->learned) || fresh_map(&a->holders))
        return WHOSAID_ENOMEM;
    int rc = load_entities(a, rec);
    if (!rc) rc = load_structure(a, rec, om);
    if (!rc) rc = load_spans(a, rec, om);
    if (!rc) rc = whosaid_tokenize(a->text, a->len, a->sent_s, a->nsent, &a->toks);
    if (!rc) rc = lower_tokens(a);
    if (!rc) rc = index_tokens(a);
    if (!rc) rc = whosaid_quotes_find(a->text, a->len, &a->quotes);
    if (!rc) rc = mark_quoted(a);
    if (!rc && whosaid_grow((void **)&a->quote_used, &a->cap_qu, a->quotes.n + 1, 1))
        rc = WHOSAID_ENOMEM;
    if (!rc) memset(a->quote_used, 0, a->quotes.n + 1);
    return rc;
}
