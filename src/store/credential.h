/*
 * store/credential.h: what accounts keep beside the user row (migration
 * 017, store_credential.c): one-time set-password and activation links,
 * the TOTP secret and its last used step, recovery codes, a user's own
 * sessions as listed to them, the sweep of expired sessions, and the
 * administrator's list and changes of users. Plain rows in and out; the
 * rules (expiry, hashing, who may) are in app/account.c and app/totp.c.
 * Writes take the writer's connection, reads any.
 */
#ifndef BUD_STORE_CREDENTIAL_H
#define BUD_STORE_CREDENTIAL_H

#include <stddef.h>
#include <stdint.h>

#include "bud_limits.h"
#include "core/err.h"
#include "store/db.h"
#include "store/user.h"

/* ---- one-time links ---- */

struct bud_store_link {
	int64_t id, user_id, created_by, created_at, expires_at, used_at;
	char purpose[16];	/* set_password, activate */
};

int bud_store_link_insert(bud_conn *w, const unsigned char *hash, size_t hashlen,
			  const struct bud_store_link *l, int64_t *id_out,
			  bud_err *err);

/* The link whose token hash is hash; BUD_ENOTFOUND if none. */
int bud_store_link_get(bud_conn *c, const unsigned char *hash, size_t hashlen,
		       struct bud_store_link *out, bud_err *err);

/* Mark every unused link of user_id used at `at` (a new link replaces
 * the old ones; a used link ends the others). */
int bud_store_link_close_user(bud_conn *w, int64_t user_id, int64_t at,
			      bud_err *err);

/* Mark link id used at `at`; *done = 0 when it was used already. */
int bud_store_link_use(bud_conn *w, int64_t id, int64_t at, int *done,
		       bud_err *err);

/* ---- TOTP ---- */

struct bud_store_totp {
	unsigned char secret[BUD_TOTP_SECRET_BYTES];
	unsigned char pending[BUD_TOTP_SECRET_BYTES];
	int enrolled;		/* secret holds one */
	int has_pending;	/* pending holds one */
	int64_t last_step;
};

int bud_store_totp_get(bud_conn *c, int64_t user_id, struct bud_store_totp *out,
		       bud_err *err);

/* A secret awaiting its first code (NULL: none). */
int bud_store_totp_set_pending(bud_conn *w, int64_t user_id,
			       const unsigned char *secret, bud_err *err);

/* The pending secret becomes the user's, with step as the last used. */
int bud_store_totp_confirm(bud_conn *w, int64_t user_id, int64_t step,
			   bud_err *err);

/* Forget the user's secrets, last step and recovery codes. */
int bud_store_totp_clear(bud_conn *w, int64_t user_id, bud_err *err);

/* last_step = step when it is later than the stored one; *done = 0 when
 * it is not (the code of that step, or an earlier one, was used). */
int bud_store_totp_use_step(bud_conn *w, int64_t user_id, int64_t step,
			    int *done, bud_err *err);

int bud_store_recovery_insert(bud_conn *w, int64_t user_id,
			      const unsigned char *hash, size_t hashlen,
			      bud_err *err);

/* Mark the user's unused code with hash used; *done = 0 when none. */
int bud_store_recovery_use(bud_conn *w, int64_t user_id,
			   const unsigned char *hash, size_t hashlen, int64_t at,
			   int *done, bud_err *err);

/* Recovery codes of user_id not used yet. */
int bud_store_recovery_left(bud_conn *c, int64_t user_id, int *n, bud_err *err);

/* ---- sessions as their user sees them ---- */

struct bud_store_session_row {
	int64_t id, created_at, last_seen, factor_at;
	int pending;
	char user_agent[BUD_USER_AGENT_MAX + 1];
};

/* user_id's sessions not pending, newest first, at most max. */
int bud_store_session_list(bud_conn *c, int64_t user_id,
			   struct bud_store_session_row *out, size_t max,
			   size_t *n, bud_err *err);

/* The session id (any user); BUD_ENOTFOUND if none. */
int bud_store_session_row_get(bud_conn *c, int64_t id,
			      struct bud_store_session_row *out, int64_t *user_id,
			      bud_err *err);

/* Delete session id if it is user_id's; *done = 0 when it is not. */
int bud_store_session_delete_own(bud_conn *w, int64_t user_id, int64_t id,
				 int *done, bud_err *err);

int bud_store_session_set_agent(bud_conn *w, int64_t id, const char *ua,
				bud_err *err);

/* pending = 0 and factor_at = at: the session's code was given. */
int bud_store_session_factor(bud_conn *w, int64_t id, int64_t at, bud_err *err);

int bud_store_session_set_pending(bud_conn *w, int64_t id, bud_err *err);

/* Delete at most max sessions (of anyone) last seen before idle_before,
 * created before created_before, or pending and created before
 * pending_before; *removed gets how many. */
int bud_store_session_sweep(bud_conn *w, int64_t idle_before,
			    int64_t created_before, int64_t pending_before,
			    int max, int *removed, bud_err *err);

/* ---- users as the administrator manages them ---- */

struct bud_store_user_row {
	int64_t id, unit_id, organiser_id;
	char username[BUD_USERNAME_MAX + 1];
	char display_name[BUD_DISPLAY_NAME_MAX * 4 + 1];
	char role[16];
	char lang[4];
	char email[BUD_MAIL_ADDR_MAX + 1];
	int active, totp;	/* totp: enrolled */
	int64_t created_at;
};

/* Staff users (admin, worker, decision_maker, finance) of organiser_id
 * (or without one) with id > after, in id order, at most max. */
int bud_store_staff_list(bud_conn *c, int64_t organiser_id, int64_t after,
			 struct bud_store_user_row *out, size_t max, size_t *n,
			 bud_err *err);

int bud_store_user_row_get(bud_conn *c, int64_t id, struct bud_store_user_row *out,
			   bud_err *err);

/* display_name, role, unit_id (0: none), email ("" none), lang of user
 * id from r. */
int bud_store_user_update(bud_conn *w, const struct bud_store_user_row *r,
			  bud_err *err);

int bud_store_user_set_active(bud_conn *w, int64_t id, int active, bud_err *err);

#endif
