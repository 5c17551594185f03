/*
 * Unit tests for app/demo.c and the store functions it writes with
 * (store/org.h, store/provider.h, store/client.h): the demo on a fresh
 * database has 1 organiser, 2 units, 10 services, 10 prices, 3 approved
 * providers and 5 clients of the demo worker; every identifier passes its
 * check (temporary identity codes only); every role has an account that
 * signs in with the given password; the representative's mandate is valid
 * today and for one client only; a second run is refused and writes
 * nothing; a failure at the last insert (the mandate) rolls back the whole
 * data set, accounts included; random passwords have 20 characters of the
 * safe alphabet.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "app/account.h"
#include "app/app.h"
#include "app/authz.h"
#include "app/demo.h"
#include "app/municipality.h"
#include "core/ids.h"
#include "store/authz.h"
#include "store/client.h"
#include "store/db.h"
#include "store/org.h"
#include "store/provider.h"
#include "store/user.h"

#define PW "demo-testi-Salasana-42"

struct fx {
	char dir[64];
	char path[96];
	bud_db *db;
	bud_app app;
	struct bud_demo_result res;
};

static int fx_setup(void **state)
{
	struct bud_db_opts opts = {.sync_normal = 1};
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/bud-demo-XXXXXX");
	if (!mkdtemp(f->dir))
		return free(f), -1;
	snprintf(f->path, sizeof(f->path), "%s/demo.db", f->dir);
	if (bud_db_open(f->path, &opts, &f->db, NULL) != BUD_OK)
		return free(f), -1;
	f->app.db = f->db;
	f->app.stats_min_group = 5;
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;
	struct dirent *d;
	DIR *dir;

	bud_demo_result_wipe(&f->res);
	bud_db_close(f->db);
	dir = opendir(f->dir);
	if (dir) {
		while ((d = readdir(dir)) != NULL)
			if (d->d_name[0] != '.')
				unlinkat(dirfd(dir), d->d_name, 0);
		closedir(dir);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Run the demo with PW; every later check reads what it wrote. */
static struct fx *demo(void **state)
{
	struct fx *f = *state;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	rc = bud_demo_create(&f->app, PW, &f->res, &err);
	if (rc != BUD_OK)
		print_error("demo: %s (%s)\n", err.detail, err.field);
	assert_int_equal(rc, BUD_OK);
	return f;
}

static bud_conn *reader(struct fx *f)
{
	bud_conn *c = bud_db_reader(f->db, NULL);

	assert_non_null(c);
	return c;
}

static void test_organiser_and_catalogue(void **state)
{
	struct fx *f = demo(state);
	bud_conn *c = reader(f);
	struct bud_store_organiser o;
	struct bud_store_unit units[4];
	struct bud_store_service sv[16];
	struct bud_store_price pr[16], p;
	int64_t n64 = 0;
	size_t n = 0;

	assert_int_equal(bud_store_organiser_count(c, &n64, NULL), BUD_OK);
	assert_int_equal(n64, 1);
	assert_int_equal(bud_store_organiser_only(c, &o, NULL), BUD_OK);
	assert_int_equal(o.id, f->res.organiser_id);
	assert_string_equal(o.code, "ita-uusimaa");
	assert_string_equal(o.name_sv, "Östra Nylands välfärdsområde");
	assert_int_equal(o.bilingual, 1);
	assert_int_equal(bud_ytunnus_check(o.ytunnus, NULL), BUD_OK);
	assert_int_equal(bud_iban_check(o.iban, NULL, 0, NULL), BUD_OK);
	assert_int_equal(bud_bic_check(o.bic, NULL, 0, NULL), BUD_OK);
	assert_int_equal(strlen(o.iban), 18);

	assert_int_equal(bud_store_unit_list(c, o.id, units, 4, &n, NULL), BUD_OK);
	assert_int_equal(n, 2);
	assert_string_equal(units[1].name_sv, "Stöd för närståendevård");

	assert_int_equal(bud_store_service_list(c, sv, 16, &n, NULL), BUD_OK);
	assert_int_equal(n, 10);
	assert_string_equal(sv[0].code, "supported_housing");
	assert_string_equal(sv[6].code, "personal_assistance");
	assert_string_equal(sv[6].name_sv, "Personlig assistans");
	assert_string_equal(sv[9].code, "carer_leave");
	assert_int_equal(bud_store_service_list(c, sv, 4, &n, NULL), BUD_ETOOBIG);
	assert_int_equal(n, 4);

	assert_int_equal(bud_store_price_list(c, o.id, pr, 16, &n, NULL), BUD_OK);
	assert_int_equal(n, 10);
	assert_string_equal(pr[0].valid_from, "2026-01-01");
	assert_string_equal(pr[0].valid_to, "");

	/* The price in force: personal assistance 28,50 €/h by commitment. */
	assert_int_equal(bud_store_price_current(c, o.id, sv[6].id, "2026-06-30",
						 &p, NULL), BUD_OK);
	assert_int_equal(p.unit_price, 2850);
	assert_string_equal(p.unit, "hour");
	assert_string_equal(p.instrument, "commitment");
	assert_int_equal(bud_store_price_current(c, o.id, sv[8].id, "2030-01-01",
						 &p, NULL), BUD_OK);
	assert_int_equal(p.unit_price, 3500);
	assert_string_equal(p.unit, "trip");
	assert_int_equal(bud_store_price_current(c, o.id, sv[6].id, "2025-12-31",
						 &p, NULL), BUD_ENOTFOUND);
}

