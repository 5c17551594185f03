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
 * to parse() and SERVE_USAGE works in the file with no more code. SIGHUP
 * reads it again and puts in force what may change while serving (see
 * reload() below).
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
#include "http/log.h"
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
	const char *metrics[BUD_METRICS_ALLOW_MAX];	/* put in force after parse */
	int nmetrics;
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
			if (a->nmetrics >= BUD_METRICS_ALLOW_MAX)
				return -1;
			a->metrics[a->nmetrics++] = val;
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

/* ---- SIGHUP: reload what can change while serving ----------------------
 *
 * The configuration file is read again with the command line over it, as
 * at the start. What requests or the sender read through a pointer or a
 * lock of their own is put in force: the metrics allow-list
 * (bud_metrics_allow_replace), the trusted proxies (bud_proxy_replace)
 * and the mail options (bud_mailer_reconfigure). Every other option is
 * fixed for the server's life (the listening socket, the threads, the
 * database and its sync mode, cookies, the public URL and sign-in, read
 * without a lock or held by the relying party): one that differs from
 * the start is named in one log line and kept.
 */
struct reload_ctx {
	int argc;		/* the command line, as given */
	char **argv;
	int start_argc;		/* the options at the start (file + command line) */
	char **start_argv;
	int last_argc;		/* the options of the last reload, or the start's */
	char **last_argv;
	bud_app *app;
};

static const char *const reloadable[] = {"--metrics-allow", "--trusted-proxy",
	"--smtp-url", "--mail-from",
	"--mail-from-name", "--mail-dir", "--smtp-user", "--smtp-starttls",
	"--mail-backoff", NULL};

static int is_flag(const char *opt)
{
	return strcmp(opt, "--secure-cookies") == 0 || strcmp(opt, "--smtp-starttls") == 0;
}

static int in_list(const char *const *list, const char *opt)
{
	for (; *list; list++)
		if (strcmp(*list, opt) == 0)
			return 1;
	return 0;
}

/* The values of option opt in argv, in order, into b ("" when absent). */
static void values_of(int argc, char **argv, const char *opt, bud_buf *b)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], opt) == 0) {
			bud_buf_adds(b, is_flag(opt) ? "1" : i + 1 < argc ? argv[i + 1] : "");
			bud_buf_addc(b, '\n');
		}
		if (!is_flag(argv[i]))
			i++;
	}
}

/* 1 when option opt has other values in (ac, av) than in (bc, bv). */
static int differs(int ac, char **av, int bc, char **bv, const char *opt)
{
	bud_buf x, y;
	int d;

	bud_buf_init(&x, 1 << 16);
	bud_buf_init(&y, 1 << 16);
	values_of(ac, av, opt, &x);
	values_of(bc, bv, opt, &y);
	d = strcmp(bud_buf_str(&x), bud_buf_str(&y)) != 0;
	bud_buf_free(&x);
	bud_buf_free(&y);
	return d;
}

/* Add to out (", "-separated, without the dashes) each option of (ac, av)
 * or (bc, bv) that differs between them and is (want 1) or is not (want
 * 0) reloadable. */
static void diff_names(int ac, char **av, int bc, char **bv, int want, bud_buf *out)
{
	char **lists[2] = {av, bv};
	int counts[2] = {ac, bc}, l, i;

	for (l = 0; l < 2; l++)
		for (i = 0; i < counts[l]; i += is_flag(lists[l][i]) ? 1 : 2) {
			const char *opt = lists[l][i];
			char key[80];

			if (strncmp(opt, "--", 2) != 0 || in_list(reloadable, opt) != want ||
			    !differs(ac, av, bc, bv, opt))
				continue;
			snprintf(key, sizeof(key), "%s%s", opt + 2, ", ");
			if (!strstr(bud_buf_str(out), key))
				bud_buf_adds(out, key);
		}
}

/* Drop the ", " after the last name of a list diff_names made. */
static void trim_list(bud_buf *b)
{
	if (b->len >= 2 && b->data) {
		b->len -= 2;
		b->data[b->len] = '\0';
	}
}

