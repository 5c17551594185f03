/*
 * api/clients.c: JSON handlers of the clients area (api/clients.h). Each
 * decodes its fields with the typed getters (a bad one answers 400/422
 * naming the field), calls one app/client.h use case and answers with
 * its view: 201 with Location for what it created, 200 otherwise, lists
 * as {"items"}. Every write refuses a body member that is not one of its
 * fields; PATCH honours If-Match and accepts the GET body back.
 */
#include <string.h>

#include "api/clients.h"
#include "api/common.h"
#include "app/client.h"
#include "bud_limits.h"

static const char *const langs[] = {"fi", "sv", NULL};
static const char *const kinds[] = {"guardian", "trustee", "authorised", NULL};
static const char *const scopes[] = {"view", "act", NULL};

/* The writable fields of each write route (bud_api_fields). */
static const char *const client_writable[] = {"first_name", "last_name",
	"lang", "municipality", "email", "phone", "address", "communication",
	"easy_read", "worker_id", NULL};
static const char *const client_create_writable[] = {"hetu", "first_name",
	"last_name", "lang", "municipality", "email", "phone", "address",
	"communication", "easy_read", "worker_id", NULL};
static const char *const mandate_writable[] = {"username", "kind", "scope",
	"valid_from", "valid_to", NULL};
static const char *const account_writable[] = {"username", NULL};
static const char *const no_fields[] = {NULL};

/* The client fields of the body; required: hetu and names (create). */
static int client_fields(bud_req *req, int creating,
			 struct bud_client_fields *f, bud_err *err)
{
	int rc;

	memset(f, 0, sizeof(*f));
	f->easy_read = -1;
	if (creating &&
	    (rc = bud_req_str(req, "hetu", 1, BUD_MAX_ID_LEN, &f->hetu, err)))
		return rc;
	if ((rc = bud_req_str(req, "first_name", creating, BUD_NAME_MAX,
			      &f->first_name, err)) ||
	    (rc = bud_req_str(req, "last_name", creating, BUD_NAME_MAX,
			      &f->last_name, err)) ||
	    (rc = bud_req_enum(req, "lang", 0, langs, &f->lang, err)) ||
	    (rc = bud_req_str(req, "municipality", 0, BUD_NAME_MAX,
			      &f->municipality, err)) ||
	    (rc = bud_req_str(req, "email", 0, BUD_NAME_MAX, &f->email, err)) ||
	    (rc = bud_req_str(req, "phone", 0, BUD_PHONE_MAX, &f->phone, err)) ||
	    (rc = bud_req_str(req, "address", 0, BUD_NAME_MAX, &f->address,
			      err)) ||
	    (rc = bud_req_str(req, "communication", 0, BUD_NOTE_MAX,
			      &f->communication, err)) ||
	    (rc = bud_req_bool(req, "easy_read", &f->easy_read, err)) ||
	    (rc = bud_req_i64(req, "worker_id", 0, 1, INT64_MAX, &f->worker_id,
			      err)))
		return rc;
	return BUD_OK;
}

/* One page of clients by the fields q, mine, limit and cursor (of the
 * query string for GET, of the JSON body for the search). */
static int clients_page(bud_req *req)
{
	const char *q = NULL;
	struct bud_page pg;
	json_t *arr = NULL;
	int mine = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_str(req, "q", 0, BUD_NAME_MAX, &q, &err) ||
	    bud_req_bool(req, "mine", &mine, &err) ||
	    bud_req_page(req, &pg, &err) ||
	    bud_client_search(req->app, &req->actor, q, mine, &pg, &arr, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, arr, &pg);
}

int bud_api_clients_list(bud_req *req)
{
	bud_err err;

	/* A name or identity code in a URL ends up in proxy and server logs
	 * and in browser history: searches go in a POST body. */
	if (bud_req_query(req, "q")) {
		bud_err_set(&err, BUD_EINVAL, "q", "err.client.q_in_url",
			    "search with POST /api/clients/search");
		return bud_resp_error(req, &err);
	}
	return clients_page(req);
}

int bud_api_clients_search(bud_req *req)
{
	static const char *const fields[] = {"q", "mine", "limit", "cursor", NULL};
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, fields, NULL, &err))
		return bud_resp_error(req, &err);
	return clients_page(req);
}

int bud_api_clients_create(bud_req *req)
{
	struct bud_client_fields f;
	int64_t id = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, client_create_writable, NULL, &err) ||
	    client_fields(req, 1, &f, &err) ||
	    bud_client_create(req->app, &req->actor, &f, &id, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_client_get, id,
			       bud_api_path(req, "clients", id, ""));
}

int bud_api_client_get(bud_req *req)
{
	return bud_api_id_view(req, bud_client_get);
}

