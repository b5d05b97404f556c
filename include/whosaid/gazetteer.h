/* Gazetteers: surface forms of known names and what they stand for
 * (the .tsv files in rules/gazetteer/, format in rules/README.md).
 *
 * Entries are keyed by their token sequence (tokens.h), so matching works on
 * token boundaries and is longest-first. Two hash tables hold the keys: one
 * case-sensitive (the surface as written, plus its ALL-CAPS form for names),
 * one case-folded (entries marked case=fold). Two more give, for a first
 * token, the longest entry starting with it, so a text position costs two
 * lookups when nothing can match there and at most max-length more when
 * something can; a bit set of first tokens (8 bits per first token, in
 * cache) answers most of the lookups for tokens that start no entry. Tables hold 32-bit hashes and
 * entry numbers, entries hold offsets into one string arena: a million entries load in about half a
 * CPU second and take about 110 bytes each. */
#ifndef WHOSAID_GAZETTEER_H
#define WHOSAID_GAZETTEER_H

#include <stddef.h>

#include "whosaid/buf.h"
#include "whosaid/error.h"
#include "whosaid/tokens.h"

typedef struct whosaid_gazetteer whosaid_gazetteer;

/* One entry; the strings belong to the gazetteer. */
typedef struct whosaid_gaz_entry {
    const char *surface;
    const char *canonical;
    const char *type;  /* PERSON, ORG, COUNTRY, LOCATION, or a user's own */
    const char *attrs; /* "key=value;key=value" without case=, or "" */
    const char *file;  /* the file it came from, as given to _load */
    long line;
    int user; /* 1 if it came from a user rule file */
} whosaid_gaz_entry;

whosaid_gazetteer *whosaid_gazetteer_new(void);
void whosaid_gazetteer_free(whosaid_gazetteer *g);

/* Loads a gazetteer file. An entry whose key is already present replaces
 * it only if it comes from a user file and the present one does not (user
 * rules override defaults); otherwise the first one loaded stays. Returns 0
 * or an error code with err naming the file and line. */
int whosaid_gazetteer_load(whosaid_gazetteer *g, const char *path, int user, whosaid_error *err);

size_t whosaid_gazetteer_count(const whosaid_gazetteer *g);

/* The longest entry matching tokens i.. of text. Returns the number of
 * tokens it covers (0: none) and fills *entry. scratch is a caller-owned
 * buffer reused across calls. */
size_t whosaid_gazetteer_match(const whosaid_gazetteer *g, const char *text,
                               const whosaid_tokens *t, size_t i, whosaid_gaz_entry *entry,
                               whosaid_buf *scratch);

/* One document's matches, each token's looked up once: the tagger's pass
 * asks at every token, the name heuristics again at the runs' starts and
 * the words around them. A slot of 8 bytes per token, reset per document
 * (a memset); an answer costs a whosaid_gazetteer_match the first time,
 * an array read after. */
typedef struct whosaid_gaz_memo whosaid_gaz_memo;

whosaid_gaz_memo *whosaid_gaz_memo_new(void);
void whosaid_gaz_memo_free(whosaid_gaz_memo *m);
/* Starts a document: forgets every answer; g, text and t are borrowed
 * until the next reset and must not change before it. 0 or WHOSAID_ENOMEM. */
int whosaid_gaz_memo_reset(whosaid_gaz_memo *m, const whosaid_gazetteer *g, const char *text,
                           const whosaid_tokens *t);
/* The reset's gazetteer. */
const whosaid_gazetteer *whosaid_gaz_memo_gazetteer(const whosaid_gaz_memo *m);
/* whosaid_gazetteer_match(g, text, t, i, entry, scratch) for the reset's
 * g, text and t: the same answer, worked out on the first call for i. */
size_t whosaid_gaz_memo_match(whosaid_gaz_memo *m, size_t i, whosaid_gaz_entry *entry);
/* The first match at token *i or after it: moves *i to its first token,
 * fills *entry and returns its length in tokens; 0 with *i the token
 * count if there is none. Every token passed is remembered. */
size_t whosaid_gaz_memo_next(whosaid_gaz_memo *m, size_t *i, whosaid_gaz_entry *entry);

/* Looks a surface up as if it were text (for canonical names and tests):
 * 1 and *entry when the whole surface matches one entry, else 0. */
int whosaid_gazetteer_lookup(const whosaid_gazetteer *g, const char *surface,
                             whosaid_gaz_entry *entry);

#endif
