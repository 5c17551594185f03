/*
 * cli/cmd_providers.c: `budjetti providers seed`, fictitious approved
 * providers for benchmarks and load tests (app/provider.h,
 * bud_provider_seed), as the system on the installation's organiser:
 *
 *   budjetti providers seed --db PATH --count N [--service CODE]
 *                           [--municipality NAME]
 *     adds N providers approved for the service (default
 *     personal_assistance) in the municipality (default Porvoo), each
 *     with an own price and a location, in one transaction; prints
 *     "seeded N providers".
 *
 * Exit 0 on success, 1 when refused or the database fails, 2 on a usage
 * error. bench/http uses it, so the benchmark needs no SQL of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/provider.h"
#include "bud_limits.h"
#include "cli/cli.h"

#define PROVIDERS_USAGE \
	"usage: budjetti providers seed --db PATH --count N [--service CODE]" \
	" [--municipality NAME]\n"

struct seed_opts {
	const char *db, *service, *municipality;
	long count;
};

static int parse_opts(int argc, char **argv, struct seed_opts *o)
{
	char *end;
	int i;

	o->db = NULL;
	o->service = "personal_assistance";
	o->municipality = "Porvoo";
	o->count = 0;
	if (argc < 1 || strcmp(argv[0], "seed") != 0)
		return -1;
	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--db") == 0)
			o->db = argv[i + 1];
		else if (strcmp(argv[i], "--service") == 0)
			o->service = argv[i + 1];
		else if (strcmp(argv[i], "--municipality") == 0)
			o->municipality = argv[i + 1];
		else if (strcmp(argv[i], "--count") == 0) {
			o->count = strtol(argv[i + 1], &end, 10);
			if (*end || end == argv[i + 1])
				return -1;
		} else
			return -1;
	}
	if (i != argc || !o->db || o->count < 1 || o->count > BUD_SEED_PROVIDERS_MAX)
		return -1;
	return 0;
}

int bud_cmd_providers(int argc, char **argv)
{
	struct seed_opts o;
	bud_app app;
	bud_err err;
	int rc;

	if (parse_opts(argc, argv, &o) != 0) {
		fputs(PROVIDERS_USAGE, stderr);
		return 2;
	}
	bud_err_clear(&err);
	rc = bud_cli_open_app(o.db, NULL, &app, &err);
	if (rc == BUD_OK)
		rc = bud_provider_seed(&app, (int)o.count, o.service, o.municipality, &err);
	bud_db_close(app.db);
	if (rc != BUD_OK)
		return bud_cli_fail("providers seed", &err);
	printf("seeded %ld providers\n", o.count);
	return 0;
}
