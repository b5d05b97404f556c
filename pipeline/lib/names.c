/* Name heuristics (names_impl.h): loading the word lists of rules/names
 * and the public API, the pass over one document: find the runs of
 * capitalized words (namerun.c), type each (nametype.c, splitting at "of"
 * what is no name as a whole), read the whole document (namedoc.c), then
 * write a candidate per run that is a name. Keeps the lists as hash maps
 * (phrase keys as written or lower-cased) and a 4,096-byte filter of
 * titles' first, last and other words; loading costs one pass over each list,
 * a document O(tokens) lookups (names.h). */
#include "whosaid/names_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/rulefile.h"

/* ---- loading ---------------------------------------------------------- */

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

/* Notes the title just keyed (its tokens in nm->phrase) in the filters:
 * its first and last token, and every token (title_any). */
static int note_title(whosaid_names *nm, const char *phrase)
{
    whosaid_buf low = WHOSAID_BUF_INIT;
    int rc = 0;
    for (size_t j = 0; j < nm->phrase.n && !rc; j++) {
        const whosaid_token *tk = &nm->phrase.v[j];
        whosaid_buf_clear(&low);
        rc = whosaid_utf8_lower(phrase + tk->start, tk->end - tk->start, &low);
        if (rc || !low.len) continue;
        unsigned sig = whosaid_key_sig(low.data, low.len, TITLE_SIG_BITS);
        nm->title_sig[sig] |= (unsigned char)(TITLE_ANY | (j == 0 ? TITLE_FIRST : 0) |
                                              (j + 1 == nm->phrase.n ? TITLE_LAST : 0));
    }
    whosaid_buf_free(&low);
    return rc;
}

/* The kinds of org-words.txt (location-words.txt and misc-words.txt take
 * the same lines) and of word-names.txt, NULL-terminated. */
static const char *const WORD_KINDS[] = {
    "first", "last",       "before",     "before-place", "after", "role",       "head",
    "legal", "corp",       "designator", "region",       "party", "party-role", "outlet",
    "cause", "possessive", "possessor",  "club",         "sport", "link",       "plural",
    NULL};
static const char *const WORD_NAME_KINDS[] = {"given", "surname", NULL};
/* titles.txt: a phrase alone is a title; a peer's rank is a title too. */
static const char *const TITLE_KINDS[] = {"title", "peer", "rank", NULL};

/* The kinds a file's lines may have; *lone gets the kind of a phrase alone. */
static const char *const *file_kinds(const char *file, const char **lone)
{
    *lone = "last";
    if (strcmp(file, "word-names.txt") == 0) return WORD_NAME_KINDS;
    if (strcmp(file, "titles.txt") != 0) return WORD_KINDS;
    *lone = "title";
    return TITLE_KINDS;
}

/* "expected 'a', 'b' or 'c', a TAB and a word" for the kinds of a file. */
static void kinds_message(const char *const *kinds, char *msg, size_t size)
{
    size_t len = (size_t)snprintf(msg, size, "expected ");
    for (const char *const *k = kinds; *k && len < size; k++)
        len += (size_t)snprintf(msg + len, size - len, "%s'%s'",
                                k == kinds ? ""
                                : k[1]     ? ", "
                                           : " or ",
                                *k);
    if (len < size) snprintf(msg + len, size - len, ", a TAB and a word");
}

static int is_kind(const char *const *kinds, const char *k)
{
    for (; *kinds; kinds++)
        if (strcmp(*kinds, k) == 0) return 1;
    return 0;
}

/* Reads a one-phrase-a-line list. With kind, lines are "KIND<TAB>phrase"
 * (or a phrase alone, of the file's lone kind) and only lines of that kind
 * are read. */
