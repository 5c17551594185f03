/*
 * app/demo_cases.c: the case histories of the demo (app/demo.h,
 * bud_demo_cases). They are written after the base data set, through the
 * same use cases people use, as the demo's own users, so the use log, the
 * ledger and every rule see them as real work:
 *
 *   Matti Korhonen    assessed, offered three services, accepted all
 *                     (himself), his own support plan, a plan with three
 *                     lines drafted by the worker and approved by the
 *                     decision maker: his decision is in force; he
 *                     chose Apuviisas Oy for personal assistance and it
 *                     accepted (app/demo_choice.c)
 *   Henrik Sundström  assessed, accepted personal assistance only (the
 *                     rest the usual way), a plan proposed and waiting in
 *                     the decision maker's queue (Swedish decision)
 *   Aleksi Virtanen   assessed, offered, his mother (representative, act
 *                     mandate) accepted and wrote his support plan
 *   Elin Lindholm and Sanna Heikkinen are left at intake.
 * Then the settlement of last month (app/demo_settlement.c).
 *
 * Dates follow the clock: assessments and offers today, plans from the
 * first day of next month for a year, reviewed after six months.
 */
#include <stdio.h>
#include <string.h>

#include "app/casework.h"
#include "app/demo.h"
#include "app/plan.h"
#include "core/date.h"
#include "store/plan.h"

/* Indexes into the demo's tables (app/demo.c's order). */
enum { ACC_WORKER = 1, ACC_DM = 2, ACC_CLIENT = 5, ACC_REP = 6 };
enum { MATTI = 0, ALEKSI = 2, HENRIK = 3 };

struct demo_dates {
	char today[BUD_DATE_BUF];
	char from[BUD_DATE_BUF], to[BUD_DATE_BUF], review[BUD_DATE_BUF];
};

/* today; the first of next month; a year from it less a day; six months. */
static int demo_dates(bud_app *app, struct demo_dates *d, bud_err *err)
{
	int y, m, day, fy, fm, fd, ty, tm, td, ry, rm, rd;
	int64_t last;

	if (bud_app_today(app, d->today, sizeof(d->today)) != BUD_OK ||
	    bud_date_parse(d->today, &y, &m, &day, err) != BUD_OK ||
	    bud_date_add_months(y, m, 1, 1, &fy, &fm, &fd) != BUD_OK ||
	    bud_date_add_months(fy, fm, fd, 12, &ty, &tm, &td) != BUD_OK ||
	    bud_date_add_months(fy, fm, fd, 6, &ry, &rm, &rd) != BUD_OK)
		goto bad;
	last = bud_date_days(ty, tm, td) - 1;
	if (bud_date_from_days(last, &ty, &tm, &td) != BUD_OK ||
	    bud_date_format(fy, fm, fd, d->from) != BUD_OK ||
	    bud_date_format(ty, tm, td, d->to) != BUD_OK ||
	    bud_date_format(ry, rm, rd, d->review) != BUD_OK)
		goto bad;
	return BUD_OK;
bad:
	return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
			   "the demo's case dates are out of range");
}

/* The actor of demo account i, as a session would fill it. */
static void demo_actor(const struct bud_demo_result *r, int i, int role,
		       bud_actor *a)
{
	memset(a, 0, sizeof(*a));
	a->user_id = r->accounts[i].user_id;
	a->role = role;
	a->organiser_id = r->organiser_id;
	if (role == BUD_ROLE_WORKER || role == BUD_ROLE_DECISION_MAKER)
		a->unit_id = r->unit_ids[0];
	if (role == BUD_ROLE_CLIENT)
		a->client_id = r->client_ids[MATTI];
	snprintf(a->username, sizeof(a->username), "%s", r->accounts[i].username);
	snprintf(a->display_name, sizeof(a->display_name), "%s",
		 r->accounts[i].display_name);
	snprintf(a->lang, sizeof(a->lang), "fi");
}

