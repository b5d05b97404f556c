#include "whosaid/names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "whosaid/buf.h"
#include "whosaid/calendar.h"
#include "whosaid/hashmap.h"
#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"

/* Longest title phrase, in tokens ("Lt. Gen." is four). */
#define MAX_TITLE_TOKENS 6
#define TITLE_SIG_BITS 12

/* A maximal run of capitalized words, before typing. */
typedef struct run {
    size_t a, b;             /* tokens [a, b) */
    size_t title_a, title_b; /* the title right before it, if any */
    int type;
    int stripped;    /* lost a sentence-initial common word */
    int weak;        /* typed by weak evidence only: a type seen elsewhere wins */
    int over_places; /* a known place's name used for its team: beats the gazetteer */
    int short_org;   /* a gazetteer organization whose canonical name is its first word */
    int cue;         /* a person only because a speech verb follows ("Halvorsen said") */
    int after_legal; /* follows a company's legal form in the same run */
} run;

typedef struct runs {
    run *v;
    size_t n, cap;
} runs;

struct whosaid_names {
    whosaid_hashmap *titles;     /* lower-cased phrase key -> 1 */
    whosaid_hashmap *org_words;  /* as written */
    whosaid_hashmap *org_first;  /* as written: "FC Basel", "Hotel Essex" */
    whosaid_hashmap *org_legal;  /* as written: "Inc", "LLC" (in org_words too) */
    whosaid_hashmap *org_corp;   /* as written: "Partners", "Holdings" (in org_words too) */
    whosaid_hashmap *org_desig;  /* as written: "Flight" before a number */
    whosaid_hashmap *org_before; /* lower-cased context: "the band X", "signed with X" */
    whosaid_hashmap *org_place;  /* lower-cased context that makes a place a team: "played for X" */
    whosaid_hashmap *org_after;  /* lower-cased: "X striker", "X fans" (a place's team too) */
    whosaid_hashmap *org_role;   /* lower-cased: "X spokesman Y", "X CEO Y" (not places) */
    whosaid_hashmap *org_head;   /* lower-cased nouns of a definition: "X is a rock band" */
    whosaid_hashmap *loc_head;   /* "X is a village in ..." */
    whosaid_hashmap *misc_head;  /* "X is an album by ..." */
    whosaid_hashmap *loc_first;  /* as written, phrase key */
    whosaid_hashmap *loc_last;
    whosaid_hashmap *loc_before;  /* lower-cased: "town" in "the town of X" */
    whosaid_hashmap *misc_first;  /* as written, phrase key: "Battle of" */
    whosaid_hashmap *misc_last;   /* as written: "Cup", "Awards", "Jews" */
    whosaid_hashmap *first_names; /* lower-cased */
    whosaid_hashmap *surnames;    /* as written */
    whosaid_hashmap *common;      /* lower-case words */
    whosaid_hashmap *cue_verbs;
    whosaid_hashmap *not_names;  /* as written */
    whosaid_hashmap *starters;   /* as written: "However", "The", "After" */
    whosaid_calendar *calendar;  /* months and weekdays are no first names */
    const whosaid_calendar *cal; /* calendar, or the caller's (borrowed) */
    /* per-document scratch */
    whosaid_tokens phrase;
    whosaid_buf key;
    whosaid_buf raw;             /* span_in's key as written */
    whosaid_buf scratch;         /* gazetteer lookups */
    runs rs;                     /* this document's runs */
    whosaid_hashmap *doc_people; /* words of people named in this document */
    whosaid_hashmap *doc_names;  /* organizations and places typed here -> type */
    whosaid_hashmap *doc_lower;  /* words written in lower case here (made on first use) */
    uint32_t lower_gen;          /* lower_asked is this document's when it matches gen */
    unsigned lower_asked;        /* used_in_lower_case() questions so far (doc_lower made at 5) */
    whosaid_hashmap *org_region; /* as written: "UK" in "Water UK" (org-words.txt "region") */
    /* Each token's keys, made on first use and kept for the document: a
     * word is looked up in several lists, and lower-casing and hashing it
     * were the top of the profile. Entries are current when gen matches. */
    struct tokkey {
        uint64_t hx, hl;  /* hash as written, lower-cased */
        size_t lo, lolen; /* lower-cased key in low */
        uint32_t gen;
        unsigned char have;  /* HAVE_EXACT | HAVE_LOWER | HAVE_CAL | HAVE_TITLE */
        unsigned char cal;   /* is_calendar_word() */
        unsigned char title; /* may_be_title_end(): TITLE_FIRST | TITLE_LAST */
    } * tk;
    size_t tk_cap;
    uint32_t gen;
    whosaid_buf low;
    /* The last gazetteer match looked up (typing a run asks for the one at
     * its start several times); current when gz_gen matches gen. */
    uint32_t gz_gen;
    size_t gz_i, gz_k;
    whosaid_gaz_entry gz_e;
    /* Titles' first and last tokens, lower-cased, by whosaid_key_sig(): most
     * capitalized words neither start nor end a title, and these turn
     * them away before a phrase key is lower-cased and probed. */
    uint64_t title_first[(1u << TITLE_SIG_BITS) / 64];
    uint64_t title_last[(1u << TITLE_SIG_BITS) / 64];
};

/* MISC: an event, award, work or group of people (misc-words.txt); never
 * output, and unlike NONE it keeps the run whole (no split at "of"). */
enum { NONE = 0, PERSON, ORG, LOCATION, MISC };
static const char *const TYPE_NAME[] = {"NONE", "PERSON", "ORG", "LOCATION", "MISC"};

/* ---- loading ---------------------------------------------------------- */

static int lower_key(whosaid_buf *out, const char *s, size_t len)
{
    whosaid_buf_clear(out);
    return whosaid_utf8_lower(s, len, out);
}

/* The key a phrase is stored under: its tokens joined as in the text. */
static int phrase_key(whosaid_names *nm, const char *phrase, int lower)
{
    if (whosaid_tokenize(phrase, strlen(phrase), NULL, 0, &nm->phrase)) return WHOSAID_ENOMEM;
    whosaid_buf raw = WHOSAID_BUF_INIT;
    int rc = whosaid_tokens_key(phrase, &nm->phrase, 0, nm->phrase.n, &raw);
    if (!rc) {
        whosaid_buf_clear(&nm->key);
        rc = lower ? lower_key(&nm->key, raw.data ? raw.data : "", raw.len)
                   : whosaid_buf_append(&nm->key, raw.data ? raw.data : "", raw.len);
    }
    whosaid_buf_free(&raw);
    return rc;
}

/* Notes the title just keyed (its tokens in nm->phrase) in the filters. */
static int note_title(whosaid_names *nm, const char *phrase)
{
    if (nm->phrase.n == 0) return 0;
    whosaid_buf low = WHOSAID_BUF_INIT;
    int rc = 0;
    for (int end = 0; end < 2 && !rc; end++) {
        const whosaid_token *tk = &nm->phrase.v[end ? nm->phrase.n - 1 : 0];
        whosaid_buf_clear(&low);
        rc = whosaid_utf8_lower(phrase + tk->start, tk->end - tk->start, &low);
        if (!rc && low.len)
            whosaid_bit_set(end ? nm->title_last : nm->title_first,
                            whosaid_key_sig(low.data, low.len, TITLE_SIG_BITS));
    }
    whosaid_buf_free(&low);
    return rc;
}

/* Reads a one-phrase-a-line list. With kind, lines are "KIND<TAB>phrase"
 * (or a phrase alone, kind "last") and only lines of that kind are read. */
static int load_list(whosaid_names *nm, const char *dir, const char *file, int lower,
                     const char *kind, whosaid_hashmap *map, whosaid_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return err ? err->code : WHOSAID_EIO;
    int rc;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1) {
        const char *phrase = whosaid_rulefile_field(rf, 0);
        if (kind) {
            /* "first<TAB>Mount", "before<TAB>town"; a word alone is "last". */
            size_t nf = whosaid_rulefile_nfields(rf);
            const char *k = nf == 1 ? "last" : phrase;
            if (nf > 2 ||
                (strcmp(k, "first") != 0 && strcmp(k, "last") != 0 && strcmp(k, "before") != 0 &&
                 strcmp(k, "before-place") != 0 && strcmp(k, "after") != 0 &&
                 strcmp(k, "role") != 0 && strcmp(k, "head") != 0 && strcmp(k, "legal") != 0 &&
                 strcmp(k, "corp") != 0 && strcmp(k, "designator") != 0 &&
                 strcmp(k, "region") != 0)) {
                rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                            "expected 'first', 'last', 'before', 'before-place', "
                                            "'after', 'role', 'head', 'legal', 'corp', "
                                            "'designator' or 'region', a TAB and a word");
                break;
            }
            if (strcmp(k, kind) != 0) continue;
            if (nf == 2) phrase = whosaid_rulefile_field(rf, 1);
        }
        if (phrase_key(nm, phrase, lower) ||
            whosaid_hashmap_put(map, nm->key.data ? nm->key.data : "", nm->key.len, 1) < 0 ||
            (map == nm->titles && note_title(nm, phrase))) {
            rc = whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
            break;
        }
    }
    whosaid_rulefile_close(rf);
    return rc < 0 ? rc : 0;
}

whosaid_names *whosaid_names_load(const char *dir, whosaid_error *err)
{
    return whosaid_names_load_with_calendar(dir, NULL, err);
}

