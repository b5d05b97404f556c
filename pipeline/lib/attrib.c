/* Claim finder (see attrib.h). Per document it keeps, in arrays reused
 * across documents: the tokens (24 bytes each) with their span, sentence and
 * quotation, and their lower-cased text (made once, read by every lookup);
 * the lexicon entry of each word (one lookup per word, read by every
 * question about it); the spans converted to byte offsets with what is known of the name each
 * refers to; the quotations; the claims found. Speaker phrases
 * are read at most MAX_NP tokens away from their verb and pronoun windows
 * hold at most MAX_WINDOW spans, so the work per cue is bounded and a
 * document costs O(n) in its length (plus sorting its claims). */
#define _GNU_SOURCE
#include "whosaid/attrib.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/hashmap.h"
#include "whosaid/out.h"
#include "whosaid/pronouns.h"
#include "whosaid/record.h"
#include "whosaid/quotes.h"
#include "whosaid/tokens.h"
#include "whosaid/utf8.h"
#include "whosaid/wordcache.h"

enum { MAX_NP = 8, MAX_APPOS = 25, MAX_THAT = 8, MAX_WINDOW = 48, MAX_ROLE_WORDS = 12 };
enum { T_OTHER, T_PERSON, T_ORG, T_COUNTRY, T_LOCATION, T_DATE, T_STAT, T_MENTION };
enum { K_DIRECT, K_INDIRECT, K_ACCORDING };

typedef struct span {
    size_t s, e;       /* bytes */
    int type;          /* T_* as tagged */
    int spk;           /* WHOSAID_SPK_* of the name it refers to, 0 if none */
    const char *canon; /* canonical name of what it refers to */
    const char *entity;/* entity id, or NULL */
    const char *role, *org; /* from the entity (resolve) or the span (tag) */
    int outlet;        /* a news organization */
    int ambiguous;     /* resolve: a name part two people share */
    long tok0, tok1;   /* first and last token */
    const json_t *obj;
} span;

typedef struct speaker {
    int type;               /* WHOSAID_SPK_*, 0 when unknown */
    const char *name;       /* canonical (borrowed), or NULL to use namebuf */
    char namebuf[256];
    const char *entity;
    char role[256], org[256];
    size_t ts, te;          /* speaker_text bytes */
    long span;              /* the named span, or -1 */
    const char *reason;
    int pronoun;            /* written as a pronoun */
} speaker;

typedef struct claim {
    speaker spk;
    char cue[64];
    const char *cls;
    int kind;
    size_t cs, ce;    /* content bytes */
    size_t as, ae;    /* attribution bytes (speaker and verb, for the date) */
    size_t cue_b;
    long sent;        /* sentence of the verb */
    int report;       /* 1: an outlet's reporting verb after the clause it reports;
                         2: a trailing "according to" */
    int dropped;
    int shared;       /* the verb shares the subject of an earlier verb ("... and added") */
    char via[128];
    long date_span;   /* inherited date, or -1 */
} claim;

struct whosaid_attrib {
    const whosaid_cues *cues;
    const char *text;
    size_t len;
    whosaid_tokens toks;
    whosaid_buf low;  /* every token lower-cased once, back to back */
    size_t *low_at;   /* token i's: low.data + low_at[i] up to low_at[i + 1] */
    size_t cap_low_at;
    const whosaid_cue_entry **tok_cue; /* word token i's lexicon entry, or NULL */
    size_t cap_tok_cue;
    unsigned char *tok_quoted; /* 1 when token i starts inside a quotation */
    size_t cap_tok_quoted;
    long *tok_span;
    long *tok_sent;
    size_t cap_tok;
    span *spans;
    size_t nspans, cap_spans;
    size_t *sent_s, *sent_e;
    size_t nsent, cap_sent_s, cap_sent_e;
    size_t *para;     /* paragraph starts */
    size_t npara, cap_para;
    whosaid_quotes quotes;
    char *quote_used;
    size_t cap_qu;
    claim *claims;
    size_t nclaims, cap_claims;
    size_t *as_max; /* as_max[i]: the latest "as" of claims[0..i], for the first n_as_max */
    size_t n_as_max, cap_as_max;
    whosaid_hashmap *ents;    /* entity id -> index in entities array */
    const json_t *entities;
    /* What each span of an entity takes from it, read once per entity
     * (spans of one entity are many; each read is a hash per member). */
    struct ent_info {
        const char *canon, *role, *org, *gender;
        int spk;
    } *einfo;
    size_t cap_einfo;
    whosaid_hashmap *gender;  /* canonical -> gender bits */
    whosaid_hashmap *learned; /* canonical -> index in learned roles */
    struct learned { char role[256], org[256]; } *roles;
    size_t nroles, cap_roles;
    whosaid_hashmap *holders; /* head noun of a person's role -> entity index (UINT64_MAX: several) */
    const whosaid_offmap *om; /* the document's, while its claims are written */
    size_t dateline_end; /* content never starts before this byte */
    /* Lexicon entries of words seen (made on first use; see wordcache.h),
     * valid for the lexicon's generation cue_gen. */
    whosaid_wordcache *cue_cache;
    unsigned long cue_gen;
};

whosaid_attrib *whosaid_attrib_new(const whosaid_cues *cues)
{
    whosaid_attrib *a = calloc(1, sizeof *a);
    if (a) a->cues = cues;
    return a;
}

void whosaid_attrib_free(whosaid_attrib *a)
{
    if (!a) return;
    whosaid_wordcache_free(a->cue_cache);
    whosaid_tokens_free(&a->toks);
    whosaid_buf_free(&a->low);
    free(a->low_at);
    free(a->tok_cue);
    free(a->tok_quoted);
    free(a->tok_span);
    free(a->tok_sent);
    free(a->spans);
    free(a->sent_s);
    free(a->sent_e);
    free(a->para);
    whosaid_quotes_free(&a->quotes);
    free(a->quote_used);
    free(a->claims);
    free(a->as_max);
    free(a->roles);
    free(a->einfo);
    whosaid_hashmap_free(a->ents);
    whosaid_hashmap_free(a->gender);
    whosaid_hashmap_free(a->learned);
    whosaid_hashmap_free(a->holders);
    free(a);
}

/* ---- tokens ---- */

static const char *ttext(const whosaid_attrib *a, long i, size_t *n)
{
    const whosaid_token *t = &a->toks.v[i];
    *n = t->end - t->start;
    return a->text + t->start;
}

static int tis(const whosaid_attrib *a, long i, const char *s)
{
    if (i < 0 || (size_t)i >= a->toks.n) return 0;
    size_t n;
    const char *p = ttext(a, i, &n);
    return n == strlen(s) && !memcmp(p, s, n);
}

static int tword(const whosaid_attrib *a, long i)
{
    return i >= 0 && (size_t)i < a->toks.n &&
           (a->toks.v[i].flags & (WHOSAID_TOK_WORD | WHOSAID_TOK_NUM));
}

static const void *cue_miss(const void *cues, unsigned tag, const char *k, size_t len)
{
    (void)tag;
    return whosaid_cues_lookup(cues, k, len);
}

/* whosaid_cues_lookup through the word cache. */
static const whosaid_cue_entry *cue_lookup(whosaid_attrib *a, const char *k, size_t len)
{
    return whosaid_wordcache_get(a->cue_cache, 0, k, len, cue_miss, a->cues);
}

/* The word cache, emptied when the lexicon changed since it was filled;
 * without memory for it, lookups go to the lexicon. */
static void cue_cache_check(whosaid_attrib *a)
{
    unsigned long gen = whosaid_cues_generation(a->cues);
    if (!a->cue_cache) a->cue_cache = whosaid_wordcache_new(10);
    else if (a->cue_gen != gen) whosaid_wordcache_clear(a->cue_cache);
    a->cue_gen = gen;
}

/* Lower-cases every token once per document (lookups read tokens many
 * times: each is the first word of up to max_words phrases), and looks each
 * word up once: verb, frame, word class and pronoun come from one entry. */
static int lower_tokens(whosaid_attrib *a)
{
    cue_cache_check(a);
    if (whosaid_grow((void **)&a->low_at, &a->cap_low_at, a->toks.n + 1, sizeof *a->low_at) ||
        whosaid_grow((void **)&a->tok_cue, &a->cap_tok_cue, a->toks.n + 1, sizeof *a->tok_cue))
        return WHOSAID_ENOMEM;
    whosaid_buf_clear(&a->low);
    for (size_t i = 0; i < a->toks.n; i++) {
        a->low_at[i] = a->low.len;
        const whosaid_token *t = &a->toks.v[i];
        const char *p = a->text + t->start;
        size_t n = t->end - t->start, k = 0;
        if (whosaid_buf_reserve(&a->low, n)) return WHOSAID_ENOMEM;
        /* ASCII lower-cases byte for byte; the rest goes to utf8proc */
        for (char *w = a->low.data + a->low.len; k < n && !(p[k] & 0x80); k++)
            w[k] = (char)(p[k] >= 'A' && p[k] <= 'Z' ? p[k] ^ 0x20 : p[k]);
        a->low.len += k;
        if (k < n && whosaid_utf8_lower(p + k, n - k, &a->low)) return WHOSAID_ENOMEM;
    }
    a->low_at[a->toks.n] = a->low.len;
    for (size_t i = 0; i < a->toks.n; i++)
        a->tok_cue[i] = tword(a, (long)i) ? cue_lookup(a, a->low.data + a->low_at[i],
                                                       a->low_at[i + 1] - a->low_at[i])
                                          : NULL;
    return 0;
}

/* The lexicon entry of token i, NULL when none: words' from lower_tokens,
 * other tokens' (rarely asked) looked up here. */
static const whosaid_cue_entry *tcue(const whosaid_attrib *a, long i)
{
    if (i < 0 || (size_t)i >= a->toks.n) return NULL;
    if (tword(a, i)) return a->tok_cue[i];
    return whosaid_cues_lookup(a->cues, a->low.data + a->low_at[i], a->low_at[i + 1] - a->low_at[i]);
}

static const whosaid_pronoun *tpronoun(const whosaid_attrib *a, long i)
{
    const whosaid_cue_entry *e = tcue(a, i);
    return e ? e->pronoun : NULL;
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

/* Lower-cased key of tokens [i, i+n) joined by single spaces; 0 if too long. */
static size_t tkey(const whosaid_attrib *a, long i, long n, char *buf, size_t cap)
{
    size_t len = 0;
    for (long k = 0; k < n; k++)
        if (!tkey_add(a, i + k, k > 0, buf, &len, cap)) return 0;
    return len;
}

static int word_kind(const whosaid_attrib *a, long i, int *gender)
{
    const whosaid_cue_entry *e = tword(a, i) ? a->tok_cue[i] : NULL;
    if (gender) *gender = e ? e->gender : 0;
    return e ? e->word : 0;
}

/* Longest phrase of kind bits (speakers.rules) or a frame starting at token
 * i; returns its token count (0 if none). */
static long phrase_at(const whosaid_attrib *a, long i, int bits, const char **frame)
{
    char k[256];
    long best = 0;
    long maxw = (long)whosaid_cues_max_words(a->cues);
    size_t kl = 0;
    for (long n = 1; n <= maxw && (size_t)(i + n) <= a->toks.n; n++) {
        if (!tword(a, i + n - 1)) break;
        const whosaid_cue_entry *e = a->tok_cue[i];
        if (n > 1) {
            /* the key grows by one word: the same as tkey(a, i, n, ...) */
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

static long sent_of_byte(const whosaid_attrib *a, size_t b)
{
    size_t lo = 0, hi = a->nsent;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->sent_e[mid] <= b) lo = mid + 1;
        else hi = mid;
    }
    return lo < a->nsent ? (long)lo : (long)a->nsent - 1;
}

static long para_of_byte(const whosaid_attrib *a, size_t b)
{
    size_t lo = 0, hi = a->npara;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->para[mid] <= b) lo = mid + 1;
        else hi = mid;
    }
    return lo ? (long)lo - 1 : 0;
}

