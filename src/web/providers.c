/*
 * web/providers.c: the provider pages (see web/providers.h). Decodes the
 * query and the forms, calls app/provider.h and renders
 * templates/provider_*.html. Service names are shown in the page
 * language (the public filter's catalogue), money by bud_money_format,
 * units and states in words. A refused form is shown again with its
 * errors (web/form.h); after a change the browser goes back to the
 * provider's page with saved=1.
 */
#include <stdio.h>
#include <string.h>

#include "app/account.h"
#include "app/document.h"
#include "app/price.h"
#include "app/municipality.h"
#include "app/provider.h"
#include "app/rulebook.h"
#include "bud_limits.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "web/documents.h"
#include "web/form.h"
#include "web/providers.h"
#include "web/rulebook.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field filter_fields[] = {
	{"service", "service", "providers.filter.service", NULL},
	{"municipality", "municipality", "providers.filter.municipality", NULL},
	{"date", "service", "providers.filter.service", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def filter_form = {"provider-filter", filter_fields};

/* The register data, in the register's form and the public application. */
#define PROVIDER_FORM_FIELDS \
	{"kind", "kind", "providers.field.kind", NULL}, \
	{"name", "name", "providers.field.name", NULL}, \
	{"ytunnus", "ytunnus", "providers.field.ytunnus", NULL}, \
	{"ovt", "ovt", "providers.field.ovt", NULL}, \
	{"iban", "iban", "providers.field.iban", NULL}, \
	{"bic", "bic", "providers.field.bic", NULL}, \
	{"email", "email", "providers.field.email", NULL}, \
	{"phone", "phone", "providers.field.phone", NULL}, \
	{"address", "address", "providers.field.address", NULL}, \
	{"website", "website", "providers.field.website", NULL}, \
	{"languages", "languages", "providers.field.languages", "language-fi"}, \
	{"areas", "areas", "providers.field.areas", NULL}, \
	{"register_name", "register_name", "providers.field.register_name", NULL}, \
	{"register_no", "register_no", "providers.field.register_no", NULL}, \
	{"register_date", "register_date", "providers.field.register_date", NULL}

static const struct bud_form_field provider_fields[] = {
	PROVIDER_FORM_FIELDS,
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def provider_form = {"provider-form", provider_fields};

/* The public application: the register data, what is applied for (the
 * app's "wants", "service" and "municipality" land on those fields) and
 * the admin account. */
static const struct bud_form_field application_fields[] = {
	PROVIDER_FORM_FIELDS,
	{"want_services", "want_services", "apply.services", NULL},
	{"wants", "want_services", "apply.services", NULL},
	{"service", "want_services", "apply.services", NULL},
	{"want_municipalities", "want_municipalities", "apply.municipalities", NULL},
	{"municipality", "want_municipalities", "apply.municipalities", NULL},
	{"username", "username", "login.username", NULL},
	{"display_name", "display_name", "apply.display_name", NULL},
	{"password", "password", "login.password", NULL},
	{"doc_tax_debt", "doc-tax_debt", "documents.kind.tax_debt", NULL},
	{"doc_pension_insurance", "doc-pension_insurance",
	 "documents.kind.pension_insurance", NULL},
	{"doc_trade_register", "doc-trade_register", "documents.kind.trade_register", NULL},
	{"doc_liability_insurance", "doc-liability_insurance",
	 "documents.kind.liability_insurance", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def application_form = {"application-form",
						      application_fields};

static const struct bud_form_field apply_fields[] = {
	{"service", "apply-service", "providers.field.service", NULL},
	{"municipality", "apply-municipality", "providers.field.municipality", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def apply_form = {"apply-form", apply_fields};

static const struct bud_form_field decide_fields[] = {
	{"approval", "decide-approval", "providers.decide.approval", NULL},
	{"state", "decide-state", "providers.decide.state", NULL},
	{"reason", "decide-reason", "providers.decide.reason", NULL},
	{"effective", "decide-effective", "providers.decide.effective", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def decide_form = {"decide-form", decide_fields};

static const struct bud_form_field location_fields[] = {
	{"locations", "loc-name", "providers.loc.name", NULL},
	{"name", "loc-name", "providers.loc.name", NULL},
	{"address", "loc-address", "providers.field.address", NULL},
	{"municipality", "loc-municipality", "providers.field.municipality", NULL},
	{"notes", "loc-notes", "providers.loc.notes", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def location_form = {"location-form", location_fields};

static const struct bud_form_field price_fields[] = {
	{"service", "price-service", "providers.field.service", NULL},
	{"unit", "price-unit", "providers.price.unit", NULL},
	{"unit_price", "price-unit_price", "providers.price.unit_price", NULL},
	{"valid_from", "price-valid_from", "providers.col.valid_from", NULL},
	{"prices", "price-unit_price", "providers.price.unit_price", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def price_form = {"price-form", price_fields};

/* ---- shared pieces ---- */

/* The service catalogue and municipalities of the public filter. */
static json_t *choices(bud_req *req)
{
	json_t *c = NULL;
	bud_err err;

	if (bud_provider_public_choices(req->app, req->actor.user_id ? &req->actor : NULL,
					&c, &err) != BUD_OK)
		c = json_pack("{s:[], s:[]}", "services", "municipalities");
	return c;
}

/* The name in the page language of service code, or the code. */
static const char *service_name(json_t *ch, const char *code, const char *lang)
{
	json_t *s;
	size_t i;

	json_array_foreach(json_object_get(ch, "services"), i, s)
		if (strcmp(bud_view_str(s, "code"), code) == 0)
			return bud_view_lang_name(s, lang);
	return code;
}

static json_t *service_options(bud_req *req, json_t *ch, const char *chosen)
{
	json_t *arr = json_array(), *s;
	size_t i;

	json_array_foreach(json_object_get(ch, "services"), i, s) {
		const char *code = bud_view_str(s, "code");

		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", code,
			"label", bud_view_lang_name(s, req->lang),
			"selected", chosen && strcmp(chosen, code) == 0));
	}
	return arr;
}

/* The official (Finnish) name of a municipality given as a code or in
 * either language, for marking it chosen; as given when not on the list. */
static const char *canonical(const char *given)
{
	const struct bud_municipality *mu = bud_municipality_find(given);

	return mu ? mu->fi : given;
}

static json_t *unit_options(bud_req *req)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; bud_price_units[i]; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "value", bud_price_units[i],
			"label", bud_view_word(req->lang, "price.unit.", bud_price_units[i], "")));
	return arr;
}

/* "suomi, ruotsi" of a languages array. */
static json_t *language_words(bud_req *req, json_t *langs)
{
	char buf[256];
	size_t i, at = 0;
	json_t *l;

	buf[0] = '\0';
	json_array_foreach(langs, i, l)
		at += (size_t)snprintf(buf + at, sizeof(buf) > at ? sizeof(buf) - at : 0,
			"%s%s", i ? ", " : "", bud_view_word(req->lang, "providers.lang.",
							    json_string_value(l), ""));
	return json_string(buf);
}

/* The locations of a view as the templates show them. */
static json_t *location_rows(bud_req *req, json_t *locs)
{
	static const char *const flags[] = {"step_free", "hearing_loop", "parking",
					    "accessible_wc"};
	json_t *rows = json_array(), *l;
	size_t i, k;

	json_array_foreach(locs, i, l) {
		json_t *acc = json_array();

		for (k = 0; k < 4; k++)
			if (json_is_true(json_object_get(l, flags[k])))
				json_array_append_new(acc, json_string(bud_view_word(
					req->lang, "providers.acc.", flags[k], "")));
		json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:s, s:o, s:b}",
			"name", bud_view_str(l, "name"), "address", bud_view_str(l, "address"),
			"municipality", bud_municipality_show(bud_view_str(l, "municipality"),
							      req->lang),
			"notes", bud_view_str(l, "notes"), "access", acc,
			"no_access", json_array_size(acc) == 0));
	}
	return rows;
}

/* "28,50 € / tunti" */
static json_t *price_text(bud_req *req, json_int_t cents, const char *unit)
{
	json_t *money = bud_view_money(cents, req->lang);
	char buf[96];

	snprintf(buf, sizeof(buf), "%s / %s", json_string_value(money),
		 bud_view_word(req->lang, "price.unit.", unit, ""));
	json_decref(money);
	return json_string(buf);
}

/* ---- the public list ---- */

static json_t *public_rows(bud_req *req, json_t *items)
{
	json_t *rows = json_array(), *it;
	size_t i;

	json_array_foreach(items, i, it) {
		json_t *pr = json_object_get(it, "price");
		json_t *row = json_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:o, s:I}",
			"name", bud_view_str(it, "name"),
			"kind", bud_view_word(req->lang, "providers.kind.",
					      bud_view_str(it, "kind"), ""),
			"languages", language_words(req, json_object_get(it, "languages")),
			"email", bud_view_str(it, "email"), "phone", bud_view_str(it, "phone"),
			"website", bud_view_str(it, "website"),
			"locations", location_rows(req, json_object_get(it, "locations")),
			"id", bud_view_int(it, "id"));

		if (json_is_object(pr))
			json_object_set_new(row, "price", price_text(req,
				bud_view_int(pr, "unit_price"), bud_view_str(pr, "unit")));
		json_array_append_new(rows, row);
	}
	return rows;
}

/* The list for the filter's service and municipality into m. */
static void public_list(bud_req *req, json_t *m, struct bud_form *f,
			const char *service, const char *municipality)
{
	struct bud_page pg;
	json_t *items = NULL;
	bud_buf query;
	bud_err err;

	bud_err_clear(&err);
	if (bud_form_check(f, bud_req_page(req, &pg, &err), &err) ||
	    bud_form_check(f, bud_provider_list_approved(req->app, NULL, service,
			municipality, NULL, &pg, &items, &err), &err))
		return;
	json_object_set_new(m, "asked", json_true());
	json_object_set_new(m, "none", json_boolean(json_array_size(items) == 0));
	json_object_set_new(m, "rows", public_rows(req, items));
	bud_buf_init(&query, BUD_MAX_URL);
	bud_buf_adds(&query, "service=");
	bud_buf_add_url(&query, service);
	bud_buf_adds(&query, "&municipality=");
	bud_buf_add_url(&query, municipality);
	bud_web_pager(m, "/providers", bud_buf_str(&query), &pg, pg.at + 1,
		      json_array_size(items));
	bud_buf_free(&query);
	json_decref(items);
}

int bud_web_public_providers(bud_req *req)
{
	const char *service = NULL, *municipality = NULL;
	json_t *ch = choices(req), *m;
	struct bud_form f;
	bud_err err;

	bud_form_init(&f, &filter_form, req->lang);
	bud_err_clear(&err);
	bud_form_check(&f, bud_req_str(req, "service", 0, BUD_CODE_MAX, &service, &err), &err);
	bud_form_check(&f, bud_req_str(req, "municipality", 0, BUD_NAME_MAX, &municipality,
				       &err), &err);
	m = json_pack("{s:o, s:o}", "services", service_options(req, ch, service),
		      "municipalities", bud_view_municipality_options(
			      json_object_get(ch, "municipalities"), canonical(municipality),
			      req->lang));
	if (service && *service && municipality && *municipality && !bud_form_count(&f)) {
		public_list(req, m, &f, service, municipality);
		json_object_set_new(m, "service_name",
				    json_string(service_name(ch, service, req->lang)));
		json_object_set_new(m, "municipality", bud_view_municipality(
				    canonical(municipality), req->lang));
	}
	json_decref(ch);
	bud_form_model(&f, m);
	return bud_web_page(req, bud_form_failed(m) ? 422 : 200, "provider_public",
			    "providers.public.title", m);
}

/* ---- the register ---- */

int bud_web_provider_register(bud_req *req)
{
	json_t *items = NULL, *rows, *it, *m;
	struct bud_page pg;
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_provider_list(req->app, &req->actor, &pg, &items, &err))
		return bud_resp_error(req, &err);
	rows = json_array();
	json_array_foreach(items, i, it)
		json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:b, s:b}",
			"id", bud_view_int(it, "id"), "name", bud_view_str(it, "name"),
			"kind", bud_view_word(req->lang, "providers.kind.",
					      bud_view_str(it, "kind"), ""),
			"ytunnus", bud_view_str(it, "ytunnus"),
			"languages", language_words(req, json_object_get(it, "languages")),
			"rulebook", bud_view_date(bud_view_str(it, "rulebook_accepted"), req->lang),
			"rulebook_missing", json_is_true(json_object_get(it, "rulebook_missing")),
			"rulebook_overdue", json_is_true(json_object_get(it, "rulebook_overdue"))));
	m = json_pack("{s:o, s:b, s:b}", "rows", rows, "none", json_array_size(items) == 0,
		      "can_add", (req->actor.role & (BUD_ROLE_WORKER | BUD_ROLE_ADMIN)) != 0);
	bud_web_pager(m, "/providers/register", NULL, &pg, pg.at + 1, json_array_size(items));
	json_decref(items);
	return bud_web_page(req, 200, "provider_list", "providers.register.title", m);
}

