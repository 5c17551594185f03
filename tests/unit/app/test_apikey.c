/*
 * tests/unit/app/test_apikey.c: API keys of a provider's care system
 * (app/apikey.h) and its read of active commitments (app/careapi.h): only
 * the provider's own admin makes, lists and revokes keys; a key is shown
 * once and stored as a salted HMAC; its account cannot sign in; a wrong,
 * malformed or revoked key has no actor; the last use is refreshed at
 * most once a minute; a key reads only its provider's active commitments,
 * needs the scope, and each client shown is a disclosure row naming it.
 *
 * Setup: the fixture's provider user 6 is its provider's admin; user 21
 * is a provider user of provider 1 who is not; provider 2 exists. For the
 * commitments, client 1 (Kerava) has an approved plan line of day
 * activities chosen from provider 1 and accepted (as test_event.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/account.h"
#include "app/apikey.h"
#include "app/careapi.h"
#include "app/commitment.h"
#include "app/plan.h"
#include "app_fixture.h"

static const char world_sql[] =
	"UPDATE user SET provider_admin = 1 WHERE id = 6;"
	"INSERT INTO user (id, username, display_name, role, password_hash,"
	" organiser_id, provider_id, created_at) VALUES"
	" (21, 'plain', 'Pauli Tavallinen', 'provider_user', 'x', 1, 1, 0);"
	"INSERT INTO provider (id, organiser_id, name, ytunnus, created_at) VALUES"
	" (2, 1, 'Bensku ry', '2222222-2', 0);"
	"INSERT INTO offer (id, client_id, offered_on, created_by, created_at) VALUES"
	" (1, 1, '2025-06-01', 2, 0);"
	"INSERT INTO offer_service (offer_id, service_id) VALUES (1, 2);"
	"INSERT INTO offer_answer (id, offer_id, answer, answered_by, answered_at)"
	" VALUES (1, 1, 'all', 2, 0);"
	"UPDATE client SET municipality = 'Kerava' WHERE id = 1;"
	"INSERT INTO approval (id, provider_id, service_id, municipality, state,"
	" effective, created_at) VALUES (1, 1, 2, 'Kerava', 'approved', '2025-01-01', 0);";

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

static int noop_unit(bud_conn *w, void *arg, bud_err *err)
{
	(void)w;
	(void)arg;
	(void)err;
	return BUD_OK;
}

/* The writer runs units in order: once this one is done, every unit
 * queued before it (the last-use refresh) has committed. */
static void writer_done(struct fx *f)
{
	bud_err e;

	assert_int_equal(bud_db_write(f->app.db, noop_unit, NULL, &e), BUD_OK);
}

static int64_t make(struct fx *f, int64_t uid, const char *name, unsigned scopes,
		    char key[BUD_APIKEY_TEXT + 1], bud_err *e)
{
	struct bud_apikey_new in = {name, scopes};
	int64_t id = 0;
	bud_actor a;

	fx_actor(f, uid, &a);
	if (uid == 21) {
		a.user_id = 21;
		a.provider_id = 1;
	}
	bud_err_clear(e);
	return bud_apikey_create(&f->app, &a, 1, &in, &id, key, BUD_APIKEY_TEXT + 1, e)
	       == BUD_OK ? id : 0;
}