/* First token of sentence s (tokens and sentences are both sorted). */
static long first_tok_at(const whosaid_attrib *a, size_t b)
{
    size_t lo = 0, hi = a->toks.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->toks.v[mid].start < b) lo = mid + 1;
        else hi = mid;
    }
    return (long)lo;
}

static int in_quote(const whosaid_attrib *a, long i)
{
    return a->tok_quoted[i];
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
        while (k < q->n && q->v[k].close <= b) k++;
        a->tok_quoted[i] = k < q->n && q->v[k].open <= b;
    }
    return 0;
}

/* ---- spans ---- */

static int type_of(const char *t)
{
    if (!t) return T_OTHER;
    if (!strcmp(t, "PERSON")) return T_PERSON;
    if (!strcmp(t, "ORG")) return T_ORG;
    if (!strcmp(t, "COUNTRY")) return T_COUNTRY;
    if (!strcmp(t, "LOCATION")) return T_LOCATION;
    if (!strcmp(t, "DATE")) return T_DATE;
    if (!strcmp(t, "STAT")) return T_STAT;
    if (!strcmp(t, "MENTION")) return T_MENTION;
    return T_OTHER;
}

static int spk_of(int t)
{
    return t == T_PERSON ? WHOSAID_SPK_PERSON
         : t == T_ORG ? WHOSAID_SPK_ORG
         : t == T_COUNTRY ? WHOSAID_SPK_COUNTRY : 0;
}

static const char *jstr(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int is_outlet_kind(const char *k)
{
    return k && (!strcmp(k, "news_agency") || !strcmp(k, "outlet") || !strcmp(k, "newspaper") ||
                 !strcmp(k, "broadcaster"));
}

static int by_start(const void *x, const void *y)
{
    const span *p = x, *q = y;
    return p->s < q->s ? -1 : p->s > q->s ? 1 : p->e > q->e ? -1 : p->e < q->e;
}

static int gender_note(whosaid_attrib *a, const char *canon, int g)
{
    if (!canon || !g) return 0;
    uint64_t old = 0;
    whosaid_hashmap_get(a->gender, canon, strlen(canon), &old);
    return whosaid_hashmap_put(a->gender, canon, strlen(canon), old | (uint64_t)g) < 0
               ? WHOSAID_ENOMEM : 0;
}

static int gender_of(const whosaid_attrib *a, const char *canon)
{
    uint64_t g = 0;
    if (!canon || !whosaid_hashmap_get(a->gender, canon, strlen(canon), &g)) return 0;
    return g == 1 || g == 2 ? (int)g : 0;
}

/* The members of a span object load_spans reads (whosaid_record_fields). */
enum { SF_START, SF_END, SF_TYPE, SF_CANONICAL, SF_TEXT, SF_ROLE, SF_KIND, SF_ENTITY, SF_AMBIGUOUS, SF_N };
static const whosaid_field span_fields[SF_N] = {
    WHOSAID_FIELD("start"), WHOSAID_FIELD("end"),    WHOSAID_FIELD("type"),
    WHOSAID_FIELD("canonical"), WHOSAID_FIELD("text"), WHOSAID_FIELD("role"),
    WHOSAID_FIELD("kind"),  WHOSAID_FIELD("entity"), WHOSAID_FIELD("ambiguous"),
};

/* The members of an entity, and of its attrs, that its spans take. */
enum { EF_ID, EF_CANONICAL, EF_TYPE, EF_ATTRS, EF_N };
static const whosaid_field ent_fields[EF_N] = {
    WHOSAID_FIELD("id"), WHOSAID_FIELD("canonical"), WHOSAID_FIELD("type"), WHOSAID_FIELD("attrs"),
};
enum { EA_ROLE, EA_ORG, EA_GENDER, EA_N };
static const whosaid_field attr_fields[EA_N] = {
    WHOSAID_FIELD("role"), WHOSAID_FIELD("org"), WHOSAID_FIELD("gender"),
};

/* Reads the spans and what each refers to: the resolve stage's entity when
 * the span has one, else the span's own canonical; without entities, a
 * one-word PERSON matching the first or last word of exactly one earlier
 * full name takes that name. */
static int load_spans(whosaid_attrib *a, const json_t *rec, const whosaid_offmap *om)
{
    const json_t *arr = json_object_get(rec, "spans");
    size_t n = json_is_array(arr) ? json_array_size(arr) : 0;
    a->nspans = 0;
    if (whosaid_grow((void **)&a->spans, &a->cap_spans, n + 1, sizeof *a->spans))
        return WHOSAID_ENOMEM;
    size_t cps = whosaid_offmap_cp_len(om);
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(arr, i);
        json_t *f[SF_N];
        whosaid_record_fields(o, span_fields, SF_N, f);
        json_int_t s = json_integer_value(f[SF_START]);
        json_int_t e = json_integer_value(f[SF_END]);
        if (!json_is_object(o) || s < 0 || e <= s || (size_t)e > cps) continue;
        span *sp = &a->spans[a->nspans++];
        memset(sp, 0, sizeof *sp);
        sp->obj = o;
        sp->s = whosaid_offmap_byte(om, (size_t)s);
        sp->e = whosaid_offmap_byte(om, (size_t)e);
        sp->type = type_of(json_string_value(f[SF_TYPE]));
        sp->canon = json_string_value(f[SF_CANONICAL]);
        if (!sp->canon) sp->canon = json_string_value(f[SF_TEXT]);
        sp->role = json_string_value(f[SF_ROLE]);
        sp->spk = spk_of(sp->type);
        sp->outlet = is_outlet_kind(json_string_value(f[SF_KIND]));
        const char *eid = json_string_value(f[SF_ENTITY]);
        uint64_t ei;
        if (eid && a->ents && whosaid_hashmap_get(a->ents, eid, strlen(eid), &ei)) {
            const struct ent_info *ent = &a->einfo[ei];
            sp->entity = eid;
            if (ent->canon) sp->canon = ent->canon;
            sp->spk = ent->spk;
            if (ent->role) sp->role = ent->role;
            sp->org = ent->org;
            const char *g = ent->gender;
            if (g && gender_note(a, sp->canon, !strcmp(g, "female") ? 2 : !strcmp(g, "male") ? 1 : 0))
                return WHOSAID_ENOMEM;
        } else if (sp->type == T_MENTION)
            sp->spk = 0; /* a role noun nobody linked */
        if (!sp->canon) { /* no "canonical" or "text" string: a name nobody can cite */
            sp->canon = "";
            sp->spk = 0;
        }
        if (f[SF_AMBIGUOUS] && !sp->entity) {
            sp->spk = 0;
            sp->ambiguous = 1;
        }
    }
    /* Spans are sorted by the contract; sort anyway if a user's step did not. */
    for (size_t i = 1; i < a->nspans; i++)
        if (a->spans[i].s < a->spans[i - 1].s) {
            qsort(a->spans, a->nspans, sizeof *a->spans, by_start);
            break;
        }
    if (a->ents) return 0;
    whosaid_hashmap *names = whosaid_hashmap_new();
    if (!names) return WHOSAID_ENOMEM;
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
    whosaid_hashmap_free(names);
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
        while (k < a->nspans && a->spans[k].e <= t->start) k++;
        /* The longest span holding the token: spans may nest (a MENTION in a PERSON). */
        a->tok_span[i] = -1;
        for (size_t j = k; j < a->nspans && a->spans[j].s <= t->start && j < k + 4; j++)
            if (a->spans[j].e >= t->end && a->spans[j].type != T_MENTION) {
                a->tok_span[i] = (long)j;
                break;
            }
        if (a->tok_span[i] < 0)
            for (size_t j = k; j < a->nspans && a->spans[j].s <= t->start && j < k + 4; j++)
                if (a->spans[j].e >= t->end) {
                    a->tok_span[i] = (long)j;
                    break;
                }
        while (s + 1 < a->nsent && a->sent_e[s] <= t->start) s++;
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
        if (sp->tok0) sp->tok0--;
        else sp->tok0 = sp->tok1 = -1;
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
            size_t kl = tkey(a, sp->tok0, 1, key, sizeof key);
            if (kl) g = whosaid_cues_first_name(a->cues, key, kl);
        }
        if (gender_note(a, sp->canon, g)) return WHOSAID_ENOMEM;
    }
    return 0;
}

/* ---- speakers ---- */

static void set_text(char *dst, size_t cap, const char *s, size_t n)
{
    if (n >= cap) n = cap - 1;
    /* do not cut a UTF-8 sequence */
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    memcpy(dst, s, n);
    dst[n] = 0;
    for (char *p = dst; *p; p++)
        if (*p == '\n') *p = ' ';
}

static void speaker_from_span(const whosaid_attrib *a, long k, speaker *spk)
{
    const span *sp = &a->spans[k];
    spk->type = sp->spk;
    spk->name = sp->canon;
    spk->entity = sp->entity;
    spk->span = k;
    char key[64];
    long kl = sp->role ? whosaid_utf8_lower_into(sp->role, strlen(sp->role), key, sizeof key) : -1;
    int honorific = kl > 0 && (whosaid_cues_word(a->cues, key, (size_t)kl, NULL) & WHOSAID_WORD_HONORIFIC);
    if (sp->role && !spk->role[0] && !honorific)
        set_text(spk->role, sizeof spk->role, sp->role, strlen(sp->role));
    if (sp->org && !spk->org[0]) set_text(spk->org, sizeof spk->org, sp->org, strlen(sp->org));
}

static long span_ending_at(const whosaid_attrib *a, long i)
{
    if (i < 0) return -1;
    long k = a->tok_span[i];
    return k >= 0 && a->spans[k].tok1 == i ? k : -1;
}

/* Token i is a possessive 's (or a bare apostrophe after a plural). */
static int possessive(const whosaid_attrib *a, long i)
{
    return i >= 0 && (size_t)i < a->toks.n &&
           ((a->toks.v[i].flags & WHOSAID_TOK_POSSESSIVE) || tis(a, i, "'") || tis(a, i, "’"));
}

/* The role words and owner before a person's name ("Foreign Ministry
 * spokesman Hong Lei", "Finland's transport minister"): fills role and org
 * from tokens [lo, hi] and returns the first token used. */
