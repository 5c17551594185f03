/*
 * app/retention.c: retention and destruction (see retention.h). Reads run
 * on the thread's reader (bud_app_read); each change is one write unit;
 * destruction is one unit per client, so a failure stops with the clients
 * before it destroyed and the rest still listed, and a new run goes on.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/account.h"
#include "app/authz.h"
#include "app/read.h"
#include "app/retention.h"
#include "app/totp.h"
#include "app/uselog.h"
#include "bud_limits.h"
#include "core/date.h"
#include "store/org.h"
#include "store/retention.h"

/* The admin, or the command line (actor NULL). */
static int may(const bud_actor *actor, bud_err *err)
{
	if (!actor || actor->role == BUD_ROLE_ADMIN)
		return BUD_OK;
	return bud_authz_forbidden(err, "keep and destroy client records");
}

/* The actor's organiser (the command line: the database's only one). */
static int organiser_of(bud_conn *c, const bud_actor *actor, int64_t *id,
			bud_err *err)
{
	struct bud_store_organiser o;
	int rc;

	if (actor) {
		*id = actor->organiser_id;
		return BUD_OK;
	}
	if ((rc = bud_store_organiser_only(c, &o, err)) != BUD_OK)
		return rc;
	*id = o.id;
	return BUD_OK;
}

/* The day a client closed on `closed` becomes due after `years`: the day
 * after the anniversary, into out (BUD_DATE_BUF); "" for an open case. */
static void due_on(const char *closed, int years, char *out)
{
	int y, m, d, ny, nm, nd;

	out[0] = '\0';
	if (bud_date_parse(closed, &y, &m, &d, NULL) != BUD_OK || y >= 9999 ||
	    bud_date_add_months(y, m, d, 12 * years, &ny, &nm, &nd) != BUD_OK ||
	    bud_date_from_days(bud_date_days(ny, nm, nd) + 1, &ny, &nm, &nd) != BUD_OK)
		return;
	bud_date_format(ny, nm, nd, out);
}

/* A log row of the actor (or the system) about the retention work. */
static int log_row(bud_app *app, bud_conn *c, const bud_actor *actor,
		   int64_t client_id, const char *action, const char *object,
		   const char *basis, bud_err *err)
{
	return bud_uselog_append_row(app, c, actor, client_id, action, object, basis,
				     err);
}

/* ---- settings --------------------------------------------------------- */

struct settings_arg {
	const bud_actor *actor;
	int years;
	int64_t open;
};

static int settings_read(bud_conn *c, void *arg, bud_err *err)
{
	struct settings_arg *a = arg;
	int64_t org;
	int rc;

	if ((rc = organiser_of(c, a->actor, &org, err)) ||
	    (rc = bud_store_retention_years(c, org, &a->years, err)))
		return rc;
	return bud_store_dlist_open(c, org, &a->open, err);
}

int bud_retention_settings(bud_app *app, const bud_actor *actor, json_t **out,
			   bud_err *err)
{
	struct settings_arg a = {actor, 0, 0};
	int rc;

	*out = NULL;
	if ((rc = may(actor, err)) || (rc = bud_app_read(app, actor, settings_read, &a, err)))
		return rc;
	*out = json_pack("{s:i, s:i, s:i, s:o}", "retention_years", a.years,
			 "retention_years_min", BUD_RETENTION_YEARS_MIN,
			 "retention_years_max", BUD_RETENTION_YEARS_MAX, "open_list",
			 a.open ? json_integer(a.open) : json_null());
	return *out ? BUD_OK : bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "settings");
}

struct years_arg {
	bud_app *app;
	const bud_actor *actor;
	int years;
};

static int years_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct years_arg *a = arg;
	int64_t org;
	int rc;

	if ((rc = organiser_of(w, a->actor, &org, err)) ||
	    (rc = bud_store_retention_years_set(w, org, a->years, err)))
		return rc;
	return log_row(a->app, w, a->actor, 0, "change", "retention", "admin", err);
}

