/* Reading records: good lines, bad lines with their messages and line
 * numbers, UTF-8 repair, warnings, and the writer's serialization. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "whosaid/jsonload.h"
#include "whosaid/out.h"
#include "whosaid/record.h"

static FILE *mem(const char *s)
{
    FILE *fp = tmpfile();
    assert_non_null(fp);
    fwrite(s, 1, strlen(s), fp);
    rewind(fp);
    return fp;
}

static void test_reader_good_and_bad_lines(void **state)
{
    (void)state;
    FILE *fp = mem("{\"id\":\"a\",\"text\":\"x\"}\n"
                   "\n"
                   "not json\n"
                   "[1,2]\n"
                   "{\"text\":\"no id\"}\n"
                   "{\"id\":\"b\"}\n"
                   "{\"id\":\"c\",\"text\":\"y\",\"id\":\"d\"}\n"
                   "{\"id\":\"e\",\"text\":\"\xFFz\",\"mine\":[1]}");
    whosaid_reader *r = whosaid_reader_new(fp, "in.jsonl", WHOSAID_READ_ID | WHOSAID_READ_TEXT);
    whosaid_error e;
    json_t *rec;
    assert_int_equal(whosaid_reader_next(r, &rec, &e), 1);
    assert_string_equal(whosaid_record_id(rec), "a");
    json_decref(rec);

    assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_ESYNTAX);
    assert_null(rec);
    assert_string_equal(e.file, "in.jsonl");
    assert_int_equal(e.line, 3); /* the blank line counts */
    assert_non_null(strstr(e.msg, "not valid JSON"));

    assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_ESYNTAX);
    assert_int_equal(e.line, 4);
    assert_string_equal(e.msg, "expected a JSON object");

    assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_EINPUT);
    assert_string_equal(e.msg, "record has no \"id\" string");
    assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_EINPUT);
    assert_string_equal(e.msg, "record b has no \"text\" string");
    assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_ESYNTAX); /* duplicate key */
    assert_int_equal(e.line, 7);

    assert_int_equal(whosaid_reader_next(r, &rec, &e), 1);
    size_t len;
    assert_string_equal(whosaid_record_text(rec, &len), "\xEF\xBF\xBDz");
    assert_int_equal(len, 4);
    assert_int_equal(whosaid_reader_repaired(r), 1);
    assert_int_equal(whosaid_reader_line(r), 8);
    json_decref(rec);
    assert_int_equal(whosaid_reader_next(r, &rec, &e), 0);
    whosaid_reader_free(r);
    fclose(fp);
}

/* A record line of exactly n bytes: {"id":"<id>","text":"aaa..."} */
static void put_record(FILE *fp, const char *id, size_t n)
{
    int head = fprintf(fp, "{\"id\":\"%s\",\"text\":\"", id);
    for (size_t i = (size_t)head + 2; i < n; i++)
        fputc('a', fp);
    fputs("\"}", fp);
}

static void test_reader_skips_long_lines(void **state)
{
    (void)state;
    FILE *fp = tmpfile();
    assert_non_null(fp);
    put_record(fp, "good1", 50);
    fputc('\n', fp);
    put_record(fp, "long-one", 3000); /* 2: over the cap, id named */
    fputc('\n', fp);
    put_record(fp, "exact", 1000); /* 3: exactly the cap (its '\n' aside): read */
    fputc('\n', fp);
    for (int i = 0; i < 1001; i++)
        fputc('[', fp); /* 4: one over, no id */
    fputc('\n', fp);
    fputs("{\"text\":\"x\", \"id\" :  \"late\\\"id\"", fp); /* 5: escaped id: not named */
    for (int i = 0; i < 2000; i++)
        fputc(' ', fp);
    fputs("}\n", fp);
    put_record(fp, "good2", 60);
    fputc('\n', fp);
    put_record(fp, "tail", 5000); /* 7: over the cap at the end, no newline */
    rewind(fp);
    whosaid_reader *r = whosaid_reader_new(fp, "in.jsonl", WHOSAID_READ_ID | WHOSAID_READ_TEXT);
    assert_non_null(r);
    whosaid_reader_set_max(r, 1000);
    whosaid_error e;
    json_t *rec;
    assert_int_equal(whosaid_reader_next(r, &rec, &e), 1);
    assert_string_equal(whosaid_record_id(rec), "good1");
    json_decref(rec);
    assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_ELIMIT);
    assert_null(rec);
    assert_string_equal(e.file, "in.jsonl");
    assert_int_equal(e.line, 2);
    assert_string_equal(e.msg, "record is longer than 1000 bytes (id \"long-one\")");
    assert_int_equal(whosaid_reader_next(r, &rec, &e), 1);
    assert_string_equal(whosaid_record_id(rec), "exact");
    size_t len;
    whosaid_record_text(rec, &len);
    assert_int_equal(len, 1000 - strlen("{\"id\":\"exact\",\"text\":\"\"}"));
    json_decref(rec);
    assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_ELIMIT);
    assert_int_equal(e.line, 4);
    assert_string_equal(e.msg, "record is longer than 1000 bytes");
    assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_ELIMIT);
    assert_int_equal(e.line, 5);
    assert_string_equal(e.msg, "record is longer than 1000 bytes");
    assert_int_equal(whosaid_reader_next(r, &rec, &e), 1);
    assert_string_equal(whosaid_record_id(rec), "good2");
    assert_int_equal(whosaid_reader_line(r), 6);
    json_decref(rec);
    assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_ELIMIT);
    assert_int_equal(e.line, 7);
    assert_string_equal(e.msg, "record is longer than 1000 bytes (id \"tail\")");
    assert_int_equal(whosaid_reader_next(r, &rec, &e), 0);
    whosaid_reader_free(r);
    fclose(fp);
}

