/* Unit tests for the plan pages' templates (templates/plan_*.html) and
 * their catalog (src/i18n/planweb.*.msg): each page renders in fi, sv and
 * en with every text found (no raw "planweb." key left), carries the ids
 * the page contract fixes, shows forms only when the model allows them,
 * and marks a field in error (summary link, aria-invalid, describedby). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/i18n.h"
#include "web/tmpl.h"

static const char *const langs[] = {"fi", "sv", "en"};

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
		fail_msg("missing %s", needle);
}

static void lacks(const char *html, const char *needle)
{
	if (strstr(html, needle))
		fail_msg("unexpected %s", needle);
}

static json_t *line(int id, const char *code)
{
	return json_pack("{s:i, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
		"id", id, "plan_id", 7, "code", code, "service", "Henkilökohtainen apu",
		"content", "", "qty_text", "20 tuntia kuukaudessa", "price_text", "28,50 € tunnilta",
		"instrument_text", "Maksusitoumus", "monthly", "570,00 €", "period", "6 840,00 €");
}

/* A plan page model; can is one of "draft", "proposed", "approved". */
static json_t *show_model(const char *can)
{
	int draft = strcmp(can, "draft") == 0, proposed = strcmp(can, "proposed") == 0,
	    approved = strcmp(can, "approved") == 0;
	json_t *m = json_pack("{s:i, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
			      " s:b, s:[o,o], s:s, s:s, s:s}",
		"id", 7, "client_id", 2, "client_name", "Elin Lindholm", "state", can,
		"state_text", "Luonnos", "from", "1.1.2027", "to", "31.12.2027",
		"review", "1.11.2027", "fee", "0,00 €", "drafted_by", "Maria Nieminen",
		"csrf", "tok", "title", "Palvelusuunnitelma", "decided", approved,
		"lines", line(1, "personal_assistance"), line(2, "transport"),
		"total_monthly", "1 000,00 €", "total_period", "12 000,00 €",
		"granted", "12 000,00 €");

	json_object_set_new(m, "can", json_pack("{s:b, s:b, s:b, s:b, s:b, s:b}",
		"edit", draft, "propose", draft, "discard", draft, "approve", proposed,
		"return", proposed, "end", approved));
	json_object_set_new(m, "any_action", json_boolean(!0));
	json_object_set_new(m, "draft_actions", json_boolean(draft));
	json_object_set_new(m, "services", json_pack("[{s:s, s:s, s:b}]", "code",
		"transport", "name", "Kuljetuspalvelu", "selected", 1));
	json_object_set_new(m, "f", json_pack("{s:s}", "valid_from", "2027-01-01"));
	return m;
}

static void test_show_forms_by_state(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		json_t *m = show_model("draft");
		char *h = render("plan_show", m, langs[i]);

		lacks(h, "planweb.");
		has(h, "id=\"line-form\"");
		has(h, "id=\"line-service\" name=\"service\"");
		has(h, "<option value=\"transport\" selected>");
		has(h, "id=\"line-quantity\" name=\"quantity\"");
		has(h, "id=\"line-content\" name=\"content\"");
		has(h, "id=\"line-add\"");
		has(h, "id=\"plan-lines\"");
		has(h, "id=\"plan-total-month\">1 000,00 €<");
		has(h, "id=\"plan-total-period\">12 000,00 €<");
		has(h, "id=\"plan-state\">Luonnos<");
		has(h, "id=\"plan-propose\"");
		has(h, "id=\"plan-discard\"");
		has(h, "action=\"/plans/7/lines/2/delete\"");
		has(h, "value=\"2027-01-01\"");
		lacks(h, "id=\"approve-form\"");
		lacks(h, "id=\"decision-link\"");
		free(h);
		json_decref(m);
	}
}

