/*
 * cli/cmd_mail.c: `budjetti mail send --db PATH [mail options]` runs one
 * pass of the outbox (app/mail.h): the letters due now are sent (or
 * written as .eml files) and their outcome recorded; prints "sent N,
 * retry N, failed N". Exit 0, 1 when the database fails, 2 on a usage
 * error. Also the mail options `serve` shares (bud_cli_mail_option):
 *   --smtp-url URL       the relay, smtp://host:port or smtps://host:port
 *   --mail-from ADDR     the sender address (default noreply@budjetti.invalid)
 *   --mail-from-name N   the sender's display name
 *   --mail-dir DIR       the .eml directory when no relay is set
 *                        (default: "mail" beside the database)
 *   --smtp-user USER     SMTP AUTH user; the password is read from the
 *                        environment variable BUD_SMTP_PASSWORD
 *   --smtp-starttls      require STARTTLS on an smtp:// relay
 *   --mail-backoff S     seconds before the first retry (default
 *                        BUD_MAIL_BACKOFF_S, doubling each try)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/mail.h"
#include "cli/cli.h"
#include "formats/mail.h"

#define MAIL_USAGE "usage: budjetti mail send --db PATH [--smtp-url URL]" \
	" [--mail-from ADDR] [--mail-dir DIR] [--smtp-user USER] [--smtp-starttls]\n"

/* Copy val into dst of dstsz; -1 when it does not fit or is empty. */
static int copy(char *dst, size_t dstsz, const char *val)
{
	if (!val[0] || strlen(val) >= dstsz)
		return -1;
	memcpy(dst, val, strlen(val) + 1);
	return 1;
}

int bud_cli_mail_option(struct bud_mail_conf *c, const char *opt, const char *val)
{
	char *end;
	long v;

	if (strcmp(opt, "--smtp-url") == 0)
		return strncmp(val, "smtp://", 7) == 0 || strncmp(val, "smtps://", 8) == 0 ?
			copy(c->smtp_url, sizeof(c->smtp_url), val) : -1;
	if (strcmp(opt, "--mail-from") == 0)
		return bud_mail_addr_ok(val) ? copy(c->from, sizeof(c->from), val) : -1;
	if (strcmp(opt, "--mail-from-name") == 0)
		return copy(c->from_name, sizeof(c->from_name), val);
	if (strcmp(opt, "--mail-dir") == 0)
		return copy(c->dir, sizeof(c->dir), val);
	if (strcmp(opt, "--smtp-user") == 0)
		return copy(c->user, sizeof(c->user), val);
	if (strcmp(opt, "--mail-backoff") == 0) {
		errno = 0;
		v = strtol(val, &end, 10);
		if (errno || end == val || *end || v < 1 || v > BUD_MAIL_BACKOFF_MAX_S)
			return -1;
		c->backoff_s = (int)v;
		return 1;
	}
	return 0;
}

void bud_cli_mail_finish(struct bud_mail_conf *c)
{
	const char *pw = getenv("BUD_SMTP_PASSWORD");

	if (c->user[0] && pw && strlen(pw) < sizeof(c->password))
		memcpy(c->password, pw, strlen(pw) + 1);
}

/* send --db PATH and the mail options; -1 on a usage error. */
static int parse(int argc, char **argv, const char **db, struct bud_mail_conf *c)
{
	int i, r;

	*db = NULL;
	if (argc < 1 || strcmp(argv[0], "send") != 0)
		return -1;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--smtp-starttls") == 0) {
			c->starttls = 1;
			continue;
		}
		if (i + 1 >= argc)
			return -1;
		if (strcmp(argv[i], "--db") == 0)
			*db = argv[i + 1];
		else if ((r = bud_cli_mail_option(c, argv[i], argv[i + 1])) != 1)
			return -1;
		i++;
	}
	return *db && **db ? 0 : -1;
}

int bud_cmd_mail(int argc, char **argv)
{
	struct bud_mail_run_result res;
	struct bud_mail_conf conf;
	const char *db = NULL;
	bud_app app;
	bud_err err;
	int rc;

	bud_mail_conf_default(&conf, NULL);
	if (parse(argc, argv, &db, &conf) != 0) {
		fputs(MAIL_USAGE, stderr);
		return 2;
	}
	if (!conf.dir[0]) {
		struct bud_mail_conf d;

		bud_mail_conf_default(&d, db);
		memcpy(conf.dir, d.dir, sizeof(conf.dir));
	}
	bud_cli_mail_finish(&conf);
	bud_err_clear(&err);
	rc = bud_cli_open_app(db, NULL, &app, &err);
	if (rc == BUD_OK)
		rc = bud_mail_run(&app, &conf, bud_app_now(&app), &res, &err);
	bud_db_close(app.db);
	if (rc != BUD_OK)
		return bud_cli_fail("mail", &err);
	printf("sent %d, retry %d, failed %d\n", res.sent, res.retry, res.failed);
	return 0;
}
