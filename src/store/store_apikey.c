/*
 * store/store_apikey.c: SQL of the api_key table and of the care system's
 * read of active commitments (see store/apikey.h). Every statement is a
 * literal prepared once per connection and reset after use.
 */
#include <string.h>

#include <sqlite3.h>

#include "store/apikey.h"
#include "store/row.h"

#define KEY_COLS \
	"k.id, k.provider_id, k.user_id, k.public_id, k.salt, k.secret_hash, " \
	"k.name, k.scopes, k.created_by, k.created_at, " \
	"coalesce(k.last_used_at, 0), coalesce(k.revoked_at, 0), " \
	"coalesce(k.revoked_by, 0), coalesce(u.display_name, '') "
#define KEY_FROM " FROM api_key k LEFT JOIN user u ON u.id = k.created_by "

/* A blob column of exactly n bytes into dst; anything else is corrupt. */
static int col_blob(sqlite3_stmt *st, int col, unsigned char *dst, size_t n,
		    bud_err *err)
{
	const void *p = sqlite3_column_blob(st, col);

	if (!p || (size_t)sqlite3_column_bytes(st, col) != n)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "api_key blob of a wrong size");
	memcpy(dst, p, n);
	return BUD_OK;
}

static int read_key(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_apikey *k = out;
	int rc;

	memset(k, 0, sizeof(*k));
	k->id = sqlite3_column_int64(st, 0);
	k->provider_id = sqlite3_column_int64(st, 1);
	k->user_id = sqlite3_column_int64(st, 2);
	if ((rc = bud_row_col_text(st, 3, k->public_id, sizeof(k->public_id), err)) ||
	    (rc = col_blob(st, 4, k->salt, sizeof(k->salt), err)) ||
	    (rc = col_blob(st, 5, k->secret_hash, sizeof(k->secret_hash), err)) ||
	    (rc = bud_row_col_text(st, 6, k->name, sizeof(k->name), err)) ||
	    (rc = bud_row_col_text(st, 7, k->scopes, sizeof(k->scopes), err)) ||
	    (rc = bud_row_col_text(st, 13, k->created_by_name,
				   sizeof(k->created_by_name), err)))
		return rc;
	k->created_by = sqlite3_column_int64(st, 8);
	k->created_at = sqlite3_column_int64(st, 9);
	k->last_used_at = sqlite3_column_int64(st, 10);
	k->revoked_at = sqlite3_column_int64(st, 11);
	k->revoked_by = sqlite3_column_int64(st, 12);
	return BUD_OK;
}

