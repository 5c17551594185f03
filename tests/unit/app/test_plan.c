/*
 * Unit tests for app/plan.c: a plan's whole life (draft, lines, proposal,
 * approval with the password, decision, supersession by a new version,
 * end), the ledger against amounts the test computes itself from the
 * lines' quantities and unit prices, the four-eyes rule (never the
 * drafter, also in the schema's CHECK), price versions by the plan's
 * first day, the offer acceptance of a line's service, roles, and clients
 * out of reach (BUD_ENOTFOUND with nothing written).
 *
 * The fixture has no offers: setup adds, for clients 1 and 2, an offer of
 * personal assistance, day activities and transport answered 'all'
 * (supported housing is not offered).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app/check.h"
#include "app/plan.h"
#include "app_fixture.h"

static const char offers_sql[] =
	"INSERT INTO offer (id, client_id, offered_on, created_by, created_at) VALUES"
	" (1, 1, '2025-06-01', 2, 0), (2, 2, '2025-06-01', 3, 0);"
	"INSERT INTO offer_service (offer_id, service_id) VALUES"
	" (1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3);"
	"INSERT INTO offer_answer (id, offer_id, answer, answered_by, answered_at)"
	" VALUES (1, 1, 'all', 2, 0), (2, 2, 'all', 3, 0);";

static int setup(void **state)
{
	struct fx *f;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	return fx_raw_exec(f, offers_sql);
}

static int64_t q(void **state, const char *sql)
{
	return fx_raw_int(*state, sql);
}

/* Row counts that a refused change must leave alone. */
struct counts {
	int64_t plans, lines, ledger, uselog;
};

static void counts(void **state, struct counts *c)
{
	c->plans = q(state, "SELECT count(*) FROM plan");
	c->lines = q(state, "SELECT count(*) FROM plan_line");
	c->ledger = q(state, "SELECT count(*) FROM ledger");
	c->uselog = q(state, "SELECT count(*) FROM uselog");
}

static void same_counts(void **state, const struct counts *before)
{
	struct counts now;

	counts(state, &now);
	assert_int_equal(now.plans, before->plans);
	assert_int_equal(now.lines, before->lines);
	assert_int_equal(now.ledger, before->ledger);
	assert_int_equal(now.uselog, before->uselog);
}

static int64_t create(void **state, int64_t uid, int64_t client,
		      const char *from, const char *to, const char *review)
{
	struct fx *f = *state;
	struct bud_plan_fields pf = {.label = "A", .valid_from = from,
		.valid_to = to, .review_date = review, .client_fee = 1250,
		.fee_note = "", .reasoning = "Tarve arvioitu."};
	int64_t id = 0;
	bud_actor a;
	bud_err e;

	fx_actor(f, uid, &a);
	assert_int_equal(bud_plan_create(&f->app, &a, client, &pf, 0, &id, &e), BUD_OK);
	assert_true(id > 0);
	return id;
}

static int add_line(void **state, int64_t uid, int64_t plan, const char *svc,
		    int64_t qty, bud_err *e)
{
	struct fx *f = *state;
	struct bud_plan_line_in in = {.service = svc, .quantity = qty,
				      .content = "arjen tuki"};
	bud_actor a;

	fx_actor(f, uid, &a);
	return bud_plan_line_add(&f->app, &a, plan, &in, NULL, e);
}

static int act(void **state, int64_t uid, int64_t plan, const char *what,
	       const char *arg, bud_err *e)
{
	struct fx *f = *state;
	bud_actor a;

	fx_actor(f, uid, &a);
	bud_err_clear(e);
	if (strcmp(what, "propose") == 0)
		return bud_plan_propose(&f->app, &a, plan, e);
	if (strcmp(what, "approve") == 0)
		return bud_plan_approve(&f->app, &a, plan, arg, e);
	if (strcmp(what, "return") == 0)
		return bud_plan_return(&f->app, &a, plan, arg, e);
	if (strcmp(what, "end") == 0)
		return bud_plan_end(&f->app, &a, plan, arg, FX_PASSWORD, e);
	if (strcmp(what, "discard") == 0)
		return bud_plan_discard(&f->app, &a, plan, e);
	fail();
	return -1;
}

/* A plan of client 1 with 40 h personal assistance and 8 days of day
 * activities, proposed by the worker and approved by the decision maker. */
static int64_t approved_plan(void **state, const char *from, const char *to,
			     const char *review)
{
	int64_t id = create(state, FX_WORKER, 1, from, to, review);
	bud_err e;

	assert_int_equal(add_line(state, FX_WORKER, id, "personal_assistance", 4000, &e), BUD_OK);
	assert_int_equal(add_line(state, FX_WORKER, id, "day_activities", 800, &e), BUD_OK);
	assert_int_equal(act(state, FX_WORKER, id, "propose", NULL, &e), BUD_OK);
	assert_int_equal(act(state, FX_DM, id, "approve", FX_PASSWORD, &e), BUD_OK);
	return id;
}

