/* Byte sizes: suffixes, refusals, overflow, and the text for messages. */
#include "testutil.h"

#include "whosaid/bytesize.h"

static void test_parse(void **state)
{
    (void)state;
    size_t n = 99;
    assert_int_equal(whosaid_bytesize_parse("4194304", &n), 0);
    assert_int_equal(n, 4194304);
    assert_int_equal(whosaid_bytesize_parse("1k", &n), 0);
    assert_int_equal(n, 1024);
    assert_int_equal(whosaid_bytesize_parse("64M", &n), 0);
    assert_int_equal(n, (size_t)64 << 20);
    assert_int_equal(whosaid_bytesize_parse("2G", &n), 0);
    assert_int_equal(n, (size_t)2 << 30);
    n = 5;
    static const char *const bad[] = {"",
                                      "0",
                                      "0M",
                                      "M",
                                      "-1",
                                      "1.5M",
                                      "4 M",
                                      "4MB",
                                      "4T",
                                      " 4",
                                      "99999999999999999999999",
                                      "18446744073709551615G",
                                      NULL};
    for (const char *const *b = bad; *b; b++) {
        assert_int_equal(whosaid_bytesize_parse(*b, &n), WHOSAID_EINPUT);
        assert_int_equal(n, 5);
    }
    assert_int_equal(whosaid_bytesize_parse(NULL, &n), WHOSAID_EINPUT);
}

static void test_format(void **state)
{
    (void)state;
    char out[32];
    assert_string_equal(whosaid_bytesize_format((size_t)64 << 20, out, sizeof out), "64 MiB");
    assert_string_equal(whosaid_bytesize_format((size_t)3 << 30, out, sizeof out), "3 GiB");
    assert_string_equal(whosaid_bytesize_format(3072, out, sizeof out), "3 KiB");
    /* 1.5 KiB is not a whole number of KiB: bytes, so the message is exact. */
    assert_string_equal(whosaid_bytesize_format(1536, out, sizeof out), "1536 bytes");
    assert_string_equal(whosaid_bytesize_format(1000, out, sizeof out), "1000 bytes");
    assert_string_equal(whosaid_bytesize_format(0, out, sizeof out), "0 bytes");
    char tiny[4];
    assert_string_equal(whosaid_bytesize_format(1000, tiny, sizeof tiny), "100");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
