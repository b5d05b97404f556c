/* whosaid-resolve's linking rules (resolve.h), one test per rule, on small
 * records built here: a text and its spans, given as surfaces found in
 * order, as whosaid-tag would write them. */
#include "testutil.h"

#include <jansson.h>

#include "whosaid/jsonload.h"
#include "whosaid/out.h"
#include "whosaid/resolve.h"

static whosaid_resolver *R;

static int setup(void **state)
{
    (void)state;
    whosaid_error e;
    R = whosaid_resolver_new();
    if (!R ||
        whosaid_resolver_add(R, WHOSAID_TEST_RULES_DIR "/resolve", WHOSAID_TEST_RULES_DIR, &e) ||
        whosaid_resolver_add_names(R, WHOSAID_TEST_RULES_DIR "/names/first-names.txt",
                                   WHOSAID_TEST_RULES_DIR "/names/surnames.txt", &e))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    whosaid_resolver_free(R);
    return 0;
}

/* rec as the stage writes it, read back (the resolver writes entities as
 * text in the raw form, out.h, which only the writer reads); takes rec. */
static json_t *written(json_t *rec)
{
    char *line = whosaid_json_dump(rec);
    json_error_t je;
    json_t *back = line ? json_loads(line, JSON_ALLOW_NUL, &je) : NULL;
    if (!back) fail_msg("written record does not read back: %s", line ? je.text : "no dump");
    free(line);
    json_decref(rec);
    return back;
}

/* spec: a JSON array of [TYPE, surface, {attributes}?]; each surface is
 * searched from the end of the previous one. Texts are ASCII, so byte
 * offsets are code point offsets. */
static json_t *make_rec(const char *text, const char *spec, int sentences);

static json_t *make(const char *text, const char *spec)
{
    return make_rec(text, spec, 0);
}

/* As make, with sentences split after ". " (the chain's records have them). */
static json_t *make_split(const char *text, const char *spec)
{
    return make_rec(text, spec, 1);
}

static json_t *make_rec(const char *text, const char *spec, int sentences)
{
    json_error_t je;
    json_t *list = json_loads(spec, 0, &je);
    if (!list) fail_msg("spec: %s", je.text);
    json_t *spans = json_array();
    size_t from = 0;
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *it = json_array_get(list, i);
        const char *type = json_string_value(json_array_get(it, 0));
        const char *surf = json_string_value(json_array_get(it, 1));
        const char *at = strstr(text + from, surf);
        if (!at) fail_msg("'%s' not found after offset %zu", surf, from);
        size_t st = (size_t)(at - text);
        char id[32];
        snprintf(id, sizeof id, "s%zu", i + 1);
        json_t *s = json_pack("{s:s, s:I, s:I, s:s, s:s}", "id", id, "start", (json_int_t)st, "end",
                              (json_int_t)(st + strlen(surf)), "type", type, "text", surf);
        json_t *attrs = json_array_get(it, 2);
        if (attrs) json_object_update(s, attrs);
        if (!json_object_get(s, "canonical"))
            json_object_set_new(s, "canonical", json_string(surf));
        json_array_append_new(spans, s);
        from = st + strlen(surf);
    }
    json_decref(list);
    json_t *rec = json_pack("{s:s, s:s, s:o}", "id", "t", "text", text, "spans", spans);
    if (sentences) {
        json_t *sents = json_array();
        size_t n = strlen(text), st = 0;
        for (size_t i = 0; i + 1 < n; i++)
            if (text[i] == '.' && text[i + 1] == ' ') {
                json_array_append_new(sents, json_pack("[I,I]", (json_int_t)st, (json_int_t)i + 1));
                st = i + 2;
            }
        json_array_append_new(sents, json_pack("[I,I]", (json_int_t)st, (json_int_t)n));
        json_object_set_new(rec, "sentences", sents);
    }
    whosaid_error e;
    memset(&e, 0, sizeof e);
    if (whosaid_resolver_run(R, rec, &e)) fail_msg("resolve: %s", e.msg);
    return written(rec);
}

static json_t *span_id(json_t *rec, const char *id)
{
    json_t *spans = json_object_get(rec, "spans");
    for (size_t i = 0; i < json_array_size(spans); i++) {
        json_t *s = json_array_get(spans, i);
        if (!strcmp(json_string_value(json_object_get(s, "id")), id)) return s;
    }
    fail_msg("no span %s", id);
    return NULL;
}

/* Entity id of span sN, or "-" when it has none. */
static const char *ent(json_t *rec, int n)
{
    char id[16];
    snprintf(id, sizeof id, "s%d", n);
    const char *e = json_string_value(json_object_get(span_id(rec, id), "entity"));
    return e ? e : "-";
}

static json_t *entity_of(json_t *rec, int n)
{
    const char *id = ent(rec, n);
    json_t *ents = json_object_get(rec, "entities");
    for (size_t i = 0; i < json_array_size(ents); i++) {
        json_t *e = json_array_get(ents, i);
        if (!strcmp(json_string_value(json_object_get(e, "id")), id)) return e;
    }
    fail_msg("span s%d has no entity", n);
    return NULL;
}

static const char *canon(json_t *rec, int n)
{
    return json_string_value(json_object_get(entity_of(rec, n), "canonical"));
}

static const char *attr(json_t *rec, int n, const char *key)
{
    const char *v =
        json_string_value(json_object_get(json_object_get(entity_of(rec, n), "attrs"), key));
    return v ? v : "-";
}

static void test_surname_and_given_name(void **state)
{
    (void)state;
    /* the part may come before the full name, too */
    json_t *r = make("Hong declined. Later Hong Lei spoke, and Lei left. Hong said no.",
                     "[[\"PERSON\",\"Hong\"],[\"PERSON\",\"Hong Lei\"],[\"PERSON\",\"Lei\"],"
                     "[\"PERSON\",\"Hong\"]]");
    assert_string_equal(ent(r, 1), ent(r, 2));
    assert_string_equal(ent(r, 3), ent(r, 2));
    assert_string_equal(ent(r, 4), ent(r, 2));
    assert_string_equal(canon(r, 1), "Hong Lei");
    assert_int_equal(json_array_size(json_object_get(r, "entities")), 1);
    json_decref(r);
}

