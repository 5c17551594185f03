/*
 * web/users.c: the pages of accounts (see web/users.h) over app/users.h,
 * app/totp.h and app/account.h. Forms use web/form.h; a failed POST shows
 * its page again with the errors, a done one redirects (303) with a
 * notice in the query, except where something is shown only once (the
 * recovery codes), which is rendered in the answer to the POST.
 *
 * Signing in with a second factor: POST /login (web/auth.c) gives an
 * enrolled user's pending token in the cookie bud_pending (not
 * bud_session: a pending token is not a sign-in) and sends them to
 * /login/code, which turns it into the session cookie once the code is
 * right.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/account.h"
#include "app/totp.h"
#include "app/users.h"
#include "bud_limits.h"
#include "core/date.h"
#include "core/i18n.h"
#include "web/form.h"
#include "web/users.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field user_fields[] = {
	{"username", "u-username", "users.username", NULL},
	{"display_name", "u-name", "users.name", NULL},
	{"email", "u-email", "users.email", NULL},
	{"role", "u-role", "users.role", NULL},
	{"unit_id", "u-unit", "users.unit", NULL},
	{"lang", "u-lang", "users.lang", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def user_form = {"user-form", user_fields};
static const struct bud_form_def edit_form = {"user-edit-form", user_fields};

static const char *const staff_roles[] = {"worker", "decision_maker", "finance",
					  "admin", "evaluator", NULL};
static const char *const langs[] = {"fi", "sv", "en", NULL};

/* ---- the administrator's pages ----------------------------------------- */

/* [{value, label, selected}] of values, labels from prefix + value. */
static json_t *options(bud_req *req, const char *const *values,
		       const char *prefix, const char *chosen)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; values[i]; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "value",
			values[i], "label", bud_view_word(req->lang, prefix, values[i], ""),
			"selected", chosen && strcmp(chosen, values[i]) == 0));
	return a;
}

/* The form's fields f and its choices into m. */
static void form_model(bud_req *req, json_t *m, json_t *f, json_t *units)
{
	int64_t unit = json_integer_value(json_object_get(f, "unit_id"));
	json_t *u;
	size_t i;

	json_array_foreach(units, i, u)
		json_object_set_new(u, "selected", json_boolean(
			json_integer_value(json_object_get(u, "id")) == unit));
	json_object_set(m, "units", units);
	json_object_set_new(m, "role_options", options(req, staff_roles, "role.",
						bud_view_str(f, "role")));
	json_object_set_new(m, "lang_options", options(req, langs, "lang.",
						bud_view_str(f, "lang")));
	json_object_set(m, "f", f);
}

/* The unit's name for a list row. */
static const char *unit_name(json_t *units, int64_t id)
{
	json_t *u;
	size_t i;

	json_array_foreach(units, i, u)
		if (json_integer_value(json_object_get(u, "id")) == id)
			return bud_view_str(u, "name");
	return "";
}

static int users_page(bud_req *req, int status, json_t *f, struct bud_form *fe)
{
	struct bud_page pg;
	json_t *v = NULL, *u, *items, *m;
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) != BUD_OK ||
	    bud_users_list(req->app, &req->actor, &pg, &v, &err) != BUD_OK) {
		json_decref(f);
		if (fe)
			bud_form_release(fe);
		return bud_resp_error(req, &err);
	}
	items = json_object_get(v, "items");
	json_array_foreach(items, i, u) {
		json_object_set_new(u, "role_text", json_string(bud_view_word(req->lang,
			"role.", bud_view_str(u, "role"), "")));
		json_object_set_new(u, "unit_text", json_string(unit_name(
			json_object_get(v, "units"),
			json_integer_value(json_object_get(u, "unit_id")))));
	}
	m = json_pack("{s:O, s:b}", "items", items, "created",
		      bud_req_query(req, "created") != NULL);
	bud_web_pager(m, "/users", NULL, &pg, 0, json_array_size(items));
	if (!f)
		f = json_pack("{s:s, s:s}", "role", "worker", "lang", req->lang);
	form_model(req, m, f, json_object_get(v, "units"));
	json_decref(f);
	json_decref(v);
	if (fe)
		bud_form_model(fe, m);
	return bud_web_page(req, status, "users", "users.title", m);
}

