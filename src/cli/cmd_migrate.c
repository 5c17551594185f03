/*
 * cli/cmd_migrate.c: `budjetti migrate --db PATH`, bring a database file
 * up to the schema this binary carries.
 *
 * Creates the file when it does not exist, applies each pending migration
 * in order (one transaction each), prints one line per migration applied
 * and then the schema version. Exit 0 on success, 1 when the database
 * cannot be opened or migrated (locked, newer than this binary, a failed
 * migration), 2 on a usage error. Run it while no server uses the file:
 * only one process may write a database at a time.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/db.h"

#define MIGRATE_USAGE "usage: budjetti migrate --db PATH\n"

static void report(int version, const char *name, void *ctx)
{
	int *n = ctx;

	(*n)++;
	(void)version;
	printf("applied %s\n", name);
}

/* The value of --db PATH or --db=PATH, or NULL. */
static const char *db_arg(int argc, char **argv)
{
	const char *path = NULL;
	int i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0)
			path = argv[i] + 5;
		else
			return NULL;
	}
	return path && *path ? path : NULL;
}

int bud_cmd_migrate(int argc, char **argv)
{
	const struct bud_db_opts opts = {.no_migrate = 1, .no_writer = 1};
	const char *path = db_arg(argc, argv);
	bud_db *db = NULL;
	bud_err err;
	int rc, n = 0;

	if (!path) {
		fputs(MIGRATE_USAGE, stderr);
		return 2;
	}
	bud_err_clear(&err);
	rc = bud_db_open(path, &opts, &db, &err);
	if (rc == BUD_OK)
		rc = bud_db_migrate(db, report, &n, &err);
	if (rc != BUD_OK) {
		fprintf(stderr, "budjetti migrate: %s: %s\n", bud_rc_name(rc),
			err.detail[0] ? err.detail : "failed");
		bud_db_close(db);
		return 1;
	}
	printf("schema version %d (%d migration%s applied)\n",
	       bud_db_schema_version(db), n, n == 1 ? "" : "s");
	bud_db_close(db);
	return 0;
}
