/*
 * app/invoice.c: providers' invoices and their checking, row by row (see
 * app/invoice.h for the rules and the codes).
 *
 * Taking an invoice is one write unit: the provider and who may, the
 * invoice row, each invoice row with its check (a refused row is kept
 * with its code), the reference once the id is known. Approving is one
 * write unit too: every pending row is checked again on the writer's
 * connection, so what is left and the provider's approval are those of
 * that moment, and each row that passes spends in the same unit. A
 * refusal of the whole returns an error, the unit rolls back, nothing is
 * written.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account.h"
#include "app/authz.h"
#include "app/event.h"
#include "app/invoice.h"
#include "app/read.h"
#include "app/uselog.h"
#include "core/budget.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/state.h"
#include "formats/finvoice.h"
#include "store/commitment.h"
#include "store/event.h"
#include "store/invoice.h"
#include "store/provider.h"

/* One row as taken in, before it is written. */
struct row_in {
	struct bud_store_invoice_row r;
	size_t ev_first, ev_n;		/* its events in unit.events */
	struct bud_store_inv_cm m;	/* events: its commitment, as read */
};

/* An approval a unit looked up (approved_on). */
struct approval_seen {
	int64_t service_id;
	char municipality[BUD_NAME_MAX + 1];
	int ok;
};

struct unit {
	bud_app *app;
	const bud_actor *actor;
	int64_t provider_id, id;
	const char *password;
	struct bud_store_provider prov;
	struct bud_store_invoice inv;
	struct row_in *rows;
	size_t n_rows;
	struct bud_store_invoice_row *stored;	/* approval: the rows read back */
	struct bud_store_inv_event *events;	/* events: those invoiced */
	int dispute_days;			/* the organiser's window */
	int64_t charge_days;
	char today[BUD_DATE_BUF];
	int64_t id_out;
	struct approval_seen seen[16];		/* approved_on's answers */
	size_t n_seen;
	struct batch *batch;			/* batches: its batch, its outcome */
	int rc, ran;
	bud_err err;
};

static int64_t day_of(const char *s)
{
	int y, m, d;

	if (!s || bud_date_parse(s, &y, &m, &d, NULL) != BUD_OK)
		return INT64_MIN;
	return bud_date_days(y, m, d);
}