int bud_web_users(bud_req *req)
{
	return users_page(req, 200, NULL, NULL);
}

/* The posted fields into in (and f, to show again); errors into fe. */
static void read_user(bud_req *req, struct bud_form *fe, struct bud_staff_in *in,
		      int with_username, json_t **f)
{
	bud_err err;

	memset(in, 0, sizeof(*in));
	bud_err_clear(&err);
	if (with_username)
		bud_form_check(fe, bud_req_str(req, "username", 1, BUD_USERNAME_MAX,
					       &in->username, &err), &err);
	bud_form_check(fe, bud_req_str(req, "display_name", 1,
				       BUD_DISPLAY_NAME_MAX * 4, &in->display_name,
				       &err), &err);
	bud_form_check(fe, bud_req_str(req, "email", 0, BUD_MAIL_ADDR_MAX,
				       &in->email, &err), &err);
	bud_form_check(fe, bud_req_enum(req, "role", 1, staff_roles, &in->role,
					&err), &err);
	bud_form_check(fe, bud_req_i64(req, "unit_id", 0, 0, INT64_MAX,
				       &in->unit_id, &err), &err);
	bud_form_check(fe, bud_req_enum(req, "lang", 1, langs, &in->lang, &err),
		       &err);
	*f = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s}",
		"username", bud_view_form_value(req, "username"),
		"display_name", bud_view_form_value(req, "display_name"),
		"email", bud_view_form_value(req, "email"),
		"role", bud_view_form_value(req, "role"), "unit_id",
		(json_int_t)in->unit_id, "lang", bud_view_form_value(req, "lang"));
}

int bud_web_users_create(bud_req *req)
{
	struct bud_staff_in in;
	struct bud_form fe;
	json_t *f;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	bud_form_init(&fe, &user_form, req->lang);
	read_user(req, &fe, &in, 1, &f);
	rc = bud_form_count(&fe) ? BUD_EINVAL :
		bud_users_create(req->app, &req->actor, &in, NULL, &err);
	if (rc == BUD_OK) {
		json_decref(f);
		bud_form_release(&fe);
		return bud_resp_redirect(req, "/users?created=1");
	}
	if (rc != BUD_EINVAL && rc != BUD_ECONFLICT) {
		json_decref(f);
		bud_form_release(&fe);
		return bud_resp_error(req, &err);
	}
	if (!bud_form_count(&fe))
		bud_form_add(&fe, &err, NULL);
	return users_page(req, bud_view_form_status(rc), f, &fe);
}

/* The notice of a done action on a user's page, from the query. */
static const char *user_notice(bud_req *req)
{
	const char *d = bud_req_query(req, "done");

	if (!d)
		return NULL;
	if (strcmp(d, "saved") == 0)
		return bud_msg(req->lang, "users.saved");
	if (strcmp(d, "link") == 0)
		return bud_msg(req->lang, "users.link_sent");
	return NULL;
}

static int user_page(bud_req *req, int64_t id, int status, json_t *f,
		     struct bud_form *fe)
{
	json_t *v = NULL, *m;
	const char *notice = user_notice(req);
	bud_err err;

	bud_err_clear(&err);
	if (bud_users_get(req->app, &req->actor, id, &v, &err) != BUD_OK) {
		json_decref(f);
		if (fe)
			bud_form_release(fe);
		return bud_resp_error(req, &err);
	}
	m = json_pack("{s:O}", "user", json_object_get(v, "user"));
	if (notice && !fe)
		json_object_set_new(m, "notice", json_string(notice));
	form_model(req, m, f ? f : json_object_get(v, "user"), json_object_get(v, "units"));
	json_decref(f);
	json_decref(v);
	if (fe)
		bud_form_model(fe, m);
	return bud_web_page(req, status, "user_edit", "users.edit", m);
}

