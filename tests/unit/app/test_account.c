/*
 * Unit tests for app/account.c: creating users (each validation error
 * names its field), argon2id hashes, login and its failures, throttling
 * and the hourly lock (moving app.now_override, never sleeping), sessions
 * with idle and absolute expiry, the per-user cap, tokens stored only as
 * hashes, CSRF comparison, logout, language and mandates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>

#include "app/account.h"
#include "app_fixture.h"
#include "bud_limits.h"

#define ADDR "198.51.100.7"

static bud_app *APP(void **state)
{
	return &((struct fx *)*state)->app;
}

static void login_ok(void **state, const char *user, const char *addr,
		     bud_actor *a, char *token)
{
	bud_err err;

	bud_err_clear(&err);
	assert_int_equal(bud_account_login(APP(state), user, FX_PASSWORD, addr, a,
					   token, &err), BUD_OK);
}

/* rc of a login with password pw, err into *err. */
static int login(void **state, const char *user, const char *pw,
		 const char *addr, bud_err *err)
{
	char token[BUD_TOKEN_TEXT];
	bud_actor a;

	bud_err_clear(err);
	return bud_account_login(APP(state), user, pw, addr, &a, token, err);
}

/* ---- create ------------------------------------------------------------ */

static struct bud_new_user good_user(void)
{
	struct bud_new_user u = {
		.username = "maija.m", .display_name = "Maija Meikäläinen",
		.role = "worker", .lang = "sv", .password = "pitkä salasana 12",
		.unit_id = 1,
	};
	return u;
}

/* Create u and expect rc and the error's field. */
static void expect_field(void **state, struct bud_new_user u, int rc,
			 const char *field, const char *key)
{
	bud_err err;
	int64_t id = 0;

	bud_err_clear(&err);
	assert_int_equal(bud_account_create(APP(state), NULL, &u, &id, &err), rc);
	assert_string_equal(err.field, field);
	assert_string_equal(err.key, key);
	assert_int_equal(id, 0);
}

/* key of the refusal of password pw for a user with names (NULL: none). */
static const char *pw_refusal(const char *pw, const char *const *names)
{
	static bud_err err;

	bud_err_clear(&err);
	if (bud_account_password_check(pw, names, &err) == BUD_OK)
		return "ok";
	assert_string_equal(err.field, "password");
	return err.key;
}