static int clock_today(struct unit *u, bud_err *err)
{
	if (bud_app_today(u->app, u->today, sizeof(u->today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	return BUD_OK;
}

/* Finance of the provider's organiser, or a user of that very provider. */
static int load_provider(struct unit *u, bud_conn *c, bud_err *err)
{
	int rc = bud_store_provider_get(c, u->provider_id, &u->prov, err);

	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "provider");
	if (rc != BUD_OK)
		return rc;
	if (u->actor->role == BUD_ROLE_PROVIDER_USER ?
	    u->actor->provider_id != u->prov.id :
	    u->actor->organiser_id != u->prov.organiser_id)
		return bud_authz_denied(err, "provider");
	return bud_store_invoice_org(c, u->prov.organiser_id, &u->charge_days,
				     u->inv.buyer_ovt, sizeof(u->inv.buyer_ovt), err);
}

static int refuse(struct bud_store_invoice_row *r, const char *code,
		  const char *detail)
{
	snprintf(r->state, sizeof(r->state), "refused");
	snprintf(r->code, sizeof(r->code), "%s", code);
	snprintf(r->detail, sizeof(r->detail), "%s", detail ? detail : "");
	return 1;
}

/* What the row's days are worth on commitment m: a month unit pro rata,
 * else quantity x unit price. -1 when it cannot be computed. */
static int64_t expected(const struct bud_store_inv_cm *m,
			const struct bud_store_invoice_row *r)
{
	int64_t v = -1;

	if (strcmp(m->unit, "month") == 0) {
		if (bud_budget_prorata(m->monthly_amount, r->period_from,
				       r->period_to, &v, NULL) != BUD_OK)
			return -1;
	} else if (bud_money_line(r->quantity, r->unit_price, &v, NULL) != BUD_OK) {
		return -1;
	}
	return v;
}

/* The provider approved for m's service where the client lives, today.
 * The answers of one unit are kept (one provider, one moment): a
 * provider's rows share a few services and municipalities. */
static int approved_on(struct unit *u, bud_conn *c, const struct bud_store_inv_cm *m,
		       int *ok, bud_err *err)
{
	struct bud_store_approval_row a;
	struct approval_seen *s;
	size_t k;
	int rc;

	for (k = 0; k < u->n_seen; k++)
		if (u->seen[k].service_id == m->service_id &&
		    strcmp(u->seen[k].municipality, m->municipality) == 0) {
			*ok = u->seen[k].ok;
			return BUD_OK;
		}
	rc = bud_store_cm_approval(c, m->provider_id, m->service_id,
				   m->municipality, &a, err);
	*ok = rc == BUD_OK && strcmp(a.state, "approved") == 0 &&
	      strcmp(a.effective, u->today) <= 0;
	if (rc == BUD_ENOTFOUND) {
		bud_err_clear(err);
		rc = BUD_OK;
	}
	if (rc == BUD_OK && u->n_seen < sizeof(u->seen) / sizeof(u->seen[0])) {
		s = &u->seen[u->n_seen++];
		s->service_id = m->service_id;
		memcpy(s->municipality, m->municipality, sizeof(s->municipality));
		s->ok = *ok;
	}
	return rc;
}

/* The commitment checks of row r against m (its state, period, the
 * charging window, price and amount). 1 when r was refused. */
static int check_terms(struct unit *u, const struct bud_store_inv_cm *m,
		       struct bud_store_invoice_row *r)
{
	int64_t want;

	if (strcmp(m->state, "active") != 0 && strcmp(m->state, "ended") != 0)
		return refuse(r, "not_active", m->state);
	if (strcmp(r->period_from, u->today) > 0)
		return refuse(r, "future", u->today);
	if (strcmp(r->period_from, m->valid_from) < 0 ||
	    strcmp(r->period_to, m->valid_to) > 0)
		return refuse(r, "period", m->valid_from);
	if (day_of(u->today) - day_of(m->valid_to) > u->charge_days &&
	    strcmp(m->valid_to, u->today) < 0)
		return refuse(r, "charge_window", m->valid_to);
	if (r->unit_price != m->unit_price)
		return refuse(r, "price", NULL);
	if (r->events > 0)	/* the events' own amounts: check_events */
		return 0;
	want = expected(m, r);
	if (want < 0 || r->amount != want)
		return refuse(r, "amount", NULL);
	return 0;
}

/*
 * The events a stored row r covers, again at approval: each must still
 * be payable today (a dispute holds it, an upheld one is never paid) and
 * their amounts must add up to the row's. 1 when r was refused, -1 on
 * error.
 */
static int check_events(struct unit *u, bud_conn *c, struct bud_store_invoice_row *r,
			bud_err *err)
{
	char until[BUD_DATE_BUF];
	int64_t sum = 0;
	size_t n = 0, i;

	if (bud_store_invoice_row_events(c, r->id, u->events, BUD_INVOICE_EVENTS_MAX,
					 &n, err) != BUD_OK)
		return -1;
	for (i = 0; i < n; i++) {
		if (bud_event_state_parse(u->events[i].state) == BUD_EVENT_UPHELD)
			return refuse(r, "event_upheld", u->events[i].on_date);
		if (bud_event_until(u->events[i].recorded_at, u->dispute_days, until) ||
		    !bud_event_payable(u->events[i].state, until, u->today))
			return refuse(r, "event_held", u->events[i].on_date);
		sum += u->events[i].amount;
	}
	if ((int64_t)n != r->events || sum != r->amount)
		return refuse(r, "amount", NULL);
	return 0;
}

/* A row not made of events (a Finvoice's) may not charge days on which the
 * client disputed an event of the commitment: held while the dispute is
 * open, never paid when it was upheld. 1 when r was refused. */
static int check_disputed(bud_conn *c, struct bud_store_invoice_row *r, bud_err *err)
{
	int64_t n[2] = {0, 0};

	if (r->events > 0)
		return 0;
	if (bud_store_event_disputed(c, r->commitment_id, r->period_from,
				     r->period_to, n, err) != BUD_OK)
		return -1;
	if (n[1] > 0)
		return refuse(r, "event_upheld", r->period_from);
	return n[0] > 0 ? refuse(r, "event_held", r->period_from) : 0;
}

/*
 * Check row r (pending) in the unit's connection c; `pending` is what
 * earlier passing rows of this invoice already claim of the same
 * commitment. Sets r's state/code; 1 when refused.
 */
static int check_row(struct unit *u, bud_conn *c, struct bud_store_invoice_row *r,
		     int64_t pending, const struct bud_store_inv_cm *known, bud_err *err)
{
	struct bud_store_inv_cm m;
	int64_t n = 0;
	int ok = 0, rc = BUD_OK;

	if (r->commitment_id <= 0)
		return refuse(r, "no_commitment", NULL);
	if (known && known->id == r->commitment_id)
		m = *known;	/* read in this unit a moment ago */
	else
		rc = bud_store_invoice_cm(c, r->commitment_id, &m, err);
	if (rc == BUD_ENOTFOUND || (rc == BUD_OK && m.provider_id != u->provider_id)) {
		bud_err_clear(err);
		r->commitment_id = r->client_id = r->plan_line_id = 0;
		return refuse(r, rc == BUD_OK ? "other_provider" : "no_commitment", NULL);
	}
	if (rc != BUD_OK)
		return -1;
	r->client_id = m.client_id;
	r->plan_line_id = m.plan_line_id;
	if (check_terms(u, &m, r))
		return 1;
	if (r->events > 0 && r->id > 0 && (ok = check_events(u, c, r, err)) != 0)
		return ok;
	if ((ok = check_disputed(c, r, err)) != 0)
		return ok;
	if (bud_store_invoice_overlaps(c, m.id, r->period_from, r->period_to,
				       r->id, r->events > 0, &n, err) != BUD_OK)
		return -1;
	if (n > 0)
		return refuse(r, "duplicate", NULL);
	if (r->amount + pending > m.reserved - m.released - m.spent)
		return refuse(r, "beyond_left", NULL);
	if (approved_on(u, c, &m, &ok, err) != BUD_OK)
		return -1;
	return ok ? 0 : refuse(r, "not_approved", u->today);
}

/* What rows before index i (passing) claim of commitment cm. */
static int64_t claimed_before(const struct row_in *rows, size_t i, int64_t cm)
{
	int64_t s = 0;
	size_t k;

	for (k = 0; k < i; k++)
		if (rows[k].r.commitment_id == cm && strcmp(rows[k].r.state, "refused"))
			s += rows[k].r.amount;
	return s;
}

/* Link the events of the rows written (not refused) to them, all in
 * one statement. */
static int link_events(struct unit *u, bud_conn *w, bud_err *err)
{
	struct bud_store_link *l;
	const struct row_in *ri;
	size_t i, k, n = 0, all;
	int rc;

	/* the rows' events lie in u->events one after another */
	all = u->n_rows ? u->rows[u->n_rows - 1].ev_first + u->rows[u->n_rows - 1].ev_n : 0;
	if (all == 0)
		return BUD_OK;
	if (!(l = malloc(all * sizeof(*l))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	for (i = 0; i < u->n_rows; i++) {
		ri = &u->rows[i];
		if (strcmp(ri->r.state, "refused") == 0)
			continue;
		for (k = ri->ev_first; k < ri->ev_first + ri->ev_n; k++)
			l[n++] = (struct bud_store_link){ri->r.id, u->events[k].id};
	}
	rc = bud_store_invoice_link_events(w, l, n, err);
	free(l);
	return rc == BUD_ECONFLICT ? bud_err_set(err, BUD_ECONFLICT, "events",
		"err.invoice.event_invoiced", "an event of the invoice is "
		"invoiced already") : rc;
}

/* Check and write every row of u->rows for invoice u->id_out, then
 * link their events. */
static int write_rows(struct unit *u, bud_conn *w, bud_err *err)
{
	struct bud_store_invoice_row *r;
	int64_t rid;
	size_t i;
	int rc;

	for (i = 0; i < u->n_rows; i++) {
		r = &u->rows[i].r;
		r->invoice_id = u->id_out;
		r->position = (int64_t)i + 1;
		if (!r->state[0] && check_row(u, w, r, claimed_before(u->rows, i,
				r->commitment_id), &u->rows[i].m, err) < 0)
			return err->code;
		if ((rc = bud_store_invoice_row_insert(w, r, &rid, err)) != BUD_OK)
			return rc;
		r->id = rid;
	}
	return link_events(u, w, err);
}

/* Insert u->inv with its rows, give it its reference, log it. */
static int write_invoice(struct unit *u, bud_conn *w, bud_err *err)
{
	char base[24], ref[BUD_ID_BUF], object[48];
	size_t i;
	int rc;

	u->inv.claimed = 0;
	for (i = 0; i < u->n_rows; i++)
		u->inv.claimed += u->rows[i].r.amount;
	u->inv.organiser_id = u->prov.organiser_id;
	u->inv.provider_id = u->prov.id;
	u->inv.created_by = u->actor->user_id;
	u->inv.created_at = bud_app_now(u->app);
	snprintf(u->inv.reference, sizeof(u->inv.reference), "new:%" PRId64 ":%s",
		 u->prov.id, u->inv.number);
	if ((rc = bud_store_invoice_insert(w, &u->inv, &u->id_out, err)))
		return rc == BUD_ECONFLICT ? bud_err_set(err, BUD_ECONFLICT, "number",
			"err.invoice.number_used", "the number is used") : rc;
	snprintf(base, sizeof(base), "%" PRId64, 1000 + u->id_out);
	if ((rc = bud_viite_create(base, ref, sizeof(ref), err)) ||
	    (rc = bud_store_invoice_set_reference(w, u->id_out, ref, err)) ||
	    (rc = write_rows(u, w, err)))
		return rc;
	snprintf(object, sizeof(object), "invoice:%" PRId64, u->id_out);
	return bud_uselog_append_row(u->app, w, u->actor, 0, "create", object,
				     "invoice", err);
}

static int number_free(struct unit *u, bud_conn *w, bud_err *err)
{
	int used = 0;
	int rc = bud_store_invoice_number_used(w, u->prov.id, u->inv.number,
					       &used, err);

	if (rc == BUD_OK && used)
		return bud_err_set(err, BUD_ECONFLICT, "number", "err.invoice.number_used",
				   "invoice %s was sent already", u->inv.number);
	return rc;
}

/* The account the invoice is paid to: given, else the provider's. */
static int pay_account(struct unit *u, const char *iban, const char *bic,
		       bud_err *err)
{
	if (!iban || !iban[0]) {
		iban = u->prov.iban;
		bic = u->prov.bic;
	}
	if (!iban || !iban[0] || bud_iban_check(iban, u->inv.iban,
						sizeof(u->inv.iban), NULL) != BUD_OK)
		return bud_err_set(err, BUD_EINVAL, "iban", "err.invoice.no_iban",
				   "no valid account to pay to");
	if (bic && bic[0] && bud_bic_check(bic, u->inv.bic, sizeof(u->inv.bic),
					   NULL) != BUD_OK)
		u->inv.bic[0] = '\0';
	return BUD_OK;
}

static int run_unit(bud_app *app, bud_write_fn fn, struct unit *t,
		    int64_t *id_out, bud_err *err)
{
	struct unit *u = malloc(sizeof(*u));
	int rc;

	if (!u)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	*u = *t;
	rc = bud_db_write(app->db, fn, u, err);
	if (rc == BUD_OK && id_out)
		*id_out = u->id_out;
	free(u);
	return rc;
}

static int sender_role(const bud_actor *a)
{
	return a && (a->role == BUD_ROLE_PROVIDER_USER || a->role == BUD_ROLE_FINANCE);
}

/* ---- Finvoice ------------------------------------------------------ */

struct fv_unit {
	struct unit u;
	const struct bud_finvoice *fv;
};

/* The commitment number in an ArticleIdentifier: digits, 0 when not. */
static int64_t commitment_no(const char *s)
{
	int64_t v = 0;

	if (!s || !*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > INT64_MAX / 10 - 10)
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* Finvoice row fr as our row r (the checks come later). */
static void fv_row(const struct bud_fv_row *fr, const struct bud_finvoice *fv,
		   struct bud_store_invoice_row *r)
{
	memset(r, 0, sizeof(*r));
	r->commitment_id = commitment_no(fr->article_id);
	snprintf(r->period_from, sizeof(r->period_from), "%s", fr->start_date[0] ?
		 fr->start_date : fr->delivery_date[0] ? fr->delivery_date : fv->date);
	snprintf(r->period_to, sizeof(r->period_to), "%s", fr->end_date[0] ?
		 fr->end_date : r->period_from);
	snprintf(r->text, sizeof(r->text), "%s", fr->article_name ? fr->article_name : "");
	r->unit_price = (fr->has & BUD_FV_UNIT_PRICE) ? fr->unit_price : 0;
	r->amount = (fr->has & BUD_FV_VAT_EXCL) ? fr->vat_excluded :
		    (fr->has & BUD_FV_AMOUNT) ? fr->amount : 0;
	if (fr->has & BUD_FV_QTY)
		r->quantity = fr->qty_milli / 10;
	if ((fr->has & BUD_FV_QTY) && fr->qty_milli % 10 != 0)
		refuse(r, "quantity", fr->qty_text);
	if (r->amount < 0 || r->quantity < 0 || strcmp(r->period_to, r->period_from) < 0)
		refuse(r, "amount", NULL);
	if (!r->commitment_id)
		refuse(r, "no_commitment", fr->article_id);
}

/* The buyer's Y-tunnus, when given, is the organiser's: its eight digits
 * are those of the organiser's OVT (0037 + the digits). */
static int buyer_ours(const struct bud_finvoice *fv, const char *ovt)
{
	char digits[9];
	size_t n = 0;
	const char *p;

	if (!fv->buyer.id || !fv->buyer.id[0])
		return 1;
	for (p = fv->buyer.id; *p && n < 8; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	digits[n] = '\0';
	return n == 8 && strlen(ovt) >= 12 && strncmp(digits, ovt + 4, 8) == 0;
}

static int fv_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct fv_unit *x = arg;
	struct unit *u = &x->u;
	const struct bud_finvoice *fv = x->fv;
	size_t i;
	int rc;

	if ((rc = load_provider(u, w, err)) || (rc = clock_today(u, err)))
		return rc;
	if (!fv->seller.id || bud_ytunnus_check(fv->seller.id, NULL) != BUD_OK ||
	    strcmp(fv->seller.id, u->prov.ytunnus) != 0)
		return bud_err_set(err, BUD_ECONFLICT, "seller", "err.invoice.seller",
				   "the seller is not this provider");
	if (!buyer_ours(fv, u->inv.buyer_ovt))
		return bud_err_set(err, BUD_ECONFLICT, "buyer", "err.invoice.buyer",
				   "the buyer is not this organiser");
	snprintf(u->inv.number, sizeof(u->inv.number), "%s", fv->number ? fv->number : "");
	snprintf(u->inv.message_id, sizeof(u->inv.message_id), "%s",
		 fv->message_id ? fv->message_id : "");
	snprintf(u->inv.source, sizeof(u->inv.source), "finvoice");
	snprintf(u->inv.invoice_date, sizeof(u->inv.invoice_date), "%s", fv->date);
	snprintf(u->inv.due_date, sizeof(u->inv.due_date), "%s",
		 fv->due_date[0] ? fv->due_date : fv->date);
	snprintf(u->inv.period_from, sizeof(u->inv.period_from), "%s", fv->date);
	snprintf(u->inv.period_to, sizeof(u->inv.period_to), "%s", fv->date);
	for (i = 0; i < u->n_rows; i++) {
		fv_row(&fv->rows[i], fv, &u->rows[i].r);
		if (strcmp(u->rows[i].r.period_from, u->inv.period_from) < 0)
			memcpy(u->inv.period_from, u->rows[i].r.period_from, BUD_DATE_BUF);
		if (strcmp(u->rows[i].r.period_to, u->inv.period_to) > 0)
			memcpy(u->inv.period_to, u->rows[i].r.period_to, BUD_DATE_BUF);
	}
	if ((rc = number_free(u, w, err)) ||
	    (rc = pay_account(u, fv->pay_iban ? fv->pay_iban : fv->seller_iban,
			      fv->pay_bic ? fv->pay_bic : fv->seller_bic, err)))
		return rc;
	return write_invoice(u, w, err);
}

static json_t *problems_json(const struct bud_fmt_problems *p)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < p->n; i++)
		json_array_append_new(a, json_pack("{s:s, s:i, s:s, s:s}",
			"path", p->v[i].path, "line", p->v[i].line,
			"key", p->v[i].key ? p->v[i].key : "err.finvoice",
			"detail", p->v[i].detail));
	return a;
}

static int fv_read(const char *xml, size_t len, struct bud_finvoice **fv,
		   json_t **problems, bud_err *err)
{
	struct bud_fmt_problems probs;
	int rc;

	bud_fmt_problems_init(&probs);
	rc = bud_finvoice_read(xml, len, fv, &probs, err);
	if (rc != BUD_OK && problems)
		*problems = problems_json(&probs);
	bud_fmt_problems_free(&probs);
	if (rc != BUD_OK) {
		bud_finvoice_free(*fv);
		*fv = NULL;
		if (rc == BUD_EINVAL && !err->field[0])
			snprintf(err->field, sizeof(err->field), "finvoice");
	}
	return rc;
}

int bud_invoice_finvoice(bud_app *app, const bud_actor *actor, int64_t provider_id,
			 const char *xml, size_t len, int64_t *id_out,
			 json_t **problems, bud_err *err)
{
	struct fv_unit *x;
	struct bud_finvoice *fv = NULL;
	int rc;

	if (problems)
		*problems = NULL;
	if (!sender_role(actor))
		return bud_authz_forbidden(err, "send invoices");
	if ((rc = fv_read(xml, len, &fv, problems, err)) != BUD_OK)
		return rc;
	if (fv->n_rows > BUD_INVOICE_ROWS_MAX || !fv->number) {
		bud_finvoice_free(fv);
		return bud_err_set(err, BUD_ETOOBIG, "rows", "err.invoice.rows",
				   "at most %d rows", BUD_INVOICE_ROWS_MAX);
	}
	x = calloc(1, sizeof(*x));
	if (x)
		x->u.rows = calloc(fv->n_rows ? fv->n_rows : 1, sizeof(*x->u.rows));
	if (!x || !x->u.rows) {
		free(x);
		bud_finvoice_free(fv);
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	}
	x->u.app = app;
	x->u.actor = actor;
	x->u.provider_id = provider_id;
	x->u.n_rows = fv->n_rows;
	x->fv = fv;
	rc = bud_db_write(app->db, fv_unit, x, err);
	if (rc == BUD_OK && id_out)
		*id_out = x->u.id_out;
	free(x->u.rows);
	free(x);
	bud_finvoice_free(fv);
	return rc;
}

/* ---- a month of standing monthly commitments ------------------------ */

/* The first and last day of month "YYYY-MM" into from and to. */
static int month_days(const char *month, char from[BUD_DATE_BUF],
		      char to[BUD_DATE_BUF], bud_err *err)
{
	char first[BUD_DATE_BUF + 3];
	int y, m, d;

	snprintf(first, sizeof(first), "%.7s-01", month ? month : "");
	if (!month || strlen(month) != 7 ||
	    bud_date_parse(first, &y, &m, &d, NULL) != BUD_OK)
		return bud_err_set(err, BUD_EINVAL, "month", "err.invoice.month",
				   "a month is YYYY-MM");
	bud_date_format(y, m, 1, from);
	bud_date_format(y, m, bud_date_month_days(y, m), to);
	return BUD_OK;
}

/* Row i: commitment m's days within u->inv's month. */
static void month_row(struct unit *u, const struct bud_store_inv_cm *m,
		      struct bud_store_invoice_row *r)
{
	memset(r, 0, sizeof(*r));
	r->commitment_id = m->id;
	snprintf(r->period_from, sizeof(r->period_from), "%s",
		 strcmp(m->valid_from, u->inv.period_from) > 0 ? m->valid_from :
		 u->inv.period_from);
	snprintf(r->period_to, sizeof(r->period_to), "%s",
		 strcmp(m->valid_to, u->inv.period_to) < 0 ? m->valid_to :
		 u->inv.period_to);
	r->quantity = m->quantity;
	r->unit_price = m->unit_price;
	r->amount = expected(m, r);
	if (r->amount < 0)
		refuse(r, "amount", NULL);
}

static int monthly_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct bud_store_inv_cm *cms;
	size_t n = 0, i;
	int rc;

	if ((rc = load_provider(u, w, err)) || (rc = clock_today(u, err)) ||
	    (rc = number_free(u, w, err)) ||
	    (rc = pay_account(u, NULL, NULL, err)))
		return rc;
	cms = calloc(BUD_INVOICE_MONTHLY_MAX, sizeof(*cms));
	u->rows = calloc(BUD_INVOICE_MONTHLY_MAX, sizeof(*u->rows));
	rc = cms && u->rows ? bud_store_invoice_monthly_cms(w, u->prov.id,
		u->inv.period_from, u->inv.period_to, cms,
		BUD_INVOICE_MONTHLY_MAX, &n, err) :
		bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	if (rc == BUD_OK && n == 0)
		rc = bud_err_set(err, BUD_ECONFLICT, "month", "err.invoice.nothing",
				 "no monthly commitments in %s", u->inv.period_from);
	for (i = 0; rc == BUD_OK && i < n; i++)
		month_row(u, &cms[i], &u->rows[i].r);
	u->n_rows = n;
	if (rc == BUD_OK)
		rc = write_invoice(u, w, err);
	free(cms);
	free(u->rows);
	u->rows = NULL;
	return rc;
}

int bud_invoice_monthly(bud_app *app, const bud_actor *actor, int64_t provider_id,
			const char *month, int64_t *id_out, bud_err *err)
{
	struct unit t;
	int rc;

	memset(&t, 0, sizeof(t));
	if (!sender_role(actor))
		return bud_authz_forbidden(err, "send invoices");
	if ((rc = month_days(month, t.inv.period_from, t.inv.period_to, err)))
		return rc;
	t.app = app;
	t.actor = actor;
	t.provider_id = provider_id;
	snprintf(t.inv.source, sizeof(t.inv.source), "monthly");
	snprintf(t.inv.number, sizeof(t.inv.number), "KK-%.7s", month);
	if (bud_app_today(app, t.inv.invoice_date, sizeof(t.inv.invoice_date)))
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	memcpy(t.inv.due_date, t.inv.invoice_date, BUD_DATE_BUF);
	return run_unit(app, monthly_unit, &t, id_out, err);
}

/* ---- a period of confirmed service events --------------------------- */

/* Start row i for commitment m with event k. */
static void event_row(struct row_in *ri, const struct bud_store_inv_cm *m, size_t k,
		      const struct bud_store_inv_event *e)
{
	memset(ri, 0, sizeof(*ri));
	ri->m = *m;
	ri->r.commitment_id = m->id;
	ri->r.unit_price = m->unit_price;
	memcpy(ri->r.period_from, e->on_date, BUD_DATE_BUF);
	ri->ev_first = k;
}

/* Add event e (payable) to row ri. */
static void event_add(struct row_in *ri, const struct bud_store_inv_event *e)
{
	ri->r.quantity += e->quantity;
	ri->r.amount += e->amount;
	ri->r.events++;
	ri->ev_n++;
	memcpy(ri->r.period_to, e->on_date, BUD_DATE_BUF);
	snprintf(ri->r.text, sizeof(ri->r.text), "%lld", (long long)ri->r.events);
}

/* Keep the payable events of u->events[0..n-1] (in place) and make one
 * row per commitment of them. */
static int event_rows(struct unit *u, bud_conn *w, size_t n, bud_err *err)
{
	struct bud_store_inv_cm m;
	char until[BUD_DATE_BUF];
	size_t i, kept = 0;
	int rc;

	for (i = 0; i < n; i++) {
		const struct bud_store_inv_event *e = &u->events[i];

		if (bud_event_until(e->recorded_at, u->dispute_days, until) ||
		    !bud_event_payable(e->state, until, u->today))
			continue;	/* held: disputed, or its window still open */
		u->events[kept] = *e;
		if (!u->n_rows || u->rows[u->n_rows - 1].r.commitment_id != e->commitment_id) {
			if (u->n_rows == BUD_INVOICE_ROWS_MAX)
				return bud_err_set(err, BUD_ETOOBIG, "rows", "err.invoice.rows",
						   "more than %d commitments", BUD_INVOICE_ROWS_MAX);
			if ((rc = bud_store_invoice_cm(w, e->commitment_id, &m, err)))
				return rc;
			event_row(&u->rows[u->n_rows++], &m, kept, e);
		}
		event_add(&u->rows[u->n_rows - 1], &u->events[kept++]);
	}
	if (u->n_rows == 0)
		return bud_err_set(err, BUD_ECONFLICT, "period_from", "err.invoice.no_events",
				   "no payable events in the period");
	return BUD_OK;
}

static int events_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int64_t before = 0;
	size_t n = 0;
	int rc;

	if ((rc = load_provider(u, w, err)) || (rc = clock_today(u, err)) ||
	    (rc = pay_account(u, NULL, NULL, err)) ||
	    (rc = bud_store_event_dispute_days(w, u->prov.organiser_id,
					       &u->dispute_days, err)) ||
	    (rc = bud_store_invoice_count_source(w, u->prov.id, "events", &before, err)))
		return rc;
	snprintf(u->inv.number, sizeof(u->inv.number), "TAP-%s-%lld",
		 u->inv.period_to, (long long)before + 1);
	if ((rc = number_free(u, w, err)) ||
	    (rc = bud_store_invoice_open_events(w, u->prov.id, u->inv.period_from,
						u->inv.period_to, u->events,
						BUD_INVOICE_EVENTS_MAX, &n, err)) ||
	    (rc = event_rows(u, w, n, err)))
		return rc;
	return write_invoice(u, w, err);
}

static int period_check(const char *from, const char *to, bud_err *err)
{
	int y, m, d;

	if (!from || bud_date_parse(from, &y, &m, &d, NULL) != BUD_OK)
		return bud_err_set(err, BUD_EINVAL, "period_from", "err.invoice.period_in",
				   "a date YYYY-MM-DD");
	if (!to || bud_date_parse(to, &y, &m, &d, NULL) != BUD_OK || strcmp(to, from) < 0)
		return bud_err_set(err, BUD_EINVAL, "period_to", "err.invoice.period_in",
				   "a date YYYY-MM-DD, not before period_from");
	return BUD_OK;
}

/* t: the unit that invoices provider_id's events of from..to. */
static int events_setup(struct unit *t, bud_app *app, const bud_actor *actor,
			int64_t provider_id, const char *from, const char *to,
			bud_err *err)
{
	int rc;

	memset(t, 0, sizeof(*t));
	if (!sender_role(actor))
		return bud_authz_forbidden(err, "send invoices");
	if ((rc = period_check(from, to, err)))
		return rc;
	t->app = app;
	t->actor = actor;
	t->provider_id = provider_id;
	snprintf(t->inv.source, sizeof(t->inv.source), "events");
	snprintf(t->inv.period_from, sizeof(t->inv.period_from), "%s", from);
	snprintf(t->inv.period_to, sizeof(t->inv.period_to), "%s", to);
	if (bud_app_today(app, t->inv.invoice_date, sizeof(t->inv.invoice_date)))
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	memcpy(t->inv.due_date, t->inv.invoice_date, BUD_DATE_BUF);
	return BUD_OK;
}

int bud_invoice_events(bud_app *app, const bud_actor *actor, int64_t provider_id,
		       const char *from, const char *to, int64_t *id_out, bud_err *err)
{
	struct unit t;
	int rc;

	if ((rc = events_setup(&t, app, actor, provider_id, from, to, err)))
		return rc;
	t.rows = calloc(BUD_INVOICE_ROWS_MAX, sizeof(*t.rows));
	t.events = calloc(BUD_INVOICE_EVENTS_MAX, sizeof(*t.events));
	rc = t.rows && t.events ? run_unit(app, events_unit, &t, id_out, err) :
		bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	free(t.rows);
	free(t.events);
	return rc;
}

/* ---- approval ------------------------------------------------------ */

/* What passing rows of u->stored before index i claim of commitment cm. */
static int64_t passed_before(const struct unit *u, size_t i, int64_t cm)
{
	int64_t s = 0;
	size_t k;

	for (k = 0; k < i; k++)
		if (u->stored[k].commitment_id == cm &&
		    strcmp(u->stored[k].state, "pending") == 0)
			s += u->stored[k].amount;
	return s;
}

/*
 * Re-check the pending rows of u->inv in order (what earlier passing rows
 * of a commitment claim counts against what is left) and refuse those
 * that fail; then spend all that passed at once and log a change per
 * row's client.
 */
static int decide_rows(struct unit *u, bud_conn *w, size_t n, bud_err *err)
{
	struct bud_store_invoice_row *r;
	char object[48];
	int64_t passed = 0, spent = 0;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		r = &u->stored[i];
		if (strcmp(r->state, "pending") != 0)
			continue;
		rc = check_row(u, w, r, passed_before(u, i, r->commitment_id), NULL, err);
		if (rc < 0)
			return err->code;
		if (rc > 0 && (rc = bud_store_invoice_row_refuse(w, r->id, r->code,
								 r->detail, err)))
			return rc;
		if (strcmp(r->state, "pending") == 0) {
			u->inv.approved += r->amount;
			passed++;
		}
	}
	if (passed > 0 && (rc = bud_store_invoice_spend_pending(w, u->inv.id, u->today,
			u->actor->user_id, bud_app_now(u->app), &spent, err)))
		return rc;
	if (spent != passed)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "%lld rows passed, %lld spent", (long long)passed,
				   (long long)spent);
	snprintf(object, sizeof(object), "invoice:%" PRId64, u->inv.id);
	for (i = 0; i < n; i++)
		if (strcmp(u->stored[i].state, "pending") == 0 &&
		    (rc = bud_uselog_append_row(u->app, w, u->actor,
						u->stored[i].client_id, "change",
						object, "invoice", err)))
			return rc;
	return BUD_OK;
}

