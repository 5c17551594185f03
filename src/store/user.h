/*
 * store/user.h: the user and mandate tables (store_user.c). Plain rows in
 * and out; validation and password hashing happen in app/account.c.
 *
 * Ids of 0 stand for SQL NULL in both directions. Every function takes the
 * connection to use: a writer connection (inside a bud_db_write unit) for
 * the ones that change rows, any connection for the reads.
 */
#ifndef BUD_STORE_USER_H
#define BUD_STORE_USER_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "bud_limits.h"
#include "store/db.h"

/* Room for a crypto_pwhash string (crypto_pwhash_STRBYTES is 128). */
#define BUD_STORE_HASH_TEXT 128

struct bud_store_user {
	int64_t id;
	char username[BUD_USERNAME_MAX + 1];
	char display_name[BUD_DISPLAY_NAME_MAX * 4 + 1];	/* UTF-8 */
	char role[16];
	char lang[4];
	char password_hash[BUD_STORE_HASH_TEXT];
	int64_t organiser_id;	/* the user's, else the only organiser's, else 0 */
	int64_t unit_id, provider_id, client_id;
	int active;
	int64_t created_at;
};

/* The user called username (case-insensitive); BUD_ENOTFOUND if none. */
int bud_store_user_by_name(bud_conn *c, const char *username,
			   struct bud_store_user *out, bud_err *err);

/* The user with id; BUD_ENOTFOUND if none. */
int bud_store_user_get(bud_conn *c, int64_t id, struct bud_store_user *out,
		       bud_err *err);

/* Insert u (u->id is ignored; active, created_at are taken from u). */
int bud_store_user_insert(bud_conn *w, const struct bud_store_user *u,
			  int64_t *id_out, bud_err *err);

int bud_store_user_set_lang(bud_conn *w, int64_t id, const char *lang,
			    bud_err *err);

/* A new argon2id hash for user id; BUD_ENOTFOUND when there is none. */
int bud_store_user_set_password(bud_conn *w, int64_t id, const char *hash,
				bud_err *err);

/*
 * *found = 1 when a row with id exists in table `what`, one of
 * "organiser", "unit", "provider", "client", "user" (any other name is
 * BUD_EINVAL).
 */
int bud_store_ref_exists(bud_conn *c, const char *what, int64_t id, int *found,
			 bud_err *err);

struct bud_store_mandate {
	int64_t user_id, client_id;
	const char *kind;	/* guardian, trustee, authorised */
	const char *scope;	/* view, act */
	const char *valid_from;	/* YYYY-MM-DD */
	const char *valid_to;	/* YYYY-MM-DD or NULL (open-ended) */
	int64_t created_by;	/* 0: the system */
	int64_t created_at;
};

int bud_store_mandate_insert(bud_conn *w, const struct bud_store_mandate *m,
			     int64_t *id_out, bud_err *err);

/* A mandate as read back, with the representative's names. */
struct bud_store_mandate_row {
	int64_t id, user_id, client_id;
	char username[BUD_USERNAME_MAX + 1];
	char display_name[BUD_DISPLAY_NAME_MAX * 4 + 1];
	char kind[16];		/* guardian, trustee, authorised */
	char scope[8];		/* view, act */
	char valid_from[11];	/* YYYY-MM-DD */
	char valid_to[11];	/* YYYY-MM-DD, "" open-ended */
	int64_t created_by;	/* 0: the system */
	int64_t created_at;
	int64_t ended_at;	/* 0: not ended by a worker */
};

/* The mandate with id; BUD_ENOTFOUND if none. */
int bud_store_mandate_get(bud_conn *c, int64_t id,
			  struct bud_store_mandate_row *out, bud_err *err);

/* client_id's mandates, newest first (valid_from, then id, descending),
 * at most max into out, *n of them. */
int bud_store_mandate_list_client(bud_conn *c, int64_t client_id,
				  struct bud_store_mandate_row *out, size_t max,
				  size_t *n, bud_err *err);

/* End mandate id now: ended_at (Unix seconds) by user ended_by; its last
 * day becomes valid_to when that is given (NULL keeps the dates: a
 * mandate withdrawn before it starts). BUD_ENOTFOUND when there is no
 * such mandate or it has ended already. */
int bud_store_mandate_end(bud_conn *w, int64_t id, int64_t ended_at,
			  int64_t ended_by, const char *valid_to, bud_err *err);

#endif