static void test_providers(void **state)
{
	struct fx *f = demo(state);
	bud_conn *c = reader(f);
	struct bud_store_provider pv[8], one;
	char want_ovt[24];
	size_t n = 0, i;

	assert_int_equal(bud_store_provider_list(c, f->res.organiser_id, 0, pv, 8,
						 &n, NULL), BUD_OK);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++) {
		assert_string_equal(pv[i].status, "approved");
		assert_int_equal(bud_ytunnus_check(pv[i].ytunnus, NULL), BUD_OK);
		assert_int_equal(bud_iban_check(pv[i].iban, NULL, 0, NULL), BUD_OK);
		assert_int_equal(bud_bic_check(pv[i].bic, NULL, 0, NULL), BUD_OK);
		assert_int_equal(bud_ovt_check(pv[i].ovt, NULL, 0, NULL), BUD_OK);
		snprintf(want_ovt, sizeof(want_ovt), "0037%.7s%c", pv[i].ytunnus,
			 pv[i].ytunnus[8]);
		assert_string_equal(pv[i].ovt, want_ovt);
		assert_true(pv[i].municipality[0] != '\0');
		assert_non_null(bud_municipality_find(pv[i].municipality));
		assert_string_equal(bud_municipality_find(pv[i].municipality)->fi,
				    pv[i].municipality);
	}
	/* Ordered by name: the foundation is the Swedish-speaking one. */
	assert_string_equal(pv[1].name, "Stiftelsen Solgläntan sr");
	assert_string_equal(pv[1].languages, "sv,fi");
	/* Paging. */
	assert_int_equal(bud_store_provider_list(c, f->res.organiser_id, 2, pv, 8,
						 &n, NULL), BUD_OK);
	assert_int_equal(n, 1);
	assert_int_equal(bud_store_provider_get(c, f->res.provider_ids[0], &one,
						NULL), BUD_OK);
	assert_string_equal(one.name, "Apuviisas Oy");
	assert_int_equal(bud_store_provider_get(c, 9999, &one, NULL), BUD_ENOTFOUND);
}

