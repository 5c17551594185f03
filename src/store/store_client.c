/*
 * store/store_client.c: SQL for the client table (store/client.h).
 * Statements are prepared once per connection and reset before return.
 */
#include <assert.h>
#include <string.h>

#include <sqlite3.h>

#include "store/client.h"

/* --- row helpers (the same small set lives in each store_*.c) --- */

/* The rc of a bud_conn_stmt that returned NULL (err was set there). */
static int stmt_failed(const bud_err *err)
{
	return err && err->code != BUD_OK ? err->code : BUD_EIO;
}

/* BUD_EINVAL (err.too_long) when s does not fit max bytes. */
static int fits(const char *s, size_t max, const char *field, bud_err *err)
{
	if (s && strnlen(s, max + 1) > max)
		return bud_err_set(err, BUD_EINVAL, field, "err.too_long",
				   "%s is longer than %zu bytes", field, max);
	return BUD_OK;
}

/* Bind s at i; NULL or "" binds SQL NULL when nullable. Keeps the first
 * failure in *brc. s must outlive the step (it always does: the caller's). */
static void bind_text(sqlite3_stmt *st, int i, const char *s, int nullable,
		      int *brc)
{
	if (*brc != SQLITE_OK)
		return;
	if (!s || (nullable && !*s))
		*brc = sqlite3_bind_null(st, i);
	else
		*brc = sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static void bind_i64(sqlite3_stmt *st, int i, int64_t v, int null_if_zero,
		     int *brc)
{
	if (*brc != SQLITE_OK)
		return;
	if (null_if_zero && v == 0)
		*brc = sqlite3_bind_null(st, i);
	else
		*brc = sqlite3_bind_int64(st, i, v);
}

/* Copy column col into dst (NULL gives ""); a value that does not fit is
 * BUD_EINTERNAL rather than a silent truncation. */
static int col_text(sqlite3_stmt *st, int col, char *dst, size_t dstsz,
		    bud_err *err)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	size_t len = (size_t)sqlite3_column_bytes(st, col);

	assert(dstsz > 0);
	if (!t) {
		dst[0] = '\0';
		return BUD_OK;
	}
	if (len >= dstsz)
		return bud_err_set(err, BUD_EINTERNAL, sqlite3_column_name(st, col),
				   "err.internal", "stored %s does not fit (%zu bytes)",
				   sqlite3_column_name(st, col), len);
	memcpy(dst, t, len);
	dst[len] = '\0';
	return BUD_OK;
}

/* Step an INSERT to completion and hand back the new row's id. */
static int step_insert(bud_conn *w, sqlite3_stmt *st, int brc,
		       const char *what, int64_t *id_out, bud_err *err)
{
	int rc;

	if (brc != SQLITE_OK)
		rc = bud_conn_error(w, brc, what, err);
	else if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		rc = bud_conn_error(w, rc, what, err);
	else {
		rc = BUD_OK;
		if (id_out)
			*id_out = bud_conn_last_id(w);
	}
	sqlite3_reset(st);
	return rc;
}

/* --- clients --- */

#define CLIENT_COLS "id, organiser_id, hetu, first_name, last_name, lang, " \
		    "municipality, email, phone, address, communication, " \
		    "easy_read, worker_id, unit_id, created_at"

static int client_row(sqlite3_stmt *st, struct bud_store_client *c,
		      bud_err *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->organiser_id = sqlite3_column_int64(st, 1);
	c->easy_read = sqlite3_column_int(st, 11);
	c->worker_id = sqlite3_column_int64(st, 12);	/* NULL reads as 0 */
	c->unit_id = sqlite3_column_int64(st, 13);
	c->created_at = sqlite3_column_int64(st, 14);
	if ((rc = col_text(st, 2, c->hetu, sizeof(c->hetu), err)) ||
	    (rc = col_text(st, 3, c->first_name, sizeof(c->first_name), err)) ||
	    (rc = col_text(st, 4, c->last_name, sizeof(c->last_name), err)) ||
	    (rc = col_text(st, 5, c->lang, sizeof(c->lang), err)) ||
	    (rc = col_text(st, 6, c->municipality, sizeof(c->municipality), err)) ||
	    (rc = col_text(st, 7, c->email, sizeof(c->email), err)) ||
	    (rc = col_text(st, 8, c->phone, sizeof(c->phone), err)) ||
	    (rc = col_text(st, 9, c->address, sizeof(c->address), err)) ||
	    (rc = col_text(st, 10, c->communication, sizeof(c->communication), err)))
		return rc;
	return BUD_OK;
}

