/*
 * cli/cmd_serve.c: `budjetti serve --db PATH [--port 8080] [--addr
 * 127.0.0.1] [--threads N] [--sync normal|full] [--secure-cookies]
 * [--trusted-proxy ADDR[,ADDR...]]... [--public-url URL]`.
 * --public-url is how users reach the service (the links in letters,
 * e.g. a set-password link); without it, http://ADDR:PORT. A thread
 * sweeps expired sessions while serve runs (app/users.h).
 *
 * Opens the database (running pending migrations), serves bud_routes until
 * SIGTERM or SIGINT, finishes the requests in flight, closes the database
 * and exits 0. Exit 1 when the database cannot be opened, the address
 * cannot be listened on, or the database fails while serving (fail-stop:
 * the supervisor restarts the service, which recovers from the WAL);
 * exit 2 on a usage error. --secure-cookies is for a service behind TLS:
 * cookies get Secure and the __Host- prefix. --trusted-proxy (repeatable,
 * or a comma list) names the reverse proxies whose X-Forwarded-For or
 * Forwarded header gives the client's address (http/proxy.h).
 * --metrics-allow (repeatable, or a comma list) names the scrapers that
 * may read GET /metrics besides loopback (http/metrics.h).
 * The mail options (--smtp-url, --mail-from, --mail-from-name, --mail-dir,
 * --smtp-user, --smtp-starttls, --mail-backoff; cli/cmd_mail.c) set where
 * the outbox's sender thread (app/mail.h) delivers; it runs while serve
 * does.
 *
 * The OpenID Connect options (--oidc-*, --password-off; cli/oidc_opts.h)
 * set how people sign in besides a password; the sign-in's return address
 * is --public-url's (whose default, http://ADDR:PORT, is good on loopback
 * only).
 *
 * --config FILE (or BUDJETTI_CONFIG) reads the options from an INI file
 * first (cli/config.c): its [serve] keys are the options of SERVE_USAGE
 * without the dashes, and the command line wins over it. An option added
 * to parse() and SERVE_USAGE works in the file with no more code.
 *
 * The database must exist: a mistyped --db would otherwise serve a new,
 * empty database (create one with `budjetti migrate` or `budjetti demo`).
 * One server per database: serve holds an exclusive lock on the file while
 * it runs (store/dbfile.h), and a second serve on it exits 1 at once.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/mail.h"
#include "app/users.h"
#include "cli/cli.h"
#include "cli/oidc_opts.h"
#include "cli/routes.h"
#include "http/metrics.h"
#include "http/proxy.h"
#include "bud_limits.h"
#include "store/db.h"
#include "store/dbfile.h"

#define SERVE_USAGE "usage: budjetti serve [--config FILE] --db PATH [--port 8080] [--addr 127.0.0.1]" \
	" [--threads N] [--sync normal|full] [--secure-cookies] [--public-url URL]" \
	" [--trusted-proxy ADDR[,ADDR...]]... [--metrics-allow ADDR[,ADDR...]]... [--smtp-url URL] [--mail-from ADDR]" \
	" [--mail-from-name NAME] [--mail-dir DIR] [--smtp-user USER] [--smtp-starttls]" \
	" [--mail-backoff SECONDS]" \
	" [--oidc-citizen-issuer URL --oidc-citizen-client ID [--oidc-citizen-claim NAME]" \
	" [--oidc-citizen-acr VALUE]...] [--oidc-staff-issuer URL --oidc-staff-client ID" \
	" [--oidc-staff-claim NAME] [--oidc-staff-acr VALUE]...]" \
	" [--password-off citizen|staff]... [--oidc-keys FILE]\n"

struct serve_args {
	const char *db, *addr, *sync, *public_url;
	int port, threads, secure;
	const char *proxies[BUD_TRUSTED_PROXIES_MAX];
	int nproxies;
	struct bud_mail_conf mail;
	struct bud_cli_oidc oidc;
};

/* A decimal integer in lo..hi, or -1. */
static int int_arg(const char *s, int lo, int hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	return (int)v;
}

