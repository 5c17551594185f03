/*
 * web/oidc.c: the browser's side of a sign-in through OpenID Connect.
 * The start is a link (GET), not a form: a form's redirect to another
 * origin would meet our own form-action policy, and a link is one step
 * for the person. Both legs write (the sign-in recorded, then taken back
 * and a session opened), so their routes are BUD_R_WRITES and answered by
 * a worker. A refusal is a page that says what happened in the person's
 * language and how to go on, and reveals nothing about whether the
 * identified person is a client.
 */
#include <string.h>

#include "app/account.h"
#include "app/oidc.h"
#include "core/i18n.h"
#include "bud_limits.h"
#include "web/oidc.h"
#include "web/web.h"

#define OIDC_REDIRECT_MAX 2048	/* the provider's authorization URL */

/* The page telling why signing in did not succeed. */
static int failed(bud_req *req, const bud_err *err)
{
	json_t *m = json_pack("{s:s}", "message", bud_msg(req->lang, err->key));
	int status = err->code == BUD_EIO ? 502 : err->code == BUD_ENOTFOUND ? 403 : 401;

	return bud_web_page(req, status, "oidc_failed", "oidc.failed.title", m);
}

int bud_web_oidc_start(bud_req *req)
{
	int audience = bud_oidc_audience_parse(bud_req_param(req, "audience"));
	char *url = bud_req_alloc(req, OIDC_REDIRECT_MAX);
	bud_err err;

	bud_err_clear(&err);
	if (req->actor.user_id)
		return bud_resp_redirect(req, "/");
	if (bud_oidc_start(req->app, audience, req->lang, url, OIDC_REDIRECT_MAX,
			   &err) != BUD_OK)
		return err.code == BUD_ENOTFOUND ? bud_resp_error(req, &err) : failed(req, &err);
	return bud_resp_redirect(req, url);
}

int bud_web_oidc_callback(bud_req *req)
{
	char token[BUD_TOKEN_TEXT + 8];
	bud_actor actor;
	bud_err err;

	bud_err_clear(&err);
	if (bud_oidc_finish(req->app, bud_req_query(req, "state"),
			    bud_req_query(req, "code"), bud_req_query(req, "error"),
			    req->actor.addr, &actor, token, &err) != BUD_OK)
		return failed(req, &err);
	bud_resp_cookie(req, "bud_session", token, 0);
	bud_resp_cookie(req, "lang", actor.lang, BUD_LANG_COOKIE_S);
	return bud_resp_redirect(req, "/");
}

/* The origin (scheme://host[:port]) of url into a request string. */
static const char *origin_of(bud_req *req, const char *url)
{
	const char *p = strstr(url, "://");
	size_t n = p ? (size_t)(p + 3 - url) + strcspn(p + 3, "/?#") : 0;
	char *o = bud_req_alloc(req, n + 1);

	memcpy(o, url, n);
	o[n] = '\0';
	return o;
}

int bud_web_oidc_logout(bud_req *req)
{
	const char *iss = bud_req_query(req, "iss");
	int ended = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_oidc_logout(req->app, iss, bud_req_query(req, "sid"), &ended,
			    &err) != BUD_OK)
		return bud_resp_error(req, &err);
	req->frame_ancestors = origin_of(req, iss);
	return bud_web_page(req, 200, "oidc_logout", "oidc.logout.title",
			    json_object());
}

int bud_web_oidc_jwks(bud_req *req)
{
	bud_buf out;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	bud_buf_init(&out, BUD_OIDC_DOC_MAX);
	rc = bud_oidc_public_keys(req->app, &out, &err);
	if (rc == BUD_OK)
		rc = bud_resp_text(req, 200, "application/jwk-set+json", out.data, out.len);
	else
		rc = bud_resp_error(req, &err);
	bud_buf_free(&out);
	return rc;
}
