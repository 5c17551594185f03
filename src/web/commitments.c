/*
 * web/commitments.c: the choice and commitment pages (web/commitments.h).
 *
 * The choice is three steps that work without script: the choice page
 * (templates/cm_choose.html) lists the approved providers as radio
 * buttons with price, languages, places and, for a voucher, the client's
 * own share in plain words; "Next" (a GET form) shows the confirm page
 * (cm_confirm.html) that says again what the client will pay themself;
 * "Confirm" posts the choice (or the switch, when the line has a
 * commitment already) and lands on the commitment page (cm_show.html),
 * where a user of the provider accepts or declines it with a reason. A
 * refused step shows the choice page again with the form toolkit's
 * errors (web/form.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/commitment.h"
#include "bud_limits.h"
#include "core/i18n.h"
#include "core/money.h"
#include "web/commitments.h"
#include "web/form.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field choose_fields[] = {
	{"provider_id", "choose-providers", "cmweb.choose.legend", NULL},
	{"valid_from", "choose-from", "cmweb.choose.from", NULL},
	{"from", "choose-from", "cmweb.choose.from", NULL},
	{"plan_line", "choose-providers", "cmweb.choose.legend", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def choose_form = {"choose-form", choose_fields};
static const struct bud_form_field decline_fields[] = {
	{"reason", "decline-reason", "cmweb.decline.reason", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def decline_form = {"cm-answer", decline_fields};

/* "7,00 € vuorokaudelta". */
static json_t *per_unit(int64_t cents, const char *unit, const char *lang)
{
	char money[BUD_MONEY_BUF], out[128];

	if (bud_money_format(cents, lang, money, sizeof money) != BUD_OK)
		money[0] = '\0';
	snprintf(out, sizeof out, "%s %s", money,
		 bud_view_word(lang, "planweb.unit.", unit, ".per"));
	return json_string(out);
}

/* The own share of a choice or commitment view o, for the templates. */
static void own_share(json_t *m, json_t *o, const char *unit, const char *lang)
{
	int64_t u = bud_view_int(o, "own_share_unit");

	json_object_set_new(m, "own_share", json_boolean(u > 0));
	json_object_set_new(m, "share_unit", per_unit(u, unit, lang));
	json_object_set_new(m, "share_month",
			    bud_view_money(bud_view_int(o, "own_share_month"), lang));
}

static json_t *locations_model(json_t *locs, const char *lang)
{
	static const char *const feats[] = {"step_free", "hearing_loop", "parking",
					    "accessible_wc", NULL};
	json_t *arr = json_array(), *l, *words;
	size_t i, k;

	json_array_foreach(locs, i, l) {
		words = json_array();
		for (k = 0; feats[k]; k++)
			if (json_is_true(json_object_get(l, feats[k])))
				json_array_append_new(words, json_pack("{s:s}", "word",
					bud_view_word(lang, "cmweb.access.", feats[k], "")));
		json_array_append_new(arr, json_pack("{s:s, s:s, s:o}",
			"name", bud_view_str(l, "name"), "address", bud_view_str(l, "address"),
			"access", words));
	}
	return arr;
}

static json_t *providers_model(json_t *items, const char *unit, int64_t chosen,
			       const char *lang)
{
	json_t *arr = json_array(), *it, *p;
	json_t *price;
	size_t i;

	json_array_foreach(items, i, it) {
		price = json_object_get(it, "price");
		p = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:b, s:o}",
			"id", (json_int_t)bud_view_int(it, "provider_id"),
			"name", bud_view_str(it, "name"), "languages", bud_view_str(it, "languages"),
			"phone", bud_view_str(it, "phone"), "email", bud_view_str(it, "email"),
			"first", i == 0, "checked", bud_view_int(it, "provider_id") == chosen,
			"locations", locations_model(json_object_get(it, "locations"), lang));
		json_object_set_new(p, "price", json_is_integer(price) ?
				    per_unit(json_integer_value(price), unit, lang) :
				    json_string(bud_msg(lang, "cmweb.no_price")));
		own_share(p, it, unit, lang);
		json_array_append_new(arr, p);
	}
	return arr;
}