int bud_web_user(bud_req *req)
{
	int64_t id;
	bud_err err;

	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return user_page(req, id, 200, NULL, NULL);
}

int bud_web_user_save(bud_req *req)
{
	struct bud_staff_in in;
	struct bud_form fe;
	char loc[64];
	int64_t id;
	json_t *f;
	bud_err err;
	int rc;

	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_err_clear(&err);
	bud_form_init(&fe, &edit_form, req->lang);
	read_user(req, &fe, &in, 0, &f);
	rc = bud_form_count(&fe) ? BUD_EINVAL :
		bud_users_update(req->app, &req->actor, id, &in, &err);
	if (rc == BUD_OK || (rc != BUD_EINVAL && rc != BUD_ECONFLICT)) {
		json_decref(f);
		bud_form_release(&fe);
		if (rc != BUD_OK)
			return bud_resp_error(req, &err);
		snprintf(loc, sizeof(loc), "/users/%" PRId64 "?done=saved", id);
		return bud_resp_redirect(req, loc);
	}
	if (!bud_form_count(&fe))
		bud_form_add(&fe, &err, NULL);
	return user_page(req, id, bud_view_form_status(rc), f, &fe);
}

/* POST /users/{id}/{disable,enable,password-link}: one call, back to the page. */
static int user_action(bud_req *req, int what)
{
	char loc[64];
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	rc = what == 2 ? bud_users_send_link(req->app, &req->actor, id, &err) :
		bud_users_set_active(req->app, &req->actor, id, what, &err);
	if (rc != BUD_OK)
		return bud_resp_error(req, &err);
	snprintf(loc, sizeof(loc), "/users/%" PRId64 "%s", id,
		 what == 2 ? "?done=link" : "");
	return bud_resp_redirect(req, loc);
}

int bud_web_user_disable(bud_req *req)
{
	return user_action(req, 0);
}

int bud_web_user_enable(bud_req *req)
{
	return user_action(req, 1);
}

int bud_web_user_link(bud_req *req)
{
	return user_action(req, 2);
}

/* ---- one's own account --------------------------------------------------- */

/* "d.m.yyyy hh:mm" in Helsinki of t (en: yyyy-mm-dd hh:mm). */
static json_t *when(bud_req *req, int64_t t)
{
	struct bud_tm tm;
	char out[40];

	if (bud_time_helsinki(t, &tm) != BUD_OK)
		return json_string("");
	if (strcmp(req->lang, "en") == 0)
		snprintf(out, sizeof(out), "%04d-%02d-%02d %02d:%02d", tm.year,
			 tm.month, tm.day, tm.hour, tm.min);
	else
		snprintf(out, sizeof(out), "%d.%d.%d %02d:%02d", tm.day, tm.month,
			 tm.year, tm.hour, tm.min);
	return json_string(out);
}

/* The sessions of the page: times and browsers as people read them. */
static json_t *sessions_model(bud_req *req, json_t *v)
{
	json_t *a = json_array(), *s;
	const char *ua;
	size_t i;

	json_array_foreach(json_object_get(v, "items"), i, s) {
		ua = bud_view_str(s, "user_agent");
		json_array_append_new(a, json_pack("{s:O, s:o, s:o, s:s, s:O}",
			"id", json_object_get(s, "id"),
			"created", when(req, json_integer_value(json_object_get(s, "created_at"))),
			"last_seen", when(req, json_integer_value(json_object_get(s, "last_seen_at"))),
			"agent", ua[0] ? ua : bud_msg(req->lang, "me.sessions.unknown"),
			"current", json_object_get(s, "current")));
	}
	return a;
}