whosaid_names *whosaid_names_load_with_calendar(const char *dir, const whosaid_calendar *cal,
                                                whosaid_error *err)
{
    whosaid_names *nm = calloc(1, sizeof *nm);
    if (!nm) {
        whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
        return NULL;
    }
    whosaid_hashmap **maps[] = {&nm->org_legal,  &nm->org_corp,  &nm->org_desig,   &nm->titles,
                                &nm->org_words,  &nm->org_first, &nm->org_before,  &nm->org_place,
                                &nm->org_after,  &nm->org_role,  &nm->org_head,    &nm->loc_head,
                                &nm->misc_head,  &nm->loc_first, &nm->loc_last,    &nm->loc_before,
                                &nm->misc_first, &nm->misc_last, &nm->first_names, &nm->surnames,
                                &nm->common,     &nm->cue_verbs, &nm->not_names,   &nm->starters,
                                &nm->doc_people, &nm->doc_names, &nm->doc_lower,   &nm->org_region};
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++) {
        if (!(*maps[i] = whosaid_hashmap_new())) {
            whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
            whosaid_names_free(nm);
            return NULL;
        }
    }
    if (load_list(nm, dir, "titles.txt", 1, NULL, nm->titles, err) ||
        load_list(nm, dir, "org-words.txt", 0, "last", nm->org_words, err) ||
        load_list(nm, dir, "org-words.txt", 0, "first", nm->org_first, err) ||
        /* Legal forms and company heads end a name as last words do. */
        load_list(nm, dir, "org-words.txt", 0, "legal", nm->org_words, err) ||
        load_list(nm, dir, "org-words.txt", 0, "corp", nm->org_words, err) ||
        load_list(nm, dir, "org-words.txt", 0, "legal", nm->org_legal, err) ||
        load_list(nm, dir, "org-words.txt", 0, "corp", nm->org_corp, err) ||
        load_list(nm, dir, "org-words.txt", 0, "designator", nm->org_desig, err) ||
        load_list(nm, dir, "org-words.txt", 0, "region", nm->org_region, err) ||
        load_list(nm, dir, "org-words.txt", 1, "before", nm->org_before, err) ||
        load_list(nm, dir, "org-words.txt", 1, "before-place", nm->org_place, err) ||
        load_list(nm, dir, "org-words.txt", 1, "after", nm->org_after, err) ||
        load_list(nm, dir, "org-words.txt", 1, "role", nm->org_role, err) ||
        load_list(nm, dir, "org-words.txt", 1, "head", nm->org_head, err) ||
        load_list(nm, dir, "location-words.txt", 1, "head", nm->loc_head, err) ||
        load_list(nm, dir, "misc-words.txt", 1, "head", nm->misc_head, err) ||
        load_list(nm, dir, "location-words.txt", 0, "first", nm->loc_first, err) ||
        load_list(nm, dir, "location-words.txt", 0, "last", nm->loc_last, err) ||
        load_list(nm, dir, "location-words.txt", 1, "before", nm->loc_before, err) ||
        load_list(nm, dir, "misc-words.txt", 0, "first", nm->misc_first, err) ||
        load_list(nm, dir, "misc-words.txt", 0, "last", nm->misc_last, err) ||
        load_list(nm, dir, "first-names.txt", 1, NULL, nm->first_names, err) ||
        load_list(nm, dir, "surnames.txt", 0, NULL, nm->surnames, err) ||
        load_list(nm, dir, "common-words.txt", 1, NULL, nm->common, err) ||
        load_list(nm, dir, "cue-verbs.txt", 1, NULL, nm->cue_verbs, err) ||
        load_list(nm, dir, "not-names.txt", 0, NULL, nm->not_names, err) ||
        load_list(nm, dir, "sentence-starters.txt", 0, NULL, nm->starters, err)) {
        whosaid_names_free(nm);
        return NULL;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/../calendar.rules", dir);
    if (!cal && !(cal = nm->calendar = whosaid_calendar_load(path, err))) {
        whosaid_names_free(nm);
        return NULL;
    }
    nm->cal = cal;
    return nm;
}

void whosaid_names_free(whosaid_names *nm)
{
    if (!nm) return;
    whosaid_hashmap *maps[] = {nm->org_legal,  nm->org_corp,  nm->org_desig,   nm->org_before,
                               nm->org_place,  nm->org_after, nm->org_role,    nm->org_head,
                               nm->loc_head,   nm->misc_head, nm->titles,      nm->org_words,
                               nm->org_first,  nm->loc_first, nm->loc_last,    nm->loc_before,
                               nm->misc_first, nm->misc_last, nm->first_names, nm->surnames,
                               nm->common,     nm->cue_verbs, nm->not_names,   nm->starters,
                               nm->doc_people, nm->doc_names, nm->doc_lower,   nm->org_region};
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
        whosaid_hashmap_free(maps[i]);
    whosaid_calendar_free(nm->calendar);
    whosaid_tokens_free(&nm->phrase);
    whosaid_buf_free(&nm->key);
    whosaid_buf_free(&nm->raw);
    whosaid_buf_free(&nm->scratch);
    whosaid_buf_free(&nm->low);
    free(nm->tk);
    free(nm->rs.v);
    free(nm);
}

/* ---- token tests ------------------------------------------------------ */

typedef struct doc {
    whosaid_names *nm;
    const char *text;
    const whosaid_tokens *t;
    const whosaid_gazetteer *gaz;
} doc;

static const char *tok_s(const doc *d, size_t i)
{
    return d->text + d->t->v[i].start;
}

static size_t tok_len(const doc *d, size_t i)
{
    return d->t->v[i].end - d->t->v[i].start;
}

/* Token i is word. Most tokens differ from it in the first byte; inline,
 * so a literal word's length is a constant (this runs for most tokens
 * against "the", "of", ","). */
static inline int tok_is(const doc *d, size_t i, const char *word)
{
    if (i >= d->t->n) return 0;
    size_t n = tok_len(d, i);
    const char *s = tok_s(d, i);
    return n && s[0] == word[0] && strlen(word) == n && memcmp(s, word, n) == 0;
}

enum { HAVE_EXACT = 1, HAVE_LOWER = 2, HAVE_CAL = 4, HAVE_TITLE = 8 };
enum { TITLE_FIRST = 1, TITLE_LAST = 2 };

/* Token i's cache entry (d->nm->tk is sized for the document). */
static struct tokkey *tokkey_of(const doc *d, size_t i)
{
    struct tokkey *k = &d->nm->tk[i];
    if (k->gen != d->nm->gen) {
        k->gen = d->nm->gen;
        k->have = 0;
    }
    return k;
}

static int in_exact(const doc *d, whosaid_hashmap *map, size_t i)
{
    struct tokkey *k = tokkey_of(d, i);
    if (!(k->have & HAVE_EXACT)) {
        k->hx = whosaid_hashmap_hash(tok_s(d, i), tok_len(d, i));
        k->have |= HAVE_EXACT;
    }
    return whosaid_hashmap_get_hashed(map, tok_s(d, i), tok_len(d, i), k->hx, NULL);
}

static int in_lower(const doc *d, whosaid_hashmap *map, size_t i)
{
    struct tokkey *k = tokkey_of(d, i);
    whosaid_buf *low = &d->nm->low;
    if (!(k->have & HAVE_LOWER)) {
        k->lo = low->len;
        if (whosaid_utf8_lower(tok_s(d, i), tok_len(d, i), low)) return 0;
        k->lolen = low->len - k->lo;
        k->hl = whosaid_hashmap_hash(low->data ? low->data + k->lo : "", k->lolen);
        k->have |= HAVE_LOWER;
    }
    return whosaid_hashmap_get_hashed(map, low->data ? low->data + k->lo : "", k->lolen, k->hl,
                                      NULL);
}

/* Tokens [a, b) as one key (as written or lower-cased) in map. The key
 * is built in the names' scratch buffers: this runs several times per
 * token, so it must not allocate. */
static int span_in(const doc *d, whosaid_hashmap *map, size_t a, size_t b, int lower)
{
    whosaid_buf *raw = &d->nm->raw;
    whosaid_buf_clear(raw);
    if (whosaid_tokens_key(d->text, d->t, a, b, raw) != 0 || !raw->data) return 0;
    if (!lower) return whosaid_hashmap_get(map, raw->data, raw->len, NULL);
    if (lower_key(&d->nm->key, raw->data, raw->len) != 0) return 0;
    return whosaid_hashmap_get(map, d->nm->key.data, d->nm->key.len, NULL);
}

static int is_cap(const doc *d, size_t i)
{
    uint32_t f = d->t->v[i].flags;
    return (f & WHOSAID_TOK_WORD) && (f & (WHOSAID_TOK_CAP | WHOSAID_TOK_ALLCAPS)) &&
           !(f & WHOSAID_TOK_POSSESSIVE);
}

/* A broadcaster's call sign: a digit, then two to four capitals ("6PR",
 * "3AW", "2GB"). Only context makes it a name (see type_run_inner). */
static int is_callsign(const doc *d, size_t i)
{
    size_t n = tok_len(d, i);
    const char *s = tok_s(d, i);
    if (!(d->t->v[i].flags & WHOSAID_TOK_NUM) || n < 3 || n > 5 || s[0] < '1' || s[0] > '9')
        return 0;
    size_t k = 1;
    while (k < n && s[k] >= '0' && s[k] <= '9')
        k++;
    if (n - k < 2 || n - k > 4) return 0;
    for (; k < n; k++)
        if (s[k] < 'A' || s[k] > 'Z') return 0;
    return 1;
}

/* [a, b) is a call sign, maybe after its frequency: "6PR", "882 6PR". */
static int is_callsign_run(const doc *d, size_t a, size_t b)
{
    if (b - a == 1) return is_callsign(d, a);
    if (b - a != 2 || !is_callsign(d, a + 1) || tok_len(d, a) < 2 || tok_len(d, a) > 4) return 0;
    for (size_t k = 0; k < tok_len(d, a); k++)
        if (tok_s(d, a)[k] < '0' || tok_s(d, a)[k] > '9') return 0;
    return 1;
}

/* Lower-case particles inside names: "Bank of America", "Ludwig van Beethoven". */
static int is_connector(const doc *d, size_t i)
{
    static const char *const words[] = {
        "of",  "de",  "da", "di",  "del", "della", "van", "von",  "der", "den", "la", "le", "du",
        "dos", "das", "al", "bin", "ibn", "el",    "abu", "bint", "ben", "ul",  "y",  "&",  NULL};
    if (i >= d->t->n || tok_len(d, i) > 5) return 0; /* longer than every word above */
    for (const char *const *w = words; *w; w++)
        if (tok_is(d, i, *w)) return 1;
    return 0;
}

/* A surname written with its lower-case particle joined on: "al-Tamimi",
 * "el-Sisi", "bin-Talal", "d'Estaing" (the tokenizer keeps the word whole
 * across the hyphen or apostrophe, and it starts lower-case). The particle,
 * then a capital. */
static int is_particle_name(const doc *d, size_t i)
{
    static const char *const parts[] = {"al-", "el-", "ad-", "as-",   "ash-", "at-",
                                        "az-", "an-", "ar-", "bin-",  "ibn-", "abu-",
                                        "ul-", "d'",  "d’",  "dell'", NULL};
    if (i >= d->t->n || !(d->t->v[i].flags & WHOSAID_TOK_LOWER) ||
        (d->t->v[i].flags & WHOSAID_TOK_POSSESSIVE))
        return 0;
    const char *s = tok_s(d, i);
    size_t n = tok_len(d, i);
    for (const char *const *p = parts; *p; p++) {
        size_t k = strlen(*p);
        if (n > k && !memcmp(s, *p, k)) {
            size_t j = k;
            utf8proc_category_t c = utf8proc_category(whosaid_utf8_next(s, n, &j));
            return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
        }
    }
    return 0;
}

