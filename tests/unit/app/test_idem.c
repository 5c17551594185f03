/*
 * Unit tests for app/idem.c after a crash: a claim left by an earlier
 * server run (another app.instance) without an answer is either run again
 * (its write never committed) or answered 409 err.idem.lost (it did), and
 * the mark that decides it commits with the request's write and only
 * then. The "restart" is a change of app.instance on the same database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/account.h"
#include "app/idem.h"
#include "app_fixture.h"

#define BODY "{\"lang\":\"sv\"}"

static int begin(struct fx *f, const char *key, struct bud_idem_replay *r,
		 bud_err *err)
{
	bud_actor a;

	fx_actor(f, FX_WORKER, &a);
	bud_err_clear(err);
	return bud_idem_begin(&f->app, &a, key, "PATCH", "/api/me", BODY,
			      strlen(BODY), r, err);
}

/* A handler's write unit that fails: rolled back, so is its mark. */
static int failing_unit(bud_conn *w, void *arg, bud_err *err)
{
	(void)w;
	(void)arg;
	return bud_err_set(err, BUD_EINVAL, "x", "err.generic", "refused");
}

/* The first run: claim key, then run the handler's write (lang) under the
 * watch, as http/dispatch.c does, and "crash" before bud_idem_end. */
static void first_run(struct fx *f, const char *key, const char *lang)
{
	struct bud_idem_replay r;
	struct bud_idem_watch w;
	bud_actor a;
	bud_err err;

	snprintf(f->app.instance, sizeof(f->app.instance), "%s", "run-one");
	assert_int_equal(begin(f, key, &r, &err), BUD_OK);
	assert_null(r.body);
	fx_actor(f, FX_WORKER, &a);
	bud_idem_watch(&w, &f->app, &a, key);
	bud_account_set_lang(&f->app, &a, lang, &err);
	if (strcmp(lang, "xx") == 0)
		assert_int_equal(bud_db_write(f->app.db, failing_unit, NULL, &err),
				 BUD_EINVAL);
	bud_idem_unwatch(&f->app);
	snprintf(f->app.instance, sizeof(f->app.instance), "%s", "run-two");
}

static void uncommitted_claim_runs_again(void **state)
{
	struct fx *f = *state;
	struct bud_idem_replay r;
	bud_err err;

	first_run(f, "k-none", "xx");	/* refused, rolled back: nothing written */
	assert_int_equal(fx_raw_int(f, "SELECT committed FROM idempotency "
				    "WHERE key = 'k-none'"), 0);
	assert_int_equal(begin(f, "k-none", &r, &err), BUD_OK);
	assert_null(r.body);
	/* the key is now this run's: a second retry waits for it */
	assert_int_equal(begin(f, "k-none", &r, &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.idem.running");
}

static void committed_claim_is_not_run_twice(void **state)
{
	struct fx *f = *state;
	struct bud_idem_replay r;
	bud_err err;

	first_run(f, "k-done", "sv");
	assert_int_equal(fx_raw_int(f, "SELECT committed FROM idempotency "
				    "WHERE key = 'k-done'"), 1);
	assert_int_equal(begin(f, "k-done", &r, &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.idem.lost");
	assert_string_equal(err.field, "Idempotency-Key");
	assert_null(r.body);
}

static void same_run_is_still_running(void **state)
{
	struct fx *f = *state;
	struct bud_idem_replay r;
	bud_err err;

	first_run(f, "k-same", "xx");
	snprintf(f->app.instance, sizeof(f->app.instance), "%s", "run-one");
	assert_int_equal(begin(f, "k-same", &r, &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.idem.running");
}

/* Claims from before migration 006 have no instance and no mark: whether
 * they wrote is unknown, so they are never run again. */
static void legacy_claim_is_lost(void **state)
{
	struct fx *f = *state;
	struct bud_idem_replay r;
	bud_err err;

	first_run(f, "k-old", "xx");
	assert_int_equal(fx_raw_exec(f, "UPDATE idempotency SET instance = NULL, "
				     "committed = NULL WHERE key = 'k-old'"), 0);
	assert_int_equal(begin(f, "k-old", &r, &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.idem.lost");
}

/* Without a watch, writes leave claims alone. */
static void unwatched_write_does_not_mark(void **state)
{
	struct fx *f = *state;
	struct bud_idem_replay r;
	bud_actor a;
	bud_err err;

	snprintf(f->app.instance, sizeof(f->app.instance), "%s", "run-one");
	assert_int_equal(begin(f, "k-free", &r, &err), BUD_OK);
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_account_set_lang(&f->app, &a, "sv", &err), BUD_OK);
	assert_int_equal(fx_raw_int(f, "SELECT committed FROM idempotency "
				    "WHERE key = 'k-free'"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(uncommitted_claim_runs_again, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(committed_claim_is_not_run_twice, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(same_run_is_still_running, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(legacy_claim_is_lost, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(unwatched_write_does_not_mark, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
