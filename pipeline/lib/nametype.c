/* The type of one run for the name heuristics (names_impl.h): the
 * evidence of its shape and context, in the fixed order names.h lists
 * (gazetteer, event words, a definition, organization and place words,
 * teams, regions, a title, a given name, a speech verb ...). Keeps
 * nothing: each test is a few lookups around the run, so typing a run
 * costs O(its length) plus a bounded look before and after it. */
#include "whosaid/names_impl.h"

#include <string.h>
#include <strings.h>

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
static int region_org(const doc *d, size_t a, size_t b)
{
    if (b - a < 2 || b - a > 4 || !in_exact(d, d->nm->org_region, b - 1)) return 0;
    for (size_t i = a; i + 1 < b; i++)
        if (!(d->t->v[i].flags & WHOSAID_TOK_CAP) || (d->t->v[i].flags & WHOSAID_TOK_ALLCAPS) ||
            whosaid_nametok_is_direction(d, i))
            return 0;
    if (!whosaid_nametok_all_common(d, a, b - 1)) return 0;
    int relative = b + 1 < d->t->n && tok_is(d, b, ",") &&
                   (tok_is(d, b + 1, "which") || tok_is(d, b + 1, "who"));
    return followed_by_cue(d, b) || relative || role_after(d, b);
}

/* "Washington Mutual said", "Boston Scientific, which makes ...",
 * "Connecticut Lottery said": a known place (g tokens, no demonym) and
 * one or two capitalized ordinary words name a firm or a body called
 * after its city or state when it speaks or is described. Without that
 * the words are a place and a word ("Perth Glory" stays for the team
 * rules, "Washington Tuesday" is a date). A place that is also a given
 * name ("Boston", "Chelsea") with a word that may be a surname ("Boston
 * Young said") is left to the person rules unless an article shows it is
 * no person ("the Houston Dynamo"). */
static int place_common_org(const doc *d, size_t a, size_t b, size_t g)
{
    if (!g || b - (a + g) < 1 || b - (a + g) > 2) return 0;
    whosaid_gaz_entry e;
    if (whosaid_nametok_gaz_match(d, a, &e) != g || strstr(e.attrs, "demonym=true") ||
        (strcmp(e.type, "LOCATION") != 0 && strcmp(e.type, "COUNTRY") != 0))
        return 0;
    for (size_t i = a + g; i < b; i++) {
        uint32_t f = d->t->v[i].flags;
        if (!(f & WHOSAID_TOK_CAP) || (f & WHOSAID_TOK_ALLCAPS) || !in_lower(d, d->nm->common, i) ||
            whosaid_nametok_is_calendar_word(d, i) || whosaid_nametok_is_direction(d, i) ||
            in_exact(d, d->nm->loc_last, i) || in_exact(d, d->nm->not_names, i) ||
            in_lower(d, d->nm->titles, i) || whosaid_nametok_is_connector(d, i))
            return 0;
    }
    /* Cities and states take no article, names of papers, teams and
     * bodies do: "the Boston Globe", "the Perth Glory", "the Connecticut
     * Lottery". Countries often do ("the US Treasury" is the US's). */
    int article = a > 0 && (tok_is(d, a - 1, "the") || tok_is(d, a - 1, "The")) &&
                  strcmp(e.type, "COUNTRY") != 0;
    if (article) return 1;
    if (in_lower(d, d->nm->first_names, a)) return 0;
    int relative = b + 1 < d->t->n && tok_is(d, b, ",") &&
                   (tok_is(d, b + 1, "which") || tok_is(d, b + 1, "who"));
    return followed_by_cue(d, b) || relative;
}

/* "Iran Khodro said", "the Iran Khodro plant": a country that is no given
 * name (word-names.txt lists those) and one word that could be a name but
 * no given or family name is a firm named after its country, when it
 * speaks, is described or takes an article; without that it may be a
 * headline's two names. */
static int country_firm(const doc *d, size_t a, size_t b)
{
    whosaid_gaz_entry e;
    if (b - a != 2 || whosaid_nametok_gaz_match(d, a, &e) != 1 || strcmp(e.type, "COUNTRY") != 0 ||
        strstr(e.attrs, "demonym=true") || (d->t->v[a].flags & WHOSAID_TOK_ALLCAPS) ||
        in_exact(d, d->nm->given_words, a))
        return 0;
    size_t w = a + 1;
    if (!whosaid_nametok_name_like(d, w) || in_lower(d, d->nm->first_names, w) ||
        in_exact(d, d->nm->surnames, w) || whosaid_nametok_is_direction(d, w) ||
        whosaid_nametok_is_plural_name(d, w) || whosaid_nametok_gaz_match(d, w, &e))
        return 0;
    int article = tok_is(d, a - 1, "the") || tok_is(d, a - 1, "The");
    int relative = b + 1 < d->t->n && tok_is(d, b, ",") &&
                   (tok_is(d, b + 1, "which") || tok_is(d, b + 1, "who"));
    return (a > 0 && article) || relative || followed_by_cue(d, b);
}

int whosaid_nametype_place_preposition(const doc *d, size_t a)
{
    /* Not "to": "according to X", "told to X" say nothing about places. */
    static const char *const preps[] = {"in",      "at",     "near",       "from", "across",
                                        "outside", "around", "throughout", NULL};
    if (a == 0) return 0;
    for (const char *const *p = preps; *p; p++)
        if (tok_is(d, a - 1, *p)) return 1;
    return 0;
}

/* Tokens after the leading gazetteer entry (a country, a demonym): "Chinese IP". */
static size_t gazetteer_prefix(const doc *d, size_t a, size_t b)
{
    whosaid_gaz_entry e;
    size_t k = whosaid_nametok_gaz_match(d, a, &e);
    return k < b - a ? k : 0;
}

/* "Major League Soccer", "Major League Baseball": a league's name may end
 * in the sport it plays (org-words.txt kind "sport"), after its head word. */
static int org_word_then_sport(const doc *d, size_t b)
{
    return in_exact(d, d->nm->org_words, b - 2) && in_exact(d, d->nm->org_sport, b - 1);
}

/* "Star-Telegram", "Democrat-Gazette": papers merged from two are named
 * by a hyphenated pair whose last part ends outlets' names, listed whole
 * or not (a plain "Times" or "Star" makes no organization by itself). */
static int merged_paper(const doc *d, size_t i)
{
    return memchr(tok_s(d, i), '-', tok_len(d, i)) && whosaid_nametok_is_outlet_word(d, i);
}

static int has_org_word(const doc *d, size_t a, size_t b)
{
    if (b - a < 2) return 0; /* "Communications" alone is just a word */
    /* "Health Service Executive", but "Tesco Chief Executive" ends in a
     * title of two words or more: the run names an office, not a body. */
    if (in_exact(d, d->nm->org_words, b - 1) && whosaid_nametok_title_ending_at(d, b) < 2) return 1;
    if (b - a >= 3 && org_word_then_sport(d, b)) return 1;
    /* "Fort Worth Star-Telegram", "Oakdale Democrat-Gazette": a place, then a merged paper */
    if (merged_paper(d, b - 1)) return 1;
    /* "Riverton Unified School District", "Clearwater Water District": a
     * place's head word after an organization's one names a public body
     * (a school, water or fire district), not the area it serves. */
    if (b - a >= 3 && in_exact(d, d->nm->loc_last, b - 1) && in_exact(d, d->nm->org_words, b - 2))
        return 1;
    /* "Real Madrid", but "Real GDP rose": an ordinary word opening a
     * sentence before an acronym is the word */
    if (in_exact(d, d->nm->org_first, a) &&
        !((d->t->v[a].flags & WHOSAID_TOK_SENT_START) && in_lower(d, d->nm->common, a) &&
          (d->t->v[a + 1].flags & WHOSAID_TOK_ALLCAPS)))
        return 1;
    /* "Ministry of Foreign Affairs", "University of Montpellier";
     * "Americans for Prosperity", "Heritage Action for America" */
    for (size_t i = a; i + 1 < b; i++)
        if ((in_exact(d, d->nm->org_words, i) &&
             (tok_is(d, i + 1, "of") || whosaid_namerun_org_connector(d, i + 1))) ||
            whosaid_namerun_cause_connector(d, i + 1, b) > 0)
            return 1;
    return 0;
}

