/* The command-line options the rule-driven stages share (whosaid-tag,
 * whosaid-resolve, whosaid-claims): -r PATH (repeatable), --no-default-rules,
 * --check, -u, -s/--stats, and the order in which user rule paths are
 * applied ($ENV first, then -r, so the command line has the last word).
 * Prints through cli.h, so it is for main() only. */
#ifndef WHOSAID_RULEOPTS_H
#define WHOSAID_RULEOPTS_H

#include <getopt.h>

enum { WHOSAID_RULEOPTS_MAX = 256 };

/* Option codes of the long-only options (above any short option). */
enum { WHOSAID_OPT_NO_DEFAULTS = 0x100, WHOSAID_OPT_CHECK };

/* The shared entries of a getopt_long table, and of its short string. */
#define WHOSAID_RULEOPTS_LONG                                                                      \
    {"rules", required_argument, NULL, 'r'},                                                       \
        {"no-default-rules", no_argument, NULL, WHOSAID_OPT_NO_DEFAULTS},                          \
        {"check", no_argument, NULL, WHOSAID_OPT_CHECK}, {"unbuffered", no_argument, NULL, 'u'},   \
    {                                                                                              \
        "stats", no_argument, NULL, 's'                                                            \
    }
#define WHOSAID_RULEOPTS_SHORT "r:us"

typedef struct whosaid_ruleopts {
    const char *paths[WHOSAID_RULEOPTS_MAX]; /* -r arguments, in order (borrowed) */
    int npaths;
    int defaults; /* 1 unless --no-default-rules */
    int check, unbuffered, stats;
} whosaid_ruleopts;

void whosaid_ruleopts_init(whosaid_ruleopts *o);

/* Takes option c (argument arg) when it is one of the shared ones. Returns
 * 1 when taken, 0 when c is not a shared option, -1 on a usage error
 * (reported). */
int whosaid_ruleopts_take(whosaid_ruleopts *o, int c, const char *arg);

/* Calls add(ctx, path) for each entry of the ':'-separated environment
 * variable env (when set), then for each -r path; stops at and returns the
 * first nonzero result, else 0. */
int whosaid_ruleopts_each(const whosaid_ruleopts *o, const char *env,
                          int (*add)(void *ctx, const char *path), void *ctx);

#endif
