/*
 * cli/cmd_validate.c: `budjetti validate`, the identifier checkers of
 * core/ids.h on the command line.
 *
 *   budjetti validate KIND VALUE         KIND: hetu ytunnus iban bic viite rf ovt
 *   budjetti validate --create viite|rf BASE
 *
 * A valid value prints its canonical form on stdout (for a henkilötunnus
 * also the birth date, and "temporary" for individual numbers 900-999) and
 * exits 0; an invalid one prints "invalid: REASON" on stderr and exits 1;
 * a usage error exits 2. The value is never echoed in an error message.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "core/ids.h"

#define VALIDATE_USAGE \
	"usage: budjetti validate KIND VALUE | --create viite|rf BASE\n" \
	"  KIND: hetu, ytunnus, iban, bic, viite, rf, ovt\n" \
	"  Print forms with spaces (IBAN, viite, RF) go in quotes.\n"

static int usage_error(const char *why, const char *arg)
{
	if (why)
		fprintf(stderr, "budjetti validate: %s%s%s%s\n", why,
			arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
	fputs(VALIDATE_USAGE, stderr);
	return 2;
}

/* Exit code and message for a failed check or creation. */
static int report_failure(int rc, const bud_err *err)
{
	fprintf(stderr, "%s: %s\n", rc == BUD_EINVAL ? "invalid" : "error",
		err->detail[0] ? err->detail : bud_rc_name(rc));
	return 1;
}

static int validate_hetu(const char *value)
{
	struct bud_hetu_info info;
	char born[BUD_DATE_BUF];
	bud_err err;
	int rc;

	bud_err_clear(&err);
	rc = bud_hetu_check(value, &info, &err);
	if (rc != BUD_OK)
		return report_failure(rc, &err);
	if (bud_date_format(info.year, info.month, info.day, born) != BUD_OK)
		return report_failure(BUD_EINTERNAL, &err);
	printf("%s %s%s\n", value, born, info.temporary ? " temporary" : "");
	return 0;
}

static int validate(const char *kind_name, const char *value)
{
	char out[BUD_ID_BUF];
	bud_err err;
	int kind = bud_id_kind_parse(kind_name);
	int rc;

	if (kind < 0)
		return usage_error("unknown kind", kind_name);
	if (kind == BUD_ID_HETU)
		return validate_hetu(value);
	bud_err_clear(&err);
	rc = bud_id_check(kind, value, out, sizeof out, &err);
	if (rc != BUD_OK)
		return report_failure(rc, &err);
	printf("%s\n", out);
	return 0;
}

static int create(const char *kind_name, const char *base)
{
	char out[BUD_ID_BUF];
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (strcmp(kind_name, "viite") == 0)
		rc = bud_viite_create(base, out, sizeof out, &err);
	else if (strcmp(kind_name, "rf") == 0)
		rc = bud_rf_create(base, out, sizeof out, &err);
	else
		return usage_error("--create makes viite or rf, not", kind_name);
	if (rc != BUD_OK)
		return report_failure(rc, &err);
	printf("%s\n", out);
	return 0;
}

int bud_cmd_validate(int argc, char **argv)
{
	if (argc == 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
		fputs(VALIDATE_USAGE, stdout);
		return 0;
	}
	if (argc >= 1 && strcmp(argv[0], "--create") == 0) {
		if (argc != 3)
			return usage_error("--create takes a kind and a base", NULL);
		return create(argv[1], argv[2]);
	}
	if (argc != 2)
		return usage_error(argc < 2 ? "missing arguments" : "too many arguments "
				   "(quote a value that has spaces)", NULL);
	return validate(argv[0], argv[1]);
}