static long role_before(const whosaid_attrib *a, long lo, long hi, speaker *spk, int need_role)
{
    long i = hi, first = hi + 1;
    int has_role = 0;
    while (i >= lo && hi - i < MAX_NP) {
        if (a->tok_span[i] >= 0) break;
        int wk = word_kind(a, i, NULL);
        if (!tword(a, i) || possessive(a, i) ||
            (wk & (WHOSAID_WORD_BOUNDARY | WHOSAID_WORD_DETERMINER | WHOSAID_WORD_AUX)))
            break;
        if (wk & WHOSAID_WORD_ROLE) has_role = 1;
        i--;
    }
    if (i < hi && (has_role || !need_role)) {
        first = i + 1;
        if (!spk->role[0] && has_role)
            set_text(spk->role, sizeof spk->role, a->text + a->toks.v[first].start,
                     a->toks.v[hi].end - a->toks.v[first].start);
    }
    /* an owner right before: "Foreign Ministry spokesman", "Finland's minister" */
    long j = first - 1;
    if (possessive(a, j)) j--;
    long k = span_ending_at(a, j);
    if (k >= 0 && (a->spans[k].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY)) && j >= lo) {
        if (!spk->org[0] && (first <= hi || possessive(a, first - 1)))
            set_text(spk->org, sizeof spk->org, a->spans[k].canon, strlen(a->spans[k].canon));
        if (first <= hi || possessive(a, first - 1)) first = a->spans[k].tok0;
    }
    if (first <= hi && word_kind(a, first - 1, NULL) & WHOSAID_WORD_DETERMINER) first--;
    return first;
}

/* Role and owner from an apposition [lo, hi] ("KCC's director of network
 * policy", "a strategist at Harbor Lane Securities in Tokyo"). */
static void role_from_appos(const whosaid_attrib *a, long lo, long hi, speaker *spk)
{
    if (lo > hi || hi - lo >= MAX_ROLE_WORDS || spk->role[0]) return;
    if (!(a->toks.v[lo].flags & WHOSAID_TOK_WORD)) return; /* "54": an age */
    const whosaid_pronoun *p = tpronoun(a, lo);
    if (p && p->relative) return;
    if (word_kind(a, lo, NULL) & WHOSAID_WORD_DETERMINER) lo++;
    long k = lo <= hi ? a->tok_span[lo] : -1;
    if (k >= 0 && a->spans[k].tok1 < hi && possessive(a, a->spans[k].tok1 + 1) &&
        (a->spans[k].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY))) {
        if (!spk->org[0]) set_text(spk->org, sizeof spk->org, a->spans[k].canon, strlen(a->spans[k].canon));
        lo = a->spans[k].tok1 + 2;
    }
    long end = hi;
    for (long i = lo + 1; i <= hi; i++) {
        if (tis(a, i, ",")) {
            end = i - 1;
            break;
        }
        long j = i + 1;
        if (word_kind(a, j, NULL) & WHOSAID_WORD_DETERMINER) j++;
        if ((tis(a, i, "at") || tis(a, i, "of") || tis(a, i, "with") || tis(a, i, "for")) && j <= hi &&
            a->tok_span[j] >= 0 && a->spans[a->tok_span[j]].spk == WHOSAID_SPK_ORG &&
            a->spans[a->tok_span[j]].tok0 == j) {
            if (!spk->org[0]) {
                const span *o = &a->spans[a->tok_span[j]];
                set_text(spk->org, sizeof spk->org, o->canon, strlen(o->canon));
            }
            end = i - 1;
            break;
        }
    }
    if (lo <= end && tword(a, lo))
        set_text(spk->role, sizeof spk->role, a->text + a->toks.v[lo].start,
                 a->toks.v[end].end - a->toks.v[lo].start);
}

static void generic_name(const whosaid_attrib *a, long from, long to, speaker *spk)
{
    size_t s = a->toks.v[from].start, e = a->toks.v[to].end;
    set_text(spk->namebuf, sizeof spk->namebuf, a->text + s, e - s);
    /* "Analysts" opening a sentence is the common noun */
    if (a->tok_span[from] < 0 && !(a->toks.v[from].flags & WHOSAID_TOK_ALLCAPS) &&
        spk->namebuf[0] >= 'A' && spk->namebuf[0] <= 'Z')
        spk->namebuf[0] = (char)(spk->namebuf[0] - 'A' + 'a');
    spk->name = NULL;
    spk->type = WHOSAID_SPK_GENERIC;
}

/* ---- unnamed speakers: role holders and organizations ---- */

/* Lower-cased last word of s into key; its length, 0 if none. */
static size_t last_word_key(const char *s, char *key, size_t cap)
{
    const char *w = strrchr(s, ' ');
    w = w ? w + 1 : s;
    long r = *w ? whosaid_utf8_lower_into(w, strlen(w), key, cap) : -1;
    return r > 0 ? (size_t)r : 0;
}

/* Maps the head noun of each person's role (resolve's attrs.role:
 * "chief executive" -> "executive") to that person, once per document;
 * a head two people share maps to no one. */
static int build_holders(whosaid_attrib *a)
{
    if (a->holders) return 0;
    if (!(a->holders = whosaid_hashmap_new())) return WHOSAID_ENOMEM;
    const json_t *ent;
    size_t i;
    json_array_foreach(a->entities, i, ent) {
        const char *role = jstr(json_object_get(ent, "attrs"), "role");
        const char *type = jstr(ent, "type");
        char key[64];
        size_t kl = role && type && !strcmp(type, "PERSON") ? last_word_key(role, key, sizeof key) : 0;
        if (!kl) continue;
        uint64_t v = i, old;
        if (whosaid_hashmap_get(a->holders, key, kl, &old)) v = UINT64_MAX;
        if (whosaid_hashmap_put(a->holders, key, kl, v) < 0) return WHOSAID_ENOMEM;
    }
    return 0;
}

/* 1 when the words of role (a person's role attribute) are all among
 * tokens [r0, e] or those tokens all among its words: "envoy" and "top
 * nuclear envoy" are one role, "opposition leader" and "deputy leader" two. */
static int same_role(const whosaid_attrib *a, long r0, long e, const char *role)
{
    char key[256], w[64];
    long r = role ? whosaid_utf8_lower_into(role, strlen(role), key, sizeof key - 1) : -1;
    if (r <= 0) return 0;
    key[r] = 0;
    int tok_in_role = 1, role_in_tok = 1;
    for (long i = r0; i <= e; i++) {
        size_t wl = tkey(a, i, 1, w, sizeof w);
        int found = 0;
        for (const char *p = key; wl && *p;) {
            size_t n = strcspn(p, " ");
            if (n == wl && !memcmp(p, w, n)) found = 1;
            p += n;
            while (*p == ' ') p++;
        }
        if (!found) tok_in_role = 0;
    }
    for (const char *p = key; *p;) {
        size_t n = strcspn(p, " ");
        int found = 0;
        for (long i = r0; i <= e && !found; i++) {
            size_t wl = tkey(a, i, 1, w, sizeof w);
            found = wl == n && !memcmp(p, w, n);
        }
        if (!found) role_in_tok = 0;
        p += n;
        while (*p == ' ') p++;
    }
    return tok_in_role || role_in_tok;
}

/* The one person of the article who holds the role headed by token e and
 * does not belong to another organization or country than owner (a span, or
 * -1): "South Korea's top nuclear envoy" -> Lee Jun-ho (role "envoy").
 * Returns the entity object or NULL. */
static const json_t *role_holder(whosaid_attrib *a, long r0, long e, long owner)
{
    char key[64];
    uint64_t v;
    size_t kl = tkey(a, e, 1, key, sizeof key);
    if (!kl || !a->entities || build_holders(a) ||
        !whosaid_hashmap_get(a->holders, key, kl, &v) || v == UINT64_MAX)
        return NULL;
    const json_t *ent = json_array_get(a->entities, (size_t)v);
    const json_t *attrs = json_object_get(ent, "attrs");
    if (!same_role(a, r0, e, jstr(attrs, "role"))) return NULL;
    if (owner < 0) return ent;
    const span *o = &a->spans[owner];
    const char *oe = jstr(attrs, "org_entity"), *org = jstr(attrs, "org"), *cc = jstr(attrs, "country");
    const char *occ = jstr(o->obj, "country");
    if (o->entity && oe && strcmp(o->entity, oe)) return NULL;
    if (o->spk == WHOSAID_SPK_PERSON) return NULL; /* "Biden's spokeswoman" is not Biden's namesake */
    if (o->spk == WHOSAID_SPK_ORG && org && o->canon && strcmp(org, o->canon)) return NULL;
    if (o->spk == WHOSAID_SPK_COUNTRY && cc && occ && strcmp(cc, occ)) return NULL;
    return ent;
}

/* Reads back from the head noun e over its modifiers to the start of a noun
 * phrase: a determiner, a possessive, or the start of the clause. Modifiers
 * are plain words and place, country or organization names ("the French
 * agriculture ministry", "the Hérault prefecture"). Returns the first token
 * (the determiner if any) or -1 when the phrase does not start cleanly. */
static long noun_phrase_start(const whosaid_attrib *a, long lo, long e, long s0, long *poss)
{
    long i = e - 1;
    *poss = -1;
    while (i >= lo) {
        if (possessive(a, i)) {
            *poss = i;
            return i + 1;
        }
        int wk = word_kind(a, i, NULL);
        if (wk & WHOSAID_WORD_DETERMINER) return i;
        long k = a->tok_span[i];
        if (k >= 0) {
            int t = a->spans[k].type;
            if (t != T_COUNTRY && t != T_LOCATION && t != T_ORG && t != T_MENTION) return -1;
            i = a->spans[k].tok0 - 1;
            continue;
        }
        if (!tword(a, i) || (wk & ~(WHOSAID_WORD_ROLE | WHOSAID_WORD_ORGHEAD))) return -1;
        i--;
    }
    return i + 1 == s0 || tis(a, i, ",") ? i + 1 : -1;
}

/* An unnamed speaker headed by a role noun or an organization noun at token
 * e ("South Korea's top nuclear envoy", "an United Nations official", "the
 * federal transport ministry"). Returns the phrase's first token, or -1 to
 * let the caller go on. */
