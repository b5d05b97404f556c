/* Article metadata: the shipped meta.rules on the seed pages' headers and
 * other outlets' shapes (bylines, date lines, datelines, time zones), which
 * lines are consumed, given fields kept, and rule-file errors. */
#include "testutil.h"

#include "whosaid/boilerplate.h"
#include "whosaid/calendar.h"
#include "whosaid/lines.h"
#include "whosaid/meta.h"

static whosaid_calendar *CAL;
static whosaid_boiler *BOILER;
static whosaid_meta_rules *META;

static int setup(void **state)
{
    (void)state;
    whosaid_error e;
    CAL = whosaid_calendar_load(WHOSAID_TEST_RULES_DIR "/calendar.rules", &e);
    if (CAL) BOILER = whosaid_boiler_load(WHOSAID_TEST_RULES_DIR "/boilerplate.rules", &e);
    if (BOILER) META = whosaid_meta_load(WHOSAID_TEST_RULES_DIR "/meta.rules", CAL, &e);
    if (!META) fprintf(stderr, "%s:%ld: %s\n", e.file, e.line, e.msg);
    return META ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    whosaid_meta_free(META);
    whosaid_boiler_free(BOILER);
    whosaid_calendar_free(CAL);
    return 0;
}

/* As whosaid-normalize runs it: boilerplate rules, then metadata. The
 * result must equal the JSON object `expected` exactly. */
static void check(const char *text, const char *given, const char *expected, whosaid_lines *l)
{
    assert_int_equal(whosaid_lines_split(text, strlen(text), l), 0);
    whosaid_error e;
    assert_true(whosaid_boiler_apply_rules(BOILER, l, &e) >= 0);
    json_t *meta = given ? json_loads(given, 0, NULL) : json_object();
    json_t *want = json_loads(expected, 0, NULL);
    assert_non_null(meta);
    assert_non_null(want);
    assert_int_equal(whosaid_meta_extract(META, l, meta, &e), 0);
    if (!json_equal(meta, want)) {
        char *got = json_dumps(meta, JSON_SORT_KEYS);
        char *exp = json_dumps(want, JSON_SORT_KEYS);
        fprintf(stderr, "got      %s\nexpected %s\n", got, exp);
        free(got);
        free(exp);
        fail();
    }
    json_decref(meta);
    json_decref(want);
}

/* ---- The seed pages --------------------------------------------------------- */

static void test_seed_000_header(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    check("China Politics | CPC News| Foreign Affairs | World | Opinion| Business | China "
          "Military | Society | Life & Culture | Travel | Sports | Science | Education | Photo | "
          "Tibet Online | Special Coverage\n\n"
          "English >> Foreign Affairs\n\n"
          "Cyber security being dealt with by UN as global challenge\n\n"
          "Xinhua) 21:22, June 27, 2013\n\n"
          "Peter Launsky-Tieffenthal, Under-Secretary-General for Communications and Public "
          "Information, gives an exclusive interview to Xinhuanet in Beijing, June 27th, 2013. "
          "(Xinhuanet Photo)\n\n"
          "BEIJING, June 27 (Xinhuanet) \xE2\x80\x93 Cyber security, as a global challenge, is "
          "being dealt with by the United Nations, said an United Nations official here on "
          "Thursday.\n\n"
          "(Editor:YanMeng\xE3\x80\x81Wang Jinxue)\n",
          NULL,
          "{\"title\": \"Cyber security being dealt with by UN as global challenge\","
          " \"outlet\": \"Xinhua\", \"published\": \"2013-06-27\", \"published_time\": \"21:22\","
          " \"dateline\": \"BEIJING\"}",
          &l);
    assert_fate(&l, "China Politics", WHOSAID_LINE_BODY, NULL); /* the heuristics' job, later */
    assert_fate(&l, "English >>", WHOSAID_LINE_BODY, NULL);
    assert_fate(&l, "Cyber security being", WHOSAID_LINE_META, "meta:title");
    assert_fate(&l, "Xinhua) 21:22", WHOSAID_LINE_META, "meta.rules:");
    assert_fate(&l, "Peter Launsky", WHOSAID_LINE_BODY, NULL);    /* photo caption stays */
    assert_fate(&l, "BEIJING, June 27", WHOSAID_LINE_BODY, NULL); /* dateline paragraph stays */
    whosaid_lines_free(&l);
}

static void test_seed_002_header(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    check("Latest News: \n\n"
          "English>>Foreign Affairs\n\n"
          "China seeks greater cybercooperation\n\n"
          "By ZHOU WA (China Daily)\n\n"
          "08:24, March 22, 2013\n\n"
          "China is open to cooperating with other countries to maintain international "
          "cybersecurity, Foreign Ministry spokesman Hong Lei said on Thursday.\n\n"
          "Hong made his remarks after the Republic of Korea claimed it traced the cyberattacks "
          "on its broadcasters and banks on Wednesday to an IP address in China.\n",
          NULL,
          "{\"title\": \"China seeks greater cybercooperation\", \"byline\": \"ZHOU WA\","
          " \"outlet\": \"China Daily\", \"published\": \"2013-03-22\","
          " \"published_time\": \"08:24\"}",
          &l);
    assert_fate(&l, "Latest News:", WHOSAID_LINE_BOILER, NULL);
    assert_fate(&l, "China seeks", WHOSAID_LINE_META, "meta:title");
    assert_fate(&l, "By ZHOU WA", WHOSAID_LINE_META, "meta.rules:");
    assert_fate(&l, "08:24, March", WHOSAID_LINE_META, "meta.rules:");
    assert_fate(&l, "China is open", WHOSAID_LINE_BODY, NULL);
    whosaid_lines_free(&l);
}

