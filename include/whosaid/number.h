/* Numbers as news text writes them: digit strings ("73,286", "1.234.567,89",
 * "1 000"), multipliers ("14.2 million", "5bn", "2k"), number words
 * ("twenty-one", "one hundred and five", "half a million") and vague
 * quantities ("dozens of", "tens of millions of").
 *
 * Every word comes from a lexicon loaded from rules/numbers.rules (format in
 * rules/README.md); the code knows no language. The lexicon keeps its
 * entries in an array in file order and indexes them with a whosaid_hashmap
 * keyed by kind and phrase: a lookup costs one pass over the phrase plus
 * O(1) expected probes, and memory is about 110 bytes plus twice the
 * phrase per entry.
 * Phrases are matched after lower-casing (Unicode simple case mapping) and
 * turning every run of spaces and hyphens into one space, so "Twenty-One"
 * finds "twenty one".
 *
 * Values are doubles. Anything above WHOSAID_NUMBER_MAX in magnitude is
 * refused with WHOSAID_ELIMIT ("overflow"), so a value that is whole always
 * fits a JSON integer (jansson's json_int_t, 64 bits). Digit strings are
 * converted exactly rounded up to 19 significant digits (later digits are
 * dropped), with no strtod() and so no dependence on LC_NUMERIC.
 *
 * whosaid_number_load returns a lexicon the caller owns and frees with
 * whosaid_number_free; strings returned by whosaid_number_entry are owned by
 * the lexicon. Nothing else allocates. A loaded lexicon is read-only and can
 * be shared between threads. */
#ifndef WHOSAID_NUMBER_H
#define WHOSAID_NUMBER_H

#include <stddef.h>

#include "whosaid/error.h"

/* The largest magnitude accepted: 10^18, below INT64_MAX (9.22e18). */
#define WHOSAID_NUMBER_MAX 1e18

/* How a digit string marks decimals. */
typedef enum whosaid_number_style {
    /* Decide from the string: a single '.' is a decimal point; a ',' with
     * '.' or space grouping elsewhere is whichever comes last ("1,234.5",
     * "1.234.567,89", "1 000,5"); a lone ',' before exactly three digits
     * groups thousands ("73,286"); any other lone ',' ("12,34", "1,5") is
     * ambiguous (a European decimal, a list or a typo): WHOSAID_EINPUT. */
    WHOSAID_NUMBER_AUTO = 0,
    WHOSAID_NUMBER_POINT_DECIMAL, /* "1,234.5": ',' groups, '.' decimal */
    WHOSAID_NUMBER_COMMA_DECIMAL  /* "1.234,5": '.' groups, ',' decimal */
} whosaid_number_style;

/* Kinds of lexicon entries: the first field of a line in numbers.rules. */
typedef enum whosaid_number_kind {
    WHOSAID_NUMBER_WORD = 1,   /* word: a cardinal, "three" 3, "twenty" 20 */
    WHOSAID_NUMBER_MULTIPLIER, /* multiplier: "hundred" 100, "million" 1e6, "bn" 1e9 */
    WHOSAID_NUMBER_VAGUE,      /* vague: "dozens" 24, a lower bound */
    WHOSAID_NUMBER_FRACTION,   /* fraction: "half" 0.5 */
    WHOSAID_NUMBER_ARTICLE,    /* article: "a", "an" as one before a multiplier */
    WHOSAID_NUMBER_JOINER,     /* joiner: "and" in "one hundred and five" */
    WHOSAID_NUMBER_PARTITIVE   /* partitive: "of" in "dozens of", "tens of millions" */
} whosaid_number_kind;

/* Flags of multiplier entries (fourth field "abbrev"): an abbreviation that
 * only follows digits, attached or not ("5bn", "5 bn"), never a word. */
enum { WHOSAID_NUMBER_ABBREV = 1 };

typedef struct whosaid_number_lexicon whosaid_number_lexicon;

/* A parsed quantity: value, and whether it is a vague lower bound. */
typedef struct whosaid_number_value {
    double value;
    int vague; /* 1 for "dozens of" (24), "tens of millions" (1e7): "at least" */
} whosaid_number_value;

/* Loads a numbers.rules file. NULL with err filled ("path:line: unknown
 * kind 'x'", a bad value, a duplicate entry) on failure. */
whosaid_number_lexicon *whosaid_number_load(const char *path, whosaid_error *err);
void whosaid_number_free(whosaid_number_lexicon *lex);

/* Looks up phrase s[0..len) as an entry of kind: 1 with *value (if not NULL)
 * and *flags (if not NULL) filled, or 0 when there is none. */
int whosaid_number_lookup(const whosaid_number_lexicon *lex, int kind, const char *s, size_t len,
                          double *value, int *flags);

/* Entries in file order, for callers that build patterns from them:
 * whosaid_number_entry gives entry i's kind, normalized phrase (lower case,
 * single spaces) and value (0 for kinds without one); 0 past the last. */
size_t whosaid_number_count(const whosaid_number_lexicon *lex);
int whosaid_number_entry(const whosaid_number_lexicon *lex, size_t i, int *kind,
                         const char **phrase, double *value);
/* "word", "multiplier", ... for a kind; "?" for none. */
const char *whosaid_number_kind_name(int kind);

/* Parses a digit string s[0..len) (not NUL-terminated): an optional sign
 * ('+', '-', U+2212), digits grouped by ',', '.', apostrophe, space,
 * no-break space, thin space (U+2009) or narrow no-break space (U+202F)
 * in groups of three after the first (1-3 digits), a decimal part, and an
 * optional exponent ("1e6"). style says which mark is decimal. Returns 0 with
 * *out set; WHOSAID_ESYNTAX for malformed input ("1,2,3", "1,,000",
 * "1,000 000" with mixed grouping, a trailing separator); WHOSAID_EINPUT
 * for an ambiguous one (see WHOSAID_NUMBER_AUTO); WHOSAID_ELIMIT beyond
 * WHOSAID_NUMBER_MAX ("1e400"), or for a non-zero value too small for a
 * double. */
int whosaid_number_parse_digits(const char *s, size_t len, int style, double *out);

/* Parses a whole quantity phrase s[0..len), separated by spaces:
 *   digits with multipliers   "14.2 million", "5bn", "2k", "1.5 thousand million"
 *   number words              "three", "twenty-one", "one hundred and five",
 *                             "two million three hundred thousand", "a dozen",
 *                             "half a million", "two and a half billion"
 *   vague quantities          "dozens", "dozens of", "tens of millions of",
 *                             "several hundred", "hundreds of thousands"
 * A multiplier that directly follows another multiplies it ("thousand
 * million", "trillion trillion"); otherwise scales must fall ("two million
 * three thousand"). Digits and number words do not mix ("5 hundred" is fine,
 * "twenty 5" is not). Returns 0 with *out set, WHOSAID_ESYNTAX for an
 * unknown word or an order no number has ("five three", "a", "million
 * two million"), WHOSAID_EINPUT for ambiguous digits, WHOSAID_ELIMIT
 * beyond WHOSAID_NUMBER_MAX ("999 trillion trillion"). lex may be NULL
 * for plain digit strings. Currency signs, "%" and trailing punctuation are
 * the caller's to strip. */
int whosaid_number_parse(const whosaid_number_lexicon *lex, const char *s, size_t len, int style,
                         whosaid_number_value *out);

/* *out = value * multiplier: 0, or WHOSAID_ELIMIT (out untouched) when the
 * product is beyond WHOSAID_NUMBER_MAX or not a number. */
int whosaid_number_scale(double value, double multiplier, double *out);

#endif
