/*
 * web/auth.c: the sign-in page, signing out (here, or everywhere) and the
 * language switch. The session cookie has no Max-Age: the browser forgets
 * it when it closes (the server's idle and absolute limits still apply). The
 * rules live in app/account.c; this file only turns forms into calls and
 * results into pages, cookies and redirects.
 */
#include <stdio.h>
#include <string.h>

#include "app/account.h"
#include "core/buf.h"
#include "app/oidc.h"
#include "core/i18n.h"
#include "bud_limits.h"
#include "web/form.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field login_fields[] = {
	{"username", "username", "login.username", NULL},
	{"password", "password", "login.password", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def login_form = {"login-form", login_fields};

/* The login page model, with the errors in fe (NULL: none; released). */
static json_t *login_model(const char *username, const char *next,
			   struct bud_form *fe)
{
	json_t *m = json_pack("{s:s, s:s}", "username", username ? username : "",
			      "next", bud_web_safe_next(next));

	if (fe)
		bud_form_model(fe, m);
	return m;
}

/* What ways of signing in the page offers. */
static json_t *login_ways(bud_req *req, json_t *m)
{
	int citizen = bud_oidc_enabled(req->app, BUD_OIDC_CITIZEN);
	int staff = bud_oidc_enabled(req->app, BUD_OIDC_STAFF);

	json_object_set_new(m, "oidc_citizen", json_boolean(citizen));
	json_object_set_new(m, "oidc_staff", json_boolean(staff));
	json_object_set_new(m, "oidc", json_boolean(citizen || staff));
	json_object_set_new(m, "password",
			    json_boolean(req->app->password_off != BUD_ROLE_ANY));
	return m;
}

int bud_web_login_form(bud_req *req)
{
	if (req->actor.user_id)
		return bud_resp_redirect(req, "/");
	return bud_web_page(req, 200, "login", "login.title",
			    login_ways(req, login_model(NULL, bud_req_query(req, "next"), NULL)));
}

/* The sign-in page again with the errors in fe; err: the last of them
 * (its code gives the status). */
static int login_failed(bud_req *req, const char *username, const char *next,
			struct bud_form *fe, const bud_err *err)
{
	return bud_web_page(req, bud_view_form_status(err->code), "login", "login.title",
			    login_ways(req, login_model(username, next, fe)));
}

/* An enrolled user's password was right: the pending token goes into its
 * own cookie and the browser to the code's page. */
static int code_step(bud_req *req, const char *token, const char *next)
{
	bud_buf loc;
	int rc;

	bud_resp_cookie(req, "bud_pending", token, 0);
	bud_buf_init(&loc, BUD_MAX_URL * 3 + 32);
	bud_buf_adds(&loc, "/login/code?next=");
	bud_buf_add_url(&loc, bud_web_safe_next(next));
	rc = bud_resp_redirect(req, bud_buf_failed(&loc) ? "/login/code" :
			       bud_buf_str(&loc));
	bud_buf_free(&loc);
	return rc;
}

int bud_web_login(bud_req *req)
{
	const char *username = NULL, *password = NULL, *next = NULL;
	const char *chosen = bud_req_cookie(req, "lang");
	const char *picked = bud_req_cookie(req, "lang_pick");
	char token[BUD_TOKEN_TEXT + 8];
	struct bud_form fe;
	bud_actor actor;
	bud_err err;

	bud_err_clear(&err);
	bud_req_str(req, "next", 0, 512, &next, &err);
	bud_form_init(&fe, &login_form, req->lang);
	bud_form_check(&fe, bud_req_str(req, "username", 1, BUD_USERNAME_MAX, &username, &err), &err);
	bud_form_check(&fe, bud_req_str(req, "password", 1, BUD_PASSWORD_MAX * 4, &password, &err), &err);
	if (bud_form_count(&fe))
		return login_failed(req, username, next, &fe, &err);
	if (bud_account_login_ua(req->app, username, password, req->actor.addr,
				 bud_req_header(req, "User-Agent"), &actor, token,
				 &err) != BUD_OK) {
		bud_resp_retry_after(req, username, &err);
		bud_form_add(&fe, &err, "username");
		return login_failed(req, username, next, &fe, &err);
	}
	bud_form_release(&fe);
	if (actor.factor_pending)	/* the TOTP code comes next (web/users.c) */
		return code_step(req, token, next);
	bud_resp_cookie(req, "bud_session", token, 0);
	/* A language chosen on the sign-in page (lang_pick marks it) wins and
	 * is remembered; a lang cookie left by the previous user of a shared
	 * browser is not a choice, and the account's language replaces it. */
	if (picked && chosen && bud_lang_valid(chosen) && strcmp(chosen, actor.lang) != 0)
		bud_account_set_lang(req->app, &actor, chosen, &err);
	else
		bud_resp_cookie(req, "lang", actor.lang, BUD_LANG_COOKIE_S);
	if (picked)
		bud_resp_cookie(req, "lang_pick", "", -1);
	return bud_resp_redirect(req, bud_web_safe_next(next));
}

int bud_web_logout(bud_req *req)
{
	bud_err err;

	bud_err_clear(&err);
	bud_account_logout(req->app, &req->actor, &err);
	bud_resp_cookie(req, "bud_session", "", -1);
	return bud_resp_redirect(req, "/login");
}

int bud_web_logout_all(bud_req *req)
{
	bud_err err;

	bud_err_clear(&err);
	if (bud_account_logout_all(req->app, &req->actor, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_resp_cookie(req, "bud_session", "", -1);
	return bud_resp_redirect(req, "/login");
}

int bud_web_lang(bud_req *req)
{
	static const char *const langs[] = {"fi", "sv", "en", NULL};
	const char *lang = NULL, *back = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_enum(req, "lang", 1, langs, &lang, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_req_str(req, "back", 0, BUD_LANG_BACK_MAX, &back, &err);
	bud_resp_cookie(req, "lang", lang, BUD_LANG_COOKIE_S);
	if (!req->actor.user_id)	/* a choice for the sign-in to keep */
		bud_resp_cookie(req, "lang_pick", "1", 0);
	if (req->actor.user_id &&
	    bud_account_set_lang(req->app, &req->actor, lang, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_resp_redirect(req, bud_web_safe_next(back));
}
