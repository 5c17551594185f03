/*
 * cli/cmd_prices.c: `budjetti prices export` and `budjetti prices import`,
 * the price list from the shell, as the system (no signed-in actor) on the
 * installation's organiser (app/price.h).
 *
 *   budjetti prices export --db PATH [--date YYYY-MM-DD]
 *     writes the list valid on the date (default today in Helsinki) as CSV
 *     (UTF-8 with a BOM, ';', CRLF) to stdout;
 *   budjetti prices import --db PATH FILE
 *     imports FILE ("-" for stdin) in one transaction; prints
 *     "added N, skipped M". A refused file writes nothing and prints the
 *     line, the column and the reason on stderr.
 *
 * Exit 0 on success, 1 when the input is refused or the database fails,
 * 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/price.h"
#include "bud_limits.h"
#include "cli/cli.h"
#include "core/buf.h"

#define PRICES_USAGE \
	"usage: budjetti prices export --db PATH [--date YYYY-MM-DD]\n" \
	"       budjetti prices import --db PATH FILE\n"

struct prices_opts {
	const char *db, *date, *file;
};

/* --db, --date and one positional FILE; -1 on a usage error. */
static int parse_opts(int argc, char **argv, struct prices_opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			o->db = argv[++i];
		else if (strcmp(argv[i], "--date") == 0 && i + 1 < argc)
			o->date = argv[++i];
		else if ((strncmp(argv[i], "--", 2) != 0 || strcmp(argv[i], "-") == 0) &&
			 !o->file)
			o->file = argv[i];
		else
			return -1;
	}
	return o->db ? 0 : -1;
}

static int prices_export(const struct prices_opts *o)
{
	bud_app app;
	bud_buf b;
	bud_err err;
	int rc;

	if (o->file) {
		fputs(PRICES_USAGE, stderr);
		return 2;
	}
	bud_err_clear(&err);
	bud_buf_init(&b, BUD_MAX_RESPONSE);
	rc = bud_cli_open_app(o->db, NULL, &app, &err);
	if (rc == BUD_OK)
		rc = bud_price_export_csv(&app, NULL, o->date, &b, &err);
	bud_db_close(app.db);
	if (rc == BUD_OK && fwrite(b.data, 1, b.len, stdout) != b.len)
		rc = bud_err_set(&err, BUD_EIO, NULL, "err.io", "cannot write stdout");
	bud_buf_free(&b);
	return rc == BUD_OK ? 0 : bud_cli_fail("prices", &err);
}

/* The whole file (at most BUD_MAX_BODY bytes) into b. */
static int read_file(const char *path, bud_buf *b, bud_err *err)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[8192];
	size_t n;
	int rc = BUD_OK;

	if (!fp)
		return bud_err_set(err, BUD_EIO, "file", "err.io", "cannot open the file");
	while (rc == BUD_OK && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (bud_buf_add(b, chunk, n) != BUD_OK)
			rc = bud_err_set(err, BUD_ETOOBIG, "file", "err.csv.too_large",
					 "the file is over %d bytes", BUD_MAX_BODY);
	if (rc == BUD_OK && ferror(fp))
		rc = bud_err_set(err, BUD_EIO, "file", "err.io", "cannot read the file");
	if (fp != stdin)
		fclose(fp);
	return rc;
}

static int prices_import(const struct prices_opts *o)
{
	struct bud_price_import_result res;
	bud_app app;
	bud_buf b;
	bud_err err;
	int rc;

	if (!o->file || o->date) {
		fputs(PRICES_USAGE, stderr);
		return 2;
	}
	bud_err_clear(&err);
	memset(&app, 0, sizeof(app));
	bud_buf_init(&b, BUD_MAX_BODY);
	rc = read_file(o->file, &b, &err);
	if (rc == BUD_OK)
		rc = bud_cli_open_app(o->db, NULL, &app, &err);
	if (rc == BUD_OK)
		rc = bud_price_import_csv(&app, NULL, b.data ? b.data : "", b.len, &res,
					  &err);
	bud_db_close(app.db);
	bud_buf_free(&b);
	if (rc != BUD_OK)
		return bud_cli_fail("prices", &err);
	printf("added %zu, skipped %zu\n", res.added, res.skipped);
	return 0;
}

int bud_cmd_prices(int argc, char **argv)
{
	struct prices_opts o;

	if (argc < 1 || parse_opts(argc - 1, argv + 1, &o) != 0) {
		fputs(PRICES_USAGE, stderr);
		return 2;
	}
	if (strcmp(argv[0], "export") == 0)
		return prices_export(&o);
	if (strcmp(argv[0], "import") == 0)
		return prices_import(&o);
	fputs(PRICES_USAGE, stderr);
	return 2;
}
