/*
 * cli/report.h: how the format subcommands (finvoice, camt054) print what
 * they read: JSON helpers and the one report shape
 *   {"ok": bool, WHAT: document|null, "problems": [...], "problems_not_listed": N}
 */
#ifndef BUD_CLI_REPORT_H
#define BUD_CLI_REPORT_H

#include <jansson.h>

#include "formats/fmt.h"

/* A JSON string for s, or null when s is NULL or not UTF-8. */
json_t *bud_cli_jstr(const char *s);

/* The problems as a JSON array of {path, line, key, detail}. */
json_t *bud_cli_problems_json(const struct bud_fmt_problems *p);

/*
 * Print the report for command cmd to stdout; doc (stolen) may be NULL for
 * an unreadable document. Returns the exit code: 0 when doc was read, 1
 * when it could not be, 2 when the JSON could not be written.
 */
int bud_cli_print_report(const char *cmd, const char *what, json_t *doc,
			 const struct bud_fmt_problems *probs);

#endif
