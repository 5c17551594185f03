/*
 * store/store_invoice.c: SQL for invoices, their rows, the spend an
 * approved row writes and the reads the invoice checks decide on
 * (store/invoice.h).
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "core/buf.h"
#include "store/invoice.h"
#include "store/row.h"

#define INV_COLS "i.id, i.organiser_id, i.provider_id, i.source, i.number, " \
	"i.period_from, i.period_to, i.invoice_date, i.due_date, i.reference, " \
	"i.buyer_ovt, i.iban, i.bic, i.state, i.claimed, i.approved, " \
	"i.message_id, i.created_by, i.created_at, i.approved_by, " \
	"i.approved_at, (SELECT count(*) FROM invoice_row r WHERE " \
	"r.invoice_id = i.id), p.name"

static int read_invoice(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_invoice *v = out;

	memset(v, 0, sizeof(*v));
	v->id = sqlite3_column_int64(st, 0);
	v->organiser_id = sqlite3_column_int64(st, 1);
	v->provider_id = sqlite3_column_int64(st, 2);
	v->claimed = sqlite3_column_int64(st, 14);
	v->approved = sqlite3_column_int64(st, 15);
	v->created_by = sqlite3_column_int64(st, 17);
	v->created_at = sqlite3_column_int64(st, 18);
	v->approved_by = sqlite3_column_int64(st, 19);
	v->approved_at = sqlite3_column_int64(st, 20);
	v->n_rows = sqlite3_column_int64(st, 21);
	if (bud_row_col_text(st, 3, v->source, sizeof(v->source), err) ||
	    bud_row_col_text(st, 4, v->number, sizeof(v->number), err) ||
	    bud_row_col_text(st, 5, v->period_from, sizeof(v->period_from), err) ||
	    bud_row_col_text(st, 6, v->period_to, sizeof(v->period_to), err) ||
	    bud_row_col_text(st, 7, v->invoice_date, sizeof(v->invoice_date), err) ||
	    bud_row_col_text(st, 8, v->due_date, sizeof(v->due_date), err) ||
	    bud_row_col_text(st, 9, v->reference, sizeof(v->reference), err) ||
	    bud_row_col_text(st, 10, v->buyer_ovt, sizeof(v->buyer_ovt), err) ||
	    bud_row_col_text(st, 11, v->iban, sizeof(v->iban), err) ||
	    bud_row_col_text(st, 12, v->bic, sizeof(v->bic), err) ||
	    bud_row_col_text(st, 13, v->state, sizeof(v->state), err) ||
	    bud_row_col_text(st, 16, v->message_id, sizeof(v->message_id), err) ||
	    bud_row_col_text(st, 22, v->provider_name, sizeof(v->provider_name), err))
		return err->code;
	return BUD_OK;
}

int bud_store_invoice_insert(bud_conn *w, const struct bud_store_invoice *v,
			     int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"INSERT INTO invoice (organiser_id, provider_id, source, number, "
		" period_from, period_to, invoice_date, due_date, reference, "
		" buyer_ovt, iban, bic, claimed, message_id, created_by, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
		" ?14, ?15, ?16)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, v->organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, v->provider_id, 0, &brc);
	bud_row_bind_text(st, 3, v->source, 0, &brc);
	bud_row_bind_text(st, 4, v->number, 0, &brc);
	bud_row_bind_text(st, 5, v->period_from, 0, &brc);
	bud_row_bind_text(st, 6, v->period_to, 0, &brc);
	bud_row_bind_text(st, 7, v->invoice_date, 0, &brc);
	bud_row_bind_text(st, 8, v->due_date, 0, &brc);
	bud_row_bind_text(st, 9, v->reference, 0, &brc);
	bud_row_bind_text(st, 10, v->buyer_ovt, 0, &brc);
	bud_row_bind_text(st, 11, v->iban, 0, &brc);
	bud_row_bind_text(st, 12, v->bic, 0, &brc);
	bud_row_bind_i64(st, 13, v->claimed, 0, &brc);
	bud_row_bind_text(st, 14, v->message_id, 0, &brc);
	bud_row_bind_i64(st, 15, v->created_by, 0, &brc);
	bud_row_bind_i64(st, 16, v->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "invoice", id_out, err);
}

int bud_store_invoice_set_reference(bud_conn *w, int64_t id, const char *ref,
				    bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"UPDATE invoice SET reference = ?2 WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_text(st, 2, ref, 0, &brc);
	return bud_row_step_done(w, st, brc, "invoice reference", err);
}

int bud_store_invoice_get(bud_conn *c, int64_t id, struct bud_store_invoice *out,
			  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " INV_COLS " FROM invoice i "
		"JOIN provider p ON p.id = i.provider_id WHERE i.id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return bud_row_get_one(c, st, brc, "invoice", read_invoice, out, err);
}

int bud_store_invoice_number_used(bud_conn *c, int64_t provider_id,
				  const char *number, int *exists, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT count(*) FROM invoice "
		"WHERE provider_id = ?1 AND number = ?2", err);
	int brc = SQLITE_OK, rc;

	*exists = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_text(st, 2, number, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW)
		*exists = sqlite3_column_int64(st, 0) > 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? BUD_OK : bud_conn_error(c, rc, "invoice number", err);
}

int bud_store_invoice_move(bud_conn *w, const struct bud_store_invoice *v,
			   const char *from, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"UPDATE invoice SET state = ?2, approved = ?3, approved_by = ?4, "
		" approved_at = ?5 WHERE id = ?1 AND state = ?6", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, v->id, 0, &brc);
	bud_row_bind_text(st, 2, v->state, 0, &brc);
	bud_row_bind_i64(st, 3, v->approved, 0, &brc);
	bud_row_bind_i64(st, 4, v->approved_by, 1, &brc);
	bud_row_bind_i64(st, 5, v->approved_at, 1, &brc);
	bud_row_bind_text(st, 6, from, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "invoice state", err)) != BUD_OK)
		return rc;
	if (bud_conn_changes(w) != 1)
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.invoice.state",
				   "the invoice is no longer %s", from);
	return BUD_OK;
}

int bud_store_invoice_list(bud_conn *c, int64_t organiser_id, int64_t provider_id,
			   const char *state, int64_t offset, int limit,
			   bud_store_invoice_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " INV_COLS " FROM invoice i "
		"JOIN provider p ON p.id = i.provider_id WHERE i.organiser_id = ?1 "
		"AND (?2 = 0 OR i.provider_id = ?2) AND (?3 = '' OR i.state = ?3) "
		"ORDER BY i.id DESC LIMIT ?4 OFFSET ?5", err);
	struct bud_store_invoice v;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, provider_id, 0, &brc);
	if (brc == SQLITE_OK)
		brc = sqlite3_bind_text(st, 3, state ? state : "", -1, SQLITE_STATIC);
	bud_row_bind_i64(st, 4, limit, 0, &brc);
	bud_row_bind_i64(st, 5, offset, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if ((rc = read_invoice(st, &v, err)) != BUD_OK ||
		    (rc = fn(arg, &v)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "invoice list", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_invoice_row_insert(bud_conn *w, const struct bud_store_invoice_row *r,
				 int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"INSERT INTO invoice_row (invoice_id, position, commitment_id, "
		" client_id, plan_line_id, period_from, period_to, quantity, "
		" unit_price, amount, text, state, code, detail, events) VALUES (?1, "
		" ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, r->invoice_id, 0, &brc);
	bud_row_bind_i64(st, 2, r->position, 0, &brc);
	bud_row_bind_i64(st, 3, r->commitment_id, 1, &brc);
	bud_row_bind_i64(st, 4, r->client_id, 1, &brc);
	bud_row_bind_i64(st, 5, r->plan_line_id, 1, &brc);
	bud_row_bind_text(st, 6, r->period_from, 0, &brc);
	bud_row_bind_text(st, 7, r->period_to, 0, &brc);
	bud_row_bind_i64(st, 8, r->quantity, 0, &brc);
	bud_row_bind_i64(st, 9, r->unit_price, 0, &brc);
	bud_row_bind_i64(st, 10, r->amount, 0, &brc);
	if (brc == SQLITE_OK)
		brc = sqlite3_bind_text(st, 11, r->text, -1, SQLITE_STATIC);
	bud_row_bind_text(st, 12, r->state[0] ? r->state : "pending", 0, &brc);
	if (brc == SQLITE_OK)
		brc = sqlite3_bind_text(st, 13, r->code, -1, SQLITE_STATIC);
	if (brc == SQLITE_OK)
		brc = sqlite3_bind_text(st, 14, r->detail, -1, SQLITE_STATIC);
	bud_row_bind_i64(st, 15, r->events, 0, &brc);
	return bud_row_step_insert(w, st, brc, "invoice row", id_out, err);
}

static int read_row(sqlite3_stmt *st, struct bud_store_invoice_row *r, bud_err *err)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->invoice_id = sqlite3_column_int64(st, 1);
	r->position = sqlite3_column_int64(st, 2);
	r->commitment_id = sqlite3_column_int64(st, 3);
	r->client_id = sqlite3_column_int64(st, 4);
	r->plan_line_id = sqlite3_column_int64(st, 5);
	r->quantity = sqlite3_column_int64(st, 8);
	r->unit_price = sqlite3_column_int64(st, 9);
	r->amount = sqlite3_column_int64(st, 10);
	r->ledger_id = sqlite3_column_int64(st, 15);
	r->events = sqlite3_column_int64(st, 16);
	if (bud_row_col_text(st, 6, r->period_from, sizeof(r->period_from), err) ||
	    bud_row_col_text(st, 7, r->period_to, sizeof(r->period_to), err) ||
	    bud_row_col_text(st, 11, r->text, sizeof(r->text), err) ||
	    bud_row_col_text(st, 12, r->state, sizeof(r->state), err) ||
	    bud_row_col_text(st, 13, r->code, sizeof(r->code), err) ||
	    bud_row_col_text(st, 14, r->detail, sizeof(r->detail), err))
		return err->code;
	return BUD_OK;
}

int bud_store_invoice_rows(bud_conn *c, int64_t invoice_id,
			   struct bud_store_invoice_row *out, size_t max,
			   size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT id, invoice_id, position, commitment_id, client_id, "
		" plan_line_id, period_from, period_to, quantity, unit_price, "
		" amount, text, state, code, detail, ledger_id, events FROM invoice_row "
		"WHERE invoice_id = ?1 ORDER BY position", err);
	int brc = SQLITE_OK, rc;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, invoice_id, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if (*n == max) {
			sqlite3_reset(st);
			return bud_err_set(err, BUD_ETOOBIG, NULL, "err.too_many",
					   "more than %zu rows", max);
		}
		if ((rc = read_row(st, &out[*n], err)) != BUD_OK) {
			sqlite3_reset(st);
			return rc;
		}
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "invoice rows", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_invoice_row_refuse(bud_conn *w, int64_t id, const char *code,
				 const char *detail, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE invoice_row SET state = "
		"'refused', code = ?2, detail = ?3 WHERE id = ?1 AND state = 'pending'",
		err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_text(st, 2, code, 0, &brc);
	if (brc == SQLITE_OK)
		brc = sqlite3_bind_text(st, 3, detail ? detail : "", -1, SQLITE_STATIC);
	if ((brc = bud_row_step_done(w, st, brc, "invoice row refuse", err)) != BUD_OK)
		return brc;
	st = bud_conn_stmt(w, "UPDATE invoice_row_event SET active = 0 "
			   "WHERE invoice_row_id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	brc = SQLITE_OK;
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return bud_row_step_done(w, st, brc, "invoice row events", err);
}

/* The highest ledger id so far (0 for none). */
static int ledger_top(bud_conn *w, int64_t *top, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "SELECT COALESCE(max(id), 0) FROM ledger",
					 err);
	int rc;

	if (!st)
		return bud_row_stmt_failed(err);
	rc = sqlite3_step(st);
	*top = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? BUD_OK : bud_conn_error(w, rc, "ledger top", err);
}

