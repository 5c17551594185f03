/*
 * web/retention.c: the admin's retention pages (web/retention.h). /retention
 * shows the period (a form), the clients whose time has passed (paged,
 * no names: the admin sees no client data) and the destruction lists;
 * /retention/lists/{id} shows one list with its approval form (the
 * password again) or, once approved, the button that destroys. Errors go
 * through the form toolkit (web/form.h); a refusal that is no form's is
 * an error page.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/retention.h"
#include "core/i18n.h"
#include "bud_limits.h"
#include "web/form.h"
#include "web/retention.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field years_fields[] = {
	{"retention_years", "retention_years", "retention.years", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def years_form = {"years-form", years_fields};
static const struct bud_form_field make_fields[] = {
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def make_form = {"make-form", make_fields};
static const struct bud_form_field approve_fields[] = {
	{"password", "dl-password", "invweb.approve.password", NULL},
	{"code", "dl-code", "planweb.approve.code", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def approve_form = {"approve-form", approve_fields};

/* A due client or a list's client as the page shows it. */
static json_t *client_row(bud_req *req, json_t *v)
{
	const char *state = bud_view_str(v, "state");

	return json_pack("{s:I, s:o, s:o, s:o, s:s, s:s, s:s}", "client_id",
		bud_view_int(v, "client_id"), "municipality",
		bud_view_municipality(bud_view_str(v, "municipality"), req->lang),
		"closed_on", bud_view_date(bud_view_str(v, "closed_on"), req->lang),
		"due_on", bud_view_date(bud_view_str(v, "due_on"), req->lang),
		"state", state[0] ? bud_view_word(req->lang, "retention.item.", state, "") : "",
		"state_code", state, "removed", bud_view_str(v, "removed"));
}

/* A list as a row of the page's table (and the heading of its own). */
static json_t *list_row(bud_req *req, json_t *l)
{
	return json_pack("{s:I, s:o, s:s, s:s, s:s, s:I, s:I, s:I, s:o}", "id",
		bud_view_int(l, "id"), "as_of", bud_view_date(bud_view_str(l, "as_of"),
		req->lang), "state", bud_view_word(req->lang, "retention.list.",
		bud_view_str(l, "state"), ""), "created_by", bud_view_str(l, "created_by"),
		"approved_by", bud_view_str(l, "approved_by"), "clients",
		bud_view_int(l, "clients"), "destroyed", bud_view_int(l, "destroyed"),
		"dropped", bud_view_int(l, "dropped"), "approved_on",
		bud_view_unix_date(bud_view_int(l, "approved_at"), req->lang));
}

static json_t *rows_of(bud_req *req, json_t *items, json_t *(*row)(bud_req *, json_t *))
{
	json_t *out = json_array(), *v;
	size_t i;

	json_array_foreach(items, i, v)
		json_array_append_new(out, row(req, v));
	return out;
}

/* The due clients (one page), the lists (the newest page) and the period
 * into m, then the page. */
static int main_page(bud_req *req, int status, json_t *m)
{
	struct bud_page pg, lp;
	json_t *set = NULL, *due = NULL, *lists = NULL;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	bud_page_first(&lp);
	if ((rc = bud_req_page(req, &pg, &err)) ||
	    (rc = bud_retention_settings(req->app, &req->actor, &set, &err)) ||
	    (rc = bud_retention_due(req->app, &req->actor, &pg, &due, &err)) ||
	    (rc = bud_retention_lists(req->app, &req->actor, &lp, &lists, &err))) {
		json_decref(m);
		json_decref(set);
		json_decref(due);
		return bud_resp_error(req, &err);
	}
	if (!json_object_get(m, "retention_years"))
		json_object_set(m, "retention_years", json_object_get(set, "retention_years"));
	json_object_set(m, "open_list", json_object_get(set, "open_list"));
	json_object_set_new(m, "years_min", json_integer(BUD_RETENTION_YEARS_MIN));
	json_object_set_new(m, "due", rows_of(req, due, client_row));
	json_object_set_new(m, "has_due", json_boolean(json_array_size(due) > 0));
	json_object_set_new(m, "lists", rows_of(req, lists, list_row));
	json_object_set_new(m, "has_lists", json_boolean(json_array_size(lists) > 0));
	bud_web_pager(m, "/retention", NULL, &pg, pg.at + 1, json_array_size(due));
	json_decref(set);
	json_decref(due);
	json_decref(lists);
	return bud_web_page(req, status, "retention", "retention.title", m);
}

int bud_web_retention(bud_req *req)
{
	return main_page(req, 200, json_pack("{s:b}", "saved",
			 bud_req_query(req, "saved") != NULL));
}

