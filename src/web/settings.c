/*
 * web/settings.c: GET and POST /settings over app/settings.h (the
 * organiser's details every decision and the accessibility statement
 * print, the logo, and the windows for disputes and charging), with the
 * form toolkit (web/form.h) for errors. The text fields are those of
 * bud_settings_defs, in its order and groups; the page lists what is still
 * missing, and a decision cannot be approved until it is set.
 */
#include <stdio.h>
#include <string.h>

#include "app/invoice.h"
#include "app/settings.h"
#include "bud_limits.h"
#include "core/i18n.h"
#include "web/form.h"
#include "web/settings.h"
#include "web/usage.h"
#include "web/view.h"
#include "web/web.h"

static const char *const groups[] = {"registry", "appeal", "a11y"};

/* The form of the texts and the dispute window, declared from
 * bud_settings_defs (in req's memory). */
static const struct bud_form_def *settings_form(bud_req *req)
{
	struct bud_form_def *def = bud_req_alloc(req, sizeof(*def));
	struct bud_form_field *f = bud_req_alloc(req, (BUD_SETTINGS_N + 2) * sizeof(*f));
	char key[64];
	size_t i;

	for (i = 0; i < BUD_SETTINGS_N; i++) {
		snprintf(key, sizeof key, "settings.%s", bud_settings_defs[i].name);
		f[i].name = f[i].id = bud_settings_defs[i].name;
		f[i].label = bud_req_strdup(req, key);
		f[i].anchor = NULL;
	}
	f[i] = (struct bud_form_field){"dispute_days", "dispute_days", "evweb.settings.days",
				       NULL};
	f[i + 1] = (struct bud_form_field){NULL, NULL, NULL, NULL};
	def->id = "settings-form";
	def->fields = f;
	return def;
}

