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
		      "municipality, languages, status, created_at, kind, email, " \
		      "phone, address, website, register_name, register_no, " \
		      "register_date, updated_at"

/* Step st (bound, brc the first bind failure) and read each row with read
 * into out[*n] (rows of size bytes, at most max; one more is BUD_ETOOBIG
 * when too_many, else the loop stops). st is reset. */
static int each_row(bud_conn *c, sqlite3_stmt *st, int brc, const char *what,
		    bud_row_read_fn read, void *out, size_t size, size_t max,
		    int too_many, size_t *n, bud_err *err)
{
	int rc = brc;

	*n = 0;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			rc = too_many ? bud_err_set(err, BUD_ETOOBIG, NULL, "err.generic",
						    "more than %zu rows of %s", max, what)
				      : BUD_OK;
			goto out;
		}
		if ((rc = read(st, (char *)out + *n * size, err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, what, err);
out:
	sqlite3_reset(st);
	return rc;
}

static int provider_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	struct bud_store_provider *p = row;
	int rc;

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->organiser_id = sqlite3_column_int64(st, 1);
	p->created_at = sqlite3_column_int64(st, 10);
	p->updated_at = sqlite3_column_int64(st, 19);
	if ((rc = bud_row_col_text(st, 11, p->kind, sizeof(p->kind), err)) ||
	    (rc = bud_row_col_text(st, 12, p->email, sizeof(p->email), err)) ||
	    (rc = bud_row_col_text(st, 13, p->phone, sizeof(p->phone), err)) ||
	    (rc = bud_row_col_text(st, 14, p->address, sizeof(p->address), err)) ||
	    (rc = bud_row_col_text(st, 15, p->website, sizeof(p->website), err)) ||
	    (rc = bud_row_col_text(st, 16, p->register_name, sizeof(p->register_name), err)) ||
	    (rc = bud_row_col_text(st, 17, p->register_no, sizeof(p->register_no), err)) ||
	    (rc = bud_row_col_text(st, 18, p->register_date, sizeof(p->register_date), err)))
		return rc;
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
	    (rc = bud_row_fits(p->status, sizeof(p->status) - 1, "status", err)) ||
	    (rc = bud_row_fits(p->kind, sizeof(p->kind) - 1, "kind", err)) ||
	    (rc = bud_row_fits(p->email, BUD_NAME_MAX, "email", err)) ||
	    (rc = bud_row_fits(p->phone, BUD_PHONE_MAX, "phone", err)) ||
	    (rc = bud_row_fits(p->address, BUD_NAME_MAX, "address", err)) ||
	    (rc = bud_row_fits(p->website, BUD_NAME_MAX, "website", err)) ||
	    (rc = bud_row_fits(p->register_no, BUD_CODE_MAX, "register_no", err)) ||
	    (rc = bud_row_fits(p->register_date, 10, "register_date", err)))
		return rc;
	return BUD_OK;
}

/* Bind kind (?11; NULL when "") and the 008 texts (?12..?18). */
static void bind_contact(sqlite3_stmt *st, const struct bud_store_provider *p,
			 int *brc)
{
	bud_row_bind_text(st, 11, p->kind, 1, brc);
	bud_row_bind_text(st, 12, p->email, 0, brc);
	bud_row_bind_text(st, 13, p->phone, 0, brc);
	bud_row_bind_text(st, 14, p->address, 0, brc);
	bud_row_bind_text(st, 15, p->website, 0, brc);
	bud_row_bind_text(st, 16, p->register_name, 0, brc);
	bud_row_bind_text(st, 17, p->register_no, 0, brc);
	bud_row_bind_text(st, 18, p->register_date, 0, brc);
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
			   "iban, bic, ovt, municipality, languages, status, created_at, "
			   "kind, email, phone, address, website, register_name, "
			   "register_no, register_date) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, 'fi'), "
			   "coalesce(?9, 'applied'), ?10, coalesce(?11, 'company'), "
			   "?12, ?13, ?14, ?15, ?16, ?17, ?18)", err);
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
	bind_contact(st, p, &brc);
	return bud_row_step_insert(w, st, brc, "provider insert", id_out, err);
}

