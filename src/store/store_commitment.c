/*
 * store/store_commitment.c: SQL for commitments, their events, and the
 * reads the choice and `budjetti check` decide on (store/commitment.h).
 */
#include <string.h>

#include <sqlite3.h>

#include "store/commitment.h"
#include "store/row.h"

#define CM_COLS "id, client_id, plan_id, plan_line_id, provider_id, " \
	"approval_id, instrument, unit, quantity, unit_price, provider_price, " \
	"monthly_amount, reserved, released, valid_from, valid_to, state, " \
	"reason, replaces_id, created_by, decided_by, created_at, updated_at"

static int read_cm_at(sqlite3_stmt *st, int k, struct bud_store_commitment *m,
		      bud_err *err)
{
	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(st, k + 0);
	m->client_id = sqlite3_column_int64(st, k + 1);
	m->plan_id = sqlite3_column_int64(st, k + 2);
	m->plan_line_id = sqlite3_column_int64(st, k + 3);
	m->provider_id = sqlite3_column_int64(st, k + 4);
	m->approval_id = sqlite3_column_int64(st, k + 5);
	m->quantity = sqlite3_column_int64(st, k + 8);
	m->unit_price = sqlite3_column_int64(st, k + 9);
	m->provider_price = sqlite3_column_int64(st, k + 10);
	m->monthly_amount = sqlite3_column_int64(st, k + 11);
	m->reserved = sqlite3_column_int64(st, k + 12);
	m->released = sqlite3_column_int64(st, k + 13);
	m->replaces_id = sqlite3_column_int64(st, k + 18);
	m->created_by = sqlite3_column_int64(st, k + 19);
	m->decided_by = sqlite3_column_int64(st, k + 20);
	m->created_at = sqlite3_column_int64(st, k + 21);
	m->updated_at = sqlite3_column_int64(st, k + 22);
	if (bud_row_col_text(st, k + 6, m->instrument, sizeof(m->instrument), err) ||
	    bud_row_col_text(st, k + 7, m->unit, sizeof(m->unit), err) ||
	    bud_row_col_text(st, k + 14, m->valid_from, sizeof(m->valid_from), err) ||
	    bud_row_col_text(st, k + 15, m->valid_to, sizeof(m->valid_to), err) ||
	    bud_row_col_text(st, k + 16, m->state, sizeof(m->state), err) ||
	    bud_row_col_text(st, k + 17, m->reason, sizeof(m->reason), err))
		return err->code;
	return BUD_OK;
}

static int read_cm(sqlite3_stmt *st, void *out, bud_err *err)
{
	return read_cm_at(st, 0, out, err);
}

static int read_line(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_cm_line *l = out;

	memset(l, 0, sizeof(*l));
	l->id = sqlite3_column_int64(st, 0);
	l->plan_id = sqlite3_column_int64(st, 1);
	l->client_id = sqlite3_column_int64(st, 2);
	l->organiser_id = sqlite3_column_int64(st, 3);
	l->service_id = sqlite3_column_int64(st, 4);
	l->quantity = sqlite3_column_int64(st, 11);
	l->unit_price = sqlite3_column_int64(st, 12);
	l->monthly_amount = sqlite3_column_int64(st, 13);
	if (bud_row_col_text(st, 5, l->plan_state, sizeof(l->plan_state), err) ||
	    bud_row_col_text(st, 6, l->valid_from, sizeof(l->valid_from), err) ||
	    bud_row_col_text(st, 7, l->valid_to, sizeof(l->valid_to), err) ||
	    bud_row_col_text(st, 8, l->effective_to, sizeof(l->effective_to), err) ||
	    bud_row_col_text(st, 9, l->unit, sizeof(l->unit), err) ||
	    bud_row_col_text(st, 10, l->instrument, sizeof(l->instrument), err) ||
	    bud_row_col_text(st, 14, l->municipality, sizeof(l->municipality), err))
		return err->code;
	return BUD_OK;
}

