/* Gazetteer entries and the hash tables that find them.
 *
 * Keeps every entry as a 32-byte record of offsets into one string arena
 * (surface, lookup key when it differs, canonical when it differs, attributes
 * when there are any; types and file names are stored once), and four
 * open-addressing tables of 8-byte slots: a 32-bit hash check and a 32-bit
 * value, no strings. A key's hash combines per-token hashes, so the text side
 * hashes each token once per lookup and extends the hash token by token; a
 * hit is confirmed by comparing the text with the entry's key, so hash
 * collisions never produce a wrong match. Cost per entry: the record, its
 * strings, and about 16 bytes per key in each of two tables (names have a
 * second, ALL-CAPS key), and half a byte per slot for the filter bit
 * sets. Loading is linear in the file. A memo keeps one document's
 * answers, 8 bytes a token, so the tagger and the names look a token up
 * once. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MADV_HUGEPAGE */
#include "whosaid/gazetteer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "whosaid/hashmap.h"
#include "whosaid/rulefile.h"
#include "whosaid/utf8.h"

enum { CASE_NAME, CASE_EXACT, CASE_FOLD };
enum { MAP_NONE, MAP_LOWER, MAP_UPPER }; /* how a string is case-mapped before comparing */

/* Offsets into the arena; offset 0 is the empty string. */
typedef struct gaz_rec {
    uint32_t surface, key, canonical, type, attrs, file;
    uint32_t line;
    uint8_t user, case_rule;
} gaz_rec;

/* Slot value: an entry index and (keys tables) whether the slot holds the
 * entry's ALL-CAPS key; or (firsts tables) the longest entry in tokens. */
typedef struct gaz_slot {
    uint32_t check; /* high half of the 64-bit hash, never 0; 0 marks an empty slot */
    uint32_t value;
} gaz_slot;

/* Linear probing from the position the check's top bits give, so the table
 * can grow without the full hashes. Kept at most half full. */
typedef struct gaz_table {
    gaz_slot *slots;
    unsigned bits;
    size_t count;
    int firsts;     /* values are token counts, merged by max; else entries */
    gaz_slot *pend; /* inserts not yet made, see defer() */
    size_t npend;
    /* One bit per low bits of a check, set for every key in the table
     * (see first_filter()), so most tokens, which start no entry, and most
     * token counts tried, which make no key, are rejected by a bit set that
     * stays in cache instead of a probe of the big table. */
    uint64_t *filter;
    unsigned filter_bits;
    /* Firsts tables: one bit per pair of ASCII code points that starts a
     * first token once case-mapped (see lead_of()), so a token whose first
     * two bytes are ASCII and start no entry is turned away before it is
     * hashed at all. 2 KB. */
    uint64_t lead[(1u << 14) / 64];
} gaz_table;

struct whosaid_gazetteer {
    whosaid_buf arena;
    gaz_rec *v;
    size_t n, cap;
    gaz_table exact, fold;             /* key hash -> entry (exact: as written or ALL-CAPS) */
    gaz_table first_exact, first_fold; /* first-token hash -> longest entry in tokens */
    whosaid_hashmap *types;            /* type -> arena offset, stored once */
    /* Both firsts tables' lead filters as one: two bits (TRY_EXACT,
     * TRY_FOLD) per pair of ASCII bytes as written, the fold table's bit
     * already case-mapped, so each token of a text costs one look-up
     * (see lead_tables()). try_any: the tables a token without an ASCII
     * lead may start an entry of. 4 KB. */
    uint64_t try_lead[(1u << 14) * 2 / 64];
    unsigned try_any;
    /* load scratch */
    gaz_slot *sort_tmp;
    whosaid_tokens toks;
    whosaid_buf key, attrs;
};

#define UPPER_BIT 1u
#define MAX_ENTRIES (UINT32_MAX >> 1)

/* ---- hashing ---------------------------------------------------------- */

static uint64_t fmix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

static int32_t map_cp(int32_t c, int map)
{
    if (c < 0x80) {
        if (map == MAP_LOWER && c >= 'A' && c <= 'Z') return c | 0x20;
        if (map == MAP_UPPER && c >= 'a' && c <= 'z') return c & ~0x20;
        return c;
    }
    return map == MAP_LOWER ? utf8proc_tolower(c) : map == MAP_UPPER ? utf8proc_toupper(c) : c;
}

#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static uint64_t fnv_cp(uint64_t h, int32_t c)
{
    char enc[4];
    int n = whosaid_utf8_encode(c, enc);
    for (int k = 0; k < n; k++)
        h = (h ^ (unsigned char)enc[k]) * FNV_PRIME;
    return h;
}

/* Hashes of a token as written and lower-cased, in one pass: they are the
 * same bytes except where a letter changes, so ASCII costs one loop. */