static int has_loc_word(const doc *d, size_t a, size_t b)
{
    if (b - a < 2) return 0;
    if (in_exact(d, d->nm->loc_last, b - 1)) return 1;
    for (size_t k = 1; k <= 2 && a + k < b; k++)
        if (whosaid_nametok_span_in(d, d->nm->loc_first, a, a + k, 0)) return 1;
    return 0;
}

/* An event, award, work or group of people, not a PER/ORG/LOC name:
 * "Stanley Cup", "Pan American Games", "Battle of Gettysburg", "Hindu
 * Brahmins" (misc-words.txt). */
static int is_misc(const doc *d, size_t a, size_t b)
{
    if (in_exact(d, d->nm->misc_last, b - 1)) return 1;
    for (size_t k = 1; k <= 2 && a + k < b; k++)
        if (whosaid_nametok_span_in(d, d->nm->misc_first, a, a + k, 0)) return 1;
    return 0;
}

/* "the Bruins", "the Devil Rays", "the Ramones": capitalized words ending
 * in a plural, after "the" in running text, name a team or a band (places
 * such as "the Netherlands" are gazetteer entries and never get here). */
static int is_team_plural(const doc *d, size_t a, size_t b)
{
    if (a == 0 || b - a > 3 || !whosaid_nametok_is_plural_name(d, b - 1)) return 0;
    if (in_exact(d, d->nm->loc_last, b - 1)) return 0;
    /* A capital "The" inside a sentence is part of the name: "bands like The Ramones". */
    return tok_is(d, a - 1, "the") || tok_is(d, a - 1, "The");
}

/* "the Florida Keys", "the Rockies", "the Swiss Alps": a plural that names
 * a place by itself (location-words.txt, kind plural), alone after "the"
 * or after other words that are no person's name ("Alicia Keys" is one),
 * a place and not a team or a band. Teams named so ("Colorado Rockies
 * manager") were taken by their context before. */
static int plural_place(const doc *d, size_t a, size_t b)
{
    if (!in_exact(d, d->nm->loc_plural, b - 1)) return 0;
    if (b - a == 1)
        return a > 0 && (tok_is(d, a - 1, "the") || tok_is(d, a - 1, "The")) &&
               !followed_by_cue(d, b);
    return !whosaid_nametok_looks_like_person(d, a, b);
}

/* "the town of Bridgton", "the village of Atwick": a place noun and "of"
 * right before the run (location-words.txt, kind before). */
static int after_place_noun(const doc *d, size_t a)
{
    if (a < 2 || !tok_is(d, a - 1, "of")) return 0;
    for (size_t k = 1; k <= 2 && k + 1 <= a; k++)
        if (whosaid_nametok_span_in(d, d->nm->loc_before, a - 1 - k, a - 1, 1)) return 1;
    return 0;
}

/* "Paxton, Illinois", "Cosham, Hampshire": the run, a comma and a known
 * state or country that ends the clause is a place in that region. */
