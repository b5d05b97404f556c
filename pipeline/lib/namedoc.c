/* What the whole document says about its names (names_impl.h): the
 * people named in full, the organizations and places typed by their shape
 * (for the same words where nothing shows a type), companies' and clubs'
 * short names ("Halvorsen" for "Halvorsen Semiconductor Inc", "Ribeira"
 * for "Atlético Ribeira"; a company's, written with its legal form, above a
 * person of the same name) and members of lists
 * after organization nouns in the plural ("bands such as X, Y and Z") or
 * among organizations ("Chrysler, Ford, and General Motors").
 * Keeps its memory in nm->doc_people and nm->doc_names (hash maps cleared
 * per document); a few passes over the runs and one over the tokens. */
#include "whosaid/names_impl.h"

#include <stdlib.h>
#include <string.h>

/* Words of the people named in full, so a lone "Hong" or "Park" later (or
 * earlier) is that person. */
int whosaid_namedoc_remember_people(const doc *d, const runs *rs)
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

/* "Sen. Ron Haskell ... a spokeswoman for Haskell": the words around a
 * lone word ("spokeswoman for", "analysts at") fit a person as well as an
 * organization, and the article has named this one in full. Done before
 * the organizations are remembered, so "Haskell said" stays the man. */
void whosaid_namedoc_people_over_context(const doc *d, runs *rs)
{
    for (size_t k = 0; k < rs->n; k++) {
        run *r = &rs->v[k];
        if (r->type == ORG && r->context && r->b - r->a == 1 &&
            in_exact(d, d->nm->doc_people, r->a))
            r->type = PERSON;
    }
}

/* A doc_names value: the type, WEAK_BIT, COMPANY_BIT, and for a company's
 * short name the run (index + 1) of its full name, or AMBIGUOUS_CO for two
 * companies. */
#define TYPE_MASK ((uint64_t)0xff)

#define WEAK_BIT ((uint64_t)1 << 8)

/* The short name of a company written with its legal form or a company
 * head here ("Ford" of "Ford Motor Co."): the company wherever no person's
 * mark shows the person (whosaid_namedoc_is_company_name). */
#define COMPANY_BIT ((uint64_t)1 << 9)

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
    uint64_t v = (uint64_t)ORG | COMPANY_BIT | (in_lower(d, d->nm->common, a) ? WEAK_BIT : 0);
    return whosaid_hashmap_put(d->nm->doc_names, key->data, key->len, v) < 0 ? WHOSAID_ENOMEM : 0;
}

/* "Hurricane Harvey" ... "Harvey killed 68 people": an event word before
 * one given name (storms are named so: misc-words.txt, kind first) makes
 * that name alone the event in the same article, no person (MISC, never
 * proposed). Battles and treaties are named after places, which keep
 * their type: only a given name counts. */
static int remember_storm(const doc *d, const run *r)
{
    size_t w = r->b - 1;
    if (r->b - r->a < 2 || r->b - r->a > 3 ||
        !whosaid_nametok_span_in(d, d->nm->misc_first, r->a, w, 0) ||
        !in_lower(d, d->nm->first_names, w) || in_exact(d, d->nm->doc_people, w))
        return 0;
    return whosaid_hashmap_put(d->nm->doc_names, tok_s(d, w), tok_len(d, w), MISC) < 0
               ? WHOSAID_ENOMEM
               : 0;
}

/* Run r is exactly an organization of the gazetteer (which tags it; the
 * heuristics leave such runs untyped). */
static int gazetteer_org(const doc *d, const run *r)
{
    whosaid_gaz_entry e;
    return whosaid_nametok_gaz_match(d, r->a, &e) == r->b - r->a && strcmp(e.type, "ORG") == 0;
}

/* Organizations and places typed by their shape, so the same name where
 * nothing shows its type takes it too; a team's nickname stands for the
 * team ("Texas Longhorns" ... "the Longhorns" ... "Three Longhorns"). */