/* ---- a provider's page ---- */

static json_t *history_rows(bud_req *req, json_t *hist)
{
	json_t *rows = json_array(), *e;
	size_t i;

	json_array_foreach(hist, i, e)
		json_array_append_new(rows, json_pack("{s:s, s:s, s:o, s:o, s:s}",
			"state", bud_view_word(req->lang, "providers.state.",
					       bud_view_str(e, "state"), ""),
			"reason", bud_view_str(e, "reason"),
			"effective", bud_view_date(bud_view_str(e, "effective"), req->lang),
			"at", bud_view_unix_date(bud_view_int(e, "at"), req->lang),
			"by", bud_view_str(e, "by")));
	return rows;
}

static json_t *approval_rows(bud_req *req, json_t *ch, json_t *apps, int decide)
{
	json_t *rows = json_array(), *a;
	size_t i;

	json_array_foreach(apps, i, a)
		json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:b}",
			"id", bud_view_int(a, "id"),
			"service", service_name(ch, bud_view_str(a, "service"), req->lang),
			"municipality", bud_municipality_show(bud_view_str(a, "municipality"),
							      req->lang),
			"state", bud_view_word(req->lang, "providers.state.",
					       bud_view_str(a, "state"), ""),
			"reason", bud_view_str(a, "reason"),
			"effective", bud_view_date(bud_view_str(a, "effective"), req->lang),
			"history", history_rows(req, json_object_get(a, "history")),
			"decide", decide));
	return rows;
}

