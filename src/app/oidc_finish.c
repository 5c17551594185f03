/*
 * app/oidc_finish.c: the second half of a sign-in through OpenID Connect
 * (app/oidc.h): the state taken back once, the code exchanged, the ID
 * token checked, the identity mapped to one account, a session opened;
 * and the provider's front-channel logout.
 *
 * Mapping an identity (one home for the rule):
 *   citizen  the identity code, checked; an account the organiser tied to
 *            it (a representative, a provider's user) comes first, then
 *            the client record with that code and its own account, made
 *            now if the client has none (activation by e-identification);
 *   staff    the claim is a staff account's username, active.
 * Anything else is err.oidc.no_account, the same for everyone.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app/account.h"
#include "app/oidc_int.h"
#include "app/uselog.h"
#include "core/ids.h"
#include "formats/idtoken.h"
#include "store/client.h"
#include "store/oidc.h"
#include "store/user.h"

#define REQ_VALUE_MAX 1024	/* state and code as they come back */

/* Whom an identity signs in as: an account, or a client to make one for. */
struct who {
	int64_t user_id;
	int64_t client_id;	/* a client without an account yet */
};

static int resolve_citizen(bud_conn *c, const char *hetu, struct who *w,
			   bud_err *err)
{
	int64_t ids[4];
	size_t n = 0;
	char username[BUD_USERNAME_MAX + 1];
	int rc;

	if (bud_hetu_check(hetu, NULL, NULL) != BUD_OK)
		return BUD_OK;		/* no one: not a code we know */
	rc = bud_store_identity_users(c, "hetu", hetu, ids, 4, &n, err);
	if (rc == BUD_OK && n > 0) {
		w->user_id = ids[0];
		return BUD_OK;
	}
	if (rc == BUD_OK)
		rc = bud_store_clients_by_hetu(c, hetu, ids, 4, &n, err);
	if (rc != BUD_OK || n == 0)
		return rc;
	rc = bud_store_client_account(c, ids[0], &w->user_id, username,
				      sizeof username, err);
	if (rc == BUD_ENOTFOUND) {
		w->client_id = ids[0];
		return BUD_OK;
	}
	return rc;
}

static int resolve_staff(bud_conn *c, const char *name, struct who *w, bud_err *err)
{
	struct bud_store_user u;
	int rc = bud_store_user_by_name(c, name, &u, err);

	if (rc == BUD_ENOTFOUND)
		return BUD_OK;
	if (rc == BUD_OK && u.active &&
	    (bud_role_parse(u.role) & (BUD_ROLE_STAFF | BUD_ROLE_EVALUATOR)))
		w->user_id = u.id;
	sodium_memzero(u.password_hash, sizeof u.password_hash);
	return rc;
}

static int resolve(bud_conn *c, int audience, const char *ident, struct who *w,
		   bud_err *err)
{
	memset(w, 0, sizeof(*w));
	if (audience == BUD_OIDC_CITIZEN)
		return resolve_citizen(c, ident, w, err);
	return resolve_staff(c, ident, w, err);
}

struct finish_arg {
	bud_app *app;
	int audience;
	const struct bud_idtoken *tok;
	const char *addr;
	const char *hash;	/* of a random password, for a new client account */
	bud_actor *actor;
	char *token;
	int found;
};

/* The client's own account, made now: no password anyone knows. */
static int make_account(struct finish_arg *a, bud_conn *w, int64_t client_id,
			int64_t *user_id, bud_err *err)
{
	struct bud_store_client c;
	struct bud_new_user u;
	char username[32], name[2 * BUD_NAME_MAX + 2];
	int rc = bud_store_client_get(w, client_id, &c, err);

	if (rc != BUD_OK)
		return rc;
	snprintf(username, sizeof username, "eid.%lld", (long long)client_id);
	snprintf(name, sizeof name, "%s %s", c.first_name, c.last_name);
	memset(&u, 0, sizeof u);
	u.username = username;
	u.display_name = name;
	u.role = "client";
	u.lang = c.lang;
	u.organiser_id = c.organiser_id;
	u.client_id = client_id;
	return bud_account_insert_hashed(a->app, w, NULL, &u, a->hash, user_id, err);
}

