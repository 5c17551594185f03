/*
 * web/plans.c: the pages of service plans and decisions (see web/plans.h).
 * Every rule is app/plan.h's: these handlers decode forms into its
 * structs, call it, and turn its JSON views into page models with the
 * texts people read: states, units "a month", instruments, money and
 * quantities in the page language (bud_money_format, bud_qty_format) and
 * dates as d.m.yyyy in Finnish and Swedish.
 *
 * Forms. A failed POST renders its page again with the status of the
 * error (422 invalid input, 409 a wrong state, 401 a wrong password): its
 * errors as web/form.h shows them (the summary after the h1, each message
 * by its field) and the typed values kept. A
 * refused client (404), a wrong role (403) or a failure of the service is
 * the plain error page. Success is 303 to the plan's page.
 *
 * The decision document is issued in the client's language (the plan
 * view's `lang`, fixed at approval) whatever the reader's page language:
 * the handler points req->lang at that language for the one call of
 * bud_web_page, so the whole document (its <html lang>, title, header and
 * texts) is in it, and puts it back afterwards. A note in the reader's own
 * language (with its lang attribute) says so when the two differ.
 *
 * Ownership: views from app/ are owned here and released before
 * returning; models are stolen by bud_web_page.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/casework.h"
#include "app/client.h"
#include "app/plan.h"
#include "app/price.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/state.h"
#include "bud_limits.h"
#include "web/form.h"
#include "web/guide.h"
#include "web/plans.h"
#include "web/view.h"
#include "web/web.h"

/* ---- reading the app's views ---- */

/* A list view: the array itself, or its "items". */
static json_t *jitems(json_t *v)
{
	return json_is_array(v) ? v : json_object_get(v, "items");
}

/* ---- texts people read ---- */

static json_t *state_text(const char *state, const char *lang)
{
	return json_string(bud_view_word(lang, "planweb.state.", state, ""));
}

/* "20 tuntia kuukaudessa", "1 timme per månad", "12.5 hours a month". */
static json_t *qty_text(int64_t q, const char *unit, const char *lang)
{
	char num[BUD_MONEY_BUF], out[192];

	if (bud_qty_format(q, lang, num, sizeof num) != BUD_OK)
		num[0] = '\0';
	snprintf(out, sizeof out, "%s %s %s", num,
		 bud_view_word(lang, "planweb.unit.", unit, q == 100 ? ".one" : ".other"),
		 bud_msg(lang, "planweb.per_month"));
	return json_string(out);
}

/* "28,50 € tunnilta", "28,50 € per timme", "€28.50 per hour". */
static json_t *price_text(int64_t cents, const char *unit, const char *lang)
{
	char money[BUD_MONEY_BUF], out[128];

	if (bud_money_format(cents, lang, money, sizeof money) != BUD_OK)
		money[0] = '\0';
	snprintf(out, sizeof out, "%s %s", money,
		 bud_view_word(lang, "planweb.unit.", unit, ".per"));
	return json_string(out);
}

/* How a plan is named in lists: its label, its decision number, or
 * "Suunnitelma 12". */
static json_t *plan_name(json_t *p, const char *lang)
{
	char buf[BUD_NAME_MAX + 32];

	if (*bud_view_str(p, "label"))
		return json_string(bud_view_str(p, "label"));
	if (*bud_view_str(p, "decision_no"))
		return json_string(bud_view_str(p, "decision_no"));
	snprintf(buf, sizeof buf, "%s %" PRId64, bud_msg(lang, "planweb.plan_n"),
		 (int64_t)bud_view_int(p, "id"));
	return json_string(buf);
}

/* The lines of a plan view as table rows in lang. */
static json_t *lines_model(json_t *view, int64_t plan_id, const char *lang)
{
	json_t *arr = json_array(), *l;
	size_t i;

	json_array_foreach(json_object_get(view, "lines"), i, l) {
		json_t *svc = json_object_get(l, "service");
		const char *unit = bud_view_str(l, "unit");

		json_array_append_new(arr, json_pack(
			"{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:o, s:o}",
			"id", (json_int_t)bud_view_int(l, "id"), "plan_id", (json_int_t)plan_id,
			"code", bud_view_str(svc, "code"), "service", bud_view_lang_name(svc, lang),
			"content", bud_view_str(l, "content"),
			"qty_text", qty_text(bud_view_int(l, "quantity"), unit, lang),
			"price_text", price_text(bud_view_int(l, "unit_price"), unit, lang),
			"instrument_text", bud_view_word(lang, "planweb.instrument.",
							 bud_view_str(l, "instrument"), ""),
			"monthly", bud_view_money(bud_view_int(l, "monthly_amount"), lang),
			"period", bud_view_money(bud_view_int(l, "period_amount"), lang)));
	}
	return arr;
}

/* ---- form errors (web/form.h) ---- */

/* The header fields, shared by the form that starts a plan and the one
 * that edits a draft (never on one page). */
#define HEADER_FIELDS \
	{"label", "label", "planweb.f.label", NULL}, \
	{"valid_from", "valid_from", "planweb.f.valid_from", NULL}, \
	{"valid_to", "valid_to", "planweb.f.valid_to", NULL}, \
	{"review_date", "review_date", "planweb.f.review_date", NULL}, \
	{"client_fee", "client_fee", "planweb.f.client_fee", NULL}, \
	{"fee_note", "fee_note", "planweb.f.fee_note", NULL}, \
	{"reasoning", "reasoning", "planweb.f.reasoning", NULL}

