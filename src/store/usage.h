/*
 * store/usage.h: the reads behind budget against use (app/usage.h),
 * store_usage.c. Set-based: one statement walks every line of a scope,
 * its sums read from the covering indexes of migration 021, so a county's
 * report is one pass, not a query per line. Reads only; no rules (what a
 * line's forecast says, and who may see it, is app/usage.c's).
 *
 * A line is in the report when its plan was decided (approved, superseded,
 * ended) and its period (valid_from .. effective_to or valid_to) meets
 * from .. to. Its sums count ledger rows and service events dated on or
 * before `to`:
 *   granted    grant - revoke
 *   reserved   reserve - release (what commitments took)
 *   spent      spend (approved invoice rows)
 *   delivered  service events not upheld (what providers recorded)
 *   spent_events  the part of spent from invoice rows that invoice events
 * so what a line has used, invoiced or not, is
 *   delivered + spent - spent_events.
 */
#ifndef BUD_STORE_USAGE_H
#define BUD_STORE_USAGE_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

struct bud_store_usage_scope {
	int64_t organiser_id;
	const char *from, *to;		/* YYYY-MM-DD */
	int64_t client_id;		/* 0: every client of the scope */
	int64_t worker_id;		/* non-zero: only clients whose worker this is */
	int64_t unit_id;		/* ... or of this unit (0: none) */
};

struct bud_store_usage_line {
	int64_t line_id, plan_id, client_id, service_id, provider_id;	/* provider 0: none */
	const char *first_name, *last_name;
	const char *service_fi, *service_sv, *service_en;
	const char *provider_name;	/* "" when no commitment */
	const char *valid_from, *valid_to;	/* the line's period (effective) */
	const char *review_date;
	int64_t granted, reserved, spent, delivered, spent_events;
};

/* Called for each line in client-name order; strings live until it
 * returns; a non-zero return stops the walk and is returned. */
typedef int (*bud_store_usage_fn)(void *arg, const struct bud_store_usage_line *l);

int bud_store_usage_lines(bud_conn *c, const struct bud_store_usage_scope *s,
			  bud_store_usage_fn fn, void *arg, bud_err *err);

/* Per provider, over the commitments of the scope's lines whose period
 * meets from..to: reserved (reserve - release), spent and delivered (events
 * up to `to`, not upheld) as the commitments hold them now. */
struct bud_store_usage_provider {
	int64_t provider_id;
	const char *name;
	int64_t commitments, reserved, spent, delivered;
};
typedef int (*bud_store_usage_provider_fn)(void *arg,
					   const struct bud_store_usage_provider *p);
int bud_store_usage_providers(bud_conn *c, const struct bud_store_usage_scope *s,
			      bud_store_usage_provider_fn fn, void *arg, bud_err *err);

/* The organiser's alert thresholds (migration 021). */
struct bud_store_usage_settings {
	int from_pct, pace_pct, warn_days;
};
int bud_store_usage_settings_get(bud_conn *c, int64_t organiser_id,
				 struct bud_store_usage_settings *out, bud_err *err);
int bud_store_usage_settings_set(bud_conn *w, int64_t organiser_id,
				 const struct bud_store_usage_settings *s, bud_err *err);

/*
 * The other alerts of a worker's home, each over the clients of the
 * scope (worker or unit): mandates whose last day is from..to; service
 * events disputed and waiting (per client: how many, the oldest day);
 * approvals of providers with a commitment of the scope's clients still
 * running that are suspended or withdrawn from a day on or after `from`.
 */
struct bud_store_usage_alert {
	const char *kind;		/* "mandate", "disputed", "approval" */
	int64_t client_id, ref_id;	/* ref: mandate, 0, approval */
	const char *first_name, *last_name;
	const char *day;		/* mandate's last day, oldest event, approval's end */
	int64_t count;			/* disputed: events */
	const char *name;		/* approval: provider name */
	const char *service_fi, *service_sv, *service_en;	/* approval */
};
typedef int (*bud_store_usage_alert_fn)(void *arg, const struct bud_store_usage_alert *a);
int bud_store_usage_alerts(bud_conn *c, const struct bud_store_usage_scope *s,
			   bud_store_usage_alert_fn fn, void *arg, bud_err *err);

/* The bare aggregate of the benchmark (bench/report): the same sums per
 * line straight from the indexes, without plans, names or scope; *lines
 * gets how many lines had a row, *total the sum of every figure (so the
 * work cannot be skipped). */
int bud_store_usage_bare(bud_conn *c, const char *to, int64_t *lines, int64_t *total,
			 bud_err *err);

#endif