static void test_password_rules(void **state)
{
	static const char *const matti[] = {"matti.virtanen", "Matti Virtanen", NULL};
	static const char *const common[] = {
		"password1234", "123456789012", "Password1234!", "qwertyuiop12",
		"PASSWORD!!2024", "salasana2024!", "1qaz2wsx3edc", "abcdefghijkl",
		"abcabcabcabc", "aaaaaaaaaaaaaaa", "098765432109", "iloveyou2024",
	};
	static const char *const fine[] = {
		FX_PASSWORD, "api-testi-Salasana-4242", "pitkä salasana 12",
		"correct horse battery staple", "Matti likes strong tea",
		"virtanen-kesämökki-järvellä",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		assert_string_equal(pw_refusal(common[i], matti), "err.user.password_common");
	for (i = 0; i < sizeof(fine) / sizeof(fine[0]); i++)
		assert_string_equal(pw_refusal(fine[i], matti), "ok");
	assert_string_equal(pw_refusal("            ", NULL), "err.user.password_blank");
	assert_string_equal(pw_refusal("                ", NULL), "err.user.password_blank");
	assert_string_equal(pw_refusal("matti.virtanen", matti), "err.user.password_personal");
	assert_string_equal(pw_refusal("MattiVirtanen1", matti), "err.user.password_personal");
	assert_string_equal(pw_refusal("Virtanen-2024!!!", matti), "err.user.password_personal");
	assert_string_equal(pw_refusal("Virtanen-2024!!!", NULL), "ok");
	assert_string_equal(pw_refusal("short", matti), "err.user.password_short");
}

static void test_create_validation(void **state)
{
	struct bud_new_user u;
	char longpw[BUD_PASSWORD_MAX + 2];

#define CASE(member, value, field, key) \
	u = good_user(); u.member = value; \
	expect_field(state, u, BUD_EINVAL, field, key)
	CASE(username, "ab", "username", "err.user.username");
	CASE(username, "Maija", "username", "err.user.username");
	CASE(username, "maija m", "username", "err.user.username");
	CASE(username, NULL, "username", "err.user.username");
	CASE(display_name, "", "display_name", "err.user.display_name");
	CASE(display_name, "Tab\there", "display_name", "err.user.display_name");
	CASE(display_name, "bad \xff utf8", "display_name", "err.user.display_name");
	CASE(role, "boss", "role", "err.user.role");
	CASE(lang, "de", "lang", "err.user.lang");
	CASE(password, "lyhyt-11chr", "password", "err.user.password_short");
	CASE(password, "äääääääääää", "password", "err.user.password_short");
	CASE(password, "control\x01" "chars!!", "password", "err.user.password_invalid");
	CASE(password, NULL, "password", "err.required");
	memset(longpw, 'x', BUD_PASSWORD_MAX + 1);
	longpw[BUD_PASSWORD_MAX + 1] = '\0';
	CASE(password, longpw, "password", "err.user.password_long");
	CASE(provider_id, 1, "provider_id", "err.user.provider_not_allowed");
	CASE(client_id, 1, "client_id", "err.user.client_not_allowed");
	u = good_user(); u.role = "provider_user"; u.unit_id = 0;
	expect_field(state, u, BUD_EINVAL, "provider_id", "err.user.provider_required");
	u = good_user(); u.role = "client"; u.unit_id = 0;
	expect_field(state, u, BUD_EINVAL, "client_id", "err.user.client_required");
	u = good_user(); u.role = "client"; u.client_id = 1;
	expect_field(state, u, BUD_EINVAL, "unit_id", "err.user.unit_not_allowed");
#undef CASE
	/* Only an administrator may create users. */
	{
		bud_actor w;
		bud_err err;

		u = good_user();
		fx_actor(*state, FX_WORKER, &w);
		assert_int_equal(bud_account_create(APP(state), &w, &u, NULL, &err),
				 BUD_EFORBIDDEN);
	}
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM user"), FX_INACTIVE);
}

static void test_create_ok_and_duplicate(void **state)
{
	struct bud_new_user u = good_user();
	char hash[200];
	bud_actor admin;
	bud_err err;
	int64_t id = 0;

	/* 128 characters of two bytes each is a valid display name. */
	static char name[BUD_DISPLAY_NAME_MAX * 2 + 1];
	size_t i;

	for (i = 0; i < BUD_DISPLAY_NAME_MAX; i++)
		memcpy(name + 2 * i, "ä", 2);
	u.display_name = name;
	fx_actor(*state, FX_ADMIN, &admin);
	assert_int_equal(bud_account_create(APP(state), &admin, &u, &id, &err), BUD_OK);
	assert_int_equal(id, FX_INACTIVE + 1);
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM user WHERE "
		"username = 'maija.m' AND role = 'worker' AND lang = 'sv' AND unit_id = 1 "
		"AND organiser_id IS NULL AND active = 1"), 1);
	assert_int_equal(fx_raw_int(*state, "SELECT length(display_name) FROM user "
		"WHERE username = 'maija.m'"), BUD_DISPLAY_NAME_MAX);
	/* The hash is argon2id and verifies the password, not another. */
	{
		sqlite3 *db;
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_open(((struct fx *)*state)->path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT password_hash FROM user "
			"WHERE id = ?1", -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_int64(st, 1, id);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		snprintf(hash, sizeof(hash), "%s", sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	assert_memory_equal(hash, "$argon2id$", 10);
	assert_int_equal(crypto_pwhash_str_verify(hash, u.password, strlen(u.password)), 0);
	assert_int_not_equal(crypto_pwhash_str_verify(hash, "pitkä salasana 13", 18), 0);
	/* The creation is in the use log. */
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM uselog WHERE "
		"action = 'create' AND object = 'user:12' AND user_id = 1 AND basis = 'admin'"), 1);
	/* The same username again. */
	u = good_user();
	u.username = "maija.m";
	id = 0;
	assert_int_equal(bud_account_create(APP(state), NULL, &u, &id, &err), BUD_ECONFLICT);
	assert_string_equal(err.field, "username");
	assert_string_equal(err.key, "err.user.username_taken");
	assert_int_equal(id, 0);
	/* A provider that does not exist names its field. */
	u = good_user();
	u.username = "paavo";
	u.role = "provider_user";
	u.unit_id = 0;
	u.provider_id = 99;
	assert_int_equal(bud_account_create(APP(state), NULL, &u, &id, &err), BUD_EINVAL);
	assert_string_equal(err.field, "provider_id");
	assert_string_equal(err.key, "err.user.provider_unknown");
}

