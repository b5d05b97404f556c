/* Plumbing shared by the cmocka tests (header-only, so every test_*.c can
 * include it and the test_*.c glob in CMakeLists.txt never sees it):
 *
 *   write_temp, write_temp_len  put content in a file of a fresh /tmp directory
 *   remove_temp                 removes that file and directory, frees the path
 *   assert_error                a whosaid_error's file, line and message
 *   assert_load_error           a rule file's content fails to load, and how
 *   line_of, assert_fate        find a line by prefix, check its fate and why
 *
 * Each fails the running test through cmocka on error; the assert_ macros
 * report the caller's file and line. */
#ifndef WHOSAID_TESTUTIL_H
#define WHOSAID_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "whosaid/error.h"
#include "whosaid/lines.h"

/* Writes content[0..len) to a file called name ("test.rules" when NULL) in
 * a fresh directory /tmp/whosaid-test-XXXXXX, so code that shows a file's
 * base name ("site.rules:3") sees name. Returns the path, malloc'd: give it
 * to remove_temp when done. */
static inline char *write_temp_len(const char *content, size_t len, const char *name)
{
    char dir[] = "/tmp/whosaid-test-XXXXXX";
    if (!mkdtemp(dir)) fail_msg("mkdtemp: %s", strerror(errno));
    if (!name) name = "test.rules";
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    assert_non_null(path);
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) fail_msg("%s: %s", path, strerror(errno));
    assert_int_equal(fwrite(content, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

static inline char *write_temp(const char *content, const char *name)
{
    return write_temp_len(content, strlen(content), name);
}

/* Unlinks a write_temp file, removes its directory and frees path. */
static inline void remove_temp(char *path)
{
    if (!path) return;
    unlink(path);
    *strrchr(path, '/') = '\0';
    rmdir(path);
    free(path);
}

/* Fails unless e is at file:line with message msg (any message when msg is
 * NULL). */
#define assert_error(e, file, line, msg) assert_error_at(e, file, line, msg, __FILE__, __LINE__)

static inline void assert_error_at(const whosaid_error *e, const char *file, long line,
                                   const char *msg, const char *src, int src_line)
{
    _assert_string_equal(e->file, file, src, src_line);
    _assert_int_equal(e->line, line, src, src_line);
    if (msg) _assert_string_equal(e->msg, msg, src, src_line);
}

/* Loads the file at path: 0 when it loaded (and was freed again), else the
 * error code, with e filled. Each test file wraps its module's loader. */
typedef int (*testutil_loader)(const char *path, whosaid_error *e);

/* Writes content to a temporary file and fails unless load refuses it
 * with code, at that file's line with message msg. */
#define assert_load_error(load, content, code, line, msg)                                          \
    assert_load_error_at(load, content, code, line, msg, __FILE__, __LINE__)

static inline void assert_load_error_at(testutil_loader load, const char *content, int code,
                                        long line, const char *msg, const char *src, int src_line)
{
    char *path = write_temp(content, NULL);
    whosaid_error e;
    memset(&e, 0, sizeof e);
    int rc = load(path, &e);
    if (rc == 0) {
        print_error("ERROR: loaded, expected error \"%s\"\n", msg);
        _fail(src, src_line);
    }
    _assert_int_equal(rc, code, src, src_line);
    assert_error_at(&e, path, line, msg, src, src_line);
    remove_temp(path);
}

/* The first line of l that starts with prefix; fails the test if none does. */
static inline const whosaid_line *line_of(const whosaid_lines *l, const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t k = 0; k < l->n; k++)
        if (l->v[k].len >= n && !memcmp(l->v[k].s, prefix, n)) return &l->v[k];
    fail_msg("no line starts with \"%s\"", prefix);
    return NULL;
}

/* Fails unless the line starting with prefix has fate want and, when
 * why_prefix is not NULL, a why that starts with it. */
#define assert_fate(l, prefix, want, why_prefix)                                                   \
    assert_fate_at(l, prefix, want, why_prefix, __FILE__, __LINE__)

static inline void assert_fate_at(const whosaid_lines *l, const char *prefix, int want,
                                  const char *why_prefix, const char *src, int src_line)
{
    const whosaid_line *ln = line_of(l, prefix);
    const char *why = ln->why ? ln->why : "-";
    if (ln->fate != want) {
        print_error("ERROR: \"%s\": fate %d (why %s), expected %d\n", prefix, ln->fate, why, want);
        _fail(src, src_line);
    }
    if (why_prefix && (!ln->why || strncmp(ln->why, why_prefix, strlen(why_prefix)))) {
        print_error("ERROR: \"%s\": why %s, expected %s...\n", prefix, why, why_prefix);
        _fail(src, src_line);
    }
}

#endif
