/*
 * api/commitments.c: the commitment routes of the JSON API (see
 * api/commitments.h). Each handler decodes its input with the typed
 * getters (a failure names the field), refuses a body member that is not
 * one of its fields, calls one app/commitment.h function and answers with
 * the commitment's view (201 with Location for a new one).
 */
#include <string.h>

#include "api/commitments.h"
#include "api/common.h"
#include "app/commitment.h"
#include "bud_limits.h"

static const char *const choose_writable[] = {"provider_id", "valid_from", NULL};
static const char *const switch_writable[] = {"provider_id", "from", NULL};
static const char *const decline_writable[] = {"reason", NULL};
static const char *const no_fields[] = {NULL};

int bud_api_line_choices(bud_req *req)
{
	const char *date = NULL;
	json_t *out = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_req_date(req, "date", 0, &date, &err) ||
	    bud_commitment_choices(req->app, &req->actor, id, date, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_json(req, 200, out);
}

int bud_api_line_choose(bud_req *req)
{
	const char *from = NULL;
	int64_t line, provider = 0, id = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &line, &err) ||
	    bud_api_fields(req, choose_writable, NULL, &err) ||
	    bud_req_i64(req, "provider_id", 1, 1, INT64_MAX, &provider, &err) ||
	    bud_req_date(req, "valid_from", 0, &from, &err) ||
	    bud_commitment_choose(req->app, &req->actor, line, provider, from,
				  &id, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_commitment_get, id,
			       bud_api_path(req, "commitments", id, ""));
}

int bud_api_commitment_get(bud_req *req)
{
	return bud_api_id_view(req, bud_commitment_get);
}

int bud_api_commitment_accept(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, no_fields, NULL, &err) ||
	    bud_commitment_accept(req->app, &req->actor, id, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_commitment_get, id, 200);
}

int bud_api_commitment_decline(bud_req *req)
{
	const char *reason = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, decline_writable, NULL, &err) ||
	    bud_req_str(req, "reason", 1, BUD_NOTE_MAX, &reason, &err) ||
	    bud_commitment_decline(req->app, &req->actor, id, reason, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_commitment_get, id, 200);
}

int bud_api_commitment_switch(bud_req *req)
{
	const char *from = NULL;
	int64_t id, provider = 0, new_id = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, switch_writable, NULL, &err) ||
	    bud_req_i64(req, "provider_id", 1, 1, INT64_MAX, &provider, &err) ||
	    bud_req_date(req, "from", 1, &from, &err) ||
	    bud_commitment_switch(req->app, &req->actor, id, provider, from,
				  &new_id, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_commitment_get, new_id,
			       bud_api_path(req, "commitments", new_id, ""));
}

int bud_api_provider_commitments(bud_req *req)
{
	struct bud_page pg;
	json_t *out = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_req_page(req, &pg, &err) ||
	    bud_commitment_list_provider(req->app, &req->actor, id, &pg, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, out, &pg);
}