/* Lines are read in blocks (4 KiB, then doubling): lines ending just
 * before, at and after block edges come out whole, and a NUL byte inside a
 * line is part of it (the line is then not JSON), never its end. */
static void test_reader_block_edges_and_nul(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 4094, 4095, 4096, 4097, 12286, 12287, 12288, 12289, 70000};
    FILE *fp = tmpfile();
    assert_non_null(fp);
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        char id[16];
        snprintf(id, sizeof id, "r%zu", i);
        put_record(fp, id, sizes[i] < 30 ? 30 : sizes[i]);
        fputc('\n', fp);
    }
    static const char nul_inside[] = "{\"id\":\"n1\",\"text\":\"x\"}\0{\"more\":1}\n";
    fwrite(nul_inside, 1, sizeof nul_inside - 1, fp);
    static const char nul_before_end[] = "{\"id\":\"n2\",\"text\":\"x\"}\0\n";
    fwrite(nul_before_end, 1, sizeof nul_before_end - 1, fp);
    put_record(fp, "after", 40);
    fputc('\n', fp);
    static const char nul_at_eof[] = "{\"id\":\"n3\",\"text\":\"x\"}\0";
    fwrite(nul_at_eof, 1, sizeof nul_at_eof - 1, fp);
    rewind(fp);
    whosaid_reader *r = whosaid_reader_new(fp, "in.jsonl", WHOSAID_READ_ID | WHOSAID_READ_TEXT);
    whosaid_error e;
    json_t *rec;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        char id[16];
        snprintf(id, sizeof id, "r%zu", i);
        assert_int_equal(whosaid_reader_next(r, &rec, &e), 1);
        assert_string_equal(whosaid_record_id(rec), id);
        size_t len, n = sizes[i] < 30 ? 30 : sizes[i];
        whosaid_record_text(rec, &len);
        assert_int_equal(len, n - strlen("{\"id\":\"\",\"text\":\"\"}") - strlen(id));
        json_decref(rec);
    }
    for (long line = 11; line <= 12; line++) {
        assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_ESYNTAX);
        assert_null(rec);
        assert_int_equal(e.line, line);
    }
    assert_int_equal(whosaid_reader_next(r, &rec, &e), 1);
    assert_string_equal(whosaid_record_id(rec), "after");
    json_decref(rec);
    assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_ESYNTAX);
    assert_int_equal(e.line, 14);
    assert_int_equal(whosaid_reader_next(r, &rec, &e), 0);
    whosaid_reader_free(r);
    fclose(fp);
}

/* A line that comes through a pipe in pieces (a NUL byte in one) is read
 * whole, and as soon as its '\n' has come: the writer sends the second
 * line only once the first was read (alarm: a reader waiting for more
 * would hang). */
