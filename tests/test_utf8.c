/* UTF-8 repair (maximal-subpart replacement, as Python's errors="replace"),
 * decoding, case mapping, and byte <-> code point offset maps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid/utf8.h"

static void check_repair(const char *in, size_t len, const char *want, size_t want_len,
                         size_t want_bad)
{
    whosaid_buf out = WHOSAID_BUF_INIT;
    size_t bad = 99, first = 0;
    assert_int_equal(whosaid_utf8_repair(in, len, &out, &bad, &first), 0);
    assert_int_equal(out.len, want_len);
    assert_memory_equal(out.data, want, out.len);
    assert_int_equal(bad, want_bad);
    whosaid_buf_free(&out);
}

#define R "\xEF\xBF\xBD"
#define CHECK(in, want, bad) check_repair(in, sizeof(in) - 1, want, sizeof(want) - 1, bad)

/* "aé€": a boundary before each character and at the end, none inside. */
static void test_on_boundary(void **state)
{
    (void)state;
    const char *s = "a\xC3\xA9\xE2\x82\xAC";
    size_t len = strlen(s);
    const int want[] = {1, 1, 0, 1, 0, 0, 1, 1};
    for (size_t i = 0; i <= len + 1; i++)
        assert_int_equal(whosaid_utf8_on_boundary(s, len, i), want[i]);
}

static void test_repair_valid_untouched(void **state)
{
    (void)state;
    CHECK("caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80",
          0);
    CHECK("", "", 0);
}

static void test_repair_ill_formed(void **state)
{
    (void)state;
    CHECK("a\xFF"
          "b",
          "a" R "b", 1);                   /* never valid */
    CHECK("\xC0\xAF", R R, 2);             /* overlong '/' */
    CHECK("\xE0\x80\xAF", R R R, 3);       /* overlong 3-byte */
    CHECK("\xED\xA0\x80", R R R, 3);       /* surrogate D800 */
    CHECK("\xF4\x90\x80\x80", R R R R, 4); /* above U+10FFFF */
    CHECK("\xE4\xB8"
          "x",
          R "x", 1);             /* truncated: one U+FFFD */
    CHECK("\xF0\x9F\x98", R, 1); /* truncated at the end */
    CHECK("\x80\x80", R R, 2);   /* lone continuations */
    CHECK("a\0b", "a\0b", 0);    /* NUL is valid UTF-8 */
}

static void test_repair_reports_first_bad(void **state)
{
    (void)state;
    whosaid_buf out = WHOSAID_BUF_INIT;
    size_t bad, first;
    assert_int_equal(whosaid_utf8_repair("abc\xFF\xFE", 5, &out, &bad, &first), 0);
    assert_int_equal(bad, 2);
    assert_int_equal(first, 3);
    assert_int_equal(whosaid_utf8_valid(out.data, out.len), 1);
    assert_int_equal(whosaid_utf8_valid("abc\xFF", 4), 0);
    whosaid_buf_free(&out);
}

static void test_next_prev_encode(void **state)
{
    (void)state;
    const char *s = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";
    size_t len = strlen(s), i = 0;
    int32_t want[] = {'a', 0xE9, 0x4E2D, 0x1F600};
    for (int k = 0; k < 4; k++)
        assert_int_equal(whosaid_utf8_next(s, len, &i), want[k]);
    assert_int_equal(whosaid_utf8_next(s, len, &i), -1);
    for (int k = 3; k >= 0; k--)
        assert_int_equal(whosaid_utf8_prev(s, &i), want[k]);
    assert_int_equal(i, 0);
    assert_int_equal(whosaid_utf8_prev(s, &i), -1);
    char enc[4];
    for (int k = 0; k < 4; k++) {
        int n = whosaid_utf8_encode(want[k], enc);
        size_t j = 0;
        assert_int_equal(whosaid_utf8_next(enc, (size_t)n, &j), want[k]);
    }
    assert_int_equal(whosaid_utf8_encode(0xD800, enc), 3); /* surrogate -> U+FFFD */
    assert_memory_equal(enc, R, 3);
}