int bud_store_provider_update(bud_conn *w, const struct bud_store_provider *p,
			      bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && p && p->id > 0);
	if ((rc = provider_fits(p, err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "UPDATE provider SET name = ?2, ytunnus = ?3, "
			   "iban = ?4, bic = ?5, ovt = ?6, municipality = ?7, "
			   "languages = coalesce(?8, languages), updated_at = ?10, "
			   "kind = coalesce(?11, kind), email = ?12, phone = ?13, "
			   "address = ?14, website = ?15, register_name = ?16, "
			   "register_no = ?17, register_date = ?18 WHERE id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, p->id, 0, &brc);
	bud_row_bind_text(st, 2, p->name, 0, &brc);
	bud_row_bind_text(st, 3, p->ytunnus, 0, &brc);
	bud_row_bind_text(st, 4, p->iban, 1, &brc);
	bud_row_bind_text(st, 5, p->bic, 1, &brc);
	bud_row_bind_text(st, 6, p->ovt, 1, &brc);
	bud_row_bind_text(st, 7, p->municipality, 1, &brc);
	bud_row_bind_text(st, 8, p->languages, 1, &brc);
	bud_row_bind_i64(st, 10, p->updated_at, 1, &brc);
	bind_contact(st, p, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "provider update", err)) != BUD_OK)
		return rc;
	if (bud_conn_changes(w) == 0)
		return bud_err_set(err, BUD_ENOTFOUND, "provider", "err.not_found",
				   "no such provider");
	return BUD_OK;
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
 * force on ?4. The page is chosen first (x), so the price (the latest own
 * version from a day not after ?4) is looked up for its rows only. */
#define APPROVED_SQL \
	"SELECT p.id, x.aid, p.name, p.kind, p.languages, p.email, p.phone, " \
	"p.website, x.effective, pp.unit, pp.unit_price, pp.valid_from FROM " \
	"(SELECT a.id AS aid, a.provider_id AS pid, a.service_id AS sid, " \
	" a.effective AS effective, p2.name AS name " \
	" FROM approval a JOIN provider p2 ON p2.id = a.provider_id " \
	" WHERE a.service_id = ?2 AND a.municipality = ?3 AND p2.organiser_id = ?1 " \
	" AND ((a.state = 'approved' AND a.effective <= ?4) " \
	"  OR (a.state IN ('suspended', 'withdrawn') AND a.effective > ?4 " \
	"   AND EXISTS (SELECT 1 FROM approval_event e WHERE e.id = " \
	"    (SELECT e2.id FROM approval_event e2 WHERE e2.approval_id = a.id " \
	"     ORDER BY e2.id DESC LIMIT 1 OFFSET 1) " \
	"    AND e.state = 'approved' AND e.effective <= ?4))) " \
	" ORDER BY p2.name, p2.id LIMIT ?5 OFFSET ?6) x " \
	"JOIN provider p ON p.id = x.pid " \
	"LEFT JOIN provider_price pp ON pp.id = (SELECT q.id FROM provider_price q " \
	" WHERE q.provider_id = x.pid AND q.service_id = x.sid " \
	" AND q.valid_from <= ?4 ORDER BY q.valid_from DESC LIMIT 1) " \
	"ORDER BY x.name, x.pid"

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

/* --- areas, locations and own prices --- */

int bud_store_provider_areas_set(bud_conn *w, int64_t provider_id,
				 const char *const *areas, size_t n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;
	size_t i;

	st = bud_conn_stmt(w, "DELETE FROM provider_area WHERE provider_id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "provider areas", err)) != BUD_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = bud_row_fits(areas[i], BUD_NAME_MAX, "areas", err)) != BUD_OK)
			return rc;
		st = bud_conn_stmt(w, "INSERT OR IGNORE INTO provider_area "
				   "(provider_id, municipality) VALUES (?1, ?2)", err);
		if (!st)
			return bud_row_stmt_failed(err);
		bud_row_bind_i64(st, 1, provider_id, 0, &brc);
		bud_row_bind_text(st, 2, areas[i], 0, &brc);
		if ((rc = bud_row_step_done(w, st, brc, "provider area", err)) != BUD_OK)
			return rc;
	}
	return BUD_OK;
}

static int area_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	return bud_row_col_text(st, 0, row, BUD_NAME_MAX + 1, err);
}

