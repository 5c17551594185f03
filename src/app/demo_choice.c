/*
 * app/demo_choice.c: Matti Korhonen's choices in the demo (app/demo.h,
 * bud_demo_choice), on the market app/demo_market.c made. Apuviisas Oy
 * also applies for day activities in Porvoo and the worker approves it;
 * it asks 92,00 € a day, above the voucher's 85,00 €, so a client who
 * chooses it sees an own share of 7,00 € a day (Tukitupa ry asks 85,00 €:
 * none). Matti chooses Apuviisas for personal assistance and Kari Mäkelä
 * of Apuviisas accepts (and delivers its first month: app/demo_delivery.c);
 * his day activities and transport wait for him.
 */
#include <stdio.h>
#include <string.h>

#include "app/commitment.h"
#include "app/demo.h"
#include "app/provider.h"
#include "store/commitment.h"

/* Indexes into app/demo.c's tables. */
enum { SVC_DAY = 5, PROV_APU = 0 };
enum { ACC_WORKER = 1, ACC_PROVIDER = 4, ACC_CLIENT = 5 };

struct price_arg {
	int64_t provider_id, service_id;
};

/* Apuviisas's own price of a day of day activities. */
static int price_unit(bud_conn *w, void *arg, bud_err *err)
{
	const struct price_arg *p = arg;

	return bud_store_cm_price_insert(w, p->provider_id, p->service_id, "day",
					 9200, "2026-01-01", 0, err);
}

static void actor(const struct bud_demo_result *r, int i, int role, bud_actor *a)
{
	memset(a, 0, sizeof(*a));
	a->user_id = r->accounts[i].user_id;
	a->role = role;
	a->organiser_id = r->organiser_id;
	if (role == BUD_ROLE_WORKER)
		a->unit_id = r->unit_ids[0];
	if (role == BUD_ROLE_CLIENT)
		a->client_id = r->client_ids[0];
	if (role == BUD_ROLE_PROVIDER_USER)
		a->provider_id = r->provider_ids[PROV_APU];
	snprintf(a->username, sizeof(a->username), "%s", r->accounts[i].username);
	snprintf(a->lang, sizeof(a->lang), "fi");
}

int bud_demo_choice(bud_app *app, const struct bud_demo_result *r,
		    int64_t pa_line, bud_err *err)
{
	struct price_arg pa = {r->provider_ids[PROV_APU], r->service_ids[SVC_DAY]};
	bud_actor client, provider, worker;
	int64_t id = 0, approval = 0;
	int rc;

	actor(r, ACC_CLIENT, BUD_ROLE_CLIENT, &client);
	actor(r, ACC_PROVIDER, BUD_ROLE_PROVIDER_USER, &provider);
	actor(r, ACC_WORKER, BUD_ROLE_WORKER, &worker);
	if ((rc = bud_db_write(app->db, price_unit, &pa, err)) ||
	    (rc = bud_provider_apply(app, &worker, pa.provider_id, "day_activities",
				     "Porvoo", &approval, err)) ||
	    (rc = bud_approval_decide(app, &worker, approval, "approved", "", NULL,
				      NULL, err)) ||
	    (rc = bud_commitment_choose(app, &client, pa_line, pa.provider_id, NULL,
					&id, err)))
		return rc;
	if ((rc = bud_commitment_accept(app, &provider, id, err)))
		return rc;
	return bud_demo_delivery(app, r, pa_line, err);
}