int bud_web_retention_years(bud_req *req)
{
	struct bud_form fe;
	int64_t years = 0;
	json_t *m;
	bud_err err;

	bud_err_clear(&err);
	bud_form_init(&fe, &years_form, req->lang);
	if (!bud_form_check(&fe, bud_req_i64(req, "retention_years", 1,
					     BUD_RETENTION_YEARS_MIN,
					     BUD_RETENTION_YEARS_MAX, &years, &err), &err) &&
	    bud_retention_years_set(req->app, &req->actor, (int)years, &err) == BUD_OK) {
		bud_form_release(&fe);
		return bud_resp_redirect(req, "/retention?saved=1");
	}
	if (bud_view_page_error(err.code)) {
		bud_form_release(&fe);
		return bud_resp_error(req, &err);
	}
	if (!bud_form_count(&fe))
		bud_form_add(&fe, &err, "retention_years");
	m = json_pack("{s:s}", "retention_years", bud_view_form_value(req, "retention_years"));
	bud_form_model(&fe, m);
	bud_form_release(&fe);
	return main_page(req, 422, m);
}

int bud_web_dlist_create(bud_req *req)
{
	struct bud_form fe;
	char where[64];
	int64_t id = 0;
	json_t *m;
	bud_err err;

	bud_err_clear(&err);
	if (bud_retention_list_create(req->app, &req->actor, &id, &err) == BUD_OK) {
		snprintf(where, sizeof(where), "/retention/lists/%" PRId64, id);
		return bud_resp_redirect(req, where);
	}
	if (err.code != BUD_ECONFLICT)
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &make_form, req->lang);
	bud_form_add(&fe, &err, NULL);
	m = json_object();
	bud_form_model(&fe, m);
	bud_form_release(&fe);
	return main_page(req, 409, m);
}

/* List id's page with model m (stolen). */
static int list_page(bud_req *req, int status, int64_t id, json_t *m)
{
	json_t *l = NULL, *v;
	char title[128];
	const char *state;
	bud_err err;

	bud_err_clear(&err);
	if (bud_retention_list_get(req->app, &req->actor, id, &l, &err) != BUD_OK) {
		json_decref(m);
		return bud_resp_error(req, &err);
	}
	state = bud_view_str(l, "state");
	v = list_row(req, l);
	json_object_update(m, v);
	json_decref(v);
	json_object_set_new(m, "items", rows_of(req, json_object_get(l, "items"), client_row));
	json_object_set_new(m, "proposed", json_boolean(strcmp(state, "proposed") == 0));
	json_object_set_new(m, "approved", json_boolean(strcmp(state, "approved") == 0));
	json_object_set_new(m, "made_on", bud_view_unix_date(bud_view_int(l, "created_at"),
							      req->lang));
	snprintf(title, sizeof(title), "%s %" PRId64, bud_msg(req->lang, "retention.list.title"),
		 id);
	json_decref(l);
	return bud_web_page_titled(req, status, "retention_list", title, m);
}

int bud_web_dlist(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	return list_page(req, 200, id, json_pack("{s:b, s:b}", "approved_notice",
			 bud_req_query(req, "approved") != NULL, "destroyed_notice",
			 bud_req_query(req, "destroyed") != NULL));
}

int bud_web_dlist_approve(bud_req *req)
{
	const char *password = NULL, *code = NULL;
	struct bud_form fe;
	char where[80];
	json_t *m;
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &approve_form, req->lang);
	rc = bud_req_str(req, "password", 1, BUD_PASSWORD_MAX, &password, &err);
	if (rc == BUD_OK)
		rc = bud_req_str(req, "code", 0, BUD_TOTP_INPUT_MAX, &code, &err);
	if (rc == BUD_OK)
		rc = bud_retention_list_approve(req->app, &req->actor, id, password, code, &err);
	if (rc == BUD_OK) {
		bud_form_release(&fe);
		snprintf(where, sizeof(where), "/retention/lists/%" PRId64 "?approved=1", id);
		return bud_resp_redirect(req, where);
	}
	if (bud_view_page_error(err.code)) {
		bud_form_release(&fe);
		return bud_resp_error(req, &err);
	}
	bud_form_add(&fe, &err, "password");
	m = json_object();
	bud_form_model(&fe, m);
	bud_form_release(&fe);
	return list_page(req, bud_view_form_status(err.code), id, m);
}

int bud_web_dlist_destroy(bud_req *req)
{
	char where[80];
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_retention_list_destroy(req->app, &req->actor, id, NULL, NULL, &err))
		return bud_resp_error(req, &err);
	snprintf(where, sizeof(where), "/retention/lists/%" PRId64 "?destroyed=1", id);
	return bud_resp_redirect(req, where);
}
