/*
 * Unit tests for app/ops.c and store/store_probe.c: readiness reads the
 * database; the gauges count live sessions (not the idle or too old
 * ones) and the outbox's backlog, and see the files' sizes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "app/ops.h"
#include "bud_limits.h"
#include "app_fixture.h"

static void test_ready(void **state)
{
	struct fx *f = *state;
	bud_app none = {0};
	bud_err err;
	int schema = 0;

	bud_err_clear(&err);
	assert_int_equal(bud_app_ready(&f->app, &schema, &err), BUD_OK);
	assert_true(schema > 0);
	assert_int_equal(schema, bud_db_schema_version(f->app.db));
	assert_int_equal(bud_app_ready(&none, &schema, &err), BUD_EIO);
	assert_int_equal(schema, 0);
}

static void test_gauges(void **state)
{
	struct fx *f = *state;
	struct bud_store_gauges g;
	char sql[2048];
	bud_err err;

	snprintf(sql, sizeof sql,
		 "INSERT INTO session (token_hash, user_id, csrf, created_at, last_seen) VALUES"
		 " (x'01', 2, 'c', %lld, %lld),"	/* live */
		 " (x'02', 3, 'c', %lld, %lld),"	/* idle too long */
		 " (x'03', 4, 'c', %lld, %lld);"	/* past its lifetime */
		 "INSERT INTO outbox (organiser_id, kind, dedupe_key, to_addr, subject, body,"
		 " lang, state, next_at, created_at) VALUES"
		 " (1, 'invitation', 'a', 'a@example.fi', 's', 'b', 'fi', 'queued', 0, %lld),"
		 " (1, 'invitation', 'b', 'b@example.fi', 's', 'b', 'fi', 'queued', 0, %lld),"
		 " (1, 'invitation', 'c', 'c@example.fi', 's', 'b', 'fi', 'failed', 0, 0),"
		 " (1, 'invitation', 'd', 'd@example.fi', 's', 'b', 'fi', 'sent', 0, 0)",
		 (long long)(FX_T0 - 3600), (long long)(FX_T0 - 60),
		 (long long)(FX_T0 - 3600), (long long)(FX_T0 - BUD_SESSION_IDLE_S - 1),
		 (long long)(FX_T0 - BUD_SESSION_ABS_S), (long long)FX_T0,
		 (long long)(FX_T0 - 120), (long long)(FX_T0 - 30));
	assert_int_equal(fx_raw_exec(f, sql), 0);
	bud_err_clear(&err);
	assert_int_equal(bud_app_gauges(&f->app, &g, &err), BUD_OK);
	assert_int_equal(g.sessions, 1);
	assert_int_equal(g.outbox_queued, 2);
	assert_int_equal(g.outbox_failed, 1);
	assert_int_equal(g.outbox_oldest_s, 120);
	assert_true(g.db_bytes > 0);
	assert_true(g.wal_bytes >= 0);
}

static void test_gauges_empty(void **state)
{
	struct fx *f = *state;
	struct bud_store_gauges g;
	bud_err err;

	bud_err_clear(&err);
	assert_int_equal(fx_raw_exec(f, "DELETE FROM outbox"), 0);
	assert_int_equal(bud_app_gauges(&f->app, &g, &err), BUD_OK);
	assert_int_equal(g.outbox_queued, 0);
	assert_int_equal(g.outbox_oldest_s, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ready, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_gauges, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_gauges_empty, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
