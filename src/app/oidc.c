/*
 * app/oidc.c: the relying party of app/oidc.h: configuration, the start of
 * a sign-in (state, nonce, PKCE), its finish (the state taken once, the
 * code exchanged, the ID token checked, the identity mapped to one
 * account, a session opened) and front-channel logout. The back channel
 * is app/oidc_fetch.c; the token checks are formats/idtoken.c.
 *
 * Workload: a sign-in is two requests and a few back-channel calls; this
 * is about getting every check right, not speed. The secrets of a sign-in
 * (state, nonce, verifier) are 32 random bytes each; only the state's
 * hash is stored, so a copy of the database cannot finish anyone's
 * sign-in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/account.h"
#include "app/oidc_int.h"
#include "app/uselog.h"
#include "core/ids.h"
#include "formats/idtoken.h"
#include "formats/jose.h"
#include "store/client.h"
#include "store/oidc.h"
#include "store/user.h"

#define SECRET_BYTES 32
#define CALLBACK_PATH "/login/oidc/callback"

static const char *const audience_names[BUD_OIDC_AUDIENCES] = {"citizen", "staff"};
/* The identity claim of each audience when the configuration names none. */
static const char *const default_claims[BUD_OIDC_AUDIENCES] = {
	"nationalIdentificationNumber", "preferred_username"};

int bud_oidc_audience_parse(const char *name)
{
	int i;

	for (i = 0; name && i < BUD_OIDC_AUDIENCES; i++)
		if (strcmp(name, audience_names[i]) == 0)
			return i;
	return -1;
}

const char *bud_oidc_audience_name(int audience)
{
	return audience >= 0 && audience < BUD_OIDC_AUDIENCES ?
		audience_names[audience] : NULL;
}

/* Copy s into dst (cap bytes) or fail naming field. */
static int copy_conf(char *dst, size_t cap, const char *s, const char *field,
		     bud_err *err)
{
	if (!s || !s[0] || strlen(s) >= cap)
		return bud_err_set(err, BUD_EINVAL, field, "err.oidc.config",
				   "%s missing or too long", field);
	memcpy(dst, s, strlen(s) + 1);
	return BUD_OK;
}

static int rp_init(struct oidc_rp *rp, int audience,
		   const struct bud_oidc_config *c, bud_err *err)
{
	size_t n;
	int i, rc;

	if (!bud_oidc_url_ok(c->issuer))
		return bud_err_set(err, BUD_EINVAL, "issuer", "err.oidc.config",
				   "issuer must be https (http only on loopback)");
	rc = copy_conf(rp->issuer, sizeof rp->issuer, c->issuer, "issuer", err);
	n = strlen(rp->issuer);
	if (rc == BUD_OK && n > 0 && rp->issuer[n - 1] == '/')
		rp->issuer[n - 1] = '\0';	/* the discovery URL adds its own */
	if (rc == BUD_OK)
		rc = copy_conf(rp->client_id, sizeof rp->client_id, c->client_id,
			       "client_id", err);
	if (rc == BUD_OK && c->secret)
		rc = copy_conf(rp->secret, sizeof rp->secret, c->secret, "secret", err);
	if (rc == BUD_OK)
		rc = copy_conf(rp->claim, sizeof rp->claim,
			       c->claim ? c->claim : default_claims[audience], "claim", err);
	for (i = 0; rc == BUD_OK && i < BUD_OIDC_ACR_MAX; i++)
		if (c->acr[i])
			rc = copy_conf(rp->acr[i], sizeof rp->acr[i], c->acr[i], "acr", err);
	rp->on = rc == BUD_OK;
	return rc;
}

/* Keep a copy of the key set, checked. */
static int take_keys(struct bud_oidc *o, const char *keys, bud_err *err)
{
	size_t n = strlen(keys);
	int rc = bud_jose_keys_check(keys, n, err);

	if (rc != BUD_OK)
		return rc;
	if (!(o->keys = malloc(n + 1)))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "oidc keys");
	memcpy(o->keys, keys, n + 1);
	o->keys_len = n;
	return BUD_OK;
}