static void test_clients(void **state)
{
	struct fx *f = demo(state);
	bud_conn *c = reader(f);
	struct bud_store_client cl[8], one;
	struct bud_hetu_info info;
	int64_t worker = f->res.accounts[1].user_id;
	size_t n = 0, i, sv = 0, easy = 0, comm = 0;

	assert_string_equal(f->res.accounts[1].role, "worker");
	assert_int_equal(bud_store_client_list_by_worker(c, worker, 0, cl, 8, &n,
							 NULL), BUD_OK);
	assert_int_equal(n, 4);		/* Sanna Heikkinen is the second worker's */
	for (i = 0; i < n; i++) {
		assert_int_equal(bud_hetu_check(cl[i].hetu, &info, NULL), BUD_OK);
		assert_true(info.temporary);
		assert_in_range(info.individual, 900, 999);
		assert_int_equal(cl[i].unit_id, f->res.unit_ids[0]);
		assert_int_equal(cl[i].worker_id, worker);
		sv += strcmp(cl[i].lang, "sv") == 0;
		easy += cl[i].easy_read;
		comm += cl[i].communication[0] != '\0';
	}
	assert_true(sv >= 2);
	assert_int_equal(easy, 1);
	assert_true(comm >= 2);
	/* Sorted by last name: Korhonen first. */
	assert_string_equal(cl[0].last_name, "Korhonen");
	assert_int_equal(bud_store_client_list_by_worker(c,
			f->res.accounts[7].user_id, 0, cl, 8, &n, NULL), BUD_OK);
	assert_int_equal(n, 1);
	assert_string_equal(cl[0].last_name, "Heikkinen");
	assert_int_equal(cl[0].unit_id, f->res.unit_ids[1]);
	assert_int_equal(bud_store_client_get(c, f->res.client_ids[1], &one, NULL),
			 BUD_OK);
	assert_string_equal(one.first_name, "Elin");
	assert_string_equal(one.lang, "sv");
	assert_int_equal(bud_store_client_get(c, 9999, &one, NULL), BUD_ENOTFOUND);
	/* Nobody else's clients. */
	assert_int_equal(bud_store_client_list_by_worker(c, worker + 100, 0, cl, 8,
							 &n, NULL), BUD_OK);
	assert_int_equal(n, 0);
}

/* Each role, tied where the role needs it, and able to sign in (two
 * workers; two of finance, for the four eyes of a payment run). */
static void test_accounts(void **state)
{
	static const char *roles[BUD_DEMO_ACCOUNTS] = {"admin", "worker",
		"decision_maker", "finance", "provider_user", "client",
		"representative", "worker", "finance", "evaluator"};
	struct fx *f = demo(state);
	bud_conn *c = reader(f);
	struct bud_store_user u;
	bud_actor a;
	char token[BUD_TOKEN_TEXT + 1];
	bud_err err;
	size_t i;

	for (i = 0; i < BUD_DEMO_ACCOUNTS; i++) {
		const struct bud_demo_account *d = &f->res.accounts[i];

		assert_string_equal(d->role, roles[i]);
		assert_string_equal(d->password, PW);
		assert_int_equal(bud_store_user_get(c, d->user_id, &u, NULL), BUD_OK);
		assert_string_equal(u.role, roles[i]);
		assert_string_equal(u.username, d->username);
		assert_int_equal(u.organiser_id, f->res.organiser_id);
		if (strcmp(d->role, "provider_user") == 0)
			assert_int_equal(u.provider_id, f->res.provider_ids[0]);
		if (strcmp(d->role, "client") == 0)
			assert_int_equal(u.client_id, f->res.client_ids[0]);
		if (strcmp(d->role, "worker") == 0)	/* the second: family carers */
			assert_int_equal(u.unit_id, f->res.unit_ids[i == 1 ? 0 : 1]);
		bud_err_clear(&err);
		memset(&a, 0, sizeof(a));
		assert_int_equal(bud_account_login(&f->app, d->username, PW,
						   "127.0.0.1", &a, token, &err), BUD_OK);
		assert_int_equal(a.role, bud_role_parse(roles[i]));
		assert_int_equal(a.user_id, d->user_id);
	}
}

