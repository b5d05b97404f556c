/* whosaid-resolve's work: group the PERSON, ORG, COUNTRY and LOCATION spans
 * of a document record into entities, link role nouns ("the spokesman", "the
 * ministry") to them, and give entities the roles, organizations, countries
 * and gender evidence the text states (record contract: pipeline/README.md).
 *
 * Linking rules, all within one document:
 *  - PERSON: a full name and every contiguous part of it ("Hong" of "Hong
 *    Lei", "Park" of "Park Jae-moon", "Launsky-Tieffenthal"); a part shared
 *    by two different full names links to neither, unless an honorific's
 *    gender ("Ms. Kim") picks exactly one (personlink.h);
 *  - ORG: same gazetteer canonical or same text; an acronym defined in the
 *    text ("Korea Communications Commission (KCC)") or equal to the initials
 *    of one organization named in the document, unless written in an
 *    all-capitals stretch (a headline "WHO SAID IT"); a name written only
 *    as the first word(s) of exactly one other organization's name
 *    ("Halvorsen" of "Halvorsen Semiconductor Inc");
 *  - COUNTRY: same country code (ROK, Republic of Korea, South Korea, and
 *    demonyms); LOCATION: same canonical and country;
 *  - role nouns after a definite article: to the last person named with a
 *    role of the same group and no contrary gender, or to the organization
 *    of an unnamed holder introduced since ("a senior official of the
 *    UPPCL"; the mention then carries the role); organization nouns to the
 *    last organization whose name has that word or whose kind matches.
 *
 * The resolver holds the role lexicon (roles.h) and the given-name and
 * family-name lists used for gender evidence; per document it keeps arrays
 * and hash maps proportional to the spans and tokens, freed after the
 * record: time and memory O(text + spans). */
#ifndef WHOSAID_RESOLVE_H
#define WHOSAID_RESOLVE_H

#include <jansson.h>
#include <stddef.h>

#include "whosaid/error.h"
#include "whosaid/jsonload.h" /* whosaid_keep */

typedef struct whosaid_resolver whosaid_resolver;

/* A resolver without rules; NULL on ENOMEM. */
whosaid_resolver *whosaid_resolver_new(void);
void whosaid_resolver_free(whosaid_resolver *r);

/* Adds a role lexicon file, or every *.rules file of a directory in sorted
 * order (format in rules/README.md, "rules/resolve/"). root, if not NULL,
 * is the rules directory, shown as "rules" in the "rule" of mentions.
 * Returns 0 or a WHOSAID_E* code with err. */
int whosaid_resolver_add(whosaid_resolver *r, const char *path, const char *root,
                         whosaid_error *err);

/* Loads rules/names/first-names.txt ("name<TAB>m|f|u": gender evidence for
 * the first word of a full name) and rules/names/surnames.txt (family names
 * written first, whose first word is then not a given name). Either path may
 * be NULL. Returns 0 or a WHOSAID_E* code with err. */
int whosaid_resolver_add_names(whosaid_resolver *r, const char *first_names, const char *surnames,
                               whosaid_error *err);

/* Rule files and entries loaded (for --check). */
size_t whosaid_resolver_files(const whosaid_resolver *r);
size_t whosaid_resolver_entries(const whosaid_resolver *r);

/* Resolves one record in place: sets "entities", and "entity" (or, for a
 * name part shared by several people, "ambiguous": [entity ids]) on spans,
 * inserts role-noun MENTION spans. Entities, "entity", "ambiguous" and
 * MENTION spans of kind "role" from an earlier run are replaced, so running
 * twice gives the same record. A record without "spans" gets no entities.
 * The entities are objects in the raw form (out.h), for the writer
 * (whosaid_out_record, whosaid_json_dump): read them from the written
 * line, not with json_object_get. Returns 0, or WHOSAID_EINPUT with err for spans that are not
 * usable (bad offsets or type), WHOSAID_ENOMEM. */
int whosaid_resolver_run(whosaid_resolver *r, json_t *rec, whosaid_error *err);

/* The members of "spans" whosaid_resolver_run reads, for a reader that
 * keeps the array in the parse (whosaid_stage_run_kept; jsonload.h): the
 * spans are then read through the view and written again as text (the
 * text form, out.h: read them from the written line), none built. A
 * static struct. */
const whosaid_keep *whosaid_resolver_kept(void);

#endif
