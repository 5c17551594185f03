/*
 * store/store_event.c: SQL for service events, their history, the sums
 * the recording checks, the event lists and the organiser's dispute
 * window (store/event.h).
 */
#include <string.h>

#include <sqlite3.h>

#include "store/event.h"
#include "store/row.h"

#define EV_COLS "e.id, e.commitment_id, e.client_id, e.provider_id, " \
	"e.plan_line_id, e.on_date, e.quantity, e.unit_price, e.amount, " \
	"e.note, e.external_id, e.state, e.recorded_by, e.recorded_at, " \
	"e.answered_by, e.answered_at, e.reason, e.resolved_by, " \
	"e.resolved_at, e.resolution"
#define EV_NCOLS 20

static int read_ev(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_event *e = out;

	memset(e, 0, sizeof(*e));
	e->id = sqlite3_column_int64(st, 0);
	e->commitment_id = sqlite3_column_int64(st, 1);
	e->client_id = sqlite3_column_int64(st, 2);
	e->provider_id = sqlite3_column_int64(st, 3);
	e->plan_line_id = sqlite3_column_int64(st, 4);
	e->quantity = sqlite3_column_int64(st, 6);
	e->unit_price = sqlite3_column_int64(st, 7);
	e->amount = sqlite3_column_int64(st, 8);
	e->recorded_by = sqlite3_column_int64(st, 12);
	e->recorded_at = sqlite3_column_int64(st, 13);
	e->answered_by = sqlite3_column_int64(st, 14);
	e->answered_at = sqlite3_column_int64(st, 15);
	e->resolved_by = sqlite3_column_int64(st, 17);
	e->resolved_at = sqlite3_column_int64(st, 18);
	if (bud_row_col_text(st, 5, e->on_date, sizeof(e->on_date), err) ||
	    bud_row_col_text(st, 9, e->note, sizeof(e->note), err) ||
	    bud_row_col_text(st, 10, e->external_id, sizeof(e->external_id), err) ||
	    bud_row_col_text(st, 11, e->state, sizeof(e->state), err) ||
	    bud_row_col_text(st, 16, e->reason, sizeof(e->reason), err) ||
	    bud_row_col_text(st, 19, e->resolution, sizeof(e->resolution), err))
		return err->code;
	return BUD_OK;
}

int bud_store_event_insert(bud_conn *w, const struct bud_store_event *e,
			   int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"INSERT INTO service_event (commitment_id, client_id, provider_id, "
		" plan_line_id, on_date, quantity, unit_price, amount, note, "
		" external_id, state, recorded_by, recorded_at) VALUES (?1, ?2, "
		" ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	if ((rc = bud_row_fits(e->note, BUD_NOTE_MAX, "note", err)) ||
	    (rc = bud_row_fits(e->external_id, BUD_EVENT_EXTERNAL_MAX,
			       "external_id", err)))
		return rc;
	bud_row_bind_i64(st, 1, e->commitment_id, 0, &brc);
	bud_row_bind_i64(st, 2, e->client_id, 0, &brc);
	bud_row_bind_i64(st, 3, e->provider_id, 0, &brc);
	bud_row_bind_i64(st, 4, e->plan_line_id, 0, &brc);
	bud_row_bind_text(st, 5, e->on_date, 0, &brc);
	bud_row_bind_i64(st, 6, e->quantity, 0, &brc);
	bud_row_bind_i64(st, 7, e->unit_price, 0, &brc);
	bud_row_bind_i64(st, 8, e->amount, 0, &brc);
	bud_row_bind_text(st, 9, e->note, 0, &brc);
	bud_row_bind_text(st, 10, e->external_id, 0, &brc);
	bud_row_bind_text(st, 11, e->state[0] ? e->state : "recorded", 0, &brc);
	bud_row_bind_i64(st, 12, e->recorded_by, 1, &brc);
	bud_row_bind_i64(st, 13, e->recorded_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "service event", id_out, err);
}

int bud_store_event_get(bud_conn *c, int64_t id, struct bud_store_event *out,
			bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT " EV_COLS " FROM service_event e WHERE e.id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return bud_row_get_one(c, st, brc, "service_event", read_ev, out, err);
}