int bud_store_provider_areas(bud_conn *c, int64_t provider_id,
			     char (*areas)[BUD_NAME_MAX + 1], size_t max,
			     size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT municipality FROM provider_area "
					 "WHERE provider_id = ?1 ORDER BY municipality",
					 err);

	if (!st)
		return bud_row_stmt_failed(err);
	return each_row(c, st, sqlite3_bind_int64(st, 1, provider_id),
			"provider areas", area_row, areas, sizeof(*areas), max, 1,
			n, err);
}

static int location_insert(bud_conn *w, int64_t provider_id,
			   const struct bud_store_provider_location *l, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;

	if ((rc = bud_row_fits(l->name, BUD_NAME_MAX, "locations", err)) ||
	    (rc = bud_row_fits(l->address, BUD_NAME_MAX, "locations", err)) ||
	    (rc = bud_row_fits(l->municipality, BUD_NAME_MAX, "locations", err)) ||
	    (rc = bud_row_fits(l->notes, BUD_NOTE_MAX, "locations", err)))
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO provider_location (provider_id, name, "
			   "address, municipality, step_free, hearing_loop, parking, "
			   "accessible_wc, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
			   "?8, ?9)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_text(st, 2, l->name, 0, &brc);
	bud_row_bind_text(st, 3, l->address, 0, &brc);
	bud_row_bind_text(st, 4, l->municipality, 0, &brc);
	bud_row_bind_i64(st, 5, l->step_free != 0, 0, &brc);
	bud_row_bind_i64(st, 6, l->hearing_loop != 0, 0, &brc);
	bud_row_bind_i64(st, 7, l->parking != 0, 0, &brc);
	bud_row_bind_i64(st, 8, l->accessible_wc != 0, 0, &brc);
	bud_row_bind_text(st, 9, l->notes, 0, &brc);
	return bud_row_step_done(w, st, brc, "provider location", err);
}

int bud_store_provider_location_add(bud_conn *w, int64_t provider_id,
				    const struct bud_store_provider_location *l,
				    bud_err *err)
{
	return location_insert(w, provider_id, l, err);
}

int bud_store_provider_locations_set(bud_conn *w, int64_t provider_id,
				     const struct bud_store_provider_location *l,
				     size_t n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;
	size_t i;

	st = bud_conn_stmt(w, "DELETE FROM provider_location WHERE provider_id = ?1",
			   err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "provider locations", err)) != BUD_OK)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = location_insert(w, provider_id, &l[i], err)) != BUD_OK)
			return rc;
	return BUD_OK;
}

int bud_store_provider_price_put(bud_conn *w, const struct bud_store_provider_price *p,
				 bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(w, "INSERT INTO provider_price (provider_id, service_id, "
			   "unit, unit_price, valid_from, created_at) VALUES "
			   "(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (provider_id, "
			   "service_id, valid_from) DO UPDATE SET unit = excluded.unit, "
			   "unit_price = excluded.unit_price", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, p->provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, p->service_id, 0, &brc);
	bud_row_bind_text(st, 3, p->unit, 0, &brc);
	bud_row_bind_i64(st, 4, p->unit_price, 0, &brc);
	bud_row_bind_text(st, 5, p->valid_from, 0, &brc);
	bud_row_bind_i64(st, 6, p->created_at, 0, &brc);
	return bud_row_step_done(w, st, brc, "provider price", err);
}

static int price_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	struct bud_store_provider_price *p = row;
	int rc;

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->provider_id = sqlite3_column_int64(st, 1);
	p->service_id = sqlite3_column_int64(st, 2);
	p->unit_price = sqlite3_column_int64(st, 5);
	p->created_at = sqlite3_column_int64(st, 7);
	if ((rc = bud_row_col_text(st, 3, p->service_code, sizeof(p->service_code), err)) ||
	    (rc = bud_row_col_text(st, 4, p->unit, sizeof(p->unit), err)) ||
	    (rc = bud_row_col_text(st, 6, p->valid_from, sizeof(p->valid_from), err)))
		return rc;
	return BUD_OK;
}

int bud_store_provider_prices(bud_conn *c, int64_t provider_id,
			      struct bud_store_provider_price *out, size_t max,
			      size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT pp.id, pp.provider_id, "
		"pp.service_id, s.code, pp.unit, pp.unit_price, pp.valid_from, "
		"pp.created_at FROM provider_price pp JOIN service s ON "
		"s.id = pp.service_id WHERE pp.provider_id = ?1 "
		"ORDER BY s.code, pp.valid_from", err);

	if (!st)
		return bud_row_stmt_failed(err);
	return each_row(c, st, sqlite3_bind_int64(st, 1, provider_id),
			"provider prices", price_row, out, sizeof(*out), max, 1, n, err);
}

