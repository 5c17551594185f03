/*
 * app/event_read.c: the reads of service events (app/event.h): one
 * event, a provider's list, a client's list and a worker's list of
 * disputes, each on the read path (bud_app_read) with its use-log or
 * disclosure rows, and the view of one event with what is computed on
 * read: the last day to dispute, "confirmed_by_default", payable, held,
 * and what the reader may do with it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/commitment.h"
#include "app/event.h"
#include "app/read.h"
#include "app/uselog.h"
#include "core/date.h"
#include "core/state.h"
#include "store/commitment.h"
#include "store/event.h"

struct rd {
	bud_app *app;
	const bud_actor *actor;
	struct bud_store_ev_filter f;
	struct bud_page *pg;
	int act;			/* client side: the reader may act */
	char basis[BUD_BASIS_MAX];	/* of the last access decision */
	int seen;
	int64_t last_id;
	char today[BUD_DATE_BUF];
	bud_conn *c;
	bud_err *err;
	int rc;
	json_t *out;
};

static int is_provider(const bud_actor *a)
{
	return a && a->role == BUD_ROLE_PROVIDER_USER;
}

static json_t *can_json(const struct rd *r, int state, const char *until)
{
	int open = state == BUD_EVENT_RECORDED;
	int client = r->actor->role == BUD_ROLE_CLIENT ||
		     r->actor->role == BUD_ROLE_REPRESENTATIVE;

	return json_pack("{s:b, s:b, s:b}",
		"confirm", client && r->act && open,
		"dispute", client && r->act && open && strcmp(until, r->today) >= 0,
		"resolve", r->actor->role == BUD_ROLE_WORKER && r->act &&
			   state == BUD_EVENT_DISPUTED);
}

static json_t *opt_int(int64_t v)
{
	return v ? json_integer(v) : json_null();
}

static json_t *ev_view(const struct rd *r, const struct bud_store_ev_item *it)
{
	const struct bud_store_event *e = it->ev;
	int state = bud_event_state_parse(e->state);
	char until[BUD_DATE_BUF];
	int deflt;

	bud_event_until(e->recorded_at, it->dispute_days, until);
	deflt = state == BUD_EVENT_RECORDED && strcmp(until, r->today) < 0;
	return json_pack("{s:I, s:I, s:I, s:I, s:{s:s, s:s}, s:{s:I, s:s}, "
		"s:{s:s, s:s, s:s, s:s}, s:s, s:s, s:I, s:I, s:I, s:s, s:s, "
		"s:s, s:s, s:s, s:b, s:b, s:I, s:o, s:s, s:o, s:s, s:o}",
		"id", (json_int_t)e->id, "commitment_id", (json_int_t)e->commitment_id,
		"plan_line_id", (json_int_t)e->plan_line_id,
		"client_id", (json_int_t)e->client_id,
		"client", "first_name", it->first_name, "last_name", it->last_name,
		"provider", "id", (json_int_t)e->provider_id, "name", it->provider_name,
		"service", "code", it->service_code, "name_fi", it->name_fi,
		"name_sv", it->name_sv, "name_en", it->name_en,
		"unit", it->unit, "on_date", e->on_date,
		"quantity", (json_int_t)e->quantity,
		"unit_price", (json_int_t)e->unit_price, "amount", (json_int_t)e->amount,
		"note", e->note, "external_id", e->external_id, "state", e->state,
		"effective_state", deflt ? "confirmed_by_default" : e->state,
		"dispute_until", until,
		"payable", bud_event_payable(e->state, until, r->today),
		"held", state == BUD_EVENT_DISPUTED,
		"recorded_at", (json_int_t)e->recorded_at,
		"answered_at", opt_int(e->answered_at), "reason", e->reason,
		"resolved_at", opt_int(e->resolved_at), "resolution", e->resolution,
		"can", can_json(r, state, until));
}

/* The row of this read: a disclosure to a provider, else a read. */
static int log_one(struct rd *r, const struct bud_store_event *e)
{
	char object[48], recipient[32];
	struct bud_uselog_entry u;

	snprintf(object, sizeof(object), "service_event:%" PRId64, e->id);
	memset(&u, 0, sizeof(u));
	u.client_id = e->client_id;
	u.object = object;
	if (!is_provider(r->actor)) {
		u.action = "read";
		u.basis = r->basis;
		return bud_uselog_append(r->app, r->c, r->actor, &u, r->err);
	}
	snprintf(recipient, sizeof(recipient), "provider:%" PRId64, e->provider_id);
	u.action = "disclose";
	u.basis = "commitment";
	u.recipient = recipient;
	u.legal_basis = BUD_CM_BASIS_ORDER;
	return bud_uselog_append(r->app, r->c, r->actor, &u, r->err);
}

/* May the (non-provider) reader see e, and act on it? Skips (1) a row a
 * worker's list may not show. */
static int reader_may(struct rd *r, const struct bud_store_event *e, int *skip)
{
	char basis[BUD_BASIS_MAX];
	bud_err ignore;
	int rc;

	*skip = 0;
	r->act = 0;
	if (is_provider(r->actor))
		return r->actor->provider_id == e->provider_id ? BUD_OK
			: bud_authz_denied(r->err, "service event");
	rc = bud_authz_client(r->app, r->c, r->actor, e->client_id, 0, r->basis,
			      sizeof(r->basis), r->err);
	if (rc == BUD_ENOTFOUND && r->f.disputed) {
		*skip = 1;
		bud_err_clear(r->err);
		return BUD_OK;
	}
	if (rc != BUD_OK)
		return rc;
	r->act = bud_authz_client(r->app, r->c, r->actor, e->client_id, 1, basis,
				  sizeof(basis), &ignore) == BUD_OK;
	return BUD_OK;
}

