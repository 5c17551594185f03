/*
 * store/store_oidc.c: SQL of store/oidc.h. Statements are literals
 * prepared once per connection and reset after use.
 */
#include <string.h>

#include <sqlite3.h>

#include "store/oidc.h"
#include "store/row.h"

int bud_store_oidc_flow_insert(bud_conn *w, const unsigned char *state_hash,
			       size_t hashlen, const struct bud_store_oidc_flow *f,
			       bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO oidc_flow (state_hash, "
		"audience, nonce, verifier, lang, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_blob(st, 1, state_hash, hashlen, &brc);
	bud_row_bind_text(st, 2, f->audience, 0, &brc);
	bud_row_bind_text(st, 3, f->nonce, 0, &brc);
	bud_row_bind_text(st, 4, f->verifier, 0, &brc);
	bud_row_bind_text(st, 5, f->lang, 0, &brc);
	bud_row_bind_i64(st, 6, f->created_at, 0, &brc);
	return bud_row_step_done(w, st, brc, "oidc_flow insert", err);
}

static int read_flow(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_oidc_flow *f = out;
	int rc;

	rc = bud_row_col_text(st, 0, f->audience, sizeof(f->audience), err);
	if (rc == BUD_OK)
		rc = bud_row_col_text(st, 1, f->nonce, sizeof(f->nonce), err);
	if (rc == BUD_OK)
		rc = bud_row_col_text(st, 2, f->verifier, sizeof(f->verifier), err);
	if (rc == BUD_OK)
		rc = bud_row_col_text(st, 3, f->lang, sizeof(f->lang), err);
	f->created_at = sqlite3_column_int64(st, 4);
	return rc;
}

int bud_store_oidc_flow_take(bud_conn *w, const unsigned char *state_hash,
			     size_t hashlen, struct bud_store_oidc_flow *out,
			     bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "DELETE FROM oidc_flow WHERE "
		"state_hash = ?1 RETURNING audience, nonce, verifier, lang, "
		"created_at", err);
	int brc = SQLITE_OK;

	memset(out, 0, sizeof(*out));
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_blob(st, 1, state_hash, hashlen, &brc);
	return bud_row_get_one(w, st, brc, "sign-in", read_flow, out, err);
}

int bud_store_oidc_flow_prune(bud_conn *w, int64_t before, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "DELETE FROM oidc_flow WHERE "
		"created_at < ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, before, 0, &brc);
	return bud_row_step_done(w, st, brc, "oidc_flow prune", err);
}

/* The first column of every row of st (parameters bound) into ids. */
static int step_ids(bud_conn *c, sqlite3_stmt *st, int brc, const char *what,
		    int64_t *ids, size_t max, size_t *n, bud_err *err)
{
	int rc = brc;

	*n = 0;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && *n < max)
			ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, what, err);
}

int bud_store_identity_users(bud_conn *c, const char *kind, const char *value,
			     int64_t *ids, size_t max, size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT u.id FROM user_identity i "
		"JOIN user u ON u.id = i.user_id WHERE i.kind = ?1 AND "
		"i.value = ?2 AND u.active = 1 ORDER BY u.id", err);
	int brc = SQLITE_OK;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, kind, 0, &brc);
	bud_row_bind_text(st, 2, value, 0, &brc);
	return step_ids(c, st, brc, "user_identity select", ids, max, n, err);
}

int bud_store_identity_add(bud_conn *w, int64_t user_id, const char *kind,
			   const char *value, int64_t now, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO user_identity (user_id, "
		"kind, value, created_at) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT DO NOTHING", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_text(st, 2, kind, 0, &brc);
	bud_row_bind_text(st, 3, value, 0, &brc);
	bud_row_bind_i64(st, 4, now, 0, &brc);
	return bud_row_step_done(w, st, brc, "user_identity insert", err);
}

int bud_store_clients_by_hetu(bud_conn *c, const char *hetu, int64_t *ids,
			      size_t max, size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT id FROM client WHERE "
		"hetu = ?1 ORDER BY id", err);
	int brc = SQLITE_OK;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, hetu, 0, &brc);
	return step_ids(c, st, brc, "client by hetu", ids, max, n, err);
}

int bud_store_oidc_session_add(bud_conn *w, int64_t session_id,
			       const char *audience, const char *sid,
			       const char *sub, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO oidc_session "
		"(session_id, audience, sid, sub) VALUES (?1, ?2, ?3, ?4)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, session_id, 0, &brc);
	bud_row_bind_text(st, 2, audience, 0, &brc);
	bud_row_bind_text(st, 3, sid ? sid : "", 0, &brc);
	bud_row_bind_text(st, 4, sub, 0, &brc);
	return bud_row_step_done(w, st, brc, "oidc_session insert", err);
}

int bud_store_oidc_session_end(bud_conn *w, const char *audience,
			       const char *sid, const char *sub, int *ended,
			       bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "DELETE FROM session WHERE id IN "
		"(SELECT session_id FROM oidc_session WHERE audience = ?1 AND "
		"((?2 <> '' AND sid = ?2) OR (?2 = '' AND sub = ?3)))", err);
	int brc = SQLITE_OK, rc;

	*ended = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, audience, 0, &brc);
	bud_row_bind_text(st, 2, sid ? sid : "", 0, &brc);
	bud_row_bind_text(st, 3, sub ? sub : "", 0, &brc);
	rc = bud_row_step_done(w, st, brc, "oidc_session end", err);
	if (rc == BUD_OK)
		*ended = sqlite3_changes(bud_conn_handle(w));
	return rc;
}
