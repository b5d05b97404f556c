/* Name heuristics on the default word lists: title splits and roles,
 * sentence openers, initials, "of" after a person, teams after places,
 * makers and models, document-wide propagation, negatives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "whosaid/buf.h"
#include "whosaid/calendar.h"
#include "whosaid/names.h"

static whosaid_names *NAMES;
static whosaid_gazetteer *GAZ;
static char *GAZ_PATH;

static int setup(void **state)
{
    (void)state;
    whosaid_error e;
    NAMES = whosaid_names_load(WHOSAID_TEST_RULES_DIR "/names", &e);
    if (!NAMES) fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    GAZ_PATH = write_temp("Bowling Green\tBowling Green\tLOCATION\tcountry=US\n"
                          "Airbus\tAirbus\tORG\t-\n"
                          "Vossland Trade Commission\tVossland Trade Commission\tORG\t-\n"
                          "Perth\tPerth\tLOCATION\tcountry=AU\n"
                          "United States\tUnited States\tCOUNTRY\tcountry=US\n"
                          "Illinois\tIllinois\tLOCATION\tcountry=US;kind=subdivision\n"
                          "Vancouver\tVancouver\tLOCATION\tcountry=CA\n"
                          "Montreal\tMontreal\tLOCATION\tcountry=CA\n"
                          "St. Louis\tSt. Louis\tLOCATION\tcountry=US\n"
                          "Chinese\tChina\tCOUNTRY\tcountry=CN;demonym=true\n"
                          "Indonesia\tIndonesia\tCOUNTRY\tcountry=ID\n"
                          "Jordan\tJordan\tCOUNTRY\tcountry=JO\n"
                          "Moore\tMoore\tLOCATION\tcountry=US\n"
                          "Toyota\tToyota\tORG\tkind=company\n"
                          "Ford Motor Company\tFord\tORG\tkind=company\n"
                          "Ford Motor\tFord\tORG\tkind=company\n"
                          "Boeing\tBoeing\tORG\tkind=company\n"
                          "Bombay\tMumbai\tLOCATION\tcountry=IN;kind=city\n"
                          "Paris\tParis\tLOCATION\tcountry=FR;kind=city\n"
                          "Syracuse\tSyracuse\tLOCATION\tcountry=US;kind=city\n"
                          "Brussels\tBrussels\tLOCATION\tcountry=BE;kind=city\n"
                          "Hungary\tHungary\tCOUNTRY\tcountry=HU\n"
                          "EU\tEuropean Union\tORG\tkind=intergovernmental\n"
                          "Arno\tArno\tLOCATION\tcountry=MH;kind=subdivision\n"
                          "Henderson\tHenderson\tLOCATION\tcountry=US;kind=city\n"
                          "Georgia\tGeorgia\tCOUNTRY\tcountry=GE\n"
                          "Iran\tIran\tCOUNTRY\tcountry=IR\n"
                          "U.S.\tUnited States\tCOUNTRY\tcountry=US\n"
                          "Victoria\tVictoria\tLOCATION\tcountry=AU;kind=subdivision\n"
                          "Niger\tNiger\tCOUNTRY\tcountry=NE\n"
                          "Texas\tTexas\tLOCATION\tcountry=US;kind=subdivision\n"
                          "Tokyo\tTokyo\tLOCATION\tcountry=JP;kind=city\n"
                          "France\tFrance\tCOUNTRY\tcountry=FR\n"
                          "India\tIndia\tCOUNTRY\tcountry=IN\n"
                          "Austria\tAustria\tCOUNTRY\tcountry=AT\n"
                          "Washington\tWashington\tLOCATION\tcountry=US;kind=city\n"
                          "Connecticut\tConnecticut\tLOCATION\tcountry=US;kind=subdivision\n"
                          "Boston\tBoston\tLOCATION\tcountry=US;kind=city\n"
                          "US\tUnited States\tCOUNTRY\tcountry=US\n"
                          "Chevrolet\tChevrolet\tORG\tkind=company\n"
                          "GMC\tGMC\tORG\tkind=company\n"
                          "Yukon\tYukon\tLOCATION\tcountry=CA;kind=subdivision\n"
                          "Harlow\tHarlow\tLOCATION\tcountry=GB;kind=city\n"
                          "Davao\tDavao\tLOCATION\tcountry=PH;kind=city\n"
                          "Ipswich\tIpswich\tLOCATION\tcountry=GB;kind=city\n"
                          "Oakland\tOakland\tLOCATION\tcountry=US;kind=city\n"
                          "Major League Baseball\tMajor League Baseball\tORG\tkind=sports\n",
                          "names.tsv");
    GAZ = whosaid_gazetteer_new();
    assert_int_equal(whosaid_gazetteer_load(GAZ, GAZ_PATH, 0, &e), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    whosaid_names_free(NAMES);
    whosaid_gazetteer_free(GAZ);
    remove_temp(GAZ_PATH);
    return 0;
}

/* Candidates for text as "TYPE:text[/role]" joined by " ; ", in order;
 * "TYPE!" marks a team that must beat a place (WHOSAID_NAMES_TEAM_PRIORITY).
 * Every '.' followed by a space starts a sentence here. */
static void check_with(whosaid_names *nm, const char *text, const char *want)
{
    size_t starts[64], n = 0, len = strlen(text);
    starts[n++] = 0;
    for (size_t i = 0; i + 2 < len && n < 64; i++)
        if (text[i] == '.' && text[i + 1] == ' ') starts[n++] = i + 2;
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    whosaid_buf got = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_tokenize(text, len, starts, n, &t), 0);
    assert_int_equal(whosaid_names_propose(nm, text, &t, GAZ, &cs), 0);
    for (size_t i = 0; i < cs.n; i++) {
        const char *role = json_string_value(json_object_get(cs.v[i].attrs, "role"));
        int team = cs.v[i].priority == WHOSAID_NAMES_TEAM_PRIORITY;
        if (!team) assert_int_equal(cs.v[i].priority, WHOSAID_NAMES_PRIORITY);
        whosaid_buf_printf(&got, "%s%s%s:%.*s%s%s", i ? " ; " : "", cs.v[i].type, team ? "!" : "",
                           (int)(cs.v[i].end - cs.v[i].start), text + cs.v[i].start,
                           role ? "/" : "", role ? role : "");
    }
    assert_string_equal(got.data ? got.data : "", want);
    whosaid_buf_free(&got);
    whosaid_cands_free(&cs);
    whosaid_tokens_free(&t);
}

static void check(const char *text, const char *want)
{
    check_with(NAMES, text, want);
}

static void test_titles_give_people_and_roles(void **state)
{
    (void)state;
    check("Foreign Ministry spokesman Hong Lei said on Thursday.",
          "ORG:Foreign Ministry ; PERSON:Hong Lei/spokesman");
    check("German Chancellor Angela Merkel arrived.", "PERSON:Angela Merkel/Chancellor");
    check("They met Lt. Gen. Jubal Early there.", "PERSON:Jubal Early/Lt. Gen.");
    check("He thanked James W. Hoyt, Secretary of the New Jersey Department of Public Safety.",
          "PERSON:James W. Hoyt ; ORG:New Jersey Department of Public Safety");
}

static void test_of_after_a_person_splits(void **state)
{
    (void)state;
    check("Agronomist Dr. Leila Benali of the University of Montpellier said so.",
          "PERSON:Leila Benali/Dr. ; ORG:University of Montpellier");
    /* words ending in an organization's head are no person, even when
     * they could be a name ("London"): the run is not split at "of" */
    check("Researchers at the London School of Hygiene and Tropical Medicine said so.",
          "ORG:London School of Hygiene and Tropical Medicine");
}

static void test_sentence_openers_and_propagation(void **state)
{
    (void)state;
    /* "However" opens the sentence; "Park" is an ordinary word, but the
     * article named Park Jae-moon. */
    check("However Park Jae-moon disagreed. Park said no.", "PERSON:Park Jae-moon ; PERSON:Park");
    check("Hua Chunying spoke. Relevant parties should act, Hua stressed.",
          "PERSON:Hua Chunying ; PERSON:Hua");
    /* An ordinary word alone at a sentence start is no name. */
    check("Relevant parties met.", "");
    /* But it stays when it starts a longer name. */
    check("Fourth Air Force moved.", "ORG:Fourth Air Force");
}

static void test_places_teams_and_products(void **state)
{
    (void)state;
    check("The Bowling Green Falcons won.", "ORG:Bowling Green Falcons");
    /* a product: NONE over the maker and the model hides the maker's entry */
    check("They flew the Airbus A380 again.", "NONE:Airbus A380");
    check("Offices in East Perth closed.", "LOCATION:East Perth");
    check("the President of the United States Barack Obama spoke", "PERSON:Barack Obama/President");
    check("They sailed up the Yangtze River.", "LOCATION:Yangtze River");
    check("The Korea Communications Commission (KCC) said.",
          "ORG:Korea Communications Commission ; ORG:KCC");
    /* A word in capitals is an acronym, even one that spells a given name. */
    check("The delay cost SIA and KIM dearly.", "ORG:SIA ; ORG:KIM");
    /* "first Air" in org-words.txt: an airline, whatever place follows. */
    check("Air Canada ordered jets.", "ORG:Air Canada");
}

