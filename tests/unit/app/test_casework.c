/*
 * Unit tests for app/casework.c: service need assessments (versions, both
 * views, empty areas left out), the offer and its answers (the answer in
 * force and the accepted services, the rule bud_offer_service_accepted
 * gives other code), support plans (helpers, notes, versions), who may do
 * each (roles, another unit's client, mandates view and act) and the
 * use-log rows, with nothing written on a refusal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "app/account.h"
#include "app/casework.h"
#include "app_fixture.h"

static int64_t count(void **state, const char *sql)
{
	return fx_raw_int(*state, sql);
}

static void actor(void **state, int64_t uid, bud_actor *a)
{
	fx_actor(*state, uid, a);
}

static void mandate(void **state, int64_t client, const char *scope)
{
	struct fx *f = *state;
	bud_err err;
	int64_t id = 0;

	assert_int_equal(bud_account_add_mandate(&f->app, NULL, FX_REP, client,
		"authorised", scope, "2025-01-01", NULL, &id, &err), BUD_OK);
}

static struct bud_assessment_in assessment_in(void)
{
	struct bud_assessment_in in;

	memset(&in, 0, sizeof(in));
	in.assessed_on = "2025-06-10";
	in.participants = "Kalle, äiti, Wilma";
	in.client_view = "Haluan asua omassa kodissa.";
	in.worker_view = "Tarvitsee apua arjessa.";
	in.needs[0].client_view = "Oma asunto";		/* housing */
	in.needs[0].worker_view = "Tuettu asuminen";
	in.needs[2].worker_view = "Kuljetus";		/* mobility: one view */
	return in;
}

static void test_assessment_versions(void **state)
{
	struct fx *f = *state;
	struct bud_assessment_in in = assessment_in();
	bud_actor w, c;
	json_t *v = NULL, *needs;
	int64_t id1 = 0, id2 = 0;
	bud_err err;

	actor(state, FX_WORKER, &w);
	assert_int_equal(bud_assessment_create(&f->app, &w, 1, &in, &id1, &err), BUD_OK);
	in.client_view = "Toinen versio";
	assert_int_equal(bud_assessment_create(&f->app, &w, 1, &in, &id2, &err), BUD_OK);
	assert_true(id2 > id1);
	assert_int_equal(count(state, "SELECT count(*) FROM assessment_need"), 4);

	/* the client reads their own, both views side by side */
	actor(state, FX_CLIENT, &c);
	assert_int_equal(bud_assessment_get(&f->app, &c, id1, &v, &err), BUD_OK);
	assert_int_equal(json_integer_value(json_object_get(v, "version")), 1);
	assert_string_equal(json_string_value(json_object_get(v, "client_view")),
			    "Haluan asua omassa kodissa.");
	assert_string_equal(json_string_value(json_object_get(v, "worker_view")),
			    "Tarvitsee apua arjessa.");
	needs = json_object_get(v, "needs");
	assert_int_equal(json_object_size(needs), 2);
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(needs, "housing"), "client_view")), "Oma asunto");
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(needs, "mobility"), "client_view")), "");
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(v, "created_by"), "role")), "worker");
	json_decref(v);

	/* list newest first */
	assert_int_equal(bud_assessment_list(&f->app, &w, 1, &v, &err), BUD_OK);
	assert_int_equal(json_array_size(json_object_get(v, "items")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
		json_object_get(v, "items"), 0), "version")), 2);
	assert_true(json_is_true(json_object_get(json_object_get(v, "can"), "create")));
	json_decref(v);

	assert_int_equal(count(state, "SELECT count(*) FROM uselog WHERE action = "
			       "'create' AND object LIKE 'assessment:%' AND client_id = 1"), 2);
	assert_int_equal(count(state, "SELECT count(*) FROM uselog WHERE action = "
			       "'read' AND basis = 'own' AND object LIKE 'assessment:%'"), 1);
}