int bud_retention_years_set(bud_app *app, const bud_actor *actor, int years,
			    bud_err *err)
{
	struct years_arg a = {app, actor, years};
	int rc;

	if ((rc = may(actor, err)))
		return rc;
	if (years < BUD_RETENTION_YEARS_MIN || years > BUD_RETENTION_YEARS_MAX)
		return bud_err_set(err, BUD_EINVAL, "retention_years", "err.retention.years",
				   "%d..%d years", BUD_RETENTION_YEARS_MIN,
				   BUD_RETENTION_YEARS_MAX);
	return bud_db_write(app->db, years_unit, &a, err);
}

/* ---- the report ------------------------------------------------------- */

struct due_arg {
	bud_app *app;
	const bud_actor *actor;
	struct bud_page *pg;
	int years;
	json_t *items;
};

static json_t *due_json(const struct bud_store_due *d, int years)
{
	char due[BUD_DATE_BUF];

	due_on(d->closed_on, years, due);
	return json_pack("{s:I, s:s, s:s, s:s, s:o}", "client_id", (json_int_t)d->client_id,
			 "closed_on", d->closed_on, "due_on", due, "municipality",
			 d->municipality, "unit_id", d->unit_id ? json_integer(d->unit_id) :
			 json_null());
}

static int due_row(void *arg, const struct bud_store_due *d)
{
	struct due_arg *a = arg;

	return json_array_append_new(a->items, due_json(d, a->years)) ? BUD_ENOMEM : 0;
}

static int due_read(bud_conn *c, void *arg, bud_err *err)
{
	struct due_arg *a = arg;
	char today[BUD_DATE_BUF];
	int64_t org;
	int rc;

	if ((rc = organiser_of(c, a->actor, &org, err)) ||
	    (rc = bud_store_retention_years(c, org, &a->years, err)) ||
	    (rc = bud_app_today(a->app, today, sizeof(today))) ||
	    (rc = bud_store_retention_due(c, org, today, a->years, a->pg->at,
					  bud_page_fetch(a->pg), due_row, a, err)))
		return rc;
	if ((size_t)bud_page_offset_done(a->pg, (int)json_array_size(a->items)) <
	    json_array_size(a->items))
		json_array_remove(a->items, json_array_size(a->items) - 1);
	return log_row(a->app, c, a->actor, 0, "read", "retention", "admin", err);
}

int bud_retention_due(bud_app *app, const bud_actor *actor, struct bud_page *pg,
		      json_t **out, bud_err *err)
{
	struct due_arg a = {app, actor, pg, 0, json_array()};
	int rc;

	*out = NULL;
	if ((rc = may(actor, err)) || (rc = bud_app_read(app, actor, due_read, &a, err))) {
		json_decref(a.items);
		return rc;
	}
	*out = a.items;
	return BUD_OK;
}

/* ---- lists ------------------------------------------------------------ */

struct create_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t id;
};

static int create_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct create_arg *a = arg;
	char today[BUD_DATE_BUF], object[48];
	int64_t org, open, count = 0;
	int years, rc;

	if ((rc = organiser_of(w, a->actor, &org, err)) ||
	    (rc = bud_store_dlist_open(w, org, &open, err)))
		return rc;
	if (open)
		return bud_err_set(err, BUD_ECONFLICT, "list", "err.retention.open",
				   "list %" PRId64 " is not done yet", open);
	if ((rc = bud_store_retention_years(w, org, &years, err)) ||
	    (rc = bud_app_today(a->app, today, sizeof(today))) ||
	    (rc = bud_store_dlist_insert(w, org, today, years, a->actor ?
					 a->actor->user_id : 0, bud_app_now(a->app),
					 BUD_RETENTION_LIST_MAX, &a->id, &count, err)))
		return rc;
	if (count == 0)
		return bud_err_set(err, BUD_ECONFLICT, "list", "err.retention.empty",
				   "no client is due");
	snprintf(object, sizeof(object), "destruction_list:%" PRId64, a->id);
	return log_row(a->app, w, a->actor, 0, "create", object, "admin", err);
}

