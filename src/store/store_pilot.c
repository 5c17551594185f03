/*
 * store/store_pilot.c: the set-based queries of the pilot figures and the
 * rows of the outcomes questionnaire (store/pilot.h). Each figure is one
 * statement that counts over the scope's clients (the CTE `cl`), so a
 * county's figures cost a handful of scans, not a query per client.
 *
 * Parameters of every figure: ?1 organiser, ?2 from, ?3 to (days),
 * ?4 municipality ("" = all), ?5 from_at, ?6 to_at (Unix seconds).
 */
#include <string.h>

#include <sqlite3.h>

#include "store/pilot.h"
#include "store/row.h"

#define CLIENTS "WITH cl AS (SELECT id FROM client WHERE organiser_id = ?1 " \
	"AND (?4 = '' OR municipality = ?4))"

/* Bind the scope's parameters that st has (the seconds only where used). */
static void bind_scope(sqlite3_stmt *st, const struct bud_store_pilot_scope *s, int *brc)
{
	int n = sqlite3_bind_parameter_count(st);

	bud_row_bind_i64(st, 1, s->organiser_id, 0, brc);
	bud_row_bind_text(st, 2, s->from, 0, brc);
	bud_row_bind_text(st, 3, s->to, 0, brc);
	bud_row_bind_text(st, 4, s->municipality ? s->municipality : "", 0, brc);
	if (n >= 6) {
		bud_row_bind_i64(st, 5, s->from_at, 0, brc);
		bud_row_bind_i64(st, 6, s->to_at, 0, brc);
	}
}

/* Step a statement of one row of integers into out[0..n). */
static int one_row(bud_conn *c, sqlite3_stmt *st, int brc, int64_t *out, int n,
		   const char *what, bud_err *err)
{
	int rc = brc == SQLITE_OK ? sqlite3_step(st) : brc, i;

	if (rc == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			out[i] = sqlite3_column_int64(st, i);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, what, err);
}

int bud_store_pilot_offers(bud_conn *c, const struct bud_store_pilot_scope *s,
			   struct bud_store_pilot_offers *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, CLIENTS ", lo AS (SELECT o.client_id, "
		"max(o.id) AS offer_id FROM offer o JOIN cl ON cl.id = o.client_id "
		"WHERE o.offered_on BETWEEN ?2 AND ?3 GROUP BY o.client_id), "
		"la AS (SELECT (SELECT a.answer FROM offer_answer a WHERE a.offer_id = "
		"lo.offer_id ORDER BY a.id DESC LIMIT 1) AS answer FROM lo) "
		"SELECT count(*) FILTER (WHERE answer = 'all'), count(*) FILTER "
		"(WHERE answer = 'some'), count(*) FILTER (WHERE answer = 'refused'), "
		"count(*) FILTER (WHERE answer IS NULL) FROM la", err);
	int64_t v[4];
	int brc = SQLITE_OK, rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return bud_row_stmt_failed(err);
	bind_scope(st, s, &brc);
	rc = one_row(c, st, brc, v, 4, "pilot offers", err);
	if (rc == BUD_OK) {
		out->all = v[0];
		out->some = v[1];
		out->refused = v[2];
		out->unanswered = v[3];
	}
	return rc;
}

/* The row of service_id in rows[0..n), or NULL. */
static struct bud_store_pilot_service *row_of(struct bud_store_pilot_service *rows,
					      size_t n, int64_t service_id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].service_id == service_id)
			return &rows[i];
	return NULL;
}

/* rows[0] = all, then the catalogue. */
static int catalogue(bud_conn *c, struct bud_store_pilot_service *rows, size_t max,
		     size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT id, code, name_fi, name_sv, name_en "
					 "FROM service ORDER BY id", err);
	int rc;

	if (!st)
		return bud_row_stmt_failed(err);
	memset(rows, 0, max * sizeof(*rows));
	*n = 1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			sqlite3_reset(st);
			return bud_err_set(err, BUD_ETOOBIG, NULL, "err.too_many",
					   "more than %zu services", max);
		}
		rows[*n].service_id = sqlite3_column_int64(st, 0);
		if ((rc = bud_row_col_text(st, 1, rows[*n].code, sizeof(rows[*n].code), err)) ||
		    (rc = bud_row_col_text(st, 2, rows[*n].name[0], BUD_NAME_MAX + 1, err)) ||
		    (rc = bud_row_col_text(st, 3, rows[*n].name[1], BUD_NAME_MAX + 1, err)) ||
		    (rc = bud_row_col_text(st, 4, rows[*n].name[2], BUD_NAME_MAX + 1, err))) {
			sqlite3_reset(st);
			return rc;
		}
		(*n)++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "services", err);
}

