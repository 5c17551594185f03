/* Unit tests for core/utf8.c: the strict decoder at each edge of RFC 3629,
 * validation, counting, encoding (and its round trip) and cutting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/utf8.h"

/* Decode s (n bytes): the length, with *cp set when it is not 0. */
static size_t dec(const char *s, size_t n, uint32_t *cp)
{
	*cp = 0xdeadu;
	return bud_utf8_decode(s, n, cp);
}

static void test_decode_good(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(dec("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(dec("\0", 1, &cp), 1);
	assert_int_equal(cp, 0);
	assert_int_equal(dec("\x7f", 1, &cp), 1);
	assert_int_equal(cp, 0x7f);
	assert_int_equal(dec("\xc2\x80", 2, &cp), 2);		/* smallest 2-byte */
	assert_int_equal(cp, 0x80);
	assert_int_equal(dec("\xc3\xa4!", 3, &cp), 2);		/* ä, then more */
	assert_int_equal(cp, 0xe4);
	assert_int_equal(dec("\xe0\xa0\x80", 3, &cp), 3);	/* smallest 3-byte */
	assert_int_equal(cp, 0x800);
	assert_int_equal(dec("\xe2\x82\xac", 3, &cp), 3);	/* € */
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(dec("\xed\x9f\xbf", 3, &cp), 3);	/* just below D800 */
	assert_int_equal(cp, 0xd7ff);
	assert_int_equal(dec("\xee\x80\x80", 3, &cp), 3);	/* just above DFFF */
	assert_int_equal(cp, 0xe000);
	assert_int_equal(dec("\xf0\x90\x80\x80", 4, &cp), 4);	/* smallest 4-byte */
	assert_int_equal(cp, 0x10000);
	assert_int_equal(dec("\xf4\x8f\xbf\xbf", 4, &cp), 4);	/* U+10FFFF */
	assert_int_equal(cp, BUD_UTF8_MAX_CP);
}

static void test_decode_bad(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(dec("\x80", 1, &cp), 0);		/* lone continuation */
	assert_int_equal(cp, 0xdeadu);				/* left alone */
	assert_int_equal(dec("\xc0\xaf", 2, &cp), 0);		/* overlong '/' */
	assert_int_equal(dec("\xc1\xbf", 2, &cp), 0);
	assert_int_equal(dec("\xe0\x80\xaf", 3, &cp), 0);	/* overlong */
	assert_int_equal(dec("\xe0\x9f\xbf", 3, &cp), 0);
	assert_int_equal(dec("\xf0\x8f\xbf\xbf", 4, &cp), 0);	/* overlong */
	assert_int_equal(dec("\xed\xa0\x80", 3, &cp), 0);	/* surrogate D800 */
	assert_int_equal(dec("\xed\xbf\xbf", 3, &cp), 0);	/* surrogate DFFF */
	assert_int_equal(dec("\xf4\x90\x80\x80", 4, &cp), 0);	/* U+110000 */
	assert_int_equal(dec("\xf5\x80\x80\x80", 4, &cp), 0);
	assert_int_equal(dec("\xff", 1, &cp), 0);
	assert_int_equal(dec("\xc3\x41", 2, &cp), 0);		/* not a continuation */
	assert_int_equal(dec("\xe2\x82\x41", 3, &cp), 0);
	/* Cut short by n, though the bytes after it would complete it. */
	assert_int_equal(dec("\xc3\xa4", 1, &cp), 0);
	assert_int_equal(dec("\xe2\x82\xac", 2, &cp), 0);
	assert_int_equal(dec("\xf0\x9f\x98\x80", 3, &cp), 0);
	assert_int_equal(dec("\xc3", 1, &cp), 0);		/* truncated at a NUL */
}

static void test_valid(void **state)
{
	(void)state;
	assert_true(bud_utf8_valid("", 0));
	assert_true(bud_utf8_valid("abc", 3));
	assert_true(bud_utf8_valid("Åäö €", strlen("Åäö €")));
	assert_true(bud_utf8_valid("\xf0\x9f\x98\x80", 4));	/* U+1F600 */
	assert_true(bud_utf8_valid("a\0b", 3));		/* NUL is the caller's */
	assert_false(bud_utf8_valid("\xc3", 1));		/* truncated */
	assert_false(bud_utf8_valid("\xc0\xaf", 2));		/* overlong '/' */
	assert_false(bud_utf8_valid("\xe0\x80\xaf", 3));	/* overlong */
	assert_false(bud_utf8_valid("\xed\xa0\x80", 3));	/* surrogate D800 */
	assert_false(bud_utf8_valid("\xf4\x90\x80\x80", 4));	/* above U+10FFFF */
	assert_false(bud_utf8_valid("\xff", 1));
	assert_false(bud_utf8_valid("a\x80", 2));		/* lone continuation */
	assert_false(bud_utf8_valid("ok \xe2\x82", 5));	/* cut at the end */
}

static void test_len(void **state)
{
	(void)state;
	assert_int_equal(bud_utf8_len(""), 0);
	assert_int_equal(bud_utf8_len("Åke"), 3);
	assert_int_equal(bud_utf8_len("a€\xf0\x9f\x98\x80"), 3);
}

static void test_encode(void **state)
{
	static const uint32_t cps[] = {0, 'x', 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff,
				       0xe000, 0xffff, 0x10000, BUD_UTF8_MAX_CP};
	char out[4];
	uint32_t back;
	size_t i, k;

	(void)state;
	assert_int_equal(bud_utf8_encode(0x20ac, out), 3);
	assert_memory_equal(out, "\xe2\x82\xac", 3);
	assert_int_equal(bud_utf8_encode(0xe4, out), 2);
	assert_memory_equal(out, "\xc3\xa4", 2);
	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		k = bud_utf8_encode(cps[i], out);
		assert_true(k >= 1 && k <= 4);
		assert_int_equal(bud_utf8_decode(out, k, &back), k);
		assert_int_equal(back, cps[i]);
	}
	memcpy(out, "wxyz", 4);
	assert_int_equal(bud_utf8_encode(0xd800, out), 0);
	assert_int_equal(bud_utf8_encode(0xdfff, out), 0);
	assert_int_equal(bud_utf8_encode(BUD_UTF8_MAX_CP + 1, out), 0);
	assert_memory_equal(out, "wxyz", 4);
}

static void test_cut_and_copy(void **state)
{
	char dst[6];

	(void)state;
	/* "aä€": a (1 byte), ä (2), € (3). */
	assert_int_equal(bud_utf8_cut("a\xc3\xa4\xe2\x82\xac", 99, 99), 6);
	assert_int_equal(bud_utf8_cut("a\xc3\xa4\xe2\x82\xac", 6, 99), 6);
	assert_int_equal(bud_utf8_cut("a\xc3\xa4\xe2\x82\xac", 5, 99), 3);
	assert_int_equal(bud_utf8_cut("a\xc3\xa4\xe2\x82\xac", 4, 99), 3);
	assert_int_equal(bud_utf8_cut("a\xc3\xa4\xe2\x82\xac", 2, 99), 1);
	assert_int_equal(bud_utf8_cut("a\xc3\xa4\xe2\x82\xac", 99, 2), 3);
	assert_int_equal(bud_utf8_cut("a\xc3\xa4\xe2\x82\xac", 99, 0), 0);
	assert_int_equal(bud_utf8_cut("", 99, 99), 0);
	assert_int_equal(bud_utf8_copy(dst, sizeof dst, "a\xc3\xa4\xe2\x82\xac", 99), 3);
	assert_string_equal(dst, "a\xc3\xa4");
	assert_int_equal(bud_utf8_copy(dst, sizeof dst, "abcdefgh", 99), 5);
	assert_string_equal(dst, "abcde");
	assert_int_equal(bud_utf8_copy(dst, sizeof dst, "abcdefgh", 2), 2);
	assert_string_equal(dst, "ab");
	assert_int_equal(bud_utf8_copy(dst, 1, "abc", 99), 0);
	assert_string_equal(dst, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_good),
		cmocka_unit_test(test_decode_bad),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_len),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_cut_and_copy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
