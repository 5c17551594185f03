/*
 * store/store_org.c: SQL for the organiser, unit, service and price tables
 * (declared in store/org.h). Every statement is a string literal prepared
 * once per connection by bud_conn_stmt; each function resets its
 * statement before returning, so a reader never keeps a read transaction
 * open between calls.
 */
#include <assert.h>
#include <stddef.h>
#include <string.h>

#include <sqlite3.h>

#include "store/org.h"
#include "store/row.h"

/* --- organiser --- */

/* The settings texts, in the order of ORG_COLS after created_at and of
 * the UPDATE's parameters ?2.. of bud_store_organiser_set_contact. */
#define ORG_TEXT(m) {offsetof(struct bud_store_organiser, m), \
		     sizeof(((struct bud_store_organiser *)0)->m)}
static const struct {
	size_t off, size;
} org_texts[] = {
	ORG_TEXT(registry_address), ORG_TEXT(registry_email), ORG_TEXT(registry_hours),
	ORG_TEXT(a11y_email), ORG_TEXT(registry_address_sv), ORG_TEXT(registry_hours_sv),
	ORG_TEXT(registry_phone), ORG_TEXT(appeal_name_fi), ORG_TEXT(appeal_name_sv),
	ORG_TEXT(appeal_address_fi), ORG_TEXT(appeal_address_sv), ORG_TEXT(a11y_phone),
	ORG_TEXT(a11y_supervisor_fi), ORG_TEXT(a11y_supervisor_sv),
	ORG_TEXT(a11y_supervisor_url),
};
#define ORG_NTEXTS (sizeof org_texts / sizeof org_texts[0])

#define ORG_COLS "id, code, name_fi, name_sv, name_en, ytunnus, bilingual, " \
		 "iban, bic, created_at, iif(logo_png IS NULL, 0, logo_version), " \
		 "registry_address, " \
		 "registry_email, registry_hours, a11y_email, registry_address_sv, " \
		 "registry_hours_sv, registry_phone, appeal_name_fi, appeal_name_sv, " \
		 "appeal_address_fi, appeal_address_sv, a11y_phone, a11y_supervisor_fi, " \
		 "a11y_supervisor_sv, a11y_supervisor_url"
#define ORG_TEXT_COL 11		/* the column of org_texts[0] */

static int org_row(sqlite3_stmt *st, struct bud_store_organiser *o, bud_err *err)
{
	size_t i;
	int rc;

	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(st, 0);
	if ((rc = bud_row_col_text(st, 1, o->code, sizeof(o->code), err)) ||
	    (rc = bud_row_col_text(st, 2, o->name_fi, sizeof(o->name_fi), err)) ||
	    (rc = bud_row_col_text(st, 3, o->name_sv, sizeof(o->name_sv), err)) ||
	    (rc = bud_row_col_text(st, 4, o->name_en, sizeof(o->name_en), err)) ||
	    (rc = bud_row_col_text(st, 5, o->ytunnus, sizeof(o->ytunnus), err)))
		return rc;
	o->bilingual = sqlite3_column_int(st, 6);
	if ((rc = bud_row_col_text(st, 7, o->iban, sizeof(o->iban), err)) ||
	    (rc = bud_row_col_text(st, 8, o->bic, sizeof(o->bic), err)))
		return rc;
	o->created_at = sqlite3_column_int64(st, 9);
	o->logo_version = sqlite3_column_int64(st, 10);
	for (i = 0; i < ORG_NTEXTS; i++) {
		rc = bud_row_col_text(st, ORG_TEXT_COL + (int)i, (char *)o + org_texts[i].off,
				      org_texts[i].size, err);
		if (rc != BUD_OK)
			return rc;
	}
	return BUD_OK;
}

int bud_store_organiser_set_contact(bud_conn *w, const struct bud_store_organiser *o,
				    bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE organiser SET registry_address = ?2, "
		"registry_email = ?3, registry_hours = ?4, a11y_email = ?5, "
		"registry_address_sv = ?6, registry_hours_sv = ?7, registry_phone = ?8, "
		"appeal_name_fi = ?9, appeal_name_sv = ?10, appeal_address_fi = ?11, "
		"appeal_address_sv = ?12, a11y_phone = ?13, a11y_supervisor_fi = ?14, "
		"a11y_supervisor_sv = ?15, a11y_supervisor_url = ?16 WHERE id = ?1", err);
	int brc = SQLITE_OK;
	size_t i;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, o->id, 0, &brc);
	for (i = 0; i < ORG_NTEXTS; i++)
		bud_row_bind_text(st, 2 + (int)i, (const char *)o + org_texts[i].off, 0, &brc);
	return bud_row_step_done(w, st, brc, "organiser settings", err);
}