int bud_retention_list_create(bud_app *app, const bud_actor *actor, int64_t *id,
			      bud_err *err)
{
	struct create_arg a = {app, actor, 0};
	int rc;

	*id = 0;
	if ((rc = may(actor, err)) || (rc = bud_db_write(app->db, create_unit, &a, err)))
		return rc;
	*id = a.id;
	return BUD_OK;
}

static json_t *list_json(const struct bud_store_dlist *l)
{
	return json_pack("{s:I, s:s, s:i, s:s, s:I, s:s?, s:o, s:s?, s:o, s:I, s:I, s:I}",
		"id", (json_int_t)l->id, "as_of", l->as_of, "retention_years",
		l->retention_years, "state", l->state, "created_at",
		(json_int_t)l->created_at, "created_by", l->created_by_name[0] ?
		l->created_by_name : NULL, "approved_at", l->approved_at ?
		json_integer(l->approved_at) : json_null(), "approved_by",
		l->approved_by_name[0] ? l->approved_by_name : NULL, "done_at",
		l->done_at ? json_integer(l->done_at) : json_null(), "clients",
		(json_int_t)l->clients, "destroyed", (json_int_t)l->destroyed,
		"dropped", (json_int_t)l->dropped);
}

struct get_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t id;
	struct bud_store_dlist l;
	json_t *items;
};

static int item_row(void *arg, const struct bud_store_due *d)
{
	struct get_arg *a = arg;
	json_t *v = json_pack("{s:I, s:s, s:s, s:o, s:s, s:o, s:s}", "client_id",
		(json_int_t)d->client_id, "closed_on", d->closed_on, "municipality",
		d->municipality, "unit_id", d->unit_id ? json_integer(d->unit_id) :
		json_null(), "state", d->state, "done_at", d->done_at ?
		json_integer(d->done_at) : json_null(), "removed", d->removed);

	return json_array_append_new(a->items, v) ? BUD_ENOMEM : 0;
}

static int get_read(bud_conn *c, void *arg, bud_err *err)
{
	struct get_arg *a = arg;
	char object[48];
	int64_t org;
	int rc;

	if ((rc = organiser_of(c, a->actor, &org, err)) ||
	    (rc = bud_store_dlist_get(c, org, a->id, &a->l, err)) ||
	    (rc = bud_store_dlist_items(c, a->id, NULL, item_row, a, err)))
		return rc;
	snprintf(object, sizeof(object), "destruction_list:%" PRId64, a->id);
	return log_row(a->app, c, a->actor, 0, "read", object, "admin", err);
}

int bud_retention_list_get(bud_app *app, const bud_actor *actor, int64_t id,
			   json_t **out, bud_err *err)
{
	struct get_arg a = {.app = app, .actor = actor, .id = id, .items = json_array()};
	int rc;

	*out = NULL;
	if ((rc = may(actor, err)) || (rc = bud_app_read(app, actor, get_read, &a, err))) {
		json_decref(a.items);
		return rc == BUD_ENOTFOUND ? bud_authz_denied(err, "list") : rc;
	}
	*out = list_json(&a.l);
	json_object_set_new(*out, "items", a.items);
	return BUD_OK;
}

struct lists_arg {
	const bud_actor *actor;
	struct bud_page *pg;
	json_t *items;
};

static int lists_row(void *arg, const struct bud_store_dlist *l)
{
	struct lists_arg *a = arg;

	return json_array_append_new(a->items, list_json(l)) ? BUD_ENOMEM : 0;
}

static int lists_read(bud_conn *c, void *arg, bud_err *err)
{
	struct lists_arg *a = arg;
	int64_t org;
	int rc;

	if ((rc = organiser_of(c, a->actor, &org, err)) ||
	    (rc = bud_store_dlists(c, org, a->pg->at, bud_page_fetch(a->pg), lists_row,
				   a, err)))
		return rc;
	if ((size_t)bud_page_offset_done(a->pg, (int)json_array_size(a->items)) <
	    json_array_size(a->items))
		json_array_remove(a->items, json_array_size(a->items) - 1);
	return BUD_OK;
}

