/*
 * app/demo_market.c: the demo's market of providers (app/demo.h,
 * bud_demo_market): each demo provider's contact details, municipalities,
 * locations with their accessibility and own prices, applications and
 * the worker's decisions, written after the base data set through the
 * same use cases people use (bud_provider_update, bud_provider_apply,
 * bud_approval_decide), so the history shows real steps:
 *
 *   Apuviisas Oy       personal assistance in Porvoo and Sipoo, home care
 *                      in Porvoo: approved; Kari Mäkelä is its admin
 *   Tukitupa ry        day activities in Loviisa and Porvoo and personal
 *                      assistance in Loviisa: approved; transport in
 *                      Loviisa: rejected with a reason
 *   Stiftelsen         personal assistance and supported housing in
 *   Solgläntan sr      Porvoo: approved; day activities in Porvoo:
 *                      applied, waiting for the worker
 *
 * So the public list (/providers) has something to show for personal
 * assistance in Porvoo from the first start. Approvals hold from today.
 */
#include <stdio.h>
#include <string.h>

#include "app/demo.h"
#include "app/provider.h"
#include "app/rulebook.h"
#include "core/date.h"
#include "store/provider.h"

enum { ACC_WORKER = 1, ACC_PROVIDER = 4 };

static const struct demo_market {
	const char *kind, *email, *phone, *website, *areas[3];
	struct bud_provider_location_in loc;
	struct bud_provider_price_in prices[2];
} market[BUD_DEMO_PROVIDERS] = {
	{"company", "asiakaspalvelu@apuviisas.example", "019 555 0101",
	 "https://apuviisas.example", {"Porvoo", "Sipoo", NULL},
	 {"Apuviisas Porvoo", "Mannerheiminkatu 20, 06100 Porvoo", "Porvoo",
	  "Pääovelle luiska, hissi toiseen kerrokseen.", 1, 0, 1, 1},
	 {{"personal_assistance", "hour", 3150, "2026-01-01"},
	  {"home_care", "hour", 4600, "2026-01-01"}}},
	{"association", "toimisto@tukitupa.example", "019 555 0202",
	 "https://tukitupa.example", {"Loviisa", "Porvoo", NULL},
	 {"Tukitupa", "Mannerheiminkatu 5, 07900 Loviisa", "Loviisa", "", 1, 1, 0, 1},
	 {{"day_activities", "day", 8500, "2026-01-01"},
	  {"personal_assistance", "hour", 2950, "2026-01-01"}}},
	{"foundation", "info@solglantan.example", "019 555 0303",
	 "https://solglantan.example", {"Porvoo", NULL, NULL},
	 {"Solgläntan", "Runebergsgatan 30, 06100 Borgå", "Porvoo",
	  "Hörslinga i samlingssalen.", 1, 1, 1, 1},
	 {{"personal_assistance", "hour", 2900, "2026-01-01"},
	  {"supported_housing", "month", 152000, "2026-01-01"}}},
};

/* Applications: provider index, service, municipality, decision (NULL:
 * left applied) and its reason. */
static const struct demo_application {
	int provider;
	const char *service, *municipality, *decision, *reason;
} applications[] = {
	{0, "personal_assistance", "Porvoo", "approved", ""},
	{0, "personal_assistance", "Sipoo", "approved", ""},
	{0, "home_care", "Porvoo", "approved", ""},
	{1, "day_activities", "Loviisa", "approved", ""},
	{1, "day_activities", "Porvoo", "approved", ""},
	{1, "personal_assistance", "Loviisa", "approved", ""},
	{1, "transport", "Loviisa", "rejected",
	 "Ei kuljetusluvan mukaista kalustoa (taksilupa puuttuu)."},
	{2, "personal_assistance", "Porvoo", "approved", ""},
	{2, "supported_housing", "Porvoo", "approved", ""},
	{2, "day_activities", "Porvoo", NULL, NULL},
};

static void actor_of(const struct bud_demo_result *r, int acc, int64_t provider_id,
		     bud_actor *a)
{
	memset(a, 0, sizeof(*a));
	a->user_id = r->accounts[acc].user_id;
	a->role = acc == ACC_PROVIDER ? BUD_ROLE_PROVIDER_USER : BUD_ROLE_WORKER;
	a->organiser_id = r->organiser_id;
	a->unit_id = acc == ACC_WORKER ? r->unit_ids[0] : 0;
	a->provider_id = provider_id;
	snprintf(a->lang, sizeof(a->lang), "fi");
}