/* --- approvals --- */

#define APPROVAL_COLS "a.id, a.provider_id, a.service_id, s.code, " \
	"a.municipality, a.state, a.reason, a.effective, a.decided_by, " \
	"a.created_at, a.updated_at FROM approval a JOIN service s ON " \
	"s.id = a.service_id "

static int approval_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	struct bud_store_approval *a = row;
	int rc;

	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	a->provider_id = sqlite3_column_int64(st, 1);
	a->service_id = sqlite3_column_int64(st, 2);
	a->decided_by = sqlite3_column_int64(st, 8);
	a->created_at = sqlite3_column_int64(st, 9);
	a->updated_at = sqlite3_column_int64(st, 10);
	if ((rc = bud_row_col_text(st, 3, a->service_code, sizeof(a->service_code), err)) ||
	    (rc = bud_row_col_text(st, 4, a->municipality, sizeof(a->municipality), err)) ||
	    (rc = bud_row_col_text(st, 5, a->state, sizeof(a->state), err)) ||
	    (rc = bud_row_col_text(st, 6, a->reason, sizeof(a->reason), err)) ||
	    (rc = bud_row_col_text(st, 7, a->effective, sizeof(a->effective), err)))
		return rc;
	return BUD_OK;
}

int bud_store_approval_insert(bud_conn *w, const struct bud_store_approval *a,
			      int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;

	if ((rc = bud_row_fits(a->municipality, BUD_NAME_MAX, "municipality", err)))
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO approval (provider_id, service_id, "
			   "municipality, state, created_at) VALUES (?1, ?2, ?3, "
			   "'applied', ?4)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, a->provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, a->service_id, 0, &brc);
	bud_row_bind_text(st, 3, a->municipality, 0, &brc);
	bud_row_bind_i64(st, 4, a->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "approval insert", id_out, err);
}

int bud_store_approval_get(bud_conn *c, int64_t id, struct bud_store_approval *out,
			   bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " APPROVAL_COLS
					 "WHERE a.id = ?1", err);

	if (!st)
		return bud_row_stmt_failed(err);
	return bud_row_get_one(c, st, sqlite3_bind_int64(st, 1, id), "approval",
			       approval_row, out, err);
}

int bud_store_approval_find(bud_conn *c, int64_t provider_id, int64_t service_id,
			    const char *municipality, struct bud_store_approval *out,
			    bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " APPROVAL_COLS
		"WHERE a.provider_id = ?1 AND a.service_id = ?2 AND "
		"a.municipality = ?3", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, service_id, 0, &brc);
	bud_row_bind_text(st, 3, municipality, 0, &brc);
	return bud_row_get_one(c, st, brc, "approval", approval_row, out, err);
}

int bud_store_approval_update(bud_conn *w, const struct bud_store_approval *a,
			      bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;

	if ((rc = bud_row_fits(a->reason, BUD_NOTE_MAX, "reason", err)))
		return rc;
	st = bud_conn_stmt(w, "UPDATE approval SET state = ?2, reason = ?3, "
			   "effective = ?4, decided_by = ?5, updated_at = ?6 "
			   "WHERE id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, a->id, 0, &brc);
	bud_row_bind_text(st, 2, a->state, 0, &brc);
	bud_row_bind_text(st, 3, a->reason, 0, &brc);
	bud_row_bind_text(st, 4, a->effective, 0, &brc);
	bud_row_bind_i64(st, 5, a->decided_by, 1, &brc);
	bud_row_bind_i64(st, 6, a->updated_at, 0, &brc);
	return bud_row_step_done(w, st, brc, "approval update", err);
}

int bud_store_approvals(bud_conn *c, int64_t provider_id,
			struct bud_store_approval *out, size_t max, size_t *n,
			bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " APPROVAL_COLS
		"WHERE a.provider_id = ?1 ORDER BY s.code, a.municipality", err);

	if (!st)
		return bud_row_stmt_failed(err);
	return each_row(c, st, sqlite3_bind_int64(st, 1, provider_id), "approvals",
			approval_row, out, sizeof(*out), max, 1, n, err);
}