int whosaid_namedoc_remember_names(const doc *d, const runs *rs)
{
    whosaid_buf *key = &d->nm->raw;
    for (size_t k = 0; k < rs->n; k++) {
        const run *r = &rs->v[k];
        if (r->type == NONE && r->short_org && remember_short_name(d, r)) return WHOSAID_ENOMEM;
        if (r->type == MISC && remember_storm(d, r)) return WHOSAID_ENOMEM;
        /* The gazetteer's organizations count too: "European Commission"
         * ... "the Commission" (only their head words: the gazetteer types
         * the name itself). */
        int gaz_org = r->type == NONE && r->b - r->a >= 2 &&
                      in_exact(d, d->nm->org_words, r->b - 1) && gazetteer_org(d, r);
        if (!gaz_org && ((r->type != ORG && r->type != LOCATION) || r->b <= r->a)) continue;
        /* "Australian League of Rights" ... "the League": the head words of
         * an organization named in full, under a key no name can have. */
        int heads = gaz_org || (r->type == ORG && !r->weak && r->b - r->a >= 2);
        for (size_t i = r->a; heads && i < r->b; i++) {
            if (!in_exact(d, d->nm->org_words, i)) continue;
            whosaid_buf_clear(key);
            if (whosaid_buf_append(key, "\x01", 1) ||
                whosaid_buf_append(key, tok_s(d, i), tok_len(d, i)) ||
                whosaid_hashmap_put(d->nm->doc_names, key->data, key->len, ORG) < 0)
                return WHOSAID_ENOMEM;
        }
        if (gaz_org) continue;
        size_t from[2] = {r->a, r->b - 1};
        int n = r->type == ORG && r->b - r->a >= 2 && whosaid_nametok_is_plural_name(d, r->b - 1)
                    ? 2
                    : 1;
        for (int i = 0; i < n; i++) {
            whosaid_buf_clear(key);
            if (whosaid_tokens_key(d->text, d->t, from[i], r->b, key)) return WHOSAID_ENOMEM;
            /* A type from weak evidence never replaces one from strong evidence. */
            uint64_t old = 0;
            int had = whosaid_hashmap_get(d->nm->doc_names, key->data, key->len, &old);
            if (r->weak && had && !(old & WEAK_BIT)) continue;
            uint64_t v = (uint64_t)r->type | (r->weak ? WEAK_BIT : 0);
            if ((old & TYPE_MASK) == (uint64_t)r->type) v |= old & COMPANY_BIT;
            if (whosaid_hashmap_put(d->nm->doc_names, key->data, key->len, v) < 0)
                return WHOSAID_ENOMEM;
        }
    }
    return 0;
}

/* Puts [x, y) as the short name of the company of run k. A known name
 * (a place, a demonym: "American Capital") or a type other than ORG
 * already seen there is left alone; two companies sharing it link neither.
 * legal: the company was written with its legal form or a company head,
 * which outweighs a person of the article with the same surname ("Ford
 * Motor Co." and "William Clay Ford Jr.": "Ford" alone is the company). */
static int put_short_name(const doc *d, const runs *rs, size_t k, size_t x, size_t y, int legal)
{
    if (whosaid_nametok_is_gazetteer_entry(d, x, y) || whosaid_nametok_all_not_names(d, x, y) ||
        (!legal && y - x == 1 && in_exact(d, d->nm->doc_people, x)))
        return 0;
    whosaid_buf *key = &d->nm->raw;
    whosaid_buf_clear(key);
    if (whosaid_tokens_key(d->text, d->t, x, y, key) || !key->data) return WHOSAID_ENOMEM;
    uint64_t old = 0, co = k + 1;
    int had = whosaid_hashmap_get(d->nm->doc_names, key->data, key->len, &old);
    if (had && (old & TYPE_MASK) != ORG) return 0;
    /* An ordinary word ("Apple", "Summit") stands for the company only
     * inside a sentence, as remember_short_name does. */
    uint64_t weak = had ? old & WEAK_BIT : whosaid_nametok_all_common(d, x, y) ? WEAK_BIT : 0;
    uint64_t prev = had ? (old >> CO_SHIFT) & AMBIGUOUS_CO : 0;
    if (prev == AMBIGUOUS_CO) return 0;
    if (prev && prev != co) {
        const run *p = &rs->v[prev - 1], *r = &rs->v[k];
        size_t ps = d->t->v[p->a].start, pe = d->t->v[p->b - 1].end;
        size_t s = d->t->v[r->a].start, e = d->t->v[r->b - 1].end;
        co =
            pe - ps == e - s && memcmp(d->text + ps, d->text + s, e - s) == 0 ? prev : AMBIGUOUS_CO;
    }
    uint64_t v =
        (uint64_t)ORG | weak | (co << CO_SHIFT) | (legal ? COMPANY_BIT : old & COMPANY_BIT);
    return whosaid_hashmap_put(d->nm->doc_names, key->data, key->len, v) < 0 ? WHOSAID_ENOMEM : 0;
}

