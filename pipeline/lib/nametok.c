/* Tests of one token or a short span of tokens for the name heuristics
 * (names_impl.h): in a word list, a title phrase, a connector, a call
 * sign, a calendar word, a direction, a gazetteer entry, a person's name
 * by its first or family name. Keeps nothing of its own: answers go into
 * each token's cache entry (nm->tk), the names' scratch buffers or their
 * calendar word cache (nm->cal_cache), so a test costs a hash lookup or
 * two and allocates nothing per token. */
#include "whosaid/names_impl.h"

#include <string.h>

#include "whosaid/utf8.h"

/* Longest title phrase, in tokens ("Lt. Gen." is four). */
#define MAX_TITLE_TOKENS 6

/* s[0..n) is ASCII without a capital: lower-casing leaves it as it is. */
static int lower_ascii(const char *s, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        unsigned char b = (unsigned char)s[j];
        if (b >= 0x80 || (unsigned)(b - 'A') < 26) return 0;
    }
    return 1;
}

int whosaid_nametok_lower(const doc *d, size_t i, struct tokkey *k)
{
    const char *s = tok_s(d, i);
    size_t n = tok_len(d, i);
    /* Most words asked in lower case are written so ("said", "the"): their
     * key is the text, hashed once for both lookups. */
    if (lower_ascii(s, n)) {
        if (!(k->have & HAVE_EXACT)) {
            k->hx = whosaid_hashmap_hash(s, n);
            k->have |= HAVE_EXACT;
        }
        k->hl = k->hx;
        k->lolen = n;
        k->have |= HAVE_LOWER | LOWER_IS_TEXT;
        return 0;
    }
    whosaid_buf *low = &d->nm->low;
    k->lo = low->len;
    if (whosaid_utf8_lower(s, n, low)) return WHOSAID_ENOMEM;
    k->lolen = low->len - k->lo;
    k->hl = whosaid_hashmap_hash(low->data ? low->data + k->lo : "", k->lolen);
    k->have |= HAVE_LOWER;
    return 0;
}

/* The lower-cased key of tokens [a, b) in nm->key, joined as
 * whosaid_tokens_key joins them, from each token's lower case kept in its
 * cache entry (a word is lowered once per document however many phrases
 * it is in; lower-casing maps code point by code point, so this is the
 * joined key lowered). start and end (or NULL) get where each token's
 * bytes lie, so the key of [i, j) is start[i - a] to end[j - 1 - a].
 * 0 or WHOSAID_ENOMEM. */
static int lowered_key(const doc *d, size_t a, size_t b, size_t *start, size_t *end)
{
    whosaid_buf *key = &d->nm->key;
    whosaid_buf_clear(key);
    for (size_t k = a; k < b; k++) {
        if (k > a && (d->t->v[k].flags & WHOSAID_TOK_SPACE) &&
            !(d->t->v[k].flags & WHOSAID_TOK_POSSESSIVE) && whosaid_buf_append_char(key, ' '))
            return WHOSAID_ENOMEM;
        size_t len;
        const char *low = tok_lower(d, k, &len);
        if (start) start[k - a] = key->len;
        if (!low || whosaid_buf_append(key, low, len)) return WHOSAID_ENOMEM;
        if (end) end[k - a] = key->len;
    }
    return 0;
}

/* Whether map may hold the lower-cased key of tokens [a, b) (b > a + 1),
 * by its length and first and last byte, known from the tokens' cache
 * entries (whosaid_hashmap_may_have_sig): most phrases around a run are
 * in no context list, and this turns them away before the key is joined
 * and hashed. 1 when unsure (a token lowered to nothing, ENOMEM). */
