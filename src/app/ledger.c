/*
 * app/ledger.c: one plan line's ledger entries with their sources
 * (app/ledger.h), on the read path.
 */
#include <inttypes.h>
#include <stdio.h>

#include "app/authz.h"
#include "app/ledger.h"
#include "app/read.h"
#include "app/uselog.h"
#include "store/commitment.h"
#include "store/plan.h"

struct view {
	bud_app *app;
	const bud_actor *actor;
	int64_t line_id;
	struct bud_page *pg;
	json_t *out;
	int seen;
};

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static int add_entry(void *arg, const struct bud_store_ledger_entry *e)
{
	struct view *x = arg;

	if (++x->seen > x->pg->limit)
		return 0;
	json_array_append_new(x->out, json_pack("{s:I, s:s, s:I, s:s, s:I, s:{s:I, s:s}, "
		"s:o, s:o, s:o, s:o}", "id", (json_int_t)e->id, "kind", e->kind,
		"amount", (json_int_t)e->amount, "on_date", e->on_date,
		"created_at", (json_int_t)e->created_at, "decision", "plan_id",
		(json_int_t)e->plan_id, "decision_no", e->decision_no,
		"commitment_id", id_or_null(e->commitment_id),
		"invoice_row_id", id_or_null(e->invoice_row_id),
		"invoice_id", id_or_null(e->invoice_id),
		"payment", e->payment_run_id ? json_pack("{s:I, s:s}", "run_id",
			(json_int_t)e->payment_run_id, "state", e->payment_state) :
		json_null()));
	return 0;
}

static int line_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct view *x = arg;
	struct bud_store_cm_line l;
	char basis[BUD_BASIS_MAX], object[64];
	int rc = bud_store_cm_line_get(c, x->line_id, &l, err);

	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "plan line");
	if (rc != BUD_OK ||
	    (rc = bud_authz_client(x->app, c, x->actor, l.client_id, 0, basis,
				   sizeof(basis), err)))
		return rc;
	x->out = json_array();
	if ((rc = bud_store_ledger_entries(c, x->line_id, x->pg->at,
					   bud_page_fetch(x->pg), add_entry, x, err)))
		return rc;
	x->pg->next = x->seen > x->pg->limit ? x->pg->at + x->pg->limit : 0;
	snprintf(object, sizeof(object), "ledger:plan_line:%" PRId64, x->line_id);
	return bud_uselog_append_row(x->app, c, x->actor, l.client_id, "read", object,
				     basis, err);
}

int bud_ledger_line(bud_app *app, const bud_actor *actor, int64_t line_id,
		    struct bud_page *pg, json_t **out, bud_err *err)
{
	struct view x = {.app = app, .actor = actor, .line_id = line_id, .pg = pg};
	int rc;

	*out = NULL;
	if (!actor)
		return bud_authz_forbidden(err, "read the ledger");
	rc = bud_app_read(app, actor, line_unit, &x, err);
	if (rc == BUD_OK)
		*out = x.out;
	else
		json_decref(x.out);
	return rc;
}
