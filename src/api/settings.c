/*
 * api/settings.c: GET and PUT /api/settings, the admin's settings of the
 * organiser (app/settings.h): what a GET answers can be PUT back as it is.
 * A member left out of a PUT keeps its value; an unknown member is
 * refused naming it.
 */
#include "api/common.h"
#include "api/settings.h"
#include "app/authz.h"
#include "app/settings.h"
#include "bud_limits.h"

static const char *const settings_writable[] = {"registry_address", "registry_email",
	"registry_hours", "a11y_email", "dispute_days", NULL};

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
	struct bud_settings s = {0};
	int64_t days = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, settings_writable, NULL, &err) ||
	    bud_req_str(req, "registry_address", 0, BUD_NAME_MAX, &s.registry_address, &err) ||
	    bud_req_str(req, "registry_email", 0, BUD_NAME_MAX, &s.registry_email, &err) ||
	    bud_req_str(req, "registry_hours", 0, BUD_NAME_MAX, &s.registry_hours, &err) ||
	    bud_req_str(req, "a11y_email", 0, BUD_NAME_MAX, &s.a11y_email, &err) ||
	    bud_req_i64(req, "dispute_days", 0, 1, BUD_DISPUTE_DAYS_MAX, &days, &err))
		return bud_resp_error(req, &err);
	s.dispute_days = (int)days;	/* 0 when left out: kept */
	if (bud_settings_set(req->app, &req->actor, &s, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, read_settings, 0, 200);
}