/* ---- Other outlets ------------------------------------------------------------ */

static const char LEDE[] = "Officials said on Thursday that the attack had been traced to "
                           "servers abroad and that an inquiry would follow.\n";

static void page(char *buf, size_t cap, const char *header)
{
    snprintf(buf, cap, "%s\n\n%s", header, LEDE);
}

static void test_reuters(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    check("World | Business | Markets | Politics\n\n"
          "U.S. lawmakers seek answers on spying\n\n"
          "By Jane Doe, Reuters\n\n"
          "Thu Jun 27, 2013 9:22pm EDT\n\n"
          "WASHINGTON (Reuters) - U.S. lawmakers on Thursday demanded answers from intelligence "
          "officials about a secret surveillance program.\n",
          NULL,
          "{\"title\": \"U.S. lawmakers seek answers on spying\", \"byline\": \"Jane Doe\","
          " \"outlet\": \"Reuters\", \"published\": \"2013-06-27\", \"published_time\": \"21:22\","
          " \"published_datetime\": \"2013-06-27T21:22-04:00\", \"dateline\": \"WASHINGTON\"}",
          &l);
    whosaid_lines_free(&l);
}

static void test_ap(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    check("Quake strikes off Japan coast\n\n"
          "By JANE DOE and JOHN ROE\n\n"
          "June 27, 2013 9:22 PM ET\n\n"
          "LONDON, June 27 (AP) \xE2\x80\x94 A strong earthquake struck off the coast of "
          "northeastern Japan on Thursday, the agency said.\n",
          NULL,
          "{\"title\": \"Quake strikes off Japan coast\", \"byline\": \"JANE DOE and JOHN ROE\","
          " \"outlet\": \"AP\", \"published\": \"2013-06-27\", \"published_time\": \"21:22\","
          " \"published_datetime\": \"2013-06-27T21:22-04:00\", \"dateline\": \"LONDON\"}",
          &l);
    assert_fate(&l, "By JANE DOE", WHOSAID_LINE_META, "meta.rules:");
    whosaid_lines_free(&l);
}

static void test_yonhap_guardian_bbc(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    check("N. Korea hacks banks: official\n\n"
          "Updated: 2013-03-21 08:24\n\n"
          "SEOUL, March 21 (Yonhap) -- South Korea said Thursday that the cyberattacks on its "
          "banks came from a Chinese IP address.\n",
          NULL,
          "{\"title\": \"N. Korea hacks banks: official\", \"outlet\": \"Yonhap\","
          " \"dateline\": \"SEOUL\", \"published\": \"2013-03-21\", \"published_time\": \"08:24\"}",
          &l);
    whosaid_lines_free(&l);

    char buf[1024];
    page(buf, sizeof buf, "Cyber attack hits banks\n\nThu 27 Jun 2013 21.22 BST");
    check(buf, NULL,
          "{\"title\": \"Cyber attack hits banks\", \"published\": \"2013-06-27\","
          " \"published_time\": \"21:22\", \"published_datetime\": \"2013-06-27T21:22+01:00\"}",
          &l);
    whosaid_lines_free(&l);

    page(buf, sizeof buf,
         "Home \xC2\xBB News\n\nCyber attack hits banks\n\nPublished: 27 June 2013");
    check(buf, NULL, "{\"title\": \"Cyber attack hits banks\", \"published\": \"2013-06-27\"}", &l);
    whosaid_lines_free(&l);

    page(buf, sizeof buf, "Banks hit\n\nLast Updated: Thursday, 27 June 2013, 21:22 GMT 22:22 UK");
    check(buf, NULL,
          "{\"title\": \"Banks hit\", \"published\": \"2013-06-27\", \"published_time\": \"21:22\","
          " \"published_datetime\": \"2013-06-27T21:22+00:00\"}",
          &l);
    whosaid_lines_free(&l);
}

static void test_xinhuanet_cnn_blog(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    /* The date line comes first: the title is the line after it. */
    check("Source: Xinhua| 2013-06-27 21:22:05|Editor: Mu Xuequan\n\n"
          "China, UN discuss cyber security\n\n"
          "UNITED NATIONS, June 27 (Xinhua) -- China and the United Nations on Thursday discussed "
          "cyber security issues at a meeting.\n",
          NULL,
          "{\"title\": \"China, UN discuss cyber security\", \"outlet\": \"Xinhua\","
          " \"dateline\": \"UNITED NATIONS\", \"published\": \"2013-06-27\","
          " \"published_time\": \"21:22\"}",
          &l);
    whosaid_lines_free(&l);

    check("Cyber attacks rise\n\n"
          "By Jane Doe, CNN\n\n"
          "Updated 9:22 PM ET, Thu December 5, 2013\n\n"
          "Hong Kong (CNN) \xE2\x80\x94 Cyber attacks across Asia rose sharply this year, "
          "according to a new report.\n",
          NULL,
          "{\"title\": \"Cyber attacks rise\", \"byline\": \"Jane Doe\", \"outlet\": \"CNN\","
          " \"dateline\": \"Hong Kong\", \"published\": \"2013-12-05\","
          " \"published_time\": \"21:22\", \"published_datetime\": \"2013-12-05T21:22-05:00\"}",
          &l);
    whosaid_lines_free(&l);

    char buf[1024];
    page(buf, sizeof buf,
         "My blog\n\nThoughts on cyber security\n\nPosted on June 27, 2013 by admin");
    check(buf, NULL,
          "{\"title\": \"Thoughts on cyber security\", \"byline\": \"admin\","
          " \"published\": \"2013-06-27\"}",
          &l);
    assert_fate(&l, "My blog", WHOSAID_LINE_BODY, NULL);
    whosaid_lines_free(&l);
}

