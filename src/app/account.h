/*
 * app/account.h: user accounts, passwords and sessions.
 *  - passwords: argon2id (libsodium crypto_pwhash_str, interactive limits
 *    or stronger), BUD_PASSWORD_MIN..MAX characters;
 *  - login: checks the password, slows down repeated failures per account
 *    and per address (BUD_LOGIN_SLOW_AFTER, BUD_LOGIN_FAIL_MAX per hour),
 *    writes login_attempt and a use-log row, creates a session;
 *  - sessions: BUD_TOKEN_BYTES random bytes, given to the browser as
 *    base64url and stored only as a hash; a CSRF token per session; idle
 *    (BUD_SESSION_IDLE_S) and absolute (BUD_SESSION_ABS_S) expiry.
 * Every function here is one write unit (or one read) on app->db.
 */
#ifndef BUD_APP_ACCOUNT_H
#define BUD_APP_ACCOUNT_H

#include <stdint.h>

#include "app/app.h"

/* Session token as given to the browser (base64url of BUD_TOKEN_BYTES). */
#define BUD_TOKEN_TEXT 64

struct bud_new_user {
	const char *username;
	const char *display_name;
	const char *role;		/* "worker", ... */
	const char *lang;		/* "fi", "sv", "en" */
	const char *password;
	int64_t organiser_id;		/* 0: the only organiser */
	int64_t unit_id;		/* staff; 0 none */
	int64_t provider_id;		/* provider_user */
	int64_t client_id;		/* client */
};

/* Create a user (validated: username 3..64 of [a-z0-9._-], role, lang,
 * password length, provider/client ties). actor NULL = the CLI/system. */
int bud_account_create(bud_app *app, const bud_actor *actor,
		       const struct bud_new_user *u, int64_t *id_out, bud_err *err);

/*
 * Sign in. On success fills *actor (with a fresh session and CSRF token)
 * and token (BUD_TOKEN_TEXT bytes) with the cookie value. Wrong username
 * or password are the same BUD_EAUTH "err.login.failed"; too many failures
 * BUD_EBUSY "err.login.throttled". May sleep to slow guessing down.
 */
int bud_account_login(bud_app *app, const char *username, const char *password,
		      const char *addr, bud_actor *actor, char *token, bud_err *err);

/* The actor of a session token, refreshing its idle time; BUD_EAUTH when
 * unknown or expired (then the session row is removed). */
int bud_account_session(bud_app *app, const char *token, bud_actor *actor,
			bud_err *err);

/* End the session (logout). */
int bud_account_logout(bud_app *app, const bud_actor *actor, bud_err *err);

/* Constant-time check of a form's CSRF token against the session's. */
int bud_account_csrf_ok(const bud_actor *actor, const char *token);

/* Change the user's language choice (remembered for later sign-ins). */
int bud_account_set_lang(bud_app *app, const bud_actor *actor, const char *lang,
			 bud_err *err);

#endif