int bud_store_apikey_insert(bud_conn *w, const struct bud_store_apikey *k,
			    int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO api_key (provider_id, "
		"user_id, public_id, salt, secret_hash, name, scopes, created_by, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	if ((rc = bud_row_fits(k->name, sizeof(k->name) - 1, "name", err)))
		return rc;
	bud_row_bind_i64(st, 1, k->provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, k->user_id, 0, &brc);
	bud_row_bind_text(st, 3, k->public_id, 0, &brc);
	bud_row_bind_blob(st, 4, k->salt, sizeof(k->salt), &brc);
	bud_row_bind_blob(st, 5, k->secret_hash, sizeof(k->secret_hash), &brc);
	bud_row_bind_text(st, 6, k->name, 0, &brc);
	bud_row_bind_text(st, 7, k->scopes, 0, &brc);
	bud_row_bind_i64(st, 8, k->created_by, 1, &brc);
	bud_row_bind_i64(st, 9, k->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "api_key insert", id_out, err);
}

int bud_store_apikey_by_public(bud_conn *c, const char *pub,
			       struct bud_store_apikey *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " KEY_COLS KEY_FROM
		"WHERE k.public_id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, pub, 0, &brc);
	return bud_row_get_one(c, st, brc, "api_key", read_key, out, err);
}

int bud_store_apikey_get(bud_conn *c, int64_t id, struct bud_store_apikey *out,
			 bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " KEY_COLS KEY_FROM
		"WHERE k.id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return bud_row_get_one(c, st, brc, "api_key", read_key, out, err);
}

int bud_store_apikey_list(bud_conn *c, int64_t provider_id,
			  struct bud_store_apikey *out, size_t max, size_t *n,
			  int *more, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " KEY_COLS KEY_FROM
		"WHERE k.provider_id = ?1 ORDER BY k.id DESC LIMIT ?2", err);
	int brc = SQLITE_OK, rc;

	*n = 0;
	*more = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, (int64_t)max + 1, 0, &brc);
	if (brc != SQLITE_OK) {
		rc = bud_conn_error(c, brc, "api_key list", err);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			*more = 1;
			continue;
		}
		if ((rc = read_key(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "api_key list", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_apikey_count_live(bud_conn *c, int64_t provider_id, int64_t *n,
				bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT count(*) FROM api_key "
		"WHERE provider_id = ?1 AND revoked_at IS NULL", err);
	int brc = SQLITE_OK, rc;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		rc = BUD_OK;
	} else {
		rc = bud_conn_error(c, rc, "api_key count", err);
	}
	sqlite3_reset(st);
	return rc;
}

int bud_store_apikey_revoke(bud_conn *w, int64_t id, int64_t by, int64_t at,
			    bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE api_key SET revoked_at = ?2, "
		"revoked_by = ?3 WHERE id = ?1 AND revoked_at IS NULL", err);
	struct bud_store_apikey k;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, at, 0, &brc);
	bud_row_bind_i64(st, 3, by, 1, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "api_key revoke", err)))
		return rc;
	if (bud_conn_changes(w) == 1)
		return BUD_OK;
	if ((rc = bud_store_apikey_get(w, id, &k, err)))
		return rc;
	return bud_err_set(err, BUD_ECONFLICT, "state", "err.apikey.revoked",
			   "the key was revoked already");
}

int bud_store_apikey_touch(bud_conn *w, int64_t id, int64_t at, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE api_key SET last_used_at = ?2 "
		"WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < ?2)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, at, 0, &brc);
	return bud_row_step_done(w, st, brc, "api_key touch", err);
}

static void read_care(sqlite3_stmt *st, struct bud_store_care_cm *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->client_id = sqlite3_column_int64(st, 1);
	m->first_name = bud_row_col_str(st, 2);
	m->last_name = bud_row_col_str(st, 3);
	m->service_code = bud_row_col_str(st, 4);
	m->name_fi = bud_row_col_str(st, 5);
	m->name_sv = bud_row_col_str(st, 6);
	m->name_en = bud_row_col_str(st, 7);
	m->instrument = bud_row_col_str(st, 8);
	m->unit = bud_row_col_str(st, 9);
	m->state = bud_row_col_str(st, 10);
	m->quantity = sqlite3_column_int64(st, 11);
	m->unit_price = sqlite3_column_int64(st, 12);
	m->monthly_amount = sqlite3_column_int64(st, 13);
	m->valid_from = bud_row_col_str(st, 14);
	m->valid_to = bud_row_col_str(st, 15);
}

int bud_store_care_commitments(bud_conn *c, int64_t provider_id, int64_t offset,
			       int limit, bud_store_care_cm_fn fn, void *arg,
			       bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT m.id, m.client_id, cl.first_name, cl.last_name, s.code, "
		" s.name_fi, s.name_sv, s.name_en, m.instrument, m.unit, m.state, "
		" m.quantity, m.unit_price, m.monthly_amount, m.valid_from, m.valid_to "
		"FROM commitment m JOIN client cl ON cl.id = m.client_id "
		"JOIN plan_line l ON l.id = m.plan_line_id "
		"JOIN service s ON s.id = l.service_id "
		"WHERE m.provider_id = ?1 AND m.state = 'active' "
		"ORDER BY m.id LIMIT ?2 OFFSET ?3", err);
	struct bud_store_care_cm m;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, limit, 0, &brc);
	bud_row_bind_i64(st, 3, offset, 0, &brc);
	if (brc != SQLITE_OK) {
		rc = bud_conn_error(c, brc, "care commitments", err);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_care(st, &m);
		if ((rc = fn(arg, &m)) != 0)
			goto out;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "care commitments", err);
out:
	sqlite3_reset(st);
	return rc;
}
