/* Page boilerplate: the shipped rules on real page shapes (the two seed
 * pages and other outlets), the heuristics, what must survive (prose that
 * mentions "most popular", subheadings, hard-wrapped wire copy), and
 * rule-file errors. */
#include "testutil.h"

#include "whosaid/boilerplate.h"
#include "whosaid/lines.h"

#define RULES WHOSAID_TEST_RULES_DIR "/boilerplate.rules"

static whosaid_boiler *B; /* the shipped rules, loaded once */

static int setup(void **state)
{
    (void)state;
    whosaid_error e;
    B = whosaid_boiler_load(RULES, &e);
    if (!B) fprintf(stderr, "%s:%ld: %s\n", e.file, e.line, e.msg);
    return B ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    whosaid_boiler_free(B);
    return 0;
}

static void split(const char *text, whosaid_lines *l)
{
    assert_int_equal(whosaid_lines_split(text, strlen(text), l), 0);
}

/* Rules, then (as whosaid-normalize does after metadata) the heuristics. */
static void run_all(const char *text, whosaid_lines *l)
{
    split(text, l);
    whosaid_error e;
    assert_true(whosaid_boiler_apply_rules(B, l, &e) >= 0);
    assert_true(whosaid_boiler_apply_heuristics(l) >= 0);
}

/* As assert_fate, and no why at all when why_prefix is NULL. */
static void expect(const whosaid_lines *l, const char *prefix, int fate, const char *why_prefix)
{
    assert_fate(l, prefix, fate, why_prefix);
    if (!why_prefix) assert_null(line_of(l, prefix)->why);
}

#define BODY(l, p) expect(l, p, WHOSAID_LINE_BODY, NULL)
#define RULE(l, p) expect(l, p, WHOSAID_LINE_BOILER, "boilerplate.rules:")

static const char *why_of(const whosaid_lines *l, const char *prefix)
{
    return line_of(l, prefix)->why;
}

/* ---- The seed pages --------------------------------------------------------- */

static const char SEED000[] =
    "China Politics | CPC News| Foreign Affairs | World | Opinion| Business | China Military | "
    "Society | Life & Culture | Travel | Sports | Science | Education | Photo | Tibet Online | "
    "Special Coverage\n\n"
    "English >> Foreign Affairs\n\n"
    "Cyber security being dealt with by UN as global challenge\n\n"
    "Xinhua) 21:22, June 27, 2013\n\n"
    "Peter Launsky-Tieffenthal, Under-Secretary-General for Communications and Public "
    "Information, gives an exclusive interview to Xinhuanet in Beijing, June 27th, 2013. "
    "(Xinhuanet Photo)\n\n"
    "BEIJING, June 27 (Xinhuanet) \xE2\x80\x93 Cyber security, as a global challenge, is being "
    "dealt with by the United Nations, said an United Nations official here on Thursday.\n\n"
    "Relevant parties should observe the spirit of mutual respect and trust, Hua stressed at the "
    "conference.\n\n"
    "(Editor:YanMeng\xE3\x80\x81Wang Jinxue)\n\n\n"
    "Related Reading\n\n"
    "Leave your comment\n\n\n"
    "Selection for you\n";

static void test_seed_000(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    run_all(SEED000, &l);
    expect(&l, "China Politics |", WHOSAID_LINE_BOILER, "heuristic:navbar");
    expect(&l, "English >> Foreign", WHOSAID_LINE_BOILER, "heuristic:breadcrumb");
    /* Title and date line are two link-like lines: not a run of three. */
    BODY(&l, "Cyber security being dealt");
    BODY(&l, "Xinhua) 21:22");
    BODY(&l, "Peter Launsky-Tieffenthal"); /* photo caption */
    BODY(&l, "BEIJING, June 27");          /* dateline paragraph */
    BODY(&l, "Relevant parties");
    RULE(&l, "(Editor:YanMeng");
    RULE(&l, "Related Reading");
    RULE(&l, "Leave your comment");
    RULE(&l, "Selection for you");
    /* "Leave your comment" ends the article: what follows carries its rule. */
    assert_string_equal(why_of(&l, "Selection for you"), why_of(&l, "Leave your comment"));
    assert_string_not_equal(why_of(&l, "Related Reading"), why_of(&l, "Leave your comment"));
    whosaid_lines_free(&l);
}

