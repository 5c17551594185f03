/*
 * app/payrun.c: making, approving (four eyes) and reconciling payment
 * runs (see app/payrun.h for the rules).
 *
 * Each change is one write unit: a run with its payments; the approval
 * with the check of each invoice's providers on the execution day, the
 * pain.001 files, the payments' end-to-end ids and the invoices paid; a
 * camt.054 with every payment it settles. A refusal returns an error and
 * the unit rolls back: nothing is written.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account.h"
#include "app/authz.h"
#include "app/payrun.h"
#include "app/totp.h"
#include "app/uselog.h"
#include "core/date.h"
#include "core/state.h"
#include "formats/camt054.h"
#include "formats/pain001.h"
#include "store/org.h"
#include "store/payrun.h"

struct unit {
	bud_app *app;
	const bud_actor *actor;
	int64_t id, id_out;
	char day[BUD_DATE_BUF];
	struct bud_store_run run;
	struct bud_store_payment *pay;
	size_t n;
	const struct bud_camt054 *camt;
	json_t *report;
	int settled;		/* payments a notice moved from pending */
};

static int finance(const bud_actor *a)
{
	return a && a->role == BUD_ROLE_FINANCE;
}

static int log_run(struct unit *u, bud_conn *w, const char *action, int64_t id,
		   bud_err *err)
{
	char object[48];

	snprintf(object, sizeof(object), "payment_run:%" PRId64, id);
	return bud_uselog_append_row(u->app, w, u->actor, 0, action, object,
				     u->actor ? "finance" : "system", err);
}

static int nomem(bud_err *err)
{
	return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
}

/* ---- making a run -------------------------------------------------- */

static int create_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct bud_store_run r;
	char msg[40];
	size_t i;
	int rc;

	if ((rc = bud_store_run_payable(w, u->actor->organiser_id, u->pay,
					BUD_RUN_INVOICES_MAX, &u->n, err)))
		return rc;
	if (u->n == 0)
		return bud_err_set(err, BUD_ECONFLICT, "payments", "err.payrun.nothing",
				   "no approved invoice waits for payment");
	memset(&r, 0, sizeof(r));
	r.organiser_id = u->actor->organiser_id;
	snprintf(r.msg_id, sizeof(r.msg_id), "new-%" PRId64 "-%" PRId64,
		 u->actor->user_id, bud_app_now(u->app));
	snprintf(r.execution_date, sizeof(r.execution_date), "%s", u->day);
	for (i = 0; i < u->n; i++)
		r.total += u->pay[i].amount;
	r.created_by = u->actor->user_id;
	r.created_at = bud_app_now(u->app);
	if ((rc = bud_store_run_insert(w, &r, &u->id_out, err)))
		return rc;
	snprintf(msg, sizeof(msg), "BUDJ-RUN-%" PRId64, u->id_out);
	if ((rc = bud_store_run_set_msg_id(w, u->id_out, msg, err)))
		return rc;
	for (i = 0; i < u->n; i++) {
		u->pay[i].run_id = u->id_out;
		if ((rc = bud_store_payment_insert(w, &u->pay[i], &u->pay[i].id, err)))
			return rc;
	}
	return log_run(u, w, "create", u->id_out, err);
}

static int run_with_payments(bud_app *app, bud_write_fn fn, struct unit *u,
			     bud_err *err)
{
	int rc;

	u->pay = calloc(BUD_RUN_INVOICES_MAX, sizeof(*u->pay));
	if (!u->pay)
		return nomem(err);
	rc = bud_db_write(app->db, fn, u, err);
	free(u->pay);
	u->pay = NULL;
	return rc;
}

int bud_payrun_create(bud_app *app, const bud_actor *actor, const char *execution_date,
		      int64_t *id_out, bud_err *err)
{
	struct unit u = {.app = app, .actor = actor};
	int y, m, d, rc;

	if (!finance(actor))
		return bud_authz_forbidden(err, "make payment runs");
	if (bud_app_today(app, u.day, sizeof(u.day)))
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	if (execution_date && execution_date[0]) {
		if (bud_date_parse(execution_date, &y, &m, &d, NULL) != BUD_OK ||
		    strcmp(execution_date, u.day) < 0)
			return bud_err_set(err, BUD_EINVAL, "execution_date",
					   "err.payrun.execution_date",
					   "a day YYYY-MM-DD, not in the past");
		snprintf(u.day, sizeof(u.day), "%s", execution_date);
	}
	rc = run_with_payments(app, create_unit, &u, err);
	if (rc == BUD_OK && id_out)
		*id_out = u.id_out;
	return rc;
}