static int before_region(const doc *d, size_t b)
{
    if (b + 1 >= d->t->n || !tok_is(d, b, ",")) return 0;
    whosaid_gaz_entry e;
    size_t k = whosaid_nametok_gaz_match(d, b + 1, &e);
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
 * "Ottawa 67s" (the place is g tokens long). A known place's name that
 * happens to end in s is no nickname: "EU Brussels" is two names. */
static int team_after_place(const doc *d, size_t a, size_t b, size_t g)
{
    if (!g || in_exact(d, d->nm->loc_last, b - 1) || in_exact(d, d->nm->loc_plural, b - 1))
        return 0;
    if (whosaid_nametok_is_plural_name(d, b - 1)) {
        whosaid_gaz_entry e;
        return whosaid_nametok_gaz_match(d, b - 1, &e) != 1 || strcmp(e.type, "ORG") == 0;
    }
    if (b - (a + g) != 1) return 0;
    uint32_t f = d->t->v[b - 1].flags;
    /* "Montreal HC", "Sunderland A.F.C." */
    if ((f & WHOSAID_TOK_ALLCAPS) && tok_len(d, b - 1) <= 6 &&
        !in_exact(d, d->nm->not_names, b - 1))
        return 1;
    size_t n = tok_len(d, b - 1);
    return (f & WHOSAID_TOK_NUM) && n >= 2 && tok_s(d, b - 1)[n - 1] == 's';
}

/* A context phrase of map (lower-cased, 1-3 tokens) right before token a,
 * an article between them allowed: "the band X", "signed with the X". */
static int context_before(const doc *d, whosaid_hashmap *map, size_t a)
{
    size_t e = a;
    if (e > 0 && (tok_is(d, e - 1, "the") || tok_is(d, e - 1, "The"))) e--;
    for (size_t k = 1; k <= 3 && k <= e; k++) {
        if (!(d->t->v[e - k].flags & WHOSAID_TOK_WORD)) break;
        if (whosaid_nametok_span_in(d, map, e - k, e, 1)) return 1;
    }
    return 0;
}

/* A context phrase of map (1-2 lower-case words) right after the run: "X fans". */
static int context_after(const doc *d, whosaid_hashmap *map, size_t b)
{
    for (size_t k = 1; k <= 2 && b + k <= d->t->n; k++) {
        if (!(d->t->v[b + k - 1].flags & WHOSAID_TOK_WORD) || is_cap(d, b + k - 1)) break;
        if (whosaid_nametok_span_in(d, map, b, b + k, 1)) return 1;
    }
    return 0;
}

/* "Kremlin spokesman Dmitry Peskov", "Uralsib analyst Chris Weafer",
 * "Ryanair CEO, Michael O'Leary,": a role of org-words.txt (kind role)
 * right after the name, then a capitalized name (a comma between them
 * allowed): the name is that person's organization. */
static int role_after(const doc *d, size_t b)
{
    for (size_t k = 1; k <= 2 && b + k < d->t->n; k++) {
        if (!(d->t->v[b + k - 1].flags & WHOSAID_TOK_WORD)) break;
        if (whosaid_nametok_span_in(d, d->nm->org_role, b, b + k, 1)) {
            size_t i = b + k;
            if (tok_is(d, i, ",") && i + 1 < d->t->n) i++;
            return is_cap(d, i);
        }
    }
    return 0;
}

/* "Ryanair CEO, Michael O'Leary,": a capitalized role that ends the run,
 * then a comma and a name; the words before the role are the person's
 * organization. The role's first token, or b. */
static size_t role_ending_run(const doc *d, size_t a, size_t b)
{
    if (b + 1 >= d->t->n || !tok_is(d, b, ",") || !is_cap(d, b + 1)) return b;
    for (size_t k = 1; k <= 2 && a + k < b; k++)
        if (whosaid_nametok_span_in(d, d->nm->org_role, b - k, b, 1)) return b - k;
    return b;
}

/* "the Irish low-cost airline, Ryanair, announced": an organization noun
 * (a definition head of org-words.txt), a comma, and the name set off by
 * commas is that organization. */
static int org_noun_apposition(const doc *d, size_t a, size_t b)
{
    return a >= 2 && b < d->t->n && tok_is(d, a - 1, ",") && tok_is(d, b, ",") &&
           (d->t->v[a - 2].flags & WHOSAID_TOK_LOWER) && in_lower(d, d->nm->org_head, a - 2);
}

/* "at the law firm Carter Lowe", "the bank Harris Wells", "a charity,
 * the consultancy Grant Baker": an organization noun (org-words.txt kind
 * before, one or two words ending in a noun, not in a preposition as
 * "spokesman for X" does, which may name a person) after an article, right
 * before the run, names the organization even in a person's shape; not
 * when a verb follows, the noun's relative clause ("the company Jordan
 * Smith founded"). */
static int org_noun_names(const doc *d, size_t a, size_t b)
{
    static const char *const preps[] = {"for",  "from", "by", "at", "of", "in",
                                        "with", "to",   "on", "as", NULL};
    static const char *const after[] = {"in",  "of", "at",    "on",   "for", "with", "to", "from",
                                        "and", "or", "which", "that", "who", "as",   NULL};
    if (a < 2 || !(d->t->v[a - 1].flags & WHOSAID_TOK_LOWER) ||
        !(d->t->v[a - 1].flags & WHOSAID_TOK_WORD))
        return 0;
    for (const char *const *p = preps; *p; p++)
        if (tok_is(d, a - 1, *p)) return 0;
    size_t k = 1;
    while (k <= 2 && !whosaid_nametok_span_in(d, d->nm->org_before, a - k, a, 1))
        if (++k > a) return 0;
    if (k > 2) return 0;
    /* an article before the noun, maybe with one word between: "the Dutch bank" */
    size_t p = a - k;
    int article = 0;
    for (size_t j = p; j > 0 && p - j < 2 && !article; j--) {
        article = tok_is(d, j - 1, "the") || tok_is(d, j - 1, "The") || tok_is(d, j - 1, "a") ||
                  tok_is(d, j - 1, "an") || tok_is(d, j - 1, "A") || tok_is(d, j - 1, "An");
        if (!(d->t->v[j - 1].flags & WHOSAID_TOK_WORD)) break;
    }
    if (!article) return 0;
    if (b >= d->t->n || !(d->t->v[b].flags & WHOSAID_TOK_WORD) ||
        !(d->t->v[b].flags & WHOSAID_TOK_LOWER) || in_lower(d, d->nm->cue_verbs, b))
        return 1;
    for (const char *const *w = after; *w; w++)
        if (tok_is(d, b, *w)) return 1;
    return 0;
}

/* "Kering's chief executive", "Nimbus's shares": "'s" after the name and
 * words only a company has (org-words.txt, kind possessive: one to three
 * lower-case words). */
static int company_possessive(const doc *d, size_t b)
{
    if (b + 1 >= d->t->n || !(d->t->v[b].flags & WHOSAID_TOK_POSSESSIVE)) return 0;
    for (size_t k = 1; k <= 3 && b + 1 + k <= d->t->n; k++) {
        if (!(d->t->v[b + k].flags & WHOSAID_TOK_LOWER)) break;
        if (whosaid_nametok_span_in(d, d->nm->org_possessive, b + 1, b + 1 + k, 1)) return 1;
    }
    return 0;
}

/* "Macy's said", "at Macy's and Dillard's.", "Dillard's was added": an
 * "'s" at b that owns nothing, as a store or a firm named after its
 * founder is written. Nothing follows but punctuation, a speech verb or a
 * word that cannot be the owned thing (org-words.txt kind link); after
 * "and", "or" or a comma, another name's "'s" must own nothing either
 * ("Smith's and Jones's cars" are two people's). */
int whosaid_nametype_bare_possessive(const doc *d, size_t b)
{
    size_t n = d->t->n;
    if (b >= n || !(d->t->v[b].flags & WHOSAID_TOK_POSSESSIVE)) return 0;
    if (b + 1 == n || (d->t->v[b + 1].flags & WHOSAID_TOK_NEWLINE)) return 1;
    size_t k = b + 1;
    if (tok_is(d, k, ".") || tok_is(d, k, ";") || tok_is(d, k, ":") || tok_is(d, k, ")")) return 1;
    int list = tok_is(d, k, ",") || tok_is(d, k, "and") || tok_is(d, k, "or");
    if (list && k + 2 < n && is_cap(d, k + 1) && (d->t->v[k + 2].flags & WHOSAID_TOK_POSSESSIVE)) {
        size_t m = k + 3;
        return m >= n || !(d->t->v[m].flags & WHOSAID_TOK_WORD) ||
               in_exact(d, d->nm->org_link, m) || in_lower(d, d->nm->cue_verbs, m);
    }
    if (tok_is(d, k, ",")) return 1;
    return (d->t->v[k].flags & WHOSAID_TOK_LOWER) &&
           (in_exact(d, d->nm->org_link, k) || in_lower(d, d->nm->cue_verbs, k));
}

/* "Bernstein cut its estimate", "Nimbus lost its biggest client": the name,
 * a verb and "its": what the name did to a thing of its own, and a person's
 * is "his" or "her". Not after a speech verb ("Smith said its profit fell"
 * speaks of another) nor a word that links the name to another ("Kering and
 * its brands", "Paris is its capital"). */
static int owner_of_its(const doc *d, size_t b)
{
    if (b + 1 >= d->t->n || !tok_is(d, b + 1, "its")) return 0;
    uint32_t f = d->t->v[b].flags;
    if (!(f & WHOSAID_TOK_WORD) || !(f & WHOSAID_TOK_LOWER) || (f & WHOSAID_TOK_POSSESSIVE) ||
        in_lower(d, d->nm->cue_verbs, b))
        return 0;
    /* the linking words are org-words.txt kind "link" */
    return !in_exact(d, d->nm->org_link, b);
}

int whosaid_nametype_org_context(const doc *d, size_t a, size_t b)
{
    return context_before(d, d->nm->org_before, a) || context_after(d, d->nm->org_after, b) ||
           role_after(d, b);
}

/* One to three digits from s for n bytes: a side of a score ("63", "7");
 * years and counts ("2009-10", "1,200") have more or other characters. */
static int score_side(const char *s, size_t n)
{
    if (n < 1 || n > 3) return 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] < '0' || s[k] > '9') return 0;
    return 1;
}

/* Token i is one side of a game's score joined to the other with no space:
 * "63-7" as one token, or "63", "-", "7". dir says where the other side
 * is: +1 after i (a score that follows a team), -1 before (one that
 * precedes it). */