/* The lower-cased key of tokens [a, b) in nm->key, built once for the
 * lookups of all its sub-spans: the key of [i, j) is the bytes from
 * start[i - a] to end[j - 1 - a] (lower-casing maps code point by code
 * point, so this is the key span_in makes for [i, j)). 0 or WHOSAID_ENOMEM. */
static int lowered_key(const doc *d, size_t a, size_t b, size_t *start, size_t *end)
{
    whosaid_buf *key = &d->nm->key;
    whosaid_buf_clear(key);
    for (size_t k = a; k < b; k++) {
        if (k > a && (d->t->v[k].flags & WHOSAID_TOK_SPACE) &&
            !(d->t->v[k].flags & WHOSAID_TOK_POSSESSIVE) && whosaid_buf_append_char(key, ' '))
            return WHOSAID_ENOMEM;
        start[k - a] = key->len;
        if (whosaid_utf8_lower(tok_s(d, k), tok_len(d, k), key)) return WHOSAID_ENOMEM;
        end[k - a] = key->len;
    }
    return 0;
}

/* Whether token i may be a title's first (TITLE_FIRST) or last
 * (TITLE_LAST) token: no if it is ASCII and its lower-cased signature is
 * not in that filter. Worked out once per token and document. */
static int may_be_title_end(const doc *d, size_t i, int which)
{
    struct tokkey *k = tokkey_of(d, i);
    if (!(k->have & HAVE_TITLE)) {
        const unsigned char *s = (const unsigned char *)tok_s(d, i);
        size_t n = tok_len(d, i), j = 0;
        while (j < n && s[j] < 0x80)
            j++;
        if (n == 0 || j < n) {
            k->title = TITLE_FIRST | TITLE_LAST;
        } else {
            unsigned char a = s[0], z = s[n - 1];
            a = a >= 'A' && a <= 'Z' ? (unsigned char)(a | 0x20) : a;
            z = z >= 'A' && z <= 'Z' ? (unsigned char)(z | 0x20) : z;
            unsigned sig = whosaid_sig(n, a, z, TITLE_SIG_BITS);
            k->title =
                (unsigned char)((whosaid_bit_test(d->nm->title_first, sig) ? TITLE_FIRST : 0) |
                                (whosaid_bit_test(d->nm->title_last, sig) ? TITLE_LAST : 0));
        }
        k->have |= HAVE_TITLE;
    }
    return k->title & which;
}

/* Longest title phrase ending at token e-1 (lower-cased match); 0 if none. */
static size_t title_ending_at(const doc *d, size_t e)
{
    if (e == 0 || e > d->t->n || !may_be_title_end(d, e - 1, TITLE_LAST)) return 0;
    size_t n = e < MAX_TITLE_TOKENS ? e : MAX_TITLE_TOKENS, start[MAX_TITLE_TOKENS],
           end[MAX_TITLE_TOKENS];
    /* Only phrases whose first token may start a title are keyed and probed. */
    while (n > 0 && !may_be_title_end(d, e - n, TITLE_FIRST))
        n--;
    if (n == 0 || lowered_key(d, e - n, e, start, end)) return 0;
    const whosaid_buf *key = &d->nm->key;
    for (size_t k = n; k >= 1; k--)
        if ((k == n || may_be_title_end(d, e - k, TITLE_FIRST)) &&
            whosaid_hashmap_get(d->nm->titles, key->data + start[n - k], key->len - start[n - k],
                                NULL))
            return k;
    return 0;
}

/* Longest title phrase starting at token a within [a, b); 0 if none. */
static size_t title_starting_at(const doc *d, size_t a, size_t b)
{
    size_t n = a >= b                     ? 0
               : b - a < MAX_TITLE_TOKENS ? b - a
                                          : MAX_TITLE_TOKENS,
           start[MAX_TITLE_TOKENS], end[MAX_TITLE_TOKENS];
    if (n == 0 || !may_be_title_end(d, a, TITLE_FIRST)) return 0;
    /* Only phrases whose last token may end a title are keyed and probed. */
    while (n > 0 && !may_be_title_end(d, a + n - 1, TITLE_LAST))
        n--;
    if (n == 0 || lowered_key(d, a, a + n, start, end)) return 0;
    for (size_t k = n; k >= 1; k--)
        if ((k == n || may_be_title_end(d, a + k - 1, TITLE_LAST)) &&
            whosaid_hashmap_get(d->nm->titles, d->nm->key.data, end[k - 1], NULL))
            return k;
    return 0;
}

/* ---- finding runs ----------------------------------------------------- */

static int runs_push(runs *rs, run r)
{
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 64;
        run *v = realloc(rs->v, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        rs->v = v;
        rs->cap = cap;
    }
    rs->v[rs->n++] = r;
    return 0;
}

/* A period that belongs to the word before it inside a name: an initial
 * ("William T. Sherman") or an abbreviated title ("Lt. Gen. Jubal Early"). */
static int name_period(const doc *d, size_t i)
{
    if (!tok_is(d, i, ".") || i == 0 || (d->t->v[i].flags & WHOSAID_TOK_SPACE)) return 0;
    if (i + 1 >= d->t->n || !is_cap(d, i + 1)) return 0;
    if (tok_len(d, i - 1) == 1 && (d->t->v[i - 1].flags & WHOSAID_TOK_CAP)) return 1;
    /* ... or a place's abbreviated first word ("St. Louis", "Mt. Fuji"). */
    return span_in(d, d->nm->titles, i - 1, i + 1, 1) ||
           span_in(d, d->nm->loc_first, i - 1, i + 1, 0);
}

/* The plural of an acronym ("MPs", "CEOs", "NGOs"): a common noun for a
 * group of people or bodies, never part of a name ("Labour MPs said"). */
static int is_acronym_plural(const doc *d, size_t i)
{
    size_t n = tok_len(d, i);
    const char *s = tok_s(d, i);
    if (n < 3 || n > 6 || s[n - 1] != 's') return 0;
    for (size_t k = 0; k + 1 < n; k++)
        if (s[k] < 'A' || s[k] > 'Z') return 0;
    return 1;
}

static int is_calendar_word(const doc *d, size_t i);

/* "Agency for International Development", "Department for Transport",
 * "Committee on Foreign Relations": "for" or "on" goes on with a name only
 * right after an organization's head word. */
static int org_connector(const doc *d, size_t i)
{
    /* not before an amount ("the Centre for Rs 15,000 crore") or a date */
    size_t n = d->t->n;
    /* nor before another name: "the Super League for FC Basel" */
    return i > 0 && i + 1 < n && (tok_is(d, i, "for") || tok_is(d, i, "on")) &&
           in_exact(d, d->nm->org_words, i - 1) && is_cap(d, i + 1) &&
           !is_acronym_plural(d, i + 1) && !is_calendar_word(d, i + 1) &&
           !in_exact(d, d->nm->org_first, i + 1) && !in_lower(d, d->nm->first_names, i + 1) &&
           !(i + 2 < n && (d->t->v[i + 2].flags & WHOSAID_TOK_NUM));
}

/* End of the run of capitalized words starting at a. */
static size_t run_end(const doc *d, size_t a)
{
    size_t b = a + 1;
    int after_for = 0;
    while (b < d->t->n) {
        const whosaid_token *tk = &d->t->v[b];
        if (tk->flags & WHOSAID_TOK_NEWLINE) break;
        if (name_period(d, b)) {
            b++;
            continue;
        }
        if ((is_cap(d, b) || is_particle_name(d, b)) && (tk->flags & WHOSAID_TOK_SPACE) &&
            !is_acronym_plural(d, b)) {
            b++;
            continue;
        }
        if (org_connector(d, b)) {
            b += 2;
            after_for = 1;
            continue;
        }
        /* "Center for Science and Culture": after "for", "and" a common word */
        if (after_for && tok_is(d, b, "and") && b + 1 < d->t->n && is_cap(d, b + 1) &&
            in_lower(d, d->nm->common, b + 1)) {
            b += 2;
            continue;
        }
        /* Connectors, "of the" included, only between capitalized words. */
        size_t c = b;
        while (c < d->t->n && (is_connector(d, c) || tok_is(d, c, "the")) && c - b < 2)
            c++;
        if (c > b && c < d->t->n && is_cap(d, c) && tok_is(d, b, "the") == 0) {
            b = c + 1;
            continue;
        }
        break;
    }
    return b;
}

static int looks_like_person(const doc *d, size_t a, size_t b);
static size_t first_split(const doc *d, size_t a, size_t b);

/* "Leila Benali of the University of Montpellier": a person's name is
 * never the head of an "of" phrase, so the run splits there. Returns the
 * token index of that "of", or b. */
static int all_name_like(const doc *d, size_t a, size_t b);

static size_t person_of_split(const doc *d, size_t a, size_t b, int titled)
{
    for (size_t i = a + 1; i + 1 < b; i++)
        if (tok_is(d, i, "of") && i - a <= 3 &&
            ((titled && all_name_like(d, a, i)) || looks_like_person(d, a, i)))
            return i;
    return b;
}

/* Pushes one part of a run, after the "of" split. */
static int push_part(const doc *d, runs *rs, size_t a, size_t b, size_t title_a, size_t title_b)
{
    size_t of = person_of_split(d, a, b, title_b != 0);
    run r = {.a = a, .b = of, .title_a = title_a, .title_b = title_b, .type = NONE};
    if (runs_push(rs, r)) return WHOSAID_ENOMEM;
    size_t rest = of + 1;
    while (rest < b && tok_is(d, rest, "the"))
        rest++;
    return rest < b ? push_part(d, rs, rest, b, 0, 0) : 0;
}

static int has_connector(const doc *d, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (is_connector(d, i)) return 1;
    return 0;
}

