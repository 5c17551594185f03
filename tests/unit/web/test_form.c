/* Unit tests for web/form.h, the one way pages show form errors: every
 * error of a submit is collected (first message by the field, all in the
 * summary), each summary item names its field in the page language and
 * links to it, an error about no declared field links to the form, and
 * the page model renders into the summary partial (focus on load) and,
 * through real page templates, into field messages with aria-invalid and
 * aria-describedby, a radio group's message inside its fieldset. A date
 * a field holds before anything is typed shows the way its hint asks
 * (bud_form_date) and reads back as the same day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/err.h"
#include "core/i18n.h"
#include "web/form.h"
#include "web/tmpl.h"

static const struct bud_form_field fields[] = {
	{"username", "account-username", "login.username", NULL},
	{"answer", "answer-group", "casework.answer.legend", "answer-all"},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def def = {"the-form", fields};

/* Render template name with model in lang; the caller frees the text. */
static char *render(const char *name, json_t *model, const char *lang)
{
	bud_buf b;
	bud_err err;
	char *out;
	size_t len;

	bud_buf_init(&b, 1 << 20);
	bud_err_clear(&err);
	assert_int_equal(bud_tmpl_render(name, model, lang, &b, &err), BUD_OK);
	out = bud_buf_steal(&b, &len);
	assert_non_null(out);
	bud_buf_free(&b);
	return out;
}

static void has(const char *html, const char *needle)
{
	if (!strstr(html, needle))
		fail_msg("missing %s in\n%s", needle, html);
}

static void lacks(const char *html, const char *needle)
{
	if (strstr(html, needle))
		fail_msg("unexpected %s", needle);
}

static void err_on(bud_err *err, const char *field, const char *key)
{
	bud_err_clear(err);
	bud_err_set(err, BUD_EINVAL, field, key, "%s", "test");
}

static json_t *item(json_t *m, size_t i)
{
	return json_array_get(json_object_get(json_object_get(m, "form_errors"), "items"), i);
}

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	assert_non_null(s);
	return s;
}

static void test_collects_every_error(void **state)
{
	struct bud_form f;
	json_t *m = json_object(), *inv;
	bud_err err;

	(void)state;
	bud_form_init(&f, &def, "fi");
	bud_err_clear(&err);
	assert_int_equal(bud_form_check(&f, BUD_OK, &err), 0);
	assert_int_equal(bud_form_count(&f), 0);
	err_on(&err, "username", "err.required");
	assert_int_equal(bud_form_check(&f, BUD_EINVAL, &err), 1);
	err_on(&err, "answer", "err.invalid_choice");
	assert_int_equal(bud_form_check(&f, BUD_EINVAL, &err), 1);
	err_on(&err, "username", "err.too_long");	/* a second on the same field */
	bud_form_add(&f, &err, NULL);
	assert_int_equal(bud_form_count(&f), 3);
	bud_form_model(&f, m);
	bud_form_release(&f);			/* moved from: nothing left to drop */

	assert_true(bud_form_failed(m));
	assert_string_equal(str(item(m, 0), "href"), "account-username");
	assert_string_equal(str(item(m, 0), "label"), bud_msg("fi", "login.username"));
	assert_string_equal(str(item(m, 0), "message"), bud_msg("fi", "err.required"));
	assert_string_equal(str(item(m, 1), "href"), "answer-all");	/* the anchor */
	assert_string_equal(str(item(m, 1), "label"), bud_msg("fi", "casework.answer.legend"));
	assert_string_equal(str(item(m, 2), "message"), bud_msg("fi", "err.too_long"));
	inv = json_object_get(m, "invalid");
	assert_int_equal(json_object_size(inv), 2);
	/* the first message stays by the field */
	assert_string_equal(str(json_object_get(inv, "account-username"), "message"),
			    bud_msg("fi", "err.required"));
	assert_string_equal(str(json_object_get(inv, "account-username"), "id"),
			    "account-username-error");
	assert_string_equal(str(json_object_get(inv, "answer-group"), "id"),
			    "answer-group-error");
	json_decref(m);
}

