/*
 * api/users.c: the JSON routes of accounts (see api/users.h). The rules
 * are app/'s; these decode members, call, and answer.
 */
#include <string.h>

#include "api/common.h"
#include "api/users.h"
#include "app/account.h"
#include "app/totp.h"
#include "app/users.h"
#include "bud_limits.h"

static const char *const user_writable[] = {"username", "display_name", "role",
	"lang", "email", "unit_id", NULL};
static const char *const put_writable[] = {"display_name", "role", "lang",
	"email", "unit_id", NULL};
static const char *const link_writable[] = {"token", "password", "password2", NULL};
static const char *const pw_writable[] = {"old_password", "password", NULL};
static const char *const code_writable[] = {"code", NULL};
static const char *const no_writable[] = {NULL};

/* The members of a staff user into in. */
static int read_user(bud_req *req, int with_username, struct bud_staff_in *in,
		     bud_err *err)
{
	memset(in, 0, sizeof(*in));
	in->lang = "fi";
	in->email = "";
	if (with_username &&
	    bud_req_str(req, "username", 1, BUD_USERNAME_MAX, &in->username, err))
		return BUD_EINVAL;
	if (bud_req_str(req, "display_name", 1, BUD_DISPLAY_NAME_MAX * 4,
			&in->display_name, err) ||
	    bud_req_str(req, "role", 1, 32, &in->role, err) ||
	    bud_req_str(req, "lang", 0, 4, &in->lang, err) ||
	    bud_req_str(req, "email", 0, BUD_MAIL_ADDR_MAX, &in->email, err) ||
	    bud_req_i64(req, "unit_id", 0, 0, INT64_MAX, &in->unit_id, err))
		return BUD_EINVAL;
	return BUD_OK;
}

int bud_api_users(bud_req *req)
{
	struct bud_page pg;
	json_t *v = NULL, *items;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_users_list(req->app, &req->actor, &pg, &v, &err))
		return bud_resp_error(req, &err);
	items = json_incref(json_object_get(v, "items"));
	json_decref(v);
	return bud_api_page(req, items, &pg);
}

/* 200 (or status) with the user's view. */
static int user_answer(bud_req *req, int64_t id, int status)
{
	json_t *v = NULL, *u;
	bud_err err;

	bud_err_clear(&err);
	if (bud_users_get(req->app, &req->actor, id, &v, &err))
		return bud_resp_error(req, &err);
	u = json_incref(json_object_get(v, "user"));
	json_decref(v);
	return bud_api_json(req, status, u);
}

int bud_api_users_create(bud_req *req)
{
	struct bud_staff_in in;
	int64_t id = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, user_writable, NULL, &err) ||
	    read_user(req, 1, &in, &err) ||
	    bud_users_create(req->app, &req->actor, &in, &id, &err))
		return bud_resp_error(req, &err);
	bud_resp_header(req, "Location", bud_api_path(req, "users", id, ""));
	return user_answer(req, id, 201);
}

int bud_api_user(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	return user_answer(req, id, 200);
}

int bud_api_user_put(bud_req *req)
{
	struct bud_staff_in in;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, put_writable, NULL, &err) ||
	    read_user(req, 0, &in, &err) ||
	    bud_users_update(req->app, &req->actor, id, &in, &err))
		return bud_resp_error(req, &err);
	return user_answer(req, id, 200);
}

/* disable (0), enable (1), a new link (2), then the user's view. */
static int user_action(bud_req *req, int what)
{
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, no_writable, NULL, &err))
		return bud_resp_error(req, &err);
	rc = what == 2 ? bud_users_send_link(req->app, &req->actor, id, &err) :
		bud_users_set_active(req->app, &req->actor, id, what, &err);
	if (rc != BUD_OK)
		return bud_resp_error(req, &err);
	return user_answer(req, id, 200);
}

int bud_api_user_disable(bud_req *req)
{
	return user_action(req, 0);
}

int bud_api_user_enable(bud_req *req)
{
	return user_action(req, 1);
}

int bud_api_user_link(bud_req *req)
{
	return user_action(req, 2);
}

int bud_api_password_link(bud_req *req)
{
	const char *token = NULL, *pw = NULL, *pw2 = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, link_writable, NULL, &err) ||
	    bud_req_str(req, "token", 1, BUD_TOKEN_TEXT, &token, &err) ||
	    bud_req_str(req, "password", 1, BUD_PASSWORD_MAX * 4, &pw, &err) ||
	    bud_req_str(req, "password2", 1, BUD_PASSWORD_MAX * 4, &pw2, &err) ||
	    bud_account_link_redeem(req->app, token, pw, pw2, &err))
		return bud_resp_error(req, &err);
	return bud_resp_text(req, 204, "application/json", "", 0);
}

int bud_api_me_password(bud_req *req)
{
	const char *old = NULL, *pw = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, pw_writable, NULL, &err) ||
	    bud_req_str(req, "old_password", 1, BUD_PASSWORD_MAX * 4, &old, &err) ||
	    bud_req_str(req, "password", 1, BUD_PASSWORD_MAX * 4, &pw, &err))
		return bud_resp_error(req, &err);
	if (bud_account_change_password(req->app, &req->actor, old, pw, &err))
		return bud_api_reauth_error(req, &err);
	return bud_resp_text(req, 204, "application/json", "", 0);
}

int bud_api_me_sessions(bud_req *req)
{
	json_t *v = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_me_sessions(req->app, &req->actor, &v, &err))
		return bud_resp_error(req, &err);
	return bud_api_whole_list(req, v);
}

int bud_api_me_session_end(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_me_session_end(req->app, &req->actor, id, &err))
		return bud_resp_error(req, &err);
	return bud_resp_text(req, 204, "application/json", "", 0);
}

int bud_api_me_sessions_end(bud_req *req)
{
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, no_writable, NULL, &err) ||
	    bud_me_session_end(req->app, &req->actor, 0, &err))
		return bud_resp_error(req, &err);
	return bud_resp_text(req, 204, "application/json", "", 0);
}

int bud_api_me_totp(bud_req *req)
{
	json_t *v = NULL, *p;
	bud_err err;

	bud_err_clear(&err);
	if (bud_totp_status(req->app, &req->actor, "QR", &v, &err))
		return bud_resp_error(req, &err);
	p = json_object_get(v, "pending");
	if (json_is_object(p))	/* the API gives the URI; the SVG is the page's */
		json_object_del(p, "svg");
	return bud_api_json(req, 200, v);
}

int bud_api_me_totp_start(bud_req *req)
{
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, no_writable, NULL, &err) ||
	    bud_totp_start(req->app, &req->actor, &err))
		return bud_resp_error(req, &err);
	return bud_api_me_totp(req);
}

int bud_api_me_totp_confirm(bud_req *req)
{
	const char *code = NULL;
	json_t *codes = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, code_writable, NULL, &err) ||
	    bud_req_str(req, "code", 1, 32, &code, &err) ||
	    bud_totp_confirm(req->app, &req->actor, code, &codes, &err))
		return bud_resp_error(req, &err);
	return bud_api_json(req, 200, json_pack("{s:o}", "recovery_codes", codes));
}
