/*
 * store/migrate.c: applying the schema migrations compiled into the
 * binary, in order, once each, and recording them in schema_migrations.
 *
 * Runs on the write connection before the writer thread starts (from
 * bud_db_open, or `budjetti migrate`). Each migration is one transaction:
 * BEGIN IMMEDIATE, check it was not applied meanwhile (another process
 * may migrate the same file), run its SQL, PRAGMA foreign_key_check,
 * record it, COMMIT. Foreign keys are off while migrations run, so a
 * migration may rebuild a table the way SQLite documents (create new,
 * copy, drop old, rename); the check before the commit keeps the
 * references whole.
 *
 * The SQL of a migration is a constant compiled into the binary, so it is
 * run with sqlite3_exec; everything with a value uses bound parameters.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/migrate.h"

static const char sql_create[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" applied_at INTEGER NOT NULL)";
static const char sql_has_table[] =
	"SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'";
static const char sql_max[] = "SELECT coalesce(max(version), 0) FROM schema_migrations";
static const char sql_names[] = "SELECT version, name FROM schema_migrations ORDER BY version";
static const char sql_has[] = "SELECT 1 FROM schema_migrations WHERE version = ?1";
static const char sql_record[] =
	"INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)";

/* NNN_x.sql -> NNN, or -1 when name does not look like that. */
static int version_of(const char *name)
{
	size_t n = strlen(name);
	int i;

	if (n < 9 || name[3] != '_' || strcmp(name + n - 4, ".sql") != 0)
		return -1;
	for (i = 0; i < 3; i++)
		if (name[i] < '0' || name[i] > '9')
			return -1;
	return (name[0] - '0') * 100 + (name[1] - '0') * 10 + (name[2] - '0');
}

int bud_migrate_known(const struct bud_embed *table, int *known, bud_err *err)
{
	int i;

	*known = 0;
	for (i = 0; table && table[i].name; i++) {
		if (version_of(table[i].name) != i + 1)
			return bud_err_set(err, BUD_EINTERNAL, NULL, "err.store.migration",
					   "migration '%s' is not NNN_name.sql with NNN = %03d",
					   table[i].name, i + 1);
	}
	*known = i;
	return BUD_OK;
}

/* Run a one-shot statement without parameters that yields at most one
 * integer; *out = that integer, or dflt when there is no row. */
static int query_int(sqlite3 *sq, const char *sql, int dflt, int *out, bud_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*out = dflt;
	rc = sqlite3_prepare_v2(sq, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int(st, 0);
			rc = SQLITE_DONE;
		}
	}
	if (rc != SQLITE_DONE) {
		rc = bud_store_error(sq, rc, "schema version", err);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	return BUD_OK;
}

int bud_migrate_current(sqlite3 *sq, int *version, bud_err *err)
{
	int has, rc;

	*version = 0;
	rc = query_int(sq, sql_has_table, 0, &has, err);
	if (rc != BUD_OK || !has)
		return rc;
	return query_int(sq, sql_max, 0, version, err);
}