static const char SEED002[] =
    "Latest News:  \n\n"
    "English>>Foreign Affairs\n\n"
    "China seeks greater cybercooperation\n\n"
    "By ZHOU WA (China Daily)\n\n"
    "08:24, March 22, 2013\n\n"
    "China is open to cooperating with other countries to maintain international cybersecurity, "
    "Foreign Ministry spokesman Hong Lei said on Thursday.\n\n"
    "According to the Yonhap News Agency, ROK authorities are looking for any clues that show the "
    "DPRK was the initiator of the attacks.\n\n"
    "\xE3\x80\x90"
    "1\xE3\x80\x91 \xE3\x80\x90"
    "2\xE3\x80\x91\n\n"
    "We Recommend:\n\n"
    "Review: 12th CPPCC National Committee opens\n\n"
    "Review: News conference on new CPPCC session\n\n"
    "CPPCC members arrive for opening session\n\n"
    "Japan warned not to cause friction with China\n\n"
    "Email|Print|Comments(Editor:HuangBeibei\xE3\x80\x81Yao Chun)\n\n"
    "Leave your comment0 comments\n\n"
    "  1. Name\n\n\n"
    "Selections for you\n\n"
    "  1. Missile brigade conducts drill\n\n"
    "  4. Photo story:How real life is, how real love is!\n\n"
    "  5. Yunnan fights against crayfish invasion\n\n"
    "Most Popular\n\n\n"
    "  1. Richer parents, more fashionable children\n"
    "  2. Hopes for Obama's trip\n"
    "  10. How to start transformation and upgrading?\n\n"
    "What\xE2\x80\x99s happening in China\n\n"
    "Rare tree blooms after 30 years\n\n"
    "  1. Gov't funding for drug addicts HIV program\n";

static void test_seed_002(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    split(SEED002, &l);
    whosaid_error e;
    long n = whosaid_boiler_apply_rules(B, &l, &e);
    /* Before the first prose line a list heading only drops itself: the
     * headline block under "Latest News:" stays for metadata. */
    RULE(&l, "Latest News:");
    BODY(&l, "English>>Foreign");
    BODY(&l, "China seeks greater");
    BODY(&l, "By ZHOU WA");
    BODY(&l, "08:24, March 22");
    BODY(&l, "China is open");
    BODY(&l, "According to the Yonhap");
    RULE(&l, "\xE3\x80\x90"
             "1");
    RULE(&l, "We Recommend:");
    RULE(&l, "Review: 12th");
    RULE(&l, "Japan warned");
    /* The list stops at a line with a rule of its own. */
    assert_string_equal(why_of(&l, "Japan warned"), why_of(&l, "We Recommend:"));
    RULE(&l, "Email|Print|Comments");
    assert_string_not_equal(why_of(&l, "Email|Print"), why_of(&l, "We Recommend:"));
    RULE(&l, "Leave your comment0 comments");
    RULE(&l, "1. Name");
    RULE(&l, "1. Missile brigade");
    RULE(&l, "Most Popular");
    RULE(&l, "2. Hopes for Obama");
    RULE(&l, "What\xE2\x80\x99s happening");
    RULE(&l, "1. Gov't funding");
    assert_int_equal(n, (long)l.n - 6);
    /* Metadata extraction claims the headline block before the heuristics
     * run (three link-like lines would otherwise be a link list). */
    for (size_t k = 2; k <= 4; k++)
        l.v[k].fate = WHOSAID_LINE_META;
    assert_int_equal(whosaid_boiler_apply_heuristics(&l), 1);
    expect(&l, "English>>Foreign", WHOSAID_LINE_BOILER, "heuristic:breadcrumb");
    BODY(&l, "China is open");
    whosaid_lines_free(&l);
}

/* ---- Other outlets ----------------------------------------------------------- */

static void test_reuters_shapes(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    run_all("World | Business | Markets | Politics | Tech\n\n"
            "U.S. lawmakers seek answers on spying\n\n"
            "WASHINGTON (Reuters) - U.S. lawmakers on Thursday demanded answers from intelligence "
            "officials about a secret surveillance program.\n\n"
            "Read more: Senators question NSA chief\n\n"
            "The program collects phone records of millions of Americans, officials said.\n\n"
            "(Reporting by Jane Doe; Editing by John Roe)\n\n"
            "Follow us on Twitter and Facebook\n\n"
            "Advertisement\n",
            &l);
    expect(&l, "World | Business", WHOSAID_LINE_BOILER, "heuristic:navbar");
    BODY(&l, "U.S. lawmakers seek");
    BODY(&l, "WASHINGTON (Reuters)");
    RULE(&l, "Read more:");
    BODY(&l, "The program collects");
    RULE(&l, "(Reporting by");
    RULE(&l, "Follow us on");
    RULE(&l, "Advertisement");
    whosaid_lines_free(&l);
}

