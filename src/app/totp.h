/*
 * app/totp.h: the second factor of staff who sign in with a password:
 * TOTP (RFC 6238, HMAC-SHA-1, BUD_TOTP_DIGITS digits, BUD_TOTP_STEP_S
 * steps, computed by Debian's liboath) and BUD_RECOVERY_CODES one-time
 * recovery codes.
 *
 * Enrolment, on the user's own page: bud_totp_start makes a secret and
 * keeps it pending; bud_totp_status shows it as a QR code (inline SVG,
 * libqrencode) and as grouped base32 text; bud_totp_confirm takes the
 * first code, makes the secret the user's and answers the recovery codes,
 * shown that once and kept only as hashes.
 *
 * A code is accepted within BUD_TOTP_WINDOW steps of now, and only when
 * its step is later than the last accepted one (user.totp_last_step): a
 * code is never accepted twice. A wrong code counts as a failed sign-in of
 * the username (the throttling of app/account.h applies). A recovery code
 * may stand wherever a code is asked for; it is then used up.
 *
 * The secret is kept raw in the database (there is no database key
 * material to encrypt it with, the same as the identity codes).
 */
#ifndef BUD_APP_TOTP_H
#define BUD_APP_TOTP_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

/* The RFC 6238 code (HMAC-SHA-1) of secret (len bytes) at Unix time t,
 * with step seconds and digits digits (6..8), into out (> digits bytes).
 * BUD_EINVAL for bad arguments. */
int bud_totp_code(const unsigned char *secret, size_t len, int64_t t, int step,
		  int digits, char *out, size_t outsz);

/* The time step whose BUD_TOTP_DIGITS-digit code is code, within
 * BUD_TOTP_WINDOW steps of now; -1 when none is. No state: reuse is
 * refused by the callers below. */
int64_t bud_totp_match(const unsigned char *secret, size_t len, int64_t now,
		       const char *code);

/* The secret as the user types it: base32 in groups of four separated
 * by spaces, into out (outsz >= 48). */
void bud_totp_secret_text(const unsigned char *secret, char *out, size_t outsz);

/*
 * The actor's second factor for their own page: {enrolled (bool),
 * recovery_left, pending (null or {secret (grouped base32), uri
 * (otpauth://), svg (the QR code: inline SVG with a <title>)}), may_enrol
 * (staff only)}. title: the SVG's title text in the page's language.
 */
int bud_totp_status(bud_app *app, const bud_actor *actor, const char *title,
		    json_t **out, bud_err *err);

/* A new pending secret for the actor (staff; BUD_EFORBIDDEN else;
 * BUD_ECONFLICT err.totp.enrolled when enrolled already). */
int bud_totp_start(bud_app *app, const bud_actor *actor, bud_err *err);

/* Confirm the pending secret with its first code: *codes gets a JSON
 * array of the recovery codes ("xxxxx-xxxxx"), shown once. BUD_EAUTH
 * field "code" err.totp.wrong when the code does not match;
 * BUD_ECONFLICT err.totp.no_pending when nothing waits. */
int bud_totp_confirm(bud_app *app, const bud_actor *actor, const char *code,
		     json_t **codes, bud_err *err);

/* Turn the second factor off: needs the password and a code (or a
 * recovery code). Fields "password", "code". */
int bud_totp_disable(bud_app *app, const bud_actor *actor, const char *password,
		     const char *code, bud_err *err);

/*
 * Complete a pending sign-in (app/account.h bud_account_login_ua): token
 * is the pending session's, code a TOTP or a recovery code. On success
 * *actor is the signed-in user (the same token is now the session) and
 * the session's second factor is fresh. BUD_EAUTH field "code"
 * err.totp.wrong / err.totp.reused; err.session.expired when the
 * sign-in waited too long; BUD_EBUSY when throttled.
 */
int bud_totp_login_code(bud_app *app, const char *token, const char *code,
			const char *addr, bud_actor *actor, bud_err *err);

/*
 * A fresh second factor before a decision on money (approving or ending
 * a plan, approving a payment run). For a user enrolled in TOTP: code
 * (a TOTP or recovery code) is checked and accepted once; without a code
 * the session must have had one within BUD_TOTP_FRESH_S, else BUD_EAUTH
 * field "code" err.totp.needed. A user not enrolled passes, unless
 * BUD_TOTP_REQUIRED (then BUD_EFORBIDDEN err.totp.enrol_required). Call
 * it after the password check, outside any write unit.
 */
int bud_account_fresh_second_factor(bud_app *app, const bud_actor *actor,
				    const char *code, bud_err *err);

#endif