/* Plurals that name a place (location-words.txt, kind plural) are places
 * alone or after a place, not teams; a team's context still wins. */
static void test_plural_places(void **state)
{
    (void)state;
    check("Hurricane Irma hit the Florida Keys on Sunday.", "LOCATION:Florida Keys");
    check("Snow fell across the Alps overnight.", "LOCATION:Alps");
    check("They hiked the Swiss Alps.", "LOCATION:Swiss Alps");
    check("Boats crossed the Great Lakes.", "LOCATION:Great Lakes");
    check("Alicia Keys sang.", "PERSON:Alicia Keys");
    check("Alps fans cheered.", "ORG:Alps");
    check("The Colorado Rockies beat the Giants.", "ORG:Colorado Rockies ; ORG:Giants");
    check("The Boston Celtics won.", "ORG:Boston Celtics");
}

/* A family name or an ordinary word listed among organizations only is an
 * organization too; among people or with one organization it is not. */
static void test_company_lists(void **state)
{
    (void)state;
    check("Sales at Toyota, Ford, and Chevrolet rose.", "ORG:Ford");
    check("Shares of Toyota, Target and GMC fell.", "ORG:Target");
    check("Smith, Ford and Jones met on Monday.", "PERSON:Jones");
    check("Toyota and Ford fell.", "");
}

/* A country after a firm's own name is the firm's branch, not the place;
 * people and towns that are surnames keep their types. */
static void test_country_inside_organizations(void **state)
{
    (void)state;
    check("Passengers of Garuda Indonesia waited.", "ORG:Garuda Indonesia");
    check("Workers of Toyota Indonesia struck.", "ORG:Toyota Indonesia");
    check("They met Michael Jordan there.", "PERSON:Michael Jordan");
    check("Then LeRoi Moore played.", "PERSON:LeRoi Moore");
    check("Colonel Baltasar Jordan came.", "PERSON:Baltasar Jordan/Colonel");
}

/* A one-word title opening an organization's name is part of it. */
static void test_title_opening_an_organization(void **state)
{
    (void)state;
    check("It was sold to General Motors Corporation last year.", "ORG:General Motors Corporation");
    /* after a sentence's "The" too, and a league's name may end in its sport */
    check("The Major League Soccer club said so.", "ORG:Major League Soccer");
    check("He said Major League Lacrosse fined him.", "ORG:Major League Lacrosse");
    check("Professor Amos Frumkin of the Hebrew University said so.",
          "PERSON:Amos Frumkin/Professor ; ORG:Hebrew University");
}

/* "Ford Motor Company ... Ford": a gazetteer organization's canonical
 * short name stands for it in the same article, but an ordinary word only
 * inside a sentence or before a speech verb or a possessive. */
static void test_short_names_of_known_organizations(void **state)
{
    (void)state;
    check("Later, analysts said Ford would cut jobs.", "");
    check("Ford Motor Company reported. Later, analysts said Ford would cut jobs. Ford rose.",
          "ORG:Ford");
    /* a speech verb or a possessive after it shows the name at a sentence's start too */
    check("Ford Motor Company reported. Ford agreed. Ford's shares fell. Ford the river.",
          "ORG:Ford ; ORG:Ford");
}

/* "Harris County Sheriff's Office": an office holder's possessive before
 * an organization's head word is one body; a person's is not. */
static void test_possessive_offices(void **state)
{
    (void)state;
    check("The Harris County Sheriff's Office said it arrested two men.",
          "ORG:Harris County Sheriff's Office");
    check("Deputies from the Sheriff's Office arrived.", "ORG:Sheriff's Office");
    check("The Cook County Medical Examiner's Office identified him.",
          "ORG:Cook County Medical Examiner's Office");
    check("Then Haskell's Justice Department sued.", "ORG:Justice Department");
}

/* A group's, a saint's or the company's own possessive before an
 * organization's head word stays inside its name; a country's or a
 * person's does not. */
static void test_possessives_inside_org_names(void **state)
{
    (void)state;
    check("Doctors at Northgate Children's Hospital said so.", "ORG:Northgate Children's Hospital");
    check("She was taken to St Mary's Hospital on Friday.", "ORG:St Mary's Hospital");
    check("The Farmers' Union said prices fell.", "ORG:Farmers' Union");
    check("Shares of Halvorsen's Inc rose.", "ORG:Halvorsen's Inc");
    check("He joined the People's Liberation Army in 1990.", "ORG:People's Liberation Army");
    /* other owners are names of their own */
    check("Then Haskell's Justice Department sued.", "ORG:Justice Department");
    check("Children's toys were recalled.", "");
}

/* A line in capitals (a transcript's label, a shouted headline) writes
 * ordinary words so: no acronyms there, but in running text they are. */
static void test_words_in_capitals_line(void **state)
{
    (void)state;
    check("MARCUS BELL, BYLINE: Good morning.", "");
    check("Good morning.\nFLOODS, PANIC IN KESTREL\nThe talks went on.", "");
    check("The talks at UNICEF went on.", "ORG:UNICEF");
    check("Officials from OPEC met in Vienna.", "ORG:OPEC ; LOCATION:Vienna");
}

/* Papers merged from two are named by a hyphenated pair: "Star-Tribune"
 * makes an organization listed whole, and is no surname after a place. */
static void test_merged_papers(void **state)
{
    (void)state;
    check("He told the Oakdale Democrat-Gazette on Monday.", "ORG:Oakdale Democrat-Gazette");
    check("The Oakdale Star-Tribune said so.", "ORG:Oakdale Star-Tribune");
    check("The Texas Star-Telegram said so.", "ORG:Texas Star-Telegram");
}

/* "the Oakland Athletics of Major League Baseball": the team and its
 * league are two names; a title word after "of" opens the league's name. */
static void test_team_of_its_league(void **state)
{
    (void)state;
    check("He pitched for the Oakland Athletics of Major League Baseball.",
          "ORG:Oakland Athletics");
    check("She heads the Department of General Services.", "ORG:Department of General Services");
}

/* The canonical name of the nth candidate for text. */
static void test_places_beside_scores_are_teams(void **state)
{
    (void)state;
    /* A known city right beside a game's score is the team that played;
     * a country stays a place (its national side), years are no scores. */
    check("The Falcons lost to Perth 63-7 last week.", "ORG:Falcons ; ORG!:Perth");
    check("It ended Perth 2-1 at home.", "ORG!:Perth");
    check("It ended 2-1 Perth at home.", "ORG!:Perth");
    check("They beat Germany 2-1 at home.", "");
    check("He lived in Perth 2009-10 and left.", "");
    /* days of a month are no score: "in Perth 14-15 May" */
    check("Ministers meet in Perth 14-15 May.", "");
    check("Ministers meet in Perth 14 - 15 May.", "");
}

static void test_store_names_with_possessive(void **state)
{
    (void)state;
    /* An "'s" that owns nothing makes the name a store's, with the "'s". */
    check("Shoppers went to Dillard's and Sears.", "ORG:Dillard's");
    check("Hecht's said sales rose.", "ORG:Hecht's");
    check("The mall added Thalhimer's in 1992.", "ORG:Thalhimer's");
    /* Something owned after it: a person's (or left alone). */
    check("Hecht's car was stolen.", "");
    check("They saw Hecht's and Jones's cars.", "PERSON:Jones");
    /* A person named so in the article keeps the name. */
    check("Police said John Hecht was hurt. It was found at Hecht's.",
          "PERSON:John Hecht ; PERSON:Hecht");
}

static char *canonical_of(const char *text, size_t nth)
{
    size_t starts[64], n = 0, len = strlen(text);
    starts[n++] = 0;
    for (size_t i = 0; i + 2 < len && n < 64; i++)
        if (text[i] == '.' && text[i + 1] == ' ') starts[n++] = i + 2;
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    assert_int_equal(whosaid_tokenize(text, len, starts, n, &t), 0);
    assert_int_equal(whosaid_names_propose(NAMES, text, &t, GAZ, &cs), 0);
    assert_true(nth < cs.n);
    char *c = strdup(json_string_value(json_object_get(cs.v[nth].attrs, "canonical")));
    whosaid_cands_free(&cs);
    whosaid_tokens_free(&t);
    return c;
}

static void check_canonical(const char *text, size_t nth, const char *want)
{
    char *c = canonical_of(text, nth);
    assert_string_equal(c, want);
    free(c);
}

/* "Halvorsen Semiconductor Inc ... Halvorsen said": a company named with
 * a legal form or a company head (org-words.txt, kinds legal and corp) is
 * named by its first word(s) in the same article, an organization that
 * speaks too; the short name's canonical is the full name. */