static json_t *get(void **state, int64_t uid, int64_t plan, int want)
{
	struct fx *f = *state;
	json_t *v = NULL;
	bud_actor a;
	bud_err e;

	fx_actor(f, uid, &a);
	assert_int_equal(bud_plan_get(&f->app, &a, plan, &v, &e), want);
	return v;
}

static int64_t jint(json_t *o, const char *k)
{
	assert_non_null(json_object_get(o, k));
	return json_integer_value(json_object_get(o, k));
}

static int64_t sql_grants(void **state, int64_t plan, const char *kind)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "SELECT coalesce(sum(amount), 0) FROM ledger "
		 "WHERE plan_id = %lld AND kind = '%s'", (long long)plan, kind);
	return q(state, sql);
}

static void test_whole_life(void **state)
{
	/* Computed here, independently of the code under test: from
	 * 2025-07-01 personal assistance costs 29,90 € an hour (price 5),
	 * day activities 85,00 € a day; twelve whole months. */
	const int64_t pa_month = 40 * 2990, da_month = 8 * 8500;
	const int64_t want = 12 * (pa_month + da_month);
	int64_t id, lines_sum;
	json_t *v, *l;
	char sql[128];
	bud_err e;

	id = approved_plan(state, "2025-07-01", "2026-06-30", "2026-03-01");
	v = get(state, FX_WORKER, id, BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "state")), "approved");
	assert_string_equal(json_string_value(json_object_get(v, "lang")), "fi");
	assert_int_equal(jint(v, "version"), 1);
	{
		char no[32];

		snprintf(no, sizeof(no), "HB-2025-%06lld", (long long)id);
		assert_string_equal(json_string_value(json_object_get(v, "decision_no")), no);
	}
	assert_int_equal(jint(v, "total_monthly"), pa_month + da_month);
	assert_int_equal(jint(v, "total_period"), want);
	assert_int_equal(jint(v, "granted"), want);
	l = json_array_get(json_object_get(v, "lines"), 0);
	assert_int_equal(jint(l, "unit_price"), 2990);
	assert_int_equal(jint(l, "price_id"), 5);
	assert_int_equal(jint(l, "monthly_amount"), pa_month);
	assert_int_equal(jint(l, "granted"), 12 * pa_month);
	assert_int_equal(jint(json_object_get(v, "approved_by"), "id"), FX_DM);
	json_decref(v);

	/* The grant rows in the ledger equal the stored lines and the
	 * independent figure: a drift in either fails. */
	snprintf(sql, sizeof(sql), "SELECT sum(period_amount) FROM plan_line "
		 "WHERE plan_id = %lld", (long long)id);
	lines_sum = q(state, sql);
	assert_int_equal(lines_sum, want);
	assert_int_equal(sql_grants(state, id, "grant"), want);
	assert_int_equal(sql_grants(state, id, "revoke"), 0);
	/* an approved plan's lines are frozen (trigger) */
	assert_int_equal(add_line(state, FX_WORKER, id, "transport", 100, &e), BUD_ECONFLICT);
	assert_string_equal(e.field, "state");

	/* use log: create, lines, propose, approve, read */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM uselog WHERE object = "
		 "'plan:%lld' AND action = 'change'", (long long)id);
	assert_int_equal(q(state, sql), 4);
}

static void test_pro_rata_period(void **state)
{
	/* 2025-07-15..2025-08-14: 17/31 of July and 14/31 of August. */
	const int64_t m = 40 * 2990;
	const int64_t want = (m * 17 + 15) / 31 + (m * 14 + 15) / 31;
	int64_t id = create(state, FX_WORKER, 1, "2025-07-15", "2025-08-14", "2025-08-01");
	json_t *v;
	bud_err e;

	assert_int_equal(add_line(state, FX_WORKER, id, "personal_assistance", 4000, &e), BUD_OK);
	v = get(state, FX_WORKER, id, BUD_OK);
	assert_int_equal(jint(v, "total_period"), want);
	json_decref(v);
	assert_int_equal(act(state, FX_WORKER, id, "propose", NULL, &e), BUD_OK);
	assert_int_equal(act(state, FX_DM, id, "approve", FX_PASSWORD, &e), BUD_OK);
	assert_int_equal(sql_grants(state, id, "grant"), want);
}

