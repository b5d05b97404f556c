/* The fast record parser: what it takes must serialize exactly as
 * jansson's parse of the same line (key order, numbers, escapes), and what
 * jansson would refuse or treat differently it must decline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/buf.h"
#include "whosaid/jsonload.h"
#include "whosaid/out.h"

#define FLAGS (JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES)

static whosaid_jsonload *fast;

static int setup(void **state)
{
    (void)state;
    fast = whosaid_jsonload_new();
    return fast ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    whosaid_jsonload_free(fast);
    return 0;
}

/* s[0..len) is taken, and gives what jansson gives. */
static void assert_same_len(const char *s, size_t len)
{
    json_error_t jerr;
    json_t *want = json_loadb(s, len, FLAGS, &jerr);
    json_t *got = whosaid_jsonload_object(fast, s, len);
    assert_non_null(want);
    assert_non_null(got);
    char *a = whosaid_json_dump(got), *b = whosaid_json_dump(want);
    assert_string_equal(a, b);
    assert_true(json_equal(got, want));
    free(a);
    free(b);
    json_decref(got);
    json_decref(want);
}

static void assert_same(const char *s)
{
    assert_same_len(s, strlen(s));
}

static void assert_declined_by(whosaid_jsonload *l, const char *s)
{
    json_t *got = whosaid_jsonload_object(l, s, strlen(s));
    if (got) {
        char *d = whosaid_json_dump(got);
        fail_msg("taken, as %s: %s", d, s);
    }
}

static void assert_declined(const char *s)
{
    json_t *got = whosaid_jsonload_object(fast, s, strlen(s));
    if (got) {
        char *d = whosaid_json_dump(got);
        fail_msg("taken, as %s: %s", d, s);
    }
}

static void test_records_as_jansson(void **state)
{
    (void)state;
    assert_same(
        "{\"id\":\"a\",\"text\":\"x\",\"spans\":[{\"start\":0,\"end\":1,\"type\":\"PERSON\"}]}");
    /* Key order kept, including a key that sorts first written last. */
    assert_same("{\"z\":1,\"a\":2,\"m\":{\"y\":[],\"b\":{}}}");
    assert_same(" \t{\"a\" : [ 1 , 2 ] }\r\n");
    assert_same("{\"t\":true,\"f\":false,\"n\":null,\"e\":\"\",\"\":0}");
}

static void test_numbers(void **state)
{
    (void)state;
    assert_same("{\"a\":0,\"b\":-0,\"c\":9223372036854775807,\"d\":-9223372036854775808}");
    assert_same("{\"a\":1.5,\"b\":-0.0,\"c\":1e2,\"d\":2E-3,\"e\":0.1,\"f\":1e-400,"
                "\"g\":1.7976931348623157e308,\"h\":123456789.123456789}");
    /* jansson refuses these ("too big integer", "real number overflow"). */
    assert_declined("{\"a\":9223372036854775808}");
    assert_declined("{\"a\":18446744073709551615}");
    assert_declined("{\"a\":-9223372036854775809}");
    assert_declined("{\"a\":1e400}");
}

static void test_strings(void **state)
{
    (void)state;
    assert_same("{\"s\":\"\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 é 😀 \\u2028\"}");
    /* NUL in a value is allowed (JSON_ALLOW_NUL) and kept. */
    static const char nul[] = "{\"s\":\"a\\u0000b\"}";
    assert_same_len(nul, sizeof nul - 1);
    json_t *v = whosaid_jsonload_object(fast, nul, sizeof nul - 1);
    assert_int_equal(json_string_length(json_object_get(v, "s")), 3);
    json_decref(v);
    /* In a key jansson refuses it. */
    assert_declined("{\"k\\u0000\":1}");
    assert_declined("{\"s\":\"\\ud800\"}");
    assert_declined("{\"s\":\"\\udc00x\"}");
    assert_declined("{\"s\":\"tab\tinside\"}");
    assert_declined("{\"s\":\"\xff\"}");
    assert_declined("{\"s\":\"\xc0\xaf\"}");
}

static void test_declines(void **state)
{
    (void)state;
    assert_declined("{\"a\":1,\"a\":2}");
    assert_declined("{\"o\":{\"b\":1,\"b\":1}}");
    /* duplicates apart, with members after them (the size is checked once per object) */
    assert_declined("{\"a\":1,\"b\":2,\"a\":3,\"c\":4}");
    assert_declined("{\"s\":[{\"x\":\"1\"},{\"y\":[1],\"z\":{},\"y\":null,\"w\":0}]}");
    assert_declined("[{\"a\":1}]");
    assert_declined("\"text\"");
    assert_declined("{\"a\":1} {\"b\":2}");
    assert_declined("{\"a\":01}");
    assert_declined("{\"a\":1,}");
    assert_declined("{'a':1}");
    assert_declined("");
    assert_null(whosaid_jsonload_object(NULL, "{}", 2));
}

