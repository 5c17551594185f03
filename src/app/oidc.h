/*
 * app/oidc.h: signing in through OpenID Connect, one relying-party
 * implementation configured per audience:
 *   citizen  clients, representatives and providers' users, through strong
 *            electronic identification (the Suomi.fi e-Identification
 *            profile): the identity code claim is matched to the client
 *            record, or to the account an organiser tied it to
 *            (`budjetti user add --hetu`);
 *   staff    the organiser's own provider (for example the county's Entra
 *            ID): a claim (preferred_username by default) is matched to a
 *            staff account's username.
 *
 * The flow: authorization code with PKCE (S256), state and nonce.
 * bud_oidc_start records the sign-in (only the state's hash is kept) and
 * gives the URL to send the browser to; bud_oidc_finish takes the sign-in
 * back by its state (once), exchanges the code at the token endpoint over
 * the back channel (libcurl, client_secret_basic), checks the ID token
 * (formats/idtoken.h: the provider's published keys, fetched again when
 * the provider rotates them, at most once a BUD_OIDC_JWKS_MIN_S), maps the
 * identity to one account and opens a session. Nothing is revealed about
 * whether a person is a client: an identity with no account is the same
 * BUD_ENOTFOUND "err.oidc.no_account" whoever it is.
 *
 * A client with no sign-in account yet gets one at the first e-
 * identification (activation by e-identification): a password-less
 * account, so that no worker ever chooses a client's password.
 *
 * Every sign-in writes a use-log row ("login", basis "oidc:citizen" or
 * "oidc:staff"); a refusal after the identity is known writes
 * "login_failed". Front-channel logout ends the sessions of the provider
 * session id it names.
 *
 * Ownership: bud_oidc is made by `budjetti serve` from the command line
 * and hung on bud_app (app->oidc); the provider's discovery document and
 * keys are fetched on first use and kept, under a mutex, for the life of
 * the server.
 */
#ifndef BUD_APP_OIDC_H
#define BUD_APP_OIDC_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/buf.h"
#include "bud_limits.h"

enum bud_oidc_audience {
	BUD_OIDC_CITIZEN = 0,
	BUD_OIDC_STAFF = 1,
	BUD_OIDC_AUDIENCES
};

/* One audience's provider; issuer NULL: the audience has no provider. */
struct bud_oidc_config {
	const char *issuer;	/* https://..., or http:// on a loopback address (tests) */
	const char *client_id;
	const char *secret;	/* client_secret_basic; NULL: private_key_jwt with
				 * the key set given to bud_oidc_new */
	const char *claim;	/* identity claim; NULL: the audience's default */
	const char *acr[BUD_OIDC_ACR_MAX];	/* accepted levels, the first requested */
};

struct bud_oidc;

/* "citizen" / "staff" -> enum value, or -1. */
int bud_oidc_audience_parse(const char *name);
const char *bud_oidc_audience_name(int audience);

/*
 * A relying party for the audiences of cfg (BUD_OIDC_AUDIENCES entries).
 * public_url is the address browsers reach the service at (the redirect
 * URI is public_url + "/login/oidc/callback"). keys (NULL: none) is the
 * service's own key set (formats/jose.h, `budjetti oidc keygen`): an
 * audience without a secret authenticates with it (private_key_jwt), and
 * ID tokens encrypted to it are opened with it. BUD_EINVAL naming the
 * field when an issuer is not https (or http on loopback), a client id
 * is missing, an audience has neither a secret nor the keys, or the key
 * set is not one. Nothing is fetched yet.
 */
int bud_oidc_new(const char *public_url,
		 const struct bud_oidc_config cfg[BUD_OIDC_AUDIENCES],
		 const char *keys, struct bud_oidc **out, bud_err *err);

/* The public halves of the service's key set as a JWKS document into out
 * (what the provider fetches); BUD_ENOTFOUND when there is no key set. */
int bud_oidc_public_keys(const bud_app *app, bud_buf *out, bud_err *err);
void bud_oidc_free(struct bud_oidc *o);		/* o may be NULL */

/* 1 when app has a provider for audience. */
int bud_oidc_enabled(const bud_app *app, int audience);

/*
 * Begin a sign-in of audience in lang: fetches the provider's discovery
 * document if not yet known, records the sign-in, and writes into url
 * (urlsz bytes) the provider's authorization URL to redirect the browser
 * to. BUD_ENOTFOUND when the audience has no provider; BUD_EIO
 * "err.oidc.provider" when the provider cannot be reached.
 */
int bud_oidc_start(bud_app *app, int audience, const char *lang, char *url,
		   size_t urlsz, bud_err *err);

/*
 * Finish a sign-in from the provider's redirect (state and code of its
 * query; error, when the provider sent one instead). On BUD_OK *actor is
 * signed in and token holds the session cookie's value (BUD_TOKEN_TEXT
 * bytes). Refusals (BUD_EAUTH unless said): err.oidc.state (unknown,
 * used or too old: start again), err.oidc.cancelled (the provider's
 * error), the ID token's refusals of formats/idtoken.h, BUD_ENOTFOUND
 * err.oidc.no_account, BUD_EIO err.oidc.provider.
 */
int bud_oidc_finish(bud_app *app, const char *state, const char *code,
		    const char *error, const char *addr, bud_actor *actor,
		    char *token, bud_err *err);

/*
 * Front-channel logout from the provider iss: end our sessions that began
 * with its session sid. *ended gets how many. BUD_ENOTFOUND when iss is
 * none of ours; sid empty is BUD_EINVAL "sid".
 */
int bud_oidc_logout(bud_app *app, const char *iss, const char *sid,
		    int *ended, bud_err *err);

/*
 * Tie the identity code hetu (checked) to the account username, so that
 * the person signs in by e-identification as that account: only a
 * representative or a provider's user (a client is found by the client
 * record; staff by the staff provider), else BUD_EINVAL "username"
 * err.oidc.tie_role. Tying it again changes nothing. The organiser's IT
 * does this (`budjetti user identity`); one use-log row. *user_id (may be
 * NULL) gets the account's id.
 */
int bud_oidc_tie_hetu(bud_app *app, const char *username, const char *hetu,
		      int64_t *user_id, bud_err *err);

#endif
