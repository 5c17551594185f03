/*
 * store/store_rulebook.c: SQL of the rulebook (store/rulebook.h). A
 * handful of versions per organiser and one acceptance per provider and
 * version: small tables read by their keys, so no indexes beyond the
 * unique ones of migration 011.
 */
#include <assert.h>
#include <string.h>

#include <sqlite3.h>

#include "store/row.h"
#include "store/rulebook.h"

int bud_store_rulebook_insert(bud_conn *w, const struct bud_store_rulebook *r,
			      int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;

	assert(w && r && id_out);
	if ((rc = bud_row_fits(r->general_fi, BUD_RULEBOOK_TEXT_MAX, "general_fi", err)) ||
	    (rc = bud_row_fits(r->general_sv, BUD_RULEBOOK_TEXT_MAX, "general_sv", err)))
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO rulebook (organiser_id, effective_on, "
			   "general_fi, general_sv, created_by, created_at) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, r->organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, r->effective_on, 0, &brc);
	bud_row_bind_text(st, 3, r->general_fi, 0, &brc);
	bud_row_bind_text(st, 4, r->general_sv, 0, &brc);
	bud_row_bind_i64(st, 5, r->created_by, 0, &brc);
	bud_row_bind_i64(st, 6, r->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "rulebook", id_out, err);
}

int bud_store_rulebook_part_insert(bud_conn *w, int64_t rulebook_id,
				   const struct bud_store_rulebook_part *p, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;

	if ((rc = bud_row_fits(p->text_fi, BUD_RULEBOOK_TEXT_MAX, "parts", err)) ||
	    (rc = bud_row_fits(p->text_sv, BUD_RULEBOOK_TEXT_MAX, "parts", err)))
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO rulebook_part (rulebook_id, service_id, "
			   "text_fi, text_sv) VALUES (?1, ?2, ?3, ?4)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, rulebook_id, 0, &brc);
	bud_row_bind_i64(st, 2, p->service_id, 0, &brc);
	bud_row_bind_text(st, 3, p->text_fi, 0, &brc);
	bud_row_bind_text(st, 4, p->text_sv, 0, &brc);
	return bud_row_step_done(w, st, brc, "parts", err);
}

int bud_store_rulebook_each(bud_conn *c, int64_t organiser_id, int64_t id,
			    bud_store_rulebook_fn fn, void *arg, bud_err *err)
{
	struct bud_store_rulebook r;
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;

	st = bud_conn_stmt(c, "SELECT id, organiser_id, effective_on, general_fi, "
			   "general_sv, created_by, created_at FROM rulebook "
			   "WHERE organiser_id = ?1 AND (?2 = 0 OR id = ?2) "
			   "ORDER BY effective_on DESC LIMIT ?3", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, id, 0, &brc);
	bud_row_bind_i64(st, 3, BUD_RULEBOOK_VERSIONS_MAX, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.organiser_id = sqlite3_column_int64(st, 1);
		r.effective_on = bud_row_col_str(st, 2);
		r.general_fi = bud_row_col_str(st, 3);
		r.general_sv = bud_row_col_str(st, 4);
		r.created_by = sqlite3_column_int64(st, 5);
		r.created_at = sqlite3_column_int64(st, 6);
		if ((rc = fn(arg, &r)) != BUD_OK)
			goto out;
		rc = SQLITE_OK;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "rulebook", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_rulebook_parts(bud_conn *c, int64_t rulebook_id,
			     bud_store_rulebook_part_fn fn, void *arg, bud_err *err)
{
	struct bud_store_rulebook_part p;
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;

	st = bud_conn_stmt(c, "SELECT p.service_id, s.code, p.text_fi, p.text_sv "
			   "FROM rulebook_part p JOIN service s ON s.id = p.service_id "
			   "WHERE p.rulebook_id = ?1 ORDER BY s.code", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, rulebook_id, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		p.service_id = sqlite3_column_int64(st, 0);
		p.service_code = bud_row_col_str(st, 1);
		p.text_fi = bud_row_col_str(st, 2);
		p.text_sv = bud_row_col_str(st, 3);
		if ((rc = fn(arg, &p)) != BUD_OK)
			goto out;
		rc = SQLITE_OK;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "rulebook parts", err);
out:
	sqlite3_reset(st);
	return rc;
}

struct pick {
	int64_t *id;
	char *out;
};

static int pick_row(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct pick *p = out;

	*p->id = sqlite3_column_int64(st, 0);
	return bud_row_col_text(st, 1, p->out, 11, err);
}

int bud_store_rulebook_pick(bud_conn *c, int64_t organiser_id, const char *day,
			    int64_t *id, char *out, bud_err *err)
{
	struct pick p = {id, out};
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;

	*id = 0;
	out[0] = '\0';
	st = bud_conn_stmt(c, "SELECT id, effective_on FROM rulebook WHERE "
			   "organiser_id = ?1 AND (?2 IS NULL OR effective_on <= ?2) "
			   "ORDER BY effective_on DESC LIMIT 1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, day, 1, &brc);
	rc = bud_row_get_one(c, st, brc, "rulebook", pick_row, &p, err);
	if (rc == BUD_ENOTFOUND) {
		bud_err_clear(err);
		return BUD_OK;
	}
	return rc;
}

int bud_store_rulebook_accept(bud_conn *w, int64_t rulebook_id, int64_t provider_id,
			      int64_t by, int64_t at, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(w, "INSERT INTO rulebook_acceptance (rulebook_id, "
			   "provider_id, accepted_by, accepted_at) VALUES (?1, ?2, ?3, ?4)",
			   err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, rulebook_id, 0, &brc);
	bud_row_bind_i64(st, 2, provider_id, 0, &brc);
	bud_row_bind_i64(st, 3, by, 0, &brc);
	bud_row_bind_i64(st, 4, at, 0, &brc);
	return bud_row_step_done(w, st, brc, "rulebook_id", err);
}

int bud_store_rulebook_accepted(bud_conn *c, int64_t provider_id,
				struct bud_store_rulebook_acc *out, size_t max,
				size_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;

	*n = 0;
	st = bud_conn_stmt(c, "SELECT a.rulebook_id, r.effective_on, a.accepted_by, "
			   "u.display_name, a.accepted_at FROM rulebook_acceptance a "
			   "JOIN rulebook r ON r.id = a.rulebook_id "
			   "JOIN user u ON u.id = a.accepted_by WHERE a.provider_id = ?1 "
			   "ORDER BY r.effective_on DESC LIMIT ?2", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, (int64_t)max, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bud_store_rulebook_acc *a = &out[*n];

		a->rulebook_id = sqlite3_column_int64(st, 0);
		a->accepted_by = sqlite3_column_int64(st, 2);
		a->accepted_at = sqlite3_column_int64(st, 4);
		if ((rc = bud_row_col_text(st, 1, a->effective_on, sizeof(a->effective_on), err)) ||
		    (rc = bud_row_col_text(st, 3, a->accepted_by_name,
					   sizeof(a->accepted_by_name), err)))
			goto out;
		(*n)++;
		rc = SQLITE_OK;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "rulebook acceptances", err);
out:
	sqlite3_reset(st);
	return rc;
}