static void test_size_limit(void **state)
{
    (void)state;
    size_t n = WHOSAID_JSONLOAD_MAX + 1;
    char *big = malloc(n + 1);
    assert_non_null(big);
    memcpy(big, "{\"t\":\"", 6);
    memset(big + 6, 'x', n - 8);
    memcpy(big + n - 2, "\"}", 3);
    assert_null(whosaid_jsonload_object(fast, big, n));
    /* One byte shorter fits, and the buffers then serve short lines. */
    memcpy(big + n - 3, "\"}", 3);
    assert_same_len(big, n - 1);
    free(big);
    assert_same("{\"after\":\"the long one\"}");
}

static void test_deep_nesting(void **state)
{
    (void)state;
    char s[2 * 900 + 16];
    size_t k = 0;
    k += (size_t)sprintf(s, "{\"a\":");
    for (int i = 0; i < 900; i++)
        s[k++] = '[';
    for (int i = 0; i < 900; i++)
        s[k++] = ']';
    s[k++] = '}';
    s[k] = '\0';
    assert_same(s);
}

/* whosaid_jsonload_skip: the named members of the objects in the named
 * top-level array are left out when they hold a string or an array of
 * strings; everything else (other arrays, deeper objects, other values)
 * is built as jansson would; a skipped member given twice still declines. */
static void test_skip(void **state)
{
    (void)state;
    whosaid_jsonload *l = whosaid_jsonload_new();
    assert_non_null(l);
    assert_int_equal(whosaid_jsonload_skip(l, "spans", "rule"), 0);
    assert_int_equal(whosaid_jsonload_skip(l, "entities", "mentions"), 0);
    const char *line =
        "{\"id\":\"d\",\"rule\":\"top\",\"spans\":[{\"id\":\"s1\",\"rule\":\"r:1\",\"start\":0},"
        "{\"rule\":7,\"start\":1},{\"x\":{\"rule\":\"deep\"}},\"rule\"],"
        "\"entities\":[{\"id\":\"e1\",\"mentions\":[\"s1\",\"s2\"]},{\"mentions\":[1]}],"
        "\"other\":[{\"rule\":\"kept\"}]}";
    json_t *got = whosaid_jsonload_object(l, line, strlen(line));
    assert_non_null(got);
    char *d = whosaid_json_dump(got);
    assert_string_equal(d, "{\"id\":\"d\",\"rule\":\"top\",\"spans\":[{\"id\":\"s1\",\"start\":0},"
                           "{\"rule\":7,\"start\":1},{\"x\":{\"rule\":\"deep\"}},\"rule\"],"
                           "\"entities\":[{\"id\":\"e1\"},{\"mentions\":[1]}],"
                           "\"other\":[{\"rule\":\"kept\"}]}");
    free(d);
    json_decref(got);
    /* what jansson refuses is declined, left out or not */
    const char *dup = "{\"spans\":[{\"rule\":\"a\",\"rule\":\"b\"}]}";
    assert_null(whosaid_jsonload_object(l, dup, strlen(dup)));
    /* one copy left out (a string), the other kept (a number): still a duplicate */
    const char *mixed[] = {"{\"spans\":[{\"rule\":\"a\",\"rule\":1}]}",
                           "{\"spans\":[{\"rule\":1,\"rule\":\"a\"}]}"};
    for (size_t i = 0; i < 2; i++)
        assert_null(whosaid_jsonload_object(l, mixed[i], strlen(mixed[i])));
    const char *big = "{\"spans\":[{\"rule\":[\"a\",18446744073709551615]}]}";
    assert_null(whosaid_jsonload_object(l, big, strlen(big)));
    for (int i = 2; i < WHOSAID_JSONLOAD_SKIP_MAX; i++)
        assert_int_equal(whosaid_jsonload_skip(l, "spans", "x"), 0);
    assert_int_equal(whosaid_jsonload_skip(l, "spans", "y"), -1);
    whosaid_jsonload_free(l);
    assert_int_equal(whosaid_jsonload_skip(NULL, "spans", "y"), -1);
}

/* whosaid_jsonload_skip with "parent.child": the child left out of the
 * object member parent of the array's objects (when its value always
 * loads), nowhere else: not at the top of those objects, not in a parent
 * that is no object, not in other arrays; a left-out child met twice is
 * still a duplicate. */
static void test_skip_nested(void **state)
{
    (void)state;
    whosaid_jsonload *l = whosaid_jsonload_new();
    assert_non_null(l);
    assert_int_equal(whosaid_jsonload_skip(l, "entities", "attrs.aliases"), 0);
    assert_int_equal(whosaid_jsonload_skip(l, "entities", "attrs.kind"), 0);
    assert_int_equal(whosaid_jsonload_skip(l, "entities", "mentions"), 0);
    const char *line =
        "{\"entities\":[{\"id\":\"e1\",\"aliases\":[\"top\"],\"mentions\":[\"s1\"],"
        "\"attrs\":{\"role\":\"x\",\"aliases\":[\"A\",\"B\"],\"kind\":\"company\",\"n\":1}},"
        "{\"attrs\":{\"aliases\":[1],\"kind\":2}},{\"attrs\":\"flat\"},"
        "{\"other\":{\"kind\":\"kept\"}}],"
        "\"spans\":[{\"attrs\":{\"kind\":\"kept\"}}]}";
    json_t *got = whosaid_jsonload_object(l, line, strlen(line));
    assert_non_null(got);
    char *d = whosaid_json_dump(got);
    assert_string_equal(d, "{\"entities\":[{\"id\":\"e1\",\"aliases\":[\"top\"],"
                           "\"attrs\":{\"role\":\"x\",\"n\":1}},"
                           "{\"attrs\":{\"aliases\":[1],\"kind\":2}},{\"attrs\":\"flat\"},"
                           "{\"other\":{\"kind\":\"kept\"}}],"
                           "\"spans\":[{\"attrs\":{\"kind\":\"kept\"}}]}");
    free(d);
    json_decref(got);
    const char *dup = "{\"entities\":[{\"attrs\":{\"kind\":\"a\",\"kind\":\"b\"}}]}";
    assert_null(whosaid_jsonload_object(l, dup, strlen(dup)));
    whosaid_jsonload_free(l);
}