static void check_case(int upper, const char *in, const char *want)
{
    whosaid_buf out = WHOSAID_BUF_INIT;
    assert_int_equal(whosaid_buf_append_str(&out, "<"), 0); /* appends, keeps what was there */
    int rc =
        upper ? whosaid_utf8_upper(in, strlen(in), &out) : whosaid_utf8_lower(in, strlen(in), &out);
    assert_int_equal(rc, 0);
    assert_string_equal(out.data + 1, want);
    assert_int_equal(out.len, 1 + strlen(want));
    assert_memory_equal(out.data, "<", 1);
    whosaid_buf_free(&out);
    if (upper) return;
    char fixed[64];
    assert_int_equal(whosaid_utf8_lower_into(in, strlen(in), fixed, sizeof fixed),
                     (long)strlen(want));
    assert_string_equal(fixed, want);
}

static void test_lower_upper(void **state)
{
    (void)state;
    check_case(0, "Hello, WORLD 42!", "hello, world 42!");
    check_case(1, "Hello, world 42!", "HELLO, WORLD 42!");
    check_case(0, "\xC3\x89T\xC3\x89 caf\xC3\xA9", "\xC3\xA9t\xC3\xA9 caf\xC3\xA9"); /* ÉTÉ café */
    check_case(1, "\xC3\xA9t\xC3\xA9", "\xC3\x89T\xC3\x89");                         /* été */
    /* Σ and σ; per code point, so no final sigma; ς upper-cases to Σ. */
    check_case(0, "\xCE\xA3\xCE\x91\xCE\xA3", "\xCF\x83\xCE\xB1\xCF\x83");
    check_case(1, "\xCF\x83\xCF\x82", "\xCE\xA3\xCE\xA3");
    /* Capital sharp s (3 bytes) lower-cases to ß (2 bytes). */
    check_case(0, "GRO\xE1\xBA\x9E", "gro\xC3\x9F");
    check_case(1, "\xE1\xBA\x9E", "\xE1\xBA\x9E");
    /* U+023A (2 bytes) lower-cases to U+2C65 (3 bytes). */
    check_case(0, "\xC8\xBA", "\xE2\xB1\xA5");
    /* No case: emoji, CJK, digits. */
    check_case(0, "\xF0\x9F\x98\x80 \xE4\xB8\xAD 1", "\xF0\x9F\x98\x80 \xE4\xB8\xAD 1");
    check_case(1, "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80");
    check_case(0, "", "");
    check_case(1, "", "");
}

/* whosaid_utf8_ascii_lower, against a byte-for-byte reference: every
 * ASCII byte at every place of words of every length up to 20 (so through
 * its 8-byte, 4-byte and byte steps), a byte at or above 0x80 at each
 * place ending it there; whosaid_utf8_lower, which starts with it, gives
 * the same, then the rest by utf8proc. */
static void test_ascii_lower(void **state)
{
    (void)state;
    char in[24], out[24], want[24];
    for (size_t len = 0; len <= 20; len++) {
        for (int c = 1; c < 0x80; c++) {
            for (size_t at = 0; at < len; at++) {
                for (size_t i = 0; i < len; i++)
                    in[i] = (char)('A' + (i * 7) % 58); /* 'A'..'z' and the signs between */
                in[at] = (char)c;
                for (size_t i = 0; i < len; i++)
                    want[i] = (char)(in[i] >= 'A' && in[i] <= 'Z' ? in[i] + 32 : in[i]);
                memset(out, '#', sizeof out);
                assert_int_equal(whosaid_utf8_ascii_lower(in, len, out), len);
                assert_memory_equal(out, want, len);
                assert_int_equal(out[len], '#'); /* nothing written past */
            }
        }
        for (size_t at = 0; at < len; at++) {
            for (size_t i = 0; i < len; i++)
                in[i] = 'Q';
            in[at] = (char)0xC3; /* the first byte of a non-ASCII letter */
            assert_int_equal(whosaid_utf8_ascii_lower(in, len, out), at);
            assert_memory_equal(out, "qqqqqqqqqqqqqqqqqqqq", at);
        }
    }
    check_case(0, "THE QUICK BROWN FOX \xC3\x89T\xC3\x89 JUMPS",
               "the quick brown fox \xC3\xA9t\xC3\xA9 jumps");
}

