/* Runs of capitalized words for the name heuristics (names_impl.h): where
 * a run ends (connectors, initials, "for" after an organization's head
 * word, a surname's particle), and where it splits into parts (a title, a
 * company's legal form, a person's "of"). Keeps nothing: the runs go into
 * the caller's array, one pass over the tokens, O(tokens) lookups. */
#include "whosaid/names_impl.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int whosaid_namerun_push(runs *rs, run r)
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
    return whosaid_nametok_span_in(d, d->nm->titles, i - 1, i + 1, 1) ||
           whosaid_nametok_span_in(d, d->nm->loc_first, i - 1, i + 1, 0);
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

/* A surname written with its lower-case particle joined on: "al-Tamimi",
 * "el-Sisi", "bin-Talal", "d'Estaing" (the tokenizer keeps the word whole
 * across the hyphen or apostrophe, and it starts lower-case). The particle,
 * then a capital. */
static int is_particle_name(const doc *d, size_t i)
{
    /* Lengths (bytes: "d’" is four) kept with the words: this runs at the
     * end of every run, and a strlen and memcmp per word were a tenth of
     * finding the runs. */
    static const struct part {
        const char *s;
        size_t n;
    } parts[] = {{"al-", 3}, {"el-", 3}, {"ad-", 3}, {"as-", 3},  {"ash-", 4}, {"at-", 3},
                 {"az-", 3}, {"an-", 3}, {"ar-", 3}, {"bin-", 4}, {"ibn-", 4}, {"abu-", 4},
                 {"ul-", 3}, {"d'", 2},  {"d’", 4},  {"dell'", 5}};
    if (i >= d->t->n || !(d->t->v[i].flags & WHOSAID_TOK_LOWER) ||
        (d->t->v[i].flags & WHOSAID_TOK_POSSESSIVE))
        return 0;
    const char *s = tok_s(d, i);
    size_t n = tok_len(d, i);
    for (const struct part *p = parts; p < parts + sizeof parts / sizeof *parts; p++) {
        size_t k = p->n;
        if (n > k && s[0] == p->s[0] && !memcmp(s, p->s, k)) {
            size_t j = k;
            utf8proc_category_t c = utf8proc_category(whosaid_utf8_next(s, n, &j));
            return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
        }
    }
    return 0;
}

/* "Agency for International Development", "Department for Transport",
 * "Committee on Foreign Relations": "for" or "on" goes on with a name only
 * right after an organization's head word. */
int whosaid_namerun_org_connector(const doc *d, size_t i)
{
    /* not before an amount ("the Centre for Rs 15,000 crore") or a date */
    size_t n = d->t->n;
    /* nor before another name: "the Super League for FC Basel" */
    return i > 0 && i + 1 < n && (tok_is(d, i, "for") || tok_is(d, i, "on")) &&
           in_exact(d, d->nm->org_words, i - 1) && is_cap(d, i + 1) &&
           !is_acronym_plural(d, i + 1) && !whosaid_nametok_is_calendar_word(d, i + 1) &&
           !in_exact(d, d->nm->org_first, i + 1) && !in_lower(d, d->nm->first_names, i + 1) &&
           !(i + 2 < n && (d->t->v[i + 2].flags & WHOSAID_TOK_NUM));
}

/* "Americans for Prosperity", "Heritage Action for America", "Mothers
 * Against Drunk Driving", "Friends of the Earth": after a word that heads
 * an advocacy group's name (org-words.txt, kind cause) at i - 1, "for",
 * "against" or "without" (any case), or "of the", then a capitalized word
 * before b go on with the name. The connector's length in tokens, or 0. */
size_t whosaid_namerun_cause_connector(const doc *d, size_t i, size_t b)
{
    if (i == 0 || i + 1 >= b) return 0;
    size_t k = 0;
    if (tok_is(d, i, "for") || tok_is(d, i, "For") || tok_is(d, i, "against") ||
        tok_is(d, i, "Against") || tok_is(d, i, "without") || tok_is(d, i, "Without"))
        k = 1;
    else if (tok_is(d, i, "of") && tok_is(d, i + 1, "the"))
        k = 2;
    /* The connector first: this runs at the end of every run, and the word
     * before it is hashed for the list only when there is one. */
    if (!k || !in_exact(d, d->nm->org_cause, i - 1)) return 0;
    /* not before a person's name or title: "Lawyers for Ms. Holmes" */
    if (i + k >= b || !is_cap(d, i + k) || in_lower(d, d->nm->first_names, i + k) ||
        whosaid_nametok_title_starting_at(d, i + k, i + k + 1) ||
        whosaid_nametok_is_calendar_word(d, i + k))
        return 0;
    return k;
}