static void test_drafter_never_approves(void **state)
{
	struct fx *f = *state;
	struct counts before;
	bud_err e;

	/* A plan drafted by the decision maker (raw SQL: the app would not
	 * let a decision maker draft), proposed, with a line. */
	assert_int_equal(fx_raw_exec(f,
		"INSERT INTO plan (id, client_id, organiser_id, state, valid_from,"
		" valid_to, review_date, drafted_by, proposed_at, created_at, updated_at)"
		" VALUES (90, 1, 1, 'draft', '2025-07-01', '2025-12-31', '2025-10-01',"
		" 4, NULL, 0, 0);"
		"INSERT INTO plan_line (plan_id, position, service_id, price_id, unit,"
		" unit_price, instrument, quantity, monthly_amount, period_amount)"
		" VALUES (90, 1, 1, 5, 'hour', 2990, 'commitment', 100, 2990, 17940);"
		"UPDATE plan SET state = 'proposed', proposed_at = 1 WHERE id = 90;"), 0);
	counts(state, &before);
	assert_int_equal(act(state, FX_DM, 90, "approve", FX_PASSWORD, &e), BUD_EFORBIDDEN);
	assert_string_equal(e.key, "err.plan.own_draft");
	same_counts(state, &before);
	/* and the schema refuses it whatever the code does */
	assert_int_not_equal(fx_raw_exec(f,
		"UPDATE plan SET state = 'approved', approved_by = drafted_by,"
		" decision_no = 'HB-X', lang = 'fi' WHERE id = 90;"), 0);
	assert_int_equal(q(state, "SELECT count(*) FROM plan WHERE id = 90 AND "
			   "state = 'proposed'"), 1);
}

static void test_wrong_password(void **state)
{
	int64_t id = create(state, FX_WORKER, 1, "2025-07-01", "2025-12-31", "2025-10-01");
	struct counts before;
	bud_err e;

	assert_int_equal(add_line(state, FX_WORKER, id, "transport", 1000, &e), BUD_OK);
	assert_int_equal(act(state, FX_WORKER, id, "propose", NULL, &e), BUD_OK);
	counts(state, &before);
	assert_int_equal(act(state, FX_DM, id, "approve", "vaara-salasana-123", &e), BUD_EAUTH);
	assert_string_equal(e.key, "err.plan.password_wrong");
	assert_string_equal(e.field, "password");
	/* nothing of the plan is written; the failed attempt is logged as
	 * one (login_failed, by bud_account_check_password) */
	before.uselog++;
	same_counts(state, &before);
	assert_int_equal(q(state, "SELECT count(*) FROM uselog WHERE action = "
			   "'login_failed'"), 1);
	assert_int_equal(act(state, FX_DM, id, "approve", "", &e), BUD_EINVAL);
	assert_string_equal(e.field, "password");
	assert_int_equal(q(state, "SELECT count(*) FROM plan WHERE state = 'proposed'"), 1);
	/* the worker cannot approve at all */
	assert_int_equal(act(state, FX_WORKER, id, "approve", FX_PASSWORD, &e), BUD_EFORBIDDEN);
	/* a decision maker of another organiser does not see it */
	assert_int_equal(act(state, FX_DM2, id, "approve", FX_PASSWORD, &e), BUD_ENOTFOUND);
	same_counts(state, &before);
}

static void test_supersede(void **state)
{
	const int64_t m = 40 * 2990 + 8 * 8500;
	int64_t a, b;
	json_t *v;
	bud_err e;

	a = approved_plan(state, "2025-07-01", "2026-06-30", "2026-03-01");
	/* version 2 from 2026-01-01 */
	b = approved_plan(state, "2026-01-01", "2026-12-31", "2026-09-01");
	v = get(state, FX_WORKER, a, BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "state")), "superseded");
	assert_string_equal(json_string_value(json_object_get(v, "effective_to")), "2025-12-31");
	/* net grant = its amount up to the day before: six whole months */
	assert_int_equal(jint(v, "granted"), 6 * m);
	json_decref(v);
	assert_int_equal(sql_grants(state, a, "grant") - sql_grants(state, a, "revoke"),
			 6 * m);
	v = get(state, FX_WORKER, b, BUD_OK);
	assert_int_equal(jint(v, "version"), 2);
	assert_int_equal(jint(v, "supersedes_id"), a);
	assert_int_equal(jint(v, "granted"), 12 * m);
	json_decref(v);
	/* a superseded plan cannot be ended */
	assert_int_equal(act(state, FX_DM, a, "end", "2025-09-30", &e), BUD_ECONFLICT);
	assert_string_equal(e.field, "state");
}