/* ---- approving a run ----------------------------------------------- */

/* Cancel the payments whose invoice has a row whose provider is not
 * approved on the execution day; *kept gets how many remain. */
static int recheck(struct unit *u, bud_conn *w, size_t *kept, bud_err *err)
{
	int64_t bad = 0;
	size_t i;
	int rc;

	*kept = 0;
	for (i = 0; i < u->n; i++) {
		if ((rc = bud_store_run_unapproved_rows(w, u->pay[i].invoice_id,
							u->run.execution_date, &bad, err)))
			return rc;
		if (bad == 0) {
			u->pay[(*kept)++] = u->pay[i];
			continue;
		}
		snprintf(u->pay[i].state, sizeof(u->pay[i].state), "cancelled");
		snprintf(u->pay[i].return_info, sizeof(u->pay[i].return_info),
			 "not_approved");
		if ((rc = bud_store_payment_update(w, &u->pay[i], err)))
			return rc;
	}
	return BUD_OK;
}

/* The pain.001 plan of the kept payments u->pay[0..n-1]. */
static int plan(struct unit *u, bud_conn *w, struct bud_pain_plan **out, bud_err *err)
{
	struct bud_store_organiser o;
	struct bud_pain_invoice *inv;
	struct bud_fmt_problems probs;
	struct bud_pain_run run;
	size_t i;
	int rc;

	if ((rc = bud_store_organiser_get(w, u->run.organiser_id, &o, err)))
		return rc;
	if (!(inv = calloc(u->n, sizeof(*inv))))
		return nomem(err);
	for (i = 0; i < u->n; i++)
		inv[i] = (struct bud_pain_invoice){.number = u->pay[i].number,
			.creditor_name = u->pay[i].provider_name,
			.creditor_iban = u->pay[i].iban,
			.creditor_bic = u->pay[i].bic[0] ? u->pay[i].bic : NULL,
			.reference = u->pay[i].reference, .amount = u->pay[i].amount};
	run = (struct bud_pain_run){.run_id = u->run.msg_id,
		.execution_date = u->run.execution_date, .debtor_name = o.name_fi,
		.debtor_iban = o.iban, .debtor_bic = o.bic[0] ? o.bic : NULL,
		.invoices = inv, .n_invoices = u->n};
	bud_fmt_problems_init(&probs);
	rc = bud_pain001_plan(&run, out, &probs, err);
	if (rc != BUD_OK && probs.n > 0)
		bud_fmt_problems_to_err(&probs, err);
	bud_fmt_problems_free(&probs);
	free(inv);
	return rc;
}

/* Write both files, the end-to-end ids and the invoices paid. */
static int pay(struct unit *u, bud_conn *w, const struct bud_pain_plan *p, bud_err *err)
{
	bud_buf b03, b09;
	size_t i, k;
	int rc = BUD_OK;

	for (k = 0; rc == BUD_OK && k < p->n_payments; k++)
		for (i = 0; rc == BUD_OK && i < p->payments[k].n_invoices; i++) {
			struct bud_store_payment *x = &u->pay[p->payments[k].invoices[i]];

			snprintf(x->end_to_end_id, sizeof(x->end_to_end_id), "%s",
				 p->payments[k].end_to_end_id);
			if (!(rc = bud_store_payment_update(w, x, err)))
				rc = bud_store_invoice_state(w, x->invoice_id, "approved",
							     "paid", err);
		}
	if (rc != BUD_OK)
		return rc;
	bud_buf_init(&b03, BUD_MAX_RESPONSE);
	bud_buf_init(&b09, BUD_MAX_RESPONSE);
	if (!(rc = bud_pain001_write(p, BUD_PAIN001_03, &b03, err)) &&
	    !(rc = bud_pain001_write(p, BUD_PAIN001_09, &b09, err)))
		rc = bud_store_run_approve(w, u->run.id, u->actor->user_id,
					   bud_app_now(u->app), bud_buf_str(&b03),
					   bud_buf_str(&b09), p->total, err);
	bud_buf_free(&b03);
	bud_buf_free(&b09);
	return rc;
}