static int add_item(void *arg, const struct bud_store_ev_item *it)
{
	struct rd *r = arg;
	int skip = 0;
	json_t *v;

	if (r->pg && ++r->seen > r->pg->limit)
		return 0;
	r->last_id = it->ev->id;
	if ((r->rc = reader_may(r, it->ev, &skip)) || skip)
		return r->rc;
	if ((r->rc = log_one(r, it->ev)))
		return r->rc;
	if (!(v = ev_view(r, it)))
		return r->rc = bud_err_set(r->err, BUD_ENOMEM, NULL, "err.generic",
					   "no memory");
	if (r->pg)
		json_array_append_new(r->out, v);
	else
		r->out = v;
	return 0;
}

/* The provider's list of one commitment: the commitment must be its own
 * (else the one answer for no such thing and no access). */
static int own_commitment(struct rd *r, bud_conn *c, bud_err *err)
{
	struct bud_store_commitment cm;
	int rc = bud_store_commitment_get(c, r->f.commitment_id, &cm, err);

	if (rc == BUD_ENOTFOUND || (rc == BUD_OK && cm.provider_id != r->f.provider_id))
		return bud_authz_denied(err, "commitment");
	return rc;
}

static int list_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct rd *r = arg;
	int rc;

	r->c = c;
	r->err = err;
	if (r->f.client_id &&
	    (rc = bud_authz_client(r->app, c, r->actor, r->f.client_id, 0,
				   r->basis, sizeof(r->basis), err)))
		return rc;
	if (r->f.commitment_id && (rc = own_commitment(r, c, err)))
		return rc;
	if (r->pg && !(r->out = json_array()))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	rc = bud_store_event_list(c, &r->f, r->pg ? r->pg->at : 0,
				  r->pg ? bud_page_fetch(r->pg) : 1, add_item, r, err);
	if (rc != BUD_OK)
		return r->rc != BUD_OK ? r->rc : rc;
	if (!r->pg && !r->out)
		return bud_authz_denied(err, "service event");
	if (r->pg)
		r->pg->next = r->seen > r->pg->limit ? r->last_id : 0;
	return BUD_OK;
}

static int run_list(struct rd *r, json_t **out, bud_err *err)
{
	int rc;

	*out = NULL;
	if (r->pg && (r->pg->limit < 1 || r->pg->limit > BUD_MAX_PAGE_ROWS))
		r->pg->limit = BUD_PAGE_DEFAULT;
	if (bud_app_today(r->app, r->today, sizeof(r->today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	rc = bud_app_read(r->app, r->actor, list_unit, r, err);
	if (rc == BUD_OK)
		*out = r->out;
	else
		json_decref(r->out);
	return rc;
}

int bud_event_get(bud_app *app, const bud_actor *actor, int64_t id,
		  json_t **out, bud_err *err)
{
	struct rd r = {.app = app, .actor = actor};

	if (!actor || !(actor->role & (BUD_ROLE_PROVIDER_USER | BUD_ROLE_CLIENT |
		BUD_ROLE_REPRESENTATIVE | BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER)))
		return bud_authz_forbidden(err, "read service events");
	if (id <= 0)
		return bud_authz_denied(err, "service event");
	r.f.id = id;
	return run_list(&r, out, err);
}

int bud_event_view_on(bud_app *app, bud_conn *w, const bud_actor *actor,
		      int64_t id, json_t **out, bud_err *err)
{
	struct rd r = {.app = app, .actor = actor};
	int rc;

	*out = NULL;
	if (!is_provider(actor))
		return bud_authz_forbidden(err, "read service events");
	if (id <= 0)
		return bud_authz_denied(err, "service event");
	r.f.id = id;
	if (bud_app_today(app, r.today, sizeof(r.today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	if ((rc = list_unit(w, &r, err)) == BUD_OK)
		*out = r.out;
	else
		json_decref(r.out);
	return rc;
}

int bud_event_list_provider(bud_app *app, const bud_actor *actor,
			    int64_t commitment_id, struct bud_page *pg,
			    json_t **out, bud_err *err)
{
	struct rd r = {.app = app, .actor = actor, .pg = pg};
	int rc;

	if ((rc = bud_event_provider_of(actor, &r.f.provider_id, err)))
		return rc;
	r.f.commitment_id = commitment_id;
	if (pg->limit > BUD_PROVIDER_PAGE_MAX)
		pg->limit = BUD_PROVIDER_PAGE_MAX;
	return run_list(&r, out, err);
}

int bud_event_list_client(bud_app *app, const bud_actor *actor,
			  int64_t client_id, struct bud_page *pg, json_t **out,
			  bud_err *err)
{
	struct rd r = {.app = app, .actor = actor, .pg = pg};

	if (!actor || !(actor->role & (BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE |
				       BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER)))
		return bud_authz_forbidden(err, "read service events");
	if (client_id <= 0)
		return bud_authz_denied(err, "client");
	r.f.client_id = client_id;
	return run_list(&r, out, err);
}

int bud_event_list_disputed(bud_app *app, const bud_actor *actor,
			    struct bud_page *pg, json_t **out, bud_err *err)
{
	struct rd r = {.app = app, .actor = actor, .pg = pg};

	if (!actor || (actor->role != BUD_ROLE_WORKER &&
		       actor->role != BUD_ROLE_DECISION_MAKER))
		return bud_authz_forbidden(err, "read disputes");
	r.f.organiser_id = actor->organiser_id;
	r.f.disputed = 1;
	if (pg->limit > BUD_PROVIDER_PAGE_MAX)
		pg->limit = BUD_PROVIDER_PAGE_MAX;	/* each client a use-log row */
	return run_list(&r, out, err);
}