static void test_end(void **state)
{
	const int64_t m = 40 * 2990 + 8 * 8500;
	int64_t id = approved_plan(state, "2025-07-01", "2026-06-30", "2026-03-01");
	struct counts before;
	json_t *v;
	bud_err e;

	counts(state, &before);
	assert_int_equal(act(state, FX_DM, id, "end", "2026-07-01", &e), BUD_EINVAL);
	assert_string_equal(e.field, "last_day");
	assert_int_equal(act(state, FX_DM, id, "end", "2025-02-30", &e), BUD_EINVAL);
	assert_string_equal(e.field, "last_day");
	assert_int_equal(act(state, FX_WORKER, id, "end", "2025-09-30", &e), BUD_EFORBIDDEN);
	/* Ending revokes budget: the password again, as for approval. */
	{
		struct fx *f = *state;
		bud_actor a;

		fx_actor(f, FX_DM, &a);
		assert_int_equal(bud_plan_end(&f->app, &a, id, "2025-09-30", NULL, &e),
				 BUD_EINVAL);
		assert_string_equal(e.field, "password");
		assert_int_equal(bud_plan_end(&f->app, &a, id, "2025-09-30",
					      "vaara-salasana-1", &e), BUD_EAUTH);
		assert_string_equal(e.field, "password");
		assert_string_equal(e.key, "err.plan.password_wrong");
	}
	before.uselog++;	/* the failed attempt (login_failed) only */
	same_counts(state, &before);
	assert_int_equal(act(state, FX_DM, id, "end", "2025-09-30", &e), BUD_OK);
	v = get(state, FX_WORKER, id, BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "state")), "ended");
	assert_int_equal(jint(v, "granted"), 3 * m);
	json_decref(v);
	assert_int_equal(sql_grants(state, id, "grant") - sql_grants(state, id, "revoke"),
			 3 * m);
	/* ending on the day before the start revokes everything */
	id = approved_plan(state, "2027-01-01", "2027-03-31", "2027-02-01");
	assert_int_equal(act(state, FX_DM, id, "end", "2026-12-31", &e), BUD_OK);
	assert_int_equal(sql_grants(state, id, "grant") - sql_grants(state, id, "revoke"), 0);
}

static void test_service_acceptance(void **state)
{
	struct fx *f = *state;
	int64_t id = create(state, FX_WORKER, 1, "2025-07-01", "2025-12-31", "2025-10-01");
	struct counts before;
	bud_err e;

	counts(state, &before);
	/* not offered */
	assert_int_equal(add_line(state, FX_WORKER, id, "supported_housing", 100, &e),
			 BUD_ECONFLICT);
	assert_string_equal(e.field, "service");
	assert_string_equal(e.key, "err.plan.service_not_accepted");
	assert_int_equal(add_line(state, FX_WORKER, id, "no_such", 100, &e), BUD_EINVAL);
	assert_string_equal(e.field, "service");
	same_counts(state, &before);
	/* a newer answer 'some' accepts only transport */
	assert_int_equal(fx_raw_exec(f,
		"INSERT INTO offer_answer (id, offer_id, answer, answered_by, answered_at)"
		" VALUES (3, 1, 'some', 2, 1);"
		"INSERT INTO offer_answer_service (answer_id, service_id) VALUES (3, 3);"), 0);
	assert_int_equal(add_line(state, FX_WORKER, id, "personal_assistance", 100, &e),
			 BUD_ECONFLICT);
	assert_int_equal(add_line(state, FX_WORKER, id, "transport", 100, &e), BUD_OK);
	/* the same service twice */
	assert_int_equal(add_line(state, FX_WORKER, id, "transport", 200, &e), BUD_ECONFLICT);
	assert_string_equal(e.field, "service");
	/* refused: nothing */
	assert_int_equal(fx_raw_exec(f,
		"INSERT INTO offer_answer (id, offer_id, answer, answered_by, answered_at)"
		" VALUES (4, 1, 'refused', 2, 2);"), 0);
	assert_int_equal(add_line(state, FX_WORKER, id, "day_activities", 100, &e),
			 BUD_ECONFLICT);
	/* a newer offer without an answer: nothing either */
	assert_int_equal(fx_raw_exec(f,
		"INSERT INTO offer_answer (id, offer_id, answer, answered_by, answered_at)"
		" VALUES (5, 1, 'all', 2, 3);"
		"INSERT INTO offer (id, client_id, offered_on, created_by, created_at)"
		" VALUES (3, 1, '2025-06-10', 2, 0);"
		"INSERT INTO offer_service (offer_id, service_id) VALUES (3, 2);"), 0);
	assert_int_equal(add_line(state, FX_WORKER, id, "day_activities", 100, &e),
			 BUD_ECONFLICT);
	/* bad quantities */
	assert_int_equal(add_line(state, FX_WORKER, id, "day_activities", 0, &e), BUD_EINVAL);
	assert_string_equal(e.field, "quantity");
}

/* The answer in force is checked again at propose: a refusal recorded
 * after the lines were added stops the proposal, and nothing is written. */
static void test_propose_after_refusal(void **state)
{
	struct fx *f = *state;
	int64_t id = create(state, FX_WORKER, 1, "2025-07-01", "2025-12-31", "2025-10-01");
	struct counts before;
	json_t *v;
	bud_err e;

	assert_int_equal(add_line(state, FX_WORKER, id, "transport", 400, &e), BUD_OK);
	assert_int_equal(fx_raw_exec(f,
		"INSERT INTO offer_answer (id, offer_id, answer, answered_by, answered_at)"
		" VALUES (3, 1, 'refused', 2, 1);"), 0);
	counts(state, &before);
	assert_int_equal(act(state, FX_WORKER, id, "propose", NULL, &e), BUD_ECONFLICT);
	assert_string_equal(e.field, "service");
	assert_string_equal(e.key, "err.plan.service_not_accepted");
	same_counts(state, &before);
	v = get(state, FX_WORKER, id, BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "state")), "draft");
	json_decref(v);
	/* accepted again ('all'): the proposal goes through */
	assert_int_equal(fx_raw_exec(f,
		"INSERT INTO offer_answer (id, offer_id, answer, answered_by, answered_at)"
		" VALUES (4, 1, 'all', 2, 2);"), 0);
	assert_int_equal(act(state, FX_WORKER, id, "propose", NULL, &e), BUD_OK);
}

