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

/* The row of key, if any: its state, and a copy of the body when done. */
static int lookup(bud_conn *w, const char *key, int64_t user_id,
		  const unsigned char hash[BUD_IDEM_HASH], int *found,
		  enum bud_idem_state *state, int *status, char **body,
		  size_t *len, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "SELECT status, body, request_hash "
		"FROM idempotency WHERE key = ?1 AND user_id = ?2", err);
	const void *h;
	int rc;

	*found = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		rc = BUD_OK;
		goto out;
	}
	if (rc != SQLITE_ROW) {
		rc = bud_conn_error(w, rc, "idempotency lookup", err);
		goto out;
	}
	*found = 1;
	rc = BUD_OK;
	h = sqlite3_column_blob(st, 2);
	if (!h || sqlite3_column_bytes(st, 2) != BUD_IDEM_HASH ||
	    memcmp(h, hash, BUD_IDEM_HASH) != 0) {
		*state = BUD_IDEM_MISMATCH;
	} else if (sqlite3_column_int(st, 0) == 0) {
		*state = BUD_IDEM_RUNNING;
	} else {
		size_t n = (size_t)sqlite3_column_bytes(st, 1);
		const unsigned char *b = sqlite3_column_text(st, 1);

		*body = malloc(n + 1);
		if (!*body) {
			rc = bud_err_set(err, BUD_ENOMEM, NULL, "err.internal",
					 "out of memory");
			goto out;
		}
		if (n)
			memcpy(*body, b, n);
		(*body)[n] = '\0';
		*len = n;
		*status = sqlite3_column_int(st, 0);
		*state = BUD_IDEM_DONE;
	}
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_idem_claim(bud_conn *w, const char *key, int64_t user_id,
			 const unsigned char hash[BUD_IDEM_HASH], int64_t now,
			 int64_t keep_before, enum bud_idem_state *state,
			 int *status, char **body, size_t *len, bud_err *err)
{
	sqlite3_stmt *st;
	int found, rc;

	*state = BUD_IDEM_NEW;
	*status = 0;
	*body = NULL;
	*len = 0;
	if ((rc = prune(w, keep_before, err)) ||
	    (rc = lookup(w, key, user_id, hash, &found, state, status, body,
			 len, err)) || found)
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO idempotency (key, user_id, status, "
			   "body, created_at, request_hash) VALUES "
			   "(?1, ?2, 0, '', ?3, ?4)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_blob(st, 4, hash, BUD_IDEM_HASH, SQLITE_STATIC);
	return bud_conn_done(w, st, "idempotency claim", err);
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
