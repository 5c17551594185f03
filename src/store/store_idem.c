/*
 * store/store_idem.c: SQL for the idempotency table (store/idem.h).
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/idem.h"
#include "store/row.h"

static int prune(bud_conn *w, int64_t keep_before, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "DELETE FROM idempotency "
					 "WHERE created_at < ?1", err);

	if (!st)
		return bud_row_stmt_failed(err);
	sqlite3_bind_int64(st, 1, keep_before);
	return bud_conn_done(w, st, "idempotency prune", err);
}

/* A stored row, as lookup reads it. */
struct idem_row {
	int found, same_request, status;
	int same_instance;	/* claimed by the instance asking now */
	int committed;		/* 1, 0, or -1 when unknown (NULL) */
};

/* The body of a done row, copied (malloc'd) into *body. */
static int copy_body(sqlite3_stmt *st, int col, char **body, size_t *len,
		     bud_err *err)
{
	size_t n = (size_t)sqlite3_column_bytes(st, col);
	const unsigned char *b = sqlite3_column_text(st, col);

	*body = malloc(n + 1);
	if (!*body)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal",
				   "out of memory");
	if (n)
		memcpy(*body, b, n);
	(*body)[n] = '\0';
	*len = n;
	return BUD_OK;
}

/* The row of key, if any; a copy of the body when it is answered and the
 * request is the same. */
static int lookup(bud_conn *w, const char *key, int64_t user_id,
		  const unsigned char hash[BUD_IDEM_HASH], const char *instance,
		  struct idem_row *row, char **body, size_t *len, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "SELECT status, body, request_hash, "
		"instance IS ?3, committed FROM idempotency "
		"WHERE key = ?1 AND user_id = ?2", err);
	const void *h;
	int rc;

	memset(row, 0, sizeof(*row));
	if (!st)
		return bud_row_stmt_failed(err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_text(st, 3, instance, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE || rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? BUD_OK
				       : bud_conn_error(w, rc, "idempotency lookup", err);
		goto out;
	}
	rc = BUD_OK;
	row->found = 1;
	h = sqlite3_column_blob(st, 2);
	row->same_request = h && sqlite3_column_bytes(st, 2) == BUD_IDEM_HASH &&
			    memcmp(h, hash, BUD_IDEM_HASH) == 0;
	row->status = sqlite3_column_int(st, 0);
	row->same_instance = sqlite3_column_int(st, 3);
	row->committed = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1
			 : sqlite3_column_int(st, 4);
	if (row->same_request && row->status != 0)
		rc = copy_body(st, 1, body, len, err);
out:
	sqlite3_reset(st);
	return rc;
}

/* Take the key for this instance: a new row, or (retake) the unanswered
 * row of an earlier instance whose write never committed. */
static int take(bud_conn *w, const char *key, int64_t user_id,
		const unsigned char hash[BUD_IDEM_HASH], const char *instance,
		int64_t now, int retake, bud_err *err)
{
	sqlite3_stmt *st = retake
		? bud_conn_stmt(w, "UPDATE idempotency SET instance = ?5, "
			"created_at = ?3, committed = 0 WHERE key = ?1 AND "
			"user_id = ?2 AND request_hash = ?4 AND status = 0 AND "
			"committed = 0", err)
		: bud_conn_stmt(w, "INSERT INTO idempotency (key, user_id, status, "
			"body, created_at, request_hash, instance, committed) "
			"VALUES (?1, ?2, 0, '', ?3, ?4, ?5, 0)", err);

	if (!st)
		return bud_row_stmt_failed(err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_blob(st, 4, hash, BUD_IDEM_HASH, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, instance, -1, SQLITE_STATIC);
	return bud_conn_done(w, st, "idempotency claim", err);
}

int bud_store_idem_claim(bud_conn *w, const struct bud_idem_claim *c,
			 enum bud_idem_state *state, int *status, char **body,
			 size_t *len, bud_err *err)
{
	struct idem_row row;
	int rc;

	*state = BUD_IDEM_NEW;
	*status = 0;
	*body = NULL;
	*len = 0;
	if ((rc = prune(w, c->keep_before, err)) ||
	    (rc = lookup(w, c->key, c->user_id, c->hash, c->instance, &row,
			 body, len, err)))
		return rc;
	if (!row.found)
		return take(w, c->key, c->user_id, c->hash, c->instance, c->now, 0, err);
	if (!row.same_request)
		*state = BUD_IDEM_MISMATCH;
	else if (row.status != 0) {
		*state = BUD_IDEM_DONE;
		*status = row.status;
	} else if (row.same_instance)
		*state = BUD_IDEM_RUNNING;
	else if (row.committed != 0)
		*state = BUD_IDEM_LOST;
	else
		return take(w, c->key, c->user_id, c->hash, c->instance, c->now, 1, err);
	return BUD_OK;
}

int bud_store_idem_mark(bud_conn *w, const char *key, int64_t user_id,
			const char *instance, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE idempotency SET committed = 1 "
		"WHERE key = ?1 AND user_id = ?2 AND instance = ?3 AND status = 0",
		err);

	if (!st)
		return bud_row_stmt_failed(err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_text(st, 3, instance, -1, SQLITE_STATIC);
	return bud_conn_done(w, st, "idempotency mark", err);
}

int bud_store_idem_finish(bud_conn *w, const char *key, int64_t user_id,
			  int status, const char *body, size_t len, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE idempotency SET status = ?3, "
		"body = ?4 WHERE key = ?1 AND user_id = ?2 AND status = 0", err);

	if (!st)
		return bud_row_stmt_failed(err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int(st, 3, status);
	sqlite3_bind_text(st, 4, body, (int)len, SQLITE_STATIC);
	return bud_conn_done(w, st, "idempotency finish", err);
}

int bud_store_idem_release(bud_conn *w, const char *key, int64_t user_id,
			   bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "DELETE FROM idempotency "
		"WHERE key = ?1 AND user_id = ?2 AND status = 0", err);

	if (!st)
		return bud_row_stmt_failed(err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user_id);
	return bud_conn_done(w, st, "idempotency release", err);
}
