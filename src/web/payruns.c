/*
 * web/payruns.c: the payment-run and remittance pages (web/payruns.h),
 * without script. A refused step shows its page again with the form
 * toolkit's errors (web/form.h); the bank's notice, pasted into a text
 * area, answers on the run's page with what it settled.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/payrun.h"
#include "bud_limits.h"
#include "core/i18n.h"
#include "web/form.h"
#include "web/payruns.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field run_fields[] = {
	{"execution_date", "run-date", "prweb.execution_date", NULL},
	{"payments", "run-date", "prweb.execution_date", NULL},
	{"password", "run-password", "invweb.approve.password", NULL},
	{"code", "run-code", "planweb.approve.code", NULL},
	{"approved_by", "run-password", "invweb.approve.password", NULL},
	{"camt054", "run-camt", "prweb.camt.label", NULL},
	{"xml", "run-camt", "prweb.camt.label", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def run_form = {"run-form", run_fields};

static json_t *run_model(json_t *v, const char *lang)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:I, s:s}",
		"id", (json_int_t)bud_view_int(v, "id"),
		"state", bud_view_word(lang, "prweb.state.", bud_view_str(v, "state"), ""),
		"msg_id", bud_view_str(v, "msg_id"),
		"date", bud_view_date(bud_view_str(v, "execution_date"), lang),
		"total", bud_view_money(bud_view_int(v, "total"), lang),
		"count", (json_int_t)bud_view_int(v, "payments_count"),
		"camt", bud_view_str(v, "camt_msg_id"));
}

static json_t *payments_model(json_t *pays, const char *lang)
{
	json_t *arr = json_array(), *p;
	size_t i;

	json_array_foreach(pays, i, p)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s}",
			"number", bud_view_str(p, "number"),
			"reference", bud_view_str(p, "reference"),
			"provider", bud_view_str(json_object_get(p, "provider"), "name"),
			"amount", bud_view_money(bud_view_int(p, "amount"), lang),
			"e2e", bud_view_str(p, "end_to_end_id"),
			"state", bud_view_word(lang, "prweb.pay.", bud_view_str(p, "state"), ""),
			"code", bud_view_str(p, "return_code"),
			"info", bud_view_str(p, "return_info")));
	return arr;
}

static int list_page(bud_req *req, int status, struct bud_form *form)
{
	json_t *out = NULL, *rows, *it, *m;
	struct bud_page pg;
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_payrun_list(req->app, &req->actor, &pg, &out, &err)) {
		bud_form_release(form);
		return bud_resp_error(req, &err);
	}
	rows = json_array();
	json_array_foreach(out, i, it)
		json_array_append_new(rows, run_model(it, req->lang));
	m = json_pack("{s:o, s:b}", "rows", rows, "none", json_array_size(out) == 0);
	bud_web_pager(m, "/payment-runs", NULL, &pg, pg.at + 1, json_array_size(out));
	json_decref(out);
	if (form)
		bud_form_model(form, m);
	return bud_web_page(req, status, "pr_list", "prweb.list.title", m);
}

int bud_web_payruns(bud_req *req)
{
	return list_page(req, 200, NULL);
}

int bud_web_payrun_create(bud_req *req)
{
	struct bud_form form;
	const char *day = NULL;
	char where[48];
	int64_t id = 0;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	bud_form_init(&form, &run_form, req->lang);
	rc = bud_req_date(req, "execution_date", 0, &day, &err);
	if (rc == BUD_OK)
		rc = bud_payrun_create(req->app, &req->actor, day, &id, &err);
	if (rc == BUD_OK) {
		bud_form_release(&form);
		snprintf(where, sizeof where, "/payment-runs/%" PRId64, id);
		return bud_resp_redirect(req, where);
	}
	if (bud_view_page_error(err.code)) {
		bud_form_release(&form);
		return bud_resp_error(req, &err);
	}
	bud_form_add(&form, &err, "execution_date");
	return list_page(req, bud_view_form_status(err.code), &form);
}

/* The run's page; report (may be NULL, stolen) what a notice settled. */
static int show_page(bud_req *req, int64_t id, int status, struct bud_form *form,
		     json_t *report, const char *notice)
{
	json_t *v = NULL, *m;
	bud_err err;

	bud_err_clear(&err);
	if (bud_payrun_get(req->app, &req->actor, id, &v, &err) != BUD_OK) {
		bud_form_release(form);
		json_decref(report);
		return bud_resp_error(req, &err);
	}
	m = run_model(v, req->lang);
	json_object_set_new(m, "payments", payments_model(json_object_get(v, "payments"),
							  req->lang));
	json_object_set(m, "can", json_object_get(v, "can"));
	json_object_set_new(m, "approved", json_boolean(
		strcmp(bud_view_str(v, "state"), "approved") == 0));
	if (report) {
		json_object_set_new(m, "report", json_pack("{s:o, s:o, s:o}",
			"paid", payments_model(json_object_get(report, "paid"), req->lang),
			"returned", payments_model(json_object_get(report, "returned"), req->lang),
			"unknown", json_object_get(report, "unknown") ?
			json_incref(json_object_get(report, "unknown")) : json_array()));
		json_decref(report);
	}
	if (notice)
		json_object_set_new(m, "notice", json_string(bud_msg(req->lang, notice)));
	json_decref(v);
	if (form)
		bud_form_model(form, m);
	return bud_web_page(req, status, "pr_show", "prweb.show.title", m);
}