static void test_short_names_of_companies(void **state)
{
    (void)state;
    const char *halv = "Halvorsen Semiconductor Inc cut costs. Halvorsen said it would sell. "
                       "Shares of Halvorsen rose.";
    check(halv, "ORG:Halvorsen Semiconductor Inc ; ORG:Halvorsen ; ORG:Halvorsen");
    check_canonical(halv, 1, "Halvorsen Semiconductor Inc");
    check_canonical(halv, 2, "Halvorsen Semiconductor Inc");
    /* Without the full name, a name before a speech verb is a person. */
    check("Halvorsen said it would sell.", "PERSON:Halvorsen");
    /* Company heads: "Equity", "Partners"; a short name of several words. */
    check("Analysts at Norden Equity agreed. Kestrel Partners declined. Kestrel said no.",
          "ORG:Norden Equity ; ORG:Kestrel Partners ; ORG:Kestrel");
    check("Harbor Lane Securities cut it. Harbor Lane said so.",
          "ORG:Harbor Lane Securities ; ORG:Harbor Lane");
    check("Goldman Sachs Group Inc cut it. Later Goldman said so.",
          "ORG:Goldman Sachs Group Inc ; ORG:Goldman");
    /* Two companies share the word: an organization, linked to neither. */
    const char *two = "Vantora Group and Vantora Capital bid. Vantora said so.";
    check(two, "ORG:Vantora Group ; ORG:Vantora Capital ; ORG:Vantora");
    check_canonical(two, 2, "Vantora");
    /* A known place and a person named in full keep their types. */
    check("Perth Partners bid. Flights to Perth resumed.", "ORG:Perth Partners");
    /* The company's legal form or head outweighs a person of the same
     * surname; a title or a given name shows the person. */
    check("Erik Halvorsen founded Halvorsen Capital. Halvorsen said so. Mr. Halvorsen declined.",
          "PERSON:Erik Halvorsen ; ORG:Halvorsen Capital ; ORG:Halvorsen ; PERSON:Halvorsen/Mr.");
}

/* "Ford Motor Co. ... William Clay Ford Jr. ... Ford said": a company
 * written once with its legal form or a company head is the company in
 * its other mentions, even where a person of the article shares the name
 * or the name looks like a person's; "Mr. Ford" and "William Ford" keep
 * the person. */
static void test_firms_named_like_people(void **state)
{
    (void)state;
    check("Ford Motor Co. cut jobs. Chairman William Clay Ford Jr. agreed. Shares of Ford fell. "
          "Mr. Ford said so. William Ford spoke.",
          "ORG:Ford Motor Co ; PERSON:William Clay Ford Jr/Chairman ; ORG:Ford ; "
          "PERSON:Ford/Mr. ; PERSON:William Ford");
    /* The gazetteer's full name, and "Ford" opening a sentence as a name. */
    check("The Ford Motor Company will cut jobs, said William Clay Ford Jr. "
          "Ford said it would close plants. Ford's shares fell.",
          "PERSON:William Clay Ford Jr ; ORG:Ford ; ORG:Ford");
    /* A company whose name is a given name and a surname. */
    check("Herman Miller Inc. cut jobs. Herman Miller said sales fell. "
          "Investors expect Herman Miller to recover.",
          "ORG:Herman Miller Inc ; ORG:Herman Miller ; ORG:Herman Miller");
    /* A maker's head word makes a name like a person's a company. */
    check("It was built by Douglas Aircraft in 1950.", "ORG:Douglas Aircraft");
    /* Without the company's full name the person stays. */
    check("William Clay Ford Jr. agreed. Shares of Ford fell.",
          "PERSON:William Clay Ford Jr ; PERSON:Ford");
}

/* "Chicago-based Boeing", "New York-based Pfizer": the seat adjective is
 * no part of the name, and a name with a seat is an organization unless
 * it is plainly a person's. */
static void test_seat_adjectives(void **state)
{
    (void)state;
    check("The deal with Chicago-based Boeing stalled. Boeing said so.", "");
    check("Shares of New York-based Valtrexa rose.", "ORG:Valtrexa");
    check("Seattle-based Kestrel Widgets said sales rose.", "ORG:Kestrel Widgets");
    check("London-based Jane Smith said it.", "PERSON:Jane Smith");
}

/* Where a name ends: after a legal form ("Chrysler LLC Jim Press"),
 * before a flight's designator ("Adam Air Flight 574"). A title that is
 * also an ordinary word does not make a definition a person's. */
static void test_name_boundaries(void **state)
{
    (void)state;
    check("DETROIT - Chrysler LLC Jim Press said so.", "ORG:Chrysler LLC ; PERSON:Jim Press");
    check("They found Adam Air Flight 574 off the coast.", "ORG:Adam Air");
    check("Bishop Garrigan High School is a private, Roman Catholic high school.",
          "ORG:Bishop Garrigan High School");
    check("Saint Ansgar High School is a private school.", "ORG:Saint Ansgar High School");
    check("Marta Olsen is a private in the army.", "PERSON:Marta Olsen");
}

/* "for"/"on" go on with a name after an organization's head word, "and" a
 * common word after that; an acronym's plural ("MPs") is never a name part. */
static void test_for_after_organization_words(void **state)
{
    (void)state;
    check("The U.S. Agency for International Development said so.",
          "ORG:U.S. Agency for International Development");
    check("She joined the Center for Science and Culture and the Council on Foreign Relations.",
          "ORG:Center for Science and Culture ; ORG:Council on Foreign Relations");
    /* not before a date, an amount or another name */
    check("The Trade Commission on Monday said no.", "ORG:Trade Commission");
    check("He asked the Housing Centre for Rs 500 crore.", "ORG:Housing Centre");
    check("He played in the Super League for FC Basel.", "ORG:Super League ; ORG:FC Basel");
    /* "of" after an organization's head goes on like "for": "and" then
     * an ordinary capitalized word stays in the name */
    check("He wrote to the Ministry of Marine and Blue Economy on the matter.",
          "ORG:Ministry of Marine and Blue Economy");
    check("The Ministry of Finance and Gary Brown said so.",
          "ORG:Ministry of Finance ; PERSON:Gary Brown");
    check("Labour MPs said so.", "");
    check("Thames Water said so.", "ORG:Thames Water");
}

static void test_not_names(void **state)
{
    (void)state;
    check("The Internet and Public Information matter.", "");
    check("On Thursday in June nothing happened.", "");
    check("Chinese IP addresses were used.", "");
}

static void test_teams_after_the_and_places(void **state)
{
    (void)state;
    /* A capitalized plural after "the" in running text is a team or band,
     * and its nickname alone later in the article is that team too. */
    check("He was traded to the Blue Jays in May. Blue Jays pitchers struggled.",
          "ORG:Blue Jays ; ORG:Blue Jays");
    check("He joined the St. Louis Eagles and Montreal HC.",
          "ORG:St. Louis Eagles ; ORG:Montreal HC");
    /* "of" joins two names that are none as a whole. */
    check("He coached the Vancouver Canucks of the PCHL.", "ORG:Vancouver Canucks ; ORG:PCHL");
    /* A role, then the organization after "of". */
    check("He was elected a Fellow of the American Physical Society in 1990.",
          "ORG:American Physical Society");
    /* A capitalized "The" inside a sentence is part of the name. */
    check("He writes for The Hockey News now.", "ORG:The Hockey News");
}

static void test_places_by_context(void **state)
{
    (void)state;
    check("The depot is in the town of Harrison near the lake.", "LOCATION:Harrison");
    check("Both are located in Paxton, Illinois.", "LOCATION:Paxton");
    /* A possessive after the region: a person and a place. */
    check("They met Ross Harrison, Illinois's senator.", "PERSON:Ross Harrison");
}

static void test_misc_and_lists_of_people(void **state)
{
    (void)state;
    /* Events, awards and groups of people are no PER/ORG/LOC, and no word
     * of them is tagged alone. */
    check("They won the Stanley Cup again.", "");
    check("He won gold at the Pan American Games and fought at the Battle of Gettysburg.", "");
    check("The temple was venerated by Hindu Brahmins.", "");
    /* "&" between two people; a capitalized role word before a person. */
    check("Hosts were David Christison & Lee Tate on air.",
          "PERSON:David Christison ; PERSON:Lee Tate");
    check("Three found that Engineer John Greiner erred.", "PERSON:John Greiner");
}

static void test_organization_contexts(void **state)
{
    (void)state;
    /* Context before: a band, a label, a deal; a person stays a person. */
    check("He joined the band Spirit in 1990.", "ORG:Spirit");
    check("They signed to label Deltasonic later.", "ORG:Deltasonic");
    check("The firm was acquired by Nyrstar last year.", "ORG:Nyrstar");
    check("said Anna Berg, a spokeswoman for Vattenfall.", "PERSON:Anna Berg ; ORG:Vattenfall");
    check("Lehman Brothers collapsed.", "ORG:Lehman Brothers");
    check("Kobrecan, a Vancouver-listed retail giant, said so.", "ORG:Kobrecan");
    check("Australian miner Sandfire said so.", "ORG:Sandfire");
    check("In 2001 she joined Maria Lopez on stage.", "PERSON:Maria Lopez");
    /* An opener that is also a common word takes the type the context gave
     * it elsewhere; a plural one stays the common noun. */
    check("The manufacturer Ford posted a profit. Ford said sales rose.", "ORG:Ford ; ORG:Ford");
    check("They saw the band Rangers. Rangers are many.", "ORG:Rangers");
    /* A role between two names: the first is the second's organization;
     * a known place keeps its type (the gazetteer tags it). */
    check("Uralsib analyst Chris Weafer said so.", "ORG:Uralsib ; PERSON:Chris Weafer/analyst");
    check("Then Perth spokesman John Smith spoke.", "PERSON:John Smith/spokesman");
    /* A known place in a team context beats the gazetteer; a country does not. */
    check("He played for Perth and later signed with Montreal.", "ORG!:Perth ; ORG!:Montreal");
    check("Perth fans cheered.", "ORG!:Perth");
    check("He played for United States teams.", "");
    check("He lived in Perth for years.", "");
}

