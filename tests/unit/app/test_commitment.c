/*
 * tests/unit/app/test_commitment.c: the client's choice of provider and
 * the commitments it makes (app/commitment.h): the reservation written
 * with the commitment, the provider's answer, a switch that releases what
 * the old commitment had not used, the own share of a voucher, every
 * refusal leaving every table as it was, the disclosure rows of a
 * provider's reads, and `budjetti check` finding a rogue reservation.
 *
 * Setup: client 1 lives in Kerava; provider 1 (Apu Oy) is approved for
 * day activities (a voucher line, 85,00 € a day) in Kerava and asks
 * 95,00 €; provider 2 is approved too from 2025-09-01 at 80,00 €;
 * provider 3 only applied; provider 4's approval was suspended.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/check.h"
#include "app/commitment.h"
#include "app/plan.h"
#include "app/read.h"
#include "app_fixture.h"

static const char world_sql[] =
	"INSERT INTO offer (id, client_id, offered_on, created_by, created_at) VALUES"
	" (1, 1, '2025-06-01', 2, 0);"
	"INSERT INTO offer_service (offer_id, service_id) VALUES (1, 1), (1, 2);"
	"INSERT INTO offer_answer (id, offer_id, answer, answered_by, answered_at)"
	" VALUES (1, 1, 'all', 2, 0);"
	"UPDATE client SET municipality = 'Kerava', phone = '040 123' WHERE id = 1;"
	"INSERT INTO provider (id, organiser_id, name, ytunnus, created_at) VALUES"
	" (2, 1, 'Bensku ry', '2222222-2', 0), (3, 1, 'Cetus Oy', '3333333-3', 0),"
	" (4, 1, 'Delta Oy', '4444444-4', 0);"
	"INSERT INTO user (id, username, display_name, role, password_hash,"
	" organiser_id, provider_id, created_at) VALUES"
	" (20, 'provider2', 'Pirjo Toinen', 'provider_user', 'x', 1, 2, 0);"
	"INSERT INTO provider_price (provider_id, service_id, unit, unit_price,"
	" valid_from, created_at) VALUES (1, 2, 'day', 9500, '2025-01-01', 0),"
	" (2, 2, 'day', 8000, '2025-01-01', 0);"
	"INSERT INTO approval (id, provider_id, service_id, municipality, state,"
	" effective, created_at) VALUES (1, 1, 2, 'Kerava', 'approved', '2025-01-01', 0),"
	" (2, 2, 2, 'Kerava', 'approved', '2025-09-01', 0),"
	" (3, 3, 2, 'Kerava', 'applied', '', 0),"
	" (4, 4, 2, 'Kerava', 'suspended', '2025-05-01', 0),"
	" (5, 2, 2, 'Tuusula', 'approved', '2025-01-01', 0);";

static int setup(void **state)
{
	if (fx_setup(state) != 0)
		return -1;
	return fx_raw_exec(*state, world_sql);
}

static int64_t q(void **state, const char *sql)
{
	return fx_raw_int(*state, sql);
}

struct counts {
	int64_t cm, events, ledger, uselog, outbox;
};

static void counts(void **state, struct counts *c)
{
	c->cm = q(state, "SELECT count(*) FROM commitment");
	c->events = q(state, "SELECT count(*) FROM commitment_event");
	c->ledger = q(state, "SELECT count(*) FROM ledger");
	c->uselog = q(state, "SELECT count(*) FROM uselog");
	c->outbox = q(state, "SELECT count(*) FROM outbox");
}

static void same_counts(void **state, const struct counts *before)
{
	struct counts now;

	counts(state, &now);
	assert_int_equal(now.cm, before->cm);
	assert_int_equal(now.events, before->events);
	assert_int_equal(now.ledger, before->ledger);
	assert_int_equal(now.uselog, before->uselog);
	assert_int_equal(now.outbox, before->outbox);
}

/* An approved plan of client 1, 2025-07-01 .. 2025-12-31, with 8 days of
 * day activities a month (68 000 cents a month); returns its line id. */