static int step_int(bud_conn *c, sqlite3_stmt *st, int brc, const char *what,
		    int ncols, int64_t *v, bud_err *err)
{
	int rc = brc == SQLITE_OK ? sqlite3_step(st) : brc, i;

	for (i = 0; i < ncols; i++)
		v[i] = rc == SQLITE_ROW ? sqlite3_column_int64(st, i) : 0;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = BUD_OK;
	else
		rc = bud_conn_error(c, rc, what, err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_event_find(bud_conn *c, int64_t commitment_id,
			 const char *on_date, const char *external_id,
			 int64_t *id, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT id FROM service_event WHERE commitment_id = ?1 "
		"AND on_date = ?2 AND external_id = ?3", err);
	int brc = SQLITE_OK;

	*id = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, commitment_id, 0, &brc);
	bud_row_bind_text(st, 2, on_date, 0, &brc);
	bud_row_bind_text(st, 3, external_id, 0, &brc);
	return step_int(c, st, brc, "service event find", 1, id, err);
}

int bud_store_event_disputed(bud_conn *c, int64_t commitment_id, const char *from,
			     const char *to, int64_t n[2], bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT count(CASE WHEN state = 'disputed' THEN 1 END), "
		" count(CASE WHEN state = 'upheld' THEN 1 END) FROM service_event "
		"WHERE commitment_id = ?1 AND on_date BETWEEN ?2 AND ?3", err);
	int brc = SQLITE_OK;

	n[0] = n[1] = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, commitment_id, 0, &brc);
	bud_row_bind_text(st, 2, from, 0, &brc);
	bud_row_bind_text(st, 3, to, 0, &brc);
	return step_int(c, st, brc, "service events disputed", 2, n, err);
}

int bud_store_event_disputed_day(bud_conn *c, int64_t plan_line_id,
				 int64_t commitment_id, const char *on_date,
				 int64_t n[2], bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT count(CASE WHEN state = 'disputed' THEN 1 END), "
		" count(CASE WHEN state = 'upheld' THEN 1 END) FROM service_event "
		"WHERE plan_line_id = ?1 AND on_date = ?2 "
		" AND state IN ('disputed', 'upheld') AND commitment_id = ?3", err);
	int brc = SQLITE_OK;

	n[0] = n[1] = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, plan_line_id, 0, &brc);
	bud_row_bind_text(st, 2, on_date, 0, &brc);
	bud_row_bind_i64(st, 3, commitment_id, 0, &brc);
	return step_int(c, st, brc, "service events disputed on a day", 2, n, err);
}

int bud_store_event_sums(bud_conn *c, int64_t commitment_id, const char *month,
			 int64_t *qty, int64_t *amount, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT coalesce(sum(CASE WHEN month = ?2 THEN quantity END), 0), "
		" coalesce(sum(amount), 0) FROM service_usage WHERE commitment_id = ?1",
		err);
	int64_t v[2] = {0, 0};
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, commitment_id, 0, &brc);
	bud_row_bind_text(st, 2, month, 0, &brc);
	rc = step_int(c, st, brc, "service usage", 2, v, err);
	*qty = v[0];
	*amount = v[1];
	return rc;
}

/* Take qty and amount (<= 0) off a usage row that must be there. */
static int usage_sub(bud_conn *w, int64_t commitment_id, const char *month,
		     int64_t qty, int64_t amount, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"UPDATE service_usage SET quantity = quantity + ?3, "
		" amount = amount + ?4 WHERE commitment_id = ?1 AND month = ?2", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, commitment_id, 0, &brc);
	bud_row_bind_text(st, 2, month, 0, &brc);
	bud_row_bind_i64(st, 3, qty, 0, &brc);
	bud_row_bind_i64(st, 4, amount, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "service usage", err)))
		return rc;
	if (bud_conn_changes(w) != 1)
		return bud_err_set(err, BUD_ECONFLICT, NULL, "err.store.constraint",
				   "no usage of commitment %lld in %s",
				   (long long)commitment_id, month);
	return BUD_OK;
}