/* ---- login ------------------------------------------------------------- */

static void test_login_ok_and_failed(void **state)
{
	char token[BUD_TOKEN_TEXT];
	bud_err e1, e2, e3;
	bud_actor a;

	memset(&a, 0, sizeof(a));
	login_ok(state, "worker", ADDR, &a, token);
	assert_int_equal(a.user_id, FX_WORKER);
	assert_int_equal(a.role, BUD_ROLE_WORKER);
	assert_int_equal(a.organiser_id, 1);
	assert_int_equal(a.unit_id, 1);
	assert_string_equal(a.username, "worker");
	assert_string_equal(a.display_name, "Wilma Työntekijä");
	assert_string_equal(a.lang, "fi");
	assert_string_equal(a.addr, ADDR);
	assert_true(a.session_id > 0);
	assert_int_equal(strlen(token), 43);
	assert_int_equal(strlen(a.csrf), 43);
	assert_string_not_equal(token, a.csrf);
	/* Username case does not matter (COLLATE NOCASE). */
	login_ok(state, "WORKER", ADDR, &a, token);
	assert_int_equal(a.user_id, FX_WORKER);

	/* Wrong password, unknown user and inactive user: the same answer. */
	assert_int_equal(login(state, "worker", "väärä-salasana-1", ADDR, &e1), BUD_EAUTH);
	assert_int_equal(login(state, "nobody", FX_PASSWORD, ADDR, &e2), BUD_EAUTH);
	assert_int_equal(login(state, "gone", FX_PASSWORD, ADDR, &e3), BUD_EAUTH);
	assert_string_equal(e1.key, "err.login.failed");
	assert_string_equal(e1.key, e2.key);
	assert_string_equal(e1.key, e3.key);
	assert_string_equal(e1.detail, e2.detail);
	assert_string_equal(e1.detail, e3.detail);
	assert_string_equal(e1.field, e2.field);

	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM login_attempt "
		"WHERE ok = 1"), 2);
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM login_attempt "
		"WHERE ok = 0"), 3);
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM uselog WHERE "
		"action = 'login' AND user_id = 2 AND object = 'session' AND "
		"basis = 'own' AND client_id IS NULL"), 2);
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM uselog WHERE "
		"action = 'login_failed' AND user_id = 2"), 1);
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM uselog WHERE "
		"action = 'login_failed' AND user_id IS NULL AND role = 'none'"), 1);
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM session"), 2);
}