/* Splits [a, b) at capitalized titles; pushes the name parts. */
static int push_parts(const doc *d, runs *rs, size_t a, size_t b)
{
    size_t start = a, title_a = 0, title_b = 0, after_legal = 0;
    /* "Adam Air Flight 574": a flight's designator before its number is
     * not part of the airline's name. */
    if (b - a >= 2 && b < d->t->n && (d->t->v[b].flags & WHOSAID_TOK_NUM) &&
        in_exact(d, d->nm->org_desig, b - 1))
        b--;
    /* A lower-case title right before the run ("spokesman Hong Lei"). */
    size_t k = title_ending_at(d, a);
    if (k) {
        title_a = a - k;
        title_b = a;
    }
    for (size_t i = a; i < b;) {
        /* "Chrysler LLC Jim Press": a company's legal form ends its name. */
        if (i > start && i + 1 < b && in_exact(d, d->nm->org_legal, i) && is_cap(d, i + 1) &&
            !in_exact(d, d->nm->org_legal, i + 1)) {
            if (push_part(d, rs, start, i + 1, title_a, title_b)) return WHOSAID_ENOMEM;
            title_a = title_b = 0;
            start = ++i;
            after_legal = rs->n;
            continue;
        }
        size_t tk = title_starting_at(d, i, b);
        /* A title that ends the run names nobody after it: "Ben Player",
         * "Tom Judge" are names (a run that is all title stays a title). */
        if (tk && i > a && i + tk == b) tk = 0;
        /* "General Motors Corporation", "General Assembly": a one-word
         * title opening a run that ends in an organization's head word is
         * the first word of that organization's name. */
        if (tk == 1 && i == a && !k && i + 1 < b && in_exact(d, d->nm->org_words, b - 1) &&
            !looks_like_person(d, i + 1, b) && !has_connector(d, i + 1, b))
            tk = 0;
        if (tk == 0) {
            i++;
            continue;
        }
        if (i > start && push_part(d, rs, start, i, title_a, title_b)) return WHOSAID_ENOMEM;
        title_a = i;
        title_b = i + tk;
        i += tk;
        /* "Secretary of the New Jersey Department ...": the name starts after "of the". */
        while (i < b && (is_connector(d, i) || tok_is(d, i, "the")))
            i++;
        start = i;
    }
    if (start < b && push_part(d, rs, start, b, title_a, title_b)) return WHOSAID_ENOMEM;
    /* The part after a legal form: "Chrysler LLC Jim Press" is a person
     * even though "Press" ends newspapers' names. */
    if (after_legal && after_legal < rs->n) rs->v[after_legal].after_legal = 1;
    return 0;
}

static int find_runs(const doc *d, runs *rs)
{
    for (size_t i = 0; i < d->t->n;) {
        if (is_callsign(d, i)) {
            size_t a = i > 0 && is_callsign_run(d, i - 1, i + 1) ? i - 1 : i;
            if (runs_push(rs, (run){.a = a, .b = i + 1, .type = NONE})) return WHOSAID_ENOMEM;
            i++;
            continue;
        }
        if (!is_cap(d, i) || is_acronym_plural(d, i)) {
            i++;
            continue;
        }
        size_t b = run_end(d, i);
        if (push_parts(d, rs, i, b)) return WHOSAID_ENOMEM;
        i = b;
    }
    return 0;
}

/* ---- typing ----------------------------------------------------------- */

static int followed_by_cue(const doc *d, size_t b)
{
    size_t i = b;
    if (i < d->t->n && tok_is(d, i, ",")) return 0;
    if (i < d->t->n && (d->t->v[i].flags & WHOSAID_TOK_WORD) && in_lower(d, d->nm->cue_verbs, i))
        return 1;
    return 0;
}

/* The word of token i is written in lower case somewhere in the document
 * ("the regulator said" beside "Regulator says"): a common noun, whatever
 * the word list lacks. Asked rarely (a lone capitalized word opening a
 * sentence before a speech verb), so the first questions of a document
 * scan its tokens; past a few, its lower-case words go into a map once,
 * so a document costs a few passes at most. */
static int used_in_lower_case(const doc *d, size_t i)
{
    whosaid_names *nm = d->nm;
    if (nm->lower_gen != nm->gen) {
        nm->lower_gen = nm->gen;
        nm->lower_asked = 0;
    }
    size_t n = tok_len(d, i);
    if (nm->lower_asked < 4) {
        nm->lower_asked++;
        for (size_t k = 0; k < d->t->n; k++) {
            uint32_t f = d->t->v[k].flags;
            if ((f & WHOSAID_TOK_LOWER) && (f & WHOSAID_TOK_WORD) && tok_len(d, k) == n &&
                strncasecmp(tok_s(d, k), tok_s(d, i), n) == 0)
                return 1;
        }
        return 0;
    }
    if (nm->lower_asked == 4) {
        nm->lower_asked++;
        if (whosaid_hashmap_clear(nm->doc_lower)) return 0;
        for (size_t k = 0; k < d->t->n; k++) {
            uint32_t f = d->t->v[k].flags;
            if ((f & WHOSAID_TOK_LOWER) && (f & WHOSAID_TOK_WORD) &&
                whosaid_hashmap_put(nm->doc_lower, tok_s(d, k), tok_len(d, k), 1) < 0)
                return 0;
        }
    }
    /* the map holds the words as written (lower-case), so the lower-cased key */
    return in_lower(d, nm->doc_lower, i);
}

/* "Water UK said", "Universities UK, which represents ...", "Insurance
 * Europe spokesperson": capitalized common nouns before a place that ends
 * the run (org-words.txt "region") name an organization when it speaks,
 * is described or has a spokesperson. Without that, "Rural America" or
 * "Mainland UK" stay places. */
static int role_after(const doc *d, size_t b);
static int all_common(const doc *d, size_t a, size_t b);
static int is_direction(const doc *d, size_t i);
static int region_org(const doc *d, size_t a, size_t b)
{
    if (b - a < 2 || b - a > 4 || !in_exact(d, d->nm->org_region, b - 1)) return 0;
    for (size_t i = a; i + 1 < b; i++)
        if (!(d->t->v[i].flags & WHOSAID_TOK_CAP) || (d->t->v[i].flags & WHOSAID_TOK_ALLCAPS) ||
            is_direction(d, i))
            return 0;
    if (!all_common(d, a, b - 1)) return 0;
    int relative = b + 1 < d->t->n && tok_is(d, b, ",") &&
                   (tok_is(d, b + 1, "which") || tok_is(d, b + 1, "who"));
    return followed_by_cue(d, b) || relative || role_after(d, b);
}

static int preceded_by_place_preposition(const doc *d, size_t a)
{
    /* Not "to": "according to X", "told to X" say nothing about places. */
    static const char *const preps[] = {"in",      "at",     "near",       "from", "across",
                                        "outside", "around", "throughout", NULL};
    if (a == 0) return 0;
    for (const char *const *p = preps; *p; p++)
        if (tok_is(d, a - 1, *p)) return 1;
    return 0;
}

static int all_common(const doc *d, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!is_connector(d, i) && !in_lower(d, d->nm->common, i)) return 0;
    return 1;
}

static int is_calendar_word(const doc *d, size_t i)
{
    struct tokkey *k = tokkey_of(d, i);
    if (!(k->have & HAVE_CAL)) {
        k->cal = whosaid_calendar_month(d->nm->cal, tok_s(d, i), tok_len(d, i)) ||
                 whosaid_calendar_weekday(d->nm->cal, tok_s(d, i), tok_len(d, i));
        k->have |= HAVE_CAL;
    }
    return k->cal;
}

static int all_not_names(const doc *d, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!in_exact(d, d->nm->not_names, i) && !is_calendar_word(d, i)) return 0;
    return 1;
}

/* A word that could be part of a name nobody listed: capitalized (not an
 * acronym), not an ordinary word, not a month. */
static int has_digit(const doc *d, size_t i)
{
    for (size_t k = 0; k < tok_len(d, i); k++)
        if (tok_s(d, i)[k] >= '0' && tok_s(d, i)[k] <= '9') return 1;
    return 0;
}

static int name_like(const doc *d, size_t i)
{
    uint32_t f = d->t->v[i].flags;
    return (f & WHOSAID_TOK_CAP) && !(f & WHOSAID_TOK_ALLCAPS) && !has_digit(d, i) &&
           !in_lower(d, d->nm->common, i) && !in_exact(d, d->nm->not_names, i) &&
           !is_calendar_word(d, i);
}

static int is_direction(const doc *d, size_t i)
{
    static const char *const words[] = {
        "North",     "South",     "East",      "West",      "Northern", "Southern",
        "Eastern",   "Western",   "Central",   "Upper",     "Lower",    "Greater",
        "Northeast", "Northwest", "Southeast", "Southwest", NULL};
    for (const char *const *w = words; *w; w++)
        if (tok_is(d, i, *w)) return 1;
    return 0;
}

/* "Falcons", "Dockers": capitalized, ends in a plural s. */
static int is_plural_name(const doc *d, size_t i)
{
    size_t n = tok_len(d, i);
    return n > 3 && tok_s(d, i)[n - 1] == 's' && (d->t->v[i].flags & WHOSAID_TOK_CAP) &&
           !(d->t->v[i].flags & WHOSAID_TOK_ALLCAPS) && !in_exact(d, d->nm->not_names, i);
}

static int all_name_like(const doc *d, size_t a, size_t b)
{
    if (a >= b || b - a > 3) return 0;
    for (size_t i = a; i < b; i++)
        if (!name_like(d, i)) return 0;
    return 1;
}

/* whosaid_gazetteer_match at token i, remembered for the next call. */
static size_t gaz_match(const doc *d, size_t i, whosaid_gaz_entry *e, whosaid_buf *scratch)
{
    whosaid_names *nm = d->nm;
    if (nm->gz_gen != nm->gen || nm->gz_i != i) {
        nm->gz_k = whosaid_gazetteer_match(d->gaz, d->text, d->t, i, &nm->gz_e, scratch);
        nm->gz_i = i;
        nm->gz_gen = nm->gen;
    }
    if (nm->gz_k) *e = nm->gz_e;
    return nm->gz_k;
}

/* Tokens after the leading gazetteer entry (a country, a demonym): "Chinese IP". */
static size_t gazetteer_prefix(const doc *d, size_t a, size_t b, whosaid_buf *scratch)
{
    whosaid_gaz_entry e;
    size_t k = gaz_match(d, a, &e, scratch);
    return k < b - a ? k : 0;
}

static int has_org_word(const doc *d, size_t a, size_t b)
{
    if (b - a < 2) return 0; /* "Communications" alone is just a word */
    if (in_exact(d, d->nm->org_words, b - 1) || in_exact(d, d->nm->org_first, a)) return 1;
    /* "Ministry of Foreign Affairs", "University of Montpellier" */
    for (size_t i = a; i + 1 < b; i++)
        if (in_exact(d, d->nm->org_words, i) && (tok_is(d, i + 1, "of") || org_connector(d, i + 1)))
            return 1;
    return 0;
}