/* Made once: the whole key, an account that cannot sign in, a hash. */
static void test_create_and_actor(void **state)
{
	struct fx *f = *state;
	char key[BUD_APIKEY_TEXT + 1], sql[160], bad[BUD_APIKEY_TEXT + 1];
	bud_actor a, me;
	int64_t id;
	bud_err e;

	id = make(f, FX_PROVIDER, "Hoitojärjestelmä", BUD_SCOPE_ALL, key, &e);
	assert_true(id > 0);
	assert_int_equal(strlen(key), 60);
	assert_memory_equal(key, "bud_", 4);
	assert_int_equal(key[16], '_');
	memset(&a, 0, sizeof(a));
	snprintf(a.addr, sizeof(a.addr), "192.0.2.1");
	assert_int_equal(bud_apikey_actor(&f->app, key, &a, &e), BUD_OK);
	assert_int_equal(a.role, BUD_ROLE_PROVIDER_USER);
	assert_int_equal(a.provider_id, 1);
	assert_int_equal(a.api_key_id, id);
	assert_int_equal(a.scopes, BUD_SCOPE_ALL);
	assert_true(a.user_id > 21);
	assert_string_equal(a.addr, "192.0.2.1");
	assert_string_equal(a.display_name, "Hoitojärjestelmä");
	/* the account: never active, no password, named after the key */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM user WHERE id = %lld AND "
		 "active = 0 AND password_hash = '!' AND username = 'apikey.%.12s'",
		 (long long)a.user_id, key + 4);
	assert_int_equal(q(state, sql), 1);
	assert_int_equal(bud_account_login(&f->app, a.username, "!", "192.0.2.1", &me,
					   bad, &e), BUD_EAUTH);
	assert_int_equal(q(state, "SELECT length(secret_hash) + length(salt) FROM api_key"), 64);
	assert_int_equal(q(state, "SELECT count(*) FROM uselog WHERE action = 'create' "
			   "AND object LIKE 'api_key:%' AND user_id = 6"), 1);
	/* one character wrong, a wrong shape, nothing: no actor */
	snprintf(bad, sizeof(bad), "%s", key);
	bad[59] = bad[59] == 'A' ? 'B' : 'A';
	assert_int_equal(bud_apikey_actor(&f->app, bad, &a, &e), BUD_EAUTH);
	assert_string_equal(e.key, "err.apikey.invalid");
	assert_int_equal(bud_apikey_actor(&f->app, "bud_short", &a, &e), BUD_EAUTH);
	bad[4] = 'Z';
	assert_int_equal(bud_apikey_actor(&f->app, bad, &a, &e), BUD_EAUTH);
	assert_int_equal(bud_apikey_actor(&f->app, NULL, &a, &e), BUD_EAUTH);
	writer_done(f);
}

/* Only the provider's own admin; a name and a scope; a bounded number. */
static void test_who_and_limits(void **state)
{
	struct fx *f = *state;
	char key[BUD_APIKEY_TEXT + 1];
	struct bud_apikey_new in = {"Toinen", BUD_SCOPE_EVENTS_WRITE};
	int64_t id = 0;
	bud_actor a;
	bud_err e;
	int i;

	assert_int_equal(make(f, 21, "X", BUD_SCOPE_ALL, key, &e), 0);
	assert_int_equal(e.code, BUD_EFORBIDDEN);
	assert_string_equal(key, "");
	assert_int_equal(make(f, FX_WORKER, "X", BUD_SCOPE_ALL, key, &e), 0);
	assert_int_equal(e.code, BUD_EFORBIDDEN);
	fx_actor(f, FX_PROVIDER, &a);
	assert_int_equal(bud_apikey_create(&f->app, &a, 2, &in, &id, key, sizeof(key), &e),
			 BUD_ENOTFOUND);
	a.api_key_id = 1;	/* a key makes no keys */
	assert_int_equal(bud_apikey_create(&f->app, &a, 1, &in, &id, key, sizeof(key), &e),
			 BUD_EFORBIDDEN);
	assert_int_equal(make(f, FX_PROVIDER, "", BUD_SCOPE_ALL, key, &e), 0);
	assert_string_equal(e.field, "name");
	assert_int_equal(make(f, FX_PROVIDER, "X", 0, key, &e), 0);
	assert_string_equal(e.field, "scopes");
	assert_int_equal(make(f, FX_PROVIDER, "X", 1u << 7, key, &e), 0);
	assert_string_equal(e.field, "scopes");
	assert_int_equal(make(f, FX_PROVIDER, "Rivi\nvaihto", BUD_SCOPE_ALL, key, &e), 0);
	assert_string_equal(e.field, "name");
	assert_int_equal(q(state, "SELECT count(*) FROM api_key"), 0);
	for (i = 0; i < BUD_APIKEYS_LIVE_MAX; i++)
		assert_true(make(f, FX_PROVIDER, "K", BUD_SCOPE_ALL, key, &e) > 0);
	assert_int_equal(make(f, FX_PROVIDER, "K", BUD_SCOPE_ALL, key, &e), 0);
	assert_string_equal(e.key, "err.apikey.too_many");
	assert_int_equal(q(state, "SELECT count(*) FROM api_key"), BUD_APIKEYS_LIVE_MAX);
	assert_int_equal(q(state, "SELECT count(*) FROM user WHERE username LIKE 'apikey.%'"),
			 BUD_APIKEYS_LIVE_MAX);
}