static void test_byline_shapes(void **state)
{
    (void)state;
    static const struct {
        const char *line, *expected;
    } cases[] = {
        {"By Jane Doe, Reuters", "{\"byline\": \"Jane Doe\", \"outlet\": \"Reuters\"}"},
        {"By JOHN ROE, Associated Press", "{\"byline\": \"JOHN ROE\", \"outlet\": \"AP\"}"},
        {"By Jane Doe | The Associated Press", "{\"byline\": \"Jane Doe\", \"outlet\": \"AP\"}"},
        {"By Jane Doe (Reuters)", "{\"byline\": \"Jane Doe\", \"outlet\": \"Reuters\"}"},
        {"By JANE DOE and JOHN ROE", "{\"byline\": \"JANE DOE and JOHN ROE\"}"},
        {"By MIN-JI KIM Associated Press", "{\"byline\": \"MIN-JI KIM\", \"outlet\": \"AP\"}"},
        {"By Jane Doe, John Roe and Max Moe", "{\"byline\": \"Jane Doe, John Roe and Max Moe\"}"},
        {"By Jane Doe, Staff Reporter", "{\"byline\": \"Jane Doe\"}"},
        {"By Jane Doe in Beijing", "{\"byline\": \"Jane Doe\"}"},
        {"By Ludwig van Beethoven", "{\"byline\": \"Ludwig van Beethoven\"}"},
        {"By Zhou Wa (China Daily) Updated: 2013-03-22 08:24",
         "{\"byline\": \"Zhou Wa\", \"outlet\": \"China Daily\", \"published\": \"2013-03-22\","
         " \"published_time\": \"08:24\"}"},
        {"(Xinhua)", "{\"outlet\": \"Xinhua\"}"},
        {"Source: China Daily", "{\"outlet\": \"China Daily\"}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[512], want[512];
        snprintf(text, sizeof text, "Headline here\n\n%s\n\n%s", cases[i].line, LEDE);
        snprintf(want, sizeof want, "%.*s, \"title\": \"Headline here\"}",
                 (int)strlen(cases[i].expected) - 1, cases[i].expected);
        whosaid_lines l = WHOSAID_LINES_INIT;
        check(text, NULL, want, &l);
        assert_fate(&l, cases[i].line, WHOSAID_LINE_META, "meta.rules:");
        whosaid_lines_free(&l);
    }
}

static void test_date_shapes(void **state)
{
    (void)state;
    static const struct {
        const char *line, *published, *time, *datetime;
    } cases[] = {
        {"2013-06-27", "2013-06-27", NULL, NULL},
        {"2013/6/7", "2013-06-07", NULL, NULL},
        {"27.06.2013", "2013-06-27", NULL, NULL},
        {"Published: 27 June 2013", "2013-06-27", NULL, NULL},
        {"Thursday, June 27th 2013", "2013-06-27", NULL, NULL},
        {"Sept. 5, 2013", "2013-09-05", NULL, NULL},
        {"Updated: 2013-06-27 21:22", "2013-06-27", "21:22", NULL},
        {"June 27, 2013 at 9:22 am", "2013-06-27", "09:22", NULL},
        {"June 27, 2013 12:05 AM", "2013-06-27", "00:05", NULL},
        {"June 27, 2013 9:22 PM ET", "2013-06-27", "21:22", "2013-06-27T21:22-04:00"},
        {"Updated: 2013-06-27 21:22 GMT+8", "2013-06-27", "21:22", "2013-06-27T21:22+08:00"},
        {"2013-06-27 21:22 +0530", "2013-06-27", "21:22", "2013-06-27T21:22+05:30"},
        {"21:22 (Beijing Time), June 27, 2013", "2013-06-27", "21:22", "2013-06-27T21:22+08:00"},
        {"January 5, 2013 9:22 PM PT", "2013-01-05", "21:22", "2013-01-05T21:22-08:00"},
        {"June 27, 2013 / 9:22 PM / 5 years ago", "2013-06-27", "21:22", NULL},
        {"June 4, 2024 9:22 PM GMT+2 Updated 2 hours ago", "2024-06-04", "21:22",
         "2024-06-04T21:22+02:00"},
        {"2013\xE5\xB9\xB4"
         "6\xE6\x9C\x88"
         "27\xE6\x97\xA5 21:22",
         "2013-06-27", "21:22", NULL},
        /* Date-shaped but impossible: the line is still metadata, no date. */
        {"February 30, 2013", NULL, NULL, NULL},
        {"2013-13-01", NULL, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[512], want[512];
        snprintf(text, sizeof text, "Headline here\n\n%s\n\n%s", cases[i].line, LEDE);
        int n = snprintf(want, sizeof want, "{\"title\": \"Headline here\"");
        if (cases[i].published)
            n += snprintf(want + n, sizeof want - n, ", \"published\": \"%s\"", cases[i].published);
        if (cases[i].time)
            n += snprintf(want + n, sizeof want - n, ", \"published_time\": \"%s\"", cases[i].time);
        if (cases[i].datetime)
            n += snprintf(want + n, sizeof want - n, ", \"published_datetime\": \"%s\"",
                          cases[i].datetime);
        snprintf(want + n, sizeof want - n, "}");
        whosaid_lines l = WHOSAID_LINES_INIT;
        check(text, NULL, want, &l);
        assert_fate(&l, cases[i].line, WHOSAID_LINE_META, "meta.rules:");
        whosaid_lines_free(&l);
    }
}

static void test_dateline_shapes(void **state)
{
    (void)state;
    static const struct {
        const char *para, *expected;
    } cases[] = {
        {"WASHINGTON (Reuters) - Lawmakers met.",
         "{\"dateline\": \"WASHINGTON\", \"outlet\": \"Reuters\"}"},
        {"LONDON, June 27 (AP) \xE2\x80\x94 Police said.",
         "{\"dateline\": \"LONDON\", \"outlet\": \"AP\"}"},
        {"SEOUL, March 21 (Yonhap) -- Banks were hit.",
         "{\"dateline\": \"SEOUL\", \"outlet\": \"Yonhap\"}"},
        {"SAN JOSE, Calif. (AP) \xE2\x80\x94 A fire broke out.",
         "{\"dateline\": \"SAN JOSE\", \"outlet\": \"AP\"}"},
        {"NEW YORK \xE2\x80\x94 Stocks fell.", "{\"dateline\": \"NEW YORK\"}"},
        {"BEIJING, June 27, 2013 (Xinhua) -- It rained.",
         "{\"dateline\": \"BEIJING\", \"outlet\": \"Xinhua\", \"published\": \"2013-06-27\"}"},
        {"Hong Kong (CNN)Protesters marched.",
         "{\"dateline\": \"Hong Kong\", \"outlet\": \"CNN\"}"},
        {"MUMBAI: The city's trains ran late.", "{\"dateline\": \"MUMBAI\"}"},
        {"NEW DELHI, March 3: Fares rose.", "{\"dateline\": \"NEW DELHI\"}"},
        /* Not datelines: a transcript's speaker label has a role after its comma. */
        {"MARCUS BELL, BYLINE: Good morning, Dana.", "{}"},
        {"NATO and its allies met in Brussels.", "{}"},
        {"Obama (left) \xE2\x80\x93 seen here in June \xE2\x80\x93 said no.", "{}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "%s and more words to make it a real paragraph of a news "
                 "story here.\n",
                 cases[i].para);
        whosaid_lines l = WHOSAID_LINES_INIT;
        check(text, NULL, cases[i].expected, &l);
        assert_int_equal(l.v[0].fate, WHOSAID_LINE_BODY);
        whosaid_lines_free(&l);
    }
}

/* Labels with a colon opening several paragraphs are a transcript's speaker
 * turns, not a dateline ("WHITCOMB: So what happened?", "BELL: Well, ..."). */
static void test_repeated_label_is_no_dateline(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    check("WHITCOMB: So what happened in the talks on the port deal this week?\n\n"
          "BELL: Well, the money itself is not really the problem for either side here.\n\n"
          "WHITCOMB: And the ports have been loud about that for a long while now.\n",
          NULL, "{}", &l);
    whosaid_lines_free(&l);
    check("MUMBAI: The city's trains ran late on Monday as rain flooded the tracks again.\n\n"
          "Commuters said the delays were the worst this year in the western suburbs.\n",
          NULL, "{\"dateline\": \"MUMBAI\"}", &l);
    whosaid_lines_free(&l);
}

/* ---- Where metadata may come from ----------------------------------------------- */

static void test_given_fields_are_kept(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    char buf[1024];
    page(buf, sizeof buf, "Given title\n\nBy Jane Doe, Reuters\n\nJune 27, 2013 9:22 PM ET");
    check(buf, "{\"title\": \"Given title\", \"outlet\": \"Mine\", \"published\": \"2001-01-01\"}",
          "{\"title\": \"Given title\", \"outlet\": \"Mine\", \"published\": \"2001-01-01\","
          " \"byline\": \"Jane Doe\"}",
          &l);
    assert_fate(&l, "Given title", WHOSAID_LINE_META, "meta:title"); /* it is the given title */
    whosaid_lines_free(&l);

    /* A given title that is not on the page leaves the header line alone;
     * a JSON null counts as missing. */
    page(buf, sizeof buf, "Some headline");
    check(buf, "{\"title\": \"Other\", \"byline\": null}",
          "{\"title\": \"Other\", \"byline\": null}", &l);
    assert_fate(&l, "Some headline", WHOSAID_LINE_BODY, NULL);
    whosaid_lines_free(&l);
}

static void test_header_ends_at_prose(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    /* A question headline is not prose; date lines in the body are not read. */
    check("Is China behind the attacks?\n\n"
          "By Jane Doe\n\n"
          "Officials said on Thursday that the attack had been traced to servers abroad.\n\n"
          "The inquiry will report next month.\n\n"
          "June 27, 2013\n\n"
          "By John Roe\n",
          NULL, "{\"title\": \"Is China behind the attacks?\", \"byline\": \"Jane Doe\"}", &l);
    assert_fate(&l, "June 27, 2013", WHOSAID_LINE_BODY, NULL);
    assert_fate(&l, "By John Roe", WHOSAID_LINE_BODY, NULL);
    whosaid_lines_free(&l);

    /* No header at all. */
    check(LEDE, NULL, "{}", &l);
    whosaid_lines_free(&l);

    /* Hard-wrapped wire copy: the body starts at the first wrapped line. */
    check("Cyber security on UN agenda\n\n"
          "BEIJING, June 27 (Xinhua) -- Cyber security, as a global\n"
          "challenge, is being dealt with by the United\n"
          "Nations, said an official here on Thursday.\n",
          NULL,
          "{\"title\": \"Cyber security on UN agenda\", \"dateline\": \"BEIJING\","
          " \"outlet\": \"Xinhua\"}",
          &l);
    assert_fate(&l, "challenge, is", WHOSAID_LINE_BODY, NULL);
    whosaid_lines_free(&l);

    check("Cyber security on UN agenda\n\n"
          "Cyber security, as a global challenge, is\n"
          "being dealt with by the United Nations, an official\n"
          "said here on Thursday.\n",
          NULL, "{\"title\": \"Cyber security on UN agenda\"}", &l);
    assert_fate(&l, "Cyber security, as", WHOSAID_LINE_BODY, NULL);
    whosaid_lines_free(&l);
}

static void test_ap_byline_under_first_paragraph(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    check("SEOUL, South Korea (AP) \xE2\x80\x94 South Korea's top nuclear envoy said on Friday "
          "that talks with the United States were close to the finish line.\n\n"
          "By MIN-JI KIM Associated Press\n\n"
          "Published 10:15 AM EDT, March 7, 2025\n\n"
          "Speaking to The Associated Press in Seoul, envoy Lee Jun-ho said negotiators had "
          "resolved all but two or three issues.\n\n"
          "Water shortages\n\n"
          "The current agreement, signed in 2021, requires South Korea to pay more.\n",
          NULL,
          "{\"dateline\": \"SEOUL\", \"outlet\": \"AP\", \"byline\": \"MIN-JI KIM\","
          " \"published\": \"2025-03-07\", \"published_time\": \"10:15\","
          " \"published_datetime\": \"2025-03-07T10:15-04:00\"}",
          &l);
    assert_fate(&l, "SEOUL, South Korea", WHOSAID_LINE_BODY, NULL);
    assert_fate(&l, "By MIN-JI KIM", WHOSAID_LINE_META, "meta.rules:");
    assert_fate(&l, "Published 10:15", WHOSAID_LINE_META, "meta.rules:");
    assert_fate(&l, "Water shortages", WHOSAID_LINE_BODY, NULL); /* a subheading, never the title */
    whosaid_lines_free(&l);
}

static void test_title_skips_navigation(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    char buf[1024];
    /* Ticker items above the headline: the line right above the byline wins. */
    page(buf, sizeof buf,
         "Home | World | Asia | Business\n\nHome > World > Asia\n\nFloods close schools\n\n"
         "Power restored in north\n\nStorm batters the coast\n\nBy Jane Doe");
    check(buf, NULL, "{\"title\": \"Storm batters the coast\", \"byline\": \"Jane Doe\"}", &l);
    assert_fate(&l, "Floods close", WHOSAID_LINE_BODY, NULL);
    whosaid_lines_free(&l);
}

/* A section name or path near the headline is never the title when a line
 * that reads like a headline exists; left in the header it is furniture. */
static void test_title_is_no_section_name(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    char buf[1024];
    static const char *const headers[] = {
        /* under the headline, above the byline */
        "Copper producers brace for weaker demand\nMarkets | Commodities\nBy Laura Chen",
        "Copper producers brace for weaker demand\n\nMarkets\n\nBy Laura Chen",
        "Copper producers brace for weaker demand\nNews / Politics\nBy Laura Chen",
        /* the masthead and labels above it, after the outlet line */
        "The Guardian\nUK\nEnvironment\nCopper producers brace for weaker demand\n"
        "By Laura Chen",
        "The Dayton Ledger\nHome > Business\nCopper producers brace for weaker demand\n"
        "By Laura Chen",
    };
    for (size_t i = 0; i < sizeof headers / sizeof *headers; i++) {
        page(buf, sizeof buf, headers[i]);
        int guardian = strncmp(headers[i], "The Guardian", 12) == 0;
        check(buf, NULL,
              guardian ? "{\"title\": \"Copper producers brace for weaker demand\","
                         " \"outlet\": \"The Guardian\", \"byline\": \"Laura Chen\"}"
                       : "{\"title\": \"Copper producers brace for weaker demand\","
                         " \"byline\": \"Laura Chen\"}",
              &l);
        whosaid_boiler_apply_heuristics(&l); /* the paths; labels went with the title */
        for (size_t k = 0; k < l.n; k++) {
            const whosaid_line *ln = &l.v[k];
            /* Every header line is gone from the body; the lede stays. */
            int lede = ln->len > 10 && !memcmp(ln->s, "Officials", 9);
            assert_int_equal(ln->fate == WHOSAID_LINE_BODY, lede);
        }
        whosaid_lines_free(&l);
    }
    /* A label is still the title when nothing else can be. */
    page(buf, sizeof buf, "Obituaries\n\nBy Laura Chen");
    check(buf, NULL, "{\"title\": \"Obituaries\", \"byline\": \"Laura Chen\"}", &l);
    whosaid_lines_free(&l);
}

/* Outlets' other header shapes: a byline without "By" but with a role, other
 * credits after the byline, a place before the date label, a zone
 * abbreviation not in the table, a mixed-case dateline with its region. */
static void test_more_outlet_headers(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    char buf[1024];
    page(buf, sizeof buf,
         "Water companies face fines\n\nRachel Whitcombe Environment correspondent\n\n"
         "Tue 4 Mar 2025 14.05 GMT");
    check(buf, NULL,
          "{\"title\": \"Water companies face fines\", \"byline\": \"Rachel Whitcombe\","
          " \"published\": \"2025-03-04\", \"published_time\": \"14:05\","
          " \"published_datetime\": \"2025-03-04T14:05+00:00\"}",
          &l);
    whosaid_lines_free(&l);

    /* A title-case headline ending in a role noun is no byline. */
    page(buf, sizeof buf, "Biden Names New Editor\n\nBy Jane Doe");
    check(buf, NULL, "{\"title\": \"Biden Names New Editor\", \"byline\": \"Jane Doe\"}", &l);
    whosaid_lines_free(&l);

    page(buf, sizeof buf,
         "Metro ridership crosses 1.5 million\nWritten by Priya Raghavan | Edited by Arjun Sen\n"
         "Mumbai | Updated: Mar 3, 2025 10:42 IST");
    check(buf, NULL,
          "{\"title\": \"Metro ridership crosses 1.5 million\", \"byline\": \"Priya Raghavan\","
          " \"published\": \"2025-03-03\", \"published_time\": \"10:42\"}",
          &l);
    assert_fate(&l, "Mumbai | Updated", WHOSAID_LINE_META, "meta.rules:");
    whosaid_lines_free(&l);

    check("Iraq signs oil deal\n\nBy Ali Hashem\n\nPublished On 3 Mar 2025\n\n"
          "Baghdad, Iraq \xE2\x80\x93 Iraq has signed a $4.5bn agreement with a consortium, the "
          "oil ministry said on Monday.\n",
          NULL,
          "{\"title\": \"Iraq signs oil deal\", \"byline\": \"Ali Hashem\","
          " \"dateline\": \"Baghdad\", \"published\": \"2025-03-03\"}",
          &l);
    whosaid_lines_free(&l);
    /* A name and a dash without a region is no dateline. */
    check("Smith \xE2\x80\x93 the new coach \xE2\x80\x93 said the team was ready for the "
          "season.\n",
          NULL, "{}", &l);
    whosaid_lines_free(&l);
}

/* A credit line's outlet (with a date or a byline) replaces a masthead's;
 * a trailer at the foot names the outlet when the header did not. */
static void test_credit_outlet_and_trailers(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    char buf[1024];
    page(buf, sizeof buf,
         "China Daily\n\nGrain storage grows in the northeast\nXinhua | Updated: 2025-03-03 "
         "09:12");
    check(buf, NULL,
          "{\"title\": \"Grain storage grows in the northeast\", \"outlet\": \"Xinhua\","
          " \"published\": \"2025-03-03\", \"published_time\": \"09:12\"}",
          &l);
    assert_fate(&l, "China Daily", WHOSAID_LINE_META, "meta.rules:");
    whosaid_lines_free(&l);
    /* The other way round the masthead is the only outlet; one the caller
     * gave is never replaced. */
    page(buf, sizeof buf, "China Daily\n\nGrain storage grows in the northeast\n2025-03-03 09:12");
    check(buf, NULL,
          "{\"title\": \"Grain storage grows in the northeast\", \"outlet\": \"China Daily\","
          " \"published\": \"2025-03-03\", \"published_time\": \"09:12\"}",
          &l);
    whosaid_lines_free(&l);
    page(buf, sizeof buf, "Grain storage grows in the northeast\nXinhua | Updated: 2025-03-03");
    check(buf, "{\"outlet\": \"CGTN\"}",
          "{\"title\": \"Grain storage grows in the northeast\", \"outlet\": \"CGTN\","
          " \"published\": \"2025-03-03\"}",
          &l);
    whosaid_lines_free(&l);

    const char *body = "Iraq signs oil deal\n\nBy Ali Hashem\n\n"
                       "Iraq has signed a $4.5bn agreement with a consortium, the oil ministry "
                       "said on Monday.\n\n"
                       "Officials in Basra have long complained about the oil wealth.\n\n";
    snprintf(buf, sizeof buf, "%sSource: Al Jazeera and news agencies\n", body);
    check(buf, NULL,
          "{\"title\": \"Iraq signs oil deal\", \"byline\": \"Ali Hashem\","
          " \"outlet\": \"Al Jazeera\"}",
          &l);
    /* The boilerplate rule took the line; it stays out of the body. */
    assert_fate(&l, "Source: Al", WHOSAID_LINE_BOILER, "boilerplate.rules:");
    whosaid_lines_free(&l);
    snprintf(buf, sizeof buf, "%sWith AFP and other agencies\n\nShare this article\n", body);
    check(buf, NULL,
          "{\"title\": \"Iraq signs oil deal\", \"byline\": \"Ali Hashem\","
          " \"outlet\": \"AFP\"}",
          &l);
    whosaid_lines_free(&l);
    /* "Source:" with no known outlet, or a trailer far above the foot, names none. */
    snprintf(buf, sizeof buf, "%sSource: company filings\n", body);
    check(buf, NULL, "{\"title\": \"Iraq signs oil deal\", \"byline\": \"Ali Hashem\"}", &l);
    whosaid_lines_free(&l);
    snprintf(buf, sizeof buf,
             "%sSource: Reuters\n\nOne.\n\nTwo more words.\n\nThree.\n\nFour.\n\nFive.\n", body);
    check(buf, NULL, "{\"title\": \"Iraq signs oil deal\", \"byline\": \"Ali Hashem\"}", &l);
    whosaid_lines_free(&l);
    /* A header outlet stays. */
    snprintf(buf, sizeof buf, "%sSource: Al Jazeera and news agencies\n",
             "Iraq signs oil deal\n\nBy Ali Hashem, Reuters\n\n"
             "Iraq has signed a $4.5bn agreement with a consortium, the oil ministry said on "
             "Monday.\n\n");
    check(buf, NULL,
          "{\"title\": \"Iraq signs oil deal\", \"byline\": \"Ali Hashem\","
          " \"outlet\": \"Reuters\"}",
          &l);
    whosaid_lines_free(&l);
}

/* ---- Rule files --------------------------------------------------------------- */

static int load_meta(const char *path, whosaid_error *e)
{
    whosaid_meta_rules *m = whosaid_meta_load(path, CAL, e);
    whosaid_meta_free(m);
    return m ? 0 : e->code;
}

#define load_error(content, line, msg)                                                             \
    assert_load_error(load_meta, content, WHOSAID_ESYNTAX, line, msg)

static void test_rule_file_errors(void **state)
{
    (void)state;
    /* PCRE2's own message, offset into the pattern as written. */
    load_error("# c\nline\tBy (?<byline>.+\n", 2, "offset 15: missing closing parenthesis");
    load_error("define\tD\t(?<day>\\d+\nline\tOn {D}\n", 1,
               "offset 10: missing closing parenthesis");
    load_error(
        "lines\tfoo\n", 1,
        "unknown keyword \"lines\" (expected line, dateline, trailer, define, zone or outlet)");
    load_error("line\tOn {NOPE}\n", 1, "undefined {NOPE}");
    load_error("line\t(?<moth>{MONTH})\n", 1,
               "unknown group name \"moth\" (known: outlet, byline, dateline, year, month, day, "
               "hour, minute, ampm, tz, role)");
    load_error("zone\tXT\t8\n", 1, "zone XT: bad offset \"8\" (expected +hh:mm)");
    load_error("zone\tXT\t+08:00\tasia\n", 1,
               "zone XT: unknown DST rule \"asia\" (expected us or eu)");
    load_error("define\tMONTH\tx\n", 1, "define: MONTH is built in and cannot be redefined");
    load_error("define\tA\tx\ndefine\tA\ty\n", 2, "define: A defined twice");
    load_error("define\tdate\tx\n", 1,
               "define: bad name \"date\" (expected an upper-case letter, then upper-case "
               "letters, digits and _)");
    load_error("define\tA\t{B}\ndefine\tB\t{A}\n", 1, "{B} nests too deeply (does it use itself?)");
    load_error("line\n", 1,
               "line: expected one pattern and at most a needs=word|word field (write a TAB in "
               "a pattern as \\t)");
    load_error("line\tx\ty\n", 1,
               "line: expected one pattern and at most a needs=word|word field (write a TAB in "
               "a pattern as \\t)");
    load_error("dateline\tx\tneeds=a|bc\n", 1,
               "needs=: a word of under 3 bytes (\"a\"): a shorter one is in nearly every line");

    whosaid_error e;
    assert_null(whosaid_meta_load("/nonexistent/meta.rules", CAL, &e));
    assert_int_equal(e.code, WHOSAID_EIO);
    whosaid_meta_free(NULL);
}

static void test_own_rules_and_limits(void **state)
{
    (void)state;
    /* Rules in any order: a define after its use, zones and outlets last. */
    char *path = write_temp("line\tStand: {D} {TIME}\n"
                            "line\t(?:a|aa)+(?:a|aa)+(?<!a)\n"
                            "define\tD\t(?<day>\\d\\d)\\.(?<month>{MONTH})\\.(?<year>\\d{4})\n"
                            "define\tTIME\t(?<hour>\\d\\d)\\.(?<minute>\\d\\d) (?<tz>{ZONE})\n"
                            "zone\tMEZ\t+01:00\teu\n"
                            /* Escapes are no {NAME}s: \p{L} is not the define L. */
                            "define\tL\tzzz\n"
                            "line\tVon (?<byline>\\p{L}+ \\p{L}+)\\Q{D}\\E\n",
                            NULL);
    whosaid_error e;
    whosaid_meta_rules *m = whosaid_meta_load(path, CAL, &e);
    if (!m) fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    whosaid_lines l = WHOSAID_LINES_INIT;
    const char *text = "Stand: 27.June.2013 21.22 MEZ\n\nTitel\n\nVon Max Muster{D}\n\nDer Text.\n";
    assert_int_equal(whosaid_lines_split(text, strlen(text), &l), 0);
    json_t *meta = json_object();
    assert_int_equal(whosaid_meta_extract(m, &l, meta, &e), 0);
    assert_string_equal(json_string_value(json_object_get(meta, "published_datetime")),
                        "2013-06-27T21:22+02:00"); /* summer time */
    assert_string_equal(json_string_value(json_object_get(meta, "title")), "Titel");
    assert_string_equal(json_string_value(json_object_get(meta, "byline")), "Max Muster");
    json_decref(meta);
    whosaid_lines_free(&l);

    char slow[200];
    memset(slow, 'a', 120);
    slow[120] = '\0';
    assert_int_equal(whosaid_lines_split(slow, strlen(slow), &l), 0);
    meta = json_object();
    /* The rule that hits its limit does not match; the page goes on. */
    assert_int_equal(whosaid_meta_extract(m, &l, meta, &e), 0);
    assert_int_equal(whosaid_meta_limit_hits(m), 1);
    const char *file = NULL;
    long line = 0;
    size_t bytes = 0;
    assert_true(whosaid_meta_limit_hit(m, 0, &file, &line, &bytes));
    assert_string_equal(file, path);
    assert_int_equal(line, 2);
    assert_int_equal(bytes, 120);
    assert_false(whosaid_meta_limit_hit(m, 1, &file, &line, &bytes));
    assert_int_equal(l.v[0].fate, WHOSAID_LINE_BODY);
    json_decref(meta);
    whosaid_lines_free(&l);
    whosaid_meta_free(m);
    remove_temp(path);
}

/* A line or dateline rule with needs= is tried only on lines that hold one
 * of its words; the next rules still are. */
static void test_needs_field(void **state)
{
    (void)state;
    /* Rule 1 could match "columnist" but promises one of its words. */
    char *path = write_temp("line\t(?<byline>\\p{Lu}\\p{L}+ \\p{Lu}\\p{L}+) "
                            "(?:reporter|writer|columnist)\tneeds=reporter|writer\n"
                            "line\t(?<byline>\\p{Lu}\\p{L}+) \\p{Lu}\\p{L}+ columnist\n",
                            NULL);
    whosaid_error e;
    whosaid_meta_rules *m = whosaid_meta_load(path, CAL, &e);
    if (!m) fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    static const char *const pages[][2] = {
        {"Headline Here\n\nJo Roe reporter\n\nProse of the first paragraph goes on here.\n",
         "Jo Roe"},
        {"Headline Here\n\nJo Roe columnist\n\nProse of the first paragraph goes on here.\n", "Jo"},
    };
    for (size_t i = 0; i < 2; i++) {
        whosaid_lines l = WHOSAID_LINES_INIT;
        assert_int_equal(whosaid_lines_split(pages[i][0], strlen(pages[i][0]), &l), 0);
        json_t *meta = json_object();
        assert_int_equal(whosaid_meta_extract(m, &l, meta, &e), 0);
        assert_string_equal(json_string_value(json_object_get(meta, "byline")), pages[i][1]);
        json_decref(meta);
        whosaid_lines_free(&l);
    }
    whosaid_meta_free(m);
    remove_temp(path);
}

/* A page that is one line is all body: no title may take it. */
static void test_one_line_page_is_body(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    const char *text = "Hello world.\n";
    assert_int_equal(whosaid_lines_split(text, strlen(text), &l), 0);
    json_t *meta = json_object();
    whosaid_error e;
    assert_int_equal(whosaid_meta_extract(META, &l, meta, &e), 0);
    assert_null(json_object_get(meta, "title"));
    assert_int_equal(l.v[0].fate, WHOSAID_LINE_BODY);
    json_decref(meta);
    whosaid_lines_free(&l);
}

/* Pages saved one element per line (BBC, CNN): the name on one line and the
 * role under it ("BBC Wales political correspondent"), a masthead among the
 * menu items, "Published" split from "3 hours ago", "Dallas CNN — ". */
static void test_one_element_per_line_header(void **state)
{
    (void)state;
    whosaid_lines l = WHOSAID_LINES_INIT;
    char text[2048];
    snprintf(text, sizeof text,
             "Your account\nMore menu\nBBC News\nHome\n"
             "Cardiff council to close three libraries to save \xc2\xa3"
             "2.4m\n"
             "Published\n3 hours ago\nShare\nHywel Griffith\nBBC Wales political correspondent\n"
             "Reporting from\n%s\n",
             LEDE);
    check(text, NULL,
          "{\"title\": \"Cardiff council to close three libraries to save \xc2\xa3"
          "2.4m\","
          " \"outlet\": \"BBC\", \"byline\": \"Hywel Griffith\"}",
          &l);
    assert_fate(&l, "Hywel Griffith", WHOSAID_LINE_META, "meta.rules:");
    assert_fate(&l, "BBC Wales", WHOSAID_LINE_META, "meta.rules:");
    assert_fate(&l, "3 hours ago", WHOSAID_LINE_META, "meta.rules:");
    assert_fate(&l, "Reporting from", WHOSAID_LINE_META, "meta.rules:");
    whosaid_lines_free(&l);

    /* A role line under no name is not read (no byline, and it stays a
     * header line); a headline about an editor is no role line. */
    snprintf(text, sizeof text, "Political editor\nTrump fires editor\n\n%s", LEDE);
    check(text, NULL, "{\"title\": \"Trump fires editor\"}", &l);
    assert_fate(&l, "Political editor", WHOSAID_LINE_BODY, NULL);
    whosaid_lines_free(&l);
    snprintf(text, sizeof text, "Jane Doe\nTrump fires editor\n\n%s", LEDE);
    check(text, NULL, "{\"title\": \"Trump fires editor\"}", &l);
    whosaid_lines_free(&l);

    snprintf(text, sizeof text,
             "Egg prices climb again\nBy Jane Doe, CNN\n"
             "Dallas CNN \xe2\x80\x94 %s",
             LEDE);
    check(text, NULL,
          "{\"title\": \"Egg prices climb again\", \"byline\": \"Jane Doe\", \"outlet\": \"CNN\","
          " \"dateline\": \"Dallas\"}",
          &l);
    whosaid_lines_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_000_header),
        cmocka_unit_test(test_seed_002_header),
        cmocka_unit_test(test_reuters),
        cmocka_unit_test(test_ap),
        cmocka_unit_test(test_yonhap_guardian_bbc),
        cmocka_unit_test(test_xinhuanet_cnn_blog),
        cmocka_unit_test(test_byline_shapes),
        cmocka_unit_test(test_date_shapes),
        cmocka_unit_test(test_dateline_shapes),
        cmocka_unit_test(test_repeated_label_is_no_dateline),
        cmocka_unit_test(test_given_fields_are_kept),
        cmocka_unit_test(test_header_ends_at_prose),
        cmocka_unit_test(test_ap_byline_under_first_paragraph),
        cmocka_unit_test(test_title_skips_navigation),
        cmocka_unit_test(test_title_is_no_section_name),
        cmocka_unit_test(test_more_outlet_headers),
        cmocka_unit_test(test_credit_outlet_and_trailers),
        cmocka_unit_test(test_needs_field),
        cmocka_unit_test(test_rule_file_errors),
        cmocka_unit_test(test_own_rules_and_limits),
        cmocka_unit_test(test_one_line_page_is_body),
        cmocka_unit_test(test_one_element_per_line_header),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