static int score_at(const doc *d, size_t i, int dir)
{
    if (i >= d->t->n || !(d->t->v[i].flags & WHOSAID_TOK_NUM)) return 0;
    const char *s = tok_s(d, i), *dash = memchr(s, '-', tok_len(d, i));
    if (dash)
        return score_side(s, (size_t)(dash - s)) &&
               score_side(dash + 1, tok_len(d, i) - (size_t)(dash - s) - 1);
    if (!score_side(s, tok_len(d, i))) return 0;
    size_t dash_i = dir > 0 ? i + 1 : i - 1, other = dir > 0 ? i + 2 : i - 2;
    if (i < 2 && dir < 0) return 0;
    if (other >= d->t->n || !(tok_is(d, dash_i, "-") || tok_is(d, dash_i, "\xe2\x80\x93")))
        return 0;
    if (d->t->v[dash_i].flags & WHOSAID_TOK_SPACE || d->t->v[dash_i + 1].flags & WHOSAID_TOK_SPACE)
        return 0;
    return (d->t->v[other].flags & WHOSAID_TOK_NUM) &&
           score_side(tok_s(d, other), tok_len(d, other));
}

/* "losing to Tulsa 63-7", "Leeds 2-1 Chelsea": a place right beside a
 * game's score is the team that played, whatever the verb before it. Not
 * before a month: "in Geneva 14-15 May" gives the days of a meeting. */
static int beside_score(const doc *d, size_t a, size_t b)
{
    if (score_at(d, b, +1)) {
        size_t after = memchr(tok_s(d, b), '-', tok_len(d, b)) ? b + 1 : b + 3;
        return after >= d->t->n || !whosaid_nametok_is_calendar_word(d, after);
    }
    return a > 0 && score_at(d, a - 1, -1);
}

/* "played for Footscray", "signed with Lausanne", "a Melbourne player",
 * "beat Bowling Green 24-17": a place's name that stands for its team
 * (org-words.txt, kinds before-place and after; a score beside it).
 * Countries are left alone: their national sides are places in news usage
 * ("Brazil beat Germany 2-1"). */