static void test_reader_pipe_pieces(void **state)
{
    (void)state;
    int data[2], ack[2];
    assert_int_equal(pipe(data), 0);
    assert_int_equal(pipe(ack), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        static const char p1[] = "{\"id\":\"p1\",\"te", p2[] = "xt\":\"x\"}\n";
        static const char p3[] = "{\"id\":\"p2\",\0", p4[] = "\"text\":\"y\"}\n";
        char c;
        close(data[0]);
        close(ack[1]);
        int ok = write(data[1], p1, sizeof p1 - 1) == (ssize_t)sizeof p1 - 1;
        poll(NULL, 0, 20); /* the piece arrives alone */
        ok = ok && write(data[1], p2, sizeof p2 - 1) == (ssize_t)sizeof p2 - 1;
        ok = ok && read(ack[0], &c, 1) == 1;
        ok = ok && write(data[1], p3, sizeof p3 - 1) == (ssize_t)sizeof p3 - 1;
        poll(NULL, 0, 20); /* the piece arrives alone */
        ok = ok && write(data[1], p4, sizeof p4 - 1) == (ssize_t)sizeof p4 - 1;
        _exit(ok ? 0 : 1);
    }
    close(data[1]);
    close(ack[0]);
    FILE *fp = fdopen(data[0], "r");
    assert_non_null(fp);
    whosaid_reader *r = whosaid_reader_new(fp, "-", WHOSAID_READ_ID | WHOSAID_READ_TEXT);
    whosaid_error e;
    json_t *rec;
    alarm(10);
    assert_int_equal(whosaid_reader_next(r, &rec, &e), 1);
    assert_string_equal(whosaid_record_id(rec), "p1");
    assert_string_equal(whosaid_record_text(rec, NULL), "x");
    json_decref(rec);
    assert_int_equal(write(ack[1], "k", 1), 1);
    assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_ESYNTAX); /* the NUL */
    assert_int_equal(e.line, 2);
    assert_int_equal(whosaid_reader_next(r, &rec, &e), 0);
    alarm(0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    whosaid_reader_free(r);
    fclose(fp);
    close(ack[1]);
}

static void test_reader_cap_from_env(void **state)
{
    (void)state;
    size_t max;
    unsetenv("WHOSAID_MAX_RECORD");
    assert_int_equal(whosaid_reader_max_from_env(&max), 0);
    assert_int_equal(max, (size_t)64 << 20);
    setenv("WHOSAID_MAX_RECORD", "2K", 1);
    assert_int_equal(whosaid_reader_max_from_env(&max), 0);
    assert_int_equal(max, 2048);
    FILE *fp = tmpfile();
    assert_non_null(fp);
    put_record(fp, "a", 2048);
    fputc('\n', fp);
    put_record(fp, "b", 2049);
    fputc('\n', fp);
    rewind(fp);
    whosaid_reader *r = whosaid_reader_new(fp, "-", WHOSAID_READ_ID);
    whosaid_error e;
    json_t *rec;
    assert_int_equal(whosaid_reader_next(r, &rec, &e), 1);
    json_decref(rec);
    assert_int_equal(whosaid_reader_next(r, &rec, &e), WHOSAID_ELIMIT);
    assert_string_equal(e.msg, "record is longer than 2 KiB (id \"b\")");
    whosaid_reader_free(r);
    fclose(fp);
    /* Not a size: the default, and main() is told. */
    setenv("WHOSAID_MAX_RECORD", "lots", 1);
    assert_int_equal(whosaid_reader_max_from_env(&max), WHOSAID_EINPUT);
    assert_int_equal(max, (size_t)64 << 20);
    unsetenv("WHOSAID_MAX_RECORD");
}

static void test_warn_and_dump_keep_order(void **state)
{
    (void)state;
    json_t *rec = json_pack("{s:s, s:s, s:i}", "id", "x", "z", "\xC3\xA9", "a", 1);
    assert_int_equal(whosaid_record_warn(rec, "code1", "n=%d", 5), 0);
    assert_int_equal(whosaid_record_warn(rec, "code2", "second"), 0);
    char *s = whosaid_json_dump(rec);
    assert_string_equal(s, "{\"id\":\"x\",\"z\":\"\xC3\xA9\",\"a\":1,\"warnings\":"
                           "[{\"code\":\"code1\",\"message\":\"n=5\"},"
                           "{\"code\":\"code2\",\"message\":\"second\"}]}");
    free(s);
    json_decref(rec);
}

/* The writer's own serializer must give jansson's bytes exactly: every
 * escape, every control character, integers at both ends, reals, nesting,
 * a string larger than the output buffer, and keys needing escapes. */
