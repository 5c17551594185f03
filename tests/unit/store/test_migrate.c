/*
 * Unit tests for store/migrate.c: the compiled-in migrations apply once
 * and are recorded, a re-open applies nothing, a newer or different
 * database is refused, a failing migration leaves nothing behind, badly
 * named lists and migrations that break their transaction or the foreign
 * keys are caught, and `budjetti migrate` does what it prints.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "store/db.h"
#include "store/migrate.h"
#include "store_test.h"

static int known_version(void)
{
	bud_err err;
	int known = -1;

	assert_int_equal(bud_migrate_known(bud_migrations, &known, &err), BUD_OK);
	return known;
}

static void test_known(void **state)
{
	(void)state;
	assert_true(known_version() >= 1);
	assert_string_equal(bud_migrations[0].name, "001_foundation.sql");
	assert_true(bud_migrations[0].len > 100);
}

static void test_open_applies_and_records(void **state)
{
	struct tmpdb *t = *state;
	int known = known_version();
	long long at;
	bud_db *db;
	bud_err err;

	assert_int_equal(bud_db_open(t->path, NULL, &db, &err), BUD_OK);
	assert_int_equal(bud_db_schema_version(db), known);
	bud_db_close(db);
	assert_int_equal(raw_int(t->path, "SELECT count(*) FROM schema_migrations"), known);
	assert_int_equal(raw_int(t->path, "SELECT count(*) FROM schema_migrations"
				 " WHERE version = 1 AND name = '001_foundation.sql'"), 1);
	assert_int_equal(raw_int(t->path, "SELECT count(*) FROM sqlite_schema"
				 " WHERE name IN ('organiser', 'uselog', 'idempotency')"), 3);
	assert_int_equal(raw_int(t->path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	at = raw_int(t->path, "SELECT applied_at FROM schema_migrations WHERE version = 1");
	assert_true(at > 1600000000);

	/* re-open: nothing applied again, the record is unchanged */
	assert_int_equal(bud_db_open(t->path, NULL, &db, &err), BUD_OK);
	assert_int_equal(bud_db_schema_version(db), known);
	bud_db_close(db);
	assert_int_equal(raw_int(t->path, "SELECT count(*) FROM schema_migrations"), known);
	assert_int_equal(raw_int(t->path, "SELECT applied_at FROM schema_migrations"
				 " WHERE version = 1"), at);
}

