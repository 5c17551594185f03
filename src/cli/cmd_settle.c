/*
 * cli/cmd_settle.c: `budjetti settle`, a month's service events invoiced,
 * checked, approved and paid from the shell (app/settle.h), for closing a
 * month in one go and for bench/settle:
 *
 *   budjetti settle --db PATH --month YYYY-MM --out FILE
 *                   --finance USER --approver USER [--version 03|09]
 *
 * Both users are finance users of the installation and sign in with their
 * passwords from the environment (BUD_FINANCE_PASSWORD and
 * BUD_APPROVER_PASSWORD: never on the command line, where ps shows it);
 * USER makes and approves the invoices and makes the payment run, the
 * approver (another user: four eyes) approves the run. The run's pain.001
 * (version 03 by default) is written to FILE, which must not exist.
 * Progress on stderr (cli/progress.h); on stdout one line:
 *   settled YYYY-MM: P providers, I invoices (A approved), run R, FILE
 *
 * Exit 0 when settled (nothing payable is settled too: no run, no file),
 * 1 when refused or the database fails, 2 on a usage error.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/account.h"
#include "app/payrun.h"
#include "app/settle.h"
#include "bud_limits.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "core/buf.h"
#include "store/db.h"

#define SETTLE_USAGE \
	"usage: budjetti settle --db PATH --month YYYY-MM --out FILE" \
	" --finance USER --approver USER [--version 03|09]\n"

struct settle_opts {
	const char *db, *month, *out, *finance, *approver;
	int version;
};

static int parse_opts(int argc, char **argv, struct settle_opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->version = 3;
	for (i = 0; i + 1 < argc; i += 2) {
		const char *v = argv[i + 1];

		if (strcmp(argv[i], "--db") == 0)
			o->db = v;
		else if (strcmp(argv[i], "--month") == 0)
			o->month = v;
		else if (strcmp(argv[i], "--out") == 0)
			o->out = v;
		else if (strcmp(argv[i], "--finance") == 0)
			o->finance = v;
		else if (strcmp(argv[i], "--approver") == 0)
			o->approver = v;
		else if (strcmp(argv[i], "--version") == 0 &&
			 (strcmp(v, "03") == 0 || strcmp(v, "09") == 0))
			o->version = v[1] - '0';
		else
			return -1;
	}
	return i == argc && o->db && o->month && o->out && o->finance &&
	       o->approver ? 0 : -1;
}

/* Sign user in with the password in environment variable var. */
static int sign_in(bud_app *app, const char *user, const char *var,
		   bud_actor *a, bud_err *err)
{
	char token[BUD_TOKEN_TEXT + 1];
	const char *pw = getenv(var);

	if (!pw || !*pw)
		return bud_err_set(err, BUD_EINVAL, "password", "err.required",
				   "%s is not set", var);
	return bud_account_login(app, user, pw, "cli", a, token, err);
}

/* The run's pain.001 into path (a new file). */
static int write_file(bud_app *app, int64_t run, int version, const char *path,
		      bud_err *err)
{
	bud_buf b;
	int fd, rc;

	bud_buf_init(&b, BUD_MAX_RESPONSE);
	rc = bud_payrun_file(app, NULL, run, version, &b, err);
	if (rc == BUD_OK) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
		if (fd < 0 || write(fd, b.data, b.len) != (ssize_t)b.len)
			rc = bud_err_set(err, BUD_EIO, "out", "err.internal",
					 "cannot write %s", path);
		if (fd >= 0 && close(fd) != 0 && rc == BUD_OK)
			rc = bud_err_set(err, BUD_EIO, "out", "err.internal",
					 "cannot write %s", path);
	}
	bud_buf_free(&b);
	return rc;
}

static int settle(bud_app *app, const struct settle_opts *o, bud_err *err)
{
	struct bud_settle_result r;
	struct bud_progress p;
	bud_actor fin, appr;
	int rc;

	memset(&fin, 0, sizeof(fin));
	memset(&appr, 0, sizeof(appr));
	if ((rc = sign_in(app, o->finance, "BUD_FINANCE_PASSWORD", &fin, err)) ||
	    (rc = sign_in(app, o->approver, "BUD_APPROVER_PASSWORD", &appr, err)))
		return rc;
	bud_progress_start(&p, stderr, "settle", "steps", 0);
	rc = bud_settle_month(app, &fin, getenv("BUD_FINANCE_PASSWORD"), &appr,
			      getenv("BUD_APPROVER_PASSWORD"), o->month,
			      bud_progress_cb, &p, &r, err);
	bud_progress_end(&p);
	if (rc == BUD_OK && r.run_id > 0)
		rc = write_file(app, r.run_id, o->version, o->out, err);
	if (rc == BUD_OK)
		printf("settled %s: %lld providers, %lld invoices (%lld approved), "
		       "run %lld, %s\n", o->month, (long long)r.providers,
		       (long long)r.invoices, (long long)r.approved,
		       (long long)r.run_id, r.run_id > 0 ? o->out : "no file");
	return rc;
}

int bud_cmd_settle(int argc, char **argv)
{
	struct settle_opts o;
	bud_app app;
	bud_err err;
	int rc;

	if (parse_opts(argc, argv, &o) != 0) {
		fputs(SETTLE_USAGE, stderr);
		return 2;
	}
	if (access(o.out, F_OK) == 0) {
		fprintf(stderr, "budjetti settle: %s exists; nothing was done\n", o.out);
		return 1;
	}
	bud_err_clear(&err);
	if ((rc = bud_cli_open_app(o.db, NULL, &app, &err)) == BUD_OK)
		rc = settle(&app, &o, &err);
	if (rc != BUD_OK)
		fprintf(stderr, "budjetti settle: %s%s%s (%s)\n", err.field,
			err.field[0] ? ": " : "", err.detail[0] ? err.detail :
			bud_rc_name(rc), bud_rc_name(rc));
	bud_db_close(app.db);
	return rc == BUD_OK ? 0 : 1;
}