static int approve_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	size_t n = 0;
	int rc, to;

	if ((rc = bud_store_invoice_get(w, u->id, &u->inv, err)) == BUD_ENOTFOUND ||
	    (rc == BUD_OK && u->inv.organiser_id != u->actor->organiser_id))
		return bud_authz_denied(err, "invoice");
	if (rc != BUD_OK)
		return rc;
	if (!bud_invoice_may(bud_invoice_state_parse(u->inv.state), BUD_INVOICE_APPROVED))
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.invoice.state",
				   "the invoice is %s", u->inv.state);
	u->provider_id = u->inv.provider_id;
	if ((rc = bud_store_invoice_org(w, u->inv.organiser_id, &u->charge_days,
					u->inv.buyer_ovt, sizeof(u->inv.buyer_ovt), err)) ||
	    (rc = bud_store_event_dispute_days(w, u->inv.organiser_id,
					       &u->dispute_days, err)) ||
	    (rc = clock_today(u, err)) ||
	    (rc = bud_store_invoice_rows(w, u->id, u->stored, BUD_INVOICE_ROWS_MAX,
					 &n, err)) ||
	    (rc = decide_rows(u, w, n, err)))
		return rc;
	to = u->inv.approved > 0 ? BUD_INVOICE_APPROVED : BUD_INVOICE_REFUSED;
	snprintf(u->inv.state, sizeof(u->inv.state), "%s", bud_invoice_state_name(to));
	u->inv.approved_by = u->actor->user_id;
	u->inv.approved_at = bud_app_now(u->app);
	return bud_store_invoice_move(w, &u->inv, "received", err);
}

