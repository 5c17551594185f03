/*
 * tests/unit/app/app_fixture.c: see app_fixture.h.
 */
#include <dirent.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/account.h"
#include "app_fixture.h"
#include "store/user.h"

static pthread_once_t hash_once = PTHREAD_ONCE_INIT;
static char shared_hash[BUD_STORE_HASH_TEXT];

static void make_hash(void)
{
	bud_err err;

	if (bud_account_hash_password(FX_PASSWORD, NULL, shared_hash,
				      sizeof(shared_hash), &err) != BUD_OK)
		shared_hash[0] = '\0';
}

static const char fixture_sql[] =
	"INSERT INTO organiser (id, code, name_fi, name_sv, name_en, ytunnus, created_at) VALUES"
	" (1, 'ita', 'Itä', 'Öst', 'East', '1234567-1', 0),"
	" (2, 'lansi', 'Länsi', 'Väst', 'West', '7654321-0', 0);"
	/* what a decision prints (app/settings.h): set, so plans can be approved */
	"UPDATE organiser SET registry_address = 'PL 1, 00100 Kaupunki',"
	" registry_address_sv = 'PB 1, 00100 Staden', registry_email = 'kirjaamo@ita.example',"
	" registry_phone = '09 123 4567', registry_hours = 'ma–pe 9–15',"
	" registry_hours_sv = 'mån–fre 9–15', appeal_name_fi = 'Hallinto-oikeus',"
	" appeal_name_sv = 'Förvaltningsdomstolen', appeal_address_fi = 'PL 2, 00100 Kaupunki',"
	" appeal_address_sv = 'PB 2, 00100 Staden';"
	"INSERT INTO unit (id, organiser_id, name_fi, name_sv, name_en) VALUES"
	" (1, 1, 'Tiimi 1', 'Team 1', 'Team 1'), (2, 1, 'Tiimi 2', 'Team 2', 'Team 2'),"
	" (3, 2, 'Tiimi 3', 'Team 3', 'Team 3');"
	"INSERT INTO provider (id, organiser_id, name, ytunnus, created_at) VALUES"
	" (1, 1, 'Apu Oy', '1111111-1', 0);"
	"INSERT INTO service (id, code, name_fi, name_sv, name_en) VALUES"
	" (1, 'personal_assistance', 'Henkilökohtainen apu', 'Personlig assistans', 'Personal assistance'),"
	" (2, 'day_activities', 'Päivätoiminta', 'Dagverksamhet', 'Day activities'),"
	" (3, 'transport', 'Kuljetuspalvelu', 'Färdtjänst', 'Transport service'),"
	" (4, 'supported_housing', 'Tuettu asuminen', 'Stödboende', 'Supported housing');"
	/* Organiser 1's price list from 2025-01-01; personal assistance gets
	 * a new price (version 2) from 2025-07-01. Organiser 2 has one price. */
	"INSERT INTO price (id, organiser_id, service_id, unit, unit_price, instrument,"
	" valid_from, valid_to, version, created_at) VALUES"
	" (1, 1, 1, 'hour', 2850, 'commitment', '2025-01-01', NULL, 1, 0),"
	" (2, 1, 2, 'day', 8500, 'voucher', '2025-01-01', NULL, 1, 0),"
	" (3, 1, 3, 'trip', 3500, 'purchase', '2025-01-01', NULL, 1, 0),"
	" (4, 1, 4, 'month', 145000, 'commitment', '2025-01-01', NULL, 1, 0),"
	" (5, 1, 1, 'hour', 2990, 'commitment', '2025-07-01', NULL, 2, 0),"
	" (6, 2, 1, 'hour', 3000, 'commitment', '2025-01-01', NULL, 1, 0);";

static const char users_sql[] =
	"INSERT INTO user (id, username, display_name, role, lang, password_hash,"
	" organiser_id, unit_id, provider_id, client_id, active, created_at) VALUES"
	" (1, 'admin', 'Ada Admin', 'admin', 'fi', ?1, 1, NULL, NULL, NULL, 1, 0),"
	" (2, 'worker', 'Wilma Työntekijä', 'worker', 'fi', ?1, 1, 1, NULL, NULL, 1, 0),"
	" (3, 'worker2', 'Ville Työntekijä', 'worker', 'sv', ?1, 1, 2, NULL, NULL, 1, 0),"
	" (4, 'dm', 'Dora Päättäjä', 'decision_maker', 'fi', ?1, 1, NULL, NULL, NULL, 1, 0),"
	" (5, 'finance', 'Fiona Talous', 'finance', 'en', ?1, 1, NULL, NULL, NULL, 1, 0),"
	" (6, 'provider', 'Paavo Tuottaja', 'provider_user', 'fi', ?1, 1, NULL, 1, NULL, 1, 0),"
	" (7, 'client', 'Kalle Asiakas', 'client', 'fi', ?1, 1, NULL, NULL, 1, 1, 0),"
	" (8, 'rep', 'Riitta Edustaja', 'representative', 'fi', ?1, 1, NULL, NULL, NULL, 1, 0),"
	" (9, 'dm2', 'Daniel Beslut', 'decision_maker', 'sv', ?1, 2, NULL, NULL, NULL, 1, 0),"
	" (10, 'worker3', 'Wäinö Kolmas', 'worker', 'fi', ?1, 1, 1, NULL, NULL, 1, 0),"
	" (11, 'gone', 'Gunnar Poissa', 'worker', 'fi', ?1, 1, 1, NULL, NULL, 0, 0);";