static void test_apply_twice_applies_nothing(void **state)
{
	struct tmpdb *t = *state;
	sqlite3 *sq;
	bud_err err;
	int version, applied;

	assert_int_equal(sqlite3_open(t->path, &sq), SQLITE_OK);
	assert_int_equal(bud_migrate_apply(sq, bud_migrations, NULL, NULL, &version,
					   &applied, &err), BUD_OK);
	assert_int_equal(applied, known_version());
	assert_int_equal(version, known_version());
	assert_int_equal(bud_migrate_apply(sq, bud_migrations, NULL, NULL, &version,
					   &applied, &err), BUD_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(version, known_version());
	sqlite3_close(sq);
}

static void test_newer_database_refused(void **state)
{
	struct tmpdb *t = *state;
	bud_db *db;
	bud_err err;

	assert_int_equal(bud_db_open(t->path, NULL, &db, &err), BUD_OK);
	bud_db_close(db);
	assert_int_equal(raw_exec(t->path, "INSERT INTO schema_migrations VALUES"
				  " (999, '999_future.sql', 1700000000)"), SQLITE_OK);
	db = (bud_db *)&err;	/* must be reset to NULL */
	assert_int_equal(bud_db_open(t->path, NULL, &db, &err), BUD_ECONFLICT);
	assert_null(db);
	assert_string_equal(err.key, "err.store.schema_newer");
	assert_non_null(strstr(err.detail, "999"));
}

static void test_name_mismatch_refused(void **state)
{
	struct tmpdb *t = *state;
	bud_db *db;
	bud_err err;

	assert_int_equal(bud_db_open(t->path, NULL, &db, &err), BUD_OK);
	bud_db_close(db);
	assert_int_equal(raw_exec(t->path, "UPDATE schema_migrations SET name = '001_other.sql'"
				  " WHERE version = 1"), SQLITE_OK);
	assert_int_equal(bud_db_open(t->path, NULL, &db, &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.store.schema_mismatch");
}

#define M(name, sql) {name, sql, sizeof sql - 1}

static void test_failing_migration_rolls_back(void **state)
{
	static const struct bud_embed table[] = {
		M("001_a.sql", "CREATE TABLE a (x INTEGER);"),
		M("002_b.sql", "CREATE TABLE b (x INTEGER); INSERT INTO a VALUES (1); SELEC oops;"),
		{NULL, NULL, 0},
	};
	struct tmpdb *t = *state;
	sqlite3 *sq;
	bud_err err;
	int version, applied;

	assert_int_equal(sqlite3_open(t->path, &sq), SQLITE_OK);
	assert_int_equal(bud_migrate_apply(sq, table, NULL, NULL, &version, &applied, &err),
			 BUD_EINTERNAL);
	assert_string_equal(err.key, "err.store.migration");
	assert_non_null(strstr(err.detail, "002_b.sql"));
	assert_int_equal(version, 1);
	assert_int_equal(applied, 1);
	assert_int_equal(sqlite3_get_autocommit(sq), 1);
	sqlite3_close(sq);
	assert_int_equal(raw_int(t->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), 0);
	assert_int_equal(raw_int(t->path, "SELECT count(*) FROM a"), 0);
	assert_int_equal(raw_int(t->path, "SELECT max(version) FROM schema_migrations"), 1);
}

/* Migration 025: the Swedish names already stored become the Finnish
 * ones (the app's canonical form); a name on neither list is kept. */
static void test_municipality_names(void **state)
{
	struct bud_embed upto24[32];
	char *msg = NULL;
	int rc;
	struct tmpdb *t = *state;
	size_t n = 0;
	sqlite3 *sq;
	bud_err err;
	int version, applied;

	while (bud_migrations[n].name && strncmp(bud_migrations[n].name, "025", 3) != 0) {
		assert_true(n < 31);
		upto24[n] = bud_migrations[n];
		n++;
	}
	upto24[n] = (struct bud_embed){NULL, NULL, 0};
	assert_int_equal(sqlite3_open(t->path, &sq), SQLITE_OK);
	assert_int_equal(bud_migrate_apply(sq, upto24, NULL, NULL, &version, &applied, &err),
			 BUD_OK);
	assert_int_equal(version, 24);
	rc = sqlite3_exec(sq,
		"INSERT INTO organiser (id, code, name_fi, name_sv, name_en, ytunnus, created_at)"
		" VALUES (1, 'o', 'O', 'O', 'O', '0000000-0', 0);"
		"INSERT INTO client (id, organiser_id, hetu, first_name, last_name, municipality,"
		" created_at) VALUES (1, 1, 'h1', 'A', 'B', 'Lovisa', 0),"
		" (2, 1, 'h2', 'A', 'B', 'Porvoo', 0), (3, 1, 'h3', 'A', 'B', 'Atlantis', 0),"
		" (4, 1, 'h4', 'A', 'B', 'Helsingfors', 0);", NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("%s", msg);
	assert_int_equal(bud_migrate_apply(sq, bud_migrations, NULL, NULL, &version, &applied,
					   &err), BUD_OK);
	assert_true(version >= 25);
	sqlite3_close(sq);
	sqlite3_free(msg);
	assert_int_equal(raw_int(t->path, "SELECT count(*) FROM client WHERE"
		" (id = 1 AND municipality = 'Loviisa') OR (id = 2 AND municipality = 'Porvoo')"
		" OR (id = 3 AND municipality = 'Atlantis') OR (id = 4 AND municipality = 'Helsinki')"),
		4);
}

/* 1 when the plan of sql (no parameters run, only planned) searches
 * through index idx, 0 when not, -1 when it cannot be planned. */
static int plan_uses(const char *path, const char *sql, const char *idx)
{
	char q[512], want[96];
	sqlite3 *sq = NULL;
	sqlite3_stmt *st = NULL;
	int found = -1;

	snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", sql);
	snprintf(want, sizeof want, "INDEX %s ", idx);
	if (sqlite3_open_v2(path, &sq, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(sq, q, -1, &st, NULL) == SQLITE_OK) {
		found = 0;
		while (sqlite3_step(st) == SQLITE_ROW)
			if (strstr((const char *)sqlite3_column_text(st, 3), want))
				found = 1;
	}
	sqlite3_finalize(st);
	sqlite3_close(sq);
	return found;
}

/* Migrate t's database, then none of names (an SQL list) is left. */
static void assert_gone(struct tmpdb *t, const char *names)
{
	char sql[256];
	bud_db *db;
	bud_err err;

	assert_int_equal(bud_db_open(t->path, NULL, &db, &err), BUD_OK);
	bud_db_close(db);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_schema WHERE name IN %s",
		 names);
	assert_int_equal(raw_int(t->path, sql), 0);
}

/* 027 dropped two indexes that only writes paid for: the reads they
 * could serve still search an index. */
static void test_write_indexes_dropped(void **state)
{
	struct tmpdb *t = *state;

	assert_gone(t, "('service_event_commitment', 'uselog_client')");
	assert_int_equal(plan_uses(t->path, "SELECT id FROM service_event WHERE commitment_id"
		" = 1 AND on_date BETWEEN '2026-01-01' AND '2026-01-31'",
		"sqlite_autoindex_service_event_1"), 1);
	assert_int_equal(plan_uses(t->path, "SELECT id FROM uselog WHERE client_id = 1"
		" ORDER BY id DESC LIMIT 50", "uselog_client_row"), 1);
}

/* Migration 028: what a settlement writes goes into fewer B-trees, and
 * the lookups the dropped indexes served still use an index. */
static void test_settle_btrees(void **state)
{
	struct tmpdb *t = *state;

	assert_gone(t, "('invoice_row_invoice', 'ledger_client')");
	assert_int_equal(raw_int(t->path, "SELECT wr FROM pragma_table_list"
				 " WHERE name = 'invoice_row_event'"), 1);
	assert_int_equal(plan_uses(t->path, "SELECT id FROM invoice_row WHERE invoice_id = 1"
		" ORDER BY position", "sqlite_autoindex_invoice_row_1"), 1);
	assert_int_equal(plan_uses(t->path, "SELECT sum(amount) FROM ledger WHERE"
		" client_id = 1", "ledger_client_line"), 1);
	assert_int_equal(plan_uses(t->path, "SELECT invoice_row_id FROM invoice_row_event"
		" WHERE event_id = 1 AND active = 1", "invoice_row_event_once"), 1);
}

static void test_bad_names_refused(void **state)
{
	static const struct bud_embed gap[] = {
		M("001_a.sql", "SELECT 1;"), M("003_c.sql", "SELECT 1;"), {NULL, NULL, 0},
	};
	static const struct bud_embed bad[] = {
		M("1_a.sql", "SELECT 1;"), {NULL, NULL, 0},
	};
	static const struct bud_embed empty[] = {{NULL, NULL, 0}};
	bud_err err;
	int known;

	(void)state;
	assert_int_equal(bud_migrate_known(gap, &known, &err), BUD_EINTERNAL);
	assert_non_null(strstr(err.detail, "003_c.sql"));
	assert_int_equal(bud_migrate_known(bad, &known, &err), BUD_EINTERNAL);
	assert_int_equal(bud_migrate_known(empty, &known, &err), BUD_OK);
	assert_int_equal(known, 0);
}

static void test_migration_must_keep_transaction(void **state)
{
	static const struct bud_embed commits[] = {
		M("001_a.sql", "CREATE TABLE a (x INTEGER); COMMIT;"), {NULL, NULL, 0},
	};
	static const struct bud_embed dangling[] = {
		M("001_p.sql", "CREATE TABLE p (id INTEGER PRIMARY KEY);"
		  " CREATE TABLE c (p INTEGER REFERENCES p(id)); INSERT INTO c VALUES (7);"),
		{NULL, NULL, 0},
	};
	struct tmpdb *t = *state;
	sqlite3 *sq;
	bud_err err;
	int version;

	assert_int_equal(sqlite3_open(t->path, &sq), SQLITE_OK);
	assert_int_equal(bud_migrate_apply(sq, commits, NULL, NULL, &version, NULL, &err),
			 BUD_EINTERNAL);
	assert_non_null(strstr(err.detail, "must not end"));
	assert_int_equal(version, 0);
	sqlite3_exec(sq, "DROP TABLE IF EXISTS a", NULL, NULL, NULL);
	assert_int_equal(bud_migrate_apply(sq, dangling, NULL, NULL, &version, NULL, &err),
			 BUD_EINTERNAL);
	assert_non_null(strstr(err.detail, "foreign key"));
	assert_int_equal(version, 0);
	sqlite3_close(sq);
	assert_int_equal(raw_int(t->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'c'"), 0);
}

static void record(int version, const char *name, void *ctx)
{
	int *seen = ctx;

	assert_string_equal(name, bud_migrations[version - 1].name);
	seen[0]++;
	seen[1] = version;
}

static void test_db_migrate_for_cli(void **state)
{
	const struct bud_db_opts later = {.no_migrate = 1, .no_writer = 1};
	struct tmpdb *t = *state;
	int seen[2] = {0, 0};
	bud_db *db;
	bud_err err;

	assert_int_equal(bud_db_open(t->path, &later, &db, &err), BUD_OK);
	assert_int_equal(bud_db_schema_version(db), 0);
	assert_int_equal(bud_db_migrate(db, record, seen, &err), BUD_OK);
	assert_int_equal(seen[0], known_version());
	assert_int_equal(seen[1], known_version());
	assert_int_equal(bud_db_schema_version(db), known_version());
	seen[0] = 0;
	assert_int_equal(bud_db_migrate(db, record, seen, &err), BUD_OK);
	assert_int_equal(seen[0], 0);
	bud_db_close(db);

	/* with the writer running, migrating from another thread is refused */
	assert_int_equal(bud_db_open(t->path, NULL, &db, &err), BUD_OK);
	assert_int_equal(bud_db_migrate(db, record, seen, &err), BUD_EINTERNAL);
	bud_db_close(db);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tmpdb_setup, tmpdb_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known),
		T(test_open_applies_and_records),
		T(test_apply_twice_applies_nothing),
		T(test_newer_database_refused),
		T(test_name_mismatch_refused),
		T(test_failing_migration_rolls_back),
		cmocka_unit_test(test_bad_names_refused),
		T(test_municipality_names),
		T(test_write_indexes_dropped),
		T(test_settle_btrees),
		T(test_migration_must_keep_transaction),
		T(test_db_migrate_for_cli),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