static json_t *price_rows(bud_req *req, json_t *ch, json_t *prices)
{
	json_t *rows = json_array(), *p;
	size_t i;

	json_array_foreach(prices, i, p)
		json_array_append_new(rows, json_pack("{s:s, s:o, s:o}",
			"service", service_name(ch, bud_view_str(p, "service"), req->lang),
			"price", price_text(req, bud_view_int(p, "unit_price"),
					    bud_view_str(p, "unit")),
			"valid_from", bud_view_date(bud_view_str(p, "valid_from"), req->lang)));
	return rows;
}

/* The page model of provider view v. */
static json_t *show_model(bud_req *req, json_t *v)
{
	json_t *ch = choices(req), *can = json_object_get(v, "can"), *m;
	int decide = json_is_true(json_object_get(can, "decide"));

	m = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
		"id", bud_view_int(v, "id"), "name", bud_view_str(v, "name"),
		"kind", bud_view_word(req->lang, "providers.kind.", bud_view_str(v, "kind"), ""),
		"ytunnus", bud_view_str(v, "ytunnus"), "ovt", bud_view_str(v, "ovt"),
		"iban", bud_view_str(v, "iban"), "bic", bud_view_str(v, "bic"),
		"email", bud_view_str(v, "email"), "phone", bud_view_str(v, "phone"),
		"address", bud_view_str(v, "address"), "website", bud_view_str(v, "website"),
		"languages", language_words(req, json_object_get(v, "languages")));
	json_object_set_new(m, "areas", json_deep_copy(json_object_get(v, "areas")));
	json_object_set_new(m, "locations", location_rows(req, json_object_get(v, "locations")));
	json_object_set_new(m, "prices", price_rows(req, ch, json_object_get(v, "prices")));
	json_object_set_new(m, "no_prices", json_boolean(
				json_array_size(json_object_get(v, "prices")) == 0));
	json_object_set_new(m, "approvals", approval_rows(req, ch,
				json_object_get(v, "approvals"), decide));
	json_object_set_new(m, "no_approvals", json_boolean(
				json_array_size(json_object_get(v, "approvals")) == 0));
	json_object_set(m, "can", can);
	json_object_set_new(m, "rulebook", bud_web_rulebook_of_provider(req, v));
	json_object_set_new(m, "documents", bud_web_documents_of_provider(req,
				bud_view_int(v, "id")));
	json_object_set_new(m, "services", service_options(req, ch, NULL));
	json_object_set_new(m, "municipalities", bud_view_municipality_options(NULL,
			    canonical(bud_view_form_value(req, "municipality")), req->lang));
	json_object_set_new(m, "units", unit_options(req));
	json_decref(ch);
	return m;
}