static int approve_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct bud_pain_plan *p = NULL;
	size_t kept = 0;
	int rc = bud_store_run_get(w, u->id, &u->run, err);

	if (rc == BUD_ENOTFOUND || (rc == BUD_OK &&
				    u->run.organiser_id != u->actor->organiser_id))
		return bud_authz_denied(err, "payment run");
	if (rc != BUD_OK)
		return rc;
	if (!bud_run_may(bud_run_state_parse(u->run.state), BUD_RUN_APPROVED))
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.payrun.state",
				   "the run is %s", u->run.state);
	if (u->run.created_by == u->actor->user_id)
		return bud_err_set(err, BUD_ECONFLICT, "approved_by", "err.payrun.four_eyes",
				   "the run must be approved by someone else");
	if ((rc = bud_store_payments(w, u->id, u->pay, BUD_RUN_INVOICES_MAX, &u->n, err)) ||
	    (rc = recheck(u, w, &kept, err)))
		return rc;
	if ((u->n = kept) == 0)
		return bud_err_set(err, BUD_ECONFLICT, "payments", "err.payrun.empty",
				   "no invoice of the run can be paid");
	if ((rc = plan(u, w, &p, err)) == BUD_OK)
		rc = pay(u, w, p, err);
	bud_pain001_plan_free(p);
	return rc ? rc : log_run(u, w, "change", u->id, err);
}

int bud_payrun_approve(bud_app *app, const bud_actor *actor, int64_t id,
		       const char *password, const char *code, bud_err *err)
{
	struct unit u = {.app = app, .actor = actor, .id = id};
	int rc;

	if (!finance(actor))
		return bud_authz_forbidden(err, "approve payment runs");
	if (!password || !password[0])
		return bud_err_set(err, BUD_EINVAL, "password", "err.required",
				   "the password is required");
	rc = bud_account_check_password(app, actor, password, err);
	if (rc == BUD_EAUTH)
		return bud_err_set(err, BUD_EAUTH, "password", "err.invoice.password_wrong",
				   "wrong password");
	if (rc == BUD_OK)
		rc = bud_account_fresh_second_factor(app, actor, code, err);
	return rc ? rc : run_with_payments(app, approve_unit, &u, err);
}

/* ---- the bank's notice --------------------------------------------- */

static json_t *outcome(const struct bud_camt_tx *tx, const struct bud_store_payment *p,
		       const char *reason)
{
	return json_pack("{s:s, s:I, s:o, s:s, s:s, s:s, s:s}",
		"end_to_end_id", tx->end_to_end_id ? tx->end_to_end_id : "",
		"amount", (json_int_t)(tx->has_amount ? tx->amount : 0),
		"invoice_id", p ? json_integer(p->invoice_id) : json_null(),
		"number", p ? p->number : "",
		"return_code", tx->return_code ? tx->return_code : "",
		"return_info", tx->return_info ? tx->return_info : "",
		"reason", reason);
}

static struct bud_store_payment *find(struct unit *u, const char *e2e)
{
	size_t i;

	for (i = 0; e2e && i < u->n; i++)
		if (u->pay[i].end_to_end_id[0] && strcmp(u->pay[i].end_to_end_id, e2e) == 0)
			return &u->pay[i];
	return NULL;
}

/* Settle payment p by transaction tx of entry e; *matched++ when it is
 * this run's. */