static int lowered_key_may_be_in(const doc *d, const whosaid_hashmap *map, size_t a, size_t b)
{
    size_t len = 0, n;
    unsigned char first = 0, last = 0;
    for (size_t k = a; k < b; k++) {
        if (k > a && (d->t->v[k].flags & WHOSAID_TOK_SPACE) &&
            !(d->t->v[k].flags & WHOSAID_TOK_POSSESSIVE))
            len++;
        const char *low = tok_lower(d, k, &n);
        if (!low || n == 0) return 1;
        if (k == a) first = (unsigned char)low[0];
        last = (unsigned char)low[n - 1];
        len += n;
    }
    return whosaid_hashmap_may_have_sig(map,
                                        whosaid_sig(len, first, last, WHOSAID_HASHMAP_SIG_BITS));
}

/* Tokens [a, b) as one key (as written or lower-cased) in map. The key
 * is built in the names' scratch buffers: this runs several times per
 * token, so it must not allocate. One token needs no key: its cache entry
 * has it, hashed. */
int whosaid_nametok_span_in(const doc *d, whosaid_hashmap *map, size_t a, size_t b, int lower)
{
    if (b == a + 1) return lower ? in_lower(d, map, a) : in_exact(d, map, a);
    if (lower) {
        if (!lowered_key_may_be_in(d, map, a, b)) return 0;
        whosaid_buf *key = &d->nm->key;
        return lowered_key(d, a, b, NULL, NULL) == 0 && key->data &&
               whosaid_hashmap_get(map, key->data, key->len, NULL);
    }
    whosaid_buf *raw = &d->nm->raw;
    whosaid_buf_clear(raw);
    if (whosaid_tokens_key(d->text, d->t, a, b, raw) != 0 || !raw->data) return 0;
    return whosaid_hashmap_get(map, raw->data, raw->len, NULL);
}

/* A broadcaster's call sign: a digit, then two to four capitals ("6PR",
 * "3AW", "2GB"). Only context makes it a name (see type_run_inner in nametype.c). */
int whosaid_nametok_is_callsign(const doc *d, size_t i)
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
int whosaid_nametok_is_callsign_run(const doc *d, size_t a, size_t b)
{
    if (b - a == 1) return whosaid_nametok_is_callsign(d, a);
    if (b - a != 2 || !whosaid_nametok_is_callsign(d, a + 1) || tok_len(d, a) < 2 ||
        tok_len(d, a) > 4)
        return 0;
    for (size_t k = 0; k < tok_len(d, a); k++)
        if (tok_s(d, a)[k] < '0' || tok_s(d, a)[k] > '9') return 0;
    return 1;
}

/* Lower-case particles inside names: "Bank of America", "Ludwig van
 * Beethoven". By length, so a token (most are asked) is compared only with
 * the words as long as it. */
int whosaid_nametok_is_connector(const doc *d, size_t i)
{
    static const char *const words[][11] = {
        {NULL},
        {"y", "&", NULL},
        {"of", "de", "da", "di", "la", "le", "du", "al", "el", "ul", NULL},
        {"del", "van", "von", "der", "den", "dos", "das", "bin", "ibn", "abu", "ben"},
        {"bint", NULL},
        {"della", NULL}};
    enum { MAX_LEN = sizeof words / sizeof *words - 1 };
    if (i >= d->t->n) return 0;
    size_t n = tok_len(d, i);
    if (n > MAX_LEN) return 0;
    const char *s = tok_s(d, i);
    const char *const *w = words[n];
    for (size_t k = 0; k < sizeof *words / sizeof **words && w[k]; k++)
        if (s[0] == w[k][0] && memcmp(s, w[k], n) == 0) return 1;
    return 0;
}

/* s[0..n) is all ASCII. By words, not bytes: every capitalized word is
 * asked, and a byte loop cost more than the rest of title_bits. */
static int all_ascii(const unsigned char *s, size_t n)
{
    uint64_t any = 0; /* the bytes or'd: ASCII if no high bit is set */
    if (n >= 8) {
        uint64_t w;
        for (size_t j = 0; j + 8 < n; j += 8) {
            memcpy(&w, s + j, 8);
            any |= w;
        }
        memcpy(&w, s + n - 8, 8); /* the last 8, overlapping the loop's */
        any |= w;
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        any = a | b;
    } else {
        for (size_t j = 0; j < n; j++)
            any |= s[j];
    }
    return !(any & UINT64_C(0x8080808080808080));
}