/* A ledger 'spend' for each pending row of invoice_id, in row order. */
static int spend_ledgers(bud_conn *w, int64_t invoice_id, const char *on_date,
			 int64_t user, int64_t at, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"INSERT INTO ledger (client_id, plan_id, plan_line_id, kind, amount, "
		" on_date, created_by, created_at, commitment_id, invoice_row_id) "
		" SELECT m.client_id, m.plan_id, m.plan_line_id, 'spend', r.amount, "
		" ?2, ?3, ?4, m.id, r.id FROM invoice_row r "
		" JOIN commitment m ON m.id = r.commitment_id "
		" WHERE r.invoice_id = ?1 AND r.state = 'pending' ORDER BY r.id", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, invoice_id, 0, &brc);
	bud_row_bind_text(st, 2, on_date, 0, &brc);
	bud_row_bind_i64(st, 3, user, 1, &brc);
	bud_row_bind_i64(st, 4, at, 0, &brc);
	return bud_row_step_done(w, st, brc, "ledger spend", err);
}

/* Each commitment of a pending row of invoice_id spends its rows' sum. */
static int spend_commitments(bud_conn *w, int64_t invoice_id, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE commitment SET spent = spent + "
		" (SELECT sum(r.amount) FROM invoice_row r WHERE r.invoice_id = ?1 "
		"  AND r.state = 'pending' AND r.commitment_id = commitment.id) "
		"WHERE id IN (SELECT commitment_id FROM invoice_row "
		" WHERE invoice_id = ?1 AND state = 'pending')", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, invoice_id, 0, &brc);
	rc = bud_row_step_done(w, st, brc, "commitment spend", err);
	return rc == BUD_ECONFLICT || rc == BUD_EINVAL ?
		bud_err_set(err, BUD_ECONFLICT, "amount", "err.invoice.beyond_left",
			    "more than the commitment holds") : rc;
}

