/* The claim finder on small hand-built records (text, sentences, spans):
 * each frame, pronouns, via, according to, continuation, unknown speakers. */
#include "testutil.h"

#include <ctype.h>
#include <stdio.h>

#include <jansson.h>

#include "whosaid/attrib.h"
#include "whosaid/attrib_impl.h" /* the document model, for lowered_tokens */
#include "whosaid/buf.h"
#include "whosaid/out.h"
#include "whosaid/cues.h"

static whosaid_cues *cues;
static whosaid_attrib *at;

static int setup(void **state)
{
    (void)state;
    whosaid_error e;
    cues = whosaid_cues_new();
    if (!cues || whosaid_cues_load(cues, WHOSAID_TEST_RULES_DIR "/claims", &e)) return -1;
    at = whosaid_attrib_new(cues);
    return at ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    whosaid_attrib_free(at);
    whosaid_cues_free(cues);
    whosaid_attrib_free(NULL);
    return 0;
}

/* A record of ASCII text; names: "Type:Text" spans found at their first
 * occurrence at or after the previous span; sentences split after ". ". */
static json_t *record(const char *text, const char *const *names)
{
    json_t *spans = json_array(), *sents = json_array();
    size_t from = 0;
    for (int i = 0; names && names[i]; i++) {
        const char *colon = strchr(names[i], ':');
        const char *hit = strstr(text + from, colon + 1);
        assert_non_null(hit);
        size_t s = (size_t)(hit - text), e = s + strlen(colon + 1);
        json_t *sp =
            json_pack("{s:s, s:I, s:I, s:s#, s:s}", "id", "s", "start", (json_int_t)s, "end",
                      (json_int_t)e, "type", names[i], (int)(colon - names[i]), "text", colon + 1);
        if (!strncmp(names[i], "DATE", 4))
            json_object_set_new(sp, "value", json_string("2024-01-04"));
        else if (!strncmp(names[i], "STAT", 4))
            json_object_set_new(sp, "value", json_integer(3));
        else
            json_object_set_new(sp, "canonical", json_string(colon + 1));
        if (!strcmp(colon + 1, "Reuters") || !strcmp(colon + 1, "AFP"))
            json_object_set_new(sp, "kind", json_string("news_agency"));
        json_array_append_new(spans, sp);
        from = e;
    }
    size_t n = strlen(text), s = 0;
    for (size_t i = 0; i < n; i++)
        if ((text[i] == '.' || text[i] == '?') &&
            (i + 1 == n || (text[i + 1] == ' ' && text[i + 2] != 'a') || text[i + 1] == '\n' ||
             text[i + 1] == '"')) {
            size_t e = i + 1 < n && text[i + 1] == '"' ? i + 2 : i + 1;
            json_array_append_new(sents, json_pack("[I,I]", (json_int_t)s, (json_int_t)e));
            s = e;
            while (s < n && (text[s] == ' ' || text[s] == '\n'))
                s++;
            i = s - 1;
        }
    return json_pack("{s:s, s:s, s:{s:s}, s:o, s:o}", "id", "t", "text", text, "meta", "published",
                     "2024-01-05", "sentences", sents, "spans", spans);
}

static json_t *run(const char *text, const char *const *names)
{
    json_t *rec = record(text, names), *claims = NULL;
    whosaid_error e;
    assert_int_equal(whosaid_attrib_run(at, rec, &claims, &e), 0);
    json_decref(rec);
    return claims;
}

static const char *field(json_t *claims, size_t i, const char *k)
{
    json_t *v = json_object_get(json_array_get(claims, i), k);
    return json_is_string(v) ? json_string_value(v) : json_is_null(v) ? "null" : "(absent)";
}

#define assert_field(c, i, k, want) assert_string_equal(field(c, i, k), want)

static void direct_frames(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Anna Berg", "ORG:Acme", "PERSON:Berg", "PERSON:Berg", NULL};
    json_t *c = run("\"We will win,\" said Anna Berg, head of sales at Acme. "
                    "Berg said: \"Nothing changes.\" \"Really,\" Berg added. \"It is true.\"",
                    names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 0, "content", "We will win");
    assert_field(c, 0, "speaker", "Anna Berg");
    assert_field(c, 0, "speaker_role", "head of sales");
    assert_field(c, 0, "speaker_org", "Acme");
    assert_field(c, 0, "kind", "direct");
    assert_field(c, 1, "content", "Nothing changes.");
    assert_field(c, 1, "speaker", "Anna Berg"); /* the lone surname */
    assert_field(c, 2, "cue", "added");
    assert_field(c, 2, "speaker_role", "head of sales"); /* learned from the first claim */
    assert_field(c, 3, "content", "It is true.");        /* continues the previous quote */
    assert_field(c, 3, "speaker", "Anna Berg");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(c, 3), "n")), 4);
    json_decref(c);
}

static void indirect_frames(void **state)
{
    (void)state;
    const char *names[] = {"COUNTRY:Norway",  "DATE:Thursday", "STAT:three banks",
                           "PERSON:Ola Dahl", "ORG:Reuters",   NULL};
    json_t *c = run("Norway said on Thursday that three banks had failed. "
                    "Prices will rise, analysts said. Ola Dahl told Reuters the plan was late.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker_type", "COUNTRY");
    assert_field(c, 0, "content", "three banks had failed");
    assert_field(c, 0, "date", "2024-01-04"); /* "on Thursday", not the publication date */
    json_t *stats = json_object_get(json_array_get(c, 0), "stats");
    assert_int_equal(json_array_size(stats), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(stats, 0), "value")), 3);
    assert_field(c, 1, "speaker", "analysts");
    assert_field(c, 1, "speaker_type", "GENERIC");
    assert_field(c, 1, "content", "Prices will rise");
    assert_field(c, 1, "date", "2024-01-05");
    assert_field(c, 2, "via", "Reuters");
    assert_field(c, 2, "content", "the plan was late");
    json_decref(c);
}

/* "ROLE at PLACE, NAME, said": a place before the first comma cannot
 * speak, so the name between the commas does. */
static void apposition_after_a_place(void **state)
{
    (void)state;
    const char *names[] = {"LOCATION:Escondida", "PERSON:Patricio Tapia", NULL};
    json_t *c = run(
        "A union leader at Escondida, Patricio Tapia, warned that workers could strike.", names);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker", "Patricio Tapia");
    assert_field(c, 0, "content", "workers could strike");
    json_decref(c);
}

