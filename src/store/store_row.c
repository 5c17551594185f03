/*
 * store/store_row.c: the small helpers every store_*.c file uses to bind
 * parameters, copy columns out without truncating, and step inserts
 * (declared in store/row.h, internal to store/).
 */
#include <assert.h>
#include <limits.h>
#include <string.h>

#include <sqlite3.h>

#include "store/row.h"

int bud_row_stmt_failed(const bud_err *err)
{
	return err && err->code != BUD_OK ? err->code : BUD_EIO;
}

/* BUD_EINVAL (err.too_long) when s does not fit max bytes. */
int bud_row_fits(const char *s, size_t max, const char *field, bud_err *err)
{
	if (s && strnlen(s, max + 1) > max)
		return bud_err_set(err, BUD_EINVAL, field, "err.too_long",
				   "%s is longer than %zu bytes", field, max);
	return BUD_OK;
}

/* Bind s at i; NULL or "" binds SQL NULL when nullable. Keeps the first
 * failure in *brc. s must outlive the step (it always does: the caller's). */
void bud_row_bind_text(sqlite3_stmt *st, int i, const char *s, int nullable,
		      int *brc)
{
	if (*brc != SQLITE_OK)
		return;
	if (!s || (nullable && !*s))
		*brc = sqlite3_bind_null(st, i);
	else
		*brc = sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

void bud_row_bind_i64(sqlite3_stmt *st, int i, int64_t v, int null_if_zero,
		     int *brc)
{
	if (*brc != SQLITE_OK)
		return;
	if (null_if_zero && v == 0)
		*brc = sqlite3_bind_null(st, i);
	else
		*brc = sqlite3_bind_int64(st, i, v);
}

void bud_row_bind_blob(sqlite3_stmt *st, int i, const void *p, size_t n,
		       int *brc)
{
	if (*brc != SQLITE_OK)
		return;
	*brc = n > (size_t)INT_MAX ? SQLITE_TOOBIG
				   : sqlite3_bind_blob(st, i, p, (int)n, SQLITE_STATIC);
}

/* Copy column col into dst (NULL gives ""); a value that does not fit is
 * BUD_EINTERNAL rather than a silent truncation. */
int bud_row_col_text(sqlite3_stmt *st, int col, char *dst, size_t dstsz,
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

const char *bud_row_col_str(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t ? (const char *)t : "";
}

int bud_row_get_one(bud_conn *c, sqlite3_stmt *st, int brc, const char *what,
		    bud_row_read_fn read, void *out, bud_err *err)
{
	int rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;

	if (rc == SQLITE_ROW)
		rc = read(st, out, err);
	else if (rc == SQLITE_DONE)
		rc = bud_err_set(err, BUD_ENOTFOUND, what, "err.not_found",
				 "no such %s", what);
	else
		rc = bud_conn_error(c, rc, what, err);
	sqlite3_reset(st);
	return rc;
}

int bud_row_step_done(bud_conn *w, sqlite3_stmt *st, int brc, const char *what,
		      bud_err *err)
{
	int rc;

	if (brc == SQLITE_OK)
		return bud_conn_done(w, st, what, err);
	rc = bud_conn_error(w, brc, what, err);
	sqlite3_reset(st);
	return rc;
}

/* Step an INSERT to completion and hand back the new row's id. */
int bud_row_step_insert(bud_conn *w, sqlite3_stmt *st, int brc,
		       const char *what, int64_t *id_out, bud_err *err)
{
	int rc = bud_row_step_done(w, st, brc, what, err);

	if (rc == BUD_OK && id_out)
		*id_out = bud_conn_last_id(w);
	return rc;
}
