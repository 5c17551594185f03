/*
 * store/store_user.c: SQL for the user and mandate tables (see store/user.h).
 * Every statement is a literal prepared once per connection through
 * bud_conn_stmt and reset after use, so no read stays open.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "store/row.h"
#include "store/user.h"

/* The columns every user query selects, in the order read_user expects.
 * A user without an organiser belongs to the only organiser, if there is
 * exactly one. */
#define USER_COLS \
	"u.id, u.username, u.display_name, u.role, u.lang, u.password_hash, " \
	"COALESCE(u.organiser_id, (SELECT CASE WHEN count(*) = 1 THEN min(id) END " \
	"FROM organiser)), u.unit_id, u.provider_id, u.client_id, u.active, " \
	"u.created_at"

static int read_user(sqlite3_stmt *st, struct bud_store_user *u, bud_err *err)
{
	int rc;

	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, 0);
	if ((rc = bud_row_col_text(st, 1, u->username, sizeof(u->username), err)) ||
	    (rc = bud_row_col_text(st, 2, u->display_name, sizeof(u->display_name),
				   err)) ||
	    (rc = bud_row_col_text(st, 3, u->role, sizeof(u->role), err)) ||
	    (rc = bud_row_col_text(st, 4, u->lang, sizeof(u->lang), err)) ||
	    (rc = bud_row_col_text(st, 5, u->password_hash,
				   sizeof(u->password_hash), err)))
		return rc;
	u->organiser_id = sqlite3_column_int64(st, 6);
	u->unit_id = sqlite3_column_int64(st, 7);
	u->provider_id = sqlite3_column_int64(st, 8);
	u->client_id = sqlite3_column_int64(st, 9);
	u->active = sqlite3_column_int(st, 10);
	u->created_at = sqlite3_column_int64(st, 11);
	return BUD_OK;
}

/* Step a prepared user query once: the row into out, or BUD_ENOTFOUND. */
static int step_user(bud_conn *c, sqlite3_stmt *st, int brc,
		     struct bud_store_user *out, bud_err *err)
{
	int rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;

	if (rc == SQLITE_ROW) {
		rc = read_user(st, out, err);
	} else if (rc == SQLITE_DONE) {
		rc = bud_err_set(err, BUD_ENOTFOUND, NULL, "err.not_found",
				 "no such user");
	} else {
		rc = bud_conn_error(c, rc, "user select", err);
	}
	sqlite3_reset(st);
	return rc;
}

int bud_store_user_by_name(bud_conn *c, const char *username,
			   struct bud_store_user *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " USER_COLS
		" FROM user u WHERE u.username = ?1", err);

	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, username, 0, &brc);
	return step_user(c, st, brc, out, err);
}

int bud_store_user_get(bud_conn *c, int64_t id, struct bud_store_user *out,
		       bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " USER_COLS
		" FROM user u WHERE u.id = ?1", err);

	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return step_user(c, st, brc, out, err);
}

int bud_store_user_insert(bud_conn *w, const struct bud_store_user *u,
			  int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO user (username, "
		"display_name, role, lang, password_hash, organiser_id, unit_id, "
		"provider_id, client_id, active, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, u->username, 0, &brc);
	bud_row_bind_text(st, 2, u->display_name, 0, &brc);
	bud_row_bind_text(st, 3, u->role, 0, &brc);
	bud_row_bind_text(st, 4, u->lang, 0, &brc);
	bud_row_bind_text(st, 5, u->password_hash, 0, &brc);
	bud_row_bind_i64(st, 6, u->organiser_id, 1, &brc);
	bud_row_bind_i64(st, 7, u->unit_id, 1, &brc);
	bud_row_bind_i64(st, 8, u->provider_id, 1, &brc);
	bud_row_bind_i64(st, 9, u->client_id, 1, &brc);
	bud_row_bind_i64(st, 10, u->active ? 1 : 0, 0, &brc);
	bud_row_bind_i64(st, 11, u->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "user insert", id_out, err);
}

int bud_store_user_set_lang(bud_conn *w, int64_t id, const char *lang,
			    bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"UPDATE user SET lang = ?2 WHERE id = ?1", err);
	int brc = SQLITE_OK;
	int rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_text(st, 2, lang, 0, &brc);
	rc = bud_row_step_done(w, st, brc, "user set lang", err);
	if (rc == BUD_OK && bud_conn_changes(w) != 1)
		rc = bud_err_set(err, BUD_ENOTFOUND, NULL, "err.not_found",
				 "no such user");
	return rc;
}

int bud_store_user_set_password(bud_conn *w, int64_t id, const char *hash,
				bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"UPDATE user SET password_hash = ?2 WHERE id = ?1", err);
	int brc = SQLITE_OK;
	int rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_text(st, 2, hash, 0, &brc);
	rc = bud_row_step_done(w, st, brc, "user set password", err);
	if (rc == BUD_OK && bud_conn_changes(w) != 1)
		rc = bud_err_set(err, BUD_ENOTFOUND, NULL, "err.not_found",
				 "no such user");
	return rc;
}