/* Which of a title's first (TITLE_FIRST), last (TITLE_LAST) or any token
 * (TITLE_ANY) token i may be: not one if it is ASCII and its lower-cased
 * signature is not in that filter. Worked out once per token and document. */
static __attribute__((noinline)) unsigned title_bits(const doc *d, size_t i)
{
    struct tokkey *k = tokkey_of(d, i);
    if (!(k->have & HAVE_TITLE)) {
        const unsigned char *s = (const unsigned char *)tok_s(d, i);
        size_t n = tok_len(d, i);
        if (n == 0 || !all_ascii(s, n)) {
            k->title = TITLE_FIRST | TITLE_LAST | TITLE_ANY;
        } else {
            unsigned sig = whosaid_sig(n, whosaid_ascii_lower(s[0]), whosaid_ascii_lower(s[n - 1]),
                                       TITLE_SIG_BITS);
            k->title = d->nm->title_sig[sig];
        }
        k->have |= HAVE_TITLE;
    }
    return k->title;
}

/* title_bits(), inline when the token's answer is known: the title
 * searches ask each token several times. */
static inline int may_be_title_end(const doc *d, size_t i, int which)
{
    const struct tokkey *k = &d->nm->tk[i];
    if (k->gen == d->nm->gen && (k->have & HAVE_TITLE)) return k->title & which;
    return (int)(title_bits(d, i) & (unsigned)which);
}

/* Longest title phrase ending at token e-1 (lower-cased match); 0 if none. */
size_t whosaid_nametok_title_ending_at(const doc *d, size_t e)
{
    if (e == 0 || e > d->t->n || !may_be_title_end(d, e - 1, TITLE_LAST)) return 0;
    size_t lim = e < MAX_TITLE_TOKENS ? e : MAX_TITLE_TOKENS, n = 1, start[MAX_TITLE_TOKENS],
           end[MAX_TITLE_TOKENS];
    /* Only phrases of title words, whose first token may start a title,
     * are keyed and probed: most words before a name are in no title. */
    while (n < lim && may_be_title_end(d, e - n - 1, TITLE_ANY))
        n++;
    while (n > 0 && !may_be_title_end(d, e - n, TITLE_FIRST))
        n--;
    if (n == 0) return 0;
    if (n > 1) {
        if (lowered_key(d, e - n, e, start, end)) return 0;
        const whosaid_buf *key = &d->nm->key;
        for (size_t k = n; k >= 2; k--)
            if ((k == n || may_be_title_end(d, e - k, TITLE_FIRST)) &&
                whosaid_hashmap_get(d->nm->titles, key->data + start[n - k],
                                    key->len - start[n - k], NULL))
                return k;
    }
    /* One word, the usual title before a name, is keyed by its cache entry. */
    return may_be_title_end(d, e - 1, TITLE_FIRST) && in_lower(d, d->nm->titles, e - 1);
}

/* Longest title phrase starting at token a within [a, b); 0 if none. */
size_t whosaid_nametok_title_starting_at(const doc *d, size_t a, size_t b)
{
    size_t lim = a >= b                     ? 0
                 : b - a < MAX_TITLE_TOKENS ? b - a
                                            : MAX_TITLE_TOKENS,
           n = 1, start[MAX_TITLE_TOKENS], end[MAX_TITLE_TOKENS];
    if (lim == 0 || !may_be_title_end(d, a, TITLE_FIRST)) return 0;
    /* Only phrases of title words, whose last token may end a title, are
     * keyed and probed. */
    while (n < lim && may_be_title_end(d, a + n, TITLE_ANY))
        n++;
    while (n > 0 && !may_be_title_end(d, a + n - 1, TITLE_LAST))
        n--;
    if (n == 0) return 0;
    if (n > 1) {
        if (lowered_key(d, a, a + n, start, end)) return 0;
        for (size_t k = n; k >= 2; k--)
            if ((k == n || may_be_title_end(d, a + k - 1, TITLE_LAST)) &&
                whosaid_hashmap_get(d->nm->titles, d->nm->key.data, end[k - 1], NULL))
                return k;
    }
    /* One word: keyed by its cache entry, as above. */
    return may_be_title_end(d, a, TITLE_LAST) && in_lower(d, d->nm->titles, a);
}