/* Render provider id's page with status; f's errors (may be NULL). */
static int show(bud_req *req, int64_t id, int status, struct bud_form *f)
{
	json_t *v = NULL, *m;
	int saved = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_provider_get(req->app, &req->actor, id, &v, &err) != BUD_OK) {
		if (f)
			bud_form_release(f);
		return bud_resp_error(req, &err);
	}
	m = show_model(req, v);
	json_decref(v);
	bud_req_bool(req, "saved", &saved, &err);
	json_object_set_new(m, "saved", json_boolean(saved && !f));
	if (f)
		bud_form_model(f, m);
	return bud_web_page_titled(req, status, "provider_show",
				   bud_view_str(m, "name"), m);
}

int bud_web_provider_page(bud_req *req, int64_t id, int status, struct bud_form *f)
{
	return show(req, id, status, f);
}

int bud_web_provider_show(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	return show(req, id, 200, NULL);
}

int bud_web_provider_apply(bud_req *req)
{
	const char *service = NULL, *municipality = NULL;
	struct bud_form f;
	char where[64];
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	bud_form_init(&f, &apply_form, req->lang);
	bud_form_check(&f, bud_req_str(req, "service", 1, BUD_CODE_MAX, &service, &err), &err);
	bud_form_check(&f, bud_req_str(req, "municipality", 1, BUD_NAME_MAX, &municipality,
				       &err), &err);
	if (!bud_form_count(&f)) {
		if (bud_provider_apply(req->app, &req->actor, id, service, municipality,
				       NULL, &err) == BUD_OK) {
			bud_form_release(&f);
			snprintf(where, sizeof(where), "/providers/%lld?saved=1", (long long)id);
			return bud_resp_redirect(req, where);
		}
		if (err.code != BUD_EINVAL && err.code != BUD_ECONFLICT) {
			bud_form_release(&f);
			return bud_resp_error(req, &err);
		}
		bud_form_add(&f, &err, "service");
	}
	return show(req, id, 422, &f);
}

int bud_web_provider_decide(bud_req *req)
{
	const char *state = NULL, *reason = NULL, *effective = NULL;
	int64_t id, approval = 0;
	struct bud_form f;
	char where[64];
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	bud_form_init(&f, &decide_form, req->lang);
	bud_form_check(&f, bud_req_i64(req, "approval", 1, 1, INT64_MAX, &approval, &err), &err);
	bud_form_check(&f, bud_req_str(req, "state", 1, 16, &state, &err), &err);
	bud_form_check(&f, bud_req_str(req, "reason", 0, BUD_NOTE_MAX, &reason, &err), &err);
	bud_form_check(&f, bud_req_date(req, "effective", 0, &effective, &err), &err);
	if (!bud_form_count(&f)) {
		int64_t pid = 0;
		int rc = bud_approval_decide(req->app, &req->actor, approval, state, reason,
					     effective, &pid, &err);

		if (rc == BUD_OK) {
			bud_form_release(&f);
			snprintf(where, sizeof(where), "/providers/%lld?saved=1", (long long)pid);
			return bud_resp_redirect(req, where);
		}
		if ((err.code != BUD_EINVAL && err.code != BUD_ECONFLICT &&
				     err.code != BUD_ENOTFOUND)) {
			bud_form_release(&f);
			return bud_resp_error(req, &err);
		}
		bud_form_add(&f, &err, "approval");
	}
	return show(req, id, 422, &f);
}

