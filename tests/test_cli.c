/* The record loops' inputs (cli.h, whosaid_cli_open_input): a file is read
 * whole through its own buffer, lines longer than the buffer included; a
 * missing file fails with errno and leaves nothing to close; "-" is stdin,
 * which closing leaves open. */
#include "testutil.h"

#include "whosaid/cli.h"
#include "whosaid/record.h"

/* Records read through the reader from in, as their ids, one per line. */
static void read_ids(FILE *fp, char *ids, size_t cap)
{
    whosaid_reader *rd = whosaid_reader_new(fp, "in", WHOSAID_READ_ID);
    assert_non_null(rd);
    whosaid_error e;
    json_t *rec;
    size_t n = 0;
    ids[0] = '\0';
    while (whosaid_reader_next(rd, &rec, &e) == 1) {
        n += (size_t)snprintf(ids + n, cap - n, "%s\n", whosaid_record_id(rec));
        json_decref(rec);
    }
    whosaid_reader_free(rd);
}

static void test_file_input(void **state)
{
    (void)state;
    /* a line of three input buffers between two short ones */
    size_t big = 3 * WHOSAID_CLI_INPUT_BUFFER;
    char *content = malloc(big + 256);
    assert_non_null(content);
    size_t n = (size_t)sprintf(content, "{\"id\":\"a\"}\n{\"id\":\"b\",\"text\":\"");
    memset(content + n, 'x', big);
    n += big;
    n += (size_t)sprintf(content + n, "\"}\n{\"id\":\"c\"}\n");
    char *path = write_temp_len(content, n, "in.jsonl");
    whosaid_input in;
    assert_int_equal(whosaid_cli_open_input(path, &in), 0);
    assert_non_null(in.fp);
    assert_true(in.fp != stdin);
    char ids[64];
    read_ids(in.fp, ids, sizeof ids);
    assert_string_equal(ids, "a\nb\nc\n");
    whosaid_cli_close_input(&in);
    assert_null(in.fp);
    assert_null(in.buf);
    remove_temp(path);
    free(content);
}

static void test_missing_and_stdin(void **state)
{
    (void)state;
    whosaid_input in;
    errno = 0;
    assert_int_equal(whosaid_cli_open_input("/nonexistent/whosaid/in.jsonl", &in), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(whosaid_cli_open_input("-", &in), 0);
    assert_ptr_equal(in.fp, stdin);
    assert_null(in.buf);
    whosaid_cli_close_input(&in);
    /* stdin is still open */
    assert_true(fileno(stdin) >= 0);
    assert_int_equal(whosaid_cli_open_input("-", &in), 0);
    assert_ptr_equal(in.fp, stdin);
    whosaid_cli_close_input(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_input),
        cmocka_unit_test(test_missing_and_stdin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
