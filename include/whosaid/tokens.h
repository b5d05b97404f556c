/* Tokens of a document text: the unit gazetteer matching and the name
 * heuristics work on.
 *
 * A word is a run of letters, marks and digits, kept whole across an inner
 * hyphen ("Launsky-Tieffenthal", "Jae-moon") or apostrophe ("O'Brien"), with
 * a possessive "'s" split off ("Korea's" -> "Korea" "'s") and dotted
 * abbreviations kept as one token ("U.S.", "U.N."); a number keeps its
 * separators ("73,286", "14.2"); every other non-blank character is a token
 * of its own. One pass, O(n); 24 bytes per token. */
#ifndef WHOSAID_TOKENS_H
#define WHOSAID_TOKENS_H

#include <stddef.h>
#include <stdint.h>

enum {
    WHOSAID_TOK_WORD = 1 << 0,       /* letters (maybe with digits) */
    WHOSAID_TOK_NUM = 1 << 1,        /* starts with a digit */
    WHOSAID_TOK_PUNCT = 1 << 2,      /* a single other character */
    WHOSAID_TOK_CAP = 1 << 3,        /* first letter upper-case (or title-case) */
    WHOSAID_TOK_ALLCAPS = 1 << 4,    /* two or more letters, all upper-case */
    WHOSAID_TOK_LOWER = 1 << 5,      /* first letter lower-case */
    WHOSAID_TOK_SPACE = 1 << 6,      /* white space before it */
    WHOSAID_TOK_NEWLINE = 1 << 7,    /* a line break before it */
    WHOSAID_TOK_SENT_START = 1 << 8, /* first word of a sentence (after opening punctuation) */
    WHOSAID_TOK_POSSESSIVE = 1 << 9  /* the "'s" split off a word */
};

typedef struct whosaid_token {
    size_t start, end; /* byte offsets, end exclusive */
    uint32_t flags;
} whosaid_token;

typedef struct whosaid_tokens {
    whosaid_token *v;
    size_t n, cap;
} whosaid_tokens;

#define WHOSAID_TOKENS_INIT                                                                        \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Tokenizes text[0..len) (valid UTF-8) into out (cleared first).
 * sent_starts: sorted byte offsets where sentences start (may be NULL);
 * the first word at or after each gets WHOSAID_TOK_SENT_START.
 * 0 or WHOSAID_ENOMEM. */
int whosaid_tokenize(const char *text, size_t len, const size_t *sent_starts, size_t nsent,
                     whosaid_tokens *out);
void whosaid_tokens_free(whosaid_tokens *t);

/* Appends the lookup key of tokens [from, to) to key: the tokens' text
 * joined by one space where white space separated them (never before a
 * possessive "'s"), so a gazetteer surface and a text match build the same key. Returns 0 or
 * WHOSAID_ENOMEM. */
struct whosaid_buf;
int whosaid_tokens_key(const char *text, const whosaid_tokens *t, size_t from, size_t to,
                       struct whosaid_buf *key);

#endif
