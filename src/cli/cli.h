/*
 * cli/cli.h: the subcommands of the budjetti binary. Each takes the
 * arguments after its own name and returns the process exit code.
 * common.c holds the little they share (opening the database as an app,
 * printing a refusal).
 */
#ifndef BUD_CLI_H
#define BUD_CLI_H

#include "app/app.h"
#include "core/err.h"
#include "store/db.h"

struct bud_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;	/* one line, after "budjetti NAME " */
};

/* The table of subcommands, ended by a NULL name (main.c). */
extern const struct bud_cmd bud_commands[];

int bud_cmd_validate(int argc, char **argv);	/* cmd_validate.c */
int bud_cmd_finvoice(int argc, char **argv);	/* cmd_finvoice.c */
int bud_cmd_camt054(int argc, char **argv);	/* cmd_camt054.c */
int bud_cmd_pain001(int argc, char **argv);	/* cmd_pain001.c */
int bud_cmd_migrate(int argc, char **argv);	/* cmd_migrate.c */
int bud_cmd_demo(int argc, char **argv);	/* cmd_demo.c */
int bud_cmd_serve(int argc, char **argv);	/* cmd_serve.c */
int bud_cmd_user(int argc, char **argv);	/* cmd_user.c */
int bud_cmd_prices(int argc, char **argv);	/* cmd_prices.c */
int bud_cmd_check(int argc, char **argv);	/* cmd_check.c */
int bud_cmd_payrun(int argc, char **argv);	/* cmd_payrun.c */
int bud_cmd_settle(int argc, char **argv);	/* cmd_settle.c */
int bud_cmd_providers(int argc, char **argv);	/* cmd_providers.c */
int bud_cmd_oidc(int argc, char **argv);	/* cmd_oidc.c */
int bud_cmd_mail(int argc, char **argv);	/* cmd_mail.c */
int bud_cmd_apikey(int argc, char **argv);	/* cmd_apikey.c */
int bud_cmd_backup(int argc, char **argv);	/* cmd_backup.c */
int bud_cmd_restore(int argc, char **argv);	/* cmd_backup.c */
int bud_cmd_retention(int argc, char **argv);	/* cmd_retention.c */

/* ---- the configuration file (config.c) ---- */

/*
 * The arguments of command cmd with its configuration file's in front:
 * the file is --config FILE (taken out of argv) or else $BUDJETTI_CONFIG;
 * its section [cmd] holds the long options named in usage, without the
 * dashes (see config.c). A key also on the command line is left out (the
 * command line wins). 0 with *out_argc, *out_argv (free them with
 * bud_cli_config_free); else the exit code, 2 for a usage error (an
 * unknown key, named with its line) or 1 when the file cannot be read,
 * after a line on stderr.
 */
int bud_cli_config_load(const char *cmd, const char *usage, int argc, char **argv,
			int *out_argc, char ***out_argv);
void bud_cli_config_free(int argc, char **argv);

/* ---- --help (help.c) ---- */

/* 1 when argv holds "--help" or "-h": main.c then calls bud_cli_help
 * instead of the command. */
int bud_cli_is_help(int argc, char **argv);
/* Print the usage and options of command name on stdout: 0, or 2 (and
 * a line on stderr) when there is no such command. */
int bud_cli_help(const char *name);

/* ---- shared by the subcommands (common.c) ---- */

/* Open the database at path (opts NULL: the defaults) into app, zeroed
 * first and given the installation's settings (stats_min_group). Call
 * bud_db_close(app->db) afterwards, also when this fails. */
int bud_cli_open_app(const char *path, const struct bud_db_opts *opts,
		     bud_app *app, bud_err *err);

/* One mail option of serve and `mail send` (cmd_mail.c) into c: 1 when
 * opt was one and val is good, -1 when val is bad, 0 when opt is not a
 * mail option. */
struct bud_mail_conf;
int bud_cli_mail_option(struct bud_mail_conf *c, const char *opt, const char *val);
/* Take the SMTP password from BUD_SMTP_PASSWORD when a user is set. */
void bud_cli_mail_finish(struct bud_mail_conf *c);

/* Print "budjetti CMD: FIELD: detail" on stderr; returns exit code 1. */
int bud_cli_fail(const char *cmd, const bud_err *err);

#endif