static void sources_and_via(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Statistics Norway", "ORG:Acme", "ORG:AFP", NULL};
    json_t *c = run("Exports fell, according to Statistics Norway. "
                    "Acme claimed that costs rose, AFP reported.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "kind", "according_to");
    assert_field(c, 0, "speaker", "Statistics Norway");
    assert_field(c, 0, "content", "Exports fell");
    assert_field(c, 1, "speaker", "Acme");
    assert_field(c, 1, "via", "AFP");
    assert_field(c, 1, "content", "costs rose"); /* ", AFP reported" is not content */
    json_decref(c);
}

static void pronouns_and_unknown(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Lund", "PERSON:Eva Holm", "PERSON:Holm", NULL};
    json_t *c = run("Mr. Lund met Eva Holm. She said the deal was fair. Ms. Holm left.\n\n"
                    "The old memo said costs were high.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "Eva Holm"); /* "she": Mr. Lund is a man */
    assert_field(c, 0, "speaker_text", "She");
    assert_field(c, 1, "speaker", "null");
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    assert_non_null(field(c, 1, "speaker_reason"));
    json_decref(c);
    /* two men: "he" is ambiguous, so no speaker rather than a guess */
    const char *two[] = {"PERSON:Lund", "PERSON:Berg", NULL};
    c = run("Mr. Lund met Mr. Berg. He said the deal was fair.", two);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    json_decref(c);
    /* no text: an input error, not a crash */
    json_t *rec = json_pack("{s:s}", "id", "x"), *claims = NULL;
    whosaid_error e;
    assert_int_equal(whosaid_attrib_run(at, rec, &claims, &e), WHOSAID_EINPUT);
    assert_null(claims);
    json_decref(rec);
}

/* Links the spans whose text is name to entity id (with attrs) in rec. */
static void link_entity(json_t *rec, const char *id, const char *type, const char *name,
                        json_t *attrs)
{
    json_t *ents = json_object_get(rec, "entities");
    if (!ents) json_object_set_new(rec, "entities", ents = json_array());
    json_array_append_new(ents, json_pack("{s:s, s:s, s:s, s:o}", "id", id, "type", type,
                                          "canonical", name, "attrs", attrs));
    size_t i;
    json_t *sp;
    json_array_foreach(json_object_get(rec, "spans"), i,
                       sp) if (!strcmp(json_string_value(json_object_get(sp, "text")), name))
        json_object_set_new(sp, "entity", json_string(id));
}

static json_t *run_rec(json_t *rec)
{
    json_t *claims = NULL;
    whosaid_error e;
    assert_int_equal(whosaid_attrib_run(at, rec, &claims, &e), 0);
    json_decref(rec);
    return claims;
}

/* "X's ROLE said": the role holder speaks, never the owner. */
static void possessive_roles(void **state)
{
    (void)state;
    const char *names[] = {"COUNTRY:South Korea", "DATE:Friday", "PERSON:Lee Jun-ho", NULL};
    json_t *rec = record("South Korea's top nuclear envoy said on Friday that talks were close. "
                         "The envoy, Lee Jun-ho, met reporters.",
                         names);
    link_entity(rec, "e1", "COUNTRY", "South Korea", json_pack("{s:s}", "country", "KR"));
    link_entity(rec, "e2", "PERSON", "Lee Jun-ho", json_pack("{s:s}", "role", "envoy"));
    json_t *c = run_rec(rec);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker", "Lee Jun-ho"); /* the one envoy the article names */
    assert_field(c, 0, "speaker_type", "PERSON");
    assert_field(c, 0, "speaker_entity", "e2");
    assert_field(c, 0, "speaker_role", "top nuclear envoy");
    assert_field(c, 0, "speaker_org", "South Korea");
    json_decref(c);
    /* nobody named: UNKNOWN, with what is known of the holder */
    const char *g[] = {"ORG:Google", NULL};
    c = run("Google's spokeswoman told reporters the app was safe. "
            "Last year, the company's chief executive said sales would double.",
            g);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "null");
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_text", "Google's spokeswoman");
    assert_field(c, 0, "speaker_role", "spokeswoman");
    assert_field(c, 0, "speaker_org", "Google");
    assert_string_equal(field(c, 0, "speaker_reason"), "a role holder the article does not name");
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    assert_field(c, 1, "speaker_role", "chief executive");
    assert_field(c, 1, "speaker_org", "company");
    json_decref(c);
    /* two envoys in the article: no guess */
    rec = record("France's envoy said the talks had failed. Envoys Ana Ruiz and Tom Hale left.",
                 NULL);
    link_entity(rec, "e1", "PERSON", "Ana Ruiz", json_pack("{s:s}", "role", "envoy"));
    link_entity(rec, "e2", "PERSON", "Tom Hale", json_pack("{s:s}", "role", "envoy"));
    c = run_rec(rec);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    json_decref(c);
}

/* "Its spokesman said": the holder speaks, for the last organization that
 * was a subject (not the one named after a preposition, not the outlet). */
static void possessive_pronoun_owner(void **state)
{
    (void)state;
    const char *names[] = {
        "ORG:Northwind Logistics", "ORG:Harbor Bank", "ORG:Reuters", "PERSON:Ana Ruiz",
        "ORG:Northwind Logistics", "COUNTRY:Chile",   "ORG:Codelco", NULL};
    json_t *c = run("Northwind Logistics raised prices after talks with Harbor Bank, a Reuters "
                    "survey showed. Its spokesman said the rise was modest. Its chief "
                    "executive Ana Ruiz said more would follow. Northwind Logistics has "
                    "grown.\n\nChile's state copper company Codelco expects output to fall, "
                    "its chief executive said.",
                    names);
    assert_int_equal(json_array_size(c), 5);
    assert_field(c, 0, "cue", "showed"); /* the survey's finding, before the comma */
    assert_field(c, 0, "content", "Northwind Logistics raised prices after talks with Harbor Bank");
    assert_field(c, 0, "speaker", "Reuters"); /* a name before the noun wrote it */
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    assert_field(c, 1, "speaker_text", "Its spokesman");
    assert_field(c, 1, "speaker_role", "spokesman");
    assert_field(c, 1, "speaker_org", "Northwind Logistics");
    assert_field(c, 2, "speaker", "Ana Ruiz");
    assert_field(c, 2, "speaker_role", "chief executive");
    assert_field(c, 2, "speaker_org", "Northwind Logistics");
    assert_field(c, 3, "speaker_role", "chief executive");
    assert_field(c, 3, "speaker_org", "Codelco");
    /* "Codelco expects output to fall, its chief executive said": the
     * attribution closing the sentence ends the claim inside it */
    assert_field(c, 4, "speaker", "Codelco");
    assert_field(c, 4, "cue", "expects");
    assert_field(c, 4, "content", "output to fall");
    json_decref(c);
    /* no organization before it: no owner is made up, "its" never speaks */
    c = run("Its spokesman said the rise was modest. Prices rose sharply, said its chief.", NULL);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker_role", "spokesman");
    assert_field(c, 0, "speaker_org", "(absent)");
    assert_field(c, 1, "speaker_text", "its chief");
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    assert_field(c, 1, "speaker_org", "(absent)");
    json_decref(c);
}

/* "His lawyer said", "her spokeswoman said": the role is the noun, the
 * person the possessive means (as "he" / "she" would) is its owner; with
 * no one before it, no owner is made up. */
static void possessive_person_owner(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:John Carter", "PERSON:Maria Lopez", NULL};
    json_t *c = run("Police arrested John Carter on Monday. His lawyer said the charges were "
                    "false. Maria Lopez, the mayor, said the city would cooperate. Her "
                    "spokeswoman said the mayor would wait for the court.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker_text", "His lawyer");
    assert_field(c, 0, "speaker_role", "lawyer");
    assert_field(c, 0, "speaker_org", "John Carter");
    assert_field(c, 0, "speaker", "null");
    assert_field(c, 2, "speaker_role", "spokeswoman");
    assert_field(c, 2, "speaker_org", "Maria Lopez");
    json_decref(c);
    c = run("His widow said the verdict was unjust.", NULL);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker_role", "widow");
    assert_field(c, 0, "speaker_org", "(absent)");
    json_decref(c);
}

/* "A senior official, who asked not to be named, said ... . He added":
 * the pronoun is the unnamed official who spoke last, not a name further
 * back; the role noun's gender counts ("a spokeswoman" is no "he"). */
static void pronoun_after_unnamed_holder(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:John Carter", NULL};
    json_t *c = run("Mayor John Carter said the levy was fair. A senior official, who asked "
                    "not to be named, said the state would pay half. He added that the money "
                    "would come in May. He also said talks would resume.",
                    names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 1, "speaker_role", "senior official");
    assert_field(c, 2, "speaker_text", "He");
    assert_field(c, 2, "speaker", "null");
    assert_field(c, 2, "speaker_type", "UNKNOWN");
    assert_field(c, 2, "speaker_role", "senior official");
    assert_field(c, 3, "speaker_role", "senior official");
    json_decref(c);
    const char *names2[] = {"PERSON:John Carter", "PERSON:Ana Ruiz", NULL};
    c = run("Mayor John Carter said the levy was fair.\n\nA spokeswoman for the utility said "
            "costs would rise. She added that bills would follow. He said the plan was late. "
            "Ana Ruiz, an engineer, said the pipes were old. A spokeswoman said repairs would "
            "start soon. He said the pipes were fine.",
            names2);
    assert_int_equal(json_array_size(c), 7);
    assert_field(c, 1, "speaker_role", "spokeswoman");
    assert_field(c, 2, "speaker_text", "She");
    assert_field(c, 2, "speaker_role", "spokeswoman");
    /* "she" made the holder female: "he" is the mayor */
    assert_field(c, 3, "speaker", "John Carter");
    /* the noun alone says she is no "he": the man "he" meant before */
    assert_field(c, 5, "speaker_role", "spokeswoman");
    assert_field(c, 6, "speaker", "John Carter");
    json_decref(c);
}

/* "A spokesperson said" right after an organization spoke or was described
 * (", which represents ..."): the holder, for that organization; "a
 * spokesman for the group" too; no organization in reach, none made up. */
static void voice_roles(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Thames Water", "ORG:Water UK", "ORG:Ofwat", NULL};
    json_t *c =
        run("Thames Water said it would appeal. A spokesperson said: \"We accept it.\"\n\n"
            "The fines were welcomed by Water UK, which represents the industry. A "
            "spokesman for the group said pipes would be replaced. Critics wrote to Ofwat. A "
            "spokeswoman said nothing would change.",
            names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    assert_field(c, 1, "speaker_role", "spokesperson");
    assert_field(c, 1, "speaker_org", "Thames Water");
    assert_field(c, 1, "speaker_reason", "a role holder the article does not name");
    assert_field(c, 2, "speaker_text", "A spokesman for the group");
    assert_field(c, 2, "speaker_role", "spokesman");
    assert_field(c, 2, "speaker_org", "Water UK");
    /* Ofwat is an object, not a subject: no owner */
    assert_field(c, 3, "speaker_role", "spokeswoman");
    assert_field(c, 3, "speaker_org", "(absent)");
    json_decref(c);
}

/* A voice role for a named organization is its holder, and a name in
 * apposition after it is that holder: "A spokesman for Water UK said", "A
 * spokesman for the Transport Ministry, Jonas Weidner, urged". */
static void voice_for_named_org(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Water UK", "ORG:Transport Ministry", "PERSON:Jonas Weidner", NULL};
    json_t *c = run("A spokesman for Water UK said pipes would be replaced. A spokesman for the "
                    "Transport Ministry, Jonas Weidner, urged both sides to return to talks.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_role", "spokesman");
    assert_field(c, 0, "speaker_org", "Water UK");
    assert_field(c, 0, "speaker_text", "A spokesman for Water UK");
    assert_field(c, 1, "speaker", "Jonas Weidner");
    assert_field(c, 1, "speaker_role", "spokesman");
    assert_field(c, 1, "speaker_org", "Transport Ministry");
    assert_field(c, 1, "speaker_text", "A spokesman for the Transport Ministry, Jonas Weidner");
    json_decref(c);
}

/* "The German Chamber of Commerce (DIHK) estimated": the organization
 * before its acronym speaks (its tagged name, else the acronym's). */
static void org_with_acronym_speaks(void **state)
{
    (void)state;
    const char *names[] = {"ORG:DIHK", "ORG:Korea Communications Commission", "ORG:KCC", NULL};
    json_t *c = run("The German Chamber of Commerce (DIHK) estimated that each day costs a lot. "
                    "The Korea Communications Commission (KCC) said the attack came from abroad.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "DIHK");
    assert_field(c, 0, "speaker_text", "The German Chamber of Commerce (DIHK)");
    assert_field(c, 1, "speaker", "Korea Communications Commission");
    json_decref(c);
}

/* The organization of a role: an unnamed one after "of the" in an
 * apposition, and the one an owner-less role's organization noun refers to
 * ("Union leader" after "The GDL train drivers' union"). */
static void role_organizations(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Zhang Weimin", "ORG:GDL", "PERSON:Katrin Mahler", NULL};
    json_t *c = run("\"Every ton counts,\" said Zhang Weimin, deputy director of the provincial "
                    "food and strategic reserves bureau. The GDL train drivers' union called a "
                    "strike. Union leader Katrin Mahler said the offer was poor.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker_role", "deputy director");
    assert_field(c, 0, "speaker_org", "provincial food and strategic reserves bureau");
    assert_field(c, 1, "speaker_role", "Union leader");
    assert_field(c, 1, "speaker_org", "GDL");
    json_decref(c);
}

/* A study, report or survey is the source of what it found; "the study"
 * later is the same document; "They" after a sentence opened by a generic
 * group is that group, not the study. */
static void publications_and_group_subjects(void **state)
{
    (void)state;
    const char *names[] = {"DATE:Wednesday", "ORG:University of Nairobi", "ORG:Reuters", NULL};
    json_t *c = run("Salt kills, according to a study published on Wednesday. Researchers from "
                    "the University of Nairobi followed 48,000 adults. They found that salt "
                    "raised strokes.\n\nThe study found that bread was salty. Output rose, "
                    "according to a Reuters survey.",
                    names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 0, "speaker", "study published");
    assert_field(c, 0, "speaker_type", "GENERIC");
    assert_field(c, 1, "speaker", "researchers");
    assert_field(c, 1, "speaker_org", "University of Nairobi");
    assert_field(c, 1, "speaker_text", "They");
    assert_field(c, 2, "speaker", "study published");
    assert_field(c, 2, "speaker_text", "The study");
    assert_field(c, 3, "speaker", "Reuters"); /* the name before the noun made it */
    json_decref(c);
}

/* "said X had ... and ordered him to ...": the second verb is the
 * speaker's, and the first content stops before it. */
static void coordinated_order(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Helena Matos", "PERSON:Rui Fonseca", NULL};
    json_t *c = run("Judge Helena Matos said Rui Fonseca had betrayed the game and ordered him "
                    "to repay 310,000 euros.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "content", "Rui Fonseca had betrayed the game");
    assert_field(c, 1, "cue", "ordered");
    assert_field(c, 1, "speaker", "Helena Matos");
    assert_field(c, 1, "content", "to repay 310,000 euros");
    json_decref(c);
}

/* Plural groups: "Democrats said" keeps its capital and names the party;
 * a party word or a name before the group gives its organization. */
static void party_groups(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Pentagon", NULL};
    json_t *c = run("Democrats said the plan was cruel. Unions said jobs would go. Labour MPs "
                    "said the vote was rushed. Pentagon officials said the budget was safe. "
                    "The conservatives warned that taxes would rise.",
                    names);
    assert_int_equal(json_array_size(c), 5);
    assert_field(c, 0, "speaker", "Democrats");
    assert_field(c, 0, "speaker_type", "GENERIC");
    assert_field(c, 0, "speaker_org", "Democratic Party");
    assert_field(c, 1, "speaker", "unions");
    assert_field(c, 1, "speaker_org", "(absent)");
    assert_field(c, 2, "speaker", "Labour MPs");
    assert_field(c, 2, "speaker_org", "Labour Party");
    assert_field(c, 3, "speaker", "Pentagon officials");
    assert_field(c, 3, "speaker_org", "Pentagon");
    /* in lower case an outlook, not the party */
    assert_field(c, 4, "speaker", "conservatives");
    assert_field(c, 4, "speaker_org", "(absent)");
    json_decref(c);
}

/* A group in a country or place ("Health officials in Kenya"), a group
 * with "not involved in", a title's abbreviation inside the role words
 * ("lead author Dr X" after a quotation; "Dr." with its period: the
 * health_salt_study golden, as this harness ends a sentence there). */
static void groups_in_places_and_titles(void **state)
{
    (void)state;
    const char *names[] = {"COUNTRY:Kenya", "PERSON:Wanjiru Kamau", NULL};
    json_t *c = run("Health officials in Kenya said they would wait. Scientists not involved in "
                    "the research cautioned that the study was small. \"It held,\" lead author "
                    "Dr Wanjiru Kamau told reporters.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker", "health officials in Kenya");
    assert_field(c, 0, "speaker_type", "GENERIC");
    assert_field(c, 0, "speaker_org", "Kenya");
    assert_field(c, 1, "speaker", "scientists not involved in the research");
    assert_field(c, 2, "speaker", "Wanjiru Kamau");
    assert_field(c, 2, "speaker_role", "lead author");
    assert_field(c, 2, "kind", "direct");
    json_decref(c);
}

/* "Mumbai Metro Rail Corporation (MMRC) managing director X": the
 * organization before its acronym owns the role. */
static void acronym_before_role(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Harbor Transit Authority", "ORG:HTA", "PERSON:Ana Ruiz", NULL};
    json_t *c = run("Harbor Transit Authority (HTA) managing director Ana Ruiz said fares would "
                    "rise.",
                    names);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker", "Ana Ruiz");
    assert_field(c, 0, "speaker_role", "managing director");
    assert_field(c, 0, "speaker_org", "Harbor Transit Authority");
    json_decref(c);
}

/* "A and B said": one claim per name, the same content; a list must open
 * its clause. */
static void coordinated_subjects(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Air Canada",  "ORG:LATAM",     "PERSON:Ana Ruiz",
                           "PERSON:Tom Hale", "PERSON:Li Wei", NULL};
    json_t *c = run("Air Canada and LATAM said fares would rise. On Monday, Ana Ruiz, Tom Hale "
                    "and Li Wei told reporters the plan had failed and added that talks would "
                    "resume.",
                    names);
    assert_int_equal(json_array_size(c), 8);
    assert_field(c, 0, "speaker", "Air Canada");
    assert_field(c, 1, "speaker", "LATAM");
    assert_field(c, 0, "content", "fares would rise");
    assert_field(c, 1, "content", "fares would rise");
    assert_field(c, 2, "speaker", "Ana Ruiz");
    assert_field(c, 3, "speaker", "Tom Hale");
    assert_field(c, 4, "speaker", "Li Wei");
    assert_field(c, 4, "content", "the plan had failed");
    /* "and added": the three speak again */
    assert_field(c, 5, "speaker", "Ana Ruiz");
    assert_field(c, 7, "speaker", "Li Wei");
    assert_field(c, 7, "content", "talks would resume");
    json_decref(c);
    /* not a list that opens the clause: only the last name speaks */
    const char *n2[] = {"COUNTRY:Canada", "PERSON:Ana Ruiz", NULL};
    c = run("Trade between Canada and Ana Ruiz said nothing.", n2);
    for (size_t i = 0; i < json_array_size(c); i++)
        assert_string_not_equal(field(c, i, "speaker"), "Canada");
    json_decref(c);
    /* a quotation that goes on continues for every name */
    const char *n3[] = {"PERSON:Ana Ruiz", "PERSON:Tom Hale", NULL};
    c = run("\"We lost,\" Ana Ruiz and Tom Hale said. \"We will be back.\"", n3);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 2, "speaker", "Ana Ruiz");
    assert_field(c, 3, "speaker", "Tom Hale");
    assert_field(c, 3, "content", "We will be back.");
    json_decref(c);
}

/* "the federal transport ministry said": an organization without a name. */
static void unnamed_organizations(void **state)
{
    (void)state;
    const char *names[] = {"COUNTRY:French", NULL};
    json_t *c = run("The French agriculture ministry said prices would rise. "
                    "Last week, the regional prefecture said reservoirs were low. "
                    "Rain is due, according to the national weather institute. "
                    "After talks with the union the company said nothing. "
                    "The ambulance service said calls had doubled.",
                    names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 0, "speaker", "French agriculture ministry");
    assert_field(c, 0, "speaker_type", "ORG");
    assert_field(c, 0, "speaker_entity", "(absent)");
    assert_field(c, 1, "speaker", "regional prefecture");
    assert_field(c, 2, "speaker", "national weather institute");
    assert_field(c, 2, "kind", "according_to");
    assert_field(c, 3, "speaker", "ambulance service");
    assert_field(c, 3, "speaker_type", "ORG");
    json_decref(c);
    /* a phrase resolve linked to a named ministry is that ministry */
    const char *linked[] = {"ORG:Health Ministry", "MENTION:The ministry", NULL};
    json_t *rec =
        record("The Health Ministry met on Monday. The ministry said stocks were fine.", linked);
    link_entity(rec, "e1", "ORG", "Health Ministry", json_object());
    json_object_set_new(json_array_get(json_object_get(rec, "spans"), 1), "entity",
                        json_string("e1"));
    c = run_rec(rec);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker", "Health Ministry");
    assert_field(c, 0, "speaker_entity", "e1");
    json_decref(c);
}

/* Content stops before a clause with its own speaker and verb; "promised"
 * with a noun phrase is an act, not a statement. */
static void coordinated_clauses(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Marchetti", "PERSON:Ola Dahl", "PERSON:Eva Berg", NULL};
    json_t *c =
        run("The ministry has promised 500 million euros to growers, but Marchetti said he "
            "had not seen any of it. Ola Dahl said the plan was sound; Eva Berg added that it "
            "was late. The ministry promised to pay growers in May.",
            names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 0, "speaker", "Marchetti");
    assert_field(c, 0, "content", "he had not seen any of it");
    assert_field(c, 1, "content", "the plan was sound");
    assert_field(c, 2, "speaker", "Eva Berg");
    assert_field(c, 3, "cue", "promised");
    assert_field(c, 3, "content", "to pay growers in May");
    json_decref(c);
}

/* Two cue verbs joined by "and"/"but" share their subject. */
static void shared_subjects(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Ola Dahl", "PERSON:Eva Berg", "PERSON:Berg", NULL};
    json_t *c = run("Ola Dahl welcomed the deal but warned that prices would rise. "
                    "Eva Berg said the plan was sound and added that it was late. "
                    "Workers left and said nothing. Berg met Dahl and Ola Dahl's aide and "
                    "warned that it was late.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker", "Ola Dahl");
    assert_field(c, 0, "cue", "warned");
    assert_field(c, 0, "content", "prices would rise");
    assert_field(c, 1, "content", "the plan was sound");
    assert_field(c, 2, "speaker", "Eva Berg");
    assert_field(c, 2, "cue", "added");
    assert_field(c, 2, "content", "it was late");
    json_decref(c);
}

/* An "according to" around another claim gives way to it. */
static void nested_sources(void **state)
{
    (void)state;
    const char *names[] = {"ORG:AFP", "ORG:Reuters", "ORG:Acme", NULL};
    json_t *c =
        run("Prosecutors said they would seek damages, according to court documents seen by "
            "AFP. According to Reuters, Acme said costs rose.",
            names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "prosecutors");
    assert_field(c, 0, "content", "they would seek damages");
    assert_field(c, 0, "via", "(absent)"); /* the documents are the source, not AFP */
    assert_field(c, 1, "speaker", "Acme");
    assert_field(c, 1, "via", "Reuters");
    assert_field(c, 1, "kind", "indirect");
    json_decref(c);
}

/* "The people said" after "people familiar with the matter": the same
 * generic speaker; a group with a link is named with what it links to, and
 * a name after the link does not speak. */
static void anaphoric_generics(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Harbor Lane", "PERSON:Ana Ruiz", NULL};
    json_t *c = run("Harbor Lane may sell its unit, according to people familiar with the matter. "
                    "The people said a decision could come soon. A deal is near, sources close "
                    "to Ana Ruiz said. The sources said talks were early.\n\n"
                    "Those people said the board would meet. The officials said nothing new "
                    "was planned.",
                    names);
    assert_int_equal(json_array_size(c), 6);
    assert_field(c, 0, "speaker", "people familiar with the matter");
    assert_field(c, 1, "speaker", "people familiar with the matter");
    assert_field(c, 1, "speaker_type", "GENERIC");
    assert_field(c, 1, "speaker_text", "The people");
    assert_field(c, 2, "speaker", "sources close to Ana Ruiz"); /* not Ana Ruiz */
    assert_field(c, 2, "speaker_type", "GENERIC");
    assert_field(c, 2, "content", "A deal is near");
    assert_field(c, 3, "speaker", "sources close to Ana Ruiz");
    assert_field(c, 3, "speaker_text", "The sources");
    assert_field(c, 4, "speaker", "people familiar with the matter"); /* the previous paragraph */
    /* no earlier officials spoke: the phrase stays what it is */
    assert_field(c, 5, "speaker_text", "The officials");
    assert_field(c, 5, "speaker", "officials");
    json_decref(c);
    /* the antecedent is only looked for from the previous paragraph on */
    c = run("A sale is near, said people familiar with the plans.\n\nIt rained.\n\n"
            "The people said talks were early.",
            NULL);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "people familiar with the plans");
    assert_field(c, 1, "speaker", "people");
    json_decref(c);
}

/* "They added" right after a coordinated subject: the same names. */
static void they_after_coordinated_subject(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Air Canada", "ORG:LATAM", NULL};
    json_t *c = run("Air Canada and LATAM said fares would rise. They added that demand "
                    "was strong. \"We are full,\" they said.",
                    names);
    assert_int_equal(json_array_size(c), 6);
    assert_field(c, 2, "speaker", "Air Canada");
    assert_field(c, 2, "speaker_text", "They");
    assert_field(c, 2, "content", "demand was strong");
    assert_field(c, 3, "speaker", "LATAM");
    assert_field(c, 3, "speaker_text", "They");
    assert_field(c, 4, "speaker", "Air Canada"); /* and again right after */
    assert_field(c, 5, "speaker", "LATAM");
    assert_field(c, 5, "content", "We are full");
    json_decref(c);
    /* a sentence between: "they" is not the names; here it is the group
     * that opened that sentence */
    const char *n2[] = {"ORG:Air Canada", "ORG:LATAM", NULL};
    c = run("Air Canada and LATAM said fares would rise. Unions were angry. They said the "
            "plan was unfair.",
            n2);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 2, "speaker_type", "GENERIC");
    assert_field(c, 2, "speaker", "unions");
    json_decref(c);
    /* no group there either: UNKNOWN */
    c = run("Air Canada and LATAM said fares would rise. Fuel was dear. They said the "
            "plan was unfair.",
            n2);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 2, "speaker_type", "UNKNOWN");
    json_decref(c);
}