int bud_store_invoice_spend_pending(bud_conn *w, int64_t invoice_id,
				    const char *on_date, int64_t user, int64_t at,
				    int64_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int64_t top = 0;
	int brc = SQLITE_OK, rc;

	*n = 0;
	if ((rc = ledger_top(w, &top, err)) ||
	    (rc = spend_ledgers(w, invoice_id, on_date, user, at, err)))
		return rc;
	*n = bud_conn_changes(w);
	if ((rc = spend_commitments(w, invoice_id, err)))
		return rc;
	/* each row's own spend: the ledger rows above top, by its line */
	st = bud_conn_stmt(w, "UPDATE invoice_row SET state = 'approved', "
		" ledger_id = (SELECT g.id FROM ledger g WHERE "
		"  g.plan_line_id = invoice_row.plan_line_id AND "
		"  g.invoice_row_id = invoice_row.id AND g.id > ?2) "
		"WHERE invoice_id = ?1 AND state = 'pending'", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, invoice_id, 0, &brc);
	bud_row_bind_i64(st, 2, top, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "invoice rows approve", err)))
		return rc;
	if (bud_conn_changes(w) != *n)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "%d rows approved, %lld spent", bud_conn_changes(w),
				   (long long)*n);
	return BUD_OK;
}

int bud_store_invoice_overlaps(bud_conn *c, int64_t commitment_id,
			       const char *from, const char *to, int64_t exclude_id,
			       int only_plain, int64_t *n, bud_err *err)
{
	/* Only plain rows (those of events check against those alone): the
	 * WHERE spells out invoice_row_once's, so that partial index finds
	 * them; all rows through invoice_row_commitment (migration 019). */
	sqlite3_stmt *st = only_plain ? bud_conn_stmt(c, "SELECT count(*) FROM "
		"invoice_row WHERE commitment_id = ?1 AND state <> 'refused' AND "
		"id <> ?4 AND period_from <= ?3 AND period_to >= ?2 AND events = 0",
		err) : bud_conn_stmt(c, "SELECT count(*) FROM invoice_row "
		"WHERE commitment_id = ?1 AND state <> 'refused' AND id <> ?4 "
		"AND period_from <= ?3 AND period_to >= ?2", err);
	int brc = SQLITE_OK, rc;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, commitment_id, 0, &brc);
	bud_row_bind_text(st, 2, from, 0, &brc);
	bud_row_bind_text(st, 3, to, 0, &brc);
	bud_row_bind_i64(st, 4, exclude_id, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? BUD_OK : bud_conn_error(c, rc, "invoice overlaps", err);
}

