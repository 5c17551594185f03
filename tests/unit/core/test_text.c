/*
 * tests/unit/core/test_text.c: the check of human text (core/text.h) and
 * the plausible years of a case's dates (bud_date_case_check): what a
 * person types passes, control characters, line breaks in a name, the
 * bidi overrides and isolates, broken UTF-8 and years outside 2000..2100
 * are refused naming the field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bud_limits.h"
#include "core/date.h"
#include "core/text.h"

static void refused(const char *s, enum bud_text_kind kind, const char *key)
{
	bud_err err;

	bud_err_clear(&err);
	assert_int_equal(bud_text_check(s, kind, "last_name", &err), BUD_EINVAL);
	assert_string_equal(err.field, "last_name");
	assert_string_equal(err.key, key);
}

static void test_human_text(void **state)
{
	bud_err err;

	(void)state;
	assert_int_equal(bud_text_check("Sundström-Åberg", BUD_TEXT_LINE, "x", &err), BUD_OK);
	assert_int_equal(bud_text_check("O'Brien, Zoë (ד)", BUD_TEXT_LINE, "x", &err), BUD_OK);
	assert_int_equal(bud_text_check("rivi 1\r\nrivi 2\tsarake", BUD_TEXT_MULTILINE,
					 "x", &err), BUD_OK);
	assert_int_equal(bud_text_check(NULL, BUD_TEXT_LINE, "x", &err), BUD_OK);
	assert_int_equal(bud_text_check("", BUD_TEXT_LINE, "x", &err), BUD_OK);

	refused("Matti\nKorhonen", BUD_TEXT_LINE, "err.text.control");
	refused("Matti\tKorhonen", BUD_TEXT_LINE, "err.text.control");
	refused("a\x01" "b", BUD_TEXT_MULTILINE, "err.text.control");
	refused("a\x7f", BUD_TEXT_MULTILINE, "err.text.control");
	refused("a\xc2\x85", BUD_TEXT_MULTILINE, "err.text.control");	/* U+0085 */
	refused("a\xe2\x80\xa8" "b", BUD_TEXT_LINE, "err.text.control");	/* U+2028 */
	refused("Korhonen\xe2\x80\xae" "txt.exe", BUD_TEXT_LINE, "err.text.bidi");	/* U+202E */
	refused("\xe2\x80\xaa", BUD_TEXT_MULTILINE, "err.text.bidi");	/* U+202A */
	refused("\xe2\x81\xa6" "x", BUD_TEXT_LINE, "err.text.bidi");	/* U+2066 */
	refused("\xe2\x81\xa9", BUD_TEXT_LINE, "err.text.bidi");	/* U+2069 */
	refused("\xc3", BUD_TEXT_LINE, "err.text.utf8");		/* cut short */
	refused("\xc0\xaf", BUD_TEXT_LINE, "err.text.utf8");		/* overlong */
	refused("\xed\xa0\x80", BUD_TEXT_LINE, "err.text.utf8");	/* surrogate */
	refused("\xf4\x90\x80\x80", BUD_TEXT_LINE, "err.text.utf8");	/* > U+10FFFF */
	/* the left-to-right and right-to-left marks stay allowed */
	assert_int_equal(bud_text_check("a\xe2\x80\x8e" "b", BUD_TEXT_LINE, "x", &err), BUD_OK);
}

static void test_case_years(void **state)
{
	bud_err err;

	(void)state;
	assert_int_equal(bud_date_case_check("2000-01-01", "valid_from", &err), BUD_OK);
	assert_int_equal(bud_date_case_check("2100-12-31", "valid_from", &err), BUD_OK);
	assert_int_equal(bud_date_case_check("1900-01-01", "valid_from", &err), BUD_EINVAL);
	assert_string_equal(err.field, "valid_from");
	assert_string_equal(err.key, "err.plausible.year");
	assert_int_equal(bud_date_case_check("2101-01-01", "valid_to", &err), BUD_EINVAL);
	assert_string_equal(err.field, "valid_to");
	assert_int_equal(bud_date_case_check("2025-02-30", "review_date", &err), BUD_EINVAL);
	assert_string_equal(err.field, "review_date");
	assert_int_equal(BUD_CASE_YEAR_MIN, 2000);	/* the catalogs say so */
	assert_int_equal(BUD_CASE_YEAR_MAX, 2100);
}

static void test_trim(void **state)
{
	const char *s;
	size_t n;

	(void)state;
	s = bud_text_trim(" \t Loviisa \r\n", &n);
	assert_int_equal(n, 7);
	assert_memory_equal(s, "Loviisa", 7);
	s = bud_text_trim("a b", &n);
	assert_int_equal(n, 3);
	s = bud_text_trim(" \n ", &n);
	assert_int_equal(n, 0);
	s = bud_text_trim("", &n);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_human_text),
		cmocka_unit_test(test_case_years),
		cmocka_unit_test(test_trim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