/* "Harris County Sheriff's Office", "the U.S. Attorney's Office", "Cook
 * County Medical Examiner's Office": an office holder's "'s" (at i) before
 * an organization's head word names one body, the office. A name before
 * it does not ("Obama's Justice Department" is a man and a department). */
static int possessive_office(const doc *d, size_t i)
{
    if (!(d->t->v[i].flags & WHOSAID_TOK_POSSESSIVE) || i + 1 >= d->t->n) return 0;
    uint32_t f = d->t->v[i + 1].flags;
    return (f & WHOSAID_TOK_SPACE) && !(f & WHOSAID_TOK_NEWLINE) && is_cap(d, i + 1) &&
           in_exact(d, d->nm->org_words, i + 1) && whosaid_nametok_title_ending_at(d, i) > 0;
}

/* The apostrophe of a plural's possessive ("Veterans' Affairs"): a bare
 * "'" or "’" right after a word ending in "s". */
static int plural_apostrophe(const doc *d, size_t i)
{
    if (i == 0 || (d->t->v[i].flags & WHOSAID_TOK_SPACE) ||
        !(tok_is(d, i, "'") || tok_is(d, i, "\xe2\x80\x99")))
        return 0;
    size_t n = tok_len(d, i - 1);
    return n > 1 && tok_s(d, i - 1)[n - 1] == 's';
}

/* "Northgate Children's Hospital", "St Mary's Hospital", "Farmers' Union",
 * "Macy's Inc.": the possessive at i stays inside an organization's name
 * when the owner is a group of people (org-words.txt "possessor"), a saint
 * ("St", "Saint" before it) or the company itself, whose legal form
 * follows; an organization's head word must come within three capitalized
 * words. Any other owner is a name of its own ("Britain's Labour Party",
 * "Obama's Justice Department"). */
static int possessive_org_name(const doc *d, size_t i)
{
    if (i < 1 || i + 1 >= d->t->n) return 0;
    int plural = plural_apostrophe(d, i);
    if (!plural && !(d->t->v[i].flags & WHOSAID_TOK_POSSESSIVE)) return 0;
    uint32_t f = d->t->v[i + 1].flags;
    if (!(f & WHOSAID_TOK_SPACE) || (f & WHOSAID_TOK_NEWLINE) || !is_cap(d, i + 1)) return 0;
    if (!plural && in_exact(d, d->nm->org_legal, i + 1)) return 1;
    int saint = !plural && i >= 2 &&
                (tok_is(d, i - 2, "St") || tok_is(d, i - 2, "Saint") ||
                 (i >= 3 && tok_is(d, i - 2, ".") && tok_is(d, i - 3, "St")));
    if (!saint && !in_exact(d, d->nm->org_possessor, i - 1)) return 0;
    for (size_t j = i + 1; j < d->t->n && j <= i + 3 && is_cap(d, j); j++)
        if (in_exact(d, d->nm->org_words, j)) return 1;
    return 0;
}

/* Token i exists and is a capitalized word (is_cap). */
static int cap_at(const doc *d, size_t i)
{
    return i < d->t->n && is_cap(d, i);
}