int bud_store_organiser_set_logo(bud_conn *w, int64_t organiser_id,
				 const void *png, size_t len, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE organiser SET logo_png = ?2, "
		"logo_version = logo_version + 1 WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	if (png)
		bud_row_bind_blob(st, 2, png, len, &brc);
	else if (brc == SQLITE_OK)
		brc = sqlite3_bind_null(st, 2);
	return bud_row_step_done(w, st, brc, "organiser logo", err);
}

static int logo_row(sqlite3_stmt *st, void *out, bud_err *err)
{
	bud_buf *b = out;
	const void *p = sqlite3_column_blob(st, 0);
	int n = sqlite3_column_bytes(st, 0);

	if (!p)
		return bud_err_set(err, BUD_ENOTFOUND, "logo", "err.not_found", "no logo");
	if (bud_buf_add(b, p, (size_t)n) != 0)
		return bud_err_set(err, BUD_ETOOBIG, "logo", "err.too_large", "logo");
	return BUD_OK;
}

int bud_store_organiser_logo(bud_conn *c, int64_t organiser_id, bud_buf *out,
			     bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT logo_png FROM organiser WHERE id = ?1",
					 err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	return bud_row_get_one(c, st, brc, "logo", logo_row, out, err);
}

/* Step a one-row SELECT: the row into *o, or BUD_ENOTFOUND. */
static int org_one(bud_conn *c, sqlite3_stmt *st, int brc,
		   struct bud_store_organiser *o, bud_err *err)
{
	int rc;

	if (brc != SQLITE_OK)
		rc = bud_conn_error(c, brc, "organiser", err);
	else if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = org_row(st, o, err);
	else if (rc == SQLITE_DONE)
		rc = bud_err_set(err, BUD_ENOTFOUND, "organiser", "err.not_found",
				 "no such organiser");
	else
		rc = bud_conn_error(c, rc, "organiser", err);
	sqlite3_reset(st);
	return rc;
}

/* The three language versions of a name fit their columns. */
static int names_fit(const char *fi, const char *sv, const char *en, bud_err *err)
{
	int rc;

	if ((rc = bud_row_fits(fi, BUD_NAME_MAX, "name_fi", err)) ||
	    (rc = bud_row_fits(sv, BUD_NAME_MAX, "name_sv", err)) ||
	    (rc = bud_row_fits(en, BUD_NAME_MAX, "name_en", err)))
		return rc;
	return BUD_OK;
}

int bud_store_organiser_insert(bud_conn *w, const struct bud_store_organiser *o,
			       int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && o);
	if ((rc = bud_row_fits(o->code, BUD_CODE_MAX, "code", err)) ||
	    (rc = names_fit(o->name_fi, o->name_sv, o->name_en, err)) ||
	    (rc = bud_row_fits(o->ytunnus, BUD_STORE_YTUNNUS - 1, "ytunnus", err)) ||
	    (rc = bud_row_fits(o->iban, BUD_STORE_IBAN - 1, "iban", err)) ||
	    (rc = bud_row_fits(o->bic, BUD_STORE_BIC - 1, "bic", err)))
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO organiser (code, name_fi, name_sv, "
			   "name_en, ytunnus, bilingual, iban, bic, created_at) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, o->code, 0, &brc);
	bud_row_bind_text(st, 2, o->name_fi, 0, &brc);
	bud_row_bind_text(st, 3, o->name_sv, 0, &brc);
	bud_row_bind_text(st, 4, o->name_en, 0, &brc);
	bud_row_bind_text(st, 5, o->ytunnus, 0, &brc);
	bud_row_bind_i64(st, 6, o->bilingual ? 1 : 0, 0, &brc);
	bud_row_bind_text(st, 7, o->iban, 1, &brc);
	bud_row_bind_text(st, 8, o->bic, 1, &brc);
	bud_row_bind_i64(st, 9, o->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "organiser insert", id_out, err);
}

