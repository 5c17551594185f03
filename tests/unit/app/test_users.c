/*
 * Unit tests for app/users.c: the administrator's staff users (created
 * without a password, with a set-password letter in the outbox; changed;
 * disabled, which ends their sessions at once; not oneself), the staff
 * list's pages, one's own sessions (listed, one ended, another user's
 * refused, all others ended) and the sweep of expired sessions in
 * bounded batches.
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
#include "app/users.h"
#include "app_fixture.h"
#include "bud_limits.h"

#define ADDR "198.51.100.9"

static int64_t count(struct fx *f, const char *sql)
{
	return fx_raw_int(f, sql);
}

static void test_create_and_disable(void **state)
{
	struct fx *f = *state;
	struct bud_staff_in in = {"ville.vaara", "Ville Vaara", "worker", "sv",
				  "ville@example.fi", 1};
	char token[BUD_TOKEN_TEXT];
	bud_actor admin, a, s;
	int64_t id = 0;
	bud_err err;

	fx_actor(f, FX_ADMIN, &admin);
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_users_create(&f->app, &a, &in, &id, &err), BUD_EFORBIDDEN);
	in.email = "";
	assert_int_equal(bud_users_create(&f->app, &admin, &in, &id, &err), BUD_EINVAL);
	assert_string_equal(err.field, "email");
	in.email = "ville@example.fi";
	in.role = "client";
	assert_int_equal(bud_users_create(&f->app, &admin, &in, &id, &err), BUD_EINVAL);
	assert_string_equal(err.field, "role");
	in.role = "worker";
	in.unit_id = 3;		/* organiser 2's unit */
	assert_int_equal(bud_users_create(&f->app, &admin, &in, &id, &err), BUD_EINVAL);
	assert_string_equal(err.field, "unit_id");
	in.unit_id = 1;
	assert_int_equal(bud_users_create(&f->app, &admin, &in, &id, &err), BUD_OK);
	assert_true(id > 0);
	assert_int_equal(count(f, "SELECT count(*) FROM outbox WHERE kind = 'set_password' "
			       "AND to_addr = 'ville@example.fi' AND lang = 'sv' AND "
			       "body LIKE 'Hej Ville Vaara,%/password/%'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM password_link WHERE used_at IS NULL "
			       "AND purpose = 'set_password'"), 1);
	assert_int_equal(bud_users_send_link(&f->app, &admin, id, &err), BUD_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM password_link WHERE used_at IS NULL"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM password_link"), 2);

	in.role = "decision_maker";
	assert_int_equal(bud_users_update(&f->app, &admin, id, &in, &err), BUD_OK);
	in.role = "worker";
	assert_int_equal(bud_users_update(&f->app, &admin, FX_ADMIN, &in, &err), BUD_EINVAL);
	assert_string_equal(err.field, "role");
	assert_int_equal(bud_users_update(&f->app, &admin, FX_CLIENT, &in, &err), BUD_ENOTFOUND);

	/* disabling ends the worker's session at once */
	assert_int_equal(bud_account_login(&f->app, "worker", FX_PASSWORD, ADDR, &a, token,
					   &err), BUD_OK);
	assert_int_equal(bud_users_set_active(&f->app, &admin, FX_WORKER, 0, &err), BUD_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE user_id = 2"), 0);
	memset(&s, 0, sizeof(s));
	assert_int_equal(bud_account_session(&f->app, token, &s, &err), BUD_EAUTH);
	assert_int_equal(bud_account_login(&f->app, "worker", FX_PASSWORD, ADDR, &a, token,
					   &err), BUD_EAUTH);
	assert_int_equal(bud_users_set_active(&f->app, &admin, FX_WORKER, 1, &err), BUD_OK);
	assert_int_equal(bud_users_set_active(&f->app, &admin, FX_ADMIN, 0, &err), BUD_ECONFLICT);
}

static void test_list_pages(void **state)
{
	struct fx *f = *state;
	struct bud_page pg = {2, 0, 0};
	json_t *v = NULL;
	bud_actor admin;
	bud_err err;

	fx_actor(f, FX_ADMIN, &admin);
	assert_int_equal(bud_users_list(&f->app, &admin, &pg, &v, &err), BUD_OK);
	assert_int_equal(json_array_size(json_object_get(v, "items")), 2);
	assert_true(pg.next > 0);
	json_decref(v);
	pg.at = pg.next;
	assert_int_equal(bud_users_list(&f->app, &admin, &pg, &v, &err), BUD_OK);
	assert_string_not_equal(json_string_value(json_object_get(json_array_get(
		json_object_get(v, "items"), 0), "username")), "admin");
	json_decref(v);
}

