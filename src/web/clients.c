/*
 * web/clients.c: the clients pages (web/clients.h). Each handler decodes
 * the form or query, calls one app/client.h use case and renders a
 * client_*.html template over a jansson model. Texts that depend on data
 * (a language's name, a role, a use-log action) are looked up here, since
 * templates only take fixed catalog keys.
 *
 * Invalid input re-renders the form with status 422 and its errors
 * (web/form.h: the summary and each field's message, all of a submit at
 * once); typed values are kept. The inputs of the mandate and account
 * forms on the client page have ids starting "mandate-" and "account-".
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>


#include "app/client.h"
#include "app/municipality.h"
#include "core/i18n.h"
#include "bud_limits.h"
#include "web/clients.h"
#include "web/commitments.h"
#include "web/form.h"
#include "web/guide.h"
#include "web/view.h"
#include "web/web.h"

/* ---- errors and small helpers -------------------------------------------- */

/* The forms of these pages and their fields (web/form.h). */
static const struct bud_form_field search_fields[] = {
	{"q", "q", "clients.search.label", NULL}, {NULL, NULL, NULL, NULL},
};
static const struct bud_form_field client_fields[] = {
	{"hetu", "hetu", "clients.field.hetu", NULL},
	{"first_name", "first_name", "clients.field.first_name", NULL},
	{"last_name", "last_name", "clients.field.last_name", NULL},
	{"lang", "lang", "clients.field.lang", NULL},
	{"municipality", "municipality", "clients.field.municipality", NULL},
	{"email", "email", "clients.field.email", NULL},
	{"phone", "phone", "clients.field.phone", NULL},
	{"address", "address", "clients.field.address", NULL},
	{"communication", "communication", "clients.field.communication", NULL},
	{"easy_read", "easy_read-group", "clients.field.easy_read_legend", "easy_read"},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_field mandate_fields[] = {
	{"username", "mandate-username", "clients.mandates.username", NULL},
	{"kind", "mandate-kind", "clients.mandates.kind", NULL},
	{"scope", "mandate-scope", "clients.mandates.scope", NULL},
	{"valid_from", "mandate-valid_from", "clients.mandates.valid_from", NULL},
	{"valid_to", "mandate-valid_to", "clients.mandates.valid_to", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_field account_fields[] = {
	{"username", "account-username", "clients.account.username", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_field log_fields[] = {
	{"from", "log-from", "clients.log.from", NULL},
	{"to", "log-to", "clients.log.to", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def search_form = {"client-search", search_fields};
static const struct bud_form_def client_form = {"client-form", client_fields};
static const struct bud_form_def mandate_form = {"mandate-form", mandate_fields};
static const struct bud_form_def account_form = {"account-form", account_fields};
static const struct bud_form_def log_form = {"log-period", log_fields};

/* Put the one error err of a submit of def into model m (fallback: the
 * field of an error that names none). */
static void one_error(bud_req *req, json_t *m, const struct bud_form_def *def,
		      const bud_err *err, const char *fallback)
{
	struct bud_form f;

	bud_form_init(&f, def, req->lang);
	bud_form_add(&f, err, fallback);
	bud_form_model(&f, m);
}

static const char *lang_name(bud_req *req, const char *lang)
{
	return bud_msg(req->lang, strcmp(lang, "sv") == 0 ? "clients.lang.sv" :
			"clients.lang.fi");
}

static const char *yes_no(bud_req *req, int yes)
{
	return bud_msg(req->lang, yes ? "clients.yes" : "clients.no");
}

/* ---- the list and search --------------------------------------------------- */

static json_t *list_rows(bud_req *req, json_t *arr)
{
	json_t *it;
	size_t i;

	json_array_foreach(arr, i, it) {
		json_object_set_new(it, "lang_text",
				    json_string(lang_name(req, bud_view_str(it, "lang"))));
		json_object_set_new(it, "easy_read_text", json_string(
			yes_no(req, json_is_true(json_object_get(it, "easy_read")))));
	}
	return arr;
}

/* The pager: the search text goes on in POST forms, never in a link. */
static void clients_pager(json_t *m, const char *q, const struct bud_page *pg,
			  size_t n)
{
	json_t *fields;

	if (!q) {
		bud_web_pager(m, "/clients", NULL, pg, pg->at + 1, n);
		return;
	}
	fields = json_pack("{s:s}", "q", q);
	bud_web_pager_post(m, "/clients/search", fields, pg, pg->at + 1, n);
	json_decref(fields);
}

/* The list page: the search results of the form's q (post), else the
 * worker's own clients (a GET ignores any q: searches are POSTed so that
 * names and identity codes stay out of URLs). */
static int list_page(bud_req *req, int post)
{
	int worker = req->actor.role == BUD_ROLE_WORKER;
	const char *q = NULL;
	json_t *m = json_object(), *arr = NULL;
	struct bud_page pg;
	int searched, rc = BUD_OK;
	bud_err err;

	bud_err_clear(&err);
	json_object_set_new(m, "is_worker", json_boolean(worker));
	if (post)
		rc = bud_req_str(req, "q", 0, BUD_NAME_MAX, &q, &err);
	if (rc == BUD_OK)
		rc = bud_req_page(req, &pg, &err);
	searched = rc == BUD_OK && q && q[0];
	json_object_set_new(m, "q", json_string(q ? q : ""));
	if (rc == BUD_OK && (searched || worker))
		rc = bud_client_search(req->app, &req->actor, searched ? q : NULL,
				       !searched, &pg, &arr, &err);
	if (rc != BUD_OK) {
		if (err.code != BUD_EINVAL) {
			json_decref(m);
			return bud_resp_error(req, &err);
		}
		one_error(req, m, &search_form, &err, "q");
		return bud_web_page(req, 422, "client_list", "clients.title", m);
	}
	if (arr) {
		json_object_set_new(m, "show_list", json_true());
		json_object_set_new(m, "list_title", json_string(bud_msg(req->lang,
			searched ? "clients.results" : "clients.mine")));
		json_object_set_new(m, "empty_text", json_string(bud_msg(req->lang,
			searched ? "clients.results.none" : "clients.mine.none")));
		json_object_set_new(m, "has_items", json_boolean(json_array_size(arr)));
		clients_pager(m, searched ? q : NULL, &pg, json_array_size(arr));
		json_object_set_new(m, "items", list_rows(req, arr));
	}
	return bud_web_page(req, 200, "client_list", "clients.title", m);
}

int bud_web_clients(bud_req *req)
{
	return list_page(req, 0);
}

int bud_web_clients_search(bud_req *req)
{
	return list_page(req, 1);
}

/* ---- the client form -------------------------------------------------------- */

static const char *const text_fields[] = {
	"hetu", "first_name", "last_name", "municipality", "email", "phone",
	"address", "communication",
};

/* The form's model in the page language ui: values from v (an object of
 * the fields, borrowed). */
static json_t *form_model(json_t *v, const char *ui, int creating, int64_t id)
{
	json_t *m = json_object();
	const char *lang = bud_view_str(v, "lang");
	char action[48], cancel[48];
	size_t i;

	for (i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++)
		json_object_set_new(m, text_fields[i],
				    json_string(bud_view_str(v, text_fields[i])));
	json_object_set_new(m, "lang_sv", json_boolean(strcmp(lang, "sv") == 0));
	json_object_set_new(m, "lang_fi", json_boolean(strcmp(lang, "sv") != 0));
	json_object_set_new(m, "municipalities", bud_view_municipality_options(NULL,
			    bud_view_str(v, "municipality"), ui));
	json_object_set_new(m, "easy_read",
			    json_boolean(json_is_true(json_object_get(v, "easy_read"))));
	json_object_set_new(m, "creating", json_boolean(creating));
	/* the version the edit is based on (app/etag.h): a change someone
	 * else made meanwhile is refused, not overwritten */
	json_object_set_new(m, "etag", json_string(bud_view_str(v, "etag")));
	if (creating) {
		snprintf(action, sizeof(action), "/clients");
		snprintf(cancel, sizeof(cancel), "/clients");
	} else {
		snprintf(action, sizeof(action), "/clients/%" PRId64, id);
		snprintf(cancel, sizeof(cancel), "/clients/%" PRId64, id);
	}
	json_object_set_new(m, "action", json_string(action));
	json_object_set_new(m, "cancel_href", json_string(cancel));
	return m;
}

/*
 * Decode the client form into f (strings live with the request) and the
 * typed values into *values; every field error goes into fe. Returns the
 * number of errors.
 */
static int form_decode(bud_req *req, int creating, struct bud_client_fields *f,
		       json_t *values, struct bud_form *fe)
{
	static const char *const langs[] = {"fi", "sv", NULL};
	const char **slots[] = {
		&f->hetu, &f->first_name, &f->last_name, &f->municipality,
		&f->email, &f->phone, &f->address, &f->communication,
	};
	const size_t maxes[] = {
		BUD_MAX_ID_LEN, BUD_NAME_MAX, BUD_NAME_MAX, BUD_NAME_MAX,
		BUD_NAME_MAX, BUD_PHONE_MAX, BUD_NAME_MAX, BUD_NOTE_MAX,
	};
	int errors = 0;
	bud_err err;
	size_t i;

	memset(f, 0, sizeof(*f));
	for (i = creating ? 0 : 1; i < sizeof text_fields / sizeof text_fields[0]; i++) {
		const char *s = NULL;

		bud_err_clear(&err);
		if (bud_req_str(req, text_fields[i], 0, maxes[i], &s, &err)) {
			bud_form_add(fe, &err, text_fields[i]);
			errors++;
		} else if (!s && i <= 2) {
			s = "";
		}
		*slots[i] = s;
		json_object_set_new(values, text_fields[i], json_string(s ? s : ""));
		if (s && !s[0] && i <= 2) {
			bud_err_set(&err, BUD_EINVAL, text_fields[i], "err.required",
				    "%s missing", text_fields[i]);
			bud_form_add(fe, &err, text_fields[i]);
			errors++;
		}
	}
	bud_err_clear(&err);
	if (bud_req_enum(req, "lang", 0, langs, &f->lang, &err)) {
		bud_form_add(fe, &err, "lang");
		errors++;
	}
	json_object_set_new(values, "lang", json_string(f->lang ? f->lang : "fi"));
	f->easy_read = 0;	/* an unchecked box is not sent */
	bud_err_clear(&err);
	if (bud_req_bool(req, "easy_read", &f->easy_read, &err)) {
		bud_form_add(fe, &err, "easy_read");
		errors++;
	}
	json_object_set_new(values, "easy_read", json_boolean(f->easy_read == 1));
	bud_err_clear(&err);
	if (!creating && bud_req_str(req, "etag", 0, BUD_CODE_MAX, &f->if_etag,
				     &err) == BUD_OK && f->if_etag) {
		json_object_set_new(values, "etag", json_string(f->if_etag));
		if (!f->if_etag[0])
			f->if_etag = NULL;
	}
	return errors;
}

int bud_web_client_new(bud_req *req)
{
	json_t *v = json_pack("{s:s}", "lang", "fi");
	json_t *m = form_model(v, req->lang, 1, 0);

	json_decref(v);
	return bud_web_page(req, 200, "client_form", "clients.new.title", m);
}

/* Re-render the form after the errors in fe (values v, stolen). */
static int form_again(bud_req *req, struct bud_form *fe, json_t *v, int creating,
		      int64_t id, int status)
{
	json_t *page = form_model(v, req->lang, creating, id);

	json_decref(v);
	bud_form_model(fe, page);
	return bud_web_page(req, status, "client_form",
			    creating ? "clients.new.title" : "clients.edit.title",
			    page);
}

static int form_submit(bud_req *req, int creating, int64_t id)
{
	struct bud_client_fields f;
	struct bud_form fe;
	json_t *v = json_object();
	char loc[48];
	bud_err err;
	int rc;

	bud_form_init(&fe, &client_form, req->lang);
	if (form_decode(req, creating, &f, v, &fe) > 0)
		return form_again(req, &fe, v, creating, id, 422);
	bud_err_clear(&err);
	rc = creating ? bud_client_create(req->app, &req->actor, &f, &id, &err) :
		bud_client_update(req->app, &req->actor, id, &f, &err);
	if (rc == BUD_OK || (rc != BUD_EINVAL && rc != BUD_ECONFLICT)) {
		bud_form_release(&fe);
		json_decref(v);
		if (rc != BUD_OK)
			return bud_resp_error(req, &err);
		snprintf(loc, sizeof(loc), "/clients/%" PRId64, id);
		return bud_form_done(req, loc, "client");
	}
	bud_form_add(&fe, &err, "first_name");
	return form_again(req, &fe, v, creating, id, bud_view_form_status(err.code));
}

int bud_web_client_create(bud_req *req)
{
	return form_submit(req, 1, 0);
}

int bud_web_client_update(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	return form_submit(req, 0, id);
}

int bud_web_client_edit(bud_req *req)
{
	json_t *c = NULL;
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if ((rc = bud_req_id(req, "id", &id, &err)) == BUD_OK)
		rc = bud_client_get(req->app, &req->actor, id, &c, &err);
	if (rc != BUD_OK)
		return bud_resp_error(req, &err);
	rc = bud_web_page(req, 200, "client_form", "clients.edit.title",
			  form_model(c, req->lang, 0, id));
	json_decref(c);
	return rc;
}

/* ---- the client page ----------------------------------------------------------- */

/* One <dt>/<dd> pair of a list of facts (client_show.html's
 * {{{details}}} and {{{contact}}}), straight as HTML: the client page is
 * read on every visit, and a model of a dozen objects costs more than
 * the markup. dd_class is the <dd>'s attributes (" class=..." or ""). */
static void fact(bud_buf *b, const char *label, const char *value,
		 const char *none, const char *dd_attrs)
{
	bud_buf_adds(b, "<dt>");
	bud_buf_add_html(b, label);
	bud_buf_adds(b, "</dt><dd");
	bud_buf_adds(b, dd_attrs);
	bud_buf_addc(b, '>');
	bud_buf_add_html(b, value && value[0] ? value : none);
	bud_buf_adds(b, "</dd>\n");
}

/* b's text as model member key (b is reset for the next list). */
static void put_html(json_t *m, const char *key, bud_buf *b)
{
	if (!bud_buf_failed(b))
		json_object_set_new(m, key, json_stringn_nocheck(bud_buf_str(b), b->len));
	bud_buf_reset(b);
}

/* The details and contact lists of client view c. The identity code is
 * the whole one when c has it (the client's own page) or revealed is set
 * (after "Show identity code"), else masked with the reveal button. */
static void facts(bud_req *req, json_t *m, json_t *c, int staff,
		  const char *revealed)
{
	static const char pre[] = " class=\"pre-line\"";
	const char *none = bud_msg(req->lang, "clients.show.none");
	const char *L = req->lang;
	json_t *worker = json_object_get(c, "worker");
	const char *whole = revealed ? revealed : json_string_value(json_object_get(c, "hetu"));
	bud_buf b;

	bud_buf_init(&b, BUD_MAX_RESPONSE);
	fact(&b, bud_msg(L, "clients.field.hetu"),
	     whole ? whole : bud_view_str(c, "hetu_masked"), none, pre);
	json_object_set_new(m, "hetu_reveal", json_boolean(!whole));
	fact(&b, bud_msg(L, "clients.field.lang"), lang_name(req, bud_view_str(c, "lang")),
	     none, pre);
	fact(&b, bud_msg(L, "clients.field.municipality"),
	     bud_municipality_show(bud_view_str(c, "municipality"), L), none, pre);
	fact(&b, bud_msg(L, "clients.field.easy_read_legend"),
	     yes_no(req, json_is_true(json_object_get(c, "easy_read"))), none, pre);
	fact(&b, bud_msg(L, "clients.field.communication"), bud_view_str(c, "communication"),
	     none, pre);
	fact(&b, bud_msg(L, staff ? "clients.show.worker" : "clients.own.worker"),
	     json_is_object(worker) ? bud_view_str(worker, "name") : "", none, pre);
	if (staff)
		fact(&b, bud_msg(L, "clients.show.unit"),
		     bud_view_lang_name(json_object_get(c, "unit"), req->lang), none, pre);
	put_html(m, "details", &b);
	fact(&b, bud_msg(L, "clients.field.email"), bud_view_str(c, "email"), none, "");
	fact(&b, bud_msg(L, "clients.field.phone"), bud_view_str(c, "phone"), none, "");
	fact(&b, bud_msg(L, "clients.field.address"), bud_view_str(c, "address"), none, "");
	put_html(m, "contact", &b);
	bud_buf_free(&b);
}

static json_t *mandate_rows(bud_req *req, json_t *arr)
{
	char key[48];
	json_t *it;
	size_t i;

	json_array_foreach(arr, i, it) {
		snprintf(key, sizeof(key), "mandate.kind.%s", bud_view_str(it, "kind"));
		json_object_set_new(it, "kind_text", json_string(bud_msg(req->lang, key)));
		snprintf(key, sizeof(key), "mandate.scope.%s", bud_view_str(it, "scope"));
		json_object_set_new(it, "scope_text", json_string(bud_msg(req->lang, key)));
		snprintf(key, sizeof(key), "clients.mandates.state.%s", bud_view_str(it, "state"));
		json_object_set_new(it, "state_text", json_string(bud_msg(req->lang, key)));
		json_object_set_new(it, "valid_to_text", bud_view_date(bud_view_str(it, "valid_to"),
								     req->lang));
		json_object_set_new(it, "valid_from_text", bud_view_date(bud_view_str(it, "valid_from"),
								       req->lang));
	}
	return arr;
}

/* The <option>s of a select with values vals and catalog keys prefix +
 * value, sel the selected value, as HTML (client_show.html's
 * {{{kind_options}}}). */
static json_t *options(bud_req *req, const char *const *vals, const char *prefix,
		       const char *sel)
{
	char key[48];
	json_t *v;
	bud_buf b;

	bud_buf_init(&b, BUD_MAX_RESPONSE);
	for (; *vals; vals++) {
		snprintf(key, sizeof(key), "%s%s", prefix, *vals);
		bud_buf_adds(&b, "<option value=\"");
		bud_buf_add_html(&b, *vals);
		bud_buf_adds(&b, sel && strcmp(sel, *vals) == 0 ? "\" selected>" : "\">");
		bud_buf_add_html(&b, bud_msg(req->lang, key));
		bud_buf_adds(&b, "</option>\n");
	}
	v = bud_buf_failed(&b) ? json_string("") :
		json_stringn_nocheck(bud_buf_str(&b), b.len);
	bud_buf_free(&b);
	return v;
}

/* The staff parts: mandates and their form, the account form. extra may
 * hold typed values m_* of the mandate form. */
static int staff_parts(bud_req *req, json_t *m, json_t *c, int64_t id,
		       json_t *extra, bud_err *err)
{
	static const char *const kinds[] = {"guardian", "trustee", "authorised", NULL};
	static const char *const scopes[] = {"view", "act", NULL};
	json_t *mandates = NULL, *can = json_object_get(c, "can");
	char day[16];
	int rc;

	rc = bud_client_mandates(req->app, &req->actor, id, &mandates, err);
	if (rc != BUD_OK)
		return rc;
	json_object_set_new(m, "has_mandates", json_boolean(json_array_size(mandates)));
	json_object_set_new(m, "mandates", mandate_rows(req, mandates));
	json_object_set_new(m, "can_edit", json_incref(json_object_get(can, "edit")));
	json_object_set_new(m, "can_mandates", json_incref(json_object_get(can, "mandates")));
	json_object_set_new(m, "can_account", json_incref(json_object_get(can, "account")));
	if (bud_app_today(req->app, day, sizeof(day)) != BUD_OK)
		day[0] = '\0';
	json_object_set_new(m, "kind_options", options(req, kinds, "mandate.kind.",
		extra ? bud_view_str(extra, "m_kind") : "guardian"));
	json_object_set_new(m, "scope_options", options(req, scopes, "mandate.scope.",
		extra ? bud_view_str(extra, "m_scope") : "view"));
	if (!extra || !json_object_get(extra, "m_valid_from"))
		json_object_set_new(m, "m_valid_from", bud_form_date(day, req->lang));
	return BUD_OK;
}

/* The client page; extra (stolen, may be NULL) adds errors and typed values. */
/* Each mandate row's confirm_error: its box's error of the page, or false
 * (absent, {{#confirm_error}} would look further out). */
static void mandate_errors(json_t *m)
{
	json_t *invalid = json_object_get(m, "invalid"), *row, *e;
	char eid[48];
	size_t i;

	json_array_foreach(json_object_get(m, "mandates"), i, row) {
		snprintf(eid, sizeof eid, "mandate-confirm-%" PRId64,
			 (int64_t)json_integer_value(json_object_get(row, "id")));
		e = json_object_get(invalid, eid);
		json_object_set_new(row, "confirm_error", e ? json_incref(e) : json_false());
	}
}

/* A note of the client page in words for whose eyes (issue 13 item 4):
 * the client's own ("your language", clients.own.*), a representative's
 * ("the person you represent", clients.rep.*), or staff's (clients.show.*). */
static const char *note(bud_req *req, const char *name)
{
	char key[64];

	snprintf(key, sizeof key, "clients.%s.%s",
		 req->actor.role == BUD_ROLE_CLIENT ? "own" :
		 req->actor.role == BUD_ROLE_REPRESENTATIVE ? "rep" : "show", name);
	return bud_msg(req->lang, key);
}

static int show_page(bud_req *req, int64_t id, int status, json_t *extra)
{
	int staff = req->actor.role == BUD_ROLE_WORKER ||
		    req->actor.role == BUD_ROLE_DECISION_MAKER;
	json_t *c = NULL, *m, *title;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_client_get(req->app, &req->actor, id, &c, &err) != BUD_OK) {
		json_decref(extra);
		return bud_resp_error(req, &err);
	}
	m = json_pack("{s:o, s:b, s:s, s:s, s:s}", "c", c, "is_staff", staff, "lang_note",
		note(req, strcmp(bud_view_str(c, "lang"), "sv") == 0 ? "lang_sv" : "lang_fi"),
		"easy_note", note(req, "easy_read"), "hetu_hint", bud_msg(req->lang,
			req->actor.role == BUD_ROLE_REPRESENTATIVE ?
			"clients.rep.hetu_reveal_hint" : "clients.show.hetu_reveal_hint"));
	json_object_set_new(m, "flags", bud_web_commitment_flags(req, id));
	facts(req, m, c, staff, extra ? json_string_value(
		json_object_get(extra, "hetu_revealed")) : NULL);
	if (!staff)
		json_object_set_new(m, "own_intro", json_string(bud_msg(req->lang,
			req->actor.role == BUD_ROLE_CLIENT ? "clients.own.intro" :
			"clients.own.intro_rep")));
	if (staff && (rc = staff_parts(req, m, c, id, extra, &err)) != BUD_OK) {
		json_decref(m);
		json_decref(extra);
		return bud_resp_error(req, &err);
	}
	if (extra) {
		json_object_update(m, extra);
		json_decref(extra);
	}
	mandate_errors(m);
	/* The page title is the client's name. */
	title = bud_view_person_name(c);
	rc = bud_web_page_titled(req, status, "client_show", json_string_value(title), m);
	json_decref(title);
	return rc;
}

int bud_web_client_show(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	return show_page(req, id, 200, NULL);
}

int bud_web_client_hetu(bud_req *req)
{
	char hetu[BUD_HETU_BUF];
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_client_hetu(req->app, &req->actor, id, hetu, sizeof(hetu), &err))
		return bud_resp_error(req, &err);
	return show_page(req, id, 200, json_pack("{s:s}", "hetu_revealed", hetu));
}

/* The typed value of form field name into m's member key (as typed). */
static void keep(bud_req *req, json_t *m, const char *name, const char *key)
{
	const char *s = NULL;
	bud_err err;

	if (bud_req_str(req, name, 0, BUD_NAME_MAX, &s, &err) != BUD_OK)
		s = NULL;
	json_object_set_new(m, key, json_string(s ? s : ""));
}

int bud_web_client_mandate_add(bud_req *req)
{
	static const char *const kinds[] = {"guardian", "trustee", "authorised", NULL};
	static const char *const scopes[] = {"view", "act", NULL};
	struct bud_client_mandate_in in;
	struct bud_form fe;
	json_t *extra;
	int64_t id;
	char loc[64];
	bud_err err;
	int rc;

	bud_err_clear(&err);
	memset(&in, 0, sizeof(in));
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	/* Each field on its own, so that every wrong one is listed at once. */
	bud_form_init(&fe, &mandate_form, req->lang);
	bud_form_check(&fe, bud_req_str(req, "username", 1, BUD_USERNAME_MAX, &in.username, &err), &err);
	bud_form_check(&fe, bud_req_enum(req, "kind", 1, kinds, &in.kind, &err), &err);
	bud_form_check(&fe, bud_req_enum(req, "scope", 1, scopes, &in.scope, &err), &err);
	bud_form_check(&fe, bud_req_date(req, "valid_from", 1, &in.valid_from, &err), &err);
	bud_form_check(&fe, bud_req_date(req, "valid_to", 0, &in.valid_to, &err), &err);
	rc = bud_form_count(&fe) ? BUD_EINVAL :
		bud_client_mandate_add(req->app, &req->actor, id, &in, NULL, &err);
	if (rc == BUD_OK || (rc != BUD_EINVAL && rc != BUD_ECONFLICT)) {
		bud_form_release(&fe);
		if (rc != BUD_OK)
			return bud_resp_error(req, &err);
		snprintf(loc, sizeof(loc), "/clients/%" PRId64 "#mandate-list", id);
		return bud_form_done(req, loc, "mandate");
	}
	if (!bud_form_count(&fe))
		bud_form_add(&fe, &err, "username");
	extra = json_object();
	bud_form_model(&fe, extra);
	keep(req, extra, "username", "m_username");
	keep(req, extra, "kind", "m_kind");
	keep(req, extra, "scope", "m_scope");
	keep(req, extra, "valid_from", "m_valid_from");
	keep(req, extra, "valid_to", "m_valid_to");
	return show_page(req, id, bud_view_form_status(rc), extra);
}

/* Ending a mandate is asked twice: the row's box "end this mandate" must
 * be ticked (no script needed); else the client's page (the form's field
 * "client") again, the box named as the error. */
static int mandate_unconfirmed(bud_req *req, int64_t id)
{
	struct bud_form_field *f = bud_req_alloc(req, 2 * sizeof(*f));
	struct bud_form_def *def = bud_req_alloc(req, sizeof(*def));
	struct bud_form fe;
	int64_t client_id = 0;
	json_t *extra = json_object();
	char eid[48];
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_i64(req, "client", 1, 1, INT64_MAX, &client_id, &err) != BUD_OK) {
		json_decref(extra);
		return bud_resp_error(req, &err);
	}
	snprintf(eid, sizeof eid, "mandate-confirm-%" PRId64, id);
	f[0] = (struct bud_form_field){"confirm", bud_req_strdup(req, eid),
				       "clients.mandates.end_confirm", NULL};
	f[1] = (struct bud_form_field){NULL, NULL, NULL, NULL};
	*def = (struct bud_form_def){"mandate-list", f};
	bud_form_init(&fe, def, req->lang);
	bud_err_set(&err, BUD_EINVAL, "confirm", "err.confirm", "not confirmed");
	bud_form_add(&fe, &err, NULL);
	bud_form_model(&fe, extra);
	bud_form_release(&fe);
	return show_page(req, client_id, 422, extra);
}

int bud_web_mandate_end(bud_req *req)
{
	const char *confirm = bud_view_form_value(req, "confirm");
	json_t *v = NULL;
	char loc[64];
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	if (strcmp(confirm, "1") != 0)
		return mandate_unconfirmed(req, id);
	if (bud_client_mandate_end(req->app, &req->actor, id, &v, &err))
		return bud_resp_error(req, &err);
	snprintf(loc, sizeof(loc), "/clients/%" PRId64 "#mandate-list",
		 (int64_t)bud_view_int(v, "client_id"));
	json_decref(v);
	return bud_form_done(req, loc, "mandate_ended");
}

int bud_web_client_account(bud_req *req)
{
	struct bud_client_account out;
	const char *username = NULL;
	struct bud_form fe;
	json_t *extra;
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &account_form, req->lang);
	bud_form_check(&fe, bud_req_str(req, "username", 1, BUD_USERNAME_MAX, &username, &err), &err);
	rc = bud_form_count(&fe) ? BUD_EINVAL :
		bud_client_account_create(req->app, &req->actor, id, username,
					  &out, &err);
	extra = json_object();
	if (rc == BUD_OK) {	/* the link is shown this once: no redirect */
		bud_form_release(&fe);
		json_object_set_new(extra, "activation", json_pack("{s:s, s:b}",
				    "link", out.link, "mailed", out.mailed));
		return show_page(req, id, 201, extra);
	}
	if (rc != BUD_EINVAL && rc != BUD_ECONFLICT) {
		bud_form_release(&fe);
		json_decref(extra);
		return bud_resp_error(req, &err);
	}
	if (!bud_form_count(&fe))
		bud_form_add(&fe, &err, "username");
	bud_form_model(&fe, extra);
	json_object_set_new(extra, "a_username", json_string(username ? username : ""));
	return show_page(req, id, bud_view_form_status(rc), extra);
}

int bud_web_client_account_link(bud_req *req)
{
	struct bud_client_account out;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_client_account_link(req->app, &req->actor, id, &out, &err))
		return bud_resp_error(req, &err);
	/* the link is shown this once: no redirect */
	return show_page(req, id, 200, json_pack("{s:{s:s, s:b}}", "activation",
			 "link", out.link, "mailed", out.mailed));
}

/* ---- who has seen the data ------------------------------------------------------- */

static const char *role_text(bud_req *req, const char *role)
{
	char key[48];

	if (strcmp(role, "system") == 0)
		return bud_msg(req->lang, "clients.log.system");
	if (!bud_role_parse(role))
		return bud_msg(req->lang, "clients.log.nobody");
	snprintf(key, sizeof(key), "role.%s", role);
	return bud_msg(req->lang, key);
}

static const char *object_text(bud_req *req, const char *object)
{
	static const struct {
		const char *prefix, *key;
	} map[] = {
		{"client:search", "clients.object.search"},
		{"client:hetu", "clients.object.hetu"},
		{"client:mandates", "clients.object.mandates"},
		{"client", "clients.object.client"},
		{"mandates", "clients.object.mandates"},
		{"mandate", "clients.object.mandate"},
		{"account", "clients.object.account"},
		{"user", "clients.object.account"},
		{"uselog", "clients.object.uselog"},
		{"assessment", "clients.object.assessment"},
		{"offer", "clients.object.offer"},
		{"support", "clients.object.support_plan"},
		{"decision", "clients.object.decision"},
		{"plan", "clients.object.plan"},
		{"commitment", "clients.object.commitment"},
		{"service_event", "clients.object.service_event"},
		{"invoice", "clients.object.invoice"},
		{"ledger", "clients.object.ledger"},
		{"outcome", "clients.object.outcome"},
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strncmp(object, map[i].prefix, strlen(map[i].prefix)) == 0)
			return bud_msg(req->lang, map[i].key);
	return bud_msg(req->lang, "clients.object.other");
}

/* What the use-log page was asked for: a period and a page. */
struct log_query {
	const char *from, *to;
	struct bud_uselog_period period;
	struct bud_page pg;
};

/* Read the query into lq; the errors of the period go into fe (both
 * dates' at once). */
static int log_query_read(bud_req *req, struct log_query *lq,
			  struct bud_form *fe, bud_err *err)
{
	int rc;

	memset(lq, 0, sizeof(*lq));
	lq->from = lq->to = "";
	bud_page_first(&lq->pg);
	bud_form_check(fe, bud_req_date(req, "from", 0, &lq->from, err), err);
	bud_form_check(fe, bud_req_date(req, "to", 0, &lq->to, err), err);
	if (bud_form_count(fe))
		return BUD_EINVAL;
	if ((rc = bud_req_page(req, &lq->pg, err)) == BUD_OK)
		rc = bud_uselog_period_days(lq->from, lq->to, &lq->period, err);
	if (rc == BUD_EINVAL)
		bud_form_add(fe, err, "from");
	return rc;
}

/* A period that cannot be read: the page with the errors in fe, and no
 * rows. */
static int log_page_invalid(bud_req *req, int64_t id, struct log_query *lq,
			    struct bud_form *fe, const bud_err *err)
{
	json_t *m;

	if (err->code != BUD_EINVAL) {
		bud_form_release(fe);
		return bud_resp_error(req, err);
	}
	m = json_pack("{s:I, s:o, s:o}", "client_id", (json_int_t)id,
		      "from", bud_form_date(lq->from, req->lang),
		      "to", bud_form_date(lq->to, req->lang));
	bud_form_model(fe, m);
	bud_web_easy_page(req, m);	/* web/guide.h */
	return bud_web_page(req, 422, "client_log", "clients.log.title", m);
}

static void log_pager(json_t *m, int64_t id, const struct log_query *lq, size_t n)
{
	char path[48], query[64] = "";

	snprintf(path, sizeof(path), "/clients/%lld/log", (long long)id);
	if (lq->from && lq->from[0] && lq->to && lq->to[0])
		snprintf(query, sizeof(query), "from=%s&to=%s", lq->from, lq->to);
	else if (lq->from && lq->from[0])
		snprintf(query, sizeof(query), "from=%s", lq->from);
	else if (lq->to && lq->to[0])
		snprintf(query, sizeof(query), "to=%s", lq->to);
	bud_web_pager(m, path, query, &lq->pg, 0, n);
}

/* The group of rows (by day, then by who) that row it goes into: the last
 * one when it has the same day and person, else a new one. */
static json_t *log_group_for(json_t *days, json_t *it)
{
	json_t *day = json_array_get(days, json_array_size(days) - 1);
	json_t *people, *who;

	if (!day || strcmp(bud_view_str(day, "day"), bud_view_str(it, "day")) != 0) {
		day = json_pack("{s:s, s:[]}", "day", bud_view_str(it, "day"), "people");
		json_array_append_new(days, day);
	}
	people = json_object_get(day, "people");
	who = json_array_get(people, json_array_size(people) - 1);
	if (!who || strcmp(bud_view_str(who, "who"), bud_view_str(it, "who")) != 0 ||
	    strcmp(bud_view_str(who, "role_text"), bud_view_str(it, "role_text")) != 0) {
		who = json_pack("{s:s, s:s, s:O, s:[]}", "who", bud_view_str(it, "who"),
				"role_text", bud_view_str(it, "role_text"),
				"acting_for", json_object_get(it, "acting_for"), "items");
		json_array_append_new(people, who);
	}
	return json_object_get(who, "items");
}

/* The rows (newest first) grouped by day and, within a day, by who. */
static json_t *log_groups(json_t *arr)
{
	json_t *days = json_array(), *it;
	const char *local;
	size_t i;

	json_array_foreach(arr, i, it) {
		local = bud_view_str(it, "at_local");
		json_object_set_new(it, "time", json_string(strlen(local) > 11 ? local + 11 : local));
		json_array_append(log_group_for(days, it), it);
	}
	return days;
}

int bud_web_client_log(bud_req *req)
{
	json_t *arr = NULL, *it, *m;
	char key[48];
	int64_t id;
	bud_err err;
	size_t i;
	struct log_query lq;
	struct bud_form fe;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &log_form, req->lang);
	if (log_query_read(req, &lq, &fe, &err) != BUD_OK)
		return log_page_invalid(req, id, &lq, &fe, &err);
	bud_form_release(&fe);
	if (bud_client_uselog(req->app, &req->actor, id, &lq.period, &lq.pg, &arr, &err))
		return bud_resp_error(req, &err);
	json_array_foreach(arr, i, it) {
		const char *who = bud_view_str(it, "user_name");
		/* the client's own rows: only the client has the client role */
		int self = (req->actor.role & BUD_ROLE_CLIENT) &&
			   strcmp(bud_view_str(it, "role"), "client") == 0;

		snprintf(key, sizeof(key), "uselog.action.%s", bud_view_str(it, "action"));
		json_object_set_new(it, "who", json_string(self ? bud_msg(req->lang, "clients.log.you") :
			who[0] ? who : bud_msg(req->lang, "clients.log.system")));
		json_object_set_new(it, "role_text", json_string(self ? "" :
				    role_text(req, bud_view_str(it, "role"))));
		json_object_set_new(it, "action_text",
				    json_string(bud_msg(req->lang, key)));
		json_object_set_new(it, "object_text",
				    json_string(object_text(req, bud_view_str(it, "object"))));
	}
	m = json_pack("{s:I, s:b, s:o, s:o}", "client_id", (json_int_t)id,
		      "has_items", json_array_size(arr) > 0, "from",
		      bud_form_date(lq.from, req->lang), "to", bud_form_date(lq.to, req->lang));
	log_pager(m, id, &lq, json_array_size(arr));
	json_object_set_new(m, "groups", log_groups(arr));
	json_decref(arr);
	bud_web_easy_page(req, m);	/* web/guide.h */
	return bud_web_page(req, 200, "client_log", "clients.log.title", m);
}