static int has_loc_word(const doc *d, size_t a, size_t b)
{
    if (b - a < 2) return 0;
    if (in_exact(d, d->nm->loc_last, b - 1)) return 1;
    for (size_t k = 1; k <= 2 && a + k < b; k++)
        if (span_in(d, d->nm->loc_first, a, a + k, 0)) return 1;
    return 0;
}

static int looks_like_person(const doc *d, size_t a, size_t b)
{
    size_t n = b - a;
    /* ALL-CAPS is an acronym ("SIA", "KIM" as a company) or a headline. */
    if (n > 4 || (d->t->v[a].flags & WHOSAID_TOK_ALLCAPS)) return 0;
    if (in_lower(d, d->nm->first_names, a) && !is_calendar_word(d, a)) return 1;
    /* "Hong Lei", "Park Jae-moon": family name first. */
    if (n >= 2 && n <= 3 && in_exact(d, d->nm->surnames, a)) return 1;
    return 0;
}

/* An event, award, work or group of people, not a PER/ORG/LOC name:
 * "Stanley Cup", "Pan American Games", "Battle of Gettysburg", "Hindu
 * Brahmins" (misc-words.txt). */
static int is_misc(const doc *d, size_t a, size_t b)
{
    if (in_exact(d, d->nm->misc_last, b - 1)) return 1;
    for (size_t k = 1; k <= 2 && a + k < b; k++)
        if (span_in(d, d->nm->misc_first, a, a + k, 0)) return 1;
    return 0;
}

/* "the Bruins", "the Devil Rays", "the Ramones": capitalized words ending
 * in a plural, after "the" in running text, name a team or a band (places
 * such as "the Netherlands" are gazetteer entries and never get here). */
static int is_team_plural(const doc *d, size_t a, size_t b)
{
    if (a == 0 || b - a > 3 || !is_plural_name(d, b - 1)) return 0;
    if (in_exact(d, d->nm->loc_last, b - 1)) return 0;
    /* A capital "The" inside a sentence is part of the name: "bands like The Ramones". */
    return tok_is(d, a - 1, "the") || tok_is(d, a - 1, "The");
}

/* "the town of Bridgton", "the village of Atwick": a place noun and "of"
 * right before the run (location-words.txt, kind before). */
static int after_place_noun(const doc *d, size_t a)
{
    if (a < 2 || !tok_is(d, a - 1, "of")) return 0;
    for (size_t k = 1; k <= 2 && k + 1 <= a; k++)
        if (span_in(d, d->nm->loc_before, a - 1 - k, a - 1, 1)) return 1;
    return 0;
}

/* "Paxton, Illinois", "Cosham, Hampshire": the run, a comma and a known
 * state or country that ends the clause is a place in that region. */
static int before_region(const doc *d, size_t b, whosaid_buf *scratch)
{
    if (b + 1 >= d->t->n || !tok_is(d, b, ",")) return 0;
    whosaid_gaz_entry e;
    size_t k = gaz_match(d, b + 1, &e, scratch);
    if (!k || (strcmp(e.type, "LOCATION") != 0 && strcmp(e.type, "COUNTRY") != 0) ||
        strstr(e.attrs, "demonym=true"))
        return 0;
    size_t after = b + 1 + k;
    if (after >= d->t->n || (d->t->v[after].flags & WHOSAID_TOK_NEWLINE)) return 1;
    if (d->t->v[after].flags & WHOSAID_TOK_POSSESSIVE) return 0;
    return tok_is(d, after, ",") || tok_is(d, after, ".") || tok_is(d, after, ";") ||
           tok_is(d, after, ")") || tok_is(d, after, ":") || tok_is(d, after, "(");
}

/* A team's name after its city: "Vancouver Canucks", "Montreal HC",
 * "Ottawa 67s" (the place is g tokens long). */
static int team_after_place(const doc *d, size_t a, size_t b, size_t g)
{
    if (!g || in_exact(d, d->nm->loc_last, b - 1)) return 0;
    if (is_plural_name(d, b - 1)) return 1;
    if (b - (a + g) != 1) return 0;
    uint32_t f = d->t->v[b - 1].flags;
    /* "Montreal HC", "Sunderland A.F.C." */
    if ((f & WHOSAID_TOK_ALLCAPS) && tok_len(d, b - 1) <= 6 &&
        !in_exact(d, d->nm->not_names, b - 1))
        return 1;
    size_t n = tok_len(d, b - 1);
    return (f & WHOSAID_TOK_NUM) && n >= 2 && tok_s(d, b - 1)[n - 1] == 's';
}

/* Whether [a, b) is exactly one gazetteer entry (the gazetteer tags it). */
static int is_gazetteer_entry(const doc *d, size_t a, size_t b, whosaid_buf *scratch)
{
    whosaid_gaz_entry e;
    return gaz_match(d, a, &e, scratch) == b - a;
}

/* A context phrase of map (lower-cased, 1-3 tokens) right before token a,
 * an article between them allowed: "the band X", "signed with the X". */
static int context_before(const doc *d, whosaid_hashmap *map, size_t a)
{
    size_t e = a;
    if (e > 0 && (tok_is(d, e - 1, "the") || tok_is(d, e - 1, "The"))) e--;
    for (size_t k = 1; k <= 3 && k <= e; k++) {
        if (!(d->t->v[e - k].flags & WHOSAID_TOK_WORD)) break;
        if (span_in(d, map, e - k, e, 1)) return 1;
    }
    return 0;
}

/* A context phrase of map (1-2 lower-case words) right after the run: "X fans". */
static int context_after(const doc *d, whosaid_hashmap *map, size_t b)
{
    for (size_t k = 1; k <= 2 && b + k <= d->t->n; k++) {
        if (!(d->t->v[b + k - 1].flags & WHOSAID_TOK_WORD) || is_cap(d, b + k - 1)) break;
        if (span_in(d, map, b, b + k, 1)) return 1;
    }
    return 0;
}

/* "Kremlin spokesman Dmitry Peskov", "Uralsib analyst Chris Weafer": a role
 * of org-words.txt (kind role) right after the name, then a capitalized
 * name: the name is that person's organization. */
static int role_after(const doc *d, size_t b)
{
    for (size_t k = 1; k <= 2 && b + k < d->t->n; k++) {
        if (!(d->t->v[b + k - 1].flags & WHOSAID_TOK_WORD)) break;
        if (span_in(d, d->nm->org_role, b, b + k, 1)) return is_cap(d, b + k);
    }
    return 0;
}

/* "played for Footscray", "signed with Lausanne", "a Melbourne player": a
 * place's name that stands for its team (org-words.txt, kinds before-place
 * and after). Countries are left alone: their national sides are places in
 * news usage ("Brazil beat Germany"). */
static int place_team_context(const doc *d, size_t a, size_t b, whosaid_buf *scratch)
{
    whosaid_gaz_entry e;
    if (gaz_match(d, a, &e, scratch) != b - a || strcmp(e.type, "LOCATION") != 0) return 0;
    return context_before(d, d->nm->org_place, a) || context_after(d, d->nm->org_after, b);
}

/* "is a private, Roman Catholic high school", "a general hospital": a
 * title that is also an ordinary word, with more of the definition after
 * it, is an adjective, not the head that makes the name a person's. */
static int title_modifier(const doc *d, size_t k, const char *const *stops)
{
    if (!in_lower(d, d->nm->common, k) || k + 1 >= d->t->n) return 0;
    const whosaid_token *nx = &d->t->v[k + 1];
    if (nx->flags & WHOSAID_TOK_NEWLINE) return 0;
    if (tok_is(d, k + 1, ",")) return 1;
    /* "a Romanian official said": a verb after it, the title is the head. */
    if (!(nx->flags & WHOSAID_TOK_WORD) || in_lower(d, d->nm->cue_verbs, k + 1)) return 0;
    for (const char *const *st = stops; *st; st++)
        if (tok_is(d, k + 1, *st)) return 0;
    return 1;
}

/* "Bilje is a village in ...", "Crazyhead are an English punk band",
 * "Nyrstar, a zinc producer, said": the run, a copula or a comma, an
 * article, and within five words the head noun of the definition, before
 * any preposition or punctuation. The head's list gives the type (head
 * kinds of org-words, location-words, misc-words; titles for people). */
static int definition_type(const doc *d, size_t b)
{
    static const char *const copulas[] = {"is", "are", "was", "were", NULL};
    static const char *const stops[] = {"of",   "in",   "on",    "at",  "for", "from", "by",
                                        "with", "that", "which", "who", "and", "or",   NULL};
    size_t i = b, n = d->t->n;
    int comma = i < n && tok_is(d, i, ",");
    if (comma) i++;
    if (!comma) {
        const char *const *c = copulas;
        while (*c && !tok_is(d, i, *c))
            c++;
        if (!*c) return NONE;
        i++;
    }
    if (!(tok_is(d, i, "a") || tok_is(d, i, "an"))) return NONE;
    /* Eight words: "an English punk rock / garage rock band". */
    for (size_t k = ++i; k < n && k < i + 8; k++) {
        const whosaid_token *tk = &d->t->v[k];
        if (tok_is(d, k, "-") || tok_is(d, k, "/")) continue;
        if (!(tk->flags & WHOSAID_TOK_WORD) || (tk->flags & WHOSAID_TOK_NEWLINE)) break;
        const char *const *st = stops;
        while (*st && !tok_is(d, k, *st))
            st++;
        if (*st) break;
        if (in_lower(d, d->nm->org_head, k)) return ORG;
        if (in_lower(d, d->nm->loc_head, k)) return LOCATION;
        if (in_lower(d, d->nm->misc_head, k)) return MISC;
        if (in_lower(d, d->nm->titles, k) && !title_modifier(d, k, stops)) return PERSON;
    }
    return NONE;
}

/* A country or a continent, not its demonym: towns are too often
 * surnames too ("LeRoi Moore", "Rui Gomez Pereira"). */
static int is_country_like(const whosaid_gaz_entry *e)
{
    if (strstr(e->attrs, "demonym=true")) return 0;
    return strcmp(e->type, "COUNTRY") == 0 ||
           (strcmp(e->type, "LOCATION") == 0 && strstr(e->attrs, "kind=continent"));
}