static const char *me_notice(bud_req *req)
{
	static const struct {
		const char *done, *key;
	} map[] = {
		{"password", "me.password.saved"}, {"ended", "me.sessions.ended"},
		{"totp_off", "me.totp.disabled"},
	};
	const char *d = bud_req_query(req, "done");
	size_t i;

	for (i = 0; d && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(d, map[i].done) == 0)
			return bud_msg(req->lang, map[i].key);
	return NULL;
}

/* The account page; extra (stolen, may be NULL) adds to the model. */
static int me_page(bud_req *req, int status, json_t *extra, struct bud_form *fe)
{
	json_t *sv = NULL, *tv = NULL, *m;
	const char *notice = me_notice(req);
	bud_err err;

	bud_err_clear(&err);
	if (bud_me_sessions(req->app, &req->actor, &sv, &err) != BUD_OK ||
	    bud_totp_status(req->app, &req->actor, bud_msg(req->lang, "me.totp.qr_title"),
			    &tv, &err) != BUD_OK) {
		json_decref(sv);
		json_decref(extra);
		if (fe)
			bud_form_release(fe);
		return bud_resp_error(req, &err);
	}
	m = extra ? extra : json_object();
	json_object_set_new(m, "sessions", sessions_model(req, sv));
	json_object_set_new(m, "totp", tv);
	json_object_set_new(m, "username", json_string(req->actor.username));
	if (notice && status == 200)
		json_object_set_new(m, "notice", json_string(notice));
	json_decref(sv);
	if (fe)
		bud_form_model(fe, m);
	return bud_web_page(req, status, "me", "me.title", m);
}

int bud_web_me(bud_req *req)
{
	return me_page(req, 200, NULL, NULL);
}

