/*
 * api/auth.c: POST/DELETE /api/session, DELETE /api/sessions and GET
 * /api/me. The session token travels only in the HttpOnly cookie, never in
 * a JSON body; the cookie has no Max-Age, so the browser forgets it when it
 * closes (the server's idle and absolute limits still apply).
 */
#include "api/auth.h"
#include "api/common.h"
#include "app/account.h"
#include "app/totp.h"
#include "bud_limits.h"

static const char *const login_writable[] = {"username", "password", "code", NULL};

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

/* An enrolled user's password was right: the code must come in the same
 * call (field "code"); without it, or wrong, the pending sign-in ends. */
static int second_step(bud_req *req, const char *token, const char *code,
		       bud_actor *actor, bud_err *err)
{
	bud_actor pending = *actor;
	bud_err e2;
	int rc;

	if (!code || !code[0])
		rc = bud_err_set(err, BUD_EAUTH, "code", "err.totp.needed",
				 "this user signs in with a code too");
	else
		rc = bud_totp_login_code(req->app, token, code, req->actor.addr,
					 actor, err);
	if (rc != BUD_OK) {
		pending.factor_pending = 0;
		bud_account_logout(req->app, &pending, &e2);
	}
	return rc;
}

int bud_api_session_create(bud_req *req)
{
	const char *username = NULL, *password = NULL, *code = NULL;
	char token[BUD_TOKEN_TEXT + 8];
	bud_actor actor;
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, login_writable, NULL, &err) ||
	    bud_req_str(req, "username", 1, BUD_USERNAME_MAX, &username, &err) ||
	    bud_req_str(req, "password", 1, BUD_PASSWORD_MAX * 4, &password, &err) ||
	    bud_req_str(req, "code", 0, 32, &code, &err))
		return bud_resp_error(req, &err);
	if (bud_account_login_ua(req->app, username, password, req->actor.addr,
				 bud_req_header(req, "User-Agent"), &actor, token,
				 &err) != BUD_OK ||
	    (actor.factor_pending && second_step(req, token, code, &actor, &err))) {
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