static void tok_hash2(const char *s, size_t n, uint64_t *exact, uint64_t *lower)
{
    uint64_t he = FNV_BASIS, hl = FNV_BASIS;
    for (size_t i = 0; i < n;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            he = (he ^ b) * FNV_PRIME;
            hl = (hl ^ whosaid_ascii_lower(b)) * FNV_PRIME;
            i++;
            continue;
        }
        size_t j = i;
        int32_t c = whosaid_utf8_next(s, n, &j);
        for (; i < j; i++)
            he = (he ^ (unsigned char)s[i]) * FNV_PRIME;
        hl = fnv_cp(hl, utf8proc_tolower(c));
    }
    *exact = fmix(he);
    *lower = fmix(hl);
}

/* tok_hash2's exact hash alone: most lookups need only one of the two. */
static uint64_t tok_hash_exact(const char *s, size_t n)
{
    uint64_t h = FNV_BASIS;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
    return fmix(h);
}

static uint64_t tok_hash(const char *s, size_t n, int map)
{
    uint64_t h = FNV_BASIS;
    for (size_t i = 0; i < n;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            h = (h ^ (unsigned char)map_cp(b, map)) * FNV_PRIME;
            i++;
        } else {
            h = fnv_cp(h, map_cp(whosaid_utf8_next(s, n, &i), map));
        }
    }
    return fmix(h);
}

/* The key hash of a token sequence, extended one token at a time; sep: the
 * key has a space before this token (as whosaid_tokens_key writes it). */
static uint64_t key_step(uint64_t h, uint64_t tok, int sep)
{
    return fmix((h ^ (sep ? 0x9E3779B97F4A7C15ULL : 0)) * 0xbf58476d1ce4e5b9ULL + tok);
}

#define KEY_SEED 0x2545F4914F6CDD1DULL

static int sep_before(const whosaid_tokens *t, size_t j)
{
    return (t->v[j].flags & WHOSAID_TOK_SPACE) && !(t->v[j].flags & WHOSAID_TOK_POSSESSIVE);
}

/* ---- tables ----------------------------------------------------------- */

static uint32_t check_of(uint64_t h)
{
    uint32_t c = (uint32_t)(h >> 32);
    return c ? c : 1;
}

static size_t home(const gaz_table *t, uint32_t check)
{
    return (size_t)(check >> (32 - t->bits));
}

/* Big tables are touched at random, one slot per key: on huge pages a
 * million keys cost far fewer TLB misses and page faults. */
#define HUGE_BYTES ((size_t)2 << 20)

static gaz_slot *table_alloc(unsigned bits)
{
    size_t bytes = ((size_t)1 << bits) * sizeof(gaz_slot);
    if (bytes < HUGE_BYTES) return calloc((size_t)1 << bits, sizeof(gaz_slot));
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, bytes, MADV_HUGEPAGE); /* advice only: without it, 4 KiB pages */
#endif
    return p;
}

static void table_release(gaz_slot *slots, unsigned bits)
{
    if (!slots) return;
    size_t bytes = ((size_t)1 << bits) * sizeof(gaz_slot);
    if (bytes < HUGE_BYTES)
        free(slots);
    else
        munmap(slots, bytes);
}

static int table_reserve(gaz_table *t, size_t want)
{
    unsigned bits = t->bits ? t->bits : 8;
    while (((size_t)1 << bits) < want * 2)
        bits++;
    if (bits > 32) return WHOSAID_ELIMIT;
    if (bits == t->bits) return 0;
    gaz_slot *slots = table_alloc(bits);
    if (!slots) return WHOSAID_ENOMEM;
    size_t mask = ((size_t)1 << bits) - 1;
    size_t old = t->bits ? (size_t)1 << t->bits : 0;
    for (size_t i = 0; i < old; i++) {
        gaz_slot s = t->slots[i];
        if (!s.check) continue;
        size_t p = (size_t)(s.check >> (32 - bits));
        while (slots[p].check)
            p = (p + 1) & mask;
        slots[p] = s;
    }
    table_release(t->slots, t->bits);
    t->slots = slots;
    t->bits = bits;
    return 0;
}

static void table_free(gaz_table *t)
{
    free(t->filter);
    t->filter = NULL;
    t->filter_bits = 0;
    free(t->pend);
    t->pend = NULL;
    t->npend = 0;
    table_release(t->slots, t->bits);
    t->slots = NULL;
    t->bits = 0;
    t->count = 0;
}

/* Firsts tables: the largest token count under a first-token hash. A hash
 * collision only makes the bound larger, which costs a lookup, not a
 * wrong match, so these are not confirmed. */
static void first_insert(gaz_table *t, uint32_t c, uint32_t v)
{
    size_t mask = ((size_t)1 << t->bits) - 1;
    size_t p = home(t, c);
    for (; t->slots[p].check; p = (p + 1) & mask)
        if (t->slots[p].check == c) {
            if (v > t->slots[p].value) t->slots[p].value = v;
            return;
        }
    t->slots[p] = (gaz_slot){c, v};
    t->count++;
}

/* The filter bit of a check: its low bits, where home() takes the high. */
static size_t filter_bit(const gaz_table *t, uint32_t c)
{
    return (size_t)(c & (((uint32_t)1 << t->filter_bits) - 1));
}

