/*
 * cli/cmd_check.c: `budjetti check --db PATH`: recompute the invariants of
 * app/check.h (the use log's chain, every decided plan line against the
 * budget ledger) and print each problem on its own line. Exit 0 when all
 * hold, 1 when a problem was found or the checks could not run, 2 on a
 * usage error. Reads only; it can run beside a serving process.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/check.h"
#include "cli/cli.h"
#include "cli/progress.h"

#define CHECK_USAGE "usage: budjetti check --db PATH\n"

static void print_problem(void *arg, const char *line)
{
	(void)arg;
	printf("problem: %s\n", line);
}

int bud_cmd_check(int argc, char **argv)
{
	const struct bud_db_opts opts = {.no_migrate = 1, .no_writer = 1};
	struct bud_check_result res;
	struct bud_progress p;
	bud_app app;
	bud_err err;
	int rc;

	if (argc != 2 || strcmp(argv[0], "--db") != 0 || !argv[1][0]) {
		fputs(CHECK_USAGE, stderr);
		return 2;
	}
	bud_err_clear(&err);
	rc = bud_cli_open_app(argv[1], &opts, &app, &err);
	if (rc == BUD_OK) {
		bud_progress_start(&p, stderr, "check", "steps", BUD_CHECK_STEPS);
		rc = bud_check_run_progress(&app, print_problem, NULL, bud_progress_cb,
					    &p, &res, &err);
		bud_progress_end(&p);
	}
	bud_db_close(app.db);
	if (rc != BUD_OK) {
		fprintf(stderr, "budjetti check: %s: %s\n", bud_rc_name(rc),
			err.detail[0] ? err.detail : "failed");
		return 1;
	}
	printf("use log chain %s; %" PRId64 " decided plan lines checked; "
	       "%" PRId64 " problem%s\n", res.uselog_ok ? "intact" : "BROKEN",
	       res.lines, res.problems, res.problems == 1 ? "" : "s");
	return res.problems ? 1 : 0;
}