static void test_lower_into_bounds(void **state)
{
    (void)state;
    char out[4];
    assert_int_equal(whosaid_utf8_lower_into("ABC", 3, out, sizeof out), 3); /* with its NUL */
    assert_string_equal(out, "abc");
    assert_int_equal(whosaid_utf8_lower_into("ABCD", 4, out, sizeof out), -1);
    assert_int_equal(whosaid_utf8_lower_into("a\xC3\x89", 3, out, sizeof out), 3);
    assert_string_equal(out, "a\xC3\xA9");
    assert_int_equal(whosaid_utf8_lower_into("ab\xC3\x89", 4, out, sizeof out), -1);
    assert_int_equal(whosaid_utf8_lower_into("", 0, out, 1), 0);
    assert_int_equal(whosaid_utf8_lower_into("", 0, out, 0), -1);
}

static void test_case_ill_formed_stays_in_bounds(void **state)
{
    (void)state;
    /* Unspecified output, but well-formed and read only within len. */
    const char *bad[] = {"\xFF", "a\x80", "\xE4\xB8", "\xF0\x9F\x98", "\xED\xA0\x80", "\xC0\xAF"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        whosaid_buf out = WHOSAID_BUF_INIT;
        assert_int_equal(whosaid_utf8_lower(bad[k], strlen(bad[k]), &out), 0);
        assert_int_equal(whosaid_utf8_upper(bad[k], strlen(bad[k]), &out), 0);
        assert_int_equal(whosaid_utf8_valid(out.data, out.len), 1);
        whosaid_buf_free(&out);
    }
}

/* Every code point boundary of s[0..len) maps to its code point offset
 * and back. */
static void check_offmap(const char *s, size_t len)
{
    whosaid_offmap *m = whosaid_offmap_new(s, len);
    assert_non_null(m);
    size_t cps = whosaid_utf8_count(s, len);
    assert_int_equal(whosaid_offmap_cp_len(m), cps);
    size_t c = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && ((unsigned char)s[i] & 0xC0) == 0x80) continue;
        assert_int_equal(whosaid_offmap_cp(m, i), c);
        assert_int_equal(whosaid_offmap_byte(m, c), i);
        c++;
    }
    assert_int_equal(whosaid_offmap_byte(m, cps + 5), len);
    whosaid_offmap_free(m);
}

static void test_offmap_round_trip(void **state)
{
    (void)state;
    /* Mixed widths across several 64-byte blocks. */
    whosaid_buf b = WHOSAID_BUF_INIT;
    for (int k = 0; k < 100; k++)
        whosaid_buf_append_str(&b, k % 3 ? "x\xC3\xA9" : "\xF0\x9F\x98\x80\xE4\xB8\xAD");
    check_offmap(b.data, b.len);
    /* ASCII (a code point's block found from its number), ASCII with a
     * wide character now and then (a block or a few later), a long wide
     * stretch then ASCII (far later: a search) */
    whosaid_buf_clear(&b);
    for (int k = 0; k < 1000; k++)
        whosaid_buf_append_char(&b, (char)('a' + k % 26));
    check_offmap(b.data, b.len);
    whosaid_buf_clear(&b);
    for (int k = 0; k < 40; k++)
        whosaid_buf_append_str(&b, k % 4 ? "Some plain words of a news text, "
                                         : "caf\xC3\xA9 \xE2\x80\x94 ");
    check_offmap(b.data, b.len);
    whosaid_buf_clear(&b);
    for (int k = 0; k < 300; k++)
        whosaid_buf_append_str(&b, "\xE4\xB8\xAD");
    for (int k = 0; k < 300; k++)
        whosaid_buf_append_str(&b, "ab");
    check_offmap(b.data, b.len);
    whosaid_offmap_free(NULL);
    whosaid_buf_free(&b);
}

/* The run whosaid_utf8_skip_words should find, one byte at a time. */
static size_t skip_words_ref(const char *s, size_t len, size_t i, const char *except)
{
#define IN(c) ((unsigned char)(c)-0x21u < 0x5Eu && !strchr(except, (c)))
    for (;;) {
        if (i < len && IN(s[i]))
            i++;
        else if (i + 1 < len && s[i] == ' ' && IN(s[i + 1]))
            i += 2;
        else
            return i;
    }
#undef IN
}