/* Content stops before a clause with its own subject and cue verb even
 * when that clause makes no claim ("X said nothing"). */
static void clause_ends_content(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Kobrecan", "ORG:Sandfire",    "PERSON:Ola Dahl",
                           "ORG:Acme",     "PERSON:Eva Berg", NULL};
    json_t *c = run("Kobrecan, a mining group, said it would delay a new pit, while Australian "
                    "miner Sandfire said nothing. Ola Dahl said costs rose; Acme denied it. "
                    "Eva Berg warned prices would rise and threatened a walkout.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker", "Kobrecan");
    assert_field(c, 0, "content", "it would delay a new pit");
    assert_field(c, 1, "content", "costs rose");
    assert_field(c, 2, "content", "prices would rise"); /* "and threatened": its own act */
    json_decref(c);
    /* a clause without a cue verb is part of what was said */
    const char *n2[] = {"PERSON:Ola Dahl", "ORG:Acme", NULL};
    c = run("Ola Dahl said costs rose, but Acme kept its prices.", n2);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "content", "costs rose, but Acme kept its prices");
    json_decref(c);
}

/* The verb's own "that" comes at once or after adjunct phrases; once the
 * content has begun, a "that" is a relative pronoun or a determiner. */
static void that_after_adjuncts_only(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Acme", "ORG:Reuters", "PERSON:Ola Dahl", "COUNTRY:Norway", NULL};
    json_t *c = run("Acme said in a letter to Reuters that costs rose. "
                    "Ola Dahl said the shortage was a problem that no bank could fix. "
                    "Officials said Norway wanted that figure raised. "
                    "Analysts said this was a risk that nobody had priced. "
                    "Police said there were no injuries. Ola Dahl told the Gazette last week "
                    "that rates could fall.",
                    names);
    assert_int_equal(json_array_size(c), 6);
    assert_field(c, 0, "content", "costs rose"); /* "to" is part of the adjunct */
    assert_field(c, 1, "content", "the shortage was a problem that no bank could fix");
    assert_field(c, 2, "content", "Norway wanted that figure raised");
    assert_field(c, 3, "content", "this was a risk that nobody had priced");
    assert_field(c, 4, "content", "there were no injuries"); /* "there" is a subject */
    assert_field(c, 5, "content", "rates could fall");       /* past a hearer no list knows */
    json_decref(c);
}

/* A plural common noun no list holds speaks as a group; a singular one
 * ("the bus") or a name-like phrase is reported as unknown. */
static void plural_nouns_as_groups(void **state)
{
    (void)state;
    json_t *c = run("Shipping agents said the delays were costly. Several of her patients said "
                    "the wait was long. The bus said nothing new was planned.",
                    NULL);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker", "shipping agents");
    assert_field(c, 0, "speaker_type", "GENERIC");
    assert_field(c, 1, "speaker", "several of her patients");
    assert_field(c, 2, "speaker_type", "UNKNOWN");
    json_decref(c);
}

/* Anonymous sources: a relative clause between an unnamed role holder and
 * the verb belongs to the holder; "asked not to be named" is no claim; a
 * phrase after "said" with a verb of its own is what was said, not an
 * inverted speaker; "said a person who was briefed" is one. */
static void anonymous_sources(void **state)
{
    (void)state;
    json_t *c = run("A union official, who asked not to be named because he was not "
                    "authorised to speak, said workers at the plant would strike. Talks will "
                    "resume, said a person who was briefed on them. Prices will rise, said a "
                    "person familiar with the plan.",
                    NULL);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_role", "union official");
    assert_field(c, 0, "content", "workers at the plant would strike");
    assert_field(c, 1, "speaker_type", "GENERIC");
    assert_field(c, 1, "content", "Talks will resume");
    assert_field(c, 1, "speaker", "a person");
    assert_field(c, 2, "speaker", "a person familiar with the plan"); /* a phrase of the list */
    json_decref(c);
}

/* An apposition between a role phrase that opens its sentence and the verb
 * belongs to that phrase, relative clause and all ("A spokeswoman for X,
 * the utility that will collect the levy, said"); the "She" after it is
 * that spokeswoman, not a woman named earlier. */
static void apposition_after_opening_role_phrase(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Priya Natarajan", "ORG:Hale Valley Water", "ORG:Acme", NULL};
    json_t *c = run("Priya Natarajan said the burden fell on renters. A spokeswoman for Hale "
                    "Valley Water, the utility that will collect the levy, said the plan was "
                    "still being studied. She said bills could change by January. A spokesman "
                    "for Acme, the firm's largest shareholder, said the deal was fair.",
                    names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 1, "speaker_text", "A spokeswoman for Hale Valley Water");
    assert_field(c, 1, "speaker_role", "spokeswoman");
    assert_field(c, 1, "speaker_org", "Hale Valley Water");
    assert_field(c, 1, "content", "the plan was still being studied");
    assert_field(c, 2, "speaker_text", "She");
    assert_field(c, 2, "speaker", "null");
    assert_field(c, 2, "speaker_role", "spokeswoman");
    assert_field(c, 3, "speaker_role", "spokesman");
    assert_field(c, 3, "speaker_org", "Acme");
    json_decref(c);
}

/* People quoted in the street are named by their trade, often in a
 * compound ("a local shop owner", "a bus driver"), and a refusal inside
 * the relative clause that describes them ("who declined to give her
 * name") is about their anonymity, not what they said. */
static void unnamed_people_by_trade(void **state)
{
    (void)state;
    json_t *c = run("A retired teacher, who declined to give her name, said she feared the "
                    "cost would rise. A nurse, who did not want to be named, said the ward was "
                    "full. A local shop owner said the levy was small. A bus driver told "
                    "reporters the route was cut.",
                    NULL);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_role", "retired teacher");
    assert_field(c, 0, "content", "she feared the cost would rise");
    assert_field(c, 1, "speaker_role", "nurse");
    assert_field(c, 1, "content", "the ward was full");
    assert_field(c, 2, "speaker_text", "A local shop owner");
    assert_field(c, 2, "speaker_role", "local shop owner");
    assert_field(c, 3, "speaker_role", "bus driver");
    assert_field(c, 3, "content", "the route was cut");
    json_decref(c);
}

/* A quotation that closed the sentence before is not what "He added that
 * ..." reports; with nothing after the verb it still is. */
static void quotation_of_the_sentence_before(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Pete Buttigieg", NULL};
    json_t *c = run("Pete Buttigieg said funds would flow \"within months.\" He added that "
                    "roads would come first. \"We are ready.\" He said.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 1, "cue", "added");
    assert_field(c, 1, "content", "roads would come first");
    assert_field(c, 2, "content", "We are ready.");
    json_decref(c);
}

/* A coordinated subject of any length: one claim per name, none lost. */
static void long_subject_lists(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Ana Ruiz",
                           "PERSON:Tom Hale",
                           "PERSON:Li Wei",
                           "PERSON:Omar Diaz",
                           "PERSON:Eva Berg",
                           "PERSON:Ola Dahl",
                           NULL};
    const char *want[] = {"Ana Ruiz", "Tom Hale", "Li Wei", "Omar Diaz", "Eva Berg", "Ola Dahl"};
    json_t *c = run("Ana Ruiz, Tom Hale, Li Wei, Omar Diaz, Eva Berg and Ola Dahl said the plan "
                    "had failed and added that talks would resume.",
                    names);
    assert_int_equal(json_array_size(c), 12);
    for (size_t i = 0; i < 12; i++) {
        assert_field(c, i, "speaker", want[i % 6]);
        assert_field(c, i, "content", i < 6 ? "the plan had failed" : "talks would resume");
    }
    json_decref(c);
    /* a quotation that goes on: every name again */
    c = run("\"We lost,\" Ana Ruiz, Tom Hale, Li Wei, Omar Diaz, Eva Berg and Ola Dahl said. "
            "\"We will be back.\"",
            names);
    assert_int_equal(json_array_size(c), 12);
    for (size_t i = 0; i < 12; i++) {
        assert_field(c, i, "speaker", want[i % 6]);
        assert_field(c, i, "content", i < 6 ? "We lost" : "We will be back.");
    }
    json_decref(c);
}

/* Court and sports reporting: the subject of the sentence before a
 * pronoun outranks an earlier speaker; "told the court" is a hearer; "the
 * statement said" is who spoke in it; "they" after a sentence opened by a
 * list of names is those names; a singular pronoun inside the content of
 * several names' claim is none of them. */
static void court_reporting(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Helena Matos",
                           "PERSON:Carla Pinheiro",
                           "ORG:Ribeira FC",
                           "PERSON:Tiago Mendes",
                           "PERSON:Bruno Salgado",
                           "PERSON:Rui Fonseca",
                           NULL};
    json_t *rec = record("Judge Helena Matos said the fraud was proven. Prosecutor Carla "
                         "Pinheiro had asked for six years. She told the court the players "
                         "had been pressured.\n\n"
                         "Ribeira FC said in a statement that it had cooperated. The statement "
                         "said the board had been replaced.\n\n"
                         "Two players, Tiago Mendes and Bruno Salgado, testified against Rui "
                         "Fonseca. They said he had threatened to drop them.",
                         names);
    link_entity(rec, "e1", "PERSON", "Helena Matos", json_pack("{s:s}", "gender", "female"));
    link_entity(rec, "e2", "PERSON", "Carla Pinheiro", json_pack("{s:s}", "gender", "female"));
    link_entity(rec, "e3", "ORG", "Ribeira FC", json_object());
    link_entity(rec, "e4", "PERSON", "Tiago Mendes", json_pack("{s:s}", "gender", "male"));
    link_entity(rec, "e5", "PERSON", "Bruno Salgado", json_pack("{s:s}", "gender", "male"));
    link_entity(rec, "e6", "PERSON", "Rui Fonseca", json_pack("{s:s}", "gender", "male"));
    json_t *c = run_rec(rec);
    assert_int_equal(json_array_size(c), 7);
    assert_field(c, 1, "speaker", "Carla Pinheiro"); /* not the judge, who spoke last */
    assert_field(c, 1, "content", "the players had been pressured"); /* "the court" heard it */
    assert_field(c, 2, "speaker", "Ribeira FC");
    assert_field(c, 3, "speaker", "Ribeira FC");
    assert_field(c, 3, "speaker_text", "The statement");
    assert_field(c, 4, "speaker", "Tiago Mendes");
    assert_field(c, 4, "speaker_text", "They");
    assert_field(c, 5, "speaker", "Bruno Salgado");
    assert_field(c, 6, "cue", "threatened");
    assert_field(c, 6, "speaker", "Rui Fonseca"); /* "he": not one of the two */
    json_decref(c);
}

/* The lexicon caches words looked up once (cues.c): a rule file loaded
 * after a document was read still counts for the next one. */