int bud_store_event_usage_add(bud_conn *w, int64_t commitment_id,
			      const char *month, int64_t qty, int64_t amount,
			      bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	if (qty <= 0 && amount <= 0)
		return usage_sub(w, commitment_id, month, qty, amount, err);
	st = bud_conn_stmt(w,
		"INSERT INTO service_usage (commitment_id, month, quantity, amount) "
		"VALUES (?1, ?2, ?3, ?4) ON CONFLICT (commitment_id, month) DO UPDATE "
		"SET quantity = quantity + excluded.quantity, "
		" amount = amount + excluded.amount", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, commitment_id, 0, &brc);
	bud_row_bind_text(st, 2, month, 0, &brc);
	bud_row_bind_i64(st, 3, qty, 0, &brc);
	bud_row_bind_i64(st, 4, amount, 0, &brc);
	return bud_row_step_done(w, st, brc, "service usage", err);
}

int bud_store_event_usage_check(bud_conn *c, bud_store_usage_fn fn, void *arg,
				bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		/* One pass over both tables grouped together (a FULL JOIN
		 * of the two had no index to join on: quadratic). A month
		 * with events but no usage row (has 0) is a problem. */
		"SELECT commitment_id, month, sum(kq), sum(sq) "
		"FROM (SELECT commitment_id, month, quantity AS kq, 0 AS sq, "
		"  amount AS ka, 0 AS sa, 1 AS has FROM service_usage "
		" UNION ALL SELECT commitment_id, substr(on_date, 1, 7), 0, "
		"  quantity, 0, amount, 0 FROM service_event WHERE state <> 'upheld') "
		"GROUP BY 1, 2 HAVING max(has) = 0 OR sum(kq) <> sum(sq) "
		" OR sum(ka) <> sum(sa) ORDER BY 1, 2", err);
	int rc;

	if (!st)
		return bud_row_stmt_failed(err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = fn(arg, sqlite3_column_int64(st, 0), bud_row_col_str(st, 1),
			     sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3))) != 0)
			goto out;
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "service usage check", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_event_move(bud_conn *w, const struct bud_store_event *e,
			 const char *from, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"UPDATE service_event SET state = ?2, answered_by = ?3, "
		" answered_at = ?4, reason = ?5, resolved_by = ?6, resolved_at = ?7, "
		" resolution = ?8 WHERE id = ?1 AND state = ?9", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	if ((rc = bud_row_fits(e->reason, BUD_NOTE_MAX, "reason", err)) ||
	    (rc = bud_row_fits(e->resolution, BUD_NOTE_MAX, "note", err)))
		return rc;
	bud_row_bind_i64(st, 1, e->id, 0, &brc);
	bud_row_bind_text(st, 2, e->state, 0, &brc);
	bud_row_bind_i64(st, 3, e->answered_by, 1, &brc);
	bud_row_bind_i64(st, 4, e->answered_at, 1, &brc);
	bud_row_bind_text(st, 5, e->reason, 0, &brc);
	bud_row_bind_i64(st, 6, e->resolved_by, 1, &brc);
	bud_row_bind_i64(st, 7, e->resolved_at, 1, &brc);
	bud_row_bind_text(st, 8, e->resolution, 0, &brc);
	bud_row_bind_text(st, 9, from, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "service event move", err)))
		return rc;
	if (bud_conn_changes(w) != 1)
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.event.state",
				   "the event is no longer %s", from);
	return BUD_OK;
}

int bud_store_event_history(bud_conn *w, int64_t event_id, const char *state,
			    const char *reason, int64_t by_user, int64_t at,
			    bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"INSERT INTO service_event_history (event_id, state, reason, "
		" by_user, at) VALUES (?1, ?2, ?3, ?4, ?5)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, event_id, 0, &brc);
	bud_row_bind_text(st, 2, state, 0, &brc);
	bud_row_bind_text(st, 3, reason ? reason : "", 0, &brc);
	bud_row_bind_i64(st, 4, by_user, 1, &brc);
	bud_row_bind_i64(st, 5, at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "service event history", NULL, err);
}

static void bind_filter(sqlite3_stmt *st, const struct bud_store_ev_filter *f,
			int64_t before, int limit, int *brc)
{
	bud_row_bind_i64(st, 1, f->provider_id, 0, brc);
	bud_row_bind_i64(st, 2, f->client_id, 0, brc);
	bud_row_bind_i64(st, 3, f->commitment_id, 0, brc);
	bud_row_bind_i64(st, 4, f->organiser_id, 0, brc);
	bud_row_bind_i64(st, 5, f->disputed ? 1 : 0, 0, brc);
	bud_row_bind_i64(st, 6, before, 0, brc);
	bud_row_bind_i64(st, 7, limit, 0, brc);
	bud_row_bind_i64(st, 8, f->id, 0, brc);
}