static int64_t approved_line(void **state)
{
	struct fx *f = *state;
	struct bud_plan_fields pf = {.label = "A", .valid_from = "2025-07-01",
		.valid_to = "2025-12-31", .review_date = "2025-11-01",
		.reasoning = "Tarve arvioitu."};
	struct bud_plan_line_in in = {.service = "day_activities", .quantity = 800};
	int64_t plan = 0, line = 0;
	bud_actor w, dm;
	bud_err e;

	fx_actor(f, FX_WORKER, &w);
	fx_actor(f, FX_DM, &dm);
	assert_int_equal(bud_plan_create(&f->app, &w, 1, &pf, 0, &plan, &e), BUD_OK);
	assert_int_equal(bud_plan_line_add(&f->app, &w, plan, &in, &line, &e), BUD_OK);
	assert_int_equal(bud_plan_propose(&f->app, &w, plan, &e), BUD_OK);
	assert_int_equal(bud_plan_approve(&f->app, &dm, plan, FX_PASSWORD, &e), BUD_OK);
	return line;
}

static int choose(void **state, int64_t uid, int64_t line, int64_t provider,
		  const char *from, int64_t *id, bud_err *e)
{
	struct fx *f = *state;
	bud_actor a;

	fx_actor(f, uid, &a);
	bud_err_clear(e);
	return bud_commitment_choose(&f->app, &a, line, provider, from, id, e);
}

static int64_t sum_kind(void **state, const char *kind)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT coalesce(sum(amount), 0) FROM ledger "
		 "WHERE kind = '%s'", kind);
	return q(state, sql);
}

static void no_problem(void *arg, const char *line)
{
	(void)line;
	(*(int *)arg)++;
}

static void assert_check_clean(void **state)
{
	struct fx *f = *state;
	struct bud_check_result res;
	bud_err e;
	int n = 0;

	assert_int_equal(bud_check_run(&f->app, no_problem, &n, &res, &e), BUD_OK);
	assert_int_equal(n, 0);
	assert_int_equal(res.problems, 0);
}

/* The whole way: the own share shown, the choice reserved, accepted once,
 * switched with a release, and the ledger balanced after each step. */
static void test_choose_accept_switch(void **state)
{
	struct fx *f = *state;
	int64_t line = approved_line(state), id = 0, id2 = 0;
	json_t *v = NULL, *it;
	struct counts before;
	bud_actor cl, prov;
	bud_err e;

	fx_actor(f, FX_CLIENT, &cl);
	fx_actor(f, FX_PROVIDER, &prov);
	assert_int_equal(bud_commitment_choices(&f->app, &cl, line, NULL, &v, &e), BUD_OK);
	assert_int_equal(json_array_size(json_object_get(v, "items")), 1);
	it = json_array_get(json_object_get(v, "items"), 0);
	assert_int_equal(json_integer_value(json_object_get(it, "provider_id")), 1);
	assert_int_equal(json_integer_value(json_object_get(it, "own_share_unit")), 1000);
	assert_int_equal(json_integer_value(json_object_get(it, "own_share_month")), 8000);
	assert_true(json_is_null(json_object_get(v, "current")));
	json_decref(v);

	assert_int_equal(choose(state, FX_CLIENT, line, 1, NULL, &id, &e), BUD_OK);
	assert_int_equal(sum_kind(state, "reserve"), 6 * 68000);
	assert_int_equal(q(state, "SELECT count(*) FROM commitment WHERE state = 'offered'"
			   " AND valid_from = '2025-07-01' AND valid_to = '2025-12-31'"), 1);
	assert_check_clean(state);

	assert_int_equal(bud_commitment_accept(&f->app, &prov, id, &e), BUD_OK);
	counts(state, &before);
	assert_int_equal(bud_commitment_accept(&f->app, &prov, id, &e), BUD_ECONFLICT);
	assert_string_equal(e.field, "state");
	same_counts(state, &before);

	/* switch to provider 2 (approved from 2025-09-01) from 2025-10-01 */
	assert_int_equal(choose(state, FX_CLIENT, line, 2, NULL, &id2, &e), BUD_ECONFLICT);
	assert_string_equal(e.key, "err.commitment.exists");
	bud_err_clear(&e);
	/* what the confirm step shows is what the switch then does */
	assert_int_equal(bud_commitment_switch_preview(&f->app, &cl, id, "2025-12-31", &v, &e),
			 BUD_OK);
	json_decref(v);
	assert_int_equal(bud_commitment_switch_preview(&f->app, &cl, id, "2026-01-01", &v, &e),
			 BUD_EINVAL);
	assert_string_equal(e.field, "from");
	assert_int_equal(bud_commitment_switch_preview(&f->app, &prov, id, "2025-10-01", &v, &e),
			 BUD_EFORBIDDEN);
	assert_int_equal(bud_commitment_switch_preview(&f->app, &cl, id, "2025-10-01", &v, &e),
			 BUD_OK);
	assert_int_equal(json_integer_value(json_object_get(v, "released")), 3 * 68000);
	assert_string_equal(json_string_value(json_object_get(v, "last_day")), "2025-09-30");
	json_decref(v);
	assert_int_equal(sum_kind(state, "release"), 0);
	assert_int_equal(bud_commitment_switch(&f->app, &cl, id, 2, "2025-10-01", &id2, &e),
			 BUD_OK);
	assert_true(id2 > id);
	assert_int_equal(sum_kind(state, "release"), 3 * 68000);
	assert_int_equal(sum_kind(state, "reserve"), 9 * 68000);
	assert_int_equal(q(state, "SELECT count(*) FROM commitment WHERE state = 'ended'"
			   " AND valid_to = '2025-09-30'"), 1);
	assert_check_clean(state);
}

