/*
 * store/store_usage.c: the reads of budget against use (store/usage.h).
 *
 * Each scope (one client, a worker's clients, the organiser's) has its own
 * statement, so the planner drives each from its own index (plan_client;
 * client_worker or client_unit; every decided plan) instead of one
 * statement with "?4 = 0 OR ..." that no index serves. A line's sums are
 * scalar subqueries over its range of the covering indexes
 * service_event_line and ledger_line_sums (migration 021).
 */
#include <string.h>

#include <sqlite3.h>

#include "store/row.h"
#include "store/usage.h"

#define USAGE_SELECT \
	"SELECT l.id, p.id, p.client_id, l.service_id, COALESCE(cm.provider_id, 0), " \
	" c.first_name, c.last_name, s.name_fi, s.name_sv, s.name_en, " \
	" COALESCE(pv.name, ''), p.valid_from, COALESCE(p.effective_to, p.valid_to), " \
	" p.review_date, " \
	" (SELECT COALESCE(SUM(CASE g.kind WHEN 'grant' THEN g.amount " \
	"   WHEN 'revoke' THEN -g.amount ELSE 0 END), 0) FROM ledger g " \
	"   WHERE g.plan_line_id = l.id AND g.on_date <= ?3), " \
	" (SELECT COALESCE(SUM(CASE g.kind WHEN 'reserve' THEN g.amount " \
	"   WHEN 'release' THEN -g.amount ELSE 0 END), 0) FROM ledger g " \
	"   WHERE g.plan_line_id = l.id AND g.on_date <= ?3), " \
	" (SELECT COALESCE(SUM(g.amount), 0) FROM ledger g " \
	"   WHERE g.plan_line_id = l.id AND g.on_date <= ?3 AND g.kind = 'spend'), " \
	" (SELECT COALESCE(SUM(e.amount), 0) FROM service_event e " \
	"   WHERE e.plan_line_id = l.id AND e.on_date <= ?3 AND e.state <> 'upheld'), " \
	" (SELECT COALESCE(SUM(g.amount), 0) FROM ledger g " \
	"   JOIN invoice_row r ON r.id = g.invoice_row_id " \
	"   WHERE g.plan_line_id = l.id AND g.on_date <= ?3 AND g.kind = 'spend' " \
	"   AND r.events > 0) " \
	"FROM plan p JOIN plan_line l ON l.plan_id = p.id " \
	"JOIN client c ON c.id = p.client_id JOIN service s ON s.id = l.service_id " \
	"LEFT JOIN commitment cm ON cm.id = (SELECT MAX(x.id) FROM commitment x " \
	"  WHERE x.plan_line_id = l.id AND x.state <> 'declined') " \
	"LEFT JOIN provider pv ON pv.id = cm.provider_id "
#define USAGE_PERIOD \
	" p.organiser_id = ?1 AND p.state IN ('approved', 'superseded', 'ended') " \
	"AND p.valid_from <= ?3 AND COALESCE(p.effective_to, p.valid_to) >= ?2 "
#define USAGE_ORDER "ORDER BY c.last_name, c.first_name, c.id, p.valid_from, l.position"

static const char sql_client[] =
	USAGE_SELECT "WHERE p.client_id = ?4 AND" USAGE_PERIOD USAGE_ORDER;
static const char sql_worker[] =
	USAGE_SELECT "WHERE (c.worker_id = ?5 OR c.unit_id = ?6) AND" USAGE_PERIOD USAGE_ORDER;
static const char sql_all[] = USAGE_SELECT "WHERE" USAGE_PERIOD USAGE_ORDER;

/* The statement of s's scope with what it uses bound. */
static sqlite3_stmt *scope_stmt(bud_conn *c, const struct bud_store_usage_scope *s,
				const char *one, const char *worker, const char *all,
				int *brc, bud_err *err)
{
	const char *sql = s->client_id ? one : s->worker_id ? worker : all;
	sqlite3_stmt *st = sql ? bud_conn_stmt(c, sql, err) : NULL;
	int n;

	if (!sql)
		bud_err_set(err, BUD_EINVAL, NULL, "err.internal", "no statement for this scope");
	if (!st)
		return NULL;
	n = sqlite3_bind_parameter_count(st);
	bud_row_bind_i64(st, 1, s->organiser_id, 0, brc);
	bud_row_bind_text(st, 2, s->from, 0, brc);
	bud_row_bind_text(st, 3, s->to, 0, brc);
	if (n >= 4 && s->client_id)
		bud_row_bind_i64(st, 4, s->client_id, 0, brc);
	if (n >= 6) {
		bud_row_bind_i64(st, 5, s->worker_id, 0, brc);
		bud_row_bind_i64(st, 6, s->unit_id, 0, brc);
	}
	return st;
}

