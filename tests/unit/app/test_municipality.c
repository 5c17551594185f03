/*
 * Unit tests for app/municipality.c: the official list has 308
 * municipalities with unique codes and names; a municipality is found by
 * its code or either name in any case ("Lovisa" is Loviisa, 434); the two
 * orders hold every municipality once, sorted as the "fi" collation sorts;
 * a name off the list is refused naming the field; the form of a stored
 * name in each language.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "app/municipality.h"
#include "store/collate.h"

static void test_find(void **state)
{
	const struct bud_municipality *m;

	(void)state;
	m = bud_municipality_find("Lovisa");
	assert_non_null(m);
	assert_string_equal(m->code, "434");
	assert_string_equal(m->fi, "Loviisa");
	assert_ptr_equal(bud_municipality_find("434"), m);
	assert_ptr_equal(bud_municipality_find("  loviisa "), m);
	assert_ptr_equal(bud_municipality_find("LOVISA"), m);
	assert_string_equal(bud_municipality_find("Helsingfors")->fi, "Helsinki");
	assert_string_equal(bud_municipality_find("åbo")->fi, "Turku");
	assert_string_equal(bud_municipality_find("Maarianhamina")->code, "478");
	assert_string_equal(bud_municipality_find("Mariehamn")->code, "478");
	assert_null(bud_municipality_find("Lovisaa"));
	assert_null(bud_municipality_find("43"));
	assert_null(bud_municipality_find(""));
	assert_null(bud_municipality_find(NULL));
	assert_null(bud_municipality_find("Helsinki; DROP"));
}

/* Each order lists every municipality once, sorted by its language's names. */
static void check_order(const char *lang)
{
	const struct bud_municipality *seen[BUD_MUNICIPALITIES];
	const char *prev = NULL;
	size_t i, k;

	for (i = 0; i < BUD_MUNICIPALITIES; i++) {
		const struct bud_municipality *m = bud_municipality_at(i, lang);
		const char *name = bud_municipality_name(m, lang);

		assert_non_null(m);
		for (k = 0; k < i; k++)
			assert_ptr_not_equal(seen[k], m);
		seen[i] = m;
		if (prev)
			assert_true(bud_collate_fi(prev, strlen(prev), name, strlen(name)) < 0);
		prev = name;
	}
	assert_null(bud_municipality_at(BUD_MUNICIPALITIES, lang));
}

static void test_orders(void **state)
{
	(void)state;
	check_order("fi");
	check_order("sv");
	assert_string_equal(bud_municipality_at(0, "fi")->fi, "Akaa");
	assert_string_equal(bud_municipality_at(BUD_MUNICIPALITIES - 1, "fi")->fi, "Äänekoski");
	assert_string_equal(bud_municipality_at(BUD_MUNICIPALITIES - 1, "sv")->sv, "Övertorneå");
}

/* No two municipalities share a code or a name (in either language). */
static void test_unique(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < BUD_MUNICIPALITIES; i++) {
		const struct bud_municipality *a = bud_municipality_at(i, "fi");

		assert_int_equal(strlen(a->code), 3);
		assert_ptr_equal(bud_municipality_find(a->code), a);
		assert_ptr_equal(bud_municipality_find(a->fi), a);
		assert_ptr_equal(bud_municipality_find(a->sv), a);
		for (k = i + 1; k < BUD_MUNICIPALITIES; k++)
			assert_string_not_equal(a->code, bud_municipality_at(k, "fi")->code);
	}
}

static void test_check_and_show(void **state)
{
	const char *canon = "x";
	bud_err err;

	(void)state;
	assert_int_equal(bud_municipality_check("Borgå", 0, &canon, "municipality", &err), BUD_OK);
	assert_string_equal(canon, "Porvoo");
	assert_int_equal(bud_municipality_check(" ", 1, &canon, "municipality", &err), BUD_OK);
	assert_string_equal(canon, "");
	assert_int_equal(bud_municipality_check("", 0, &canon, "areas", &err), BUD_EINVAL);
	assert_string_equal(err.field, "areas");
	assert_string_equal(err.key, "err.required");
	assert_int_equal(bud_municipality_check("Atlantis", 1, &canon, "municipality", &err),
			 BUD_EINVAL);
	assert_string_equal(err.field, "municipality");
	assert_string_equal(err.key, "err.municipality.unknown");
	assert_string_equal(bud_municipality_show("Loviisa", "sv"), "Lovisa");
	assert_string_equal(bud_municipality_show("Loviisa", "fi"), "Loviisa");
	assert_string_equal(bud_municipality_show("Loviisa", "en"), "Loviisa");
	assert_string_equal(bud_municipality_show("Old name", "sv"), "Old name");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_orders),
		cmocka_unit_test(test_unique),
		cmocka_unit_test(test_check_and_show),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
