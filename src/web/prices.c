/*
 * web/prices.c: the price list page and its forms (see web/prices.h).
 * Decodes the query and the forms, calls app/price.h, and renders
 * templates/prices.html: the table of prices (names in the page language,
 * amounts by bud_money_format, units and instruments in words), a date
 * chooser, and for admin and finance the add and import forms; a refused
 * form's errors as web/form.h shows them (every field of the add form is
 * checked on its own, so all are listed at once). After a change the browser is sent back to /prices with
 * what happened in the query (saved=1, or added=N&skipped=M).
 */
#include <stdio.h>
#include <string.h>

#include "app/price.h"
#include "bud_limits.h"
#include "core/date.h"
#include "core/i18n.h"
#include "web/form.h"
#include "web/prices.h"
#include "web/view.h"
#include "web/web.h"

/* What the page shows besides the list: the typed values and errors of a
 * refused form, or the notice after a change. */
struct page_state {
	const char *date;	/* canonical, or NULL for today */
	int all;
	const char *service, *unit, *unit_price, *instrument, *valid_from, *valid_to;
	const char *csv;
	struct bud_form form;	/* the errors of the form sent, owned */
	json_t *notice;		/* {text, added?, skipped?} or NULL, owned */
};

static const struct bud_form_field date_fields[] = {
	{"date", "date", "prices.date.label", NULL}, {NULL, NULL, NULL, NULL},
};
static const struct bud_form_field add_fields[] = {
	{"service", "service", "prices.field.service", NULL},
	{"unit", "unit", "prices.field.unit", NULL},
	{"unit_price", "unit_price", "prices.field.unit_price", NULL},
	{"instrument", "instrument", "prices.field.instrument", NULL},
	{"valid_from", "valid_from", "prices.field.valid_from", NULL},
	{"valid_to", "valid_to", "prices.field.valid_to", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_field import_fields[] = {
	{"csv", "csv", "prices.import.field", NULL}, {NULL, NULL, NULL, NULL},
};
static const struct bud_form_def date_form = {"price-date", date_fields};
static const struct bud_form_def add_form = {"price-form", add_fields};
static const struct bud_form_def import_form = {"price-import-form", import_fields};

/* Start the page state of a request for the form def. */
static void state_init(bud_req *req, struct page_state *ps,
		       const struct bud_form_def *def)
{
	memset(ps, 0, sizeof(*ps));
	bud_form_init(&ps->form, def, req->lang);
}

static int can_edit(const bud_req *req)
{
	return (req->actor.role & (BUD_ROLE_ADMIN | BUD_ROLE_FINANCE)) != 0;
}

/* The rows of the table from the app's price views. */
static json_t *table_rows(bud_req *req, json_t *items)
{
	json_t *rows = json_array(), *it;
	size_t i;

	json_array_foreach(items, i, it) {
		json_t *to = json_object_get(it, "valid_to");

		json_array_append_new(rows, json_pack("{s:s, s:s, s:o, s:s, s:o, s:o, s:I}",
			"service", bud_view_lang_name(json_object_get(it, "service"), req->lang),
			"unit", bud_view_word(req->lang, "price.unit.",
					      bud_view_str(it, "unit"), ""),
			"unit_price", bud_view_money(bud_view_int(it, "unit_price"), req->lang),
			"instrument", bud_view_word(req->lang, "price.instrument.",
						    bud_view_str(it, "instrument"), ""),
			"valid_from", bud_view_date(bud_view_str(it, "valid_from"), req->lang),
			"valid_to", json_is_string(to) ? bud_view_date(json_string_value(to), req->lang) :
				    json_string(bud_msg(req->lang, "prices.open_ended")),
			"version", json_integer_value(json_object_get(it, "version"))));
	}
	return rows;
}

/* <option>s of a select: value, label, selected. */
static json_t *options(bud_req *req, const char *const *values, const char *prefix,
		       const char *chosen)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; values[i]; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", values[i],
			"label", bud_view_word(req->lang, prefix, values[i], ""),
			"selected", chosen && strcmp(chosen, values[i]) == 0));
	return arr;
}