static int load_list(whosaid_names *nm, const char *dir, const char *file, int lower,
                     const char *kind, whosaid_hashmap *map, whosaid_error *err)
{
    const char *lone;
    const char *const *kinds = file_kinds(file, &lone);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    whosaid_rulefile *rf = whosaid_rulefile_open(path, err);
    if (!rf) return err ? err->code : WHOSAID_EIO;
    int rc;
    while ((rc = whosaid_rulefile_next(rf, err)) == 1) {
        const char *phrase = whosaid_rulefile_field(rf, 0);
        if (kind) {
            /* "first<TAB>Mount", "before<TAB>town"; a word alone is "last"
             * (in titles.txt a "title"). */
            size_t nf = whosaid_rulefile_nfields(rf);
            const char *k = nf == 1 ? lone : phrase;
            /* "party<TAB>Tory<TAB>Conservative Party": a party's full name third */
            if ((nf > 2 && !(nf == 3 && strcmp(k, "party") == 0)) || !is_kind(kinds, k)) {
                char msg[400];
                kinds_message(kinds, msg, sizeof msg);
                rc = whosaid_rulefile_error(rf, err, WHOSAID_ESYNTAX, "%s", msg);
                break;
            }
            if (strcmp(k, kind) != 0) continue;
            if (nf >= 2) phrase = whosaid_rulefile_field(rf, 1);
        }
        /* a party's value: 1 + the offset of its full name in party_names */
        uint64_t value = 1;
        if (map == nm->org_party) {
            const char *full =
                whosaid_rulefile_nfields(rf) == 3 ? whosaid_rulefile_field(rf, 2) : phrase;
            value = 1 + nm->party_names.len;
            if (whosaid_buf_append(&nm->party_names, full, strlen(full) + 1)) {
                rc = whosaid_rulefile_error(rf, err, WHOSAID_ENOMEM, "out of memory");
                break;
            }
        }
        if (phrase_key(nm, phrase, lower) ||
            whosaid_hashmap_put(map, nm->key.data ? nm->key.data : "", nm->key.len, value) < 0 ||
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
    whosaid_hashmap **maps[] = {
        &nm->org_legal,      &nm->org_corp,     &nm->org_desig,     &nm->titles,
        &nm->org_words,      &nm->org_first,    &nm->org_before,    &nm->org_place,
        &nm->org_after,      &nm->org_role,     &nm->org_head,      &nm->loc_head,
        &nm->misc_head,      &nm->loc_first,    &nm->loc_last,      &nm->loc_before,
        &nm->misc_first,     &nm->misc_last,    &nm->first_names,   &nm->surnames,
        &nm->common,         &nm->cue_verbs,    &nm->not_names,     &nm->starters,
        &nm->doc_people,     &nm->doc_names,    &nm->doc_lower,     &nm->org_region,
        &nm->org_party,      &nm->party_role,   &nm->org_outlet,    &nm->org_cause,
        &nm->org_possessive, &nm->given_words,  &nm->word_surnames, &nm->org_club,
        &nm->org_sport,      &nm->org_link,     &nm->peers,         &nm->office_ranks,
        &nm->loc_plural,     &nm->org_possessor};
    nm->gm = whosaid_gaz_memo_new();
    nm->cal_cache = whosaid_wordcache_new(12);
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++) {
        if (!nm->gm || !nm->cal_cache || !(*maps[i] = whosaid_hashmap_new())) {
            whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
            whosaid_names_free(nm);
            return NULL;
        }
    }
    if (load_list(nm, dir, "titles.txt", 1, "title", nm->titles, err) ||
        load_list(nm, dir, "titles.txt", 1, "peer", nm->titles, err) ||
        load_list(nm, dir, "titles.txt", 0, "peer", nm->peers, err) ||
        load_list(nm, dir, "titles.txt", 0, "rank", nm->office_ranks, err) ||
        load_list(nm, dir, "org-words.txt", 0, "last", nm->org_words, err) ||
        load_list(nm, dir, "org-words.txt", 0, "first", nm->org_first, err) ||
        /* Legal forms and company heads end a name as last words do. */
        load_list(nm, dir, "org-words.txt", 0, "legal", nm->org_words, err) ||
        load_list(nm, dir, "org-words.txt", 0, "corp", nm->org_words, err) ||
        load_list(nm, dir, "org-words.txt", 0, "legal", nm->org_legal, err) ||
        load_list(nm, dir, "org-words.txt", 0, "corp", nm->org_corp, err) ||
        load_list(nm, dir, "org-words.txt", 0, "designator", nm->org_desig, err) ||
        load_list(nm, dir, "org-words.txt", 0, "region", nm->org_region, err) ||
        load_list(nm, dir, "org-words.txt", 0, "party", nm->org_party, err) ||
        load_list(nm, dir, "org-words.txt", 1, "party-role", nm->party_role, err) ||
        load_list(nm, dir, "org-words.txt", 0, "outlet", nm->org_outlet, err) ||
        load_list(nm, dir, "org-words.txt", 0, "cause", nm->org_cause, err) ||
        load_list(nm, dir, "org-words.txt", 1, "possessive", nm->org_possessive, err) ||
        load_list(nm, dir, "org-words.txt", 0, "possessor", nm->org_possessor, err) ||
        load_list(nm, dir, "org-words.txt", 0, "club", nm->org_club, err) ||
        load_list(nm, dir, "org-words.txt", 0, "sport", nm->org_sport, err) ||
        load_list(nm, dir, "org-words.txt", 0, "link", nm->org_link, err) ||
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
        load_list(nm, dir, "location-words.txt", 0, "plural", nm->loc_plural, err) ||
        load_list(nm, dir, "misc-words.txt", 0, "first", nm->misc_first, err) ||
        load_list(nm, dir, "misc-words.txt", 0, "last", nm->misc_last, err) ||
        load_list(nm, dir, "first-names.txt", 1, NULL, nm->first_names, err) ||
        load_list(nm, dir, "surnames.txt", 0, NULL, nm->surnames, err) ||
        load_list(nm, dir, "word-names.txt", 0, "given", nm->given_words, err) ||
        load_list(nm, dir, "word-names.txt", 0, "surname", nm->word_surnames, err) ||
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
    whosaid_hashmap *maps[] = {
        nm->org_legal,  nm->org_corp,     nm->org_desig,      nm->org_before,  nm->org_place,
        nm->org_after,  nm->org_role,     nm->org_head,       nm->loc_head,    nm->misc_head,
        nm->titles,     nm->org_words,    nm->org_first,      nm->loc_first,   nm->loc_last,
        nm->loc_before, nm->misc_first,   nm->misc_last,      nm->first_names, nm->surnames,
        nm->common,     nm->cue_verbs,    nm->not_names,      nm->starters,    nm->doc_people,
        nm->doc_names,  nm->doc_lower,    nm->org_region,     nm->org_party,   nm->party_role,
        nm->org_outlet, nm->org_cause,    nm->org_possessive, nm->given_words, nm->word_surnames,
        nm->org_club,   nm->org_sport,    nm->org_link,       nm->peers,       nm->office_ranks,
        nm->loc_plural, nm->org_possessor};
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
        whosaid_hashmap_free(maps[i]);
    whosaid_calendar_free(nm->calendar);
    whosaid_gaz_memo_free(nm->gm);
    whosaid_wordcache_free(nm->cal_cache);
    whosaid_tokens_free(&nm->phrase);
    whosaid_buf_free(&nm->key);
    whosaid_buf_free(&nm->raw);
    whosaid_buf_free(&nm->low);
    whosaid_buf_free(&nm->party_names);
    free(nm->tk);
    free(nm->rs.v);
    free(nm);
}

/* ---- a document: runs, their types, the candidates ------------------- */

static const char *const TYPE_NAME[] = {"NONE", "PERSON", "ORG", "LOCATION", "MISC"};

static int propose(const doc *d, const run *r, int type, whosaid_cands *out)
{
    size_t s = d->t->v[r->a].start, e = d->t->v[r->b - 1].end;
    /* "Macy's said": a store's "'s" is part of its name */
    if (type == ORG && whosaid_nametype_bare_possessive(d, r->b)) e = d->t->v[r->b].end;
    /* A company's short name has its full name as canonical, so
     * whosaid-resolve links the two. */
    const run *full = type == ORG ? whosaid_namedoc_company_of(d, r->a, r->b) : NULL;
    size_t cs = full ? d->t->v[full->a].start : s, ce = full ? d->t->v[full->b - 1].end : e;
    json_t *attrs = json_object();
    /* "Labour" before "MPs" is the Labour Party */
    json_t *canon = r->party ? json_string(d->nm->party_names.data + r->party - 1)
                             : json_stringn(d->text + cs, ce - cs);
    if (!attrs || json_object_set_new(attrs, "canonical", canon)) goto fail;
    /* "told the Milwaukee Journal Sentinel": a paper or a broadcaster by the
     * last word of its name, so whosaid-claims knows an outlet as it knows
     * the gazetteer's. */
    if (type == ORG && whosaid_nametok_is_outlet_word(d, r->b - 1) &&
        json_object_set_new(attrs, "kind", json_string("outlet")))
        goto fail;
    if (type == PERSON && r->title_b) {
        size_t ts = d->t->v[r->title_a].start, te = d->t->v[r->title_b - 1].end;
        if (json_object_set_new(attrs, "role", json_stringn(d->text + ts, te - ts))) goto fail;
    }
    /* A place's team must beat the place's gazetteer entry of the same
     * extent, and a call sign the number rules that read "6PR" as a count. */
    int prio = r->over_places || whosaid_nametok_is_callsign_run(d, r->a, r->b)
                   ? WHOSAID_NAMES_TEAM_PRIORITY
                   : WHOSAID_NAMES_PRIORITY;
    whosaid_cand c = {s, e, TYPE_NAME[type], prio, 0, 1L << 40, WHOSAID_NAMES_FILE, 0, attrs, 0, 0};
    return whosaid_cands_push(out, c);
fail:
    json_decref(attrs);
    return WHOSAID_ENOMEM;
}

/* "a Chevrolet Tahoe": a NONE candidate over a maker and its model, so
 * neither the maker's gazetteer entry nor a model named after a place
 * ("Yukon") is tagged inside it (NONE goes once it has blocked them). */
static int block_product(const doc *d, const run *r, whosaid_cands *out)
{
    whosaid_cand c = {d->t->v[r->a].start,
                      d->t->v[r->b - 1].end,
                      "NONE",
                      WHOSAID_NAMES_PRIORITY,
                      0,
                      1L << 40,
                      WHOSAID_NAMES_FILE,
                      0,
                      NULL,
                      0,
                      0};
    return whosaid_cands_push(out, c);
}

/* "Assistant U.S. Attorney Rachel Kim", "U.N. Secretary-General Antonio
 * Guterres": a title of titles.txt with a gazetteer name inside names an
 * office, not the country or the body: a NONE candidate over the title
 * blocks the gazetteer's span (NONE goes once it has blocked it). */
static int block_title_names(const doc *d, const run *r, whosaid_cands *out)
{
    whosaid_gaz_entry e;
    size_t i = r->title_a;
    while (i < r->title_b && !whosaid_nametok_gaz_match(d, i, &e))
        i++;
    if (i == r->title_b || r->title_b - r->title_a < 2) return 0;
    return block_product(d, &(run){.a = r->title_a, .b = r->title_b}, out);
}

/* A one-word run elsewhere in the document with token i's word, typed a
 * person ("Antlitz said"). Asked only of a place-named person's shape, so
 * a scan of the runs. */
static int named_alone(const doc *d, size_t i)
{
    const runs *rs = &d->nm->rs;
    for (size_t k = 0; k < rs->n; k++) {
        const run *o = &rs->v[k];
        if (o->type == PERSON && o->b - o->a == 1 && o->a != i &&
            tok_len(d, o->a) == tok_len(d, i) &&
            memcmp(tok_s(d, o->a), tok_s(d, i), tok_len(d, i)) == 0)
            return 1;
    }
    return 0;
}

/* "Ford said", "Ford's shares rose" opening a sentence: a speech verb or
 * a possessive after the first word shows a name, not the ordinary word
 * ("Ford the river"), so a company's short name that is also a word
 * (remembered as weak evidence) stands for the company there too. */
static int acts_as_name(const doc *d, size_t after)
{
    if (after >= d->t->n) return 0;
    uint32_t f = d->t->v[after].flags;
    return (f & WHOSAID_TOK_POSSESSIVE) || ((f & WHOSAID_TOK_WORD) && (f & WHOSAID_TOK_LOWER) &&
                                            in_lower(d, d->nm->cue_verbs, after));
}

/* "Jordan Henderson ... Henderson said", "Carl Bernstein ... Bernstein
 * said": a one-word gazetteer entry for a town or a company that is the
 * surname (last word) of a person the article names in full is that
 * person, above the gazetteer. Countries stay (they are given names, not
 * surnames: "Jordan", "Chad"), and so does a place after a place
 * preposition ("in Henderson") or a company in an organization's context
 * ("analysts at Bernstein"). Asked only of one-word runs whose word is in
 * doc_people, so a scan of the runs. */
static int surname_over_gazetteer(const doc *d, const run *r)
{
    whosaid_gaz_entry e;
    size_t i = r->a, n = tok_len(d, i);
    if (whosaid_nametok_gaz_match(d, i, &e) != 1 || strstr(e.attrs, "demonym=true")) return 0;
    int town = strcmp(e.type, "LOCATION") == 0 && strstr(e.attrs, "kind=city") &&
               !whosaid_nametype_place_preposition(d, i);
    int company = strcmp(e.type, "ORG") == 0 && strstr(e.attrs, "kind=company") &&
                  !whosaid_nametype_org_context(d, i, r->b);
    if (!town && !company) return 0;
    const runs *rs = &d->nm->rs;
    for (size_t k = 0; k < rs->n; k++) {
        const run *o = &rs->v[k];
        if (o->type == PERSON && o->b - o->a >= 2 && tok_len(d, o->b - 1) == n &&
            memcmp(tok_s(d, o->b - 1), tok_s(d, i), n) == 0)
            return 1;
    }
    return 0;
}

int whosaid_names_propose(whosaid_names *nm, const char *text, const whosaid_tokens *t,
                          const whosaid_gazetteer *gaz, whosaid_cands *out)
{
    if (whosaid_gaz_memo_reset(nm->gm, gaz, text, t)) return WHOSAID_ENOMEM;
    return whosaid_names_propose_memo(nm, text, t, nm->gm, out);
}

int whosaid_names_propose_memo(whosaid_names *nm, const char *text, const whosaid_tokens *t,
                               whosaid_gaz_memo *gm, whosaid_cands *out)
{
    doc d = {nm, text, t, whosaid_gaz_memo_gazetteer(gm), gm};
    runs *rs = &nm->rs;
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
        nm->gen = 1;
    }
    whosaid_buf_clear(&nm->low);
    /* The per-document maps start empty; clearing keeps their tables, so
     * the next document does not grow them again. */
    if (whosaid_hashmap_clear(nm->doc_people) || whosaid_hashmap_clear(nm->doc_names) ||
        whosaid_namerun_find(&d, rs))
        goto done;
    for (size_t k = 0; k < rs->n; k++) {
        rs->v[k].type = whosaid_nametype_run(&d, &rs->v[k]);
        /* "Vancouver Canucks of the PCHL": a run that is no name as a
         * whole may be two joined by "of"; the left part is typed again,
         * the right one joins the list. */
        size_t of = rs->v[k].type == NONE ? whosaid_nametype_first_split(&d, rs->v[k].a, rs->v[k].b)
                                          : rs->v[k].b;
        if (of < rs->v[k].b) {
            size_t rest = of + 1, b = rs->v[k].b;
            while (rest < b && tok_is(&d, rest, "the"))
                rest++;
            rs->v[k].b = of;
            if (rest < b && whosaid_namerun_push(rs, (run){.a = rest, .b = b, .type = NONE}))
                goto done;
            k--;
        }
    }
    whosaid_namedoc_type_lists(&d, rs);
    if (whosaid_namedoc_remember_people(&d, rs)) goto done;
    whosaid_namedoc_people_over_context(&d, rs);
    if (whosaid_namedoc_remember_names(&d, rs) || whosaid_namedoc_remember_companies(&d, rs))
        goto done;
    for (size_t k = 0; k < rs->n; k++) {
        run *r = &rs->v[k];
        int type = r->type;
        if (r->product) {
            if (block_product(&d, r, out)) goto done;
            continue;
        }
        /* One word that belongs to a person named in this document. */
        if (type == NONE && r->b - r->a == 1 && in_exact(&d, nm->doc_people, r->a)) {
            type = PERSON;
            if (surname_over_gazetteer(&d, r)) r->over_places = 1;
        }
        /* "Israel Adesanya ... Adesanya said": the place is his given name. */
        if (type == NONE && whosaid_nametype_place_given_name(&d, r->a, r->b) &&
            named_alone(&d, r->b - 1))
            type = PERSON;
        if (type == NONE) type = whosaid_namedoc_remembered(&d, r->a, r->b, 0);
        if (type == NONE && whosaid_namedoc_refers_to_org(&d, r)) type = ORG;
        /* "882 6PR" is the "6PR" typed elsewhere. */
        if (type == NONE && r->b - r->a == 2 && whosaid_nametok_is_callsign_run(&d, r->a, r->b))
            type = whosaid_namedoc_remembered(&d, r->b - 1, r->b, 0);
        /* "Halvorsen said" after "Halvorsen Semiconductor Inc": the speaker
         * is the organization named so elsewhere. */
        if (type == PERSON && r->cue && whosaid_namedoc_remembered(&d, r->a, r->b, 1) == ORG)
            type = ORG;
        /* "Ford Motor Co. ... Ford's losses", "Herman Miller Inc. ... Herman
         * Miller said": the company's short name is the company though a
         * person of the article shares it; a title shows the person ("Mr.
         * Ford"), and so does a given name more ("William Ford"). */
        if (type == PERSON && !r->title_b && whosaid_namedoc_is_company_name(&d, r->a, r->b, 0))
            type = ORG;
        if (r->weak && type != NONE) {
            /* "Harrison" alone is the man if the article names him in full;
             * so is "at Hecht's" after "John Hecht". */
            if ((type == LOCATION || type == ORG) && r->b - r->a == 1 &&
                in_exact(&d, nm->doc_people, r->a))
                type = PERSON;
            int seen = whosaid_namedoc_remembered(&d, r->a, r->b, 1);
            if (seen != NONE) type = seen;
        }
        /* A sentence-initial common word that is such a name ("Park said"),
         * or an organization or place that strong evidence typed elsewhere
         * ("carmaker Ford ... Ford said"; not a plural: "Scouts are ..." is
         * more often the common noun). */
        if (type == NONE && r->stripped && r->a > 0 && r->a == r->b) {
            int firm =
                acts_as_name(&d, r->a) && whosaid_namedoc_is_company_name(&d, r->a - 1, r->a, 1);
            int seen = firm                                     ? ORG
                       : in_exact(&d, nm->doc_people, r->a - 1) ? PERSON
                       : whosaid_nametok_is_plural_name(&d, r->a - 1)
                           ? NONE
                           : whosaid_namedoc_remembered(&d, r->a - 1, r->a, 1);
            if (seen == NONE && acts_as_name(&d, r->a) &&
                whosaid_namedoc_remembered(&d, r->a - 1, r->a, 0) == ORG)
                seen = ORG;
            if (seen == PERSON || seen == ORG || seen == LOCATION) {
                r->a--;
                type = seen;
            }
        }
        if (type != NONE && type != MISC && r->b > r->a && propose(&d, r, type, out)) goto done;
        if (type == PERSON && r->title_b && block_title_names(&d, r, out)) goto done;
    }
    rc = 0;
done:
    return rc;
}