/* whosaid_jsonload_object_padded: the line parsed where it is, whatever
 * the bytes after it held, gives what jansson gives; it writes only its
 * padding after the line, never the line itself or past the padding. */
static void test_padded(void **state)
{
    (void)state;
    static const char line[] = "{\"id\":\"d\",\"text\":\"a \\\"b\\\"\",\"n\":[1,2.5,null]}\n";
    size_t len = sizeof line - 1;
    char buf[sizeof line + WHOSAID_JSONLOAD_PADDING + 8];
    memcpy(buf, line, len);
    memset(buf + len, '{', sizeof buf - len); /* not JSON: would break a parse reading it */
    json_t *got = whosaid_jsonload_object_padded(fast, buf, len);
    json_t *want = json_loadb(line, len, FLAGS, NULL);
    assert_non_null(got);
    assert_non_null(want);
    assert_true(json_equal(got, want));
    assert_memory_equal(buf, line, len);
    for (size_t i = len + WHOSAID_JSONLOAD_PADDING; i < sizeof buf; i++)
        assert_int_equal(buf[i], '{');
    json_decref(got);
    json_decref(want);
    /* declined as whosaid_jsonload_object declines */
    memcpy(buf, "{\"a\":1,\"a\":2}", 13);
    assert_null(whosaid_jsonload_object_padded(fast, buf, 13));
    assert_null(whosaid_jsonload_object_padded(NULL, buf, 13));
}

/* What whosaid_jsonload_view_write appends for item i of v, NUL-ended
 * (the caller frees it), its count in *n. */
static char *view_written(whosaid_jsonload_view *v, size_t i, const whosaid_field *names, size_t nn,
                          unsigned how, long *n)
{
    whosaid_buf b = WHOSAID_BUF_INIT;
    *n = whosaid_jsonload_view_write(v, i, names, nn, how, &b);
    assert_int_equal(whosaid_buf_append_char(&b, '\0'), 0);
    return b.data;
}

/* item i of v written whole equals want (an object) dumped. */
static void assert_view_writes(whosaid_jsonload_view *v, size_t i, const json_t *want)
{
    assert_true(json_is_object(want));
    char *dump = whosaid_json_dump(want);
    long n;
    char *got = view_written(v, i, NULL, 0, 0, &n);
    assert_int_equal(n, (long)json_object_size(want));
    /* the pairs are the dump without its braces */
    assert_int_equal(strlen(got), strlen(dump) - 2);
    assert_memory_equal(got, dump + 1, strlen(got));
    free(got);
    free(dump);
}

/* A loader that keeps "spans", reading "id" and "start" of its items. */
static whosaid_jsonload *keep_loader(void)
{
    static const whosaid_field read[] = {WHOSAID_FIELD("id"), WHOSAID_FIELD("start")};
    static const whosaid_keep keep = {"spans", read, 2};
    whosaid_jsonload *l = whosaid_jsonload_new();
    assert_non_null(l);
    assert_int_equal(whosaid_jsonload_keep(l, &keep), 0);
    return l;
}

/* line through l (keep_loader) is taken with its spans kept; each object
 * item written from the parse (whosaid_jsonload_view_write) and the
 * record with the array put back (whosaid_jsonload_view_replace) write
 * what jansson's parse of the line writes. */
static void assert_kept_same(whosaid_jsonload *l, const char *line)
{
    json_t *want = json_loads(line, FLAGS, NULL);
    json_t *got = whosaid_jsonload_object(l, line, strlen(line));
    assert_non_null(want);
    if (!got) fail_msg("declined: %s", line);
    whosaid_jsonload_view *v = whosaid_jsonload_view_of(got, "spans");
    assert_non_null(v);
    const json_t *spans = json_object_get(want, "spans");
    assert_int_equal(whosaid_jsonload_view_size(v), json_array_size(spans));
    for (size_t i = 0; i < json_array_size(spans); i++)
        if (json_is_object(json_array_get(spans, i)))
            assert_view_writes(v, i, json_array_get(spans, i));
    assert_int_equal(whosaid_jsonload_view_replace(got, v, NULL), 0);
    char *a = whosaid_json_dump(got), *b = whosaid_json_dump(want);
    assert_string_equal(a, b);
    free(a);
    free(b);
    json_decref(got);
    json_decref(want);
}