/* (Re)builds t's filter from its slots: four bits per slot, a table at
 * most half full, so at least eight bits per key (a key that is absent
 * passes about one time in eight). 32 KB for the default gazetteers'
 * firsts tables, twice that for their keys tables.
 * Without memory for it the table has no filter and is probed directly. */
static int first_filter(gaz_table *t)
{
    if (!t->count) return 0;
    unsigned bits = t->bits + 2 < 32 ? t->bits + 2 : 31;
    if (bits != t->filter_bits) {
        free(t->filter);
        t->filter_bits = 0;
        if (!(t->filter = malloc(((size_t)1 << bits) / 8))) return WHOSAID_ENOMEM;
        t->filter_bits = bits;
    }
    memset(t->filter, 0, ((size_t)1 << bits) / 8);
    for (size_t i = 0; i < (size_t)1 << t->bits; i++)
        if (t->slots[i].check) whosaid_bit_set(t->filter, filter_bit(t, t->slots[i].check));
    return 0;
}

static size_t first_get(const gaz_table *t, uint64_t h)
{
    if (!t->count) return 0;
    uint32_t c = check_of(h);
    if (t->filter && !whosaid_bit_test(t->filter, filter_bit(t, c))) return 0;
    size_t mask = ((size_t)1 << t->bits) - 1;
    for (size_t p = home(t, c); t->slots[p].check; p = (p + 1) & mask)
        if (t->slots[p].check == c) return t->slots[p].value;
    return 0;
}

/* ---- comparing keys --------------------------------------------------- */

static int32_t next_cp(const char **p)
{
    /* Keys are NUL-terminated valid UTF-8 (rulefile.c checks it). */
    size_t i = 0;
    int32_t c = whosaid_utf8_next(*p, 4, &i);
    *p += i;
    return c;
}

/* Whether a and b are the same string once each is case-mapped. */
static int str_equal(const char *a, int amap, const char *b, int bmap)
{
    while (*a && *b)
        if (map_cp(next_cp(&a), amap) != map_cp(next_cp(&b), bmap)) return 0;
    return !*a && !*b;
}

/* Whether tokens [i, i+k) of text, joined as whosaid_tokens_key joins them,
 * equal key once both are case-mapped. */
static int text_equal(const char *text, const whosaid_tokens *t, size_t i, size_t k, int tmap,
                      const char *key, int kmap)
{
    for (size_t j = i; j < i + k; j++) {
        if (j > i && sep_before(t, j) && *key++ != ' ') return 0;
        const char *s = text + t->v[j].start;
        size_t n = t->v[j].end - t->v[j].start;
        if (tmap == MAP_NONE && kmap == MAP_NONE) {
            for (size_t b = 0; b < n; b++)
                if (!key[b] || key[b] != s[b]) return 0;
            key += n;
            continue;
        }
        for (size_t b = 0; b < n;) {
            if (!*key) return 0;
            if (map_cp(whosaid_utf8_next(s, n, &b), tmap) != map_cp(next_cp(&key), kmap)) return 0;
        }
    }
    return *key == '\0';
}

/* ---- entries ---------------------------------------------------------- */