int bud_store_organiser_get(bud_conn *c, int64_t id,
			    struct bud_store_organiser *out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	assert(c && out);
	st = bud_conn_stmt(c, "SELECT " ORG_COLS " FROM organiser WHERE id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return org_one(c, st, brc, out, err);
}

int bud_store_organiser_only(bud_conn *c, struct bud_store_organiser *out,
			     bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && out);
	st = bud_conn_stmt(c, "SELECT " ORG_COLS " FROM organiser ORDER BY id LIMIT 1",
			   err);
	if (!st)
		return bud_row_stmt_failed(err);
	return org_one(c, st, SQLITE_OK, out, err);
}

static int brand_row(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_brand *b = out;
	int rc;

	if ((rc = bud_row_col_text(st, 0, b->name_fi, sizeof b->name_fi, err)) ||
	    (rc = bud_row_col_text(st, 1, b->name_sv, sizeof b->name_sv, err)) ||
	    (rc = bud_row_col_text(st, 2, b->name_en, sizeof b->name_en, err)))
		return rc;
	b->logo_version = sqlite3_column_int64(st, 3);
	return BUD_OK;
}

int bud_store_organiser_brand(bud_conn *c, struct bud_store_brand *out,
			      bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && out);
	st = bud_conn_stmt(c, "SELECT name_fi, name_sv, name_en, "
			   "iif(logo_png IS NULL, 0, logo_version) FROM organiser "
			   "ORDER BY id LIMIT 1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	return bud_row_get_one(c, st, SQLITE_OK, "organiser", brand_row, out, err);
}

int bud_store_organiser_count(bud_conn *c, int64_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int rc;

	assert(c && n);
	st = bud_conn_stmt(c, "SELECT count(*) FROM organiser", err);
	if (!st)
		return bud_row_stmt_failed(err);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		rc = BUD_OK;
	} else {
		rc = bud_conn_error(c, rc, "organiser count", err);
	}
	sqlite3_reset(st);
	return rc;
}

/* --- units --- */

static int unit_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	struct bud_store_unit *u = row;
	int rc;

	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, 0);
	u->organiser_id = sqlite3_column_int64(st, 1);
	if ((rc = bud_row_col_text(st, 2, u->name_fi, sizeof(u->name_fi), err)) ||
	    (rc = bud_row_col_text(st, 3, u->name_sv, sizeof(u->name_sv), err)) ||
	    (rc = bud_row_col_text(st, 4, u->name_en, sizeof(u->name_en), err)))
		return rc;
	return BUD_OK;
}

