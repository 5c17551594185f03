/*
 * cli/cmd_payrun.c: `budjetti payrun`, a payment run's file and the bank's
 * notice from the shell, as the system (no signed-in actor) on the
 * installation's database (app/payrun.h). Making and approving a run stay
 * on the pages and the API: they need two finance users and a password.
 *
 *   budjetti payrun pain001 --db PATH --run ID [--version 03|09]
 *     writes the approved run's pain.001 (version 03 by default) to stdout;
 *   budjetti payrun camt054 --db PATH --run ID FILE
 *     imports the bank's camt.054 notice FILE for the run
 *     and prints what it settled (JSON: paid, returned, unknown). A notice
 *     that does not read lists its problems on stderr and writes nothing.
 *
 * Exit 0 on success, 1 when refused or the database fails, 2 on a usage
 * error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/payrun.h"
#include "bud_limits.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "formats/fmt.h"

#define PAYRUN_USAGE \
	"usage: budjetti payrun pain001 --db PATH --run ID [--version 03|09]\n" \
	"       budjetti payrun camt054 --db PATH --run ID FILE\n"

struct payrun_opts {
	const char *db, *file;
	long long run;
	int version;
};

static int parse_num(const char *s, long long max, long long *out)
{
	char *end = NULL;
	long long v = strtoll(s, &end, 10);

	if (!*s || *end || v < 1 || v > max)
		return -1;
	*out = v;
	return 0;
}

/* --db, --run, --version and one positional FILE; -1 on a usage error. */
static int parse_opts(int argc, char **argv, struct payrun_opts *o)
{
	long long v = 3;
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			o->db = argv[++i];
		else if (strcmp(argv[i], "--run") == 0 && i + 1 < argc) {
			if (parse_num(argv[++i], INT64_MAX, &o->run))
				return -1;
		} else if (strcmp(argv[i], "--version") == 0 && i + 1 < argc) {
			if (parse_num(argv[++i], 9, &v) || (v != 3 && v != 9))
				return -1;
		} else if ((strncmp(argv[i], "--", 2) != 0 || strcmp(argv[i], "-") == 0) &&
			   !o->file)
			o->file = argv[i];
		else
			return -1;
	}
	o->version = (int)v;
	return o->db && o->run ? 0 : -1;
}

static int pain(const struct payrun_opts *o)
{
	bud_app app;
	bud_buf b;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	memset(&app, 0, sizeof(app));
	bud_buf_init(&b, BUD_MAX_RESPONSE);
	rc = bud_cli_open_app(o->db, NULL, &app, &err);
	if (rc == BUD_OK)
		rc = bud_payrun_file(&app, NULL, o->run, o->version, &b, &err);
	bud_db_close(app.db);
	if (rc == BUD_OK && fwrite(b.data, 1, b.len, stdout) != b.len)
		rc = bud_err_set(&err, BUD_EIO, NULL, "err.io", "cannot write stdout");
	bud_buf_free(&b);
	return rc == BUD_OK ? 0 : bud_cli_fail("payrun", &err);
}

static void print_problems(json_t *problems)
{
	json_t *p;
	size_t i;

	json_array_foreach(problems, i, p)
		fprintf(stderr, "%lld: %s: %s\n",
			(long long)json_integer_value(json_object_get(p, "line")),
			json_string_value(json_object_get(p, "path")),
			json_string_value(json_object_get(p, "detail")));
}

static int camt(const struct payrun_opts *o)
{
	json_t *report = NULL, *problems = NULL;
	char *data = NULL;
	size_t len = 0;
	bud_app app;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	memset(&app, 0, sizeof(app));
	rc = bud_fmt_read_file(o->file, BUD_MAX_XML, &data, &len, &err);
	if (rc == BUD_OK)
		rc = bud_cli_open_app(o->db, NULL, &app, &err);
	if (rc == BUD_OK)
		rc = bud_payrun_camt054(&app, NULL, o->run, data, len, &report, &problems,
					&err);
	bud_db_close(app.db);
	free(data);
	if (problems)
		print_problems(problems);
	json_decref(problems);
	if (rc != BUD_OK)
		return bud_cli_fail("payrun", &err);
	json_dumpf(report, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
	fputc('\n', stdout);
	json_decref(report);
	return 0;
}

int bud_cmd_payrun(int argc, char **argv)
{
	struct payrun_opts o;

	if (argc < 1 || parse_opts(argc - 1, argv + 1, &o) != 0) {
		fputs(PAYRUN_USAGE, stderr);
		return 2;
	}
	if (strcmp(argv[0], "pain001") == 0 && !o.file)
		return pain(&o);
	if (strcmp(argv[0], "camt054") == 0 && o.file)
		return camt(&o);
	fputs(PAYRUN_USAGE, stderr);
	return 2;
}