int bud_store_approval_event_insert(bud_conn *w,
				    const struct bud_store_approval_event *e,
				    bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;

	if ((rc = bud_row_fits(e->reason, BUD_NOTE_MAX, "reason", err)))
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO approval_event (approval_id, state, "
			   "reason, effective, by_user, at) VALUES (?1, ?2, ?3, ?4, "
			   "?5, ?6)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, e->approval_id, 0, &brc);
	bud_row_bind_text(st, 2, e->state, 0, &brc);
	bud_row_bind_text(st, 3, e->reason, 0, &brc);
	bud_row_bind_text(st, 4, e->effective, 0, &brc);
	bud_row_bind_i64(st, 5, e->by_user, 1, &brc);
	bud_row_bind_i64(st, 6, e->at, 0, &brc);
	return bud_row_step_done(w, st, brc, "approval event", err);
}

static int event_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	struct bud_store_approval_event *e = row;
	int rc;

	memset(e, 0, sizeof(*e));
	e->id = sqlite3_column_int64(st, 0);
	e->approval_id = sqlite3_column_int64(st, 1);
	e->by_user = sqlite3_column_int64(st, 5);
	e->at = sqlite3_column_int64(st, 7);
	if ((rc = bud_row_col_text(st, 2, e->state, sizeof(e->state), err)) ||
	    (rc = bud_row_col_text(st, 3, e->reason, sizeof(e->reason), err)) ||
	    (rc = bud_row_col_text(st, 4, e->effective, sizeof(e->effective), err)) ||
	    (rc = bud_row_col_text(st, 6, e->by_name, sizeof(e->by_name), err)))
		return rc;
	return BUD_OK;
}

int bud_store_approval_events(bud_conn *c, int64_t provider_id,
			      struct bud_store_approval_event *out, size_t max,
			      size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT e.id, e.approval_id, e.state, "
		"e.reason, e.effective, e.by_user, coalesce(u.display_name, ''), e.at "
		"FROM approval_event e JOIN approval a ON a.id = e.approval_id "
		"LEFT JOIN user u ON u.id = e.by_user WHERE a.provider_id = ?1 "
		"ORDER BY e.id", err);

	if (!st)
		return bud_row_stmt_failed(err);
	return each_row(c, st, sqlite3_bind_int64(st, 1, provider_id),
			"approval events", event_row, out, sizeof(*out), max, 1, n, err);
}

/* --- provider admins --- */

static int int_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	(void)err;
	*(int *)row = sqlite3_column_int(st, 0);
	return BUD_OK;
}

int bud_store_user_provider_admin(bud_conn *c, int64_t user_id, int *admin,
				  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT provider_admin FROM user "
					 "WHERE id = ?1 AND role = 'provider_user'",
					 err);
	int rc;

	*admin = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	rc = bud_row_get_one(c, st, sqlite3_bind_int64(st, 1, user_id), "user",
			     int_row, admin, err);
	if (rc == BUD_ENOTFOUND) {
		bud_err_clear(err);
		return BUD_OK;
	}
	return rc;
}

int bud_store_user_set_provider_admin(bud_conn *w, int64_t user_id, int admin,
				      bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE user SET provider_admin = ?2 "
					 "WHERE id = ?1 AND role = 'provider_user'",
					 err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_i64(st, 2, admin != 0, 0, &brc);
	return bud_row_step_done(w, st, brc, "provider admin", err);
}

int bud_store_approval_municipalities(bud_conn *c, int64_t organiser_id,
				      char (*out)[BUD_NAME_MAX + 1], size_t max,
				      size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT DISTINCT a.municipality FROM "
		"approval a JOIN provider p ON p.id = a.provider_id WHERE "
		"p.organiser_id = ?1 AND a.state IN ('approved', 'suspended') "
		"ORDER BY a.municipality", err);

	if (!st)
		return bud_row_stmt_failed(err);
	return each_row(c, st, sqlite3_bind_int64(st, 1, organiser_id),
			"approval municipalities", area_row, out, sizeof(*out), max,
			0, n, err);
}

/* --- the version answers are kept against --- */

static int i64_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	(void)err;
	*(int64_t *)row = sqlite3_column_int64(st, 0);
	return BUD_OK;
}

int bud_store_data_version(bud_conn *c, int64_t *v, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "PRAGMA data_version", err);

	if (!st)
		return bud_row_stmt_failed(err);
	return bud_row_get_one(c, st, SQLITE_OK, "data version", i64_row, v, err);
}