int bud_api_client_hetu(bud_req *req)
{
	char hetu[BUD_HETU_BUF];
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_client_hetu(req->app, &req->actor, id, hetu, sizeof(hetu), &err))
		return bud_resp_error(req, &err);
	return bud_resp_json(req, 200, json_pack("{s:s}", "hetu", hetu));
}

int bud_api_client_update(bud_req *req)
{
	struct bud_client_fields f;
	const char *based_on = NULL;
	json_t *cur = NULL;
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_patch_begin(req, bud_client_get, id, client_writable, &cur,
				&based_on, &err))
		return bud_api_error(req, &err);
	json_decref(cur);
	rc = client_fields(req, 0, &f, &err);
	f.if_etag = based_on;
	if (rc == BUD_OK)
		rc = bud_client_update(req->app, &req->actor, id, &f, &err);
	if (rc != BUD_OK)
		return bud_api_error(req, &err);
	return bud_api_view(req, bud_client_get, id, 200);
}

int bud_api_client_mandates(bud_req *req)
{
	return bud_api_id_items(req, bud_client_mandates);
}

/* The mandate with mid from the client's list, as 201. */
static int mandate_created(bud_req *req, int64_t client_id, int64_t mid)
{
	json_t *arr = NULL, *m;
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_client_mandates(req->app, &req->actor, client_id, &arr, &err))
		return bud_resp_error(req, &err);
	json_array_foreach(arr, i, m) {
		if (json_integer_value(json_object_get(m, "id")) == mid) {
			json_incref(m);
			json_decref(arr);
			bud_resp_header(req, "Location",
					bud_api_path(req, "clients", client_id,
						     "/mandates"));
			return bud_api_json(req, 201, m);
		}
	}
	json_decref(arr);
	bud_err_set(&err, BUD_EINTERNAL, NULL, "err.internal",
		    "the new mandate is not listed");
	return bud_resp_error(req, &err);
}

int bud_api_client_mandate_add(bud_req *req)
{
	struct bud_client_mandate_in in;
	int64_t id, mid = 0;
	bud_err err;

	bud_err_clear(&err);
	memset(&in, 0, sizeof(in));
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, mandate_writable, NULL, &err) ||
	    bud_req_str(req, "username", 1, BUD_USERNAME_MAX, &in.username, &err) ||
	    bud_req_enum(req, "kind", 1, kinds, &in.kind, &err) ||
	    bud_req_enum(req, "scope", 1, scopes, &in.scope, &err) ||
	    bud_req_date(req, "valid_from", 1, &in.valid_from, &err) ||
	    bud_req_date(req, "valid_to", 0, &in.valid_to, &err) ||
	    bud_client_mandate_add(req->app, &req->actor, id, &in, &mid, &err))
		return bud_resp_error(req, &err);
	return mandate_created(req, id, mid);
}

int bud_api_mandate_end(bud_req *req)
{
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, no_fields, NULL, &err))
		return bud_resp_error(req, &err);
	return bud_api_id_view(req, bud_client_mandate_end);
}

int bud_api_client_account(bud_req *req)
{
	struct bud_client_account out;
	const char *username = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, account_writable, NULL, &err) ||
	    bud_req_str(req, "username", 1, BUD_USERNAME_MAX, &username, &err) ||
	    bud_client_account_create(req->app, &req->actor, id, username, &out, &err))
		return bud_resp_error(req, &err);
	bud_resp_header(req, "Location", bud_api_path(req, "clients", id, ""));
	return bud_api_json(req, 201, json_pack("{s:I, s:s, s:s, s:I, s:s, s:b}",
		"id", (json_int_t)out.user_id, "username", username, "role", "client",
		"client_id", (json_int_t)id, "activation_link", out.link,
		"mailed", out.mailed));
}

int bud_api_client_account_link(bud_req *req)
{
	static const char *const none[] = {NULL};
	struct bud_client_account out;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, none, NULL, &err) ||
	    bud_client_account_link(req->app, &req->actor, id, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_json(req, 200, json_pack("{s:I, s:s, s:b}", "id",
		(json_int_t)out.user_id, "activation_link", out.link, "mailed", out.mailed));
}

int bud_api_client_uselog(bud_req *req)
{
	struct bud_uselog_period p;
	const char *from = NULL, *to = NULL;
	struct bud_page pg;
	json_t *arr = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_req_page(req, &pg, &err) ||
	    bud_req_date(req, "from", 0, &from, &err) ||
	    bud_req_date(req, "to", 0, &to, &err) ||
	    bud_uselog_period_days(from, to, &p, &err) ||
	    bud_client_uselog(req->app, &req->actor, id, &p, &pg, &arr, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, arr, &pg);
}