int whosaid_nametok_all_common(const doc *d, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!whosaid_nametok_is_connector(d, i) && !in_lower(d, d->nm->common, i)) return 0;
    return 1;
}

/* The word cache's miss path: a month's or weekday's name, as any non-NULL
 * pointer (the cache keeps pointers). */
static const void *calendar_answer(const void *cal, unsigned tag, const char *s, size_t n)
{
    static const char yes;
    (void)tag;
    return whosaid_calendar_month(cal, s, n) || whosaid_calendar_weekday(cal, s, n) ? &yes : NULL;
}

int whosaid_nametok_is_calendar_word(const doc *d, size_t i)
{
    struct tokkey *k = tokkey_of(d, i);
    if (!(k->have & HAVE_CAL)) {
        k->cal = whosaid_wordcache_get(d->nm->cal_cache, 0, tok_s(d, i), tok_len(d, i),
                                       calendar_answer, d->nm->cal) != NULL;
        k->have |= HAVE_CAL;
    }
    return k->cal;
}

int whosaid_nametok_all_not_names(const doc *d, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!in_exact(d, d->nm->not_names, i) && !whosaid_nametok_is_calendar_word(d, i)) return 0;
    return 1;
}

/* A word that could be part of a name nobody listed: capitalized (not an
 * acronym), not an ordinary word, not a month. */
int whosaid_nametok_has_digit(const doc *d, size_t i)
{
    for (size_t k = 0; k < tok_len(d, i); k++)
        if (tok_s(d, i)[k] >= '0' && tok_s(d, i)[k] <= '9') return 1;
    return 0;
}

int whosaid_nametok_name_like(const doc *d, size_t i)
{
    uint32_t f = d->t->v[i].flags;
    return (f & WHOSAID_TOK_CAP) && !(f & WHOSAID_TOK_ALLCAPS) &&
           !whosaid_nametok_has_digit(d, i) && !in_lower(d, d->nm->common, i) &&
           !in_exact(d, d->nm->not_names, i) && !whosaid_nametok_is_calendar_word(d, i);
}

/* A word that may be the surname after a given name: one that could be
 * part of a name, or a family name that is also an ordinary word
 * (word-names.txt kind surname: "Smith", "Baker"). */
int whosaid_nametok_surname_like(const doc *d, size_t i)
{
    uint32_t f = d->t->v[i].flags;
    return whosaid_nametok_name_like(d, i) ||
           ((f & WHOSAID_TOK_CAP) && !(f & WHOSAID_TOK_ALLCAPS) &&
            in_exact(d, d->nm->word_surnames, i));
}

int whosaid_nametok_is_direction(const doc *d, size_t i)
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
int whosaid_nametok_is_plural_name(const doc *d, size_t i)
{
    size_t n = tok_len(d, i);
    return n > 3 && tok_s(d, i)[n - 1] == 's' && (d->t->v[i].flags & WHOSAID_TOK_CAP) &&
           !(d->t->v[i].flags & WHOSAID_TOK_ALLCAPS) && !in_exact(d, d->nm->not_names, i);
}

/* "Journal", "Courier-Statesman", "Star-Telegram": the last word of a
 * news outlet's name (org-words.txt kind outlet). Papers merged from two
 * are named by a hyphenated pair of capitalized words, the last one an
 * outlet's word; "All-Star" (a word of its own) is none. */