static void test_east_asian_and_hyphenated(void **state)
{
    (void)state;
    json_t *r = make("Park Jae-moon and Peter Launsky-Tieffenthal met. Park and "
                     "Launsky-Tieffenthal spoke.",
                     "[[\"PERSON\",\"Park Jae-moon\"],[\"PERSON\",\"Peter Launsky-Tieffenthal\"],"
                     "[\"PERSON\",\"Park\"],[\"PERSON\",\"Launsky-Tieffenthal\"]]");
    assert_string_equal(ent(r, 3), ent(r, 1));
    assert_string_equal(ent(r, 4), ent(r, 2));
    assert_string_not_equal(ent(r, 1), ent(r, 2));
    json_decref(r);
}

static void test_shared_surname_not_merged(void **state)
{
    (void)state;
    json_t *r =
        make("Spokeswoman Kim Min-ji and lawmaker Kim Tae-hoon argued. Kim left. "
             "Ms. Kim stayed, and Mr. Kim went home.",
             "[[\"PERSON\",\"Kim Min-ji\",{\"role\":\"Spokeswoman\"}],"
             "[\"PERSON\",\"Kim Tae-hoon\",{\"role\":\"lawmaker\"}],[\"PERSON\",\"Kim\"],"
             "[\"PERSON\",\"Kim\",{\"role\":\"Ms.\"}],[\"PERSON\",\"Kim\",{\"role\":\"Mr.\"}]]");
    assert_string_not_equal(ent(r, 1), ent(r, 2));
    /* "Kim" alone: neither, with both as candidates */
    assert_string_equal(ent(r, 3), "-");
    json_t *amb = json_object_get(span_id(r, "s3"), "ambiguous");
    assert_int_equal(json_array_size(amb), 2);
    /* an honorific picks the one whose gender does not contradict it */
    assert_string_equal(ent(r, 4), ent(r, 1));
    assert_string_equal(ent(r, 5), ent(r, 2));
    assert_string_equal(attr(r, 1, "gender"), "female");
    assert_string_equal(attr(r, 2, "gender"), "male");
    assert_string_equal(attr(r, 1, "role"), "spokeswoman");
    json_decref(r);
}

static void test_acronym_defined_in_text(void **state)
{
    (void)state;
    /* no gazetteer canonical ties them: the definition does, even when the
     * letters are not the initials */
    json_t *r = make("The National Computer Network Emergency Response Coordination Center "
                     "(CNCERT) said CNCERT had data.",
                     "[[\"ORG\",\"National Computer Network Emergency Response Coordination "
                     "Center\"],[\"ORG\",\"CNCERT\"],[\"ORG\",\"CNCERT\"]]");
    assert_string_equal(ent(r, 2), ent(r, 1));
    assert_string_equal(ent(r, 3), ent(r, 1));
    assert_string_equal(attr(r, 1, "acronym"), "CNCERT");
    assert_string_equal(canon(r, 3),
                        "National Computer Network Emergency Response Coordination Center");
    json_decref(r);
}

/* A company named by the first word(s) of its full name is that company,
 * whatever the tagger's canonical says; a word two names share, or a name
 * the gazetteer already ties to another, links nowhere new. */
static void test_short_name_of_organization(void **state)
{
    (void)state;
    json_t *r = make("Halvorsen Semiconductor Inc cut costs. Shares of Halvorsen rose. "
                     "Harbor Lane Securities agreed, Harbor Lane said.",
                     "[[\"ORG\",\"Halvorsen Semiconductor Inc\"],[\"ORG\",\"Halvorsen\"],"
                     "[\"ORG\",\"Harbor Lane Securities\"],[\"ORG\",\"Harbor Lane\"]]");
    assert_string_equal(ent(r, 2), ent(r, 1));
    assert_string_equal(canon(r, 2), "Halvorsen Semiconductor Inc");
    assert_string_equal(ent(r, 4), ent(r, 3));
    assert_string_not_equal(ent(r, 1), ent(r, 3));
    json_decref(r);
    r = make("Vantora Group and Vantora Capital bid. Vantora said so.",
             "[[\"ORG\",\"Vantora Group\"],[\"ORG\",\"Vantora Capital\"],[\"ORG\",\"Vantora\"]]");
    assert_string_not_equal(ent(r, 3), ent(r, 1));
    assert_string_not_equal(ent(r, 3), ent(r, 2));
    json_decref(r);
    r = make("Ford Motor Company and the Ford Foundation met. Ford said so.",
             "[[\"ORG\",\"Ford Motor Company\",{\"canonical\":\"Ford\"}],"
             "[\"ORG\",\"Ford Foundation\"],[\"ORG\",\"Ford\"]]");
    assert_string_equal(ent(r, 3), ent(r, 1));
    assert_string_not_equal(ent(r, 2), ent(r, 1));
    json_decref(r);
}

static void test_acronym_from_initials(void **state)
{
    (void)state;
    /* before or after the expansion; function words give no letter */
    json_t *r = make("MWUN members struck. The Maritime Workers Union of Nigeria said so. "
                     "The KCC agreed with the Korea Communications Commission.",
                     "[[\"ORG\",\"MWUN\"],[\"ORG\",\"Maritime Workers Union of Nigeria\"],"
                     "[\"ORG\",\"KCC\"],[\"ORG\",\"Korea Communications Commission\"]]");
    assert_string_equal(ent(r, 1), ent(r, 2));
    assert_string_equal(ent(r, 3), ent(r, 4));
    assert_string_not_equal(ent(r, 1), ent(r, 3));
    assert_string_equal(canon(r, 1), "Maritime Workers Union of Nigeria");
    /* the entity's acronym is its first name written as one */
    assert_string_equal(attr(r, 2, "acronym"), "MWUN");
    assert_string_equal(attr(r, 4, "acronym"), "KCC");
    json_decref(r);
}

