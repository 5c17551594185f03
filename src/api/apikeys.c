/*
 * api/apikeys.c: a provider's API keys (made, listed, revoked by its
 * admin) and the care system's read of active commitments with a key.
 * A new key's answer carries the whole key once (member "key"); the
 * route is BUD_R_ONCE, so that answer is never kept for an
 * Idempotency-Key replay and the key exists nowhere but in that answer.
 * The care system's bulk send answers per row (app/care_events.h).
 */
#include <string.h>

#include <sodium.h>

#include "api/apikeys.h"
#include "api/common.h"
#include "app/apikey.h"
#include "app/care_events.h"
#include "app/careapi.h"
#include "bud_limits.h"

static const char *const create_writable[] = {"name", "scopes", NULL};
static const char *const no_fields[] = {NULL};
static const char *const events_writable[] = {"events", NULL};

int bud_api_apikeys_list(bud_req *req)
{
	json_t *out = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_apikey_list(req->app, &req->actor, id, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_items(req, out);
}

/* The body's "scopes": an array of scope names, each known, at least one. */
static int scopes_of(bud_req *req, unsigned *out, bud_err *err)
{
	json_t *a = req->json ? json_object_get(req->json, "scopes") : NULL;
	unsigned bit;
	size_t i;
	json_t *v;

	*out = 0;
	if (!a || !json_is_array(a) || json_array_size(a) == 0)
		return bud_err_set(err, BUD_EINVAL, "scopes", "err.apikey.scopes",
				   "scopes: an array of at least one scope");
	json_array_foreach(a, i, v) {
		bit = json_is_string(v) ? bud_scope_parse(json_string_value(v)) : 0;
		if (!bit)
			return bud_err_set(err, BUD_EINVAL, "scopes", "err.apikey.scopes",
					   "an unknown scope");
		*out |= bit;
	}
	return BUD_OK;
}

int bud_api_apikey_create(bud_req *req)
{
	struct bud_apikey_new in = {0};
	char key[BUD_APIKEY_TEXT + 1];
	json_t *v = NULL;
	int64_t provider, id = 0;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &provider, &err) ||
	    bud_api_fields(req, create_writable, NULL, &err) ||
	    bud_req_str(req, "name", 1, BUD_APIKEY_NAME_MAX * 4, &in.name, &err) ||
	    scopes_of(req, &in.scopes, &err) ||
	    bud_apikey_create(req->app, &req->actor, provider, &in, &id, key,
			      sizeof(key), &err) ||
	    bud_apikey_get(req->app, &req->actor, id, &v, &err)) {
		sodium_memzero(key, sizeof(key));
		return bud_resp_error(req, &err);
	}
	json_object_set_new(v, "key", json_string(key));
	sodium_memzero(key, sizeof(key));
	bud_resp_header(req, "Location", bud_api_path(req, "api-keys", id, ""));
	rc = bud_api_json(req, 201, v);
	return rc;
}

int bud_api_apikey_get(bud_req *req)
{
	return bud_api_id_view(req, bud_apikey_get);
}

int bud_api_apikey_revoke(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, no_fields, NULL, &err) ||
	    bud_apikey_revoke(req->app, &req->actor, id, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_apikey_get, id, 200);
}

int bud_api_care_commitments(bud_req *req)
{
	struct bud_page pg;
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_care_commitments(req->app, &req->actor, &pg, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, out, &pg);
}

/* A care system's send being answered (http.h bud_req_defer). */
struct care_send {
	struct bud_care_batch b;
	bud_care_unit *send;
};

static void care_release(void *arg)
{
	struct care_send *c = arg;

	bud_care_send_free(c->send);
	bud_care_batch_release(&c->b);
}

/* The writer's unit: record the rows. */
static int care_unit(bud_conn *w, bud_req *req, void *arg, bud_err *err)
{
	(void)req;
	return bud_care_send_run(w, ((struct care_send *)arg)->send, err);
}

/* Then the answer of each row (http.h bud_req_defer_answer). */
static void care_answer(bud_req *req, void *arg)
{
	bud_api_json(req, 200, bud_care_answer(&((struct care_send *)arg)->b, req->lang));
}

int bud_api_care_events(bud_req *req)
{
	struct care_send *c = bud_req_alloc(req, sizeof(*c));
	bud_err err;
	int rc;

	bud_err_clear(&err);
	memset(c, 0, sizeof(*c));
	if (req->json)
		rc = bud_api_fields(req, events_writable, NULL, &err) ? err.code :
		     bud_care_parse_json(req->json, &c->b, &err);
	else if (req->body_len == 0)
		rc = bud_err_set(&err, BUD_EINVAL, "events", "err.care.empty",
				 "no events were sent");
	else
		rc = BUD_OK;
	if (rc == BUD_OK)
		rc = bud_care_send_begin(req->app, &req->actor, &c->b,
					 req->json ? NULL : req->body, req->body_len,
					 &c->send, &err);
	if (rc != BUD_OK) {
		bud_care_batch_release(&c->b);
		return bud_resp_error(req, &err);
	}
	bud_req_defer(req, care_unit, c, care_release);
	bud_req_defer_answer(req, care_answer);
	return BUD_OK;
}