/* Which members of a service row a statement's columns 1.. fill. */
enum fill { FILL_CHOSEN, FILL_PROVIDERS, FILL_PAID };

static void fill_row(struct bud_store_pilot_service *r, sqlite3_stmt *st, enum fill f)
{
	if (f == FILL_CHOSEN) {
		r->chosen = sqlite3_column_int64(st, 1);
	} else if (f == FILL_PROVIDERS) {
		r->with_provider = sqlite3_column_int64(st, 1);
		r->providers = sqlite3_column_int64(st, 2);
		r->switched = sqlite3_column_int64(st, 3);
		r->switches = sqlite3_column_int64(st, 4);
	} else {
		r->paid_clients = sqlite3_column_int64(st, 1);
		r->paid = sqlite3_column_int64(st, 2);
		r->usual = sqlite3_column_int64(st, 3);
	}
}

/* Run a per-service statement (column 0 the service id, 0 for all). */
static int per_service(bud_conn *c, const struct bud_store_pilot_scope *s,
		       const char *sql, enum fill f,
		       struct bud_store_pilot_service *rows, size_t n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, sql, err);
	struct bud_store_pilot_service *r;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bind_scope(st, s, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st))
		if ((r = row_of(rows, n, sqlite3_column_int64(st, 0))) != NULL)
			fill_row(r, st, f);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "pilot services", err);
}

/* Lines of decisions in force some day of the period. */
static const char sql_chosen[] = CLIENTS ", pl AS (SELECT p.client_id, "
	"l.service_id FROM plan p JOIN cl ON cl.id = p.client_id JOIN plan_line l "
	"ON l.plan_id = p.id WHERE p.organiser_id = ?1 AND p.state IN ('approved', "
	"'superseded', 'ended') AND p.valid_from <= ?3 AND "
	"coalesce(p.effective_to, p.valid_to) >= ?2) "
	"SELECT 0, count(DISTINCT client_id) FROM pl UNION ALL "
	"SELECT service_id, count(DISTINCT client_id) FROM pl GROUP BY service_id";

/* Commitments (not declined) running some day of the period; a switch is
 * one that replaced another, starting in the period. */
static const char sql_providers[] = CLIENTS ", cm AS (SELECT c.client_id, "
	"l.service_id, c.provider_id, c.replaces_id IS NOT NULL AND c.valid_from "
	"BETWEEN ?2 AND ?3 AS switch FROM commitment c JOIN cl ON cl.id = c.client_id "
	"JOIN plan_line l ON l.id = c.plan_line_id WHERE c.state <> 'declined' AND "
	"c.valid_from <= ?3 AND max(c.valid_to, c.valid_from) >= ?2) "
	"SELECT 0, count(DISTINCT client_id), count(DISTINCT provider_id), "
	"count(DISTINCT client_id) FILTER (WHERE switch), count(*) FILTER (WHERE switch) "
	"FROM cm UNION ALL SELECT service_id, count(DISTINCT client_id), "
	"count(DISTINCT provider_id), count(DISTINCT client_id) FILTER (WHERE switch), "
	"count(*) FILTER (WHERE switch) FROM cm GROUP BY service_id";

/* Approved invoice rows of the period (by the first day they charge),
 * and what the same quantity would cost at the price list's price of that
 * day (rounded half up per row, as a plan line is). */