/* The last use moves at most once a minute; a revoked key is refused. */
static void test_touch_and_revoke(void **state)
{
	struct fx *f = *state;
	char key[BUD_APIKEY_TEXT + 1];
	bud_actor a, adm, plain;
	json_t *v = NULL;
	int64_t id;
	bud_err e;

	id = make(f, FX_PROVIDER, "Lukija", BUD_SCOPE_COMMITMENTS_READ, key, &e);
	assert_int_equal(q(state, "SELECT count(*) FROM api_key WHERE last_used_at IS NULL"), 1);
	assert_int_equal(bud_apikey_actor(&f->app, key, &a, &e), BUD_OK);
	writer_done(f);
	assert_int_equal(q(state, "SELECT last_used_at FROM api_key"), FX_T0);
	f->app.now_override = FX_T0 + 59;
	assert_int_equal(bud_apikey_actor(&f->app, key, &a, &e), BUD_OK);
	writer_done(f);
	assert_int_equal(q(state, "SELECT last_used_at FROM api_key"), FX_T0);
	f->app.now_override = FX_T0 + 60;
	assert_int_equal(bud_apikey_actor(&f->app, key, &a, &e), BUD_OK);
	writer_done(f);
	assert_int_equal(q(state, "SELECT last_used_at FROM api_key"), FX_T0 + 60);

	fx_actor(f, FX_PROVIDER, &adm);
	fx_actor(f, FX_PROVIDER, &plain);
	plain.user_id = 21;
	assert_int_equal(bud_apikey_revoke(&f->app, &plain, id, &e), BUD_EFORBIDDEN);
	assert_int_equal(bud_apikey_revoke(&f->app, &a, id, &e), BUD_EFORBIDDEN);
	assert_int_equal(bud_apikey_revoke(&f->app, &adm, id, &e), BUD_OK);
	assert_int_equal(bud_apikey_actor(&f->app, key, &a, &e), BUD_EAUTH);
	assert_string_equal(e.key, "err.apikey.revoked");
	assert_int_equal(bud_apikey_revoke(&f->app, &adm, id, &e), BUD_ECONFLICT);
	assert_int_equal(bud_apikey_revoke(&f->app, &adm, id + 100, &e), BUD_ENOTFOUND);
	assert_int_equal(bud_apikey_get(&f->app, &adm, id, &v, &e), BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "state")), "revoked");
	assert_null(json_object_get(v, "key"));
	json_decref(v);
	assert_int_equal(bud_apikey_list(&f->app, &adm, 1, &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 1);
	json_decref(v);
	assert_int_equal(bud_apikey_list(&f->app, &plain, 1, &v, &e), BUD_EFORBIDDEN);
	/* the revoked key stays, and cannot be changed back */
	assert_int_equal(fx_raw_exec(f, "UPDATE api_key SET revoked_at = NULL, revoked_by = NULL"),
			 -1);
	assert_int_equal(q(state, "SELECT count(*) FROM uselog WHERE action = 'change' "
			   "AND object LIKE 'api_key:%'"), 1);
}

/* An accepted commitment of client 1 with provider 1. */
static int64_t commitment(struct fx *f)
{
	struct bud_plan_fields pf = {.label = "A", .valid_from = "2025-07-01",
		.valid_to = "2025-12-31", .review_date = "2025-11-01",
		.reasoning = "Tarve arvioitu."};
	struct bud_plan_line_in in = {.service = "day_activities", .quantity = 800};
	int64_t plan = 0, line = 0, id = 0;
	bud_actor w, dm, cl, prov;
	bud_err e;

	fx_actor(f, FX_WORKER, &w);
	fx_actor(f, FX_DM, &dm);
	fx_actor(f, FX_CLIENT, &cl);
	fx_actor(f, FX_PROVIDER, &prov);
	assert_int_equal(bud_plan_create(&f->app, &w, 1, &pf, 0, &plan, &e), BUD_OK);
	assert_int_equal(bud_plan_line_add(&f->app, &w, plan, &in, &line, &e), BUD_OK);
	assert_int_equal(bud_plan_propose(&f->app, &w, plan, &e), BUD_OK);
	assert_int_equal(bud_plan_approve(&f->app, &dm, plan, FX_PASSWORD, &e), BUD_OK);
	assert_int_equal(bud_commitment_choose(&f->app, &cl, line, 1, NULL, &id, &e), BUD_OK);
	assert_int_equal(bud_commitment_accept(&f->app, &prov, id, &e), BUD_OK);
	return id;
}