int bud_web_payrun_show(bud_req *req)
{
	int64_t id;
	int done = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_req_bool(req, "approved", &done, &err);
	return show_page(req, id, 200, NULL, NULL, done ? "prweb.notice.approved" : NULL);
}

int bud_web_payrun_approve(bud_req *req)
{
	struct bud_form form;
	const char *password = NULL, *code = NULL;
	char where[64];
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &run_form, req->lang);
	rc = bud_req_str(req, "password", 1, BUD_PASSWORD_MAX, &password, &err);
	if (rc == BUD_OK)
		rc = bud_req_str(req, "code", 0, BUD_TOTP_INPUT_MAX, &code, &err);
	if (rc == BUD_OK)
		rc = bud_payrun_approve(req->app, &req->actor, id, password, code, &err);
	if (rc == BUD_OK) {
		bud_form_release(&form);
		snprintf(where, sizeof where, "/payment-runs/%" PRId64 "?approved=1", id);
		return bud_resp_redirect(req, where);
	}
	if (bud_view_page_error(err.code)) {
		bud_form_release(&form);
		return bud_resp_error(req, &err);
	}
	bud_form_add(&form, &err, "password");
	return show_page(req, id, bud_view_form_status(err.code), &form, NULL, NULL);
}

int bud_web_payrun_camt054(bud_req *req)
{
	struct bud_form form;
	const char *xml = NULL;
	json_t *report = NULL, *problems = NULL;
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &run_form, req->lang);
	rc = bud_req_str(req, "xml", 1, BUD_MAX_FIELD_VALUE, &xml, &err);
	if (rc == BUD_OK)
		rc = bud_payrun_camt054(req->app, &req->actor, id, xml, strlen(xml),
					&report, &problems, &err);
	json_decref(problems);
	if (rc == BUD_OK) {
		bud_form_release(&form);
		return show_page(req, id, 200, NULL, report,
				 json_integer_value(json_object_get(report, "settled")) ?
				 "prweb.notice.camt" : "prweb.notice.camt_none");
	}
	if (bud_view_page_error(err.code)) {
		bud_form_release(&form);
		return bud_resp_error(req, &err);
	}
	bud_form_add(&form, &err, "xml");
	return show_page(req, id, bud_view_form_status(err.code), &form, NULL, NULL);
}

int bud_web_remittance(bud_req *req)
{
	json_t *out = NULL, *rows, *it, *m;
	struct bud_page pg;
	char path[64];
	int64_t id;
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) || bud_req_page(req, &pg, &err) ||
	    bud_payrun_remittance(req->app, &req->actor, id, &pg, &out, &err))
		return bud_resp_error(req, &err);
	rows = json_array();
	json_array_foreach(out, i, it)
		json_array_append_new(rows, json_pack("{s:I, s:o, s:s, s:s, s:I, s:I, s:o, "
			"s:o, s:o, s:s, s:s}", "run", (json_int_t)bud_view_int(it, "run_id"),
			"date", bud_view_date(bud_view_str(it, "execution_date"), req->lang),
			"number", bud_view_str(it, "number"),
			"reference", bud_view_str(it, "reference"),
			"position", (json_int_t)bud_view_int(it, "position"),
			"commitment", (json_int_t)bud_view_int(it, "commitment_id"),
			"from", bud_view_date(bud_view_str(it, "period_from"), req->lang),
			"to", bud_view_date(bud_view_str(it, "period_to"), req->lang),
			"amount", bud_view_money(bud_view_int(it, "amount"), req->lang),
			"state", bud_view_word(req->lang, "prweb.pay.", bud_view_str(it, "state"), ""),
			"booked", bud_view_str(it, "booked_on")));
	m = json_pack("{s:o, s:b, s:I}", "rows", rows, "none", json_array_size(out) == 0,
		      "provider_id", (json_int_t)id);
	snprintf(path, sizeof path, "/providers/%" PRId64 "/remittance", id);
	bud_web_pager(m, path, NULL, &pg, pg.at + 1, json_array_size(out));
	json_decref(out);
	return bud_web_page(req, 200, "pr_remittance", "prweb.remit.title", m);
}