static void test_acronym_as_word_in_capitals(void **state)
{
    (void)state;
    /* "WHO" in an all-capitals line may be the word: not linked, even
     * with the same gazetteer canonical */
    json_t *r = make("The World Health Organization (WHO) warned.\n\nWHO SHOULD PAY FIRST?\n\n"
                     "Doctors who know said the WHO was right.",
                     "[[\"ORG\",\"World Health Organization\"],[\"ORG\",\"WHO\",{\"canonical\":"
                     "\"World Health Organization\"}],[\"ORG\",\"WHO\",{\"canonical\":\"World "
                     "Health Organization\"}],[\"ORG\",\"WHO\",{\"canonical\":\"World Health "
                     "Organization\"}]]");
    assert_string_equal(ent(r, 2), ent(r, 1));
    assert_string_not_equal(ent(r, 3), ent(r, 1));
    assert_string_equal(ent(r, 4), ent(r, 1));
    json_decref(r);
}

static void test_same_initials_link_neither(void **state)
{
    (void)state;
    json_t *r = make("The Public Service Commission and the Port Security Council met; the PSC "
                     "said little.",
                     "[[\"ORG\",\"Public Service Commission\"],[\"ORG\",\"Port Security Council\"],"
                     "[\"ORG\",\"PSC\"]]");
    assert_string_not_equal(ent(r, 3), ent(r, 1));
    assert_string_not_equal(ent(r, 3), ent(r, 2));
    json_decref(r);
}

static void test_gazetteer_aliases(void **state)
{
    (void)state;
    json_t *r = make("The Republic of Korea and ROK officials, South Korean firms and South Korea.",
                     "[[\"COUNTRY\",\"Republic of Korea\",{\"canonical\":\"South Korea\","
                     "\"country\":\"KR\"}],[\"COUNTRY\",\"ROK\",{\"canonical\":\"South Korea\","
                     "\"country\":\"KR\"}],[\"COUNTRY\",\"South Korean\",{\"canonical\":\"South "
                     "Korea\",\"country\":\"KR\",\"demonym\":true}],[\"COUNTRY\",\"South Korea\","
                     "{\"country\":\"KR\"}]]");
    assert_string_equal(ent(r, 2), ent(r, 1));
    assert_string_equal(ent(r, 3), ent(r, 1));
    assert_string_equal(ent(r, 4), ent(r, 1));
    assert_string_equal(canon(r, 2), "South Korea");
    assert_string_equal(attr(r, 2, "country"), "KR");
    json_decref(r);
}

static void test_role_noun_to_last_holder(void **state)
{
    (void)state;
    json_t *r = make("Police spokesman Tom Reed spoke first. Army spokesman Ali Khan followed. "
                     "The spokesman said the spokeswoman was away.",
                     "[[\"PERSON\",\"Tom Reed\",{\"role\":\"spokesman\"}],"
                     "[\"PERSON\",\"Ali Khan\",{\"role\":\"spokesman\"}]]");
    json_t *m = span_id(r, "s3");
    assert_string_equal(json_string_value(json_object_get(m, "type")), "MENTION");
    assert_string_equal(json_string_value(json_object_get(m, "kind")), "role");
    assert_string_equal(json_string_value(json_object_get(m, "text")), "The spokesman");
    /* the last spokesman named, not the first */
    assert_string_equal(ent(r, 3), ent(r, 2));
    /* "the spokeswoman" contradicts the gender of both: no mention */
    assert_int_equal(json_array_size(json_object_get(r, "spans")), 3);
    json_t *mentions = json_object_get(entity_of(r, 2), "mentions");
    assert_int_equal(json_array_size(mentions), 2);
    json_decref(r);
}

/* Lexicon answers are cached between records: a rule file added after a
 * record was resolved still counts for the next one. */
static void test_rules_added_later(void **state)
{
    (void)state;
    whosaid_error e;
    whosaid_resolver *r = whosaid_resolver_new();
    assert_non_null(r);
    assert_int_equal(
        whosaid_resolver_add(r, WHOSAID_TEST_RULES_DIR "/resolve", WHOSAID_TEST_RULES_DIR, &e), 0);
    const char *line = "{\"id\":\"t\",\"text\":\"Police zorbmaster Tom Reed spoke. "
                       "The zorbmaster left.\",\"spans\":[{\"id\":\"s1\",\"start\":18,"
                       "\"end\":26,\"type\":\"PERSON\",\"text\":\"Tom Reed\","
                       "\"role\":\"zorbmaster\"}]}";
    json_t *rec = json_loads(line, 0, NULL);
    assert_int_equal(whosaid_resolver_run(r, rec, &e), 0);
    assert_int_equal(json_array_size(json_object_get(rec, "spans")), 1); /* no role noun yet */
    json_decref(rec);
    char *p = write_temp("role\tzorbmaster\t-\tzorbmaster\n", "extra.rules");
    assert_int_equal(whosaid_resolver_add(r, p, NULL, &e), 0);
    remove_temp(p);
    rec = json_loads(line, 0, NULL);
    assert_int_equal(whosaid_resolver_run(r, rec, &e), 0);
    assert_int_equal(json_array_size(json_object_get(rec, "spans")), 2);
    json_t *m = json_array_get(json_object_get(rec, "spans"), 1);
    assert_string_equal(json_string_value(json_object_get(m, "type")), "MENTION");
    json_decref(rec);
    whosaid_resolver_free(r);
}

static void test_role_noun_not_a_title(void **state)
{
    (void)state;
    /* "the spokesman Tom Reed" is a title before a name, not a reference */
    json_t *r = make("Spokesman Tom Reed spoke. Then the spokesman Jan Ode spoke.",
                     "[[\"PERSON\",\"Tom Reed\",{\"role\":\"Spokesman\"}],"
                     "[\"PERSON\",\"Jan Ode\",{\"role\":\"spokesman\"}]]");
    assert_int_equal(json_array_size(json_object_get(r, "spans")), 2);
    json_decref(r);
}

