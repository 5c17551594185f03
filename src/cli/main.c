/*
 * cli/main.c: the budjetti binary's entry point. Finds the subcommand in
 * the table below and runs it; `budjetti help` lists them. `--help` (or
 * -h) anywhere after a command answers for that command (cli/help.c)
 * before the command parses anything; `budjetti --version` prints
 * BUD_VERSION, meson's project version.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

const struct bud_cmd bud_commands[] = {
	{"help", cmd_help, "[COMMAND]"},
	{"version", cmd_version, ""},
	{"validate", bud_cmd_validate, "KIND VALUE | --create viite|rf BASE"},
	{"finvoice", bud_cmd_finvoice, "check FILE | show FILE [--json]"},
	{"camt054", bud_cmd_camt054, "check FILE | show FILE [--json]"},
	{"pain001", bud_cmd_pain001, "write RUN.json [--version 03|09] [--out FILE] [--json]"},
	{"migrate", bud_cmd_migrate, "--db PATH"},
	{"backup", bud_cmd_backup, "--db PATH FILE"},
	{"restore", bud_cmd_restore, "--db PATH FILE"},
	{"check", bud_cmd_check, "--db PATH"},
	{"payrun", bud_cmd_payrun, "pain001 --db PATH --run ID [--version 03|09] | camt054 --db PATH --run ID FILE"},
	{"settle", bud_cmd_settle, "--db PATH --month YYYY-MM --out FILE --finance USER --approver USER [--version 03|09]"},
	{"mail", bud_cmd_mail, "send --db PATH [--smtp-url URL] [--mail-from ADDR] [--mail-dir DIR]"},
	{"demo", bud_cmd_demo, "--db PATH [--json] [--no-cases] [--scale N]"},
	{"serve", bud_cmd_serve, "[--config FILE] --db PATH [--port 8080] [--addr 127.0.0.1] [--threads N] [--sync normal|full] [--secure-cookies]"},
	{"user", bud_cmd_user, "add --db PATH --username U --role R --name NAME [--lang L] [--provider ID] [--client ID] [--unit ID] | mandate ..."},
	{"prices", bud_cmd_prices, "export --db PATH [--date YYYY-MM-DD] | import --db PATH FILE"},
	{"providers", bud_cmd_providers, "seed --db PATH --count N [--service CODE] [--municipality NAME]"},
	{"apikey", bud_cmd_apikey, "create --db PATH --provider ID --name NAME --scopes S,S | list --db PATH --provider ID | revoke --db PATH --id N"},
	{"retention", bud_cmd_retention, "list --db PATH | approve --db PATH [--list N] | destroy --db PATH --list N"},
	{"oidc", bud_cmd_oidc, "keygen [--bits 2048..4096]"},
	{NULL, NULL, NULL},
};

static int cmd_help(int argc, char **argv)
{
	const struct bud_cmd *c;

	if (argc >= 1)
		return bud_cli_help(argv[0]);
	printf("usage: budjetti COMMAND [ARGS]\n\ncommands:\n");
	for (c = bud_commands; c->name; c++)
		printf("  budjetti %s %s\n", c->name, c->usage);
	printf("\n'budjetti COMMAND --help' describes one; budjetti(1) all.\n");
	return 0;
}

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("budjetti %s\n", BUD_VERSION);
	return 0;
}

int main(int argc, char **argv)
{
	const struct bud_cmd *c;

	if (argc < 2)
		return cmd_help(0, NULL), 2;
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(0, NULL);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(0, NULL);
	for (c = bud_commands; c->name; c++)
		if (strcmp(c->name, argv[1]) == 0)
			return bud_cli_is_help(argc - 2, argv + 2) ? bud_cli_help(c->name)
				: c->run(argc - 2, argv + 2);
	fprintf(stderr, "budjetti: unknown command '%s' (see 'budjetti help')\n", argv[1]);
	return 2;
}