static void free_last(struct reload_ctx *x)
{
	if (x->last_argv != x->start_argv)
		bud_cli_config_free(x->last_argc, x->last_argv);
}

/* Put the reloadable options of a in force; BUD_OK or the refusal, and
 * then nothing changed (the proxies are tried on a scratch app first). */
static int apply(struct reload_ctx *x, struct serve_args *a, bud_err *err)
{
	bud_app probe;
	int rc;

	memset(&probe, 0, sizeof(probe));
	rc = bud_proxy_replace(&probe, a->proxies, a->nproxies, err);
	bud_proxy_release(&probe);
	if (rc == BUD_OK)
		rc = bud_metrics_allow_replace(a->metrics, a->nmetrics, err);
	if (rc == BUD_OK)
		rc = bud_proxy_replace(x->app, a->proxies, a->nproxies, err);
	if (rc == BUD_OK)
		bud_mailer_reconfigure(x->app->mailer, &a->mail);
	return rc;
}

static void reload(void *arg)
{
	struct reload_ctx *x = arg;
	struct serve_args a;
	bud_buf changed, kept;
	char **v = NULL;
	bud_err err;
	int n = 0;

	bud_err_clear(&err);
	if (bud_cli_config_load("serve", SERVE_USAGE, x->argc, x->argv, &n, &v) != 0 ||
	    parse(n, v, &a) != 0 || apply(x, &a, &err) != BUD_OK) {
		bud_log_msgf("error", "SIGHUP: the configuration is not valid%s%s; every "
			     "option kept", err.detail[0] ? ": " : "", err.detail);
		if (v)
			bud_cli_config_free(n, v);
		return;
	}
	bud_buf_init(&changed, 4096);
	bud_buf_init(&kept, 4096);
	diff_names(x->last_argc, x->last_argv, n, v, 1, &changed);
	diff_names(x->start_argc, x->start_argv, n, v, 0, &kept);
	trim_list(&changed);
	trim_list(&kept);
	bud_log_msgf("info", "SIGHUP: configuration re-read; %s%s", changed.len ?
		     "in force now: " : "no reloadable option changed", bud_buf_str(&changed));
	if (kept.len)
		bud_log_msgf("warn", "SIGHUP: these options cannot change while serving and "
			     "were kept: %s", bud_buf_str(&kept));
	bud_buf_free(&changed);
	bud_buf_free(&kept);
	free_last(x);
	x->last_argc = n;
	x->last_argv = v;
}

/* serve with the arguments of the configuration file and the command line. */
static int serve(struct reload_ctx *x)
{
	int argc = x->start_argc;
	char **argv = x->start_argv;
	struct serve_args a;
	struct bud_db_opts opts = {0};
	bud_app app = {0};
	bud_sweeper *sweeper = NULL;
	bud_err err;
	int rc, failed, i, lock = -1;

	if (parse(argc, argv, &a) != 0 ||
	    bud_metrics_allow_replace(a.metrics, a.nmetrics, &err) != BUD_OK) {
		fputs(SERVE_USAGE, stderr);
		return 2;
	}
	x->app = &app;
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
		rc = bud_http_serve_reload(&app, bud_routes, a.addr, a.port, a.threads,
					   reload, x, &err);
	bud_sweeper_stop(sweeper);
	bud_mailer_stop(app.mailer);
	app.mailer = NULL;
	bud_oidc_free(app.oidc);
	app.oidc = NULL;
	bud_proxy_release(&app);
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

	struct reload_ctx x = {.argc = argc, .argv = argv};

	rc = bud_cli_config_load("serve", SERVE_USAGE, argc, argv, &all_argc, &all_argv);
	if (rc != 0)
		return rc;
	x.start_argc = x.last_argc = all_argc;
	x.start_argv = x.last_argv = all_argv;
	rc = serve(&x);
	free_last(&x);
	bud_cli_config_free(all_argc, all_argv);
	return rc;
}