static void test_definitions(void **state)
{
    (void)state;
    check("Brensbach is a municipality in Hesse.", "LOCATION:Brensbach ; LOCATION:Hesse");
    check("Crazyhead are an English punk rock band.", "ORG:Crazyhead");
    check("Kolvar, a Danish chain of hypermarkets, opened a store.", "ORG:Kolvar");
    check("Dark Lanterns is an album by the duo.", "");
    /* The head must come before any preposition: "a member of the band". */
    check("Nnamdi Okafor is a member of the band.", "PERSON:Nnamdi Okafor");
}

static void test_weak_evidence_yields(void **state)
{
    (void)state;
    /* A lone given name after a place preposition is a town ... */
    check("Trains ran from Harrison to the junction.", "LOCATION:Harrison");
    /* ... unless the article names such a person. */
    check("Harrison Ford arrived. Fans waited in Harrison for hours.",
          "PERSON:Harrison Ford ; PERSON:Harrison");
    /* A title that ends a run names nobody after it. */
    check("Yesterday Ben Player won the final.", "PERSON:Ben Player");
    /* A short form the word filter used to drop. */
    check("Yesterday Matt Kowalczyk said no.", "PERSON:Matt Kowalczyk");
}

static void test_call_signs_back_references_and_lists(void **state)
{
    (void)state;
    /* A call sign is a name only in a broadcast context; elsewhere in the
     * article it (and its frequency form) takes that type. */
    check("Games were broadcast on 6PR. Later 882 6PR said so.", "ORG!:6PR ; ORG!:882 6PR");
    check("He ran 5KM on Sunday.", "");
    check("It has 2GB of memory.", "");
    check("Sister stations 3AW and 2GB carried it.", "ORG!:3AW");
    /* "the League" after "the Australian League of Rights"; not without it. */
    check("Members left the Vossland League of Rights. Later the League split.",
          "ORG:Vossland League of Rights ; ORG:League");
    check("Critics faulted the Party again.", "");
    /* ... and after an organization the gazetteer tags: "European
     * Commission" ... "the Commission" */
    check("The Vossland Trade Commission met. Later the Commission said no.", "ORG:Commission");
    check("Later the Commission said no.", "");
    /* Names listed after or before an organization noun in the plural. */
    check("It recalls bands such as Velvet Rain, Orlando and the Kestrels.",
          "ORG:Velvet Rain ; ORG:Orlando ; ORG:Kestrels");
    check("Sponsors were Velvet Rain, Tom Pike, and several other companies.",
          "ORG:Velvet Rain ; ORG:Tom Pike");
    check("It recalls singers such as Tom Pike.", "PERSON:Tom Pike");
    check("They toured with bands like Perth.", "ORG!:Perth");
    /* Place words that end a name. */
    check("The fair moved to Lincoln Park in 1908.", "LOCATION:Lincoln Park");
}

/* The names files of a test that fills one of them: name holds content,
 * every other list is empty, so that file is the only evidence. */
static const char *const NAMES_FILES[] = {
    "titles.txt",      "org-words.txt",         "location-words.txt", "misc-words.txt",
    "first-names.txt", "surnames.txt",          "common-words.txt",   "cue-verbs.txt",
    "not-names.txt",   "sentence-starters.txt", "word-names.txt"};

typedef struct only_one {
    char *file; /* the filled one (write_temp) */
    char dir[4096];
    whosaid_calendar *cal;
    whosaid_names *nm;
} only_one;

static void only_one_load(only_one *o, const char *name, const char *content)
{
    o->file = write_temp(content, name);
    snprintf(o->dir, sizeof o->dir, "%s", o->file);
    *strrchr(o->dir, '/') = '\0';
    char path[4200];
    for (size_t i = 0; i < sizeof NAMES_FILES / sizeof *NAMES_FILES; i++) {
        if (strcmp(NAMES_FILES[i], name) == 0) continue;
        snprintf(path, sizeof path, "%s/%s", o->dir, NAMES_FILES[i]);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        assert_int_equal(fclose(f), 0);
    }
    whosaid_error e;
    o->cal = whosaid_calendar_load(WHOSAID_TEST_RULES_DIR "/calendar.rules", &e);
    assert_non_null(o->cal);
    o->nm = whosaid_names_load_with_calendar(o->dir, o->cal, &e);
    if (!o->nm) fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
}

static void only_one_free(only_one *o, const char *name)
{
    whosaid_names_free(o->nm);
    whosaid_calendar_free(o->cal);
    char path[4200];
    for (size_t i = 0; i < sizeof NAMES_FILES / sizeof *NAMES_FILES; i++) {
        if (strcmp(NAMES_FILES[i], name) == 0) continue;
        snprintf(path, sizeof path, "%s/%s", o->dir, NAMES_FILES[i]);
        unlink(path);
    }
    remove_temp(o->file);
}

/* nametok.c turns away a token that cannot start or end a title by a filter
 * over its lower-cased first and last bytes before it probes the titles:
 * each title here must still be found however its ends are written
 * (capitalised, ALL-CAPS, lower-case, accented, one-letter, a period),
 * at a run's start (title_starting_at) and before a run (title_ending_at).
 * The other word lists are empty, so the title is the only evidence. */