/* Keys of a kept array's items are learned as they are met (so that a
 * key met before needs no NUL test nor duplicate search): verdicts stay
 * jansson's for keys met before, in their order or not, for keys not
 * learned (too long, or past the table's room) and for a read name
 * holding a NUL. */
static void test_keep_learned_keys(void **state)
{
    (void)state;
    static const whosaid_field read[] = {WHOSAID_FIELD("id"), {"n\0l", 3}};
    const whosaid_keep keep = {"spans", read, 2};
    whosaid_jsonload *l = whosaid_jsonload_new();
    assert_non_null(l);
    assert_int_equal(whosaid_jsonload_keep(l, &keep), 0);
    assert_kept_same(l, "{\"spans\":[{\"id\":\"a\",\"x\":1,\"y\":2},{\"id\":\"b\",\"x\":3,\"y\":4},"
                        "{\"y\":5,\"id\":\"c\"}]}");
    /* a learned key twice, where it was met before and out of order */
    assert_declined_by(l, "{\"spans\":[{\"id\":\"a\",\"x\":1,\"x\":2}]}");
    assert_declined_by(
        l, "{\"spans\":[{\"id\":\"a\",\"x\":1,\"y\":2},{\"x\":1,\"id\":\"b\",\"x\":2}]}");
    assert_declined_by(l, "{\"spans\":[{\"id\":\"a\",\"id\":\"b\"}]}");
    /* a NUL makes another key than the learned one, and declines */
    assert_declined_by(l, "{\"spans\":[{\"id\":\"a\",\"x\\u0000\":1}]}");
    assert_declined_by(l, "{\"spans\":[{\"id\":\"a\",\"x\":1,\"x\\u0000\":1}]}");
    /* the key of a read name holding a NUL */
    assert_declined_by(l, "{\"spans\":[{\"id\":\"a\",\"n\\u0000l\":1}]}");
    /* too long to be learned: taken, or a duplicate */
    const char *lk = "a_key_longer_than_any_learned_one";
    char line[4096];
    snprintf(line, sizeof line, "{\"spans\":[{\"%s\":1,\"id\":\"a\"},{\"%s\":2}]}", lk, lk);
    assert_kept_same(l, line);
    snprintf(line, sizeof line, "{\"spans\":[{\"%s\":1,\"id\":\"a\",\"%s\":2}]}", lk, lk);
    assert_declined_by(l, line);
    /* past the table's room: 80 keys more, taken; then with one twice */
    size_t len = (size_t)snprintf(line, sizeof line, "{\"spans\":[{\"id\":\"a\"");
    for (int i = 0; i < 80; i++)
        len += (size_t)snprintf(line + len, sizeof line - len, ",\"k%d\":%d", i, i);
    snprintf(line + len, sizeof line - len, "}]}");
    assert_kept_same(l, line);
    assert_kept_same(l, line); /* the first ones learned, the rest not */
    snprintf(line + len, sizeof line - len, ",\"k79\":0}]}");
    assert_declined_by(l, line);
    snprintf(line + len, sizeof line - len, ",\"k3\":0}]}");
    assert_declined_by(l, line);
    whosaid_jsonload_free(l);
}

/* Names read that share a slot of the loader's name table (its length and
 * first byte: "id", "dog" and "dot" do) are each found by their whole
 * name, whatever their order: "dog" and "id" are read, "dot" is not. */
static void test_keep_names_sharing_a_slot(void **state)
{
    (void)state;
    static const whosaid_field read[] = {WHOSAID_FIELD("id"), WHOSAID_FIELD("dog")};
    const whosaid_keep keep = {"spans", read, 2};
    whosaid_jsonload *l = whosaid_jsonload_new();
    assert_non_null(l);
    assert_int_equal(whosaid_jsonload_keep(l, &keep), 0);
    const char *line =
        "{\"spans\":[{\"dot\":2,\"dog\":1,\"id\":\"x\"},{\"id\":\"y\",\"dog\":3,\"dot\":4}]}";
    json_t *got = whosaid_jsonload_object(l, line, strlen(line));
    assert_non_null(got);
    whosaid_jsonload_view *v = whosaid_jsonload_view_of(got, "spans");
    const whosaid_jsonload_value *f;
    assert_int_equal(whosaid_jsonload_view_next(v, &f), 1);
    assert_string_equal(f[0].str, "x");
    assert_int_equal(f[1].num, 1);
    assert_int_equal(whosaid_jsonload_view_next(v, &f), 1);
    assert_string_equal(f[0].str, "y");
    assert_int_equal(f[1].num, 3);
    json_decref(got);
    whosaid_jsonload_free(l);
}

/* Items of a kept array write as jansson's parse would: escapes, reals,
 * nested values, key order, extreme integers; and keys and string values
 * of 1 to 17 bytes (the short ones are written without the escaping
 * loop), plain or with a byte to escape or a UTF-8 letter at their first,
 * middle or last byte. */