/* "Atlético Ribeira" ... "Ribeira's coach", "Tranmere Rovers" ...
 * "Tranmere said", "Brookings Institution" ... "Brookings": an
 * organization of two words, a head word (org-words.txt: a first word, a
 * last word or a club's) and a word that is no ordinary word, given name,
 * title or place, is named by that word alone elsewhere in the article. */
static int head_and_word(const doc *d, const runs *rs, size_t k)
{
    const run *r = &rs->v[k];
    if (r->b - r->a != 2) return 0;
    size_t w;
    if (in_exact(d, d->nm->org_first, r->a))
        w = r->a + 1;
    else if (in_exact(d, d->nm->org_words, r->b - 1) || in_exact(d, d->nm->org_club, r->b - 1))
        w = r->a;
    else
        return 0;
    if (!whosaid_nametok_name_like(d, w) || in_lower(d, d->nm->common, w) ||
        (d->t->v[w].flags & WHOSAID_TOK_ALLCAPS) || in_exact(d, d->nm->org_words, w) ||
        whosaid_nametok_looks_like_person(d, w, w + 1) ||
        whosaid_nametok_title_starting_at(d, w, w + 1) || whosaid_nametok_is_direction(d, w))
        return 0;
    return put_short_name(d, rs, k, w, w + 1, 0);
}

/* [a, b) is exactly a gazetteer organization whose canonical name is its
 * own first word. */
static int gazetteer_short_name(const doc *d, size_t a, size_t b)
{
    whosaid_gaz_entry g;
    return whosaid_nametok_gaz_match(d, a, &g) == b - a && strcmp(g.type, "ORG") == 0 &&
           strlen(g.canonical) == tok_len(d, a) &&
           memcmp(g.canonical, tok_s(d, a), tok_len(d, a)) == 0;
}

/* "Halvorsen Semiconductor Inc" ... "Halvorsen said": an organization
 * whose name ends in a legal form or a company head (org-words.txt, kinds
 * legal and corp) is named by the words before those ("Halvorsen
 * Semiconductor"), and by their first word when that is no ordinary word,
 * no given name and no title ("Goldman Sachs Group" -> "Goldman"). */
int whosaid_namedoc_remember_companies(const doc *d, const runs *rs)
{
    for (size_t k = 0; k < rs->n; k++) {
        const run *r = &rs->v[k];
        if (r->type != ORG || r->weak || r->b - r->a < 2) continue;
        size_t e = r->b;
        while (e > r->a && (in_exact(d, d->nm->org_legal, e - 1) ||
                            in_exact(d, d->nm->org_corp, e - 1) || tok_is(d, e - 1, ".") ||
                            tok_is(d, e - 1, ",") || whosaid_nametok_is_connector(d, e - 1)))
            e--;
        if (e == r->b || e == r->a) {
            if (e == r->b && head_and_word(d, rs, k)) return WHOSAID_ENOMEM;
            continue;
        }
        /* "Ford Motor Co.": a gazetteer company named by its first word
         * ("Ford Motor", canonical "Ford"), then a legal form. */
        if (gazetteer_short_name(d, r->a, e) && put_short_name(d, rs, k, r->a, r->a + 1, 1))
            return WHOSAID_ENOMEM;
        /* A head word left inside ("Bank of America Corp") is no short name. */
        if (in_exact(d, d->nm->org_words, e - 1) || in_exact(d, d->nm->org_first, r->a)) continue;
        if (put_short_name(d, rs, k, r->a, e, 1)) return WHOSAID_ENOMEM;
        if (e - r->a >= 2 && !whosaid_nametok_has_connector(d, r->a, e) &&
            whosaid_nametok_name_like(d, r->a) &&
            !whosaid_nametok_looks_like_person(d, r->a, r->a + 1) &&
            !whosaid_nametok_title_starting_at(d, r->a, r->a + 1) &&
            !whosaid_nametok_is_direction(d, r->a) && put_short_name(d, rs, k, r->a, r->a + 1, 1))
            return WHOSAID_ENOMEM;
    }
    return 0;
}

/* The full name of the company whose short name is [a, b), or NULL. */
const run *whosaid_namedoc_company_of(const doc *d, size_t a, size_t b)
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

/* [a, b) is the short name of a company this article wrote with its legal
 * form or a company head; an ordinary word ("Ford") only inside a
 * sentence, unless the caller saw it act as a name (any_place). */