static const char sql_paid[] = CLIENTS ", ir AS (SELECT c.client_id, l.service_id, "
	"r.amount, r.quantity * coalesce((SELECT p.unit_price FROM price p WHERE "
	"p.organiser_id = ?1 AND p.service_id = l.service_id AND p.valid_from <= "
	"r.period_from AND (p.valid_to IS NULL OR p.valid_to >= r.period_from) "
	"ORDER BY p.valid_from DESC, p.version DESC LIMIT 1), r.unit_price) AS usual100 "
	"FROM invoice_row r JOIN invoice i ON i.id = r.invoice_id JOIN commitment c "
	"ON c.id = r.commitment_id JOIN cl ON cl.id = c.client_id JOIN plan_line l "
	"ON l.id = c.plan_line_id WHERE i.organiser_id = ?1 AND r.state = 'approved' "
	"AND r.period_from BETWEEN ?2 AND ?3) "
	"SELECT 0, count(DISTINCT client_id), sum(amount), sum((usual100 + 50) / 100) "
	"FROM ir UNION ALL SELECT service_id, count(DISTINCT client_id), sum(amount), "
	"sum((usual100 + 50) / 100) FROM ir GROUP BY service_id";

int bud_store_pilot_services(bud_conn *c, const struct bud_store_pilot_scope *s,
			     struct bud_store_pilot_service *rows, size_t max,
			     size_t *n, bud_err *err)
{
	int rc;

	*n = 0;
	if (max < 1)
		return bud_err_set(err, BUD_ETOOBIG, NULL, "err.too_many", "no room");
	rc = catalogue(c, rows, max, n, err);
	if (rc == BUD_OK)
		rc = per_service(c, s, sql_chosen, FILL_CHOSEN, rows, *n, err);
	if (rc == BUD_OK)
		rc = per_service(c, s, sql_providers, FILL_PROVIDERS, rows, *n, err);
	if (rc == BUD_OK)
		rc = per_service(c, s, sql_paid, FILL_PAID, rows, *n, err);
	return rc;
}

/* Decisions approved in the period with the days since the client's
 * latest assessment on or before the day of the decision (UTC day). */
#define DECISIONS CLIENTS ", pa AS (SELECT p.client_id, date(p.approved_at, " \
	"'unixepoch') AS d FROM plan p JOIN cl ON cl.id = p.client_id WHERE " \
	"p.organiser_id = ?1 AND p.state IN ('approved', 'superseded', 'ended') " \
	"AND p.approved_at >= ?5 AND p.approved_at < ?6), dd AS (SELECT client_id, " \
	"CAST(julianday(d) - julianday((SELECT max(a.assessed_on) FROM assessment a " \
	"WHERE a.client_id = pa.client_id AND a.assessed_on <= pa.d)) AS INTEGER) " \
	"AS days FROM pa) "

int bud_store_pilot_timing(bud_conn *c, const struct bud_store_pilot_scope *s,
			   struct bud_store_pilot_timing *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, DECISIONS "SELECT count(*), count(DISTINCT "
		"client_id), coalesce(min(days), 0), coalesce(max(days), 0) FROM dd "
		"WHERE days IS NOT NULL", err);
	sqlite3_stmt *med;
	int64_t v[4], m[2] = {0, 0};
	int brc = SQLITE_OK, rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return bud_row_stmt_failed(err);
	bind_scope(st, s, &brc);
	if ((rc = one_row(c, st, brc, v, 4, "pilot timing", err)) != BUD_OK || v[0] == 0)
		return rc;
	/* the middle one or two of the sorted days */
	med = bud_conn_stmt(c, DECISIONS "SELECT coalesce(sum(days), 0) FROM (SELECT "
		"days FROM dd WHERE days IS NOT NULL ORDER BY days LIMIT 2 - ?7 % 2 "
		"OFFSET (?7 - 1) / 2)", err);
	if (!med)
		return bud_row_stmt_failed(err);
	bind_scope(med, s, &brc);
	bud_row_bind_i64(med, 7, v[0], 0, &brc);
	if ((rc = one_row(c, med, brc, m, 1, "pilot median", err)) != BUD_OK)
		return rc;
	out->decisions = v[0];
	out->clients = v[1];
	out->min_days = v[2];
	out->max_days = v[3];
	out->median2 = v[0] % 2 ? 2 * m[0] : m[0];
	return BUD_OK;
}