static void test_show_decision_maker(void **state)
{
	json_t *m = show_model("proposed");
	char *h = render("plan_show", m, "sv");

	(void)state;
	lacks(h, "planweb.");
	has(h, "id=\"approve-form\"");
	has(h, "id=\"approve-password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"");
	has(h, "id=\"plan-approve\"");
	has(h, "id=\"return-form\"");
	has(h, "id=\"return-note\" name=\"note\"");
	has(h, "id=\"plan-return\"");
	lacks(h, "id=\"line-form\"");
	lacks(h, "id=\"plan-propose\"");
	lacks(h, "/delete\"");
	free(h);
	json_decref(m);

	m = show_model("approved");
	h = render("plan_show", m, "en");
	has(h, "id=\"end-form\"");
	has(h, "name=\"last_day\"");
	has(h, "id=\"plan-end\"");
	has(h, "id=\"decision-link\" href=\"/plans/7/decision\"");
	lacks(h, "id=\"approve-form\"");
	free(h);
	json_decref(m);
}

static void test_show_error_marks_field(void **state)
{
	json_t *m = show_model("proposed");
	char *h;

	(void)state;
	json_object_set_new(m, "form_errors", json_pack("{s:[{s:s, s:s, s:s}]}", "items",
		"href", "approve-password", "label", "Salasana", "message", "Väärä salasana."));
	json_object_set_new(m, "invalid", json_pack("{s:{s:s, s:s}}", "approve-password",
		"id", "approve-password-error", "message", "Väärä salasana."));
	h = render("plan_show", m, "fi");
	has(h, "class=\"error-summary\" id=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus");
	has(h, "<a href=\"#approve-password\">Salasana: Väärä salasana.</a>");
	has(h, "id=\"approve-password-error\"");
	has(h, "aria-describedby=\"approve-password-hint approve-password-error\" aria-invalid=\"true\"");
	lacks(h, "id=\"end-password-error\"");
	free(h);
	json_decref(m);
}

static void test_list_form(void **state)
{
	json_t *m = json_pack("{s:i, s:s, s:s, s:b, s:b, s:[{s:i, s:s, s:s}], s:{s:s}}",
		"client_id", 2, "title", "T", "csrf", "tok", "has_plans", 1, "can_create", 1,
		"plans", "id", 5, "name", "Vaihtoehto A", "state_text", "Luonnos",
		"f", "valid_from", "2027-01-01");
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		char *h = render("plan_list", m, langs[i]);
		const char *ids[] = {"label", "valid_from", "valid_to", "review_date",
				     "client_fee", "fee_note", "copy_from"};
		size_t k;

		lacks(h, "planweb.");
		has(h, "id=\"plan-form\"");
		has(h, "action=\"/clients/2/plans\"");
		for (k = 0; k < sizeof ids / sizeof ids[0]; k++) {
			char want[64];

			snprintf(want, sizeof want, "id=\"%s\" name=\"%s\"", ids[k], ids[k]);
			has(h, want);
		}
		has(h, "<textarea id=\"reasoning\" name=\"reasoning\"");
		has(h, "<option value=\"5\">Vaihtoehto A (Luonnos)</option>");
		has(h, "id=\"plan-create\"");
		has(h, "href=\"/plans/5\"");
		free(h);
	}
	json_object_set_new(m, "can_create", json_false());
	{
		char *h = render("plan_list", m, "fi");

		lacks(h, "id=\"plan-form\"");
		free(h);
	}
	json_decref(m);
}

