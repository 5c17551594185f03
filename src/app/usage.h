/*
 * app/usage.h: budget against use (issue 14 item 1): per plan line, per
 * client, per service and per provider, for a period from..to: what was
 * granted, reserved (committed to providers), used, spent (approved
 * invoices) and is left, the rate of use and a forecast: at the pace so
 * far, does the line last to the end of its period, and on which day would
 * it run out (core/forecast.h has the arithmetic and its rounding).
 *
 * What a line has used is what providers delivered (service events not
 * upheld) plus what was invoiced without events (a standing monthly
 * commitment, a Finvoice row): delivered + spent - spent on event rows
 * (store/usage.h). Sums count rows dated up to `to`; the forecast looks
 * from the day min(to, today). Money in cents, shares in hundredths of a
 * percent.
 *
 * Who sees what (each answer reads in one read transaction and writes one
 * use-log row: the client's when one client is asked for, else one row for
 * the report with no client; finance's sums name no client and log none):
 *   worker          lines and clients of their own clients (responsible
 *                   worker or the client's unit), any grouping
 *   decision_maker  the organiser's clients, any grouping
 *   finance         per service and per provider only (sums, no client)
 *   client, representative  one client's own lines (client_id required;
 *                   app/authz.c decides, a mandate for a representative)
 *   others          BUD_EFORBIDDEN
 * Asking for a client the actor may not see is BUD_ENOTFOUND
 * (err.authz.denied), as everywhere.
 *
 * Alerts of a worker's home (bud_usage_alerts): lines under-used and
 * about to run out (the organiser's thresholds, bud_usage_settings_*),
 * mandates ending within BUD_ALERT_DAYS, disputed events waiting and
 * approvals of the providers of the worker's clients that end.
 */
#ifndef BUD_APP_USAGE_H
#define BUD_APP_USAGE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/forecast.h"
#include "core/page.h"
#include "core/report.h"

enum bud_usage_by { BUD_USAGE_LINE, BUD_USAGE_CLIENT, BUD_USAGE_SERVICE, BUD_USAGE_PROVIDER };

/* "line", "client", "service", "provider" -> *out; BUD_EINVAL naming
 * field (err.usage.by) otherwise. */
int bud_usage_by_parse(const char *s, const char *field, enum bud_usage_by *out,
		       bud_err *err);
const char *bud_usage_by_name(enum bud_usage_by by);

struct bud_usage_query {
	const char *from, *to;		/* YYYY-MM-DD, from <= to; NULL: this year */
	enum bud_usage_by by;
	int64_t client_id;		/* 0: every client the actor may see */
};

/* One row of a report: a line, or a group of lines (client, service,
 * provider). Strings are owned by the struct bud_usage. */
struct bud_usage_row {
	int64_t id;			/* line, client, service or provider id */
	int64_t client_id, plan_id;	/* line rows */
	const char *client_name;	/* line and client rows */
	const char *service;		/* line and service rows, in the language */
	const char *provider;		/* line and provider rows ("" none) */
	int64_t start, end;		/* line rows: the period, day numbers */
	int64_t lines;			/* group rows: lines (provider: commitments) */
	int64_t granted, reserved, used, spent, delivered, remaining;
	struct bud_forecast fc;		/* line rows; groups: used_share only */
	int underused;			/* line rows: 1; groups: how many lines */
	int64_t runs_out;		/* groups: lines that run out (or ran over) */
	int64_t first_runout;		/* the earliest run-out day, -1 none */
};

struct bud_usage {
	char from[11], to[11], as_of[11];
	enum bud_usage_by by;
	int64_t client_id;
	struct bud_usage_row total;	/* every row summed */
	struct bud_usage_row *rows;
	size_t nrows;
	int from_pct, pace_pct, warn_days;	/* the thresholds used */
	/* owned */
	size_t caprows;
	char **strings;
	size_t nstrings, capstrings;
};

/* Read the report q for actor in lang (service names) into *u (which need
 * not be initialised; bud_usage_release after any return). BUD_EINVAL
 * naming from/to for a bad period (err.usage.period) or one longer than
 * BUD_FORECAST_MAX_DAYS, the refusals above, BUD_ETOOBIG over
 * BUD_REPORT_MAX_ROWS rows. */
int bud_usage_read(bud_app *app, const bud_actor *actor, const struct bud_usage_query *q,
		   const char *lang, struct bud_usage *u, bud_err *err);
void bud_usage_release(struct bud_usage *u);	/* u may be NULL */

/* The rows of page pg (offset positioned) of u as JSON, with the totals:
 * {from, to, as_of, by, totals, items, next_cursor} (new reference, NULL
 * without memory). pg NULL: every row. Day numbers as "YYYY-MM-DD". */
json_t *bud_usage_json(const struct bud_usage *u, struct bud_page *pg);

/* u as a report table (caption and headings in lang) for the page, the
 * chart and the downloads (app/report_file.h); with_total adds a last row
 * of the totals (the downloads; a chart wants only the rows). r is
 * initialised here; release it after any return. */
int bud_usage_table(const struct bud_usage *u, const char *lang, int with_total,
		    struct bud_report *r);

/* The download of report q for actor in lang, for the page and the API
 * alike: its table with the totals into r (initialised here; release it
 * after any return) and the file's name without extension into name
 * ("kaytto-line-2026-01-01-2026-12-31"). The errors of bud_usage_read. */
int bud_usage_file(bud_app *app, const bud_actor *actor,
		   const struct bud_usage_query *q, const char *lang,
		   struct bud_report *r, char *name, size_t namesz, bud_err *err);

/* The alerts of a worker's home as JSON:
 * {lines: [{kind: "underused"|"runs_out"|"exceeded", line_id, plan_id,
 *   client_id, client_name, service, used_share, time_share, runout}],
 *  others: [{kind: "mandate"|"disputed"|"approval", client_id, client_name,
 *   day, count, provider, service}]}; a client's own lines for their home
 * (actor a client or representative, client_id their client):
 * {lines: [{service, granted, used, remaining, used_share, lasts, runout,
 *   valid_to, state}]}. One use-log row. */
int bud_usage_alerts(bud_app *app, const bud_actor *actor, const char *lang,
		     json_t **out, bud_err *err);
int bud_usage_own(bud_app *app, const bud_actor *actor, int64_t client_id,
		  const char *lang, json_t **out, bud_err *err);

/* The organiser's thresholds: {from_pct, pace_pct, warn_days} (staff);
 * the admin sets them (each whole percent 1..100, days 1..365; BUD_EINVAL
 * naming the field, err.usage.threshold). */
struct bud_usage_settings {
	int from_pct, pace_pct, warn_days;
};
int bud_usage_settings_get(bud_app *app, const bud_actor *actor,
			   struct bud_usage_settings *out, bud_err *err);
int bud_usage_settings_set(bud_app *app, const bud_actor *actor,
			   const struct bud_usage_settings *s, bud_err *err);

#endif
