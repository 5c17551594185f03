/*
 * app/payrun_view.c: reading payment runs, their files and the providers'
 * remittance advice (app/payrun.h) on the read path. Runs are finance's;
 * a provider reads only its own remittance. The rows name invoices and
 * commitments, never people: the use-log rows name the run or the
 * provider's remittance and no client.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/payrun.h"
#include "app/read.h"
#include "app/uselog.h"
#include "core/money.h"
#include "store/payrun.h"
#include "store/provider.h"

struct view {
	bud_app *app;
	const bud_actor *actor;
	int64_t id;
	int version;
	struct bud_page *pg;
	struct bud_store_payment *pay;
	json_t *out;
	bud_buf *buf;
	int seen, limit;
};

static int finance(const bud_actor *a)
{
	return a && a->role == BUD_ROLE_FINANCE;
}

static json_t *run_json(const struct bud_store_run *r)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:o, s:I, s:o, s:s, s:I}",
		"id", (json_int_t)r->id, "state", r->state, "msg_id", r->msg_id,
		"execution_date", r->execution_date, "total", (json_int_t)r->total,
		"created_by", (json_int_t)r->created_by,
		"approved_by", r->approved_by ? json_integer(r->approved_by) : json_null(),
		"created_at", (json_int_t)r->created_at,
		"approved_at", r->approved_at ? json_integer(r->approved_at) : json_null(),
		"camt_msg_id", r->camt_msg_id, "payments_count", (json_int_t)r->n_payments);
}

static json_t *payment_json(const struct bud_store_payment *p)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:{s:I, s:s}, s:I, s:s, s:s, s:s, s:s, s:s}",
		"id", (json_int_t)p->id, "invoice_id", (json_int_t)p->invoice_id,
		"number", p->number, "reference", p->reference, "provider", "id",
		(json_int_t)p->provider_id, "name", p->provider_name,
		"amount", (json_int_t)p->amount, "end_to_end_id", p->end_to_end_id,
		"state", p->state, "return_code", p->return_code,
		"return_info", p->return_info, "booked_on", p->booked_on);
}

static int log_read(struct view *x, bud_conn *c, const char *kind, int64_t id,
		    bud_err *err)
{
	char object[48];

	snprintf(object, sizeof(object), "%s:%" PRId64, kind, id);
	return bud_uselog_append_row(x->app, c, x->actor, 0, "read", object,
				     !x->actor ? "system" : finance(x->actor) ? "finance" :
				     "provider", err);
}

static int load_run(struct view *x, bud_conn *c, struct bud_store_run *r, bud_err *err)
{
	int rc = bud_store_run_get(c, x->id, r, err);

	if (rc == BUD_ENOTFOUND || (rc == BUD_OK && x->actor &&
				    r->organiser_id != x->actor->organiser_id))
		return bud_authz_denied(err, "payment run");
	return rc;
}

static int get_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct view *x = arg;
	struct bud_store_run r;
	json_t *pays;
	size_t n = 0, i;
	int rc;

	if ((rc = load_run(x, c, &r, err)) ||
	    (rc = bud_store_payments(c, x->id, x->pay, BUD_RUN_INVOICES_MAX, &n, err)))
		return rc;
	x->out = run_json(&r);
	pays = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(pays, payment_json(&x->pay[i]));
	json_object_set_new(x->out, "payments", pays);
	json_object_set_new(x->out, "can", json_pack("{s:b}", "approve",
		strcmp(r.state, "created") == 0 && r.created_by != x->actor->user_id));
	return log_read(x, c, "payment_run", r.id, err);
}

int bud_payrun_get(bud_app *app, const bud_actor *actor, int64_t id, json_t **out,
		   bud_err *err)
{
	struct view x = {.app = app, .actor = actor, .id = id};
	int rc;

	*out = NULL;
	if (!finance(actor))
		return bud_authz_forbidden(err, "read payment runs");
	if (!(x.pay = calloc(BUD_RUN_INVOICES_MAX, sizeof(*x.pay))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	rc = bud_app_read(app, actor, get_unit, &x, err);
	free(x.pay);
	if (rc == BUD_OK)
		*out = x.out;
	else
		json_decref(x.out);
	return rc;
}

static int add_run(void *arg, const struct bud_store_run *r)
{
	struct view *x = arg;

	if (++x->seen <= x->pg->limit)
		json_array_append_new(x->out, run_json(r));
	return 0;
}

static int list_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct view *x = arg;
	int rc;

	x->out = json_array();
	if ((rc = bud_store_run_list(c, x->actor->organiser_id, x->pg->at,
				     bud_page_fetch(x->pg), add_run, x, err)))
		return rc;
	x->pg->next = x->seen > x->pg->limit ? x->pg->at + x->pg->limit : 0;
	return log_read(x, c, "payment_run", 0, err);
}

int bud_payrun_list(bud_app *app, const bud_actor *actor, struct bud_page *pg,
		    json_t **out, bud_err *err)
{
	struct view x = {.app = app, .actor = actor, .pg = pg};
	int rc;

	*out = NULL;
	if (!finance(actor))
		return bud_authz_forbidden(err, "read payment runs");
	rc = bud_app_read(app, actor, list_unit, &x, err);
	if (rc == BUD_OK)
		*out = x.out;
	else
		json_decref(x.out);
	return rc;
}

static int file_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct view *x = arg;
	struct bud_store_run r;
	char *xml = NULL;
	int rc;

	if ((rc = load_run(x, c, &r, err)) ||
	    (rc = bud_store_run_file(c, x->id, x->version, &xml, err)))
		return rc;
	rc = bud_buf_adds(x->buf, xml) ? bud_err_set(err, BUD_ETOOBIG, NULL,
		"err.too_many", "the file is too large") : BUD_OK;
	free(xml);
	return rc ? rc : log_read(x, c, "payment_run", r.id, err);
}

int bud_payrun_file(bud_app *app, const bud_actor *actor, int64_t id, int version,
		    bud_buf *out, bud_err *err)
{
	struct view x = {.app = app, .actor = actor, .id = id, .version = version,
			 .buf = out};

	if (actor && !finance(actor))
		return bud_authz_forbidden(err, "read payment runs");
	if (version != 3 && version != 9)
		return bud_err_set(err, BUD_EINVAL, "version", "err.payrun.version",
				   "version is 3 or 9");
	return bud_app_read(app, actor, file_unit, &x, err);
}

/* ---- remittance advice ---------------------------------------------- */