static void test_unknown_field_goes_to_fallback_or_form(void **state)
{
	struct bud_form f;
	json_t *m = json_object();
	bud_err err;

	(void)state;
	bud_form_init(&f, &def, "sv");
	err_on(&err, "", "err.required");
	bud_form_add(&f, &err, "answer");
	err_on(&err, "no_such_field", "err.required");
	bud_form_add(&f, &err, NULL);
	bud_form_add_text(&f, NULL, "Rad 3: fel");
	bud_form_model(&f, m);
	assert_string_equal(str(item(m, 0), "href"), "answer-all");
	assert_string_equal(str(item(m, 0), "label"), bud_msg("sv", "casework.answer.legend"));
	assert_string_equal(str(item(m, 0), "message"), bud_msg("sv", "err.required"));
	assert_string_equal(str(item(m, 1), "href"), "the-form");
	assert_string_equal(str(item(m, 1), "label"), "");
	assert_string_equal(str(item(m, 2), "message"), "Rad 3: fel");
	assert_int_equal(json_object_size(json_object_get(m, "invalid")), 1);
	json_decref(m);
}

static void test_no_errors_no_members(void **state)
{
	struct bud_form f;
	json_t *m = json_object();
	char *h;

	(void)state;
	bud_form_init(&f, &def, "en");
	bud_form_model(&f, m);
	assert_int_equal(json_object_size(m), 0);
	assert_false(bud_form_failed(m));
	h = render("form_errors", m, "en");
	lacks(h, "error-summary");
	free(h);
	json_decref(m);
}

/* The summary partial: a focused box on load (no script), its title,
 * and each field named and linked. */
static void test_summary_partial(void **state)
{
	struct bud_form f;
	json_t *m = json_object();
	bud_err err;
	char *h, want[256];

	(void)state;
	bud_form_init(&f, &def, "sv");
	err_on(&err, "username", "err.required");
	bud_form_add(&f, &err, NULL);
	err_on(&err, "answer", "err.invalid_choice");
	bud_form_add(&f, &err, NULL);
	bud_form_model(&f, m);
	h = render("form_errors", m, "sv");
	has(h, "tabindex=\"-1\" autofocus");
	has(h, "aria-labelledby=\"error-summary-title\"");
	has(h, bud_msg("sv", "form.errors"));
	snprintf(want, sizeof want, "<a href=\"#account-username\">%s: %s</a>",
		 bud_msg("sv", "login.username"), bud_msg("sv", "err.required"));
	has(h, want);
	snprintf(want, sizeof want, "<a href=\"#answer-all\">%s: %s</a>",
		 bud_msg("sv", "casework.answer.legend"), bud_msg("sv", "err.invalid_choice"));
	has(h, want);
	free(h);
	json_decref(m);
}

/* A page: the client form with two fields and the checkbox group wrong. */
static void test_client_form_page(void **state)
{
	static const struct bud_form_field cf[] = {
		{"first_name", "first_name", "clients.field.first_name", NULL},
		{"last_name", "last_name", "clients.field.last_name", NULL},
		{"easy_read", "easy_read-group", "clients.field.easy_read_legend", "easy_read"},
		{NULL, NULL, NULL, NULL},
	};
	static const struct bud_form_def cdef = {"client-form", cf};
	struct bud_form f;
	json_t *m = json_pack("{s:s, s:s, s:b}", "title", "T", "csrf", "t", "creating", 0);
	bud_err err;
	char *h;

	(void)state;
	bud_form_init(&f, &cdef, "fi");
	err_on(&err, "first_name", "err.required");
	bud_form_add(&f, &err, NULL);
	err_on(&err, "last_name", "err.required");
	bud_form_add(&f, &err, NULL);
	err_on(&err, "easy_read", "err.invalid_choice");
	bud_form_add(&f, &err, NULL);
	bud_form_model(&f, m);
	h = render("client_form", m, "fi");
	has(h, "<h1>T</h1>\n\n<div class=\"error-summary\"");
	has(h, "<a href=\"#first_name\">");
	has(h, "<a href=\"#last_name\">");
	has(h, "<a href=\"#easy_read\">");
	has(h, "<p class=\"field-error\" id=\"first_name-error\">");
	has(h, "id=\"first_name\" name=\"first_name\" type=\"text\" autocomplete=\"off\" required "
	       "value=\"\" aria-invalid=\"true\" aria-describedby=\"first_name-error\"");
	has(h, "aria-invalid=\"true\" aria-describedby=\"last_name-error\"");
	has(h, "<fieldset id=\"easy_read-group\" aria-describedby=\"easy_read-group-error\">");
	has(h, "type=\"checkbox\" value=\"1\" aria-invalid=\"true\"");
	lacks(h, "id=\"municipality-error\"");
	lacks(h, "id=\"municipality\" name=\"municipality\" type=\"text\" autocomplete=\"off\" "
		 "value=\"\" aria-invalid");
	free(h);
	json_decref(m);
}