static void test_price_versions(void **state)
{
	int64_t june = create(state, FX_WORKER, 1, "2025-06-01", "2025-12-31", "2025-10-01");
	int64_t july = create(state, FX_WORKER, 1, "2025-07-01", "2025-12-31", "2025-10-01");
	struct fx *f = *state;
	struct bud_plan_fields pf = {.valid_from = "2025-07-01", .valid_to = "2025-12-31",
		.review_date = "2025-10-01"};
	json_t *v, *l;
	bud_actor a;
	bud_err e;

	assert_int_equal(add_line(state, FX_WORKER, june, "personal_assistance", 1000, &e), BUD_OK);
	assert_int_equal(add_line(state, FX_WORKER, july, "personal_assistance", 1000, &e), BUD_OK);
	v = get(state, FX_WORKER, june, BUD_OK);
	l = json_array_get(json_object_get(v, "lines"), 0);
	assert_int_equal(jint(l, "price_id"), 1);
	assert_int_equal(jint(l, "unit_price"), 2850);
	assert_int_equal(jint(l, "period_amount"), 7 * 10 * 2850);
	json_decref(v);
	v = get(state, FX_WORKER, july, BUD_OK);
	l = json_array_get(json_object_get(v, "lines"), 0);
	assert_int_equal(jint(l, "price_id"), 5);
	assert_int_equal(jint(l, "unit_price"), 2990);
	json_decref(v);
	/* moving the June draft to July prices it again */
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_plan_update(&f->app, &a, june, &pf, &e), BUD_OK);
	v = get(state, FX_WORKER, june, BUD_OK);
	l = json_array_get(json_object_get(v, "lines"), 0);
	assert_int_equal(jint(l, "price_id"), 5);
	assert_int_equal(jint(l, "period_amount"), 6 * 10 * 2990);
	json_decref(v);
	/* a copy for 2025-06-01 gets version 1 again */
	{
		struct bud_plan_fields cf = {.valid_from = "2025-06-01",
			.valid_to = "2025-06-30", .review_date = "2025-06-20"};
		int64_t c = 0;

		assert_int_equal(bud_plan_create(&f->app, &a, 1, &cf, june, &c, &e), BUD_OK);
		v = get(state, FX_WORKER, c, BUD_OK);
		l = json_array_get(json_object_get(v, "lines"), 0);
		assert_int_equal(jint(l, "price_id"), 1);
		assert_int_equal(jint(l, "period_amount"), 10 * 2850);
		json_decref(v);
	}
}

static void test_out_of_reach(void **state)
{
	struct fx *f = *state;
	struct bud_plan_fields pf = {.valid_from = "2025-07-01",
		.valid_to = "2025-12-31", .review_date = "2025-10-01"};
	int64_t id = create(state, FX_WORKER, 1, "2025-07-01", "2025-12-31", "2025-10-01");
	struct counts before;
	json_t *v = NULL;
	int64_t nid = 0;
	bud_actor a;
	bud_err e;

	counts(state, &before);
	fx_actor(f, FX_WORKER2, &a);	/* another unit */
	assert_int_equal(bud_plan_create(&f->app, &a, 1, &pf, 0, &nid, &e), BUD_ENOTFOUND);
	assert_string_equal(e.key, "err.authz.denied");
	assert_int_equal(bud_plan_get(&f->app, &a, id, &v, &e), BUD_ENOTFOUND);
	assert_null(v);
	assert_int_equal(bud_plan_update(&f->app, &a, id, &pf, &e), BUD_ENOTFOUND);
	assert_int_equal(add_line(state, FX_WORKER2, id, "transport", 100, &e), BUD_ENOTFOUND);
	assert_int_equal(act(state, FX_WORKER2, id, "propose", NULL, &e), BUD_ENOTFOUND);
	assert_int_equal(act(state, FX_WORKER2, id, "discard", NULL, &e), BUD_ENOTFOUND);
	assert_int_equal(bud_plan_list_client(&f->app, &a, 1, &v, &e), BUD_ENOTFOUND);
	assert_int_equal(bud_plan_ledger(&f->app, &a, 1, &v, &e), BUD_ENOTFOUND);
	/* no such plan is the same answer */
	assert_int_equal(bud_plan_get(&f->app, &a, 9999, &v, &e), BUD_ENOTFOUND);
	assert_string_equal(e.key, "err.authz.denied");
	/* wrong roles */
	fx_actor(f, FX_DM, &a);
	assert_int_equal(bud_plan_create(&f->app, &a, 1, &pf, 0, &nid, &e), BUD_EFORBIDDEN);
	assert_int_equal(add_line(state, FX_DM, id, "transport", 100, &e), BUD_EFORBIDDEN);
	fx_actor(f, FX_FINANCE, &a);
	assert_int_equal(bud_plan_get(&f->app, &a, id, &v, &e), BUD_EFORBIDDEN);
	/* the client does not see a draft */
	get(state, FX_CLIENT, id, BUD_ENOTFOUND);
	same_counts(state, &before);
}