int bud_store_pilot_disputes(bud_conn *c, const struct bud_store_pilot_scope *s,
			     struct bud_store_pilot_disputes *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, CLIENTS " SELECT count(DISTINCT e.client_id), "
		"count(*), count(*) FILTER (WHERE e.state = 'disputed'), count(*) FILTER "
		"(WHERE e.state = 'upheld'), count(*) FILTER (WHERE e.state = 'dismissed') "
		"FROM service_event e JOIN cl ON cl.id = e.client_id WHERE e.on_date "
		"BETWEEN ?2 AND ?3 AND e.state IN ('disputed', 'upheld', 'dismissed')", err);
	int64_t v[5];
	int brc = SQLITE_OK, rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return bud_row_stmt_failed(err);
	bind_scope(st, s, &brc);
	rc = one_row(c, st, brc, v, 5, "pilot disputes", err);
	if (rc == BUD_OK) {
		out->clients = v[0];
		out->events = v[1];
		out->open = v[2];
		out->upheld = v[3];
		out->dismissed = v[4];
	}
	return rc;
}

int bud_store_pilot_outcomes(bud_conn *c, const struct bud_store_pilot_scope *s,
			     struct bud_store_pilot_outcomes *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, CLIENTS ", oa AS (SELECT o.q_life, o.q_help, "
		"o.q_choice FROM outcome_answer o JOIN cl ON cl.id = o.client_id WHERE "
		"o.answered_on BETWEEN ?2 AND ?3 AND o.id = (SELECT max(o2.id) FROM "
		"outcome_answer o2 WHERE o2.client_id = o.client_id AND o2.answered_on "
		"BETWEEN ?2 AND ?3)) SELECT count(*), "
		"count(*) FILTER (WHERE q_life = 1), count(*) FILTER (WHERE q_life = 2), "
		"count(*) FILTER (WHERE q_life = 3), count(*) FILTER (WHERE q_help = 1), "
		"count(*) FILTER (WHERE q_help = 2), count(*) FILTER (WHERE q_help = 3), "
		"count(*) FILTER (WHERE q_choice = 1), count(*) FILTER (WHERE q_choice = 2), "
		"count(*) FILTER (WHERE q_choice = 3) FROM oa", err);
	int64_t v[10];
	int brc = SQLITE_OK, rc, q, a;

	memset(out, 0, sizeof(*out));
	if (!st)
		return bud_row_stmt_failed(err);
	bind_scope(st, s, &brc);
	rc = one_row(c, st, brc, v, 10, "pilot outcomes", err);
	if (rc != BUD_OK)
		return rc;
	out->clients = v[0];
	for (q = 0; q < 3; q++)
		for (a = 0; a < 3; a++)
			out->counts[q][a] = v[1 + 3 * q + a];
	return BUD_OK;
}

int bud_store_pilot_areas(bud_conn *c, int64_t organiser_id,
			  char (*names)[BUD_NAME_MAX + 1], size_t max, size_t *n,
			  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT DISTINCT municipality FROM client "
		"WHERE organiser_id = ?1 AND coalesce(municipality, '') <> '' "
		"ORDER BY municipality LIMIT ?2", err);
	int brc = SQLITE_OK, rc;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, (int64_t)max, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	for (; rc == SQLITE_ROW && *n < max; rc = sqlite3_step(st)) {
		if (bud_row_col_text(st, 0, names[*n], BUD_NAME_MAX + 1, err) != BUD_OK) {
			sqlite3_reset(st);
			return err->code;
		}
		(*n)++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "pilot areas", err);
}

int bud_store_pilot_min_group(bud_conn *c, int64_t organiser_id, int64_t *k,
			      bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT pilot_min_group FROM organiser "
					 "WHERE id = ?1", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW)
		*k = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return bud_err_set(err, BUD_ENOTFOUND, "organiser", "err.not_found",
				   "no such organiser");
	return rc == SQLITE_ROW ? BUD_OK : bud_conn_error(c, rc, "pilot min group", err);
}

