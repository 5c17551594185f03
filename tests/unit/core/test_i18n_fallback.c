/*
 * Unit tests for core/i18n.c's catalog reader and fallbacks, on catalogs
 * made up here: this file defines bud_catalog_files itself, so the linker
 * takes it instead of the generated table in the core library. Covers
 * comments, blank lines, CRLF, a byte order mark, spaces around '=', '='
 * inside a text, lines without '=', a duplicate key (the first wins),
 * files of other languages or kinds (ignored), a last line without a
 * newline, and the sv/en -> fi -> key fallback.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/embed.h"
#include "core/i18n.h"

#define FILE_ENTRY(name, text) {name, text, sizeof(text) - 1}

const struct bud_embed bud_catalog_files[] = {
	FILE_ENTRY("b.fi.msg",
		   "\xef\xbb\xbf# kommentti\n"
		   "\n"
		   "   # sisennetty kommentti\n"
		   "b.one = yksi\r\n"
		   "\tb.two\t=\tkaksi = 2  \n"
		   "b.dup = eka\n"
		   "not a pair\n"
		   "= no key\n"
		   "b.only_fi = vain suomeksi\n"
		   "b.empty =\n"
		   "b.last = viimeinen {0}"),
	FILE_ENTRY("a.fi.msg", "a.x = äks\nb.dup = toka\n"),
	FILE_ENTRY("a.sv.msg", "a.x = x på svenska\nb.one = ett\n"),
	FILE_ENTRY("a.en.msg", "a.x = ex\nb.one = one\nb.two = two\n"),
	FILE_ENTRY("a.de.msg", "a.x = iks\n"),
	FILE_ENTRY("fi.msg", "a.z = ignored\n"),
	FILE_ENTRY("notes.txt", "a.y = not a catalog\n"),
	{NULL, NULL, 0},
};

static void test_reader(void **state)
{
	assert_string_equal(bud_msg("fi", "b.one"), "yksi");
	assert_string_equal(bud_msg("fi", "b.two"), "kaksi = 2");
	assert_string_equal(bud_msg("fi", "b.dup"), "eka");	/* first definition */
	assert_string_equal(bud_msg("fi", "b.empty"), "");
	assert_string_equal(bud_msg("fi", "b.last"), "viimeinen {0}");
	assert_string_equal(bud_msg("fi", "a.x"), "äks");
	assert_string_equal(bud_msg("fi", "not a pair"), "not a pair");	/* a key */
	assert_string_equal(bud_msg("fi", "a.y"), "a.y");
	assert_string_equal(bud_msg("fi", "a.z"), "a.z");
	/* fi: a.x b.dup b.dup b.empty b.last b.one b.only_fi b.two */
	assert_int_equal(bud_msg_count("fi"), 8);
	assert_string_equal(bud_msg_key("fi", 0), "a.x");
	assert_string_equal(bud_msg_key("fi", 7), "b.two");
	assert_int_equal(bud_msg_count("sv"), 2);
	assert_int_equal(bud_msg_count("en"), 3);
	assert_int_equal(bud_msg_count("de"), 8);	/* means fi */
}

static void test_fallback(void **state)
{
	assert_string_equal(bud_msg("sv", "b.one"), "ett");
	assert_string_equal(bud_msg("sv", "a.x"), "x på svenska");
	assert_string_equal(bud_msg("sv", "b.two"), "kaksi = 2");	/* from fi */
	assert_string_equal(bud_msg("en", "b.two"), "two");
	assert_string_equal(bud_msg("en", "b.only_fi"), "vain suomeksi");
	assert_string_equal(bud_msg("de", "a.x"), "äks");		/* not "iks" */
	assert_string_equal(bud_msg("en", "c.none"), "c.none");
	assert_string_equal(bud_msg("sv", "c.none"), "c.none");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader),
		cmocka_unit_test(test_fallback),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
