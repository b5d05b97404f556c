/* The raw form's builder (out.h): objects made as JSON text are written
 * as that text, with the members added after them; wherever they sit in
 * a record. The text form: any value written
 * as its text. (The serializer itself against jansson's is in
 * test_record.c.) And the widening of an output pipe. */
#define _GNU_SOURCE /* F_GETPIPE_SZ */
#include <fcntl.h>
#include <jansson.h>
#include <unistd.h>

#include "testutil.h"
#include "whosaid/buf.h"
#include "whosaid/error.h"
#include "whosaid/out.h"

/* {"a":1,"b":"é\n\"","n":null} as text, begun at b->len (what is before
 * it stays). */
static json_t *make_raw(whosaid_buf *b)
{
    size_t mark = b->len;
    assert_int_equal(whosaid_out_raw_begin(b), 0);
    assert_int_equal(whosaid_buf_append_str(b, "\"a\":"), 0);
    assert_int_equal(whosaid_out_int(b, 1), 0);
    assert_int_equal(whosaid_buf_append_str(b, ",\"b\":"), 0);
    assert_int_equal(whosaid_out_string(b, "\xc3\xa9\n\"", 4), 0);
    assert_int_equal(whosaid_buf_append_str(b, ",\"n\":"), 0);
    json_t *null = json_null();
    assert_int_equal(whosaid_out_value(b, null), 0);
    json_t *o = whosaid_out_raw_new(b, mark);
    assert_non_null(o);
    return o;
}

static void test_raw_object(void **state)
{
    (void)state;
    whosaid_buf b = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_buf_append_str(&b, "before"), 0);
    json_t *o = make_raw(&b);
    assert_true(whosaid_out_is_raw(o));
    /* the text was copied: the buffer may be reused */
    whosaid_buf_clear(&b);
    assert_int_equal(whosaid_buf_append_str(&b, "{\"zz\":0"), 0);
    /* the members are there only as text */
    assert_null(json_object_get(o, "a"));
    assert_null(json_object_get(o, "b"));
    char *d = whosaid_json_dump(o);
    assert_string_equal(d, "{\"a\":1,\"b\":\"\xc3\xa9\\n\\\"\",\"n\":null}");
    free(d);
    /* members added later come after the text */
    assert_int_equal(json_object_set_new(o, "entity", json_string("e1")), 0);
    assert_int_equal(json_object_set_new(o, "x", json_pack("[i,{s:b}]", 2, "y", 1)), 0);
    d = whosaid_json_dump(o);
    assert_string_equal(d, "{\"a\":1,\"b\":\"\xc3\xa9\\n\\\"\",\"n\":null,\"entity\":\"e1\","
                           "\"x\":[2,{\"y\":true}]}");
    free(d);
    /* inside a record, next to a plain object, as a record line */
    json_t *rec = json_pack("{s:s, s:[o, {s:i}]}", "id", "d", "spans", o, "start", 3);
    assert_non_null(rec);
    d = whosaid_json_dump(rec);
    assert_string_equal(d, "{\"id\":\"d\",\"spans\":[{\"a\":1,\"b\":\"\xc3\xa9\\n\\\"\",\"n\":null,"
                           "\"entity\":\"e1\",\"x\":[2,{\"y\":true}]},{\"start\":3}]}");
    char *path = write_temp("", "out.jsonl");
    FILE *fp = fopen(path, "w+");
    assert_non_null(fp);
    whosaid_out *out = whosaid_out_new(fileno(fp));
    assert_non_null(out);
    assert_int_equal(whosaid_out_record(out, rec), 0);
    assert_int_equal(whosaid_out_flush(out), 0);
    whosaid_out_free(out);
    char line[512] = "";
    rewind(fp);
    assert_non_null(fgets(line, sizeof line, fp));
    fclose(fp);
    remove_temp(path);
    assert_int_equal(strlen(line), strlen(d) + 1);
    assert_memory_equal(line, d, strlen(d));
    assert_int_equal(line[strlen(d)], '\n');
    free(d);
    json_decref(rec);
    whosaid_buf_free(&b);
}

