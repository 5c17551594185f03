/*
 * cli/common.c: what several subcommands share: opening the database as
 * an app, and printing a refused input or a failure (see cli/cli.h).
 */
#include <stdio.h>
#include <string.h>

#include "bud_limits.h"
#include "cli/cli.h"

int bud_cli_open_app(const char *path, const struct bud_db_opts *opts,
		     bud_app *app, bud_err *err)
{
	memset(app, 0, sizeof(*app));
	app->stats_min_group = BUD_STATS_MIN_GROUP;
	return bud_db_open(path, opts, &app->db, err);
}

int bud_cli_fail(const char *cmd, const bud_err *err)
{
	fprintf(stderr, "budjetti %s: %s%s%s\n", cmd, err->field,
		err->field[0] ? ": " : "", err->detail[0] ? err->detail : "failed");
	return 1;
}
