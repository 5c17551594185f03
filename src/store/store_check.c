/*
 * store/store_check.c: SQL for `budjetti check` (store/check.h).
 */
#include <string.h>

#include <sqlite3.h>

#include "store/check.h"
#include "store/row.h"

int bud_store_check_lines(bud_conn *c, bud_store_check_fn fn, void *arg,
			  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT p.id, l.id, p.state, p.valid_from, p.valid_to, "
		" p.effective_to, l.monthly_amount, l.period_amount, "
		" (SELECT COALESCE(SUM(amount), 0) FROM ledger g "
		"  WHERE g.plan_line_id = l.id AND g.kind = 'grant'), "
		" (SELECT COALESCE(SUM(amount), 0) FROM ledger g "
		"  WHERE g.plan_line_id = l.id AND g.kind = 'revoke'), "
		" (SELECT COALESCE(SUM(period_amount), 0) FROM plan_line x "
		"  WHERE x.plan_id = p.id), "
		/* the plan's grant rows, found through its lines (the
		 * ledger is indexed by line, not by plan: a scan of it
		 * per line was quadratic in the county's size) */
		" (SELECT COALESCE(SUM(g.amount), 0) FROM plan_line x "
		"  JOIN ledger g ON g.plan_line_id = x.id "
		"  WHERE x.plan_id = p.id AND g.plan_id = p.id AND g.kind = 'grant') "
		"FROM plan p JOIN plan_line l ON l.plan_id = p.id "
		"WHERE p.state IN ('approved', 'superseded', 'ended') "
		"ORDER BY p.id, l.position", err);
	struct bud_store_check_line l;
	int rc;

	if (!st)
		return bud_row_stmt_failed(err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&l, 0, sizeof(l));
		l.plan_id = sqlite3_column_int64(st, 0);
		l.line_id = sqlite3_column_int64(st, 1);
		l.state = bud_row_col_str(st, 2);
		l.valid_from = bud_row_col_str(st, 3);
		l.valid_to = bud_row_col_str(st, 4);
		l.effective_to = bud_row_col_str(st, 5);
		l.monthly_amount = sqlite3_column_int64(st, 6);
		l.period_amount = sqlite3_column_int64(st, 7);
		l.granted = sqlite3_column_int64(st, 8);
		l.revoked = sqlite3_column_int64(st, 9);
		l.plan_total = sqlite3_column_int64(st, 10);
		l.plan_granted = sqlite3_column_int64(st, 11);
		rc = fn(arg, &l);
		if (rc != 0) {
			sqlite3_reset(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "check lines", err);
	sqlite3_reset(st);
	return rc;
}
