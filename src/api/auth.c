/*
 * api/auth.c: POST/DELETE /api/session, DELETE /api/sessions and GET
 * /api/me. The session token travels only in the HttpOnly cookie, never in
 * a JSON body; the cookie has no Max-Age, so the browser forgets it when it
 * closes (the server's idle and absolute limits still apply).
 */
#include "api/auth.h"
#include "api/common.h"
#include "app/account.h"
#include "bud_limits.h"

static const char *const login_writable[] = {"username", "password", NULL};

static json_t *user_json(const bud_actor *a)
{
	json_t *u = json_pack("{s:I, s:s, s:s, s:s, s:s}",
		"id", (json_int_t)a->user_id,
		"username", a->username,
		"display_name", a->display_name,
		"role", bud_role_name(a->role) ? bud_role_name(a->role) : "",
		"lang", a->lang);

	if (a->provider_id)
		json_object_set_new(u, "provider_id", json_integer(a->provider_id));
	if (a->client_id)
		json_object_set_new(u, "client_id", json_integer(a->client_id));
	return u;
}

int bud_api_session_create(bud_req *req)
{
	const char *username = NULL, *password = NULL;
	char token[BUD_TOKEN_TEXT + 8];
	bud_actor actor;
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, login_writable, NULL, &err) ||
	    bud_req_str(req, "username", 1, BUD_USERNAME_MAX, &username, &err) ||
	    bud_req_str(req, "password", 1, BUD_PASSWORD_MAX * 4, &password, &err))
		return bud_resp_error(req, &err);
	if (bud_account_login(req->app, username, password, req->actor.addr,
			      &actor, token, &err) != BUD_OK) {
		bud_resp_retry_after(req, username, &err);
		return bud_resp_error(req, &err);
	}
	bud_resp_cookie(req, "bud_session", token, 0);
	return bud_resp_json(req, 200, json_pack("{s:o, s:s}", "user",
				user_json(&actor), "csrf", actor.csrf));
}

int bud_api_session_delete(bud_req *req)
{
	bud_err err;

	bud_err_clear(&err);
	if (bud_account_logout(req->app, &req->actor, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_resp_cookie(req, "bud_session", "", -1);
	return bud_resp_text(req, 204, "application/json", "", 0);
}

int bud_api_sessions_delete(bud_req *req)
{
	bud_err err;

	bud_err_clear(&err);
	if (bud_account_logout_all(req->app, &req->actor, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_resp_cookie(req, "bud_session", "", -1);
	return bud_resp_text(req, 204, "application/json", "", 0);
}

int bud_api_me(bud_req *req)
{
	return bud_resp_json(req, 200, json_pack("{s:o}", "user", user_json(&req->actor)));
}
