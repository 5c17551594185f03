/*
 * store/idem.h: the idempotency table (store_idem.c): one row per
 * (Idempotency-Key, user) with the hash of the request it was first used
 * for and, once that request has been answered, the answer's status and
 * body. Writer connection only (every call runs inside a write unit).
 *
 * A request that never finished (the server was killed after the claim)
 * leaves a claim without an answer. Each claim records the instance (the
 * random id of the server run) that made it, and committed, set to 1 by
 * bud_store_idem_mark inside the transaction of the request's own write.
 * A claim of an earlier instance is not running any more: with committed
 * 0 its write did not happen and the key is taken again; with committed 1
 * (or unknown, rows older than migration 006) it did and the answer is
 * lost (BUD_IDEM_LOST): it must not run twice.
 */
#ifndef BUD_STORE_IDEM_H
#define BUD_STORE_IDEM_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

#define BUD_IDEM_HASH 32	/* bytes of request_hash */

/* What a claim found. */
enum bud_idem_state {
	BUD_IDEM_NEW = 0,	/* the key was free: now claimed (status 0) */
	BUD_IDEM_RUNNING,	/* claimed by a request not answered yet */
	BUD_IDEM_DONE,		/* answered: status and body are set */
	BUD_IDEM_MISMATCH,	/* used before for another request */
	BUD_IDEM_LOST,		/* an earlier instance wrote but never answered */
};

/* What to claim. */
struct bud_idem_claim {
	const char *key;
	int64_t user_id;
	unsigned char hash[BUD_IDEM_HASH];
	const char *instance;	/* the claiming server run (app->instance) */
	int64_t now;
	int64_t keep_before;	/* drop keys created before this first */
};

/*
 * Claim c->key for c->user_id and the request hash, dropping keys older
 * than c->keep_before (Unix seconds) first. An unanswered claim of an
 * earlier instance whose write did not commit is taken over (BUD_IDEM_NEW).
 * For BUD_IDEM_DONE *status gets the stored status and *body a malloc'd
 * copy of the stored body (caller frees), *len its length; else *body is
 * NULL.
 */
int bud_store_idem_claim(bud_conn *w, const struct bud_idem_claim *c,
			 enum bud_idem_state *state, int *status, char **body,
			 size_t *len, bud_err *err);

/* Mark the claim of key (by instance) as written: call it inside the
 * write unit of the request itself, so the mark commits with the write. */
int bud_store_idem_mark(bud_conn *w, const char *key, int64_t user_id,
			const char *instance, bud_err *err);

/* Record the answer of a claimed key. */
int bud_store_idem_finish(bud_conn *w, const char *key, int64_t user_id,
			  int status, const char *body, size_t len, bud_err *err);

/* Give a claimed, unanswered key back (the request failed: it may be
 * retried). */
int bud_store_idem_release(bud_conn *w, const char *key, int64_t user_id,
			   bud_err *err);

#endif