static const struct bud_form_field accept_fields[] = {
	{"rulebook_id", "rulebook-accept", "rulebook.title", NULL},
	{NULL, NULL, NULL, NULL}};
static const struct bud_form_def accept_form = {"rulebook-accept-form", accept_fields};

/* POST /providers/{id}/rulebook: the provider's admin accepts a version. */
int bud_web_provider_rulebook_accept(bud_req *req)
{
	int64_t id, version = 0;
	struct bud_form f;
	char where[64];
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	bud_form_init(&f, &accept_form, req->lang);
	bud_form_check(&f, bud_req_i64(req, "rulebook_id", 1, 1, INT64_MAX, &version, &err),
		       &err);
	if (!bud_form_count(&f)) {
		if (bud_rulebook_accept(req->app, &req->actor, id, version, &err) == BUD_OK) {
			bud_form_release(&f);
			snprintf(where, sizeof(where), "/providers/%lld?saved=1", (long long)id);
			return bud_resp_redirect(req, where);
		}
		if (err.code != BUD_EINVAL && err.code != BUD_ECONFLICT) {
			bud_form_release(&f);
			return bud_resp_error(req, &err);
		}
		bud_form_add(&f, &err, "rulebook_id");
	}
	return show(req, id, 422, &f);
}

/* ---- adding and editing ---- */

/* What the form shows: the values typed or stored, and the errors. */
struct edit_state {
	json_t *values;		/* {name: text}, owned */
	json_t *langs;		/* ["fi", ...], owned */
	struct bud_form form;
};

static const char *const text_fields[] = {"kind", "name", "ytunnus", "ovt", "iban",
	"bic", "email", "phone", "address", "website", "register_name", "register_no",
	"register_date", NULL};

static json_t *kind_options(bud_req *req, const char *chosen)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; bud_provider_kinds[i]; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value",
			bud_provider_kinds[i], "label", bud_view_word(req->lang,
			"providers.kind.", bud_provider_kinds[i], ""), "selected",
			chosen && strcmp(chosen, bud_provider_kinds[i]) == 0));
	return arr;
}

static json_t *language_boxes(bud_req *req, json_t *chosen)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; bud_provider_languages[i]; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "code",
			bud_provider_languages[i], "label", bud_view_word(req->lang,
			"providers.lang.", bud_provider_languages[i], ""), "checked",
			bud_view_has(chosen, bud_provider_languages[i])));
	return arr;
}

/* The model of the register data's fields (provider_fields.html) from
 * es; es->values and es->langs are moved into it. */
static json_t *fields_model(bud_req *req, struct edit_state *es)
{
	const char *reg = bud_view_str(es->values, "register_name");
	json_t *m;

	m = json_pack("{s:o, s:o, s:O, s:b, s:b, s:b}",
		"kinds", kind_options(req, bud_view_str(es->values, "kind")),
		"languages", language_boxes(req, es->langs), "form", es->values,
		"reg_none", !*reg, "reg_soteri", strcmp(reg, "soteri") == 0,
		"reg_organiser", strcmp(reg, "organiser") == 0);
	json_decref(es->values);
	json_decref(es->langs);
	return m;
}

/* Render the add (id 0) or edit form of provider id. */
static int edit_page(bud_req *req, int64_t id, int status, struct edit_state *es)
{
	json_t *m = fields_model(req, es);
	char action[48];

	snprintf(action, sizeof(action), id ? "/providers/%lld" : "/providers", (long long)id);
	json_object_set_new(m, "action", json_string(action));
	json_object_set_new(m, "editing", json_boolean(id != 0));
	json_object_set_new(m, "id", json_integer(id));
	bud_form_model(&es->form, m);
	return bud_web_page(req, status, "provider_form",
			    id ? "providers.edit.title" : "providers.new.title", m);
}

int bud_web_provider_new(bud_req *req)
{
	struct edit_state es;

	bud_form_init(&es.form, &provider_form, req->lang);
	es.values = json_pack("{s:s}", "kind", "company");
	es.langs = json_pack("[s]", "fi");
	return edit_page(req, 0, 200, &es);
}

int bud_web_provider_edit(bud_req *req)
{
	struct edit_state es;
	json_t *v = NULL, *a;
	char areas[BUD_PROVIDER_AREAS_MAX * 32];
	size_t i, at = 0;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_provider_get(req->app, &req->actor, id, &v, &err))
		return bud_resp_error(req, &err);
	if (!json_is_true(json_object_get(json_object_get(v, "can"), "edit"))) {
		json_decref(v);
		bud_err_set(&err, BUD_EFORBIDDEN, NULL, "err.forbidden", "edit");
		return bud_resp_error(req, &err);
	}
	bud_form_init(&es.form, &provider_form, req->lang);
	es.values = json_object();
	for (i = 0; text_fields[i]; i++)
		json_object_set_new(es.values, text_fields[i],
				    json_string(bud_view_str(v, text_fields[i])));
	json_object_set_new(es.values, "register_date",
			    bud_form_date(bud_view_str(v, "register_date"), req->lang));
	areas[0] = '\0';
	json_array_foreach(json_object_get(v, "areas"), i, a)
		at += (size_t)snprintf(areas + at, at < sizeof(areas) ? sizeof(areas) - at : 0,
				       "%s%s", i ? ", " : "", json_string_value(a));
	json_object_set_new(es.values, "areas", json_string(areas));
	es.langs = json_incref(json_object_get(v, "languages"));
	json_decref(v);
	return edit_page(req, id, 200, &es);
}

