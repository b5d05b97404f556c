/* The role lexicon: entries in one array, a hash map from "kind:folded
 * phrase" to the entry's index, and per kind the longest key, the set of
 * first bytes and two 4096-bit sets (first two bytes; length with first and
 * last byte), so that most misses (every word of a text is tried as a
 * determiner, every run of up to four words as a role) end after a byte or
 * two, or at the end of the key, instead of a hash. 9 KiB of sets in all.
 * In front of them a word cache (wordcache.h: 16384 slots, 512 KiB; with
 * 4096, one lookup in seven of news text missed, with 16384 one in twelve)
 * answers the short phrases a text repeats with two loads and a compare.
 * See roles.h. */
#include "whosaid/roles.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/hashmap.h"
#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"
#include "whosaid/wordcache.h"

#define ROLE_KEY_MAX 256
#define SIG_BITS 12
#define SIG_WORDS ((1u << SIG_BITS) / 64)

typedef struct role_slot {
    whosaid_role_entry e;
    char *strings; /* phrase, group and where, one allocation */
} role_slot;

struct whosaid_roles {
    role_slot *v;
    size_t n, cap;
    whosaid_hashmap *map;
    /* Cheap exact misses, per kind: bytes of the longest key (less "k:"),
     * and the set of first bytes of keys (a bit per byte value). */
    size_t longest[WHOSAID_ROLE_KINDS];
    unsigned char first[WHOSAID_ROLE_KINDS][32];
    /* Bit sets over hashes of the key's first two bytes (the second 0 for
     * a key of one byte), and of its length with its first and last byte:
     * a bit not set is a sure miss. */
    uint64_t pair[WHOSAID_ROLE_KINDS][SIG_WORDS];
    uint64_t sig[WHOSAID_ROLE_KINDS][SIG_WORDS];
    /* Answers of whosaid_roles_find by kind and phrase; filled through a
     * const pointer (a cache, not the lexicon), emptied by every load. */
    whosaid_wordcache *cache;
};

typedef struct key_filter {
    size_t limit;               /* longest key */
    const unsigned char *first; /* bit set of first bytes, or NULL */
} key_filter;

static unsigned pair_bit(unsigned char a, unsigned char b)
{
    return (((unsigned)a << 8 | b) * 2654435761u) >> (32 - SIG_BITS);
}

/* ASCII, not a blank make_key collapses. */
static int is_plain(char c)
{
    return !((unsigned char)c & 0x80) && c != ' ' && c != '\t' && c != '\n';
}

const char *whosaid_gender_name(int gender)
{
    return gender == WHOSAID_GENDER_MALE     ? "male"
           : gender == WHOSAID_GENDER_FEMALE ? "female"
                                             : NULL;
}

whosaid_roles *whosaid_roles_new(void)
{
    whosaid_roles *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->map = whosaid_hashmap_new();
    r->cache = whosaid_wordcache_new(14);
    if (!r->map || !r->cache) {
        whosaid_roles_free(r);
        return NULL;
    }
    return r;
}

void whosaid_roles_free(whosaid_roles *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].strings);
    free(r->v);
    whosaid_hashmap_free(r->map);
    whosaid_wordcache_free(r->cache);
    free(r);
}

size_t whosaid_roles_count(const whosaid_roles *r)
{
    return r ? whosaid_hashmap_count(r->map) : 0;
}

/* "k:" + the phrase lower-cased, blanks collapsed, one trailing '.' dropped,
 * so "Mr", "Mr." and "MR." meet. Returns the key length, or -1 (also when
 * f, if given, shows that no key of the kind can be this one). */
