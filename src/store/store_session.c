/*
 * store/store_session.c: SQL for sessions and login attempts (see
 * store/session.h). Statements are literals prepared once per connection
 * and reset after use.
 */
#include <string.h>

#include <sqlite3.h>

#include "store/row.h"
#include "store/session.h"

int bud_store_session_insert(bud_conn *w, const unsigned char *hash,
			     size_t hashlen, int64_t user_id, const char *csrf,
			     int64_t now, int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO session (token_hash, "
		"user_id, csrf, created_at, last_seen) VALUES (?1, ?2, ?3, ?4, ?4)",
		err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_blob(st, 1, hash, hashlen, &brc);
	bud_row_bind_i64(st, 2, user_id, 0, &brc);
	bud_row_bind_text(st, 3, csrf, 0, &brc);
	bud_row_bind_i64(st, 4, now, 0, &brc);
	return bud_row_step_insert(w, st, brc, "session insert", id_out, err);
}

int bud_store_session_get(bud_conn *c, const unsigned char *hash,
			  size_t hashlen, struct bud_store_session *out,
			  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT id, user_id, csrf, "
		"created_at, last_seen, factor_at, pending FROM session "
		"WHERE token_hash = ?1", err);
	int brc = SQLITE_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_blob(st, 1, hash, hashlen, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->user_id = sqlite3_column_int64(st, 1);
		rc = bud_row_col_text(st, 2, out->csrf, sizeof(out->csrf), err);
		out->created_at = sqlite3_column_int64(st, 3);
		out->last_seen = sqlite3_column_int64(st, 4);
		out->factor_at = sqlite3_column_int64(st, 5);
		out->pending = sqlite3_column_int(st, 6);
	} else if (rc == SQLITE_DONE) {
		rc = bud_err_set(err, BUD_ENOTFOUND, NULL, "err.not_found",
				 "no such session");
	} else {
		rc = bud_conn_error(c, rc, "session select", err);
	}
	sqlite3_reset(st);
	return rc;
}

int bud_store_session_delete(bud_conn *w, int64_t id, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "DELETE FROM session WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return bud_row_step_done(w, st, brc, "session delete", err);
}

int bud_store_session_delete_user(bud_conn *w, int64_t user_id, int64_t keep_id,
				  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "DELETE FROM session "
		"WHERE user_id = ?1 AND id <> ?2", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_i64(st, 2, keep_id, 0, &brc);
	return bud_row_step_done(w, st, brc, "session delete user", err);
}

int bud_store_session_touch(bud_conn *w, int64_t id, int64_t now, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE session SET last_seen = ?2 "
		"WHERE id = ?1 AND last_seen < ?2", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, now, 0, &brc);
	return bud_row_step_done(w, st, brc, "session touch", err);
}

int bud_store_session_prune(bud_conn *w, int64_t user_id, int64_t idle_before,
			    int64_t created_before, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "DELETE FROM session WHERE user_id = ?1 "
		"AND (last_seen < ?2 OR created_at < ?3)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_i64(st, 2, idle_before, 0, &brc);
	bud_row_bind_i64(st, 3, created_before, 0, &brc);
	return bud_row_step_done(w, st, brc, "session prune", err);
}

int bud_store_session_trim(bud_conn *w, int64_t user_id, int keep, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "DELETE FROM session WHERE user_id = ?1 "
		"AND id NOT IN (SELECT id FROM session WHERE user_id = ?1 "
		"ORDER BY created_at DESC, id DESC LIMIT ?2)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_i64(st, 2, keep, 0, &brc);
	return bud_row_step_done(w, st, brc, "session trim", err);
}

/* Step a "count(*), min(at), max(at)" query into out. */
static int step_stats(bud_conn *c, sqlite3_stmt *st, int brc,
		      struct bud_store_login_stats *out, bud_err *err)
{
	int rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;

	memset(out, 0, sizeof(*out));
	if (rc == SQLITE_ROW) {
		out->failures = sqlite3_column_int64(st, 0);
		out->first_at = sqlite3_column_int64(st, 1);
		out->last_at = sqlite3_column_int64(st, 2);
		rc = BUD_OK;
	} else {
		rc = bud_conn_error(c, rc, "login attempt count", err);
	}
	sqlite3_reset(st);
	return rc;
}

int bud_store_login_failures_user(bud_conn *c, const char *username,
				  int64_t since, struct bud_store_login_stats *out,
				  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT count(*), min(at), max(at) "
		"FROM login_attempt WHERE username = ?1 AND at >= ?2 AND ok = 0", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, username, 0, &brc);
	bud_row_bind_i64(st, 2, since, 0, &brc);
	return step_stats(c, st, brc, out, err);
}

int bud_store_login_failures_addr(bud_conn *c, const char *addr, int64_t since,
				  struct bud_store_login_stats *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT count(*), min(at), max(at) "
		"FROM login_attempt WHERE addr = ?1 AND at >= ?2 AND ok = 0", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, addr, 0, &brc);
	bud_row_bind_i64(st, 2, since, 0, &brc);
	return step_stats(c, st, brc, out, err);
}

int bud_store_login_attempt_add(bud_conn *w, const char *username,
				const char *addr, int64_t at, int ok, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO login_attempt "
		"(username, addr, at, ok) VALUES (?1, ?2, ?3, ?4)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, username, 0, &brc);
	bud_row_bind_text(st, 2, addr, 0, &brc);
	bud_row_bind_i64(st, 3, at, 0, &brc);
	bud_row_bind_i64(st, 4, ok ? 1 : 0, 0, &brc);
	return bud_row_step_done(w, st, brc, "login attempt insert", err);
}

int bud_store_login_attempt_prune(bud_conn *w, int64_t before, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"DELETE FROM login_attempt WHERE at < ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, before, 0, &brc);
	return bud_row_step_done(w, st, brc, "login attempt prune", err);
}