/* Split text at commas and line breaks into out[0..max-1] (trimmed, the
 * empty ones left out; *n of them); more than max is field's error. */
static int split_list(bud_req *req, const char *text, const char **out, size_t max,
		      size_t *n, const char *field, bud_err *err)
{
	char *copy = bud_req_strdup(req, text), *p = copy, *end;

	while (*p) {
		size_t len = strcspn(p, ",\n");
		int last = p[len] == '\0';

		p[len] = '\0';
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		end = p + strlen(p);
		while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
			*--end = '\0';
		if (*p) {
			if (*n == max)
				return bud_err_set(err, BUD_EINVAL, field, "err.too_long",
						   "too many %s", field);
			out[(*n)++] = p;
		}
		if (last)
			break;
		p += len + 1;
	}
	return BUD_OK;
}

/* Split the areas text at commas and line breaks into in (trimmed). */
static int split_areas(bud_req *req, const char *text, struct bud_provider_in *in,
		       bud_err *err)
{
	in->set_areas = 1;
	return split_list(req, text, in->areas, BUD_PROVIDER_AREAS_MAX, &in->nareas,
			  "areas", err);
}

/* Read the form into in and es (values typed, for showing them again). */
static void read_form(bud_req *req, struct bud_provider_in *in, struct edit_state *es)
{
	const char **dst[] = {&in->kind, &in->name, &in->ytunnus, &in->ovt, &in->iban,
		&in->bic, &in->email, &in->phone, &in->address, &in->website,
		&in->register_name, &in->register_no, &in->register_date};
	const char *areas = bud_view_form_value(req, "areas");
	size_t i;
	bud_err err;

	es->values = json_object();
	es->langs = json_array();
	for (i = 0; text_fields[i]; i++) {
		*dst[i] = bud_view_form_value(req, text_fields[i]);
		json_object_set_new(es->values, text_fields[i], json_string(*dst[i]));
	}
	json_object_set_new(es->values, "areas", json_string(areas));
	/* a date as people type it (bud_req_date), ISO for the app; what
	 * does not parse goes on as typed, for the app to refuse */
	bud_err_clear(&err);
	if (in->register_date && in->register_date[0])
		bud_req_date(req, "register_date", 0, &in->register_date, &err);
	in->set_languages = 1;
	for (i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].key, "language") == 0 && in->nlanguages < 8) {
			in->languages[in->nlanguages++] = req->form[i].value;
			json_array_append_new(es->langs, json_string(req->form[i].value));
		}
	bud_err_clear(&err);
	bud_form_check(&es->form, split_areas(req, areas, in, &err), &err);
}

/* Save the form as a new provider (id 0) or a change of id. */
static int save(bud_req *req, int64_t id)
{
	struct bud_provider_in *in = bud_req_alloc(req, sizeof(*in));
	struct edit_state es;
	char where[48];
	bud_err err;
	int rc;

	memset(in, 0, sizeof(*in));
	bud_form_init(&es.form, &provider_form, req->lang);
	read_form(req, in, &es);
	if (bud_form_count(&es.form))
		return edit_page(req, id, 422, &es);
	bud_err_clear(&err);
	rc = id ? bud_provider_update(req->app, &req->actor, id, in, &err) :
		  bud_provider_create(req->app, &req->actor, in, &id, &err);
	if (rc == BUD_OK || (err.code != BUD_EINVAL && err.code != BUD_ECONFLICT &&
			     err.code != BUD_ETOOBIG)) {
		json_decref(es.values);
		json_decref(es.langs);
		bud_form_release(&es.form);
		if (rc != BUD_OK)
			return bud_resp_error(req, &err);
		snprintf(where, sizeof(where), "/providers/%lld?saved=1", (long long)id);
		return bud_resp_redirect(req, where);
	}
	bud_form_add(&es.form, &err, NULL);
	return edit_page(req, id, bud_view_form_status(err.code), &es);
}

int bud_web_provider_create(bud_req *req)
{
	return save(req, 0);
}

int bud_web_provider_update(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	return save(req, id);
}

/* ---- locations and prices ---- */

/* Save in (one location or one price added) to provider id with form f:
 * back to the page, or the page again with the errors. */
static int add_to(bud_req *req, int64_t id, struct bud_provider_in *in,
		  struct bud_form *f, const char *fallback)
{
	char where[48];
	bud_err err;

	bud_err_clear(&err);
	if (!bud_form_count(f)) {
		if (bud_provider_update(req->app, &req->actor, id, in, &err) == BUD_OK ||
		    (err.code != BUD_EINVAL && err.code != BUD_ETOOBIG &&
		     err.code != BUD_ECONFLICT)) {
			bud_form_release(f);
			if (err.code != BUD_OK)
				return bud_resp_error(req, &err);
			snprintf(where, sizeof(where), "/providers/%lld?saved=1", (long long)id);
			return bud_resp_redirect(req, where);
		}
		bud_form_add(f, &err, fallback);
	}
	return show(req, id, 422, f);
}

