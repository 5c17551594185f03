/*
 * cli/cmd_retention.c: `budjetti retention`, the organiser's IT's way to
 * the retention work of app/retention.h (as the system: no signed-in
 * actor, no password; the use log names the system).
 *
 *   budjetti retention list --db PATH
 *
 * prints the clients whose time has passed, one a line, tab-separated:
 * client id, the day its last case closed, the day it became due,
 * municipality. No name, no identity code.
 *
 *   budjetti retention approve --db PATH [--list N]
 *
 * without --list makes a destruction list of the clients due and
 * approves it ("list N: M clients approved"); with --list approves list N
 * made on the admin's page.
 *
 *   budjetti retention destroy --db PATH --list N
 *
 * destroys the personal data of approved list N's clients, one unit each
 * ("list N: D destroyed, X dropped").
 *
 * Exit 0 on success, 1 when refused (the reason on stderr) or the
 * database fails, 2 on a usage error.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/retention.h"
#include "cli/cli.h"

#define RETENTION_USAGE \
	"usage: budjetti retention list --db PATH\n" \
	"       budjetti retention approve --db PATH [--list N]\n" \
	"       budjetti retention destroy --db PATH --list N\n"

struct opts {
	const char *db, *list;
};

/* "--name VALUE" pairs; -1 on a usage error. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < argc; i += 2) {
		const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			return -1;
		if (strcmp(k, "--db") == 0)
			o->db = v;
		else if (strcmp(k, "--list") == 0)
			o->list = v;
		else
			return -1;
	}
	return o->db ? 0 : -1;
}

/* A positive id, 0 when s is NULL, -1 when malformed (message printed). */
static int64_t id_of(const char *s)
{
	long long v = 0;
	char *end = NULL;

	if (!s)
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v <= 0) {
		fputs("budjetti retention: --list: a positive whole number\n", stderr);
		return -1;
	}
	return (int64_t)v;
}

static int run_list(bud_app *app)
{
	struct bud_page pg = {BUD_MAX_PAGE_ROWS, 0, 0};
	json_t *items = NULL, *v;
	bud_err err;
	size_t i;

	do {
		bud_err_clear(&err);
		if (bud_retention_due(app, NULL, &pg, &items, &err))
			return bud_cli_fail("retention", &err);
		json_array_foreach(items, i, v)
			printf("%" JSON_INTEGER_FORMAT "\t%s\t%s\t%s\n",
			       json_integer_value(json_object_get(v, "client_id")),
			       json_string_value(json_object_get(v, "closed_on")),
			       json_string_value(json_object_get(v, "due_on")),
			       json_string_value(json_object_get(v, "municipality")));
		json_decref(items);
		pg.at = pg.next;
	} while (pg.next);
	return 0;
}

static int run_approve(bud_app *app, int64_t list)
{
	json_t *v = NULL;
	bud_err err;

	bud_err_clear(&err);
	if ((!list && bud_retention_list_create(app, NULL, &list, &err)) ||
	    bud_retention_list_approve(app, NULL, list, NULL, NULL, &err) ||
	    bud_retention_list_get(app, NULL, list, &v, &err))
		return bud_cli_fail("retention", &err);
	printf("list %" PRId64 ": %" JSON_INTEGER_FORMAT " clients approved, %"
	       JSON_INTEGER_FORMAT " dropped\n", list,
	       json_integer_value(json_object_get(v, "clients")) -
	       json_integer_value(json_object_get(v, "dropped")),
	       json_integer_value(json_object_get(v, "dropped")));
	json_decref(v);
	return 0;
}

static int run_destroy(bud_app *app, int64_t list)
{
	int64_t destroyed = 0, dropped = 0;
	bud_err err;

	if (!list)
		return 2;
	bud_err_clear(&err);
	if (bud_retention_list_destroy(app, NULL, list, &destroyed, &dropped, &err))
		return bud_cli_fail("retention", &err);
	printf("list %" PRId64 ": %" PRId64 " destroyed, %" PRId64 " dropped\n", list,
	       destroyed, dropped);
	return 0;
}

int bud_cmd_retention(int argc, char **argv)
{
	struct opts o;
	int64_t list;
	bud_app app;
	bud_err err;
	int rc = 2;

	if (argc < 1 || parse_opts(argc - 1, argv + 1, &o) != 0 ||
	    (list = id_of(o.list)) < 0) {
		fputs(RETENTION_USAGE, stderr);
		return 2;
	}
	bud_err_clear(&err);
	if (bud_cli_open_app(o.db, NULL, &app, &err) != BUD_OK) {
		bud_db_close(app.db);
		return bud_cli_fail("retention", &err);
	}
	if (strcmp(argv[0], "list") == 0 && !list)
		rc = run_list(&app);
	else if (strcmp(argv[0], "approve") == 0)
		rc = run_approve(&app, list);
	else if (strcmp(argv[0], "destroy") == 0)
		rc = run_destroy(&app, list);
	if (rc == 2)
		fputs(RETENTION_USAGE, stderr);
	bud_db_close(app.db);
	return rc;
}
