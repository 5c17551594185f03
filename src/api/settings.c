/*
 * api/settings.c: GET and PUT /api/settings, the admin's settings of the
 * organiser (app/settings.h): what a GET answers can be PUT back as it is
 * (its read-only members, logo_version, missing and organiser_name,
 * unchanged). A member left out of a PUT keeps its value; an unknown
 * member is refused naming it. The logo is set on the settings page.
 */
#include "api/common.h"
#include "api/settings.h"
#include "app/authz.h"
#include "app/settings.h"
#include "bud_limits.h"

/* The settings view for the admin (the app lets anyone read them: they
 * are printed on public pages; the API keeps them to the admin). */
static int read_settings(bud_app *app, const bud_actor *actor, int64_t id,
			 json_t **out, bud_err *err)
{
	(void)id;
	*out = NULL;
	if (!actor || actor->role != BUD_ROLE_ADMIN)
		return bud_authz_forbidden(err, "read the organiser's settings");
	return bud_settings_get(app, actor, out, err);
}

int bud_api_settings_get(bud_req *req)
{
	return bud_api_view(req, read_settings, 0, 200);
}

int bud_api_settings_put(bud_req *req)
{
	const char *writable[BUD_SETTINGS_N + 2];
	struct bud_settings s = {0};
	json_t *cur = NULL;
	int64_t days = 0;
	bud_err err;
	size_t i;
	int rc;

	bud_err_clear(&err);
	for (i = 0; i < BUD_SETTINGS_N; i++)
		writable[i] = bud_settings_defs[i].name;
	writable[i] = "dispute_days";
	writable[i + 1] = NULL;
	if (read_settings(req->app, &req->actor, 0, &cur, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	rc = bud_api_fields(req, writable, cur, &err);
	json_decref(cur);
	for (i = 0; rc == BUD_OK && i < BUD_SETTINGS_N; i++)
		rc = bud_req_str(req, bud_settings_defs[i].name, 0, BUD_NAME_MAX, &s.text[i],
				 &err);
	if (rc != BUD_OK ||
	    bud_req_i64(req, "dispute_days", 0, 1, BUD_DISPUTE_DAYS_MAX, &days, &err))
		return bud_resp_error(req, &err);
	s.dispute_days = (int)days;	/* 0 when left out: kept */
	if (bud_settings_set(req->app, &req->actor, &s, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, read_settings, 0, 200);
}