static void test_throttle(void **state)
{
	struct fx *f = *state;
	bud_err err;
	int i;

	for (i = 0; i < BUD_LOGIN_SLOW_AFTER; i++)
		assert_int_equal(login(state, "worker", "väärä-salasana-1", ADDR, &err),
				 BUD_EAUTH);
	/* Slowed down: refused at once, even with the right password. */
	assert_int_equal(login(state, "worker", FX_PASSWORD, ADDR, &err), BUD_EBUSY);
	assert_string_equal(err.key, "err.login.throttled");
	/* a delay of one second, in a clock of whole seconds: two */
	assert_int_equal(bud_account_retry_after(&f->app, "worker", ADDR), 2);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM login_attempt"),
			 BUD_LOGIN_SLOW_AFTER);
	/* One account's failures do not slow down the other users behind the
	 * same address (an office, a proxy); the username counts from any
	 * address. */
	assert_int_equal(bud_account_retry_after(&f->app, "worker2", ADDR), 0);
	assert_int_equal(login(state, "worker", FX_PASSWORD, "203.0.113.9", &err),
			 BUD_EBUSY);
	assert_int_equal(bud_account_retry_after(&f->app, "worker2", "203.0.113.9"), 0);

	/* The next second may be a moment after the failure: still waiting
	 * (this let an attempt through at once). */
	f->app.now_override = FX_T0 + 1;
	assert_int_equal(bud_account_retry_after(&f->app, "worker", ADDR), 1);
	assert_int_equal(login(state, "worker", FX_PASSWORD, ADDR, &err), BUD_EBUSY);
	/* After the delay one more attempt; the next delay is twice as long. */
	f->app.now_override = FX_T0 + 2;
	assert_int_equal(bud_account_retry_after(&f->app, "worker", ADDR), 0);
	assert_int_equal(login(state, "worker", "väärä-salasana-1", ADDR, &err), BUD_EAUTH);
	assert_int_equal(login(state, "worker", FX_PASSWORD, ADDR, &err), BUD_EBUSY);
	assert_int_equal(bud_account_retry_after(&f->app, "worker", ADDR), 3);
	f->app.now_override = FX_T0 + 4;
	assert_int_equal(bud_account_retry_after(&f->app, "worker", ADDR), 1);
	f->app.now_override = FX_T0 + 5;
	assert_int_equal(login(state, "worker", FX_PASSWORD, ADDR, &err), BUD_OK);
	/* A success does not reset the count: the next failure still waits. */
	assert_int_equal(login(state, "worker", "väärä-salasana-1", ADDR, &err), BUD_EAUTH);
	assert_int_equal(bud_account_retry_after(&f->app, "worker", ADDR), 5);
	/* The delay stops growing at BUD_LOGIN_DELAY_MS_MAX. */
	assert_int_equal(fx_raw_exec(f, "INSERT INTO login_attempt (username, addr, at, ok) "
		"VALUES ('worker', 'x', 1749988803, 0), ('worker', 'x', 1749988803, 0), "
		"('worker', 'x', 1749988803, 0)"), 0);
	assert_int_equal(bud_account_retry_after(&f->app, "worker", ADDR),
			 BUD_LOGIN_DELAY_MS_MAX / 1000 + 1);
	/* Failures older than the window no longer count. */
	f->app.now_override = FX_T0 + BUD_LOGIN_WINDOW_S + 10;
	assert_int_equal(bud_account_retry_after(&f->app, "worker", ADDR), 0);
}

/* Many failures from one address, each for another username (guessing
 * across accounts), slow that address down, and only it. */
static void test_throttle_address(void **state)
{
	struct fx *f = *state;
	char sql[300];
	bud_err err;

	snprintf(sql, sizeof(sql), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
		"SELECT i + 1 FROM n WHERE i < %d) INSERT INTO login_attempt "
		"(username, addr, at, ok) SELECT 'guess' || i, '%s', %lld, 0 FROM n",
		BUD_LOGIN_ADDR_SLOW_AFTER - 1, ADDR, (long long)FX_T0);
	assert_int_equal(fx_raw_exec(f, sql), 0);
	assert_true(BUD_LOGIN_ADDR_SLOW_AFTER > 4 * BUD_LOGIN_SLOW_AFTER);
	assert_int_equal(login(state, "worker", FX_PASSWORD, ADDR, &err), BUD_OK);
	assert_int_equal(login(state, "nobody", "väärä-salasana-1", ADDR, &err),
			 BUD_EAUTH);
	assert_int_equal(login(state, "worker2", FX_PASSWORD, ADDR, &err), BUD_EBUSY);
	assert_string_equal(err.key, "err.login.throttled");
	assert_int_equal(login(state, "worker2", FX_PASSWORD, "203.0.113.9", &err),
			 BUD_OK);
}