whosaid_gazetteer *whosaid_gazetteer_new(void)
{
    whosaid_gazetteer *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->types = whosaid_hashmap_new();
    g->first_exact.firsts = g->first_fold.firsts = 1;
    /* Offset 0 is "": entries without attributes point there. */
    if (!g->types || whosaid_buf_append_char(&g->arena, '\0')) {
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
    table_free(&g->exact);
    table_free(&g->fold);
    table_free(&g->first_exact);
    table_free(&g->first_fold);
    whosaid_hashmap_free(g->types);
    free(g->sort_tmp);
    whosaid_tokens_free(&g->toks);
    whosaid_buf_free(&g->key);
    whosaid_buf_free(&g->attrs);
    free(g);
}

size_t whosaid_gazetteer_count(const whosaid_gazetteer *g)
{
    return g->n;
}

static const char *str_at(const whosaid_gazetteer *g, uint32_t off)
{
    return g->arena.data + off;
}

/* Appends s and a NUL; *off receives its offset. Offsets are 32-bit, so a
 * gazetteer's strings are limited to 4 GiB. */
static int arena_add(whosaid_gazetteer *g, const char *s, size_t len, uint32_t *off)
{
    if (g->arena.len + len + 1 > UINT32_MAX) return WHOSAID_ELIMIT;
    *off = (uint32_t)g->arena.len;
    if (whosaid_buf_append(&g->arena, s, len) || whosaid_buf_append_char(&g->arena, '\0'))
        return WHOSAID_ENOMEM;
    return 0;
}

/* Files are read one entry a line: surface, canonical, TYPE, attributes. */
static int parse_attrs(whosaid_rulefile *rf, const char *attrs, int *case_rule, whosaid_buf *kept,
                       whosaid_error *err)
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
                return whosaid_rulefile_error(
                    rf, err, WHOSAID_ESYNTAX,
                    "attribute name '%.*s' must be lower-case letters, digits or _", (int)(eq - p),
                    p);
        if ((size_t)(eq - p) == 4 && strncmp(p, "case", 4) == 0) {
            size_t vn = n - 5;
            if (vn == 4 && strncmp(eq + 1, "name", 4) == 0)
                *case_rule = CASE_NAME;
            else if (vn == 5 && strncmp(eq + 1, "exact", 5) == 0)
                *case_rule = CASE_EXACT;
            else if (vn == 4 && strncmp(eq + 1, "fold", 4) == 0)
                *case_rule = CASE_FOLD;
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

static int intern_type(whosaid_gazetteer *g, const char *type, uint32_t *off)
{
    size_t n = strlen(type);
    uint64_t v;
    if (whosaid_hashmap_get(g->types, type, n, &v)) {
        *off = (uint32_t)v;
        return 0;
    }
    int rc = arena_add(g, type, n, off);
    if (rc) return rc;
    return whosaid_hashmap_put(g->types, type, n, *off) < 0 ? WHOSAID_ENOMEM : 0;
}

/* The string a keys-table slot stands for and its case mapping. */
static const char *slot_key(const whosaid_gazetteer *g, uint32_t value, int *map)
{
    const gaz_rec *e = &g->v[value >> 1];
    *map = (value & UPPER_BIT) ? MAP_UPPER : e->case_rule == CASE_FOLD ? MAP_LOWER : MAP_NONE;
    return str_at(g, e->key);
}

/* Makes a keys-table insert. A key already present keeps its entry unless
 * the new one comes from a user file and the present one does not (user
 * rules override defaults). */
static void key_insert(whosaid_gazetteer *g, gaz_table *t, uint32_t c, uint32_t value)
{
    int map;
    const char *key = slot_key(g, value, &map);
    size_t mask = ((size_t)1 << t->bits) - 1;
    size_t p = home(t, c);
    for (; t->slots[p].check; p = (p + 1) & mask) {
        if (t->slots[p].check != c) continue;
        int omap;
        const char *okey = slot_key(g, t->slots[p].value, &omap);
        if (!str_equal(key, map, okey, omap)) continue;
        if (g->v[value >> 1].user && !g->v[t->slots[p].value >> 1].user) t->slots[p].value = value;
        return;
    }
    t->slots[p] = (gaz_slot){c, value};
    t->count++;
}

/* Inserts are collected and made in batches sorted by hash: the table is
 * then written front to back instead of at random, which for a million
 * keys is most of the load time. The sort is stable, so entries of the same
 * key still arrive in file order and precedence is unchanged. */
#define BATCH ((size_t)1 << 18)

static void sort_by_check(gaz_slot *v, gaz_slot *tmp, size_t n)
{
    for (unsigned shift = 0; shift < 32; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((v[i].check >> shift) & 0xff) + 1]++;
        for (size_t b = 1; b < 257; b++)
            count[b] += count[b - 1];
        for (size_t i = 0; i < n; i++)
            tmp[count[(v[i].check >> shift) & 0xff]++] = v[i];
        gaz_slot *swap = v;
        v = tmp;
        tmp = swap;
    }
    /* Four passes: the sorted data is back in the caller's v. */
}

static int flush(whosaid_gazetteer *g, gaz_table *t)
{
    if (!t->npend) return 0;
    if (!g->sort_tmp && !(g->sort_tmp = malloc(BATCH * sizeof *g->sort_tmp))) return WHOSAID_ENOMEM;
    int rc = table_reserve(t, t->count + t->npend);
    if (rc) return rc;
    sort_by_check(t->pend, g->sort_tmp, t->npend);
    for (size_t i = 0; i < t->npend; i++) {
        if (t->firsts)
            first_insert(t, t->pend[i].check, t->pend[i].value);
        else
            key_insert(g, t, t->pend[i].check, t->pend[i].value);
    }
    t->npend = 0;
    return 0;
}

static int defer(whosaid_gazetteer *g, gaz_table *t, uint64_t h, uint32_t value)
{
    if (!t->pend && !(t->pend = malloc(BATCH * sizeof *t->pend))) return WHOSAID_ENOMEM;
    t->pend[t->npend++] = (gaz_slot){check_of(h), value};
    return t->npend == BATCH ? flush(g, t) : 0;
}

/* Registers entry idx (its key, or its ALL-CAPS key if upper) under hash h. */
static int index_key(whosaid_gazetteer *g, gaz_table *t, uint64_t h, size_t idx, int upper)
{
    return defer(g, t, h, (uint32_t)idx << 1 | (upper ? UPPER_BIT : 0));
}

/* The lead of a token: its first two code points (0 for a missing
 * second), case-mapped, as a 14-bit number when both are ASCII; -1 when
 * not (no filter then). A text token and an entry's first token that are
 * equal once mapped have the same lead. */
static long lead_of(const char *s, size_t n, int map)
{
    size_t i = 0;
    if (n == 0) return -1;
    int32_t c0 = map_cp(whosaid_utf8_next(s, n, &i), map);
    int32_t c1 = i < n ? map_cp(whosaid_utf8_next(s, n, &i), map) : 0;
    return c0 < 0x80 && c1 < 0x80 ? (long)(c0 << 7 | c1) : -1;
}

/* Records that an entry of ntok tokens starts with the token of hash h,
 * whose text is first[0..n) (mapped by map for the lead filter). */
static int first_put(whosaid_gazetteer *g, gaz_table *t, uint64_t h, size_t ntok, const char *first,
                     size_t n, int map)
{
    long lead = lead_of(first, n, map);
    if (lead >= 0) whosaid_bit_set(t->lead, (size_t)lead);
    return defer(g, t, h, ntok > UINT32_MAX ? UINT32_MAX : (uint32_t)ntok);
}

/* Tables a text token may start an entry of (tables_to_try()). */
enum { TRY_EXACT = 1, TRY_FOLD = 2 };

/* Rebuilds g->try_lead and g->try_any from the firsts tables. */
static void lead_tables(whosaid_gazetteer *g)
{
    g->try_any = (g->first_exact.count ? TRY_EXACT : 0) | (g->first_fold.count ? TRY_FOLD : 0);
    memset(g->try_lead, 0, sizeof g->try_lead);
    for (unsigned x = 0; x < (1u << 14); x++) {
        unsigned l0 = whosaid_ascii_lower((unsigned char)(x >> 7)),
                 l1 = whosaid_ascii_lower((unsigned char)(x & 0x7F));
        uint64_t tables = (whosaid_bit_test(g->first_exact.lead, x) ? TRY_EXACT : 0) |
                          (whosaid_bit_test(g->first_fold.lead, l0 << 7 | l1) ? TRY_FOLD : 0);
        g->try_lead[x / 32] |= (tables & g->try_any) << (x % 32 * 2);
    }
}

/* Makes the batched inserts and returns the batch memory. */
static int flush_all(whosaid_gazetteer *g)
{
    gaz_table *ts[] = {&g->exact, &g->fold, &g->first_exact, &g->first_fold};
    int rc = 0;
    for (size_t i = 0; i < sizeof ts / sizeof *ts; i++) {
        if (!rc) rc = flush(g, ts[i]);
        free(ts[i]->pend);
        ts[i]->pend = NULL;
        ts[i]->npend = 0;
    }
    free(g->sort_tmp);
    g->sort_tmp = NULL;
    /* Even after an error: a stale filter would hide the keys just added. */
    int frc = 0;
    for (size_t i = 0; i < sizeof ts / sizeof *ts && !frc; i++)
        frc = first_filter(ts[i]);
    lead_tables(g);
    return rc ? rc : frc;
}

/* The key hash of surface tokens under a case mapping; *first: of the first token. */
static uint64_t surface_hash(const whosaid_gazetteer *g, const char *surface, int map,
                             uint64_t *first)
{
    uint64_t h = KEY_SEED;
    for (size_t j = 0; j < g->toks.n; j++) {
        const whosaid_token *tk = &g->toks.v[j];
        h = key_step(h, tok_hash(surface + tk->start, tk->end - tk->start, map),
                     j > 0 && sep_before(&g->toks, j));
        if (j == 0) *first = h;
    }
    return h;
}

/* Whether upper-casing changes s (a name then also matches in ALL-CAPS). */
static int has_lower(const char *s)
{
    while (*s) {
        int32_t c = next_cp(&s);
        if (map_cp(c, MAP_UPPER) != c) return 1;
    }
    return 0;
}

static int add_entry(whosaid_gazetteer *g, whosaid_rulefile *rf, uint32_t file, int user,
                     int case_rule)
{
    const char *surface = whosaid_rulefile_field(rf, 0);
    const char *canonical = whosaid_rulefile_field(rf, 1);
    size_t slen = strlen(surface);
    if (whosaid_tokenize(surface, slen, NULL, 0, &g->toks)) return WHOSAID_ENOMEM;
    if (g->toks.n == 0) return WHOSAID_ESYNTAX;
    if (g->n >= MAX_ENTRIES) return WHOSAID_ELIMIT;
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 1024;
        gaz_rec *v = realloc(g->v, cap * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        g->v = v;
        g->cap = cap;
    }
    whosaid_buf_clear(&g->key);
    if (whosaid_tokens_key(surface, &g->toks, 0, g->toks.n, &g->key)) return WHOSAID_ENOMEM;
    long line = whosaid_rulefile_lineno(rf);
    gaz_rec e = {0,
                 0,
                 0,
                 0,
                 0,
                 file,
                 line > (long)UINT32_MAX ? UINT32_MAX : (uint32_t)line,
                 (uint8_t)(user != 0),
                 (uint8_t)case_rule};
    int rc = arena_add(g, surface, slen, &e.surface);
    e.key = e.canonical = e.surface;
    if (!rc && (g->key.len != slen || memcmp(g->key.data, surface, slen) != 0))
        rc = arena_add(g, g->key.data, g->key.len, &e.key);
    if (!rc && strcmp(canonical, surface) != 0)
        rc = arena_add(g, canonical, strlen(canonical), &e.canonical);
    if (!rc && g->attrs.len) rc = arena_add(g, g->attrs.data, g->attrs.len, &e.attrs);
    if (!rc) rc = intern_type(g, whosaid_rulefile_field(rf, 2), &e.type);
    if (rc) return rc;
    size_t idx = g->n++;
    g->v[idx] = e;
    size_t ntok = g->toks.n;
    const char *t0 = surface + g->toks.v[0].start;
    size_t n0 = g->toks.v[0].end - g->toks.v[0].start;
    uint64_t first, h;
    if (case_rule == CASE_FOLD) {
        h = surface_hash(g, surface, MAP_LOWER, &first);
        if (index_key(g, &g->fold, h, idx, 0) ||
            first_put(g, &g->first_fold, first, ntok, t0, n0, MAP_LOWER))
            return WHOSAID_ENOMEM;
        return 0;
    }
    h = surface_hash(g, surface, MAP_NONE, &first);
    if (index_key(g, &g->exact, h, idx, 0) ||
        first_put(g, &g->first_exact, first, ntok, t0, n0, MAP_NONE))
        return WHOSAID_ENOMEM;
    if (case_rule == CASE_EXACT || !has_lower(str_at(g, e.key))) return 0;
    h = surface_hash(g, surface, MAP_UPPER, &first);
    if (index_key(g, &g->exact, h, idx, 1) ||
        first_put(g, &g->first_exact, first, ntok, t0, n0, MAP_UPPER))
        return WHOSAID_ENOMEM;
    return 0;
}

/* Sizes the tables and arena for a file of fsize bytes up front, so a big
 * gazetteer is not rehashed and copied as it grows (~50 bytes a line). */
static int reserve_for(whosaid_gazetteer *g, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || st.st_size <= 0) return 0;
    size_t bytes = (size_t)st.st_size, lines = bytes / 50;
    /* Keys per line are 1 to 2 (names add an ALL-CAPS key); the table
     * doubles if this guess is short. */
    if (whosaid_buf_reserve(&g->arena, bytes)) return WHOSAID_ENOMEM;
    if (g->n + lines > g->cap) {
        gaz_rec *v = realloc(g->v, (g->n + lines) * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        g->v = v;
        g->cap = g->n + lines;
    }
    /* Only the keys table: first tokens repeat, so guessing their table's
     * size would overshoot, and batches grow it cheaply. */
    int rc = table_reserve(&g->exact, g->exact.count + lines);
    return rc == WHOSAID_ELIMIT ? 0 : rc;
}

int whosaid_gazetteer_load(whosaid_gazetteer *g, const char *path, int user, whosaid_error *err)
{
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return err ? err->code : WHOSAID_EIO;
    uint32_t file;
    int rc = reserve_for(g, path);
    if (!rc) rc = arena_add(g, path, strlen(path), &file);
    if (rc) {
        whosaid_rulefile_close(rf);
        return whosaid_error_set(err, rc, path, 0, "%s", whosaid_errmsg(rc));
    }
    while ((rc = whosaid_rulefile_next(rf, err)) == 1) {
        size_t nf = whosaid_rulefile_nfields(rf);
        int case_rule;
        if (nf < 3 || nf > 4) {
            rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                        "expected surface, canonical, TYPE and attributes "
                                        "separated by TABs, found %zu fields",
                                        nf);
            break;
        }
        if (!valid_type(whosaid_rulefile_field(rf, 2))) {
            rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX,
                                        "type '%s' must be upper-case letters or _",
                                        whosaid_rulefile_field(rf, 2));
            break;
        }
        rc = parse_attrs(rf, nf == 4 ? whosaid_rulefile_field(rf, 3) : "-", &case_rule, &g->attrs,
                         err);
        if (rc) break;
        rc = add_entry(g, rf, file, user, case_rule);
        if (rc) {
            whosaid_rulefile_error(rf, err, rc, "%s",
                                   rc == WHOSAID_ESYNTAX  ? "empty surface form"
                                   : rc == WHOSAID_ELIMIT ? "gazetteer too large"
                                                          : "out of memory");
            break;
        }
    }
    whosaid_rulefile_close(rf);
    /* Even after an error: what was loaded stays consistent and findable. */
    int frc = flush_all(g);
    if (rc >= 0 && frc) rc = whosaid_error_set(err, frc, path, 0, "%s", whosaid_errmsg(frc));
    return rc < 0 ? rc : 0;
}

