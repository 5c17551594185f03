/*
 * app/account.h: user accounts, passwords and sessions.
 *  - passwords: argon2id (libsodium crypto_pwhash_str, interactive limits
 *    or stronger), BUD_PASSWORD_MIN..MAX characters;
 *  - login: checks the password, slows down repeated failures per account
 *    (BUD_LOGIN_SLOW_AFTER, BUD_LOGIN_FAIL_MAX per hour) and per address
 *    (BUD_LOGIN_ADDR_SLOW_AFTER),
 *    writes login_attempt and a use-log row, creates a session;
 *  - sessions: BUD_TOKEN_BYTES random bytes, given to the browser as
 *    base64url and stored only as a hash; a CSRF token per session; idle
 *    (BUD_SESSION_IDLE_S) and absolute (BUD_SESSION_ABS_S) expiry.
 * Every function here is one write unit (or one read) on app->db;
 * password hashing happens before the unit, on the caller's thread. The
 * two *_insert_* functions instead run inside a caller's own unit (w), so
 * that a use case writing several things commits them all or nothing.
 */
#ifndef BUD_APP_ACCOUNT_H
#define BUD_APP_ACCOUNT_H

#include <stddef.h>
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
 * bud_account_create inside the caller's write unit, through its writer
 * connection w: u is validated and checked the same way, but u->password
 * is ignored and hash (from bud_account_hash_password, made before the
 * unit) is stored. *id_out (may be NULL) gets the id.
 */
int bud_account_insert_hashed(bud_app *app, bud_conn *w, const bud_actor *actor,
			      const struct bud_new_user *u, const char *hash,
			      int64_t *id_out, bud_err *err);

/*
 * Record a representative's mandate for a client: kind guardian, trustee
 * or authorised; scope view or act; valid_from "YYYY-MM-DD", valid_to the
 * same or NULL/"" (open-ended), both inclusive. actor NULL (the CLI), an
 * admin, or a worker who may act for the client. user_id must be a
 * representative (field "user_id"). *id_out (may be NULL) gets the id.
 */
int bud_account_add_mandate(bud_app *app, const bud_actor *actor,
			    int64_t user_id, int64_t client_id, const char *kind,
			    const char *scope, const char *valid_from,
			    const char *valid_to, int64_t *id_out, bud_err *err);

/* bud_account_add_mandate inside the caller's write unit (w). */
int bud_account_insert_mandate(bud_app *app, bud_conn *w,
			       const bud_actor *actor, int64_t user_id,
			       int64_t client_id, const char *kind,
			       const char *scope, const char *valid_from,
			       const char *valid_to, int64_t *id_out,
			       bud_err *err);

/*
 * Sign in. On success fills *actor (with a fresh session and CSRF token;
 * actor->addr = addr) and token (BUD_TOKEN_TEXT bytes) with the cookie
 * value. Wrong username or password (and an inactive account) are the
 * same BUD_EAUTH "err.login.failed", and take the same time. Too many
 * failures: BUD_EBUSY "err.login.throttled" (slowed down) or
 * "err.login.locked" (BUD_LOGIN_FAIL_MAX in the hour), nothing checked;
 * answer 429 with Retry-After: bud_account_retry_after(). Never sleeps.
 * The password is checked on the calling thread, not the writer's.
 */
int bud_account_login(bud_app *app, const char *username, const char *password,
		      const char *addr, bud_actor *actor, char *token, bud_err *err);

struct bud_store_user;

/*
 * Sign in u, whose identity another party proved (OpenID Connect,
 * app/oidc.c), inside the caller's write unit w: a new session (the
 * user's oldest over BUD_SESSIONS_PER_USER end), *actor filled as by
 * bud_account_login and token (BUD_TOKEN_TEXT bytes) the cookie value.
 * An inactive u is BUD_EAUTH err.login.failed. The caller writes the
 * use-log row (it knows how the person was identified).
 */