static void test_lock(void **state)
{
	struct fx *f = *state;
	char sql[200];
	bud_err err;

	/* BUD_LOGIN_FAIL_MAX - 1 failures, one a second up to T0 - 1, each
	 * from another address... */
	snprintf(sql, sizeof(sql), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
		"SELECT i + 1 FROM n WHERE i < %d) INSERT INTO login_attempt "
		"(username, addr, at, ok) SELECT 'worker', 'a' || i, %lld - %d + i, 0 "
		"FROM n", BUD_LOGIN_FAIL_MAX - 1, (long long)FX_T0, BUD_LOGIN_FAIL_MAX);
	assert_int_equal(fx_raw_exec(f, sql), 0);
	/* ...leave one more guess, after the (longest) delay. */
	assert_int_equal(login(state, "worker", FX_PASSWORD, ADDR, &err), BUD_EBUSY);
	f->app.now_override = FX_T0 + 10;
	assert_int_equal(login(state, "worker", "väärä-salasana-1", ADDR, &err), BUD_EAUTH);
	/* Now locked, also for the right password after the delay. */
	f->app.now_override = FX_T0 + 60;
	assert_int_equal(login(state, "worker", FX_PASSWORD, ADDR, &err), BUD_EBUSY);
	assert_string_equal(err.key, "err.login.locked");
	/* Until the oldest failure (at T0 - 99) leaves the hour. */
	assert_int_equal(bud_account_retry_after(&f->app, "worker", ADDR),
			 BUD_LOGIN_WINDOW_S - 99 - 60);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM login_attempt WHERE ok = 0"),
			 BUD_LOGIN_FAIL_MAX);
	f->app.now_override = FX_T0 - 99 + BUD_LOGIN_WINDOW_S;
	assert_int_equal(login(state, "worker", FX_PASSWORD, ADDR, &err), BUD_OK);
	/* Attempts older than a day are pruned on the next attempt. */
	f->app.now_override = FX_T0 + 2 * BUD_LOGIN_KEEP_S;
	assert_int_equal(login(state, "worker", FX_PASSWORD, ADDR, &err), BUD_OK);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM login_attempt"), 1);
}

/* ---- sessions ---------------------------------------------------------- */

/* A new password ends the user's other sessions; the rules apply. */
static void test_set_password(void **state)
{
	char t1[BUD_TOKEN_TEXT], t2[BUD_TOKEN_TEXT], t3[BUD_TOKEN_TEXT];
	bud_actor a1, a2, a3, admin, s;
	bud_err err;

	login_ok(state, "worker", ADDR, &a1, t1);
	login_ok(state, "worker", ADDR, &a2, t2);
	login_ok(state, "admin", ADDR, &admin, t3);
	assert_int_equal(bud_account_set_password(APP(state), NULL, "worker",
		"password1234", &err), BUD_EINVAL);
	assert_string_equal(err.field, "password");
	assert_int_equal(bud_account_session(APP(state), t1, &s, &err), BUD_OK);
	assert_int_equal(bud_account_set_password(APP(state), &a1, "worker",
		"uusi pitkä salasana", &err), BUD_EFORBIDDEN);
	assert_int_equal(bud_account_set_password(APP(state), NULL, "nobody",
		"uusi pitkä salasana", &err), BUD_ENOTFOUND);
	assert_int_equal(bud_account_set_password(APP(state), &admin, "worker",
		"uusi pitkä salasana", &err), BUD_OK);
	assert_int_equal(bud_account_session(APP(state), t1, &s, &err), BUD_EAUTH);
	assert_int_equal(bud_account_session(APP(state), t2, &s, &err), BUD_EAUTH);
	assert_int_equal(bud_account_session(APP(state), t3, &s, &err), BUD_OK);
	assert_int_equal(login(state, "worker", FX_PASSWORD, "203.0.113.5", &err),
			 BUD_EAUTH);
	assert_int_equal(bud_account_login(APP(state), "worker", "uusi pitkä salasana",
		"203.0.113.5", &a3, t1, &err), BUD_OK);
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM uselog WHERE "
		"action = 'change' AND object = 'user:2:password'"), 1);
}