int bud_web_provider_location_add(bud_req *req)
{
	struct bud_provider_in *in = bud_req_alloc(req, sizeof(*in));
	struct bud_provider_location_in *l = &in->locations[0];
	struct bud_form f;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	memset(in, 0, sizeof(*in));
	in->nlocations = 1;
	bud_form_init(&f, &location_form, req->lang);
	bud_form_check(&f, bud_req_str(req, "name", 1, BUD_NAME_MAX, &l->name, &err), &err);
	bud_form_check(&f, bud_req_str(req, "address", 1, BUD_NAME_MAX, &l->address, &err), &err);
	bud_form_check(&f, bud_req_str(req, "municipality", 1, BUD_NAME_MAX, &l->municipality,
				       &err), &err);
	bud_form_check(&f, bud_req_str(req, "notes", 0, BUD_NOTE_MAX, &l->notes, &err), &err);
	bud_req_bool(req, "step_free", &l->step_free, &err);
	bud_req_bool(req, "hearing_loop", &l->hearing_loop, &err);
	bud_req_bool(req, "parking", &l->parking, &err);
	bud_req_bool(req, "accessible_wc", &l->accessible_wc, &err);
	return add_to(req, id, in, &f, "name");
}

int bud_web_provider_price_add(bud_req *req)
{
	struct bud_provider_in *in = bud_req_alloc(req, sizeof(*in));
	struct bud_provider_price_in *p = &in->prices[0];
	struct bud_form f;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	memset(in, 0, sizeof(*in));
	in->nprices = 1;
	bud_form_init(&f, &price_form, req->lang);
	bud_form_check(&f, bud_req_str(req, "service", 1, BUD_CODE_MAX, &p->service, &err), &err);
	bud_form_check(&f, bud_req_enum(req, "unit", 1, bud_price_units, &p->unit, &err), &err);
	bud_form_check(&f, bud_req_money(req, "unit_price", 1, &p->unit_price, &err), &err);
	bud_form_check(&f, bud_req_date(req, "valid_from", 1, &p->valid_from, &err), &err);
	return add_to(req, id, in, &f, "unit_price");
}

/* ---- the public application ---- */

/* Render the application page with es (moved) and the services checked
 * (wanted, borrowed). */
/* The document inputs of the application: [{value (kind), label,
 * invalid (its error, when it has one)}]. */
static json_t *doc_kinds(bud_req *req, json_t *invalid)
{
	json_t *a = json_array(), *o, *bad;
	char id[48];
	size_t k;

	for (k = 0; bud_document_kinds[k]; k++) {
		snprintf(id, sizeof id, "doc-%s", bud_document_kinds[k]);
		o = json_pack("{s:s, s:s}", "value", bud_document_kinds[k], "label",
			      bud_view_word(req->lang, "documents.kind.", bud_document_kinds[k], ""));
		/* false, not absent: {{#invalid}} would find the page's own */
		bad = json_object_get(invalid, id);
		json_object_set_new(o, "invalid", bad ? json_incref(bad) : json_false());
		json_array_append_new(a, o);
	}
	return a;
}

static int apply_page(bud_req *req, int status, struct edit_state *es, json_t *wanted)
{
	json_t *m = fields_model(req, es), *ch = choices(req), *svc, *o;
	size_t i;

	svc = service_options(req, ch, NULL);
	json_array_foreach(svc, i, o)
		json_object_set_new(o, "selected", json_boolean(wanted &&
				    bud_view_has(wanted, bud_view_str(o, "value"))));
	json_object_set_new(m, "services", svc);
	json_decref(ch);
	bud_form_model(&es->form, m);
	json_object_set_new(m, "doc_kinds", doc_kinds(req, json_object_get(m, "invalid")));
	return bud_web_page(req, status, "apply", "apply.title", m);
}

int bud_web_apply_form(bud_req *req)
{
	struct edit_state es;

	bud_form_init(&es.form, &application_form, req->lang);
	es.values = json_pack("{s:s}", "kind", "company");
	es.langs = json_pack("[s]", req->lang);
	return apply_page(req, 200, &es, NULL);
}

/* The services checked and the municipalities typed, as every pair of
 * them, into in->wants; wanted gets the services (to show them again). */
static void read_wants(bud_req *req, struct bud_provider_application *in,
		       struct bud_form *f, json_t *wanted)
{
	const char *svc[BUD_APPLICATION_WANTS_MAX], *mun[BUD_PROVIDER_AREAS_MAX];
	size_t i, j, ns = 0, nm = 0;
	bud_err err;

	bud_err_clear(&err);
	for (i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].key, "want_service") == 0 &&
		    ns < BUD_APPLICATION_WANTS_MAX) {
			svc[ns++] = req->form[i].value;
			json_array_append_new(wanted, json_string(req->form[i].value));
		}
	if (!ns)
		bud_form_check(f, bud_err_set(&err, BUD_EINVAL, "want_services",
			       "err.provider.wants", "no service"), &err);
	bud_form_check(f, split_list(req, bud_view_form_value(req, "want_municipalities"),
		       mun, BUD_PROVIDER_AREAS_MAX, &nm, "want_municipalities", &err), &err);
	if (!nm && !bud_form_count(f))
		bud_form_check(f, bud_err_set(&err, BUD_EINVAL, "want_municipalities",
			       "err.required", "no municipality"), &err);
	if (ns * nm > BUD_APPLICATION_WANTS_MAX)
		bud_form_check(f, bud_err_set(&err, BUD_EINVAL, "want_services",
			       "err.provider.wants", "too many"), &err);
	for (i = 0; i < ns && ns * nm <= BUD_APPLICATION_WANTS_MAX; i++)
		for (j = 0; j < nm; j++) {
			in->wants[in->nwants].service = svc[i];
			in->wants[in->nwants++].municipality = mun[j];
		}
}