int bud_store_unit_insert(bud_conn *w, const struct bud_store_unit *u,
			  int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && u);
	if ((rc = names_fit(u->name_fi, u->name_sv, u->name_en, err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO unit (organiser_id, name_fi, name_sv, "
			   "name_en) VALUES (?1, ?2, ?3, ?4)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, u->organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, u->name_fi, 0, &brc);
	bud_row_bind_text(st, 3, u->name_sv, 0, &brc);
	bud_row_bind_text(st, 4, u->name_en, 0, &brc);
	return bud_row_step_insert(w, st, brc, "unit insert", id_out, err);
}

int bud_store_unit_get(bud_conn *c, int64_t id, struct bud_store_unit *out,
		       bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && out);
	st = bud_conn_stmt(c, "SELECT id, organiser_id, name_fi, name_sv, name_en "
			   "FROM unit WHERE id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	return bud_row_get_one(c, st, sqlite3_bind_int64(st, 1, id), "unit",
			       unit_row, out, err);
}

int bud_store_unit_list(bud_conn *c, int64_t organiser_id,
			struct bud_store_unit *out, size_t max, size_t *n,
			bud_err *err)
{
	sqlite3_stmt *st;
	int rc;

	assert(c && n && (out || max == 0));
	*n = 0;
	st = bud_conn_stmt(c, "SELECT id, organiser_id, name_fi, name_sv, name_en "
			   "FROM unit WHERE organiser_id = ?1 ORDER BY id", err);
	if (!st)
		return bud_row_stmt_failed(err);
	rc = sqlite3_bind_int64(st, 1, organiser_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			rc = bud_err_set(err, BUD_ETOOBIG, "unit", "err.too_large",
					 "more than %zu units", max);
			goto out;
		}
		if ((rc = unit_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "unit list", err);
out:
	sqlite3_reset(st);
	return rc;
}

/* --- services --- */

static int service_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	struct bud_store_service *s = row;
	int rc;

	memset(s, 0, sizeof(*s));
	s->id = sqlite3_column_int64(st, 0);
	if ((rc = bud_row_col_text(st, 1, s->code, sizeof(s->code), err)) ||
	    (rc = bud_row_col_text(st, 2, s->name_fi, sizeof(s->name_fi), err)) ||
	    (rc = bud_row_col_text(st, 3, s->name_sv, sizeof(s->name_sv), err)) ||
	    (rc = bud_row_col_text(st, 4, s->name_en, sizeof(s->name_en), err)))
		return rc;
	return BUD_OK;
}

int bud_store_service_insert(bud_conn *w, const struct bud_store_service *s,
			     int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && s);
	if ((rc = bud_row_fits(s->code, BUD_CODE_MAX, "code", err)) ||
	    (rc = names_fit(s->name_fi, s->name_sv, s->name_en, err)))
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO service (code, name_fi, name_sv, name_en) "
			   "VALUES (?1, ?2, ?3, ?4)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, s->code, 0, &brc);
	bud_row_bind_text(st, 2, s->name_fi, 0, &brc);
	bud_row_bind_text(st, 3, s->name_sv, 0, &brc);
	bud_row_bind_text(st, 4, s->name_en, 0, &brc);
	return bud_row_step_insert(w, st, brc, "service insert", id_out, err);
}

int bud_store_service_get(bud_conn *c, int64_t id,
			  struct bud_store_service *out, bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && out);
	st = bud_conn_stmt(c, "SELECT id, code, name_fi, name_sv, name_en "
			   "FROM service WHERE id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	return bud_row_get_one(c, st, sqlite3_bind_int64(st, 1, id), "service",
			       service_row, out, err);
}

int bud_store_service_by_code(bud_conn *c, const char *code,
			      struct bud_store_service *out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	assert(c && out && code);
	st = bud_conn_stmt(c, "SELECT id, code, name_fi, name_sv, name_en "
			   "FROM service WHERE code = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, code, 0, &brc);
	return bud_row_get_one(c, st, brc, "service", service_row, out, err);
}

int bud_store_service_list(bud_conn *c, struct bud_store_service *out,
			   size_t max, size_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int rc;

	assert(c && n && (out || max == 0));
	*n = 0;
	st = bud_conn_stmt(c, "SELECT id, code, name_fi, name_sv, name_en "
			   "FROM service ORDER BY id", err);
	if (!st)
		return bud_row_stmt_failed(err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			rc = bud_err_set(err, BUD_ETOOBIG, "service", "err.too_large",
					 "more than %zu services", max);
			goto out;
		}
		if ((rc = service_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "service list", err);
out:
	sqlite3_reset(st);
	return rc;
}

/* --- prices --- */

#define PRICE_COLS "id, organiser_id, service_id, unit, unit_price, instrument, " \
		   "valid_from, valid_to, version, created_at"

static int price_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	struct bud_store_price *p = row;
	int rc;

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->organiser_id = sqlite3_column_int64(st, 1);
	p->service_id = sqlite3_column_int64(st, 2);
	p->unit_price = sqlite3_column_int64(st, 4);
	p->version = sqlite3_column_int(st, 8);
	p->created_at = sqlite3_column_int64(st, 9);
	if ((rc = bud_row_col_text(st, 3, p->unit, sizeof(p->unit), err)) ||
	    (rc = bud_row_col_text(st, 5, p->instrument, sizeof(p->instrument), err)) ||
	    (rc = bud_row_col_text(st, 6, p->valid_from, sizeof(p->valid_from), err)) ||
	    (rc = bud_row_col_text(st, 7, p->valid_to, sizeof(p->valid_to), err)))
		return rc;
	/* The schema's CHECK keeps prices non-negative. */
	assert(p->unit_price >= 0);
	return BUD_OK;
}

int bud_store_price_insert(bud_conn *w, const struct bud_store_price *p,
			   int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && p);
	if (p->unit_price < 0)
		return bud_err_set(err, BUD_EINVAL, "unit_price", "err.out_of_range",
				   "negative unit price");
	if ((rc = bud_row_fits(p->unit, sizeof(p->unit) - 1, "unit", err)) ||
	    (rc = bud_row_fits(p->instrument, sizeof(p->instrument) - 1, "instrument", err)) ||
	    (rc = bud_row_fits(p->valid_from, BUD_STORE_DATE - 1, "valid_from", err)) ||
	    (rc = bud_row_fits(p->valid_to, BUD_STORE_DATE - 1, "valid_to", err)))
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO price (organiser_id, service_id, unit, "
			   "unit_price, instrument, valid_from, valid_to, version, "
			   "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, p->organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, p->service_id, 0, &brc);
	bud_row_bind_text(st, 3, p->unit, 0, &brc);
	bud_row_bind_i64(st, 4, p->unit_price, 0, &brc);
	bud_row_bind_text(st, 5, p->instrument, 0, &brc);
	bud_row_bind_text(st, 6, p->valid_from, 0, &brc);
	bud_row_bind_text(st, 7, p->valid_to, 1, &brc);
	bud_row_bind_i64(st, 8, p->version > 0 ? p->version : 1, 0, &brc);
	bud_row_bind_i64(st, 9, p->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "price insert", id_out, err);
}

int bud_store_price_get(bud_conn *c, int64_t id, struct bud_store_price *out,
			bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && out);
	st = bud_conn_stmt(c, "SELECT " PRICE_COLS " FROM price WHERE id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	return bud_row_get_one(c, st, sqlite3_bind_int64(st, 1, id), "price",
			       price_row, out, err);
}