/* A key reads its provider's active commitments: names only, disclosed. */
static void test_care_commitments(void **state)
{
	struct fx *f = *state;
	char key[BUD_APIKEY_TEXT + 1], events_key[BUD_APIKEY_TEXT + 1], sql[200];
	struct bud_page pg = {.limit = 50};
	int64_t cm = commitment(f);
	json_t *v = NULL, *it;
	bud_actor a, other;
	bud_err e;

	make(f, FX_PROVIDER, "Lukija", BUD_SCOPE_COMMITMENTS_READ, key, &e);
	make(f, FX_PROVIDER, "Lähettäjä", BUD_SCOPE_EVENTS_WRITE, events_key, &e);
	assert_int_equal(bud_apikey_actor(&f->app, key, &a, &e), BUD_OK);
	assert_int_equal(bud_care_commitments(&f->app, &a, &pg, &v, &e), BUD_OK);
	assert_int_equal(pg.limit, BUD_CARE_PAGE_MAX);
	assert_int_equal(pg.next, 0);
	assert_int_equal(json_array_size(v), 1);
	it = json_array_get(v, 0);
	assert_int_equal(json_integer_value(json_object_get(it, "id")), cm);
	assert_int_equal(json_object_size(json_object_get(it, "client")), 2);
	assert_null(json_object_get(it, "hetu"));
	assert_int_equal(json_integer_value(json_object_get(it, "quantity")), 800);
	json_decref(v);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM uselog WHERE action = 'disclose' "
		 "AND object = 'commitment:%lld' AND user_id = %lld AND recipient = "
		 "'provider:1'", (long long)cm, (long long)a.user_id);
	assert_int_equal(q(state, sql), 1);
	/* without the scope; another provider's key sees nothing of it */
	assert_int_equal(bud_apikey_actor(&f->app, events_key, &other, &e), BUD_OK);
	assert_int_equal(bud_care_commitments(&f->app, &other, &pg, &v, &e), BUD_EFORBIDDEN);
	assert_string_equal(e.field, "scope");
	a.provider_id = 2;
	assert_int_equal(bud_care_commitments(&f->app, &a, &pg, &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 0);
	json_decref(v);
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_care_commitments(&f->app, &a, &pg, &v, &e), BUD_EFORBIDDEN);
	writer_done(f);
}

static void test_scopes(void **state)
{
	char text[BUD_APIKEY_SCOPES_TEXT + 1];
	bud_actor a;
	bud_err e;

	(void)state;
	assert_int_equal(bud_scope_parse("events:write"), BUD_SCOPE_EVENTS_WRITE);
	assert_int_equal(bud_scope_parse("events:delete"), 0);
	assert_int_equal(bud_scope_parse(NULL), 0);
	assert_string_equal(bud_scope_name(BUD_SCOPE_COMMITMENTS_READ), "commitments:read");
	assert_null(bud_scope_name(BUD_SCOPE_ALL));
	bud_scopes_text(BUD_SCOPE_ALL, text, sizeof(text));
	assert_string_equal(text, "commitments:read events:write");
	memset(&a, 0, sizeof(a));
	assert_int_equal(bud_apikey_scope_check(&a, BUD_SCOPE_EVENTS_WRITE, &e), BUD_OK);
	a.api_key_id = 3;
	a.scopes = BUD_SCOPE_COMMITMENTS_READ;
	assert_int_equal(bud_apikey_scope_check(&a, BUD_SCOPE_EVENTS_WRITE, &e), BUD_EFORBIDDEN);
	assert_int_equal(bud_apikey_scope_check(&a, BUD_SCOPE_COMMITMENTS_READ, &e), BUD_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_actor, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_who_and_limits, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_touch_and_revoke, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_care_commitments, setup, fx_teardown),
		cmocka_unit_test(test_scopes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