static void test_decision_texts(void **state)
{
	static const char *const titles[] = {"Päätös henkilökohtaisesta budjetista",
		"Beslut om personlig budget", "Decision on a personal budget"};
	static const char *const appeal[] = {"Oikaisuvaatimusohje",
		"Anvisning om begäran om omprövning",
		"Instructions for requesting an administrative review"};
	static const char *const days30[] = {"30 päivän", "30 dagar", "30 days"};
	static const char *const free_[] = {"maksutonta", "avgiftsfritt", "free of charge"};
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		json_t *m = json_pack("{s:i, s:s, s:s, s:s, s:[o], s:s, s:{s:s, s:s, s:s}}", "id", 7,
			"title", bud_msg(langs[i], "planweb.decision.title"),
			"organiser", "Östra Nylands välfärdsområde", "client_name", "Elin Lindholm",
			"lines", line(1, "personal_assistance"), "reasoning", "Behov av stöd.",
			"registry", "address", "Kirjaamo, PL 46, 06151 Porvoo",
			"email", "kirjaamo@ita-uusimaa.example", "hours", "");
		char *h = render("plan_decision", m, langs[i]);

		lacks(h, "planweb.");
		has(h, titles[i]);
		has(h, "id=\"decision-lines\"");
		has(h, "<section id=\"appeal\"");
		has(h, appeal[i]);
		has(h, days30[i]);
		has(h, free_[i]);
		has(h, "1301/2014");
		has(h, "434/2003");
		/* the organiser's registry (a setting), never a dummy address */
		has(h, "PL 46, 06151 Porvoo");
		has(h, "kirjaamo@ita-uusimaa.example");
		lacks(h, bud_msg(langs[i], "planweb.appeal.hours"));
		free(h);
		json_object_del(m, "registry");	/* not set yet: ask the worker */
		h = render("plan_decision", m, langs[i]);
		lacks(h, "PL 46");
		has(h, "id=\"appeal-address\"");
		free(h);
		json_decref(m);
	}
}

static void test_lists(void **state)
{
	json_t *m = json_pack("{s:s, s:b, s:i, s:[{s:i, s:s, s:b}, {s:i, s:s, s:b}]}",
		"title", "T", "has_items", 1, "days", 30, "items",
		"plan_id", 3, "client_name", "Matti Korhonen", "overdue", 1,
		"plan_id", 4, "client_name", "Elin Lindholm", "overdue", 0);
	char *h = render("plan_reviews", m, "fi");

	(void)state;
	lacks(h, "planweb.");
	has(h, "id=\"review-list\"");
	has(h, "Myöhässä");
	has(h, "Tulossa");
	has(h, "href=\"/plans/3\"");
	free(h);
	json_decref(m);

	m = json_pack("{s:s, s:b, s:[{s:i, s:s}]}", "title", "T", "has_items", 1,
		      "items", "id", 9, "client_name", "Elin Lindholm");
	h = render("plan_proposed", m, "sv");
	lacks(h, "planweb.");
	has(h, "id=\"proposed-list\"");
	has(h, "href=\"/plans/9\"");
	free(h);
	json_decref(m);
}

/* Every planweb key of the Finnish catalog exists in sv and en, and is
 * translated there (not the Finnish text), units and instruments too. */
static void test_catalog(void **state)
{
	size_t i, n = bud_msg_count("fi"), found = 0;

	(void)state;
	for (i = 0; i < n; i++) {
		const char *key = bud_msg_key("fi", i);

		if (strncmp(key, "planweb.", 8) != 0)
			continue;
		found++;
		assert_string_not_equal(bud_msg("sv", key), key);
		assert_string_not_equal(bud_msg("en", key), key);
	}
	assert_true(found > 100);
	assert_string_equal(bud_msg("fi", "planweb.instrument.commitment"), "Maksusitoumus");
	assert_string_equal(bud_msg("sv", "planweb.instrument.voucher"), "Servicesedel");
	assert_string_equal(bud_msg("en", "planweb.instrument.purchase"), "Purchased service");
	assert_string_equal(bud_msg("sv", "planweb.unit.hour.other"), "timmar");
	assert_string_equal(bud_msg("fi", "planweb.unit.day.one"), "vuorokausi");
	assert_string_not_equal(bud_msg("sv", "planweb.appeal.time"),
				bud_msg("fi", "planweb.appeal.time"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_show_forms_by_state),
		cmocka_unit_test(test_show_decision_maker),
		cmocka_unit_test(test_show_error_marks_field),
		cmocka_unit_test(test_list_form),
		cmocka_unit_test(test_decision_texts),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_catalog),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