#define CM_COLS "m.id, m.client_id, m.plan_id, m.plan_line_id, m.provider_id, " \
	"l.service_id, p.organiser_id, m.unit, m.state, m.valid_from, " \
	"m.valid_to, m.quantity, m.unit_price, m.monthly_amount, m.reserved, " \
	"m.released, m.spent, coalesce(cl.municipality, '') FROM commitment m " \
	"JOIN plan_line l ON l.id = m.plan_line_id JOIN plan p ON p.id = m.plan_id " \
	"JOIN client cl ON cl.id = m.client_id "

static int read_cm(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_inv_cm *m = out;

	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(st, 0);
	m->client_id = sqlite3_column_int64(st, 1);
	m->plan_id = sqlite3_column_int64(st, 2);
	m->plan_line_id = sqlite3_column_int64(st, 3);
	m->provider_id = sqlite3_column_int64(st, 4);
	m->service_id = sqlite3_column_int64(st, 5);
	m->organiser_id = sqlite3_column_int64(st, 6);
	m->quantity = sqlite3_column_int64(st, 11);
	m->unit_price = sqlite3_column_int64(st, 12);
	m->monthly_amount = sqlite3_column_int64(st, 13);
	m->reserved = sqlite3_column_int64(st, 14);
	m->released = sqlite3_column_int64(st, 15);
	m->spent = sqlite3_column_int64(st, 16);
	if (bud_row_col_text(st, 7, m->unit, sizeof(m->unit), err) ||
	    bud_row_col_text(st, 8, m->state, sizeof(m->state), err) ||
	    bud_row_col_text(st, 9, m->valid_from, sizeof(m->valid_from), err) ||
	    bud_row_col_text(st, 10, m->valid_to, sizeof(m->valid_to), err) ||
	    bud_row_col_text(st, 17, m->municipality, sizeof(m->municipality), err))
		return err->code;
	return BUD_OK;
}

