/*
 * app/idem.c: Idempotency-Key (app/idem.h).
 *
 * A request that never got its answer kept (the server was killed between
 * claim and bud_idem_end) must not block its key for a day, nor run twice.
 * The claim records app->instance, the random id of this server run; while
 * the handler runs, bud_idem_watch makes every write unit of the thread
 * also mark the claim "committed" inside the unit's own savepoint
 * (bud_db_follow), so the mark exists exactly when the write does. After a
 * restart a claim of an earlier instance is decided by that mark (see
 * store/idem.h): no mark, no write, the retry runs; a mark, the write
 * happened and only the answer is lost: 409 err.idem.lost, nothing runs.
 */
#include <string.h>

#include <sodium.h>

#include "app/idem.h"
#include "bud_limits.h"
#include "store/idem.h"

struct idem_unit {
	bud_app *app;
	const char *key;
	int64_t user_id;
	struct bud_idem_claim claim;
	enum bud_idem_state state;
	struct bud_idem_replay *r;
	/* for end */
	int status;
	const char *body;
	size_t len;
};

static int key_ok(const char *key)
{
	size_t i, n = key ? strlen(key) : 0;

	if (n == 0 || n > BUD_IDEM_KEY_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (key[i] < 0x21 || key[i] > 0x7e)
			return 0;
	return 1;
}

/* BLAKE2b over method NUL path NUL body. */
static void request_hash(const char *method, const char *path, const char *body,
			 size_t len, unsigned char out[BUD_IDEM_HASH])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, BUD_IDEM_HASH);
	crypto_generichash_update(&st, (const unsigned char *)method, strlen(method) + 1);
	crypto_generichash_update(&st, (const unsigned char *)path, strlen(path) + 1);
	if (body && len)
		crypto_generichash_update(&st, (const unsigned char *)body, len);
	crypto_generichash_final(&st, out, BUD_IDEM_HASH);
}

static int unit_claim(bud_conn *w, void *arg, bud_err *err)
{
	struct idem_unit *u = arg;

	return bud_store_idem_claim(w, &u->claim, &u->state, &u->r->status,
				    &u->r->body, &u->r->len, err);
}

/* u ready to claim key for actor's request (after the key's check). */
static int claim_prepare(struct idem_unit *u, bud_app *app, const bud_actor *actor,
			 const char *key, const char *method, const char *path,
			 const char *body, size_t body_len,
			 struct bud_idem_replay *r, bud_err *err)
{
	memset(r, 0, sizeof(*r));
	if (!key_ok(key))
		return bud_err_set(err, BUD_EINVAL, "Idempotency-Key", "err.idem.key",
				   "the key must be 1..%d printable ASCII characters",
				   BUD_IDEM_KEY_MAX);
	if (bud_app_crypto_init() != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "libsodium does not initialise");
	memset(u, 0, sizeof(*u));
	u->app = app;
	u->key = key;
	u->user_id = actor->user_id;
	u->r = r;
	u->claim.key = key;
	u->claim.user_id = actor->user_id;
	u->claim.instance = app->instance;
	u->claim.now = bud_app_now(app);
	u->claim.keep_before = u->claim.now - BUD_IDEM_KEEP_S;
	request_hash(method, path, body, body_len, u->claim.hash);
	return BUD_OK;
}

/* The refusal of what a claim found, or BUD_OK (new, or an answer). */
static int claim_answer(const struct idem_unit *u, bud_err *err)
{
	if (u->state == BUD_IDEM_MISMATCH)
		return bud_err_set(err, BUD_EINVAL, "Idempotency-Key", "err.idem.mismatch",
				   "the key was used for another request");
	if (u->state == BUD_IDEM_RUNNING)
		return bud_err_set(err, BUD_ECONFLICT, "Idempotency-Key", "err.idem.running",
				   "the first request with this key is still running");
	if (u->state == BUD_IDEM_LOST)
		return bud_err_set(err, BUD_ECONFLICT, "Idempotency-Key", "err.idem.lost",
				   "the first request with this key wrote, but its answer was lost");
	return BUD_OK;
}

int bud_idem_begin(bud_app *app, const bud_actor *actor, const char *key,
		   const char *method, const char *path, const char *body,
		   size_t body_len, struct bud_idem_replay *r, bud_err *err)
{
	struct idem_unit u;
	int rc;

	if ((rc = claim_prepare(&u, app, actor, key, method, path, body, body_len,
				r, err)))
		return rc;
	if ((rc = bud_db_write(app->db, unit_claim, &u, err)))
		return rc;
	return claim_answer(&u, err);
}

int bud_idem_claim_on(bud_app *app, bud_conn *w, const bud_actor *actor,
		      const char *key, const char *method, const char *path,
		      const char *body, size_t body_len,
		      struct bud_idem_replay *r, int *refused, bud_err *err)
{
	struct idem_unit u;
	int rc;

	*refused = 0;
	if ((rc = claim_prepare(&u, app, actor, key, method, path, body, body_len,
				r, err)) == BUD_OK &&
	    (rc = unit_claim(w, &u, err)) == BUD_OK)
		rc = claim_answer(&u, err);
	*refused = rc == BUD_EINVAL || rc == BUD_ECONFLICT;
	return rc;
}

static int unit_mark(bud_conn *w, void *arg, bud_err *err)
{
	struct bud_idem_watch *m = arg;

	return bud_store_idem_mark(w, m->key, m->user_id, m->app->instance, err);
}

void bud_idem_watch(struct bud_idem_watch *m, bud_app *app,
		    const bud_actor *actor, const char *key)
{
	m->app = app;
	m->key = key;
	m->user_id = actor->user_id;
	bud_db_follow(app->db, unit_mark, m);
}

void bud_idem_unwatch(bud_app *app)
{
	bud_db_follow(app->db, NULL, NULL);
}

static int unit_end(bud_conn *w, void *arg, bud_err *err)
{
	struct idem_unit *u = arg;

	if (u->status >= 500 || u->len > BUD_IDEM_BODY_MAX)
		return bud_store_idem_release(w, u->key, u->user_id, err);
	return bud_store_idem_finish(w, u->key, u->user_id, u->status, u->body,
				     u->len, err);
}

int bud_idem_keep_on(bud_conn *w, const bud_actor *actor, const char *key,
		     int status, const char *body, size_t len, bud_err *err)
{
	struct idem_unit u;

	memset(&u, 0, sizeof(u));
	u.key = key;
	u.user_id = actor->user_id;
	u.status = status;
	u.body = body ? body : "";
	u.len = body ? len : 0;
	return unit_end(w, &u, err);
}

int bud_idem_end(bud_app *app, const bud_actor *actor, const char *key,
		 int status, const char *body, size_t len, bud_err *err)
{
	struct idem_unit u;

	memset(&u, 0, sizeof(u));
	u.app = app;
	u.key = key;
	u.user_id = actor->user_id;
	u.status = status;
	u.body = body ? body : "";
	u.len = body ? len : 0;
	return bud_db_write(app->db, unit_end, &u, err);
}