static void read_line(sqlite3_stmt *st, struct bud_store_usage_line *l)
{
	memset(l, 0, sizeof(*l));
	l->line_id = sqlite3_column_int64(st, 0);
	l->plan_id = sqlite3_column_int64(st, 1);
	l->client_id = sqlite3_column_int64(st, 2);
	l->service_id = sqlite3_column_int64(st, 3);
	l->provider_id = sqlite3_column_int64(st, 4);
	l->first_name = bud_row_col_str(st, 5);
	l->last_name = bud_row_col_str(st, 6);
	l->service_fi = bud_row_col_str(st, 7);
	l->service_sv = bud_row_col_str(st, 8);
	l->service_en = bud_row_col_str(st, 9);
	l->provider_name = bud_row_col_str(st, 10);
	l->valid_from = bud_row_col_str(st, 11);
	l->valid_to = bud_row_col_str(st, 12);
	l->review_date = bud_row_col_str(st, 13);
	l->granted = sqlite3_column_int64(st, 14);
	l->reserved = sqlite3_column_int64(st, 15);
	l->spent = sqlite3_column_int64(st, 16);
	l->delivered = sqlite3_column_int64(st, 17);
	l->spent_events = sqlite3_column_int64(st, 18);
}

int bud_store_usage_lines(bud_conn *c, const struct bud_store_usage_scope *s,
			  bud_store_usage_fn fn, void *arg, bud_err *err)
{
	struct bud_store_usage_line l;
	int brc = SQLITE_OK, rc;
	sqlite3_stmt *st = scope_stmt(c, s, sql_client, sql_worker, sql_all, &brc, err);

	if (!st)
		return bud_row_stmt_failed(err);
	if (brc != SQLITE_OK) {
		rc = bud_conn_error(c, brc, "usage lines", err);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_line(st, &l);
		if ((rc = fn(arg, &l)) != 0)
			goto out;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "usage lines", err);
out:
	sqlite3_reset(st);
	return rc;
}

#define PROVIDER_SELECT \
	"SELECT pv.id, pv.name, COUNT(*), SUM(cm.reserved - cm.released), SUM(cm.spent), " \
	" SUM((SELECT COALESCE(SUM(e.amount), 0) FROM service_event e " \
	"  WHERE e.commitment_id = cm.id AND e.on_date <= ?3 AND e.state <> 'upheld')) " \
	"FROM commitment cm JOIN plan p ON p.id = cm.plan_id " \
	"JOIN client c ON c.id = cm.client_id JOIN provider pv ON pv.id = cm.provider_id " \
	"WHERE p.organiser_id = ?1 AND cm.state IN ('offered', 'active', 'ended') " \
	"AND cm.valid_from <= ?3 AND cm.valid_to >= ?2 "
#define PROVIDER_ORDER "GROUP BY pv.id ORDER BY pv.name, pv.id"

static const char sql_prov_client[] =
	PROVIDER_SELECT "AND cm.client_id = ?4 " PROVIDER_ORDER;
static const char sql_prov_worker[] =
	PROVIDER_SELECT "AND (c.worker_id = ?5 OR c.unit_id = ?6) " PROVIDER_ORDER;
static const char sql_prov_all[] = PROVIDER_SELECT PROVIDER_ORDER;

int bud_store_usage_providers(bud_conn *c, const struct bud_store_usage_scope *s,
			      bud_store_usage_provider_fn fn, void *arg, bud_err *err)
{
	struct bud_store_usage_provider p;
	int brc = SQLITE_OK, rc;
	sqlite3_stmt *st = scope_stmt(c, s, sql_prov_client, sql_prov_worker, sql_prov_all,
				      &brc, err);

	if (!st)
		return bud_row_stmt_failed(err);
	if (brc != SQLITE_OK) {
		rc = bud_conn_error(c, brc, "usage providers", err);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&p, 0, sizeof(p));
		p.provider_id = sqlite3_column_int64(st, 0);
		p.name = bud_row_col_str(st, 1);
		p.commitments = sqlite3_column_int64(st, 2);
		p.reserved = sqlite3_column_int64(st, 3);
		p.spent = sqlite3_column_int64(st, 4);
		p.delivered = sqlite3_column_int64(st, 5);
		if ((rc = fn(arg, &p)) != 0)
			goto out;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "usage providers", err);
out:
	sqlite3_reset(st);
	return rc;
}

static int read_settings(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_usage_settings *s = out;

	s->from_pct = sqlite3_column_int(st, 0);
	s->pace_pct = sqlite3_column_int(st, 1);
	s->warn_days = sqlite3_column_int(st, 2);
	return BUD_OK;
}

int bud_store_usage_settings_get(bud_conn *c, int64_t organiser_id,
				 struct bud_store_usage_settings *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT usage_from_pct, usage_pace_pct, usage_warn_days FROM organiser "
		"WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	return bud_row_get_one(c, st, brc, "organiser", read_settings, out, err);
}

int bud_store_usage_settings_set(bud_conn *w, int64_t organiser_id,
				 const struct bud_store_usage_settings *s, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"UPDATE organiser SET usage_from_pct = ?2, usage_pace_pct = ?3, "
		"usage_warn_days = ?4 WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, s->from_pct, 0, &brc);
	bud_row_bind_i64(st, 3, s->pace_pct, 0, &brc);
	bud_row_bind_i64(st, 4, s->warn_days, 0, &brc);
	return bud_row_step_done(w, st, brc, "usage settings", err);
}
