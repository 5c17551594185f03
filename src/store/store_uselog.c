/*
 * store/store_uselog.c: SQL for the use log (see store/uselog.h). Inserts
 * name the row id explicitly, so the id is part of what the chain hashes.
 */
#include <string.h>

#include <sqlite3.h>

#include "store/row.h"
#include "store/uselog.h"

/* Copy a blob column into dst (at most BUD_USELOG_HASH bytes, the rest
 * zero); returns the stored length. */
static int col_hash(sqlite3_stmt *st, int i, unsigned char *dst)
{
	const void *p = sqlite3_column_blob(st, i);
	int n = sqlite3_column_bytes(st, i);

	memset(dst, 0, BUD_USELOG_HASH);
	if (p && n > 0)
		memcpy(dst, p, n < BUD_USELOG_HASH ? (size_t)n : BUD_USELOG_HASH);
	return p ? n : 0;
}

int bud_store_uselog_last(bud_conn *c, int64_t *id_out,
			  unsigned char hash[BUD_USELOG_HASH], bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT id, hash FROM uselog ORDER BY id DESC LIMIT 1", err);
	int rc;

	*id_out = 0;
	memset(hash, 0, BUD_USELOG_HASH);
	if (!st)
		return bud_row_stmt_failed(err);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id_out = sqlite3_column_int64(st, 0);
		col_hash(st, 1, hash);
		rc = BUD_OK;
	} else if (rc == SQLITE_DONE) {
		rc = BUD_OK;
	} else {
		rc = bud_conn_error(c, rc, "uselog last", err);
	}
	sqlite3_reset(st);
	return rc;
}

int bud_store_uselog_insert(bud_conn *w, const struct bud_store_uselog *r,
			    bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO uselog (id, at, user_id, "
		"role, unit_id, client_id, acting_for, action, object, basis, "
		"recipient, legal_basis, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, "
		"?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, r->id, 0, &brc);
	bud_row_bind_i64(st, 2, r->at, 0, &brc);
	bud_row_bind_i64(st, 3, r->user_id, 1, &brc);
	bud_row_bind_text(st, 4, r->role, 0, &brc);
	bud_row_bind_i64(st, 5, r->unit_id, 1, &brc);
	bud_row_bind_i64(st, 6, r->client_id, 1, &brc);
	bud_row_bind_i64(st, 7, r->acting_for, 1, &brc);
	bud_row_bind_text(st, 8, r->action, 0, &brc);
	bud_row_bind_text(st, 9, r->object, 0, &brc);
	bud_row_bind_text(st, 10, r->basis, 0, &brc);
	bud_row_bind_text(st, 11, r->recipient, 0, &brc);
	bud_row_bind_text(st, 12, r->legal_basis, 0, &brc);
	bud_row_bind_blob(st, 13, r->prev_hash, BUD_USELOG_HASH, &brc);
	bud_row_bind_blob(st, 14, r->hash, BUD_USELOG_HASH, &brc);
	return bud_row_step_done(w, st, brc, "uselog insert", err);
}

static const char *col_str(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	return (const char *)sqlite3_column_text(st, i);
}

static void read_row(sqlite3_stmt *st, struct bud_store_uselog *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->at = sqlite3_column_int64(st, 1);
	r->user_id = sqlite3_column_int64(st, 2);
	r->role = col_str(st, 3);
	r->unit_id = sqlite3_column_int64(st, 4);
	r->client_id = sqlite3_column_int64(st, 5);
	r->acting_for = sqlite3_column_int64(st, 6);
	r->action = col_str(st, 7);
	r->object = col_str(st, 8);
	r->basis = col_str(st, 9);
	r->recipient = col_str(st, 10);
	r->legal_basis = col_str(st, 11);
	r->prev_hash_len = col_hash(st, 12, r->prev_hash);
	r->hash_len = col_hash(st, 13, r->hash);
}

int bud_store_uselog_walk(bud_conn *c, bud_store_uselog_fn fn, void *arg,
			  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT id, at, user_id, role, "
		"unit_id, client_id, acting_for, action, object, basis, recipient, "
		"legal_basis, prev_hash, hash FROM uselog ORDER BY id", err);
	struct bud_store_uselog r;
	int rc;

	if (!st)
		return bud_row_stmt_failed(err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, &r);
		rc = fn(arg, &r);
		if (rc != BUD_OK) {
			sqlite3_reset(st);
			return rc;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return bud_conn_error(c, rc, "uselog walk", err);
	return BUD_OK;
}

int bud_store_uselog_for_client(bud_conn *c, int64_t client_id,
				int64_t before_id, int64_t from_at, int64_t to_at,
				int limit, bud_store_uselog_view_fn fn, void *arg,
				bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT l.id, l.at, l.acting_for, "
		"u.display_name, l.role, l.action, l.object FROM uselog l "
		"LEFT JOIN user u ON u.id = l.user_id WHERE l.client_id = ?1 "
		"AND (?2 = 0 OR l.id < ?2) AND (?4 = 0 OR l.at >= ?4) "
		"AND (?5 = 0 OR l.at < ?5) ORDER BY l.id DESC LIMIT ?3", err);
	struct bud_store_uselog_view v;
	int brc = SQLITE_OK;
	int rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	bud_row_bind_i64(st, 2, before_id, 0, &brc);
	bud_row_bind_i64(st, 3, limit, 0, &brc);
	bud_row_bind_i64(st, 4, from_at, 0, &brc);
	bud_row_bind_i64(st, 5, to_at, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		v.id = sqlite3_column_int64(st, 0);
		v.at = sqlite3_column_int64(st, 1);
		v.acting_for = sqlite3_column_int64(st, 2);
		v.user_name = col_str(st, 3);
		v.role = col_str(st, 4);
		v.action = col_str(st, 5);
		v.object = col_str(st, 6);
		rc = fn(arg, &v);
		if (rc != BUD_OK) {
			sqlite3_reset(st);
			return rc;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return bud_conn_error(c, rc, "uselog for client", err);
	return BUD_OK;
}
