/*
 * Unit tests for app/authz.c: every role's branch, allowed and refused,
 * the basis each gives, and representatives' mandates valid, expired, in
 * the future, view-only asked to act, and at the Helsinki day boundary.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app/account.h"
#include "app/authz.h"
#include "app/client.h"
#include "app_fixture.h"

/* rc of bud_authz_client for fixture user uid; basis into basis. */
static int check(void **state, int64_t uid, int64_t client, int act, char *basis)
{
	struct fx *f = *state;
	bud_actor a;
	bud_conn *c;
	bud_err err;
	int rc;

	fx_actor(f, uid, &a);
	c = bud_db_reader(f->app.db, &err);
	assert_non_null(c);
	bud_err_clear(&err);
	rc = bud_authz_client(&f->app, c, &a, client, act, basis, BUD_BASIS_MAX, &err);
	if (rc != BUD_OK) {
		assert_int_equal(rc, BUD_ENOTFOUND);
		assert_string_equal(err.key, "err.authz.denied");
		assert_string_equal(basis, "");
	}
	return rc;
}

#define ALLOW(uid, client, act, want) do { \
	char b_[BUD_BASIS_MAX]; \
	assert_int_equal(check(state, uid, client, act, b_), BUD_OK); \
	assert_string_equal(b_, want); \
} while (0)
#define DENY(uid, client, act) do { \
	char b_[BUD_BASIS_MAX]; \
	assert_int_equal(check(state, uid, client, act, b_), BUD_ENOTFOUND); \
} while (0)

static void test_staff(void **state)
{
	/* admin manages accounts, not client data */
	DENY(FX_ADMIN, 1, 0);
	DENY(FX_ADMIN, 1, 1);
	/* worker: own client, and the unit's clients */
	ALLOW(FX_WORKER, 1, 0, "case");
	ALLOW(FX_WORKER, 1, 1, "case");
	ALLOW(FX_WORKER3, 1, 1, "case");	/* same unit, not responsible */
	DENY(FX_WORKER, 2, 0);			/* another unit's client */
	DENY(FX_WORKER, 3, 0);			/* another organiser's */
	ALLOW(FX_WORKER2, 2, 1, "case");
	DENY(FX_WORKER2, 1, 0);
	DENY(FX_WORKER, 99, 0);			/* no such client: the same answer */
	/* decision maker: the organiser's clients */
	ALLOW(FX_DM, 1, 1, "case");
	ALLOW(FX_DM, 2, 0, "case");
	DENY(FX_DM, 3, 0);
	ALLOW(FX_DM2, 3, 0, "case");
	DENY(FX_DM2, 1, 0);
	/* finance and provider users: no client data here */
	DENY(FX_FINANCE, 1, 0);
	DENY(FX_PROVIDER, 1, 0);
}

static void test_worker_without_unit(void **state)
{
	struct fx *f = *state;
	char basis[BUD_BASIS_MAX];
	bud_actor a;
	bud_conn *c;
	bud_err err;

	/* A worker without a unit: only their own clients. */
	fx_actor(f, FX_WORKER3, &a);
	a.unit_id = 0;
	c = bud_db_reader(f->app.db, &err);
	assert_int_equal(bud_authz_client(&f->app, c, &a, 1, 0, basis, sizeof(basis),
					  &err), BUD_ENOTFOUND);
	a.user_id = FX_WORKER;
	assert_int_equal(bud_authz_client(&f->app, c, &a, 1, 0, basis, sizeof(basis),
					  &err), BUD_OK);
	/* A decision maker without an organiser sees nobody. */
	fx_actor(f, FX_DM, &a);
	a.organiser_id = 0;
	assert_int_equal(bud_authz_client(&f->app, c, &a, 1, 0, basis, sizeof(basis),
					  &err), BUD_ENOTFOUND);
	/* Nobody signed in, and a NULL actor. */
	memset(&a, 0, sizeof(a));
	assert_int_equal(bud_authz_client(&f->app, c, &a, 1, 0, basis, sizeof(basis),
					  &err), BUD_ENOTFOUND);
	assert_int_equal(bud_authz_client(&f->app, c, NULL, 1, 0, NULL, 0, &err),
			 BUD_ENOTFOUND);
}

static void test_client(void **state)
{
	ALLOW(FX_CLIENT, 1, 0, "own");
	ALLOW(FX_CLIENT, 1, 1, "own");
	DENY(FX_CLIENT, 2, 0);
	DENY(FX_CLIENT, 3, 1);
}

