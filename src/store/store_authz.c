/*
 * store/store_authz.c: SQL behind app/authz.c (see store/authz.h). Dates
 * are 'YYYY-MM-DD' text, so comparing them as strings compares the days.
 * A mandate a worker has ended (ended_at set) gives no access, whatever
 * its dates say.
 */
#include <string.h>

#include <sqlite3.h>

#include "store/authz.h"
#include "store/row.h"

int bud_store_client_access(bud_conn *c, int64_t client_id,
			    struct bud_store_client_access *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT organiser_id, worker_id, "
		"unit_id FROM client WHERE id = ?1 AND destroyed_at IS NULL", err);
	int brc = SQLITE_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW) {
		out->organiser_id = sqlite3_column_int64(st, 0);
		out->worker_id = sqlite3_column_int64(st, 1);
		out->unit_id = sqlite3_column_int64(st, 2);
		rc = BUD_OK;
	} else if (rc == SQLITE_DONE) {
		rc = bud_err_set(err, BUD_ENOTFOUND, NULL, "err.not_found",
				 "no such client");
	} else {
		rc = bud_conn_error(c, rc, "client access", err);
	}
	sqlite3_reset(st);
	return rc;
}

int bud_store_mandate_valid(bud_conn *c, int64_t user_id, int64_t client_id,
			    const char *today, int64_t *id_out, int *act,
			    bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT id, scope = 'act' FROM mandate "
		"WHERE user_id = ?1 AND client_id = ?2 AND valid_from <= ?3 "
		"AND (valid_to IS NULL OR valid_to >= ?3) AND ended_at IS NULL "
		"ORDER BY scope = 'act' DESC, id LIMIT 1", err);
	int brc = SQLITE_OK;
	int rc;

	*id_out = 0;
	*act = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_i64(st, 2, client_id, 0, &brc);
	bud_row_bind_text(st, 3, today, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW) {
		*id_out = sqlite3_column_int64(st, 0);
		*act = sqlite3_column_int(st, 1);
		rc = BUD_OK;
	} else if (rc == SQLITE_DONE) {
		rc = bud_err_set(err, BUD_ENOTFOUND, NULL, "err.not_found",
				 "no valid mandate");
	} else {
		rc = bud_conn_error(c, rc, "mandate lookup", err);
	}
	sqlite3_reset(st);
	return rc;
}

/* One row of bud_store_mandates_of_user into r. */
static int represented_row(sqlite3_stmt *st, struct bud_store_represented *r,
			   bud_err *err)
{
	int rc;

	memset(r, 0, sizeof(*r));
	r->mandate_id = sqlite3_column_int64(st, 0);
	r->client_id = sqlite3_column_int64(st, 1);
	r->act = sqlite3_column_int(st, 2);
	if ((rc = bud_row_col_text(st, 3, r->kind, sizeof(r->kind), err)) ||
	    (rc = bud_row_col_text(st, 4, r->valid_to, sizeof(r->valid_to), err)) ||
	    (rc = bud_row_col_text(st, 5, r->first_name, sizeof(r->first_name),
				   err)))
		return rc;
	return bud_row_col_text(st, 6, r->last_name, sizeof(r->last_name), err);
}

int bud_store_mandates_of_user(bud_conn *c, int64_t user_id, const char *today,
			       struct bud_store_represented *out, size_t max,
			       size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT m.id, m.client_id, "
		"m.scope = 'act', m.kind, COALESCE(m.valid_to, ''), "
		"c.first_name, c.last_name FROM mandate m "
		"JOIN client c ON c.id = m.client_id "
		"WHERE m.user_id = ?1 AND m.valid_from <= ?2 "
		"AND (m.valid_to IS NULL OR m.valid_to >= ?2) AND m.ended_at IS NULL "
		"ORDER BY c.last_name, c.first_name, m.id", err);
	int brc = SQLITE_OK;
	int rc;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_text(st, 2, today, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && *n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = represented_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = BUD_OK;
	else
		rc = bud_conn_error(c, rc, "mandates of a user", err);
out:
	sqlite3_reset(st);
	return rc;
}