int bud_store_invoice_cm(bud_conn *c, int64_t commitment_id,
			 struct bud_store_inv_cm *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " CM_COLS "WHERE m.id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, commitment_id, 0, &brc);
	return bud_row_get_one(c, st, brc, "commitment", read_cm, out, err);
}

int bud_store_invoice_monthly_cms(bud_conn *c, int64_t provider_id,
				  const char *from, const char *to,
				  struct bud_store_inv_cm *out, size_t max,
				  size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " CM_COLS "WHERE "
		"m.provider_id = ?1 AND m.unit = 'month' AND m.state IN ('active', "
		"'ended') AND m.valid_from <= ?3 AND m.valid_to >= ?2 "
		"AND m.valid_to >= m.valid_from ORDER BY m.id", err);
	int brc = SQLITE_OK, rc;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_text(st, 2, from, 0, &brc);
	bud_row_bind_text(st, 3, to, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if (*n == max || (rc = read_cm(st, &out[*n], err)) != BUD_OK) {
			sqlite3_reset(st);
			return *n == max ? bud_err_set(err, BUD_ETOOBIG, NULL,
				"err.too_many", "more than %zu commitments", max) : rc;
		}
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "monthly commitments", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_invoice_org(bud_conn *c, int64_t organiser_id, int64_t *charge_days,
			  char *ovt, size_t ovtsz, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT charge_days, ovt, ytunnus "
		"FROM organiser WHERE id = ?1", err);
	int brc = SQLITE_OK, rc;
	const char *y, *o;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? bud_err_set(err, BUD_ENOTFOUND, "organiser",
			"err.not_found", "no such organiser") :
			bud_conn_error(c, rc, "organiser settlement", err);
	}
	*charge_days = sqlite3_column_int64(st, 0);
	o = bud_row_col_str(st, 1);
	y = bud_row_col_str(st, 2);
	if (o[0])
		rc = (size_t)snprintf(ovt, ovtsz, "%s", o) < ovtsz;
	else	/* 0037 + the eight Y-tunnus digits */
		rc = strlen(y) == 9 && (size_t)snprintf(ovt, ovtsz, "0037%.7s%c",
							  y, y[8]) < ovtsz;
	sqlite3_reset(st);
	return rc ? BUD_OK : bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
					 "the organiser's OVT does not fit");
}

int bud_store_invoice_set_charge_days(bud_conn *w, int64_t organiser_id,
				      int64_t days, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE organiser SET charge_days = ?2 "
					 "WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, days, 0, &brc);
	return bud_row_step_done(w, st, brc, "charge days", err);
}

/* ---- service events (migration 014) -------------------------------- */

