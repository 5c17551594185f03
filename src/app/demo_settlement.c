/*
 * app/demo_settlement.c: the demo's settlement (app/demo.h,
 * bud_demo_settlement), after bud_demo_cases, through the use cases as
 * the demo's users so the ledger, the use log and every check see real
 * work. The demo month is last month:
 *
 *   Aleksi Virtanen  offered supported housing and transport too, his
 *                    mother accepts; a plan from the first of last month
 *                    (a housing month, eight trips a month) approved by
 *                    the decision maker; she chooses Apuviisas Oy for
 *                    both (the worker approved it for them in Sipoo from
 *                    that day) and Kari Mäkelä accepts
 *   Apuviisas Oy     invoices last month's housing (a standing monthly
 *                    commitment, no events), and Pekka Salonen of
 *                    finance approves it: the month is spent
 *   the trips        Kari records four trips on the first weekdays of
 *                    last month (service events), Aleksi's mother
 *                    confirms each, Apuviisas invoices last month from
 *                    its events and Pekka approves that invoice too
 *   the payment run  Pekka gathers both into a run, Tuula Talous (the
 *                    second finance user: four eyes) approves it: its
 *                    pain.001 files are written, the invoices are paid
 *   the bank         the bank's camt.054 of the run is imported
 *                    (app/demo_bank.c): both payments booked
 *
 * A failure stops there, as in bud_demo_cases.
 */
#include <stdio.h>
#include <string.h>

#include "app/casework.h"
#include "app/commitment.h"
#include "app/demo.h"
#include "app/event.h"
#include "app/invoice.h"
#include "app/payrun.h"
#include "app/plan.h"
#include "app/provider.h"
#include "core/date.h"
#include "store/plan.h"

/* Indexes into app/demo.c's tables. */
enum { ACC_WORKER = 1, ACC_DM = 2, ACC_FIN = 3, ACC_PROVIDER = 4, ACC_REP = 6,
       ACC_FIN2 = 8 };
enum { ALEKSI = 2, PROV_APU = 0 };

#define DEMO_TRIPS 4		/* trips recorded in the demo month */

struct month_dates {
	char from[BUD_DATE_BUF], to[BUD_DATE_BUF], review[BUD_DATE_BUF];
	char last[BUD_DATE_BUF];	/* the last day of last month */
	char today[BUD_DATE_BUF], month[8];
};

/* The first of last month, a year from it less a day, six months on. */
static int dates(bud_app *app, struct month_dates *d, bud_err *err)
{
	int y, m, day, fy, fm, fd, ty, tm, td, ry, rm, rd;

	if (bud_app_today(app, d->today, sizeof(d->today)) != BUD_OK ||
	    bud_date_parse(d->today, &y, &m, &day, err) != BUD_OK ||
	    bud_date_add_months(y, m, 1, -1, &fy, &fm, &fd) != BUD_OK ||
	    bud_date_add_months(fy, fm, fd, 12, &ty, &tm, &td) != BUD_OK ||
	    bud_date_add_months(fy, fm, fd, 6, &ry, &rm, &rd) != BUD_OK ||
	    bud_date_from_days(bud_date_days(ty, tm, td) - 1, &ty, &tm, &td) != BUD_OK ||
	    bud_date_format(fy, fm, fd, d->from) != BUD_OK ||
	    bud_date_format(ty, tm, td, d->to) != BUD_OK ||
	    bud_date_format(ry, rm, rd, d->review) != BUD_OK ||
	    bud_date_format(fy, fm, bud_date_month_days(fy, fm), d->last) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "the demo's settlement dates are out of range");
	snprintf(d->month, sizeof(d->month), "%.7s", d->from);
	return BUD_OK;
}

static void actor(const struct bud_demo_result *r, int i, int role, bud_actor *a)
{
	memset(a, 0, sizeof(*a));
	a->user_id = r->accounts[i].user_id;
	a->role = role;
	a->organiser_id = r->organiser_id;
	if (role == BUD_ROLE_WORKER || role == BUD_ROLE_DECISION_MAKER)
		a->unit_id = r->unit_ids[0];
	if (role == BUD_ROLE_PROVIDER_USER)
		a->provider_id = r->provider_ids[PROV_APU];
	snprintf(a->username, sizeof(a->username), "%s", r->accounts[i].username);
	snprintf(a->lang, sizeof(a->lang), "fi");
}

/* Apuviisas approved for service in Sipoo from the first of last month. */
static int approve_apu(bud_app *app, const bud_actor *w, int64_t apu,
		       const char *service, const char *from, bud_err *err)
{
	int64_t id = 0;
	int rc = bud_provider_apply(app, w, apu, service, "Sipoo", &id, err);

	return rc ? rc : bud_approval_decide(app, w, id, "approved", "", from, NULL, err);
}

/* Aleksi's offer of housing and transport, accepted by his mother, and
 * his plan approved; l gets its two lines. */