static void test_skip_words(void **state)
{
    (void)state;
    const char *t = "Hello world, said  she. \xE2\x80\x9CNo\xE2\x80\x9D";
    assert_int_equal(whosaid_utf8_skip_words(t, strlen(t), 0, ""), 17); /* stops at "  " */
    assert_int_equal(whosaid_utf8_skip_words(t, strlen(t), 0, ".!?"), 17);
    assert_int_equal(whosaid_utf8_skip_words(t, strlen(t), 18, ""), 23); /* stops at " \xE2" */
    assert_int_equal(whosaid_utf8_skip_words(t, strlen(t), 18, ".!?"),
                     22);                                                /* stops at the period */
    assert_int_equal(whosaid_utf8_skip_words(t, strlen(t), 17, ""), 17); /* at a double space */
    assert_int_equal(whosaid_utf8_skip_words("ab ", 3, 0, ""), 2);       /* no trailing space */
    assert_int_equal(whosaid_utf8_skip_words("", 0, 0, ""), 0);
    /* Every start in texts long enough for the block steps, with the byte
     * that ends the run at every position of a block. */
    const char *stops[] = {"  ",   " \n",           "\t", ".", "\xC3\xA9", "\x7F",
                           "\x01", " \xE2\x80\x9C", "?"};
    const char *excepts[] = {"", ".!?", "abcdefg"};
    char buf[96];
    for (size_t st = 0; st < sizeof stops / sizeof *stops; st++)
        for (size_t at = 0; at < 40; at++) {
            memset(buf, 0, sizeof buf);
            for (size_t k = 0; k < 60; k++)
                buf[k] = k % 6 == 5 ? ' ' : (char)('h' + k % 5);
            memcpy(buf + at, stops[st], strlen(stops[st]));
            size_t len = 60;
            for (size_t e = 0; e < sizeof excepts / sizeof *excepts; e++)
                for (size_t i = 0; i <= len; i++)
                    assert_int_equal(whosaid_utf8_skip_words(buf, len, i, excepts[e]),
                                     skip_words_ref(buf, len, i, excepts[e]));
        }
}

static void test_count_and_valid_long(void **state)
{
    (void)state;
    /* Lengths and positions around the 8-byte steps. */
    char buf[80];
    for (size_t len = 0; len < sizeof buf; len++)
        for (size_t bad = 0; bad <= len; bad++) {
            for (size_t k = 0; k < len; k++)
                buf[k] = (char)('a' + k % 26);
            size_t want = len;
            if (bad + 2 <= len) { /* a 2-byte character at bad */
                buf[bad] = (char)0xC3;
                buf[bad + 1] = (char)0xA9;
                want--;
            }
            assert_int_equal(whosaid_utf8_count(buf, len), want);
            assert_true(whosaid_utf8_valid(buf, len));
            if (bad < len) { /* a lone continuation byte at bad */
                buf[bad] = (char)0x80;
                assert_false(whosaid_utf8_valid(buf, len));
                whosaid_buf out = WHOSAID_BUF_INIT;
                size_t nbad = 0, first = 0;
                assert_int_equal(whosaid_utf8_repair(buf, len, &out, &nbad, &first), 0);
                assert_true(nbad >= 1);
                assert_int_equal(first, bad);
                whosaid_buf_free(&out);
            }
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_on_boundary),
        cmocka_unit_test(test_repair_valid_untouched),
        cmocka_unit_test(test_repair_ill_formed),
        cmocka_unit_test(test_repair_reports_first_bad),
        cmocka_unit_test(test_next_prev_encode),
        cmocka_unit_test(test_lower_upper),
        cmocka_unit_test(test_ascii_lower),
        cmocka_unit_test(test_lower_into_bounds),
        cmocka_unit_test(test_case_ill_formed_stays_in_bounds),
        cmocka_unit_test(test_offmap_round_trip),
        cmocka_unit_test(test_skip_words),
        cmocka_unit_test(test_count_and_valid_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
