/*
 * store/store_authz.c: SQL behind app/authz.c (see store/authz.h). Dates
 * are 'YYYY-MM-DD' text, so comparing them as strings compares the days.
 * A mandate a worker has ended (ended_at set) gives no access, whatever
 * its dates say.
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "store/authz.h"

int bud_store_client_access(bud_conn *c, int64_t client_id,
			    struct bud_store_client_access *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT organiser_id, worker_id, "
		"unit_id FROM client WHERE id = ?1", err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return err ? err->code : BUD_EINTERNAL;
	sqlite3_bind_int64(st, 1, client_id);
	rc = sqlite3_step(st);
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
	int rc;

	*id_out = 0;
	*act = 0;
	if (!st)
		return err ? err->code : BUD_EINTERNAL;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, client_id);
	sqlite3_bind_text(st, 3, today, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
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
	int rc;

	*n = 0;
	if (!st)
		return err ? err->code : BUD_EINTERNAL;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		struct bud_store_represented *r = &out[*n];

		memset(r, 0, sizeof(*r));
		r->mandate_id = sqlite3_column_int64(st, 0);
		r->client_id = sqlite3_column_int64(st, 1);
		r->act = sqlite3_column_int(st, 2);
		snprintf(r->kind, sizeof(r->kind), "%s",
			 (const char *)sqlite3_column_text(st, 3));
		snprintf(r->valid_to, sizeof(r->valid_to), "%s",
			 (const char *)sqlite3_column_text(st, 4));
		snprintf(r->first_name, sizeof(r->first_name), "%s",
			 (const char *)sqlite3_column_text(st, 5));
		snprintf(r->last_name, sizeof(r->last_name), "%s",
			 (const char *)sqlite3_column_text(st, 6));
		(*n)++;
	}
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = BUD_OK;
	else
		rc = bud_conn_error(c, rc, "mandates of a user", err);
	sqlite3_reset(st);
	return rc;
}