static void test_keep_writes_as_jansson(void **state)
{
    (void)state;
    whosaid_jsonload *l = keep_loader();
    assert_kept_same(l,
                     "{\"id\":\"d\",\"spans\":[{\"id\":\"s1\",\"text\":\"a\\\"b\\n\\u0001\\u00e9\","
                     "\"start\":0,\"value\":1.5,\"x\":[1,{\"y\":null}],\"t\":true}]}");
    assert_kept_same(
        l, "{\"spans\":[{\"id\":\"s1\",\"entity\":\"e3\",\"start\":2},{},[1],\"s\","
           "{\"start\":1e2,\"id\":-0,\"z\":-9223372036854775808}],\"other\":[{\"id\":1}]}");
    static const char *const odd[] = {"\\\"", "\\\\", "\\n", "\\u001f", "\\u007f", "\xc3\xa9", "/"};
    for (size_t n = 1; n <= 17; n++) {
        for (size_t o = 0; o <= sizeof odd / sizeof odd[0]; o++) {
            size_t at[] = {0, n / 2, n - 1};
            for (size_t a = 0; a < 3; a++) {
                /* n letters, one of them replaced by odd[o] (o past the
                 * list: none) */
                char word[64];
                size_t k = 0;
                for (size_t i = 0; i < n; i++) {
                    if (o < sizeof odd / sizeof odd[0] && i == at[a])
                        k += (size_t)snprintf(word + k, sizeof word - k, "%s", odd[o]);
                    else
                        word[k++] = (char)('a' + i);
                }
                word[k] = '\0';
                char line[256];
                snprintf(line, sizeof line,
                         "{\"spans\":[{\"id\":\"s1\",\"%s\":\"%s\",\"start\":%zu}]}", word, word,
                         n);
                assert_kept_same(l, line);
            }
        }
    }
    whosaid_jsonload_free(l);
}

/* Keys of every length up to 20 (the short ones are compared as two
 * overlapping words): a NUL at any place of a key declines, as jansson
 * refuses it; two keys one byte apart, at any place, are two members; the
 * same key twice is a duplicate, declined. In records and in the objects
 * of a kept array (checked in the parse, not built). */
static void test_key_bytes(void **state)
{
    (void)state;
    whosaid_jsonload *kept = keep_loader();
    char key[24], other[24], line[256];
    for (size_t n = 1; n <= 20; n++) {
        for (size_t i = 0; i < n; i++)
            key[i] = (char)('a' + i);
        key[n] = '\0';
        for (size_t at = 0; at < n; at++) {
            snprintf(line, sizeof line, "{\"%.*s\\u0000%s\":1}", (int)at, key, key + at + 1);
            assert_declined(line);
            snprintf(line, sizeof line, "{\"spans\":[{\"%.*s\\u0000%s\":1}]}", (int)at, key,
                     key + at + 1);
            assert_declined_by(kept, line);
            memcpy(other, key, n + 1);
            other[at] = 'Z';
            snprintf(line, sizeof line, "{\"%s\":1,\"%s\":2}", key, other);
            assert_same(line);
            snprintf(line, sizeof line, "{\"spans\":[{\"%s\":1,\"%s\":2}]}", key, other);
            assert_kept_same(kept, line);
        }
        snprintf(line, sizeof line, "{\"%s\":1,\"%s\":2}", key, key);
        assert_declined(line);
        snprintf(line, sizeof line, "{\"spans\":[{\"%s\":1,\"%s\":2}]}", key, key);
        assert_declined_by(kept, line);
    }
    whosaid_jsonload_free(kept);
}

/* A kept array (whosaid_jsonload_keep): its objects read in the parse
 * give what the built ones hold, and a line with anything in them that
 * jansson would refuse is declined all the same. */