static long make_key(int kind, const char *s, size_t len, char *out, size_t cap,
                     const key_filter *f)
{
    char tmp[ROLE_KEY_MAX];
    size_t n = 0, least = 0;
    int blank = 0;
    unsigned char high = 0; /* any byte >= 0x80 */
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n'))
        len--;
    if (len && s[len - 1] == '.') len--;
    /* tmp gets the blanks collapsed and ASCII lower-cased at once (the
     * common case, done then); lower-casing the rest later gives the same
     * key, as ASCII code points map on their own. */
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n') {
            blank = n > 0;
            continue;
        }
        if (n + 2 >= sizeof tmp) return -1;
        char low = (char)whosaid_ascii_lower((unsigned char)c);
        if (f) {
            /* An ASCII first byte is the key's first byte, lower-cased. */
            if (n == 0 && !((unsigned char)c & 0x80) &&
                !(f->first[(unsigned char)low >> 3] & (1u << (low & 7))))
                return -1;
            /* Each code point so far (a blank, or a byte that does not
             * continue a UTF-8 sequence) gives at least one byte of the key. */
            least += blank + (((unsigned char)c & 0xC0) != 0x80);
            if (least > f->limit) return -1;
        }
        if (blank) tmp[n++] = ' ';
        blank = 0;
        high |= (unsigned char)c;
        tmp[n++] = low;
    }
    if (n == 0 || cap < 3) return -1;
    out[0] = (char)('0' + kind);
    out[1] = ':';
    if (!(high & 0x80) && n + 2 < cap) {
        memcpy(out + 2, tmp, n); /* ASCII: valid UTF-8, lower-cased already */
        out[2 + n] = '\0';
        return (long)n + 2;
    }
    if (!whosaid_utf8_valid(tmp, n)) return -1;
    long k = whosaid_utf8_lower_into(tmp, n, out + 2, cap - 2);
    return k < 0 ? -1 : k + 2;
}

/* A phrase that starts with two ASCII non-blanks (or is one) starts its key
 * with them lower-cased: most misses end here, before a key is made. */
static int early_miss(const uint64_t *pair, const char *s, size_t len)
{
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n'))
        len--;
    if (len && s[len - 1] == '.') len--;
    if (!len || !is_plain(s[0]) || (len > 1 && !is_plain(s[1]))) return 0;
    unsigned char a = whosaid_ascii_lower((unsigned char)s[0]);
    unsigned char b = len == 1 ? 0 : whosaid_ascii_lower((unsigned char)s[1]);
    return !whosaid_bit_test(pair, pair_bit(a, b));
}

/* A phrase of ASCII words one space apart (what a text's tokens mostly
 * give) is its own key, lower-cased: its length and end bytes test the
 * signature set without building the key, which cost about 20
 * instructions a byte on phrases of several words, where most lookups
 * that pass early_miss end. 1: a sure miss; 0: build the key. */
static int plain_miss(const whosaid_roles *r, int kind, const char *s, size_t len)
{
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n'))
        len--;
    if (len && s[len - 1] == '.') len--;
    if (!len || !is_plain(s[0]) || !is_plain(s[len - 1])) return 0;
    for (size_t i = 1; i < len; i++) {
        char c = s[i];
        if (((unsigned char)c & 0x80) || c == '\t' || c == '\n' || (c == ' ' && s[i - 1] == ' '))
            return 0;
    }
    if (len > r->longest[kind]) return 1;
    unsigned char a = whosaid_ascii_lower((unsigned char)s[0]);
    unsigned char b = whosaid_ascii_lower((unsigned char)s[len - 1]);
    return !whosaid_bit_test(r->sig[kind], whosaid_sig(len, a, b, SIG_BITS));
}

/* The lookup proper, out of line so that early misses need no key buffer. */
static __attribute__((noinline)) const whosaid_role_entry *
find_key(const whosaid_roles *r, int kind, const char *phrase, size_t len)
{
    if (plain_miss(r, kind, phrase, len)) return NULL;
    char key[ROLE_KEY_MAX + 2];
    key_filter f = {r->longest[kind], r->first[kind]};
    long k = make_key(kind, phrase, len, key, sizeof key, &f);
    uint64_t idx;
    if (k < 3 ||
        !whosaid_bit_test(r->sig[kind], whosaid_key_sig(key + 2, (size_t)k - 2, SIG_BITS)) ||
        !whosaid_hashmap_get(r->map, key, (size_t)k, &idx))
        return NULL;
    return &r->v[idx].e;
}

/* The cache's miss path: phrases that passed early_miss. */
static const void *find(const void *lexicon, unsigned kind, const char *phrase, size_t len)
{
    return find_key(lexicon, (int)kind, phrase, len);
}