static void test_session_resolve(void **state)
{
	char token[BUD_TOKEN_TEXT], bad[BUD_TOKEN_TEXT];
	bud_actor a, s;
	bud_err err;

	login_ok(state, "client", ADDR, &a, token);
	memset(&s, 0, sizeof(s));
	snprintf(s.addr, sizeof(s.addr), "kept");
	assert_int_equal(bud_account_session(APP(state), token, &s, &err), BUD_OK);
	assert_int_equal(s.user_id, FX_CLIENT);
	assert_int_equal(s.role, BUD_ROLE_CLIENT);
	assert_int_equal(s.client_id, 1);
	assert_int_equal(s.session_id, a.session_id);
	assert_string_equal(s.csrf, a.csrf);
	assert_string_equal(s.display_name, "Kalle Asiakas");
	assert_string_equal(s.addr, "kept");
	/* Unknown, malformed and missing tokens. */
	snprintf(bad, sizeof(bad), "%s", token);
	bad[0] = bad[0] == 'A' ? 'B' : 'A';
	assert_int_equal(bud_account_session(APP(state), bad, &s, &err), BUD_EAUTH);
	assert_string_equal(err.key, "err.session.invalid");
	assert_int_equal(bud_account_session(APP(state), "short", &s, &err), BUD_EAUTH);
	bad[10] = '.';
	assert_int_equal(bud_account_session(APP(state), bad, &s, &err), BUD_EAUTH);
	assert_int_equal(bud_account_session(APP(state), NULL, &s, &err), BUD_EAUTH);
	/* A user made inactive loses the session. */
	assert_int_equal(fx_raw_exec(*state, "UPDATE user SET active = 0 WHERE id = 7"), 0);
	assert_int_equal(bud_account_session(APP(state), token, &s, &err), BUD_EAUTH);
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM session"), 0);
}

static void test_session_idle(void **state)
{
	struct fx *f = *state;
	char token[BUD_TOKEN_TEXT];
	bud_actor a;
	bud_err err;

	login_ok(state, "worker", ADDR, &a, token);
	/* Within a minute last_seen is not written. */
	f->app.now_override = FX_T0 + BUD_SESSION_TOUCH_S - 1;
	assert_int_equal(bud_account_session(&f->app, token, &a, &err), BUD_OK);
	assert_int_equal(fx_raw_int(f, "SELECT last_seen FROM session"), FX_T0);
	/* Just before the idle limit: still valid, and refreshed. */
	f->app.now_override = FX_T0 + BUD_SESSION_IDLE_S - 1;
	assert_int_equal(bud_account_session(&f->app, token, &a, &err), BUD_OK);
	assert_int_equal(fx_raw_int(f, "SELECT last_seen FROM session"),
			 FX_T0 + BUD_SESSION_IDLE_S - 1);
	f->app.now_override = FX_T0 + 2 * BUD_SESSION_IDLE_S - 2;
	assert_int_equal(bud_account_session(&f->app, token, &a, &err), BUD_OK);
	/* Idle for the whole limit: ended and removed. */
	f->app.now_override = FX_T0 + 3 * BUD_SESSION_IDLE_S - 2;
	assert_int_equal(bud_account_session(&f->app, token, &a, &err), BUD_EAUTH);
	assert_string_equal(err.key, "err.session.expired");
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM session"), 0);
	assert_int_equal(bud_account_session(&f->app, token, &a, &err), BUD_EAUTH);
	assert_string_equal(err.key, "err.session.invalid");
}

static void test_session_absolute(void **state)
{
	struct fx *f = *state;
	char token[BUD_TOKEN_TEXT];
	bud_actor a;
	bud_err err;
	int64_t t;

	login_ok(state, "worker", ADDR, &a, token);
	/* Busy all day: each request well within the idle limit. */
	for (t = FX_T0; t < FX_T0 + BUD_SESSION_ABS_S; t += BUD_SESSION_IDLE_S / 2) {
		f->app.now_override = t;
		assert_int_equal(bud_account_session(&f->app, token, &a, &err), BUD_OK);
	}
	f->app.now_override = FX_T0 + BUD_SESSION_ABS_S - 1;
	assert_int_equal(bud_account_session(&f->app, token, &a, &err), BUD_OK);
	f->app.now_override = FX_T0 + BUD_SESSION_ABS_S;
	assert_int_equal(bud_account_session(&f->app, token, &a, &err), BUD_EAUTH);
	assert_string_equal(err.key, "err.session.expired");
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM session"), 0);
}

/* 1 when needle (n bytes) occurs in hay (m bytes). */
static int contains(const void *hay, size_t m, const void *needle, size_t n)
{
	return n <= m && memmem(hay, m, needle, n) != NULL;
}