static long role_phrase(whosaid_attrib *a, long lo, long e, long s0, int wk, speaker *spk)
{
    long poss = -1;
    long first = noun_phrase_start(a, lo, e, s0, &poss);
    if (first < 0 && !(wk & WHOSAID_WORD_ROLE)) return -1;
    long owner = -1, own0 = -1;
    if (poss >= 0) {
        /* the owner before "'s": a name, or a phrase such as "the company" */
        long k = span_ending_at(a, poss - 1);
        if (k >= 0 && a->spans[k].spk) { /* "Google's", "South Korea's", "Biden's" */
            owner = k;
            own0 = a->spans[k].tok0;
        } else if (k < 0) {
            long p2;
            own0 = word_kind(a, poss - 1, NULL) & WHOSAID_WORD_ORGHEAD
                       ? noun_phrase_start(a, s0, poss - 1, s0, &p2) : -1;
        }
        if (own0 < 0) return -1;
        if (word_kind(a, own0 - 1, NULL) & WHOSAID_WORD_DETERMINER) own0--;
    }
    long r0 = poss >= 0 ? poss + 1 : first;
    if (r0 < 0) r0 = lo; /* a role phrase with words before it: "an United Nations official" */
    /* an organization or country inside the phrase owns the role */
    for (long i = e - 1; poss < 0 && i >= r0 && owner < 0; i--)
        if (a->tok_span[i] >= 0 &&
            (a->spans[a->tok_span[i]].spk & (WHOSAID_SPK_ORG | WHOSAID_SPK_COUNTRY)))
            owner = a->tok_span[i];
    long start = poss >= 0 ? own0 : first >= 0 ? first : lo;
    int definite = poss >= 0 || (start >= 0 && tis(a, start, "the")) || tis(a, start, "The");
    while (r0 < e && (word_kind(a, r0, NULL) & WHOSAID_WORD_DETERMINER)) r0++;
    if (owner >= 0 && poss < 0 && a->spans[owner].tok1 >= r0) r0 = a->spans[owner].tok1 + 1;
    spk->ts = a->toks.v[start].start;
    spk->te = a->toks.v[e].end;
    char owner_text[256] = "";
    if (owner >= 0)
        set_text(owner_text, sizeof owner_text, a->spans[owner].canon, strlen(a->spans[owner].canon));
    else if (poss >= 0) {
        long o0 = own0;
        while (o0 < poss && (word_kind(a, o0, NULL) & WHOSAID_WORD_DETERMINER)) o0++;
        set_text(owner_text, sizeof owner_text, a->text + a->toks.v[o0].start,
                 a->toks.v[poss - 1].end - a->toks.v[o0].start);
    }
    if (!(wk & WHOSAID_WORD_ROLE)) {
        /* an organization without a name: the phrase as written speaks */
        long n0 = start;
        while (n0 < e && (word_kind(a, n0, NULL) & WHOSAID_WORD_DETERMINER)) n0++;
        set_text(spk->namebuf, sizeof spk->namebuf, a->text + a->toks.v[n0].start,
                 a->toks.v[e].end - a->toks.v[n0].start);
        spk->name = NULL;
        spk->type = WHOSAID_SPK_ORG;
        if (owner_text[0]) memcpy(spk->org, owner_text, sizeof spk->org);
        return start;
    }
    /* without an owner a capitalized "Health Service Executive" may be a
     * name: no role is read from it */
    if (r0 <= e && (owner_text[0] || !(a->toks.v[e].flags & WHOSAID_TOK_CAP)))
        set_text(spk->role, sizeof spk->role, a->text + a->toks.v[r0].start,
                 a->toks.v[e].end - a->toks.v[r0].start);
    if (owner_text[0]) memcpy(spk->org, owner_text, sizeof spk->org);
    /* a definite role ("South Korea's top nuclear envoy", "the company's
     * chief executive") is one person: the one the article names with it */
    const json_t *ent = definite ? role_holder(a, r0, e, owner) : NULL;
    if (ent) {
        spk->type = WHOSAID_SPK_PERSON;
        spk->name = jstr(ent, "canonical");
        spk->entity = jstr(ent, "id");
        spk->span = -1;
        if (!spk->name) spk->type = 0;
        else return start;
    }
    if (poss >= 0) {
        /* the holder speaks, not the owner: a wrong country is worse than none */
        spk->type = 0;
        spk->reason = "a role holder the article does not name";
        return start;
    }
    if (owner >= 0) {
        speaker_from_span(a, owner, spk);
        spk->span = -1; /* the institution speaks through an unnamed person */
    } else {
        spk->type = 0;
        spk->reason = "an unnamed speaker (a role noun with no name or organization)";
    }
    return start;
}

static int stop_token(const whosaid_attrib *a, long i, long s0)
{
    if (i < s0 || !tword(a, i) || in_quote(a, i)) return 1;
    if (a->tok_span[i] >= 0) return 0;
    const whosaid_cue_entry *c = a->tok_cue[i];
    return c && (c->verb || (c->word & WHOSAID_WORD_BOUNDARY));
}

static void resolve_pronoun(whosaid_attrib *a, const whosaid_pronoun *p, long at, speaker *spk);

/* Reads a speaker phrase ending at token e (looking back, not before s0).
 * Returns its first token, or -1 when there is no speaker. */
static long np_before(whosaid_attrib *a, long e, long s0, speaker *spk)
{
    if (e < s0 || in_quote(a, e)) return -1;
    long k = span_ending_at(a, e);
    if (k >= 0 && a->spans[k].type == T_LOCATION) {
        /* "Benali of the University of Montpellier": the person speaks */
        long j = a->spans[k].tok0 - 1;
        if (word_kind(a, j, NULL) & WHOSAID_WORD_DETERMINER) j--;
        if ((tis(a, j, "of") || tis(a, j, "at") || tis(a, j, "from")) && span_ending_at(a, j - 1) >= 0 &&
            a->spans[span_ending_at(a, j - 1)].spk == WHOSAID_SPK_PERSON)
            k = span_ending_at(a, j - 1);
        else
            return -1; /* a place name is not a speaker */
    }
    if (k >= 0 && a->spans[k].spk == WHOSAID_SPK_ORG) {
        long j = a->spans[k].tok0 - 1;
        if (word_kind(a, j, NULL) & WHOSAID_WORD_DETERMINER) j--;
        long p = (tis(a, j, "of") || tis(a, j, "at") || tis(a, j, "from")) ? span_ending_at(a, j - 1) : -1;
        if (p >= 0 && a->spans[p].spk == WHOSAID_SPK_PERSON) {
            set_text(spk->org, sizeof spk->org, a->spans[k].canon, strlen(a->spans[k].canon));
            k = p;
        }
    }
    if (k >= 0 && a->spans[k].spk) {
        speaker_from_span(a, k, spk);
        long first = a->spans[k].tok0;
        if (a->spans[k].spk == WHOSAID_SPK_PERSON) {
            long f = role_before(a, s0, first - 1, spk, 1);
            /* the honorific and its period ("Dr.") belong to the phrase */
            first = f;
        } else {
            long j = first - 1;
            if (possessive(a, j) && span_ending_at(a, j - 1) >= 0) first = a->spans[span_ending_at(a, j - 1)].tok0;
            if (word_kind(a, first - 1, NULL) & WHOSAID_WORD_DETERMINER) first--;
        }
        if (first < s0) first = s0;
        spk->ts = a->toks.v[first].start;
        spk->te = a->spans[span_ending_at(a, e) >= 0 ? span_ending_at(a, e) : k].e;
        if (spk->te < a->toks.v[e].end) spk->te = a->toks.v[e].end;
        return first;
    }
    if (k >= 0 && a->spans[k].ambiguous) {
        spk->type = 0;
        spk->reason = "a name part that two people of the article share";
        spk->ts = a->spans[k].s;
        spk->te = a->spans[k].e;
        return a->spans[k].tok0;
    }
    if (k >= 0 && a->spans[k].type == T_MENTION && !(word_kind(a, e, NULL) & WHOSAID_WORD_ORGHEAD)) {
        spk->type = 0;
        spk->reason = "a role noun not linked to a name";
        spk->ts = a->spans[k].s;
        spk->te = a->spans[k].e;
        return a->spans[k].tok0;
    }
    if (word_kind(a, e, NULL) & WHOSAID_WORD_DETERMINER) return -1; /* "an estimated" */
    const whosaid_pronoun *p = tpronoun(a, e);
    if (p) {
        spk->ts = a->toks.v[e].start;
        spk->te = a->toks.v[e].end;
        spk->pronoun = 1;
        resolve_pronoun(a, p, e, spk);
        return e;
    }
    /* a generic group or a role noun heads the phrase: scan back to its start */
    long lo = e;
    while (lo - 1 >= s0 && e - (lo - 1) < MAX_NP && !stop_token(a, lo - 1, s0) && !tis(a, lo - 1, ","))
        lo--;
    if (stop_token(a, e, s0) && a->tok_span[e] < 0) return -1;
    for (long g = lo; g <= e; g++) {
        long n = phrase_at(a, g, WHOSAID_WORD_GENERIC, NULL);
        if (!n || g + n - 1 > e) continue;
        long m = lo;
        while (m < g && (word_kind(a, m, NULL) & WHOSAID_WORD_DETERMINER)) m++;
        generic_name(a, m, g + n - 1, spk);
        spk->ts = a->toks.v[lo].start;
        spk->te = a->toks.v[e].end;
        return lo;
    }
    int wk_e = word_kind(a, e, NULL);
    if (wk_e & (WHOSAID_WORD_ROLE | WHOSAID_WORD_ORGHEAD)) {
        long first = role_phrase(a, lo, e, s0, wk_e, spk);
        if (first >= 0) return first;
    }
    /* something else: report it only when it is a short phrase of its own */
    const whosaid_pronoun *rel = lo > s0 ? tpronoun(a, lo - 1) : NULL;
    if (rel && rel->relative) return -1; /* "Doctors who treat ... said": not this phrase */
    if (e - lo < 4 && (lo == s0 || tis(a, lo - 1, ",") || stop_token(a, lo - 1, s0)) &&
        (a->toks.v[e].flags & WHOSAID_TOK_WORD)) {
        spk->type = 0;
        spk->reason = "the speaker is not a known name, group or pronoun";
        spk->ts = a->toks.v[lo].start;
        spk->te = a->toks.v[e].end;
        return lo;
    }
    return -1;
}

/* The speaker written before the verb at token c (skipping "has", "also"
 * and an apposition). Returns the phrase's first token or -1. */
static long speaker_before(whosaid_attrib *a, long c, long s0, speaker *spk)
{
    long j = c - 1;
    while (j >= s0 && (word_kind(a, j, NULL) & WHOSAID_WORD_AUX) && !in_quote(a, j)) j--;
    if (j < s0) return -1;
    if (!tis(a, j, ",")) return np_before(a, j, s0, spk);
    /* "X, APPOSITION, said" */
    long k = j - 1;
    while (k > s0 && j - k < MAX_APPOS && !tis(a, k, ",") && !in_quote(a, k)) k--;
    if (k <= s0 || !tis(a, k, ",") || k == j - 1) return -1;
    long seg = a->tok_span[k + 1];
    if (seg >= 0 && a->spans[seg].tok0 == k + 1 && a->spans[seg].tok1 == j - 1 &&
        a->spans[seg].spk) {
        /* "Finland's transport minister, Aino Lehtonen, said" */
        speaker tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.span = -1;
        long f = role_before(a, s0, k - 1, &tmp, 1);
        if (f <= k - 1 || span_ending_at(a, k - 1) < 0) {
            speaker_from_span(a, seg, spk);
            if (f <= k - 1) {
                memcpy(spk->role, tmp.role, sizeof spk->role);
                if (!spk->org[0]) memcpy(spk->org, tmp.org, sizeof spk->org);
            }
            spk->ts = a->toks.v[f <= k - 1 ? f : k + 1].start;
            spk->te = a->spans[seg].e;
            return f <= k - 1 ? f : k + 1;
        }
    }
    long first = np_before(a, k - 1, s0, spk);
    if (first < 0) return -1;
    if (!spk->type) return -1; /* "... center, X, said": not sure whose apposition */
    if (spk->type == WHOSAID_SPK_PERSON) role_from_appos(a, k + 1, j - 1, spk);
    return first;
}

/* The speaker written after the verb ("said Park Jae-moon, KCC's director",
 * "said an United Nations official here"). Returns the last token used or -1. */