static void test_keep(void **state)
{
    (void)state;
    whosaid_jsonload *l = whosaid_jsonload_new();
    assert_non_null(l);
    static const whosaid_field fields[] = {WHOSAID_FIELD("start"),  WHOSAID_FIELD("end"),
                                           WHOSAID_FIELD("type"),   WHOSAID_FIELD("value"),
                                           WHOSAID_FIELD("ok"),     WHOSAID_FIELD("no"),
                                           WHOSAID_FIELD("nul"),    WHOSAID_FIELD("s"),
                                           WHOSAID_FIELD("absent"), WHOSAID_FIELD("country")};
    const whosaid_keep keep = {"spans", fields, 10};
    assert_int_equal(whosaid_jsonload_skip(l, "spans", "rule"), 0);
    assert_int_equal(whosaid_jsonload_skip(l, "spans", "id"), 0);
    assert_int_equal(whosaid_jsonload_skip(l, "spans", "meta.drop"), 0);
    assert_int_equal(whosaid_jsonload_keep(l, &keep), 0);
    assert_int_equal(whosaid_jsonload_keep(l, &keep), -1); /* once per field */
    const char *line =
        "{\"id\":\"d\",\"spans\":[{\"start\":3,\"end\":-9,\"type\":\"STAT\",\"rule\":\"r\","
        "\"value\":{\"a\":[1,2.5]},\"ok\":true,\"no\":false,\"nul\":null,\"s\":\"a\\u0000b\","
        "\"meta\":{\"drop\":\"x\",\"k\":1},\"id\":{\"x\":1}},"
        "7,{\"start\":1.5,\"country\":\"FR\"}],\"text\":\"x\"}";
    json_t *rec = whosaid_jsonload_object(l, line, strlen(line));
    assert_non_null(rec);
    assert_null(json_object_get(rec, "spans"));
    assert_string_equal(json_string_value(json_object_get(rec, "text")), "x");
    whosaid_jsonload_view *v = whosaid_jsonload_view_of(rec, "spans");
    assert_non_null(v);
    assert_int_equal(whosaid_jsonload_view_size(v), 3);
    long n;
    char *w = view_written(v, 3, NULL, 0, 0, &n); /* past the last */
    assert_int_equal(n, -1);
    free(w);
    /* any item, before it is stepped to, as the loader without the view
     * builds it (its skips, "meta.drop" too, applied) */
    whosaid_jsonload *plain = whosaid_jsonload_new();
    assert_non_null(plain);
    assert_int_equal(whosaid_jsonload_skip(plain, "spans", "rule"), 0);
    assert_int_equal(whosaid_jsonload_skip(plain, "spans", "id"), 0);
    assert_int_equal(whosaid_jsonload_skip(plain, "spans", "meta.drop"), 0);
    json_t *built = whosaid_jsonload_object(plain, line, strlen(line));
    assert_non_null(built);
    const json_t *bspans = json_object_get(built, "spans");
    assert_view_writes(v, 2, json_array_get(bspans, 2));

    const whosaid_jsonload_value *f;
    assert_int_equal(whosaid_jsonload_view_next(v, &f), 1);
    assert_int_equal(f[0].type, JSON_INTEGER);
    assert_int_equal(f[0].num, 3);
    assert_int_equal(f[1].type, JSON_INTEGER);
    assert_int_equal(f[1].num, -9);
    assert_int_equal(f[2].type, JSON_STRING);
    assert_string_equal(f[2].str, "STAT");
    assert_int_equal(f[2].len, 4);
    assert_int_equal(f[3].type, JSON_OBJECT);
    assert_int_equal(f[4].type, JSON_TRUE);
    assert_int_equal(f[5].type, JSON_FALSE);
    assert_int_equal(f[6].type, JSON_NULL);
    assert_int_equal(f[7].type, JSON_STRING);
    assert_int_equal(f[7].len, 3);
    assert_memory_equal(f[7].str, "a\0b", 4);
    assert_int_equal(f[8].type, -1);
    assert_int_equal(f[9].type, -1);
    /* whole: "rule" left out (a string), "id" kept (an object), "drop" left
     * out of "meta" */
    assert_view_writes(v, 0, json_array_get(bspans, 0));
    assert_null(json_object_get(json_array_get(bspans, 0), "rule"));
    assert_non_null(json_object_get(json_array_get(bspans, 0), "id"));
    assert_int_equal(json_object_size(json_object_get(json_array_get(bspans, 0), "meta")), 1);
    json_decref(built);
    whosaid_jsonload_free(plain);
    /* some members, in the object's order; all but some, after a comma */
    static const whosaid_field some[] = {WHOSAID_FIELD("ok"), WHOSAID_FIELD("type")};
    w = view_written(v, 0, some, 2, WHOSAID_JSONLOAD_ONLY, &n);
    assert_string_equal(w, "\"type\":\"STAT\",\"ok\":true");
    assert_int_equal(n, 2);
    free(w);
    static const whosaid_field most[] = {
        WHOSAID_FIELD("start"), WHOSAID_FIELD("end"), WHOSAID_FIELD("value"), WHOSAID_FIELD("s"),
        WHOSAID_FIELD("meta"),  WHOSAID_FIELD("id"),  WHOSAID_FIELD("nul")};
    w = view_written(v, 0, most, 7, WHOSAID_JSONLOAD_COMMA, &n);
    assert_string_equal(w, ",\"type\":\"STAT\",\"ok\":true,\"no\":false");
    free(w);
    w = view_written(v, 2, some, 2, WHOSAID_JSONLOAD_ONLY | WHOSAID_JSONLOAD_COMMA, &n);
    assert_string_equal(w, ""); /* none of them: no comma either */
    assert_int_equal(n, 0);
    free(w);

    assert_int_equal(whosaid_jsonload_view_next(v, &f), 0); /* 7 */
    w = view_written(v, 1, NULL, 0, 0, &n);                 /* no object */
    assert_int_equal(n, -1);
    free(w);
    assert_int_equal(whosaid_jsonload_view_next(v, &f), 1);
    assert_int_equal(f[0].type, JSON_REAL);
    assert_int_equal(f[9].type, JSON_STRING);
    assert_string_equal(f[9].str, "FR");
    assert_int_equal(f[2].type, -1);
    assert_int_equal(whosaid_jsonload_view_next(v, &f), -1);
    json_decref(rec);

    /* anything jansson refuses inside the kept array declines the line */
    assert_declined_by(l, "{\"spans\":[{\"a\":1,\"a\":2}]}");
    assert_declined_by(l, "{\"spans\":[{\"a\":{\"b\":1,\"b\":1}}]}");
    assert_declined_by(l, "{\"spans\":[{\"a\\u0000\":1}]}");
    assert_declined_by(l, "{\"spans\":[{\"a\":[18446744073709551615]}]}");
    assert_declined_by(l, "{\"spans\":[[{\"x\":1,\"x\":1}]]}");
    assert_declined_by(l, "{\"spans\":[],\"spans\":[]}");
    /* the kept field twice, once no array: a duplicate all the same */
    assert_declined_by(l, "{\"spans\":\"x\",\"spans\":[]}");
    assert_declined_by(l, "{\"spans\":[],\"spans\":{}}");
    assert_declined_by(l, "{\"spans\":null,\"spans\":1}");
    /* 70 members: the duplicate check past the keys it holds */
    char big[1024] = "{\"spans\":[{";
    for (int i = 0; i < 70; i++)
        sprintf(big + strlen(big), "%s\"k%d\":%d", i ? "," : "", i, i);
    strcat(big, "}]}");
    json_t *ok = whosaid_jsonload_object(l, big, strlen(big));
    assert_non_null(ok);
    json_decref(ok);
    strcpy(big + strlen(big) - 3, ",\"k2\":0}]}");
    assert_declined_by(l, big);

    /* a record jansson loaded, or a line with the member not an array: no view */
    json_t *j = json_loads("{\"spans\":[]}", FLAGS, NULL);
    assert_null(whosaid_jsonload_view_of(j, "spans"));
    json_decref(j);
    const char *obj = "{\"spans\":{\"a\":1}}";
    json_t *o = whosaid_jsonload_object(l, obj, strlen(obj));
    assert_non_null(o);
    assert_null(whosaid_jsonload_view_of(o, "spans"));
    assert_non_null(json_object_get(o, "spans"));
    json_decref(o);
    /* a record's view ends with the next line */
    json_t *r1 = whosaid_jsonload_object(l, "{\"spans\":[]}", 12);
    assert_non_null(whosaid_jsonload_view_of(r1, "spans"));
    json_t *r2 = whosaid_jsonload_object(l, "{\"spans\":[1]}", 13);
    assert_null(whosaid_jsonload_view_of(r1, "spans"));
    assert_int_equal(whosaid_jsonload_view_size(whosaid_jsonload_view_of(r2, "spans")), 1);
    json_decref(r1);
    json_decref(r2);
    whosaid_jsonload_free(l);
}