/* The line's facts for the pages. */
static json_t *line_model(json_t *c, const char *lang)
{
	json_t *l = json_object_get(c, "line");
	const char *unit = bud_view_str(l, "unit");
	char qty[BUD_MONEY_BUF], q[192];

	if (bud_qty_format(bud_view_int(l, "quantity"), lang, qty, sizeof qty) != BUD_OK)
		qty[0] = '\0';
	snprintf(q, sizeof q, "%s %s %s", qty, bud_view_word(lang, "planweb.unit.", unit,
		 bud_view_int(l, "quantity") == 100 ? ".one" : ".other"),
		 bud_msg(lang, "planweb.per_month"));
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:b}",
		"id", (json_int_t)bud_view_int(l, "id"), "plan_id",
		(json_int_t)bud_view_int(l, "plan_id"),
		"service", bud_view_lang_name(json_object_get(l, "service"), lang),
		"instrument", bud_view_word(lang, "planweb.instrument.",
					    bud_view_str(l, "instrument"), ""),
		"quantity", q, "value", per_unit(bud_view_int(l, "unit_price"), unit, lang),
		"monthly", bud_view_money(bud_view_int(l, "monthly_amount"), lang),
		"from", bud_view_date(bud_view_str(l, "plan_valid_from"), lang),
		"to", bud_view_date(bud_view_str(l, "plan_valid_to"), lang),
		"available", bud_view_money(bud_view_int(l, "available"), lang),
		"voucher", strcmp(bud_view_str(l, "instrument"), "voucher") == 0);
}

static json_t *current_model(json_t *cur, const char *lang)
{
	if (!json_is_object(cur))
		return json_null();
	return json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)bud_view_int(cur, "id"),
		"provider", bud_view_str(json_object_get(cur, "provider"), "name"),
		"state", bud_view_word(lang, "cmweb.state.", bud_view_str(cur, "state"), ""),
		"from", bud_view_date(bud_view_str(cur, "valid_from"), lang));
}

/* The choice page of line id; form (may be NULL) holds a refused step's
 * errors; chosen the provider to keep checked. */
static int choose_page(bud_req *req, int64_t id, int status, struct bud_form *form,
		       int64_t chosen, const char *from)
{
	json_t *c = NULL, *m, *l;
	bud_err err;

	bud_err_clear(&err);
	if (bud_commitment_choices(req->app, &req->actor, id, NULL, &c, &err) != BUD_OK) {
		bud_form_release(form);
		return bud_resp_error(req, &err);
	}
	l = json_object_get(c, "line");
	m = json_pack("{s:o, s:o, s:o, s:o}", "line", line_model(c, req->lang),
		"current", current_model(json_object_get(c, "current"), req->lang),
		"providers", providers_model(json_object_get(c, "items"),
					     bud_view_str(l, "unit"), chosen, req->lang),
		"from", bud_form_date(from, req->lang));
	json_object_set_new(m, "none", json_boolean(
		json_array_size(json_object_get(c, "items")) == 0));
	json_decref(c);
	if (form)
		bud_form_model(form, m);
	return bud_web_page(req, status, "cm_choose", "cmweb.choose.title", m);
}

int bud_web_line_choose_form(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return choose_page(req, id, 200, NULL, 0, NULL);
}

/* The provider's entry in the choices view c, or NULL. */
static json_t *find_choice(json_t *c, int64_t provider)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(c, "items"), i, it)
		if (bud_view_int(it, "provider_id") == provider)
			return it;
	return NULL;
}

/* A switch (from given, the line has a commitment): what the old
 * commitment's last day is and what it releases, as m's "release". */
static int release_model(bud_req *req, json_t *cur, const char *from, json_t *m,
			 bud_err *err)
{
	json_t *pv = NULL;
	int rc;

	if (!from || !from[0] || !json_is_object(cur))
		return BUD_OK;
	rc = bud_commitment_switch_preview(req->app, &req->actor, bud_view_int(cur, "id"),
					   from, &pv, err);
	if (rc != BUD_OK)
		return rc;
	json_object_set_new(m, "release", json_pack("{s:o, s:o, s:o}",
		"last_day", bud_view_date(bud_view_str(pv, "last_day"), req->lang),
		"amount", bud_view_money(bud_view_int(pv, "released"), req->lang),
		"held", bud_view_money(bud_view_int(pv, "reserved_left"), req->lang)));
	json_decref(pv);
	return BUD_OK;
}