static long speaker_after(whosaid_attrib *a, long c, long s1, speaker *spk)
{
    long i = c + 1;
    if (i >= s1) return -1;
    long k = a->tok_span[i];
    if (k >= 0 && a->spans[k].tok0 == i && a->spans[k].spk) {
        speaker_from_span(a, k, spk);
        long last = a->spans[k].tok1;
        spk->ts = a->spans[k].s;
        spk->te = a->spans[k].e;
        if (tis(a, last + 1, ",")) {
            long hi = last + 2;
            while (hi < s1 && !tis(a, hi, ",") && !in_quote(a, hi) && hi - last < MAX_APPOS) hi++;
            while (hi - 1 > last + 1 && !tword(a, hi - 1)) hi--;
            if (spk->type == WHOSAID_SPK_PERSON) role_from_appos(a, last + 2, hi - 1, spk);
            last = hi - 1;
        }
        return last;
    }
    const whosaid_pronoun *p = tpronoun(a, i);
    if (p && !p->relative) {
        spk->ts = a->toks.v[i].start;
        spk->te = a->toks.v[i].end;
        spk->pronoun = 1;
        resolve_pronoun(a, p, i, spk);
        return i;
    }
    /* a determiner phrase ending in a role noun or a generic group */
    for (long e = i; e < s1 && e - i < MAX_NP; e++) {
        if (!tword(a, e) || in_quote(a, e)) break;
        int wk = word_kind(a, e, NULL);
        if (wk & (WHOSAID_WORD_ROLE | WHOSAID_WORD_GENERIC)) {
            if (e + 1 < s1 && (word_kind(a, e + 1, NULL) & (WHOSAID_WORD_ROLE | WHOSAID_WORD_GENERIC)))
                continue;
            speaker tmp;
            memset(&tmp, 0, sizeof tmp);
            tmp.span = -1;
            long f = np_before(a, e, i, &tmp);
            if (f != i) return -1;
            *spk = tmp;
            return e;
        }
        if (e > i && (wk & (WHOSAID_WORD_ADJUNCT | WHOSAID_WORD_BOUNDARY))) break;
    }
    return -1;
}

/* ---- pronouns ---- */

/* The claim with a speaker whose attribution starts latest in [from, b),
 * the later one in the array on a tie; NULL if none. Scans back from the
 * newest claim and stops where no earlier one starts later than the best so
 * far (as_max), so a document's pronouns cost no pass over all its claims
 * each. Claims only grow while they are found, and their "as" is set once;
 * continuations() reorders them and so empties as_max. */
static const claim *latest_claim(whosaid_attrib *a, size_t from, size_t b)
{
    int bounded = !whosaid_grow((void **)&a->as_max, &a->cap_as_max, a->nclaims, sizeof *a->as_max);
    for (size_t i = a->n_as_max; bounded && i < a->nclaims; i++)
        a->as_max[i] = i && a->as_max[i - 1] > a->claims[i].as ? a->as_max[i - 1] : a->claims[i].as;
    if (bounded) a->n_as_max = a->nclaims;
    const claim *best = NULL;
    for (size_t i = a->nclaims; i-- > 0;) {
        if (bounded && (a->as_max[i] < from || (best && a->as_max[i] <= best->as))) break;
        const claim *c = &a->claims[i];
        if (c->dropped || !c->spk.type || c->as >= b || c->as < from) continue;
        if (!best || c->as > best->as) best = c;
    }
    return best;
}

static void resolve_pronoun(whosaid_attrib *a, const whosaid_pronoun *p, long at, speaker *spk)
{
    const char *reason = NULL;
    if (p->relative) {
        /* "Cardinal Microsystems, which said": the name right before */
        long k = tis(a, at - 1, ",") ? span_ending_at(a, at - 2) : -1;
        if (k >= 0 && (a->spans[k].spk & p->types)) {
            speaker_from_span(a, k, spk);
            return;
        }
        spk->type = 0;
        spk->reason = "a relative pronoun with no name right before it";
        return;
    }
    /* the window: back to the start of the previous paragraph */
    size_t b = a->toks.v[at].start;
    long para = para_of_byte(a, b);
    size_t from = a->para[para > 0 ? para - 1 : 0];
    whosaid_antecedent cands[MAX_WINDOW];
    long idx[MAX_WINDOW];
    size_t n = 0;
    /* the speaker of the latest claim before the pronoun */
    const char *last = NULL;
    int last_type = 0;
    const claim *latest = latest_claim(a, from, b);
    if (latest) {
        last = latest->spk.name ? latest->spk.name : latest->spk.namebuf;
        last_type = latest->spk.type;
    }
    int have_generic = 0;
    long k = a->tok_span[at];
    if (k < 0) { /* the last span before the pronoun */
        size_t lo = 0, hi = a->nspans;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (a->spans[mid].s < b) lo = mid + 1;
            else hi = mid;
        }
        k = (long)lo - 1;
    } else
        k--;
    for (long scanned = 0; k >= 0 && a->spans[k].s >= from && scanned < 4 * MAX_WINDOW && n < MAX_WINDOW;
         k--, scanned++) {
        const span *sp = &a->spans[k];
        if (!sp->spk || !sp->canon) continue;
        size_t j;
        for (j = 0; j < n; j++)
            if (!strcmp(a->spans[idx[j]].canon, sp->canon)) break;
        if (j < n) continue;
        idx[n] = k;
        cands[n].type = sp->spk;
        cands[n].gender = sp->spk == WHOSAID_SPK_PERSON ? gender_of(a, sp->canon) : 0;
        cands[n].last_speaker = last && !strcmp(last, sp->canon);
        n++;
    }
    /* "they" refers to the latest generic speaker */
    if (last && last_type == WHOSAID_SPK_GENERIC && (p->types & WHOSAID_SPK_GENERIC) && n < MAX_WINDOW) {
        idx[n] = -1;
        cands[n].type = WHOSAID_SPK_GENERIC;
        cands[n].gender = 0;
        cands[n].last_speaker = 1;
        have_generic = 1;
        n++;
    }
    long pick = whosaid_pronouns_choose(p, cands, n, &reason);
    if (pick < 0) {
        spk->type = 0;
        spk->reason = reason;
        return;
    }
    if (idx[pick] < 0 && have_generic) {
        set_text(spk->namebuf, sizeof spk->namebuf, last, strlen(last));
        spk->name = NULL;
        spk->type = WHOSAID_SPK_GENERIC;
        return;
    }
    speaker_from_span(a, idx[pick], spk);
    spk->span = idx[pick];
    if (p->gender && spk->type == WHOSAID_SPK_PERSON)
        gender_note(a, spk->name, p->gender); /* "she" tells Vidal's gender */
}

/* ---- claims ---- */

static claim *new_claim(whosaid_attrib *a)
{
    if (whosaid_grow((void **)&a->claims, &a->cap_claims, a->nclaims + 1, sizeof *a->claims))
        return NULL;
    claim *c = &a->claims[a->nclaims++];
    memset(c, 0, sizeof *c);
    c->spk.span = -1;
    c->date_span = -1;
    return c;
}

/* Where sentence s's own text starts: after a dateline ("BEIJING, June 27
 * (Xinhuanet) – ") when the sentence holds one. */
static size_t sent_text_start(const whosaid_attrib *a, long s)
{
    size_t b = a->sent_s[s];
    return b < a->dateline_end && a->sent_e[s] > a->dateline_end ? a->dateline_end : b;
}

/* End of sentence s without its final period and blanks. */
static size_t sent_text_end(const whosaid_attrib *a, long s)
{
    size_t e = a->sent_e[s];
    while (e > a->sent_s[s] && (a->text[e - 1] == ' ' || a->text[e - 1] == '\n')) e--;
    if (e > a->sent_s[s] && (a->text[e - 1] == '.' || a->text[e - 1] == ';' || a->text[e - 1] == ':')) e--;
    return e;
}

static void trim(const whosaid_attrib *a, size_t *s, size_t *e)
{
    while (*s < *e && (a->text[*s] == ' ' || a->text[*s] == '\n')) (*s)++;
    while (*e > *s && (a->text[*e - 1] == ' ' || a->text[*e - 1] == '\n' || a->text[*e - 1] == ','))
        (*e)--;
}

/* The quotation closing right before byte b (blanks and one comma between). */
static long quote_before(const whosaid_attrib *a, size_t b)
{
    while (b > 0 && a->text[b - 1] == ' ') b--;
    if (b > 0 && a->text[b - 1] == ',') b--;
    while (b > 0 && a->text[b - 1] == ' ') b--;
    return whosaid_quotes_closing_at(&a->quotes, b);
}

/* The quotation opening at token i or after a ',' or ':' there. */
static long quote_after(const whosaid_attrib *a, long i, long s1)
{
    if (i < s1 && (tis(a, i, ",") || tis(a, i, ":"))) i++;
    if ((size_t)i >= a->toks.n) return -1;
    return whosaid_quotes_opening_at(&a->quotes, a->toks.v[i].start);
}

static void set_cue(claim *cl, const whosaid_attrib *a, long c0, long c1)
{
    size_t s = a->toks.v[c0].start, e = a->toks.v[c1].end;
    whosaid_utf8_lower_into(a->text + s, e - s, cl->cue, sizeof cl->cue);
}

static void content_quote(whosaid_attrib *a, claim *cl, long q)
{
    const whosaid_quote *qu = &a->quotes.v[q];
    cl->cs = qu->start;
    cl->ce = qu->end;
    trim(a, &cl->cs, &cl->ce);
    cl->kind = K_DIRECT;
    a->quote_used[q] = 1;
}

/* Marks the quotations inside [s, e) as used; returns 1 if there was one. */
static int mark_quotes(whosaid_attrib *a, size_t s, size_t e)
{
    int any = 0;
    long q = whosaid_quotes_containing(&a->quotes, s);
    size_t i = q >= 0 ? (size_t)q : 0;
    if (q < 0) {
        size_t lo = 0, hi = a->quotes.n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (a->quotes.v[mid].open < s) lo = mid + 1;
            else hi = mid;
        }
        i = lo;
    }
    for (; i < a->quotes.n && a->quotes.v[i].open < e; i++) {
        a->quote_used[i] = 1;
        any = 1;
    }
    return any;
}

/* Skips what may stand between a verb and its content: a date ("on
 * Thursday"), adverbs, a hearer ("told reporters"), a particle. Sets
 * *via for a news outlet told. */
static long skip_after_verb(whosaid_attrib *a, long i, long s1, const whosaid_cue *cue, char *via,
                            size_t via_cap)
{
    int heard = 0; /* one hearer at most: "told reporters the council had ..." */
    for (int guard = 0; i < s1 && guard < 4; guard++) {
        long k = a->tok_span[i];
        if (tis(a, i, "on") && i + 1 < s1 && a->tok_span[i + 1] >= 0 &&
            a->spans[a->tok_span[i + 1]].type == T_DATE && a->spans[a->tok_span[i + 1]].tok0 == i + 1) {
            i = a->spans[a->tok_span[i + 1]].tok1 + 1;
            continue;
        }
        if (k >= 0 && a->spans[k].type == T_DATE && a->spans[k].tok0 == i) {
            i = a->spans[k].tok1 + 1;
            continue;
        }
        if (cue->object && !heard && k >= 0 && a->spans[k].tok0 == i && a->spans[k].spk) {
            if (a->spans[k].outlet && via && !via[0])
                set_text(via, via_cap, a->text + a->spans[k].s, a->spans[k].e - a->spans[k].s);
            i = a->spans[k].tok1 + 1;
            heard = 1;
            continue;
        }
        long n = cue->object && !heard ? phrase_at(a, i, WHOSAID_WORD_HEARER, NULL) : 0;
        if (n) {
            i += n;
            heard = 1;
            continue;
        }
        if ((word_kind(a, i, NULL) & WHOSAID_WORD_AUX) && !tis(a, i, "that")) {
            i++;
            continue;
        }
        break;
    }
    return i;
}

/* The subject a cue verb right after "and"/"but" shares with an earlier
 * verb of its sentence: the speaker of an earlier claim there ("X said ...
 * and added that"), else a speaker phrase that opens the sentence and is
 * followed by its verb ("X welcomed the deal but warned that"). 1 with spk
 * filled, 0 when the subject is not plain. */
