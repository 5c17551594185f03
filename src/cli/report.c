/*
 * cli/report.c: the JSON report of the format subcommands (see report.h).
 */
#include <stdio.h>

#include "cli/report.h"

json_t *bud_cli_jstr(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;

	return j ? j : json_null();
}

json_t *bud_cli_problems_json(const struct bud_fmt_problems *p)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < p->n; i++)
		json_array_append_new(a, json_pack("{s:s, s:i, s:s, s:s}", "path", p->v[i].path,
						   "line", p->v[i].line, "key", p->v[i].key,
						   "detail", p->v[i].detail));
	return a;
}

int bud_cli_print_report(const char *cmd, const char *what, json_t *doc,
			 const struct bud_fmt_problems *probs)
{
	int read_ok = doc != NULL;
	json_t *out;
	int rc;

	out = json_pack("{s:b, s:o, s:o, s:I}", "ok", bud_fmt_problems_count(probs) == 0,
			what, doc ? doc : json_null(),
			"problems", bud_cli_problems_json(probs),
			"problems_not_listed", (json_int_t)probs->dropped);
	if (!out || json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
		fprintf(stderr, "budjetti %s: cannot write JSON\n", cmd);
		rc = 2;
	} else {
		fputc('\n', stdout);
		rc = read_ok ? 0 : 1;
	}
	json_decref(out);
	return rc;
}
