/*
 * store/store_payrun.c: SQL for payment runs, their payments and the
 * remittance advice (store/payrun.h).
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/payrun.h"
#include "store/row.h"

#define RUN_COLS "r.id, r.organiser_id, r.state, r.msg_id, r.execution_date, " \
	"r.total, r.created_by, r.created_at, r.approved_by, r.approved_at, " \
	"r.camt_msg_id, (SELECT count(*) FROM payment p WHERE p.run_id = r.id)"

static int read_run(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_run *r = out;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->organiser_id = sqlite3_column_int64(st, 1);
	r->total = sqlite3_column_int64(st, 5);
	r->created_by = sqlite3_column_int64(st, 6);
	r->created_at = sqlite3_column_int64(st, 7);
	r->approved_by = sqlite3_column_int64(st, 8);
	r->approved_at = sqlite3_column_int64(st, 9);
	r->n_payments = sqlite3_column_int64(st, 11);
	if (bud_row_col_text(st, 2, r->state, sizeof(r->state), err) ||
	    bud_row_col_text(st, 3, r->msg_id, sizeof(r->msg_id), err) ||
	    bud_row_col_text(st, 4, r->execution_date, sizeof(r->execution_date), err) ||
	    bud_row_col_text(st, 10, r->camt_msg_id, sizeof(r->camt_msg_id), err))
		return err->code;
	return BUD_OK;
}

int bud_store_run_insert(bud_conn *w, const struct bud_store_run *r, int64_t *id_out,
			 bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO payment_run (organiser_id, "
		"msg_id, execution_date, total, created_by, created_at) VALUES "
		"(?1, ?2, ?3, ?4, ?5, ?6)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, r->organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, r->msg_id, 0, &brc);
	bud_row_bind_text(st, 3, r->execution_date, 0, &brc);
	bud_row_bind_i64(st, 4, r->total, 0, &brc);
	bud_row_bind_i64(st, 5, r->created_by, 0, &brc);
	bud_row_bind_i64(st, 6, r->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "payment run", id_out, err);
}

int bud_store_run_set_msg_id(bud_conn *w, int64_t id, const char *msg_id, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE payment_run SET msg_id = ?2 "
					 "WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_text(st, 2, msg_id, 0, &brc);
	return bud_row_step_done(w, st, brc, "payment run msg id", err);
}

int bud_store_run_get(bud_conn *c, int64_t id, struct bud_store_run *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " RUN_COLS " FROM payment_run r "
					 "WHERE r.id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return bud_row_get_one(c, st, brc, "payment run", read_run, out, err);
}

int bud_store_run_approve(bud_conn *w, int64_t id, int64_t by, int64_t at,
			  const char *pain03, const char *pain09, int64_t total,
			  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE payment_run SET state = "
		"'approved', approved_by = ?2, approved_at = ?3, pain03 = ?4, "
		"pain09 = ?5, total = ?6 WHERE id = ?1 AND state = 'created'", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, by, 0, &brc);
	bud_row_bind_i64(st, 3, at, 0, &brc);
	bud_row_bind_text(st, 4, pain03, 0, &brc);
	bud_row_bind_text(st, 5, pain09, 0, &brc);
	bud_row_bind_i64(st, 6, total, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "payment run approve", err)) != BUD_OK)
		return rc;
	if (bud_conn_changes(w) != 1)
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.payrun.state",
				   "the run is no longer waiting for approval");
	return BUD_OK;
}

int bud_store_run_set_camt(bud_conn *w, int64_t id, const char *camt_msg_id,
			   bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE payment_run SET camt_msg_id = ?2 "
					 "WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_text(st, 2, camt_msg_id, 0, &brc);
	return bud_row_step_done(w, st, brc, "payment run notice", err);
}

int bud_store_run_file(bud_conn *c, int64_t id, int version, char **xml,
		       bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT CASE ?2 WHEN 9 THEN pain09 "
		"ELSE pain03 END FROM payment_run WHERE id = ?1", err);
	int brc = SQLITE_OK, rc;
	const char *s;

	*xml = NULL;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, version, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		s = (const char *)sqlite3_column_text(st, 0);
		*xml = s ? strdup(s) : NULL;
		rc = *xml ? BUD_OK : bud_err_set(err, BUD_ENOMEM, NULL, "err.generic",
						 "no memory");
	} else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		rc = bud_err_set(err, BUD_ENOTFOUND, NULL, "err.payrun.no_file",
				 "the run has no file yet");
	} else {
		rc = bud_conn_error(c, rc, "payment run file", err);
	}
	sqlite3_reset(st);
	return rc;
}

int bud_store_run_list(bud_conn *c, int64_t organiser_id, int64_t offset, int limit,
		       bud_store_run_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " RUN_COLS " FROM payment_run r "
		"WHERE r.organiser_id = ?1 ORDER BY r.id DESC LIMIT ?2 OFFSET ?3", err);
	struct bud_store_run r;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, limit, 0, &brc);
	bud_row_bind_i64(st, 3, offset, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st))
		if ((rc = read_run(st, &r, err)) != BUD_OK || (rc = fn(arg, &r)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "payment runs", err);
	sqlite3_reset(st);
	return rc;
}

#define PAY_COLS "p.id, p.run_id, p.invoice_id, p.provider_id, p.amount, " \
	"p.end_to_end_id, p.state, p.return_code, p.return_info, p.booked_on, " \
	"i.number, i.reference, i.iban, i.bic, v.name"

static int read_payment(sqlite3_stmt *st, struct bud_store_payment *p, bud_err *err)
{
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->run_id = sqlite3_column_int64(st, 1);
	p->invoice_id = sqlite3_column_int64(st, 2);
	p->provider_id = sqlite3_column_int64(st, 3);
	p->amount = sqlite3_column_int64(st, 4);
	if (bud_row_col_text(st, 5, p->end_to_end_id, sizeof(p->end_to_end_id), err) ||
	    bud_row_col_text(st, 6, p->state, sizeof(p->state), err) ||
	    bud_row_col_text(st, 7, p->return_code, sizeof(p->return_code), err) ||
	    bud_row_col_text(st, 8, p->return_info, sizeof(p->return_info), err) ||
	    bud_row_col_text(st, 9, p->booked_on, sizeof(p->booked_on), err) ||
	    bud_row_col_text(st, 10, p->number, sizeof(p->number), err) ||
	    bud_row_col_text(st, 11, p->reference, sizeof(p->reference), err) ||
	    bud_row_col_text(st, 12, p->iban, sizeof(p->iban), err) ||
	    bud_row_col_text(st, 13, p->bic, sizeof(p->bic), err) ||
	    bud_row_col_text(st, 14, p->provider_name, sizeof(p->provider_name), err))
		return err->code;
	return BUD_OK;
}

static int read_payments(bud_conn *c, sqlite3_stmt *st, int rc,
			 struct bud_store_payment *out, size_t max, size_t *n,
			 bud_err *err)
{
	for (*n = 0; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if (*n == max || (rc = read_payment(st, &out[*n], err)) != BUD_OK) {
			sqlite3_reset(st);
			return *n == max ? bud_err_set(err, BUD_ETOOBIG, NULL,
				"err.too_many", "more than %zu payments", max) : rc;
		}
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "payments", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_run_payable(bud_conn *c, int64_t organiser_id,
			  struct bud_store_payment *out, size_t max, size_t *n,
			  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT 0, 0, i.id, i.provider_id, "
		"i.approved, '', 'pending', '', '', '', i.number, i.reference, i.iban, "
		"i.bic, v.name FROM invoice i JOIN provider v ON v.id = i.provider_id "
		"WHERE i.organiser_id = ?1 AND i.state = 'approved' AND i.approved > 0 "
		"AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.invoice_id = i.id AND "
		"p.state IN ('pending', 'paid')) ORDER BY i.id LIMIT ?2", err);
	int brc = SQLITE_OK;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, (int64_t)max, 0, &brc);
	return read_payments(c, st, brc == SQLITE_OK ? sqlite3_step(st) : brc, out,
			     max, n, err);
}

int bud_store_payment_insert(bud_conn *w, const struct bud_store_payment *p,
			     int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO payment (run_id, "
		"invoice_id, provider_id, amount) VALUES (?1, ?2, ?3, ?4)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, p->run_id, 0, &brc);
	bud_row_bind_i64(st, 2, p->invoice_id, 0, &brc);
	bud_row_bind_i64(st, 3, p->provider_id, 0, &brc);
	bud_row_bind_i64(st, 4, p->amount, 0, &brc);
	return bud_row_step_insert(w, st, brc, "payment", id_out, err);
}

int bud_store_payments(bud_conn *c, int64_t run_id, struct bud_store_payment *out,
		       size_t max, size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " PAY_COLS " FROM payment p "
		"JOIN invoice i ON i.id = p.invoice_id JOIN provider v ON v.id = "
		"p.provider_id WHERE p.run_id = ?1 ORDER BY p.id", err);
	int brc = SQLITE_OK;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, run_id, 0, &brc);
	return read_payments(c, st, brc == SQLITE_OK ? sqlite3_step(st) : brc, out,
			     max, n, err);
}

int bud_store_payment_update(bud_conn *w, const struct bud_store_payment *p,
			     bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE payment SET state = ?2, "
		"end_to_end_id = ?3, return_code = ?4, return_info = ?5, booked_on = ?6 "
		"WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, p->id, 0, &brc);
	bud_row_bind_text(st, 2, p->state, 0, &brc);
	if (brc == SQLITE_OK)
		brc = sqlite3_bind_text(st, 3, p->end_to_end_id, -1, SQLITE_STATIC);
	if (brc == SQLITE_OK)
		brc = sqlite3_bind_text(st, 4, p->return_code, -1, SQLITE_STATIC);
	if (brc == SQLITE_OK)
		brc = sqlite3_bind_text(st, 5, p->return_info, -1, SQLITE_STATIC);
	if (brc == SQLITE_OK)
		brc = sqlite3_bind_text(st, 6, p->booked_on, -1, SQLITE_STATIC);
	return bud_row_step_done(w, st, brc, "payment", err);
}

int bud_store_invoice_state(bud_conn *w, int64_t id, const char *from,
			    const char *to, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE invoice SET state = ?3 "
					 "WHERE id = ?1 AND state = ?2", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_text(st, 2, from, 0, &brc);
	bud_row_bind_text(st, 3, to, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "invoice state", err)) != BUD_OK)
		return rc;
	if (bud_conn_changes(w) != 1)
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.invoice.state",
				   "the invoice is no longer %s", from);
	return BUD_OK;
}

int bud_store_run_unapproved_rows(bud_conn *c, int64_t invoice_id, const char *day,
				  int64_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT count(*) FROM invoice_row r "
		"JOIN commitment m ON m.id = r.commitment_id JOIN plan_line l ON "
		"l.id = m.plan_line_id JOIN client cl ON cl.id = m.client_id "
		"WHERE r.invoice_id = ?1 AND r.state = 'approved' AND NOT EXISTS "
		"(SELECT 1 FROM approval a WHERE a.provider_id = m.provider_id AND "
		"a.service_id = l.service_id AND a.municipality = cl.municipality AND "
		"a.state = 'approved' AND a.effective <= ?2)", err);
	int brc = SQLITE_OK, rc;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, invoice_id, 0, &brc);
	bud_row_bind_text(st, 2, day, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? BUD_OK : bud_conn_error(c, rc, "run approvals", err);
}

int bud_store_remittance(bud_conn *c, int64_t provider_id, int64_t offset, int limit,
			 bud_store_remit_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT p.run_id, i.id, r.position, "
		"r.commitment_id, r.amount, u.execution_date, i.number, i.reference, "
		"r.period_from, r.period_to, p.state, p.booked_on FROM payment p "
		"JOIN payment_run u ON u.id = p.run_id JOIN invoice i ON i.id = "
		"p.invoice_id JOIN invoice_row r ON r.invoice_id = i.id AND r.state = "
		"'approved' WHERE p.provider_id = ?1 AND u.state = 'approved' "
		"AND p.state <> 'cancelled' ORDER BY p.run_id DESC, i.id, r.position "
		"LIMIT ?2 OFFSET ?3", err);
	struct bud_store_remit m;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, limit, 0, &brc);
	bud_row_bind_i64(st, 3, offset, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		m = (struct bud_store_remit){sqlite3_column_int64(st, 0),
			sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
			sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4),
			bud_row_col_str(st, 5), bud_row_col_str(st, 6),
			bud_row_col_str(st, 7), bud_row_col_str(st, 8),
			bud_row_col_str(st, 9), bud_row_col_str(st, 10),
			bud_row_col_str(st, 11)};
		if ((rc = fn(arg, &m)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "remittance", err);
	sqlite3_reset(st);
	return rc;
}
