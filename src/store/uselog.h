/*
 * store/uselog.h: the uselog table (store_uselog.c). Rows are only ever
 * inserted (triggers refuse UPDATE and DELETE); app/uselog.c computes the
 * hash chain, this file only moves rows.
 */
#ifndef BUD_STORE_USELOG_H
#define BUD_STORE_USELOG_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

#define BUD_USELOG_HASH 32	/* bytes of prev_hash and hash */

/* One row. Ids of 0 are NULL; recipient and legal_basis may be NULL. In a
 * walk callback the strings live until the callback returns. */
struct bud_store_uselog {
	int64_t id, at, user_id, unit_id, client_id, acting_for;
	const char *role, *action, *object, *basis, *recipient, *legal_basis;
	unsigned char prev_hash[BUD_USELOG_HASH];
	unsigned char hash[BUD_USELOG_HASH];
	int prev_hash_len, hash_len;	/* as stored (a walk reports them) */
};

/* The newest row's id and hash; *id_out 0 and a zero hash when empty. */
int bud_store_uselog_last(bud_conn *c, int64_t *id_out,
			  unsigned char hash[BUD_USELOG_HASH], bud_err *err);

/* Insert r with its own id (r->id), prev_hash and hash. */
int bud_store_uselog_insert(bud_conn *w, const struct bud_store_uselog *r,
			    bud_err *err);

/* Called per row; a non-zero return stops the walk and is returned. */
typedef int (*bud_store_uselog_fn)(void *arg, const struct bud_store_uselog *r);

/* Every row in id order. */
int bud_store_uselog_walk(bud_conn *c, bud_store_uselog_fn fn, void *arg,
			  bud_err *err);

/* A row as the client sees it: who (name and role), what, when. */
struct bud_store_uselog_view {
	int64_t id, at, acting_for;
	const char *user_name;	/* NULL: the system */
	const char *role, *action, *object;
};
typedef int (*bud_store_uselog_view_fn)(void *arg,
					const struct bud_store_uselog_view *v);

/* client_id's rows, newest first, with id < before_id (0: from the newest)
 * and from_at <= at < to_at (0: open), at most limit of them. */
int bud_store_uselog_for_client(bud_conn *c, int64_t client_id,
				int64_t before_id, int64_t from_at, int64_t to_at,
				int limit,
				bud_store_uselog_view_fn fn, void *arg,
				bud_err *err);

#endif
