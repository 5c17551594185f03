/*
 * web/pilot.c: GET /pilot, the pilot figures as tables (each suppressed
 * figure says so in words), with a form for the period and the area, and
 * for the admin the smallest group shown (POST /pilot/min-group); and the
 * client's outcomes questionnaire, GET and POST /clients/{id}/outcomes,
 * in easy-to-read words. The figures come suppressed from app/pilot.c;
 * this file only words them.
 */
#include <stdio.h>
#include <string.h>

#include "app/pilot.h"
#include "bud_limits.h"
#include "core/i18n.h"
#include "core/report.h"
#include "http/download.h"
#include "web/chart.h"
#include "web/form.h"
#include "web/pilot.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field query_fields[] = {
	{"from", "from", "pilot.from", NULL},
	{"to", "to", "pilot.to", NULL},
	{"municipality", "municipality", "pilot.area", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def query_form = {"pilot-form", query_fields};
static const struct bud_form_field group_fields[] = {
	{"min_group", "min_group", "pilot.min_group", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def group_form = {"min-group-form", group_fields};
static const struct bud_form_field outcome_fields[] = {
	{"q_life", "q_life", "outcome.q_life", "q_life-3"},
	{"q_help", "q_help", "outcome.q_help", "q_help-3"},
	{"q_choice", "q_choice", "outcome.q_choice", "q_choice-3"},
	{"comment", "comment", "outcome.comment", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def outcome_form = {"outcome-form", outcome_fields};

/* How a figure reads: {text, suppressed}; money in euros when money. */
static json_t *word(json_t *cell, int money, const char *lang)
{
	json_t *v = json_object_get(cell, "value");
	char num[32];

	if (json_is_true(json_object_get(cell, "suppressed")) || json_is_null(v))
		return json_pack("{s:s, s:b}", "text", bud_msg(lang, "pilot.hidden"),
				 "suppressed", 1);
	if (money)
		return json_pack("{s:o, s:b}", "text",
				 bud_view_money(json_integer_value(v), lang), "suppressed", 0);
	if (json_is_real(v))
		snprintf(num, sizeof(num), "%lld%s5", (long long)json_real_value(v),
			 strcmp(lang, "en") ? "," : ".");
	else
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
	return json_pack("{s:s, s:b}", "text", num, "suppressed", 0);
}

/* Rows [{label, cell}] of obj's members keys, labels prefix + key. */
static json_t *rows(json_t *obj, const char *const *keys, const char *prefix,
		    const char *lang)
{
	json_t *a = json_array();
	char key[64];
	size_t i;

	for (i = 0; keys[i]; i++) {
		snprintf(key, sizeof(key), "%s%s", prefix, keys[i]);
		json_array_append_new(a, json_pack("{s:s, s:s, s:o}", "id", keys[i],
			"label", bud_msg(lang, key),
			"cell", word(json_object_get(obj, keys[i]), 0, lang)));
	}
	return a;
}

static const char *const offer_keys[] = {"all", "some", "refused", "unanswered",
	"offered", NULL};
static const char *const timing_keys[] = {"decisions", "median_days", "min_days",
	"max_days", NULL};
static const char *const dispute_keys[] = {"clients", "events", "open", "upheld",
	"dismissed", NULL};
static const char *const service_keys[] = {"chosen", "with_provider", "providers",
	"switched", "switches", NULL};
static const char *const money_keys[] = {"paid_per_client", "usual_per_client",
	"difference_per_client", NULL};

/* One service row: its name and its figures in the columns' order. */
static json_t *service_row(json_t *s, const char *lang)
{
	const char *code = bud_view_str(s, "service");
	json_t *cells = json_array(), *money = json_array(), *name = json_object_get(s, "name");
	size_t i;

	for (i = 0; service_keys[i]; i++)
		json_array_append_new(cells, word(json_object_get(s, service_keys[i]), 0, lang));
	json_array_append_new(money, word(json_object_get(s, "paid_clients"), 0, lang));
	for (i = 0; money_keys[i]; i++)
		json_array_append_new(money, word(json_object_get(s, money_keys[i]), 1, lang));
	return json_pack("{s:s, s:s, s:o, s:o}", "id", code[0] ? code : "all", "label",
			 code[0] ? bud_view_str(name, lang) : bud_msg(lang, "pilot.all_services"),
			 "cells", cells, "money", money);
}

static json_t *outcome_rows(json_t *outcomes, const char *lang)
{
	static const char *const keys[] = {"yes", "partly", "no", "answered", NULL};
	json_t *a = json_array(), *q, *cells;
	char key[64];
	size_t i, j;

	json_array_foreach(outcomes, i, q) {
		cells = json_array();
		for (j = 0; keys[j]; j++)
			json_array_append_new(cells, word(json_object_get(q, keys[j]), 0, lang));
		snprintf(key, sizeof(key), "outcome.q_%s", bud_view_str(q, "question"));
		json_array_append_new(a, json_pack("{s:s, s:s, s:o}", "id",
			bud_view_str(q, "question"), "label", bud_msg(lang, key), "cells", cells));
	}
	return a;
}

/* The offers by answer as an SVG bar chart (web/chart.h); a hidden
 * figure is an empty cell, drawn as nothing. */
static json_t *offers_chart(json_t *f, const char *lang)
{
	static const char *const keys[] = {"all", "some", "refused", "unanswered", NULL};
	struct bud_chart c = {"pilot-chart", bud_msg(lang, "pilot.chart.desc"), 0, 1, -1};
	json_t *offers = json_object_get(f, "offers"), *cell, *out;
	struct bud_report r;
	char key[64];
	bud_buf b;
	size_t i;

	bud_report_init(&r, lang, bud_msg(lang, "pilot.chart"));
	bud_report_col(&r, bud_msg(lang, "pilot.answer"), BUD_RT_TEXT);
	bud_report_col(&r, bud_msg(lang, "pilot.clients"), BUD_RT_INT);
	for (i = 0; keys[i]; i++) {
		snprintf(key, sizeof(key), "pilot.offer.%s", keys[i]);
		cell = json_object_get(offers, keys[i]);
		bud_report_text(&r, bud_msg(lang, key));
		if (json_is_integer(json_object_get(cell, "value")))
			bud_report_num(&r, json_integer_value(json_object_get(cell, "value")));
		else
			bud_report_empty(&r);
	}
	bud_buf_init(&b, BUD_MAX_RESPONSE);
	out = bud_chart_bars(&b, &r, &c) == BUD_OK ? json_string(bud_buf_str(&b)) : json_string("");
	bud_buf_free(&b);
	bud_report_release(&r);
	return out;
}

/* The page model of figures f (borrowed) in lang. */
static void figures_model(json_t *m, json_t *f, const char *lang)
{
	json_t *services = json_array(), *s;
	size_t i;

	json_array_foreach(json_object_get(f, "services"), i, s)
		json_array_append_new(services, service_row(s, lang));
	json_object_set_new(m, "figures", json_true());
	json_object_set_new(m, "chart", offers_chart(f, lang));
	json_object_set_new(m, "offers", rows(json_object_get(f, "offers"), offer_keys,
					      "pilot.offer.", lang));
	json_object_set_new(m, "services", services);
	json_object_set_new(m, "timing", rows(json_object_get(f, "timing"), timing_keys,
					      "pilot.timing.", lang));
	json_object_set_new(m, "disputes", rows(json_object_get(f, "disputes"),
						dispute_keys, "pilot.dispute.", lang));
	json_object_set_new(m, "outcomes", outcome_rows(json_object_get(f, "outcomes"), lang));
	json_object_set(m, "min_group", json_object_get(f, "min_group"));
	json_object_set_new(m, "from_text", bud_view_date(bud_view_str(f, "from"), lang));
	json_object_set_new(m, "to_text", bud_view_date(bud_view_str(f, "to"), lang));
}

/* The area select: [{value, label, selected}], all first. */
static json_t *areas_model(json_t *opts, const char *chosen, const char *lang)
{
	json_t *a = bud_view_municipality_options(json_object_get(opts, "areas"),
						  chosen, lang);

	json_array_insert_new(a, 0, json_pack("{s:s, s:s, s:b}", "value", "", "label",
		bud_msg(lang, "pilot.all_areas"), "selected", !chosen || !chosen[0]));
	return a;
}

/* The page: the query's figures, or its errors in fe (status 422). */
static int pilot_page(bud_req *req, struct bud_form *fe, const char *group_raw)
{
	struct bud_pilot_query q = {bud_req_query(req, "from"), bud_req_query(req, "to"),
				    bud_req_query(req, "municipality")};
	json_t *m = json_object(), *opts = NULL, *f = NULL;
	bud_err err;
	int status = bud_form_count(fe) ? 422 : 200;

	bud_err_clear(&err);
	if (bud_pilot_options(req->app, &req->actor, &opts, &err) != BUD_OK) {
		json_decref(m);
		return bud_resp_error(req, &err);
	}
	if (bud_pilot_figures(req->app, &req->actor, &q, &f, &err) == BUD_OK) {
		figures_model(m, f, req->lang);
	} else if (err.code == BUD_EINVAL) {
		bud_form_add(fe, &err, "from");
		status = 422;
	} else {
		json_decref(m);
		json_decref(opts);
		return bud_resp_error(req, &err);
	}
	json_object_set_new(m, "from", json_string(f ? bud_view_str(f, "from") : q.from ? q.from : ""));
	json_object_set_new(m, "to", json_string(f ? bud_view_str(f, "to") : q.to ? q.to : ""));
	json_object_set_new(m, "municipality", json_string(q.municipality ? q.municipality : ""));
	json_object_set_new(m, "areas", areas_model(opts, q.municipality, req->lang));
	json_object_set_new(m, "is_admin", json_boolean(req->actor.role == BUD_ROLE_ADMIN));
	json_object_set_new(m, "group_value", group_raw ? json_string(group_raw) :
			    json_integer(bud_view_int(opts, "min_group")));
	json_object_set_new(m, "saved", json_boolean(bud_req_query(req, "saved") != NULL));
	json_object_set_new(m, "csrf", json_string(req->actor.csrf));
	bud_form_model(fe, m);
	json_decref(f);
	json_decref(opts);
	return bud_web_page(req, status, "pilot", "pilot.title", m);
}

int bud_web_pilot(bud_req *req)
{
	struct bud_form fe;
	int rc;

	bud_form_init(&fe, &query_form, req->lang);
	rc = pilot_page(req, &fe, NULL);
	bud_form_release(&fe);
	return rc;
}

int bud_web_pilot_export(bud_req *req)
{
	static const char *const formats[] = {"csv", "xlsx", NULL};
	struct bud_pilot_query q = {NULL, NULL, NULL};
	enum bud_report_kind kind = BUD_REPORT_CSV;
	const char *format = NULL;
	struct bud_report r;
	json_t *f = NULL;
	char name[96];
	bud_err err;
	int rc;

	bud_err_clear(&err);
	memset(&r, 0, sizeof(r));
	if ((rc = bud_req_enum(req, "format", 1, formats, &format, &err)) ||
	    (rc = bud_report_kind_parse(format, "format", &kind, &err)) ||
	    (rc = bud_req_date(req, "from", 0, &q.from, &err)) ||
	    (rc = bud_req_date(req, "to", 0, &q.to, &err)) ||
	    (rc = bud_req_str(req, "municipality", 0, BUD_NAME_MAX, &q.municipality, &err)) ||
	    (rc = bud_pilot_figures(req->app, &req->actor, &q, &f, &err)))
		return bud_resp_error(req, &err);
	if (bud_pilot_table(f, req->lang, &r) != BUD_OK) {
		bud_err_set(&err, BUD_ENOMEM, NULL, "err.generic", "report table");
		rc = bud_resp_error(req, &err);
	} else {
		snprintf(name, sizeof(name), "%s-%s-%s", bud_msg(req->lang, "pilot.file"),
			 bud_view_str(f, "from"), bud_view_str(f, "to"));
		rc = bud_resp_report(req, &r, kind, name);
	}
	bud_report_release(&r);
	json_decref(f);
	return rc;
}

int bud_web_pilot_min_group(bud_req *req)
{
	struct bud_form fe;
	int64_t k = 0;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	bud_form_init(&fe, &group_form, req->lang);
	if (!bud_form_check(&fe, bud_req_i64(req, "min_group", 1, BUD_PILOT_MIN_GROUP_MIN,
					     BUD_PILOT_MIN_GROUP_MAX, &k, &err), &err) &&
	    bud_pilot_set_min_group(req->app, &req->actor, k, &err) == BUD_OK) {
		bud_form_release(&fe);
		return bud_resp_redirect(req, "/pilot?saved=1");
	}
	if (bud_form_count(&fe) == 0)
		bud_form_add(&fe, &err, "min_group");
	rc = pilot_page(req, &fe, bud_view_form_value(req, "min_group"));
	bud_form_release(&fe);
	return rc;
}

/* ---- the questionnaire ------------------------------------------------ */

/* The three questions with their answers marked as chosen (from the form
 * f {q_life, ...} as strings or integers). */
static json_t *questions_model(json_t *f, json_t *invalid, const char *lang)
{
	static const char *const qs[] = {"q_life", "q_help", "q_choice", NULL};
	json_t *a = json_array(), *answers, *v;
	char key[64], chosen[8];
	size_t i;
	int n;

	for (i = 0; qs[i]; i++) {
		answers = json_array();
		v = json_object_get(f, qs[i]);
		snprintf(chosen, sizeof(chosen), "%s", json_is_string(v) ? json_string_value(v) : "");
		if (json_is_integer(v))
			snprintf(chosen, sizeof(chosen), "%lld", (long long)json_integer_value(v));
		for (n = 3; n >= 1; n--) {
			snprintf(key, sizeof(key), "outcome.a%d", n);
			json_array_append_new(answers, json_pack("{s:s, s:i, s:s, s:b}", "q", qs[i],
				"value", n, "label", bud_msg(lang, key),
				"checked", chosen[0] == '0' + n && !chosen[1]));
		}
		snprintf(key, sizeof(key), "outcome.%s", qs[i]);
		v = json_object_get(invalid, qs[i]);
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:O?}", "q", qs[i], "legend",
						   bud_msg(lang, key), "answers", answers,
						   "error", v));
	}
	return a;
}

/* The page of the questionnaire view o (stolen) with form f (stolen, NULL:
 * the answer there is). */
static int outcome_page(bud_req *req, int status, json_t *o, json_t *f,
			struct bud_form *fe)
{
	json_t *answer = json_object_get(o, "answer");

	if (!f)
		f = json_is_object(answer) ? json_incref(answer) : json_object();
	if (fe)
		bud_form_model(fe, o);
	json_object_set_new(o, "questions", questions_model(f, json_object_get(o, "invalid"),
							    req->lang));
	json_object_set(o, "comment", json_object_get(f, "comment") ?
			json_object_get(f, "comment") : json_string(""));
	json_object_set_new(o, "answered", json_boolean(json_is_object(answer)));
	json_object_set_new(o, "closes_text", bud_view_date(bud_view_str(o, "closes_on"),
							   req->lang));
	json_object_set_new(o, "saved", json_boolean(bud_req_query(req, "saved") != NULL));
	json_object_set_new(o, "csrf", json_string(req->actor.csrf));
	json_decref(f);
	return bud_web_page(req, status, "outcome", "outcome.title", o);
}

int bud_web_outcomes(bud_req *req)
{
	json_t *o = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_outcome_get(req->app, &req->actor, id, &o, &err))
		return bud_resp_error(req, &err);
	return outcome_page(req, 200, o, NULL, NULL);
}

/* One question's answer, 1..3; a missing or other one is "choose one". */
static int take_answer(bud_req *req, const char *name, int64_t *v, bud_err *err)
{
	if (bud_req_i64(req, name, 1, 1, 3, v, err) == BUD_OK)
		return BUD_OK;
	return bud_err_set(err, BUD_EINVAL, name, "err.outcome.answer", "choose one answer");
}

int bud_web_outcomes_save(bud_req *req)
{
	struct bud_outcome_in in = {0, 0, 0, NULL, strcmp(req->lang, "sv") ? "fi" : "sv"};
	int64_t id, v[3] = {0, 0, 0};
	struct bud_form fe;
	json_t *o = NULL, *f;
	char where[64];
	bud_err err;
	int bad = 0, rc, status;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &outcome_form, req->lang);
	bad |= bud_form_check(&fe, take_answer(req, "q_life", &v[0], &err), &err);
	bad |= bud_form_check(&fe, take_answer(req, "q_help", &v[1], &err), &err);
	bad |= bud_form_check(&fe, take_answer(req, "q_choice", &v[2], &err), &err);
	bad |= bud_form_check(&fe, bud_req_str(req, "comment", 0, BUD_OUTCOME_COMMENT_MAX,
					       &in.comment, &err), &err);
	in.q_life = (int)v[0];
	in.q_help = (int)v[1];
	in.q_choice = (int)v[2];
	if (!bad && bud_outcome_answer(req->app, &req->actor, id, &in, &o, &err) == BUD_OK) {
		bud_form_release(&fe);
		json_decref(o);
		snprintf(where, sizeof(where), "/clients/%lld/outcomes?saved=1", (long long)id);
		return bud_resp_redirect(req, where);
	}
	if (!bad)
		bud_form_add(&fe, &err, NULL);
	status = bad ? 422 : bud_view_form_status(err.code);
	if (bud_outcome_get(req->app, &req->actor, id, &o, &err) != BUD_OK) {
		bud_form_release(&fe);
		return bud_resp_error(req, &err);
	}
	f = json_pack("{s:s, s:s, s:s, s:s}", "q_life", bud_view_form_value(req, "q_life"),
		      "q_help", bud_view_form_value(req, "q_help"), "q_choice",
		      bud_view_form_value(req, "q_choice"), "comment",
		      bud_view_form_value(req, "comment"));
	rc = outcome_page(req, status, o, f, &fe);
	bud_form_release(&fe);
	return rc;
}
