/*
 * app/demo_delivery.c: the first month of delivery on Matti Korhonen's
 * personal assistance commitment in the demo (app/demo.h,
 * bud_demo_delivery), through the use cases: Kari Mäkelä of Apuviisas
 * records two hours on weekdays until the month's 40 hours are used,
 * Matti confirms the first week and disputes one day ("the assistant did
 * not come"), so the worker has a dispute to resolve and the rest wait
 * for Matti or his dispute window.
 *
 * The demo's plans start on the first of next month, so its first month
 * of delivery lies ahead: it is recorded as it will be, with the app's
 * clock set to noon on the third day after that month for the length of
 * this step, and set back after it.
 */
#include <stdio.h>
#include <string.h>

#include "app/demo.h"
#include "app/event.h"
#include "core/date.h"
#include "store/commitment.h"

enum { ACC_PROVIDER = 4, ACC_CLIENT = 5, PROV_APU = 0 };

#define DEMO_DAY_QTY 200	/* two hours a day */
#define DEMO_CONFIRMED 5	/* Matti confirms the first five */
#define DEMO_DISPUTED 7		/* and disputes the eighth */

struct holding {
	int64_t line_id;
	struct bud_store_commitment cm;
};

static int get_holding(bud_conn *w, void *arg, bud_err *err)
{
	struct holding *h = arg;

	return bud_store_commitment_holding(w, h->line_id, &h->cm, err);
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

/* Weekdays of the month of `from` (y-m), two hours each, up to the
 * month's quantity; ids[] gets their ids, *n how many. */
static int record_month(bud_app *app, const bud_actor *prov,
			const struct bud_store_commitment *cm, int y, int m,
			int64_t *ids, int max, int *n, bud_err *err)
{
	struct bud_event_input in;
	char ext[32];
	int d, rc;
	int64_t used = 0;

	*n = 0;
	for (d = 1; d <= bud_date_month_days(y, m) && *n < max; d++) {
		int wd = bud_date_weekday(y, m, d);

		if (wd == 0 || wd == 6 || used + DEMO_DAY_QTY > cm->quantity)
			continue;
		memset(&in, 0, sizeof(in));
		in.commitment_id = cm->id;
		bud_date_format(y, m, d, in.on_date);
		in.quantity = DEMO_DAY_QTY;
		in.note = "Asiointi ja kotiaskareet";
		snprintf(ext, sizeof(ext), "APU-%04d%02d%02d", y, m, d);
		in.external_id = ext;
		if ((rc = bud_event_record(app, prov, &in, &ids[*n], err)))
			return rc;
		used += DEMO_DAY_QTY;
		(*n)++;
	}
	return BUD_OK;
}

static int say(bud_app *app, const bud_actor *client, const int64_t *ids, int n,
	       bud_err *err)
{
	int i, rc;

	for (i = 0; i < n && i < DEMO_CONFIRMED; i++)
		if ((rc = bud_event_confirm(app, client, ids[i], err)))
			return rc;
	if (n <= DEMO_DISPUTED)
		return BUD_OK;
	return bud_event_dispute(app, client, ids[DEMO_DISPUTED],
				 "Avustaja ei tullut. Olin kotona koko päivän.", err);
}

int bud_demo_delivery(bud_app *app, const struct bud_demo_result *r,
		      int64_t pa_line, bud_err *err)
{
	struct holding h = {.line_id = pa_line};
	int64_t ids[31], saved = app->now_override;
	bud_actor prov, client;
	int y, m, d, ny, nm, nd, n = 0, rc;

	actor(r, ACC_PROVIDER, BUD_ROLE_PROVIDER_USER, &prov);
	actor(r, ACC_CLIENT, BUD_ROLE_CLIENT, &client);
	if ((rc = bud_db_write(app->db, get_holding, &h, err)))
		return rc;
	if (bud_date_parse(h.cm.valid_from, &y, &m, &d, err) != BUD_OK ||
	    bud_date_add_months(y, m, 1, 1, &ny, &nm, &nd) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "the demo commitment's dates");
	app->now_override = bud_time_helsinki_midnight(ny, nm, 3) + 12 * 3600;
	rc = record_month(app, &prov, &h.cm, y, m, ids, 31, &n, err);
	if (rc == BUD_OK)
		rc = say(app, &client, ids, n, err);
	app->now_override = saved;
	return rc;
}