int whosaid_namedoc_is_company_name(const doc *d, size_t a, size_t b, int any_place)
{
    uint64_t v = 0;
    whosaid_buf *key = &d->nm->raw;
    whosaid_buf_clear(key);
    if (b <= a || whosaid_tokens_key(d->text, d->t, a, b, key) || !key->data ||
        !whosaid_hashmap_get(d->nm->doc_names, key->data, key->len, &v))
        return 0;
    if ((v & TYPE_MASK) != ORG || !(v & COMPANY_BIT)) return 0;
    return any_place || !(v & WEAK_BIT) || !(d->t->v[a].flags & WHOSAID_TOK_SENT_START);
}

/* The type remembered for [a, b), or NONE; with strong_only, only a type
 * that strong evidence gave. */
int whosaid_namedoc_remembered(const doc *d, size_t a, size_t b, int strong_only)
{
    uint64_t v = NONE;
    if (b == a + 1 && tok_len(d, a)) {
        /* One token (most runs) is its own key, hashed in its cache entry. */
        get_exact(d, d->nm->doc_names, a, &v);
    } else {
        whosaid_buf *key = &d->nm->raw;
        whosaid_buf_clear(key);
        if (b <= a || whosaid_tokens_key(d->text, d->t, a, b, key) || !key->data) return NONE;
        whosaid_hashmap_get(d->nm->doc_names, key->data, key->len, &v);
    }
    if (strong_only && (v & WEAK_BIT)) return NONE;
    return (int)(v & TYPE_MASK);
}

/* "the League", "the Party" after "the Australian League of Rights": an
 * organization's head word alone, capitalized after "the", stands for the
 * organization of this article that has it. */
int whosaid_namedoc_refers_to_org(const doc *d, const run *r)
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

/* p sorts after q: by first token, then by end. */
static int run_after(const run *p, const run *q)
{
    return p->a > q->a || (p->a == q->a && p->b > q->b);
}

static int run_cmp(const void *x, const void *y)
{
    const run *p = x, *q = y;
    return run_after(p, q) - run_after(q, p);
}

/* Runs out of place that an insertion sort still takes; more go to qsort,
 * so a document of many splits does not sort in quadratic time. */
#define FEW_OUT_OF_PLACE 16

/* Sorts rs by run_after, stably (equal runs keep their order, as glibc's
 * merge-sorting qsort kept them). namerun.c finds the runs in text order
 * and only the parts split at "of" are appended out of place, so an
 * insertion sort costs about one comparison a run where qsort cost a
 * merge sort through a comparison function. */