/* End of the run of capitalized words starting at a. */
static size_t run_end(const doc *d, size_t a)
{
    size_t b = a + 1;
    int after_for = 0;
    while (b < d->t->n) {
        const whosaid_token *tk = &d->t->v[b];
        if (tk->flags & WHOSAID_TOK_NEWLINE) break;
        /* Every way on below but a particle needs a capitalized word at b,
         * b + 1 or b + 2; most runs end before a lower-case word or a
         * comma and another, and this is seen before the tests are made. */
        if (!is_cap(d, b) && !cap_at(d, b + 1) && !cap_at(d, b + 2)) {
            if (!is_particle_name(d, b) || !(tk->flags & WHOSAID_TOK_SPACE) ||
                is_acronym_plural(d, b))
                break;
            b++;
            continue;
        }
        if (name_period(d, b)) {
            b++;
            continue;
        }
        if ((is_cap(d, b) || is_particle_name(d, b)) && (tk->flags & WHOSAID_TOK_SPACE) &&
            !is_acronym_plural(d, b)) {
            b++;
            continue;
        }
        if (possessive_office(d, b) || possessive_org_name(d, b)) {
            b += 2;
            continue;
        }
        if (whosaid_namerun_org_connector(d, b)) {
            b += 2;
            after_for = 1;
            continue;
        }
        size_t cause = whosaid_namerun_cause_connector(d, b, d->t->n);
        if (cause) {
            b += cause + 1;
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
        while (c < d->t->n && (whosaid_nametok_is_connector(d, c) || tok_is(d, c, "the")) &&
               c - b < 2)
            c++;
        if (c > b && c < d->t->n && is_cap(d, c) && tok_is(d, b, "the") == 0) {
            /* "School of Hygiene and Tropical Medicine": "of" after an
             * organization's head goes on like "for" */
            if (tok_is(d, b, "of") && in_exact(d, d->nm->org_words, b - 1)) after_for = 1;
            b = c + 1;
            continue;
        }
        break;
    }
    return b;
}

static int has_org_word_after(const doc *d, size_t a, size_t b);

/* A peer's rank, the last word of the title before a name ("Lord",
 * "Baroness", "Viscount"): the name may go on with "of" and a place. */
static int is_peerage(const doc *d, size_t i)
{
    /* titles.txt kind "peer" */
    return in_exact(d, d->nm->peers, i);
}

/* "Leila Benali of the University of Montpellier": a person's name is
 * never the head of an "of" phrase, so the run splits there; words ending
 * in an organization's head are no person ("London School of ..."). Returns
 * the token index of that "of", or b. */
static size_t person_of_split(const doc *d, size_t a, size_t b, int titled, int peer)
{
    /* "Lord Hennessy of Nympsfield": a peer's "of" and place are his name */
    if (peer && b - a >= 3 && b - a <= 5 && !has_org_word_after(d, a, b)) return b;
    for (size_t i = a + 1; i + 1 < b; i++)
        if (tok_is(d, i, "of") && i - a <= 3 && !in_exact(d, d->nm->org_words, i - 1) &&
            ((titled && whosaid_nametok_all_name_like(d, a, i)) ||
             whosaid_nametok_looks_like_person(d, a, i)))
            return i;
    return b;
}

/* An organization's head word ends [a, b) or stands inside it: "General
 * Motors Corporation", "Major League Soccer". */
static int has_org_word_after(const doc *d, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (in_exact(d, d->nm->org_words, i)) return 1;
    return 0;
}

/* Pushes one part of a run, after the "of" split. */
static int push_part(const doc *d, runs *rs, size_t a, size_t b, size_t title_a, size_t title_b)
{
    size_t of = person_of_split(d, a, b, title_b != 0, title_b && is_peerage(d, title_b - 1));
    run r = {.a = a, .b = of, .title_a = title_a, .title_b = title_b, .type = NONE};
    if (whosaid_namerun_push(rs, r)) return WHOSAID_ENOMEM;
    size_t rest = of + 1;
    while (rest < b && tok_is(d, rest, "the"))
        rest++;
    return rest < b ? push_part(d, rs, rest, b, 0, 0) : 0;
}

/* Words that only rank an office: "Chief", "Deputy", "Acting" ... open an
 * office's name, never a person's or an organization's. */
static int is_rank_word(const doc *d, size_t i)
{
    /* titles.txt kind "rank" */
    return in_exact(d, d->nm->office_ranks, i);
}

/* "Chief Commercial Officer", "Deputy Chief Executive", "Senior Vice
 * President", "Acting Attorney General": a rank word, up to two more
 * capitalized ordinary words (no given name) and then a title at i are one
 * office, so "Commercial" is no name and "Deputy" no organization before
 * its role. [from, i) are the words before the title; returns the office's
 * first token, or i if they are none. */
static size_t rank_office(const doc *d, size_t from, size_t i)
{
    /* "Then Senior Vice President ...": a sentence's opener is no part of it */
    if (from + 1 < i && (d->t->v[from].flags & WHOSAID_TOK_SENT_START) &&
        in_exact(d, d->nm->starters, from))
        from++;
    if (from >= i || !is_rank_word(d, from) || i - from > 3) return i;
    for (size_t k = from; k < i; k++)
        if (!(d->t->v[k].flags & WHOSAID_TOK_CAP) || !in_lower(d, d->nm->common, k) ||
            in_lower(d, d->nm->first_names, k))
            return i;
    return from;
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
    size_t k = whosaid_nametok_title_ending_at(d, a);
    /* "Harlow City manager Graham Pettigrew": a club's last word right
     * after a capitalized word, then lower case, belongs to the club, not
     * to the title "City Manager" */
    if (k >= 2 && a - k > 0 && in_exact(d, d->nm->org_club, a - k) && is_cap(d, a - k - 1) &&
        !(d->t->v[a - k].flags & WHOSAID_TOK_SENT_START) &&
        (d->t->v[a - k + 1].flags & WHOSAID_TOK_LOWER))
        k = whosaid_nametok_span_in(d, d->nm->titles, a - k + 1, a, 1) ? k - 1 : 0;
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
        size_t tk = whosaid_nametok_title_starting_at(d, i, b);
        /* A title that ends the run names nobody after it: "Ben Player",
         * "Tom Judge" are names (a run that is all title stays a title). */
        if (tk && i > a && i + tk == b) tk = 0;
        /* "the U.S. Attorney's Office": an office's possessive before an
         * organization's head word names the body, not a person */
        if (tk && i + tk < b && possessive_office(d, i + tk)) tk = 0;
        /* "General Motors Corporation", "General Assembly", "Major League
         * Soccer": a one-word title opening a run (after a sentence's "The",
         * or after "of": "the Athletics of Major League Baseball", "the
         * Department of General Services") with an organization's head word
         * is the first word of that organization's name. */
        if (tk == 1 &&
            (i == a || (i == a + 1 && tok_is(d, a, "The")) || (i > a && tok_is(d, i - 1, "of"))) &&
            !k && i + 1 < b && has_org_word_after(d, i + 1, b) &&
            !whosaid_nametok_looks_like_person(d, i + 1, b) &&
            !whosaid_nametok_has_connector(d, i + 1, b))
            tk = 0;
        if (tk == 0) {
            i++;
            continue;
        }
        /* the office may have begun with the title before ("Chief" | "Commercial" | "Officer") */
        size_t office = rank_office(d, title_b && title_b == start ? title_a : start, i);
        if (office < i) {
            title_a = office;
        } else {
            if (i > start && push_part(d, rs, start, i, title_a, title_b)) return WHOSAID_ENOMEM;
            title_a = i;
        }
        title_b = i + tk;
        i += tk;
        /* "Secretary of the New Jersey Department ...": the name starts after "of the". */
        while (i < b && (whosaid_nametok_is_connector(d, i) || tok_is(d, i, "the")))
            i++;
        start = i;
    }
    if (start < b && push_part(d, rs, start, b, title_a, title_b)) return WHOSAID_ENOMEM;
    /* The part after a legal form: "Chrysler LLC Jim Press" is a person
     * even though "Press" ends newspapers' names. */
    if (after_legal && after_legal < rs->n) rs->v[after_legal].after_legal = 1;
    return 0;
}