/* The finance actor and the password given again, checked once. */
static int approver_ok(bud_app *app, const bud_actor *actor, const char *password,
		       bud_err *err)
{
	int rc;

	if (!actor || actor->role != BUD_ROLE_FINANCE)
		return bud_authz_forbidden(err, "approve invoices");
	if (!password || !password[0])
		return bud_err_set(err, BUD_EINVAL, "password", "err.required",
				   "the password is required");
	rc = bud_account_check_password(app, actor, password, err);
	if (rc == BUD_EAUTH)
		return bud_err_set(err, BUD_EAUTH, "password",
				   "err.invoice.password_wrong", "wrong password");
	return rc;
}

int bud_invoice_approve(bud_app *app, const bud_actor *actor, int64_t id,
			const char *password, bud_err *err)
{
	int64_t ids[1] = {id};

	return bud_invoice_approve_many(app, actor, ids, 1, password, NULL, NULL,
					NULL, err);
}

/* ---- batches: many units queued at once ------------------------------ */

/*
 * A batch queues its units with bud_db_write_async, up to
 * BUD_INVOICE_BATCH_WINDOW at a time, so that the writer runs up to
 * BUD_DB_GROUP_MAX of them in one commit (each still in a savepoint of
 * its own: one unit's refusal rolls back that unit alone). The units run
 * one after another on the writer thread, so they share one set of
 * scratch arrays. Once a unit fails (other than `tolerated` says), the
 * ones after it do nothing and no more are queued: what was done stays
 * done, as when they were written one by one.
 */