const whosaid_role_entry *whosaid_roles_find(const whosaid_roles *r, int kind, const char *phrase,
                                             size_t len)
{
    if (kind < 0 || kind >= WHOSAID_ROLE_KINDS) return NULL;
    /* The pair set first: it stays in the L1 cache and ends most lookups
     * (most phrases tried are no role), where the word cache would be a
     * load from L2. */
    if (early_miss(r->pair[kind], phrase, len)) return NULL;
    return whosaid_wordcache_get(r->cache, (unsigned)kind, phrase, len, find, r);
}

int whosaid_roles_may_start(const whosaid_roles *r, int kind, const char *word, size_t len)
{
    if (kind < 0 || kind >= WHOSAID_ROLE_KINDS) return 0;
    /* A phrase's first two bytes are the word's when the word keeps two
     * after a trailing '.' is dropped (alone it may end the phrase). */
    if (len < 2 || (len == 2 && word[1] == '.') || !is_plain(word[0]) || !is_plain(word[1]))
        return 1;
    return whosaid_bit_test(r->pair[kind], pair_bit(whosaid_ascii_lower((unsigned char)word[0]),
                                                    whosaid_ascii_lower((unsigned char)word[1])));
}

static int parse_kind(const char *s)
{
    if (!strcmp(s, "honorific")) return WHOSAID_ROLE_HONORIFIC;
    if (!strcmp(s, "role")) return WHOSAID_ROLE_NOUN;
    if (!strcmp(s, "orgnoun")) return WHOSAID_ROLE_ORGNOUN;
    if (!strcmp(s, "determiner")) return WHOSAID_ROLE_DETERMINER;
    if (!strcmp(s, "preposition")) return WHOSAID_ROLE_PREPOSITION;
    if (!strcmp(s, "kindcue")) return WHOSAID_ROLE_KINDCUE;
    if (!strcmp(s, "rank")) return WHOSAID_ROLE_RANK;
    if (!strcmp(s, "stop")) return WHOSAID_ROLE_STOP;
    return 0;
}

/* An orgnoun's match: "head", "kind=VALUE", or "head|kind=VALUE" (the
 * head first, then the kind: "the bank" is the last organization with
 * "Bank" in its name, else the last company). */
static int valid_org_match(const char *g)
{
    if (!g) return 0;
    if (!strncmp(g, "head|", 5))
        g += 5;
    else if (!strcmp(g, "head"))
        return 1;
    return !strncmp(g, "kind=", 5) && g[5] != '\0' && !strchr(g, '|');
}

/* A kind cue's group: "suffix=VALUE", "before=VALUE", "after=VALUE" or
 * "not=VALUE". */
static int valid_kind_cue(const char *g)
{
    static const char *const where[] = {"suffix=", "before=", "after=", "not="};
    for (size_t i = 0; g && i < sizeof where / sizeof *where; i++) {
        size_t n = strlen(where[i]);
        if (!strncmp(g, where[i], n)) return g[n] != '\0' && !strchr(g, '|');
    }
    return 0;
}

static int count_words(const char *s)
{
    int n = 0, in = 0;
    for (; *s; s++) {
        int blank = *s == ' ';
        if (!blank && !in) n++;
        in = !blank;
    }
    return n;
}