static void rules_loaded_later(void **state)
{
    (void)state;
    whosaid_error e;
    whosaid_cues *c = whosaid_cues_new();
    assert_int_equal(whosaid_cues_load(c, WHOSAID_TEST_RULES_DIR "/claims", &e), 0);
    whosaid_attrib *a = whosaid_attrib_new(c);
    json_t *rec = json_loads("{\"id\":\"z\",\"text\":\"Ana Ruiz zorbled that prices rose.\","
                             "\"sentences\":[[0,34]],\"spans\":[{\"id\":\"s1\",\"start\":0,"
                             "\"end\":8,\"type\":\"PERSON\",\"text\":\"Ana Ruiz\"}]}",
                             0, NULL);
    assert_non_null(rec);
    whosaid_buf lines = WHOSAID_BUF_INIT;
    size_t n = 9;
    assert_int_equal(whosaid_attrib_write(a, rec, &lines, &n, &e), 0);
    assert_int_equal(n, 0); /* "zorbled" is no cue yet */
    char *p = write_temp("zorble\tstatement\tzorbles|zorbled\n", "cues.rules");
    assert_int_equal(whosaid_cues_load(c, p, &e), 0);
    remove_temp(p);
    assert_int_equal(whosaid_attrib_write(a, rec, &lines, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_non_null(strstr(lines.data, "\"cue\":\"zorbled\""));
    whosaid_buf_free(&lines);
    json_decref(rec);
    whosaid_attrib_free(a);
    whosaid_cues_free(c);
}

/* whosaid_attrib_write writes each claim as the line whosaid_out_record
 * wrote for the claim object it replaced: every field kind (escapes, a
 * null-free speaker with role, org and entity, via, a date inside, a STAT
 * with a real and its extra fields in order, a country), byte for byte;
 * and whosaid_attrib_run reads the same lines back. */
/* rec with its sentences replaced by pairs[0..2n) (code points). */
static json_t *with_sentences(json_t *rec, const int *pairs, size_t n)
{
    json_t *sents = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(sents, json_pack("[i,i]", pairs[2 * i], pairs[2 * i + 1]));
    json_object_set_new(rec, "sentences", sents);
    return rec;
}

/* The dateline (meta.dateline) is nobody's words: not in the content, even
 * when a standfirst before it opens with the same place, in capitals or
 * mixed case, with a region, an agency or a colon. */
static void datelines_stay_out(void **state)
{
    (void)state;
    static const struct {
        const char *text, *dateline, *content;
    } cases[] = {
        {"Baghdad says the deal is good.\n\nBaghdad, Iraq - Iraq signed a deal with a "
         "consortium, the ministry said.",
         "Baghdad", "Iraq signed a deal with a consortium"},
        {"MUMBAI: Daily ridership rose to a record, officials said.", "MUMBAI",
         "Daily ridership rose to a record"},
        {"COLUMBUS, Ohio (AP) -- Lawmakers approved the plan, officials said.", "COLUMBUS",
         "Lawmakers approved the plan"},
        /* no separator: the sentence is no dateline */
        {"Baghdad has signed a deal with a consortium, officials said.", "Baghdad",
         "Baghdad has signed a deal with a consortium"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        json_t *rec = record(cases[i].text, NULL);
        json_object_set_new(json_object_get(rec, "meta"), "dateline",
                            json_string(cases[i].dateline));
        json_t *c = run_rec(rec);
        size_t n = json_array_size(c);
        assert_true(n >= 1);
        assert_field(c, n - 1, "content", cases[i].content);
        json_decref(c);
    }
    /* the dateline's outlet is no antecedent: "it" is the one company */
    const char *names[] = {"ORG:Reuters", "ORG:Volkswagen", NULL};
    json_t *rec = record("FRANKFURT (Reuters) - Volkswagen cut its forecast on Tuesday. Sales "
                         "will fall, it said.",
                         names);
    json_object_set_new(json_object_get(rec, "meta"), "dateline", json_string("FRANKFURT"));
    json_t *c = run_rec(rec);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker", "Volkswagen");
    json_decref(c);
}

/* '"...," said Rep. Gayle Manning': an abbreviated title between the verb
 * and the name does not stop the speaker. */
static void title_after_the_verb(void **state)
{
    (void)state;
    const char *text = "\"The vote is close,\" said Rep. Gayle Manning, a Republican from "
                       "Elyria. \"We will win.\"";
    const char *names[] = {"PERSON:Gayle Manning", "LOCATION:Elyria", NULL};
    static const int sents[] = {0, 71, 72, 86};
    json_t *c = run_rec(with_sentences(record(text, names), sents, 2));
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "Gayle Manning");
    assert_field(c, 0, "speaker_text", "Rep. Gayle Manning");
    assert_field(c, 0, "content", "The vote is close");
    assert_field(c, 1, "speaker", "Gayle Manning"); /* the quotation goes on */
    json_decref(c);
}

/* "She said": the subject of the sentence before may open with an
 * abbreviated title ("Sen. Eva Holm had asked"); the latest claim's
 * speaker is the latest one the pronoun could mean, not an organization
 * quoted inside a claim. */
static void pronoun_after_titles_and_nested_claims(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Lund", "PERSON:Berg", "PERSON:Eva Holm", NULL};
    const char *text = "Ms. Lund met Ms. Berg on Monday. Sen. Eva Holm had asked for a vote. "
                       "She said the bill was weak.";
    static const int sents[] = {0, 32, 33, 68, 69, 96};
    json_t *c = run_rec(with_sentences(record(text, names), sents, 3));
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker", "Eva Holm");
    json_decref(c);
    const char *two[] = {"PERSON:Lund", "PERSON:Holm", "PERSON:Holm", NULL};
    c = run("Ms. Lund met Ms. Holm.\n\nOn Monday, in a long speech to the council, Ms. Holm "
            "said the ministry had warned that aid could shrink. She said the bill was weak.",
            two);
    size_t n = json_array_size(c);
    assert_true(n >= 2);
    assert_field(c, n - 1, "content", "the bill was weak");
    assert_field(c, n - 1, "speaker", "Holm");
    json_decref(c);
}

/* kind follows the content: direct only when it is the quotation, indirect
 * speech quoting a phrase stays indirect (and a quotation after it still
 * continues its speaker). */
static void kind_follows_content(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Ola Dahl", "PERSON:Kari Lie", NULL};
    json_t *c = run("Ola Dahl said the figures were \"a national embarrassment\". \"We will "
                    "fight it.\" Kari Lie said: \"We will win.\"",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "content", "the figures were \"a national embarrassment\"");
    assert_field(c, 0, "kind", "indirect");
    assert_field(c, 1, "content", "We will fight it.");
    assert_field(c, 1, "speaker", "Ola Dahl");
    assert_field(c, 1, "kind", "direct");
    assert_field(c, 2, "kind", "direct");
    json_decref(c);
}

/* "told MPs the government would ...": the listeners are no content; an
 * organization written as a common noun opening a headline is lower-cased. */
static void hearers_and_headline_nouns(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Steve Reed", NULL};
    json_t *c = run("Steve Reed told MPs the government would act. "
                    "Regulator says six firms broke the rules.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "content", "the government would act");
    assert_field(c, 1, "speaker", "regulator");
    assert_field(c, 1, "speaker_type", "ORG");
    json_decref(c);
}

static void written_lines(void **state)
{
    (void)state;
    json_t *rec =
        json_loads("{\"id\":\"w1\",\"text\":\"Oslo Energi chief Ana Ruiz said on Friday that "
                   "\\\"prices\\\" rose 3.5% in Norway since May 2,\\nReuters "
                   "reported.\",\"meta\":{\"published\":\"2024-01-05\"},\"sentences\":[[0,106]],"
                   "\"spans\":[{\"id\":\"s1\",\"start\":0,\"end\":11,\"type\":\"ORG\",\"text\":"
                   "\"Oslo Energi\",\"canonical\":\"Oslo "
                   "Energi\",\"entity\":\"e1\"},{\"id\":\"s2\",\"start\":18,\"end\":26,\"type\":"
                   "\"PERSON\",\"text\":\"Ana Ruiz\",\"canonical\":\"Ana "
                   "Ruiz\",\"entity\":\"e2\"},{\"id\":\"s3\",\"start\":32,\"end\":41,\"type\":"
                   "\"DATE\",\"text\":\"on "
                   "Friday\",\"value\":\"2024-01-05\"},{\"id\":\"s4\",\"start\":61,\"end\":65,"
                   "\"type\":\"STAT\",\"text\":\"3.5%\",\"value\":3.5,\"unit\":\"percent\","
                   "\"rule\":\"pct\"},{\"id\":\"s5\",\"start\":69,\"end\":75,\"type\":\"COUNTRY\","
                   "\"text\":\"Norway\",\"canonical\":\"Norway\",\"country\":\"NO\"},{\"id\":"
                   "\"s6\",\"start\":82,\"end\":87,\"type\":\"DATE\",\"text\":\"May "
                   "2\",\"value\":\"2024-05-02\"},{\"id\":\"s7\",\"start\":89,\"end\":96,\"type\":"
                   "\"ORG\",\"text\":\"Reuters\",\"canonical\":\"Reuters\",\"kind\":\"news_"
                   "agency\"}],\"entities\":[{\"id\":\"e1\",\"type\":\"ORG\",\"canonical\":\"Oslo "
                   "Energi\",\"attrs\":{}},{\"id\":\"e2\",\"type\":\"PERSON\",\"canonical\":\"Ana "
                   "Ruiz\",\"attrs\":{\"role\":\"chief\",\"org\":\"Oslo Energi\"}}]}",
                   0, NULL);
    assert_non_null(rec);
    whosaid_buf lines = WHOSAID_BUF_INIT;
    whosaid_error e;
    size_t n = 0;
    assert_int_equal(whosaid_buf_append_str(&lines, "kept\n"), 0);
    assert_int_equal(whosaid_attrib_write(at, rec, &lines, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(
        lines.data,
        "kept\n"
        "{\"doc\":\"w1\",\"n\":1,\"speaker\":\"Ana "
        "Ruiz\",\"speaker_type\":\"PERSON\",\"speaker_text\":\"Oslo Energi chief Ana "
        "Ruiz\",\"speaker_role\":\"chief\",\"speaker_org\":\"Oslo "
        "Energi\",\"speaker_entity\":\"e2\",\"cue\":\"said\",\"cue_class\":\"statement\",\"kind\":"
        "\"indirect\",\"content\":\"\\\"prices\\\" rose 3.5% in Norway since May "
        "2\",\"start\":47,\"end\":87,\"date\":\"2024-01-05\",\"published\":\"2024-01-05\",\"via\":"
        "\"Reuters\",\"entities\":[{\"canonical\":\"Norway\",\"type\":\"COUNTRY\",\"country\":"
        "\"NO\"}],\"dates\":[{\"text\":\"May "
        "2\",\"value\":\"2024-05-02\"}],\"stats\":[{\"text\":\"3.5%\",\"value\":3.5,\"unit\":"
        "\"percent\"}]}\n");
    json_t *claims = NULL;
    assert_int_equal(whosaid_attrib_run(at, rec, &claims, &e), 0);
    char *dump = whosaid_json_dump(json_array_get(claims, 0));
    assert_non_null(dump);
    assert_memory_equal(dump, lines.data + 5, strlen(dump));
    free(dump);
    json_decref(claims);
    /* an error leaves the lines as they were */
    json_t *bad = json_pack("{s:s}", "id", "x");
    assert_int_equal(whosaid_attrib_write(at, bad, &lines, &n, &e), WHOSAID_EINPUT);
    assert_int_equal(n, 0);
    assert_int_equal(
        lines.len,
        5 + strlen(
                "{\"doc\":\"w1\",\"n\":1,\"speaker\":\"Ana "
                "Ruiz\",\"speaker_type\":\"PERSON\",\"speaker_text\":\"Oslo Energi chief Ana "
                "Ruiz\",\"speaker_role\":\"chief\",\"speaker_org\":\"Oslo "
                "Energi\",\"speaker_entity\":\"e2\",\"cue\":\"said\",\"cue_class\":\"statement\","
                "\"kind\":\"indirect\",\"content\":\"\\\"prices\\\" rose 3.5% in Norway since May "
                "2\",\"start\":47,\"end\":87,\"date\":\"2024-01-05\",\"published\":\"2024-01-05\","
                "\"via\":\"Reuters\",\"entities\":[{\"canonical\":\"Norway\",\"type\":\"COUNTRY\","
                "\"country\":\"NO\"}],\"dates\":[{\"text\":\"May "
                "2\",\"value\":\"2024-05-02\"}],\"stats\":[{\"text\":\"3.5%\",\"value\":3.5,"
                "\"unit\":\"percent\"}]}\n"));
    json_decref(bad);
    whosaid_buf_free(&lines);
    json_decref(rec);
}

/* What every line of a document repeats is written once per document
 * (claimwrite.c): each document's own id and date, escaped; no date when
 * the record has none; an id or date that is not UTF-8 fails the document
 * (as jansson refusing it did), leaving the lines as they were. */
static void document_fields(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Anna Berg", NULL};
    const char *text = "Anna Berg said the plan would work well.";
    whosaid_buf lines = WHOSAID_BUF_INIT;
    whosaid_error e;
    size_t n = 0;
    json_t *rec = record(text, names);
    json_object_set_new(rec, "id", json_string("a\"1"));
    assert_int_equal(whosaid_attrib_write(at, rec, &lines, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_non_null(strstr(lines.data, "{\"doc\":\"a\\\"1\",\"n\":1,"));
    assert_non_null(strstr(lines.data, ",\"date\":\"2024-01-05\",\"published\":\"2024-01-05\","));
    size_t first = lines.len;
    /* the next document: its own id, and no date at all */
    json_object_set_new(rec, "id", json_string("b2"));
    json_object_del(json_object_get(rec, "meta"), "published");
    assert_int_equal(whosaid_attrib_write(at, rec, &lines, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_memory_equal(lines.data + first, "{\"doc\":\"b2\",\"n\":1,", 18);
    assert_null(strstr(lines.data + first, "\"date\""));
    assert_null(strstr(lines.data + first, "\"published\""));
    /* a date that is not UTF-8 */
    json_object_set_new(json_object_get(rec, "meta"), "published",
                        json_stringn_nocheck("2024-\xff", 6));
    assert_int_equal(whosaid_attrib_write(at, rec, &lines, &n, &e), WHOSAID_ENOMEM);
    assert_int_equal(n, 0);
    assert_int_equal(lines.len, first + strlen(lines.data + first));
    size_t two = lines.len;
    /* an id that is not UTF-8 */
    json_object_del(json_object_get(rec, "meta"), "published");
    json_object_set_new(rec, "id", json_stringn_nocheck("c\xc3", 2));
    assert_int_equal(whosaid_attrib_write(at, rec, &lines, &n, &e), WHOSAID_ENOMEM);
    assert_int_equal(lines.len, two);
    json_decref(rec);
    whosaid_buf_free(&lines);
}

/* Every token's lower-cased form (claimdoc.c, lower_tokens: short ASCII
 * words a word at a time, the rest byte by byte and by utf8proc) is what
 * whosaid_utf8_lower gives for its text: short and long words, a
 * non-ASCII letter at each place of a short word, words right before a
 * non-ASCII character and in the last bytes of the text. */
static void lowered_tokens(void **state)
{
    (void)state;
    const char *text =
        "He SAID: \xc3\x89t\xc3\xa9 aB\xc3\x89 ABC\xc3\x89 ABCDEF\xc3\x89 ABCDEFG\xc3\x89 "
        "WINDOWPANES Zo\xc3\xab M\xc3\x9cLLER-Stra\xc3\x9f"
        "e QUICK\xe2\x80\x94"
        "FOX "
        "UPPER lower MiXeD 1234 X";
    json_t *rec = json_pack("{s:s, s:s}", "id", "t", "text", text);
    whosaid_attrib *a = whosaid_attrib_new(cues);
    assert_non_null(a);
    a->text = text;
    a->len = strlen(text);
    whosaid_offmap *om = whosaid_offmap_new(a->text, a->len);
    assert_non_null(om);
    assert_int_equal(whosaid_claimdoc_load(a, rec, om), 0);
    assert_true(a->toks.n > 15);
    for (size_t i = 0; i < a->toks.n; i++) {
        const whosaid_token *t = &a->toks.v[i];
        whosaid_buf want = WHOSAID_BUF_INIT;
        assert_int_equal(whosaid_utf8_lower(text + t->start, t->end - t->start, &want), 0);
        char got[64];
        assert_int_equal(whosaid_claimdoc_tkey(a, (long)i, 1, got, sizeof got), want.len);
        assert_string_equal(got, want.data);
        whosaid_buf_free(&want);
    }
    whosaid_offmap_free(om);
    whosaid_attrib_free(a);
    json_decref(rec);
}

/* Token i of a's document whose text is w. */
static long token_of(const whosaid_attrib *a, const char *w)
{
    for (size_t i = 0; i < a->toks.n; i++) {
        const whosaid_token *t = &a->toks.v[i];
        if (t->end - t->start == strlen(w) && !memcmp(a->text + t->start, w, strlen(w)))
            return (long)i;
    }
    fail_msg("no token %s", w);
    return -1;
}

/* whosaid_claimdoc_phrase_at turns most words away on their own entry
 * (claimdoc.c): a first word that only starts a phrase ("according") still
 * reads the phrase, a one-word class is found, and a word of no class, a
 * class not asked for or a place out of the text give 0. */
static void phrase_reader(void **state)
{
    (void)state;
    const char *text = "According to Zorp, analysts said the plan failed.";
    json_t *rec = json_pack("{s:s, s:s}", "id", "t", "text", text);
    whosaid_attrib *a = whosaid_attrib_new(cues);
    assert_non_null(a);
    a->text = text;
    a->len = strlen(text);
    whosaid_offmap *om = whosaid_offmap_new(a->text, a->len);
    assert_non_null(om);
    assert_int_equal(whosaid_claimdoc_load(a, rec, om), 0);
    const char *frame = NULL;
    assert_int_equal(whosaid_claimdoc_phrase_at(a, token_of(a, "According"), 0, &frame), 2);
    assert_string_equal(frame, "source");
    frame = NULL;
    assert_int_equal(whosaid_claimdoc_phrase_at(a, token_of(a, "Zorp"), 0, &frame), 0);
    assert_int_equal(whosaid_claimdoc_phrase_at(a, token_of(a, "analysts"), 0, &frame), 0);
    assert_null(frame);
    long an = token_of(a, "analysts");
    assert_int_equal(whosaid_claimdoc_phrase_at(a, an, WHOSAID_WORD_GENERIC, NULL), 1);
    assert_int_equal(whosaid_claimdoc_phrase_at(a, an, WHOSAID_WORD_HONORIFIC, NULL), 0);
    assert_int_equal(whosaid_claimdoc_phrase_at(a, token_of(a, "Zorp"), WHOSAID_WORD_GENERIC, NULL),
                     0);
    assert_int_equal(whosaid_claimdoc_phrase_at(a, -1, WHOSAID_WORD_GENERIC, NULL), 0);
    assert_int_equal(whosaid_claimdoc_phrase_at(a, (long)a->toks.n, 0, &frame), 0);
    whosaid_offmap_free(om);
    whosaid_attrib_free(a);
    json_decref(rec);
}

/* word_phrase_at (attrib_impl.h) answers as whosaid_claimdoc_phrase_at
 * does, for every token and every word class, though it turns most words
 * away on their entry: words that start phrases of other classes only
 * ("the" of "the people"), first words of phrases of several words
 * ("people familiar with the matter", "close to"), one-word classes,
 * tokens that are no words and places out of the text. */
static void word_phrase_reader(void **state)
{
    (void)state;
    const char *text = "The people said, and people familiar with the matter said sources close "
                       "to the company, the statement and a spokesman for the Labour Party said "
                       "the coast guard, 2 officials, reporters and the study said.";
    json_t *rec = json_pack("{s:s, s:s}", "id", "t", "text", text);
    whosaid_attrib *a = whosaid_attrib_new(cues);
    assert_non_null(a);
    a->text = text;
    a->len = strlen(text);
    whosaid_offmap *om = whosaid_offmap_new(a->text, a->len);
    assert_non_null(om);
    assert_int_equal(whosaid_claimdoc_load(a, rec, om), 0);
    long found = 0;
    for (long i = -1; i <= (long)a->toks.n; i++)
        for (int bit = 0; bit < 22; bit++) {
            long want = whosaid_claimdoc_phrase_at(a, i, 1 << bit, NULL);
            assert_int_equal(word_phrase_at(a, i, 1 << bit), want);
            found += want > 1;
        }
    assert_true(found >= 3); /* phrases of several words were read */
    whosaid_offmap_free(om);
    whosaid_attrib_free(a);
    json_decref(rec);
}

/* "declined to comment", "refused to say": the subject says nothing, so no
 * claim, and the clause ends the content of a claim before it. */
static void refusals_say_nothing(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Nimbus", "ORG:Greenleaf", "ORG:Microsoft", NULL};
    json_t *c = run("A Nimbus spokesperson confirmed that some customers had left but declined to "
                    "comment on how many. Greenleaf declined to comment on the plan. Microsoft "
                    "refused to say whether it had seen customers switch.",
                    names);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "cue", "confirmed");
    assert_field(c, 0, "content", "some customers had left");
    json_decref(c);
}

/* 'A statement from the family said Banks was "a devoted husband." The
 * family asked ...': the partial quote is the first sentence's, and the
 * family, a group after "from", is who speaks. */
static void statement_from_a_group(void **state)
{
    (void)state;
    json_t *c = run("A statement from the family said Banks was \"a devoted husband.\" The family "
                    "asked for privacy. Relatives said he loved the game.",
                    NULL);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "family");
    assert_field(c, 0, "speaker_type", "GENERIC");
    assert_field(c, 0, "cue", "said");
    assert_field(c, 0, "content", "Banks was \"a devoted husband.\"");
    assert_field(c, 1, "speaker", "relatives");
    json_decref(c);
}

/* "X, D-Calif., chair of the caucus, said": a name before two
 * appositions; a long apposition with a relative clause; "whose ..." is
 * no role. */
static void appositions_of_congress_style(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Alicia Moreno",
                           "ORG:Hispanic Caucus",
                           "ORG:Greenleaf Capital",
                           "ORG:Nimbus",
                           "DATE:last week",
                           "PERSON:Jose Perez",
                           NULL};
    json_t *c = run("Alicia Moreno, D-Calif., chair of the Hispanic Caucus, said the deal did too "
                    "little. Greenleaf Capital, an activist investor that owns about 3% of Nimbus, "
                    "said in a letter to the board last week that the company should sell its "
                    "unit. Jose Perez, whose district includes the corner, said drivers speed "
                    "there.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker", "Alicia Moreno");
    assert_field(c, 0, "speaker_org", "Hispanic Caucus");
    assert_field(c, 0, "content", "the deal did too little");
    assert_field(c, 1, "speaker", "Greenleaf Capital");
    assert_field(c, 1, "content", "the company should sell its unit");
    assert_field(c, 2, "speaker", "Jose Perez");
    assert_field(c, 2, "speaker_role", "(absent)");
    json_decref(c);
}

/* "a spokeswoman for the X's Office": the holder, for the office as
 * written, whether or not the owner is a name. */
static void voice_for_an_office(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Milwaukee County District Attorney", NULL};
    json_t *c =
        run("A spokeswoman for the Milwaukee County District Attorney's Office said charges "
            "would depend on the evidence. A spokesman for the county sheriff's office "
            "said deputies had found the car.",
            names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_role", "spokeswoman");
    assert_field(c, 0, "speaker_org", "Milwaukee County District Attorney's Office");
    assert_field(c, 1, "speaker_role", "spokesman");
    assert_field(c, 1, "speaker_org", "county sheriff's office");
    json_decref(c);
}

/* "Heritage Action for America said": the country is the tail of a name
 * the tagger missed, never the speaker; the shared verb after "and" keeps
 * that unknown subject and still ends the first content. */
static void name_read_in_part(void **state)
{
    (void)state;
    const char *names[] = {"COUNTRY:America", NULL};
    json_t *c = run("Heritage Action for America said the bill was a mistake and warned it would "
                    "score the vote.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_reason", "a name the tagger read only in part");
    assert_field(c, 0, "content", "the bill was a mistake");
    assert_field(c, 1, "cue", "warned");
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    json_decref(c);
}

/* Kin and acquaintances are role nouns of an unnamed speaker: "the victim's
 * mother" keeps its owner in speaker_text, "a neighbour, who ..., said" is a
 * claim at all, "a friend of the family" is one person, not a group. */
static void kinship_speakers(void **state)
{
    (void)state;
    const char *names[] = {NULL};
    json_t *c = run("\"He loved football,\" the victim's mother said. A neighbour, who asked "
                    "not to be named, said the street was dangerous. A friend of the family "
                    "said the boy had just moved. \"We want answers,\" the boy's father "
                    "told the BBC.",
                    names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 0, "speaker_role", "mother");
    assert_field(c, 0, "speaker_text", "the victim's mother");
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 1, "speaker_role", "neighbour");
    assert_field(c, 1, "content", "the street was dangerous");
    assert_field(c, 2, "speaker_role", "friend");
    assert_field(c, 2, "speaker_type", "UNKNOWN");
    assert_field(c, 3, "speaker_role", "father");
    assert_field(c, 3, "content", "We want answers");
    json_decref(c);
}

/* "told police the car ...": police is a hearer; "urged senators to walk
 * away": after an object verb's hearer, "to" opens the content; a source
 * "circulated by X's office" is X's (only "seen by" names a reader); "told
 * the AFP news agency": the outlet after its article is the via. */
static void hearers_and_authors(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Whitfield", "PERSON:Jennings", "ORG:AFP", NULL};
    json_t *c =
        run("Two witnesses told police the car was speeding. Some conservative groups urged "
            "senators to walk away. The measure would add 150 judges, according to a "
            "summary circulated by Whitfield's office. Jennings told the AFP news agency "
            "that the car kept going.",
            names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 3, "via", "AFP");
    assert_field(c, 3, "content", "the car kept going");
    assert_field(c, 0, "speaker", "witnesses");
    assert_field(c, 0, "content", "the car was speeding");
    assert_field(c, 1, "speaker", "conservative groups");
    assert_field(c, 1, "content", "to walk away");
    assert_field(c, 2, "speaker", "Whitfield");
    json_decref(c);
}

/* A cue form after a word of speakers.rules kind before-noun (an article,
 * a possessive, a preposition) is a noun and makes no claim; each of these
 * makes one if its word is missing from the file. */
static void cue_forms_after_before_noun_words(void **state)
{
    (void)state;
    static const char *const sentences[] = {
        "Despite claims that the plant was safe, residents fled.",
        "His claims that pay had risen were false.", "The firm fell over claims that it had lied.",
        "Their claims that the vote was rigged were dismissed.",
        "In remarks that stunned aides, the mayor quit."};
    for (size_t i = 0; i < sizeof sentences / sizeof *sentences; i++) {
        json_t *c = run(sentences[i], NULL);
        if (json_array_size(c)) fail_msg("a claim in: %s", sentences[i]);
        json_decref(c);
    }
}

/* "X was quoted as saying by Y that ...", "X was quoted by Y as saying":
 * X speaks, via Y; "In remarks carried by Y, X said" and "said in a
 * statement carried by Y that": via Y, and "remarks" after "In" is a noun,
 * no verb of its own. */
static void quoted_as_saying_and_carriers(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Eduardo Salcedo",
                           "ORG:Philippine News Agency",
                           "PERSON:Ana Cruz",
                           "ORG:Interfax",
                           "ORG:Philippine News Agency",
                           "PERSON:Gilberto Reyes",
                           "ORG:Xinhua",
                           NULL};
    json_t *c =
        run("Adviser Eduardo Salcedo was quoted as saying by the Philippine News Agency that "
            "Manila would protest. Ana Cruz was quoted by Interfax as saying the talks had "
            "failed. In remarks carried by the official Philippine News Agency, Gilberto Reyes "
            "said the patrols would go on. The coast guard said in a statement carried by the "
            "official Xinhua news agency that it had acted lawfully.",
            names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 0, "speaker", "Eduardo Salcedo");
    assert_field(c, 0, "cue", "quoted as saying");
    assert_field(c, 0, "via", "Philippine News Agency");
    assert_field(c, 0, "content", "Manila would protest");
    assert_field(c, 1, "speaker", "Ana Cruz");
    assert_field(c, 1, "via", "Interfax");
    assert_field(c, 1, "content", "the talks had failed");
    assert_field(c, 2, "speaker", "Gilberto Reyes");
    assert_field(c, 2, "cue", "said");
    assert_field(c, 2, "via", "Philippine News Agency");
    assert_field(c, 3, "speaker", "coast guard"); /* a head of two words */
    assert_field(c, 3, "speaker_type", "ORG");
    assert_field(c, 3, "via", "Xinhua");
    assert_field(c, 3, "content", "it had acted lawfully");
    json_decref(c);
}

/* '"...," Reyes said, adding that ...': a participle after the comma of a
 * claim is its speaker's next claim, and ends a content it follows; "the
 * ship, which it said had ...": no claim of the relative clause; "did not
 * say" ends a content and says nothing; "agreed to hold" is an act. */
static void participles_and_inner_clauses(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Reyes", "PERSON:Ed Davey", "ORG:Kremlin", NULL};
    json_t *c = run("\"We will not give up,\" Reyes said, adding that he had ordered more "
                    "patrols. Ed Davey called on the government to exempt rural areas, arguing "
                    "that people had no alternative. The guard said it had stopped the ship, "
                    "which it said had entered illegally. State media reported that the talks "
                    "went well, but the report did not say whether trade was discussed. The two "
                    "ministers agreed to hold exercises. The Kremlin said the call was useful.",
                    names);
    assert_int_equal(json_array_size(c), 7);
    assert_field(c, 0, "content", "We will not give up");
    assert_field(c, 1, "speaker", "Reyes");
    assert_field(c, 1, "cue", "adding");
    assert_field(c, 1, "content", "he had ordered more patrols");
    assert_field(c, 2, "cue", "called on");
    assert_field(c, 2, "content", "the government to exempt rural areas");
    assert_field(c, 3, "speaker", "Ed Davey");
    assert_field(c, 3, "cue", "arguing");
    assert_field(c, 3, "content", "people had no alternative");
    assert_field(c, 4, "content", "it had stopped the ship, which it said had entered illegally");
    assert_field(c, 5, "speaker", "state media");
    assert_field(c, 5, "content", "the talks went well");
    assert_field(c, 6, "speaker", "Kremlin");
    json_decref(c);
}

/* "A diplomat, speaking on condition of anonymity because he was not
 * authorised to speak, said": the apposition tells why the source is not
 * named; "One Labour MP, who ..., said": an MP is a role. A name inside a
 * quotation is no pronoun's antecedent: "She" is the shadow chancellor. */
static void anonymous_roles_and_quoted_names(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Labour",           "PERSON:Helen Marsden", "PERSON:Darren Hale",
                           "PERSON:Helen Marsden", "PERSON:Mel Stride",    NULL};
    json_t *c =
        run("A Western diplomat, speaking on condition of anonymity because he was not "
            "authorised to speak, said the talks would fail. One Labour MP, who did not want "
            "to be named, said the mood was bad.\n\nHelen Marsden is the chancellor. Darren "
            "Hale said: \"Helen Marsden will decide.\"\n\nThe shadow chancellor, Mel Stride, "
            "said the rise was a tax. She told reporters the party would force a vote.",
            names);
    assert_int_equal(json_array_size(c), 5);
    assert_field(c, 0, "speaker_role", "Western diplomat");
    assert_field(c, 0, "content", "the talks would fail");
    assert_field(c, 1, "speaker_type", "UNKNOWN"); /* the MP, not the party */
    assert_field(c, 1, "speaker_role", "MP");
    assert_field(c, 1, "speaker_org", "Labour Party");
    assert_field(c, 4, "speaker", "Mel Stride");
    assert_field(c, 4, "content", "the party would force a vote");
    json_decref(c);
}

/* "She cautioned, however, that ...": a parenthetical between commas right
 * before "that" stands outside the content. */
static void parenthetical_before_that(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Claire Dubois", NULL};
    json_t *c = run("Claire Dubois cautioned, however, that small labels could struggle. "
                    "Claire Dubois said, in fact, that demand was weak.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "cue", "cautioned");
    assert_field(c, 0, "content", "small labels could struggle");
    assert_field(c, 1, "content", "demand was weak");
    json_decref(c);
}

/* "Morgan Stanley expects demand ... to offset": a verb of belief takes an
 * object and its infinitive; an act ("promised 500 million euros to
 * help") does not; a clause that opens with its verb has no subject, so
 * the attribution is inside a relative ("the accounts prosecutors say were
 * used"). */
static void expectations_and_gapped_clauses(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Morgan Stanley", "ORG:Acme", "ORG:Acme", NULL};
    json_t *c = run("Morgan Stanley expects demand from American shoppers to offset the drop. "
                    "Acme promised 500 million euros to help growers. "
                    "He never saw the accounts prosecutors say were used to hide losses. "
                    "Analysts expect the central bank to cut rates. Acme expects to hire staff.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker", "Morgan Stanley");
    assert_field(c, 0, "cue", "expects");
    assert_field(c, 0, "content", "demand from American shoppers to offset the drop");
    assert_field(c, 1, "speaker", "analysts");
    assert_field(c, 1, "content", "the central bank to cut rates");
    assert_field(c, 2, "content", "to hire staff");
    json_decref(c);
}

/* "One Labour MP in a marginal seat, who ..., said", "A senior official at
 * the ministry said", "One diplomat in Brussels said", "The former chief
 * executive of Ledgerline testified that": a role phrase and a
 * prepositional phrase after it; an organization after at/of owns the
 * role (its holder speaks, unnamed), a place or a description does not. */
static void roles_with_prepositional_phrases(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Labour", "LOCATION:Brussels", "ORG:Ledgerline",
                           "ORG:Morgan Stanley", NULL};
    json_t *c = run("One Labour MP in a marginal seat, who did not want to be named, said the mood "
                    "was grim. A senior official at the ministry said the talks had stalled. One "
                    "diplomat in Brussels said the deal was close. The former chief executive of "
                    "payments start-up Ledgerline testified that he had never seen the accounts. "
                    "Ledgerline testified against its auditor. An analyst at Morgan Stanley said "
                    "prices would rise.",
                    names);
    assert_int_equal(json_array_size(c), 5);
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_role", "MP");
    assert_field(c, 0, "speaker_org", "Labour Party");
    assert_field(c, 0, "speaker_text", "One Labour MP in a marginal seat");
    assert_field(c, 1, "speaker", "null"); /* the official speaks, not the ministry */
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    assert_field(c, 1, "speaker_role", "senior official");
    assert_field(c, 1, "speaker_org", "ministry");
    assert_field(c, 2, "speaker_type", "UNKNOWN");
    assert_field(c, 2, "speaker_role", "diplomat"); /* "One" is a determiner */
    assert_field(c, 2, "content", "the deal was close");
    assert_field(c, 3, "speaker_type", "UNKNOWN"); /* one person, unnamed */
    assert_field(c, 3, "speaker_role", "former chief executive");
    assert_field(c, 3, "speaker_org", "Ledgerline");
    assert_field(c, 3, "cue", "testified");
    assert_field(c, 4, "speaker_type", "UNKNOWN");
    assert_field(c, 4, "speaker_org", "Morgan Stanley");
    assert_field(c, 4, "speaker_role", "analyst");
    json_decref(c);
}

/* "Two officials at the Interior Ministry said", "two senior officials at
 * ...": a counted group (the tagger reads the count as a figure) before an
 * organization is the generic group for that organization, as "Officials
 * at ..." and "Several analysts at ..." are, with its modifiers; the count
 * owns nothing, so the organization does not speak alone. */
static void counted_groups_at_organizations(void **state)
{
    (void)state;
    const char *names[] = {"STAT:Two officials",
                           "ORG:Interior Ministry",
                           "STAT:three analysts",
                           "ORG:Goldman Sachs",
                           "STAT:Two senior officials",
                           "ORG:Interior Ministry",
                           NULL};
    json_t *c = run("Two officials at the Interior Ministry said the border would close. \"We will "
                    "act,\" three analysts at Goldman Sachs said. Two senior officials at the "
                    "Interior Ministry said the talks had failed.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker", "officials");
    assert_field(c, 0, "speaker_type", "GENERIC");
    assert_field(c, 0, "speaker_org", "Interior Ministry");
    assert_field(c, 0, "speaker_text", "Two officials at the Interior Ministry");
    assert_field(c, 1, "speaker", "analysts");
    assert_field(c, 1, "speaker_org", "Goldman Sachs");
    assert_field(c, 1, "content", "We will act");
    assert_field(c, 2, "speaker", "senior officials");
    assert_field(c, 2, "speaker_type", "GENERIC");
    assert_field(c, 2, "speaker_org", "Interior Ministry");
    json_decref(c);
}

/* "A lawyer for Hale Valley Water said", "an attorney for John Carter", "a
 * spokesman for the prime minister", "Two lawyers for ...": the holder of
 * a role "for" an owner speaks, the owner (an organization, a person, a
 * country or a role as written) in speaker_org; a group of holders is
 * GENERIC. "for" after no role, or before no owner, is left alone. */
static void role_holders_for_owners(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Hale Valley Water",
                           "PERSON:John Carter",
                           "COUNTRY:Britain",
                           "STAT:Two lawyers",
                           "ORG:Hale Valley Water",
                           "ORG:Hale Valley Water",
                           NULL};
    json_t *c = run("A lawyer for Hale Valley Water said the contract was void. An attorney for "
                    "John Carter said he would appeal. A spokesman for the prime minister said the "
                    "trip was off. A lawyer for Britain said the treaty was binding. Two lawyers "
                    "for Hale Valley Water said the appeal was filed. Lawyers for Hale Valley "
                    "Water said they would fight. A candidate for mayor said buses were late.",
                    names);
    assert_int_equal(json_array_size(c), 7);
    assert_field(c, 0, "speaker", "null");
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_role", "lawyer");
    assert_field(c, 0, "speaker_org", "Hale Valley Water");
    assert_field(c, 0, "speaker_text", "A lawyer for Hale Valley Water");
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    assert_field(c, 1, "speaker_role", "attorney");
    assert_field(c, 1, "speaker_org", "John Carter");
    assert_field(c, 1, "speaker_text", "An attorney for John Carter");
    assert_field(c, 2, "speaker_type", "UNKNOWN");
    assert_field(c, 2, "speaker_role", "spokesman");
    assert_field(c, 2, "speaker_org", "prime minister");
    assert_field(c, 3, "speaker_role", "lawyer");
    assert_field(c, 3, "speaker_org", "Britain");
    assert_field(c, 4, "speaker", "lawyers");
    assert_field(c, 4, "speaker_type", "GENERIC");
    assert_field(c, 4, "speaker_org", "Hale Valley Water");
    assert_field(c, 5, "speaker", "lawyers");
    assert_field(c, 5, "speaker_type", "GENERIC");
    assert_field(c, 5, "speaker_org", "Hale Valley Water");
    assert_field(c, 6, "speaker_org", "(absent)"); /* "for mayor" names no owner */
    json_decref(c);
}

/* "A poll by Bain & Company of 2,000 high-income consumers found": the
 * author after "by" speaks, however long the subject; "The indictment
 * alleges" is the document. */
static void publications_by_authors(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Bain & Company", "STAT:2,000", "ORG:Reuters", NULL};
    json_t *c = run("A poll by Bain & Company of 2,000 high-income consumers found that many "
                    "planned to spend less. A Reuters survey showed that output fell in May. The "
                    "indictment alleges that the executives created fake accounts.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker", "Bain & Company");
    assert_field(c, 0, "speaker_type", "ORG");
    assert_field(c, 0, "content", "many planned to spend less");
    assert_field(c, 1, "speaker", "Reuters");
    assert_field(c, 2, "speaker", "indictment");
    assert_field(c, 2, "speaker_type", "GENERIC");
    json_decref(c);
}

/* "The prime minister told MPs" is not the Treasury minister the article
 * named; "the minister" may be the foreign minister, "the finance
 * minister" may not. */
static void ranks_make_other_offices(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Darren Hale", NULL};
    json_t *rec = record("The Treasury minister Darren Hale spoke first. The prime minister told "
                         "MPs the rise would stay. The minister said no decision had been taken.",
                         names);
    link_entity(rec, "e1", "PERSON", "Darren Hale", json_pack("{s:s}", "role", "minister"));
    json_t *c = run_rec(rec);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_role", "prime minister");
    assert_field(c, 1, "speaker", "Darren Hale");
    json_decref(c);
    rec = record("Foreign Minister Wang Yi met his guest. The minister said talks went well. The "
                 "finance minister said the budget was tight.",
                 (const char *[]){"PERSON:Wang Yi", NULL});
    link_entity(rec, "e1", "PERSON", "Wang Yi", json_pack("{s:s}", "role", "Foreign Minister"));
    c = run_rec(rec);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "Wang Yi");
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    json_decref(c);
}

/* "said Daniel Tan, a research fellow at the S. Rajaratnam School of
 * International Studies in Singapore": a long apposition is read up to its
 * organization. */
static void long_apposition_roles(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Daniel Tan", "ORG:S. Rajaratnam School of International Studies",
                           "COUNTRY:Singapore", NULL};
    json_t *c = run("\"Both sides are testing each other,\" said Daniel Tan, a research fellow at "
                    "the S. Rajaratnam School of International Studies in Singapore.",
                    names);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker_role", "research fellow");
    assert_field(c, 0, "speaker_org", "S. Rajaratnam School of International Studies");
    json_decref(c);
}

/* round 8: objects that are acts, directives inside another's words */
static void acts_are_no_claims(void **state)
{
    (void)state;
    const char *names[] = {
        "PERSON:Eleanor Briggs", "PERSON:Danny Hughes", "PERSON:Vera Lund", "ORG:Ledgerline",
        "PERSON:Ana Costa",      "PERSON:Tom Hale",     "PERSON:Ana Costa", NULL};
    json_t *c = run("Eleanor Briggs rejected a defence request to exclude several of the emails. "
                    "Danny Hughes added a late third. "
                    "Vera Lund rejected the accusation by Ledgerline. "
                    "Ana Costa testified that Tom Hale had ordered her to hide the losses. "
                    "Ana Costa added the club remains confident.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker", "Vera Lund"); /* an utterance noun: a denial */
    assert_field(c, 0, "content", "the accusation by Ledgerline");
    assert_field(c, 1, "speaker", "Ana Costa"); /* no claim of Hale's */
    assert_field(c, 1, "content", "Tom Hale had ordered her to hide the losses");
    assert_field(c, 2, "content", "the club remains confident"); /* a clause: said */
    json_decref(c);
}

/* "Rovers manager Sean Doherty was less pleased. '...,' he told": the
 * person after the organization and role words is the subject */
static void subject_after_owner_and_role(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Kwame Osei", "ORG:Rovers", "PERSON:Sean Doherty", NULL};
    json_t *c = run("\"The fans were brilliant,\" Kwame Osei told Sky Sports. Rovers manager Sean "
                    "Doherty was less pleased. \"We switched off and got punished,\" he told "
                    "reporters.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 1, "speaker", "Sean Doherty");
    json_decref(c);
}

/* South Asian press style: "opined", "said the Principal Secretary
 * (Energy), Nitin Bansal", an apposition "speaking to reporters at X" */
static void inverted_role_then_name(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Nitin Bansal", "PERSON:Arvind Shukla", "ORG:Secretariat",
                           "PERSON:Meena Rao",    "PERSON:Lee Barton",    "ORG:Instagram",
                           "ORG:Harlow City",     "PERSON:Ryan Castle",   NULL};
    json_t *c = run("\"We will not add to it,\" said the Principal Secretary (Energy), Nitin "
                    "Bansal. \"The poor will not be burdened,\" said Energy Minister Arvind "
                    "Shukla, speaking to reporters at the Secretariat. Meena Rao opined that the "
                    "regulator should audit the accounts. Lee Barton posted on Instagram that he "
                    "was gutted. Harlow City said goalkeeper Ryan Castle told reporters he was "
                    "happy.",
                    names);
    assert_int_equal(json_array_size(c), 6);
    assert_field(c, 0, "speaker", "Nitin Bansal");
    assert_field(c, 0, "speaker_role", "Principal Secretary (Energy)");
    assert_field(c, 1, "speaker", "Arvind Shukla");
    assert_field(c, 1, "speaker_org", "(absent)"); /* not the Secretariat */
    assert_field(c, 2, "cue", "opined");
    assert_field(c, 3, "cue", "posted");
    assert_field(c, 3, "content", "he was gutted");
    assert_field(c, 5, "speaker", "Ryan Castle");
    assert_field(c, 5, "speaker_role", "goalkeeper"); /* not "said goalkeeper" */
    json_decref(c);
}

/* A refusal inside reported content says nothing, as "declined to comment"
 * does: "said it would not comment", "could not immediately comment",
 * "had no comment", "said it declined to comment"; a pronoun must be the
 * subject, and a negated verb that is no refusal or a "that" after it
 * keeps the claim. */
static void refusals_in_reported_content(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Tom Hollis", "ORG:Acme", "ORG:Vanta", NULL};
    json_t *c = run("A spokesperson for the league said it would not comment on refereeing "
                    "decisions. Tom Hollis said he could not immediately comment. Police said "
                    "they had no comment on the arrests. It would not elaborate, the club said. "
                    "The firm said it declined to comment. Acme said it would not cut prices. "
                    "Police said the suspect did not comment. Vanta said it never said that.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "content", "it would not cut prices");
    assert_field(c, 1, "content", "the suspect did not comment");
    assert_field(c, 2, "content", "it never said that");
    json_decref(c);
}

/* Naming verbs with a quoted characterization: the quotation is the
 * content ("termed the proposal 'anti-people'", "described the plan as
 * 'reckless'", "called the move 'a betrayal'"); without one "called" is
 * "called on" or nothing, "described" a plain statement; "a company called
 * 'Acme'" names the company. */
static void naming_verbs(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Raj Kumar", "PERSON:Ann Walsh", "PERSON:Ana Mora",
                           "PERSON:Ian Hale", NULL};
    json_t *c = run("Raj Kumar termed the proposal \"anti-people\" and walked out. Ann Walsh "
                    "described the plan as \"reckless\". The union called the move \"a "
                    "betrayal\". It is a company called \"Acme Widgets\". Ana Mora called on "
                    "voters to turn out. Ian Hale described the visit as productive.",
                    names);
    assert_int_equal(json_array_size(c), 5);
    assert_field(c, 0, "speaker", "Raj Kumar");
    assert_field(c, 0, "content", "anti-people");
    assert_field(c, 0, "cue", "termed");
    assert_field(c, 0, "cue_class", "characterization");
    assert_field(c, 0, "kind", "direct");
    assert_field(c, 1, "content", "reckless");
    assert_field(c, 2, "speaker", "union");
    assert_field(c, 2, "content", "a betrayal");
    assert_field(c, 3, "cue", "called on");
    assert_field(c, 3, "cue_class", "call_to_action");
    assert_field(c, 4, "cue_class", "statement");
    assert_field(c, 4, "content", "the visit as productive");
    json_decref(c);
}

/* "An earlier analysis of the same cohort, published in 2024, showed":
 * a time word after the article is a modifier of the document. */
static void publication_with_time_word(void **state)
{
    (void)state;
    json_t *c = run("An earlier analysis of the same cohort, published in 2024, showed that the "
                    "risk fell. A later survey found that most voters were undecided.",
                    NULL);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "earlier analysis of the same cohort");
    assert_field(c, 0, "speaker_type", "GENERIC");
    assert_field(c, 0, "content", "the risk fell");
    assert_field(c, 1, "speaker", "later survey");
    json_decref(c);
}