static int add_remit(void *arg, const struct bud_store_remit *m)
{
	struct view *x = arg;
	char money[BUD_MONEY_BUF];

	if (++x->seen > x->limit)
		return 0;
	if (x->buf) {
		if (bud_money_format_plain(m->amount, ',', money, sizeof(money)))
			money[0] = '\0';
		bud_buf_addf(x->buf, "%" PRId64 ";%s;%s;%s;%" PRId64 ";%" PRId64 ";%s;%s;"
			     "%s;%s;%s\r\n", m->run_id, m->execution_date, m->number,
			     m->reference, m->row_position, m->commitment_id,
			     m->period_from, m->period_to, money, m->state, m->booked_on);
		return 0;
	}
	json_array_append_new(x->out, json_pack("{s:I, s:s, s:I, s:s, s:s, s:I, s:I, "
		"s:s, s:s, s:I, s:s, s:s}", "run_id", (json_int_t)m->run_id,
		"execution_date", m->execution_date, "invoice_id", (json_int_t)m->invoice_id,
		"number", m->number, "reference", m->reference,
		"position", (json_int_t)m->row_position,
		"commitment_id", (json_int_t)m->commitment_id,
		"period_from", m->period_from, "period_to", m->period_to,
		"amount", (json_int_t)m->amount, "state", m->state,
		"booked_on", m->booked_on));
	return 0;
}

static int remit_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct view *x = arg;
	struct bud_store_provider p;
	int rc = bud_store_provider_get(c, x->id, &p, err);

	if (rc == BUD_ENOTFOUND || (rc == BUD_OK && (finance(x->actor) ?
		p.organiser_id != x->actor->organiser_id : x->actor->provider_id != p.id)))
		return bud_authz_denied(err, "provider");
	if (rc != BUD_OK)
		return rc;
	if (x->buf)
		bud_buf_adds(x->buf, "run;execution_date;invoice;reference;row;"
			     "commitment;period_from;period_to;amount;state;booked_on\r\n");
	else
		x->out = json_array();
	if ((rc = bud_store_remittance(c, x->id, x->pg ? x->pg->at : 0, x->limit + 1,
				       add_remit, x, err)))
		return rc;
	if (x->buf && bud_buf_failed(x->buf))
		return bud_err_set(err, BUD_ETOOBIG, NULL, "err.too_many", "too large");
	if (x->pg)
		x->pg->next = x->seen > x->limit ? x->pg->at + x->limit : 0;
	return log_read(x, c, "remittance", x->id, err);
}

static int remit_role(const bud_actor *a)
{
	return a && (a->role == BUD_ROLE_FINANCE || a->role == BUD_ROLE_PROVIDER_USER);
}

int bud_payrun_remittance(bud_app *app, const bud_actor *actor, int64_t provider_id,
			  struct bud_page *pg, json_t **out, bud_err *err)
{
	struct view x = {.app = app, .actor = actor, .id = provider_id, .pg = pg,
			 .limit = pg->limit};
	int rc;

	*out = NULL;
	if (!remit_role(actor))
		return bud_authz_forbidden(err, "read remittance advice");
	rc = bud_app_read(app, actor, remit_unit, &x, err);
	if (rc == BUD_OK)
		*out = x.out;
	else
		json_decref(x.out);
	return rc;
}

int bud_payrun_remittance_csv(bud_app *app, const bud_actor *actor,
			      int64_t provider_id, bud_buf *out, bud_err *err)
{
	struct view x = {.app = app, .actor = actor, .id = provider_id, .buf = out,
			 .limit = BUD_MAX_PAGE_ROWS * 50};

	if (!remit_role(actor))
		return bud_authz_forbidden(err, "read remittance advice");
	return bud_app_read(app, actor, remit_unit, &x, err);
}
