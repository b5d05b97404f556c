/* The claims lexicon (see cues.h): one hash map from the lower-cased
 * phrase to an entry that holds every class the phrase has (verb, frame,
 * word bits, pronoun, and whether a longer phrase starts with it), so a
 * word costs one lookup however many classes are asked about; O(1)
 * expected. Given names are in a map of their own, so the per-token one
 * stays small. The word prefixes of multi-word phrases have entries too,
 * so phrase readers stop early (about one more entry per word of such a
 * phrase). Most words of a text are in no class: a 32768-bit set over a
 * hash of each key's length and first and last bytes (4 KiB) turns most
 * of them away before the hash map is probed. In front of it all, a word
 * cache (wordcache.h, 4096 slots, 128 KiB: with 1024, a third of the
 * lookups in news text missed, with 4096 a tenth) answers the few hundred
 * words that make most lookups with two loads and a compare; a load
 * empties it. */
#include "whosaid/cues.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "whosaid/buf.h"
#include "whosaid/hashmap.h"
#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"
#include "whosaid/wordcache.h"

/* An entry and, while loading, where its verb and pronoun are: their
 * arrays grow as files load, so the pointers are set once loading ends. */
typedef struct entry {
    whosaid_cue_entry pub;
    long verb, naming, pron; /* indices, -1 for none */
} entry;

#define SIG_BITS 15

struct whosaid_cues {
    whosaid_hashmap *map;                /* phrase -> index in ents: small, looked up per token */
    uint64_t sig[(1u << SIG_BITS) / 64]; /* a bit per hash of a key in map */
    whosaid_hashmap *names;              /* given names: thousands, looked up per person */
    entry *ents;
    size_t nents, cents;
    whosaid_cue *verbs;
    size_t nverbs, cverbs;
    whosaid_pronoun *prons;
    size_t nprons, cprons;
    char **strs; /* owned strings: lemmas, classes, particles */
    size_t nstrs, cstrs;
    size_t max_words, count;
    /* Answers of whosaid_cues_lookup by key; filled through a const
     * pointer (a cache, not the lexicon), emptied by every load. */
    whosaid_wordcache *cache;
};

whosaid_cues *whosaid_cues_new(void)
{
    whosaid_cues *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->map = whosaid_hashmap_new();
    c->names = whosaid_hashmap_new();
    c->cache = whosaid_wordcache_new(12);
    if (!c->map || !c->names || !c->cache) {
        whosaid_cues_free(c);
        return NULL;
    }
    c->max_words = 1;
    return c;
}

void whosaid_cues_free(whosaid_cues *c)
{
    if (!c) return;
    whosaid_hashmap_free(c->map);
    whosaid_hashmap_free(c->names);
    whosaid_wordcache_free(c->cache);
    free(c->ents);
    for (size_t i = 0; i < c->nstrs; i++)
        free(c->strs[i]);
    free(c->strs);
    free(c->verbs);
    free(c->prons);
    free(c);
}

static const char *keep(whosaid_cues *c, const char *s)
{
    if (c->nstrs == c->cstrs) {
        size_t n = c->cstrs ? 2 * c->cstrs : 64;
        char **v = realloc(c->strs, n * sizeof *v);
        if (!v) return NULL;
        c->strs = v;
        c->cstrs = n;
    }
    char *d = strdup(s);
    if (d) c->strs[c->nstrs++] = d;
    return d;
}

/* Builds the map key: the phrase lower-cased with runs of blanks as one
 * space. Counts its words into *words. */
static int make_key(const char *phrase, whosaid_buf *key, size_t *words)
{
    whosaid_buf_clear(key);
    size_t n = 0;
    const char *p = phrase;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p) break;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        if (n++ && whosaid_buf_append_char(key, ' ')) return WHOSAID_ENOMEM;
        if (whosaid_utf8_lower(w, (size_t)(p - w), key)) return WHOSAID_ENOMEM;
    }
    if (words) *words = n;
    return n ? 0 : WHOSAID_ESYNTAX;
}

/* The entry of key[0..len), made empty when there is none; NULL on ENOMEM.
 * The pointer holds until the next entry is made. */
static entry *entry_for(whosaid_cues *c, const char *key, size_t len)
{
    uint64_t v;
    if (whosaid_hashmap_get(c->map, key, len, &v)) return &c->ents[v];
    if (c->nents == c->cents) {
        size_t n = c->cents ? 2 * c->cents : 256;
        entry *e = realloc(c->ents, n * sizeof *e);
        if (!e) return NULL;
        c->ents = e;
        c->cents = n;
    }
    if (whosaid_hashmap_put(c->map, key, len, c->nents) < 0) return NULL;
    whosaid_bit_set(c->sig, whosaid_key_sig(key, len, SIG_BITS));
    entry *e = &c->ents[c->nents++];
    memset(e, 0, sizeof *e);
    e->verb = e->naming = e->pron = -1;
    return e;
}

