/*
 * web/settings.c: GET and POST /settings over app/settings.h (the
 * registry office, the accessibility address and the dispute window for
 * service events), with the form toolkit (web/form.h) for errors.
 */
#include "app/invoice.h"
#include "app/settings.h"
#include "bud_limits.h"
#include "web/usage.h"
#include "web/form.h"
#include "web/settings.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field fields[] = {
	{"registry_address", "registry_address", "settings.registry_address", NULL},
	{"registry_email", "registry_email", "settings.registry_email", NULL},
	{"registry_hours", "registry_hours", "settings.registry_hours", NULL},
	{"a11y_email", "a11y_email", "settings.a11y_email", NULL},
	{"dispute_days", "dispute_days", "evweb.settings.days", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def form = {"settings-form", fields};
static const struct bud_form_field charging_fields[] = {
	{"charge_days", "charge_days", "invweb.charge_days", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def charging_form = {"charging-form", charging_fields};

/* The page with model m; the charging window is read in unless m has it. */
static int page(bud_req *req, int status, json_t *m)
{
	int64_t days = 0;
	bud_err err;

	bud_err_clear(&err);
	if (!json_object_get(m, "charge_days")) {
		if (bud_invoice_charge_days(req->app, &req->actor, &days, &err) != BUD_OK) {
			json_decref(m);
			return bud_resp_error(req, &err);
		}
		json_object_set_new(m, "charge_days", json_integer(days));
	}
	bud_web_usage_settings_model(req, m);	/* the usage alerts' thresholds */
	return bud_web_page(req, status, "settings", "settings.title", m);
}

int bud_web_settings(bud_req *req)
{
	json_t *m = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_settings_get(req->app, &req->actor, &m, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return page(req, 200, m);
}

int bud_web_settings_save(bud_req *req)
{
	struct bud_settings s = {0};
	struct bud_form fe;
	int64_t days = 0;
	json_t *m;
	bud_err err;
	int bad = 0;

	bud_err_clear(&err);
	bud_form_init(&fe, &form, req->lang);
	bad |= bud_form_check(&fe, bud_req_str(req, "registry_address", 0, BUD_NAME_MAX,
					       &s.registry_address, &err), &err);
	bad |= bud_form_check(&fe, bud_req_str(req, "registry_email", 0, BUD_NAME_MAX,
					       &s.registry_email, &err), &err);
	bad |= bud_form_check(&fe, bud_req_str(req, "registry_hours", 0, BUD_NAME_MAX,
					       &s.registry_hours, &err), &err);
	bad |= bud_form_check(&fe, bud_req_str(req, "a11y_email", 0, BUD_NAME_MAX,
					       &s.a11y_email, &err), &err);
	bad |= bud_form_check(&fe, bud_req_i64(req, "dispute_days", 1, 1,
					       BUD_DISPUTE_DAYS_MAX, &days, &err), &err);
	s.dispute_days = (int)days;
	if (!bad && bud_settings_set(req->app, &req->actor, &s, &err) == BUD_OK) {
		bud_form_release(&fe);
		return bud_resp_redirect(req, "/settings?saved=1");
	}
	if (!bad)
		bud_form_add(&fe, &err, NULL);
	m = json_pack("{s:s, s:s, s:s, s:s, s:s}", "registry_address", s.registry_address ?
		      s.registry_address : "", "registry_email", s.registry_email ?
		      s.registry_email : "", "registry_hours", s.registry_hours ?
		      s.registry_hours : "", "a11y_email", s.a11y_email ? s.a11y_email : "",
		      "dispute_days", bud_view_form_value(req, "dispute_days"));
	bud_form_model(&fe, m);
	bud_form_release(&fe);
	return page(req, 422, m);
}

int bud_web_settings_charging(bud_req *req)
{
	struct bud_form fe;
	const char *raw = bud_view_form_value(req, "charge_days");
	int64_t days = -1;
	json_t *m = NULL;
	bud_err err;

	bud_err_clear(&err);
	bud_form_init(&fe, &charging_form, req->lang);
	if (!bud_form_check(&fe, bud_req_i64(req, "charge_days", 1, 0, 730, &days, &err),
			    &err) &&
	    bud_invoice_charge_days_set(req->app, &req->actor, days, &err) == BUD_OK) {
		bud_form_release(&fe);
		return bud_resp_redirect(req, "/settings?saved=1");
	}
	if (bud_form_count(&fe) == 0)
		bud_form_add(&fe, &err, "charge_days");
	if (bud_settings_get(req->app, &req->actor, &m, &err) != BUD_OK) {
		bud_form_release(&fe);
		return bud_resp_error(req, &err);
	}
	json_object_set_new(m, "charge_days", json_string(raw ? raw : ""));
	bud_form_model(&fe, m);
	bud_form_release(&fe);
	return page(req, 422, m);
}
