/*
 * api/retention.c: the admin's retention work (app/retention.h) as JSON:
 * the period (what GET answers can be PUT back), the clients due, and
 * destruction lists made, approved (the password again) and carried out.
 */
#include "api/common.h"
#include "api/retention.h"
#include "app/retention.h"
#include "bud_limits.h"

static const char *const years_writable[] = {"retention_years", NULL};
static const char *const approve_writable[] = {"password", "code", NULL};
static const char *const no_fields[] = {NULL};

static int read_settings(bud_app *app, const bud_actor *actor, int64_t id,
			 json_t **out, bud_err *err)
{
	(void)id;
	return bud_retention_settings(app, actor, out, err);
}

int bud_api_retention_get(bud_req *req)
{
	return bud_api_view(req, read_settings, 0, 200);
}

int bud_api_retention_put(bud_req *req)
{
	json_t *cur = NULL;
	int64_t years = 0;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_retention_settings(req->app, &req->actor, &cur, &err))
		return bud_resp_error(req, &err);
	json_object_del(cur, "retention_years");
	rc = bud_api_fields(req, years_writable, cur, &err) ||
	     bud_req_i64(req, "retention_years", 1, BUD_RETENTION_YEARS_MIN,
			 BUD_RETENTION_YEARS_MAX, &years, &err) ||
	     bud_retention_years_set(req->app, &req->actor, (int)years, &err);
	json_decref(cur);
	if (rc)
		return bud_resp_error(req, &err);
	return bud_api_view(req, read_settings, 0, 200);
}

int bud_api_retention_due(bud_req *req)
{
	struct bud_page pg;
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_retention_due(req->app, &req->actor, &pg, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, out, &pg);
}

int bud_api_dlists(bud_req *req)
{
	struct bud_page pg;
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_retention_lists(req->app, &req->actor, &pg, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, out, &pg);
}

int bud_api_dlist_create(bud_req *req)
{
	int64_t id = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, no_fields, NULL, &err) ||
	    bud_retention_list_create(req->app, &req->actor, &id, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_retention_list_get, id,
			       bud_api_path(req, "retention/lists", id, ""));
}

int bud_api_dlist_get(bud_req *req)
{
	return bud_api_id_view(req, bud_retention_list_get);
}

int bud_api_dlist_approve(bud_req *req)
{
	const char *password = NULL, *code = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, approve_writable, NULL, &err) ||
	    bud_api_reauth_body(req, &password, &code, &err) ||
	    bud_retention_list_approve(req->app, &req->actor, id, password, code, &err))
		return bud_api_reauth_error(req, &err);
	return bud_api_view(req, bud_retention_list_get, id, 200);
}

int bud_api_dlist_destroy(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, no_fields, NULL, &err) ||
	    bud_retention_list_destroy(req->app, &req->actor, id, NULL, NULL, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_retention_list_get, id, 200);
}