static int shared_subject(whosaid_attrib *a, long c, long s0, speaker *spk)
{
    long j = c - 1;
    while (j > s0 && (word_kind(a, j, NULL) & WHOSAID_WORD_AUX) && !in_quote(a, j)) j--;
    if (j <= s0 || !(word_kind(a, j, NULL) & WHOSAID_WORD_COORD) || in_quote(a, j)) return 0;
    long sent = a->tok_sent[c];
    for (size_t i = a->nclaims; i-- > 0 && a->claims[i].sent == sent;) {
        const claim *p = &a->claims[i];
        if (p->dropped || p->cue_b >= a->toks.v[j].start || p->kind == K_ACCORDING) continue;
        if (!p->spk.type) return 0;
        *spk = p->spk; /* namebuf travels with the copy */
        return 1;
    }
    /* the sentence's first verb: the first plain lower-case word after its
     * opening phrase */
    long v = s0;
    while (v < j && (!(a->toks.v[v].flags & WHOSAID_TOK_LOWER) || a->tok_span[v] >= 0 ||
                     (word_kind(a, v, NULL) &
                      (WHOSAID_WORD_DETERMINER | WHOSAID_WORD_ROLE | WHOSAID_WORD_GENERIC |
                       WHOSAID_WORD_AUX | WHOSAID_WORD_ORGHEAD)) ||
                     possessive(a, v)))
        v++;
    if (v >= j || v == s0 || tis(a, v - 1, ",")) return 0;
    speaker tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.span = -1;
    long f = speaker_before(a, v, s0, &tmp);
    if (f != s0 || !tmp.type) return 0;
    /* a clause of its own between the two verbs makes the subject unclear */
    for (long i = v + 1; i < j; i++)
        if (tis(a, i, ";") || (word_kind(a, i, NULL) & WHOSAID_WORD_COORD)) return 0;
    *spk = tmp;
    return 1;
}

/* The claim of the cue verb at token c, if a frame fits. */
static int cue_claim(whosaid_attrib *a, long c, const whosaid_cue *cue)
{
    long sent = a->tok_sent[c];
    size_t sb = a->sent_s[sent];
    long s0 = first_tok_at(a, sb), s1 = first_tok_at(a, a->sent_e[sent]);
    long c1 = c;
    if (cue->particle) {
        if (!tis(a, c + 1, cue->particle)) return 0;
        c1 = c + 1;
    }
    claim tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.spk.span = -1;
    tmp.date_span = -1;
    long np0 = speaker_before(a, c, s0, &tmp.spk), np1 = -1;
    long after;
    if (np0 < 0 && shared_subject(a, c, s0, &tmp.spk)) {
        /* "X welcomed the deal but warned that ...": X speaks again */
        np0 = c;
        tmp.shared = 1;
    }
    if (np0 < 0) {
        /* inverted: '"...," said X' or '..., said X' only */
        if (!(tis(a, c - 1, ",") || quote_before(a, a->toks.v[c].start) >= 0)) return 0;
        memset(&tmp.spk, 0, sizeof tmp.spk);
        tmp.spk.span = -1;
        np1 = speaker_after(a, c1, s1, &tmp.spk);
        if (np1 < 0) return 0;
        after = np1 + 1;
    } else
        after = c1 + 1;
    char via[128] = "";
    after = skip_after_verb(a, after, s1, cue, via, sizeof via);
    size_t att_s = np0 >= 0 ? a->toks.v[np0].start : a->toks.v[c].start;
    size_t att_e = a->toks.v[np1 >= 0 ? np1 : c1].end;
    tmp.as = att_s;
    tmp.ae = att_e;
    tmp.cue_b = a->toks.v[c].start;
    tmp.sent = sent;
    tmp.cls = cue->cls;
    snprintf(tmp.via, sizeof tmp.via, "%s", via);
    set_cue(&tmp, a, c, c1);
    long q;
    int ok = 0;
    if (np1 < 0 && (q = quote_after(a, after, s1 + 1)) >= 0) { /* A: X said: "..." */
        content_quote(a, &tmp, q);
        ok = 1;
    } else if ((q = quote_before(a, att_s)) >= 0) { /* B: "...," X said */
        const whosaid_quote *qu = &a->quotes.v[q];
        long qs = sent_of_byte(a, qu->open);
        size_t ts = sent_text_start(a, qs);
        if (qu->open > ts && a->text[ts] != '"') {
            /* a partial quote: the clause around it is the content */
            tmp.cs = ts;
            tmp.ce = qu->close;
            trim(a, &tmp.cs, &tmp.ce);
            tmp.kind = K_DIRECT;
            mark_quotes(a, tmp.cs, tmp.ce);
        } else
            content_quote(a, &tmp, q);
        ok = 1;
    } else {
        /* C: "that" close after the verb */
        long t = -1;
        for (long i = after; i < s1 && i - after < MAX_THAT; i++) {
            /* "said the plan was sound and added that": not this verb's "that" */
            if (tis(a, i, ",") || in_quote(a, i) || (word_kind(a, i, NULL) & WHOSAID_WORD_COORD)) break;
            if (tis(a, i, "that")) {
                t = i;
                break;
            }
        }
        /* "promised to pay": for a clause verb "to" opens the content */
        int to_clause = cue->clause && tis(a, after, "to");
        int tail_adjunct = after >= s1 || !tword(a, after) ||
                           ((word_kind(a, after, NULL) & WHOSAID_WORD_ADJUNCT) && !to_clause) ||
                           tis(a, after, ",");
        long before = np0 >= 0 ? np0 - 1 : c - 1;
        if (t >= 0 && t + 1 < s1 && np1 < 0) {
            tmp.cs = a->toks.v[t + 1].start;
            tmp.ce = sent_text_end(a, sent);
            ok = 1;
        } else if (tis(a, before, ",") && tail_adjunct && before > s0) { /* D: ..., X said */
            tmp.cs = sent_text_start(a, sent);
            tmp.ce = a->toks.v[before].start;
            tmp.report = strcmp(cue->cls, "report") == 0;
            ok = tmp.ce > tmp.cs;
        } else if (np1 < 0 && !tail_adjunct && after < s1 &&
                   (!cue->clause || tis(a, after, "to"))) { /* E: X said ... */
            tmp.cs = a->toks.v[after].start;
            tmp.ce = sent_text_end(a, sent);
            ok = 1;
        }
        if (ok) {
            trim(a, &tmp.cs, &tmp.ce);
            /* one word ("he explained why") is not a claim */
            ok = tmp.ce > tmp.cs && memchr(a->text + tmp.cs, ' ', tmp.ce - tmp.cs) != NULL;
            tmp.kind = ok && mark_quotes(a, tmp.cs, tmp.ce) ? K_DIRECT : K_INDIRECT;
        }
    }
    if (!ok) return 0;
    claim *cl = new_claim(a);
    if (!cl) return WHOSAID_ENOMEM;
    *cl = tmp;
    return 0;
}

/* 'according to X, ...' and '..., according to X'. */
static int source_claim(whosaid_attrib *a, long i, long n, const char *cls)
{
    long sent = a->tok_sent[i];
    long s0 = first_tok_at(a, sent_text_start(a, sent)), s1 = first_tok_at(a, a->sent_e[sent]);
    while (s0 < s1 && !tword(a, s0)) s0++;
    long src0 = i + n, src1 = src0;
    while (src1 < s1 && !tis(a, src1, ",") && !in_quote(a, src1)) src1++;
    if (src1 == src0) return 0;
    claim tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.spk.span = -1;
    tmp.date_span = -1;
    int trailing = i != s0;
    if (i == s0) {
        if (src1 >= s1 - 1) return 0;
        tmp.cs = a->toks.v[src1 + 1].start;
        tmp.ce = sent_text_end(a, sent);
    } else if (tis(a, i - 1, ",")) {
        tmp.cs = sent_text_start(a, sent);
        tmp.ce = a->toks.v[i - 1].start;
    } else
        return 0;
    trim(a, &tmp.cs, &tmp.ce);
    if (tmp.ce <= tmp.cs) return 0;
    /* the source: its first name, else a generic group */
    speaker *spk = &tmp.spk;
    for (long t = src0; t < src1; t++) {
        long k = a->tok_span[t];
        if (k >= 0 && a->spans[k].spk) {
            /* "documents seen by AFP": AFP saw the source, it is not the source */
            size_t pl;
            long by = word_kind(a, t - 1, NULL) & WHOSAID_WORD_DETERMINER ? t - 2 : t - 1;
            const char *prev = by >= src0 + 1 && tis(a, by, "by") ? ttext(a, by - 1, &pl) : NULL;
            if (prev && pl > 2 && (!memcmp(prev + pl - 2, "ed", 2) || !memcmp(prev + pl - 2, "en", 2)))
                break;
            speaker_from_span(a, k, spk);
            break;
        }
        long g = phrase_at(a, t, WHOSAID_WORD_GENERIC, NULL);
        if (g) {
            long m = t;
            generic_name(a, m, t + g - 1 < src1 ? t + g - 1 : src1 - 1, spk);
            break;
        }
    }
    while (src1 > src0 && !tword(a, src1 - 1)) src1--;
    long poss;
    if (!spk->type && src1 > src0 && (word_kind(a, src1 - 1, NULL) & WHOSAID_WORD_ORGHEAD) &&
        noun_phrase_start(a, src0, src1 - 1, src0, &poss) == src0 && poss < 0) {
        /* "according to the national health institute" */
        long n0 = src0;
        while (n0 < src1 - 1 && (word_kind(a, n0, NULL) & WHOSAID_WORD_DETERMINER)) n0++;
        set_text(spk->namebuf, sizeof spk->namebuf, a->text + a->toks.v[n0].start,
                 a->toks.v[src1 - 1].end - a->toks.v[n0].start);
        spk->name = NULL;
        spk->type = WHOSAID_SPK_ORG;
    }
    spk->ts = a->toks.v[src0].start;
    spk->te = a->toks.v[src1 - 1].end;
    if (!spk->type) spk->reason = "the source is not a known name or group";
    if (spk->type == WHOSAID_SPK_PERSON && tis(a, src1, ",")) {
        long hi = src1 + 1;
        while (hi < s1 && !tis(a, hi, ",")) hi++;
        while (hi - 1 > src1 + 1 && !tword(a, hi - 1)) hi--;
        role_from_appos(a, src1 + 1, hi - 1, spk);
    }
    tmp.as = a->toks.v[i].start;
    tmp.ae = spk->te;
    tmp.cue_b = tmp.as;
    tmp.sent = sent;
    tmp.cls = cls;
    set_cue(&tmp, a, i, i + n - 1);
    tmp.kind = K_ACCORDING;
    tmp.report = trailing ? 2 : 0;
    mark_quotes(a, tmp.cs, tmp.ce);
    claim *cl = new_claim(a);
    if (!cl) return WHOSAID_ENOMEM;
    *cl = tmp;
    return 0;
}

/* "The KCC claimed ..., AFP reported": the outlet carries someone else's
 * claim, so it becomes that claim's "via" instead of a claim of its own. */
