/*
 * Unit tests for app/retention.c: who is due (the day the last case
 * closed, the period with its floor, only the admin's organiser), a
 * destruction list made once at a time, approved only with the password
 * (a client whose case opened again drops out), destroyed client by
 * client: the personal data emptied, the representative left without a
 * mandate emptied too, the use log's chain and `check` intact; and the
 * command line's way (no actor, no password).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/casework.h"
#include "app/check.h"
#include "app/retention.h"
#include "app/uselog.h"
#include "app_fixture.h"

/* Client 1's old case (1990) with free texts, and a mandate of the rep. */
static const char old_case[] =
	"INSERT INTO assessment (client_id, version, assessed_on, participants,"
	" client_view, worker_view, notes, created_by, created_at) VALUES"
	" (1, 1, '1990-05-01', 'Kalle ja äiti', 'Haluan asua yksin.', 'Tarvitsee apua.',"
	" 'Muistiinpano', 2, 641520000);"
	"INSERT INTO assessment_need (assessment_id, area, client_view, worker_view)"
	" VALUES (1, 'housing', 'Oma koti', 'Tuettu asuminen');"
	"INSERT INTO mandate (user_id, client_id, kind, scope, valid_from, created_at)"
	" VALUES (8, 1, 'guardian', 'act', '1990-01-01', 0);";

static int64_t count(struct fx *f, const char *sql)
{
	return fx_raw_int(f, sql);
}

static json_t *due(struct fx *f, const bud_actor *a, int rc_want)
{
	struct bud_page pg = {50, 0, 0};
	json_t *out = NULL;
	bud_err err;

	assert_int_equal(bud_retention_due(&f->app, a, &pg, &out, &err), rc_want);
	return out;
}

/* A new assessment of client by worker today: the case is open again. */
static void reopen(struct fx *f, int64_t worker, int64_t client)
{
	struct bud_assessment_in in;
	bud_actor w;
	bud_err err;

	memset(&in, 0, sizeof(in));
	in.assessed_on = "2025-06-15";
	in.participants = "asiakas";
	fx_actor(f, worker, &w);
	assert_int_equal(bud_assessment_create(&f->app, &w, client, &in, NULL, &err), BUD_OK);
}

static void test_due_and_period(void **state)
{
	struct fx *f = *state;
	bud_actor admin, worker;
	json_t *d;
	bud_err err;

	fx_actor(f, FX_ADMIN, &admin);
	fx_actor(f, FX_WORKER, &worker);
	d = due(f, &admin, BUD_OK);
	assert_int_equal(json_array_size(d), 2);	/* organiser 1's; not client 3 */
	assert_int_equal(json_integer_value(json_object_get(json_array_get(d, 0), "client_id")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(d, 0), "closed_on")),
			    "1970-01-01");
	assert_string_equal(json_string_value(json_object_get(json_array_get(d, 0), "due_on")),
			    "1980-01-02");
	assert_null(json_object_get(json_array_get(d, 0), "first_name"));
	json_decref(d);
	assert_null(due(f, &worker, BUD_EFORBIDDEN));

	reopen(f, FX_WORKER2, 2);
	d = due(f, &admin, BUD_OK);
	assert_int_equal(json_array_size(d), 1);
	json_decref(d);

	assert_int_equal(bud_retention_years_set(&f->app, &admin, 9, &err), BUD_EINVAL);
	assert_string_equal(err.field, "retention_years");
	assert_int_equal(bud_retention_years_set(&f->app, &worker, 12, &err), BUD_EFORBIDDEN);
	/* the longest period still leaves 1970 + 50 behind 2025; not 1990 */
	assert_int_equal(bud_retention_years_set(&f->app, &admin, 50, &err), BUD_OK);
	d = due(f, &admin, BUD_OK);
	assert_int_equal(json_array_size(d), 1);	/* 1970 + 50 = 2020: still due */
	json_decref(d);
	f->app.now_override = INT64_C(631152000);	/* 1990-01-01 */
	d = due(f, &admin, BUD_OK);
	assert_int_equal(json_array_size(d), 0);
	json_decref(d);
}

static void no_problem(void *arg, const char *line)
{
	(void)line;
	(*(int *)arg)++;
}

static void assert_intact(struct fx *f)
{
	struct bud_check_result res;
	bud_err err;
	int n = 0;

	assert_int_equal(bud_uselog_verify(&f->app, &err), BUD_OK);
	assert_int_equal(bud_check_run(&f->app, no_problem, &n, &res, &err), BUD_OK);
	assert_int_equal(n, 0);
}