int bud_account_session_insert(bud_app *app, bud_conn *w,
			       const struct bud_store_user *u, const char *addr,
			       bud_actor *actor, char *token, bud_err *err);

/*
 * bud_account_login with the browser's User-Agent (ua, may be NULL; kept
 * with the session, cut to BUD_USER_AGENT_MAX bytes, shown on the user's
 * own page). A user enrolled in TOTP (app/totp.h) gets a pending session:
 * actor->factor_pending is 1, the token is not yet a sign-in
 * (bud_account_session refuses it) and bud_totp_login_code completes it
 * within BUD_TOTP_PENDING_S.
 */
int bud_account_login_ua(bud_app *app, const char *username,
			 const char *password, const char *addr, const char *ua,
			 bud_actor *actor, char *token, bud_err *err);

/*
 * Seconds a login for username from addr must still wait (0: it may go
 * ahead now); for the Retry-After header after BUD_EBUSY.
 */
int64_t bud_account_retry_after(bud_app *app, const char *username,
				const char *addr);

/*
 * The actor of a session token, refreshing its idle time (at most once
 * every BUD_SESSION_TOUCH_S); BUD_EAUTH "err.session.invalid" when
 * unknown or the user is inactive, "err.session.expired" after
 * BUD_SESSION_IDLE_S idle or BUD_SESSION_ABS_S in all (then the session
 * row is removed). actor->addr is kept as the caller set it.
 */
int bud_account_session(bud_app *app, const char *token, bud_actor *actor,
			bud_err *err);

/* bud_account_session of a pending sign-in's token (one waiting for its
 * TOTP code, younger than BUD_TOTP_PENDING_S); BUD_EAUTH for any other. */
int bud_account_session_pending(bud_app *app, const char *token,
				bud_actor *actor, bud_err *err);

/* The hash (BLAKE2b-256) kept of a token; BUD_TOKEN_HASH bytes. */
#define BUD_TOKEN_HASH 32

/* A fresh random token (base64url of BUD_TOKEN_BYTES, into token of
 * tokensz >= BUD_TOKEN_TEXT) and its hash: for sessions and one-time
 * links. BUD_EINVAL when token is too small. */
int bud_account_token_new(char *token, size_t tokensz,
			  unsigned char hash[BUD_TOKEN_HASH]);

/* The hash of a token given back by a browser; BUD_EINVAL when it does
 * not have a token's shape (nothing is looked up then). */
int bud_account_token_hash(const char *token, unsigned char hash[BUD_TOKEN_HASH]);

/* The most argon2id hashes or checks that ran at once since the last
 * reset (reset: start counting again); never above BUD_ARGON2_CONCURRENT. */
int bud_account_argon2_peak(int reset);

/* Whether username from addr (not "": "-" when unknown) may try a
 * password or code at now, read through c: BUD_OK, or BUD_EBUSY
 * "err.login.throttled"/"err.login.locked" with *wait_s the seconds to
 * wait (the rules at the top of account.c). */
int bud_account_throttle(bud_conn *c, const char *username, const char *addr,
			 int64_t now, int64_t *wait_s, bud_err *err);

/* End the session (logout). */
int bud_account_logout(bud_app *app, const bud_actor *actor, bud_err *err);

/* End every session of the actor's user, this one included ("sign out
 * everywhere": a browser left signed in on a shared computer). Use log:
 * logout of the object "session:all". */
int bud_account_logout_all(bud_app *app, const bud_actor *actor, bud_err *err);

/* Constant-time check of a form's CSRF token against the session's. */
int bud_account_csrf_ok(const bud_actor *actor, const char *token);

/*
 * Set a new password for an existing user (an administrator's reset;
 * actor NULL = the CLI, `budjetti user password`). The password rules of
 * bud_account_password_check apply, with the user's own names. Every
 * session of the user ends, except the actor's own when the actor is that
 * user: whoever may have used the old password is signed out. Use log:
 * change of "user:ID:password". BUD_ENOTFOUND field "username" when there
 * is no such user. This is the one place a password of an existing user
 * is set; a self-service change of password must go through it.
 */