static int settle(struct unit *u, bud_conn *w, const struct bud_camt_entry *e,
		  const struct bud_camt_tx *tx, int *matched, bud_err *err)
{
	struct bud_store_payment *p = find(u, tx->end_to_end_id);
	int returned = tx->status == BUD_CAMT_RETURNED, rc;

	if (!p || strcmp(p->state, "cancelled") == 0)
		return json_array_append_new(json_object_get(u->report, "unknown"),
					     outcome(tx, NULL, "no_payment")), BUD_OK;
	(*matched)++;
	if (tx->has_amount && tx->amount != p->amount)
		return json_array_append_new(json_object_get(u->report, "unknown"),
					     outcome(tx, p, "amount")), BUD_OK;
	if (!returned && tx->status != BUD_CAMT_BOOKED && e->status != BUD_CAMT_BOOKED)
		return json_array_append_new(json_object_get(u->report, "unknown"),
					     outcome(tx, p, "not_booked")), BUD_OK;
	json_array_append_new(json_object_get(u->report, returned ? "returned" : "paid"),
			      outcome(tx, p, ""));
	if (strcmp(p->state, "pending") != 0)
		return BUD_OK;	/* settled by an earlier notice */
	snprintf(p->state, sizeof(p->state), "%s", returned ? "returned" : "paid");
	snprintf(p->return_code, sizeof(p->return_code), "%s",
		 tx->return_code ? tx->return_code : "");
	snprintf(p->return_info, sizeof(p->return_info), "%s",
		 tx->return_info ? tx->return_info : "");
	snprintf(p->booked_on, sizeof(p->booked_on), "%s", e->booking_date);
	u->settled++;
	if ((rc = bud_store_payment_update(w, p, err)) || !returned)
		return rc;
	return bud_store_invoice_state(w, p->invoice_id, "paid", "approved", err);
}

static int camt_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	const struct bud_camt054 *d = u->camt;
	size_t a, b, c;
	int matched = 0, rc = bud_store_run_get(w, u->id, &u->run, err);

	if (rc == BUD_ENOTFOUND || (rc == BUD_OK && u->actor &&
				    u->run.organiser_id != u->actor->organiser_id))
		return bud_authz_denied(err, "payment run");
	if (rc != BUD_OK ||
	    (rc = bud_store_payments(w, u->id, u->pay, BUD_RUN_INVOICES_MAX, &u->n, err)))
		return rc;
	u->report = json_pack("{s:[], s:[], s:[]}", "paid", "returned", "unknown");
	for (a = 0; rc == BUD_OK && a < d->n_ntfs; a++)
		for (b = 0; rc == BUD_OK && b < d->ntfs[a].n_entries; b++)
			for (c = 0; rc == BUD_OK && c < d->ntfs[a].entries[b].n_txs; c++)
				rc = settle(u, w, &d->ntfs[a].entries[b],
					    &d->ntfs[a].entries[b].txs[c], &matched, err);
	if (rc == BUD_OK && matched == 0)
		rc = bud_err_set(err, BUD_ECONFLICT, "camt054", "err.payrun.camt_other",
				 "no transaction of the notice is of this run");
	if (rc == BUD_OK)
		json_object_set_new(u->report, "settled", json_integer(u->settled));
	if (rc != BUD_OK || u->settled == 0)
		return rc;	/* flagged or settled before: nothing to write */
	if ((rc = bud_store_run_set_camt(w, u->id, d->msg_id ? d->msg_id : "", err)))
		return rc;
	return log_run(u, w, "change", u->id, err);
}

static json_t *problems_json(const struct bud_fmt_problems *p)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < p->n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:i, s:s, s:s}",
			"path", p->v[i].path, "line", p->v[i].line,
			"key", p->v[i].key ? p->v[i].key : "err.camt054",
			"detail", p->v[i].detail));
	return arr;
}

int bud_payrun_camt054(bud_app *app, const bud_actor *actor, int64_t id,
		       const char *xml, size_t len, json_t **report,
		       json_t **problems, bud_err *err)
{
	struct unit u = {.app = app, .actor = actor, .id = id};
	struct bud_fmt_problems probs;
	struct bud_camt054 *doc = NULL;
	int rc;

	*report = NULL;
	if (problems)
		*problems = NULL;
	if (actor && !finance(actor))
		return bud_authz_forbidden(err, "import bank notices");
	bud_fmt_problems_init(&probs);
	rc = bud_camt054_read(xml, len, &doc, &probs, err);
	if (rc != BUD_OK && problems)
		*problems = problems_json(&probs);
	bud_fmt_problems_free(&probs);
	if (rc != BUD_OK) {
		bud_camt054_free(doc);
		if (!err->field[0])
			snprintf(err->field, sizeof(err->field), "camt054");
		return rc;
	}
	u.camt = doc;
	rc = run_with_payments(app, camt_unit, &u, err);
	bud_camt054_free(doc);
	if (rc == BUD_OK)
		*report = u.report;
	else
		json_decref(u.report);
	return rc;
}