static void test_bbc_guardian_ap_shapes(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    run_all("Home \xC2\xBB News\n\n"
            "Cyber attack hits South Korean banks\n\n"
            "Computer networks at major South Korean banks and broadcasters were shut down on "
            "Wednesday, officials said.\n\n"
            "Share this article\n\n"
            "Sign up for our daily newsletter\n\n"
            "More on this story\n\n"
            "North Korea blamed for attack\n\n"
            "Seoul raises cyber alert\n\n"
            "Most viewed\n\n"
            "Banks restore services\n\n"
            "Copyright 2013 The Associated Press. All rights reserved.\n\n"
            "This material may not be published or broadcast. All rights reserved.\n\n"
            "Page 1 2 3 Next\n\n"
            "Click here to subscribe\n",
            &l);
    expect(&l, "Home \xC2\xBB News", WHOSAID_LINE_BOILER, "heuristic:breadcrumb");
    BODY(&l, "Cyber attack hits");
    BODY(&l, "Computer networks");
    RULE(&l, "Share this article");
    RULE(&l, "Sign up for our daily");
    RULE(&l, "More on this story");
    assert_string_equal(why_of(&l, "Seoul raises"), why_of(&l, "More on this story"));
    RULE(&l, "Most viewed");
    assert_string_equal(why_of(&l, "Banks restore"), why_of(&l, "Most viewed"));
    RULE(&l, "Copyright 2013");
    RULE(&l, "This material may not");
    RULE(&l, "Page 1 2 3 Next");
    RULE(&l, "Click here");
    whosaid_lines_free(&l);
}

static void test_heading_variants(void **state)
{
    (void)state;
    static const char *const heads[] = {
        "Related Articles:",
        "RELATED STORIES",
        "Related coverage",
        "Related",
        "You may also like",
        "You might also like:",
        "Most Read",
        "Most popular:",
        "Selections for you",
        "We recommend",
        "Latest news",
        "See also:",
        "Leave your comment",
        "Leave a comment",
        "Share this story",
        "Follow BBC News on Twitter",
        "Advertisement",
        "ADVERTISEMENT",
        "Sign up to our newsletter",
        "(Editor: Li Tao)",
        "Editor: Mu Xuequan",
        "Email | Print | Comments (3)",
        "Copyright \xC2\xA9 1995-2013 "
        "People's Daily Online",
        "\xC2\xA9 2013 Reuters",
        "[1] [2] [3]",
        "Page 2 of 3",
        "Next page \xC2\xBB",
        "Read more",
        "Read more \xC2\xBB",
        "Click here for more photos",
        "Story continues below advertisement",
        "5 comments",
        "Print",
        "Back to top",
        "Read Next",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "___",
        "* * *",
        "Skip to main content",
    };
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
        whosaid_lines l = WHOSAID_LINES_INIT;
        split(heads[i], &l);
        whosaid_error e;
        assert_int_equal(l.n, 1);
        if (whosaid_boiler_apply_rules(B, &l, &e) != 1) fail_msg("not dropped: %s", heads[i]);
        whosaid_lines_free(&l);
    }
}

/* ---- What must survive ------------------------------------------------------ */

static void test_prose_mentioning_boilerplate_words_survives(void **state)
{
    (void)state;
    static const char *const keep[] = {
        "The most popular messaging app in China, WeChat, said related services would resume on "
        "Monday.",
        "Most popular among young voters was the promise of cheaper housing, the survey found.",
        "Related reading material was seized by police, the ministry said.",
        "Copyright infringement cost the industry billions last year, the report said.",
        "Follow the money on this one, investigators told reporters on Monday.",
        "Read more carefully, the teacher told her students before the test.",
        "Advertisement revenue fell 12 percent in the second quarter.",
        "All rights reserved to the tribes were restored by the court in a ruling on Monday "
        "that lawyers called historic and that officials said would be appealed.",
        "Leave your comments at the door, the chairman said.",
    };
    for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
        whosaid_lines l = WHOSAID_LINES_INIT;
        split(keep[i], &l);
        whosaid_error e;
        if (whosaid_boiler_apply_rules(B, &l, &e) != 0) fail_msg("dropped: %s", keep[i]);
        assert_int_equal(whosaid_boiler_apply_heuristics(&l), 0);
        whosaid_lines_free(&l);
    }
}

static void test_subheading_survives_runs_do_not(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    run_all("The attack shut down the networks of three banks and two broadcasters on "
            "Wednesday, officials said.\n\n"
            "A new front in the cyber war\n\n"
            "Investigators traced the attack to an IP address abroad, according to the "
            "commission.\n\n"
            "What comes next\n\n"
            "Officials said they would meet again next week.\n\n"
            "Missile brigade conducts drill\n\n"
            "Malaysian security forces launch attack\n\n"
            "Thousand-Buddha Cliff in Lhasa\n",
            &l);
    BODY(&l, "A new front");
    BODY(&l, "What comes next");
    BODY(&l, "Officials said");
    expect(&l, "Missile brigade", WHOSAID_LINE_BOILER, "heuristic:link-list");
    expect(&l, "Malaysian security", WHOSAID_LINE_BOILER, "heuristic:link-list");
    expect(&l, "Thousand-Buddha", WHOSAID_LINE_BOILER, "heuristic:link-list");
    whosaid_lines_free(&l);
}

