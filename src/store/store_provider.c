/*
 * store/store_provider.c: SQL for the provider table (store/provider.h).
 * Statements are prepared once per connection and reset before return.
 */
#include <assert.h>
#include <string.h>

#include <sqlite3.h>

#include "store/provider.h"
#include "store/row.h"

/* --- providers --- */

#define PROVIDER_COLS "id, organiser_id, name, ytunnus, iban, bic, ovt, " \
		      "municipality, languages, status, created_at"

static int provider_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	struct bud_store_provider *p = row;
	int rc;

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->organiser_id = sqlite3_column_int64(st, 1);
	p->created_at = sqlite3_column_int64(st, 10);
	if ((rc = bud_row_col_text(st, 2, p->name, sizeof(p->name), err)) ||
	    (rc = bud_row_col_text(st, 3, p->ytunnus, sizeof(p->ytunnus), err)) ||
	    (rc = bud_row_col_text(st, 4, p->iban, sizeof(p->iban), err)) ||
	    (rc = bud_row_col_text(st, 5, p->bic, sizeof(p->bic), err)) ||
	    (rc = bud_row_col_text(st, 6, p->ovt, sizeof(p->ovt), err)) ||
	    (rc = bud_row_col_text(st, 7, p->municipality, sizeof(p->municipality), err)) ||
	    (rc = bud_row_col_text(st, 8, p->languages, sizeof(p->languages), err)) ||
	    (rc = bud_row_col_text(st, 9, p->status, sizeof(p->status), err)))
		return rc;
	return BUD_OK;
}

static int provider_fits(const struct bud_store_provider *p, bud_err *err)
{
	int rc;

	if ((rc = bud_row_fits(p->name, BUD_NAME_MAX, "name", err)) ||
	    (rc = bud_row_fits(p->ytunnus, sizeof(p->ytunnus) - 1, "ytunnus", err)) ||
	    (rc = bud_row_fits(p->iban, sizeof(p->iban) - 1, "iban", err)) ||
	    (rc = bud_row_fits(p->bic, sizeof(p->bic) - 1, "bic", err)) ||
	    (rc = bud_row_fits(p->ovt, sizeof(p->ovt) - 1, "ovt", err)) ||
	    (rc = bud_row_fits(p->municipality, BUD_NAME_MAX, "municipality", err)) ||
	    (rc = bud_row_fits(p->languages, sizeof(p->languages) - 1, "languages", err)) ||
	    (rc = bud_row_fits(p->status, sizeof(p->status) - 1, "status", err)))
		return rc;
	return BUD_OK;
}

int bud_store_provider_insert(bud_conn *w, const struct bud_store_provider *p,
			      int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && p);
	if ((rc = provider_fits(p, err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO provider (organiser_id, name, ytunnus, "
			   "iban, bic, ovt, municipality, languages, status, created_at) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, 'fi'), "
			   "coalesce(?9, 'applied'), ?10)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, p->organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, p->name, 0, &brc);
	bud_row_bind_text(st, 3, p->ytunnus, 0, &brc);
	bud_row_bind_text(st, 4, p->iban, 1, &brc);
	bud_row_bind_text(st, 5, p->bic, 1, &brc);
	bud_row_bind_text(st, 6, p->ovt, 1, &brc);
	bud_row_bind_text(st, 7, p->municipality, 1, &brc);
	bud_row_bind_text(st, 8, p->languages, 1, &brc);
	bud_row_bind_text(st, 9, p->status, 1, &brc);
	bud_row_bind_i64(st, 10, p->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "provider insert", id_out, err);
}

int bud_store_provider_get(bud_conn *c, int64_t id,
			   struct bud_store_provider *out, bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && out);
	st = bud_conn_stmt(c, "SELECT " PROVIDER_COLS " FROM provider WHERE id = ?1",
			   err);
	if (!st)
		return bud_row_stmt_failed(err);
	return bud_row_get_one(c, st, sqlite3_bind_int64(st, 1, id), "provider",
			       provider_row, out, err);
}

int bud_store_provider_list(bud_conn *c, int64_t organiser_id, size_t offset,
			    struct bud_store_provider *out, size_t max, size_t *n,
			    bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(c && n && (out || max == 0));
	*n = 0;
	if (max == 0)
		return BUD_OK;
	st = bud_conn_stmt(c, "SELECT " PROVIDER_COLS " FROM provider "
			   "WHERE organiser_id = ?1 ORDER BY name, id "
			   "LIMIT ?2 OFFSET ?3", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, (int64_t)max, 0, &brc);
	bud_row_bind_i64(st, 3, (int64_t)offset, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		assert(*n < max);
		if ((rc = provider_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "provider list", err);
out:
	sqlite3_reset(st);
	return rc;
}