static void fold_reports(whosaid_attrib *a, size_t from)
{
    for (size_t r = from; r < a->nclaims; r++) {
        claim *rep = &a->claims[r];
        if (!rep->report || rep->dropped) continue;
        for (size_t i = from; i < a->nclaims; i++) {
            claim *c = &a->claims[i];
            if (i == r || c->dropped || c->sent != rep->sent || c->cue_b < rep->cs || c->cue_b >= rep->ce)
                continue;
            if (c->ce > rep->ce) c->ce = rep->ce;
            trim(a, &c->cs, &c->ce);
            if (rep->report == 2) continue; /* "X said ..., according to Y": both stand */
            set_text(c->via, sizeof c->via, a->text + rep->spk.ts, rep->spk.te - rep->spk.ts);
            rep->dropped = 1;
        }
    }
}

/* A claim's content stops before a clause of the same sentence that has
 * its own speaker and verb: "... adapt, but Marchetti said ...", "...; X
 * added ...", and, for a verb sharing the subject, "... and added that".
 * Claims of a sentence are next to each other in the array. */
static void cut_coordinated(whosaid_attrib *a)
{
    for (size_t j = 1; j < a->nclaims; j++) {
        const claim *cj = &a->claims[j];
        if (cj->dropped || cj->kind == K_ACCORDING) continue;
        long t = first_tok_at(a, cj->shared ? cj->cue_b : cj->as);
        /* the joint before the second clause: ";", ", but", "and" (shared subject) */
        long b = -1;
        if (tis(a, t - 1, ";")) b = t - 1;
        else if (word_kind(a, t - 1, NULL) & WHOSAID_WORD_COORD)
            b = tis(a, t - 2, ",") ? t - 2 : cj->shared ? t - 1 : -1;
        if (b < 0) continue;
        size_t cut = a->toks.v[b].start;
        for (size_t i = j; i-- > 0 && a->claims[i].sent == cj->sent;) {
            claim *ci = &a->claims[i];
            if (ci->dropped || ci->cs >= cut || ci->ce <= cut) continue;
            ci->ce = cut;
            trim(a, &ci->cs, &ci->ce);
            if (ci->ce <= ci->cs) ci->dropped = 1;
        }
    }
}

/* The outlet an "according to" names, as "via" for the claim it carries. */
static void via_from_source(const whosaid_attrib *a, const claim *rep, claim *c)
{
    if (rep->spk.span < 0 || !a->spans[rep->spk.span].outlet || c->via[0]) return;
    const span *o = &a->spans[rep->spk.span];
    set_text(c->via, sizeof c->via, a->text + o->s, o->e - o->s);
}

/* An "according to" whose content holds another claim's speaker and verb
 * never swallows it: when that claim opens the content ("Prosecutors said
 * ..., according to court documents") the frame gives way to it; when it
 * sits in a later clause (", as the DPRK has threatened to ...") the
 * frame's content stops at the comma before that clause. An outlet named
 * as the source becomes the inner claim's "via". */
static void fold_sources(whosaid_attrib *a)
{
    for (size_t r = 0; r < a->nclaims; r++) {
        claim *rep = &a->claims[r];
        if (rep->kind != K_ACCORDING || rep->dropped) continue;
        size_t lo = r, hi = r + 1;
        while (lo > 0 && a->claims[lo - 1].sent == rep->sent) lo--;
        while (hi < a->nclaims && a->claims[hi].sent == rep->sent) hi++;
        for (size_t i = lo; i < hi && !rep->dropped; i++) {
            claim *c = &a->claims[i];
            if (i == r || c->dropped || c->cue_b < rep->cs || c->cue_b >= rep->ce) continue;
            via_from_source(a, rep, c);
            size_t inner = c->as < c->cs ? c->as : c->cs;
            /* the last clause boundary before the inner claim */
            long t = first_tok_at(a, inner), b = -1;
            for (long k = t - 1; k >= 0 && a->toks.v[k].start > rep->cs; k--)
                if (tis(a, k, ",") || tis(a, k, ";")) {
                    b = k;
                    break;
                }
            if (b < 0) {
                rep->dropped = 1;
                continue;
            }
            rep->ce = a->toks.v[b].start;
            trim(a, &rep->cs, &rep->ce);
            if (rep->ce <= rep->cs) rep->dropped = 1;
        }
    }
}

static int by_pos(const void *x, const void *y)
{
    const claim *p = x, *q = y;
    size_t a = p->cs < p->as ? p->cs : p->as, b = q->cs < q->as ? q->cs : q->as;
    return a < b ? -1 : a > b;
}

/* A quotation that opens a sentence right after a sentence holding a quoted
 * claim, with no attribution of its own, continues that claim's speaker. */
static int continuations(whosaid_attrib *a)
{
    if (a->nclaims > 1) qsort(a->claims, a->nclaims, sizeof *a->claims, by_pos);
    a->n_as_max = 0;
    size_t n0 = a->nclaims, ci = 0;
    long prev = -1; /* the claim the next quotation may continue */
    for (size_t q = 0; q < a->quotes.n; q++) {
        const whosaid_quote *qu = &a->quotes.v[q];
        while (ci < n0 && (a->claims[ci].as < qu->open || a->claims[ci].cs < qu->open)) {
            if (!a->claims[ci].dropped) prev = (long)ci;
            ci++;
        }
        if (a->quote_used[q] || prev < 0) continue;
        const claim *p = &a->claims[prev];
        long s = sent_of_byte(a, qu->open);
        size_t ts = sent_text_start(a, s);
        while (ts < qu->open && (a->text[ts] == ' ' || a->text[ts] == '\n')) ts++;
        size_t p_end = p->ae > p->ce ? p->ae : p->ce;
        if (p->kind != K_DIRECT || ts != qu->open || sent_of_byte(a, p_end) != s - 1) continue;
        claim *cl = new_claim(a);
        if (!cl) return WHOSAID_ENOMEM;
        p = &a->claims[prev]; /* the array may have moved */
        *cl = *p;
        content_quote(a, cl, (long)q);
        cl->as = cl->ae = qu->open;
        cl->cue_b = p->cue_b;
        cl->date_span = p->date_span;
        cl->sent = s;
        /* the next quotation may continue this one */
        prev = (long)(cl - a->claims);
    }
    if (a->nclaims > 1) qsort(a->claims, a->nclaims, sizeof *a->claims, by_pos);
    a->n_as_max = 0;
    return 0;
}

/* ---- output ----
 * Claims are written straight as JSON lines, in the key order and bytes a
 * jansson object dumped by out.h would give (a claim built as an object cost
 * more than writing it). A string jansson would have refused (not UTF-8:
 * json_string gave NULL, the set failed) still fails the document with
 * WHOSAID_ENOMEM, as it did. */

/* ,"key": -- k a literal */
#define W_KEY(b, k) whosaid_buf_append(b, k, sizeof k - 1)

/* A string field (k with its comma, quotes and colon); NULL is null. */
static int w_str(whosaid_buf *b, const char *k, size_t kn, const char *v)
{
    if (whosaid_buf_append(b, k, kn)) return WHOSAID_ENOMEM;
    if (!v) return whosaid_buf_append(b, "null", 4);
    size_t n = strlen(v);
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

static long first_span_from(const whosaid_attrib *a, size_t b)
{
    size_t lo = 0, hi = a->nspans;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->spans[mid].s < b) lo = mid + 1;
        else hi = mid;
    }
    return (long)lo;
}

/* The date of a claim: a DATE in its sentence outside the content, the
 * nearest to the verb; -1 when none. */
