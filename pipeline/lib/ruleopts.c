/* Shared rule options of the middle stages; see ruleopts.h. */
#include "whosaid/ruleopts.h"

#include <stdlib.h>
#include <string.h>

#include "whosaid/cli.h"

void whosaid_ruleopts_init(whosaid_ruleopts *o)
{
    memset(o, 0, sizeof *o);
    o->defaults = 1;
}

int whosaid_ruleopts_take(whosaid_ruleopts *o, int c, const char *arg)
{
    switch (c) {
    case 'r':
        if (o->npaths == WHOSAID_RULEOPTS_MAX) {
            whosaid_cli_warn("too many -r options (at most %d)", WHOSAID_RULEOPTS_MAX);
            return -1;
        }
        o->paths[o->npaths++] = arg;
        return 1;
    case WHOSAID_OPT_NO_DEFAULTS: o->defaults = 0; return 1;
    case WHOSAID_OPT_CHECK: o->check = 1; return 1;
    case 'u': o->unbuffered = 1; return 1;
    case 's': o->stats = 1; return 1;
    default: return 0;
    }
}

int whosaid_ruleopts_each(const whosaid_ruleopts *o, const char *env,
                          int (*add)(void *ctx, const char *path), void *ctx)
{
    int rc = 0;
    const char *value = env ? getenv(env) : NULL;
    if (value) {
        char *copy = strdup(value);
        if (!copy) {
            whosaid_cli_warn("out of memory");
            return WHOSAID_EXIT_DATA;
        }
        for (char *save = NULL, *p = strtok_r(copy, ":", &save); p && !rc;
             p = strtok_r(NULL, ":", &save))
            rc = add(ctx, p);
        free(copy);
    }
    for (int i = 0; i < o->npaths && !rc; i++)
        rc = add(ctx, o->paths[i]);
    return rc;
}
