/*
 * store/store_plan.c: SQL for plans, plan lines and the ledger (declared
 * in store/plan.h; whether a service is accepted in the offer answer in
 * force is store/casework.h's). Every statement is a string
 * literal prepared once per connection; each function resets its
 * statement before returning. State changes are conditional UPDATEs
 * (WHERE state = the state they start from), so a change that lost a race
 * touches no row and answers BUD_ECONFLICT.
 */
#include <assert.h>
#include <string.h>

#include <sqlite3.h>

#include "store/plan.h"
#include "store/row.h"

/* ---- plans ---- */

#define PLAN_COLS "id, client_id, organiser_id, state, label, valid_from, " \
	"valid_to, review_date, client_fee, fee_note, reasoning, lang, " \
	"decision_no, version, supersedes_id, drafted_by, proposed_at, " \
	"returned_note, approved_by, approved_at, effective_to, created_at, " \
	"updated_at"

static int plan_row(sqlite3_stmt *st, struct bud_store_plan *p, bud_err *err)
{
	int rc;

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->client_id = sqlite3_column_int64(st, 1);
	p->organiser_id = sqlite3_column_int64(st, 2);
	if ((rc = bud_row_col_text(st, 3, p->state, sizeof(p->state), err)) ||
	    (rc = bud_row_col_text(st, 4, p->label, sizeof(p->label), err)) ||
	    (rc = bud_row_col_text(st, 5, p->valid_from, sizeof(p->valid_from), err)) ||
	    (rc = bud_row_col_text(st, 6, p->valid_to, sizeof(p->valid_to), err)) ||
	    (rc = bud_row_col_text(st, 7, p->review_date, sizeof(p->review_date), err)))
		return rc;
	p->client_fee = sqlite3_column_int64(st, 8);
	if ((rc = bud_row_col_text(st, 9, p->fee_note, sizeof(p->fee_note), err)) ||
	    (rc = bud_row_col_text(st, 10, p->reasoning, sizeof(p->reasoning), err)) ||
	    (rc = bud_row_col_text(st, 11, p->lang, sizeof(p->lang), err)) ||
	    (rc = bud_row_col_text(st, 12, p->decision_no, sizeof(p->decision_no), err)))
		return rc;
	p->version = sqlite3_column_int64(st, 13);
	p->supersedes_id = sqlite3_column_int64(st, 14);
	p->drafted_by = sqlite3_column_int64(st, 15);
	p->proposed_at = sqlite3_column_int64(st, 16);
	if ((rc = bud_row_col_text(st, 17, p->returned_note, sizeof(p->returned_note), err)))
		return rc;
	p->approved_by = sqlite3_column_int64(st, 18);
	p->approved_at = sqlite3_column_int64(st, 19);
	if ((rc = bud_row_col_text(st, 20, p->effective_to, sizeof(p->effective_to), err)))
		return rc;
	p->created_at = sqlite3_column_int64(st, 21);
	p->updated_at = sqlite3_column_int64(st, 22);
	return BUD_OK;
}

/* Step a SELECT of PLAN_COLS, passing each row to fn. */
static int plan_walk(bud_conn *c, sqlite3_stmt *st, int brc, bud_store_plan_fn fn,
		     void *arg, bud_err *err)
{
	struct bud_store_plan p;
	int rc;

	if (brc != SQLITE_OK) {
		rc = bud_conn_error(c, brc, "plan list", err);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = plan_row(st, &p, err)) != BUD_OK)
			goto out;
		if ((rc = fn(arg, &p)) != 0)
			goto out;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "plan list", err);
out:
	sqlite3_reset(st);
	return rc;
}

static int plan_fields_fit(const struct bud_store_plan *p, bud_err *err)
{
	int rc;

	if ((rc = bud_row_fits(p->label, BUD_NAME_MAX, "label", err)) ||
	    (rc = bud_row_fits(p->fee_note, BUD_NOTE_MAX, "fee_note", err)) ||
	    (rc = bud_row_fits(p->reasoning, BUD_TEXT_MAX, "reasoning", err)))
		return rc;
	return BUD_OK;
}

/* Bind the fields a worker edits in a draft (label .. reasoning) at
 * parameters first .. first + 6, in that order. */