static void test_title_filter_lets_every_title_through(void **state)
{
    (void)state;
    only_one o;
    only_one_load(&o, "titles.txt",
                  "Président\nÉmir\nMinistre délégué\nLt. Col.\nQ.\n"
                  "chief executive\nSecretary-General\nDr\nСенатор\nCommandanté\nAghá\n");

    static const char *const cases[][2] = {
        {"we met Président Jean Dupont there.", "PERSON:Jean Dupont/Président"},
        {"we met PRÉSIDENT Jean Dupont there.", "PERSON:Jean Dupont/PRÉSIDENT"},
        {"we met président Jean Dupont there.", "PERSON:Jean Dupont/président"},
        {"we met Émir Karim Haddad there.", "PERSON:Karim Haddad/Émir"},
        {"we met ÉMIR Karim Haddad there.", "PERSON:Karim Haddad/ÉMIR"},
        {"we met émir Karim Haddad there.", "PERSON:Karim Haddad/émir"},
        {"we met Ministre Délégué Jean Dupont there.", "PERSON:Jean Dupont/Ministre Délégué"},
        {"we met ministre délégué Jean Dupont there.", "PERSON:Jean Dupont/ministre délégué"},
        {"we met Lt. Col. Ann Ward there.", "PERSON:Ann Ward/Lt. Col."},
        {"we met lt. col. Ann Ward there.", "PERSON:Ann Ward/lt. col."},
        {"we met Q. Ann Ward there.", "PERSON:Ann Ward/Q."},
        {"we met Chief Executive Ann Ward there.", "PERSON:Ann Ward/Chief Executive"},
        {"we met CHIEF EXECUTIVE Ann Ward there.", "PERSON:Ann Ward/CHIEF EXECUTIVE"},
        {"we met chief executive Ann Ward there.", "PERSON:Ann Ward/chief executive"},
        {"we met Secretary-General Ann Ward there.", "PERSON:Ann Ward/Secretary-General"},
        {"we met SECRETARY-GENERAL Ann Ward there.", "PERSON:Ann Ward/SECRETARY-GENERAL"},
        {"we met Dr Ann Ward there.", "PERSON:Ann Ward/Dr"},
        /* Lower-casing changes these first and last bytes (D0 A1 -> D1 81). */
        {"we met Сенатор Ivan Petrov there.", "PERSON:Ivan Petrov/Сенатор"},
        {"we met СЕНАТОР Ivan Petrov there.", "PERSON:Ivan Petrov/СЕНАТОР"},
        {"we met сенатор Ivan Petrov there.", "PERSON:Ivan Petrov/сенатор"},
        {"we met DR Ann Ward there.", "PERSON:Ann Ward/DR"},
        /* Only the last bytes are not ASCII (and lower-case to others), in
         * a word of twelve bytes and one of five. */
        {"we met COMMANDANTÉ Ann Ward there.", "PERSON:Ann Ward/COMMANDANTÉ"},
        {"we met AGHÁ Ann Ward there.", "PERSON:Ann Ward/AGHÁ"},
        /* And a word that is no title stays part of the name. */
        {"we met Chief Ann Ward there.", "PERSON:Chief Ann Ward"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check_with(o.nm, cases[i][0], cases[i][1]);
    only_one_free(&o, "titles.txt");
}

/* nametok.c turns a phrase of several words away from a lower-cased list
 * (the context words before and after a run, org-words.txt kinds before
 * and after) when no key has its lower-cased length and first and last
 * byte, worked out from the words without joining them: each phrase here
 * must still be found however its words are written (a capital inside,
 * accented, lower-casing to more bytes, an "'s" joined without a space).
 * Only org-words.txt has words. */
static void test_context_filter_lets_every_phrase_through(void **state)
{
    (void)state;
    only_one o;
    only_one_load(&o, "org-words.txt",
                  "before\tplayed alongside\nbefore\tjoué avec\n"
                  "before\tbİrlİkte ile\nbefore\tthe band's\nbefore\tsigned with\n"
                  "after\tfan club\nafter\téquipe élue\n");

    static const char *const cases[][2] = {
        {"he played alongside Kalmar Nyckel there.", "ORG:Kalmar Nyckel"},
        /* the key's last byte is the lower-cased one */
        {"he played alongsidE Kalmar Nyckel there.", "ORG:Kalmar Nyckel"},
        {"he joué avec Kalmar Nyckel there.", "ORG:Kalmar Nyckel"},
        {"he jouÉ aveC Kalmar Nyckel there.", "ORG:Kalmar Nyckel"},
        /* "İ" (two bytes) lower-cases to three: the key is longer than the words */
        {"he bİrlİkte ile Kalmar Nyckel there.", "ORG:Kalmar Nyckel"},
        /* "'s" joins the word before it without a space */
        {"as the band's Kalmar Nyckel did.", "ORG:Kalmar Nyckel"},
        {"he signed with the Kalmar Nyckel there.", "ORG:Kalmar Nyckel"},
        {"the Kalmar Nyckel fan club met.", "ORG:Kalmar Nyckel"},
        {"the Kalmar Nyckel équipe éluE met.", "ORG:Kalmar Nyckel"},
        /* And a phrase that is in no list is no evidence. */
        {"he played against Kalmar Nyckel there.", "PERSON:Kalmar Nyckel"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check_with(o.nm, cases[i][0], cases[i][1]);
    only_one_free(&o, "org-words.txt");
}

/* Particles inside a name, also joined to the surname by a hyphen or an
 * apostrophe ("al-Tamimi": one lower-case token), keep the name whole. */
static void test_name_particles(void **state)
{
    (void)state;
    check("Ahmed al-Tamimi, a member of the council, said so.", "PERSON:Ahmed al-Tamimi");
    check("President Abdel Fattah el-Sisi said so.", "PERSON:Abdel Fattah el-Sisi/President");
    check("We met Mohammed bin Salman and Juan de la Cruz there.",
          "PERSON:Mohammed bin Salman ; PERSON:Juan de la Cruz");
    check("We met Sean O'Brien and Maria dos Santos there.",
          "PERSON:Sean O'Brien ; PERSON:Maria dos Santos");
    check("We met Ursula von der Leyen and Mary McAleese there.",
          "PERSON:Ursula von der Leyen ; PERSON:Mary McAleese");
    /* a lower-case word with a hyphen is no particle */
    check("We met Maria well-known there.", "PERSON:Maria");
}

/* "Water UK said": common nouns before a place name an organization that
 * speaks; without such context the run is no organization. A capitalized
 * common noun opening a standfirst is no speaker's name when the article
 * writes it in lower case too. */
static void test_regions_and_common_nouns(void **state)
{
    (void)state;
    check("Water UK, which represents the industry, said costs rose.", "ORG:Water UK");
    check("Water UK said costs rose.", "ORG:Water UK");
    check("Insurance Europe spokesman Jan Berg agreed.",
          "ORG:Insurance Europe ; PERSON:Jan Berg/spokesman");
    check("They moved to Rural America in May.", "");
    check("Regulator says six firms broke rules. Later the regulator said so.", "");
    check("Halvorsen says six firms broke rules.", "PERSON:Halvorsen");
}

static void test_organizations_named_with_a_place(void **state)
{
    (void)state;
    /* a head word or an unknown acronym before a known place: not the place */
    check("He studied at IIT Bombay and later at University Paris.",
          "ORG:IIT Bombay ; ORG:University Paris");
    check("He pitched well as a starter at AAA Syracuse last year.", "ORG:AAA Syracuse");
    /* a known organization and a place are two names; a numeral is no acronym */
    check("He met EU Brussels officials.", "");
    check("He fled World War II Hungary in 1944.", "");
}

static void test_parties_before_roles(void **state)
{
    (void)state;
    check("Former Labor MP Graeme Campbell left.", "ORG:Labor ; PERSON:Graeme Campbell/MP");
    check_canonical("A Tory candidate won.", 0, "Conservative Party");
    /* a plural group is one generic speaker for whosaid-claims */
    check("Labour MPs said so.", "");
    check("He sat with the Liberal caucus and ran as a Liberal-Labour candidate.",
          "ORG:Liberal ; ORG:Liberal-Labour");
    check("It got fewer votes than either the Labor or Liberal parties.",
          "ORG:Labor ; ORG:Liberal");
    check("He was the Liberal-Labour MPP for Kenora.", "ORG:Liberal-Labour");
    /* no role after it: the word alone names nothing */
    check("They debated Liberal ideas.", "");
}

static void test_companies_by_their_context(void **state)
{
    (void)state;
    check("Ryanair CEO, Michael O'Leary, justified his choice.",
          "ORG:Ryanair ; PERSON:Michael O'Leary");
    check("The Irish low-cost airline, Ryanair, announced new routes.", "ORG:Ryanair");
}

static void test_people_named_like_places(void **state)
{
    (void)state;
    /* a title before the place and the name: one person, not "Arno" the
     * place and "Antlitz" alone */
    check("Chief Financial Officer Arno Antlitz told analysts. Antlitz added more.",
          "PERSON:Arno Antlitz/Chief Financial Officer ; PERSON:Antlitz");
    /* a country or a given name first; a town may be the surname */
    check("Jordan Henderson scored twice.", "PERSON:Jordan Henderson");
    check("Paris Adesanya won the fight.", "PERSON:Paris Adesanya");
    /* a speech verb after it, or the surname alone elsewhere */
    check("The deal was signed. Arno Kessler told reporters.", "PERSON:Arno Kessler");
    check("Arno Kessler won the fight. Kessler said so.", "PERSON:Arno Kessler ; PERSON:Kessler");
    /* places and teams keep their head word: no person, and no person after the place */
    check("He swam in the Niger River.", "LOCATION:Niger River");
    check("Georgia Tech lost.", "ORG:Georgia Tech");
    check("Texas Longhorns won again.", "ORG:Texas Longhorns");
    check("Texas Longhorns coach Steve Sarkisian said so.",
          "ORG:Texas Longhorns ; PERSON:Steve Sarkisian/coach");
    /* without evidence a city before an unknown word stays the place */
    check("Arno Kessler won the fight.", "");
}

static void test_executive_bodies(void **state)
{
    (void)state;
    check("The Health Service Executive said it would act.", "ORG:Health Service Executive");
    check("The Scottish Executive met.", "ORG:Scottish Executive");
    /* the end of a title is an office, not a body */
    check("Food was scarce, said the Chief Executive.", "");
    check("Chief Executive Jane Doe said it.", "PERSON:Jane Doe/Chief Executive");
    check("the Food Standards Agency said. The Crown Prosecution Service said.",
          "ORG:Food Standards Agency ; ORG:Crown Prosecution Service");
}

static void test_hyphenated_country_organizations(void **state)
{
    (void)state;
    check("Météo-France said rain would fall. Air-India said flights were cancelled.",
          "ORG:Météo-France ; ORG:Air-India");
    check("It was dry, according to Météo-France, the weather service.", "ORG:Météo-France");
    /* people's double names, and a place first */
    check("Jean-Pierre said so.", "PERSON:Jean-Pierre");
    check("Austria-France said so.", "PERSON:Austria-France");
}

static void test_organizations_named_after_their_place(void **state)
{
    (void)state;
    /* a city or state and ordinary words that speak, are described or
     * take an article name a firm, a paper, a team or a body */
    check("Washington Mutual said it would cut jobs.", "ORG:Washington Mutual");
    check("Georgia Power, which serves the state, raised rates.", "ORG:Georgia Power");
    check("Tickets are sold by the Connecticut Lottery.", "ORG:Connecticut Lottery");
    check("The Perth Glory won again.", "ORG:Perth Glory");
    /* no evidence, a date, a title, a country's article, a place that is a
     * given name: the place stays the gazetteer's */
    check("Washington Mutual collapsed.", "");
    check("Officials in Washington Tuesday said no.", "");
    check("Washington Governor said no.", "");
    check("He told the US Treasury.", "");
    /* a place that is a given name and a family name that is a word
     * (word-names.txt) before a speech verb: a person, no firm */
    check("Boston Young said no.", "PERSON:Boston Young");
    /* an article shows a given name's place is no person's first name */
    check("The Boston Dynamo won.", "ORG:Boston Dynamo");
    /* a place's own "of" stays in the name */
    check("The Port of Perth Authority said so.", "ORG:Port of Perth Authority");
    /* parts of a region, landmarks and agreements are no bodies */
    check("Cattle graze in the Texas Panhandle.", "LOCATION:Texas Panhandle");
    check("They toured the Berlin Wall. The Perth Agreement was signed.", "LOCATION:Berlin Wall");
}

static void test_people_named_like_place_words(void **state)
{
    (void)state;
    check("Dr. Helen Park of the Baylor College of Medicine spoke.",
          "PERSON:Helen Park/Dr. ; ORG:Baylor College of Medicine");
    check("Damon Hill said so.", "PERSON:Damon Hill");
    check("They met in Forest Hill.", "LOCATION:Forest Hill");
    /* a title opening a name with an organization word inside is no title */
    check("Major League Soccer said so.", "ORG:Major League Soccer");
}

static void test_dateline_dash_opens_a_sentence(void **state)
{
    (void)state;
    check("PARIS, May 2 - The Maritime Workers Union said so.", "ORG:Maritime Workers Union");
    /* inside a sentence "The" stays in the name */
    check("He writes for The Hockey News.", "ORG:The Hockey News");
}

static void test_ordinals_open_unit_names(void **state)
{
    (void)state;
    check("The 82nd Airborne Division landed.", "ORG:82nd Airborne Division");
    check("Troops of the 47th Mechanized Brigade held.", "ORG:47th Mechanized Brigade");
    check("The 5th Circuit Court of Appeals ruled.", "ORG:5th Circuit Court of Appeals");
    /* a plain number before an organization counts: "300 Peace Corps
     * volunteers", "12 Premier Division clubs" */
    check("About 15 Labour Party MPs voted.", "ORG:Labour Party");
    check("It said 12 Premier Division clubs voted.", "ORG:Premier Division");
    /* an ordinal before anything but an organization stays out */
    check("She finished 2nd behind Maria Lopez.", "PERSON:Maria Lopez");
}

static void test_camel_case_firms(void **state)
{
    (void)state;
    /* a speech verb makes a person of an unknown word, but not of a word
     * written the way firms write their names */
    check("JetBlue said fares rose.", "ORG:JetBlue");
    check("Fares rose, according to AirTran. Later AirTran cut routes.",
          "ORG:AirTran ; ORG:AirTran");
    check("DeSantis said no. McNab said so.", "PERSON:DeSantis ; PERSON:McNab");
    check("The PhD said so.", "");
}

/* "Sen. Ron Haskell ... a spokeswoman for Haskell": words around a lone
 * word that fit an organization as well as a person ("spokeswoman for")
 * give way to the person the article names in full, and the quote after
 * it stays his. */
static void test_context_yields_to_people_named_in_full(void **state)
{
    (void)state;
    check("Sen. Ron Haskell said no. A spokeswoman for Haskell declined. "
          "\"I was clear,\" Haskell said.",
          "PERSON:Ron Haskell/Sen. ; PERSON:Haskell ; PERSON:Haskell");
    /* nobody of that name: the context still makes the organization */
    check("A spokeswoman for Nimbus declined. Nimbus said no.", "ORG:Nimbus ; ORG:Nimbus");
}

/* "according to a note from Bernstein": a document's author, not a place
 * after "from". */
static void test_authors_of_notes_and_reports(void **state)
{
    (void)state;
    check("Sales fell, according to a note from Bernstein. Bernstein cut its target.",
          "ORG:Bernstein ; ORG:Bernstein");
    check("He flew in from Kessling on Monday.", "LOCATION:Kessling");
}

/* Advocacy groups named "X for Y", "X Against Y", "Friends of the Y". */
static void test_advocacy_group_names(void **state)
{
    (void)state;
    check("Heritage Action for America said the bill was bad.", "ORG:Heritage Action for America");
    check("Mothers Against Drunk Driving called for tougher laws.",
          "ORG:Mothers Against Drunk Driving");
    check("Then Friends of the Earth said the plan was weak.", "ORG:Friends of the Earth");
    /* not before a person: doctors and students act "for" people too */
    check("Doctors for Elizabeth Holmes said she was fine.", "PERSON:Elizabeth Holmes");
    check("Students for Mr. Smith said he was fine.", "PERSON:Smith/Mr.");
}

/* Local offices are titles, not part of the name. */
static void test_local_office_titles(void **state)
{
    (void)state;
    check("Then Alderman José Pérez said residents had complained.", "PERSON:José Pérez/Alderman");
    check("County Executive David Crowley and Sheriff Earnell Lucas spoke.",
          "PERSON:David Crowley/County Executive ; PERSON:Earnell Lucas/Sheriff");
    check("He met Councilwoman Ana Ruiz.", "PERSON:Ana Ruiz/Councilwoman");
}

/* Vehicles by maker and model, and a senator's party and state. */
static void test_products_and_party_states(void **state)
{
    (void)state;
    check("It may be a dark-colored Chevrolet Tahoe or a GMC Yukon.",
          "NONE:Chevrolet Tahoe ; NONE:GMC Yukon");
    check("Leader Tom Brennan, R-S.D., told reporters.", "PERSON:Tom Brennan/Leader");
    check("Rep. Alicia Moreno (D-N.Y.) and Sen. Ann Lee, D-Ariz., spoke.",
          "PERSON:Alicia Moreno/Rep. ; PERSON:Ann Lee/Sen.");
}

/* A place's head word after an organization's one is a public body. */
static void test_public_body_districts_are_orgs(void **state)
{
    (void)state;
    check("The Riverton Unified School District closed early.",
          "ORG:Riverton Unified School District");
    check("Rates rose, the Clearwater Valley Water District said.",
          "ORG:Clearwater Valley Water District");
}

/* The kind attribute of the candidate whose text is want, or NULL. */
static const char *kind_of(whosaid_cands *cs, const char *text, const char *want)
{
    for (size_t i = 0; i < cs->n; i++)
        if (cs->v[i].end - cs->v[i].start == strlen(want) &&
            !memcmp(text + cs->v[i].start, want, strlen(want)))
            return json_string_value(json_object_get(cs->v[i].attrs, "kind"));
    return NULL;
}

/* Papers merged from two: a place and a hyphenated pair ending in an
 * outlet's word; "All-Star" is a word of its own. */
static void test_hyphenated_papers_are_outlets(void **state)
{
    (void)state;
    const char *text = "Jennings told the Riverton Courier-Statesman and the Fort Marlow "
                       "Star-Telegram on Friday.";
    size_t starts[] = {0};
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    assert_int_equal(whosaid_tokenize(text, strlen(text), starts, 1, &t), 0);
    assert_int_equal(whosaid_names_propose(NAMES, text, &t, GAZ, &cs), 0);
    const char *k = kind_of(&cs, text, "Riverton Courier-Statesman");
    assert_non_null(k);
    assert_string_equal(k, "outlet");
    k = kind_of(&cs, text, "Fort Marlow Star-Telegram");
    assert_non_null(k);
    assert_string_equal(k, "outlet");
    whosaid_cands_free(&cs);
    whosaid_tokens_free(&t);
}

/* Papers by the last word of their name are news outlets (kind). */
static void test_news_outlets_by_their_last_word(void **state)
{
    (void)state;
    const char *text = "Jennings told the Milwaukee Journal Sentinel and the Denver Post. "
                       "The Halvorsen Foundation said so.";
    size_t starts[] = {0, (size_t)(strstr(text, "The ") - text)};
    whosaid_tokens t = WHOSAID_TOKENS_INIT;
    whosaid_cands cs = WHOSAID_CANDS_INIT;
    assert_int_equal(whosaid_tokenize(text, strlen(text), starts, 2, &t), 0);
    assert_int_equal(whosaid_names_propose(NAMES, text, &t, GAZ, &cs), 0);
    const char *k = kind_of(&cs, text, "Milwaukee Journal Sentinel");
    assert_non_null(k);
    assert_string_equal(k, "outlet");
    k = kind_of(&cs, text, "Denver Post");
    assert_non_null(k);
    assert_string_equal(k, "outlet");
    assert_null(kind_of(&cs, text, "Halvorsen Foundation"));
    whosaid_cands_free(&cs);
    whosaid_tokens_free(&t);
}

/* A named storm is an event, and its name alone later is the storm. */
static void test_named_storms(void **state)
{
    (void)state;
    check("Hurricane Harvey struck on Friday. Harvey killed 68 people.", "");
    check("Then Tropical Storm Alberto weakened. Alberto brought rain.", "");
    /* a person of that name named in full stays a person */
    check("Hurricane Harvey struck. Steve Harvey said Harvey was bad.",
          "PERSON:Steve Harvey ; PERSON:Harvey");
}

/* A dateline's dash opens a sentence: its "A" is no part of a name. */
static void test_article_after_a_dateline_dash(void **state)
{
    (void)state;
    check("PARIS, April 16 - A Paris court sentenced him.", "");
}

/* A maker's name before a model's number names the product, not the
 * company: no candidate, and the gazetteer's span is blocked. */
static void test_maker_before_a_model_number(void **state)
{
    (void)state;
    check("Aeroflot bought 22 new Boeing 787 jets.", "NONE:Boeing 787");
    check("The Boeing 737-800 is reliable. An Airbus 380 landed.",
          "NONE:Boeing 737 ; NONE:Airbus 380");
    check("It has four Airbus Trent 900 engines.", "NONE:Airbus Trent 900");
    /* a year or an amount after the company is no model */
    check("Boeing 2008 profits rose and Boeing 1,000 jobs went.", "");
}

/* A speaker label's or a dateline's colon opens a sentence too: its
 * "A"/"An"/"The" is no part of the name after it. */
static void test_article_after_a_label_colon(void **state)
{
    (void)state;
    check("BELL: A White House spokeswoman said it.", "LOCATION:White House");
    check("INSKEEP: An Air Vossland pilot said it.", "ORG:Air Vossland");
    check("PARIS: The Harlow Port Trust raised rates.", "ORG:Harlow Port Trust");
}

/* Holidays and festivals are days, not people. */
static void test_holidays_are_no_people(void **state)
{
    (void)state;
    check("A vote is expected before the Easter recess.", "");
    check("Markets closed on Easter Monday. Then Yom Kippur and Mardi Gras came.", "");
}

/* An office of several words is one title: none of its words is a name. */
static void test_offices_of_several_words(void **state)
{
    (void)state;
    check("Then Chief Cabinet Secretary Kenji Moriyama said so.",
          "PERSON:Kenji Moriyama/Chief Cabinet Secretary");
    check("Then Chief of Staff Ann Lee said so.", "PERSON:Ann Lee/Chief of Staff");
    /* a rank word, ordinary words and a title nobody listed whole */
    check("Then Chief Commercial Officer Ann Lee said so.",
          "PERSON:Ann Lee/Chief Commercial Officer");
    check("Then Deputy Chief Executive Ann Lee said so.", "PERSON:Ann Lee/Deputy Chief Executive");
    check("Then Senior Vice President Ann Lee said so.", "PERSON:Ann Lee/Senior Vice President");
    check("Then Acting Regional Director Ann Lee said so.",
          "PERSON:Ann Lee/Acting Regional Director");
    check("Then Interim Chief Operating Officer Ann Lee said so.",
          "PERSON:Ann Lee/Interim Chief Operating Officer");
    check("Then Shadow Transport Secretary Ann Lee said so.",
          "PERSON:Ann Lee/Shadow Transport Secretary");
    check("Then Executive Vice President Ann Lee said so.",
          "PERSON:Ann Lee/Executive Vice President");
    /* an organization before a title keeps its name */
    check("Then Halvorsen Foundation Chief Executive Ann Lee said so.",
          "ORG:Halvorsen Foundation ; PERSON:Ann Lee/Chief Executive");
}

/* A lone name that owns what only a company has, or did something to "its"
 * thing, is an organization; places own things too. */
static void test_company_by_what_it_owns(void **state)
{
    (void)state;
    check("Then Nimbus's shares fell.", "ORG:Nimbus");
    check("Then Halcyon's chief executive quit.", "ORG:Halcyon");
    check("Then Zorvath cut its estimate.", "ORG:Zorvath");
    check("Then Zorvath and its partners won.", "");
    check("Then Zorvath became its own rival.", "");
    check("Then Zorvath is its biggest rival.", "");
    check("Then Zorvath with its partners won.", "");
    check("Then Southern France recorded its driest winter.", "LOCATION:Southern France");
    /* a person named in full stays the person */
    check("Jon Quellan spoke. Quellan's shares rose.", "PERSON:Jon Quellan ; PERSON:Quellan");
}

/* A town or a company that is the surname of a person named in full is
 * that person where nothing shows the place ("in Henderson"). */
/* Given names that are also countries, months or words, and family names
 * that are also words (word-names.txt): "smith" the word does not block
 * the surname, "Eve" the word is a given name before one. */
static void test_given_names_that_are_words(void **state)
{
    (void)state;
    /* a speech verb after it, a title before it */
    check("Jordan Smith said the plan would work.", "PERSON:Jordan Smith");
    check("The deal was struck, Eve Carter said.", "PERSON:Eve Carter");
    check("Coach Georgia Baker told reporters.", "PERSON:Georgia Baker/Coach");
    check("Victoria Baker said so.", "PERSON:Victoria Baker");
    /* a country that is a given name needs no more; the surname alone later */
    check("Jordan Smith won the fight.", "PERSON:Jordan Smith");
    check("Eve Carter won. Later Carter said it was fine.", "PERSON:Eve Carter ; PERSON:Carter");
    check("Eve Smith won. Later Smith said it was fine.", "PERSON:Eve Smith ; PERSON:Smith");
    /* without evidence a word stays a word; a month after "in" is the date */
    check("It was the Eve Smith party.", "");
    check("In May Smith said nothing.", "");
    /* a country that is no given name: a firm named after it */
    check("Iran Khodro said output rose.", "ORG:Iran Khodro");
    check("Georgia Power, which serves the state, raised rates.", "ORG:Georgia Power");
}

/* A title opening a run before a company's line of business is the
 * company's first word; a peer's rank is a title and the peer's "of" and
 * place are the peer's name. */
static void test_titles_before_companies_and_peers(void **state)
{
    (void)state;
    check("Cardinal Microsystems said its sales fell.", "ORG:Cardinal Microsystems");
    check("Baroness Kennedy said the bill was flawed.", "PERSON:Kennedy/Baroness");
    check("Viscountess Rhondda of Llanwern said so.", "PERSON:Rhondda of Llanwern/Viscountess");
    check("Lord Hennessy of Nympsfield said so. Lord Hennessy added more.",
          "PERSON:Hennessy of Nympsfield/Lord ; PERSON:Hennessy/Lord");
    /* other people's "of" still splits */
    check("Dr. Leila Benali of the University of Montpellier said so.",
          "PERSON:Leila Benali/Dr. ; ORG:University of Montpellier");
}

/* An office named with its country is the person's title, and a NONE
 * candidate over it blocks the gazetteer's country; an organization noun
 * after an article names the organization in a person's shape; a US
 * state's House is its legislature; "Sporting" opens a club's name. */
static void test_offices_org_nouns_and_legislatures(void **state)
{
    (void)state;
    check("Assistant U.S. Attorney Rachel Kim said the case was strong.",
          "PERSON:Rachel Kim/Assistant U.S. Attorney ; NONE:Assistant U.S. Attorney");
    check("U.S. Attorney Rachel Kim said so.",
          "PERSON:Rachel Kim/U.S. Attorney ; NONE:U.S. Attorney");
    /* an office's possessive before "Office" is the body, no title */
    check("A spokesman for the U.S. Attorney's Office declined to comment.",
          "ORG:U.S. Attorney's Office");
    /* a title with no gazetteer name inside blocks nothing */
    check("Chief Executive Ann Lee said so.", "PERSON:Ann Lee/Chief Executive");
    check("She works at the law firm Carter Lowe in Berlin.", "ORG:Carter Lowe ; LOCATION:Berlin");
    check("The charity Grace Wells said it was worried.", "ORG:Grace Wells");
    /* a verb after it: the noun's relative clause, whose subject is a person */
    check("He joined the firm Carter Lowe founded.", "PERSON:Carter Lowe");
    /* a preposition ends the noun phrase: "spokesman for" may name a person */
    check("The spokesman for Carter Lowe said so.", "PERSON:Carter Lowe");
    check("The Texas House voted on Monday.", "ORG:Texas House");
    check("Sporting Lisbon lost again.", "ORG:Sporting Lisbon");
}

/* The lists of a temporary directory: lists[] pairs a file with its
 * content, NULL-terminated; every other list is empty. The directory is
 * gone when this returns (the lists are read at load); NULL with *e set
 * when loading fails. */
static whosaid_names *load_lists(const char *const *lists, const whosaid_calendar *cal,
                                 whosaid_error *e)
{
    static const char *const files[] = {
        "titles.txt",      "org-words.txt",         "location-words.txt", "misc-words.txt",
        "first-names.txt", "surnames.txt",          "common-words.txt",   "cue-verbs.txt",
        "not-names.txt",   "sentence-starters.txt", "word-names.txt"};
    char *first = write_temp("", "unused.txt");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", first);
    *strrchr(dir, '/') = '\0';
    char path[4200];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        const char *text = "";
        for (size_t k = 0; lists[k]; k += 2)
            if (strcmp(lists[k], files[i]) == 0) text = lists[k + 1];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        assert_int_equal(fputs(text, f) < 0, 0);
        assert_int_equal(fclose(f), 0);
    }
    whosaid_names *nm = whosaid_names_load_with_calendar(dir, cal, e);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        remove(path);
    }
    remove_temp(first);
    return nm;
}

/* A kind a list does not take stops loading with the kinds it does take. */
static void check_bad_kind(const char *file, const char *line, const char *want)
{
    whosaid_error e;
    whosaid_calendar *cal = whosaid_calendar_load(WHOSAID_TEST_RULES_DIR "/calendar.rules", &e);
    assert_non_null(cal);
    const char *const lists[] = {file, line, NULL};
    assert_null(load_lists(lists, cal, &e));
    assert_int_equal(e.line, 2);
    assert_string_equal(e.msg, want);
    whosaid_calendar_free(cal);
}

static void test_unknown_kinds_are_refused(void **state)
{
    (void)state;
    check_bad_kind("word-names.txt", "given\tJordan\nfirst\tSmith\n",
                   "expected 'given' or 'surname', a TAB and a word");
    check_bad_kind("org-words.txt", "Ministry\ngiven\tJordan\n",
                   "expected 'first', 'last', 'before', 'before-place', 'after', 'role', 'head', "
                   "'legal', 'corp', 'designator', 'region', 'party', 'party-role', 'outlet', "
                   "'cause', 'possessive', 'possessor', 'club', 'sport', 'link' or 'plural', a TAB "
                   "and a word");
    check_bad_kind("titles.txt", "Minister\nlast\tLord\n",
                   "expected 'title', 'peer' or 'rank', a TAB and a word");
}

/* The word lists titles.txt kinds peer and rank and org-words.txt kind
 * link hold are the ones the heuristics use: a word a user adds works, one
 * not listed does not. */
static void test_peer_rank_and_link_words_come_from_the_lists(void **state)
{
    (void)state;
    whosaid_error e;
    whosaid_calendar *cal = whosaid_calendar_load(WHOSAID_TEST_RULES_DIR "/calendar.rules", &e);
    assert_non_null(cal);
    const char *const lists[] = {"titles.txt",
                                 "Officer\nLord\npeer\tMargrave\nrank\tVice\n",
                                 "common-words.txt",
                                 "vice\ncommercial\nchief\n",
                                 "org-words.txt",
                                 "link\tcut\n",
                                 "sentence-starters.txt",
                                 "Then\n",
                                 NULL};
    whosaid_names *nm = load_lists(lists, cal, &e);
    if (!nm) fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    /* a peer's "of" and place are the peer's name; a title alone's are not */
    check_with(nm, "Margrave Hennessy of Nympsfield said so.",
               "PERSON:Hennessy of Nympsfield/Margrave");
    check_with(nm, "Lord Hennessy of Nympsfield said so.", "PERSON:Hennessy/Lord");
    /* a rank word opens an office; "Chief" is no rank word here */
    check_with(nm, "Then Vice Commercial Officer Ann Lee said so.",
               "PERSON:Ann Lee/Vice Commercial Officer");
    check_with(nm, "Then Chief Commercial Officer Ann Lee said so.", "PERSON:Ann Lee/Officer");
    /* "cut" ties the name to "its" here */
    check_with(nm, "Then Zorvath cut its estimate.", "");
    whosaid_names_free(nm);
    whosaid_calendar_free(cal);
}

static void test_surname_over_gazetteer(void **state)
{
    (void)state;
    check("Carl Henderson spoke. Henderson said he was fine. He lives in Henderson.",
          "PERSON:Carl Henderson ; PERSON!:Henderson ; PERSON:Henderson");
    check("Then Henderson said he was fine.", "");
}

/* Sports clubs: last words that only clubs end in ("United", "Rovers"),
 * first words ("Real", "Atlético"), and "City"/"Town", which places end in
 * too: "Town" after a city or an unknown word is a club, "City" only where
 * a speech verb, a role or a team's context shows one, a weak place
 * otherwise that a club reading elsewhere in the article overrides. A
 * club's last word before a lower-case role is no part of a title. */
static void test_sports_clubs(void **state)
{
    (void)state;
    check("Harlow City said the deal was done.", "ORG:Harlow City");
    check("Harlow City manager Graham Pettigrew said so.",
          "ORG:Harlow City ; PERSON:Graham Pettigrew/manager");
    check("The crowd cheered at Harlow City. Harlow City said it was proud.",
          "ORG:Harlow City ; ORG:Harlow City");
    check("She moved to Davao City last year.", "LOCATION:Davao City");
    check("They beat Ipswich Town and Millbrook Town.", "ORG:Ipswich Town ; ORG:Millbrook Town");
    check("Then Leeds United and Tranmere Rovers drew.", "ORG:Leeds United ; ORG:Tranmere Rovers");
    check("He joined Real Sociedad and then Atlético Ribeira.",
          "ORG:Real Sociedad ; ORG:Atlético Ribeira");
    check("Real GDP rose 2 percent.", "");
}

/* "Atlético Ribeira ... Ribeira's coach": an organization of a head word
 * and one distinctive word is named by that word alone in the article,
 * with the full name as canonical; not an ordinary word or a place. */
static void test_short_names_of_clubs(void **state)
{
    (void)state;
    const char *club = "The club Atlético Ribeira was fined. Ribeira's coach, Paulo Serra, "
                       "spoke. Tranmere Rovers lost. Tranmere said it would appeal.";
    check(club, "ORG:Atlético Ribeira ; ORG:Ribeira ; PERSON:Paulo Serra ; ORG:Tranmere Rovers ; "
                "ORG:Tranmere");
    check_canonical(club, 1, "Atlético Ribeira");
    check_canonical(club, 4, "Tranmere Rovers");
    check("Ipswich Town won. He lives in Ipswich.", "ORG:Ipswich Town");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_titles_give_people_and_roles),
        cmocka_unit_test(test_plural_places),
        cmocka_unit_test(test_company_lists),
        cmocka_unit_test(test_of_after_a_person_splits),
        cmocka_unit_test(test_sentence_openers_and_propagation),
        cmocka_unit_test(test_places_teams_and_products),
        cmocka_unit_test(test_not_names),
        cmocka_unit_test(test_country_inside_organizations),
        cmocka_unit_test(test_title_opening_an_organization),
        cmocka_unit_test(test_short_names_of_known_organizations),
        cmocka_unit_test(test_short_names_of_companies),
        cmocka_unit_test(test_name_boundaries),
        cmocka_unit_test(test_teams_after_the_and_places),
        cmocka_unit_test(test_places_by_context),
        cmocka_unit_test(test_misc_and_lists_of_people),
        cmocka_unit_test(test_organization_contexts),
        cmocka_unit_test(test_definitions),
        cmocka_unit_test(test_weak_evidence_yields),
        cmocka_unit_test(test_call_signs_back_references_and_lists),
        cmocka_unit_test(test_title_filter_lets_every_title_through),
        cmocka_unit_test(test_context_filter_lets_every_phrase_through),
        cmocka_unit_test(test_name_particles),
        cmocka_unit_test(test_for_after_organization_words),
        cmocka_unit_test(test_regions_and_common_nouns),
        cmocka_unit_test(test_organizations_named_with_a_place),
        cmocka_unit_test(test_parties_before_roles),
        cmocka_unit_test(test_companies_by_their_context),
        cmocka_unit_test(test_people_named_like_places),
        cmocka_unit_test(test_given_names_that_are_words),
        cmocka_unit_test(test_titles_before_companies_and_peers),
        cmocka_unit_test(test_offices_org_nouns_and_legislatures),
        cmocka_unit_test(test_unknown_kinds_are_refused),
        cmocka_unit_test(test_peer_rank_and_link_words_come_from_the_lists),
        cmocka_unit_test(test_executive_bodies),
        cmocka_unit_test(test_hyphenated_country_organizations),
        cmocka_unit_test(test_organizations_named_after_their_place),
        cmocka_unit_test(test_people_named_like_place_words),
        cmocka_unit_test(test_dateline_dash_opens_a_sentence),
        cmocka_unit_test(test_ordinals_open_unit_names),
        cmocka_unit_test(test_camel_case_firms),
        cmocka_unit_test(test_context_yields_to_people_named_in_full),
        cmocka_unit_test(test_authors_of_notes_and_reports),
        cmocka_unit_test(test_advocacy_group_names),
        cmocka_unit_test(test_local_office_titles),
        cmocka_unit_test(test_products_and_party_states),
        cmocka_unit_test(test_news_outlets_by_their_last_word),
        cmocka_unit_test(test_hyphenated_papers_are_outlets),
        cmocka_unit_test(test_public_body_districts_are_orgs),
        cmocka_unit_test(test_named_storms),
        cmocka_unit_test(test_article_after_a_dateline_dash),
        cmocka_unit_test(test_article_after_a_label_colon),
        cmocka_unit_test(test_maker_before_a_model_number),
        cmocka_unit_test(test_holidays_are_no_people),
        cmocka_unit_test(test_offices_of_several_words),
        cmocka_unit_test(test_company_by_what_it_owns),
        cmocka_unit_test(test_surname_over_gazetteer),
        cmocka_unit_test(test_sports_clubs),
        cmocka_unit_test(test_short_names_of_clubs),
        cmocka_unit_test(test_possessive_offices),
        cmocka_unit_test(test_possessives_inside_org_names),
        cmocka_unit_test(test_words_in_capitals_line),
        cmocka_unit_test(test_merged_papers),
        cmocka_unit_test(test_team_of_its_league),
        cmocka_unit_test(test_places_beside_scores_are_teams),
        cmocka_unit_test(test_store_names_with_possessive),
        cmocka_unit_test(test_firms_named_like_people),
        cmocka_unit_test(test_seat_adjectives),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
