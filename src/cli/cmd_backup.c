/*
 * cli/cmd_backup.c: `budjetti backup --db PATH FILE` and `budjetti restore
 * --db PATH FILE` (store/backup.h).
 *
 * backup copies the database into FILE (which must not exist) with
 * SQLite's online backup: one snapshot, copied in steps, while `serve`
 * goes on writing in its own process. It takes no lock of serve's.
 *
 * restore first takes serve's lock on PATH (store/dbfile.h: refused while
 * a server holds the database), then checks FILE: PRAGMA integrity_check,
 * a schema version this binary knows (an older one is migrated by the
 * next serve), and the invariants of `budjetti check` (app/check.h); only
 * a copy that passes all three replaces PATH, in one SQLite transaction.
 *
 * Both show their progress on stderr (cli/progress.h): a bar on a
 * terminal, otherwise a line at each tenth. Exit 0 on success, 1 when refused or failed, 2 on a usage error.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/check.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "store/backup.h"
#include "store/dbfile.h"

#define BACKUP_USAGE "usage: budjetti backup --db PATH FILE\n"
#define RESTORE_USAGE "usage: budjetti restore --db PATH FILE\n"

/* --db PATH FILE in either order; -1 on a usage error. */
static int parse(int argc, char **argv, const char **db, const char **file)
{
	int i;

	*db = *file = NULL;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc && !*db)
			*db = argv[++i];
		else if (strncmp(argv[i], "--", 2) != 0 && !*file)
			*file = argv[i];
		else
			return -1;
	}
	return *db && **db && *file && **file ? 0 : -1;
}

int bud_cmd_backup(int argc, char **argv)
{
	struct bud_progress p;
	const char *db, *file;
	bud_err err;
	int rc;

	if (parse(argc, argv, &db, &file) != 0) {
		fputs(BACKUP_USAGE, stderr);
		return 2;
	}
	bud_progress_start(&p, stderr, "backup", "pages", 0);
	bud_err_clear(&err);
	rc = bud_backup_copy(db, file, 1, bud_progress_cb, &p, &err);
	bud_progress_end(&p);
	if (rc != BUD_OK)
		return bud_cli_fail("backup", &err);
	printf("backup of %s written to %s\n", db, file);
	return 0;
}

static void print_problem(void *arg, const char *line)
{
	(void)arg;
	fprintf(stderr, "budjetti restore: check: %s\n", line);
}

/* The three checks of a copy before it may replace the database. */
static int verify_copy(const char *file, int *schema, bud_err *err)
{
	const struct bud_db_opts opts = {.no_migrate = 1, .no_writer = 1};
	struct bud_check_result res;
	char problem[256];
	bud_conn *c;
	bud_app app;
	int rc;

	memset(&app, 0, sizeof app);
	if (access(file, R_OK) != 0)
		return bud_err_set(err, BUD_ENOTFOUND, "file", "err.store.no_database",
				   "cannot read %s", file);
	rc = bud_cli_open_app(file, &opts, &app, err);
	c = rc == BUD_OK ? bud_db_reader(app.db, err) : NULL;
	if (rc == BUD_OK)
		rc = c ? bud_db_integrity(c, problem, sizeof problem, err) : err->code;
	if (rc == BUD_OK && problem[0])
		rc = bud_err_set(err, BUD_EINVAL, "file", "err.store.corrupt",
				 "integrity_check: %s", problem);
	*schema = rc == BUD_OK ? bud_db_schema_version(app.db) : 0;
	if (rc == BUD_OK && (*schema < 1 || *schema > bud_db_schema_known()))
		rc = bud_err_set(err, BUD_EINVAL, "file", "err.store.schema_newer",
				 "schema version %d; this budjetti knows 1..%d",
				 *schema, bud_db_schema_known());
	if (rc == BUD_OK)
		rc = bud_check_run(&app, print_problem, NULL, &res, err);
	if (rc == BUD_OK && res.problems)
		rc = bud_err_set(err, BUD_EINVAL, "file", "err.store.check",
				 "%" PRId64 " problems found by check", res.problems);
	bud_db_close(app.db);
	return rc;
}

int bud_cmd_restore(int argc, char **argv)
{
	struct bud_progress p;
	const char *db, *file;
	int lock = -1, rc, schema = 0, created;
	bud_err err;

	if (parse(argc, argv, &db, &file) != 0) {
		fputs(RESTORE_USAGE, stderr);
		return 2;
	}
	bud_progress_start(&p, stderr, "restore", "pages", 0);
	bud_err_clear(&err);
	created = access(db, F_OK) != 0;
	rc = bud_dbfile_private(db, &err);
	if (rc == BUD_OK)
		rc = bud_dbfile_lock(db, &lock, &err);
	if (rc == BUD_OK)
		rc = verify_copy(file, &schema, &err);
	if (rc == BUD_OK)
		rc = bud_backup_copy(file, db, 0, bud_progress_cb, &p, &err);
	bud_progress_end(&p);
	bud_dbfile_unlock(lock);
	if (rc != BUD_OK && created)
		unlink(db);	/* the empty file made to hold the lock */
	if (rc != BUD_OK)
		return bud_cli_fail("restore", &err);
	printf("restored %s into %s (schema %d)\n", file, db, schema);
	return 0;
}