int bud_account_set_password(bud_app *app, const bud_actor *actor,
			     const char *username, const char *password,
			     bud_err *err);

/*
 * The actor changes their own password: old_password is checked as by
 * bud_account_check_password (a wrong one: BUD_EAUTH field
 * "old_password"; throttled like a sign-in), the new one follows the
 * rules of bud_account_set_password, and every other session of the user
 * ends (this one stays).
 */
int bud_account_change_password(bud_app *app, const bud_actor *actor,
				const char *old_password, const char *password,
				bud_err *err);

/* Change the user's language choice (remembered for later sign-ins). */
int bud_account_set_lang(bud_app *app, const bud_actor *actor, const char *lang,
			 bud_err *err);

/*
 * Ask a signed-in user for their password again (before approving money).
 * Counted like a login: a wrong password is a failed attempt for the
 * username, and throttling applies (BUD_EBUSY). BUD_EAUTH
 * "err.login.failed" with field "password" when wrong.
 */
int bud_account_check_password(bud_app *app, const bud_actor *actor,
			       const char *password, bud_err *err);

/*
 * The rules of a new password, the same for the API, the web pages and
 * the CLI (every password set goes through bud_account_hash_password):
 * BUD_PASSWORD_MIN..MAX characters of UTF-8 text without control
 * characters, not spaces only (a sign-in form takes that for an empty
 * field), not a common password (src/app/common_passwords.txt, compared in
 * lower case, also with digits and marks around it: "Password1234!"), not
 * a run or a repetition ("123456789012", "abcabcabcabc"), and not made of
 * the user's own names (names: NULL-terminated, e.g. the username and the
 * display name; may be NULL): fewer than BUD_PASSWORD_OWN_REST characters
 * beyond them. BUD_EINVAL field "password", keys err.required,
 * err.user.password_{short,long,invalid,blank,common,personal}.
 */
int bud_account_password_check(const char *password, const char *const *names,
			       bud_err *err);

/* The argon2id hash (libsodium string form, "$argon2id$...") of a password
 * that passes bud_account_password_check (with names) into out (at least
 * 128 bytes). Costly: never in a write unit. */
int bud_account_hash_password(const char *password, const char *const *names,
			      char *out, size_t outsz, bud_err *err);

/* len random characters from an alphabet without look-alikes into out
 * (outsz > len); BUD_EINVAL when it does not fit. */
int bud_account_random_password(char *out, size_t outsz, size_t len);

/*
 * A one-time link (app/users.h makes them): the user it is for, their
 * language and the link's purpose ("set_password", "activate"), for the
 * page that asks for the new password. BUD_ENOTFOUND field "token"
 * err.link.invalid when there is no such link (or its user is disabled);
 * BUD_ECONFLICT err.link.used or err.link.expired.
 */
int bud_account_link_info(bud_app *app, const char *token, char *username,
			  size_t usz, char *lang, size_t lsz, char *purpose,
			  size_t psz, bud_err *err);

/*
 * Set the password through a one-time link: password and password2 must
 * be the same (else BUD_EINVAL field "password2"
 * err.user.password_mismatch) and follow the rules of
 * bud_account_set_password. In one write unit the link and every other
 * open link of the user are used up, the password is set and every
 * session of the user ends. Errors of bud_account_link_info.
 */
int bud_account_link_redeem(bud_app *app, const char *token,
			    const char *password, const char *password2,
			    bud_err *err);

/* The hash of a random password nobody is told (an account that waits
 * for its one-time link), into out as bud_account_hash_password. */
int bud_account_unusable_hash(char *out, size_t outsz, bud_err *err);

/* len random characters of a-z and 2-9 without look-alikes (l, o, 0,
 * 1) into out (outsz > len): recovery codes, typed in any case. */
int bud_account_random_code(char *out, size_t outsz, size_t len);

#endif
