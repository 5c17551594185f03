/*
 * app/check.c: `budjetti check` (app/check.h).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/check.h"
#include "app/uselog.h"
#include "core/budget.h"
#include "core/state.h"
#include "store/check.h"
#include "store/commitment.h"
#include "store/event.h"

struct check_ctx {
	bud_check_report_fn report;
	void *arg;
	struct bud_check_result *res;
	int64_t last_plan;	/* the plan whose totals were checked last */
};

static void problem(struct check_ctx *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct check_ctx *x, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	x->res->problems++;
	if (x->report)
		x->report(x->arg, line);
}

/* The plan's totals, once per plan (rows come ordered by plan). */
static void check_plan(struct check_ctx *x, const struct bud_store_check_line *l)
{
	if (l->plan_id == x->last_plan)
		return;
	x->last_plan = l->plan_id;
	if (bud_plan_in_force(bud_plan_state_parse(l->state)) &&
	    l->plan_granted != l->plan_total)
		problem(x, "plan %" PRId64 ": the ledger granted %" PRId64
			" cents, its lines add up to %" PRId64, l->plan_id,
			l->plan_granted, l->plan_total);
}

static int check_line(void *arg, const struct bud_store_check_line *l)
{
	struct check_ctx *x = arg;
	const char *last = l->effective_to[0] ? l->effective_to : l->valid_to;
	int64_t period = 0, kept = 0;
	bud_err err;

	x->res->lines++;
	check_plan(x, l);
	if (bud_budget_prorata(l->monthly_amount, l->valid_from, l->valid_to,
			       &period, &err) != BUD_OK ||
	    bud_budget_until(l->monthly_amount, l->valid_from, l->valid_to,
			     last, &kept, &err) != BUD_OK) {
		problem(x, "plan %" PRId64 " line %" PRId64 ": %s", l->plan_id,
			l->line_id, err.detail);
		return 0;
	}
	if (l->period_amount != period)
		problem(x, "plan %" PRId64 " line %" PRId64 ": period amount %"
			PRId64 ", recomputed %" PRId64, l->plan_id, l->line_id,
			l->period_amount, period);
	if (l->granted != l->period_amount)
		problem(x, "plan %" PRId64 " line %" PRId64 ": granted %" PRId64
			", the line's amount is %" PRId64, l->plan_id, l->line_id,
			l->granted, l->period_amount);
	if (l->granted - l->revoked != kept)
		problem(x, "plan %" PRId64 " line %" PRId64 ": net grant %" PRId64
			", its amount while in force is %" PRId64, l->plan_id,
			l->line_id, l->granted - l->revoked, kept);
	return 0;
}

/*
 * The reservations and spending of one line (migration 016: a spend
 * consumes its commitment's reservation). With
 *   net        = granted - revoked
 *   reserved'  = reserved - released   (what commitments took of net)
 *   held       = reserved' - spent     (what they still hold, not invoiced)
 *   unreserved = net - reserved'       (what no commitment took)
 * the line must satisfy
 *   net = held + spent + unreserved, with held, spent, unreserved >= 0,
 * so spent <= reserved' <= net: nothing is spent beyond the grant. And
 * the ledger agrees with the commitments (reserved' and spent) and with
 * the approved invoice rows (spent); no commitment spent more than it
 * held. Each failing one is reported, naming the plan and line.
 */
static int check_reserve(void *arg, const struct bud_store_check_reserve *r)
{
	struct check_ctx *x = arg;
	int64_t net = r->granted - r->revoked, took = r->reserved - r->released;
	int64_t held = took - r->spent, unreserved = net - took;

	if (took < 0)
		problem(x, "plan %" PRId64 " line %" PRId64 ": released %" PRId64
			" more than reserved %" PRId64, r->plan_id, r->line_id,
			r->released, r->reserved);
	if (held < 0 && took >= 0)
		problem(x, "plan %" PRId64 " line %" PRId64 ": spent %" PRId64
			" more than reserved %" PRId64 " (held %" PRId64 ")",
			r->plan_id, r->line_id, r->spent, took, held);
	if (unreserved < 0)
		problem(x, "plan %" PRId64 " line %" PRId64 ": reserved %" PRId64
			" beyond the net grant %" PRId64 " (unreserved %" PRId64 ")",
			r->plan_id, r->line_id, took, net, unreserved);
	if (took != r->held)
		problem(x, "plan %" PRId64 " line %" PRId64 ": the ledger holds %"
			PRId64 " reserved, its commitments %" PRId64, r->plan_id,
			r->line_id, took, r->held);
	if (r->spent != r->cm_spent || r->spent != r->rows_approved)
		problem(x, "plan %" PRId64 " line %" PRId64 ": the ledger spent %"
			PRId64 ", its commitments %" PRId64 ", approved invoice rows %"
			PRId64, r->plan_id, r->line_id, r->spent, r->cm_spent,
			r->rows_approved);
	if (r->cm_over > 0)
		problem(x, "plan %" PRId64 " line %" PRId64 ": %" PRId64
			" commitment(s) spent more than they hold", r->plan_id,
			r->line_id, r->cm_over);
	return 0;
}

/* A commitment's month whose kept usage differs from its events. */
static int check_usage(void *arg, int64_t commitment_id, const char *month,
		       int64_t kept, int64_t summed)
{
	problem(arg, "commitment %" PRId64 " %s: service usage %" PRId64
		" hundredths, its events %" PRId64, commitment_id, month, kept, summed);
	return 0;
}

int bud_check_run(bud_app *app, bud_check_report_fn report, void *arg,
		  struct bud_check_result *out, bud_err *err)
{
	return bud_check_run_progress(app, report, arg, NULL, NULL, out, err);
}

int bud_check_run_progress(bud_app *app, bud_check_report_fn report, void *arg,
			   bud_check_progress_fn progress, void *parg,
			   struct bud_check_result *out, bud_err *err)
{
	struct check_ctx x = {report, arg, out, 0};
	int64_t broken = 0;
	bud_err verr;
	bud_conn *c;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = bud_uselog_verify_ex(app, &broken, &verr);
	out->uselog_ok = rc == BUD_OK;
	if (rc == BUD_EINTERNAL && broken)
		problem(&x, "use log: the chain breaks at row %" PRId64, broken);
	else if (rc != BUD_OK)
		return bud_err_set(err, rc, NULL, verr.key, "%s", verr.detail);
	if (progress)
		progress(parg, 1, BUD_CHECK_STEPS);
	c = bud_db_reader(app->db, err);
	if (!c)
		return err ? err->code : BUD_EIO;
	rc = bud_store_check_lines(c, check_line, &x, err);
	if (rc == BUD_OK && progress)
		progress(parg, 2, BUD_CHECK_STEPS);
	if (rc == BUD_OK)
		rc = bud_store_check_reserves(c, check_reserve, &x, err);
	if (rc == BUD_OK && progress)
		progress(parg, 3, BUD_CHECK_STEPS);
	if (rc == BUD_OK)
		rc = bud_store_event_usage_check(c, check_usage, &x, err);
	if (rc == BUD_OK && progress)
		progress(parg, BUD_CHECK_STEPS, BUD_CHECK_STEPS);
	return rc;
}
