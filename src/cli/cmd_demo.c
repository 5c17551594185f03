/*
 * cli/cmd_demo.c: `budjetti demo --db PATH [--json] [--no-cases]
 * [--scale N]`, a new database with the demo data set of app/demo.c, one
 * account per role and (unless --no-cases: the tests start from intake)
 * the case histories of app/demo_cases.c. --scale N adds a generated
 * county of N clients (app/demo_scale.c) with a progress bar on stderr
 * (cli/progress.h) and a line saying what it made.
 *
 * The accounts' passwords are random (or BUD_DEMO_PASSWORD's value for
 * every account, for tests) and printed once: a table for people, or with
 * --json {"url_hint": ..., "accounts": [{"role", "username", "password",
 * "display_name"}, ...], "api_keys": [{"provider", "scopes", "key"}]} for
 * scripts. The demo provider's care system's API key (app/demo_apikey.c)
 * is printed once the same way: it is stored only as a hash. Exit 0 on success; 1 when the
 * database is not empty or anything fails (the demo is one transaction:
 * then nothing is written; the case histories after it go through the use
 * cases one by one, and if one fails the file should be thrown away); 2
 * on a usage error. Diagnostics go to stderr
 * and never contain a password.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/demo.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "core/buf.h"
#include "bud_limits.h"
#include "store/db.h"

#define DEMO_USAGE "usage: budjetti demo --db PATH [--json] [--no-cases] [--scale N]\n"

static int demo_usage(const char *why)
{
	if (why)
		fprintf(stderr, "budjetti demo: %s\n", why);
	fputs(DEMO_USAGE, stderr);
	return 2;
}

static void print_table(const char *path, const struct bud_demo_result *r)
{
	size_t i;

	printf("Demo data set created in %s: Itä-Uudenmaan hyvinvointialue / "
	       "Östra Nylands välfärdsområde,\n%d units, %d services with prices, "
	       "%d providers, %d clients.\n\n", path, BUD_DEMO_UNITS,
	       BUD_DEMO_SERVICES, BUD_DEMO_PROVIDERS, BUD_DEMO_CLIENTS);
	printf("%-16s %-16s %-22s %s\n", "role", "username", "password", "name");
	for (i = 0; i < BUD_DEMO_ACCOUNTS; i++) {
		const struct bud_demo_account *a = &r->accounts[i];

		printf("%-16s %-16s %-22s %s\n", a->role, a->username, a->password,
		       a->display_name);
	}
	if (r->care_key[0])
		printf("\nAPI key of Apuviisas Oy's care system (commitments:read "
		       "events:write):\n%s\n", r->care_key);
	printf("\nThe passwords and the key are shown only this once; keep them safe.\n"
	       "start with: budjetti serve --db %s\n", path);
}

/* The JSON form; BUD_OK when it was written whole. */
static int print_json(const char *path, const struct bud_demo_result *r)
{
	char hint[BUD_MAX_URL];
	bud_buf b;
	size_t i;
	int rc;

	snprintf(hint, sizeof(hint), "start with: budjetti serve --db %s "
		 "--port 8080, then open http://127.0.0.1:8080/", path);
	bud_buf_init(&b, BUD_DEMO_JSON_MAX);
	bud_buf_adds(&b, "{\"url_hint\":");
	bud_buf_add_json_str(&b, hint);
	bud_buf_adds(&b, ",\"accounts\":[");
	for (i = 0; i < BUD_DEMO_ACCOUNTS; i++) {
		const struct bud_demo_account *a = &r->accounts[i];

		bud_buf_adds(&b, i ? ",{\"role\":" : "{\"role\":");
		bud_buf_add_json_str(&b, a->role);
		bud_buf_adds(&b, ",\"username\":");
		bud_buf_add_json_str(&b, a->username);
		bud_buf_adds(&b, ",\"password\":");
		bud_buf_add_json_str(&b, a->password);
		bud_buf_adds(&b, ",\"display_name\":");
		bud_buf_add_json_str(&b, a->display_name);
		bud_buf_addc(&b, '}');
	}
	bud_buf_adds(&b, "],\"api_keys\":[");
	if (r->care_key[0]) {
		bud_buf_adds(&b, "{\"provider\":\"Apuviisas Oy\",\"scopes\":"
			     "[\"commitments:read\",\"events:write\"],\"key\":");
		bud_buf_add_json_str(&b, r->care_key);
		bud_buf_addc(&b, '}');
	}
	bud_buf_adds(&b, "]}\n");
	rc = bud_buf_failed(&b) ? BUD_ETOOBIG : BUD_OK;
	if (rc == BUD_OK && fwrite(b.data, 1, b.len, stdout) != b.len)
		rc = BUD_EIO;
	if (b.data)
		explicit_bzero(b.data, b.cap);	/* it held the passwords */
	bud_buf_free(&b);
	return rc;
}