/* For a phrase of several words, marks each of its shorter word prefixes,
 * so a reader growing a phrase word by word (whosaid_cues_longer) stops as
 * soon as no longer phrase can match; and with what the phrase is (a
 * frame, word bits: value as set_entry takes it), so a reader of one class
 * turns away at once the words that start no phrase of it (the claim scan
 * asks every word of a text whether a frame starts there, the speaker
 * readers every word before a verb whether a group or a role does). */
static int put_prefixes(whosaid_cues *c, const whosaid_buf *key, size_t words, char kind,
                        uint64_t value)
{
    if (words < 2) return 0;
    for (size_t i = 1; i < key->len; i++) {
        if (key->data[i] != ' ') continue;
        entry *e = entry_for(c, key->data, i);
        if (!e) return WHOSAID_ENOMEM;
        e->pub.longer = 1;
        if (kind == 'f') e->pub.longer_frame = 1;
        if (kind == 'w') e->pub.longer_word |= (int)(value & 0xffffffffu);
    }
    return 0;
}

/* What a rule line says of its phrase, by kind: 'v' a verb (value: its
 * index), 'f' a frame (str: its class), 'w' word bits (value: bits | gender
 * << 32, added to those the phrase has), 'p' a pronoun (value: its index),
 * 'n' a given name (value: its gender). Later lines replace earlier ones. */
static int set_entry(whosaid_cues *c, char kind, const whosaid_buf *key, uint64_t value,
                     const char *str)
{
    if (kind == 'n') return whosaid_hashmap_put(c->names, key->data, key->len, value) < 0;
    entry *e = entry_for(c, key->data, key->len);
    if (!e) return 1;
    switch (kind) {
    case 'v': /* a naming line has a slot of its own: "called on" and "called it '...'" */
        if (c->verbs[value].naming)
            e->naming = (long)value;
        else
            e->verb = (long)value;
        break;
    case 'f': e->pub.frame = str; break;
    case 'p': e->pron = (long)value; break;
    default:
        e->pub.word |= (int)(value & 0xffffffffu);
        e->pub.gender |= (int)((value >> 32) & 3);
        if (str) e->pub.org = str;
    }
    return 0;
}

static int put(whosaid_cues *c, whosaid_rulefile *rf, char kind, const char *phrase, uint64_t value,
               const char *str, whosaid_error *err)
{
    whosaid_buf key = WHOSAID_BUF_INIT;
    size_t words = 0;
    int rc = make_key(phrase, &key, &words);
    if (rc == WHOSAID_ESYNTAX)
        rc = whosaid_rulefile_error(rf, err, rc, "empty phrase");
    else if (rc)
        rc = whosaid_rulefile_error(rf, err, rc, "out of memory");
    else {
        if (set_entry(c, kind, &key, value, str) || put_prefixes(c, &key, words, kind, value))
            rc = whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
        else {
            if (words > c->max_words) c->max_words = words;
            c->count++;
        }
    }
    whosaid_buf_free(&key);
    return rc;
}

static int parse_gender(const char *s)
{
    if (!strcmp(s, "male") || !strcmp(s, "m")) return WHOSAID_GENDER_MALE;
    if (!strcmp(s, "female") || !strcmp(s, "f")) return WHOSAID_GENDER_FEMALE;
    if (!strcmp(s, "-") || !strcmp(s, "u")) return WHOSAID_GENDER_UNKNOWN;
    return -1;
}

static int need_fields(whosaid_rulefile *rf, size_t lo, size_t hi, whosaid_error *err)
{
    size_t n = whosaid_rulefile_nfields(rf);
    if (n < lo || n > hi)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "expected %zu to %zu fields, found %zu", lo, hi, n);
    return 0;
}