static int confirm_model(bud_req *req, int64_t id, int64_t provider,
			 const char *from, json_t **out, bud_err *err)
{
	json_t *c = NULL, *it, *p;
	const char *unit;
	int rc;

	if (bud_commitment_choices(req->app, &req->actor, id, NULL, &c, err) != BUD_OK)
		return err->code;
	if (!(it = find_choice(c, provider))) {
		json_decref(c);
		return bud_err_set(err, BUD_EINVAL, "provider_id",
				   "err.commitment.not_approved", "not a choice");
	}
	unit = bud_view_str(json_object_get(c, "line"), "unit");
	p = json_pack("{s:I, s:s, s:o}", "id", (json_int_t)provider, "name",
		      bud_view_str(it, "name"), "price", json_is_integer(json_object_get(it, "price")) ?
		      per_unit(bud_view_int(it, "price"), unit, req->lang) :
		      json_string(bud_msg(req->lang, "cmweb.no_price")));
	own_share(p, it, unit, req->lang);
	*out = json_pack("{s:o, s:o, s:o, s:s, s:o, s:b}", "line", line_model(c, req->lang),
		"provider", p, "current", current_model(json_object_get(c, "current"), req->lang),
		"from", from ? from : "", "from_text", bud_view_date(from, req->lang),
		"switch", from && from[0]);
	rc = release_model(req, json_object_get(c, "current"), from, *out, err);
	json_decref(c);
	if (rc != BUD_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int bud_web_line_confirm(bud_req *req)
{
	struct bud_form form;
	const char *from = NULL;
	int64_t id, provider = 0;
	json_t *m = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &choose_form, req->lang);
	bud_form_check(&form, bud_req_i64(req, "provider_id", 1, 1, INT64_MAX,
					  &provider, &err), &err);
	bud_form_check(&form, bud_req_date(req, "from", 0, &from, &err), &err);
	if (bud_form_count(&form))
		return choose_page(req, id, 422, &form, provider, from);
	if (confirm_model(req, id, provider, from, &m, &err) != BUD_OK) {
		if (err.code != BUD_EINVAL && err.code != BUD_ECONFLICT) {
			bud_form_release(&form);
			return bud_resp_error(req, &err);
		}
		bud_form_add(&form, &err, "provider_id");
		return choose_page(req, id, bud_view_form_status(err.code), &form, provider,
				   from);
	}
	bud_form_release(&form);
	return bud_web_page(req, 200, "cm_confirm", "cmweb.confirm.title", m);
}

/* Choose, or switch when from is given and the line has a commitment. */
static int do_choose(bud_req *req, int64_t id, int64_t provider, const char *from,
		     int64_t *cm, bud_err *err)
{
	json_t *c = NULL;
	int64_t cur = 0;

	if (!from || !from[0])
		return bud_commitment_choose(req->app, &req->actor, id, provider, NULL,
					     cm, err);
	if (bud_commitment_choices(req->app, &req->actor, id, NULL, &c, err) != BUD_OK)
		return err->code;
	cur = bud_view_int(json_object_get(c, "current"), "id");
	json_decref(c);
	if (!cur)
		return bud_commitment_choose(req->app, &req->actor, id, provider, from,
					     cm, err);
	return bud_commitment_switch(req->app, &req->actor, cur, provider, from, cm, err);
}

int bud_web_line_choose(bud_req *req)
{
	struct bud_form form;
	const char *from = NULL;
	int64_t id, provider = 0, cm = 0;
	char where[48];
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &choose_form, req->lang);
	bud_form_check(&form, bud_req_i64(req, "provider_id", 1, 1, INT64_MAX,
					  &provider, &err), &err);
	bud_form_check(&form, bud_req_date(req, "from", 0, &from, &err), &err);
	if (bud_form_count(&form))
		return choose_page(req, id, 422, &form, provider, from);
	if (do_choose(req, id, provider, from, &cm, &err) == BUD_OK) {
		bud_form_release(&form);
		snprintf(where, sizeof where, "/commitments/%" PRId64 "?made=1", cm);
		return bud_resp_redirect(req, where);
	}
	if (bud_view_page_error(err.code)) {
		bud_form_release(&form);
		return bud_resp_error(req, &err);
	}
	bud_form_add(&form, &err, "provider_id");
	return choose_page(req, id, bud_view_form_status(err.code), &form, provider, from);
}

