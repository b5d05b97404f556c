/* Name heuristics: people, organizations and places that no gazetteer
 * lists, found from the shape of the text.
 *
 * A run of capitalized words (with connectors such as "of", "de", "van", "&")
 * is split at titles ("German Chancellor Angela Merkel" -> German | Angela
 * Merkel with role Chancellor), loses a sentence-initial common word
 * ("However China" -> China), and is typed by evidence in a fixed order
 * (first a known place that is a person's given name, "Arno Antlitz",
 * when a title, a speech verb, a country or a given name says so):
 * a party's name before a political role ("Labor MP"), event, award and
 * group words (no candidate: "Stanley Cup", "Hurricane Harvey"), a maker
 * and its model (a NONE candidate that hides the maker: "a Chevrolet
 * Tahoe"), organization head words (also
 * before a known place: "IIT Bombay"), a team after a place ("St. Louis
 * Eagles"), location head
 * words, a plural after "the" (a team or band), a place noun before it or a
 * region after it ("the town of X", "X, Illinois"), a title before it, a
 * first name or East Asian family name, a speech verb after it (then a
 * hyphenated word ending in a country's name is an organization:
 * "Air-India said"), an acronym,
 * a location preposition before it. A run that is no name as a whole is
 * split at "of" (or at "&" between two people) and its parts typed again.
 * A party-state affiliation after a name ("R-S.D.") is no run; an
 * advocacy group's head word goes on with "for", "against", "without"
 * ("Americans for Prosperity"). An ORG ending in a news outlet's word
 * gets kind "outlet" ("Milwaukee Journal Sentinel"). An office of several
 * words is one title ("Chief Cabinet Secretary", a rank word and a title:
 * "Chief Commercial Officer"); a holiday is no name ("Easter"); a lone
 * word that owns a company's things ("Kering's chief executive") or did
 * something to "its" thing ("Bernstein cut its estimate") is an ORG.
 * Then, document-wide, a lone word typed ORG only by its context
 * ("a spokeswoman for Haskell") that is part of a person named in full is
 * that person, a town's or company's gazetteer name that is the surname
 * of a person named in full is that person ("Henderson said" after
 * "Jordan Henderson"), a storm's given name alone is the storm, a place and a word that is a person
 * alone elsewhere are that person ("Arno Kessler" ... "Kessler said"), a single word that is part
 * of a person named elsewhere in the article is that person ("Hong" after "Hong Lei", "Park said"
 * after "Park Jae-moon"), and a run typed ORG or LOCATION there gives its type to the same words
 * elsewhere (and a team to its nickname). Word lists live in rules/names/ (format in
 * rules/README.md). One pass over the tokens plus one over the runs: O(n) hash lookups per
 * document, no allocation per lookup (keys are built in reused buffers). */
#ifndef WHOSAID_NAMES_H
#define WHOSAID_NAMES_H

#include "whosaid/calendar.h"
#include "whosaid/cands.h"
#include "whosaid/error.h"
#include "whosaid/gazetteer.h"
#include "whosaid/tokens.h"

typedef struct whosaid_names whosaid_names;

/* Loads the word lists of dir (rules/names). NULL with err on failure. */
whosaid_names *whosaid_names_load(const char *dir, whosaid_error *err);
/* The same with a calendar already loaded (the tagger's, from values.h):
 * cal is borrowed and must outlive the result; NULL loads dir/../calendar.rules. */
whosaid_names *whosaid_names_load_with_calendar(const char *dir, const whosaid_calendar *cal,
                                                whosaid_error *err);
void whosaid_names_free(whosaid_names *nm);

/* Appends PERSON / ORG / LOCATION candidates for text's tokens to out, at
 * priority WHOSAID_NAMES_PRIORITY (below gazetteer and rule matches).
 * Runs that are exactly a gazetteer entry are left to the gazetteer.
 * 0 or WHOSAID_ENOMEM. */
int whosaid_names_propose(whosaid_names *nm, const char *text, const whosaid_tokens *t,
                          const whosaid_gazetteer *gaz, whosaid_cands *out);
/* The same with the gazetteer's answers for this text in gm, reset to
 * text and t by the caller (gazetteer.h), who may have asked it already:
 * the tagger's gazetteer pass and the names then look a token up once. */
int whosaid_names_propose_memo(whosaid_names *nm, const char *text, const whosaid_tokens *t,
                               whosaid_gaz_memo *gm, whosaid_cands *out);

/* The "file" of the heuristics' candidates (spans carry "heuristic:names:0"):
 * a later pass tells their blocks from rule matches by it. */
#define WHOSAID_NAMES_FILE "heuristic:names"
#define WHOSAID_NAMES_PRIORITY (-10)
/* A known place's name in a team context ("played for Footscray"): above
 * the gazetteer's 0, so the team beats the place of the same extent. */
#define WHOSAID_NAMES_TEAM_PRIORITY 1

#endif