/* An approval suspended under an active commitment: the commitment says
 * so, and the client's flags list it; a provider user reads no flags. */
static void test_approval_ended(void **state)
{
	struct fx *f = *state;
	int64_t line = approved_line(state), id = 0;
	json_t *v = NULL, *e_v;
	bud_actor cl, prov, w;
	bud_err e;

	fx_actor(f, FX_CLIENT, &cl);
	fx_actor(f, FX_PROVIDER, &prov);
	fx_actor(f, FX_WORKER, &w);
	assert_int_equal(choose(state, FX_CLIENT, line, 1, NULL, &id, &e), BUD_OK);
	assert_int_equal(bud_commitment_get(&f->app, &cl, id, &v, &e), BUD_OK);
	assert_true(json_is_null(json_object_get(v, "approval_ended")));
	json_decref(v);
	assert_int_equal(bud_commitment_flags(&f->app, &cl, 1, &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 0);
	json_decref(v);
	assert_int_equal(fx_raw_exec(f, "UPDATE approval SET state = 'suspended', "
		"reason = 'Verovelka', effective = '2025-08-01' WHERE id = 1"), 0);
	assert_int_equal(bud_commitment_get(&f->app, &prov, id, &v, &e), BUD_OK);
	e_v = json_object_get(v, "approval_ended");
	assert_string_equal(json_string_value(json_object_get(e_v, "state")), "suspended");
	assert_string_equal(json_string_value(json_object_get(e_v, "reason")), "Verovelka");
	assert_string_equal(json_string_value(json_object_get(e_v, "effective")), "2025-08-01");
	json_decref(v);
	assert_int_equal(bud_commitment_flags(&f->app, &w, 1, &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(v, 0), "id")), id);
	json_decref(v);
	assert_int_equal(bud_commitment_flags(&f->app, &prov, 1, &v, &e), BUD_EFORBIDDEN);
	assert_int_equal(bud_commitment_flags(&f->app, &cl, 2, &v, &e), BUD_ENOTFOUND);
}

/* Each refusal names its reason and leaves every table as it was. */
static void test_refusals(void **state)
{
	struct fx *f = *state;
	int64_t line = approved_line(state), id = 0;
	struct counts before;
	bud_actor prov;
	bud_err e;

	counts(state, &before);
	assert_int_equal(choose(state, FX_CLIENT, line, 3, NULL, &id, &e), BUD_ECONFLICT);
	assert_string_equal(e.key, "err.commitment.not_approved");
	assert_int_equal(choose(state, FX_CLIENT, line, 4, NULL, &id, &e), BUD_ECONFLICT);
	assert_string_equal(e.key, "err.commitment.not_approved");	/* ended */
	assert_int_equal(choose(state, FX_CLIENT, line, 2, "2025-07-01", &id, &e),
			 BUD_ECONFLICT);	/* not yet approved on that day */
	assert_string_equal(e.field, "provider_id");
	assert_int_equal(choose(state, FX_CLIENT, line, 1, "2026-01-01", &id, &e), BUD_EINVAL);
	assert_string_equal(e.field, "valid_from");
	assert_int_equal(choose(state, FX_PROVIDER, line, 1, NULL, &id, &e), BUD_EFORBIDDEN);
	assert_int_equal(choose(state, FX_WORKER2, line, 1, NULL, &id, &e), BUD_ENOTFOUND);
	same_counts(state, &before);

	/* beyond what is left: a rogue reservation has taken one cent */
	assert_int_equal(fx_raw_exec(f, "INSERT INTO ledger (client_id, plan_id, plan_line_id,"
		" kind, amount, on_date, created_at) SELECT 1, plan_id, id, 'reserve', 1,"
		" '2025-07-01', 0 FROM plan_line"), 0);
	counts(state, &before);
	assert_int_equal(choose(state, FX_CLIENT, line, 1, NULL, &id, &e), BUD_ECONFLICT);
	assert_string_equal(e.key, "err.commitment.beyond_left");
	same_counts(state, &before);

	/* the worker may choose what is left from a later date */
	assert_int_equal(choose(state, FX_WORKER, line, 1, "2025-08-01", &id, &e), BUD_OK);
	fx_actor(f, FX_PROVIDER, &prov);
	counts(state, &before);
	assert_int_equal(bud_commitment_decline(&f->app, &prov, id, "", &e), BUD_EINVAL);
	assert_string_equal(e.field, "reason");
	same_counts(state, &before);
}