static const char clients_sql[] =
	"INSERT INTO client (id, organiser_id, hetu, first_name, last_name, worker_id,"
	" unit_id, created_at) VALUES"
	" (1, 1, '010101A123N', 'Kalle', 'Asiakas', 2, 1, 0),"
	" (2, 1, '020202A123K', 'Liisa', 'Toinen', 3, 2, 0),"
	" (3, 2, '030303A123T', 'Matti', 'Kolmas', NULL, 3, 0);";

static int raw_fixture(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, fixture_sql, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, users_sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, shared_hash, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, clients_sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		fprintf(stderr, "fixture: %s\n", sqlite3_errmsg(db));
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static int open_db(struct fx *f)
{
	struct bud_db_opts opts = {.sync_normal = 1};
	bud_err err;

	if (bud_db_open(f->path, &opts, &f->app.db, &err) != BUD_OK) {
		fprintf(stderr, "open: %s\n", err.detail);
		return -1;
	}
	return 0;
}

int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	pthread_once(&hash_once, make_hash);
	snprintf(f->dir, sizeof(f->dir), "/tmp/bud-app-XXXXXX");
	if (!shared_hash[0] || !mkdtemp(f->dir))
		goto fail;
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	f->app.now_override = FX_T0;
	f->app.stats_min_group = 5;
	if (open_db(f) != 0)	/* creates the schema */
		goto fail;
	bud_db_close(f->app.db);
	f->app.db = NULL;
	if (raw_fixture(f->path) != 0 || open_db(f) != 0)
		goto fail;
	*state = f;
	return 0;
fail:
	free(f);
	return -1;
}

/* Remove what is in path, then path itself: files, and directories a
 * few levels down (the database's files directory of app/document.c,
 * test_mail's outbox directories). */
static void remove_dir(const char *path, int depth)
{
	struct dirent *d;
	char sub[512];
	DIR *dir;

	dir = opendir(path);
	if (dir) {
		while ((d = readdir(dir)) != NULL) {
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			if (unlinkat(dirfd(dir), d->d_name, 0) != 0 && depth < 3) {
				snprintf(sub, sizeof sub, "%s/%s", path, d->d_name);
				remove_dir(sub, depth + 1);
			}
		}
		closedir(dir);
	}
	rmdir(path);
}

int fx_teardown(void **state)
{
	struct fx *f = *state;

	bud_db_close(f->app.db);
	remove_dir(f->dir, 0);
	free(f);
	return 0;
}

int fx_raw_exec(struct fx *f, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	int rc;

	bud_db_close(f->app.db);
	f->app.db = NULL;
	rc = sqlite3_open(f->path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fprintf(stderr, "raw exec: %s\n", msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	sqlite3_close(db);
	if (open_db(f) != 0)
		return -1;
	return rc == SQLITE_OK ? 0 : -1;
}

int64_t fx_raw_int(struct fx *f, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	if (sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

void fx_actor(struct fx *f, int64_t user_id, bud_actor *out)
{
	static const struct {
		int role;
		int64_t org, unit, provider, client;
	} u[] = {
		{0, 0, 0, 0, 0},
		{BUD_ROLE_ADMIN, 1, 0, 0, 0},
		{BUD_ROLE_WORKER, 1, 1, 0, 0},
		{BUD_ROLE_WORKER, 1, 2, 0, 0},
		{BUD_ROLE_DECISION_MAKER, 1, 0, 0, 0},
		{BUD_ROLE_FINANCE, 1, 0, 0, 0},
		{BUD_ROLE_PROVIDER_USER, 1, 0, 1, 0},
		{BUD_ROLE_CLIENT, 1, 0, 0, 1},
		{BUD_ROLE_REPRESENTATIVE, 1, 0, 0, 0},
		{BUD_ROLE_DECISION_MAKER, 2, 0, 0, 0},
		{BUD_ROLE_WORKER, 1, 1, 0, 0},
		{BUD_ROLE_WORKER, 1, 1, 0, 0},
	};

	(void)f;
	memset(out, 0, sizeof(*out));
	if (user_id < 1 || user_id > FX_INACTIVE)
		return;
	out->user_id = user_id;
	out->role = u[user_id].role;
	out->organiser_id = u[user_id].org;
	out->unit_id = u[user_id].unit;
	out->provider_id = u[user_id].provider;
	out->client_id = u[user_id].client;
	snprintf(out->lang, sizeof(out->lang), "fi");
	snprintf(out->addr, sizeof(out->addr), "192.0.2.1");
}