static const struct bud_form_field pw_fields[] = {
	{"old_password", "old-password", "me.password.old", NULL},
	{"password", "new-password", "me.password.new", NULL},
	{"password2", "new-password2", "me.password.again", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def pw_form = {"pw-form", pw_fields};

int bud_web_me_password(bud_req *req)
{
	const char *old = NULL, *pw = NULL, *pw2 = NULL;
	struct bud_form fe;
	bud_err err;
	int rc = BUD_EINVAL;

	bud_err_clear(&err);
	bud_form_init(&fe, &pw_form, req->lang);
	bud_form_check(&fe, bud_req_str(req, "old_password", 1, BUD_PASSWORD_MAX * 4,
					&old, &err), &err);
	bud_form_check(&fe, bud_req_str(req, "password", 1, BUD_PASSWORD_MAX * 4,
					&pw, &err), &err);
	bud_form_check(&fe, bud_req_str(req, "password2", 1, BUD_PASSWORD_MAX * 4,
					&pw2, &err), &err);
	if (!bud_form_count(&fe) && strcmp(pw, pw2) != 0) {
		bud_err_set(&err, BUD_EINVAL, "password2", "err.user.password_mismatch",
			    "the passwords differ");
		bud_form_add(&fe, &err, NULL);
	}
	if (!bud_form_count(&fe))
		rc = bud_account_change_password(req->app, &req->actor, old, pw, &err);
	if (rc == BUD_OK) {
		bud_form_release(&fe);
		return bud_resp_redirect(req, "/account?done=password");
	}
	if (rc == BUD_EBUSY)
		bud_resp_retry_after(req, req->actor.username, &err);
	if (!bud_form_count(&fe))
		bud_form_add(&fe, &err, NULL);
	return me_page(req, bud_view_form_status(err.code ? err.code : rc), NULL, &fe);
}

int bud_web_me_session_end(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK ||
	    bud_me_session_end(req->app, &req->actor, id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_resp_redirect(req, "/account?done=ended");
}

int bud_web_me_sessions_end(bud_req *req)
{
	bud_err err;

	bud_err_clear(&err);
	if (bud_me_session_end(req->app, &req->actor, 0, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_resp_redirect(req, "/account?done=ended");
}

/* ---- the second factor --------------------------------------------------- */

int bud_web_me_totp_start(bud_req *req)
{
	bud_err err;

	bud_err_clear(&err);
	if (bud_totp_start(req->app, &req->actor, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_resp_redirect(req, "/account#totp");
}

static const struct bud_form_field confirm_fields[] = {
	{"code", "totp-code", "me.totp.code", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def confirm_form = {"totp-confirm-form", confirm_fields};

int bud_web_me_totp_confirm(bud_req *req)
{
	const char *code = NULL;
	struct bud_form fe;
	json_t *codes = NULL;
	bud_err err;
	int rc = BUD_EINVAL;

	bud_err_clear(&err);
	bud_form_init(&fe, &confirm_form, req->lang);
	if (!bud_form_check(&fe, bud_req_str(req, "code", 1, 32, &code, &err), &err))
		rc = bud_totp_confirm(req->app, &req->actor, code, &codes, &err);
	if (rc == BUD_OK) {	/* the recovery codes: shown in this answer only */
		bud_form_release(&fe);
		return me_page(req, 200, json_pack("{s:o, s:b}", "codes", codes,
						   "codes_any", 1), NULL);
	}
	if (rc != BUD_EINVAL && rc != BUD_EAUTH && rc != BUD_ECONFLICT &&
	    rc != BUD_EBUSY) {
		bud_form_release(&fe);
		return bud_resp_error(req, &err);
	}
	if (!bud_form_count(&fe))
		bud_form_add(&fe, &err, "code");
	return me_page(req, bud_view_form_status(rc), NULL, &fe);
}

static const struct bud_form_field off_fields[] = {
	{"password", "totp-password", "me.totp.password", NULL},
	{"code", "totp-off-code", "me.totp.code", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def off_form = {"totp-disable-form", off_fields};

int bud_web_me_totp_disable(bud_req *req)
{
	const char *pw = NULL, *code = NULL;
	struct bud_form fe;
	bud_err err;
	int rc = BUD_EINVAL;

	bud_err_clear(&err);
	bud_form_init(&fe, &off_form, req->lang);
	bud_form_check(&fe, bud_req_str(req, "password", 1, BUD_PASSWORD_MAX * 4, &pw,
					&err), &err);
	bud_form_check(&fe, bud_req_str(req, "code", 1, 32, &code, &err), &err);
	if (!bud_form_count(&fe))
		rc = bud_totp_disable(req->app, &req->actor, pw, code, &err);
	if (rc == BUD_OK) {
		bud_form_release(&fe);
		return bud_resp_redirect(req, "/account?done=totp_off");
	}
	if (!bud_form_count(&fe))
		bud_form_add(&fe, &err, "code");
	return me_page(req, bud_view_form_status(err.code ? err.code : rc), NULL, &fe);
}

/* ---- the second step of signing in ------------------------------------- */

static const struct bud_form_field code_fields[] = {
	{"code", "code", "login.code.label", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def code_form = {"code-form", code_fields};

static int code_page(bud_req *req, int status, const char *next,
		     struct bud_form *fe)
{
	json_t *m = json_pack("{s:s}", "next", bud_web_safe_next(next));

	if (fe)
		bud_form_model(fe, m);
	return bud_web_page(req, status, "login_code", "login.code.title", m);
}

int bud_web_login_code_form(bud_req *req)
{
	const char *tok = bud_req_cookie(req, "bud_pending");

	if (req->actor.user_id)
		return bud_resp_redirect(req, "/");
	if (!tok || !tok[0])
		return bud_resp_redirect(req, "/login");
	return code_page(req, 200, bud_req_query(req, "next"), NULL);
}

int bud_web_login_code(bud_req *req)
{
	const char *tok = bud_req_cookie(req, "bud_pending");
	const char *code = NULL, *next = NULL;
	struct bud_form fe;
	bud_actor actor;
	bud_err err;
	int rc = BUD_EINVAL;

	bud_err_clear(&err);
	bud_req_str(req, "next", 0, 512, &next, &err);
	if (!tok || !tok[0])
		return bud_resp_redirect(req, "/login");
	bud_form_init(&fe, &code_form, req->lang);
	if (!bud_form_check(&fe, bud_req_str(req, "code", 1, 32, &code, &err), &err))
		rc = bud_totp_login_code(req->app, tok, code, req->actor.addr, &actor,
					 &err);
	if (rc == BUD_OK) {
		bud_form_release(&fe);
		bud_resp_cookie(req, "bud_pending", "", -1);
		bud_resp_cookie(req, "bud_session", tok, 0);
		bud_resp_cookie(req, "lang", actor.lang, BUD_LANG_COOKIE_S);
		return bud_resp_redirect(req, bud_web_safe_next(next));
	}
	if (rc == BUD_EAUTH && strncmp(err.key, "err.session.", 12) == 0) {
		bud_form_release(&fe);	/* waited too long, or gone: start again */
		bud_resp_cookie(req, "bud_pending", "", -1);
		return bud_resp_redirect(req, "/login");
	}
	if (rc == BUD_EBUSY)
		bud_resp_retry_after(req, "", &err);
	if (!bud_form_count(&fe))
		bud_form_add(&fe, &err, "code");
	return code_page(req, bud_view_form_status(rc), next, &fe);
}

/* ---- the one-time link's page ------------------------------------------- */

static const struct bud_form_field setpw_fields[] = {
	{"password", "setpw-password", "setpw.password", NULL},
	{"password2", "setpw-password2", "setpw.password2", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def setpw_form = {"setpw-form", setpw_fields};

/* The page of link token: the form, or (rc not BUD_OK) why it does not
 * work, in the link user's language when it is known. */
static int link_page(bud_req *req, int status, const char *token,
		     struct bud_form *fe, int done)
{
	char username[BUD_USERNAME_MAX + 1] = "", lang[4] = "", purpose[16] = "";
	const char *title;
	json_t *m;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	rc = done ? BUD_OK : bud_account_link_info(req->app, token, username,
			sizeof(username), lang, sizeof(lang), purpose, sizeof(purpose), &err);
	title = bud_msg(req->lang, strcmp(purpose, "activate") == 0 ?
			"setpw.title_activate" : "setpw.title");
	if (done)
		m = json_pack("{s:b, s:s}", "done", 1, "title", title);
	else if (rc != BUD_OK)
		m = json_pack("{s:b, s:s}", "invalid_link", 1, "message",
			      bud_view_err_message(req->lang, &err));
	else
		m = json_pack("{s:b, s:s, s:s, s:s}", "ask", 1, "title", title,
			      "username", username, "token", token);
	if (fe && rc == BUD_OK && !done)
		bud_form_model(fe, m);
	if (fe)
		bud_form_release(fe);
	return bud_web_page_titled(req, rc == BUD_OK ? status :
		bud_view_form_status(rc), "set_password",
		rc == BUD_OK ? title : bud_msg(req->lang, "setpw.invalid_title"), m);
}

int bud_web_password_form(bud_req *req)
{
	return link_page(req, 200, bud_req_param(req, "token"), NULL, 0);
}

int bud_web_password(bud_req *req)
{
	const char *token = bud_req_param(req, "token"), *pw = NULL, *pw2 = NULL;
	struct bud_form fe;
	bud_err err;
	int rc = BUD_EINVAL;

	bud_err_clear(&err);
	bud_form_init(&fe, &setpw_form, req->lang);
	bud_form_check(&fe, bud_req_str(req, "password", 1, BUD_PASSWORD_MAX * 4, &pw,
					&err), &err);
	bud_form_check(&fe, bud_req_str(req, "password2", 1, BUD_PASSWORD_MAX * 4,
					&pw2, &err), &err);
	if (!bud_form_count(&fe))
		rc = bud_account_link_redeem(req->app, token, pw, pw2, &err);
	if (rc == BUD_OK)
		return link_page(req, 200, token, &fe, 1);
	if (!bud_form_count(&fe))
		bud_form_add(&fe, &err, NULL);
	return link_page(req, bud_view_form_status(rc), token, &fe, 0);
}