/* Decline releases all; another provider sees nothing of it. */
static void test_decline_and_reach(void **state)
{
	struct fx *f = *state;
	int64_t line = approved_line(state), id = 0;
	struct counts before;
	json_t *v = NULL;
	bud_actor prov, other;
	bud_err e;

	fx_actor(f, FX_PROVIDER, &prov);
	fx_actor(f, 20, &other);
	other.role = BUD_ROLE_PROVIDER_USER;
	other.provider_id = 2;
	assert_int_equal(choose(state, FX_CLIENT, line, 1, NULL, &id, &e), BUD_OK);
	counts(state, &before);
	assert_int_equal(bud_commitment_accept(&f->app, &other, id, &e), BUD_ENOTFOUND);
	assert_int_equal(bud_commitment_get(&f->app, &other, id, &v, &e), BUD_ENOTFOUND);
	same_counts(state, &before);
	assert_int_equal(bud_commitment_decline(&f->app, &prov, id, "Ei tilaa.", &e), BUD_OK);
	assert_int_equal(sum_kind(state, "release"), sum_kind(state, "reserve"));
	assert_int_equal(bud_commitment_accept(&f->app, &prov, id, &e), BUD_ECONFLICT);
	assert_check_clean(state);
	/* the line is free again */
	assert_int_equal(choose(state, FX_CLIENT, line, 1, NULL, &id, &e), BUD_OK);
}

/* A provider's list discloses: one row per client, with the recipient
 * and the legal basis; no identity code in the view. */