/* Members added after a text begun at 0, and what is refused. */
static void test_raw_limits(void **state)
{
    (void)state;
    whosaid_buf b = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_out_raw_begin(&b), 0);
    assert_int_equal(whosaid_buf_append_str(&b, "\"p\":1,\"q\":2"), 0);
    /* no text past the mark */
    assert_null(whosaid_out_raw_new(&b, b.len));
    json_t *o = whosaid_out_raw_new(&b, 0);
    assert_non_null(o);
    json_object_set_new(o, "r", json_integer(3));
    char *d = whosaid_json_dump(o);
    assert_string_equal(d, "{\"p\":1,\"q\":2,\"r\":3}");
    free(d);
    json_decref(o);
    /* plain values are not raw */
    json_t *plain = json_pack("{s:i}", "p", 1), *arr = json_array();
    assert_false(whosaid_out_is_raw(plain));
    assert_false(whosaid_out_is_raw(arr));
    assert_false(whosaid_out_is_raw(NULL));
    json_decref(plain);
    json_decref(arr);
    whosaid_buf_free(&b);
}

/* The pipe-max-size this system allows an unprivileged process (0: not
 * known). */
static long pipe_max(void)
{
    long v = 0;
    FILE *fp = fopen("/proc/sys/fs/pipe-max-size", "r");
    if (fp && fscanf(fp, "%ld", &v) != 1) v = 0;
    if (fp) fclose(fp);
    return v;
}

/* A writer on a pipe widens it; on a regular file nothing is asked of it
 * (and nothing fails). */
static void test_pipe_widened(void **state)
{
    (void)state;
#ifdef F_GETPIPE_SZ
    if (pipe_max() < WHOSAID_PIPE_BYTES) skip();
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_true(fcntl(fds[1], F_GETPIPE_SZ) < WHOSAID_PIPE_BYTES);
    whosaid_out *o = whosaid_out_new(fds[1]);
    assert_non_null(o);
    assert_int_equal(fcntl(fds[0], F_GETPIPE_SZ), WHOSAID_PIPE_BYTES);
    whosaid_out_free(o);
    close(fds[0]);
    close(fds[1]);
    /* the reading end's own call (stdin) does the same */
    assert_int_equal(pipe(fds), 0);
    whosaid_pipe_widen(fds[0]);
    assert_int_equal(fcntl(fds[1], F_GETPIPE_SZ), WHOSAID_PIPE_BYTES);
    close(fds[0]);
    close(fds[1]);
    FILE *tmp = tmpfile();
    assert_non_null(tmp);
    whosaid_pipe_widen(fileno(tmp));
    fclose(tmp);
#else
    skip();
#endif
}

/* A value in the text form writes as its text wherever it sits (a
 * member, an array item, the record itself), the text copied. */
static void test_text_form(void **state)
{
    (void)state;
    char text[] = "[{\"a\":1},\"\\u00e9\"]";
    json_t *t = whosaid_out_text_new(text, strlen(text));
    assert_non_null(t);
    assert_false(whosaid_out_is_raw(t));
    text[0] = 'x';
    json_t *rec = json_pack("{s:i, s:o, s:[O, i]}", "id", 1, "spans", t, "more", t, 2);
    assert_non_null(rec);
    char *got = whosaid_json_dump(rec);
    assert_string_equal(got, "{\"id\":1,\"spans\":[{\"a\":1},\"\\u00e9\"],"
                             "\"more\":[[{\"a\":1},\"\\u00e9\"],2]}");
    free(got);
    got = whosaid_json_dump(t);
    assert_string_equal(got, "[{\"a\":1},\"\\u00e9\"]");
    free(got);
    json_decref(rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_raw_object),
        cmocka_unit_test(test_raw_limits),
        cmocka_unit_test(test_pipe_widened),
        cmocka_unit_test(test_text_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
