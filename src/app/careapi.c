/*
 * app/careapi.c: the care system's read of its provider's active
 * commitments (see app/careapi.h). One read on the read path; each
 * client shown adds a disclosure row to the answer's use log.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/apikey.h"
#include "app/authz.h"
#include "app/careapi.h"
#include "app/commitment.h"
#include "app/read.h"
#include "app/uselog.h"
#include "bud_limits.h"
#include "store/apikey.h"

struct walk {
	bud_app *app;
	const bud_actor *actor;
	bud_conn *c;
	struct bud_page *pg;
	bud_err *err;
	int seen;
	int rc;
	json_t *arr;
};

/* The disclosure of commitment m's client to the actor's provider. */
static int disclose(struct walk *wk, const struct bud_store_care_cm *m)
{
	char object[48], recipient[32];
	struct bud_uselog_entry e;

	snprintf(object, sizeof(object), "commitment:%" PRId64, m->id);
	snprintf(recipient, sizeof(recipient), "provider:%" PRId64,
		 wk->actor->provider_id);
	memset(&e, 0, sizeof(e));
	e.client_id = m->client_id;
	e.action = "disclose";
	e.object = object;
	e.basis = "commitment";
	e.recipient = recipient;
	e.legal_basis = strcmp(m->instrument, "voucher") == 0 ? BUD_CM_BASIS_VOUCHER
							      : BUD_CM_BASIS_ORDER;
	return bud_uselog_append(wk->app, wk->c, wk->actor, &e, wk->err);
}

static json_t *item_json(const struct bud_store_care_cm *m)
{
	return json_pack("{s:I, s:{s:s, s:s}, s:{s:s, s:s, s:s, s:s}, s:s, s:s,"
			 " s:I, s:I, s:I, s:s, s:s, s:s}",
			 "id", (json_int_t)m->id,
			 "client", "first_name", m->first_name, "last_name", m->last_name,
			 "service", "code", m->service_code, "name_fi", m->name_fi,
			 "name_sv", m->name_sv, "name_en", m->name_en,
			 "instrument", m->instrument, "unit", m->unit,
			 "quantity", (json_int_t)m->quantity,
			 "unit_price", (json_int_t)m->unit_price,
			 "monthly_amount", (json_int_t)m->monthly_amount,
			 "valid_from", m->valid_from, "valid_to", m->valid_to,
			 "state", m->state);
}

static int add_item(void *arg, const struct bud_store_care_cm *m)
{
	struct walk *wk = arg;
	json_t *v;

	if (++wk->seen > wk->pg->limit)
		return 0;
	if (!(v = item_json(m)))
		return wk->rc = bud_err_set(wk->err, BUD_ENOMEM, NULL, "err.generic",
					    "no memory");
	if ((wk->rc = disclose(wk, m)) != BUD_OK) {
		json_decref(v);
		return wk->rc;
	}
	json_array_append_new(wk->arr, v);
	return 0;
}

static int list_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct walk *wk = arg;
	int rc;

	wk->c = c;
	wk->err = err;
	rc = bud_store_care_commitments(c, wk->actor->provider_id, wk->pg->at,
					bud_page_fetch(wk->pg), add_item, wk, err);
	if (rc != BUD_OK)
		return wk->rc != BUD_OK ? wk->rc : rc;
	wk->pg->next = wk->seen > wk->pg->limit ? wk->pg->at + wk->pg->limit : 0;
	return BUD_OK;
}

int bud_care_commitments(bud_app *app, const bud_actor *actor,
			 struct bud_page *pg, json_t **out, bud_err *err)
{
	struct walk wk = {.app = app, .actor = actor, .pg = pg, .rc = BUD_OK};
	int rc;

	*out = NULL;
	if (!actor || actor->role != BUD_ROLE_PROVIDER_USER || !actor->provider_id)
		return bud_authz_forbidden(err, "read the care system's commitments");
	if ((rc = bud_apikey_scope_check(actor, BUD_SCOPE_COMMITMENTS_READ, err)))
		return rc;
	if (pg->limit > BUD_CARE_PAGE_MAX)
		pg->limit = BUD_CARE_PAGE_MAX;
	wk.arr = json_array();
	rc = bud_app_read(app, actor, list_unit, &wk, err);
	if (rc != BUD_OK) {
		json_decref(wk.arr);
		return rc;
	}
	*out = wk.arr;
	return BUD_OK;
}
