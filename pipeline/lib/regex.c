#define PCRE2_CODE_UNIT_WIDTH 8
#include "whosaid/regex.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

/* Generous for real rules, small enough that catastrophic backtracking
 * fails in milliseconds. The heap limit (KiB, for the interpreter when JIT
 * is unavailable) keeps a hostile pattern from taking memory instead. */
#ifndef REGEX_MATCH_LIMIT /* -D for experiments */
#define REGEX_MATCH_LIMIT 100000
#endif
#define REGEX_DEPTH_LIMIT 10000
#define REGEX_HEAP_LIMIT (20 * 1024)
#define JIT_STACK_SIZE (32 * 1024) /* PCRE2's machine-stack default */

struct whosaid_regex {
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit_stack; /* NULL: PCRE2's machine-stack default */
    int jit;                    /* matched through JIT code */
    int jit_pending;            /* JIT-compiled at the first search */
    uint32_t name_count, name_size;
    PCRE2_SPTR name_table;
};

whosaid_regex *whosaid_regex_new(const char *pattern, int flags, whosaid_error *err)
{
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK;
    if (flags & WHOSAID_REGEX_CASELESS) opts |= PCRE2_CASELESS;
    if (flags & WHOSAID_REGEX_ANCHORED) opts |= PCRE2_ANCHORED;
    int ec;
    PCRE2_SIZE off;
    whosaid_regex *re = calloc(1, sizeof *re);
    if (!re) {
        whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
        return NULL;
    }
    re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &ec, &off, NULL);
    if (!re->code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        whosaid_error_set(err, WHOSAID_ESYNTAX, NULL, 0, "offset %zu: %s", (size_t)off,
                          (const char *)msg);
        free(re);
        return NULL;
    }
    /* WHOSAID_NO_JIT: the interpreter instead (valgrind cannot follow JIT
     * code; make test-valgrind sets it). The JIT compile waits for the first
     * search: it was half the start-up time, and a run of a few articles
     * never searches most rules (their start conditions rule them out). */
    re->jit_pending = !(flags & WHOSAID_REGEX_NO_JIT) && !getenv("WHOSAID_NO_JIT");
    re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
    re->mctx = pcre2_match_context_create(NULL);
    if (!re->md || !re->mctx) {
        whosaid_regex_free(re);
        whosaid_error_set(err, WHOSAID_ENOMEM, NULL, 0, "out of memory");
        return NULL;
    }
    pcre2_set_match_limit(re->mctx, REGEX_MATCH_LIMIT);
    pcre2_set_depth_limit(re->mctx, REGEX_DEPTH_LIMIT);
    pcre2_set_heap_limit(re->mctx, REGEX_HEAP_LIMIT);
    pcre2_pattern_info(re->code, PCRE2_INFO_NAMECOUNT, &re->name_count);
    pcre2_pattern_info(re->code, PCRE2_INFO_NAMEENTRYSIZE, &re->name_size);
    pcre2_pattern_info(re->code, PCRE2_INFO_NAMETABLE, &re->name_table);
    return re;
}

void whosaid_regex_free(whosaid_regex *re)
{
    if (!re) return;
    pcre2_match_data_free(re->md);
    pcre2_match_context_free(re->mctx);
    pcre2_jit_stack_free(re->jit_stack);
    pcre2_code_free(re->code);
    free(re);
}

/* A JIT stack of the default's size, so the same matches hit the same
 * limit: without one, pcre2_jit_match sets up a stack on the machine stack
 * at every call (~15 instructions of a try's ~1,000). Without memory the
 * default stays. */
static void assign_jit_stack(whosaid_regex *re)
{
    re->jit_stack = pcre2_jit_stack_create(JIT_STACK_SIZE, JIT_STACK_SIZE, NULL);
    if (re->jit_stack) pcre2_jit_stack_assign(re->mctx, NULL, re->jit_stack);
}

int whosaid_regex_search(whosaid_regex *re, const char *subject, size_t len, size_t from)
{
    if (re->jit_pending) {
        /* Failing (no memory, no JIT support) leaves the interpreter. */
        re->jit_pending = 0;
        re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
        if (re->jit) assign_jit_stack(re);
    }
    /* Straight into the JIT code: pcre2_match's checks are per call, and
     * the match context (limits, the regex's JIT stack) is the same
     * either way. */
    int rc = re->jit ? pcre2_jit_match(re->code, (PCRE2_SPTR)subject, len, from, PCRE2_NO_UTF_CHECK,
                                       re->md, re->mctx)
                     : pcre2_match(re->code, (PCRE2_SPTR)subject, len, from, PCRE2_NO_UTF_CHECK,
                                   re->md, re->mctx);
    if (rc >= 0) return 1;
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    return WHOSAID_ELIMIT;
}

int whosaid_regex_group(const whosaid_regex *re, uint32_t i, size_t *start, size_t *end)
{
    if (i >= pcre2_get_ovector_count(re->md)) return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
    if (ov[2 * i] == PCRE2_UNSET) return 0;
    *start = ov[2 * i];
    *end = ov[2 * i + 1];
    return 1;
}

int whosaid_regex_group_number(const whosaid_regex *re, const char *name)
{
    int n = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);
    return n < 0 ? -1 : n;
}

uint32_t whosaid_regex_group_count(const whosaid_regex *re)
{
    uint32_t n = 0;
    pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &n);
    return n;
}

int whosaid_regex_named_group(const whosaid_regex *re, uint32_t i, const char **name,
                              uint32_t *number)
{
    if (i >= re->name_count) return 0;
    PCRE2_SPTR e = re->name_table + (size_t)i * re->name_size;
    *number = ((uint32_t)e[0] << 8) | e[1];
    *name = (const char *)(e + 2);
    return 1;
}