static const struct bud_form_field create_fields[] = {
	HEADER_FIELDS, {"copy_from", "copy_from", "planweb.f.copy_from", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_field header_fields[] = {
	HEADER_FIELDS, {NULL, NULL, NULL, NULL},
};
static const struct bud_form_field line_fields[] = {
	{"service", "line-service", "planweb.line.service", NULL},
	{"quantity", "line-quantity", "planweb.line.quantity", NULL},
	{"content", "line-content", "planweb.line.content", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_field approve_fields[] = {
	{"password", "approve-password", "planweb.approve.password", NULL},
	{"code", "approve-code", "planweb.approve.code", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_field return_fields[] = {
	{"note", "return-note", "planweb.return.note", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_field end_fields[] = {
	{"last_day", "end-last_day", "planweb.end.last_day", NULL},
	{"password", "end-password", "planweb.approve.password", NULL},
	{"code", "end-code", "planweb.approve.code", NULL},
	{"confirm", "end-confirm", "planweb.end.confirm", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_field no_fields[] = {{NULL, NULL, NULL, NULL}};

static const struct bud_form_def create_form = {"plan-form", create_fields};
static const struct bud_form_def header_form = {"header-form", header_fields};
static const struct bud_form_def line_form = {"line-form", line_fields};
static const struct bud_form_def approve_form = {"approve-form", approve_fields};
static const struct bud_form_def return_form = {"return-form", return_fields};
static const struct bud_form_def end_form = {"end-form", end_fields};
/* Actions without fields (remove a line, propose, discard): the lines. */
static const struct bud_form_def action_form = {"lines-h", no_fields};
static const struct bud_form_field discard_fields[] = {
	{"confirm", "discard-confirm", "planweb.discard.confirm", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def discard_form = {"discard-form", discard_fields};

/* Errors a form shows again; the rest answer with the error page. */
static int form_shows(int code)
{
	return code == BUD_EINVAL || code == BUD_EOVERFLOW || code == BUD_ECONFLICT ||
	       code == BUD_EAUTH || code == BUD_ETOOBIG;
}

/* The header fields as typed. */
static json_t *typed_header(bud_req *req)
{
	json_t *f = json_object();
	size_t i;

	for (i = 0; header_fields[i].name; i++)
		json_object_set_new(f, header_fields[i].name,
				    json_string(bud_view_form_value(req, header_fields[i].name)));
	return f;
}

/* Decode the header fields into f; each bad one goes into fe. Nonzero
 * when any was bad. The strings live as long as req. */
static int header_decode(bud_req *req, struct bud_plan_fields *f, struct bud_form *fe)
{
	bud_err err;
	int bad = 0;

	memset(f, 0, sizeof *f);
	bud_err_clear(&err);
	bad |= bud_form_check(fe, bud_req_str(req, "label", 0, BUD_NAME_MAX, &f->label, &err), &err);
	bad |= bud_form_check(fe, bud_req_date(req, "valid_from", 1, &f->valid_from, &err), &err);
	bad |= bud_form_check(fe, bud_req_date(req, "valid_to", 1, &f->valid_to, &err), &err);
	bad |= bud_form_check(fe, bud_req_date(req, "review_date", 1, &f->review_date, &err), &err);
	bad |= bud_form_check(fe, bud_req_money(req, "client_fee", 0, &f->client_fee, &err), &err);
	bad |= bud_form_check(fe, bud_req_str(req, "fee_note", 0, BUD_NOTE_MAX, &f->fee_note, &err), &err);
	bad |= bud_form_check(fe, bud_req_str(req, "reasoning", 0, BUD_TEXT_MAX, &f->reasoning, &err), &err);
	/* the version the edit is based on (app/etag.h); a draft form has none */
	bad |= bud_form_check(fe, bud_req_str(req, "etag", 0, BUD_CODE_MAX, &f->if_etag, &err), &err);
	if (f->if_etag && !f->if_etag[0])
		f->if_etag = NULL;
	return bad;
}

/* "/plans/12" and 303 to it. */
static int redirect_plan(bud_req *req, int64_t plan_id)
{
	char loc[48];

	snprintf(loc, sizeof loc, "/plans/%" PRId64, plan_id);
	return bud_form_done(req, loc, "plan");
}

/* ---- GET /clients/{id}/plans ---- */

/* The form's first values: the first day of next month, a year on, the
 * review a month before the end, no fee. */
static json_t *default_header(bud_req *req)
{
	char today[BUD_DATE_BUF] = "", from[BUD_DATE_BUF] = "", to[BUD_DATE_BUF] = "",
	     review[BUD_DATE_BUF] = "";
	int y, m, d, ny, nm, nd;

	if (bud_app_today(req->app, today, sizeof today) == BUD_OK &&
	    bud_date_parse(today, &y, &m, &d, NULL) == BUD_OK &&
	    bud_date_add_months(y, m, 1, 1, &y, &m, &d) == BUD_OK) {
		bud_date_format(y, m, 1, from);
		if (bud_date_add_months(y, m, 1, 11, &ny, &nm, &nd) == BUD_OK)
			bud_date_format(ny, nm, nd, review);
		if (bud_date_add_months(y, m, 1, 12, &ny, &nm, &nd) == BUD_OK &&
		    bud_date_from_days(bud_date_days(ny, nm, nd) - 1, &ny, &nm, &nd) == BUD_OK)
			bud_date_format(ny, nm, nd, to);
	}
	return json_pack("{s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:s}", "label", "",
			 "valid_from", bud_form_date(from, req->lang),
			 "valid_to", bud_form_date(to, req->lang),
			 "review_date", bud_form_date(review, req->lang),
			 "client_fee", "0", "fee_note", "", "reasoning", "", "copy_from", "");
}

/* The client's name for the heading, or NULL (a failure only hides it). */
static json_t *client_heading(bud_req *req, int64_t client_id)
{
	json_t *c = NULL, *name = NULL;
	bud_err err;

	if (bud_client_name(req->app, &req->actor, client_id, &c, &err) == BUD_OK)
		name = bud_view_person_name(c);
	json_decref(c);
	return name;
}

/* ---- what a plan rests on, and the step before a plan (web/guide.h) ---- */

/* For staff: links to the newest assessment, the offer with its answer
 * and the newest support plan of client_id ({assessment, offer_href,
 * answer, support_plan}; an id 0 is missing). */
static json_t *basis_model(bud_req *req, int64_t client_id)
{
	json_t *a = NULL, *o = NULL, *sp = NULL, *m;
	bud_err err;

	bud_err_clear(&err);
	m = json_pack("{s:I}", "client_id", (json_int_t)client_id);
	if (bud_assessment_list(req->app, &req->actor, client_id, &a, &err) == BUD_OK)
		json_object_set_new(m, "assessment", json_integer(bud_view_int(
			json_array_get(json_object_get(a, "items"), 0), "id")));
	if (bud_offer_get(req->app, &req->actor, client_id, &o, &err) == BUD_OK &&
	    json_is_object(json_object_get(o, "offer"))) {
		const char *ans = bud_view_str(json_object_get(o, "answer"), "answer");

		json_object_set_new(m, "offer", json_true());
		json_object_set_new(m, "answer", json_string(bud_view_word(req->lang,
			"casework.answer.", ans[0] ? ans : "none", "")));
	}
	if (bud_support_plan_list(req->app, &req->actor, client_id, &sp, &err) == BUD_OK)
		json_object_set_new(m, "support_plan", json_integer(bud_view_int(
			json_array_get(json_object_get(sp, "items"), 0), "id")));
	json_decref(a);
	json_decref(o);
	json_decref(sp);
	return m;
}

/* For the worker about to draft: the step before, when the client has
 * no offer or accepted nothing yet (a plan holds only accepted services):
 * the key of what to say, or NULL. */
static const char *first_step(bud_req *req, int64_t client_id)
{
	json_t *o = NULL;
	const char *key = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_offer_get(req->app, &req->actor, client_id, &o, &err) != BUD_OK)
		return NULL;
	if (!json_is_object(json_object_get(o, "offer")))
		key = "guide.first.offer";
	else if (json_array_size(json_object_get(o, "accepted")) == 0)
		key = "guide.first.answer";
	json_decref(o);
	return key;
}

/* The list page; extra (stolen, may be NULL) adds typed values and errors. */
static int list_page(bud_req *req, int64_t client_id, int status, json_t *extra)
{
	json_t *view = NULL, *m, *plans, *p, *name;
	const char *copy = extra ? bud_view_str(json_object_get(extra, "f"), "copy_from") : "";
	int staff = req->actor.role & BUD_ROLE_STAFF;
	bud_err err;
	size_t i;

	if (bud_plan_list_client(req->app, &req->actor, client_id, &view, &err) != BUD_OK) {
		json_decref(extra);
		return bud_resp_error(req, &err);
	}
	plans = json_array();
	json_array_foreach(jitems(view), i, p) {
		char id[24];

		snprintf(id, sizeof id, "%" PRId64, (int64_t)bud_view_int(p, "id"));
		json_array_append_new(plans, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
			"id", (json_int_t)bud_view_int(p, "id"), "name", plan_name(p, req->lang),
			"state_text", state_text(bud_view_str(p, "state"), req->lang),
			"from", bud_view_date(bud_view_str(p, "valid_from"), req->lang),
			"to", bud_view_date(bud_view_str(p, "valid_to"), req->lang),
			"review", bud_view_date(bud_view_str(p, "review_date"), req->lang),
			"monthly", bud_view_money(bud_view_int(p, "total_monthly"), req->lang),
			"period", bud_view_money(bud_view_int(p, "total_period"), req->lang),
			"copy_selected", strcmp(copy, id) == 0));
	}
	m = json_pack("{s:I, s:s, s:b, s:b, s:o}", "client_id", (json_int_t)client_id,
		      "intro", bud_msg(req->lang, staff ? "planweb.list.intro" : "planweb.list.intro_client"),
		      "has_plans", json_array_size(plans) > 0,
		      "can_create", req->actor.role == BUD_ROLE_WORKER, "plans", plans);
	if ((name = client_heading(req, client_id)))
		json_object_set_new(m, "client_name", name);
	if (req->actor.role == BUD_ROLE_WORKER) {
		const char *first = first_step(req, client_id);

		if (first)
			json_object_set_new(m, "first_step", json_string(bud_msg(req->lang, first)));
	}
	json_object_set_new(m, "f", default_header(req));
	if (extra)
		json_object_update(m, extra);
	json_decref(extra);
	json_decref(view);
	bud_web_easy_page(req, m);	/* web/guide.h */
	return bud_web_page(req, status, "plan_list", "planweb.list.title", m);
}

int bud_web_plan_list(bud_req *req)
{
	int64_t client_id;
	bud_err err;

	if (bud_req_id(req, "id", &client_id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return list_page(req, client_id, 200, NULL);
}

/* ---- POST /clients/{id}/plans ---- */

int bud_web_plan_create(bud_req *req)
{
	struct bud_plan_fields f;
	struct bud_form fe;
	int64_t client_id, copy_from = 0, plan_id = 0;
	json_t *extra;
	bud_err err;
	int bad, status = 422;

	if (bud_req_id(req, "id", &client_id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &create_form, req->lang);
	bad = header_decode(req, &f, &fe);
	bud_err_clear(&err);
	bad |= bud_form_check(&fe, bud_req_i64(req, "copy_from", 0, 1, INT64_MAX,
					       &copy_from, &err), &err);
	if (!bad) {
		if (bud_plan_create(req->app, &req->actor, client_id, &f, copy_from,
				    &plan_id, &err) == BUD_OK) {
			bud_form_release(&fe);
			return redirect_plan(req, plan_id);
		}
		if (!form_shows(err.code)) {
			bud_form_release(&fe);
			return bud_resp_error(req, &err);
		}
		bud_form_add(&fe, &err, NULL);
		status = bud_view_form_status(err.code);
	}
	extra = json_pack("{s:o}", "f", typed_header(req));
	bud_form_model(&fe, extra);
	return list_page(req, client_id, status, extra);
}

/* ---- GET /plans/{id} ---- */

/* The select's options: the services the client accepted a personal
 * budget for (all of the catalogue when the answer cannot be read; the
 * app refuses the others anyway), selected the one typed. */
static json_t *service_options(bud_req *req, int64_t client_id, const char *selected)
{
	json_t *all = NULL, *offer = NULL, *accepted = NULL, *arr = json_array(), *s;
	bud_err err;
	size_t i;

	if (bud_price_services(req->app, &req->actor, &all, &err) != BUD_OK)
		goto out;
	if (bud_offer_get(req->app, &req->actor, client_id, &offer, &err) == BUD_OK)
		accepted = json_object_get(offer, "accepted");
	json_array_foreach(jitems(all), i, s) {
		const char *code = bud_view_str(s, "code");

		if (json_is_array(accepted) && !bud_view_has(accepted, code))
			continue;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "code", code,
			"name", bud_view_lang_name(s, req->lang),
			"selected", strcmp(code, selected) == 0));
	}
out:
	json_decref(all);
	json_decref(offer);
	return arr;
}

/* A plan's header as the edit form shows it first. */
static json_t *view_header(json_t *v, const char *lang)
{
	char fee[BUD_MONEY_BUF];

	if (bud_money_format_plain(bud_view_int(v, "client_fee"),
				   strcmp(lang, "en") == 0 ? '.' : ',', fee, sizeof fee) != BUD_OK)
		fee[0] = '\0';
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:s}",
			 "etag", bud_view_str(v, "etag"),
			 "label", bud_view_str(v, "label"),
			 "valid_from", bud_form_date(bud_view_str(v, "valid_from"), lang),
			 "valid_to", bud_form_date(bud_view_str(v, "valid_to"), lang),
			 "review_date", bud_form_date(bud_view_str(v, "review_date"), lang),
			 "client_fee", fee,
			 "fee_note", bud_view_str(v, "fee_note"),
			 "reasoning", bud_view_str(v, "reasoning"));
}

/* The facts of a plan view in lang (shared by the plan page and the
 * decision document). */
static json_t *plan_facts(json_t *v, const char *lang)
{
	const char *state = bud_view_str(v, "state");
	json_t *m = json_pack("{s:I, s:I, s:o, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:s, s:s}",
		"id", bud_view_int(v, "id"), "client_id", bud_view_int(v, "client_id"),
		"client_name", bud_view_person_name(json_object_get(v, "client")),
		"state", state, "state_text", state_text(state, lang),
		"label", bud_view_str(v, "label"),
		"from", bud_view_date(bud_view_str(v, "valid_from"), lang),
		"to", bud_view_date(bud_view_str(v, "valid_to"), lang),
		"review", bud_view_date(bud_view_str(v, "review_date"), lang),
		"fee", bud_view_money(bud_view_int(v, "client_fee"), lang),
		"fee_note", bud_view_str(v, "fee_note"),
		"reasoning", bud_view_str(v, "reasoning"));
	json_t *drafted = json_object_get(v, "drafted_by");
	json_t *approved = json_object_get(v, "approved_by");

	json_object_set_new(m, "decision_no", json_string(bud_view_str(v, "decision_no")));
	json_object_set_new(m, "version", json_integer(bud_view_int(v, "version")));
	json_object_set_new(m, "effective_to",
			    bud_view_date(bud_view_str(v, "effective_to"), lang));
	json_object_set_new(m, "drafted_by", json_string(bud_view_str(drafted, "name")));
	json_object_set_new(m, "approved_by", json_string(bud_view_str(approved, "name")));
	json_object_set_new(m, "approved_on",
			    bud_view_unix_date(bud_view_int(v, "approved_at"), lang));
	json_object_set_new(m, "decided", json_boolean(bud_plan_decided(bud_plan_state_parse(state))));
	json_object_set_new(m, "has_fee", json_boolean(bud_view_int(v, "client_fee") > 0));
	json_object_set_new(m, "lines", lines_model(v, bud_view_int(v, "id"), lang));
	json_object_set_new(m, "total_monthly",
			    bud_view_money(bud_view_int(v, "total_monthly"), lang));
	json_object_set_new(m, "total_period",
			    bud_view_money(bud_view_int(v, "total_period"), lang));
	return m;
}

/* The plan page; extra (stolen, may be NULL) adds typed values and errors. */
/* The budget of plan v per line from the client's ledger: granted (net),
 * committed, used and left, for a decided plan; NULL when none. */
static json_t *budget_model(bud_req *req, json_t *v)
{
	json_t *led = NULL, *rows, *it;
	int64_t plan = bud_view_int(v, "id");
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (!bud_plan_decided(bud_plan_state_parse(bud_view_str(v, "state"))) ||
	    bud_plan_ledger(req->app, &req->actor, bud_view_int(v, "client_id"), &led,
			    &err) != BUD_OK)
		return NULL;
	rows = json_array();
	json_array_foreach(json_object_get(led, "items"), i, it) {
		if (bud_view_int(it, "plan_id") != plan)
			continue;
		json_array_append_new(rows, json_pack("{s:s, s:o, s:o, s:o, s:o}",
			"service", bud_view_lang_name(json_object_get(it, "service"), req->lang),
			"granted", bud_view_money(bud_view_int(it, "granted") -
						  bud_view_int(it, "revoked"), req->lang),
			"committed", bud_view_money(bud_view_int(it, "reserved") -
						    bud_view_int(it, "released"), req->lang),
			"used", bud_view_money(bud_view_int(it, "spent"), req->lang),
			"left", bud_view_money(bud_view_int(it, "left"), req->lang)));
	}
	json_decref(led);
	return rows;
}

static int show_page(bud_req *req, int64_t plan_id, int status, json_t *extra)
{
	json_t *budget;
	json_t *v = NULL, *m, *can;
	bud_err err;
	const char *svc;

	if (bud_plan_get(req->app, &req->actor, plan_id, &v, &err) != BUD_OK) {
		json_decref(extra);
		return bud_resp_error(req, &err);
	}
	m = plan_facts(v, req->lang);
	can = json_object_get(v, "can");
	json_object_set_new(m, "can", can ? json_incref(can) : json_object());
	json_object_set_new(m, "granted", bud_view_money(bud_view_int(v, "granted"), req->lang));
	json_object_set_new(m, "returned_note", json_string(bud_view_str(v, "returned_note")));
	json_object_set_new(m, "draft_actions", json_boolean(
		json_is_true(json_object_get(can, "propose")) || json_is_true(json_object_get(can, "discard"))));
	json_object_set_new(m, "any_action", json_boolean(
		json_is_true(json_object_get(can, "propose")) || json_is_true(json_object_get(can, "discard")) ||
		json_is_true(json_object_get(can, "approve")) || json_is_true(json_object_get(can, "return")) ||
		json_is_true(json_object_get(can, "end"))));
	json_object_set_new(m, "can_choose", json_boolean(
		strcmp(bud_view_str(v, "state"), "approved") == 0 &&
		(req->actor.role & (BUD_ROLE_WORKER | BUD_ROLE_CLIENT |
				    BUD_ROLE_REPRESENTATIVE)) != 0));
	if (json_is_true(json_object_get(can, "edit"))) {
		svc = extra ? bud_view_str(json_object_get(extra, "lf"), "service") : "";
		json_object_set_new(m, "services",
				    service_options(req, bud_view_int(v, "client_id"), svc));
		json_object_set_new(m, "f", view_header(v, req->lang));
	}
	if (req->actor.role & (BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER))
		json_object_set_new(m, "basis", basis_model(req, bud_view_int(v, "client_id")));
	if ((budget = budget_model(req, v)) != NULL) {
		json_object_set_new(m, "has_budget", json_boolean(json_array_size(budget) > 0));
		json_object_set_new(m, "budget", budget);
	}
	if (extra)
		json_object_update(m, extra);
	json_decref(extra);
	json_decref(v);
	bud_web_easy_page(req, m);	/* web/guide.h */
	return bud_web_page(req, status, "plan_show", "planweb.show.title", m);
}

int bud_web_plan_show(bud_req *req)
{
	int64_t plan_id;
	bud_err err;

	if (bud_req_id(req, "id", &plan_id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return show_page(req, plan_id, 200, NULL);
}

/*
 * The end of every POST on a plan: rc and err are the app call's result.
 * BUD_OK goes back to the plan; an error its form shows renders the page
 * again with fe (plus the typed values in typed, stolen); anything else is
 * the error page.
 */
static int plan_post_done(bud_req *req, int64_t plan_id, int rc, const bud_err *err,
			  struct bud_form *fe, int status, json_t *typed)
{
	json_t *extra = typed ? typed : json_object();

	if ((rc == BUD_OK && bud_form_count(fe) == 0) ||
	    (rc != BUD_OK && !form_shows(err->code))) {
		bud_form_release(fe);
		json_decref(extra);
		return rc == BUD_OK ? redirect_plan(req, plan_id) : bud_resp_error(req, err);
	}
	if (rc != BUD_OK) {
		bud_form_add(fe, err, NULL);
		status = bud_view_form_status(err->code);
	}
	bud_form_model(fe, extra);
	return show_page(req, plan_id, status, extra);
}

/* ---- POST /plans/{id} (a draft's header) ---- */

int bud_web_plan_update(bud_req *req)
{
	struct bud_plan_fields f;
	struct bud_form fe;
	json_t *typed;
	int64_t plan_id;
	bud_err err;
	int rc = BUD_OK;

	if (bud_req_id(req, "id", &plan_id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &header_form, req->lang);
	bud_err_clear(&err);
	if (!header_decode(req, &f, &fe))
		rc = bud_plan_update(req->app, &req->actor, plan_id, &f, &err);
	typed = typed_header(req);
	json_object_set_new(typed, "etag", json_string(bud_view_form_value(req, "etag")));
	return plan_post_done(req, plan_id, rc, &err, &fe, 422,
			      json_pack("{s:o}", "f", typed));
}

/* ---- POST /plans/{id}/lines ---- */

int bud_web_plan_line_add(bud_req *req)
{
	struct bud_plan_line_in in = {0};
	struct bud_form fe;
	const char *qty = NULL;
	int64_t plan_id, line_id = 0;
	bud_err err;
	int rc = BUD_OK, bad = 0;

	if (bud_req_id(req, "id", &plan_id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &line_form, req->lang);
	bud_err_clear(&err);
	bad |= bud_form_check(&fe, bud_req_str(req, "service", 1, BUD_CODE_MAX, &in.service, &err), &err);
	if (!bud_form_check(&fe, bud_req_str(req, "quantity", 1, BUD_MAX_MONEY_LEN, &qty, &err), &err))
		bad |= bud_form_check(&fe, bud_qty_parse(qty, "quantity", &in.quantity, &err), &err);
	else
		bad = 1;
	bad |= bud_form_check(&fe, bud_req_str(req, "content", 0, BUD_NOTE_MAX, &in.content, &err), &err);
	if (!bad)
		rc = bud_plan_line_add(req->app, &req->actor, plan_id, &in, &line_id, &err);
	return plan_post_done(req, plan_id, rc, &err, &fe, 422, json_pack("{s:{s:s, s:s, s:s}}",
		"lf", "service", bud_view_form_value(req, "service"),
		"quantity", bud_view_form_value(req, "quantity"),
		"content", bud_view_form_value(req, "content")));
}

/* ---- POST /plans/{id}/lines/{line}/delete ---- */

int bud_web_plan_line_remove(bud_req *req)
{
	struct bud_form fe;
	int64_t plan_id, line_id;
	bud_err err;
	int rc;

	if (bud_req_id(req, "id", &plan_id, &err) != BUD_OK ||
	    bud_req_id(req, "line", &line_id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &action_form, req->lang);
	rc = bud_plan_line_remove(req->app, &req->actor, plan_id, line_id, &err);
	return plan_post_done(req, plan_id, rc, &err, &fe, 422, NULL);
}

/* ---- POST /plans/{id}/propose, /discard: actions without fields ---- */

static int plan_action(bud_req *req,
		       int (*fn)(bud_app *, const bud_actor *, int64_t, bud_err *))
{
	struct bud_form fe;
	int64_t plan_id;
	bud_err err;
	int rc;

	if (bud_req_id(req, "id", &plan_id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &action_form, req->lang);
	bud_err_clear(&err);
	rc = fn(req->app, &req->actor, plan_id, &err);
	return plan_post_done(req, plan_id, rc, &err, &fe, 422, NULL);
}

int bud_web_plan_propose(bud_req *req)
{
	return plan_action(req, bud_plan_propose);
}

/* Discarding a draft cannot be undone: the form's box "I want to discard
 * this draft" must be ticked (works without script; the page says so when
 * it was not). */
int bud_web_plan_discard(bud_req *req)
{
	const char *confirm = bud_view_form_value(req, "confirm");
	struct bud_form fe;
	int64_t plan_id;
	bud_err err;
	int rc = BUD_OK;

	if (bud_req_id(req, "id", &plan_id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &discard_form, req->lang);
	bud_err_clear(&err);
	if (strcmp(confirm, "1") != 0) {
		bud_err_set(&err, BUD_EINVAL, "confirm", "err.confirm", "not confirmed");
		bud_form_add(&fe, &err, NULL);
		return plan_post_done(req, plan_id, BUD_OK, &err, &fe, 422, NULL);
	}
	rc = bud_plan_discard(req->app, &req->actor, plan_id, &err);
	if (rc == BUD_OK) {
		char loc[48];

		bud_form_release(&fe);
		snprintf(loc, sizeof loc, "/plans/%" PRId64, plan_id);
		return bud_form_done(req, loc, "plan_discarded");
	}
	return plan_post_done(req, plan_id, rc, &err, &fe, 422, NULL);
}

/* ---- the decision maker's forms ---- */

int bud_web_plan_return(bud_req *req)
{
	struct bud_form fe;
	const char *note = NULL;
	int64_t plan_id;
	bud_err err;
	int rc = BUD_OK;

	if (bud_req_id(req, "id", &plan_id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &return_form, req->lang);
	bud_err_clear(&err);
	if (!bud_form_check(&fe, bud_req_str(req, "note", 1, BUD_NOTE_MAX, &note, &err), &err))
		rc = bud_plan_return(req->app, &req->actor, plan_id, note, &err);
	return plan_post_done(req, plan_id, rc, &err, &fe, 422,
			      json_pack("{s:{s:s}}", "rf", "note",
					bud_view_form_value(req, "note")));
}

int bud_web_plan_approve(bud_req *req)
{
	struct bud_form fe;
	const char *password = NULL, *code = NULL;
	int64_t plan_id;
	bud_err err;
	int rc = BUD_OK;

	if (bud_req_id(req, "id", &plan_id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &approve_form, req->lang);
	bud_err_clear(&err);
	bud_form_check(&fe, bud_req_str(req, "code", 0, BUD_TOTP_INPUT_MAX, &code, &err), &err);
	if (!bud_form_check(&fe, bud_req_str(req, "password", 1, BUD_PASSWORD_MAX * 4,
						    &password, &err), &err) &&
	    !bud_form_count(&fe))
		rc = bud_plan_approve_2fa(req->app, &req->actor, plan_id, password,
					  code, &err);
	/* The password is never sent back. */
	return plan_post_done(req, plan_id, rc, &err, &fe, 422, NULL);
}

/* The end form's typed values, and with a last day that is a date, what
 * ending on it means: {last_day, last (shown), revoke_from (the next day,
 * shown)}, for the box the decision maker ticks. */
static json_t *end_typed(bud_req *req, const char *last_day)
{
	json_t *ef = json_pack("{s:s}", "last_day", bud_view_form_value(req, "last_day"));
	char next[BUD_DATE_BUF];
	int y, m, d;

	if (last_day && bud_date_parse(last_day, &y, &m, &d, NULL) == BUD_OK &&
	    bud_date_from_days(bud_date_days(y, m, d) + 1, &y, &m, &d) == BUD_OK &&
	    bud_date_format(y, m, d, next) == BUD_OK) {
		json_object_set_new(ef, "last", bud_view_date(last_day, req->lang));
		json_object_set_new(ef, "revoke_from", bud_view_date(next, req->lang));
	}
	return json_pack("{s:o}", "ef", ef);
}

/* Ending a decided plan revokes budget and ends the commitments: besides
 * the password (and the second factor), the box saying so must be ticked;
 * when it was not, the form shows again with what ending on the typed day
 * means (the budget revoked from the next day, the commitments ended on
 * it). */
int bud_web_plan_end(bud_req *req)
{
	struct bud_form fe;
	const char *last_day = NULL, *password = NULL, *code = NULL;
	int64_t plan_id;
	bud_err err;
	int rc = BUD_OK;

	if (bud_req_id(req, "id", &plan_id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &end_form, req->lang);
	bud_err_clear(&err);
	bud_form_check(&fe, bud_req_date(req, "last_day", 1, &last_day, &err), &err);
	bud_err_clear(&err);
	bud_form_check(&fe, bud_req_str(req, "code", 0, BUD_TOTP_INPUT_MAX, &code, &err), &err);
	bud_err_clear(&err);
	bud_form_check(&fe, bud_req_str(req, "password", 1, BUD_PASSWORD_MAX * 4,
					 &password, &err), &err);
	if (strcmp(bud_view_form_value(req, "confirm"), "1") != 0) {
		bud_err_set(&err, BUD_EINVAL, "confirm", "err.confirm", "not confirmed");
		bud_form_add(&fe, &err, NULL);
	}
	bud_err_clear(&err);
	if (!bud_form_count(&fe))
		rc = bud_plan_end_2fa(req->app, &req->actor, plan_id, last_day,
				      password, code, &err);
	return plan_post_done(req, plan_id, rc, &err, &fe, 422, end_typed(req, last_day));
}

/* ---- GET /plans/{id}/decision ---- */

/* The decision's language: the plan's (fixed at approval), else the
 * client's, else the page's. */
static const char *decision_lang(bud_req *req, json_t *v)
{
	const char *l = bud_view_str(v, "lang");

	if (!bud_lang_valid(l))
		l = bud_view_str(json_object_get(v, "client"), "lang");
	if (!bud_lang_valid(l))
		l = req->lang;
	/* A literal: a string of v would not outlive v. */
	return strcmp(l, "sv") == 0 ? "sv" : strcmp(l, "en") == 0 ? "en" : "fi";
}

/* The organiser's details a decision in lang prints (app/settings.h):
 * the Swedish texts for sv, the Finnish ones otherwise. */
static json_t *registry_model(json_t *org, const char *lang)
{
	int sv = strcmp(lang, "sv") == 0;

	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I}",
		"address", bud_view_str(org, sv ? "registry_address_sv" : "registry_address"),
		"email", bud_view_str(org, "registry_email"),
		"phone", bud_view_str(org, "registry_phone"),
		"hours", bud_view_str(org, sv ? "registry_hours_sv" : "registry_hours"),
		"court", bud_view_str(org, sv ? "appeal_name_sv" : "appeal_name_fi"),
		"court_address", bud_view_str(org, sv ? "appeal_address_sv" : "appeal_address_fi"),
		"logo", json_integer_value(json_object_get(org, "logo_version")));
}

static json_t *decision_model(bud_req *req, json_t *v, const char *lang)
{
	json_t *m = plan_facts(v, lang), *client = json_object_get(v, "client");

	json_t *org = json_object_get(v, "organiser");

	json_object_set_new(m, "organiser", json_string(bud_view_lang_name(org, lang)));
	json_object_set_new(m, "registry", registry_model(org, lang));
	json_object_set_new(m, "hetu", json_string(bud_view_str(client, "hetu")));
	json_object_set_new(m, "address", json_string(bud_view_str(client, "address")));
	json_object_set_new(m, "municipality",
			    bud_view_municipality(bud_view_str(client, "municipality"), lang));
	json_object_set_new(m, "client_easy", json_boolean(json_is_true(json_object_get(client, "easy_read"))));
	json_object_set_new(m, "approved_date",
			    bud_view_date(bud_view_str(v, "approved_date"), lang));
	json_object_set_new(m, "closed",
			    json_boolean(!bud_plan_in_force(
				    bud_plan_state_parse(bud_view_str(v, "state")))));
	if (strcmp(lang, req->lang) != 0) {
		json_object_set_new(m, "lang_note", json_string(bud_msg(req->lang,
			(req->actor.role & BUD_ROLE_CLIENT) ? "planweb.dec.lang_note_self" :
			(req->actor.role & BUD_ROLE_REPRESENTATIVE) ? "planweb.dec.lang_note_rep" :
			"planweb.dec.lang_note")));
		json_object_set_new(m, "user_lang", json_string(req->lang));
	}
	return m;
}

json_t *bud_web_decision_model(bud_req *req, const char **lang, bud_err *err)
{
	json_t *v = NULL, *m;
	int64_t plan_id;

	if (bud_req_id(req, "id", &plan_id, err) != BUD_OK ||
	    bud_plan_decision(req->app, &req->actor, plan_id, &v, err) != BUD_OK)
		return NULL;
	*lang = decision_lang(req, v);
	m = decision_model(req, v, *lang);
	json_decref(v);
	return m;
}

int bud_web_plan_decision(bud_req *req)
{
	const char *page_lang = req->lang, *lang = NULL;
	json_t *m;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (!(m = bud_web_decision_model(req, &lang, &err)))
		return bud_resp_error(req, &err);
	/* the client's own pages have an easy-to-read version (web/guide.h) */
	if (req->actor.role & (BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE))
		json_object_set_new(m, "easy_page", json_true());
	/* the document in its language, the page around it in the reader's */
	json_object_set_new(m, "content_lang", json_string(lang));
	json_object_set_new(m, "doc_lang", json_string(lang));
	json_object_set_new(m, "ui_pdf", json_string(bud_msg(page_lang, "planweb.dec.pdf")));
	json_object_set_new(m, "ui_print_hint",
			    json_string(bud_msg(page_lang, "planweb.dec.print_hint")));
	json_object_set_new(m, "ui_back", json_string(bud_msg(page_lang, "planweb.back_plan")));
	rc = bud_web_page(req, 200, "plan_decision", "planweb.decision.title", m);
	return rc;
}

/* ---- GET /decisions ---- */

int bud_web_plan_proposed(bud_req *req)
{
	json_t *v = NULL, *items, *p, *m;
	struct bud_page pg;
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) != BUD_OK ||
	    bud_plan_list_proposed(req->app, &req->actor, &pg, &v, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	items = json_array();
	json_array_foreach(jitems(v), i, p) {
		json_array_append_new(items, json_pack("{s:I, s:o, s:s, s:o, s:o, s:o, s:o, s:o}",
			"id", (json_int_t)bud_view_int(p, "id"),
			"client_name", bud_view_person_name(json_object_get(p, "client")),
			"drafted_by", bud_view_str(json_object_get(p, "drafted_by"), "name"),
			"proposed", bud_view_unix_date(bud_view_int(p, "proposed_at"), req->lang),
			"from", bud_view_date(bud_view_str(p, "valid_from"), req->lang),
			"to", bud_view_date(bud_view_str(p, "valid_to"), req->lang),
			"monthly", bud_view_money(bud_view_int(p, "total_monthly"), req->lang),
			"period", bud_view_money(bud_view_int(p, "total_period"), req->lang)));
	}
	json_decref(v);
	m = json_pack("{s:b, s:o}", "has_items", json_array_size(items) > 0, "items", items);
	bud_web_pager(m, "/decisions", NULL, &pg, pg.at + 1, json_array_size(items));
	return bud_web_page(req, 200, "plan_proposed", "planweb.decisions.title", m);
}

/* ---- GET /reviews ---- */

int bud_web_plan_reviews(bud_req *req)
{
	json_t *v = NULL, *items, *p, *m;
	struct bud_page pg;
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) != BUD_OK ||
	    bud_plan_reviews_due(req->app, &req->actor, BUD_REVIEW_SOON_DAYS, &pg, &v,
				 &err) != BUD_OK)
		return bud_resp_error(req, &err);
	items = json_array();
	json_array_foreach(jitems(v), i, p) {
		json_array_append_new(items, json_pack("{s:I, s:o, s:o, s:b, s:o}",
			"plan_id", (json_int_t)bud_view_int(p, "plan_id"),
			"client_name", bud_view_person_name(json_object_get(p, "client")),
			"review", bud_view_date(bud_view_str(p, "review_date"), req->lang),
			"overdue", json_is_true(json_object_get(p, "overdue")),
			"valid_to", bud_view_date(bud_view_str(p, "valid_to"), req->lang)));
	}
	json_decref(v);
	m = json_pack("{s:b, s:o, s:i}", "has_items", json_array_size(items) > 0,
		      "items", items, "days", BUD_REVIEW_SOON_DAYS);
	bud_web_pager(m, "/reviews", NULL, &pg, pg.at + 1, json_array_size(items));
	return bud_web_page(req, 200, "plan_reviews", "planweb.reviews.title", m);
}