static json_t *service_options(bud_req *req, const char *chosen)
{
	json_t *arr = json_array(), *list = NULL, *it;
	bud_err err;
	size_t i;

	if (bud_price_services(req->app, &req->actor, &list, &err) != BUD_OK)
		return arr;
	json_array_foreach(json_object_get(list, "items"), i, it) {
		const char *code = json_string_value(json_object_get(it, "code"));

		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", code,
			"label", bud_view_lang_name(it, req->lang),
			"selected", chosen && strcmp(chosen, code) == 0));
	}
	json_decref(list);
	return arr;
}

/* The form part of the model: selects, typed values, the errors. */
static void form_model(bud_req *req, json_t *m, struct page_state *ps)
{
	json_object_set_new(m, "can_edit", json_boolean(can_edit(req)));
	if (can_edit(req)) {
		json_object_set_new(m, "services", service_options(req, ps->service));
		json_object_set_new(m, "units", options(req, bud_price_units,
							"price.unit.", ps->unit));
		json_object_set_new(m, "instruments", options(req, bud_price_instruments,
							      "price.instrument.",
							      ps->instrument));
		json_object_set_new(m, "form", json_pack("{s:s, s:s, s:s, s:s}",
			"unit_price", ps->unit_price ? ps->unit_price : "",
			"valid_from", ps->valid_from ? ps->valid_from : "",
			"valid_to", ps->valid_to ? ps->valid_to : "",
			"csv", ps->csv ? ps->csv : ""));
	}
	bud_form_model(&ps->form, m);
}

static int render(bud_req *req, int status, struct page_state *ps)
{
	json_t *list = NULL, *m;
	char href[64];
	const char *day;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	rc = bud_price_list(req->app, &req->actor, ps->date, ps->all, &list, &err);
	if (rc != BUD_OK) {
		bud_form_release(&ps->form);
		json_decref(ps->notice);
		return bud_resp_error(req, &err);
	}
	day = json_string_value(json_object_get(list, "date"));
	snprintf(href, sizeof(href), "/prices/export.csv?date=%s", day);
	m = json_pack("{s:o, s:b, s:o, s:b, s:s}", "date", bud_form_date(day, req->lang),
		      "all", ps->all,
		      "rows", table_rows(req, json_object_get(list, "items")),
		      "none", json_array_size(json_object_get(list, "items")) == 0,
		      "export_href", href);
	json_decref(list);
	form_model(req, m, ps);
	if (ps->notice)
		json_object_set(m, "notice", ps->notice);
	json_decref(ps->notice);
	return bud_web_page(req, status, "prices", "prices.title", m);
}

int bud_web_prices(bud_req *req)
{
	struct page_state ps;
	int64_t added = -1, skipped = -1;
	int saved = 0;
	bud_err err;

	state_init(req, &ps, &date_form);
	bud_err_clear(&err);
	if (bud_form_check(&ps.form, bud_req_date(req, "date", 0, &ps.date, &err), &err))
		ps.date = NULL;
	bud_req_bool(req, "all", &ps.all, &err);
	bud_req_bool(req, "saved", &saved, &err);
	bud_req_i64(req, "added", 0, 0, BUD_CSV_MAX_ROWS, &added, &err);
	bud_req_i64(req, "skipped", 0, 0, BUD_CSV_MAX_ROWS, &skipped, &err);
	if (saved)
		ps.notice = json_pack("{s:s}", "text", bud_msg(req->lang, "prices.saved"));
	else if (added >= 0 && skipped >= 0)
		ps.notice = json_pack("{s:s, s:b, s:I, s:I}", "text",
				      bud_msg(req->lang, "prices.imported"), "imported", 1,
				      "added", (json_int_t)added, "skipped",
				      (json_int_t)skipped);
	return render(req, bud_form_count(&ps.form) ? 422 : 200, &ps);
}