/* "Garuda Indonesia", "Intercord Japan", "EADS North America": a known
 * country or place ending a run after one or two words that are no
 * ordinary words, no person's and no place's name is a company's branch
 * or a firm named after its market, not the place ("Michael Jordan" is a
 * person, "Tirana Albania" two places, "Obama Visits Kenya" a headline). */
static int place_last_org(const doc *d, size_t a, size_t b, size_t g, whosaid_buf *scratch)
{
    /* "Toyota Australia", "BBC Wales": a known organization's branch. */
    if (g) {
        whosaid_gaz_entry e;
        if (gaz_match(d, a, &e, scratch) != g || strcmp(e.type, "ORG") != 0) return 0;
        if (gaz_match(d, a + g, &e, scratch) != b - a - g) return 0;
        return is_country_like(&e);
    }
    for (size_t i = a + 1; i < b && i - a <= 2; i++) {
        whosaid_gaz_entry e;
        if (gaz_match(d, i, &e, scratch) != b - i) continue;
        if (!is_country_like(&e)) return 0;
        /* "SEOUL JAPAN": an all-caps headline or dateline. */
        if ((d->t->v[a].flags & WHOSAID_TOK_ALLCAPS) && (d->t->v[i].flags & WHOSAID_TOK_ALLCAPS))
            return 0;
        for (size_t j = a; j < i; j++) {
            uint32_t f = d->t->v[j].flags;
            if (!(f & WHOSAID_TOK_CAP) || has_digit(d, j) || in_lower(d, d->nm->common, j) ||
                in_exact(d, d->nm->not_names, j) || is_calendar_word(d, j) || is_direction(d, j) ||
                title_starting_at(d, j, j + 1))
                return 0;
        }
        return !looks_like_person(d, a, i);
    }
    return 0;
}

/* The gazetteer entry at token a is an organization whose canonical name
 * is its own first word: "Ford Motor Company" (Ford), "Apple Inc.". */
static int is_short_org(const doc *d, size_t a, whosaid_buf *scratch)
{
    whosaid_gaz_entry e;
    return gaz_match(d, a, &e, scratch) >= 2 && strcmp(e.type, "ORG") == 0 &&
           strlen(e.canonical) == tok_len(d, a) &&
           memcmp(e.canonical, tok_s(d, a), tok_len(d, a)) == 0;
}

static int type_run_inner(const doc *d, run *r, whosaid_buf *scratch)
{
    size_t a = r->a, b = r->b;
    r->weak = r->over_places = r->short_org = r->cue = 0;
    /* "However China ...", "After Merkel ...": a capital that only marks
     * the sentence start is no name. A closed-class opener always goes; an
     * ordinary word only when it stands alone ("Fourth Air Force" stays). */
    int sent_start = (d->t->v[a].flags & WHOSAID_TOK_SENT_START) && r->title_b == 0;
    if (sent_start && (in_exact(d, d->nm->starters, a) ||
                       (b - a == 1 && in_lower(d, d->nm->common, a) &&
                        !in_lower(d, d->nm->first_names, a) && !in_exact(d, d->nm->surnames, a)))) {
        a++;
        while (a < b && (is_connector(d, a) || tok_is(d, a, "the")))
            a++;
        r->stripped = 1;
    }
    /* Names are written without their article: "(The) Associated Press". */
    while (a < b && a + 1 < b && tok_is(d, a, "The"))
        a++;
    r->a = a;
    if (a >= b || all_not_names(d, a, b)) return NONE;
    /* "broadcast on 6PR", "sister stations 3AW", "6PR is a radio station";
     * elsewhere the same sign takes the type seen here. */
    if (is_callsign_run(d, a, b))
        return context_before(d, d->nm->org_before, a) || definition_type(d, b) == ORG ? ORG : NONE;
    if (is_gazetteer_entry(d, a, b, scratch)) {
        r->short_org = b - a >= 2 && is_short_org(d, a, scratch);
        if (!place_team_context(d, a, b, scratch)) return NONE;
        r->over_places = 1;
        return ORG;
    }
    if (is_misc(d, a, b)) return MISC;
    int def = definition_type(d, b);
    if (def != NONE) return def;
    size_t n = b - a;
    size_t g = gazetteer_prefix(d, a, b, scratch);
    /* "(President of the) United States Barack Obama": the place, then the person. */
    if (g && (looks_like_person(d, a + g, b) || (r->title_b && all_name_like(d, a + g, b)))) {
        r->a = a + g;
        return PERSON;
    }
    if (r->after_legal && looks_like_person(d, a, b) && b - a >= 2) return PERSON;
    if (has_org_word(d, a, b)) return ORG;
    if (!r->title_b && role_after(d, b) && !looks_like_person(d, a, b)) return ORG;
    if (!r->title_b && region_org(d, a, b)) return ORG;
    /* After a known place: "Bowling Green Falcons", "St. Louis Eagles" are
     * teams; "Chinese IP", "Seoul officials" are a name and a word. */
    if (team_after_place(d, a, b, g)) return ORG;
    /* "the band Spirit", "signed with Coburg", "Footscray fans": the context
     * names an organization, unless the run is plainly a person's name. */
    if ((context_before(d, d->nm->org_before, a) || context_before(d, d->nm->org_place, a) ||
         context_after(d, d->nm->org_after, b)) &&
        !(n >= 2 && looks_like_person(d, a, b)) && first_split(d, a, b) == b)
        return ORG;
    if (has_loc_word(d, a, b)) return LOCATION;
    if (!r->title_b && is_team_plural(d, a, b)) return ORG;
    if (!r->title_b && n <= 3 && (after_place_noun(d, a) || before_region(d, b, scratch)))
        return LOCATION;
    /* "East Perth", "West Jersey", "Northern Ireland": a direction, then a place. */
    if (n >= 2 && is_direction(d, a)) {
        whosaid_gaz_entry e;
        size_t k = gaz_match(d, a + 1, &e, scratch);
        if (k == n - 1 && (strcmp(e.type, "LOCATION") == 0 || strcmp(e.type, "COUNTRY") == 0))
            return LOCATION;
    }
    if (!r->title_b && place_last_org(d, a, b, g, scratch)) return ORG;
    if (g && (all_not_names(d, a + g, b) || all_common(d, a + g, b))) return NONE;
    /* "Airbus A380", "Boeing 787": a maker and a model. */
    if (g && has_digit(d, b - 1)) return NONE;
    if (r->title_b) return PERSON;
    /* "from Harrison to Bridgton", "in Coleman": a lone given name after a
     * place preposition is a town, unless the article names such a person
     * (checked once the whole document is typed). */
    if (n == 1 && preceded_by_place_preposition(d, a) && !followed_by_cue(d, b) &&
        !(b < d->t->n && (d->t->v[b].flags & WHOSAID_TOK_POSSESSIVE)) &&
        in_lower(d, d->nm->first_names, a)) {
        r->weak = 1;
        return LOCATION;
    }
    if (looks_like_person(d, a, b)) {
        r->weak = n == 1; /* a lone given name: "Orlando", "Chelsea" */
        return PERSON;
    }
    /* "Engineer John Greiner", "County Coroner William McLaughlin": ordinary
     * capitalized words (a role nobody listed), then a person. */
    for (size_t i = a + 1; i + 1 < b && i - a <= 3; i++) {
        if (!in_lower(d, d->nm->common, i - 1) || is_connector(d, i - 1)) break;
        if (looks_like_person(d, i, b) && !in_lower(d, d->nm->common, i + 1)) {
            r->a = i;
            return PERSON;
        }
    }
    if (all_common(d, a, b)) return NONE;
    if (n <= 3 && followed_by_cue(d, b) && !(d->t->v[a].flags & WHOSAID_TOK_ALLCAPS)) {
        /* "Regulator says ..." opening a standfirst, "the regulator" later: a
         * common noun, not a speaker's name */
        if (n == 1 && sent_start && !in_lower(d, d->nm->first_names, a) &&
            !in_exact(d, d->nm->surnames, a) && used_in_lower_case(d, a))
            return NONE;
        r->cue = 1; /* an organization speaks too: "Halvorsen said" */
        return PERSON;
    }
    if (n == 1 && (d->t->v[a].flags & WHOSAID_TOK_ALLCAPS) && tok_len(d, a) <= 6) return ORG;
    /* The weakest evidence: a type seen elsewhere in the article wins. */
    r->weak = 1;
    if (n <= 3 && preceded_by_place_preposition(d, a)) return LOCATION;
    /* Two or three name-like words nobody listed: most often a person. */
    if (n >= 2 && n <= 3 && !g) {
        for (size_t i = a; i < b; i++)
            if (!name_like(d, i)) return NONE;
        return PERSON;
    }
    return NONE;
}

/* Where a run that is no name as a whole splits: its first "of", or an
 * "&" between two people ("David Christison & Lee Tate"); b if nowhere. */
static size_t first_split(const doc *d, size_t a, size_t b)
{
    for (size_t i = a + 1; i + 1 < b; i++)
        if (tok_is(d, i, "of") ||
            (tok_is(d, i, "&") && looks_like_person(d, a, i) && looks_like_person(d, i + 1, b)))
            return i;
    return b;
}

/* "at The Hockey News", "division of The Disabilities Trust": a
 * capitalized "The" inside a sentence belongs to an organization's name.
 * "Fellow of the American Physical Society": a person's standing in an
 * organization is not part of its name. */
static int type_run(const doc *d, run *r, whosaid_buf *scratch)
{
    size_t a0 = r->a;
    int type = type_run_inner(d, r, scratch);
    if (type != ORG) return type;
    size_t of = first_split(d, r->a, r->b);
    if (of < r->b && tok_is(d, of, "of") && all_common(d, r->a, of) &&
        !has_org_word(d, r->a, of + 2)) {
        size_t rest = of + 1;
        while (rest < r->b && tok_is(d, rest, "the"))
            rest++;
        if (rest < r->b && has_org_word(d, rest, r->b)) r->a = rest;
    } else if (r->a == a0 + 1 && tok_is(d, a0, "The") &&
               !(d->t->v[a0].flags & WHOSAID_TOK_SENT_START)) {
        r->a = a0;
    }
    return type;
}

/* ---- output ----------------------------------------------------------- */

static const run *company_of(const doc *d, size_t a, size_t b);