/* Every recorded version up to known must carry the name this binary has. */
static int check_names(sqlite3 *sq, const struct bud_embed *table, int known,
		       bud_err *err)
{
	sqlite3_stmt *st = NULL;
	const char *name;
	int rc, v;

	rc = sqlite3_prepare_v2(sq, sql_names, -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = sqlite3_column_int(st, 0);
		name = (const char *)sqlite3_column_text(st, 1);
		if (v < 1 || v > known || !name || strcmp(name, table[v - 1].name) != 0) {
			bud_err_set(err, BUD_ECONFLICT, NULL, "err.store.schema_mismatch",
				    "database has migration %d '%s', this budjetti has '%s'",
				    v, name ? name : "", v >= 1 && v <= known ?
				    table[v - 1].name : "none");
			sqlite3_finalize(st);
			return BUD_ECONFLICT;
		}
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		rc = bud_store_error(sq, rc, "schema_migrations", err);
	else
		rc = BUD_OK;
	sqlite3_finalize(st);
	return rc;
}

/* Step a prepared statement with parameters (version, name, now) bound as
 * far as it has them; *row = 1 when it returned a row. */
static int run_bound(sqlite3 *sq, const char *sql, int version, const char *name,
		     int *row, bud_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc, n;

	rc = sqlite3_prepare_v2(sq, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		n = sqlite3_bind_parameter_count(st);
		sqlite3_bind_int(st, 1, version);
		if (n >= 2)
			sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		if (n >= 3)
			sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
		rc = sqlite3_step(st);
	}
	if (row)
		*row = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		rc = bud_store_error(sq, rc, name, err);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	return BUD_OK;
}

static int exec(sqlite3 *sq, const char *sql, const char *what, bud_err *err)
{
	int rc = sqlite3_exec(sq, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? BUD_OK : bud_store_error(sq, rc, what, err);
}

/* The foreign key references are whole: PRAGMA foreign_key_check is empty. */
static int check_keys(sqlite3 *sq, const char *name, bud_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(sq, "PRAGMA foreign_key_check", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		bud_err_set(err, BUD_EINTERNAL, NULL, "err.store.migration",
			    "%s: foreign key check failed in table %s", name,
			    (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		return BUD_EINTERNAL;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_store_error(sq, rc, name, err);
	sqlite3_finalize(st);
	return rc;
}

/* Apply migration m (version v) in its own transaction; *did = 1 when this
 * call applied it (0: another connection did meanwhile). */
static int apply_one(sqlite3 *sq, const struct bud_embed *m, int v, int *did,
		     bud_err *err)
{
	char *msg = NULL;
	int rc, done;

	*did = 0;
	rc = exec(sq, "BEGIN IMMEDIATE", m->name, err);
	if (rc != BUD_OK)
		return rc;
	rc = run_bound(sq, sql_has, v, m->name, &done, err);
	if (rc != BUD_OK || done)
		goto out;
	if (sqlite3_exec(sq, m->data, NULL, NULL, &msg) != SQLITE_OK) {
		rc = bud_err_set(err, BUD_EINTERNAL, NULL, "err.store.migration",
				 "%s: %s", m->name, msg ? msg : "failed");
		sqlite3_free(msg);
		goto out;
	}
	if (sqlite3_get_autocommit(sq)) {
		rc = bud_err_set(err, BUD_EINTERNAL, NULL, "err.store.migration",
				 "%s: a migration must not end its transaction", m->name);
		goto out;
	}
	rc = check_keys(sq, m->name, err);
	if (rc == BUD_OK)
		rc = run_bound(sq, sql_record, v, m->name, NULL, err);
out:
	if (rc == BUD_OK) {
		rc = exec(sq, "COMMIT", m->name, err);
		*did = rc == BUD_OK && !done;
	}
	if (rc != BUD_OK && !sqlite3_get_autocommit(sq))
		sqlite3_exec(sq, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Create the table, read the version, refuse newer or different history. */
static int prepare_history(sqlite3 *sq, const struct bud_embed *table, int known,
			   int *cur, bud_err *err)
{
	int rc;

	rc = exec(sq, sql_create, "schema_migrations", err);
	if (rc == BUD_OK)
		rc = bud_migrate_current(sq, cur, err);
	if (rc != BUD_OK)
		return rc;
	if (*cur > known)
		return bud_err_set(err, BUD_ECONFLICT, NULL, "err.store.schema_newer",
				   "database schema version %d is newer than this budjetti "
				   "knows (%d): use a newer budjetti", *cur, known);
	return check_names(sq, table, known, err);
}

int bud_migrate_apply(sqlite3 *sq, const struct bud_embed *table,
		      bud_migrate_report_fn report, void *ctx, int *version,
		      int *applied, bud_err *err)
{
	int known, cur = 0, did, rc, rc2, v;

	*version = 0;
	if (applied)
		*applied = 0;
	rc = bud_migrate_known(table, &known, err);
	if (rc == BUD_OK)
		rc = prepare_history(sq, table, known, &cur, err);
	if (rc != BUD_OK)
		return rc;
	*version = cur;
	rc = exec(sq, "PRAGMA foreign_keys=OFF", "foreign_keys", err);
	for (v = cur + 1; rc == BUD_OK && v <= known; v++) {
		rc = apply_one(sq, &table[v - 1], v, &did, err);
		if (rc != BUD_OK)
			break;
		*version = v;
		if (did && applied)
			(*applied)++;
		if (did && report)
			report(v, table[v - 1].name, ctx);
	}
	rc2 = exec(sq, "PRAGMA foreign_keys=ON", "foreign_keys", rc == BUD_OK ? err : NULL);
	return rc != BUD_OK ? rc : rc2;
}