static void test_hard_wrapped_wire_copy_survives(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    run_all("BEIJING, June 27 (Xinhua) -- Cyber security, as a global\n"
            "challenge, is being dealt with by the United\n"
            "Nations, said an official here on Thursday.\n\n"
            "The official spoke at a briefing\n"
            "held at the headquarters of the agency in\n"
            "the capital, reporters were told.\n",
            &l);
    for (size_t k = 0; k < l.n; k++)
        assert_int_equal(l.v[k].fate, WHOSAID_LINE_BODY);
    whosaid_lines_free(&l);
}

static void test_list_stops_at_prose_and_header_is_safe(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    /* "Leave a comment" next to the byline, before any prose: only that line. */
    run_all("Storm hits coast\n\n"
            "Leave a comment\n\n"
            "A storm hit the coast on Monday, cutting power to thousands of homes, officials "
            "said.\n\n"
            "Related Articles\n\n"
            "Floods close schools\n\n"
            "Power restored in north\n\n"
            "Forecasters had warned of the storm for days, but many residents stayed.\n",
            &l);
    BODY(&l, "Storm hits coast");
    RULE(&l, "Leave a comment");
    BODY(&l, "A storm hit");
    RULE(&l, "Related Articles");
    RULE(&l, "Floods close");
    RULE(&l, "Power restored");
    BODY(&l, "Forecasters had warned");
    whosaid_lines_free(&l);
}

static void test_runs_break_at_metadata_and_prose(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    split("One short line\n\nTwo short line\n\nTitle of the story\n\nFour short line\n\n"
          "Five short line\n",
          &l);
    l.v[2].fate = WHOSAID_LINE_META; /* as metadata extraction would mark the title */
    assert_int_equal(whosaid_boiler_apply_heuristics(&l), 0);
    whosaid_lines_free(&l);

    split("One short line\n\nAdvertisement\n\nTwo short line\n\nThree short line\n", &l);
    whosaid_error e;
    assert_int_equal(whosaid_boiler_apply_rules(B, &l, &e), 1);
    /* Boilerplate inside a run does not break it. */
    assert_int_equal(whosaid_boiler_apply_heuristics(&l), 3);
    whosaid_lines_free(&l);
}

/* ---- Line shapes ------------------------------------------------------------ */

static whosaid_line mk(const char *s)
{
    whosaid_line ln = {s, strlen(s), 0, 0, WHOSAID_LINE_BODY, NULL};
    return ln;
}

static void test_line_shapes(void **state)
{
    (void)state;
    whosaid_line ln;
#define LINK(s, v) (ln = mk(s), assert_int_equal(whosaid_boiler_link_like(&ln), v))
    LINK("Cute dolphins nursed and trained in HK", 1);
    LINK("1. Missile brigade conducts drill", 1);
    LINK("10) How to start transformation and upgrading?", 1);
    LINK("Commentary: To pivot to Asia or peace?", 0);
    LINK("The attack came on Wednesday.", 0);
    LINK("He said \xE2\x80\x9Cno.\xE2\x80\x9D", 0); /* period inside closing quote */
    LINK("China says \"no\"", 1);                   /* a quoted headline */
    LINK("Officials met in Beijing,", 0);
    LINK("one two three four five six seven eight nine ten eleven twelve", 1);
    LINK("one two three four five six seven eight nine ten eleven twelve thirteen", 0);
    /* A year is no item number (an item may have up to 20 words). */
    LINK("2013. A year of change for the country, the economy and the people who live there", 0);
#define PROSE(s, v) (ln = mk(s), assert_int_equal(whosaid_boiler_prose(&ln), v))
    PROSE("The attack came on Wednesday.", 1);
    PROSE("Is China behind the attacks?", 0); /* a headline */
    PROSE("Why did the banks fail to see the attack coming so soon after the warning?", 1);
    PROSE("Yes.", 0);
    PROSE("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen",
          1);
#define NAV(s, v) (ln = mk(s), assert_int_equal(whosaid_boiler_navbar(&ln), v))
    NAV("Home | World | Asia", 1);
    NAV("| Home | World | Asia |", 1);
    NAV("News \xE2\x80\xA2 Sport \xE2\x80\xA2 Weather", 1);
    NAV("Home | World", 0);
    NAV("The result | was announced on Monday by the long-standing committee chairman | ok", 0);
#define CRUMB(s, v) (ln = mk(s), assert_int_equal(whosaid_boiler_breadcrumb(&ln), v))
    CRUMB("English >> Foreign Affairs", 1);
    CRUMB("English>>Foreign Affairs", 1);
    CRUMB("Home > World > Asia", 1);
    CRUMB("Home \xC2\xBB News", 1);
    CRUMB("Home \xE2\x80\xBA Business \xE2\x80\xBA Markets", 1);
    /* One '>', '|' or '/' needs a section path: every word capitalised. */
    CRUMB("Home > World", 1);
    CRUMB("Profits > expectations", 0);
    CRUMB("Markets | Commodities", 1);
    CRUMB("News / Politics", 1);
    CRUMB("Home / Cities / Mumbai News", 1);
    CRUMB("Life & Culture | Travel", 1);
    CRUMB("Copper slips | Markets", 0);           /* a headline with its section */
    CRUMB("Biden Signs Climate Bill | World", 0); /* four words: a headline */
    CRUMB("Mumbai | Updated: Mar 3, 2025 10:42 IST", 0);
    CRUMB("Either/or", 0);
    CRUMB("> quoted mail text", 0);
    CRUMB("Growth >> expectations, the bank said.", 0);
#define LABEL(s, v) (ln = mk(s), assert_int_equal(whosaid_boiler_section_label(&ln), v))
    LABEL("World", 1);
    LABEL("UK", 1);
    LABEL("The Dayton Ledger", 1);
    LABEL("Life & Culture", 1);
    LABEL("2025 Elections", 1);
    LABEL("Markets | Commodities", 0); /* a path, not a label */
    LABEL("Storm batters coast", 0);
    LABEL("Four Capitalised Words Here", 0);
    LABEL("Photo: Reuters", 0);
    LABEL("\"Unbalanced", 0);
    LABEL("Yes.", 0);
}

