/*
 * app/authz.c: the decision whether an actor may read or change a client's
 * data (see app/authz.h for the rules per role). Every use case that
 * touches a client's data calls bud_authz_client first and writes the
 * basis it returns into the use log.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/read.h"
#include "app/uselog.h"
#include "store/authz.h"

static int deny(bud_err *err, const char *why)
{
	return bud_err_set(err, BUD_ENOTFOUND, NULL, "err.authz.denied",
			   "no access to this client: %s", why);
}

int bud_authz_forbidden(bud_err *err, const char *what)
{
	return bud_err_set(err, BUD_EFORBIDDEN, NULL, "err.forbidden",
			   "the role may not %s", what);
}

int bud_authz_denied(bud_err *err, const char *what)
{
	return bud_err_set(err, BUD_ENOTFOUND, NULL, "err.authz.denied",
			   "no such %s, or no access to it", what);
}

static void set_basis(char *basis, size_t basissz, const char *s)
{
	if (basis && basissz)
		snprintf(basis, basissz, "%s", s);
}

/* A representative: a mandate valid today, with scope act when asked. */
static int by_mandate(bud_app *app, bud_conn *c, const bud_actor *a,
		      int64_t client_id, int want_act, char *basis,
		      size_t basissz, bud_err *err)
{
	char today[16];
	int64_t mid;
	int act, rc;

	rc = bud_app_today(app, today, sizeof(today));
	if (rc != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
				   "clock out of range");
	rc = bud_store_mandate_valid(c, a->user_id, client_id, today, &mid,
				     &act, err);
	if (rc == BUD_ENOTFOUND)
		return deny(err, "no valid mandate");
	if (rc != BUD_OK)
		return rc;
	if (want_act && !act)
		return deny(err, "the mandate allows viewing only");
	if (basis && basissz)
		snprintf(basis, basissz, "mandate:%" PRId64, mid);
	return BUD_OK;
}

static int authz_decide(bud_app *app, bud_conn *c, const bud_actor *a,
			int64_t client_id, int want_act, char *basis,
			size_t basissz, bud_err *err);

/* A read in an answer that already decided about client_id: the same
 * basis, without asking the database again. */
static const char *decided(bud_conn *c, int64_t client_id, int want_act)
{
	return bud_conn_is_reader(c) ?
		bud_readlog_authz(bud_conn_ctx(c), client_id, want_act) : NULL;
}

int bud_authz_client(bud_app *app, bud_conn *c, const bud_actor *a,
		     int64_t client_id, int want_act, char *basis,
		     size_t basissz, bud_err *err)
{
	const char *known = decided(c, client_id, want_act);
	int rc;

	if (known && a && a->user_id > 0) {
		set_basis(basis, basissz, known);
		return BUD_OK;
	}
	rc = authz_decide(app, c, a, client_id, want_act, basis, basissz, err);
	if (rc == BUD_OK && basis && bud_conn_is_reader(c))
		bud_readlog_authz_keep(bud_conn_ctx(c), client_id, want_act, basis);
	return rc;
}

static int authz_decide(bud_app *app, bud_conn *c, const bud_actor *a,
			int64_t client_id, int want_act, char *basis,
			size_t basissz, bud_err *err)
{
	struct bud_store_client_access ca;
	int rc;

	set_basis(basis, basissz, "");
	if (!a || a->user_id <= 0 || client_id <= 0)
		return deny(err, "not signed in or no client");
	if (a->role == BUD_ROLE_CLIENT) {
		if (a->client_id != client_id)
			return deny(err, "another client");
		set_basis(basis, basissz, "own");
		return BUD_OK;
	}
	if (a->role == BUD_ROLE_REPRESENTATIVE)
		return by_mandate(app, c, a, client_id, want_act, basis,
				  basissz, err);
	if (a->role != BUD_ROLE_WORKER && a->role != BUD_ROLE_DECISION_MAKER)
		return deny(err, "the role has no access to client data");
	rc = bud_store_client_access(c, client_id, &ca, err);
	if (rc == BUD_ENOTFOUND)
		return deny(err, "no such client");
	if (rc != BUD_OK)
		return rc;
	if (a->role == BUD_ROLE_WORKER &&
	    !(ca.worker_id == a->user_id ||
	      (a->unit_id && ca.unit_id == a->unit_id)))
		return deny(err, "not the worker's or the unit's client");
	if (a->role == BUD_ROLE_DECISION_MAKER &&
	    !(a->organiser_id && ca.organiser_id == a->organiser_id))
		return deny(err, "another organiser's client");
	set_basis(basis, basissz, "case");
	return BUD_OK;
}

/* --- the clients a representative acts for --- */

struct represented_ctx {
	bud_app *app;
	const bud_actor *actor;
	struct bud_store_represented rows[BUD_MAX_PAGE_ROWS + 1];
	size_t n;
	char today[16];
};

/* Read the mandates valid today; one use-log row for the list of names. */
static int unit_represented(bud_conn *c, void *arg, bud_err *err)
{
	struct represented_ctx *x = arg;
	struct bud_uselog_entry e;
	int rc;

	rc = bud_store_mandates_of_user(c, x->actor->user_id, x->today, x->rows,
					BUD_MAX_PAGE_ROWS + 1, &x->n, err);
	if (rc == BUD_OK && x->n > BUD_MAX_PAGE_ROWS)	/* a whole list: never cut */
		rc = bud_err_set(err, BUD_EINTERNAL, NULL, "err.list.too_long",
				 "over %d people represented", BUD_MAX_PAGE_ROWS);
	if (rc != BUD_OK || x->n == 0)
		return rc;
	memset(&e, 0, sizeof(e));
	e.action = "read";
	e.object = "client:represented";
	e.basis = "mandate";
	return bud_uselog_append(x->app, c, x->actor, &e, err);
}

int bud_authz_represented(bud_app *app, const bud_actor *a, json_t **out,
			  bud_err *err)
{
	struct represented_ctx *x;
	size_t i;
	int rc;

	*out = NULL;
	if (!a || a->role != BUD_ROLE_REPRESENTATIVE)
		return bud_err_set(err, BUD_EFORBIDDEN, NULL, "err.forbidden",
				   "only representatives act for clients");
	x = malloc(sizeof(*x));	/* the rows are set by the store */
	if (!x)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "out of memory");
	x->app = app;
	x->actor = a;
	x->n = 0;
	rc = bud_app_today(app, x->today, sizeof(x->today));
	if (rc != BUD_OK) {
		rc = bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
				 "clock out of range");
		goto out;
	}
	rc = bud_app_read(app, a, unit_represented, x, err);
	if (rc != BUD_OK)
		goto out;
	*out = json_array();
	for (i = 0; i < x->n; i++) {
		const struct bud_store_represented *r = &x->rows[i];

		json_array_append_new(*out, json_pack("{s:I, s:I, s:s, s:s, s:s, s:b, s:s?}",
			"client_id", (json_int_t)r->client_id,
			"mandate_id", (json_int_t)r->mandate_id,
			"first_name", r->first_name, "last_name", r->last_name,
			"kind", r->kind, "act", r->act,
			"valid_to", r->valid_to[0] ? r->valid_to : NULL));
	}
out:
	free(x);
	return rc;
}