int bud_retention_lists(bud_app *app, const bud_actor *actor, struct bud_page *pg,
			json_t **out, bud_err *err)
{
	struct lists_arg a = {actor, pg, json_array()};
	int rc;

	*out = NULL;
	if ((rc = may(actor, err)) || (rc = bud_app_read(app, actor, lists_read, &a, err))) {
		json_decref(a.items);
		return rc;
	}
	*out = a.items;
	return BUD_OK;
}

/* ---- approval and destruction ----------------------------------------- */

struct act_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t list_id, client_id;
	char closed_on[BUD_DATE_BUF];	/* the client's when listed */
	struct bud_store_dlist l;
	int destroyed;			/* out: 1 destroyed, 0 dropped */
};

/* 1 when a listed client is still due: its case closed when it was
 * listed (not opened again, not closed later) and its time has passed,
 * by the list's period and by the organiser's now, whichever is longer. */
static int still_due(bud_conn *w, struct act_arg *a, bud_err *err, int *yes)
{
	char now_closed[BUD_DATE_BUF], due[BUD_DATE_BUF], today[BUD_DATE_BUF];
	int years, rc;

	*yes = 0;
	if ((rc = bud_store_retention_closed_on(w, a->client_id, now_closed, err)) ||
	    (rc = bud_store_retention_years(w, a->l.organiser_id, &years, err)) ||
	    (rc = bud_app_today(a->app, today, sizeof(today))))
		return rc;
	/* a period made longer since the list was made holds too */
	due_on(now_closed, years > a->l.retention_years ? years : a->l.retention_years, due);
	*yes = now_closed[0] && strcmp(now_closed, a->closed_on) == 0 && due[0] &&
	       strcmp(due, today) <= 0;
	return BUD_OK;
}

/* The actor's user id for the records, 0 for the command line. */
static int64_t by(const bud_actor *actor)
{
	return actor ? actor->user_id : 0;
}

/* Destroy one listed client, or drop it when it is no longer due. */
static int client_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct act_arg *a = arg;
	char removed[256], basis[48];
	int64_t now = bud_app_now(a->app);
	int due, rc;

	if ((rc = still_due(w, a, err, &due)))
		return rc;
	a->destroyed = due;
	if (!due)
		return bud_store_ditem_set(w, a->list_id, a->client_id, "dropped",
					   by(a->actor), now, "", err);
	snprintf(basis, sizeof(basis), "destruction_list:%" PRId64, a->list_id);
	if ((rc = bud_store_client_destroy(w, a->client_id, now, removed,
					   sizeof(removed), err)) ||
	    (rc = bud_store_ditem_set(w, a->list_id, a->client_id, "destroyed",
				      by(a->actor), now, removed, err)))
		return rc;
	return log_row(a->app, w, a->actor, a->client_id, "change", "client:destroyed",
		       basis, err);
}

/* Drop the clients of a proposed list no longer due, then approve it. */
struct approve_arg {
	struct act_arg act;
	json_t *listed;		/* [[client_id, closed_on]] */
};

static int listed_row(void *arg, const struct bud_store_due *d)
{
	struct approve_arg *a = arg;

	return json_array_append_new(a->listed, json_pack("[I, s]",
				     (json_int_t)d->client_id, d->closed_on)) ? BUD_ENOMEM : 0;
}

static int approve_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct approve_arg *a = arg;
	struct act_arg *x = &a->act;
	int64_t org, now = bud_app_now(x->app);
	char object[48];
	json_t *v;
	size_t i;
	int due, rc;

	if ((rc = organiser_of(w, x->actor, &org, err)) ||
	    (rc = bud_store_dlist_get(w, org, x->list_id, &x->l, err)) ||
	    (rc = bud_store_dlist_items(w, x->list_id, "listed", listed_row, a, err)))
		return rc;
	json_array_foreach(a->listed, i, v) {
		x->client_id = json_integer_value(json_array_get(v, 0));
		snprintf(x->closed_on, sizeof(x->closed_on), "%s",
			 json_string_value(json_array_get(v, 1)));
		if ((rc = still_due(w, x, err, &due)) ||
		    (!due && (rc = bud_store_ditem_set(w, x->list_id, x->client_id,
						       "dropped", by(x->actor), now, "", err))))
			return rc;
	}
	if ((rc = bud_store_dlist_approve(w, x->list_id, by(x->actor), now, err)))
		return rc;
	snprintf(object, sizeof(object), "destruction_list:%" PRId64, x->list_id);
	return log_row(x->app, w, x->actor, 0, "change", object, "admin", err);
}