/* A list heading takes the link-like lines after it; lines a drop rule
 * matches (Al Jazeera's "list 1 of 3") go by that rule and do not end it. */
static void test_list_goes_on_through_dropped_lines(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    split("The deal was signed in Baghdad on Monday, the ministry said in a statement.\n\n"
          "list of 2 items\nlist 1 of 2\nParliament passes budget\nlist 2 of 2\n"
          "Basra water crisis worsens\nend of list\n\n"
          "Oil sales make up more than 90 percent of state revenue.\n",
          &l);
    whosaid_error e;
    assert_true(whosaid_boiler_apply_rules(B, &l, &e) >= 0);
    RULE(&l, "list of 2");
    RULE(&l, "Parliament passes"); /* two items: too few for the link-list heuristic */
    RULE(&l, "Basra water");
    assert_string_equal(why_of(&l, "Basra water"), why_of(&l, "list of 2"));
    RULE(&l, "list 2 of 2");
    assert_string_not_equal(why_of(&l, "list 2 of 2"), why_of(&l, "list of 2"));
    RULE(&l, "end of list");
    BODY(&l, "Oil sales");
    whosaid_lines_free(&l);
}

/* Captions with a photo credit, share buttons, linked headlines after a
 * "Related:" or "Also Read |" label, agency trailers, comment sign-in. */
static void test_captions_share_and_trailers(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    run_all("Six water companies face fines after breaching their permits, the regulator said.\n\n"
            "Share on Facebook\n\nShare via Email\n\n"
            "Sewage flows into the Thames. Spills rose 7% in 2024. Photograph: Tom Pilston/The "
            "Guardian\n\n"
            "Commuters board a train in Mumbai on Monday. (Express Photo by Amit Chakravarty)\n\n"
            "Lawmakers vote in Columbus, Ohio, on Monday. (AP Photo/Jay LaPrete)\n\n"
            "Photo: Reuters\n\n"
            "The photo by her sister went viral, she said.\n\n"
            "Asked about the picture: she said it was old.\n\n"
            "Related: Thames Water rescue talks stall as creditors demand guarantees\n\n"
            "Also Read | Mumbai coastal road: second phase to open by April, says BMC\n\n"
            "Related to the case, police said, were two arrests.\n\n"
            "Source: Al Jazeera and news agencies\n\n"
            "Reuse this content\n\n"
            "Sign in or create your Guardian account to join the discussion\n\n"
            "Anything after the comment prompt goes.\n",
            &l);
    BODY(&l, "Six water");
    RULE(&l, "Share on Facebook");
    RULE(&l, "Share via Email");
    RULE(&l, "Sewage flows");
    RULE(&l, "Commuters board");
    RULE(&l, "Lawmakers vote");
    RULE(&l, "Photo: Reuters");
    BODY(&l, "The photo by her sister"); /* ends like a sentence: no credit */
    BODY(&l, "Asked about the picture");
    RULE(&l, "Related: Thames");
    RULE(&l, "Also Read | Mumbai");
    BODY(&l, "Related to the case");
    RULE(&l, "Source: Al Jazeera");
    RULE(&l, "Reuse this");
    RULE(&l, "Sign in or create");
    RULE(&l, "Anything after");
    whosaid_lines_free(&l);
}