/* cues.rules: LEMMA CLASS FORMS [FLAGS] */
static int line_cue(whosaid_cues *c, whosaid_rulefile *rf, whosaid_error *err)
{
    int rc = need_fields(rf, 3, 4, err);
    if (rc) return rc;
    whosaid_cue cue = {NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0};
    const char *flags = whosaid_rulefile_field(rf, 3);
    for (const char *f = flags; f && *f;) {
        size_t n = strcspn(f, ",");
        if (n == 6 && !strncmp(f, "object", 6))
            cue.object = 1;
        else if (n == 6 && !strncmp(f, "clause", 6))
            cue.clause = 1;
        else if (n == 6 && !strncmp(f, "silent", 6))
            cue.silent = 1;
        else if (n == 4 && !strncmp(f, "that", 4))
            cue.that = 1;
        else if (n == 10 && !strncmp(f, "participle", 10))
            cue.participle = 1;
        else if (n == 9 && !strncmp(f, "utterance", 9))
            cue.utterance = 1;
        else if (n == 6 && !strncmp(f, "naming", 6))
            cue.naming = 1;
        else if (n > 9 && !strncmp(f, "particle=", 9)) {
            char word[64];
            if (n - 9 >= sizeof word)
                return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "particle too long");
            memcpy(word, f + 9, n - 9);
            word[n - 9] = 0;
            if (!(cue.particle = keep(c, word)))
                return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
        } else if (!(n == 1 && *f == '-'))
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "unknown flag '%.*s'", (int)n,
                                          f);
        f += n;
        if (*f == ',') f++;
    }
    const char *cls = whosaid_rulefile_field(rf, 1);
    for (const char *p = cls; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                          "class '%s': use lower-case letters and '_'", cls);
    if (!(cue.lemma = keep(c, whosaid_rulefile_field(rf, 0))) || !(cue.cls = keep(c, cls)))
        return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    if (c->nverbs == c->cverbs) {
        size_t n = c->cverbs ? 2 * c->cverbs : 64;
        whosaid_cue *v = realloc(c->verbs, n * sizeof *v);
        if (!v) return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
        c->verbs = v;
        c->cverbs = n;
    }
    size_t idx = c->nverbs;
    c->verbs[c->nverbs++] = cue;
    char forms[1024];
    snprintf(forms, sizeof forms, "%s", whosaid_rulefile_field(rf, 2));
    for (char *save = NULL, *w = strtok_r(forms, "|", &save); w; w = strtok_r(NULL, "|", &save)) {
        if (strchr(w, ' '))
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                          "cue form '%s': one word per form", w);
        if ((rc = put(c, rf, 'v', w, idx, NULL, err))) return rc;
    }
    return 0;
}

/* frames.rules: PHRASE CLASS */
static int line_frame(whosaid_cues *c, whosaid_rulefile *rf, whosaid_error *err)
{
    int rc = need_fields(rf, 2, 2, err);
    if (rc) return rc;
    const char *cls = keep(c, whosaid_rulefile_field(rf, 1));
    if (!cls) return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    return put(c, rf, 'f', whosaid_rulefile_field(rf, 0), 0, cls, err);
}

static const struct {
    const char *name;
    int bit;
} word_kinds[] = {{"generic", WHOSAID_WORD_GENERIC},
                  {"role", WHOSAID_WORD_ROLE},
                  {"aux", WHOSAID_WORD_AUX},
                  {"hearer", WHOSAID_WORD_HEARER},
                  {"adjunct", WHOSAID_WORD_ADJUNCT},
                  {"boundary", WHOSAID_WORD_BOUNDARY},
                  {"honorific", WHOSAID_WORD_HONORIFIC},
                  {"determiner", WHOSAID_WORD_DETERMINER},
                  {"orghead", WHOSAID_WORD_ORGHEAD},
                  {"coordinator", WHOSAID_WORD_COORD},
                  {"link", WHOSAID_WORD_LINK},
                  {"anaphor", WHOSAID_WORD_ANAPHOR},
                  {"document", WHOSAID_WORD_DOCUMENT},
                  {"voice", WHOSAID_WORD_VOICE},
                  {"party", WHOSAID_WORD_PARTY},
                  {"publication", WHOSAID_WORD_PUBLICATION},
                  {"rank", WHOSAID_WORD_RANK},
                  {"office", WHOSAID_WORD_OFFICE},
                  {"utterance", WHOSAID_WORD_UTTERANCE},
                  {"refusal", WHOSAID_WORD_REFUSAL},
                  {"before-noun", WHOSAID_WORD_BEFORE_NOUN},
                  {"portfolio", WHOSAID_WORD_PORTFOLIO},
                  {"newsroom", WHOSAID_WORD_NEWSROOM},
                  {"manner", WHOSAID_WORD_MANNER}};