static void bind_edited(sqlite3_stmt *st, int first, const struct bud_store_plan *p,
			int *brc)
{
	bud_row_bind_text(st, first, p->label, 0, brc);
	bud_row_bind_text(st, first + 1, p->valid_from, 0, brc);
	bud_row_bind_text(st, first + 2, p->valid_to, 0, brc);
	bud_row_bind_text(st, first + 3, p->review_date, 0, brc);
	bud_row_bind_i64(st, first + 4, p->client_fee, 0, brc);
	bud_row_bind_text(st, first + 5, p->fee_note, 0, brc);
	bud_row_bind_text(st, first + 6, p->reasoning, 0, brc);
}

int bud_store_plan_insert(bud_conn *w, const struct bud_store_plan *p,
			  int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && p);
	if ((rc = plan_fields_fit(p, err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO plan (client_id, organiser_id, state, "
			   "label, valid_from, valid_to, review_date, client_fee, "
			   "fee_note, reasoning, drafted_by, created_at, updated_at) "
			   "VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
			   "?11, ?11)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, p->client_id, 0, &brc);
	bud_row_bind_i64(st, 2, p->organiser_id, 0, &brc);
	bind_edited(st, 3, p, &brc);
	bud_row_bind_i64(st, 10, p->drafted_by, 0, &brc);
	bud_row_bind_i64(st, 11, p->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "plan insert", id_out, err);
}

int bud_store_plan_get(bud_conn *c, int64_t id, struct bud_store_plan *out,
		       bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(c && out);
	st = bud_conn_stmt(c, "SELECT " PLAN_COLS " FROM plan WHERE id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	if (brc != SQLITE_OK)
		rc = bud_conn_error(c, brc, "plan", err);
	else if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = plan_row(st, out, err);
	else if (rc == SQLITE_DONE)
		rc = bud_err_set(err, BUD_ENOTFOUND, "plan", "err.not_found",
				 "no such plan");
	else
		rc = bud_conn_error(c, rc, "plan", err);
	sqlite3_reset(st);
	return rc;
}

/* Run a conditional UPDATE of one plan: BUD_ECONFLICT "state" when it
 * touched no row (the plan is not in the state the change starts from). */
static int plan_change(bud_conn *w, sqlite3_stmt *st, int brc, const char *what,
		       bud_err *err)
{
	int rc = bud_row_step_done(w, st, brc, what, err);

	if (rc != BUD_OK)
		return rc;
	if (bud_conn_changes(w) != 1)
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.plan.state",
				   "%s: the plan is not in the right state", what);
	return BUD_OK;
}

int bud_store_plan_update_fields(bud_conn *w, const struct bud_store_plan *p,
				 bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && p);
	if ((rc = plan_fields_fit(p, err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "UPDATE plan SET label = ?2, valid_from = ?3, "
			   "valid_to = ?4, review_date = ?5, client_fee = ?6, "
			   "fee_note = ?7, reasoning = ?8, updated_at = ?9 "
			   "WHERE id = ?1 AND state = 'draft'", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, p->id, 0, &brc);
	bind_edited(st, 2, p, &brc);
	bud_row_bind_i64(st, 9, p->updated_at, 0, &brc);
	return plan_change(w, st, brc, "plan update", err);
}

int bud_store_plan_propose(bud_conn *w, int64_t id, int64_t now, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(w, "UPDATE plan SET state = 'proposed', proposed_at = ?2, "
			   "returned_note = '', updated_at = ?2 "
			   "WHERE id = ?1 AND state = 'draft'", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, now, 0, &brc);
	return plan_change(w, st, brc, "plan propose", err);
}

int bud_store_plan_return(bud_conn *w, int64_t id, const char *note,
			  int64_t now, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	if ((rc = bud_row_fits(note, BUD_NOTE_MAX, "note", err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "UPDATE plan SET state = 'draft', proposed_at = NULL, "
			   "returned_note = ?2, updated_at = ?3 "
			   "WHERE id = ?1 AND state = 'proposed'", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_text(st, 2, note ? note : "", 0, &brc);
	bud_row_bind_i64(st, 3, now, 0, &brc);
	return plan_change(w, st, brc, "plan return", err);
}

int bud_store_plan_discard(bud_conn *w, int64_t id, int64_t now, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(w, "UPDATE plan SET state = 'discarded', updated_at = ?2 "
			   "WHERE id = ?1 AND state = 'draft'", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, now, 0, &brc);
	return plan_change(w, st, brc, "plan discard", err);
}

int bud_store_plan_approve(bud_conn *w, int64_t id, int64_t approved_by,
			   const char *lang, const char *decision_no,
			   int64_t version, int64_t supersedes_id, int64_t now,
			   bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(w, "UPDATE plan SET state = 'approved', approved_by = ?2, "
			   "lang = ?3, decision_no = ?4, version = ?5, "
			   "supersedes_id = ?6, approved_at = ?7, updated_at = ?7 "
			   "WHERE id = ?1 AND state = 'proposed'", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, approved_by, 0, &brc);
	bud_row_bind_text(st, 3, lang, 0, &brc);
	bud_row_bind_text(st, 4, decision_no, 0, &brc);
	bud_row_bind_i64(st, 5, version, 0, &brc);
	bud_row_bind_i64(st, 6, supersedes_id, 1, &brc);
	bud_row_bind_i64(st, 7, now, 0, &brc);
	return plan_change(w, st, brc, "plan approve", err);
}

int bud_store_plan_close(bud_conn *w, int64_t id, const char *state,
			 const char *effective_to, int64_t now, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	assert(state && (strcmp(state, "superseded") == 0 ||
			 strcmp(state, "ended") == 0));
	st = bud_conn_stmt(w, "UPDATE plan SET state = ?2, effective_to = ?3, "
			   "updated_at = ?4 WHERE id = ?1 AND state = 'approved'", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_text(st, 2, state, 0, &brc);
	bud_row_bind_text(st, 3, effective_to, 0, &brc);
	bud_row_bind_i64(st, 4, now, 0, &brc);
	return plan_change(w, st, brc, "plan close", err);
}

int bud_store_plan_list_client(bud_conn *c, int64_t client_id,
			       bud_store_plan_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(c, "SELECT " PLAN_COLS " FROM plan WHERE client_id = ?1 "
			   "ORDER BY id DESC LIMIT ?2", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	bud_row_bind_i64(st, 2, BUD_MAX_PAGE_ROWS + 1, 0, &brc);	/* one more tells */
	return plan_walk(c, st, brc, fn, arg, err);
}

int bud_store_plan_list_overlapping(bud_conn *c, int64_t client_id,
				    const char *from, const char *to,
				    bud_store_plan_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(c, "SELECT " PLAN_COLS " FROM plan WHERE client_id = ?1 "
			   "AND state = 'approved' AND valid_from <= ?3 AND "
			   "valid_to >= ?2 ORDER BY valid_from, id", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	bud_row_bind_text(st, 2, from, 0, &brc);
	bud_row_bind_text(st, 3, to, 0, &brc);
	return plan_walk(c, st, brc, fn, arg, err);
}

int bud_store_plan_list_proposed(bud_conn *c, int64_t organiser_id,
				 int64_t offset, int limit,
				 bud_store_plan_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(c, "SELECT " PLAN_COLS " FROM plan WHERE organiser_id = ?1 "
			   "AND state = 'proposed' ORDER BY proposed_at, id LIMIT ?2 "
			   "OFFSET ?3", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, limit, 0, &brc);
	bud_row_bind_i64(st, 3, offset, 0, &brc);
	return plan_walk(c, st, brc, fn, arg, err);
}

int bud_store_plan_list_reviews(bud_conn *c, int64_t worker_id,
				const char *until, int64_t offset, int limit,
				bud_store_plan_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(c, "SELECT p.id, p.client_id, p.organiser_id, p.state, "
			   "p.label, p.valid_from, p.valid_to, p.review_date, "
			   "p.client_fee, p.fee_note, p.reasoning, p.lang, "
			   "p.decision_no, p.version, p.supersedes_id, p.drafted_by, "
			   "p.proposed_at, p.returned_note, p.approved_by, "
			   "p.approved_at, p.effective_to, p.created_at, p.updated_at "
			   "FROM plan p JOIN client c ON c.id = p.client_id "
			   "WHERE c.worker_id = ?1 AND p.state = 'approved' AND "
			   "p.review_date <= ?2 ORDER BY p.review_date, p.id LIMIT ?3 "
			   "OFFSET ?4", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, worker_id, 0, &brc);
	bud_row_bind_text(st, 2, until, 0, &brc);
	bud_row_bind_i64(st, 3, limit, 0, &brc);
	bud_row_bind_i64(st, 4, offset, 0, &brc);
	return plan_walk(c, st, brc, fn, arg, err);
}

/* Step a one-row count query into *n. */
static int count_one(bud_conn *c, sqlite3_stmt *st, int brc, const char *what,
		     int64_t *n, bud_err *err)
{
	int rc;

	if (brc != SQLITE_OK)
		rc = bud_conn_error(c, brc, what, err);
	else if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		rc = BUD_OK;
	} else
		rc = bud_conn_error(c, rc, what, err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_plan_count_state(bud_conn *c, int64_t client_id,
			       const char *state, int64_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(c, "SELECT count(*) FROM plan WHERE client_id = ?1 "
			   "AND state = ?2", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	bud_row_bind_text(st, 2, state, 0, &brc);
	return count_one(c, st, brc, "plan count", n, err);
}

int bud_store_plan_count_decided(bud_conn *c, int64_t client_id, int64_t *n,
				 bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(c, "SELECT count(*) FROM plan WHERE client_id = ?1 "
			   "AND decision_no IS NOT NULL", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	return count_one(c, st, brc, "plan count", n, err);
}

/* ---- lines ---- */

#define LINE_COLS "id, plan_id, position, service_id, price_id, unit, " \
	"unit_price, instrument, quantity, content, monthly_amount, period_amount"

static int line_row(sqlite3_stmt *st, struct bud_store_plan_line *l, bud_err *err)
{
	int rc;

	memset(l, 0, sizeof(*l));
	l->id = sqlite3_column_int64(st, 0);
	l->plan_id = sqlite3_column_int64(st, 1);
	l->position = sqlite3_column_int64(st, 2);
	l->service_id = sqlite3_column_int64(st, 3);
	l->price_id = sqlite3_column_int64(st, 4);
	if ((rc = bud_row_col_text(st, 5, l->unit, sizeof(l->unit), err)))
		return rc;
	l->unit_price = sqlite3_column_int64(st, 6);
	if ((rc = bud_row_col_text(st, 7, l->instrument, sizeof(l->instrument), err)))
		return rc;
	l->quantity = sqlite3_column_int64(st, 8);
	if ((rc = bud_row_col_text(st, 9, l->content, sizeof(l->content), err)))
		return rc;
	l->monthly_amount = sqlite3_column_int64(st, 10);
	l->period_amount = sqlite3_column_int64(st, 11);
	return BUD_OK;
}

/* The plan's state as the triggers see it: a draft, or BUD_ECONFLICT. */
static int line_plan_draft(bud_conn *w, int64_t plan_id, bud_err *err)
{
	sqlite3_stmt *st;
	int64_t n = 0;
	int brc = SQLITE_OK;
	int rc;

	st = bud_conn_stmt(w, "SELECT count(*) FROM plan WHERE id = ?1 AND "
			   "state = 'draft'", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, plan_id, 0, &brc);
	if ((rc = count_one(w, st, brc, "plan state", &n, err)) != BUD_OK)
		return rc;
	if (n != 1)
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.plan.state",
				   "plan lines change only in a draft");
	return BUD_OK;
}

int bud_store_plan_line_insert(bud_conn *w, const struct bud_store_plan_line *l,
			       int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && l);
	if ((rc = bud_row_fits(l->content, BUD_NOTE_MAX, "content", err)) ||
	    (rc = line_plan_draft(w, l->plan_id, err)))
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO plan_line (plan_id, position, service_id, "
			   "price_id, unit, unit_price, instrument, quantity, content, "
			   "monthly_amount, period_amount) VALUES (?1, ?2, ?3, ?4, ?5, "
			   "?6, ?7, ?8, ?9, ?10, ?11)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, l->plan_id, 0, &brc);
	bud_row_bind_i64(st, 2, l->position, 0, &brc);
	bud_row_bind_i64(st, 3, l->service_id, 0, &brc);
	bud_row_bind_i64(st, 4, l->price_id, 0, &brc);
	bud_row_bind_text(st, 5, l->unit, 0, &brc);
	bud_row_bind_i64(st, 6, l->unit_price, 0, &brc);
	bud_row_bind_text(st, 7, l->instrument, 0, &brc);
	bud_row_bind_i64(st, 8, l->quantity, 0, &brc);
	bud_row_bind_text(st, 9, l->content, 0, &brc);
	bud_row_bind_i64(st, 10, l->monthly_amount, 0, &brc);
	bud_row_bind_i64(st, 11, l->period_amount, 0, &brc);
	rc = bud_row_step_insert(w, st, brc, "plan line insert", id_out, err);
	if (rc == BUD_ECONFLICT)	/* UNIQUE (plan_id, service_id) */
		return bud_err_set(err, BUD_ECONFLICT, "service",
				   "err.plan.line_duplicate",
				   "the plan already has a line of this service");
	return rc;
}

int bud_store_plan_line_reprice(bud_conn *w, const struct bud_store_plan_line *l,
				bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(w, "UPDATE plan_line SET price_id = ?2, unit = ?3, "
			   "unit_price = ?4, instrument = ?5, monthly_amount = ?6, "
			   "period_amount = ?7 WHERE id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, l->id, 0, &brc);
	bud_row_bind_i64(st, 2, l->price_id, 0, &brc);
	bud_row_bind_text(st, 3, l->unit, 0, &brc);
	bud_row_bind_i64(st, 4, l->unit_price, 0, &brc);
	bud_row_bind_text(st, 5, l->instrument, 0, &brc);
	bud_row_bind_i64(st, 6, l->monthly_amount, 0, &brc);
	bud_row_bind_i64(st, 7, l->period_amount, 0, &brc);
	return bud_row_step_done(w, st, brc, "plan line reprice", err);
}

int bud_store_plan_line_delete(bud_conn *w, int64_t plan_id, int64_t line_id,
			       bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	if ((rc = line_plan_draft(w, plan_id, err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "DELETE FROM plan_line WHERE id = ?1 AND plan_id = ?2",
			   err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, line_id, 0, &brc);
	bud_row_bind_i64(st, 2, plan_id, 0, &brc);
	rc = bud_row_step_done(w, st, brc, "plan line delete", err);
	if (rc == BUD_OK && bud_conn_changes(w) != 1)
		rc = bud_err_set(err, BUD_ENOTFOUND, "line", "err.not_found",
				 "no such line in the plan");
	return rc;
}

int bud_store_plan_line_list(bud_conn *c, int64_t plan_id,
			     struct bud_store_plan_line *out, size_t max,
			     size_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(c && n && (out || max == 0));
	*n = 0;
	st = bud_conn_stmt(c, "SELECT " LINE_COLS " FROM plan_line WHERE plan_id = ?1 "
			   "ORDER BY position, id", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, plan_id, 0, &brc);
	if (brc != SQLITE_OK) {
		rc = bud_conn_error(c, brc, "plan lines", err);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			rc = bud_err_set(err, BUD_ETOOBIG, NULL, "err.too_large",
					 "more than %zu lines", max);
			goto out;
		}
		if ((rc = line_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "plan lines", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_plan_line_next_pos(bud_conn *c, int64_t plan_id, int64_t *pos,
				 bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int64_t n = 0;
	int rc;

	st = bud_conn_stmt(c, "SELECT coalesce(max(position), 0) FROM plan_line "
			   "WHERE plan_id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, plan_id, 0, &brc);
	rc = count_one(c, st, brc, "plan line position", &n, err);
	if (rc == BUD_OK)
		*pos = n + 1;
	return rc;
}

/* ---- ledger ---- */

int bud_store_ledger_insert(bud_conn *w, const struct bud_store_ledger_row *r,
			    bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	assert(w && r && r->amount >= 0);
	st = bud_conn_stmt(w, "INSERT INTO ledger (client_id, plan_id, plan_line_id, "
			   "kind, amount, on_date, created_by, created_at, commitment_id) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, r->client_id, 0, &brc);
	bud_row_bind_i64(st, 2, r->plan_id, 0, &brc);
	bud_row_bind_i64(st, 3, r->plan_line_id, 0, &brc);
	bud_row_bind_text(st, 4, r->kind, 0, &brc);
	bud_row_bind_i64(st, 5, r->amount, 0, &brc);
	bud_row_bind_text(st, 6, r->on_date, 0, &brc);
	bud_row_bind_i64(st, 7, r->created_by, 1, &brc);
	bud_row_bind_i64(st, 8, r->created_at, 0, &brc);
	bud_row_bind_i64(st, 9, r->commitment_id, 1, &brc);
	return bud_row_step_insert(w, st, brc, "ledger insert", NULL, err);
}

int bud_store_ledger_entries(bud_conn *c, int64_t line_id, int64_t offset, int limit,
			     bud_store_ledger_entry_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT g.id, g.plan_id, "
		"coalesce(g.commitment_id, 0), coalesce(g.invoice_row_id, 0), "
		"coalesce(r.invoice_id, 0), coalesce(p.run_id, 0), g.amount, "
		"coalesce(g.created_by, 0), g.created_at, g.kind, g.on_date, "
		"coalesce(p.state, ''), coalesce(pl.decision_no, '') FROM ledger g "
		"JOIN plan pl ON pl.id = g.plan_id "
		"LEFT JOIN invoice_row r ON r.id = g.invoice_row_id "
		"LEFT JOIN payment p ON p.id = (SELECT max(x.id) FROM payment x WHERE "
		" x.invoice_id = r.invoice_id AND x.state <> 'cancelled') "
		"WHERE g.plan_line_id = ?1 ORDER BY g.id LIMIT ?2 OFFSET ?3", err);
	struct bud_store_ledger_entry e;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, line_id, 0, &brc);
	bud_row_bind_i64(st, 2, limit, 0, &brc);
	bud_row_bind_i64(st, 3, offset, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		e = (struct bud_store_ledger_entry){sqlite3_column_int64(st, 0),
			sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
			sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4),
			sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 6),
			sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8),
			bud_row_col_str(st, 9), bud_row_col_str(st, 10),
			bud_row_col_str(st, 11), bud_row_col_str(st, 12)};
		if ((rc = fn(arg, &e)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "ledger entries", err);
	sqlite3_reset(st);
	return rc;
}

#define SUM_COLS "coalesce(sum(CASE kind WHEN 'grant' THEN amount END), 0), " \
	"coalesce(sum(CASE kind WHEN 'revoke' THEN amount END), 0), " \
	"coalesce(sum(CASE kind WHEN 'reserve' THEN amount END), 0), " \
	"coalesce(sum(CASE kind WHEN 'release' THEN amount END), 0), " \
	"coalesce(sum(CASE kind WHEN 'spend' THEN amount END), 0)"

static void sums_row(sqlite3_stmt *st, int col, struct bud_store_ledger_sums *s)
{
	s->granted = sqlite3_column_int64(st, col);
	s->revoked = sqlite3_column_int64(st, col + 1);
	s->reserved = sqlite3_column_int64(st, col + 2);
	s->released = sqlite3_column_int64(st, col + 3);
	s->spent = sqlite3_column_int64(st, col + 4);
}

int bud_store_ledger_line_sums(bud_conn *c, int64_t plan_line_id,
			       struct bud_store_ledger_sums *out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	out->plan_line_id = plan_line_id;
	st = bud_conn_stmt(c, "SELECT " SUM_COLS " FROM ledger WHERE plan_line_id = ?1",
			   err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, plan_line_id, 0, &brc);
	if (brc != SQLITE_OK)
		rc = bud_conn_error(c, brc, "ledger sums", err);
	else if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sums_row(st, 0, out);
		rc = BUD_OK;
	} else
		rc = bud_conn_error(c, rc, "ledger sums", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_ledger_client(bud_conn *c, int64_t client_id,
			    struct bud_store_ledger_sums *out, size_t max,
			    size_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(n && (out || max == 0));
	*n = 0;
	st = bud_conn_stmt(c, "SELECT l.plan_id, l.plan_line_id, pl.service_id, "
			   SUM_COLS " FROM ledger l JOIN plan_line pl ON "
			   "pl.id = l.plan_line_id WHERE l.client_id = ?1 "
			   "GROUP BY l.plan_id, l.plan_line_id "
			   "ORDER BY l.plan_id, pl.position, l.plan_line_id", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	if (brc != SQLITE_OK) {
		rc = bud_conn_error(c, brc, "ledger", err);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			rc = bud_err_set(err, BUD_ETOOBIG, NULL, "err.too_large",
					 "more than %zu ledger lines", max);
			goto out;
		}
		memset(&out[*n], 0, sizeof(out[*n]));
		out[*n].plan_id = sqlite3_column_int64(st, 0);
		out[*n].plan_line_id = sqlite3_column_int64(st, 1);
		out[*n].service_id = sqlite3_column_int64(st, 2);
		sums_row(st, 3, &out[*n]);
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "ledger", err);
out:
	sqlite3_reset(st);
	return rc;
}