static void test_token_not_stored(void **state)
{
	struct fx *f = *state;
	char token[BUD_TOKEN_TEXT];
	unsigned char raw[BUD_TOKEN_BYTES];
	size_t rawlen = 0;
	sqlite3 *db;
	sqlite3_stmt *st;
	bud_actor a;
	int rows = 0, i;

	login_ok(state, "worker", ADDR, &a, token);
	assert_int_equal(sodium_base642bin(raw, sizeof(raw), token, strlen(token), NULL,
		&rawlen, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
	assert_int_equal(rawlen, BUD_TOKEN_BYTES);
	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT * FROM session", -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		rows++;
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const void *b = sqlite3_column_blob(st, i);
			size_t n = (size_t)sqlite3_column_bytes(st, i);

			assert_false(b && contains(b, n, token, strlen(token)));
			assert_false(b && contains(b, n, raw, sizeof(raw)));
			assert_false(b && contains(b, n, token, 16));
		}
		assert_int_equal(sqlite3_column_bytes(st, 1), 32);	/* token_hash */
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_int_equal(rows, 1);
}

static void test_session_cap(void **state)
{
	struct fx *f = *state;
	char first[BUD_TOKEN_TEXT], token[BUD_TOKEN_TEXT];
	bud_actor a;
	bud_err err;
	int i;

	login_ok(state, "dm", ADDR, &a, first);
	for (i = 1; i <= BUD_SESSIONS_PER_USER; i++) {
		f->app.now_override = FX_T0 + i;
		login_ok(state, "dm", ADDR, &a, token);
	}
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM session WHERE user_id = 4"),
			 BUD_SESSIONS_PER_USER);
	assert_int_equal(fx_raw_int(f, "SELECT min(created_at) FROM session"), FX_T0 + 1);
	assert_int_equal(bud_account_session(&f->app, first, &a, &err), BUD_EAUTH);
	assert_int_equal(bud_account_session(&f->app, token, &a, &err), BUD_OK);
	assert_int_equal(a.user_id, FX_DM);
}

static void test_csrf(void **state)
{
	bud_actor a;
	char tok[72];

	(void)state;
	memset(&a, 0, sizeof(a));
	assert_false(bud_account_csrf_ok(&a, ""));	/* no session token */
	snprintf(a.csrf, sizeof(a.csrf), "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde");
	snprintf(tok, sizeof(tok), "%s", a.csrf);
	assert_true(bud_account_csrf_ok(&a, tok));
	tok[42] = 'f';
	assert_false(bud_account_csrf_ok(&a, tok));
	tok[42] = 'e';
	tok[0] = 'a';
	assert_false(bud_account_csrf_ok(&a, tok));
	assert_false(bud_account_csrf_ok(&a, "AbCdEf"));
	memcpy(tok, a.csrf, 43);
	tok[43] = 'X';
	tok[44] = '\0';
	assert_false(bud_account_csrf_ok(&a, tok));
	assert_false(bud_account_csrf_ok(&a, ""));
	assert_false(bud_account_csrf_ok(&a, NULL));
	assert_false(bud_account_csrf_ok(NULL, tok));
}

static void test_logout_and_lang(void **state)
{
	char token[BUD_TOKEN_TEXT];
	bud_actor a, s, nobody;
	bud_err err;

	login_ok(state, "worker2", ADDR, &a, token);
	assert_string_equal(a.lang, "sv");
	assert_int_equal(bud_account_set_lang(APP(state), &a, "en", &err), BUD_OK);
	assert_int_equal(bud_account_session(APP(state), token, &s, &err), BUD_OK);
	assert_string_equal(s.lang, "en");
	assert_int_equal(bud_account_set_lang(APP(state), &a, "de", &err), BUD_EINVAL);
	assert_string_equal(err.field, "lang");
	memset(&nobody, 0, sizeof(nobody));
	assert_int_equal(bud_account_set_lang(APP(state), &nobody, "fi", &err), BUD_EAUTH);

	assert_int_equal(bud_account_logout(APP(state), &s, &err), BUD_OK);
	assert_int_equal(bud_account_session(APP(state), token, &s, &err), BUD_EAUTH);
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM uselog WHERE "
		"action = 'logout' AND user_id = 3 AND object = 'session'"), 1);
	assert_int_equal(bud_account_logout(APP(state), &nobody, &err), BUD_EAUTH);
}