static void test_org_noun(void **state)
{
    (void)state;
    json_t *r = make("The Foreign Ministry and Acme Holdings spoke. The ministry and the company "
                     "disagreed.",
                     "[[\"ORG\",\"Foreign Ministry\"],[\"ORG\",\"Acme Holdings\",{\"kind\":"
                     "\"company\"}]]");
    assert_string_equal(ent(r, 3), ent(r, 1));
    assert_string_equal(ent(r, 4), ent(r, 2));
    json_decref(r);
}

/* "head|kind=company": "the bank" is the last "... Bank" named, else the
 * last company; "the carmaker" the last company. */
static void test_org_noun_head_then_kind(void **state)
{
    (void)state;
    const char *spans = "[[\"ORG\",\"Acme Holdings\",{\"kind\":\"company\"}],"
                        "[\"ORG\",\"Bank of Korea\"]]";
    json_t *r =
        make("Acme Holdings and the Bank of Korea spoke. The bank and the carmaker agreed.", spans);
    assert_int_equal(json_array_size(json_object_get(r, "spans")), 4);
    assert_string_equal(ent(r, 3), ent(r, 2));
    assert_string_equal(ent(r, 4), ent(r, 1));
    json_decref(r);
    r = make("Acme Holdings spoke. The bank disagreed.",
             "[[\"ORG\",\"Acme Holdings\",{\"kind\":\"company\"}]]");
    assert_int_equal(json_array_size(json_object_get(r, "spans")), 2);
    assert_string_equal(ent(r, 2), ent(r, 1));
    json_decref(r);
}

/* An organization the gazetteer does not know is a company when its kind
 * cues say so (a suffix, "shares of", "said in a statement", a ticker),
 * unless a word of its name rules that out; then "the company" and "the
 * firm" refer back to it. */
static void test_org_kind_from_cues(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Northwind Logistics Inc hired staff. The company said jobs would grow.",
        "Shares of Brightwater rose. The firm said demand was strong.",
        "Brightwater's shares rose. The company said demand was strong.",
        "Brightwater said in a statement it would sell a unit. The company gave no price.",
        "Brightwater (NYSE: BWT) rose. The company said demand was strong.",
        "Brightwater (BWT.N) rose. The company said demand was strong.",
    };
    static const char *const orgs[] = {"Northwind Logistics Inc",
                                       "Brightwater",
                                       "Brightwater",
                                       "Brightwater",
                                       "Brightwater",
                                       "Brightwater"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char spec[128];
        snprintf(spec, sizeof spec, "[[\"ORG\",\"%s\"]]", orgs[i]);
        json_t *r = make(texts[i], spec);
        assert_int_equal(json_array_size(json_object_get(r, "spans")), 2);
        assert_string_equal(ent(r, 2), ent(r, 1));
        /* the record says nothing new of the organization itself */
        assert_string_equal(attr(r, 1, "kind"), "-");
        json_decref(r);
    }
    /* no cue and not named in the sentence before, a ministry's statement,
     * a union's shares, a parenthesis that is no ticker: "the company"
     * stays unlinked */
    static const char *const none[] = {
        "Vireo Partners hired staff. Sales fell. The company said jobs would grow.",
        "The Transport Ministry said in a statement it would act. The company said nothing.",
        "Shares of Unite Union rose. The company said nothing.",
        "Vireo Partners (U.S.) hired staff. Sales fell. The company said jobs would grow.",
    };
    static const char *const norgs[] = {"Vireo Partners", "Transport Ministry", "Unite Union",
                                        "Vireo Partners"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        char spec[128];
        snprintf(spec, sizeof spec, "[[\"ORG\",\"%s\"]]", norgs[i]);
        json_t *r = make_split(none[i], spec);
        assert_int_equal(json_array_size(json_object_get(r, "spans")), 1);
        json_decref(r);
    }
}

/* An organization of no known kind named in the sentence before (or in
 * the same one) is what "the company" means: "Deutsche Bahn said ... .
 * Services were hit, the company said." Not one whose name rules the kind
 * out, nor one named two sentences back. */
static void test_company_after_kindless_org(void **state)
{
    (void)state;
    json_t *r =
        make_split("Deutsche Bahn said trains would stop. Services were hit, the company said.",
                   "[[\"ORG\",\"Deutsche Bahn\"]]");
    assert_int_equal(json_array_size(json_object_get(r, "spans")), 2);
    assert_string_equal(ent(r, 2), ent(r, 1));
    json_decref(r);
    static const char *const none[] = {
        "Deutsche Bahn said trains would stop. Fares rose. The company said so.",
        "The Transport Ministry said trains would stop. The company said so.",
    };
    static const char *const norgs[] = {"Deutsche Bahn", "Transport Ministry"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        char spec[128];
        snprintf(spec, sizeof spec, "[[\"ORG\",\"%s\"]]", norgs[i]);
        r = make_split(none[i], spec);
        assert_int_equal(json_array_size(json_object_get(r, "spans")), 1);
        json_decref(r);
    }
}

/* A title in capitals opening a sentence is kept as written; a role noun
 * alone there is the common noun. */
static void test_role_case_as_written(void **state)
{
    (void)state;
    json_t *r = make("Mining Minister Marcela Hernando said so. Chief executive Ana Ruiz agreed.",
                     "[[\"PERSON\",\"Marcela Hernando\",{\"role\":\"Minister\"}],"
                     "[\"PERSON\",\"Ana Ruiz\"]]");
    assert_string_equal(attr(r, 1, "role"), "Mining Minister");
    json_decref(r);
    r = make("Chief executive Ana Ruiz agreed.", "[[\"PERSON\",\"Ana Ruiz\"]]");
    assert_string_equal(attr(r, 1, "role"), "chief executive");
    json_decref(r);
}

