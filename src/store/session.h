/*
 * store/session.h: the session and login_attempt tables (store_session.c).
 * A session row holds only a hash of the browser's token; app/account.c
 * makes the token, hashes it and decides on expiry and throttling.
 */
#ifndef BUD_STORE_SESSION_H
#define BUD_STORE_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

struct bud_store_session {
	int64_t id, user_id;
	char csrf[72];
	int64_t created_at, last_seen;
	int64_t factor_at;	/* a second factor last given (0: never) */
	int pending;		/* 1: the sign-in still waits for its code */
};

int bud_store_session_insert(bud_conn *w, const unsigned char *hash,
			     size_t hashlen, int64_t user_id, const char *csrf,
			     int64_t now, int64_t *id_out, bud_err *err);

/* The session whose token hash is hash; BUD_ENOTFOUND if none. */
int bud_store_session_get(bud_conn *c, const unsigned char *hash,
			  size_t hashlen, struct bud_store_session *out,
			  bud_err *err);

/* Delete session id (no error when it is already gone). */
int bud_store_session_delete(bud_conn *w, int64_t id, bud_err *err);

/* Delete every session of user_id but keep_id (0: all of them). */
int bud_store_session_delete_user(bud_conn *w, int64_t user_id, int64_t keep_id,
				  bud_err *err);

/* last_seen = now, only moving forward. */
int bud_store_session_touch(bud_conn *w, int64_t id, int64_t now, bud_err *err);

/* Delete user_id's sessions last seen before idle_before or created before
 * created_before (expired ones). */
int bud_store_session_prune(bud_conn *w, int64_t user_id, int64_t idle_before,
			    int64_t created_before, bud_err *err);

/* Keep user_id's `keep` newest sessions, delete the rest. */
int bud_store_session_trim(bud_conn *w, int64_t user_id, int keep, bud_err *err);

/* Failed attempts since a time: how many, the first and the last (0 when
 * there are none). */
struct bud_store_login_stats {
	int64_t failures, first_at, last_at;
};

/* Failures for username (case-insensitive) at or after since. */
int bud_store_login_failures_user(bud_conn *c, const char *username,
				  int64_t since, struct bud_store_login_stats *out,
				  bud_err *err);

/* Failures from addr at or after since. */
int bud_store_login_failures_addr(bud_conn *c, const char *addr, int64_t since,
				  struct bud_store_login_stats *out, bud_err *err);

int bud_store_login_attempt_add(bud_conn *w, const char *username,
				const char *addr, int64_t at, int ok, bud_err *err);

/* Delete attempts older than before. */
int bud_store_login_attempt_prune(bud_conn *w, int64_t before, bud_err *err);

#endif