static void sort_runs(runs *rs)
{
    size_t out_of_place = 0;
    for (size_t k = 1; k < rs->n; k++)
        out_of_place += run_after(&rs->v[k - 1], &rs->v[k]);
    if (out_of_place == 0) return;
    if (out_of_place > FEW_OUT_OF_PLACE) {
        qsort(rs->v, rs->n, sizeof *rs->v, run_cmp);
        return;
    }
    for (size_t k = 1; k < rs->n; k++) {
        if (!run_after(&rs->v[k - 1], &rs->v[k])) continue;
        run r = rs->v[k];
        size_t j = k;
        for (; j > 0 && run_after(&rs->v[j - 1], &r); j--)
            rs->v[j] = rs->v[j - 1];
        rs->v[j] = r;
    }
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
static void make_org(const doc *d, run *r)
{
    if (r->title_b) return; /* "President Smith" stays a person */
    whosaid_gaz_entry e;
    size_t k = r->type == NONE ? whosaid_nametok_gaz_match(d, r->a, &e) : 0;
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

/* At most this many list members are looked at on each side. */
#define MAX_LIST 16

/* Run r is an organization by itself: typed so by strong evidence, or a
 * gazetteer organization of exactly its words (the gazetteer's match
 * leaves such a run untyped). */
static int is_org_member(const doc *d, const run *r)
{
    if (r->type == ORG) return !r->weak;
    whosaid_gaz_entry e;
    return r->type == NONE && r->b > r->a &&
           whosaid_nametok_gaz_match(d, r->a, &e) == r->b - r->a && strcmp(e.type, "ORG") == 0;
}

/* The run before r in a list ("X, r", "X and r"), "the" allowed before
 * it, or NULL. */
static run *member_before(const doc *d, runs *rs, const run *r)
{
    size_t a = r->a;
    if (a > 0 && (tok_is(d, a - 1, "the") || tok_is(d, a - 1, "The"))) a--;
    size_t e = sep_before(d, a);
    return e == a ? NULL : run_at(rs, e, 1);
}

static run *member_after(const doc *d, runs *rs, const run *r)
{
    size_t p = sep_after(d, r->b);
    if (p == r->b) return NULL;
    if (p < d->t->n && (tok_is(d, p, "the") || tok_is(d, p, "The"))) p++;
    return run_at(rs, p, 0);
}

/* Token i may separate list members: a first byte and length that
 * sep_before and sep_after could accept, looked at before their full tests. */
static int may_separate(const doc *d, size_t i)
{
    if (i >= d->t->n) return 0;
    size_t n = tok_len(d, i);
    char c = n ? *tok_s(d, i) : 0;
    return c == ',' || c == '/' || c == '&' || (c == 'a' && n == 3) || (c == 'o' && n == 2);
}

/* "Chrysler, Ford, and General Motors": one word that is also an ordinary
 * word or a family name ("Ford", "Shell", "Target"), listed with two or
 * more organizations and nothing else, is an organization too: lists
 * name things of one kind, and carmakers, oil majors and retailers are
 * often named after founders or words. */
static void type_company_lists(const doc *d, runs *rs)
{
    for (size_t k = 0; k < rs->n; k++) {
        run *r = &rs->v[k];
        if (r->type != NONE || r->b - r->a != 1 || r->title_b || r->stripped) continue;
        size_t a = r->a;
        if (!may_separate(d, r->b) && !(a > 0 && may_separate(d, a - 1)) &&
            !(a > 1 && tok_is(d, a - 1, "the") && may_separate(d, a - 2)))
            continue;
        /* The members first: most runs are in no list, and that is cheap to see. */
        size_t others = 0;
        int all_orgs = 1;
        for (const run *m = member_before(d, rs, r); m && all_orgs && others < MAX_LIST;
             m = member_before(d, rs, m), others++)
            all_orgs = is_org_member(d, m);
        for (const run *m = member_after(d, rs, r); m && all_orgs && others < 2 * MAX_LIST;
             m = member_after(d, rs, m), others++)
            all_orgs = is_org_member(d, m);
        if (!all_orgs || others < 2) continue;
        whosaid_gaz_entry e;
        if (whosaid_nametok_gaz_match(d, r->a, &e)) continue; /* the gazetteer's */
        if (in_lower(d, d->nm->common, r->a) || in_exact(d, d->nm->surnames, r->a) ||
            in_exact(d, d->nm->word_surnames, r->a))
            r->type = ORG;
    }
}

/* The first token from i that may be "such", "like", "including" or
 * "other" (by its length and first byte), or the last token: only those
 * start a test of whosaid_namedoc_type_lists. Apart and not inline: every
 * token passes here, and inside that function's loop, short of registers,
 * the test cost four times as much. */
static __attribute__((noinline)) size_t next_list_word(const doc *d, size_t i)
{
    const whosaid_token *v = d->t->v;
    size_t last = d->t->n ? d->t->n - 1 : 0;
    for (; i < last; i++) {
        size_t n = v[i].end - v[i].start;
        /* lengths 4, 5 and 9 by one bit test, the first byte only then */
        if (n > 9 || !((1u << 4 | 1u << 5 | 1u << 9) >> n & 1)) continue;
        char c0 = d->text[v[i].start];
        if (n == 4 ? c0 == 's' || c0 == 'l' : n == 9 ? c0 == 'i' : c0 == 'o') return i;
    }
    return last;
}

/* Capitalized names listed after an organization noun in the plural
 * ("bands such as X, Y and Z", "labels like X", "companies including X")
 * or before one ("X, Y, and several other bands") are organizations,
 * whatever their own shape says. The runs are sorted here. */
void whosaid_namedoc_type_lists(const doc *d, runs *rs)
{
    static const char *const quant[] = {"several", "many", "numerous", "some", "various", NULL};
    sort_runs(rs);
    for (size_t i = 1; (i = next_list_word(d, i)) + 1 < d->t->n; i++) {
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
            make_org(d, r);
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
            make_org(d, r);
            size_t a = r->a;
            if (a > 0 && (tok_is(d, a - 1, "the") || tok_is(d, a - 1, "The"))) a--;
            size_t s2 = sep_before(d, a);
            if (s2 == a) break;
            e = s2;
        }
    }
    type_company_lists(d, rs);
}