int bud_store_ref_exists(bud_conn *c, const char *what, int64_t id, int *found,
			 bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	*found = 0;
	if (strcmp(what, "organiser") == 0)
		st = bud_conn_stmt(c, "SELECT 1 FROM organiser WHERE id = ?1", err);
	else if (strcmp(what, "unit") == 0)
		st = bud_conn_stmt(c, "SELECT 1 FROM unit WHERE id = ?1", err);
	else if (strcmp(what, "provider") == 0)
		st = bud_conn_stmt(c, "SELECT 1 FROM provider WHERE id = ?1", err);
	else if (strcmp(what, "client") == 0)
		st = bud_conn_stmt(c, "SELECT 1 FROM client WHERE id = ?1", err);
	else if (strcmp(what, "user") == 0)
		st = bud_conn_stmt(c, "SELECT 1 FROM user WHERE id = ?1", err);
	else
		return bud_err_set(err, BUD_EINVAL, NULL, "err.generic",
				   "unknown table '%s'", what);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		*found = 1;
	else if (rc != SQLITE_DONE)
		return bud_conn_error(c, rc, "reference lookup", err);
	return BUD_OK;
}

int bud_store_mandate_insert(bud_conn *w, const struct bud_store_mandate *m,
			     int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO mandate (user_id, "
		"client_id, kind, scope, valid_from, valid_to, created_by, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, m->user_id, 0, &brc);
	bud_row_bind_i64(st, 2, m->client_id, 0, &brc);
	bud_row_bind_text(st, 3, m->kind, 0, &brc);
	bud_row_bind_text(st, 4, m->scope, 0, &brc);
	bud_row_bind_text(st, 5, m->valid_from, 0, &brc);
	bud_row_bind_text(st, 6, m->valid_to, 0, &brc);
	bud_row_bind_i64(st, 7, m->created_by, 1, &brc);
	bud_row_bind_i64(st, 8, m->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "mandate insert", id_out, err);
}

/* ---- mandates read back (clients' pages) -------------------------------- */

#define MANDATE_COLS "m.id, m.user_id, m.client_id, u.username, " \
	"u.display_name, m.kind, m.scope, m.valid_from, m.valid_to, " \
	"m.created_by, m.created_at, COALESCE(m.ended_at, 0)"

static int read_mandate(sqlite3_stmt *st, struct bud_store_mandate_row *m,
			bud_err *err)
{
	int rc;

	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(st, 0);
	m->user_id = sqlite3_column_int64(st, 1);
	m->client_id = sqlite3_column_int64(st, 2);
	if ((rc = bud_row_col_text(st, 3, m->username, sizeof(m->username), err)) ||
	    (rc = bud_row_col_text(st, 4, m->display_name, sizeof(m->display_name),
				   err)) ||
	    (rc = bud_row_col_text(st, 5, m->kind, sizeof(m->kind), err)) ||
	    (rc = bud_row_col_text(st, 6, m->scope, sizeof(m->scope), err)) ||
	    (rc = bud_row_col_text(st, 7, m->valid_from, sizeof(m->valid_from),
				   err)) ||
	    (rc = bud_row_col_text(st, 8, m->valid_to, sizeof(m->valid_to), err)))
		return rc;
	m->created_by = sqlite3_column_int64(st, 9);
	m->created_at = sqlite3_column_int64(st, 10);
	m->ended_at = sqlite3_column_int64(st, 11);
	return BUD_OK;
}

int bud_store_mandate_get(bud_conn *c, int64_t id,
			  struct bud_store_mandate_row *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " MANDATE_COLS
		" FROM mandate m JOIN user u ON u.id = m.user_id WHERE m.id = ?1",
		err);
	int brc = SQLITE_OK;
	int rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW) {
		rc = read_mandate(st, out, err);
	} else if (rc == SQLITE_DONE) {
		rc = bud_err_set(err, BUD_ENOTFOUND, NULL, "err.not_found",
				 "no such mandate");
	} else {
		rc = bud_conn_error(c, rc, "mandate get", err);
	}
	sqlite3_reset(st);
	return rc;
}

int bud_store_mandate_list_client(bud_conn *c, int64_t client_id,
				  struct bud_store_mandate_row *out, size_t max,
				  size_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	*n = 0;
	if (max == 0)
		return BUD_OK;
	st = bud_conn_stmt(c, "SELECT " MANDATE_COLS
		" FROM mandate m JOIN user u ON u.id = m.user_id"
		" WHERE m.client_id = ?1 ORDER BY m.valid_from DESC, m.id DESC"
		" LIMIT ?2", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	bud_row_bind_i64(st, 2, (int64_t)max, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		assert(*n < max);	/* LIMIT ?2 */
		if ((rc = read_mandate(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "mandate list", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_mandate_end(bud_conn *w, int64_t id, int64_t ended_at,
			  int64_t ended_by, const char *valid_to, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE mandate SET ended_at = ?2, "
		"ended_by = ?3, valid_to = COALESCE(?4, valid_to) "
		"WHERE id = ?1 AND ended_at IS NULL", err);
	int brc = SQLITE_OK;
	int rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, ended_at, 0, &brc);
	bud_row_bind_i64(st, 3, ended_by, 1, &brc);
	bud_row_bind_text(st, 4, valid_to, 1, &brc);
	rc = bud_row_step_done(w, st, brc, "mandate end", err);
	if (rc == BUD_OK && bud_conn_changes(w) == 0)
		rc = bud_err_set(err, BUD_ENOTFOUND, NULL, "err.not_found",
				 "no such mandate, or ended already");
	else if (rc != BUD_OK && err && err->code == BUD_EINVAL)
		snprintf(err->field, sizeof(err->field), "valid_to");
	return rc;
}