static int aleksi_plan(bud_app *app, const struct bud_demo_result *r,
		       const struct month_dates *d, int64_t l[2], bud_err *err)
{
	static const char *const offered[] = {"supported_housing", "transport"};
	static const struct bud_plan_line_in lines[] = {
		{"supported_housing", 100, "Tuettu asuminen omassa asunnossa"},
		{"transport", 800, "Matkat harrastuksiin"},
	};
	struct bud_offer_in o = {d->today, offered, 2, ""};
	struct bud_answer_in a = {"all", NULL, 0, ""};
	struct bud_plan_fields f = {"", d->from, d->to, d->review, 0, "",
				    "Palvelutarpeen arvioinnin mukaan.", NULL};
	int64_t client = r->client_ids[ALEKSI], plan = 0;
	bud_actor w, dm, rep;
	int rc;

	actor(r, ACC_WORKER, BUD_ROLE_WORKER, &w);
	actor(r, ACC_DM, BUD_ROLE_DECISION_MAKER, &dm);
	actor(r, ACC_REP, BUD_ROLE_REPRESENTATIVE, &rep);
	if ((rc = bud_offer_create(app, &w, client, &o, NULL, err)) ||
	    (rc = bud_offer_answer(app, &rep, client, &a, NULL, err)) ||
	    (rc = bud_plan_create(app, &w, client, &f, 0, &plan, err)) ||
	    (rc = bud_plan_line_add(app, &w, plan, &lines[0], &l[0], err)) ||
	    (rc = bud_plan_line_add(app, &w, plan, &lines[1], &l[1], err)) ||
	    (rc = bud_plan_propose(app, &w, plan, err)))
		return rc;
	return bud_plan_approve(app, &dm, plan, r->accounts[ACC_DM].password, err);
}

/* Kari's trips on the first DEMO_TRIPS weekdays of last month (one each,
 * the commitment's price), each confirmed by Aleksi's mother. */
static int trips_month(bud_app *app, const bud_actor *prov, const bud_actor *rep,
		       int64_t cm, const struct month_dates *d, bud_err *err)
{
	struct bud_event_input in;
	char ext[32];
	int y, m, day, n = 0, rc;
	int64_t id = 0;

	if (bud_date_parse(d->from, &y, &m, &day, err) != BUD_OK)
		return err->code;
	for (day = 1; day <= 7 && n < DEMO_TRIPS; day++) {
		int wd = bud_date_weekday(y, m, day);

		if (wd == 0 || wd == 6)
			continue;
		memset(&in, 0, sizeof(in));
		in.commitment_id = cm;
		bud_date_format(y, m, day, in.on_date);
		in.quantity = 100;
		in.note = "Uimahalli ja takaisin";
		snprintf(ext, sizeof(ext), "KYYTI-%04d%02d%02d", y, m, day);
		in.external_id = ext;
		if ((rc = bud_event_record(app, prov, &in, &id, err)) ||
		    (rc = bud_event_confirm(app, rep, id, err)))
			return rc;
		n++;
	}
	return BUD_OK;
}

int bud_demo_settlement(bud_app *app, const struct bud_demo_result *r, bud_err *err)
{
	int64_t apu = r->provider_ids[PROV_APU], l[2] = {0, 0}, cm[2] = {0, 0};
	int64_t inv = 0, inv2 = 0, run = 0;
	struct month_dates d;
	bud_actor w, rep, prov, fin, fin2;
	int rc, i;

	actor(r, ACC_WORKER, BUD_ROLE_WORKER, &w);
	actor(r, ACC_REP, BUD_ROLE_REPRESENTATIVE, &rep);
	actor(r, ACC_PROVIDER, BUD_ROLE_PROVIDER_USER, &prov);
	actor(r, ACC_FIN, BUD_ROLE_FINANCE, &fin);
	actor(r, ACC_FIN2, BUD_ROLE_FINANCE, &fin2);
	if ((rc = dates(app, &d, err)) ||
	    (rc = approve_apu(app, &w, apu, "supported_housing", d.from, err)) ||
	    (rc = approve_apu(app, &w, apu, "transport", d.from, err)) ||
	    (rc = aleksi_plan(app, r, &d, l, err)))
		return rc;
	for (i = 0; i < 2; i++)
		if ((rc = bud_commitment_choose(app, &rep, l[i], apu, d.from, &cm[i], err)) ||
		    (rc = bud_commitment_accept(app, &prov, cm[i], err)))
			return rc;
	if ((rc = bud_invoice_monthly(app, &prov, apu, d.month, &inv, err)) ||
	    (rc = bud_invoice_approve(app, &fin, inv, r->accounts[ACC_FIN].password, err)) ||
	    (rc = trips_month(app, &prov, &rep, cm[1], &d, err)) ||
	    (rc = bud_invoice_events(app, &prov, apu, d.from, d.last, &inv2, err)) ||
	    (rc = bud_invoice_approve(app, &fin, inv2, r->accounts[ACC_FIN].password, err)) ||
	    (rc = bud_payrun_create(app, &fin, NULL, &run, err)) ||
	    (rc = bud_payrun_approve(app, &fin2, run, r->accounts[ACC_FIN2].password,
				     NULL, err)))
		return rc;
	return bud_demo_bank_notice(app, &fin, run, err);
}