/* The statutory documents sent with the application (file parts
 * doc_KIND; a file input left empty sends an empty part without a name,
 * which is no document), each checked as an upload is
 * (bud_document_check) before anything is written, its error at its
 * field. docs[k] gets the document of bud_document_kinds[k], or kind
 * NULL. */
static void read_documents(bud_req *req, struct bud_document_in *docs,
			   struct bud_form *f)
{
	char field[48];
	size_t k;
	bud_err err;

	for (k = 0; bud_document_kinds[k]; k++) {
		const struct bud_upload *u;

		snprintf(field, sizeof field, "doc_%s", bud_document_kinds[k]);
		u = bud_req_file(req, field);
		memset(&docs[k], 0, sizeof docs[k]);
		if (!u || (u->len == 0 && (!u->filename || !u->filename[0])))
			continue;
		docs[k] = (struct bud_document_in){bud_document_kinds[k], u->filename,
						   u->content_type, u->data, u->len};
		bud_err_clear(&err);
		if (bud_document_check(&docs[k], &err) != BUD_OK) {
			snprintf(err.field, sizeof err.field, "%s", field);
			bud_form_check(f, err.code, &err);
		}
	}
}

/* The applicant's documents, kept as the new admin (actor). They passed
 * bud_document_check; one that still fails (the disk) is left out, and
 * the provider's page then shows it missing. */
static void keep_documents(bud_req *req, const bud_actor *actor, int64_t id,
			   const struct bud_document_in *docs)
{
	size_t k;
	bud_err err;

	for (k = 0; bud_document_kinds[k]; k++)
		if (docs[k].kind)
			bud_document_upload(req->app, actor, id, &docs[k], NULL, &err);
}

/* The applicant, now the provider's admin, signed in on provider id's
 * page with its documents kept; when the sign-in is refused (slowed
 * down), the sign-in page. */
static int apply_signed_in(bud_req *req, const struct bud_provider_application *in,
			   int64_t id, const struct bud_document_in *docs)
{
	char token[BUD_TOKEN_TEXT + 8], where[48];
	bud_actor actor;
	bud_err err;

	bud_err_clear(&err);
	if (bud_account_login(req->app, in->username, in->password, req->actor.addr,
			      &actor, token, &err) != BUD_OK)
		return bud_resp_redirect(req, "/login");
	keep_documents(req, &actor, id, docs);
	bud_resp_cookie(req, "bud_session", token, 0);
	bud_resp_cookie(req, "lang", actor.lang, BUD_LANG_COOKIE_S);
	snprintf(where, sizeof(where), "/providers/%lld?saved=1", (long long)id);
	return bud_resp_redirect(req, where);
}

int bud_web_apply(bud_req *req)
{
	struct bud_provider_application *in = bud_req_alloc(req, sizeof(*in));
	struct bud_document_in *docs = bud_req_alloc(req, 8 * sizeof(*docs));
	static const char *const account[] = {"username", "display_name", NULL};
	json_t *wanted = json_array();
	struct edit_state es;
	int64_t id = 0;
	size_t i;
	bud_err err;
	int rc;

	memset(in, 0, sizeof(*in));
	bud_form_init(&es.form, &application_form, req->lang);
	read_form(req, &in->provider, &es);
	read_wants(req, in, &es.form, wanted);
	read_documents(req, docs, &es.form);
	for (i = 0; account[i]; i++)
		json_object_set_new(es.values, account[i],
				    json_string(bud_view_form_value(req, account[i])));
	json_object_set_new(es.values, "want_municipalities",
		json_string(bud_view_form_value(req, "want_municipalities")));
	in->username = bud_view_form_value(req, "username");
	in->display_name = bud_view_form_value(req, "display_name");
	in->password = bud_view_form_value(req, "password");
	in->lang = req->lang;
	bud_err_clear(&err);
	rc = bud_form_count(&es.form) ? BUD_EINVAL :
	     bud_provider_application(req->app, in, &id, NULL, &err);
	if (rc == BUD_OK || (rc == err.code && err.code != BUD_EINVAL &&
			     err.code != BUD_ECONFLICT && err.code != BUD_ETOOBIG)) {
		json_decref(es.values);
		json_decref(es.langs);
		json_decref(wanted);
		bud_form_release(&es.form);
		return rc == BUD_OK ? apply_signed_in(req, in, id, docs) :
				      bud_resp_error(req, &err);
	}
	if (err.code)
		bud_form_add(&es.form, &err, NULL);
	rc = apply_page(req, err.code ? bud_view_form_status(err.code) : 422, &es, wanted);
	json_decref(wanted);
	return rc;
}