static const struct bud_form_field charging_fields[] = {
	{"charge_days", "charge_days", "invweb.charge_days", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def charging_form = {"charging-form", charging_fields};
static const struct bud_form_field logo_fields[] = {
	{"logo", "logo", "settings.logo", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def logo_form = {"logo-form", logo_fields};

/* One text field of the page: name, label, hint, value, its error. */
static json_t *field_model(bud_req *req, size_t i, json_t *m)
{
	const struct bud_setting_def *d = &bud_settings_defs[i];
	json_t *err = json_object_get(json_object_get(m, "invalid"), d->name);
	char key[64];
	const char *hint;
	json_t *f;

	snprintf(key, sizeof key, "settings.%s", d->name);
	f = json_pack("{s:s, s:s, s:O}", "name", d->name, "label", bud_msg(req->lang, key),
		      "value", json_object_get(m, d->name) ? json_object_get(m, d->name) :
		      json_string(""));
	snprintf(key, sizeof key, "settings.hint.%s", d->name);
	hint = bud_msg(req->lang, key);
	if (hint != key)	/* bud_msg hands back the key when it has no text */
		json_object_set_new(f, "hint", json_string(hint));
	json_object_set_new(f, "email", json_boolean(d->kind == BUD_SETTING_EMAIL));
	json_object_set_new(f, "tel", json_boolean(d->kind == BUD_SETTING_PHONE));
	/* false, not absent: {{#error}} must not find another context's */
	json_object_set_new(f, "error", err ? json_incref(err) : json_false());
	json_object_set_new(f, "hint", json_object_get(f, "hint") ?
			    json_incref(json_object_get(f, "hint")) : json_false());
	return f;
}

/* The fieldsets, and the labels of what is missing. */
static void fields_model(bud_req *req, json_t *m)
{
	json_t *gs = json_array(), *missing = json_array(), *name;
	char key[64];
	size_t g, i;

	for (g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		json_t *fs = json_array();

		for (i = 0; i < BUD_SETTINGS_N; i++)
			if (strcmp(bud_settings_defs[i].group, groups[g]) == 0)
				json_array_append_new(fs, field_model(req, i, m));
		snprintf(key, sizeof key, "settings.%s", groups[g]);
		json_array_append_new(gs, json_pack("{s:s, s:s, s:o}", "id", groups[g],
						    "legend", bud_msg(req->lang, key),
						    "fields", fs));
	}
	json_array_foreach(json_object_get(m, "missing"), i, name) {
		snprintf(key, sizeof key, "settings.%s", json_string_value(name));
		json_array_append_new(missing, json_pack("{s:s, s:s}", "name",
			json_string_value(name), "label", bud_msg(req->lang, key)));
	}
	json_object_set_new(m, "has_missing", json_boolean(json_array_size(missing) > 0));
	json_object_set_new(m, "has_logo", json_boolean(
		json_integer_value(json_object_get(m, "logo_version")) > 0));
	json_object_set_new(m, "groups", gs);
	json_object_set_new(m, "missing_items", missing);
}

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
	fields_model(req, m);
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

/* The stored settings with the posted texts over them (a failed save). */
static json_t *posted_model(bud_req *req, const struct bud_settings *s, bud_err *err)
{
	json_t *m = NULL;
	size_t i;

	if (bud_settings_get(req->app, &req->actor, &m, err) != BUD_OK)
		return NULL;
	for (i = 0; i < BUD_SETTINGS_N; i++)
		json_object_set_new(m, bud_settings_defs[i].name,
				    json_string(s->text[i] ? s->text[i] : ""));
	json_object_set_new(m, "dispute_days",
			    json_string(bud_view_form_value(req, "dispute_days")));
	return m;
}

int bud_web_settings_save(bud_req *req)
{
	const struct bud_form_def *def = settings_form(req);
	struct bud_settings s = {0};
	struct bud_form fe;
	int64_t days = 0;
	json_t *m;
	bud_err err;
	size_t i;
	int bad = 0;

	bud_err_clear(&err);
	bud_form_init(&fe, def, req->lang);
	for (i = 0; i < BUD_SETTINGS_N; i++)
		bad |= bud_form_check(&fe, bud_req_str(req, bud_settings_defs[i].name, 0,
						       BUD_NAME_MAX, &s.text[i], &err), &err);
	bad |= bud_form_check(&fe, bud_req_i64(req, "dispute_days", 1, 1,
					       BUD_DISPUTE_DAYS_MAX, &days, &err), &err);
	s.dispute_days = (int)days;
	if (!bad && bud_settings_set(req->app, &req->actor, &s, &err) == BUD_OK) {
		bud_form_release(&fe);
		return bud_form_done(req, "/settings", "settings");
	}
	if (!bad)
		bud_form_add(&fe, &err, NULL);
	if (!(m = posted_model(req, &s, &err))) {
		bud_form_release(&fe);
		return bud_resp_error(req, &err);
	}
	bud_form_model(&fe, m);
	bud_form_release(&fe);
	return page(req, 422, m);
}

/* A failed form of the page other than the texts: the stored settings,
 * with over them what extra holds (stolen) and the errors of fe. */
static int other_failed(bud_req *req, struct bud_form *fe, json_t *extra)
{
	json_t *m = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_settings_get(req->app, &req->actor, &m, &err) != BUD_OK) {
		bud_form_release(fe);
		json_decref(extra);
		return bud_resp_error(req, &err);
	}
	json_object_update(m, extra);
	json_decref(extra);
	bud_form_model(fe, m);
	bud_form_release(fe);
	return page(req, 422, m);
}

int bud_web_settings_charging(bud_req *req)
{
	struct bud_form fe;
	const char *raw = bud_view_form_value(req, "charge_days");
	int64_t days = -1;
	bud_err err;

	bud_err_clear(&err);
	bud_form_init(&fe, &charging_form, req->lang);
	if (!bud_form_check(&fe, bud_req_i64(req, "charge_days", 1, 0, 730, &days, &err),
			    &err) &&
	    bud_invoice_charge_days_set(req->app, &req->actor, days, &err) == BUD_OK) {
		bud_form_release(&fe);
		return bud_form_done(req, "/settings", "charging");
	}
	if (bud_form_count(&fe) == 0)
		bud_form_add(&fe, &err, "charge_days");
	return other_failed(req, &fe, json_pack("{s:s}", "charge_days", raw ? raw : ""));
}

int bud_web_settings_logo(bud_req *req)
{
	const struct bud_upload *up = bud_req_file(req, "logo");
	const char *rm = bud_view_form_value(req, "remove");
	int remove = rm && rm[0];
	struct bud_form fe;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	bud_form_init(&fe, &logo_form, req->lang);
	if (remove)
		rc = bud_settings_set_logo(req->app, &req->actor, NULL, 0, &err);
	else if (!up || up->len == 0)
		rc = bud_err_set(&err, BUD_EINVAL, "logo", "err.settings.logo", "no file");
	else
		rc = bud_settings_set_logo(req->app, &req->actor, up->data, up->len, &err);
	if (rc == BUD_OK) {
		bud_form_release(&fe);
		return bud_form_done(req, "/settings", remove ? "logo_removed" : "logo");
	}
	bud_form_add(&fe, &err, "logo");
	return other_failed(req, &fe, json_object());
}

int bud_web_organiser_logo(bud_req *req)
{
	bud_buf png;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	bud_buf_init(&png, BUD_LOGO_BYTES_MAX);
	rc = bud_settings_logo(req->app, req->actor.user_id ? &req->actor : NULL, &png, &err);
	if (rc == BUD_OK) {
		bud_resp_header(req, "Cache-Control", "public, max-age=86400");
		rc = bud_resp_text(req, 200, "image/png", png.data, png.len);
	} else {
		rc = bud_resp_error(req, &err);
	}
	bud_buf_free(&png);
	return rc;
}