int bud_store_cm_line_get(bud_conn *c, int64_t line_id,
			  struct bud_store_cm_line *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT l.id, p.id, p.client_id, p.organiser_id, l.service_id, "
		" p.state, p.valid_from, p.valid_to, p.effective_to, l.unit, "
		" l.instrument, l.quantity, l.unit_price, l.monthly_amount, "
		" cl.municipality "
		"FROM plan_line l JOIN plan p ON p.id = l.plan_id "
		"JOIN client cl ON cl.id = p.client_id WHERE l.id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, line_id, 0, &brc);
	return bud_row_get_one(c, st, brc, "plan_line", read_line, out, err);
}

static int read_approval(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_approval_row *a = out;

	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	if (bud_row_col_text(st, 1, a->state, sizeof(a->state), err) ||
	    bud_row_col_text(st, 2, a->effective, sizeof(a->effective), err))
		return err->code;
	return BUD_OK;
}

int bud_store_cm_approval(bud_conn *c, int64_t provider_id, int64_t service_id,
			  const char *municipality,
			  struct bud_store_approval_row *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT id, state, effective FROM approval WHERE provider_id = ?1 "
		"AND service_id = ?2 AND municipality = ?3", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, service_id, 0, &brc);
	bud_row_bind_text(st, 3, municipality, 0, &brc);
	return bud_row_get_one(c, st, brc, "approval", read_approval, out, err);
}