/* ---- the commitment page and the provider's answer ------------------ */

static json_t *cm_model(json_t *v, const char *lang)
{
	const char *unit = bud_view_str(v, "unit");
	json_t *cl = json_object_get(v, "client"), *m;
	char qty[BUD_MONEY_BUF], q[192];

	if (bud_qty_format(bud_view_int(v, "quantity"), lang, qty, sizeof qty) != BUD_OK)
		qty[0] = '\0';
	snprintf(q, sizeof q, "%s %s %s", qty, bud_view_word(lang, "planweb.unit.", unit,
		 bud_view_int(v, "quantity") == 100 ? ".one" : ".other"),
		 bud_msg(lang, "planweb.per_month"));
	m = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:o}",
		"id", (json_int_t)bud_view_int(v, "id"),
		"state", bud_view_word(lang, "cmweb.state.", bud_view_str(v, "state"), ""),
		"provider", bud_view_str(json_object_get(v, "provider"), "name"),
		"service", bud_view_lang_name(json_object_get(v, "service"), lang),
		"instrument", bud_view_word(lang, "planweb.instrument.",
					    bud_view_str(v, "instrument"), ""),
		"quantity", q, "value", per_unit(bud_view_int(v, "unit_price"), unit, lang),
		"from", bud_view_date(bud_view_str(v, "valid_from"), lang),
		"to", bud_view_date(bud_view_str(v, "valid_to"), lang),
		"reserved", bud_view_money(bud_view_int(v, "reserved"), lang),
		"released", bud_view_money(bud_view_int(v, "released"), lang),
		"reason", bud_view_str(v, "reason"),
		"client", json_pack("{s:s, s:s, s:s, s:s, s:s}",
			"first_name", bud_view_str(cl, "first_name"),
			"last_name", bud_view_str(cl, "last_name"),
			"phone", bud_view_str(cl, "phone"), "email", bud_view_str(cl, "email"),
			"address", bud_view_str(cl, "address")));
	json_object_set_new(m, "plan_line_id", json_integer(bud_view_int(v, "plan_line_id")));
	own_share(m, v, unit, lang);
	return m;
}

/* The notice of an ended approval (v's approval_ended), or null. */
static json_t *ended_model(json_t *v, const char *lang)
{
	json_t *e = json_object_get(v, "approval_ended");

	if (!json_is_object(e))
		return json_null();
	return json_pack("{s:s, s:o, s:s}",
		"state", bud_view_word(lang, "cmweb.flags.state.", bud_view_str(e, "state"), ""),
		"effective", bud_view_date(bud_view_str(e, "effective"), lang),
		"reason", bud_view_str(e, "reason"));
}

json_t *bud_web_commitment_flags(bud_req *req, int64_t client_id)
{
	json_t *items = NULL, *rows = json_array(), *it;
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_commitment_flags(req->app, &req->actor, client_id, &items, &err) != BUD_OK)
		return json_pack("{s:b, s:o}", "has", 0, "items", rows);
	json_array_foreach(items, i, it) {
		json_t *a = json_object_get(it, "approval");

		json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:s, s:o, s:s}",
			"id", (json_int_t)bud_view_int(it, "id"),
			"service", bud_view_lang_name(json_object_get(it, "service"), req->lang),
			"provider", bud_view_str(json_object_get(it, "provider"), "name"),
			"state", bud_view_word(req->lang, "cmweb.flags.state.",
					       bud_view_str(a, "state"), ""),
			"effective", bud_view_date(bud_view_str(a, "effective"), req->lang),
			"reason", bud_view_str(a, "reason")));
	}
	json_decref(items);
	return json_pack("{s:b, s:o}", "has", json_array_size(rows) > 0, "items", rows);
}