static int finish_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct finish_arg *a = arg;
	char basis[32];
	struct bud_store_user u;
	struct who who;
	int rc;

	snprintf(basis, sizeof basis, "oidc:%s", bud_oidc_audience_name(a->audience));
	rc = resolve(w, a->audience, a->tok->ident, &who, err);
	if (rc == BUD_OK && who.client_id && a->hash)
		rc = make_account(a, w, who.client_id, &who.user_id, err);
	if (rc == BUD_OK && who.user_id)
		rc = bud_store_user_get(w, who.user_id, &u, err);
	a->found = rc == BUD_OK && who.user_id && u.active;
	if (rc != BUD_OK || !a->found)
		return rc == BUD_OK ? bud_uselog_append_row(a->app, w, NULL, 0,
				"login_failed", "session", basis, err) : rc;
	rc = bud_account_session_insert(a->app, w, &u, a->addr, a->actor, a->token, err);
	sodium_memzero(u.password_hash, sizeof u.password_hash);
	if (rc == BUD_OK)
		rc = bud_store_oidc_session_add(w, a->actor->session_id,
						bud_oidc_audience_name(a->audience),
						a->tok->sid, a->tok->sub, err);
	if (rc == BUD_OK)
		rc = bud_uselog_append_row(a->app, w, a->actor, 0, "login", "session",
					   basis, err);
	return rc;
}

struct take_arg {
	unsigned char hash[crypto_generichash_BYTES];
	struct bud_store_oidc_flow flow;
};

static int take_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct take_arg *a = arg;

	return bud_store_oidc_flow_take(w, a->hash, sizeof a->hash, &a->flow, err);
}

/* Take the sign-in of state back (once, and not too old). */
static int take_flow(bud_app *app, const char *state, struct take_arg *t,
		     bud_err *err)
{
	int rc;

	memset(t, 0, sizeof(*t));
	crypto_generichash(t->hash, sizeof t->hash, (const unsigned char *)state,
			   strlen(state), NULL, 0);
	rc = bud_db_write(app->db, take_unit, t, err);
	if (rc == BUD_ENOTFOUND ||
	    (rc == BUD_OK && t->flow.created_at + BUD_OIDC_FLOW_S < bud_app_now(app)) ||
	    (rc == BUD_OK && bud_oidc_audience_parse(t->flow.audience) < 0))
		return bud_err_set(err, BUD_EAUTH, "state", "err.oidc.state",
				   "sign-in unknown, used or too old");
	return rc;
}

/* Check the ID token text with rp's keys (fetched again once when the
 * provider has rotated them). */
static int check_token(bud_app *app, struct oidc_rp *rp, const bud_buf *idt,
		       const struct take_arg *t, struct bud_idtoken *tok,
		       bud_err *err)
{
	struct bud_idtoken_expect x;
	bud_buf keys;
	int i, rc, refresh;

	memset(&x, 0, sizeof x);
	x.issuer = rp->issuer;
	x.client_id = rp->client_id;
	x.nonce = t->flow.nonce;
	for (i = 0; i < BUD_OIDC_ACR_MAX; i++)
		x.acr[i] = rp->acr[i][0] ? rp->acr[i] : NULL;
	x.claim = rp->claim;
	x.now = bud_app_now(app);
	x.skew = BUD_OIDC_SKEW_S;
	for (refresh = 0, rc = BUD_ENOTFOUND; refresh < 2 && rc == BUD_ENOTFOUND; refresh++) {
		bud_buf_init(&keys, BUD_OIDC_DOC_MAX);
		rc = bud_oidc_keys(rp, refresh, x.now, &keys, err);
		if (rc == BUD_OK)
			rc = bud_idtoken_verify(bud_buf_str(idt), idt->len,
						bud_buf_str(&keys), keys.len, &x, tok, err);
		bud_buf_free(&keys);
	}
	if (rc == BUD_ENOTFOUND)
		rc = bud_err_set(err, BUD_EAUTH, NULL, "err.oidc.kid",
				 "ID token: no published key for its key id");
	return rc;
}

/* A random password's hash for a client account made at first sign-in,
 * when the identity is a client without one (looked up on a reader first,
 * so the slow hash is not made on the writer, nor for nothing). */
static int hash_if_new(bud_app *app, int audience, const char *ident,
		       char *hash, size_t hashsz, int *need, bud_err *err)
{
	char pw[48];
	struct who who;
	bud_conn *c = bud_db_reader(app->db, err);
	int rc;

	*need = 0;
	if (!c)
		return err ? err->code : BUD_EIO;
	rc = resolve(c, audience, ident, &who, err);
	if (rc != BUD_OK || !who.client_id)
		return rc;
	*need = 1;
	rc = bud_account_random_password(pw, sizeof pw, 40);
	if (rc == BUD_OK)
		rc = bud_account_hash_password(pw, NULL, hash, hashsz, err);
	sodium_memzero(pw, sizeof pw);
	return rc;
}