int bud_oidc_new(const char *public_url,
		 const struct bud_oidc_config cfg[BUD_OIDC_AUDIENCES],
		 const char *keys, struct bud_oidc **out, bud_err *err)
{
	struct bud_oidc *o;
	int i, rc = BUD_OK;

	*out = NULL;
	if (!bud_oidc_url_ok(public_url))
		return bud_err_set(err, BUD_EINVAL, "public_url", "err.oidc.config",
				   "the public URL must be https (http only on loopback)");
	if (!(o = calloc(1, sizeof(*o))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "oidc");
	for (i = 0; i < BUD_OIDC_AUDIENCES; i++)
		pthread_mutex_init(&o->rp[i].mu, NULL);
	snprintf(o->redirect_uri, sizeof o->redirect_uri, "%.*s%s",
		 (int)strcspn(public_url, "?#") -
			 (public_url[strcspn(public_url, "?#") - 1] == '/'),
		 public_url, CALLBACK_PATH);
	if (keys)
		rc = take_keys(o, keys, err);
	for (i = 0; rc == BUD_OK && i < BUD_OIDC_AUDIENCES; i++)
		if (cfg[i].issuer)
			rc = rp_init(&o->rp[i], i, &cfg[i], err);
	for (i = 0; rc == BUD_OK && i < BUD_OIDC_AUDIENCES; i++)
		if (o->rp[i].on && !o->rp[i].secret[0] && !o->keys)
			rc = bud_err_set(err, BUD_EINVAL, "secret", "err.oidc.config",
					 "%s: neither a client secret nor a key set",
					 audience_names[i]);
	if (rc != BUD_OK) {
		bud_oidc_free(o);
		return rc;
	}
	*out = o;
	return BUD_OK;
}

void bud_oidc_free(struct bud_oidc *o)
{
	int i;

	if (!o)
		return;
	if (o->keys) {
		sodium_memzero(o->keys, o->keys_len);
		free(o->keys);
	}
	for (i = 0; i < BUD_OIDC_AUDIENCES; i++) {
		free(o->rp[i].jwks);
		sodium_memzero(o->rp[i].secret, sizeof o->rp[i].secret);
		pthread_mutex_destroy(&o->rp[i].mu);
	}
	free(o);
}

int bud_oidc_public_keys(const bud_app *app, bud_buf *out, bud_err *err)
{
	if (!app->oidc || !app->oidc->keys)
		return bud_err_set(err, BUD_ENOTFOUND, NULL, "err.not_found",
				   "no key set");
	return bud_jose_public(app->oidc->keys, app->oidc->keys_len, out, err);
}

int bud_oidc_enabled(const bud_app *app, int audience)
{
	return app->oidc && audience >= 0 && audience < BUD_OIDC_AUDIENCES &&
	       app->oidc->rp[audience].on;
}

/* SECRET_BYTES random bytes as base64url into out (BUD_STORE_OIDC_SECRET). */
static void random_secret(char *out)
{
	unsigned char raw[SECRET_BYTES];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, BUD_STORE_OIDC_SECRET, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

static void state_hash(const char *state, unsigned char out[crypto_generichash_BYTES])
{
	crypto_generichash(out, crypto_generichash_BYTES,
			   (const unsigned char *)state, strlen(state), NULL, 0);
}

/* The PKCE S256 challenge of verifier into out (BUD_STORE_OIDC_SECRET). */
static void pkce_challenge(const char *verifier, char *out)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)verifier, strlen(verifier));
	sodium_bin2base64(out, BUD_STORE_OIDC_SECRET, h, sizeof h,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

struct start_arg {
	bud_app *app;
	unsigned char hash[crypto_generichash_BYTES];
	struct bud_store_oidc_flow flow;
};

static int start_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct start_arg *a = arg;
	int rc;

	rc = bud_store_oidc_flow_prune(w, a->flow.created_at - BUD_OIDC_FLOW_S, err);
	if (rc == BUD_OK)
		rc = bud_store_oidc_flow_insert(w, a->hash, sizeof a->hash, &a->flow, err);
	return rc;
}