static int show_page(bud_req *req, int64_t id, int status, struct bud_form *form,
		     const char *notice)
{
	json_t *v = NULL, *m;
	bud_err err;

	bud_err_clear(&err);
	if (bud_commitment_get(req->app, &req->actor, id, &v, &err) != BUD_OK) {
		bud_form_release(form);
		return bud_resp_error(req, &err);
	}
	m = cm_model(v, req->lang);
	json_object_set(m, "can", json_object_get(v, "can"));
	json_object_set_new(m, "approval_ended", ended_model(v, req->lang));
	json_object_set_new(m, "provider_side",
			    json_boolean(req->actor.role == BUD_ROLE_PROVIDER_USER));
	json_object_set_new(m, "provider_id", json_integer(req->actor.provider_id));
	if (notice)
		json_object_set_new(m, "notice", json_string(bud_msg(req->lang, notice)));
	json_decref(v);
	if (form)
		bud_form_model(form, m);
	return bud_web_page(req, status, "cm_show", "cmweb.show.title", m);
}

int bud_web_commitment_show(bud_req *req)
{
	static const char *const dones[] = {"accepted", "declined", NULL};
	const char *done = NULL;
	int made = 0;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_req_bool(req, "made", &made, &err);
	bud_req_enum(req, "done", 0, dones, &done, &err);
	return show_page(req, id, 200, NULL, made ? "cmweb.notice.made" :
			 done && strcmp(done, "accepted") == 0 ? "cmweb.notice.accepted" :
			 done ? "cmweb.notice.declined" : NULL);
}

/* After the provider's answer: back to the page, or its errors there. */
static int answered(bud_req *req, int64_t id, int rc, bud_err *err,
		    struct bud_form *form, const char *done)
{
	char where[64];

	if (rc == BUD_OK) {
		bud_form_release(form);
		snprintf(where, sizeof where, "/commitments/%" PRId64 "?done=%s", id, done);
		return bud_resp_redirect(req, where);
	}
	if (bud_view_page_error(err->code)) {
		bud_form_release(form);
		return bud_resp_error(req, err);
	}
	bud_form_add(form, err, NULL);
	return show_page(req, id, bud_view_form_status(err->code), form, NULL);
}

int bud_web_commitment_accept(bud_req *req)
{
	struct bud_form form;
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &decline_form, req->lang);
	rc = bud_commitment_accept(req->app, &req->actor, id, &err);
	return answered(req, id, rc, &err, &form, "accepted");
}

int bud_web_commitment_decline(bud_req *req)
{
	struct bud_form form;
	const char *reason = NULL;
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &decline_form, req->lang);
	rc = bud_req_str(req, "reason", 1, BUD_NOTE_MAX, &reason, &err);
	if (rc == BUD_OK)
		rc = bud_commitment_decline(req->app, &req->actor, id, reason, &err);
	return answered(req, id, rc, &err, &form, "declined");
}

/* ---- the provider's list -------------------------------------------- */

int bud_web_provider_commitments(bud_req *req)
{
	json_t *out = NULL, *rows, *it, *m;
	struct bud_page pg;
	char path[64];
	int64_t id;
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) || bud_req_page(req, &pg, &err) ||
	    bud_commitment_list_provider(req->app, &req->actor, id, &pg, &out, &err))
		return bud_resp_error(req, &err);
	rows = json_array();
	json_array_foreach(out, i, it)
		json_array_append_new(rows, cm_model(it, req->lang));
	m = json_pack("{s:o, s:b}", "rows", rows, "none", json_array_size(out) == 0);
	snprintf(path, sizeof path, "/providers/%" PRId64 "/commitments", id);
	bud_web_pager(m, path, NULL, &pg, pg.at + 1, json_array_size(out));
	json_decref(out);
	return bud_web_page(req, 200, "cm_list", "cmweb.list.title", m);
}