/* speakers.rules: KIND PHRASE [GENDER], or party PHRASE ORGANIZATION */
static int line_word(whosaid_cues *c, whosaid_rulefile *rf, whosaid_error *err)
{
    int rc = need_fields(rf, 2, 3, err);
    if (rc) return rc;
    const char *kind = whosaid_rulefile_field(rf, 0);
    int bit = 0, gender = 0;
    for (size_t i = 0; i < sizeof word_kinds / sizeof *word_kinds; i++)
        if (!strcmp(kind, word_kinds[i].name)) bit = word_kinds[i].bit;
    if (!bit) return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "unknown kind '%s'", kind);
    if (bit == WHOSAID_WORD_PARTY) {
        if (whosaid_rulefile_nfields(rf) != 3)
            return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                          "party: the organization's name is missing");
        const char *org = keep(c, whosaid_rulefile_field(rf, 2));
        if (!org) return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
        return put(c, rf, 'w', whosaid_rulefile_field(rf, 1), (uint64_t)bit, org, err);
    }
    /* only the one token before a cue form is looked up */
    if (bit == WHOSAID_WORD_BEFORE_NOUN &&
        (whosaid_rulefile_nfields(rf) == 3 || strchr(whosaid_rulefile_field(rf, 1), ' ')))
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "before-noun '%s': one word and no gender",
                                      whosaid_rulefile_field(rf, 1));
    if (whosaid_rulefile_nfields(rf) == 3 &&
        (gender = parse_gender(whosaid_rulefile_field(rf, 2))) < 0)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "gender '%s': use male, female or -",
                                      whosaid_rulefile_field(rf, 2));
    return put(c, rf, 'w', whosaid_rulefile_field(rf, 1), (uint64_t)bit | (uint64_t)gender << 32,
               NULL, err);
}

static int parse_types(const char *s)
{
    int t = 0;
    char buf[128];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *save = NULL, *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        if (!strcmp(w, "PERSON"))
            t |= WHOSAID_SPK_PERSON;
        else if (!strcmp(w, "ORG"))
            t |= WHOSAID_SPK_ORG;
        else if (!strcmp(w, "COUNTRY"))
            t |= WHOSAID_SPK_COUNTRY;
        else if (!strcmp(w, "GENERIC"))
            t |= WHOSAID_SPK_GENERIC;
        else
            return -1;
    }
    return t;
}

/* pronouns.rules: PRONOUN GENDER NUMBER TYPES */
static int line_pronoun(whosaid_cues *c, whosaid_rulefile *rf, whosaid_error *err)
{
    int rc = need_fields(rf, 4, 4, err);
    if (rc) return rc;
    whosaid_pronoun p = {0, 0, 0, 0, 0};
    const char *num = whosaid_rulefile_field(rf, 2);
    if ((p.gender = parse_gender(whosaid_rulefile_field(rf, 1))) < 0)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "gender '%s': use male, female or -",
                                      whosaid_rulefile_field(rf, 1));
    if (!strcmp(num, "plural"))
        p.plural = 1;
    else if (!strcmp(num, "relative"))
        p.relative = 1;
    else if (!strcmp(num, "possessive"))
        p.possessive = 1;
    else if (strcmp(num, "singular"))
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "number '%s': use singular, plural, relative or possessive",
                                      num);
    if ((p.types = parse_types(whosaid_rulefile_field(rf, 3))) <= 0)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "types '%s': a comma-separated list of PERSON, ORG, "
                                      "COUNTRY, GENERIC",
                                      whosaid_rulefile_field(rf, 3));
    if (c->nprons == c->cprons) {
        size_t n = c->cprons ? 2 * c->cprons : 16;
        whosaid_pronoun *v = realloc(c->prons, n * sizeof *v);
        if (!v) return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
        c->prons = v;
        c->cprons = n;
    }
    c->prons[c->nprons] = p;
    return put(c, rf, 'p', whosaid_rulefile_field(rf, 0), c->nprons++, NULL, err);
}

/* first-names.txt (rules/names): NAME GENDER (m, f or u) */
static int line_name(whosaid_cues *c, whosaid_rulefile *rf, whosaid_error *err)
{
    int rc = need_fields(rf, 2, 2, err);
    if (rc) return rc;
    int g = parse_gender(whosaid_rulefile_field(rf, 1));
    if (g < 0)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "gender '%s': use m, f or u",
                                      whosaid_rulefile_field(rf, 1));
    return g ? put(c, rf, 'n', whosaid_rulefile_field(rf, 0), (uint64_t)g, NULL, err) : 0;
}

typedef int (*line_fn)(whosaid_cues *, whosaid_rulefile *, whosaid_error *);

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static line_fn kind_of(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (ends_with(base, "cues.rules")) return line_cue;
    if (ends_with(base, "frames.rules")) return line_frame;
    if (ends_with(base, "speakers.rules")) return line_word;
    if (ends_with(base, "pronouns.rules")) return line_pronoun;
    if (ends_with(base, "first-names.txt")) return line_name;
    return NULL;
}