/* Two arrays kept from one line, each read through its own view, and
 * members of an object member read by "parent.child" (claims: an entity's
 * "attrs.role"), whatever else the object or the member holds. */
static void test_keep_two_nested(void **state)
{
    (void)state;
    whosaid_jsonload *l = whosaid_jsonload_new();
    assert_non_null(l);
    static const whosaid_field span_f[] = {WHOSAID_FIELD("start")};
    static const whosaid_field ent_f[] = {WHOSAID_FIELD("id"), WHOSAID_FIELD("attrs.role"),
                                          WHOSAID_FIELD("attrs"), WHOSAID_FIELD("attrs.gender")};
    const whosaid_keep spans = {"spans", span_f, 1}, ents = {"entities", ent_f, 4};
    assert_int_equal(whosaid_jsonload_keep(l, &spans), 0);
    assert_int_equal(whosaid_jsonload_keep(l, &ents), 0);
    /* a name read twice, nested deeper than one level: refused */
    static const whosaid_field twice[] = {WHOSAID_FIELD("a.b"), WHOSAID_FIELD("a.b")};
    static const whosaid_field deep[] = {WHOSAID_FIELD("a.b.c")};
    const whosaid_keep bad1 = {"x", twice, 2}, bad2 = {"y", deep, 1};
    assert_int_equal(whosaid_jsonload_keep(l, &bad1), -1);
    assert_int_equal(whosaid_jsonload_keep(l, &bad2), -1);
    const char *line =
        "{\"id\":\"d\",\"spans\":[{\"start\":4}],\"entities\":["
        "{\"id\":\"e1\",\"attrs\":{\"gender\":\"female\",\"n\":[1],\"role\":\"mayor\"}},"
        "{\"attrs\":\"none\",\"id\":7},"
        "{\"id\":\"e3\",\"attrs\":{\"role\":null},\"mentions\":[\"s1\"]}]}";
    json_t *rec = whosaid_jsonload_object(l, line, strlen(line));
    assert_non_null(rec);
    assert_null(json_object_get(rec, "entities"));
    whosaid_jsonload_view *sv = whosaid_jsonload_view_of(rec, "spans");
    whosaid_jsonload_view *ev = whosaid_jsonload_view_of(rec, "entities");
    assert_non_null(sv);
    assert_non_null(ev);
    assert_ptr_not_equal(sv, ev);
    assert_null(whosaid_jsonload_view_of(rec, "id"));
    const whosaid_jsonload_value *f;
    assert_int_equal(whosaid_jsonload_view_next(sv, &f), 1);
    assert_int_equal(f[0].num, 4);
    assert_int_equal(whosaid_jsonload_view_size(ev), 3);
    assert_int_equal(whosaid_jsonload_view_next(ev, &f), 1);
    assert_string_equal(f[0].str, "e1");
    assert_int_equal(f[1].type, JSON_STRING);
    assert_string_equal(f[1].str, "mayor");
    assert_int_equal(f[2].type, JSON_OBJECT);
    assert_string_equal(f[3].str, "female");
    assert_int_equal(whosaid_jsonload_view_next(ev, &f), 1);
    assert_int_equal(f[0].type, JSON_INTEGER);
    assert_int_equal(f[1].type, -1); /* attrs is no object: nothing of it read */
    assert_int_equal(f[2].type, JSON_STRING);
    assert_int_equal(f[3].type, -1);
    assert_int_equal(whosaid_jsonload_view_next(ev, &f), 1);
    assert_int_equal(f[1].type, JSON_NULL);
    assert_int_equal(f[3].type, -1);
    assert_int_equal(whosaid_jsonload_view_next(ev, &f), -1);
    json_decref(rec);
    /* what jansson refuses inside a nested object read is still found */
    assert_declined_by(l, "{\"entities\":[{\"attrs\":{\"role\":\"a\",\"role\":\"b\"}}]}");
    assert_declined_by(l, "{\"entities\":[{\"attrs\":{\"x\":[18446744073709551615]}}]}");
    assert_declined_by(l, "{\"spans\":[],\"entities\":[{\"attrs\":{},\"attrs\":{}}]}");
    whosaid_jsonload_free(l);
}

