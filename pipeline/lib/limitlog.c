/* Match-limit hits on standard error, rate-limited per rule (see
 * limitlog.h). Keeps a map "FILE:LINE" -> documents with a hit and the
 * list of rules past the shown limit; O(1) per hit. Prints through cli.h:
 * this module is for main() programs, like stage.c and sink.c. */
#define _GNU_SOURCE
#include "whosaid/limitlog.h"

#include <stdlib.h>
#include <string.h>

#include "whosaid/cli.h"
#include "whosaid/hashmap.h"

struct whosaid_limitlog {
    const char *skipped;
    whosaid_hashmap *hits; /* "FILE:LINE" -> documents with a hit */
    char **over;           /* rules past the limit, in order of first excess */
    size_t nover;
    long total;
};

whosaid_limitlog *whosaid_limitlog_new(const char *skipped)
{
    whosaid_limitlog *l = calloc(1, sizeof *l);
    if (!l || !(l->hits = whosaid_hashmap_new())) {
        free(l);
        return NULL;
    }
    l->skipped = skipped;
    return l;
}

void whosaid_limitlog_free(whosaid_limitlog *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->nover; i++)
        free(l->over[i]);
    free(l->over);
    whosaid_hashmap_free(l->hits);
    free(l);
}

void whosaid_limitlog_note(whosaid_limitlog *l, const json_t *rec, size_t from)
{
    const json_t *ws = json_object_get(rec, "warnings");
    const char *id = json_string_value(json_object_get(rec, "id"));
    for (size_t i = from; i < json_array_size(ws); i++) {
        const json_t *w = json_array_get(ws, i);
        const char *code = json_string_value(json_object_get(w, "code"));
        const char *msg = json_string_value(json_object_get(w, "message"));
        if (!code || !msg || strcmp(code, "match_limit") != 0) continue;
        const char *end = strstr(msg, ": match limit hit");
        int len = (int)(end ? (size_t)(end - msg) : strlen(msg));
        uint64_t n = 0;
        whosaid_hashmap_get(l->hits, msg, (size_t)len, &n);
        /* out of memory: the hit is still shown, only not counted per rule */
        if (whosaid_hashmap_put(l->hits, msg, (size_t)len, ++n) < 0) n = 1;
        l->total++;
        if (n <= WHOSAID_LIMITLOG_SHOWN)
            whosaid_cli_warn("%.*s: match limit hit in document %s; %s", len, msg, id ? id : "?",
                             l->skipped);
        if (n == WHOSAID_LIMITLOG_SHOWN)
            whosaid_cli_warn("%.*s: match limit hit in %d documents; further hits of this "
                             "rule are only counted",
                             len, msg, WHOSAID_LIMITLOG_SHOWN);
        if (n == WHOSAID_LIMITLOG_SHOWN + 1) {
            char **v = realloc(l->over, (l->nover + 1) * sizeof *v);
            if (v) l->over = v;
            if (v && (v[l->nover] = strndup(msg, (size_t)len))) l->nover++;
        }
    }
}

void whosaid_limitlog_totals(whosaid_limitlog *l)
{
    for (size_t i = 0; i < l->nover; i++)
        whosaid_cli_warn("%s: match limit hit in %llu documents in all", l->over[i],
                         (unsigned long long)whosaid_limitlog_rule_hits(l, l->over[i]));
}

long whosaid_limitlog_total(const whosaid_limitlog *l)
{
    return l->total;
}

uint64_t whosaid_limitlog_rule_hits(const whosaid_limitlog *l, const char *rule)
{
    uint64_t n = 0;
    whosaid_hashmap_get(l->hits, rule, strlen(rule), &n);
    return n;
}