static int load_file(whosaid_cues *c, const char *path, whosaid_error *err)
{
    line_fn fn = kind_of(path);
    if (!fn)
        return whosaid_error_set(err, WHOSAID_EINPUT, path, 0,
                                 "not a claims rule file (the name must end in cues.rules, "
                                 "frames.rules, speakers.rules, pronouns.rules or "
                                 "first-names.txt)");
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return err ? err->code : WHOSAID_EIO;
    int rc;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1)
        if ((rc = fn(c, rf, err))) break;
    whosaid_rulefile_close(rf);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_path(whosaid_cues *c, const char *path, whosaid_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return whosaid_error_set(err, WHOSAID_EIO, path, 0, "%s", strerror(errno));
    if (!S_ISDIR(st.st_mode)) return load_file(c, path, err);
    DIR *d = opendir(path);
    if (!d) return whosaid_error_set(err, WHOSAID_EIO, path, 0, "%s", strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) && !rc;) {
        if (e->d_name[0] == '.' || !kind_of(e->d_name)) continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            char **v = realloc(names, cap * sizeof *v);
            if (!v) {
                rc = whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
                break;
            }
            names = v;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len))) {
            rc = whosaid_error_set(err, WHOSAID_ENOMEM, path, 0, "out of memory");
            break;
        }
        snprintf(names[n++], len, "%s/%s", path, e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n && !rc; i++)
        rc = load_file(c, names[i], err);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int whosaid_cues_load(whosaid_cues *c, const char *path, whosaid_error *err)
{
    int rc = load_path(c, path, err);
    whosaid_wordcache_clear(c->cache); /* answers may have changed */
    /* The verb and pronoun arrays are final until the next load. */
    for (size_t i = 0; i < c->nents; i++) {
        entry *e = &c->ents[i];
        e->pub.verb = e->verb >= 0 ? &c->verbs[e->verb] : NULL;
        e->pub.naming = e->naming >= 0 ? &c->verbs[e->naming] : NULL;
        e->pub.pronoun = e->pron >= 0 ? &c->prons[e->pron] : NULL;
    }
    return rc;
}

/* The lookup proper: the cache's miss path. */
/* The cache's miss path: keys that passed the signature set. */
static const void *find(const void *lexicon, unsigned tag, const char *key, size_t len)
{
    const whosaid_cues *c = lexicon;
    uint64_t v;
    (void)tag;
    return whosaid_hashmap_get(c->map, key, len, &v) ? &c->ents[v].pub : NULL;
}

const whosaid_cue_entry *whosaid_cues_lookup(const whosaid_cues *c, const char *key, size_t len)
{
    /* The set first: it stays in the L1 cache and turns most words away,
     * where the word cache, 32 times its size, would be a load from L2. */
    if (!whosaid_bit_test(c->sig, whosaid_key_sig(key, len, SIG_BITS))) return NULL;
    return whosaid_wordcache_get(c->cache, 0, key, len, find, c);
}

const whosaid_cue *whosaid_cues_verb(const whosaid_cues *c, const char *key, size_t len)
{
    const whosaid_cue_entry *e = whosaid_cues_lookup(c, key, len);
    return e ? e->verb : NULL;
}

const char *whosaid_cues_frame(const whosaid_cues *c, const char *key, size_t len)
{
    const whosaid_cue_entry *e = whosaid_cues_lookup(c, key, len);
    return e ? e->frame : NULL;
}

int whosaid_cues_word(const whosaid_cues *c, const char *key, size_t len, int *gender)
{
    const whosaid_cue_entry *e = whosaid_cues_lookup(c, key, len);
    if (gender) *gender = e ? e->gender : 0;
    return e ? e->word : 0;
}

const whosaid_pronoun *whosaid_cues_pronoun(const whosaid_cues *c, const char *key, size_t len)
{
    const whosaid_cue_entry *e = whosaid_cues_lookup(c, key, len);
    return e ? e->pronoun : NULL;
}

int whosaid_cues_first_name(const whosaid_cues *c, const char *key, size_t len)
{
    uint64_t v;
    return whosaid_hashmap_get(c->names, key, len, &v) ? (int)v : WHOSAID_GENDER_UNKNOWN;
}

int whosaid_cues_longer(const whosaid_cues *c, const char *key, size_t len)
{
    const whosaid_cue_entry *e = whosaid_cues_lookup(c, key, len);
    return e && e->longer;
}

size_t whosaid_cues_max_words(const whosaid_cues *c)
{
    return c->max_words;
}
size_t whosaid_cues_count(const whosaid_cues *c)
{
    return c->count;
}