struct batch {
	bud_write_fn fn;
	int (*tolerated)(int rc, const bud_err *err);
	int stop;		/* writer thread: a unit failed */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t done;		/* under mu */
	int failed;		/* under mu */
};

static int batch_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int rc;

	if (u->batch->stop)
		return BUD_OK;
	u->ran = 1;
	rc = u->batch->fn(w, u, err);
	if (rc != BUD_OK && !u->batch->tolerated(rc, err))
		u->batch->stop = 1;
	return rc;
}

static void batch_done(void *arg, int rc, const bud_err *err)
{
	struct unit *u = arg;
	struct batch *b = u->batch;

	pthread_mutex_lock(&b->mu);
	u->rc = rc;
	if (err)
		u->err = *err;
	if (rc != BUD_OK && !b->tolerated(rc, err))
		b->failed = 1;
	b->done++;
	pthread_cond_signal(&b->cv);
	pthread_mutex_unlock(&b->mu);
}

/* Queue us[0..n-1] and wait for all that were queued; progress (may be
 * NULL) after each. The units' own outcomes are in their rc, ran, err. */
static int batch_run(bud_app *app, struct batch *b, struct unit *us, size_t n,
		     bud_invoice_progress_fn progress, void *parg, bud_err *err)
{
	size_t queued = 0, seen = 0;
	int rc = BUD_OK;

	pthread_mutex_lock(&b->mu);
	for (;;) {
		if (progress && b->done > seen)
			progress(parg, (int64_t)(seen = b->done), (int64_t)n);
		if (queued < n && rc == BUD_OK && !b->failed &&
		    queued - b->done < BUD_INVOICE_BATCH_WINDOW) {
			us[queued].batch = b;
			pthread_mutex_unlock(&b->mu);
			rc = bud_db_write_async(app->db, batch_unit, &us[queued],
						batch_done, &us[queued], err);
			pthread_mutex_lock(&b->mu);
			queued += rc == BUD_OK;
			continue;
		}
		if (b->done == queued)
			break;
		pthread_cond_wait(&b->cv, &b->mu);
	}
	pthread_mutex_unlock(&b->mu);
	return rc;
}