/* DW's English pages: screen-reader "Skip next section" links, topic and
 * "Explore more" boxes, the agency credit closing the story. */
static void test_dw_furniture(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    run_all("Skip next section Navigation\n\n"
            "Train drivers in Germany walked off the job early on Wednesday, the union said.\n\n"
            "The strike and/or the lockout: nobody knows which comes first, he said.\n\n"
            "dpa/AFP/jm\n\njm/sri (dpa, AFP, Reuters)\n\n"
            "Skip next section Related topics\nRelated topics\nDeutsche Bahn\nStrikes\n\n"
            "Skip next section Explore more\nExplore more\nCommuters brace for strike day\n"
            "Lufthansa staff vote on walkout\n",
            &l);
    RULE(&l, "Skip next section Navigation");
    BODY(&l, "Train drivers");
    BODY(&l, "The strike and/or");
    RULE(&l, "dpa/AFP/jm");
    RULE(&l, "jm/sri");
    RULE(&l, "Skip next section Related");
    RULE(&l, "Related topics");
    RULE(&l, "Deutsche Bahn");
    RULE(&l, "Strikes");
    RULE(&l, "Explore more");
    RULE(&l, "Commuters brace");
    RULE(&l, "Lufthansa");
    whosaid_lines_free(&l);
}

/* ---- Rule files ----------------------------------------------------------- */

static void test_why_names_file_and_line(void **state)
{
    (void)state;
    char *path = write_temp("# comment\n\ndrop\tfoo bar\nlist\tmore\\s+stuff\n", "site.rules");
    whosaid_error e;
    whosaid_boiler *b = whosaid_boiler_load(path, &e);
    assert_non_null(b);
    whosaid_lines l = WHOSAID_LINES_INIT;
    split("FOO BAR\n\nfoo bar baz\n", &l);
    assert_int_equal(whosaid_boiler_apply_rules(b, &l, &e), 1);
    assert_string_equal(l.v[0].why, "site.rules:3");
    assert_null(l.v[1].why); /* whole-line match only */
    whosaid_lines_free(&l);
    whosaid_boiler_free(b);
    remove_temp(path);
}

static void test_backreference_rule_works_outside_prefilter(void **state)
{
    (void)state;
    char *path = write_temp("drop\t(\\w+) \\1\ndrop\tother\n", "b.rules");
    whosaid_error e;
    whosaid_boiler *b = whosaid_boiler_load(path, &e);
    assert_non_null(b);
    whosaid_lines l = WHOSAID_LINES_INIT;
    split("bye bye\n\nbye now\n\nOTHER\n", &l);
    assert_int_equal(whosaid_boiler_apply_rules(b, &l, &e), 2);
    assert_int_equal(l.v[0].fate, WHOSAID_LINE_BOILER);
    assert_int_equal(l.v[1].fate, WHOSAID_LINE_BODY);
    assert_string_equal(l.v[2].why, "b.rules:2");
    whosaid_lines_free(&l);
    whosaid_boiler_free(b);
    remove_temp(path);
}

/* A rule with needs= is tried only on lines holding one of its words (a
 * promise of the rule's author), in its place in the file order. */
static void test_needs_field(void **state)
{
    (void)state;
    char *path = write_temp("drop\tkeep me\ndrop\t.{0,40}\\bcredit\\b.{0,40}\tneeds=credit|photo\n"
                            "drop\t.{0,40}photo.{0,40}\ndrop\tcredit.*\n",
                            "n.rules");
    whosaid_error e;
    whosaid_boiler *b = whosaid_boiler_load(path, &e);
    assert_non_null(b);
    whosaid_lines l = WHOSAID_LINES_INIT;
    split("Photo CREDIT: Jo Roe\n\nSome photo here\n\nKeep me\n\ncredits roll\n\n"
          "Plain words stay.\n",
          &l);
    assert_int_equal(whosaid_boiler_apply_rules(b, &l, &e), 4);
    assert_string_equal(why_of(&l, "Photo CREDIT"), "n.rules:2");
    /* Holds "photo" but rule 2 does not match: rule 3 decides. */
    assert_string_equal(why_of(&l, "Some photo"), "n.rules:3");
    assert_string_equal(why_of(&l, "Keep me"), "n.rules:1");
    /* "credits" holds "credit"; rule 2's \b fails, rule 4 matches. */
    assert_string_equal(why_of(&l, "credits roll"), "n.rules:4");
    BODY(&l, "Plain words");
    whosaid_lines_free(&l);
    whosaid_boiler_free(b);
    remove_temp(path);

    /* Without one of the words the rule is not tried, whatever it says. */
    path = write_temp("drop\t.*\tneeds=zzz\n", "z.rules");
    b = whosaid_boiler_load(path, &e);
    assert_non_null(b);
    split("anything at all\n\nbut zZz here\n", &l);
    assert_int_equal(whosaid_boiler_apply_rules(b, &l, &e), 1);
    BODY(&l, "anything");
    assert_string_equal(why_of(&l, "but zZz"), "z.rules:1");
    whosaid_lines_free(&l);
    whosaid_boiler_free(b);
    remove_temp(path);
}