static void test_mandate(void **state)
{
	struct fx *f = demo(state);
	bud_conn *c = reader(f);
	const struct bud_demo_account *rep = &f->res.accounts[6];
	char today[16], basis[BUD_BASIS_MAX], want[BUD_BASIS_MAX];
	bud_actor a;
	int64_t id = 0;
	int act = 0;

	assert_string_equal(rep->role, "representative");
	assert_int_equal(f->res.mandate_client_id, f->res.client_ids[2]);
	assert_int_equal(bud_app_today(&f->app, today, sizeof(today)), BUD_OK);
	assert_int_equal(bud_store_mandate_valid(c, rep->user_id,
				f->res.mandate_client_id, today, &id, &act, NULL), BUD_OK);
	assert_int_equal(id, f->res.mandate_id);
	assert_int_equal(act, 1);

	memset(&a, 0, sizeof(a));
	a.user_id = rep->user_id;
	a.role = BUD_ROLE_REPRESENTATIVE;
	a.organiser_id = f->res.organiser_id;
	assert_int_equal(bud_authz_client(&f->app, c, &a, f->res.mandate_client_id,
					  1, basis, sizeof(basis), NULL), BUD_OK);
	snprintf(want, sizeof(want), "mandate:%lld", (long long)f->res.mandate_id);
	assert_string_equal(basis, want);
	/* Not for another client, and not a year and a day later. */
	assert_int_equal(bud_authz_client(&f->app, c, &a, f->res.client_ids[0], 0,
					  basis, sizeof(basis), NULL), BUD_ENOTFOUND);
	f->app.now_override = bud_app_now(&f->app) + 367 * 86400;
	assert_int_equal(bud_authz_client(&f->app, c, &a, f->res.mandate_client_id,
					  0, basis, sizeof(basis), NULL), BUD_ENOTFOUND);
	f->app.now_override = 0;
}