static whosaid_gaz_entry view(const whosaid_gazetteer *g, size_t idx)
{
    const gaz_rec *e = &g->v[idx];
    return (whosaid_gaz_entry){str_at(g, e->surface),
                               str_at(g, e->canonical),
                               str_at(g, e->type),
                               str_at(g, e->attrs),
                               str_at(g, e->file),
                               (long)e->line,
                               e->user};
}

/* ---- matching --------------------------------------------------------- */

/* Whether tokens [i, i + k) start a line (a dateline: "SEOUL, March 3
 * (Reuters) -") or a word near them is ALL-CAPS too (the nearest word
 * before and after, up to 3 tokens away: a headline). A one-word match of a
 * name's ALL-CAPS key counts only there; elsewhere in mixed-case text the
 * word is an acronym ("the GAO", "NICE guidance"), not the name. */
static int caps_context(const whosaid_tokens *t, size_t i, size_t k)
{
    if (i == 0 || (t->v[i].flags & WHOSAID_TOK_NEWLINE)) return 1;
    for (size_t j = i, n = 0; j > 0 && n < 3; j--, n++)
        if (t->v[j - 1].flags & WHOSAID_TOK_WORD) {
            if (t->v[j - 1].flags & WHOSAID_TOK_ALLCAPS) return 1;
            break;
        }
    for (size_t j = i + k, n = 0; j < t->n && n < 3; j++, n++)
        if (t->v[j].flags & WHOSAID_TOK_WORD) return (t->v[j].flags & WHOSAID_TOK_ALLCAPS) != 0;
    return 0;
}