int whosaid_nametok_is_outlet_word(const doc *d, size_t i)
{
    if (in_exact(d, d->nm->org_outlet, i)) return 1;
    const char *s = tok_s(d, i);
    size_t n = tok_len(d, i);
    const char *h = s + n;
    while (h > s && h[-1] != '-')
        h--;
    h--; /* at the last hyphen, or before s if there is none */
    if (h - s < 3 || h + 2 >= s + n || !(d->t->v[i].flags & WHOSAID_TOK_CAP) || h[1] < 'A' ||
        h[1] > 'Z' || in_lower(d, d->nm->common, i))
        return 0;
    return whosaid_hashmap_get(d->nm->org_outlet, h + 1, (size_t)(s + n - h - 1), NULL);
}

/* "JetBlue", "WorldCom", "DaimlerChrysler": a capital inside a word after
 * lower-case letters, then more lower-case letters, is how firms and
 * brands write their names; people's names do so only after a prefix
 * ("McNab", "MacArthur", "LeBron", "DeSantis", "DiMaggio", "VanDyke"). */
int whosaid_nametok_is_camel_case(const doc *d, size_t i)
{
    static const char *const prefixes[] = {"Mc", "Mac", "Le",  "La",  "De",  "Des", "Di",
                                           "Da", "Du",  "Van", "Von", "Del", "Dal", NULL};
    const char *s = tok_s(d, i);
    size_t n = tok_len(d, i), k = 1;
    if (n < 5 || !(d->t->v[i].flags & WHOSAID_TOK_CAP) || s[0] < 'A' || s[0] > 'Z') return 0;
    while (k < n && s[k] >= 'a' && s[k] <= 'z')
        k++;
    if (k == 1 || k >= n || s[k] < 'A' || s[k] > 'Z') return 0;
    size_t low = 0;
    while (k + 1 + low < n && s[k + 1 + low] >= 'a' && s[k + 1 + low] <= 'z')
        low++;
    if (low < 2) return 0; /* "PhD", "MoU" */
    for (const char *const *p = prefixes; *p; p++)
        if (strlen(*p) == k && memcmp(s, *p, k) == 0) return 0;
    return 1;
}

int whosaid_nametok_all_name_like(const doc *d, size_t a, size_t b)
{
    if (a >= b || b - a > 3) return 0;
    for (size_t i = a; i < b; i++)
        if (!whosaid_nametok_name_like(d, i)) return 0;
    return 1;
}

int whosaid_nametok_looks_like_person(const doc *d, size_t a, size_t b)
{
    size_t n = b - a;
    /* ALL-CAPS is an acronym ("SIA", "KIM" as a company) or a headline. */
    if (n > 4 || (d->t->v[a].flags & WHOSAID_TOK_ALLCAPS)) return 0;
    if (in_lower(d, d->nm->first_names, a) && !whosaid_nametok_is_calendar_word(d, a)) return 1;
    /* "Hong Lei", "Park Jae-moon": family name first. */
    if (n >= 2 && n <= 3 && in_exact(d, d->nm->surnames, a)) return 1;
    return 0;
}

int whosaid_nametok_has_connector(const doc *d, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (whosaid_nametok_is_connector(d, i)) return 1;
    return 0;
}

/* whosaid_gazetteer_match at token i, from the document's memo: the
 * tagger's gazetteer pass has asked at most tokens already. */
size_t whosaid_nametok_gaz_match(const doc *d, size_t i, whosaid_gaz_entry *e)
{
    return whosaid_gaz_memo_match(d->gm, i, e);
}

/* Whether [a, b) is exactly one gazetteer entry (the gazetteer tags it). */
int whosaid_nametok_is_gazetteer_entry(const doc *d, size_t a, size_t b)
{
    whosaid_gaz_entry e;
    return whosaid_nametok_gaz_match(d, a, &e) == b - a;
}