/* Keep what was typed (unchecked) so the form shows it again. */
static void typed(bud_req *req, struct page_state *ps)
{
	bud_err ignore;

	bud_req_str(req, "service", 0, BUD_CODE_MAX, &ps->service, &ignore);
	bud_req_str(req, "unit", 0, 16, &ps->unit, &ignore);
	bud_req_str(req, "unit_price", 0, BUD_MAX_MONEY_LEN, &ps->unit_price, &ignore);
	bud_req_str(req, "instrument", 0, 16, &ps->instrument, &ignore);
	bud_req_str(req, "valid_from", 0, 16, &ps->valid_from, &ignore);
	bud_req_str(req, "valid_to", 0, 16, &ps->valid_to, &ignore);
}

int bud_web_price_add(bud_req *req)
{
	struct page_state ps;
	struct bud_price_in in;
	int status = 422;
	bud_err err;

	state_init(req, &ps, &add_form);
	memset(&in, 0, sizeof(in));
	typed(req, &ps);
	bud_err_clear(&err);
	/* Each field on its own, so every wrong one is listed at once. */
	bud_form_check(&ps.form, bud_req_str(req, "service", 1, BUD_CODE_MAX, &in.service, &err), &err);
	bud_form_check(&ps.form, bud_req_enum(req, "unit", 1, bud_price_units, &in.unit, &err), &err);
	bud_form_check(&ps.form, bud_req_money(req, "unit_price", 1, &in.unit_price, &err), &err);
	bud_form_check(&ps.form, bud_req_enum(req, "instrument", 1, bud_price_instruments,
					       &in.instrument, &err), &err);
	bud_form_check(&ps.form, bud_req_date(req, "valid_from", 1, &in.valid_from, &err), &err);
	bud_form_check(&ps.form, bud_req_date(req, "valid_to", 0, &in.valid_to, &err), &err);
	if (!bud_form_count(&ps.form)) {
		if (bud_price_add(req->app, &req->actor, &in, NULL, &err) == BUD_OK ||
		    err.code == BUD_EFORBIDDEN || err.code == BUD_EIO ||
		    err.code == BUD_EBUSY || err.code == BUD_EINTERNAL) {
			bud_form_release(&ps.form);
			return err.code == BUD_OK ? bud_resp_redirect(req, "/prices?saved=1") :
				bud_resp_error(req, &err);
		}
		status = bud_view_form_status(err.code);
		bud_form_add(&ps.form, &err, "service");
	}
	return render(req, status, &ps);
}

int bud_web_price_import(bud_req *req)
{
	struct bud_price_import_result res;
	struct page_state ps;
	char msg[512], where[64];
	bud_err err;

	state_init(req, &ps, &import_form);
	bud_err_clear(&err);
	if (bud_form_check(&ps.form, bud_req_str(req, "csv", 1, 0, &ps.csv, &err), &err))
		return render(req, 422, &ps);
	if (bud_price_import_csv(req->app, &req->actor, ps.csv, strlen(ps.csv), &res,
				 &err) == BUD_OK ||
	    err.code == BUD_EFORBIDDEN || err.code == BUD_EIO || err.code == BUD_EBUSY ||
	    err.code == BUD_EINTERNAL || err.code == BUD_ENOMEM) {
		bud_form_release(&ps.form);
		if (err.code != BUD_OK)
			return bud_resp_error(req, &err);
		snprintf(where, sizeof(where), "/prices?added=%zu&skipped=%zu",
			 res.added, res.skipped);
		return bud_resp_redirect(req, where);
	}
	bud_price_import_message(&err, &res, req->lang, msg, sizeof(msg));
	bud_form_add_text(&ps.form, "csv", msg);
	return render(req, bud_view_form_status(err.code), &ps);
}