static int parse(int argc, char **argv, struct serve_args *a)
{
	int i, m;

	*a = (struct serve_args){.addr = "127.0.0.1", .sync = "full", .port = 8080};
	bud_mail_conf_default(&a->mail, NULL);
	for (i = 0; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(opt, "--secure-cookies") == 0) {
			a->secure = 1;
			continue;
		}
		if (strcmp(opt, "--smtp-starttls") == 0) {
			a->mail.starttls = 1;
			continue;
		}
		if (!val)
			return -1;
		i++;
		if ((m = bud_cli_mail_option(&a->mail, opt, val)) != 0 ||
		    (m = bud_cli_oidc_option(&a->oidc, opt, val)) != 0) {
			if (m < 0)
				return -1;
		} else if (strcmp(opt, "--db") == 0)
			a->db = val;
		else if (strcmp(opt, "--addr") == 0)
			a->addr = val;
		else if (strcmp(opt, "--sync") == 0)
			a->sync = val;
		else if (strcmp(opt, "--trusted-proxy") == 0 &&
			 a->nproxies < BUD_TRUSTED_PROXIES_MAX)
			a->proxies[a->nproxies++] = val;
		else if (strcmp(opt, "--public-url") == 0)
			a->public_url = val;
		else if (strcmp(opt, "--metrics-allow") == 0) {
			bud_err e;

			if (bud_metrics_allow(val, &e) != BUD_OK)
				return -1;
		} else if (strcmp(opt, "--port") == 0)
			a->port = int_arg(val, 1, 65535);
		else if (strcmp(opt, "--threads") == 0)
			a->threads = int_arg(val, 1, 1024);
		else
			return -1;
		if (a->port < 0 || a->threads < 0)
			return -1;
	}
	if (!a->db || !*a->db)
		return -1;
	if (!a->mail.dir[0]) {
		struct bud_mail_conf d;

		bud_mail_conf_default(&d, a->db);
		memcpy(a->mail.dir, d.dir, sizeof(a->mail.dir));
	}
	bud_cli_mail_finish(&a->mail);
	if (strcmp(a->sync, "normal") != 0 && strcmp(a->sync, "full") != 0)
		return -1;
	return 0;
}

/* The address of links in letters: --public-url without its last slash,
 * else the address served. */
static void public_url(bud_app *app, const struct serve_args *a)
{
	size_t n;

	if (a->public_url && a->public_url[0])
		snprintf(app->public_url, sizeof(app->public_url), "%s", a->public_url);
	else
		snprintf(app->public_url, sizeof(app->public_url), "http://%s:%d",
			 a->addr, a->port);
	n = strlen(app->public_url);
	while (n && app->public_url[n - 1] == '/')
		app->public_url[--n] = '\0';
}

/* serve with the arguments of the configuration file and the command line. */
static int serve(int argc, char **argv)
{
	struct serve_args a;
	struct bud_db_opts opts = {0};
	bud_app app = {0};
	bud_sweeper *sweeper = NULL;
	bud_err err;
	int rc, failed, i, lock = -1;

	if (parse(argc, argv, &a) != 0) {
		fputs(SERVE_USAGE, stderr);
		return 2;
	}
	opts.sync_normal = strcmp(a.sync, "normal") == 0;
	bud_err_clear(&err);
	if (bud_dbfile_lock(a.db, &lock, &err) != BUD_OK ||
	    bud_db_open(a.db, &opts, &app.db, &err) != BUD_OK) {
		fprintf(stderr, "budjetti serve: %s: %s\n", a.db,
			err.detail[0] ? err.detail : "cannot open the database");
		bud_dbfile_unlock(lock);
		return 1;
	}
	app.secure_cookies = a.secure;
	public_url(&app, &a);
	app.stats_min_group = BUD_STATS_MIN_GROUP;
	if (bud_app_instance_init(&app) != BUD_OK) {
		fprintf(stderr, "budjetti serve: no random source for the instance id\n");
		bud_db_close(app.db);
		return 1;
	}
	for (i = 0, rc = BUD_OK; i < a.nproxies && rc == BUD_OK; i++)
		rc = bud_proxy_trust(&app, a.proxies[i], &err);
	if (rc == BUD_OK)
		rc = bud_cli_oidc_finish(&a.oidc, &app, &err);
	if (rc == BUD_OK)
		rc = bud_mailer_start(&app, &a.mail, &app.mailer, &err);
	if (rc == BUD_OK)
		rc = bud_sweeper_start(&app, &sweeper, &err);
	if (rc == BUD_OK)
		rc = bud_http_serve(&app, bud_routes, a.addr, a.port, a.threads, &err);
	bud_sweeper_stop(sweeper);
	bud_mailer_stop(app.mailer);
	app.mailer = NULL;
	bud_oidc_free(app.oidc);
	app.oidc = NULL;
	if (rc != BUD_OK)
		fprintf(stderr, "budjetti serve: %s\n", err.detail);
	failed = bud_db_failed(app.db);
	bud_db_close(app.db);
	bud_dbfile_unlock(lock);
	return rc == BUD_OK && !failed ? 0 : 1;
}

int bud_cmd_serve(int argc, char **argv)
{
	int all_argc, rc;
	char **all_argv;

	rc = bud_cli_config_load("serve", SERVE_USAGE, argc, argv, &all_argc, &all_argv);
	if (rc != 0)
		return rc;
	rc = serve(all_argc, all_argv);
	bud_cli_config_free(all_argc, all_argv);
	return rc;
}