int bud_store_cm_provider_price(bud_conn *c, int64_t provider_id,
				int64_t service_id, const char *date,
				int64_t *price, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT unit_price FROM provider_price WHERE provider_id = ?1 "
		"AND service_id = ?2 AND valid_from <= ?3 "
		"ORDER BY valid_from DESC LIMIT 1", err);
	int brc = SQLITE_OK, rc;

	*price = -1;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, service_id, 0, &brc);
	bud_row_bind_text(st, 3, date, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW) {
		*price = sqlite3_column_int64(st, 0);
		rc = BUD_OK;
	} else if (rc == SQLITE_DONE)
		rc = BUD_OK;
	else
		rc = bud_conn_error(c, rc, "provider price", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_cm_choices(bud_conn *c, int64_t organiser_id, int64_t service_id,
			 const char *municipality, const char *date,
			 bud_store_choice_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT pr.id, a.id, pr.name, pr.languages, pr.email, pr.phone, "
		" pr.address, pr.website, coalesce((SELECT pp.unit_price FROM "
		" provider_price pp WHERE pp.provider_id = pr.id AND "
		" pp.service_id = ?2 AND pp.valid_from <= ?4 ORDER BY "
		" pp.valid_from DESC LIMIT 1), -1) "
		"FROM approval a JOIN provider pr ON pr.id = a.provider_id "
		"WHERE pr.organiser_id = ?1 AND a.service_id = ?2 AND "
		" a.municipality = ?3 AND a.state = 'approved' AND "
		" a.effective <= ?4 ORDER BY pr.name, pr.id LIMIT ?5", err);
	struct bud_store_choice ch;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, service_id, 0, &brc);
	bud_row_bind_text(st, 3, municipality, 0, &brc);
	bud_row_bind_text(st, 4, date, 0, &brc);
	bud_row_bind_i64(st, 5, BUD_CHOICES_MAX + 1, 0, &brc);
	if (brc != SQLITE_OK) {
		sqlite3_reset(st);
		return bud_conn_error(c, brc, "choices", err);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ch = (struct bud_store_choice){sqlite3_column_int64(st, 0),
			sqlite3_column_int64(st, 1), bud_row_col_str(st, 2),
			bud_row_col_str(st, 3), bud_row_col_str(st, 4),
			bud_row_col_str(st, 5), bud_row_col_str(st, 6),
			bud_row_col_str(st, 7), sqlite3_column_int64(st, 8)};
		if ((rc = fn(arg, &ch)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "choices", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_cm_locations(bud_conn *c, int64_t provider_id,
			   bud_store_cm_location_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT name, address, municipality, step_free, hearing_loop, "
		" parking, accessible_wc FROM provider_location "
		"WHERE provider_id = ?1 ORDER BY id LIMIT ?2", err);
	struct bud_store_cm_location l;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, BUD_LOCATIONS_MAX, 0, &brc);
	if (brc != SQLITE_OK) {
		sqlite3_reset(st);
		return bud_conn_error(c, brc, "locations", err);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		l = (struct bud_store_cm_location){bud_row_col_str(st, 0),
			bud_row_col_str(st, 1), bud_row_col_str(st, 2),
			sqlite3_column_int(st, 3), sqlite3_column_int(st, 4),
			sqlite3_column_int(st, 5), sqlite3_column_int(st, 6)};
		if ((rc = fn(arg, &l)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "locations", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_commitment_insert(bud_conn *w, const struct bud_store_commitment *m,
				int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"INSERT INTO commitment (client_id, plan_id, plan_line_id, "
		" provider_id, approval_id, instrument, unit, quantity, unit_price, "
		" provider_price, monthly_amount, reserved, released, valid_from, "
		" valid_to, state, replaces_id, created_by, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13, "
		" ?14, 'offered', ?15, ?16, ?17, ?17)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, m->client_id, 0, &brc);
	bud_row_bind_i64(st, 2, m->plan_id, 0, &brc);
	bud_row_bind_i64(st, 3, m->plan_line_id, 0, &brc);
	bud_row_bind_i64(st, 4, m->provider_id, 0, &brc);
	bud_row_bind_i64(st, 5, m->approval_id, 0, &brc);
	bud_row_bind_text(st, 6, m->instrument, 0, &brc);
	bud_row_bind_text(st, 7, m->unit, 0, &brc);
	bud_row_bind_i64(st, 8, m->quantity, 0, &brc);
	bud_row_bind_i64(st, 9, m->unit_price, 0, &brc);
	bud_row_bind_i64(st, 10, m->provider_price, 0, &brc);
	bud_row_bind_i64(st, 11, m->monthly_amount, 0, &brc);
	bud_row_bind_i64(st, 12, m->reserved, 0, &brc);
	bud_row_bind_text(st, 13, m->valid_from, 0, &brc);
	bud_row_bind_text(st, 14, m->valid_to, 0, &brc);
	bud_row_bind_i64(st, 15, m->replaces_id, 1, &brc);
	bud_row_bind_i64(st, 16, m->created_by, 0, &brc);
	bud_row_bind_i64(st, 17, m->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "commitment insert", id_out, err);
}

int bud_store_commitment_get(bud_conn *c, int64_t id,
			     struct bud_store_commitment *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT " CM_COLS " FROM commitment WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return bud_row_get_one(c, st, brc, "commitment", read_cm, out, err);
}

int bud_store_commitment_holding(bud_conn *c, int64_t line_id,
				 struct bud_store_commitment *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT " CM_COLS " FROM commitment WHERE plan_line_id = ?1 "
		"AND state IN ('offered', 'active')", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, line_id, 0, &brc);
	return bud_row_get_one(c, st, brc, "commitment", read_cm, out, err);
}

int bud_store_commitment_move(bud_conn *w, const struct bud_store_commitment *m,
			      const char *from, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"UPDATE commitment SET state = ?2, reason = ?3, decided_by = "
		" coalesce(?4, decided_by), valid_to = ?5, released = ?6, "
		" updated_at = ?7 WHERE id = ?1 AND state = ?8", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	if ((rc = bud_row_fits(m->reason, BUD_NOTE_MAX, "reason", err)))
		return rc;
	bud_row_bind_i64(st, 1, m->id, 0, &brc);
	bud_row_bind_text(st, 2, m->state, 0, &brc);
	bud_row_bind_text(st, 3, m->reason, 0, &brc);
	bud_row_bind_i64(st, 4, m->decided_by, 1, &brc);
	bud_row_bind_text(st, 5, m->valid_to, 0, &brc);
	bud_row_bind_i64(st, 6, m->released, 0, &brc);
	bud_row_bind_i64(st, 7, m->updated_at, 0, &brc);
	bud_row_bind_text(st, 8, from, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "commitment move", err)))
		return rc;
	if (bud_conn_changes(w) != 1)
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.commitment.state",
				   "the commitment is no longer %s", from);
	return BUD_OK;
}

int bud_store_commitment_event(bud_conn *w, int64_t commitment_id,
			       const char *state, const char *reason,
			       const char *on_date, int64_t by_user, int64_t at,
			       bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"INSERT INTO commitment_event (commitment_id, state, reason, "
		" on_date, by_user, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, commitment_id, 0, &brc);
	bud_row_bind_text(st, 2, state, 0, &brc);
	bud_row_bind_text(st, 3, reason ? reason : "", 0, &brc);
	bud_row_bind_text(st, 4, on_date ? on_date : "", 0, &brc);
	bud_row_bind_i64(st, 5, by_user, 1, &brc);
	bud_row_bind_i64(st, 6, at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "commitment event", NULL, err);
}

int bud_store_commitment_list_provider(bud_conn *c, int64_t provider_id,
				       int64_t offset, int limit,
				       bud_store_cm_item_fn fn, void *arg,
				       bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT m.id, m.client_id, m.plan_id, m.plan_line_id, "
		" m.provider_id, m.approval_id, m.instrument, m.unit, m.quantity, "
		" m.unit_price, m.provider_price, m.monthly_amount, m.reserved, "
		" m.released, m.valid_from, m.valid_to, m.state, m.reason, "
		" m.replaces_id, m.created_by, m.decided_by, m.created_at, "
		" m.updated_at, cl.first_name, cl.last_name, cl.email, cl.phone, "
		" cl.address, s.code, s.name_fi, s.name_sv, s.name_en "
		"FROM commitment m JOIN client cl ON cl.id = m.client_id "
		"JOIN plan_line l ON l.id = m.plan_line_id "
		"JOIN service s ON s.id = l.service_id "
		"WHERE m.provider_id = ?1 ORDER BY m.id DESC LIMIT ?2 OFFSET ?3", err);
	struct bud_store_commitment m;
	struct bud_store_cm_item it;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, limit, 0, &brc);
	bud_row_bind_i64(st, 3, offset, 0, &brc);
	if (brc != SQLITE_OK) {
		rc = bud_conn_error(c, brc, "provider commitments", err);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = read_cm_at(st, 0, &m, err)) != BUD_OK)
			goto out;
		it = (struct bud_store_cm_item){&m, bud_row_col_str(st, 23),
			bud_row_col_str(st, 24), bud_row_col_str(st, 25),
			bud_row_col_str(st, 26), bud_row_col_str(st, 27),
			bud_row_col_str(st, 28), bud_row_col_str(st, 29),
			bud_row_col_str(st, 30), bud_row_col_str(st, 31)};
		if ((rc = fn(arg, &it)) != 0)
			goto out;
	}
	rc = rc == SQLITE_DONE ? BUD_OK
			       : bud_conn_error(c, rc, "provider commitments", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_commitment_list_line(bud_conn *c, int64_t line_id,
				   struct bud_store_commitment *out, size_t max,
				   size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT " CM_COLS " FROM commitment WHERE plan_line_id = ?1 "
		"ORDER BY id DESC", err);
	int brc = SQLITE_OK, rc;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, line_id, 0, &brc);
	if (brc != SQLITE_OK) {
		rc = bud_conn_error(c, brc, "line commitments", err);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			rc = bud_err_set(err, BUD_ETOOBIG, NULL, "err.generic",
					 "more than %zu commitments", max);
			goto out;
		}
		if ((rc = read_cm_at(st, 0, &out[(*n)++], err)) != BUD_OK)
			goto out;
	}
	rc = rc == SQLITE_DONE ? BUD_OK
			       : bud_conn_error(c, rc, "line commitments", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_check_reserves(bud_conn *c, bud_store_check_reserve_fn fn,
			     void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT l.plan_id, l.id, "
		" coalesce(sum(CASE g.kind WHEN 'grant' THEN g.amount END), 0), "
		" coalesce(sum(CASE g.kind WHEN 'revoke' THEN g.amount END), 0), "
		" coalesce(sum(CASE g.kind WHEN 'reserve' THEN g.amount END), 0), "
		" coalesce(sum(CASE g.kind WHEN 'release' THEN g.amount END), 0), "
		" (SELECT coalesce(sum(m.reserved - m.released), 0) FROM "
		"  commitment m WHERE m.plan_line_id = l.id), "
		" coalesce(sum(CASE g.kind WHEN 'spend' THEN g.amount END), 0), "
		" (SELECT coalesce(sum(m.spent), 0) FROM commitment m "
		"  WHERE m.plan_line_id = l.id), "
		" (SELECT count(*) FROM commitment m WHERE m.plan_line_id = l.id "
		"  AND m.spent > m.reserved - m.released), "
		" (SELECT coalesce(sum(r.amount), 0) FROM invoice_row r "
		"  WHERE r.plan_line_id = l.id AND r.state = 'approved') "
		"FROM plan_line l JOIN plan p ON p.id = l.plan_id "
		"LEFT JOIN ledger g ON g.plan_line_id = l.id "
		"WHERE p.state IN ('approved', 'superseded', 'ended') "
		"GROUP BY l.id ORDER BY l.plan_id, l.id", err);
	struct bud_store_check_reserve r;
	int rc;

	if (!st)
		return bud_row_stmt_failed(err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r = (struct bud_store_check_reserve){sqlite3_column_int64(st, 0),
			sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
			sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4),
			sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 6),
			sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8),
			sqlite3_column_int64(st, 9), sqlite3_column_int64(st, 10)};
		if ((rc = fn(arg, &r)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "check reserves", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_cm_price_insert(bud_conn *w, int64_t provider_id,
			      int64_t service_id, const char *unit,
			      int64_t unit_price, const char *valid_from,
			      int64_t at, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"INSERT INTO provider_price (provider_id, service_id, unit, "
		" unit_price, valid_from, created_at) VALUES "
		"(?1, ?2, ?3, ?4, ?5, ?6)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, service_id, 0, &brc);
	bud_row_bind_text(st, 3, unit, 0, &brc);
	bud_row_bind_i64(st, 4, unit_price, 0, &brc);
	bud_row_bind_text(st, 5, valid_from, 0, &brc);
	bud_row_bind_i64(st, 6, at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "provider price", NULL, err);
}

int bud_store_cm_flags(bud_conn *c, int64_t client_id, bud_store_cm_flag_fn fn,
		       void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT m.id, m.provider_id, m.state, m.valid_from, m.valid_to, pr.name, "
		" s.code, s.name_fi, s.name_sv, s.name_en, a.state, a.reason, a.effective "
		"FROM commitment m JOIN approval a ON a.id = m.approval_id "
		"JOIN provider pr ON pr.id = m.provider_id "
		"JOIN service s ON s.id = a.service_id "
		"WHERE m.client_id = ?1 AND m.state IN ('offered', 'active') "
		" AND a.state IN ('suspended', 'withdrawn') ORDER BY m.id LIMIT ?2", err);
	struct bud_store_cm_flag f;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	bud_row_bind_i64(st, 2, BUD_LINE_COMMITMENTS_MAX, 0, &brc);
	if (brc != SQLITE_OK) {
		sqlite3_reset(st);
		return bud_conn_error(c, brc, "commitment flags", err);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		f = (struct bud_store_cm_flag){sqlite3_column_int64(st, 0),
			sqlite3_column_int64(st, 1), bud_row_col_str(st, 2),
			bud_row_col_str(st, 3), bud_row_col_str(st, 4),
			bud_row_col_str(st, 5), bud_row_col_str(st, 6),
			bud_row_col_str(st, 7), bud_row_col_str(st, 8),
			bud_row_col_str(st, 9), bud_row_col_str(st, 10),
			bud_row_col_str(st, 11), bud_row_col_str(st, 12)};
		if ((rc = fn(arg, &f)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "commitment flags", err);
	sqlite3_reset(st);
	return rc;
}
