/*
 * store/store_backup.c: the online backup of store/backup.h. Both ends
 * are plain SQLite connections of their own (no writer thread, no
 * migrations): a backup copies pages, it never interprets them.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "bud_limits.h"
#include "store/backup.h"
#include "store/dbfile.h"
#include "store/migrate.h"

static int open_end(const char *path, int flags, sqlite3 **out, bud_err *err)
{
	int rc = sqlite3_open_v2(path, out, flags, NULL);

	if (rc != SQLITE_OK)
		return bud_store_error(*out, rc, path, err);
	sqlite3_extended_result_codes(*out, 1);
	sqlite3_busy_timeout(*out, BUD_DB_BUSY_MS);
	return BUD_OK;
}

static void remove_copy(const char *dst)
{
	char side[4096];

	unlink(dst);
	if ((size_t)snprintf(side, sizeof side, "%s-wal", dst) < sizeof side)
		unlink(side);
	if ((size_t)snprintf(side, sizeof side, "%s-shm", dst) < sizeof side)
		unlink(side);
}

/* Copy every page of s into d, a step at a time; s holds its snapshot. */
static int copy_pages(sqlite3 *s, sqlite3 *d, bud_backup_progress_fn progress,
		      void *arg, bud_err *err)
{
	sqlite3_backup *b = sqlite3_backup_init(d, "main", s, "main");
	int rc, busy = 0;

	if (!b)
		return bud_store_error(d, sqlite3_errcode(d), "backup", err);
	do {
		rc = sqlite3_backup_step(b, BUD_BACKUP_STEP_PAGES);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			if (++busy > BUD_BACKUP_BUSY_TRIES)
				break;
			sqlite3_sleep(BUD_BACKUP_BUSY_MS);
			continue;
		}
		busy = 0;
		if (progress)
			progress(arg, sqlite3_backup_pagecount(b) - sqlite3_backup_remaining(b),
				 sqlite3_backup_pagecount(b));
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return bud_store_error(d, rc, "backup step", err);
	rc = sqlite3_errcode(d);
	return rc == SQLITE_OK || rc == SQLITE_DONE ? BUD_OK
		: bud_store_error(d, rc, "backup finish", err);
}

/* One read transaction on s for the whole copy: one WAL snapshot. */
static int snapshot_begin(sqlite3 *s, bud_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_exec(s, "BEGIN", NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? BUD_OK : bud_store_error(s, rc, "backup snapshot", err);
}

int bud_backup_copy(const char *src, const char *dst, int fresh,
		    bud_backup_progress_fn progress, void *arg, bud_err *err)
{
	sqlite3 *s = NULL, *d = NULL;
	struct stat sb;
	int rc;

	if (fresh && (stat(dst, &sb) == 0 || errno != ENOENT))
		return bud_err_set(err, BUD_ECONFLICT, "file", "err.store.exists",
				   "%s exists already: a backup never overwrites a file", dst);
	if (stat(src, &sb) != 0)
		return bud_err_set(err, BUD_ENOTFOUND, "db", "err.store.no_database",
				   "no database at %s", src);
	rc = bud_dbfile_private(dst, err);
	if (rc == BUD_OK)
		rc = open_end(src, SQLITE_OPEN_READONLY, &s, err);
	if (rc == BUD_OK)
		rc = open_end(dst, SQLITE_OPEN_READWRITE, &d, err);
	if (rc == BUD_OK)
		rc = snapshot_begin(s, err);
	if (rc == BUD_OK)
		rc = copy_pages(s, d, progress, arg, err);
	if (s)
		sqlite3_exec(s, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(s);
	sqlite3_close(d);
	if (rc != BUD_OK && fresh)
		remove_copy(dst);
	return rc;
}

int bud_db_integrity(bud_conn *c, char *problem, size_t sz, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "PRAGMA integrity_check(1)", err);
	const unsigned char *line;
	int rc;

	problem[0] = '\0';
	if (!st)
		return err->code;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = bud_conn_error(c, rc, "integrity_check", err);
		sqlite3_reset(st);
		return rc;
	}
	line = sqlite3_column_text(st, 0);
	if (!line || sqlite3_stricmp((const char *)line, "ok") != 0)
		snprintf(problem, sz, "%s", line ? (const char *)line : "no answer");
	sqlite3_reset(st);
	return BUD_OK;
}

int bud_db_schema_known(void)
{
	bud_err err;
	int known;

	bud_err_clear(&err);
	return bud_migrate_known(bud_migrations, &known, &err) == BUD_OK ? known : -1;
}