static void test_list_approve_destroy(void **state)
{
	struct fx *f = *state;
	int64_t id = 0, other = 0, destroyed = -1, dropped = -1;
	bud_actor admin;
	bud_err err;

	assert_int_equal(fx_raw_exec(f, old_case), 0);
	fx_actor(f, FX_ADMIN, &admin);
	assert_int_equal(bud_retention_list_create(&f->app, &admin, &id, &err), BUD_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM destruction_item WHERE state = 'listed'"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM destruction_item WHERE client_id = 1 "
			      "AND closed_on = '1990-05-01'"), 1);
	assert_int_equal(bud_retention_list_create(&f->app, &admin, &other, &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.retention.open");
	assert_int_equal(bud_retention_list_destroy(&f->app, &admin, id, NULL, NULL, &err),
			 BUD_ECONFLICT);
	assert_int_equal(count(f, "SELECT count(*) FROM client WHERE destroyed_at IS NOT NULL"), 0);

	reopen(f, FX_WORKER2, 2);
	assert_int_equal(bud_retention_list_approve(&f->app, &admin, id, "väärä-salasana-1",
						    NULL, &err), BUD_EAUTH);
	assert_string_equal(err.field, "password");
	assert_int_equal(bud_retention_list_approve(&f->app, &admin, id, FX_PASSWORD, NULL, &err),
			 BUD_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM destruction_list WHERE state = 'approved' "
			      "AND approved_by = 1"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM destruction_item WHERE client_id = 2 "
			      "AND state = 'dropped'"), 1);

	assert_int_equal(bud_retention_list_destroy(&f->app, &admin, id, &destroyed, &dropped,
						    &err), BUD_OK);
	assert_int_equal(destroyed, 1);
	assert_int_equal(dropped, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM client WHERE id = 1 AND hetu = "
			      "'destroyed:1' AND first_name = '' AND last_name = '' AND "
			      "destroyed_at IS NOT NULL"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM client WHERE id = 2 AND "
			      "first_name = 'Liisa'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM assessment WHERE client_id = 1 AND "
			      "(client_view <> '' OR worker_view <> '' OR notes <> '' OR "
			      "participants <> '')"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM assessment_need WHERE client_view <> ''"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM assessment WHERE client_id = 1 AND "
			      "assessed_on = '1990-05-01'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM user WHERE id IN (7, 8) AND "
			      "username = 'destroyed-' || id AND display_name = '' AND active = 0"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM mandate"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM destruction_list WHERE state = 'done'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE client_id = 1 AND "
			      "object = 'client:destroyed'"), 1);
	assert_intact(f);
}

/* The command line: no actor, no password; the use log names the system. */
static void test_command_line(void **state)
{
	struct fx *f = *state;
	int64_t id = 0, destroyed = 0;
	bud_err err;

	assert_int_equal(bud_retention_list_create(&f->app, NULL, &id, &err), BUD_OK);
	assert_int_equal(bud_retention_list_approve(&f->app, NULL, id, NULL, NULL, &err), BUD_OK);
	assert_int_equal(bud_retention_list_destroy(&f->app, NULL, id, &destroyed, NULL, &err),
			 BUD_OK);
	assert_int_equal(destroyed, 2);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE object = 'client:destroyed' "
			      "AND user_id IS NULL"), 2);
	assert_int_equal(bud_retention_list_create(&f->app, NULL, &id, &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.retention.empty");
	assert_intact(f);
}

/* A period made longer after the list was approved holds at destruction:
 * client 1 (closed 1990) is no longer due under 50 years, client 2
 * (closed 1970) still is. */
static void test_longer_period_holds(void **state)
{
	struct fx *f = *state;
	int64_t id = 0, destroyed = 0, dropped = 0;
	bud_actor admin;
	bud_err err;

	assert_int_equal(fx_raw_exec(f, old_case), 0);
	fx_actor(f, FX_ADMIN, &admin);
	assert_int_equal(bud_retention_list_create(&f->app, NULL, &id, &err), BUD_OK);
	assert_int_equal(bud_retention_list_approve(&f->app, NULL, id, NULL, NULL, &err), BUD_OK);
	assert_int_equal(bud_retention_years_set(&f->app, &admin, 50, &err), BUD_OK);
	assert_int_equal(bud_retention_list_destroy(&f->app, NULL, id, &destroyed, &dropped,
						    &err), BUD_OK);
	assert_int_equal(destroyed, 1);
	assert_int_equal(dropped, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM client WHERE id = 1 AND "
			      "destroyed_at IS NULL AND first_name = 'Kalle'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM client WHERE id = 2 AND "
			      "destroyed_at IS NOT NULL"), 1);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_due_and_period),
		T(test_list_approve_destroy),
		T(test_command_line),
		T(test_longer_period_holds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