static int client_fits(const struct bud_store_client *c, bud_err *err)
{
	int rc;

	if ((rc = fits(c->hetu, sizeof(c->hetu) - 1, "hetu", err)) ||
	    (rc = fits(c->first_name, BUD_NAME_MAX, "first_name", err)) ||
	    (rc = fits(c->last_name, BUD_NAME_MAX, "last_name", err)) ||
	    (rc = fits(c->lang, sizeof(c->lang) - 1, "lang", err)) ||
	    (rc = fits(c->municipality, BUD_NAME_MAX, "municipality", err)) ||
	    (rc = fits(c->email, BUD_NAME_MAX, "email", err)) ||
	    (rc = fits(c->phone, sizeof(c->phone) - 1, "phone", err)) ||
	    (rc = fits(c->address, BUD_NAME_MAX, "address", err)) ||
	    (rc = fits(c->communication, BUD_NOTE_MAX, "communication", err)))
		return rc;
	return BUD_OK;
}

int bud_store_client_insert(bud_conn *w, const struct bud_store_client *c,
			    int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && c);
	if ((rc = client_fits(c, err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO client (organiser_id, hetu, first_name, "
			   "last_name, lang, municipality, email, phone, address, "
			   "communication, easy_read, worker_id, unit_id, created_at) "
			   "VALUES (?1, ?2, ?3, ?4, coalesce(?5, 'fi'), ?6, ?7, ?8, ?9, "
			   "?10, ?11, ?12, ?13, ?14)", err);
	if (!st)
		return stmt_failed(err);
	bind_i64(st, 1, c->organiser_id, 0, &brc);
	bind_text(st, 2, c->hetu, 0, &brc);
	bind_text(st, 3, c->first_name, 0, &brc);
	bind_text(st, 4, c->last_name, 0, &brc);
	bind_text(st, 5, c->lang, 1, &brc);
	bind_text(st, 6, c->municipality, 1, &brc);
	bind_text(st, 7, c->email, 1, &brc);
	bind_text(st, 8, c->phone, 1, &brc);
	bind_text(st, 9, c->address, 1, &brc);
	bind_text(st, 10, c->communication, 1, &brc);
	bind_i64(st, 11, c->easy_read ? 1 : 0, 0, &brc);
	bind_i64(st, 12, c->worker_id, 1, &brc);
	bind_i64(st, 13, c->unit_id, 1, &brc);
	bind_i64(st, 14, c->created_at, 0, &brc);
	return step_insert(w, st, brc, "client insert", id_out, err);
}

int bud_store_client_get(bud_conn *c, int64_t id, struct bud_store_client *out,
			 bud_err *err)
{
	sqlite3_stmt *st;
	int rc;

	assert(c && out);
	st = bud_conn_stmt(c, "SELECT " CLIENT_COLS " FROM client WHERE id = ?1", err);
	if (!st)
		return stmt_failed(err);
	rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = client_row(st, out, err);
	else if (rc == SQLITE_DONE)
		rc = bud_err_set(err, BUD_ENOTFOUND, "client", "err.not_found",
				 "no such client");
	else
		rc = bud_conn_error(c, rc, "client get", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_client_list_by_worker(bud_conn *c, int64_t worker_id,
				    size_t offset, struct bud_store_client *out,
				    size_t max, size_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(c && n && (out || max == 0));
	*n = 0;
	if (max == 0)
		return BUD_OK;
	st = bud_conn_stmt(c, "SELECT " CLIENT_COLS " FROM client WHERE worker_id = ?1 "
			   "ORDER BY last_name, first_name, id LIMIT ?2 OFFSET ?3", err);
	if (!st)
		return stmt_failed(err);
	bind_i64(st, 1, worker_id, 0, &brc);
	bind_i64(st, 2, (int64_t)max, 0, &brc);
	bind_i64(st, 3, (int64_t)offset, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		assert(*n < max);
		if ((rc = client_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "client list", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_client_set_worker(bud_conn *w, int64_t id, int64_t worker_id,
				int64_t unit_id, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w);
	st = bud_conn_stmt(w, "UPDATE client SET worker_id = ?2, unit_id = ?3 "
			   "WHERE id = ?1", err);
	if (!st)
		return stmt_failed(err);
	bind_i64(st, 1, id, 0, &brc);
	bind_i64(st, 2, worker_id, 1, &brc);
	bind_i64(st, 3, unit_id, 1, &brc);
	if (brc != SQLITE_OK)
		rc = bud_conn_error(w, brc, "client set worker", err);
	else if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		rc = bud_conn_error(w, rc, "client set worker", err);
	else if (bud_conn_changes(w) == 0)
		rc = bud_err_set(err, BUD_ENOTFOUND, "client", "err.not_found",
				 "no such client");
	else
		rc = BUD_OK;
	sqlite3_reset(st);
	return rc;
}