static int read_events(bud_conn *c, sqlite3_stmt *st, int rc,
		       struct bud_store_inv_event *out, size_t max, size_t *n,
		       bud_err *err)
{
	struct bud_store_inv_event *e;

	for (*n = 0; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		if (*n == max) {
			sqlite3_reset(st);
			return bud_err_set(err, BUD_ETOOBIG, NULL, "err.too_many",
					   "more than %zu events", max);
		}
		e = &out[(*n)++];
		memset(e, 0, sizeof(*e));
		e->id = sqlite3_column_int64(st, 0);
		e->commitment_id = sqlite3_column_int64(st, 1);
		e->quantity = sqlite3_column_int64(st, 2);
		e->amount = sqlite3_column_int64(st, 3);
		e->recorded_at = sqlite3_column_int64(st, 4);
		if (bud_row_col_text(st, 5, e->on_date, sizeof(e->on_date), err) ||
		    bud_row_col_text(st, 6, e->state, sizeof(e->state), err)) {
			sqlite3_reset(st);
			return err->code;
		}
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "invoice events", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_invoice_open_events(bud_conn *c, int64_t provider_id,
				  const char *from, const char *to,
				  struct bud_store_inv_event *out, size_t max,
				  size_t *n, bud_err *err)
{
	/* Through the provider's commitments and each one's events of the
	 * period (the table's UNIQUE index, which begins with commitment and
	 * day; migration 027): only the period's events are
	 * read, not every event the provider ever had (the planner would
	 * take service_event_provider; CROSS JOIN and + keep this order).
	 * The order is the walk's own (a day's events by their external id),
	 * so the events are not sorted again. */
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT e.id, e.commitment_id, "
		"e.quantity, e.amount, e.recorded_at, e.on_date, e.state FROM "
		"commitment m CROSS JOIN service_event e ON e.commitment_id = m.id "
		"AND e.on_date BETWEEN ?2 AND ?3 WHERE m.provider_id = ?1 AND "
		"+e.provider_id = ?1 AND e.state IN ('recorded', 'confirmed', "
		"'dismissed') AND NOT EXISTS (SELECT 1 FROM invoice_row_event l "
		"WHERE l.event_id = e.id AND l.active = 1) "
		"ORDER BY m.id, e.on_date, e.external_id", err);
	int brc = SQLITE_OK;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_text(st, 2, from, 0, &brc);
	bud_row_bind_text(st, 3, to, 0, &brc);
	return read_events(c, st, brc == SQLITE_OK ? sqlite3_step(st) : brc, out,
			   max, n, err);
}

int bud_store_invoice_row_events(bud_conn *c, int64_t row_id,
				 struct bud_store_inv_event *out, size_t max,
				 size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT e.id, e.commitment_id, "
		"e.quantity, e.amount, e.recorded_at, e.on_date, e.state FROM "
		"invoice_row_event l JOIN service_event e ON e.id = l.event_id "
		"WHERE l.invoice_row_id = ?1 AND l.active = 1 ORDER BY e.on_date, e.id",
		err);
	int brc = SQLITE_OK;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, row_id, 0, &brc);
	return read_events(c, st, brc == SQLITE_OK ? sqlite3_step(st) : brc, out,
			   max, n, err);
}

int bud_store_invoice_link_events(bud_conn *w, const struct bud_store_link *links,
				  size_t n, bud_err *err)
{
	/* one statement for all: a statement's journal copies each page it
	 * changes once, and an invoice's links change the same few pages
	 * (eight links a statement copied them a thousand times a month) */
	sqlite3_stmt *st;
	bud_buf b;
	int brc = SQLITE_OK, rc;
	size_t k;

	if (n == 0)
		return BUD_OK;
	bud_buf_init(&b, n * 44 + 2);	/* "[a,b]," of two 20-digit numbers */
	bud_buf_addc(&b, '[');
	for (k = 0; k < n; k++) {
		bud_buf_adds(&b, k ? ",[" : "[");
		bud_buf_add_i64(&b, links[k].row_id);
		bud_buf_addc(&b, ',');
		bud_buf_add_i64(&b, links[k].event_id);
		bud_buf_addc(&b, ']');
	}
	bud_buf_addc(&b, ']');
	if (bud_buf_failed(&b)) {
		bud_buf_free(&b);
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.store.nomem", "links");
	}
	st = bud_conn_stmt(w, "INSERT INTO invoice_row_event (invoice_row_id, "
		"event_id) SELECT value ->> 0, value ->> 1 FROM json_each(?1)", err);
	if (!st) {
		bud_buf_free(&b);
		return bud_row_stmt_failed(err);
	}
	bud_row_bind_text(st, 1, bud_buf_str(&b), 0, &brc);
	rc = bud_row_step_done(w, st, brc, "invoice row event", err);
	bud_buf_free(&b);
	if (rc == BUD_OK && bud_conn_changes(w) != (int)n)
		rc = bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				 "%d of %zu events linked", bud_conn_changes(w), n);
	return rc;
}

int bud_store_invoice_count_source(bud_conn *c, int64_t provider_id,
				   const char *source, int64_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT count(*) FROM invoice "
		"WHERE provider_id = ?1 AND source = ?2", err);
	int brc = SQLITE_OK, rc;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_text(st, 2, source, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? BUD_OK : bud_conn_error(c, rc, "invoice count", err);
}