/* whosaid_jsonload_view_get reads any item without stepping, and
 * whosaid_jsonload_view_replace puts a value where the kept array stood
 * (the record's order kept), or the array itself built, as the loader
 * without the view gives it (what skip leaves out left out); the view
 * ends then. */
static void test_keep_replace(void **state)
{
    (void)state;
    const char *line = "{\"id\":\"d1\",\"spans\":[{\"id\":\"s1\",\"start\":0,\"rule\":\"r\","
                       "\"attrs\":{\"a\":[1,\"\\u00e9\\n\"]}},7,{\"start\":2,\"x\":null}],"
                       "\"warnings\":[],\"z\":1.5}";
    static const whosaid_field fields[] = {WHOSAID_FIELD("start")};
    const whosaid_keep keep = {"spans", fields, 1};
    whosaid_jsonload *l = whosaid_jsonload_new(), *plain = whosaid_jsonload_new();
    assert_non_null(l);
    assert_non_null(plain);
    assert_int_equal(whosaid_jsonload_skip(l, "spans", "rule"), 0);
    assert_int_equal(whosaid_jsonload_skip(plain, "spans", "rule"), 0);
    assert_int_equal(whosaid_jsonload_keep(l, &keep), 0);
    json_t *want = whosaid_jsonload_object(plain, line, strlen(line));
    assert_non_null(want);
    char *want_text = whosaid_json_dump(want);

    json_t *rec = whosaid_jsonload_object(l, line, strlen(line));
    assert_non_null(rec);
    whosaid_jsonload_view *v = whosaid_jsonload_view_of(rec, "spans");
    assert_non_null(v);
    const whosaid_jsonload_value *f;
    assert_int_equal(whosaid_jsonload_view_get(v, 2, &f), 1);
    assert_int_equal(f[0].num, 2);
    assert_int_equal(whosaid_jsonload_view_get(v, 1, &f), 0);
    assert_int_equal(whosaid_jsonload_view_get(v, 3, &f), -1);
    assert_int_equal(whosaid_jsonload_view_next(v, &f), 1); /* get did not step */
    assert_int_equal(f[0].num, 0);
    assert_int_equal(whosaid_jsonload_view_replace(rec, v, NULL), 0);
    assert_null(whosaid_jsonload_view_of(rec, "spans"));
    char *got = whosaid_json_dump(rec);
    assert_string_equal(got, want_text);
    free(got);
    /* once only: the view has ended (value taken all the same) */
    assert_int_equal(whosaid_jsonload_view_replace(rec, v, json_integer(1)), -1);
    json_decref(rec);

    rec = whosaid_jsonload_object(l, line, strlen(line));
    v = whosaid_jsonload_view_of(rec, "spans");
    assert_non_null(v);
    assert_int_equal(whosaid_jsonload_view_replace(rec, v, whosaid_out_text_new("[1,{}]", 6)), 0);
    whosaid_buf b = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_jsonload_view_write(v, 0, NULL, 0, 0, &b), -1);
    whosaid_buf_free(&b);
    got = whosaid_json_dump(rec);
    assert_string_equal(got, "{\"id\":\"d1\",\"spans\":[1,{}],\"warnings\":[],\"z\":1.5}");
    free(got);
    json_decref(rec);
    /* a record holding no view of it */
    assert_int_equal(whosaid_jsonload_view_replace(want, v, NULL), -1);
    free(want_text);
    json_decref(want);
    whosaid_jsonload_free(plain);
    whosaid_jsonload_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_as_jansson),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_declines),
        cmocka_unit_test(test_keep_learned_keys),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_skip),
        cmocka_unit_test(test_skip_nested),
        cmocka_unit_test(test_padded),
        cmocka_unit_test(test_keep_writes_as_jansson),
        cmocka_unit_test(test_key_bytes),
        cmocka_unit_test(test_keep_names_sharing_a_slot),
        cmocka_unit_test(test_keep),
        cmocka_unit_test(test_keep_two_nested),
        cmocka_unit_test(test_keep_replace),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
