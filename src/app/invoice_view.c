/*
 * app/invoice_view.c: reading invoices (bud_invoice_get, bud_invoice_list
 * of app/invoice.h) on the read path. Finance reads its organiser's, a
 * provider user its own provider's; the rows name commitments, never
 * people, so the use-log row names the invoice and no client.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/invoice.h"
#include "app/read.h"
#include "app/uselog.h"
#include "store/invoice.h"

struct view {
	bud_app *app;
	const bud_actor *actor;
	int64_t id, provider_id;
	const char *state;
	struct bud_page *pg;
	struct bud_store_invoice_row *rows;
	json_t *out;
	int seen;
	int rc;
	bud_err *err;
};

static int reader_role(const bud_actor *a)
{
	return a && (a->role == BUD_ROLE_FINANCE || a->role == BUD_ROLE_PROVIDER_USER);
}

/* May the actor see invoice v? */
static int may_see(const bud_actor *a, const struct bud_store_invoice *v)
{
	if (a->role == BUD_ROLE_PROVIDER_USER)
		return a->provider_id == v->provider_id;
	return a->organiser_id == v->organiser_id;
}

static json_t *invoice_json(const struct bud_store_invoice *v)
{
	return json_pack("{s:I, s:{s:I, s:s}, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
			 "s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:o}",
		"id", (json_int_t)v->id, "provider", "id", (json_int_t)v->provider_id,
		"name", v->provider_name, "source", v->source, "number", v->number,
		"period_from", v->period_from, "period_to", v->period_to,
		"invoice_date", v->invoice_date, "due_date", v->due_date,
		"reference", v->reference, "buyer_ovt", v->buyer_ovt, "iban", v->iban,
		"bic", v->bic, "state", v->state, "claimed", (json_int_t)v->claimed,
		"approved", (json_int_t)v->approved, "rows_count", (json_int_t)v->n_rows,
		"created_at", (json_int_t)v->created_at,
		"approved_at", v->approved_at ? json_integer(v->approved_at) :
		json_null());
}

static json_t *row_json(const struct bud_store_invoice_row *r)
{
	return json_pack("{s:I, s:I, s:o, s:o, s:s, s:s, s:I, s:I, s:I, s:s, s:s, "
			 "s:s, s:s, s:I}",
		"id", (json_int_t)r->id, "position", (json_int_t)r->position,
		"commitment_id", r->commitment_id ? json_integer(r->commitment_id) :
		json_null(), "plan_line_id", r->plan_line_id ?
		json_integer(r->plan_line_id) : json_null(),
		"period_from", r->period_from, "period_to", r->period_to,
		"quantity", (json_int_t)r->quantity, "unit_price", (json_int_t)r->unit_price,
		"amount", (json_int_t)r->amount, "text", r->text, "state", r->state,
		"code", r->code, "detail", r->detail, "events", (json_int_t)r->events);
}

static int log_read(struct view *x, bud_conn *c, const char *object, bud_err *err)
{
	return bud_uselog_append_row(x->app, c, x->actor, 0, "read", object,
				     x->actor->role == BUD_ROLE_FINANCE ? "finance" :
				     "provider", err);
}

static int get_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct view *x = arg;
	struct bud_store_invoice v;
	json_t *rows;
	char object[48];
	size_t n = 0, i;
	int rc = bud_store_invoice_get(c, x->id, &v, err);

	if (rc == BUD_ENOTFOUND || (rc == BUD_OK && !may_see(x->actor, &v)))
		return bud_authz_denied(err, "invoice");
	if (rc != BUD_OK ||
	    (rc = bud_store_invoice_rows(c, x->id, x->rows, BUD_INVOICE_ROWS_MAX,
					 &n, err)) != BUD_OK)
		return rc;
	x->out = invoice_json(&v);
	rows = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(rows, row_json(&x->rows[i]));
	json_object_set_new(x->out, "rows", rows);
	json_object_set_new(x->out, "can", json_pack("{s:b}", "approve",
		x->actor->role == BUD_ROLE_FINANCE && strcmp(v.state, "received") == 0));
	snprintf(object, sizeof(object), "invoice:%" PRId64, v.id);
	return log_read(x, c, object, err);
}

int bud_invoice_get(bud_app *app, const bud_actor *actor, int64_t id,
		    json_t **out, bud_err *err)
{
	struct view x = {.app = app, .actor = actor, .id = id};
	int rc;

	*out = NULL;
	if (!reader_role(actor))
		return bud_authz_forbidden(err, "read invoices");
	x.rows = calloc(BUD_INVOICE_ROWS_MAX, sizeof(*x.rows));
	if (!x.rows)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	rc = bud_app_read(app, actor, get_unit, &x, err);
	free(x.rows);
	if (rc == BUD_OK)
		*out = x.out;
	else
		json_decref(x.out);
	return rc;
}

static int add_item(void *arg, const struct bud_store_invoice *v)
{
	struct view *x = arg;

	if (++x->seen > x->pg->limit)
		return 0;
	json_array_append_new(x->out, invoice_json(v));
	return 0;
}

static int list_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct view *x = arg;
	int rc;

	x->out = json_array();
	rc = bud_store_invoice_list(c, x->actor->organiser_id, x->provider_id,
				    x->state, x->pg->at, bud_page_fetch(x->pg),
				    add_item, x, err);
	if (rc != BUD_OK)
		return rc;
	x->pg->next = x->seen > x->pg->limit ? x->pg->at + x->pg->limit : 0;
	return log_read(x, c, "invoice:list", err);
}

int bud_invoice_list(bud_app *app, const bud_actor *actor, int64_t provider_id,
		     const char *state, struct bud_page *pg, json_t **out,
		     bud_err *err)
{
	struct view x = {.app = app, .actor = actor, .provider_id = provider_id,
			 .state = state ? state : "", .pg = pg};
	int rc;

	*out = NULL;
	if (!reader_role(actor))
		return bud_authz_forbidden(err, "read invoices");
	if (actor->role == BUD_ROLE_PROVIDER_USER)
		x.provider_id = actor->provider_id;
	if (x.state[0] && strcmp(x.state, "received") && strcmp(x.state, "approved") &&
	    strcmp(x.state, "refused") && strcmp(x.state, "paid"))
		return bud_err_set(err, BUD_EINVAL, "state", "err.invoice.state_filter",
				   "no such state");
	rc = bud_app_read(app, actor, list_unit, &x, err);
	if (rc == BUD_OK)
		*out = x.out;
	else
		json_decref(x.out);
	return rc;
}

struct days_read {
	int64_t organiser_id, days;
};

static int days_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct days_read *d = arg;
	char ovt[BUD_ID_BUF];

	return bud_store_invoice_org(c, d->organiser_id, &d->days, ovt, sizeof(ovt), err);
}

int bud_invoice_charge_days(bud_app *app, const bud_actor *actor, int64_t *days,
			    bud_err *err)
{
	struct days_read d = {actor ? actor->organiser_id : 0, 0};
	int rc;

	*days = 0;
	if (!actor || !(actor->role & BUD_ROLE_STAFF))
		return bud_authz_forbidden(err, "read settings");
	rc = bud_app_read(app, actor, days_unit, &d, err);
	if (rc == BUD_OK)
		*days = d.days;
	return rc;
}