static int assess(bud_app *app, const bud_actor *w, int64_t client,
		  const char *today, const char *who, const char *own,
		  const char *worker, bud_err *err)
{
	struct bud_assessment_in in;

	memset(&in, 0, sizeof(in));
	in.assessed_on = today;
	in.participants = who;
	in.client_view = own;
	in.worker_view = worker;
	in.needs[bud_need_area_index("daily_living")].client_view = own;
	in.needs[bud_need_area_index("daily_living")].worker_view = worker;
	return bud_assessment_create(app, w, client, &in, NULL, err);
}

static int offer(bud_app *app, const bud_actor *w, int64_t client,
		 const char *today, const char *const *codes, size_t n,
		 bud_err *err)
{
	struct bud_offer_in in = {today, codes, n, ""};

	return bud_offer_create(app, w, client, &in, NULL, err);
}

static int answer(bud_app *app, const bud_actor *a, int64_t client,
		  const char *what, const char *const *codes, size_t n,
		  const char *usual, bud_err *err)
{
	struct bud_answer_in in = {what, codes, n, usual};

	return bud_offer_answer(app, a, client, &in, NULL, err);
}

static int support_plan(bud_app *app, const bud_actor *a, int64_t client,
			const char *goals, const char *wishes, const char *helper,
			bud_err *err)
{
	static const struct bud_support_service_in svc[] = {
		{"personal_assistance", NULL}, {"transport", NULL},
	};
	const char *helpers[] = {helper};
	struct bud_support_plan_in in = {goals, wishes, svc, 2, helpers, 1, ""};

	return bud_support_plan_create(app, a, client, &in, NULL, err);
}

/* A draft with the lines given, proposed; *id gets the plan. */
static int proposed_plan(bud_app *app, const bud_actor *w, int64_t client,
			 const struct demo_dates *d, const char *reasoning,
			 const struct bud_plan_line_in *lines, size_t n,
			 int64_t *id, bud_err *err)
{
	struct bud_plan_fields f = {"", d->from, d->to, d->review, 0, "",
				    reasoning, NULL};
	size_t i;
	int rc;

	rc = bud_plan_create(app, w, client, &f, 0, id, err);
	for (i = 0; rc == BUD_OK && i < n; i++)
		rc = bud_plan_line_add(app, w, *id, &lines[i], NULL, err);
	if (rc == BUD_OK)
		rc = bud_plan_propose(app, w, *id, err);
	return rc;
}

/* The id of the plan's first line (0 when it cannot be read). */
static int64_t first_line(bud_app *app, int64_t plan_id, bud_err *err)
{
	bud_conn *c = bud_db_reader(app->db, err);
	struct bud_store_plan_line l[4];
	size_t n = 0;

	if (!c || bud_store_plan_line_list(c, plan_id, l, 4, &n, err) != BUD_OK ||
	    n == 0)
		return 0;
	return l[0].id;
}