static void test_fields(void **state)
{
	struct fx *f = *state;
	struct bud_plan_fields pf = {.valid_from = "2025-07-01",
		.valid_to = "2028-07-01", .review_date = "2025-10-01"};
	int64_t id = 0;
	bud_actor a;
	bud_err e;

	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_plan_create(&f->app, &a, 1, &pf, 0, &id, &e), BUD_EINVAL);
	assert_string_equal(e.field, "valid_to");
	assert_string_equal(e.key, "err.plan.period_long");
	pf.valid_to = "2025-12-31";
	pf.review_date = "2026-01-01";
	assert_int_equal(bud_plan_create(&f->app, &a, 1, &pf, 0, &id, &e), BUD_EINVAL);
	assert_string_equal(e.field, "review_date");
	pf.review_date = NULL;
	assert_int_equal(bud_plan_create(&f->app, &a, 1, &pf, 0, &id, &e), BUD_EINVAL);
	assert_string_equal(e.field, "review_date");
	pf.review_date = "2025-10-01";
	pf.valid_from = "2025-13-01";
	assert_int_equal(bud_plan_create(&f->app, &a, 1, &pf, 0, &id, &e), BUD_EINVAL);
	assert_string_equal(e.field, "valid_from");
	pf.valid_from = "2025-07-01";
	pf.client_fee = -1;
	assert_int_equal(bud_plan_create(&f->app, &a, 1, &pf, 0, &id, &e), BUD_EINVAL);
	assert_string_equal(e.field, "client_fee");
	pf.client_fee = 0;
	assert_int_equal(bud_plan_create(&f->app, &a, 1, &pf, 77, &id, &e), BUD_EINVAL);
	assert_string_equal(e.field, "copy_from");
	assert_int_equal(q(state, "SELECT count(*) FROM plan"), 0);
}

static struct bud_page *first_page(struct bud_page *pg)
{
	bud_page_first(pg);
	return pg;
}

/* The plan view's etag: a change based on an older version is refused
 * (the fixture's clock stands still, so updated_at alone would not
 * tell); the fields sent back as stored write nothing. */
static void test_update_etag(void **state)
{
	struct fx *f = *state;
	struct bud_plan_fields pf = {.label = "A", .valid_from = "2025-07-01",
		.valid_to = "2025-12-31", .review_date = "2025-10-01",
		.client_fee = 1250, .fee_note = "", .reasoning = "Tarve arvioitu."};
	int64_t id = create(state, FX_WORKER, 1, "2025-07-01", "2025-12-31",
			    "2025-10-01");
	struct counts before;
	char e0[40], e1[40];
	json_t *v = NULL;
	bud_actor a;
	bud_err e;

	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_plan_get(&f->app, &a, id, &v, &e), BUD_OK);
	snprintf(e0, sizeof(e0), "%s", json_string_value(json_object_get(v, "etag")));
	json_decref(v);
	assert_int_equal(strlen(e0), 32);
	counts(state, &before);
	pf.if_etag = e0;	/* as stored: nothing written, the tag stays */
	assert_int_equal(bud_plan_update(&f->app, &a, id, &pf, &e), BUD_OK);
	same_counts(state, &before);
	pf.label = "B";
	assert_int_equal(bud_plan_update(&f->app, &a, id, &pf, &e), BUD_OK);
	assert_int_equal(bud_plan_get(&f->app, &a, id, &v, &e), BUD_OK);
	snprintf(e1, sizeof(e1), "%s", json_string_value(json_object_get(v, "etag")));
	json_decref(v);
	assert_string_not_equal(e0, e1);
	counts(state, &before);
	pf.label = "C";		/* still based on e0 */
	assert_int_equal(bud_plan_update(&f->app, &a, id, &pf, &e), BUD_ECONFLICT);
	assert_string_equal(e.key, "err.stale");
	same_counts(state, &before);
	assert_int_equal(q(state, "SELECT count(*) FROM plan WHERE label = 'B'"), 1);
}