static int load_boiler(const char *path, whosaid_error *e)
{
    whosaid_boiler *b = whosaid_boiler_load(path, e);
    whosaid_boiler_free(b);
    return b ? 0 : e->code;
}

#define load_error(content, line, msg)                                                             \
    assert_load_error(load_boiler, content, WHOSAID_ESYNTAX, line, msg)

static void test_rule_file_errors(void **state)
{
    (void)state;
    /* PCRE2's message with the offset into the pattern as written. */
    load_error("drop\tfine\n# comment\nlist\t(ab\n", 3, "offset 3: missing closing parenthesis");
    load_error("drop\tab)c\n", 1, "offset 2: unmatched closing parenthesis");
    load_error("delete\tfoo\n", 1, "unknown action \"delete\" (expected drop, list or end)");
    load_error("drop\n", 1, "drop: missing pattern");
    load_error("drop\tfoo\tbar\n", 1,
               "drop: expected a pattern and at most a needs=word|word field after the action "
               "(write a TAB in a pattern as \\t)");
    load_error("drop\tfoo\tneeds=foo\tx\n", 1,
               "drop: expected a pattern and at most a needs=word|word field after the action "
               "(write a TAB in a pattern as \\t)");
    load_error("drop\tfoo\tneeds=fo\n", 1,
               "needs=: a word of under 3 bytes (\"fo\"): a shorter one is in nearly every line");

    char *path = write_temp("drop\t[unclosed\n", "x.rules");
    whosaid_error e;
    assert_null(whosaid_boiler_load(path, &e));
    assert_int_equal(strncmp(e.msg, "offset ", 7), 0);
    remove_temp(path);
    assert_null(whosaid_boiler_load("/nonexistent/boilerplate.rules", &e));
    assert_int_equal(e.code, WHOSAID_EIO);
    whosaid_boiler_free(NULL);
}

static void test_match_limit_skips_the_rule_for_the_line(void **state)
{
    (void)state;
    /* Exponential backtracking with no literal PCRE2 could scan for first;
     * rule 3 matches the same lines, so it decides once rule 2 gives up. */
    char *path = write_temp("drop\tok\ndrop\t(?:a|aa)+(?:a|aa)+(?<!a)\ndrop\ta+c?\n", "slow.rules");
    whosaid_error e;
    whosaid_boiler *b = whosaid_boiler_load(path, &e);
    assert_non_null(b);
    char text[400], run1[121], run2[101];
    memset(run1, 'a', 120);
    run1[120] = '\0';
    memset(run2, 'a', 100);
    run2[100] = '\0';
    /* The second hostile line is 101 bytes. */
    snprintf(text, sizeof text, "%s\n\nSome words here.\n\n%sc\n", run1, run2);
    whosaid_lines l = WHOSAID_LINES_INIT;
    split(text, &l);
    assert_int_equal(whosaid_boiler_apply_rules(b, &l, &e), 2);
    assert_int_equal(l.v[0].fate, WHOSAID_LINE_BOILER);
    assert_string_equal(l.v[0].why, "slow.rules:3");
    assert_fate(&l, "Some words", WHOSAID_LINE_BODY, NULL);
    assert_string_equal(l.v[l.n - 1].why, "slow.rules:3");
    /* One entry for the rule, with the first line it hit. */
    assert_int_equal(whosaid_boiler_limit_hits(b), 1);
    const char *file = NULL;
    long line = 0;
    size_t bytes = 0;
    assert_true(whosaid_boiler_limit_hit(b, 0, &file, &line, &bytes));
    assert_string_equal(file, path);
    assert_int_equal(line, 2);
    assert_int_equal(bytes, 120);
    assert_false(whosaid_boiler_limit_hit(b, 1, &file, &line, &bytes));
    whosaid_lines_free(&l);
    /* The next apply starts afresh. */
    split("Some words here.\n", &l);
    assert_int_equal(whosaid_boiler_apply_rules(b, &l, &e), 0);
    assert_int_equal(whosaid_boiler_limit_hits(b), 0);
    whosaid_lines_free(&l);
    whosaid_boiler_free(b);
    remove_temp(path);
}