/* Run fn over us[0..n-1] as one batch; the first unit that failed (and
 * was not tolerated) gives the result. */
static int batch(bud_app *app, bud_write_fn fn, int (*tolerated)(int, const bud_err *),
		 struct unit *us, size_t n, bud_invoice_progress_fn progress,
		 void *parg, bud_err *err)
{
	struct batch b = {.fn = fn, .tolerated = tolerated};
	size_t i;
	int rc;

	pthread_mutex_init(&b.mu, NULL);
	pthread_cond_init(&b.cv, NULL);
	rc = batch_run(app, &b, us, n, progress, parg, err);
	pthread_cond_destroy(&b.cv);
	pthread_mutex_destroy(&b.mu);
	for (i = 0; rc == BUD_OK && i < n; i++)
		if (us[i].rc != BUD_OK && !tolerated(us[i].rc, &us[i].err)) {
			if (err)
				*err = us[i].err;
			rc = us[i].rc;
		}
	return rc;
}

static int none_tolerated(int rc, const bud_err *err)
{
	(void)rc;
	(void)err;
	return 0;
}

int bud_invoice_approve_many(bud_app *app, const bud_actor *actor,
			     const int64_t *ids, size_t n, const char *password,
			     int64_t *approved, bud_invoice_progress_fn progress,
			     void *progress_arg, bud_err *err)
{
	struct bud_store_invoice_row *stored = NULL;
	struct bud_store_inv_event *events = NULL;
	struct unit *us = NULL;
	size_t i;
	int rc;

	if (approved)
		*approved = 0;
	if ((rc = approver_ok(app, actor, password, err)) || n == 0)
		return rc;
	us = calloc(n, sizeof(*us));
	stored = calloc(BUD_INVOICE_ROWS_MAX, sizeof(*stored));
	events = calloc(BUD_INVOICE_EVENTS_MAX, sizeof(*events));
	if (!us || !stored || !events)
		rc = bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	for (i = 0; rc == BUD_OK && i < n; i++) {
		us[i].app = app;
		us[i].actor = actor;
		us[i].id = ids[i];
		us[i].stored = stored;
		us[i].events = events;
	}
	if (rc == BUD_OK)
		rc = batch(app, approve_unit, none_tolerated, us, n, progress,
			   progress_arg, err);
	for (i = 0; approved && us && i < n; i++)
		*approved += us[i].ran && us[i].rc == BUD_OK &&
			     strcmp(us[i].inv.state, "approved") == 0;
	free(us);
	free(stored);
	free(events);
	return rc;
}