int bud_store_pilot_set_min_group(bud_conn *w, int64_t organiser_id, int64_t k,
				  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE organiser SET pilot_min_group = ?2 "
					 "WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, k, 0, &brc);
	return bud_row_step_done(w, st, brc, "pilot min group", err);
}

/* ---- the outcomes questionnaire ------------------------------------- */

static int read_open_plan(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_outcome_plan *p = out;

	p->plan_id = sqlite3_column_int64(st, 0);
	p->version = sqlite3_column_int64(st, 1);
	p->approved_at = sqlite3_column_int64(st, 2);
	return bud_row_col_text(st, 3, p->lang, sizeof(p->lang), err);
}

int bud_store_outcome_open_plan(bud_conn *c, int64_t client_id, int64_t since,
				struct bud_store_outcome_plan *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT id, coalesce(version, 0), "
		"approved_at, lang FROM plan WHERE client_id = ?1 AND state = 'approved' "
		"AND approved_at >= ?2 ORDER BY approved_at DESC, id DESC LIMIT 1", err);
	int brc = SQLITE_OK;

	memset(out, 0, sizeof(*out));
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	bud_row_bind_i64(st, 2, since, 0, &brc);
	return bud_row_get_one(c, st, brc, "questionnaire", read_open_plan, out, err);
}

static int read_outcome(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_outcome *o = out;
	int rc;

	o->id = sqlite3_column_int64(st, 0);
	o->plan_id = sqlite3_column_int64(st, 1);
	o->client_id = sqlite3_column_int64(st, 2);
	o->q_life = sqlite3_column_int(st, 3);
	o->q_help = sqlite3_column_int(st, 4);
	o->q_choice = sqlite3_column_int(st, 5);
	o->answered_by = sqlite3_column_int64(st, 8);
	o->answered_at = sqlite3_column_int64(st, 10);
	if ((rc = bud_row_col_text(st, 6, o->comment, sizeof(o->comment), err)) ||
	    (rc = bud_row_col_text(st, 7, o->lang, sizeof(o->lang), err)))
		return rc;
	return bud_row_col_text(st, 9, o->answered_on, sizeof(o->answered_on), err);
}

int bud_store_outcome_get(bud_conn *c, int64_t plan_id, struct bud_store_outcome *out,
			  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT id, plan_id, client_id, q_life, "
		"q_help, q_choice, comment, lang, answered_by, answered_on, answered_at "
		"FROM outcome_answer WHERE plan_id = ?1", err);
	int brc = SQLITE_OK;

	memset(out, 0, sizeof(*out));
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, plan_id, 0, &brc);
	return bud_row_get_one(c, st, brc, "answer", read_outcome, out, err);
}

int bud_store_outcome_put(bud_conn *w, struct bud_store_outcome *o, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO outcome_answer (plan_id, "
		"client_id, q_life, q_help, q_choice, comment, lang, answered_by, "
		"answered_on, answered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		"ON CONFLICT (plan_id) DO UPDATE SET q_life = excluded.q_life, q_help = "
		"excluded.q_help, q_choice = excluded.q_choice, comment = excluded.comment, "
		"lang = excluded.lang, answered_by = excluded.answered_by, answered_on = "
		"excluded.answered_on, answered_at = excluded.answered_at RETURNING id", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, o->plan_id, 0, &brc);
	bud_row_bind_i64(st, 2, o->client_id, 0, &brc);
	bud_row_bind_i64(st, 3, o->q_life, 0, &brc);
	bud_row_bind_i64(st, 4, o->q_help, 0, &brc);
	bud_row_bind_i64(st, 5, o->q_choice, 0, &brc);
	bud_row_bind_text(st, 6, o->comment, 0, &brc);
	bud_row_bind_text(st, 7, o->lang, 0, &brc);
	bud_row_bind_i64(st, 8, o->answered_by, 0, &brc);
	bud_row_bind_text(st, 9, o->answered_on, 0, &brc);
	bud_row_bind_i64(st, 10, o->answered_at, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW) {
		o->id = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BUD_OK : bud_conn_error(w, rc, "outcome answer", err);
}