static void test_pre_title_role_and_org(void **state)
{
    (void)state;
    json_t *r = make("Foreign Ministry spokesman Hong Lei said so. Finland's transport minister, "
                     "Aino Lehtonen, agreed.",
                     "[[\"ORG\",\"Foreign Ministry\"],[\"PERSON\",\"Hong Lei\",{\"role\":"
                     "\"spokesman\"}],[\"COUNTRY\",\"Finland\",{\"country\":\"FI\"}],"
                     "[\"PERSON\",\"Aino Lehtonen\"]]");
    assert_string_equal(attr(r, 2, "role"), "spokesman");
    assert_string_equal(attr(r, 2, "org"), "Foreign Ministry");
    assert_string_equal(attr(r, 2, "org_entity"), ent(r, 1));
    assert_string_equal(attr(r, 2, "gender"), "male");
    assert_string_equal(attr(r, 4, "role"), "transport minister");
    assert_string_equal(attr(r, 4, "country"), "FI");
    json_decref(r);
}

static void test_apposition_role_and_org(void **state)
{
    (void)state;
    json_t *r =
        make("The Korea Communications Commission agreed. \"No,\" said Park Jae-moon, "
             "KCC's director of network policy. Peter Launsky-Tieffenthal, "
             "Under-Secretary-General for Communications and Public Information, spoke. "
             "Ana Ruiz, a senior adviser at the United Nations, and Leila Benali of the "
             "University of Montpellier agreed.",
             "[[\"ORG\",\"Korea Communications Commission\"],[\"PERSON\",\"Park Jae-moon\"],"
             "[\"ORG\",\"KCC\",{\"canonical\":\"Korea Communications Commission\"}],"
             "[\"PERSON\",\"Peter Launsky-Tieffenthal\"],[\"PERSON\",\"Ana Ruiz\"],"
             "[\"ORG\",\"United Nations\"],[\"PERSON\",\"Leila Benali\"],"
             "[\"ORG\",\"University of Montpellier\"]]");
    assert_string_equal(attr(r, 2, "role"), "director of network policy");
    assert_string_equal(attr(r, 2, "org"), "Korea Communications Commission");
    assert_string_equal(attr(r, 4, "role"),
                        "Under-Secretary-General for Communications and Public Information");
    assert_string_equal(attr(r, 4, "org"), "-");
    /* the organization after the role is the org, not part of the role */
    assert_string_equal(attr(r, 5, "role"), "senior adviser");
    assert_string_equal(attr(r, 5, "org"), "United Nations");
    assert_string_equal(attr(r, 7, "org"), "University of Montpellier");
    assert_string_equal(attr(r, 7, "role"), "-");
    json_decref(r);
    /* "chief" is a role alone, but here it modifies the head after a country */
    r = make("Rob Wood, chief UK economist at Pantheon, agreed.",
             "[[\"PERSON\",\"Rob Wood\"],[\"COUNTRY\",\"UK\"],[\"ORG\",\"Pantheon\"]]");
    assert_string_equal(attr(r, 1, "role"), "chief UK economist");
    assert_string_equal(attr(r, 1, "org"), "Pantheon");
    json_decref(r);
}

/* Peers' and knights' titles are honorifics, never roles; "the chancellor"
 * is not the shadow chancellor named last (ranks must agree). */
static void test_honorifics_and_ranks(void **state)
{
    (void)state;
    json_t *r = make("Lord Hennessy spoke. Baroness Mara Quinn agreed. The chancellor, Helen "
                     "Marsden, listened. The shadow chancellor, Mel Stride, objected. The "
                     "chancellor said no. The shadow chancellor said yes.",
                     "[[\"PERSON\",\"Hennessy\",{\"role\":\"Lord\"}],"
                     "[\"PERSON\",\"Mara Quinn\",{\"role\":\"Baroness\"}],"
                     "[\"PERSON\",\"Helen Marsden\"],[\"PERSON\",\"Mel Stride\"]]");
    assert_string_equal(attr(r, 1, "role"), "-");
    assert_string_equal(attr(r, 1, "gender"), "male");
    assert_string_equal(attr(r, 2, "role"), "-");
    assert_string_equal(attr(r, 4, "role"), "shadow chancellor");
    /* s5 "The chancellor" (the second), s6 "The shadow chancellor" */
    assert_string_equal(ent(r, 5), ent(r, 3));
    assert_string_equal(ent(r, 6), ent(r, 4));
    json_decref(r);
}

/* "Daniel Tan, a research fellow at the S. Rajaratnam School in Singapore":
 * words no lexicon holds between "a" and a preposition before the
 * organization are the role. */
static void test_apposition_role_at_org(void **state)
{
    (void)state;
    json_t *r = make(
        "\"No,\" said Daniel Tan, a research fellow at the S. Rajaratnam School in "
        "Singapore. Ana Ruiz, a visiting lecturer at Acme, agreed with Tom Reed, an old friend.",
        "[[\"PERSON\",\"Daniel Tan\"],[\"ORG\",\"S. Rajaratnam School\"],"
        "[\"COUNTRY\",\"Singapore\"],[\"PERSON\",\"Ana Ruiz\"],[\"ORG\",\"Acme\"],"
        "[\"PERSON\",\"Tom Reed\"]]");
    assert_string_equal(attr(r, 1, "role"), "research fellow");
    assert_string_equal(attr(r, 1, "org"), "S. Rajaratnam School");
    assert_string_equal(attr(r, 4, "role"), "visiting lecturer");
    assert_string_equal(attr(r, 4, "org"), "Acme");
    assert_string_equal(attr(r, 6, "role"), "-"); /* no organization: no role */
    json_decref(r);
}

/* A role read back from its noun stops at a verb, "that" or a
 * preposition: a clause runs on there, not a title (the tagger's role
 * words, as whosaid-tag gives them). */