static long claim_date(const whosaid_attrib *a, const claim *c)
{
    if (c->date_span >= 0) return c->date_span;
    long s = c->sent;
    long best = -1;
    size_t bestd = SIZE_MAX;
    for (long k = first_span_from(a, a->sent_s[s]); k < (long)a->nspans && a->spans[k].s < a->sent_e[s]; k++) {
        const span *sp = &a->spans[k];
        if (sp->type != T_DATE || !json_is_string(json_object_get(sp->obj, "value"))) continue;
        if (sp->s < a->dateline_end) continue;
        if (sp->e > c->cs && sp->s < c->ce) continue;
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

/* {"text": ..., "value": ...} of a DATE span. */
static int write_date(whosaid_buf *b, const whosaid_attrib *a, const span *sp)
{
    if (W_KEY(b, "{\"text\":") || w_slice(b, a, sp->s, sp->e)) return WHOSAID_ENOMEM;
    const json_t *v = json_object_get(sp->obj, "value");
    if (v && (W_KEY(b, ",\"value\":") || whosaid_out_value(b, v))) return WHOSAID_ENOMEM;
    return whosaid_buf_append_char(b, '}');
}

/* A STAT span's members but its place and provenance (id, start, end,
 * type, rule), in their order. */
static int write_stat(whosaid_buf *b, const span *sp)
{
    const char *key;
    json_t *v;
    int first = 1;
    if (whosaid_buf_append_char(b, '{')) return WHOSAID_ENOMEM;
    json_object_foreach((json_t *)sp->obj, key, v) {
        if (!strcmp(key, "id") || !strcmp(key, "start") || !strcmp(key, "end") ||
            !strcmp(key, "type") || !strcmp(key, "rule"))
            continue;
        if ((!first && whosaid_buf_append_char(b, ',')) ||
            whosaid_out_string(b, key, strlen(key)) || whosaid_buf_append_char(b, ':') ||
            whosaid_out_value(b, v))
            return WHOSAID_ENOMEM;
        first = 0;
    }
    return whosaid_buf_append_char(b, '}');
}

/* {"canonical", "type", "entity", "country"} of a named span. */
static int write_entity(whosaid_buf *b, const span *sp)
{
    const char *ty = sp->spk ? type_name(sp->spk) : "LOCATION";
    const char *cc = jstr(sp->obj, "country");
    if (W_STR(b, "{\"canonical\":", sp->canon) || W_STR(b, ",\"type\":", ty) ||
        (sp->entity && W_STR(b, ",\"entity\":", sp->entity)) ||
        (cc && W_STR(b, ",\"country\":", cc)))
        return WHOSAID_ENOMEM;
    return whosaid_buf_append_char(b, '}');
}

/* The claim's entities (each canonical name once), dates and statistics:
 * three arrays, one walk over the claim's spans for each (a claim holds
 * few). */
static int add_inside(whosaid_attrib *a, whosaid_buf *b, const claim *c)
{
    static const char *const opens[3] = {",\"entities\":[", "],\"dates\":[", "],\"stats\":["};
    const char *seen[64];
    size_t nseen = 0;
    for (int part = 0; part < 3; part++) {
        if (whosaid_buf_append(b, opens[part], strlen(opens[part]))) return WHOSAID_ENOMEM;
        size_t n = 0;
        for (long k = first_span_from(a, c->cs); k < (long)a->nspans && a->spans[k].s < c->ce; k++) {
            const span *sp = &a->spans[k];
            if (sp->e > c->ce) continue;
            if (part == 0) {
                if (sp->type == T_DATE || sp->type == T_STAT ||
                    !((sp->spk || sp->type == T_LOCATION) && sp->canon[0]))
                    continue;
                size_t j;
                for (j = 0; j < nseen; j++)
                    if (!strcmp(seen[j], sp->canon)) break;
                if (j < nseen) continue;
                if (nseen < 64) seen[nseen++] = sp->canon;
            } else if (sp->type != (part == 1 ? T_DATE : T_STAT)) {
                continue;
            }
            if ((n++ && whosaid_buf_append_char(b, ',')) ||
                (part == 0 ? write_entity(b, sp) : part == 1 ? write_date(b, a, sp) : write_stat(b, sp)))
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
        if (!spk->role[0]) memcpy(spk->role, l->role, sizeof spk->role);
        else if (!l->role[0]) memcpy(l->role, spk->role, sizeof l->role);
        if (!spk->org[0]) memcpy(spk->org, l->org, sizeof spk->org);
        else if (!l->org[0]) memcpy(l->org, spk->org, sizeof l->org);
        return 0;
    }
    if (!spk->role[0] && !spk->org[0]) return 0;
    if (whosaid_grow((void **)&a->roles, &a->cap_roles, a->nroles + 1, sizeof *a->roles))
        return WHOSAID_ENOMEM;
    memcpy(a->roles[a->nroles].role, spk->role, sizeof spk->role);
    memcpy(a->roles[a->nroles].org, spk->org, sizeof spk->org);
    return whosaid_hashmap_put(a->learned, name, strlen(name), a->nroles++) < 0 ? WHOSAID_ENOMEM : 0;
}

/* Claim c, number n, as one line appended to b. */
static int claim_write(whosaid_attrib *a, whosaid_buf *b, claim *c, const json_t *rec, long n)
{
    speaker *spk = &c->spk;
    const json_t *meta = json_object_get(rec, "meta");
    const char *published = jstr(meta, "published");
    const char *name = spk->type ? (spk->name ? spk->name : spk->namebuf) : NULL;
    if (learn(a, spk)) return WHOSAID_ENOMEM;
    long d = claim_date(a, c);
    const char *date = d >= 0 ? jstr(a->spans[d].obj, "value") : published;
    const whosaid_offmap *om = a->om;
    int bad = W_STR(b, "{\"doc\":", whosaid_record_id(rec)) || W_KEY(b, ",\"n\":") ||
              whosaid_out_int(b, n) || W_STR(b, ",\"speaker\":", name) ||
              W_STR(b, ",\"speaker_type\":", type_name(spk->type));
    if (!bad && !spk->type)
        bad = W_STR(b, ",\"speaker_reason\":", spk->reason ? spk->reason : "no speaker found");
    if (!bad && spk->te > spk->ts) bad = W_KEY(b, ",\"speaker_text\":") || w_slice(b, a, spk->ts, spk->te);
    if (!bad && spk->role[0]) bad = W_STR(b, ",\"speaker_role\":", spk->role);
    if (!bad && spk->org[0]) bad = W_STR(b, ",\"speaker_org\":", spk->org);
    if (!bad && spk->entity) bad = W_STR(b, ",\"speaker_entity\":", spk->entity);
    bad = bad || W_STR(b, ",\"cue\":", c->cue) || W_STR(b, ",\"cue_class\":", c->cls) ||
          W_STR(b, ",\"kind\":", c->kind == K_DIRECT ? "direct" : c->kind == K_INDIRECT ? "indirect" : "according_to") ||
          W_KEY(b, ",\"content\":") || w_slice(b, a, c->cs, c->ce) ||
          W_KEY(b, ",\"start\":") || whosaid_out_int(b, (json_int_t)whosaid_offmap_cp(om, c->cs)) ||
          W_KEY(b, ",\"end\":") || whosaid_out_int(b, (json_int_t)whosaid_offmap_cp(om, c->ce));
    if (!bad && date) bad = W_STR(b, ",\"date\":", date);
    if (!bad && published) bad = W_STR(b, ",\"published\":", published);
    if (!bad && c->via[0]) bad = W_STR(b, ",\"via\":", c->via);
    if (bad || add_inside(a, b, c) || whosaid_buf_append_char(b, '\n')) return WHOSAID_ENOMEM;
    return 0;
}

/* ---- the document ---- */

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
            while (j < a->len && (a->text[j] == '\n' || a->text[j] == ' ')) j++;
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
        json_int_t s = json_integer_value(json_array_get(p, 0)), e = json_integer_value(json_array_get(p, 1));
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
    /* "BEIJING, June 27 (Xinhuanet) – ": the dateline is not anyone's words */
    a->dateline_end = 0;
    const char *dl = jstr(json_object_get(rec, "meta"), "dateline");
    if (dl && *dl) {
        size_t dn = strlen(dl);
        for (size_t p = 0; p < a->npara && p < 3; p++) {
            size_t b = a->para[p];
            if (b + dn > a->len || strncasecmp(a->text + b, dl, dn) != 0) continue;
            for (size_t i = b + dn; i + 2 < a->len && i < b + dn + 100 && a->text[i] != '\n'; i++) {
                size_t w = 0;
                if (a->text[i] == ' ' && a->text[i + 1] == '-' && a->text[i + 2] == ' ') w = 3;
                else if (a->text[i] == ' ' && i + 4 < a->len && (unsigned char)a->text[i + 1] == 0xE2 &&
                         (unsigned char)a->text[i + 2] == 0x80 &&
                         ((unsigned char)a->text[i + 3] == 0x93 || (unsigned char)a->text[i + 3] == 0x94) &&
                         a->text[i + 4] == ' ')
                    w = 5;
                if (w) {
                    a->dateline_end = i + w;
                    break;
                }
            }
            break;
        }
    }
    return 0;
}

static int find_claims(whosaid_attrib *a)
{
    for (size_t i = 0; i < a->toks.n; i++) {
        const whosaid_token *t = &a->toks.v[i];
        if (!(t->flags & WHOSAID_TOK_WORD) || in_quote(a, (long)i)) continue;
        const char *frame = NULL;
        long fn = phrase_at(a, (long)i, 0, &frame);
        int rc = 0;
        if (fn) {
            size_t before = a->nclaims;
            rc = source_claim(a, (long)i, fn, frame);
            if (!rc && a->nclaims > before && a->claims[a->nclaims - 1].report) {
                size_t from = a->nclaims - 1;
                while (from > 0 && a->claims[from - 1].sent == a->claims[a->nclaims - 1].sent) from--;
                fold_reports(a, from);
            }
            i += (size_t)fn - 1;
        } else if (t->flags & WHOSAID_TOK_LOWER) {
            const whosaid_cue *cue = a->tok_cue[i] ? a->tok_cue[i]->verb : NULL;
            if (cue) {
                size_t before = a->nclaims;
                rc = cue_claim(a, (long)i, cue);
                /* fold "..., AFP reported" once the sentence is read */
                if (!rc && a->nclaims > before && a->claims[a->nclaims - 1].report) {
                    size_t from = a->nclaims - 1;
                    while (from > 0 && a->claims[from - 1].sent == a->claims[a->nclaims - 1].sent) from--;
                    fold_reports(a, from);
                }
            }
        }
        if (rc) return rc;
    }
    return 0;
}

int whosaid_attrib_write(whosaid_attrib *a, const json_t *rec, whosaid_buf *lines, size_t *count,
                         whosaid_error *err)
{
    *count = 0;
    size_t len, mark = lines->len;
    const char *text = whosaid_record_text(rec, &len);
    if (!text) return whosaid_error_set(err, WHOSAID_EINPUT, "", 0, "record has no \"text\"");
    a->text = text;
    a->len = len;
    a->nclaims = a->nroles = 0;
    a->n_as_max = 0;
    whosaid_hashmap_free(a->ents);
    whosaid_hashmap_free(a->gender);
    whosaid_hashmap_free(a->learned);
    whosaid_hashmap_free(a->holders);
    a->holders = NULL;
    a->ents = NULL;
    a->entities = json_object_get(rec, "entities");
    a->gender = whosaid_hashmap_new();
    a->learned = whosaid_hashmap_new();
    whosaid_offmap *om = whosaid_offmap_new(text, len);
    a->om = om;
    int rc = !a->gender || !a->learned || !om ? WHOSAID_ENOMEM : 0;
    if (!rc && json_is_array(a->entities)) {
        size_t ne = json_array_size(a->entities);
        if (!(a->ents = whosaid_hashmap_new()) ||
            whosaid_grow((void **)&a->einfo, &a->cap_einfo, ne + 1, sizeof *a->einfo))
            rc = WHOSAID_ENOMEM;
        for (size_t i = 0; !rc && i < ne; i++) {
            json_t *f[EF_N], *g[EA_N];
            whosaid_record_fields(json_array_get(a->entities, i), ent_fields, EF_N, f);
            whosaid_record_fields(f[EF_ATTRS], attr_fields, EA_N, g);
            struct ent_info *e = &a->einfo[i];
            e->canon = json_string_value(f[EF_CANONICAL]);
            e->spk = spk_of(type_of(json_string_value(f[EF_TYPE])));
            e->role = json_string_value(g[EA_ROLE]);
            e->org = json_string_value(g[EA_ORG]);
            e->gender = json_string_value(g[EA_GENDER]);
            const char *id = json_string_value(f[EF_ID]);
            if (id && whosaid_hashmap_put(a->ents, id, strlen(id), i) < 0) rc = WHOSAID_ENOMEM;
        }
    }
    if (!rc) rc = load_structure(a, rec, om);
    if (!rc) rc = load_spans(a, rec, om);
    if (!rc) rc = whosaid_tokenize(text, len, a->sent_s, a->nsent, &a->toks);
    if (!rc) rc = lower_tokens(a);
    if (!rc) rc = index_tokens(a);
    if (!rc) rc = whosaid_quotes_find(text, len, &a->quotes);
    if (!rc) rc = mark_quoted(a);
    if (!rc && whosaid_grow((void **)&a->quote_used, &a->cap_qu, a->quotes.n + 1, 1))
        rc = WHOSAID_ENOMEM;
    if (!rc) memset(a->quote_used, 0, a->quotes.n + 1);
    if (!rc) rc = find_claims(a);
    if (!rc) {
        cut_coordinated(a);
        fold_sources(a);
        rc = continuations(a);
    }
    long n = 0;
    for (size_t i = 0; !rc && i < a->nclaims; i++) {
        if (a->claims[i].dropped) continue;
        rc = claim_write(a, lines, &a->claims[i], rec, ++n);
    }
    whosaid_offmap_free(om);
    a->om = NULL;
    if (rc) {
        lines->len = mark;
        if (lines->data) lines->data[mark] = '\0';
        return whosaid_error_set(err, rc, "", 0, "%s", whosaid_errmsg(rc));
    }
    if (lines->data) lines->data[lines->len] = '\0';
    *count = (size_t)n;
    return 0;
}

int whosaid_attrib_run(whosaid_attrib *a, const json_t *rec, json_t **claims, whosaid_error *err)
{
    *claims = NULL;
    whosaid_buf lines = WHOSAID_BUF_INIT;
    size_t n;
    int rc = whosaid_attrib_write(a, rec, &lines, &n, err);
    json_t *out = rc ? NULL : json_array();
    if (!rc && !out) rc = whosaid_error_set(err, WHOSAID_ENOMEM, "", 0, "%s", whosaid_errmsg(WHOSAID_ENOMEM));
    for (size_t at = 0; !rc && at < lines.len;) {
        const char *nl = memchr(lines.data + at, '\n', lines.len - at);
        size_t end = nl ? (size_t)(nl - lines.data) : lines.len;
        json_t *o = json_loadb(lines.data + at, end - at, 0, NULL);
        if (!o || json_array_append_new(out, o))
            rc = whosaid_error_set(err, WHOSAID_ENOMEM, "", 0, "%s", whosaid_errmsg(WHOSAID_ENOMEM));
        at = end + 1;
    }
    whosaid_buf_free(&lines);
    if (rc) {
        json_decref(out);
        return rc;
    }
    *claims = out;
    return 0;
}
