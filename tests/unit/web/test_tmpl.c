/* Unit tests for web/tmpl.c: escaping by default, sections, inverted
 * sections, lookups through the context stack, catalog texts, partials and
 * malformed templates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "web/tmpl.h"

static char *render(const char *text, json_t *model, int expect_rc)
{
	static char result[4096];
	bud_buf b;
	bud_err err;
	int rc;

	bud_buf_init(&b, 4096);
	bud_err_clear(&err);
	rc = bud_tmpl_render_text(text, model, "fi", &b, &err);
	assert_int_equal(rc, expect_rc);
	snprintf(result, sizeof result, "%s", bud_buf_str(&b));
	bud_buf_free(&b);
	return result;
}

static void test_escape(void **state)
{
	json_t *m = json_pack("{s:s, s:i}", "name", "<b>Åsa & \"Öhman\"</b>", "n", 42);

	(void)state;
	assert_string_equal(render("Hei {{name}}!", m, BUD_OK),
		"Hei &lt;b&gt;Åsa &amp; &quot;Öhman&quot;&lt;/b&gt;!");
	assert_string_equal(render("{{{name}}}", m, BUD_OK), "<b>Åsa & \"Öhman\"</b>");
	assert_string_equal(render("{{ n }}/{{missing}}.", m, BUD_OK), "42/.");
	json_decref(m);
}

static void test_sections(void **state)
{
	json_t *m = json_pack("{s:[{s:s},{s:s}], s:b, s:[], s:{s:s}, s:s}",
		"rows", "x", "a", "x", "b", "yes", 1, "empty",
		"user", "name", "Pekka", "title", "T");

	(void)state;
	assert_string_equal(render("{{#rows}}<{{x}}{{title}}>{{/rows}}", m, BUD_OK),
			    "<aT><bT>");
	assert_string_equal(render("{{#yes}}Y{{/yes}}{{^yes}}N{{/yes}}", m, BUD_OK), "Y");
	assert_string_equal(render("{{#empty}}E{{/empty}}{{^empty}}none{{/empty}}", m, BUD_OK),
			    "none");
	assert_string_equal(render("{{#user}}{{name}}{{/user}} {{user.name}}", m, BUD_OK),
			    "Pekka Pekka");
	assert_string_equal(render("{{#rows}}{{#rows}}.{{/rows}}{{/rows}}", m, BUD_OK),
			    "....");
	json_decref(m);
}

static void test_catalog_and_partial(void **state)
{
	json_t *m = json_pack("{s:s, s:s, s:s, s:s, s:s, s:[], s:s}", "lang", "fi",
		"title", "Otsikko", "doc_title", "Otsikko", "csrf", "tok", "path", "/",
		"langs", "content", "<p>x</p>");

	(void)state;
	assert_string_equal(render("{{@login.title}}", m, BUD_OK), "Kirjaudu sisään");
	assert_non_null(strstr(render("{{>layout}}", m, BUD_OK),
			       "<title>Otsikko – budjetti</title>"));
	assert_non_null(strstr(render("{{>layout}}", m, BUD_OK), "<p>x</p>"));
	render("{{>no_such_template}}", m, BUD_ENOTFOUND);
	json_decref(m);
}

static void test_malformed(void **state)
{
	json_t *m = json_object();

	(void)state;
	render("{{#a}}never closed", m, BUD_EINVAL);
	render("{{unclosed", m, BUD_EINVAL);
	render("{{/stray}}", m, BUD_EINVAL);
	render("{{}}", m, BUD_EINVAL);
	json_decref(m);
}

static void test_bound(void **state)
{
	json_t *m = json_pack("{s:s}", "s", "0123456789");
	bud_buf b;
	bud_err err;

	(void)state;
	bud_buf_init(&b, 16);
	assert_int_equal(bud_tmpl_render_text("{{s}}{{s}}", m, "fi", &b, &err), BUD_ETOOBIG);
	bud_buf_free(&b);
	json_decref(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_catalog_and_partial),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