/* A radio group's message is inside its fieldset, after the legend. */
static void test_radio_group_in_fieldset(void **state)
{
	static const struct bud_form_field af[] = {
		{"answer", "answer-group", "casework.answer.legend", "answer-all"},
		{NULL, NULL, NULL, NULL},
	};
	static const struct bud_form_def adef = {"answer-form", af};
	struct bud_form f;
	json_t *m = json_pack("{s:s, s:s, s:{s:i}, s:b, s:{s:b}, s:{s:[]}}", "title", "T",
		"csrf", "t", "client", "id", 3, "can_answer", 1, "answer_form", "all", 0,
		"offer", "services");
	bud_err err;
	char *h, *fs, *end;

	(void)state;
	bud_form_init(&f, &adef, "fi");
	err_on(&err, "answer", "err.required");
	bud_form_add(&f, &err, NULL);
	bud_form_model(&f, m);
	h = render("casework_offer", m, "fi");
	fs = strstr(h, "<fieldset id=\"answer-group\" aria-describedby=\"answer-group-error\">");
	assert_non_null(fs);
	end = strstr(fs, "</fieldset>");
	assert_non_null(end);
	*end = '\0';
	has(fs, "</legend>\n\n<p class=\"field-error\" id=\"answer-group-error\">");
	has(fs, "id=\"answer-all\" name=\"answer\" value=\"all\" aria-invalid=\"true\"");
	has(fs, "id=\"answer-refused\" name=\"answer\" value=\"refused\" aria-invalid=\"true\"");
	free(h);
	json_decref(m);
}

/* The string j holds is want; j is released. */
static void is_string(json_t *j, const char *want)
{
	assert_true(json_is_string(j));
	assert_string_equal(json_string_value(j), want);
	json_decref(j);
}

static void test_date_as_the_hint_asks(void **state)
{
	static const char *const days[] = {"2027-01-01", "2026-12-07", "2028-02-29"};
	static const char *const langs[] = {"fi", "sv", "en"};
	size_t i, k;

	(void)state;
	is_string(bud_form_date("2027-01-01", "fi"), "1.1.2027");
	is_string(bud_form_date("2026-12-07", "sv"), "7.12.2026");
	is_string(bud_form_date("2027-01-01", "en"), "2027-01-01");
	/* what is no stored date stays as it is: typed text, nothing */
	is_string(bud_form_date("7.12.2026", "fi"), "7.12.2026");
	is_string(bud_form_date("2027-02-30", "fi"), "2027-02-30");
	is_string(bud_form_date("ensi viikolla", "sv"), "ensi viikolla");
	is_string(bud_form_date("", "fi"), "");
	is_string(bud_form_date(NULL, "en"), "");
	/* what the field shows reads back as the same day (bud_req_date) */
	for (i = 0; i < sizeof days / sizeof days[0]; i++)
		for (k = 0; k < sizeof langs / sizeof langs[0]; k++) {
			json_t *j = bud_form_date(days[i], langs[k]);
			int y, m, d;
			char back[BUD_DATE_BUF];
			bud_err err;

			assert_int_equal(bud_date_parse_typed(json_string_value(j), &y, &m, &d,
							      &err), BUD_OK);
			assert_int_equal(bud_date_format(y, m, d, back), BUD_OK);
			assert_string_equal(back, days[i]);
			json_decref(j);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collects_every_error),
		cmocka_unit_test(test_unknown_field_goes_to_fallback_or_form),
		cmocka_unit_test(test_no_errors_no_members),
		cmocka_unit_test(test_summary_partial),
		cmocka_unit_test(test_client_form_page),
		cmocka_unit_test(test_radio_group_in_fieldset),
		cmocka_unit_test(test_date_as_the_hint_asks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