int bud_store_price_list(bud_conn *c, int64_t organiser_id,
			 struct bud_store_price *out, size_t max, size_t *n,
			 bud_err *err)
{
	sqlite3_stmt *st;
	int rc;

	assert(c && n && (out || max == 0));
	*n = 0;
	st = bud_conn_stmt(c, "SELECT " PRICE_COLS " FROM price WHERE organiser_id = ?1 "
			   "ORDER BY service_id, valid_from, version, id", err);
	if (!st)
		return bud_row_stmt_failed(err);
	rc = sqlite3_bind_int64(st, 1, organiser_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			rc = bud_err_set(err, BUD_ETOOBIG, "price", "err.too_large",
					 "more than %zu prices", max);
			goto out;
		}
		if ((rc = price_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "price list", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_price_current(bud_conn *c, int64_t organiser_id,
			    int64_t service_id, const char *date,
			    struct bud_store_price *out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	assert(c && out && date);
	st = bud_conn_stmt(c, "SELECT " PRICE_COLS " FROM price "
			   "WHERE organiser_id = ?1 AND service_id = ?2 "
			   "AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to >= ?3) "
			   "ORDER BY valid_from DESC, version DESC, id DESC LIMIT 1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, service_id, 0, &brc);
	bud_row_bind_text(st, 3, date, 0, &brc);
	return bud_row_get_one(c, st, brc, "price", price_row, out, err);
}

int bud_store_price_max_version(bud_conn *c, int64_t organiser_id,
				int64_t service_id, int *version, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(c && version);
	st = bud_conn_stmt(c, "SELECT coalesce(max(version), 0) FROM price "
			   "WHERE organiser_id = ?1 AND service_id = ?2", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, service_id, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		rc = BUD_OK;
	} else {
		rc = bud_conn_error(c, rc, "price max version", err);
	}
	sqlite3_reset(st);
	return rc;
}

int bud_store_price_each(bud_conn *c, int64_t organiser_id,
			 bud_store_price_fn fn, void *ctx, bud_err *err)
{
	struct bud_store_price p;
	sqlite3_stmt *st;
	int rc;

	assert(c && fn);
	st = bud_conn_stmt(c, "SELECT " PRICE_COLS " FROM price WHERE organiser_id = ?1 "
			   "ORDER BY service_id, valid_from, version, id", err);
	if (!st)
		return bud_row_stmt_failed(err);
	rc = sqlite3_bind_int64(st, 1, organiser_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = price_row(st, &p, err)) != BUD_OK ||
		    (rc = fn(&p, ctx, err)) != BUD_OK)
			goto out;
		rc = SQLITE_OK;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "price each", err);
out:
	sqlite3_reset(st);
	return rc;
}