/* Longest match through one table pair: the first token's hash gives the
 * longest entry starting with it, the key hashes of tokens i.. are extended
 * token by token into hs, and token counts are tried from that longest
 * down to one; a hash hit counts only if the text equals the key. */
static size_t match_in(const whosaid_gazetteer *g, const gaz_table *keys, const gaz_table *firsts,
                       int fold, uint64_t first_tok, const char *text, const whosaid_tokens *t,
                       size_t i, size_t *idx, whosaid_buf *scratch)
{
    if (!firsts->count) return 0;
    uint64_t h = key_step(KEY_SEED, first_tok, 0);
    size_t longest = first_get(firsts, h);
    if (!longest) return 0;
    size_t max = t->n - i < longest ? t->n - i : longest;
    whosaid_buf_clear(scratch);
    if (whosaid_buf_reserve(scratch, max * sizeof(uint64_t))) return 0;
    uint64_t *hs = (uint64_t *)(void *)scratch->data; /* malloc'd: aligned for uint64_t */
    hs[0] = h;
    for (size_t k = 1; k < max; k++) {
        const whosaid_token *tk = &t->v[i + k];
        const char *s = text + tk->start;
        size_t n = tk->end - tk->start;
        hs[k] = key_step(hs[k - 1], fold ? tok_hash(s, n, MAP_LOWER) : tok_hash_exact(s, n),
                         sep_before(t, i + k));
    }
    size_t mask = ((size_t)1 << keys->bits) - 1;
    for (size_t k = max; k >= 1; k--) {
        uint32_t c = check_of(hs[k - 1]);
        /* Most lengths tried are no key: the filter says so from cache. */
        if (keys->filter && !whosaid_bit_test(keys->filter, filter_bit(keys, c))) continue;
        for (size_t p = home(keys, c); keys->slots[p].check; p = (p + 1) & mask) {
            if (keys->slots[p].check != c) continue;
            int map;
            const char *key = slot_key(g, keys->slots[p].value, &map);
            if (text_equal(text, t, i, k, fold ? MAP_LOWER : MAP_NONE, key, map) &&
                (map != MAP_UPPER || k > 1 || caps_context(t, i, k))) {
                *idx = keys->slots[p].value >> 1;
                return k;
            }
        }
    }
    return 0;
}