static void test_check_password(void **state)
{
	bud_actor a;
	bud_err err;

	fx_actor(*state, FX_FINANCE, &a);
	snprintf(a.username, sizeof(a.username), "finance");
	assert_int_equal(bud_account_check_password(APP(state), &a, FX_PASSWORD, &err),
			 BUD_OK);
	assert_int_equal(bud_account_check_password(APP(state), &a, "väärä-salasana-1",
						    &err), BUD_EAUTH);
	assert_string_equal(err.field, "password");
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM login_attempt WHERE "
		"username = 'finance' AND ok = 0"), 1);
}

static void test_mandate_validation(void **state)
{
	bud_actor admin, worker2;
	bud_err err;
	int64_t id = 0;

	fx_actor(*state, FX_ADMIN, &admin);
	fx_actor(*state, FX_WORKER2, &worker2);
#define M(actor, user, client, kind, scope, from, to) \
	bud_account_add_mandate(APP(state), actor, user, client, kind, scope, \
				from, to, &id, &err)
	assert_int_equal(M(&admin, FX_REP, 1, "uncle", "act", "2025-01-01", NULL), BUD_EINVAL);
	assert_string_equal(err.field, "kind");
	assert_int_equal(M(&admin, FX_REP, 1, "trustee", "all", "2025-01-01", NULL), BUD_EINVAL);
	assert_string_equal(err.field, "scope");
	assert_int_equal(M(&admin, FX_REP, 1, "trustee", "act", "2025-02-30", NULL), BUD_EINVAL);
	assert_string_equal(err.field, "valid_from");
	assert_int_equal(M(&admin, FX_REP, 1, "trustee", "act", "2025-01-01", "1.2.2025"), BUD_EINVAL);
	assert_string_equal(err.field, "valid_to");
	assert_int_equal(M(&admin, FX_REP, 1, "trustee", "act", "2025-01-02", "2025-01-01"), BUD_EINVAL);
	assert_string_equal(err.key, "err.mandate.dates");
	assert_int_equal(M(&admin, FX_WORKER, 1, "trustee", "act", "2025-01-01", NULL), BUD_EINVAL);
	assert_string_equal(err.field, "user_id");
	assert_int_equal(M(&admin, FX_REP, 99, "trustee", "act", "2025-01-01", NULL), BUD_EINVAL);
	assert_string_equal(err.field, "client_id");
	/* A worker only for a client of their own case. */
	assert_int_equal(M(&worker2, FX_REP, 1, "trustee", "act", "2025-01-01", NULL), BUD_ENOTFOUND);
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM mandate"), 0);
	assert_int_equal(M(&worker2, FX_REP, 2, "guardian", "view", "2025-01-01", ""), BUD_OK);
	assert_true(id > 0);
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM mandate WHERE "
		"valid_to IS NULL AND created_by = 3 AND scope = 'view'"), 1);
	assert_int_equal(fx_raw_int(*state, "SELECT count(*) FROM uselog WHERE "
		"action = 'create' AND client_id = 2 AND basis = 'case'"), 1);
#undef M
}

static void test_random_password(void **state)
{
	char a[21], b[21];
	bud_err err;

	(void)state;
	assert_int_equal(bud_account_random_password(a, sizeof(a), 20), BUD_OK);
	assert_int_equal(bud_account_random_password(b, sizeof(b), 20), BUD_OK);
	assert_int_equal(strlen(a), 20);
	assert_string_not_equal(a, b);
	assert_int_equal(bud_account_password_check(a, NULL, &err), BUD_OK);
	assert_int_equal(bud_account_random_password(a, sizeof(a), 21), BUD_EINVAL);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_create_validation),
		T(test_create_ok_and_duplicate),
		T(test_login_ok_and_failed),
		cmocka_unit_test(test_password_rules),
		T(test_throttle),
		T(test_throttle_address),
		T(test_set_password),
		T(test_lock),
		T(test_session_resolve),
		T(test_session_idle),
		T(test_session_absolute),
		T(test_token_not_stored),
		T(test_session_cap),
		T(test_csrf),
		T(test_logout_and_lang),
		T(test_check_password),
		T(test_mandate_validation),
		T(test_random_password),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