static int propose(const doc *d, const run *r, int type, whosaid_cands *out)
{
    size_t s = d->t->v[r->a].start, e = d->t->v[r->b - 1].end;
    /* A company's short name has its full name as canonical, so
     * whosaid-resolve links the two. */
    const run *full = type == ORG ? company_of(d, r->a, r->b) : NULL;
    size_t cs = full ? d->t->v[full->a].start : s, ce = full ? d->t->v[full->b - 1].end : e;
    json_t *attrs = json_object();
    if (!attrs || json_object_set_new(attrs, "canonical", json_stringn(d->text + cs, ce - cs)))
        goto fail;
    if (type == PERSON && r->title_b) {
        size_t ts = d->t->v[r->title_a].start, te = d->t->v[r->title_b - 1].end;
        if (json_object_set_new(attrs, "role", json_stringn(d->text + ts, te - ts))) goto fail;
    }
    /* A place's team must beat the place's gazetteer entry of the same
     * extent, and a call sign the number rules that read "6PR" as a count. */
    int prio = r->over_places || is_callsign_run(d, r->a, r->b) ? WHOSAID_NAMES_TEAM_PRIORITY
                                                                : WHOSAID_NAMES_PRIORITY;
    whosaid_cand c = {s, e, TYPE_NAME[type], prio, 0, 1L << 40, "heuristic:names", 0, attrs, 0, 0};
    return whosaid_cands_push(out, c);
fail:
    json_decref(attrs);
    return WHOSAID_ENOMEM;
}

/* Words of the people named in full, so a lone "Hong" or "Park" later (or
 * earlier) is that person. */
static int remember_people(const doc *d, const runs *rs)
{
    for (size_t k = 0; k < rs->n; k++) {
        const run *r = &rs->v[k];
        if (r->type != PERSON || r->b - r->a < 2) continue;
        for (size_t i = r->a; i < r->b; i++)
            if (is_cap(d, i) &&
                whosaid_hashmap_put(d->nm->doc_people, tok_s(d, i), tok_len(d, i), 1) < 0)
                return WHOSAID_ENOMEM;
    }
    return 0;
}

/* A doc_names value: the type, WEAK_BIT, and for a company's short name
 * the run (index + 1) of its full name, or AMBIGUOUS_CO for two companies. */
#define TYPE_MASK ((uint64_t)0xff)
#define WEAK_BIT ((uint64_t)1 << 8)
#define CO_SHIFT 16
#define AMBIGUOUS_CO ((uint64_t)0xffffffff)

/* "Ford Motor Company ... Ford said": a gazetteer organization whose
 * canonical name is its own first word ("Apple Inc.", "Samsung Group")
 * makes that word alone the organization in the same article. An ordinary
 * word ("Ford", "Time") only where it is capitalized inside a sentence:
 * at a sentence's start it is more often the word. */
static int remember_short_name(const doc *d, const run *r)
{
    size_t a = r->a;
    whosaid_buf *key = &d->nm->raw;
    whosaid_buf_clear(key);
    if (whosaid_tokens_key(d->text, d->t, a, a + 1, key)) return WHOSAID_ENOMEM;
    if (!key->data || whosaid_hashmap_get(d->nm->doc_names, key->data, key->len, NULL)) return 0;
    uint64_t v = (uint64_t)ORG | (in_lower(d, d->nm->common, a) ? WEAK_BIT : 0);
    return whosaid_hashmap_put(d->nm->doc_names, key->data, key->len, v) < 0 ? WHOSAID_ENOMEM : 0;
}

/* Organizations and places typed by their shape, so the same name where
 * nothing shows its type takes it too; a team's nickname stands for the
 * team ("Texas Longhorns" ... "the Longhorns" ... "Three Longhorns"). */
static int remember_names(const doc *d, const runs *rs)
{
    whosaid_buf *key = &d->nm->raw;
    for (size_t k = 0; k < rs->n; k++) {
        const run *r = &rs->v[k];
        if (r->type == NONE && r->short_org && remember_short_name(d, r)) return WHOSAID_ENOMEM;
        if ((r->type != ORG && r->type != LOCATION) || r->b <= r->a) continue;
        /* "Australian League of Rights" ... "the League": the head words of
         * an organization named in full, under a key no name can have. */
        for (size_t i = r->a; r->type == ORG && !r->weak && r->b - r->a >= 2 && i < r->b; i++) {
            if (!in_exact(d, d->nm->org_words, i)) continue;
            whosaid_buf_clear(key);
            if (whosaid_buf_append(key, "\x01", 1) ||
                whosaid_buf_append(key, tok_s(d, i), tok_len(d, i)) ||
                whosaid_hashmap_put(d->nm->doc_names, key->data, key->len, ORG) < 0)
                return WHOSAID_ENOMEM;
        }
        size_t from[2] = {r->a, r->b - 1};
        int n = r->type == ORG && r->b - r->a >= 2 && is_plural_name(d, r->b - 1) ? 2 : 1;
        for (int i = 0; i < n; i++) {
            whosaid_buf_clear(key);
            if (whosaid_tokens_key(d->text, d->t, from[i], r->b, key)) return WHOSAID_ENOMEM;
            /* A type from weak evidence never replaces one from strong evidence. */
            uint64_t old = 0;
            if (r->weak && whosaid_hashmap_get(d->nm->doc_names, key->data, key->len, &old) &&
                !(old & WEAK_BIT))
                continue;
            uint64_t v = (uint64_t)r->type | (r->weak ? WEAK_BIT : 0);
            if (whosaid_hashmap_put(d->nm->doc_names, key->data, key->len, v) < 0)
                return WHOSAID_ENOMEM;
        }
    }
    return 0;
}

/* Puts [x, y) as the short name of the company of run k. A known name
 * (a place, a demonym: "American Capital") or a type other than ORG
 * already seen there is left alone; two companies sharing it link neither. */
static int put_short_name(const doc *d, const runs *rs, size_t k, size_t x, size_t y,
                          whosaid_buf *scratch)
{
    if (is_gazetteer_entry(d, x, y, scratch) || all_not_names(d, x, y) ||
        (y - x == 1 && in_exact(d, d->nm->doc_people, x)))
        return 0;
    whosaid_buf *key = &d->nm->raw;
    whosaid_buf_clear(key);
    if (whosaid_tokens_key(d->text, d->t, x, y, key) || !key->data) return WHOSAID_ENOMEM;
    uint64_t old = 0, co = k + 1;
    int had = whosaid_hashmap_get(d->nm->doc_names, key->data, key->len, &old);
    if (had && (old & TYPE_MASK) != ORG) return 0;
    /* An ordinary word ("Apple", "Summit") stands for the company only
     * inside a sentence, as remember_short_name does. */
    uint64_t weak = had ? old & WEAK_BIT : all_common(d, x, y) ? WEAK_BIT : 0;
    uint64_t prev = had ? (old >> CO_SHIFT) & AMBIGUOUS_CO : 0;
    if (prev == AMBIGUOUS_CO) return 0;
    if (prev && prev != co) {
        const run *p = &rs->v[prev - 1], *r = &rs->v[k];
        size_t ps = d->t->v[p->a].start, pe = d->t->v[p->b - 1].end;
        size_t s = d->t->v[r->a].start, e = d->t->v[r->b - 1].end;
        co =
            pe - ps == e - s && memcmp(d->text + ps, d->text + s, e - s) == 0 ? prev : AMBIGUOUS_CO;
    }
    uint64_t v = (uint64_t)ORG | weak | (co << CO_SHIFT);
    return whosaid_hashmap_put(d->nm->doc_names, key->data, key->len, v) < 0 ? WHOSAID_ENOMEM : 0;
}

/* "Halvorsen Semiconductor Inc" ... "Halvorsen said": an organization
 * whose name ends in a legal form or a company head (org-words.txt, kinds
 * legal and corp) is named by the words before those ("Halvorsen
 * Semiconductor"), and by their first word when that is no ordinary word,
 * no given name and no title ("Goldman Sachs Group" -> "Goldman"). */
static int remember_companies(const doc *d, const runs *rs, whosaid_buf *scratch)
{
    for (size_t k = 0; k < rs->n; k++) {
        const run *r = &rs->v[k];
        if (r->type != ORG || r->weak || r->b - r->a < 2) continue;
        size_t e = r->b;
        while (e > r->a &&
               (in_exact(d, d->nm->org_legal, e - 1) || in_exact(d, d->nm->org_corp, e - 1) ||
                tok_is(d, e - 1, ".") || tok_is(d, e - 1, ",") || is_connector(d, e - 1)))
            e--;
        if (e == r->b || e == r->a) continue;
        /* A head word left inside ("Bank of America Corp") is no short name. */
        if (in_exact(d, d->nm->org_words, e - 1) || in_exact(d, d->nm->org_first, r->a)) continue;
        if (put_short_name(d, rs, k, r->a, e, scratch)) return WHOSAID_ENOMEM;
        if (e - r->a >= 2 && !has_connector(d, r->a, e) && name_like(d, r->a) &&
            !looks_like_person(d, r->a, r->a + 1) && !title_starting_at(d, r->a, r->a + 1) &&
            !is_direction(d, r->a) && put_short_name(d, rs, k, r->a, r->a + 1, scratch))
            return WHOSAID_ENOMEM;
    }
    return 0;
}

/* The full name of the company whose short name is [a, b), or NULL. */
static const run *company_of(const doc *d, size_t a, size_t b)
{
    uint64_t v = 0;
    whosaid_buf *key = &d->nm->raw;
    whosaid_buf_clear(key);
    if (whosaid_tokens_key(d->text, d->t, a, b, key) || !key->data ||
        !whosaid_hashmap_get(d->nm->doc_names, key->data, key->len, &v))
        return NULL;
    uint64_t co = (v >> CO_SHIFT) & AMBIGUOUS_CO;
    if (co == 0 || co == AMBIGUOUS_CO || co > d->nm->rs.n) return NULL;
    const run *full = &d->nm->rs.v[co - 1];
    return full->a == a && full->b == b ? NULL : full;
}

/* The type remembered for [a, b), or NONE; with strong_only, only a type
 * that strong evidence gave. */
static int remembered(const doc *d, size_t a, size_t b, int strong_only)
{
    uint64_t v = NONE;
    whosaid_buf *key = &d->nm->raw;
    whosaid_buf_clear(key);
    if (b <= a || whosaid_tokens_key(d->text, d->t, a, b, key) || !key->data) return NONE;
    whosaid_hashmap_get(d->nm->doc_names, key->data, key->len, &v);
    if (strong_only && (v & WEAK_BIT)) return NONE;
    return (int)(v & TYPE_MASK);
}

/* "the League", "the Party" after "the Australian League of Rights": an
 * organization's head word alone, capitalized after "the", stands for the
 * organization of this article that has it. */