/* The authorization URL of rp for the sign-in of a (state given). */
static int authorize_url(const struct bud_oidc *o, const struct oidc_rp *rp,
			 const struct start_arg *a, const char *state,
			 char *url, size_t urlsz, bud_err *err)
{
	char challenge[BUD_STORE_OIDC_SECRET];
	bud_buf b;
	int rc;

	pkce_challenge(a->flow.verifier, challenge);
	bud_buf_init(&b, urlsz - 1);
	bud_buf_adds(&b, rp->authorize);
	bud_buf_adds(&b, strchr(rp->authorize, '?') ? "&" : "?");
	bud_buf_adds(&b, "response_type=code&scope=openid%20profile&client_id=");
	bud_buf_add_url(&b, rp->client_id);
	bud_buf_adds(&b, "&redirect_uri=");
	bud_buf_add_url(&b, o->redirect_uri);
	bud_buf_adds(&b, "&state=");
	bud_buf_adds(&b, state);
	bud_buf_adds(&b, "&nonce=");
	bud_buf_adds(&b, a->flow.nonce);
	bud_buf_adds(&b, "&code_challenge_method=S256&code_challenge=");
	bud_buf_adds(&b, challenge);
	bud_buf_adds(&b, "&ui_locales=");
	bud_buf_adds(&b, a->flow.lang);
	if (rp->acr[0][0]) {
		bud_buf_adds(&b, "&acr_values=");
		bud_buf_add_url(&b, rp->acr[0]);
	}
	rc = bud_buf_failed(&b) ? bud_err_set(err, BUD_ETOOBIG, NULL, "err.internal",
					      "authorization URL too long") : BUD_OK;
	if (rc == BUD_OK)
		memcpy(url, bud_buf_str(&b), b.len + 1);
	bud_buf_free(&b);
	return rc;
}

int bud_oidc_start(bud_app *app, int audience, const char *lang, char *url,
		   size_t urlsz, bud_err *err)
{
	struct oidc_rp *rp;
	struct start_arg a;
	char state[BUD_STORE_OIDC_SECRET];
	int rc;

	if (!bud_oidc_enabled(app, audience))
		return bud_err_set(err, BUD_ENOTFOUND, "audience", "err.oidc.off",
				   "no provider for this audience");
	rp = &app->oidc->rp[audience];
	if ((rc = bud_oidc_discover(rp, err)) != BUD_OK)
		return rc;
	memset(&a, 0, sizeof a);
	a.app = app;
	snprintf(a.flow.audience, sizeof a.flow.audience, "%s", audience_names[audience]);
	snprintf(a.flow.lang, sizeof a.flow.lang, "%s",
		 lang && (!strcmp(lang, "sv") || !strcmp(lang, "en")) ? lang : "fi");
	a.flow.created_at = bud_app_now(app);
	random_secret(state);
	random_secret(a.flow.nonce);
	random_secret(a.flow.verifier);
	state_hash(state, a.hash);
	rc = authorize_url(app->oidc, rp, &a, state, url, urlsz, err);
	if (rc == BUD_OK)
		rc = bud_db_write(app->db, start_unit, &a, err);
	sodium_memzero(&a, sizeof a);
	return rc;
}

struct tie_arg {
	bud_app *app;
	const char *username, *hetu;
	int64_t user_id;
};

static int tie_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct tie_arg *a = arg;
	struct bud_store_user u;
	char object[40];
	int role, rc = bud_store_user_by_name(w, a->username, &u, err);

	if (rc != BUD_OK)
		return rc == BUD_ENOTFOUND ? bud_err_set(err, BUD_ENOTFOUND, "username",
				"err.not_found", "no such user") : rc;
	sodium_memzero(u.password_hash, sizeof u.password_hash);
	role = bud_role_parse(u.role);
	if (!(role & (BUD_ROLE_REPRESENTATIVE | BUD_ROLE_PROVIDER_USER)))
		return bud_err_set(err, BUD_EINVAL, "username", "err.oidc.tie_role",
				   "only a representative or a provider's user is "
				   "tied to an identity code (a client is found by "
				   "the client record)");
	a->user_id = u.id;
	rc = bud_store_identity_add(w, u.id, "hetu", a->hetu, bud_app_now(a->app), err);
	snprintf(object, sizeof object, "user:%lld", (long long)u.id);
	if (rc == BUD_OK)
		rc = bud_uselog_append_row(a->app, w, NULL, 0, "change", object,
					   "admin", err);
	return rc;
}

int bud_oidc_tie_hetu(bud_app *app, const char *username, const char *hetu,
		      int64_t *user_id, bud_err *err)
{
	struct tie_arg a = {app, username, hetu, 0};
	int rc;

	if (!username || !username[0])
		return bud_err_set(err, BUD_EINVAL, "username", "err.required",
				   "username missing");
	if ((rc = bud_hetu_check(hetu, NULL, err)) != BUD_OK)
		return rc;
	rc = bud_db_write(app->db, tie_unit, &a, err);
	if (user_id)
		*user_id = a.user_id;
	return rc;
}