static int sign_in(bud_app *app, int audience, const struct bud_idtoken *tok,
		   const char *addr, bud_actor *actor, char *token, bud_err *err)
{
	struct finish_arg a;
	char hash[BUD_STORE_HASH_TEXT];
	int need, rc;

	rc = hash_if_new(app, audience, tok->ident, hash, sizeof hash, &need, err);
	if (rc != BUD_OK)
		return rc;
	memset(&a, 0, sizeof a);
	a.app = app;
	a.audience = audience;
	a.tok = tok;
	a.addr = addr;
	a.hash = need ? hash : NULL;
	a.actor = actor;
	a.token = token;
	rc = bud_db_write(app->db, finish_unit, &a, err);
	if (rc == BUD_OK && !a.found)
		rc = bud_err_set(err, BUD_ENOTFOUND, NULL, "err.oidc.no_account",
				 "no account for this identity");
	return rc;
}

static int value_ok(const char *s)
{
	return s && s[0] && strlen(s) < REQ_VALUE_MAX;
}

int bud_oidc_finish(bud_app *app, const char *state, const char *code,
		    const char *error, const char *addr, bud_actor *actor,
		    char *token, bud_err *err)
{
	struct take_arg t;
	struct bud_idtoken tok;
	struct oidc_rp *rp;
	bud_buf idt;
	int rc;

	if (!app->oidc || !value_ok(state))
		return bud_err_set(err, BUD_EAUTH, "state", "err.oidc.state",
				   "no sign-in under way");
	if ((rc = take_flow(app, state, &t, err)) != BUD_OK)
		return rc;
	if (error || !value_ok(code))
		return bud_err_set(err, BUD_EAUTH, NULL, "err.oidc.cancelled",
				   "the provider did not identify the person");
	rp = &app->oidc->rp[bud_oidc_audience_parse(t.flow.audience)];
	if (!rp->on || (rc = bud_oidc_discover(rp, err)) != BUD_OK)
		return rp->on ? rc : bud_err_set(err, BUD_EAUTH, NULL, "err.oidc.state",
						  "audience no longer configured");
	bud_buf_init(&idt, BUD_OIDC_TOKEN_MAX);
	rc = bud_oidc_exchange(app->oidc, rp, code, t.flow.verifier, bud_app_now(app),
			       &idt, err);
	if (rc == BUD_OK)
		rc = check_token(app, rp, &idt, &t, &tok, err);
	bud_buf_free(&idt);
	if (rc == BUD_OK)
		rc = sign_in(app, bud_oidc_audience_parse(t.flow.audience), &tok,
			     addr, actor, token, err);
	sodium_memzero(&t, sizeof t);
	sodium_memzero(&tok, sizeof tok);
	return rc;
}

struct logout_arg {
	bud_app *app;
	int audiences[BUD_OIDC_AUDIENCES];	/* 1: the issuer is this one's */
	const char *sid;
	int ended;
};

static int logout_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct logout_arg *a = arg;
	char basis[32];
	int i, n, rc = BUD_OK;

	for (i = 0; i < BUD_OIDC_AUDIENCES && rc == BUD_OK; i++) {
		if (!a->audiences[i])
			continue;
		snprintf(basis, sizeof basis, "oidc:%s", bud_oidc_audience_name(i));
		rc = bud_store_oidc_session_end(w, bud_oidc_audience_name(i), a->sid,
						NULL, &n, err);
		if (rc == BUD_OK && n)
			rc = bud_uselog_append_row(a->app, w, NULL, 0, "logout",
						   "session:oidc", basis, err);
		a->ended += n;
	}
	return rc;
}

int bud_oidc_logout(bud_app *app, const char *iss, const char *sid,
		    int *ended, bud_err *err)
{
	struct logout_arg a;
	int i, rc, any = 0;

	memset(&a, 0, sizeof a);
	a.app = app;
	a.sid = sid;
	*ended = 0;
	/* one provider may serve both audiences: its sid ends either kind */
	for (i = 0; iss && i < BUD_OIDC_AUDIENCES; i++)
		if (bud_oidc_enabled(app, i) && strcmp(app->oidc->rp[i].issuer, iss) == 0)
			any = a.audiences[i] = 1;
	if (!any)
		return bud_err_set(err, BUD_ENOTFOUND, "iss", "err.oidc.issuer",
				   "not a provider of ours");
	if (!value_ok(sid))
		return bud_err_set(err, BUD_EINVAL, "sid", "err.oidc.sid",
				   "the provider's session id is missing");
	rc = bud_db_write(app->db, logout_unit, &a, err);
	*ended = a.ended;
	return rc;
}