/* Which tables token tk of text may start an entry of: TRY_EXACT,
 * TRY_FOLD, or 0 for most tokens, which the lead filters turn away before
 * anything is hashed. Inline: a document's tokens are all asked. */

static inline unsigned tables_to_try(const whosaid_gazetteer *g, const char *text,
                                     const whosaid_token *tk)
{
    const unsigned char *s = (const unsigned char *)text + tk->start;
    size_t n = tk->end - tk->start;
    unsigned c1 = n > 1 ? s[1] : 0;
    if (!n || s[0] >= 0x80 || c1 >= 0x80) return g->try_any;
    unsigned x = (unsigned)s[0] << 7 | c1;
    return (unsigned)(g->try_lead[x / 32] >> (x % 32 * 2)) & (TRY_EXACT | TRY_FOLD);
}

/* whosaid_gazetteer_match at a token tables_to_try() let through, giving
 * the entry's number, not the entry. */
static size_t match_tables(const whosaid_gazetteer *g, const char *text, const whosaid_tokens *t,
                           size_t i, unsigned tables, size_t *idx, whosaid_buf *scratch)
{
    const whosaid_token *tk = &t->v[i];
    const char *s = text + tk->start;
    size_t n = tk->end - tk->start;
    uint64_t e = 0, l = 0;
    if (tables == (TRY_EXACT | TRY_FOLD))
        tok_hash2(s, n, &e, &l);
    else if (tables == TRY_EXACT)
        e = tok_hash_exact(s, n);
    else
        l = tok_hash(s, n, MAP_LOWER);
    size_t a_idx = 0, b_idx = 0;
    size_t a = 0, b = 0;
    if (tables & TRY_EXACT)
        a = match_in(g, &g->exact, &g->first_exact, 0, e, text, t, i, &a_idx, scratch);
    if (tables & TRY_FOLD)
        b = match_in(g, &g->fold, &g->first_fold, 1, l, text, t, i, &b_idx, scratch);
    if (a == 0 && b == 0) return 0;
    /* Longer wins; on a tie the case-sensitive entry is the more specific. */
    *idx = a >= b ? a_idx : b_idx;
    return a >= b ? a : b;
}

