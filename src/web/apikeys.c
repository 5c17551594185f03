/*
 * web/apikeys.c: GET and POST /providers/{id}/api-keys and POST
 * /api-keys/{id}/revoke over app/apikey.h, errors through web/form.h.
 * A new key is shown on the answer to the form that made it (200, no
 * redirect: a key must never travel in a URL), and nowhere else ever.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app/apikey.h"
#include "bud_limits.h"
#include "core/i18n.h"
#include "web/apikeys.h"
#include "web/form.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field fields[] = {
	{"name", "key-name", "apikeys.name", NULL},
	{"scopes", "key-scopes", "apikeys.scopes", "key-scope-commitments-read"},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def form = {"apikey-form", fields};

/* The label of scope `name` ("events:write") in lang. */
static const char *scope_label(const char *lang, const char *name)
{
	char key[64];
	size_t i;

	snprintf(key, sizeof(key), "apikeys.scope.%s", name ? name : "");
	for (i = 0; key[i]; i++)
		if (key[i] == ':')
			key[i] = '_';
	return bud_msg(lang, key);
}

/* The scope checkboxes, with those in `checked` ticked. */
static json_t *scope_boxes(const char *lang, unsigned checked)
{
	static const unsigned all[] = {BUD_SCOPE_COMMITMENTS_READ, BUD_SCOPE_EVENTS_WRITE};
	json_t *arr = json_array();
	char id[48];
	size_t i, j;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		const char *name = bud_scope_name(all[i]);

		snprintf(id, sizeof(id), "key-scope-%s", name);
		for (j = 0; id[j]; j++)
			if (id[j] == ':')
				id[j] = '-';
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:b}", "id", id,
			"value", name, "label", scope_label(lang, name),
			"checked", (checked & all[i]) != 0));
	}
	return arr;
}

/* One key of the list as the page shows it. */
static json_t *row(bud_req *req, json_t *k)
{
	json_t *sc = json_array(), *s;
	const char *lang = req->lang;
	size_t i;

	json_array_foreach(json_object_get(k, "scopes"), i, s)
		json_array_append_new(sc, json_string(scope_label(lang,
				      json_string_value(s))));
	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:s, s:o, s:b, s:o}",
		"id", bud_view_int(k, "id"), "name", bud_view_str(k, "name"),
		"prefix", bud_view_str(k, "prefix"), "scopes", sc,
		"created", bud_view_unix_date(bud_view_int(k, "created_at"), lang),
		"created_by", bud_view_str(k, "created_by"),
		"last_used", bud_view_unix_date(bud_view_int(k, "last_used_at"), lang),
		"revoked", json_is_integer(json_object_get(k, "revoked_at")),
		"revoked_on", bud_view_unix_date(bud_view_int(k, "revoked_at"), lang));
}

/* The page: the list of provider_id's keys into m, then render. */
static int page(bud_req *req, int status, int64_t provider_id, json_t *m)
{
	json_t *list = NULL, *rows = json_array(), *k;
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_apikey_list(req->app, &req->actor, provider_id, &list, &err) != BUD_OK) {
		json_decref(m);
		json_decref(rows);
		return bud_resp_error(req, &err);
	}
	json_array_foreach(list, i, k)
		json_array_append_new(rows, row(req, k));
	json_decref(list);
	json_object_set_new(m, "has_keys", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(m, "keys", rows);
	json_object_set_new(m, "provider_id", json_integer(provider_id));
	if (!json_object_get(m, "scope_boxes"))
		json_object_set_new(m, "scope_boxes", scope_boxes(req->lang,
				    BUD_SCOPE_COMMITMENTS_READ));
	return bud_web_page(req, status, "apikeys", "apikeys.title", m);
}

int bud_web_apikeys(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	return page(req, 200, id, json_pack("{s:b}", "revoked_notice",
		    bud_req_query(req, "revoked") != NULL));
}

/* The ticked scope boxes of the form. */
static unsigned form_scopes(bud_req *req)
{
	unsigned bits = 0;
	size_t i;

	for (i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].key, "scope") == 0)
			bits |= bud_scope_parse(req->form[i].value);
	return bits;
}

int bud_web_apikey_create(bud_req *req)
{
	struct bud_apikey_new in = {0};
	char key[BUD_APIKEY_TEXT + 1];
	struct bud_form fe;
	int64_t provider, id = 0;
	json_t *m;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &provider, &err))
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &form, req->lang);
	bud_form_check(&fe, bud_req_str(req, "name", 1, BUD_APIKEY_NAME_MAX * 4,
					&in.name, &err), &err);
	if (!(in.scopes = form_scopes(req))) {
		bud_err_set(&err, BUD_EINVAL, "scopes", "err.apikey.scopes", "no scope");
		bud_form_add(&fe, &err, NULL);
	}
	rc = bud_form_count(&fe) ? BUD_EINVAL :
	     bud_apikey_create(req->app, &req->actor, provider, &in, &id, key,
			       sizeof(key), &err);
	if (rc == BUD_EFORBIDDEN || rc == BUD_ENOTFOUND) {
		bud_form_release(&fe);
		return bud_resp_error(req, &err);
	}
	if (rc == BUD_OK) {
		bud_form_release(&fe);
		m = json_pack("{s:s, s:s}", "new_key", key, "new_name", in.name);
		sodium_memzero(key, sizeof(key));
		return page(req, 200, provider, m);
	}
	if (!bud_form_count(&fe))
		bud_form_add(&fe, &err, NULL);
	m = json_pack("{s:s, s:o}", "name", in.name ? in.name : "", "scope_boxes",
		      scope_boxes(req->lang, in.scopes));
	bud_form_model(&fe, m);
	bud_form_release(&fe);
	return page(req, bud_view_form_status(rc), provider, m);
}

int bud_web_apikey_revoke(bud_req *req)
{
	char loc[64];
	json_t *v = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_apikey_get(req->app, &req->actor, id, &v, &err))
		return bud_resp_error(req, &err);
	snprintf(loc, sizeof(loc), "/providers/%lld/api-keys?revoked=1",
		 (long long)bud_view_int(v, "provider_id"));
	json_decref(v);
	if (bud_apikey_revoke(req->app, &req->actor, id, &err) != BUD_OK &&
	    err.code != BUD_ECONFLICT)
		return bud_resp_error(req, &err);
	return bud_resp_redirect(req, loc);
}