static void test_pre_title_stops_at_verb(void **state)
{
    (void)state;
    json_t *r = make("Doherty confirmed that captain Lee Barton was hurt. Harlow City said "
                     "goalkeeper Ryan Castle had signed. He said the club would assess defender "
                     "Marcus Finch. Chelsea signed striker Tom Reed. It was a header by "
                     "defender Ali Khan.",
                     "[[\"PERSON\",\"Doherty\"],"
                     "[\"PERSON\",\"Lee Barton\",{\"role\":\"captain\"}],"
                     "[\"ORG\",\"Harlow City\"],"
                     "[\"PERSON\",\"Ryan Castle\",{\"role\":\"goalkeeper\"}],"
                     "[\"PERSON\",\"Marcus Finch\",{\"role\":\"defender\"}],"
                     "[\"ORG\",\"Chelsea\"],"
                     "[\"PERSON\",\"Tom Reed\",{\"role\":\"striker\"}],"
                     "[\"PERSON\",\"Ali Khan\",{\"role\":\"defender\"}]]");
    assert_string_equal(attr(r, 2, "role"), "captain");
    assert_string_equal(attr(r, 4, "role"), "goalkeeper");
    assert_string_equal(attr(r, 4, "org"), "-"); /* the subject of "said" is no employer */
    assert_string_equal(attr(r, 5, "role"), "defender");
    assert_string_equal(attr(r, 7, "role"), "striker");
    assert_string_equal(attr(r, 7, "org"), "-");
    assert_string_equal(attr(r, 8, "role"), "defender");
    json_decref(r);
    /* modifiers that open after a name still count: "UN special envoy" */
    r = make("UN special envoy Ana Ruiz spoke.", "[[\"ORG\",\"UN\"],[\"PERSON\",\"Ana Ruiz\"]]");
    assert_string_equal(attr(r, 2, "role"), "special envoy");
    assert_string_equal(attr(r, 2, "org"), "UN");
    json_decref(r);
}

/* "head of research at the charity ORG": the field stays in the role, the
 * organization after the second preposition is the org. */
static void test_apposition_field_then_org(void **state)
{
    (void)state;
    json_t *r = make("Dr Fiona Grant, head of research at the charity Dementia Research UK, said "
                     "so. Paul Nolte, director of investments at Hinsdale Associates, agreed.",
                     "[[\"PERSON\",\"Fiona Grant\",{\"role\":\"Dr\"}],"
                     "[\"ORG\",\"Dementia Research UK\"],[\"PERSON\",\"Paul Nolte\"],"
                     "[\"ORG\",\"Hinsdale Associates\"]]");
    assert_string_equal(attr(r, 1, "role"), "head of research");
    assert_string_equal(attr(r, 1, "org"), "Dementia Research UK");
    assert_string_equal(attr(r, 3, "role"), "director of investments");
    assert_string_equal(attr(r, 3, "org"), "Hinsdale Associates");
    json_decref(r);
}

/* "NAME, of ORG," is an affiliation when the organization closes the
 * apposition; ", at Acme's offices" is not. */
static void test_org_in_comma_apposition(void **state)
{
    (void)state;
    json_t *r = make("Professor Richard Amos, of University College London, told reporters. "
                     "Ana Ruiz, at Acme's offices, waited.",
                     "[[\"PERSON\",\"Richard Amos\",{\"role\":\"Professor\"}],"
                     "[\"ORG\",\"University College London\"],[\"PERSON\",\"Ana Ruiz\"],"
                     "[\"ORG\",\"Acme\"]]");
    assert_string_equal(attr(r, 1, "org"), "University College London");
    assert_string_equal(attr(r, 1, "org_entity"), ent(r, 2));
    assert_string_equal(attr(r, 3, "org"), "-");
    json_decref(r);
}

/* "A senior official of the UPPCL, who did not want to be named": the
 * organization holds the role for the person it does not name, so "the
 * official" refers to it and carries the role; a person named later with
 * the role takes it over. */
static void test_unnamed_role_holder(void **state)
{
    (void)state;
    json_t *r = make_split(
        "A senior official of the Power Corporation, who did not want to be named, spoke. "
        "The official said no. Tax official Tom Reed came. The official said yes.",
        "[[\"ORG\",\"Power Corporation\"],[\"PERSON\",\"Tom Reed\"]]");
    json_t *m = span_id(r, "s3");
    assert_string_equal(json_string_value(json_object_get(m, "text")), "The official");
    assert_string_equal(ent(r, 3), ent(r, 1));
    assert_string_equal(json_string_value(json_object_get(m, "role")), "senior official");
    m = span_id(r, "s4");
    assert_string_equal(json_string_value(json_object_get(m, "text")), "The official");
    assert_string_equal(ent(r, 4), ent(r, 2));
    assert_null(json_object_get(m, "role"));
    json_decref(r);
    /* no organization after it: no holder, no mention */
    r = make("A senior official spoke. The official said no.", "[]");
    assert_int_equal(json_array_size(json_object_get(r, "spans")), 0);
    json_decref(r);
}

/* "the Communications Workers of America union": an organization noun
 * right after the name (or in ", the agency that ...") lets "the union"
 * find it; two organizations written with one noun leave it to no one. */
static void test_org_noun_after_name(void **state)
{
    (void)state;
    json_t *r = make("The Communications Workers of America union objected. The union said no.",
                     "[[\"ORG\",\"Communications Workers of America\"]]");
    assert_string_equal(ent(r, 2), ent(r, 1));
    json_decref(r);
    r = make("The Federal Aviation Administration, the agency that oversees airlines, spoke. The "
             "Transportation Security Administration, the agency that screens bags, agreed. The "
             "agency said no.",
             "[[\"ORG\",\"Federal Aviation Administration\"],"
             "[\"ORG\",\"Transportation Security Administration\"]]");
    json_t *spans = json_object_get(r, "spans");
    size_t agency = 0;
    for (size_t i = 0; i < json_array_size(spans); i++)
        agency += !strcmp(json_string_value(json_object_get(json_array_get(spans, i), "text")),
                          "The agency");
    assert_int_equal(agency, 0);
    json_decref(r);
    /* one organization so written: "The agency said" is it */
    r = make("The Federal Aviation Administration, the agency that oversees airlines, spoke. The "
             "agency said no.",
             "[[\"ORG\",\"Federal Aviation Administration\"]]");
    assert_string_equal(ent(r, 3), ent(r, 1)); /* s2 the apposition, s3 "The agency" */
    json_decref(r);
}