/* Record a mandate for the representative as the system; its id. */
static int64_t mandate(void **state, int64_t client, const char *scope,
		       const char *from, const char *to)
{
	struct fx *f = *state;
	bud_err err;
	int64_t id = 0;

	assert_int_equal(bud_account_add_mandate(&f->app, NULL, FX_REP, client,
		"authorised", scope, from, to, &id, &err), BUD_OK);
	assert_true(id > 0);
	return id;
}

static void test_representative(void **state)
{
	char want[BUD_BASIS_MAX];
	int64_t view, act, today;

	/* No mandate at all. */
	DENY(FX_REP, 1, 0);
	/* Client 1: view only, open-ended; client 2: act on this day only;
	 * client 3: an expired act mandate and a future one. */
	view = mandate(state, 1, "view", "2025-01-01", NULL);
	today = mandate(state, 2, "act", "2025-06-15", "2025-06-15");
	mandate(state, 3, "act", "2024-01-01", "2025-06-14");
	mandate(state, 3, "act", "2025-06-16", NULL);

	snprintf(want, sizeof(want), "mandate:%lld", (long long)view);
	ALLOW(FX_REP, 1, 0, want);
	DENY(FX_REP, 1, 1);				/* view-only asked to act */
	snprintf(want, sizeof(want), "mandate:%lld", (long long)today);
	ALLOW(FX_REP, 2, 0, want);
	ALLOW(FX_REP, 2, 1, want);
	DENY(FX_REP, 3, 0);				/* expired and future */
	DENY(FX_REP, 3, 1);

	/* With a view and an act mandate for the same client, act wins. */
	act = mandate(state, 1, "act", "2025-06-01", "2025-12-31");
	snprintf(want, sizeof(want), "mandate:%lld", (long long)act);
	ALLOW(FX_REP, 1, 1, want);
	ALLOW(FX_REP, 1, 0, want);
}

static void test_mandate_helsinki_day(void **state)
{
	struct fx *f = *state;

	mandate(state, 2, "act", "2025-06-15", "2025-06-15");
	/* 2025-06-14 20:59:59 UTC is 23:59:59 in Helsinki (UTC+3): not yet. */
	f->app.now_override = FX_T0 - 15 * 3600 - 1;
	DENY(FX_REP, 2, 0);
	/* 2025-06-14 21:00 UTC is already the 15th in Helsinki. */
	f->app.now_override = FX_T0 - 15 * 3600;
	ALLOW(FX_REP, 2, 0, "mandate:1");
	/* 2025-06-15 20:59:59 UTC is the last second of the 15th there. */
	f->app.now_override = FX_T0 + 9 * 3600 - 1;
	ALLOW(FX_REP, 2, 1, "mandate:1");
	f->app.now_override = FX_T0 + 9 * 3600;
	DENY(FX_REP, 2, 0);
}

/* Ending a mandate shuts it at once, also one that began today; one not
 * yet started can be withdrawn and then never opens. */
static void test_mandate_ended_now(void **state)
{
	struct fx *f = *state;
	bud_actor w;
	json_t *v = NULL;
	bud_err err;
	int64_t now_id, later_id;

	fx_actor(f, FX_WORKER, &w);
	now_id = mandate(state, 1, "act", "2025-06-15", NULL);
	later_id = mandate(state, 1, "act", "2025-06-16", NULL);
	ALLOW(FX_REP, 1, 1, "mandate:1");
	assert_int_equal(bud_client_mandate_end(&f->app, &w, now_id, &v, &err),
			 BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "state")), "ended");
	json_decref(v);
	DENY(FX_REP, 1, 0);				/* the same second */
	assert_int_equal(bud_client_mandate_end(&f->app, &w, later_id, &v, &err),
			 BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "state")),
			    "withdrawn");
	json_decref(v);
	f->app.now_override = FX_T0 + 86400;
	DENY(FX_REP, 1, 0);				/* the next day */
	assert_int_equal(bud_client_mandate_end(&f->app, &w, later_id, NULL, &err),
			 BUD_ECONFLICT);
	assert_string_equal(err.field, "valid_to");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_staff),
		T(test_worker_without_unit),
		T(test_client),
		T(test_representative),
		T(test_mandate_helsinki_day),
		T(test_mandate_ended_now),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