static void test_dump_matches_jansson(void **state)
{
    (void)state;
    static const char tail[] = "\"\\/\x7f\xC3\xA9\xE2\x80\xA8\xF0\x9F\x98\x80 end";
    static char big[300000];
    char ctl[32 + sizeof tail];
    for (int c = 0; c < 32; c++)
        ctl[c] = (char)c;
    memcpy(ctl + 32, tail, sizeof tail);
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = "ab\"c\\\n d\t"[i % 11];
    json_t *rec = json_object();
    json_object_set_new(rec, "id", json_string("k"));
    json_object_set_new(rec, "ctl", json_stringn(ctl, sizeof ctl - 1));
    json_object_set_new(rec, "nul", json_stringn("a\0b", 3));
    json_object_set_new(rec, "big", json_stringn(big, sizeof big));
    json_object_set_new(rec, "ke\"y\n", json_integer(-1));
    json_t *nums = json_pack("[I,I,I,f,f,f,b,b,n,[],{}]", (json_int_t)INT64_MIN,
                             (json_int_t)INT64_MAX, (json_int_t)0, 1.5, -0.0, 1e300, 1, 0);
    json_object_set_new(rec, "nums", nums);
    json_object_set_new(
        rec, "nested",
        json_pack("{s:[{s:s, s:i}], s:{}}", "spans", "text", "x\"y", "start", 3, "empty"));
    char *ours = whosaid_json_dump(rec);
    char *theirs = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_non_null(ours);
    assert_non_null(theirs);
    assert_int_equal(strlen(ours), strlen(theirs));
    assert_string_equal(ours, theirs);
    /* And through whosaid_out_record, whose buffer starts small. */
    FILE *fp = tmpfile();
    assert_non_null(fp);
    whosaid_out *o = whosaid_out_new(fileno(fp));
    assert_int_equal(whosaid_out_record(o, rec), 0);
    assert_int_equal(whosaid_out_record(o, rec), 0);
    assert_int_equal(whosaid_out_flush(o), 0);
    whosaid_out_free(o);
    size_t n = strlen(theirs);
    char *back = malloc(2 * n + 3);
    assert_non_null(back);
    rewind(fp);
    assert_int_equal(fread(back, 1, 2 * n + 3, fp), 2 * n + 2);
    assert_memory_equal(back, theirs, n);
    assert_memory_equal(back + n + 1, theirs, n);
    assert_true(back[n] == '\n' && back[2 * n + 1] == '\n');
    fclose(fp);
    free(back);
    free(ours);
    free(theirs);
    json_decref(rec);
}

/* The writer tests many bytes at once for ones to escape: put each byte
 * that needs one at every place of a block, after plain runs of every
 * length up to two blocks (ASCII, DEL, space and UTF-8, which a signed
 * compare would take for a control), and compare with jansson. */
static void test_dump_escapes_in_every_lane(void **state)
{
    (void)state;
    static const char fill[] = "a \x7f\xC3\xA9~/b\xE2\x80\x94z0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    char special[34];
    for (int c = 0; c < 32; c++)
        special[c] = (char)c;
    special[32] = '"';
    special[33] = '\\';
    /* tails of fill that are whole characters */
    static const size_t tails[] = {0, 3, 6, 11, 22};
    char s[128];
    for (size_t k = 0; k < sizeof special; k++) {
        for (size_t run = 0; run <= 40; run++) {
            for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
                size_t tail = tails[t];
                /* fill has whole UTF-8 characters from any start at a letter or
                 * space; cut at a character boundary */
                size_t n = run;
                while (n < sizeof fill - 1 && ((unsigned char)fill[n] & 0xC0) == 0x80)
                    n++;
                memcpy(s, fill, n);
                s[n] = special[k];
                /* no tail, short ones, one longer than a block */
                memcpy(s + n + 1, fill, tail);
                json_t *v = json_stringn(s, n + 1 + tail);
                assert_non_null(v);
                char *ours = whosaid_json_dump(v);
                char *theirs = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
                assert_non_null(ours);
                assert_non_null(theirs);
                assert_string_equal(ours, theirs);
                free(ours);
                free(theirs);
                json_decref(v);
            }
        }
    }
}

/* whosaid_record_fields: each named member found whatever the order, by
 * its whole name (not a prefix or a longer key), the rest NULL. */
static void test_record_fields(void **state)
{
    (void)state;
    static const whosaid_field names[] = {WHOSAID_FIELD("end"), WHOSAID_FIELD("start"),
                                          WHOSAID_FIELD("type"), WHOSAID_FIELD("id")};
    json_t *o =
        json_loads("{\"type\":\"DATE\",\"ending\":1,\"en\":2,\"start\":3,\"end\":4}", 0, NULL);
    assert_non_null(o);
    json_t *v[4];
    whosaid_record_fields(o, names, 4, v);
    assert_int_equal(json_integer_value(v[0]), 4);
    assert_int_equal(json_integer_value(v[1]), 3);
    assert_string_equal(json_string_value(v[2]), "DATE");
    assert_null(v[3]);
    json_decref(o);
    json_t *a = json_array();
    v[0] = a;
    whosaid_record_fields(a, names, 4, v);
    for (int i = 0; i < 4; i++)
        assert_null(v[i]);
    json_decref(a);
}