static void test_propose_return_discard(void **state)
{
	struct bud_page pg;
	struct fx *f = *state;
	int64_t a1 = create(state, FX_WORKER, 1, "2025-07-01", "2025-12-31", "2025-10-01");
	int64_t a2 = create(state, FX_WORKER, 1, "2025-07-01", "2025-12-31", "2025-10-01");
	json_t *v = NULL, *items = NULL;
	bud_actor dm;
	bud_err e;

	assert_int_equal(act(state, FX_WORKER, a1, "propose", NULL, &e), BUD_ECONFLICT);
	assert_string_equal(e.field, "lines");
	assert_int_equal(add_line(state, FX_WORKER, a1, "transport", 400, &e), BUD_OK);
	assert_int_equal(add_line(state, FX_WORKER, a2, "transport", 800, &e), BUD_OK);
	assert_int_equal(act(state, FX_WORKER, a1, "propose", NULL, &e), BUD_OK);
	assert_int_equal(act(state, FX_WORKER, a2, "propose", NULL, &e), BUD_ECONFLICT);
	assert_string_equal(e.key, "err.plan.proposal_pending");
	/* the decision maker's queue */
	fx_actor(f, FX_DM, &dm);
	assert_int_equal(bud_plan_list_proposed(&f->app, &dm, first_page(&pg), &items, &e), BUD_OK);
	assert_int_equal(json_array_size(items), 1);
	assert_int_equal(jint(json_array_get(items, 0), "id"), a1);
	assert_int_equal(jint(json_array_get(items, 0), "total_period"), 6 * 4 * 3500);
	json_decref(items);
	fx_actor(f, FX_DM2, &dm);
	assert_int_equal(bud_plan_list_proposed(&f->app, &dm, first_page(&pg), &items, &e), BUD_OK);
	assert_int_equal(json_array_size(items), 0);
	json_decref(items);
	/* returned with a note, it is a draft again */
	assert_int_equal(act(state, FX_DM, a1, "return", "", &e), BUD_EINVAL);
	assert_string_equal(e.field, "note");
	assert_int_equal(act(state, FX_DM, a1, "return", "Perustelut puuttuvat.", &e), BUD_OK);
	v = get(state, FX_WORKER, a1, BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "state")), "draft");
	assert_string_equal(json_string_value(json_object_get(v, "returned_note")),
			    "Perustelut puuttuvat.");
	assert_true(json_is_true(json_object_get(json_object_get(v, "can"), "propose")));
	json_decref(v);
	assert_int_equal(act(state, FX_WORKER, a1, "discard", NULL, &e), BUD_OK);
	assert_int_equal(act(state, FX_WORKER, a1, "discard", NULL, &e), BUD_ECONFLICT);
	assert_int_equal(act(state, FX_WORKER, a2, "propose", NULL, &e), BUD_OK);
}