static int admin_unit(bud_conn *w, void *arg, bud_err *err)
{
	const struct bud_demo_result *r = arg;

	return bud_store_user_set_provider_admin(w, r->accounts[ACC_PROVIDER].user_id,
						 1, err);
}

/* Provider i's details as the worker writes them into the register. */
static int describe(bud_app *app, const struct bud_demo_result *r, size_t i,
		    bud_err *err)
{
	const struct demo_market *d = &market[i];
	struct bud_provider_in in;
	bud_actor worker;
	size_t k;

	memset(&in, 0, sizeof(in));
	in.kind = d->kind;
	in.email = d->email;
	in.phone = d->phone;
	in.website = d->website;
	in.set_areas = 1;
	for (k = 0; k < 3 && d->areas[k]; k++)
		in.areas[in.nareas++] = d->areas[k];
	in.set_locations = 1;
	in.locations[0] = d->loc;
	in.nlocations = 1;
	in.prices[0] = d->prices[0];
	in.prices[1] = d->prices[1];
	in.nprices = 2;
	actor_of(r, ACC_WORKER, 0, &worker);
	return bud_provider_update(app, &worker, r->provider_ids[i], &in, err);
}

/* One application, sent by the provider's admin for Apuviisas and by the
 * worker for the others, and the worker's decision on it. */
static int application(bud_app *app, const struct bud_demo_result *r,
		       const struct demo_application *d, bud_err *err)
{
	int64_t pid = r->provider_ids[d->provider], id = 0;
	bud_actor applicant, worker;
	int rc;

	actor_of(r, ACC_WORKER, 0, &worker);
	if (d->provider == 0)
		actor_of(r, ACC_PROVIDER, pid, &applicant);
	else
		applicant = worker;
	rc = bud_provider_apply(app, &applicant, pid, d->service, d->municipality,
				&id, err);
	if (rc != BUD_OK || !d->decision)
		return rc;
	return bud_approval_decide(app, &worker, id, d->decision, d->reason, NULL,
				   NULL, err);
}

/* The rulebook in force from the demo's today, with a part for personal
 * assistance, added by the worker and accepted by Apuviisas's admin (the
 * only demo provider with an account: the others show in the register as
 * not having accepted it). */
static int rulebook(bud_app *app, const struct bud_demo_result *r, bud_err *err)
{
	struct bud_rulebook_in in = {.general_fi = "Palveluntuottaja noudattaa "
		"tätä sääntökirjaa ja lakia sosiaalihuollon palveluseteleistä. "
		"Palvelu aloitetaan sovitusti ja siitä laskutetaan vain toteutunut.",
		.general_sv = "Serviceproducenten följer denna regelbok och lagen "
		"om servicesedlar inom social- och hälsovården. Servicen inleds "
		"enligt överenskommelse och endast utförd service faktureras.",
		.parts = {{"personal_assistance", "Henkilökohtainen avustaja on "
			"koulutettu tehtäväänsä.", "Den personliga assistenten är "
			"utbildad för sin uppgift."}}, .nparts = 1};
	char today[BUD_DATE_BUF];
	bud_actor worker, admin;
	int64_t id = 0;
	int rc;

	if (bud_app_today(app, today, sizeof(today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	in.effective_on = today;
	actor_of(r, ACC_WORKER, 0, &worker);
	actor_of(r, ACC_PROVIDER, r->provider_ids[0], &admin);
	if ((rc = bud_rulebook_add(app, &worker, &in, &id, err)) != BUD_OK)
		return rc;
	return bud_rulebook_accept(app, &admin, r->provider_ids[0], id, err);
}

int bud_demo_market(bud_app *app, const struct bud_demo_result *r, bud_err *err)
{
	size_t i;
	int rc;

	if ((rc = bud_db_write(app->db, admin_unit, (void *)r, err)) != BUD_OK)
		return rc;
	for (i = 0; i < BUD_DEMO_PROVIDERS; i++)
		if ((rc = describe(app, r, i, err)) != BUD_OK)
			return rc;
	for (i = 0; i < sizeof(applications) / sizeof(applications[0]); i++)
		if ((rc = application(app, r, &applications[i], err)) != BUD_OK)
			return rc;
	if ((rc = bud_demo_documents(app, r, err)) != BUD_OK)
		return rc;
	return rulebook(app, r, err);
}