static void test_own_sessions(void **state)
{
	struct fx *f = *state;
	char t1[BUD_TOKEN_TEXT], t2[BUD_TOKEN_TEXT], t3[BUD_TOKEN_TEXT];
	bud_actor a1, a2, a3, s;
	json_t *v = NULL;
	char *text;
	bud_err err;

	assert_int_equal(bud_account_login_ua(&f->app, "worker", FX_PASSWORD, ADDR,
					      "Firefox/128", &a1, t1, &err), BUD_OK);
	assert_int_equal(bud_account_login(&f->app, "worker", FX_PASSWORD, ADDR, &a2, t2,
					   &err), BUD_OK);
	assert_int_equal(bud_account_login(&f->app, "worker2", FX_PASSWORD, ADDR, &a3, t3,
					   &err), BUD_OK);
	assert_int_equal(bud_me_sessions(&f->app, &a1, &v, &err), BUD_OK);
	assert_int_equal(json_array_size(json_object_get(v, "items")), 2);
	text = json_dumps(v, 0);
	assert_non_null(strstr(text, "Firefox/128"));
	free(text);
	json_decref(v);
	assert_int_equal(bud_me_session_end(&f->app, &a1, a3.session_id, &err), BUD_ENOTFOUND);
	assert_int_equal(bud_me_session_end(&f->app, &a1, a2.session_id, &err), BUD_OK);
	memset(&s, 0, sizeof(s));
	assert_int_equal(bud_account_session(&f->app, t2, &s, &err), BUD_EAUTH);
	assert_int_equal(bud_account_login(&f->app, "worker", FX_PASSWORD, ADDR, &a2, t2,
					   &err), BUD_OK);
	assert_int_equal(bud_me_session_end(&f->app, &a1, 0, &err), BUD_OK);
	assert_int_equal(bud_account_session(&f->app, t2, &s, &err), BUD_EAUTH);
	assert_int_equal(bud_account_session(&f->app, t1, &s, &err), BUD_OK);
	assert_int_equal(bud_account_session(&f->app, t3, &s, &err), BUD_OK);
}

/* More expired sessions than one batch takes: all go, the live ones stay. */
static void test_sweep(void **state)
{
	struct fx *f = *state;
	char sql[512];
	int removed = 0;
	bud_err err;

	snprintf(sql, sizeof(sql), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
		 "FROM n WHERE i < %d) INSERT INTO session (token_hash, user_id, csrf, "
		 "created_at, last_seen) SELECT randomblob(32), 2, 'x', %lld, %lld FROM n",
		 2 * BUD_SESSION_SWEEP_BATCH + 7, (long long)(FX_T0 - 3600),
		 (long long)(FX_T0 - BUD_SESSION_IDLE_S - 1));
	assert_int_equal(fx_raw_exec(f, sql), 0);
	snprintf(sql, sizeof(sql), "INSERT INTO session (token_hash, user_id, csrf, "
		 "created_at, last_seen, pending) VALUES (randomblob(32), 3, 'x', %lld, %lld, 0), "
		 "(randomblob(32), 4, 'x', %lld, %lld, 1), (randomblob(32), 4, 'x', %lld, %lld, 1)",
		 (long long)FX_T0, (long long)FX_T0, (long long)FX_T0, (long long)FX_T0,
		 (long long)(FX_T0 - BUD_TOTP_PENDING_S - 1), (long long)FX_T0);
	assert_int_equal(fx_raw_exec(f, sql), 0);
	assert_int_equal(bud_sessions_sweep(&f->app, &removed, &err), BUD_OK);
	assert_int_equal(removed, 2 * BUD_SESSION_SWEEP_BATCH + 7 + 1);
	assert_int_equal(count(f, "SELECT count(*) FROM session"), 2);
	assert_int_equal(bud_sessions_sweep(&f->app, &removed, &err), BUD_OK);
	assert_int_equal(removed, 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_create_and_disable),
		T(test_list_pages),
		T(test_own_sessions),
		T(test_sweep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