/* The shape tests read lines 16 bytes at a time: words, tabs and
 * separators on either side of a block boundary count as one at a time. */
static void test_line_shapes_across_blocks(void **state)
{
    (void)state;
    whosaid_line ln;
    /* 16 words exactly, long words straddling blocks, tabs between. */
    PROSE("Internationally\tacknowledged representatives\t\tof seventeen governments said "
          "nothing whatsoever about negotiations during yesterday's extraordinary closed "
          "afternoon",
          1);
    PROSE("Internationally\tacknowledged representatives\t\tof seventeen governments said "
          "nothing whatsoever about negotiations during yesterday's extraordinary closed",
          0); /* 15 words, no end mark */
    LINK("abcdefghijklmno p abcdefghijklmno q abcdefghijklmno r abcdefghijklmno s", 1);
    LINK("abcdefghijklmnop abcdefghijklmnop abcdefghijklmnop abcdefghijklmnop a b c d e f g h "
         "i",
         0); /* 13 words */
    LINK("abcdefghijklmnop abcdefghijklmnop abcdefghijklmnop abcdefghijklmnop a b c d e f g h",
         1); /* 12 words */
    /* Separators first seen in a later block. */
    NAV("International headlines | World news | Asia Pacific", 1);
    NAV("International headlines today \xE2\x80\xA2 World \xE2\x80\xA2 Asia", 1);
    NAV("International headlines today \xEF\xBD\x9C World \xEF\xBD\x9C Asia", 1);
    NAV("one two three four five six seven | World | Asia", 0); /* 7 words in a segment */
    NAV("one two three four five | World news today | Asia and Pacific", 1);
    NAV("International \xE2\x80\x94 headlines | World | Asia", 1); /* an em dash is no separator */
    CRUMB("International headlines >> World news >> Asia Pacific", 1);
    CRUMB("International headlines \xC2\xBB World news", 1);
    CRUMB("International headlines > World news", 0); /* one '>' */
    CRUMB("International headlines > World news > Asia", 1);
    CRUMB("one two three four five six seven >> World", 0);
    /* Long prose with no separator: neither. */
    NAV("The committee, which met for the first time since the election, did not vote.", 0);
    CRUMB("The committee, which met for the first time since the election, did not vote.", 0);
}

/* Page tools of layouts saved one element per line: an ad slot's label
 * (CNN's "Ad Feedback" under each ad) and the like; the same words inside
 * a sentence stay. */
static void test_ad_feedback_slot(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    run_all("Egg prices rose 59% in a year, the Bureau of Labor Statistics said on Thursday.\n"
            "Ad Feedback\n"
            "Video Ad Feedback\n"
            "Readers sent ad feedback to the paper, which said it would review the page.\n",
            &l);
    RULE(&l, "Ad Feedback");
    RULE(&l, "Video Ad Feedback");
    BODY(&l, "Egg prices");
    BODY(&l, "Readers sent");
    whosaid_lines_free(&l);

    /* Reading time and share feedback. */
    run_all("4 minute read\nLink Copied!\n"
            "The report took 4 minutes to read aloud, and the link was copied widely.\n",
            &l);
    RULE(&l, "4 minute read");
    RULE(&l, "Link Copied!");
    BODY(&l, "The report took");
    whosaid_lines_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_000),
        cmocka_unit_test(test_seed_002),
        cmocka_unit_test(test_reuters_shapes),
        cmocka_unit_test(test_bbc_guardian_ap_shapes),
        cmocka_unit_test(test_heading_variants),
        cmocka_unit_test(test_prose_mentioning_boilerplate_words_survives),
        cmocka_unit_test(test_subheading_survives_runs_do_not),
        cmocka_unit_test(test_hard_wrapped_wire_copy_survives),
        cmocka_unit_test(test_list_stops_at_prose_and_header_is_safe),
        cmocka_unit_test(test_runs_break_at_metadata_and_prose),
        cmocka_unit_test(test_line_shapes),
        cmocka_unit_test(test_list_goes_on_through_dropped_lines),
        cmocka_unit_test(test_captions_share_and_trailers),
        cmocka_unit_test(test_line_shapes_across_blocks),
        cmocka_unit_test(test_why_names_file_and_line),
        cmocka_unit_test(test_backreference_rule_works_outside_prefilter),
        cmocka_unit_test(test_dw_furniture),
        cmocka_unit_test(test_needs_field),
        cmocka_unit_test(test_ad_feedback_slot),
        cmocka_unit_test(test_rule_file_errors),
        cmocka_unit_test(test_match_limit_skips_the_rule_for_the_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