int bud_retention_list_approve(bud_app *app, const bud_actor *actor, int64_t id,
			       const char *password, const char *code, bud_err *err)
{
	struct approve_arg a = {{.app = app, .actor = actor, .list_id = id}, json_array()};
	int rc;

	if ((rc = may(actor, err)))
		goto out;
	if (actor && (!password || !password[0])) {
		rc = bud_err_set(err, BUD_EINVAL, "password", "err.required",
				 "the password is required");
		goto out;
	}
	if (actor && (rc = bud_account_check_password(app, actor, password, err)) == BUD_EAUTH)
		rc = bud_err_set(err, BUD_EAUTH, "password", "err.invoice.password_wrong",
				 "wrong password");
	if (rc == BUD_OK && actor)
		rc = bud_account_fresh_second_factor(app, actor, code, err);
	if (rc == BUD_OK)
		rc = bud_db_write(app->db, approve_unit, &a, err);
	if (rc == BUD_ENOTFOUND && err && strcmp(err->field, "list") == 0)
		rc = bud_authz_denied(err, "list");
out:
	json_decref(a.listed);
	return rc;
}

/* The list's state and its clients still listed, read on the writer's
 * side of the story: a read before the units (each unit checks again). */
struct plan_arg {
	struct approve_arg ap;
	int64_t org;
};

static int destroy_plan(bud_conn *c, void *arg, bud_err *err)
{
	struct plan_arg *p = arg;
	struct act_arg *x = &p->ap.act;
	int rc;

	if ((rc = organiser_of(c, x->actor, &p->org, err)) ||
	    (rc = bud_store_dlist_get(c, p->org, x->list_id, &x->l, err)))
		return rc;
	/* a list done already: only the checkpoint is run again */
	if (strcmp(x->l.state, "approved") != 0 && strcmp(x->l.state, "done") != 0)
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.retention.state",
				   "the list is %s, not approved", x->l.state);
	return bud_store_dlist_items(c, x->list_id, "listed", listed_row, &p->ap, err);
}

static int done_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct act_arg *x = arg;

	return bud_store_dlist_done(w, x->list_id, bud_app_now(x->app), err);
}

int bud_retention_list_destroy(bud_app *app, const bud_actor *actor, int64_t id,
			       int64_t *destroyed, int64_t *dropped, bud_err *err)
{
	struct plan_arg p = {{{.app = app, .actor = actor, .list_id = id}, json_array()}, 0};
	struct act_arg *x = &p.ap.act;
	int64_t nd = 0, nx = 0;
	json_t *v;
	size_t i;
	int rc;

	if (!(rc = may(actor, err)))
		rc = bud_app_read(app, actor, destroy_plan, &p, err);
	json_array_foreach(p.ap.listed, i, v) {
		if (rc != BUD_OK)
			break;
		x->client_id = json_integer_value(json_array_get(v, 0));
		snprintf(x->closed_on, sizeof(x->closed_on), "%s",
			 json_string_value(json_array_get(v, 1)));
		if ((rc = bud_db_write(app->db, client_unit, x, err)) == BUD_OK)
			*(x->destroyed ? &nd : &nx) += 1;
	}
	json_decref(p.ap.listed);
	if (rc == BUD_OK)
		rc = bud_db_write(app->db, done_unit, x, err);
	if (rc == BUD_OK)
		rc = bud_db_checkpoint(app->db, err);
	if (destroyed)
		*destroyed = nd;
	if (dropped)
		*dropped = nx;
	return rc == BUD_ENOTFOUND && err && strcmp(err->field, "list") == 0 ?
		bud_authz_denied(err, "list") : rc;
}
