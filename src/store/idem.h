/*
 * store/idem.h: the idempotency table (store_idem.c): one row per
 * (Idempotency-Key, user) with the hash of the request it was first used
 * for and, once that request has been answered, the answer's status and
 * body. Writer connection only (every call runs inside a write unit).
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
};

/*
 * Claim key for user_id and the request hash, dropping keys older than
 * keep_before (Unix seconds) first. For BUD_IDEM_DONE *status gets the
 * stored status and *body a malloc'd copy of the stored body (caller
 * frees), *len its length; else *body is NULL.
 */
int bud_store_idem_claim(bud_conn *w, const char *key, int64_t user_id,
			 const unsigned char hash[BUD_IDEM_HASH], int64_t now,
			 int64_t keep_before, enum bud_idem_state *state,
			 int *status, char **body, size_t *len, bud_err *err);

/* Record the answer of a claimed key. */
int bud_store_idem_finish(bud_conn *w, const char *key, int64_t user_id,
			  int status, const char *body, size_t len, bud_err *err);

/* Give a claimed, unanswered key back (the request failed: it may be
 * retried). */
int bud_store_idem_release(bud_conn *w, const char *key, int64_t user_id,
			   bud_err *err);

#endif