static int add_line(whosaid_roles *r, whosaid_rulefile *rf, const char *display, whosaid_error *err)
{
    size_t nf = whosaid_rulefile_nfields(rf);
    const char *kw = whosaid_rulefile_field(rf, 0);
    int kind = parse_kind(kw);
    if (!kind)
        return whosaid_rulefile_error(
            rf, err, WHOSAID_ESYNTAX,
            "unknown kind \"%s\" (expected honorific, role, orgnoun, determiner, preposition, "
            "kindcue, rank or stop)",
            kw);
    if (nf < 3 || nf > 4)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "%s: expected phrase, gender and an optional group", kw);
    const char *phrase = whosaid_rulefile_field(rf, 1), *g = whosaid_rulefile_field(rf, 2);
    const char *group = nf == 4 ? whosaid_rulefile_field(rf, 3) : NULL;
    int gender = !strcmp(g, "male")     ? WHOSAID_GENDER_MALE
                 : !strcmp(g, "female") ? WHOSAID_GENDER_FEMALE
                 : !strcmp(g, "-")      ? WHOSAID_GENDER_NONE
                                        : -1;
    if (gender < 0)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "unknown gender \"%s\" (expected male, female or -)", g);
    if (count_words(phrase) > WHOSAID_ROLES_MAX_WORDS)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "phrase \"%s\" has more than %d words", phrase,
                                      WHOSAID_ROLES_MAX_WORDS);
    if (kind == WHOSAID_ROLE_ORGNOUN && !valid_org_match(group))
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "orgnoun \"%s\": expected a match of head, kind=VALUE or "
                                      "head|kind=VALUE",
                                      phrase);
    if (kind == WHOSAID_ROLE_KINDCUE && !valid_kind_cue(group))
        return whosaid_rulefile_error(
            rf, err, WHOSAID_ESYNTAX,
            "kindcue \"%s\": expected a group suffix=VALUE, before=VALUE, "
            "after=VALUE or not=VALUE",
            phrase);
    if ((kind == WHOSAID_ROLE_HONORIFIC || kind == WHOSAID_ROLE_PREPOSITION ||
         kind == WHOSAID_ROLE_RANK || kind == WHOSAID_ROLE_STOP) &&
        group)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "%s \"%s\": no group expected", kw,
                                      phrase);
    if (kind == WHOSAID_ROLE_DETERMINER && group && strcmp(group, "definite"))
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "determiner \"%s\": the only group is definite", phrase);
    char key[ROLE_KEY_MAX + 2];
    long klen = make_key(kind, phrase, strlen(phrase), key, sizeof key, NULL);
    if (klen < 0)
        return whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                      "phrase \"%s\" is empty or too long", phrase);
    if (!group) group = phrase;
    char where[600];
    snprintf(where, sizeof where, "%s:%ld", display, whosaid_rulefile_lineno(rf));
    size_t lp = strlen(phrase) + 1, lg = strlen(group) + 1, lw = strlen(where) + 1;
    char *s = malloc(lp + lg + lw);
    if (!s) return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
    memcpy(s, phrase, lp);
    memcpy(s + lp, group, lg);
    memcpy(s + lp + lg, where, lw);
    uint64_t idx;
    if (whosaid_hashmap_get(r->map, key, (size_t)klen, &idx)) {
        /* Same kind and phrase again: the later line wins (user over default). */
        free(r->v[idx].strings);
    } else {
        if (r->n == r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 64;
            role_slot *v = realloc(r->v, cap * sizeof *v);
            if (!v) {
                free(s);
                return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
            }
            r->v = v;
            r->cap = cap;
        }
        idx = r->n;
        if (whosaid_hashmap_put(r->map, key, (size_t)klen, idx) < 0) {
            free(s);
            return whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
        }
        r->n++;
    }
    if ((size_t)klen - 2 > r->longest[kind]) r->longest[kind] = (size_t)klen - 2;
    r->first[kind][(unsigned char)key[2] >> 3] |=
        (unsigned char)(1u << ((unsigned char)key[2] & 7));
    whosaid_bit_set(r->pair[kind],
                    pair_bit((unsigned char)key[2], klen > 3 ? (unsigned char)key[3] : 0));
    whosaid_bit_set(r->sig[kind], whosaid_key_sig(key + 2, (size_t)klen - 2, SIG_BITS));
    role_slot *slot = &r->v[idx];
    slot->strings = s;
    slot->e.kind = kind;
    slot->e.gender = gender;
    slot->e.phrase = s;
    slot->e.group = s + lp;
    slot->e.where = s + lp + lg;
    return 0;
}

int whosaid_roles_load(whosaid_roles *r, const char *path, const char *display, whosaid_error *err)
{
    whosaid_wordcache_clear(r->cache); /* answers are about to change */
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return err ? err->code : WHOSAID_EIO;
    if (!display) display = path;
    int rc;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1)
        if ((rc = add_line(r, rf, display, err)) != 0) break;
    whosaid_rulefile_close(rf);
    return rc;
}
