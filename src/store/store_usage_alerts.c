/*
 * store/store_usage_alerts.c: the alerts of a worker's home that are not
 * a line's forecast (mandates ending, disputed events waiting, approvals
 * ending), in one statement over the worker's clients, and the bare
 * aggregate the report benchmark measures against (store/usage.h).
 */
#include <string.h>

#include <sqlite3.h>

#include "store/row.h"
#include "store/usage.h"

static const char sql_alerts[] =
	"SELECT 'mandate', m.client_id, m.id, c.first_name, c.last_name, m.valid_to, 0, "
	" '', '', '', '' FROM mandate m JOIN client c ON c.id = m.client_id "
	"WHERE (c.worker_id = ?5 OR c.unit_id = ?6) AND c.organiser_id = ?1 "
	"AND m.valid_to BETWEEN ?2 AND ?3 "
	"UNION ALL "
	"SELECT 'disputed', e.client_id, 0, c.first_name, c.last_name, MIN(e.on_date), "
	" COUNT(*), '', '', '', '' FROM service_event e JOIN client c ON c.id = e.client_id "
	"WHERE e.state = 'disputed' AND (c.worker_id = ?5 OR c.unit_id = ?6) "
	"AND c.organiser_id = ?1 GROUP BY e.client_id "
	"UNION ALL "
	"SELECT 'approval', cm.client_id, a.id, c.first_name, c.last_name, a.effective, 0, "
	" pv.name, s.name_fi, s.name_sv, s.name_en FROM commitment cm "
	"JOIN approval a ON a.id = cm.approval_id JOIN client c ON c.id = cm.client_id "
	"JOIN provider pv ON pv.id = cm.provider_id JOIN service s ON s.id = a.service_id "
	"WHERE cm.state IN ('offered', 'active') AND a.state IN ('suspended', 'withdrawn') "
	"AND a.effective >= ?2 AND (c.worker_id = ?5 OR c.unit_id = ?6) AND c.organiser_id = ?1 "
	"ORDER BY 6, 1, 2";

static void read_alert(sqlite3_stmt *st, struct bud_store_usage_alert *a)
{
	memset(a, 0, sizeof(*a));
	a->kind = bud_row_col_str(st, 0);
	a->client_id = sqlite3_column_int64(st, 1);
	a->ref_id = sqlite3_column_int64(st, 2);
	a->first_name = bud_row_col_str(st, 3);
	a->last_name = bud_row_col_str(st, 4);
	a->day = bud_row_col_str(st, 5);
	a->count = sqlite3_column_int64(st, 6);
	a->name = bud_row_col_str(st, 7);
	a->service_fi = bud_row_col_str(st, 8);
	a->service_sv = bud_row_col_str(st, 9);
	a->service_en = bud_row_col_str(st, 10);
}

int bud_store_usage_alerts(bud_conn *c, const struct bud_store_usage_scope *s,
			   bud_store_usage_alert_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, sql_alerts, err);
	struct bud_store_usage_alert a;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, s->organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, s->from, 0, &brc);
	bud_row_bind_text(st, 3, s->to, 0, &brc);
	bud_row_bind_i64(st, 5, s->worker_id, 0, &brc);
	bud_row_bind_i64(st, 6, s->unit_id, 0, &brc);
	if (brc != SQLITE_OK) {
		rc = bud_conn_error(c, brc, "usage alerts", err);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_alert(st, &a);
		if ((rc = fn(arg, &a)) != 0)
			goto out;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "usage alerts", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_usage_bare(bud_conn *c, const char *to, int64_t *lines, int64_t *total,
			 bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT COUNT(*), COALESCE(SUM(x), 0) FROM ("
		" SELECT plan_line_id, SUM(amount) AS x FROM service_event "
		"  WHERE on_date <= ?1 AND state <> 'upheld' GROUP BY plan_line_id "
		" UNION ALL "
		" SELECT plan_line_id, SUM(CASE kind WHEN 'revoke' THEN -amount "
		"  WHEN 'release' THEN -amount ELSE amount END) FROM ledger "
		"  WHERE on_date <= ?1 GROUP BY plan_line_id)", err);
	int brc = SQLITE_OK, rc;

	*lines = *total = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, to, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW) {
		*lines = sqlite3_column_int64(st, 0);
		*total = sqlite3_column_int64(st, 1);
		rc = BUD_OK;
	} else {
		rc = bud_conn_error(c, rc, "usage bare aggregate", err);
	}
	sqlite3_reset(st);
	return rc;
}