/* A provider with nothing payable, or more than one invoice takes: the
 * caller's to judge (app/settle.c). */
static int events_tolerated(int rc, const bud_err *err)
{
	return rc == BUD_ETOOBIG || (rc == BUD_ECONFLICT && err &&
		strcmp(err->key, "err.invoice.no_events") == 0);
}

int bud_invoice_events_many(bud_app *app, const bud_actor *actor,
			    struct bud_invoice_job *jobs, size_t n,
			    bud_invoice_progress_fn progress, void *progress_arg,
			    bud_err *err)
{
	struct row_in *rows = calloc(BUD_INVOICE_ROWS_MAX, sizeof(*rows));
	struct bud_store_inv_event *events = calloc(BUD_INVOICE_EVENTS_MAX,
						    sizeof(*events));
	struct unit *us = calloc(n ? n : 1, sizeof(*us));
	size_t i;
	int rc = rows && events && us ? BUD_OK :
		bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");

	for (i = 0; rc == BUD_OK && i < n; i++) {
		rc = events_setup(&us[i], app, actor, jobs[i].provider_id,
				  jobs[i].from, jobs[i].to, err);
		us[i].rows = rows;
		us[i].events = events;
	}
	if (rc == BUD_OK)
		rc = batch(app, events_unit, events_tolerated, us, n, progress,
			   progress_arg, err);
	for (i = 0; us && i < n; i++) {
		jobs[i].id = us[i].ran && us[i].rc == BUD_OK ? us[i].id_out : 0;
		jobs[i].rc = us[i].ran ? us[i].rc : BUD_EBUSY;
		jobs[i].err = us[i].err;
	}
	free(rows);
	free(events);
	free(us);
	return rc;
}

static int charge_days_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int rc = bud_store_invoice_set_charge_days(w, u->actor->organiser_id,
						   u->id, err);

	return rc ? rc : bud_uselog_append_row(u->app, w, u->actor, 0, "change",
					       "settings:charge_days", "admin", err);
}

int bud_invoice_charge_days_set(bud_app *app, const bud_actor *actor,
				int64_t days, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .id = days};

	if (!actor || actor->role != BUD_ROLE_ADMIN)
		return bud_authz_forbidden(err, "change settings");
	if (days < 0 || days > 730)
		return bud_err_set(err, BUD_EINVAL, "charge_days", "err.invoice.charge_days",
				   "0 to 730 days");
	return run_unit(app, charge_days_unit, &t, NULL, err);
}