static void test_org_canonical_policy(void **state)
{
    (void)state;
    /* the gazetteer may normalize a longer spelling, never expand a short
     * form the article does not write */
    json_t *r = make("AFP and Xinhuanet reported, as did Shinhan.",
                     "[[\"ORG\",\"AFP\",{\"canonical\":\"Agence France-Presse\"}],"
                     "[\"ORG\",\"Xinhuanet\",{\"canonical\":\"Xinhua\"}],"
                     "[\"ORG\",\"Shinhan\",{\"canonical\":\"Shinhan Financial Group\"}]]");
    assert_string_equal(canon(r, 1), "AFP");
    assert_string_equal(attr(r, 1, "gazetteer"), "Agence France-Presse");
    assert_string_equal(canon(r, 2), "Xinhua");
    assert_string_equal(canon(r, 3), "Shinhan");
    json_decref(r);
}

/* Entities are written as text (entity_json): their strings come out
 * escaped as the writer escapes any string (quotes, backslashes, controls,
 * UTF-8 as is), and a span's "kind" or "country" holding a NUL is cut there,
 * as jansson's json_string cut it when entities were objects. */
static void test_entity_strings_escaped(void **state)
{
    (void)state;
    const char *text = "Acme \"Widget\" Holdings said Caf\xc3\xa9 fell.";
    json_t *span = json_pack("{s:s, s:I, s:I, s:s, s:s, s:s}", "id", "s1", "start", (json_int_t)0,
                             "end", (json_int_t)22, "type", "ORG", "text",
                             "Acme \"Widget\" Holdings", "canonical", "Acme\\Co\x01\xc3\xa9");
    json_object_set_new(span, "kind", json_stringn("comp\0any", 8));
    json_object_set_new(span, "country", json_stringn("X\0Y", 3));
    json_t *rec = json_pack("{s:s, s:s, s:[o]}", "id", "t", "text", text, "spans", span);
    whosaid_error e;
    assert_int_equal(whosaid_resolver_run(R, rec, &e), 0);
    rec = written(rec);
    assert_string_equal(canon(rec, 1), "Acme\\Co\x01\xc3\xa9");
    assert_string_equal(attr(rec, 1, "kind"), "comp");
    assert_string_equal(attr(rec, 1, "country"), "X");
    json_t *aliases = json_object_get(json_object_get(entity_of(rec, 1), "attrs"), "aliases");
    assert_int_equal(json_array_size(aliases), 1);
    assert_string_equal(json_string_value(json_array_get(aliases, 0)), "Acme \"Widget\" Holdings");
    json_decref(rec);
}

static void test_rerun_is_stable(void **state)
{
    (void)state;
    json_t *r = make("Spokesman Tom Reed spoke. The spokesman left.",
                     "[[\"PERSON\",\"Tom Reed\",{\"role\":\"Spokesman\"}]]");
    char *once = whosaid_json_dump(r);
    whosaid_error e;
    assert_int_equal(whosaid_resolver_run(R, r, &e), 0);
    char *twice = whosaid_json_dump(r);
    assert_string_equal(once, twice);
    free(once);
    free(twice);
    json_decref(r);
}

/* Spans out of order are taken in order of their start; and nothing of a
 * record (keys, names, acronyms) is left for the next one, though the
 * resolver keeps its tables between records. */
static void test_order_and_records_apart(void **state)
{
    (void)state;
    json_error_t je;
    json_t *rec = json_loads(
        "{\"id\":\"t\",\"text\":\"Tom Reed spoke. Reed left.\",\"spans\":["
        "{\"id\":\"s2\",\"start\":16,\"end\":20,\"type\":\"PERSON\",\"text\":\"Reed\"},"
        "{\"id\":\"s1\",\"start\":0,\"end\":8,\"type\":\"PERSON\",\"text\":\"Tom Reed\"}]}",
        0, &je);
    assert_non_null(rec);
    whosaid_error e;
    assert_int_equal(whosaid_resolver_run(R, rec, &e), 0);
    rec = written(rec);
    json_t *spans = json_object_get(rec, "spans");
    assert_string_equal(json_string_value(json_object_get(json_array_get(spans, 0), "id")), "s1");
    assert_string_equal(ent(rec, 2), ent(rec, 1));
    assert_string_equal(canon(rec, 2), "Tom Reed");
    json_decref(rec);
    /* the last record's "Reed" and "KCC" were span 1 and 2 of it */
    json_t *r = make("The Korea Communications Commission met. The KCC and Acme Corp agreed. "
                     "Anna Reed said so.",
                     "[[\"ORG\",\"Korea Communications Commission\"],[\"ORG\",\"KCC\"],"
                     "[\"ORG\",\"Acme Corp\"],[\"PERSON\",\"Anna Reed\"]]");
    assert_string_equal(attr(r, 1, "acronym"), "KCC");
    r = (json_decref(r), make("Reed and Acme spoke. KCC officials agreed.",
                              "[[\"PERSON\",\"Reed\"],[\"ORG\",\"Acme\"],[\"ORG\",\"KCC\"]]"));
    assert_string_equal(canon(r, 1), "Reed");
    assert_string_equal(canon(r, 2), "Acme");
    assert_string_equal(canon(r, 3), "KCC");
    assert_string_not_equal(ent(r, 1), ent(r, 2));
    assert_string_not_equal(ent(r, 3), ent(r, 2));
    assert_string_equal(attr(r, 2, "acronym"), "-");
    json_decref(r);
}

/* line resolved after loading with "spans" kept in the parse
 * (whosaid_resolver_kept) writes what it writes after jansson's parse:
 * resolve reads the spans through the view and writes them again as
 * text, its own members replaced, the others as they came. */