size_t whosaid_gazetteer_match(const whosaid_gazetteer *g, const char *text,
                               const whosaid_tokens *t, size_t i, whosaid_gaz_entry *entry,
                               whosaid_buf *scratch)
{
    if (i >= t->n) return 0;
    unsigned tables = tables_to_try(g, text, &t->v[i]);
    size_t idx = 0, k = tables ? match_tables(g, text, t, i, tables, &idx, scratch) : 0;
    if (k) *entry = view(g, idx);
    return k;
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

/* ---- one document's matches ------------------------------------------ */

#define MEMO_UNKNOWN UINT32_MAX /* no entry has this number (MAX_ENTRIES) */

struct whosaid_gaz_memo {
    const whosaid_gazetteer *g;
    const char *text;
    const whosaid_tokens *t;
    /* token i's match: tokens covered and entry number, or idx MEMO_UNKNOWN */
    struct memo_slot {
        uint32_t k, idx;
    } * v;
    size_t cap;
    whosaid_buf scratch;
};

whosaid_gaz_memo *whosaid_gaz_memo_new(void)
{
    return calloc(1, sizeof(whosaid_gaz_memo));
}

void whosaid_gaz_memo_free(whosaid_gaz_memo *m)
{
    if (!m) return;
    free(m->v);
    whosaid_buf_free(&m->scratch);
    free(m);
}

int whosaid_gaz_memo_reset(whosaid_gaz_memo *m, const whosaid_gazetteer *g, const char *text,
                           const whosaid_tokens *t)
{
    if (t->n > m->cap) {
        struct memo_slot *v = realloc(m->v, t->n * sizeof *v);
        if (!v) return WHOSAID_ENOMEM;
        m->v = v;
        m->cap = t->n;
    }
    if (t->n) memset(m->v, 0xFF, t->n * sizeof *m->v); /* every idx MEMO_UNKNOWN */
    m->g = g;
    m->text = text;
    m->t = t;
    return 0;
}

const whosaid_gazetteer *whosaid_gaz_memo_gazetteer(const whosaid_gaz_memo *m)
{
    return m->g;
}

/* Token i's answer looked up in the tables tables_to_try() gave it, and
 * kept in the memo. */
static struct memo_slot *memo_lookup(whosaid_gaz_memo *m, size_t i, unsigned tables)
{
    struct memo_slot *s = &m->v[i];
    size_t idx = 0,
           k = tables ? match_tables(m->g, m->text, m->t, i, tables, &idx, &m->scratch) : 0;
    /* k is at most a firsts table's value, a uint32_t */
    *s = (struct memo_slot){(uint32_t)k, (uint32_t)idx};
    return s;
}

/* Token i's answer, looked up if it is not in the memo yet. */
static struct memo_slot *memo_slot_at(whosaid_gaz_memo *m, size_t i)
{
    struct memo_slot *s = &m->v[i];
    if (s->idx == MEMO_UNKNOWN) s = memo_lookup(m, i, tables_to_try(m->g, m->text, &m->t->v[i]));
    return s;
}

size_t whosaid_gaz_memo_match(whosaid_gaz_memo *m, size_t i, whosaid_gaz_entry *entry)
{
    if (i >= m->t->n) return 0;
    const struct memo_slot *s = memo_slot_at(m, i);
    if (s->k) *entry = view(m->g, s->idx);
    return s->k;
}

size_t whosaid_gaz_memo_next(whosaid_gaz_memo *m, size_t *i, whosaid_gaz_entry *entry)
{
    /* Every token of a document passes here and most start no entry
     * (tables_to_try() says so from two bytes): that test is made with
     * the memo's fields in locals, which a lookup's call would make the
     * compiler load again for every token. */
    const whosaid_gazetteer *g = m->g;
    const char *text = m->text;
    const whosaid_token *tv = m->t->v;
    struct memo_slot *v = m->v;
    for (size_t j = *i, n = m->t->n; j < n; j++) {
        const struct memo_slot *s = &v[j];
        if (s->idx == MEMO_UNKNOWN) {
            unsigned tables = tables_to_try(g, text, &tv[j]);
            if (!tables) {
                v[j] = (struct memo_slot){0, 0};
                continue;
            }
            s = memo_lookup(m, j, tables);
        }
        if (s->k) {
            *i = j;
            *entry = view(m->g, s->idx);
            return s->k;
        }
    }
    *i = m->t->n;
    return 0;
}