/* whosaid_record_fields with many names, of many lengths, some sharing a
 * length or a first byte, one given twice: each found, the first of equal
 * names wins, a longer key with the same start is no match. */
static void test_record_fields_many(void **state)
{
    (void)state;
    enum { N = 40 };
    char names[N][48];
    whosaid_field f[N];
    for (int i = 0; i < N; i++) {
        /* lengths 2..41, all starting "k0" */
        snprintf(names[i], sizeof names[i], "k%0*d", 1 + i, i);
        f[i].name = names[i];
        f[i].len = strlen(names[i]);
    }
    f[N - 1] = f[3]; /* a name given twice: the first index gets it */
    json_t *o = json_object();
    for (int i = N - 1; i >= 0; i--)
        json_object_set_new(o, names[i], json_integer(i));
    json_object_set_new(o, "k00000000000000000000000000000000000000000", json_integer(-1));
    json_t *v[N];
    whosaid_record_fields(o, f, N, v);
    for (int i = 0; i < N - 1; i++) {
        assert_non_null(v[i]);
        assert_int_equal(json_integer_value(v[i]), i);
    }
    assert_null(v[N - 1]);
    json_decref(o);
}

/* whosaid_reader_skip: span members left out of what the reader gives;
 * more pairs than the fast path holds is WHOSAID_ELIMIT. */
static void test_reader_skip(void **state)
{
    (void)state;
    static const char in[] =
        "{\"id\":\"a\",\"spans\":[{\"id\":\"s1\",\"rule\":\"r\",\"start\":1}]}\n";
    FILE *fp = fmemopen((void *)in, sizeof in - 1, "r");
    assert_non_null(fp);
    whosaid_reader *r = whosaid_reader_new(fp, "t", WHOSAID_READ_ID);
    static const whosaid_skip skip[] = {{"spans", "rule"}, {"spans", "id"}};
    assert_int_equal(whosaid_reader_skip(r, skip, 2), 0);
    json_t *rec;
    whosaid_error e;
    assert_int_equal(whosaid_reader_next(r, &rec, &e), 1);
    char *d = whosaid_json_dump(rec);
    assert_string_equal(d, "{\"id\":\"a\",\"spans\":[{\"start\":1}]}");
    free(d);
    json_decref(rec);
    whosaid_skip many[WHOSAID_JSONLOAD_SKIP_MAX];
    for (size_t i = 0; i < WHOSAID_JSONLOAD_SKIP_MAX; i++)
        many[i] = skip[0];
    assert_int_equal(whosaid_reader_skip(r, many, WHOSAID_JSONLOAD_SKIP_MAX), WHOSAID_ELIMIT);
    whosaid_reader_free(r);
    fclose(fp);
}

static void test_out_writes_whole_lines(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    whosaid_out *o = whosaid_out_new(fds[1]);
    json_t *rec = json_pack("{s:s}", "id", "a/b");
    assert_int_equal(whosaid_out_record(o, rec), 0);
    assert_int_equal(whosaid_out_record(o, rec), 0);
    assert_int_equal(whosaid_out_flush(o), 0);
    char buf[64] = {0};
    assert_int_equal(read(fds[0], buf, sizeof buf - 1), 26);
    assert_string_equal(buf, "{\"id\":\"a/b\"}\n{\"id\":\"a/b\"}\n");
    /* A closed reader gives EIO with errno EPIPE (SIGPIPE ignored here). */
    close(fds[0]);
    signal(SIGPIPE, SIG_IGN);
    assert_int_equal(whosaid_out_record(o, rec), 0);
    assert_int_equal(whosaid_out_flush(o), WHOSAID_EIO);
    json_decref(rec);
    whosaid_out_free(o);
    close(fds[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reader_good_and_bad_lines),
        cmocka_unit_test(test_reader_skips_long_lines),
        cmocka_unit_test(test_reader_block_edges_and_nul),
        cmocka_unit_test(test_reader_pipe_pieces),
        cmocka_unit_test(test_reader_cap_from_env),
        cmocka_unit_test(test_warn_and_dump_keep_order),
        cmocka_unit_test(test_out_writes_whole_lines),
        cmocka_unit_test(test_dump_matches_jansson),
        cmocka_unit_test(test_dump_escapes_in_every_lane),
        cmocka_unit_test(test_record_fields),
        cmocka_unit_test(test_record_fields_many),
        cmocka_unit_test(test_reader_skip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
