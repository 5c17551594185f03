/*
 * app/demo_choice.c: the demo's market and Matti Korhonen's choice
 * (app/demo.h, bud_demo_choice). Apuviisas Oy and Stiftelsen Solgläntan,
 * both in Porvoo, are approved there for personal assistance, day
 * activities and transport, with their own prices: Apuviisas asks 92,00 €
 * for a day of day activities, above the voucher's 85,00 €, so a client
 * choosing it sees an own share of 7,00 € a day. Matti chooses Apuviisas
 * for personal assistance and Kari Mäkelä of Apuviisas accepts it; his
 * transport and day activities wait for his choice.
 *
 * The approvals are written here directly (a decided approval and its
 * event) until the register's use cases make them.
 */
#include <stdio.h>
#include <string.h>

#include "app/commitment.h"
#include "app/demo.h"
#include "store/commitment.h"

/* Indexes into app/demo.c's tables. */
enum { SVC_DAY = 5, SVC_PA = 6, SVC_TRANSPORT = 8 };
enum { PROV_APU = 0, PROV_SOL = 2 };
enum { ACC_DM = 2, ACC_PROVIDER = 4, ACC_CLIENT = 5 };

static const struct demo_price {
	int provider, service;
	const char *unit;
	int64_t cents;
} demo_prices[] = {
	{PROV_APU, SVC_PA, "hour", 2850}, {PROV_APU, SVC_DAY, "day", 9200},
	{PROV_APU, SVC_TRANSPORT, "trip", 3500}, {PROV_SOL, SVC_PA, "hour", 2850},
	{PROV_SOL, SVC_DAY, "day", 8500}, {PROV_SOL, SVC_TRANSPORT, "trip", 3500},
};

static int market_unit(bud_conn *w, void *arg, bud_err *err)
{
	const struct bud_demo_result *r = arg;
	const struct demo_price *p;
	size_t i;
	int rc = BUD_OK;

	for (i = 0; rc == BUD_OK && i < sizeof(demo_prices) / sizeof(demo_prices[0]); i++) {
		p = &demo_prices[i];
		rc = bud_store_cm_approval_insert(w, r->provider_ids[p->provider],
			r->service_ids[p->service], "Porvoo", "approved",
			"2026-01-01", r->accounts[ACC_DM].user_id, 0, err);
		if (rc == BUD_OK)
			rc = bud_store_cm_price_insert(w, r->provider_ids[p->provider],
				r->service_ids[p->service], p->unit, p->cents,
				"2026-01-01", 0, err);
	}
	return rc;
}

static void actor(const struct bud_demo_result *r, int i, int role, bud_actor *a)
{
	memset(a, 0, sizeof(*a));
	a->user_id = r->accounts[i].user_id;
	a->role = role;
	a->organiser_id = r->organiser_id;
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
	bud_actor client, provider;
	int64_t id = 0;
	int rc;

	actor(r, ACC_CLIENT, BUD_ROLE_CLIENT, &client);
	actor(r, ACC_PROVIDER, BUD_ROLE_PROVIDER_USER, &provider);
	if ((rc = bud_db_write(app->db, market_unit, (void *)r, err)) ||
	    (rc = bud_commitment_choose(app, &client, pa_line,
					r->provider_ids[PROV_APU], NULL, &id, err)))
		return rc;
	return bud_commitment_accept(app, &provider, id, err);
}