static int place_team_context(const doc *d, size_t a, size_t b)
{
    whosaid_gaz_entry e;
    if (whosaid_nametok_gaz_match(d, a, &e) != b - a || strcmp(e.type, "LOCATION") != 0) return 0;
    return context_before(d, d->nm->org_place, a) || context_after(d, d->nm->org_after, b) ||
           beside_score(d, a, b);
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
static int place_last_org(const doc *d, size_t a, size_t b, size_t g)
{
    /* "Toyota Australia", "BBC Wales": a known organization's branch. */
    if (g) {
        whosaid_gaz_entry e;
        if (whosaid_nametok_gaz_match(d, a, &e) != g || strcmp(e.type, "ORG") != 0) return 0;
        if (whosaid_nametok_gaz_match(d, a + g, &e) != b - a - g) return 0;
        return is_country_like(&e);
    }
    for (size_t i = a + 1; i < b && i - a <= 2; i++) {
        whosaid_gaz_entry e;
        if (whosaid_nametok_gaz_match(d, i, &e) != b - i) continue;
        if (!is_country_like(&e)) return 0;
        /* "SEOUL JAPAN": an all-caps headline or dateline. */
        if ((d->t->v[a].flags & WHOSAID_TOK_ALLCAPS) && (d->t->v[i].flags & WHOSAID_TOK_ALLCAPS))
            return 0;
        for (size_t j = a; j < i; j++) {
            uint32_t f = d->t->v[j].flags;
            if (!(f & WHOSAID_TOK_CAP) || whosaid_nametok_has_digit(d, j) ||
                in_lower(d, d->nm->common, j) || in_exact(d, d->nm->not_names, j) ||
                whosaid_nametok_is_calendar_word(d, j) || whosaid_nametok_is_direction(d, j) ||
                whosaid_nametok_title_starting_at(d, j, j + 1))
                return 0;
        }
        return !whosaid_nametok_looks_like_person(d, a, i);
    }
    return 0;
}

/* Token i is a word in capitals whose line, from its start to a ":" or
 * its end, is all capitals with another word: a transcript's label
 * ("MARCUS BELL, BYLINE:") or a shouted headline. Ordinary words are
 * written so there, not only acronyms. */
static int in_capitals_line(const doc *d, size_t i)
{
    size_t a = i, n = d->t->n, words = 0;
    while (a > 0 && !(d->t->v[a].flags & WHOSAID_TOK_NEWLINE))
        a--;
    for (size_t k = a; k < n && (k == a || !(d->t->v[k].flags & WHOSAID_TOK_NEWLINE)); k++) {
        uint32_t f = d->t->v[k].flags;
        if (tok_is(d, k, ":")) break;
        if (!(f & WHOSAID_TOK_WORD) || (f & WHOSAID_TOK_NUM)) continue;
        if (!(f & WHOSAID_TOK_ALLCAPS) && !(tok_len(d, k) == 1 && (f & WHOSAID_TOK_CAP))) return 0;
        words++;
    }
    return words >= 2;
}

/* "BYLINE", "ANCHOR" in such a line: a word of five letters or more, or an
 * ordinary word, is no acronym there ("NATO", "FEMA" in running text are). */
static int capitals_not_acronym(const doc *d, size_t i)
{
    return (tok_len(d, i) >= 5 || in_lower(d, d->nm->common, i)) && in_capitals_line(d, i);
}

/* Only the letters of Roman numerals: "II" in "World War II" is no acronym. */
static int roman_numeral(const doc *d, size_t i)
{
    const char *s = tok_s(d, i);
    return strspn(s, "IVXLCDM") == tok_len(d, i);
}

/* An acronym nobody lists as a place or an organization: "IIT", "AAA". */
static int unknown_acronym(const doc *d, size_t i)
{
    whosaid_gaz_entry e;
    size_t n = tok_len(d, i);
    return (d->t->v[i].flags & WHOSAID_TOK_ALLCAPS) && n >= 2 && n <= 6 && !roman_numeral(d, i) &&
           !in_exact(d, d->nm->not_names, i) && !whosaid_nametok_is_calendar_word(d, i) &&
           !whosaid_nametok_gaz_match(d, i, &e);
}

/* "IIT Bombay", "University Paris", "Clinical Hospital Mostar", "AAA
 * Syracuse": an organization's head word or an acronym, then a known place
 * that ends the run, is an institution or a team named with its city, not
 * the place. A known organization first is two names ("EU Brussels",
 * "Harvard University Boston"), and so is an all-caps headline. */
static int org_then_place(const doc *d, size_t a, size_t b)
{
    whosaid_gaz_entry e;
    if (b - a < 2 || b - a > 5 || whosaid_nametok_gaz_match(d, a, &e)) return 0;
    for (size_t i = a + 1; i < b; i++) {
        if (whosaid_nametok_gaz_match(d, i, &e) != b - i) continue;
        if ((strcmp(e.type, "LOCATION") != 0 && strcmp(e.type, "COUNTRY") != 0) ||
            strstr(e.attrs, "demonym=true") || (d->t->v[i].flags & WHOSAID_TOK_ALLCAPS))
            return 0;
        for (size_t j = a; j < i; j++)
            if (in_exact(d, d->nm->org_words, j) || unknown_acronym(d, j)) return 1;
        return 0;
    }
    return 0;
}

/* The gazetteer entry at token a is an organization whose canonical name
 * is its own first word: "Ford Motor Company" (Ford), "Apple Inc.". */
static int is_short_org(const doc *d, size_t a)
{
    whosaid_gaz_entry e;
    return whosaid_nametok_gaz_match(d, a, &e) >= 2 && strcmp(e.type, "ORG") == 0 &&
           strlen(e.canonical) == tok_len(d, a) &&
           memcmp(e.canonical, tok_s(d, a), tok_len(d, a)) == 0;
}

/* Each hyphen-joined part of token i is a party's short name (org-words.txt
 * kind party): "Labor", "Liberal-Labour". */
static int party_word(const doc *d, size_t i)
{
    if (!(d->t->v[i].flags & WHOSAID_TOK_CAP)) return 0;
    const char *s = tok_s(d, i), *end = s + tok_len(d, i);
    for (;;) {
        const char *h = memchr(s, '-', (size_t)(end - s));
        if (!h) h = end;
        if (!whosaid_hashmap_get(d->nm->org_party, s, (size_t)(h - s), NULL)) return 0;
        if (h == end) return 1;
        s = h + 1;
    }
}

/* "a Labor MP", "the Liberal caucus", "a Liberal-Labour candidate", "the
 * Labor or Liberal parties": a party's short name before a political role
 * (kind party-role) is the party used as an adjective, an organization
 * where the word alone would be no name or a stripped sentence opener. A
 * role in capitals may end the run itself ("the Labor MP, ..."). Narrows r
 * to the party's name and says whether it found one. */
static int party_before_role(const doc *d, run *r)
{
    size_t b = r->b;
    int role_in_run = b - r->a >= 2 && (d->t->v[b - 1].flags & WHOSAID_TOK_ALLCAPS) &&
                      in_lower(d, d->nm->party_role, b - 1);
    if (role_in_run) b--;
    size_t p = b;
    while (p > r->a && party_word(d, p - 1))
        p--;
    if (p == b) return 0;
    size_t i = b;
    if (!role_in_run) {
        if (i + 1 < d->t->n && (tok_is(d, i, "or") || tok_is(d, i, "and")) && party_word(d, i + 1))
            i += 2;
        if (i >= d->t->n || !(d->t->v[i].flags & WHOSAID_TOK_WORD) ||
            !in_lower(d, d->nm->party_role, i))
            return 0;
    }
    /* "Liberal Democrat": the last word's full name, unless the whole is listed */
    uint64_t full = 0;
    if (!whosaid_hashmap_get(d->nm->org_party, tok_s(d, p), d->t->v[b - 1].end - d->t->v[p].start,
                             &full) ||
        !full)
        whosaid_hashmap_get(d->nm->org_party, tok_s(d, b - 1), tok_len(d, b - 1), &full);
    r->party = (size_t)full;
    r->a = p;
    r->b = b;
    return 1;
}

/* "in May Smith said": a month after a preposition of time is the date. */
static int month_after_time_word(const doc *d, size_t a)
{
    static const char *const words[] = {"in",     "since",  "until", "by",      "from", "of",
                                        "on",     "last",   "next",  "early",   "late", "mid",
                                        "during", "before", "after", "through", NULL};
    if (a == 0 || !whosaid_nametok_is_calendar_word(d, a)) return 0;
    for (const char *const *w = words; *w; w++)
        if (tok_len(d, a - 1) == strlen(*w) && strncasecmp(tok_s(d, a - 1), *w, strlen(*w)) == 0)
            return 1;
    return 0;
}

/* "Arno Antlitz", "Israel Adesanya", "Jordan Henderson", "Victoria Baker",
 * "Eve Carter": a one-token known place (no demonym, not in capitals) or a
 * given name that is also a word or a month (word-names.txt kind given),
 * then one surname-like word (a family name that is also a word, "Smith",
 * counts) that is no head word, direction, country or organization, is the
 * shape of a person whose given name the other lists miss (the gazetteer
 * tags the place alone, "Eve" and "May" are words). A city or a county may
 * follow ("Henderson"): surnames are often towns. */
int whosaid_nametype_place_given_name(const doc *d, size_t a, size_t b)
{
    whosaid_gaz_entry e;
    if (b - a != 2 || (d->t->v[a].flags & WHOSAID_TOK_ALLCAPS)) return 0;
    size_t g = whosaid_nametok_gaz_match(d, a, &e);
    int place = g == 1 && (strcmp(e.type, "LOCATION") == 0 || strcmp(e.type, "COUNTRY") == 0) &&
                !strstr(e.attrs, "demonym=true");
    if (!place && (g || !in_exact(d, d->nm->given_words, a) || month_after_time_word(d, a)))
        return 0;
    size_t w = a + 1;
    if (!whosaid_nametok_surname_like(d, w) || in_exact(d, d->nm->org_words, w) ||
        in_exact(d, d->nm->loc_last, w) || in_exact(d, d->nm->misc_last, w) ||
        whosaid_nametok_is_direction(d, w) || merged_paper(d, w))
        return 0;
    size_t k = whosaid_nametok_gaz_match(d, w, &e);
    return !k || (k == 1 && strcmp(e.type, "LOCATION") == 0 && !strstr(e.attrs, "demonym=true") &&
                  !is_country_like(&e));
}

/* Whether a place-named person's shape (above) has the evidence to be one
 * name: a title before it ("Chief Financial Officer Arno Antlitz"), a
 * speech verb after it, or a place that is a given name too (a country
 * that word-names.txt lists as one, which the given-name list leaves out:
 * "Israel", "Chad"; "Paris", "Milan"). A country that is no given name
 * is a firm's first word as often ("Iran Khodro"). A plural after the
 * place is a team ("Champion Texas Longhorns"). */
static int place_given_name_evidence(const doc *d, const run *r, size_t a, size_t b)
{
    if (!whosaid_nametype_place_given_name(d, a, b) || whosaid_nametok_is_plural_name(d, b - 1))
        return 0;
    whosaid_gaz_entry e;
    size_t g = whosaid_nametok_gaz_match(d, a, &e);
    int country = g && strcmp(e.type, "COUNTRY") == 0;
    if (country && !in_exact(d, d->nm->given_words, a)) return 0; /* "Iran Khodro said" */
    if (r->title_b || followed_by_cue(d, b)) return 1;
    if (!g) return 0; /* "Eve", "May": no more */
    return country || in_lower(d, d->nm->first_names, a);
}

/* Whether the text [s, s + n) is, whole, a gazetteer entry of a country
 * (not its demonym) when want_country, else of any place. */
static int gaz_part_is(const doc *d, const char *s, size_t n, int want_country)
{
    whosaid_buf *key = &d->nm->raw;
    whosaid_gaz_entry e;
    whosaid_buf_clear(key);
    if (whosaid_buf_append(key, s, n) || whosaid_buf_append_char(key, '\0') ||
        !whosaid_gazetteer_lookup(d->gaz, key->data, &e))
        return 0;
    if (want_country) return strcmp(e.type, "COUNTRY") == 0 && !strstr(e.attrs, "demonym=true");
    return strcmp(e.type, "LOCATION") == 0 || strcmp(e.type, "COUNTRY") == 0;
}

/* "Air-India", "Météo-France", "Radio-Canada": one hyphenated word that
 * ends in a country's name after a capitalized part that is no place and
 * no given name is an organization named for its country. Asked only
 * where such a word is a source ("... said", "according to X"), so
 * compounds of two places as adjectives ("US-China talks") never get
 * here, and a place first ("Austria-Hungary") is left alone. */
static int hyphen_country_org(const doc *d, size_t i)
{
    const char *s = tok_s(d, i);
    size_t n = tok_len(d, i);
    const char *h = n ? memchr(s, '-', n) : NULL;
    if (!h || h == s || h + 1 >= s + n || !(d->t->v[i].flags & WHOSAID_TOK_CAP)) return 0;
    size_t first = (size_t)(h - s);
    whosaid_buf *key = &d->nm->key;
    if (lower_key(key, s, first) ||
        whosaid_hashmap_get(d->nm->first_names, key->data ? key->data : "", key->len, NULL))
        return 0;
    return gaz_part_is(d, h + 1, (size_t)(s + n - h - 1), 1) && !gaz_part_is(d, s, first, 0);
}

/* Token i is a model's number as makers write it after their name: three
 * or four digits, maybe with a variant after a hyphen or letters ("787",
 * "737-800", "737s", "320i"), but not a year ("Boeing 2008 profits") nor
 * an amount ("1,000", "2.5"). */
static int model_number(const doc *d, size_t i)
{
    if (i >= d->t->n ||
        (d->t->v[i].flags & (WHOSAID_TOK_NUM | WHOSAID_TOK_SPACE | WHOSAID_TOK_NEWLINE)) !=
            (WHOSAID_TOK_NUM | WHOSAID_TOK_SPACE))
        return 0;
    const char *s = tok_s(d, i);
    size_t n = tok_len(d, i), digits = 0;
    while (digits < n && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    if (digits < 3 || digits > 4) return 0;
    if (digits == 4 && digits == n && (s[0] == '1' || s[0] == '2')) return 0;
    for (size_t k = digits; k < n; k++)
        if (!(s[k] == '-' || (s[k] >= '0' && s[k] <= '9') || (s[k] >= 'a' && s[k] <= 'z') ||
              (s[k] >= 'A' && s[k] <= 'Z')))
            return 0;
    return 1;
}

/* "an Airbus A380", "a dark-colored Chevrolet Tahoe", "a GMC Yukon": a
 * known company (g tokens) and one or two words of a model is a product,
 * not the company and a place or a person, when the model has a digit
 * ("Airbus A380"), a model's number follows ("Rolls-Royce Trent 900",
 * "Boeing 787" with no model word) or an indefinite article comes before,
 * maybe with an adjective or two ("a white Toyota Camry"): a company is no
 * count noun.
 * Words that make a name of the company ("Toyota Motor Corp", "a Ford
 * Foundation grant", "Toyota Australia") keep it an organization. */
static int maker_and_model(const doc *d, size_t a, size_t b, size_t g)
{
    whosaid_gaz_entry e;
    if (!g || b - (a + g) > 2 || whosaid_nametok_gaz_match(d, a, &e) != g ||
        strcmp(e.type, "ORG") != 0)
        return 0;
    for (size_t i = a + g; i < b; i++)
        if (in_exact(d, d->nm->org_words, i) || in_exact(d, d->nm->loc_last, i) ||
            whosaid_nametok_is_connector(d, i) || whosaid_nametok_title_starting_at(d, i, i + 1) ||
            (whosaid_nametok_gaz_match(d, i, &e) == b - i && is_country_like(&e)))
            return 0;
    if (whosaid_nametok_has_digit(d, b - 1) || model_number(d, b)) return 1;
    size_t k = a;
    for (int adj = 0; adj < 2 && k > 0 && (d->t->v[k - 1].flags & WHOSAID_TOK_LOWER) &&
                      !tok_is(d, k - 1, "a") && !tok_is(d, k - 1, "an");
         adj++)
        k--;
    return k > 0 && (tok_is(d, k - 1, "a") || tok_is(d, k - 1, "an"));
}

static int after_according_to(const doc *d, size_t a)
{
    return a >= 2 && tok_is(d, a - 1, "to") &&
           (tok_is(d, a - 2, "according") || tok_is(d, a - 2, "According"));
}

/* "HOUSTON, Oct 14 (Reuters) - The Port Authority said": a dash before
 * "The" opens a sentence or a clause (a dateline's, an aside's), whatever
 * the sentence splitter says, so the article is no part of the name. So
 * does a colon: a transcript's speaker label ("BELL: A White House
 * spokeswoman said"), a dateline ("MUMBAI: The ..."), or a quote or list
 * that a colon introduces with a capital. */
static int opens_clause(const doc *d, size_t i)
{
    return i > 0 && (tok_is(d, i - 1, "-") || tok_is(d, i - 1, "\xe2\x80\x93") ||
                     tok_is(d, i - 1, "\xe2\x80\x94") || tok_is(d, i - 1, ":"));
}

/* "Smith said", "Young told reporters": a family name that is also an
 * ordinary word (word-names.txt kind surname), alone before a speech verb,
 * is a person's name, not the word. */
static int lone_word_surname_speaks(const doc *d, size_t a, size_t b)
{
    return b - a == 1 && in_exact(d, d->nm->word_surnames, a) && followed_by_cue(d, b);
}

/* "the Ohio House", "the Texas House": a US state and "House" is its
 * legislature's lower chamber, a body, though "House" ends buildings'
 * names ("Mansion House"); "Senate" and "Assembly" are head words already. */
static int state_house(const doc *d, size_t a, size_t b, size_t g)
{
    whosaid_gaz_entry e;
    return g && b - (a + g) == 1 && tok_is(d, b - 1, "House") &&
           whosaid_nametok_gaz_match(d, a, &e) == g && strcmp(e.type, "LOCATION") == 0 &&
           strstr(e.attrs, "country=US") && strstr(e.attrs, "kind=subdivision");
}

/* "Ipswich Town", "Harlow City said", "Harlow City manager Graham
 * Pettigrew": a known city, or a word that is no ordinary word and no given
 * name, then a club's last word that places end in too (org-words.txt kind
 * club). ORG where a speech verb, a team's context, a role or "'s" and a
 * company's word follow, and for "Town" always (the gazetteer lists the
 * few places so named, "Cape Town"); LOCATION otherwise, weak, so a club
 * named so elsewhere in the article wins ("Davao City" stays a place).
 * NONE when the run has another shape. */
static int club_or_place(const doc *d, size_t a, size_t b, size_t g)
{
    if (b - a != 2 || !in_exact(d, d->nm->org_club, b - 1) ||
        (d->t->v[a].flags & WHOSAID_TOK_ALLCAPS))
        return NONE;
    if (g) {
        whosaid_gaz_entry e;
        if (whosaid_nametok_gaz_match(d, a, &e) != 1 || strcmp(e.type, "LOCATION") != 0 ||
            !strstr(e.attrs, "kind=city"))
            return NONE;
    } else if (!whosaid_nametok_name_like(d, a) || in_lower(d, d->nm->common, a) ||
               in_lower(d, d->nm->first_names, a) || in_exact(d, d->nm->given_words, a)) {
        return NONE;
    }
    if (tok_is(d, b - 1, "Town") || followed_by_cue(d, b) ||
        whosaid_nametype_org_context(d, a, b) || context_before(d, d->nm->org_place, a) ||
        company_possessive(d, b))
        return ORG;
    return LOCATION;
}

/* Token i ends in "-based" or "-headquartered": "Chicago-based",
 * "York-based" (of "New York-based"). */
static int seat_adjective(const doc *d, size_t i)
{
    static const char *const tails[] = {"-based", "-headquartered"};
    const char *s = tok_s(d, i);
    size_t n = tok_len(d, i);
    for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
        size_t m = strlen(tails[k]);
        if (n > m && memcmp(s + n - m, tails[k], m) == 0) return 1;
    }
    return 0;
}

/* The end of the last seat adjective in [a, b) before its last word ("New
 * York-based Pfizer": the name is "Pfizer"), or a when there is none. */
static size_t after_seat_adjective(const doc *d, size_t a, size_t b)
{
    size_t end = a;
    for (size_t i = a; i + 1 < b; i++)
        if (seat_adjective(d, i)) end = i + 1;
    return end;
}

static int type_run_inner(const doc *d, run *r)
{
    size_t a = r->a, b = r->b;
    r->weak = r->over_places = r->short_org = r->cue = r->context = r->product = 0;
    r->party = 0;
    if (party_before_role(d, r)) return ORG;
    /* "However China ...", "After Merkel ...": a capital that only marks
     * the sentence start is no name. A closed-class opener always goes; an
     * ordinary word only when it stands alone ("Fourth Air Force" stays). */
    /* "LISBON, April 16 (Reuters) - A Lisbon court ...", "BELL: A White
     * House spokeswoman": a dateline's dash or a label's colon opens the
     * sentence whatever the splitter says */
    int sent_start =
        ((d->t->v[a].flags & WHOSAID_TOK_SENT_START) || opens_clause(d, a)) && r->title_b == 0;
    if (sent_start &&
        (in_exact(d, d->nm->starters, a) ||
         (b - a == 1 && in_lower(d, d->nm->common, a) && !in_lower(d, d->nm->first_names, a) &&
          !in_exact(d, d->nm->surnames, a) && !lone_word_surname_speaks(d, a, b)))) {
        a++;
        while (a < b && (whosaid_nametok_is_connector(d, a) || tok_is(d, a, "the")))
            a++;
        r->stripped = 1;
    }
    /* Names are written without their article: "(The) Associated Press". */
    while (a < b && a + 1 < b && tok_is(d, a, "The"))
        a++;
    /* "Chicago-based Boeing", "New York-based Pfizer": the seat is no
     * part of the name, and what has a seat is an organization, not a
     * person (unless plainly named as one). */
    size_t seat = after_seat_adjective(d, a, b);
    int seated = seat > a;
    a = seat;
    r->a = a;
    if (a >= b || whosaid_nametok_all_not_names(d, a, b)) return NONE;
    /* "broadcast on 6PR", "sister stations 3AW", "6PR is a radio station";
     * elsewhere the same sign takes the type seen here. */
    if (whosaid_nametok_is_callsign_run(d, a, b))
        return context_before(d, d->nm->org_before, a) || definition_type(d, b) == ORG ? ORG : NONE;
    if (whosaid_nametok_is_gazetteer_entry(d, a, b)) {
        /* "the Boeing 787", "an American Airlines 777": the maker's name
         * before a model's number names the product, not the company. */
        if (model_number(d, b) && maker_and_model(d, a, b, b - a)) {
            r->product = 1;
            r->b = b + 1; /* a block of the name's own extent would lose to it */
            return NONE;
        }
        r->short_org = b - a >= 2 && is_short_org(d, a);
        if (!place_team_context(d, a, b)) return NONE;
        r->over_places = 1;
        return ORG;
    }
    if (is_misc(d, a, b)) return MISC;
    int def = definition_type(d, b);
    if (def != NONE) return def;
    if (seated && !whosaid_nametok_looks_like_person(d, a, b)) return ORG;
    size_t n = b - a;
    size_t g = gazetteer_prefix(d, a, b);
    if (maker_and_model(d, a, b, g)) {
        r->product = 1;
        if (model_number(d, b)) r->b = b + 1;
        return NONE;
    }
    if (place_given_name_evidence(d, r, a, b)) return PERSON;
    if (!r->title_b && country_firm(d, a, b)) return ORG;
    /* "(President of the) United States Barack Obama": the place, then the
     * person. Not before one head word: "Niger River" is one place. */
    int one_head = b - (a + g) == 1 &&
                   (in_exact(d, d->nm->loc_last, b - 1) || in_exact(d, d->nm->org_words, b - 1));
    if (g && !one_head &&
        (whosaid_nametok_looks_like_person(d, a + g, b) ||
         (r->title_b && whosaid_nametok_all_name_like(d, a + g, b)))) {
        r->a = a + g;
        return PERSON;
    }
    if (r->after_legal && whosaid_nametok_looks_like_person(d, a, b) && b - a >= 2) return PERSON;
    if (has_org_word(d, a, b)) return ORG;
    /* A store's name: weak, so a person named so elsewhere keeps it. */
    if (!r->title_b && n == 1 && !g && whosaid_nametype_bare_possessive(d, b)) {
        r->weak = 1;
        return ORG;
    }
    int club = r->title_b ? NONE : club_or_place(d, a, b, g);
    if (club != NONE) {
        r->weak = club == LOCATION;
        return club;
    }
    if (!r->title_b && org_then_place(d, a, b)) return ORG;
    if (!r->title_b && role_after(d, b) && !whosaid_nametok_looks_like_person(d, a, b)) return ORG;
    size_t role = r->title_b ? b : role_ending_run(d, a, b);
    if (role < b && !whosaid_nametok_looks_like_person(d, a, role)) {
        r->b = role;
        return ORG;
    }
    if (!r->title_b && region_org(d, a, b)) return ORG;
    /* After a known place: "Bowling Green Falcons", "St. Louis Eagles" are
     * teams; "Chinese IP", "Seoul officials" are a name and a word. */
    if (team_after_place(d, a, b, g)) return ORG;
    /* "the band Spirit", "signed with Coburg", "Footscray fans": the context
     * names an organization, unless the run is plainly a person's name. */
    if ((context_before(d, d->nm->org_before, a) || context_before(d, d->nm->org_place, a) ||
         context_after(d, d->nm->org_after, b) || org_noun_apposition(d, a, b) ||
         company_possessive(d, b) ||
         /* places own things too: "Southern France recorded its driest winter" */
         (owner_of_its(d, b) && !g && !whosaid_nametok_is_direction(d, a) &&
          !has_loc_word(d, a, b))) &&
        (!(n >= 2 && whosaid_nametok_looks_like_person(d, a, b)) || org_noun_names(d, a, b)) &&
        whosaid_nametype_first_split(d, a, b) == b) {
        r->context = 1;
        return ORG;
    }
    /* "Dr. Helen Park", "Damon Hill said": a given name and a surname that
     * is also a place's head word, after a title or before a speech verb. */
    if (n == 2 && (r->title_b || followed_by_cue(d, b)) &&
        whosaid_nametok_looks_like_person(d, a, b) && in_exact(d, d->nm->loc_last, b - 1))
        return PERSON;
    if (state_house(d, a, b, g)) return ORG;
    if (has_loc_word(d, a, b)) return LOCATION;
    if (!r->title_b && plural_place(d, a, b)) return LOCATION;
    if (!r->title_b && is_team_plural(d, a, b)) return ORG;
    if (!r->title_b && n <= 3 && (after_place_noun(d, a) || before_region(d, b))) return LOCATION;
    /* "East Perth", "West Jersey", "Northern Ireland": a direction, then a place. */
    if (n >= 2 && whosaid_nametok_is_direction(d, a)) {
        whosaid_gaz_entry e;
        size_t k = whosaid_nametok_gaz_match(d, a + 1, &e);
        if (k == n - 1 && (strcmp(e.type, "LOCATION") == 0 || strcmp(e.type, "COUNTRY") == 0))
            return LOCATION;
    }
    if (!r->title_b && place_last_org(d, a, b, g)) return ORG;
    if (!r->title_b && place_common_org(d, a, b, g)) return ORG;
    if (g &&
        (whosaid_nametok_all_not_names(d, a + g, b) || whosaid_nametok_all_common(d, a + g, b)))
        return NONE;
    /* "Chinese J-20": a place and a model. */
    if (g && whosaid_nametok_has_digit(d, b - 1)) return NONE;
    if (r->title_b) return PERSON;
    /* "from Harrison to Bridgton", "in Coleman": a lone given name after a
     * place preposition is a town, unless the article names such a person
     * (checked once the whole document is typed). */
    if (n == 1 && whosaid_nametype_place_preposition(d, a) && !followed_by_cue(d, b) &&
        !(b < d->t->n && (d->t->v[b].flags & WHOSAID_TOK_POSSESSIVE)) &&
        in_lower(d, d->nm->first_names, a)) {
        r->weak = 1;
        return LOCATION;
    }
    if (whosaid_nametok_looks_like_person(d, a, b)) {
        r->weak = n == 1; /* a lone given name: "Orlando", "Chelsea" */
        return PERSON;
    }
    /* "Engineer John Greiner", "County Coroner William McLaughlin": ordinary
     * capitalized words (a role nobody listed), then a person. */
    for (size_t i = a + 1; i + 1 < b && i - a <= 3; i++) {
        if (!in_lower(d, d->nm->common, i - 1) || whosaid_nametok_is_connector(d, i - 1)) break;
        if (whosaid_nametok_looks_like_person(d, i, b) && !in_lower(d, d->nm->common, i + 1)) {
            r->a = i;
            return PERSON;
        }
    }
    /* "Smith said": a family name that is also a word speaks as a name */
    if (whosaid_nametok_all_common(d, a, b) && !lone_word_surname_speaks(d, a, b)) return NONE;
    if (n == 1 && (followed_by_cue(d, b) || after_according_to(d, a)) &&
        (hyphen_country_org(d, a) || whosaid_nametok_is_camel_case(d, a)))
        return ORG;
    if (n <= 3 && followed_by_cue(d, b) && !(d->t->v[a].flags & WHOSAID_TOK_ALLCAPS)) {
        /* "Regulator says ..." opening a standfirst, "the regulator" later: a
         * common noun, not a speaker's name */
        if (n == 1 && sent_start && !in_lower(d, d->nm->first_names, a) &&
            !in_exact(d, d->nm->surnames, a) && used_in_lower_case(d, a))
            return NONE;
        /* "JetBlue Tech said": a firm's way of writing its name, no person's */
        for (size_t i = a; i < b; i++)
            if (whosaid_nametok_is_camel_case(d, i)) return ORG;
        r->cue = 1; /* an organization speaks too: "Halvorsen said" */
        return PERSON;
    }
    if (n == 1 && (d->t->v[a].flags & WHOSAID_TOK_ALLCAPS) && tok_len(d, a) <= 6 &&
        !capitals_not_acronym(d, a))
        return ORG;
    /* The weakest evidence: a type seen elsewhere in the article wins. */
    r->weak = 1;
    if (n <= 3 && whosaid_nametype_place_preposition(d, a)) return LOCATION;
    /* Two or three name-like words nobody listed: most often a person. */
    if (n >= 2 && n <= 3 && !g) {
        for (size_t i = a; i < b; i++)
            if (!whosaid_nametok_name_like(d, i)) return NONE;
        return PERSON;
    }
    return NONE;
}

/* Where a run that is no name as a whole splits: its first "of", or an
 * "&" between two people ("David Christison & Lee Tate"); b if nowhere. */
size_t whosaid_nametype_first_split(const doc *d, size_t a, size_t b)
{
    for (size_t i = a + 1; i + 1 < b; i++)
        if (tok_is(d, i, "of") ||
            (tok_is(d, i, "&") && whosaid_nametok_looks_like_person(d, a, i) &&
             whosaid_nametok_looks_like_person(d, i + 1, b)))
            return i;
    return b;
}

/* "82nd", "101st", "3rd", "102d": a number written as an ordinal. */
static int is_ordinal_number(const doc *d, size_t i)
{
    const char *s = tok_s(d, i);
    size_t n = tok_len(d, i), k = 0;
    while (k < n && s[k] >= '0' && s[k] <= '9')
        k++;
    if (k == 0 || n - k > 2) return 0;
    static const char *const ends[] = {"st", "nd", "rd", "th", "d", NULL};
    for (const char *const *e = ends; *e; e++)
        if (strlen(*e) == n - k && memcmp(s + k, *e, n - k) == 0) return 1;
    return 0;
}

/* "the 82nd Airborne Division", "the 47th Mechanized Brigade", "the 5th
 * Circuit Court of Appeals": units and courts are named by their number,
 * so an ordinal right before a run that ends in an organization's head
 * word (or has one before "of") is the first word of the name. */
static void take_ordinal(const doc *d, run *r)
{
    size_t a = r->a;
    if (a == 0 || r->title_b || !is_ordinal_number(d, a - 1) ||
        !(d->t->v[a].flags & WHOSAID_TOK_SPACE) || (d->t->v[a].flags & WHOSAID_TOK_NEWLINE) ||
        !has_org_word(d, a, r->b))
        return;
    r->a = a - 1;
}

/* "the Oakland Athletics of Major League Baseball", "the Sacramento Kings
 * of the NBA": a team after its city, "of" and an organization the
 * gazetteer knows are two names, the team and its league (the league's
 * head word made the whole run an organization). The gazetteer tags the
 * league, so the run keeps the team. */
static int team_of_league(const doc *d, size_t a, size_t of, size_t b)
{
    if (of >= b || !tok_is(d, of, "of")) return 0;
    size_t rest = of + 1;
    if (rest < b && tok_is(d, rest, "the")) rest++;
    whosaid_gaz_entry e;
    if (rest >= b || whosaid_nametok_gaz_match(d, rest, &e) != b - rest ||
        strcmp(e.type, "ORG") != 0)
        return 0;
    return team_after_place(d, a, of, gazetteer_prefix(d, a, of));
}

/* "at The Hockey News", "division of The Disabilities Trust": a
 * capitalized "The" inside a sentence belongs to an organization's name.
 * "Fellow of the American Physical Society": a person's standing in an
 * organization is not part of its name. */
int whosaid_nametype_run(const doc *d, run *r)
{
    size_t a0 = r->a;
    int type = type_run_inner(d, r);
    if (type != ORG) return type;
    size_t of = whosaid_nametype_first_split(d, r->a, r->b);
    if (team_of_league(d, r->a, of, r->b)) {
        r->b = of;
        return ORG;
    }
    /* not a place's own "of": "the Port of Houston Authority" */
    if (of < r->b && tok_is(d, of, "of") && whosaid_nametok_all_common(d, r->a, of) &&
        !has_org_word(d, r->a, of + 2) &&
        !whosaid_nametok_span_in(d, d->nm->loc_first, r->a, of + 1, 0)) {
        size_t rest = of + 1;
        while (rest < r->b && tok_is(d, rest, "the"))
            rest++;
        if (rest < r->b && has_org_word(d, rest, r->b)) r->a = rest;
    } else if (r->a == a0 + 1 && tok_is(d, a0, "The") &&
               !(d->t->v[a0].flags & WHOSAID_TOK_SENT_START) && !opens_clause(d, a0)) {
        r->a = a0;
    }
    take_ordinal(d, r);
    return type;
}