static void test_second_run_refused(void **state)
{
	struct fx *f = demo(state);
	struct bud_demo_result again;
	bud_conn *c;
	struct bud_store_service sv[16];
	int64_t n64 = 0;
	size_t n = 0;
	bud_err err;

	bud_err_clear(&err);
	assert_int_equal(bud_demo_create(&f->app, PW, &again, &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.demo.not_empty");
	assert_int_equal(again.organiser_id, 0);
	c = reader(f);
	assert_int_equal(bud_store_organiser_count(c, &n64, NULL), BUD_OK);
	assert_int_equal(n64, 1);
	assert_int_equal(bud_store_service_list(c, sv, 16, &n, NULL), BUD_OK);
	assert_int_equal(n, 10);
}

/* A test-only trigger: every mandate insert fails, so the demo's write
 * unit fails at its very end, after everything else was inserted. */
static int ddl_unit(bud_conn *w, void *arg, bud_err *err)
{
	if (sqlite3_exec(bud_conn_handle(w), arg, NULL, NULL, NULL) != SQLITE_OK)
		return bud_err_set(err, BUD_EIO, NULL, "err.internal", "DDL");
	return BUD_OK;
}

/* Rows in table (a fixed name from this file) through c. */
static int64_t count_rows(bud_conn *c, const char *table)
{
	char sql[80];
	sqlite3_stmt *st = NULL;
	int64_t n = -1;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM \"%s\"", table);
	assert_int_equal(sqlite3_prepare_v2(bud_conn_handle(c), sql, -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void test_all_or_nothing(void **state)
{
	static const char *tables[] = {"organiser", "unit", "service", "price",
		"provider", "client", "user", "mandate", "uselog"};
	struct fx *f = *state;
	bud_conn *c;
	bud_err err;
	size_t i;

	assert_int_equal(bud_db_write(f->db, ddl_unit,
			 "CREATE TRIGGER test_no_mandate BEFORE INSERT ON mandate "
			 "BEGIN SELECT RAISE(ABORT, 'test: no mandates'); END",
			 NULL), BUD_OK);
	bud_err_clear(&err);
	assert_int_not_equal(bud_demo_create(&f->app, PW, &f->res, &err), BUD_OK);
	assert_non_null(strstr(err.detail, "test: no mandates"));
	/* Nothing of it is left, in the database or in the result. */
	c = reader(f);
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		assert_int_equal(count_rows(c, tables[i]), 0);
	assert_int_equal(f->res.organiser_id, 0);
	assert_int_equal(f->res.accounts[0].user_id, 0);
	assert_int_equal(f->res.accounts[0].password[0], '\0');
	/* Without the trigger the same database takes the whole demo. */
	assert_int_equal(bud_db_write(f->db, ddl_unit,
			 "DROP TRIGGER test_no_mandate", NULL), BUD_OK);
	f = demo(state);
	assert_int_equal(count_rows(reader(f), "mandate"), 1);
	assert_int_equal(count_rows(reader(f), "user"), BUD_DEMO_ACCOUNTS);
}

static void test_random_passwords(void **state)
{
	static const char alphabet[] =
		"23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
	struct fx *f = *state;
	bud_actor a;
	char token[BUD_TOKEN_TEXT + 1];
	size_t i, j;

	assert_int_equal(bud_demo_create(&f->app, NULL, &f->res, NULL), BUD_OK);
	for (i = 0; i < BUD_DEMO_ACCOUNTS; i++) {
		const char *pw = f->res.accounts[i].password;

		assert_int_equal(strlen(pw), BUD_GEN_PASSWORD_LEN);
		assert_int_equal(strspn(pw, alphabet), BUD_GEN_PASSWORD_LEN);
		for (j = 0; j < i; j++)
			assert_string_not_equal(pw, f->res.accounts[j].password);
	}
	memset(&a, 0, sizeof(a));
	assert_int_equal(bud_account_login(&f->app, f->res.accounts[3].username,
					   f->res.accounts[3].password, "127.0.0.1",
					   &a, token, NULL), BUD_OK);
	bud_demo_result_wipe(&f->res);
	assert_int_equal(f->res.accounts[0].password[0], '\0');
}

static void test_bad_password_refused(void **state)
{
	struct fx *f = *state;
	bud_conn *c;
	int64_t n64 = -1;
	bud_err err;

	bud_err_clear(&err);
	assert_int_equal(bud_demo_create(&f->app, "short", &f->res, &err), BUD_EINVAL);
	assert_string_equal(err.field, "password");
	c = reader(f);
	assert_int_equal(bud_store_organiser_count(c, &n64, NULL), BUD_OK);
	assert_int_equal(n64, 0);
}

/* The store refuses a value that would not fit its read buffer. */
static int write_long_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct bud_store_service s;

	(void)arg;
	memset(&s, 0, sizeof(s));
	memset(s.code, 'x', sizeof(s.code) - 1);
	snprintf(s.name_fi, sizeof(s.name_fi), "a");
	snprintf(s.name_sv, sizeof(s.name_sv), "b");
	snprintf(s.name_en, sizeof(s.name_en), "c");
	s.code[BUD_CODE_MAX] = 'y';	/* no NUL inside the array's bound */
	return bud_store_service_insert(w, &s, NULL, err);
}

static int write_dup_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct bud_store_service s;

	(void)arg;
	memset(&s, 0, sizeof(s));
	snprintf(s.code, sizeof(s.code), "transport");
	snprintf(s.name_fi, sizeof(s.name_fi), "Kuljetus");
	snprintf(s.name_sv, sizeof(s.name_sv), "Färdtjänst");
	snprintf(s.name_en, sizeof(s.name_en), "Transport");
	return bud_store_service_insert(w, &s, NULL, err);
}

static void test_store_refusals(void **state)
{
	struct fx *f = demo(state);
	bud_err err;

	bud_err_clear(&err);
	assert_int_equal(bud_db_write(f->db, write_long_unit, NULL, &err),
			 BUD_EINVAL);
	assert_string_equal(err.field, "code");
	assert_string_equal(err.key, "err.too_long");
	bud_err_clear(&err);
	assert_int_equal(bud_db_write(f->db, write_dup_unit, NULL, &err),
			 BUD_ECONFLICT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_organiser_and_catalogue,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_providers, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_clients, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_accounts, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_mandate, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_second_run_refused, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_random_passwords, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_bad_password_refused, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_refusals, fx_setup,
						fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