static void assert_kept_resolves_same(const char *line)
{
    whosaid_jsonload *l = whosaid_jsonload_new();
    assert_non_null(l);
    assert_int_equal(whosaid_jsonload_keep(l, whosaid_resolver_kept()), 0);
    json_t *a = whosaid_jsonload_object(l, line, strlen(line)), *b = json_loads(line, 0, NULL);
    assert_non_null(a);
    assert_non_null(b);
    /* the fast path really kept them */
    assert_non_null(whosaid_jsonload_view_of(a, "spans"));
    assert_null(json_object_get(a, "spans"));
    whosaid_error e;
    assert_int_equal(whosaid_resolver_run(R, a, &e), 0);
    assert_int_equal(whosaid_resolver_run(R, b, &e), 0);
    assert_null(whosaid_jsonload_view_of(a, "spans"));
    char *da = whosaid_json_dump(a), *db = whosaid_json_dump(b);
    assert_string_equal(da, db);
    free(da);
    free(db);
    json_decref(a);
    json_decref(b);
    whosaid_jsonload_free(l);
}

static void test_kept_spans(void **state)
{
    (void)state;
    const char *text = "Foreign Minister Ana Lima of Brazil met Seoul Telecom (ST) officials. "
                       "Lima said the minister would return. The company declined to comment. "
                       "Tom Reed agreed.";
    json_t *r = make(
        text, "[[\"PERSON\",\"Ana Lima\",{\"role\":\"Foreign Minister\",\"rule\":\"r:1\"}],"
              "[\"COUNTRY\",\"Brazil\",{\"country\":\"BR\",\"value\":1.5}],"
              "[\"ORG\",\"Seoul Telecom\",{\"kind\":\"company\",\"canonical\":\"SK Telecom\"}],"
              "[\"ORG\",\"ST\"],[\"PERSON\",\"Lima\"],"
              "[\"PERSON\",\"Tom Reed\",{\"role\":\"chief economist\"}]]");
    /* the spans as the tagger gives them: resolve's own members dropped */
    json_t *spans = json_object_get(r, "spans");
    for (size_t i = 0; i < json_array_size(spans); i++) {
        json_object_del(json_array_get(spans, i), "entity");
        json_object_del(json_array_get(spans, i), "ambiguous");
    }
    json_object_del(r, "entities");
    char *fresh = whosaid_json_dump(r);
    assert_kept_resolves_same(fresh);
    /* a second run: spans with "entity", and role mentions, come whole */
    whosaid_error e;
    assert_int_equal(whosaid_resolver_run(R, r, &e), 0);
    char *again = whosaid_json_dump(r);
    assert_kept_resolves_same(again);
    free(fresh);
    free(again);
    json_decref(r);
}

static void test_bad_records(void **state)
{
    (void)state;
    whosaid_error e;
    json_t *r = json_loads("{\"id\":\"x\",\"text\":\"abc\",\"spans\":[{\"id\":\"s1\",\"start\":2,"
                           "\"end\":9,\"type\":\"ORG\"}]}",
                           0, NULL);
    assert_int_equal(whosaid_resolver_run(R, r, &e), WHOSAID_EINPUT);
    assert_string_equal(e.msg, "span 1 (s1): offsets 2-9 outside the text (3 code points)");
    json_decref(r);
    /* a refused record keeps what an earlier run gave its spans */
    r = json_loads("{\"id\":\"x\",\"text\":\"abc\",\"spans\":[{\"id\":\"s1\",\"start\":0,"
                   "\"end\":1,\"type\":\"ORG\",\"entity\":\"e4\"},{\"id\":\"s2\",\"start\":1,"
                   "\"end\":2}]}",
                   0, NULL);
    assert_int_equal(whosaid_resolver_run(R, r, &e), WHOSAID_EINPUT);
    assert_string_equal(e.msg, "span 2 (s2): needs integer start and end and a type");
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(r, "spans"), 0), "entity")),
                        "e4");
    json_decref(r);
    r = json_loads("{\"id\":\"x\",\"text\":\"abc\",\"spans\":{}}", 0, NULL);
    assert_int_equal(whosaid_resolver_run(R, r, &e), WHOSAID_EINPUT);
    json_decref(r);
    /* no spans: no entities, nothing else changes */
    r = json_loads("{\"id\":\"x\",\"text\":\"abc\"}", 0, NULL);
    assert_int_equal(whosaid_resolver_run(R, r, &e), 0);
    assert_int_equal(json_array_size(json_object_get(r, "entities")), 0);
    assert_null(json_object_get(r, "spans"));
    json_decref(r);
    whosaid_resolver_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_surname_and_given_name),
        cmocka_unit_test(test_east_asian_and_hyphenated),
        cmocka_unit_test(test_shared_surname_not_merged),
        cmocka_unit_test(test_acronym_defined_in_text),
        cmocka_unit_test(test_short_name_of_organization),
        cmocka_unit_test(test_acronym_from_initials),
        cmocka_unit_test(test_acronym_as_word_in_capitals),
        cmocka_unit_test(test_same_initials_link_neither),
        cmocka_unit_test(test_gazetteer_aliases),
        cmocka_unit_test(test_role_noun_to_last_holder),
        cmocka_unit_test(test_rules_added_later),
        cmocka_unit_test(test_role_noun_not_a_title),
        cmocka_unit_test(test_org_noun),
        cmocka_unit_test(test_org_noun_head_then_kind),
        cmocka_unit_test(test_org_kind_from_cues),
        cmocka_unit_test(test_company_after_kindless_org),
        cmocka_unit_test(test_role_case_as_written),
        cmocka_unit_test(test_pre_title_role_and_org),
        cmocka_unit_test(test_apposition_role_and_org),
        cmocka_unit_test(test_org_canonical_policy),
        cmocka_unit_test(test_entity_strings_escaped),
        cmocka_unit_test(test_rerun_is_stable),
        cmocka_unit_test(test_bad_records),
        cmocka_unit_test(test_kept_spans),
        cmocka_unit_test(test_order_and_records_apart),
        cmocka_unit_test(test_honorifics_and_ranks),
        cmocka_unit_test(test_apposition_role_at_org),
        cmocka_unit_test(test_org_noun_after_name),
        cmocka_unit_test(test_pre_title_stops_at_verb),
        cmocka_unit_test(test_apposition_field_then_org),
        cmocka_unit_test(test_org_in_comma_apposition),
        cmocka_unit_test(test_unnamed_role_holder),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
