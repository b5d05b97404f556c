/* Claim writer of the claim finder (attrib_impl.h): each claim straight as
 * a JSON line, in the key order and bytes a jansson object dumped by out.h
 * would give (a claim built as an object cost more than writing it). A
 * string jansson would have refused (not UTF-8: json_string gave NULL, the
 * set failed) still fails the document with WHOSAID_ENOMEM, as it did.
 * Keeps the roles learned from a speaker's claims (a map from the
 * speaker's name, emptied per document) for the speaker's later ones.
 * A claim costs its length plus a binary search for its spans and a walk
 * over the spans of its sentence. What every line of a document repeats
 * (its id, its publication date) is escaped once per document, and fixed
 * values (types, kinds) are written with their keys as literals: checking
 * and escaping a dozen short strings per claim was a fifth of the
 * writing. */
#include "whosaid/attrib_impl.h"

#include <stdint.h>
#include <string.h>

#include "whosaid/jsonesc.h"
#include "whosaid/out.h"
#include "whosaid/record.h"

/* Appends n bytes: in line while the buffer has room (it mostly has: it
 * grows to the longest document's claims), else through buf.c. */
static inline int put(whosaid_buf *b, const char *s, size_t n)
{
    if (b->cap - b->len <= n) return whosaid_buf_append(b, s, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

/* ,"key": -- k a literal */
#define W_KEY(b, k) put(b, k, sizeof k - 1)

/* Copies s[0..n), n >= 4, to w when it is plain ASCII (nothing to escape,
 * and so UTF-8) a word at a time: 1, else 0 (w then holds some of it). */
static inline int copy_plain_ascii(char *w, const char *s, size_t n)
{
    const uint64_t highs = UINT64_C(0x8080808080808080);
    if (n < 8) {
        uint32_t p, q;
        memcpy(&p, s, 4);
        memcpy(&q, s + n - 4, 4);
        uint64_t x = (uint64_t)p | (uint64_t)q << 32;
        return !(x & highs) && whosaid_json_copy_short(w, s, n);
    }
    for (size_t i = 0;; i += 8) {
        if (i + 8 > n) i = n - 8; /* the last word overlaps the one before */
        uint64_t x;
        memcpy(&x, s + i, 8);
        if ((x & highs) || whosaid_json_escape8(x)) return 0;
        memcpy(w + i, &x, 8);
        if (i + 8 == n) return 1;
    }
}

/* A string field (k with its comma, quotes and colon); NULL is null. Most
 * strings of a claim (names, roles, the cue, its class) are ASCII with
 * nothing to escape: copied a word at a time, where the UTF-8 check and the
 * escaper cost a call and a setup each. */
static inline int w_str(whosaid_buf *b, const char *k, size_t kn, const char *v)
{
    if (put(b, k, kn)) return WHOSAID_ENOMEM;
    if (!v) return put(b, "null", 4);
    size_t n = strlen(v);
    if (n >= 4 && b->cap - b->len > n + 2 && copy_plain_ascii(b->data + b->len + 1, v, n)) {
        b->data[b->len] = '"';
        b->data[b->len + n + 1] = '"';
        b->len += n + 2;
        b->data[b->len] = '\0';
        return 0;
    }
    return whosaid_utf8_valid(v, n) ? whosaid_out_string(b, v, n) : WHOSAID_ENOMEM;
}
#define W_STR(b, k, v) w_str(b, k, sizeof k - 1, v)

/* The text between two byte offsets; refused when they cut a character, as
 * json_stringn would (our validator skips ASCII 8 bytes at a time:
 * contents are long). */
static int w_slice(whosaid_buf *b, const whosaid_attrib *a, size_t s, size_t e)
{
    return whosaid_utf8_valid(a->text + s, e - s) ? whosaid_out_string(b, a->text + s, e - s)
                                                  : WHOSAID_ENOMEM;
}

/* Whether bytes [s, e) lie in the appositive or relative clause that follows
 * the speaker's name after a comma ("Paulo Reis, who quit the party two
 * years ago, said", "said Reis, a banker who ran for mayor in 2024"): that
 * tells of the speaker, not of when the claim was made. A phrase opening
 * with a preposition or an -ing form ("Reis, in an interview on Tuesday,
 * said", "Brandt, speaking late on Tuesday, said") tells of the saying. */
static int in_speaker_appositive(const whosaid_attrib *a, const claim *c, size_t s, size_t e)
{
    size_t te = c->spk.te;
    /* "a study, published in 2024, showed": a document's date is when it spoke */
    if (c->spk.publication || te <= c->spk.ts || te < a->sent_s[c->sent] || s < te) return 0;
    /* before the verb, the appositive closes with a comma after the date:
     * "X, the minister, on Tuesday said" is dated */
    if (c->cue_b > te && (e > c->cue_b || !memchr(a->text + e, ',', c->cue_b - e))) return 0;
    size_t b = te;
    while (b < s && a->text[b] == ' ')
        b++;
    if (b >= s || a->text[b] != ',') return 0;
    long k = whosaid_claimdoc_first_tok_at(a, b + 1);
    if (!tword(a, k) || a->toks.v[k].start >= s) return 0;
    size_t n;
    const char *w = ttext(a, k, &n);
    int lower = (a->toks.v[k].flags & WHOSAID_TOK_LOWER) != 0;
    if (lower &&
        ((word_kind(a, k, NULL) & WHOSAID_WORD_ADJUNCT) || (n > 4 && !memcmp(w + n - 3, "ing", 3))))
        return 0;
    return 1;
}

/* The date of a claim: a DATE in its sentence outside the content and the
 * speaker's appositive, the nearest to the verb; -1 when none. */
static long claim_date(const whosaid_attrib *a, const claim *c)
{
    if (c->date_span >= 0) return c->date_span;
    long s = c->sent;
    long best = -1;
    size_t bestd = SIZE_MAX;
    for (long k = whosaid_claimdoc_first_span_from(a, a->sent_s[s]);
         k < (long)a->nspans && a->spans[k].s < a->sent_e[s]; k++) {
        const span *sp = &a->spans[k];
        if (sp->type != T_DATE || !sp->value) continue;
        if (sp->s < a->dateline_end) continue;
        if (sp->e > c->cs && sp->s < c->ce) continue;
        if (in_speaker_appositive(a, c, sp->s, sp->e)) continue;
        size_t d = sp->s > c->cue_b ? sp->s - c->cue_b : c->cue_b - sp->s;
        if (d < bestd) {
            bestd = d;
            best = k;
        }
    }
    return best;
}

static const char *type_name(int t)
{
    switch (t) {
    case WHOSAID_SPK_PERSON: return "PERSON";
    case WHOSAID_SPK_ORG: return "ORG";
    case WHOSAID_SPK_COUNTRY: return "COUNTRY";
    case WHOSAID_SPK_GENERIC: return "GENERIC";
    default: return "UNKNOWN";
    }
}

/* A field whose value is one of this file's fixed names (ASCII, nothing to
 * escape): written without the check and escape loop of w_str. */
static inline int w_name(whosaid_buf *b, const char *k, size_t kn, const char *v)
{
    return put(b, k, kn) || put(b, v, strlen(v)) || put(b, "\"", 1);
}
#define W_NAME(b, k, v) w_name(b, k "\"", sizeof k, v)

/* {"text": ..., "value": ...} of DATE span k. */
static int write_date(whosaid_buf *b, const whosaid_attrib *a, long k)
{
    static const whosaid_field value = WHOSAID_FIELD("value");
    const span *sp = &a->spans[k];
    if (W_KEY(b, "{\"text\":") || w_slice(b, a, sp->s, sp->e)) return WHOSAID_ENOMEM;
    /* a day (a string: most values) is at hand, escaped as out.h would;
     * another value is written as the record holds it */
    if (sp->value ? W_STR(b, ",\"value\":", sp->value)
                  : whosaid_claimdoc_span_write(
                        a, k, &value, 1, WHOSAID_JSONLOAD_ONLY | WHOSAID_JSONLOAD_COMMA, b) < 0)
        return WHOSAID_ENOMEM;
    return put(b, "}", 1);
}

/* STAT span k's members but its place and provenance, in their order. */
static int write_stat(whosaid_buf *b, const whosaid_attrib *a, long k)
{
    static const whosaid_field place[] = {WHOSAID_FIELD("id"), WHOSAID_FIELD("start"),
                                          WHOSAID_FIELD("end"), WHOSAID_FIELD("type"),
                                          WHOSAID_FIELD("rule")};
    if (put(b, "{", 1) ||
        whosaid_claimdoc_span_write(a, k, place, sizeof place / sizeof place[0], 0, b) < 0)
        return WHOSAID_ENOMEM;
    return put(b, "}", 1);
}

/* {"canonical", "type", "entity", "country"} of a named span. */
static int write_entity(whosaid_buf *b, const span *sp)
{
    const char *ty = sp->spk ? type_name(sp->spk) : "LOCATION";
    const char *cc = sp->country;
    if (W_STR(b, "{\"canonical\":", sp->canon) || W_NAME(b, ",\"type\":", ty) ||
        (sp->entity && W_STR(b, ",\"entity\":", sp->entity)) ||
        (cc && W_STR(b, ",\"country\":", cc)))
        return WHOSAID_ENOMEM;
    return put(b, "}", 1);
}

/* The claim's entities (each canonical name once), dates and statistics:
 * three arrays, one walk over the claim's spans for each (a claim holds
 * few); the walk for entities counts the others, so the walk for dates or
 * statistics is made only when the claim holds some (most hold none). */
static int add_inside(whosaid_attrib *a, whosaid_buf *b, const claim *c)
{
    static const struct {
        const char *s;
        size_t n;
    } opens[3] = {{",\"entities\":[", 13}, {"],\"dates\":[", 11}, {"],\"stats\":[", 11}};
    const char *seen[64];
    size_t nseen = 0;
    size_t held[3] = {1, 0, 0}; /* spans of each part the claim holds (entities: walked anyway) */
    long first = whosaid_claimdoc_first_span_from(a, c->cs); /* one search for the three */
    for (int part = 0; part < 3; part++) {
        if (put(b, opens[part].s, opens[part].n)) return WHOSAID_ENOMEM;
        size_t n = 0;
        for (long k = first; held[part] && k < (long)a->nspans && a->spans[k].s < c->ce; k++) {
            const span *sp = &a->spans[k];
            if (sp->e > c->ce) continue;
            if (part == 0) {
                if (sp->type == T_DATE || sp->type == T_STAT) {
                    held[sp->type == T_DATE ? 1 : 2]++;
                    continue;
                }
                if (!((sp->spk || sp->type == T_LOCATION) && sp->canon[0])) continue;
                size_t j;
                for (j = 0; j < nseen; j++)
                    if (!strcmp(seen[j], sp->canon)) break;
                if (j < nseen) continue;
                if (nseen < 64) seen[nseen++] = sp->canon;
            } else if (sp->type != (part == 1 ? T_DATE : T_STAT)) {
                continue;
            }
            if ((n++ && put(b, ",", 1)) || (part == 0   ? write_entity(b, sp)
                                            : part == 1 ? write_date(b, a, k)
                                                        : write_stat(b, a, k)))
                return WHOSAID_ENOMEM;
        }
    }
    return W_KEY(b, "]}");
}

/* Role and organization learned from one claim serve the speaker's later
 * claims ("said Park Jae-moon, KCC's director ..." then "Park said"). */
static int learn(whosaid_attrib *a, speaker *spk)
{
    const char *name = spk->name ? spk->name : spk->namebuf;
    if (!spk->type || !name[0] || spk->span < 0) return 0;
    uint64_t v;
    if (whosaid_hashmap_get(a->learned, name, strlen(name), &v)) {
        struct learned *l = &a->roles[v];
        if (!spk->role[0])
            memcpy(spk->role, l->role, sizeof spk->role);
        else if (!l->role[0])
            memcpy(l->role, spk->role, sizeof l->role);
        if (!spk->org[0])
            memcpy(spk->org, l->org, sizeof spk->org);
        else if (!l->org[0])
            memcpy(l->org, spk->org, sizeof l->org);
        return 0;
    }
    if (!spk->role[0] && !spk->org[0]) return 0;
    if (whosaid_grow((void **)&a->roles, &a->cap_roles, a->nroles + 1, sizeof *a->roles))
        return WHOSAID_ENOMEM;
    memcpy(a->roles[a->nroles].role, spk->role, sizeof spk->role);
    memcpy(a->roles[a->nroles].org, spk->org, sizeof spk->org);
    return whosaid_hashmap_put(a->learned, name, strlen(name), a->nroles++) < 0 ? WHOSAID_ENOMEM
                                                                                : 0;
}

/* Appends string v (NULL: null) as JSON; 1 when it is not UTF-8. */
static int w_value(whosaid_buf *b, const char *v, int *bad)
{
    if (!v) return W_KEY(b, "null");
    size_t n = strlen(v);
    if (!whosaid_utf8_valid(v, n)) {
        *bad = 1;
        return 0;
    }
    return whosaid_out_string(b, v, n);
}

/* Once per document: three object lookups per claim line were about 1% of
 * the stage, and checking and escaping the id and date per line 5%. */
int whosaid_claimwrite_doc(whosaid_attrib *a, const json_t *rec, claim_doc *d)
{
    whosaid_buf *b = &a->docjson;
    const char *published = jstr(json_object_get(rec, "meta"), "published");
    whosaid_buf_clear(b);
    d->bad = 0;
    if (W_KEY(b, "{\"doc\":") || w_value(b, whosaid_record_id(rec), &d->bad) || W_KEY(b, ",\"n\":"))
        return WHOSAID_ENOMEM;
    d->head_len = b->len;
    if (published && w_value(b, published, &d->bad)) return WHOSAID_ENOMEM;
    d->pub_len = b->len - d->head_len;
    return 0;
}

/* Claim c, number n, as one line appended to b. */
int whosaid_claimwrite_claim(whosaid_attrib *a, whosaid_buf *b, claim *c, const claim_doc *doc,
                             long n)
{
    speaker *spk = &c->spk;
    const char *pub = a->docjson.data + doc->head_len; /* JSON, doc->pub_len bytes */
    const char *name = spk->type ? (spk->name ? spk->name : spk->namebuf) : NULL;
    if (doc->bad) return WHOSAID_ENOMEM;
    if (learn(a, spk)) return WHOSAID_ENOMEM;
    long d = claim_date(a, c);
    const whosaid_offmap *om = a->om;
    int bad = put(b, a->docjson.data, doc->head_len) || whosaid_out_int(b, n) ||
              W_STR(b, ",\"speaker\":", name) ||
              W_NAME(b, ",\"speaker_type\":", type_name(spk->type));
    /* reasons are fixed phrases of this code (ASCII) */
    if (!bad && !spk->type)
        bad = W_KEY(b, ",\"speaker_reason\":") ||
              (spk->reason ? whosaid_out_string(b, spk->reason, strlen(spk->reason))
                           : W_KEY(b, "\"no speaker found\""));
    if (!bad && spk->te > spk->ts)
        bad = W_KEY(b, ",\"speaker_text\":") || w_slice(b, a, spk->ts, spk->te);
    if (!bad && spk->role[0]) bad = W_STR(b, ",\"speaker_role\":", spk->role);
    if (!bad && spk->org[0]) bad = W_STR(b, ",\"speaker_org\":", spk->org);
    if (!bad && spk->entity) bad = W_STR(b, ",\"speaker_entity\":", spk->entity);
    bad = bad || W_STR(b, ",\"cue\":", c->cue) || W_STR(b, ",\"cue_class\":", c->cls) ||
          W_NAME(b, ",\"kind\":",
                 c->kind == K_DIRECT     ? "direct"
                 : c->kind == K_INDIRECT ? "indirect"
                                         : "according_to") ||
          W_KEY(b, ",\"content\":") || w_slice(b, a, c->cs, c->ce) || W_KEY(b, ",\"start\":") ||
          whosaid_out_int(b, (json_int_t)whosaid_offmap_cp(om, c->cs)) || W_KEY(b, ",\"end\":") ||
          whosaid_out_int(b, (json_int_t)whosaid_offmap_cp(om, c->ce));
    /* the date: the span's (an inherited one may have none), else the
     * publication's */
    if (!bad && d >= 0 && a->spans[d].value)
        bad = W_STR(b, ",\"date\":", a->spans[d].value);
    else if (!bad && d < 0 && doc->pub_len)
        bad = W_KEY(b, ",\"date\":") || put(b, pub, doc->pub_len);
    if (!bad && doc->pub_len) bad = W_KEY(b, ",\"published\":") || put(b, pub, doc->pub_len);
    if (!bad && c->via[0]) bad = W_STR(b, ",\"via\":", c->via);
    if (bad || add_inside(a, b, c) || put(b, "\n", 1)) return WHOSAID_ENOMEM;
    return 0;
}