/* "A senior official of the Power Corporation (UPPC), who did not want to
 * be named, said": the unnamed holder of the role speaks, for the
 * organization; "the official" later is that speaker again, as "the deputy leader" is the
 * council's. */
static void role_phrases_refer_back(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Power Corporation", "ORG:UPPC", NULL};
    json_t *c = run("A senior official of the Power Corporation (UPPC), who did not want to be "
                    "named, said losses had grown. \"We cannot pay,\" the official said. The "
                    "council's deputy leader said every department would cut. \"We have no "
                    "choice,\" the deputy leader told the board.",
                    names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 0, "speaker", "null");
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_role", "senior official");
    assert_field(c, 0, "speaker_org", "Power Corporation");
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    assert_field(c, 1, "speaker_org", "Power Corporation");
    assert_field(c, 1, "speaker_role", "senior official");
    assert_field(c, 1, "speaker_text", "the official");
    assert_field(c, 2, "speaker_org", "council");
    assert_field(c, 3, "speaker_type", "UNKNOWN");
    assert_field(c, 3, "speaker_org", "council");
    json_decref(c);
}

/* An owner no name tags before a role ("the bank's chief economist, NAME,")
 * and a plural possessive before an organization noun ("the employers'
 * association, which ...,") start the speaker's phrase. */