static int refers_to_org(const doc *d, const run *r)
{
    if (r->b - r->a != 1 || r->a == 0 || !in_exact(d, d->nm->org_words, r->a) ||
        !(tok_is(d, r->a - 1, "the") || tok_is(d, r->a - 1, "The")))
        return 0;
    whosaid_buf *key = &d->nm->raw;
    whosaid_buf_clear(key);
    if (whosaid_buf_append(key, "\x01", 1) ||
        whosaid_buf_append(key, tok_s(d, r->a), tok_len(d, r->a)))
        return 0;
    return whosaid_hashmap_get(d->nm->doc_names, key->data, key->len, NULL);
}

/* Token i is an organization noun in the plural: "bands", "companies"
 * (the singular is a head of org-words.txt). */
static int is_org_plural(const doc *d, size_t i)
{
    whosaid_buf *k = &d->nm->key;
    if (i >= d->t->n || !(d->t->v[i].flags & WHOSAID_TOK_LOWER) ||
        lower_key(k, tok_s(d, i), tok_len(d, i)) || k->len < 4 || k->data[k->len - 1] != 's')
        return 0;
    if (whosaid_hashmap_get(d->nm->org_head, k->data, k->len - 1, NULL)) return 1;
    if (k->len > 4 && memcmp(k->data + k->len - 3, "ies", 3) == 0) {
        k->data[k->len - 3] = 'y';
        return whosaid_hashmap_get(d->nm->org_head, k->data, k->len - 2, NULL);
    }
    return 0;
}

static int run_cmp(const void *x, const void *y)
{
    const run *p = x, *q = y;
    return p->a < q->a ? -1 : p->a > q->a ? 1 : p->b < q->b ? -1 : p->b > q->b;
}

/* The run that starts at token a (the runs are sorted), or NULL. */
static run *run_at(runs *rs, size_t a, int by_end)
{
    size_t lo = 0, hi = rs->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t v = by_end ? rs->v[mid].b : rs->v[mid].a;
        if (v < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < rs->n && (by_end ? rs->v[lo].b : rs->v[lo].a) == a ? &rs->v[lo] : NULL;
}

/* A list member is an organization: its type is replaced, and a known
 * place's name ("bands such as Kansas") beats the gazetteer. */
static void make_org(const doc *d, run *r, whosaid_buf *scratch)
{
    if (r->title_b) return; /* "President Smith" stays a person */
    whosaid_gaz_entry e;
    size_t k = r->type == NONE ? gaz_match(d, r->a, &e, scratch) : 0;
    if (k > 0 && k == r->b - r->a) {
        if (strcmp(e.type, "LOCATION") != 0) return;
        r->over_places = 1;
    }
    r->type = ORG;
    r->weak = 0;
}

/* A separator between list members ending at token e (exclusive), going
 * backwards: ",", "and", "or", ", and", "/", "&". Returns its first token, or e. */
static size_t sep_before(const doc *d, size_t e)
{
    if (e == 0) return e;
    size_t i = e - 1;
    if ((tok_is(d, i, "and") || tok_is(d, i, "or")) && i > 0 && tok_is(d, i - 1, ",")) return i - 1;
    if (tok_is(d, i, ",") || tok_is(d, i, "and") || tok_is(d, i, "or") || tok_is(d, i, "/") ||
        tok_is(d, i, "&"))
        return i;
    return e;
}

static size_t sep_after(const doc *d, size_t b)
{
    size_t i = b;
    if (i >= d->t->n) return b;
    if (tok_is(d, i, ",") && i + 1 < d->t->n && (tok_is(d, i + 1, "and") || tok_is(d, i + 1, "or")))
        return i + 2;
    if (tok_is(d, i, ",") || tok_is(d, i, "and") || tok_is(d, i, "or") || tok_is(d, i, "/") ||
        tok_is(d, i, "&"))
        return i + 1;
    return b;
}

/* Capitalized names listed after an organization noun in the plural
 * ("bands such as X, Y and Z", "labels like X", "companies including X")
 * or before one ("X, Y, and several other bands") are organizations,
 * whatever their own shape says. The runs are sorted here. */
#define MAX_LIST 16
static void type_lists(const doc *d, runs *rs, whosaid_buf *scratch)
{
    static const char *const quant[] = {"several", "many", "numerous", "some", "various", NULL};
    if (rs->n > 1) qsort(rs->v, rs->n, sizeof *rs->v, run_cmp); /* v may be NULL when empty */
    for (size_t i = 1; i + 1 < d->t->n; i++) {
        /* Only "such", "like", "including" and "other" start a test below. */
        char c0 = *tok_s(d, i);
        if (c0 != 's' && c0 != 'l' && c0 != 'i' && c0 != 'o') continue;
        /* forwards: "bands such as", "bands like", "bands including" */
        size_t p = 0;
        if (tok_is(d, i, "such") && tok_is(d, i + 1, "as") && is_org_plural(d, i - 1))
            p = i + 2;
        else if ((tok_is(d, i, "like") || tok_is(d, i, "including")) && is_org_plural(d, i - 1))
            p = i + 1;
        for (size_t m = 0; p && m < MAX_LIST && p < d->t->n; m++) {
            if (tok_is(d, p, "the") || tok_is(d, p, "The")) p++;
            run *r = run_at(rs, p, 0);
            if (!r) break;
            make_org(d, r, scratch);
            size_t q = sep_after(d, r->b);
            p = q == r->b ? 0 : q;
        }
        /* backwards: "X, Y, and (several) other bands" */
        if (!tok_is(d, i, "other") || !is_org_plural(d, i + 1)) continue;
        size_t e = i;
        const char *const *q = quant;
        while (*q && !tok_is(d, e - 1, *q))
            q++;
        if (*q) e--;
        if (e == 0 || !(tok_is(d, e - 1, "and") || tok_is(d, e - 1, "or"))) continue;
        e = sep_before(d, e);
        for (size_t m = 0; m < MAX_LIST && e > 0; m++) {
            run *r = run_at(rs, e, 1);
            if (!r) break;
            make_org(d, r, scratch);
            size_t a = r->a;
            if (a > 0 && (tok_is(d, a - 1, "the") || tok_is(d, a - 1, "The"))) a--;
            size_t s2 = sep_before(d, a);
            if (s2 == a) break;
            e = s2;
        }
    }
}

int whosaid_names_propose(whosaid_names *nm, const char *text, const whosaid_tokens *t,
                          const whosaid_gazetteer *gaz, whosaid_cands *out)
{
    doc d = {nm, text, t, gaz};
    runs *rs = &nm->rs;
    whosaid_buf *scratch = &nm->scratch;
    int rc = WHOSAID_ENOMEM;
    rs->n = 0;
    if (t->n > nm->tk_cap) {
        struct tokkey *tk = realloc(nm->tk, t->n * sizeof *tk);
        if (!tk) goto done;
        memset(tk + nm->tk_cap, 0, (t->n - nm->tk_cap) * sizeof *tk);
        nm->tk = tk;
        nm->tk_cap = t->n;
    }
    if (++nm->gen == 0) { /* wrapped: no entry may look current */
        if (nm->tk) memset(nm->tk, 0, nm->tk_cap * sizeof *nm->tk);
        nm->gz_gen = 0;
        nm->gen = 1;
    }
    whosaid_buf_clear(&nm->low);
    /* The per-document maps start empty; clearing keeps their tables, so
     * the next document does not grow them again. */
    if (whosaid_hashmap_clear(nm->doc_people) || whosaid_hashmap_clear(nm->doc_names) ||
        find_runs(&d, rs))
        goto done;
    for (size_t k = 0; k < rs->n; k++) {
        rs->v[k].type = type_run(&d, &rs->v[k], scratch);
        /* "Vancouver Canucks of the PCHL": a run that is no name as a
         * whole may be two joined by "of"; the left part is typed again,
         * the right one joins the list. */
        size_t of = rs->v[k].type == NONE ? first_split(&d, rs->v[k].a, rs->v[k].b) : rs->v[k].b;
        if (of < rs->v[k].b) {
            size_t rest = of + 1, b = rs->v[k].b;
            while (rest < b && tok_is(&d, rest, "the"))
                rest++;
            rs->v[k].b = of;
            if (rest < b && runs_push(rs, (run){.a = rest, .b = b, .type = NONE})) goto done;
            k--;
        }
    }
    type_lists(&d, rs, scratch);
    if (remember_people(&d, rs) || remember_names(&d, rs) || remember_companies(&d, rs, scratch))
        goto done;
    for (size_t k = 0; k < rs->n; k++) {
        run *r = &rs->v[k];
        int type = r->type;
        /* One word that belongs to a person named in this document. */
        if (type == NONE && r->b - r->a == 1 && in_exact(&d, nm->doc_people, r->a)) type = PERSON;
        if (type == NONE) type = remembered(&d, r->a, r->b, 0);
        if (type == NONE && refers_to_org(&d, r)) type = ORG;
        /* "882 6PR" is the "6PR" typed elsewhere. */
        if (type == NONE && r->b - r->a == 2 && is_callsign_run(&d, r->a, r->b))
            type = remembered(&d, r->b - 1, r->b, 0);
        /* "Halvorsen said" after "Halvorsen Semiconductor Inc": the speaker
         * is the organization named so elsewhere. */
        if (type == PERSON && r->cue && remembered(&d, r->a, r->b, 1) == ORG) type = ORG;
        if (r->weak && type != NONE) {
            /* "Harrison" alone is the man if the article names him in full. */
            if (type == LOCATION && r->b - r->a == 1 && in_exact(&d, nm->doc_people, r->a))
                type = PERSON;
            int seen = remembered(&d, r->a, r->b, 1);
            if (seen != NONE) type = seen;
        }
        /* A sentence-initial common word that is such a name ("Park said"),
         * or an organization or place that strong evidence typed elsewhere
         * ("carmaker Ford ... Ford said"; not a plural: "Scouts are ..." is
         * more often the common noun). */
        if (type == NONE && r->stripped && r->a > 0 && r->a == r->b) {
            int seen = in_exact(&d, nm->doc_people, r->a - 1) ? PERSON
                       : is_plural_name(&d, r->a - 1)         ? NONE
                                                              : remembered(&d, r->a - 1, r->a, 1);
            if (seen == PERSON || seen == ORG || seen == LOCATION) {
                r->a--;
                type = seen;
            }
        }
        if (type != NONE && type != MISC && r->b > r->a && propose(&d, r, type, out)) goto done;
    }
    rc = 0;
done:
    return rc;
}