static void test_reads_and_reviews(void **state)
{
	struct bud_page pg;
	struct fx *f = *state;
	int64_t id = approved_plan(state, "2025-06-01", "2025-12-31", "2025-07-01");
	int64_t draft = create(state, FX_WORKER, 1, "2026-01-01", "2026-12-31", "2026-06-01");
	json_t *v = NULL;
	bud_actor a;
	bud_err e;

	/* the client reads their own decision, not the draft */
	fx_actor(f, FX_CLIENT, &a);
	assert_int_equal(bud_plan_decision(&f->app, &a, id, &v, &e), BUD_OK);
	assert_string_equal(json_string_value(json_object_get(json_object_get(v, "client"),
							       "hetu")), "010101A123N");
	assert_string_equal(json_string_value(json_object_get(v, "approved_date")), "2025-06-15");
	assert_non_null(json_object_get(v, "organiser"));
	json_decref(v);
	assert_int_equal(bud_plan_list_client(&f->app, &a, 1, &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 1);
	json_decref(v);
	assert_int_equal(bud_plan_decision(&f->app, &a, draft, &v, &e), BUD_ENOTFOUND);
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_plan_decision(&f->app, &a, draft, &v, &e), BUD_ECONFLICT);
	assert_int_equal(bud_plan_list_client(&f->app, &a, 1, &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 2);
	assert_int_equal(jint(json_array_get(v, 0), "id"), draft);	/* newest first */
	json_decref(v);
	assert_int_equal(q(state, "SELECT count(*) FROM uselog WHERE action = 'read' "
			   "AND object LIKE 'decision:%'"), 1);

	/* reviews: 2025-07-01 is 16 days after the fixture's today */
	assert_int_equal(bud_plan_reviews_due(&f->app, &a, 30, first_page(&pg), &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 1);
	assert_int_equal(jint(json_array_get(v, 0), "plan_id"), id);
	assert_false(json_is_true(json_object_get(json_array_get(v, 0), "overdue")));
	json_decref(v);
	assert_int_equal(bud_plan_reviews_due(&f->app, &a, 10, first_page(&pg), &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 0);
	json_decref(v);
	fx_actor(f, FX_WORKER3, &a);	/* not responsible for client 1 */
	assert_int_equal(bud_plan_reviews_due(&f->app, &a, 30, first_page(&pg), &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 0);
	json_decref(v);

	/* the ledger per line */
	fx_actor(f, FX_CLIENT, &a);
	assert_int_equal(bud_plan_ledger(&f->app, &a, 1, &v, &e), BUD_OK);
	assert_int_equal(json_array_size(json_object_get(v, "items")), 2);
	assert_int_equal(jint(json_object_get(v, "totals"), "granted"),
			 sql_grants(state, id, "grant"));
	assert_int_equal(jint(json_object_get(v, "totals"), "available"),
			 sql_grants(state, id, "grant"));
	/* the API's text of the same view says the same bytes */
	{
		char *want = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
		bud_buf b;

		bud_buf_init(&b, 1 << 20);
		assert_int_equal(bud_plan_ledger_text(&f->app, &a, 1, &b, &e), BUD_OK);
		assert_non_null(want);
		assert_string_equal(bud_buf_str(&b), want);
		free(want);
		bud_buf_free(&b);
	}
	json_decref(v);
	/* and the same refusal to whom may not read the client */
	fx_actor(f, FX_WORKER2, &a);
	{
		bud_buf b;

		bud_buf_init(&b, 1 << 20);
		assert_int_equal(bud_plan_ledger_text(&f->app, &a, 1, &b, &e), BUD_ENOTFOUND);
		bud_buf_free(&b);
	}
}

static void count_problem(void *arg, const char *line)
{
	int *n = arg;

	assert_non_null(line);
	(*n)++;
}

/* `budjetti check` recomputes every decided line from the rows: clean
 * after approvals, a supersession and an ending; one rogue cent granted
 * into the ledger is found (by the line and by the plan's total). */
static void test_check_ledger(void **state)
{
	struct fx *f = *state;
	struct bud_check_result res;
	int64_t a, b, c;
	bud_err e;
	int n = 0;
	char sql[256];

	a = approved_plan(state, "2025-07-01", "2026-06-30", "2026-03-01");
	b = approved_plan(state, "2026-01-15", "2026-12-31", "2026-09-01");
	c = approved_plan(state, "2027-01-01", "2027-03-31", "2027-02-01");
	assert_int_equal(act(state, FX_DM, c, "end", "2027-02-10", &e), BUD_OK);
	assert_int_equal(bud_check_run(&f->app, count_problem, &n, &res, &e), BUD_OK);
	assert_int_equal(n, 0);
	assert_int_equal(res.problems, 0);
	assert_int_equal(res.lines, 6);
	assert_true(res.uselog_ok);
	(void)a;

	snprintf(sql, sizeof sql, "INSERT INTO ledger (client_id, plan_id, plan_line_id,"
		 " kind, amount, on_date, created_at) SELECT 1, plan_id, id, 'grant', 1,"
		 " '2026-01-15', 0 FROM plan_line WHERE plan_id = %lld LIMIT 1",
		 (long long)b);
	assert_int_equal(fx_raw_exec(f, sql), 0);
	n = 0;
	assert_int_equal(bud_check_run(&f->app, count_problem, &n, &res, &e), BUD_OK);
	assert_int_equal(res.problems, 3);	/* granted, net, plan total */
	assert_int_equal(n, 3);
}

/* A decision prints the organiser's registry and appeal authority in the
 * client's language: while one of them is unset there, approval is
 * refused naming it, and nothing is written; set, it goes through. */
static void test_decision_needs_settings(void **state)
{
	struct fx *f = *state;
	int64_t id = create(state, FX_WORKER, 1, "2026-01-01", "2026-12-31", "2026-09-01");
	bud_err e;

	assert_int_equal(add_line(state, FX_WORKER, id, "personal_assistance", 4000, &e), BUD_OK);
	assert_int_equal(act(state, FX_WORKER, id, "propose", NULL, &e), BUD_OK);
	assert_int_equal(fx_raw_exec(f, "UPDATE client SET lang = 'sv' WHERE id = 1"), 0);
	assert_int_equal(fx_raw_exec(f, "UPDATE organiser SET appeal_address_sv = ''"), 0);
	assert_int_equal(act(state, FX_DM, id, "approve", FX_PASSWORD, &e), BUD_ECONFLICT);
	assert_string_equal(e.field, "appeal_address_sv");
	assert_string_equal(e.key, "err.settings.decision_missing");
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM plan WHERE state = 'approved'"), 0);
	/* a Finnish decision needs the Finnish texts only */
	assert_int_equal(fx_raw_exec(f, "UPDATE client SET lang = 'fi' WHERE id = 1"), 0);
	assert_int_equal(act(state, FX_DM, id, "approve", FX_PASSWORD, &e), BUD_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_whole_life, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_decision_needs_settings, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_pro_rata_period, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_drafter_never_approves, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_wrong_password, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_supersede, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_end, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_service_acceptance, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_propose_after_refusal, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_price_versions, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_out_of_reach, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_fields, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_update_etag, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_propose_return_discard, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_reads_and_reviews, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_check_ledger, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