static void owners_without_names(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Bank of England", "PERSON:Andrew Bailey", "PERSON:Andrew Bailey",
                           NULL};
    json_t *c = run("The Bank of England kept rates. \"We expect rates to stay high,\" the "
                    "bank's chief economist, Andrew Bailey, said. The central bank's chief "
                    "economist, Andrew Bailey, said cuts were far off.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "Andrew Bailey");
    assert_field(c, 0, "speaker_role", "chief economist");
    assert_field(c, 0, "speaker_org", "Bank of England");
    assert_field(c, 0, "content", "We expect rates to stay high");
    assert_field(c, 1, "speaker", "Andrew Bailey");
    assert_field(c, 1, "content", "cuts were far off");
    json_decref(c);
    c = run("The employers' association, which represents 212 shipping firms, said the strike "
            "would cost millions. \"We will not pay,\" the employers' association said.",
            NULL);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "employers' association");
    assert_field(c, 0, "speaker_type", "ORG");
    assert_field(c, 0, "content", "the strike would cost millions");
    assert_field(c, 1, "speaker", "employers' association");
    assert_field(c, 1, "content", "We will not pay");
    json_decref(c);
}

/* A name inside a wider role-noun phrase (a MENTION resolve left unlinked)
 * is what its words belong to: the person speaks, not the phrase. */