static void test_provider_list_discloses(void **state)
{
	struct fx *f = *state;
	int64_t line = approved_line(state), id = 0;
	struct bud_page pg = {.limit = 50};
	json_t *v = NULL;
	char *dump;
	bud_actor prov;
	bud_err e;

	fx_actor(f, FX_PROVIDER, &prov);
	assert_int_equal(choose(state, FX_CLIENT, line, 1, NULL, &id, &e), BUD_OK);
	assert_int_equal(bud_commitment_list_provider(&f->app, &prov, 2, &pg, &v, &e),
			 BUD_ENOTFOUND);
	assert_int_equal(bud_commitment_list_provider(&f->app, &prov, 1, &pg, &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 1);
	dump = json_dumps(v, 0);
	assert_null(strstr(dump, "010101A123N"));
	assert_non_null(strstr(dump, "040 123"));
	free(dump);
	json_decref(v);
	assert_int_equal(q(state, "SELECT count(*) FROM uselog WHERE action = 'disclose'"
			   " AND client_id = 1 AND recipient = 'provider:1' AND"
			   " legal_basis = '" BUD_CM_BASIS_VOUCHER "'"), 1);
}

/* `budjetti check`: a rogue reserve row with no commitment is reported,
 * and one beyond the grant twice (beyond, and not held). */
static void test_check_rogue_reserve(void **state)
{
	struct fx *f = *state;
	struct bud_check_result res;
	int64_t id = 0, line = approved_line(state);
	bud_err e;
	int n = 0;

	assert_int_equal(choose(state, FX_CLIENT, line, 1, NULL, &id, &e), BUD_OK);
	assert_check_clean(state);
	assert_int_equal(fx_raw_exec(f, "INSERT INTO ledger (client_id, plan_id, plan_line_id,"
		" kind, amount, on_date, created_at) SELECT 1, plan_id, id, 'reserve', 5,"
		" '2025-07-01', 0 FROM plan_line"), 0);
	assert_int_equal(bud_check_run(&f->app, no_problem, &n, &res, &e), BUD_OK);
	assert_int_equal(res.problems, 2);
	assert_int_equal(n, 2);
}

/* A decision ended early ends its commitments and releases the rest. */
static void test_plan_end_releases(void **state)
{
	struct fx *f = *state;
	int64_t line = approved_line(state), id = 0, plan;
	bud_actor dm;
	bud_err e;

	assert_int_equal(choose(state, FX_CLIENT, line, 1, NULL, &id, &e), BUD_OK);
	plan = q(state, "SELECT max(id) FROM plan");
	fx_actor(f, FX_DM, &dm);
	assert_int_equal(bud_plan_end(&f->app, &dm, plan, "2025-09-30", FX_PASSWORD, &e),
			 BUD_OK);
	assert_int_equal(sum_kind(state, "release"), 3 * 68000);
	assert_int_equal(q(state, "SELECT count(*) FROM commitment WHERE state = 'ended'"
			   " AND valid_to = '2025-09-30'"), 1);
	assert_check_clean(state);
}

/* A letter to the provider is queued with each commitment made or ended,
 * in the provider's language, once per event; a refusal queues none. */
static void test_letters(void **state)
{
	struct fx *f = *state;
	int64_t line = approved_line(state), id = 0, id2 = 0;
	struct counts before;
	bud_actor cl, prov;
	bud_err e;

	fx_actor(f, FX_CLIENT, &cl);
	assert_int_equal(fx_raw_exec(f, "UPDATE provider SET email = 'a@example.fi'"
		" WHERE id = 1; UPDATE provider SET email = 'b@example.fi',"
		" languages = 'sv,fi' WHERE id = 2"), 0);
	assert_int_equal(choose(state, FX_CLIENT, line, 1, NULL, &id, &e), BUD_OK);
	assert_int_equal(q(state, "SELECT count(*) FROM outbox WHERE kind = 'commitment_made'"
			   " AND to_addr = 'a@example.fi' AND lang = 'fi' AND state = 'queued'"
			   " AND body LIKE '%' || (SELECT first_name FROM client WHERE id = 1)"
			   " || '%' AND body LIKE '%2025-07-01 - 2025-12-31%'"), 1);
	assert_int_equal(q(state, "SELECT count(*) FROM uselog WHERE action = 'disclose'"
			   " AND recipient = 'provider:1' AND client_id = 1"), 1);
	assert_true(q(state, "SELECT length(hetu) FROM client WHERE id = 1") > 0);
	assert_int_equal(q(state, "SELECT count(*) FROM outbox o, client c WHERE c.id = 1"
			   " AND instr(o.body, c.hetu) > 0"), 0);
	counts(state, &before);
	assert_int_equal(choose(state, FX_CLIENT, line, 1, NULL, &id2, &e), BUD_ECONFLICT);
	same_counts(state, &before);
	bud_err_clear(&e);
	assert_int_equal(bud_commitment_switch(&f->app, &cl, id, 1, "2025-10-01", &id2, &e),
			 BUD_EINVAL);
	same_counts(state, &before);
	fx_actor(f, FX_PROVIDER, &prov);
	assert_int_equal(bud_commitment_accept(&f->app, &prov, id, &e), BUD_OK);
	bud_err_clear(&e);
	assert_int_equal(bud_commitment_switch(&f->app, &cl, id, 2, "2025-10-01", &id2, &e),
			 BUD_OK);
	assert_int_equal(q(state, "SELECT count(*) FROM outbox WHERE kind = 'commitment_ended'"
			   " AND to_addr = 'a@example.fi' AND lang = 'fi'"
			   " AND body LIKE '%2025-09-30%'"), 1);
	assert_int_equal(q(state, "SELECT count(*) FROM outbox WHERE kind = 'commitment_made'"
			   " AND to_addr = 'b@example.fi' AND lang = 'sv'"
			   " AND subject LIKE 'Ny förbindelse%'"), 1);
	assert_int_equal(q(state, "SELECT count(*) FROM outbox"), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_choose_accept_switch, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_approval_ended, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_letters, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_decline_and_reach, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_provider_list_discloses, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_check_rogue_reserve, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_plan_end_releases, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