static void test_assessment_refusals(void **state)
{
	struct fx *f = *state;
	struct bud_assessment_in in = assessment_in();
	bud_actor a;
	json_t *v = NULL;
	int64_t logs, id = 0;
	bud_err err;

	actor(state, FX_WORKER, &a);
	assert_int_equal(bud_assessment_create(&f->app, &a, 1, &in, &id, &err), BUD_OK);
	logs = count(state, "SELECT count(*) FROM uselog");

	/* the client may read but not create */
	actor(state, FX_CLIENT, &a);
	assert_int_equal(bud_assessment_create(&f->app, &a, 1, &in, NULL, &err),
			 BUD_EFORBIDDEN);
	/* another unit's worker: not found, nothing written or logged */
	actor(state, FX_WORKER2, &a);
	assert_int_equal(bud_assessment_create(&f->app, &a, 1, &in, NULL, &err),
			 BUD_ENOTFOUND);
	assert_string_equal(err.key, "err.authz.denied");
	assert_int_equal(bud_assessment_get(&f->app, &a, id, &v, &err), BUD_ENOTFOUND);
	assert_null(v);
	assert_int_equal(bud_assessment_get(&f->app, &a, 999, &v, &err), BUD_ENOTFOUND);
	assert_int_equal(bud_assessment_list(&f->app, &a, 1, &v, &err), BUD_ENOTFOUND);
	/* finance: wrong role */
	actor(state, FX_FINANCE, &a);
	assert_int_equal(bud_assessment_list(&f->app, &a, 1, &v, &err), BUD_EFORBIDDEN);
	assert_int_equal(count(state, "SELECT count(*) FROM assessment"), 1);
	assert_int_equal(count(state, "SELECT count(*) FROM uselog"), logs);

	/* input checks name the field */
	actor(state, FX_WORKER, &a);
	in.assessed_on = "2025-06-16";		/* tomorrow */
	assert_int_equal(bud_assessment_create(&f->app, &a, 1, &in, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "assessed_on");
	assert_string_equal(err.key, "err.casework.date_future");
	in.assessed_on = "2025-02-30";
	assert_int_equal(bud_assessment_create(&f->app, &a, 1, &in, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "assessed_on");
	in.assessed_on = "2025-06-15";
	in.participants = "  ";
	assert_int_equal(bud_assessment_create(&f->app, &a, 1, &in, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "participants");
	in.participants = "x";
	in.needs[7].worker_view = "bad\001";
	assert_int_equal(bud_assessment_create(&f->app, &a, 1, &in, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "need_family_care_worker");
	assert_int_equal(count(state, "SELECT count(*) FROM assessment"), 1);
}

static int accepted(void **state, const char *code)
{
	struct fx *f = *state;
	bud_conn *c;
	bud_err err;
	int yes = -1;

	c = bud_db_reader(f->app.db, &err);
	assert_non_null(c);
	assert_int_equal(bud_offer_service_accepted(c, 1, code, &yes, &err), BUD_OK);
	return yes;
}

static void test_offer_and_answers(void **state)
{
	struct fx *f = *state;
	const char *offered[] = {"personal_assistance", "transport", "transport"};
	const char *some[] = {"transport"};
	const char *other[] = {"day_activities"};
	struct bud_offer_in o = {"2025-06-12", offered, 3, "Tarjottu"};
	struct bud_answer_in ans = {"some", some, 1, ""};
	bud_actor w, c, dm;
	json_t *v = NULL, *it;
	int64_t id = 0;
	bud_err err;

	actor(state, FX_WORKER, &w);
	actor(state, FX_CLIENT, &c);
	actor(state, FX_DM, &dm);
	/* nothing to answer yet; nothing accepted */
	assert_int_equal(bud_offer_answer(&f->app, &c, 1, &ans, NULL, &err), BUD_ECONFLICT);
	assert_string_equal(err.field, "offer");
	assert_int_equal(accepted(state, "transport"), 0);
	assert_int_equal(bud_offer_get(&f->app, &c, 1, &v, &err), BUD_OK);
	assert_true(json_is_null(json_object_get(v, "offer")));
	json_decref(v);

	/* only a worker offers; at least one service */
	assert_int_equal(bud_offer_create(&f->app, &c, 1, &o, NULL, &err), BUD_EFORBIDDEN);
	o.nservices = 0;
	assert_int_equal(bud_offer_create(&f->app, &w, 1, &o, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "services");
	o.nservices = 3;
	assert_int_equal(bud_offer_create(&f->app, &w, 1, &o, &id, &err), BUD_OK);
	assert_int_equal(count(state, "SELECT count(*) FROM offer_service"), 2);

	/* the client accepts some; the same again is no new answer */
	assert_int_equal(bud_offer_answer(&f->app, &c, 1, &ans, NULL, &err), BUD_OK);
	assert_int_equal(bud_offer_answer(&f->app, &c, 1, &ans, NULL, &err), BUD_OK);
	assert_int_equal(count(state, "SELECT count(*) FROM offer_answer"), 1);
	assert_int_equal(accepted(state, "transport"), 1);
	assert_int_equal(accepted(state, "personal_assistance"), 0);
	/* not offered; refused without how; a decision maker cannot answer */
	ans.services = other;
	assert_int_equal(bud_offer_answer(&f->app, &c, 1, &ans, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.casework.service_not_offered");
	ans.answer = "refused";
	assert_int_equal(bud_offer_answer(&f->app, &c, 1, &ans, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "usual_note");
	ans.answer = "maybe";
	assert_int_equal(bud_offer_answer(&f->app, &c, 1, &ans, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "answer");
	ans.answer = "all";
	assert_int_equal(bud_offer_answer(&f->app, &dm, 1, &ans, NULL, &err), BUD_EFORBIDDEN);

	/* the worker records 'all', then the client refuses */
	assert_int_equal(bud_offer_answer(&f->app, &w, 1, &ans, NULL, &err), BUD_OK);
	assert_int_equal(accepted(state, "personal_assistance"), 1);
	ans.answer = "refused";
	ans.usual_note = "Kunnan omana palveluna";
	assert_int_equal(bud_offer_answer(&f->app, &c, 1, &ans, NULL, &err), BUD_OK);
	assert_int_equal(accepted(state, "transport"), 0);
	/* the same answer again adds no row to the history; another note does */
	assert_int_equal(count(state, "SELECT count(*) FROM offer_answer"), 3);
	assert_int_equal(bud_offer_answer(&f->app, &c, 1, &ans, NULL, &err), BUD_OK);
	assert_int_equal(count(state, "SELECT count(*) FROM offer_answer"), 3);

	assert_int_equal(bud_offer_get(&f->app, &dm, 1, &v, &err), BUD_OK);
	assert_int_equal(json_array_size(json_object_get(json_object_get(v, "offer"),
							 "services")), 2);
	assert_int_equal(json_array_size(json_object_get(v, "history")), 3);
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(v, "answer"), "answer")), "refused");
	assert_int_equal(json_array_size(json_object_get(v, "accepted")), 0);
	it = json_array_get(json_object_get(v, "history"), 2);	/* the oldest */
	assert_string_equal(json_string_value(json_array_get(
		json_object_get(it, "services"), 0)), "transport");
	assert_false(json_is_true(json_object_get(json_object_get(v, "can"), "answer")));
	json_decref(v);
	assert_int_equal(count(state, "SELECT count(*) FROM uselog WHERE action = "
			       "'change' AND object LIKE 'offer:%'"), 3);

	/* an unknown code for the helper */
	{
		bud_conn *rc = bud_db_reader(f->app.db, &err);
		int yes;

		assert_int_equal(bud_offer_service_accepted(rc, 1, "nope", &yes, &err),
				 BUD_EINVAL);
	}
}

static void test_representative(void **state)
{
	struct fx *f = *state;
	const char *offered[] = {"transport"};
	struct bud_offer_in o = {"2025-06-12", offered, 1, ""};
	struct bud_answer_in ans = {"all", NULL, 0, NULL};
	struct bud_support_plan_in sp;
	bud_actor w, r;
	json_t *v = NULL;
	bud_err err;

	memset(&sp, 0, sizeof(sp));
	sp.goals = "Omat tavoitteet";
	actor(state, FX_WORKER, &w);
	actor(state, FX_REP, &r);
	assert_int_equal(bud_offer_create(&f->app, &w, 1, &o, NULL, &err), BUD_OK);
	/* no mandate: nothing */
	assert_int_equal(bud_offer_get(&f->app, &r, 1, &v, &err), BUD_ENOTFOUND);
	assert_int_equal(bud_offer_answer(&f->app, &r, 1, &ans, NULL, &err), BUD_ENOTFOUND);
	/* view only: reads, cannot answer or write */
	mandate(state, 1, "view");
	assert_int_equal(bud_offer_get(&f->app, &r, 1, &v, &err), BUD_OK);
	assert_false(json_is_true(json_object_get(json_object_get(v, "can"), "answer")));
	json_decref(v);
	assert_int_equal(bud_offer_answer(&f->app, &r, 1, &ans, NULL, &err), BUD_ENOTFOUND);
	assert_int_equal(bud_support_plan_create(&f->app, &r, 1, &sp, NULL, &err),
			 BUD_ENOTFOUND);
	assert_int_equal(count(state, "SELECT count(*) FROM offer_answer"), 0);
	/* act: answers and writes, logged as acting for the client */
	mandate(state, 1, "act");
	assert_int_equal(bud_offer_get(&f->app, &r, 1, &v, &err), BUD_OK);
	assert_true(json_is_true(json_object_get(json_object_get(v, "can"), "answer")));
	json_decref(v);
	assert_int_equal(bud_offer_answer(&f->app, &r, 1, &ans, NULL, &err), BUD_OK);
	assert_int_equal(bud_support_plan_create(&f->app, &r, 1, &sp, NULL, &err), BUD_OK);
	assert_int_equal(count(state, "SELECT count(*) FROM uselog WHERE role = "
			       "'representative' AND acting_for = 1 AND action IN "
			       "('change', 'create') AND basis LIKE 'mandate:%'"), 2);
	/* but not for another client */
	assert_int_equal(bud_support_plan_create(&f->app, &r, 2, &sp, NULL, &err),
			 BUD_ENOTFOUND);
}

static void test_support_plan(void **state)
{
	struct fx *f = *state;
	const char *helpers[] = {"staff", "family", "staff"};
	const char *bad_helpers[] = {"neighbour"};
	struct bud_support_service_in services[] = {
		{"personal_assistance", "Iltaisin"}, {"transport", NULL},
	};
	struct bud_support_plan_in in = {"Asua omassa kodissa", "Harrastukset",
		services, 2, helpers, 3, "Äiti auttoi"};
	bud_actor c, w2;
	json_t *v = NULL, *it;
	int64_t id1 = 0, id2 = 0;
	bud_err err;

	actor(state, FX_CLIENT, &c);
	assert_int_equal(bud_support_plan_create(&f->app, &c, 1, &in, &id1, &err), BUD_OK);
	in.nservices = 1;
	assert_int_equal(bud_support_plan_create(&f->app, &c, 1, &in, &id2, &err), BUD_OK);
	assert_int_equal(bud_support_plan_get(&f->app, &c, id1, &v, &err), BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "goals")),
			    "Asua omassa kodissa");
	assert_int_equal(json_array_size(json_object_get(v, "services")), 2);
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(v, "service_notes"), "personal_assistance")), "Iltaisin");
	assert_null(json_object_get(json_object_get(v, "service_notes"), "transport"));
	it = json_object_get(v, "helpers");
	assert_int_equal(json_array_size(it), 2);
	assert_string_equal(json_string_value(json_array_get(it, 0)), "family");
	assert_string_equal(json_string_value(json_array_get(it, 1)), "staff");
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(v, "written_by"), "role")), "client");
	json_decref(v);
	assert_int_equal(count(state, "SELECT helpers = 'family,staff' FROM support_plan "
			       "WHERE version = 1"), 1);

	assert_int_equal(bud_support_plan_list(&f->app, &c, 1, &v, &err), BUD_OK);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
		json_object_get(v, "items"), 0), "id")), id2);
	json_decref(v);

	/* checks */
	in.helpers = bad_helpers;
	in.nhelpers = 1;
	assert_int_equal(bud_support_plan_create(&f->app, &c, 1, &in, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "helpers");
	in.nhelpers = 0;
	in.goals = "";
	assert_int_equal(bud_support_plan_create(&f->app, &c, 1, &in, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "goals");
	in.goals = "x";
	services[0].code = "nope";
	assert_int_equal(bud_support_plan_create(&f->app, &c, 1, &in, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "services");
	assert_int_equal(count(state, "SELECT count(*) FROM support_plan"), 2);

	/* another unit's worker sees nothing */
	actor(state, FX_WORKER2, &w2);
	assert_int_equal(bud_support_plan_get(&f->app, &w2, id1, &v, &err), BUD_ENOTFOUND);
	assert_int_equal(bud_support_plan_list(&f->app, &w2, 1, &v, &err), BUD_ENOTFOUND);
}

static void test_areas(void **state)
{
	(void)state;
	assert_string_equal(bud_need_areas[0], "housing");
	assert_int_equal(bud_need_area_index("family_care"), 7);
	assert_int_equal(bud_need_area_index("garden"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_assessment_versions, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_assessment_refusals, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_offer_and_answers, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_representative, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_support_plan, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_areas, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