static void name_inside_a_mention(void **state)
{
    (void)state;
    const char *names[] = {"MENTION:The economist Jane Smith", NULL};
    json_t *rec = record("The economist Jane Smith said prices would rise.", names);
    json_array_append_new(json_object_get(rec, "spans"),
                          json_pack("{s:i, s:i, s:s, s:s, s:s}", "start", 14, "end", 24, "type",
                                    "PERSON", "text", "Jane Smith", "canonical", "Jane Smith"));
    json_t *c = run_rec(rec);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker", "Jane Smith");
    assert_field(c, 0, "speaker_type", "PERSON");
    json_decref(c);
}

/* "A spokesperson for Acme Corp., whose plant was closed, told": the period
 * of the company's abbreviated suffix, outside the tagged name, belongs to
 * the name, so the speaker is still read; and a spokeswoman "for X" after
 * the verb or after "according to" is the same unnamed holder as before
 * it, not X, with or without a relative clause about X. */
static void voice_for_org_with_relative_clause(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Acme Corp",         "ORG:Reuters",           "ORG:Acme Corp",
                           "ORG:Hale Valley Water", "ORG:Hale Valley Water", NULL};
    json_t *c = run("A spokesperson for Acme Corp., whose plant was closed, told Reuters the "
                    "workers would be paid. Acme Corp., which owns the plant, said the site "
                    "would reopen. The rate would rise, said a spokeswoman for Hale Valley "
                    "Water, which will collect the levy. The levy is small, according to a "
                    "spokesman for Hale Valley Water.",
                    names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 0, "speaker", "null");
    assert_field(c, 0, "speaker_role", "spokesperson");
    assert_field(c, 0, "speaker_org", "Acme Corp");
    assert_field(c, 0, "content", "the workers would be paid");
    assert_field(c, 1, "speaker", "Acme Corp");
    assert_field(c, 1, "speaker_type", "ORG");
    assert_field(c, 2, "speaker", "null");
    assert_field(c, 2, "speaker_role", "spokeswoman");
    assert_field(c, 2, "speaker_org", "Hale Valley Water");
    assert_field(c, 3, "speaker", "null");
    assert_field(c, 3, "speaker_type", "UNKNOWN");
    assert_field(c, 3, "speaker_role", "spokesman");
    assert_field(c, 3, "speaker_org", "Hale Valley Water");
    json_decref(c);
}

/* A name whose "'s" is its own ("Macy's", tagged with the "'s") speaks;
 * an ordinary possessive before a cue form still makes it a noun. */
static void store_name_with_possessive_speaks(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Macy's", "PERSON:Carter", NULL};
    json_t *c = run("Macy's said prices could rise. Carter's claims were dismissed.", names);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker", "Macy's");
    assert_field(c, 0, "speaker_type", "ORG");
    assert_field(c, 0, "content", "prices could rise");
    json_decref(c);
}

/* A form in -s before a cue's -ing form is a plural noun: "smaller
 * states warning" has no verb "states" (its speaker would be "smaller");
 * "The ministry states that" still speaks. */
static void plural_noun_before_participle(void **state)
{
    (void)state;
    const char *names[] = {"COUNTRY:France", NULL};
    json_t *c = run("France backed it, with smaller states warning it would raise costs. The "
                    "ministry states that prices rose.",
                    names);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "cue", "states");
    assert_field(c, 0, "speaker_text", "The ministry");
    assert_field(c, 0, "content", "prices rose");
    json_decref(c);
}

/* Occupations that news quotes by them alone are roles: "A committee
 * aide said", "The judge told". */
static void occupations_as_roles(void **state)
{
    (void)state;
    const char *names[] = {NULL};
    json_t *c = run("A committee aide said the hearing was set. The judge told the court the "
                    "case was closed.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_role", "committee aide");
    assert_field(c, 1, "speaker_role", "judge");
    json_decref(c);
}

/* Round 17: a counted group "at" an organization after the verb speaks for
 * it, as before the verb; "both" is a determiner ("Both lawyers for the
 * company" are lawyers, "They both said" is "They"); a portfolio title's
 * "for" phrase is part of the role, not its owner ("the minister for
 * Europe", "the envoy for Syria"), before or after the verb; the period of
 * "Acme Corp." is written in speaker_text; "Both said" opening a sentence
 * is an unknown somebody, "Both men said" a group. */
static void groups_after_verb_both_portfolios(void **state)
{
    (void)state;
    const char *names[] = {"STAT:two officials", "ORG:Interior Ministry", "LOCATION:Europe",
                           "COUNTRY:Syria",      "ORG:Acme Corp",         NULL};
    json_t *c = run("The border would close, said two officials at the Interior Ministry. Both "
                    "lawyers for the company said the ruling was wrong. They both said the plan "
                    "was fair. The minister for Europe said the summit would go ahead. Talks were "
                    "over, said the envoy for Syria. The secretary for health said wards were "
                    "ready. Acme Corp. announced that profits rose. Both said the deal was "
                    "fair. Both men said the price was high. Both women said it would pass.",
                    names);
    assert_int_equal(json_array_size(c), 10);
    assert_field(c, 0, "speaker", "officials");
    assert_field(c, 0, "speaker_type", "GENERIC");
    assert_field(c, 0, "speaker_org", "Interior Ministry");
    assert_field(c, 0, "speaker_text", "two officials at the Interior Ministry");
    assert_field(c, 1, "speaker", "lawyers");
    assert_field(c, 1, "speaker_type", "GENERIC");
    assert_field(c, 2, "speaker", "lawyers"); /* "They", the lawyers */
    assert_field(c, 2, "speaker_text", "They both");
    assert_field(c, 3, "speaker_type", "UNKNOWN");
    assert_field(c, 3, "speaker_role", "minister for Europe");
    assert_field(c, 3, "speaker_org", "(absent)");
    assert_field(c, 4, "speaker_role", "envoy for Syria");
    assert_field(c, 4, "speaker_org", "(absent)");
    assert_field(c, 4, "content", "Talks were over");
    assert_field(c, 5, "speaker_role", "secretary for health");
    assert_field(c, 6, "speaker", "Acme Corp");
    assert_field(c, 6, "speaker_text", "Acme Corp.");
    /* "Both" opening a sentence is written "Both": still somebody */
    assert_field(c, 7, "speaker_type", "UNKNOWN");
    assert_field(c, 7, "speaker_text", "Both");
    assert_field(c, 7, "content", "the deal was fair");
    assert_field(c, 8, "speaker", "men");
    assert_field(c, 8, "speaker_type", "GENERIC");
    assert_field(c, 8, "speaker_text", "Both men");
    assert_field(c, 9, "speaker", "women");
    assert_field(c, 9, "speaker_type", "GENERIC");
    json_decref(c);
}

/* Round 18: the source of "according to X" is read as the subject "X
 * said" is (roles, owners, groups, organizations), leading or trailing,
 * so the speaker fields agree; only the case of speaker_text differs. */
static void assert_source_reads_as_subject(const char *np, const char *const *names)
{
    char subj[256], lead[256], trail[256];
    snprintf(subj, sizeof subj, "%c%s said the plan would fail.", toupper((unsigned char)np[0]),
             np + 1);
    snprintf(lead, sizeof lead, "According to %s, the plan would fail.", np);
    snprintf(trail, sizeof trail, "The plan would fail, according to %s.", np);
    static const char *const keys[] = {"speaker",     "speaker_type",   "speaker_role",
                                       "speaker_org", "speaker_reason", NULL};
    json_t *s = run(subj, names);
    assert_int_equal(json_array_size(s), 1);
    for (int form = 0; form < 2; form++) {
        json_t *c = run(form ? trail : lead, names);
        assert_int_equal(json_array_size(c), 1);
        assert_field(c, 0, "kind", "according_to");
        for (int k = 0; keys[k]; k++)
            assert_string_equal(field(c, 0, keys[k]), field(s, 0, keys[k]));
        assert_string_equal(field(c, 0, "speaker_text"), np);
        json_decref(c);
    }
    json_decref(s);
}

static void according_to_reads_as_subject(void **state)
{
    (void)state;
    const char *senate[] = {"ORG:Senate", NULL}, *ministry[] = {"ORG:Interior Ministry", NULL},
               *acme[] = {"ORG:Acme", "PERSON:Jane Doe", NULL},
               *pentagon[] = {"ORG:Pentagon", NULL};
    assert_source_reads_as_subject("a Senate aide", senate);
    assert_source_reads_as_subject("a committee aide", NULL);
    assert_source_reads_as_subject("two officials at the Interior Ministry", ministry);
    assert_source_reads_as_subject("the company's chief executive", NULL);
    assert_source_reads_as_subject("a lawyer for the company", NULL);
    assert_source_reads_as_subject("the minister for Europe", NULL);
    assert_source_reads_as_subject("Acme chief executive Jane Doe", acme);
    assert_source_reads_as_subject("Pentagon officials", pentagon);
    assert_source_reads_as_subject("a government official", NULL);
    assert_source_reads_as_subject("a senior official at the Interior Ministry", ministry);
    assert_source_reads_as_subject("a Labour MP", NULL);
    assert_source_reads_as_subject("a spokesman for the company", NULL);
    assert_source_reads_as_subject("people familiar with the matter", NULL);

    /* the values themselves, not only their agreement */
    json_t *c = run("The plan would fail, according to a Senate aide. According to a committee "
                    "aide, the vote is close. According to two officials at the Interior "
                    "Ministry, talks stalled. The deal is off, according to the company's chief "
                    "executive.",
                    (const char *[]){"ORG:Senate", "ORG:Interior Ministry", NULL});
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 0, "speaker", "Senate");
    assert_field(c, 0, "speaker_role", "aide");
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    assert_field(c, 1, "speaker_role", "committee aide");
    assert_field(c, 1, "speaker_reason",
                 "an unnamed speaker (a role noun with no name or organization)");
    assert_field(c, 2, "speaker", "officials");
    assert_field(c, 2, "speaker_type", "GENERIC");
    assert_field(c, 2, "speaker_org", "Interior Ministry");
    assert_field(c, 3, "speaker_role", "chief executive");
    assert_field(c, 3, "speaker_org", "company");
    json_decref(c);

    /* documents and outlets keep their reading: a name inside a document
     * phrase is not the whole phrase */
    c = run("Prices rose, according to a statement from the ministry. Prices rose, according "
            "to figures from the ONS. Prices rose, according to Reuters.",
            (const char *[]){"ORG:ONS", "ORG:Reuters", NULL});
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_reason", "the source is not a known name or group");
    assert_field(c, 0, "speaker_text", "a statement from the ministry");
    assert_field(c, 1, "speaker", "ONS");
    assert_field(c, 1, "speaker_type", "ORG");
    assert_field(c, 1, "speaker_text", "figures from the ONS");
    assert_field(c, 2, "speaker", "Reuters");
    assert_field(c, 2, "speaker_type", "ORG");
    json_decref(c);
}

/* "A senior official at the Finance Ministry said", "an official of the
 * commission said": one holder of a role at an organization speaks,
 * unnamed, with the organization (its name, or the noun as written) in
 * speaker_org, as "two officials at ..." are a group of it; "A Republican
 * senator said", "a Tory MP": a party word before a role is the holder's
 * party (its name from speakers.rules), never the speaker, also when the
 * tagger read the word as an organization; inside a longer name it is no
 * party ("a Republican Guard officer"). */
static void holders_at_organizations_and_parties(void **state)
{
    (void)state;
    const char *names[] = {"ORG:Finance Ministry", "ORG:Republican", "ORG:Tory",
                           "ORG:Republican Guard", "ORG:Democrat",   NULL};
    json_t *c = run("A senior official at the Finance Ministry said taxes would rise. An official "
                    "of the commission said the petition would be examined. A Republican senator "
                    "said the bill was dead. A Tory MP told reporters the deal was bad. A "
                    "Republican Guard officer said the base was safe. Democrat leaders said no "
                    "deal was near. Prices rose, according to a Conservative MP.",
                    names);
    assert_int_equal(json_array_size(c), 7);
    assert_field(c, 0, "speaker", "null");
    assert_field(c, 0, "speaker_type", "UNKNOWN");
    assert_field(c, 0, "speaker_role", "senior official");
    assert_field(c, 0, "speaker_org", "Finance Ministry");
    assert_field(c, 0, "speaker_reason", "a role holder the article does not name");
    assert_field(c, 1, "speaker_type", "UNKNOWN");
    assert_field(c, 1, "speaker_role", "official");
    assert_field(c, 1, "speaker_org", "commission");
    assert_field(c, 2, "speaker_type", "UNKNOWN");
    assert_field(c, 2, "speaker_role", "senator");
    assert_field(c, 2, "speaker_org", "Republican Party");
    assert_field(c, 3, "speaker_type", "UNKNOWN");
    assert_field(c, 3, "speaker_role", "MP");
    assert_field(c, 3, "speaker_org", "Conservative Party");
    assert_field(c, 4, "speaker", "Republican Guard");
    assert_field(c, 4, "speaker_role", "officer");
    assert_field(c, 5, "speaker", "Democrat leaders");
    assert_field(c, 5, "speaker_type", "GENERIC");
    assert_field(c, 5, "speaker_org", "Democratic Party");
    assert_field(c, 6, "kind", "according_to");
    assert_field(c, 6, "speaker_type", "UNKNOWN");
    assert_field(c, 6, "speaker_role", "MP");
    assert_field(c, 6, "speaker_org", "Conservative Party");
    json_decref(c);
}

/* A broadcast transcript's turn label ("BELL:", "MARCUS BELL, BYLINE:")
 * or a dateline with a colon is no part of the content; "wrote" with a
 * noun phrase ("the Republican who wrote the bill") is an act, "wrote
 * that" a claim. */
static void turn_labels_and_written_acts(void **state)
{
    (void)state;
    json_t *c = run("BELL: June at the earliest, according to a Senate aide.\nMARCUS BELL, "
                    "BYLINE: The vote slipped, a Senate aide said.",
                    (const char *[]){"ORG:Senate", "ORG:Senate", NULL});
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "content", "June at the earliest");
    assert_field(c, 1, "content", "The vote slipped");
    json_decref(c);
    c = run("Paul Hendricks, the Republican who wrote the bill, disagrees. Hendricks wrote that "
            "the ports had two years.",
            (const char *[]){"PERSON:Paul Hendricks", "PERSON:Hendricks", NULL});
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker", "Paul Hendricks");
    assert_field(c, 0, "content", "the ports had two years");
    json_decref(c);
}

/* A broadcast transcript's turn labelled with a person the document names
 * is that person's direct claim, cue ":", the whole turn its content and no
 * cue inside it another claim, as in a quotation; the broadcast's own
 * journalists (a newsroom role in some label, or the byline) only narrate,
 * though the speech they report is still claimed; a label naming no one
 * ("NEW DELHI:") is none. */