static int matti(bud_app *app, const struct bud_demo_result *r,
		 const struct demo_dates *d, bud_err *err)
{
	static const char *const offered[] = {"personal_assistance", "transport",
					      "day_activities"};
	static const struct bud_plan_line_in lines[] = {
		{"personal_assistance", 4000, "Avustaja kotona ja asioinnilla arkipäivisin"},
		{"transport", 1600, "Matkat työtoimintaan ja harrastuksiin"},
		{"day_activities", 800, "Työtoiminta kahdesti viikossa"},
	};
	int64_t client = r->client_ids[MATTI], plan = 0;
	bud_actor w, dm, self;
	int rc;

	demo_actor(r, ACC_WORKER, BUD_ROLE_WORKER, &w);
	demo_actor(r, ACC_DM, BUD_ROLE_DECISION_MAKER, &dm);
	demo_actor(r, ACC_CLIENT, BUD_ROLE_CLIENT, &self);
	if ((rc = assess(app, &w, client, d->today, "Matti Korhonen, Maria Nieminen",
			 "Haluan asua omassa kodissa ja käydä työtoiminnassa.",
			 "Tarvitsee avustajan noin 40 tuntia kuukaudessa ja kuljetuksen.",
			 err)) ||
	    (rc = offer(app, &w, client, d->today, offered, 3, err)) ||
	    (rc = answer(app, &self, client, "all", NULL, 0, "", err)) ||
	    (rc = support_plan(app, &self, client,
			       "Asun omassa kodissa ja käyn työtoiminnassa kolmesti viikossa.",
			       "Sama avustaja mahdollisimman usein.", "staff", err)) ||
	    (rc = proposed_plan(app, &w, client, d,
				"Palvelutarpeen arvioinnin ja tukisuunnitelman mukaan.",
				lines, 3, &plan, err)) ||
	    (rc = bud_plan_approve(app, &dm, plan, r->accounts[ACC_DM].password, err)))
		return rc;
	return bud_demo_choice(app, r, first_line(app, plan, err), err);
}

static int henrik(bud_app *app, const struct bud_demo_result *r,
		  const struct demo_dates *d, bud_err *err)
{
	static const char *const offered[] = {"personal_assistance", "home_care"};
	static const char *const accepted[] = {"personal_assistance"};
	static const struct bud_plan_line_in lines[] = {
		{"personal_assistance", 6000, "Assistans i vardagen och vid möten (teckenspråk)"},
	};
	int64_t client = r->client_ids[HENRIK], plan = 0;
	bud_actor w;
	int rc;

	demo_actor(r, ACC_WORKER, BUD_ROLE_WORKER, &w);
	if ((rc = assess(app, &w, client, d->today,
			 "Henrik Sundström, Maria Nieminen, teckenspråkstolk",
			 "Jag vill själv välja min assistent.",
			 "Behöver personlig assistans cirka 60 timmar i månaden.", err)) ||
	    (rc = offer(app, &w, client, d->today, offered, 2, err)) ||
	    (rc = answer(app, &w, client, "some", accepted, 1,
			 "Hemvården ordnas som tidigare av välfärdsområdet.", err)))
		return rc;
	return proposed_plan(app, &w, client, d,
			     "Enligt bedömningen av servicebehovet.", lines, 1,
			     &plan, err);
}

static int aleksi(bud_app *app, const struct bud_demo_result *r,
		  const struct demo_dates *d, bud_err *err)
{
	static const char *const offered[] = {"personal_assistance", "transport"};
	int64_t client = r->client_ids[ALEKSI];
	bud_actor w, rep;
	int rc;

	demo_actor(r, ACC_WORKER, BUD_ROLE_WORKER, &w);
	demo_actor(r, ACC_REP, BUD_ROLE_REPRESENTATIVE, &rep);
	if ((rc = assess(app, &w, client, d->today,
			 "Aleksi Virtanen, Liisa Virtanen, Maria Nieminen",
			 "Haluan harrastaa ja tavata kavereita.",
			 "Tarvitsee avustajan vapaa-aikaan ja kuljetuksen.", err)) ||
	    (rc = offer(app, &w, client, d->today, offered, 2, err)) ||
	    (rc = answer(app, &rep, client, "all", NULL, 0, "", err)))
		return rc;
	return support_plan(app, &rep, client,
			    "Aleksi käy sählyssä ja tapaa kavereita viikoittain.",
			    "Nuori avustaja, joka pitää urheilusta.", "family", err);
}

int bud_demo_cases(bud_app *app, const struct bud_demo_result *r, bud_err *err)
{
	struct demo_dates d;
	int rc;

	if ((rc = demo_dates(app, &d, err)) ||
	    (rc = matti(app, r, &d, err)) ||
	    (rc = henrik(app, r, &d, err)) ||
	    (rc = aleksi(app, r, &d, err)))
		return rc;
	return bud_demo_settlement(app, r, err);
}
