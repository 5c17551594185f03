/* Unit tests for web/view.h's texts: bud_view_word gives the catalog's
 * text of prefix + code + suffix, and for a key the catalog lacks the code
 * itself, a string that outlives the call (never the key it built on its
 * own stack: a page model made of it later read freed stack memory);
 * the municipality options of a form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/i18n.h"
#include "web/view.h"

/* Overwrite the stack below the caller's frame, where a returned local
 * buffer of a callee would have been. */
static void scribble(void)
{
	volatile char junk[512];
	size_t i;

	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (char)0xA5;
	(void)junk[0];
}

static void test_known_word(void **state)
{
	(void)state;
	assert_string_equal(bud_view_word("sv", "invweb.state.", "paid", ""), "Betald");
	assert_string_equal(bud_view_word("fi", "invweb.state.", "paid", ""),
			    bud_msg("fi", "invweb.state.paid"));
}

static void test_missing_word_is_the_code(void **state)
{
	const char *s = bud_view_word("fi", "prweb.pay.", "", "");
	const char *t = bud_view_word("sv", "prweb.pay.", "lost", ".x");
	const char *u = bud_view_word("en", "prweb.pay.", NULL, "");

	(void)state;
	scribble();
	assert_string_equal(s, "");
	assert_string_equal(t, "lost");
	assert_string_equal(u, "");
}

/* The municipality options: every one, each labelled in the reader's
 * language and valued by its Finnish name; the chosen one selected, and
 * a stored name not in the list kept at the top. */
static void test_municipality_options(void **state)
{
	json_t *a = bud_view_municipality_options(NULL, "Porvoo", "sv"), *o;
	size_t i, selected = 0, borga = 0;

	(void)state;
	assert_true(json_array_size(a) > 250);
	json_array_foreach(a, i, o) {
		selected += json_is_true(json_object_get(o, "selected"));
		if (strcmp(json_string_value(json_object_get(o, "value")), "Porvoo") == 0) {
			assert_string_equal(json_string_value(json_object_get(o, "label")),
					    "Borgå");
			assert_true(json_is_true(json_object_get(o, "selected")));
			borga++;
		}
	}
	assert_int_equal(selected, 1);
	assert_int_equal(borga, 1);
	json_decref(a);
	a = bud_view_municipality_options(NULL, "Atlantis", "fi");
	assert_string_equal(json_string_value(json_object_get(json_array_get(a, 0),
							       "value")), "Atlantis");
	json_decref(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_word),
		cmocka_unit_test(test_missing_word_is_the_code),
		cmocka_unit_test(test_municipality_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