int bud_store_event_list(bud_conn *c, const struct bud_store_ev_filter *f,
			 int64_t before, int limit, bud_store_ev_item_fn fn,
			 void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT " EV_COLS ", cl.first_name, cl.last_name, p.name, m.unit, "
		" s.code, s.name_fi, s.name_sv, s.name_en, o.id, o.dispute_days "
		"FROM service_event e JOIN client cl ON cl.id = e.client_id "
		"JOIN organiser o ON o.id = cl.organiser_id "
		"JOIN provider p ON p.id = e.provider_id "
		"JOIN commitment m ON m.id = e.commitment_id "
		"JOIN plan_line l ON l.id = e.plan_line_id "
		"JOIN service s ON s.id = l.service_id "
		"WHERE (?1 = 0 OR e.provider_id = ?1) AND (?2 = 0 OR e.client_id = ?2) "
		"AND (?3 = 0 OR e.commitment_id = ?3) AND (?4 = 0 OR o.id = ?4) "
		"AND (?5 = 0 OR e.state = 'disputed') AND (?6 = 0 OR e.id < ?6) "
		"AND (?8 = 0 OR e.id = ?8) ORDER BY e.id DESC LIMIT ?7", err);
	struct bud_store_event e;
	struct bud_store_ev_item it;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bind_filter(st, f, before, limit, &brc);
	if (brc != SQLITE_OK) {
		rc = bud_conn_error(c, brc, "service events", err);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = read_ev(st, &e, err)) != BUD_OK)
			goto out;
		it = (struct bud_store_ev_item){&e, bud_row_col_str(st, EV_NCOLS),
			bud_row_col_str(st, EV_NCOLS + 1), bud_row_col_str(st, EV_NCOLS + 2),
			bud_row_col_str(st, EV_NCOLS + 3), bud_row_col_str(st, EV_NCOLS + 4),
			bud_row_col_str(st, EV_NCOLS + 5), bud_row_col_str(st, EV_NCOLS + 6),
			bud_row_col_str(st, EV_NCOLS + 7),
			sqlite3_column_int64(st, EV_NCOLS + 8),
			sqlite3_column_int(st, EV_NCOLS + 9)};
		if ((rc = fn(arg, &it)) != 0)
			goto out;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "service events", err);
out:
	sqlite3_reset(st);
	return rc;
}

static int days_of(bud_conn *c, sqlite3_stmt *st, int64_t id, int *days,
		   bud_err *err)
{
	int64_t v[2] = {0, 0};
	int brc = SQLITE_OK, rc;

	*days = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	if ((rc = step_int(c, st, brc, "dispute days", 2, v, err)))
		return rc;
	if (!v[1])
		return bud_err_set(err, BUD_ENOTFOUND, NULL, "err.not_found",
				   "no such organiser");
	*days = (int)v[0];
	return BUD_OK;
}

int bud_store_event_dispute_days(bud_conn *c, int64_t organiser_id, int *days,
				 bud_err *err)
{
	return days_of(c, bud_conn_stmt(c,
		"SELECT dispute_days, 1 FROM organiser WHERE id = ?1", err),
		organiser_id, days, err);
}

int bud_store_event_client_days(bud_conn *c, int64_t client_id, int *days,
				bud_err *err)
{
	return days_of(c, bud_conn_stmt(c,
		"SELECT o.dispute_days, 1 FROM client cl JOIN organiser o "
		"ON o.id = cl.organiser_id WHERE cl.id = ?1", err),
		client_id, days, err);
}

int bud_store_event_set_dispute_days(bud_conn *w, int64_t organiser_id,
				     int days, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"UPDATE organiser SET dispute_days = ?2 WHERE id = ?1", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, days, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "dispute days", err)))
		return rc;
	if (bud_conn_changes(w) != 1)
		return bud_err_set(err, BUD_ENOTFOUND, NULL, "err.not_found",
				   "no such organiser");
	return BUD_OK;
}
