/*
 * app/idem.h: the Idempotency-Key of API writes. A client that may have
 * lost an answer (a timeout, a dropped connection) sends the same request
 * again with the same key: the first answer is returned and nothing is
 * written again. Keys are per user, remembered BUD_IDEM_KEEP_S seconds,
 * and tied to the request they were first used with (method, path and
 * body): the same key with another request is refused.
 *
 * Sequence (http/dispatch.c): bud_idem_begin claims the key before the
 * handler runs; the handler's own write units commit; bud_idem_end keeps
 * the answer (or gives the key back when the answer was a server failure
 * or is too big to keep, so a retry runs again). A retry that arrives
 * while the first request still runs gets 409 err.idem.running.
 *
 * After a crash: between begin and end the handler runs inside
 * bud_idem_watch, which marks the claim in the same transaction as each
 * of the handler's writes. When a retry finds the unanswered claim of an
 * earlier server run (app->instance differs), it is not running: without
 * the mark nothing was written and the retry runs; with it the write
 * happened and its answer is lost: 409 err.idem.lost (read the resource),
 * and the write is never done twice.
 */
#ifndef BUD_APP_IDEM_H
#define BUD_APP_IDEM_H

#include <stddef.h>

#include "app/app.h"

/* A stored answer to send again: body NULL when there is none. */
struct bud_idem_replay {
	int status;
	char *body;		/* malloc'd; free() it */
	size_t len;
};

/*
 * Claim key for actor's request. BUD_OK with r->body NULL: go on and
 * answer; BUD_OK with r->body set: send that answer instead. Refusals
 * (field "Idempotency-Key"): a key that is not 1..BUD_IDEM_KEY_MAX
 * printable ASCII characters BUD_EINVAL err.idem.key; the key used before
 * for another request BUD_EINVAL err.idem.mismatch; the first request
 * still running BUD_ECONFLICT err.idem.running; the first request (of an
 * earlier server run) wrote but left no answer BUD_ECONFLICT err.idem.lost.
 */
int bud_idem_begin(bud_app *app, const bud_actor *actor, const char *key,
		   const char *method, const char *path, const char *body,
		   size_t body_len, struct bud_idem_replay *r, bud_err *err);

/* While watching (between bud_idem_begin and bud_idem_end, on the
 * request's thread), every write unit this thread commits also marks the
 * claim of key as written, in its own transaction. m must outlive the
 * watch; bud_idem_unwatch ends it. */
struct bud_idem_watch {
	bud_app *app;
	const char *key;
	int64_t user_id;
};
void bud_idem_watch(struct bud_idem_watch *m, bud_app *app,
		    const bud_actor *actor, const char *key);
void bud_idem_unwatch(bud_app *app);

/* Keep the answer (status, body) of the claimed key; a status of 500 or
 * more, or a body over BUD_IDEM_BODY_MAX, releases the key instead. */
int bud_idem_end(bud_app *app, const bud_actor *actor, const char *key,
		 int status, const char *body, size_t len, bud_err *err);

/*
 * The same inside one write unit (http/ deferred writes, http.h
 * bud_req_defer): the claim, the request's own writes and the answer kept
 * commit together, so a key is never claimed without its answer and
 * needs no mark. bud_idem_claim_on claims key on the writer's connection
 * w: BUD_OK with r->body NULL (go on) or set (send that answer; free it);
 * an error with *refused 1 is a refusal of bud_idem_begin's (the
 * request is answered with it and nothing else runs), with *refused 0 a
 * failure of the unit. bud_idem_keep_on keeps the answer (or frees the
 * key, as bud_idem_end) on w.
 */
int bud_idem_claim_on(bud_app *app, bud_conn *w, const bud_actor *actor,
		      const char *key, const char *method, const char *path,
		      const char *body, size_t body_len,
		      struct bud_idem_replay *r, int *refused, bud_err *err);
int bud_idem_keep_on(bud_conn *w, const bud_actor *actor, const char *key,
		     int status, const char *body, size_t len, bud_err *err);

#endif