static void transcript_turns(void **state)
{
    (void)state;
    json_t *c = run("DANA WHITCOMB, HOST: Our correspondent Marcus Bell joins us.\n"
                    "MARCUS BELL, BYLINE: Teresa Alvarez runs the port.\n"
                    "TERESA ALVAREZ: We are not against scanning. The minister said the money "
                    "was there.\n"
                    "BELL: A White House spokeswoman said the president would sign the bill.\n"
                    "ALVAREZ: We want a say in it.\n"
                    "NEW DELHI: Officials met on Friday.",
                    (const char *[]){"PERSON:Marcus Bell", "PERSON:Teresa Alvarez", NULL});
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker", "Teresa Alvarez");
    assert_field(c, 0, "speaker_text", "TERESA ALVAREZ");
    assert_field(c, 0, "cue", ":");
    assert_field(c, 0, "kind", "direct");
    assert_field(c, 0, "content",
                 "We are not against scanning. The minister said the money was there.");
    assert_field(c, 1, "speaker_role", "White House spokeswoman");
    assert_field(c, 1, "content", "the president would sign the bill");
    assert_field(c, 2, "speaker", "Teresa Alvarez"); /* a surname's label */
    assert_field(c, 2, "speaker_text", "ALVAREZ");
    assert_field(c, 2, "content", "We want a say in it.");
    json_decref(c);
    /* the byline's author narrates; anyone else speaks */
    static const char *const text = "Marcus Bell reports from Washington.\n"
                                    "BELL: The ports had two years to come to the table.";
    static const char *const bell[] = {"PERSON:Marcus Bell", NULL};
    for (int byline = 0; byline < 2; byline++) {
        json_t *rec = record(text, bell);
        if (byline)
            json_object_set_new(json_object_get(rec, "meta"), "byline", json_string("Marcus Bell"));
        whosaid_error e;
        assert_int_equal(whosaid_attrib_run(at, rec, &c, &e), 0);
        json_decref(rec);
        assert_int_equal(json_array_size(c), byline ? 0 : 1);
        json_decref(c);
    }
}

/* "a Coast Guard officer I spoke to said", "Analysts we interviewed told":
 * a relative clause without "who"/"that" stands between the speaker and
 * the verb; ", and SUBJ said" ends the claim before it. */
static void contact_clause_before_the_verb(void **state)
{
    (void)state;
    json_t *c = run("Two aides told me the leadership lacks the votes, and a Coast Guard officer "
                    "I spoke to said the rules would take months. Analysts we interviewed told "
                    "reporters the port was safe.",
                    (const char *[]){"ORG:Coast Guard", NULL});
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "content", "the leadership lacks the votes");
    assert_field(c, 1, "speaker_text", "a Coast Guard officer");
    assert_field(c, 1, "speaker_role", "officer");
    assert_field(c, 1, "content", "the rules would take months");
    assert_field(c, 2, "speaker_type", "GENERIC");
    assert_field(c, 2, "speaker_text", "Analysts");
    assert_field(c, 2, "content", "the port was safe");
    json_decref(c);
}

/* Groups of staff named by their organization ("Senate aides said", "two
 * Senate staffers said") are GENERIC for it, like "UN officials"; one
 * unnamed holder ("A Senate aide said") is still the organization speaking
 * through the role, as the seed's "an United Nations official" is. */
static void staff_groups_of_an_organization(void **state)
{
    (void)state;
    json_t *c = run("Senate aides said the bill was dead. Two Senate staffers said the vote would "
                    "slip. UN officials said aid was blocked. A Senate aide said talks went on.",
                    (const char *[]){"ORG:Senate", "ORG:Senate", "ORG:UN", "ORG:Senate", NULL});
    assert_int_equal(json_array_size(c), 4);
    static const char *const org[] = {"Senate", "Senate", "UN"};
    for (size_t i = 0; i < 3; i++) {
        assert_field(c, i, "speaker_type", "GENERIC");
        assert_field(c, i, "speaker_org", org[i]);
    }
    assert_field(c, 3, "speaker", "Senate");
    assert_field(c, 3, "speaker_type", "ORG");
    assert_field(c, 3, "speaker_role", "aide");
    json_decref(c);
}

/* "Bloomberg said he would not run" after "Michael Bloomberg" and
 * "Bloomberg L.P.": the tagger reads the surname as the company; "he"
 * opening the reported content makes the speaker the one person named
 * with that surname. "it", a quotation ("he" is someone else there) or
 * two such men leave the organization. */
static void surname_shared_with_an_organization(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Michael Bloomberg",
                           "ORG:Bloomberg L.P.",
                           "ORG:Bloomberg",
                           "ORG:Bloomberg",
                           "ORG:Bloomberg",
                           NULL};
    json_t *rec = record("Michael Bloomberg met investors. Bloomberg L.P. reported strong sales. "
                         "Bloomberg said later he would not run. Bloomberg said it would hire "
                         "staff. \"He is wrong,\" Bloomberg said.",
                         names);
    link_entity(rec, "e1", "PERSON", "Michael Bloomberg", json_pack("{s:s}", "gender", "male"));
    link_entity(rec, "e2", "ORG", "Bloomberg", json_object());
    json_t *c = run_rec(rec);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "speaker", "Michael Bloomberg");
    assert_field(c, 0, "speaker_type", "PERSON");
    assert_field(c, 0, "speaker_entity", "e1");
    assert_field(c, 0, "speaker_text", "Bloomberg");
    assert_field(c, 1, "speaker", "Bloomberg");
    assert_field(c, 1, "speaker_type", "ORG");
    assert_field(c, 2, "speaker_type", "ORG"); /* a quotation */
    json_decref(c);
    const char *two[] = {"PERSON:Tom Ford", "PERSON:Henry Ford", "ORG:Ford", NULL};
    rec = record("Tom Ford met Henry Ford. Ford said he would cut jobs.", two);
    link_entity(rec, "e1", "PERSON", "Tom Ford", json_pack("{s:s}", "gender", "male"));
    link_entity(rec, "e2", "PERSON", "Henry Ford", json_pack("{s:s}", "gender", "male"));
    link_entity(rec, "e3", "ORG", "Ford", json_object());
    c = run_rec(rec);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "speaker", "Ford");
    assert_field(c, 0, "speaker_type", "ORG");
    json_decref(c);
}

/* '"A," she said, "B."': both halves of a quotation split around its
 * attribution are the speaker's, before the verb or after an inverted
 * speaker ("said Berg, ..."), whose empty appositive takes no quotation. */
static void split_quotation(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Anna Berg", "PERSON:Berg", NULL};
    json_t *c = run("Anna Berg spoke on Monday. \"We are ready,\" she said, \"but not at any "
                    "price.\" \"It is late,\" said Berg, \"and we are tired.\"",
                    names);
    assert_int_equal(json_array_size(c), 4);
    assert_field(c, 0, "content", "We are ready");
    assert_field(c, 0, "speaker", "Anna Berg");
    assert_field(c, 1, "content", "but not at any price.");
    assert_field(c, 1, "speaker", "Anna Berg");
    assert_field(c, 2, "content", "It is late");
    assert_field(c, 2, "speaker_text", "Berg");
    assert_field(c, 3, "content", "and we are tired.");
    assert_field(c, 3, "speaker", "Anna Berg");
    json_decref(c);
}

/* "Moreno, a former professor, has made ... . Asked ..., she said": the
 * subject of the sentence before, past its appositive, outranks the woman
 * who spoke last. */
static void pronoun_subject_past_appositive(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Rita Moreno", "PERSON:Agnes Holm", "PERSON:Moreno", NULL};
    json_t *c = run("Rita Moreno said she was calm. \"It is over,\" said Agnes Holm. "
                    "Moreno, a former professor, has made cuts her goal. Asked if she would quit, "
                    "she said: \"I am not going anywhere.\"",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 2, "content", "I am not going anywhere.");
    assert_field(c, 2, "speaker", "Rita Moreno");
    json_decref(c);
}

/* "The foundation says", "the society said": an organization named by
 * the head noun of a charity or learned society speaks as one. */
static void foundation_and_society_heads(void **state)
{
    (void)state;
    json_t *c = run("The foundation says that teenagers need more sleep. "
                    "The society said that funding was short.",
                    NULL);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker_type", "ORG");
    assert_field(c, 0, "speaker", "foundation");
    assert_field(c, 1, "speaker_type", "ORG");
    json_decref(c);
}

/* "said privately that": a manner adverb before "that" is no part of what
 * was said. */
static void manner_adverb_before_that(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Anna Berg", NULL};
    json_t *c = run("Anna Berg said privately that there was room for a deal.", names);
    assert_int_equal(json_array_size(c), 1);
    assert_field(c, 0, "content", "there was room for a deal");
    json_decref(c);
}

/* "X was blunt: '...'": the quotation after the colon is X's, direct, cue
 * ":"; a colon with no quotation after it (a paraphrase, a list) is none */
static void quotation_after_manner_colon(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Anna Berg", "PERSON:Ola Dahl", "PERSON:Dahl", NULL};
    json_t *c = run("Anna Berg was blunt on Tuesday as talks stalled: \"We will not pay.\" "
                    "Ola Dahl was clear: later start times. "
                    "Dahl's answer was simple: \"No deal.\"",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "speaker", "Anna Berg");
    assert_field(c, 0, "cue", ":");
    assert_field(c, 0, "kind", "direct");
    assert_field(c, 0, "content", "We will not pay.");
    assert_field(c, 1, "speaker", "Ola Dahl");
    assert_field(c, 1, "content", "No deal.");
    json_decref(c);
    /* "it was clear" tells of no speaker, "the rules" are a text */
    c = run("It was clear: \"Nothing works.\" The rules are clear: \"No phones.\"", NULL);
    assert_int_equal(json_array_size(c), 0);
    json_decref(c);
}

/* "acknowledges the difficulty": a noun phrase object that names nothing
 * said is no claim; a clause or an utterance noun is */
static void plain_object_of_agreement_verbs(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Anna Berg", "PERSON:Berg", "PERSON:Berg", "PERSON:Berg", NULL};
    json_t *c = run("Anna Berg acknowledges the difficulty. Berg admitted the mistake. "
                    "Berg conceded that the plan was late. Berg acknowledged the criticism.",
                    names);
    assert_int_equal(json_array_size(c), 2);
    assert_field(c, 0, "content", "the plan was late");
    assert_field(c, 1, "content", "the criticism");
    json_decref(c);
}

/* a date in the speaker's appositive tells of the speaker, not the claim */
static void date_in_speaker_appositive(void **state)
{
    (void)state;
    const char *names[] = {"PERSON:Paulo Reis",
                           "DATE:two years ago",
                           "PERSON:Ola Dahl",
                           "DATE:2020",
                           "PERSON:Anna Berg",
                           "DATE:Tuesday",
                           NULL};
    json_t *c = run("\"We are ready,\" said Paulo Reis, a banker who ran for mayor two years ago. "
                    "Ola Dahl, who quit in 2020, said the plan was late. "
                    "Anna Berg, speaking on Tuesday, said the plan was sound.",
                    names);
    assert_int_equal(json_array_size(c), 3);
    assert_field(c, 0, "date", "2024-01-05"); /* the publication date */
    assert_field(c, 1, "date", "2024-01-05");
    assert_field(c, 2, "date", "2024-01-04"); /* "speaking on Tuesday" is the saying's */
    json_decref(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(direct_frames),
                                       cmocka_unit_test(indirect_frames),
                                       cmocka_unit_test(apposition_after_a_place),
                                       cmocka_unit_test(sources_and_via),
                                       cmocka_unit_test(pronouns_and_unknown),
                                       cmocka_unit_test(possessive_roles),
                                       cmocka_unit_test(possessive_pronoun_owner),
                                       cmocka_unit_test(possessive_person_owner),
                                       cmocka_unit_test(pronoun_after_unnamed_holder),
                                       cmocka_unit_test(coordinated_subjects),
                                       cmocka_unit_test(voice_roles),
                                       cmocka_unit_test(voice_for_named_org),
                                       cmocka_unit_test(org_with_acronym_speaks),
                                       cmocka_unit_test(role_organizations),
                                       cmocka_unit_test(publications_and_group_subjects),
                                       cmocka_unit_test(coordinated_order),
                                       cmocka_unit_test(party_groups),
                                       cmocka_unit_test(acronym_before_role),
                                       cmocka_unit_test(groups_in_places_and_titles),
                                       cmocka_unit_test(unnamed_organizations),
                                       cmocka_unit_test(coordinated_clauses),
                                       cmocka_unit_test(shared_subjects),
                                       cmocka_unit_test(nested_sources),
                                       cmocka_unit_test(anaphoric_generics),
                                       cmocka_unit_test(they_after_coordinated_subject),
                                       cmocka_unit_test(clause_ends_content),
                                       cmocka_unit_test(that_after_adjuncts_only),
                                       cmocka_unit_test(plural_nouns_as_groups),
                                       cmocka_unit_test(anonymous_sources),
                                       cmocka_unit_test(quotation_of_the_sentence_before),
                                       cmocka_unit_test(long_subject_lists),
                                       cmocka_unit_test(court_reporting),
                                       cmocka_unit_test(written_lines),
                                       cmocka_unit_test(document_fields),
                                       cmocka_unit_test(datelines_stay_out),
                                       cmocka_unit_test(title_after_the_verb),
                                       cmocka_unit_test(pronoun_after_titles_and_nested_claims),
                                       cmocka_unit_test(kind_follows_content),
                                       cmocka_unit_test(hearers_and_headline_nouns),
                                       cmocka_unit_test(rules_loaded_later),
                                       cmocka_unit_test(lowered_tokens),
                                       cmocka_unit_test(phrase_reader),
                                       cmocka_unit_test(word_phrase_reader),
                                       cmocka_unit_test(refusals_say_nothing),
                                       cmocka_unit_test(statement_from_a_group),
                                       cmocka_unit_test(appositions_of_congress_style),
                                       cmocka_unit_test(voice_for_an_office),
                                       cmocka_unit_test(name_read_in_part),
                                       cmocka_unit_test(hearers_and_authors),
                                       cmocka_unit_test(kinship_speakers),
                                       cmocka_unit_test(quoted_as_saying_and_carriers),
                                       cmocka_unit_test(participles_and_inner_clauses),
                                       cmocka_unit_test(anonymous_roles_and_quoted_names),
                                       cmocka_unit_test(parenthetical_before_that),
                                       cmocka_unit_test(expectations_and_gapped_clauses),
                                       cmocka_unit_test(roles_with_prepositional_phrases),
                                       cmocka_unit_test(publications_by_authors),
                                       cmocka_unit_test(ranks_make_other_offices),
                                       cmocka_unit_test(long_apposition_roles),
                                       cmocka_unit_test(acts_are_no_claims),
                                       cmocka_unit_test(subject_after_owner_and_role),
                                       cmocka_unit_test(inverted_role_then_name),
                                       cmocka_unit_test(refusals_in_reported_content),
                                       cmocka_unit_test(naming_verbs),
                                       cmocka_unit_test(publication_with_time_word),
                                       cmocka_unit_test(role_phrases_refer_back),
                                       cmocka_unit_test(owners_without_names),
                                       cmocka_unit_test(cue_forms_after_before_noun_words),
                                       cmocka_unit_test(name_inside_a_mention),
                                       cmocka_unit_test(apposition_after_opening_role_phrase),
                                       cmocka_unit_test(unnamed_people_by_trade),
                                       cmocka_unit_test(voice_for_org_with_relative_clause),
                                       cmocka_unit_test(counted_groups_at_organizations),
                                       cmocka_unit_test(role_holders_for_owners),
                                       cmocka_unit_test(groups_after_verb_both_portfolios),
                                       cmocka_unit_test(store_name_with_possessive_speaks),
                                       cmocka_unit_test(plural_noun_before_participle),
                                       cmocka_unit_test(occupations_as_roles),
                                       cmocka_unit_test(according_to_reads_as_subject),
                                       cmocka_unit_test(holders_at_organizations_and_parties),
                                       cmocka_unit_test(surname_shared_with_an_organization),
                                       cmocka_unit_test(staff_groups_of_an_organization),
                                       cmocka_unit_test(turn_labels_and_written_acts),
                                       cmocka_unit_test(transcript_turns),
                                       cmocka_unit_test(contact_clause_before_the_verb),
                                       cmocka_unit_test(split_quotation),
                                       cmocka_unit_test(pronoun_subject_past_appositive),
                                       cmocka_unit_test(foundation_and_society_heads),
                                       cmocka_unit_test(manner_adverb_before_that),
                                       cmocka_unit_test(quotation_after_manner_colon),
                                       cmocka_unit_test(plain_object_of_agreement_verbs),
                                       cmocka_unit_test(date_in_speaker_appositive)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
