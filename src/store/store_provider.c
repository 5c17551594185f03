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

/* --- the public list --- */

static int approved_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	struct bud_store_provider_approved *a = row;
	int rc;

	memset(a, 0, sizeof(*a));
	a->provider_id = sqlite3_column_int64(st, 0);
	a->approval_id = sqlite3_column_int64(st, 1);
	a->has_price = sqlite3_column_type(st, 10) != SQLITE_NULL;
	a->unit_price = sqlite3_column_int64(st, 10);
	if ((rc = bud_row_col_text(st, 2, a->name, sizeof(a->name), err)) ||
	    (rc = bud_row_col_text(st, 3, a->kind, sizeof(a->kind), err)) ||
	    (rc = bud_row_col_text(st, 4, a->languages, sizeof(a->languages), err)) ||
	    (rc = bud_row_col_text(st, 5, a->email, sizeof(a->email), err)) ||
	    (rc = bud_row_col_text(st, 6, a->phone, sizeof(a->phone), err)) ||
	    (rc = bud_row_col_text(st, 7, a->website, sizeof(a->website), err)) ||
	    (rc = bud_row_col_text(st, 8, a->approved_from, sizeof(a->approved_from), err)) ||
	    (rc = bud_row_col_text(st, 9, a->unit, sizeof(a->unit), err)) ||
	    (rc = bud_row_col_text(st, 11, a->price_from, sizeof(a->price_from), err)))
		return rc;
	return BUD_OK;
}

/* Approved on ?4: approved from a day not after it; or suspended or
 * withdrawn from a later day, the step before being an approval in
 * force on ?4. The price: the latest own version from a day not after ?4. */
#define APPROVED_SQL \
	"SELECT p.id, a.id, p.name, p.kind, p.languages, p.email, p.phone, " \
	"p.website, a.effective, pp.unit, pp.unit_price, pp.valid_from " \
	"FROM approval a JOIN provider p ON p.id = a.provider_id " \
	"LEFT JOIN provider_price pp ON pp.id = (SELECT q.id FROM provider_price q " \
	" WHERE q.provider_id = p.id AND q.service_id = a.service_id " \
	" AND q.valid_from <= ?4 ORDER BY q.valid_from DESC LIMIT 1) " \
	"WHERE a.service_id = ?2 AND a.municipality = ?3 AND p.organiser_id = ?1 " \
	"AND ((a.state = 'approved' AND a.effective <= ?4) " \
	" OR (a.state IN ('suspended', 'withdrawn') AND a.effective > ?4 " \
	"  AND EXISTS (SELECT 1 FROM approval_event e WHERE e.id = " \
	"   (SELECT e2.id FROM approval_event e2 WHERE e2.approval_id = a.id " \
	"    ORDER BY e2.id DESC LIMIT 1 OFFSET 1) " \
	"   AND e.state = 'approved' AND e.effective <= ?4))) " \
	"ORDER BY p.name, p.id LIMIT ?5 OFFSET ?6"

int bud_store_provider_approved(bud_conn *c, int64_t organiser_id,
				int64_t service_id, const char *municipality,
				const char *date, size_t offset,
				struct bud_store_provider_approved *out,
				size_t max, size_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(c && municipality && date && n && (out || max == 0));
	*n = 0;
	if (max == 0)
		return BUD_OK;
	if (!(st = bud_conn_stmt(c, APPROVED_SQL, err)))
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, service_id, 0, &brc);
	bud_row_bind_text(st, 3, municipality, 0, &brc);
	bud_row_bind_text(st, 4, date, 0, &brc);
	bud_row_bind_i64(st, 5, (int64_t)max, 0, &brc);
	bud_row_bind_i64(st, 6, (int64_t)offset, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		assert(*n < max);
		if ((rc = approved_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "approved providers", err);
out:
	sqlite3_reset(st);
	return rc;
}

static int location_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	struct bud_store_provider_location *l = row;
	int rc;

	memset(l, 0, sizeof(*l));
	l->id = sqlite3_column_int64(st, 0);
	l->provider_id = sqlite3_column_int64(st, 1);
	l->step_free = sqlite3_column_int(st, 5);
	l->hearing_loop = sqlite3_column_int(st, 6);
	l->parking = sqlite3_column_int(st, 7);
	l->accessible_wc = sqlite3_column_int(st, 8);
	if ((rc = bud_row_col_text(st, 2, l->name, sizeof(l->name), err)) ||
	    (rc = bud_row_col_text(st, 3, l->address, sizeof(l->address), err)) ||
	    (rc = bud_row_col_text(st, 4, l->municipality, sizeof(l->municipality), err)) ||
	    (rc = bud_row_col_text(st, 9, l->notes, sizeof(l->notes), err)))
		return rc;
	return BUD_OK;
}

int bud_store_provider_locations(bud_conn *c, int64_t provider_id,
				 struct bud_store_provider_location *out,
				 size_t max, size_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int rc;

	assert(c && n && out);
	*n = 0;
	st = bud_conn_stmt(c, "SELECT id, provider_id, name, address, municipality, "
			   "step_free, hearing_loop, parking, accessible_wc, notes "
			   "FROM provider_location WHERE provider_id = ?1 "
			   "ORDER BY name, id", err);
	if (!st)
		return bud_row_stmt_failed(err);
	rc = sqlite3_bind_int64(st, 1, provider_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			rc = bud_err_set(err, BUD_ETOOBIG, NULL, "err.generic",
					 "more than %zu locations", max);
			goto out;
		}
		if ((rc = location_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "provider locations", err);
out:
	sqlite3_reset(st);
	return rc;
}
