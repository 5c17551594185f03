/*
 * cli/help.c: what `budjetti COMMAND --help` (and `budjetti help COMMAND`)
 * prints: the command's usage line from the table of main.c, then the
 * options and exit codes written out below. A command that has no entry
 * here still answers --help with its usage line, so a new subcommand is
 * never "unknown" to --help. docs/budjetti.1 says the same at length.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

struct help {
	const char *name;
	const char *text;
};

static const struct help helps[] = {
	{"serve",
	 "Serve the web pages and the JSON API until SIGTERM or SIGINT.\n"
	 "  --config FILE          read options from an INI file's [serve] section\n"
	 "                         first (also BUDJETTI_CONFIG); the command line wins\n"
	 "  --db PATH              the database (must exist: budjetti migrate)\n"
	 "  --port N               TCP port (default 8080)\n"
	 "  --addr IP              listening address (default 127.0.0.1)\n"
	 "  --threads N            server threads (default one per core)\n"
	 "  --sync normal|full     SQLite synchronous mode (default full)\n"
	 "  --secure-cookies       behind TLS: Secure cookies with the __Host- prefix\n"
	 "  --trusted-proxy ADDR   a reverse proxy whose X-Forwarded-For is believed\n"
	 "                         (repeatable, or a comma list)\n"
	 "  --metrics-allow ADDR   who else than loopback may GET /metrics (repeatable)\n"
	 "  --smtp-url URL, --mail-from ADDR, --mail-from-name NAME, --mail-dir DIR,\n"
	 "  --smtp-user USER, --smtp-starttls, --mail-backoff S: see `mail --help`\n"
	 "Secrets come only from the environment: BUD_SMTP_PASSWORD.\n"
	 "SIGHUP reopens the log (stderr) file and reads the configuration again:\n"
	 "metrics-allow, trusted-proxy and the mail options change at once; any\n"
	 "other changed option is named in one log line and kept until the next\n"
	 "start.\n"
	 "Exit 0 after a clean stop, 1 when the database or the address fails,\n"
	 "2 on a usage error.\n"},
	{"backup",
	 "Copy a database into FILE with SQLite's online backup, page by page,\n"
	 "consistent even while `serve` writes to it. FILE must not exist.\n"
	 "Exit 0 when the copy is whole, 1 when it failed, 2 on a usage error.\n"},
	{"restore",
	 "Check the backup FILE (integrity, schema version, `check`'s invariants)\n"
	 "and copy it over the database at --db PATH. Refused while a `serve`\n"
	 "holds that database. Exit 0 when restored, 1 when refused, 2 on a\n"
	 "usage error.\n"},
	{"check",
	 "Verify the use log's hash chain and every decided plan line against\n"
	 "the budget ledger; one line per problem. Reads only (runs beside\n"
	 "serve). Exit 0 when all hold, 1 on a problem, 2 on a usage error.\n"},
	{"retention",
	 "Retention and destruction of client records (docs/domain.md).\n"
	 "  list      the clients whose retention period has passed: id, the day\n"
	 "            the last case closed, the day it became due, municipality\n"
	 "  approve   make a destruction list of them and approve it (or approve\n"
	 "            list --list N made on the admin's page)\n"
	 "  destroy   remove the personal data of approved list --list N's\n"
	 "            clients, one at a time; the ledger's sums and the use log stay\n"
	 "Exit 0, 1 when refused or the database fails, 2 on a usage error.\n"},
	{"migrate",
	 "Create the database when missing and apply the pending schema\n"
	 "migrations. Exit 0, 1 on failure, 2 on a usage error.\n"},
	{"mail",
	 "One pass of the outbox: send the letters due now.\n"
	 "  --smtp-url URL         smtp://HOST:PORT or smtps://HOST:PORT\n"
	 "  --mail-from ADDR       sender address (default noreply@budjetti.invalid)\n"
	 "  --mail-from-name NAME  sender's display name\n"
	 "  --mail-dir DIR         where .eml files go without a relay\n"
	 "  --smtp-user USER       SMTP AUTH user; password from BUD_SMTP_PASSWORD\n"
	 "  --smtp-starttls        require STARTTLS\n"
	 "  --mail-backoff S       seconds before the first retry\n"},
	{"demo",
	 "Fill a new database with the demo data set and print one account per\n"
	 "role (passwords once; BUD_DEMO_PASSWORD sets them all, for tests).\n"
	 "  --json       the accounts as JSON\n"
	 "  --no-cases   without the case histories\n"
	 "  --scale N    add a generated county of N clients (1..1000000): about\n"
	 "               10 providers per 1 000 clients, approved plans, active\n"
	 "               commitments and a year of service events; the same N\n"
	 "               gives the same county; progress on stderr\n"},
	{"settle",
	 "Settle a month: invoice every provider's payable service events of\n"
	 "the month, check and approve the invoices, make a payment run and\n"
	 "have the approver approve it, writing its pain.001 to FILE (new).\n"
	 "  --month YYYY-MM        the month (not after the current one)\n"
	 "  --finance USER         the finance user who makes and approves the\n"
	 "                         invoices and the run (BUD_FINANCE_PASSWORD)\n"
	 "  --approver USER        another finance user who approves the run\n"
	 "                         (BUD_APPROVER_PASSWORD)\n"
	 "  --version 03|09        the pain.001 version (default 03)\n"
	 "Progress on stderr; one line on stdout says what was settled.\n"
	 "Exit 0 when settled, 1 when refused or failed, 2 on a usage error.\n"},
	{"user",
	 "Add an account, set a password (ends the user's sessions) or record a\n"
	 "mandate. The password is read from stdin, else generated and printed.\n"},
	{"prices",
	 "Export the price list valid on a day as CSV, or import price versions\n"
	 "from CSV (all or nothing; FILE - reads stdin).\n"},
	{"providers",
	 "Add N fictitious approved providers (benchmarks, load tests).\n"},
	{"validate",
	 "Check an identifier and print its canonical form.\n"
	 "  KIND: hetu ytunnus iban bic viite rf ovt; --create viite|rf BASE\n"},
	{"finvoice", "Read a Finvoice 3.0 invoice: list its problems or show it.\n"},
	{"camt054", "Read an ISO 20022 camt.054 notification: problems or contents.\n"},
	{"pain001", "Write a pain.001 credit transfer file from a payment run in JSON.\n"},
	{"help", "List the commands, or describe one: budjetti help COMMAND.\n"},
	{"version", "Print the version (also: budjetti --version).\n"},
	{NULL, NULL},
};

int bud_cli_is_help(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

int bud_cli_help(const char *name)
{
	const struct bud_cmd *c;
	const struct help *h;

	for (c = bud_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			break;
	if (!c->name) {
		fprintf(stderr, "budjetti: unknown command '%s' (see 'budjetti help')\n", name);
		return 2;
	}
	printf("usage: budjetti %s%s%s\n\n", c->name, c->usage[0] ? " " : "", c->usage);
	for (h = helps; h->name; h++)
		if (strcmp(h->name, name) == 0)
			fputs(h->text, stdout);
	printf("\nSee budjetti(1) for more.\n");
	return 0;
}