/* Say why it failed; the demo is one transaction, so nothing was written. */
static int demo_failed(const char *path, int rc, const bud_err *err)
{
	if (rc == BUD_ECONFLICT && strcmp(err->key, "err.demo.not_empty") == 0)
		fprintf(stderr, "budjetti demo: %s is not empty (it already has an "
			"organiser or demo users); nothing was written. The demo data "
			"set needs a new database file.\n", path);
	else
		fprintf(stderr, "budjetti demo: %s%s (%s); nothing was written\n",
			strcmp(err->field, "password") == 0 ? "BUD_DEMO_PASSWORD: " : "",
			err->detail[0] ? err->detail : bud_rc_name(rc), bud_rc_name(rc));
	return 1;
}

/* The generated county of n clients, with its progress on stderr. */
static int demo_scale(bud_app *app, const struct bud_demo_result *res,
		      long long n, bud_err *err)
{
	struct bud_demo_scale_result out;
	struct bud_progress p;
	int rc;

	bud_progress_start(&p, stderr, "demo", "clients", n);
	rc = bud_demo_scale(app, res, n, bud_progress_cb, &p, &out, err);
	bud_progress_end(&p);
	if (rc == BUD_OK)
		fprintf(stderr, "budjetti demo: generated %lld clients, %lld "
			"providers, %lld service events\n", (long long)out.clients,
			(long long)out.providers, (long long)out.events);
	return rc;
}

/* N of --scale N, 1..BUD_DEMO_SCALE_MAX; 0 when it is not that. */
static long long scale_arg(const char *s)
{
	char *end;
	long long n = strtoll(s, &end, 10);

	return *s && !*end && n >= 1 && n <= BUD_DEMO_SCALE_MAX ? n : 0;
}

/* The demo's steps in their order, each on what the ones before made;
 * the case histories and what rests on them only with cases, a generated
 * county of `scale` clients last. */
static int make_demo(bud_app *app, int cases, long long scale,
		     struct bud_demo_result *res, bud_err *err)
{
	const char *password = getenv("BUD_DEMO_PASSWORD");
	int rc;

	if (password && !*password)
		password = NULL;
	rc = bud_demo_create(app, password, res, err);
	if (rc == BUD_OK)
		rc = bud_demo_market(app, res, err);
	if (rc == BUD_OK)
		rc = bud_demo_apikey(app, res, err);
	if (rc == BUD_OK)
		rc = bud_demo_accounts(app, res, err);
	if (rc == BUD_OK && cases)
		rc = bud_demo_cases(app, res, err);
	if (rc == BUD_OK && cases)
		rc = bud_demo_pilot(app, res, err);
	if (rc == BUD_OK && cases)
		rc = bud_demo_retention(app, res, err);
	if (rc == BUD_OK)
		rc = bud_demo_meetings(app, res, cases, err);
	if (rc == BUD_OK && scale)
		rc = demo_scale(app, res, scale, err);
	return rc;
}

int bud_cmd_demo(int argc, char **argv)
{
	long long scale = 0;
	struct bud_demo_result res;
	const char *path = NULL;
	bud_app app;
	bud_err err;
	int json = 0, cases = 1, i, rc, code;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--no-cases") == 0)
			cases = 0;
		else if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc) {
			if (!(scale = scale_arg(argv[++i])))
				return demo_usage("--scale N: N must be 1..1000000");
		} else
			return demo_usage("unknown or incomplete argument");
	}
	if (!path || !*path)
		return demo_usage("--db PATH is required");
	bud_err_clear(&err);
	if ((rc = bud_cli_open_app(path, &(struct bud_db_opts){.bulk = scale > 0},
				   &app, &err)) != BUD_OK) {
		fprintf(stderr, "budjetti demo: cannot open %s: %s\n", path,
			err.detail[0] ? err.detail : bud_rc_name(rc));
		bud_db_close(app.db);
		return 1;
	}
	rc = make_demo(&app, cases, scale, &res, &err);
	if (rc != BUD_OK) {
		code = demo_failed(path, rc, &err);
	} else {
		code = 0;
		if (json)
			code = print_json(path, &res) == BUD_OK ? 0 : 1;
		else
			print_table(path, &res);
		if (fflush(stdout) != 0)
			code = 1;
	}
	bud_demo_result_wipe(&res);
	bud_db_close(app.db);
	return code;
}