/* "Sen. Ron Haskell, R-Texas,", "Rep. Alicia Moreno (D-Calif.)", "R-S.D.":
 * a party's letter, a hyphen and a state after a comma or a parenthesis
 * is a politician's affiliation, no name. The tokens it covers (the
 * tokenizer leaves "R-S" "." "D" "." of "R-S.D."), or 0. */
static size_t party_state(const doc *d, size_t i)
{
    /* "R", "D" or "I" first makes the token capitalized: the flag turns
     * most tokens away before their bytes are read. */
    if (!(d->t->v[i].flags & WHOSAID_TOK_CAP)) return 0;
    const char *s = tok_s(d, i);
    size_t n = tok_len(d, i);
    if (i == 0 || n < 3 || (s[0] != 'R' && s[0] != 'D' && s[0] != 'I') || s[1] != '-' ||
        s[2] < 'A' || s[2] > 'Z' || !(tok_is(d, i - 1, ",") || tok_is(d, i - 1, "(")))
        return 0;
    size_t k = i + 1;
    while (k < d->t->n && !(d->t->v[k].flags & WHOSAID_TOK_SPACE) &&
           (tok_is(d, k, ".") || (tok_len(d, k) == 1 && (d->t->v[k].flags & WHOSAID_TOK_CAP))))
        k++;
    return k - i;
}

/* The first token from i that is capitalized or a number, or the end: a
 * lower-case word or punctuation (most tokens) is no party's state, no
 * call sign and starts no run. Apart and not inline, so the loop over
 * most of the document keeps the tokens in a register. */
static __attribute__((noinline)) size_t next_run_start(const whosaid_tokens *t, size_t i)
{
    const whosaid_token *v = t->v;
    for (size_t n = t->n; i < n; i++)
        if (v[i].flags & (WHOSAID_TOK_CAP | WHOSAID_TOK_ALLCAPS | WHOSAID_TOK_NUM)) return i;
    return t->n;
}

int whosaid_namerun_find(const doc *d, runs *rs)
{
    for (size_t i = 0; (i = next_run_start(d->t, i)) < d->t->n;) {
        size_t ps = party_state(d, i);
        if (ps) {
            i += ps;
            continue;
        }
        /* a call sign starts with a digit: most tokens need no call */
        if ((d->t->v[i].flags & WHOSAID_TOK_NUM) && whosaid_nametok_is_callsign(d, i)) {
            size_t a = i > 0 && whosaid_nametok_is_callsign_run(d, i - 1, i + 1) ? i - 1 : i;
            if (whosaid_namerun_push(rs, (run){.a = a, .b = i + 1, .type = NONE}))
                return WHOSAID_ENOMEM;
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
