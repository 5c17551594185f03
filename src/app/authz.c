/*
 * app/authz.c: the decision whether an actor may read or change a client's
 * data (see app/authz.h for the rules per role). Every use case that
 * touches a client's data calls bud_authz_client first and writes the
 * basis it returns into the use log.
 */
#include <inttypes.h>
#include <stdio.h>

#include "app/authz.h"
#include "store/authz.h"

static int deny(bud_err *err, const char *why)
{
	return bud_err_set(err, BUD_ENOTFOUND, NULL, "err.authz.denied",
			   "no access to this client: %s", why);
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

int bud_authz_client(bud_app *app, bud_conn *c, const bud_actor *a,
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
